//! What every reader of an outside file shares: the records-plus-report it returns, how a
//! problem names its place, stable ids for records from other apps, and local times.

use chrono::{DateTime, FixedOffset, Local, NaiveDateTime, NaiveTime, TimeZone};
use uuid::Uuid;

use crate::domain::{InvalidInput, Journal};

/// What a file held, as kindly records, and what was passed over (with where and why).
#[derive(Debug, Default)]
pub struct Parsed {
    pub journal: Journal,
    pub skipped: Vec<Skipped>,
    /// For a record, the id an earlier kindly gave the same source record, if it differs:
    /// a journal that holds that one keeps it.
    pub aliases: std::collections::HashMap<uuid::Uuid, uuid::Uuid>,
}

/// One record of the file that was not brought in, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub place: String,
    pub why: String,
}

impl From<Journal> for Parsed {
    fn from(journal: Journal) -> Self {
        Self {
            journal,
            ..Self::default()
        }
    }
}

/// A problem with the file being imported: where it is and what is wrong.
pub fn bad(place: impl std::fmt::Display, problem: impl std::fmt::Display) -> InvalidInput {
    InvalidInput::new(
        "import",
        format!("stopped at {place}: {problem}; nothing was imported"),
    )
}

/// Where a JSON file stops making sense, and why, in a person's words.
pub fn json_problem(e: &serde_json::Error) -> InvalidInput {
    if e.is_eof() {
        bad(
            format!("line {}", e.line()),
            "the file ends too soon (is it complete?)",
        )
    } else {
        let text = e.to_string();
        let why = text.split(" at line").next().unwrap_or_default();
        bad(format!("line {}, column {}", e.line(), e.column()), why)
    }
}

/// Ids for records from other apps: the same row always gets the same id, so importing
/// a file twice adds nothing the second time.
const NAMESPACE: Uuid = Uuid::from_u128(0x6b69_6e64_6c79_4000_8000_696d_706f_7274);

pub fn stable_id(parts: &[&str]) -> Uuid {
    Uuid::new_v5(&NAMESPACE, parts.join("\u{1f}").as_bytes())
}

/// A wall-clock time in this machine's zone (the earlier one when the clocks went back).
pub fn local(naive: NaiveDateTime) -> Option<DateTime<FixedOffset>> {
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|d| d.fixed_offset())
}

/// A clock time as apps write it: `21:05`, `9:05 pm`, `9:05PM` or `21:05:30`.
pub fn clock(text: &str) -> Option<NaiveTime> {
    let t = text.trim();
    ["%H:%M", "%I:%M %p", "%I:%M%p", "%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(&t.to_uppercase(), f).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_row_always_gets_the_same_id() {
        assert_eq!(stable_id(&["a", "b"]), stable_id(&["a", "b"]));
        assert_ne!(stable_id(&["a", "b"]), stable_id(&["ab", ""]));
    }

    #[test]
    fn clock_times_in_both_forms() {
        assert_eq!(clock("21:05"), NaiveTime::from_hms_opt(21, 5, 0));
        assert_eq!(clock("9:05 pm"), NaiveTime::from_hms_opt(21, 5, 0));
        assert_eq!(clock("12:30 am"), NaiveTime::from_hms_opt(0, 30, 0));
        assert_eq!(clock("teatime"), None);
    }
}
