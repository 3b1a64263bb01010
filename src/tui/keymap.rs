//! (mode, key) → action. The same table answers key presses and writes help and the footer.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

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
    /// A step of the flow made of ratings or choices.
    FlowPick,
    /// The list of journal entries and letters.
    JournalList,
    /// An entry open in the editor, not typing.
    JournalPage,
    /// The break's mood steps.
    BreakMood,
    /// The break's three written steps.
    BreakText,
    /// The search box is open.
    Search,
    /// The Trends pane.
    Trends,
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
            Mode::FlowPick => "Rating and choosing",
            Mode::JournalList => "Journal and letters",
            Mode::JournalPage => "An open page",
            Mode::BreakMood => "Self-compassion break: mood",
            Mode::BreakText => "Self-compassion break: the three steps",
            Mode::Search => "Search",
            Mode::Trends => "Trends",
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
    fn matches(self, ev: &KeyEvent) -> bool {
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
    b(Mode::Writing, &[Ctrl('s')], "Ctrl-S", Action::Save, "save the check-in", Some("save")),
    b(Mode::Writing, &[Code(Esc)], "Esc", Action::LeaveText, "stop writing (your words stay)", Some("done writing")),
    b(Mode::Writing, &[Ctrl('c')], "Ctrl-C", Action::Quit, "close kindly (your words are kept as a draft)", None),
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
    b(Mode::Form, &[Code(Esc)], "Esc", Action::CancelEdit, "stop editing a saved check-in, leaving it as it was", None),
    b(Mode::Form, &[Char('['), Char(']')], "[ / ]", Action::EarlierDay, "look at earlier or later check-ins", None),
    b(Mode::Form, &[Char('b')], "b", Action::StartBreak, "take a one-minute self-compassion break", Some("break")),
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
    b(Mode::History, &[Digit], "1–9, 0", Action::SetMood(0), "set the form's mood", None),
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
    // Text steps of the flow: the editor has every other key.
    b(Mode::FlowText, &[Code(Enter)], "Enter", Action::NextStep, "on to the next step", Some("next")),
    b(Mode::FlowText, &[Code(Esc)], "Esc", Action::PrevStep, "back a step, losing nothing (from step 1: set it aside)", Some("back")),
    b(Mode::FlowText, &[Ctrl('s')], "Ctrl-S", Action::Save, "save the record as it is", Some("save")),
    b(Mode::FlowText, &[Ctrl('c')], "Ctrl-C", Action::Quit, "close kindly (the record is kept as a draft)", None),
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
    // An open page, not typing.
    b(Mode::JournalPage, &[Code(Enter), Char('i')], "Enter / i", Action::Activate, "write in this field", Some("write")),
    b(Mode::JournalPage, &[Code(Down), Char('j')], "↓ / j", Action::FocusNext, "next field (title, tags, page)", None),
    b(Mode::JournalPage, &[Code(Up), Char('k')], "↑ / k", Action::FocusPrev, "previous field", Some("field")),
    b(Mode::JournalPage, &[Ctrl('s')], "Ctrl-S", Action::Save, "save the entry", Some("save")),
    b(Mode::JournalPage, &[Code(Esc)], "Esc", Action::BackToForm, "back to the list (unsaved words are kept)", Some("back")),
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
    b(Mode::Trends, &[Code(Right), Char('l')], "→ / l", Action::Right, "the next view (mood, weeks, calendar, rituals, practice)", Some("view")),
    b(Mode::Trends, &[Code(Left), Char('h')], "← / h", Action::Left, "the previous view", None),
    b(Mode::Trends, &[Char('+'), Char('='), Char(']')], "+ / ]", Action::LongerSpan, "look over more weeks (up to all time)", Some("longer")),
    b(Mode::Trends, &[Char('-'), Char('[')], "- / [", Action::ShorterSpan, "look over fewer weeks", Some("shorter")),
    // Search.
    b(Mode::Search, &[Code(Enter)], "Enter", Action::EditSelected, "open the record in its pane", Some("open")),
    b(Mode::Search, &[Code(Down)], "↓", Action::FocusNext, "next result", None),
    b(Mode::Search, &[Code(Up)], "↑", Action::FocusPrev, "previous result", Some("move")),
    b(Mode::Search, &[Code(Esc)], "Esc", Action::BackToForm, "close search", Some("close")),
    b(Mode::Search, &[Ctrl('c')], "Ctrl-C", Action::Quit, "close kindly", None),
    // Anywhere no text is being edited.
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
        Mode::FlowPick => &[Mode::FlowPick, Mode::Global],
        Mode::JournalList => &[Mode::JournalList, Mode::Global],
        Mode::JournalPage => &[Mode::JournalPage, Mode::Global],
        Mode::BreakMood => &[Mode::BreakMood, Mode::Global],
        Mode::BreakText => &[Mode::BreakText],
        Mode::Search => &[Mode::Search],
        Mode::Trends => &[Mode::Trends, Mode::Global],
    }
}

/// One footer hint: the keys, a word or two, and the action behind them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub what: &'static str,
    pub action: Action,
}

/// One line of help: the keys as the person has them, and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    pub keys: String,
    pub help: &'static str,
}

/// The name an action goes by in the config file's `[keys]` table.
pub fn action_name(action: Action) -> &'static str {
    use Action::*;
    match action {
        Quit => "quit",
        ToggleHelp => "help",
        NextPane => "next_pane",
        PrevPane => "prev_pane",
        Save => "save",
        LeaveText => "stop_writing",
        CancelEdit => "cancel_edit",
        FocusNext => "down",
        FocusPrev => "up",
        Left => "left",
        Right => "right",
        Toggle => "pick",
        Activate => "write",
        ClearField => "clear",
        SetMood(_) => "mood_digits",
        BackToForm => "back",
        EarlierDay => "earlier_day",
        LaterDay => "later_day",
        EditSelected => "open",
        TrashSelected => "trash",
        UndoTrash => "undo_trash",
        ToggleTrash => "show_trash",
        HelpUp => "help_up",
        HelpDown => "help_down",
        NewRecord => "new",
        CycleVoice => "filter_voice",
        CycleTrap => "filter_trap",
        CycleSpan => "filter_span",
        ClearFilters => "clear_filters",
        NextStep => "next_step",
        PrevStep => "prev_step",
        SuggestNext => "next_voice",
        SuggestPrev => "prev_voice",
        SetPercent(_) => "percent_digits",
        NewLetter => "new_letter",
        StartBreak => "break",
        OpenSearch => "search",
        OpenOffer => "read_letter",
        DismissOffer => "rest_letter",
        LongerSpan => "longer",
        ShorterSpan => "shorter",
    }
}

/// Reads a key as written in the config file: `q`, `Q`, `ctrl-s`, `enter`, `f2`, `space`.
pub fn parse_key(text: &str) -> Option<Key> {
    let t = text.trim();
    let lower = t.to_lowercase();
    if let Some(rest) = lower
        .strip_prefix("ctrl-")
        .or_else(|| lower.strip_prefix("c-"))
    {
        let mut chars = rest.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_ascii_alphanumeric() => Some(Ctrl(c)),
            _ => None,
        };
    }
    let code = match lower.as_str() {
        "enter" | "return" => Some(Enter),
        "esc" | "escape" => Some(Esc),
        "tab" => Some(Tab),
        "shift-tab" | "backtab" => Some(BackTab),
        "up" => Some(Up),
        "down" => Some(Down),
        "left" => Some(Left),
        "right" => Some(Right),
        "backspace" => Some(Backspace),
        "delete" | "del" => Some(Delete),
        "space" => return Some(Char(' ')),
        f if f.starts_with('f') && f.len() > 1 => f[1..]
            .parse::<u8>()
            .ok()
            .filter(|n| (1..=12).contains(n))
            .map(KeyCode::F),
        _ => None,
    };
    if let Some(code) = code {
        return Some(Code(code));
    }
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() => Some(Char(c)),
        _ => None,
    }
}

/// How a key is shown in help and the footer.
pub fn show_key(key: Key) -> String {
    match key {
        Char(' ') => "Space".into(),
        Char(c) => c.to_string(),
        Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        Digit => "1–9, 0".into(),
        Code(Enter) => "Enter".into(),
        Code(Esc) => "Esc".into(),
        Code(Tab) => "Tab".into(),
        Code(BackTab) => "Shift-Tab".into(),
        Code(Up) => "↑".into(),
        Code(Down) => "↓".into(),
        Code(Left) => "←".into(),
        Code(Right) => "→".into(),
        Code(Backspace) => "Backspace".into(),
        Code(Delete) => "Del".into(),
        Code(KeyCode::F(n)) => format!("F{n}"),
        Code(other) => format!("{other:?}"),
    }
}

/// The bindings in force: the defaults, with any the person rebound in their config.
#[derive(Debug, Clone)]
pub struct Keymap {
    entries: Vec<(&'static Binding, Option<Vec<Key>>)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self {
            entries: BINDINGS.iter().map(|b| (b, None)).collect(),
        }
    }
}

/// A `[keys]` entry kindly can't use, named so the config error can point at its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    pub action: String,
    pub message: String,
}

impl Keymap {
    /// The defaults with `overrides` (action name → keys) applied. Unknown names, keys
    /// that can't be read, and two actions sharing a key in one place are refused.
    pub fn with(overrides: &[(String, Vec<String>)]) -> Result<Self, KeymapError> {
        let mut map = Keymap::default();
        for (name, keys) in overrides {
            let fail = |message: String| KeymapError {
                action: name.clone(),
                message,
            };
            if name.ends_with("_digits") {
                return Err(fail("the number keys can't be rebound".into()));
            }
            if !BINDINGS.iter().any(|b| action_name(b.action) == name) {
                let mut known: Vec<&str> = BINDINGS
                    .iter()
                    .map(|b| action_name(b.action))
                    .filter(|n| !n.ends_with("_digits"))
                    .collect();
                known.sort();
                known.dedup();
                return Err(fail(format!(
                    "'{name}' isn't an action kindly knows; known actions: {}",
                    known.join(", ")
                )));
            }
            if keys.is_empty() {
                return Err(fail("needs at least one key".into()));
            }
            let parsed = keys
                .iter()
                .map(|k| {
                    parse_key(k).ok_or_else(|| {
                        fail(format!(
                            "'{k}' isn't a key kindly can read (try q, ctrl-s, enter, f2, space)"
                        ))
                    })
                })
                .collect::<Result<Vec<Key>, _>>()?;
            for entry in map
                .entries
                .iter_mut()
                .filter(|(b, _)| action_name(b.action) == name)
            {
                entry.1 = Some(parsed.clone());
            }
        }
        // Two actions answering one key where that key is live is a conflict. Only a
        // rebinding is checked: in the defaults a specific mode may deliberately take a key
        // from Global (and `no_key_is_bound_twice_in_one_mode` guards the rest).
        let all_modes: Vec<Mode> = map.entries.iter().map(|(b, _)| b.mode).collect();
        for focus in all_modes {
            let live: Vec<&(&'static Binding, Option<Vec<Key>>)> = modes_for(focus)
                .iter()
                .flat_map(|m| map.in_mode(*m))
                .collect();
            for (i, (a, a_over)) in live.iter().enumerate() {
                for (b, b_over) in &live[i + 1..] {
                    if a.action == b.action || (a_over.is_none() && b_over.is_none()) {
                        continue;
                    }
                    let shared = map
                        .keys_of(a)
                        .into_iter()
                        .find(|k| map.keys_of(b).contains(k));
                    if let Some(k) = shared {
                        let rebound = if a_over.is_some() { a.action } else { b.action };
                        return Err(KeymapError {
                            action: action_name(rebound).to_string(),
                            message: format!(
                                "{} is bound to both '{}' and '{}' in {}",
                                show_key(k),
                                action_name(a.action),
                                action_name(b.action),
                                focus.title()
                            ),
                        });
                    }
                }
            }
        }
        Ok(map)
    }

    fn keys_of(&self, b: &Binding) -> Vec<Key> {
        self.entries
            .iter()
            .find(|(x, _)| std::ptr::eq(*x, b))
            .and_then(|(_, k)| k.clone())
            .unwrap_or_else(|| b.keys.to_vec())
    }

    fn in_mode(&self, mode: Mode) -> impl Iterator<Item = &(&'static Binding, Option<Vec<Key>>)> {
        self.entries.iter().filter(move |(b, _)| b.mode == mode)
    }

    /// The action a key asks for in `focus`, if any.
    pub fn action_for(&self, focus: Mode, ev: &KeyEvent) -> Option<Action> {
        modes_for(focus).iter().find_map(|mode| {
            self.in_mode(*mode)
                .find(|(b, over)| {
                    over.as_deref()
                        .unwrap_or(b.keys)
                        .iter()
                        .any(|k| k.matches(ev))
                })
                .map(|(b, over)| match (b.action, ev.code) {
                    (Action::SetMood(_), KeyCode::Char(c)) => {
                        let d = c.to_digit(10).unwrap_or(0) as u8;
                        Action::SetMood(if d == 0 { 10 } else { d })
                    }
                    (Action::SetPercent(_), KeyCode::Char(c)) => {
                        let d = c.to_digit(10).unwrap_or(0) as u8;
                        Action::SetPercent(if d == 0 { 100 } else { d * 10 })
                    }
                    (Action::EarlierDay, KeyCode::Char(']')) if over.is_none() => Action::LaterDay,
                    (a, _) => a,
                })
        })
    }

    /// Footer hints for `focus`, in table order, showing the person's own keys.
    pub fn footer(&self, focus: Mode) -> Vec<Hint> {
        modes_for(focus)
            .iter()
            .flat_map(|mode| self.in_mode(*mode))
            .filter_map(|(b, over)| {
                b.footer.map(|what| Hint {
                    keys: match over {
                        Some(keys) => keys.first().map(|k| show_key(*k)).unwrap_or_default(),
                        None => short_label(b).to_string(),
                    },
                    what,
                    action: b.action,
                })
            })
            .collect()
    }

    /// The sections of help for a pane: every binding a person can use there.
    pub fn help_sections(&self, modes: &[Mode]) -> Vec<(Mode, Vec<HelpLine>)> {
        modes
            .iter()
            .map(|m| {
                let lines = self
                    .in_mode(*m)
                    .map(|(b, over)| HelpLine {
                        keys: match over {
                            Some(keys) => keys
                                .iter()
                                .map(|k| show_key(*k))
                                .collect::<Vec<_>>()
                                .join(" / "),
                            None => b.label.to_string(),
                        },
                        help: b.help,
                    })
                    .collect();
                (*m, lines)
            })
            .collect()
    }
}

fn short_label(b: &Binding) -> &'static str {
    match b.action {
        Action::FocusPrev | Action::FocusNext => "↑↓",
        Action::Left | Action::Right => "←→",
        Action::EarlierDay | Action::LaterDay => "←→",
        Action::HelpUp | Action::HelpDown => "↑↓",
        Action::ToggleHelp if b.mode == Mode::Help => "Esc",
        Action::EditSelected if b.mode == Mode::CriticDetail => "e",
        Action::SetMood(_) => "1–0",
        Action::SetPercent(_) => "1–0",
        Action::SuggestNext | Action::SuggestPrev => "↑↓",
        Action::NewRecord => "n",
        Action::StartBreak => "b",
        Action::LongerSpan => "+",
        Action::ShorterSpan => "-",
        Action::NextStep => "Enter",
        Action::PrevStep | Action::BackToForm => "Esc",
        Action::Activate => "Enter",
        Action::EditSelected => "Enter",
        Action::TrashSelected => "d",
        Action::LeaveText => "Esc",
        Action::Save => "^S",
        _ => b.label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn action_for(mode: Mode, ev: &KeyEvent) -> Option<Action> {
        Keymap::default().action_for(mode, ev)
    }

    #[test]
    fn a_rebound_key_works_and_the_old_one_does_not() {
        let map = Keymap::with(&[("save".into(), vec!["f2".into()])]).unwrap();
        let f2 = KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE);
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(map.action_for(Mode::Form, &f2), Some(Action::Save));
        assert_eq!(map.action_for(Mode::Writing, &f2), Some(Action::Save));
        assert_eq!(map.action_for(Mode::Form, &ctrl_s), None);
        let help = map.help_sections(&[Mode::Form]);
        assert!(
            help[0]
                .1
                .iter()
                .any(|l| l.keys == "F2" && l.help == "save the check-in")
        );
        assert!(
            map.footer(Mode::Form)
                .iter()
                .any(|h| h.keys == "F2" && h.what == "save")
        );
    }

    #[test]
    fn conflicts_and_unknown_names_are_refused() {
        let err = Keymap::with(&[("save".into(), vec!["q".into()])]).unwrap_err();
        assert_eq!(err.action, "save");
        assert!(
            err.message.contains("q is bound to both"),
            "{}",
            err.message
        );
        let err = Keymap::with(&[("sav".into(), vec!["f2".into()])]).unwrap_err();
        assert!(
            err.message.contains("'sav' isn't an action"),
            "{}",
            err.message
        );
        assert!(Keymap::with(&[("save".into(), vec!["hyper-x".into()])]).is_err());
        assert!(Keymap::with(&[("mood_digits".into(), vec!["m".into()])]).is_err());
    }

    #[test]
    fn keys_read_as_people_write_them() {
        assert_eq!(parse_key("ctrl-s"), Some(Ctrl('s')));
        assert_eq!(parse_key("Enter"), Some(Code(KeyCode::Enter)));
        assert_eq!(parse_key("F12"), Some(Code(KeyCode::F(12))));
        assert_eq!(parse_key("Q"), Some(Char('Q')));
        assert_eq!(parse_key("space"), Some(Char(' ')));
        assert_eq!(parse_key("f13"), None);
    }

    #[test]
    fn digits_set_mood_with_zero_as_ten() {
        assert_eq!(
            action_for(Mode::Form, &key(KeyCode::Char('7'))),
            Some(Action::SetMood(7))
        );
        assert_eq!(
            action_for(Mode::Form, &key(KeyCode::Char('0'))),
            Some(Action::SetMood(10))
        );
        assert_eq!(action_for(Mode::Writing, &key(KeyCode::Char('7'))), None);
    }

    #[test]
    fn q_quits_only_when_not_writing() {
        assert_eq!(
            action_for(Mode::Form, &key(KeyCode::Char('q'))),
            Some(Action::Quit)
        );
        assert_eq!(action_for(Mode::Writing, &key(KeyCode::Char('q'))), None);
    }

    #[test]
    fn ctrl_s_saves_everywhere_a_form_is() {
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        for mode in [
            Mode::Form,
            Mode::History,
            Mode::Writing,
            Mode::FlowText,
            Mode::JournalPage,
        ] {
            assert_eq!(action_for(mode, &ctrl_s), Some(Action::Save), "{mode:?}");
        }
    }

    #[test]
    fn every_binding_has_help_text() {
        assert!(
            BINDINGS
                .iter()
                .all(|b| !b.help.is_empty() && !b.label.is_empty())
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for other in &BINDINGS[i + 1..] {
                if a.mode == other.mode {
                    assert!(
                        !a.keys.iter().any(|k| other.keys.contains(k)),
                        "{} and {} share a key in {:?}",
                        a.label,
                        other.label,
                        a.mode
                    );
                }
            }
        }
    }
}
