//! Key handling as plain state tests: keys in, App state and the store out.

mod common;

use common::*;
use kindly::domain::Scale;
use kindly::store::Store;
use kindly::tui::keymap::Mode;
use kindly::tui::panes::checkin::{Field, Focus};
use ratatui::crossterm::event::KeyCode;

fn saved(app: &kindly::tui::App) -> Vec<kindly::domain::CheckIn> {
    app.store().checkins_between(None, None).unwrap()
}

#[test]
fn digits_set_the_mood_and_zero_means_ten() {
    let mut app = app();
    press(&mut app, &[ch('7')]);
    assert_eq!(checkin_pane(&app).mood.map(|m| m.get()), Some(7));
    press(&mut app, &[ch('0')]);
    assert_eq!(checkin_pane(&app).mood.map(|m| m.get()), Some(10));
    press(&mut app, &[ch('1')]);
    assert_eq!(checkin_pane(&app).mood.map(|m| m.get()), Some(1));
}

#[test]
fn digits_set_the_mood_from_any_field_but_not_while_writing() {
    let mut app = app();
    press(&mut app, &[ch('j'), ch('j'), ch('4')]);
    assert_eq!(checkin_pane(&app).focus, Focus::Field(Field::Emotions));
    assert_eq!(checkin_pane(&app).mood.map(|m| m.get()), Some(4));
    focus(&mut app, Focus::Field(Field::Note));
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.mode(), Mode::Writing);
    typed(&mut app, "9");
    assert_eq!(checkin_pane(&app).mood.map(|m| m.get()), Some(4));
    assert_eq!(checkin_pane(&app).note.lines(), ["9"]);
}

#[test]
fn ctrl_s_saves_the_form_in_one_go_and_clears_it() {
    let mut app = app();
    press(&mut app, &[ch('6'), ch('j'), key(KeyCode::Right)]);
    press(&mut app, &[ctrl('s')]);
    let rows = saved(&app);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].mood.get(), 6);
    assert_eq!(rows[0].energy.map(|e| e.get()), Some(5));
    assert_eq!(rows[0].at, at(NOW));
    assert_eq!(
        checkin_pane(&app).mood,
        None,
        "the form is fresh after saving"
    );
    assert_eq!(
        checkin_pane(&app).list.rows.len(),
        1,
        "today's list shows it"
    );
    assert!(app.notice.as_deref().unwrap().contains("Thank you"));
}

#[test]
fn ctrl_s_saves_while_writing_the_note() {
    let mut app = app();
    press(&mut app, &[ch('3')]);
    focus(&mut app, Focus::Field(Field::Note));
    press(&mut app, &[key(KeyCode::Enter)]);
    typed(&mut app, "quiet day, q and all");
    press(&mut app, &[ctrl('s')]);
    let rows = saved(&app);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].note.as_deref(), Some("quiet day, q and all"));
    assert!(!app.should_quit, "q typed in the note is text, not quit");
    assert_eq!(app.mode(), Mode::Form);
}

#[test]
fn esc_leaves_writing_and_keeps_the_words() {
    let mut app = app();
    focus(&mut app, Focus::Field(Field::Note));
    press(&mut app, &[ch('i')]);
    typed(&mut app, "half a thought");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.mode(), Mode::Form);
    assert_eq!(checkin_pane(&app).note.lines(), ["half a thought"]);
    press(&mut app, &[ch('q')]);
    assert!(app.should_quit, "q quits once no text is being edited");
}

#[test]
fn q_does_not_quit_while_writing() {
    let mut app = app();
    focus(&mut app, Focus::Field(Field::Note));
    press(&mut app, &[key(KeyCode::Enter), ch('q')]);
    assert!(!app.should_quit);
    assert_eq!(checkin_pane(&app).note.lines(), ["q"]);
}

#[test]
fn help_toggles_and_q_still_quits() {
    let mut app = app();
    press(&mut app, &[ch('?')]);
    assert!(app.help_open);
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(!app.help_open);
    press(&mut app, &[ch('?'), ch('?')]);
    assert!(!app.help_open);
    press(&mut app, &[ch('?'), ch('q')]);
    assert!(app.should_quit);
}

#[test]
fn arrows_and_vim_keys_both_move_and_adjust() {
    let mut app = app();
    press(&mut app, &[key(KeyCode::Down)]);
    assert_eq!(checkin_pane(&app).focus, Focus::Field(Field::Energy));
    press(&mut app, &[ch('l'), ch('l'), key(KeyCode::Left)]);
    assert_eq!(checkin_pane(&app).energy.map(|e| e.get()), Some(5));
    press(&mut app, &[ch('k')]);
    assert_eq!(checkin_pane(&app).focus, Focus::Field(Field::Mood));
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Right)]);
    assert_eq!(checkin_pane(&app).mood.map(|m| m.get()), Some(6));
}

#[test]
fn space_picks_emotions_and_they_are_saved() {
    let mut app = app();
    press(
        &mut app,
        &[ch('5'), ch('j'), ch('j'), ch(' '), ch('l'), ch(' ')],
    );
    let picked = checkin_pane(&app).emotions.picked.clone();
    assert_eq!(picked.len(), 2);
    press(&mut app, &[ctrl('s')]);
    let names: Vec<String> = saved(&app)[0]
        .emotions
        .iter()
        .map(|l| l.to_string())
        .collect();
    assert_eq!(names, picked);
}

#[test]
fn a_saved_checkin_can_be_edited_trashed_and_restored() {
    let mut store = Store::open_in_memory().unwrap();
    let c = checkin("2026-11-29T08:00:00+00:00", 4, "tired", Some("early"));
    store.save_checkin(&c, None).unwrap();
    let mut app = app_with(store, NOW);
    // Down past the note reaches today's list; Enter opens the check-in in the form.
    for _ in 0..8 {
        press(&mut app, &[ch('j')]);
    }
    assert_eq!(app.mode(), Mode::History);
    press(&mut app, &[key(KeyCode::Enter), ch('8'), ctrl('s')]);
    let rows = saved(&app);
    assert_eq!(rows.len(), 1, "editing replaces, never duplicates");
    assert_eq!(rows[0].mood.get(), 8);
    assert_eq!(rows[0].id, c.id);
    assert_eq!(rows[0].at, c.at, "editing keeps the original time");
    assert_eq!(rows[0].note.as_deref(), Some("early"));

    focus(&mut app, Focus::History);
    press(&mut app, &[ch('d')]);
    assert!(saved(&app).is_empty());
    assert_eq!(app.store().trashed_checkins().unwrap().len(), 1);
    press(&mut app, &[ch('u')]);
    assert_eq!(saved(&app).len(), 1);
}

#[test]
fn the_trash_list_restores_with_enter() {
    let mut store = Store::open_in_memory().unwrap();
    let c = checkin("2026-11-20T08:00:00+00:00", 4, "", None);
    store.save_checkin(&c, None).unwrap();
    store
        .trash(kindly::store::RecordKind::CheckIn, c.id)
        .unwrap();
    let mut app = app_with(store, NOW);
    focus(&mut app, Focus::History);
    press(&mut app, &[ch('t')]);
    assert_eq!(checkin_pane(&app).list.rows.len(), 1);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(saved(&app).len(), 1);
    assert!(checkin_pane(&app).list.rows.is_empty());
}

#[test]
fn earlier_days_can_be_browsed() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_checkin(&checkin("2026-11-25T08:00:00+00:00", 4, "", None), None)
        .unwrap();
    store
        .save_checkin(&checkin("2026-11-29T08:00:00+00:00", 6, "", None), None)
        .unwrap();
    let mut app = app_with(store, NOW);
    press(&mut app, &[ch('[')]);
    assert_eq!(app.mode(), Mode::History);
    assert_eq!(checkin_pane(&app).day.to_string(), "2026-11-25");
    assert_eq!(checkin_pane(&app).list.rows[0].mood.get(), 4);
    press(&mut app, &[ch('l')]);
    assert_eq!(checkin_pane(&app).day.to_string(), "2026-11-29");
    press(&mut app, &[ch('l')]);
    assert_eq!(
        checkin_pane(&app).day.to_string(),
        "2026-11-29",
        "never past today"
    );
}

#[test]
fn typed_note_is_autosaved_and_offered_back_next_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    {
        let mut app = app_with(Store::open(&path).unwrap(), NOW);
        press(&mut app, &[ch('2')]);
        focus(
            &mut app,
            kindly::tui::panes::checkin::Focus::Field(Field::Note),
        );
        press(&mut app, &[key(KeyCode::Enter)]);
        typed(&mut app, "hard morning");
        assert!(
            app.autosave_due().is_some(),
            "a change schedules an autosave"
        );
        assert!(
            !app.autosave(),
            "the draft is kept without a word on screen"
        );
        assert!(app.autosave_due().is_none());
        // The app is dropped here without saving the check-in, as in a crash.
    }
    let app = app_with(Store::open(&path).unwrap(), NOW);
    assert_eq!(checkin_pane(&app).note.lines(), ["hard morning"]);
    assert_eq!(checkin_pane(&app).mood.map(|m| m.get()), Some(2));
    assert!(app.notice.as_deref().unwrap().contains("back"));
    assert_eq!(
        app.mode(),
        Mode::Form,
        "a recovered draft never takes over the keys"
    );
}

#[test]
fn saving_clears_the_draft() {
    let mut app = app();
    press(&mut app, &[ch('5')]);
    assert!(
        !app.autosave(),
        "the draft is kept without a word on screen"
    );
    press(&mut app, &[ctrl('s')]);
    assert!(
        !app.autosave(),
        "the draft is kept without a word on screen"
    );
    let draft: Option<kindly::tui::panes::checkin::Draft> =
        app.store().load_draft("checkin").unwrap();
    assert_eq!(draft, None);
}

#[test]
fn a_gap_of_days_gets_a_welcome_back_that_counts_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_checkin(&checkin("2026-11-20T08:00:00+00:00", 5, "", None), None)
        .unwrap();
    let app = app_with(store, NOW);
    let notice = app.notice.clone().unwrap();
    assert!(notice.starts_with("Welcome back"), "{notice}");
    assert!(
        !notice.chars().any(|c| c.is_ascii_digit()),
        "no counting of days: {notice}"
    );
}

#[test]
fn no_welcome_back_after_yesterday() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_checkin(&checkin("2026-11-28T08:00:00+00:00", 5, "", None), None)
        .unwrap();
    assert_eq!(app_with(store, NOW).notice, None);
}

#[test]
fn a_paste_lands_in_the_note_only_while_writing() {
    use ratatui::crossterm::event::Event;
    let mut app = app();
    let paste = Event::Paste("q and 7, all text\nsecond line".into());
    app.handle_event(&paste);
    assert!(!app.should_quit, "pasted letters are never taken as keys");
    assert_eq!(checkin_pane(&app).mood, None);
    focus(&mut app, Focus::Field(Field::Note));
    press(&mut app, &[key(KeyCode::Enter)]);
    app.handle_event(&paste);
    assert_eq!(
        checkin_pane(&app).note.lines(),
        ["q and 7, all text", "second line"]
    );
    assert!(
        app.autosave_due().is_some(),
        "a paste schedules an autosave"
    );
}

#[test]
fn the_footer_offers_what_works_on_the_focused_field() {
    let mut app = app();
    focus(&mut app, Focus::Field(Field::Note));
    let last = |app: &kindly::tui::App| text(app, 40, 12).lines().last().unwrap().to_string();
    assert!(last(&app).contains("Enter write"), "{}", last(&app));
    focus(&mut app, Focus::Field(Field::Rituals));
    assert!(last(&app).contains("Space pick"), "{}", last(&app));
    assert!(!last(&app).contains("write"), "{}", last(&app));
}

mod mouse {
    use super::*;
    use kindly::tui::pane::PaneId as Pane;
    use ratatui::crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

    fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    }

    fn click(app: &mut kindly::tui::App, column: u16, row: u16) {
        app.handle_event(&mouse(MouseEventKind::Down(MouseButton::Left), column, row));
    }

    #[test]
    fn a_click_on_a_tab_switches_pane() {
        let mut app = app();
        let screen = text(&app, 80, 24);
        let first_line = screen.lines().next().unwrap();
        let x = first_line.find("Trends").unwrap() as u16;
        click(&mut app, x + 1, 0);
        assert_eq!(app.pane_id(), Pane::Trends);
        text(&app, 80, 24);
        let x = text(&app, 80, 24)
            .lines()
            .next()
            .unwrap()
            .find("Critic")
            .unwrap() as u16;
        click(&mut app, x, 0);
        assert_eq!(app.pane_id(), Pane::Critic);
    }

    #[test]
    fn a_click_on_a_row_selects_it_and_the_wheel_moves() {
        let mut store = Store::open_in_memory().unwrap();
        for h in ["08", "09", "10"] {
            store
                .save_checkin(
                    &checkin(&format!("2026-11-29T{h}:00:00+00:00"), 5, "", Some(h)),
                    None,
                )
                .unwrap();
        }
        let mut app = app_with(store, NOW);
        let screen = text(&app, 80, 24);
        let row = screen.lines().position(|l| l.contains("08:00")).unwrap() as u16;
        click(&mut app, 60, row);
        assert_eq!(app.mode(), Mode::History);
        assert_eq!(
            checkin_pane(&app).list.selected,
            2,
            "the oldest is the third row"
        );
        app.handle_event(&mouse(MouseEventKind::ScrollUp, 60, row));
        assert_eq!(checkin_pane(&app).list.selected, 1);
    }
}

#[test]
fn after_a_back_dated_checkin_the_day_list_comes_back_to_today() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_checkin(&checkin("2026-11-27T08:00:00+00:00", 6, "", None), None)
        .unwrap();
    let mut app = app_with(store, NOW);
    press(&mut app, &[ch('[')]);
    assert_eq!(checkin_pane(&app).day.to_string(), "2026-11-27");
    // A mood typed on that day's list starts a check-in for it; the form says so.
    press(&mut app, &[ch('4')]);
    assert!(plain(&app, 80, 24).contains("Fri 27 Nov"));
    press(&mut app, &[ctrl('s')]);
    let rows = saved(&app);
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|c| c.day().to_string() == "2026-11-27"));
    assert_eq!(checkin_pane(&app).day.to_string(), "2026-11-29");
    assert_eq!(
        app.notice.as_deref(),
        Some("Saved for Fri 27 Nov. Thank you for checking in.")
    );
    assert!(plain(&app, 80, 24).contains("How are you, right now?"));
}
