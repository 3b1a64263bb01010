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

/// The passphrase for an existing encrypted journal.
pub fn existing(file: Option<&Path>) -> Result<String, CliError> {
    match file {
        Some(f) => from_file(f),
        None => ask("Passphrase for your kindly journal"),
    }
}

/// The passphrase of the encrypted journal at `path`: from `--passphrase-file`, or typed at
/// the terminal, where one that doesn't open it is asked for again.
pub fn current_key(
    path: &std::path::Path,
    passphrase_file: Option<&std::path::Path>,
) -> Result<String, CliError> {
    match passphrase_file {
        Some(_) => existing(passphrase_file),
        None => tries(|key| crate::store::Store::opens_with(path, key)),
    }
}

/// How many times a passphrase is asked for at the terminal before kindly stops asking.
pub const TRIES: usize = 3;

/// The passphrase for an encrypted journal, typed at the terminal: one that `opens` refuses
/// is asked for again (the journal is fine; a passphrase is exact), up to [`TRIES`] times.
pub fn tries(opens: impl Fn(&str) -> bool) -> Result<String, CliError> {
    let mut err = std::io::stderr();
    for n in 1..=TRIES {
        let typed = ask("Passphrase for your kindly journal")?;
        if opens(&typed) {
            return Ok(typed);
        }
        if n < TRIES {
            let _ = writeln!(
                err,
                "That passphrase doesn't open this journal; your journal is fine. Capitals and spaces count. Try again ({} more {}).",
                TRIES - n,
                if TRIES - n == 1 { "try" } else { "tries" }
            );
        }
    }
    Err(CliError::Other(anyhow::anyhow!(
        "none of those {TRIES} passphrases opens this journal, and it was left untouched. Take a moment and try again later; if the passphrase is lost, a backup or export made before `kindly encrypt` opens without one"
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
fn confirm(prompt: &str) -> Result<bool, CliError> {
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
