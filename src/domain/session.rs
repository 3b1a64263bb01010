//! "Bring this to my session": a mark on a record (or a note alone, a thing to remember)
//! that a person wants to talk about in therapy, kept until it has been talked about.

use chrono::{DateTime, FixedOffset};
use uuid::Uuid;

use super::{InvalidInput, optional_text};

/// What kind of record a mark is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkedKind {
    CheckIn,
    Thought,
    Entry,
    Break,
}

impl MarkedKind {
    /// How exports name it.
    pub fn as_str(self) -> &'static str {
        match self {
            MarkedKind::CheckIn => "checkin",
            MarkedKind::Thought => "thought",
            MarkedKind::Entry => "entry",
            MarkedKind::Break => "break",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            MarkedKind::CheckIn,
            MarkedKind::Thought,
            MarkedKind::Entry,
            MarkedKind::Break,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }

    /// What a person calls it.
    pub fn word(self) -> &'static str {
        match self {
            MarkedKind::CheckIn => "check-in",
            MarkedKind::Thought => "thought record",
            MarkedKind::Entry => "page",
            MarkedKind::Break => "break",
        }
    }
}

/// One thing to bring up in the next session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionMark {
    pub id: Uuid,
    /// The record it is on; none for a note alone.
    pub record: Option<(MarkedKind, Uuid)>,
    /// The person's own line ("ask about the panic on the train").
    pub note: Option<String>,
    pub added_at: DateTime<FixedOffset>,
    /// When it was talked about; none while it waits for the next session.
    pub done_at: Option<DateTime<FixedOffset>>,
}

impl SessionMark {
    /// A mark on a record, with an optional line.
    pub fn on(kind: MarkedKind, id: Uuid, note: Option<&str>, at: DateTime<FixedOffset>) -> Self {
        Self {
            // Time-ordered, so marks of the same second list in the order they were made,
            // and alike on every computer that holds them.
            id: Uuid::now_v7(),
            record: Some((kind, id)),
            note: note.and_then(optional_text),
            added_at: at,
            done_at: None,
        }
    }

    /// A note alone: a thing to remember, on no record.
    pub fn alone(note: &str, at: DateTime<FixedOffset>) -> Result<Self, InvalidInput> {
        let note = optional_text(note).ok_or_else(|| {
            InvalidInput::new(
                "--note",
                "is empty; a mark with no record needs a few words to remember it by",
            )
        })?;
        Ok(Self {
            id: Uuid::now_v7(),
            record: None,
            note: Some(note),
            added_at: at,
            done_at: None,
        })
    }
}
