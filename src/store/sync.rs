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

    fn table(self) -> &'static str {
        match self {
            SyncKind::CheckIn => "checkins",
            SyncKind::Thought => "thoughts",
            SyncKind::Entry => "entries",
            SyncKind::Break => "breaks",
            SyncKind::Session => "session_marks",
        }
    }

    fn parse(text: &str) -> Option<Self> {
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

/// One version of a record: its clock, the device whose change it is, whether it is in the
/// trash, and the record as that change left it.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub hlc: i64,
    pub device: String,
    pub trashed: bool,
    pub record: Whole,
}

impl Version {
    /// Whether this version wins over one at (`hlc`, `device`): the later clock, and on a
    /// tie the greater device id, so every device picks the same one.
    pub fn beats(&self, hlc: i64, device: &str) -> bool {
        (self.hlc, self.device.as_str()) > (hlc, device)
    }
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
}

/// Another device, as its change files show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceSeen {
    pub device: String,
    pub name: String,
    pub last_wrote: String,
    pub files: i64,
}

/// The clock now, in the hybrid clock's units.
const NOW_HLC: &str = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536";

impl Store {
    /// This journal's sync membership, if it has one.
    pub fn sync_me(&self) -> Result<Option<Me>> {
        Ok(self
            .conn
            .query_row(
                "SELECT device, name, folder, identity, recipient, next_seq FROM sync_me",
                [],
                |r| {
                    Ok(Me {
                        device: r.get(0)?,
                        name: r.get(1)?,
                        folder: PathBuf::from(r.get::<_, String>(2)?),
                        identity: r.get(3)?,
                        recipient: r.get(4)?,
                        next_seq: r.get(5)?,
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
    pub fn sync_waiting(&self) -> Result<Vec<Version>> {
        let mut stmt = self.conn.prepare(
            "SELECT kind, record_id, hlc, device FROM sync_versions WHERE pending = 1
             ORDER BY hlc",
        )?;
        let rows: Vec<(String, String, i64, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for (kind, id, hlc, device) in rows {
            let (Some(kind), Ok(id)) = (SyncKind::parse(&kind), Uuid::parse_str(&id)) else {
                continue;
            };
            let record = match kind {
                SyncKind::CheckIn => self.checkin(id)?.map(Whole::CheckIn),
                SyncKind::Thought => self.thought(id)?.map(Whole::Thought),
                SyncKind::Entry => self.entry(id)?.map(Whole::Entry),
                SyncKind::Break => self.break_record(id)?.map(Whole::Break),
                SyncKind::Session => self.mark_even_removed(id)?.map(Whole::Session),
            };
            let Some(record) = record else { continue };
            let trashed: bool = self.conn.query_row(
                &format!(
                    "SELECT deleted_at IS NOT NULL FROM {} WHERE id = ?1",
                    kind.table()
                ),
                [id.to_string()],
                |r| r.get(0),
            )?;
            out.push(Version {
                hlc,
                device,
                trashed,
                record,
            });
        }
        Ok(out)
    }

    /// After a change file holding `sent` is in the folder as number `seq`: those versions
    /// no longer wait (unless the record changed again meanwhile), and the next file is
    /// `seq + 1`.
    pub fn sync_sent(&mut self, sent: &[(SyncKind, Uuid, i64)], seq: i64) -> Result<()> {
        let tx = self.write()?;
        for (kind, id, hlc) in sent {
            super::cached(
                &tx,
                "UPDATE sync_versions SET pending = 0 WHERE kind = ?1 AND record_id = ?2 AND hlc = ?3",
                params![kind.as_str(), id.to_string(), hlc],
            )?;
        }
        tx.execute("UPDATE sync_me SET next_seq = MAX(next_seq, ?1 + 1)", [seq])?;
        tx.commit()?;
        Ok(())
    }

    /// The change files already applied here, by their path in the folder.
    pub fn sync_applied_files(&self) -> Result<HashSet<String>> {
        let mut stmt = self.conn.prepare("SELECT file FROM sync_applied")?;
        let files = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(files)
    }

    /// Applies one change file from another device in one transaction: each version that
    /// is later than this journal's (by clock, then device id) replaces it; the rest are
    /// passed over. The clock moves past every version seen, so a change made here after
    /// this is always later. Returns how many records changed, and how many versions met
    /// a change made here and not yet sent (a record edited on two devices at once).
    pub fn sync_apply(
        &mut self,
        file: &str,
        from: &DeviceSeen,
        versions: &[Version],
    ) -> Result<(usize, usize)> {
        let tx = self.write()?;
        tx.execute("UPDATE sync_me SET applying = 1", [])?;
        let mut changed = 0;
        let mut conflicts = 0;
        for v in versions {
            let kind = v.record.kind();
            let id = v.record.id().to_string();
            let here: Option<(i64, String, bool)> = tx
                .query_row(
                    "SELECT hlc, device, pending FROM sync_versions WHERE kind = ?1 AND record_id = ?2",
                    params![kind.as_str(), id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            if let Some((hlc, device, pending)) = &here {
                let wins = v.beats(*hlc, device);
                if *pending && (*hlc, device.as_str()) != (v.hlc, v.device.as_str()) {
                    conflicts += 1;
                }
                if !wins {
                    continue;
                }
            }
            match &v.record {
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
                params![id, v.trashed, stamp_now()],
            )?;
            super::cached(
                &tx,
                "INSERT INTO sync_versions (kind, record_id, hlc, device, pending)
                 VALUES (?1, ?2, ?3, ?4, 0)
                 ON CONFLICT (kind, record_id) DO UPDATE
                     SET hlc = excluded.hlc, device = excluded.device, pending = 0",
                params![kind.as_str(), id, v.hlc, v.device],
            )?;
            changed += 1;
        }
        let newest = versions.iter().map(|v| v.hlc).max().unwrap_or(0);
        tx.execute(
            "UPDATE sync_me SET applying = 0, hlc = MAX(hlc, ?1)",
            [newest],
        )?;
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
        tx.commit()?;
        Ok((changed, conflicts))
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
