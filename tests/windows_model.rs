//! Two or three windows on one journal, driven at random against a model: saves, edits of
//! the same check-in, drafts, kills and quits. No word kindly acknowledged (saved, or kept
//! as a draft) is ever lost, and no record is ever doubled.

mod common;

use std::collections::BTreeSet;

use common::*;
use kindly::store::Store;
use kindly::tui::App;
use kindly::tui::panes::checkin::{Field, Focus};
use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode;

#[derive(Debug, Clone, Copy)]
enum Do {
    /// Open the window if it is closed: it may take up a draft an ended window left.
    Open,
    /// Type a word into the check-in note.
    Type,
    /// Autosave: the words in the form are kept as the window's draft.
    Autosave,
    /// Pick a mood and save the form (new, or an edit).
    Save,
    /// Open today's newest saved check-in to change it (only with an empty form).
    Edit,
    /// The window wakes and reads what other windows saved.
    Wake,
    /// The window is killed: what came after its last autosave is gone, by design.
    Kill,
    /// The window is closed: its drafts are written on the way out.
    Quit,
}

fn act() -> impl Strategy<Value = Do> {
    prop_oneof![
        2 => Just(Do::Open),
        4 => Just(Do::Type),
        2 => Just(Do::Autosave),
        3 => Just(Do::Save),
        2 => Just(Do::Edit),
        1 => Just(Do::Wake),
        1 => Just(Do::Kill),
        1 => Just(Do::Quit),
    ]
}

fn words_in(text: &str) -> BTreeSet<String> {
    text.split_whitespace()
        .filter(|w| w.starts_with('w'))
        .map(String::from)
        .collect()
}

fn form(app: &App) -> String {
    checkin_pane(app).note.lines().join("\n")
}

/// Every word somewhere in the journal: in kept check-ins (counted), in the trash, or in
/// a waiting draft.
fn journal_words(j: &TestJournal) -> (Vec<String>, BTreeSet<String>) {
    let store = Store::open(&j.db).unwrap();
    let kept: Vec<String> = store
        .checkins_between(None, None)
        .unwrap()
        .iter()
        .flat_map(|c| words_in(c.note.as_deref().unwrap_or_default()))
        .collect();
    let mut elsewhere: BTreeSet<String> = store
        .trashed_checkins()
        .unwrap()
        .iter()
        .flat_map(|c| words_in(c.note.as_deref().unwrap_or_default()))
        .collect();
    drop(store);
    for d in draft_bodies(&j.db) {
        let draft: serde_json::Value = serde_json::from_str(&d).unwrap();
        elsewhere.extend(words_in(draft["note"].as_str().unwrap_or_default()));
    }
    (kept, elsewhere)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, .. ProptestConfig::default() })]
    #[test]
    fn no_acknowledged_word_is_lost_and_no_record_doubled(
        windows in 2usize..=3,
        steps in prop::collection::vec((0usize..3, act()), 1..40),
    ) {
        let j = TestJournal::new();
        let mut open: Vec<Option<App>> = (0..windows).map(|_| None).collect();
        // Words kindly acknowledged: saved, or kept as a draft.
        let mut acked: BTreeSet<String> = BTreeSet::new();
        for (k, (w, what)) in steps.iter().enumerate() {
            let w = w % windows;
            match what {
                Do::Open => {
                    if open[w].is_none() {
                        open[w] = Some(app_with(Store::open(&j.db).unwrap(), NOW));
                    }
                }
                Do::Kill => open[w] = None,
                Do::Quit => {
                    if let Some(mut app) = open[w].take() {
                        app.keep_drafts().unwrap();
                        acked.extend(words_in(&form(&app)));
                    }
                }
                _ => {
                    let Some(app) = open[w].as_mut() else { continue };
                    match what {
                        Do::Type => {
                            focus(app, Focus::Field(Field::Note));
                            press(app, &[key(KeyCode::Enter), key(KeyCode::End)]);
                            typed(app, &format!(" w{k}"));
                            press(app, &[key(KeyCode::Esc)]);
                        }
                        Do::Autosave => {
                            prop_assert!(!app.autosave(), "{:?}", app.notice);
                            acked.extend(words_in(&form(app)));
                        }
                        Do::Save => {
                            let before = words_in(&form(app));
                            // Typing ends with Esc already; another would leave an edit as it was.
                            press(app, &[ch('5'), ctrl('s')]);
                            let said = app.notice.clone().unwrap_or_default();
                            prop_assert!(said.contains("aved"), "{said}");
                            acked.extend(before);
                        }
                        Do::Edit => {
                            let pane = checkin_pane(app);
                            if !form(app).is_empty() || pane.editing.is_some() || pane.list.is_empty() {
                                continue;
                            }
                            focus(app, Focus::History);
                            press(app, &[key(KeyCode::Enter)]);
                            focus(app, Focus::Field(Field::Note));
                        }
                        Do::Wake => {
                            app.look_for_changes();
                        }
                        _ => {}
                    }
                }
            }
            // No two open windows ever show the same words in their forms.
            let mut seen: BTreeSet<String> = BTreeSet::new();
            let saved: BTreeSet<String> = journal_words(&j).0.into_iter().collect();
            for app in open.iter().flatten() {
                let editing = checkin_pane(app).editing.is_some();
                for word in words_in(&form(app)) {
                    // A saved check-in opened in two windows shows its words in both.
                    if editing && saved.contains(&word) {
                        continue;
                    }
                    prop_assert!(seen.insert(word.clone()), "{word} is in two windows' forms");
                }
            }
        }
        for app in open.iter_mut().flatten() {
            app.keep_drafts().unwrap();
            acked.extend(words_in(&form(app)));
        }
        drop(open);
        let (kept, elsewhere) = journal_words(&j);
        let mut counted: BTreeSet<String> = BTreeSet::new();
        for word in &kept {
            prop_assert!(counted.insert(word.clone()), "{word} is saved twice");
        }
        for word in &acked {
            prop_assert!(
                counted.contains(word) || elsewhere.contains(word),
                "{word} was acknowledged and is gone"
            );
        }
    }
}
