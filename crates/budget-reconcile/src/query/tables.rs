//! Queries on tables: rows by code, role and side; columns by role; sums.
