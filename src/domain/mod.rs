//! Plain types and rules for what a person records: no SQL, no terminal.

mod care;
mod checkin;
mod entry;
mod ids;
mod keeping;
mod label;
mod lexicon;
mod measure;
mod measures_kept;
mod personal;
mod prompts;
mod scale;
mod session;
mod shown;
mod thought;
pub mod time;
mod traps;
pub mod when;
pub mod words;

pub use care::{CrisisWords, read_ahead as read_crisis_words_ahead, support_line};
pub use checkin::{CheckIn, DaySummary, Part, summarise_days};
pub use entry::{Break, Entry, EntryKind};
pub use ids::{id_start, short_id, told_apart};
pub use keeping::BackupsKept;
pub use label::{Label, parse_label_list};
pub use measure::{
    Amount, CheckinReading, DayReading, Measure, MeasureKind, Per, Reading, show_number,
};
pub use measures_kept::{
    MeasureSpec, RawMeasure, first_id, resolve_all as resolve_measures, settle,
};
pub use personal::PersonalLists;
pub use prompts::{LetterPrompt, letter_prompt_words, letter_prompts};
pub use scale::{Energy, Mood, PartRating, Percent, Scale};
pub use session::{MarkedKind, SessionMark};
pub use shown::{control_stand_in, is_hidden_format, visible, visible_line, visible_markdown};
pub use thought::{FeltEmotion, Helps, Thought, optional_text, parse_felt_emotion};
pub use traps::{Trap, Traps};

/// A value a person gave that kindly cannot accept, named by its field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field} {problem}")]
pub struct InvalidInput {
    pub field: String,
    pub problem: String,
}

impl InvalidInput {
    pub fn new(field: impl Into<String>, problem: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            problem: problem.into(),
        }
    }

    /// The same problem, told about another field (a shared parser names the flag it read).
    pub fn for_field(mut self, field: &str) -> Self {
        self.field = field.to_string();
        self
    }
}

/// Everything a person has recorded, each kind oldest first: what an export holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Journal {
    pub checkins: Vec<CheckIn>,
    pub thoughts: Vec<Thought>,
    pub entries: Vec<Entry>,
    pub breaks: Vec<Break>,
    /// What the person wants to bring to their next session.
    pub session: Vec<SessionMark>,
    /// The person's own measures, and the values kept per day (those kept per check-in are
    /// on the check-ins).
    pub measures: Vec<Measure>,
    pub days: Vec<DayReading>,
}

/// The most kindly keeps in one text (a note, a body, a reframe): far beyond any page a
/// person writes, and small enough that one text can never exhaust the memory.
pub const MAX_TEXT: usize = 10 * 1024 * 1024;

impl Journal {
    /// The length in bytes of the longest text any record holds: for refusing a file whose
    /// note is too big to keep.
    pub fn longest_text(&self) -> usize {
        let len = |t: &Option<String>| t.as_ref().map_or(0, String::len);
        let c = self.checkins.iter().map(|c| len(&c.note));
        let t = self.thoughts.iter().flat_map(|t| {
            [
                t.thought.len(),
                len(&t.situation),
                len(&t.voice),
                len(&t.friend),
                len(&t.evidence_for),
                len(&t.evidence_against),
                len(&t.reframe),
            ]
        });
        let e = self
            .entries
            .iter()
            .flat_map(|e| [e.body.len(), len(&e.title)]);
        let b = self
            .breaks
            .iter()
            .flat_map(|b| [len(&b.moment), len(&b.shared), len(&b.wish)]);
        let s = self.session.iter().map(|m| len(&m.note));
        c.chain(t).chain(e).chain(b).chain(s).max().unwrap_or(0)
    }
}

/// Line ends as terminals and other systems send them (CR from a paste, CRLF from
/// Windows) become the newline kindly keeps, so paragraphs stay paragraphs.
pub fn paragraphs(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The same for a field that may be empty.
pub fn paragraphs_in(text: Option<String>) -> Option<String> {
    text.map(|t| if t.contains('\r') { paragraphs(&t) } else { t })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_line_end_becomes_a_newline() {
        assert_eq!(paragraphs("a\rb\r\nc\n\r\rd"), "a\nb\nc\n\n\nd");
        assert_eq!(paragraphs_in(Some("x\r\ny".into())), Some("x\ny".into()));
        assert_eq!(paragraphs_in(None), None);
    }
}
