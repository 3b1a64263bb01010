//! One change file's content, before encryption: which device wrote it, its number, when,
//! and whole records (in the kindly JSON types) each with its version.

use serde::{Deserialize, Serialize};

use crate::domain::InvalidInput;
use crate::io::kindly_json::{
    BreakRecord, CheckInRecord, EntryRecord, SessionRecord, ThoughtRecord,
};
use crate::store::{Version, Whole};

/// The change-file format this kindly writes and reads; a later one is left for a later
/// kindly.
pub const FORMAT: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
pub struct Change {
    pub kindly_sync: u32,
    pub device: String,
    pub name: String,
    pub seq: i64,
    pub written_at: String,
    #[serde(default)]
    pub checkins: Vec<Versioned<CheckInRecord>>,
    #[serde(default)]
    pub thoughts: Vec<Versioned<ThoughtRecord>>,
    #[serde(default)]
    pub entries: Vec<Versioned<EntryRecord>>,
    #[serde(default)]
    pub breaks: Vec<Versioned<BreakRecord>>,
    #[serde(default)]
    pub session: Vec<Versioned<SessionRecord>>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Versioned<R> {
    pub hlc: i64,
    pub device: String,
    #[serde(default)]
    pub trashed: bool,
    pub record: R,
}

/// Just enough to see which format a file is in, before reading the rest.
#[derive(Deserialize)]
pub struct Head {
    pub kindly_sync: u32,
}

impl Change {
    pub fn new(
        device: &str,
        name: &str,
        seq: i64,
        written_at: String,
        versions: &[Version],
    ) -> Self {
        let mut c = Change {
            kindly_sync: FORMAT,
            device: device.to_string(),
            name: name.to_string(),
            seq,
            written_at,
            checkins: Vec::new(),
            thoughts: Vec::new(),
            entries: Vec::new(),
            breaks: Vec::new(),
            session: Vec::new(),
        };
        for v in versions {
            macro_rules! push {
                ($list:ident, $r:expr) => {
                    c.$list.push(Versioned {
                        hlc: v.hlc,
                        device: v.device.clone(),
                        trashed: v.trashed,
                        record: $r.into(),
                    })
                };
            }
            match &v.record {
                Whole::CheckIn(r) => push!(checkins, r),
                Whole::Thought(r) => push!(thoughts, r),
                Whole::Entry(r) => push!(entries, r),
                Whole::Break(r) => push!(breaks, r),
                Whole::Session(r) => push!(session, r),
            }
        }
        c
    }

    /// The versions it carries, every record checked as an import would check it.
    pub fn versions(&self) -> Result<Vec<Version>, InvalidInput> {
        let mut out = Vec::new();
        fn version<R>(v: &Versioned<R>, record: Whole) -> Version {
            Version {
                hlc: v.hlc,
                device: v.device.clone(),
                trashed: v.trashed,
                record,
            }
        }
        for (i, v) in self.checkins.iter().enumerate() {
            let r = v.record.to_domain(&format!("checkins[{i}]"))?;
            out.push(version(v, Whole::CheckIn(r)));
        }
        for (i, v) in self.thoughts.iter().enumerate() {
            let r = v.record.to_domain(&format!("thoughts[{i}]"))?;
            out.push(version(v, Whole::Thought(r)));
        }
        for (i, v) in self.entries.iter().enumerate() {
            let r = v.record.to_domain(&format!("entries[{i}]"))?;
            out.push(version(v, Whole::Entry(r)));
        }
        for (i, v) in self.breaks.iter().enumerate() {
            let r = v.record.to_domain(&format!("breaks[{i}]"))?;
            out.push(version(v, Whole::Break(r)));
        }
        for (i, v) in self.session.iter().enumerate() {
            let r = v.record.to_domain(&format!("session[{i}]"))?;
            out.push(version(v, Whole::Session(r)));
        }
        Ok(out)
    }
}
