//! `kindly status`: one quick line for a shell prompt or login message. Never a scold.

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::shared::CliError;
use crate::domain::{Scale, time};
use crate::store::Store;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Serialize)]
struct Status {
    checked_in_today: bool,
    today: usize,
    last_mood: Option<u8>,
    last_at: Option<String>,
}

pub fn run(store: Option<&Store>, args: &StatusArgs) -> Result<(), CliError> {
    let today = time::now_local().date_naive();
    let (count, last) = match store {
        Some(s) => (s.checkins_on(today)?.len(), s.latest_checkin()?),
        None => (0, None),
    };
    let status = Status {
        checked_in_today: count > 0,
        today: count,
        last_mood: last.as_ref().map(|c| c.mood.get()),
        last_at: last.as_ref().map(|c| crate::store::format_at(&c.at)),
    };
    let text = match args.format {
        Format::Json => {
            serde_json::to_string(&status).map_err(|e| CliError::Other(e.into()))? + "\n"
        }
        Format::Text => match (&last, count) {
            (None, _) => "kindly: no check-ins yet. Whenever you like: kindly\n".to_string(),
            (Some(c), 0) => format!(
                "kindly: no check-in yet today (last mood {}, {}). Whenever you like: kindly\n",
                c.mood.get(),
                c.at.format("%a %-d %b")
            ),
            (Some(c), 1) => format!("kindly: checked in today; mood {}.\n", c.mood.get()),
            (Some(c), n) => format!(
                "kindly: checked in {n} times today; latest mood {}.\n",
                c.mood.get()
            ),
        },
    };
    super::shared::write_stdout(text.as_bytes())
}
