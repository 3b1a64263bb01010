//! A daily check-in: how a moment felt, with what was noticed and done.

use chrono::{DateTime, FixedOffset, NaiveDate};
use uuid::Uuid;

use super::{Energy, Label, Mood, PartRating, Reading, Scale};

/// The three parts of self-compassion a check-in can rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Kindness,
    Humanity,
    Mindfulness,
}

impl Part {
    pub const ALL: [Part; 3] = [Part::Kindness, Part::Humanity, Part::Mindfulness];

    pub fn field(self) -> &'static str {
        match self {
            Part::Kindness => "kindness",
            Part::Humanity => "humanity",
            Part::Mindfulness => "mindfulness",
        }
    }

    /// What the part asks, in a line, with what the ends of its 1–5 scale mean.
    pub fn meaning(self) -> &'static str {
        match self {
            Part::Kindness => {
                "Kindness: meeting yourself with warmth rather than judgement. 1 harsh, 5 gentle."
            }
            Part::Humanity => {
                "Common humanity: hard times are part of every life, not a sign you're on your own. 1 alone, 5 in good company."
            }
            Part::Mindfulness => {
                "Mindfulness: holding what you feel in balance, neither pushed away nor swept up. 1 swept up, 5 steady."
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckIn {
    pub id: Uuid,
    /// When it was felt, with the offset the person was living in then.
    pub at: DateTime<FixedOffset>,
    pub mood: Mood,
    pub energy: Option<Energy>,
    pub emotions: Vec<Label>,
    pub rituals: Vec<Label>,
    pub kindness: Option<PartRating>,
    pub humanity: Option<PartRating>,
    pub mindfulness: Option<PartRating>,
    /// Free text; `None` rather than an empty string when nothing was written.
    pub note: Option<String>,
    /// The person's own measures kept per check-in, each once, in the order given.
    pub measures: Vec<Reading>,
}

impl CheckIn {
    pub fn new(at: DateTime<FixedOffset>, mood: Mood) -> Self {
        Self {
            id: Uuid::new_v4(),
            at,
            mood,
            energy: None,
            emotions: Vec::new(),
            rituals: Vec::new(),
            kindness: None,
            humanity: None,
            mindfulness: None,
            note: None,
            measures: Vec::new(),
        }
    }

    /// The calendar day the person lived this on.
    pub fn day(&self) -> NaiveDate {
        self.at.date_naive()
    }

    pub fn part(&self, part: Part) -> Option<PartRating> {
        match part {
            Part::Kindness => self.kindness,
            Part::Humanity => self.humanity,
            Part::Mindfulness => self.mindfulness,
        }
    }

    /// Stores a note, treating blank text as no note.
    pub fn set_note(&mut self, text: &str) {
        let trimmed = text.trim_end();
        self.note = if trimmed.trim().is_empty() {
            None
        } else {
            Some(trimmed.to_string())
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_note_is_no_note() {
        let at = DateTime::parse_from_rfc3339("2026-11-29T09:00:00+01:00").unwrap();
        let mut c = CheckIn::new(at, Mood::new(5).unwrap());
        c.set_note("  \n ");
        assert_eq!(c.note, None);
        c.set_note("slept well\n");
        assert_eq!(c.note.as_deref(), Some("slept well"));
        assert_eq!(c.day(), NaiveDate::from_ymd_opt(2026, 11, 29).unwrap());
    }
}

/// One lived day, summarised from its check-ins: what the trends are built from.
#[derive(Debug, Clone, PartialEq)]
pub struct DaySummary {
    pub day: NaiveDate,
    /// The mean of the day's check-in moods.
    pub mood: f64,
    pub checkins: u32,
    /// Rituals named in any of the day's check-ins, each once, sorted.
    pub rituals: Vec<String>,
    /// Mean energy over the day's check-ins that gave one.
    pub energy: Option<f64>,
    /// Mean kindness, humanity and mindfulness over the day's check-ins that rated them.
    pub parts: [Option<f64>; 3],
}

/// Summarises check-ins by the day they were lived (the same maths the store does in SQL).
pub fn summarise_days(checkins: &[CheckIn]) -> Vec<DaySummary> {
    let mut by_day: std::collections::BTreeMap<NaiveDate, Vec<&CheckIn>> = Default::default();
    for c in checkins {
        by_day.entry(c.day()).or_default().push(c);
    }
    by_day
        .into_iter()
        .map(|(day, cs)| {
            let n = cs.len() as f64;
            let mut rituals: Vec<String> = cs
                .iter()
                .flat_map(|c| c.rituals.iter().map(|r| r.to_string()))
                .collect();
            rituals.sort();
            rituals.dedup();
            let energy: Vec<f64> = cs
                .iter()
                .filter_map(|c| c.energy.map(|e| f64::from(e.get())))
                .collect();
            let part = |p: Part| {
                let rated: Vec<f64> = cs
                    .iter()
                    .filter_map(|c| c.part(p).map(|v| f64::from(v.get())))
                    .collect();
                (!rated.is_empty()).then(|| rated.iter().sum::<f64>() / rated.len() as f64)
            };
            DaySummary {
                day,
                mood: cs.iter().map(|c| f64::from(c.mood.get())).sum::<f64>() / n,
                checkins: cs.len() as u32,
                rituals,
                energy: (!energy.is_empty())
                    .then(|| energy.iter().sum::<f64>() / energy.len() as f64),
                parts: [
                    part(Part::Kindness),
                    part(Part::Humanity),
                    part(Part::Mindfulness),
                ],
            }
        })
        .collect()
}
