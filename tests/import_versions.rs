//! Imports that meet versions: an older export never takes a record back, a newer kindly's
//! fields and kinds of record are named rather than dropped without a word, and a moment
//! whose zone had an offset with seconds is stored, exported and read back as one instant.

use std::path::Path;

mod common;
use common::{TestJournal, export, kindly, ok};

fn import(db: &Path, file: &Path) -> String {
    let out = kindly(db).arg("import").arg(file).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn note_of_only_checkin(db: &Path) -> String {
    export(db)["checkins"][0]["note"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn an_older_export_imported_again_never_takes_a_record_back() {
    let a = TestJournal::new();
    ok(
        &a.db,
        &["checkin", "--mood", "5", "--note", "the first words"],
    );
    let older = a.file("older.json", common::export_bytes(&a.db));
    // The check-in is written again on the first computer, and exported again.
    let mut store = a.store();
    let mut c = store.checkins_between(None, None).unwrap().remove(0);
    c.set_note("the words as they are now");
    store.save_checkin(&c, None).unwrap();
    drop(store);
    let newer = a.file("newer.json", common::export_bytes(&a.db));

    let b = TestJournal::new();
    assert!(import(&b.db, &older).contains("added 1, unchanged 0."));
    assert!(import(&b.db, &newer).contains("added 0, updated 1, unchanged 0."));
    let said = import(&b.db, &older);
    assert_eq!(
        said,
        "1 record in the file (1 check-in): added 0, unchanged 0, kept 1 newer version (the file's is older).\n"
    );
    assert_eq!(note_of_only_checkin(&b.db), "the words as they are now");
    // A dry run says the same and the newer file is still the same as what is here.
    let out = kindly(&b.db)
        .arg("import")
        .arg(&older)
        .arg("--dry-run")
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("would keep 1 newer version"),
    );
    assert!(import(&b.db, &newer).contains("added 0, unchanged 1."));
    assert_eq!(note_of_only_checkin(&b.db), "the words as they are now");
}

#[test]
fn a_newer_kindlys_fields_and_kinds_are_named_and_the_rest_comes_in() {
    let j = TestJournal::new();
    let file = j.file(
        "newer.json",
        r#"{"format":"kindly","version":1,"weather_scale":"1-5",
            "checkins":[{"id":"5f0c2a4e-8a3b-4c1d-9e2f-0a1b2c3d4e5f","at":"2026-11-29T08:00:00+01:00","mood":6,"weather":"rain"}],
            "dreams":[{"id":"a"},{"id":"b"}],
            "moods_of_pets":[{"id":"c"}]}"#,
    );
    let said = import(&j.db, &file);
    assert_eq!(
        said,
        "1 record in the file (1 check-in): added 1, unchanged 0; passed over what a newer kindly wrote that this one doesn't know: \"weather\" on 1 check-in, \"dreams\" (2 records of a kind it doesn't know), \"moods_of_pets\" (1 record of a kind it doesn't know), \"weather_scale\" (update kindly and import again to bring it in).\n"
    );
    assert_eq!(export(&j.db)["checkins"][0]["mood"], 6);
    // A name made to move the terminal comes out as visible marks.
    let file = j.file(
        "osc.json",
        "{\"format\":\"kindly\",\"version\":1,\"\\u001b]52;c;aGk=\\u0007\":[]}",
    );
    let said = import(&j.db, &file);
    assert!(
        !said.contains('\u{1b}') && !said.contains('\u{7}'),
        "{said:?}"
    );
    assert!(
        said.contains("passed over what a newer kindly wrote"),
        "{said}"
    );
}

#[test]
fn a_time_in_a_zone_whose_offset_had_seconds_is_one_instant_everywhere() {
    let j = TestJournal::new();
    // Paris kept local mean time (+00:09:21) until 1911.
    let out = kindly(&j.db)
        .env("TZ", "Europe/Paris")
        .args(["checkin", "--mood", "5", "--at", "1900-01-01 12:00"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let conn = rusqlite::Connection::open(&j.db).unwrap();
    let (at, at_utc): (String, i64) = conn
        .query_row("SELECT at, at_utc FROM checkins", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    drop(conn);
    assert_eq!(at, "1900-01-01T12:00:00+00:09", "the time typed, kept");
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(&at)
            .unwrap()
            .timestamp(),
        at_utc,
        "the stored offset and the instant it sorts by agree"
    );
    // The export says the same, and comes back the same through an import.
    let first = common::export_bytes(&j.db);
    let doc: serde_json::Value = serde_json::from_slice(&first).unwrap();
    assert_eq!(doc["checkins"][0]["at"], "1900-01-01T12:00:00+00:09");
    let file = j.file("export.json", &first);
    let again = TestJournal::new();
    let out = kindly(&again.db)
        .env("TZ", "Europe/Paris")
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(common::export_bytes(&again.db), first);
}
