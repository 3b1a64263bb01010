//! Session marks: what a person wants to bring up in their next session.

use chrono::{DateTime, FixedOffset};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use uuid::Uuid;

use super::checkins::{format_at, stamp_now};
use super::{Result, Store, StoreError};
use crate::domain::{MarkedKind, SessionMark};

const SELECT: &str =
    "SELECT id, record_kind, record_id, note, added_at, done_at FROM session_marks";

fn read(r: &Row<'_>) -> rusqlite::Result<Result<SessionMark>> {
    let id: String = r.get(0)?;
    let kind: Option<String> = r.get(1)?;
    let record: Option<String> = r.get(2)?;
    let note: Option<String> = r.get(3)?;
    let added: String = r.get(4)?;
    let done: Option<String> = r.get(5)?;
    let bad = |what: &str| {
        StoreError::Invalid(crate::domain::InvalidInput::new(
            "session mark",
            format!("has a {what} that can't be read"),
        ))
    };
    Ok((|| {
        let at = |t: &str| DateTime::<FixedOffset>::parse_from_rfc3339(t).map_err(|_| bad("time"));
        Ok(SessionMark {
            id: Uuid::parse_str(&id).map_err(|_| bad("id"))?,
            record: match (kind, record) {
                (Some(k), Some(r)) => Some((
                    MarkedKind::parse(&k).ok_or_else(|| bad("kind"))?,
                    Uuid::parse_str(&r).map_err(|_| bad("record"))?,
                )),
                _ => None,
            },
            note,
            added_at: at(&added)?,
            done_at: done.as_deref().map(at).transpose()?,
        })
    })())
}

pub(super) fn upsert(tx: &Transaction<'_>, m: &SessionMark) -> Result<()> {
    let now = stamp_now();
    super::cached(
        tx,
        "INSERT INTO session_marks (id, record_kind, record_id, note, added_at, added_utc, done_at,
                                    created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
         ON CONFLICT (id) DO UPDATE SET record_kind = excluded.record_kind,
             record_id = excluded.record_id, note = excluded.note, added_at = excluded.added_at,
             added_utc = excluded.added_utc, done_at = excluded.done_at,
             updated_at = excluded.updated_at",
        params![
            m.id.to_string(),
            m.record.map(|(k, _)| k.as_str()),
            m.record.map(|(_, id)| id.to_string()),
            m.note,
            format_at(&m.added_at),
            m.added_at.timestamp(),
            m.done_at.as_ref().map(format_at),
            now,
        ],
    )?;
    Ok(())
}

impl Store {
    /// Saves a mark (new or changed) in one transaction.
    pub fn save_mark(&mut self, m: &SessionMark) -> Result<()> {
        let tx = self.write()?;
        upsert(&tx, m)?;
        tx.commit()?;
        Ok(())
    }

    /// One mark by id, talked about or not (not a removed one).
    pub fn mark(&self, id: Uuid) -> Result<Option<SessionMark>> {
        let sql = format!("{SELECT} WHERE id = ?1 AND deleted_at IS NULL");
        self.conn
            .query_row(&sql, [id.to_string()], read)
            .optional()?
            .transpose()
    }

    /// One mark by id, removed or not (for sync, which carries removals too).
    pub fn mark_even_removed(&self, id: Uuid) -> Result<Option<SessionMark>> {
        let sql = format!("{SELECT} WHERE id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id.to_string()], read)
            .optional()?
            .transpose()
    }

    /// What waits for the next session, oldest first. Marks of the same second go by id
    /// (time-ordered for marks made here), so every journal holding them lists them alike.
    pub fn waiting_marks(&self) -> Result<Vec<SessionMark>> {
        let sql =
            format!("{SELECT} WHERE done_at IS NULL AND deleted_at IS NULL ORDER BY added_utc, id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], read)?;
        rows.map(|r| r?).collect()
    }

    /// Every mark kept (waiting or talked about), oldest first: what an export holds.
    pub fn all_marks(&self) -> Result<Vec<SessionMark>> {
        let sql = format!("{SELECT} WHERE deleted_at IS NULL ORDER BY added_utc, id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], read)?;
        rows.map(|r| r?).collect()
    }

    /// Marks every waiting item talked about at `at`; returns how many.
    pub fn marks_done(&mut self, at: DateTime<FixedOffset>) -> Result<usize> {
        let tx = self.write()?;
        let n = tx.execute(
            "UPDATE session_marks SET done_at = ?1, updated_at = ?2
              WHERE done_at IS NULL AND deleted_at IS NULL",
            params![format_at(&at), stamp_now()],
        )?;
        tx.commit()?;
        Ok(n)
    }

    /// Takes a mark out (kept as removed, so the removal syncs). Returns whether it was there.
    pub fn remove_mark(&mut self, id: Uuid) -> Result<bool> {
        let tx = self.write()?;
        let n = tx.execute(
            "UPDATE session_marks SET deleted_at = ?2, updated_at = ?2
              WHERE id = ?1 AND deleted_at IS NULL",
            params![id.to_string(), stamp_now()],
        )?;
        tx.commit()?;
        Ok(n == 1)
    }

    /// The waiting mark on a record, if it has one.
    pub fn waiting_mark_on(&self, id: Uuid) -> Result<Option<SessionMark>> {
        let sql = format!(
            "{SELECT} WHERE record_id = ?1 AND done_at IS NULL AND deleted_at IS NULL
              ORDER BY added_utc, id LIMIT 1"
        );
        self.conn
            .query_row(&sql, [id.to_string()], read)
            .optional()?
            .transpose()
    }

    /// The records (kept or in the trash) whose id starts with `start` (lower-case hex and
    /// dashes, as `domain::id_start` gives it), for ids given short.
    pub fn records_starting(&self, start: &str) -> Result<Vec<(MarkedKind, Uuid)>> {
        let mut out = Vec::new();
        for (table, kind) in [
            ("checkins", MarkedKind::CheckIn),
            ("thoughts", MarkedKind::Thought),
            ("entries", MarkedKind::Entry),
            ("breaks", MarkedKind::Break),
        ] {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT id FROM {table} WHERE id LIKE ?1 || '%' ORDER BY id"
            ))?;
            let ids = stmt.query_map([start], |r| r.get::<_, String>(0))?;
            for id in ids {
                if let Ok(id) = Uuid::parse_str(&id?) {
                    out.push((kind, id));
                }
            }
        }
        Ok(out)
    }
}
