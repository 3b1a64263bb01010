//! The backups folder of one journal: the names its copies go by, the copies in it, and
//! the leftovers of a copy that was stopped halfway.

use std::fs::File;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};

/// Where one journal's backups go, and the name they start with (the journal's own, so
/// two journals can share a folder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shelf {
    dir: PathBuf,
    stem: String,
}

/// One backup in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub path: PathBuf,
    pub name: String,
    pub date: NaiveDate,
    /// The journal as it was just before a restore (`None` for a daily backup).
    pub before_restore: Option<NaiveDateTime>,
    pub bytes: u64,
}

/// Marks a file still being written: never taken for a backup, swept if left behind.
const UNFINISHED: &str = ".unfinished";

const BEFORE_RESTORE: &str = "before-restore-";

impl Shelf {
    /// `configured` (the config's `backup_dir`), else `backups/` beside the journal.
    pub fn for_journal(journal: &Path, configured: Option<&Path>) -> Self {
        let dir = configured.map(Path::to_path_buf).unwrap_or_else(|| {
            journal
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .join("backups")
        });
        let stem = journal
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "kindly".into());
        Self { dir, stem }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The day's backup: `kindly-2026-12-07.db` for `kindly.db`.
    pub fn daily(&self, day: NaiveDate) -> PathBuf {
        self.dir
            .join(format!("{}-{}.db", self.stem, day.format("%Y-%m-%d")))
    }

    /// The journal as it was before a restore at `at`.
    pub fn before_restore(&self, at: NaiveDateTime) -> PathBuf {
        self.dir.join(format!(
            "{}-{BEFORE_RESTORE}{}.db",
            self.stem,
            at.format("%Y-%m-%d-%H%M%S")
        ))
    }

    /// Where a copy is written before it is checked and given its name.
    pub fn unfinished(&self, finished: &Path) -> PathBuf {
        let name = finished
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.dir.join(format!(".{name}{UNFINISHED}"))
    }

    /// Makes the folder (0700) if it isn't there yet.
    pub fn make(&self) -> std::io::Result<()> {
        crate::private_file::folder(&self.dir)
    }

    /// Takes this journal's backups in hand, or `None` while another kindly is making one:
    /// held until the value is dropped or the process ends, however it ends.
    pub fn hold(&self) -> std::io::Result<Option<File>> {
        let file = crate::private_file::open(
            &self.dir.join(format!(".{}.backing-up", self.stem)),
            crate::private_file::Open::Keep,
        )?;
        match file.try_lock() {
            Ok(()) => Ok(Some(file)),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(e),
        }
    }

    /// Removes what a copy stopped halfway left (a kill, a power cut). Only called while
    /// holding the backups, so no copy is being written.
    pub fn sweep_unfinished(&self) -> usize {
        let prefix = format!(".{}-", self.stem);
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return 0;
        };
        let mut swept = 0;
        let own = format!("{}-", self.stem);
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let half_copy = name.starts_with(&prefix) && name.contains(UNFINISHED);
            // A key file whose copy never got its name, or a key file half written.
            let stray_key = name.starts_with(&own)
                && ((name.ends_with(".tmp") && name.contains(".db.keys."))
                    || name
                        .strip_suffix(".keys")
                        .is_some_and(|db| !self.dir.join(db).exists()));
            if (half_copy || stray_key) && std::fs::remove_file(entry.path()).is_ok() {
                swept += 1;
            }
        }
        swept
    }

    /// This journal's backups, newest first.
    pub fn list(&self) -> Vec<Kept> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut kept: Vec<Kept> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let (date, before_restore) = self.read_name(&name)?;
                Some(Kept {
                    path: e.path(),
                    bytes: e.metadata().map(|m| m.len()).unwrap_or(0),
                    name,
                    date,
                    before_restore,
                })
            })
            .collect();
        kept.sort_by(|a, b| {
            let moment = |k: &Kept| {
                k.before_restore
                    .unwrap_or_else(|| k.date.and_hms_opt(0, 0, 0).unwrap_or_default())
            };
            moment(b).cmp(&moment(a))
        });
        kept
    }

    /// The date (and, before a restore, the moment) a backup's name says it was made.
    fn read_name(&self, name: &str) -> Option<(NaiveDate, Option<NaiveDateTime>)> {
        let rest = name
            .strip_prefix(self.stem.as_str())?
            .strip_prefix('-')?
            .strip_suffix(".db")?;
        if let Some(at) = rest.strip_prefix(BEFORE_RESTORE) {
            let at = NaiveDateTime::parse_from_str(at, "%Y-%m-%d-%H%M%S").ok()?;
            return Some((at.date(), Some(at)));
        }
        if rest.len() != 10 {
            return None;
        }
        Some((NaiveDate::parse_from_str(rest, "%Y-%m-%d").ok()?, None))
    }

    /// The backup a person named: a path to a file, or a name `kindly backups` shows (with
    /// or without `.db`), or a day (`2026-12-01`).
    pub fn find(&self, named: &str) -> Option<PathBuf> {
        let as_path = Path::new(named);
        if as_path.is_file() {
            return Some(as_path.to_path_buf());
        }
        let list = self.list();
        let bare = named.strip_suffix(".db").unwrap_or(named);
        list.iter()
            .find(|k| k.name.strip_suffix(".db") == Some(bare))
            .or_else(|| {
                let day = NaiveDate::parse_from_str(named, "%Y-%m-%d").ok()?;
                list.iter()
                    .find(|k| k.date == day && k.before_restore.is_none())
            })
            .map(|k| k.path.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_back_and_other_files_are_not_taken_for_backups() {
        let dir = tempfile::tempdir().unwrap();
        let shelf = Shelf::for_journal(&dir.path().join("k.db"), None);
        shelf.make().unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let at = day.and_hms_opt(15, 30, 2).unwrap();
        for p in [
            shelf.daily(day),
            shelf.before_restore(at),
            shelf.unfinished(&shelf.daily(day)),
            shelf.dir().join("k-2026-12-1.db"),
            shelf.dir().join("kk-2026-12-02.db"),
            shelf.dir().join("notes.txt"),
        ] {
            std::fs::write(p, b"x").unwrap();
        }
        let names: Vec<String> = shelf.list().into_iter().map(|k| k.name).collect();
        assert_eq!(
            names,
            ["k-before-restore-2026-12-01-153002.db", "k-2026-12-01.db"]
        );
        assert_eq!(shelf.find("2026-12-01"), Some(shelf.daily(day)));
        assert_eq!(shelf.find("k-2026-12-01"), Some(shelf.daily(day)));
        assert_eq!(shelf.find("k-2026-11-30.db"), None);
        assert_eq!(shelf.sweep_unfinished(), 1);
        assert!(!shelf.unfinished(&shelf.daily(day)).exists());
    }
}
