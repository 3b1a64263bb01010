//! Files kindly writes for a person (exports, reports, backups): never over the journal,
//! always whole (a temporary file in the same folder, flushed to disk, then renamed), and
//! nothing left behind when writing fails.

use crate::private_file;
use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::shared::CliError;

/// Refuses an output path that is the journal itself, one of its side files, or the same
/// file by another name (a link, `./`, a symlinked folder).
/// Export, report and backup answer alike: a file already there is never written over
/// unless the person said `--force`.
pub fn refuse_existing(path: &Path, force: bool) -> Result<(), CliError> {
    if force || !path.exists() {
        return Ok(());
    }
    Err(CliError::Usage(format!(
        "{} is already there; choose another name, or add --force to replace it",
        path.display()
    )))
}

/// Says what was written to a person at a terminal; a script's stderr stays quiet.
pub fn tell(line: &str) {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() {
        eprintln!("{line}");
    }
}

pub fn guard(output: &Path, journal: &Path) -> Result<(), CliError> {
    let out = absolute(output);
    let journal_abs = absolute(journal);
    let names_journal = ["", "-wal", "-shm", "-journal"]
        .iter()
        .any(|side| crate::store::side(&journal_abs, side) == out)
        || same_inode(output, journal);
    if names_journal {
        return Err(CliError::Usage(format!(
            "{} is your journal (or one of its own files); choose another name so it isn't written over",
            output.display()
        )));
    }
    Ok(())
}

/// The path as the system will find it: its folder resolved, links and all.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (parent.canonicalize(), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    }
}

fn same_inode(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// The temporary name a file is written under before it takes its place.
fn temporary(path: &Path) -> anyhow::Result<PathBuf> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .with_context(|| format!("{} is not a file name", path.display()))?;
    super::unfinished::sweep_beside(path);
    Ok(dir.join(format!(
        ".{}.kindly-{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    )))
}

/// Writes a file only its owner can read, via a temporary file and a rename, so a reader
/// never sees half an export, an old export is replaced whole, and a failure leaves no file.
pub fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let tmp = temporary(path)?;
    let _unfinished = super::unfinished::Unfinished::register(&tmp);
    let result = (|| -> std::io::Result<()> {
        let mut file = private_file::open(&tmp, private_file::Open::New)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        hold_for_test();
        std::fs::rename(&tmp, path)?;
        private_file::sync_folder_of(path);
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| format!("couldn't write {}", path.display()))
}

/// A seam for the signal tests: with `KINDLY_HOLD_OUTPUT_FOR_TEST` naming a pipe, kindly
/// says "ready" into it once the unfinished file is written, then waits to be stopped.
fn hold_for_test() {
    if let Some(pipe) = std::env::var_os("KINDLY_HOLD_OUTPUT_FOR_TEST")
        && let Ok(mut pipe) = OpenOptions::new().write(true).open(pipe)
    {
        let _ = pipe.write_all(b"ready\n");
        drop(pipe);
        loop {
            std::thread::park();
        }
    }
}

/// Puts a finished file in place under a name that must not exist yet (a backup never
/// replaces an earlier one): linked, so a name taken meanwhile is refused, not overwritten.
pub fn place_new(tmp: &Path, path: &Path) -> anyhow::Result<()> {
    private_file::link_into_place(tmp, path)
        .with_context(|| format!("couldn't put the copy at {}", path.display()))
}

/// A temporary path beside `path` for a file built elsewhere (a backup), removed again by
/// `place_new` or by the caller on failure.
pub fn beside(path: &Path) -> anyhow::Result<PathBuf> {
    temporary(path)
}

/// Makes the folder for a set of files (0700) if it isn't there.
pub fn folder(dir: &Path) -> Result<(), CliError> {
    if dir.exists() && !dir.is_dir() {
        return Err(CliError::Usage(format!(
            "{} is a file; CSV export writes a file for each kind of record, so -o wants a folder",
            dir.display()
        )));
    }
    private_file::folder(dir)
        .with_context(|| format!("couldn't make the folder {}", dir.display()))
        .map_err(CliError::Other)
}
