//! The journal file itself: making it private, reading its header, deciding whether it
//! may be opened, holding it so it is never swapped while in use, and clearing what a
//! conversion killed midway left behind.

use crate::private_file;
use std::fs::{File, OpenOptions};
use std::io::Read;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};

use super::error::{Result, StoreError, is_disk_full};
use super::migrations::{self, APPLICATION_ID};

/// How long a writer waits for another kindly process before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// SQLCipher writes whole pages of this size, so an encrypted journal's length is always a
/// multiple of it; a random file of another length is not a journal at all.
const CIPHER_PAGE: u64 = 4096;

/// What a failure to read the file means: a full disk is not damage.
fn damage(path: &Path, e: rusqlite::Error) -> StoreError {
    if is_disk_full(&e) {
        StoreError::DiskFull
    } else {
        StoreError::Damaged {
            path: path.to_path_buf(),
            detail: e.to_string(),
        }
    }
}

/// Whether the file is an encrypted journal by its look: a random header of SQLCipher's
/// whole pages.
pub fn encrypted_file(path: &Path, header: &[u8]) -> bool {
    looks_encrypted(header)
        && std::fs::metadata(path)
            .is_ok_and(|m| m.len() >= CIPHER_PAGE && m.len() % CIPHER_PAGE == 0)
}

/// Where a conversion (encrypt or decrypt) writes the new journal before it replaces the
/// old one.
pub fn conversion_path(path: &Path) -> PathBuf {
    side(path, ".kindly-converting")
}

/// `path` with `suffix` added to its name (`k.db` → `k.db-wal`).
pub fn side(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Removes what a conversion killed midway left beside the journal. Only called while
/// holding the journal, so no conversion can be running.
pub fn clear_conversion_leftovers(path: &Path) {
    let tmp = conversion_path(path);
    for f in [
        tmp.clone(),
        side(&tmp, "-wal"),
        side(&tmp, "-shm"),
        side(&tmp, "-journal"),
    ] {
        let _ = std::fs::remove_file(f);
    }
}

/// A hold on the journal file: every kindly that opens it holds it shared; replacing the
/// file (encrypt, decrypt) needs it alone. The hold is an advisory lock on the file, let go
/// when the value is dropped or the process ends, however it ends.
#[derive(Debug)]
pub struct Hold(#[allow(dead_code)] File);

impl Hold {
    /// Holds the journal alongside other kindly processes, waiting (a conversion takes about
    /// a second) while one has it alone.
    pub fn shared(path: &Path) -> Result<Self> {
        let deadline = Instant::now() + BUSY_TIMEOUT;
        loop {
            let file = open_regular(path).map_err(|source| StoreError::Read {
                path: path.to_path_buf(),
                source,
            })?;
            match file.try_lock_shared() {
                // The file may have been replaced while we waited: hold the one at `path`.
                Ok(()) if same_file(&file, path) => return Ok(Hold(file)),
                Ok(()) => continue,
                Err(std::fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(StoreError::InUse(path.to_path_buf()));
                }
                Err(std::fs::TryLockError::Error(source)) => {
                    return Err(StoreError::Read {
                        path: path.to_path_buf(),
                        source,
                    });
                }
            }
        }
    }

    /// Holds the journal alone, or says it is in use: for replacing the file.
    pub fn exclusive(path: &Path) -> Result<Self> {
        let file = open_regular(path).map_err(|source| StoreError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        match file.try_lock() {
            Ok(()) => Ok(Hold(file)),
            Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::InUse(path.to_path_buf())),
            Err(std::fs::TryLockError::Error(source)) => Err(StoreError::Read {
                path: path.to_path_buf(),
                source,
            }),
        }
    }
}

fn same_file(file: &File, path: &Path) -> bool {
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Opens a connection that can only read: for commands that only read, and for a journal
/// on a read-only disk. It never changes the journal mode.
pub fn open_reading(path: &Path, key: Option<&str>) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| damage(path, e))?;
    unlock(&conn, key).map_err(|e| damage(path, e))?;
    check_connection(&conn, path, key.is_some())?;
    Ok(conn)
}

/// Creates an empty file only its owner can read, in a folder only its owner can enter.
pub fn create_private_file(path: &Path) -> Result<()> {
    let create_err = |source| StoreError::Create {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.exists()
    {
        private_file::folder(parent).map_err(create_err)?;
    }
    private_file::open(path, private_file::Open::New).map_err(create_err)?;
    Ok(())
}

/// Gives SQLCipher the passphrase (when there is one) before anything else is read, and
/// keeps its own complaints off the screen.
pub fn unlock(conn: &Connection, key: Option<&str>) -> rusqlite::Result<()> {
    let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
    if let Some(key) = key {
        conn.pragma_update(None, "key", key)?;
    }
    Ok(())
}

/// Whether there is a journal file at `path` yet: nothing there is `false`, a regular file
/// (through any symlinks) is `true`. Anything else is refused before it is opened, so no
/// command waits for ever on a named pipe, and a folder, device or symlink loop is named.
pub fn journal_file(path: &Path) -> Result<bool> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A dangling symlink is "nothing there yet"; a loop is not.
            return match std::fs::symlink_metadata(path) {
                Ok(_) => Err(StoreError::NotAFile {
                    path: path.to_path_buf(),
                    what: "a symlink that leads nowhere",
                }),
                Err(_) => Ok(false),
            };
        }
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
            return Err(StoreError::NotAFile {
                path: path.to_path_buf(),
                what: "a symlink loop (links that point back at each other)",
            });
        }
        Err(source) => {
            return Err(StoreError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(true);
    }
    if kind.is_dir() {
        return Err(StoreError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    use std::os::unix::fs::FileTypeExt;
    let what = if kind.is_fifo() {
        "a named pipe"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "not a regular file"
    };
    Err(StoreError::NotAFile {
        path: path.to_path_buf(),
        what,
    })
}

/// Opens the journal file to read, never waiting: a named pipe swapped in after the check
/// above opens at once (non-blocking) and is refused rather than read.
fn open_regular(path: &Path) -> std::io::Result<File> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    if !file.metadata()?.file_type().is_file() {
        return Err(std::io::Error::other("it isn't a regular file"));
    }
    Ok(file)
}

pub fn read_header(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut file = open_regular(path)?;
    let mut header = Vec::with_capacity(100);
    file.by_ref().take(100).read_to_end(&mut header)?;
    Ok(header)
}

/// The first look at an existing file, from its 100-byte header alone: an empty file is a
/// journal not started, a plain SQLite file must not be another program's or from a newer
/// kindly, and an encrypted one needs its passphrase. Returns the key to open it with.
pub fn inspect_header(path: &Path, key: Option<&str>) -> Result<Option<String>> {
    let header = read_header(path).map_err(|source| StoreError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    if header.is_empty() {
        return Ok(None);
    }
    if encrypted_file(path, &header) {
        return match key {
            Some(k) => Ok(Some(k.to_string())),
            None => Err(StoreError::NeedsPassphrase(path.to_path_buf())),
        };
    }
    if !header.starts_with(SQLITE_MAGIC) || header.len() < 100 {
        return Err(StoreError::NotADatabase(path.to_path_buf()));
    }
    let word = |at: usize| {
        i32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let (version, app_id) = (word(60), word(68));
    if app_id != APPLICATION_ID && app_id != 0 {
        return Err(StoreError::Foreign(path.to_path_buf()));
    }
    let known = migrations::latest();
    if app_id == APPLICATION_ID && u32::try_from(version).is_ok_and(|v| v > known) {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version as u32,
            known,
        });
    }
    Ok(None)
}

/// The checks the header can't answer, on the connection that will be used, before anything
/// is written: the passphrase opens it, it is kindly's (or empty), and its schema is one this
/// kindly knows (the header can lag behind a write still in the WAL).
pub fn check_connection(conn: &Connection, path: &Path, keyed: bool) -> Result<()> {
    let damaged = |e: rusqlite::Error| damage(path, e);
    conn.busy_timeout(BUSY_TIMEOUT).map_err(damaged)?;
    let tables = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    });
    let tables = match tables {
        Ok(n) => n,
        Err(_) if keyed => return Err(StoreError::WrongPassphrase(path.to_path_buf())),
        Err(e) => return Err(damaged(e)),
    };
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(damaged)?;
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(damaged)?;
    if app_id != APPLICATION_ID && (app_id != 0 || tables > 0 || version != 0) {
        return Err(StoreError::Foreign(path.to_path_buf()));
    }
    let known = migrations::latest();
    if version > known {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            known,
        });
    }
    Ok(())
}

/// Decides, without writing a byte, whether an existing file may be opened as a journal:
/// the header first, then a read-only connection for what only SQLite can answer. Returns
/// the key to open it with: the passphrase for an encrypted file, none for a plain one.
pub fn inspect_existing(path: &Path, key: Option<&str>) -> Result<Option<String>> {
    let key = inspect_header(path, key)?;
    open_reading(path, key.as_deref())?;
    Ok(key)
}

/// An encrypted journal starts with a random salt: not SQLite's header, not zeros, and not
/// the mostly printable bytes of a text file someone pointed `--db` at by mistake.
pub fn looks_encrypted(header: &[u8]) -> bool {
    if header.len() < 100
        || header.starts_with(SQLITE_MAGIC)
        || header[..16].iter().all(|b| *b == 0)
    {
        return false;
    }
    let printable = header
        .iter()
        .filter(|b| b.is_ascii_graphic() || b.is_ascii_whitespace())
        .count();
    printable * 10 < header.len() * 9
}
