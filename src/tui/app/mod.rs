//! The App: a router that holds the panes and the chrome around them (header, footer, help,
//! the notice line, search and the letter offer). It knows the pane interface, never what
//! is inside a pane.

mod autosave;
pub mod chrome;
pub(super) mod exchange;
mod let_go;
mod low_day;
mod mouse;
mod own_editor;
mod panes;
pub mod session;
mod typing;
mod watch;

use std::cell::Cell;
use std::time::Instant;

use chrono::{DateTime, FixedOffset};
use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind};

use self::autosave::{Autosave, keep_aside};
use self::panes::Panes;
use crate::config::Config;
use crate::domain::Entry;
use crate::store::{Offer, RecordKind, Store};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Mode};
use crate::tui::pane::{Ctx, DraftOut, Effect, Hits, Outcome, Pane, PaneId};
use crate::tui::panes::checkin::CheckinPane;
use crate::tui::panes::critic::CriticPane;
use crate::tui::panes::journal::JournalPane;
use crate::tui::panes::trends::TrendsPane;
use crate::tui::search::SearchBox;
use crate::tui::theme::Theme;

pub use self::autosave::AUTOSAVE_AFTER;

/// A gap this long since the last check-in earns a welcome back.
const WELCOME_BACK_AFTER_DAYS: i64 = 3;

/// Where "now" comes from: the real clock in the app, a fixed one in tests.
pub type Clock = Box<dyn Fn() -> DateTime<FixedOffset>>;

pub struct App {
    pub(super) store: Store,
    pub(super) config: Config,
    pub(super) theme: Theme,
    pub(super) clock: Clock,
    /// The four panes, by name; `active` is the one showing.
    pub(super) panes: Panes,
    pub(super) active: PaneId,
    /// The search box, while it is open.
    pub search: Option<SearchBox>,
    /// The list of what to bring to the next session, while it is open.
    pub session: Option<crate::tui::session_list::SessionList>,
    /// A pane whose record is to be marked for the session once it is saved.
    pub(super) bring_after_save: Option<PaneId>,
    /// A past letter offered on a low day, until read or let rest.
    pub offer: Option<Entry>,
    pub help_open: bool,
    pub(super) help_scroll: u16,
    /// How far help can scroll at the size it was last drawn (drawing learns it).
    pub(super) help_max_scroll: Cell<u16>,
    /// One quiet line under the pane: a thank-you, a welcome, a gentle pointer.
    pub notice: Option<String>,
    pub(super) autosave: Autosave,
    pub should_quit: bool,
    /// Where clickable things were last drawn.
    pub(super) hits: Hits,
    /// The keys in force: defaults, with the person's own from the config file.
    pub(super) keymap: keymap::Keymap,
    /// A small note for the journal (the day a letter was offered), written once the first
    /// frame is out.
    pending_offer: Option<(Offer, chrono::NaiveDate)>,
    /// The first frame is out: writes may go ahead (once the check answers).
    started: bool,
    /// Words of self-harm that bring the support line when written or read.
    pub(super) care: crate::domain::CrisisWords,
    /// The journal was filled by `kindly demo`: every screen says it is a sample.
    pub(super) sample: bool,
    /// The person's own editor (`$VISUAL`, else `$EDITOR`), and the text waiting to be
    /// handed to it once the loop gives it the terminal.
    pub own_editor: Option<String>,
    pub(super) hand_over: Option<String>,
    /// `X` was pressed once: pressed again next, the draft is let go.
    pub(super) let_go_armed: bool,
    /// An exchange with the sync folder is out on its own thread.
    pub(super) exchanging: bool,
    /// The journal's data version as this window last read it.
    seen_version: i64,
}

impl App {
    pub fn new(store: Store, config: Config, theme: Theme, clock: Clock) -> anyhow::Result<Self> {
        let mut app = Self::open(store, config, theme, clock)?;
        app.after_first_frame();
        Ok(app)
    }

    /// As `new`, for the real screen: nothing is written and the journal's integrity check
    /// doesn't start until `after_first_frame`, so the first frame waits for neither.
    pub fn open(
        mut store: Store,
        config: Config,
        theme: Theme,
        clock: Clock,
    ) -> anyhow::Result<Self> {
        let now = clock();
        // This window's drafts are its own; other windows leave them be while it runs.
        store.open_window();
        // The config's choices; each pane adds the journal's own when it reads it.
        let mut checkin = CheckinPane::new(
            config.emotions.clone(),
            config.rituals.clone(),
            now.date_naive(),
        );
        checkin.measure_specs = config.measures.clone();
        // Only the first pane reads the journal at start; the others read it on arrival.
        checkin.refresh(&store)?;
        if config.look_back {
            checkin.look_back =
                crate::tui::panes::checkin::look_back::find(&store, now.date_naive())?;
        }
        let panes = Panes {
            checkin,
            critic: CriticPane::new(config.traps(), config.emotions.clone()),
            journal: JournalPane::with_prompts(&config.letter_prompts),
            trends: TrendsPane::new(config.week_start),
        };
        // The config file was checked when it was read, so this can't refuse; if it ever
        // did, the screen says so rather than quietly dropping the person's own keys.
        let keymap = keymap::Keymap::with(&config.keys)
            .map_err(|e| anyhow::anyhow!("[keys] {}: {}", e.action, e.message))?;
        let care = config.care();
        let sample = store.is_sample()?;
        let seen_version = store.data_version()?;
        let mut app = Self {
            store,
            config,
            theme,
            clock,
            panes,
            active: PaneId::Checkin,
            search: None,
            session: None,
            bring_after_save: None,
            offer: None,
            help_open: false,
            help_scroll: 0,
            help_max_scroll: Cell::new(u16::MAX),
            notice: None,
            autosave: Autosave::default(),
            should_quit: false,
            hits: Hits::default(),
            keymap,
            pending_offer: None,
            started: false,
            care,
            sample,
            own_editor: crate::editor::chosen(),
            hand_over: None,
            let_go_armed: false,
            exchanging: false,
            seen_version,
        };
        // Drafts found at start are this window's to finish, or to clear once done with.
        let mut recovered_notice = None;
        for id in PaneId::ALL {
            recovered_notice = recovered_notice.or(app.take_up_drafts(id, now)?);
        }
        app.notice = match recovered_notice {
            Some(n) => Some(n),
            None => app.welcome(now)?,
        };
        app.consider_offer(None)?;
        Ok(app)
    }

    fn welcome(&self, now: DateTime<FixedOffset>) -> anyhow::Result<Option<String>> {
        Ok(match self.store.latest_checkin()? {
            None => Some(
                "Welcome. Press a number for your mood, then Ctrl-S. ? shows every key.".into(),
            ),
            Some(last) if (now.date_naive() - last.day()).num_days() >= WELCOME_BACK_AFTER_DAYS => {
                Some("Welcome back. It's good to see you.".into())
            }
            Some(_) => None,
        })
    }

    /// Starts the journal's integrity check beside the screen, then writes what waited
    /// for it.
    pub fn after_first_frame(&mut self) {
        if self.store.damaged().is_none() {
            self.store.verify_beside();
        }
        // The words that bring the support line are read now, once the screen is up, so
        // neither the first frame nor the first key typed waits for them.
        crate::domain::read_crisis_words_ahead();
        self.started = true;
        if let Err(e) = self.flush_state() {
            self.notice = Some(format!("A small note couldn't be saved just now ({e})."));
        }
    }

    /// The pane showing.
    pub fn pane_id(&self) -> PaneId {
        self.active
    }

    pub(super) fn current(&self) -> &dyn Pane {
        self.panes.get(self.active)
    }

    pub(super) fn current_mut(&mut self) -> &mut dyn Pane {
        self.panes.get_mut(self.active)
    }

    /// The pane showing lists the trash, where opening a record brings it back.
    pub(super) fn in_trash(&self) -> bool {
        self.panes
            .records(self.active)
            .is_some_and(|r| r.in_trash())
    }

    /// The panes' states, for tests and for drawing single panes.
    pub fn checkin(&self) -> &CheckinPane {
        &self.panes.checkin
    }

    pub fn critic(&self) -> &CriticPane {
        &self.panes.critic
    }

    pub fn journal(&self) -> &JournalPane {
        &self.panes.journal
    }

    pub fn trends(&self) -> &TrendsPane {
        &self.panes.trends
    }

    /// Which bindings are live right now.
    pub fn mode(&self) -> Mode {
        if self.help_open {
            Mode::Help
        } else if self.search.is_some() {
            Mode::Search
        } else if let Some(mode) = self.session_mode() {
            mode
        } else {
            self.current().mode()
        }
    }

    /// Every pane's unsaved work, for autosave.
    fn drafts(&self) -> Vec<DraftOut> {
        self.panes
            .all_drafts()
            .iter()
            .flat_map(|p| p.drafts())
            .collect()
    }

    pub(super) fn ctx(&mut self) -> (Ctx<'_>, &mut dyn Pane) {
        let now = (self.clock)();
        (
            Ctx {
                store: &mut self.store,
                now,
            },
            self.panes.get_mut(self.active),
        )
    }

    /// The journal and the time, with the panes beside them.
    pub(super) fn ctx_and_panes(&mut self) -> (Ctx<'_>, &mut Panes) {
        let now = (self.clock)();
        (
            Ctx {
                store: &mut self.store,
                now,
            },
            &mut self.panes,
        )
    }

    /// Handles one terminal event. Returns whether anything on screen may have changed.
    pub fn handle_event(&mut self, event: &Event) -> bool {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key),
            Event::Resize(..) => true,
            Event::Mouse(m) if !self.help_open => {
                // A click between two letters means they were not one word.
                self.current_mut().word_key(None, None);
                self.handle_mouse(m)
            }
            Event::Paste(text) => {
                // Terminals send a paste's line ends as CR; every field gets newlines.
                let text = &crate::domain::paragraphs(text);
                let changed = match self.mode() {
                    Mode::Search => self.search_typed(|s| s.paste(text)),
                    Mode::SessionNote => self.session.as_mut().is_some_and(|s| s.paste(text)),
                    Mode::Help => false,
                    _ => self
                        .panes
                        .writing_mut(self.active)
                        .is_some_and(|w| w.paste(text)),
                };
                if changed {
                    self.autosave.note_change();
                }
                changed
            }
            _ => false,
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        let mode = self.mode();
        let action = self.keymap.action_for(mode, key);
        if self.word_key(key, action) {
            return true;
        }
        if let Some(action) = action {
            self.apply(action);
            return true;
        }
        // Keys the table leaves alone go to whichever editor has them.
        let input = (*key).into();
        let changed = match mode {
            Mode::Search => self.search_typed(|s| s.type_key(input)),
            Mode::SessionNote => self.session.as_mut().is_some_and(|s| s.type_key(input)),
            Mode::Help | Mode::Session => false,
            _ => self
                .panes
                .writing_mut(self.active)
                .is_some_and(|w| w.input(input)),
        };
        if changed {
            self.autosave.note_change();
            return true;
        }
        match crate::tui::typed::typed_char(key) {
            Some(c) => self.typed(c, mode),
            None => false,
        }
    }

    pub fn apply(&mut self, action: Action) {
        // Letting a draft go takes the same key twice in a row; anything else keeps it.
        let armed = std::mem::take(&mut self.let_go_armed);
        match action {
            Action::Discard => self.let_go(armed),
            Action::Quit => self.should_quit = true,
            Action::ToggleHelp => {
                self.help_open = !self.help_open;
                self.help_scroll = 0;
            }
            Action::HelpUp => self.help_scroll = self.help_scroll.saturating_sub(1),
            Action::HelpDown => {
                self.help_scroll = (self.help_scroll + 1).min(self.help_max_scroll.get());
            }
            Action::NextPane | Action::PrevPane => {
                self.notice = None;
                self.cycle_pane(action == Action::NextPane);
            }
            Action::OpenSearch => {
                // The last action's notice doesn't belong under the search box.
                self.notice = None;
                self.search = Some(SearchBox::new());
            }
            _ if self.search.is_some() => self.apply_search(action),
            _ if self.session.is_some() => self.apply_session(action),
            Action::OpenSession => {
                self.notice = None;
                self.open_session();
            }
            Action::BringUp => self.bring_up(),
            Action::OwnEditor => self.ask_own_editor(),
            Action::OpenOffer if self.offer.is_some() => {
                if let Some(letter) = self.offer.take() {
                    self.read(RecordKind::Entry, letter.id);
                }
            }
            Action::DismissOffer if self.offer.is_some() => {
                self.offer = None;
                self.notice = Some("It'll keep. Your letters are in the Journal pane.".into());
            }
            _ => {
                // A notice answers the last action; the next one makes way for its own.
                self.notice = None;
                let (mut ctx, pane) = self.ctx();
                match pane.apply(action, &mut ctx) {
                    Ok(outcome) => self.act_on(outcome),
                    Err(e) => {
                        self.notice = Some(format!(
                            "That couldn't be saved just now ({e}). Your words are still here."
                        ));
                    }
                }
            }
        }
    }

    /// Acts on what a pane answered: its line, autosave for changed work, and each effect.
    pub(super) fn act_on(&mut self, outcome: Outcome) {
        if outcome.changed {
            self.autosave.note_change();
        }
        let from = self.active;
        let saved = outcome.effects.iter().find_map(|e| match e {
            Effect::Saved(s) => Some(*s),
            _ => None,
        });
        // A new check-in on a low day may bring a letter, or care said after the thanks.
        let care = match saved {
            Some(s) if s.kind == crate::domain::MarkedKind::CheckIn => {
                self.consider_offer(Some(&s)).unwrap_or_else(|e| {
                    Some(format!("A letter couldn't be looked up just now ({e})."))
                })
            }
            _ => None,
        };
        // The App cleared the line before asking the pane; a quiet answer leaves it so.
        if let Some(line) = outcome.line_with(care.as_deref()) {
            self.notice = Some(line);
        }
        for effect in outcome.effects {
            match effect {
                Effect::Saved(s) => self.bring_if_saved(from, s),
                Effect::OpenDay(day) => self.open_day(day),
                Effect::Show(kind, id) => self.show(kind, id),
                Effect::Refresh(id) => self.refresh(id),
                Effect::GoTo(id) => self.go_to(id),
            }
        }
        // The next draft an ended window left comes back once the form is free.
        if saved.is_some() {
            self.take_up_next(from);
        }
    }

    /// Runs a change to the search box, then searches again for what it holds.
    fn search_typed(&mut self, change: impl FnOnce(&mut SearchBox) -> bool) -> bool {
        let Some(search) = self.search.as_mut() else {
            return false;
        };
        if change(search) {
            search.run(&self.store);
        }
        true
    }

    fn apply_search(&mut self, action: Action) {
        let Some(search) = self.search.as_mut() else {
            return;
        };
        match action {
            Action::BackToForm => self.search = None,
            Action::FocusNext => {
                search.selected = (search.selected + 1).min(search.results.len().saturating_sub(1))
            }
            Action::FocusPrev => search.selected = search.selected.saturating_sub(1),
            Action::EditSelected => {
                if let Some(found) = search.results.get(search.selected).cloned() {
                    self.search = None;
                    self.show(found.kind, found.id);
                }
            }
            _ => {}
        }
    }

    /// A day asked to be opened (a calendar day): the Check-in pane shows it (a break in
    /// progress stays, the day waits beneath it).
    pub(super) fn open_day(&mut self, day: chrono::NaiveDate) {
        let (ctx, panes) = self.ctx_and_panes();
        match panes.checkin.show_day(day, ctx.store) {
            Ok(()) => self.active = PaneId::Checkin,
            Err(e) => self.notice = Some(format!("That day couldn't be opened just now ({e}).")),
        }
    }

    /// Opens a record in the pane that shows its kind, setting aside (never losing) work in
    /// progress there.
    pub fn show(&mut self, kind: RecordKind, id: uuid::Uuid) {
        let (mut ctx, panes) = self.ctx_and_panes();
        let (pane, list) = panes.showing(kind);
        match list.show(id, &mut ctx) {
            Ok(true) => {
                self.active = pane;
                // What was in progress there may have been set aside as a draft.
                self.autosave.note_change();
            }
            Ok(false) => {}
            Err(e) => self.notice = Some(format!("That couldn't be opened just now ({e}).")),
        }
    }

    /// Opens a record to read (Esc comes back to the pane showing now).
    fn read(&mut self, kind: RecordKind, id: uuid::Uuid) {
        let from = self.active;
        let (mut ctx, panes) = self.ctx_and_panes();
        let (pane, list) = panes.showing(kind);
        match list.read(id, &mut ctx, from) {
            Ok(true) => self.active = pane,
            Ok(false) => {}
            Err(e) => self.notice = Some(format!("That couldn't be opened just now ({e}).")),
        }
    }

    /// Reads a pane again from the journal.
    pub(super) fn refresh(&mut self, id: PaneId) {
        let (mut ctx, panes) = self.ctx_and_panes();
        if let Err(e) = panes.get_mut(id).refresh(&mut ctx) {
            self.notice = Some(format!("That pane couldn't be read just now ({e})."));
        }
    }

    /// Brings `pane` forward. Each pane reads the journal on arrival, so it shows whatever
    /// was saved meanwhile (here or by another kindly) and start-up reads only what the
    /// first pane needs.
    pub(super) fn go_to(&mut self, pane: PaneId) {
        self.active = pane;
        self.refresh(pane);
    }

    fn cycle_pane(&mut self, forward: bool) {
        let all = PaneId::ALL;
        let i = all.iter().position(|p| *p == self.active).unwrap_or(0);
        let n = all.len();
        self.go_to(
            all[if forward {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            }],
        );
    }

    /// When the next autosave is due, if anything is waiting to be saved.
    pub fn autosave_due(&self) -> Option<Instant> {
        self.autosave.due()
    }

    /// Writes unsaved work to its drafts now (clearing a draft whose form is empty). A
    /// failure (a full disk, a journal that can't be written) never ends the session: the
    /// words stay on screen, a line says so, and autosave tries again. Returns whether the
    /// screen changed (that line).
    pub fn autosave(&mut self) -> bool {
        if !self.autosave.take_dirty() {
            return false;
        }
        match self.keep_drafts() {
            Ok(()) => false,
            Err(e) => {
                self.notice = Some(format!(
                    "Your words couldn't be kept as a draft just now ({e}); they're still here, and kindly will try again."
                ));
                self.autosave.note_change();
                true
            }
        }
    }

    /// On the way out, when the journal can't take the drafts: each pane's unsaved words
    /// in a private file beside it instead. Returns the files written.
    pub fn keep_drafts_aside(&self) -> Vec<std::path::PathBuf> {
        self.drafts()
            .iter()
            .filter(|d| !d.blank)
            .filter_map(|d| {
                // A draft that won't serialise has no text to keep; the others still go.
                let text = d.value().ok()?.to_string();
                keep_aside(self.store.path(), self.store.key(), d.slot, &text)
            })
            .collect()
    }

    /// Writes every pane's unsaved work to its draft, changed or not: on the way out, so a
    /// draft another window cleared meanwhile is put back.
    pub fn keep_drafts(&mut self) -> anyhow::Result<()> {
        let drafts = self.drafts();
        self.autosave.keep(&mut self.store, &drafts)?;
        Ok(())
    }

    pub fn store(&self) -> &Store {
        &self.store
    }
}
