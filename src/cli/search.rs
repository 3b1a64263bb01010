//! `kindly search`: find words across check-in notes, thought records and journal entries.

use std::io::IsTerminal;

use clap::Args;

use super::shared::CliError;
use crate::store::{Found, Store, StoreError};

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to look for: "a phrase", word* for a prefix, -word to leave out, OR between
    #[arg(required_unless_present = "like", conflicts_with = "like", num_args = 1.., value_name = "QUERY", allow_hyphen_values = true)]
    query: Vec<String>,
    /// Earlier thought records whose thought resembles TEXT, closest first, with their
    /// kinder answer and how much it eased
    #[arg(long, value_name = "TEXT")]
    like: Option<String>,
    /// Show at most this many matches
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Only records on or after this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", conflicts_with = "like")]
    from: Option<String>,
    /// Only records on or before this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", conflicts_with = "like")]
    to: Option<String>,
    /// How to print what is found: text, or JSON for scripts
    #[arg(long, value_enum, default_value_t = super::shared::Format::Text)]
    format: super::shared::Format,
}

impl SearchArgs {
    /// Checks the words can be searched before the journal is opened. The words may start
    /// with `-` (to leave one out), so they take in whatever follows them; `--from`, `--to`,
    /// `--limit` and `--format` written after the words are taken back out of them here.
    pub fn validate(mut self) -> Result<Self, CliError> {
        let mut words = Vec::new();
        let mut rest = std::mem::take(&mut self.query).into_iter();
        while let Some(w) = rest.next() {
            let (flag, inline) = match w.split_once('=') {
                Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
                _ => (w.clone(), None),
            };
            let slot = match flag.as_str() {
                "--from" => &mut self.from,
                "--to" => &mut self.to,
                "--format" => {
                    let v = inline.or_else(|| rest.next()).unwrap_or_default();
                    self.format = match v.as_str() {
                        "text" => super::shared::Format::Text,
                        "json" => super::shared::Format::Json,
                        _ => {
                            return Err(CliError::Usage(format!(
                                "--format takes text or json, not '{v}'"
                            )));
                        }
                    };
                    continue;
                }
                "--limit" => {
                    let v = inline.or_else(|| rest.next()).unwrap_or_default();
                    self.limit = v.parse().map_err(|_| {
                        CliError::Usage(format!("--limit takes a number of matches, not '{v}'"))
                    })?;
                    continue;
                }
                _ => {
                    words.push(w);
                    continue;
                }
            };
            match inline.or_else(|| rest.next()) {
                Some(v) => *slot = Some(v),
                None => return Err(CliError::Usage(format!("{flag} needs a day, YYYY-MM-DD"))),
            }
        }
        self.query = words;
        match &self.like {
            Some(text) => super::like::validate(text)?,
            None => {
                super::shared::date_range(self.from.as_deref(), self.to.as_deref())?;
                crate::store::check_search(&self.query.join(" "))?;
            }
        }
        Ok(self)
    }
}

pub fn run(store: &Store, args: SearchArgs) -> Result<(), CliError> {
    if let Some(text) = &args.like {
        return super::like::run(store, text, args.limit, args.format);
    }
    let query = args.query.join(" ");
    let (from, to) = super::shared::date_range(args.from.as_deref(), args.to.as_deref())?;
    let found = store
        .search_between(&query, args.limit, from, to)
        .map_err(|e| match e {
            StoreError::Invalid(i) => CliError::Invalid(i),
            other => CliError::Store(other),
        })?;
    if matches!(args.format, super::shared::Format::Json) {
        let rows: Vec<serde_json::Value> = found
            .iter()
            .map(|f| {
                let text: String = f.runs().into_iter().map(|(run, _)| run).collect();
                serde_json::json!({
                    "kind": f.kind.word(),
                    "id": f.id,
                    "at": crate::domain::time::format_at(&f.at),
                    "text": text.trim(),
                })
            })
            .collect();
        let json = crate::io::json_out::to_string_pretty(&rows).map_err(anyhow::Error::from)?;
        return super::shared::write_stdout(format!("{json}\n").as_bytes());
    }
    // Matched words stand out: bold on a terminal, «like this» in a pipe.
    let bold = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut out = String::new();
    for f in &found {
        out.push_str(&line(f, bold));
        out.push('\n');
    }
    // Said on standard error, so a script reading standard output sees no lines at all.
    if found.is_empty() {
        eprintln!("Nothing found for {query}. Fewer words, or word* for a prefix, may find more.");
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
        "{:<8}  {}  {}  {}",
        f.kind.word(),
        f.at.format("%Y-%m-%d %H:%M"),
        crate::domain::short_id(&f.id),
        text.trim()
    )
}
