//! Letters typed where no text field is open, and the line kept under the pane while a
//! way back from the trash holds: nothing typed acts unseen or vanishes unexplained.

use super::App;
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
