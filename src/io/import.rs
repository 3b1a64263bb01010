//! Reading journals in: kindly's own JSON export, a Daylio CSV export, and a jrnl JSON
//! export. Everything is checked before anything is written; the caller saves the result
//! in one transaction.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, Local, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use serde::Deserialize;
use uuid::Uuid;

use crate::domain::{
    Break, CheckIn, Energy, Entry, EntryKind, FeltEmotion, InvalidInput, Journal, Label, Mood,
    PartRating, Percent, Scale, Thought, optional_text,
};

/// A problem with the file being imported: where it is and what is wrong.
fn bad(place: impl std::fmt::Display, problem: impl std::fmt::Display) -> InvalidInput {
    InvalidInput::new(
        "import",
        format!("stopped at {place}: {problem}; nothing was imported"),
    )
}

/// Ids for records from other apps: the same row always gets the same id, so importing
/// a file twice adds nothing the second time.
const NAMESPACE: Uuid = Uuid::from_u128(0x6b69_6e64_6c79_4000_8000_696d_706f_7274);

fn stable_id(parts: &[&str]) -> Uuid {
    Uuid::new_v5(&NAMESPACE, parts.join("\u{1f}").as_bytes())
}

fn local(naive: NaiveDateTime) -> Option<DateTime<FixedOffset>> {
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|d| d.fixed_offset())
}

/// Where a JSON file stops making sense, and why, in a person's words.
fn json_problem(e: &serde_json::Error) -> InvalidInput {
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

// ---------------------------------------------------------------- kindly JSON

#[derive(Deserialize)]
struct Doc {
    format: String,
    version: u32,
    #[serde(default)]
    checkins: Vec<CheckInIn>,
    #[serde(default)]
    thoughts: Vec<ThoughtIn>,
    #[serde(default)]
    entries: Vec<EntryIn>,
    #[serde(default)]
    breaks: Vec<BreakIn>,
}

#[derive(Deserialize)]
struct CheckInIn {
    id: String,
    at: String,
    mood: u8,
    energy: Option<u8>,
    #[serde(default)]
    emotions: Vec<String>,
    #[serde(default)]
    rituals: Vec<String>,
    kindness: Option<u8>,
    humanity: Option<u8>,
    mindfulness: Option<u8>,
    note: Option<String>,
}

#[derive(Deserialize)]
struct EmotionIn {
    name: String,
    intensity: Option<u8>,
    intensity_after: Option<u8>,
}

#[derive(Deserialize)]
struct ThoughtIn {
    id: String,
    at: String,
    situation: Option<String>,
    thought: String,
    voice: Option<String>,
    #[serde(default)]
    emotions: Vec<EmotionIn>,
    belief: Option<u8>,
    belief_after: Option<u8>,
    #[serde(default)]
    distortions: Vec<String>,
    friend: Option<String>,
    reframe: Option<String>,
}

#[derive(Deserialize)]
struct EntryIn {
    id: String,
    at: String,
    kind: String,
    title: Option<String>,
    body: String,
    #[serde(default)]
    tags: Vec<String>,
}

#[derive(Deserialize)]
struct BreakIn {
    id: String,
    at: String,
    mood_before: u8,
    mood_after: Option<u8>,
    moment: Option<String>,
    shared: Option<String>,
    wish: Option<String>,
}

fn id_of(place: &str, id: &str) -> Result<Uuid, InvalidInput> {
    Uuid::parse_str(id).map_err(|_| bad(place, format!("id '{id}' is not a UUID")))
}

fn at_of(place: &str, at: &str) -> Result<DateTime<FixedOffset>, InvalidInput> {
    DateTime::parse_from_rfc3339(at)
        .map_err(|_| bad(place, format!("at '{at}' is not an RFC 3339 time")))
}

fn labels(place: &str, field: &str, names: &[String]) -> Result<Vec<Label>, InvalidInput> {
    names
        .iter()
        .map(|n| Label::new(field, n).map_err(|e| bad(place, e)))
        .collect()
}

/// Reads kindly's own export (any version this binary knows).
pub fn kindly_json(text: &str) -> Result<Journal, InvalidInput> {
    let doc: Doc = serde_json::from_str(text).map_err(|e| json_problem(&e))?;
    if doc.format != super::json::FORMAT {
        return Err(bad(
            "the top",
            format!("this isn't a kindly export (format is '{}')", doc.format),
        ));
    }
    if doc.version > super::json::VERSION {
        return Err(bad(
            "the top",
            format!(
                "this export is from a newer kindly (version {}; this one reads up to {}); please update kindly",
                doc.version,
                super::json::VERSION
            ),
        ));
    }
    let mut j = Journal::default();
    for (i, c) in doc.checkins.iter().enumerate() {
        let place = format!("checkins[{i}]");
        let p = place.as_str();
        let scale_err = |e: InvalidInput| bad(p, e);
        let mut ci = CheckIn::new(at_of(p, &c.at)?, Mood::new(c.mood).map_err(scale_err)?);
        ci.id = id_of(p, &c.id)?;
        ci.energy = c.energy.map(Energy::new).transpose().map_err(scale_err)?;
        ci.emotions = labels(p, "emotions", &c.emotions)?;
        ci.rituals = labels(p, "rituals", &c.rituals)?;
        let part = |v: Option<u8>, name: &str| {
            v.map(|v| PartRating::new(v).map_err(|e| bad(p, e.for_field(name))))
                .transpose()
        };
        ci.kindness = part(c.kindness, "kindness")?;
        ci.humanity = part(c.humanity, "humanity")?;
        ci.mindfulness = part(c.mindfulness, "mindfulness")?;
        ci.note = c.note.clone();
        j.checkins.push(ci);
    }
    for (i, t) in doc.thoughts.iter().enumerate() {
        let place = format!("thoughts[{i}]");
        let p = place.as_str();
        let pct = |v: Option<u8>, name: &str| {
            v.map(|v| Percent::new(v).map_err(|e| bad(p, e.for_field(name))))
                .transpose()
        };
        let mut th = Thought::new(at_of(p, &t.at)?, &t.thought).map_err(|e| bad(p, e))?;
        th.id = id_of(p, &t.id)?;
        th.thought = t.thought.clone();
        th.situation = t.situation.clone();
        th.voice = t.voice.clone();
        th.belief = pct(t.belief, "belief")?;
        th.belief_after = pct(t.belief_after, "belief_after")?;
        th.distortions = labels(p, "distortions", &t.distortions)?;
        th.friend = t.friend.clone();
        th.reframe = t.reframe.clone();
        for e in &t.emotions {
            th.emotions.push(FeltEmotion {
                name: Label::new("emotions", &e.name).map_err(|x| bad(p, x))?,
                intensity: pct(e.intensity, "intensity")?,
                intensity_after: pct(e.intensity_after, "intensity_after")?,
            });
        }
        j.thoughts.push(th);
    }
    for (i, e) in doc.entries.iter().enumerate() {
        let place = format!("entries[{i}]");
        let p = place.as_str();
        let kind = EntryKind::parse(&e.kind).ok_or_else(|| {
            bad(
                p,
                format!("kind '{}' is neither journal nor letter", e.kind),
            )
        })?;
        let mut en = Entry::new(at_of(p, &e.at)?, kind, &e.body).map_err(|x| bad(p, x))?;
        en.id = id_of(p, &e.id)?;
        en.body = e.body.clone();
        en.title = e.title.clone();
        en.tags = labels(p, "tags", &e.tags)?;
        j.entries.push(en);
    }
    for (i, b) in doc.breaks.iter().enumerate() {
        let place = format!("breaks[{i}]");
        let p = place.as_str();
        let mood = |v: u8, name: &str| Mood::new(v).map_err(|e| bad(p, e.for_field(name)));
        let mut br = Break::new(at_of(p, &b.at)?, mood(b.mood_before, "mood_before")?);
        br.id = id_of(p, &b.id)?;
        br.mood_after = b.mood_after.map(|v| mood(v, "mood_after")).transpose()?;
        br.moment = b.moment.clone();
        br.shared = b.shared.clone();
        br.wish = b.wish.clone();
        j.breaks.push(br);
    }
    Ok(j)
}

// ---------------------------------------------------------------- Daylio CSV

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

fn daylio_time(text: &str) -> Option<NaiveTime> {
    let t = text.trim();
    ["%H:%M", "%I:%M %p", "%I:%M%p", "%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(&t.to_uppercase(), f).ok())
}

/// Reads a Daylio CSV export (any of its header forms, with or without a BOM, CRLF or LF).
pub fn daylio_csv(
    bytes: &[u8],
    extra_moods: &BTreeMap<String, Mood>,
) -> Result<Journal, InvalidInput> {
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
        let clock = daylio_time(field(time)).ok_or_else(|| {
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
            Some(m) => rows.push((line, at, *m, record.clone())),
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
    for (line, at, mood_value, record) in rows {
        let field = |i: usize| record.get(i).unwrap_or_default();
        let mut c = CheckIn::new(at, mood_value);
        c.rituals = field(activities)
            .split('|')
            .filter(|a| !a.trim().is_empty())
            .map(|a| Label::new("activities", a).map_err(|e| bad(format!("line {line}"), e)))
            .collect::<Result<_, _>>()?;
        // Windows line ends inside a note become plain newlines.
        let title = note_title
            .map(field)
            .unwrap_or_default()
            .trim()
            .replace("\r\n", "\n");
        let body = field(note).trim().replace("\r\n", "\n");
        let (title, body) = (title.as_str(), body.as_str());
        c.set_note(&match (title.is_empty(), body.is_empty()) {
            (false, false) => format!("{title}\n{body}"),
            (false, true) => title.to_string(),
            _ => body.to_string(),
        });
        c.id = stable_id(&[
            "daylio",
            &at.to_rfc3339(),
            field(mood),
            field(activities),
            title,
            body,
        ]);
        j.checkins.push(c);
    }
    Ok(j)
}

// ---------------------------------------------------------------- jrnl JSON

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
pub fn jrnl_json(text: &str) -> Result<Journal, InvalidInput> {
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
        let clock = daylio_time(&e.time)
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
    Ok(j)
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

    #[test]
    fn daylio_times_in_both_clocks() {
        assert_eq!(daylio_time("21:05"), NaiveTime::from_hms_opt(21, 5, 0));
        assert_eq!(daylio_time("9:05 pm"), NaiveTime::from_hms_opt(21, 5, 0));
        assert_eq!(daylio_time("12:30 am"), NaiveTime::from_hms_opt(0, 30, 0));
        assert_eq!(daylio_time("teatime"), None);
    }

    #[test]
    fn the_same_row_always_gets_the_same_id() {
        assert_eq!(stable_id(&["a", "b"]), stable_id(&["a", "b"]));
        assert_ne!(stable_id(&["a", "b"]), stable_id(&["ab", ""]));
    }
}
