//! Two windows on one computer, merged as two computers are: a save from a window whose
//! record changed since it was opened (another window, a command, an exchange) is merged
//! with what the journal holds now, field by field and text by text, with the same merge
//! an exchange uses. Where two texts overlap, this window's words go in the record and the
//! other version is kept as a copy in the trash.

use serde_json::{Map, Value};
use uuid::Uuid;

use super::change::{from_json, to_json};
use super::fields::{self, Clock, Incoming, Local, Stamps};
use crate::store::{Result, Store, StoreError, Whole};

/// How often a save reads the record again when it keeps changing under it.
const TRIES: usize = 20;

/// What a save over a changed record did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Over {
    /// The record had changed since it was opened here, and the two were merged.
    pub merged: bool,
    /// Copies in the trash holding the other version of a text that overlapped this one.
    pub kept: Vec<Uuid>,
}

/// Saves `mine`, an edit of `base` (the record as this window opened it; none for a new
/// record), over whatever the journal holds now, clearing this window's `draft` in the
/// same transaction.
pub fn save_over(
    store: &mut Store,
    base: Option<&Whole>,
    mine: &Whole,
    draft: Option<&str>,
) -> Result<Over> {
    for _ in 0..TRIES {
        let now = store.record_now(mine.kind(), mine.id())?;
        let (record, copies, merged) = match (&now, base) {
            (Some(theirs), Some(base)) if theirs != base => {
                let (record, copies) = merge(base, mine, theirs);
                (record, copies, true)
            }
            _ => (mine.clone(), Vec::new(), false),
        };
        if store.save_if_still(now.as_ref(), &record, &copies, draft)? {
            return Ok(Over {
                merged,
                kept: copies.iter().map(Whole::id).collect(),
            });
        }
    }
    Err(StoreError::InUse(
        store.path().map(Into::into).unwrap_or_default(),
    ))
}

/// `mine` and `theirs`, both made from `base`, as one record, and copies of the texts that
/// couldn't go in it.
pub fn merge(base: &Whole, mine: &Whole, theirs: &Whole) -> (Whole, Vec<Whole>) {
    let kind = base.kind();
    let (base_map, theirs_map) = (to_json(base, false), to_json(theirs, false));
    // A field this window left as it was takes the other window's value: only what was
    // changed here meets what was changed there.
    let mut mine_map = to_json(mine, false);
    for (name, value) in &theirs_map {
        if mine_map.get(name) == base_map.get(name) {
            mine_map.insert(name.clone(), value.clone());
        }
    }
    let here = |hlc| Clock {
        hlc,
        device: "this window".into(),
    };
    let none = Stamps::new();
    // Clocks in the order things happened: the version both started from, the other
    // window's save, then this one.
    let merged = fields::merge(
        &Local {
            record: &mine_map,
            agreed: &base_map,
            stamps: &none,
            pending: Some(here(2)),
            whole: here(0),
        },
        &Incoming {
            record: &theirs_map,
            stamps: &none,
            whole: Clock {
                hlc: 1,
                device: "another window".into(),
            },
        },
    );
    let copy = |map: &Map<String, Value>| from_json(kind, map).ok().map(|(whole, _)| whole);
    match from_json(kind, &merged.record) {
        Ok((record, _)) => {
            let copies = merged
                .kept
                .iter()
                .filter_map(|k| copy(&super::change::kept_copy(&merged.record, k, Uuid::new_v4())))
                .collect();
            (record, copies)
        }
        // A merge that doesn't read as a record keeps this window's whole, and the other.
        Err(_) => {
            let mut other = to_json(theirs, true);
            other.insert("id".into(), Value::String(Uuid::new_v4().to_string()));
            (mine.clone(), copy(&other).into_iter().collect())
        }
    }
}
