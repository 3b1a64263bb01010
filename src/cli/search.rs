//! `kindly search`: find words across check-in notes, thought records and journal entries.

use std::io::IsTerminal;

use clap::Args;

use super::shared::CliError;
use crate::store::{Found, Store, StoreError};

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to look for: "a phrase", word* for a prefix, -word to leave out, OR between
    #[arg(required_unless_present = "like", conflicts_with = "like", num_args = 1.., value_name = "QUERY", allow_hyphen_values = true, trailing_var_arg = true)]
    query: Vec<String>,
    /// Earlier thought records whose thought resembles TEXT, closest first, with their
    /// kinder answer and how much it eased
    #[arg(long, value_name = "TEXT")]
    like: Option<String>,
    /// Show at most this many matches
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// How to print what --like finds
    #[arg(long, value_enum, default_value_t = super::like::Format::Text, requires = "like")]
    format: super::like::Format,
}

impl SearchArgs {
    /// Checks the words can be searched before the journal is opened.
    pub fn validate(&self) -> Result<(), CliError> {
        match &self.like {
            Some(text) => super::like::validate(text),
            None => {
                crate::store::fts_query(&self.query.join(" "))?;
                Ok(())
            }
        }
    }
}

pub fn run(store: &Store, args: SearchArgs) -> Result<(), CliError> {
    if let Some(text) = &args.like {
        return super::like::run(store, text, args.limit, args.format);
    }
    let query = args.query.join(" ");
    let found = store.search(&query, args.limit).map_err(|e| match e {
        StoreError::Invalid(i) => CliError::Invalid(i),
        other => CliError::Store(other),
    })?;
    // Matched words stand out: bold on a terminal, «like this» in a pipe.
    let bold = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut out = String::new();
    for f in &found {
        out.push_str(&line(f, bold));
        out.push('\n');
    }
    if found.is_empty() && std::io::stderr().is_terminal() {
        eprintln!("Nothing found for {query}.");
    }
    super::shared::write_stdout(out.as_bytes())
}

fn line(f: &Found, bold: bool) -> String {
    let mut text = String::new();
    for (run, matched) in f.runs() {
        // Never pass a note's own escape sequences through to the terminal.
        let run = crate::domain::visible(&run);
        match (matched, bold) {
            (true, true) => text.push_str(&format!("\x1b[1m{run}\x1b[0m")),
            (true, false) => text.push_str(&format!("«{run}»")),
            (false, _) => text.push_str(&run),
        }
    }
    format!(
        "{:<8}  {}  {}",
        f.kind.word(),
        f.at.format("%Y-%m-%d %H:%M"),
        text.trim()
    )
}
