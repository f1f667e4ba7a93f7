//! Queries on narrative claims.
