//! Reading the other computers' change files: each checked (signed by a holder of the sync
//! passphrase, whole, not dated ahead), then merged into this journal field by field, in
//! one transaction a file.

use std::collections::HashSet;
use std::path::Path;

use serde_json::{Map, Value};
use uuid::Uuid;

use super::change::{self, Change, Versioned};
use super::exchanged::Exchanged;
use super::fields::{self, Clock, Incoming, Local, Stamp, Stamps};
use super::folder::{DEVICES, Result};
use super::layout::{DAY_HLC, change_files, device_dirs};
use super::seal::{Keys, MAX_FILE, Refused};
use super::state;
use crate::store::{DeviceSeen, Held, Me, Settled, Store, SyncKind};

/// Why a file is in `sync_troubled`: not signed by a computer of yours.
pub const NOT_YOURS: &str = "not yours";
/// Can't be opened (cut short, damaged, or still arriving).
const UNOPENED: &str = "unopened";
/// After this many exchanges finding a file the same size and unopened, it is damaged,
/// not still being copied.
pub const SETTLED: i64 = 2;

/// Ids of the copies kept when two texts overlapped: the same on every computer.
const KEPT: Uuid = Uuid::from_u128(0x6b69_6e64_6c79_4b65_8000_7074_636f_7079);

pub fn receive(
    store: &mut Store,
    me: &Me,
    keys: &Keys,
    folder: &Path,
    done: &mut Exchanged,
) -> Result<()> {
    let applied: HashSet<String> = store.sync_applied_files()?;
    let mut present = HashSet::new();
    for (device, dir) in device_dirs(folder) {
        if device == me.device {
            continue;
        }
        for file in change_files(&dir) {
            let Some(name) = file.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let key = format!("{DEVICES}/{device}/{name}");
            present.insert(key.clone());
            if applied.contains(&key) {
                continue;
            }
            if let Some(change) = read(store, keys, &device, &file, &key, done)? {
                apply(store, me, &key, &change, done)?;
            }
        }
    }
    store.sync_trouble_gone(&present)?;
    Ok(())
}

/// Opens one change file, or says why not (and remembers it, to tell a file still being
/// copied from a damaged one).
fn read(
    store: &mut Store,
    keys: &Keys,
    device: &str,
    file: &Path,
    key: &str,
    done: &mut Exchanged,
) -> Result<Option<Change>> {
    let Ok(meta) = std::fs::metadata(file) else {
        done.unfinished += 1;
        return Ok(None);
    };
    let size = i64::try_from(meta.len()).unwrap_or(i64::MAX);
    let opened = if meta.len() > MAX_FILE {
        Err(Refused::Damaged)
    } else {
        match std::fs::read(file) {
            Ok(bytes) => keys.open(device, &bytes),
            Err(_) => Err(Refused::Damaged),
        }
    };
    let plain = match opened {
        Ok(plain) => plain,
        Err(Refused::Unsigned | Refused::Forged) => {
            store.sync_trouble(key, size, NOT_YOURS)?;
            done.foreign += 1;
            return Ok(None);
        }
        Err(Refused::Newer) => {
            done.newer += 1;
            return Ok(None);
        }
        Err(_) => {
            if store.sync_trouble(key, size, UNOPENED)? >= SETTLED {
                done.damaged += 1;
            } else {
                done.unfinished += 1;
            }
            return Ok(None);
        }
    };
    match serde_json::from_slice::<change::Head>(&plain) {
        Ok(head) if head.kindly_sync > change::FORMAT => {
            done.newer += 1;
            return Ok(None);
        }
        Ok(_) => {}
        Err(_) => {
            store.sync_trouble(key, size, UNOPENED)?;
            done.damaged += 1;
            return Ok(None);
        }
    }
    match serde_json::from_slice::<Change>(&plain) {
        // Signed, but claiming another device than the folder it sits in.
        Ok(change) if change.device != device => {
            store.sync_trouble(key, size, NOT_YOURS)?;
            done.foreign += 1;
            Ok(None)
        }
        Ok(change) => Ok(Some(change)),
        Err(_) => {
            store.sync_trouble(key, size, UNOPENED)?;
            done.damaged += 1;
            Ok(None)
        }
    }
}

/// Counts one file's merge adds to the exchange's.
#[derive(Default)]
struct Tally {
    received: usize,
    both: usize,
    kept: usize,
    refused: usize,
}

/// Applies one change file; decided again if the journal changed meanwhile (another
/// window saved), so a save made here is never overwritten by a stale decision.
fn apply(
    store: &mut Store,
    me: &Me,
    key: &str,
    change: &Change,
    done: &mut Exchanged,
) -> Result<()> {
    let from = DeviceSeen {
        device: change.device.clone(),
        name: change.name.clone(),
        last_wrote: change.written_at.clone(),
        files: 1,
    };
    for _ in 0..5 {
        let limit = store.sync_clock()?.saturating_add(DAY_HLC);
        // Every record's copy here is read in one read transaction: the journal's lock is
        // taken once for the file, not once for each read.
        let (settled, tally, newest) =
            store.in_one_read(|store| decide(store, me, change, limit))?;
        if store.sync_apply(Some((key, &from)), &settled, newest)? {
            done.received += tally.received;
            done.both_changed += tally.both;
            done.kept += tally.kept;
            done.refused += tally.refused;
            return Ok(());
        }
    }
    // The journal kept changing under the exchange: the file waits for the next one.
    done.unfinished += 1;
    Ok(())
}

/// What applying one change file would settle, from the journal as it is now; with the
/// counts it adds and the newest clock it carries.
fn decide(
    store: &Store,
    me: &Me,
    change: &Change,
    limit: i64,
) -> Result<(Vec<Settled>, Tally, i64)> {
    let latest_day = chrono::Local::now().fixed_offset() + chrono::Duration::days(1);
    let mut tally = Tally::default();
    let mut settled = Vec::new();
    let mut newest = 0;
    for v in &change.records {
        let Some(kind) = SyncKind::parse(&v.kind) else {
            tally.refused += 1;
            continue;
        };
        let clocks_fine = (0..=limit).contains(&v.hlc)
            && v.stamps.values().all(|s| (0..=limit).contains(&s.at.hlc));
        let Ok((whole, trashed)) = change::from_json(kind, &v.record) else {
            tally.refused += 1;
            continue;
        };
        if !clocks_fine || whole.at() > latest_day {
            tally.refused += 1;
            continue;
        }
        newest = v
            .stamps
            .values()
            .map(|s| s.at.hlc)
            .chain([v.hlc])
            .fold(newest, i64::max);
        let held = store.sync_held(kind, whole.id())?;
        settle(
            store,
            me,
            kind,
            held,
            v,
            whole,
            trashed,
            &mut settled,
            &mut tally,
        )?;
    }
    Ok((settled, tally, newest))
}

/// Fills in a clock for every field that has none (versions from before fields had them).
pub fn full_stamps(record: &Map<String, Value>, stamps: &Stamps, whole: &Clock) -> Stamps {
    let mut out = stamps.clone();
    for name in record.keys().filter(|k| *k != "id") {
        out.entry(name.clone())
            .or_insert_with(|| Stamp::at(whole.clone()));
    }
    out
}

/// The newest clock among a record's fields.
pub fn newest(stamps: &Stamps, or: &Clock) -> Clock {
    stamps
        .values()
        .map(|s| s.at.clone())
        .max()
        .unwrap_or_else(|| or.clone())
        .max(or.clone())
}

/// The sync bookkeeping of a record as agreed: its canonical text, bucket and digest.
pub fn agreed_of(kind: SyncKind, record: &crate::store::Whole, trashed: bool) -> (String, u8, i64) {
    let canonical = change::canonical(record, trashed);
    let digest = state::digest(&canonical);
    (canonical, state::bucket(kind, &record.id()), digest)
}

#[allow(clippy::too_many_arguments)]
fn settle(
    store: &Store,
    me: &Me,
    kind: SyncKind,
    held: Option<Held>,
    v: &Versioned,
    whole: crate::store::Whole,
    trashed: bool,
    settled: &mut Vec<Settled>,
    tally: &mut Tally,
) -> Result<()> {
    let theirs = Clock {
        hlc: v.hlc,
        device: v.device.clone(),
    };
    let Some(h) = held else {
        let stamps = full_stamps(&v.record, &v.stamps, &theirs);
        let (agreed, bucket, digest) = agreed_of(kind, &whole, trashed);
        let at = newest(&stamps, &theirs);
        settled.push(Settled {
            agreed,
            record: whole,
            trashed,
            hlc: at.hlc,
            device: at.device,
            stamps: json(&stamps),
            bucket,
            digest,
            pending: false,
            seen: None,
            write: true,
        });
        tally.received += 1;
        return Ok(());
    };
    let local = change::to_json(&h.record, h.trashed);
    let agreed: Map<String, Value> = match h.agreed.as_deref().map(serde_json::from_str) {
        Some(Ok(Value::Object(map))) => map,
        // Never sent from here: everything in it is this journal's own edit.
        _ if h.pending => Map::new(),
        _ => local.clone(),
    };
    let here = Clock {
        hlc: h.hlc,
        device: h.device.clone(),
    };
    let stamps: Stamps = serde_json::from_str(&h.stamps).unwrap_or_default();
    let stamps = full_stamps(&local, &stamps, &here);
    let merged = fields::merge(
        &Local {
            record: &local,
            agreed: &agreed,
            stamps: &stamps,
            pending: h.pending.then(|| Clock {
                hlc: h.hlc,
                device: me.device.clone(),
            }),
            whole: here.clone(),
        },
        &Incoming {
            record: &v.record,
            stamps: &v.stamps,
            whole: theirs.clone(),
        },
    );
    // The merge most often gives the other computer's version just as it came (the same
    // record here, or a plain step forward), which was read already.
    let read = if merged.record == v.record {
        Ok((whole.clone(), trashed))
    } else {
        change::from_json(kind, &merged.record)
    };
    // A merge that doesn't read as a record (a required text left empty) takes the
    // other computer's version whole; the text lost from here is kept as a copy.
    let (record, record_trashed, mut stamps_now, agreed_map, kept, read_from) = match read {
        Ok((r, t)) => (
            r,
            t,
            merged.stamps,
            merged.agreed,
            merged.kept,
            &merged.record,
        ),
        Err(_) => (
            whole.clone(),
            trashed,
            full_stamps(&v.record, &v.stamps, &theirs),
            v.record.clone(),
            Vec::new(),
            &v.record,
        ),
    };
    let still_pending = h.pending
        && agreed_map
            .iter()
            .any(|(k, a)| k != "id" && merged.record.get(k) != Some(a));
    let agreed_whole = if agreed_map == *read_from {
        Some((record.clone(), record_trashed))
    } else {
        change::from_json(kind, &agreed_map).ok()
    };
    let (agreed_text, bucket, digest) = match &agreed_whole {
        Some((r, t)) => agreed_of(kind, r, *t),
        None => agreed_of(kind, &record, record_trashed),
    };
    let mut at = newest(&stamps_now, &theirs).max(here.clone());
    if still_pending {
        // An edit made here, merged with a newer one: it goes out later than what it met.
        at = Clock {
            hlc: at.hlc.saturating_add(1),
            device: me.device.clone(),
        };
    }
    stamps_now.retain(|k, _| k != "id");
    tally.received += usize::from(merged.changed);
    tally.both += merged.both;
    settled.push(Settled {
        record: record.clone(),
        trashed: record_trashed,
        hlc: at.hlc,
        device: at.device,
        stamps: json(&stamps_now),
        agreed: agreed_text,
        bucket,
        digest,
        pending: still_pending,
        seen: Some((h.hlc, h.pending)),
        write: merged.changed,
    });
    for k in kept {
        let id = Uuid::new_v5(
            &KEPT,
            format!("{}/{}/{}", record.id(), k.field, k.text).as_bytes(),
        );
        let copy = super::change::kept_copy(&merged.record, &k, id);
        if store.sync_held(kind, id)?.is_some() || settled.iter().any(|s| s.record.id() == id) {
            continue;
        }
        let Ok((copy_whole, _)) = change::from_json(kind, &copy) else {
            continue;
        };
        let stamps: Stamps = copy
            .keys()
            .filter(|n| *n != "id")
            .map(|n| (n.clone(), Stamp::at(k.clock.clone())))
            .collect();
        let (agreed, bucket, digest) = agreed_of(kind, &copy_whole, true);
        tally.kept += 1;
        settled.push(Settled {
            agreed,
            record: copy_whole,
            trashed: true,
            hlc: k.clock.hlc,
            device: k.clock.device.clone(),
            stamps: json(&stamps),
            bucket,
            digest,
            // Sent on at once: the computer whose text lost holds no copy of it.
            pending: true,
            seen: None,
            write: true,
        });
    }
    Ok(())
}

pub fn json(stamps: &Stamps) -> String {
    // A map of plain structs with string keys always serialises.
    serde_json::to_string(stamps).unwrap_or_else(|_| "{}".into())
}
