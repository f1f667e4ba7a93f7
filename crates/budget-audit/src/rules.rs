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
                    .and_then(|_| write!(out, "{}", for_terminal(&unindent(info.doc))))
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

/// Lines of a rule's documentation fit this many columns.
const WIDTH: usize = 80;

/// A rule's documentation (markdown: paragraphs, `**bold**` lead-ins, `code` spans) for a
/// terminal: each paragraph joined and wrapped to [`WIDTH`] columns (CJK-aware, a figure kept
/// with its unit), the lead-ins in bold (ANSI; the output stream strips it where colour is
/// off), the code spans' backticks dropped.
fn for_terminal(doc: &str) -> String {
    let bold = anstyle::Style::new().bold();
    let mut out = String::new();
    for paragraph in doc.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let joined = join_lines(paragraph).replace('`', "");
        let (lead, body) = match joined.strip_prefix("**").and_then(|r| r.split_once("**")) {
            Some((lead, body)) => (lead.to_string(), body.to_string()),
            None => (String::new(), joined.clone()),
        };
        let plain = budget_report::wrap(&format!("{lead}{body}"), "", "", WIDTH);
        for (i, line) in plain.iter().enumerate() {
            match line
                .strip_prefix(lead.as_str())
                .filter(|_| i == 0 && !lead.is_empty())
            {
                Some(rest) => out.push_str(&format!("{bold}{lead}{bold:#}{rest}")),
                None => out.push_str(line),
            }
            out.push('\n');
        }
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The lines of a paragraph as one: a space between them, none between two wide characters
/// (Chinese is written without spaces).
fn join_lines(paragraph: &str) -> String {
    let mut out = String::new();
    for line in paragraph.lines().map(str::trim) {
        let wide =
            |c: Option<char>| c.is_some_and(|c| budget_report::display_width(&c.to_string()) == 2);
        let cjk_join = wide(out.chars().last()) && wide(line.chars().next());
        if !out.is_empty() && !cjk_join {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
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
