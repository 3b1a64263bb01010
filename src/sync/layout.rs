//! Where things are in the sync folder: each device's subfolder, its numbered change
//! files, and the state file it publishes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::folder::{DEVICES, EXTENSION};

/// Where each computer publishes what its journal holds, in its own subfolder.
pub(super) const STATE_FILE: &str = "journal.state";
/// A day in the hybrid clock's units: a version dated further ahead than this is refused.
pub(super) const DAY_HLC: i64 = 86_400_000 * 65_536;
/// Change-file numbers have ten digits; a name claiming more is not one of ours.
pub(super) const MAX_SEQ: i64 = 9_999_999_999;

/// The change files in a device's subfolder: its numbered files and any copies a sync
/// engine made of them (`… sync-conflict …`, `(conflicted copy)`); hidden and temporary
/// files are not changes.
pub(super) fn change_files(dir: &Path) -> Vec<PathBuf> {
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
pub(super) fn seq_of(path: &Path) -> Option<i64> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() > 10 {
        return None;
    }
    digits.parse().ok().filter(|n| (1..=MAX_SEQ).contains(n))
}

/// The device subfolders of the folder, by device id, in order.
pub(super) fn device_dirs(folder: &Path) -> Vec<(String, PathBuf)> {
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
pub(super) fn seen_numbers(folder: &Path) -> BTreeMap<String, i64> {
    device_dirs(folder)
        .into_iter()
        .filter_map(|(device, dir)| {
            let top = change_files(&dir).iter().filter_map(|p| seq_of(p)).max()?;
            Some((device, top))
        })
        .collect()
}
