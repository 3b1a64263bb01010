//! Two windows on one journal: each sees what the other saved, neither loses what is
//! typed, and neither adopts the other's drafts. Each window is an App on its own
//! connection to one temp-file journal, as two running kindlys are.

mod common;

use common::*;
use kindly::store::Store;
use kindly::tui::App;
use kindly::tui::panes::checkin::{Field, Focus};
use ratatui::crossterm::event::KeyCode;

fn window(j: &TestJournal) -> App {
    app_with(Store::open(&j.db).unwrap(), NOW)
}

fn note(app: &App) -> Vec<String> {
    checkin_pane(app).note.lines().to_vec()
}

fn write_note(app: &mut App, words: &str) {
    focus(app, Focus::Field(Field::Note));
    press(app, &[key(KeyCode::Enter)]);
    typed(app, words);
}

#[test]
fn a_window_sees_the_other_windows_save_and_keeps_what_it_is_typing() {
    let j = TestJournal::new();
    let mut a = window(&j);
    let mut b = window(&j);
    write_note(&mut a, "still typing here");
    assert!(!a.look_for_changes(), "nothing changed under it yet");

    press(&mut b, &[ch('7')]);
    write_note(&mut b, "saved over there");
    press(&mut b, &[ctrl('s')]);
    assert_eq!(
        b.store()
            .checkins_on(common::at(NOW).date_naive())
            .unwrap()
            .len(),
        1
    );

    assert!(
        a.look_for_changes(),
        "the other window's save is noticed on waking"
    );
    let listed = &checkin_pane(&a).list;
    assert_eq!(
        listed.len(),
        1,
        "it is in this window's list without a restart"
    );
    assert_eq!(
        listed.selected().and_then(|c| c.note.clone()).as_deref(),
        Some("saved over there")
    );
    assert_eq!(
        note(&a),
        ["still typing here"],
        "what is typed stays as it was"
    );
    assert!(
        text(&a, 80, 24).contains("saved over there"),
        "{}",
        text(&a, 80, 24)
    );
    assert!(!a.look_for_changes(), "once seen, nothing more to read");

    // A window's own save is not news to it.
    press(&mut a, &[key(KeyCode::Esc), ch('5'), ctrl('s')]);
    assert!(!a.look_for_changes());
    assert!(b.look_for_changes());
    assert_eq!(checkin_pane(&b).list.len(), 2);
}

#[test]
fn each_window_keeps_its_own_draft_and_both_come_back_one_at_a_time() {
    let j = TestJournal::new();
    let mut a = window(&j);
    let mut b = window(&j);
    write_note(&mut a, "first window's note");
    write_note(&mut b, "second window's note");
    a.keep_drafts().unwrap();
    b.keep_drafts().unwrap();

    // A window opened while both are typing shows neither's words.
    let c = window(&j);
    assert_eq!(note(&c), [""], "{:?}", c.notice);
    assert!(!text(&c, 80, 24).contains("window's note"));
    drop(c);

    // Both quit without saving: their drafts wait.
    a.keep_drafts().unwrap();
    drop(a);
    b.keep_drafts().unwrap();
    drop(b);

    let mut d = window(&j);
    assert_eq!(
        note(&d),
        ["first window's note"],
        "the older comes back first"
    );
    let said = d.notice.clone().unwrap_or_default();
    assert!(said.contains("is back") && said.contains(" at "), "{said}");
    assert!(said.contains("One more waits"), "{said}");
    // Another window opened now takes up the other draft, never the same one.
    let e = window(&j);
    assert_eq!(note(&e), ["second window's note"]);
    drop(e);

    press(&mut d, &[key(KeyCode::Esc), ch('6'), ctrl('s')]);
    let today = common::at(NOW).date_naive();
    let notes: Vec<Option<String>> = d
        .store()
        .checkins_on(today)
        .unwrap()
        .into_iter()
        .map(|c| c.note)
        .collect();
    assert_eq!(notes, [Some("first window's note".to_string())]);
    // E ended without saving, so the second window's draft waits again: once D's form
    // is free, it comes back there, with its line.
    assert_eq!(note(&d), ["second window's note"]);
    let said = d.notice.clone().unwrap_or_default();
    assert!(
        said.starts_with("Saved.") && said.contains("is back"),
        "{said}"
    );
    let f = window(&j);
    assert_eq!(note(&f), [""], "nothing is left to take up twice");
}

#[test]
fn no_draft_is_saved_twice_from_two_windows() {
    let j = TestJournal::new();
    let mut a = window(&j);
    write_note(&mut a, "only once");
    press(&mut a, &[key(KeyCode::Esc), ch('4')]);
    a.keep_drafts().unwrap();
    drop(a);
    let mut b = window(&j);
    let mut c = window(&j);
    press(&mut b, &[ctrl('s')]);
    press(&mut c, &[ctrl('s')]);
    let today = common::at(NOW).date_naive();
    let saved = b.store().checkins_on(today).unwrap();
    assert_eq!(saved.len(), 1, "one check-in, never two: {saved:?}");
    assert_eq!(saved[0].note.as_deref(), Some("only once"));
}

fn page(j: &TestJournal, body: &str) -> kindly::domain::Entry {
    let e = kindly::domain::Entry::new(
        common::at("2026-11-28T20:00:00+00:00"),
        kindly::domain::EntryKind::Journal,
        body,
    )
    .unwrap();
    j.store().save_entry(&e, None).unwrap();
    e
}

/// Opens the page selected in the Journal list with the pen down at its end.
fn edit_page(app: &mut App) {
    go_to(app, kindly::tui::pane::PaneId::Journal);
    press(app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert_eq!(app.mode(), kindly::tui::keymap::Mode::Writing);
}

#[test]
fn two_windows_writing_the_same_words_keep_both_and_the_second_is_told_where() {
    let j = TestJournal::new();
    let e = page(&j, "Morning was slow.");
    let mut a = window(&j);
    let mut b = window(&j);
    edit_page(&mut a);
    edit_page(&mut b);
    typed(&mut a, " A walk helped.");
    typed(&mut b, " Rain came later.");
    press(&mut a, &[ctrl('s')]);
    assert_eq!(a.notice.as_deref(), Some("Your changes are saved."));
    press(&mut b, &[ctrl('s')]);
    let said = b.notice.clone().unwrap_or_default();
    assert!(said.contains("kept as a copy in the trash"), "{said}");

    let store = j.store();
    let kept = store.entries(None).unwrap();
    assert_eq!(kept.len(), 1, "the page is never doubled");
    assert_eq!(kept[0].id, e.id);
    assert_eq!(kept[0].body, "Morning was slow. Rain came later.");
    let trash = store.trashed_entries().unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].body, "Morning was slow. A walk helped.");
}

#[test]
fn edits_of_different_parts_of_a_record_both_stay() {
    let j = TestJournal::new();
    let e = page(&j, "Morning was slow.\n\nThe evening was kind.");
    let mut a = window(&j);
    let mut b = window(&j);
    edit_page(&mut a);
    edit_page(&mut b);
    typed(&mut a, " Tea with Sam.");
    press(&mut a, &[ctrl('s')]);
    // B gives the page a title, and never touched the body.
    press(
        &mut b,
        &[key(KeyCode::Esc), ch('k'), ch('k'), key(KeyCode::Enter)],
    );
    typed(&mut b, "Sunday");
    press(&mut b, &[ctrl('s')]);
    let said = b.notice.clone().unwrap_or_default();
    assert!(
        said.contains("Another window's changes to it are kept too"),
        "{said}"
    );
    let saved = j.store().entry(e.id).unwrap().unwrap();
    assert_eq!(saved.title.as_deref(), Some("Sunday"));
    assert_eq!(
        saved.body,
        "Morning was slow.\n\nThe evening was kind. Tea with Sam."
    );
    assert!(j.store().trashed_entries().unwrap().is_empty());
}

#[test]
fn every_pane_shows_what_another_window_saved_once_the_person_comes_to_it() {
    use kindly::tui::pane::PaneId;
    let j = TestJournal::new();
    let mut a = window(&j);
    // Every pane has read the (empty) journal once, and a is back on the Check-in pane.
    for _ in 0..4 {
        press(&mut a, &[key(KeyCode::Tab)]);
    }
    assert_eq!(a.pane_id(), PaneId::Checkin);
    assert!(trends_pane(&a).began.is_none());

    // Another window (or a command) saves one of each while a shows the form.
    let mut other = j.store();
    other
        .save_checkin(&checkin("2026-11-29T09:00:00+00:00", 6, "", None), None)
        .unwrap();
    let thought =
        kindly::domain::Thought::new(at("2026-11-29T09:05:00+00:00"), "I never get it right")
            .unwrap();
    other.save_thought(&thought, None).unwrap();
    page(&j, "A page written in the other window.");

    // Waking reads the pane showing at once.
    assert!(a.look_for_changes());
    assert_eq!(checkin_pane(&a).list.len(), 1);
    // The others read it on arrival, before they are drawn.
    press(&mut a, &[key(KeyCode::Tab)]);
    assert_eq!(critic_pane(&a).list.len(), 1);
    assert!(text(&a, 80, 24).contains("I never get it right"));
    press(&mut a, &[key(KeyCode::Tab)]);
    assert_eq!(journal_pane(&a).list.len(), 1);
    assert!(text(&a, 80, 24).contains("A page written in the other window."));
    press(&mut a, &[key(KeyCode::Tab)]);
    assert_eq!(
        trends_pane(&a).began.map(|d| d.to_string()).as_deref(),
        Some("2026-11-29")
    );
}
