//! Benchmarks on generated journals: `cargo bench`. Figures are recorded in the README.

use std::fmt::Write as _;

use chrono::DateTime;
use criterion::{Criterion, criterion_group, criterion_main};
use kindly::config::Config;
use kindly::insights::{Span, Trends, WeekStart};
use kindly::store::Store;
use kindly::tui::App;
use kindly::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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

/// A Day One export of `entries` pages: Markdown with a heading, tags, a photo now and then.
fn dayone_json(entries: usize) -> String {
    let mut json = String::from(r#"{"metadata":{"version":"1.0"},"entries":["#);
    let start = DateTime::parse_from_rfc3339("2016-01-01T20:00:00Z").unwrap();
    for i in 0..entries {
        if i > 0 {
            json.push(',');
        }
        let at = (start + chrono::Duration::hours(30 * i as i64)).to_rfc3339();
        let photo = if i % 4 == 0 {
            "\\n![](dayone-moment://0F1E2D3C4B5A69788796A5B4C3D2E1F0)"
        } else {
            ""
        };
        let _ = write!(
            json,
            r##"{{"uuid":"{i:032X}","creationDate":"{at}","timeZone":"Europe/London","starred":{},"tags":["evening","walk"],"text":"# Day {i}\n\nA slow walk by the river, tea after, and a call with a friend about the week.{photo}"}}"##,
            i % 9 == 0
        );
    }
    json.push_str("]}");
    json
}

fn ten_years() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let now = DateTime::parse_from_rfc3339("2026-11-29T21:00:00+00:00").unwrap();
    store
        .save_journal(&kindly::demo::journal(520, now, &Config::default()))
        .unwrap();
    store
}

/// The ten-year journal as a file, made once for all the benches that open it.
fn ten_year_file() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ten-years.db");
    let mut store = Store::open(&path).unwrap();
    let now = DateTime::parse_from_rfc3339("2026-11-29T21:00:00+00:00").unwrap();
    store
        .save_journal(&kindly::demo::journal(520, now, &Config::default()))
        .unwrap();
    (dir, path)
}

fn app_on(path: &std::path::Path) -> App {
    let mut app = first_frame_app(path);
    app.after_first_frame();
    app
}

/// The app as the real screen opens it: the integrity check (about 30 ms, on a thread of
/// its own) starts only once the first frame is out, so it isn't part of that frame.
fn first_frame_app(path: &std::path::Path) -> App {
    let now = DateTime::parse_from_rfc3339("2026-11-29T21:00:00+00:00").unwrap();
    App::open(
        Store::open(path).unwrap(),
        Config::default(),
        Theme::calm(),
        Box::new(move || now),
    )
    .unwrap()
}

fn frame(app: &App, terminal: &mut Terminal<TestBackend>) {
    terminal.draw(|f| app.draw(f)).unwrap();
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn tui_benches(c: &mut Criterion) {
    let (_dir, path) = ten_year_file();
    for (name, tabs) in [
        ("Check-in", 0),
        ("Critic", 1),
        ("Journal", 2),
        ("Trends", 3),
    ] {
        c.bench_function(
            &format!("open the ten-year journal and draw the first {name} frame (120x40)"),
            |b| {
                b.iter(|| {
                    let mut app = first_frame_app(&path);
                    for _ in 0..tabs {
                        app.handle_key(&KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
                    }
                    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
                    frame(&app, &mut terminal);
                })
            },
        );
    }
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut app = app_on(&path);
    c.bench_function(
        "keypress to frame: next field on the check-in form (j, k)",
        |b| {
            let mut down = true;
            b.iter(|| {
                app.handle_key(&key(if down { 'j' } else { 'k' }));
                down = !down;
                frame(&app, &mut terminal);
            })
        },
    );
    // Down the form to the note, as a person would.
    let note = kindly::tui::panes::checkin::Focus::Field(kindly::tui::panes::checkin::Field::Note);
    for _ in 0..kindly::tui::panes::checkin::Field::ALL.len() {
        if app.checkin().focus == note {
            break;
        }
        app.handle_key(&key('j'));
    }
    app.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    c.bench_function("keypress to frame: typing in the note", |b| {
        b.iter(|| {
            app.handle_key(&key('a'));
            frame(&app, &mut terminal);
        })
    });
    let mut app = app_on(&path);
    app.handle_key(&KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    c.bench_function(
        "keypress to frame: moving in the thought-record list",
        |b| {
            let mut down = true;
            b.iter(|| {
                app.handle_key(&key(if down { 'j' } else { 'k' }));
                down = !down;
                frame(&app, &mut terminal);
            })
        },
    );
    app.handle_key(&KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    c.bench_function("keypress to frame: moving in the journal list", |b| {
        let mut down = true;
        b.iter(|| {
            app.handle_key(&key(if down { 'j' } else { 'k' }));
            down = !down;
            frame(&app, &mut terminal);
        })
    });
    app.handle_key(&KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    c.bench_function(
        "keypress to frame: changing the trends span (8 and 12 weeks)",
        |b| {
            let mut longer = true;
            b.iter(|| {
                app.handle_key(&key(if longer { '+' } else { '-' }));
                longer = !longer;
                frame(&app, &mut terminal);
            })
        },
    );
    let store = Store::open(&path).unwrap();
    c.bench_function("export the whole ten-year journal as JSON", |b| {
        b.iter(|| {
            let journal = kindly::domain::Journal {
                checkins: store.checkins_between(None, None).unwrap(),
                thoughts: store.thoughts_between(None, None).unwrap(),
                entries: store.entries_between(None, None).unwrap(),
                breaks: store.breaks_between(None, None).unwrap(),
                session: store.all_marks().unwrap(),
                measures: store.measures().unwrap(),
                days: store.day_readings_between(None, None).unwrap(),
            };
            let mut out = Vec::new();
            kindly::io::kindly_json::write(&kindly::io::kindly_json::export(&journal), &mut out)
                .unwrap();
            out.len()
        })
    });
}

fn benches(c: &mut Criterion) {
    let csv = daylio_csv(5_000);
    let dayone = dayone_json(2_000);
    for (name, file) in [
        (
            "import a 5,000-row Daylio file (recognise, parse, check, save)",
            &csv,
        ),
        (
            "import a 2,000-entry Day One file (recognise, parse, check, save)",
            &dayone,
        ),
    ] {
        c.bench_function(name, |b| {
            b.iter(|| {
                let mut store = Store::open_in_memory().unwrap();
                let j =
                    kindly::io::import::read(None, "bench", file.as_bytes(), &Default::default())
                        .unwrap()
                        .journal;
                assert!(j.checkins.len() + j.entries.len() >= 2_000);
                store.save_journal(&j).unwrap();
            })
        });
    }

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
    c.bench_function(
        "met before: earlier thoughts like a new one, on a ten-year journal",
        |b| {
            b.iter(|| {
                let found = store
                    .alike_thoughts("I'm such a terrible person", None)
                    .unwrap();
                let found: Vec<_> = found.into_iter().map(|(t, _)| t).collect();
                kindly::insights::alike::met_before(&found).map(|m| m.times)
            })
        },
    );
    let mut deck = ten_years();
    c.bench_function("the next kind line from a ten-year deck", |b| {
        b.iter(|| deck.next_kind_line(|n| n / 2).unwrap())
    });
}

criterion_group! {
    name = kindly;
    config = Criterion::default().sample_size(20);
    targets = benches, tui_benches
}
criterion_main!(kindly);
