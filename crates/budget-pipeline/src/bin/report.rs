//! The `report` service; see `budget_pipeline::report`.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    budget_service::lifecycle::main(budget_pipeline::report::NAME, budget_pipeline::report::run)
}
