//! Table and claim queries every rule family uses: rows by code, by role, by side; sums.

pub mod claims;
pub mod tables;
