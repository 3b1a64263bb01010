//! Files only the person can read, made one way everywhere: 0600 files in 0700 folders,
//! written whole beside their place and renamed over it, or linked into a place no file
//! holds yet so nothing is ever written over by accident.

use std::fs::{DirBuilder, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// How a private file is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// A file that must not exist yet.
    New,
    /// Made if missing, emptied if there.
    Replace,
    /// Made if missing, each write added at its end (a log).
    Append,
    /// Made if missing, its contents kept, read and written (a file held for its lock).
    Keep,
}

/// Makes `dir`, and any folder above it that is missing, each only its owner can enter.
/// A folder already there is left as it is.
pub fn folder(dir: &Path) -> io::Result<()> {
    DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

/// Makes `dir`, which must not exist yet, only its owner can enter: the mode is set again
/// after, whatever the umask took away or let through.
pub fn new_folder(dir: &Path) -> io::Result<()> {
    DirBuilder::new().mode(0o700).create(dir)?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
}

/// Opens `path` as a file only its owner can read (0600 when it is made).
pub fn open(path: &Path, how: Open) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.mode(0o600);
    match how {
        Open::New => options.write(true).create_new(true),
        Open::Replace => options.write(true).create(true).truncate(true),
        Open::Append => options.create(true).append(true),
        Open::Keep => options.read(true).write(true).create(true).truncate(false),
    };
    options.open(path)
}

/// Creates `path` (never replacing a file there) holding `bytes`, flushed to disk.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = open(path, Open::New)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Writes `bytes` over `path` whole: first as `temp` beside it, flushed, then renamed into
/// place, so a reader sees the old file or the new one, never half of either. `temp` is
/// gone afterwards whatever happened.
pub fn replace_whole(temp: &Path, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let written = write_new(temp, bytes).and_then(|()| std::fs::rename(temp, path));
    if written.is_err() {
        // A full disk stays no fuller than it was.
        let _ = std::fs::remove_file(temp);
    }
    sync_folder_of(path);
    written
}

/// Writes `bytes` as `path`, whole or not at all, never over a file already there: first
/// as `temp` beside it, flushed, then linked into place.
pub fn place_new(temp: &Path, path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Err(e) = write_new(temp, bytes) {
        let _ = std::fs::remove_file(temp);
        return Err(e);
    }
    link_into_place(temp, path)
}

/// Gives a finished file (`temp`) the name `path`, which must not be taken: linked, so a
/// name taken meanwhile is refused, not overwritten. `temp` is removed either way.
pub fn link_into_place(temp: &Path, path: &Path) -> io::Result<()> {
    let linked = std::fs::hard_link(temp, path);
    let _ = std::fs::remove_file(temp);
    linked?;
    sync_folder_of(path);
    Ok(())
}

/// Flushes the folder holding `path`, so a name just given survives a power cut.
pub fn sync_folder_of(path: &Path) {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().mode() & 0o777
    }

    #[test]
    fn folders_and_files_are_the_owners_alone() {
        let dir = tempfile::tempdir().unwrap();
        let inner = dir.path().join("a/b");
        folder(&inner).unwrap();
        assert_eq!(mode(&dir.path().join("a")), 0o700);
        assert_eq!(mode(&inner), 0o700);
        let file = inner.join("words");
        write_new(&file, b"hello").unwrap();
        assert_eq!(mode(&file), 0o600);
        let fresh = dir.path().join("fresh");
        new_folder(&fresh).unwrap();
        assert_eq!(mode(&fresh), 0o700);
        assert!(
            new_folder(&fresh).is_err(),
            "a folder already there is refused"
        );
    }

    #[test]
    fn a_new_file_never_replaces_one_there() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kept");
        std::fs::write(&path, "first").unwrap();
        let temp = dir.path().join(".kept.tmp");
        assert!(place_new(&temp, &path, b"second").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
        assert!(!temp.exists(), "nothing is left beside it");
        assert!(write_new(&path, b"second").is_err());
    }

    #[test]
    fn replacing_a_file_puts_the_new_one_whole_in_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state");
        std::fs::write(&path, "old").unwrap();
        let temp = dir.path().join(".state.tmp");
        replace_whole(&temp, &path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert!(!temp.exists());
    }
}
