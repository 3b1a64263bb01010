//! Whole screens drawn into ratatui's TestBackend and compared with insta snapshots.

mod common;

use common::*;
use kindly::store::Store;
use kindly::tui::panes::checkin::{Field, Focus};
use ratatui::crossterm::event::KeyCode;

fn journal() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    for c in [
        checkin(
            "2026-11-29T08:05:00+00:00",
            4,
            "tired,anxious",
            Some("Slept badly. Being gentle with myself."),
        ),
        checkin(
            "2026-11-29T09:40:00+00:00",
            7,
            "calm",
            Some("A walk helped 🌿 — 散歩 was good"),
        ),
        checkin("2026-11-28T20:00:00+00:00", 2, "sad", None),
    ] {
        store.save_checkin(&c, None).unwrap();
    }
    store
}

#[test]
fn first_start_80x24() {
    insta::assert_snapshot!(screen(&app(), 80, 24));
}

#[test]
fn filled_form_beside_today_80x24() {
    let mut app = app_with(journal(), NOW);
    press(
        &mut app,
        &[
            ch('3'),
            ch('j'),
            ch('l'),
            ch('j'),
            ch(' '),
            ch('l'),
            ch('l'),
            ch(' '),
        ],
    );
    focus(&mut app, Focus::Field(Field::Note));
    press(&mut app, &[key(KeyCode::Enter)]);
    typed(
        &mut app,
        "A long afternoon. The kind of tired that wants a blanket and a film, and that is allowed.",
    );
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn checkin_pane_40x12() {
    let mut app = app_with(journal(), NOW);
    press(&mut app, &[ch('8'), ch('j'), ch('j')]);
    insta::assert_snapshot!(screen(&app, 40, 12));
}

#[test]
fn todays_list_40x12() {
    let mut app = app_with(journal(), NOW);
    focus(&mut app, Focus::History);
    insta::assert_snapshot!(screen(&app, 40, 12));
}

#[test]
fn help_overlay_80x24() {
    let mut app = app();
    press(&mut app, &[ch('?')]);
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn help_names_the_support_contact_and_crisis_line() {
    let fixed = at(NOW);
    let config = kindly::config::Config::parse(
        "support_contact = \"Dr. Okafor, 0161 555 0100\"",
        &kindly::config::Checks::NONE,
    )
    .unwrap();
    let mut app = kindly::tui::App::new(
        Store::open_in_memory().unwrap(),
        config,
        kindly::tui::theme::Theme::monochrome(),
        Box::new(move || fixed),
    )
    .unwrap();
    press(&mut app, &[ch('?')]);
    let shown = text(&app, 80, 24);
    assert!(shown.contains("Dr. Okafor, 0161 555 0100"), "{shown}");
    assert!(shown.contains("emergency"), "{shown}");
}

#[test]
fn help_lists_every_binding_of_each_pane() {
    use kindly::tui::keymap::Mode;
    use kindly::tui::pane::{Pane as _, PaneId as Pane};
    for pane in Pane::ALL {
        let mut app = app();
        go_to(&mut app, pane);
        press(&mut app, &[ch('?')]);
        let shown = text(&app, 120, 200);
        let mut modes = match pane {
            Pane::Checkin => checkin_pane(&app).help_modes().to_vec(),
            Pane::Critic => critic_pane(&app).help_modes().to_vec(),
            Pane::Journal => journal_pane(&app).help_modes().to_vec(),
            Pane::Trends => trends_pane(&app).help_modes().to_vec(),
        };
        modes.extend([
            Mode::Global,
            Mode::Search,
            Mode::Session,
            Mode::SessionNote,
            Mode::Help,
        ]);
        for b in kindly::tui::keymap::BINDINGS
            .iter()
            .filter(|b| modes.contains(&b.mode))
        {
            assert!(shown.contains(b.help), "{pane:?} help lacks '{}'", b.help);
        }
    }
}

#[test]
fn help_scrolls_to_its_end_and_no_further() {
    let mut app = app();
    press(&mut app, &[ch('?')]);
    text(&app, 80, 24);
    for _ in 0..200 {
        press(&mut app, &[ch('j')]);
    }
    let bottom = text(&app, 80, 24);
    assert!(bottom.contains("scroll down"), "{bottom}");
    // One step up shows a different window at once: the scroll did not run past the end.
    press(&mut app, &[ch('k')]);
    assert_ne!(text(&app, 80, 24), bottom);
}

#[test]
fn too_small_shows_a_calm_note() {
    insta::assert_snapshot!(screen(&app(), 30, 10));
}

#[test]
fn low_mood_is_never_drawn_in_red() {
    let theme = kindly::tui::theme::Theme::calm();
    use ratatui::style::Color;
    let reds = [
        Color::Red,
        Color::LightRed,
        Color::Indexed(1),
        Color::Indexed(9),
        Color::Indexed(52),
        Color::Indexed(88),
        Color::Indexed(124),
        Color::Indexed(160),
        Color::Indexed(196),
    ];
    for mood in 1..=10 {
        let fg = theme.mood(mood).fg.unwrap();
        assert!(!reds.contains(&fg), "mood {mood} is red: {fg:?}");
    }
}

#[test]
fn escape_sequences_in_notes_are_shown_never_sent() {
    use ratatui::Terminal;
    use ratatui::backend::CrosstermBackend;
    let mut store = Store::open_in_memory().unwrap();
    let hostile = "\u{202e}x title\u{1b}]0;pwned\u{7} clear\u{1b}[2J bell\u{7} del\u{7f} c1\u{9b}31m zw\u{200b}";
    store
        .save_checkin(
            &checkin("2026-11-29T08:00:00+00:00", 5, "", Some(hostile)),
            None,
        )
        .unwrap();
    let mut app = app_with(store, NOW);
    // The same record in the editor too.
    press(&mut app, &[ch('[')]);
    press(&mut app, &[ch(']'), key(KeyCode::Enter)]);
    let mut bytes: Vec<u8> = Vec::new();
    {
        let mut terminal = Terminal::new(CrosstermBackend::new(&mut bytes)).unwrap();
        terminal.draw(|f| app.draw(f)).unwrap();
    }
    let written = String::from_utf8_lossy(&bytes);
    for raw in [
        "\u{1b}]0;pwned",
        "\u{1b}[2J",
        "\u{7}",
        "\u{7f}",
        "\u{9b}",
        "\u{202e}",
        "\u{200b}",
    ] {
        assert!(!written.contains(raw), "{raw:?} reached the terminal");
    }
    let plain_text = plain(&app, 80, 24);
    assert!(
        plain_text.contains("␛]0;pwned"),
        "shown as a visible stand-in:\n{plain_text}"
    );
    assert!(
        plain_text.contains("[U+202E]x title"),
        "a bidi override shown as a mark:\n{plain_text}"
    );
}
