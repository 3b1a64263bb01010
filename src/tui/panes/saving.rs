//! Saving a record from a pane: an edit carries the version it started from, so a save
//! that finds the record changed by another window merges with it instead of writing over
//! it, and says so in one line.

use crate::store::{Result, Store, Whole};
use crate::sync::over::{Over, save_over};

/// Saves `mine` (an edit of `base`, or a new record when there is none) and clears this
/// window's draft in `slot`. Returns what to say besides the usual thanks, when the record
/// had changed in another window meanwhile.
pub fn save(
    store: &mut Store,
    base: Option<Whole>,
    mine: Whole,
    slot: &str,
) -> Result<Option<&'static str>> {
    let over = save_over(store, base.as_ref(), &mine, Some(slot))?;
    Ok(said(&over))
}

fn said(over: &Over) -> Option<&'static str> {
    match (over.merged, over.kept.is_empty()) {
        (false, _) => None,
        (true, true) => Some("Another window's changes to it are kept too."),
        (true, false) => Some(
            "Another window changed the same words; its version is kept as a copy in the trash (t).",
        ),
    }
}

/// "Your changes are saved.", with what the merge adds.
pub fn changes_saved(also: Option<&str>) -> String {
    match also {
        Some(more) => format!("Your changes are saved. {more}"),
        None => "Your changes are saved.".into(),
    }
}
