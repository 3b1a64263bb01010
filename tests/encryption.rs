//! Encryption at rest: a passphrase from the terminal or a file, never argv or the
//! environment; no plaintext in the journal or its write-ahead log.

use std::path::Path;

use kindly::domain::Scale;
use kindly::store::Store;

mod common;
use common::kindly;

const SECRET: &str = "the secret heron sentence";

fn contains(path: &Path, needle: &str) -> bool {
    std::fs::read(path)
        .map(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
        .unwrap_or(false)
}

fn encrypted_journal() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let pass = dir.path().join("pass");
    std::fs::write(&pass, "correct horse battery\n").unwrap();
    kindly(&db)
        .args(["checkin", "--mood", "5", "--note", SECRET])
        .assert()
        .success();
    assert!(
        contains(&db, SECRET),
        "a plain journal holds the text (the test can see it)"
    );
    kindly(&db)
        .arg("--passphrase-file")
        .arg(&pass)
        .arg("encrypt")
        .assert()
        .success();
    (dir, db, pass)
}

#[test]
fn an_encrypted_journal_holds_no_plaintext_even_in_its_wal() {
    let (dir, db, _) = encrypted_journal();
    assert!(
        !contains(&db, SECRET),
        "the encrypted file holds the sentence"
    );
    assert!(Store::is_encrypted(&db));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.to_string_lossy().contains("converting")),
        "no half-done copy left: {names:?}"
    );
    // Writing while the journal is open puts pages in the WAL: they are encrypted too.
    let key = Store::unlock(&db, "correct horse battery")
        .unwrap()
        .sqlcipher();
    let mut store = Store::open_keyed(&db, Some(&key)).unwrap();
    let mut c = kindly::domain::CheckIn::new(
        chrono::DateTime::parse_from_rfc3339("2026-11-20T09:00:00+00:00").unwrap(),
        kindly::domain::Mood::new(4).unwrap(),
    );
    c.set_note("a second private heron sentence");
    store.save_checkin(&c, None).unwrap();
    let wal = db.with_extension("db-wal");
    assert!(
        std::fs::metadata(&wal)
            .map(|m| m.len() > 0)
            .unwrap_or(false),
        "the WAL holds the write"
    );
    assert!(!contains(&wal, "private heron"), "the WAL holds plaintext");
    assert!(!contains(&db, "private heron"));
    assert_eq!(
        std::fs::metadata(&db).unwrap().permissions().mode_bits(),
        0o600
    );
}

trait ModeBits {
    fn mode_bits(&self) -> u32;
}

impl ModeBits for std::fs::Permissions {
    fn mode_bits(&self) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        self.mode() & 0o777
    }
}

#[test]
fn commands_work_with_a_passphrase_file_and_refuse_calmly_without() {
    let (_dir, db, pass) = encrypted_journal();
    let out = kindly(&db)
        .arg("--passphrase-file")
        .arg(&pass)
        .args(["export"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout).unwrap().contains(SECRET));
    let out = kindly(&db).args(["export"]).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--passphrase-file"), "{err}");
    let wrong = db.with_extension("wrong");
    std::fs::write(&wrong, "not it\n").unwrap();
    let before = std::fs::read(&db).unwrap();
    let out = kindly(&db)
        .arg("--passphrase-file")
        .arg(&wrong)
        .args(["export"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        err,
        format!(
            "kindly: that passphrase doesn't open {}, which was left untouched; a passphrase is exact (capitals and spaces count)\n",
            db.display()
        ),
        "calm, and nothing from SQLCipher"
    );
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "a wrong passphrase changes nothing"
    );
}

#[test]
fn decrypt_gives_back_a_plain_journal() {
    let (_dir, db, pass) = encrypted_journal();
    kindly(&db)
        .arg("--passphrase-file")
        .arg(&pass)
        .arg("decrypt")
        .assert()
        .success();
    assert!(!Store::is_encrypted(&db));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let note: String = conn
        .query_row("SELECT note FROM checkins", [], |r| r.get(0))
        .unwrap();
    assert_eq!(note, SECRET);
}

#[test]
fn the_passphrase_is_never_taken_from_argv_or_the_environment() {
    let (_dir, db, _) = encrypted_journal();
    let out = kindly(&db)
        .args(["--passphrase", "correct horse battery", "export"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "there is no --passphrase flag");
    let out = kindly(&db)
        .env("KINDLY_PASSPHRASE", "correct horse battery")
        .args(["export"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "no environment variable is read"
    );
}

#[test]
fn a_start_up_line_on_an_encrypted_journal_is_quiet_and_asks_nothing() {
    let (_dir, db, _) = encrypted_journal();
    let before = std::fs::read(&db).unwrap();
    let out = kindly(&db).arg("kind").write_stdin("").output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        (out.stdout.as_slice(), out.stderr.as_slice()),
        (&b""[..], &b""[..]),
        "`kindly kind` in a shell start-up never asks for a passphrase"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before, "and writes nothing");
}

#[test]
fn a_mistyped_passphrase_is_asked_again_and_the_third_try_can_open_it() {
    let (dir, db, _) = encrypted_journal();
    let pane = common::tmux::Pane::start_with("tries", dir.path(), &db, (80, 24), "trends");
    pane.wait_for("Passphrase for your kindly journal");
    for (typed, said) in [
        ("correct horse", "Try again (2 more tries)"),
        ("Correct horse battery", "Try again (1 more try)"),
    ] {
        pane.text(typed);
        pane.keys(&["Enter"]);
        let screen = pane.wait_for(said);
        assert!(
            screen.contains("your journal is fine"),
            "a wrong passphrase never sounds like damage:\n{screen}"
        );
        pane.wait_for(&format!("{said}.\nPassphrase for your kindly journal"));
    }
    pane.text("correct horse battery");
    pane.keys(&["Enter"]);
    let (code, _) = pane.wait_exit();
    assert_eq!(code, "0", "{}", pane.screen());
    assert!(
        pane.screen().contains("Mood"),
        "the trends were shown:\n{}",
        pane.screen()
    );
}

#[test]
fn three_wrong_passphrases_stop_calmly_and_leave_the_journal_as_it_was() {
    let (dir, db, _) = encrypted_journal();
    let before = std::fs::read(&db).unwrap();
    let pane = common::tmux::Pane::start_with("wrong", dir.path(), &db, (80, 24), "trends");
    for asked in 1..=3 {
        // The prompt is asked afresh each time: wait for this try's own.
        pane.wait_for_count("Passphrase for your kindly journal", asked);
        pane.text("not it at all");
        pane.keys(&["Enter"]);
    }
    let (code, _) = pane.wait_exit();
    // The terminal wraps long lines; read it as one text.
    let screen = pane.screen().replace('\n', "");
    assert_eq!(code, "1", "{screen}");
    assert!(
        screen.contains("none of those 3 opened this journal, and it was left untouched"),
        "{screen}"
    );
    assert!(!screen.contains("damaged") && !screen.contains("isn't a kindly journal"));
    assert_eq!(std::fs::read(&db).unwrap(), before, "nothing was written");
}

#[test]
fn a_weak_passphrase_from_a_file_is_cautioned_on_stderr_and_used() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let pass = dir.path().join("pass");
    kindly(&db)
        .args(["checkin", "--mood", "5"])
        .assert()
        .success();
    for (weak, why) in [
        ("heron", "is shorter than 10 characters"),
        (
            "password123",
            "is one of the passwords people choose most often",
        ),
    ] {
        std::fs::write(&pass, format!("{weak}\n")).unwrap();
        let out = kindly(&db)
            .arg("--passphrase-file")
            .arg(&pass)
            .arg("encrypt")
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(out.status.success(), "{err}");
        assert!(
            err.contains(&format!("A gentle caution: this passphrase {why}.")),
            "{err}"
        );
        assert!(Store::is_encrypted(&db));
        kindly(&db)
            .arg("--passphrase-file")
            .arg(&pass)
            .arg("decrypt")
            .assert()
            .success();
    }
    std::fs::write(&pass, "three unrelated quiet words\n").unwrap();
    let out = kindly(&db)
        .arg("--passphrase-file")
        .arg(&pass)
        .arg("encrypt")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        !String::from_utf8(out.stderr).unwrap().contains("caution"),
        "a good passphrase gets no caution"
    );
}

#[test]
fn a_weak_passphrase_typed_at_the_terminal_is_asked_about_and_no_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args(["checkin", "--mood", "5"])
        .assert()
        .success();
    let before = std::fs::read(&db).unwrap();
    let pane = common::tmux::Pane::start_with("weak", dir.path(), &db, (80, 24), "encrypt");
    for prompt in ["New passphrase", "The same passphrase again"] {
        pane.wait_for(prompt);
        pane.text("heron");
        pane.keys(&["Enter"]);
    }
    let screen = pane.wait_for("Use it anyway? (y/N)");
    assert!(
        screen.contains("A gentle caution: this passphrase is shorter than 10 characters"),
        "{screen}"
    );
    pane.keys(&["n"]);
    let (code, _) = pane.wait_exit();
    assert_eq!(code, "2", "{}", pane.screen());
    assert!(!Store::is_encrypted(&db));
    assert_eq!(std::fs::read(&db).unwrap(), before, "nothing was changed");
}

/// Counts of each kind of record, as the JSON export gives them, opened with `pass`.
fn counts_with(db: &Path, pass: &Path) -> Option<Vec<usize>> {
    let out = common::kindly_process(db)
        .arg("--passphrase-file")
        .arg(pass)
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    if !out.status.success() {
        return None;
    }
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    Some(
        ["checkins", "thoughts", "entries", "breaks"]
            .iter()
            .map(|k| json[k].as_array().map_or(0, Vec::len))
            .collect(),
    )
}

/// The command that changes the passphrase from `current` to `new` (each a file), ready to
/// run or spawn.
fn change(db: &Path, current: &Path, new: &Path) -> std::process::Command {
    let mut cmd = common::kindly_process(db);
    cmd.arg("--passphrase-file")
        .arg(current)
        .arg("passphrase")
        .arg("--new-passphrase-file")
        .arg(new);
    cmd
}

/// Changes the passphrase: (whether it succeeded, stderr).
fn changed(db: &Path, current: &Path, new: &Path) -> (bool, String) {
    let out = change(db, current, new).output().unwrap();
    (out.status.success(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn a_new_passphrase_opens_the_journal_and_the_old_one_no_longer_does() {
    let (dir, db, old) = encrypted_journal();
    let before = counts_with(&db, &old).unwrap();
    let new = dir.path().join("new");
    std::fs::write(&new, "a lantern by the quiet river\n").unwrap();
    let (ok, err) = changed(&db, &old, &new);
    assert!(ok, "{err}");
    assert!(
        err.contains("Your journal's passphrase is changed"),
        "{err}"
    );
    assert_eq!(
        counts_with(&db, &new),
        Some(before),
        "every record is there"
    );
    assert_eq!(
        counts_with(&db, &old),
        None,
        "the old passphrase no longer opens it"
    );
    assert!(!contains(&db, SECRET), "still encrypted");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("converting"))
        .collect();
    assert!(left.is_empty(), "no copy left beside it: {left:?}");
}

#[test]
fn changing_the_passphrase_is_refused_for_a_plain_journal_the_same_one_or_a_wrong_one() {
    let (dir, db, old) = encrypted_journal();
    let bytes = std::fs::read(&db).unwrap();
    let wrong = dir.path().join("wrong");
    std::fs::write(&wrong, "not the one\n").unwrap();
    for (current, new, says) in [
        (&wrong, &old, "that passphrase doesn't open"),
        (&old, &old, "that is the passphrase the journal already has"),
    ] {
        let (ok, err) = changed(&db, current, new);
        assert!(!ok);
        assert!(err.contains(says), "{err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert_eq!(std::fs::read(&db).unwrap(), bytes, "nothing was changed");
    }
    let plain = dir.path().join("plain.db");
    kindly(&plain)
        .args(["checkin", "--mood", "5"])
        .assert()
        .success();
    let out = kindly(&plain)
        .arg("passphrase")
        .arg("--new-passphrase-file")
        .arg(&old)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("isn't encrypted, so it has no passphrase to change")
    );
    assert!(!Store::is_encrypted(&plain));
}

#[test]
fn the_passphrase_is_not_changed_while_the_journal_is_open_in_a_window() {
    let (dir, db, old) = encrypted_journal();
    let bytes = std::fs::read(&db).unwrap();
    let pane = common::tmux::Pane::start_with(
        "open",
        dir.path(),
        &db,
        (80, 24),
        &format!("--passphrase-file '{}'", old.display()),
    );
    pane.wait_for("How are you, right now?");
    let new = dir.path().join("new");
    std::fs::write(&new, "a lantern by the quiet river\n").unwrap();
    let (ok, err) = changed(&db, &old, &new);
    assert!(!ok);
    assert!(err.contains("is open in another kindly"), "{err}");
    pane.keys(&["q"]);
    pane.wait_exit();
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "nothing was changed");
    assert!(counts_with(&db, &old).is_some());
}

#[test]
fn killing_a_passphrase_change_at_any_moment_leaves_a_journal_the_old_or_new_one_opens_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args(["demo", "--weeks", "104", "--fill-only"])
        .assert()
        .success();
    let passes = [dir.path().join("one"), dir.path().join("two")];
    std::fs::write(&passes[0], "the first long passphrase\n").unwrap();
    std::fs::write(&passes[1], "the second long passphrase\n").unwrap();
    kindly(&db)
        .arg("--passphrase-file")
        .arg(&passes[0])
        .arg("encrypt")
        .assert()
        .success();
    let whole = counts_with(&db, &passes[0]).unwrap();
    assert!(
        whole[0] > 500,
        "a journal big enough to be caught mid-way: {whole:?}"
    );
    // One change left to finish, to learn how long one takes here: the kills land
    // anywhere from the start to a little past that.
    let started = std::time::Instant::now();
    let (ok, err) = changed(&db, &passes[0], &passes[1]);
    assert!(ok, "{err}");
    let span = started.elapsed().as_micros() as u64 * 13 / 10;
    let mut current = 1;
    // A fixed seed: the "random" moments are the same on every run.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut changed = 0;
    for round in 0..20 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = change(&db, &passes[current], &passes[1 - current])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // The wait is the random moment of death itself, not a stand-in for synchronisation.
        std::thread::sleep(std::time::Duration::from_micros(seed % span));
        let _ = child.kill();
        child.wait().unwrap();
        let opens: Vec<Option<Vec<usize>>> = passes.iter().map(|p| counts_with(&db, p)).collect();
        let which = opens
            .iter()
            .position(Option::is_some)
            .unwrap_or_else(|| panic!("round {round}: neither passphrase opens the journal"));
        assert_eq!(
            opens[which].as_ref(),
            Some(&whole),
            "round {round}: every record is there"
        );
        assert!(
            opens[1 - which].is_none(),
            "round {round}: only one opens it"
        );
        if which != current {
            changed += 1;
        }
        current = which;
        assert!(!contains(&db, "heron"), "round {round}: still encrypted");
    }
    assert!(
        changed < 20,
        "some kills landed before the change was in place ({changed} of 20 changed)"
    );
}
