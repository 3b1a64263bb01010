//! Where the person's own lists are kept (lines taken out of the deck, emotions and rituals
//! added as choices), read as one value and merged as one, for sync and import alike.

use rusqlite::{OptionalExtension, Transaction, params};

use super::checkins::stamp_now;
use super::{LabelKind, Result, Store};
use crate::domain::PersonalLists;

/// Where the journal keeps the choices added from the form: a JSON array each, in the
/// order they were added (the form offers them so).
fn added_key(kind: LabelKind) -> &'static str {
    match kind {
        LabelKind::Emotion => "added_emotions",
        LabelKind::Ritual => "added_rituals",
    }
}

fn added(conn: &rusqlite::Connection, kind: LabelKind) -> Result<Vec<String>> {
    let value: Option<String> = conn
        .query_row(
            "SELECT value FROM app_state WHERE key = ?1",
            [added_key(kind)],
            |r| r.get(0),
        )
        .optional()?;
    Ok(value
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default())
}

fn set_added(tx: &Transaction<'_>, kind: LabelKind, list: &[String]) -> Result<()> {
    let list = serde_json::to_string(list)?;
    tx.execute(
        "INSERT INTO app_state (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![added_key(kind), list],
    )?;
    Ok(())
}

fn read(conn: &rusqlite::Connection) -> Result<PersonalLists> {
    let mut stmt = conn.prepare_cached("SELECT line FROM deck_removed")?;
    let deck_removed = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(PersonalLists {
        deck_removed,
        added_emotions: added(conn, LabelKind::Emotion)?.into_iter().collect(),
        added_rituals: added(conn, LabelKind::Ritual)?.into_iter().collect(),
    })
}

/// Merges `other` into the lists, inside the caller's transaction (sync applies a change
/// file in one); returns how many lines and choices were new. The added choices keep
/// their order here: new ones come after, and a choice whose agreed spelling differs only
/// in case is spelt the agreed way where it stands.
pub(super) fn merge_in(tx: &Transaction<'_>, other: &PersonalLists) -> Result<usize> {
    let mut merged = read(tx)?;
    let new = merged.merge(other);
    let now = stamp_now();
    for line in &other.deck_removed {
        tx.execute(
            "INSERT INTO deck_removed (line, removed_at) VALUES (?1, ?2)
             ON CONFLICT (line) DO NOTHING",
            params![line, now],
        )?;
    }
    for (kind, agreed) in [
        (LabelKind::Emotion, &merged.added_emotions),
        (LabelKind::Ritual, &merged.added_rituals),
    ] {
        let before = added(tx, kind)?;
        let mut list: Vec<String> = before
            .iter()
            .filter_map(|b| agreed.iter().find(|a| a.eq_ignore_ascii_case(b)).cloned())
            .collect();
        for a in agreed {
            if !list.iter().any(|l| l.eq_ignore_ascii_case(a)) {
                list.push(a.clone());
            }
        }
        if list != before {
            set_added(tx, kind, &list)?;
        }
    }
    Ok(new)
}

impl Store {
    /// The person's own lists: what export and sync carry.
    pub fn personal_lists(&self) -> Result<PersonalLists> {
        read(&self.conn)
    }

    /// Takes in lists from elsewhere (another computer, an import) in one transaction;
    /// returns how many lines and choices were new (0 when all were here already).
    pub fn merge_personal_lists(&mut self, other: &PersonalLists) -> Result<usize> {
        let tx = self.write()?;
        let new = merge_in(&tx, other)?;
        tx.commit()?;
        Ok(new)
    }

    /// The emotions or rituals added as choices from the form, in the order added.
    pub fn added_choices(&self, kind: LabelKind) -> Result<Vec<String>> {
        added(&self.conn, kind)
    }

    /// Adds a choice from the form, unless it is there already in any case.
    pub fn add_choice(&mut self, kind: LabelKind, name: &str) -> Result<()> {
        let tx = self.write()?;
        let mut list = added(&tx, kind)?;
        if !list.iter().any(|l| l.eq_ignore_ascii_case(name)) {
            list.push(name.to_string());
            set_added(&tx, kind, &list)?;
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_merge_and_keep_their_order_here() {
        let mut store = Store::open_in_memory().unwrap();
        store.add_choice(LabelKind::Emotion, "wistful").unwrap();
        store.add_choice(LabelKind::Emotion, "calm-ish").unwrap();
        store.add_choice(LabelKind::Emotion, "Wistful").unwrap();
        store.remove_from_deck("May I rest.").unwrap();
        assert_eq!(
            store.added_choices(LabelKind::Emotion).unwrap(),
            ["wistful", "calm-ish"]
        );
        let mut theirs = PersonalLists::default();
        theirs.deck_removed.insert("Rest is not a reward.".into());
        theirs.added_emotions.insert("Wistful".into());
        theirs.added_emotions.insert("awe".into());
        theirs.added_rituals.insert("swim".into());
        assert_eq!(store.merge_personal_lists(&theirs).unwrap(), 3);
        // The agreed spelling where it stood; the new one after.
        assert_eq!(
            store.added_choices(LabelKind::Emotion).unwrap(),
            ["Wistful", "calm-ish", "awe"]
        );
        assert_eq!(store.added_choices(LabelKind::Ritual).unwrap(), ["swim"]);
        let lists = store.personal_lists().unwrap();
        assert_eq!(
            lists.deck_removed.iter().collect::<Vec<_>>(),
            ["May I rest.", "Rest is not a reward."]
        );
        assert_eq!(store.merge_personal_lists(&lists).unwrap(), 0);
        assert_eq!(store.merge_personal_lists(&theirs).unwrap(), 0);
        assert_eq!(store.personal_lists().unwrap(), lists);
    }
}
