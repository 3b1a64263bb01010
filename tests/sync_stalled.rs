//! A sync folder that never answers (a stalled network mount: Nextcloud, SMB, iCloud) never
//! holds the screen: the exchange runs beside it, and quitting waits a bounded time, then
//! leaves the exchange for next time and says so.

use std::time::{Duration, Instant};

mod common;
use common::{TestJournal, run};

#[test]
fn a_stalled_sync_folder_never_holds_the_screen_or_the_exit() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Sync").join("kindly");
    let pass = dir.path().join("pass");
    std::fs::write(&pass, "a long sync passphrase\n").unwrap();
    let j = TestJournal::new();
    let (code, out, err) = run(
        &j.db,
        &[
            "sync",
            "init",
            folder.to_str().unwrap(),
            "--sync-passphrase-file",
            pass.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    // The folder's marker becomes a pipe nobody writes: opening it waits for ever, as a
    // read from a mount whose server went quiet does.
    let marker = folder.join("kindly-sync.json");
    std::fs::remove_file(&marker).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&marker)
        .status()
        .unwrap();
    assert!(made.success());

    let run_dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let pane = common::tmux::Pane::start("stalled", run_dir.path(), &j.db, (80, 24));
    pane.wait_for("How are you, right now?");
    let first_frame = started.elapsed();
    assert!(
        first_frame < Duration::from_secs(2),
        "first frame after {first_frame:?}"
    );
    pane.keys(&["8"]);
    pane.keys(&["C-s"]);
    pane.wait_for("Thank you for checking in");
    let quitting = Instant::now();
    pane.keys(&["q"]);
    let (code, _) = pane.wait_exit();
    let left = quitting.elapsed();
    assert_eq!(code, "0");
    assert!(left < Duration::from_secs(3), "left after {left:?}");
    assert!(
        pane.screen()
            .contains("the exchange will wait for next time"),
        "{}",
        pane.screen()
    );
    assert_eq!(j.export()["checkins"].as_array().unwrap().len(), 1);
}
