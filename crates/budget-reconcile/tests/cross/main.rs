//! The cross-table rules (XT-...), one file per rule, named after the rule's file in
//! `src/rules/cross/`: for each, a small document built with the builders of `fixtures` that
//! violates it and one that satisfies it; then (`samples`) the four samples, where the relations
//! hold except for the rounding differences they really contain, and where a figure changed far
//! beyond rounding is caught by the rule that relates it to another table.

mod basic_personnel_public;
mod expenditure_vs_general;
mod final_accounts;
mod fiscal_vs_general;
mod fixtures;
mod general_basic;
mod projects;
mod samples;
mod summary_balance;
mod summary_vs_expenditure;
mod three_public_vs_basic;
