//! Sync's health bookkeeping: which other computers' states were answered, files in the
//! folder that couldn't be opened, which change file last carried each record, and a new
//! device id for a copied or restored journal.

use std::collections::{BTreeSet, HashSet};

use rusqlite::{OptionalExtension, params};
use uuid::Uuid;

use super::{Held, Result, Store, SyncKind};

impl Store {
    /// This journal was copied or restored: from now on it writes as device `device`,
    /// and says `notice` at the next exchange.
    pub fn sync_new_device(&mut self, device: &str, notice: &str) -> Result<()> {
        let tx = self.write()?;
        tx.execute(
            "UPDATE sync_me SET device = ?1, notice = ?2, next_seq = 1",
            params![device, notice],
        )?;
        tx.execute("DELETE FROM sync_healed", [])?;
        // The old subfolder's files are another computer's now.
        tx.execute("UPDATE sync_versions SET sent_in = NULL", [])?;
        tx.commit()?;
        Ok(())
    }

    /// The notice was said.
    pub fn sync_said(&mut self) -> Result<()> {
        let tx = self.write()?;
        tx.execute("UPDATE sync_me SET notice = NULL", [])?;
        tx.commit()?;
        Ok(())
    }

    /// The state of `device` last answered, if any.
    pub fn sync_healed(&self, device: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT state FROM sync_healed WHERE device = ?1",
                [device],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub fn sync_set_healed(&mut self, device: &str, state: &str) -> Result<()> {
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO sync_healed (device, state) VALUES (?1, ?2)
             ON CONFLICT (device) DO UPDATE SET state = excluded.state",
            params![device, state],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// A file that couldn't be opened, at `size` bytes: returns how many exchanges in a row
    /// have found it so (a file still being copied grows between them).
    pub fn sync_trouble(&mut self, file: &str, size: i64, reason: &str) -> Result<i64> {
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO sync_troubled (file, size, times, reason) VALUES (?1, ?2, 1, ?3)
             ON CONFLICT (file) DO UPDATE SET
                 times = CASE WHEN size = excluded.size THEN times + 1 ELSE 1 END,
                 size = excluded.size, reason = excluded.reason",
            params![file, size, reason],
        )?;
        let times = tx.query_row(
            "SELECT times FROM sync_troubled WHERE file = ?1",
            [file],
            |r| r.get(0),
        )?;
        tx.commit()?;
        Ok(times)
    }

    /// Files that couldn't be opened, and why (for `sync status`).
    pub fn sync_troubled(&self) -> Result<Vec<(String, String, i64)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT file, reason, times FROM sync_troubled ORDER BY file")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Forgets files that are no longer in the folder.
    pub fn sync_trouble_gone(&mut self, present: &HashSet<String>) -> Result<()> {
        let gone: Vec<String> = self
            .sync_troubled()?
            .into_iter()
            .map(|(f, _, _)| f)
            .filter(|f| !present.contains(f))
            .collect();
        if gone.is_empty() {
            return Ok(());
        }
        let tx = self.write()?;
        for f in gone {
            tx.execute("DELETE FROM sync_troubled WHERE file = ?1", [f])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The records this computer's change files numbered `files` last carried.
    pub fn sync_carried_in(&self, files: &BTreeSet<i64>) -> Result<Vec<Held>> {
        if files.is_empty() {
            return Ok(Vec::new());
        }
        let list: Vec<String> = files.iter().map(i64::to_string).collect();
        self.held_where(&format!("pending = 0 AND sent_in IN ({})", list.join(",")))
    }

    /// The numbers of this computer's change files that still carry a record's last
    /// version (the files whose loss would lose something).
    pub fn sync_carrying_files(&self) -> Result<BTreeSet<i64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT sent_in FROM sync_versions WHERE sent_in IS NOT NULL")?;
        let files = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(files)
    }

    /// Records written again into this computer's change file numbered `file`.
    pub fn sync_carried(&mut self, file: i64, records: &[(SyncKind, Uuid)]) -> Result<()> {
        let tx = self.write()?;
        for (kind, id) in records {
            super::cached(
                &tx,
                "UPDATE sync_versions SET sent_in = ?3 WHERE kind = ?1 AND record_id = ?2",
                params![kind.as_str(), id.to_string(), file],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}
