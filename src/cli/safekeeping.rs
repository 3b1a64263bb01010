//! The commands that read or replace the journal file whole: decrypt, check and backup,
//! and the conversion `encrypt` uses. Replacing the file needs it alone; a copy is made beside it, checked, flushed,
//! and only then put in place, so a kill at any moment leaves the journal whole.

use std::io::Write;
use std::path::Path;

use super::passphrase::{self, Unlock};
use super::shared::{CliError, write_stdout};
use crate::store::{
    Hold, Store, StoreError, conversion_path, copy_key_file, key_file, key_file_of, side,
    staged_key_file,
};

pub fn decrypt(path: &Path, unlock: &Unlock) -> Result<(), CliError> {
    if !Store::is_encrypted(path) {
        return Err(CliError::Usage(format!(
            "{} isn't encrypted",
            path.display()
        )));
    }
    let hold = Hold::exclusive(path)?;
    let key = passphrase::current_key(path, unlock)?;
    convert(path, &hold, Some(&key), None)?;
    // A plain journal needs no key; copies made before keep key files of their own.
    let mut said = String::new();
    for keys in [key_file(path), staged_key_file(path)] {
        if std::fs::remove_file(&keys).is_ok() {
            said = format!(
                " Its key file ({}) is no longer needed and was removed.",
                keys.display()
            );
        }
    }
    let _ = writeln!(
        std::io::stderr(),
        "Your journal is a plain file again.{said}"
    );
    Ok(())
}

/// Rewrites the journal at `path` encrypted (or plain), checks the new file holds every
/// record, and only then puts it in place of the old one. The caller holds the journal
/// alone, so no other kindly can write to the old file meanwhile or keep it open after.
pub(super) fn convert(
    path: &Path,
    _alone: &Hold,
    from_key: Option<&str>,
    to_key: Option<&str>,
) -> Result<(), CliError> {
    let tmp = conversion_path(path);
    let clear_tmp = || {
        for f in [
            tmp.clone(),
            side(&tmp, "-wal"),
            side(&tmp, "-shm"),
            side(&tmp, "-journal"),
        ] {
            let _ = std::fs::remove_file(f);
        }
    };
    clear_tmp();
    let result = (|| -> Result<(), CliError> {
        let store = Store::open_held(path, from_key)?;
        store.verify()?;
        // Everything into the main file, so closing leaves no WAL of the old journal.
        store.checkpoint()?;
        let counts = store.record_counts()?;
        store.export_to(&tmp, to_key)?;
        drop(store);
        let copy = Store::open_held(&tmp, to_key)?;
        if copy.record_counts()? != counts || !copy.quick_check()?.is_empty() {
            return Err(CliError::Other(anyhow::anyhow!(
                "the converted copy didn't check out, so your journal was left as it was"
            )));
        }
        copy.checkpoint()?;
        drop(copy);
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .and_then(|()| std::fs::rename(&tmp, path))
            .map_err(|e| {
                CliError::Other(anyhow::anyhow!(
                    "couldn't put the converted journal in place ({e}); the old one is unchanged"
                ))
            })?;
        // Side files of the old journal would belong to a file that is gone.
        for s in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(side(path, s));
        }
        if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty())
            && let Ok(d) = std::fs::File::open(dir)
        {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    clear_tmp();
    result
}

pub fn check(path: &Path, unlock: &Unlock) -> Result<(), CliError> {
    if !Store::exists(path)? {
        return write_stdout(
            format!(
                "There's no journal at {} yet; nothing to check.\n",
                path.display()
            )
            .as_bytes(),
        );
    }
    let key = if Store::is_encrypted(path) {
        Some(passphrase::current_key(path, unlock)?)
    } else {
        None
    };
    let problems = Store::check_file(path, key.as_deref())?;
    if problems.is_empty() {
        let mut text = format!(
            "{} is healthy: SQLite's integrity check found nothing wrong.\n",
            path.display()
        );
        if let Some(store) = key.is_none().then(|| Store::peek(path).ok()).flatten() {
            for line in crate::sync::not_everywhere(&store) {
                text.push_str(&crate::domain::visible_line(&line));
                text.push('\n');
            }
        }
        return write_stdout(text.as_bytes());
    }
    let mut text = format!(
        "{} is damaged; SQLite's integrity check found:\n",
        path.display()
    );
    for p in &problems {
        text.push_str(&format!("  - {p}\n"));
    }
    text.push_str(&format!(
        "It was left untouched. To rescue what can be read:\n  1. copy the file somewhere safe first;\n  2. sqlite3 {} .recover | sqlite3 recovered.db\n  3. kindly --db recovered.db check, then use recovered.db as your journal.\n",
        path.display()
    ));
    write_stdout(text.as_bytes())?;
    Err(CliError::Other(anyhow::anyhow!(
        "the journal needs recovering (see above)"
    )))
}

pub fn backup(path: &Path, output: &Path, force: bool, unlock: &Unlock) -> Result<(), CliError> {
    super::output::guard(output, path)?;
    super::output::refuse_existing(output, force)?;
    let encrypted = Store::is_encrypted(path);
    // The copy opens with the journal's key, so its key file goes beside it.
    if encrypted && key_file_of(path).is_some() {
        super::output::refuse_existing(&key_file(output), force)?;
    }
    let key = if encrypted {
        Some(passphrase::current_key(path, unlock)?)
    } else {
        None
    };
    // An encrypted copy is written through the journal's own connection, which must be
    // able to attach a new file; a plain one is read through a reading connection.
    let store = if encrypted {
        if !Store::exists(path)? {
            return Err(StoreError::Missing(path.to_path_buf()).into());
        }
        Store::open_keyed(path, key.as_deref())?
    } else {
        Store::open_reader(path, None)?
    };
    let problems = store.quick_check()?;
    if !problems.is_empty() {
        return Err(CliError::Other(anyhow::anyhow!(
            "the journal is damaged ({}), so it wasn't copied; `kindly check` says how to recover what can be read",
            problems.join("; ")
        )));
    }
    let tmp = super::output::beside(output).map_err(CliError::Other)?;
    let _unfinished = super::unfinished::Unfinished::register(&tmp);
    let clear = || {
        for s in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(side(&tmp, s));
        }
    };
    let made = store
        .backup_to(&tmp)
        .map_err(CliError::from)
        .and_then(|()| {
            std::fs::File::open(&tmp)
                .and_then(|f| f.sync_all())
                .map_err(|e| CliError::Other(anyhow::anyhow!("couldn't finish the copy ({e})")))
        })
        .and_then(|()| {
            // Asked to replace an earlier copy: the new one takes its name in one step.
            let placed = if force && output.exists() {
                std::fs::rename(&tmp, output).map_err(|e| {
                    anyhow::anyhow!("couldn't put the copy at {} ({e})", output.display())
                })
            } else {
                super::output::place_new(&tmp, output)
            };
            placed.map_err(CliError::Other)
        });
    clear();
    made?;
    let keys = copy_key_file(path, output, force).map_err(|e| {
        CliError::Other(anyhow::anyhow!(
            "the copy is at {}, but its key file couldn't be written beside it ({e}); without it the copy doesn't open",
            output.display()
        ))
    })?;
    match keys {
        Some(keys) => super::output::tell(&format!(
            "Backed up to {}, with its key file {} (keep the two together).",
            output.display(),
            keys.display()
        )),
        None => super::output::tell(&format!("Backed up to {}.", output.display())),
    }
    Ok(())
}
