//! What every part of sync shares about the folder: its names, its marker, the error, and
//! writing a file whole and never over another.

use std::path::{Path, PathBuf};

use crate::domain::InvalidInput;
use crate::store::StoreError;

pub(super) const MARKER: &str = "kindly-sync.json";
pub(super) const KEY_FILE: &str = "kindly-sync.key";
pub(super) const DEVICES: &str = "devices";
pub(super) const EXTENSION: &str = "kindly";
/// A change file holds at most this many records; a big first exchange writes several.
pub(super) const PER_FILE: usize = 5_000;
/// How hard the sync passphrase is to guess at (scrypt's log N, age's own default): the key
/// file sits with the provider, so each guess should cost; it is unlocked only at join.
pub(super) const WORK_FACTOR: u8 = 18;
/// The most work a key file may ask of an unlock, whatever this computer's speed: folders
/// made at 16 or 18 open, and a key file swapped for one asking hours of work doesn't.
pub(super) const MAX_WORK_FACTOR: u8 = 20;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// Something the person gave or did that can't be taken: exit 2, nothing written.
    #[error("{0}")]
    Invalid(#[from] InvalidInput),
    /// The folder isn't there (unmounted, not yet synced): nothing changes.
    #[error(
        "the sync folder {0} can't be reached just now; your changes wait here for the next exchange"
    )]
    Unreachable(PathBuf),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error(
        "the sync folder {path} couldn't be written ({source}); nothing was lost, your changes wait here"
    )]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

pub type Result<T> = std::result::Result<T, SyncError>;

pub(super) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SyncError + '_ {
    move |source| SyncError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What the folder's marker says: its format, and the public key change files go to.
#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct Marker {
    pub kindly_sync: u32,
    pub recipient: String,
}

/// A new device id.
pub(super) fn new_device() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The hidden name `path`'s new content is written under first (`.NAME.PID.tmp`), with
/// any such file a dead process left there removed.
fn beside(path: &Path) -> PathBuf {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&temp);
    temp
}

/// Writes `bytes` as `path`, whole or not at all, never over a file already there: written
/// beside under a hidden name, flushed, then linked into place.
pub(super) fn place_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    crate::private_file::place_new(&beside(path), path, bytes)
}

/// Writes `bytes` over `path` whole: beside it (`.NAME.PID.tmp`), flushed, then renamed
/// into place, so a reader sees the old file or the new one, never half of either.
pub(super) fn replace_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    crate::private_file::replace_whole(&beside(path), path, bytes)
}

/// Whether `name` is one of the hidden files kindly writes beside one of its own before
/// putting it in place (`.NAME.PID.tmp`): a change file, the folder's marker or key, or a
/// computer's published state (`journal.state`).
fn is_temp(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
        return false;
    };
    match rest.rsplit_once('.') {
        Some((file, pid)) => {
            !file.is_empty()
                && !pid.is_empty()
                && pid.bytes().all(|b| b.is_ascii_digit())
                && (file.ends_with(&format!(".{EXTENSION}"))
                    || file.starts_with("kindly-sync.")
                    || file == "journal.state")
        }
        None => false,
    }
}

/// Removes what an exchange that died mid-write left in `dir` (this device's own folder, or
/// the folder's top): its hidden half-written files. Only one exchange of a journal runs at
/// a time and only this device writes its folder, so none of them is still being written.
/// Returns how many went.
pub(super) fn sweep_temp(dir: &Path) -> usize {
    let Ok(read) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mine = format!(".{}.tmp", std::process::id());
    read.filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            is_temp(&name) && !name.ends_with(&mine) && e.file_type().is_ok_and(|t| t.is_file())
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

pub(super) fn make_dir(path: &Path) -> std::io::Result<()> {
    crate::private_file::folder(path)
}

pub(super) fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// A folder other computers write to, whose `file` hasn't reached this one yet: sync
/// engines deliver files in any order.
pub(super) fn not_arrived(folder: &Path, file: &str) -> InvalidInput {
    InvalidInput::new(
        "sync",
        format!(
            "{} holds other computers' sync files but not its {file} yet: the folder hasn't finished syncing to this computer; once your sync program has caught up, run this again",
            folder.display()
        ),
    )
}

pub(super) fn read_marker(folder: &Path) -> Result<Marker> {
    let bytes = match std::fs::read(folder.join(MARKER)) {
        Ok(b) => b,
        Err(_) if !folder.is_dir() => return Err(SyncError::Unreachable(folder.to_path_buf())),
        Err(_) if folder.join(DEVICES).is_dir() => return Err(not_arrived(folder, MARKER).into()),
        Err(_) => {
            return Err(InvalidInput::new(
                "sync",
                format!(
                    "{} isn't a kindly sync folder (it has no {MARKER}); make one with `kindly sync init`",
                    folder.display()
                ),
            )
            .into());
        }
    };
    serde_json::from_slice(&bytes).map_err(|_| {
        InvalidInput::new(
            "sync",
            format!(
                "{}'s {MARKER} can't be read; is it whole?",
                folder.display()
            ),
        )
        .into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dead_exchanges_half_written_files_are_swept_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let left = [
            ".0000000003.kindly.4242.tmp",
            ".0000000004.kindly.1.tmp",
            ".kindly-sync.key.977.tmp",
            ".journal.state.31.tmp",
        ];
        let kept = [
            "0000000003.kindly",
            "0000000003.sync-conflict-1.kindly",
            ".stfolder",
            ".notes.4242.tmp",
            "journal.state",
            ".0000000005.kindly.tmp",
            ".0000000005.kindly.12x.tmp",
        ];
        for name in left.iter().chain(&kept) {
            std::fs::write(d.join(name), b"x").unwrap();
        }
        let mine = d.join(format!(".0000000009.kindly.{}.tmp", std::process::id()));
        std::fs::write(&mine, b"being written").unwrap();
        assert_eq!(sweep_temp(d), left.len());
        for name in left {
            assert!(!d.join(name).exists(), "{name} left");
        }
        for name in kept {
            assert!(d.join(name).exists(), "{name} swept");
        }
        assert!(mine.exists(), "this process's own file is never swept");
        assert_eq!(sweep_temp(&d.join("not there")), 0);
    }

    #[test]
    fn a_write_that_fails_leaves_no_half_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("0000000001.kindly");
        // A file already there is never written over, and nothing is left beside it.
        std::fs::write(&path, b"first").unwrap();
        let err = place_new(&path, b"second").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
