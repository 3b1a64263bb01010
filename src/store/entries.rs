//! Journal entries, letters and self-compassion breaks in SQL, and small bits of app state.

use chrono::{DateTime, NaiveDate};
use rusqlite::{OptionalExtension, Row, params};
use uuid::Uuid;

use super::checkins::{format_at, stamp_now};
use super::{Result, Store, StoreError};
use crate::domain::{
    Break, Entry, EntryKind, InvalidInput, Label, Mood, Scale, paragraphs, paragraphs_in,
};

const SELECT_ENTRY: &str = "SELECT e.id, e.at, e.kind, e.title, e.body,
    (SELECT json_group_array(name) FROM
        (SELECT name FROM entry_tags WHERE entry_id = e.id ORDER BY position)),
    e.prompt, e.kept_lines
  FROM entries e";

const SELECT_BREAK: &str =
    "SELECT id, at, mood_before, mood_after, moment, shared, wish FROM breaks";

impl Store {
    /// The fingerprint a record had when an import last wrote it.
    pub fn imported_fingerprint(&self, id: Uuid) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT fingerprint FROM imported WHERE record_id = ?1")?
            .query_row([id.to_string()], |r| r.get(0))
            .optional()?)
    }

    /// Every version of a record that an import has written (its fingerprints).
    pub fn imported_earlier(&self, id: Uuid) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT fingerprint FROM imported_earlier WHERE record_id = ?1")?;
        let rows = stmt.query_map([id.to_string()], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Saves an entry whole (insert, or replace by id), clearing `draft` in the same
    /// transaction.
    pub fn save_entry(&mut self, e: &Entry, draft: Option<&str>) -> Result<()> {
        self.save_with_draft(draft, |tx| upsert_entry(tx, e))?;
        Ok(())
    }

    pub fn entry(&self, id: Uuid) -> Result<Option<Entry>> {
        entry_in(&self.conn, id)
    }

    /// One break by id, trashed or not.
    pub fn break_record(&self, id: Uuid) -> Result<Option<Break>> {
        let sql = format!("{SELECT_BREAK} WHERE id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id.to_string()], read_break)
            .optional()?
            .transpose()
    }

    /// Kept entries, newest first; only letters when `kind` says so.
    pub fn entries(&self, kind: Option<EntryKind>) -> Result<Vec<Entry>> {
        let sql = format!(
            "{SELECT_ENTRY} WHERE e.deleted_at IS NULL AND (?1 IS NULL OR e.kind = ?1)
             ORDER BY e.at_utc DESC, e.id"
        );
        self.collect_entries(&sql, params![kind.map(EntryKind::as_str)])
    }

    /// Kept entries between two days (inclusive, either open), oldest first.
    pub fn entries_between(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<Entry>> {
        let sql = format!(
            "{SELECT_ENTRY} WHERE e.deleted_at IS NULL AND e.day >= coalesce(?1, '')
               AND e.day <= coalesce(?2, '9999') ORDER BY e.at_utc, e.id"
        );
        self.collect_entries(
            &sql,
            params![from.map(|d| d.to_string()), to.map(|d| d.to_string())],
        )
    }

    pub fn trashed_entries(&self) -> Result<Vec<Entry>> {
        let sql = format!(
            "{SELECT_ENTRY} WHERE e.deleted_at IS NOT NULL ORDER BY e.deleted_at DESC, e.at_utc DESC"
        );
        self.collect_entries(&sql, [])
    }

    fn collect_entries<P: rusqlite::Params>(&self, sql: &str, params: P) -> Result<Vec<Entry>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params, read_entry)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }

    pub fn save_break(&mut self, b: &Break) -> Result<()> {
        let tx = self.write()?;
        upsert_break(&tx, b)?;
        tx.commit()?;
        Ok(())
    }

    /// Saves a whole journal in one transaction: all of it, or none of it.
    pub fn save_journal(&mut self, j: &crate::domain::Journal) -> Result<()> {
        self.save_import(j, &[], &crate::domain::PersonalLists::default())
            .map(|_| ())
    }

    /// Saves an import in one transaction: its records, and for each the fingerprint of
    /// the record as the file gave it, so the next import can tell the file's changes
    /// from the person's; and the person's own lists it carried, merged with these.
    /// Returns how many lines and choices of those lists were new.
    pub fn save_import(
        &mut self,
        j: &crate::domain::Journal,
        fingerprints: &[(Uuid, String)],
        personal: &crate::domain::PersonalLists,
    ) -> Result<usize> {
        let tx = self.write()?;
        let now = super::checkins::stamp_now();
        for (id, fp) in fingerprints {
            super::cached(
                &tx,
                "INSERT INTO imported (record_id, fingerprint, imported_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (record_id) DO UPDATE SET fingerprint = excluded.fingerprint,
                     imported_at = excluded.imported_at",
                rusqlite::params![id.to_string(), fp, now],
            )?;
            super::cached(
                &tx,
                "INSERT OR IGNORE INTO imported_earlier (record_id, fingerprint) VALUES (?1, ?2)",
                rusqlite::params![id.to_string(), fp],
            )?;
        }
        let here = super::measures::welcome(&tx, &j.measures)?;
        for c in &j.checkins {
            super::checkins::upsert(&tx, &here.checkin(c))?;
        }
        for d in &j.days {
            super::measures::put_day_reading(&tx, &here.day(d))?;
        }
        for t in &j.thoughts {
            super::thoughts::upsert(&tx, t)?;
        }
        for e in &j.entries {
            upsert_entry(&tx, e)?;
        }
        for b in &j.breaks {
            upsert_break(&tx, b)?;
        }
        for m in &j.session {
            super::session::upsert(&tx, m)?;
        }
        let new = super::personal::merge_in(&tx, personal)?;
        tx.commit()?;
        Ok(new)
    }

    /// How many of a journal's records are already here (by id, kept or trashed): what an
    /// import would not add again.
    pub fn already_here(&self, j: &crate::domain::Journal) -> Result<usize> {
        let mut n = 0;
        for (table, ids) in [
            (
                "checkins",
                j.checkins.iter().map(|c| c.id).collect::<Vec<_>>(),
            ),
            ("thoughts", j.thoughts.iter().map(|t| t.id).collect()),
            ("entries", j.entries.iter().map(|e| e.id).collect()),
            ("breaks", j.breaks.iter().map(|b| b.id).collect()),
        ] {
            let mut stmt = self
                .conn
                .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?;
            for id in ids {
                if stmt.exists([id.to_string()])? {
                    n += 1;
                }
            }
        }
        Ok(n)
    }

    /// Kept breaks between two days (inclusive, either open), oldest first.
    pub fn breaks_between(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<Break>> {
        let sql = format!(
            "{SELECT_BREAK} WHERE deleted_at IS NULL AND day >= coalesce(?1, '')
               AND day <= coalesce(?2, '9999') ORDER BY at_utc, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![from.map(|d| d.to_string()), to.map(|d| d.to_string())],
            read_break,
        )?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }

    /// What the trends are computed from, for the days `from..=to`.
    pub fn trend_inputs(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<(
        Vec<crate::domain::DaySummary>,
        Vec<crate::domain::Thought>,
        Vec<Break>,
    )> {
        Ok((
            self.day_summaries(from, to)?,
            self.thoughts_between(Some(from), Some(to))?,
            self.breaks_between(Some(from), Some(to))?,
        ))
    }

    pub(super) fn state(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM app_state WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub(super) fn set_state(&mut self, key: &str, value: &str) -> Result<()> {
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO app_state (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        tx.commit()?;
        Ok(())
    }
}

pub(super) fn upsert_entry(tx: &rusqlite::Transaction<'_>, e: &Entry) -> Result<()> {
    let id = e.id.to_string();
    super::cached(
        tx,
        "INSERT INTO entries (id, at, at_utc, day, kind, title, body, created_at, updated_at,
                              prompt, kept_lines)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10)
         ON CONFLICT (id) DO UPDATE SET at = excluded.at, at_utc = excluded.at_utc,
             day = excluded.day, kind = excluded.kind, title = excluded.title,
             body = excluded.body, updated_at = excluded.updated_at,
             prompt = excluded.prompt, kept_lines = excluded.kept_lines",
        params![
            id,
            format_at(&e.at),
            e.at.timestamp(),
            e.day().to_string(),
            e.kind.as_str(),
            e.title,
            e.body,
            stamp_now(),
            e.prompt,
            serde_json::to_string(&e.kept_lines).map_err(|_| invalid("kept lines"))?,
        ],
    )?;
    super::cached(tx, "DELETE FROM entry_tags WHERE entry_id = ?1", [&id])?;
    {
        let mut tag = tx.prepare_cached(
            "INSERT INTO entry_tags (entry_id, name, position) VALUES (?1, ?2, ?3)",
        )?;
        for (pos, t) in e.tags.iter().enumerate() {
            tag.execute(params![id, t.as_str(), pos as i64])?;
        }
    }
    Ok(())
}

pub(super) fn upsert_break(tx: &rusqlite::Transaction<'_>, b: &Break) -> Result<()> {
    super::cached(
        tx,
        "INSERT INTO breaks (id, at, at_utc, day, mood_before, mood_after, moment, shared, wish,
                             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
         ON CONFLICT (id) DO UPDATE SET at = excluded.at, at_utc = excluded.at_utc,
             day = excluded.day, mood_before = excluded.mood_before,
             mood_after = excluded.mood_after, moment = excluded.moment,
             shared = excluded.shared, wish = excluded.wish, updated_at = excluded.updated_at",
        params![
            b.id.to_string(),
            format_at(&b.at),
            b.at.timestamp(),
            b.at.date_naive().to_string(),
            b.mood_before.get(),
            b.mood_after.map(Mood::get),
            b.moment,
            b.shared,
            b.wish,
            stamp_now()
        ],
    )?;
    Ok(())
}

fn invalid(what: &str) -> StoreError {
    StoreError::Invalid(InvalidInput::new(what, "is not readable"))
}

/// One entry by id, trashed or not, on `conn` (a transaction too).
pub(super) fn entry_in(conn: &rusqlite::Connection, id: Uuid) -> Result<Option<Entry>> {
    let sql = format!("{SELECT_ENTRY} WHERE e.id = ?1");
    conn.prepare_cached(&sql)?
        .query_row([id.to_string()], read_entry)
        .optional()?
        .transpose()
}

fn read_entry(r: &Row<'_>) -> rusqlite::Result<Result<Entry>> {
    let (id, at, kind, title, body, tags): (
        String,
        String,
        String,
        Option<String>,
        String,
        String,
    ) = (
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    );
    // A CR kept by an older kindly (a paste) reads as the newline it stood for.
    let (title, body) = (paragraphs_in(title), paragraphs(&body));
    let (prompt, kept): (Option<String>, String) = (r.get(6)?, r.get(7)?);
    Ok((|| {
        let tags: Vec<String> = serde_json::from_str(&tags)?;
        let kept_lines: Vec<String> = serde_json::from_str(&kept)?;
        Ok(Entry {
            id: Uuid::parse_str(&id).map_err(|_| invalid("id"))?,
            at: DateTime::parse_from_rfc3339(&at).map_err(|_| invalid("at"))?,
            kind: EntryKind::parse(&kind).ok_or_else(|| invalid("kind"))?,
            title,
            body,
            tags: tags
                .iter()
                .map(|t| Label::new("tags", t))
                .collect::<std::result::Result<_, _>>()?,
            prompt,
            kept_lines,
        })
    })())
}

fn read_break(r: &Row<'_>) -> rusqlite::Result<Result<Break>> {
    let (id, at, before, after): (String, String, u8, Option<u8>) =
        (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
    let text = |i: usize| r.get(i).map(paragraphs_in);
    let (moment, shared, wish) = (text(4)?, text(5)?, text(6)?);
    Ok((|| {
        Ok(Break {
            id: Uuid::parse_str(&id).map_err(|_| invalid("id"))?,
            at: DateTime::parse_from_rfc3339(&at).map_err(|_| invalid("at"))?,
            mood_before: Mood::new(before)?,
            mood_after: after.map(Mood::new).transpose()?,
            moment,
            shared,
            wish,
        })
    })())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::RecordKind;

    fn at(s: &str) -> DateTime<chrono::FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn an_entry_round_trips_and_can_be_trashed_and_restored() {
        let mut store = Store::open_in_memory().unwrap();
        let mut e = Entry::new(
            at("2026-11-28T21:00:00+01:00"),
            EntryKind::Letter,
            "Dear me,\n\nyou are doing better than you think. 🌱",
        )
        .unwrap();
        e.title = Some("For a grey day".into());
        e.tags = vec![Label::new("tags", "winter").unwrap()];
        store.save_entry(&e, None).unwrap();
        assert_eq!(store.entry(e.id).unwrap(), Some(e.clone()));
        assert_eq!(store.entries(Some(EntryKind::Letter)).unwrap().len(), 1);
        assert!(store.entries(Some(EntryKind::Journal)).unwrap().is_empty());
        store.trash(RecordKind::Entry, e.id).unwrap();
        assert!(store.entries(None).unwrap().is_empty());
        assert_eq!(store.trashed_entries().unwrap(), vec![e.clone()]);
        store.restore(RecordKind::Entry, e.id).unwrap();
        assert_eq!(store.entries(None).unwrap(), vec![e]);
    }

    #[test]
    fn a_break_round_trips() {
        let mut store = Store::open_in_memory().unwrap();
        let mut b = Break::new(at("2026-11-28T21:00:00+01:00"), Mood::new(3).unwrap());
        b.mood_after = Some(Mood::new(5).unwrap());
        b.moment = Some("This is a hard moment.".into());
        b.wish = Some("May I be gentle with myself.".into());
        store.save_break(&b).unwrap();
        assert_eq!(store.breaks_between(None, None).unwrap(), vec![b]);
    }

    #[test]
    fn state_is_kept_by_key() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.state("letter_offered_on").unwrap(), None);
        store.set_state("letter_offered_on", "2026-11-29").unwrap();
        store.set_state("letter_offered_on", "2026-11-30").unwrap();
        assert_eq!(
            store.state("letter_offered_on").unwrap().as_deref(),
            Some("2026-11-30")
        );
    }
}
