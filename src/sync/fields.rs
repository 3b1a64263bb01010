//! Merging one record field by field: each field carries its own clock, so edits to
//! different fields on two computers both survive; two edits of the same text are merged
//! against the version they started from, and when they overlap both are kept (the later
//! in the record, the other as a copy in the trash). Pure: records are JSON objects in the
//! kindly JSON shape, so it knows nothing of record kinds.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::texts::{contains, has_words, merge_text};

/// When a field was last changed, and by which device; ordered by clock, then device, so
/// every computer picks the same one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Clock {
    pub hlc: i64,
    pub device: String,
}

/// A field's clock, the clock of the version it was made from (when known), and for a
/// text the words it was written over, so any computer meeting two edits of the same
/// text made from one version can merge them the same way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub at: Clock,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Clock>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Value>,
}

impl Stamp {
    pub fn at(at: Clock) -> Stamp {
        Stamp {
            at,
            from: None,
            base: None,
        }
    }
}

/// Every field's stamp, by field name.
pub type Stamps = BTreeMap<String, Stamp>;

/// The field that says whether a record is in the trash; it travels like any other.
pub const TRASHED: &str = "_trashed";

/// Fields written in words, merged as text; every other field is settled by its clock.
const TEXTS: [&str; 13] = [
    "note",
    "situation",
    "thought",
    "voice",
    "friend",
    "reframe",
    "evidence_for",
    "evidence_against",
    "title",
    "body",
    "moment",
    "shared",
    "wish",
];

pub fn is_text(field: &str) -> bool {
    TEXTS.contains(&field)
}

/// This journal's side of a record.
pub struct Local<'a> {
    pub record: &'a Map<String, Value>,
    /// The record as it was last sent or received (what a local edit started from).
    pub agreed: &'a Map<String, Value>,
    pub stamps: &'a Stamps,
    /// The clock of an edit made here and not yet sent, if there is one.
    pub pending: Option<Clock>,
    /// The clock of fields that have no stamp of their own (versions from before fields
    /// had clocks).
    pub whole: Clock,
}

/// Another computer's version of the record.
pub struct Incoming<'a> {
    pub record: &'a Map<String, Value>,
    pub stamps: &'a Stamps,
    pub whole: Clock,
}

/// A text that lost to another version of the same field, kept as a copy.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    pub field: String,
    pub text: Value,
    pub clock: Clock,
    /// Whether it holds words only this journal has (a local edit not yet sent).
    pub unsent: bool,
}

/// What merging gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub record: Map<String, Value>,
    pub agreed: Map<String, Value>,
    pub stamps: Stamps,
    /// Whether the record here changed.
    pub changed: bool,
    /// Fields changed on both sides (whatever the outcome).
    pub both: usize,
    pub kept: Vec<Kept>,
}

fn stamp_of(stamps: &Stamps, field: &str, whole: &Clock) -> Stamp {
    stamps
        .get(field)
        .cloned()
        .unwrap_or_else(|| Stamp::at(whole.clone()))
}

/// Merges another computer's version of a record into this journal's.
pub fn merge(local: &Local, incoming: &Incoming) -> Merged {
    let mut out = Merged {
        record: local.record.clone(),
        agreed: local.agreed.clone(),
        stamps: local.stamps.clone(),
        changed: false,
        both: 0,
        kept: Vec::new(),
    };
    let mut names: Vec<&String> = local.record.keys().chain(incoming.record.keys()).collect();
    names.sort();
    names.dedup();
    for name in names {
        if name == "id" {
            continue;
        }
        let mine = local.record.get(name).unwrap_or(&Value::Null);
        let agreed = local.agreed.get(name).unwrap_or(&Value::Null);
        let theirs = incoming.record.get(name).unwrap_or(&Value::Null);
        let here = stamp_of(local.stamps, name, &local.whole);
        let there = stamp_of(incoming.stamps, name, &incoming.whole);
        let edited = local.pending.is_some() && mine != agreed;
        let field = one(
            name,
            Side {
                value: mine,
                stamp: &here,
            },
            agreed,
            edited.then(|| local.pending.clone()).flatten(),
            Side {
                value: theirs,
                stamp: &there,
            },
        );
        if field.value != *mine {
            out.changed = true;
        }
        out.both += usize::from(field.both);
        out.kept
            .extend(field.kept.map(|(text, clock, unsent)| Kept {
                field: name.clone(),
                text,
                clock,
                unsent,
            }));
        set(&mut out.record, name, field.value);
        set(&mut out.agreed, name, field.agreed);
        out.stamps.insert(name.clone(), field.stamp);
    }
    out
}

fn set(map: &mut Map<String, Value>, name: &str, value: Value) {
    map.insert(name.to_string(), value);
}

struct Side<'a> {
    value: &'a Value,
    stamp: &'a Stamp,
}

struct Field {
    value: Value,
    agreed: Value,
    stamp: Stamp,
    both: bool,
    kept: Option<(Value, Clock, bool)>,
}

/// One field. `edited` is the clock of an unsent edit here, if this field has one.
fn one(name: &str, mine: Side, agreed: &Value, edited: Option<Clock>, theirs: Side) -> Field {
    let text = is_text(name);
    let take = |value: Value, stamp: Stamp| Field {
        agreed: value.clone(),
        value,
        stamp,
        both: false,
        kept: None,
    };
    if mine.value == theirs.value {
        let stamp = if theirs.stamp.at > mine.stamp.at {
            theirs.stamp.clone()
        } else {
            mine.stamp.clone()
        };
        return take(mine.value.clone(), stamp);
    }
    if let Some(pending) = edited {
        // An edit made here, not yet sent, meets another computer's.
        if theirs.stamp.at <= mine.stamp.at {
            return older_under_an_edit(name, mine, agreed, theirs);
        }
        let agreed_now = theirs.value.clone();
        if text {
            if let Some(m) = merge_text(agreed, mine.value, theirs.value) {
                return Field {
                    value: m,
                    agreed: agreed_now,
                    stamp: theirs.stamp.clone(),
                    both: true,
                    kept: None,
                };
            }
            let (value, kept) = if pending > theirs.stamp.at {
                (
                    mine.value.clone(),
                    (theirs.value.clone(), theirs.stamp.at.clone(), false),
                )
            } else {
                (theirs.value.clone(), (mine.value.clone(), pending, true))
            };
            return Field {
                value,
                agreed: agreed_now,
                stamp: theirs.stamp.clone(),
                both: true,
                kept: has_words(&kept.0).then_some(kept),
            };
        }
        let value = if pending > theirs.stamp.at {
            mine.value.clone()
        } else {
            theirs.value.clone()
        };
        return Field {
            value,
            agreed: agreed_now,
            stamp: theirs.stamp.clone(),
            both: true,
            kept: None,
        };
    }
    // Both versions are published: every computer that meets the two must settle them
    // the same way, so the older text is always "ours" and the newer "theirs".
    let newer_is_theirs = theirs.stamp.at > mine.stamp.at
        || (theirs.stamp.at == mine.stamp.at && tie(theirs.value) > tie(mine.value));
    let (older, newer) = if newer_is_theirs {
        (&mine, &theirs)
    } else {
        (&theirs, &mine)
    };
    // The newer one was made from the older: a plain step forward. A merge keeps the
    // newer text's clock, so one clock can name two texts: when the words the newer was
    // written over aren't the older's, the older may hold words it never saw.
    if newer.stamp.from.as_ref() == Some(&older.stamp.at) {
        let over_other_words = text
            && newer.stamp.base.as_ref().is_some_and(|b| b != older.value)
            && !contains(newer.value, older.value)
            && has_words(older.value);
        return Field {
            kept: over_other_words.then(|| (older.value.clone(), older.stamp.at.clone(), false)),
            both: over_other_words,
            ..take(newer.value.clone(), newer.stamp.clone())
        };
    }
    // The older one was made from the newer's clock (a merge re-stamped): the newer wins.
    if older.stamp.from.as_ref() == Some(&newer.stamp.at) && newer.stamp.at != older.stamp.at {
        return take(newer.value.clone(), newer.stamp.clone());
    }
    if !text {
        return take(newer.value.clone(), newer.stamp.clone());
    }
    if contains(newer.value, older.value) {
        return take(newer.value.clone(), newer.stamp.clone());
    }
    if contains(older.value, newer.value) && older.stamp.at == newer.stamp.at {
        return take(older.value.clone(), newer.stamp.clone());
    }
    // Both written over the same version: merge them against the words it held.
    let base = (older.stamp.from.is_some() && older.stamp.from == newer.stamp.from)
        .then(|| newer.stamp.base.as_ref().or(older.stamp.base.as_ref()))
        .flatten();
    if let Some(m) = base.and_then(|b| merge_text(b, older.value, newer.value)) {
        return Field {
            agreed: m.clone(),
            value: m,
            stamp: newer.stamp.clone(),
            both: true,
            kept: None,
        };
    }
    Field {
        value: newer.value.clone(),
        agreed: newer.value.clone(),
        stamp: newer.stamp.clone(),
        both: true,
        kept: has_words(older.value).then(|| (older.value.clone(), older.stamp.at.clone(), false)),
    }
}

/// An older version of a field arriving where an edit of it waits to be sent. It may hold
/// words the version that edit started from never had (two computers each wrote over the
/// same version, and this one heard of the other's late): those are merged into the edit,
/// or kept as a copy when they overlap, never passed over.
fn older_under_an_edit(name: &str, mine: Side, agreed: &Value, theirs: Side) -> Field {
    // How the version the edit started from settles with the older one, as on a computer
    // with no edit waiting.
    let published = one(
        name,
        Side {
            value: agreed,
            stamp: mine.stamp,
        },
        agreed,
        None,
        theirs,
    );
    let unchanged = published.value == *agreed;
    // Not a text: the edit waiting here is the newest, so it stands.
    let merged = if unchanged || !is_text(name) {
        Some(mine.value.clone())
    } else {
        merge_text(agreed, mine.value, &published.value)
    };
    let kept = match &merged {
        Some(_) => published.kept,
        None => has_words(&published.value)
            .then(|| (published.value.clone(), published.stamp.at.clone(), false)),
    };
    Field {
        value: merged.unwrap_or_else(|| mine.value.clone()),
        agreed: published.value,
        stamp: published.stamp,
        both: published.both || !unchanged,
        kept,
    }
}

/// Orders two values with the same clock, the same way everywhere.
fn tie(v: &Value) -> String {
    v.to_string()
}

#[cfg(test)]
#[path = "fields_tests.rs"]
mod tests;
