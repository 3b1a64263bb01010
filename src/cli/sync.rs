//! `kindly sync`: one journal on every computer, through a folder the person already syncs.

use super::shared::Format;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::passphrase;
use super::shared::{CliError, write_stdout};
use crate::config::Config;
use crate::store::Store;
use crate::sync::{self, SyncError};

#[derive(Debug, Args)]
pub struct SyncArgs {
    #[command(subcommand)]
    action: Option<Action>,
}

#[derive(Debug, Subcommand)]
enum Action {
    /// Make DIR a kindly sync folder for this journal (asks for a new sync passphrase twice)
    Init {
        dir: PathBuf,
        /// Read the new sync passphrase from the first line of this file
        #[arg(long, value_name = "FILE")]
        sync_passphrase_file: Option<PathBuf>,
    },
    /// Join a sync folder another computer's journal made (asks for its sync passphrase)
    Join {
        dir: PathBuf,
        /// Read the sync passphrase from the first line of this file
        #[arg(long, value_name = "FILE")]
        sync_passphrase_file: Option<PathBuf>,
    },
    /// Change the sync passphrase (asks the current one, then the new one twice); computers
    /// that joined go on as before, and one joining from now on needs the new one
    Passphrase {
        /// Read the current sync passphrase from the first line of this file
        #[arg(long, value_name = "FILE")]
        sync_passphrase_file: Option<PathBuf>,
        /// Read the new sync passphrase from the first line of this file
        #[arg(long, value_name = "FILE")]
        new_sync_passphrase_file: Option<PathBuf>,
    },
    /// Write every record this journal holds into the folder again, so a computer that lost
    /// a damaged or deleted file gets its records back
    Repair,
    /// The folder, this computer's name, the others and when each last wrote, what waits
    /// (always exits 0)
    Status {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

impl SyncArgs {
    /// Whether this is `sync init` or `sync join`, which always write.
    pub fn is_init_or_join(&self) -> bool {
        matches!(self.action, Some(Action::Init { .. } | Action::Join { .. }))
    }

    /// Whether this is `sync status`, which never fails and never writes.
    pub fn is_status(&self) -> bool {
        matches!(self.action, Some(Action::Status { .. }))
    }
}

fn refused(e: SyncError) -> CliError {
    match e {
        SyncError::Invalid(e) => CliError::Invalid(e),
        SyncError::Store(e) => CliError::Store(e),
        other => CliError::Other(anyhow::anyhow!("{other}")),
    }
}

fn name(config: &Config) -> String {
    config.device_name.clone().unwrap_or_else(sync::host_name)
}

/// What `sync`, `sync init` or `sync join` needs before the journal is opened: the
/// passphrase asked and the folder checked, so a mistake writes nothing.
pub enum Prepared {
    Init { dir: PathBuf, passphrase: String },
    Join(sync::FolderKey),
    Exchange,
    Repair,
    Relock { old: String, new: String },
}

pub fn prepare(args: &SyncArgs, journal: &Path) -> Result<Prepared, CliError> {
    if let Some(Action::Init { dir, .. } | Action::Join { dir, .. }) = &args.action {
        inside_check(journal, dir)?;
    }
    Ok(match &args.action {
        Some(Action::Init {
            dir,
            sync_passphrase_file,
        }) => {
            sync::check_new(dir).map_err(refused)?;
            let passphrase = passphrase::new_sync(sync_passphrase_file.as_deref())?;
            Prepared::Init {
                dir: dir.clone(),
                passphrase,
            }
        }
        Some(Action::Join {
            dir,
            sync_passphrase_file,
        }) => {
            sync::check_joinable(dir).map_err(refused)?;
            let pass = passphrase::existing_sync(sync_passphrase_file.as_deref())?;
            Prepared::Join(sync::unlock(dir, &pass).map_err(refused)?)
        }
        Some(Action::Passphrase {
            sync_passphrase_file,
            new_sync_passphrase_file,
        }) => {
            let old = passphrase::existing_sync(sync_passphrase_file.as_deref())?;
            let new = passphrase::new_sync(new_sync_passphrase_file.as_deref())?;
            if new == old {
                return Err(CliError::Usage(
                    "that is the sync passphrase the folder already has; nothing was changed"
                        .into(),
                ));
            }
            Prepared::Relock { old, new }
        }
        Some(Action::Repair) => Prepared::Repair,
        _ => Prepared::Exchange,
    })
}

/// The live journal must never sit in a folder a sync program copies: SQLite files copied
/// while open (with their write-ahead log apart) get damaged.
fn inside_check(journal: &Path, dir: &Path) -> Result<(), CliError> {
    let folder = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let folder = folder.canonicalize().unwrap_or(folder);
    let parent = journal.parent().unwrap_or(Path::new("."));
    let parent = std::path::absolute(parent).unwrap_or_else(|_| parent.to_path_buf());
    let parent = parent.canonicalize().unwrap_or(parent);
    if parent.starts_with(&folder) {
        return Err(CliError::Invalid(crate::domain::InvalidInput::new(
            "sync",
            format!(
                "your journal ({}) is inside {}, and a sync program copying a journal while it is open can damage it; keep the journal elsewhere (the default place, or --db PATH) and give sync a folder of its own",
                journal.display(),
                dir.display()
            ),
        )));
    }
    Ok(())
}

/// How long an exchange waits while another exchange of the same journal runs: most take
/// well under this, and then this one goes ahead (sending what the other didn't).
const TURN_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// What an exchange says when another of the same journal ran all through its wait: not a
/// failure (exit 0), as nothing is lost; what waits here goes with the next exchange.
pub const STILL_RUNNING: &str = "Another exchange of this journal is still running, so this one left it to that; anything it didn't take waits here for the next exchange.";

/// Runs `sync`, `sync init` or `sync join` on an open journal, one exchange of it at a time.
pub fn run(store: &mut Store, prepared: Prepared, config: &Config) -> Result<(), CliError> {
    let turn = store.exchange_turn(TURN_WAIT, || {
        eprintln!(
            "Another exchange of this journal is running; waiting a moment for it to finish."
        );
    })?;
    let Some(_turn) = turn else {
        if matches!(prepared, Prepared::Exchange) {
            return write_stdout(format!("{STILL_RUNNING}\n").as_bytes());
        }
        return Err(CliError::Other(anyhow::anyhow!(
            "another exchange of this journal is still running; nothing was changed, so try again in a moment"
        )));
    };
    let folder = config.sync_dir.as_deref();
    let joined = match prepared {
        Prepared::Init { dir, passphrase } => {
            let me = sync::init(store, &dir, &passphrase, &name(config)).map_err(refused)?;
            Some(format!(
                "{} is now this journal's sync folder, and this computer is \u{201c}{}\u{201d}. On another computer: kindly sync join {}",
                me.folder.display(),
                me.name,
                me.folder.display()
            ))
        }
        Prepared::Join(key) => {
            let me = sync::join(store, key, &name(config)).map_err(refused)?;
            Some(format!(
                "Joined {} as \u{201c}{}\u{201d}.",
                me.folder.display(),
                me.name
            ))
        }
        Prepared::Exchange => None,
        Prepared::Relock { old, new } => {
            let Some(me) = store.sync_me()? else {
                return Err(CliError::Usage(
                    "this journal doesn't sync yet, so there's no sync passphrase to change; `kindly sync init DIR` starts".into(),
                ));
            };
            let dir = folder.map_or(me.folder.clone(), Path::to_path_buf);
            sync::relock(&dir, &old, &new).map_err(refused)?;
            return write_stdout(
                format!(
                    "The sync passphrase of {} is changed. Computers that joined go on as before; one joining from now on needs the new passphrase.\n",
                    dir.display()
                )
                .as_bytes(),
            );
        }
        Prepared::Repair => {
            let done = sync::repair(store, folder).map_err(refused)?;
            if done.healed == 0 {
                return write_stdout(
                    b"Nothing to write again yet: anything not sent so far goes with the next `kindly sync`.\n",
                );
            }
            return write_stdout(
                format!(
                    "Wrote {} this journal holds into the folder again, in {} {}; every computer that exchanges gets back whatever it lost.\n",
                    match done.healed {
                        1 => "the 1 record".to_string(),
                        n => format!("all {n} records"),
                    },
                    done.files_written,
                    if done.files_written == 1 { "file" } else { "files" },
                )
                .as_bytes(),
            );
        }
    };
    if let Some(me) = store.sync_me()?
        && config.device_name.as_deref().is_some_and(|n| n != me.name)
    {
        store.sync_rename(&name(config))?;
    }
    let exchanged = sync::exchange(store, if joined.is_some() { None } else { folder });
    let mut out = String::new();
    if let Some(line) = joined {
        out.push_str(&line);
        out.push('\n');
    }
    match exchanged {
        Ok(done) => out.push_str(&done.line()),
        Err(SyncError::Unreachable(dir)) => {
            out.push_str(&format!(
                "The sync folder {} can't be reached just now (is it mounted?); your changes wait here for the next exchange.",
                dir.display()
            ));
        }
        Err(e) => return Err(refused(e)),
    }
    out.push('\n');
    // What an exchange reports may name other computers, as their files call themselves.
    write_stdout(crate::domain::visible(&out).as_bytes())
}

/// `kindly sync status`: answers whatever the journal and the folder are, and exits 0.
pub fn status(path: Option<&Path>, args: &SyncArgs, config: &Config) -> Result<(), CliError> {
    let json = matches!(
        args.action,
        Some(Action::Status {
            format: Format::Json
        })
    );
    let store = path.and_then(|p| Store::peek(p).ok());
    let status = store
        .as_ref()
        .and_then(|s| sync::status(s, config.sync_dir.as_deref()).ok());
    let text = match (&status, json) {
        (Some(s), true) => crate::io::json_out::to_string(s).unwrap_or_default(),
        (None, true) => r#"{"syncing":false,"readable":false}"#.to_string(),
        (None, false) => "kindly can't look inside this journal just now (it may be encrypted or in use); `kindly sync` will say more.".into(),
        (Some(s), false) if !s.syncing => {
            "This journal doesn't sync. To start: kindly sync init DIR (a folder Syncthing, Dropbox or the like already syncs).".into()
        }
        (Some(s), false) => {
            let mut lines = vec![format!(
                "Sync folder: {}{}",
                s.folder.as_deref().map(|p| p.display().to_string()).unwrap_or_default(),
                if s.reachable { "" } else { " (can't be reached just now)" }
            )];
            let me = (
                s.device.clone().unwrap_or_default(),
                s.device_id.clone().unwrap_or_default(),
            );
            let names: Vec<(&str, &str)> = std::iter::once((me.0.as_str(), me.1.as_str()))
                .chain(s.devices.iter().map(|d| (d.name.as_str(), d.device.as_str())))
                .collect();
            lines.push(format!("This computer: {}", told_apart(&me.0, &me.1, &names)));
            if s.devices.is_empty() {
                lines.push("Other computers: none yet".into());
            } else {
                lines.push("Other computers:".into());
            }
            let now = crate::domain::time::now_local();
            for d in &s.devices {
                let wrote = chrono::DateTime::parse_from_rfc3339(&d.last_wrote)
                    .map(|at| {
                        let at = at.with_timezone(&chrono::Local).fixed_offset();
                        crate::domain::time::in_words(at, now)
                    })
                    .unwrap_or_else(|_| d.last_wrote.clone());
                lines.push(format!(
                    "  {}: {}",
                    told_apart(&d.name, &d.device, &names),
                    if d.files == 0 {
                        format!("joined; last exchanged {wrote}")
                    } else {
                        format!("last wrote {wrote}")
                    }
                ));
            }
            lines.push(match s.waiting {
                0 => "Nothing waiting to be sent.".into(),
                1 => "1 record waiting to be sent.".into(),
                n => format!("{n} records waiting to be sent."),
            });
            lines.extend(s.trouble_lines());
            // Names and times come from other computers' files: each stays one plain line.
            lines.iter().map(|l| crate::domain::visible_line(l)).collect::<Vec<_>>().join("\n")
        }
    };
    write_stdout(format!("{text}\n").as_bytes())
}

/// A computer's name as a list shows it: the name it goes by, with the start of its device
/// id when another computer in `all` (name, id) goes by the same name (stock installs are
/// all "ubuntu").
fn told_apart(name: &str, device: &str, all: &[(&str, &str)]) -> String {
    let shared = all
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .count()
        > 1;
    if shared {
        format!("{name} ({})", device.chars().take(6).collect::<String>())
    } else {
        name.to_string()
    }
}
