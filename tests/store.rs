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

#[test]
fn the_search_migration_indexes_what_was_already_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    // A journal as version 3 left it, with a check-in, a thought and a letter.
    let conn = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        include_str!("../migrations/0001_init.sql"),
        include_str!("../migrations/0002_thoughts.sql"),
        include_str!("../migrations/0003_entries_breaks.sql"),
    ] {
        conn.execute_batch(sql).unwrap();
    }
    conn.execute_batch(&format!(
        "PRAGMA application_id = {}; PRAGMA user_version = 3;
         INSERT INTO checkins (id, at, at_utc, day, mood, note, created_at, updated_at)
           VALUES ('7d3c0c64-36f3-4c9e-8f5d-0d7c1c5b4a11', '2026-11-01T09:00:00+00:00', 1793523600,
                   '2026-11-01', 5, 'otters in the harbour', 'x', 'x');
         INSERT INTO thoughts (id, at, at_utc, day, thought, created_at, updated_at)
           VALUES ('9b1f7c2e-6a0e-4a55-b0de-5f4c3c2a1b22', '2026-11-02T09:00:00+00:00', 1793610000,
                   '2026-11-02', 'the otters never like me', 'x', 'x');
         INSERT INTO entries (id, at, at_utc, day, kind, body, created_at, updated_at)
           VALUES ('1a2b3c4d-5e6f-4a1b-9c2d-3e4f5a6b7c33', '2026-11-03T09:00:00+00:00', 1793696400,
                   '2026-11-03', 'letter', 'Dear me, otters again.', 'x', 'x');",
        kindly::store::APPLICATION_ID
    ))
    .unwrap();
    drop(conn);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.user_version().unwrap(), latest_schema_version());
    let found = store.search("otters", 10).unwrap();
    assert_eq!(found.len(), 3, "every earlier record is searchable");
}

#[test]
fn day_summaries_in_sql_match_the_pure_maths_on_sample_data() {
    let mut store = Store::open_in_memory().unwrap();
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-29T21:00:00+01:00").unwrap();
    let cfg = kindly::config::Config::default();
    let sample = kindly::demo::checkins(12, now, &cfg.emotions, &cfg.rituals);
    store
        .save_journal(&kindly::domain::Journal {
            checkins: sample.clone(),
            ..Default::default()
        })
        .unwrap();
    let from = "2026-01-01".parse().unwrap();
    let to = "2026-12-31".parse().unwrap();
    let sql = store.day_summaries(from, to).unwrap();
    let pure = kindly::domain::summarise_days(&sample);
    assert_eq!(sql, pure);
    assert!(sql.iter().any(|d| d.checkins > 1 && !d.rituals.is_empty()));
}
