//! The commands that read or replace the journal file whole: encrypt, decrypt, check and
//! backup. Replacing the file needs it alone; a copy is made beside it, checked, flushed,
//! and only then put in place, so a kill at any moment leaves the journal whole.

use std::io::Write;
use std::path::Path;

use super::passphrase;
use super::shared::{CliError, write_stdout};
use crate::store::{Hold, Store, StoreError, conversion_path, side};

pub fn encrypt(path: &Path, passphrase_file: Option<&Path>) -> Result<(), CliError> {
    if !Store::exists(path)? {
        return Err(CliError::Usage(format!(
            "there's no journal at {} to encrypt",
            path.display()
        )));
    }
    if Store::is_encrypted(path) {
        return Err(CliError::Usage(format!(
            "{} is already encrypted",
            path.display()
        )));
    }
    let hold = Hold::exclusive(path)?;
    let key = passphrase::new(passphrase_file)?;
    convert(path, &hold, None, Some(&key))?;
    let _ = writeln!(
        std::io::stderr(),
        "Your journal is encrypted. Keep the passphrase somewhere safe: without it the journal can't be read."
    );
    Ok(())
}

pub fn decrypt(path: &Path, passphrase_file: Option<&Path>) -> Result<(), CliError> {
    if !Store::is_encrypted(path) {
        return Err(CliError::Usage(format!(
            "{} isn't encrypted",
            path.display()
        )));
    }
    let hold = Hold::exclusive(path)?;
    let key = passphrase::existing(passphrase_file)?;
    convert(path, &hold, Some(&key), None)?;
    let _ = writeln!(std::io::stderr(), "Your journal is a plain file again.");
    Ok(())
}

/// `kindly passphrase`: the journal written anew under a new passphrase (encrypted to
/// encrypted, so no plain copy exists at any moment), checked, then put in place.
pub fn change_passphrase(
    path: &Path,
    passphrase_file: Option<&Path>,
    new_file: Option<&Path>,
) -> Result<(), CliError> {
    if !Store::is_encrypted(path) {
        return Err(CliError::Usage(format!(
            "{} isn't encrypted, so it has no passphrase to change; `kindly encrypt` gives it one",
            path.display()
        )));
    }
    // Held before anything is asked: while another kindly has it open, nothing can change.
    let hold = Hold::exclusive(path)?;
    let old = passphrase::current_key(path, passphrase_file)?;
    if !Store::opens_with(path, &old) {
        return Err(crate::store::StoreError::WrongPassphrase(path.to_path_buf()).into());
    }
    let new = passphrase::new(new_file)?;
    if new == old {
        return Err(CliError::Usage(
            "that is the passphrase the journal already has; nothing was changed".into(),
        ));
    }
    convert(path, &hold, Some(&old), Some(&new))?;
    let _ = writeln!(
        std::io::stderr(),
        "Your journal's passphrase is changed: the new one opens it, the old one no longer does. Backups made before keep the passphrase they were made with."
    );
    Ok(())
}

/// Rewrites the journal at `path` encrypted (or plain), checks the new file holds every
/// record, and only then puts it in place of the old one. The caller holds the journal
/// alone, so no other kindly can write to the old file meanwhile or keep it open after.
fn convert(
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

pub fn check(path: &Path, passphrase_file: Option<&Path>) -> Result<(), CliError> {
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
        Some(passphrase::existing(passphrase_file)?)
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

pub fn backup(
    path: &Path,
    output: &Path,
    force: bool,
    passphrase_file: Option<&Path>,
) -> Result<(), CliError> {
    super::output::guard(output, path)?;
    super::output::refuse_existing(output, force)?;
    let encrypted = Store::is_encrypted(path);
    let key = if encrypted {
        Some(passphrase::existing(passphrase_file)?)
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
    super::output::tell(&format!("Backed up to {}.", output.display()));
    Ok(())
}
