//! kindly in a real pseudo-terminal: a tmux server of the test's own, keys in, screen out.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use super::KINDLY;

/// How long a wait may take before the test gives up: an upper bound, never a pause. Long
/// enough for a debug build to run the sync passphrase's scrypt (factor 18) on two busy
/// cores; a wait that is met returns at once.
pub const PATIENCE: Duration = Duration::from_secs(40);

/// A tmux server of our own, with one session running a shell command.
pub struct Pane {
    socket: String,
    dir: PathBuf,
}

impl Pane {
    /// Runs kindly on `db` inside `sh`, then records the exit code and the terminal's
    /// settings once it has finished, so the test can see the terminal was given back.
    pub fn start(name: &str, dir: &Path, db: &Path, size: (u16, u16)) -> Self {
        Self::start_with(name, dir, db, size, "")
    }

    /// As `start`, with more arguments for kindly (already quoted for `sh`).
    pub fn start_with(name: &str, dir: &Path, db: &Path, size: (u16, u16), extra: &str) -> Self {
        Self::start_env(name, dir, db, size, "", extra)
    }

    /// As `start_with`, with environment variables set for kindly (`NAME='value' …`).
    pub fn start_env(
        name: &str,
        dir: &Path,
        db: &Path,
        size: (u16, u16),
        env: &str,
        extra: &str,
    ) -> Self {
        let socket = format!("kindly-e2e-{}-{name}", std::process::id());
        let script = format!(
            "{env} '{KINDLY}' --db '{db}' {extra}; echo $? > '{dir}/exit'; stty -a > '{dir}/stty'; touch '{dir}/done'; sleep 600",
            db = db.display(),
            dir = dir.display(),
        );
        let status = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "e2e",
            ])
            .args(["-x", &size.0.to_string(), "-y", &size.1.to_string()])
            .args([
                "env",
                &format!("KINDLY_CONFIG={}/none.toml", dir.display()),
                "sh",
                "-c",
                &script,
            ])
            .status()
            .expect("tmux must be installed to run the end-to-end tests");
        assert!(status.success(), "tmux could not start");
        Pane {
            socket,
            dir: dir.to_path_buf(),
        }
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "e2e"])
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    pub fn text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "e2e", "-l", text]);
    }

    /// Waits until the screen shows `needle`, polling; fails with the screen if it never does.
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_for_within(needle, PATIENCE)
    }

    /// As `wait_for`, with `patience` of its own.
    pub fn wait_for_within(&self, needle: &str, patience: Duration) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            assert!(
                start.elapsed() < patience,
                "never saw '{needle}' on:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Waits until `needle` shows `times` times on the screen (a prompt asked afresh shows
    /// once more each time), polling; fails with the screen if it never does.
    pub fn wait_for_count(&self, needle: &str, times: usize) {
        let start = Instant::now();
        while self.screen().matches(needle).count() < times {
            assert!(start.elapsed() < PATIENCE, "{}", self.screen());
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Waits for kindly to exit and returns (exit code, `stty -a` afterwards).
    pub fn wait_exit(&self) -> (String, String) {
        let done = self.dir.join("done");
        let start = Instant::now();
        while !done.exists() {
            assert!(
                start.elapsed() < PATIENCE,
                "kindly did not exit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
        let read = |f: &str| std::fs::read_to_string(self.dir.join(f)).unwrap();
        (read("exit").trim().to_string(), read("stty"))
    }

    /// The pid of kindly itself: the child of the pane's shell.
    pub fn kindly_pid(&self) -> u32 {
        let shell: u32 = self
            .tmux(&["display", "-p", "-t", "e2e", "#{pane_pid}"])
            .trim()
            .parse()
            .unwrap();
        let start = Instant::now();
        loop {
            for entry in std::fs::read_dir("/proc").unwrap().flatten() {
                let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                    continue;
                };
                let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
                    continue;
                };
                // Fields after the command name: state, then parent pid.
                let after = stat.rsplit_once(") ").map(|(_, rest)| rest).unwrap_or("");
                let ppid = after
                    .split_whitespace()
                    .nth(1)
                    .and_then(|p| p.parse::<u32>().ok());
                if ppid == Some(shell) && stat.contains("(kindly)") {
                    return pid;
                }
            }
            assert!(start.elapsed() < PATIENCE, "kindly's process was not found");
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}
