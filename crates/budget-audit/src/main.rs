//! `budget-audit`: checks Chinese budget disclosures for inconsistencies.
//!
//! A thin shell over the core crates: read the files, run `budget_parse::parse` and
//! `budget_reconcile::reconcile` in-process, print each report with `budget_report`.

mod batch;
mod check;
mod checking;
mod html_out;
mod input;
mod progress;
#[cfg(feature = "services")]
mod remote;
mod rules;
mod years;

use std::process::ExitCode;

#[cfg(feature = "services")]
use budget_service::client::Since;
#[cfg(feature = "services")]
use budget_service::config::parse_duration;
#[cfg(feature = "services")]
use budget_service::{Names, NatsArgs};
use clap::{Parser, Subcommand, ValueEnum};

/// mimalloc: the parser allocates many small strings; it is markedly faster than the system
/// allocator for that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(name = "budget-audit", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse and reconcile each file; print one report per file, in input order.
    ///
    /// Exit code: 0 when no finding is an error, 1 when a finding is an error, 2 when a file
    /// could not be read or parsed, 3 when a file held nothing to check (COMP-NOTHING) and no
    /// finding is an error (2 wins over 1, 1 over 3).
    Check {
        /// Report format: `text` for people, `json` for JSON Lines (one object per file), `csv`
        /// for a spreadsheet (one row per finding of every file, under one header; UTF-8 with a
        /// BOM), `html` for one self-contained HTML page per file, written into the directory
        /// `--out`.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// With `--format html`: the directory the reports are written to (created when
        /// missing), one `NAME.html` per input `NAME.EXT`; their paths are printed on stdout.
        #[arg(
            short = 'o',
            long = "out",
            value_name = "DIR",
            required_if_eq("format", "html")
        )]
        out: Option<std::path::PathBuf>,
        /// The documents to check: text (UTF-8, GBK/GB18030, UTF-16; pipe, tab or space-aligned
        /// tables), HTML, .xlsx/.xls, .docx or PDF (needs `pdftotext`), told apart by content.
        /// At most 64 MiB each, yielding at most 16 MiB of text. `-` reads standard input. A
        /// directory stands for every file under it (recursively, in name order, hidden ones
        /// left out); of those, a text or HTML file with nothing to check and a file in a form
        /// the checker does not read are passed over, named in one line on stderr.
        #[arg(required = true, value_name = "FILE|DIR")]
        files: Vec<std::path::PathBuf>,
        /// How many documents to check at once (default: one per core). Reports come out in
        /// input order whatever the number.
        #[arg(short = 'j', long, value_name = "N")]
        jobs: Option<usize>,
        /// Read the files named as one publication (a narrative file and a tables file published
        /// separately), and each directory named as one publication of the files under it.
        /// Without it, a batch still reads a narrative-only and a tables-only file of one entity,
        /// year and kind as one, and its report says so.
        #[arg(long)]
        together: bool,
        /// Last year's document of the same entity: every statement about last year (a change
        /// against it, 上年预算数) is checked against it (rule YEAR-STATED), and the reports name
        /// it. Without it, a batch checks the documents of one entity and consecutive years it
        /// holds against each other, in a report per pair after the others.
        #[arg(long, value_name = "FILE")]
        previous: Option<std::path::PathBuf>,
        /// When to colour the text report's severities: `auto` on a terminal unless `NO_COLOR`
        /// is set (or `CLICOLOR_FORCE` asks for it), `always`, `never`.
        #[arg(long, value_enum, default_value_t = clap::ColorChoice::Auto, value_name = "WHEN")]
        color: clap::ColorChoice,
    },
    /// Print the catalogue of reconciliation rules, or the full documentation of one rule.
    Rules {
        /// A rule id (e.g. `SUM-ROWS`); without it, every rule is listed.
        id: Option<String>,
        /// When to set a rule's headings in bold, as `check` colours.
        #[arg(long, value_enum, default_value_t = clap::ColorChoice::Auto, value_name = "WHEN")]
        color: clap::ColorChoice,
    },
    /// Submit documents to the ingest service; print `ID  FILE` for each.
    #[cfg(feature = "services")]
    ///
    /// Any form `check` reads, up to 64 MiB: the bytes go to the documents bucket, ingest gets
    /// a reference. The id is the SHA-256 of the file's bytes; its result carries the file name
    /// as given. Exit code 2 when a file could not be read, sent or was refused (too large).
    Publish {
        #[command(flatten)]
        nats: NatsArgs,
        #[command(flatten)]
        names: Names,
        /// How long to wait for ingest to accept each document (once its bytes are stored).
        #[arg(long, default_value = "10s", value_parser = parse_duration)]
        timeout: std::time::Duration,
        /// The documents to submit.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<std::path::PathBuf>,
        /// Submit the files as one publication (a narrative file and a tables file), read as
        /// one document, as `check --together` reads them; its id is printed once.
        #[arg(long)]
        together: bool,
    },
    /// Print results as the report service records them, in the formats of `check`.
    #[cfg(feature = "services")]
    ///
    /// A failed document gets `budget-audit: NAME: reason` on stderr. Exit code as for `check`.
    Watch {
        #[command(flatten)]
        nats: NatsArgs,
        #[command(flatten)]
        names: Names,
        /// Stop after this many results.
        #[arg(long)]
        count: Option<usize>,
        /// Report format: `text` for people, `json` for JSON Lines (one object per result),
        /// `csv` (one row per finding).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Start with every result the server still holds, not only new ones.
        #[arg(long)]
        all: bool,
        /// Stop after this long (e.g. 30s), even before --count results.
        #[arg(long, value_parser = parse_duration)]
        timeout: Option<std::time::Duration>,
        /// When to colour the text report's severities, as for `check`.
        #[arg(long, value_enum, default_value_t = clap::ColorChoice::Auto, value_name = "WHEN")]
        color: clap::ColorChoice,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    /// One row per finding, for a spreadsheet (UTF-8 with a BOM, one header).
    Csv,
    /// One HTML page per file (`check` only, with `--out DIR`).
    Html,
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        // The reader closed the pipe (`check … | head -1`): it has read what it wanted; end
        // quietly, as ripgrep does.
        Err(e) if closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("budget-audit: {}", said_once(&e));
            ExitCode::from(check::EXIT_UNREADABLE)
        }
    }
}

/// An error and its causes, `: `-separated, each said once: a cause whose text its error
/// already quotes (`IO error: Connection refused` over `Connection refused`) is left out.
fn said_once(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let said = cause.to_string();
        if text.contains(said.as_str()) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&said);
    }
    text
}

/// Whether an error comes of writing to a pipe whose reader has gone.
fn closed_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|cause| cause.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}

/// Standard output for a text report: severities coloured (see
/// `budget_report::to_colored_text`) when `when` and the terminal say so, the escapes stripped
/// otherwise (`NO_COLOR`, a pipe, a file).
fn colored<S: anstream::stream::RawStream>(
    stdout: S,
    when: clap::ColorChoice,
) -> anstream::AutoStream<S> {
    let choice = match when {
        clap::ColorChoice::Always => anstream::ColorChoice::Always,
        clap::ColorChoice::Never => anstream::ColorChoice::Never,
        clap::ColorChoice::Auto => anstream::ColorChoice::Auto,
    };
    anstream::AutoStream::new(stdout, choice)
}

/// Parses the command line and runs it; returns the process exit code.
fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            format,
            out,
            files,
            jobs,
            together,
            previous,
            color,
        } => {
            let stdout = &mut std::io::stdout().lock();
            let mut run = check::Run::new(batch::expand(&files), together);
            if let Some(path) = previous {
                run = run.with_previous(checking::read_previous(&path)?);
            }
            let jobs = batch::jobs(jobs);
            let outcome = match (format, out) {
                (Format::Html, Some(dir)) => html_out::write_reports(&run, jobs, &dir, stdout)?,
                (Format::Html, None) => anyhow::bail!("--format html needs --out DIR"),
                (_, Some(_)) => anyhow::bail!("--out DIR is for --format html"),
                (Format::Text, None) => {
                    check::check_files(&run, format, jobs, &mut colored(stdout, color))?
                }
                (_, None) => check::check_files(&run, format, jobs, stdout)?,
            };
            Ok(ExitCode::from(outcome.exit_code()))
        }
        Command::Rules { id, color } => {
            rules::print(id.as_deref(), &mut colored(std::io::stdout().lock(), color))
        }
        #[cfg(feature = "services")]
        Command::Publish {
            nats,
            names,
            timeout,
            files,
            together,
        } => {
            let args = remote::Publish {
                nats,
                names,
                timeout,
                files,
                together,
            };
            let outcome = remote::publish(args, &mut std::io::stdout().lock())?;
            Ok(ExitCode::from(outcome.exit_code()))
        }
        #[cfg(feature = "services")]
        Command::Watch {
            nats,
            names,
            count,
            format,
            all,
            timeout,
            color,
        } => {
            if format == Format::Html {
                anyhow::bail!("watch prints text or json; use check --format html for HTML");
            }
            let since = if all { Since::Start } else { Since::Now };
            let args = remote::Watch {
                nats,
                names,
                count,
                format,
                since,
                timeout,
            };
            let mut stdout = colored(std::io::stdout().lock(), color);
            let outcome = remote::watch(args, &mut stdout)?;
            Ok(ExitCode::from(outcome.exit_code()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cause_its_error_quotes_is_said_once() {
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        let e = anyhow::Error::new(io)
            .context("IO error: refused")
            .context("cannot connect");
        assert_eq!(said_once(&e), "cannot connect: IO error: refused");
        let e = anyhow::anyhow!("bad input").context("cannot read x.txt");
        assert_eq!(said_once(&e), "cannot read x.txt: bad input");
    }
}
