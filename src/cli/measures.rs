//! `kindly measures`, and reading `--measure NAME=VALUE` against the person's measures:
//! those kept in the journal, brought up to date by the config's `[[measures]]`.

use clap::Args;

use chrono::{DateTime, FixedOffset};

use super::shared::{CliError, Format};
use crate::config::Config;
use crate::domain::{CheckIn, DayReading, InvalidInput, Measure, Per, Reading, settle};
use crate::io::measures_json::MeasureRecord;
use crate::store::{Measured, Store};

#[derive(Debug, Args)]
pub struct MeasuresArgs {
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// A check-in as given, checked as far as it can be without the journal: the measures'
/// values are read against their definitions once the journal is open.
#[derive(Debug)]
pub struct Given {
    /// None when only measures kept per day were given.
    pub checkin: Option<CheckIn>,
    pub at: DateTime<FixedOffset>,
    /// Each `--measure NAME=VALUE`, as typed.
    pub measures: Vec<(String, String)>,
}

impl Given {
    /// The words given, for the support line.
    pub fn words(&self) -> String {
        self.checkin
            .as_ref()
            .and_then(|c| c.note.clone())
            .unwrap_or_default()
    }
}

/// Splits each `NAME=VALUE`; the values are read once the measures are known.
pub fn split_all(given: &[String]) -> Result<Vec<(String, String)>, CliError> {
    let mut out: Vec<(String, String)> = Vec::new();
    for item in given {
        let Some((name, value)) = item.split_once('=') else {
            return Err(InvalidInput::new(
                "--measure",
                format!("takes NAME=VALUE, like sleep=7.5 or meds=yes (you gave '{item}')"),
            )
            .into());
        };
        let name = name.trim();
        if out.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
            return Err(InvalidInput::new(
                "--measure",
                format!("{name} is given twice; give each measure once"),
            )
            .into());
        }
        out.push((name.to_string(), value.trim().to_string()));
    }
    Ok(out)
}

/// The person's measures: the journal's, with the config's settled in (in memory), and the
/// definitions the journal still needs written.
fn known(store: Option<&Store>, config: &Config) -> Result<(Vec<Measure>, Vec<Measure>), CliError> {
    let mut all = match store {
        Some(store) => store.measures()?,
        None => Vec::new(),
    };
    let writes = settle(&all, &config.measures)?;
    for w in &writes {
        match all.iter_mut().find(|m| m.id == w.id) {
            Some(m) => *m = w.clone(),
            None => all.push(w.clone()),
        }
    }
    Ok((all, writes))
}

/// Reads the values against the config's measures alone when there is no journal yet, so a
/// value that doesn't fit is refused before the journal file is made.
pub fn check_before_journal(
    config: &Config,
    db: Option<std::path::PathBuf>,
    given: &Given,
) -> Result<(), CliError> {
    let journal = crate::config::database_path(db);
    if given.measures.is_empty() || journal.map(|p| Store::exists(&p)).transpose()? == Some(true) {
        return Ok(());
    }
    readings(&known(None, config)?.0, given).map(|_| ())
}

/// Reads every value against its measure and saves them with the check-in (if any), all in
/// one transaction; anything that doesn't fit stops it before a word is written.
pub fn record(store: &mut Store, config: &Config, given: &Given) -> Result<(), CliError> {
    let (all, writes) = known(Some(store), config)?;
    let (per_checkin, per_day) = readings(&all, given)?;
    let checkin = given.checkin.clone().map(|mut c| {
        c.measures = per_checkin;
        c
    });
    store.save_measured(Measured {
        definitions: &writes,
        checkin: checkin.as_ref(),
        days: &per_day,
    })?;
    Ok(())
}

/// Each value read against its measure: those for the check-in, and the day's.
fn readings(all: &[Measure], given: &Given) -> Result<(Vec<Reading>, Vec<DayReading>), CliError> {
    let mut per_checkin = Vec::new();
    let mut per_day = Vec::new();
    for (name, text) in &given.measures {
        let measure = all
            .iter()
            .find(|m| !m.hidden && m.is_called(name))
            .ok_or_else(|| unknown(name, all))?;
        let value = measure.read(text)?;
        let reading = Reading {
            measure: measure.id,
            value,
        };
        match measure.per {
            Per::Day => per_day.push(DayReading {
                day: given.at.date_naive(),
                reading,
                at: given.at,
            }),
            Per::Checkin if given.checkin.is_none() => {
                return Err(InvalidInput::new(
                    measure.name.clone(),
                    "is kept with each check-in, so it needs --mood too",
                )
                .into());
            }
            Per::Checkin => per_checkin.push(reading),
        }
    }
    Ok((per_checkin, per_day))
}

fn unknown(name: &str, all: &[Measure]) -> InvalidInput {
    let yours: Vec<&str> = all
        .iter()
        .filter(|m| !m.hidden)
        .map(|m| m.name.as_str())
        .collect();
    let listed = if yours.is_empty() {
        "you have none yet".to_string()
    } else {
        format!("yours are {}", yours.join(", "))
    };
    InvalidInput::new(
        "--measure",
        format!(
            "'{name}' isn't one of your measures ({listed}); a [[measures]] table in config.toml adds one"
        ),
    )
}

/// `kindly measures`: reads the journal only if it is there, and never writes.
pub fn command(
    db: Option<std::path::PathBuf>,
    config: Option<std::path::PathBuf>,
    args: &MeasuresArgs,
    open: impl FnOnce() -> Result<Store, CliError>,
) -> Result<(), CliError> {
    let config = super::shared::load_config(config)?;
    let there = crate::config::database_path(db)
        .map(|p| Store::exists(&p))
        .transpose()?;
    let store = (there == Some(true)).then(open).transpose()?;
    run(store.as_ref(), &config, args)
}

/// Lists the measures, hidden ones last and marked; from a journal that isn't there yet,
/// only the config's.
pub fn run(store: Option<&Store>, config: &Config, args: &MeasuresArgs) -> Result<(), CliError> {
    let (mut all, _) = known(store, config)?;
    all.sort_by_key(|m| m.hidden);
    let out = match args.format {
        Format::Json => {
            let records: Vec<MeasureRecord> = all.iter().map(MeasureRecord::from).collect();
            let mut s = crate::io::json_out::to_string_pretty(&records)
                .map_err(|e| CliError::Other(e.into()))?;
            s.push('\n');
            s
        }
        Format::Text => text(&all),
    };
    super::shared::write_stdout(out.as_bytes())
}

fn text(all: &[Measure]) -> String {
    if all.is_empty() {
        return "No measures yet. Add one with a [[measures]] table in config.toml, for example:\n\n  [[measures]]\n  name = \"sleep\"\n  kind = \"number\"\n  unit = \"hours\"\n  per = \"day\"\n".into();
    }
    let width = all
        .iter()
        .map(|m| m.name.chars().count())
        .max()
        .unwrap_or(0);
    let mut s = String::new();
    for m in all {
        let per = match m.per {
            Per::Day => "one a day",
            Per::Checkin => "with each check-in",
        };
        let hidden = if m.hidden { " (put away)" } else { "" };
        let name = crate::domain::visible_line(&m.name);
        s.push_str(&format!(
            "{name:width$}  {}; {per}{hidden}\n",
            crate::domain::visible_line(&m.takes())
        ));
    }
    s
}
