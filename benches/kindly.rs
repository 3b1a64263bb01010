//! Benchmarks on generated journals: `cargo bench`. Figures are recorded in the README.

use std::fmt::Write as _;

use chrono::DateTime;
use criterion::{Criterion, criterion_group, criterion_main};
use kindly::config::Config;
use kindly::insights::{Span, Trends, WeekStart};
use kindly::store::Store;

/// A Daylio export of `rows` check-ins, a few a day, with activities and notes.
fn daylio_csv(rows: usize) -> String {
    let mut csv = String::from("full_date,date,weekday,time,mood,activities,note_title,note\n");
    let moods = ["rad", "good", "meh", "bad", "awful"];
    let start = chrono::NaiveDate::from_ymd_opt(2015, 1, 1).unwrap();
    for i in 0..rows {
        let day = start + chrono::Duration::days((i / 2) as i64);
        let _ = writeln!(
            csv,
            "{day},x,y,{:02}:{:02},{},walk | friends,Title {i},\"A note, with \"\"quotes\"\", number {i}\"",
            8 + (i % 2) * 10,
            i % 60,
            moods[i % 5]
        );
    }
    csv
}

fn ten_years() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let now = DateTime::parse_from_rfc3339("2026-11-29T21:00:00+00:00").unwrap();
    store
        .save_journal(&kindly::demo::journal(520, now, &Config::default()))
        .unwrap();
    store
}

fn benches(c: &mut Criterion) {
    let csv = daylio_csv(5_000);
    c.bench_function("import a 5,000-row Daylio file (parse, check, save)", |b| {
        b.iter(|| {
            let mut store = Store::open_in_memory().unwrap();
            let j = kindly::io::import::daylio_csv(csv.as_bytes(), &Default::default()).unwrap();
            store.save_journal(&j).unwrap();
            j.checkins.len()
        })
    });

    let store = ten_years();
    let until = "2026-11-29".parse().unwrap();
    for weeks in [4, 52, 520] {
        c.bench_function(
            &format!("trends over {weeks} weeks of a ten-year journal"),
            |b| {
                b.iter(|| {
                    let span = Span::new(until, Some(weeks), WeekStart::Monday, None);
                    let (days, thoughts, breaks) =
                        store.trend_inputs(span.from, span.until).unwrap();
                    Trends::new(days, &thoughts, &breaks, span, WeekStart::Monday)
                })
            },
        );
    }
    for word in ["walk", "heron"] {
        c.bench_function(&format!("search a ten-year journal for '{word}'"), |b| {
            b.iter(|| store.search(word, 200).unwrap().len())
        });
    }
}

criterion_group! {
    name = kindly;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(kindly);
