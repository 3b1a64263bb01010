//! Output files still being written (an export, a report, a backup): a SIGINT, SIGTERM or
//! SIGHUP removes them before kindly stops, and a start finds and removes any that a kindly
//! killed outright left beside the same output, so no partial copy of the journal stays on
//! a USB stick or in a cloud folder.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

static UNFINISHED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static WATCHING: Once = Once::new();

/// The side files SQLite may make beside a file it writes.
const SIDES: [&str; 4] = ["", "-wal", "-shm", "-journal"];

/// A file being written; removed by a signal until this is dropped.
pub struct Unfinished(PathBuf);

impl Unfinished {
    pub fn register(path: &Path) -> Self {
        WATCHING.call_once(watch);
        if let Ok(mut list) = UNFINISHED.lock() {
            list.push(path.to_path_buf());
        }
        Unfinished(path.to_path_buf())
    }
}

impl Drop for Unfinished {
    fn drop(&mut self) {
        if let Ok(mut list) = UNFINISHED.lock() {
            list.retain(|p| *p != self.0);
        }
    }
}

fn remove_with_sides(path: &Path) {
    for side in SIDES {
        let _ = std::fs::remove_file(crate::store::side(path, side));
    }
}

/// The thread that, on a signal that ends kindly, removes what is unfinished and then ends
/// kindly as the signal asked.
fn watch() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGHUP, SIGINT, SIGTERM]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            if let Ok(list) = UNFINISHED.lock() {
                list.iter().for_each(|p| remove_with_sides(p));
            }
            std::process::exit(128 + signal);
        }
    });
}

/// Removes this person's unfinished copies of `output` (`.NAME.kindly-PID.tmp`) whose
/// kindly is no longer running.
pub fn sweep_beside(output: &Path) {
    use std::os::unix::fs::MetadataExt;
    let dir = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Some(name) = output.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.kindly-");
    let me = unsafe { libc::getuid() };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = file
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|pid| pid.parse::<i32>().ok())
        else {
            continue;
        };
        let mine = entry.metadata().is_ok_and(|m| m.uid() == me);
        if mine && !crate::editor::running(pid) {
            remove_with_sides(&entry.path());
        }
    }
}
