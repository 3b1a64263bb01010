//! The Journal pane: entries and compassionate letters, listed newest first, written in a
//! soft-wrapping editor.

mod page;
mod practice;
mod view;

use ratatui_textarea::{Input, TextArea};
use uuid::Uuid;

use super::letting_go;
use crate::domain::{Entry, EntryKind, Label, LetterPrompt, MarkedKind, letter_prompts};
use crate::store::{RecordKind, Result, Store, Whole};
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::pane::{
    Ctx, DraftOut, Drafts, Effect, Notice, Outcome, Pane, PaneId, RecordList, Recovered, Saved,
    Writing,
};
use crate::tui::records::Records;

/// Said when a page can't change while another waits.
const WAITING: &str =
    "An unsaved page is waiting: n carries it on, X lets it go. Then this one can change.";

/// The draft slot an unsaved entry autosaves into.
pub const DRAFT_SLOT: &str = "entry";

pub use self::page::{Draft, Field, Page, Unsaved, View};

pub struct JournalPane {
    pub view: View,
    pub list: Records<Entry>,
    pub page: Option<Page>,
    /// An unsaved entry from before, waiting to be carried on with `n` or `l`.
    pub waiting: Option<Draft>,
    /// Starting points for a letter, and the one under the cursor while choosing.
    pub prompts: Vec<LetterPrompt>,
    pub prompt_row: usize,
    /// A line from the person's own deck of kind words, shown above the list.
    pub kind: Option<String>,
    pub kind_drawn: bool,
}

impl Default for JournalPane {
    fn default() -> Self {
        Self::new()
    }
}

impl JournalPane {
    pub fn new() -> Self {
        Self::with_prompts(&[])
    }

    /// The pane, offering the person's own letter prompts after the built-in ones.
    pub fn with_prompts(own: &[String]) -> Self {
        Self {
            view: View::List,
            list: Records::new(),
            page: None,
            waiting: None,
            prompts: letter_prompts(own),
            prompt_row: 0,
            kind: None,
            kind_drawn: false,
        }
    }

    pub fn writing(&self) -> bool {
        self.view == View::Page && self.page.as_ref().is_some_and(|p| p.writing)
    }

    pub fn draft(&self) -> Option<Draft> {
        match (&self.page, &self.waiting) {
            // A page opened only to read leaves the waiting draft its slot.
            (Some(p), Some(w)) if p.read_only => Some(w.clone()),
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
        let rows = if self.list.show_trash {
            store.trashed_entries()?
        } else {
            store.entries(None)?
        };
        self.list.set(rows);
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
        self.list.leave_trash();
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
            prompt: entry.prompt.clone(),
            kept: entry.kept_lines.clone(),
        };
        self.page = Some(Page::new(&draft, Some(entry.clone())));
        self.view = View::Page;
        self.list.select_id(entry.id);
    }

    pub fn type_key(&mut self, input: Input) -> bool {
        match self.page.as_mut() {
            Some(p) if p.writing && self.view == View::Page => p.type_key(input),
            _ => false,
        }
    }

    pub fn paste(&mut self, text: &str) -> bool {
        // As with typed keys: only into a page on screen, being written.
        match self.page.as_mut() {
            Some(p) if p.writing && self.view == View::Page => {
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

    /// Acts on one action; the outcome says whether the page in progress changed.
    pub fn apply(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Result<Outcome> {
        let before = self.draft();
        let mut outcome = self.act(action, ctx)?;
        outcome.changed |= self.draft() != before;
        Ok(outcome)
    }

    fn act(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Result<Outcome> {
        if self.view == View::Page {
            return self.apply_page(action, ctx);
        }
        if let Some(outcome) = self.apply_practice(action, ctx)? {
            return Ok(outcome);
        }
        match action {
            Action::NewRecord => {
                return Ok(Outcome::from_notice(self.start(EntryKind::Journal, None)));
            }
            Action::EditSelected if !self.list.show_trash => {
                let Some(e) = self.list.selected().cloned() else {
                    return Ok(Outcome::quiet());
                };
                self.open(&e);
                if self.waiting.is_some()
                    && let Some(p) = self.page.as_mut()
                {
                    p.read_only = true;
                }
            }
            _ => {
                if let Some(reply) = self.list.apply(action, ctx.store)? {
                    if reply.reload {
                        self.refresh(ctx.store)?;
                    }
                    return Ok(Outcome::from_notice(reply.notice));
                }
            }
        }
        Ok(Outcome::quiet())
    }

    /// Lets the page being written, or the one waiting, go to the trash.
    fn let_go(&mut self, ctx: &mut Ctx<'_>) -> Result<Notice> {
        let from_page = self
            .page
            .as_ref()
            .is_some_and(|p| !p.read_only && p.changed());
        let draft = if from_page {
            self.page.as_ref().map(|p| p.draft())
        } else {
            self.waiting.clone()
        };
        let Some(d) = draft else {
            return Ok(None);
        };
        if let Some(entry) = d.to_entry_anyway(ctx.now) {
            let id = entry.id;
            letting_go::in_trash(
                ctx.store,
                RecordKind::Entry,
                |s| s.save_entry(&entry, Some(DRAFT_SLOT)),
                id,
            )?;
        }
        if from_page {
            self.page = None;
        } else {
            self.waiting = None;
            if let Some(p) = self.page.as_mut() {
                p.read_only = false;
            }
        }
        if self.page.is_none() {
            self.view = View::List;
        }
        self.refresh(ctx.store)?;
        Ok(Some(letting_go::LET_GO.into()))
    }

    /// The prompt list and the kind line; `None` leaves the action to the list.
    fn apply_practice(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Result<Option<Outcome>> {
        use self::practice::{OnPrompts, on_prompts};
        if self.view == View::Prompts {
            return Ok(Some(Outcome::from_notice(
                match on_prompts(&self.prompts, &mut self.prompt_row, action) {
                    OnPrompts::Stay => None,
                    OnPrompts::Start(key) => self.start(EntryKind::Letter, key),
                    OnPrompts::Back => {
                        self.view = View::List;
                        None
                    }
                },
            )));
        }
        match action {
            // A new page waiting is saved into the journal, so the letter has room and no
            // draft is written over; changes to a saved entry wait to be finished or let go.
            Action::NewLetter if self.waiting.as_ref().is_some_and(|w| w.editing.is_some()) => {
                Ok(Some(Outcome::said(WAITING)))
            }
            Action::NewLetter if self.waiting.is_some() => {
                // Saved exactly as Ctrl-S would save it; one that can't be yet keeps waiting.
                let Some(Ok(entry)) = self.waiting.as_ref().map(|d| d.to_entry(ctx.now, None))
                else {
                    return Ok(Some(Outcome::said(WAITING)));
                };
                self.waiting = None;
                ctx.store.save_entry(&entry, Some(DRAFT_SLOT))?;
                self.refresh(ctx.store)?;
                self.view = View::Prompts;
                self.prompt_row = 0;
                let saved = Saved::new(MarkedKind::Entry, entry.id, true);
                Ok(Some(
                    Outcome::said(
                        "The page you'd left is saved in your journal, so this letter has room.",
                    )
                    .with(Effect::Saved(saved)),
                ))
            }
            Action::NewLetter => {
                self.view = View::Prompts;
                self.prompt_row = 0;
                Ok(Some(Outcome::quiet()))
            }
            Action::RemoveKind => {
                let Some(line) = self.kind.take() else {
                    return Ok(Some(Outcome::quiet()));
                };
                ctx.store.remove_from_deck(&line)?;
                Ok(Some(Outcome::said(
                    "Taken out of your deck of kind words. It stays where you wrote it.",
                )))
            }
            _ => Ok(None),
        }
    }

    /// Opens the editor on a new entry of `kind` (a letter from `prompt`), or on the one
    /// waiting.
    fn start(&mut self, kind: EntryKind, prompt: Option<String>) -> Notice {
        self.view = View::Page;
        if let Some(d) = self.waiting.take() {
            let editing = d
                .editing
                .and_then(|id| self.list.rows.iter().find(|e| e.id == id).cloned());
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
                prompt,
                kept: Vec::new(),
            },
            None,
        );
        page.writing = true;
        page.show();
        self.page = Some(page);
        None
    }

    fn apply_page(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Result<Outcome> {
        let Some(page) = self.page.as_mut() else {
            self.view = View::List;
            return Ok(Outcome::quiet());
        };
        if let Some(outcome) = page.reading_action(action) {
            if matches!(action, Action::BackToForm) {
                self.page = None;
                self.view = View::List;
            }
            return Ok(outcome);
        }
        match action {
            Action::Activate | Action::KeepLine | Action::Save | Action::OwnEditor
                if page.read_only =>
            {
                return Ok(Outcome::said(WAITING));
            }
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
            Action::Activate => page.write(),
            Action::KeepLine => {
                return Ok(Outcome::from_notice(self::practice::keep_line(page)));
            }
            Action::BackToForm => {
                // Leaving the page keeps unsaved words as a waiting draft.
                let (draft, changed) = (page.draft(), page.changed() && !page.read_only);
                self.page = None;
                self.view = View::List;
                if changed {
                    self.waiting = Some(draft);
                    return Ok(Outcome::said("Kept for later. Press n to carry on."));
                }
            }
            _ => {}
        }
        if let Some(p) = self.page.as_mut() {
            p.show();
        }
        Ok(Outcome::quiet())
    }

    fn save(&mut self, ctx: &mut Ctx<'_>) -> Result<Outcome> {
        let Some(page) = self.page.as_mut() else {
            return Ok(Outcome::quiet());
        };
        let entry = match page.draft().to_entry(ctx.now, page.editing.as_ref()) {
            Ok(entry) => entry,
            Err(Unsaved::Tags(why)) => {
                page.field = Field::Tags;
                return Ok(Outcome::said(why));
            }
            Err(Unsaved::Empty) => {
                if page.editing.is_none() {
                    page.field = Field::Body;
                    page.writing = true;
                    page.show();
                }
                return Ok(Outcome::said("The page is empty; write a few words first."));
            }
        };
        let edited = page.editing.is_some();
        let base = page.editing.clone().map(Whole::Entry);
        let also = super::saving::save(ctx.store, base, Whole::Entry(entry.clone()), DRAFT_SLOT)?;
        self.page = None;
        self.view = View::List;
        self.list.leave_trash();
        self.refresh(ctx.store)?;
        if !self.list.select_id(entry.id) {
            self.list.select(0);
        }
        let said = match (edited, entry.kind) {
            (true, _) => super::saving::changes_saved(also),
            (false, EntryKind::Letter) => {
                "Your letter is saved. It will be here when you need it.".into()
            }
            (false, EntryKind::Journal) => {
                format!("Saved, {} words. Thank you for writing.", entry.words())
            }
        };
        let saved = Saved::new(MarkedKind::Entry, entry.id, !edited);
        Ok(Outcome::said(said).with(Effect::Saved(saved)))
    }

    /// Whether the footer should offer an action here.
    pub fn offers(&self, action: Action) -> bool {
        match (self.view, action) {
            (View::List, Action::EditSelected | Action::TrashSelected) => !self.list.is_empty(),
            (View::List, Action::FocusNext | Action::FocusPrev) => self.list.len() > 1,
            (View::Page, Action::EditSelected | Action::Activate) => {
                let reading = self.page.as_ref().is_some_and(|p| p.reading);
                reading == (action == Action::EditSelected)
            }
            _ => true,
        }
    }
}

impl Pane for JournalPane {
    fn id(&self) -> PaneId {
        PaneId::Journal
    }

    fn mode(&self) -> Mode {
        if self.writing() {
            Mode::Writing
        } else if self.view == View::Prompts {
            Mode::LetterPrompts
        } else if self.view == View::Page {
            Mode::JournalPage
        } else {
            Mode::JournalList
        }
    }

    fn help_modes(&self) -> &'static [Mode] {
        &[
            Mode::JournalList,
            Mode::LetterPrompts,
            Mode::JournalPage,
            Mode::Writing,
        ]
    }

    fn offers(&self, action: Action) -> bool {
        JournalPane::offers(self, action)
    }

    fn typed(&mut self, _c: char) -> Option<Outcome> {
        let page = self.page.as_mut().filter(|p| p.reading)?;
        page.reading_action(Action::Activate)
    }

    fn apply(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Result<Outcome> {
        JournalPane::apply(self, action, ctx)
    }

    fn select_row(&mut self, i: usize) -> Outcome {
        self.list.select(i);
        Outcome::quiet()
    }

    fn refresh(&mut self, ctx: &mut Ctx<'_>) -> Result<()> {
        if !self.kind_drawn {
            // One kind line a visit to kindly, drawn the first time the list is read, and
            // chosen by the clock kindly runs on (so a screen can be reproduced).
            self.kind_drawn = true;
            let seed = ctx.now.timestamp().unsigned_abs() as usize / 60;
            self.kind = ctx.store.next_kind_line(|n| seed % n)?;
        }
        JournalPane::refresh(self, ctx.store)
    }

    fn words_in_sight(&self) -> String {
        match (&self.view, &self.page) {
            (View::Page, Some(p)) => format!(
                "{}\n{}\n{}",
                p.title.lines().join(" "),
                p.tags.lines().join(" "),
                p.body.lines().join("\n")
            ),
            _ => String::new(),
        }
    }
}

impl Writing for JournalPane {
    fn input(&mut self, input: Input) -> bool {
        self.type_key(input)
    }

    fn paste(&mut self, text: &str) -> bool {
        JournalPane::paste(self, text)
    }

    fn own_editor(&mut self) -> Option<&mut TextArea<'static>> {
        match self.page.as_mut() {
            Some(p) if self.view == View::Page && !p.read_only => {
                p.field = Field::Body;
                p.show();
                Some(&mut p.body)
            }
            _ => None,
        }
    }
}

impl Drafts for JournalPane {
    fn drafts(&self) -> Vec<DraftOut> {
        let draft = self.draft();
        let blank = draft.as_ref().is_none_or(Draft::is_blank);
        vec![DraftOut::of(DRAFT_SLOT, &draft, blank)]
    }

    fn recover(&mut self, store: &mut Store) -> Result<Recovered> {
        let found = store.take_draft::<Draft>(DRAFT_SLOT)?;
        Ok(Recovered::from_slot(DRAFT_SLOT, found, |draft| {
            self.offer(draft);
            None
        }))
    }

    fn to_let_go(&self) -> Option<&'static str> {
        match (&self.page, &self.waiting) {
            (Some(p), _) if !p.read_only && p.changed() => Some("the page you're writing"),
            (_, Some(_)) => Some("the unsaved page waiting"),
            _ => None,
        }
    }

    fn let_go(&mut self, ctx: &mut Ctx<'_>) -> Result<Outcome> {
        let notice = JournalPane::let_go(self, ctx)?;
        Ok(Outcome {
            changed: true,
            ..Outcome::from_notice(notice)
        })
    }
}

impl RecordList for JournalPane {
    fn show(&mut self, id: Uuid, ctx: &mut Ctx<'_>) -> Result<bool> {
        let Some(entry) = ctx.store.entry(id)? else {
            return Ok(false);
        };
        self.show_entry(&entry, ctx.store)?;
        Ok(true)
    }

    fn read(&mut self, id: Uuid, ctx: &mut Ctx<'_>, from: PaneId) -> Result<bool> {
        let found = self.show(id, ctx)?;
        if let Some(p) = self.page.as_mut().filter(|_| found) {
            (p.reading, p.back_to) = (true, (from != PaneId::Journal).then_some(from));
        }
        Ok(found)
    }

    fn target(&self) -> Option<(MarkedKind, Uuid)> {
        let id = match self.view {
            View::Page => self
                .page
                .as_ref()
                .and_then(|p| p.editing.as_ref().map(|e| e.id)),
            View::List if self.list.show_trash => None,
            View::List => self.list.selected().map(|e| e.id),
            View::Prompts => None,
        };
        id.map(|id| (MarkedKind::Entry, id))
    }

    fn in_trash(&self) -> bool {
        self.list.show_trash
    }

    fn undo_line(&self) -> Option<&'static str> {
        self.list.undo_line()
    }
}
