//! Sync through a folder another program already replicates (Syncthing, Nextcloud, Dropbox,
//! iCloud Drive, a git repository). kindly never runs a server: it writes its changes into
//! the folder so that nothing can be corrupted, leaked or lost whatever the engine does.
//!
//! The folder holds `kindly-sync.json` (its format and public key: no journal content),
//! `kindly-sync.key` (the folder's secret key, encrypted with the sync passphrase by age's
//! scrypt), and `devices/<device id>/<number>.kindly`: each device writes only its own
//! subfolder, numbered files that are never changed once written (each written beside, then
//! linked into place), every one encrypted to the folder's key. An exchange writes what
//! changed here and applies what every other device wrote; per record the later hybrid
//! clock wins, so every journal that has read the same files holds the same records.

pub mod change;
mod folder;
mod key;

pub use folder::SyncError;
use folder::{DEVICES, EXTENSION, MARKER, PER_FILE, Result, io, make_dir, place_new, read_marker};
pub use key::{FolderKey, check_joinable, check_new, init, join, unlock};

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::domain::InvalidInput;
use crate::store::{DeviceSeen, Me, Store, SyncKind};
use change::Change;

/// What one exchange did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exchanged {
    /// Records written to the folder, and in how many files.
    pub sent: usize,
    pub files_written: usize,
    /// Records from other devices that changed this journal.
    pub received: usize,
    /// Versions that met another device's change to the same record, settled by the clock.
    pub conflicts: usize,
    /// Files not whole yet (still being copied), left for the next exchange.
    pub unfinished: usize,
    /// Files from a newer kindly, left for it.
    pub newer: usize,
}

impl Exchanged {
    /// The one line `kindly sync` prints.
    pub fn line(&self) -> String {
        let mut line = format!(
            "Sent {}, received {}",
            records(self.sent),
            records(self.received)
        );
        if self.conflicts > 0 {
            line.push_str(&format!(
                ", {} settled by which change was later",
                number(
                    self.conflicts,
                    "edit made on two devices",
                    "edits made on two devices"
                )
            ));
        }
        line.push('.');
        if self.unfinished > 0 {
            line.push_str(&format!(
                " {} still being copied into the folder, left for next time.",
                number(self.unfinished, "file is", "files are")
            ));
        }
        if self.newer > 0 {
            line.push_str(&format!(
                " {} from a newer kindly left for it; update kindly here to read {}.",
                number(self.newer, "file", "files"),
                if self.newer == 1 { "it" } else { "them" }
            ));
        }
        line
    }
}

fn number(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn records(n: usize) -> String {
    number(n, "record", "records")
}

/// This computer's name, for `device_name`'s default.
pub fn host_name() -> String {
    let name = gethostname::gethostname().to_string_lossy().into_owned();
    let short = name.split('.').next().unwrap_or_default().trim();
    if short.is_empty() {
        "this computer".into()
    } else {
        short.chars().take(64).collect()
    }
}

/// The change files in a device's subfolder: its numbered files and any copies a sync
/// engine made of them (`… sync-conflict …`, `(conflicted copy)`); hidden and temporary
/// files are not changes.
fn change_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = read
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            !name.starts_with('.') && name.ends_with(&format!(".{EXTENSION}")) && p.is_file()
        })
        .collect();
    files.sort();
    files
}

/// The number a change file was written as (its name's leading digits).
fn seq_of(path: &Path) -> Option<i64> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// One exchange: writes what changed here since the last, then applies what every other
/// device wrote that this journal hasn't read. `folder` is where the folder is on this
/// computer (the config's `sync_dir`, else where it was joined).
pub fn exchange(store: &mut Store, folder: Option<&Path>) -> Result<Exchanged> {
    let Some(me) = store.sync_me()? else {
        return Err(InvalidInput::new(
            "sync",
            "this journal doesn't sync yet; start with `kindly sync init DIR` (or `kindly sync join DIR` for a folder another computer made)",
        )
        .into());
    };
    let folder = folder
        .map(Path::to_path_buf)
        .unwrap_or_else(|| me.folder.clone());
    let marker = read_marker(&folder)?;
    if marker.recipient != me.recipient {
        return Err(InvalidInput::new(
            "sync",
            format!(
                "{} is another journal's sync folder, not this one's; nothing was exchanged",
                folder.display()
            ),
        )
        .into());
    }
    let mut done = Exchanged::default();
    send(store, &me, &folder, &mut done)?;
    receive(store, &me, &folder, &mut done)?;
    Ok(done)
}

/// Whether an exchange would have anything to do: records waiting here, or a change file
/// in the folder not yet read. (So a no-op exchange can skip the journal's integrity
/// check, which only writes need.)
pub fn has_work(store: &Store, folder: Option<&Path>) -> Result<bool> {
    let Some(me) = store.sync_me()? else {
        return Ok(true);
    };
    if store.sync_waiting_count()? > 0 {
        return Ok(true);
    }
    let folder = folder
        .map(Path::to_path_buf)
        .unwrap_or_else(|| me.folder.clone());
    let applied = store.sync_applied_files()?;
    let Ok(devices) = std::fs::read_dir(folder.join(DEVICES)) else {
        return Ok(true);
    };
    for dir in devices.filter_map(|e| e.ok()).map(|e| e.path()) {
        let device = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if device == me.device || device.starts_with('.') || !dir.is_dir() {
            continue;
        }
        for file in change_files(&dir) {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !applied.contains(&format!("{DEVICES}/{device}/{name}")) {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

fn send(store: &mut Store, me: &Me, folder: &Path, done: &mut Exchanged) -> Result<()> {
    let waiting = store.sync_waiting()?;
    if waiting.is_empty() {
        return Ok(());
    }
    let recipient: age::x25519::Recipient = me.recipient.parse().map_err(|_| {
        InvalidInput::new("sync", "this journal's copy of the folder's key is damaged")
    })?;
    let mine = folder.join(DEVICES).join(&me.device);
    make_dir(&mine).map_err(io(folder))?;
    // Never over a file already there: if this journal was restored from an older copy,
    // its numbers go on after the newest file in the folder.
    let mut seq = change_files(&mine)
        .iter()
        .filter_map(|p| seq_of(p))
        .max()
        .map_or(me.next_seq, |n| n.max(me.next_seq - 1) + 1);
    for chunk in waiting.chunks(PER_FILE) {
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let change = Change::new(&me.device, &me.name, seq, now, chunk);
        let plain = serde_json::to_vec(&change).unwrap_or_default();
        let sealed = age::encrypt(&recipient, &plain).map_err(|e| SyncError::Io {
            path: folder.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?;
        loop {
            let path = mine.join(format!("{seq:010}.{EXTENSION}"));
            match place_new(&path, &sealed) {
                Ok(()) => break,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => seq += 1,
                Err(e) => return Err(io(folder)(e)),
            }
        }
        let sent: Vec<(SyncKind, uuid::Uuid, i64)> = chunk
            .iter()
            .map(|v| (v.record.kind(), v.record.id(), v.hlc))
            .collect();
        store.sync_sent(&sent, seq)?;
        done.sent += chunk.len();
        done.files_written += 1;
        seq += 1;
    }
    Ok(())
}

fn receive(store: &mut Store, me: &Me, folder: &Path, done: &mut Exchanged) -> Result<()> {
    let identity: age::x25519::Identity = me.identity.parse().map_err(|_| {
        InvalidInput::new("sync", "this journal's copy of the folder's key is damaged")
    })?;
    let applied: HashSet<String> = store.sync_applied_files()?;
    let Ok(devices) = std::fs::read_dir(folder.join(DEVICES)) else {
        return Ok(());
    };
    let mut dirs: Vec<PathBuf> = devices
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let device = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if device == me.device || device.starts_with('.') {
            continue;
        }
        for file in change_files(&dir) {
            let key = format!(
                "{DEVICES}/{device}/{}",
                file.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            );
            if applied.contains(&key) {
                continue;
            }
            let Ok(sealed) = std::fs::read(&file) else {
                done.unfinished += 1;
                continue;
            };
            // A file still being copied can't be opened (age checks every chunk and the
            // end), so it waits for the next exchange.
            let Ok(plain) = age::decrypt(&identity, &sealed) else {
                done.unfinished += 1;
                continue;
            };
            match serde_json::from_slice::<change::Head>(&plain) {
                Ok(head) if head.kindly_sync > change::FORMAT => {
                    done.newer += 1;
                    continue;
                }
                Ok(_) => {}
                Err(_) => {
                    done.unfinished += 1;
                    continue;
                }
            }
            let Ok(change) = serde_json::from_slice::<Change>(&plain) else {
                done.unfinished += 1;
                continue;
            };
            let Ok(versions) = change.versions() else {
                done.unfinished += 1;
                continue;
            };
            let from = DeviceSeen {
                device: change.device.clone(),
                name: change.name.clone(),
                last_wrote: change.written_at.clone(),
                files: 1,
            };
            let (changed, conflicts) = store.sync_apply(&key, &from, &versions)?;
            done.received += changed;
            done.conflicts += conflicts;
        }
    }
    Ok(())
}

/// What `kindly sync status` shows.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Status {
    pub syncing: bool,
    pub folder: Option<PathBuf>,
    pub reachable: bool,
    pub device: Option<String>,
    pub waiting: usize,
    pub devices: Vec<SeenDevice>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct SeenDevice {
    pub name: String,
    pub last_wrote: String,
    pub files: i64,
}

pub fn status(store: &Store, folder: Option<&Path>) -> Result<Status> {
    let Some(me) = store.sync_me()? else {
        return Ok(Status {
            syncing: false,
            folder: None,
            reachable: false,
            device: None,
            waiting: 0,
            devices: Vec::new(),
        });
    };
    let folder = folder
        .map(Path::to_path_buf)
        .unwrap_or_else(|| me.folder.clone());
    Ok(Status {
        syncing: true,
        reachable: folder.join(MARKER).is_file(),
        folder: Some(folder),
        device: Some(me.name.clone()),
        waiting: store.sync_waiting_count()?,
        devices: store
            .sync_devices()?
            .into_iter()
            .map(|d| SeenDevice {
                name: d.name,
                last_wrote: d.last_wrote,
                files: d.files,
            })
            .collect(),
    })
}
