//! The journal file itself: created private in WAL mode, found by flag or env, and refused untouched when it is not a kindly journal.

use super::*;

#[test]
fn the_default_journal_is_made_on_first_use_private_and_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // No --db and no KINDLY_DB: the platform data folder (XDG_DATA_HOME), made on first use.
    Command::cargo_bin("kindly")
        .unwrap()
        .env_remove("KINDLY_DB")
        .env("XDG_DATA_HOME", &data)
        .env("HOME", dir.path())
        .env("KINDLY_CONFIG", dir.path().join("none.toml"))
        .args(["checkin", "--mood", "7", "--note", "hi"])
        .assert()
        .success();
    let db = data.join("kindly").join("kindly.db");
    let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "database mode {mode:o}");
    let dir_mode = std::fs::metadata(db.parent().unwrap())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(dir_mode, 0o700, "folder mode {dir_mode:o}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let journal: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
}

#[test]
fn a_folder_named_by_db_that_isnt_there_is_said_and_never_made() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    let db = missing.join("j.db");
    let note = dir.path().join("note.txt");
    std::fs::write(&note, "{\"format\":\"kindly\",\"version\":1}").unwrap();
    let note = note.to_str().unwrap();
    for args in [
        &["checkin", "--mood", "5"][..],
        &["thought", "--thought", "I should have known"][..],
        &["write", "a page"][..],
        &["import", note][..],
        &["session", "add", "--note", "sleep"][..],
        &["demo", "--fill-only"][..],
        &["kind", "list"][..],
    ] {
        let out = kindly(&db).args(args).output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(
            err,
            format!(
                "kindly: the journal's folder {} isn't there; make it first, or name a journal file in a folder that is there; nothing was written\n",
                missing.display()
            ),
            "{args:?}"
        );
        assert!(!missing.exists(), "{args:?} made the folder");
    }
    // KINDLY_DB names a journal as --db does.
    let out = Command::cargo_bin("kindly")
        .unwrap()
        .env("KINDLY_DB", &db)
        .env("KINDLY_CONFIG", dir.path().join("none.toml"))
        .args(["checkin", "--mood", "5"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!missing.exists());
    // A command that only reads says there is no journal there, and makes nothing.
    let out = kindly(&db).arg("trends").output().unwrap();
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("no journal at"),
        "a reader"
    );
    // A file standing where the folder should be is named as such.
    std::fs::write(&missing, "").unwrap();
    // (The config the test helper names sits beside the journal: one that is there instead.)
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "").unwrap();
    let out = kindly(&db)
        .arg("--config")
        .arg(&config)
        .args(["checkin", "--mood", "5"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("isn't a folder"),
        "a file in the way"
    );
    // status stays calm and makes nothing.
    std::fs::remove_file(&missing).unwrap();
    let out = kindly(&db).arg("status").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(!missing.exists());
}

#[test]
fn kindly_db_env_is_used_when_no_flag_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("from-env.db");
    Command::cargo_bin("kindly")
        .unwrap()
        .env("KINDLY_DB", &db)
        .env("KINDLY_CONFIG", dir.path().join("none.toml"))
        .args(["checkin", "--mood", "5"])
        .assert()
        .success();
    assert!(db.exists());
}

/// A database that must be refused: exit 1, a clear line, and the file byte-for-byte the same.
fn refused_file(bytes: &[u8], needle: &str) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    std::fs::write(&db, bytes).unwrap();
    for args in [&["checkin", "--mood", "5"][..], &["export"][..]] {
        let out = kindly(&db).args(args).output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains(needle), "expected '{needle}' in: {err}");
        assert!(err.contains("left untouched"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert_eq!(
            std::fs::read(&db).unwrap(),
            bytes,
            "the file must not change"
        );
    }
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names.len(),
        1,
        "no -wal or -journal files were made: {names:?}"
    );
}

#[test]
fn a_text_file_is_refused_untouched() {
    refused_file(
        b"Dear diary, this is not a database at all.\n"
            .repeat(10)
            .as_slice(),
        "not a kindly database",
    );
}

#[test]
fn a_zeroed_header_is_refused_untouched() {
    refused_file(&[0u8; 4096], "not a kindly database");
}

#[test]
fn another_apps_sqlite_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');")
        .unwrap();
    drop(conn);
    refused_file(
        &std::fs::read(&other).unwrap(),
        "belongs to another program",
    );
}

#[test]
fn a_newer_schema_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args(["checkin", "--mood", "5"])
        .assert()
        .success();
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("PRAGMA journal_mode=DELETE; PRAGMA user_version = 999;")
        .unwrap();
    drop(conn);
    refused_file(&std::fs::read(&db).unwrap(), "written by a newer kindly");
}
