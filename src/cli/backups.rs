//! `kindly backups` (the copies kindly made by itself) and `kindly restore BACKUP` (one of
//! them put back in place of the journal, after keeping the journal as it is now).

use super::shared::Format;
use std::io::{IsTerminal, Write};
use std::path::Path;

use clap::Args;
use serde::Serialize;

use super::shared::{CliError, write_stdout};
use crate::backups::{Kept, Shelf};
use crate::config::Config;
use crate::store::{self, CopyLook, Hold, Store, StoreError, conversion_path, side};

#[derive(Debug, Args)]
pub struct BackupsArgs {
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A name `kindly backups` shows, a day (2026-12-01), or the path of a backup file
    #[arg(value_name = "BACKUP")]
    backup: String,
    /// Go ahead without asking (for scripts; at a terminal kindly asks first)
    #[arg(long)]
    yes: bool,
}

#[derive(Serialize)]
struct Listed {
    journal: String,
    folder: String,
    backups: Vec<ListedBackup>,
}

#[derive(Serialize)]
struct ListedBackup {
    name: String,
    path: String,
    date: String,
    /// The journal as it was just before a restore (kept until removed by hand).
    before_restore: bool,
    bytes: u64,
    /// Whether it opens and SQLite's quick check finds it whole.
    whole: bool,
    checkins: Option<i64>,
    thoughts: Option<i64>,
    entries: Option<i64>,
    breaks: Option<i64>,
}

/// Today's backup of the journal a command is about to write to, if it is due; refused
/// (exit 2, before anything is written) when the backups folder lies in the sync folder.
pub(super) fn daily(store: &Store, config: &Config) -> Result<crate::backups::Backup, CliError> {
    Ok(crate::backups::due(store, config)?)
}

/// Once a command has given its answer: the day's backup, waited for a bounded time. It
/// says something only when it couldn't be made.
pub(super) fn after_answer(backup: crate::backups::Backup) {
    if let Some(line) = backup.finish(crate::backups::COMMAND_WAIT) {
        let _ = writeln!(std::io::stderr(), "{line}");
    }
}

/// `kindly backups`.
pub fn list(
    journal: &Path,
    config: &Config,
    key: Option<&str>,
    args: &BackupsArgs,
) -> Result<(), CliError> {
    let shelf = Shelf::for_journal(journal, config.backup_dir.as_deref());
    let kept = shelf.list();
    let looks: Vec<Option<CopyLook>> = kept
        .iter()
        .map(|k| store::look_inside(&k.path, key).ok())
        .collect();
    if let Format::Json = args.format {
        let listed = Listed {
            journal: journal.display().to_string(),
            folder: shelf.dir().display().to_string(),
            backups: kept
                .iter()
                .zip(&looks)
                .map(|(k, look)| {
                    let n = |i: usize| look.as_ref().map(|l| l.counts[i]);
                    ListedBackup {
                        name: k.name.clone(),
                        path: k.path.display().to_string(),
                        date: k.date.format("%Y-%m-%d").to_string(),
                        before_restore: k.before_restore.is_some(),
                        bytes: k.bytes,
                        whole: look.as_ref().is_some_and(|l| l.problems.is_empty()),
                        checkins: n(0),
                        thoughts: n(1),
                        entries: n(2),
                        breaks: n(3),
                    }
                })
                .collect(),
        };
        let mut text =
            serde_json::to_string_pretty(&listed).map_err(|e| CliError::Other(e.into()))?;
        text.push('\n');
        return write_stdout(text.as_bytes());
    }
    if kept.is_empty() {
        return write_stdout(
            format!(
                "No backups yet in {}. kindly makes one a day when it runs (the screen, or a command that writes).\n",
                shelf.dir().display()
            )
            .as_bytes(),
        );
    }
    let mut text = format!("Backups in {}, newest first:\n", shelf.dir().display());
    let width = kept.iter().map(|k| k.name.len()).max().unwrap_or(0);
    for (k, look) in kept.iter().zip(&looks) {
        text.push_str(&format!(
            "  {:<width$}  {:>8}  {}\n",
            k.name,
            size(k.bytes),
            described(k, look.as_ref())
        ));
    }
    let rule = config.backups_kept;
    text.push_str(&format!(
        "Kept: the newest of each of the last {} days, {} weeks and {} months. `kindly restore NAME` puts one back.\n",
        rule.daily, rule.weekly, rule.monthly
    ));
    write_stdout(text.as_bytes())
}

fn described(k: &Kept, look: Option<&CopyLook>) -> String {
    let what = match look {
        None => "can't be opened".to_string(),
        Some(l) if !l.problems.is_empty() => "damaged (SQLite's check found problems)".into(),
        Some(l) => counted(&l.counts),
    };
    match k.before_restore {
        Some(at) => format!(
            "{what}; your journal before the restore of {}",
            at.format("%-d %b %Y %H:%M")
        ),
        None => what,
    }
}

/// "12 check-ins, 3 thought records, 2 pages, 1 break" (pages and letters are both pages).
fn counted(counts: &[i64; 4]) -> String {
    let names = [
        ("check-in", "check-ins"),
        ("thought record", "thought records"),
        ("page", "pages"),
        ("break", "breaks"),
    ];
    counts
        .iter()
        .zip(names)
        .map(|(n, (one, many))| format!("{n} {}", if *n == 1 { one } else { many }))
        .collect::<Vec<_>>()
        .join(", ")
}

fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1 << 20) as f64),
        b => format!("{} kB", b.div_ceil(1024)),
    }
}

/// `kindly restore BACKUP`.
pub fn restore(
    journal: &Path,
    config: &Config,
    unlock: &super::passphrase::Unlock,
    args: &RestoreArgs,
) -> Result<(), CliError> {
    let shelf = Shelf::for_journal(journal, config.backup_dir.as_deref());
    let Some(backup) = shelf.find(&args.backup) else {
        return Err(CliError::Usage(format!(
            "there's no backup called '{}' (in {}, or as a file); `kindly backups` lists them",
            args.backup,
            shelf.dir().display()
        )));
    };
    if Store::exists(journal)? && same_file(&backup, journal) {
        return Err(CliError::Usage(format!(
            "{} is the journal itself, not a backup of it",
            backup.display()
        )));
    }
    let exists = Store::exists(journal)?;
    // Held before anything is asked: while another kindly has it open, nothing changes.
    let hold = if exists {
        Some(Hold::exclusive(journal)?)
    } else {
        None
    };
    let key = if exists && Store::is_encrypted(journal) {
        Some(super::passphrase::current_key(journal, unlock)?)
    } else {
        None
    };
    let wanted = look(&backup, key.as_deref())?;
    let before = if exists {
        Some(store::look_inside(journal, key.as_deref())?.counts)
    } else {
        None
    };
    if !args.yes {
        ask(&backup, &wanted, before.as_ref())?;
    }
    // The journal as it is now, kept as a backup before anything is replaced.
    let kept = match &hold {
        Some(_) => Some(keep_current(&shelf, journal, key.as_deref())?),
        None => None,
    };
    put_in_place(&backup, journal, key.as_deref(), &wanted)?;
    drop(hold);
    let mut text = format!(
        "Restored {}: the journal now holds {}",
        backup.display(),
        counted(&wanted.counts)
    );
    match (before, kept) {
        (Some(before), Some(kept)) => text.push_str(&format!(
            " (before: {}).\nYour journal as it was is kept as {}; `kindly restore {}` puts it back.\n",
            counted(&before),
            kept.display(),
            kept.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
        )),
        _ => text.push_str(".\n"),
    }
    write_stdout(text.as_bytes())
}

/// What the backup holds; refused (exit 2, nothing changed) when it isn't a whole kindly
/// journal that opens with this journal's key.
fn look(backup: &Path, key: Option<&str>) -> Result<CopyLook, CliError> {
    let refuse =
        |why: String| CliError::Usage(format!("{} {why}; nothing was changed", backup.display()));
    match store::look_inside(backup, key) {
        Ok(l) if l.problems.is_empty() => Ok(l),
        Ok(l) => Err(refuse(format!(
            "is damaged ({})",
            l.problems.join("; ")
        ))),
        Err(StoreError::NeedsPassphrase(_)) => Err(refuse(
            "is encrypted and your journal isn't; open it with `kindly --db BACKUP` and its passphrase instead".into(),
        )),
        Err(StoreError::WrongPassphrase(_)) => Err(refuse(
            "doesn't open with your journal's key (it was made before the journal was encrypted anew); open it with `kindly --db BACKUP` and the passphrase it had then".into(),
        )),
        Err(StoreError::NotADatabase(_) | StoreError::Foreign(_) | StoreError::Damaged { .. }) => {
            Err(refuse("isn't a kindly journal".into()))
        }
        Err(e) => Err(refuse(format!("can't be read ({e})"))),
    }
}

/// At a terminal, says what will change and asks; from a script, `--yes` must say so.
fn ask(backup: &Path, wanted: &CopyLook, before: Option<&[i64; 4]>) -> Result<(), CliError> {
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Usage(
            "restore puts a backup in place of your journal; add --yes to go ahead from a script"
                .into(),
        ));
    }
    let mut err = std::io::stderr();
    let _ = writeln!(
        err,
        "The backup {} holds {}.",
        backup.display(),
        counted(&wanted.counts)
    );
    if let Some(before) = before {
        let _ = writeln!(
            err,
            "Your journal now holds {}; it will be kept as a backup first.",
            counted(before)
        );
    }
    if !super::passphrase::confirm("Put the backup in place of your journal? (y/N)")? {
        return Err(CliError::Usage(
            "restore set aside, as you asked; nothing was changed".into(),
        ));
    }
    Ok(())
}

/// Copies the journal as it is now into the backups folder, checked, before a restore.
fn keep_current(
    shelf: &Shelf,
    journal: &Path,
    key: Option<&str>,
) -> Result<std::path::PathBuf, CliError> {
    let failed = |why: String| {
        CliError::Other(anyhow::anyhow!(
            "couldn't keep a copy of your journal first ({why}), so nothing was changed"
        ))
    };
    shelf.make().map_err(|e| failed(e.to_string()))?;
    let now = crate::backups::today().and_time(chrono::Local::now().time());
    let mut path = shelf.before_restore(now);
    let tmp = shelf.unfinished(&path);
    let result = (|| -> Result<(), String> {
        store::copy_journal(journal, key, &tmp).map_err(|e| e.to_string())?;
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| e.to_string())?;
        let look = store::look_inside(&tmp, key).map_err(|e| e.to_string())?;
        if !look.problems.is_empty() {
            return Err(look.problems.join("; "));
        }
        // Linked, never renamed, into place: an earlier copy (a restore in the same second)
        // is never written over; the next second's name is taken instead. Its key file
        // goes first, so the copy is never there without it.
        let mut at = now;
        while path.exists() {
            at += chrono::Duration::seconds(1);
            path = shelf.before_restore(at);
        }
        crate::backups::keep_key_beside(journal, &path).map_err(|e| e.to_string())?;
        std::fs::hard_link(&tmp, &path).map_err(|e| e.to_string())
    })();
    for s in ["", "-journal", "-wal", "-shm"] {
        let _ = std::fs::remove_file(side(&tmp, s));
    }
    result.map_err(failed)?;
    Ok(path)
}

/// Copies the backup beside the journal, checks it holds what it should, and only then puts
/// it in the journal's place, so a stop at any moment leaves the old journal or the restored
/// one, whole. The caller holds the journal alone.
fn put_in_place(
    backup: &Path,
    journal: &Path,
    key: Option<&str>,
    wanted: &CopyLook,
) -> Result<(), CliError> {
    let tmp = conversion_path(journal);
    let clear = || {
        for s in ["", "-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(side(&tmp, s));
        }
    };
    clear();
    let result = (|| -> Result<(), CliError> {
        store::copy_journal(backup, key, &tmp)?;
        let copy = store::look_inside(&tmp, key)?;
        if copy.counts != wanted.counts || !copy.problems.is_empty() {
            return Err(CliError::Other(anyhow::anyhow!(
                "the copy of the backup didn't check out, so your journal was left as it was"
            )));
        }
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| CliError::Other(anyhow::anyhow!("couldn't finish the copy ({e})")))?;
        if Store::exists(journal)? {
            // Everything of the old journal into its main file, so no side file of it
            // outlives the swap.
            Store::open_held(journal, key)?.checkpoint()?;
        }
        std::fs::rename(&tmp, journal).map_err(|e| {
            CliError::Other(anyhow::anyhow!(
                "couldn't put the backup in place ({e}); your journal is unchanged"
            ))
        })?;
        for s in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(side(journal, s));
        }
        if let Some(dir) = journal.parent().filter(|p| !p.as_os_str().is_empty())
            && let Ok(d) = std::fs::File::open(dir)
        {
            let _ = d.sync_all();
        }
        // The journal's own key file stays: the backup opened with the same key, and the
        // key file holds today's passphrase and recovery key, not those of the backup's day.
        Ok(())
    })();
    clear();
    result
}

fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}
