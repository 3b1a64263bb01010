//! How actions and keys are written in the config file's `[keys]` table and shown in help.

use ratatui::crossterm::event::KeyCode;

use super::table::Key;
use crate::tui::action::Action;
use Key::{Char, Code, Ctrl, Digit};
use KeyCode::{BackTab, Backspace, Delete, Down, Enter, Esc, Left, Right, Tab, Up};

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
        BringUp => "bring_to_session",
        OpenSession => "next_session",
        TalkedAbout => "talked_about",
        AllTalkedAbout => "all_talked_about",
        UseEarlier => "use_earlier_answer",
        KeepLine => "keep_line",
        RemoveKind => "remove_kind_line",
        OwnEditor => "own_editor",
        SetWhen => "set_when",
        AddChoice => "add_choice",
        Discard => "let_go",
        PageDown => "page_down",
        PageUp => "page_up",
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
        "pageup" | "pgup" => Some(KeyCode::PageUp),
        "pagedown" | "pgdn" => Some(KeyCode::PageDown),
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
        Code(KeyCode::PageUp) => "PgUp".into(),
        Code(KeyCode::PageDown) => "PgDn".into(),
        Code(other) => format!("{other:?}"),
    }
}
