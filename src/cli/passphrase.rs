//! Passphrases for an encrypted journal: from a file named by `--passphrase-file`, or
//! typed at the terminal without echo. Never from the command line or the environment.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::terminal::{disable_raw_mode, enable_raw_mode};

use super::shared::CliError;
use crate::domain::InvalidInput;
use crate::store::{KeyFile, RecoveryKey, Store, StoreError, Unlocked, key_file_of};

/// The first line of `path`, which must not be empty.
pub fn from_file(path: &Path) -> Result<String, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| InvalidInput::new("--passphrase-file", format!("couldn't be read ({e})")))?;
    let line = text.lines().next().unwrap_or_default().to_string();
    if line.is_empty() {
        return Err(InvalidInput::new(
            "--passphrase-file",
            "holds no passphrase on its first line",
        )
        .into());
    }
    Ok(line)
}

/// Asks at the terminal, showing nothing as it is typed.
pub fn ask(prompt: &str) -> Result<String, CliError> {
    ask_or(
        prompt,
        "this journal is encrypted and there's no terminal to ask for its passphrase; use --passphrase-file FILE (or --recovery-key-file FILE)",
    )
}

/// Asks at the terminal; without one, says `no_terminal`.
fn ask_or(prompt: &str, no_terminal: &str) -> Result<String, CliError> {
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Other(anyhow::anyhow!("{no_terminal}")));
    }
    let mut tty = std::io::stderr();
    // Raw before the prompt shows, so words typed ahead are never echoed.
    enable_raw_mode().map_err(|e| CliError::Other(e.into()))?;
    let _ = write!(tty, "{prompt}: ");
    let _ = tty.flush();
    let mut typed = String::new();
    let outcome = loop {
        match event::read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => match k.code {
                KeyCode::Enter => break Ok(()),
                KeyCode::Esc => break Err("cancelled"),
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    break Err("cancelled");
                }
                // A line typed ahead ends in a line feed, which raw mode reads as Ctrl-J.
                KeyCode::Char('j') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    break Ok(());
                }
                KeyCode::Char(_) if k.modifiers.contains(KeyModifiers::CONTROL) => {}
                KeyCode::Backspace => {
                    typed.pop();
                }
                KeyCode::Char(c) => typed.push(c),
                _ => {}
            },
            Ok(_) => {}
            Err(_) => break Err("the terminal went away"),
        }
    };
    let _ = disable_raw_mode();
    let _ = writeln!(tty);
    match outcome {
        Ok(()) if typed.is_empty() => Err(InvalidInput::new("passphrase", "is empty").into()),
        Ok(()) => Ok(typed),
        Err(why) => Err(CliError::Other(anyhow::anyhow!(
            "no passphrase given ({why}); nothing was changed"
        ))),
    }
}

/// Where the secret that opens an encrypted journal comes from: `--passphrase-file`,
/// `--recovery-key-file`, or (neither given) the terminal.
#[derive(Debug, Clone, Default)]
pub struct Unlock {
    pub passphrase_file: Option<PathBuf>,
    pub recovery_key_file: Option<PathBuf>,
}

/// The recovery key written in `path` (its first line that isn't empty), checked for shape
/// before any journal is touched.
pub fn recovery_from_file(path: &Path) -> Result<RecoveryKey, CliError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        InvalidInput::new(
            "--recovery-key-file",
            format!("{} couldn't be read ({e})", path.display()),
        )
    })?;
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    RecoveryKey::parse(line).ok_or_else(|| {
        InvalidInput::new(
            "--recovery-key-file",
            format!(
                "{} doesn't hold a kindly recovery key (32 letters and digits, in groups of four like ABCD-EFGH-…); nothing was changed",
                path.display()
            ),
        )
        .into()
    })
}

/// What opens the encrypted journal at `path`: the secret from the file given, or typed at
/// the terminal, where one that doesn't open it is asked for again.
pub fn unlocked(path: &Path, unlock: &Unlock) -> Result<Unlocked, CliError> {
    // A key file that can't be read opens nothing: say so before asking for anything. (Only
    // the lasting one: a staged key file is whole before the journal is ever converted.)
    let keys = crate::store::key_file(path);
    if keys.is_file()
        && let Err(e) = KeyFile::read(&keys)
    {
        return Err(CliError::Other(anyhow::anyhow!(
            "{e}, and the journal can't be opened without it; it was left untouched. Put back the .keys file of a backup made since the journal was last encrypted (it opens with the passphrase or recovery key it was made with)"
        )));
    }
    // A journal copied to a new computer without its key file: say what's missing, rather
    // than let a right passphrase or recovery key sound wrong.
    let keyless = key_file_of(path).is_none();
    let missing_key_file = || {
        format!(
            "if this journal was copied here from another computer or folder, its key file ({}) needs to come with it, into the same folder",
            crate::store::key_file(path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        )
    };
    if let Some(f) = &unlock.recovery_key_file {
        let key = recovery_from_file(f)?;
        if keyless {
            return Err(CliError::Other(anyhow::anyhow!(
                "a recovery key opens a journal through its key file, and {} has none beside it; the journal was left untouched. {}",
                path.display(),
                capitalised(&missing_key_file())
            )));
        }
        return Store::unlock(path, &key.grouped()).ok_or_else(|| {
            CliError::Other(anyhow::anyhow!(
                "the recovery key in {} doesn't open {} (it may be one that a newer recovery key replaced); the journal was left untouched",
                f.display(),
                path.display()
            ))
        });
    }
    if let Some(f) = &unlock.passphrase_file {
        let pass = from_file(f)?;
        return Store::unlock(path, &pass).ok_or_else(|| {
            if keyless {
                CliError::Other(anyhow::anyhow!(
                    "{}; {}",
                    StoreError::WrongPassphrase(path.to_path_buf()),
                    missing_key_file()
                ))
            } else {
                StoreError::WrongPassphrase(path.to_path_buf()).into()
            }
        });
    }
    tries(path, |typed| Store::unlock(path, typed))
}

/// `text` with its first letter made a capital.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The key the encrypted journal at `path` opens with, as SQLCipher takes it.
pub fn current_key(path: &Path, unlock: &Unlock) -> Result<String, CliError> {
    unlocked(path, unlock).map(|u| u.sqlcipher())
}

/// How many times a passphrase is asked for at the terminal before kindly stops asking.
pub const TRIES: usize = 3;

/// The secret for an encrypted journal, typed at the terminal: one that `opens` refuses is
/// asked for again (the journal is fine; a passphrase is exact), up to [`TRIES`] times.
/// After the last, a calm line on the recovery key.
pub fn tries<T>(path: &Path, opens: impl Fn(&str) -> Option<T>) -> Result<T, CliError> {
    let mut err = std::io::stderr();
    let keyed = key_file_of(path).is_some();
    // On a narrow terminal, a prompt that fits on its line.
    let narrow = ratatui::crossterm::terminal::size().is_ok_and(|(w, _)| w < 64);
    let prompt = match (keyed, narrow) {
        (true, false) => "Passphrase for your kindly journal (or its recovery key)",
        (true, true) => "Passphrase or recovery key",
        (false, _) => "Passphrase for your kindly journal",
    };
    for n in 1..=TRIES {
        let typed = ask(prompt)?;
        if let Some(opened) = opens(&typed) {
            return Ok(opened);
        }
        if n < TRIES {
            let _ = writeln!(
                err,
                "That doesn't open this journal; your journal is fine. Capitals and spaces count. Try again ({} more {}).",
                TRIES - n,
                if TRIES - n == 1 { "try" } else { "tries" }
            );
        }
    }
    let after = if keyed {
        "If the passphrase is lost, your recovery key opens the journal: type it at this prompt, or use --recovery-key-file FILE; then `kindly passphrase` sets a new passphrase"
    } else {
        "If the passphrase is lost, a backup or export made before `kindly encrypt` opens without one. (A journal encrypted with a recovery key also needs its key file, JOURNAL.keys, beside it.)"
    };
    Err(CliError::Other(anyhow::anyhow!(
        "none of those {TRIES} opened this journal, and it was left untouched. Take a moment and try again later. {after}"
    )))
}

/// A new passphrase, asked twice at the terminal so a typo can't lock the journal. One
/// that is easy to guess gets a gentle caution, then a question at the terminal; read from
/// a file, the caution goes to stderr and the passphrase is used.
pub fn new(file: Option<&Path>) -> Result<String, CliError> {
    let pass = match file {
        Some(f) => from_file(f)?,
        None => {
            let first = ask("New passphrase")?;
            let again = ask("The same passphrase again")?;
            if first != again {
                return Err(InvalidInput::new(
                    "passphrase",
                    "didn't match the second time; nothing was changed",
                )
                .into());
            }
            first
        }
    };
    cautioned(&pass, file.is_none(), JOURNAL_GUESSES, "passphrase")?;
    Ok(pass)
}

/// What a journal's passphrase guards against.
const JOURNAL_GUESSES: &str =
    "Anyone who gets a copy of the journal file (a lost laptop, a backup) could try guesses";

/// What a sync passphrase guards against.
const SYNC_GUESSES: &str = "The folder's key is locked with it, and whoever holds the folder (a cloud provider, anyone it is shared with) could try guesses";

/// Says a gentle caution when `pass` is easy to guess, then (at a terminal) asks whether to
/// use it anyway; `no` sets it aside with nothing changed.
fn cautioned(pass: &str, at_terminal: bool, guesses: &str, what: &str) -> Result<(), CliError> {
    let Some(why) = weak(pass) else {
        return Ok(());
    };
    let _ = writeln!(
        std::io::stderr(),
        "A gentle caution: this {what} {why}. {guesses}; a few unrelated words make one much harder to guess."
    );
    if at_terminal && !confirm("Use it anyway? (y/N)")? {
        return Err(InvalidInput::new(
            what,
            "was set aside, as you asked; nothing was changed (run this again to choose another)",
        )
        .into());
    }
    Ok(())
}

const NO_TERMINAL_FOR_SYNC: &str =
    "there's no terminal to ask for the sync passphrase; use --sync-passphrase-file FILE";

/// Passphrases people choose most often (each ten characters or more).
const COMMON: &str = include_str!("../../assets/common-passwords.txt");

/// The shortest sync passphrase that gets no caution.
const SHORTEST: usize = 10;

/// Why a new passphrase would be easy to guess, if it would: shorter than 10 characters,
/// or one of the passwords people choose most often.
pub fn weak(pass: &str) -> Option<&'static str> {
    let pass = pass.trim();
    if pass.chars().count() < SHORTEST {
        return Some("is shorter than 10 characters");
    }
    let lower = pass.to_lowercase();
    COMMON
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .any(|l| l == lower)
        .then_some("is one of the passwords people choose most often")
}

/// A new sync passphrase, asked twice (or read from a file), cautioned as a journal's is.
pub fn new_sync(file: Option<&Path>) -> Result<String, CliError> {
    let pass = match file {
        Some(f) => from_file(f)?,
        None => new_sync_asked()?,
    };
    cautioned(&pass, file.is_none(), SYNC_GUESSES, "sync passphrase")?;
    Ok(pass)
}

/// Asks a yes-or-no question at the terminal: only y is yes.
pub(super) fn confirm(prompt: &str) -> Result<bool, CliError> {
    let mut tty = std::io::stderr();
    enable_raw_mode().map_err(|e| CliError::Other(e.into()))?;
    let _ = write!(tty, "{prompt} ");
    let _ = tty.flush();
    let yes = loop {
        match event::read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => {
                break matches!(k.code, KeyCode::Char('y' | 'Y'));
            }
            Ok(_) => {}
            Err(_) => break false,
        }
    };
    let _ = disable_raw_mode();
    let _ = writeln!(tty, "{}", if yes { "yes" } else { "no" });
    Ok(yes)
}

fn new_sync_asked() -> Result<String, CliError> {
    let first = ask_or(
        "New sync passphrase (for every computer that joins)",
        NO_TERMINAL_FOR_SYNC,
    )?;
    let again = ask_or("The same sync passphrase again", NO_TERMINAL_FOR_SYNC)?;
    if first != again {
        return Err(InvalidInput::new(
            "sync passphrase",
            "didn't match the second time; nothing was changed",
        )
        .into());
    }
    Ok(first)
}

/// The sync passphrase a folder was made with.
pub fn existing_sync(file: Option<&Path>) -> Result<String, CliError> {
    match file {
        Some(f) => from_file(f),
        None => ask_or("The sync folder's passphrase", NO_TERMINAL_FOR_SYNC),
    }
}
