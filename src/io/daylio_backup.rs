//! Daylio's own backup (`.daylio`): a zip holding `backup.daylio`, which is base64 of one
//! JSON document with `customMoods`, `tags` and `dayEntries`. Each entry becomes a check-in
//! at its own moment and offset, its tags as rituals, its note (and note title) kept. Each
//! mood belongs to one of Daylio's five groups, so it has a number without asking.

use std::collections::{BTreeMap, HashMap};

use base64::Engine;
use chrono::{DateTime, FixedOffset, Timelike};
use serde::Deserialize;

use super::daylio::{Builder, DAYLIO_MOODS, Row};
use super::source::{Parsed, Problem, bad, json_problem, stable_id};
use crate::domain::{InvalidInput, Mood, Scale};

/// A number or a string: Daylio has written its ids as both.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Id(String);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) => Ok(Id(s)),
            serde_json::Value::Number(n) => Ok(Id(n.to_string())),
            other => Err(serde::de::Error::custom(format!(
                "an id should be a number, not {other}"
            ))),
        }
    }
}

#[derive(Deserialize)]
struct Backup {
    #[serde(default, rename = "customMoods")]
    custom_moods: Vec<CustomMood>,
    #[serde(default)]
    tags: Vec<Tag>,
    #[serde(rename = "dayEntries")]
    day_entries: Vec<DayEntry>,
}

#[derive(Deserialize)]
struct CustomMood {
    id: Id,
    #[serde(default)]
    custom_name: String,
    #[serde(default)]
    mood_group_id: u8,
    #[serde(default)]
    predefined_name_id: i64,
}

#[derive(Deserialize)]
struct Tag {
    id: Id,
    #[serde(default)]
    name: String,
}

#[derive(Deserialize)]
struct DayEntry {
    id: Id,
    datetime: i64,
    #[serde(default, rename = "timeZoneOffset")]
    time_zone_offset: i64,
    mood: Id,
    #[serde(default)]
    note: String,
    #[serde(default)]
    note_title: String,
    #[serde(default)]
    tags: Vec<Id>,
}

/// Whether these bytes are a Daylio backup: the zip, its `backup.daylio` text, or the JSON.
pub fn looks_like(bytes: &[u8]) -> bool {
    json_text(bytes).is_ok_and(|t| t.contains("\"dayEntries\""))
}

/// The backup's JSON, from the zip, from its base64 text, or as it is.
fn json_text(bytes: &[u8]) -> Result<String, InvalidInput> {
    let inner;
    let text: &[u8] = if super::zipped::is_zip(bytes) {
        let mut zip = super::zipped::Zip::open(bytes)?;
        if !zip.names().iter().any(|n| n == "backup.daylio") {
            return Err(bad(
                "the zip",
                "it holds no backup.daylio, so it isn't a Daylio backup",
            ));
        }
        inner = zip.read("backup.daylio")?;
        &inner
    } else {
        bytes
    };
    let trimmed = text.trim_ascii();
    if trimmed.starts_with(b"{") {
        return String::from_utf8(trimmed.to_vec())
            .map_err(|_| bad("backup.daylio", "its JSON isn't UTF-8"));
    }
    let compact: Vec<u8> = trimmed
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(&compact)
        .map_err(|_| {
            bad(
                "backup.daylio",
                "it isn't the base64 text a Daylio backup holds",
            )
        })?;
    String::from_utf8(decoded).map_err(|_| bad("backup.daylio", "its JSON isn't UTF-8"))
}

/// Newer Daylio keeps notes as a little HTML; kindly keeps plain text. A note without tags
/// or entities is kept byte for byte.
fn plain(note: &str) -> String {
    let looks_html = note.contains('<') && note.contains('>') || note.contains('&');
    if !looks_html {
        return note.to_string();
    }
    let mut out = String::with_capacity(note.len());
    let mut rest = note;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            let Some(end) = rest.find('>') else { break };
            let tag = rest[1..end].trim().to_ascii_lowercase();
            let name = tag
                .trim_start_matches('/')
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or_default()
                .to_string();
            const TAGS: [&str; 21] = [
                "br",
                "div",
                "p",
                "span",
                "b",
                "i",
                "u",
                "s",
                "em",
                "strong",
                "ul",
                "ol",
                "li",
                "font",
                "a",
                "h1",
                "h2",
                "h3",
                "strike",
                "del",
                "blockquote",
            ];
            let is_tag = TAGS.contains(&name.as_str());
            if !is_tag {
                out.push('<');
                rest = &rest[1..];
                continue;
            }
            if name == "br" || (tag.starts_with('/') && matches!(name.as_str(), "div" | "p" | "li"))
            {
                out.push('\n');
            }
            rest = &rest[end + 1..];
        } else {
            let end = rest.find(';').filter(|e| *e <= 10);
            let entity = end.map(|e| &rest[1..e]);
            let ch = match entity {
                Some("amp") => Some('&'),
                Some("lt") => Some('<'),
                Some("gt") => Some('>'),
                Some("quot") => Some('"'),
                Some("apos") => Some('\''),
                Some("nbsp") => Some(' '),
                Some(e) if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                    .ok()
                    .and_then(char::from_u32),
                Some(e) if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            match (ch, end) {
                (Some(c), Some(e)) => {
                    out.push(c);
                    rest = &rest[e + 1..];
                }
                _ => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
    if out.ends_with('\n') && !note.ends_with('\n') {
        out.pop();
    }
    out
}

/// Reads a Daylio backup; `extra_moods` overrides a mood's number by its label.
pub fn read(bytes: &[u8], extra_moods: &BTreeMap<String, Mood>) -> Result<Parsed, Problem> {
    let text = json_text(bytes)?;
    let backup: Backup = serde_json::from_str(&text).map_err(|e| json_problem(&e))?;
    let group_value = |group: u8| {
        DAYLIO_MOODS
            .get(usize::from(group.max(1)) - 1)
            .map(|(_, v)| *v)
    };
    let mut moods: HashMap<Id, Mood> = HashMap::new();
    for (i, m) in backup.custom_moods.iter().enumerate() {
        let label = if m.custom_name.trim().is_empty() {
            usize::try_from(m.predefined_name_id - 1)
                .ok()
                .and_then(|i| DAYLIO_MOODS.get(i))
                .map(|(l, _)| l.to_string())
                .unwrap_or_default()
        } else {
            m.custom_name.trim().to_string()
        };
        let value = match extra_moods.get(&label.to_lowercase()) {
            Some(m) => *m,
            None => group_value(m.mood_group_id)
                .and_then(|v| Mood::new(v).ok())
                .ok_or_else(|| {
                    bad(
                        format!("customMoods[{i}]"),
                        format!(
                            "the mood \"{label}\" is in group {}, and Daylio has groups 1 to 5",
                            m.mood_group_id
                        ),
                    )
                })?,
        };
        moods.insert(m.id.clone(), value);
    }
    let tags: HashMap<&Id, &str> = backup
        .tags
        .iter()
        .map(|t| (&t.id, t.name.as_str()))
        .collect();
    // The CSV lists newest first; the same order gives the same same-minute positions, so a
    // journal that came in from the CSV finds its records again.
    let mut order: Vec<usize> = (0..backup.day_entries.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(backup.day_entries[i].datetime));
    let mut out = Builder::default();
    for i in order {
        let e = &backup.day_entries[i];
        let place = format!("dayEntries[{i}]");
        let mood = *moods.get(&e.mood).ok_or_else(|| {
            bad(
                &place,
                format!("its mood {} isn't one of the backup's moods", e.mood.0),
            )
        })?;
        let offset = i32::try_from(e.time_zone_offset / 1000)
            .ok()
            .and_then(FixedOffset::east_opt)
            .ok_or_else(|| bad(&place, "its time zone offset is more than a day"))?;
        let at = DateTime::from_timestamp_millis(e.datetime)
            .ok_or_else(|| bad(&place, format!("its datetime {} is no moment", e.datetime)))?
            // Daylio shows and exports minutes; the seconds it was made at aren't kept.
            .with_timezone(&offset)
            .with_second(0)
            .and_then(|t| t.with_nanosecond(0))
            .ok_or_else(|| bad(&place, "its moment can't be read"))?;
        let note = plain(&e.note);
        let title = plain(&e.note_title);
        let row = Row {
            place,
            day: at.date_naive(),
            clock: at.time(),
            activities: e.tags.iter().filter_map(|t| tags.get(t).copied()).collect(),
            title: &title,
            body: &note,
        };
        let content = format!("{}\u{1f}{:?}\u{1f}{title}\u{1f}{note}", e.mood.0, e.tags);
        let csv_id = out.row_id(row.day, row.clock, content);
        out.push(
            &row,
            at,
            mood,
            stable_id(&["daylio-backup", &e.id.0]),
            Some(csv_id),
        )?;
    }
    Ok(out.finish(Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_notes_become_plain_text_and_plain_ones_stay_exact() {
        assert_eq!(plain("a walk  \n"), "a walk  \n");
        assert_eq!(plain("one<br>two"), "one\ntwo");
        assert_eq!(plain("<div>tea &amp; toast</div>"), "tea & toast");
        assert_eq!(plain("3 < 4 and 5 > 2"), "3 < 4 and 5 > 2");
        assert_eq!(plain("fish &chips"), "fish &chips");
        assert_eq!(plain("caf&#233;"), "café");
    }
}
