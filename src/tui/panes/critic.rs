//! The Critic pane: a list of thought records, a detail view, and the guided flow that
//! catches a harsh thought and answers it kindly, one step per screen.

use chrono::{DateTime, Duration, FixedOffset};
use ratatui_textarea::{Input, TextArea};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Ctx, Notice};
use crate::domain::{FeltEmotion, Label, Percent, Scale, Thought, Traps, optional_text};
use crate::store::{RecordKind, Result, Store, ThoughtFilter};
use crate::tui::action::Action;
use crate::tui::widgets::{editor, editor_text, show_cursor};

const CRITIC_FEELINGS: &str = include_str!("../../../assets/critic-feelings.txt");

/// The draft slot a half-done record autosaves into.
pub const DRAFT_SLOT: &str = "thought";

/// The steps of the flow, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    Situation,
    Thought,
    Voice,
    Feelings,
    Traps,
    Friend,
    Reframe,
    Rerate,
    Summary,
}

impl Step {
    pub const ALL: [Step; 9] = [
        Step::Situation,
        Step::Thought,
        Step::Voice,
        Step::Feelings,
        Step::Traps,
        Step::Friend,
        Step::Reframe,
        Step::Rerate,
        Step::Summary,
    ];

    pub fn number(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }

    fn next(self) -> Option<Step> {
        Step::ALL.get(self.number()).copied()
    }

    fn prev(self) -> Option<Step> {
        self.number().checked_sub(2).map(|i| Step::ALL[i])
    }

    /// Whether the step is answered in an editor.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Step::Situation | Step::Thought | Step::Voice | Step::Friend | Step::Reframe
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Felt {
    pub name: String,
    pub before: Option<u8>,
    pub after: Option<u8>,
}

/// A half-done record, as autosaved and offered back.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    pub reframe: TextArea<'static>,
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
    fn from_draft(d: &Draft, editing: Option<Thought>) -> Self {
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
            reframe: editor(&d.reframe, "Honest, warm, and on your side"),
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
            Step::Reframe => Some(&self.reframe),
            _ => None,
        }
    }

    fn editor_mut(&mut self) -> Option<&mut TextArea<'static>> {
        match self.step {
            Step::Situation => Some(&mut self.situation),
            Step::Thought => Some(&mut self.thought),
            Step::Voice => Some(&mut self.voice),
            Step::Friend => Some(&mut self.friend),
            Step::Reframe => Some(&mut self.reframe),
            _ => None,
        }
    }

    /// Shows the cursor in the current step's editor only.
    fn focus_editor(&mut self) {
        let step = self.step;
        for (s, area) in [
            (Step::Situation, &mut self.situation),
            (Step::Thought, &mut self.thought),
            (Step::Voice, &mut self.voice),
            (Step::Friend, &mut self.friend),
            (Step::Reframe, &mut self.reframe),
        ] {
            show_cursor(area, s == step);
        }
    }

    fn go(&mut self, step: Step) {
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
    fn to_thought(&self, now: DateTime<FixedOffset>) -> std::result::Result<Thought, String> {
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

fn draft_of(t: &Thought) -> Draft {
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
        reframe: t.reframe.clone().unwrap_or_default(),
        editing: Some(t.id),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    List,
    Detail,
    Flow,
}

pub struct CriticPane {
    pub view: View,
    pub flow: Option<Flow>,
    /// A half-done record from before, waiting to be carried on with `n`.
    pub waiting: Option<Draft>,
    pub rows: Vec<Thought>,
    pub selected: usize,
    pub show_trash: bool,
    pub filter: ThoughtFilter,
    pub span: usize,
    pub detail_scroll: u16,
    pub traps: Traps,
    pub emotions: Vec<String>,
    pub voices: Vec<String>,
    trashed: Vec<Uuid>,
}

impl CriticPane {
    /// `emotions` is the whole vocabulary; the feelings a harsh thought usually brings are
    /// offered first.
    pub fn new(traps: Traps, emotions: Vec<String>) -> Self {
        let mut emotions = emotions;
        let hard: Vec<&str> = CRITIC_FEELINGS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        for (i, name) in hard.iter().enumerate() {
            match emotions.iter().position(|e| e.eq_ignore_ascii_case(name)) {
                Some(at) => {
                    let e = emotions.remove(at);
                    emotions.insert(i.min(emotions.len()), e);
                }
                None => emotions.insert(i.min(emotions.len()), (*name).to_string()),
            }
        }
        Self {
            view: View::List,
            flow: None,
            waiting: None,
            rows: Vec::new(),
            selected: 0,
            show_trash: false,
            filter: ThoughtFilter::default(),
            span: 0,
            detail_scroll: 0,
            traps,
            emotions,
            voices: Vec::new(),
            trashed: Vec::new(),
        }
    }

    /// Whether the person is typing into an editor right now.
    pub fn writing(&self) -> bool {
        self.view == View::Flow && self.flow.as_ref().is_some_and(|f| f.step.is_text())
    }

    /// What should be autosaved: the flow in progress, or the one waiting.
    pub fn draft(&self) -> Draft {
        match (&self.flow, &self.waiting) {
            (Some(f), _) => f.draft(),
            (None, Some(w)) => w.clone(),
            (None, None) => Draft::default(),
        }
    }

    /// Offers a recovered draft back, quietly: it waits in the list until `n`.
    pub fn offer(&mut self, draft: Draft) {
        if !draft.is_blank() {
            self.waiting = Some(draft);
        }
    }

    /// Whether the footer should offer an action here: only what does something.
    pub fn offers(&self, action: Action) -> bool {
        if let (View::Flow, Some(flow)) = (self.view, &self.flow) {
            return match action {
                Action::FocusNext | Action::FocusPrev => {
                    matches!(flow.step, Step::Feelings | Step::Traps | Step::Rerate)
                }
                Action::Left | Action::Right | Action::SetPercent(_) => {
                    matches!(flow.step, Step::Feelings | Step::Rerate)
                }
                Action::Toggle => matches!(flow.step, Step::Feelings | Step::Traps),
                Action::SuggestNext | Action::SuggestPrev => !self.voices.is_empty(),
                _ => true,
            };
        }
        match action {
            Action::CycleVoice | Action::CycleTrap | Action::CycleSpan | Action::EditSelected => {
                !self.rows.is_empty() || self.filter != ThoughtFilter::default() || self.span > 0
            }
            Action::FocusPrev | Action::FocusNext => self.rows.len() > 1,
            _ => true,
        }
    }

    pub fn selected_thought(&self) -> Option<&Thought> {
        self.rows.get(self.selected)
    }

    /// Reads the list (or the trash) and the voices heard so far again.
    pub fn refresh(&mut self, store: &Store, now: DateTime<FixedOffset>) -> Result<()> {
        self.filter.from = SPANS[self.span]
            .0
            .map(|days| now.date_naive() - Duration::days(days - 1));
        self.rows = if self.show_trash {
            store.trashed_thoughts()?
        } else {
            store.thoughts(&self.filter)?
        };
        self.voices = store.voices()?;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        Ok(())
    }

    /// Shows one saved record in full, clearing filters so it is in the list, and setting
    /// aside (never losing) a flow in progress.
    pub fn show_record(
        &mut self,
        id: Uuid,
        store: &Store,
        now: DateTime<FixedOffset>,
    ) -> Result<()> {
        if let Some(flow) = self.flow.take() {
            let draft = flow.draft();
            if !draft.is_blank() {
                self.waiting = Some(draft);
            }
        }
        self.filter = ThoughtFilter::default();
        self.span = 0;
        self.show_trash = false;
        self.refresh(store, now)?;
        if let Some(i) = self.rows.iter().position(|t| t.id == id) {
            self.selected = i;
            self.view = View::Detail;
            self.detail_scroll = 0;
        }
        Ok(())
    }

    /// Sends a key the keymap did not claim to the step's editor.
    pub fn type_key(&mut self, input: Input) -> bool {
        if !self.writing() {
            return false;
        }
        let Some(flow) = self.flow.as_mut() else {
            return false;
        };
        flow.suggestion = None;
        flow.editor_mut().is_some_and(|e| e.input(input))
    }

    /// Pastes text into the step's editor.
    pub fn paste(&mut self, text: &str) -> bool {
        if !self.writing() {
            return false;
        }
        self.flow
            .as_mut()
            .and_then(Flow::editor_mut)
            .is_some_and(|e| e.insert_str(text))
    }

    pub fn apply(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Result<Notice> {
        match self.view {
            View::List => self.apply_list(action, ctx),
            View::Detail => self.apply_detail(action, ctx),
            View::Flow => self.apply_flow(action, ctx),
        }
    }

    fn apply_list(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Result<Notice> {
        match action {
            Action::FocusNext => {
                self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1));
            }
            Action::FocusPrev => self.selected = self.selected.saturating_sub(1),
            Action::EditSelected if self.show_trash => {
                let Some(t) = self.selected_thought().cloned() else {
                    return Ok(None);
                };
                ctx.store.restore(RecordKind::Thought, t.id)?;
                self.trashed.retain(|id| *id != t.id);
                self.refresh(ctx.store, ctx.now)?;
                return Ok(Some("Brought that record back.".into()));
            }
            Action::EditSelected if !self.rows.is_empty() => {
                self.view = View::Detail;
                self.detail_scroll = 0;
            }
            Action::NewRecord => return Ok(self.start(None)),
            Action::CycleVoice => {
                self.filter.voice = cycle(&self.voices, self.filter.voice.as_deref());
                self.selected = 0;
                self.refresh(ctx.store, ctx.now)?;
            }
            Action::CycleTrap => {
                let mut names: Vec<String> =
                    self.traps.all.iter().map(|t| t.name.clone()).collect();
                for used in ctx.store.used_distortions()? {
                    if !names.contains(&used) {
                        names.push(used);
                    }
                }
                self.filter.distortion = cycle(&names, self.filter.distortion.as_deref());
                self.selected = 0;
                self.refresh(ctx.store, ctx.now)?;
            }
            Action::CycleSpan => {
                self.span = (self.span + 1) % SPANS.len();
                self.selected = 0;
                self.refresh(ctx.store, ctx.now)?;
            }
            Action::ClearFilters => {
                self.filter = ThoughtFilter::default();
                self.span = 0;
                self.refresh(ctx.store, ctx.now)?;
            }
            Action::TrashSelected => return self.trash_selected(ctx),
            Action::UndoTrash => return self.undo_trash(ctx),
            Action::ToggleTrash => {
                self.show_trash = !self.show_trash;
                self.selected = 0;
                self.refresh(ctx.store, ctx.now)?;
            }
            _ => {}
        }
        Ok(None)
    }

    fn apply_detail(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Result<Notice> {
        match action {
            Action::BackToForm => self.view = View::List,
            Action::FocusNext => self.detail_scroll = self.detail_scroll.saturating_add(1),
            Action::FocusPrev => self.detail_scroll = self.detail_scroll.saturating_sub(1),
            Action::EditSelected => {
                if let Some(t) = self.selected_thought().cloned() {
                    if self.waiting.is_some() || self.flow.is_some() {
                        return Ok(Some(
                            "Another record is in progress; finish it (n) before editing this one."
                                .into(),
                        ));
                    }
                    return Ok(self.start(Some(t)));
                }
            }
            Action::TrashSelected => {
                let notice = self.trash_selected(ctx)?;
                self.view = View::List;
                return Ok(notice);
            }
            _ => {}
        }
        Ok(None)
    }

    /// Opens the flow: on a saved record, on the waiting draft, or fresh.
    fn start(&mut self, record: Option<Thought>) -> Notice {
        self.view = View::Flow;
        if self.flow.is_some() {
            return None;
        }
        let (draft, editing, notice) = match (record, self.waiting.take()) {
            (Some(t), _) => (
                draft_of(&t),
                Some(t),
                "Changing a saved record. Ctrl-S saves it.",
            ),
            (None, Some(d)) => (d, None, "Carrying on where you left off."),
            (None, None) => (Draft::default(), None, ""),
        };
        let editing = editing.or_else(|| {
            draft
                .editing
                .and_then(|id| self.rows.iter().find(|t| t.id == id).cloned())
        });
        self.flow = Some(Flow::from_draft(&draft, editing));
        (!notice.is_empty()).then(|| notice.to_string())
    }

    fn apply_flow(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Result<Notice> {
        let Some(flow) = self.flow.as_mut() else {
            self.view = View::List;
            return Ok(None);
        };
        match action {
            Action::Save => return self.save(ctx),
            Action::NextStep => match flow.step.next() {
                Some(next) => {
                    if flow.step == Step::Thought && editor_text(&flow.thought).trim().is_empty() {
                        return Ok(Some(
                            "Write the thought down first; it's the one thing a record needs."
                                .into(),
                        ));
                    }
                    flow.go(next);
                }
                None => return self.save(ctx),
            },
            Action::PrevStep => match flow.step.prev() {
                Some(prev) => flow.go(prev),
                None => {
                    // Leaving from the first step keeps everything as a waiting draft.
                    let draft = flow.draft();
                    self.flow = None;
                    self.view = View::List;
                    if !draft.is_blank() {
                        self.waiting = Some(draft);
                        return Ok(Some("Set aside for now. Press n to carry on.".into()));
                    }
                }
            },
            Action::SuggestNext | Action::SuggestPrev if flow.step == Step::Voice => {
                if self.voices.is_empty() {
                    return Ok(Some(
                        "No voices named yet; this one will be offered next time.".into(),
                    ));
                }
                let n = self.voices.len();
                let next = match (flow.suggestion, action == Action::SuggestNext) {
                    (None, true) => 0,
                    (None, false) => n - 1,
                    (Some(i), true) => (i + 1) % n,
                    (Some(i), false) => (i + n - 1) % n,
                };
                flow.suggestion = Some(next);
                flow.voice = editor(&self.voices[next], "");
                flow.voice.move_cursor(ratatui_textarea::CursorMove::End);
                show_cursor(&mut flow.voice, true);
            }
            Action::FocusNext => {
                let rows = match flow.step {
                    Step::Feelings => flow.feeling_rows(),
                    Step::Traps => self.traps.all.len(),
                    Step::Rerate => flow.rerate_rows(),
                    _ => 1,
                };
                flow.row = (flow.row + 1).min(rows - 1);
            }
            Action::FocusPrev => flow.row = flow.row.saturating_sub(1),
            Action::Left | Action::Right => {
                let up = action == Action::Right;
                let add_row = flow.felt.len() + 1;
                match (flow.step, flow.row) {
                    (Step::Feelings, 0) => flow.belief = Some(step10(flow.belief, up)),
                    (Step::Feelings, r) if r == add_row => {
                        let room = addable(&self.emotions, &flow.felt).len();
                        flow.chip = if up {
                            (flow.chip + 1).min(room.saturating_sub(1))
                        } else {
                            flow.chip.saturating_sub(1)
                        };
                    }
                    (Step::Feelings, r) => {
                        let f = &mut flow.felt[r - 1];
                        f.before = Some(step10(f.before, up));
                    }
                    (Step::Rerate, 0) => flow.belief_after = Some(step10(flow.belief_after, up)),
                    (Step::Rerate, r) => {
                        if let Some(f) = flow.felt.get_mut(r - 1) {
                            f.after = Some(step10(f.after, up));
                        }
                    }
                    _ => {}
                }
            }
            Action::SetPercent(v) => match (flow.step, flow.row) {
                (Step::Feelings, 0) => flow.belief = Some(v),
                (Step::Feelings, r) if r <= flow.felt.len() => flow.felt[r - 1].before = Some(v),
                (Step::Rerate, 0) => flow.belief_after = Some(v),
                (Step::Rerate, r) => {
                    if let Some(f) = flow.felt.get_mut(r - 1) {
                        f.after = Some(v);
                    }
                }
                _ => {}
            },
            Action::Toggle => match flow.step {
                Step::Feelings => {
                    let add_row = flow.felt.len() + 1;
                    if flow.row == add_row {
                        let addable = addable(&self.emotions, &flow.felt);
                        if let Some(name) = addable.get(flow.chip) {
                            flow.felt.push(Felt {
                                name: name.clone(),
                                before: Some(50),
                                after: None,
                            });
                            flow.chip = flow.chip.min(addable.len().saturating_sub(2));
                            flow.row += 1;
                        }
                    } else if flow.row > 0 {
                        flow.felt.remove(flow.row - 1);
                    }
                }
                Step::Traps => {
                    if let Some(trap) = self.traps.all.get(flow.row) {
                        let name = trap.name.clone();
                        match flow.traps.iter().position(|t| *t == name) {
                            Some(i) => {
                                flow.traps.remove(i);
                            }
                            None => flow.traps.push(name),
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
        Ok(None)
    }

    /// Emotions from the vocabulary not picked yet, for the feelings step.
    pub fn addable(&self, flow: &Flow) -> Vec<String> {
        addable(&self.emotions, &flow.felt)
    }

    fn save(&mut self, ctx: &mut Ctx<'_>) -> Result<Notice> {
        let Some(flow) = self.flow.as_mut() else {
            return Ok(None);
        };
        let thought = match flow.to_thought(ctx.now) {
            Ok(t) => t,
            Err(_) => {
                flow.go(Step::Thought);
                return Ok(Some(
                    "Write the thought down first; it's the one thing a record needs.".into(),
                ));
            }
        };
        let edited = flow.editing.is_some();
        ctx.store.save_thought(&thought, Some(DRAFT_SLOT))?;
        self.flow = None;
        self.view = View::List;
        self.show_trash = false;
        self.refresh(ctx.store, ctx.now)?;
        self.selected = self
            .rows
            .iter()
            .position(|t| t.id == thought.id)
            .unwrap_or(0);
        Ok(Some(if edited {
            "Your changes are saved.".into()
        } else {
            "Saved. That took courage; thank you for answering it kindly.".into()
        }))
    }

    fn trash_selected(&mut self, ctx: &mut Ctx<'_>) -> Result<Notice> {
        let Some(t) = self.selected_thought().cloned() else {
            return Ok(None);
        };
        if self.show_trash {
            return Ok(Some(
                "It's already in the trash; Enter brings it back.".into(),
            ));
        }
        ctx.store.trash(RecordKind::Thought, t.id)?;
        self.trashed.push(t.id);
        self.refresh(ctx.store, ctx.now)?;
        Ok(Some("Moved to the trash. Press u to bring it back.".into()))
    }

    fn undo_trash(&mut self, ctx: &mut Ctx<'_>) -> Result<Notice> {
        let Some(id) = self.trashed.pop() else {
            return Ok(Some("Nothing trashed just now to bring back.".into()));
        };
        ctx.store.restore(RecordKind::Thought, id)?;
        self.refresh(ctx.store, ctx.now)?;
        Ok(Some("Brought it back.".into()))
    }
}

fn addable(emotions: &[String], felt: &[Felt]) -> Vec<String> {
    emotions
        .iter()
        .filter(|e| !felt.iter().any(|f| f.name.eq_ignore_ascii_case(e)))
        .cloned()
        .collect()
}

/// Ten points up or down, starting from the middle.
fn step10(v: Option<u8>, up: bool) -> u8 {
    match v {
        None => 50,
        Some(v) if up => v.saturating_add(10).min(100),
        Some(v) => v.saturating_sub(10),
    }
}

/// The next choice after `current` in `options`, wrapping through "all" (`None`).
fn cycle(options: &[String], current: Option<&str>) -> Option<String> {
    match current.and_then(|c| options.iter().position(|o| o == c)) {
        None => options.first().cloned(),
        Some(i) => options.get(i + 1).cloned(),
    }
}
