//! `kindly import`: bring in a kindly, Daylio or jrnl export, all at once or not at all.

use std::path::PathBuf;

use std::io::Write;

use clap::{Args, ValueEnum};

use super::shared::CliError;
use crate::domain::{InvalidInput, Journal};
use uuid::Uuid;

use crate::io::import;
use crate::io::merge::{self, Counts, Held, Imported, Kind};
use crate::io::source::Parsed;
use crate::store::Store;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Source {
    /// kindly's own JSON export
    Kindly,
    /// a Daylio CSV export
    Daylio,
    /// `jrnl --export json`
    Jrnl,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import
    file: PathBuf,
    /// Which app the file comes from
    #[arg(long = "from", value_enum)]
    from: Source,
    /// Numbers for Daylio mood names, e.g. "content=7,Not so good=4" (adds to rad=10,
    /// good=8, meh=5, bad=3, awful=1)
    #[arg(long, value_name = "LABEL=N,...")]
    mood_map: Option<String>,
    /// Say what would be added, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// Reads and checks the whole file before the journal is opened.
pub fn read(args: &ImportArgs) -> Result<Parsed, CliError> {
    if args.mood_map.is_some() && !matches!(args.from, Source::Daylio) {
        return Err(CliError::Usage(
            "--mood-map is only for --from daylio".into(),
        ));
    }
    let bytes = std::fs::read(&args.file).map_err(|e| {
        CliError::Invalid(InvalidInput::new(
            "import",
            format!("couldn't read {} ({e})", args.file.display()),
        ))
    })?;
    let options = import::Options {
        mood_map: args
            .mood_map
            .as_deref()
            .map(import::parse_mood_map)
            .transpose()?
            .unwrap_or_default(),
    };
    let format = match args.from {
        Source::Kindly => import::Format::Kindly,
        Source::Daylio => import::Format::Daylio,
        Source::Jrnl => import::Format::Jrnl,
    };
    let parsed = import::read(format, &args.file.display().to_string(), &bytes, &options)?;
    for s in &parsed.skipped {
        let _ = writeln!(std::io::stderr(), "Passed over {}: {}.", s.place, s.why);
    }
    Ok(parsed)
}

fn counts(j: &Journal) -> String {
    let parts = [
        (j.checkins.len(), "check-in", "check-ins"),
        (j.thoughts.len(), "thought record", "thought records"),
        (
            j.entries.len(),
            "journal page or letter",
            "journal pages or letters",
        ),
        (j.breaks.len(), "break", "breaks"),
    ];
    let words: Vec<String> = parts
        .iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
        .collect();
    if words.is_empty() {
        "nothing".into()
    } else {
        words.join(", ")
    }
}

/// Looks a record up for the merge: its fingerprint now, and when an import last wrote it.
fn held(store: &Store, kind: Kind, id: Uuid) -> crate::store::Result<Option<Held>> {
    let now = match kind {
        Kind::CheckIn => store.checkin(id)?.map(|r| r.fingerprint()),
        Kind::Thought => store.thought(id)?.map(|r| r.fingerprint()),
        Kind::Entry => store.entry(id)?.map(|r| r.fingerprint()),
        Kind::Break => store.break_record(id)?.map(|r| r.fingerprint()),
    };
    Ok(match now {
        Some(now) => Some(Held {
            now,
            imported: store.imported_fingerprint(id)?,
        }),
        None => None,
    })
}

/// 1,348 rather than 1348.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn number(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", grouped(n), if n == 1 { one } else { many })
}

/// The summary line: what the file held, then each fate counted, in a person's words.
fn summary(c: &Counts, what: &str, dry_run: bool) -> String {
    let verb = |done: &'static str, would: &'static str| if dry_run { would } else { done };
    let total = c.added + c.updated + c.unchanged + c.kept_edits;
    let mut parts = vec![format!(
        "{} {}",
        verb("added", "would add"),
        grouped(c.added)
    )];
    if c.updated > 0 {
        parts.push(format!(
            "{} {}",
            verb("updated", "would update"),
            grouped(c.updated)
        ));
    }
    parts.push(format!("unchanged {}", grouped(c.unchanged)));
    if c.kept_edits > 0 {
        parts.push(format!(
            "{} your {}",
            verb("kept", "would keep"),
            number(c.kept_edits, "edit", "edits")
        ));
    }
    let mut line = format!(
        "{} in the file ({what}): {}",
        number(total, "record", "records"),
        parts.join(", ")
    );
    if c.duplicates > 0 {
        line.push_str(&format!(
            "; {} twice in the file, counted once",
            number(c.duplicates, "record was", "records were")
        ));
    }
    line.push('.');
    if dry_run {
        line.push_str(" Nothing was written.");
    }
    line.push('\n');
    line
}

/// Merges the file into the journal (unless it is a dry run) and says what happened to
/// each record: added, updated, unchanged, or kindly's own edit kept.
pub fn report(
    store: Option<&mut Store>,
    args: &ImportArgs,
    parsed: Parsed,
) -> Result<(), CliError> {
    let what = counts(&parsed.journal);
    let aliases = parsed.aliases;
    let alias = |id: Uuid| aliases.get(&id).copied();
    let plan = match &store {
        Some(s) => merge::plan(parsed.journal, &alias, &mut |kind, id| held(s, kind, id))?,
        None => {
            merge::plan::<crate::store::StoreError>(parsed.journal, &alias, &mut |_, _| Ok(None))?
        }
    };
    if let Some(s) = store
        && !args.dry_run
    {
        s.save_import(&plan.save, &plan.fingerprints)?;
    }
    let line = summary(&plan.counts, &what, args.dry_run);
    super::shared::write_stdout(line.as_bytes())
}
