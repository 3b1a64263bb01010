//! `kindly session`: what to bring up in the next therapy session. Mark a record (by the id
//! `checkin`, `thought` and `write` print) or add a note alone; list what waits, oldest
//! first; after the session, mark it all talked about (kept and dated, out of the list).

use super::shared::Format;
use clap::{Args, Subcommand};
use std::io::IsTerminal;

use serde::Serialize;
use uuid::Uuid;

use super::shared::{CliError, write_stdout};
use crate::domain::{InvalidInput, MarkedKind, SessionMark, id_start, time, told_apart, visible};
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

/// The one record among `found` that the id `start` names; none found, or several, is
/// refused (the several listed, each by as much of its id as tells it apart, with what it is).
fn the_one<T: Copy>(
    start: &str,
    found: &[T],
    id: impl Fn(T) -> Uuid,
    what: &str,
    describe: impl Fn(T) -> Result<String, CliError>,
) -> Result<T, CliError> {
    match found {
        [one] => Ok(*one),
        [] => Err(InvalidInput::new(
            "ID",
            format!("{start} isn't {what} in this journal; `kindly session` and `kindly search` show ids"),
        )
        .into()),
        many => {
            let ids: Vec<Uuid> = many.iter().map(|f| id(*f)).collect();
            let listed = told_apart(&ids)
                .into_iter()
                .zip(many)
                .map(|(shown, f)| Ok(format!("{shown} ({})", describe(*f)?)))
                .collect::<Result<Vec<_>, CliError>>()?;
            Err(InvalidInput::new(
                "ID",
                format!(
                    "{start} could mean {} records: {}; give more of the id",
                    many.len(),
                    listed.join(", ")
                ),
            )
            .into())
        }
    }
}

/// Checks what can be checked before the journal is opened.
pub fn validate(args: &SessionArgs) -> Result<(), CliError> {
    match &args.action {
        Some(Action::Add { id: None, note }) if note.as_deref().is_none_or(|n| n.trim().is_empty()) => {
            Err(CliError::Usage(
                "give the id of a record to bring up, or --note TEXT for a thing to remember (or both)".into(),
            ))
        }
        Some(Action::Add { id: Some(id), .. }) | Some(Action::Remove { id }) => {
            id_start("ID", id).map(|_| ()).map_err(Into::into)
        }
        Some(Action::Done { at: Some(at) }) => super::checkin::moment(Some(at), time::now_local()).map(|_| ()),
        _ => Ok(()),
    }
}

/// A line about the record a mark is on; `words` adds a check-in's note (for the report,
/// where what the person chose to bring is shown in their words).
pub(super) fn about(store: &Store, m: &SessionMark, words: bool) -> Result<String, CliError> {
    match m.record {
        Some((kind, id)) => record_line(store, kind, id, words),
        None => Ok("a thing to remember".into()),
    }
}

fn record_line(store: &Store, kind: MarkedKind, id: Uuid, words: bool) -> Result<String, CliError> {
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
                    let start = id_start("ID", &id)?;
                    let found = store.records_starting(&start)?;
                    let (kind, id) = the_one(
                        &start,
                        &found,
                        |f| f.1,
                        "a record",
                        |(kind, id)| record_line(store, kind, id, false),
                    )?;
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
            // Marks made within a minute share their first characters (their ids are
            // ordered by time), so a mark is shown by as much as tells it from the others.
            let shown = if std::io::stdout().is_terminal() {
                let ids: Vec<Uuid> = store.waiting_marks()?.iter().map(|m| m.id).collect();
                told_apart(&ids)
                    .into_iter()
                    .zip(&ids)
                    .find(|(_, id)| **id == mark.id)
                    .map_or_else(|| mark.id.to_string(), |(shown, _)| shown)
            } else {
                mark.id.to_string()
            };
            write_stdout(format!("{shown}\n").as_bytes())
        }
        Some(Action::Done { at }) => {
            let at = match at {
                Some(t) => super::checkin::moment(Some(&t), now)?,
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
            let start = id_start("ID", &id)?;
            let marks = store.waiting_marks()?;
            let found: Vec<&SessionMark> = marks
                .iter()
                .filter(|m| m.id.to_string().starts_with(&start))
                .collect();
            let id = the_one(
                &start,
                &found,
                |m| m.id,
                "a mark in the list",
                |m| about(store, m, false),
            )?
            .id;
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
            out = crate::io::json_out::to_string_pretty(&listed).map_err(anyhow::Error::from)?;
            out.push('\n');
        }
        Format::Text if marks.is_empty() => {
            out.push_str("Nothing to bring up yet. Mark a record with `kindly session add ID`, add a thing to remember with `kindly session add --note TEXT`, or press B on any record in kindly.\n");
        }
        Format::Text => {
            let ids: Vec<Uuid> = marks.iter().map(|m| m.id).collect();
            for (m, shown) in marks.iter().zip(told_apart(&ids)) {
                let mut line = format!(
                    "{}  {}",
                    m.added_at.format("%-d %b"),
                    about(store, m, false)?
                );
                if let Some(note) = &m.note {
                    line.push_str(&format!(" \u{2014} {}", visible(note).replace('\n', " ")));
                }
                line.push_str(&format!("  ({shown})\n"));
                out.push_str(&line);
            }
        }
    }
    write_stdout(out.as_bytes())
}
