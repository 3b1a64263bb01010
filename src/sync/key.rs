//! Making a sync folder and joining one: the folder's key pair, its secret half kept in
//! the folder under the sync passphrase (age's scrypt) and in each journal that joins.

use std::path::{Path, PathBuf};

use age::secrecy::{ExposeSecret, SecretString};

use super::folder::{
    DEVICES, KEY_FILE, MARKER, MAX_WORK_FACTOR, Marker, Result, SyncError, WORK_FACTOR, absolute,
    io, make_dir, new_device, not_arrived, place_new, read_marker, replace_whole,
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
    let locked = lock(folder, secret.expose_secret(), passphrase)?;
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
        notice: None,
    };
    store.sync_join(&me)?;
    Ok(me)
}

/// The folder's secret locked under `passphrase` (age's scrypt), as `kindly-sync.key` holds it.
fn lock(folder: &Path, secret: &str, passphrase: &str) -> Result<Vec<u8>> {
    let mut lock = age::scrypt::Recipient::new(SecretString::from(passphrase.to_string()));
    lock.set_work_factor(WORK_FACTOR);
    age::encrypt(&lock, secret.as_bytes()).map_err(|e| SyncError::Io {
        path: folder.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    })
}

/// `kindly sync passphrase`: the folder's key locked again under a new sync passphrase, put
/// in place whole. The key itself stays the same, so every computer that joined goes on
/// exchanging as before; a computer joining from now on needs the new passphrase.
pub fn relock(folder: &Path, old: &str, new: &str) -> Result<()> {
    let key = unlock(folder, old).map_err(|e| match e {
        SyncError::Invalid(e) => SyncError::Invalid(e.for_field("sync passphrase")),
        other => other,
    })?;
    let locked = lock(folder, &key.identity, new)?;
    replace_whole(&folder.join(KEY_FILE), &locked).map_err(io(folder))
}

/// A sync folder's key, opened with its passphrase: what a journal needs to join it.
pub struct FolderKey {
    folder: PathBuf,
    identity: String,
    recipient: String,
}

/// Checks that `folder` can become a new sync folder (before anything is written): never
/// one that already holds another computer's files, even before its marker has arrived,
/// as a second key there would split the journal in two.
pub fn check_new(folder: &Path) -> Result<()> {
    plain_path(folder, "sync init")?;
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
    if folder.join(DEVICES).exists() {
        return Err(InvalidInput::new(
            "sync init",
            format!(
                "{} already holds other computers' sync files (its {DEVICES} folder), so it is already a kindly sync folder; to share it, use `kindly sync join {}` once it has finished syncing here",
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
    plain_path(folder, "sync join")?;
    locked_key(folder).map(|_| ())
}

/// A folder's path is kept in the journal as text, so it must be text (UTF-8) whole: a
/// path stored with a stand-in for a byte would never be reached again.
fn plain_path(folder: &Path, field: &str) -> Result<()> {
    if absolute(folder).to_str().is_none() {
        return Err(InvalidInput::new(
            field,
            format!(
                "{}: this folder's path has characters that aren't UTF-8 text, and kindly couldn't find it again; choose (or rename to) a folder whose path is plain text",
                folder.display()
            ),
        )
        .into());
    }
    Ok(())
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
    let marker = read_marker(folder).map_err(|e| match e {
        SyncError::Invalid(e) => SyncError::Invalid(e.for_field("sync join")),
        other => other,
    })?;
    let locked = std::fs::read(folder.join(KEY_FILE))
        .map_err(|_| not_arrived(folder, KEY_FILE).for_field("sync join"))?;
    Ok((marker, locked))
}

/// Opens the key of a sync folder another journal made, with the sync passphrase.
pub fn unlock(folder: &Path, passphrase: &str) -> Result<FolderKey> {
    let (marker, locked) = locked_key(folder)?;
    let mut unlock = age::scrypt::Identity::new(SecretString::from(passphrase.to_string()));
    unlock.set_max_work_factor(MAX_WORK_FACTOR);
    let secret = age::decrypt(&unlock, &locked).map_err(|e| match e {
        age::DecryptError::ExcessiveWork { .. } => InvalidInput::new(
            "sync join",
            "the folder's key file asks far more work to open than a kindly key file ever does; it may not be kindly's own; nothing was changed",
        ),
        _ => InvalidInput::new(
            "sync join",
            "that sync passphrase doesn't open this folder's key; nothing was changed",
        ),
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
        notice: None,
    };
    store.sync_join(&me)?;
    Ok(me)
}
