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
mod exchanged;
pub mod fields;
mod folder;
mod key;
mod layout;
pub mod over;
mod receive;
mod seal;
mod send;
pub mod state;
mod texts;

pub use exchanged::Exchanged;
use exchanged::number;
pub use folder::SyncError;
use folder::{DEVICES, MARKER, Result, read_marker};
pub use key::{FolderKey, check_joinable, check_new, init, join, relock, unlock};
use layout::{change_files, device_dirs, seen_numbers, seq_of};

use std::path::{Path, PathBuf};

use crate::domain::InvalidInput;
use crate::store::{Me, Store};
use seal::Keys;

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
            && store.sync_healed(&device)?.as_deref()
                != Some(
                    theirs
                        .gist()
                        .map_err(crate::store::StoreError::from)?
                        .as_str(),
                )
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
    /// This computer's device id.
    pub device_id: Option<String>,
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
    /// Its device id (a UUID), which tells apart two computers of the same name.
    pub device: String,
    pub name: String,
    pub last_wrote: String,
    pub files: i64,
}

/// Every other computer of the folder: those whose changes were read here, and those that
/// joined but whose changes haven't been read yet (their published state names them), so a
/// computer shows as soon as it has joined.
fn others(store: &Store, me: &Me, folder: &Path) -> Result<Vec<SeenDevice>> {
    let mut devices: Vec<SeenDevice> = store
        .sync_devices()?
        .into_iter()
        .filter(|d| d.device != me.device)
        .map(|d| SeenDevice {
            device: d.device,
            name: d.name,
            last_wrote: d.last_wrote,
            files: d.files,
        })
        .collect();
    let Some(keys) = Keys::from_secret(&me.identity) else {
        return Ok(devices);
    };
    for (device, dir) in device_dirs(folder) {
        if device == me.device || devices.iter().any(|d| d.device == device) {
            continue;
        }
        if let Some(state) = send::read_state(&keys, &device, &dir) {
            devices.push(SeenDevice {
                device,
                name: state.name,
                last_wrote: state.written_at,
                files: 0,
            });
        }
    }
    Ok(devices)
}

pub fn status(store: &Store, folder: Option<&Path>) -> Result<Status> {
    let Some(me) = store.sync_me()? else {
        return Ok(Status {
            syncing: false,
            folder: None,
            reachable: false,
            device: None,
            device_id: None,
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
    let devices = others(store, &me, &folder)?;
    Ok(Status {
        damaged,
        not_yours,
        devices,
        differs_from: behind(store, Some(&folder)).unwrap_or_default(),
        syncing: true,
        reachable: folder.join(MARKER).is_file(),
        folder: Some(folder),
        device: Some(me.name.clone()),
        waiting: store.sync_waiting_count()?,
        device_id: Some(me.device),
    })
}
