//! Autosaved work in progress: one JSON document per form slot and window, so several
//! windows on one journal each keep their own, and a window that ended leaves its drafts
//! for the next one to take up, one at a time.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{OptionalExtension, params};
use serde::{Serialize, de::DeserializeOwned};

use super::window::Window;
use super::{Result, Store};

/// A draft as found in its slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftRead<T> {
    Read(T),
    /// It no longer reads as this kindly's draft: the text as it was saved.
    Unreadable(String),
}

impl Store {
    /// Makes this store a window: its drafts are its own from now on, and other windows
    /// leave them alone while it runs.
    pub fn open_window(&mut self) {
        self.window = Window::open(self.path.as_deref());
    }

    pub fn save_draft<T: Serialize>(&mut self, slot: &str, draft: &T) -> Result<()> {
        let body = serde_json::to_string(draft)?;
        let window = self.window.id.clone();
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO drafts (window, slot, body, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (window, slot) DO UPDATE
                 SET body = excluded.body, updated_at = excluded.updated_at",
            params![
                window,
                slot,
                body,
                Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// This window's own draft in `slot`, else the newest one an ended window left there;
    /// only read, never taken up.
    pub fn load_draft<T: DeserializeOwned>(&self, slot: &str) -> Result<Option<T>> {
        let own: Option<String> = self
            .conn
            .query_row(
                "SELECT body FROM drafts WHERE window = ?1 AND slot = ?2",
                params![self.window.id, slot],
                |r| r.get(0),
            )
            .optional()?;
        let body = match own {
            Some(body) => Some(body),
            None => self.left_in(slot)?.pop().map(|(_, body)| body),
        };
        Ok(body.map(|b| serde_json::from_str(&b)).transpose()?)
    }

    /// This window's draft in `slot`, or else the oldest one a window that has ended left
    /// there, taken up as this window's own. Taking up is one write that only one window
    /// can win, so two windows never both carry on with the same words; a window still
    /// running keeps its drafts. Read tolerantly: one that no longer reads as `T` (a field
    /// renamed by another version of kindly) comes back as its raw text, never an error.
    pub fn take_draft<T: DeserializeOwned>(&mut self, slot: &str) -> Result<Option<DraftRead<T>>> {
        let Some(body) = self.own_or_left(slot)? else {
            return Ok(None);
        };
        Ok(Some(match serde_json::from_str(&body) {
            Ok(draft) => DraftRead::Read(draft),
            Err(_) => DraftRead::Unreadable(body),
        }))
    }

    fn own_or_left(&mut self, slot: &str) -> Result<Option<String>> {
        let me = self.window.id.clone();
        let own: Option<String> = self
            .conn
            .query_row(
                "SELECT body FROM drafts WHERE window = ?1 AND slot = ?2",
                params![me, slot],
                |r| r.get(0),
            )
            .optional()?;
        if own.is_some() {
            return Ok(own);
        }
        for (window, body) in self.left_in(slot)? {
            let tx = self.write()?;
            let taken = tx.execute(
                "UPDATE drafts SET window = ?1 WHERE window = ?2 AND slot = ?3 AND body = ?4",
                params![me, window, slot, body],
            )?;
            tx.commit()?;
            if taken == 1 {
                return Ok(Some(body));
            }
        }
        Ok(None)
    }

    /// Drafts in `slot` left by windows that have ended, oldest first.
    fn left_in(&self, slot: &str) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT window, body FROM drafts WHERE slot = ?1 AND window <> ?2
              ORDER BY updated_at, window",
        )?;
        let rows = stmt
            .query_map(params![slot, self.window.id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
        Ok(rows
            .into_iter()
            .filter(|(window, _)| !self.window.is_open(window))
            .collect())
    }

    /// How many drafts in `slot` wait from windows that have ended.
    pub fn drafts_left(&self, slot: &str) -> Result<usize> {
        Ok(self.left_in(slot)?.len())
    }

    /// When this window's draft in `slot` was last written.
    pub fn draft_written(&self, slot: &str) -> Result<Option<DateTime<Utc>>> {
        let at: Option<String> = self
            .conn
            .query_row(
                "SELECT updated_at FROM drafts WHERE window = ?1 AND slot = ?2",
                params![self.window.id, slot],
                |r| r.get(0),
            )
            .optional()?;
        Ok(at
            .and_then(|a| DateTime::parse_from_rfc3339(&a).ok())
            .map(|a| a.with_timezone(&Utc)))
    }

    pub fn clear_draft(&mut self, slot: &str) -> Result<()> {
        let window = self.window.id.clone();
        let tx = self.write()?;
        tx.execute(
            "DELETE FROM drafts WHERE window = ?1 AND slot = ?2",
            params![window, slot],
        )?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draft_round_trips_and_clears() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.load_draft::<Vec<String>>("checkin").unwrap(), None);
        store
            .save_draft("checkin", &vec!["half a thought".to_string()])
            .unwrap();
        store
            .save_draft("checkin", &vec!["a whole thought".to_string()])
            .unwrap();
        assert_eq!(
            store.load_draft::<Vec<String>>("checkin").unwrap(),
            Some(vec!["a whole thought".to_string()])
        );
        store.clear_draft("checkin").unwrap();
        assert_eq!(store.load_draft::<Vec<String>>("checkin").unwrap(), None);
    }

    #[test]
    fn a_draft_that_no_longer_reads_comes_back_as_its_text() {
        let mut store = Store::open_in_memory().unwrap();
        store.save_draft("entry", &("a title", 7)).unwrap();
        assert_eq!(
            store.take_draft::<Vec<u8>>("entry").unwrap(),
            Some(DraftRead::Unreadable("[\"a title\",7]".into()))
        );
    }

    #[test]
    fn a_running_windows_draft_is_its_own_and_an_ended_ones_is_taken_up_once() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("k.db");
        let mut first = Store::open(&db).unwrap();
        first.open_window();
        first.save_draft("checkin", &"first's words").unwrap();
        let mut second = Store::open(&db).unwrap();
        second.open_window();
        assert_eq!(
            second.take_draft::<String>("checkin").unwrap(),
            None,
            "a running window's draft is never taken"
        );
        second.save_draft("checkin", &"second's words").unwrap();
        drop(first);
        let mut third = Store::open(&db).unwrap();
        third.open_window();
        let mut fourth = Store::open(&db).unwrap();
        fourth.open_window();
        assert_eq!(
            third.take_draft::<String>("checkin").unwrap(),
            Some(DraftRead::Read("first's words".into()))
        );
        assert_eq!(
            fourth.take_draft::<String>("checkin").unwrap(),
            None,
            "taken up once, by one window"
        );
        assert_eq!(
            second.load_draft::<String>("checkin").unwrap().as_deref(),
            Some("second's words")
        );
    }
}
