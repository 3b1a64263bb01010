//! `kindly export`: the journal, whole, as kindly JSON to stdout or a private file.

use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::shared::CliError;
use crate::domain::time;
use crate::io::kindly_json as json;
use crate::store::Store;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// Lossless kindly JSON (can be imported again)
    Json,
    /// Spreadsheets: one file per record kind when -o names a folder; check-ins otherwise
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
    /// CSV, a folder gets one file per record kind
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
}

/// An export whose flags have all been checked.
pub struct Plan {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    format: Format,
    output: Option<PathBuf>,
}

impl ExportArgs {
    /// Checks every flag before the journal is opened, so a typo never creates a file.
    pub fn validate(self) -> Result<Plan, CliError> {
        let from = self
            .from
            .as_deref()
            .map(|d| time::parse_date("--from", d))
            .transpose()?;
        let to = self
            .to
            .as_deref()
            .map(|d| time::parse_date("--to", d))
            .transpose()?;
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err(CliError::Usage(format!(
                "--from ({f}) comes after --to ({t}); swap them to cover that span"
            )));
        }
        Ok(Plan {
            from,
            to,
            format: self.format,
            output: self.output,
        })
    }
}

pub fn run(store: &Store, plan: Plan) -> Result<(), CliError> {
    let journal = crate::domain::Journal {
        checkins: store.checkins_between(plan.from, plan.to)?,
        thoughts: store.thoughts_between(plan.from, plan.to)?,
        entries: store.entries_between(plan.from, plan.to)?,
        breaks: store.breaks_between(plan.from, plan.to)?,
    };
    let bytes = match plan.format {
        Format::Json => {
            let mut bytes = Vec::new();
            json::write(&json::export(&journal), &mut bytes)
                .context("couldn't build the export")?;
            bytes
        }
        Format::Md => crate::io::text::markdown(&journal).into_bytes(),
        Format::Csv => {
            let files = crate::io::text::csv_files(&journal).context("couldn't build the CSV")?;
            if let Some(dir) = plan.output.as_ref().filter(|p| p.is_dir()) {
                for (name, bytes) in &files {
                    write_private(&dir.join(name), bytes).map_err(CliError::Other)?;
                }
                return Ok(());
            }
            files.into_iter().next().map(|(_, b)| b).unwrap_or_default()
        }
    };
    match plan.output {
        Some(path) if path.is_dir() => Err(CliError::Usage(format!(
            "{} is a folder; -o wants a file name here (only CSV writes a folder)",
            path.display()
        ))),
        Some(path) => write_private(&path, &bytes).map_err(CliError::Other),
        None => super::shared::write_stdout(&bytes),
    }
}

/// Writes a file only its owner can read, via a temporary file and a rename, so a reader
/// never sees half an export and an old export is replaced whole.
pub fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .with_context(|| format!("{} is not a file name", path.display()))?;
    let tmp = dir.join(format!(
        ".{}.kindly-{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| -> std::io::Result<()> {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| format!("couldn't write {}", path.display()))
}
