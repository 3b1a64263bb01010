//! The Check-in pane: a quick form for how you are now, beside the check-ins of a chosen day.

use chrono::{Duration, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Widget, Wrap};
use ratatui_textarea::TextArea;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::{CheckIn, Energy, Label, Mood, PartRating, Scale};
use crate::store::{Direction, RecordKind, Store};
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::{
    ChipRow, Row, Rows, ScaleRow, editor, framed, mood_word, show_cursor, shown,
};

/// The draft slot the form autosaves into.
pub const DRAFT_SLOT: &str = "checkin";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Mood,
    Energy,
    Emotions,
    Rituals,
    Kindness,
    Humanity,
    Mindfulness,
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

    fn label(self) -> &'static str {
        match self {
            Field::Mood => "Mood",
            Field::Energy => "Energy",
            Field::Emotions => "Emotions",
            Field::Rituals => "Rituals",
            Field::Kindness => "Kindness",
            Field::Humanity => "Humanity",
            Field::Mindfulness => "Mindfulness",
            Field::Note => "Note",
        }
    }

    fn index(self) -> usize {
        Field::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }

    fn part(self) -> Option<usize> {
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
    fn new(vocab: Vec<String>) -> Self {
        Self {
            vocab,
            picked: Vec::new(),
            cursor: 0,
        }
    }

    fn toggle(&mut self) {
        let Some(name) = self.vocab.get(self.cursor).cloned() else {
            return;
        };
        if let Some(i) = self.picked.iter().position(|p| *p == name) {
            self.picked.remove(i);
        } else {
            self.picked.push(name);
        }
    }

    fn move_cursor(&mut self, right: bool) {
        let last = self.vocab.len().saturating_sub(1);
        self.cursor = if right {
            (self.cursor + 1).min(last)
        } else {
            self.cursor.saturating_sub(1)
        };
    }

    /// Picks exactly these, adding any the vocabulary lacks so they can be seen and unpicked.
    fn set(&mut self, names: &[String]) {
        for n in names {
            if !self.vocab.contains(n) {
                self.vocab.push(n.clone());
            }
        }
        self.picked = names.to_vec();
    }

    fn labels(&self, field: &str) -> Vec<Label> {
        self.picked
            .iter()
            .filter_map(|p| Label::new(field, p).ok())
            .collect()
    }
}

/// Everything typed or picked in the form, as autosaved and offered back after a restart.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub mood: Option<u8>,
    pub energy: Option<u8>,
    pub emotions: Vec<String>,
    pub rituals: Vec<String>,
    pub parts: [Option<u8>; 3],
    pub note: String,
    /// Set when the form holds changes to a saved check-in rather than a new one.
    pub editing: Option<Uuid>,
}

impl Draft {
    pub fn is_blank(&self) -> bool {
        *self == Draft::default()
    }
}

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
    /// The day shown beside the form, and its check-ins (newest first).
    pub day: NaiveDate,
    pub rows: Vec<CheckIn>,
    pub selected: usize,
    pub show_trash: bool,
    trashed: Vec<Uuid>,
    /// The self-compassion break, while it is open.
    pub pause: Option<BreakFlow>,
    /// No check-ins at all yet: the day list shows a short welcome instead.
    pub first_time: bool,
}

use super::compassion_break::{BreakFlow, BreakView};
pub use super::{Ctx, Notice};

impl CheckinPane {
    pub fn new(emotions: Vec<String>, rituals: Vec<String>, today: NaiveDate) -> Self {
        Self {
            mood: None,
            energy: None,
            emotions: Chips::new(emotions),
            rituals: Chips::new(rituals),
            parts: [None; 3],
            note: new_note(""),
            focus: Focus::Field(Field::Mood),
            writing: false,
            editing: None,
            day: today,
            rows: Vec::new(),
            selected: 0,
            show_trash: false,
            trashed: Vec::new(),
            pause: None,
            first_time: false,
        }
    }

    pub fn draft(&self) -> Draft {
        Draft {
            mood: self.mood.map(Mood::get),
            energy: self.energy.map(Energy::get),
            emotions: self.emotions.picked.clone(),
            rituals: self.rituals.picked.clone(),
            parts: self.parts.map(|p| p.map(PartRating::get)),
            note: self.note.lines().join("\n"),
            editing: self.editing.as_ref().map(|c| c.id),
        }
    }

    /// Puts a draft back into the form. Values that are no longer valid are left out.
    pub fn restore(&mut self, draft: &Draft, store: &Store) {
        self.mood = draft.mood.and_then(|v| Mood::new(v).ok());
        self.energy = draft.energy.and_then(|v| Energy::new(v).ok());
        self.emotions.set(&draft.emotions);
        self.rituals.set(&draft.rituals);
        self.parts = draft.parts.map(|p| p.and_then(|v| PartRating::new(v).ok()));
        self.note = new_note(&draft.note);
        self.editing = draft
            .editing
            .and_then(|id| store.checkin(id).ok().flatten());
    }

    fn clear_form(&mut self) {
        self.mood = None;
        self.energy = None;
        self.emotions.picked.clear();
        self.rituals.picked.clear();
        self.parts = [None; 3];
        self.note = new_note("");
        self.editing = None;
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
        self.note = new_note(c.note.as_deref().unwrap_or(""));
        self.editing = Some(c.clone());
        self.writing = false;
        self.focus = Focus::Field(Field::Mood);
    }

    /// Reads the day's check-ins (or the trash) again from the journal.
    pub fn refresh(&mut self, store: &Store) -> crate::store::Result<()> {
        self.first_time = store.latest_checkin()?.is_none();
        self.rows = if self.show_trash {
            store.trashed_checkins()?
        } else {
            store.checkins_on(self.day)?
        };
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        Ok(())
    }

    /// Sends a key the keymap did not claim to the note editor, while writing.
    pub fn type_key(&mut self, input: ratatui_textarea::Input) -> bool {
        if let Some(pause) = self.pause.as_mut() {
            return pause.type_key(input);
        }
        self.writing && self.note.input(input)
    }

    pub fn paste(&mut self, text: &str) -> bool {
        if let Some(pause) = self.pause.as_mut() {
            return pause.paste(text);
        }
        self.writing && self.note.insert_str(text)
    }

    /// Shows one saved check-in in the day list, selected.
    pub fn show_checkin(&mut self, c: &CheckIn, store: &Store) -> crate::store::Result<()> {
        self.pause = None;
        self.writing = false;
        self.show_trash = false;
        self.day = c.day();
        self.refresh(store)?;
        self.selected = self.rows.iter().position(|r| r.id == c.id).unwrap_or(0);
        self.focus = Focus::History;
        Ok(())
    }

    pub fn apply(&mut self, action: Action, ctx: &mut Ctx<'_>) -> crate::store::Result<Notice> {
        if let Some(pause) = self.pause.as_mut() {
            let (notice, done) = pause.apply(action, ctx)?;
            if done {
                self.pause = None;
            }
            return Ok(notice);
        }
        if action == Action::StartBreak {
            self.pause = Some(BreakFlow::new());
            self.writing = false;
            return Ok(None);
        }
        let notice = self.apply_inner(action, ctx);
        show_cursor(&mut self.note, self.writing);
        notice
    }

    fn apply_inner(&mut self, action: Action, ctx: &mut Ctx<'_>) -> crate::store::Result<Notice> {
        match (action, self.focus) {
            (Action::Save, _) => return self.save(ctx),
            (Action::LeaveText, _) => self.writing = false,
            (Action::SetMood(v), _) => self.mood = Mood::new(v).ok(),
            (Action::CancelEdit, Focus::Field(_)) if self.editing.is_some() => {
                self.clear_form();
                return Ok(Some("Left that check-in as it was.".into()));
            }
            (Action::FocusNext, Focus::Field(f)) => match Field::ALL.get(f.index() + 1) {
                Some(next) => self.focus = Focus::Field(*next),
                None => {
                    self.focus = Focus::History;
                    self.selected = 0;
                }
            },
            (Action::FocusPrev, Focus::Field(f)) => {
                self.focus = Focus::Field(Field::ALL[f.index().saturating_sub(1)]);
            }
            (Action::FocusNext, Focus::History) => {
                self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1));
            }
            (Action::FocusPrev, Focus::History) if self.selected > 0 => self.selected -= 1,
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
                self.focus = Focus::Field(Field::ALL[(f.index() + 1).min(Field::ALL.len() - 1)]);
            }
            (Action::ClearField, Focus::Field(f)) => self.clear_field(f),
            (Action::EarlierDay, _) => return self.browse(Direction::Earlier, ctx),
            (Action::LaterDay, _) => return self.browse(Direction::Later, ctx),
            (Action::EditSelected, Focus::History) => return self.open_selected(ctx),
            (Action::TrashSelected, Focus::History) => return self.trash_selected(ctx),
            (Action::UndoTrash, _) => return self.undo_trash(ctx),
            (Action::ToggleTrash, Focus::History) => {
                self.show_trash = !self.show_trash;
                self.selected = 0;
                self.refresh(ctx.store)?;
            }
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
        match action {
            Action::Toggle => chips,
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
            f => {
                if let Some(i) = f.part() {
                    self.parts[i] = None;
                }
            }
        }
    }

    fn save(&mut self, ctx: &mut Ctx<'_>) -> crate::store::Result<Notice> {
        let Some(mood) = self.mood else {
            self.focus = Focus::Field(Field::Mood);
            self.writing = false;
            return Ok(Some("Pick a mood first: 1–9, or 0 for 10.".into()));
        };
        let (mut c, edited) = match &self.editing {
            Some(old) => (old.clone(), true),
            None => (CheckIn::new(ctx.now, mood), false),
        };
        c.mood = mood;
        c.energy = self.energy;
        c.emotions = self.emotions.labels("emotions");
        c.rituals = self.rituals.labels("rituals");
        [c.kindness, c.humanity, c.mindfulness] = self.parts;
        c.set_note(&self.note.lines().join("\n"));
        ctx.store.save_checkin(&c, Some(DRAFT_SLOT))?;
        self.clear_form();
        self.day = if edited { c.day() } else { ctx.today() };
        self.show_trash = false;
        self.refresh(ctx.store)?;
        Ok(Some(if edited {
            "Your changes are saved.".into()
        } else {
            "Saved. Thank you for checking in.".into()
        }))
    }

    fn browse(&mut self, dir: Direction, ctx: &mut Ctx<'_>) -> crate::store::Result<Notice> {
        self.focus = Focus::History;
        if self.show_trash {
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
        self.selected = 0;
        self.refresh(ctx.store)?;
        Ok(None)
    }

    fn open_selected(&mut self, ctx: &mut Ctx<'_>) -> crate::store::Result<Notice> {
        let Some(c) = self.rows.get(self.selected).cloned() else {
            return Ok(None);
        };
        if self.show_trash {
            ctx.store.restore(RecordKind::CheckIn, c.id)?;
            self.trashed.retain(|id| *id != c.id);
            self.refresh(ctx.store)?;
            return Ok(Some(format!(
                "Brought back the check-in from {}.",
                c.at.format("%-d %b, %H:%M")
            )));
        }
        self.load(&c);
        Ok(Some(format!(
            "Editing the check-in from {}. Ctrl-S saves, Esc leaves it as it was.",
            c.at.format("%H:%M")
        )))
    }

    fn trash_selected(&mut self, ctx: &mut Ctx<'_>) -> crate::store::Result<Notice> {
        let Some(c) = self.rows.get(self.selected).cloned() else {
            return Ok(None);
        };
        if self.show_trash {
            return Ok(Some(
                "It's already in the trash; Enter brings it back.".into(),
            ));
        }
        ctx.store.trash(RecordKind::CheckIn, c.id)?;
        self.trashed.push(c.id);
        if self.editing.as_ref().is_some_and(|e| e.id == c.id) {
            self.clear_form();
            self.focus = Focus::History;
        }
        self.refresh(ctx.store)?;
        Ok(Some("Moved to the trash. Press u to bring it back.".into()))
    }

    fn undo_trash(&mut self, ctx: &mut Ctx<'_>) -> crate::store::Result<Notice> {
        let Some(id) = self.trashed.pop() else {
            return Ok(Some("Nothing trashed just now to bring back.".into()));
        };
        ctx.store.restore(RecordKind::CheckIn, id)?;
        self.refresh(ctx.store)?;
        Ok(Some("Brought it back.".into()))
    }
}

fn new_note(text: &str) -> TextArea<'static> {
    editor(text, "Enter to write a few words, if you like")
}

/// Draws the pane from its state; drawing never changes it.
pub struct CheckinView<'a> {
    pub hits: &'a crate::tui::hits::Hits,
    pub pane: &'a CheckinPane,
    pub theme: &'a Theme,
    pub today: NaiveDate,
}

impl Widget for CheckinView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let p = self.pane;
        if let Some(flow) = &p.pause {
            BreakView {
                flow,
                theme: self.theme,
            }
            .render(area, buf);
            return;
        }
        let wide = area.width >= 72;
        let boxed = area.height >= 14;
        if wide {
            let [form, list] =
                Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
                    .areas(area);
            self.form(form, buf, boxed);
            self.history(list, buf, boxed);
        } else if p.focus == Focus::History {
            self.history(area, buf, boxed);
        } else {
            self.form(area, buf, boxed);
        }
    }
}

const LABEL_WIDTH: u16 = 13;

impl CheckinView<'_> {
    fn block(&self, title: String, focused: bool) -> Block<'static> {
        let t = self.theme;
        Block::default()
            .borders(Borders::ALL)
            .border_type(BorderType::Rounded)
            .border_style(if focused { t.accent } else { t.muted })
            .title(Span::styled(format!(" {title} "), t.title))
    }

    fn form(&self, area: Rect, buf: &mut Buffer, boxed: bool) {
        let p = self.pane;
        let t = self.theme;
        let inner = if boxed {
            let title = match &p.editing {
                Some(c) => format!("Editing {}", c.at.format("%a %-d %b, %H:%M")),
                None => "How are you, right now?".into(),
            };
            let focused = matches!(p.focus, Focus::Field(_));
            let block = self.block(title, focused);
            let inner = block.inner(area);
            block.render(area, buf);
            inner
        } else {
            area
        };
        if inner.height == 0 {
            return;
        }
        // In a short window the editor takes the whole form while writing.
        if p.writing && inner.height < 12 {
            let [label, text] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
            Line::from(vec![
                Span::styled("Note", t.focus),
                Span::styled("  Esc when done · Ctrl-S saves", t.muted),
            ])
            .render(label, buf);
            self.note(text, buf);
            return;
        }
        let rows = Layout::vertical(
            Field::ALL
                .iter()
                .map(|f| {
                    if *f == Field::Note {
                        Constraint::Min(1)
                    } else {
                        Constraint::Length(1)
                    }
                })
                .collect::<Vec<_>>(),
        )
        .split(inner);
        for (field, row) in Field::ALL.iter().zip(rows.iter()) {
            let focused = p.focus == Focus::Field(*field);
            let [label, value] =
                Layout::horizontal([Constraint::Length(LABEL_WIDTH), Constraint::Min(1)])
                    .areas(*row);
            let marker = if focused { "›" } else { " " };
            Line::from(vec![
                Span::styled(marker, t.focus),
                Span::styled(field.label(), if focused { t.focus } else { t.text }),
            ])
            .render(label, buf);
            self.value(*field, focused, value, buf);
        }
    }

    fn value(&self, field: Field, focused: bool, area: Rect, buf: &mut Buffer) {
        let p = self.pane;
        let t = self.theme;
        match field {
            Field::Mood => ScaleRow {
                value: p.mood.map(Mood::get),
                max: 10,
                style: p.mood.map_or(t.muted, |m| t.mood(m.get())),
                word: p.mood.map(|m| mood_word(m.get())),
                empty: "press 1–9 or 0",
                theme: t,
            }
            .render(area, buf),
            Field::Energy => ScaleRow {
                value: p.energy.map(Energy::get),
                max: 10,
                style: t.accent,
                word: None,
                empty: if focused { "← → to set" } else { "" },
                theme: t,
            }
            .render(area, buf),
            Field::Emotions | Field::Rituals => {
                let chips = if field == Field::Emotions {
                    &p.emotions
                } else {
                    &p.rituals
                };
                ChipRow {
                    chips: &chips.vocab,
                    picked: &chips.picked,
                    cursor: chips.cursor,
                    focused,
                    theme: t,
                }
                .render(area, buf)
            }
            Field::Kindness | Field::Humanity | Field::Mindfulness => {
                let v = field.part().and_then(|i| p.parts[i]).map(PartRating::get);
                ScaleRow {
                    value: v,
                    max: 5,
                    style: t.accent,
                    word: None,
                    empty: if focused { "← → to set" } else { "" },
                    theme: t,
                }
                .render(area, buf)
            }
            Field::Note => self.note(area, buf),
        }
    }

    fn note(&self, area: Rect, buf: &mut Buffer) {
        // Rendered in place, not from a copy: the editor remembers its viewport between
        // frames, and a copy would forget it and lose the scroll position.
        self.pane.note.render(area, buf);
    }

    fn history(&self, area: Rect, buf: &mut Buffer, boxed: bool) {
        let p = self.pane;
        let t = self.theme;
        let focused = p.focus == Focus::History;
        let title = if p.show_trash {
            format!("Trash · {}", p.rows.len())
        } else if p.day == self.today {
            match p.rows.len() {
                0 => "Today".to_string(),
                n => format!("Today · {n}"),
            }
        } else if p.day == self.today - Duration::days(1) {
            format!("Yesterday · {}", p.rows.len())
        } else {
            format!("{} · {}", p.day.format("%a %-d %b %Y"), p.rows.len())
        };
        let border = if focused { t.accent } else { t.muted };
        let inner = framed(area, buf, &title, boxed, border, t);
        if p.rows.is_empty() && p.first_time && !p.show_trash {
            let lines: Vec<Line<'_>> = [
                ("Welcome to kindly.", t.title),
                ("", t.text),
                ("Check-in: how you are, in a few keys.", t.text),
                (
                    "Critic: catch a harsh thought and answer it kindly.",
                    t.text,
                ),
                ("Journal: pages and letters to yourself.", t.text),
                ("Trends: your weeks, drawn as charts.", t.text),
                ("", t.text),
                ("Tab moves between them; ? shows every key.", t.muted),
            ]
            .into_iter()
            .map(|(s, style)| Line::from(Span::styled(s, style)))
            .collect();
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .render(inner, buf);
            return;
        }
        if p.rows.is_empty() {
            let words = if p.show_trash {
                "The trash is empty."
            } else if p.day == self.today {
                "Nothing here yet today, and that's okay."
            } else {
                "Nothing on this day."
            };
            Paragraph::new(Line::from(Span::styled(words, t.muted)))
                .wrap(Wrap { trim: true })
                .render(inner, buf);
            return;
        }
        // Tall windows give each check-in a second line for its note.
        let per_row: u16 = if boxed { 2 } else { 1 };
        Rows {
            count: p.rows.len(),
            selected: p.selected,
            highlight: focused,
            per_row,
            theme: t,
            hits: self.hits,
            row: |i| {
                let c = &p.rows[i];
                let when = if p.show_trash {
                    c.at.format("%-d %b %H:%M").to_string()
                } else {
                    c.at.format("%H:%M").to_string()
                };
                let mut spans = vec![
                    Span::styled(when, t.muted),
                    Span::raw(" "),
                    Span::styled(format!("{:>2}", c.mood.get()), t.mood(c.mood.get())),
                    Span::raw(" "),
                ];
                let names: Vec<&str> = c
                    .emotions
                    .iter()
                    .chain(c.rituals.iter())
                    .map(Label::as_str)
                    .collect();
                if !names.is_empty() {
                    spans.push(Span::styled(shown(&names.join(", ")), t.accent));
                    spans.push(Span::raw(" "));
                }
                let note = c
                    .note
                    .as_deref()
                    .and_then(|n| n.lines().find(|l| !l.trim().is_empty()))
                    .unwrap_or_default();
                let mut lines = vec![Line::from(spans)];
                if per_row == 2 {
                    lines.push(Line::from(Span::styled(
                        format!("      {}", shown(note)),
                        t.muted,
                    )));
                } else if !note.is_empty() {
                    lines[0].push_span(Span::styled(shown(note), t.text));
                }
                Row { lines, tail: None }
            },
        }
        .render(inner, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, FixedOffset};

    fn ctx_parts() -> (Store, DateTime<FixedOffset>) {
        (
            Store::open_in_memory().unwrap(),
            DateTime::parse_from_rfc3339("2026-11-29T10:00:00+00:00").unwrap(),
        )
    }

    fn pane(now: DateTime<FixedOffset>) -> CheckinPane {
        let cfg = crate::config::Config::default();
        CheckinPane::new(cfg.emotions, cfg.rituals, now.date_naive())
    }

    #[test]
    fn saving_without_a_mood_asks_gently_and_writes_nothing() {
        let (mut store, now) = ctx_parts();
        let mut p = pane(now);
        p.focus = Focus::Field(Field::Note);
        let notice = p
            .apply(
                Action::Save,
                &mut Ctx {
                    store: &mut store,
                    now,
                },
            )
            .unwrap();
        assert!(notice.unwrap().contains("Pick a mood"));
        assert_eq!(p.focus, Focus::Field(Field::Mood));
        assert!(store.checkins_between(None, None).unwrap().is_empty());
    }

    #[test]
    fn chips_toggle_under_the_cursor() {
        let (mut store, now) = ctx_parts();
        let mut p = pane(now);
        let mut ctx = Ctx {
            store: &mut store,
            now,
        };
        p.focus = Focus::Field(Field::Rituals);
        p.apply(Action::Right, &mut ctx).unwrap();
        p.apply(Action::Toggle, &mut ctx).unwrap();
        assert_eq!(p.rituals.picked, [p.rituals.vocab[1].clone()]);
        p.apply(Action::Toggle, &mut ctx).unwrap();
        assert!(p.rituals.picked.is_empty());
    }

    #[test]
    fn scales_start_mid_way_and_clear() {
        let (mut store, now) = ctx_parts();
        let mut p = pane(now);
        let mut ctx = Ctx {
            store: &mut store,
            now,
        };
        p.focus = Focus::Field(Field::Kindness);
        p.apply(Action::Right, &mut ctx).unwrap();
        assert_eq!(p.parts[0].map(PartRating::get), Some(3));
        p.apply(Action::Right, &mut ctx).unwrap();
        assert_eq!(p.parts[0].map(PartRating::get), Some(4));
        p.apply(Action::ClearField, &mut ctx).unwrap();
        assert_eq!(p.parts[0], None);
    }

    #[test]
    fn draft_round_trips_through_restore() {
        let (store, now) = ctx_parts();
        let mut p = pane(now);
        p.mood = Mood::new(3).ok();
        p.emotions.set(&["tired".into(), "something new".into()]);
        p.note = new_note("line one\nline two 🌧");
        let d = p.draft();
        let mut q = pane(now);
        q.restore(&d, &store);
        assert_eq!(q.draft(), d);
        assert!(q.emotions.vocab.contains(&"something new".to_string()));
    }
}
