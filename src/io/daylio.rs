//! Daylio's CSV export: each row a check-in, its activities as rituals, its note kept.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::source::{Parsed, bad, clock, local, stable_id};
use crate::domain::{CheckIn, InvalidInput, Journal, Label, Mood, Scale};

/// Daylio's own five moods; exports with custom mood names need `--mood-map`.
pub const DAYLIO_MOODS: [(&str, u8); 5] = [
    ("rad", 10),
    ("good", 8),
    ("meh", 5),
    ("bad", 3),
    ("awful", 1),
];

/// Reads `LABEL=N,LABEL=N` into a mood map (labels compared without case).
pub fn parse_mood_map(text: &str) -> Result<BTreeMap<String, Mood>, InvalidInput> {
    let mut map = BTreeMap::new();
    for item in text.split(',').filter(|i| !i.trim().is_empty()) {
        let (label, value) = item.rsplit_once('=').ok_or_else(|| {
            InvalidInput::new(
                "--mood-map",
                format!(
                    "has '{}' without '=N'; write it as LABEL=N, e.g. \"content=7\"",
                    item.trim()
                ),
            )
        })?;
        let mood = Mood::parse("--mood-map", value).map_err(|_| {
            InvalidInput::new(
                "--mood-map",
                format!(
                    "gives '{}' the value '{}'; moods are whole numbers from 1 to 10",
                    label.trim(),
                    value.trim()
                ),
            )
        })?;
        map.insert(label.trim().to_lowercase(), mood);
    }
    Ok(map)
}

/// Reads a Daylio CSV export (any of its header forms, with or without a BOM, CRLF or LF).
pub fn read(bytes: &[u8], extra_moods: &BTreeMap<String, Mood>) -> Result<Parsed, InvalidInput> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut moods: BTreeMap<String, Mood> = DAYLIO_MOODS
        .iter()
        .filter_map(|(l, v)| Mood::new(*v).ok().map(|m| (l.to_string(), m)))
        .collect();
    moods.extend(extra_moods.iter().map(|(k, v)| (k.clone(), *v)));
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| bad("line 1", format!("the header can't be read ({e})")))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (Some(full_date), Some(time), Some(mood), Some(activities), Some(note)) = (
        col("full_date"),
        col("time"),
        col("mood"),
        col("activities"),
        col("note"),
    ) else {
        return Err(bad(
            "line 1",
            "this doesn't look like a Daylio export (it needs full_date, time, mood, activities and note columns)",
        ));
    };
    let note_title = col("note_title");
    let mut rows = Vec::new();
    let mut unmapped: BTreeMap<String, usize> = BTreeMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            let why = match e.kind() {
                csv::ErrorKind::UnequalLengths {
                    expected_len, len, ..
                } => {
                    format!("the row has {len} fields, but the header has {expected_len}")
                }
                csv::ErrorKind::Utf8 { .. } => {
                    "the text isn't UTF-8 (is this really a CSV file?)".into()
                }
                _ => e.to_string(),
            };
            bad(format!("line {line}"), why)
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let field = |i: usize| record.get(i).unwrap_or_default();
        let day = NaiveDate::parse_from_str(field(full_date).trim(), "%Y-%m-%d").map_err(|_| {
            bad(
                format!("line {line}"),
                format!(
                    "full_date '{}' is not a date like 2024-03-14",
                    field(full_date)
                ),
            )
        })?;
        let clock = clock(field(time)).ok_or_else(|| {
            bad(
                format!("line {line}"),
                format!("time '{}' is not like 21:05 or 9:05 pm", field(time)),
            )
        })?;
        let at = local(day.and_time(clock)).ok_or_else(|| {
            bad(
                format!("line {line}"),
                "that time was skipped by a clock change",
            )
        })?;
        let label = field(mood).trim().to_string();
        match moods.get(&label.to_lowercase()) {
            Some(m) => rows.push((line, at, *m, record.clone(), day, clock)),
            None => *unmapped.entry(label).or_default() += 1,
        }
    }
    if !unmapped.is_empty() {
        let list: Vec<String> = unmapped
            .iter()
            .map(|(l, n)| format!("\"{l}\" ({n} row{})", if *n == 1 { "" } else { "s" }))
            .collect();
        let example: Vec<String> = unmapped.keys().map(|l| format!("{l}=N")).collect();
        return Err(InvalidInput::new(
            "import",
            format!(
                "found mood labels kindly doesn't know: {}; give each a number from 1 to 10 with --mood-map \"{}\"; nothing was imported",
                list.join(", "),
                example.join(",")
            ),
        ));
    }
    let mut j = Journal::default();
    let mut aliases = std::collections::HashMap::new();
    // Genuine same-minute pairs are common: the n-th row of a minute is its own record.
    let mut in_minute: BTreeMap<(NaiveDate, String), usize> = BTreeMap::new();
    for (line, at, mood_value, record, day, clock) in rows {
        let field = |i: usize| record.get(i).unwrap_or_default();
        let mut c = CheckIn::new(at, mood_value);
        c.rituals = field(activities)
            .split('|')
            .filter(|a| !a.trim().is_empty())
            .map(|a| Label::new("activities", a).map_err(|e| bad(format!("line {line}"), e)))
            .collect::<Result<_, _>>()?;
        // Windows line ends inside a note become plain newlines; nothing else changes, so
        // a note keeps every space it was written with.
        let title = note_title
            .map(field)
            .unwrap_or_default()
            .replace("\r\n", "\n");
        let body = field(note).replace("\r\n", "\n");
        let text = match (title.trim().is_empty(), body.trim().is_empty()) {
            (false, false) => format!("{title}\n{body}"),
            (false, true) => title.clone(),
            _ => body.clone(),
        };
        c.note = (!text.trim().is_empty()).then_some(text);
        // The record's identity is what Daylio wrote for it, in its own wall-clock time:
        // the same whatever zone kindly imports in, and whatever was changed in the row.
        let minute = clock.format("%H:%M").to_string();
        let n = in_minute.entry((day, minute.clone())).or_default();
        *n += 1;
        c.id = stable_id(&["daylio-row", &day.to_string(), &minute, &n.to_string()]);
        // The id an earlier kindly gave the same row, so journals imported then keep theirs.
        let legacy = stable_id(&[
            "daylio",
            &at.to_rfc3339(),
            field(mood),
            field(activities),
            title.trim(),
            body.trim(),
        ]);
        aliases.insert(c.id, legacy);
        j.checkins.push(c);
    }
    Ok(Parsed {
        journal: j,
        skipped: Vec::new(),
        aliases,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mood_maps_read_and_refuse() {
        let m = parse_mood_map("Content=7, Not so good=4").unwrap();
        assert_eq!(m["content"].get(), 7);
        assert_eq!(m["not so good"].get(), 4);
        assert!(parse_mood_map("content").is_err());
        assert!(parse_mood_map("content=11").is_err());
    }
}
