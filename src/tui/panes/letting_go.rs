//! Letting a draft go: the unsaved words become a record in the trash, so letting go is
//! never losing. The trash list shows it (`t`), and Enter there brings it back.

use chrono::{DateTime, FixedOffset};

use crate::domain::{Entry, EntryKind};
use crate::store::{RecordKind, Result, Store};

/// What every pane says once a draft is let go.
pub const LET_GO: &str =
    "Let go. It's in the trash if you want it back: t shows the trash, Enter brings it back.";

/// The words of a draft that can't be a record of its own kind (a check-in without a mood,
/// a thought record without its thought), kept as a journal page in the trash.
pub fn as_page_in_trash(
    store: &mut Store,
    now: DateTime<FixedOffset>,
    title: &str,
    words: &[&str],
) -> Result<bool> {
    let body = words
        .iter()
        .map(|w| w.trim())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    let Ok(mut entry) = Entry::new(now, EntryKind::Journal, &body) else {
        return Ok(false);
    };
    entry.title = Some(title.to_string());
    in_trash(
        store,
        RecordKind::Entry,
        |s| s.save_entry(&entry, None),
        entry.id,
    )
}

/// Saves a record with `save`, then moves it to the trash.
pub fn in_trash(
    store: &mut Store,
    kind: RecordKind,
    save: impl FnOnce(&mut Store) -> Result<()>,
    id: uuid::Uuid,
) -> Result<bool> {
    save(store)?;
    store.trash(kind, id)
}
