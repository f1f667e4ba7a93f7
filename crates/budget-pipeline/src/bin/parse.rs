//! The `parse` service; see `budget_pipeline::parse`.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    budget_service::lifecycle::main(budget_pipeline::parse::NAME, budget_pipeline::parse::run)
}
