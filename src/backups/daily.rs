//! The day's backup, made on a thread of its own with a connection of its own: copied
//! beside its final name, checked, given its name, and only then are older copies let go.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use chrono::NaiveDate;

use super::Shelf;
use crate::domain::BackupsKept;
use crate::store;

/// How long a command that wrote waits, after its answer, for the day's backup to finish.
pub const COMMAND_WAIT: Duration = Duration::from_secs(5);

/// The day's backup: not due, due and not yet started, or on its way.
pub enum Backup {
    None,
    Due(Box<Plan>),
    Running(mpsc::Receiver<Result<Made, String>>),
}

/// Everything the thread needs to make the day's backup.
pub struct Plan {
    shelf: Shelf,
    journal: PathBuf,
    key: Option<String>,
    today: NaiveDate,
    kept: BackupsKept,
}

/// What the day's backup did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Made {
    /// The copy, and how many older copies were let go.
    Copy { path: PathBuf, let_go: usize },
    /// Another kindly was making it just then.
    ByAnother,
    /// It was there already.
    AlreadyThere,
}

impl Backup {
    pub fn none() -> Self {
        Backup::None
    }

    /// The backup of `journal` for `today`, unless one is already there.
    pub fn due(
        shelf: Shelf,
        journal: PathBuf,
        key: Option<String>,
        today: NaiveDate,
        kept: BackupsKept,
    ) -> Self {
        // An encrypted journal with a plain copy still beside it (an `encrypt` stopped
        // midway) has work to do even when the day's copy is there.
        let plain_left = || {
            key.is_some()
                && shelf
                    .list()
                    .iter()
                    .any(|k| !crate::store::Store::is_encrypted(&k.path))
        };
        if shelf.daily(today).exists() && !plain_left() {
            return Backup::None;
        }
        Backup::Due(Box::new(Plan {
            shelf,
            journal,
            key,
            today,
            kept,
        }))
    }

    /// Starts a due backup on its own thread; returns at once.
    pub fn start(&mut self) {
        if !matches!(self, Backup::Due(_)) {
            return;
        }
        if let Backup::Due(plan) = std::mem::replace(self, Backup::None) {
            let (tx, rx) = mpsc::channel();
            std::thread::spawn(move || {
                let _ = tx.send(plan.make());
            });
            *self = Backup::Running(rx);
        }
    }

    /// Starts the backup if it is due and waits for it, at most `within`: what to say about
    /// it, if anything (only when it couldn't be made; a backup is quiet when it works).
    pub fn finish(mut self, within: Duration) -> Option<String> {
        self.start();
        let Backup::Running(rx) = self else {
            return None;
        };
        match rx.recv_timeout(within) {
            Ok(Ok(_)) => None,
            Ok(Err(why)) => Some(format!(
                "Today's backup couldn't be made ({why}); your journal is fine, and kindly will try again next time."
            )),
            // Still copying (a very large journal, a slow disk): the half-made copy is never
            // taken for a backup, and the next kindly clears it away and makes the day's.
            Err(_) => Some(
                "Today's backup was still being made when kindly closed; it will be made next time."
                    .into(),
            ),
        }
    }
}

impl Plan {
    /// Copies, checks, names, then prunes; errors as a short reason for the person.
    fn make(self) -> Result<Made, String> {
        let shelf = &self.shelf;
        shelf
            .make()
            .map_err(|e| format!("the folder {} couldn't be made: {e}", shelf.dir().display()))?;
        let Some(_held) = shelf.hold().map_err(|e| e.to_string())? else {
            return Ok(Made::ByAnother);
        };
        shelf.sweep_unfinished();
        if let Some(key) = &self.key {
            super::encrypt_plain_held(shelf, &self.journal, key)?;
        }
        let path = shelf.daily(self.today);
        if path.exists() {
            return Ok(Made::AlreadyThere);
        }
        let tmp = shelf.unfinished(&path);
        let result = self.copy_checked(&tmp).and_then(|()| {
            // The key file first, so a backup is never there without it.
            super::keep_key_beside(&self.journal, &path).map_err(|e| e.to_string())?;
            std::fs::rename(&tmp, &path).map_err(|e| e.to_string())?;
            sync_folder(shelf.dir());
            Ok(())
        });
        for side in ["", "-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(store::side(&tmp, side));
        }
        result?;
        let let_go = self.prune(&path);
        Ok(Made::Copy { path, let_go })
    }

    /// The copy at `tmp`, flushed to disk, and whole by SQLite's quick check.
    fn copy_checked(&self, tmp: &Path) -> Result<(), String> {
        store::copy_journal(&self.journal, self.key.as_deref(), tmp).map_err(|e| e.to_string())?;
        std::fs::File::open(tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| e.to_string())?;
        let look = store::look_inside(tmp, self.key.as_deref()).map_err(|e| e.to_string())?;
        if !look.problems.is_empty() {
            return Err(format!(
                "the copy didn't pass SQLite's check: {}",
                look.problems.join("; ")
            ));
        }
        Ok(())
    }

    /// Lets go of the daily copies the rule no longer keeps (never the one just made, even
    /// when the clock went back); a copy kept before a restore stays until removed by hand.
    fn prune(&self, made: &Path) -> usize {
        let daily: Vec<_> = self
            .shelf
            .list()
            .into_iter()
            .filter(|k| k.before_restore.is_none())
            .collect();
        let dates: Vec<NaiveDate> = daily.iter().map(|k| k.date).collect();
        let keep = self.kept.keep(&dates);
        let mut let_go = 0;
        for k in daily {
            if keep.contains(&k.date) || k.path == made {
                continue;
            }
            if std::fs::remove_file(&k.path).is_ok() {
                let _ = std::fs::remove_file(store::key_file(&k.path));
                let_go += 1;
            }
        }
        let_go
    }
}

/// Makes a new name in `dir` survive a power cut.
fn sync_folder(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}
