//! `kindly export` (private files, date ranges, what Markdown carries) and where `trends` starts.

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

#[test]
fn markdown_export_carries_energy_and_the_three_self_compassion_ratings() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    for args in [
        &[
            "--mood",
            "6",
            "--energy",
            "4",
            "--kindness",
            "3",
            "--mindfulness",
            "5",
        ][..],
        &["--mood", "7", "--humanity", "2", "--at", "2026-11-20 21:00"],
    ] {
        let mut all = vec!["checkin"];
        all.extend_from_slice(args);
        kindly(&db).args(&all).assert().success();
    }
    let out = kindly(&db)
        .args(["export", "--format", "md"])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("· check-in · mood 6 · energy 4\n"), "{md}");
    assert!(
        md.contains("Self-compassion (of 5): kindness 3, mindfulness 5\n"),
        "{md}"
    );
    // Left out where not given: no energy, only the part rated.
    assert!(md.contains("21:00 · check-in · mood 7\n"), "{md}");
    assert!(md.contains("Self-compassion (of 5): humanity 2\n"), "{md}");
}

#[test]
fn trends_start_with_the_week_the_journal_began() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args(["checkin", "--mood", "6", "--at", "2026-11-25 09:00"])
        .assert()
        .success();
    let out = kindly(&db)
        .args(["trends", "--weeks", "8", "--until", "2026-11-29"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Mood, 2026-11-23 to 2026-11-29\n"),
        "{text}"
    );
    assert!(
        !text.contains("   0     –"),
        "no empty weeks before it:\n{text}"
    );
}

#[test]
fn an_old_record_holding_carriage_returns_exports_its_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args(["checkin", "--mood", "6", "--note", "placeholder"])
        .assert()
        .success();
    // As an older kindly kept a pasted note: the terminal's CRs, raw.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE checkins SET note = ?1",
        ["A slow morning.\r\rThen a walk.\r\nThen rain."],
    )
    .unwrap();
    drop(conn);
    let out = kindly(&db)
        .args(["export", "--format", "md"])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("A slow morning.\n\nThen a walk.\nThen rain."),
        "{md}"
    );
    assert!(!md.contains('\r') && !md.contains('␍'), "{md}");
}

#[test]
fn export_report_and_backup_refuse_a_file_already_there_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args(["checkin", "--mood", "6"])
        .assert()
        .success();
    let file = dir.path().join("there.html");
    for args in [
        &["export", "--format", "json", "-o"][..],
        &["report", "-o"],
        &["backup", "-o"],
    ] {
        std::fs::write(&file, "kept").unwrap();
        let out = kindly(&db).args(args).arg(&file).output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("add --force to replace it"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "kept",
            "nothing written"
        );
        kindly(&db)
            .args(args)
            .arg(&file)
            .arg("--force")
            .assert()
            .success()
            .stderr("");
        assert_ne!(
            std::fs::read(&file).unwrap(),
            b"kept",
            "{args:?} replaced it"
        );
    }
    // The report took its format from the name: HTML.
    kindly(&db)
        .args(["report", "--force", "-o"])
        .arg(&file)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    // CSV refuses when one of its files is in the folder already.
    let folder = dir.path().join("csv");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("breaks.csv"), "kept").unwrap();
    kindly(&db)
        .args(["export", "--format", "csv", "-o"])
        .arg(&folder)
        .assert()
        .code(2);
    assert!(!folder.join("checkins.csv").exists());
}
