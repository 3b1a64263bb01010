//! `kindly demo`: a journal full of sample weeks, to look around without writing your own.

use std::path::PathBuf;

use clap::Args;

use super::shared::CliError;
use crate::config::Config;
use crate::store::Store;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many weeks of sample check-ins (520 is about ten years)
    #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=1040))]
    weeks: u32,
    /// Fill the --db file and exit without opening the screen
    #[arg(long)]
    fill_only: bool,
}

pub fn run(args: DemoArgs, db: Option<PathBuf>, config: Config) -> Result<(), CliError> {
    if args.fill_only && db.is_none() {
        return Err(CliError::Usage(
            "--fill-only needs --db FILE: the file to fill with sample weeks".into(),
        ));
    }
    // Without --db the demo gets its own throwaway file, so it never mixes with a real journal.
    let (path, throwaway) = match db {
        Some(p) => (p, None),
        None => {
            let dir = std::env::temp_dir().join(format!("kindly-demo-{}", std::process::id()));
            (dir.join("demo.db"), Some(dir))
        }
    };
    let result = fill_and_open(&args, &path, config);
    if let Some(dir) = throwaway {
        let _ = std::fs::remove_dir_all(dir);
    }
    result
}

fn fill_and_open(args: &DemoArgs, path: &std::path::Path, config: Config) -> Result<(), CliError> {
    let mut store = Store::open(path)?;
    if store.earliest_day()?.is_some() || !store.entries(None)?.is_empty() {
        return Err(CliError::Usage(format!(
            "{} already holds check-ins; the demo fills a fresh journal, so give --db a new file",
            path.display()
        )));
    }
    let sample = crate::demo::journal(args.weeks, crate::domain::time::now_local(), &config);
    store.save_journal(&sample)?;
    // Marked, so every screen on it says it holds sample weeks, not someone's journal.
    store.mark_sample()?;
    if args.fill_only {
        eprintln!(
            "Filled {} with {} weeks of sample data: {} check-ins, {} thought records, {} pages and letters, {} breaks.",
            path.display(),
            args.weeks,
            sample.checkins.len(),
            sample.thoughts.len(),
            sample.entries.len(),
            sample.breaks.len()
        );
        return Ok(());
    }
    crate::tui::run(store, config, crate::backups::Backup::none()).map_err(CliError::Other)
}
