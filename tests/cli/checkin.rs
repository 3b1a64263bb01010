//! `kindly checkin`: every field round-trips, and every bad value is refused.

use super::*;

#[test]
fn checkin_then_export_round_trips_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let out = kindly(&db)
        .args([
            "checkin",
            "--mood",
            "7",
            "--energy",
            "4",
            "--emotions",
            "calm, hopeful",
            "--rituals",
            "walk,sat with the cat",
            "--kindness",
            "3",
            "--humanity",
            "4",
            "--mindfulness",
            "5",
            "--note",
            "-",
            "--at",
            "2026-11-28T21:15:00+01:00",
        ])
        .write_stdin("Evening. Lighter than this morning 🌙\nSecond line.\n")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert_eq!(id.len(), 36, "prints the new id: {id}");

    let doc = export(&db);
    assert_eq!(doc["format"], "kindly");
    assert_eq!(doc["version"], 1);
    assert_eq!(
        doc["checkins"][0],
        serde_json::json!({
            "id": id,
            "at": "2026-11-28T21:15:00+01:00",
            "mood": 7,
            "energy": 4,
            "emotions": ["calm", "hopeful"],
            "rituals": ["walk", "sat with the cat"],
            "kindness": 3,
            "humanity": 4,
            "mindfulness": 5,
            "note": "Evening. Lighter than this morning 🌙\nSecond line."
        })
    );
    for key in ["thoughts", "entries", "breaks"] {
        assert_eq!(doc[key], serde_json::json!([]));
    }
}

#[test]
fn minimal_checkin_exports_nulls_and_empty_lists() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args(["checkin", "--mood", "1"])
        .assert()
        .success();
    let c = &export(&db)["checkins"][0];
    assert_eq!(c["mood"], 1);
    for key in ["energy", "kindness", "humanity", "mindfulness", "note"] {
        assert!(c[key].is_null(), "{key} should be null");
    }
    assert_eq!(c["emotions"], serde_json::json!([]));
    assert_eq!(c["rituals"], serde_json::json!([]));
}

#[test]
fn mood_out_of_range_or_not_a_number_is_refused() {
    refused(
        &["checkin", "--mood", "0"],
        "mood is a whole number from 1 to 10",
    );
    refused(
        &["checkin", "--mood", "11"],
        "mood is a whole number from 1 to 10",
    );
    refused(
        &["checkin", "--mood", "abc"],
        "mood is a whole number from 1 to 10 (you gave 'abc')",
    );
    refused(
        &["checkin", "--mood", "-3"],
        "mood is a whole number from 1 to 10",
    );
    refused(
        &["checkin", "--mood", "7.5"],
        "mood is a whole number from 1 to 10",
    );
}

#[test]
fn other_scales_out_of_range_are_refused() {
    refused(
        &["checkin", "--mood", "5", "--energy", "11"],
        "energy is a whole number from 1 to 10",
    );
    refused(
        &["checkin", "--mood", "5", "--kindness", "6"],
        "kindness is a whole number from 1 to 5",
    );
    refused(
        &["checkin", "--mood", "5", "--humanity", "0"],
        "humanity is a whole number from 1 to 5",
    );
    refused(
        &["checkin", "--mood", "5", "--mindfulness", "lots"],
        "mindfulness is a whole number from 1 to 5",
    );
}

#[test]
fn bad_dates_are_refused() {
    refused(
        &["checkin", "--mood", "5", "--at", "the day before"],
        "--at didn't read as a date",
    );
    refused(
        &["checkin", "--mood", "5", "--at", "2026-02-30"],
        "--at didn't read as a date",
    );
    refused(
        &["checkin", "--mood", "5", "--at", "2099-01-01"],
        "--at is in the future",
    );
    refused(
        &["export", "--from", "last week"],
        "--from didn't read as a date",
    );
    refused(
        &["export", "--from", "2026-11-20", "--to", "2026-11-01"],
        "comes after --to",
    );
}

#[test]
fn empty_labels_are_refused_but_unknown_ones_are_welcome() {
    refused(
        &["checkin", "--mood", "5", "--rituals", "walk,,rest"],
        "rituals has an empty name",
    );
    refused(
        &["checkin", "--mood", "5", "--rituals", ""],
        "rituals has an empty name",
    );
    refused(
        &["checkin", "--mood", "5", "--emotions", " , "],
        "emotions has an empty name",
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args(["checkin", "--mood", "5", "--rituals", "fed the ducks"])
        .assert()
        .success();
}
