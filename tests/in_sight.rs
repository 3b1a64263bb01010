//! What a key acts on is on screen: where rows don't all fit (40×12, a notice taking a row),
//! they scroll with the focus, so Space never picks a feeling or choice out of sight.

mod common;

use common::*;
use kindly::tui::App;
use kindly::tui::panes::checkin::{Field, Focus};
use kindly::tui::panes::critic::Step;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;

/// The text drawn reversed (the highlighted chip) on the row starting with `label`.
fn highlighted(app: &App, label: &str) -> Option<String> {
    let backend = screen(app, 40, 12);
    let buf = backend.buffer();
    let y = (0..12).find(|y| {
        let row: String = (0..40).map(|x| buf[(x, *y)].symbol()).collect();
        row.trim_start_matches(' ').starts_with(label)
    })?;
    let chip: String = (0..40)
        .filter(|x| buf[(*x, y)].modifier.contains(Modifier::REVERSED))
        .map(|x| buf[(x, y)].symbol())
        .collect();
    Some(chip.trim().trim_start_matches('✓').to_string())
}

#[test]
fn the_first_space_on_add_feeling_adds_the_feeling_shown_however_many_rows_there_are() {
    let mut app = app();
    press(&mut app, &[key(KeyCode::Tab), ch('n')]);
    typed(&mut app, "at work");
    press(&mut app, &[key(KeyCode::Enter)]);
    typed(&mut app, "I always mess up");
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert_eq!(
        critic_pane(&app).flow.as_ref().unwrap().step,
        Step::Feelings
    );
    press(&mut app, &[ch('j')]);
    // Past the rows 40×12 has, the add row stays in view and Space adds its chip.
    for n in 1..=8 {
        let shown = highlighted(&app, "›Add feeling")
            .unwrap_or_else(|| panic!("the add row is in view:\n{}", plain(&app, 40, 12)));
        press(&mut app, &[ch(' ')]);
        let flow = critic_pane(&app).flow.as_ref().unwrap();
        assert_eq!(flow.felt.len(), n);
        assert_eq!(flow.felt.last().unwrap().name, shown, "adding feeling {n}");
    }
    let screen = plain(&app, 40, 12);
    assert!(screen.contains("more"), "rows above are said: {screen}");
}

#[test]
fn a_short_form_scrolls_its_fields_so_the_focused_one_is_drawn() {
    // A sample journal's line and a two-row notice at 40×12 leave the form seven rows for
    // its eight fields.
    let mut store = kindly::store::Store::open_in_memory().unwrap();
    store.mark_sample().unwrap();
    let mut app = app_with(store, NOW);
    let all_shown = |app: &App| {
        let screen = plain(app, 40, 12);
        Field::ALL.iter().all(|f| screen.contains(f.label()))
    };
    // `B` says in two rows that the check-in will be marked for the session; again, that
    // it won't: each time a notice, and nothing else changes on the form.
    let short = |app: &mut App| {
        press(app, &[ch('B')]);
        assert!(app.line().is_some_and(|l| l.len() > 40), "{:?}", app.line());
    };
    for field in Field::ALL {
        focus(&mut app, Focus::Field(field));
        short(&mut app);
        let screen = plain(&app, 40, 12);
        assert!(!all_shown(&app), "{field:?}: short of rows:\n{screen}");
        assert!(
            screen.contains(&format!("›{}", field.label())),
            "{field:?} is drawn:\n{screen}"
        );
    }
    // Space on the emotions row picks the chip drawn highlighted there.
    focus(&mut app, Focus::Field(Field::Emotions));
    short(&mut app);
    let shown = highlighted(&app, "›Emotions").expect("the row is drawn");
    press(&mut app, &[ch(' ')]);
    assert_eq!(checkin_pane(&app).emotions.picked, [shown]);
}
