//! What a letter typed where no text field is open says, so typed words never vanish
//! unexplained: the check-in pane takes them into its note, everywhere else a line says
//! how to write there.

use super::keymap::Mode;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The character a plain key press types, if it types one worth answering (a space or a
/// key held with Ctrl or Alt is not).
pub fn typed_char(key: &KeyEvent) -> Option<char> {
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return None;
    }
    match key.code {
        KeyCode::Char(c) if !c.is_whitespace() && !c.is_control() => Some(c),
        _ => None,
    }
}

/// How to write where the focus is, for a letter typed there that no key answers.
pub fn how_to_write(mode: Mode) -> Option<&'static str> {
    Some(match mode {
        Mode::Form | Mode::History => "To write, press Enter on the note.",
        Mode::BreakMood => {
            "This step takes a number for how you are (0 is 10). Esc leaves the break."
        }
        Mode::CriticList => "To write down a thought, press n.",
        Mode::CriticDetail => "To change this record, press e. Esc goes back to the list.",
        Mode::FlowPick => "This step is for ratings and choices: Enter goes on, Esc goes back.",
        Mode::JournalList => "To write, press n for a page or l for a letter.",
        Mode::JournalPage => "To write here, press Enter. ↑↓ move between title, tags and page.",
        Mode::LetterPrompts => "Choose where the letter starts (↑↓, Enter), then write.",
        Mode::Trends => "Trends is for looking: ←→ another view, + and - more or fewer weeks.",
        Mode::Session => "a adds a thing to remember; Esc closes this list.",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_printable_keys_count_as_typing() {
        let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
        assert_eq!(typed_char(&plain(KeyCode::Char('a'))), Some('a'));
        assert_eq!(typed_char(&plain(KeyCode::Char('.'))), Some('.'));
        assert_eq!(typed_char(&plain(KeyCode::Char(' '))), None);
        assert_eq!(typed_char(&plain(KeyCode::Enter)), None);
        let ctrl = KeyEvent::new(KeyCode::Char('a'), KeyModifiers::CONTROL);
        assert_eq!(typed_char(&ctrl), None);
    }

    #[test]
    fn every_pane_without_a_text_field_says_how_to_write() {
        for mode in [
            Mode::Form,
            Mode::History,
            Mode::BreakMood,
            Mode::CriticList,
            Mode::CriticDetail,
            Mode::FlowPick,
            Mode::JournalList,
            Mode::JournalPage,
            Mode::LetterPrompts,
            Mode::Trends,
            Mode::Session,
        ] {
            assert!(how_to_write(mode).is_some(), "{mode:?}");
        }
        assert_eq!(how_to_write(Mode::Writing), None);
    }
}
