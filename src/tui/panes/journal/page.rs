//! An entry open in the editor, and the draft it autosaves into.

use ratatui_textarea::TextArea;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use chrono::{DateTime, FixedOffset};

use crate::domain::{Entry, EntryKind, optional_text, parse_label_list};
use crate::tui::action::Action;
use crate::tui::pane::{Effect, Outcome};
use crate::tui::widgets::{editor, editor_text, show_cursor};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Tags,
    Body,
}

/// An unsaved entry, as autosaved and offered back.
/// Every field but the kind is optional when read back, so a draft written by another
/// version of kindly still opens here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub kind: EntryKind,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub tags: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub editing: Option<Uuid>,
    /// The prompt a letter is written from.
    #[serde(default)]
    pub prompt: Option<String>,
    /// Lines kept for the deck of kind words.
    #[serde(default)]
    pub kept: Vec<String>,
}

impl Draft {
    pub fn is_blank(&self) -> bool {
        self.title.trim().is_empty() && self.tags.trim().is_empty() && self.body.trim().is_empty()
    }

    /// The entry this draft saves as: changes to `editing` (its id and time kept), or a new
    /// one at `now`. Only lines still on the page stay kept.
    pub fn to_entry(
        &self,
        now: DateTime<FixedOffset>,
        editing: Option<&Entry>,
    ) -> Result<Entry, Unsaved> {
        let tags = if self.tags.trim().is_empty() {
            Vec::new()
        } else {
            parse_label_list("tags", &self.tags).map_err(|e| Unsaved::Tags(format!("The {e}.")))?
        };
        let mut entry = match editing {
            Some(old) => {
                let mut e = old.clone();
                e.body = optional_text(&self.body).ok_or(Unsaved::Empty)?;
                e
            }
            None => Entry::new(now, self.kind, &self.body).map_err(|_| Unsaved::Empty)?,
        };
        entry.title = optional_text(&self.title).map(|t| t.trim().to_string());
        entry.tags = tags;
        entry.prompt = self
            .prompt
            .clone()
            .filter(|_| entry.kind == EntryKind::Letter);
        entry.kept_lines = self
            .kept
            .iter()
            .filter(|k| entry.body.lines().any(|l| l.trim() == k.as_str()))
            .cloned()
            .collect();
        Ok(entry)
    }
}

impl Draft {
    /// The entry for the trash when a draft is let go, whatever state it is in: a title
    /// alone becomes the body, and tags that don't read are left out.
    pub fn to_entry_anyway(&self, now: DateTime<FixedOffset>) -> Option<Entry> {
        let body_missing = self.body.trim().is_empty();
        let lenient = Draft {
            body: if body_missing {
                self.title.clone()
            } else {
                self.body.clone()
            },
            title: if body_missing {
                String::new()
            } else {
                self.title.clone()
            },
            tags: if parse_label_list("tags", &self.tags).is_ok() {
                self.tags.clone()
            } else {
                String::new()
            },
            editing: None,
            ..self.clone()
        };
        lenient.to_entry(now, None).ok()
    }
}

/// Why a draft can't be saved yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsaved {
    /// The tags don't read; the message says why.
    Tags(String),
    /// There are no words on the page.
    Empty,
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
    /// The prompt a letter is written from (shown above it, never in it).
    pub prompt: Option<String>,
    /// Lines of the page kept for the deck of kind words.
    pub kept: Vec<String>,
    /// Opened to read while another unsaved page waits: it can't be changed until that
    /// one is finished or let go, so one draft never writes over another.
    pub read_only: bool,
    /// Opened to read (a letter offered on a low day): `e` changes it, and Esc goes back to
    /// the pane the person was on, if not this one.
    pub reading: bool,
    pub back_to: Option<crate::tui::pane::PaneId>,
}

impl Page {
    pub(super) fn new(d: &Draft, editing: Option<Entry>) -> Self {
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
            prompt: d.prompt.clone(),
            kept: d.kept.clone(),
            read_only: false,
            reading: false,
            back_to: None,
        };
        // A saved page opens to be read from its beginning; writing starts at its end.
        if page.editing.is_some() {
            page.body.move_cursor(ratatui_textarea::CursorMove::Top);
            page.body.move_cursor(ratatui_textarea::CursorMove::Head);
        }
        page.show();
        page
    }

    /// Whether the page holds words not saved: changes to a saved entry, or a new page
    /// with anything in it.
    pub fn changed(&self) -> bool {
        let draft = self.draft();
        match &self.editing {
            Some(e) => {
                Some(draft.body.trim_end()) != Some(e.body.as_str())
                    || crate::domain::optional_text(&draft.title) != e.title
                    || draft.tags
                        != e.tags
                            .iter()
                            .map(|t| t.to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    || draft.kept != e.kept_lines
            }
            None => !draft.is_blank(),
        }
    }

    /// Starts writing; a field whose cursor is still at its very start (a page just opened
    /// to read) is written on from its end.
    pub(super) fn write(&mut self) {
        self.writing = true;
        let area = self.area_mut();
        if area.cursor() == (0, 0) {
            area.move_cursor(ratatui_textarea::CursorMove::Bottom);
            area.move_cursor(ratatui_textarea::CursorMove::End);
        }
    }

    pub fn draft(&self) -> Draft {
        Draft {
            kind: self.kind,
            title: editor_text(&self.title),
            tags: editor_text(&self.tags),
            body: editor_text(&self.body),
            editing: self.editing.as_ref().map(|e| e.id),
            prompt: self.prompt.clone(),
            kept: self.kept.clone(),
        }
    }

    pub(super) fn area_mut(&mut self) -> &mut TextArea<'static> {
        match self.field {
            Field::Title => &mut self.title,
            Field::Tags => &mut self.tags,
            Field::Body => &mut self.body,
        }
    }

    /// A key for the field being written. Title and tags are one line each; ↑ past the
    /// first line (↓ past the last) moves on to the next field, so title and tags are
    /// reached from the page without leaving it first.
    pub(super) fn type_key(&mut self, input: ratatui_textarea::Input) -> bool {
        use ratatui_textarea::Key;
        if self.field != Field::Body && matches!(input.key, Key::Enter) {
            return false;
        }
        let (key, before) = (input.key, self.area_mut().cursor());
        let changed = self.area_mut().input(input);
        if changed || self.area_mut().cursor() != before {
            return changed;
        }
        self.field = match (key, self.field) {
            (Key::Up, Field::Body) => Field::Tags,
            (Key::Up, _) => Field::Title,
            (Key::Down, Field::Title) => Field::Tags,
            (Key::Down, Field::Tags) => Field::Body,
            _ => return false,
        };
        self.show();
        true
    }

    /// The keys of a page open to read: `e` starts changing it, and what would change it
    /// says how. `None` for the keys reading leaves to the page.
    pub(super) fn reading_action(&mut self, action: Action) -> Option<Outcome> {
        if !self.reading {
            return None;
        }
        match action {
            Action::EditSelected => {
                self.reading = false;
                Some(Outcome::said(
                    "Changing it now: Enter writes in a field, Ctrl-S saves.",
                ))
            }
            Action::Activate | Action::KeepLine | Action::Save | Action::OwnEditor => Some(
                Outcome::said("This is open to read: e to change it, Esc to go back."),
            ),
            Action::BackToForm => {
                let back = self.back_to?;
                Some(Outcome::quiet().with(Effect::GoTo(back)))
            }
            _ => None,
        }
    }

    /// Cursor only in the field being written.
    pub(super) fn show(&mut self) {
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
    /// Choosing what a new letter starts from.
    Prompts,
}
