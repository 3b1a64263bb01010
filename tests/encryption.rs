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
    let mut store = Store::open_keyed(&db, Some("correct horse battery")).unwrap();
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
            "kindly: that passphrase doesn't open {} (or it isn't a kindly journal); it was left untouched\n",
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
