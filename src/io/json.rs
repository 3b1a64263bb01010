//! kindly's own JSON format: lossless, stable ids, times in RFC 3339 with offset.

use serde::Serialize;

use crate::domain::{
    Break, CheckIn, Energy, Entry, Journal, Label, Mood, PartRating, Percent, Scale, Thought,
};
use crate::store::format_at;

pub const FORMAT: &str = "kindly";
pub const VERSION: u32 = 1;

#[derive(Debug, Serialize)]
pub struct Export {
    pub format: &'static str,
    pub version: u32,
    pub checkins: Vec<CheckInRecord>,
    pub thoughts: Vec<ThoughtRecord>,
    pub entries: Vec<EntryRecord>,
    pub breaks: Vec<BreakRecord>,
}

#[derive(Debug, Serialize)]
pub struct CheckInRecord {
    pub id: String,
    pub at: String,
    pub mood: u8,
    pub energy: Option<u8>,
    pub emotions: Vec<String>,
    pub rituals: Vec<String>,
    pub kindness: Option<u8>,
    pub humanity: Option<u8>,
    pub mindfulness: Option<u8>,
    pub note: Option<String>,
}

impl From<&CheckIn> for CheckInRecord {
    fn from(c: &CheckIn) -> Self {
        let names = |ls: &[Label]| ls.iter().map(|l| l.as_str().to_string()).collect();
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
        }
    }
}

#[derive(Debug, Serialize)]
pub struct EmotionRecord {
    pub name: String,
    pub intensity: Option<u8>,
    pub intensity_after: Option<u8>,
}

/// A thought record as exported. Relief is not stored: it is `belief - belief_after`, and
/// the drop in mean `intensity` over emotions that have both values.
#[derive(Debug, Serialize)]
pub struct ThoughtRecord {
    pub id: String,
    pub at: String,
    pub situation: Option<String>,
    pub thought: String,
    pub voice: Option<String>,
    pub emotions: Vec<EmotionRecord>,
    pub belief: Option<u8>,
    pub belief_after: Option<u8>,
    pub distortions: Vec<String>,
    pub friend: Option<String>,
    pub reframe: Option<String>,
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
            distortions: t.distortions.iter().map(Label::to_string).collect(),
            friend: t.friend.clone(),
            reframe: t.reframe.clone(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct EntryRecord {
    pub id: String,
    pub at: String,
    pub kind: &'static str,
    pub title: Option<String>,
    pub body: String,
    pub tags: Vec<String>,
}

impl From<&Entry> for EntryRecord {
    fn from(e: &Entry) -> Self {
        Self {
            id: e.id.to_string(),
            at: format_at(&e.at),
            kind: e.kind.as_str(),
            title: e.title.clone(),
            body: e.body.clone(),
            tags: e.tags.iter().map(Label::to_string).collect(),
        }
    }
}

/// A self-compassion break: moods before and after, and the line written at each step
/// (`moment`: naming the pain; `shared`: struggle is shared; `wish`: a kind wish).
#[derive(Debug, Serialize)]
pub struct BreakRecord {
    pub id: String,
    pub at: String,
    pub mood_before: u8,
    pub mood_after: Option<u8>,
    pub moment: Option<String>,
    pub shared: Option<String>,
    pub wish: Option<String>,
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

/// Builds the export document.
pub fn export(j: &Journal) -> Export {
    Export {
        format: FORMAT,
        version: VERSION,
        checkins: j.checkins.iter().map(CheckInRecord::from).collect(),
        thoughts: j.thoughts.iter().map(ThoughtRecord::from).collect(),
        entries: j.entries.iter().map(EntryRecord::from).collect(),
        breaks: j.breaks.iter().map(BreakRecord::from).collect(),
    }
}

/// Writes the document as pretty JSON with a trailing newline.
pub fn write(doc: &Export, out: &mut impl std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, doc)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Mood;
    use chrono::DateTime;

    #[test]
    fn absent_values_are_null_or_empty() {
        let at = DateTime::parse_from_rfc3339("2026-11-29T08:00:00+01:00").unwrap();
        let c = CheckIn::new(at, Mood::new(7).unwrap());
        let mut buf = Vec::new();
        write(
            &export(&Journal {
                checkins: vec![c.clone()],
                ..Journal::default()
            }),
            &mut buf,
        )
        .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
        assert_eq!(v["format"], "kindly");
        assert_eq!(v["version"], 1);
        let rec = &v["checkins"][0];
        assert_eq!(rec["id"], c.id.to_string());
        assert_eq!(rec["at"], "2026-11-29T08:00:00+01:00");
        assert_eq!(rec["mood"], 7);
        assert!(rec["energy"].is_null());
        assert!(rec["note"].is_null());
        assert_eq!(rec["emotions"], serde_json::json!([]));
        for key in ["thoughts", "entries", "breaks"] {
            assert_eq!(v[key], serde_json::json!([]));
        }
    }
}
