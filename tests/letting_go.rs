//! Drafts that wait and drafts let go (#17, items 1 and 3): a waiting page never blocks
//! reading, `l` always starts a letter, `X` twice lets any draft go to the trash (where it
//! can be brought back), and an edit set aside stays an edit of its record.

mod common;
use common::*;
use kindly::domain::{Entry, EntryKind, Thought};
use kindly::store::Store;
use kindly::tui::App;
use kindly::tui::pane::PaneId;
use ratatui::crossterm::event::KeyCode;

const ENTRY_SLOT: &str = kindly::tui::panes::journal::DRAFT_SLOT;

/// The Journal pane holding one saved entry, with a new page left waiting.
fn journal_with_a_page_waiting() -> App {
    let mut store = Store::open_in_memory().unwrap();
    let saved = Entry::new(
        at("2026-11-20T20:00:00+00:00"),
        EntryKind::Journal,
        "an older page",
    )
    .unwrap();
    store.save_entry(&saved, None).unwrap();
    let mut app = app_with(store, NOW);
    go_to(&mut app, PaneId::Journal);
    press(&mut app, &[ch('n')]);
    typed(&mut app, "half a page");
    press(&mut app, &[key(KeyCode::Esc), key(KeyCode::Esc)]);
    assert!(journal_pane(&app).waiting.is_some());
    app.keep_drafts().unwrap();
    app
}

fn waiting_body(app: &App) -> Option<String> {
    app.store()
        .load_draft::<serde_json::Value>(ENTRY_SLOT)
        .unwrap()
        .map(|d| d["body"].as_str().unwrap_or_default().to_string())
}

#[test]
fn a_saved_entry_opens_to_read_while_a_page_waits_and_the_draft_stays_whole() {
    let mut app = journal_with_a_page_waiting();
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(plain(&app, 80, 24).contains("an older page"));
    // Changing it must wait: one draft slot never holds two pages.
    press(&mut app, &[ch('i')]);
    assert!(
        app.notice
            .clone()
            .unwrap()
            .contains("n carries it on, X lets it go")
    );
    app.keep_drafts().unwrap();
    assert_eq!(waiting_body(&app).as_deref(), Some("half a page"));
    press(&mut app, &[key(KeyCode::Esc), ch('n')]);
    assert!(plain(&app, 80, 24).contains("half a page"));
}

#[test]
fn l_starts_a_letter_even_with_a_page_waiting_and_the_page_is_kept() {
    let mut app = journal_with_a_page_waiting();
    press(&mut app, &[ch('l')]);
    assert!(
        app.notice
            .clone()
            .unwrap()
            .contains("saved in your journal")
    );
    press(&mut app, &[key(KeyCode::Enter)]);
    typed(&mut app, "Dear me,");
    press(&mut app, &[ctrl('s')]);
    let bodies: Vec<String> = app
        .store()
        .entries(None)
        .unwrap()
        .into_iter()
        .map(|e| e.body)
        .collect();
    assert!(bodies.contains(&"half a page".to_string()), "{bodies:?}");
    assert!(bodies.contains(&"Dear me,".to_string()), "{bodies:?}");
}

#[test]
fn x_twice_lets_a_waiting_page_go_to_the_trash_and_it_comes_back() {
    let mut app = journal_with_a_page_waiting();
    press(&mut app, &[ch('X')]);
    assert!(
        app.notice
            .clone()
            .unwrap()
            .contains("Let go of the unsaved page waiting?")
    );
    assert!(journal_pane(&app).waiting.is_some(), "asked, not yet done");
    press(&mut app, &[ch('X')]);
    assert!(app.notice.clone().unwrap().contains("in the trash"));
    assert!(journal_pane(&app).waiting.is_none());
    app.keep_drafts().unwrap();
    assert_eq!(waiting_body(&app), None, "the draft slot is clear");
    let trashed = app.store().trashed_entries().unwrap();
    assert_eq!(trashed[0].body, "half a page");
    // Brought back from the trash list.
    press(&mut app, &[ch('t'), key(KeyCode::Enter)]);
    assert!(
        app.store()
            .entries(None)
            .unwrap()
            .iter()
            .any(|e| e.body == "half a page")
    );
}

#[test]
fn x_then_any_other_key_keeps_the_draft() {
    let mut app = journal_with_a_page_waiting();
    press(&mut app, &[ch('X'), key(KeyCode::Down), ch('X')]);
    assert!(journal_pane(&app).waiting.is_some());
    assert!(app.store().trashed_entries().unwrap().is_empty());
}

#[test]
fn the_check_in_form_can_be_let_go_and_found_in_the_trash() {
    let mut app = app();
    press(&mut app, &[ch('3')]);
    focus(
        &mut app,
        kindly::tui::panes::checkin::Focus::Field(kindly::tui::panes::checkin::Field::Note),
    );
    press(&mut app, &[key(KeyCode::Enter)]);
    typed(&mut app, "not today");
    press(&mut app, &[key(KeyCode::Esc), ch('X'), ch('X')]);
    assert!(checkin_pane(&app).mood.is_none(), "the form is clear");
    let trashed = app.store().trashed_checkins().unwrap();
    assert_eq!(trashed.len(), 1);
    assert_eq!(trashed[0].note.as_deref(), Some("not today"));
    assert!(
        app.store()
            .checkins_on(at(NOW).date_naive())
            .unwrap()
            .is_empty()
    );
}

/// A Critic with one saved record, and changes to it set aside (Esc from the first step).
fn critic_with_an_edit_set_aside() -> (App, Thought) {
    let mut store = Store::open_in_memory().unwrap();
    let t = Thought::new(at("2026-11-27T21:10:00+00:00"), "I ruin everything").unwrap();
    store.save_thought(&t, None).unwrap();
    let mut app = app_with(store, NOW);
    go_to(&mut app, PaneId::Critic);
    press(&mut app, &[key(KeyCode::Enter), ch('e')]);
    while critic_pane(&app).flow.as_ref().unwrap().step != kindly::tui::panes::critic::Step::Thought
    {
        press(&mut app, &[key(KeyCode::Enter)]);
    }
    typed(&mut app, " sometimes");
    while critic_pane(&app).flow.is_some()
        && critic_pane(&app).view == kindly::tui::panes::critic::View::Flow
    {
        press(&mut app, &[key(KeyCode::Esc)]);
    }
    (app, t)
}

#[test]
fn an_edit_set_aside_can_be_let_go_and_the_record_stays_as_it_was() {
    let (mut app, t) = critic_with_an_edit_set_aside();
    press(&mut app, &[ch('X')]);
    assert!(
        app.notice
            .clone()
            .unwrap()
            .contains("the saved record stays as it was")
    );
    press(&mut app, &[ch('X')]);
    let kept = app.store().thought(t.id).unwrap().unwrap();
    assert_eq!(kept.thought, "I ruin everything");
    let trashed = app.store().trashed_thoughts().unwrap();
    assert_eq!(trashed.len(), 1);
    assert_eq!(trashed[0].thought, "I ruin everything sometimes");
    assert_ne!(trashed[0].id, t.id);
}

#[test]
fn an_edit_of_a_record_trashed_meanwhile_stays_its_edit_and_brings_it_back() {
    let (mut app, t) = critic_with_an_edit_set_aside();
    // The record goes to the trash while its changes wait.
    press(&mut app, &[ch('d')]);
    assert!(
        app.store()
            .trashed_thoughts()
            .unwrap()
            .iter()
            .any(|x| x.id == t.id)
    );
    press(&mut app, &[ch('n'), ctrl('s')]);
    assert!(app.notice.clone().unwrap().contains("back from the trash"));
    let all = app.store().thoughts(&Default::default()).unwrap();
    assert_eq!(all.len(), 1, "still one record");
    assert_eq!(all[0].id, t.id);
    assert_eq!(all[0].at, t.at, "with its own time");
    assert_eq!(all[0].thought, "I ruin everything sometimes");
}
