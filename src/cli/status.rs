//! `kindly status`: one quick line for a shell prompt or login message. Never a scold,
//! never a question, never a failure: whatever the journal is, it answers and exits 0.

use super::shared::Format;
use std::path::Path;

use clap::Args;
use serde::Serialize;

use super::shared::CliError;
use crate::domain::{CheckIn, Scale, time};
use crate::store::{Store, StoreError};

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
    /// The journal is encrypted, so a prompt line can't look inside without a passphrase.
    locked: bool,
    /// The journal could be read (false for a damaged, foreign or newer file).
    readable: bool,
}

/// What a glance at the journal found.
pub(super) enum Glance {
    Read { today: usize, last: Option<CheckIn> },
    Locked,
    Unreadable,
}

pub(super) fn glance(path: Option<&Path>) -> Glance {
    let Some(path) = path else {
        return Glance::Read {
            today: 0,
            last: None,
        };
    };
    let read = |store: &Store| -> crate::store::Result<(usize, Option<CheckIn>)> {
        let today = time::now_local().date_naive();
        Ok((store.checkins_on(today)?.len(), store.latest_checkin()?))
    };
    match Store::peek(path) {
        Ok(store) => match read(&store) {
            Ok((today, last)) => Glance::Read { today, last },
            Err(_) => Glance::Unreadable,
        },
        Err(StoreError::Missing(_)) => Glance::Read {
            today: 0,
            last: None,
        },
        Err(StoreError::NeedsPassphrase(_)) => Glance::Locked,
        Err(_) => Glance::Unreadable,
    }
}

pub fn run(path: Option<&Path>, args: &StatusArgs) -> Result<(), CliError> {
    let glance = glance(path);
    let (count, last) = match &glance {
        Glance::Read { today, last } => (*today, last.clone()),
        _ => (0, None),
    };
    let status = Status {
        checked_in_today: count > 0,
        today: count,
        last_mood: last.as_ref().map(|c| c.mood.get()),
        last_at: last.as_ref().map(|c| time::format_at(&c.at)),
        locked: matches!(glance, Glance::Locked),
        readable: !matches!(glance, Glance::Unreadable),
    };
    let text = match args.format {
        Format::Json => {
            crate::io::json_out::to_string(&status).map_err(anyhow::Error::from)? + "\n"
        }
        Format::Text => match (&glance, &last, count) {
            (Glance::Locked, ..) => {
                "kindly: your journal is locked (encrypted); open kindly to check in.\n".into()
            }
            (Glance::Unreadable, ..) => {
                "kindly: the journal couldn't be read just now; `kindly check` says why.\n".into()
            }
            (_, None, _) => "kindly: no check-ins yet. Whenever you like: kindly\n".to_string(),
            (_, Some(c), 0) => format!(
                "kindly: no check-in yet today (last mood {}, {}). Whenever you like: kindly\n",
                c.mood.get(),
                c.at.format("%a %-d %b")
            ),
            (_, Some(c), 1) => format!("kindly: checked in today; mood {}.\n", c.mood.get()),
            (_, Some(c), n) => format!(
                "kindly: checked in {n} times today; latest mood {}.\n",
                c.mood.get()
            ),
        },
    };
    // Even a closed stdout is no reason to fail a shell's start-up.
    let _ = super::shared::write_stdout(text.as_bytes());
    Ok(())
}
