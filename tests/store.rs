//! The store on real files: migrations, reopening, and two writers at once.

use std::collections::BTreeSet;

use kindly::domain::{CheckIn, Mood, Scale};
use kindly::store::{Store, latest_schema_version};

fn schema(path: &std::path::Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn migrations_apply_to_an_empty_file_and_are_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    std::fs::write(&path, b"").unwrap(); // an empty file, as `touch` leaves it
    let store = Store::open(&path).unwrap();
    assert_eq!(store.user_version().unwrap(), latest_schema_version());
    assert_eq!(store.journal_mode().unwrap(), "wal");
    drop(store);
    let first = schema(&path);
    assert!(first.iter().any(|s| s.contains("CREATE TABLE checkins")));
    for _ in 0..3 {
        let store = Store::open(&path).unwrap();
        assert_eq!(store.user_version().unwrap(), latest_schema_version());
    }
    assert_eq!(schema(&path), first, "reopening changes nothing");
}

#[test]
fn saved_checkins_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-29T08:00:00+00:00").unwrap();
    let c = CheckIn::new(at, Mood::new(6).unwrap());
    Store::open(&path).unwrap().save_checkin(&c, None).unwrap();
    assert_eq!(Store::open(&path).unwrap().checkin(c.id).unwrap(), Some(c));
}

#[test]
fn two_writers_at_once_never_hit_a_locked_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    Store::open(&path).unwrap();
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                let mut ids = Vec::new();
                for i in 0..250 {
                    let at = chrono::DateTime::parse_from_rfc3339("2026-11-29T08:00:00+00:00")
                        .unwrap()
                        + chrono::Duration::seconds(i * 2 + w);
                    let c = CheckIn::new(at, Mood::new(1 + (i % 10) as u8).unwrap());
                    store.save_checkin(&c, None).expect("no write may fail");
                    // Read back between writes, as the TUI does after a save.
                    store.latest_checkin().unwrap();
                    ids.push(c.id);
                }
                ids
            })
        })
        .collect();
    let written: BTreeSet<_> = writers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    let stored: BTreeSet<_> = Store::open(&path)
        .unwrap()
        .checkins_between(None, None)
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(written.len(), 500);
    assert_eq!(stored, written);
}
