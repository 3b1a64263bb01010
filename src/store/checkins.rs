//! Check-ins in SQL: save (insert or update), list by day, trash and restore.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use uuid::Uuid;

use super::{Result, Store, StoreError};
use crate::domain::{CheckIn, DaySummary, Energy, Label, Mood, PartRating, Scale};

const SELECT: &str =
    "SELECT c.id, c.at, c.mood, c.energy, c.kindness, c.humanity, c.mindfulness, c.note,
    (SELECT json_group_array(name) FROM (SELECT name FROM checkin_labels
        WHERE checkin_id = c.id AND kind = 'emotion' ORDER BY position)),
    (SELECT json_group_array(name) FROM (SELECT name FROM checkin_labels
        WHERE checkin_id = c.id AND kind = 'ritual' ORDER BY position)),
    (SELECT json_group_array(json_array(measure_id, value)) FROM (SELECT measure_id, value
        FROM checkin_measures WHERE checkin_id = c.id ORDER BY position))
  FROM checkins c";

/// Which way to look from a day when browsing history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Earlier,
    Later,
}

impl Store {
    /// Saves a check-in: a new one is added, one with a known id is replaced whole;
    /// `draft` is cleared in the same transaction.
    pub fn save_checkin(&mut self, checkin: &CheckIn, draft: Option<&str>) -> Result<()> {
        self.save_with_draft(draft, |tx| upsert(tx, checkin))?;
        Ok(())
    }

    pub fn checkin(&self, id: Uuid) -> Result<Option<CheckIn>> {
        checkin_in(&self.conn, id)
    }

    /// The check-ins lived on `day`, newest first, leaving out the trash.
    pub fn checkins_on(&self, day: NaiveDate) -> Result<Vec<CheckIn>> {
        let sql = format!(
            "{SELECT} WHERE c.day = ?1 AND c.deleted_at IS NULL ORDER BY c.at_utc DESC, c.rowid DESC"
        );
        self.collect(&sql, [day.to_string()])
    }

    /// Every kept check-in between two days (inclusive, either open), oldest first.
    pub fn checkins_between(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<CheckIn>> {
        let sql = format!(
            "{SELECT} WHERE c.deleted_at IS NULL AND c.day >= coalesce(?1, '')
               AND c.day <= coalesce(?2, '9999') ORDER BY c.at_utc, c.id"
        );
        self.collect(
            &sql,
            [from.map(|d| d.to_string()), to.map(|d| d.to_string())],
        )
    }

    /// The nearest day before or after `day` that has a kept check-in.
    pub fn neighbouring_day(&self, day: NaiveDate, dir: Direction) -> Result<Option<NaiveDate>> {
        let sql = match dir {
            Direction::Earlier => {
                "SELECT max(day) FROM checkins WHERE day < ?1 AND deleted_at IS NULL"
            }
            Direction::Later => {
                "SELECT min(day) FROM checkins WHERE day > ?1 AND deleted_at IS NULL"
            }
        };
        let found: Option<String> = self.conn.query_row(sql, [day.to_string()], |r| r.get(0))?;
        Ok(found.and_then(|s| s.parse().ok()))
    }

    /// The most recent kept check-in, if any.
    pub fn latest_checkin(&self) -> Result<Option<CheckIn>> {
        let sql = format!(
            "{SELECT} WHERE c.deleted_at IS NULL ORDER BY c.at_utc DESC, c.rowid DESC LIMIT 1"
        );
        Ok(self.collect(&sql, [])?.pop())
    }

    /// What is in the trash, most recently trashed first.
    pub fn trashed_checkins(&self) -> Result<Vec<CheckIn>> {
        let sql = format!(
            "{SELECT} WHERE c.deleted_at IS NOT NULL ORDER BY c.deleted_at DESC, c.at_utc DESC"
        );
        self.collect(&sql, [])
    }

    /// Kept check-ins summarised by day, between two days inclusive: the grouping is done
    /// in SQL so ten years stays quick. Matches `domain::summarise_days` exactly.
    pub fn day_summaries(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<DaySummary>> {
        let (from, to) = (from.to_string(), to.to_string());
        let mut stmt = self.conn.prepare_cached(
            "SELECT day, avg(mood), count(*), avg(kindness), avg(humanity), avg(mindfulness),
                    avg(energy)
               FROM checkins WHERE deleted_at IS NULL AND day BETWEEN ?1 AND ?2
              GROUP BY day ORDER BY day",
        )?;
        let rows = stmt.query_map([&from, &to], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, f64>(1)?,
                r.get::<_, u32>(2)?,
                [r.get(3)?, r.get(4)?, r.get(5)?],
                r.get::<_, Option<f64>>(6)?,
            ))
        })?;
        let mut days = Vec::new();
        for row in rows {
            let (day, mood, checkins, parts, energy) = row?;
            let day: NaiveDate = day.parse().map_err(|_| {
                StoreError::Invalid(crate::domain::InvalidInput::new("day", "is not readable"))
            })?;
            days.push(DaySummary {
                day,
                mood,
                checkins,
                rituals: Vec::new(),
                energy,
                parts,
            });
        }
        let mut stmt = self.conn.prepare_cached(
            // CROSS JOIN keeps SQLite walking the day index first, so a short span reads
            // only its own days' labels.
            "SELECT c.day, l.name FROM checkins c CROSS JOIN checkin_labels l
                 ON l.checkin_id = c.id AND l.kind = 'ritual'
              WHERE c.deleted_at IS NULL AND c.day BETWEEN ?1 AND ?2 ORDER BY c.day",
        )?;
        let rows = stmt.query_map([&from, &to], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        // Both lists are in day order, so one walk pairs each label with its day.
        let mut i = 0;
        for row in rows {
            let (day, name) = row?;
            let Ok(day) = day.parse::<NaiveDate>() else {
                continue;
            };
            while i < days.len() && days[i].day < day {
                i += 1;
            }
            if let Some(d) = days.get_mut(i)
                && d.day == day
            {
                d.rituals.push(name);
            }
        }
        for d in &mut days {
            d.rituals.sort();
            d.rituals.dedup();
        }
        Ok(days)
    }

    /// The first day with a kept check-in, thought record or break.
    pub fn earliest_day(&self) -> Result<Option<NaiveDate>> {
        let found: Option<String> = self.conn.query_row(
            "SELECT min(day) FROM (SELECT min(day) AS day FROM checkins WHERE deleted_at IS NULL
               UNION ALL SELECT min(day) FROM thoughts WHERE deleted_at IS NULL
               UNION ALL SELECT min(day) FROM breaks WHERE deleted_at IS NULL)",
            [],
            |r| r.get(0),
        )?;
        Ok(found.and_then(|s| s.parse().ok()))
    }

    /// Emotion or ritual names used in check-ins, each once, so a label typed on the
    /// command line is offered in the TUI too. Read straight from the (kind, name) index.
    pub fn used_labels(&self, kind: LabelKind) -> Result<Vec<String>> {
        // A skip-scan: one index seek per distinct name, rather than reading every label
        // ever given (ten years hold some 17,000) to find the few dozen names.
        let mut stmt = self.conn.prepare_cached(
            "WITH RECURSIVE names(name) AS (
                 SELECT min(name) FROM checkin_labels WHERE kind = ?1
                 UNION ALL
                 SELECT (SELECT min(name) FROM checkin_labels WHERE kind = ?1 AND name > names.name)
                   FROM names WHERE names.name IS NOT NULL
             )
             SELECT name FROM names WHERE name IS NOT NULL",
        )?;
        let rows = stmt.query_map([kind.as_sql()], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn collect<P: rusqlite::Params>(&self, sql: &str, params: P) -> Result<Vec<CheckIn>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params, read_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    Emotion,
    Ritual,
}

impl LabelKind {
    fn as_sql(self) -> &'static str {
        match self {
            LabelKind::Emotion => "emotion",
            LabelKind::Ritual => "ritual",
        }
    }
}

pub(super) fn stamp_now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// RFC 3339 with the person's offset, to the second: what export shows.
pub use crate::domain::time::format_at;

pub(super) fn upsert(tx: &Transaction<'_>, c: &CheckIn) -> Result<()> {
    let now = stamp_now();
    let id = c.id.to_string();
    super::cached(
        tx,
        "INSERT INTO checkins (id, at, at_utc, day, mood, energy, kindness, humanity, mindfulness,
                               note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)
         ON CONFLICT (id) DO UPDATE SET at = excluded.at, at_utc = excluded.at_utc,
             day = excluded.day, mood = excluded.mood, energy = excluded.energy,
             kindness = excluded.kindness, humanity = excluded.humanity,
             mindfulness = excluded.mindfulness, note = excluded.note,
             updated_at = excluded.updated_at",
        params![
            id,
            format_at(&c.at),
            c.at.timestamp(),
            c.day().to_string(),
            c.mood.get(),
            c.energy.map(Energy::get),
            c.kindness.map(PartRating::get),
            c.humanity.map(PartRating::get),
            c.mindfulness.map(PartRating::get),
            c.note,
            now,
        ],
    )?;
    super::cached(
        tx,
        "DELETE FROM checkin_labels WHERE checkin_id = ?1",
        [&id],
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO checkin_labels (checkin_id, kind, name, position) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (kind, labels) in [
        (LabelKind::Emotion, &c.emotions),
        (LabelKind::Ritual, &c.rituals),
    ] {
        for (pos, label) in labels.iter().enumerate() {
            insert.execute(params![id, kind.as_sql(), label.as_str(), pos as i64])?;
        }
    }
    super::readings::put_checkin_readings(tx, c.id, &c.measures)
}

/// One check-in by id, trashed or not, on `conn` (a transaction too).
pub(super) fn checkin_in(conn: &rusqlite::Connection, id: Uuid) -> Result<Option<CheckIn>> {
    let sql = format!("{SELECT} WHERE c.id = ?1");
    conn.prepare_cached(&sql)?
        .query_row([id.to_string()], read_row)
        .optional()?
        .transpose()
}

fn read_row(r: &Row<'_>) -> rusqlite::Result<Result<CheckIn>> {
    let id: String = r.get(0)?;
    let at: String = r.get(1)?;
    let mood: u8 = r.get(2)?;
    let energy: Option<u8> = r.get(3)?;
    let parts: [Option<u8>; 3] = [r.get(4)?, r.get(5)?, r.get(6)?];
    // A CR kept by an older kindly (a paste) reads as the newline it stood for.
    let note = crate::domain::paragraphs_in(r.get(7)?);
    let emotions: String = r.get(8)?;
    let rituals: String = r.get(9)?;
    let measures: String = r.get(10)?;
    let mut c = build(id, at, mood, energy, parts, note, &emotions, &rituals);
    if let Ok(c) = &mut c
        && measures != "[]"
    {
        match super::readings::readings_of(&measures) {
            Ok(m) => c.measures = m,
            Err(e) => return Ok(Err(e)),
        }
    }
    Ok(c)
}

#[allow(clippy::too_many_arguments)]
fn build(
    id: String,
    at: String,
    mood: u8,
    energy: Option<u8>,
    parts: [Option<u8>; 3],
    note: Option<String>,
    emotions: &str,
    rituals: &str,
) -> Result<CheckIn> {
    let invalid = |what: &str| crate::domain::InvalidInput::new(what, "is not readable");
    let labels = |json: &str, field: &str| -> Result<Vec<Label>> {
        let names: Vec<String> = serde_json::from_str(json)?;
        names
            .iter()
            .map(|n| Label::new(field, n).map_err(StoreError::from))
            .collect()
    };
    let part = |v: Option<u8>| v.map(PartRating::new).transpose();
    Ok(CheckIn {
        id: Uuid::parse_str(&id).map_err(|_| invalid("id"))?,
        at: DateTime::parse_from_rfc3339(&at).map_err(|_| invalid("at"))?,
        mood: Mood::new(mood)?,
        energy: energy.map(Energy::new).transpose()?,
        emotions: labels(emotions, "emotions")?,
        rituals: labels(rituals, "rituals")?,
        kindness: part(parts[0])?,
        humanity: part(parts[1])?,
        mindfulness: part(parts[2])?,
        note,
        measures: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::parse_label_list;
    use crate::store::RecordKind;
    use chrono::FixedOffset;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn sample(when: &str, mood: u8) -> CheckIn {
        let mut c = CheckIn::new(at(when), Mood::new(mood).unwrap());
        c.emotions = parse_label_list("emotions", "calm,tired").unwrap();
        c.rituals = parse_label_list("rituals", "walk").unwrap();
        c.kindness = Some(PartRating::new(4).unwrap());
        c.set_note("a quiet morning 🌿");
        c
    }

    #[test]
    fn saved_checkin_reads_back_whole() {
        let mut store = Store::open_in_memory().unwrap();
        let c = sample("2026-11-28T09:30:00+01:00", 6);
        store.save_checkin(&c, None).unwrap();
        assert_eq!(store.checkin(c.id).unwrap(), Some(c.clone()));
        let day = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert_eq!(store.checkins_on(day).unwrap(), vec![c]);
    }

    #[test]
    fn saving_again_replaces_fields_and_labels() {
        let mut store = Store::open_in_memory().unwrap();
        let mut c = sample("2026-11-28T09:30:00+01:00", 6);
        store.save_checkin(&c, None).unwrap();
        c.mood = Mood::new(8).unwrap();
        c.emotions = parse_label_list("emotions", "hopeful").unwrap();
        store.save_checkin(&c, None).unwrap();
        let back = store.checkin(c.id).unwrap().unwrap();
        assert_eq!(back.mood.get(), 8);
        assert_eq!(back.emotions, c.emotions);
        assert_eq!(store.checkins_between(None, None).unwrap().len(), 1);
    }

    #[test]
    fn trash_hides_and_restore_brings_back() {
        let mut store = Store::open_in_memory().unwrap();
        let c = sample("2026-11-28T09:30:00+01:00", 6);
        store.save_checkin(&c, None).unwrap();
        assert!(store.trash(RecordKind::CheckIn, c.id).unwrap());
        assert!(store.checkins_between(None, None).unwrap().is_empty());
        assert_eq!(store.trashed_checkins().unwrap(), vec![c.clone()]);
        assert!(store.restore(RecordKind::CheckIn, c.id).unwrap());
        assert_eq!(store.checkins_between(None, None).unwrap(), vec![c]);
        assert!(store.trashed_checkins().unwrap().is_empty());
    }

    #[test]
    fn neighbouring_days_skip_empty_ones() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .save_checkin(&sample("2026-11-20T09:00:00+00:00", 5), None)
            .unwrap();
        store
            .save_checkin(&sample("2026-11-25T09:00:00+00:00", 5), None)
            .unwrap();
        let d = |day| NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
        assert_eq!(
            store.neighbouring_day(d(29), Direction::Earlier).unwrap(),
            Some(d(25))
        );
        assert_eq!(
            store.neighbouring_day(d(25), Direction::Earlier).unwrap(),
            Some(d(20))
        );
        assert_eq!(
            store.neighbouring_day(d(20), Direction::Earlier).unwrap(),
            None
        );
        assert_eq!(
            store.neighbouring_day(d(20), Direction::Later).unwrap(),
            Some(d(25))
        );
    }

    #[test]
    fn the_day_is_the_one_the_person_lived() {
        let mut store = Store::open_in_memory().unwrap();
        // 23:30 in New York is already the next day in UTC.
        let c = sample("2026-11-28T23:30:00-05:00", 4);
        store.save_checkin(&c, None).unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert_eq!(store.checkins_on(d).unwrap().len(), 1);
    }

    #[test]
    fn used_labels_are_listed_once_each() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .save_checkin(&sample("2026-11-28T09:00:00+00:00", 5), None)
            .unwrap();
        let mut other = sample("2026-11-28T10:00:00+00:00", 5);
        other.emotions = parse_label_list("emotions", "tired").unwrap();
        store.save_checkin(&other, None).unwrap();
        assert_eq!(
            store.used_labels(LabelKind::Emotion).unwrap(),
            ["calm", "tired"]
        );
    }
}
