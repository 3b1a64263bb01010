//! Ctrl-G: the text in focus (a note, a page, a step) handed to the person's own editor,
//! and taken back. The App asks; the event loop gives the editor the terminal, since only
//! the loop holds it.

use super::App;
use crate::editor::EditorError;
use crate::tui::widgets::{editor_text, replace_text};

impl App {
    /// Asks for the text in focus to go to the person's editor on the loop's next turn.
    pub(super) fn ask_own_editor(&mut self) {
        self.notice = None;
        if self.own_editor.is_none() {
            self.notice = Some(
                "To write in your own editor, set VISUAL or EDITOR (for example EDITOR=nano) before opening kindly."
                    .into(),
            );
            return;
        }
        match self
            .panes
            .writing_mut(self.active)
            .and_then(|w| w.own_editor())
        {
            Some(area) => self.hand_over = Some(editor_text(area)),
            None => {
                self.notice =
                    Some("Open a note, a page or a step to write it in your own editor.".into())
            }
        }
    }

    /// The editor and the text to give it, once asked: taken, so it is handed over once.
    pub fn take_hand_over(&mut self) -> Option<(String, String)> {
        let text = self.hand_over.take()?;
        Some((self.own_editor.clone()?, text))
    }

    /// The editor has ended. What it wrote replaces the text in focus (Ctrl-U brings back
    /// what was there, in one step when the editor added or took out one stretch); an editor that ended without success leaves the words as they were.
    pub fn took_back(&mut self, result: Result<String, EditorError>) {
        let written = match result {
            Ok(written) => written,
            Err(e) => {
                self.notice = Some(format!("Your words are as they were: {e}."));
                return;
            }
        };
        let Some(area) = self
            .panes
            .writing_mut(self.active)
            .and_then(|w| w.own_editor())
        else {
            return;
        };
        if editor_text(area) == written {
            self.notice = Some("Back from your editor; nothing changed.".into());
            return;
        }
        replace_text(area, &written);
        self.autosave.note_change();
        self.notice = Some("Back from your editor, with your words in. Ctrl-S saves them.".into());
    }
}
