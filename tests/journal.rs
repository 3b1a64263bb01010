//! The Journal pane, the self-compassion break, search, and the low-day letter offer.

mod common;

use common::*;
use kindly::domain::{Entry, EntryKind, Scale};
use kindly::store::{RecordKind, Store};
use kindly::tui::App;
use kindly::tui::keymap::Mode;
use kindly::tui::pane::PaneId as Pane;
use kindly::tui::panes::journal::{Field, View};
use ratatui::crossterm::event::KeyCode;

fn enter() -> ratatui::crossterm::event::KeyEvent {
    key(KeyCode::Enter)
}

fn esc() -> ratatui::crossterm::event::KeyEvent {
    key(KeyCode::Esc)
}

fn to_journal(app: &mut App) {
    press(app, &[key(KeyCode::Tab), key(KeyCode::Tab)]);
    assert_eq!(app.pane_id(), Pane::Journal);
}

fn letter(store: &mut Store, when: &str, title: &str, body: &str) -> Entry {
    let mut e = Entry::new(at(when), EntryKind::Letter, body).unwrap();
    e.title = Some(title.into());
    store.save_entry(&e, None).unwrap();
    e
}

#[test]
fn a_letter_is_written_titled_tagged_and_saved() {
    let mut app = app();
    to_journal(&mut app);
    press(&mut app, &[ch('l')]);
    assert_eq!(
        app.mode(),
        Mode::LetterPrompts,
        "l asks where to start from"
    );
    press(&mut app, &[enter()]);
    assert_eq!(
        app.mode(),
        Mode::Writing,
        "a new page starts with the pen down"
    );
    assert!(text(&app, 80, 24).contains("Write to yourself the way a caring friend would"));
    typed(&mut app, "Dear me,");
    press(&mut app, &[enter()]);
    typed(&mut app, "you did well.");
    press(&mut app, &[esc(), ch('k'), ch('k'), enter()]);
    typed(&mut app, "For Tuesday");
    press(&mut app, &[esc(), ch('j'), enter()]);
    typed(&mut app, "winter, care");
    press(&mut app, &[ctrl('s')]);
    let saved = app.store().entries(None).unwrap();
    assert_eq!(saved.len(), 1);
    let e = &saved[0];
    assert_eq!(e.kind, EntryKind::Letter);
    assert_eq!(e.title.as_deref(), Some("For Tuesday"));
    assert_eq!(
        e.body, "Dear me,\nyou did well.",
        "the prompt is never saved into the body"
    );
    assert_eq!(
        e.prompt.as_deref(),
        Some("friend"),
        "it is stored beside the letter instead"
    );
    assert_eq!(
        e.tags.iter().map(|t| t.to_string()).collect::<Vec<_>>(),
        ["winter", "care"]
    );
    assert_eq!(journal_pane(&app).view, View::List);
}

#[test]
fn up_from_the_pages_first_line_reaches_the_tags_and_the_title() {
    let mut app = app();
    to_journal(&mut app);
    press(&mut app, &[ch('n')]);
    typed(&mut app, "First line");
    press(&mut app, &[enter()]);
    typed(&mut app, "second");
    let up = key(KeyCode::Up);
    press(&mut app, &[up, up]);
    assert_eq!(journal_pane(&app).page.as_ref().unwrap().field, Field::Tags);
    assert_eq!(app.mode(), Mode::Writing, "still writing, now the tags");
    typed(&mut app, "spring");
    press(&mut app, &[up]);
    typed(&mut app, "A title");
    press(&mut app, &[key(KeyCode::Down), key(KeyCode::Down)]);
    assert_eq!(journal_pane(&app).page.as_ref().unwrap().field, Field::Body);
    press(&mut app, &[ctrl('s')]);
    let e = &app.store().entries(None).unwrap()[0];
    assert_eq!(e.title.as_deref(), Some("A title"));
    assert_eq!(e.body, "First line\nsecond");
    assert_eq!(e.tags[0].to_string(), "spring");
}

#[test]
fn an_empty_page_is_not_saved() {
    let mut app = app();
    to_journal(&mut app);
    press(&mut app, &[ch('n'), ctrl('s')]);
    assert!(app.store().entries(None).unwrap().is_empty());
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .contains("write a few words first")
    );
}

#[test]
fn an_entry_is_edited_trashed_and_restored() {
    let mut store = Store::open_in_memory().unwrap();
    let e = letter(
        &mut store,
        "2026-11-20T20:00:00+00:00",
        "Old",
        "Dear me, hello.",
    );
    let mut app = app_with(store, NOW);
    to_journal(&mut app);
    press(&mut app, &[enter(), enter()]);
    assert_eq!(app.mode(), Mode::Writing);
    typed(&mut app, " Again.");
    press(&mut app, &[ctrl('s')]);
    let saved = app.store().entries(None).unwrap();
    assert_eq!(saved.len(), 1, "editing replaces, never duplicates");
    assert_eq!(saved[0].id, e.id);
    assert_eq!(saved[0].at, e.at);
    assert!(saved[0].body.contains("Again."), "{}", saved[0].body);
    press(&mut app, &[ch('d')]);
    assert!(app.store().entries(None).unwrap().is_empty());
    press(&mut app, &[ch('t')]);
    assert_eq!(journal_pane(&app).list.rows.len(), 1, "the trash lists it");
    press(&mut app, &[enter()]);
    assert_eq!(app.store().entries(None).unwrap().len(), 1);
}

#[test]
fn leaving_an_unsaved_page_keeps_it_and_it_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    {
        let mut app = app_with(Store::open(&path).unwrap(), NOW);
        to_journal(&mut app);
        press(&mut app, &[ch('n')]);
        typed(&mut app, "half a page");
        press(&mut app, &[esc(), esc()]);
        assert_eq!(journal_pane(&app).view, View::List);
        assert!(text(&app, 80, 24).contains("An unsaved page is waiting"));
        assert!(
            !app.autosave(),
            "the draft is kept without a word on screen"
        );
    }
    let mut app = app_with(Store::open(&path).unwrap(), NOW);
    to_journal(&mut app);
    press(&mut app, &[ch('n')]);
    assert_eq!(
        journal_pane(&app).page.as_ref().unwrap().body.lines(),
        ["half a page"]
    );
}

/// Saves a check-in through the form, as a person would.
fn check_in(app: &mut App, mood: char) {
    press(app, &[ch(mood), ctrl('s')]);
}

#[test]
fn a_low_day_offers_a_letter_quietly_once_a_day() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    let mut store = Store::open(&path).unwrap();
    let l = letter(
        &mut store,
        "2026-11-01T20:00:00+00:00",
        "For a grey day",
        "Dear me, this will pass.",
    );
    let mut app = app_with(store, NOW);
    check_in(&mut app, '4');
    assert!(app.offer.is_none(), "mood 4 is not low enough to offer");
    check_in(&mut app, '3');
    assert_eq!(app.offer.as_ref().map(|e| e.id), Some(l.id));
    let screen = text(&app, 80, 24);
    assert!(
        screen.contains("A letter of yours, “For a grey day”, is here"),
        "{screen}"
    );
    assert_eq!(
        app.mode(),
        Mode::Form,
        "the offer never takes over the keys"
    );
    press(&mut app, &[ch('O')]);
    assert!(app.offer.is_none(), "let rest");
    check_in(&mut app, '2');
    assert!(app.offer.is_none(), "not twice on the same day");
    drop(app);
    // A later start the same day offers nothing; the next low day offers again.
    let app = app_with(Store::open(&path).unwrap(), NOW);
    assert!(app.offer.is_none());
    let mut app = app_with(Store::open(&path).unwrap(), "2026-11-30T09:00:00+00:00");
    assert!(app.offer.is_none(), "no check-in yet today");
    check_in(&mut app, '3');
    assert!(app.offer.is_some());
    press(&mut app, &[ch('o')]);
    assert_eq!(app.pane_id(), Pane::Journal);
    let page = journal_pane(&app).page.as_ref().unwrap();
    assert_eq!(page.body.lines(), ["Dear me, this will pass."]);
    assert_eq!(app.mode(), Mode::JournalPage, "opened to read, not typing");
    assert!(page.reading);
    // Enter and typing don't change it; they say how to.
    press(&mut app, &[enter()]);
    typed(&mut app, "x");
    assert_eq!(app.mode(), Mode::JournalPage);
    assert!(app.line().unwrap().contains("e to change it"));
    // Esc goes back where the person was: the check-in form.
    press(&mut app, &[esc()]);
    assert_eq!(app.pane_id(), Pane::Checkin);
    // Offered again another day, e opens it to change.
    let mut app = app_with(Store::open(&path).unwrap(), "2026-12-01T09:00:00+00:00");
    check_in(&mut app, '2');
    press(&mut app, &[ch('o'), ch('e'), enter()]);
    assert_eq!(app.mode(), Mode::Writing);
    typed(&mut app, " Truly.");
    press(&mut app, &[ctrl('s')]);
    let e = app.store().entry(l.id).unwrap().unwrap();
    assert_eq!(e.body, "Dear me, this will pass. Truly.");
}

#[test]
fn no_letters_means_no_offer() {
    let mut app = app();
    check_in(&mut app, '1');
    assert!(app.offer.is_none());
}

#[test]
fn a_break_records_mood_before_and_after_and_each_line() {
    let mut app = app();
    press(&mut app, &[ch('b')]);
    assert_eq!(app.mode(), Mode::BreakMood);
    press(&mut app, &[enter()]);
    assert!(app.notice.as_deref().unwrap().contains("First, a number"));
    press(&mut app, &[ch('3'), enter()]);
    assert_eq!(app.mode(), Mode::BreakText);
    typed(&mut app, "This is hard.");
    press(&mut app, &[enter(), enter()]);
    typed(&mut app, "May I be kind to myself.");
    press(&mut app, &[esc(), esc()]);
    press(&mut app, &[enter(), enter(), enter()]);
    press(&mut app, &[ch('6'), enter()]);
    assert!(checkin_pane(&app).pause.is_none());
    let breaks = app.store().breaks_between(None, None).unwrap();
    assert_eq!(breaks.len(), 1);
    let b = &breaks[0];
    assert_eq!(b.mood_before.get(), 3);
    assert_eq!(b.mood_after.map(|m| m.get()), Some(6));
    assert_eq!(b.moment.as_deref(), Some("This is hard."));
    assert_eq!(b.shared, None, "a skipped step stays empty");
    assert_eq!(
        b.wish.as_deref(),
        Some("May I be kind to myself."),
        "stepping back lost nothing"
    );
}

#[test]
fn esc_at_the_start_leaves_the_break_without_saving() {
    let mut app = app();
    press(&mut app, &[ch('b'), ch('4'), esc()]);
    assert!(checkin_pane(&app).pause.is_none());
    assert!(app.store().breaks_between(None, None).unwrap().is_empty());
    assert_eq!(app.mode(), Mode::Form);
}

fn searchable() -> App {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_checkin(
            &checkin(
                "2026-11-27T09:00:00+00:00",
                5,
                "calm",
                Some("Walked by the river at dawn."),
            ),
            None,
        )
        .unwrap();
    let mut t = kindly::domain::Thought::new(
        at("2026-11-28T09:00:00+00:00"),
        "I'll never be good at the river swim",
    )
    .unwrap();
    t.reframe = Some("I'm learning, stroke by stroke.".into());
    store.save_thought(&t, None).unwrap();
    letter(
        &mut store,
        "2026-11-29T08:00:00+00:00",
        "By the river",
        "Dear me, remember the river café.",
    );
    app_with(store, NOW)
}

#[test]
fn slash_searches_everything_and_enter_opens_the_record_in_its_pane() {
    let mut app = searchable();
    press(&mut app, &[ch('/')]);
    assert_eq!(app.mode(), Mode::Search);
    typed(&mut app, "river");
    let kinds: Vec<RecordKind> = app
        .search
        .as_ref()
        .unwrap()
        .results
        .iter()
        .map(|f| f.kind)
        .collect();
    assert_eq!(
        kinds,
        [RecordKind::Entry, RecordKind::Thought, RecordKind::CheckIn]
    );
    press(&mut app, &[key(KeyCode::Down), enter()]);
    assert!(app.search.is_none());
    assert_eq!(app.pane_id(), Pane::Critic);
    assert_eq!(
        critic_pane(&app).view,
        kindly::tui::panes::critic::View::Detail
    );
    press(&mut app, &[ch('/')]);
    typed(&mut app, "dawn");
    press(&mut app, &[enter()]);
    assert_eq!(app.pane_id(), Pane::Checkin);
    assert_eq!(app.mode(), Mode::History);
    assert_eq!(checkin_pane(&app).day.to_string(), "2026-11-27");
}

#[test]
fn q_in_the_search_box_is_text_and_a_bad_query_is_said_gently() {
    let mut app = searchable();
    press(&mut app, &[ch('/')]);
    typed(&mut app, "q \"river");
    assert!(!app.should_quit);
    let s = app.search.as_ref().unwrap();
    assert!(
        s.problem
            .as_deref()
            .unwrap()
            .contains("quote that isn't closed"),
        "{:?}",
        s.problem
    );
    press(&mut app, &[esc()]);
    assert!(app.search.is_none());
}

#[test]
fn snapshot_journal_list_and_a_long_letter() {
    let mut store = Store::open_in_memory().unwrap();
    let long = "You have been carrying a lot this autumn, and you kept going anyway. ".repeat(40);
    let mut letter = Entry::new(
        at("2026-11-20T20:00:00+00:00"),
        EntryKind::Letter,
        &format!("Dear me,\n\n{long}\n\nWith love, me"),
    )
    .unwrap();
    letter.title = Some("On a long week".into());
    // A fixed id: the page's frame shows its short form.
    letter.id = uuid::Uuid::from_u128(0x15107e2e_1c3a_4b2f_9d7e_2b1f0a9c3d4e);
    store.save_entry(&letter, None).unwrap();
    let mut journal = Entry::new(
        at("2026-11-28T07:30:00+00:00"),
        EntryKind::Journal,
        "Morning pages. Slept badly 😴 but the tea was good.",
    )
    .unwrap();
    journal.tags = kindly::domain::parse_label_list("tags", "sleep,tea").unwrap();
    store.save_entry(&journal, None).unwrap();
    let mut app = app_with(store, NOW);
    to_journal(&mut app);
    insta::assert_snapshot!("journal_list_80x24", screen(&app, 80, 24));
    press(&mut app, &[ch('j'), enter(), enter()]);
    insta::assert_snapshot!("journal_long_letter_80x24", screen(&app, 80, 24));
}

#[test]
fn snapshot_each_break_step() {
    let mut app = app();
    press(&mut app, &[ch('b'), ch('3')]);
    insta::assert_snapshot!("break_1_before_80x24", screen(&app, 80, 24));
    press(&mut app, &[enter()]);
    typed(&mut app, "This is a hard moment.");
    insta::assert_snapshot!("break_2_notice_80x24", screen(&app, 80, 24));
    press(&mut app, &[enter()]);
    typed(&mut app, "Lots of people feel like this.");
    insta::assert_snapshot!("break_3_shared_80x24", screen(&app, 80, 24));
    press(&mut app, &[enter()]);
    typed(&mut app, "May I be gentle with myself.");
    insta::assert_snapshot!("break_4_wish_80x24", screen(&app, 80, 24));
    press(&mut app, &[enter(), ch('5')]);
    insta::assert_snapshot!("break_5_after_80x24", screen(&app, 80, 24));
}

#[test]
fn snapshot_search_results() {
    let mut app = searchable();
    press(&mut app, &[ch('/')]);
    typed(&mut app, "river");
    insta::assert_snapshot!("search_results_80x24", screen(&app, 80, 24));
}

#[test]
fn a_letter_starts_from_a_chosen_prompt_and_a_kept_line_joins_the_deck() {
    let (mut app, _) = journal_with_a_reframe();
    // The deck's one line shows above the list.
    assert!(
        text(&app, 80, 24).contains("“I'm learning, slowly and for real.”"),
        "{}",
        text(&app, 80, 24)
    );
    press(&mut app, &[ch('l')]);
    insta::assert_snapshot!("letter_prompts_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("letter_prompts_40x12", screen(&app, 40, 12));
    press(&mut app, &[ch('j'), ch('j'), enter()]);
    assert!(text(&app, 80, 24).contains("Write as a warm, steady parent"));
    typed(&mut app, "Little one,");
    press(&mut app, &[enter()]);
    typed(&mut app, "You were never too much.");
    press(&mut app, &[esc(), ch('K')]);
    assert!(text(&app, 80, 24).contains("1 line kept for your deck"));
    press(&mut app, &[ctrl('s')]);
    let e = &app.store().entries(None).unwrap()[0];
    assert_eq!(e.prompt.as_deref(), Some("loving-parent"));
    assert_eq!(e.kept_lines, ["You were never too much."]);
    let deck: Vec<String> = app
        .store()
        .deck()
        .unwrap()
        .into_iter()
        .map(|l| l.text)
        .collect();
    assert!(
        deck.contains(&"You were never too much.".to_string()),
        "{deck:?}"
    );
}

#[test]
fn x_takes_the_kind_line_out_of_the_deck() {
    let (mut app, t) = journal_with_a_reframe();
    press(&mut app, &[ch('x')]);
    assert!(text(&app, 80, 24).contains("Taken out of your deck"));
    assert!(!text(&app, 80, 24).contains("“I'm learning"));
    assert!(app.store().deck().unwrap().is_empty());
    assert_eq!(
        app.store().thoughts(&Default::default()).unwrap()[0].reframe,
        t.reframe
    );
}

/// The Journal pane on a journal whose deck holds one kinder answer.
fn journal_with_a_reframe() -> (App, kindly::domain::Thought) {
    let mut store = Store::open_in_memory().unwrap();
    let mut t =
        kindly::domain::Thought::new(at("2026-11-01T09:00:00+00:00"), "I'm useless").unwrap();
    t.reframe = Some("I'm learning, slowly and for real.".into());
    store.save_thought(&t, None).unwrap();
    let mut app = app_with(store, NOW);
    to_journal(&mut app);
    (app, t)
}

#[test]
fn a_paste_with_carriage_returns_keeps_its_paragraphs() {
    use ratatui::crossterm::event::Event;
    let mut app = app();
    to_journal(&mut app);
    press(&mut app, &[ch('n')]);
    assert_eq!(app.mode(), Mode::Writing);
    // Terminals send a paste's line ends as CR; Windows text brings CRLF.
    app.handle_event(&Event::Paste(
        "A slow morning.\r\rThen a walk.\r\nThen rain.".into(),
    ));
    let screen = text(&app, 80, 24);
    let row = |words: &str| {
        screen
            .lines()
            .position(|l| l.contains(words))
            .unwrap_or_else(|| panic!("{words} not on screen:\n{screen}"))
    };
    assert_eq!(row("Then a walk.") - row("A slow morning."), 2, "{screen}");
    assert_eq!(row("Then rain.") - row("Then a walk."), 1, "{screen}");
    assert!(!screen.contains('␍'), "{screen}");
    // A one-line field takes the paste as one line.
    press(&mut app, &[esc(), ch('k'), ch('k'), enter()]);
    app.handle_event(&Event::Paste("For\r\nTuesday".into()));
    press(&mut app, &[ctrl('s')]);
    let saved = app.store().entries(None).unwrap();
    assert_eq!(saved[0].body, "A slow morning.\n\nThen a walk.\nThen rain.");
    assert_eq!(saved[0].title.as_deref(), Some("For Tuesday"));
}

#[test]
fn k_keeps_the_whole_line_the_cursor_is_on_and_marks_it_where_it_shows() {
    let mut app = app();
    to_journal(&mut app);
    press(&mut app, &[ch('n')]);
    typed(
        &mut app,
        "A first line long enough that soft wrap gives it two rows or more in this window.",
    );
    press(&mut app, &[enter()]);
    typed(&mut app, "Rest is allowed.");
    press(&mut app, &[enter()]);
    typed(&mut app, "Last line.");
    // Up while writing moves the cursor; K, once writing stops, keeps that line only.
    press(&mut app, &[key(KeyCode::Up), esc(), ch('K')]);
    assert!(
        app.line().unwrap().contains("“Rest is allowed.”"),
        "the notice says exactly what was kept: {:?}",
        app.line()
    );
    let rows: Vec<String> = plain(&app, 80, 24).lines().map(String::from).collect();
    let row = |needle: &str| rows.iter().find(|r| r.contains(needle)).unwrap().clone();
    assert!(row("Rest is allowed.").contains("✓"), "{rows:#?}");
    assert!(!row("Last line.").contains("✓"), "{rows:#?}");
    assert!(!row("A first line long").contains("✓"), "{rows:#?}");
    insta::assert_snapshot!("kept_line_marked_80x24", screen(&app, 80, 24));
    // The wrapped line, kept, is marked on each of its rows.
    press(
        &mut app,
        &[enter(), key(KeyCode::Up), key(KeyCode::Up), esc(), ch('K')],
    );
    let rows: Vec<String> = plain(&app, 40, 12).lines().map(String::from).collect();
    let marked = rows
        .iter()
        .filter(|r| r.contains('✓') && !r.contains("kept for your deck"))
        .count();
    assert!(
        marked >= 3,
        "each row of the first line and the second: {rows:#?}"
    );
    press(&mut app, &[ctrl('s')]);
    let e = &app.store().entries(None).unwrap()[0];
    assert_eq!(
        e.kept_lines,
        [
            "Rest is allowed.",
            "A first line long enough that soft wrap gives it two rows or more in this window."
        ]
    );
}
