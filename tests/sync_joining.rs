//! Making and joining a sync folder the way real folders arrive: a folder that already holds
//! other computers' files before its marker has come, secrets that are easy to guess, a key
//! file that makes each guess cost, and a folder whose path isn't text.

use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

mod common;
use common::{TestJournal, kindly, run};

fn ok(db: &Path, args: &[&str]) -> (String, String) {
    let (code, out, err) = run(db, args);
    assert_eq!(code, 0, "{args:?}: {out}{err}");
    (out, err)
}

/// A folder another computer made and wrote to, and a place to copy it to as an engine
/// would, file by file.
struct Shared {
    _dir: tempfile::TempDir,
    folder: PathBuf,
    pass: PathBuf,
    elsewhere: PathBuf,
}

fn shared() -> Shared {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Sync");
    let pass = dir.path().join("pass");
    std::fs::write(&pass, "a long sync passphrase\n").unwrap();
    let first = TestJournal::new();
    let f = folder.to_str().unwrap();
    ok(
        &first.db,
        &[
            "sync",
            "init",
            f,
            "--sync-passphrase-file",
            pass.to_str().unwrap(),
        ],
    );
    ok(
        &first.db,
        &["checkin", "--mood", "6", "--note", "seen by the sea"],
    );
    ok(&first.db, &["sync"]);
    let elsewhere = dir.path().join("Arriving");
    Shared {
        folder,
        pass,
        elsewhere,
        _dir: dir,
    }
}

/// Copies `devices/` (and only it) to `to`: the engine delivered the other computers'
/// files first.
fn copy_devices(from: &Path, to: &Path) {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                copy(&p, &to.join(e.file_name()));
            } else {
                std::fs::copy(&p, to.join(e.file_name())).unwrap();
            }
        }
    }
    copy(&from.join("devices"), &to.join("devices"));
}

fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(listing(&p));
        }
        out.push(p);
    }
    out.sort();
    out
}

/// Asserts a refusal: exit 2, one line holding `needle`, no journal made.
fn refused(db: &Path, args: &[&str], needle: &str) -> String {
    let (code, out, err) = run(db, args);
    assert_eq!(code, 2, "{args:?}: {out}{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains(needle), "expected '{needle}' in: {err}");
    assert!(!db.exists(), "nothing may be written");
    err
}

#[test]
fn init_refuses_a_folder_that_already_holds_other_computers_files() {
    let s = shared();
    copy_devices(&s.folder, &s.elsewhere);
    let before = listing(&s.elsewhere);
    let new = TestJournal::new();
    let err = refused(
        &new.db,
        &[
            "sync",
            "init",
            s.elsewhere.to_str().unwrap(),
            "--sync-passphrase-file",
            s.pass.to_str().unwrap(),
        ],
        "already holds other computers' sync files",
    );
    assert!(err.contains("kindly sync join"), "{err}");
    assert_eq!(listing(&s.elsewhere), before, "no second key in the folder");
}

#[test]
fn join_before_the_marker_has_arrived_says_to_wait_not_to_init() {
    let s = shared();
    copy_devices(&s.folder, &s.elsewhere);
    let new = TestJournal::new();
    let join = [
        "sync",
        "join",
        s.elsewhere.to_str().unwrap(),
        "--sync-passphrase-file",
        s.pass.to_str().unwrap(),
    ];
    let err = refused(&new.db, &join, "hasn't finished syncing to this computer");
    assert!(err.contains("kindly-sync.json"), "{err}");
    assert!(
        !err.contains("sync init"),
        "never advises a second key: {err}"
    );
    // The marker comes, the key not yet: the same advice, naming the key file.
    std::fs::copy(
        s.folder.join("kindly-sync.json"),
        s.elsewhere.join("kindly-sync.json"),
    )
    .unwrap();
    let err = refused(&new.db, &join, "hasn't finished syncing to this computer");
    assert!(err.contains("kindly-sync.key"), "{err}");
    // Once it has all come, joining works and brings the other computer's words.
    std::fs::copy(
        s.folder.join("kindly-sync.key"),
        s.elsewhere.join("kindly-sync.key"),
    )
    .unwrap();
    let (out, _) = ok(&new.db, &join);
    assert!(out.contains("received 1 record"), "{out}");
}

/// `sync init` of a new journal into a new folder, the passphrase `pass` read from a file;
/// (stdout, stderr).
fn init_with(pass: &str) -> (String, String) {
    let j = TestJournal::new();
    let file = j.file("pass", format!("{pass}\n"));
    let folder = j.dir.path().join("Sync");
    ok(
        &j.db,
        &[
            "sync",
            "init",
            folder.to_str().unwrap(),
            "--sync-passphrase-file",
            file.to_str().unwrap(),
        ],
    )
}

#[test]
fn an_easy_sync_passphrase_from_a_file_is_cautioned_and_used() {
    for (pass, why) in [
        ("x", "shorter than 10 characters"),
        ("tea time", "shorter than 10 characters"),
        ("Password123", "passwords people choose most often"),
        ("qwertyuiop", "passwords people choose most often"),
    ] {
        let (out, err) = init_with(pass);
        assert!(out.contains("is now this journal's sync folder"), "{out}");
        assert_eq!(err.lines().count(), 1, "{pass}: {err}");
        assert!(
            err.contains("gentle caution") && err.contains(why),
            "{pass}: {err}"
        );
    }
    // A passphrase that is hard to guess hears nothing.
    let (_, err) = init_with("heron estuary lantern moss");
    assert_eq!(err, "");
}

/// Answers the new sync passphrase's two questions with `pass`.
fn type_twice(pane: &common::tmux::Pane, pass: &str) {
    for question in ["passphrase", "again"] {
        pane.wait_for(question);
        pane.text(pass);
        pane.keys(&["Enter"]);
    }
}

#[test]
fn an_easy_sync_passphrase_typed_at_a_terminal_is_asked_about() {
    let j = TestJournal::new();
    let folder = j.dir.path().join("Sync");
    let sh_folder = format!("sync init '{}'", folder.display());
    // Declined: nothing is written.
    let run = j.dir.path().join("declined");
    std::fs::create_dir(&run).unwrap();
    let pane = common::tmux::Pane::start_with("weak-no", &run, &j.db, (80, 24), &sh_folder);
    type_twice(&pane, "tea time");
    pane.wait_for("Use it anyway? (y/N)");
    assert!(pane.screen().contains("shorter than 10 characters"));
    pane.text("n");
    let (code, _) = pane.wait_exit();
    assert_eq!(code, "2", "{}", pane.screen());
    assert!(pane.screen().contains("nothing was changed"));
    assert!(!j.db.exists() && !folder.exists(), "nothing written");
    drop(pane);
    // Kept at the person's word.
    let run = j.dir.path().join("kept");
    std::fs::create_dir(&run).unwrap();
    let pane = common::tmux::Pane::start_with("weak-yes", &run, &j.db, (40, 12), &sh_folder);
    type_twice(&pane, "tea time");
    pane.wait_for("(y/N)");
    pane.text("y");
    let (code, _) = pane.wait_exit();
    assert_eq!(code, "0", "{}", pane.screen());
    assert!(folder.join("kindly-sync.key").is_file());
}

/// The scrypt work factor a key file's stanza names (`-> scrypt SALT LOG_N`).
fn work_factor(key_file: &Path) -> u32 {
    let bytes = std::fs::read(key_file).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let stanza = text
        .lines()
        .find(|l| l.starts_with("-> scrypt "))
        .expect("a passphrase stanza");
    stanza.split(' ').nth(3).unwrap().parse().unwrap()
}

#[test]
fn the_folder_key_makes_each_guess_cost_and_still_opens() {
    let s = shared();
    let factor = work_factor(&s.folder.join("kindly-sync.key"));
    assert!(factor >= 18, "scrypt work factor {factor}");
    let second = TestJournal::new();
    let (out, _) = ok(
        &second.db,
        &[
            "sync",
            "join",
            s.folder.to_str().unwrap(),
            "--sync-passphrase-file",
            s.pass.to_str().unwrap(),
        ],
    );
    assert!(out.starts_with("Joined "), "{out}");
}

#[test]
fn a_folder_whose_path_isnt_text_is_refused_at_init_and_join() {
    let s = shared();
    let parent = s.folder.parent().unwrap();
    let odd = parent.join(std::ffi::OsStr::from_bytes(b"caf\xe9 sync"));
    let odd_arg = odd.as_os_str();
    let pass = s.pass.as_os_str();
    for (action, exists) in [("init", false), ("join", true)] {
        if exists {
            std::fs::create_dir(&odd).unwrap();
            std::fs::copy(
                s.folder.join("kindly-sync.json"),
                odd.join("kindly-sync.json"),
            )
            .unwrap();
            std::fs::copy(
                s.folder.join("kindly-sync.key"),
                odd.join("kindly-sync.key"),
            )
            .unwrap();
        }
        let before = odd.exists().then(|| listing(&odd));
        let j = TestJournal::new();
        let out = kindly(&j.db)
            .args(["sync", action])
            .arg(odd_arg)
            .arg("--sync-passphrase-file")
            .arg(pass)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{action}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("aren't UTF-8 text"), "{err}");
        assert!(!j.db.exists(), "{action}: no journal written");
        assert_eq!(odd.exists().then(|| listing(&odd)), before, "{action}");
    }
}

#[test]
fn a_new_sync_passphrase_lets_the_next_computer_join_and_the_old_one_no_longer_does() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Sync");
    let f = folder.to_str().unwrap();
    let old = dir.path().join("old");
    let new = dir.path().join("new");
    let wrong = dir.path().join("wrong");
    std::fs::write(&old, "a long sync passphrase\n").unwrap();
    std::fs::write(&new, "another long sync passphrase\n").unwrap();
    std::fs::write(&wrong, "not the sync passphrase\n").unwrap();
    let (old, new, wrong) = (
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        wrong.to_str().unwrap(),
    );
    let first = TestJournal::new();
    ok(
        &first.db,
        &["sync", "init", f, "--sync-passphrase-file", old],
    );
    ok(
        &first.db,
        &["checkin", "--mood", "6", "--note", "by the sea"],
    );
    ok(&first.db, &["sync"]);
    let key = std::fs::read(folder.join("kindly-sync.key")).unwrap();
    let change = |current: &str, to: &str| {
        run(
            &first.db,
            &[
                "sync",
                "passphrase",
                "--sync-passphrase-file",
                current,
                "--new-sync-passphrase-file",
                to,
            ],
        )
    };
    for (current, to, says) in [
        (
            wrong,
            new,
            "that sync passphrase doesn't open this folder's key",
        ),
        (
            old,
            old,
            "that is the sync passphrase the folder already has",
        ),
    ] {
        let (code, _, err) = change(current, to);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(says), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert_eq!(
            std::fs::read(folder.join("kindly-sync.key")).unwrap(),
            key,
            "the key file is as it was"
        );
    }
    let (code, out, err) = change(old, new);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("The sync passphrase of"), "{out}");
    let names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.ends_with(".tmp")),
        "nothing half-written left: {names:?}"
    );
    let second = TestJournal::new();
    let (code, _, err) = run(
        &second.db,
        &["sync", "join", f, "--sync-passphrase-file", old],
    );
    assert_eq!(code, 2, "the old passphrase no longer joins: {err}");
    ok(
        &second.db,
        &["sync", "join", f, "--sync-passphrase-file", new],
    );
    let (out, _) = ok(&second.db, &["search", "sea"]);
    assert!(out.contains("by the"), "the second computer has it: {out}");
    ok(
        &first.db,
        &["checkin", "--mood", "7", "--note", "after the change"],
    );
    ok(&first.db, &["sync"]);
    ok(&second.db, &["sync"]);
    let (out, _) = ok(&second.db, &["search", "change"]);
    assert!(
        out.contains("after the"),
        "the first computer goes on exchanging as before: {out}"
    );
}
