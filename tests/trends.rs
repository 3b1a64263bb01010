//! The Trends pane with demo data and with nothing yet, and the span and view keys.

mod common;

use common::*;
use kindly::store::Store;
use kindly::tui::App;
use kindly::tui::pane::PaneId as Pane;
use kindly::tui::panes::trends::Sub;
use ratatui::crossterm::event::KeyCode;

fn demo_app() -> App {
    let mut store = Store::open_in_memory().unwrap();
    let journal = kindly::demo::journal(12, at(NOW), &kindly::config::Config::default());
    store.save_journal(&journal).unwrap();
    app_with(store, NOW)
}

fn to_trends(app: &mut App) {
    press(app, &[key(KeyCode::BackTab)]);
    assert_eq!(app.pane_id(), Pane::Trends);
}

#[test]
fn snapshot_trends_with_demo_data() {
    let mut app = demo_app();
    to_trends(&mut app);
    insta::assert_snapshot!("trends_mood_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("trends_mood_40x12", screen(&app, 40, 12));
    press(&mut app, &[ch('l')]);
    insta::assert_snapshot!("trends_weeks_80x24", screen(&app, 80, 24));
    press(&mut app, &[ch('l')]);
    insta::assert_snapshot!("trends_calendar_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("trends_calendar_40x12", screen(&app, 40, 12));
    press(&mut app, &[ch('l')]);
    insta::assert_snapshot!("trends_rituals_80x24", screen(&app, 80, 24));
    press(&mut app, &[ch('l')]);
    insta::assert_snapshot!("trends_practice_80x24", screen(&app, 80, 24));
}

#[test]
fn snapshot_trends_with_nothing_yet() {
    let mut app = app();
    to_trends(&mut app);
    insta::assert_snapshot!("trends_empty_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("trends_empty_40x12", screen(&app, 40, 12));
}

#[test]
fn the_span_grows_and_shrinks_and_views_cycle() {
    let mut app = demo_app();
    to_trends(&mut app);
    let weeks = |app: &App| trends_pane(app).trends.as_ref().unwrap().weeks.len();
    assert_eq!(weeks(&app), 8);
    press(&mut app, &[ch('+')]);
    assert_eq!(weeks(&app), 12);
    press(&mut app, &[ch('-'), ch('-'), ch('-')]);
    assert_eq!(weeks(&app), 4, "four weeks is the shortest");
    for _ in 0..6 {
        press(&mut app, &[ch('+')]);
    }
    let t = trends_pane(&app).trends.as_ref().unwrap();
    assert_eq!(
        t.span.from,
        "2026-09-07".parse().unwrap(),
        "all time reaches the first week"
    );
    press(&mut app, &[ch('h')]);
    assert_eq!(
        trends_pane(&app).sub,
        Sub::Emotions,
        "the last view, from the first"
    );
    press(&mut app, &[ch('h')]);
    assert_eq!(trends_pane(&app).sub, Sub::Practice);
}

#[test]
fn trends_see_what_was_just_saved() {
    let mut app = app();
    press(&mut app, &[ch('6'), ctrl('s')]);
    to_trends(&mut app);
    let t = trends_pane(&app).trends.as_ref().unwrap();
    assert_eq!(t.days.len(), 1);
    assert_eq!(t.days[0].mood, 6.0);
}

#[test]
fn longer_spans_on_a_young_journal_say_why_nothing_changes() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_checkin(&checkin("2026-11-26T08:00:00+00:00", 6, "", None), None)
        .unwrap();
    let mut app = app_with(store, NOW);
    to_trends(&mut app);
    press(&mut app, &[ch('+')]);
    assert_eq!(
        app.notice.as_deref(),
        Some(
            "Nothing earlier to show: your journal began on 26 Nov. Longer spans fill in as it grows."
        )
    );
    // On a journal old enough, a longer span shows more, and nothing is said.
    let mut app = demo_app();
    to_trends(&mut app);
    press(&mut app, &[ch('+')]);
    assert_eq!(app.notice, None);
}

fn to_view(app: &mut App, sub: Sub) {
    for _ in 0..6 {
        if trends_pane(app).sub == sub {
            return;
        }
        press(app, &[ch('l')]);
    }
    assert_eq!(trends_pane(app).sub, sub);
}

#[test]
fn views_that_dont_fit_scroll_and_say_there_is_more() {
    let mut app = demo_app();
    to_trends(&mut app);
    for sub in [Sub::Practice, Sub::Emotions] {
        to_view(&mut app, sub);
        let first = plain(&app, 40, 12);
        assert!(first.contains("↓ more below"), "{sub:?}: {first}");
        // PgDn, then ↓ to the end: the view's last line comes into sight, and the sign
        // says there is more above.
        press(&mut app, &[key(KeyCode::PageDown)]);
        assert_ne!(plain(&app, 40, 12), first, "{sub:?}: PgDn moved it");
        for _ in 0..40 {
            press(&mut app, &[key(KeyCode::Down)]);
        }
        let end = plain(&app, 40, 12);
        assert!(end.contains("↑ more above"), "{sub:?}: {end}");
        let tail = match sub {
            Sub::Practice => "mindfulness",
            _ => "Sun ",
        };
        assert!(end.contains(tail), "{sub:?} reaches its end: {end}");
        // PgUp back to the top.
        for _ in 0..10 {
            press(&mut app, &[key(KeyCode::PageUp)]);
        }
        assert_eq!(plain(&app, 40, 12), first, "{sub:?}");
    }
    // At 80×24 the practice view fits: no sign.
    to_view(&mut app, Sub::Practice);
    assert!(!plain(&app, 80, 24).contains("more below"));
    plain(&app, 40, 12);
    press(&mut app, &[key(KeyCode::PageDown)]);
    insta::assert_snapshot!("trends_practice_scrolled_40x12", screen(&app, 40, 12));
}

#[test]
fn mood_by_weekday_breaks_between_days_never_inside_one() {
    let mut app = demo_app();
    to_trends(&mut app);
    to_view(&mut app, Sub::Emotions);
    // The view learns how far it can scroll as it is drawn.
    plain(&app, 40, 12);
    for _ in 0..40 {
        press(&mut app, &[key(KeyCode::Down)]);
    }
    let screen = plain(&app, 40, 12);
    let days: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.contains("Mood by weekday"))
        .skip(1)
        .take_while(|l| l.contains('(') && !l.contains("more "))
        .collect();
    assert!(
        days.len() >= 2,
        "seven days take more than one row at 40: {screen}"
    );
    for row in &days {
        // Every day on a row is whole: a name, a figure and its count in brackets.
        let opens = row.matches('(').count();
        let closes = row.matches(')').count();
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            .iter()
            .filter(|d| row.contains(*d))
            .count();
        assert_eq!((opens, closes), (names, names), "{row:?}");
    }
}

#[test]
fn the_weeks_view_spreads_across_a_wide_window() {
    let mut app = demo_app();
    to_trends(&mut app);
    to_view(&mut app, Sub::Weeks);
    let screen = plain(&app, 160, 45);
    // The bars' labels reach past two thirds of the way across.
    let labels = screen
        .lines()
        .find(|l| l.contains(" Nov") && l.matches(" Nov").count() + l.matches(" Oct").count() >= 4)
        .unwrap_or_else(|| panic!("{screen}"));
    let reach = labels.trim_end().chars().count();
    assert!(reach > 160 * 2 / 3, "{reach}: {labels}");
    insta::assert_snapshot!("trends_weeks_160x45", screen);
}

#[test]
fn helping_or_hurting_reads_as_what_the_person_said_and_how_often() {
    let mut store = Store::open_in_memory().unwrap();
    for (day, helps) in [
        ("2026-11-25", kindly::domain::Helps::Hurting),
        ("2026-11-26", kindly::domain::Helps::Hurting),
        ("2026-11-27", kindly::domain::Helps::Unsure),
    ] {
        let mut t =
            kindly::domain::Thought::new(at(&format!("{day}T09:00:00+00:00")), "I'm a mess")
                .unwrap();
        t.helps = Some(helps);
        store.save_thought(&t, None).unwrap();
    }
    let mut app = app_with(store, NOW);
    to_trends(&mut app);
    to_view(&mut app, Sub::Practice);
    let screen = plain(&app, 80, 24);
    assert!(
        screen.contains("Helping or hurting, you said: “hurting me” twice · “not sure” once"),
        "{screen}"
    );
}
