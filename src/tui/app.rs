//! The App: which pane is showing, the help overlay, the quiet notice line, and autosave.

use std::cell::Cell;
use std::time::{Duration, Instant};

use chrono::{DateTime, Datelike, FixedOffset};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    Event, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget, Wrap};

use super::action::Action;
use super::keymap::{self, Mode};
use super::panes::Ctx;
use super::panes::checkin::{self, CheckinPane, CheckinView, Focus};
use super::panes::critic::{self, CriticPane, View};
use super::panes::critic_view::CriticView;
use super::panes::journal::{self, JournalPane, JournalView};
use super::panes::trends::{TrendsPane, TrendsView};
use super::search::{SearchBox, SearchView};
use super::theme::Theme;
use crate::config::Config;
use crate::domain::Scale;
use crate::store::{LabelKind, Store};

/// Typed text is written to the draft this long after the first unsaved change.
pub const AUTOSAVE_AFTER: Duration = Duration::from_secs(1);

/// The smallest window kindly lays itself out in.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// A gap this long since the last check-in earns a welcome back.
const WELCOME_BACK_AFTER_DAYS: i64 = 3;

/// Replaces control characters in every cell with visible stand-ins (␛ for ESC, and so on),
/// so text from a note or an import can never send its own commands to the terminal.
/// This is the one place everything drawn passes through before it is written.
pub fn defuse(buf: &mut Buffer) {
    for cell in buf.content.iter_mut() {
        let symbol = cell.symbol();
        if symbol.chars().any(char::is_control) {
            let safe: String = symbol
                .chars()
                .map(|c| match c as u32 {
                    0x00..=0x1f => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                    0x7f => '\u{2421}',
                    _ if c.is_control() => '\u{fffd}',
                    _ => c,
                })
                .collect();
            cell.set_symbol(&safe);
        }
    }
}

/// Where "now" comes from: the real clock in the app, a fixed one in tests.
pub type Clock = Box<dyn Fn() -> DateTime<FixedOffset>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Checkin,
    Critic,
    Journal,
    Trends,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Checkin, Pane::Critic, Pane::Journal, Pane::Trends];

    fn title(self) -> &'static str {
        match self {
            Pane::Checkin => "Check-in",
            Pane::Critic => "Critic",
            Pane::Journal => "Journal",
            Pane::Trends => "Trends",
        }
    }

    /// The modes whose keys help lists for this pane.
    pub fn help_modes(self) -> &'static [Mode] {
        match self {
            Pane::Checkin => &[
                Mode::Form,
                Mode::History,
                Mode::Writing,
                Mode::BreakMood,
                Mode::BreakText,
                Mode::Global,
                Mode::Search,
                Mode::Help,
            ],
            Pane::Trends => &[Mode::Trends, Mode::Global, Mode::Search, Mode::Help],
            Pane::Journal => &[
                Mode::JournalList,
                Mode::JournalPage,
                Mode::Writing,
                Mode::Global,
                Mode::Search,
                Mode::Help,
            ],
            Pane::Critic => &[
                Mode::CriticList,
                Mode::CriticDetail,
                Mode::FlowText,
                Mode::Voice,
                Mode::FlowPick,
                Mode::Global,
                Mode::Search,
                Mode::Help,
            ],
        }
    }
}

pub struct App {
    store: Store,
    config: Config,
    theme: Theme,
    clock: Clock,
    pub pane: Pane,
    pub checkin: CheckinPane,
    pub critic: CriticPane,
    pub journal: JournalPane,
    pub trends: TrendsPane,
    /// The search box, while it is open.
    pub search: Option<SearchBox>,
    /// A past letter offered on a low day, until read or let rest.
    pub offer: Option<crate::domain::Entry>,
    pub help_open: bool,
    help_scroll: u16,
    /// How far help can scroll at the size it was last drawn (drawing learns it).
    help_max_scroll: Cell<u16>,
    /// One quiet line under the pane: a thank-you, a welcome, a gentle pointer.
    pub notice: Option<String>,
    /// When the form first changed since it was last saved or autosaved.
    dirty_since: Option<Instant>,
    pub should_quit: bool,
    /// Where clickable things were last drawn.
    hits: super::hits::Hits,
    /// The keys in force: defaults, with the person's own from the config file.
    keymap: keymap::Keymap,
    /// Draft slots this window has written or taken up, and so may clear.
    drafts_held: std::collections::HashSet<&'static str>,
}

impl App {
    pub fn new(store: Store, config: Config, theme: Theme, clock: Clock) -> anyhow::Result<Self> {
        let now = clock();
        let mut emotions = config.emotions.clone();
        let mut rituals = config.rituals.clone();
        for (list, kind) in [
            (&mut emotions, LabelKind::Emotion),
            (&mut rituals, LabelKind::Ritual),
        ] {
            for used in store.used_labels(kind)? {
                if !list.iter().any(|l| l.eq_ignore_ascii_case(&used)) {
                    list.push(used);
                }
            }
        }
        let mut checkin = CheckinPane::new(emotions.clone(), rituals, now.date_naive());
        checkin.refresh(&store)?;
        // The Critic and Journal lists are read when their pane is opened, not at start.
        let mut critic = CriticPane::new(config.traps(), emotions);
        // Drafts found at start are this window's to finish, or to clear once done with.
        let mut drafts_held = std::collections::HashSet::new();
        if let Some(draft) = store.load_draft::<critic::Draft>(critic::DRAFT_SLOT)? {
            critic.offer(draft);
            drafts_held.insert(critic::DRAFT_SLOT);
        }
        let mut journal = JournalPane::new();
        if let Some(draft) = store.load_draft::<journal::Draft>(journal::DRAFT_SLOT)? {
            journal.offer(draft);
            drafts_held.insert(journal::DRAFT_SLOT);
        }
        if store
            .load_draft::<checkin::Draft>(checkin::DRAFT_SLOT)?
            .is_some()
        {
            drafts_held.insert(checkin::DRAFT_SLOT);
        }
        let week_start = config.week_start;
        // The config file was checked when it was read; a refused map never gets here.
        let keymap = keymap::Keymap::with(&config.keys).unwrap_or_default();
        let mut app = Self {
            store,
            config,
            theme,
            clock,
            pane: Pane::Checkin,
            checkin,
            critic,
            journal,
            trends: TrendsPane::new(week_start),
            search: None,
            offer: None,
            help_open: false,
            help_scroll: 0,
            help_max_scroll: Cell::new(u16::MAX),
            notice: None,
            dirty_since: None,
            should_quit: false,
            hits: super::hits::Hits::default(),
            keymap,
            drafts_held,
        };
        app.notice = app.opening_notice(now)?;
        app.consider_offer()?;
        Ok(app)
    }

    fn opening_notice(&mut self, now: DateTime<FixedOffset>) -> anyhow::Result<Option<String>> {
        if let Some(draft) = self
            .store
            .load_draft::<checkin::Draft>(checkin::DRAFT_SLOT)?
            && !draft.is_blank()
        {
            self.checkin.restore(&draft, &self.store);
            return Ok(Some(
                "Your unsaved check-in is back, just as you left it.".into(),
            ));
        }
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

    /// On a low day (today's latest mood 3 or lower), offers one past letter to reread:
    /// quietly, at most once a day.
    fn consider_offer(&mut self) -> anyhow::Result<()> {
        const KEY: &str = "letter_offered_on";
        let today = (self.clock)().date_naive();
        let low = self
            .store
            .checkins_on(today)?
            .first()
            .is_some_and(|c| c.mood.get() <= 3);
        if self.offer.is_some()
            || !low
            || self.store.state(KEY)?.as_deref() == Some(&today.to_string())
        {
            return Ok(());
        }
        let letters = self.store.entries(Some(crate::domain::EntryKind::Letter))?;
        if letters.is_empty() {
            return Ok(());
        }
        // A different letter on different days, the same one all day.
        let pick = today.num_days_from_ce().unsigned_abs() as usize % letters.len();
        self.offer = letters.get(pick).cloned();
        self.store.set_state(KEY, &today.to_string())?;
        Ok(())
    }

    /// Which bindings are live right now.
    pub fn mode(&self) -> Mode {
        if self.help_open {
            return Mode::Help;
        }
        if self.search.is_some() {
            return Mode::Search;
        }
        match self.pane {
            Pane::Checkin => match &self.checkin.pause {
                Some(p) if p.step.is_text() => Mode::BreakText,
                Some(_) => Mode::BreakMood,
                None if self.checkin.writing => Mode::Writing,
                None if self.checkin.focus == Focus::History => Mode::History,
                None => Mode::Form,
            },
            Pane::Journal if self.journal.writing() => Mode::Writing,
            Pane::Journal if self.journal.view == journal::View::Page => Mode::JournalPage,
            Pane::Journal => Mode::JournalList,
            Pane::Trends => Mode::Trends,
            Pane::Critic => match (self.critic.view, &self.critic.flow) {
                (View::List, _) | (View::Flow, None) => Mode::CriticList,
                (View::Detail, _) => Mode::CriticDetail,
                (View::Flow, Some(f)) if f.step == critic::Step::Voice => Mode::Voice,
                (View::Flow, Some(f)) if f.step.is_text() => Mode::FlowText,
                (View::Flow, Some(_)) => Mode::FlowPick,
            },
        }
    }

    /// Every pane's unsaved work, to notice when something worth autosaving changed.
    fn drafts(&self) -> (checkin::Draft, critic::Draft, Option<journal::Draft>) {
        (
            self.checkin.draft(),
            self.critic.draft(),
            self.journal.draft(),
        )
    }

    /// Handles one terminal event. Returns whether anything on screen may have changed.
    pub fn handle_event(&mut self, event: &Event) -> bool {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key),
            Event::Resize(..) => true,
            Event::Mouse(m) if !self.help_open => self.handle_mouse(m),
            Event::Paste(text) => {
                let changed = match (self.mode(), self.pane) {
                    (Mode::Search, _) => self.search_typed(|s| s.paste(text)),
                    (Mode::Writing | Mode::BreakText, Pane::Checkin) => self.checkin.paste(text),
                    (Mode::Writing, Pane::Journal) => self.journal.paste(text),
                    (Mode::FlowText | Mode::Voice, _) => self.critic.paste(text),
                    _ => false,
                };
                if changed {
                    self.note_change();
                }
                changed
            }
            _ => false,
        }
    }

    /// A click on a tab switches pane, a click on a list row selects it, and the wheel
    /// scrolls lists and editors.
    pub fn handle_mouse(&mut self, m: &MouseEvent) -> bool {
        use super::hits::Target;
        match m.kind {
            MouseEventKind::Down(MouseButton::Left) => match self.hits.at(m.column, m.row) {
                Some(Target::Tab(pane)) => {
                    while self.pane != pane {
                        self.apply(Action::NextPane);
                    }
                    true
                }
                Some(Target::Row(i)) => {
                    self.select_row(i);
                    true
                }
                None => false,
            },
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = m.kind == MouseEventKind::ScrollDown;
                match self.mode() {
                    Mode::Writing | Mode::FlowText | Mode::Voice | Mode::BreakText => {
                        // The editor scrolls itself on wheel input.
                        let input = ratatui_textarea::Input::from(*m);
                        match (self.mode(), self.pane) {
                            (Mode::Writing | Mode::BreakText, Pane::Checkin) => {
                                self.checkin.type_key(input)
                            }
                            (Mode::Writing, Pane::Journal) => self.journal.type_key(input),
                            _ => self.critic.type_key(input),
                        }
                    }
                    Mode::Form => false,
                    Mode::Help => {
                        self.apply(if down {
                            Action::HelpDown
                        } else {
                            Action::HelpUp
                        });
                        true
                    }
                    _ => {
                        self.apply(if down {
                            Action::FocusNext
                        } else {
                            Action::FocusPrev
                        });
                        true
                    }
                }
            }
            _ => false,
        }
    }

    /// Selects row `i` of the list on screen.
    fn select_row(&mut self, i: usize) {
        if let Some(search) = self.search.as_mut() {
            search.selected = i.min(search.results.len().saturating_sub(1));
            return;
        }
        match self.pane {
            Pane::Checkin => {
                self.checkin.focus = Focus::History;
                self.checkin.selected = i.min(self.checkin.rows.len().saturating_sub(1));
            }
            Pane::Critic => self.critic.selected = i.min(self.critic.rows.len().saturating_sub(1)),
            Pane::Journal => {
                self.journal.selected = i.min(self.journal.rows.len().saturating_sub(1))
            }
            Pane::Trends => {}
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        let mode = self.mode();
        if let Some(action) = self.keymap.action_for(mode, key) {
            self.apply(action);
            return true;
        }
        // Keys the table leaves alone go to whichever editor has them.
        let input = (*key).into();
        let changed = match (mode, self.pane) {
            (Mode::Search, _) => self.search_typed(|s| s.type_key(input)),
            (Mode::Writing | Mode::BreakText, Pane::Checkin) => self.checkin.type_key(input),
            (Mode::Writing, Pane::Journal) => self.journal.type_key(input),
            (Mode::FlowText | Mode::Voice, _) => self.critic.type_key(input),
            _ => false,
        };
        if changed {
            self.note_change();
        }
        changed
    }

    pub fn apply(&mut self, action: Action) {
        let before = self.drafts();
        match action {
            Action::Quit => {
                self.should_quit = true;
                return;
            }
            Action::ToggleHelp => {
                self.help_open = !self.help_open;
                self.help_scroll = 0;
                return;
            }
            Action::HelpUp => self.help_scroll = self.help_scroll.saturating_sub(1),
            Action::HelpDown => {
                self.help_scroll = (self.help_scroll + 1).min(self.help_max_scroll.get());
            }
            Action::NextPane | Action::PrevPane => {
                self.notice = None;
                self.cycle_pane(action == Action::NextPane);
            }
            Action::OpenSearch => self.search = Some(SearchBox::new()),
            _ if self.search.is_some() => self.apply_search(action),
            Action::OpenOffer if self.offer.is_some() => {
                if let Some(letter) = self.offer.take() {
                    self.pane = Pane::Journal;
                    self.show(crate::store::RecordKind::Entry, letter.id);
                }
            }
            Action::DismissOffer if self.offer.is_some() => {
                self.offer = None;
                self.notice = Some("It'll keep. Your letters are in the Journal pane.".into());
            }
            _ => {
                // A notice answers the last action; the next one makes way for its own.
                self.notice = None;
                let mut ctx = Ctx {
                    store: &mut self.store,
                    now: (self.clock)(),
                };
                let result = match self.pane {
                    Pane::Checkin => self.checkin.apply(action, &mut ctx),
                    Pane::Critic => self.critic.apply(action, &mut ctx),
                    Pane::Journal => self.journal.apply(action, &mut ctx),
                    Pane::Trends => {
                        if self.trends.apply(action) {
                            self.trends.refresh(ctx.store, ctx.today()).map(|()| None)
                        } else {
                            Ok(None)
                        }
                    }
                };
                match result {
                    Ok(Some(notice)) => self.notice = Some(notice),
                    Ok(None) => {}
                    Err(e) => {
                        self.notice = Some(format!(
                            "That couldn't be saved just now ({e}). Your words are still here."
                        ));
                    }
                }
            }
        }
        if self.drafts() != before {
            self.note_change();
        }
        if self.pane == Pane::Checkin
            && action == Action::Save
            && let Err(e) = self.consider_offer()
        {
            self.notice = Some(format!("A letter couldn't be looked up just now ({e})."));
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

    /// Opens a record in its own pane, setting aside (never losing) work in progress there.
    pub fn show(&mut self, kind: crate::store::RecordKind, id: uuid::Uuid) {
        use crate::store::RecordKind;
        let now = (self.clock)();
        let result = (|| -> crate::store::Result<()> {
            match kind {
                RecordKind::CheckIn => {
                    if let Some(c) = self.store.checkin(id)? {
                        self.pane = Pane::Checkin;
                        self.checkin.show_checkin(&c, &self.store)?;
                    }
                }
                RecordKind::Thought => {
                    self.pane = Pane::Critic;
                    self.critic.show_record(id, &self.store, now)?;
                }
                RecordKind::Entry => {
                    if let Some(e) = self.store.entry(id)? {
                        self.pane = Pane::Journal;
                        self.journal.show_entry(&e, &self.store)?;
                    }
                }
            }
            Ok(())
        })();
        if let Err(e) = result {
            self.notice = Some(format!("That couldn't be opened just now ({e})."));
        }
    }

    fn cycle_pane(&mut self, forward: bool) {
        let all = Pane::ALL;
        let i = all.iter().position(|p| *p == self.pane).unwrap_or(0);
        let n = all.len();
        self.pane = all[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
        // Each pane reads the journal on arrival, so it shows whatever was saved meanwhile
        // (here or by another kindly) and start-up reads only what the first pane needs.
        let now = (self.clock)();
        let result = match self.pane {
            Pane::Checkin => self.checkin.refresh(&self.store),
            Pane::Critic => self.critic.refresh(&self.store, now),
            Pane::Journal => self.journal.refresh(&self.store),
            Pane::Trends => self.trends.refresh(&self.store, now.date_naive()),
        };
        if let Err(e) = result {
            self.notice = Some(format!("That pane couldn't be read just now ({e})."));
        }
    }

    fn note_change(&mut self) {
        self.dirty_since.get_or_insert_with(Instant::now);
    }

    /// When the next autosave is due, if anything is waiting to be saved.
    pub fn autosave_due(&self) -> Option<Instant> {
        self.dirty_since.map(|t| t + AUTOSAVE_AFTER)
    }

    /// Writes unsaved work to its drafts now (clearing a draft whose form is empty).
    pub fn autosave(&mut self) -> anyhow::Result<()> {
        if self.dirty_since.take().is_none() {
            return Ok(());
        }
        self.keep_drafts()
    }

    /// Writes every pane's unsaved work to its draft, changed or not: on the way out, so a
    /// draft another window cleared meanwhile is put back.
    pub fn keep_drafts(&mut self) -> anyhow::Result<()> {
        self.dirty_since = None;
        let (checkin_draft, critic_draft, journal_draft) = self.drafts();
        self.keep(
            checkin::DRAFT_SLOT,
            &checkin_draft,
            checkin_draft.is_blank(),
        )?;
        self.keep(critic::DRAFT_SLOT, &critic_draft, critic_draft.is_blank())?;
        let blank = journal_draft.as_ref().is_none_or(journal::Draft::is_blank);
        self.keep(journal::DRAFT_SLOT, &journal_draft, blank)?;
        Ok(())
    }

    /// Saves a pane's draft, or clears it when the pane is empty again. Only a draft this
    /// window wrote or took up is cleared: another kindly open on the same journal may be
    /// keeping one in that slot.
    fn keep<T: serde::Serialize>(
        &mut self,
        slot: &'static str,
        draft: &T,
        blank: bool,
    ) -> anyhow::Result<()> {
        if !blank {
            self.store.save_draft(slot, draft)?;
            self.drafts_held.insert(slot);
        } else if self.drafts_held.remove(slot) {
            self.store.clear_draft(slot)?;
        }
        Ok(())
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn draw(&self, frame: &mut Frame<'_>) {
        let area = frame.area();
        self.render(area, frame.buffer_mut());
        defuse(frame.buffer_mut());
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        self.hits.clear();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let msg = format!(
                "This window is a little small for kindly. At {MIN_WIDTH}×{MIN_HEIGHT} or larger it will come right back."
            );
            let y = area.height / 2;
            let rect = Rect::new(
                area.x,
                area.y + y.saturating_sub(1),
                area.width,
                area.height - y.saturating_sub(1),
            );
            Paragraph::new(Span::styled(msg, t.muted))
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true })
                .render(rect, buf);
            return;
        }
        // A long notice may take two lines rather than be cut short.
        let notice_width = self.notice.as_deref().map_or(0, |n| n.chars().count() + 1);
        let notice_lines = if notice_width > usize::from(area.width) {
            2
        } else {
            1
        };
        let offer_lines = u16::from(self.offer.is_some() && self.pane == Pane::Checkin);
        let [head, body, offer, notice, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(offer_lines),
            Constraint::Length(notice_lines),
            Constraint::Length(1),
        ])
        .areas(area);
        let now = (self.clock)();
        self.header(head, buf, now);
        match self.pane {
            Pane::Checkin => CheckinView {
                hits: &self.hits,
                pane: &self.checkin,
                theme: t,
                today: now.date_naive(),
            }
            .render(body, buf),
            Pane::Critic => CriticView {
                hits: &self.hits,
                pane: &self.critic,
                theme: t,
                now,
            }
            .render(body, buf),
            Pane::Journal => JournalView {
                hits: &self.hits,
                pane: &self.journal,
                theme: t,
                now,
            }
            .render(body, buf),
            Pane::Trends => TrendsView {
                pane: &self.trends,
                theme: t,
            }
            .render(body, buf),
        }
        if let Some(letter) = &self.offer
            && self.pane == Pane::Checkin
            && self.checkin.pause.is_none()
        {
            let words = format!(
                " ✉ A letter of yours{} is here, if you'd like it · o read · O not today",
                letter
                    .title
                    .as_deref()
                    .map(|t| format!(", “{t}”,"))
                    .unwrap_or_default()
            );
            Line::from(Span::styled(words, t.notice)).render(offer, buf);
        }
        if let Some(search) = &self.search {
            SearchView {
                hits: &self.hits,
                search,
                theme: t,
                today: now.date_naive(),
            }
            .render(body, buf);
        }
        if let Some(n) = &self.notice {
            Paragraph::new(Span::styled(format!(" {n}"), t.notice))
                .wrap(Wrap { trim: false })
                .render(notice, buf);
        }
        self.footer(foot, buf);
        if self.help_open {
            self.help(body, buf);
        }
    }

    fn header(&self, area: Rect, buf: &mut Buffer, now: DateTime<FixedOffset>) {
        let t = &self.theme;
        // Narrow windows keep the pane tabs and let the name and the date go.
        let roomy = area.width >= 70;
        let mut spans = vec![];
        if roomy {
            spans.push(Span::styled(" kindly ", t.title));
        }
        let mut x = area.x + spans.iter().map(|s| s.width() as u16).sum::<u16>();
        for p in Pane::ALL {
            let style = if p == self.pane { t.selection } else { t.muted };
            let label = format!(" {} ", p.title());
            let w = label.chars().count() as u16;
            self.hits
                .add(Rect::new(x + 1, area.y, w, 1), super::hits::Target::Tab(p));
            x += w + 1;
            spans.push(Span::raw(" "));
            spans.push(Span::styled(label, style));
        }
        let tabs_width: usize = spans.iter().map(|s| s.width()).sum();
        Line::from(spans).render(area, buf);
        let date = if roomy {
            now.format("%A %-d %B ").to_string()
        } else {
            now.format("%a %-d %b ").to_string()
        };
        if tabs_width + date.chars().count() < usize::from(area.width) {
            Line::from(Span::styled(date, t.muted))
                .alignment(Alignment::Right)
                .render(area, buf);
        }
    }

    fn footer(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let width = |h: &keymap::Hint| h.keys.chars().count() + h.what.chars().count() + 3;
        let mode = self.mode();
        // Only what works where the focus is; moving on, going back, saving, help and
        // quitting always show, and the rest fill what room there is, in table order.
        let (always, rest): (Vec<_>, Vec<_>) = self
            .keymap
            .footer(mode)
            .into_iter()
            .filter(|h| match self.pane {
                _ if mode == Mode::Search => true,
                Pane::Checkin => mode != Mode::Form || self.checkin.offers(h.action),
                Pane::Critic => self.critic.offers(h.action),
                Pane::Journal => self.journal.offers(h.action),
                Pane::Trends => true,
            })
            .partition(|h| {
                matches!(
                    h.action,
                    Action::NextStep
                        | Action::PrevStep
                        | Action::Save
                        | Action::ToggleHelp
                        | Action::Quit
                        | Action::LeaveText
                )
            });
        let mut room =
            usize::from(area.width).saturating_sub(1 + always.iter().map(width).sum::<usize>());
        let mut shown = Vec::new();
        for h in rest {
            if width(&h) <= room {
                room -= width(&h);
                shown.push(h);
            }
        }
        shown.extend(always);
        let mut spans = vec![Span::raw(" ")];
        for h in shown {
            spans.push(Span::styled(h.keys.clone(), t.accent));
            spans.push(Span::styled(format!(" {}  ", h.what), t.muted));
        }
        Line::from(spans).render(area, buf);
    }

    fn help(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let w = area.width.min(76);
        let rect = Rect::new(area.x + (area.width - w) / 2, area.y, w, area.height);
        Clear.render(rect, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_type(BorderType::Rounded)
            .border_style(t.accent)
            .title(Span::styled(
                format!(" Help · {} ", self.pane.title()),
                t.title,
            ));
        // Support comes first, so it is there the moment help opens.
        let mut lines: Vec<Line<'_>> = vec![Line::from(Span::styled(
            "kindly is a journal, not a clinic. If you are in crisis or thinking about \
             harming yourself, please contact a professional or your local emergency number now.",
            t.text,
        ))];
        match &self.config.support_contact {
            Some(contact) => lines.push(Line::from(vec![
                Span::styled("Your support contact: ", t.text),
                Span::styled(contact.clone(), t.focus),
            ])),
            None => lines.push(Line::from(Span::styled(
                format!(
                    "You can name someone to reach here: support_contact = \"…\" in {}",
                    self.config
                        .path
                        .as_ref()
                        .map_or("config.toml".to_string(), |p| p.display().to_string())
                ),
                t.muted,
            ))),
        }
        lines.push(Line::raw(""));
        for (mode, bindings) in self.keymap.help_sections(self.pane.help_modes()) {
            lines.push(Line::from(Span::styled(mode.title(), t.title)));
            for b in bindings {
                // Narrow windows put the words under the keys instead of beside them.
                if w >= 60 {
                    lines.push(Line::from(vec![
                        Span::styled(format!("  {:<11} ", b.keys), t.accent),
                        Span::styled(b.help, t.text),
                    ]));
                } else {
                    lines.push(Line::from(Span::styled(format!("  {}", b.keys), t.accent)));
                    lines.push(Line::from(Span::styled(format!("    {}", b.help), t.text)));
                }
            }
            lines.push(Line::raw(""));
        }
        let inner = block.inner(rect);
        let inner_width = usize::from(inner.width.max(1));
        let total: usize = lines
            .iter()
            .map(|l| l.width().div_ceil(inner_width).max(1))
            .sum();
        let max_scroll = total.saturating_sub(usize::from(inner.height)) as u16;
        self.help_max_scroll.set(max_scroll);
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((self.help_scroll.min(max_scroll), 0))
            .render(rect, buf);
    }
}
