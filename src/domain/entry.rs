//! Journal entries and compassionate letters, and the self-compassion break.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{InvalidInput, Label, Mood, optional_text};

/// A journal entry is free writing; a letter is written to yourself as a caring friend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    Journal,
    Letter,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Journal => "journal",
            EntryKind::Letter => "letter",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "journal" => Some(EntryKind::Journal),
            "letter" => Some(EntryKind::Letter),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: Uuid,
    pub at: DateTime<FixedOffset>,
    pub kind: EntryKind,
    pub title: Option<String>,
    /// Never empty.
    pub body: String,
    pub tags: Vec<Label>,
    /// What the letter was written from (a built-in prompt's key or the person's own words);
    /// never part of the body.
    pub prompt: Option<String>,
    /// Lines the person chose from the text for their deck of kind words.
    pub kept_lines: Vec<String>,
}

impl Entry {
    pub fn new(
        at: DateTime<FixedOffset>,
        kind: EntryKind,
        body: &str,
    ) -> Result<Self, InvalidInput> {
        let body = optional_text(body)
            .ok_or_else(|| InvalidInput::new("body", "is empty; write at least a few words"))?;
        Ok(Self {
            id: Uuid::new_v4(),
            at,
            kind,
            title: None,
            body,
            tags: Vec::new(),
            prompt: None,
            kept_lines: Vec::new(),
        })
    }

    pub fn day(&self) -> NaiveDate {
        self.at.date_naive()
    }

    /// The title, or the first words of the body when there is none.
    pub fn heading(&self) -> String {
        match &self.title {
            Some(t) => t.clone(),
            None => {
                let first = self
                    .body
                    .lines()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("");
                first.chars().take(60).collect()
            }
        }
    }

    pub fn words(&self) -> usize {
        self.body.split_whitespace().count()
    }
}

/// A one-minute self-compassion break: mood before and after, and a line for each step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Break {
    pub id: Uuid,
    pub at: DateTime<FixedOffset>,
    pub mood_before: Mood,
    pub mood_after: Option<Mood>,
    /// Step 1, mindfulness: naming this as a moment of pain.
    pub moment: Option<String>,
    /// Step 2, common humanity: struggle is part of every life.
    pub shared: Option<String>,
    /// Step 3, kindness: a kind wish to yourself.
    pub wish: Option<String>,
}

impl Break {
    pub fn new(at: DateTime<FixedOffset>, mood_before: Mood) -> Self {
        Self {
            id: Uuid::new_v4(),
            at,
            mood_before,
            mood_after: None,
            moment: None,
            shared: None,
            wish: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_needs_words_and_has_a_heading() {
        let at = DateTime::parse_from_rfc3339("2026-11-29T09:00:00+00:00").unwrap();
        assert!(Entry::new(at, EntryKind::Letter, "  \n").is_err());
        let mut e = Entry::new(at, EntryKind::Letter, "\nDear me,\nyou did well.").unwrap();
        assert_eq!(e.heading(), "Dear me,");
        e.title = Some("On a hard Tuesday".into());
        assert_eq!(e.heading(), "On a hard Tuesday");
        assert_eq!(e.words(), 5);
    }
}
