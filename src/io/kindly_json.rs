//! kindly's own JSON format, defined once: the export writes these types and the import
//! (and anything else that carries whole records) reads them. Lossless, stable ids, times
//! in RFC 3339 with offset.
//!
//! A later kindly may add fields: every field that was not in version 1 from the start is
//! optional (`#[serde(default)]`), so older files read, and unknown fields are passed over.
//! A file whose `version` is newer than this kindly knows is refused with a clear line.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::measures_json::{DayRecord, MeasureRecord, ValueRecord, measures_of, readings};
use super::source::{Parsed, bad, json_problem};
use crate::domain::time::format_at;
use crate::domain::{
    Break, CheckIn, Energy, Entry, EntryKind, FeltEmotion, Helps, InvalidInput, Journal, Label,
    MarkedKind, Mood, PartRating, Percent, PersonalLists, Scale, SessionMark, Thought,
};

pub const FORMAT: &str = "kindly";
pub const VERSION: u32 = 1;

/// The whole document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub checkins: Vec<CheckInRecord>,
    #[serde(default)]
    pub thoughts: Vec<ThoughtRecord>,
    #[serde(default)]
    pub entries: Vec<EntryRecord>,
    #[serde(default)]
    pub breaks: Vec<BreakRecord>,
    /// What the person wants to bring to their next session (added in kindly 0.3; optional).
    #[serde(default)]
    pub session: Vec<SessionRecord>,
    /// The person's own lists: `deck_removed` (lines taken out of the deck of kind words),
    /// `added_emotions` and `added_rituals` (choices added in the check-in form). Added in
    /// kindly 0.4; optional, and left out when empty. Only a whole export carries them.
    #[serde(default, skip_serializing_if = "PersonalLists::is_empty")]
    pub personal: PersonalLists,
    /// The person's own measures (definitions, with their ids), and the values kept per
    /// day. Added in kindly 0.5; optional, and left out when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<MeasureRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<DayRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInRecord {
    pub id: String,
    pub at: String,
    pub mood: u8,
    #[serde(default)]
    pub energy: Option<u8>,
    #[serde(default)]
    pub emotions: Vec<String>,
    #[serde(default)]
    pub rituals: Vec<String>,
    #[serde(default)]
    pub kindness: Option<u8>,
    #[serde(default)]
    pub humanity: Option<u8>,
    #[serde(default)]
    pub mindfulness: Option<u8>,
    #[serde(default)]
    pub note: Option<String>,
    /// Values of measures kept per check-in (added in kindly 0.5; left out when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<ValueRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmotionRecord {
    pub name: String,
    #[serde(default)]
    pub intensity: Option<u8>,
    #[serde(default)]
    pub intensity_after: Option<u8>,
}

/// A thought record as exported. Relief is not stored: it is `belief - belief_after`, and
/// the drop in mean `intensity` over emotions that have both values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThoughtRecord {
    pub id: String,
    pub at: String,
    #[serde(default)]
    pub situation: Option<String>,
    pub thought: String,
    #[serde(default)]
    pub voice: Option<String>,
    #[serde(default)]
    pub emotions: Vec<EmotionRecord>,
    #[serde(default)]
    pub belief: Option<u8>,
    #[serde(default)]
    pub belief_after: Option<u8>,
    #[serde(default)]
    pub distortions: Vec<String>,
    #[serde(default)]
    pub friend: Option<String>,
    /// "helping", "hurting", "both" or "unsure": is this thought helping or hurting me?
    #[serde(default)]
    pub helps: Option<String>,
    #[serde(default)]
    pub evidence_for: Option<String>,
    #[serde(default)]
    pub evidence_against: Option<String>,
    #[serde(default)]
    pub reframe: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryRecord {
    pub id: String,
    pub at: String,
    pub kind: String,
    #[serde(default)]
    pub title: Option<String>,
    pub body: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// The prompt a letter was written from: "friend", "younger-self", "loving-parent", or
    /// the person's own words.
    #[serde(default)]
    pub prompt: Option<String>,
    /// Lines chosen from the text for the deck of kind words.
    #[serde(default)]
    pub kept_lines: Vec<String>,
}

/// A self-compassion break: moods before and after, and the line written at each step
/// (`moment`: naming the pain; `shared`: struggle is shared; `wish`: a kind wish).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakRecord {
    pub id: String,
    pub at: String,
    pub mood_before: u8,
    #[serde(default)]
    pub mood_after: Option<u8>,
    #[serde(default)]
    pub moment: Option<String>,
    #[serde(default)]
    pub shared: Option<String>,
    #[serde(default)]
    pub wish: Option<String>,
}

/// A mark "to bring up" in the next session: on a record (`record` is its id, `kind` its
/// kind: `checkin`, `thought`, `entry` or `break`), or a note alone (`record` null, `kind`
/// `note`); `done_at` once it has been talked about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub id: String,
    #[serde(default)]
    pub record: Option<String>,
    pub kind: String,
    #[serde(default)]
    pub note: Option<String>,
    pub added_at: String,
    #[serde(default)]
    pub done_at: Option<String>,
}

impl From<&SessionMark> for SessionRecord {
    fn from(m: &SessionMark) -> Self {
        Self {
            id: m.id.to_string(),
            record: m.record.map(|(_, id)| id.to_string()),
            kind: m.record.map_or("note", |(k, _)| k.as_str()).to_string(),
            note: m.note.clone(),
            added_at: format_at(&m.added_at),
            done_at: m.done_at.as_ref().map(format_at),
        }
    }
}

impl SessionRecord {
    pub fn to_domain(&self, place: &str) -> Result<SessionMark, InvalidInput> {
        let record = match (&self.record, self.kind.as_str()) {
            (None, "note") => None,
            (Some(id), kind) => Some((
                MarkedKind::parse(kind).ok_or_else(|| {
                    bad(
                        place,
                        format!(
                            "kind '{kind}' isn't one of checkin, thought, entry, break or note"
                        ),
                    )
                })?,
                id_of(place, id)?,
            )),
            (None, kind) => {
                return Err(bad(
                    place,
                    format!("a mark of kind '{kind}' needs the id of its record"),
                ));
            }
        };
        let note = self.note.as_deref().and_then(crate::domain::optional_text);
        if record.is_none() && note.is_none() {
            return Err(bad(place, "a note alone needs its words"));
        }
        Ok(SessionMark {
            id: id_of(place, &self.id)?,
            record,
            note: self.note.clone().filter(|n| !n.trim().is_empty()),
            added_at: at_of(place, &self.added_at)?,
            done_at: self
                .done_at
                .as_deref()
                .map(|t| at_of(place, t))
                .transpose()?,
        })
    }
}

fn names(labels: &[Label]) -> Vec<String> {
    labels.iter().map(Label::to_string).collect()
}

impl From<&CheckIn> for CheckInRecord {
    fn from(c: &CheckIn) -> Self {
        Self {
            id: c.id.to_string(),
            at: format_at(&c.at),
            mood: c.mood.get(),
            energy: c.energy.map(Energy::get),
            emotions: names(&c.emotions),
            rituals: names(&c.rituals),
            kindness: c.kindness.map(PartRating::get),
            humanity: c.humanity.map(PartRating::get),
            mindfulness: c.mindfulness.map(PartRating::get),
            note: c.note.clone(),
            measures: c.measures.iter().map(ValueRecord::from).collect(),
        }
    }
}

impl From<&Thought> for ThoughtRecord {
    fn from(t: &Thought) -> Self {
        Self {
            id: t.id.to_string(),
            at: format_at(&t.at),
            situation: t.situation.clone(),
            thought: t.thought.clone(),
            voice: t.voice.clone(),
            emotions: t
                .emotions
                .iter()
                .map(|e| EmotionRecord {
                    name: e.name.to_string(),
                    intensity: e.intensity.map(Percent::get),
                    intensity_after: e.intensity_after.map(Percent::get),
                })
                .collect(),
            belief: t.belief.map(Percent::get),
            belief_after: t.belief_after.map(Percent::get),
            distortions: names(&t.distortions),
            friend: t.friend.clone(),
            helps: t.helps.map(|h| h.as_str().to_string()),
            evidence_for: t.evidence_for.clone(),
            evidence_against: t.evidence_against.clone(),
            reframe: t.reframe.clone(),
        }
    }
}

impl From<&Entry> for EntryRecord {
    fn from(e: &Entry) -> Self {
        Self {
            id: e.id.to_string(),
            at: format_at(&e.at),
            kind: e.kind.as_str().to_string(),
            title: e.title.clone(),
            body: e.body.clone(),
            tags: names(&e.tags),
            prompt: e.prompt.clone(),
            kept_lines: e.kept_lines.clone(),
        }
    }
}

impl From<&Break> for BreakRecord {
    fn from(b: &Break) -> Self {
        Self {
            id: b.id.to_string(),
            at: format_at(&b.at),
            mood_before: b.mood_before.get(),
            mood_after: b.mood_after.map(Mood::get),
            moment: b.moment.clone(),
            shared: b.shared.clone(),
            wish: b.wish.clone(),
        }
    }
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

/// A 0–100 rating, or a 1–5 or 1–10 scale, named by its field when it is out of range.
fn scale<S: Scale>(place: &str, name: &str, v: Option<u8>) -> Result<Option<S>, InvalidInput> {
    v.map(|v| S::new(v).map_err(|e| bad(place, e.for_field(name))))
        .transpose()
}

impl CheckInRecord {
    /// The check-in this record describes; `place` names it in any complaint.
    pub fn to_domain(&self, place: &str) -> Result<CheckIn, InvalidInput> {
        let mood = Mood::new(self.mood).map_err(|e| bad(place, e))?;
        let mut c = CheckIn::new(at_of(place, &self.at)?, mood);
        c.id = id_of(place, &self.id)?;
        c.energy = self
            .energy
            .map(Energy::new)
            .transpose()
            .map_err(|e| bad(place, e))?;
        c.emotions = labels(place, "emotions", &self.emotions)?;
        c.rituals = labels(place, "rituals", &self.rituals)?;
        c.kindness = scale(place, "kindness", self.kindness)?;
        c.humanity = scale(place, "humanity", self.humanity)?;
        c.mindfulness = scale(place, "mindfulness", self.mindfulness)?;
        c.note = self.note.clone();
        c.measures = readings(place, &self.measures)?;
        Ok(c)
    }
}

impl ThoughtRecord {
    pub fn to_domain(&self, place: &str) -> Result<Thought, InvalidInput> {
        let mut t =
            Thought::new(at_of(place, &self.at)?, &self.thought).map_err(|e| bad(place, e))?;
        t.id = id_of(place, &self.id)?;
        t.thought = self.thought.clone();
        t.situation = self.situation.clone();
        t.voice = self.voice.clone();
        t.belief = scale(place, "belief", self.belief)?;
        t.belief_after = scale(place, "belief_after", self.belief_after)?;
        t.distortions = labels(place, "distortions", &self.distortions)?;
        t.friend = self.friend.clone();
        t.helps = self
            .helps
            .as_deref()
            .map(|h| {
                Helps::parse(h).ok_or_else(|| {
                    bad(
                        place,
                        format!("helps '{h}' is not one of helping, hurting, both, unsure"),
                    )
                })
            })
            .transpose()?;
        t.evidence_for = self.evidence_for.clone();
        t.evidence_against = self.evidence_against.clone();
        t.reframe = self.reframe.clone();
        for e in &self.emotions {
            t.emotions.push(FeltEmotion {
                name: Label::new("emotions", &e.name).map_err(|x| bad(place, x))?,
                intensity: scale(place, "intensity", e.intensity)?,
                intensity_after: scale(place, "intensity_after", e.intensity_after)?,
            });
        }
        Ok(t)
    }
}

impl EntryRecord {
    pub fn to_domain(&self, place: &str) -> Result<Entry, InvalidInput> {
        let kind = EntryKind::parse(&self.kind).ok_or_else(|| {
            bad(
                place,
                format!("kind '{}' is neither journal nor letter", self.kind),
            )
        })?;
        let mut e =
            Entry::new(at_of(place, &self.at)?, kind, &self.body).map_err(|x| bad(place, x))?;
        e.id = id_of(place, &self.id)?;
        e.body = self.body.clone();
        e.title = self.title.clone();
        e.tags = labels(place, "tags", &self.tags)?;
        e.prompt = self.prompt.clone();
        e.kept_lines = self.kept_lines.clone();
        Ok(e)
    }
}

impl BreakRecord {
    pub fn to_domain(&self, place: &str) -> Result<Break, InvalidInput> {
        let before =
            Mood::new(self.mood_before).map_err(|e| bad(place, e.for_field("mood_before")))?;
        let mut b = Break::new(at_of(place, &self.at)?, before);
        b.id = id_of(place, &self.id)?;
        b.mood_after = scale(place, "mood_after", self.mood_after)?;
        b.moment = self.moment.clone();
        b.shared = self.shared.clone();
        b.wish = self.wish.clone();
        Ok(b)
    }
}

impl Document {
    /// The export document of a journal.
    pub fn of(j: &Journal) -> Self {
        Self {
            format: FORMAT.into(),
            version: VERSION,
            checkins: j.checkins.iter().map(CheckInRecord::from).collect(),
            thoughts: j.thoughts.iter().map(ThoughtRecord::from).collect(),
            entries: j.entries.iter().map(EntryRecord::from).collect(),
            breaks: j.breaks.iter().map(BreakRecord::from).collect(),
            session: j.session.iter().map(SessionRecord::from).collect(),
            personal: PersonalLists::default(),
            measures: j.measures.iter().map(MeasureRecord::from).collect(),
            days: j.days.iter().map(DayRecord::from).collect(),
        }
    }

    /// The same document carrying the person's own lists.
    pub fn with_personal(mut self, personal: PersonalLists) -> Self {
        self.personal = personal;
        self
    }

    /// The journal the document describes, every record checked.
    pub fn to_journal(&self) -> Result<Journal, InvalidInput> {
        if self.format != FORMAT {
            return Err(bad(
                "the top",
                format!("this isn't a kindly export (format is '{}')", self.format),
            ));
        }
        if self.version > VERSION {
            return Err(bad(
                "the top",
                format!(
                    "this export is from a newer kindly (version {}; this one reads up to {VERSION}); please update kindly",
                    self.version
                ),
            ));
        }
        let mut j = Journal::default();
        for (i, r) in self.checkins.iter().enumerate() {
            j.checkins.push(r.to_domain(&format!("checkins[{i}]"))?);
        }
        for (i, r) in self.thoughts.iter().enumerate() {
            j.thoughts.push(r.to_domain(&format!("thoughts[{i}]"))?);
        }
        for (i, r) in self.entries.iter().enumerate() {
            j.entries.push(r.to_domain(&format!("entries[{i}]"))?);
        }
        for (i, r) in self.breaks.iter().enumerate() {
            j.breaks.push(r.to_domain(&format!("breaks[{i}]"))?);
        }
        for (i, r) in self.session.iter().enumerate() {
            j.session.push(r.to_domain(&format!("session[{i}]"))?);
        }
        (j.measures, j.days) = measures_of(&self.measures, &self.days, &j.checkins)?;
        Ok(j)
    }
}

/// Builds the export document.
pub fn export(j: &Journal) -> Document {
    Document::of(j)
}

/// Writes the document as pretty JSON with a trailing newline.
pub fn write(doc: &Document, out: &mut impl std::io::Write) -> std::io::Result<()> {
    super::json_out::to_writer_pretty(&mut *out, doc)?;
    out.write_all(b"\n")
}

/// Reads kindly's own export (any version this binary knows).
pub fn read(text: &str) -> Result<Parsed, InvalidInput> {
    // The format and version are looked at first, so a newer file is refused for what it
    // is rather than for a field this kindly doesn't know how to read.
    #[derive(Deserialize)]
    struct Head {
        format: Option<String>,
        version: Option<u32>,
    }
    if let Ok(Head {
        format: Some(format),
        version: Some(version),
    }) = serde_json::from_str::<Head>(text)
        && (format != FORMAT || version > VERSION)
    {
        let head = Document {
            format,
            version,
            checkins: Vec::new(),
            thoughts: Vec::new(),
            entries: Vec::new(),
            breaks: Vec::new(),
            session: Vec::new(),
            personal: PersonalLists::default(),
            measures: Vec::new(),
            days: Vec::new(),
        };
        head.to_journal()?;
    }
    let doc: Document = serde_json::from_str(text).map_err(|e| json_problem(&e))?;
    let mut parsed: Parsed = doc.to_journal()?.into();
    doc.personal
        .check()
        .map_err(|e| bad(format!("personal.{}", e.field), e.problem))?;
    parsed.personal = doc.personal;
    Ok(parsed)
}

#[cfg(test)]
#[path = "kindly_json_tests.rs"]
mod tests;
