//! One change file's content, before it is sealed: which device wrote it, its number, when,
//! and records in the kindly JSON shape, each with its fields' clocks and, for the text
//! fields it changed, the text it was written over (so a receiver can merge).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::fields::{Stamps, TRASHED};
use crate::domain::InvalidInput;
use crate::io::kindly_json::{
    BreakRecord, CheckInRecord, EntryRecord, SessionRecord, ThoughtRecord,
};
use crate::store::{SyncKind, Whole};

/// The change-file format this kindly writes and reads; a later one is left for a later
/// kindly. Format 1 files were not signed, and are never applied.
pub const FORMAT: u32 = 2;

#[derive(Debug, Serialize, Deserialize)]
pub struct Change {
    pub kindly_sync: u32,
    pub device: String,
    pub name: String,
    pub seq: i64,
    pub written_at: String,
    #[serde(default)]
    pub records: Vec<Versioned>,
}

/// One record as a change carries it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Versioned {
    pub kind: String,
    /// The newest of its fields' clocks, and the device whose change that is.
    pub hlc: i64,
    pub device: String,
    /// The record in the kindly JSON shape, with `_trashed`.
    pub record: Map<String, Value>,
    #[serde(default)]
    pub stamps: Stamps,
}

/// Just enough to see which format a file is in, before reading the rest.
#[derive(Deserialize)]
pub struct Head {
    pub kindly_sync: u32,
}

/// A record in the kindly JSON shape, `_trashed` included.
pub fn to_json(record: &Whole, trashed: bool) -> Map<String, Value> {
    let value = match record {
        Whole::CheckIn(r) => serde_json::to_value(CheckInRecord::from(r)),
        Whole::Thought(r) => serde_json::to_value(ThoughtRecord::from(r)),
        Whole::Entry(r) => serde_json::to_value(EntryRecord::from(r)),
        Whole::Break(r) => serde_json::to_value(BreakRecord::from(r)),
        Whole::Session(r) => serde_json::to_value(SessionRecord::from(r)),
    };
    let mut map = match value {
        Ok(Value::Object(map)) => map,
        // The record types are plain structs: they always serialise to an object.
        _ => Map::new(),
    };
    map.insert(TRASHED.into(), Value::Bool(trashed));
    map
}

/// The record a JSON object holds, checked as an import would check it, and whether it is
/// in the trash.
pub fn from_json(kind: SyncKind, map: &Map<String, Value>) -> Result<(Whole, bool), InvalidInput> {
    let mut map = map.clone();
    let trashed = map
        .remove(TRASHED)
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let value = Value::Object(map);
    let bad =
        |e: serde_json::Error| InvalidInput::new("sync", format!("a record can't be read: {e}"));
    let whole = match kind {
        SyncKind::CheckIn => Whole::CheckIn(
            serde_json::from_value::<CheckInRecord>(value)
                .map_err(bad)?
                .to_domain("record")?,
        ),
        SyncKind::Thought => Whole::Thought(
            serde_json::from_value::<ThoughtRecord>(value)
                .map_err(bad)?
                .to_domain("record")?,
        ),
        SyncKind::Entry => Whole::Entry(
            serde_json::from_value::<EntryRecord>(value)
                .map_err(bad)?
                .to_domain("record")?,
        ),
        SyncKind::Break => Whole::Break(
            serde_json::from_value::<BreakRecord>(value)
                .map_err(bad)?
                .to_domain("record")?,
        ),
        SyncKind::Session => Whole::Session(
            serde_json::from_value::<SessionRecord>(value)
                .map_err(bad)?
                .to_domain("record")?,
        ),
    };
    Ok((whole, trashed))
}

/// The same record, serialised the same way on every computer (for digests).
pub fn canonical(record: &Whole, trashed: bool) -> String {
    Value::Object(to_json(record, trashed)).to_string()
}

/// The record with the text that lost in place of the merged one, in the trash under
/// `id`: the copy that keeps the other version's words.
pub fn kept_copy(
    record: &Map<String, Value>,
    kept: &super::fields::Kept,
    id: uuid::Uuid,
) -> Map<String, Value> {
    let mut copy = record.clone();
    copy.insert(kept.field.clone(), kept.text.clone());
    copy.insert(TRASHED.into(), Value::Bool(true));
    copy.insert("id".into(), Value::String(id.to_string()));
    copy
}
