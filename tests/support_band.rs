//! The support band against the labelled phrases in tests/data/: how many it hears and how
//! many everyday sentences it leaves alone. The figures are printed and written in the README.

use kindly::domain::CrisisWords;
use kindly::store::Store;
use kindly::tui::pane::PaneId;
use kindly::tui::panes::checkin::{Field, Focus};
use ratatui::crossterm::event::KeyCode;

mod common;
use common::*;

fn phrases(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

#[test]
fn the_band_hears_crisis_words_however_written_and_stays_quiet_for_everyday_ones() {
    let care = CrisisWords::default();
    let shows = phrases(include_str!("data/support-band-shows.txt"));
    let quiet = phrases(include_str!("data/support-band-quiet.txt"));
    assert!(
        shows.len() >= 80 && quiet.len() >= 50,
        "the labelled sets are too small"
    );
    let missed: Vec<&str> = shows
        .iter()
        .copied()
        .filter(|p| !care.found_in(p))
        .collect();
    let alarms: Vec<&str> = quiet.iter().copied().filter(|p| care.found_in(p)).collect();
    let recall = 100.0 * (shows.len() - missed.len()) as f64 / shows.len() as f64;
    let false_alarms = 100.0 * alarms.len() as f64 / quiet.len() as f64;
    let figures = format!(
        "support band: recall {recall:.1} % ({} of {}), false alarms {false_alarms:.1} % ({} of {})",
        shows.len() - missed.len(),
        shows.len(),
        alarms.len(),
        quiet.len()
    );
    println!("{figures}");
    println!("missed: {missed:?}");
    println!("false alarms: {alarms:?}");
    assert!(recall >= 97.0, "recall {recall:.1} %, missed {missed:?}");
    assert!(
        false_alarms <= 5.0,
        "false alarms {false_alarms:.1} %: {alarms:?}"
    );
    let readme = include_str!("../README.md")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        readme.contains(&figures),
        "the README says other figures than: {figures}"
    );
}

const HARD: &str = "i cant go on anymore";

fn band_shows(app: &kindly::tui::App) -> bool {
    let wide = plain(app, 80, 24);
    let narrow = plain(app, 40, 12);
    wide.contains("local emergency number") && narrow.contains("You matter")
}

#[test]
fn the_band_shows_as_it_is_typed_in_a_check_in_note() {
    let mut app = app();
    focus(&mut app, Focus::Field(Field::Note));
    press(&mut app, &[key(KeyCode::Enter)]);
    typed(&mut app, "i cant go");
    assert!(!band_shows(&app), "not yet: 'i cant go' is everyday");
    typed(&mut app, " on");
    assert!(band_shows(&app), "{}", plain(&app, 80, 24));
}

#[test]
fn the_band_shows_as_it_is_typed_in_every_step_of_a_thought() {
    let mut app = app();
    press(&mut app, &[key(KeyCode::Tab), ch('n'), key(KeyCode::Enter)]);
    typed(&mut app, HARD);
    assert!(band_shows(&app), "{}", plain(&app, 80, 24));
}

#[test]
fn the_band_shows_for_a_page_its_title_its_tags_and_the_line_for_a_session() {
    let mut page = app();
    go_to(&mut page, PaneId::Journal);
    press(&mut page, &[ch('n')]);
    typed(&mut page, "tonight i wanna kms");
    assert!(band_shows(&page), "the title: {}", plain(&page, 80, 24));

    let mut tags = app();
    go_to(&mut tags, PaneId::Journal);
    press(&mut tags, &[ch('n'), key(KeyCode::Down)]);
    typed(&mut tags, "unalive");
    assert!(band_shows(&tags), "the tags: {}", plain(&tags, 80, 24));

    let mut app = app_with(Store::open_in_memory().unwrap(), NOW);
    press(&mut app, &[ch('N'), ch('a')]);
    typed(&mut app, HARD);
    assert!(
        band_shows(&app),
        "the session line: {}",
        plain(&app, 80, 24)
    );
}
