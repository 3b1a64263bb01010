//! What can go wrong with the journal file, each in a sentence a person can act on.

use std::path::PathBuf;

use rusqlite::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} is not a kindly database (it isn't an SQLite file); it was left untouched")]
    NotADatabase(PathBuf),
    #[error(
        "{0} can't be read as a plain journal: if it's encrypted, give its passphrase (run kindly in a terminal, or use --passphrase-file FILE); it was left untouched"
    )]
    NeedsPassphrase(PathBuf),
    #[error(
        "that passphrase doesn't open {0}, which was left untouched; a passphrase is exact (capitals and spaces count)"
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
    #[error(
        "{path} looks damaged, so kindly won't write to it; it was left untouched ({detail}); `kindly check` explains more"
    )]
    Damaged { path: PathBuf, detail: String },
    #[error("{path} is a folder; --db wants the path of a file")]
    IsDirectory { path: PathBuf },
    #[error(
        "{path} is {what}, not a journal file; kindly left it alone (--db wants the path of a file)"
    )]
    NotAFile { path: PathBuf, what: &'static str },
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
    #[error(
        "the journal couldn't be written: the disk looks full (or the file has reached a size limit); nothing was changed, and what was saved before is safe"
    )]
    DiskFull,
    #[error("there's no journal at {0} yet (is the --db path right?); nothing was created")]
    Missing(PathBuf),
    #[error(
        "{0} is open in another kindly (a window or a command); close it there, then try again. Nothing was changed"
    )]
    InUse(PathBuf),
    #[error("the database said: {0}")]
    Sqlite(rusqlite::Error),
    /// Drafts, app state and lists kept as JSON inside the journal: reading one back or
    /// writing one that can't be written is an error, never a silent empty value.
    #[error("something kindly keeps in the journal couldn't be read or written: {0}")]
    Json(#[from] serde_json::Error),
    #[error("a stored record is not valid any more: {0}")]
    Invalid(#[from] crate::domain::InvalidInput),
}

pub type Result<T> = std::result::Result<T, StoreError>;

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        if is_disk_full(&e) {
            StoreError::DiskFull
        } else {
            StoreError::Sqlite(e)
        }
    }
}

/// Whether SQLite failed because the disk (or a file-size limit) had no room: that is not
/// damage, and the journal is as it was.
pub fn is_disk_full(e: &rusqlite::Error) -> bool {
    const IOERR_WRITE: i32 = rusqlite::ffi::SQLITE_IOERR_WRITE;
    const IOERR_FSYNC: i32 = rusqlite::ffi::SQLITE_IOERR_FSYNC;
    const IOERR_TRUNCATE: i32 = rusqlite::ffi::SQLITE_IOERR_TRUNCATE;
    const IOERR_SHMSIZE: i32 = rusqlite::ffi::SQLITE_IOERR_SHMSIZE;
    match e {
        rusqlite::Error::SqliteFailure(f, _) => {
            f.code == ErrorCode::DiskFull
                || matches!(
                    f.extended_code,
                    IOERR_WRITE | IOERR_FSYNC | IOERR_TRUNCATE | IOERR_SHMSIZE
                )
        }
        _ => false,
    }
}
