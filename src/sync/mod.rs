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
pub mod fields;
mod folder;
mod key;
mod receive;
mod seal;
mod send;
pub mod state;

pub use folder::SyncError;
use folder::{DEVICES, EXTENSION, MARKER, Result, read_marker};
pub use key::{FolderKey, check_joinable, check_new, init, join, unlock};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::domain::InvalidInput;
use crate::store::{Me, Store};
use seal::Keys;

/// Where each computer publishes what its journal holds, in its own subfolder.
const STATE_FILE: &str = "journal.state";
/// A day in the hybrid clock's units: a version dated further ahead than this is refused.
const DAY_HLC: i64 = 86_400_000 * 65_536;
/// Change-file numbers have ten digits; a name claiming more is not one of ours.
const MAX_SEQ: i64 = 9_999_999_999;

/// What one exchange did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exchanged {
    /// Records written to the folder, and in how many files.
    pub sent: usize,
    pub files_written: usize,
    /// Records from other devices that changed this journal.
    pub received: usize,
    /// Fields changed on two computers since they last agreed (merged, or both kept).
    pub both_changed: usize,
    /// Texts that overlapped another computer's and are kept as a copy in the trash.
    pub kept: usize,
    /// Files not whole yet (still being copied), left for the next exchange.
    pub unfinished: usize,
    /// Files that stayed the same and still can't be opened: damaged on the way.
    pub damaged: usize,
    /// Files not signed by a computer holding the sync passphrase: never applied.
    pub foreign: usize,
    /// Versions refused: dated far in the future, or with a clock far ahead of now.
    pub refused: usize,
    /// Files from a newer kindly, left for it.
    pub newer: usize,
    /// Records written again for a computer that lacked them.
    pub healed: usize,
    /// The folder can't be written here (read-only, full): what this journal changed waits.
    pub unwritable: Option<String>,
    /// Said once: this journal was copied or restored and now writes as a new computer.
    pub notice: Option<String>,
}

impl Exchanged {
    /// The quiet line the screen shows after an exchange, if there is something to say.
    pub fn screen_line(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(notice) = &self.notice {
            parts.push(notice.clone());
        }
        if self.received > 0 {
            parts.push(format!(
                "From your other computers: {}.",
                records(self.received)
            ));
        }
        if self.kept > 0 {
            parts.push(format!(
                "{} changed on two computers in different ways; both versions are kept (the other is in the trash).",
                number(self.kept, "text was", "texts were")
            ));
        }
        if self.foreign > 0 {
            parts.push(format!(
                "{} in the sync folder {} from a computer of yours; left alone.",
                number(self.foreign, "file", "files"),
                if self.foreign == 1 { "isn't" } else { "aren't" }
            ));
        }
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    /// The one line `kindly sync` prints.
    pub fn line(&self) -> String {
        let mut line = String::new();
        if let Some(notice) = &self.notice {
            line.push_str(notice);
            line.push(' ');
        }
        line.push_str(&format!(
            "Sent {}, received {}.",
            records(self.sent),
            records(self.received)
        ));
        if self.healed > 0 {
            line.push_str(&format!(
                " Sent {} again for a computer that was missing {}.",
                records(self.healed),
                if self.healed == 1 { "it" } else { "them" }
            ));
        }
        if self.kept > 0 {
            line.push_str(&format!(
                " {} changed on two computers in different ways; both versions are kept (the other is in the trash, t shows it).",
                number(self.kept, "text was", "texts were")
            ));
        } else if self.both_changed > 0 {
            line.push_str(&format!(
                " {} changed on two computers; both changes are in.",
                number(self.both_changed, "field was", "fields were")
            ));
        }
        if self.unfinished > 0 {
            line.push_str(&format!(
                " {} still being copied into the folder, left for next time.",
                number(self.unfinished, "file is", "files are")
            ));
        }
        if self.damaged > 0 {
            line.push_str(&format!(
                " {} in the folder can't be opened (damaged on the way); {} records come back from a computer that has them.",
                number(self.damaged, "file", "files"),
                if self.damaged == 1 { "its" } else { "their" }
            ));
        }
        if self.foreign > 0 {
            line.push_str(&format!(
                " {} in the folder {} from a computer of yours (not signed with your sync passphrase); {} left alone.",
                number(self.foreign, "file", "files"),
                if self.foreign == 1 { "isn't" } else { "aren't" },
                if self.foreign == 1 { "it was" } else { "they were" }
            ));
        }
        if self.refused > 0 {
            line.push_str(&format!(
                " {} left out: dated more than a day ahead of now (is a computer's clock wrong?).",
                number(self.refused, "record was", "records were")
            ));
        }
        if self.newer > 0 {
            line.push_str(&format!(
                " {} from a newer kindly left for it; update kindly here to read {}.",
                number(self.newer, "file", "files"),
                if self.newer == 1 { "it" } else { "them" }
            ));
        }
        if let Some(why) = &self.unwritable {
            line.push_str(&format!(
                " The folder can't be written here just now ({why}); your changes wait here for the next exchange."
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

/// The number a change file was written as (its name's leading ten digits); a name with
/// more digits is not one kindly wrote.
pub(crate) fn seq_of(path: &Path) -> Option<i64> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() > 10 {
        return None;
    }
    digits.parse().ok().filter(|n| (1..=MAX_SEQ).contains(n))
}

/// The device subfolders of the folder, by device id, in order.
fn device_dirs(folder: &Path) -> Vec<(String, PathBuf)> {
    let Ok(read) = std::fs::read_dir(folder.join(DEVICES)) else {
        return Vec::new();
    };
    let mut dirs: Vec<(String, PathBuf)> = read
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_string();
            (!name.starts_with('.')).then_some((name, p))
        })
        .collect();
    dirs.sort();
    dirs
}

/// The highest change-file number in each device's subfolder.
fn seen_numbers(folder: &Path) -> BTreeMap<String, i64> {
    device_dirs(folder)
        .into_iter()
        .filter_map(|(device, dir)| {
            let top = change_files(&dir).iter().filter_map(|p| seq_of(p)).max()?;
            Some((device, top))
        })
        .collect()
}

/// This journal's membership, the folder, and its keys, checked against the folder.
fn open(store: &Store, folder: Option<&Path>) -> Result<(Me, PathBuf, Keys)> {
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
    let keys = Keys::from_secret(&me.identity).ok_or_else(|| {
        InvalidInput::new("sync", "this journal's copy of the folder's key is damaged")
    })?;
    Ok((me, folder, keys))
}

/// One exchange: applies what every other computer wrote that this journal hasn't read
/// (merging field by field), writes what changed here, sends again what another computer
/// is missing, and publishes what this journal holds. `folder` is where the folder is on
/// this computer (the config's `sync_dir`, else where it was joined).
pub fn exchange(store: &mut Store, folder: Option<&Path>) -> Result<Exchanged> {
    let (me, folder, keys) = open(store, folder)?;
    let mut done = Exchanged::default();
    let me = send::one_device(store, me, &folder, &keys)?;
    // What an exchange that died mid-write left behind (one runs at a time per journal).
    folder::sweep_temp(&folder);
    folder::sweep_temp(&folder.join(DEVICES).join(&me.device));
    receive::receive(store, &me, &keys, &folder, &mut done)?;
    let published = seen_numbers(&folder).get(&me.device).copied();
    let written = send::send(store, &me, &keys, &folder, &mut done)
        .and_then(|sent| send::heal(store, &me, &keys, &folder, published, &sent, &mut done));
    match written {
        Ok(()) => {}
        Err(SyncError::Io { source, .. }) => done.unwritable = Some(source.to_string()),
        Err(e) => return Err(e),
    }
    if let Some(notice) = me.notice {
        done.notice = Some(notice);
        store.sync_said()?;
    }
    Ok(done)
}

/// `kindly sync repair`: writes every record this journal holds into the folder again, so
/// any computer that lost a file gets its records back.
pub fn repair(store: &mut Store, folder: Option<&Path>) -> Result<Exchanged> {
    let (me, folder, keys) = open(store, folder)?;
    let mut done = Exchanged::default();
    let me = send::one_device(store, me, &folder, &keys)?;
    // What an exchange that died mid-write left behind (one runs at a time per journal).
    folder::sweep_temp(&folder);
    folder::sweep_temp(&folder.join(DEVICES).join(&me.device));
    receive::receive(store, &me, &keys, &folder, &mut done)?;
    send::send(store, &me, &keys, &folder, &mut done)?;
    let every = store.sync_every()?;
    send::write_again(store, &me, &keys, &folder, &every, &mut done)?;
    Ok(done)
}

/// Whether an exchange would have anything to do: records waiting here, a change file in
/// the folder not yet read, or another computer's state not yet answered. (So a no-op
/// exchange can skip the journal's integrity check, which only writes need.)
pub fn has_work(store: &Store, folder: Option<&Path>) -> Result<bool> {
    let Some(me) = store.sync_me()? else {
        return Ok(true);
    };
    if store.sync_waiting_count()? > 0 || me.notice.is_some() {
        return Ok(true);
    }
    let folder = folder
        .map(Path::to_path_buf)
        .unwrap_or_else(|| me.folder.clone());
    let applied = store.sync_applied_files()?;
    let dirs = device_dirs(&folder);
    if dirs.is_empty() {
        return Ok(true);
    }
    let Some(keys) = Keys::from_secret(&me.identity) else {
        return Ok(true);
    };
    for (device, dir) in dirs {
        if device == me.device {
            if change_files(&dir)
                .iter()
                .filter_map(|p| seq_of(p))
                .any(|n| n >= me.next_seq)
            {
                return Ok(true);
            }
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
        if let Some(theirs) = send::read_state(&keys, &device, &dir)
            && store.sync_healed(&device)?.as_deref() != Some(theirs.gist().as_str())
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// What `kindly check` says about sync: records here that other computers don't have yet.
pub fn not_everywhere(store: &Store) -> Vec<String> {
    let Ok(Some(_)) = store.sync_me() else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    match store.sync_waiting_count() {
        Ok(0) | Err(_) => {}
        Ok(n) => lines.push(format!(
            "{} changed here {} in the sync folder yet; `kindly sync` writes {}.",
            number(n, "record", "records"),
            if n == 1 { "isn't" } else { "aren't" },
            if n == 1 { "it" } else { "them" }
        )),
    }
    match behind(store, None) {
        Ok(names) if !names.is_empty() => lines.push(format!(
            "Not everywhere yet: {} and this journal each hold records the other hasn't got; the next exchange on each brings them together.",
            names.join(", ")
        )),
        _ => {}
    }
    lines
}

/// The other computers whose journals differ from this one as they last published them:
/// records one side holds that the other hasn't got yet.
pub fn behind(store: &Store, folder: Option<&Path>) -> Result<Vec<String>> {
    let (me, folder, keys) = open(store, folder)?;
    let mine = state::buckets(&store.sync_digests()?);
    let mut names = Vec::new();
    for (device, dir) in device_dirs(&folder) {
        if device == me.device {
            continue;
        }
        if let Some(theirs) = send::read_state(&keys, &device, &dir)
            && !state::differing(&mine, &theirs.buckets).is_empty()
        {
            names.push(theirs.name);
        }
    }
    Ok(names)
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
    /// Files in the folder that stayed the same and can't be opened.
    pub damaged: usize,
    /// Files in the folder not signed by a computer holding the sync passphrase.
    pub not_yours: usize,
    /// Other computers whose journals differ from this one as they last published them.
    pub differs_from: Vec<String>,
}

impl Status {
    /// Lines about files that were left alone and records not everywhere yet.
    pub fn trouble_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if self.not_yours > 0 {
            lines.push(format!(
                "{} in the folder {} from a computer of yours (not signed with your sync passphrase); {} left alone.",
                number(self.not_yours, "file", "files"),
                if self.not_yours == 1 { "isn't" } else { "aren't" },
                if self.not_yours == 1 { "it was" } else { "they were" }
            ));
        }
        if self.damaged > 0 {
            lines.push(format!(
                "{} in the folder can't be opened (damaged on the way); the next exchange of a computer that has {} records sends them again.",
                number(self.damaged, "file", "files"),
                if self.damaged == 1 { "its" } else { "their" }
            ));
        }
        if !self.differs_from.is_empty() {
            lines.push(format!(
                "Not everywhere yet: this journal and {} each hold records the other hasn't got; the next exchange on each brings them together.",
                self.differs_from.join(", ")
            ));
        }
        lines
    }
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
            damaged: 0,
            not_yours: 0,
            differs_from: Vec::new(),
        });
    };
    let folder = folder
        .map(Path::to_path_buf)
        .unwrap_or_else(|| me.folder.clone());
    let troubled = store.sync_troubled()?;
    let not_yours = troubled
        .iter()
        .filter(|(_, r, _)| r == receive::NOT_YOURS)
        .count();
    let damaged = troubled
        .iter()
        .filter(|(_, r, n)| r != receive::NOT_YOURS && *n >= receive::SETTLED)
        .count();
    Ok(Status {
        damaged,
        not_yours,
        differs_from: behind(store, Some(&folder)).unwrap_or_default(),
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
