//! `kindly checkin`: record a check-in from flags (and the note from stdin with `--note -`).

use std::io::Read;

use chrono::{DateTime, FixedOffset};
use clap::Args;
use std::io::IsTerminal;

use super::measures::Given;
use super::shared::CliError;
use crate::config::Config;
use crate::domain::{
    CheckIn, Energy, InvalidInput, Mood, PartRating, Scale, parse_label_list, time, when,
};
use crate::store::Store;

#[derive(Debug, Args)]
pub struct CheckinArgs {
    /// How you feel, 1 (very low) to 10 (very good); may be left out when only measures kept
    /// per day are given
    #[arg(long, value_name = "1-10", allow_hyphen_values = true)]
    mood: Option<String>,
    /// How much energy you have, 1 to 10
    #[arg(long, value_name = "1-10", allow_hyphen_values = true)]
    energy: Option<String>,
    /// Emotions you notice, comma-separated (any words you like)
    #[arg(long, value_name = "a,b")]
    emotions: Option<String>,
    /// Gentle rituals done today, comma-separated (rest, walk, reached out, …)
    #[arg(long, value_name = "a,b")]
    rituals: Option<String>,
    /// Kindness toward yourself, 1 to 5
    #[arg(long, value_name = "1-5", allow_hyphen_values = true)]
    kindness: Option<String>,
    /// Feeling part of shared human experience, 1 to 5
    #[arg(long, value_name = "1-5", allow_hyphen_values = true)]
    humanity: Option<String>,
    /// Holding feelings in balanced awareness, 1 to 5
    #[arg(long, value_name = "1-5", allow_hyphen_values = true)]
    mindfulness: Option<String>,
    /// A note; `-` reads it from standard input
    #[arg(long, value_name = "TEXT|-", allow_hyphen_values = true)]
    note: Option<String>,
    /// Write the note in your own editor ($VISUAL, else $EDITOR), starting from --note
    #[arg(long)]
    edit: bool,
    /// One of your own measures (from config.toml's [[measures]]): sleep=7.5, meds=yes;
    /// give it once for each measure
    #[arg(
        long = "measure",
        value_name = "NAME=VALUE",
        allow_hyphen_values = true
    )]
    measures: Vec<String>,
    /// When it was (RFC 3339, or YYYY-MM-DD[ HH:MM] local time); default now
    #[arg(long, value_name = "DATETIME")]
    at: Option<String>,
}

impl CheckinArgs {
    /// Checks every value before anything touches the database.
    pub fn validate(self, stdin: &mut impl Read) -> Result<Given, CliError> {
        self.validate_at(stdin, time::now_local())
    }

    fn validate_at(
        self,
        stdin: &mut impl Read,
        now: DateTime<FixedOffset>,
    ) -> Result<Given, CliError> {
        let measures = super::measures::split_all(&self.measures)?;
        let at = moment(self.at.as_deref(), now)?;
        let mood = match self.mood.as_deref() {
            Some(text) => Mood::parse("mood", text)?,
            None if !measures.is_empty() && self.others_left_out() => {
                return Ok(Given {
                    checkin: None,
                    at,
                    measures,
                });
            }
            None => {
                return Err(InvalidInput::new(
                    "--mood",
                    "is needed: how you feel, 1 to 10 (measures kept per day may be given alone with --measure)",
                )
                .into());
            }
        };
        let mut c = CheckIn::new(at, mood);
        c.energy = self
            .energy
            .as_deref()
            .map(|t| Energy::parse("energy", t))
            .transpose()?;
        let part = |field: &str, v: &Option<String>| {
            v.as_deref()
                .map(|t| PartRating::parse(field, t))
                .transpose()
        };
        c.kindness = part("kindness", &self.kindness)?;
        c.humanity = part("humanity", &self.humanity)?;
        c.mindfulness = part("mindfulness", &self.mindfulness)?;
        if let Some(text) = &self.emotions {
            c.emotions = parse_label_list("emotions", text)?;
        }
        if let Some(text) = &self.rituals {
            c.rituals = parse_label_list("rituals", text)?;
        }
        match self.note.as_deref() {
            Some("-") if self.edit => {
                return Err(InvalidInput::new(
                    "--edit",
                    "and --note - both want to give the note; choose one",
                )
                .into());
            }
            Some("-") => {
                super::shared::prompt_for_stdin("note");
                c.set_note(&super::shared::read_text(stdin, "note")?);
            }
            Some(text) => c.set_note(text),
            None => {}
        }
        if self.edit {
            let note = super::shared::in_own_editor(c.note.as_deref().unwrap_or(""))?;
            c.set_note(&note);
        }
        Ok(Given {
            checkin: Some(c),
            at,
            measures,
        })
    }

    /// Whether nothing but measures (and a time) was given.
    fn others_left_out(&self) -> bool {
        self.energy.is_none()
            && self.emotions.is_none()
            && self.rituals.is_none()
            && self.kindness.is_none()
            && self.humanity.is_none()
            && self.mindfulness.is_none()
            && self.note.is_none()
            && !self.edit
    }
}

/// The moment a record is for: `--at` if given (never in the future), else now.
pub(super) fn moment(
    at: Option<&str>,
    now: DateTime<FixedOffset>,
) -> Result<DateTime<FixedOffset>, CliError> {
    // A time alone is today's; a day alone is noon, safely inside it whatever the clocks do.
    let noon = chrono::NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default();
    match at {
        Some(text) => Ok(when::read_moment(
            "--at",
            text,
            now,
            now.date_naive(),
            noon,
        )?),
        None => Ok(now),
    }
}

/// Saves the check-in with its measures, all in one transaction, once every value is read
/// against its measure: a value that doesn't fit writes nothing.
pub fn run(store: &mut Store, config: &Config, given: Given) -> Result<(), CliError> {
    if given.measures.is_empty()
        && let Some(checkin) = &given.checkin
    {
        store.save_checkin(checkin, None)?;
    } else {
        super::measures::record(store, config, &given)?;
    }
    let Some(checkin) = &given.checkin else {
        if std::io::stderr().is_terminal() {
            eprintln!("Saved for the day. Thank you.");
        }
        return Ok(());
    };
    if std::io::stderr().is_terminal() {
        eprintln!("Saved. Thank you for checking in.");
    }
    super::shared::write_stdout(format!("{}\n", super::shared::shown_id(&checkin.id)).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Harness {
        #[command(flatten)]
        args: CheckinArgs,
    }

    fn parse(argv: &[&str]) -> Result<CheckIn, CliError> {
        given(argv).map(|g| g.checkin.unwrap())
    }

    fn given(argv: &[&str]) -> Result<Given, CliError> {
        let mut all = vec!["checkin"];
        all.extend_from_slice(argv);
        let now = DateTime::parse_from_rfc3339("2026-11-29T12:00:00+00:00").unwrap();
        Harness::try_parse_from(all)
            .unwrap()
            .args
            .validate_at(&mut "from stdin\n".as_bytes(), now)
    }

    #[test]
    fn full_checkin_is_read() {
        let c = parse(&[
            "--mood",
            "7",
            "--energy",
            "3",
            "--emotions",
            "calm,tired",
            "--rituals",
            "walk",
            "--kindness",
            "4",
            "--note",
            "-",
            "--at",
            "2026-11-28 21:00",
        ])
        .unwrap();
        assert_eq!(c.mood.get(), 7);
        assert_eq!(c.energy.map(Energy::get), Some(3));
        assert_eq!(c.emotions.len(), 2);
        assert_eq!(c.kindness.map(PartRating::get), Some(4));
        assert_eq!(c.note.as_deref(), Some("from stdin"));
    }

    #[test]
    fn measures_alone_make_no_checkin_but_anything_else_needs_a_mood() {
        let g = given(&["--measure", "sleep=6.5"]).unwrap();
        assert!(g.checkin.is_none());
        assert_eq!(g.measures, vec![("sleep".into(), "6.5".into())]);
        let err = given(&["--measure", "sleep=6.5", "--energy", "4"]).unwrap_err();
        assert!(err.to_string().starts_with("--mood is needed"), "{err}");
        assert_eq!(err.exit_code(), 2);
        assert!(given(&[]).is_err());
    }

    #[test]
    fn future_time_is_refused() {
        let err = parse(&["--mood", "5", "--at", "2027-01-01"]).unwrap_err();
        assert!(err.to_string().contains("future"), "{err}");
        assert_eq!(err.exit_code(), 2);
    }
}
