//! Compiles `proto/budget.proto` with `protox` (pure Rust: no `protoc` needed on the machine) and
//! generates the Rust messages (prost) and the gRPC clients and servers of its services (tonic)
//! into `OUT_DIR/budget.v1.rs`.

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let proto_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../proto");
    println!(
        "cargo:rerun-if-changed={}",
        proto_dir.join("budget.proto").display()
    );
    let fds = protox::compile(["budget.proto"], [&proto_dir])?;
    tonic_build::configure().compile_fds(fds)?;
    Ok(())
}
