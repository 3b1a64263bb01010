//! Merging one record field by field: each field carries its own clock, so edits to
//! different fields on two computers both survive; two edits of the same text are merged
//! against the version they started from, and when they overlap both are kept (the later
//! in the record, the other as a copy in the trash). Pure: records are JSON objects in the
//! kindly JSON shape, so it knows nothing of record kinds.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

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
    let keep = |value: &Value| Field {
        value: value.clone(),
        agreed: agreed.clone(),
        stamp: mine.stamp.clone(),
        both: false,
        kept: None,
    };
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
            return keep(mine.value);
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
    // The newer one was made from the older: a plain step forward.
    if newer.stamp.from.as_ref() == Some(&older.stamp.at) {
        return take(newer.value.clone(), newer.stamp.clone());
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

/// Orders two values with the same clock, the same way everywhere.
fn tie(v: &Value) -> String {
    v.to_string()
}

fn as_text(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

fn has_words(v: &Value) -> bool {
    !as_text(v).trim().is_empty()
}

/// Whether every line of `part` is still in `whole` (so taking `whole` loses no words).
fn contains(whole: &Value, part: &Value) -> bool {
    let whole = as_text(whole);
    as_text(part)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .all(|l| whole.contains(l))
}

/// Merges two texts made from `base`; `None` when their changes overlap. Texts are
/// compared sentence by sentence, so two sentences added to one paragraph both stay.
fn merge_text(base: &Value, ours: &Value, theirs: &Value) -> Option<Value> {
    let (b, o, t) = (
        split(as_text(base)),
        split(as_text(ours)),
        split(as_text(theirs)),
    );
    let merged = diffy::merge(&b, &o, &t).ok()?;
    let text = join(&merged);
    Some(if text.is_empty() {
        Value::Null
    } else {
        Value::String(text)
    })
}

/// One sentence, or the spaces between two, a row, so a line-based merge sees sentences
/// and a sentence added beside another isn't an overlap; `join` undoes it. A line break of
/// the text itself is kept as a row holding only this stand-in.
const BREAK: &str = "\u{1}";

fn split(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str(BREAK);
            out.push('\n');
        }
        let mut rest = line;
        while !rest.is_empty() {
            let at = sentence_end(rest);
            out.push_str(&rest[..at]);
            out.push('\n');
            rest = &rest[at..];
        }
    }
    out
}

fn join(rows: &str) -> String {
    let mut out = String::new();
    for row in rows.split_inclusive('\n') {
        let row = row.strip_suffix('\n').unwrap_or(row);
        if row == BREAK {
            out.push('\n');
        } else {
            out.push_str(row);
        }
    }
    out
}

/// Where the first row of `text` ends: a run of spaces is a row of its own, and a sentence
/// ends after its stop when spaces follow.
fn sentence_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    let spaces = bytes.iter().take_while(|b| **b == b' ').count();
    if spaces > 0 {
        return spaces;
    }
    for (i, b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' ') {
            return i + 1;
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn clock(hlc: i64, device: &str) -> Clock {
        Clock {
            hlc,
            device: device.into(),
        }
    }

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    fn stamps(fields: &[(&str, i64, &str, Option<i64>)]) -> Stamps {
        fields
            .iter()
            .map(|(f, h, d, from)| {
                (
                    f.to_string(),
                    Stamp {
                        at: clock(*h, d),
                        from: from.map(|h| clock(h, "a")),
                        base: None,
                    },
                )
            })
            .collect()
    }

    #[test]
    fn sentences_survive_a_round_trip_through_rows() {
        for text in [
            "",
            "One. Two!  Three?",
            "a\nb\n\nc. d",
            "ends with a stop. ",
            " x\n\n",
        ] {
            assert_eq!(join(&split(text)), text);
        }
    }

    #[test]
    fn mood_from_one_computer_and_a_note_sentence_from_the_other_both_survive() {
        // This journal sent its mood change; the other added a sentence to the note.
        let here = obj(json!({"id": "x", "mood": 7, "note": "Walked."}));
        let there = obj(json!({"id": "x", "mood": 5, "note": "Walked. It rained."}));
        let m = merge(
            &Local {
                record: &here,
                agreed: &here,
                stamps: &stamps(&[("mood", 20, "a", Some(10)), ("note", 10, "a", None)]),
                pending: None,
                whole: clock(10, "a"),
            },
            &Incoming {
                record: &there,
                stamps: &stamps(&[("mood", 10, "a", None), ("note", 21, "b", Some(10))]),
                whole: clock(10, "a"),
            },
        );
        assert_eq!(m.record["mood"], json!(7));
        assert_eq!(m.record["note"], json!("Walked. It rained."));
        assert!(m.kept.is_empty());
    }

    #[test]
    fn an_unsent_edit_and_another_computers_edit_of_the_same_note_merge() {
        let agreed = obj(json!({"note": "First. Second."}));
        let here = obj(json!({"note": "First. Mine. Second."}));
        let there = obj(json!({"note": "First. Second. Theirs."}));
        let m = merge(
            &Local {
                record: &here,
                agreed: &agreed,
                stamps: &stamps(&[("note", 10, "a", None)]),
                pending: Some(clock(30, "a")),
                whole: clock(10, "a"),
            },
            &Incoming {
                record: &there,
                stamps: &stamps(&[("note", 20, "b", Some(10))]),
                whole: clock(10, "a"),
            },
        );
        assert_eq!(m.record["note"], json!("First. Mine. Second. Theirs."));
        assert_eq!(m.agreed["note"], json!("First. Second. Theirs."));
        assert_eq!(m.both, 1);
    }

    #[test]
    fn overlapping_edits_keep_both_texts() {
        let agreed = obj(json!({"body": "Today."}));
        let here = obj(json!({"body": "Today was long."}));
        let there = obj(json!({"body": "Today was lovely."}));
        let m = merge(
            &Local {
                record: &here,
                agreed: &agreed,
                stamps: &stamps(&[("body", 10, "a", None)]),
                pending: Some(clock(30, "a")),
                whole: clock(10, "a"),
            },
            &Incoming {
                record: &there,
                stamps: &stamps(&[("body", 20, "b", Some(10))]),
                whole: clock(10, "a"),
            },
        );
        assert_eq!(m.record["body"], json!("Today was long."));
        assert_eq!(m.kept.len(), 1);
        assert_eq!(m.kept[0].text, json!("Today was lovely."));
    }

    #[test]
    fn two_published_versions_settle_the_same_way_from_either_side() {
        let l = obj(json!({"note": "A. B. C."}));
        let i = obj(json!({"note": "Z. A. B."}));
        let mut sl = stamps(&[("note", 20, "a", Some(10))]);
        let mut si = stamps(&[("note", 25, "b", Some(10))]);
        for s in [&mut sl, &mut si] {
            s.get_mut("note").unwrap().base = Some(json!("A. B."));
        }
        let at_l = merge(
            &Local {
                record: &l,
                agreed: &l,
                stamps: &sl,
                pending: None,
                whole: clock(1, "a"),
            },
            &Incoming {
                record: &i,
                stamps: &si,
                whole: clock(1, "a"),
            },
        );
        let at_i = merge(
            &Local {
                record: &i,
                agreed: &i,
                stamps: &si,
                pending: None,
                whole: clock(1, "a"),
            },
            &Incoming {
                record: &l,
                stamps: &sl,
                whole: clock(1, "a"),
            },
        );
        assert_eq!(at_l.record["note"], json!("Z. A. B. C."));
        assert_eq!(at_l.record["note"], at_i.record["note"]);
        assert_eq!(at_l.stamps, at_i.stamps);
    }

    #[test]
    fn a_step_forward_is_taken_and_an_older_version_is_passed_over() {
        let old = obj(json!({"mood": 3}));
        let new = obj(json!({"mood": 6}));
        let s_old = stamps(&[("mood", 10, "a", None)]);
        let s_new = stamps(&[("mood", 20, "b", Some(10))]);
        let forward = merge(
            &Local {
                record: &old,
                agreed: &old,
                stamps: &s_old,
                pending: None,
                whole: clock(1, "a"),
            },
            &Incoming {
                record: &new,
                stamps: &s_new,
                whole: clock(1, "a"),
            },
        );
        assert_eq!(forward.record["mood"], json!(6));
        let back = merge(
            &Local {
                record: &new,
                agreed: &new,
                stamps: &s_new,
                pending: None,
                whole: clock(1, "a"),
            },
            &Incoming {
                record: &old,
                stamps: &s_old,
                whole: clock(1, "a"),
            },
        );
        assert_eq!(back.record["mood"], json!(6));
        assert!(!back.changed);
    }
}
