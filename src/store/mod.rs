//! The repository: the only module that speaks SQL. It opens, guards and migrates the
//! database file and maps rows to domain types.

mod checkins;
mod drafts;
mod entries;
mod migrations;
mod search;
mod thoughts;
mod trash;

use std::fs::{DirBuilder, OpenOptions};
use std::io::Read;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use checkins::{Direction, LabelKind, format_at};
pub use migrations::{APPLICATION_ID, latest as latest_schema_version};
pub use search::{Found, SearchError, fts_query};
pub use thoughts::ThoughtFilter;
pub use trash::RecordKind;

/// How long a writer waits for another kindly process before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} is not a kindly database (it isn't an SQLite file); it was left untouched")]
    NotADatabase(PathBuf),
    #[error(
        "{0} can't be read as a plain journal: if it's encrypted, give its passphrase (run kindly in a terminal, or use --passphrase-file FILE); it was left untouched"
    )]
    NeedsPassphrase(PathBuf),
    #[error(
        "that passphrase doesn't open {0} (or it isn't a kindly journal); it was left untouched"
    )]
    WrongPassphrase(PathBuf),
    #[error(
        "{0} belongs to another program (an SQLite database, but not kindly's); it was left untouched"
    )]
    Foreign(PathBuf),
    #[error(
        "{path} was written by a newer kindly (schema {found}; this one knows up to {known}); it was left untouched, so please update kindly to open it"
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        known: u32,
    },
    #[error("{path} looks damaged and was left untouched ({detail}); `kindly check` explains more")]
    Damaged { path: PathBuf, detail: String },
    #[error("{path} is a folder; --db wants the path of a file")]
    IsDirectory { path: PathBuf },
    #[error("couldn't create {path}: {source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("couldn't read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the database said: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("a saved draft couldn't be read back: {0}")]
    Draft(#[from] serde_json::Error),
    #[error("a stored record is not valid any more: {0}")]
    Invalid(#[from] crate::domain::InvalidInput),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The journal on disk (or in memory, for tests).
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens the journal at `path`, creating it (0600, in a 0700 folder) when it does not
    /// exist. A file that is not kindly's, is damaged, or comes from a newer schema is
    /// refused before anything is written to it.
    pub fn open(path: &Path) -> Result<Self> {
        Self::open_keyed(path, None)
    }

    /// Opens a journal that may be encrypted at rest: `key` is its passphrase. A plain
    /// journal opens as usual whatever the key.
    pub fn open_keyed(path: &Path, key: Option<&str>) -> Result<Self> {
        if path.is_dir() {
            return Err(StoreError::IsDirectory {
                path: path.to_path_buf(),
            });
        }
        // One connection does everything: the checks that may refuse the file run on it
        // first, reading only, and nothing is written until they pass.
        let key = if path.exists() {
            inspect_header(path, key)?
        } else {
            create_private_file(path)?;
            None
        };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        unlock(&conn, key.as_deref())?;
        check_connection(&conn, path, key.is_some())?;
        Self::prepare(conn, Some(path))
    }

    /// Whether the file at `path` is encrypted (not a plain SQLite file, and not empty).
    pub fn is_encrypted(path: &Path) -> bool {
        read_header(path).is_ok_and(|h| looks_encrypted(&h))
    }

    /// Writes a copy of the journal to `dest`, encrypted with `key`, or plain when `key`
    /// is `None`, through SQLCipher's export. The copy is created readable only by you.
    pub fn export_to(&self, dest: &Path, key: Option<&str>) -> Result<()> {
        create_private_file(dest)?;
        let dest_text = dest.to_string_lossy().to_string();
        self.conn.execute(
            "ATTACH DATABASE ?1 AS converted KEY ?2",
            rusqlite::params![dest_text, key.unwrap_or("")],
        )?;
        let result = (|| -> rusqlite::Result<()> {
            self.conn
                .query_row("SELECT sqlcipher_export('converted')", [], |_| Ok(()))?;
            let version: u32 = self
                .conn
                .pragma_query_value(None, "user_version", |r| r.get(0))?;
            self.conn
                .pragma_update(Some("converted"), "user_version", version)?;
            self.conn
                .pragma_update(Some("converted"), "application_id", APPLICATION_ID)?;
            Ok(())
        })();
        self.conn.execute("DETACH DATABASE converted", [])?;
        Ok(result?)
    }

    /// How many records of each kind the journal holds, trash included: for checking
    /// that a converted copy is whole.
    pub fn record_counts(&self) -> Result<[i64; 4]> {
        let mut out = [0; 4];
        for (i, table) in ["checkins", "thoughts", "entries", "breaks"]
            .iter()
            .enumerate()
        {
            out[i] = self
                .conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        }
        Ok(out)
    }

    /// A fresh journal that lives only as long as the value: for unit tests.
    pub fn open_in_memory() -> Result<Self> {
        Self::prepare(Connection::open_in_memory()?, None)
    }

    fn prepare(conn: Connection, path: Option<&Path>) -> Result<Self> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
        // WAL lets a second kindly read while one writes; FULL makes each commit survive
        // power loss at a cost of well under a millisecond.
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store { conn };
        store.migrate(path)?;
        Ok(store)
    }

    fn migrate(&mut self, path: Option<&Path>) -> Result<()> {
        let known = migrations::latest();
        if self.user_version()? == known {
            return Ok(());
        }
        let tx = self.write()?;
        // Read again inside the write lock: another kindly may have migrated meanwhile.
        let found: u32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > known {
            return Err(StoreError::NewerSchema {
                path: path.map(Path::to_path_buf).unwrap_or_default(),
                found,
                known,
            });
        }
        for sql in &migrations::MIGRATIONS[found as usize..] {
            tx.execute_batch(sql)?;
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", known)?;
        tx.commit()?;
        Ok(())
    }

    pub fn user_version(&self) -> Result<u32> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// The journal mode in force (`wal` for files).
    pub fn journal_mode(&self) -> Result<String> {
        Ok(self
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))?)
    }

    /// Checks a journal file without changing it: the problems SQLite's integrity check
    /// finds (none when healthy). Files that aren't kindly journals are refused as `open`
    /// refuses them.
    pub fn check_file(path: &Path, key: Option<&str>) -> Result<Vec<String>> {
        let key = match inspect_existing(path, key) {
            Ok(k) => k,
            Err(StoreError::Damaged { .. }) => key.map(String::from),
            Err(e) => return Err(e),
        };
        let problems = (|| -> rusqlite::Result<Vec<String>> {
            let conn = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            unlock(&conn, key.as_deref())?;
            let mut stmt = conn.prepare("PRAGMA integrity_check(20)")?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            rows.collect()
        })();
        Ok(match problems {
            Ok(rows) if rows == ["ok"] => Vec::new(),
            Ok(rows) => rows,
            Err(e) => vec![e.to_string()],
        })
    }

    /// The live journal's own quick integrity check: the problems found (none when healthy).
    pub fn quick_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA quick_check(20)")?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(if rows == ["ok"] { Vec::new() } else { rows })
    }

    /// Copies the live journal to `path` with SQLite's online backup, which is consistent
    /// even while another kindly is writing. The copy is created readable only by you.
    pub fn backup_to(&self, path: &Path) -> Result<()> {
        create_private_file(path)?;
        let mut copy = Connection::open(path)?;
        let backup = rusqlite::backup::Backup::new(&self.conn, &mut copy)?;
        backup.run_to_completion(256, Duration::from_millis(2), None)?;
        drop(backup);
        // A backup is one self-contained file, not a WAL database with side files.
        copy.pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))?;
        Ok(())
    }

    /// Saves one record with `upsert` and, when `draft` names a slot, clears that draft in
    /// the same transaction, so a crash can never leave both the record and its draft, or
    /// neither.
    fn save_with_draft(
        &mut self,
        draft: Option<&str>,
        upsert: impl FnOnce(&Transaction<'_>) -> Result<()>,
    ) -> Result<()> {
        let tx = self.write()?;
        upsert(&tx)?;
        if let Some(slot) = draft {
            tx.execute("DELETE FROM drafts WHERE slot = ?1", [slot])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Every save goes through here: one transaction, taking the write lock up front so
    /// two kindly processes queue politely instead of failing with "database is locked".
    fn write(&mut self) -> Result<Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

/// Runs one statement through the statement cache: an import runs the same few statements
/// thousands of times, and preparing each anew cost most of its time.
fn cached<P: rusqlite::Params>(
    tx: &Transaction<'_>,
    sql: &str,
    params: P,
) -> rusqlite::Result<usize> {
    tx.prepare_cached(sql)?.execute(params)
}

/// Creates an empty file only its owner can read, in a folder only its owner can enter.
fn create_private_file(path: &Path) -> Result<()> {
    let create_err = |source| StoreError::Create {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.exists()
    {
        DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(parent)
            .map_err(create_err)?;
    }
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(create_err)?;
    Ok(())
}

/// Gives SQLCipher the passphrase (when there is one) before anything else is read, and
/// keeps its own complaints off the screen.
fn unlock(conn: &Connection, key: Option<&str>) -> rusqlite::Result<()> {
    let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
    if let Some(key) = key {
        conn.pragma_update(None, "key", key)?;
    }
    Ok(())
}

fn read_header(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut file = std::fs::File::open(path)?;
    let mut header = Vec::with_capacity(100);
    file.by_ref().take(100).read_to_end(&mut header)?;
    Ok(header)
}

/// The first look at an existing file, from its 100-byte header alone: an empty file is a
/// journal not started, a plain SQLite file must not be another program's or from a newer
/// kindly, and an encrypted one needs its passphrase. Returns the key to open it with.
fn inspect_header(path: &Path, key: Option<&str>) -> Result<Option<String>> {
    let header = read_header(path).map_err(|source| StoreError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    if header.is_empty() {
        return Ok(None);
    }
    if looks_encrypted(&header) {
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
fn check_connection(conn: &Connection, path: &Path, keyed: bool) -> Result<()> {
    let damaged = |e: rusqlite::Error| StoreError::Damaged {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
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
fn inspect_existing(path: &Path, key: Option<&str>) -> Result<Option<String>> {
    let key = inspect_header(path, key)?;
    let damaged = |e: rusqlite::Error| StoreError::Damaged {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(damaged)?;
    unlock(&conn, key.as_deref()).map_err(damaged)?;
    check_connection(&conn, path, key.is_some())?;
    Ok(key)
}

/// An encrypted journal starts with a random salt: not SQLite's header, not zeros, and not
/// the mostly printable bytes of a text file someone pointed `--db` at by mistake.
fn looks_encrypted(header: &[u8]) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_bring_an_empty_store_to_the_latest_version() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.user_version().unwrap(), latest_schema_version());
        let app_id: i32 = store
            .conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .unwrap();
        assert_eq!(app_id, APPLICATION_ID);
    }

    #[test]
    fn foreign_keys_are_on() {
        let store = Store::open_in_memory().unwrap();
        let on: i64 = store
            .conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!(on, 1);
    }
}
