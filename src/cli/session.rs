//! `kindly session`: what to bring up in the next therapy session. Mark a record (by the id
//! `checkin`, `thought` and `write` print) or add a note alone; list what waits, oldest
//! first; after the session, mark it all talked about (kept and dated, out of the list).

use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;
use uuid::Uuid;

use super::shared::{CliError, write_stdout};
use crate::domain::{InvalidInput, MarkedKind, SessionMark, time, visible};
use crate::io::kindly_json::SessionRecord;
use crate::store::Store;

#[derive(Debug, Args)]
pub struct SessionArgs {
    #[command(subcommand)]
    action: Option<Action>,
    /// How to list what waits
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
enum Action {
    /// Mark a record to bring up (ID as `checkin`, `thought` or `write` printed it), or
    /// with only --note, add a thing to remember
    Add {
        id: Option<String>,
        /// A line of your own ("ask about the panic on the train")
        #[arg(long)]
        note: Option<String>,
    },
    /// Mark everything in the list talked about (kept, dated, out of the list)
    Done {
        /// When the session was (default: now)
        #[arg(long, value_name = "DATE")]
        at: Option<String>,
    },
    /// Take a mark out of the list (the record itself stays)
    Remove { id: String },
}

impl SessionArgs {
    /// Whether this only lists, writing nothing.
    pub fn only_lists(&self) -> bool {
        self.action.is_none()
    }
}

fn uuid(field: &str, text: &str) -> Result<Uuid, CliError> {
    Uuid::parse_str(text.trim()).map_err(|_| {
        InvalidInput::new(
            field,
            format!(
                "'{}' isn't an id; `kindly session` lists the marks' ids, and `kindly export` every record's",
                text.trim()
            ),
        )
        .into()
    })
}

/// Checks what can be checked before the journal is opened.
pub fn validate(args: &SessionArgs) -> Result<(), CliError> {
    match &args.action {
        Some(Action::Add { id: None, note }) if note.as_deref().is_none_or(|n| n.trim().is_empty()) => {
            Err(CliError::Usage(
                "give the id of a record to bring up, or --note TEXT for a thing to remember (or both)".into(),
            ))
        }
        Some(Action::Add { id: Some(id), .. }) => uuid("ID", id).map(|_| ()),
        Some(Action::Remove { id }) => uuid("ID", id).map(|_| ()),
        Some(Action::Done { at: Some(at) }) => time::parse_datetime("--at", at).map(|_| ()).map_err(Into::into),
        _ => Ok(()),
    }
}

/// A line about the record a mark is on; `words` adds a check-in's note (for the report,
/// where what the person chose to bring is shown in their words).
pub(super) fn about(store: &Store, m: &SessionMark, words: bool) -> Result<String, CliError> {
    let Some((kind, id)) = m.record else {
        return Ok("a thing to remember".into());
    };
    let what = match kind {
        MarkedKind::CheckIn => store.checkin(id)?.map(|c| {
            let mut line = format!(
                "check-in of {}, mood {}",
                c.at.format("%-d %b"),
                crate::domain::Scale::get(c.mood)
            );
            if let Some(note) = c.note.as_deref().filter(|_| words) {
                line.push_str(&format!(": \u{201c}{}\u{201d}", short(note)));
            }
            line
        }),
        MarkedKind::Thought => store.thought(id)?.map(|t| {
            format!(
                "thought record of {}: \u{201c}{}\u{201d}",
                t.at.format("%-d %b"),
                short(&t.thought)
            )
        }),
        MarkedKind::Entry => store.entry(id)?.map(|e| {
            format!(
                "{} of {}: {}",
                if e.kind == crate::domain::EntryKind::Letter {
                    "letter"
                } else {
                    "page"
                },
                e.at.format("%-d %b"),
                short(&e.heading())
            )
        }),
        MarkedKind::Break => store
            .break_record(id)?
            .map(|b| format!("break of {}", b.at.format("%-d %b"))),
    };
    Ok(what.unwrap_or_else(|| format!("a {} that is no longer in the journal", kind.word())))
}

fn short(text: &str) -> String {
    let line = visible(text.lines().next().unwrap_or_default());
    let mut out: String = line.chars().take(60).collect();
    if line.chars().count() > 60 {
        out.push('…');
    }
    out
}

pub fn run(store: &mut Store, args: SessionArgs) -> Result<(), CliError> {
    let now = time::now_local();
    match args.action {
        None => list(store, args.format),
        Some(Action::Add { id, note }) => {
            let mark = match id {
                Some(id) => {
                    let id = uuid("ID", &id)?;
                    let kind = store.kind_of(id)?.ok_or_else(|| {
                        InvalidInput::new(
                            "ID",
                            format!("{id} isn't a record in this journal; `kindly export` shows every record's id"),
                        )
                    })?;
                    if let Some(waiting) = store.waiting_mark_on(id)? {
                        // One mark per record: a new line replaces the old one.
                        let mut m = waiting;
                        if note.is_some() {
                            m.note = note.as_deref().and_then(crate::domain::optional_text);
                        }
                        m
                    } else {
                        SessionMark::on(kind, id, note.as_deref(), now)
                    }
                }
                None => SessionMark::alone(note.as_deref().unwrap_or_default(), now)?,
            };
            store.save_mark(&mark)?;
            write_stdout(format!("{}\n", mark.id).as_bytes())
        }
        Some(Action::Done { at }) => {
            let at = match at {
                Some(t) => time::parse_datetime("--at", &t)?,
                None => now,
            };
            let n = store.marks_done(at)?;
            let line = match n {
                0 => "Nothing was waiting for a session.".to_string(),
                1 => format!(
                    "1 thing marked talked about ({}). It stays in your journal, out of the list.",
                    at.format("%-d %B")
                ),
                n => format!(
                    "{n} things marked talked about ({}). They stay in your journal, out of the list.",
                    at.format("%-d %B")
                ),
            };
            write_stdout(format!("{line}\n").as_bytes())
        }
        Some(Action::Remove { id }) => {
            let id = uuid("ID", &id)?;
            if store.remove_mark(id)? {
                write_stdout(b"Taken out of the list; the record itself stays.\n")
            } else {
                Err(InvalidInput::new(
                    "ID",
                    format!("{id} isn't a mark in the list; `kindly session` shows their ids"),
                )
                .into())
            }
        }
    }
}

#[derive(Serialize)]
struct Listed {
    #[serde(flatten)]
    mark: SessionRecord,
    about: String,
}

fn list(store: &Store, format: Format) -> Result<(), CliError> {
    let marks = store.waiting_marks()?;
    let mut out = String::new();
    match format {
        Format::Json => {
            let listed: Vec<Listed> = marks
                .iter()
                .map(|m| {
                    Ok(Listed {
                        mark: SessionRecord::from(m),
                        about: about(store, m, false)?,
                    })
                })
                .collect::<Result<_, CliError>>()?;
            out = serde_json::to_string_pretty(&listed).unwrap_or_default();
            out.push('\n');
        }
        Format::Text if marks.is_empty() => {
            out.push_str("Nothing to bring up yet. Mark a record with `kindly session add ID`, add a thing to remember with `kindly session add --note TEXT`, or press B on any record in kindly.\n");
        }
        Format::Text => {
            for m in &marks {
                let mut line = format!(
                    "{}  {}",
                    m.added_at.format("%-d %b"),
                    about(store, m, false)?
                );
                if let Some(note) = &m.note {
                    line.push_str(&format!(" \u{2014} {}", visible(note).replace('\n', " ")));
                }
                line.push_str(&format!("  ({})\n", m.id));
                out.push_str(&line);
            }
        }
    }
    write_stdout(out.as_bytes())
}
