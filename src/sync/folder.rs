//! What every part of sync shares about the folder: its names, its marker, the error, and
//! writing a file whole and never over another.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::domain::InvalidInput;
use crate::store::StoreError;

pub(super) const MARKER: &str = "kindly-sync.json";
pub(super) const KEY_FILE: &str = "kindly-sync.key";
pub(super) const DEVICES: &str = "devices";
pub(super) const EXTENSION: &str = "kindly";
/// A change file holds at most this many records; a big first exchange writes several.
pub(super) const PER_FILE: usize = 5_000;
/// How hard the sync passphrase is to guess at (scrypt's log N): asked once per journal.
pub(super) const WORK_FACTOR: u8 = 16;

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

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Writes `bytes` as `path`, whole or not at all, never over a file already there: written
/// beside under a hidden name, flushed, then linked into place.
pub(super) fn place_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&temp);
    write_private(&temp, bytes)?;
    let linked = std::fs::hard_link(&temp, path);
    let _ = std::fs::remove_file(&temp);
    linked?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

pub(super) fn make_dir(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(path)
}

pub(super) fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

pub(super) fn read_marker(folder: &Path) -> Result<Marker> {
    let bytes = match std::fs::read(folder.join(MARKER)) {
        Ok(b) => b,
        Err(_) if !folder.is_dir() => return Err(SyncError::Unreachable(folder.to_path_buf())),
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
