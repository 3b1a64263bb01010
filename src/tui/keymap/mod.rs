//! (mode, key) → action. The same table answers key presses and writes help and the footer.

mod names;
mod table;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
pub use names::{action_name, parse_key, show_key};
pub use table::{BINDINGS, Binding, Key, Mode, modes_for};

/// The keys the text editor itself knows (not rebindable), for help and the manual.
pub const EDITOR_KEYS: &[(&str, &str)] = &[
    ("Ctrl-A/E", "to the start / end of the line"),
    ("Ctrl-W", "delete the word before the cursor"),
    ("Ctrl-K", "delete to the end of the line"),
    ("Ctrl-U/R", "undo / redo"),
    (
        "Ctrl-X/Y",
        "cut the selection (Shift and the arrows) / put it back",
    ),
];

/// How to copy text with the mouse while kindly has it, for help and the manual.
pub const MOUSE_COPY: &str = "kindly takes clicks and the wheel. To select and copy text, hold \
    Shift while you drag (Option in macOS Terminal, Fn in iTerm2), or set mouse = false in the \
    config to leave the mouse to your terminal.";

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

    /// The key, as the person has it, that asks for `action` in every one of `modes` (so a
    /// way back said on screen works wherever the focus is by then), else the first that
    /// asks for it in the first of them.
    pub fn key_for(&self, action: Action, modes: &[Mode]) -> Option<String> {
        let first = *modes.first()?;
        let keys: Vec<Key> = self
            .in_mode(first)
            .filter(|(b, _)| {
                b.action == action || (b.action == Action::EarlierDay && action == Action::LaterDay)
            })
            .flat_map(|(b, over)| over.clone().unwrap_or_else(|| b.keys.to_vec()))
            .collect();
        let asks = |k: &Key, mode: Mode| {
            let ev = match *k {
                Key::Char(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                Key::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
                Key::Code(code) => KeyEvent::new(code, KeyModifiers::NONE),
                Key::Digit => return false,
            };
            self.action_for(mode, &ev) == Some(action)
        };
        keys.iter()
            .find(|k| modes.iter().all(|m| asks(k, *m)))
            .or_else(|| keys.iter().find(|k| asks(k, first)))
            .map(|k| show_key(*k))
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
        Action::NewRecord if b.mode == Mode::Session => "a",
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
        Action::Save if b.mode == Mode::SessionNote => "Enter",
        Action::Save => "^S",
        _ => b.label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Key::{Char, Code, Ctrl};
    use ratatui::crossterm::event::KeyModifiers;

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
    fn the_key_back_to_a_later_day_is_one_that_works_from_the_list_and_the_form() {
        let both = [Mode::History, Mode::Form];
        assert_eq!(
            Keymap::default()
                .key_for(Action::LaterDay, &both)
                .as_deref(),
            Some("]")
        );
        // Rebound, the person's own key is the one said.
        let map = Keymap::with(&[("later_day".into(), vec!["f5".into()])]).unwrap();
        assert_eq!(map.key_for(Action::LaterDay, &both).as_deref(), Some("F5"));
        assert_eq!(
            Keymap::default()
                .key_for(Action::ToggleTrash, &[Mode::History])
                .as_deref(),
            Some("t")
        );
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
