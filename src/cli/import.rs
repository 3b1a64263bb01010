//! `kindly import`: bring in a kindly, Daylio or jrnl export, all at once or not at all.

use std::path::PathBuf;

use std::io::Write;

use clap::{Args, ValueEnum};

use super::shared::CliError;
use crate::domain::{InvalidInput, Journal};
use crate::io::import;
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
pub fn read(args: &ImportArgs) -> Result<Journal, CliError> {
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
    Ok(parsed.journal)
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

/// Saves the journal (unless it is a dry run) and says what was added.
pub fn report(
    store: Option<&mut Store>,
    args: &ImportArgs,
    journal: &Journal,
) -> Result<(), CliError> {
    let total = journal.checkins.len()
        + journal.thoughts.len()
        + journal.entries.len()
        + journal.breaks.len();
    let already = match &store {
        Some(s) => s.already_here(journal)?,
        None => 0,
    };
    let new = total - already;
    let here = match already {
        1 => "1 was already here".to_string(),
        n => format!("{n} were already here"),
    };
    let line = match store {
        Some(s) if !args.dry_run => {
            s.save_journal(journal)?;
            format!(
                "Added {new} of {total} records ({}); {here}.\n",
                counts(journal)
            )
        }
        _ => format!(
            "Would add {new} of {total} records ({}); {here}. Nothing was written.\n",
            counts(journal)
        ),
    };
    super::shared::write_stdout(line.as_bytes())
}
