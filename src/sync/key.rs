//! Making a sync folder and joining one: the folder's key pair, its secret half kept in
//! the folder under the sync passphrase (age's scrypt) and in each journal that joins.

use std::path::{Path, PathBuf};

use age::secrecy::{ExposeSecret, SecretString};

use super::folder::{
    DEVICES, KEY_FILE, MARKER, Marker, Result, SyncError, WORK_FACTOR, absolute, io, make_dir,
    new_device, place_new, read_marker,
};
use crate::domain::InvalidInput;
use crate::store::{Me, Store};

/// Makes `folder` a sync folder for this journal: a new key, its secret half kept in the
/// folder under the sync passphrase, and every record marked to be written there.
pub fn init(store: &mut Store, folder: &Path, passphrase: &str, name: &str) -> Result<Me> {
    if store.sync_me()?.is_some() {
        return Err(InvalidInput::new(
            "sync init",
            "this journal already syncs; `kindly sync status` shows where",
        )
        .into());
    }
    check_new(folder)?;
    make_dir(&folder.join(DEVICES)).map_err(io(folder))?;
    let identity = age::x25519::Identity::generate();
    let recipient = identity.to_public().to_string();
    let secret = identity.to_string();
    let mut lock = age::scrypt::Recipient::new(SecretString::from(passphrase.to_string()));
    lock.set_work_factor(WORK_FACTOR);
    let locked =
        age::encrypt(&lock, secret.expose_secret().as_bytes()).map_err(|e| SyncError::Io {
            path: folder.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?;
    place_new(&folder.join(KEY_FILE), &locked).map_err(io(folder))?;
    let marker = serde_json::to_vec_pretty(&Marker {
        kindly_sync: super::change::FORMAT,
        recipient: recipient.clone(),
    })
    .unwrap_or_default();
    place_new(&folder.join(MARKER), &marker).map_err(io(folder))?;
    let me = Me {
        device: new_device(),
        name: name.to_string(),
        folder: absolute(folder),
        identity: secret.expose_secret().to_string(),
        recipient,
        next_seq: 1,
    };
    store.sync_join(&me)?;
    Ok(me)
}

/// A sync folder's key, opened with its passphrase: what a journal needs to join it.
pub struct FolderKey {
    folder: PathBuf,
    identity: String,
    recipient: String,
}

/// Checks that `folder` can become a new sync folder (before anything is written).
pub fn check_new(folder: &Path) -> Result<()> {
    if folder.join(MARKER).exists() || folder.join(KEY_FILE).exists() {
        return Err(InvalidInput::new(
            "sync init",
            format!(
                "{} is already a kindly sync folder; to share it, use `kindly sync join {}`",
                folder.display(),
                folder.display()
            ),
        )
        .into());
    }
    if folder.exists() && !folder.is_dir() {
        return Err(InvalidInput::new(
            "sync init",
            format!("{} is a file, not a folder", folder.display()),
        )
        .into());
    }
    Ok(())
}

/// Checks that `folder` is a sync folder one can join, before the passphrase is asked.
pub fn check_joinable(folder: &Path) -> Result<()> {
    locked_key(folder).map(|_| ())
}

/// The folder's marker and its locked key.
fn locked_key(folder: &Path) -> Result<(Marker, Vec<u8>)> {
    if !folder.is_dir() {
        return Err(InvalidInput::new(
            "sync join",
            format!("{} isn't a folder here", folder.display()),
        )
        .into());
    }
    let marker = read_marker(folder)?;
    let locked = std::fs::read(folder.join(KEY_FILE)).map_err(|_| {
        InvalidInput::new(
            "sync join",
            format!(
                "{} has no {KEY_FILE}; is the folder fully synced here yet?",
                folder.display()
            ),
        )
    })?;
    Ok((marker, locked))
}

/// Opens the key of a sync folder another journal made, with the sync passphrase.
pub fn unlock(folder: &Path, passphrase: &str) -> Result<FolderKey> {
    let (marker, locked) = locked_key(folder)?;
    let unlock = age::scrypt::Identity::new(SecretString::from(passphrase.to_string()));
    let secret = age::decrypt(&unlock, &locked).map_err(|_| {
        InvalidInput::new(
            "sync join",
            "that sync passphrase doesn't open this folder's key; nothing was changed",
        )
    })?;
    let secret = String::from_utf8(secret).unwrap_or_default();
    let identity: age::x25519::Identity = secret.trim().parse().map_err(|_| {
        InvalidInput::new(
            "sync join",
            "the folder's key file isn't whole; nothing was changed",
        )
    })?;
    if identity.to_public().to_string() != marker.recipient {
        return Err(InvalidInput::new(
            "sync join",
            "the folder's key and its kindly-sync.json don't belong together; nothing was changed",
        )
        .into());
    }
    Ok(FolderKey {
        folder: absolute(folder),
        identity: secret.trim().to_string(),
        recipient: marker.recipient,
    })
}

/// Joins the folder whose key was opened: keeps the key in this journal, and marks every
/// record here to be written there.
pub fn join(store: &mut Store, key: FolderKey, name: &str) -> Result<Me> {
    if let Some(me) = store.sync_me()? {
        return Err(InvalidInput::new(
            "sync join",
            format!(
                "this journal already syncs with {}; `kindly sync status` shows more",
                me.folder.display()
            ),
        )
        .into());
    }
    let me = Me {
        device: new_device(),
        name: name.to_string(),
        folder: key.folder,
        identity: key.identity,
        recipient: key.recipient,
        next_seq: 1,
    };
    store.sync_join(&me)?;
    Ok(me)
}
