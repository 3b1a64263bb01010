//! `kindly thought`: record a thought record from flags, in one go.

use chrono::{DateTime, FixedOffset};
use clap::Args;
use std::io::IsTerminal;

use super::shared::CliError;
use crate::domain::{
    Helps, InvalidInput, Percent, Scale, Thought, Traps, optional_text, parse_felt_emotion, time,
};
use crate::store::Store;

#[derive(Debug, Args)]
pub struct ThoughtArgs {
    /// The critical thought, word for word
    #[arg(long, value_name = "TEXT")]
    thought: String,
    /// What was happening
    #[arg(long, value_name = "TEXT")]
    situation: Option<String>,
    /// Whose voice it sounds like (a parent, a teacher, the critic)
    #[arg(long, value_name = "TEXT")]
    voice: Option<String>,
    /// An emotion and how strong it is, 0 to 100 (repeat for more)
    #[arg(long = "emotion", value_name = "NAME=0..100")]
    emotions: Vec<String>,
    /// How much you believe the thought, 0 to 100
    #[arg(long, value_name = "0-100", allow_hyphen_values = true)]
    belief: Option<String>,
    /// Thinking traps it fits, comma-separated (the list follows the options below)
    #[arg(long, value_name = "a,b")]
    distortions: Option<String>,
    /// What you would say to a friend who thought this
    #[arg(long, value_name = "TEXT")]
    friend: Option<String>,
    /// Is this thought helping or hurting you?
    #[arg(long, value_enum)]
    helps: Option<Helps>,
    /// What supports the thought
    #[arg(long, value_name = "TEXT")]
    evidence_for: Option<String>,
    /// What doesn't support it
    #[arg(long, value_name = "TEXT")]
    evidence_against: Option<String>,
    /// A kinder, truer way to put it
    #[arg(long, value_name = "TEXT")]
    reframe: Option<String>,
    /// Write the kinder answer in your own editor ($VISUAL, else $EDITOR), starting from
    /// --reframe
    #[arg(long)]
    edit: bool,
    /// How much you believe the thought after reframing, 0 to 100
    #[arg(long, value_name = "0-100", allow_hyphen_values = true)]
    belief_after: Option<String>,
    /// How strong the emotions are after reframing, 0 to 100
    #[arg(long, value_name = "0-100", allow_hyphen_values = true)]
    intensity_after: Option<String>,
    /// When it was (RFC 3339, or YYYY-MM-DD[ HH:MM] local time); default now
    #[arg(long, value_name = "DATETIME")]
    at: Option<String>,
}

impl ThoughtArgs {
    /// Checks every value before anything touches the database.
    pub fn validate(self, traps: &Traps) -> Result<Thought, CliError> {
        self.validate_at(traps, time::now_local())
    }

    fn validate_at(self, traps: &Traps, now: DateTime<FixedOffset>) -> Result<Thought, CliError> {
        let at = super::checkin::moment(self.at.as_deref(), now)?;
        let mut t = Thought::new(at, &self.thought)?;
        t.situation = self.situation.as_deref().and_then(optional_text);
        t.voice = self
            .voice
            .as_deref()
            .and_then(optional_text)
            .map(|v| v.trim().to_string());
        t.friend = self.friend.as_deref().and_then(optional_text);
        t.reframe = self.reframe.as_deref().and_then(optional_text);
        t.helps = self.helps;
        t.evidence_for = self.evidence_for.as_deref().and_then(optional_text);
        t.evidence_against = self.evidence_against.as_deref().and_then(optional_text);
        let pct = |field: &str, v: &Option<String>| {
            v.as_deref().map(|t| Percent::parse(field, t)).transpose()
        };
        t.belief = pct("belief", &self.belief)?;
        t.belief_after = pct("belief-after", &self.belief_after)?;
        for text in &self.emotions {
            let e = parse_felt_emotion(text)?;
            if t.emotions
                .iter()
                .any(|x| x.name.as_str().eq_ignore_ascii_case(e.name.as_str()))
            {
                return Err(
                    InvalidInput::new("--emotion", format!("names '{}' twice", e.name)).into(),
                );
            }
            t.emotions.push(e);
        }
        if let Some(after) = pct("intensity-after", &self.intensity_after)? {
            if t.emotions.is_empty() {
                return Err(InvalidInput::new(
                    "--intensity-after",
                    "needs at least one --emotion NAME=0..100 to compare with",
                )
                .into());
            }
            for e in &mut t.emotions {
                e.intensity_after = Some(after);
            }
        }
        if let Some(text) = &self.distortions {
            t.distortions = traps.parse_list(text)?;
        }
        if self.edit {
            let answer = super::shared::in_own_editor(t.reframe.as_deref().unwrap_or(""))?;
            t.reframe = optional_text(&answer);
        }
        Ok(t)
    }
}

pub fn run(store: &mut Store, thought: Thought) -> Result<(), CliError> {
    let found: Vec<Thought> = store
        .alike_thoughts(&thought.thought, Some(thought.id))?
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    store.save_thought(&thought, None)?;
    if std::io::stderr().is_terminal() {
        eprintln!("Saved. Thank you for looking at that thought.");
    }
    // Told on standard error, so a script reading the id from standard output is undisturbed.
    if let Some(met) = crate::insights::alike::met_before(&found) {
        let times = match met.times {
            1 => "once".to_string(),
            2 => "twice".to_string(),
            n => format!("{n} times"),
        };
        eprintln!(
            "You've met this thought before: {times}, last on {}.",
            met.last.format("%-d %B %Y")
        );
        if let Some(answer) = met.best.as_ref().and_then(super::like::answered) {
            eprintln!("{answer}");
        }
    }
    super::shared::write_stdout(format!("{}\n", super::shared::shown_id(&thought.id)).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Harness {
        #[command(flatten)]
        args: ThoughtArgs,
    }

    fn parse(argv: &[&str]) -> Result<Thought, CliError> {
        let mut all = vec!["thought"];
        all.extend_from_slice(argv);
        let now = DateTime::parse_from_rfc3339("2026-11-29T12:00:00+00:00").unwrap();
        Harness::try_parse_from(all)
            .unwrap()
            .args
            .validate_at(&Traps::default(), now)
    }

    #[test]
    fn intensity_after_applies_to_every_emotion() {
        let t = parse(&[
            "--thought",
            "x",
            "--emotion",
            "shame=80",
            "--emotion",
            "fear=60",
            "--intensity-after",
            "30",
        ])
        .unwrap();
        assert!(
            t.emotions
                .iter()
                .all(|e| e.intensity_after.map(Percent::get) == Some(30))
        );
        assert_eq!(t.intensity_relief(), Some(40.0));
    }

    #[test]
    fn intensity_after_without_emotions_is_refused() {
        let err = parse(&["--thought", "x", "--intensity-after", "30"]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn the_same_emotion_twice_is_refused() {
        assert!(
            parse(&[
                "--thought",
                "x",
                "--emotion",
                "shame=8",
                "--emotion",
                "Shame=9"
            ])
            .is_err()
        );
    }
}
