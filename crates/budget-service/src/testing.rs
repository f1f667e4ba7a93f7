//! Test support (feature `testing`): a real `nats-server` with JetStream in a temporary
//! directory, and child processes that are killed when the test ends, also on panic.

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A free TCP port on 127.0.0.1 (free when asked; good enough for tests).
pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("no free port");
    listener.local_addr().expect("no local address").port()
}

/// A `nats-server -js` on a free port with its store in a temporary directory; stopped on drop.
pub struct NatsServer {
    pub url: String,
    pub port: u16,
    process: ChildGuard,
    dir: tempfile::TempDir,
}

impl NatsServer {
    /// Starts the server and waits until it accepts connections.
    pub fn start() -> NatsServer {
        Self::start_with(&[])
    }

    /// Starts the server with extra arguments. The server picks its port itself (`-p -1`) and
    /// the port is read from its log: a port chosen here and bound later could be taken in
    /// between by a process of a test running at the same time, and then this test would talk
    /// to that one's server.
    pub fn start_with(extra: &[&str]) -> NatsServer {
        let dir = tempfile::tempdir().expect("no temporary directory");
        let mut command = Command::new("nats-server");
        command
            .args(["-js", "-a", "127.0.0.1", "-p", "-1", "-sd"])
            .arg(dir.path().join("jetstream"))
            .args(extra);
        let mut process = ChildGuard::spawn("nats-server", &mut command, dir.path());
        let port = wait_for_listening(&mut process, Duration::from_secs(30));
        wait_for_port(port, Duration::from_secs(10));
        NatsServer {
            url: format!("nats://127.0.0.1:{port}"),
            port,
            process,
            dir,
        }
    }

    /// The temporary directory (logs of the processes a test starts can go there).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Whether the server process is still running.
    pub fn is_running(&mut self) -> bool {
        self.process.is_running()
    }

    /// Kills the server (SIGKILL): its clients lose the connection and try to reconnect.
    pub fn stop(&mut self) {
        self.process.kill();
    }
}

/// The client port nats-server says it listens on, from its log.
fn wait_for_listening(server: &mut ChildGuard, patience: Duration) -> u16 {
    const LISTENING: &str = "Listening for client connections on ";
    let deadline = Instant::now() + patience;
    loop {
        let log = std::fs::read_to_string(&server.log).unwrap_or_default();
        let port = log
            .lines()
            .filter_map(|line| line.split_once(LISTENING))
            .filter_map(|(_, addr)| addr.trim().rsplit(':').next()?.parse().ok())
            .next();
        if let Some(port) = port {
            return port;
        }
        assert!(
            server.is_running(),
            "nats-server exited:\n{}",
            server.log_tail(30)
        );
        assert!(
            Instant::now() < deadline,
            "nats-server did not start:\n{}",
            server.log_tail(30)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn wait_for_port(port: u16, patience: Duration) {
    let deadline = Instant::now() + patience;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "nats-server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A child process, its stderr and stdout in `<dir>/<name>.log`; killed (SIGKILL) on drop.
/// When the test is panicking, the end of the log is printed.
pub struct ChildGuard {
    pub name: String,
    child: Option<Child>,
    log: PathBuf,
}

impl ChildGuard {
    pub fn spawn(name: &str, command: &mut Command, log_dir: &Path) -> ChildGuard {
        let log = log_dir.join(format!("{name}.log"));
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .expect("cannot create a log file");
        let err = file.try_clone().expect("cannot share the log file");
        let child = command
            .stdin(Stdio::null())
            .stdout(file)
            .stderr(err)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {name} ({command:?}): {e}"));
        ChildGuard {
            name: name.to_string(),
            child: Some(child),
            log,
        }
    }

    pub fn id(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    pub fn is_running(&mut self) -> bool {
        match self.child.as_mut() {
            Some(child) => matches!(child.try_wait(), Ok(None)),
            None => false,
        }
    }

    /// SIGKILL, now.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// SIGTERM, then waits up to `patience` for the exit; returns whether it exited successfully.
    pub fn terminate(&mut self, patience: Duration) -> bool {
        self.send_term();
        self.wait_until(Instant::now() + patience)
            .is_some_and(|status| status.success())
    }

    /// Sends SIGTERM and returns at once.
    pub fn send_term(&self) {
        if let Some(id) = self.id() {
            let _ = Command::new("kill")
                .args(["-TERM", &id.to_string()])
                .status();
        }
    }

    /// Waits until the process exits or `deadline` passes; a process still running then is
    /// killed and `None` returned.
    pub fn wait_until(&mut self, deadline: Instant) -> Option<std::process::ExitStatus> {
        let mut child = self.child.take()?;
        loop {
            match child.try_wait() {
                Ok(Some(status)) => return Some(status),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10))
                }
                _ => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return None;
                }
            }
        }
    }

    /// The last `lines` lines of the log.
    pub fn log_tail(&self, lines: usize) -> String {
        let Ok(file) = std::fs::File::open(&self.log) else {
            return String::new();
        };
        let all: Vec<String> = BufReader::new(file).lines().map_while(Result::ok).collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        self.kill();
        if std::thread::panicking() {
            eprintln!("--- {} (last lines) ---\n{}", self.name, self.log_tail(30));
        }
    }
}
