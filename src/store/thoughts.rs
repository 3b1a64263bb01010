//! Thought records in SQL: save whole, read back, filter, and list the voices heard so far.

use chrono::{DateTime, NaiveDate};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use uuid::Uuid;

use super::checkins::{format_at, stamp_now};
use super::{Result, Store, StoreError};
use crate::domain::{
    FeltEmotion, Helps, InvalidInput, Label, Percent, Scale, Thought, paragraphs, paragraphs_in,
};

const SELECT: &str = "SELECT t.id, t.at, t.situation, t.thought, t.voice, t.belief, t.belief_after,
    t.friend, t.reframe,
    (SELECT json_group_array(json_array(name, intensity, intensity_after)) FROM
        (SELECT name, intensity, intensity_after FROM thought_emotions
          WHERE thought_id = t.id ORDER BY position)),
    (SELECT json_group_array(name) FROM
        (SELECT name FROM thought_distortions WHERE thought_id = t.id ORDER BY position)),
    t.helps, t.evidence_for, t.evidence_against
  FROM thoughts t";

/// Which records the Critic list shows. Empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThoughtFilter {
    pub voice: Option<String>,
    pub distortion: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Store {
    /// Saves a thought record whole (insert, or replace by id), clearing `draft` in the
    /// same transaction.
    pub fn save_thought(&mut self, t: &Thought, draft: Option<&str>) -> Result<()> {
        self.save_with_draft(draft, |tx| upsert(tx, t))?;
        Ok(())
    }

    pub fn thought(&self, id: Uuid) -> Result<Option<Thought>> {
        thought_in(&self.conn, id)
    }

    /// Kept records matching `filter`, newest first. Open days are bounds written as
    /// `coalesce`, not `?3 IS NULL OR …`, so the day index answers them.
    pub fn thoughts(&self, filter: &ThoughtFilter) -> Result<Vec<Thought>> {
        let sql = format!(
            "{SELECT} WHERE t.deleted_at IS NULL
               AND (?1 IS NULL OR t.voice = ?1 COLLATE NOCASE)
               AND (?2 IS NULL OR EXISTS (SELECT 1 FROM thought_distortions d
                                          WHERE d.thought_id = t.id AND d.name = ?2))
               AND t.day >= coalesce(?3, '') AND t.day <= coalesce(?4, '9999')
             ORDER BY t.at_utc DESC, t.id"
        );
        self.collect_thoughts(
            &sql,
            params![
                filter.voice,
                filter.distortion,
                filter.from.map(|d| d.to_string()),
                filter.to.map(|d| d.to_string())
            ],
        )
    }

    /// Kept records between two days (inclusive, either open), oldest first: for export.
    pub fn thoughts_between(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<Thought>> {
        let mut all = self.thoughts(&ThoughtFilter {
            from,
            to,
            ..ThoughtFilter::default()
        })?;
        all.reverse();
        Ok(all)
    }

    pub fn trashed_thoughts(&self) -> Result<Vec<Thought>> {
        let sql = format!(
            "{SELECT} WHERE t.deleted_at IS NOT NULL ORDER BY t.deleted_at DESC, t.at_utc DESC"
        );
        self.collect_thoughts(&sql, [])
    }

    /// Every kept record's id and thought, newest first: what "met before" looks through.
    pub fn thought_texts(&self) -> Result<Vec<(Uuid, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, thought FROM thoughts WHERE deleted_at IS NULL ORDER BY at_utc DESC, id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, text) = row?;
            let id = Uuid::parse_str(&id)
                .map_err(|_| StoreError::Invalid(InvalidInput::new("id", "is not readable")))?;
            out.push((id, text));
        }
        Ok(out)
    }

    /// Kept records whose thought resembles `text`, closest first, leaving out `skip`.
    pub fn alike_thoughts(&self, text: &str, skip: Option<Uuid>) -> Result<Vec<(Thought, f64)>> {
        let found = crate::insights::alike::alike(text, &self.thought_texts()?, skip);
        if found.is_empty() {
            return Ok(Vec::new());
        }
        // Every record found, read in one statement.
        let ids: Vec<String> = found.iter().map(|(id, _)| id.to_string()).collect();
        let sql = format!("{SELECT} WHERE t.id IN (SELECT value FROM json_each(?1))");
        let json = serde_json::to_string(&ids)?;
        let mut read: std::collections::HashMap<Uuid, Thought> = self
            .collect_thoughts(&sql, [json])?
            .into_iter()
            .map(|t| (t.id, t))
            .collect();
        Ok(found
            .into_iter()
            .filter_map(|(id, score)| read.remove(&id).map(|t| (t, score)))
            .collect())
    }

    /// Voices named so far, most recently heard first, for suggestions and filters.
    pub fn voices(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT voice FROM thoughts WHERE voice IS NOT NULL AND deleted_at IS NULL
              GROUP BY voice COLLATE NOCASE ORDER BY max(at_utc) DESC",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Trap labels used in kept records, most used first.
    pub fn used_distortions(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.name FROM thought_distortions d JOIN thoughts t ON t.id = d.thought_id
              WHERE t.deleted_at IS NULL GROUP BY d.name ORDER BY count(*) DESC, d.name",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn collect_thoughts<P: rusqlite::Params>(&self, sql: &str, params: P) -> Result<Vec<Thought>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params, read_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }
}

pub(super) fn upsert(tx: &Transaction<'_>, t: &Thought) -> Result<()> {
    let id = t.id.to_string();
    super::cached(
        tx,
        "INSERT INTO thoughts (id, at, at_utc, day, situation, thought, voice, belief,
                               belief_after, friend, reframe, created_at, updated_at,
                               helps, evidence_for, evidence_against)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13, ?14, ?15)
         ON CONFLICT (id) DO UPDATE SET at = excluded.at, at_utc = excluded.at_utc,
             day = excluded.day, situation = excluded.situation, thought = excluded.thought,
             voice = excluded.voice, belief = excluded.belief,
             belief_after = excluded.belief_after, friend = excluded.friend,
             reframe = excluded.reframe, updated_at = excluded.updated_at,
             helps = excluded.helps, evidence_for = excluded.evidence_for,
             evidence_against = excluded.evidence_against",
        params![
            id,
            format_at(&t.at),
            t.at.timestamp(),
            t.day().to_string(),
            t.situation,
            t.thought,
            t.voice,
            t.belief.map(Percent::get),
            t.belief_after.map(Percent::get),
            t.friend,
            t.reframe,
            stamp_now(),
            t.helps.map(Helps::as_str),
            t.evidence_for,
            t.evidence_against,
        ],
    )?;
    super::cached(
        tx,
        "DELETE FROM thought_emotions WHERE thought_id = ?1",
        [&id],
    )?;
    super::cached(
        tx,
        "DELETE FROM thought_distortions WHERE thought_id = ?1",
        [&id],
    )?;
    let mut emotion = tx.prepare_cached(
        "INSERT INTO thought_emotions (thought_id, name, intensity, intensity_after, position)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (pos, e) in t.emotions.iter().enumerate() {
        emotion.execute(params![
            id,
            e.name.as_str(),
            e.intensity.map(Percent::get),
            e.intensity_after.map(Percent::get),
            pos as i64
        ])?;
    }
    let mut trap = tx.prepare_cached(
        "INSERT INTO thought_distortions (thought_id, name, position) VALUES (?1, ?2, ?3)",
    )?;
    for (pos, d) in t.distortions.iter().enumerate() {
        trap.execute(params![id, d.as_str(), pos as i64])?;
    }
    Ok(())
}

type EmotionRow = (String, Option<u8>, Option<u8>);

/// One thought record by id, trashed or not, on `conn` (a transaction too).
pub(super) fn thought_in(conn: &rusqlite::Connection, id: Uuid) -> Result<Option<Thought>> {
    let sql = format!("{SELECT} WHERE t.id = ?1");
    conn.prepare_cached(&sql)?
        .query_row([id.to_string()], read_row)
        .optional()?
        .transpose()
}

fn read_row(r: &Row<'_>) -> rusqlite::Result<Result<Thought>> {
    let id: String = r.get(0)?;
    let at: String = r.get(1)?;
    let belief: Option<u8> = r.get(5)?;
    let belief_after: Option<u8> = r.get(6)?;
    let emotions: String = r.get(9)?;
    let distortions: String = r.get(10)?;
    let helps: Option<String> = r.get(11)?;
    // A CR kept by an older kindly (a paste) reads as the newline it stood for.
    let text = |i: usize| r.get(i).map(paragraphs_in);
    let (evidence_for, evidence_against) = (text(12)?, text(13)?);
    let fields = (
        text(2)?,
        paragraphs(&r.get::<_, String>(3)?),
        text(4)?,
        text(7)?,
        text(8)?,
    );
    Ok((|| {
        let invalid = |what: &str| InvalidInput::new(what, "is not readable");
        let pct = |v: Option<u8>| v.map(Percent::new).transpose();
        let emotions: Vec<EmotionRow> = serde_json::from_str(&emotions)?;
        let distortions: Vec<String> = serde_json::from_str(&distortions)?;
        let (situation, thought, voice, friend, reframe) = fields;
        Ok::<_, StoreError>(Thought {
            id: Uuid::parse_str(&id).map_err(|_| invalid("id"))?,
            at: DateTime::parse_from_rfc3339(&at).map_err(|_| invalid("at"))?,
            situation,
            thought,
            voice,
            emotions: emotions
                .into_iter()
                .map(|(name, b, a)| {
                    Ok(FeltEmotion {
                        name: Label::new("emotion", &name)?,
                        intensity: pct(b)?,
                        intensity_after: pct(a)?,
                    })
                })
                .collect::<std::result::Result<_, InvalidInput>>()?,
            belief: pct(belief)?,
            belief_after: pct(belief_after)?,
            distortions: distortions
                .iter()
                .map(|d| Label::new("distortion", d))
                .collect::<std::result::Result<_, _>>()?,
            friend,
            helps: helps
                .map(|h| Helps::parse(&h).ok_or_else(|| invalid("helps")))
                .transpose()?,
            evidence_for,
            evidence_against,
            reframe,
        })
    })())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Traps, parse_felt_emotion};
    use crate::store::RecordKind;

    fn full(when: &str, voice: &str) -> Thought {
        let at = DateTime::parse_from_rfc3339(when).unwrap();
        let mut t = Thought::new(at, "I always mess this up 😞").unwrap();
        t.situation = Some("Sent the report with a typo".into());
        t.voice = Some(voice.into());
        let mut shame = parse_felt_emotion("shame=80").unwrap();
        shame.intensity_after = Some(Percent::new(40).unwrap());
        t.emotions = vec![shame, parse_felt_emotion("worry=60").unwrap()];
        t.belief = Some(Percent::new(90).unwrap());
        t.belief_after = Some(Percent::new(35).unwrap());
        t.distortions = Traps::default()
            .parse_list("overgeneralisation,labelling")
            .unwrap();
        t.friend = Some("Everyone makes typos. You caught it.".into());
        t.reframe = Some("I made one small mistake, and I can fix it.".into());
        t
    }

    #[test]
    fn a_full_record_round_trips() {
        let mut store = Store::open_in_memory().unwrap();
        let t = full("2026-11-28T09:00:00+01:00", "my old teacher");
        store.save_thought(&t, None).unwrap();
        assert_eq!(store.thought(t.id).unwrap(), Some(t.clone()));
        let mut edited = t.clone();
        edited.emotions.pop();
        edited.distortions.clear();
        edited.reframe = None;
        store.save_thought(&edited, None).unwrap();
        assert_eq!(store.thought(t.id).unwrap(), Some(edited));
        assert_eq!(store.thoughts(&ThoughtFilter::default()).unwrap().len(), 1);
    }

    #[test]
    fn filters_by_voice_distortion_and_dates() {
        let mut store = Store::open_in_memory().unwrap();
        let a = full("2026-11-01T09:00:00+00:00", "Dad");
        let mut b = full("2026-11-20T09:00:00+00:00", "the critic");
        b.distortions = Traps::default().parse_list("mind reading").unwrap();
        store.save_thought(&a, None).unwrap();
        store.save_thought(&b, None).unwrap();
        let ids = |f: ThoughtFilter| -> Vec<Uuid> {
            store.thoughts(&f).unwrap().iter().map(|t| t.id).collect()
        };
        assert_eq!(ids(ThoughtFilter::default()), [b.id, a.id], "newest first");
        assert_eq!(
            ids(ThoughtFilter {
                voice: Some("dad".into()),
                ..Default::default()
            }),
            [a.id]
        );
        assert_eq!(
            ids(ThoughtFilter {
                distortion: Some("mind reading".into()),
                ..Default::default()
            }),
            [b.id]
        );
        let d = |s: &str| s.parse::<NaiveDate>().ok();
        assert_eq!(
            ids(ThoughtFilter {
                from: d("2026-11-10"),
                to: d("2026-11-30"),
                ..Default::default()
            }),
            [b.id]
        );
        assert_eq!(store.voices().unwrap(), ["the critic", "Dad"]);
    }

    #[test]
    fn trashed_records_leave_lists_and_come_back() {
        let mut store = Store::open_in_memory().unwrap();
        let t = full("2026-11-01T09:00:00+00:00", "Dad");
        store.save_thought(&t, None).unwrap();
        store.trash(RecordKind::Thought, t.id).unwrap();
        assert!(
            store
                .thoughts(&ThoughtFilter::default())
                .unwrap()
                .is_empty()
        );
        assert!(store.voices().unwrap().is_empty());
        assert_eq!(store.trashed_thoughts().unwrap().len(), 1);
        store.restore(RecordKind::Thought, t.id).unwrap();
        assert_eq!(store.thoughts(&ThoughtFilter::default()).unwrap().len(), 1);
    }
}
