//! Day One's JSON export (`Journal.json`, alone or in the export zip with its photos):
//! each entry becomes a journal page, its Markdown kept, a first-line heading as its title,
//! its tags (and a star) as tags, at its own local time in its own zone. Photos and other
//! media aren't copied: their `dayone-moment:` links are taken out and counted.

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use serde::Deserialize;

use super::source::{Parsed, Skipped, Zone, bad, json_problem, stable_id};
use crate::domain::{Entry, EntryKind, InvalidInput, Journal, Label};

#[derive(Deserialize)]
struct Doc {
    entries: Vec<DayOneEntry>,
}

#[derive(Deserialize)]
struct DayOneEntry {
    #[serde(default)]
    uuid: String,
    #[serde(rename = "creationDate")]
    creation_date: String,
    #[serde(default, rename = "timeZone")]
    time_zone: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
}

/// The JSON documents in an export: the file itself, or every journal's `.json` in a zip.
fn documents(bytes: &[u8]) -> Result<Vec<(String, String)>, InvalidInput> {
    if !super::zipped::is_zip(bytes) {
        let text = std::str::from_utf8(bytes)
            .map_err(|e| bad(format!("byte {}", e.valid_up_to()), "the file isn't text"))?;
        return Ok(vec![(String::new(), text.to_string())]);
    }
    let mut zip = super::zipped::Zip::open(bytes)?;
    let mut docs = Vec::new();
    for name in zip.names().into_iter().filter(|n| journal_json(n)) {
        let text = String::from_utf8(zip.read(&name)?)
            .map_err(|_| bad(crate::domain::visible_line(&name), "it isn't text"))?;
        docs.push((name, text));
    }
    if docs.is_empty() {
        return Err(bad(
            "the zip",
            "it holds no journal .json, so it isn't a Day One export",
        ));
    }
    docs.sort();
    Ok(docs)
}

/// Whether a zip entry's name is one of Day One's journal files (not macOS's shadow copy).
pub fn journal_json(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".json") && !name.contains("__MACOSX")
}

/// Day One's JSON: entries that carry a `uuid` and a `creationDate`.
pub fn looks_like_json(text: &str) -> bool {
    let head = &text[..text.len().min(4096)];
    head.contains("\"entries\"") && head.contains("\"creationDate\"")
        || head.contains("\"metadata\"") && head.contains("\"entries\"")
}

/// Takes Day One's media links out of the text; says how many went.
fn without_media(text: &str) -> (String, usize) {
    let mut removed = 0;
    let mut lines = Vec::new();
    for line in text.split_inclusive('\n') {
        let mut out = String::new();
        let mut rest = line;
        let mut here = 0;
        while let Some(start) = rest.find("![") {
            let after = &rest[start..];
            let link = after
                .find("](dayone-moment:")
                .filter(|close| !after[2..*close].contains(']'))
                .and_then(|close| after[close..].find(')').map(|end| close + end + 1));
            match link {
                Some(len) => {
                    out.push_str(&rest[..start]);
                    rest = &rest[start + len..];
                    here += 1;
                }
                None => {
                    out.push_str(&rest[..start + 2]);
                    rest = &rest[start + 2..];
                }
            }
        }
        out.push_str(rest);
        removed += here;
        // A line that held only media goes with it.
        if here == 0 || !out.trim().is_empty() {
            lines.push(out);
        }
    }
    (lines.concat(), removed)
}

/// Reads a Day One export; `zone` places entries whose own zone is missing or unknown.
pub fn read(bytes: &[u8], zone: Zone) -> Result<Parsed, InvalidInput> {
    let mut parsed = Parsed::default();
    let mut j = Journal::default();
    for (name, text) in documents(bytes)? {
        let doc: Doc = serde_json::from_str(&text).map_err(|e| {
            let e = json_problem(&e);
            if name.is_empty() {
                e
            } else {
                InvalidInput::new("import", format!("in {name}, {e}"))
            }
        })?;
        for (i, e) in doc.entries.iter().enumerate() {
            let place = if name.is_empty() {
                format!("entries[{i}]")
            } else {
                format!("{name} entries[{i}]")
            };
            let utc = DateTime::parse_from_rfc3339(e.creation_date.trim()).map_err(|_| {
                bad(
                    &place,
                    format!(
                        "creationDate '{}' is not a moment like 2024-03-14T21:05:00Z",
                        e.creation_date
                    ),
                )
            })?;
            let at: DateTime<FixedOffset> = match e
                .time_zone
                .as_deref()
                .and_then(|z| z.trim().parse::<Tz>().ok())
            {
                Some(tz) => utc.with_timezone(&tz).fixed_offset(),
                None => match zone {
                    Zone::Named(tz) => utc.with_timezone(&tz).fixed_offset(),
                    Zone::Local => utc.with_timezone(&chrono::Local).fixed_offset(),
                },
            };
            let (text, media) = without_media(e.text.as_deref().unwrap_or_default());
            parsed.media_removed += media;
            if text.trim().is_empty() {
                parsed.skipped.push(Skipped {
                    place,
                    why: if media > 0 {
                        "it holds only photos or other media, which kindly doesn't copy".into()
                    } else {
                        "it has no text".into()
                    },
                });
                continue;
            }
            let (title, body) = heading(&text);
            let mut entry = Entry::new(at, EntryKind::Journal, body)
                .map_err(|_| bad(&place, "the entry has no text"))?;
            // Kept as written (Entry::new tidies the end of a page typed in kindly).
            entry.body = body.to_string();
            entry.title = title;
            let mut tags: Vec<Label> = Vec::new();
            for t in e
                .tags
                .iter()
                .map(String::as_str)
                .chain(e.starred.then_some("starred"))
            {
                let label = Label::new("tags", t).map_err(|x| bad(&place, x))?;
                if !tags.contains(&label) {
                    tags.push(label);
                }
            }
            entry.tags = tags;
            let own = if e.uuid.trim().is_empty() {
                e.creation_date.trim()
            } else {
                e.uuid.trim()
            };
            entry.id = stable_id(&["dayone", own]);
            j.entries.push(entry);
        }
    }
    parsed.journal = j;
    Ok(parsed)
}

/// A first line that is a Markdown heading is the title; the rest is the page. A page that
/// is only a heading keeps it as its text.
fn heading(text: &str) -> (Option<String>, &str) {
    let start = text.trim_start_matches(['\n', '\r']);
    let (first, rest) = start.split_once('\n').unwrap_or((start, ""));
    let title = first.trim_end_matches('\r').trim();
    if !title.starts_with('#') {
        return (None, text);
    }
    let title = title.trim_start_matches('#').trim().replace("\\", "");
    let rest = rest.trim_start_matches(['\n', '\r']);
    if title.is_empty() || rest.trim().is_empty() {
        return (None, text);
    }
    (Some(title), rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_links_go_and_are_counted() {
        let (t, n) = without_media(
            "Beach day\n![](dayone-moment://ABC123)\nSun. ![](dayone-moment:/video/XYZ) end\n![alt](http://x) stays\n",
        );
        assert_eq!(t, "Beach day\nSun.  end\n![alt](http://x) stays\n");
        assert_eq!(n, 2);
    }

    #[test]
    fn a_heading_first_line_is_the_title() {
        assert_eq!(
            heading("# A quiet day\n\nTea.\n"),
            (Some("A quiet day".to_string()), "Tea.\n")
        );
        assert_eq!(heading("No heading\nhere"), (None, "No heading\nhere"));
        assert_eq!(heading("# Only\n"), (None, "# Only\n"));
    }
}
