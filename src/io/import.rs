//! The one import driver: every format's reader turns a whole file into kindly records
//! (plus a report of what it passed over), and every record is checked before anything is
//! written; the caller then saves the lot in one transaction.

use std::collections::BTreeMap;

pub use super::daylio::{DAYLIO_MOODS, parse_mood_map};
use super::source::Parsed;
use super::{daylio, jrnl, kindly_json};
use crate::domain::{InvalidInput, Mood};

/// The formats kindly reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// kindly's own JSON export.
    Kindly,
    /// A Daylio CSV export.
    Daylio,
    /// `jrnl --export json`.
    Jrnl,
}

/// What a reader may be told besides the file.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Numbers for mood labels a file uses, beyond the format's own.
    pub mood_map: BTreeMap<String, Mood>,
}

/// Reads a whole file in `format`; `name` is how complaints refer to it.
pub fn read(
    format: Format,
    name: &str,
    bytes: &[u8],
    options: &Options,
) -> Result<Parsed, InvalidInput> {
    let text = || {
        std::str::from_utf8(bytes).map_err(|e| {
            InvalidInput::new(
                "import",
                format!(
                    "{name} isn't text (stopped at byte {}); nothing was imported",
                    e.valid_up_to()
                ),
            )
        })
    };
    match format {
        Format::Kindly => kindly_json::read(text()?),
        Format::Jrnl => jrnl::read(text()?),
        Format::Daylio => daylio::read(bytes, &options.mood_map),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_formats_refuse_bytes_that_are_not_text() {
        let err = read(Format::Jrnl, "x.json", b"{\xff}", &Options::default()).unwrap_err();
        assert!(err.to_string().contains("x.json isn't text"), "{err}");
    }
}
