//! The recovery key of an encrypted journal, end to end against the real binary: made by
//! `encrypt`, opening the journal when the passphrase is forgotten, replaced by `recovery`,
//! and the key file beside the journal that both secrets open.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use kindly::store::{RecoveryKey, Store, key_file};

mod common;
use common::kindly;

/// A journal of a few records, encrypted with `--passphrase-file pass` and its recovery
/// key written to `rk`.
struct Locked {
    dir: tempfile::TempDir,
    db: PathBuf,
    pass: PathBuf,
    rk: PathBuf,
}

fn file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn locked() -> Locked {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    for mood in ["4", "6", "7"] {
        kindly(&db)
            .args(["checkin", "--mood", mood, "--note", "by the heron pond"])
            .assert()
            .success();
    }
    let pass = file(dir.path(), "pass", "correct horse battery\n");
    let rk = dir.path().join("recovery.txt");
    let out = kindly(&db)
        .arg("--passphrase-file")
        .arg(&pass)
        .arg("encrypt")
        .arg("--recovery-key-to")
        .arg(&rk)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{err}");
    assert!(err.contains("Your recovery key is in"), "{err}");
    assert!(
        out.stdout.is_empty(),
        "a key written to a file isn't also shown"
    );
    Locked { dir, db, pass, rk }
}

/// Records of each kind, opened with `flag FILE`; none when it doesn't open.
fn counts(db: &Path, flag: &str, secret: &Path) -> Option<Vec<usize>> {
    let out = common::kindly_process(db)
        .arg(flag)
        .arg(secret)
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

fn with_pass(db: &Path, pass: &Path) -> Option<Vec<usize>> {
    counts(db, "--passphrase-file", pass)
}

fn with_recovery(db: &Path, rk: &Path) -> Option<Vec<usize>> {
    counts(db, "--recovery-key-file", rk)
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn encrypt_makes_a_recovery_key_and_a_key_file_that_hold_no_secret() {
    let j = locked();
    let text = std::fs::read_to_string(&j.rk).unwrap();
    let key = RecoveryKey::parse(text.lines().next().unwrap()).expect("a recovery key");
    assert_eq!(mode(&j.rk), 0o600);
    let keys = key_file(&j.db);
    assert_eq!(mode(&keys), 0o600);
    let stored = std::fs::read_to_string(&keys).unwrap();
    assert!(stored.starts_with("kindly journal keys 1\n"), "{stored}");
    for secret in [
        "correct horse battery",
        &key.grouped(),
        &key.groups().concat(),
    ] {
        assert!(!stored.contains(secret), "the key file holds a secret");
    }
    assert!(Store::is_encrypted(&j.db));
    assert_eq!(with_pass(&j.db, &j.pass), Some(vec![3, 0, 0, 0]));
    assert_eq!(with_recovery(&j.db, &j.rk), Some(vec![3, 0, 0, 0]));
}

#[test]
fn without_a_file_the_recovery_key_is_shown_once_with_a_calm_page() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args(["checkin", "--mood", "5"])
        .assert()
        .success();
    let pass = file(dir.path(), "pass", "correct horse battery\n");
    let out = kindly(&db)
        .arg("--passphrase-file")
        .arg(&pass)
        .arg("encrypt")
        .output()
        .unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.contains("Your recovery key (shown only now):"),
        "{page}"
    );
    assert!(
        page.replace('\n', " ").contains("apart from this computer"),
        "{page}"
    );
    let shown: String = page
        .lines()
        .filter(|l| l.starts_with("  "))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("-");
    let rk = file(dir.path(), "typed", &shown.to_lowercase().replace('-', " "));
    assert_eq!(
        with_recovery(&db, &rk),
        Some(vec![1, 0, 0, 0]),
        "the key as shown, typed in lower case with spaces, opens the journal: {shown}"
    );
}

#[test]
fn a_forgotten_passphrase_is_replaced_with_the_recovery_key() {
    let j = locked();
    let new = file(j.dir.path(), "new", "a lantern by the quiet river\n");
    let out = kindly(&j.db)
        .arg("--recovery-key-file")
        .arg(&j.rk)
        .arg("passphrase")
        .arg("--new-passphrase-file")
        .arg(&new)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("Your journal's passphrase is changed"),
        "{err}"
    );
    assert_eq!(with_pass(&j.db, &new), Some(vec![3, 0, 0, 0]));
    assert_eq!(
        with_pass(&j.db, &j.pass),
        None,
        "the forgotten one is retired"
    );
    assert_eq!(
        with_recovery(&j.db, &j.rk),
        Some(vec![3, 0, 0, 0]),
        "the recovery key still opens it"
    );
    // The screen, and a command that writes, open with it too.
    kindly(&j.db)
        .arg("--recovery-key-file")
        .arg(&j.rk)
        .args(["checkin", "--mood", "8"])
        .assert()
        .success();
    assert_eq!(with_pass(&j.db, &new), Some(vec![4, 0, 0, 0]));
}

#[test]
fn a_new_recovery_key_retires_the_old_one() {
    let j = locked();
    let before = std::fs::read(&j.db).unwrap();
    let second = j.dir.path().join("second.txt");
    let out = kindly(&j.db)
        .arg("--passphrase-file")
        .arg(&j.pass)
        .arg("recovery")
        .arg("--to")
        .arg(&second)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{err}");
    assert!(err.contains("the old one no longer opens it"), "{err}");
    assert_eq!(mode(&second), 0o600);
    assert_eq!(with_recovery(&j.db, &second), Some(vec![3, 0, 0, 0]));
    let refused = kindly(&j.db)
        .arg("--recovery-key-file")
        .arg(&j.rk)
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    let said = String::from_utf8(refused.stderr).unwrap();
    assert!(said.contains("doesn't open"), "{said}");
    assert_eq!(said.lines().count(), 1, "{said}");
    assert_eq!(with_pass(&j.db, &j.pass), Some(vec![3, 0, 0, 0]));
    assert_eq!(
        std::fs::read(&j.db).unwrap(),
        before,
        "only the key file changed, never the journal"
    );
    // The new key can make the next one, too.
    let third = j.dir.path().join("third.txt");
    kindly(&j.db)
        .arg("--recovery-key-file")
        .arg(&second)
        .arg("recovery")
        .arg("--to")
        .arg(&third)
        .assert()
        .success();
    assert_eq!(with_recovery(&j.db, &second), None);
    assert_eq!(with_recovery(&j.db, &third), Some(vec![3, 0, 0, 0]));
}

/// Runs kindly on `db` with `args`, expecting one calm line and exit 2; returns the line.
fn refused(db: &Path, args: &[&std::ffi::OsStr]) -> String {
    let out = kindly(db).args(args).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    err
}

#[test]
fn a_missing_or_garbled_recovery_key_file_is_one_line_and_exit_2() {
    let j = locked();
    let files = |db: &Path| {
        let mut all: Vec<_> = std::fs::read_dir(db.parent().unwrap())
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (e.file_name(), std::fs::read(e.path()).unwrap_or_default())
            })
            .collect();
        all.sort();
        all
    };
    let before = files(&j.db);
    let missing = j.dir.path().join("nowhere.txt");
    let garbled = file(j.dir.path(), "garbled.txt", "ABCD-EFGH-not-a-key\n");
    let before_with_garbled = files(&j.db);
    assert_eq!(before.len() + 1, before_with_garbled.len());
    for (rk, says) in [
        (&missing, "couldn't be read"),
        (&garbled, "doesn't hold a kindly recovery key"),
    ] {
        for command in [
            &["export", "--format", "json"][..],
            &["checkin", "--mood", "5"],
            &["recovery"],
        ] {
            let mut args: Vec<&std::ffi::OsStr> =
                vec!["--recovery-key-file".as_ref(), rk.as_os_str()];
            args.extend(command.iter().map(|a| std::ffi::OsStr::new(*a)));
            let err = refused(&j.db, &args);
            assert!(
                err.contains("--recovery-key-file") && err.contains(says),
                "{err}"
            );
        }
    }
    assert_eq!(files(&j.db), before_with_garbled, "nothing was written");
}

#[test]
fn a_file_already_at_the_recovery_key_path_is_never_written_over() {
    let j = locked();
    let keys_before = std::fs::read(key_file(&j.db)).unwrap();
    let taken = file(j.dir.path(), "taken.txt", "my shopping list\n");
    let err = refused(
        &j.db,
        &[
            "--passphrase-file".as_ref(),
            j.pass.as_os_str(),
            "recovery".as_ref(),
            "--to".as_ref(),
            taken.as_os_str(),
        ],
    );
    assert!(err.contains("is already there"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&taken).unwrap(),
        "my shopping list\n"
    );
    assert_eq!(std::fs::read(key_file(&j.db)).unwrap(), keys_before);
    assert!(
        with_recovery(&j.db, &j.rk).is_some(),
        "the old key still opens it"
    );

    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.db");
    kindly(&plain)
        .args(["checkin", "--mood", "5"])
        .assert()
        .success();
    let bytes = std::fs::read(&plain).unwrap();
    let err = refused(
        &plain,
        &[
            "--passphrase-file".as_ref(),
            j.pass.as_os_str(),
            "encrypt".as_ref(),
            "--recovery-key-to".as_ref(),
            taken.as_os_str(),
        ],
    );
    assert!(
        err.contains("--recovery-key-to") && err.contains("is already there"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&taken).unwrap(),
        "my shopping list\n"
    );
    assert_eq!(std::fs::read(&plain).unwrap(), bytes);
    assert!(!key_file(&plain).exists());

    // A key file beside a plain journal belongs to another journal: never replaced.
    std::fs::write(key_file(&plain), b"someone's key file").unwrap();
    let err = refused(
        &plain,
        &[
            "--passphrase-file".as_ref(),
            j.pass.as_os_str(),
            "encrypt".as_ref(),
        ],
    );
    assert!(err.contains("kindly never replaces a key file"), "{err}");
    assert_eq!(
        std::fs::read(key_file(&plain)).unwrap(),
        b"someone's key file"
    );
    assert_eq!(std::fs::read(&plain).unwrap(), bytes);
}

#[test]
fn decrypt_takes_the_key_file_away_and_a_backup_takes_a_copy_of_it() {
    let j = locked();
    let copy = j.dir.path().join("copy.db");
    let out = kindly(&j.db)
        .arg("--passphrase-file")
        .arg(&j.pass)
        .arg("backup")
        .arg("-o")
        .arg(&copy)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(Store::is_encrypted(&copy));
    assert_eq!(mode(&key_file(&copy)), 0o600);
    assert_eq!(with_pass(&copy, &j.pass), Some(vec![3, 0, 0, 0]));
    assert_eq!(with_recovery(&copy, &j.rk), Some(vec![3, 0, 0, 0]));

    let out = kindly(&j.db)
        .arg("--recovery-key-file")
        .arg(&j.rk)
        .arg("decrypt")
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{err}");
    assert!(err.contains("key file"), "{err}");
    assert!(!Store::is_encrypted(&j.db));
    assert!(!key_file(&j.db).exists());
    // Encrypting again makes a new key file and a new recovery key.
    let rk2 = j.dir.path().join("rk2");
    kindly(&j.db)
        .arg("--passphrase-file")
        .arg(&j.pass)
        .arg("encrypt")
        .arg("--recovery-key-to")
        .arg(&rk2)
        .assert()
        .success();
    assert_eq!(with_recovery(&j.db, &rk2), Some(vec![3, 0, 0, 0]));
    assert_eq!(with_recovery(&j.db, &j.rk), None);
}

/// A journal encrypted the way kindly did before key files: the passphrase is SQLCipher's
/// key itself.
fn encrypted_before_key_files(dir: &Path, pass: &str) -> PathBuf {
    let plain = dir.join("plain.db");
    kindly(&plain)
        .args(["checkin", "--mood", "6", "--note", "by the heron pond"])
        .assert()
        .success();
    let db = dir.join("old.db");
    Store::open(&plain)
        .unwrap()
        .export_to(&db, Some(pass))
        .unwrap();
    db
}

#[test]
fn a_journal_encrypted_before_key_files_keeps_opening_and_recovery_gives_it_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = encrypted_before_key_files(dir.path(), "correct horse battery");
    let pass = file(dir.path(), "pass", "correct horse battery\n");
    assert!(Store::is_encrypted(&db));
    assert!(!key_file(&db).exists());
    assert_eq!(with_pass(&db, &pass), Some(vec![1, 0, 0, 0]));
    let rk = dir.path().join("rk");
    let out = kindly(&db)
        .arg("--passphrase-file")
        .arg(&pass)
        .arg("recovery")
        .arg("--to")
        .arg(&rk)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(key_file(&db).exists());
    assert_eq!(with_pass(&db, &pass), Some(vec![1, 0, 0, 0]));
    assert_eq!(with_recovery(&db, &rk), Some(vec![1, 0, 0, 0]));
    let bytes = std::fs::read(&db).unwrap();
    assert!(!bytes.windows(5).any(|w| w == b"heron"), "still encrypted");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("converting") || n.ends_with("keys-new"))
        .collect();
    assert!(names.is_empty(), "nothing half-done left: {names:?}");
}

#[test]
fn an_old_journal_gets_a_key_file_and_a_recovery_key_when_its_passphrase_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = encrypted_before_key_files(dir.path(), "correct horse battery");
    let pass = file(dir.path(), "pass", "correct horse battery\n");
    let new = file(dir.path(), "new", "a lantern by the quiet river\n");
    let out = kindly(&db)
        .arg("--passphrase-file")
        .arg(&pass)
        .arg("passphrase")
        .arg("--new-passphrase-file")
        .arg(&new)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.contains("Your recovery key (shown only now):"),
        "{page}"
    );
    assert_eq!(with_pass(&db, &new), Some(vec![1, 0, 0, 0]));
    assert_eq!(with_pass(&db, &pass), None);
}

#[test]
fn both_a_passphrase_file_and_a_recovery_key_file_is_refused() {
    let j = locked();
    let err = refused(
        &j.db,
        &[
            "--passphrase-file".as_ref(),
            j.pass.as_os_str(),
            "--recovery-key-file".as_ref(),
            j.rk.as_os_str(),
            "trends".as_ref(),
        ],
    );
    assert!(err.contains("--recovery-key-file"), "{err}");
}

#[test]
fn recovery_is_not_made_while_the_journal_is_open_in_a_window() {
    let j = locked();
    let keys = std::fs::read(key_file(&j.db)).unwrap();
    let pane = common::tmux::Pane::start_with(
        "open",
        j.dir.path(),
        &j.db,
        (80, 24),
        &format!("--recovery-key-file '{}'", j.rk.display()),
    );
    pane.wait_for("How are you, right now?");
    let second = j.dir.path().join("second.txt");
    let out = kindly(&j.db)
        .arg("--passphrase-file")
        .arg(&j.pass)
        .arg("recovery")
        .arg("--to")
        .arg(&second)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!out.status.success());
    assert!(err.contains("is open in another kindly"), "{err}");
    assert!(!second.exists());
    pane.keys(&["q"]);
    pane.wait_exit();
    assert_eq!(std::fs::read(key_file(&j.db)).unwrap(), keys);
}

#[test]
fn three_wrong_tries_name_the_recovery_key_which_then_opens_it_at_the_prompt() {
    let j = locked();
    let before = std::fs::read(&j.db).unwrap();
    let tries = j.dir.path().join("tries");
    std::fs::create_dir(&tries).unwrap();
    let pane = common::tmux::Pane::start_with("wrong", &tries, &j.db, (80, 24), "trends");
    for asked in 1..=3 {
        // The prompt is asked afresh each time: wait for this try's own.
        pane.wait_for_count(
            "Passphrase for your kindly journal (or its recovery key)",
            asked,
        );
        pane.text("not it at all");
        pane.keys(&["Enter"]);
    }
    let (code, _) = pane.wait_exit();
    let screen = pane.screen().replace('\n', "");
    assert_eq!(code, "1", "{screen}");
    assert!(screen.contains("your journal is fine"), "{screen}");
    assert!(
        screen.contains("If the passphrase is lost, your recovery key opens the journal: type it at this prompt, or use --recovery-key-file FILE"),
        "{screen}"
    );
    assert!(!screen.contains("damaged") && !screen.contains("isn't a kindly journal"));
    assert_eq!(std::fs::read(&j.db).unwrap(), before, "nothing was written");

    // Then the recovery key, typed as a person might (lower case, spaces), on a small screen.
    let key = RecoveryKey::parse(
        std::fs::read_to_string(&j.rk)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    let right = j.dir.path().join("right");
    std::fs::create_dir(&right).unwrap();
    let pane = common::tmux::Pane::start_with("right", &right, &j.db, (40, 12), "trends");
    // A prompt that fits a narrow terminal's line.
    pane.wait_for("Passphrase or recovery key:");
    pane.text(&key.groups().join(" ").to_lowercase());
    pane.keys(&["Enter"]);
    let (code, _) = pane.wait_exit();
    assert_eq!(code, "0", "{}", pane.screen());
    assert!(pane.screen().contains("Mood"), "{}", pane.screen());
}

/// A journal big enough to be caught mid-way by a kill: (folder, journal, passphrase file,
/// recovery key file, its records).
fn big_locked() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf, Vec<usize>) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args(["demo", "--weeks", "104", "--fill-only"])
        .assert()
        .success();
    let pass = file(dir.path(), "pass", "the first long passphrase\n");
    let rk = dir.path().join("rk-start");
    kindly(&db)
        .arg("--passphrase-file")
        .arg(&pass)
        .arg("encrypt")
        .arg("--recovery-key-to")
        .arg(&rk)
        .assert()
        .success();
    let whole = with_pass(&db, &pass).unwrap();
    assert!(whole[0] > 500, "{whole:?}");
    (dir, db, pass, rk, whole)
}

/// The next "random" moment from a fixed seed (the same moments on every run).
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[test]
fn killing_recovery_at_any_moment_leaves_the_old_or_the_new_key_opening_the_journal_whole() {
    let (dir, db, pass, mut current, whole) = big_locked();
    let recovery = |to: &Path| {
        let mut cmd = common::kindly_process(&db);
        cmd.arg("--passphrase-file")
            .arg(&pass)
            .arg("recovery")
            .arg("--to")
            .arg(to)
            .stderr(std::process::Stdio::null());
        cmd
    };
    // One left to finish, to learn how long one takes here: the kills land anywhere from
    // the start to a little past that.
    let started = std::time::Instant::now();
    let first = dir.path().join("rk-first");
    assert!(recovery(&first).status().unwrap().success());
    let span = started.elapsed().as_micros() as u64 * 13 / 10;
    current = if with_recovery(&db, &first).is_some() {
        first
    } else {
        current
    };
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut moved = 0;
    for round in 0..20 {
        let to = dir.path().join(format!("rk-{round}"));
        let mut child = recovery(&to).spawn().unwrap();
        // The wait is the random moment of death itself, not a stand-in for synchronisation.
        std::thread::sleep(std::time::Duration::from_micros(next(&mut seed) % span));
        let _ = child.kill();
        child.wait().unwrap();
        assert_eq!(
            with_pass(&db, &pass),
            Some(whole.clone()),
            "round {round}: the passphrase opens it whole"
        );
        let old = with_recovery(&db, &current);
        let new = std::fs::read_to_string(&to)
            .ok()
            .filter(|t| t.lines().next().and_then(RecoveryKey::parse).is_some())
            .and_then(|_| with_recovery(&db, &to));
        match (old, new) {
            (Some(c), None) => assert_eq!(c, whole, "round {round}"),
            (None, Some(c)) => {
                assert_eq!(c, whole, "round {round}");
                current = to;
                moved += 1;
            }
            (o, n) => panic!("round {round}: old opens {o:?}, new opens {n:?}: exactly one must"),
        }
    }
    assert!(
        moved < 20,
        "some kills landed before the new key was in place ({moved} of 20)"
    );
}

#[test]
fn killing_the_first_change_of_an_old_journal_leaves_the_old_or_new_passphrase_opening_it_whole() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.db");
    kindly(&plain)
        .args(["demo", "--weeks", "104", "--fill-only"])
        .assert()
        .success();
    let old_style = dir.path().join("old-style.db");
    Store::open(&plain)
        .unwrap()
        .export_to(&old_style, Some("the first long passphrase"))
        .unwrap();
    let passes = [
        file(dir.path(), "one", "the first long passphrase\n"),
        file(dir.path(), "two", "the second long passphrase\n"),
    ];
    let db = dir.path().join("k.db");
    let change = || {
        let mut cmd = common::kindly_process(&db);
        cmd.arg("--passphrase-file")
            .arg(&passes[0])
            .arg("passphrase")
            .arg("--new-passphrase-file")
            .arg(&passes[1])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        cmd
    };
    let fresh = || {
        for s in ["", ".keys", ".keys-new", "-wal", "-shm"] {
            let _ = std::fs::remove_file(kindly::store::side(&db, s));
        }
        std::fs::copy(&old_style, &db).unwrap();
    };
    fresh();
    let whole = with_pass(&db, &passes[0]).unwrap();
    let started = std::time::Instant::now();
    assert!(change().status().unwrap().success());
    let span = started.elapsed().as_micros() as u64 * 13 / 10;
    assert_eq!(with_pass(&db, &passes[1]), Some(whole.clone()));
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut changed = 0;
    for round in 0..20 {
        fresh();
        let mut child = change().spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_micros(next(&mut seed) % span));
        let _ = child.kill();
        child.wait().unwrap();
        let opens: Vec<_> = passes.iter().map(|p| with_pass(&db, p)).collect();
        let which = opens
            .iter()
            .position(Option::is_some)
            .unwrap_or_else(|| panic!("round {round}: neither passphrase opens the journal"));
        assert_eq!(opens[which].as_ref(), Some(&whole), "round {round}");
        assert!(
            opens[1 - which].is_none(),
            "round {round}: only one opens it"
        );
        changed += which;
    }
    assert!(
        changed < 20,
        "some kills landed before the change was in place ({changed} of 20)"
    );
}

#[test]
fn a_damaged_key_file_is_named_rather_than_blamed_on_the_passphrase() {
    let j = locked();
    let journal = std::fs::read(&j.db).unwrap();
    std::fs::write(key_file(&j.db), "kindly journal keys 1\npassphrase !!!\n").unwrap();
    let out = kindly(&j.db)
        .arg("--passphrase-file")
        .arg(&j.pass)
        .args(["checkin", "--mood", "5"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("isn't a kindly key file whole"), "{err}");
    assert!(err.contains("backup"), "says how to put it right: {err}");
    assert!(!err.contains("passphrase doesn't open"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(
        std::fs::read(&j.db).unwrap(),
        journal,
        "nothing was written"
    );
}

#[test]
fn a_journal_copied_without_its_key_file_says_the_key_file_is_missing() {
    let j = locked();
    let elsewhere = j.dir.path().join("new-laptop");
    std::fs::create_dir(&elsewhere).unwrap();
    let copy = elsewhere.join("k.db");
    std::fs::copy(&j.db, &copy).unwrap();
    let journal = std::fs::read(&copy).unwrap();
    for (flag, secret) in [
        ("--passphrase-file", &j.pass),
        ("--recovery-key-file", &j.rk),
    ] {
        let out = kindly(&copy)
            .arg(flag)
            .arg(secret)
            .args(["checkin", "--mood", "5"])
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{flag}: {err}");
        assert!(
            err.contains("k.db.keys"),
            "{flag} names the key file: {err}"
        );
        assert!(err.contains("copied"), "{flag}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert_eq!(
            std::fs::read(&copy).unwrap(),
            journal,
            "nothing was written"
        );
    }
    // With the key file beside it, the copy opens with either secret.
    std::fs::copy(key_file(&j.db), key_file(&copy)).unwrap();
    assert_eq!(with_pass(&copy, &j.pass), Some(vec![3, 0, 0, 0]));
    assert_eq!(with_recovery(&copy, &j.rk), Some(vec![3, 0, 0, 0]));
}

#[test]
fn a_half_written_staged_key_file_doesnt_lock_out_a_journal_it_never_keyed() {
    // A first change of an old journal stopped while its new key file was being written:
    // the journal is still the old one, and its old passphrase still opens it.
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.db");
    kindly(&plain)
        .args(["checkin", "--mood", "6", "--note", "by the heron pond"])
        .assert()
        .success();
    let db = dir.path().join("k.db");
    Store::open(&plain)
        .unwrap()
        .export_to(&db, Some("the first long passphrase"))
        .unwrap();
    let pass = file(dir.path(), "one", "the first long passphrase\n");
    std::fs::write(
        kindly::store::staged_key_file(&db),
        "kindly journal keys 1\npass",
    )
    .unwrap();
    assert_eq!(with_pass(&db, &pass), Some(vec![1, 0, 0, 0]));
}
