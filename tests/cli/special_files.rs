//! A journal path that isn't a regular file (a named pipe, a folder, a symlink loop): every
//! command answers at once with a line that names it, and nothing waits on a pipe.

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::*;
use common::kindly_process;

/// A named pipe at `path`: opening it to read waits for a writer that never comes.
fn fifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
}

/// Runs `cmd` and waits at most `limit` for its answer, killing it otherwise: (how long it
/// took, its output), or None for a command still waiting.
fn answer_within(
    mut cmd: std::process::Command,
    limit: Duration,
) -> Option<(Duration, std::process::Output)> {
    cmd.stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let started = Instant::now();
    let child = cmd.spawn().unwrap();
    let pid = child.id();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(out) => Some((started.elapsed(), out.unwrap())),
        Err(_) => {
            unsafe { libc::kill(pid as i32, libc::SIGKILL) };
            None
        }
    }
}

/// The fastest of three runs of `args` on `db`, each given two seconds before it counts as
/// a hang: a loaded machine may slow one run, but a hang fails all three.
fn fastest(db: &Path, args: &[&str]) -> (Duration, std::process::Output) {
    (0..3)
        .map(|_| {
            let mut cmd = kindly_process(db);
            cmd.args(args);
            answer_within(cmd, Duration::from_secs(2))
                .unwrap_or_else(|| panic!("`kindly {}` waited on the pipe", args.join(" ")))
        })
        .min_by_key(|(took, _)| *took)
        .unwrap()
}

#[test]
fn status_on_a_named_pipe_answers_within_100_ms_with_its_calm_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    fifo(&db);
    let (took, out) = fastest(&db, &["status"]);
    assert!(took < Duration::from_millis(100), "status took {took:?}");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "kindly: the journal couldn't be read just now; `kindly check` says why.\n"
    );
}

#[test]
fn every_command_on_a_named_pipe_answers_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    fifo(&db);
    for (args, code) in [
        (&["trends"][..], 2),
        (&["check"][..], 2),
        (&["export", "--format", "json"][..], 2),
        (&["checkin", "--mood", "5"][..], 2),
        (&["sync", "status"][..], 0),
        (&["remind", "now"][..], 0),
    ] {
        let (took, out) = fastest(&db, args);
        assert!(
            took < Duration::from_millis(100),
            "`kindly {}` took {took:?}",
            args.join(" ")
        );
        assert_eq!(out.status.code(), Some(code), "kindly {}", args.join(" "));
        let err = String::from_utf8(out.stderr).unwrap();
        if code == 2 {
            assert_eq!(err.lines().count(), 1, "one line: {err}");
            assert!(err.contains("is a named pipe, not a journal file"), "{err}");
        }
    }
    let meta = std::fs::symlink_metadata(&db).unwrap();
    assert!(
        std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type()),
        "the pipe is left as it was"
    );
}

#[test]
fn a_named_pipe_given_by_kindly_db_is_refused_too() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    fifo(&db);
    let mut cmd = std::process::Command::new(common::cli::KINDLY);
    cmd.args(["trends"])
        .env("KINDLY_DB", &db)
        .env("KINDLY_CONFIG", dir.path().join("none.toml"));
    let (_, out) = answer_within(cmd, Duration::from_secs(2)).expect("trends waited on the pipe");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("named pipe")
    );
}

#[test]
fn a_symlink_loop_is_named_not_read_as_an_empty_journal() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    let (code, out, err) = common::run(&a, &["trends"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("symlink loop"), "{err}");
    let (code, out, _) = common::run(&a, &["status"]);
    assert_eq!(code, 0);
    assert!(!out.contains("no check-ins yet"), "{out}");
}

#[test]
fn an_empty_file_is_a_journal_not_started() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    std::fs::write(&db, b"").unwrap();
    let (code, out, _) = common::run(&db, &["status"]);
    assert_eq!(code, 0);
    assert_eq!(out, "kindly: no check-ins yet. Whenever you like: kindly\n");
}
