//! Backups that happen by themselves: where they live, what they are called, and the
//! once-a-day copy made on a thread of its own when kindly runs (the screen, or a command
//! that writes).

mod daily;
mod folder;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub use daily::{Backup, COMMAND_WAIT};
pub use folder::{Kept, Shelf};

use crate::config::Config;
use crate::domain::InvalidInput;
use crate::store::Store;

/// A seam for the tests that live a month in a minute: this date (YYYY-MM-DD) stands for
/// today wherever backups ask. Nothing else in kindly reads it.
const TODAY_FOR_TEST: &str = "KINDLY_TODAY_FOR_TEST";

/// Today, as backups count days (local time).
pub fn today() -> NaiveDate {
    std::env::var(TODAY_FOR_TEST)
        .ok()
        .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// The key a copy of this journal is written and opened with: the one the journal was
/// opened with (none for a plain journal).
pub fn key_of(store: &Store) -> Option<String> {
    store.key().map(String::from)
}

/// The journal's key file (locked under its passphrase and recovery key), copied beside a
/// copy of it (`COPY.keys`), without which an encrypted copy can't be opened by a person;
/// nothing for a plain journal or one encrypted before key files.
pub fn keep_key_beside(journal: &Path, copy: &Path) -> std::io::Result<()> {
    crate::store::copy_key_file(journal, copy, true).map(|_| ())
}

/// The backups folder for the journal at `journal`: the config's `backup_dir`, else
/// `backups/` beside the journal. Refused when it lies inside the sync folder (the config's
/// `sync_dir`, or the one this journal joined), where backups must never go.
pub fn shelf_for(store: &Store, journal: &Path, config: &Config) -> Result<Shelf, InvalidInput> {
    let shelf = Shelf::for_journal(journal, config.backup_dir.as_deref());
    let joined = store.sync_me().ok().flatten().map(|me| me.folder);
    for sync in config.sync_dir.iter().chain(joined.iter()) {
        if inside(shelf.dir(), sync) {
            return Err(InvalidInput::new(
                "backup_dir",
                format!(
                    "{} is inside the sync folder {}; backups never go there (the sync folder holds only encrypted change files), so choose a folder outside it",
                    shelf.dir().display(),
                    sync.display()
                ),
            ));
        }
    }
    Ok(shelf)
}

/// Today's backup of the journal `store` has open, if it is due (none made today yet):
/// not started until asked, so the screen can draw its first frame before.
pub fn due(store: &Store, config: &Config) -> Result<Backup, InvalidInput> {
    let Some(journal) = store.path().map(Path::to_path_buf) else {
        return Ok(Backup::none());
    };
    let shelf = shelf_for(store, &journal, config)?;
    Ok(Backup::due(
        shelf,
        journal,
        key_of(store),
        today(),
        config.backups_kept,
    ))
}

/// After `kindly encrypt`: each backup of the journal made while it was plain is written
/// anew encrypted with `key` (checked, then put in its place), so no plain copy of the
/// journal stays in the backups folder. Says how many, or why one couldn't be.
pub fn encrypt_plain(journal: &Path, config: &Config, key: &str) -> Result<usize, String> {
    let shelf = Shelf::for_journal(journal, config.backup_dir.as_deref());
    if !shelf.list().iter().any(|k| !Store::is_encrypted(&k.path)) {
        return Ok(0);
    }
    // Waits a little for a backup being made meanwhile (by a command that started before).
    let deadline = std::time::Instant::now() + COMMAND_WAIT;
    let _held = loop {
        match shelf.hold().map_err(|e| e.to_string())? {
            Some(held) => break held,
            None if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            None => return Err("another kindly was making a backup just then".into()),
        }
    };
    encrypt_plain_held(&shelf, journal, key)
}

/// As `encrypt_plain`, for a caller already holding the backups: also each day's backup of
/// an encrypted journal, so a plain copy left by an `encrypt` stopped midway goes too.
fn encrypt_plain_held(shelf: &Shelf, journal: &Path, key: &str) -> Result<usize, String> {
    let plain: Vec<Kept> = shelf
        .list()
        .into_iter()
        .filter(|k| !Store::is_encrypted(&k.path))
        .collect();
    for k in &plain {
        let tmp = shelf.unfinished(&k.path);
        let result = (|| -> Result<(), String> {
            let was = crate::store::look_inside(&k.path, None).map_err(|e| e.to_string())?;
            crate::store::encrypt_copy(&k.path, key, &tmp).map_err(|e| e.to_string())?;
            let now = crate::store::look_inside(&tmp, Some(key)).map_err(|e| e.to_string())?;
            if now.counts != was.counts || !now.problems.is_empty() {
                return Err("the encrypted copy didn't check out".into());
            }
            // The key file first, so the encrypted copy is never without it.
            keep_key_beside(journal, &k.path).map_err(|e| e.to_string())?;
            std::fs::File::open(&tmp)
                .and_then(|f| f.sync_all())
                .and_then(|()| std::fs::rename(&tmp, &k.path))
                .map_err(|e| e.to_string())
        })();
        for side in ["", "-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(crate::store::side(&tmp, side));
        }
        result.map_err(|why| format!("{}: {why}", k.name))?;
    }
    Ok(plain.len())
}

/// Whether `path` is `folder` or lies inside it, as the file system resolves both (links
/// followed as far as the folders exist).
pub fn inside(path: &Path, folder: &Path) -> bool {
    settled(path).starts_with(settled(folder))
}

/// `path` with its longest existing beginning resolved (links, `..`), the rest as written.
fn settled(path: &Path) -> PathBuf {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut rest = Vec::new();
    let mut at = path.as_path();
    loop {
        if let Ok(real) = at.canonicalize() {
            return rest.iter().rev().fold(real, |p, part| p.join(part));
        }
        match (at.parent(), at.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                at = parent;
            }
            _ => return path,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_inside_another_is_seen_through_links_and_unmade_folders() {
        let dir = tempfile::tempdir().unwrap();
        let sync = dir.path().join("Sync");
        std::fs::create_dir(&sync).unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&sync, &link).unwrap();
        assert!(inside(&link.join("not-yet/backups"), &sync));
        assert!(inside(&sync, &sync));
        assert!(!inside(&dir.path().join("Syncthing"), &sync));
    }
}
