//! The secrets of an encrypted journal: its recovery key (made, shown once, replaced) and
//! its passphrase (changed), both kept in the key file beside the journal.

use std::io::{IsTerminal, Write};
use std::path::Path;

use super::passphrase::{self, Unlock};
use super::shared::{CliError, write_stdout};
use crate::domain::InvalidInput;
use crate::store::{
    Hold, JournalKey, KeyFile, RecoveryKey, Store, Unlocked, key_file, settle_staged,
    staged_key_file, write_private,
};

/// Refuses, before anything is asked or written, a file already at `to` (kindly never
/// writes a key over a file).
pub fn refuse_existing_to(to: Option<&Path>, flag: &str) -> Result<(), CliError> {
    match to {
        Some(to) if std::fs::symlink_metadata(to).is_ok() => Err(InvalidInput::new(
            flag,
            format!(
                "{} is already there, and kindly never writes a key over a file; name a new file; nothing was changed",
                to.display()
            ),
        )
        .into()),
        _ => Ok(()),
    }
}

/// Refuses a key file beside a journal that is about to get a new one: it belongs to
/// another journal (or to a copy of this one kept elsewhere), and is never replaced.
pub fn refuse_other_key_file(path: &Path) -> Result<(), CliError> {
    let keys = key_file(path);
    if keys.exists() {
        return Err(CliError::Usage(format!(
            "{} is already there: the key file of an encrypted journal that isn't this one (perhaps a copy of it kept elsewhere, or one left by a stopped decrypt). kindly never replaces a key file; if no journal needs it, move it aside, then try again. Nothing was changed",
            keys.display()
        )));
    }
    Ok(())
}

/// Writes the recovery key to `to` (created 0600, never replacing a file).
fn write_to(to: &Path, key: &RecoveryKey, path: &Path) -> Result<(), CliError> {
    let text = format!(
        "{}\n# The recovery key of the kindly journal at {} (made {}). It opens the journal if the\n# passphrase is forgotten. Keep a copy apart from this computer; anyone holding it can open the journal.\n",
        key.grouped(),
        path.display(),
        chrono::Local::now().format("%-d %B %Y")
    );
    write_private(to, text.as_bytes()).map_err(|e| {
        CliError::Other(anyhow::anyhow!(
            "couldn't write the recovery key to {} ({e}); nothing was changed",
            to.display()
        ))
    })
}

/// Says where the new recovery key is, or shows it once (on stdout, so it stays on screen
/// and in a script's output), with a few calm lines on keeping it.
fn show(key: &RecoveryKey, to: Option<&Path>) -> Result<(), CliError> {
    if let Some(to) = to {
        let _ = writeln!(
            std::io::stderr(),
            "Your recovery key is in {} (readable only by you). Keep a copy apart from this computer, on paper or in a password manager: it opens the journal if the passphrase is ever forgotten.",
            to.display()
        );
        return Ok(());
    }
    write_stdout(page(key).as_bytes())
}

/// The page that shows a recovery key once.
pub fn page(key: &RecoveryKey) -> String {
    let groups = key.groups();
    let width = if std::io::stdout().is_terminal() {
        ratatui::crossterm::terminal::size().map_or(72, |(w, _)| usize::from(w).clamp(20, 72))
    } else {
        72
    };
    // The key comes last, so however small the terminal, it is on screen when kindly ends.
    let words = "The recovery key below opens your journal if the passphrase is ever forgotten. Keep it on paper or in a password manager, apart from this computer; anyone holding it can open the journal. `kindly recovery` makes a new one and retires this one.";
    let mut out = String::from("\n");
    for line in wrap(words, width.saturating_sub(1)) {
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str("\nYour recovery key (shown only now):\n");
    out.push_str(&format!(
        "  {}\n  {}\n",
        groups[..4].join("-"),
        groups[4..].join("-")
    ));
    out
}

/// `text` in lines of at most `width` characters, broken between words.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Encrypts the journal anew under a random key of its own, kept in a new key file under
/// `passphrase` and `recovery`: from plain (`encrypt`, `from` none) or from a journal
/// encrypted before key files (`from` its passphrase). The key file is staged first, so
/// whenever the new journal is in place its key is beside it. Returns the key the journal
/// now opens with.
pub fn encrypt_anew(
    path: &Path,
    alone: &Hold,
    from: Option<&str>,
    passphrase: &str,
    recovery: &RecoveryKey,
) -> Result<String, CliError> {
    refuse_other_key_file(path)?;
    let key = JournalKey::random().map_err(|e| CliError::Other(e.into()))?;
    let file = KeyFile::seal(&key, passphrase, recovery).map_err(|e| CliError::Other(e.into()))?;
    let staged = staged_key_file(path);
    // Written whole beside it and linked into place: a stop mid-write leaves no half key
    // file for the next unlock to stumble on.
    let temp = crate::store::side(path, ".keys-new.tmp");
    let _ = std::fs::remove_file(&staged);
    let _ = std::fs::remove_file(&temp);
    crate::private_file::place_new(&temp, &staged, &file.to_bytes()).map_err(|e| {
        CliError::Other(anyhow::anyhow!(
            "couldn't write the key file {} ({e}); nothing was changed",
            staged.display()
        ))
    })?;
    if let Err(e) = super::safekeeping::convert(path, alone, from, Some(&key.sqlcipher())) {
        let _ = std::fs::remove_file(&staged);
        return Err(e);
    }
    settle_staged(path);
    Ok(key.sqlcipher())
}

/// `kindly encrypt`: the journal encrypted under a key of its own, kept in a key file under
/// the passphrase and a new recovery key, which is shown once (or written to `to`).
pub fn encrypt(
    path: &Path,
    passphrase_file: Option<&Path>,
    to: Option<&Path>,
    config: &crate::config::Config,
) -> Result<(), CliError> {
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
    refuse_existing_to(to, "--recovery-key-to")?;
    refuse_other_key_file(path)?;
    let hold = Hold::exclusive(path)?;
    let pass = passphrase::new(passphrase_file)?;
    let recovery = RecoveryKey::random().map_err(|e| CliError::Other(e.into()))?;
    if let Some(to) = to {
        write_to(to, &recovery, path)?;
    }
    let key = match encrypt_anew(path, &hold, None, &pass, &recovery) {
        Ok(key) => key,
        Err(e) => {
            if let Some(to) = to {
                let _ = std::fs::remove_file(to);
            }
            return Err(e);
        }
    };
    // The backups made while it was plain would hold its words in plain.
    crate::backups::encrypt_plain(path, config, &key).map_err(|why| {
        CliError::Other(anyhow::anyhow!(
            "your journal is encrypted, but a backup made before couldn't be encrypted ({why}); it is still a plain copy, so remove it by hand"
        ))
    })?;
    drop(hold);
    let _ = writeln!(
        std::io::stderr(),
        "Your journal is encrypted. Its key file, {}, stays beside it.",
        key_file(path).display()
    );
    show(&recovery, to)
}

/// `kindly recovery`: a new recovery key, the old one retired (it no longer opens the
/// journal). Only the key file changes, written beside and renamed into place.
pub fn recovery(path: &Path, unlock: &Unlock, to: Option<&Path>) -> Result<(), CliError> {
    if !Store::is_encrypted(path) {
        return Err(CliError::Usage(format!(
            "{} isn't encrypted, so it has no recovery key; `kindly encrypt` gives it a passphrase and one",
            path.display()
        )));
    }
    refuse_existing_to(to, "--to")?;
    // Held before anything is asked: while another kindly has it open, nothing can change.
    let hold = Hold::exclusive(path)?;
    let opened = passphrase::unlocked(path, unlock)?;
    let recovery = RecoveryKey::random().map_err(|e| CliError::Other(e.into()))?;
    if let Some(to) = to {
        write_to(to, &recovery, path)?;
    }
    let done = match &opened {
        Unlocked::Keyed { key, file } => file
            .with_recovery(key, &recovery)
            .and_then(|f| f.replace(&key_file(path)))
            .map_err(|e| {
                CliError::Other(anyhow::anyhow!(
                    "couldn't write the new key file ({e}); the old recovery key still opens the journal"
                ))
            }),
        // Encrypted before key files: the journal gets a key of its own now.
        Unlocked::Passphrase(pass) => {
            encrypt_anew(path, &hold, Some(pass), pass, &recovery).map(|_| ())
        }
    };
    if let Err(e) = done {
        if let Some(to) = to {
            let _ = std::fs::remove_file(to);
        }
        return Err(e);
    }
    drop(hold);
    let _ = writeln!(
        std::io::stderr(),
        "Your journal has a new recovery key; the old one no longer opens it. Backups made before keep the key file they were made with."
    );
    show(&recovery, to)
}

/// `kindly passphrase`: a new passphrase, the current one given as the passphrase or the
/// recovery key. Only the key file changes, written beside and renamed into place; a
/// journal encrypted before key files is encrypted anew with one (and a recovery key).
pub fn change_passphrase(
    path: &Path,
    unlock: &Unlock,
    new_file: Option<&Path>,
) -> Result<(), CliError> {
    if !Store::is_encrypted(path) {
        return Err(CliError::Usage(format!(
            "{} isn't encrypted, so it has no passphrase to change; `kindly encrypt` gives it one",
            path.display()
        )));
    }
    let hold = Hold::exclusive(path)?;
    let opened = passphrase::unlocked(path, unlock)?;
    let new = passphrase::new(new_file)?;
    let same = || {
        CliError::Usage(
            "that is the passphrase the journal already has; nothing was changed".into(),
        )
    };
    match &opened {
        Unlocked::Keyed { key, file } => {
            if file.has_passphrase(&new) {
                return Err(same());
            }
            file.with_passphrase(key, &new)
                .and_then(|f| f.replace(&key_file(path)))
                .map_err(|e| {
                    CliError::Other(anyhow::anyhow!(
                        "couldn't write the new key file ({e}); the old passphrase still opens the journal"
                    ))
                })?;
        }
        Unlocked::Passphrase(old) => {
            if *old == new {
                return Err(same());
            }
            let recovery = RecoveryKey::random().map_err(|e| CliError::Other(e.into()))?;
            encrypt_anew(path, &hold, Some(old), &new, &recovery)?;
            drop(hold);
            let _ = writeln!(
                std::io::stderr(),
                "Your journal's passphrase is changed, and the journal now has a key file ({}) that must stay beside it, and a recovery key.",
                key_file(path).display()
            );
            return show(&recovery, None);
        }
    }
    drop(hold);
    let _ = writeln!(
        std::io::stderr(),
        "Your journal's passphrase is changed: the new one opens it, the old one no longer does. Backups made before keep the key file they were made with."
    );
    Ok(())
}
