//! The command line: parses arguments, then runs one command or opens the TUI.

mod backups;
mod bad_usage;
mod checkin;
mod demo;
mod export;
mod import;
mod kind;
mod like;
mod man;
mod measures;
mod nudge;
mod output;
mod passphrase;
mod recovery;
mod remind;
mod report;
mod safekeeping;
mod search;
mod session;
mod shared;
mod status;
mod sync;
mod thought;
pub mod trends;
mod trends_measures;
mod unfinished;
mod write;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use crate::config;
use crate::store::Store;
pub use shared::CliError;
use shared::{load_config, write_stdout};

/// Where the options every command takes are listed in each command's help, apart from
/// the command's own.
const GLOBAL: &str = "Global options";

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
    #[arg(long, global = true, value_name = "PATH", help_heading = GLOBAL)]
    pub db: Option<PathBuf>,

    /// The config file [default: $KINDLY_CONFIG, else the platform config folder]
    #[arg(long, global = true, value_name = "PATH", help_heading = GLOBAL)]
    pub config: Option<PathBuf>,

    /// Read an encrypted journal's passphrase from the first line of this file
    #[arg(long, global = true, value_name = "FILE", help_heading = GLOBAL)]
    pub passphrase_file: Option<PathBuf>,

    /// Open an encrypted journal with its recovery key, read from this file (for a
    /// forgotten passphrase: then `kindly passphrase` sets a new one)
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        conflicts_with = "passphrase_file",
        help_heading = GLOBAL
    )]
    pub recovery_key_file: Option<PathBuf>,

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
    /// Your own measures beside mood (sleep, medication, …), from config.toml's [[measures]]
    #[command(after_help = "Example:\n  kindly measures --format json")]
    Measures(measures::MeasuresArgs),
    /// Write a journal entry or a letter to yourself: as words, from standard input, or in
    /// your own editor (--edit)
    #[command(
        after_help = "Example:\n  kindly write --kind letter --title \"For a hard day\" --tags winter < letter.txt"
    )]
    Write(write::WriteArgs),
    /// Find words in your check-in notes, thought records and journal, newest first
    #[command(
        after_help = "Example:\n  kindly search \"by the river\" walk* -rain --from 2026-11-01"
    )]
    Search(search::SearchArgs),
    /// Mood, rituals and practice over recent weeks, as text or JSON
    #[command(after_help = "Example:\n  kindly trends --weeks 12 --format json")]
    Trends(trends::TrendsArgs),
    /// A summary to bring to a therapy session, as Markdown or HTML (figures only, unless --include-notes)
    #[command(after_help = "Example:\n  kindly report --weeks 4 --format html -o summary.html")]
    Report(report::ReportArgs),
    /// Bring in a kindly, Daylio (CSV or backup), jrnl or Day One export, as a merge that
    /// never overwrites your edits: all of it, or nothing
    #[command(
        after_help = "Examples:\n  kindly import daylio_export.csv --mood-map \"content=7,Not so good=4\" --dry-run\n  kindly import backup_2026_11_30.daylio\n  kindly import dayone-export.zip\n  kindly import journal.json --from jrnl --timezone Europe/Berlin"
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
        /// Replace the file if it is there already
        #[arg(long)]
        force: bool,
    },
    /// Write your journal out: lossless JSON, CSV or a readable Markdown journal
    #[command(after_help = "Example:\n  kindly export --format json -o kindly-backup.json")]
    Export(export::ExportArgs),
    /// Encrypt the journal at rest with a passphrase (asked twice, or --passphrase-file),
    /// and make its recovery key
    #[command(
        after_help = "Example:\n  kindly encrypt --recovery-key-to /media/usb/kindly-recovery.txt\n\nThe journal is written anew, encrypted under a random key of its own, checked, and only then put in place of the old file. That key is kept in JOURNAL.keys beside it, locked under your passphrase and under a recovery key, which is shown once (or written to the file you name, never over one)."
    )]
    Encrypt {
        /// Write the recovery key to this new file (0600) instead of showing it
        #[arg(long, value_name = "FILE")]
        recovery_key_to: Option<PathBuf>,
    },
    /// Make a new recovery key for an encrypted journal; the old one no longer opens it
    #[command(
        after_help = "Example:\n  kindly recovery --to /media/usb/kindly-recovery.txt\n\nThe current passphrase (or recovery key) comes from the terminal, --passphrase-file or --recovery-key-file. Only the key file beside the journal is written anew, so a stop at any moment leaves the old recovery key or the new one opening it."
    )]
    Recovery {
        /// Write the new recovery key to this new file (0600) instead of showing it
        #[arg(long, value_name = "FILE")]
        to: Option<PathBuf>,
    },
    /// Turn an encrypted journal back into a plain one
    #[command(after_help = "Example:\n  kindly decrypt")]
    Decrypt,
    /// Change an encrypted journal's passphrase, with no plain copy at any moment
    #[command(
        after_help = "Example:\n  kindly --recovery-key-file ~/kindly-recovery.txt passphrase\n\nThe current passphrase comes from the terminal, --passphrase-file, or (if it is forgotten) the recovery key, typed or from --recovery-key-file; the new one is asked twice, or read from --new-passphrase-file. Only the key file beside the journal is written anew, so a stop at any moment leaves it opening with the old passphrase or the new one."
    )]
    Passphrase {
        /// Read the new passphrase from the first line of this file
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
    /// The backups kindly makes by itself, once a day: when each was made, its size, and
    /// what it holds
    #[command(
        after_help = "Example:\n  kindly backups\n\nThey are in backups/ beside the journal (or the config's backup_dir); the newest of each of the last 7 days, 4 weeks and 12 months are kept (the config's backups_kept)."
    )]
    Backups(backups::BackupsArgs),
    /// Put a backup back in place of the journal; the journal as it is now is kept as a
    /// backup first
    #[command(
        after_help = "Examples:\n  kindly restore 2026-12-01\n  kindly restore kindly-2026-12-01.db --yes\n\nkindly says what the backup holds and what the journal holds now, and asks before changing anything (--yes from a script). It needs the journal to itself: close kindly's screen first."
    )]
    Restore(backups::RestoreArgs),
    /// Check the journal file for damage, and say what to do if there is any
    #[command(after_help = "Example:\n  kindly check")]
    Check,
    /// Whether you've checked in today, and the last mood: for a shell prompt (always exits 0)
    #[command(after_help = "Example, in ~/.bashrc:\n  kindly status")]
    Status(status::StatusArgs),
    /// One of your own kind lines (kinder answers, kind wishes, lines kept from letters), for
    /// a shell start-up line: never the same twice in a row; nothing when the deck is empty
    #[command(
        after_help = "Examples:\n  kindly kind               # in ~/.bashrc\n  kindly kind list          # the whole deck, numbered\n  kindly kind remove 3      # take line 3 out (the record it is in stays)"
    )]
    Kind(kind::KindArgs),
    /// What to bring up in your next therapy session: list it, add to it, mark it talked about
    #[command(
        after_help = "Examples:\n  kindly session                                   # what waits, oldest first\n  kindly session add 5f0c…e1 --note \"ask about the panic on the train\"\n  kindly session add --note \"sleep since the move\"\n  kindly session done                              # after the session"
    )]
    Session(session::SessionArgs),
    /// A gentle daily reminder to check in, quiet on days you already have
    #[command(
        after_help = "Examples:\n  kindly remind at 20:30                  # every evening\n  kindly remind at 08:15 --days mon,wed,fri\n  kindly remind status\n  kindly remind off"
    )]
    Remind(remind::RemindArgs),
    /// Sync this journal with your other computers through a folder you already sync
    /// (end-to-end encrypted): one exchange now, or init, join, status
    #[command(
        after_help = "Examples:\n  kindly sync init ~/Sync/kindly     # on the first computer\n  kindly sync join ~/Sync/kindly     # on each of the others\n  kindly sync                        # one exchange now\n  kindly sync status"
    )]
    Sync(sync::SyncArgs),
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
    // A file-size limit (RLIMIT_FSIZE) raises SIGXFSZ, which would end kindly mid-write
    // without a word; with it caught, the write fails and gets the same calm line as a
    // full disk.
    let _ = signal_hook::flag::register(
        signal_hook::consts::SIGXFSZ,
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    );
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return bad_usage::clap_exit(e),
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
            // Never panics on a closed stderr, unlike eprintln!. An error may quote a file
            // (a label, an id, a zip entry's name): it goes out defused, like a record.
            let _ = writeln!(
                std::io::stderr(),
                "kindly: {}",
                crate::domain::visible_line(msg.lines().next().unwrap_or_default())
            );
            ExitCode::from(e.exit_code())
        }
    }
}

pub fn run(cli: Cli) -> Result<(), CliError> {
    let unlock = passphrase::Unlock {
        passphrase_file: cli.passphrase_file.clone(),
        recovery_key_file: cli.recovery_key_file.clone(),
    };
    match cli.command {
        None => {
            let config = load_config(cli.config)?;
            // The screen checks the journal's integrity beside its first frame instead.
            let path = journal_path_to_write(cli.db)?;
            let key = key_for(&path, &unlock)?;
            let store = Store::open_keyed(&path, key.as_deref())?;
            // Made once the first frame is out, on a thread of its own.
            let backup = backups::daily(&store, &config)?;
            crate::tui::run(store, config, backup).map_err(CliError::Other)
        }
        Some(Command::Checkin(args)) => {
            // A broken config file is worth hearing about even when this command needs none of it.
            let config = load_config(cli.config)?;
            let input = args.validate(&mut std::io::stdin().lock())?;
            measures::check_before_journal(&config, cli.db.clone(), &input)?;
            let mut store = open_store(cli.db, &unlock)?;
            let backup = backups::daily(&store, &config)?;
            let words = input.words();
            checkin::run(&mut store, &config, input)?;
            shared::care(&config, &words);
            backups::after_answer(backup);
            Ok(())
        }
        Some(Command::Thought(args)) => {
            let config = load_config(cli.config)?;
            let thought = args.validate(&config.traps())?;
            let mut store = open_store(cli.db, &unlock)?;
            let backup = backups::daily(&store, &config)?;
            let words = thought.texts().join("\n");
            thought::run(&mut store, thought)?;
            shared::care(&config, &words);
            backups::after_answer(backup);
            Ok(())
        }
        Some(Command::Write(args)) => {
            let config = load_config(cli.config)?;
            let entry = args.validate(&mut std::io::stdin().lock())?;
            let mut store = open_store(cli.db, &unlock)?;
            let backup = backups::daily(&store, &config)?;
            let tags: Vec<String> = entry.tags.iter().map(|t| t.to_string()).collect();
            let words = format!(
                "{}\n{}\n{}",
                entry.title.as_deref().unwrap_or(""),
                tags.join(", "),
                entry.body
            );
            write::run(&mut store, entry)?;
            shared::care(&config, &words);
            backups::after_answer(backup);
            Ok(())
        }
        Some(Command::Measures(args)) => {
            measures::command(cli.db.clone(), cli.config, &args, || {
                open_reading(cli.db, &unlock)
            })
        }
        Some(Command::Search(args)) => {
            let args = args.validate()?;
            let store = open_reading(cli.db, &unlock)?;
            search::run(&store, args)
        }
        Some(Command::Trends(args)) => {
            let config = load_config(cli.config)?;
            let plan = args.validate(config.week_start)?;
            let store = open_reading(cli.db, &unlock)?;
            trends::run(&store, plan)
        }
        Some(Command::Report(args)) => {
            let config = load_config(cli.config)?;
            // The journal named as the output is said first, before "already there".
            output::guard(args.output_path(), &journal_path(cli.db.clone())?)?;
            let plan = args.validate(config.week_start)?;
            let store = open_reading(cli.db, &unlock)?;
            report::run(&store, plan, config.name.as_deref())
        }
        Some(Command::Import(args)) => {
            let parsed = import::read(&args)?;
            let path = config::database_path(cli.db.clone());
            if args.dry_run && path.as_deref().map(Store::exists).transpose()? == Some(false) {
                // A dry run against a journal that doesn't exist yet must not create one.
                return import::report(None, &args, parsed);
            }
            if args.dry_run {
                let mut store = open_reading(cli.db, &unlock)?;
                return import::report(Some(&mut store), &args, parsed);
            }
            let config = load_config(cli.config)?;
            let mut store = open_store(cli.db, &unlock)?;
            let backup = backups::daily(&store, &config)?;
            import::report(Some(&mut store), &args, parsed)?;
            backups::after_answer(backup);
            Ok(())
        }
        Some(Command::Encrypt { recovery_key_to }) => {
            let config = load_config(cli.config)?;
            recovery::encrypt(
                &journal_path(cli.db)?,
                unlock.passphrase_file.as_deref(),
                recovery_key_to.as_deref(),
                &config,
            )
        }
        Some(Command::Recovery { to }) => {
            recovery::recovery(&journal_path(cli.db)?, &unlock, to.as_deref())
        }
        Some(Command::Decrypt) => safekeeping::decrypt(&journal_path(cli.db)?, &unlock),
        Some(Command::Passphrase {
            new_passphrase_file,
        }) => recovery::change_passphrase(
            &journal_path(cli.db)?,
            &unlock,
            new_passphrase_file.as_deref(),
        ),
        Some(Command::Backups(args)) => {
            let config = load_config(cli.config)?;
            let path = journal_path(cli.db)?;
            let key = if Store::exists(&path)? {
                key_for(&path, &unlock)?
            } else {
                None
            };
            backups::list(&path, &config, key.as_deref(), &args)
        }
        Some(Command::Restore(args)) => {
            let config = load_config(cli.config)?;
            backups::restore(&journal_path(cli.db)?, &config, &unlock, &args)
        }
        Some(Command::Check) => safekeeping::check(&journal_path(cli.db)?, &unlock),
        Some(Command::Backup { output, force }) => {
            safekeeping::backup(&journal_path(cli.db)?, &output, force, &unlock)
        }
        Some(Command::Export(args)) => {
            // The journal named as the output is said first, before "already there".
            if let Some(out) = args.output_path() {
                output::guard(out, &journal_path(cli.db.clone())?)?;
            }
            let plan = args.validate()?;
            let store = open_reading(cli.db, &unlock)?;
            export::run(&store, plan)
        }
        Some(Command::Demo(args)) => {
            let config = load_config(cli.config)?;
            let db = cli
                .db
                .map(|db| journal_path_to_write(Some(db)))
                .transpose()?;
            demo::run(args, db, config)
        }
        Some(Command::Status(args)) => {
            // A prompt line never asks for anything, never creates a journal, and never
            // fails: whatever the file, it says something calm and exits 0.
            status::run(config::database_path(cli.db).as_deref(), &args)
        }
        Some(Command::Kind(args)) => {
            let path = config::database_path(cli.db.clone());
            let db = cli.db;
            kind::run(path.as_deref(), args, || open_store(db, &unlock))
        }
        // The reminder never opens the journal to write; `now` only glances at it.
        Some(Command::Remind(args)) => remind::run(config::database_path(cli.db), args),
        Some(Command::Session(args)) => {
            let config = load_config(cli.config)?;
            session::validate(&args)?;
            if args.only_lists() {
                let path = journal_path(cli.db.clone())?;
                if !Store::exists(&path)? {
                    return session::run(&mut Store::open_in_memory()?, args);
                }
                let mut store = open_reading(cli.db, &unlock)?;
                return session::run(&mut store, args);
            }
            let mut store = open_store(cli.db, &unlock)?;
            let backup = backups::daily(&store, &config)?;
            session::run(&mut store, args)?;
            backups::after_answer(backup);
            Ok(())
        }
        Some(Command::Sync(args)) => {
            let config = load_config(cli.config)?;
            if args.is_status() {
                return sync::status(config::database_path(cli.db).as_deref(), &args, &config);
            }
            let path = if args.is_init_or_join() {
                journal_path_to_write(cli.db)?
            } else {
                journal_path(cli.db)?
            };
            if !args.is_init_or_join() && !Store::exists(&path)? {
                // An exchange never makes a journal; init and join may (a new computer).
                return Err(crate::domain::InvalidInput::new(
                    "sync",
                    format!(
                        "there's no journal at {} yet, so nothing syncs; start with `kindly sync join DIR` to bring your journal here",
                        path.display()
                    ),
                )
                .into());
            }
            // The passphrase is asked and the folder checked before the journal is opened,
            // so a mistake writes nothing.
            let prepared = sync::prepare(&args, &path)?;
            let mut store = Store::open_keyed(&path, key_for(&path, &unlock)?.as_deref())?;
            // Writes need a journal whose integrity check holds; an exchange with nothing
            // to do writes nothing, so it doesn't wait for the check.
            if args.is_init_or_join()
                || crate::sync::has_work(&store, config.sync_dir.as_deref()).unwrap_or(true)
            {
                store.verify()?;
            }
            let backup = backups::daily(&store, &config)?;
            sync::run(&mut store, prepared, &config)?;
            backups::after_answer(backup);
            Ok(())
        }
        Some(Command::Man) => {
            write_stdout(&man::page(Cli::command()).map_err(|e| CliError::Other(e.into()))?)
        }
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "kindly", &mut out);
            write_stdout(&out)
        }
    }
}

/// Opens the journal for a command that writes: created if it isn't there yet, and
/// refused (left as it is) if its integrity check finds damage.
pub(crate) fn open_store(
    flag: Option<PathBuf>,
    unlock: &passphrase::Unlock,
) -> Result<Store, CliError> {
    let path = journal_path_to_write(flag)?;
    let store = Store::open_keyed(&path, key_for(&path, unlock)?.as_deref())?;
    store.verify()?;
    Ok(store)
}

/// Opens the journal for a command that only reads: never creates one, never writes.
fn open_reading(flag: Option<PathBuf>, unlock: &passphrase::Unlock) -> Result<Store, CliError> {
    let path = journal_path(flag)?;
    Ok(Store::open_reader(
        &path,
        key_for(&path, unlock)?.as_deref(),
    )?)
}

/// The key, from the passphrase or the recovery key, asked for only when the journal really
/// is encrypted. At a terminal one that doesn't open it is asked for again, up to three tries.
fn key_for(
    path: &std::path::Path,
    unlock: &passphrase::Unlock,
) -> Result<Option<String>, CliError> {
    if !Store::is_encrypted(path) {
        return Ok(None);
    }
    passphrase::current_key(path, unlock).map(Some)
}

fn journal_path(flag: Option<PathBuf>) -> Result<PathBuf, CliError> {
    config::database_path(flag).ok_or_else(|| {
        CliError::Usage("couldn't find a home folder for the journal; pass --db PATH".into())
    })
}

/// The journal's path for a command that may create the journal. A path the person named
/// must be in a folder that is there: a typo in `--db` is said, never made into new
/// folders (kindly's own default folder is made on first use).
fn journal_path_to_write(flag: Option<PathBuf>) -> Result<PathBuf, CliError> {
    let named = config::database_named(flag.as_deref());
    let path = journal_path(flag)?;
    if named
        && let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !folder.is_dir()
    {
        let what = if folder.exists() {
            "isn't a folder"
        } else {
            "isn't there"
        };
        return Err(CliError::Usage(format!(
            "the journal's folder {} {what}; make it first, or name a journal file in a folder that is there; nothing was written",
            folder.display()
        )));
    }
    Ok(path)
}
