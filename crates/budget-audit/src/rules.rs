//! `budget-audit rules [ID]`: the rule catalogue, generated from the rules' own doc comments.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use budget_reconcile::{catalogue, rule_info};

/// Prints the catalogue (one line per rule) or one rule's documentation.
pub fn print(id: Option<&str>, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    match id {
        None => {
            let rules = catalogue();
            let width = rules.iter().map(|r| r.info().id.len()).max().unwrap_or(0);
            for rule in rules {
                let info = rule.info();
                let severity = info.severity.as_str();
                writeln!(out, "{:<width$}  {severity:<7}  {}", info.id, info.summary)
                    .context("writing the catalogue")?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(id) => match rule_info(id) {
            Some(info) => {
                writeln!(out, "{} ({})\n{}\n", info.id, info.severity, info.summary)
                    .and_then(|_| writeln!(out, "{}", unindent(info.doc)))
                    .context("writing the rule")?;
                Ok(ExitCode::SUCCESS)
            }
            None => {
                eprintln!("budget-audit: no rule {id:?}; `budget-audit rules` lists them");
                Ok(ExitCode::from(2))
            }
        },
    }
}

/// Doc comments keep the space after `///`; drop it from every line.
fn unindent(doc: &str) -> String {
    doc.lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
        .trim_end()
        .to_string()
}
