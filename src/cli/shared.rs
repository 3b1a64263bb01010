//! What every command shares: the error that decides the exit code, reading the config,
//! and writing to stdout.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::config::{self, Config, ConfigError};
use crate::domain::InvalidInput;
use crate::store::StoreError;

/// Why a command stopped, and so which exit code it gets.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad usage or a value kindly can't accept: exit 2, nothing written.
    #[error("{0}")]
    Invalid(#[from] InvalidInput),
    #[error("{0}")]
    Config(#[from] ConfigError),
    #[error("{0}")]
    Usage(String),
    /// Anything else: exit 1.
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0:#}")]
    Other(#[from] anyhow::Error),
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Invalid(_) | CliError::Config(_) | CliError::Usage(_) => 2,
            // `--db` naming a folder, a pipe or a device is a path to put right, not a fault.
            CliError::Store(StoreError::IsDirectory { .. } | StoreError::NotAFile { .. }) => 2,
            CliError::Store(_) | CliError::Other(_) => 1,
        }
    }
}

pub(crate) fn load_config(flag: Option<PathBuf>) -> Result<Config, CliError> {
    // A file named on purpose that isn't there is a typo worth hearing about; only the
    // usual places may be empty.
    if let Some(path) = flag.as_ref().filter(|p| !p.exists()) {
        return Err(CliError::Usage(format!(
            "--config {}: there's no file there (leave --config out to use {})",
            path.display(),
            config::config_path(None).map_or("the defaults".into(), |p| p.display().to_string())
        )));
    }
    match config::config_path(flag) {
        Some(path) => Ok(Config::load(&path, &crate::tui::CONFIG_CHECKS)?),
        None => Ok(Config::default()),
    }
}

/// Writes to stdout; a reader that went away early (`| head`) is not an error.
pub(crate) fn write_stdout(bytes: &[u8]) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Other(
            anyhow::anyhow!("couldn't write the output: {e}"),
        )),
        _ => Ok(()),
    }
}

/// After writing words of self-harm, the support line, on standard error (a script
/// reading the id from standard output is undisturbed). Nothing about it is stored.
pub fn care(config: &crate::config::Config, words: &str) {
    if config.care().found_in(words) {
        eprintln!(
            "{}",
            crate::domain::support_line(config.support_contact.as_deref())
        );
    }
}

/// A new record's id as a command prints it: the short form for a person at a terminal
/// (any command taking an id takes it back), the whole id for a script reading a pipe.
pub fn shown_id(id: &uuid::Uuid) -> String {
    if std::io::stdout().is_terminal() {
        crate::domain::short_id(id)
    } else {
        id.to_string()
    }
}

/// `--from` and `--to` as days, checked: each a real day, and in order.
pub fn date_range(
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(Option<chrono::NaiveDate>, Option<chrono::NaiveDate>), CliError> {
    let day = |flag, d: Option<&str>| {
        d.map(|d| {
            crate::domain::when::read_day(flag, d, crate::domain::time::now_local().date_naive())
        })
        .transpose()
    };
    let (from, to) = (day("--from", from)?, day("--to", to)?);
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return Err(CliError::Usage(format!(
            "--from ({f}) comes after --to ({t}); swap them to cover that span"
        )));
    }
    Ok((from, to))
}

/// At a terminal, says how to finish text typed on standard input, so the wait for it is
/// never silent; from a pipe, says nothing.
pub fn prompt_for_stdin(what: &str) {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        eprintln!("Type the {what}, then Ctrl-D on a line of its own to finish:");
    }
}

/// Text from standard input, read through a limit: more than `MAX_TEXT` is refused with one
/// line before it is read whole. `what` names it ("note", "body").
pub fn read_text(stdin: &mut impl std::io::Read, what: &str) -> Result<String, CliError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    stdin
        .take(crate::domain::MAX_TEXT as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            InvalidInput::new(what, format!("couldn't be read from standard input ({e})"))
        })?;
    if bytes.len() > crate::domain::MAX_TEXT {
        return Err(too_long(what).into());
    }
    String::from_utf8(bytes)
        .map_err(|_| InvalidInput::new(what, "isn't text (UTF-8) on standard input").into())
}

/// The one line for a text over `MAX_TEXT`.
pub fn too_long(what: &str) -> InvalidInput {
    InvalidInput::new(
        what,
        "is over 10 MB, more than kindly keeps in one text; nothing was saved",
    )
}

/// `--edit`: `text` opened in the person's own editor (`$VISUAL`, else `$EDITOR`), and what
/// they wrote there. An editor that ends without success saves nothing (exit 2).
pub fn in_own_editor(text: &str) -> Result<String, CliError> {
    let Some(command) = crate::editor::chosen() else {
        return Err(InvalidInput::new(
            "--edit",
            "needs an editor: set VISUAL or EDITOR first (for example EDITOR=nano)",
        )
        .into());
    };
    match crate::editor::edit(&command, text) {
        Err(crate::editor::EditorError::Interrupted(signal)) => {
            // Asked to stop (a closed terminal, Ctrl-C, SIGTERM): the editor has ended and
            // its file is gone, so kindly stops too, as the signal asked.
            let _ = writeln!(
                std::io::stderr(),
                "kindly: stopped while your editor was open; nothing was saved"
            );
            std::process::exit(128 + signal)
        }
        result => result.map_err(|e| {
            InvalidInput::new("--edit", format!("stopped: {e}; nothing was saved")).into()
        }),
    }
}

/// How a command prints its answer: lines for a person, or JSON for a script. One type
/// for every command that offers `--format text|json`, so they all spell it alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}
