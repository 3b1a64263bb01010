//! The key file beside an encrypted journal (`JOURNAL.keys`): the journal's own random key,
//! locked twice with age's scrypt, once under the passphrase and once under the recovery key.
//!
//! Why a key file: changing the passphrase or the recovery key then rewrites a few hundred
//! bytes (beside, flushed, renamed), never the journal, so no plain copy exists at any moment
//! and a stop at any instant leaves the old key file or the new one. The file holds nothing
//! readable without one of the two secrets: each copy of the key is sealed by age
//! (scrypt, then ChaCha20-Poly1305), the way the sync folder's key is.

use std::io::Read;
use std::path::{Path, PathBuf};

use age::secrecy::SecretString;
use base64::Engine;

use super::file::side;

/// The first line of every key file, so a file of another kind is told apart at once.
const HEADER: &str = "kindly journal keys 1";

/// scrypt's work for the passphrase's copy: 2^16 (64 MiB, a fraction of a second), so
/// guessing passphrases from a stolen key file is slow.
const PASSPHRASE_WORK: u8 = 16;

/// The recovery key is 160 random bits, beyond any guessing; its copy needs little work.
const RECOVERY_WORK: u8 = 10;

/// More work than kindly ever asks: a key file asking for it isn't kindly's own.
const MAX_WORK: u8 = 20;

/// Crockford's base32: no I, L, O or U, so a written-down key can't be misread.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Letters and digits in a recovery key (160 bits).
const RECOVERY_LEN: usize = 32;

/// The key file of the journal at `journal`.
pub fn key_file(journal: &Path) -> PathBuf {
    side(journal, ".keys")
}

/// Where a key file waits while its journal is being encrypted anew; it becomes the key file
/// once the journal is in place (and opens the journal meanwhile, if a stop comes between).
pub fn staged_key_file(journal: &Path) -> PathBuf {
    side(journal, ".keys-new")
}

/// Random bytes from the system.
fn random<const N: usize>() -> std::io::Result<[u8; N]> {
    let mut bytes = [0u8; N];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut bytes)?;
    Ok(bytes)
}

/// A journal's own key: 32 random bytes, given to SQLCipher as a raw key.
#[derive(Clone, PartialEq, Eq)]
pub struct JournalKey([u8; 32]);

impl JournalKey {
    pub fn random() -> std::io::Result<Self> {
        random().map(JournalKey)
    }

    /// The key as SQLCipher takes a raw key (`x'…'`): no derivation at open.
    pub fn sqlcipher(&self) -> String {
        let hex: String = self.0.iter().map(|b| format!("{b:02X}")).collect();
        format!("x'{hex}'")
    }

    fn from_hex(text: &str) -> Option<Self> {
        let text = text.trim();
        if text.len() != 64 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let mut out = [0u8; 32];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(JournalKey(out))
    }

    fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// A recovery key: 32 letters and digits a person can write down, shown in groups of four.
#[derive(Clone, PartialEq, Eq)]
pub struct RecoveryKey(String);

/// Never printed whole, not even in a debug line.
impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RecoveryKey({}-…)", &self.0[..4])
    }
}

impl RecoveryKey {
    pub fn random() -> std::io::Result<Self> {
        let bytes: [u8; 20] = random()?;
        let mut bits: u64 = 0;
        let mut held = 0;
        let mut out = String::with_capacity(RECOVERY_LEN);
        for b in bytes {
            bits = (bits << 8) | u64::from(b);
            held += 8;
            while held >= 5 {
                held -= 5;
                out.push(ALPHABET[((bits >> held) & 31) as usize] as char);
            }
        }
        Ok(RecoveryKey(out))
    }

    /// Reads a recovery key as a person may type it: any case, with or without spaces and
    /// dashes, an O for a zero or an I or L for a one. None when it isn't one.
    pub fn parse(text: &str) -> Option<Self> {
        let mut out = String::with_capacity(RECOVERY_LEN);
        for c in text.chars() {
            let c = match c.to_ascii_uppercase() {
                ' ' | '-' | '\t' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
                return None;
            }
            out.push(c);
        }
        (out.len() == RECOVERY_LEN).then_some(RecoveryKey(out))
    }

    /// In groups of four with dashes, as it is shown and written to a file.
    pub fn grouped(&self) -> String {
        self.groups().join("-")
    }

    /// The eight groups of four.
    pub fn groups(&self) -> Vec<&str> {
        (0..RECOVERY_LEN / 4)
            .map(|i| &self.0[4 * i..4 * i + 4])
            .collect()
    }
}

/// Why a key file couldn't be used.
#[derive(Debug, thiserror::Error)]
pub enum KeyFileError {
    #[error("couldn't read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0} isn't a kindly key file whole (it may have been cut short or changed)")]
    Garbled(PathBuf),
}

/// The two sealed copies of a journal's key, as the key file holds them.
#[derive(Clone)]
pub struct KeyFile {
    passphrase: Vec<u8>,
    recovery: Vec<u8>,
}

fn seal(key: &JournalKey, secret: &str, work: u8) -> std::io::Result<Vec<u8>> {
    let mut lock = age::scrypt::Recipient::new(SecretString::from(secret.to_string()));
    lock.set_work_factor(work);
    age::encrypt(&lock, key.hex().as_bytes()).map_err(|e| std::io::Error::other(e.to_string()))
}

fn unseal(sealed: &[u8], secret: &str) -> Option<JournalKey> {
    let mut unlock = age::scrypt::Identity::new(SecretString::from(secret.to_string()));
    unlock.set_max_work_factor(MAX_WORK);
    let opened = age::decrypt(&unlock, sealed).ok()?;
    JournalKey::from_hex(std::str::from_utf8(&opened).ok()?)
}

impl KeyFile {
    /// `key` sealed under `passphrase` and under `recovery`.
    pub fn seal(
        key: &JournalKey,
        passphrase: &str,
        recovery: &RecoveryKey,
    ) -> std::io::Result<Self> {
        Ok(KeyFile {
            passphrase: seal(key, passphrase, PASSPHRASE_WORK)?,
            recovery: seal(key, &recovery.0, RECOVERY_WORK)?,
        })
    }

    /// The journal's key, opened with the passphrase or the recovery key (as typed: a
    /// recovery key in any case, with or without dashes). None when neither opens it.
    pub fn open(&self, secret: &str) -> Option<JournalKey> {
        if let Some(recovery) = RecoveryKey::parse(secret)
            && let Some(key) = unseal(&self.recovery, &recovery.0)
        {
            return Some(key);
        }
        unseal(&self.passphrase, secret)
    }

    /// Whether `passphrase` is the one this key file's passphrase copy is sealed under.
    pub fn has_passphrase(&self, passphrase: &str) -> bool {
        unseal(&self.passphrase, passphrase).is_some()
    }

    /// The same key under a new passphrase; the recovery key stays.
    pub fn with_passphrase(&self, key: &JournalKey, passphrase: &str) -> std::io::Result<Self> {
        Ok(KeyFile {
            passphrase: seal(key, passphrase, PASSPHRASE_WORK)?,
            recovery: self.recovery.clone(),
        })
    }

    /// The same key under a new recovery key: the old one no longer opens this key file.
    pub fn with_recovery(&self, key: &JournalKey, recovery: &RecoveryKey) -> std::io::Result<Self> {
        Ok(KeyFile {
            passphrase: self.passphrase.clone(),
            recovery: seal(key, &recovery.0, RECOVERY_WORK)?,
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let b64 = base64::engine::general_purpose::STANDARD;
        format!(
            "{HEADER}\n# The key of the kindly journal beside this file, sealed twice (age, scrypt):\n# once under its passphrase, once under its recovery key. Neither secret is in here.\npassphrase {}\nrecovery {}\n",
            b64.encode(&self.passphrase),
            b64.encode(&self.recovery)
        )
        .into_bytes()
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let text = std::str::from_utf8(bytes).ok()?;
        let mut lines = text.lines();
        if lines.next()? != HEADER {
            return None;
        }
        let b64 = base64::engine::general_purpose::STANDARD;
        let (mut passphrase, mut recovery) = (None, None);
        for line in lines.filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let (name, value) = line.split_once(' ')?;
            let value = b64.decode(value.trim()).ok()?;
            match name {
                "passphrase" => passphrase = Some(value),
                "recovery" => recovery = Some(value),
                _ => {}
            }
        }
        Some(KeyFile {
            passphrase: passphrase?,
            recovery: recovery?,
        })
    }

    pub fn read(path: &Path) -> Result<Self, KeyFileError> {
        let bytes = std::fs::read(path).map_err(|source| KeyFileError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_bytes(&bytes).ok_or_else(|| KeyFileError::Garbled(path.to_path_buf()))
    }

    /// Writes the key file at `path` whole, replacing one there: beside it, flushed, then
    /// renamed into place, so a stop at any instant leaves the old file or the new one.
    pub fn replace(&self, path: &Path) -> std::io::Result<()> {
        let temp = side(path, &format!(".{}.tmp", std::process::id()));
        crate::private_file::replace_whole(&temp, path, &self.to_bytes())
    }
}

/// Creates a private file (0600, never over one there) holding bytes, flushed to disk.
pub use crate::private_file::write_new as write_private;

/// Gives the staged key file its lasting name, if it opens the journal now (`encrypt` or a
/// first conversion was stopped between putting the journal in place and naming its key
/// file). Never replaces a key file already there.
pub fn settle_staged(journal: &Path) {
    let staged = staged_key_file(journal);
    if std::fs::hard_link(&staged, key_file(journal)).is_ok() {
        let _ = std::fs::remove_file(&staged);
        crate::private_file::sync_folder_of(journal);
    }
}

/// Writes a copy of the key file of `journal`, if it has one, beside `copy` (a backup of the
/// journal made with its key): `COPY.keys`, 0600, so the copy opens with the same passphrase
/// or recovery key. A key file already there is replaced only when `replace`. Returns where
/// it was written (none for a journal without a key file).
pub fn copy_key_file(
    journal: &Path,
    copy: &Path,
    replace: bool,
) -> std::io::Result<Option<PathBuf>> {
    let Some(keys) = key_file_of(journal) else {
        return Ok(None);
    };
    let bytes = std::fs::read(&keys)?;
    let dest = key_file(copy);
    let temp = side(&dest, &format!(".{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&temp);
    if replace {
        crate::private_file::replace_whole(&temp, &dest, &bytes)?;
    } else {
        crate::private_file::place_new(&temp, &dest, &bytes)?;
    }
    Ok(Some(dest))
}

/// The key file that belongs with `journal`: its own, or a staged one while a first
/// encryption is settling. None for a plain journal or one encrypted before key files.
pub fn key_file_of(journal: &Path) -> Option<PathBuf> {
    [key_file(journal), staged_key_file(journal)]
        .into_iter()
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recovery_key_reads_back_however_it_is_typed() {
        let key = RecoveryKey::random().unwrap();
        let grouped = key.grouped();
        assert_eq!(grouped.len(), 39);
        assert_eq!(RecoveryKey::parse(&grouped), Some(key.clone()));
        assert_eq!(
            RecoveryKey::parse(&grouped.to_lowercase()),
            Some(key.clone())
        );
        assert_eq!(
            RecoveryKey::parse(&key.groups().join(" ")),
            Some(key.clone())
        );
        assert_eq!(RecoveryKey::parse(&grouped.replace('-', "")), Some(key));
        assert_eq!(RecoveryKey::parse("not a key at all"), None);
        assert_eq!(RecoveryKey::parse("ABCD-EFGH"), None);
    }

    #[test]
    fn recovery_keys_differ_and_use_the_written_down_alphabet() {
        let a = RecoveryKey::random().unwrap();
        let b = RecoveryKey::random().unwrap();
        assert_ne!(a, b);
        assert!(a.0.bytes().all(|c| ALPHABET.contains(&c)));
    }

    #[test]
    fn each_secret_opens_the_key_and_nothing_else_does() {
        let key = JournalKey::random().unwrap();
        let recovery = RecoveryKey::random().unwrap();
        let file = KeyFile::seal(&key, "a long quiet passphrase", &recovery).unwrap();
        let read = KeyFile::from_bytes(&file.to_bytes()).unwrap();
        assert!(read.open("a long quiet passphrase") == Some(key.clone()));
        assert!(read.open(&recovery.grouped().to_lowercase()) == Some(key.clone()));
        assert!(read.open("a long quiet passphrasE").is_none());
        let moved = read
            .with_recovery(&key, &RecoveryKey::random().unwrap())
            .unwrap();
        assert!(moved.open(&recovery.grouped()).is_none());
        assert!(moved.open("a long quiet passphrase") == Some(key));
    }

    #[test]
    fn a_raw_key_is_given_to_sqlcipher_as_hex() {
        let key = JournalKey::random().unwrap();
        let text = key.sqlcipher();
        assert!(text.starts_with("x'") && text.ends_with('\'') && text.len() == 67);
    }
}
