//! `kindly write`: a journal entry or a letter, the body given as words or read from
//! standard input.

use std::io::{IsTerminal, Read};

use clap::Args;

use super::shared::CliError;
use crate::domain::{Entry, EntryKind, InvalidInput, optional_text, parse_label_list, time};
use crate::store::Store;

#[derive(Debug, Args)]
pub struct WriteArgs {
    /// A journal entry, or a letter to yourself
    #[arg(long, value_enum, default_value_t = EntryKind::Journal)]
    kind: EntryKind,
    /// A title (optional)
    #[arg(long, value_name = "T")]
    title: Option<String>,
    /// Tags, comma-separated
    #[arg(long, value_name = "a,b")]
    tags: Option<String>,
    /// What a letter starts from: friend, younger-self, loving-parent, or your own words
    #[arg(long, value_name = "PROMPT")]
    prompt: Option<String>,
    /// When it was written (RFC 3339, or YYYY-MM-DD[ HH:MM] local time); default now
    #[arg(long, value_name = "DATETIME")]
    at: Option<String>,
    /// Write it in your own editor ($VISUAL, else $EDITOR), starting from TEXT
    #[arg(long)]
    edit: bool,
    /// The text itself, for a line or two (`kindly write "a good walk"`); without it (and
    /// without --edit), the text is read from standard input
    #[arg(value_name = "TEXT")]
    text: Vec<String>,
}

impl WriteArgs {
    /// Checks every value and reads the body before anything touches the database.
    pub fn validate(self, stdin: &mut impl Read) -> Result<Entry, CliError> {
        let at = super::checkin::moment(self.at.as_deref(), time::now_local())?;
        let tags = self
            .tags
            .as_deref()
            .map(|t| parse_label_list("tags", t))
            .transpose()?
            .unwrap_or_default();
        let prompt = match self.prompt.as_deref().map(str::trim) {
            None => None,
            Some("") => {
                return Err(InvalidInput::new(
                    "--prompt",
                    "is empty; give friend, younger-self, loving-parent, or your own words",
                )
                .into());
            }
            Some(_) if self.kind != EntryKind::Letter => {
                return Err(
                    InvalidInput::new("--prompt", "is for letters; add --kind letter").into(),
                );
            }
            Some(p) => Some(p.to_string()),
        };
        let mut body = self.text.join(" ");
        if self.edit {
            body = super::shared::in_own_editor(&body)?;
        } else if self.text.is_empty() {
            read_body(stdin, &mut body)?;
        }
        let mut entry = Entry::new(at, self.kind, &body).map_err(|_| {
            InvalidInput::new(
                "body",
                "is empty; give the words, or pipe them in: kindly write \"a good walk\", kindly write --kind letter < letter.txt, kindly write --edit",
            )
        })?;
        entry.title = self
            .title
            .as_deref()
            .and_then(optional_text)
            .map(|t| t.trim().to_string());
        entry.tags = tags;
        entry.prompt = prompt;
        Ok(entry)
    }
}

/// The body from standard input, when no words were given.
fn read_body(stdin: &mut impl Read, body: &mut String) -> Result<(), CliError> {
    super::shared::prompt_for_stdin("page");
    *body = super::shared::read_text(stdin, "body")?;
    Ok(())
}

pub fn run(store: &mut Store, entry: Entry) -> Result<(), CliError> {
    store.save_entry(&entry, None)?;
    if std::io::stderr().is_terminal() {
        eprintln!(
            "Saved your {} ({} words).",
            entry.kind.as_str(),
            entry.words()
        );
    }
    super::shared::write_stdout(format!("{}\n", super::shared::shown_id(&entry.id)).as_bytes())
}
