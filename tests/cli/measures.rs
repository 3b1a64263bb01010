//! `kindly checkin --measure` and `kindly measures`: the person's own measures from the
//! config, recorded with a check-in or for the day alone; a value that doesn't fit is one
//! line, exit 2, and nothing written.

use std::path::{Path, PathBuf};

use crate::common::{TestJournal, kindly};

const CONFIG: &str = r#"
[[measures]]
name = "sleep"
kind = "number"
unit = "hours"
per = "day"
decimals = 1
max = 24

[[measures]]
name = "meds"
kind = "yesno"

[[measures]]
name = "anxiety"
kind = "scale"
min = 0
max = 10
"#;

fn config(j: &TestJournal, text: &str) -> PathBuf {
    let path = j.dir.path().join("config.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs kindly with the measures config; (exit code, stdout, stderr).
fn run(db: &Path, cfg: &Path, args: &[&str]) -> (i32, String, String) {
    let out = kindly(db)
        .arg("--config")
        .arg(cfg)
        .args(args)
        .write_stdin("")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The rows of the journal's measure tables, to see that nothing changed.
fn rows(db: &Path) -> (i64, i64, i64, i64) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let count = |t: &str| {
        conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap()
    };
    (
        count("measures"),
        count("checkin_measures"),
        count("day_measures"),
        count("checkins"),
    )
}

#[test]
fn a_checkin_carries_measures_and_a_day_measure_may_come_alone() {
    let j = TestJournal::new();
    let cfg = config(&j, CONFIG);
    let (code, _, err) = run(
        &j.db,
        &cfg,
        &[
            "checkin",
            "--mood",
            "6",
            "--measure",
            "sleep=7.5",
            "--measure",
            "meds=yes",
            "--measure",
            "anxiety=6",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(rows(&j.db), (3, 2, 1, 1));
    // The next morning's sleep, alone: the day's value, and no check-in.
    let (code, out, err) = run(
        &j.db,
        &cfg,
        &[
            "checkin",
            "--measure",
            "sleep=6.5h",
            "--at",
            "2026-11-29 08:00",
        ],
    );
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert_eq!(rows(&j.db), (3, 2, 2, 1));
    let conn = rusqlite::Connection::open(&j.db).unwrap();
    let night: f64 = conn
        .query_row(
            "SELECT value FROM day_measures WHERE day = '2026-11-29'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(night, 6.5);
}

#[test]
fn each_value_that_doesnt_fit_is_one_line_naming_the_measure_and_writes_nothing() {
    let j = TestJournal::new();
    let cfg = config(&j, CONFIG);
    assert_eq!(run(&j.db, &cfg, &["checkin", "--mood", "5"]).0, 0);
    let before = rows(&j.db);
    for (bad, says) in [
        (
            "slep=7",
            "'slep' isn't one of your measures (yours are sleep, meds, anxiety)",
        ),
        (
            "sleep=30",
            "sleep takes a number of hours up to 24, with up to 1 decimal (you gave '30')",
        ),
        ("sleep=7.25", "sleep takes a number of hours up to 24"),
        (
            "sleep=7mg",
            "sleep takes a number of hours up to 24, with up to 1 decimal, in hours",
        ),
        ("sleep=lots", "sleep takes a number of hours"),
        ("meds=maybe", "meds takes yes or no"),
        (
            "meds=1mg",
            "meds takes yes or no, without a unit (you gave '1mg')",
        ),
        ("meds=yes mg", "meds takes yes or no, without a unit"),
        (
            "anxiety=11",
            "anxiety takes a whole number from 0 to 10 (you gave '11')",
        ),
        ("anxiety=6.5", "anxiety takes a whole number from 0 to 10"),
        (
            "anxiety=6 points",
            "anxiety takes a whole number from 0 to 10, without a unit",
        ),
        ("sleep", "--measure takes NAME=VALUE"),
    ] {
        // Beside a value that fits, so one bad value is seen to stop the good one too.
        let good = if bad.starts_with("sleep") {
            "meds=yes"
        } else {
            "sleep=7"
        };
        let (code, out, err) = run(
            &j.db,
            &cfg,
            &[
                "checkin",
                "--mood",
                "5",
                "--measure",
                good,
                "--measure",
                bad,
            ],
        );
        assert_eq!(code, 2, "{bad}: {err}");
        assert_eq!(err.lines().count(), 1, "{bad}: {err}");
        assert!(err.contains(says), "{bad}: expected '{says}' in {err}");
        assert!(out.is_empty(), "{bad}");
        assert_eq!(rows(&j.db), before, "{bad}: nothing may be written");
    }
}

#[test]
fn a_measure_kept_per_checkin_needs_a_mood_and_so_does_anything_else() {
    let j = TestJournal::new();
    let cfg = config(&j, CONFIG);
    assert_eq!(run(&j.db, &cfg, &["checkin", "--mood", "5"]).0, 0);
    let before = rows(&j.db);
    let (code, _, err) = run(&j.db, &cfg, &["checkin", "--measure", "anxiety=3"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("anxiety is kept with each check-in, so it needs --mood too"),
        "{err}"
    );
    let (code, _, err) = run(
        &j.db,
        &cfg,
        &["checkin", "--measure", "sleep=7", "--note", "hi"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--mood is needed"), "{err}");
    assert_eq!(rows(&j.db), before);
}

#[test]
fn a_bad_value_on_a_fresh_path_makes_no_journal() {
    let j = TestJournal::new();
    let cfg = config(&j, CONFIG);
    let (code, _, err) = run(
        &j.db,
        &cfg,
        &["checkin", "--mood", "5", "--measure", "meds=2"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("meds takes yes or no"), "{err}");
    assert!(!j.db.exists());
}

#[test]
fn measures_are_listed_as_text_and_json_with_the_ids_the_journal_keeps() {
    let j = TestJournal::new();
    let cfg = config(&j, CONFIG);
    let (code, text, err) = run(&j.db, &cfg, &["measures"]);
    assert_eq!(code, 0, "{err}");
    assert!(!j.db.exists(), "listing makes no journal");
    assert!(
        text.contains("sleep    a number of hours up to 24, with up to 1 decimal; one a day"),
        "{text}"
    );
    assert!(
        text.contains("meds     yes or no; with each check-in"),
        "{text}"
    );
    let listed = |db: &Path| -> serde_json::Value {
        serde_json::from_str(&run(db, &cfg, &["measures", "--format", "json"]).1).unwrap()
    };
    let before = listed(&j.db);
    assert_eq!(before[2]["name"], "anxiety");
    assert_eq!(
        (before[2]["min"].as_i64(), before[2]["max"].as_i64()),
        (Some(0), Some(10))
    );
    run(
        &j.db,
        &cfg,
        &["checkin", "--mood", "5", "--measure", "meds=no"],
    );
    assert_eq!(listed(&j.db), before, "the ids listed are the ids kept");
}

#[test]
fn a_renamed_measure_keeps_its_history_and_a_removed_one_keeps_its_values() {
    let j = TestJournal::new();
    let cfg = config(&j, CONFIG);
    run(
        &j.db,
        &cfg,
        &["checkin", "--mood", "5", "--measure", "anxiety=4"],
    );
    let renamed = config(
        &j,
        &CONFIG.replace("name = \"anxiety\"", "name = \"worry\"\nwas = \"anxiety\""),
    );
    let (code, text, err) = run(
        &j.db,
        &renamed,
        &["checkin", "--mood", "6", "--measure", "worry=3"],
    );
    assert_eq!(code, 0, "{err}{text}");
    assert_eq!(rows(&j.db), (3, 2, 0, 2), "one measure, two values");
    let hidden = config(&j, &CONFIG.replace("max = 10", "max = 10\nhidden = true"));
    let (code, text, _) = run(&j.db, &hidden, &["measures"]);
    assert_eq!(code, 0);
    assert!(
        text.lines().last().unwrap().ends_with("(put away)"),
        "{text}"
    );
    let (code, _, err) = run(
        &j.db,
        &hidden,
        &["checkin", "--mood", "6", "--measure", "anxiety=3"],
    );
    assert_eq!(code, 2, "{err}");
    assert_eq!(rows(&j.db).1, 2, "values stay");
}

#[test]
fn a_bad_measures_table_is_one_line_naming_the_line_and_key() {
    let j = TestJournal::new();
    for (text, says) in [
        (
            "[[measures]]\nname = \"meds\"\nkind = \"yesno\"\nunit = \"mg\"\n",
            "line 1 (measure 1, key `unit`): is for numbers and counts",
        ),
        (
            "[[measures]]\nname = \"a\"\nkind = \"count\"\n\n[[measures]]\nname = \"b\"\nkind = \"numbr\"\n",
            "line 5 (measure 2, key `kind`): 'numbr' isn't a kind kindly knows",
        ),
        (
            "[[measures]]\nname = \"a\"\nkind = \"count\"\nevery = \"day\"\n",
            "line 4",
        ),
    ] {
        let cfg = config(&j, text);
        let (code, _, err) = run(&j.db, &cfg, &["checkin", "--mood", "5"]);
        assert_eq!(code, 2, "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(says), "expected '{says}' in {err}");
        assert!(!j.db.exists());
    }
}
