//! `kindly report`: a summary to bring to a therapy session, as Markdown or HTML.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::shared::CliError;
use crate::insights::{Span, WeekStart};
use crate::io::report::{self, Source};
use crate::store::Store;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Md,
    Html,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// How many weeks to cover, ending with the week of --until
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=1040))]
    weeks: u32,
    /// The last day to include (YYYY-MM-DD); default today
    #[arg(long, value_name = "DATE", conflicts_with_all = ["from", "to"])]
    until: Option<String>,
    /// The first day to include, instead of --weeks (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", conflicts_with = "weeks")]
    from: Option<String>,
    /// The last day to include with --from (default today)
    #[arg(long, value_name = "DATE", requires = "from")]
    to: Option<String>,
    /// md or html; left out, it is read from the file name (.md, .html)
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Where to write it (created readable only by you)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: PathBuf,
    /// Replace the file if it is there already
    #[arg(long)]
    force: bool,
    /// Add your own words (check-in notes and reframes), not only figures (what you marked
    /// to bring to your session is always included: you chose it)
    #[arg(long)]
    include_notes: bool,
}

pub struct Plan {
    pub span: Span,
    start: WeekStart,
    args: ReportArgs,
}

impl Plan {
    pub fn output(&self) -> &std::path::Path {
        &self.args.output
    }
}

impl ReportArgs {
    /// Where the report goes (checked against the journal first).
    pub fn output_path(&self) -> &std::path::Path {
        &self.output
    }

    pub fn validate(mut self, start: WeekStart) -> Result<Plan, CliError> {
        let by_name = match self.output.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown") => {
                Some(Format::Md)
            }
            Some(e) if e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm") => {
                Some(Format::Html)
            }
            _ => None,
        };
        let format = self.format.or(by_name).ok_or_else(|| {
            CliError::Usage(format!(
                "give --format md or --format html, or name the file .md or .html ({} is neither)",
                self.output.display()
            ))
        })?;
        self.format = Some(format);
        super::output::refuse_existing(&self.output, self.force)?;
        let span = match &self.from {
            Some(from) => {
                let today = crate::domain::time::now_local().date_naive();
                let from = crate::domain::when::read_day("--from", from, today)?;
                let to = super::trends::until(self.to.as_deref()).map_err(|e| match e {
                    CliError::Invalid(i) => CliError::Invalid(i.for_field("--to")),
                    other => other,
                })?;
                if from > to {
                    return Err(crate::domain::InvalidInput::new(
                        "--from",
                        format!("({from}) is after --to ({to}); give the earlier day first"),
                    )
                    .into());
                }
                Span { from, until: to }
            }
            None => {
                let until = super::trends::until(self.until.as_deref())?;
                Span::new(until, Some(self.weeks), start, None)
            }
        };
        Ok(Plan {
            span,
            start,
            args: self,
        })
    }
}

pub fn run(store: &Store, plan: Plan, name: Option<&str>) -> Result<(), CliError> {
    let trends = super::trends::load(store, plan.span, plan.start)?;
    let span = trends.span;
    let checkins = store.checkins_between(Some(span.from), Some(span.until))?;
    let thoughts = store.thoughts_between(Some(span.from), Some(span.until))?;
    let breaks = store.breaks_between(Some(span.from), Some(span.until))?;
    // The period of the same length just before, to compare the mood with.
    let length = span.until - span.from;
    let before_until = span.from - chrono::Duration::days(1);
    let previous = store.checkins_between(Some(before_until - length), Some(before_until))?;
    // What the person chose to bring: what waits, and what was marked in the period.
    let marks: Vec<(crate::domain::SessionMark, String)> = store
        .all_marks()?
        .into_iter()
        .filter(|m| m.done_at.is_none() || span.contains(m.added_at.date_naive()))
        .map(|m| {
            let about = super::session::about(store, &m, true)?;
            Ok((m, about))
        })
        .collect::<Result<_, CliError>>()?;
    let first_day = [
        store.earliest_day()?,
        thoughts.first().map(|t| t.at.date_naive()),
        breaks.first().map(|b| b.at.date_naive()),
    ]
    .into_iter()
    .flatten()
    .min();
    let source = Source {
        trends: &trends,
        checkins: &checkins,
        thoughts: &thoughts,
        breaks: &breaks,
        previous: &previous,
        marks: &marks,
        first_day,
        include_notes: plan.args.include_notes,
        name,
    };
    let text = match plan.args.format {
        Some(Format::Html) => report::html(&source),
        _ => report::markdown(&source),
    };
    super::output::write_private(&plan.args.output, text.as_bytes()).map_err(CliError::Other)?;
    super::output::tell(&format!("Wrote {}.", plan.args.output.display()));
    Ok(())
}
