//! Each definition on small hand-made journals, with the expected numbers written out.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::*;
use crate::domain::{CheckIn, Label, Mood, Percent, Scale, summarise_days};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn check(when: &str, mood: u8, rituals: &[&str]) -> CheckIn {
    let mut c = CheckIn::new(at(when), Mood::new(mood).unwrap());
    c.rituals = rituals
        .iter()
        .map(|r| Label::new("rituals", r).unwrap())
        .collect();
    c
}

#[test]
fn a_days_mood_is_the_mean_of_its_checkins_and_empty_days_have_none() {
    let days = summarise_days(&[
        check("2025-12-30T08:00:00+00:00", 2, &[]),
        check("2025-12-30T12:00:00+00:00", 4, &[]),
        check("2025-12-30T20:00:00+00:00", 9, &["walk"]),
        check("2026-01-02T09:00:00+00:00", 6, &[]),
    ]);
    assert_eq!(days.len(), 2, "no value for the days between, never a zero");
    assert_eq!(days[0].day, d("2025-12-30"));
    assert_eq!(days[0].mood, 5.0);
    assert_eq!(days[0].checkins, 3);
    assert_eq!(days[0].rituals, ["walk"]);
}

#[test]
fn a_day_counts_once_in_its_week_across_a_month_and_year_boundary() {
    // Monday 29 Dec 2025 to Sunday 4 Jan 2026 is one week.
    let days = summarise_days(&[
        check("2025-12-29T08:00:00+00:00", 2, &[]),
        check("2025-12-29T09:00:00+00:00", 2, &[]),
        check("2025-12-29T10:00:00+00:00", 2, &[]),
        check("2025-12-29T11:00:00+00:00", 2, &[]),
        check("2025-12-29T12:00:00+00:00", 2, &[]),
        check("2026-01-01T09:00:00+00:00", 8, &[]),
        check("2026-01-04T09:00:00+00:00", 5, &[]),
        check("2026-01-05T09:00:00+00:00", 7, &[]),
    ]);
    let span = Span::new(d("2026-01-06"), Some(2), WeekStart::Monday, None);
    assert_eq!(span.from, d("2025-12-29"));
    let w = weeks(&days, span);
    assert_eq!(w.len(), 2);
    assert_eq!(w[0].start, d("2025-12-29"));
    assert_eq!(w[0].days, 3);
    assert_eq!(
        w[0].mean,
        Some(5.0),
        "(2 + 8 + 5) / 3: five check-ins on Monday count once"
    );
    assert_eq!(w[0].min, Some(2.0));
    assert_eq!(w[0].max, Some(8.0));
    assert_eq!(w[1].start, d("2026-01-05"));
    assert_eq!(w[1].mean, Some(7.0));
}

#[test]
fn sunday_week_start_moves_the_boundary() {
    let days = summarise_days(&[
        check("2026-11-22T09:00:00+00:00", 4, &[]), // a Sunday
        check("2026-11-23T09:00:00+00:00", 8, &[]), // a Monday
    ]);
    let monday = weeks(
        &days,
        Span::new(d("2026-11-28"), Some(2), WeekStart::Monday, None),
    );
    assert_eq!(
        monday.iter().map(|w| w.mean).collect::<Vec<_>>(),
        [Some(4.0), Some(8.0)]
    );
    let sunday = weeks(
        &days,
        Span::new(d("2026-11-28"), Some(2), WeekStart::Sunday, None),
    );
    assert_eq!(sunday[0].start, d("2026-11-15"));
    assert_eq!(sunday[1].start, d("2026-11-22"));
    assert_eq!(
        sunday[1].mean,
        Some(6.0),
        "Sunday and Monday share a Sunday-first week"
    );
    assert_eq!(sunday[0].mean, None, "an empty week has no mean");
}

#[test]
fn the_moving_average_uses_the_days_present_in_the_last_seven() {
    let days = summarise_days(&[
        check("2026-11-01T09:00:00+00:00", 2, &[]),
        check("2026-11-03T09:00:00+00:00", 6, &[]),
        check("2026-11-03T19:00:00+00:00", 8, &[]), // day mood 7
        check("2026-11-10T09:00:00+00:00", 5, &[]),
    ]);
    let span = Span {
        from: d("2026-11-01"),
        until: d("2026-11-12"),
    };
    let ma: Vec<Option<f64>> = moving_average(&days, span)
        .into_iter()
        .map(|(_, v)| v)
        .collect();
    assert_eq!(ma[0], Some(2.0)); // 1 Nov
    assert_eq!(ma[1], Some(2.0)); // 2 Nov: only 1 Nov present
    assert_eq!(ma[2], Some(4.5)); // 3 Nov: (2 + 7) / 2
    assert_eq!(ma[7], Some(7.0)); // 8 Nov: 2..8 Nov holds only 3 Nov
    assert_eq!(ma[8], Some(7.0)); // 9 Nov: 3..9 Nov
    assert_eq!(ma[9], Some(5.0)); // 10 Nov: 4..10 Nov holds only 10 Nov
    assert_eq!(ma.len(), 12);
}

#[test]
fn the_moving_average_is_none_when_the_window_is_empty() {
    let days = summarise_days(&[check("2026-11-01T09:00:00+00:00", 3, &[])]);
    let span = Span {
        from: d("2026-11-01"),
        until: d("2026-11-09"),
    };
    let ma = moving_average(&days, span);
    assert_eq!(ma[6].1, Some(3.0), "7 Nov still sees 1 Nov");
    assert_eq!(ma[7].1, None, "8 Nov does not");
}

#[test]
fn ritual_impact_compares_days_with_and_without() {
    let mut cs = Vec::new();
    for (day, mood, walked) in [
        ("01", 8, true),
        ("02", 7, true),
        ("03", 9, true),
        ("04", 4, false),
        ("05", 5, false),
        ("06", 3, false),
        ("07", 6, false),
    ] {
        let rituals: &[&str] = if walked { &["walk", "tea"] } else { &["tea"] };
        cs.push(check(
            &format!("2026-11-{day}T09:00:00+00:00"),
            mood,
            rituals,
        ));
    }
    // A second check-in without the ritual on a walking day: still a day "with".
    cs.push(check("2026-11-01T20:00:00+00:00", 6, &[]));
    let days = summarise_days(&cs);
    let span = Span {
        from: d("2026-11-01"),
        until: d("2026-11-07"),
    };
    let r = ritual_impact(&days, span);
    let tea = &r[0];
    assert_eq!(tea.name, "tea");
    assert_eq!((tea.days_with, tea.days_without), (7, 0));
    assert!(!tea.comparable(), "no days without tea to compare with");
    let walk = &r[1];
    assert_eq!(walk.name, "walk");
    assert_eq!(walk.days_with, 3);
    assert_eq!(
        walk.mean_with,
        Some((7.0 + 7.0 + 9.0) / 3.0),
        "1 Nov is (8 + 6) / 2"
    );
    assert_eq!(walk.days_without, 4);
    assert_eq!(walk.mean_without, Some(4.5));
    assert!(walk.comparable());
}

#[test]
fn a_ritual_with_two_days_is_not_compared_yet() {
    let days = summarise_days(&[
        check("2026-11-01T09:00:00+00:00", 8, &["swim"]),
        check("2026-11-02T09:00:00+00:00", 8, &["swim"]),
        check("2026-11-03T09:00:00+00:00", 4, &[]),
        check("2026-11-04T09:00:00+00:00", 4, &[]),
        check("2026-11-05T09:00:00+00:00", 4, &[]),
    ]);
    let r = ritual_impact(
        &days,
        Span {
            from: d("2026-11-01"),
            until: d("2026-11-07"),
        },
    );
    assert_eq!((r[0].days_with, r[0].days_without), (2, 3));
    assert!(!r[0].comparable());
}

#[test]
fn critic_counts_per_week_and_means_relief_over_records_rated_twice() {
    let mk = |when: &str, b: Option<u8>, a: Option<u8>| {
        let mut t = Thought::new(at(when), "x").unwrap();
        t.belief = b.map(|v| Percent::new(v).unwrap());
        t.belief_after = a.map(|v| Percent::new(v).unwrap());
        t
    };
    let thoughts = [
        mk("2026-11-16T09:00:00+00:00", Some(80), Some(40)),
        mk("2026-11-17T09:00:00+00:00", Some(60), Some(50)),
        mk("2026-11-24T09:00:00+00:00", Some(90), None),
        mk("2026-10-01T09:00:00+00:00", Some(90), Some(0)), // outside the span
    ];
    let span = Span::new(d("2026-11-29"), Some(2), WeekStart::Monday, None);
    let c = critic(&thoughts, span, WeekStart::Monday);
    assert_eq!(c.count, 3);
    assert_eq!(c.per_week, [(d("2026-11-16"), 2), (d("2026-11-23"), 1)]);
    assert_eq!(c.mean_belief_relief, Some(25.0), "(40 + 10) / 2");
    assert_eq!(c.mean_intensity_relief, None);
}

#[test]
fn breaks_mean_before_and_after() {
    let mk = |before: u8, after: Option<u8>| {
        let mut b = Break::new(at("2026-11-20T09:00:00+00:00"), Mood::new(before).unwrap());
        b.mood_after = after.map(|v| Mood::new(v).unwrap());
        b
    };
    let s = breaks(
        &[mk(3, Some(6)), mk(4, Some(5)), mk(2, None)],
        Span {
            from: d("2026-11-16"),
            until: d("2026-11-29"),
        },
    );
    assert_eq!(s.count, 3);
    assert_eq!(s.mean_before, Some(3.0));
    assert_eq!(s.mean_after, Some(5.5));
}

#[test]
fn parts_are_weekly_means_where_rated() {
    let mut a = check("2026-11-23T09:00:00+00:00", 5, &[]);
    a.kindness = Some(crate::domain::PartRating::new(2).unwrap());
    let mut b = check("2026-11-24T09:00:00+00:00", 5, &[]);
    b.kindness = Some(crate::domain::PartRating::new(4).unwrap());
    b.humanity = Some(crate::domain::PartRating::new(5).unwrap());
    let days = summarise_days(&[a, b]);
    let p = parts(
        &days,
        Span::new(d("2026-11-29"), Some(1), WeekStart::Monday, None),
    );
    assert_eq!(p[0].kindness, Some(3.0));
    assert_eq!(p[0].humanity, Some(5.0));
    assert_eq!(p[0].mindfulness, None);
}

#[test]
fn all_time_reaches_back_to_the_first_week() {
    let s = Span::new(
        d("2026-11-29"),
        None,
        WeekStart::Monday,
        Some(d("2026-10-08")),
    );
    assert_eq!(s.from, d("2026-10-05"));
    assert_eq!(
        Span::new(d("2026-11-29"), None, WeekStart::Monday, None).from,
        d("2026-11-23")
    );
}

#[test]
fn sparkline_leaves_gaps_for_missing_values() {
    assert_eq!(
        sparkline(&[Some(1.0), None, Some(10.0), Some(5.5)], 1.0, 10.0),
        "▁ █▅"
    );
}
