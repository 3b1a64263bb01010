//! The deck of the person's own kind words: the kinder answers of thought records, the
//! kind wishes of breaks, and the lines they kept from letters and pages. Nothing is
//! copied: the deck is read from the records, less the lines taken out of it.

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OpenFlags, config::DbConfig, params};

use super::checkins::stamp_now;
use super::{Result, Store};

/// Where a kind line comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DeckSource {
    /// The kinder answer of a thought record.
    Reframe,
    /// The kind wish of a self-compassion break.
    Wish,
    /// A line kept from a letter or a journal page.
    Kept,
}

impl DeckSource {
    pub fn word(self) -> &'static str {
        match self {
            DeckSource::Reframe => "a kinder answer",
            DeckSource::Wish => "a kind wish",
            DeckSource::Kept => "a line you kept",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeckLine {
    pub text: String,
    pub source: DeckSource,
    pub at: DateTime<FixedOffset>,
}

const LAST_SHOWN: &str = "deck_last_shown";

impl Store {
    /// Every line in the deck, oldest first, each text once, none taken out.
    pub fn deck(&self) -> Result<Vec<DeckLine>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT text, source, at FROM (
                 SELECT reframe AS text, 'reframe' AS source, at, at_utc FROM thoughts
                  WHERE deleted_at IS NULL AND reframe IS NOT NULL
                 UNION ALL
                 SELECT wish, 'wish', at, at_utc FROM breaks
                  WHERE deleted_at IS NULL AND wish IS NOT NULL
                 UNION ALL
                 SELECT k.value, 'kept', e.at, e.at_utc FROM entries e, json_each(e.kept_lines) k
                  WHERE e.deleted_at IS NULL)
              WHERE length(trim(text)) > 0
                AND text NOT IN (SELECT line FROM deck_removed)
              ORDER BY at_utc, text",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out: Vec<DeckLine> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for row in rows {
            let (text, source, at) = row?;
            if !seen.insert(text.clone()) {
                continue;
            }
            let Ok(at) = DateTime::parse_from_rfc3339(&at) else {
                continue;
            };
            let source = match source.as_str() {
                "reframe" => DeckSource::Reframe,
                "wish" => DeckSource::Wish,
                _ => DeckSource::Kept,
            };
            out.push(DeckLine { text, source, at });
        }
        Ok(out)
    }

    /// Takes a line out of the deck (by its text, wherever it comes from). The record it is
    /// in stays as it is.
    pub fn remove_from_deck(&mut self, text: &str) -> Result<()> {
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO deck_removed (line, removed_at) VALUES (?1, ?2)
             ON CONFLICT (line) DO NOTHING",
            params![text, stamp_now()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// One line to show now, never the one shown last, remembered as shown. `pick` chooses
    /// among the candidates (given their number, it returns an index); `None` when the deck
    /// is empty or holds only the line shown last time (which may then come next time).
    pub fn next_kind_line(&mut self, pick: impl FnOnce(usize) -> usize) -> Result<Option<String>> {
        let (line, remember) = self.choose(pick)?;
        if let Some(value) = remember {
            self.set_state(LAST_SHOWN, &value)?;
        }
        Ok(line)
    }

    /// The same, for a shell start-up line: the journal is read without being held (as
    /// `status` reads it), and the line shown is remembered in one small write that waits
    /// at most a moment; if that write can't happen, the line is still given.
    pub fn kind_line_at(path: &Path, pick: impl FnOnce(usize) -> usize) -> Result<Option<String>> {
        if !path.is_file() {
            return Ok(None);
        }
        // One connection, checked as every open checks it (kindly's, a schema it knows,
        // not encrypted), that waits only a moment for a writer and holds nothing.
        super::file::inspect_header(path, None)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        super::file::check_connection(&conn, path, false)?;
        conn.busy_timeout(std::time::Duration::from_millis(100))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // The one small write stays in the write-ahead log for the next open to fold in:
        // closing doesn't copy it into the journal and sync the disk three times over.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
        let store = Store::unheld(conn, path);
        let (line, remember) = store.choose(pick)?;
        if let Some(value) = remember {
            // If this one small write can't happen now, the line is still given.
            let _ = store.conn.execute(
                "INSERT INTO app_state (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![LAST_SHOWN, value],
            );
        }
        Ok(line)
    }

    /// The line to show and what to remember as shown last (`None`: nothing to change).
    fn choose(
        &self,
        pick: impl FnOnce(usize) -> usize,
    ) -> Result<(Option<String>, Option<String>)> {
        let last = self.state(LAST_SHOWN)?.filter(|l| !l.is_empty());
        // Only the words are needed here: one lean statement, each text once.
        let mut stmt = self.conn.prepare_cached(
            "SELECT text FROM (
                 SELECT reframe AS text FROM thoughts
                  WHERE deleted_at IS NULL AND reframe IS NOT NULL
                 UNION
                 SELECT wish FROM breaks WHERE deleted_at IS NULL AND wish IS NOT NULL
                 UNION
                 SELECT k.value FROM entries e, json_each(e.kept_lines) k
                  WHERE e.deleted_at IS NULL AND e.kept_lines != '[]')
              WHERE length(trim(text)) > 0
                AND text NOT IN (SELECT line FROM deck_removed)
                AND text IS NOT ?1",
        )?;
        let choices: Vec<String> = stmt
            .query_map([&last], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if choices.is_empty() {
            // Nothing this time; the one line left may come again next time.
            return Ok((None, last.map(|_| String::new())));
        }
        let line = choices[pick(choices.len()) % choices.len()].clone();
        Ok((Some(line.clone()), Some(line)))
    }
}

/// A pick that changes from call to call: the clock's nanoseconds.
pub fn any(n: usize) -> usize {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos() as usize ^ d.as_secs() as usize)
        .unwrap_or(0);
    nanos % n.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Break, Entry, EntryKind, Mood, Scale, Thought};

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn store_with_deck() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let mut t = Thought::new(at("2026-10-01T09:00:00+01:00"), "I'm useless").unwrap();
        t.reframe = Some("I'm learning, and that is allowed to be slow.".into());
        store.save_thought(&t, None).unwrap();
        let mut b = Break::new(at("2026-10-02T09:00:00+01:00"), Mood::new(3).unwrap());
        b.wish = Some("May I be gentle with myself today.".into());
        store.save_break(&b).unwrap();
        let mut e = Entry::new(
            at("2026-10-03T09:00:00+01:00"),
            EntryKind::Letter,
            "Dear me,\nYou carried a lot this week.\nRest is not a reward.",
        )
        .unwrap();
        e.kept_lines = vec!["Rest is not a reward.".into()];
        store.save_entry(&e, None).unwrap();
        store
    }

    #[test]
    fn the_deck_holds_reframes_wishes_and_kept_lines_less_what_was_taken_out() {
        let mut store = store_with_deck();
        let texts =
            |s: &Store| -> Vec<String> { s.deck().unwrap().into_iter().map(|l| l.text).collect() };
        assert_eq!(
            texts(&store),
            [
                "I'm learning, and that is allowed to be slow.",
                "May I be gentle with myself today.",
                "Rest is not a reward."
            ]
        );
        store
            .remove_from_deck("May I be gentle with myself today.")
            .unwrap();
        assert_eq!(
            texts(&store),
            [
                "I'm learning, and that is allowed to be slow.",
                "Rest is not a reward."
            ]
        );
    }

    #[test]
    fn the_next_line_is_never_the_last_one_nor_a_removed_one() {
        let mut store = store_with_deck();
        store.remove_from_deck("Rest is not a reward.").unwrap();
        // Whatever the pick, two lines alternate.
        let mut shown = Vec::new();
        for _ in 0..6 {
            shown.push(store.next_kind_line(|_| 0).unwrap().unwrap());
        }
        for pair in shown.windows(2) {
            assert_ne!(pair[0], pair[1]);
        }
        assert!(!shown.iter().any(|l| l == "Rest is not a reward."));
        // Shown last: the wish. With it taken out, one line is left; once it is shown,
        // nothing comes rather than a repeat.
        assert_eq!(shown[5], "May I be gentle with myself today.");
        store
            .remove_from_deck("May I be gentle with myself today.")
            .unwrap();
        let first = store.next_kind_line(|_| 0).unwrap();
        assert_eq!(
            first.as_deref(),
            Some("I'm learning, and that is allowed to be slow.")
        );
        assert_eq!(store.next_kind_line(|_| 0).unwrap(), None);
        assert_eq!(
            store.next_kind_line(|_| 0).unwrap(),
            first,
            "then it may come again"
        );
    }
}
