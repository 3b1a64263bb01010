//! Reading kindly's own CSV export back: the folder it writes (one file per kind of record)
//! or any one of its files. Each row becomes the kindly JSON record of its kind, so it is
//! checked exactly as a JSON export's records are.

use std::path::Path;

use serde_json::{Map, Value};

use super::kindly_json::{BreakRecord, CheckInRecord, EntryRecord, ThoughtRecord};
use super::source::{Parsed, bad};
use super::text::{BREAK_COLUMNS, CHECKIN_COLUMNS, CSV_FILES, ENTRY_COLUMNS, THOUGHT_COLUMNS};
use crate::domain::{InvalidInput, Journal};

/// The kinds of record a CSV file of kindly's holds, known by its header line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    CheckIns,
    Thoughts,
    Entries,
    Breaks,
}

impl Kind {
    fn columns(self) -> &'static [&'static str] {
        match self {
            Kind::CheckIns => &CHECKIN_COLUMNS,
            Kind::Thoughts => &THOUGHT_COLUMNS,
            Kind::Entries => &ENTRY_COLUMNS,
            Kind::Breaks => &BREAK_COLUMNS,
        }
    }

    /// The kind whose header `line` is, exactly as kindly writes it.
    fn of_header(line: &str) -> Option<Kind> {
        let line = line.trim_end_matches(['\r', '\n']);
        [Kind::CheckIns, Kind::Thoughts, Kind::Entries, Kind::Breaks]
            .into_iter()
            .find(|k| k.columns().join(",") == line)
    }
}

/// Whether `text` starts with the header line of one of kindly's CSV files.
pub fn looks_like(text: &str) -> bool {
    Kind::of_header(text.lines().next().unwrap_or_default()).is_some()
}

/// Reads one of kindly's CSV files (`name` says where in complaints).
pub fn read(name: &str, text: &str) -> Result<Parsed, InvalidInput> {
    let mut journal = Journal::default();
    read_into(name, text, &mut journal)?;
    Ok(journal.into())
}

/// Reads the folder a CSV export wrote: every one of its files that is there.
pub fn read_folder(dir: &Path) -> Result<Parsed, InvalidInput> {
    let mut journal = Journal::default();
    let mut found = 0;
    for file in CSV_FILES {
        let path = dir.join(file);
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        let name = path.display().to_string();
        if meta.len() > super::zipped::ENTRY_CAP {
            return Err(InvalidInput::new(
                "import",
                format!(
                    "{name} is over 256 MB, more than kindly reads in one import; nothing was imported"
                ),
            ));
        }
        let bytes = std::fs::read(&path)
            .map_err(|e| InvalidInput::new("import", format!("couldn't read {name} ({e})")))?;
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            InvalidInput::new(
                "import",
                format!(
                    "{name} isn't text (stopped at byte {}); nothing was imported",
                    e.valid_up_to()
                ),
            )
        })?;
        read_into(&name, text, &mut journal)?;
        found += 1;
    }
    if found == 0 {
        return Err(InvalidInput::new(
            "import",
            format!(
                "{} is a folder without kindly's CSV files ({}); give the folder `kindly export --format csv -o DIR` wrote, or one file; nothing was imported",
                dir.display(),
                CSV_FILES.join(", ")
            ),
        ));
    }
    Ok(journal.into())
}

fn read_into(name: &str, text: &str, journal: &mut Journal) -> Result<(), InvalidInput> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let kind = Kind::of_header(text.lines().next().unwrap_or_default()).ok_or_else(|| {
        InvalidInput::new(
            "import",
            format!("{name} isn't one of kindly's CSV files (its first line isn't a header kindly writes); nothing was imported"),
        )
    })?;
    let mut reader = csv::ReaderBuilder::default()
        .flexible(false)
        .from_reader(text.as_bytes());
    for row in reader.records() {
        let row = row.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            bad(format!("{name}, line {line}"), e)
        })?;
        let line = row.position().map_or(0, |p| p.line());
        let place = format!("{name}, line {line}");
        let mut record = Map::new();
        for (column, cell) in kind.columns().iter().zip(row.iter()) {
            record.insert(column.to_string(), value(kind, column, cell, &place)?);
        }
        let record = Value::Object(record);
        let shaped = |e: serde_json::Error| bad(&place, e);
        match kind {
            Kind::CheckIns => journal.checkins.push(
                serde_json::from_value::<CheckInRecord>(record)
                    .map_err(shaped)?
                    .to_domain(&place)?,
            ),
            Kind::Thoughts => journal.thoughts.push(
                serde_json::from_value::<ThoughtRecord>(record)
                    .map_err(shaped)?
                    .to_domain(&place)?,
            ),
            Kind::Entries => journal.entries.push(
                serde_json::from_value::<EntryRecord>(record)
                    .map_err(shaped)?
                    .to_domain(&place)?,
            ),
            Kind::Breaks => journal.breaks.push(
                serde_json::from_value::<BreakRecord>(record)
                    .map_err(shaped)?
                    .to_domain(&place)?,
            ),
        }
    }
    Ok(())
}

/// A cell as its JSON field: lists are joined by "; ", numbers are numbers, an empty cell
/// of a field that may be absent is null.
fn value(kind: Kind, column: &str, cell: &str, place: &str) -> Result<Value, InvalidInput> {
    const REQUIRED_TEXT: [&str; 5] = ["id", "at", "thought", "kind", "body"];
    const NUMBERS: [&str; 9] = [
        "mood",
        "energy",
        "kindness",
        "humanity",
        "mindfulness",
        "belief",
        "belief_after",
        "mood_before",
        "mood_after",
    ];
    const LISTS: [&str; 4] = ["emotions", "rituals", "distortions", "tags"];
    let list = || -> Vec<&str> {
        cell.split("; ")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    };
    if column == "emotions" && kind == Kind::Thoughts {
        return list()
            .into_iter()
            .map(|e| felt(e, place))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array);
    }
    Ok(if REQUIRED_TEXT.contains(&column) {
        Value::String(cell.to_string())
    } else if NUMBERS.contains(&column) {
        match cell.trim() {
            "" => Value::Null,
            n => Value::from(number(n, column, place)?),
        }
    } else if LISTS.contains(&column) {
        Value::from(list())
    } else if cell.is_empty() {
        Value::Null
    } else {
        Value::String(cell.to_string())
    })
}

fn number(text: &str, column: &str, place: &str) -> Result<u8, InvalidInput> {
    text.parse()
        .map_err(|_| bad(place, format!("{column} '{text}' is not a number")))
}

/// A thought's emotion as the CSV writes it: `name before→after` (either number may be
/// missing).
fn felt(text: &str, place: &str) -> Result<Value, InvalidInput> {
    let (name, numbers) = text
        .rsplit_once(' ')
        .filter(|(_, n)| n.contains('→'))
        .ok_or_else(|| {
            bad(
                place,
                format!("the emotion '{text}' isn't written as name before→after"),
            )
        })?;
    let (before, after) = numbers.split_once('→').unwrap_or((numbers, ""));
    let intensity = |n: &str| -> Result<Value, InvalidInput> {
        Ok(match n.trim() {
            "" => Value::Null,
            n => Value::from(number(n, "intensity", place)?),
        })
    };
    let mut e = Map::new();
    e.insert("name".into(), Value::String(name.to_string()));
    e.insert("intensity".into(), intensity(before)?);
    e.insert("intensity_after".into(), intensity(after)?);
    Ok(Value::Object(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thoughts_emotions_read_back_with_either_number_missing() {
        let place = "line 2";
        assert_eq!(
            felt("deep shame 70→40", place).unwrap(),
            serde_json::json!({"name": "deep shame", "intensity": 70, "intensity_after": 40})
        );
        assert_eq!(
            felt("fear →", place).unwrap(),
            serde_json::json!({"name": "fear", "intensity": null, "intensity_after": null})
        );
        assert!(felt("fear", place).is_err());
    }

    #[test]
    fn a_file_is_known_by_its_header() {
        assert!(looks_like(
            "id,at,mood,energy,emotions,rituals,kindness,humanity,mindfulness,note\r\n"
        ));
        assert!(looks_like("id,at,kind,title,tags,prompt,body\n"));
        assert!(!looks_like(
            "full_date,date,weekday,time,mood,activities,note\n"
        ));
    }
}
