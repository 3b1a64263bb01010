//! `kindly kind`: one of your own kind lines, for a shell start-up line; and the deck they
//! come from, to look through or take a line out of.

use super::shared::Format;
use std::path::Path;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::shared::CliError;
use crate::domain::{InvalidInput, visible};
use crate::store::{DeckLine, DeckSource, Store};

#[derive(Debug, Args)]
pub struct KindArgs {
    #[command(subcommand)]
    action: Option<Action>,
}

#[derive(Debug, Subcommand)]
enum Action {
    /// Every line in the deck, numbered, oldest first
    List {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Take a line out of the deck, by its number in `kindly kind list` or its exact words
    /// (the record it is in stays as it is)
    Remove { line: String },
}

#[derive(Serialize)]
struct Listed<'a> {
    number: usize,
    text: &'a str,
    source: DeckSource,
    at: String,
}

/// Runs `kindly kind` and its subcommands. `open` opens the journal for the subcommands,
/// which may ask for a passphrase; the bare command never asks and never fails.
pub fn run(
    path: Option<&Path>,
    args: KindArgs,
    open: impl FnOnce() -> Result<Store, CliError>,
) -> Result<(), CliError> {
    match args.action {
        None => {
            if let Some(line) = path.and_then(one_line) {
                super::shared::write_stdout(format!("{}\n", visible(&line)).as_bytes())?;
            }
            Ok(())
        }
        Some(Action::List { format }) => {
            let store = open()?;
            list(&store.deck()?, format)
        }
        Some(Action::Remove { line }) => {
            if line.trim().is_empty() {
                return Err(removal_problem("is empty").into());
            }
            let mut store = open()?;
            let deck = store.deck()?;
            let found = match line.trim().parse::<usize>() {
                Ok(n) => n.checked_sub(1).and_then(|i| deck.get(i)),
                Err(_) => deck.iter().find(|l| l.text == line),
            };
            let Some(found) = found else {
                return Err(removal_problem("isn't in the deck").into());
            };
            let text = found.text.clone();
            store.remove_from_deck(&text)?;
            eprintln!("Taken out of the deck: {}", visible(&text));
            Ok(())
        }
    }
}

fn removal_problem(what: &str) -> InvalidInput {
    InvalidInput::new(
        "the line",
        format!("{what}; give its number from `kindly kind list` or its exact words"),
    )
}

/// A line for a shell start-up, or nothing: no journal, a locked or unreadable one, an
/// empty deck. Never asks, never creates the journal.
fn one_line(path: &Path) -> Option<String> {
    // A missing, locked or unreadable journal is left alone.
    Store::kind_line_at(path, crate::store::any_pick)
        .ok()
        .flatten()
}

fn list(deck: &[DeckLine], format: Format) -> Result<(), CliError> {
    let mut out = String::new();
    match format {
        Format::Json => {
            let listed: Vec<Listed<'_>> = deck
                .iter()
                .enumerate()
                .map(|(i, l)| Listed {
                    number: i + 1,
                    text: &l.text,
                    source: l.source,
                    at: crate::domain::time::format_at(&l.at),
                })
                .collect();
            out = crate::io::json_out::to_string_pretty(&listed).map_err(anyhow::Error::from)?;
            out.push('\n');
        }
        Format::Text if deck.is_empty() => out.push_str(
            "Your deck is empty for now. Kinder answers, kind wishes from breaks, and lines you keep from letters (K on an open page) gather here.\n",
        ),
        Format::Text => {
            for (i, l) in deck.iter().enumerate() {
                out.push_str(&format!(
                    "{:>3}  {}  ({}, {})\n",
                    i + 1,
                    visible(&l.text).replace('\n', " "),
                    l.source.word(),
                    l.at.format("%-d %b %Y")
                ));
            }
        }
    }
    super::shared::write_stdout(out.as_bytes())
}
