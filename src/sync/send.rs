//! Writing into the folder: this journal's changes as sealed, numbered files in its own
//! subfolder; the records another computer lacks, again; and the journal's published state.
//! Also where a copied or restored journal notices it and takes a device id of its own.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::{Map, Value};

use super::change::{self, Change, Versioned};
use super::exchanged::Exchanged;
use super::fields::{Clock, Stamp, Stamps, is_text};
use super::folder::{
    DEVICES, EXTENSION, PER_FILE, Result, SyncError, io, make_dir, place_new, replace_whole,
};
use super::layout::{MAX_SEQ, STATE_FILE, change_files, device_dirs, seen_numbers, seq_of};
use super::receive::{agreed_of, full_stamps, json, newest};
use super::seal::Keys;
use super::state::{self, State};
use crate::store::{Held, Me, Settled, Store};

/// What a copied or restored journal says once.
const NEW_DEVICE: &str = "This journal was copied or restored from a backup, so from now on it writes to the folder as a computer of its own, and reads what it wrote before like another's.";

/// Keeps change files well under the size a reader takes.
const MAX_BYTES: usize = 32 * 1024 * 1024;

/// A journal that finds a file in its own subfolder numbered past what it has written is
/// a copy (or an older backup) of a journal that went on writing: it takes a new device id,
/// so the two never write over or skip each other's files.
pub fn one_device(store: &mut Store, me: Me, folder: &Path, keys: &Keys) -> Result<Me> {
    let mine = folder.join(DEVICES).join(&me.device);
    let ahead = change_files(&mine).into_iter().any(|file| {
        seq_of(&file).is_some_and(|n| n >= me.next_seq)
            && std::fs::read(&file)
                .ok()
                .and_then(|bytes| keys.open(&me.device, &bytes).ok())
                .is_some()
    });
    if !ahead {
        return Ok(me);
    }
    store.sync_new_device(&uuid::Uuid::new_v4().to_string(), NEW_DEVICE)?;
    store.sync_me()?.ok_or_else(|| {
        SyncError::Invalid(crate::domain::InvalidInput::new(
            "sync",
            "this journal stopped syncing during the exchange",
        ))
    })
}

/// The version of a record that goes into a change file: every field with its clock; for
/// an edit made here, the changed fields stamped now, each text with the text it replaced.
fn version_of(held: &Held, me: &Me) -> (Versioned, Settled) {
    let kind = held.record.kind();
    let current = change::to_json(&held.record, held.trashed);
    let agreed: Option<Map<String, Value>> = match held.agreed.as_deref().map(serde_json::from_str)
    {
        Some(Ok(Value::Object(map))) => Some(map),
        _ => None,
    };
    let whole = Clock {
        hlc: held.hlc,
        device: held.device.clone(),
    };
    let stored: Stamps = serde_json::from_str(&held.stamps).unwrap_or_default();
    let mut stamps = stored.clone();
    if held.pending {
        let now = Clock {
            hlc: held.hlc,
            device: me.device.clone(),
        };
        for (name, value) in current.iter().filter(|(k, _)| *k != "id") {
            let before = agreed.as_ref().and_then(|a| a.get(name));
            if before == Some(value) && stored.contains_key(name) {
                continue;
            }
            let from = stored.get(name).map(|s| s.at.clone());
            let base = before.filter(|_| is_text(name)).cloned();
            stamps.insert(
                name.clone(),
                Stamp {
                    at: now.clone(),
                    from,
                    base,
                },
            );
        }
    }
    let stamps = full_stamps(&current, &stamps, &whole);
    let at = newest(&stamps, &whole);
    let (agreed, bucket, digest) = agreed_of(kind, &held.record, held.trashed);
    let settled = Settled {
        record: held.record.clone(),
        trashed: held.trashed,
        hlc: at.hlc,
        device: at.device.clone(),
        stamps: json(&stamps),
        agreed,
        bucket,
        digest,
        pending: false,
        seen: None,
        write: false,
    };
    let version = Versioned {
        kind: kind.as_str().to_string(),
        hlc: at.hlc,
        device: at.device,
        record: current,
        stamps,
    };
    (version, settled)
}

/// Writes what changed here since the last exchange.
pub fn send(
    store: &mut Store,
    me: &Me,
    keys: &Keys,
    folder: &Path,
    done: &mut Exchanged,
) -> Result<BTreeSet<u8>> {
    let waiting = store.sync_waiting()?;
    let buckets = waiting
        .iter()
        .map(|h| state::bucket(h.record.kind(), &h.record.id()))
        .collect();
    if waiting.is_empty() {
        return Ok(buckets);
    }
    let mut versions = Vec::with_capacity(waiting.len());
    let mut sent = Vec::with_capacity(waiting.len());
    for held in &waiting {
        let (v, s) = version_of(held, me);
        versions.push(v);
        sent.push((held.hlc, s));
    }
    let mut from = 0;
    for chunk in chunks(&versions) {
        let seq = write_change(store, me, keys, folder, chunk)?;
        store.sync_sent(seq, &sent[from..from + chunk.len()])?;
        from += chunk.len();
        done.sent += chunk.len();
        done.files_written += 1;
    }
    Ok(buckets)
}

/// Splits versions into files of at most `PER_FILE` records and about `MAX_BYTES`.
fn chunks(versions: &[Versioned]) -> Vec<&[Versioned]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, v) in versions.iter().enumerate() {
        let size = serde_json::to_string(&v.record).map_or(0, |s| s.len());
        if i > start && (i - start >= PER_FILE || bytes + size > MAX_BYTES) {
            out.push(&versions[start..i]);
            start = i;
            bytes = 0;
        }
        bytes += size;
    }
    if start < versions.len() {
        out.push(&versions[start..]);
    }
    out
}

/// Seals and places one change file in this device's subfolder, under the next number.
fn write_change(
    store: &mut Store,
    me: &Me,
    keys: &Keys,
    folder: &Path,
    records: &[Versioned],
) -> Result<i64> {
    let mine = folder.join(DEVICES).join(&me.device);
    make_dir(&mine).map_err(io(folder))?;
    // Numbered from this journal's own count, passing over names already taken: a file
    // someone placed with the highest number doesn't push the count to its end.
    let mut seq = store.sync_me()?.map_or(me.next_seq, |m| m.next_seq);
    loop {
        if seq > MAX_SEQ {
            return Err(io(folder)(std::io::Error::other(
                "this computer's change files are numbered to the end",
            )));
        }
        store.sync_reserve(seq)?;
        let change = Change {
            kindly_sync: change::FORMAT,
            device: me.device.clone(),
            name: me.name.clone(),
            seq,
            written_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            records: records.to_vec(),
        };
        let plain = serde_json::to_vec(&change).map_err(|e| io(folder)(e.into()))?;
        let sealed = keys.seal(&me.device, &plain).map_err(io(folder))?;
        let path = mine.join(format!("{seq:010}.{EXTENSION}"));
        match place_new(&path, &sealed) {
            Ok(()) => return Ok(seq),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => seq += 1,
            Err(e) => return Err(io(folder)(e)),
        }
    }
}

/// Reads and checks another computer's published state.
pub fn read_state(keys: &Keys, device: &str, dir: &Path) -> Option<State> {
    let bytes = std::fs::read(dir.join(STATE_FILE)).ok()?;
    if bytes.len() > 1024 * 1024 {
        return None;
    }
    let plain = keys.open(device, &bytes).ok()?;
    let state: State = serde_json::from_slice(&plain).ok()?;
    (state.device == device).then_some(state)
}

/// Answers every other computer's published state: where it differs from this journal's
/// and that computer has read every file this journal has (its own up to `published`, the
/// newest before this exchange, and every other computer's it applied), the records of the
/// differing buckets are written again, once per state. Buckets just `sent` are left for
/// the next exchange: the other computer can't have them yet. Then publishes this
/// journal's own state.
pub fn heal(
    store: &mut Store,
    me: &Me,
    keys: &Keys,
    folder: &Path,
    published: Option<i64>,
    sent: &BTreeSet<u8>,
    done: &mut Exchanged,
) -> Result<()> {
    // This computer's own files that are gone from the folder, or that another computer
    // says it can't open: what they last carried is written again at once.
    let own = folder.join(DEVICES).join(&me.device);
    let present_own: BTreeSet<i64> = change_files(&own)
        .iter()
        .filter_map(|p| seq_of(p))
        .collect();
    let mut lost: BTreeSet<i64> = store
        .sync_carrying_files()?
        .difference(&present_own)
        .copied()
        .collect();
    let own_prefix = format!("{DEVICES}/{}/", me.device);
    let mine = state::buckets(&store.sync_digests()?);
    let read_here = read_here(store, me, folder, published)?;
    let mut wanted: BTreeSet<u8> = BTreeSet::new();
    let mut answered = Vec::new();
    for (device, dir) in device_dirs(folder) {
        if device == me.device {
            continue;
        }
        let Some(theirs) = read_state(keys, &device, &dir) else {
            continue;
        };
        for file in &theirs.troubled {
            let Some(seq) = file
                .strip_prefix(&own_prefix)
                .and_then(|n| seq_of(Path::new(n)))
            else {
                continue;
            };
            let asked = format!("{device} {file}");
            if store.sync_healed(&asked)?.is_none() {
                lost.insert(seq);
                answered.push((asked, "answered".to_string()));
            }
        }
        let gist = theirs.gist().map_err(crate::store::StoreError::from)?;
        if store.sync_healed(&device)?.as_deref() == Some(gist.as_str()) {
            continue;
        }
        // The person's own lists (deck removals, added emotions and rituals) travel in it.
        if !theirs.personal.is_empty() {
            store.merge_personal_lists(&theirs.personal)?;
        }
        let differ: BTreeSet<u8> = state::differing(&mine, &theirs.buckets)
            .into_iter()
            .collect();
        let caught_up = read_here
            .iter()
            .filter(|(d, _)| **d != device)
            .all(|(d, top)| theirs.seen.get(d).copied().unwrap_or(0) >= *top);
        if !caught_up {
            continue;
        }
        // Buckets just sent can't be in the other computer's state yet.
        wanted.extend(differ.difference(sent));
        if differ.is_disjoint(sent) {
            answered.push((device, gist));
        }
    }
    let mut again = store.sync_carried_in(&lost)?;
    if !wanted.is_empty() {
        let ids: BTreeSet<(String, uuid::Uuid)> = again
            .iter()
            .map(|h| (h.record.kind().as_str().to_string(), h.record.id()))
            .collect();
        again.extend(store.sync_every()?.into_iter().filter(|h| {
            !h.pending
                && wanted.contains(&state::bucket(h.record.kind(), &h.record.id()))
                && !ids.contains(&(h.record.kind().as_str().to_string(), h.record.id()))
        }));
    }
    write_again(store, me, keys, folder, &again, done)?;
    for (device, gist) in answered {
        store.sync_set_healed(&device, &gist)?;
    }
    publish(store, me, keys, folder)
}

/// For each device, the newest of its files this journal has read that is still in the
/// folder (a file since deleted can't be waited for); for this one, `published`.
fn read_here(
    store: &Store,
    me: &Me,
    folder: &Path,
    published: Option<i64>,
) -> Result<BTreeMap<String, i64>> {
    let mut read: BTreeMap<String, i64> = BTreeMap::new();
    for key in store.sync_applied_files()? {
        let mut parts = key.rsplit('/');
        let (Some(name), Some(device)) = (parts.next(), parts.next()) else {
            continue;
        };
        if let Some(seq) = seq_of(Path::new(name)) {
            let top = read.entry(device.to_string()).or_default();
            *top = (*top).max(seq);
        }
    }
    let present = seen_numbers(folder);
    for (device, top) in read.iter_mut() {
        *top = (*top).min(present.get(device).copied().unwrap_or(0));
    }
    read.insert(me.device.clone(), published.unwrap_or(0));
    Ok(read)
}

/// Writes `held` again, as this journal holds it, and remembers which file carries it.
pub fn write_again(
    store: &mut Store,
    me: &Me,
    keys: &Keys,
    folder: &Path,
    held: &[Held],
    done: &mut Exchanged,
) -> Result<()> {
    let held: Vec<&Held> = held.iter().filter(|h| !h.pending).collect();
    let versions: Vec<Versioned> = held.iter().map(|h| version_of(h, me).0).collect();
    let mut from = 0;
    for chunk in chunks(&versions) {
        let seq = write_change(store, me, keys, folder, chunk)?;
        let ids: Vec<_> = held[from..from + chunk.len()]
            .iter()
            .map(|h| (h.record.kind(), h.record.id()))
            .collect();
        store.sync_carried(seq, &ids)?;
        from += chunk.len();
        done.healed += chunk.len();
        done.files_written += 1;
    }
    Ok(())
}

/// Publishes this journal's state in its own subfolder, when it says something new.
fn publish(store: &mut Store, me: &Me, keys: &Keys, folder: &Path) -> Result<()> {
    let state = State {
        kindly_sync: change::FORMAT,
        device: me.device.clone(),
        name: me.name.clone(),
        written_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        buckets: state::buckets(&store.sync_digests()?),
        seen: seen_numbers(folder),
        troubled: store
            .sync_troubled()?
            .into_iter()
            .filter(|(_, reason, _)| reason != super::receive::NOT_YOURS)
            .map(|(file, _, _)| file)
            .collect(),
        personal: store.personal_lists()?,
    };
    let gist = state.gist().map_err(crate::store::StoreError::from)?;
    let mine = folder.join(DEVICES).join(&me.device);
    if store.sync_healed(&me.device)?.as_deref() == Some(gist.as_str())
        && mine.join(STATE_FILE).is_file()
    {
        return Ok(());
    }
    make_dir(&mine).map_err(io(folder))?;
    let plain = serde_json::to_vec(&state).map_err(|e| io(folder)(e.into()))?;
    let sealed = keys.seal(&me.device, &plain).map_err(io(folder))?;
    replace_whole(&mine.join(STATE_FILE), &sealed).map_err(io(folder))?;
    store.sync_set_healed(&me.device, &gist)?;
    Ok(())
}
