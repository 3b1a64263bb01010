//! The pane interface: what every pane offers the router, and the few plain types the
//! router, the chrome and the panes share (pane ids, where clickable things were drawn).

use std::cell::RefCell;

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui_textarea::Input;
use uuid::Uuid;

use super::action::Action;
use super::keymap::Mode;
use super::theme::Theme;
use crate::store::{RecordKind, Store};

/// The panes, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaneId {
    Checkin,
    Critic,
    Journal,
    Trends,
}

impl PaneId {
    pub const ALL: [PaneId; 4] = [
        PaneId::Checkin,
        PaneId::Critic,
        PaneId::Journal,
        PaneId::Trends,
    ];

    pub fn title(self) -> &'static str {
        match self {
            PaneId::Checkin => "Check-in",
            PaneId::Critic => "Critic",
            PaneId::Journal => "Journal",
            PaneId::Trends => "Trends",
        }
    }
}

/// Where things were drawn, so a mouse click can find what it landed on. Drawing records
/// the places; the next click reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Tab(PaneId),
    /// A row of the list on screen, by its index in that list.
    Row(usize),
}

#[derive(Debug, Default)]
pub struct Hits(RefCell<Vec<(Rect, Target)>>);

impl Hits {
    pub fn clear(&self) {
        self.0.borrow_mut().clear();
    }

    pub fn add(&self, area: Rect, target: Target) {
        self.0.borrow_mut().push((area, target));
    }

    /// What was drawn at a cell, if anything clickable.
    pub fn at(&self, column: u16, row: u16) -> Option<Target> {
        self.0
            .borrow()
            .iter()
            .rev()
            .find(|(r, _)| r.contains(Position::new(column, row)))
            .map(|(_, t)| *t)
    }
}

/// What a pane needs from the world to act: the journal and the time.
pub struct Ctx<'a> {
    pub store: &'a mut Store,
    pub now: DateTime<FixedOffset>,
}

impl Ctx<'_> {
    pub fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }
}

/// A quiet line for the person, if an action has something to say.
pub type Notice = Option<String>;

/// A pane's answer to one action: what it has to say, whether its unsaved work changed,
/// and what the App is asked to do about it. The one way a pane tells the App anything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    pub notice: Notice,
    /// Said after whatever the App adds for a save (the care offered on a low day).
    pub then: Option<String>,
    /// The pane's unsaved work changed, so autosave keeps it.
    pub changed: bool,
    pub effects: Vec<Effect>,
}

impl Outcome {
    /// Nothing to say, nothing changed.
    pub fn quiet() -> Self {
        Self::default()
    }

    /// A line to say, and nothing else.
    pub fn said(line: impl Into<String>) -> Self {
        Self {
            notice: Some(line.into()),
            ..Self::default()
        }
    }

    /// What a pane's own helpers answered, as an outcome.
    pub fn from_notice(notice: Notice) -> Self {
        Self {
            notice,
            ..Self::default()
        }
    }

    pub fn with(mut self, effect: Effect) -> Self {
        self.effects.push(effect);
        self
    }

    pub fn then(mut self, line: Option<String>) -> Self {
        self.then = line;
        self
    }

    /// The whole line as the pane said it, with `between` (the App's own words for the
    /// same moment) after the first part.
    pub fn line_with(&self, between: Option<&str>) -> Notice {
        let parts: Vec<&str> = [self.notice.as_deref(), between, self.then.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}

/// What the App is asked to do after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// A record was saved (new or changed).
    Saved(Saved),
    /// Show this day's check-ins (a calendar day was chosen).
    OpenDay(NaiveDate),
    /// Open a saved record in the pane that shows its kind.
    Show(RecordKind, Uuid),
    /// Read a pane again from the journal.
    Refresh(PaneId),
    /// Bring a pane back (where the person was before a record opened to read).
    GoTo(PaneId),
}

/// A record a pane saved: which, whether it is new, and the mood it holds (a check-in's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saved {
    pub kind: crate::domain::MarkedKind,
    pub id: Uuid,
    pub new: bool,
    pub mood: Option<crate::domain::Mood>,
}

impl Saved {
    pub fn new(kind: crate::domain::MarkedKind, id: Uuid, new: bool) -> Self {
        Self {
            kind,
            id,
            new,
            mood: None,
        }
    }
}

/// What drawing needs besides the pane's own state.
pub struct DrawCx<'a> {
    pub theme: &'a Theme,
    /// Where clickable rows are drawn, for the mouse.
    pub hits: &'a Hits,
    pub now: DateTime<FixedOffset>,
    /// The keys in force, for a screen that names the key for its way back.
    pub keys: &'a crate::tui::keymap::Keymap,
}

/// One slot of unsaved work a pane hands over for autosave.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftOut {
    pub slot: &'static str,
    /// The draft as JSON, or why it would not serialise (kept, so writing it is an error
    /// rather than a slot quietly filled with `null`).
    value: Result<serde_json::Value, String>,
    /// Nothing worth keeping: the slot is cleared instead of written.
    pub blank: bool,
}

impl DraftOut {
    pub fn of<T: serde::Serialize>(slot: &'static str, draft: &T, blank: bool) -> Self {
        Self {
            slot,
            value: serde_json::to_value(draft).map_err(|e| e.to_string()),
            blank,
        }
    }

    /// The draft as JSON to write, or the error that kept it from serialising.
    pub fn value(&self) -> serde_json::Result<&serde_json::Value> {
        self.value
            .as_ref()
            .map_err(<serde_json::Error as serde::ser::Error>::custom)
    }
}

/// What a pane took up of the drafts left from before.
#[derive(Debug, Default)]
pub struct Recovered {
    /// Slots the pane now holds (and so may clear once done).
    pub slots: Vec<&'static str>,
    /// A quiet line saying so, if the pane has one.
    pub notice: Notice,
    /// Drafts that no longer read (from another version of kindly): slot and raw text, to
    /// be kept aside so not a word is lost.
    pub unreadable: Vec<(&'static str, String)>,
}

impl Recovered {
    /// What a pane found in one slot: its draft, taken up with `take`, or raw text.
    pub fn from_slot<T>(
        slot: &'static str,
        found: Option<crate::store::DraftRead<T>>,
        take: impl FnOnce(T) -> Notice,
    ) -> Self {
        match found {
            None => Recovered::default(),
            Some(crate::store::DraftRead::Read(draft)) => Recovered {
                slots: vec![slot],
                notice: take(draft),
                unreadable: Vec::new(),
            },
            Some(crate::store::DraftRead::Unreadable(raw)) => Recovered {
                slots: vec![slot],
                notice: None,
                unreadable: vec![(slot, raw)],
            },
        }
    }
}

/// What every pane is to the router ([`super::App`]): it says which keys are live, acts
/// on actions (answering with an [`Outcome`]), reads the journal again on arrival, and
/// draws itself. What only some panes have is a capability trait below.
pub trait Pane: Draw {
    fn id(&self) -> PaneId;

    /// Which bindings are live in the pane right now.
    fn mode(&self) -> Mode;

    /// The pane's own modes, in the order help lists them.
    fn help_modes(&self) -> &'static [Mode];

    /// Whether the footer should offer `action` where the focus is now.
    fn offers(&self, _action: Action) -> bool {
        true
    }

    /// Acts on one action from the keymap.
    fn apply(&mut self, action: Action, ctx: &mut Ctx<'_>) -> crate::store::Result<Outcome>;

    /// A click on row `i` of the pane's list.
    fn select_row(&mut self, i: usize) -> Outcome;

    /// Reads what the pane shows from the journal again: on arrival, so it shows whatever
    /// was saved meanwhile, here or by another kindly.
    fn refresh(&mut self, ctx: &mut Ctx<'_>) -> crate::store::Result<()>;

    /// A guided flow has the pane, so quiet offers keep out of its way.
    fn in_flow(&self) -> bool {
        false
    }

    /// A letter typed where no text field is open and no key answers it: the pane may take
    /// it up (the check-in's note does); `None` leaves the App to say how to write here.
    fn typed(&mut self, _c: char) -> Option<Outcome> {
        None
    }

    /// Every key pressed (or click, as `None, None`) while the pane shows, before it is
    /// answered: `typed` is the plain character, `action` what the keymap asks for if it
    /// would do anything. A pane reading typed words across keys may answer it itself.
    fn word_key(&mut self, _typed: Option<char>, _action: Option<Action>) -> Option<Outcome> {
        None
    }

    /// The words being written or read here now (the form, the flow, the page or record
    /// open), so the support line can show when they speak of self-harm. Never stored.
    fn words_in_sight(&self) -> String {
        String::new()
    }
}

/// A pane with words being written: keys and pastes for its editor, and the text to hand
/// to the person's own editor.
pub trait Writing {
    /// A key (or wheel turn) the keymap did not claim, for the editor that has the focus.
    /// Returns whether anything changed.
    fn input(&mut self, input: Input) -> bool;

    /// Pasted text, for the editor that has the focus.
    fn paste(&mut self, text: &str) -> bool;

    /// The text to hand to the person's own editor (the note, the page, the step being
    /// written), with the focus put on it; none where there is no such text.
    fn own_editor(&mut self) -> Option<&mut ratatui_textarea::TextArea<'static>>;
}

/// A pane with unsaved work that autosave keeps, takes up again at start, and `X` lets go.
pub trait Drafts {
    /// The pane's unsaved work, slot by slot.
    fn drafts(&self) -> Vec<DraftOut>;

    /// Takes up what was left in the pane's draft slots from before: this window's own, or
    /// one a window that has ended left.
    fn recover(&mut self, store: &mut Store) -> crate::store::Result<Recovered>;

    /// The unsaved work `X` would let go, named for its question; none when there is none.
    fn to_let_go(&self) -> Option<&'static str>;

    /// Lets that work go: it becomes a record in the trash, never lost.
    fn let_go(&mut self, ctx: &mut Ctx<'_>) -> crate::store::Result<Outcome>;
}

/// A pane listing saved records of one kind.
pub trait RecordList {
    /// Opens one saved record; returns whether it was found.
    fn show(&mut self, id: Uuid, ctx: &mut Ctx<'_>) -> crate::store::Result<bool>;

    /// Opens one saved record to read, from the pane `from` (where Esc goes back to);
    /// panes with nothing between reading and changing just show it.
    fn read(&mut self, id: Uuid, ctx: &mut Ctx<'_>, _from: PaneId) -> crate::store::Result<bool> {
        self.show(id, ctx)
    }

    /// The saved record the person is on (a selected row, an open record, a saved record
    /// being edited), for marking it to bring to a session; none on a new form.
    fn target(&self) -> Option<(crate::domain::MarkedKind, Uuid)>;

    /// The list is showing the trash, where opening a record brings it back.
    fn in_trash(&self) -> bool;

    /// While something moved to the trash here can be brought back with `u`, the line that
    /// says so, kept on screen whatever is typed next.
    fn undo_line(&self) -> Option<&'static str>;
}

/// Drawing a pane from its state; drawing never changes it. Each pane's view file
/// implements this for the pane's state, so the state never needs to know its view.
pub trait Draw {
    fn draw(&self, area: Rect, buf: &mut Buffer, cx: &DrawCx<'_>);
}
