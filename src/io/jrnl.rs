//! jrnl's JSON export (`jrnl --export json`): each entry a journal page with its tags.

use chrono::NaiveDate;
use serde::Deserialize;

use super::source::{Parsed, Zone, bad, clock, json_problem, stable_id};
use crate::domain::{Entry, EntryKind, InvalidInput, Journal, Label, optional_text};

#[derive(Deserialize)]
struct JrnlDoc {
    entries: Vec<JrnlEntry>,
}

#[derive(Deserialize)]
struct JrnlEntry {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    date: String,
    /// Left out by some exports, whose `date` then reads `2024-03-14 21:05`.
    #[serde(default)]
    time: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
}

/// Whether this JSON is a jrnl export: entries with a `date` and a `body` or `title`.
pub fn looks_like_json(text: &str) -> bool {
    let head = &text[..text.len().min(4096)];
    head.contains("\"entries\"")
        && head.contains("\"date\"")
        && (head.contains("\"body\"") || head.contains("\"title\""))
}

/// Reads `jrnl --export json`: entries become journal pages with their tags, in `zone`.
pub fn read(text: &str, zone: Zone) -> Result<Parsed, InvalidInput> {
    let doc: JrnlDoc = serde_json::from_str(text).map_err(|e| json_problem(&e))?;
    let mut j = Journal::default();
    let mut adjusted = Vec::new();
    let mut aliases = std::collections::HashMap::new();
    let mut same = std::collections::HashMap::new();
    for (i, e) in doc.entries.iter().enumerate() {
        let place = format!("entries[{i}]");
        let written = e.date.trim();
        let (date, time) = match written.split_once([' ', 'T']) {
            Some((d, t)) if e.time.trim().is_empty() => (d, t),
            _ => (written, e.time.as_str()),
        };
        let day = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| {
            bad(
                &place,
                format!("date '{}' is not a date like 2024-03-14", e.date),
            )
        })?;
        let clock = clock(time).ok_or_else(|| {
            if time.trim().is_empty() {
                bad(
                    &place,
                    "it has no time (neither a \"time\" nor a time in its \"date\")",
                )
            } else {
                bad(&place, format!("time '{time}' is not like 21:05"))
            }
        })?;
        let at = zone.place_noting(day.and_time(clock), &place, &mut adjusted);
        let title = optional_text(&e.title).map(|t| t.trim().to_string());
        let body = if e.body.trim().is_empty() {
            e.title.clone()
        } else {
            e.body.clone()
        };
        let mut entry = Entry::new(at, EntryKind::Journal, &body)
            .map_err(|_| bad(&place, "the entry has neither a title nor a body"))?;
        // Kept as written (Entry::new tidies the end of a page typed in kindly).
        entry.body = body.clone();
        entry.title = if e.body.trim().is_empty() {
            None
        } else {
            title
        };
        let mut tags: Vec<Label> = Vec::new();
        for t in e
            .tags
            .iter()
            .map(|t| t.trim_start_matches(['@', '#']))
            .chain(e.starred.then_some("starred"))
        {
            let label = Label::new("tags", t).map_err(|x| bad(&place, x))?;
            if !tags.contains(&label) {
                tags.push(label);
            }
        }
        entry.tags = tags;
        // Its identity is what jrnl wrote: the date, the minute and the title (and its place
        // among entries that share them), so an entry edited in jrnl is the same page when
        // it comes again.
        let minute = clock.format("%H:%M").to_string();
        let n = same
            .entry((day, minute.clone(), e.title.trim()))
            .or_insert(0);
        *n += 1;
        let mut key = vec![
            "jrnl-entry".to_string(),
            day.to_string(),
            minute,
            e.title.trim().to_string(),
        ];
        if *n > 1 {
            key.push(n.to_string());
        }
        let key: Vec<&str> = key.iter().map(String::as_str).collect();
        entry.id = stable_id(&key);
        aliases.insert(
            entry.id,
            stable_id(&["jrnl", &e.date, &e.time, &e.title, &e.body]),
        );
        j.entries.push(entry);
    }
    Ok(Parsed {
        journal: j,
        aliases,
        adjusted,
        ..Parsed::default()
    })
}
