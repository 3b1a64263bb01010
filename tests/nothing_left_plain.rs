//! Nothing plain is left behind by an encrypted journal, whatever stops kindly: the real
//! binary is sent SIGHUP, SIGTERM or SIGINT while the person's editor is open or while an
//! export is half written, and a marker word is then looked for over the temp folders and
//! the journal's folder.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::Duration;

mod common;
use common::{files_holding, kindly_process};

/// Written by the editor, and never found anywhere once kindly has gone. The scripts below
/// build it from two halves, so no script holds it.
const MARKER: &str = "marigold-7731";

struct Place {
    _dir: tempfile::TempDir,
    root: PathBuf,
    db: PathBuf,
    pass: PathBuf,
    tmp: PathBuf,
    run: PathBuf,
    tools: PathBuf,
}

/// An encrypted journal in a folder of its own, with temp and runtime folders of its own.
fn place() -> Place {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let [journal, tmp, run, tools] = ["journal", "tmp", "run", "tools"].map(|d| {
        let p = root.join(d);
        std::fs::create_dir(&p).unwrap();
        p
    });
    let db = journal.join("k.db");
    let pass = tools.join("pass");
    std::fs::write(&pass, "correct horse battery\n").unwrap();
    common::kindly(&db)
        .args(["checkin", "--mood", "5"])
        .assert()
        .success();
    common::kindly(&db)
        .arg("--passphrase-file")
        .arg(&pass)
        .arg("encrypt")
        .assert()
        .success();
    Place {
        _dir: dir,
        root,
        db,
        pass,
        tmp,
        run,
        tools,
    }
}

fn fifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
}

/// Waits (at most ten seconds) until something says "ready" into the pipe: the moment to
/// send the signal.
fn wait_ready(pipe: &Path) {
    let (tx, rx) = mpsc::channel();
    let reader = pipe.to_path_buf();
    std::thread::spawn(move || {
        let mut said = String::new();
        let read = std::fs::File::open(&reader).and_then(|mut f| f.read_to_string(&mut said));
        let _ = tx.send(read.map(|_| said));
    });
    let said = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("kindly never got to the moment to stop it")
        .unwrap();
    assert_eq!(said.trim(), "ready");
    // A pipe would stop the search for the words below (reading it waits for a writer).
    std::fs::remove_file(pipe).unwrap();
}

/// Waits (at most ten seconds) for `child` to end; its exit code, or the signal's number
/// as a negative.
fn ended(child: Child) -> i32 {
    let (tx, rx) = mpsc::channel();
    let pid = child.id();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let Ok(out) = rx.recv_timeout(Duration::from_secs(10)) else {
        unsafe { libc::kill(pid as i32, libc::SIGKILL) };
        panic!("kindly didn't end after the signal");
    };
    let out = out.unwrap();
    use std::os::unix::process::ExitStatusExt;
    out.status
        .code()
        .unwrap_or_else(|| -out.status.signal().unwrap_or(0))
}

/// The marker is nowhere under the test's whole folder: its temp folder (TMPDIR), its
/// runtime folder, and the journal's folder, whose encrypted journal shows no words.
fn nothing_plain_left(p: &Place) {
    let found = files_holding(&p.root, MARKER);
    assert!(found.is_empty(), "the words are still in {found:?}");
}

/// `kindly write --edit` with an editor that writes the words, says it is ready, and stays.
fn editing(p: &Place, ready: &Path) -> Child {
    let editor = p.tools.join("editor.sh");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nprintf 'mari%s\\n' 'gold-7731' >> \"$1\"\necho ready > '{}'\nsleep 5\n",
            ready.display()
        ),
    )
    .unwrap();
    let mut cmd = kindly_process(&p.db);
    cmd.arg("--passphrase-file")
        .arg(&p.pass)
        .args(["write", "--edit"])
        // Read by sh rather than run: a script just written can't be run while a test
        // thread forking meanwhile still holds it open ("text file busy").
        .env("EDITOR", format!("sh {}", editor.display()))
        .env("TMPDIR", &p.tmp)
        .env("XDG_RUNTIME_DIR", &p.run)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd.spawn().unwrap()
}

#[test]
fn a_signal_while_the_editor_is_open_leaves_no_words_anywhere() {
    for (signal, code) in [
        (libc::SIGHUP, 129),
        (libc::SIGTERM, 143),
        (libc::SIGINT, 130),
    ] {
        let p = place();
        let ready = p.tools.join("ready");
        fifo(&ready);
        let child = editing(&p, &ready);
        wait_ready(&ready);
        assert_eq!(
            files_holding(&p.run, MARKER).len(),
            1,
            "the editor's file is in XDG_RUNTIME_DIR"
        );
        unsafe { libc::kill(child.id() as i32, signal) };
        assert_eq!(ended(child), code, "signal {signal}");
        nothing_plain_left(&p);
    }
}

#[test]
fn editor_folders_a_killed_kindly_left_are_swept_at_the_next_edit() {
    let p = place();
    // A kindly that was killed outright (SIGKILL) with its editor open.
    let ready = p.tools.join("ready");
    fifo(&ready);
    let child = editing(&p, &ready);
    wait_ready(&ready);
    unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
    assert_eq!(ended(child), -libc::SIGKILL);
    assert_eq!(
        files_holding(&p.run, MARKER).len(),
        1,
        "left behind by the kill"
    );
    // The next edit, by a kindly whose editor writes nothing, sweeps it.
    let quiet = p.tools.join("quiet.sh");
    std::fs::write(&quiet, "#!/bin/sh\necho 'a quiet page' >> \"$1\"\n").unwrap();
    common::kindly(&p.db)
        .arg("--passphrase-file")
        .arg(&p.pass)
        .args(["write", "--edit"])
        .env("EDITOR", format!("sh {}", quiet.display()))
        .env("TMPDIR", &p.tmp)
        .env("XDG_RUNTIME_DIR", &p.run)
        .assert()
        .success();
    nothing_plain_left(&p);
}

#[test]
fn a_signal_during_an_export_leaves_no_partial_copy() {
    for (signal, code) in [
        (libc::SIGHUP, 129),
        (libc::SIGTERM, 143),
        (libc::SIGINT, 130),
    ] {
        let p = place();
        // The words are in the journal, encrypted.
        common::kindly(&p.db)
            .arg("--passphrase-file")
            .arg(&p.pass)
            .args(["checkin", "--mood", "6", "--note", MARKER])
            .assert()
            .success();
        let ready = p.tools.join("ready");
        fifo(&ready);
        let out = p.tmp.join("export.json");
        let mut cmd = kindly_process(&p.db);
        cmd.arg("--passphrase-file")
            .arg(&p.pass)
            .args(["export", "--format", "json", "-o"])
            .arg(&out)
            .env("KINDLY_HOLD_OUTPUT_FOR_TEST", &ready)
            .env("TMPDIR", &p.tmp)
            .env("XDG_RUNTIME_DIR", &p.run)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let child = cmd.spawn().unwrap();
        wait_ready(&ready);
        assert_eq!(
            files_holding(&p.tmp, MARKER).len(),
            1,
            "the half-written copy"
        );
        unsafe { libc::kill(child.id() as i32, signal) };
        assert_eq!(ended(child), code, "signal {signal}");
        assert!(!out.exists());
        nothing_plain_left(&p);
        // The words are still in the journal, where they belong.
        let said = common::ok(
            &p.db,
            &["--passphrase-file", p.pass.to_str().unwrap(), "export"],
        );
        assert!(said.contains(MARKER), "signal {signal}: {said}");
    }
}

#[test]
fn a_partial_copy_a_killed_export_left_is_removed_at_the_next() {
    let p = place();
    let out = p.tmp.join("export.json");
    // What a kindly killed outright left: its process is gone.
    let gone = std::process::Command::new("true").spawn().unwrap();
    let pid = gone.id();
    let _ = gone.wait_with_output();
    let stale = p.tmp.join(format!(".export.json.kindly-{pid}.tmp"));
    std::fs::write(&stale, MARKER).unwrap();
    common::kindly(&p.db)
        .arg("--passphrase-file")
        .arg(&p.pass)
        .args(["export", "--format", "json", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert!(!stale.exists());
    nothing_plain_left(&p);
}

#[test]
fn a_signal_to_the_screen_leaves_the_words_only_inside_the_encrypted_journal() {
    for signal in ["-HUP", "-TERM"] {
        let p = place();
        let pane = common::tmux::Pane::start_env(
            &format!("plain{signal}"),
            &p.root,
            &p.db,
            (80, 24),
            &format!(
                "TMPDIR='{}' XDG_RUNTIME_DIR='{}'",
                p.tmp.display(),
                p.run.display()
            ),
            &format!("--passphrase-file '{}'", p.pass.display()),
        );
        pane.wait_for("How are you, right now?");
        pane.keys(&["4"]);
        pane.wait_for("4 a bit low");
        for _ in 0..7 {
            pane.keys(&["j"]);
        }
        pane.wait_for("›Note");
        pane.keys(&["Enter"]);
        pane.wait_for("done writing");
        pane.text(MARKER);
        pane.wait_for(MARKER);
        let pid = pane.kindly_pid();
        assert!(
            std::process::Command::new("kill")
                .args([signal, &pid.to_string()])
                .status()
                .unwrap()
                .success()
        );
        pane.wait_exit();
        drop(pane);
        nothing_plain_left(&p);
        // The words typed are kept, inside the journal.
        let key = kindly::store::Store::unlock(&p.db, "correct horse battery")
            .unwrap()
            .sqlcipher();
        let store = kindly::store::Store::open_keyed(&p.db, Some(&key)).unwrap();
        let draft: kindly::tui::panes::checkin::Draft = store
            .load_draft("checkin")
            .unwrap()
            .expect("the draft was kept");
        assert_eq!(draft.note, MARKER, "{signal}");
    }
}
