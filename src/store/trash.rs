//! The trash: deleting only marks a record, so it can always be brought back.

use rusqlite::params;
use uuid::Uuid;

use super::checkins::stamp_now;
use super::{Result, Store};

/// The kinds of record that can be trashed and restored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    CheckIn,
    Thought,
    Entry,
}

impl RecordKind {
    /// What a person would call this kind of record.
    pub fn word(self) -> &'static str {
        match self {
            RecordKind::CheckIn => "check-in",
            RecordKind::Thought => "thought",
            RecordKind::Entry => "journal",
        }
    }

    fn table(self) -> &'static str {
        match self {
            RecordKind::CheckIn => "checkins",
            RecordKind::Thought => "thoughts",
            RecordKind::Entry => "entries",
        }
    }
}

impl Store {
    /// Moves a record to the trash. Returns whether it was there to move.
    pub fn trash(&mut self, kind: RecordKind, id: Uuid) -> Result<bool> {
        let sql = format!(
            "UPDATE {} SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            kind.table()
        );
        let tx = self.write()?;
        let n = tx.execute(&sql, params![id.to_string(), stamp_now()])?;
        tx.commit()?;
        Ok(n == 1)
    }

    /// Brings a record back from the trash. Returns whether it was in the trash.
    pub fn restore(&mut self, kind: RecordKind, id: Uuid) -> Result<bool> {
        let sql = format!(
            "UPDATE {} SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
            kind.table()
        );
        let tx = self.write()?;
        let n = tx.execute(&sql, [id.to_string()])?;
        tx.commit()?;
        Ok(n == 1)
    }
}
