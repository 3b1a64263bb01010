//! Writing in the person's own editor (`$VISUAL`, else `$EDITOR`), as jrnl and git do.
//!
//! The words go to a file only its owner can read (0600), in a folder only its owner can
//! open (0700), made fresh for this one edit and removed with the file afterwards, however
//! the editor ends. An editor that ends without success leaves the words as they were.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The editor the person chose: `$VISUAL`, else `$EDITOR`; none when neither is set.
pub fn chosen() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .map(|value| value.trim().to_string())
        .find(|value| !value.is_empty())
}

/// Why the words came back as they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorError {
    /// Neither `$VISUAL` nor `$EDITOR` is set.
    NotSet,
    /// The editor couldn't start, ended without success, or its file couldn't be read.
    Ended(String),
    /// kindly was asked to stop (this signal) while the editor was open; the file is gone.
    Interrupted(i32),
}

/// The signals that end kindly, caught while the editor runs and passed on to it.
struct Watch {
    handle: Option<signal_hook::iterator::Handle>,
    thread: Option<std::thread::JoinHandle<Option<i32>>>,
}

impl Watch {
    fn start(editor: u32) -> Self {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGHUP, SIGINT, SIGTERM]) else {
            return Watch {
                handle: None,
                thread: None,
            };
        };
        let handle = signals.handle();
        let thread = std::thread::spawn(move || {
            let mut caught = None;
            for signal in signals.forever() {
                caught = Some(signal);
                // A Ctrl-C reached the editor too (one process group); the others may not.
                if signal != SIGINT {
                    // SAFETY: kill has no memory effects; the pid is our own child's.
                    unsafe { libc::kill(editor as libc::pid_t, signal) };
                }
            }
            caught
        });
        Watch {
            handle: Some(handle),
            thread: Some(thread),
        }
    }

    /// Stops watching; the signal that came meanwhile, if one did.
    fn stop(mut self) -> Option<i32> {
        self.handle.take()?.close();
        self.thread.take()?.join().ok().flatten()
    }
}

impl std::fmt::Display for EditorError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditorError::NotSet => f.write_str(
                "no editor is set; set VISUAL or EDITOR (for example EDITOR=nano) to write in your own",
            ),
            EditorError::Ended(why) => f.write_str(why),
            EditorError::Interrupted(_) => {
                f.write_str("kindly was asked to stop while your editor was open; nothing was saved")
            }
        }
    }
}

/// Opens `text` in `command` (run by the shell, so `code --wait` works) and returns what
/// the file holds once the editor ends well. The terminal is the editor's meanwhile.
pub fn edit(command: &str, text: &str) -> Result<String, EditorError> {
    if let Some(program) = command.split_whitespace().next()
        && !on_path(program)
    {
        return Err(EditorError::Ended(format!(
            "your editor ({program}) isn't there; check VISUAL or EDITOR"
        )));
    }
    let place = Private::make().map_err(|e| {
        EditorError::Ended(format!(
            "a private place for the file couldn't be made ({e})"
        ))
    })?;
    place.write(text).map_err(|e| {
        EditorError::Ended(format!(
            "the file for your editor couldn't be written ({e})"
        ))
    })?;
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("{command} \"$@\""))
        .arg("kindly-editor")
        .arg(&place.file)
        .spawn()
        .map_err(|e| EditorError::Ended(format!("your editor couldn't start ({e})")))?;
    // A closed terminal, a Ctrl-C or a SIGTERM while the editor is open: kindly passes it
    // on, waits for the editor to end, and only then goes, taking the words' file with it.
    let watch = Watch::start(child.id());
    let status = child.wait();
    let caught = watch.stop();
    let status = status
        .map_err(|e| EditorError::Ended(format!("your editor couldn't be waited for ({e})")))?;
    if let Some(signal) = caught {
        drop(place);
        return Err(EditorError::Interrupted(signal));
    }
    if !status.success() {
        let how = match status.code() {
            Some(code) => format!("with exit status {code}"),
            None => "before finishing".to_string(),
        };
        return Err(EditorError::Ended(format!(
            "your editor ({command}) ended {how}"
        )));
    }
    if fs::metadata(&place.file).is_ok_and(|m| m.len() > crate::domain::MAX_TEXT as u64) {
        return Err(EditorError::Ended(
            "the text from your editor is over 10 MB, more than kindly keeps in one text; nothing was saved".into(),
        ));
    }
    let written = fs::read_to_string(&place.file).map_err(|e| {
        EditorError::Ended(format!("the file from your editor couldn't be read ({e})"))
    })?;
    Ok(tidy(&written))
}

/// Whether the shell will find `program`: a path to a file, or a name on `$PATH`.
fn on_path(program: &str) -> bool {
    if program.contains('/') {
        return Path::new(program).is_file();
    }
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// What came back, without the carriage returns and the final newline editors add.
fn tidy(written: &str) -> String {
    let text = written.replace("\r\n", "\n");
    text.strip_suffix('\n').unwrap_or(&text).to_string()
}

/// A folder of the owner's own with the one file in it, both gone when dropped.
struct Private {
    folder: PathBuf,
    file: PathBuf,
}

impl Private {
    fn make() -> std::io::Result<Self> {
        let base = std::env::var_os("XDG_RUNTIME_DIR")
            .map(PathBuf::from)
            .filter(|p| p.is_dir())
            .unwrap_or_else(std::env::temp_dir);
        sweep(&base);
        let folder = base.join(format!(
            "kindly-{}-{}",
            std::process::id(),
            uuid::Uuid::new_v4().simple()
        ));
        crate::private_file::new_folder(&folder)?;
        let file = folder.join("kindly.md");
        Ok(Self { folder, file })
    }

    fn write(&self, text: &str) -> std::io::Result<()> {
        let mut f = crate::private_file::open(&self.file, crate::private_file::Open::New)?;
        f.write_all(text.as_bytes())?;
        if !text.is_empty() && !text.ends_with('\n') {
            f.write_all(b"\n")?;
        }
        f.sync_all()
    }

    #[cfg(test)]
    fn folder(&self) -> &Path {
        &self.folder
    }
}

/// Removes this person's editor folders that a kindly ended without a chance to clean
/// (killed, or a power cut) left in `base`: those whose kindly is gone, and any from before
/// folders carried their kindly's number once they are a day old.
fn sweep(base: &Path) {
    use std::os::unix::fs::MetadataExt;
    let Ok(entries) = fs::read_dir(base) else {
        return;
    };
    let me = unsafe { libc::getuid() };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix("kindly-") else {
            continue;
        };
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        if !meta.is_dir() || meta.uid() != me {
            continue;
        }
        let stale = match rest.split_once('-') {
            Some((pid, id)) if id.len() == 32 => pid.parse::<i32>().is_ok_and(|pid| !running(pid)),
            None if rest.len() == 32 && rest.chars().all(|c| c.is_ascii_hexdigit()) => meta
                .modified()
                .ok()
                .and_then(|m| m.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 24 * 3600),
            _ => false,
        };
        if stale {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether a process with this number runs now (a kindly that left a file behind).
pub fn running(pid: i32) -> bool {
    // SAFETY: signal 0 only asks whether the process exists.
    let answer = unsafe { libc::kill(pid, 0) };
    answer == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

impl Drop for Private {
    fn drop(&mut self) {
        // Editors leave swap and backup files beside the file; all of it goes.
        let _ = fs::remove_dir_all(&self.folder);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_newline_and_carriage_returns_go() {
        assert_eq!(tidy("a walk\r\nrain\n"), "a walk\nrain");
        assert_eq!(tidy("kept\n\n"), "kept\n");
        assert_eq!(tidy(""), "");
    }

    #[test]
    fn the_private_folder_is_the_owners_alone_and_goes_when_done() {
        use std::os::unix::fs::PermissionsExt;
        let place = Private::make().unwrap();
        place.write("words").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(place.folder()), 0o700);
        assert_eq!(mode(&place.file), 0o600);
        assert_eq!(fs::read_to_string(&place.file).unwrap(), "words\n");
        let folder = place.folder().to_path_buf();
        drop(place);
        assert!(!folder.exists());
    }
}
