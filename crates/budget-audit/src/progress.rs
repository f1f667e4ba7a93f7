//! A progress bar on stderr for long batches, drawn only when stderr is a terminal, so that
//! pipes, logs and tests see exactly the lines they saw before.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// Shows progress over a batch of files, or nothing.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// No bar: stderr lines are printed as they come.
    pub fn hidden() -> Self {
        Progress { bar: None }
    }

    /// A bar over `total` files when there is more than one and stderr is a terminal.
    pub fn for_files(total: usize) -> Self {
        if total < 2 || !std::io::stderr().is_terminal() {
            return Progress::hidden();
        }
        let style = ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        let bar = ProgressBar::new(total as u64).with_style(style);
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress { bar: Some(bar) }
    }

    /// Counts one more file done, and names it.
    pub fn done_one(&self, name: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(name.to_string());
            bar.inc(1);
        }
    }

    /// Prints one line on stderr without tearing the bar.
    pub fn say(&self, line: &str) {
        self.suspend(|| eprintln!("{line}"));
    }

    /// Runs `f` (which writes to the terminal) with the bar cleared, then redraws it.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
