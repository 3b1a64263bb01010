//! "Bring this to my session" on the screen: `B` on any record (or on a form, for when it
//! is saved) marks it, `N` opens the list of what waits for the next session, oldest first;
//! from there a record opens, a thing to remember is added, and after the session items are
//! marked talked about (kept and dated, out of the list).

use super::App;
use crate::domain::{MarkedKind, SessionMark};
use crate::store::RecordKind;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::pane::{PaneId, Saved};
use crate::tui::session_list::SessionList;
use crate::tui::widgets::{editor, editor_text, show_cursor};

fn record_kind(kind: MarkedKind) -> Option<RecordKind> {
    match kind {
        MarkedKind::CheckIn => Some(RecordKind::CheckIn),
        MarkedKind::Thought => Some(RecordKind::Thought),
        MarkedKind::Entry => Some(RecordKind::Entry),
        MarkedKind::Break => None,
    }
}

impl App {
    /// Which bindings the list has, while it is open.
    pub(super) fn session_mode(&self) -> Option<Mode> {
        self.session.as_ref().map(|s| {
            if s.note.is_some() {
                Mode::SessionNote
            } else {
                Mode::Session
            }
        })
    }

    pub(super) fn open_session(&mut self) {
        match SessionList::load(&self.store) {
            Ok(list) => self.session = Some(list),
            Err(e) => self.notice = Some(format!("That list couldn't be read just now ({e}).")),
        }
    }

    /// `B`: marks the record in view, or takes its mark out; on a form whose record isn't
    /// saved yet, marks it when it is.
    pub(super) fn bring_up(&mut self) {
        let now = (self.clock)();
        let target = self.panes.records(self.active).and_then(|r| r.target());
        let Some((kind, id)) = target else {
            self.bring_after_save = Some(self.active);
            self.notice =
                Some("When you save this, it will be marked to bring to your session.".into());
            return;
        };
        let result = match self.store.waiting_mark_on(id) {
            Ok(Some(mark)) => self
                .store
                .remove_mark(mark.id)
                .map(|_| "Taken out of what you'll bring to your session.".to_string()),
            Ok(None) => self
                .store
                .save_mark(&SessionMark::on(kind, id, None, now))
                .map(|_| "Marked to bring to your next session (N shows the list).".to_string()),
            Err(e) => Err(e),
        };
        self.notice =
            Some(result.unwrap_or_else(|e| format!("That mark couldn't be saved just now ({e}).")));
    }

    /// A record `pane` saved: marked for the session when that was asked before it was
    /// saved.
    pub(super) fn bring_if_saved(&mut self, pane: PaneId, saved: Saved) {
        if self.bring_after_save != Some(pane) {
            return;
        }
        self.bring_after_save = None;
        let now = (self.clock)();
        let mark = SessionMark::on(saved.kind, saved.id, None, now);
        if let Err(e) = self.store.save_mark(&mark) {
            self.notice = Some(format!("It's saved, but the mark couldn't be ({e})."));
        } else {
            let said = self.notice.take().unwrap_or_default();
            self.notice = Some(
                format!("{said} Marked to bring to your session.")
                    .trim()
                    .to_string(),
            );
        }
    }

    pub(super) fn apply_session(&mut self, action: Action) {
        let now = (self.clock)();
        let Some(list) = self.session.as_mut() else {
            return;
        };
        if let Some(note) = &list.note {
            match action {
                Action::Save => {
                    let text = editor_text(note);
                    list.note = None;
                    if let Ok(mark) = SessionMark::alone(&text, now) {
                        if let Err(e) = self.store.save_mark(&mark) {
                            self.notice = Some(format!("That couldn't be saved just now ({e})."));
                        }
                        self.open_session();
                        if let Some(l) = self.session.as_mut() {
                            l.selected = l.items.len().saturating_sub(1);
                        }
                    }
                }
                Action::BackToForm => list.note = None,
                _ => {}
            }
            return;
        }
        let selected = list.items.get(list.selected).map(|(m, _)| m.clone());
        match action {
            Action::BackToForm => self.session = None,
            Action::FocusNext => {
                list.selected = (list.selected + 1).min(list.items.len().saturating_sub(1))
            }
            Action::FocusPrev => list.selected = list.selected.saturating_sub(1),
            Action::NewRecord => {
                let mut n = editor("", "a few words to remember it by");
                show_cursor(&mut n, true);
                list.note = Some(n);
            }
            Action::EditSelected => {
                if let Some((kind, id)) = selected.and_then(|m| m.record) {
                    match record_kind(kind) {
                        Some(kind) => {
                            self.session = None;
                            self.show(kind, id);
                        }
                        None => {
                            self.notice = Some(
                                "A break has no page of its own to open; it's kept as it was."
                                    .into(),
                            )
                        }
                    }
                }
            }
            Action::TalkedAbout | Action::TrashSelected => {
                let Some(mut mark) = selected else { return };
                let result = if action == Action::TalkedAbout {
                    mark.done_at = Some(now);
                    self.store
                        .save_mark(&mark)
                        .map(|_| "Talked about: kept, and out of the list.")
                } else {
                    self.store
                        .remove_mark(mark.id)
                        .map(|_| "Taken out of the list; the record itself stays.")
                };
                let keep = list.selected;
                self.notice = Some(match result {
                    Ok(words) => words.to_string(),
                    Err(e) => format!("That couldn't be saved just now ({e})."),
                });
                self.open_session();
                if let Some(l) = self.session.as_mut() {
                    l.selected = keep.min(l.items.len().saturating_sub(1));
                }
            }
            Action::AllTalkedAbout => {
                self.notice = Some(match self.store.marks_done(now) {
                    Ok(0) => "Nothing was waiting.".into(),
                    Ok(n) => format!(
                        "{n} talked about: kept, dated {}, and out of the list. Well done for bringing them.",
                        now.format("%-d %B")
                    ),
                    Err(e) => format!("That couldn't be saved just now ({e})."),
                });
                self.open_session();
            }
            _ => {}
        }
    }
}
