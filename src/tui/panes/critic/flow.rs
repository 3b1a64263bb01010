//! The thought-record flow: its steps, the record in progress, and its draft.

use chrono::{DateTime, FixedOffset};
use ratatui_textarea::TextArea;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::{FeltEmotion, Helps, Label, Percent, Scale, Thought, optional_text};
use crate::insights::alike::MetBefore;
use crate::tui::widgets::{editor, editor_text, show_cursor};

/// The steps of the flow, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    Situation,
    Thought,
    Voice,
    Feelings,
    Traps,
    Friend,
    Helps,
    EvidenceFor,
    EvidenceAgainst,
    Reframe,
    Rerate,
    Summary,
}

impl Step {
    pub const ALL: [Step; 12] = [
        Step::Situation,
        Step::Thought,
        Step::Voice,
        Step::Feelings,
        Step::Traps,
        Step::Friend,
        Step::Helps,
        Step::EvidenceFor,
        Step::EvidenceAgainst,
        Step::Reframe,
        Step::Rerate,
        Step::Summary,
    ];

    pub fn number(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }

    pub(super) fn next(self) -> Option<Step> {
        Step::ALL.get(self.number()).copied()
    }

    pub(super) fn prev(self) -> Option<Step> {
        self.number().checked_sub(2).map(|i| Step::ALL[i])
    }

    /// Whether the step is answered in an editor.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Step::Situation
                | Step::Thought
                | Step::Voice
                | Step::Friend
                | Step::EvidenceFor
                | Step::EvidenceAgainst
                | Step::Reframe
        )
    }
}

/// The time spans the list can be narrowed to, in days (`None`: all time).
pub const SPANS: [(Option<i64>, &str); 5] = [
    (None, "all time"),
    (Some(7), "last 7 days"),
    (Some(30), "last 30 days"),
    (Some(90), "last 90 days"),
    (Some(365), "last year"),
];

/// An emotion picked in the flow, with its intensity before and after.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Felt {
    pub name: String,
    pub before: Option<u8>,
    pub after: Option<u8>,
}

/// A half-done record, as autosaved and offered back.
/// Every field is optional when read back, so a draft written by another version of
/// kindly still opens here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub step: Option<Step>,
    pub situation: String,
    pub thought: String,
    pub voice: String,
    pub felt: Vec<Felt>,
    pub belief: Option<u8>,
    pub belief_after: Option<u8>,
    pub traps: Vec<String>,
    pub friend: String,
    pub helps: Option<Helps>,
    pub evidence_for: String,
    pub evidence_against: String,
    pub reframe: String,
    pub editing: Option<Uuid>,
}

impl Draft {
    pub fn is_blank(&self) -> bool {
        Draft {
            step: None,
            ..self.clone()
        } == Draft::default()
    }
}

/// The flow in progress.
pub struct Flow {
    pub step: Step,
    pub situation: TextArea<'static>,
    pub thought: TextArea<'static>,
    pub voice: TextArea<'static>,
    pub friend: TextArea<'static>,
    pub evidence_for: TextArea<'static>,
    pub evidence_against: TextArea<'static>,
    pub reframe: TextArea<'static>,
    pub helps: Option<Helps>,
    /// What the journal knows of this thought from before, and the wording it was found
    /// for (looked up again when the thought changes).
    pub met: Option<MetBefore>,
    pub met_for: String,
    pub felt: Vec<Felt>,
    pub belief: Option<u8>,
    pub belief_after: Option<u8>,
    pub traps: Vec<String>,
    /// The focused row on steps made of rows (feelings, traps, re-rating).
    pub row: usize,
    /// The cursor among emotions not yet picked, on the feelings step.
    pub chip: usize,
    /// Which earlier voice is being offered, on the voice step.
    pub suggestion: Option<usize>,
    /// The saved record being changed, if any (its id and time are kept).
    pub editing: Option<Thought>,
}

impl Flow {
    /// The step's guidance, fitted to what this record holds: no talk of guesses when
    /// kindly has none (or keeps them back), no praise for an answer not given.
    pub fn prompt(&self, hinted: bool) -> &'static str {
        let answered = !editor_text(&self.reframe).trim().is_empty();
        match (self.step, hinted, answered) {
            (Step::Traps, false, _) => {
                "If any of these fit, pick them; none is fine too. Enter goes on."
            }
            (Step::Summary, _, false) => {
                "You caught a harsh thought and looked at it. That is a step, even without an answer yet; you can come back to it."
            }
            (step, _, _) => step.prompt(),
        }
    }

    /// Every text written in the flow so far, one after another.
    pub fn words(&self) -> String {
        [
            &self.situation,
            &self.thought,
            &self.voice,
            &self.friend,
            &self.evidence_for,
            &self.evidence_against,
            &self.reframe,
        ]
        .map(|t| t.lines().join("\n"))
        .join("\n")
    }

    pub(super) fn from_draft(d: &Draft, editing: Option<Thought>) -> Self {
        let mut flow = Flow {
            step: d.step.unwrap_or(Step::Situation),
            situation: editor(
                &d.situation,
                "For example: sent the report with a typo in it",
            ),
            thought: editor(&d.thought, "Exactly as it sounded, even if it's harsh"),
            voice: editor(
                &d.voice,
                "A parent, a teacher, an old boss, or just 'the critic'",
            ),
            friend: editor(&d.friend, "What would you say to them?"),
            evidence_for: editor(&d.evidence_for, "Facts only, as a fair witness would"),
            evidence_against: editor(&d.evidence_against, "What it leaves out"),
            reframe: editor(&d.reframe, "Honest, warm, and on your side"),
            helps: d.helps,
            met: None,
            met_for: String::new(),
            felt: d.felt.clone(),
            belief: d.belief,
            belief_after: d.belief_after,
            traps: d.traps.clone(),
            row: 0,
            chip: 0,
            suggestion: None,
            editing,
        };
        flow.focus_editor();
        flow
    }

    pub fn draft(&self) -> Draft {
        Draft {
            step: Some(self.step),
            situation: editor_text(&self.situation),
            thought: editor_text(&self.thought),
            voice: editor_text(&self.voice),
            felt: self.felt.clone(),
            belief: self.belief,
            belief_after: self.belief_after,
            traps: self.traps.clone(),
            friend: editor_text(&self.friend),
            helps: self.helps,
            evidence_for: editor_text(&self.evidence_for),
            evidence_against: editor_text(&self.evidence_against),
            reframe: editor_text(&self.reframe),
            editing: self.editing.as_ref().map(|t| t.id),
        }
    }

    /// The editor of the current step, if it is a text step.
    pub fn editor(&self) -> Option<&TextArea<'static>> {
        match self.step {
            Step::Situation => Some(&self.situation),
            Step::Thought => Some(&self.thought),
            Step::Voice => Some(&self.voice),
            Step::Friend => Some(&self.friend),
            Step::EvidenceFor => Some(&self.evidence_for),
            Step::EvidenceAgainst => Some(&self.evidence_against),
            Step::Reframe => Some(&self.reframe),
            _ => None,
        }
    }

    pub(super) fn editor_mut(&mut self) -> Option<&mut TextArea<'static>> {
        match self.step {
            Step::Situation => Some(&mut self.situation),
            Step::Thought => Some(&mut self.thought),
            Step::Voice => Some(&mut self.voice),
            Step::Friend => Some(&mut self.friend),
            Step::EvidenceFor => Some(&mut self.evidence_for),
            Step::EvidenceAgainst => Some(&mut self.evidence_against),
            Step::Reframe => Some(&mut self.reframe),
            _ => None,
        }
    }

    /// Shows the cursor in the current step's editor only.
    pub(super) fn focus_editor(&mut self) {
        let step = self.step;
        for (s, area) in [
            (Step::Situation, &mut self.situation),
            (Step::Thought, &mut self.thought),
            (Step::Voice, &mut self.voice),
            (Step::Friend, &mut self.friend),
            (Step::EvidenceFor, &mut self.evidence_for),
            (Step::EvidenceAgainst, &mut self.evidence_against),
            (Step::Reframe, &mut self.reframe),
        ] {
            show_cursor(area, s == step);
        }
    }

    pub(super) fn go(&mut self, step: Step) {
        self.step = step;
        self.row = 0;
        self.suggestion = None;
        self.focus_editor();
    }

    /// Rows of the feelings step: belief, each picked emotion, then the emotions to add.
    pub fn feeling_rows(&self) -> usize {
        self.felt.len() + 2
    }

    /// Rows of the re-rating step: belief, then each picked emotion.
    pub fn rerate_rows(&self) -> usize {
        self.felt.len() + 1
    }

    /// Builds the record, keeping the id and time of one being edited.
    pub(super) fn to_thought(
        &self,
        now: DateTime<FixedOffset>,
    ) -> std::result::Result<Thought, String> {
        let text = editor_text(&self.thought);
        let mut t = match &self.editing {
            Some(old) => {
                let mut t = old.clone();
                t.thought = optional_text(&text).ok_or("empty")?;
                t
            }
            None => Thought::new(now, &text).map_err(|e| e.to_string())?,
        };
        t.situation = optional_text(&editor_text(&self.situation));
        t.voice = optional_text(&editor_text(&self.voice)).map(|v| v.trim().to_string());
        t.friend = optional_text(&editor_text(&self.friend));
        t.helps = self.helps;
        t.evidence_for = optional_text(&editor_text(&self.evidence_for));
        t.evidence_against = optional_text(&editor_text(&self.evidence_against));
        t.reframe = optional_text(&editor_text(&self.reframe));
        let pct = |v: Option<u8>| v.and_then(|v| Percent::new(v).ok());
        t.belief = pct(self.belief);
        t.belief_after = pct(self.belief_after);
        t.emotions = self
            .felt
            .iter()
            .filter_map(|f| {
                Some(FeltEmotion {
                    name: Label::new("emotion", &f.name).ok()?,
                    intensity: pct(f.before),
                    intensity_after: pct(f.after),
                })
            })
            .collect();
        t.distortions = self
            .traps
            .iter()
            .filter_map(|n| Label::new("distortion", n).ok())
            .collect();
        Ok(t)
    }

    /// The record as it stands, for the summary's relief figures.
    pub fn preview(&self, now: DateTime<FixedOffset>) -> Option<Thought> {
        self.to_thought(now).ok()
    }
}

pub(super) fn draft_of(t: &Thought) -> Draft {
    let pct = |v: Option<Percent>| v.map(Percent::get);
    Draft {
        step: Some(Step::Situation),
        situation: t.situation.clone().unwrap_or_default(),
        thought: t.thought.clone(),
        voice: t.voice.clone().unwrap_or_default(),
        felt: t
            .emotions
            .iter()
            .map(|e| Felt {
                name: e.name.to_string(),
                before: pct(e.intensity),
                after: pct(e.intensity_after),
            })
            .collect(),
        belief: pct(t.belief),
        belief_after: pct(t.belief_after),
        traps: t.distortions.iter().map(Label::to_string).collect(),
        friend: t.friend.clone().unwrap_or_default(),
        helps: t.helps,
        evidence_for: t.evidence_for.clone().unwrap_or_default(),
        evidence_against: t.evidence_against.clone().unwrap_or_default(),
        reframe: t.reframe.clone().unwrap_or_default(),
        editing: Some(t.id),
    }
}

/// What each step is called and asks, in the pane's own words.
impl Step {
    /// The step's question, short enough for a 40-column window.
    pub fn title(self) -> &'static str {
        match self {
            Step::Situation => "What was happening?",
            Step::Thought => "What did the critic say?",
            Step::Voice => "Whose voice is it?",
            Step::Feelings => "How does it feel?",
            Step::Traps => "Any thinking traps?",
            Step::Friend => "The friend test",
            Step::Helps => "Helping or hurting?",
            Step::EvidenceFor => "What supports it?",
            Step::EvidenceAgainst => "What doesn't?",
            Step::Reframe => "Answer it kindly",
            Step::Rerate => "And now?",
            Step::Summary => "Look what you did",
        }
    }

    /// A sentence or two of gentle guidance, shown when there is room.
    pub fn prompt(self) -> &'static str {
        match self {
            Step::Situation => {
                "Just the facts of the moment: where you were, what happened. A line is plenty."
            }
            Step::Thought => {
                "Write the critical thought down word for word, exactly as it sounded, even if it is harsh. Seeing it written is the first step away from it."
            }
            Step::Voice => {
                "Does it sound like someone? A parent, a teacher, an old boss, or simply 'the critic'. Naming the voice can loosen its grip."
            }
            Step::Feelings => {
                "Rate how much you believe the thought, and pick the feelings it brings with how strong each is. There are no wrong answers."
            }
            Step::Traps => {
                "Thoughts like this often fall into familiar traps. Pick any that fit; the marked ones are only guesses from the words."
            }
            Step::Friend => {
                "Imagine someone you love said this about themselves. Would you talk to them the way this thought talks to you? What would you tell them?"
            }
            Step::Helps => {
                "Is this thought helping you, or hurting you? Pick what feels true, or move on."
            }
            Step::EvidenceFor => {
                "What facts back the thought up? Only what a fair witness would agree happened. Leave it empty if nothing comes."
            }
            Step::EvidenceAgainst => {
                "What does the thought leave out? Times it wasn't true, what you did well, what someone who knows you would add."
            }
            Step::Reframe => {
                "Now answer the thought as a caring friend would: honest about what happened, warm about who you are."
            }
            Step::Rerate => {
                "Read the thought once more. How much do you believe it now, and how strong are the feelings?"
            }
            Step::Summary => {
                "You caught a harsh thought and answered it. That is self-compassion in practice."
            }
        }
    }
}

/// Ten points up or down, starting from the middle.
pub(super) fn step10(v: Option<u8>, up: bool) -> u8 {
    match v {
        None => 50,
        Some(v) if up => v.saturating_add(10).min(100),
        Some(v) => v.saturating_sub(10),
    }
}

/// The next choice after `current` in `options`, wrapping through "all" (`None`).
pub(super) fn cycle(options: &[String], current: Option<&str>) -> Option<String> {
    match current.and_then(|c| options.iter().position(|o| o == c)) {
        None => options.first().cloned(),
        Some(i) => options.get(i + 1).cloned(),
    }
}
