//! The `ingest` service; see `budget_pipeline::ingest`.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    budget_service::lifecycle::main(budget_pipeline::ingest::NAME, budget_pipeline::ingest::run)
}
