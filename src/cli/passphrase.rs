//! Passphrases for an encrypted journal: from a file named by `--passphrase-file`, or
//! typed at the terminal without echo. Never from the command line or the environment.

use std::io::{IsTerminal, Write};
use std::path::Path;

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::terminal::{disable_raw_mode, enable_raw_mode};

use super::shared::CliError;
use crate::domain::InvalidInput;

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
        "this journal is encrypted and there's no terminal to ask for its passphrase; use --passphrase-file FILE",
    )
}

/// Asks at the terminal; without one, says `no_terminal`.
fn ask_or(prompt: &str, no_terminal: &str) -> Result<String, CliError> {
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Other(anyhow::anyhow!("{no_terminal}")));
    }
    let mut tty = std::io::stderr();
    let _ = write!(tty, "{prompt}: ");
    let _ = tty.flush();
    enable_raw_mode().map_err(|e| CliError::Other(e.into()))?;
    let mut typed = String::new();
    let outcome = loop {
        match event::read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => match k.code {
                KeyCode::Enter => break Ok(()),
                KeyCode::Esc => break Err("cancelled"),
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    break Err("cancelled");
                }
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

/// The passphrase for an existing encrypted journal.
pub fn existing(file: Option<&Path>) -> Result<String, CliError> {
    match file {
        Some(f) => from_file(f),
        None => ask("Passphrase for your kindly journal"),
    }
}

/// A new passphrase, asked twice at the terminal so a typo can't lock the journal.
pub fn new(file: Option<&Path>) -> Result<String, CliError> {
    if let Some(f) = file {
        return from_file(f);
    }
    let first = ask("New passphrase")?;
    let again = ask("The same passphrase again")?;
    if first != again {
        return Err(InvalidInput::new(
            "passphrase",
            "didn't match the second time; nothing was changed",
        )
        .into());
    }
    Ok(first)
}

const NO_TERMINAL_FOR_SYNC: &str =
    "there's no terminal to ask for the sync passphrase; use --sync-passphrase-file FILE";

/// Passphrases people choose most often (each ten characters or more).
const COMMON: &str = include_str!("../../assets/common-passwords.txt");

/// The shortest sync passphrase that gets no caution.
const SHORTEST: usize = 10;

/// Why a new sync passphrase would be easy to guess, if it would: the folder's key file,
/// locked with it, sits with whoever holds the folder, who can try guesses at leisure.
pub fn weak_sync(pass: &str) -> Option<&'static str> {
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

/// The caution for a passphrase that is easy to guess.
fn caution(why: &str) -> String {
    format!(
        "A gentle caution: this sync passphrase {why}. The folder's key is locked with it, and whoever holds the folder (a cloud provider, anyone it is shared with) could try guesses; a few unrelated words make one much harder to guess."
    )
}

/// A new sync passphrase, asked twice (or read from a file). One that is easy to guess is
/// met with a caution, then a question at the terminal; read from a file, the caution is
/// said and the passphrase is used (a script can't answer).
pub fn new_sync(file: Option<&Path>) -> Result<String, CliError> {
    let pass = match file {
        Some(f) => from_file(f)?,
        None => new_sync_asked()?,
    };
    if let Some(why) = weak_sync(&pass) {
        let mut err = std::io::stderr();
        let _ = writeln!(err, "{}", caution(why));
        if file.is_none() && !confirm("Use it anyway? (y/N)")? {
            return Err(InvalidInput::new(
                "sync passphrase",
                "was set aside, as you asked; nothing was changed (run this again to choose another)",
            )
            .into());
        }
    }
    Ok(pass)
}

/// Asks a yes-or-no question at the terminal: only y is yes.
fn confirm(prompt: &str) -> Result<bool, CliError> {
    let mut tty = std::io::stderr();
    let _ = write!(tty, "{prompt} ");
    let _ = tty.flush();
    enable_raw_mode().map_err(|e| CliError::Other(e.into()))?;
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
