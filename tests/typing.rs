//! Typing where no text field is open: the words land in the note or a line says how to
//! write, and nothing is trashed, moved or opened without a way back left on screen.

mod common;

use common::*;
use kindly::domain::Scale;
use kindly::store::Store;
use kindly::tui::keymap::Mode;
use kindly::tui::pane::PaneId;
use kindly::tui::panes::checkin::{Field, Focus};
use kindly::tui::records::words;

fn note(app: &kindly::tui::App) -> String {
    checkin_pane(app).note.lines().join("\n")
}

#[test]
fn a_sentence_typed_on_the_day_list_goes_in_the_note_and_trashes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_checkin(&checkin("2026-11-28T08:00:00+00:00", 6, "", None), None)
        .unwrap();
    store
        .save_checkin(&checkin("2026-11-29T08:00:00+00:00", 7, "", None), None)
        .unwrap();
    let mut app = app_with(store, NOW);
    focus(&mut app, Focus::History);
    typed(&mut app, "had a good day");
    assert!(app.store().trashed_checkins().unwrap().is_empty());
    assert_eq!(app.store().checkins_between(None, None).unwrap().len(), 2);
    assert_eq!(app.mode(), Mode::Writing);
    // `h` is the list's "earlier day"; from the first free letter on, the words are the note's.
    assert_eq!(note(&app), "ad a good day");
    assert!(plain(&app, 80, 24).contains("Your words go in the note"));
}

#[test]
fn letters_on_the_forms_scales_start_the_note() {
    let mut app = app();
    press(&mut app, &[ch('7')]);
    typed(&mut app, "calm, mostly");
    assert_eq!(checkin_pane(&app).focus, Focus::Field(Field::Note));
    assert_eq!(note(&app), "calm, mostly");
    press(&mut app, &[ctrl('s')]);
    let saved = app.store().checkins_between(None, None).unwrap();
    assert_eq!(saved[0].note.as_deref(), Some("calm, mostly"));
}

#[test]
fn the_way_back_from_the_trash_stays_on_screen_whatever_is_typed_next() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_checkin(&checkin("2026-11-29T08:00:00+00:00", 6, "", None), None)
        .unwrap();
    store
        .save_checkin(&checkin("2026-11-29T09:00:00+00:00", 5, "", None), None)
        .unwrap();
    let mut app = app_with(store, NOW);
    focus(&mut app, Focus::History);
    press(&mut app, &[ch('d')]);
    assert_eq!(app.line(), Some(words::TRASHED));
    // Keys that answer with nothing of their own leave the way back said.
    press(&mut app, &[ch('j'), ch('o'), ch('t'), ch('t')]);
    assert_eq!(app.line(), Some(words::UNDO_WAITING));
    assert!(plain(&app, 40, 12).contains("u brings back"));
    // A letter that starts the note says it too, as the list is no longer in view.
    typed(&mut app, "a");
    assert!(app.line().unwrap().contains(words::UNDO_WAITING));
    press(&mut app, &[key(ratatui::crossterm::event::KeyCode::Esc)]);
    focus(&mut app, Focus::History);
    press(&mut app, &[ch('u')]);
    assert!(app.store().trashed_checkins().unwrap().is_empty());
    press(&mut app, &[ch('j')]);
    assert_eq!(app.line(), None, "nothing left to bring back, nothing said");
}

#[test]
fn letters_typed_in_a_break_say_how_it_works_and_esc_leaves() {
    let mut app = app();
    typed(&mut app, "b");
    assert_eq!(app.mode(), Mode::BreakMood);
    typed(&mut app, "it tired");
    assert!(app.line().unwrap().contains("Esc leaves the break"));
}

#[test]
fn panes_without_a_text_field_say_how_to_write_there() {
    let mut app = app();
    go_to(&mut app, PaneId::Critic);
    typed(&mut app, "z");
    assert_eq!(app.line(), Some("To write down a thought, press n."));
    go_to(&mut app, PaneId::Journal);
    typed(&mut app, "z");
    assert_eq!(
        app.line(),
        Some("To write, press n for a page or l for a letter.")
    );
    go_to(&mut app, PaneId::Trends);
    typed(&mut app, "z");
    assert!(app.line().unwrap().starts_with("Trends is for looking"));
}

fn two_days() -> kindly::tui::App {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_checkin(&checkin("2026-11-28T08:00:00+00:00", 6, "", None), None)
        .unwrap();
    store
        .save_checkin(&checkin("2026-11-29T08:00:00+00:00", 7, "", None), None)
        .unwrap();
    app_with(store, NOW)
}

#[test]
fn a_day_list_moved_by_a_typed_letter_shows_its_way_back_and_the_key_works() {
    let mut app = two_days();
    focus(&mut app, Focus::History);
    typed(&mut app, "had a good day");
    // The `h` moved the list a day back; its title says so, with the key home.
    assert_eq!(checkin_pane(&app).day.to_string(), "2026-11-28");
    let screen = plain(&app, 80, 24);
    assert!(screen.contains("Yesterday · 1 · ] today"), "{screen}");
    insta::assert_snapshot!("typed_on_the_day_list_80x24", screen);
    // The key said works from the form, once writing stops, and the note is kept.
    press(
        &mut app,
        &[key(ratatui::crossterm::event::KeyCode::Esc), ch(']')],
    );
    assert_eq!(checkin_pane(&app).day.to_string(), "2026-11-29");
    assert!(plain(&app, 80, 24).contains("Today · 1"));
    assert_eq!(note(&app), "ad a good day");
    // At 40×12 the list, when shown, says the same.
    focus(&mut app, Focus::History);
    press(&mut app, &[ch('h')]);
    assert!(plain(&app, 40, 12).contains("Yesterday · 1 · ] today"));
}

#[test]
fn the_way_back_names_the_persons_own_key_and_where_it_leads() {
    let mut store = Store::open_in_memory().unwrap();
    for day in ["2026-11-20", "2026-11-25", "2026-11-29"] {
        store
            .save_checkin(
                &checkin(&format!("{day}T08:00:00+00:00"), 6, "", None),
                None,
            )
            .unwrap();
    }
    let config = kindly::config::Config {
        keys: vec![("later_day".into(), vec!["f5".into()])],
        ..Default::default()
    };
    let fixed = at(NOW);
    let mut app = kindly::tui::App::new(
        store,
        config,
        kindly::tui::theme::Theme::monochrome(),
        Box::new(move || fixed),
    )
    .unwrap();
    focus(&mut app, Focus::History);
    press(&mut app, &[ch('h'), ch('h')]);
    // Two days back, one press leads to the next day with check-ins, not yet today.
    assert!(plain(&app, 80, 24).contains("Fri 20 Nov 2026 · 1 · F5 later"));
    press(&mut app, &[key(ratatui::crossterm::event::KeyCode::F(5))]);
    assert!(plain(&app, 80, 24).contains("Wed 25 Nov 2026 · 1 · F5 today"));
    // The trash says its way back too.
    press(&mut app, &[ch('t')]);
    assert!(plain(&app, 80, 24).contains("Trash · 0 · t back"));
}

#[test]
fn words_typed_into_an_opened_check_in_say_whose_note_and_how_to_leave_it() {
    let mut app = two_days();
    focus(&mut app, Focus::History);
    typed(&mut app, "eat well");
    // `e` opened today's check-in; the rest goes in its note, and the line says so.
    assert!(checkin_pane(&app).editing.is_some());
    assert_eq!(note(&app), "at well");
    let line = app.line().unwrap();
    assert!(line.contains("check-in from Sun 08:00"), "{line}");
    assert!(line.contains("Esc again, leaves it as it was"), "{line}");
    press(&mut app, &[key(ratatui::crossterm::event::KeyCode::Esc)]);
    press(&mut app, &[key(ratatui::crossterm::event::KeyCode::Esc)]);
    assert!(checkin_pane(&app).editing.is_none());
    let saved = app.store().checkins_between(None, None).unwrap();
    assert!(saved.iter().all(|c| c.note.is_none()), "nothing changed");
}

#[test]
fn opening_search_clears_the_last_notice_from_under_it() {
    let mut app = app();
    press(&mut app, &[ctrl('s')]);
    assert!(app.line().is_some_and(|l| l.starts_with("Pick a mood")));
    press(&mut app, &[ch('/')]);
    assert_eq!(app.line(), None);
    assert!(!plain(&app, 80, 24).contains("Pick a mood"));
}

/// The form with every scale set: mood 7, energy 4, the parts 2, 3 and 4; focus on `row`.
fn form_on(row: Field) -> kindly::tui::App {
    let mut app = app();
    for (field, digit) in [
        (Field::Mood, '7'),
        (Field::Energy, '4'),
        (Field::Kindness, '2'),
        (Field::Humanity, '3'),
        (Field::Mindfulness, '4'),
    ] {
        focus(&mut app, Focus::Field(field));
        press(&mut app, &[ch(digit)]);
    }
    focus(&mut app, Focus::Field(row));
    app
}

fn scales(app: &kindly::tui::App) -> [Option<u8>; 5] {
    let p = checkin_pane(app);
    [
        p.mood.map(|m| m.get()),
        p.energy.map(|e| e.get()),
        p.parts[0].map(|r| r.get()),
        p.parts[1].map(|r| r.get()),
        p.parts[2].map(|r| r.get()),
    ]
}

const SCALE_ROWS: [Field; 5] = [
    Field::Mood,
    Field::Energy,
    Field::Kindness,
    Field::Humanity,
    Field::Mindfulness,
];

#[test]
fn words_begun_with_a_key_letter_on_a_scale_row_go_whole_into_the_note_and_nudge_nothing() {
    // Each begins with a letter that is a key on these rows: h/l nudge, j/k move, i steps
    // down, x clears, o answers nothing with no letter offered.
    let sentences = [
        "had a good day",
        "lovely walk",
        "just ok",
        "kind of tired",
        "i am fine",
        "okay",
        "xmas shopping",
        "low, but here",
    ];
    for row in SCALE_ROWS {
        for words in sentences {
            let mut app = form_on(row);
            let before = scales(&app);
            typed(&mut app, words);
            assert_eq!(note(&app), words, "typed on {row:?}");
            assert_eq!(scales(&app), before, "{words:?} typed on {row:?}");
            assert_eq!(app.mode(), Mode::Writing, "{words:?} on {row:?}");
        }
    }
    // Saved, the check-in holds the words and the values as they were set.
    let mut app = form_on(Field::Mood);
    typed(&mut app, "had a good day");
    press(&mut app, &[ctrl('s')]);
    let saved = app.store().checkins_between(None, None).unwrap();
    assert_eq!(saved[0].note.as_deref(), Some("had a good day"));
    assert_eq!(saved[0].mood.get(), 7);
    assert_eq!(saved[0].energy.map(|e| e.get()), Some(4));
}

#[test]
fn the_forms_letter_keys_still_act_when_no_word_follows() {
    // h and l nudge, again and again; j and k move; a digit after a letter sets the row.
    let mut app = form_on(Field::Mood);
    typed(&mut app, "hh");
    assert_eq!(checkin_pane(&app).mood.map(|m| m.get()), Some(5));
    typed(&mut app, "lll");
    assert_eq!(checkin_pane(&app).mood.map(|m| m.get()), Some(8));
    typed(&mut app, "jl");
    assert_eq!(checkin_pane(&app).focus, Focus::Field(Field::Energy));
    assert_eq!(checkin_pane(&app).energy.map(|e| e.get()), Some(5));
    typed(&mut app, "k");
    press(&mut app, &[ch('h'), ch('6')]);
    assert_eq!(checkin_pane(&app).mood.map(|m| m.get()), Some(6));
    // x clears; a key that is not a letter between ends any word: the next letter starts
    // the note alone, and what the keys did stays.
    press(
        &mut app,
        &[
            ch('x'),
            key(ratatui::crossterm::event::KeyCode::Down),
            ch('a'),
        ],
    );
    assert_eq!(checkin_pane(&app).mood, None);
    assert_eq!(note(&app), "a");
    // A letter after h that has a meaning of its own acts: b opens the break.
    let mut app = form_on(Field::Mood);
    typed(&mut app, "lb");
    assert_eq!(checkin_pane(&app).mood.map(|m| m.get()), Some(8));
    assert_eq!(app.mode(), Mode::BreakMood);
    assert_eq!(note(&app), "");
}

#[test]
fn down_to_the_note_then_i_writes_there_without_the_keys_in_the_words() {
    let mut app = form_on(Field::Mindfulness);
    typed(&mut app, "jifeeling steady");
    assert_eq!(note(&app), "feeling steady");
    assert_eq!(scales(&app)[4], Some(4));
}

#[test]
fn a_word_begun_on_the_choices_leaves_what_was_picked() {
    // On Emotions `i` picks the chip under the cursor and Space unpicks it; "i am" is words.
    let mut app = form_on(Field::Emotions);
    let picked = checkin_pane(&app).emotions.clone();
    typed(&mut app, "i am here");
    assert_eq!(note(&app), "i am here");
    assert_eq!(checkin_pane(&app).emotions, picked);
    // Picking with i and Space, then a digit, is kept.
    let mut app = form_on(Field::Emotions);
    press(&mut app, &[ch('i'), ch('7')]);
    assert_eq!(checkin_pane(&app).emotions.picked.len(), 1);
}

#[test]
fn the_screen_after_words_begun_with_h_shows_the_mood_as_it_was() {
    let mut app = form_on(Field::Mood);
    typed(&mut app, "had a good day");
    let screen = plain(&app, 80, 24);
    assert!(screen.contains("had a good day"), "{screen}");
    assert!(screen.contains("Your words go in the note"), "{screen}");
    insta::assert_snapshot!("words_begun_with_h_80x24", screen);
    let small = plain(&app, 40, 12);
    assert!(small.contains("had a good day"), "{small}");
    insta::assert_snapshot!("words_begun_with_h_40x12", small);
}
