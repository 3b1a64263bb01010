//! Daylio's CSV export: each row a check-in, its activities as rituals, its note kept. Reads
//! the current layouts (with or without `note_title`, with `scales`) and the 2017–2018 one
//! (`year,date,weekday,time,...` with dates like `June 22`).

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveTime};
use uuid::Uuid;

pub use super::source::mood_map_label;
use super::source::{Parsed, Problem, Zone, bad, clock, stable_id};
use crate::domain::{CheckIn, InvalidInput, Journal, Label, Mood, Scale};

/// Daylio's own five moods, in its order (its five mood groups); other labels need
/// `--mood-map` in a CSV (a backup says which group each belongs to).
pub const DAYLIO_MOODS: [(&str, u8); 5] = [
    ("rad", 10),
    ("good", 8),
    ("meh", 5),
    ("bad", 3),
    ("awful", 1),
];

/// Reads `LABEL=N,LABEL=N` into a mood map (labels compared without case). A label that
/// holds `,` or `=` is written in double quotes: `"so-so, really"=5`.
pub fn parse_mood_map(text: &str) -> Result<BTreeMap<String, Mood>, InvalidInput> {
    let mut map = BTreeMap::new();
    for item in split_outside_quotes(text, ',')
        .iter()
        .filter(|i| !i.trim().is_empty())
    {
        let mut pieces = split_outside_quotes(item, '=');
        let (label, value) = match pieces.pop() {
            Some(value) if !pieces.is_empty() => (pieces.join("="), value),
            _ => {
                return Err(InvalidInput::new(
                    "--mood-map",
                    format!(
                        "has '{}' without '=N'; write it as LABEL=N, e.g. \"content=7\"",
                        item.trim()
                    ),
                ));
            }
        };
        let label = unquote(&label);
        let mood = Mood::parse("--mood-map", &value).map_err(|_| {
            InvalidInput::new(
                "--mood-map",
                format!(
                    "gives '{label}' the value '{}'; moods are whole numbers from 1 to 10",
                    value.trim()
                ),
            )
        })?;
        map.insert(label.to_lowercase(), mood);
    }
    Ok(map)
}

/// Splits at `sep` where it isn't inside double quotes; quotes are kept.
fn split_outside_quotes(text: &str, sep: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut quoted = false;
    for c in text.chars() {
        if c == '"' {
            quoted = !quoted;
        }
        if c == sep && !quoted {
            parts.push(String::new());
        } else if let Some(last) = parts.last_mut() {
            last.push(c);
        }
    }
    parts
}

fn unquote(label: &str) -> String {
    let t = label.trim();
    t.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(t)
        .to_string()
}

/// Daylio's own labels with their numbers, then the person's own on top.
pub fn moods(extra: &BTreeMap<String, Mood>) -> BTreeMap<String, Mood> {
    let mut moods: BTreeMap<String, Mood> = DAYLIO_MOODS
        .iter()
        .filter_map(|(l, v)| Mood::new(*v).ok().map(|m| (l.to_string(), m)))
        .collect();
    moods.extend(extra.iter().map(|(k, v)| (k.clone(), *v)));
    moods
}

/// One Daylio check-in as written, before it becomes kindly's.
pub struct Row<'a> {
    pub place: String,
    pub day: NaiveDate,
    pub clock: NaiveTime,
    pub activities: Vec<&'a str>,
    pub title: &'a str,
    pub body: &'a str,
}

/// Builds the journal from rows already given a mood, with an id per row from its written
/// local date and minute (and its place among rows of the same minute: genuine same-minute
/// pairs are common), so the same row gets the same id whatever zone it is imported in and
/// whatever was changed in it. `at` gives each row's moment; `own_id` a format's own id.
#[derive(Default)]
pub struct Builder {
    journal: Journal,
    aliases: HashMap<Uuid, Uuid>,
    /// The rows seen in each minute, by what they say: a row written twice is one record,
    /// two different rows in a minute are two.
    in_minute: HashMap<(NaiveDate, String), Vec<String>>,
}

impl Builder {
    /// The id the row has in a CSV export; `content` is what it says (its mood,
    /// activities and note), which tells a repeated row from another in the same minute.
    pub fn row_id(&mut self, day: NaiveDate, clock: NaiveTime, content: String) -> Uuid {
        let minute = clock.format("%H:%M").to_string();
        let seen = self.in_minute.entry((day, minute.clone())).or_default();
        let n = match seen.iter().position(|c| *c == content) {
            Some(i) => i + 1,
            None => {
                seen.push(content);
                seen.len()
            }
        };
        stable_id(&["daylio-row", &day.to_string(), &minute, &n.to_string()])
    }

    /// Adds a check-in; `alias` is another id the same row had (an earlier kindly's, or
    /// the CSV's for a backup entry), so a journal holding that one keeps it.
    pub fn push(
        &mut self,
        row: &Row<'_>,
        at: chrono::DateTime<chrono::FixedOffset>,
        mood: Mood,
        id: Uuid,
        alias: Option<Uuid>,
    ) -> Result<(), InvalidInput> {
        let mut c = CheckIn::new(at, mood);
        let mut rituals: Vec<Label> = Vec::new();
        for a in row.activities.iter().filter(|a| !a.trim().is_empty()) {
            let label = Label::new("activities", a).map_err(|e| bad(&row.place, e))?;
            if !rituals.contains(&label) {
                rituals.push(label);
            }
        }
        c.rituals = rituals;
        // Windows line ends inside a note become plain newlines; nothing else changes, so
        // a note keeps every space it was written with.
        let title = row.title.replace("\r\n", "\n");
        let body = row.body.replace("\r\n", "\n");
        let text = match (title.trim().is_empty(), body.trim().is_empty()) {
            (false, false) => format!("{title}\n{body}"),
            (false, true) => title,
            _ => body,
        };
        c.note = (!text.trim().is_empty()).then_some(text);
        c.id = id;
        if let Some(alias) = alias {
            self.aliases.insert(id, alias);
        }
        self.journal.checkins.push(c);
        Ok(())
    }

    pub fn finish(self, adjusted: Vec<super::source::Skipped>) -> Parsed {
        Parsed {
            journal: self.journal,
            aliases: self.aliases,
            adjusted,
            ..Parsed::default()
        }
    }
}

/// The columns a layout keeps its fields in.
enum Layout {
    /// `full_date,date,weekday,time,mood,activities[,note_title],note[,scales]`
    Current {
        full_date: usize,
        note_title: Option<usize>,
    },
    /// `year,date,weekday,time,mood,activities,note` with dates like `June 22`.
    Older { year: usize, date: usize },
}

/// Reads a Daylio CSV export (any of its header forms, with or without a BOM, CRLF or LF).
pub fn read(
    bytes: &[u8],
    extra_moods: &BTreeMap<String, Mood>,
    zone: Zone,
) -> Result<Parsed, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let moods = moods(extra_moods);
    let mut reader = csv::ReaderBuilder::default()
        .flexible(false)
        .from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| bad("line 1", format!("the header can't be read ({e})")))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (Some(time), Some(mood), Some(activities), Some(note)) =
        (col("time"), col("mood"), col("activities"), col("note"))
    else {
        return Err(not_daylio().into());
    };
    let layout = match (col("full_date"), col("year"), col("date")) {
        (Some(full_date), ..) => Layout::Current {
            full_date,
            note_title: col("note_title"),
        },
        (None, Some(year), Some(date)) => Layout::Older { year, date },
        _ => return Err(not_daylio().into()),
    };
    let mut records = Vec::new();
    for record in reader.records() {
        records.push(record.map_err(|e| {
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
        })?);
    }
    let mut rows = Vec::with_capacity(records.len());
    let mut unmapped: BTreeMap<String, usize> = BTreeMap::new();
    for record in &records {
        let line = record.position().map_or(0, |p| p.line());
        let place = format!("line {line}");
        let field = |i: usize| record.get(i).unwrap_or_default();
        let day = match layout {
            Layout::Current { full_date, .. } => {
                NaiveDate::parse_from_str(field(full_date).trim(), "%Y-%m-%d").map_err(|_| {
                    bad(
                        &place,
                        format!(
                            "full_date '{}' is not a date like 2024-03-14",
                            field(full_date)
                        ),
                    )
                })?
            }
            Layout::Older { year, date } => older_date(field(year), field(date))
                .ok_or_else(|| older_date_problem(&place, field(year), field(date)))?,
        };
        let clock = clock(field(time)).ok_or_else(|| {
            bad(
                &place,
                format!("time '{}' is not like 21:05 or 9:05 pm", field(time)),
            )
        })?;
        let label = field(mood).trim();
        match moods.get(&label.to_lowercase()) {
            Some(m) => rows.push((
                Row {
                    place,
                    day,
                    clock,
                    activities: field(activities).split('|').map(str::trim).collect(),
                    title: match layout {
                        Layout::Current {
                            note_title: Some(t),
                            ..
                        } => field(t),
                        _ => "",
                    },
                    body: field(note),
                },
                *m,
                (field(mood), field(activities)),
            )),
            None => *unmapped.entry(label.to_string()).or_default() += 1,
        }
    }
    if !unmapped.is_empty() {
        return Err(Problem::UnknownMoods(unmapped.into_iter().collect()));
    }
    let mut out = Builder::default();
    let mut adjusted = Vec::new();
    for (row, mood_value, (written_mood, written_activities)) in rows {
        let at = zone.place_noting(row.day.and_time(row.clock), &row.place, &mut adjusted);
        let content = [written_mood, written_activities, row.title, row.body].join("\u{1f}");
        let id = out.row_id(row.day, row.clock, content);
        // The id an earlier kindly gave the same row, so journals imported then keep theirs.
        let legacy = stable_id(&[
            "daylio",
            &at.to_rfc3339(),
            written_mood,
            written_activities,
            row.title.trim(),
            row.body.trim(),
        ]);
        out.push(&row, at, mood_value, id, Some(legacy))?;
    }
    Ok(out.finish(adjusted))
}

fn not_daylio() -> InvalidInput {
    bad(
        "line 1",
        "this doesn't look like a Daylio export (it needs full_date, time, mood, activities and note columns)",
    )
}

/// The 2017–2018 layout's date: a year column and `June 22` (English month names).
fn older_date(year: &str, date: &str) -> Option<NaiveDate> {
    let text = format!("{} {}", year.trim(), date.trim());
    ["%Y %B %d", "%Y %d %B"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(&text, f).ok())
}

fn older_date_problem(place: &str, year: &str, date: &str) -> InvalidInput {
    bad(
        place,
        format!(
            "'{} {}' is a date in Daylio's older export layout, which kindly reads with English month names only; switch Daylio's language to English and export again, or import a Daylio backup (.daylio), which reads in every language",
            date.trim(),
            year.trim()
        ),
    )
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
    fn a_label_with_a_comma_or_equals_sign_is_quoted() {
        let m = parse_mood_map(r#""so-so, really"=5,"a=b"=4,plain=2"#).unwrap();
        assert_eq!(m["so-so, really"].get(), 5);
        assert_eq!(m["a=b"].get(), 4);
        assert_eq!(m["plain"].get(), 2);
        assert_eq!(mood_map_label("so-so, really"), "\"so-so, really\"");
        assert_eq!(mood_map_label("fine"), "fine");
    }

    #[test]
    fn older_layout_dates_read_in_english() {
        assert_eq!(
            older_date("2017", "June 22"),
            NaiveDate::from_ymd_opt(2017, 6, 22)
        );
        assert_eq!(
            older_date("2018", "Jan 3"),
            NaiveDate::from_ymd_opt(2018, 1, 3)
        );
        assert_eq!(older_date("2017", "22. Juni"), None);
    }
}
