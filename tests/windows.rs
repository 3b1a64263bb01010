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
