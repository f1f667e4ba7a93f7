//! The `reconcile` service; see `budget_pipeline::reconcile`.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    budget_service::lifecycle::main(
        budget_pipeline::reconcile::NAME,
        budget_pipeline::reconcile::run,
    )
}
