//! The command line, run as a real process: round trips, validation and exit codes.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use assert_cmd::Command;

fn kindly(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kindly").unwrap();
    cmd.arg("--db").arg(db);
    // Never read the developer's own config.
    cmd.env("KINDLY_CONFIG", db.with_extension("no-config.toml"));
    cmd.env_remove("KINDLY_DB");
    cmd
}

fn export(db: &Path) -> serde_json::Value {
    let out = kindly(db).arg("export").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

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
fn new_database_is_private_and_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nested/kindly/k.db");
    kindly(&db)
        .args(["checkin", "--mood", "7", "--note", "hi"])
        .assert()
        .success();
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

/// Runs a command that must be refused: exit 2, one line on stderr naming `needle`,
/// and no database file created.
fn refused(args: &[&str], needle: &str) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let out = kindly(&db).args(args).write_stdin("").output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "{args:?}: one line, got: {err}");
    assert!(
        err.contains(needle),
        "{args:?}: expected '{needle}' in: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(!db.exists(), "{args:?}: nothing may be written");
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
        &["checkin", "--mood", "5", "--at", "yesterday"],
        "--at is a date like",
    );
    refused(
        &["checkin", "--mood", "5", "--at", "2026-02-30"],
        "--at is a date like",
    );
    refused(
        &["checkin", "--mood", "5", "--at", "2099-01-01"],
        "--at is in the future",
    );
    refused(&["export", "--from", "last week"], "--from is a date like");
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

#[test]
fn usage_mistakes_are_one_line_with_exit_2() {
    refused(&["checkin"], "--mood");
    refused(&["checkin", "--mood", "5", "--moood", "3"], "--moood");
    refused(&["export", "--format", "yaml"], "yaml");
    refused(&["chekin"], "chekin");
}

#[test]
fn bad_config_names_line_and_key_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, "support_contact = \"Sam\"\nritualz = [\"tea\"]\n").unwrap();
    let out = Command::cargo_bin("kindly")
        .unwrap()
        .arg("--db")
        .arg(&db)
        .arg("--config")
        .arg(&cfg)
        .args(["checkin", "--mood", "5"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("line 2") && err.contains("`ritualz`"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!db.exists());
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

#[test]
fn the_tui_without_a_terminal_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let out = kindly(&db).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("needs a terminal"), "{err}");
}

#[test]
fn completions_are_printed_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let out = Command::cargo_bin("kindly")
            .unwrap()
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("checkin"),
            "{shell} completions mention checkin"
        );
    }
    refused(&["completions", "tcsh"], "tcsh");
}

#[test]
fn demo_fill_only_fills_a_fresh_file_and_refuses_a_used_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    kindly(&db)
        .args(["demo", "--weeks", "4", "--fill-only"])
        .assert()
        .success();
    let n = export(&db)["checkins"].as_array().unwrap().len();
    assert!(n >= 28, "about two a day over four weeks, got {n}");
    let out = kindly(&db)
        .args(["demo", "--weeks", "4", "--fill-only"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        export(&db)["checkins"].as_array().unwrap().len(),
        n,
        "nothing added"
    );
}

#[test]
fn thought_then_export_shows_the_record_and_its_relief() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let out = kindly(&db)
        .args([
            "thought",
            "--thought",
            "I always mess this up",
            "--belief",
            "80",
            "--belief-after",
            "40",
            "--distortions",
            "overgeneralisation",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let doc = export(&db);
    let t = &doc["thoughts"][0];
    assert_eq!(t["id"], id);
    assert_eq!(t["thought"], "I always mess this up");
    assert_eq!(t["distortions"], serde_json::json!(["overgeneralisation"]));
    let relief = t["belief"].as_i64().unwrap() - t["belief_after"].as_i64().unwrap();
    assert_eq!(relief, 40);
    assert!(
        t["at"].as_str().unwrap().len() >= 25,
        "RFC 3339 with offset"
    );
}

#[test]
fn a_full_thought_keeps_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args([
            "thought",
            "--thought",
            "I'm such an idiot",
            "--situation",
            "Forgot the meeting",
            "--voice",
            "Dad",
            "--emotion",
            "shame=90",
            "--emotion",
            "fear=50",
            "--belief",
            "70",
            "--distortions",
            "Labeling, all_or_nothing",
            "--friend",
            "Anyone can forget.",
            "--reframe",
            "I forgot once; I'm not an idiot.",
            "--belief-after",
            "20",
            "--intensity-after",
            "30",
            "--at",
            "2026-11-20 08:00",
        ])
        .assert()
        .success();
    let t = &export(&db)["thoughts"][0];
    assert_eq!(t["situation"], "Forgot the meeting");
    assert_eq!(t["voice"], "Dad");
    assert_eq!(
        t["emotions"],
        serde_json::json!([
            {"name": "shame", "intensity": 90, "intensity_after": 30},
            {"name": "fear", "intensity": 50, "intensity_after": 30}
        ])
    );
    assert_eq!(
        t["distortions"],
        serde_json::json!(["labelling", "all-or-nothing"])
    );
    assert_eq!(t["friend"], "Anyone can forget.");
    assert_eq!(t["reframe"], "I forgot once; I'm not an idiot.");
}

#[test]
fn thought_validation_refuses_and_writes_nothing() {
    fn t<'a>(extra: &[&'a str]) -> Vec<&'a str> {
        let mut v = vec!["thought", "--thought", "I never get it right"];
        v.extend_from_slice(extra);
        v
    }
    refused(
        &t(&["--belief", "101"]),
        "belief is a whole number from 0 to 100",
    );
    refused(
        &t(&["--belief", "-1"]),
        "belief is a whole number from 0 to 100",
    );
    refused(
        &t(&["--belief-after", "lots"]),
        "belief-after is a whole number from 0 to 100",
    );
    refused(
        &t(&["--intensity-after", "200", "--emotion", "sad=5"]),
        "intensity-after is a whole number from 0 to 100",
    );
    refused(
        &t(&["--intensity-after", "20"]),
        "needs at least one --emotion",
    );
    refused(
        &t(&["--emotion", "shame=101"]),
        "the intensity of shame is a whole number from 0 to 100",
    );
    refused(&t(&["--emotion", "=50"]), "--emotion has an empty name");
    refused(
        &t(&["--distortions", "grumpiness"]),
        "known ones: all-or-nothing, overgeneralisation",
    );
    refused(
        &t(&["--distortions", "labelling,,"]),
        "distortions has an empty name",
    );
    refused(&t(&["--at", "someday"]), "--at is a date like");
    refused(&["thought", "--thought", "   "], "thought is empty");
    refused(&["thought", "--belief", "50"], "--thought");
}

#[test]
fn own_distortion_labels_from_config_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let cfg = dir.path().join("config.toml");
    std::fs::write(
        &cfg,
        "distortions = [\"comparing: measuring myself against others\"]\n",
    )
    .unwrap();
    Command::cargo_bin("kindly")
        .unwrap()
        .arg("--db")
        .arg(&db)
        .arg("--config")
        .arg(&cfg)
        .args([
            "thought",
            "--thought",
            "She's better than me",
            "--distortions",
            "comparing",
        ])
        .assert()
        .success();
    assert_eq!(
        export(&db)["thoughts"][0]["distortions"],
        serde_json::json!(["comparing"])
    );
}

#[test]
fn write_then_export_and_search_find_the_letter() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let out = kindly(&db)
        .args([
            "write",
            "--kind",
            "letter",
            "--title",
            "For a grey day",
            "--tags",
            "winter,kindness",
            "--at",
            "2026-11-20 21:00",
        ])
        .write_stdin("Dear me,\n\nYou walked by the river even when it was hard. Café later? ☕\n")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let e = &export(&db)["entries"][0];
    assert_eq!(e["id"], id);
    assert_eq!(e["kind"], "letter");
    assert_eq!(e["title"], "For a grey day");
    assert_eq!(e["tags"], serde_json::json!(["winter", "kindness"]));
    assert_eq!(
        e["body"],
        "Dear me,\n\nYou walked by the river even when it was hard. Café later? ☕"
    );

    kindly(&db)
        .args([
            "checkin",
            "--mood",
            "5",
            "--note",
            "rain by the river",
            "--at",
            "2026-11-25 08:00",
        ])
        .assert()
        .success();
    let out = kindly(&db).args(["search", "river"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with("check-in  2026-11-25 08:00  rain by the «river»"),
        "{text}"
    );
    assert!(
        lines[1].starts_with("journal   2026-11-20 21:00"),
        "newest first: {text}"
    );
    let out = kindly(&db).args(["search", "cafe"]).output().unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("«Café»"));
}

#[test]
fn search_refuses_an_unreadable_query_with_exit_2() {
    refused(
        &["search", "\"unclosed"],
        "search has a quote that isn't closed",
    );
    refused(
        &["search", "OR"],
        "search uses OR without a word on each side",
    );
    refused(&["search", "-rain"], "search only leaves words out");
}

#[test]
fn write_refuses_an_empty_body_and_bad_values() {
    refused(&["write"], "body is empty");
    refused(&["write", "--kind", "poem"], "poem");
    refused(&["write", "--tags", "a,,b"], "tags has an empty name");
    refused(&["write", "--at", "tomorrow-ish"], "--at is a date like");
}

#[test]
fn trends_json_on_a_fixture_is_exactly_as_expected() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    for (mood, at, rituals) in [
        ("4", "2026-11-02 09:00", "walk"),
        ("8", "2026-11-02 20:00", "walk"),
        ("5", "2026-11-04 09:00", "walk"),
        ("3", "2026-11-05 09:00", "tea"),
        ("7", "2026-11-09 09:00", "walk"),
        ("2", "2026-11-11 09:00", "tea"),
        ("4", "2026-11-13 09:00", "tea"),
        ("9", "2026-11-16 09:00", "walk"), // after --until: left out
    ] {
        kindly(&db)
            .args(["checkin", "--mood", mood, "--at", at, "--rituals", rituals])
            .assert()
            .success();
    }
    kindly(&db)
        .args([
            "thought",
            "--thought",
            "I'm useless",
            "--belief",
            "80",
            "--belief-after",
            "30",
            "--emotion",
            "shame=90",
            "--intensity-after",
            "50",
            "--at",
            "2026-11-10 10:00",
        ])
        .assert()
        .success();
    kindly(&db)
        .args([
            "thought",
            "--thought",
            "Nobody cares",
            "--belief",
            "70",
            "--at",
            "2026-11-11 10:00",
        ])
        .assert()
        .success();
    let out = kindly(&db)
        .args([
            "trends",
            "--weeks",
            "2",
            "--until",
            "2026-11-15",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected = serde_json::json!({
        "until": "2026-11-15",
        "weeks": [
            {"start": "2026-11-02", "days": 3, "mean": 4.666666666666667, "min": 3.0, "max": 6.0},
            {"start": "2026-11-09", "days": 3, "mean": 4.333333333333333, "min": 2.0, "max": 7.0}
        ],
        "rituals": [
            {"name": "tea", "days_with": 3, "mean_with": 3.0, "days_without": 3, "mean_without": 6.0},
            {"name": "walk", "days_with": 3, "mean_with": 6.0, "days_without": 3, "mean_without": 3.0}
        ],
        "thoughts": {"count": 2, "mean_belief_relief": 50.0, "mean_intensity_relief": 40.0},
        "breaks": {"count": 0, "mean_before": null, "mean_after": null},
        "parts": [
            {"start": "2026-11-02", "kindness": null, "humanity": null, "mindfulness": null},
            {"start": "2026-11-09", "kindness": null, "humanity": null, "mindfulness": null}
        ]
    });
    assert_eq!(got, expected);
    let text = kindly(&db)
        .args(["trends", "--weeks", "2", "--until", "2026-11-15"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("2026-11-02     3   4.7   3.0   6.0"),
        "{text}"
    );
    assert!(
        text.contains("belief eased 50.0 points on average"),
        "{text}"
    );
}

#[test]
fn trends_refuses_bad_spans() {
    refused(&["trends", "--weeks", "0"], "--weeks");
    refused(&["trends", "--weeks", "many"], "many");
    refused(
        &["trends", "--until", "29/11/2026"],
        "--until is a date like",
    );
}

#[test]
fn the_html_report_is_well_formed_with_one_point_per_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args(["demo", "--weeks", "6", "--fill-only"])
        .assert()
        .success();
    let html = dir.path().join("summary.html");
    kindly(&db)
        .args(["report", "--weeks", "4", "--format", "html", "-o"])
        .arg(&html)
        .assert()
        .success();
    let mode = std::fs::metadata(&html).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let text = std::fs::read_to_string(&html).unwrap();
    // Parse it strictly: every tag closed, every attribute quoted.
    let mut reader = quick_xml::Reader::from_str(&text);
    let (mut in_svg, mut circles, mut svgs) = (false, 0, 0);
    loop {
        match reader.read_event().expect("the report is well-formed") {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == "svg" => {
                in_svg = true;
                svgs += 1;
            }
            quick_xml::events::Event::End(e) if e.name().as_ref() == "svg" => in_svg = false,
            quick_xml::events::Event::Start(e) if in_svg && e.name().as_ref() == "circle" => {
                circles += 1
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(svgs, 1);
    let trends = kindly(&db)
        .args(["trends", "--weeks", "4", "--format", "json"])
        .output()
        .unwrap();
    let trends: serde_json::Value = serde_json::from_slice(&trends.stdout).unwrap();
    let days: u64 = trends["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["days"].as_u64().unwrap())
        .sum();
    assert_eq!(circles, days, "one point per day with check-ins");
    assert!(!text.contains("<script"), "no scripts");
    assert!(
        !text.contains("http://") || text.matches("http://").count() == 1,
        "only the SVG namespace"
    );
}

#[test]
fn the_markdown_report_keeps_notes_out_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args([
            "checkin",
            "--mood",
            "3",
            "--note",
            "a very private sentence",
            "--rituals",
            "walk",
            "--at",
            "2026-11-10 09:00",
        ])
        .assert()
        .success();
    let md = dir.path().join("summary.md");
    let run = |extra: &[&str]| {
        kindly(&db)
            .args([
                "report",
                "--weeks",
                "2",
                "--until",
                "2026-11-15",
                "--format",
                "md",
                "-o",
            ])
            .arg(&md)
            .args(extra)
            .assert()
            .success();
        std::fs::read_to_string(&md).unwrap()
    };
    let plain = run(&[]);
    assert!(
        plain.contains("# kindly summary: 2026-11-02 to 2026-11-15"),
        "{plain}"
    );
    assert!(
        plain.contains("| 2026-11-09 | 1 | 3.0 | 3.0 | 3.0 |"),
        "{plain}"
    );
    assert!(
        !plain.contains("a very private sentence"),
        "aggregates only by default"
    );
    let with_notes = run(&["--include-notes"]);
    assert!(with_notes.contains("a very private sentence"));
}

#[test]
fn report_refuses_missing_format_or_output() {
    refused(&["report", "-o", "x.md"], "--format");
    refused(&["report", "--format", "pdf", "-o", "x.pdf"], "pdf");
    refused(&["report", "--format", "md"], "--output");
}

#[test]
fn status_says_plainly_whether_there_is_a_checkin_today() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let status = |fmt: &str| {
        let out = kindly(&db)
            .args(["status", "--format", fmt])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "status always exits 0");
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(
        status("text"),
        "kindly: no check-ins yet. Whenever you like: kindly\n"
    );
    assert!(!db.exists(), "a prompt never creates the journal");
    kindly(&db)
        .args(["checkin", "--mood", "4", "--at", "2026-01-05 10:00"])
        .assert()
        .success();
    assert_eq!(
        status("text"),
        "kindly: no check-in yet today (last mood 4, Mon 5 Jan). Whenever you like: kindly\n"
    );
    kindly(&db)
        .args(["checkin", "--mood", "6"])
        .assert()
        .success();
    assert_eq!(status("text"), "kindly: checked in today; mood 6.\n");
    kindly(&db)
        .args(["checkin", "--mood", "8"])
        .assert()
        .success();
    assert_eq!(
        status("text"),
        "kindly: checked in 2 times today; latest mood 8.\n"
    );
    let json: serde_json::Value = serde_json::from_str(&status("json")).unwrap();
    assert_eq!(json["checked_in_today"], true);
    assert_eq!(json["today"], 2);
    assert_eq!(json["last_mood"], 8);
    for word in ["missed", "streak", "failed", "forgot"] {
        assert!(!status("text").contains(word));
    }
}

#[test]
fn man_prints_a_roff_page_naming_every_command() {
    let out = Command::cargo_bin("kindly")
        .unwrap()
        .arg("man")
        .output()
        .unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.starts_with(".ie") || page.contains(".TH kindly 1"),
        "{page}"
    );
    for cmd in [
        "checkin", "thought", "write", "search", "trends", "report", "import", "backup", "export",
        "status",
    ] {
        assert!(page.contains(cmd), "man page lacks {cmd}");
    }
}

#[test]
fn search_output_never_carries_a_notes_escape_sequences() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args([
            "checkin",
            "--mood",
            "5",
            "--note",
            "heron \u{1b}]0;pwned\u{7} \u{1b}[2J",
        ])
        .assert()
        .success();
    let out = kindly(&db).args(["search", "heron"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("␛]0;pwned␇"), "{text}");
}

#[test]
fn a_crash_says_one_calm_line_and_logs_no_journal_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let state = dir.path().join("state");
    let out = kindly(&db)
        .args(["checkin", "--mood", "5"])
        .env("XDG_STATE_HOME", &state)
        .env("KINDLY_PANIC_FOR_TEST", "my most private sentence")
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "one line, no backtrace: {err}");
    assert!(err.contains("kept as a draft"), "{err}");
    assert!(!err.contains("my most private sentence"), "{err}");
    let log = state.join("kindly/crash.log");
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("src/cli/mod.rs:"),
        "the place is noted: {text}"
    );
    assert!(
        !text.contains("private"),
        "no journal text in the log: {text}"
    );
    assert_eq!(
        std::fs::metadata(&log).unwrap().permissions().mode() & 0o777,
        0o600
    );
}
