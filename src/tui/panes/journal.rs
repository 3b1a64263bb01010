//! The Journal pane: entries and compassionate letters, listed newest first, written in a
//! soft-wrapping editor.

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use ratatui_textarea::{Input, TextArea};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Ctx, Notice};
use crate::domain::{Entry, EntryKind, Label, optional_text, parse_label_list};
use crate::store::{RecordKind, Result, Store};
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::{Row, Rows, editor, editor_text, framed, show_cursor, shown};

/// The draft slot an unsaved entry autosaves into.
pub const DRAFT_SLOT: &str = "entry";

/// Shown above a new letter, never saved into it.
pub const LETTER_PROMPT: &str = "Write to yourself the way a caring friend would: someone who knows \
what you're carrying, sees what you're doing well, and is on your side.";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Tags,
    Body,
}

/// An unsaved entry, as autosaved and offered back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub kind: EntryKind,
    pub title: String,
    pub tags: String,
    pub body: String,
    pub editing: Option<Uuid>,
}

impl Draft {
    pub fn is_blank(&self) -> bool {
        self.title.trim().is_empty() && self.tags.trim().is_empty() && self.body.trim().is_empty()
    }
}

/// An entry open in the editor.
pub struct Page {
    pub kind: EntryKind,
    pub title: TextArea<'static>,
    pub tags: TextArea<'static>,
    pub body: TextArea<'static>,
    pub field: Field,
    pub writing: bool,
    /// The saved entry being changed, if any (its id and time are kept).
    pub editing: Option<Entry>,
}

impl Page {
    fn new(d: &Draft, editing: Option<Entry>) -> Self {
        let body_hint = match d.kind {
            EntryKind::Letter => "Dear me,",
            EntryKind::Journal => "Whatever is on your mind",
        };
        let mut page = Page {
            kind: d.kind,
            title: editor(&d.title, "A title, if you like"),
            tags: editor(&d.tags, "tags, comma-separated"),
            body: editor(&d.body, body_hint),
            field: Field::Body,
            writing: false,
            editing,
        };
        page.show();
        page
    }

    pub fn draft(&self) -> Draft {
        Draft {
            kind: self.kind,
            title: editor_text(&self.title),
            tags: editor_text(&self.tags),
            body: editor_text(&self.body),
            editing: self.editing.as_ref().map(|e| e.id),
        }
    }

    fn area_mut(&mut self) -> &mut TextArea<'static> {
        match self.field {
            Field::Title => &mut self.title,
            Field::Tags => &mut self.tags,
            Field::Body => &mut self.body,
        }
    }

    /// Cursor only in the field being written.
    fn show(&mut self) {
        let (f, w) = (self.field, self.writing);
        show_cursor(&mut self.title, w && f == Field::Title);
        show_cursor(&mut self.tags, w && f == Field::Tags);
        show_cursor(&mut self.body, w && f == Field::Body);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    List,
    Page,
}

pub struct JournalPane {
    pub view: View,
    pub rows: Vec<Entry>,
    pub selected: usize,
    pub show_trash: bool,
    pub page: Option<Page>,
    /// An unsaved entry from before, waiting to be carried on with `n` or `l`.
    pub waiting: Option<Draft>,
    trashed: Vec<Uuid>,
}

impl Default for JournalPane {
    fn default() -> Self {
        Self::new()
    }
}

impl JournalPane {
    pub fn new() -> Self {
        Self {
            view: View::List,
            rows: Vec::new(),
            selected: 0,
            show_trash: false,
            page: None,
            waiting: None,
            trashed: Vec::new(),
        }
    }

    pub fn writing(&self) -> bool {
        self.view == View::Page && self.page.as_ref().is_some_and(|p| p.writing)
    }

    pub fn draft(&self) -> Option<Draft> {
        match (&self.page, &self.waiting) {
            (Some(p), _) => Some(p.draft()),
            (None, Some(w)) => Some(w.clone()),
            (None, None) => None,
        }
    }

    pub fn offer(&mut self, draft: Draft) {
        if !draft.is_blank() {
            self.waiting = Some(draft);
        }
    }

    pub fn refresh(&mut self, store: &Store) -> Result<()> {
        self.rows = if self.show_trash {
            store.trashed_entries()?
        } else {
            store.entries(None)?
        };
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        Ok(())
    }

    /// Opens a saved entry in the editor, setting aside (never losing) one in progress.
    pub fn show_entry(&mut self, entry: &Entry, store: &Store) -> Result<()> {
        if let Some(page) = self.page.take() {
            let draft = page.draft();
            if !draft.is_blank() && page.editing.as_ref().map(|e| e.id) != Some(entry.id) {
                self.waiting = Some(draft);
            }
        }
        self.show_trash = false;
        self.refresh(store)?;
        self.open(entry);
        Ok(())
    }

    /// Opens a saved entry to read or change (not writing until asked).
    pub fn open(&mut self, entry: &Entry) {
        let draft = Draft {
            kind: entry.kind,
            title: entry.title.clone().unwrap_or_default(),
            tags: entry
                .tags
                .iter()
                .map(Label::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            body: entry.body.clone(),
            editing: Some(entry.id),
        };
        self.page = Some(Page::new(&draft, Some(entry.clone())));
        self.view = View::Page;
        if let Some(i) = self.rows.iter().position(|e| e.id == entry.id) {
            self.selected = i;
        }
    }

    pub fn type_key(&mut self, input: Input) -> bool {
        match self.page.as_mut() {
            Some(p) if p.writing && self.view == View::Page => {
                // Title and tags are one line each.
                if p.field != Field::Body && matches!(input.key, ratatui_textarea::Key::Enter) {
                    return false;
                }
                p.area_mut().input(input)
            }
            _ => false,
        }
    }

    pub fn paste(&mut self, text: &str) -> bool {
        match self.page.as_mut() {
            Some(p) if p.writing => {
                let text = if p.field == Field::Body {
                    text.to_string()
                } else {
                    text.replace(['\n', '\r'], " ")
                };
                p.area_mut().insert_str(text)
            }
            _ => false,
        }
    }

    pub fn apply(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Result<Notice> {
        if self.view == View::Page {
            return self.apply_page(action, ctx);
        }
        match action {
            Action::FocusNext => {
                self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1))
            }
            Action::FocusPrev => self.selected = self.selected.saturating_sub(1),
            Action::NewRecord => return Ok(self.start(EntryKind::Journal)),
            Action::NewLetter => return Ok(self.start(EntryKind::Letter)),
            Action::EditSelected => {
                let Some(e) = self.rows.get(self.selected).cloned() else {
                    return Ok(None);
                };
                if self.show_trash {
                    ctx.store.restore(RecordKind::Entry, e.id)?;
                    self.refresh(ctx.store)?;
                    return Ok(Some("Brought it back.".into()));
                }
                if self.waiting.is_some() {
                    return Ok(Some(
                        "An unsaved entry is waiting; press n to finish it first.".into(),
                    ));
                }
                self.open(&e);
            }
            Action::TrashSelected => {
                let Some(e) = self.rows.get(self.selected).cloned() else {
                    return Ok(None);
                };
                if self.show_trash {
                    return Ok(Some(
                        "It's already in the trash; Enter brings it back.".into(),
                    ));
                }
                ctx.store.trash(RecordKind::Entry, e.id)?;
                self.trashed.push(e.id);
                self.refresh(ctx.store)?;
                return Ok(Some("Moved to the trash. Press u to bring it back.".into()));
            }
            Action::UndoTrash => {
                let Some(id) = self.trashed.pop() else {
                    return Ok(Some("Nothing trashed just now to bring back.".into()));
                };
                ctx.store.restore(RecordKind::Entry, id)?;
                self.refresh(ctx.store)?;
                return Ok(Some("Brought it back.".into()));
            }
            Action::ToggleTrash => {
                self.show_trash = !self.show_trash;
                self.selected = 0;
                self.refresh(ctx.store)?;
            }
            _ => {}
        }
        Ok(None)
    }

    /// Opens the editor on a new entry of `kind`, or on the one waiting.
    fn start(&mut self, kind: EntryKind) -> Notice {
        self.view = View::Page;
        if let Some(d) = self.waiting.take() {
            let editing = d
                .editing
                .and_then(|id| self.rows.iter().find(|e| e.id == id).cloned());
            let mut page = Page::new(&d, editing);
            page.writing = true;
            page.show();
            self.page = Some(page);
            return Some("Carrying on where you left off.".into());
        }
        let mut page = Page::new(
            &Draft {
                kind,
                title: String::new(),
                tags: String::new(),
                body: String::new(),
                editing: None,
            },
            None,
        );
        page.writing = true;
        page.show();
        self.page = Some(page);
        None
    }

    fn apply_page(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Result<Notice> {
        let Some(page) = self.page.as_mut() else {
            self.view = View::List;
            return Ok(None);
        };
        match action {
            Action::Save => return self.save(ctx),
            Action::LeaveText => page.writing = false,
            Action::FocusNext => {
                page.field = match page.field {
                    Field::Title => Field::Tags,
                    _ => Field::Body,
                }
            }
            Action::FocusPrev => {
                page.field = match page.field {
                    Field::Body => Field::Tags,
                    _ => Field::Title,
                }
            }
            Action::Activate => page.writing = true,
            Action::BackToForm => {
                // Leaving the page keeps unsaved words as a waiting draft.
                let draft = page.draft();
                let changed = match &page.editing {
                    Some(e) => {
                        Some(draft.body.trim_end()) != Some(e.body.as_str())
                            || optional_text(&draft.title) != e.title
                            || draft.tags
                                != e.tags
                                    .iter()
                                    .map(Label::to_string)
                                    .collect::<Vec<_>>()
                                    .join(", ")
                    }
                    None => !draft.is_blank(),
                };
                self.page = None;
                self.view = View::List;
                if changed {
                    self.waiting = Some(draft);
                    return Ok(Some("Kept for later. Press n to carry on.".into()));
                }
            }
            _ => {}
        }
        if let Some(p) = self.page.as_mut() {
            p.show();
        }
        Ok(None)
    }

    fn save(&mut self, ctx: &mut Ctx<'_>) -> Result<Notice> {
        let Some(page) = self.page.as_mut() else {
            return Ok(None);
        };
        let d = page.draft();
        let tags = if d.tags.trim().is_empty() {
            Vec::new()
        } else {
            match parse_label_list("tags", &d.tags) {
                Ok(t) => t,
                Err(e) => {
                    page.field = Field::Tags;
                    return Ok(Some(format!("The {e}.")));
                }
            }
        };
        let mut entry = match &page.editing {
            Some(old) => {
                let mut e = old.clone();
                match optional_text(&d.body) {
                    Some(b) => e.body = b,
                    None => return Ok(Some("The page is empty; write a few words first.".into())),
                }
                e
            }
            None => match Entry::new(ctx.now, d.kind, &d.body) {
                Ok(e) => e,
                Err(_) => {
                    page.field = Field::Body;
                    page.writing = true;
                    page.show();
                    return Ok(Some("The page is empty; write a few words first.".into()));
                }
            },
        };
        entry.title = optional_text(&d.title).map(|t| t.trim().to_string());
        entry.tags = tags;
        let edited = page.editing.is_some();
        ctx.store.save_entry(&entry, Some(DRAFT_SLOT))?;
        self.page = None;
        self.view = View::List;
        self.show_trash = false;
        self.refresh(ctx.store)?;
        self.selected = self.rows.iter().position(|e| e.id == entry.id).unwrap_or(0);
        Ok(Some(match (edited, entry.kind) {
            (true, _) => "Your changes are saved.".into(),
            (false, EntryKind::Letter) => {
                "Your letter is saved. It will be here when you need it.".into()
            }
            (false, EntryKind::Journal) => {
                format!("Saved, {} words. Thank you for writing.", entry.words())
            }
        }))
    }

    /// Whether the footer should offer an action here.
    pub fn offers(&self, action: Action) -> bool {
        match (self.view, action) {
            (View::List, Action::EditSelected | Action::TrashSelected) => !self.rows.is_empty(),
            (View::List, Action::FocusNext | Action::FocusPrev) => self.rows.len() > 1,
            _ => true,
        }
    }
}

/// Draws the pane from its state; drawing never changes it.
pub struct JournalView<'a> {
    pub hits: &'a crate::tui::hits::Hits,
    pub pane: &'a JournalPane,
    pub theme: &'a Theme,
    pub now: DateTime<FixedOffset>,
}

fn when(at: &DateTime<FixedOffset>, today: NaiveDate) -> String {
    if at.date_naive() == today {
        at.format("today %H:%M").to_string()
    } else {
        at.format("%a %-d %b %Y").to_string()
    }
}

impl Widget for JournalView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let p = self.pane;
        let t = self.theme;
        let boxed = area.height >= 14;
        let title = match (&p.page, p.view) {
            (Some(page), View::Page) => match (&page.editing, page.kind) {
                (Some(e), _) => format!(
                    "{} · {}",
                    e.kind.as_str(),
                    when(&e.at, self.now.date_naive())
                ),
                (None, EntryKind::Letter) => "A letter to yourself".into(),
                (None, EntryKind::Journal) => "A new page".into(),
            },
            _ if p.show_trash => "Trash".into(),
            _ => "Journal and letters".into(),
        };
        let inner = framed(area, buf, &title, boxed, t.accent, t);
        match (&p.page, p.view) {
            (Some(page), View::Page) => self.page(page, inner, buf, boxed),
            _ => self.list(inner, buf, boxed),
        }
    }
}

impl JournalView<'_> {
    fn list(&self, area: Rect, buf: &mut Buffer, tall: bool) {
        let p = self.pane;
        let t = self.theme;
        let mut y = area.y;
        if let Some(w) = &p.waiting {
            let line = Line::from(Span::styled(
                format!(
                    "An unsaved {} is waiting. Press n to carry on.",
                    w.kind.as_str()
                ),
                t.notice,
            ));
            line.render(Rect::new(area.x, y, area.width, 1), buf);
            y += 1;
        }
        let rest = Rect::new(area.x, y, area.width, area.bottom().saturating_sub(y));
        if p.rows.is_empty() {
            let words = if p.show_trash {
                "The trash is empty."
            } else {
                "Nothing written yet. Press n for a journal page, or l to write a letter to yourself, the way a good friend would."
            };
            Paragraph::new(Span::styled(words, t.muted))
                .wrap(Wrap { trim: true })
                .render(rest, buf);
            return;
        }
        let per_row: u16 = if tall { 2 } else { 1 };
        let today = self.now.date_naive();
        Rows {
            count: p.rows.len(),
            selected: p.selected,
            highlight: true,
            per_row,
            theme: t,
            hits: self.hits,
            row: |i| {
                let e = &p.rows[i];
                let mark = match e.kind {
                    EntryKind::Letter => "✉ ",
                    EntryKind::Journal => "  ",
                };
                let mut lines = vec![Line::from(vec![
                    Span::styled(format!("{:<16}", when(&e.at, today)), t.muted),
                    Span::styled(mark, t.accent),
                    Span::styled(shown(&e.heading()), t.text),
                ])];
                if per_row == 2 {
                    let mut second = vec![Span::raw(" ".repeat(18))];
                    second.push(Span::styled(format!("{} words", e.words()), t.muted));
                    if !e.tags.is_empty() {
                        let tags: Vec<String> = e
                            .tags
                            .iter()
                            .map(|t| format!("#{}", shown(t.as_str())))
                            .collect();
                        second.push(Span::styled(format!("  {}", tags.join(" ")), t.accent));
                    }
                    lines.push(Line::from(second));
                }
                Row { lines, tail: None }
            },
        }
        .render(rest, buf);
    }

    fn page(&self, page: &Page, area: Rect, buf: &mut Buffer, roomy: bool) {
        let t = self.theme;
        let prompt_h: u16 = if page.kind == EntryKind::Letter && page.editing.is_none() {
            if roomy { 3 } else { 1 }
        } else {
            0
        };
        let [title, tags, prompt, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(prompt_h),
            Constraint::Min(1),
        ])
        .areas(area);
        for (field, label, rect, textarea) in [
            (Field::Title, "Title", title, &page.title),
            (Field::Tags, "Tags", tags, &page.tags),
        ] {
            let focused = page.field == field;
            let [l, v] =
                Layout::horizontal([Constraint::Length(7), Constraint::Min(1)]).areas(rect);
            Line::from(vec![
                Span::styled(if focused { "›" } else { " " }, t.focus),
                Span::styled(label, if focused { t.focus } else { t.muted }),
            ])
            .render(l, buf);
            textarea.render(v, buf);
        }
        if prompt_h > 0 {
            Paragraph::new(Span::styled(LETTER_PROMPT, t.notice))
                .wrap(Wrap { trim: true })
                .render(prompt, buf);
        }
        let [mark, text] =
            Layout::horizontal([Constraint::Length(2), Constraint::Min(1)]).areas(body);
        if page.field == Field::Body {
            Line::from(Span::styled("›", t.focus)).render(mark, buf);
        }
        page.body.render(text, buf);
    }
}
