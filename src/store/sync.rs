//! The journal's side of sync: who this device is, the version of every record (a hybrid
//! logical clock and the device that made the change), what waits to be written to the
//! folder, and applying another device's versions when they are later. Versions of local
//! changes are taken by triggers (migration 0007), so no save path has to remember them.

use std::collections::HashSet;
use std::path::PathBuf;

use rusqlite::{OptionalExtension, params};
use uuid::Uuid;

use super::checkins::stamp_now;
use super::{Result, Store};
use crate::domain::{Break, CheckIn, Entry, SessionMark, Thought};

/// The kinds of record that travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SyncKind {
    CheckIn,
    Thought,
    Entry,
    Break,
    Session,
}

impl SyncKind {
    pub const ALL: [SyncKind; 5] = [
        SyncKind::CheckIn,
        SyncKind::Thought,
        SyncKind::Entry,
        SyncKind::Break,
        SyncKind::Session,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SyncKind::CheckIn => "checkin",
            SyncKind::Thought => "thought",
            SyncKind::Entry => "entry",
            SyncKind::Break => "break",
            SyncKind::Session => "session",
        }
    }

    pub(super) fn table(self) -> &'static str {
        match self {
            SyncKind::CheckIn => "checkins",
            SyncKind::Thought => "thoughts",
            SyncKind::Entry => "entries",
            SyncKind::Break => "breaks",
            SyncKind::Session => "session_marks",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// A whole record of any kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Whole {
    CheckIn(CheckIn),
    Thought(Thought),
    Entry(Entry),
    Break(Break),
    Session(SessionMark),
}

impl Whole {
    pub fn kind(&self) -> SyncKind {
        match self {
            Whole::CheckIn(_) => SyncKind::CheckIn,
            Whole::Thought(_) => SyncKind::Thought,
            Whole::Entry(_) => SyncKind::Entry,
            Whole::Break(_) => SyncKind::Break,
            Whole::Session(_) => SyncKind::Session,
        }
    }

    /// When the record says it was lived (a session mark: when it was added).
    pub fn at(&self) -> chrono::DateTime<chrono::FixedOffset> {
        match self {
            Whole::CheckIn(r) => r.at,
            Whole::Thought(r) => r.at,
            Whole::Entry(r) => r.at,
            Whole::Break(r) => r.at,
            Whole::Session(r) => r.added_at,
        }
    }

    pub fn id(&self) -> Uuid {
        match self {
            Whole::CheckIn(r) => r.id,
            Whole::Thought(r) => r.id,
            Whole::Entry(r) => r.id,
            Whole::Break(r) => r.id,
            Whole::Session(r) => r.id,
        }
    }
}

/// A record as this journal holds it for sync: the record, whether it is in the trash, its
/// version (the newest field clock) and whether it waits to be sent, each field's clock and
/// the record as last agreed with the folder (both JSON, read by `sync::fields`).
#[derive(Debug, Clone, PartialEq)]
pub struct Held {
    pub record: Whole,
    pub trashed: bool,
    pub hlc: i64,
    pub device: String,
    pub pending: bool,
    pub stamps: String,
    pub agreed: Option<String>,
}

/// What an exchange settled for one record: how it is now, and its sync bookkeeping.
#[derive(Debug, Clone, PartialEq)]
pub struct Settled {
    pub record: Whole,
    pub trashed: bool,
    pub hlc: i64,
    pub device: String,
    pub stamps: String,
    pub agreed: String,
    pub bucket: u8,
    pub digest: i64,
    /// Still waits to be sent (an edit made here, merged with another computer's).
    pub pending: bool,
    /// The version this was decided from (`hlc`, pending), or none for a record that
    /// wasn't here: if the journal moved on meanwhile, the decision is made again.
    pub seen: Option<(i64, bool)>,
    /// Whether the record itself must be written (false: only the bookkeeping changed).
    pub write: bool,
}

/// This journal's place in a sync folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Me {
    pub device: String,
    pub name: String,
    pub folder: PathBuf,
    pub identity: String,
    pub recipient: String,
    pub next_seq: i64,
    /// A line to say once, at the next exchange.
    pub notice: Option<String>,
}

/// Another device, as its change files show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceSeen {
    pub device: String,
    pub name: String,
    pub last_wrote: String,
    pub files: i64,
}

struct SyncRow {
    kind: String,
    id: String,
    hlc: i64,
    device: String,
    pending: bool,
    stamps: String,
    agreed: Option<String>,
}

fn sync_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SyncRow> {
    Ok(SyncRow {
        kind: r.get(0)?,
        id: r.get(1)?,
        hlc: r.get(2)?,
        device: r.get(3)?,
        pending: r.get(4)?,
        stamps: r.get(5)?,
        agreed: r.get(6)?,
    })
}

/// The clock now, in the hybrid clock's units.
const NOW_HLC: &str = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536";

impl Store {
    /// This journal's sync membership, if it has one.
    pub fn sync_me(&self) -> Result<Option<Me>> {
        Ok(self
            .conn
            .query_row(
                "SELECT device, name, folder, identity, recipient, next_seq, notice FROM sync_me",
                [],
                |r| {
                    Ok(Me {
                        device: r.get(0)?,
                        name: r.get(1)?,
                        folder: PathBuf::from(r.get::<_, String>(2)?),
                        identity: r.get(3)?,
                        recipient: r.get(4)?,
                        next_seq: r.get(5)?,
                        notice: r.get(6)?,
                    })
                },
            )
            .optional()?)
    }

    /// Makes this journal a member of a folder, and marks every record it holds to be
    /// written there (each at the time it was last changed), in one transaction.
    pub fn sync_join(&mut self, me: &Me) -> Result<()> {
        let tx = self.write()?;
        tx.execute("DELETE FROM sync_me", [])?;
        tx.execute(
            &format!(
                "INSERT INTO sync_me (only, device, name, folder, identity, recipient, next_seq, hlc)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, {NOW_HLC})"
            ),
            params![
                me.device,
                me.name,
                me.folder.to_string_lossy(),
                me.identity,
                me.recipient,
                me.next_seq
            ],
        )?;
        for kind in SyncKind::ALL {
            tx.execute(
                &format!(
                    "INSERT INTO sync_versions (kind, record_id, hlc, device, pending)
                     SELECT ?1, id, CAST((julianday(updated_at) - 2440587.5) * 86400000 AS INTEGER) * 65536, ?2, 1
                       FROM {} WHERE true
                     ON CONFLICT (kind, record_id) DO UPDATE SET pending = 1",
                    kind.table()
                ),
                params![kind.as_str(), me.device],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Renames this device (when the config's `device_name` changed).
    pub fn sync_rename(&mut self, name: &str) -> Result<()> {
        let tx = self.write()?;
        tx.execute("UPDATE sync_me SET name = ?1", [name])?;
        tx.commit()?;
        Ok(())
    }

    /// The change files from other devices this journal has already applied.
    pub fn sync_applied_files(&self) -> Result<HashSet<String>> {
        let mut stmt = self.conn.prepare("SELECT file FROM sync_applied")?;
        let files = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(files)
    }

    /// How many records wait to be written to the folder.
    pub fn sync_waiting_count(&self) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM sync_versions WHERE pending = 1",
            [],
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }

    /// The records changed here and not yet written to the folder, each as it is now.
    pub fn sync_waiting(&self) -> Result<Vec<Held>> {
        self.held_where("pending = 1")
    }

    /// Every record the journal holds for sync (to answer what another computer lacks,
    /// or to write everything again).
    pub fn sync_every(&self) -> Result<Vec<Held>> {
        self.held_where("true")
    }

    /// One record as sync sees it, if the journal holds it.
    pub fn sync_held(&self, kind: SyncKind, id: Uuid) -> Result<Option<Held>> {
        let row: Option<SyncRow> = self
            .conn
            .prepare_cached(
                "SELECT kind, record_id, hlc, device, pending, stamps, agreed FROM sync_versions
                  WHERE kind = ?1 AND record_id = ?2",
            )?
            .query_row(params![kind.as_str(), id.to_string()], sync_row)
            .optional()?;
        match row {
            Some(row) => self.held(row),
            None => Ok(None),
        }
    }

    pub(super) fn held_where(&self, filter: &str) -> Result<Vec<Held>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT kind, record_id, hlc, device, pending, stamps, agreed FROM sync_versions
              WHERE {filter} ORDER BY hlc"
        ))?;
        let rows: Vec<SyncRow> = stmt
            .query_map([], sync_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            if let Some(held) = self.held(row)? {
                out.push(held);
            }
        }
        Ok(out)
    }

    fn held(&self, row: SyncRow) -> Result<Option<Held>> {
        let (Some(kind), Ok(id)) = (SyncKind::parse(&row.kind), Uuid::parse_str(&row.id)) else {
            return Ok(None);
        };
        let record = match kind {
            SyncKind::CheckIn => self.checkin(id)?.map(Whole::CheckIn),
            SyncKind::Thought => self.thought(id)?.map(Whole::Thought),
            SyncKind::Entry => self.entry(id)?.map(Whole::Entry),
            SyncKind::Break => self.break_record(id)?.map(Whole::Break),
            SyncKind::Session => self.mark_even_removed(id)?.map(Whole::Session),
        };
        let Some(record) = record else {
            return Ok(None);
        };
        let trashed: bool = self
            .conn
            .prepare_cached(&format!(
                "SELECT deleted_at IS NOT NULL FROM {} WHERE id = ?1",
                kind.table()
            ))?
            .query_row([id.to_string()], |r| r.get(0))?;
        Ok(Some(Held {
            record,
            trashed,
            hlc: row.hlc,
            device: row.device,
            pending: row.pending,
            stamps: row.stamps,
            agreed: row.agreed,
        }))
    }

    /// Runs `f` in one read transaction, so many reads in a row take the journal's lock
    /// once (and all see the same moment of it). Inside a transaction already, just runs it.
    pub fn in_one_read<T, E: From<super::StoreError>>(
        &self,
        f: impl FnOnce(&Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        if !self.conn.is_autocommit() {
            return f(self);
        }
        let read = self
            .conn
            .unchecked_transaction()
            .map_err(super::StoreError::from)?;
        let out = f(self);
        // Nothing was written: ending it gives the lock back.
        drop(read);
        out
    }

    /// Takes number `seq` for the next change file before it is written, so a file in
    /// this device's subfolder numbered at or past `next_seq` was written by another copy
    /// of this journal.
    pub fn sync_reserve(&mut self, seq: i64) -> Result<()> {
        let tx = self.write()?;
        tx.execute("UPDATE sync_me SET next_seq = MAX(next_seq, ?1 + 1)", [seq])?;
        tx.commit()?;
        Ok(())
    }

    /// After a change file holding `sent` is in the folder: each record's agreed version
    /// and field clocks are what was sent, and it no longer waits (unless it changed again
    /// meanwhile: then it waits, to be sent as an edit of what was sent).
    pub fn sync_sent(&mut self, file: i64, sent: &[(i64, Settled)]) -> Result<()> {
        let tx = self.write()?;
        for (was, s) in sent {
            super::cached(
                &tx,
                "UPDATE sync_versions
                    SET stamps = ?3, agreed = ?4, bucket = ?5, digest = ?6, sent_in = ?8,
                        pending = CASE WHEN hlc = ?7 THEN 0 ELSE pending END
                  WHERE kind = ?1 AND record_id = ?2",
                params![
                    s.record.kind().as_str(),
                    s.record.id().to_string(),
                    s.stamps,
                    s.agreed,
                    s.bucket,
                    s.digest,
                    was,
                    file
                ],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Applies what an exchange settled, in one transaction: records written, their sync
    /// bookkeeping, the clock moved past `newest`, and (for a change file) the file marked
    /// read and its device remembered. Returns false, writing nothing, when a record
    /// changed here since it was read: the caller decides again.
    pub fn sync_apply(
        &mut self,
        file: Option<(&str, &DeviceSeen)>,
        settled: &[Settled],
        newest: i64,
    ) -> Result<bool> {
        let tx = self.write()?;
        tx.execute("UPDATE sync_me SET applying = 1", [])?;
        for s in settled {
            let kind = s.record.kind();
            let id = s.record.id().to_string();
            let now: Option<(i64, bool)> = tx
                .prepare_cached(
                    "SELECT hlc, pending FROM sync_versions WHERE kind = ?1 AND record_id = ?2",
                )?
                .query_row(params![kind.as_str(), id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            if s.seen.is_some() && now != s.seen {
                return Ok(false);
            }
            if s.write {
                match &s.record {
                    Whole::CheckIn(r) => super::checkins::upsert(&tx, r)?,
                    Whole::Thought(r) => super::thoughts::upsert(&tx, r)?,
                    Whole::Entry(r) => super::entries::upsert_entry(&tx, r)?,
                    Whole::Break(r) => super::entries::upsert_break(&tx, r)?,
                    Whole::Session(r) => super::session::upsert(&tx, r)?,
                }
                super::cached(
                    &tx,
                    &format!(
                        "UPDATE {} SET deleted_at = CASE WHEN ?2 THEN coalesce(deleted_at, ?3) END WHERE id = ?1",
                        kind.table()
                    ),
                    params![id, s.trashed, stamp_now()],
                )?;
            }
            super::cached(
                &tx,
                "INSERT INTO sync_versions
                     (kind, record_id, hlc, device, pending, stamps, agreed, bucket, digest)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (kind, record_id) DO UPDATE
                     SET hlc = excluded.hlc, device = excluded.device, pending = excluded.pending,
                         stamps = excluded.stamps, agreed = excluded.agreed,
                         bucket = excluded.bucket, digest = excluded.digest",
                params![
                    kind.as_str(),
                    id,
                    s.hlc,
                    s.device,
                    s.pending,
                    s.stamps,
                    s.agreed,
                    s.bucket,
                    s.digest
                ],
            )?;
        }
        tx.execute(
            "UPDATE sync_me SET applying = 0, hlc = MAX(hlc, ?1)",
            [newest],
        )?;
        if let Some((file, from)) = file {
            tx.execute(
                "INSERT OR IGNORE INTO sync_applied (file, applied_at) VALUES (?1, ?2)",
                params![file, stamp_now()],
            )?;
            tx.execute(
                "INSERT INTO sync_devices (device, name, last_wrote, files) VALUES (?1, ?2, ?3, 1)
                 ON CONFLICT (device) DO UPDATE SET name = excluded.name,
                     last_wrote = MAX(last_wrote, excluded.last_wrote), files = files + 1",
                params![from.device, from.name, from.last_wrote],
            )?;
            tx.execute("DELETE FROM sync_troubled WHERE file = ?1", [file])?;
        }
        tx.commit()?;
        Ok(true)
    }

    /// Marks a file read without applying anything from it (every version in it refused).
    pub fn sync_passed_over(&mut self, file: &str) -> Result<()> {
        let tx = self.write()?;
        tx.execute(
            "INSERT OR IGNORE INTO sync_applied (file, applied_at) VALUES (?1, ?2)",
            params![file, stamp_now()],
        )?;
        tx.execute("DELETE FROM sync_troubled WHERE file = ?1", [file])?;
        tx.commit()?;
        Ok(())
    }

    /// This journal's clock now (the hybrid clock, never behind the wall clock).
    pub fn sync_clock(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            &format!("SELECT MAX(hlc, {NOW_HLC}) FROM sync_me"),
            [],
            |r| r.get(0),
        )?)
    }

    /// Each record's digest bucket and digest, for comparing journals.
    pub fn sync_digests(&self) -> Result<Vec<(Option<u8>, Option<i64>)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT bucket, digest FROM sync_versions")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The other devices this journal has read change files from.
    pub fn sync_devices(&self) -> Result<Vec<DeviceSeen>> {
        let mut stmt = self.conn.prepare(
            "SELECT device, name, last_wrote, files FROM sync_devices ORDER BY last_wrote DESC",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(DeviceSeen {
                    device: r.get(0)?,
                    name: r.get(1)?,
                    last_wrote: r.get(2)?,
                    files: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
