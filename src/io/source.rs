//! What every reader of an outside file shares: the records-plus-report it returns, how a
//! problem names its place, stable ids for records from other apps, and local times.

use chrono::{DateTime, FixedOffset, Local, NaiveDateTime, NaiveTime, TimeZone, Timelike};
use chrono_tz::Tz;
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
    /// Records brought in with a change worth telling (a time the clocks skipped, moved
    /// forward; a time they repeated, read as the first), with where and what.
    pub adjusted: Vec<Skipped>,
    /// Links to photos and other media taken out of the text, which kindly doesn't copy.
    pub media_removed: usize,
    /// The person's own lists (only kindly's own export carries them).
    pub personal: crate::domain::PersonalLists,
    /// What a newer kindly wrote that this one doesn't know (fields, kinds of record),
    /// each named and counted, ready to be said.
    pub unknown: Vec<String>,
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

/// Why a file can't be brought in as it is.
#[derive(Debug)]
pub enum Problem {
    /// Something in it is wrong: where, and what.
    Invalid(InvalidInput),
    /// It uses mood labels kindly has no number for (each with how many records use it).
    UnknownMoods(Vec<(String, usize)>),
}

impl From<InvalidInput> for Problem {
    fn from(e: InvalidInput) -> Self {
        Problem::Invalid(e)
    }
}

impl Problem {
    /// The one line a person reads when nobody is there to answer questions.
    pub fn into_invalid(self) -> InvalidInput {
        match self {
            Problem::Invalid(e) => e,
            Problem::UnknownMoods(labels) => unknown_moods_message(&labels),
        }
    }
}

/// How a mood label is written for `--mood-map`, quoted when it must be.
pub fn mood_map_label(label: &str) -> String {
    if label.contains([',', '=', '"']) {
        format!("\"{}\"", label.replace('"', ""))
    } else {
        label.to_string()
    }
}

/// `word` quoted so a shell reads it back exactly, whatever a file's labels hold: in the
/// `usual` quotes when nothing in it is special there, else in single quotes (a `$(...)`
/// in a label must never run when the suggested command is copied).
pub fn shell_word(word: &str, usual: char) -> String {
    let special = |c: char| matches!(c, '\'' | '"' | '$' | '`' | '\\' | '!');
    if !word.contains(special) {
        format!("{usual}{word}{usual}")
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// The words for labels a file uses that kindly has no number for.
pub fn unknown_moods_message(unmapped: &[(String, usize)]) -> InvalidInput {
    let list: Vec<String> = unmapped
        .iter()
        .map(|(l, n)| format!("\"{l}\" ({n} row{})", if *n == 1 { "" } else { "s" }))
        .collect();
    let example: Vec<String> = unmapped
        .iter()
        .map(|(l, _)| format!("{}=N", mood_map_label(l)))
        .collect();
    let example = shell_word(&example.join(","), '"');
    InvalidInput::new(
        "import",
        format!(
            "found mood labels kindly doesn't know: {}; give each a number from 1 to 10 with --mood-map {example}; nothing was imported",
            list.join(", "),
        ),
    )
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

/// The zone a file's wall-clock times are read in, for formats that carry none: this
/// machine's (the default) or one named with `--timezone`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Zone {
    #[default]
    Local,
    Named(Tz),
}

/// How a wall-clock time was placed in its zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placed {
    /// It happened once, as written.
    Exact,
    /// The clocks skipped it; the record is moved forward to the first minute that was.
    Moved(NaiveDateTime),
    /// The clocks went back over it; the first (earlier) of its two moments is taken.
    Earlier,
}

impl Zone {
    /// Reads an IANA zone name such as `Europe/Berlin` (or `UTC`), for `--timezone`.
    pub fn parse(name: &str) -> Result<Self, InvalidInput> {
        let name = name.trim();
        let found = name.parse::<Tz>().ok().or_else(|| {
            // europe/berlin is Europe/Berlin: nobody should have to get the capitals right.
            chrono_tz::TZ_VARIANTS
                .iter()
                .find(|tz| tz.name().eq_ignore_ascii_case(name))
                .copied()
        });
        found.map(Zone::Named).ok_or_else(|| {
            InvalidInput::new(
                "--timezone",
                format!(
                    "'{}' isn't a time zone kindly knows; give an IANA name like Europe/Berlin, America/New_York or UTC",
                    name.trim()
                ),
            )
        })
    }

    /// The zone in a person's words, for reports.
    pub fn describe(&self) -> String {
        match self {
            Zone::Local => "this computer's time zone".into(),
            Zone::Named(tz) => tz.name().to_string(),
        }
    }

    /// The moment a wall-clock time names in this zone. A time the clocks skipped is moved
    /// forward to the first minute that happened; one they repeated takes the earlier offset.
    pub fn place(&self, naive: NaiveDateTime) -> (DateTime<FixedOffset>, Placed) {
        match self {
            Zone::Local => place_in(&Local, naive),
            Zone::Named(tz) => place_in(tz, naive),
        }
    }

    /// Like `place`, and when the time had to be adjusted, a note of it in `adjusted`.
    pub fn place_noting(
        &self,
        naive: NaiveDateTime,
        place: &str,
        adjusted: &mut Vec<Skipped>,
    ) -> DateTime<FixedOffset> {
        let (at, how) = self.place(naive);
        let written = naive.format("%Y-%m-%d %H:%M");
        match how {
            Placed::Exact => {}
            Placed::Moved(to) => adjusted.push(Skipped {
                place: place.to_string(),
                why: format!(
                    "{written} didn't happen in {} (the clocks went forward), so it is at {}",
                    self.describe(),
                    to.format("%H:%M")
                ),
            }),
            Placed::Earlier => adjusted.push(Skipped {
                place: place.to_string(),
                why: format!(
                    "{written} happened twice in {} (the clocks went back); the first is taken",
                    self.describe()
                ),
            }),
        }
        at
    }
}

fn place_in<Z: TimeZone>(zone: &Z, naive: NaiveDateTime) -> (DateTime<FixedOffset>, Placed) {
    // The wall-clock time the file wrote, with an offset RFC 3339 can hold.
    let (at, how) = place_exactly(zone, naive);
    (crate::domain::time::in_whole_minutes(at), how)
}

fn place_exactly<Z: TimeZone>(zone: &Z, naive: NaiveDateTime) -> (DateTime<FixedOffset>, Placed) {
    use chrono::LocalResult;
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(d) => (d.fixed_offset(), Placed::Exact),
        LocalResult::Ambiguous(a, b) => (a.min(b).fixed_offset(), Placed::Earlier),
        LocalResult::None => {
            // Clock changes are at most a few hours; step a minute at a time to the first
            // minute that happened.
            let mut t = naive;
            for _ in 0..(26 * 60) {
                t += chrono::Duration::minutes(1);
                let t0 = t.with_second(0).unwrap_or(t);
                if let Some(d) = zone.from_local_datetime(&t0).earliest() {
                    return (d.fixed_offset(), Placed::Moved(t0));
                }
            }
            // No zone skips a whole day; read it as UTC rather than lose the record.
            (naive.and_utc().fixed_offset(), Placed::Moved(naive))
        }
    }
}

/// A clock time as apps write it: `21:05`, `9:05 pm`, `9:05PM` or `21:05:30`.
pub fn clock(text: &str) -> Option<NaiveTime> {
    // Newer Android writes a narrow no-break space before AM/PM.
    let t = text.trim().replace(['\u{202f}', '\u{a0}'], " ");
    let t = t.trim();
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
    fn a_skipped_time_moves_forward_and_a_repeated_one_takes_the_earlier_offset() {
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        let naive = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        let (at, how) = berlin.place(naive("2024-03-31 02:30"));
        assert_eq!(at.to_rfc3339(), "2024-03-31T03:00:00+02:00");
        assert_eq!(how, Placed::Moved(naive("2024-03-31 03:00")));
        let (at, how) = berlin.place(naive("2024-10-27 02:30"));
        assert_eq!(at.to_rfc3339(), "2024-10-27T02:30:00+02:00");
        assert_eq!(how, Placed::Earlier);
        let (at, how) = berlin.place(naive("2024-06-01 12:00"));
        assert_eq!(at.to_rfc3339(), "2024-06-01T12:00:00+02:00");
        assert_eq!(how, Placed::Exact);
        assert!(Zone::parse("Mars/Olympus").is_err());
        assert_eq!(Zone::parse(" UTC ").unwrap().describe(), "UTC");
        assert_eq!(
            Zone::parse("europe/berlin").unwrap().describe(),
            "Europe/Berlin"
        );
    }

    #[test]
    fn clock_times_in_both_forms() {
        assert_eq!(clock("9:05\u{202f}PM"), NaiveTime::from_hms_opt(21, 5, 0));
        assert_eq!(clock("21:05"), NaiveTime::from_hms_opt(21, 5, 0));
        assert_eq!(clock("9:05 pm"), NaiveTime::from_hms_opt(21, 5, 0));
        assert_eq!(clock("12:30 am"), NaiveTime::from_hms_opt(0, 30, 0));
        assert_eq!(clock("teatime"), None);
    }
}
