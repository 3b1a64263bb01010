//! The Check-in pane: a quick form for how you are now, beside the check-ins of a chosen day.

pub mod compassion_break;
mod drafts;
mod form;
pub mod look_back;
mod measures;
mod view;
mod when;
mod word_start;

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui_textarea::TextArea;
use uuid::Uuid;

use self::compassion_break::BreakFlow;
pub use self::drafts::Draft;
pub use self::form::{Ask, Chips, Field, Focus, WordStart};
use crate::domain::MarkedKind;
use crate::domain::{CheckIn, Energy, Label, Mood, PartRating, Scale};
use crate::store::{Direction, LabelKind, Store, Whole};
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::pane::{Ctx, Effect, Notice, Outcome, Pane, PaneId, RecordList, Saved, Writing};
use crate::tui::records::Records;
use crate::tui::vocabulary;
use crate::tui::widgets::{editor, show_cursor};

/// The draft slot the form autosaves into.
pub const DRAFT_SLOT: &str = "checkin";

/// The thanks for a new check-in.
pub const THANKS: &str = "Saved. Thank you for checking in.";

pub struct CheckinPane {
    pub mood: Option<Mood>,
    pub energy: Option<Energy>,
    pub emotions: Chips,
    pub rituals: Chips,
    pub parts: [Option<PartRating>; 3],
    pub note: TextArea<'static>,
    pub focus: Focus,
    pub writing: bool,
    /// The saved check-in whose changes the form holds, if any.
    pub editing: Option<CheckIn>,
    /// The moment set with `@` (or by typing a mood on an earlier day), if not now.
    pub at: Option<DateTime<FixedOffset>>,
    /// The form's one-line question (when it was, or a new choice), while it is open.
    pub asking: Option<(Ask, TextArea<'static>)>,
    /// The day shown beside the form, and its check-ins (newest first).
    pub day: NaiveDate,
    pub list: Records<CheckIn>,
    /// The next day after `day` with check-ins, if any: where the way forward leads.
    pub later: Option<NaiveDate>,
    /// The self-compassion break, while it is open.
    pub pause: Option<BreakFlow>,
    /// Something kind from a month or a year ago today, shown quietly beside the form.
    pub look_back: Option<String>,
    /// No check-ins at all yet: the day list shows a short welcome instead.
    pub first_time: bool,
    /// A letter that acted on the form's rows a key ago, in case it began a word.
    word: Option<WordStart>,
    /// The person's own measures asked on the form, and a value for each (or none yet).
    pub measures: Vec<crate::domain::Measure>,
    pub values: Vec<Option<crate::domain::Amount>>,
    /// The measures the config asks for, settled against the journal's on each refresh.
    pub measure_specs: Vec<crate::domain::MeasureSpec>,
    /// Definitions the config brought that the journal doesn't keep yet: kept on the next save.
    pending: Vec<crate::domain::Measure>,
}

impl CheckinPane {
    pub fn new(emotions: Vec<String>, rituals: Vec<String>, today: NaiveDate) -> Self {
        Self {
            look_back: None,
            mood: None,
            energy: None,
            emotions: Chips::new(emotions),
            rituals: Chips::new(rituals),
            parts: [None; 3],
            note: new_note(""),
            focus: Focus::Field(Field::Mood),
            writing: false,
            editing: None,
            at: None,
            asking: None,
            day: today,
            list: Records::new(),
            later: None,
            pause: None,
            first_time: false,
            word: None,
            measures: Vec::new(),
            values: Vec::new(),
            measure_specs: Vec::new(),
            pending: Vec::new(),
        }
    }

    pub(super) fn clear_form(&mut self) {
        self.mood = None;
        self.energy = None;
        self.emotions.picked.clear();
        self.rituals.picked.clear();
        self.parts = [None; 3];
        self.values = vec![None; self.measures.len()];
        self.note = new_note("");
        self.editing = None;
        self.at = None;
        self.asking = None;
        self.writing = false;
        self.focus = Focus::Field(Field::Mood);
    }

    fn load(&mut self, c: &CheckIn) {
        self.mood = Some(c.mood);
        self.energy = c.energy;
        let names = |ls: &[Label]| ls.iter().map(|l| l.to_string()).collect::<Vec<_>>();
        self.emotions.set(&names(&c.emotions));
        self.rituals.set(&names(&c.rituals));
        self.parts = [c.kindness, c.humanity, c.mindfulness];
        self.load_measures(c);
        self.note = new_note(c.note.as_deref().unwrap_or(""));
        self.editing = Some(c.clone());
        self.at = None;
        self.asking = None;
        self.writing = false;
        self.focus = Focus::Field(Field::Mood);
    }

    /// Reads the day's check-ins (or the trash) again from the journal, and the choices
    /// on offer (one added in another pane, or on another computer, shows here too).
    pub fn refresh(&mut self, store: &Store) -> crate::store::Result<()> {
        self.emotions
            .widen(vocabulary::beyond_config(LabelKind::Emotion, store)?);
        self.rituals
            .widen(vocabulary::beyond_config(LabelKind::Ritual, store)?);
        self.first_time = store.latest_checkin()?.is_none();
        self.read_measures(store)?;
        let rows = if self.list.show_trash {
            store.trashed_checkins()?
        } else {
            store.checkins_on(self.day)?
        };
        self.later = store.neighbouring_day(self.day, Direction::Later)?;
        self.list.set(rows);
        Ok(())
    }

    /// Sends a key the keymap did not claim to the note editor, while writing.
    pub fn type_key(&mut self, input: ratatui_textarea::Input) -> bool {
        if let Some(pause) = self.pause.as_mut() {
            return pause.type_key(input);
        }
        if let Some((_, line)) = self.asking.as_mut() {
            return line.input(input);
        }
        self.writing && self.note.input(input)
    }

    pub fn paste(&mut self, text: &str) -> bool {
        if let Some(pause) = self.pause.as_mut() {
            return pause.paste(text);
        }
        if let Some((_, line)) = self.asking.as_mut() {
            return line.insert_str(text.replace(['\n', '\r'], " "));
        }
        self.writing && self.note.insert_str(text)
    }

    /// Shows one saved check-in in the day list, selected.
    pub fn show_checkin(&mut self, c: &CheckIn, store: &Store) -> crate::store::Result<()> {
        self.pause = None;
        self.show_day(c.day(), store)?;
        self.list.select_id(c.id);
        Ok(())
    }

    /// Acts on one action; the outcome says whether the form changed.
    pub fn apply(&mut self, action: Action, ctx: &mut Ctx<'_>) -> crate::store::Result<Outcome> {
        let before = self.draft();
        let mut outcome = self.act(action, ctx)?;
        self.word_acted();
        outcome.changed |= self.draft() != before;
        Ok(outcome)
    }

    fn act(&mut self, action: Action, ctx: &mut Ctx<'_>) -> crate::store::Result<Outcome> {
        if let Some(pause) = self.pause.as_mut() {
            let (outcome, done) = pause.apply(action, ctx)?;
            if done {
                self.pause = None;
            }
            return Ok(outcome);
        }
        if action == Action::StartBreak {
            self.pause = Some(BreakFlow::new());
            self.writing = false;
            return Ok(Outcome::quiet());
        }
        if self.asking.is_some() {
            return self.answer(action, ctx).map(Outcome::from_notice);
        }
        if action == Action::Save {
            let outcome = self.save(ctx);
            show_cursor(&mut self.note, self.writing);
            return outcome;
        }
        let notice = self.apply_inner(action, ctx);
        show_cursor(&mut self.note, self.writing);
        notice.map(Outcome::from_notice)
    }

    fn apply_inner(&mut self, action: Action, ctx: &mut Ctx<'_>) -> crate::store::Result<Notice> {
        match (action, self.focus) {
            (Action::LeaveText, _) => self.writing = false,
            // A digit sets the row it is typed on: energy on Energy, 1–5 on a part's row,
            // the mood everywhere else.
            (Action::SetMood(v), Focus::Field(Field::Energy)) => self.energy = Energy::new(v).ok(),
            (Action::SetMood(v), Focus::Field(Field::Measure(i))) => {
                return Ok(self.measure_digit(i, v));
            }
            (Action::Toggle, Focus::Field(Field::Measure(i))) => self.toggle_measure(i),
            (Action::Activate, Focus::Field(Field::Measure(i))) if self.open_measure(i, "") => {}
            (Action::SetMood(v), Focus::Field(f)) if f.part().is_some() => {
                if let (Some(i), Ok(r)) = (f.part(), PartRating::new(v)) {
                    self.parts[i] = Some(r);
                }
            }
            (Action::SetMood(v), Focus::History) => {
                self.mood = Mood::new(v).ok();
                return Ok(self.for_day_shown(ctx.now));
            }
            (Action::SetMood(v), _) => self.mood = Mood::new(v).ok(),
            (Action::SetWhen, _) => self.open_when(),
            (Action::AddChoice, Focus::Field(f @ (Field::Emotions | Field::Rituals))) => {
                self.open_new_choice(f)
            }
            (Action::CancelEdit, Focus::Field(_)) if self.editing.is_some() => {
                self.clear_form();
                return Ok(Some("Left that check-in as it was.".into()));
            }
            (Action::FocusNext, Focus::Field(f)) => match self.next_field(f) {
                Some(next) => self.focus = Focus::Field(next),
                None => {
                    self.focus = Focus::History;
                    self.list.select(0);
                }
            },
            (Action::FocusPrev, Focus::Field(f)) => {
                self.focus = Focus::Field(self.prev_field(f));
            }
            (Action::FocusNext, Focus::History) => return self.list_action(action, ctx),
            (Action::FocusPrev, Focus::History) if self.list.selected > 0 => {
                return self.list_action(action, ctx);
            }
            (Action::FocusPrev | Action::BackToForm, Focus::History) => {
                self.focus = Focus::Field(Field::Note);
            }
            (Action::Left | Action::Right, Focus::Field(f)) => {
                self.adjust(f, action == Action::Right)
            }
            (Action::Toggle, Focus::Field(Field::Emotions)) => self.emotions.toggle(),
            (Action::Toggle, Focus::Field(Field::Rituals)) => self.rituals.toggle(),
            (Action::Activate, Focus::Field(Field::Note)) => self.writing = true,
            (Action::Activate, Focus::Field(Field::Emotions)) => self.emotions.toggle(),
            (Action::Activate, Focus::Field(Field::Rituals)) => self.rituals.toggle(),
            (Action::Activate, Focus::Field(f)) => {
                self.focus = Focus::Field(self.next_field(f).unwrap_or(Field::Note));
            }
            (Action::ClearField, Focus::Field(f)) => self.clear_field(f),
            (Action::EarlierDay, _) => return self.browse(Direction::Earlier, ctx),
            (Action::LaterDay, _) => return self.browse(Direction::Later, ctx),
            (Action::EditSelected, Focus::History) if !self.list.show_trash => {
                return Ok(self.open_selected());
            }
            (
                Action::EditSelected | Action::TrashSelected | Action::ToggleTrash,
                Focus::History,
            )
            | (Action::UndoTrash, _) => return self.list_action(action, ctx),
            _ => {}
        }
        Ok(None)
    }

    /// Whether the footer should offer an action where the focus is now: only what works
    /// on this field, and the mood digits on the mood field (they work anywhere, but a
    /// narrow footer has better things to say elsewhere).
    pub fn offers(&self, action: Action) -> bool {
        let Focus::Field(field) = self.focus else {
            return true;
        };
        let chips = matches!(field, Field::Emotions | Field::Rituals);
        if let Field::Measure(i) = field {
            return self.measure_offers(i, action);
        }
        match action {
            Action::Toggle => chips,
            // The footer's "1–0 mood" only where a digit sets the mood.
            Action::SetMood(_) => field == Field::Mood,
            Action::Activate => field == Field::Note,
            Action::Left | Action::Right => field != Field::Note,
            _ => true,
        }
    }

    fn adjust(&mut self, field: Field, up: bool) {
        match field {
            Field::Mood => self.mood = Mood::nudge(self.mood, up, 5),
            Field::Energy => self.energy = Energy::nudge(self.energy, up, 5),
            Field::Emotions => self.emotions.move_cursor(up),
            Field::Rituals => self.rituals.move_cursor(up),
            Field::Kindness | Field::Humanity | Field::Mindfulness => {
                let i = field.part().unwrap_or(0);
                self.parts[i] = PartRating::nudge(self.parts[i], up, 3);
            }
            Field::Measure(i) => self.nudge_measure(i, up),
            Field::Note => {}
        }
    }

    fn clear_field(&mut self, field: Field) {
        match field {
            Field::Mood => self.mood = None,
            Field::Energy => self.energy = None,
            Field::Emotions => self.emotions.picked.clear(),
            Field::Rituals => self.rituals.picked.clear(),
            Field::Note => self.note = new_note(""),
            Field::Measure(i) => {
                if let Some(v) = self.values.get_mut(usize::from(i)) {
                    *v = None;
                }
            }
            f => {
                if let Some(i) = f.part() {
                    self.parts[i] = None;
                }
            }
        }
    }

    /// The check-in the form holds, as it would be saved at `now`: the saved one changed,
    /// or a new one; none without a mood.
    pub(super) fn to_checkin(&self, now: DateTime<FixedOffset>) -> Option<CheckIn> {
        let mood = self.mood?;
        let mut c = match &self.editing {
            Some(old) => old.clone(),
            None => CheckIn::new(now, mood),
        };
        c.at = self.moment(now);
        c.mood = mood;
        c.energy = self.energy;
        c.emotions = self.emotions.labels("emotions");
        c.rituals = self.rituals.labels("rituals");
        [c.kindness, c.humanity, c.mindfulness] = self.parts;
        c.measures = self.checkin_readings(&c.measures);
        c.set_note(&self.note.lines().join("\n"));
        Some(c)
    }

    fn save(&mut self, ctx: &mut Ctx<'_>) -> crate::store::Result<Outcome> {
        let Some(c) = self.to_checkin(ctx.now) else {
            self.focus = Focus::Field(Field::Mood);
            self.writing = false;
            return Ok(Outcome::said("Pick a mood first: 1–9, or 0 for 10."));
        };
        let edited = self.editing.is_some();
        let base = self.editing.clone().map(Whole::CheckIn);
        let also = super::saving::save(ctx.store, base, Whole::CheckIn(c.clone()), DRAFT_SLOT)?;
        self.save_day_values(&c, ctx.store)?;
        self.clear_form();
        // A new check-in leaves the list on today, beside a form that asks about now; an
        // edited one stays in view on its own day.
        self.day = if edited { c.day() } else { ctx.today() };
        self.list.leave_trash();
        self.refresh(ctx.store)?;
        let saved = Effect::Saved(Saved {
            mood: Some(c.mood),
            ..Saved::new(MarkedKind::CheckIn, c.id, !edited)
        });
        let thanks = if c.day() == ctx.today() {
            THANKS.to_string()
        } else {
            format!(
                "Saved for {}. Thank you for checking in.",
                c.at.format("%a %-d %b")
            )
        };
        Ok(match (edited, c.mood.get() <= 3) {
            (true, _) => Outcome::said(super::saving::changes_saved(also)),
            // On a low day, a line from the person's own deck of kind words follows.
            (false, true) => {
                Outcome::said(thanks).then(super::kind_words::kind_line(ctx.store, ctx.now)?)
            }
            (false, false) => Outcome::said(thanks),
        }
        .with(saved))
    }

    fn browse(&mut self, dir: Direction, ctx: &mut Ctx<'_>) -> crate::store::Result<Notice> {
        self.focus = Focus::History;
        if self.list.show_trash {
            return Ok(None);
        }
        let today = ctx.today();
        let next = ctx.store.neighbouring_day(self.day, dir)?;
        let target = match (dir, next) {
            (_, Some(d)) if d <= today => Some(d),
            // Past the newest day with check-ins, the way forward ends at today.
            (Direction::Later, _) if self.day < today => Some(today),
            _ => None,
        };
        let Some(day) = target else {
            return Ok(Some(match dir {
                Direction::Earlier => "That's the earliest check-in there is.".into(),
                Direction::Later => "You're at today.".into(),
            }));
        };
        self.day = day;
        self.list.select(0);
        self.refresh(ctx.store)?;
        Ok(None)
    }

    fn open_selected(&mut self) -> Notice {
        let c = self.list.selected().cloned()?;
        // Opening another check-in would put it in the form over words not yet saved.
        if self.has_unsaved_changes() && self.editing.as_ref().is_none_or(|e| e.id != c.id) {
            return Some(
                "The form holds words not saved yet: save them (Ctrl-S) or clear the form first, then open this one."
                    .into(),
            );
        }
        self.load(&c);
        Some(format!(
            "Editing the check-in from {}. Ctrl-S saves, Esc leaves it as it was.",
            c.at.format("%H:%M")
        ))
    }

    /// Trash, bring back, undo and the trash view: the one list model's, with the form
    /// letting go of a check-in that went to the trash.
    fn list_action(&mut self, action: Action, ctx: &mut Ctx<'_>) -> crate::store::Result<Notice> {
        let Some(reply) = self.list.apply(action, ctx.store)? else {
            return Ok(None);
        };
        if let Some(id) = reply.trashed
            && self.editing.as_ref().is_some_and(|e| e.id == id)
        {
            self.clear_form();
            self.focus = Focus::History;
        }
        if reply.reload {
            self.refresh(ctx.store)?;
        }
        Ok(reply.notice)
    }
}

pub(super) fn new_note(text: &str) -> TextArea<'static> {
    editor(text, "Enter to write a few words")
}

impl Pane for CheckinPane {
    fn id(&self) -> PaneId {
        PaneId::Checkin
    }

    fn mode(&self) -> Mode {
        match &self.pause {
            Some(p) if p.step.is_text() => Mode::BreakText,
            Some(_) => Mode::BreakMood,
            None => match &self.asking {
                Some((Ask::When, _)) => Mode::When,
                Some((Ask::New(_) | Ask::Measure(_), _)) => Mode::AddChoice,
                None if self.writing => Mode::Writing,
                None if self.focus == Focus::History => Mode::History,
                None => Mode::Form,
            },
        }
    }

    fn help_modes(&self) -> &'static [Mode] {
        &[
            Mode::Form,
            Mode::History,
            Mode::Writing,
            Mode::When,
            Mode::AddChoice,
            Mode::BreakMood,
            Mode::BreakText,
        ]
    }

    fn offers(&self, action: Action) -> bool {
        Pane::mode(self) != Mode::Form || CheckinPane::offers(self, action)
    }

    fn apply(&mut self, action: Action, ctx: &mut Ctx<'_>) -> crate::store::Result<Outcome> {
        CheckinPane::apply(self, action, ctx)
    }

    fn select_row(&mut self, i: usize) -> Outcome {
        self.focus = Focus::History;
        self.list.select(i);
        Outcome::quiet()
    }

    fn refresh(&mut self, ctx: &mut Ctx<'_>) -> crate::store::Result<()> {
        CheckinPane::refresh(self, ctx.store)
    }

    fn in_flow(&self) -> bool {
        self.pause.is_some()
    }

    fn typed(&mut self, c: char) -> Option<Outcome> {
        self.take_typed(&c.to_string())
    }

    fn word_key(&mut self, typed: Option<char>, action: Option<Action>) -> Option<Outcome> {
        CheckinPane::word_key(self, typed, action)
    }

    fn words_in_sight(&self) -> String {
        let pause = self.pause.iter().flat_map(|p| &p.lines);
        let texts: Vec<String> = std::iter::once(&self.note)
            .chain(pause.chain(self.asking.iter().map(|(_, line)| line)))
            .map(|t| crate::tui::widgets::editor_text(t))
            .collect();
        texts.join("\n")
    }
}

impl Writing for CheckinPane {
    fn input(&mut self, input: ratatui_textarea::Input) -> bool {
        self.type_key(input)
    }

    fn paste(&mut self, text: &str) -> bool {
        CheckinPane::paste(self, text)
    }

    fn own_editor(&mut self) -> Option<&mut TextArea<'static>> {
        if self.pause.is_some() || self.asking.is_some() || !matches!(self.focus, Focus::Field(_)) {
            return None;
        }
        self.focus = Focus::Field(Field::Note);
        Some(&mut self.note)
    }
}

impl RecordList for CheckinPane {
    fn show(&mut self, id: Uuid, ctx: &mut Ctx<'_>) -> crate::store::Result<bool> {
        let Some(c) = ctx.store.checkin(id)? else {
            return Ok(false);
        };
        self.show_checkin(&c, ctx.store)?;
        Ok(true)
    }

    fn target(&self) -> Option<(MarkedKind, Uuid)> {
        let id = match self.focus {
            _ if self.pause.is_some() => None,
            Focus::History if !self.list.show_trash => self.list.selected().map(|c| c.id),
            Focus::History => None,
            Focus::Field(_) => self.editing.as_ref().map(|c| c.id),
        };
        id.map(|id| (MarkedKind::CheckIn, id))
    }

    fn in_trash(&self) -> bool {
        self.list.show_trash
    }

    fn undo_line(&self) -> Option<&'static str> {
        self.list.undo_line()
    }
}

#[cfg(test)]
mod tests;
