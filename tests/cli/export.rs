//! `kindly export`: private files and date ranges.

use super::*;

#[test]
fn export_to_a_file_is_private() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let out = dir.path().join("export.json");
    kindly(&db)
        .args(["checkin", "--mood", "6"])
        .assert()
        .success();
    kindly(&db)
        .args(["export", "--format", "json", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(doc["checkins"][0]["mood"], 6);
}

#[test]
fn export_date_range_filters_by_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    for (mood, at) in [
        ("2", "2026-11-01 09:00"),
        ("5", "2026-11-15 09:00"),
        ("8", "2026-11-20 09:00"),
    ] {
        kindly(&db)
            .args(["checkin", "--mood", mood, "--at", at])
            .assert()
            .success();
    }
    let out = kindly(&db)
        .args(["export", "--from", "2026-11-10", "--to", "2026-11-15"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let moods: Vec<_> = doc["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["mood"].clone())
        .collect();
    assert_eq!(moods, [serde_json::json!(5)]);
}
