//! The workspace root package. It holds no code of its own: it exists so that the end-to-end
//! tests under `tests/` can run against the sample documents with `cargo test --workspace`.
