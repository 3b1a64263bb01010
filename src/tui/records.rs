//! One list of saved records for every pane that lists them: the selection, moving a
//! record to the trash, bringing it back, undoing the last trash and showing the trash,
//! with the words for each said in one place.

use uuid::Uuid;

use super::action::Action;
use super::pane::Notice;
use crate::domain::{CheckIn, Entry, Thought};
use crate::store::{RecordKind, Store};

/// A record that can stand in a list.
pub trait Listed: Clone {
    const KIND: RecordKind;
    fn id(&self) -> Uuid;
}

impl Listed for CheckIn {
    const KIND: RecordKind = RecordKind::CheckIn;
    fn id(&self) -> Uuid {
        self.id
    }
}

impl Listed for Thought {
    const KIND: RecordKind = RecordKind::Thought;
    fn id(&self) -> Uuid {
        self.id
    }
}

impl Listed for Entry {
    const KIND: RecordKind = RecordKind::Entry;
    fn id(&self) -> Uuid {
        self.id
    }
}

/// What the list says, whatever it lists.
pub mod words {
    pub const TRASHED: &str = "Moved to the trash. Press u to bring it back.";
    pub const ALREADY_TRASHED: &str = "It's already in the trash; Enter brings it back.";
    pub const NOTHING_TO_UNDO: &str = "Nothing trashed just now to bring back.";
    pub const BROUGHT_BACK: &str = "Brought it back.";
    pub const TRASH_EMPTY: &str = "The trash is empty.";
    pub const TRASH_TITLE: &str = "Trash";
    pub const UNDO_WAITING: &str = "u brings back what you moved to the trash.";
}

/// What a list action did, for the pane to follow up on.
#[derive(Debug, Default)]
pub struct Reply {
    pub notice: Notice,
    /// The rows changed in the journal: the pane should read them again.
    pub reload: bool,
    /// The record just moved to the trash, so a form editing it can let go.
    pub trashed: Option<Uuid>,
}

impl Reply {
    fn say(words: &str) -> Self {
        Self {
            notice: Some(words.into()),
            ..Self::default()
        }
    }
}

#[derive(Debug, Clone)]
pub struct Records<T> {
    pub rows: Vec<T>,
    pub selected: usize,
    /// The list shows the trash instead of the records.
    pub show_trash: bool,
    /// Records trashed here, newest last, for undo.
    trashed: Vec<Uuid>,
}

impl<T> Default for Records<T> {
    fn default() -> Self {
        Self {
            rows: Vec::new(),
            selected: 0,
            show_trash: false,
            trashed: Vec::new(),
        }
    }
}

impl<T: Listed> Records<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Puts freshly read rows in, keeping the selection on the same record when it is
    /// still there: another window's save can land above it, and Enter or `d` must still
    /// mean the record the person is looking at.
    pub fn set(&mut self, rows: Vec<T>) {
        let on = self.selected().map(Listed::id);
        self.rows = rows;
        if !on.is_some_and(|id| self.select_id(id)) {
            self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        }
    }

    pub fn selected(&self) -> Option<&T> {
        self.rows.get(self.selected)
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn select(&mut self, i: usize) {
        self.selected = i.min(self.rows.len().saturating_sub(1));
    }

    /// Selects the record with `id`, if the list holds it.
    pub fn select_id(&mut self, id: Uuid) -> bool {
        match self.rows.iter().position(|r| r.id() == id) {
            Some(i) => {
                self.selected = i;
                true
            }
            None => false,
        }
    }

    pub fn next(&mut self) {
        self.select(self.selected + 1);
    }

    pub fn prev(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }

    /// The line kept on screen while a record trashed here can still come back with `u`.
    pub fn undo_line(&self) -> Option<&'static str> {
        (!self.trashed.is_empty() && !self.show_trash).then_some(words::UNDO_WAITING)
    }

    /// Leaves the trash view (to show a record, or after a save).
    pub fn leave_trash(&mut self) {
        self.show_trash = false;
    }

    /// The list's own actions: moving, trashing, bringing back, undo and the trash view.
    /// `None` when the action is not the list's; the pane decides when to ask.
    pub fn apply(
        &mut self,
        action: Action,
        store: &mut Store,
    ) -> crate::store::Result<Option<Reply>> {
        Ok(Some(match action {
            Action::FocusNext => {
                self.next();
                Reply::default()
            }
            Action::FocusPrev => {
                self.prev();
                Reply::default()
            }
            Action::EditSelected if self.show_trash => self.restore_selected(store)?,
            Action::TrashSelected => self.trash_selected(store)?,
            Action::UndoTrash => self.undo(store)?,
            Action::ToggleTrash => {
                self.show_trash = !self.show_trash;
                self.selected = 0;
                Reply {
                    reload: true,
                    ..Reply::default()
                }
            }
            _ => return Ok(None),
        }))
    }

    fn trash_selected(&mut self, store: &mut Store) -> crate::store::Result<Reply> {
        let Some(id) = self.selected().map(Listed::id) else {
            return Ok(Reply::default());
        };
        if self.show_trash {
            return Ok(Reply::say(words::ALREADY_TRASHED));
        }
        store.trash(T::KIND, id)?;
        self.trashed.push(id);
        Ok(Reply {
            notice: Some(words::TRASHED.into()),
            reload: true,
            trashed: Some(id),
        })
    }

    fn restore_selected(&mut self, store: &mut Store) -> crate::store::Result<Reply> {
        let Some(id) = self.selected().map(Listed::id) else {
            return Ok(Reply::default());
        };
        store.restore(T::KIND, id)?;
        self.trashed.retain(|t| *t != id);
        Ok(Reply {
            notice: Some(words::BROUGHT_BACK.into()),
            reload: true,
            trashed: None,
        })
    }

    fn undo(&mut self, store: &mut Store) -> crate::store::Result<Reply> {
        let Some(id) = self.trashed.pop() else {
            return Ok(Reply::say(words::NOTHING_TO_UNDO));
        };
        store.restore(T::KIND, id)?;
        Ok(Reply {
            notice: Some(words::BROUGHT_BACK.into()),
            reload: true,
            trashed: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Mood, Scale};

    fn saved(store: &mut Store, n: usize) -> Vec<CheckIn> {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-29T08:00:00+00:00").unwrap();
        let rows: Vec<CheckIn> = (0..n)
            .map(|i| {
                CheckIn::new(
                    at + chrono::Duration::minutes(i as i64),
                    Mood::new(5).unwrap(),
                )
            })
            .collect();
        for c in &rows {
            store.save_checkin(c, None).unwrap();
        }
        rows
    }

    #[test]
    fn fresh_rows_keep_the_selection_on_the_same_record() {
        let mut store = Store::open_in_memory().unwrap();
        let rows = saved(&mut store, 3);
        let mut list = Records::new();
        list.set(rows[1..].to_vec());
        list.select(0);
        // Another window's save lands above the selected record.
        list.set(rows.clone());
        assert_eq!(list.selected().map(|c| c.id), Some(rows[1].id));
        // Gone altogether, the selection stays in the list.
        list.set(rows[..1].to_vec());
        assert_eq!(list.selected().map(|c| c.id), Some(rows[0].id));
    }

    #[test]
    fn trash_undo_and_restore_go_through_the_journal() {
        let mut store = Store::open_in_memory().unwrap();
        let rows = saved(&mut store, 3);
        let mut list = Records::new();
        list.set(rows.clone());
        list.select(1);
        let reply = list
            .apply(Action::TrashSelected, &mut store)
            .unwrap()
            .unwrap();
        assert_eq!(reply.trashed, Some(rows[1].id));
        assert!(reply.reload);
        assert_eq!(store.trashed_checkins().unwrap().len(), 1);
        let reply = list.apply(Action::UndoTrash, &mut store).unwrap().unwrap();
        assert_eq!(reply.notice.as_deref(), Some(words::BROUGHT_BACK));
        assert!(store.trashed_checkins().unwrap().is_empty());
        let reply = list.apply(Action::UndoTrash, &mut store).unwrap().unwrap();
        assert_eq!(reply.notice.as_deref(), Some(words::NOTHING_TO_UNDO));
        // Trash one, open the trash view, bring it back from there.
        list.apply(Action::TrashSelected, &mut store).unwrap();
        list.apply(Action::ToggleTrash, &mut store).unwrap();
        assert!(list.show_trash);
        list.set(store.trashed_checkins().unwrap());
        let reply = list
            .apply(Action::TrashSelected, &mut store)
            .unwrap()
            .unwrap();
        assert_eq!(reply.notice.as_deref(), Some(words::ALREADY_TRASHED));
        list.apply(Action::EditSelected, &mut store).unwrap();
        assert!(store.trashed_checkins().unwrap().is_empty());
        // Undo has nothing left: the record came back another way.
        let reply = list.apply(Action::UndoTrash, &mut store).unwrap().unwrap();
        assert_eq!(reply.notice.as_deref(), Some(words::NOTHING_TO_UNDO));
    }

    #[test]
    fn selection_stays_on_the_list() {
        let mut store = Store::open_in_memory().unwrap();
        let rows = saved(&mut store, 2);
        let mut list = Records::new();
        list.set(rows.clone());
        list.next();
        list.next();
        assert_eq!(list.selected, 1);
        list.set(rows[..1].to_vec());
        assert_eq!(list.selected, 0);
        assert!(list.select_id(rows[0].id));
        assert!(!list.select_id(rows[1].id));
        assert!(list.apply(Action::Save, &mut store).unwrap().is_none());
    }
}
