//! The repository: the only module that speaks SQL. It opens, guards and migrates the
//! database file and maps rows to domain types.

mod app_state;
mod checkins;
mod copies;
mod deck;
mod drafts;
mod entries;
mod error;
mod exchange_turn;
mod file;
mod health;
mod keys;
mod measures;
mod migrations;
mod over;
mod personal;
mod readings;
mod search;
mod search_labels;
mod session;
mod sync;
mod sync_health;
mod thoughts;
mod trash;
mod window;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use copies::{CopyLook, copy_journal, encrypt_copy, look_inside};
pub use deck::{DeckLine, DeckSource, any as any_pick};
pub use drafts::DraftRead;
pub use error::{Result, StoreError, is_disk_full};
pub use exchange_turn::{ExchangeTurn, turn_file};
use file::{
    BUSY_TIMEOUT, check_connection, clear_conversion_leftovers, create_private_file,
    inspect_existing, inspect_header, journal_file, open_reading, read_header, unlock,
};
pub use file::{Hold, conversion_path, encrypted_file, side};
use health::Health;
pub use keys::{
    JournalKey, KeyFile, KeyFileError, RecoveryKey, copy_key_file, key_file, key_file_of,
    settle_staged, staged_key_file, write_private,
};

pub use app_state::Offer;
pub use checkins::{Direction, LabelKind, format_at};
pub use measures::Measured;
pub use migrations::{APPLICATION_ID, latest as latest_schema_version};
pub use search::{Found, SearchError, fts_query};
pub use search_labels::check_search;
pub use sync::{DeviceSeen, Held, Me, Settled, SyncKind, Whole};
pub use thoughts::ThoughtFilter;
pub use trash::RecordKind;
use window::Window;

/// A second connection to a journal, not yet opened: same file, same passphrase, and its
/// writes wait for the same integrity check as the first.
pub struct Beside {
    path: PathBuf,
    key: Option<String>,
    health: Option<Arc<Health>>,
}

impl Beside {
    pub fn open(self) -> Result<Store> {
        let mut store = Store::open_keyed(&self.path, self.key.as_deref())?;
        store.health = self.health;
        Ok(store)
    }
}

/// What opened an encrypted journal.
pub enum Unlocked {
    /// A journal with a key file: its own key, and the key file it was opened from.
    Keyed { key: JournalKey, file: KeyFile },
    /// A journal encrypted before key files: the passphrase is SQLCipher's key itself.
    Passphrase(String),
}

impl Unlocked {
    /// The key as SQLCipher takes it.
    pub fn sqlcipher(&self) -> String {
        match self {
            Unlocked::Keyed { key, .. } => key.sqlcipher(),
            Unlocked::Passphrase(p) => p.clone(),
        }
    }
}

/// The journal on disk (or in memory, for tests).
pub struct Store {
    conn: Connection,
    /// The file, and the passphrase it was opened with: a backup of an encrypted journal
    /// is encrypted with the same one.
    path: Option<PathBuf>,
    key: Option<String>,
    /// This process's hold on the file, so it is never replaced while in use.
    _hold: Option<Hold>,
    /// The integrity check running beside the TUI: writes wait for its answer.
    health: Option<Arc<Health>>,
    /// The window (running kindly) whose drafts this store keeps: none outside the TUI.
    window: Window,
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
        Self::open_with(path, key, true)
    }

    /// Opens a journal the caller already holds alone (a conversion): no hold of its own.
    pub fn open_held(path: &Path, key: Option<&str>) -> Result<Self> {
        Self::open_with(path, key, false)
    }

    fn open_with(path: &Path, key: Option<&str>, hold: bool) -> Result<Self> {
        let existed = journal_file(path)?;
        if !existed {
            create_private_file(path)?;
        }
        let hold = hold.then(|| Hold::shared(path)).transpose()?;
        if hold.is_some() {
            clear_conversion_leftovers(path);
        }
        // One connection does everything: the checks that may refuse the file run on it
        // first, reading only, and nothing is written until they pass.
        let key = if existed {
            inspect_header(path, key)?
        } else {
            None
        };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        unlock(&conn, key.as_deref())?;
        check_connection(&conn, path, key.is_some())?;
        let mut store = Self::prepare(conn, Some(path))?;
        store.key = key;
        store._hold = hold;
        Ok(store)
    }

    /// Opens an existing journal only to read it: never creates one, never writes (not even
    /// the journal mode), so a mistyped `--db` or a copy on a read-only disk is read as it
    /// is. A journal from an older kindly is opened for writing once, to bring its schema up.
    pub fn open_reader(path: &Path, key: Option<&str>) -> Result<Self> {
        if !journal_file(path)? {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        let hold = Hold::shared(path)?;
        clear_conversion_leftovers(path);
        let key = inspect_header(path, key)?;
        let conn = open_reading(path, key.as_deref())?;
        let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version != migrations::latest() {
            drop(conn);
            drop(hold);
            return Self::open_keyed(path, key.as_deref());
        }
        conn.busy_timeout(BUSY_TIMEOUT)?;
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            key,
            _hold: Some(hold),
            health: None,
            window: Window::none(),
        })
    }

    /// What a second connection to this journal needs, to be opened on another thread for
    /// work beside the screen (an exchange with the sync folder). None for a journal in
    /// memory, which has no file to open twice.
    pub fn beside(&self) -> Option<Beside> {
        Some(Beside {
            path: self.path.clone()?,
            key: self.key.clone(),
            health: self.health.clone(),
        })
    }

    /// A look at an existing plain journal that waits for nothing and holds nothing: for a
    /// shell prompt line, which must answer at once whatever else is happening.
    pub fn peek(path: &Path) -> Result<Self> {
        // An empty file is a journal not started yet, not an unreadable one.
        if !journal_file(path)? || std::fs::metadata(path).is_ok_and(|m| m.len() == 0) {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        inspect_header(path, None)?;
        Ok(Store::unheld(open_reading(path, None)?, path))
    }

    /// A store on a connection already checked, holding nothing and watching nothing.
    fn unheld(conn: Connection, path: &Path) -> Self {
        Store {
            conn,
            path: Some(path.to_path_buf()),
            key: None,
            _hold: None,
            health: None,
            window: Window::none(),
        }
    }

    /// Runs SQLite's quick integrity check now, and refuses to go on if the journal is
    /// damaged: for commands that write. About 30 ms on a ten-year journal.
    pub fn verify(&self) -> Result<()> {
        let problems = self.quick_check()?;
        if problems.is_empty() {
            return Ok(());
        }
        Err(StoreError::Damaged {
            path: self.path.clone().unwrap_or_default(),
            detail: problems.join("; "),
        })
    }

    /// Starts the quick integrity check on a thread of its own, on its own read-only
    /// connection, so the screen opens at once; any write waits for the answer and is
    /// refused if the journal turns out damaged.
    pub fn verify_beside(&mut self) {
        if let Some(path) = self.path.clone() {
            self.health = Some(Health::start(path, self.key.clone()));
        }
    }

    /// Whether the background check found damage (and so writes are refused), once known.
    pub fn damaged(&self) -> Option<String> {
        self.health.as_ref().and_then(|h| h.damage())
    }

    /// Whether there is a journal at `path` yet; a folder, named pipe, device or symlink loop
    /// there is refused with a line that names it.
    pub fn exists(path: &Path) -> Result<bool> {
        journal_file(path)
    }

    /// Whether the file at `path` is encrypted (not a plain SQLite file, and not empty).
    pub fn is_encrypted(path: &Path) -> bool {
        read_header(path).is_ok_and(|h| encrypted_file(path, &h))
    }

    /// Whether `key` opens the encrypted journal at `path`, asked read-only (nothing is
    /// written), so a passphrase typed wrongly can be asked for again.
    pub fn opens_with(path: &Path, key: &str) -> bool {
        !matches!(
            inspect_existing(path, Some(key)),
            Err(StoreError::WrongPassphrase(_))
        )
    }

    /// What opens the encrypted journal at `path` with `secret` (its passphrase or its
    /// recovery key, as typed), asked read-only: the journal's own key from its key file, or,
    /// for a journal encrypted before key files, the passphrase itself. None when nothing
    /// does. A key file left staged by a stopped `encrypt` is given its lasting name.
    pub fn unlock(path: &Path, secret: &str) -> Option<Unlocked> {
        for at in [key_file(path), staged_key_file(path)] {
            let Ok(file) = KeyFile::read(&at) else {
                continue;
            };
            if let Some(key) = file.open(secret)
                && Self::opens_with(path, &key.sqlcipher())
            {
                if at == staged_key_file(path) {
                    settle_staged(path);
                }
                return Some(Unlocked::Keyed { key, file });
            }
        }
        Self::opens_with(path, secret).then(|| Unlocked::Passphrase(secret.to_string()))
    }

    /// Writes a copy of the journal to `dest`, encrypted with `key`, or plain when `key`
    /// is `None`, through SQLCipher's export. The copy is created readable only by you.
    pub fn export_to(&self, dest: &Path, key: Option<&str>) -> Result<()> {
        copies::export(&self.conn, dest, key)
    }

    /// Moves everything in the WAL into the journal file and empties the WAL: before the
    /// file is replaced, so nothing of the old file is left in a side file.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
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

    /// The key material the journal was opened with, if it is encrypted, as SQLCipher takes
    /// it: `x'…'` (the journal's own key, from its key file) or, for a journal encrypted
    /// before key files, the passphrase. A copy made with it (`backup_to`) opens with the
    /// same key, so it needs a copy of the key file beside it: `copy_key_file`.
    pub fn key(&self) -> Option<&str> {
        self.key.as_deref()
    }

    /// The file the journal lives in (none in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn prepare(conn: Connection, path: Option<&Path>) -> Result<Self> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
        // WAL lets a second kindly read while one writes; FULL makes each commit survive
        // power loss at a cost of well under a millisecond.
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // An exchange reads and writes every kind of record by id, each with its own
        // statements: room for all of them, so none is parsed again for every record.
        conn.set_prepared_statement_cache_capacity(64);
        let mut store = Store {
            conn,
            path: path.map(Path::to_path_buf),
            key: None,
            _hold: None,
            health: None,
            window: Window::none(),
        };
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
    /// even while another kindly is writing (an encrypted journal: SQLCipher's export, to a
    /// copy with the same passphrase). The copy is created readable only by you.
    pub fn backup_to(&self, path: &Path) -> Result<()> {
        // SQLCipher has no online backup of an encrypted journal; its export writes the
        // copy encrypted with the same passphrase.
        if let Some(key) = self.key.clone() {
            return self.export_to(path, Some(&key));
        }
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
        let window = self.window.id.clone();
        let tx = self.write()?;
        upsert(&tx)?;
        if let Some(slot) = draft {
            tx.execute(
                "DELETE FROM drafts WHERE window = ?1 AND slot = ?2",
                rusqlite::params![window, slot],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// A number that changes whenever another connection (another window, a command, an
    /// exchange) commits to the journal, and never for this one's own writes: asking costs
    /// next to nothing, so a window can ask each time it wakes.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// Every save goes through here: one transaction, taking the write lock up front so
    /// two kindly processes queue politely instead of failing with "database is locked".
    fn write(&mut self) -> Result<Transaction<'_>> {
        if let Some(health) = &self.health {
            health.wait_until_known();
            if let Some(detail) = health.damage() {
                return Err(StoreError::Damaged {
                    path: self.path.clone().unwrap_or_default(),
                    detail,
                });
            }
        }
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
