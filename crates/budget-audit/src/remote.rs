//! `budget-audit publish` and `watch`: the command line side of the services (README.md,
//! "Services"). `publish` submits files to the ingest service; `watch` prints results as the
//! report service records them, in the same formats as `check`.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use budget_proto::pb;
use budget_service::client::{self, Since};
use budget_service::{bus, Names, NatsArgs};
use futures::StreamExt;

use crate::check::{start_reports, write_report, Outcome};
use crate::Format;

/// What `publish` needs.
pub struct Publish {
    pub nats: NatsArgs,
    pub names: Names,
    pub timeout: Duration,
    pub files: Vec<PathBuf>,
    /// The files are one publication, submitted as one document.
    pub together: bool,
}

/// What `watch` needs.
pub struct Watch {
    pub nats: NatsArgs,
    pub names: Names,
    pub count: Option<usize>,
    pub format: Format,
    pub since: Since,
    pub timeout: Option<Duration>,
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

/// Submits each file under its name as given; prints `ID  FILE` for each one ingest took (as
/// `sha256sum` does). A file that cannot be read, or that ingest refused, gets a line on
/// stderr and makes the exit code 2.
pub fn publish(args: Publish, out: &mut impl Write) -> anyhow::Result<Outcome> {
    runtime()?.block_on(async {
        let client = bus::connect_once(&args.nats, "budget-audit publish").await?;
        let mut outcome = Outcome::default();
        let submissions = match args.together {
            true => vec![args.files.clone()],
            false => args.files.iter().map(|f| vec![f.clone()]).collect(),
        };
        for files in &submissions {
            let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
            let name = names.join(" + ");
            match publish_files(&client, &args, files).await {
                Ok(reply) => {
                    writeln!(out, "{}  {name}", reply.document_id)?;
                    if let Some(reason) = reply.rejected {
                        outcome.unreadable = true;
                        eprintln!("budget-audit: {name}: refused: {reason}");
                    }
                }
                Err(reason) => {
                    outcome.unreadable = true;
                    eprintln!("budget-audit: {name}: {reason}");
                }
            }
        }
        client.flush().await.context("cannot reach NATS")?;
        out.flush()?;
        Ok(outcome)
    })
}

/// Submits one file, or several as one publication.
async fn publish_files(
    client: &async_nats::Client,
    args: &Publish,
    files: &[PathBuf],
) -> Result<pb::SubmitReply, String> {
    // The limit `check` reads with; the bytes go to the documents bucket whatever their size.
    let mut read = Vec::new();
    for file in files {
        let name = file.display().to_string();
        let bytes = crate::input::read_bounded(file).map_err(|e| format!("{name}: {e}"))?;
        read.push((name, bytes));
    }
    let document = match read.len() {
        1 => {
            let (name, bytes) = read.remove(0);
            pb::SourceDocument::new(name, "", bytes)
        }
        _ => pb::SourceDocument::publication(read),
    };
    client::submit(client, &args.names, &document, args.timeout)
        .await
        .map_err(|e| e.to_string())
}

/// Prints results as they are recorded until `count` were printed (forever without it). A
/// failed result gets `budget-audit: NAME: reason` on stderr, like a file `check` cannot read.
pub fn watch(args: Watch, out: &mut impl Write) -> anyhow::Result<Outcome> {
    runtime()?.block_on(async {
        let client = bus::connect_once(&args.nats, "budget-audit watch").await?;
        let results = client::results(&client, &args.names, args.since).await?;
        let limit = args.count.unwrap_or(usize::MAX);
        let mut results = Box::pin(results.take(limit));
        let mut outcome = Outcome::default();
        let mut seen = 0;
        start_reports(args.format, out)?;
        out.flush()?;
        let deadline = args.timeout.map(|t| tokio::time::Instant::now() + t);
        while let Some(result) = next_before(&mut results, deadline).await {
            print_result(result?, args.format, seen == 0, &mut outcome, out)?;
            seen += 1;
        }
        if seen < limit && args.count.is_some() {
            outcome.unreadable = true;
            eprintln!("budget-audit: timed out after {seen} of {limit} results");
        }
        Ok(outcome)
    })
}

/// The next item, or `None` at the end of the stream or at the deadline.
async fn next_before<S: futures::Stream + Unpin>(
    stream: &mut S,
    deadline: Option<tokio::time::Instant>,
) -> Option<S::Item> {
    match deadline {
        None => stream.next().await,
        Some(deadline) => tokio::time::timeout_at(deadline, stream.next())
            .await
            .ok()
            .flatten(),
    }
}

fn print_result(
    result: pb::ReconciliationResult,
    format: Format,
    first: bool,
    outcome: &mut Outcome,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let name = result.source_name.clone();
    match client::report_of(result) {
        Ok(report) => {
            outcome.record(&report);
            write_report(&report, format, first, out).context("cannot write the report")?;
            out.flush()?;
        }
        Err(reason) => {
            outcome.unreadable = true;
            eprintln!("budget-audit: {name}: {reason}");
        }
    }
    Ok(())
}
