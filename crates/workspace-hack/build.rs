//! Empty: the build-dependencies exist only for their features (see Cargo.toml).
fn main() {}
