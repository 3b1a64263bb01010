//! Which running kindly (window) a draft belongs to, and whether that window is still open:
//! each window holds a lock on a small file of its own beside the journal for as long as it
//! runs, and the lock goes with the process however it ends (a quit, a kill, a crash).

use crate::private_file;
use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

use super::file::side;

/// This window: its id, and the held lock that tells other windows it is open.
#[derive(Debug)]
pub struct Window {
    pub id: String,
    /// The folder of window marks beside the journal; none for a journal in memory.
    marks: Option<PathBuf>,
    /// Held (locked) while the window runs.
    mark: Option<File>,
}

impl Window {
    /// A store that is not a window (a command, a test of the store): its drafts belong to
    /// no running window, so any window may take them up.
    pub fn none() -> Self {
        Self {
            id: String::new(),
            marks: None,
            mark: None,
        }
    }

    /// Opens a window on the journal at `journal` (in memory when none): a fresh id and a
    /// held mark. A mark that can't be made only means other windows may take this one's
    /// drafts up after it: the window still opens.
    pub fn open(journal: Option<&Path>) -> Self {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let marks = journal.map(|j| side(j, ".windows"));
        let mark = marks.as_deref().and_then(|dir| hold(dir, &id));
        Self { id, marks, mark }
    }

    /// Whether the window `id` is still running. A window gone (its mark missing, or no
    /// longer held) has ended; its mark is tidied away.
    pub fn is_open(&self, id: &str) -> bool {
        if id == self.id && !id.is_empty() {
            return true;
        }
        let Some(dir) = &self.marks else {
            return false;
        };
        if id.is_empty() || id.contains(['/', '.']) {
            return false;
        }
        let path = dir.join(id);
        let Ok(file) = File::open(&path) else {
            return false;
        };
        match file.try_lock() {
            Ok(()) => {
                let _ = std::fs::remove_file(&path);
                false
            }
            Err(TryLockError::WouldBlock) => true,
            Err(TryLockError::Error(_)) => false,
        }
    }
}

fn hold(dir: &Path, id: &str) -> Option<File> {
    private_file::folder(dir).ok()?;
    let file = private_file::open(&dir.join(id), private_file::Open::New).ok()?;
    file.try_lock().ok()?;
    Some(file)
}

impl Drop for Window {
    fn drop(&mut self) {
        if let (Some(dir), Some(_)) = (&self.marks, &self.mark) {
            let _ = std::fs::remove_file(dir.join(&self.id));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_is_open_while_it_runs_and_ended_after() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("k.db");
        let first = Window::open(Some(&journal));
        let second = Window::open(Some(&journal));
        assert!(second.is_open(&first.id));
        assert!(first.is_open(&second.id));
        let gone = first.id.clone();
        drop(first);
        assert!(!second.is_open(&gone));
        assert!(
            !second.is_open(""),
            "drafts from before windows belong to none"
        );
        use std::os::unix::fs::PermissionsExt;
        let marks = side(&journal, ".windows");
        let mode = std::fs::metadata(&marks).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }
}
