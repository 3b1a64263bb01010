//! Other windows on the same journal: noticing, when this window wakes, that the journal
//! changed under it, and reading what it shows again without touching what is typed.

use super::App;

impl App {
    /// Reads the pane showing again when another window, a command or an exchange wrote to
    /// the journal since this window last looked (the panes not showing read it on arrival).
    /// Lists and figures change; forms and pages being written are never touched. Returns
    /// whether the screen may have changed.
    pub fn look_for_changes(&mut self) -> bool {
        let Ok(now) = self.store.data_version() else {
            return false;
        };
        if std::mem::replace(&mut self.seen_version, now) == now {
            return false;
        }
        self.refresh(self.active);
        true
    }
}
