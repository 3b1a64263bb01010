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
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    #[arg(long, value_enum)]
    format: Format,
    /// Where to write it (created readable only by you)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: PathBuf,
    /// Add your own words (check-in notes and reframes), not only figures
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
    pub fn validate(self, start: WeekStart) -> Result<Plan, CliError> {
        let until = super::trends::until(self.until.as_deref())?;
        Ok(Plan {
            span: Span::new(until, Some(self.weeks), start, None),
            start,
            args: self,
        })
    }
}

pub fn run(store: &Store, plan: Plan) -> Result<(), CliError> {
    let trends = super::trends::load(store, plan.span, plan.start)?;
    let checkins = store.checkins_between(Some(plan.span.from), Some(plan.span.until))?;
    let thoughts = store.thoughts_between(Some(plan.span.from), Some(plan.span.until))?;
    let source = Source {
        trends: &trends,
        checkins: &checkins,
        thoughts: &thoughts,
        include_notes: plan.args.include_notes,
    };
    let text = match plan.args.format {
        Format::Md => report::markdown(&source),
        Format::Html => report::html(&source),
    };
    super::output::write_private(&plan.args.output, text.as_bytes()).map_err(CliError::Other)?;
    eprintln!("Wrote {}.", plan.args.output.display());
    Ok(())
}
