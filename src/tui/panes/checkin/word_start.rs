//! Words begun with a letter that is also a key on the form's rows: `h` in "had a good day"
//! lowers the mood for one key, then hands its letter to the note and the mood back.

use super::form::{Rows, WordStart};
use super::{CheckinPane, Field, Focus};
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::pane::{Outcome, Pane};

impl CheckinPane {
    fn rows(&self) -> Rows {
        Rows {
            mood: self.mood,
            energy: self.energy,
            parts: self.parts,
            emotions: self.emotions.clone(),
            rituals: self.rituals.clone(),
            focus: self.focus,
            values: self.values.clone(),
        }
    }

    fn put_back(&mut self, rows: Rows) {
        self.mood = rows.mood;
        self.energy = rows.energy;
        self.parts = rows.parts;
        self.emotions = rows.emotions;
        self.rituals = rows.rituals;
        self.focus = rows.focus;
        self.values = rows.values;
    }

    /// Every key pressed on the pane, before it is answered (`typed` is a plain character,
    /// `action` what the keymap asks for, if it would do anything here). A letter that
    /// nudged a scale, moved the focus or cleared a row, followed at once by one that would
    /// start the note, began a word: the rows go back as they were and the note starts
    /// with both. Keys that mean something after such a letter (h/j/k/l, digits, b) act.
    pub(super) fn word_key(
        &mut self,
        typed: Option<char>,
        action: Option<Action>,
    ) -> Option<Outcome> {
        let begun = self.word.take();
        let (Some(c), Mode::Form, Focus::Field(field)) = (typed, Pane::mode(self), self.focus)
        else {
            return None;
        };
        if let Some(w) = begun.filter(|w| w.after.as_ref() == Some(&self.rows())) {
            // "i am": a space after the letter keeps the word open for one more key.
            if c == ' ' && !w.letters.ends_with(' ') {
                self.word = Some(WordStart {
                    letters: format!("{} ", w.letters),
                    after: None,
                    ..w
                });
                return None;
            }
            let carries_on = !c.is_whitespace()
                && match action {
                    None => true,
                    // `i` writes on the note's row; elsewhere it only steps down a row.
                    Some(Action::Activate) => c.is_alphabetic() && field != Field::Note,
                    Some(_) => false,
                };
            if carries_on {
                self.put_back(w.before);
                return self.take_typed(&format!("{}{c}", w.letters));
            }
        }
        // A letter whose key does nothing here (`o` with no letter offered) starts the note.
        if action.is_none() && !c.is_whitespace() {
            return self.take_typed(&c.to_string());
        }
        let undoable = matches!(
            action,
            Some(
                Action::Left
                    | Action::Right
                    | Action::FocusNext
                    | Action::FocusPrev
                    | Action::Activate
                    | Action::ClearField
            )
        );
        if c.is_alphabetic() && undoable && field != Field::Note {
            self.word = Some(WordStart {
                letters: c.to_string(),
                before: self.rows(),
                after: None,
            });
        }
        None
    }

    /// After an action: a letter that may have begun a word notes what it did.
    pub(super) fn word_acted(&mut self) {
        let rows = self.rows();
        if let Some(w) = self.word.as_mut().filter(|w| w.after.is_none()) {
            w.after = Some(rows);
        }
    }
}
