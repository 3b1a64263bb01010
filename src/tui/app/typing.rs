//! Letters typed where no text field is open, and the line kept under the pane while a
//! way back from the trash holds: nothing typed acts unseen or vanishes unexplained.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::App;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;

impl App {
    /// A letter typed where no text field is open and no key answers it: the pane takes it
    /// up, or a line says how to write here. Never silently lost.
    pub(super) fn typed(&mut self, c: char, mode: Mode) -> bool {
        if matches!(mode, Mode::Help | Mode::Search | Mode::SessionNote) {
            return false;
        }
        let taken = match mode {
            Mode::Session => None,
            _ => self.current_mut().typed(c),
        };
        match taken {
            Some(outcome) => {
                self.notice = None;
                self.act_on(outcome);
            }
            None => match crate::tui::typed::how_to_write(mode) {
                Some(line) => self.notice = Some(line.into()),
                None => return false,
            },
        }
        true
    }

    /// Shows the pane a key before it is answered, so a word begun with a letter that is
    /// also a key can be taken up as words; returns whether the pane answered it itself.
    pub(super) fn word_key(&mut self, key: &KeyEvent, action: Option<Action>) -> bool {
        let typed = match key.code {
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(c)
            }
            _ => None,
        };
        // Help, search and the session list have the keys while they are open.
        if self.mode() != self.current().mode() {
            return false;
        }
        // The offered letter's keys do nothing while no letter is offered.
        let does_something = action.filter(|a| {
            self.offer.is_some() || !matches!(a, Action::OpenOffer | Action::DismissOffer)
        });
        match self.current_mut().word_key(typed, does_something) {
            Some(outcome) => {
                self.notice = None;
                self.act_on(outcome);
                true
            }
            None => false,
        }
    }

    /// The line under the pane: what the last action said, or else what stays said while
    /// it holds (that `u` brings back what went to the trash here).
    pub fn line(&self) -> Option<&str> {
        self.notice.as_deref().or_else(|| {
            matches!(
                self.mode(),
                Mode::History | Mode::CriticList | Mode::JournalList
            )
            .then(|| self.panes.records(self.active)?.undo_line())
            .flatten()
        })
    }
}
