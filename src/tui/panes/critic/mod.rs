//! The Critic pane: a list of thought records, a detail view, and the guided flow that
//! catches a harsh thought and answers it kindly, one step per screen.

mod drafts;
mod feeling_rows;
mod feelings;
mod flow;
mod practice;
pub mod view;

use chrono::{DateTime, Duration, FixedOffset};
use ratatui_textarea::{Input, TextArea};
use uuid::Uuid;

use self::feelings::hard_first;
pub use self::flow::{Draft, Felt, Flow, SPANS, Step};
use self::flow::{cycle, step10};
use crate::domain::{MarkedKind, Thought, Traps};
use crate::store::{LabelKind, RecordKind, Result, Store, ThoughtFilter, Whole};
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::pane::{Ctx, Effect, Notice, Outcome, Pane, PaneId, RecordList, Saved, Writing};
use crate::tui::records::Records;
use crate::tui::vocabulary;
use crate::tui::widgets::{editor, editor_text, show_cursor};

/// The draft slot a half-done record autosaves into.
pub const DRAFT_SLOT: &str = "thought";

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
    pub list: Records<Thought>,
    pub filter: ThoughtFilter,
    pub span: usize,
    pub detail_scroll: u16,
    pub traps: Traps,
    /// The config's emotions, and the whole vocabulary on offer (read again on refresh),
    /// with the feelings a harsh thought usually brings first.
    own_emotions: Vec<String>,
    pub emotions: Vec<String>,
    pub voices: Vec<String>,
    /// For each record, how many other records hold a thought like its own.
    pub returns: std::collections::HashMap<Uuid, usize>,
}

impl CriticPane {
    /// `emotions` are the config's; the journal's own join them on refresh.
    pub fn new(traps: Traps, emotions: Vec<String>) -> Self {
        Self {
            view: View::List,
            flow: None,
            waiting: None,
            list: Records::new(),
            filter: ThoughtFilter::default(),
            span: 0,
            detail_scroll: 0,
            traps,
            emotions: hard_first(emotions.clone()),
            own_emotions: emotions,
            voices: Vec::new(),
            returns: Default::default(),
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
            if let Some(offered) = self::practice::offers(flow, action) {
                return offered;
            }
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
                !self.list.is_empty() || self.filter != ThoughtFilter::default() || self.span > 0
            }
            Action::FocusPrev | Action::FocusNext => self.list.len() > 1,
            _ => true,
        }
    }

    pub fn selected_thought(&self) -> Option<&Thought> {
        self.list.selected()
    }

    /// Reads the list (or the trash) and the voices heard so far again.
    pub fn refresh(&mut self, store: &Store, now: DateTime<FixedOffset>) -> Result<()> {
        self.filter.from = SPANS[self.span]
            .0
            .map(|days| now.date_naive() - Duration::days(days - 1));
        let rows = if self.list.show_trash {
            store.trashed_thoughts()?
        } else {
            store.thoughts(&self.filter)?
        };
        self.list.set(rows);
        self.emotions = hard_first(vocabulary::read(
            &self.own_emotions,
            LabelKind::Emotion,
            store,
        )?);
        self.voices = store.voices()?;
        self.returns = crate::insights::alike::returns(&store.thought_texts()?);
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
        self.list.leave_trash();
        self.refresh(store, now)?;
        if self.list.select_id(id) {
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

    /// Acts on one action; the outcome says whether the record in progress changed.
    pub fn apply(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Result<Outcome> {
        let before = self.draft();
        let mut outcome = match self.view {
            View::List => Outcome::from_notice(self.apply_list(action, ctx)?),
            View::Detail => Outcome::from_notice(self.apply_detail(action, ctx)?),
            View::Flow => self.apply_flow(action, ctx)?,
        };
        outcome.changed |= self.draft() != before;
        Ok(outcome)
    }

    fn apply_list(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Result<Notice> {
        match action {
            Action::FocusNext
            | Action::FocusPrev
            | Action::TrashSelected
            | Action::UndoTrash
            | Action::ToggleTrash => return self.list_action(action, ctx),
            Action::EditSelected if self.list.show_trash => return self.list_action(action, ctx),
            Action::EditSelected if !self.list.is_empty() => {
                self.view = View::Detail;
                self.detail_scroll = 0;
            }
            Action::NewRecord => return Ok(self.start(None, ctx.store)),
            Action::CycleVoice => {
                self.filter.voice = cycle(&self.voices, self.filter.voice.as_deref());
                self.list.select(0);
                self.refresh(ctx.store, ctx.now)?;
            }
            Action::CycleTrap => {
                // Only traps some record holds: a filter that finds nothing helps no one.
                let names = ctx.store.used_distortions()?;
                self.filter.distortion = cycle(&names, self.filter.distortion.as_deref());
                self.list.select(0);
                self.refresh(ctx.store, ctx.now)?;
            }
            Action::CycleSpan => {
                self.span = (self.span + 1) % SPANS.len();
                self.list.select(0);
                self.refresh(ctx.store, ctx.now)?;
            }
            Action::ClearFilters => {
                self.filter = ThoughtFilter::default();
                self.span = 0;
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
                    return Ok(self.start(Some(t), ctx.store));
                }
            }
            Action::TrashSelected => {
                let notice = self.list_action(action, ctx)?;
                self.view = View::List;
                return Ok(notice);
            }
            _ => {}
        }
        Ok(None)
    }

    fn apply_flow(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Result<Outcome> {
        let Some(flow) = self.flow.as_mut() else {
            self.view = View::List;
            return Ok(Outcome::quiet());
        };
        if let Some(notice) = self::practice::apply(flow, action, ctx.store)? {
            return Ok(Outcome::from_notice(notice));
        }
        match action {
            Action::Save => return self.save(ctx),
            Action::NextStep => match flow.step.next() {
                Some(next) => {
                    if flow.step == Step::Thought && editor_text(&flow.thought).trim().is_empty() {
                        return Ok(Outcome::said(
                            "Write the thought down first; it's the one thing a record needs.",
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
                        return Ok(Outcome::said("Set aside for now. Press n to carry on."));
                    }
                }
            },
            Action::SuggestNext | Action::SuggestPrev if flow.step == Step::Voice => {
                if self.voices.is_empty() {
                    return Ok(Outcome::said(
                        "No voices named yet; this one will be offered next time.",
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
                        let room = feelings::addable(&self.emotions, &flow.felt).len();
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
                        let addable = feelings::addable(&self.emotions, &flow.felt);
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
        Ok(Outcome::quiet())
    }

    /// Emotions from the vocabulary not picked yet, for the feelings step.
    pub fn addable(&self, flow: &Flow) -> Vec<String> {
        feelings::addable(&self.emotions, &flow.felt)
    }

    fn save(&mut self, ctx: &mut Ctx<'_>) -> Result<Outcome> {
        let Some(flow) = self.flow.as_mut() else {
            return Ok(Outcome::quiet());
        };
        let thought = match flow.to_thought(ctx.now) {
            Ok(t) => t,
            Err(_) => {
                flow.go(Step::Thought);
                return Ok(Outcome::said(
                    "Write the thought down first; it's the one thing a record needs.",
                ));
            }
        };
        let edited = flow.editing.is_some();
        let base = flow.editing.clone().map(Whole::Thought);
        let also =
            super::saving::save(ctx.store, base, Whole::Thought(thought.clone()), DRAFT_SLOT)?;
        // An edit of a record trashed meanwhile brings it back, changed.
        let revived = edited && ctx.store.restore(RecordKind::Thought, thought.id)?;
        self.flow = None;
        self.view = View::List;
        self.list.leave_trash();
        self.refresh(ctx.store, ctx.now)?;
        if !self.list.select_id(thought.id) {
            self.list.select(0);
        }
        let said = if revived {
            "Your changes are saved, and the record is back from the trash.".into()
        } else if edited {
            super::saving::changes_saved(also)
        } else {
            // Thanks for an answer only where there is one: a thought written down and
            // left unanswered is saved as just that.
            let thanks = match thought.reframe {
                Some(_) => "Saved. That took courage; thank you for answering it kindly.",
                None => {
                    "Saved: the thought is written down. A kinder answer can come later (open it, then e)."
                }
            };
            super::kind_words::with_kind_line(thanks, ctx.store, ctx.now)?
        };
        let saved = Saved::new(MarkedKind::Thought, thought.id, !edited);
        Ok(Outcome::said(said).with(Effect::Saved(saved)))
    }

    /// Trash, bring back, undo and the trash view: the one list model's.
    fn list_action(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Result<Notice> {
        let Some(reply) = self.list.apply(action, ctx.store)? else {
            return Ok(None);
        };
        if reply.reload {
            self.refresh(ctx.store, ctx.now)?;
        }
        Ok(reply.notice)
    }
}

impl Pane for CriticPane {
    fn id(&self) -> PaneId {
        PaneId::Critic
    }

    fn mode(&self) -> Mode {
        match (self.view, &self.flow) {
            (View::List, _) | (View::Flow, None) => Mode::CriticList,
            (View::Detail, _) => Mode::CriticDetail,
            (View::Flow, Some(f)) if f.step == Step::Voice => Mode::Voice,
            (View::Flow, Some(f)) if f.step == Step::Reframe => Mode::Reframe,
            (View::Flow, Some(f)) if f.step.is_text() => Mode::FlowText,
            (View::Flow, Some(_)) => Mode::FlowPick,
        }
    }

    fn help_modes(&self) -> &'static [Mode] {
        &[
            Mode::CriticList,
            Mode::CriticDetail,
            Mode::FlowText,
            Mode::Voice,
            Mode::Reframe,
            Mode::FlowPick,
        ]
    }

    fn offers(&self, action: Action) -> bool {
        CriticPane::offers(self, action)
    }

    fn apply(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Result<Outcome> {
        CriticPane::apply(self, action, ctx)
    }

    fn select_row(&mut self, i: usize) -> Outcome {
        self.list.select(i);
        Outcome::quiet()
    }

    fn refresh(&mut self, ctx: &mut Ctx<'_>) -> Result<()> {
        CriticPane::refresh(self, ctx.store, ctx.now)
    }

    fn in_flow(&self) -> bool {
        self.view == View::Flow && self.flow.is_some()
    }

    fn words_in_sight(&self) -> String {
        match (self.view, &self.flow, self.list.selected()) {
            (View::Flow, Some(f), _) => f.words(),
            (View::Detail, _, Some(t)) => t.texts().join("\n"),
            _ => String::new(),
        }
    }
}

impl Writing for CriticPane {
    fn input(&mut self, input: Input) -> bool {
        self.type_key(input)
    }

    fn paste(&mut self, text: &str) -> bool {
        CriticPane::paste(self, text)
    }

    fn own_editor(&mut self) -> Option<&mut TextArea<'static>> {
        if !self.writing() {
            return None;
        }
        self.flow.as_mut().and_then(Flow::editor_mut)
    }
}

impl RecordList for CriticPane {
    fn show(&mut self, id: Uuid, ctx: &mut Ctx<'_>) -> Result<bool> {
        self.show_record(id, ctx.store, ctx.now)?;
        Ok(true)
    }

    fn target(&self) -> Option<(MarkedKind, Uuid)> {
        let id = match self.view {
            View::Flow => self
                .flow
                .as_ref()
                .and_then(|f| f.editing.as_ref().map(|t| t.id)),
            _ if self.list.show_trash => None,
            _ => self.list.selected().map(|t| t.id),
        };
        id.map(|id| (MarkedKind::Thought, id))
    }

    fn in_trash(&self) -> bool {
        self.list.show_trash
    }

    fn undo_line(&self) -> Option<&'static str> {
        self.list.undo_line()
    }
}
