//! Other windows on the same journal: noticing, when this window wakes, that the journal
//! changed under it; and taking up drafts that ended windows left, one at a time, each
//! with a line saying what it is and when it was written.

use chrono::{DateTime, FixedOffset, Local};

use super::App;
use super::autosave::keep_aside;
use crate::tui::pane::PaneId;

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

    /// Takes up the pane's draft: this window's own, or the oldest one an ended window
    /// left. Returns the line saying what came back and when it was written (and whether
    /// more wait), if there is one to say.
    pub(super) fn take_up_drafts(
        &mut self,
        id: PaneId,
        now: DateTime<FixedOffset>,
    ) -> crate::store::Result<Option<String>> {
        let Some(pane) = self.panes.drafts_mut(id) else {
            return Ok(None);
        };
        let recovered = pane.recover(&mut self.store)?;
        let mut line = None;
        if let (Some(said), Some(slot)) = (recovered.notice, recovered.slots.first()) {
            let written = self.store.draft_written(slot)?;
            let more = self.store.drafts_left(slot)? > 0;
            line = Some(with_when(&said, written, now, more));
        }
        self.autosave.hold(recovered.slots);
        // A draft from another version is never a reason not to open, nor lost.
        for (slot, raw) in recovered.unreadable {
            // Short enough for two lines at 40 columns; the folder sits beside the journal.
            line = Some(match keep_aside(self.store.path(), self.store.key(), slot, &raw) {
                Some(_) => {
                    "A draft kindly couldn't read is kept, word for word, in kindly-kept-aside/."
                        .into()
                }
                None => "A draft kindly couldn't read is still in the journal, untouched.".into(),
            });
        }
        Ok(line)
    }

    /// Once the pane's form is saved or let go, the next draft an ended window left for it
    /// comes back, said after what the save said.
    pub(super) fn take_up_next(&mut self, id: PaneId) {
        let Some(pane) = self.panes.drafts(id) else {
            return;
        };
        let drafts = pane.drafts();
        if drafts.iter().any(|d| !d.blank)
            || !drafts
                .iter()
                .any(|d| self.store.drafts_left(d.slot).unwrap_or(0) > 0)
        {
            return;
        }
        let now = (self.clock)();
        match self.take_up_drafts(id, now) {
            Ok(Some(line)) => {
                self.notice = Some(match self.notice.take() {
                    Some(said) => format!("{said} {line}"),
                    None => line,
                });
            }
            Ok(None) => {}
            Err(e) => {
                self.notice = Some(format!("A waiting draft couldn't be read just now ({e})."));
            }
        }
    }
}

/// "Your unsaved check-in is back, just as you left it." with when it was written, and a
/// word when more wait.
fn with_when(
    said: &str,
    written: Option<chrono::DateTime<chrono::Utc>>,
    now: DateTime<FixedOffset>,
    more: bool,
) -> String {
    let mut line = said.trim_end_matches('.').to_string();
    if let Some(at) = written {
        let at = at.with_timezone(&Local).fixed_offset();
        let when = if at.date_naive() == now.date_naive() {
            at.format(" at %H:%M today.").to_string()
        } else {
            at.format(" on %a %-d %b at %H:%M.").to_string()
        };
        line.push_str(&when);
    } else {
        line.push('.');
    }
    if more {
        line.push_str(" One more waits.");
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_says_when_the_draft_was_written() {
        let now = DateTime::parse_from_rfc3339("2026-11-29T10:30:00+00:00").unwrap();
        let written = "2026-11-27T08:05:00Z".parse().unwrap();
        let line = with_when("Your check-in is back.", Some(written), now, true);
        assert!(line.starts_with("Your check-in is back on "), "{line}");
        assert!(line.contains("Nov at"), "{line}");
        assert!(line.ends_with("One more waits."), "{line}");
    }
}
