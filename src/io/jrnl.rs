//! jrnl's JSON export (`jrnl --export json`): each entry a journal page with its tags.

use chrono::NaiveDate;
use serde::Deserialize;

use super::source::{Parsed, bad, clock, json_problem, local, stable_id};
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
    time: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
}

/// Reads `jrnl --export json`: entries become journal pages with their tags.
pub fn read(text: &str) -> Result<Parsed, InvalidInput> {
    let doc: JrnlDoc = serde_json::from_str(text).map_err(|e| json_problem(&e))?;
    let mut j = Journal::default();
    for (i, e) in doc.entries.iter().enumerate() {
        let place = format!("entries[{i}]");
        let day = NaiveDate::parse_from_str(e.date.trim(), "%Y-%m-%d").map_err(|_| {
            bad(
                &place,
                format!("date '{}' is not a date like 2024-03-14", e.date),
            )
        })?;
        let clock = clock(&e.time)
            .ok_or_else(|| bad(&place, format!("time '{}' is not like 21:05", e.time)))?;
        let at = local(day.and_time(clock))
            .ok_or_else(|| bad(&place, "that time was skipped by a clock change"))?;
        let title = optional_text(&e.title).map(|t| t.trim().to_string());
        let body = if e.body.trim().is_empty() {
            e.title.clone()
        } else {
            e.body.clone()
        };
        let mut entry = Entry::new(at, EntryKind::Journal, &body)
            .map_err(|_| bad(&place, "the entry has neither a title nor a body"))?;
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
        entry.id = stable_id(&["jrnl", &e.date, &e.time, &e.title, &e.body]);
        j.entries.push(entry);
    }
    Ok(j.into())
}
