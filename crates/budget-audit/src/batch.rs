//! A run over many documents: the inputs a command line names (files, and every file under a
//! directory, recursively) and an ordered parallel map that checks them on several threads while
//! the results come out in input order, as they would from one thread.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex, PoisonError};

/// One document of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    /// Found under a directory that was given, not named itself: such a file is checked only when
    /// its content is a budget document (a stray README or image is passed over).
    pub found: bool,
    /// The index of the command-line argument that named it or the directory it was found in.
    pub arg: usize,
}

/// The documents of a run, each one file or the files of one publication.
pub type Unit = Vec<Input>;

/// The documents of a run: each file alone, or with `together`, the files named as one
/// publication and the files under each directory named as one publication each.
pub fn units(files: &[Input], together: bool) -> Vec<Unit> {
    if !together {
        return files.iter().map(|f| vec![f.clone()]).collect();
    }
    let named: Unit = files.iter().filter(|f| !f.found).cloned().collect();
    let mut units: Vec<Unit> = Vec::new();
    if !named.is_empty() {
        units.push(named);
    }
    for f in files.iter().filter(|f| f.found) {
        match units.last_mut() {
            Some(unit) if unit[0].found && unit[0].arg == f.arg => unit.push(f.clone()),
            _ => units.push(vec![f.clone()]),
        }
    }
    units
}

/// The inputs of a run, and the directories (or entries of them) that could not be listed.
#[derive(Debug, Default)]
pub struct Inputs {
    pub files: Vec<Input>,
    pub errors: Vec<String>,
}

/// The files `args` name: a file as given, a directory as every file under it (recursively, in
/// name order, hidden entries left out, symbolic links followed).
pub fn expand(args: &[PathBuf]) -> Inputs {
    let mut inputs = Inputs::default();
    for (index, arg) in args.iter().enumerate() {
        if arg.is_dir() {
            walk(arg, index, &mut inputs);
        } else {
            inputs.files.push(Input {
                path: arg.clone(),
                found: false,
                arg: index,
            });
        }
    }
    inputs
}

fn walk(dir: &Path, arg: usize, inputs: &mut Inputs) {
    let before = inputs.files.len();
    let entries = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in entries {
        match entry {
            Ok(e) if e.file_type().is_file() => inputs.files.push(Input {
                path: e.into_path(),
                found: true,
                arg,
            }),
            Ok(_) => {}
            Err(e) => inputs.errors.push(walk_error(dir, &e)),
        }
    }
    if inputs.files.len() == before {
        inputs
            .errors
            .push(format!("{}: no file under this directory", dir.display()));
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

fn walk_error(dir: &Path, e: &walkdir::Error) -> String {
    let place = e.path().unwrap_or(dir).display();
    match e.io_error() {
        Some(io) => format!("{place}: {io}"),
        None => format!("{place}: {e}"),
    }
}

/// How many documents a run checks at once: `requested`, else one per core.
pub fn jobs(requested: Option<usize>) -> usize {
    requested
        .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1)
        .max(1)
}

/// How many items may be done ahead of the next one to emit, per thread: enough to keep every
/// thread busy behind a slow document, few enough that results waiting for it stay bounded.
const AHEAD_PER_JOB: usize = 4;

/// Runs `work` on every item on `jobs` threads and hands each result to `emit` on the calling
/// thread, in item order. An `Err` from `emit` stops the run: no item is started after it.
pub fn ordered_map<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> R + Sync,
    mut emit: impl FnMut(usize, R) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let window = Window::new(jobs.max(1) * AHEAD_PER_JOB);
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, items.len().max(1)) {
            let sender = sender.clone();
            let (window, next, work) = (&window, &next, &work);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= items.len() || !window.wait_for(i) {
                    return;
                }
                if sender.send((i, work(&items[i]))).is_err() {
                    return;
                }
            });
        }
        drop(sender);
        let result = emit_in_order(&receiver, &window, &mut emit);
        window.stop();
        result
    })
}

/// Receives results as threads finish them and emits them in order.
fn emit_in_order<R>(
    receiver: &mpsc::Receiver<(usize, R)>,
    window: &Window,
    emit: &mut impl FnMut(usize, R) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut waiting = BTreeMap::new();
    let mut due = 0;
    for (i, result) in receiver {
        waiting.insert(i, result);
        while let Some(result) = waiting.remove(&due) {
            emit(due, result)?;
            due += 1;
            window.advance(due);
        }
    }
    Ok(())
}

/// The items a thread may start: those less than `size` ahead of the next to emit.
struct Window {
    size: usize,
    emitted: Mutex<usize>,
    moved: Condvar,
    stopped: AtomicBool,
}

impl Window {
    fn new(size: usize) -> Self {
        Window {
            size,
            emitted: Mutex::new(0),
            moved: Condvar::new(),
            stopped: AtomicBool::new(false),
        }
    }

    /// Waits until item `i` may start; false when the run stopped.
    fn wait_for(&self, i: usize) -> bool {
        let mut emitted = self.emitted.lock().unwrap_or_else(PoisonError::into_inner);
        while i >= *emitted + self.size && !self.stopped.load(Ordering::Relaxed) {
            emitted = self
                .moved
                .wait(emitted)
                .unwrap_or_else(PoisonError::into_inner);
        }
        !self.stopped.load(Ordering::Relaxed)
    }

    fn advance(&self, emitted: usize) {
        *self.emitted.lock().unwrap_or_else(PoisonError::into_inner) = emitted;
        self.moved.notify_all();
    }

    fn stop(&self) {
        let _guard = self.emitted.lock().unwrap_or_else(PoisonError::into_inner);
        self.stopped.store(true, Ordering::Relaxed);
        self.moved.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn results_come_out_in_item_order_whatever_finishes_first() {
        let items: Vec<u64> = (0..40).collect();
        let mut seen = Vec::new();
        // Early items are the slowest, so later ones finish first on other threads.
        let slow_first = |&n: &u64| {
            std::thread::sleep(Duration::from_millis(40u64.saturating_sub(n)));
            n * 10
        };
        ordered_map(&items, 4, slow_first, |i, r| {
            seen.push((i, r));
            Ok(())
        })
        .unwrap();
        let expected: Vec<(usize, u64)> = (0..40).map(|n| (n as usize, n * 10)).collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn an_emit_error_stops_the_run() {
        let items: Vec<usize> = (0..1000).collect();
        let started = AtomicUsize::new(0);
        let work = |&n: &usize| {
            started.fetch_add(1, Ordering::Relaxed);
            n
        };
        let result = ordered_map(&items, 2, work, |i, _| {
            anyhow::ensure!(i < 3, "stop at {i}");
            Ok(())
        });
        assert_eq!(result.unwrap_err().to_string(), "stop at 3");
        // Only the window ahead of item 3 may have started.
        assert!(started.load(Ordering::Relaxed) <= 3 + 2 * AHEAD_PER_JOB);
    }

    #[test]
    fn no_items_and_one_job_are_fine() {
        let none: [u8; 0] = [];
        ordered_map(&none, 8, |_| (), |_, _| anyhow::bail!("nothing to emit")).unwrap();
        let mut seen = Vec::new();
        ordered_map(
            &[1, 2, 3],
            1,
            |n| n + 1,
            |_, r| {
                seen.push(r);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen, [2, 3, 4]);
    }

    #[test]
    fn a_directory_gives_its_files_recursively_in_name_order_without_hidden_ones() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in ["b.pdf", "a.txt", "sub/c.xlsx", ".hidden/d.txt", ".e.txt"] {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let named = root.join("a.txt");
        let inputs = expand(&[named.clone(), root.to_path_buf()]);
        assert!(inputs.errors.is_empty(), "{:?}", inputs.errors);
        let files: Vec<(PathBuf, bool)> = inputs
            .files
            .into_iter()
            .map(|i| (i.path, i.found))
            .collect();
        let expected = [
            (named, false),
            (root.join("a.txt"), true),
            (root.join("b.pdf"), true),
            (root.join("sub/c.xlsx"), true),
        ];
        assert_eq!(files, expected);
    }

    #[test]
    fn together_the_named_files_are_one_document_and_each_directory_another() {
        let input = |path: &str, found: bool, arg: usize| Input {
            path: PathBuf::from(path),
            found,
            arg,
        };
        let files = [
            input("a.pdf", false, 0),
            input("d/x.pdf", true, 1),
            input("d/y.pdf", true, 1),
            input("b.pdf", false, 2),
            input("e/z.pdf", true, 3),
        ];
        let paths = |units: Vec<Unit>| -> Vec<Vec<String>> {
            units
                .into_iter()
                .map(|u| {
                    u.into_iter()
                        .map(|i| i.path.display().to_string())
                        .collect()
                })
                .collect()
        };
        assert_eq!(
            paths(units(&files, true)),
            [
                vec!["a.pdf", "b.pdf"],
                vec!["d/x.pdf", "d/y.pdf"],
                vec!["e/z.pdf"]
            ]
        );
        assert_eq!(units(&files, false).len(), 5);
    }

    #[test]
    fn jobs_default_to_the_cores() {
        assert_eq!(jobs(Some(3)), 3);
        assert_eq!(jobs(Some(0)), 1);
        assert!(jobs(None) >= 1);
    }
}
