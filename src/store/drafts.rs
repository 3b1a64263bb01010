//! Autosaved work in progress: one JSON document per form slot.

use chrono::{SecondsFormat, Utc};
use rusqlite::{OptionalExtension, params};
use serde::{Serialize, de::DeserializeOwned};

use super::{Result, Store};

/// A draft as found in its slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftRead<T> {
    Read(T),
    /// It no longer reads as this kindly's draft: the text as it was saved.
    Unreadable(String),
}

impl Store {
    pub fn save_draft<T: Serialize>(&mut self, slot: &str, draft: &T) -> Result<()> {
        let body = serde_json::to_string(draft)?;
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO drafts (slot, body, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (slot) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            params![slot, body, Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn load_draft<T: DeserializeOwned>(&self, slot: &str) -> Result<Option<T>> {
        let body: Option<String> = self
            .conn
            .query_row("SELECT body FROM drafts WHERE slot = ?1", [slot], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(body.map(|b| serde_json::from_str(&b)).transpose()?)
    }

    /// Reads a draft tolerantly: one that no longer reads as `T` (a field renamed, a type
    /// changed by another version of kindly) comes back as its raw text, never an error,
    /// so it can be kept aside and the screen can still open.
    pub fn load_draft_or_raw<T: DeserializeOwned>(
        &self,
        slot: &str,
    ) -> Result<Option<DraftRead<T>>> {
        let body: Option<String> = self
            .conn
            .query_row("SELECT body FROM drafts WHERE slot = ?1", [slot], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(body.map(|b| match serde_json::from_str(&b) {
            Ok(draft) => DraftRead::Read(draft),
            Err(_) => DraftRead::Unreadable(b),
        }))
    }

    pub fn clear_draft(&mut self, slot: &str) -> Result<()> {
        let tx = self.write()?;
        tx.execute("DELETE FROM drafts WHERE slot = ?1", [slot])?;
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
            store.load_draft_or_raw::<Vec<u8>>("entry").unwrap(),
            Some(DraftRead::Unreadable("[\"a title\",7]".into()))
        );
    }
}
