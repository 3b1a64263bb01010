//! One number for one week: the TUI, `kindly trends` and the report give the same mood,
//! energy and self-compassion figures for a week, each a mean of day means, and every one
//! is recomputed here from the JSON export alone.

mod common;

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use common::*;
use kindly::store::Store;
use kindly::tui::pane::PaneId;

/// Per-week means of day means, from the export: week start → (mood, energy, parts).
type Recomputed = BTreeMap<NaiveDate, [Option<f64>; 5]>;

fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

fn recompute(export: &serde_json::Value) -> Recomputed {
    // Day → the five values of each check-in that day.
    let mut days: BTreeMap<NaiveDate, Vec<[Option<f64>; 5]>> = BTreeMap::new();
    for c in export["checkins"].as_array().unwrap() {
        let at = chrono::DateTime::parse_from_rfc3339(c["at"].as_str().unwrap()).unwrap();
        let get = |k: &str| c[k].as_f64();
        days.entry(at.date_naive()).or_default().push([
            get("mood"),
            get("energy"),
            get("kindness"),
            get("humanity"),
            get("mindfulness"),
        ]);
    }
    let mut weeks: BTreeMap<NaiveDate, Vec<[Option<f64>; 5]>> = BTreeMap::new();
    for (day, checkins) in days {
        let day_means: [Option<f64>; 5] = std::array::from_fn(|k| {
            mean(&checkins.iter().filter_map(|c| c[k]).collect::<Vec<_>>())
        });
        let monday = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
        weeks.entry(monday).or_default().push(day_means);
    }
    weeks
        .into_iter()
        .map(|(w, days)| {
            let means = std::array::from_fn(|k| {
                mean(&days.iter().filter_map(|d| d[k]).collect::<Vec<_>>())
            });
            (w, means)
        })
        .collect()
}

fn close(a: Option<f64>, b: Option<f64>, what: &str) {
    match (a, b) {
        (Some(a), Some(b)) => assert!((a - b).abs() < 1e-9, "{what}: {a} against {b}"),
        (a, b) => assert_eq!(a, b, "{what}"),
    }
}

fn one_decimal(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| format!("{v:.1}"))
}

#[test]
fn the_tui_trends_and_the_report_agree_with_the_export_on_every_week() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    // Uneven days, so per check-in and per day differ: three check-ins on one day, one on
    // others; energy and the parts only now and then.
    for args in [
        &[
            "--mood",
            "2",
            "--energy",
            "3",
            "--kindness",
            "1",
            "--at",
            "2026-11-16 08:00",
        ][..],
        &["--mood", "3", "--at", "2026-11-16 12:00"],
        &[
            "--mood",
            "4",
            "--energy",
            "5",
            "--humanity",
            "2",
            "--at",
            "2026-11-16 20:00",
        ],
        &[
            "--mood",
            "9",
            "--energy",
            "8",
            "--kindness",
            "4",
            "--at",
            "2026-11-18 09:00",
        ],
        &[
            "--mood",
            "8",
            "--mindfulness",
            "5",
            "--at",
            "2026-11-20 09:00",
        ],
        &[
            "--mood",
            "6",
            "--energy",
            "4",
            "--kindness",
            "3",
            "--at",
            "2026-11-23 09:00",
        ],
        &[
            "--mood",
            "1",
            "--energy",
            "2",
            "--humanity",
            "3",
            "--at",
            "2026-11-23 21:00",
        ],
        &[
            "--mood",
            "7",
            "--mindfulness",
            "4",
            "--at",
            "2026-11-27 10:00",
        ],
    ] {
        let mut all = vec!["checkin"];
        all.extend_from_slice(args);
        kindly(&db).args(&all).assert().success();
    }
    let expected = recompute(&export(&db));
    assert_eq!(expected.len(), 2);
    let weeks: Vec<NaiveDate> = expected.keys().copied().collect();
    // Per check-in the first week would be 26/5 = 5.2; per day it is (3 + 9 + 8) / 3.
    close(
        expected[&weeks[0]][0],
        Some(20.0 / 3.0),
        "first week's mood",
    );

    // `kindly trends`.
    let out = kindly(&db)
        .args([
            "trends",
            "--weeks",
            "2",
            "--until",
            "2026-11-29",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let trends: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for (i, week) in weeks.iter().enumerate() {
        let e = expected[week];
        assert_eq!(trends["weeks"][i]["start"], week.to_string());
        close(trends["weeks"][i]["mean"].as_f64(), e[0], "trends mood");
        for (k, part) in ["kindness", "humanity", "mindfulness"].iter().enumerate() {
            close(trends["parts"][i][part].as_f64(), e[2 + k], part);
        }
    }

    // The report's week table: mood, energy and the three parts.
    let report = dir.path().join("r.md");
    kindly(&db)
        .args([
            "report",
            "--weeks",
            "2",
            "--until",
            "2026-11-29",
            "--format",
            "md",
            "-o",
        ])
        .arg(&report)
        .assert()
        .success();
    let md = std::fs::read_to_string(&report).unwrap();
    for week in &weeks {
        let e = expected[week];
        let row = format!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            week.format("%-d %b"),
            if *week == weeks[0] { 5 } else { 3 },
            one_decimal(e[0]),
            one_decimal(e[1]),
            one_decimal(e[2]),
            one_decimal(e[3]),
            one_decimal(e[4]),
        );
        assert!(md.contains(&row), "{row} not in the report:\n{md}");
    }
    // The period's mood is the mean of its day means too.
    let day_moods = [3.0, 9.0, 8.0, 3.5, 7.0];
    let period = day_moods.iter().sum::<f64>() / day_moods.len() as f64;
    assert!(md.contains(&format!("mean {period:.1}")), "{md}");

    // The TUI's Trends pane, on the same journal.
    let mut app = app_with(Store::open(&db).unwrap(), "2026-11-29T21:30:00+00:00");
    go_to(&mut app, PaneId::Trends);
    let tui = trends_pane(&app).trends.as_ref().unwrap();
    for week in &weeks {
        let row = tui.weeks.iter().find(|w| w.start == *week).unwrap();
        close(row.mean, expected[week][0], "TUI mood");
        let parts = tui.parts.iter().find(|p| p.start == *week).unwrap();
        close(parts.kindness, expected[week][2], "TUI kindness");
        close(parts.humanity, expected[week][3], "TUI humanity");
        close(parts.mindfulness, expected[week][4], "TUI mindfulness");
    }
}
