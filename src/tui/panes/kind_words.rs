//! The person's own deck of kind words, one line of it said after a thanks: shared by
//! every pane that saves something.

use crate::store::{Result, Store};
use crate::tui::widgets::shown;

/// A saved-record notice with one of the person's own kind lines after it, when the deck
/// has one to give (chosen by kindly's clock, never the one shown last).
pub fn with_kind_line(
    notice: &str,
    store: &mut Store,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<String> {
    Ok(match kind_line(store, now)? {
        Some(line) => format!("{notice} {line}"),
        None => notice.to_string(),
    })
}

/// The next line from the person's own deck of kind words, as said after a thanks.
pub fn kind_line(
    store: &mut Store,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Option<String>> {
    let seed = now.timestamp().unsigned_abs() as usize / 60;
    Ok(store.next_kind_line(|n| seed % n)?.map(|line| {
        format!(
            "In your own words: “{}”",
            shown(&line)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        )
    }))
}
