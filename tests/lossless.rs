//! A property: whatever a person does (save, edit, trash, leave words half-typed) and
//! however the window ends (killed after the last autosave, or closed), kindly never loses
//! an acknowledged write or a draft's text. The TUI is driven by keys on a real journal file,
//! and compared with a plain model of what the person did.

use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode;

mod common;
use common::{TestJournal, app_with, ch, checkin_pane, ctrl, focus, key, press, typed};
use kindly::store::Store;
use kindly::tui::App;
use kindly::tui::panes::checkin::{Field, Focus};

#[derive(Debug, Clone)]
enum Step {
    /// Type a note and save it (Ctrl-S).
    Save,
    /// Open today's newest check-in, add to its note, save.
    Edit,
    /// Move today's newest check-in to the trash.
    Trash,
    /// Type a few words and let autosave keep them as a draft, unsaved.
    Draft,
    /// The window is killed: nothing after the last autosave survives, by design.
    Kill,
    /// The window is closed: drafts are written on the way out.
    Close,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => Just(Step::Save),
        2 => Just(Step::Edit),
        1 => Just(Step::Trash),
        3 => Just(Step::Draft),
        2 => Just(Step::Kill),
        1 => Just(Step::Close),
    ]
}

/// What the person has done, as they would remember it.
#[derive(Debug, Default)]
struct Model {
    /// Notes of kept check-ins, in the order they were first saved.
    kept: Vec<String>,
    trashed: Vec<String>,
    /// The words in the form now, and the last draft kindly acknowledged keeping.
    form: String,
    draft: Option<String>,
}

fn open(j: &TestJournal) -> App {
    app_with(Store::open(&j.db).unwrap(), common::NOW)
}

fn write_in_note(app: &mut App, words: &str) {
    focus(app, Focus::Field(Field::Note));
    press(app, &[key(KeyCode::Enter), key(KeyCode::End)]);
    typed(app, words);
    press(app, &[key(KeyCode::Esc)]);
}

/// The journal and the reopened form agree with the model.
fn agrees(j: &TestJournal, app: &App, model: &Model) {
    let store = Store::open(&j.db).unwrap();
    let mut kept: Vec<String> = store
        .checkins_between(None, None)
        .unwrap()
        .iter()
        .map(|c| c.note.clone().unwrap_or_default())
        .collect();
    let mut want = model.kept.clone();
    kept.sort();
    want.sort();
    assert_eq!(
        kept, want,
        "every acknowledged save is there, and only those"
    );
    let mut trashed: Vec<String> = store
        .trashed_checkins()
        .unwrap()
        .iter()
        .map(|c| c.note.clone().unwrap_or_default())
        .collect();
    let mut want = model.trashed.clone();
    trashed.sort();
    want.sort();
    assert_eq!(trashed, want, "the trash holds what was trashed");
    let form = checkin_pane(app).note.lines().join("\n");
    assert_eq!(form, model.form, "the words in progress came back");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]
    #[test]
    fn no_acknowledged_write_or_draft_is_ever_lost(steps in prop::collection::vec(step(), 1..24)) {
        let j = TestJournal::new();
        let mut app = open(&j);
        let mut model = Model::default();
        for (k, step) in steps.iter().enumerate() {
            match step {
                Step::Save => {
                    let words = format!(" note-{k}");
                    write_in_note(&mut app, &words);
                    press(&mut app, &[ch('5'), ctrl('s')]);
                    let said = app.notice.clone().unwrap_or_default();
                    prop_assert!(said.contains("Saved") || said.contains("saved"), "{said}");
                    model.form.push_str(&words);
                    model.kept.push(std::mem::take(&mut model.form));
                    model.draft = None;
                }
                Step::Edit => {
                    if model.kept.is_empty() {
                        continue;
                    }
                    focus(&mut app, Focus::History);
                    press(&mut app, &[key(KeyCode::Enter)]);
                    if !model.form.is_empty() {
                        // Opening another check-in never puts it over unsaved words.
                        let said = app.notice.clone().unwrap_or_default();
                        prop_assert!(said.contains("not saved yet"), "{said}");
                        focus(&mut app, Focus::Field(Field::Note));
                        continue;
                    }
                    let words = format!(" edit-{k}");
                    write_in_note(&mut app, &words);
                    press(&mut app, &[ctrl('s')]);
                    let said = app.notice.clone().unwrap_or_default();
                    prop_assert!(said.contains("saved"), "{said}");
                    if let Some(last) = model.kept.last_mut() {
                        last.push_str(&words);
                    }
                    model.draft = None;
                }
                Step::Trash => {
                    if model.kept.is_empty() {
                        continue;
                    }
                    focus(&mut app, Focus::History);
                    press(&mut app, &[ch('d')]);
                    let said = app.notice.clone().unwrap_or_default();
                    prop_assert!(said.contains("trash"), "{said}");
                    if let Some(note) = model.kept.pop() {
                        model.trashed.push(note);
                    }
                    focus(&mut app, Focus::Field(Field::Note));
                }
                Step::Draft => {
                    let words = format!(" draft-{k}");
                    write_in_note(&mut app, &words);
                    prop_assert!(!app.autosave(), "the draft is kept quietly");
                    model.form.push_str(&words);
                    model.draft = Some(model.form.clone());
                }
                Step::Kill => {
                    drop(app);
                    app = open(&j);
                    model.form = model.draft.clone().unwrap_or_default();
                    agrees(&j, &app, &model);
                }
                Step::Close => {
                    app.keep_drafts().unwrap();
                    drop(app);
                    app = open(&j);
                    model.draft = (!model.form.is_empty()).then(|| model.form.clone());
                    agrees(&j, &app, &model);
                }
            }
        }
        app.keep_drafts().unwrap();
        drop(app);
        let app = open(&j);
        agrees(&j, &app, &model);
    }
}
