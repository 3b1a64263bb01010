//! `kindly export`: the journal, whole, as kindly JSON to stdout or a private file.

use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::output::write_private;
use super::shared::CliError;
use crate::io::kindly_json as json;
use crate::store::Store;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// Lossless kindly JSON (can be imported again)
    Json,
    /// Spreadsheets: one file per record kind, in the folder -o names
    Csv,
    /// A readable journal, by day, newest first
    Md,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Only records on or after this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Only records on or before this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Write to this file (created readable only by you) instead of standard output; for
    /// CSV, the folder (made if need be) that gets one file per record kind
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace the file (for CSV, the files in the folder) if it is there already
    #[arg(long)]
    force: bool,
}

/// An export whose flags have all been checked.
pub struct Plan {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    format: Format,
    output: Option<PathBuf>,
}

impl ExportArgs {
    /// Where the person asked it written, if anywhere (checked against the journal first).
    pub fn output_path(&self) -> Option<&std::path::Path> {
        self.output.as_deref()
    }

    /// Checks every flag before the journal is opened, so a typo never creates a file.
    pub fn validate(self) -> Result<Plan, CliError> {
        let (from, to) = super::shared::date_range(self.from.as_deref(), self.to.as_deref())?;
        if matches!(self.format, Format::Csv) && self.output.is_none() {
            return Err(CliError::Usage(
                "CSV is a file for each kind of record (check-ins, thought records, pages and letters, breaks, and measures when you keep any); name a folder for them with -o DIR".into(),
            ));
        }
        if let Some(out) = &self.output {
            match self.format {
                Format::Csv => {
                    let measures = crate::io::measures_text::MEASURES_CSV;
                    for name in crate::io::text::CSV_FILES.into_iter().chain([measures]) {
                        super::output::refuse_existing(&out.join(name), self.force)?;
                    }
                }
                _ => super::output::refuse_existing(out, self.force)?,
            }
        }
        Ok(Plan {
            from,
            to,
            format: self.format,
            output: self.output,
        })
    }
}

impl Plan {
    /// Where the export goes, if to a file, so it can be checked against the journal.
    pub fn output(&self) -> Option<&Path> {
        self.output.as_deref()
    }
}

pub fn run(store: &Store, plan: Plan) -> Result<(), CliError> {
    let journal = crate::domain::Journal {
        checkins: store.checkins_between(plan.from, plan.to)?,
        thoughts: store.thoughts_between(plan.from, plan.to)?,
        entries: store.entries_between(plan.from, plan.to)?,
        breaks: store.breaks_between(plan.from, plan.to)?,
        session: store
            .all_marks()?
            .into_iter()
            .filter(|m| {
                let day = m.added_at.date_naive();
                plan.from.is_none_or(|f| day >= f) && plan.to.is_none_or(|t| day <= t)
            })
            .collect(),
        // Every definition, so each value in a part of the journal says what it measures.
        measures: store.measures()?,
        days: store.day_readings_between(plan.from, plan.to)?,
    };
    let bytes = match plan.format {
        Format::Json => {
            let mut bytes = Vec::new();
            let mut doc = json::export(&journal);
            // The person's own lists belong to no day; a part of the journal (for sharing,
            // say) carries none, as they may quote records outside it.
            if plan.from.is_none() && plan.to.is_none() {
                doc = doc.with_personal(store.personal_lists()?);
            }
            json::write(&doc, &mut bytes).context("couldn't build the export")?;
            bytes
        }
        Format::Md => crate::io::text::markdown(&journal).into_bytes(),
        Format::Csv => {
            let files = crate::io::text::csv_files(&journal).context("couldn't build the CSV")?;
            // validate() made sure CSV has a folder to go to.
            let dir = plan.output.as_deref().unwrap_or(Path::new("."));
            super::output::folder(dir)?;
            for (name, bytes) in &files {
                write_private(&dir.join(name), bytes).map_err(CliError::Other)?;
            }
            super::output::tell(&format!(
                "Wrote {} files in {}.",
                files.len(),
                dir.display()
            ));
            return Ok(());
        }
    };
    match plan.output {
        Some(path) if path.is_dir() => Err(CliError::Usage(format!(
            "{} is a folder; -o wants a file name here (only CSV writes a folder)",
            path.display()
        ))),
        Some(path) => {
            write_private(&path, &bytes).map_err(CliError::Other)?;
            super::output::tell(&format!("Wrote {}.", path.display()));
            Ok(())
        }
        None => super::shared::write_stdout(&bytes),
    }
}
