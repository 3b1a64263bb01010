//! Autosave: notices when unsaved work changed, writes every pane's drafts when due, and
//! clears only the draft slots this window wrote or took up.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use super::pane::DraftOut;
use crate::store::Store;

/// Typed text is written to the draft this long after the first unsaved change.
pub const AUTOSAVE_AFTER: Duration = Duration::from_secs(1);

#[derive(Debug, Default)]
pub struct Autosave {
    /// When the work first changed since it was last saved or autosaved.
    dirty_since: Option<Instant>,
    /// Draft slots this window has written or taken up, and so may clear: another kindly
    /// open on the same journal may be keeping one in a slot this window never touched.
    held: HashSet<&'static str>,
}

impl Autosave {
    /// Takes up slots found holding drafts at start.
    pub fn hold(&mut self, slots: impl IntoIterator<Item = &'static str>) {
        self.held.extend(slots);
    }

    pub fn note_change(&mut self) {
        self.dirty_since.get_or_insert_with(Instant::now);
    }

    /// When the next autosave is due, if anything is waiting to be saved.
    pub fn due(&self) -> Option<Instant> {
        self.dirty_since.map(|t| t + AUTOSAVE_AFTER)
    }

    /// Whether anything changed since the last save, forgetting it.
    pub fn take_dirty(&mut self) -> bool {
        self.dirty_since.take().is_some()
    }

    /// Writes each draft, or clears its slot when the pane is empty again (only a slot
    /// this window holds).
    pub fn keep(&mut self, store: &mut Store, drafts: &[DraftOut]) -> crate::store::Result<()> {
        self.dirty_since = None;
        for d in drafts {
            if !d.blank {
                store.save_draft(d.slot, &d.value)?;
                self.held.insert(d.slot);
            } else if self.held.remove(d.slot) {
                store.clear_draft(d.slot)?;
            }
        }
        Ok(())
    }
}
