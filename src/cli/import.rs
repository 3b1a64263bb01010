//! `kindly import`: bring in a kindly, Daylio, jrnl or Day One export, all at once or not
//! at all, as a merge that never overwrites an edit made in kindly.

use std::path::PathBuf;

use std::io::Write;

use clap::{Args, ValueEnum};

use super::shared::CliError;
use crate::domain::{InvalidInput, Journal, visible_line};
use uuid::Uuid;

use crate::domain::Scale;
use crate::io::import;
use crate::io::import::Problem;
use crate::io::merge::{self, Counts, Held, Imported, Kind};
use crate::io::source::Parsed;

mod moods;
use crate::store::Store;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Source {
    /// kindly's own JSON export
    Kindly,
    /// a Daylio CSV export or backup (.daylio)
    Daylio,
    /// `jrnl --export json`
    Jrnl,
    /// Day One's JSON export, or its export zip
    Dayone,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import (or the folder `kindly export --format csv -o DIR` wrote)
    file: PathBuf,
    /// Which app the file comes from (leave it out and kindly tells from the file's content)
    #[arg(long = "from", value_enum)]
    from: Option<Source>,
    /// Numbers for Daylio mood names, e.g. "content=7,Not so good=4" (adds to rad=10,
    /// good=8, meh=5, bad=3, awful=1); quote a name holding , or =
    #[arg(long, value_name = "LABEL=N,...")]
    mood_map: Option<String>,
    /// The time zone the file's times were written in, for Daylio CSV and jrnl, whose
    /// times carry none (an IANA name such as Europe/Berlin; default: this computer's)
    #[arg(long, value_name = "ZONE")]
    timezone: Option<String>,
    /// Say what would be added, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// Reads and checks the whole file before the journal is opened.
pub fn read(args: &ImportArgs) -> Result<Parsed, CliError> {
    let said = args.from.map(|f| match f {
        Source::Kindly => import::Format::Kindly,
        Source::Daylio => import::Format::Daylio,
        Source::Jrnl => import::Format::Jrnl,
        Source::Dayone => import::Format::DayOne,
    });
    let mut options = import::Options {
        mood_map: args
            .mood_map
            .as_deref()
            .map(import::parse_mood_map)
            .transpose()?
            .unwrap_or_default(),
        zone: args
            .timezone
            .as_deref()
            .map(import::Zone::parse)
            .transpose()?
            .unwrap_or_default(),
    };
    // The folder a CSV export wrote: its files are read as one import.
    if args.file.is_dir() {
        if args.mood_map.is_some() || args.timezone.is_some() {
            return Err(CliError::Usage(
                "--mood-map and --timezone are for Daylio and jrnl files; a kindly CSV export keeps each time's own zone".into(),
            ));
        }
        if said.is_some_and(|f| f != import::Format::Kindly) {
            return Err(CliError::Usage(format!(
                "{} is a folder; kindly reads a folder only as its own CSV export (--from kindly)",
                args.file.display()
            )));
        }
        let parsed = crate::io::kindly_csv::read_folder(&args.file)?;
        import::refuse_future(
            &args.file.display().to_string(),
            &parsed.journal,
            chrono::Utc::now(),
        )?;
        return Ok(parsed);
    }
    // A file bigger than any journal's export is refused before it is read.
    if std::fs::metadata(&args.file).is_ok_and(|m| m.len() > crate::io::zipped::ENTRY_CAP) {
        return Err(InvalidInput::new(
            "import",
            format!(
                "{} is over 256 MB, more than kindly reads in one import; nothing was imported",
                args.file.display()
            ),
        )
        .into());
    }
    let bytes = std::fs::read(&args.file).map_err(|e| {
        CliError::Invalid(InvalidInput::new(
            "import",
            format!("couldn't read {} ({e})", args.file.display()),
        ))
    })?;
    let format = said.or(import::detect(&bytes).format());
    if args.mood_map.is_some() && format.is_some_and(|f| f != import::Format::Daylio) {
        return Err(CliError::Usage(
            "--mood-map is only for Daylio files (--from daylio)".into(),
        ));
    }
    if args.timezone.is_some() && format == Some(import::Format::Kindly) {
        return Err(CliError::Usage(
            "--timezone is for files whose times carry no zone (Daylio CSV, jrnl); a kindly export keeps each time's own".into(),
        ));
    }
    let name = args.file.display().to_string();
    let mut asked = false;
    let parsed = loop {
        match import::read(said, &name, &bytes, &options) {
            Ok(parsed) => break parsed,
            Err(Problem::UnknownMoods(labels)) if !asked && moods::can_ask() => {
                asked = true;
                match moods::ask(&labels).map_err(|e| CliError::Other(e.into()))? {
                    Some(answers) => options.mood_map.extend(answers),
                    None => {
                        return Err(CliError::Invalid(InvalidInput::new(
                            "import",
                            "stopped before the moods were all given numbers; nothing was imported",
                        )));
                    }
                }
            }
            Err(problem) => return Err(problem.into_invalid().into()),
        }
    };
    import::refuse_future(&name, &parsed.journal, chrono::Utc::now())?;
    if parsed.journal.longest_text() > crate::domain::MAX_TEXT {
        return Err(InvalidInput::new(
            "import",
            format!("{name} holds a text over 10 MB, more than kindly keeps in one text; nothing was imported"),
        )
        .into());
    }
    let mut err = std::io::stderr();
    for s in parsed.adjusted.iter().take(SHOWN) {
        let line = format!("Adjusted {}: {}.", s.place, s.why);
        let _ = writeln!(err, "{}", visible_line(&line));
    }
    if parsed.adjusted.len() > SHOWN {
        let _ = writeln!(
            err,
            "(and {} more adjusted like these)",
            parsed.adjusted.len() - SHOWN
        );
    }
    for s in parsed.skipped.iter().take(SHOWN) {
        let line = format!("Passed over {}: {}.", s.place, s.why);
        let _ = writeln!(err, "{}", visible_line(&line));
    }
    if parsed.skipped.len() > SHOWN {
        let _ = writeln!(
            err,
            "(and {} more passed over)",
            parsed.skipped.len() - SHOWN
        );
    }
    if asked {
        let map: Vec<String> = options
            .mood_map
            .iter()
            .map(|(l, m)| format!("{}={}", crate::io::daylio::mood_map_label(l), m.get()))
            .collect();
        let _ = writeln!(
            err,
            "Next time, --mood-map {} gives the same numbers.",
            visible_line(&crate::io::source::shell_word(&map.join(","), '\''))
        );
    }
    Ok(parsed)
}

/// How many adjusted or passed-over records are named one by one.
const SHOWN: usize = 5;

/// What the file holds, each record once (a row written twice is one record).
fn counts(j: &Journal) -> String {
    fn distinct<T: Imported>(records: &[T]) -> usize {
        records
            .iter()
            .map(Imported::id)
            .collect::<std::collections::HashSet<_>>()
            .len()
    }
    let parts = [
        (distinct(&j.checkins), "check-in", "check-ins"),
        (distinct(&j.thoughts), "thought record", "thought records"),
        (
            distinct(&j.entries),
            "journal page or letter",
            "journal pages or letters",
        ),
        (distinct(&j.breaks), "break", "breaks"),
        (
            distinct(&j.session),
            "thing to bring to a session",
            "things to bring to a session",
        ),
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
        Kind::CheckIn => store.checkin(id)?.map(|r| r.fingerprint()).transpose()?,
        Kind::Thought => store.thought(id)?.map(|r| r.fingerprint()).transpose()?,
        Kind::Entry => store.entry(id)?.map(|r| r.fingerprint()).transpose()?,
        Kind::Break => store
            .break_record(id)?
            .map(|r| r.fingerprint())
            .transpose()?,
        Kind::Session => store.mark(id)?.map(|r| r.fingerprint()).transpose()?,
    };
    Ok(match now {
        Some(now) => Some(Held {
            now,
            imported: store.imported_fingerprint(id)?,
            earlier: store.imported_earlier(id)?,
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

/// What the summary tells besides each record's fate.
struct Notes {
    adjusted: usize,
    skipped: usize,
    media: usize,
    /// Lines and choices of the person's own lists that were new here.
    lists: usize,
    /// What a newer kindly wrote that this one doesn't know, each named.
    unknown: Vec<String>,
}

/// The summary line: what the file held, then each fate counted, in a person's words.
fn summary(c: &Counts, what: &str, dry_run: bool, notes: &Notes) -> String {
    let verb = |done: &'static str, would: &'static str| if dry_run { would } else { done };
    let total = c.total();
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
    if c.older > 0 {
        parts.push(format!(
            "{} {} (the file's {} older)",
            verb("kept", "would keep"),
            number(c.older, "newer version", "newer versions"),
            if c.older == 1 { "is" } else { "are" }
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
    if notes.adjusted > 0 {
        line.push_str(&format!(
            "; {} at a clock change",
            number(notes.adjusted, "time adjusted", "times adjusted")
        ));
    }
    if notes.skipped > 0 {
        line.push_str(&format!(
            "; {}",
            number(notes.skipped, "record passed over", "records passed over")
        ));
    }
    if notes.media > 0 {
        line.push_str(&format!(
            "; {} taken out (kindly doesn't copy them)",
            number(notes.media, "photo or media link", "photo or media links")
        ));
    }
    if notes.lists > 0 {
        line.push_str(&format!(
            "; {} {} (lines taken out of the deck, added emotions and rituals)",
            verb("added", "would add"),
            number(
                notes.lists,
                "item of your own lists",
                "items of your own lists"
            )
        ));
    }
    if !notes.unknown.is_empty() {
        let mut named: Vec<&str> = notes
            .unknown
            .iter()
            .take(SHOWN)
            .map(String::as_str)
            .collect();
        let more = notes.unknown.len() - named.len();
        let rest = format!("{more} more");
        if more > 0 {
            named.push(&rest);
        }
        line.push_str(&format!(
            "; {} what a newer kindly wrote that this one doesn't know: {} (update kindly and import again to bring it in)",
            verb("passed over", "would pass over"),
            named.join(", ")
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
    let personal = parsed.personal;
    let mut here = match &store {
        Some(s) => s.personal_lists()?,
        None => crate::domain::PersonalLists::default(),
    };
    let mut notes = Notes {
        adjusted: parsed.adjusted.len(),
        skipped: parsed.skipped.len(),
        media: parsed.media_removed,
        lists: here.merge(&personal),
        unknown: parsed.unknown,
    };
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
        notes.lists = s.save_import(&plan.save, &plan.fingerprints, &personal)?;
    }
    let line = summary(&plan.counts, &what, args.dry_run, &notes);
    super::shared::write_stdout(line.as_bytes())
}
