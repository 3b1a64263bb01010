//! The pieces of the check-in form: its fields, where the focus is, and the chip sets
//! (emotions, rituals) with the ones picked and a cursor.

use crate::domain::{Energy, Label, Mood, PartRating};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Mood,
    Energy,
    Emotions,
    Rituals,
    Kindness,
    Humanity,
    Mindfulness,
    /// One of the person's own measures, by its place on the form.
    Measure(u8),
    Note,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::Mood,
        Field::Energy,
        Field::Emotions,
        Field::Rituals,
        Field::Kindness,
        Field::Humanity,
        Field::Mindfulness,
        Field::Note,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Mood => "Mood",
            Field::Energy => "Energy",
            Field::Emotions => "Emotions",
            Field::Rituals => "Rituals",
            Field::Kindness => "Kindness",
            Field::Humanity => "Humanity",
            Field::Mindfulness => "Mindfulness",
            Field::Measure(_) => "Measure",
            Field::Note => "Note",
        }
    }

    pub fn index(self) -> usize {
        Field::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }

    pub fn part(self) -> Option<usize> {
        match self {
            Field::Kindness => Some(0),
            Field::Humanity => Some(1),
            Field::Mindfulness => Some(2),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Field(Field),
    History,
}

/// A set of choices (emotions or rituals) with the ones picked and a cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chips {
    pub vocab: Vec<String>,
    pub picked: Vec<String>,
    pub cursor: usize,
}

impl Chips {
    pub fn new(vocab: Vec<String>) -> Self {
        Self {
            vocab,
            picked: Vec::new(),
            cursor: 0,
        }
    }

    pub fn toggle(&mut self) {
        let Some(name) = self.vocab.get(self.cursor).cloned() else {
            return;
        };
        if let Some(i) = self.picked.iter().position(|p| *p == name) {
            self.picked.remove(i);
        } else {
            self.picked.push(name);
        }
    }

    pub fn move_cursor(&mut self, right: bool) {
        let last = self.vocab.len().saturating_sub(1);
        self.cursor = if right {
            (self.cursor + 1).min(last)
        } else {
            self.cursor.saturating_sub(1)
        };
    }

    /// Picks exactly these, adding any the vocabulary lacks so they can be seen and unpicked.
    pub fn set(&mut self, names: &[String]) {
        for n in names {
            if !self.vocab.contains(n) {
                self.vocab.push(n.clone());
            }
        }
        self.picked = names.to_vec();
    }

    /// Offers every name of `vocabulary` not offered yet, after those already here.
    pub fn widen(&mut self, vocabulary: Vec<String>) {
        for name in vocabulary {
            if !self.vocab.iter().any(|v| v.eq_ignore_ascii_case(&name)) {
                self.vocab.push(name);
            }
        }
    }

    pub fn labels(&self, field: &str) -> Vec<Label> {
        self.picked
            .iter()
            .filter_map(|p| Label::new(field, p).ok())
            .collect()
    }
}

/// What the form's rows hold, to be put back when a key turns out to have begun a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows {
    pub(super) mood: Option<Mood>,
    pub(super) energy: Option<Energy>,
    pub(super) parts: [Option<PartRating>; 3],
    pub(super) emotions: Chips,
    pub(super) rituals: Chips,
    pub(super) focus: Focus,
    /// The measures' values (h and l step them too).
    pub(super) values: Vec<Option<crate::domain::Amount>>,
}

/// A letter (and maybe a space after it) that acted on the form's rows, and the rows as
/// they were before it: the start of a word if a letter follows that no key here takes.
#[derive(Debug, Clone)]
pub struct WordStart {
    pub(super) letters: String,
    pub(super) before: Rows,
    /// The rows once the letter had acted; a word is only taken up while they still are.
    pub(super) after: Option<Rows>,
}

/// What the form's one-line question asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    When,
    /// A new choice for this row (Emotions or Rituals).
    New(Field),
    /// A value typed for the measure at this place on the form.
    Measure(u8),
}

impl super::CheckinPane {
    /// A letter typed on the form or the day list, where no key answers it: it starts (or
    /// carries on) the note, so the words being typed land there instead of vanishing.
    pub(super) fn take_typed(&mut self, typed: &str) -> Option<crate::tui::pane::Outcome> {
        if self.pause.is_some() || self.asking.is_some() {
            return None;
        }
        if let Focus::Field(Field::Measure(i)) = self.focus
            && typed.starts_with('.')
            && self.open_measure(i, typed)
        {
            return Some(crate::tui::pane::Outcome {
                changed: true,
                ..crate::tui::pane::Outcome::quiet()
            });
        }
        self.focus = Focus::Field(Field::Note);
        self.writing = true;
        self.note.insert_str(typed);
        crate::tui::widgets::show_cursor(&mut self.note, true);
        // Words going into a saved check-in opened a key ago say whose note it is, and how
        // to leave it as it was.
        let mut line = match &self.editing {
            Some(c) => format!(
                "Your words go in the note of the check-in from {}: Ctrl-S saves; Esc, then Esc again, leaves it as it was.",
                c.at.format("%a %H:%M")
            ),
            None => String::from("Your words go in the note: Esc when done, Ctrl-S saves."),
        };
        if let Some(undo) = self.list.undo_line() {
            line = format!("{line} On the day list, {undo}");
        }
        Some(crate::tui::pane::Outcome {
            changed: true,
            ..crate::tui::pane::Outcome::said(line)
        })
    }
}
