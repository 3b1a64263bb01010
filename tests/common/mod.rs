//! Shared test helpers: an App on a real (in-memory or temp-file) store with a fixed clock,
//! and (in `cli`) the one way to run the real binary on a journal.
#![allow(dead_code, unused_imports)]

pub mod cli;
pub mod tmux;
pub use cli::*;

use chrono::{DateTime, FixedOffset};
use kindly::config::Config;
use kindly::domain::{CheckIn, Mood, Scale, parse_label_list};
use kindly::store::Store;
use kindly::tui::App;
use kindly::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Sunday 29 November 2026, mid-morning, UTC.
pub const NOW: &str = "2026-11-29T10:30:00+00:00";

pub fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

pub fn app_with(store: Store, now: &str) -> App {
    let fixed = at(now);
    App::new(
        store,
        Config::default(),
        Theme::monochrome(),
        Box::new(move || fixed),
    )
    .unwrap()
}

pub fn app() -> App {
    app_with(Store::open_in_memory().unwrap(), NOW)
}

pub fn checkin(when: &str, mood: u8, emotions: &str, note: Option<&str>) -> CheckIn {
    let mut c = CheckIn::new(at(when), Mood::new(mood).unwrap());
    if !emotions.is_empty() {
        c.emotions = parse_label_list("emotions", emotions).unwrap();
    }
    if let Some(n) = note {
        c.set_note(n);
    }
    c
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

pub fn press(app: &mut App, keys: &[KeyEvent]) {
    for k in keys {
        app.handle_key(k);
    }
}

pub fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(&ch(c));
    }
}

/// Draws the app into a TestBackend of the given size.
pub fn screen(app: &App, width: u16, height: u16) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| app.draw(f)).unwrap();
    terminal.backend().clone()
}

/// The screen as plain text, one line per row.
pub fn text(app: &App, width: u16, height: u16) -> String {
    let backend = screen(app, width, height);
    let buf = backend.buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The screen as a person sees it: wide characters take their two columns once.
pub fn plain(app: &App, width: u16, height: u16) -> String {
    let backend = screen(app, width, height);
    let buf = backend.buffer();
    (0..height)
        .map(|y| {
            let mut line = String::new();
            let mut x = 0;
            while x < width {
                let symbol = buf[(x, y)].symbol();
                line.push_str(symbol);
                x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
            }
            line.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The panes' own states, reached through the App's pane interface.
pub fn checkin_pane(app: &App) -> &kindly::tui::panes::checkin::CheckinPane {
    app.checkin()
}

/// Moves the Check-in focus to `to` the way a person does: ↓ and ↑ through the form and
/// into the day's list.
pub fn focus(app: &mut App, to: kindly::tui::panes::checkin::Focus) {
    use kindly::tui::panes::checkin::{Field, Focus};
    let index = |f: Focus| match f {
        Focus::Field(field) => Field::ALL.iter().position(|x| *x == field).unwrap_or(0),
        Focus::History => Field::ALL.len(),
    };
    for _ in 0..2 * Field::ALL.len() {
        let here = checkin_pane(app).focus;
        if here == to {
            return;
        }
        let down = index(here) < index(to);
        app.handle_key(&key(if down { KeyCode::Down } else { KeyCode::Up }));
    }
    assert_eq!(checkin_pane(app).focus, to, "the focus never got there");
}

pub fn critic_pane(app: &App) -> &kindly::tui::panes::critic::CriticPane {
    app.critic()
}

pub fn journal_pane(app: &App) -> &kindly::tui::panes::journal::JournalPane {
    app.journal()
}

pub fn trends_pane(app: &App) -> &kindly::tui::panes::trends::TrendsPane {
    app.trends()
}

/// Moves to `pane` the way a person does, with Tab.
pub fn go_to(app: &mut App, pane: kindly::tui::pane::PaneId) {
    for _ in 0..kindly::tui::pane::PaneId::ALL.len() {
        if app.pane_id() == pane {
            return;
        }
        app.apply(kindly::tui::action::Action::NextPane);
    }
    assert_eq!(app.pane_id(), pane);
}

/// Every draft the journal holds, whichever window wrote it, as its JSON text.
pub fn draft_bodies(db: &std::path::Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.prepare("SELECT body FROM drafts")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}
