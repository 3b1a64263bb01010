//! What a journal holds, in brief: 256 digests of its records, published by each computer in
//! its own subfolder, so another can see what it lacks and send it again. This is what heals
//! a damaged or deleted change file, or a removed device folder: any computer that still
//! holds the records answers. Pure: the exchange reads and writes the files.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::domain::PersonalLists;
use crate::store::SyncKind;

/// How many buckets a journal's records are digested into.
pub const BUCKETS: usize = 256;

/// A journal's state as it publishes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub kindly_sync: u32,
    pub device: String,
    pub name: String,
    pub written_at: String,
    /// Each bucket's digest (the XOR of its records' digests), as hex.
    pub buckets: Vec<String>,
    /// For each device folder, the highest change-file number this journal has seen in it.
    #[serde(default)]
    pub seen: BTreeMap<String, i64>,
    /// Files in the folder this journal couldn't open, so their writer sends their
    /// records again.
    #[serde(default)]
    pub troubled: Vec<String>,
    /// The person's own lists (deck removals, added emotions and rituals): sets that only
    /// grow, so every computer that reads the others' states holds the same lists.
    #[serde(default, skip_serializing_if = "PersonalLists::is_empty")]
    pub personal: PersonalLists,
}

impl State {
    /// What the state says, without when it was written (two states that say the same
    /// thing are the same state). An error if the lists won't serialise: a gist without
    /// them would match a state whose lists differ, and the exchange would skip it.
    pub fn gist(&self) -> serde_json::Result<String> {
        let mut hash = Sha256::new();
        for b in &self.buckets {
            hash.update(b.as_bytes());
        }
        for (d, n) in &self.seen {
            hash.update(d.as_bytes());
            hash.update(n.to_le_bytes());
        }
        for f in &self.troubled {
            hash.update(f.as_bytes());
        }
        hash.update(serde_json::to_vec(&self.personal)?);
        Ok(hex(&hash.finalize()[..16]))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A record's bucket, from its kind and id alone (so it never moves).
pub fn bucket(kind: SyncKind, id: &uuid::Uuid) -> u8 {
    let mut hash = Sha256::new();
    hash.update(kind.as_str().as_bytes());
    hash.update(id.as_bytes());
    hash.finalize()[0]
}

/// A record's digest, from its canonical JSON.
pub fn digest(canonical: &str) -> i64 {
    let h = Sha256::digest(canonical.as_bytes());
    let mut eight = [0u8; 8];
    eight.copy_from_slice(&h[..8]);
    i64::from_le_bytes(eight)
}

/// The buckets of a journal, from each record's (bucket, digest).
pub fn buckets(records: &[(Option<u8>, Option<i64>)]) -> Vec<String> {
    let mut acc = [0i64; BUCKETS];
    for (b, d) in records {
        if let (Some(b), Some(d)) = (b, d) {
            acc[*b as usize] ^= d;
        }
    }
    acc.iter().map(|d| format!("{d:016x}")).collect()
}

/// The buckets in which two journals differ.
pub fn differing(mine: &[String], theirs: &[String]) -> Vec<u8> {
    (0..BUCKETS)
        .filter(|&i| mine.get(i) != theirs.get(i))
        .map(|i| i as u8)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_records_in_any_order_give_the_same_buckets() {
        let a = [(Some(1), Some(5)), (Some(1), Some(9)), (Some(200), Some(3))];
        let b = [(Some(200), Some(3)), (Some(1), Some(9)), (Some(1), Some(5))];
        assert_eq!(buckets(&a), buckets(&b));
        assert!(differing(&buckets(&a), &buckets(&b)).is_empty());
        let c = [(Some(1), Some(5)), (Some(200), Some(3))];
        assert_eq!(differing(&buckets(&a), &buckets(&c)), vec![1]);
    }

    #[test]
    fn a_record_stays_in_its_bucket_and_its_digest_follows_its_content() {
        let id = uuid::Uuid::new_v4();
        assert_eq!(
            bucket(SyncKind::CheckIn, &id),
            bucket(SyncKind::CheckIn, &id)
        );
        assert_ne!(digest("{\"mood\":5}"), digest("{\"mood\":6}"));
    }
}
