//! Saves that know what they were based on: a window's edit is written only if the record
//! is still as the window last read it, in the same transaction, so a save never lands
//! blindly over another window's.

use rusqlite::params;
use uuid::Uuid;

use super::checkins::{checkin_in, stamp_now};
use super::entries::entry_in;
use super::thoughts::thought_in;
use super::{Result, Store, SyncKind, Whole};

impl Store {
    /// The record as the journal holds it now, trashed or not: check-ins, thought records
    /// and entries, the records a window edits.
    pub fn record_now(&self, kind: SyncKind, id: Uuid) -> Result<Option<Whole>> {
        record_in(&self.conn, kind, id)
    }

    /// Writes `record`, with `copies` beside it in the trash, and clears this window's
    /// `draft`, all in one transaction, only if the record is still `expected` (none: not
    /// there). Returns false, writing nothing, when it changed meanwhile.
    pub fn save_if_still(
        &mut self,
        expected: Option<&Whole>,
        record: &Whole,
        copies: &[Whole],
        draft: Option<&str>,
    ) -> Result<bool> {
        let window = self.window.id.clone();
        let tx = self.write()?;
        if record_in(&tx, record.kind(), record.id())?.as_ref() != expected {
            return Ok(false);
        }
        for (whole, trashed) in
            std::iter::once((record, false)).chain(copies.iter().map(|c| (c, true)))
        {
            match whole {
                Whole::CheckIn(r) => super::checkins::upsert(&tx, r)?,
                Whole::Thought(r) => super::thoughts::upsert(&tx, r)?,
                Whole::Entry(r) => super::entries::upsert_entry(&tx, r)?,
                Whole::Break(r) => super::entries::upsert_break(&tx, r)?,
                Whole::Session(r) => super::session::upsert(&tx, r)?,
            }
            if trashed {
                tx.execute(
                    &format!(
                        "UPDATE {} SET deleted_at = coalesce(deleted_at, ?2) WHERE id = ?1",
                        whole.kind().table()
                    ),
                    params![whole.id().to_string(), stamp_now()],
                )?;
            }
        }
        if let Some(slot) = draft {
            tx.execute(
                "DELETE FROM drafts WHERE window = ?1 AND slot = ?2",
                params![window, slot],
            )?;
        }
        tx.commit()?;
        Ok(true)
    }
}

fn record_in(conn: &rusqlite::Connection, kind: SyncKind, id: Uuid) -> Result<Option<Whole>> {
    Ok(match kind {
        SyncKind::CheckIn => checkin_in(conn, id)?.map(Whole::CheckIn),
        SyncKind::Thought => thought_in(conn, id)?.map(Whole::Thought),
        SyncKind::Entry => entry_in(conn, id)?.map(Whole::Entry),
        // Breaks and session marks are never edited in a window.
        SyncKind::Break | SyncKind::Session => None,
    })
}
