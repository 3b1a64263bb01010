//! The Measures figures of `kindly trends --format json`, recomputed from nothing but the
//! JSON export: every figure shown must be derivable from the exported data.

mod common;

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use common::*;
use kindly::domain::*;
use serde_json::Value;

/// Three weeks: sleep and medication each day, anxiety with each check-in, moods that
/// follow the nights a little; a day with sleep alone and no check-in.
fn journal() -> Journal {
    let mut sleep = Measure::new("sleep", MeasureKind::Number);
    sleep.unit = Some("hours".into());
    sleep.decimals = 1;
    sleep.per = Per::Day;
    let mut meds = Measure::new("meds", MeasureKind::YesNo);
    meds.per = Per::Day;
    let anxiety = Measure::new("anxiety", MeasureKind::Scale);
    let mut j = Journal::default();
    let first = NaiveDate::from_ymd_opt(2026, 11, 9).unwrap();
    for n in 0..21u32 {
        let day = first + Duration::days(i64::from(n));
        let at = at(&format!("{day}T21:00:00+01:00"));
        let night = 5.0 + f64::from(n % 7) * 0.5;
        let value = |m: &Measure, v: f64| Reading {
            measure: m.id,
            value: Amount::new(v).unwrap(),
        };
        j.days.push(DayReading {
            day,
            reading: value(&sleep, night),
            at,
        });
        if n == 20 {
            continue;
        }
        j.days.push(DayReading {
            day,
            reading: value(&meds, if n % 4 == 0 { 0.0 } else { 1.0 }),
            at,
        });
        for (k, hour) in [(0u32, 9), (1, 21)] {
            if k == 1 && n % 3 != 0 {
                continue;
            }
            let when = at.with_timezone(at.offset()) - Duration::hours(21 - hour);
            let mood = 3 + ((n + k) % 6) as u8 + u8::from(night >= 7.0);
            let mut c = CheckIn::new(when, Mood::new(mood).unwrap());
            c.measures = vec![value(&anxiety, f64::from((n * 3 + k) % 11))];
            j.checkins.push(c);
        }
    }
    j.measures = vec![sleep, meds, anxiety];
    j
}

fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

fn close(a: &Value, b: Option<f64>, what: &str) {
    match (a.as_f64(), b) {
        (Some(x), Some(y)) => assert!((x - y).abs() < 1e-9, "{what}: {x} vs {y}"),
        (None, None) => {}
        other => panic!("{what}: {other:?}"),
    }
}

#[test]
fn the_measures_figures_are_recomputed_from_the_export() {
    let t = TestJournal::new();
    save_journal(&t.db, &journal());
    let until = "2026-11-29";
    let trends: Value = serde_json::from_str(&ok(
        &t.db,
        &[
            "trends", "--weeks", "3", "--until", until, "--format", "json",
        ],
    ))
    .unwrap();
    let doc = export(&t.db);

    // From the export alone: each day's mood, and each measure's value on each day.
    let day =
        |at: &Value| NaiveDate::parse_from_str(&at.as_str().unwrap()[..10], "%Y-%m-%d").unwrap();
    let mut moods: BTreeMap<NaiveDate, Vec<f64>> = BTreeMap::new();
    let mut per_checkin: BTreeMap<(String, NaiveDate), Vec<f64>> = BTreeMap::new();
    for c in doc["checkins"].as_array().unwrap() {
        moods
            .entry(day(&c["at"]))
            .or_default()
            .push(c["mood"].as_f64().unwrap());
        for v in c["measures"].as_array().into_iter().flatten() {
            let key = (v["measure"].as_str().unwrap().to_string(), day(&c["at"]));
            per_checkin
                .entry(key)
                .or_default()
                .push(v["value"].as_f64().unwrap());
        }
    }
    let mood: BTreeMap<NaiveDate, f64> =
        moods.iter().map(|(d, v)| (*d, mean(v).unwrap())).collect();
    let shown = trends["measures"].as_array().unwrap();
    assert_eq!(shown.len(), 3);
    for (m, t) in doc["measures"].as_array().unwrap().iter().zip(shown) {
        let id = m["id"].as_str().unwrap();
        assert_eq!(t["id"], id);
        let mut values: BTreeMap<NaiveDate, f64> = BTreeMap::new();
        for d in doc["days"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["measure"] == id)
        {
            values.insert(day(&d["day"]), d["value"].as_f64().unwrap());
        }
        for ((mid, d), vs) in &per_checkin {
            if mid == id {
                values.insert(*d, mean(vs).unwrap());
            }
        }
        assert_eq!(t["days"].as_u64().unwrap() as usize, values.len(), "{id}");
        // Weeks from Monday: the mean, or the days with a yes.
        for w in t["weeks"].as_array().unwrap() {
            let start = day(&w["start"]);
            assert_eq!(start.weekday(), chrono::Weekday::Mon);
            let week: Vec<f64> = values
                .range(start..start + Duration::days(7))
                .map(|(_, v)| *v)
                .collect();
            assert_eq!(w["days"].as_u64().unwrap() as usize, week.len());
            let want = match m["kind"].as_str().unwrap() {
                "yesno" => {
                    (!week.is_empty()).then(|| week.iter().filter(|v| **v >= 0.5).count() as f64)
                }
                _ => mean(&week),
            };
            close(&w["value"], want, "week");
        }
        let with_mood = |keep: &dyn Fn(f64) -> bool| -> Vec<f64> {
            values
                .iter()
                .filter(|(_, v)| keep(**v))
                .filter_map(|(d, _)| mood.get(d).copied())
                .collect()
        };
        if m["kind"] == "yesno" {
            let yes = with_mood(&|v| v >= 0.5);
            let no = with_mood(&|v| v < 0.5);
            assert_eq!(t["mood_days_yes"].as_u64().unwrap() as usize, yes.len());
            assert_eq!(t["mood_days_no"].as_u64().unwrap() as usize, no.len());
            close(&t["mood_yes"], mean(&yes), "mood with");
            close(&t["mood_no"], mean(&no), "mood without");
            assert!(no.len() >= 3, "this journal compares");
            continue;
        }
        // Bands: a scale's range in thirds; a number's at the thirds of its values.
        let cuts: Vec<f64> = if m["kind"] == "scale" {
            vec![4.0, 8.0]
        } else {
            let mut sorted: Vec<f64> = values.values().copied().collect();
            sorted.sort_by(f64::total_cmp);
            vec![
                sorted[sorted.len() / 3].round(),
                sorted[sorted.len() * 2 / 3].round(),
            ]
        };
        let bands = t["bands"].as_array().unwrap();
        assert_eq!(bands.len(), 3, "{bands:?}");
        let edges = [None, Some(cuts[0]), Some(cuts[1]), None];
        let mut counted = 0;
        for (i, b) in bands.iter().enumerate() {
            let (low, high) = (edges[i], edges[i + 1]);
            let inside = with_mood(&|v| low.is_none_or(|l| v >= l) && high.is_none_or(|h| v < h));
            assert_eq!(
                b["days"].as_u64().unwrap() as usize,
                inside.len(),
                "{}",
                b["label"]
            );
            close(&b["mood"], mean(&inside), "band mood");
            counted += inside.len();
        }
        assert_eq!(
            counted,
            values.keys().filter(|d| mood.contains_key(d)).count()
        );
    }
}

#[test]
fn the_text_tells_days_taken_and_mood_by_band_without_judging() {
    let t = TestJournal::new();
    save_journal(&t.db, &journal());
    let text = ok(&t.db, &["trends", "--weeks", "3", "--until", "2026-11-29"]);
    assert!(text.contains("Your measures"), "{text}");
    assert!(
        text.contains("meds") && text.contains("yes on 15 of 20 days recorded"),
        "{text}"
    );
    assert!(text.contains("mood by sleep: under"), "{text}");
    for word in ["missed", "failed", "skipped", "bad"] {
        assert!(!text.to_lowercase().contains(word), "{word}: {text}");
    }
}
