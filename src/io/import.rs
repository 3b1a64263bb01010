//! The one import driver: every format's reader turns a whole file into kindly records
//! (plus a report of what it passed over), and every record is checked before anything is
//! written; the caller then saves the lot in one transaction. A file's format is known from
//! its content, so `--from` may be left out, and a wrong one is named.

use std::collections::BTreeMap;

pub use super::daylio::{DAYLIO_MOODS, parse_mood_map};
use super::source::Parsed;
pub use super::source::{Problem, Zone};
use super::{daylio, daylio_backup, dayone, jrnl, kindly_json};
use crate::domain::{InvalidInput, Journal, Mood};

/// The formats kindly reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// kindly's own JSON export.
    Kindly,
    /// A Daylio CSV export, or a Daylio backup (`.daylio`).
    Daylio,
    /// `jrnl --export json`.
    Jrnl,
    /// Day One's JSON export, alone or in its zip.
    DayOne,
}

impl Format {
    /// How `--from` names it.
    pub fn flag(self) -> &'static str {
        match self {
            Format::Kindly => "kindly",
            Format::Daylio => "daylio",
            Format::Jrnl => "jrnl",
            Format::DayOne => "dayone",
        }
    }
}

/// What a file's content shows it to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Looks {
    Kindly,
    /// One of the files of kindly's CSV export.
    KindlyCsv,
    Jrnl,
    DayOne,
    DaylioCsv,
    DaylioBackup,
    /// Rows in Daylio's shape with no header line above them.
    DaylioHeaderless,
    Unknown,
}

impl Looks {
    pub fn format(self) -> Option<Format> {
        match self {
            Looks::Kindly | Looks::KindlyCsv => Some(Format::Kindly),
            Looks::Jrnl => Some(Format::Jrnl),
            Looks::DayOne => Some(Format::DayOne),
            Looks::DaylioCsv | Looks::DaylioBackup | Looks::DaylioHeaderless => {
                Some(Format::Daylio)
            }
            Looks::Unknown => None,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Looks::Kindly => "a kindly export",
            Looks::KindlyCsv => "a file of kindly's CSV export",
            Looks::Jrnl => "a jrnl export",
            Looks::DayOne => "a Day One export",
            Looks::DaylioCsv => "a Daylio CSV export",
            Looks::DaylioBackup => "a Daylio backup",
            Looks::DaylioHeaderless => "a Daylio CSV export without its header line",
            Looks::Unknown => "a file kindly doesn't recognise",
        }
    }
}

/// Recognises a file by its content.
pub fn detect(bytes: &[u8]) -> Looks {
    if super::zipped::is_zip(bytes) {
        // Told apart by the names in the zip's directory, so nothing is unpacked twice.
        let names = super::zipped::Zip::open(bytes)
            .map(|z| z.names())
            .unwrap_or_default();
        return if names.iter().any(|n| n == "backup.daylio") {
            Looks::DaylioBackup
        } else if names.iter().any(|n| dayone::journal_json(n)) {
            Looks::DayOne
        } else {
            Looks::Unknown
        };
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(&bytes[..bytes.len().min(8192)]).or_else(|e| {
        // A cut in the middle of a character at the end of the sample is fine.
        std::str::from_utf8(&bytes[..e.valid_up_to()])
    }) else {
        return Looks::Unknown;
    };
    let start = text.trim_start();
    if start.starts_with('{') {
        let head = &start[..start.len().min(4096)];
        if head.contains("\"dayEntries\"") {
            Looks::DaylioBackup
        } else if head.contains("\"format\"") && head.contains("\"kindly\"") {
            Looks::Kindly
        } else if dayone::looks_like_json(start) {
            Looks::DayOne
        } else if jrnl::looks_like_json(start) {
            Looks::Jrnl
        } else {
            Looks::Unknown
        }
    } else if super::kindly_csv::looks_like(start) {
        Looks::KindlyCsv
    } else if looks_like_base64(start) && daylio_backup::looks_like(bytes) {
        Looks::DaylioBackup
    } else {
        let first = start.lines().next().unwrap_or_default().to_lowercase();
        let fields: Vec<&str> = first.split(',').map(str::trim).collect();
        if fields.contains(&"mood") && fields.contains(&"time") && fields.contains(&"activities") {
            Looks::DaylioCsv
        } else if fields.len() >= 6
            && chrono::NaiveDate::parse_from_str(fields[0], "%Y-%m-%d").is_ok()
        {
            Looks::DaylioHeaderless
        } else {
            Looks::Unknown
        }
    }
}

fn looks_like_base64(text: &str) -> bool {
    text.len() >= 16
        && text
            .bytes()
            .take(4096)
            .all(|b| b.is_ascii_alphanumeric() || b"+/=\r\n".contains(&b))
}

/// What a reader may be told besides the file.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Numbers for mood labels a file uses, beyond the format's own.
    pub mood_map: BTreeMap<String, Mood>,
    /// The zone for wall-clock times in formats that carry none (Daylio CSV, jrnl).
    pub zone: Zone,
}

/// Reads a whole file; `format` is what the person said it is (checked against what it
/// looks like), or none to go by its content. `name` is how complaints refer to it.
pub fn read(
    format: Option<Format>,
    name: &str,
    bytes: &[u8],
    options: &Options,
) -> Result<Parsed, Problem> {
    if bytes.trim_ascii().is_empty() {
        return Err(
            InvalidInput::new("import", format!("{name} is empty; nothing was imported")).into(),
        );
    }
    let looks = detect(bytes);
    let format = match (format, looks.format()) {
        (Some(said), Some(seen)) if said != seen => {
            return Err(InvalidInput::new(
                "import",
                format!(
                    "{name} looks like {}, not {}; import it with --from {}; nothing was imported",
                    looks.describe(),
                    Looks::from_format(said).describe(),
                    seen.flag()
                ),
            )
            .into());
        }
        (Some(said), _) => said,
        (None, Some(seen)) => seen,
        (None, None) => {
            return Err(InvalidInput::new(
                "import",
                format!(
                    "{name} isn't a file kindly recognises; it reads kindly and jrnl JSON, Day One JSON or zip, and Daylio CSV exports and backups; nothing was imported"
                ),
            )
            .into());
        }
    };
    if looks == Looks::DaylioHeaderless {
        return Err(InvalidInput::new(
            "import",
            format!(
                "{name} has rows in Daylio's shape but no header line; add \"full_date,date,weekday,time,mood,activities,note_title,note\" as its first line (or without note_title, if the rows have 7 fields), or export again from Daylio; nothing was imported"
            ),
        )
        .into());
    }
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
    Ok(match format {
        Format::Kindly if looks == Looks::KindlyCsv => super::kindly_csv::read(name, text()?)?,
        Format::Kindly => {
            let text = text()?;
            let mut parsed = kindly_json::read(text)?;
            parsed.unknown = super::newer::in_export(text, &parsed.journal)
                .iter()
                .map(ToString::to_string)
                .collect();
            parsed
        }
        Format::Jrnl => jrnl::read(text()?, options.zone)?,
        Format::DayOne => dayone::read(bytes, options.zone)?,
        Format::Daylio if looks == Looks::DaylioBackup => {
            daylio_backup::read(bytes, &options.mood_map)?
        }
        Format::Daylio => daylio::read(bytes, &options.mood_map, options.zone)?,
    })
}

/// How far ahead of this computer's clock a record may be dated: a day, for clocks and
/// zones that disagree. kindly keeps moments that have happened (as `--at` does), and a
/// record dated years ahead would sit beyond every range export and search look in.
pub const AHEAD_TOLERANCE: chrono::Duration = chrono::Duration::days(1);

/// Refuses a file holding a record dated more than a day after `now`, naming the first.
pub fn refuse_future(
    name: &str,
    j: &Journal,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), InvalidInput> {
    let limit = now + AHEAD_TOLERANCE;
    let dated = j
        .checkins
        .iter()
        .map(|c| ("a check-in", c.at))
        .chain(j.thoughts.iter().map(|t| ("a thought record", t.at)))
        .chain(j.entries.iter().map(|e| ("a journal page or letter", e.at)))
        .chain(j.breaks.iter().map(|b| ("a break", b.at)))
        .chain(j.session.iter().flat_map(|m| {
            std::iter::once(("a session mark", m.added_at))
                .chain(m.done_at.map(|d| ("a session mark", d)))
        }));
    for (what, at) in dated {
        if at > limit {
            return Err(InvalidInput::new(
                "import",
                format!(
                    "{name} holds {what} dated {}, more than a day ahead of this computer's clock; kindly keeps moments that have already happened (is a clock set wrong?); nothing was imported",
                    at.format("%Y-%m-%d %H:%M")
                ),
            ));
        }
    }
    Ok(())
}

impl Looks {
    fn from_format(format: Format) -> Self {
        match format {
            Format::Kindly => Looks::Kindly,
            Format::Daylio => Looks::DaylioCsv,
            Format::Jrnl => Looks::Jrnl,
            Format::DayOne => Looks::DayOne,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_more_than_a_day_ahead_is_refused_and_a_few_hours_are_not() {
        use crate::domain::{CheckIn, Scale, SessionMark};
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-29T10:00:00Z")
            .unwrap()
            .to_utc();
        let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
        let mood = Mood::new(5).unwrap();
        let soon = Journal {
            checkins: vec![CheckIn::new(at("2026-11-30T09:00:00+00:00"), mood)],
            ..Journal::default()
        };
        assert!(refuse_future("f", &soon, now).is_ok());
        let far = Journal {
            checkins: vec![CheckIn::new(at("9999-01-01T00:00:00+00:00"), mood)],
            ..Journal::default()
        };
        let err = refuse_future("f.json", &far, now).unwrap_err().to_string();
        assert!(
            err.contains("f.json holds a check-in dated 9999-01-01 00:00"),
            "{err}"
        );
        let mut mark = SessionMark::alone("ask", at("2026-11-28T09:00:00+00:00")).unwrap();
        mark.done_at = Some(at("2026-12-05T09:00:00+00:00"));
        let done_ahead = Journal {
            session: vec![mark],
            ..Journal::default()
        };
        assert!(refuse_future("f", &done_ahead, now).is_err());
    }

    #[test]
    fn text_formats_refuse_bytes_that_are_not_text() {
        let err = read(Some(Format::Jrnl), "x.json", b"{\xff}", &Options::default())
            .unwrap_err()
            .into_invalid();
        assert!(err.to_string().contains("x.json isn't text"), "{err}");
    }

    #[test]
    fn files_are_known_by_their_content() {
        assert_eq!(
            detect(br#"{"format": "kindly", "version": 1}"#),
            Looks::Kindly
        );
        assert_eq!(
            detect(br#"{"tags": {}, "entries": [{"title": "t", "body": "", "date": "2024-01-01", "time": "09:00"}]}"#),
            Looks::Jrnl
        );
        assert_eq!(
            detect(br#"{"metadata": {"version": "1.0"}, "entries": [{"uuid": "A", "creationDate": "2024-01-01T09:00:00Z"}]}"#),
            Looks::DayOne
        );
        assert_eq!(
            detect(b"\xEF\xBB\xBFfull_date,date,weekday,time,mood,activities,note\r\n"),
            Looks::DaylioCsv
        );
        assert_eq!(
            detect(b"year,date,weekday,time,mood,activities,note\n"),
            Looks::DaylioCsv
        );
        assert_eq!(
            detect(b"2024-03-14,March 14,Thursday,21:05,good,,\"\",\n"),
            Looks::DaylioHeaderless
        );
        assert_eq!(detect(b"hello there"), Looks::Unknown);
    }
}
