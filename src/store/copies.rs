//! Copies of the journal taken while it is in use (SQLite's online backup, on a connection
//! of the copy's own), and a look inside a copy: is it whole, and what it holds.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::error::Result;
use super::file::{create_private_file, inspect_existing, open_reading, unlock};
use super::migrations::APPLICATION_ID;

/// What a copy of the journal holds, and whether SQLite's quick check finds it whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyLook {
    /// Check-ins, thought records, pages and letters, breaks (the trash included).
    pub counts: [i64; 4],
    /// What the quick check found wrong: nothing for a whole copy.
    pub problems: Vec<String>,
}

/// Copies the journal at `journal` into a new file at `dest` (made 0600) with SQLite's online
/// backup: one consistent moment of the journal, even while another kindly writes to it.
/// An encrypted journal's copy is encrypted with the same key, page by page, so no plain
/// byte of it is ever written. The copy is one self-contained file, with no side files.
pub fn copy_journal(journal: &Path, key: Option<&str>, dest: &Path) -> Result<()> {
    let from = open_reading(journal, key)?;
    create_private_file(dest)?;
    let mut to = Connection::open_with_flags(
        dest,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    unlock(&to, key)?;
    {
        let backup = rusqlite::backup::Backup::new(&from, &mut to)?;
        // All pages in one step: one read of the journal at one moment, which in WAL mode
        // never holds up a writer.
        backup.step(-1)?;
    }
    to.pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))?;
    Ok(())
}

/// Opens a copy read-only (refused as the journal would be if it isn't a kindly journal, or
/// the key doesn't open it), counts its records and runs SQLite's quick check on it.
pub fn look_inside(copy: &Path, key: Option<&str>) -> Result<CopyLook> {
    let key = inspect_existing(copy, key)?;
    let conn = open_reading(copy, key.as_deref())?;
    let mut counts = [0; 4];
    for (i, table) in ["checkins", "thoughts", "entries", "breaks"]
        .iter()
        .enumerate()
    {
        counts[i] = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap_or(0);
    }
    let mut stmt = conn.prepare("PRAGMA quick_check(20)")?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let problems = if rows == ["ok"] { Vec::new() } else { rows };
    Ok(CopyLook { counts, problems })
}

/// Writes the database `conn` holds to `dest` (made 0600), encrypted with `key` or plain
/// when `key` is `None`, through SQLCipher's export.
pub fn export(conn: &Connection, dest: &Path, key: Option<&str>) -> Result<()> {
    create_private_file(dest)?;
    let dest_text = dest.to_string_lossy().to_string();
    conn.execute(
        "ATTACH DATABASE ?1 AS converted KEY ?2",
        rusqlite::params![dest_text, key.unwrap_or("")],
    )?;
    let result = (|| -> rusqlite::Result<()> {
        conn.query_row("SELECT sqlcipher_export('converted')", [], |_| Ok(()))?;
        let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        conn.pragma_update(Some("converted"), "user_version", version)?;
        conn.pragma_update(Some("converted"), "application_id", APPLICATION_ID)?;
        Ok(())
    })();
    conn.execute("DETACH DATABASE converted", [])?;
    Ok(result?)
}

/// Writes an encrypted copy (with `key`) of the plain copy at `plain` to `dest`: for
/// backups made before the journal was encrypted. The plain copy is read, never changed.
pub fn encrypt_copy(plain: &Path, key: &str, dest: &Path) -> Result<()> {
    inspect_existing(plain, None)?;
    // Read-write only so the attached copy can be written; nothing is written to `plain`.
    let conn = Connection::open_with_flags(
        plain,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    unlock(&conn, None)?;
    export(&conn, dest, Some(key))
}
