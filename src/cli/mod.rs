//! The command line: parses arguments, then runs one command or opens the TUI.

mod checkin;
mod demo;
mod export;
mod import;
mod passphrase;
mod report;
mod search;
mod shared;
mod status;
mod thought;
pub mod trends;
mod write;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use crate::config;
use crate::store::Store;
pub use shared::CliError;
use shared::{load_config, write_stdout};

#[derive(Debug, Parser)]
#[command(
    name = "kindly",
    version,
    about = "A kind, private place to check in with yourself, right in your terminal.",
    long_about = "A kind, private place to check in with yourself, right in your terminal.\n\n\
        With no command, kindly opens its screen on the Check-in pane. \
        Everything stays in one SQLite file on this machine.",
    after_help = "Example:\n  kindly checkin --mood 6 --emotions calm,tired --note \"slow morning\""
)]
pub struct Cli {
    /// The journal file [default: $KINDLY_DB, else the platform data folder]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The config file [default: $KINDLY_CONFIG, else the platform config folder]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Read an encrypted journal's passphrase from the first line of this file
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Record how you are, right now or at a given time
    #[command(
        after_help = "Example:\n  kindly checkin --mood 4 --rituals walk,rest --note -  < note.txt"
    )]
    Checkin(checkin::CheckinArgs),
    /// Catch a harsh thought and answer it kindly (a thought record)
    #[command(
        after_help = "Example:\n  kindly thought --thought \"I always mess this up\" --voice \"my old boss\" \\\n    --emotion shame=80 --belief 80 --distortions overgeneralisation \\\n    --reframe \"I made one mistake and I fixed it\" --belief-after 40 --intensity-after 45\n\nThinking traps: all-or-nothing, overgeneralisation, mental filter, discounting the positive,\nmind reading, fortune telling, catastrophising, emotional reasoning, should statements,\nlabelling, self-blame, blaming others (and your own, from config.toml)."
    )]
    Thought(thought::ThoughtArgs),
    /// Write a journal entry or a letter to yourself; the text comes from standard input
    #[command(
        after_help = "Example:\n  kindly write --kind letter --title \"For a hard day\" --tags winter < letter.txt"
    )]
    Write(write::WriteArgs),
    /// Find words in your check-in notes, thought records and journal, newest first
    #[command(after_help = "Example:\n  kindly search \"by the river\" walk* -rain")]
    Search(search::SearchArgs),
    /// Mood, rituals and practice over recent weeks, as text or JSON
    #[command(after_help = "Example:\n  kindly trends --weeks 12 --format json")]
    Trends(trends::TrendsArgs),
    /// A summary to bring to a therapy session, as Markdown or HTML (figures only, unless --include-notes)
    #[command(after_help = "Example:\n  kindly report --weeks 4 --format html -o summary.html")]
    Report(report::ReportArgs),
    /// Bring in a kindly, Daylio or jrnl export: all of it, or nothing
    #[command(
        after_help = "Example:\n  kindly import daylio_export.csv --from daylio --mood-map \"content=7,Not so good=4\" --dry-run"
    )]
    Import(import::ImportArgs),
    /// A consistent copy of the journal, safe to take while kindly is open
    #[command(
        after_help = "Example:\n  kindly backup -o ~/kindly-2026-11-29.db\n\nTo restore, close kindly and use the copy as your journal: kindly --db COPY, or move it to the default place."
    )]
    Backup {
        /// Where to write the copy (a new file, readable only by you)
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Write your journal out: lossless JSON, CSV or a readable Markdown journal
    #[command(after_help = "Example:\n  kindly export --format json -o kindly-backup.json")]
    Export(export::ExportArgs),
    /// Encrypt the journal at rest with a passphrase (asked twice, or --passphrase-file)
    #[command(
        after_help = "Example:\n  kindly encrypt\n\nThe journal is written anew, encrypted, checked, and only then put in place of the old file."
    )]
    Encrypt,
    /// Turn an encrypted journal back into a plain one
    #[command(after_help = "Example:\n  kindly decrypt")]
    Decrypt,
    /// Check the journal file for damage, and say what to do if there is any
    #[command(after_help = "Example:\n  kindly check")]
    Check,
    /// Whether you've checked in today, and the last mood: for a shell prompt (always exits 0)
    #[command(after_help = "Example, in ~/.bashrc:\n  kindly status")]
    Status(status::StatusArgs),
    /// Print the manual page (roff), e.g. for `man -l -`
    #[command(after_help = "Example:\n  kindly man > ~/.local/share/man/man1/kindly.1")]
    Man,
    /// Open kindly on a fresh journal filled with sample weeks, to look around
    #[command(after_help = "Example:\n  kindly demo --weeks 12")]
    Demo(demo::DemoArgs),
    /// Print shell completions for bash, zsh or fish
    #[command(
        after_help = "Example:\n  kindly completions bash > ~/.local/share/bash-completion/completions/kindly"
    )]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// The whole program: parse, run, and turn any error into one calm line and an exit code.
pub fn main() -> ExitCode {
    crate::crash::install();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_exit(e),
    };
    let outcome = std::panic::catch_unwind(|| {
        if let Some(words) = std::env::var_os("KINDLY_PANIC_FOR_TEST") {
            // A seam for the crash test: a panic carrying text that must not be logged.
            #[allow(clippy::panic)]
            std::panic::panic_any(words.to_string_lossy().into_owned());
        }
        run(cli)
    });
    let Ok(outcome) = outcome else {
        let _ = writeln!(std::io::stderr(), "{}", crate::crash::apology());
        return ExitCode::from(1);
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let msg = e.to_string();
            // Never panics on a closed stderr, unlike eprintln!.
            let _ = writeln!(
                std::io::stderr(),
                "kindly: {}",
                msg.lines().next().unwrap_or_default()
            );
            ExitCode::from(e.exit_code())
        }
    }
}

/// clap explains at length; kindly keeps bad usage to one line with a pointer to help.
fn clap_exit(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::from(2)
        }
        _ => {
            // The first paragraph of clap's message, folded onto one line.
            let text = e.to_string();
            let first = text
                .trim_start()
                .split("\n\n")
                .next()
                .unwrap_or("that wasn't understood")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let first = first.trim_start_matches("error: ");
            eprintln!("kindly: {first} (see 'kindly --help')");
            ExitCode::from(2)
        }
    }
}

pub fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        None => {
            let config = load_config(cli.config)?;
            let store = open_store(cli.db, cli.passphrase_file.as_deref())?;
            crate::tui::run(store, config).map_err(CliError::Other)
        }
        Some(Command::Checkin(args)) => {
            // A broken config file is worth hearing about even when this command needs none of it.
            load_config(cli.config)?;
            let input = args.validate(&mut std::io::stdin().lock())?;
            let mut store = open_store(cli.db, cli.passphrase_file.as_deref())?;
            checkin::run(&mut store, input)
        }
        Some(Command::Thought(args)) => {
            let config = load_config(cli.config)?;
            let thought = args.validate(&config.traps())?;
            let mut store = open_store(cli.db, cli.passphrase_file.as_deref())?;
            thought::run(&mut store, thought)
        }
        Some(Command::Write(args)) => {
            load_config(cli.config)?;
            let entry = args.validate(&mut std::io::stdin().lock())?;
            let mut store = open_store(cli.db, cli.passphrase_file.as_deref())?;
            write::run(&mut store, entry)
        }
        Some(Command::Search(args)) => {
            args.validate()?;
            let store = open_store(cli.db, cli.passphrase_file.as_deref())?;
            search::run(&store, args)
        }
        Some(Command::Trends(args)) => {
            let config = load_config(cli.config)?;
            let plan = args.validate(config.week_start)?;
            let store = open_store(cli.db, cli.passphrase_file.as_deref())?;
            trends::run(&store, plan)
        }
        Some(Command::Report(args)) => {
            let config = load_config(cli.config)?;
            let plan = args.validate(config.week_start)?;
            let store = open_store(cli.db, cli.passphrase_file.as_deref())?;
            report::run(&store, plan)
        }
        Some(Command::Import(args)) => {
            let journal = import::read(&args)?;
            let path = config::database_path(cli.db.clone());
            if args.dry_run && path.as_ref().is_some_and(|p| !p.exists()) {
                // A dry run against a journal that doesn't exist yet must not create one.
                return import::report(None, &args, &journal);
            }
            let mut store = open_store(cli.db, cli.passphrase_file.as_deref())?;
            import::report(Some(&mut store), &args, &journal)
        }
        Some(Command::Encrypt) => {
            let path = journal_path(cli.db)?;
            if !path.exists() {
                return Err(CliError::Usage(format!(
                    "there's no journal at {} to encrypt",
                    path.display()
                )));
            }
            if Store::is_encrypted(&path) {
                return Err(CliError::Usage(format!(
                    "{} is already encrypted",
                    path.display()
                )));
            }
            let key = passphrase::new(cli.passphrase_file.as_deref())?;
            convert(&path, None, Some(&key))?;
            let _ = writeln!(
                std::io::stderr(),
                "Your journal is encrypted. Keep the passphrase somewhere safe: without it the journal can't be read."
            );
            Ok(())
        }
        Some(Command::Decrypt) => {
            let path = journal_path(cli.db)?;
            if !Store::is_encrypted(&path) {
                return Err(CliError::Usage(format!(
                    "{} isn't encrypted",
                    path.display()
                )));
            }
            let key = passphrase::existing(cli.passphrase_file.as_deref())?;
            convert(&path, Some(&key), None)?;
            let _ = writeln!(std::io::stderr(), "Your journal is a plain file again.");
            Ok(())
        }
        Some(Command::Check) => {
            let path = journal_path(cli.db)?;
            if !path.exists() {
                return write_stdout(
                    format!(
                        "There's no journal at {} yet; nothing to check.\n",
                        path.display()
                    )
                    .as_bytes(),
                );
            }
            let key = if Store::is_encrypted(&path) {
                Some(passphrase::existing(cli.passphrase_file.as_deref())?)
            } else {
                None
            };
            let problems = Store::check_file(&path, key.as_deref())?;
            if problems.is_empty() {
                return write_stdout(
                    format!(
                        "{} is healthy: SQLite's integrity check found nothing wrong.\n",
                        path.display()
                    )
                    .as_bytes(),
                );
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
        Some(Command::Backup { output }) => {
            if output.exists() {
                return Err(CliError::Usage(format!(
                    "{} already exists; choose a new name so no earlier backup is overwritten",
                    output.display()
                )));
            }
            let store = open_store(cli.db, cli.passphrase_file.as_deref())?;
            let problems = store.quick_check()?;
            if !problems.is_empty() {
                return Err(CliError::Other(anyhow::anyhow!(
                    "the journal is damaged ({}), so it wasn't copied; `kindly check` says how to recover what can be read",
                    problems.join("; ")
                )));
            }
            store.backup_to(&output)?;
            eprintln!("Backed up to {}.", output.display());
            Ok(())
        }
        Some(Command::Export(args)) => {
            let plan = args.validate()?;
            let store = open_store(cli.db, cli.passphrase_file.as_deref())?;
            export::run(&store, plan)
        }
        Some(Command::Demo(args)) => {
            let config = load_config(cli.config)?;
            demo::run(args, cli.db, config)
        }
        Some(Command::Status(args)) => {
            // A prompt should never create a journal, so a missing file is just "no check-ins yet".
            let path = config::database_path(cli.db.clone());
            if path.as_ref().is_none_or(|p| !p.exists()) {
                return status::run(None, &args);
            }
            let store = open_store(cli.db, cli.passphrase_file.as_deref())?;
            status::run(Some(&store), &args)
        }
        Some(Command::Man) => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .map_err(|e| CliError::Other(e.into()))?;
            write_stdout(&out)
        }
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "kindly", &mut out);
            write_stdout(&out)
        }
    }
}

pub(crate) fn open_store(
    flag: Option<PathBuf>,
    passphrase_file: Option<&std::path::Path>,
) -> Result<Store, CliError> {
    let path = journal_path(flag)?;
    // The passphrase is asked for only when the journal really is encrypted.
    let key = if Store::is_encrypted(&path) {
        Some(passphrase::existing(passphrase_file)?)
    } else {
        None
    };
    Ok(Store::open_keyed(&path, key.as_deref())?)
}

fn journal_path(flag: Option<PathBuf>) -> Result<PathBuf, CliError> {
    config::database_path(flag).ok_or_else(|| {
        CliError::Usage("couldn't find a home folder for the journal; pass --db PATH".into())
    })
}

/// Rewrites the journal at `path` encrypted (or plain), checks the new file holds every
/// record, and only then puts it in place of the old one.
fn convert(
    path: &std::path::Path,
    from_key: Option<&str>,
    to_key: Option<&str>,
) -> Result<(), CliError> {
    let store = Store::open_keyed(path, from_key)?;
    let counts = store.record_counts()?;
    let mut name = path.as_os_str().to_owned();
    name.push(".kindly-converting");
    let tmp = PathBuf::from(name);
    let _ = std::fs::remove_file(&tmp);
    let result = (|| -> Result<(), CliError> {
        store.export_to(&tmp, to_key)?;
        drop(store);
        let copy = Store::open_keyed(&tmp, to_key)?;
        if copy.record_counts()? != counts || !copy.quick_check()?.is_empty() {
            return Err(CliError::Other(anyhow::anyhow!(
                "the converted copy didn't check out, so your journal was left as it was"
            )));
        }
        drop(copy);
        std::fs::rename(&tmp, path).map_err(|e| {
            CliError::Other(anyhow::anyhow!(
                "couldn't put the converted journal in place ({e}); the old one is unchanged"
            ))
        })?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    for side in ["-wal", "-shm"] {
        let mut n = tmp.as_os_str().to_owned();
        n.push(side);
        let _ = std::fs::remove_file(PathBuf::from(n));
    }
    result
}
