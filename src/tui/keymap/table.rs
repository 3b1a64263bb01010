//! The key table: the modes, the keys as written, and every default binding with the
//! words help and the footer show for it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::tui::action::Action;

/// Which bindings are live: the first match, in the order `modes_for` gives, wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Anywhere no text is being edited.
    Global,
    /// The check-in form, moving between fields.
    Form,
    /// The list of earlier check-ins beside the form.
    History,
    /// Typing in a text editor.
    Writing,
    /// The help overlay is open.
    Help,
    /// The list of thought records.
    CriticList,
    /// One thought record, read in full.
    CriticDetail,
    /// A text step of the thought-record flow: the editor has the keys.
    FlowText,
    /// The voice step: like a text step, with earlier voices offered.
    Voice,
    /// The reframe step: like a text step, with an earlier answer offered.
    Reframe,
    /// A step of the flow made of ratings or choices.
    FlowPick,
    /// The list of journal entries and letters.
    JournalList,
    /// An entry open in the editor, not typing.
    JournalPage,
    /// Choosing what a new letter starts from.
    LetterPrompts,
    /// The break's mood steps.
    BreakMood,
    /// The break's three written steps.
    BreakText,
    /// The search box is open.
    Search,
    /// The Trends pane.
    Trends,
    /// The list of what to bring to the next session.
    Session,
    /// Writing a thing to remember into that list.
    SessionNote,
    /// Typing when a check-in was.
    When,
    /// Typing a new emotion or ritual.
    AddChoice,
}

impl Mode {
    pub fn title(self) -> &'static str {
        match self {
            Mode::Global => "Anywhere",
            Mode::Form => "Check-in form",
            Mode::History => "Earlier check-ins",
            Mode::Writing => "While writing",
            Mode::Help => "In this help",
            Mode::CriticList => "Thought records",
            Mode::CriticDetail => "Reading a record",
            Mode::FlowText => "Writing a step",
            Mode::Voice => "Whose voice",
            Mode::Reframe => "Answering it kindly",
            Mode::FlowPick => "Rating and choosing",
            Mode::JournalList => "Journal and letters",
            Mode::JournalPage => "An open page",
            Mode::LetterPrompts => "Starting a letter",
            Mode::BreakMood => "Self-compassion break: mood",
            Mode::BreakText => "Self-compassion break: the three steps",
            Mode::Search => "Search",
            Mode::Trends => "Trends",
            Mode::Session => "Next session",
            Mode::SessionNote => "A thing to remember",
            Mode::When => "When it was",
            Mode::AddChoice => "A choice of your own",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
    /// `1`–`9` and `0` (= 10).
    Digit,
}

impl Key {
    pub fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Key::Char(c) => !ctrl && ev.code == KeyCode::Char(c),
            Key::Ctrl(c) => ctrl && ev.code == KeyCode::Char(c),
            Key::Code(code) => ev.code == code,
            Key::Digit => !ctrl && matches!(ev.code, KeyCode::Char('0'..='9')),
        }
    }
}

#[derive(Debug)]
pub struct Binding {
    pub mode: Mode,
    pub keys: &'static [Key],
    /// How help shows the keys.
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
    /// Short words for the footer; `None` keeps it out of the footer.
    pub footer: Option<&'static str>,
}

use Key::{Char, Code, Ctrl, Digit};
use KeyCode::{BackTab, Backspace, Delete, Down, Enter, Esc, Left, Right, Tab, Up};

const fn b(
    mode: Mode,
    keys: &'static [Key],
    label: &'static str,
    action: Action,
    help: &'static str,
    footer: Option<&'static str>,
) -> Binding {
    Binding {
        mode,
        keys,
        label,
        action,
        help,
        footer,
    }
}

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // While writing, only these keys are kindly's; the rest go to the editor.
    b(Mode::Writing, &[Ctrl('s')], "Ctrl-S", Action::Save, "save what you are writing", Some("save")),
    b(Mode::Writing, &[Code(Esc)], "Esc", Action::LeaveText, "stop writing (your words stay)", Some("done writing")),
    b(Mode::Writing, &[Ctrl('c')], "Ctrl-C", Action::Quit, "close kindly (your words are kept as a draft)", None),
    b(Mode::Writing, &[Ctrl('g')], "Ctrl-G", Action::OwnEditor, "write this in your own editor ($VISUAL or $EDITOR)", None),
    // The help overlay.
    b(Mode::Help, &[Char('?'), Code(Esc)], "? / Esc", Action::ToggleHelp, "close this help", Some("close")),
    b(Mode::Help, &[Code(Up), Char('k')], "↑ / k", Action::HelpUp, "scroll up", Some("scroll")),
    b(Mode::Help, &[Code(Down), Char('j')], "↓ / j", Action::HelpDown, "scroll down", None),
    // The check-in form.
    b(Mode::Form, &[Digit], "1–9, 0", Action::SetMood(0), "set the mood (0 means 10)", Some("mood")),
    b(Mode::Form, &[Code(Enter), Char('i')], "Enter / i", Action::Activate, "write in the note (on the note field)", Some("write")),
    b(Mode::Form, &[Char(' ')], "Space", Action::Toggle, "pick or unpick the choice under the cursor", Some("pick")),
    b(Mode::Form, &[Code(Down), Char('j')], "↓ / j", Action::FocusNext, "next field (past the note: earlier check-ins)", None),
    b(Mode::Form, &[Code(Left), Char('h')], "← / h", Action::Left, "lower a scale, or move left among choices", None),
    b(Mode::Form, &[Code(Right), Char('l')], "→ / l", Action::Right, "raise a scale, or move right among choices", Some("adjust")),
    b(Mode::Form, &[Code(Up), Char('k')], "↑ / k", Action::FocusPrev, "previous field", Some("field")),
    b(Mode::Form, &[Code(Backspace), Code(Delete), Char('x')], "Del / x", Action::ClearField, "clear this field", None),
    b(Mode::Form, &[Ctrl('s')], "Ctrl-S", Action::Save, "save the check-in", Some("save")),
    b(Mode::Form, &[Ctrl('g')], "Ctrl-G", Action::OwnEditor, "write the note in your own editor ($VISUAL or $EDITOR)", None),
    b(Mode::Form, &[Code(Esc)], "Esc", Action::CancelEdit, "stop editing a saved check-in, leaving it as it was", None),
    b(Mode::Form, &[Char('['), Char(']')], "[ / ]", Action::EarlierDay, "look at earlier or later check-ins", None),
    b(Mode::Form, &[Char('b')], "b", Action::StartBreak, "take a one-minute self-compassion break", Some("break")),
    b(Mode::Form, &[Char('@')], "@", Action::SetWhen, "set when this check-in was: an earlier moment, or move it", None),
    b(Mode::Form, &[Char('X')], "X", Action::Discard, "let the form's unsaved words go (to the trash; asks first)", None),
    b(Mode::CriticList, &[Char('X')], "X", Action::Discard, "let the record waiting go (to the trash; asks first)", None),
    b(Mode::JournalList, &[Char('X')], "X", Action::Discard, "let the unsaved page waiting go (to the trash; asks first)", None),
    b(Mode::JournalPage, &[Char('X')], "X", Action::Discard, "let this page's unsaved words go (to the trash; asks first)", None),
    b(Mode::Form, &[Char('+')], "+", Action::AddChoice, "on Emotions or Rituals: add your own (kept in the journal)", None),
    b(Mode::AddChoice, &[Code(Enter)], "Enter", Action::Activate, "add it to the row, picked", Some("add")),
    b(Mode::AddChoice, &[Code(Esc)], "Esc", Action::LeaveText, "leave it unadded", Some("leave")),
    b(Mode::AddChoice, &[Ctrl('c')], "Ctrl-C", Action::Quit, "close kindly (the form is kept as a draft)", None),
    b(Mode::When, &[Code(Enter)], "Enter", Action::Activate, "set it: HH:MM, yesterday 21:00, or 2026-11-29 08:30", Some("set")),
    b(Mode::When, &[Code(Esc)], "Esc", Action::LeaveText, "leave the time as it was", Some("leave")),
    b(Mode::When, &[Ctrl('c')], "Ctrl-C", Action::Quit, "close kindly (the form is kept as a draft)", None),
    b(Mode::Form, &[Char('o')], "o", Action::OpenOffer, "read the letter kindly is offering, when there is one", None),
    b(Mode::Form, &[Char('O')], "O", Action::DismissOffer, "let the offered letter rest for today", None),
    // The list of check-ins beside the form.
    b(Mode::History, &[Code(Down), Char('j')], "↓ / j", Action::FocusNext, "next check-in", None),
    b(Mode::History, &[Code(Up), Char('k')], "↑ / k", Action::FocusPrev, "previous check-in (from the top: back to the form)", Some("move")),
    b(Mode::History, &[Code(Left), Char('h'), Char('[')], "← / h / [", Action::EarlierDay, "an earlier day", Some("day")),
    b(Mode::History, &[Code(Right), Char('l'), Char(']')], "→ / l / ]", Action::LaterDay, "a later day", None),
    b(Mode::History, &[Code(Enter), Char('e')], "Enter / e", Action::EditSelected, "edit this check-in (in the trash: bring it back)", Some("edit")),
    b(Mode::History, &[Char('d'), Code(Delete)], "d / Del", Action::TrashSelected, "move this check-in to the trash", Some("trash")),
    b(Mode::History, &[Char('u')], "u", Action::UndoTrash, "bring back the last check-in you trashed", None),
    b(Mode::History, &[Char('t')], "t", Action::ToggleTrash, "show or hide the trash", Some("trash list")),
    b(Mode::History, &[Code(Esc)], "Esc", Action::BackToForm, "back to the form", None),
    b(Mode::History, &[Digit], "1–9, 0", Action::SetMood(0), "start a check-in for the day shown, with this mood", None),
    b(Mode::History, &[Char('@')], "@", Action::SetWhen, "set the day and time of the form's check-in", None),
    b(Mode::History, &[Ctrl('s')], "Ctrl-S", Action::Save, "save the form", None),
    b(Mode::History, &[Char('b')], "b", Action::StartBreak, "take a one-minute self-compassion break", None),
    b(Mode::History, &[Char('o')], "o", Action::OpenOffer, "read the letter kindly is offering", None),
    b(Mode::History, &[Char('O')], "O", Action::DismissOffer, "let the offered letter rest for today", None),
    // The list of thought records.
    b(Mode::CriticList, &[Char('n')], "n", Action::NewRecord, "catch a thought (or carry on with the one waiting)", Some("new")),
    b(Mode::CriticList, &[Code(Down), Char('j')], "↓ / j", Action::FocusNext, "next record", None),
    b(Mode::CriticList, &[Code(Up), Char('k')], "↑ / k", Action::FocusPrev, "previous record", Some("move")),
    b(Mode::CriticList, &[Code(Enter), Char('e')], "Enter / e", Action::EditSelected, "read this record (in the trash: bring it back)", Some("open")),
    b(Mode::CriticList, &[Char('v')], "v", Action::CycleVoice, "show one voice at a time", Some("voice")),
    b(Mode::CriticList, &[Char('f')], "f", Action::CycleTrap, "show one thinking trap at a time", Some("trap")),
    b(Mode::CriticList, &[Char('r')], "r", Action::CycleSpan, "show a shorter or longer span of time", Some("span")),
    b(Mode::CriticList, &[Char('c')], "c", Action::ClearFilters, "show every record again", None),
    b(Mode::CriticList, &[Char('d'), Code(Delete)], "d / Del", Action::TrashSelected, "move this record to the trash", None),
    b(Mode::CriticList, &[Char('u')], "u", Action::UndoTrash, "bring back the last record you trashed", None),
    b(Mode::CriticList, &[Char('t')], "t", Action::ToggleTrash, "show or hide the trash", None),
    // One record, read in full.
    b(Mode::CriticDetail, &[Code(Esc), Code(Left), Char('h')], "Esc", Action::BackToForm, "back to the list", Some("back")),
    b(Mode::CriticDetail, &[Code(Down), Char('j')], "↓ / j", Action::FocusNext, "scroll down", None),
    b(Mode::CriticDetail, &[Code(Up), Char('k')], "↑ / k", Action::FocusPrev, "scroll up", Some("scroll")),
    b(Mode::CriticDetail, &[Char('e'), Code(Enter)], "e / Enter", Action::EditSelected, "change this record", Some("edit")),
    b(Mode::CriticDetail, &[Char('d'), Code(Delete)], "d / Del", Action::TrashSelected, "move it to the trash", Some("trash")),
    // The voice step offers voices heard before.
    b(Mode::Voice, &[Code(Down)], "↓", Action::SuggestNext, "offer a voice you named before", Some("voices")),
    b(Mode::Voice, &[Code(Up)], "↑", Action::SuggestPrev, "the previous voice", None),
    // The reframe step offers the earlier answer when this thought has come before.
    b(Mode::Reframe, &[Ctrl('o')], "Ctrl-O", Action::UseEarlier, "start from your earlier answer to this thought", Some("earlier answer")),
    // Text steps of the flow: the editor has every other key.
    b(Mode::FlowText, &[Code(Enter)], "Enter", Action::NextStep, "on to the next step", Some("next")),
    b(Mode::FlowText, &[Code(Esc)], "Esc", Action::PrevStep, "back a step, losing nothing (from step 1: set it aside)", Some("back")),
    b(Mode::FlowText, &[Ctrl('s')], "Ctrl-S", Action::Save, "save the record as it is", Some("save")),
    b(Mode::FlowText, &[Ctrl('c')], "Ctrl-C", Action::Quit, "close kindly (the record is kept as a draft)", None),
    b(Mode::FlowText, &[Ctrl('g')], "Ctrl-G", Action::OwnEditor, "write this step in your own editor ($VISUAL or $EDITOR)", None),
    // Steps of ratings and choices.
    b(Mode::FlowPick, &[Code(Enter)], "Enter", Action::NextStep, "on to the next step (at the end: save)", Some("next")),
    b(Mode::FlowPick, &[Code(Esc)], "Esc", Action::PrevStep, "back a step (nothing is lost)", Some("back")),
    b(Mode::FlowPick, &[Code(Down), Char('j')], "↓ / j", Action::FocusNext, "next row", None),
    b(Mode::FlowPick, &[Code(Up), Char('k')], "↑ / k", Action::FocusPrev, "previous row", Some("row")),
    b(Mode::FlowPick, &[Code(Left), Char('h')], "← / h", Action::Left, "ten less, or move left among feelings", None),
    b(Mode::FlowPick, &[Code(Right), Char('l')], "→ / l", Action::Right, "ten more, or move right among feelings", Some("rate")),
    b(Mode::FlowPick, &[Digit], "1–9, 0", Action::SetPercent(0), "set the rating: 1 is 10%, 9 is 90%, 0 is 100%", None),
    b(Mode::FlowPick, &[Char(' ')], "Space", Action::Toggle, "pick or unpick (a feeling, a trap)", Some("pick")),
    b(Mode::FlowPick, &[Ctrl('s')], "Ctrl-S", Action::Save, "save the record as it is", Some("save")),
    // The journal list.
    b(Mode::JournalList, &[Char('n')], "n", Action::NewRecord, "write a journal page (or carry on with the one waiting)", Some("page")),
    b(Mode::JournalList, &[Char('l')], "l", Action::NewLetter, "write a letter to yourself", Some("letter")),
    b(Mode::JournalList, &[Code(Down), Char('j')], "↓ / j", Action::FocusNext, "next entry", None),
    b(Mode::JournalList, &[Code(Up), Char('k')], "↑ / k", Action::FocusPrev, "previous entry", Some("move")),
    b(Mode::JournalList, &[Code(Enter), Char('e')], "Enter / e", Action::EditSelected, "open this entry (in the trash: bring it back)", Some("open")),
    b(Mode::JournalList, &[Char('d'), Code(Delete)], "d / Del", Action::TrashSelected, "move this entry to the trash", None),
    b(Mode::JournalList, &[Char('u')], "u", Action::UndoTrash, "bring back the last entry you trashed", None),
    b(Mode::JournalList, &[Char('t')], "t", Action::ToggleTrash, "show or hide the trash", None),
    b(Mode::JournalList, &[Char('x')], "x", Action::RemoveKind, "take the kind line shown out of your deck", None),
    // Choosing a letter's starting point.
    b(Mode::LetterPrompts, &[Code(Down), Char('j')], "↓ / j", Action::FocusNext, "next starting point", None),
    b(Mode::LetterPrompts, &[Code(Up), Char('k')], "↑ / k", Action::FocusPrev, "previous starting point", Some("move")),
    b(Mode::LetterPrompts, &[Code(Enter), Char('l')], "Enter", Action::EditSelected, "start the letter from this one", Some("start")),
    b(Mode::LetterPrompts, &[Code(Esc)], "Esc", Action::BackToForm, "back to the list", Some("back")),
    // An open page, not typing.
    b(Mode::JournalPage, &[Code(Enter), Char('i')], "Enter / i", Action::Activate, "write in this field", Some("write")),
    b(Mode::JournalPage, &[Code(Down), Char('j')], "↓ / j", Action::FocusNext, "next field (title, tags, page)", None),
    b(Mode::JournalPage, &[Code(Up), Char('k')], "↑ / k", Action::FocusPrev, "previous field", Some("field")),
    b(Mode::JournalPage, &[Ctrl('s')], "Ctrl-S", Action::Save, "save the entry", Some("save")),
    b(Mode::JournalPage, &[Ctrl('g')], "Ctrl-G", Action::OwnEditor, "write the page in your own editor ($VISUAL or $EDITOR)", Some("own editor")),
    b(Mode::JournalPage, &[Code(Esc)], "Esc", Action::BackToForm, "back to the list (unsaved words are kept)", Some("back")),
    b(Mode::JournalPage, &[Char('e')], "e", Action::EditSelected, "change a page opened to read (a letter offered on a low day)", Some("edit")),
    b(Mode::JournalPage, &[Char('K')], "K", Action::KeepLine, "keep this line, to its line break, for your deck (✓)", Some("keep line")),
    // The self-compassion break.
    b(Mode::BreakMood, &[Digit], "1–9, 0", Action::SetMood(0), "how you are (0 means 10)", Some("mood")),
    b(Mode::BreakMood, &[Code(Left), Char('h')], "← / h", Action::Left, "a little lower", None),
    b(Mode::BreakMood, &[Code(Right), Char('l')], "→ / l", Action::Right, "a little higher", None),
    b(Mode::BreakMood, &[Code(Enter)], "Enter", Action::NextStep, "on to the next step (at the end: save)", Some("next")),
    b(Mode::BreakMood, &[Code(Esc)], "Esc", Action::PrevStep, "back a step (from the start: leave the break)", Some("back")),
    b(Mode::BreakMood, &[Ctrl('s')], "Ctrl-S", Action::Save, "save the break as it is", None),
    b(Mode::BreakText, &[Code(Enter)], "Enter", Action::NextStep, "on to the next step", Some("next")),
    b(Mode::BreakText, &[Code(Esc)], "Esc", Action::PrevStep, "back a step, losing nothing", Some("back")),
    b(Mode::BreakText, &[Ctrl('s')], "Ctrl-S", Action::Save, "save the break as it is", Some("save")),
    b(Mode::BreakText, &[Ctrl('c')], "Ctrl-C", Action::Quit, "close kindly", None),
    // Trends.
    b(Mode::Trends, &[Code(Right), Char('l')], "→ / l", Action::Right, "the next view (six, from mood to emotions)", Some("view")),
    b(Mode::Trends, &[Code(Left), Char('h')], "← / h", Action::Left, "the previous view", None),
    b(Mode::Trends, &[Char('+'), Char('='), Char(']')], "+ / ]", Action::LongerSpan, "look over more weeks (up to all time)", Some("longer")),
    b(Mode::Trends, &[Char('-'), Char('[')], "- / [", Action::ShorterSpan, "look over fewer weeks", Some("shorter")),
    b(Mode::Trends, &[Code(Down), Char('j')], "↓ / j", Action::FocusNext, "scroll down (on the calendar: the next day)", None),
    b(Mode::Trends, &[Code(Up), Char('k')], "↑ / k", Action::FocusPrev, "scroll up (on the calendar: the day before)", None),
    b(Mode::Trends, &[Code(KeyCode::PageDown)], "PgDn", Action::PageDown, "scroll down a page", None),
    b(Mode::Trends, &[Code(KeyCode::PageUp)], "PgUp", Action::PageUp, "scroll up a page", None),
    b(Mode::Trends, &[Code(Enter)], "Enter", Action::EditSelected, "on the calendar: open that day's check-ins", None),
    // Search.
    b(Mode::Search, &[Code(Enter)], "Enter", Action::EditSelected, "open the record in its pane", Some("open")),
    b(Mode::Search, &[Code(Down)], "↓", Action::FocusNext, "next result", None),
    b(Mode::Search, &[Code(Up)], "↑", Action::FocusPrev, "previous result", Some("move")),
    b(Mode::Search, &[Code(Esc)], "Esc", Action::BackToForm, "close search", Some("close")),
    b(Mode::Search, &[Ctrl('c')], "Ctrl-C", Action::Quit, "close kindly", None),
    // Bringing things to the next session, from any record or form.
    b(Mode::History, &[Char('B')], "B", Action::BringUp, "bring it to your next session (again: take it out)", None),
    b(Mode::Form, &[Char('B')], "B", Action::BringUp, "bring it to your next session, once saved", None),
    b(Mode::CriticList, &[Char('B')], "B", Action::BringUp, "bring it to your next session (again: take it out)", None),
    b(Mode::CriticDetail, &[Char('B')], "B", Action::BringUp, "bring it to your next session (again: take it out)", Some("session")),
    b(Mode::FlowPick, &[Char('B')], "B", Action::BringUp, "bring it to your next session, once saved", None),
    b(Mode::FlowText, &[Ctrl('b')], "Ctrl-B", Action::BringUp, "bring it to your next session, once saved", None),
    b(Mode::JournalList, &[Char('B')], "B", Action::BringUp, "bring it to your next session (again: take it out)", None),
    b(Mode::JournalPage, &[Char('B')], "B", Action::BringUp, "bring it to your next session, once saved", None),
    b(Mode::Writing, &[Ctrl('b')], "Ctrl-B", Action::BringUp, "bring it to your next session, once saved", None),
    b(Mode::BreakMood, &[Char('B')], "B", Action::BringUp, "bring it to your next session, once saved", None),
    b(Mode::BreakText, &[Ctrl('b')], "Ctrl-B", Action::BringUp, "bring it to your next session, once saved", None),
    // The list of what to bring to the next session.
    b(Mode::Session, &[Code(Down), Char('j')], "↓ / j", Action::FocusNext, "next item", None),
    b(Mode::Session, &[Code(Up), Char('k')], "↑ / k", Action::FocusPrev, "previous item", Some("move")),
    b(Mode::Session, &[Code(Enter), Char('e')], "Enter / e", Action::EditSelected, "open the record it is on", Some("open")),
    b(Mode::Session, &[Char('a')], "a", Action::NewRecord, "add a thing to remember, on no record", Some("add")),
    b(Mode::Session, &[Char('x')], "x", Action::TalkedAbout, "talked about: kept and dated, out of the list", Some("talked about")),
    b(Mode::Session, &[Char('D')], "D", Action::AllTalkedAbout, "after the session: all talked about", None),
    b(Mode::Session, &[Char('d'), Code(Delete)], "d / Del", Action::TrashSelected, "take it out of the list (the record stays)", None),
    b(Mode::Session, &[Code(Esc), Char('N')], "Esc / N", Action::BackToForm, "close (what's left keeps for next time)", Some("close")),
    b(Mode::SessionNote, &[Code(Enter)], "Enter", Action::Save, "add it to the list", Some("add")),
    b(Mode::SessionNote, &[Code(Esc)], "Esc", Action::BackToForm, "leave it unwritten", Some("cancel")),
    // Anywhere no text is being edited.
    b(Mode::Global, &[Char('N')], "N", Action::OpenSession, "what to bring to your next session", None),
    b(Mode::Global, &[Code(Tab)], "Tab", Action::NextPane, "next pane", None),
    b(Mode::Global, &[Code(BackTab)], "Shift-Tab", Action::PrevPane, "previous pane", None),
    b(Mode::Global, &[Char('/')], "/", Action::OpenSearch, "search everything you've written", None),
    b(Mode::Global, &[Char('?')], "?", Action::ToggleHelp, "show or hide this help", Some("help")),
    b(Mode::Global, &[Char('q'), Ctrl('c')], "q", Action::Quit, "close kindly (unsaved work is kept as a draft)", Some("quit")),
];

/// The modes whose bindings apply, most specific first.
pub fn modes_for(focus: Mode) -> &'static [Mode] {
    match focus {
        Mode::Writing => &[Mode::Writing],
        Mode::Help => &[Mode::Help, Mode::Global],
        Mode::Form => &[Mode::Form, Mode::Global],
        Mode::History => &[Mode::History, Mode::Global],
        Mode::Global => &[Mode::Global],
        Mode::CriticList => &[Mode::CriticList, Mode::Global],
        Mode::CriticDetail => &[Mode::CriticDetail, Mode::Global],
        Mode::FlowText => &[Mode::FlowText],
        Mode::Voice => &[Mode::Voice, Mode::FlowText],
        Mode::Reframe => &[Mode::Reframe, Mode::FlowText],
        Mode::FlowPick => &[Mode::FlowPick, Mode::Global],
        Mode::JournalList => &[Mode::JournalList, Mode::Global],
        Mode::JournalPage => &[Mode::JournalPage, Mode::Global],
        Mode::LetterPrompts => &[Mode::LetterPrompts, Mode::Global],
        Mode::BreakMood => &[Mode::BreakMood, Mode::Global],
        Mode::BreakText => &[Mode::BreakText],
        Mode::Search => &[Mode::Search],
        Mode::Session => &[Mode::Session, Mode::Global],
        Mode::SessionNote => &[Mode::SessionNote],
        Mode::When => &[Mode::When],
        Mode::AddChoice => &[Mode::AddChoice],
        Mode::Trends => &[Mode::Trends, Mode::Global],
    }
}
