//! The pane interface: what every pane offers the router, and the few plain types the
//! router, the chrome and the panes share (pane ids, where clickable things were drawn).

use std::any::Any;
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

/// Whether a pane took an action, and what it had to say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handled {
    Consumed(Notice),
    NotConsumed,
}

/// What drawing needs besides the pane's own state.
pub struct DrawCx<'a> {
    pub theme: &'a Theme,
    /// Where clickable rows are drawn, for the mouse.
    pub hits: &'a Hits,
    pub now: DateTime<FixedOffset>,
}

/// One slot of unsaved work a pane hands over for autosave.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftOut {
    pub slot: &'static str,
    pub value: serde_json::Value,
    /// Nothing worth keeping: the slot is cleared instead of written.
    pub blank: bool,
}

impl DraftOut {
    pub fn of<T: serde::Serialize>(slot: &'static str, draft: &T, blank: bool) -> Self {
        Self {
            slot,
            value: serde_json::to_value(draft).unwrap_or(serde_json::Value::Null),
            blank,
        }
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

/// A pane of the TUI. The router ([`super::App`]) holds them and knows nothing of what is
/// inside: it asks the focused pane which keys are live, hands it actions and keys, draws
/// it, and collects its drafts.
pub trait Pane: Any + Draw {
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
    fn apply(&mut self, action: Action, ctx: &mut Ctx<'_>) -> crate::store::Result<Handled>;

    /// A key (or wheel turn) the keymap did not claim, for the editor that has the focus.
    /// Returns whether anything changed.
    fn input(&mut self, _input: Input) -> bool {
        false
    }

    /// Pasted text, for the editor that has the focus.
    fn paste(&mut self, _text: &str) -> bool {
        false
    }

    /// A click on row `i` of the pane's list.
    fn select_row(&mut self, _i: usize) {}

    /// Reads what the pane shows from the journal again: on arrival, so it shows whatever
    /// was saved meanwhile, here or by another kindly.
    fn refresh(&mut self, ctx: &mut Ctx<'_>) -> crate::store::Result<()>;

    /// Opens a saved record when it is this pane's kind; returns whether it did.
    fn show(
        &mut self,
        _kind: RecordKind,
        _id: Uuid,
        _ctx: &mut Ctx<'_>,
    ) -> crate::store::Result<bool> {
        Ok(false)
    }

    /// The pane's unsaved work, slot by slot.
    fn drafts(&self) -> Vec<DraftOut> {
        Vec::new()
    }

    /// Takes up what was left in the pane's draft slots from before.
    fn recover(&mut self, _store: &Store) -> crate::store::Result<Recovered> {
        Ok(Recovered::default())
    }

    /// The saved record the person is on (a selected row, an open record, a saved record
    /// being edited), for marking it to bring to a session; none on a new form.
    fn target(&self) -> Option<(crate::domain::MarkedKind, Uuid)> {
        None
    }

    /// A guided flow has the pane, so quiet offers keep out of its way.
    fn in_flow(&self) -> bool {
        false
    }

    /// The words being written or read here now (the form, the flow, the page or record
    /// open), so the support line can show when they speak of self-harm. Never stored.
    fn words_in_sight(&self) -> String {
        String::new()
    }

    /// The text to hand to the person's own editor (the note, the page, the step being
    /// written), with the focus put on it; none where there is no such text.
    fn own_editor(&mut self) -> Option<&mut ratatui_textarea::TextArea<'static>> {
        None
    }

    /// The unsaved work `X` would let go, named for its question; none when there is none.
    fn to_let_go(&self) -> Option<&'static str> {
        None
    }

    /// Lets that work go: it becomes a record in the trash, never lost.
    fn let_go(&mut self, _ctx: &mut Ctx<'_>) -> crate::store::Result<Notice> {
        Ok(None)
    }

    /// A day the person asked to open (a calendar day), taken once by the router.
    fn day_to_open(&mut self) -> Option<NaiveDate> {
        None
    }

    /// Shows `day`'s records when this pane lists days; returns whether it did.
    fn open_day(&mut self, _day: NaiveDate, _ctx: &mut Ctx<'_>) -> crate::store::Result<bool> {
        Ok(false)
    }

    /// The pane's list is showing the trash, where opening a record brings it back.
    fn in_trash(&self) -> bool {
        false
    }
}

/// Drawing a pane from its state; drawing never changes it. Each pane's view file
/// implements this for the pane's state, so the state never needs to know its view.
pub trait Draw {
    fn draw(&self, area: Rect, buf: &mut Buffer, cx: &DrawCx<'_>);
}
