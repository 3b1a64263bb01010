//! The reminder's nudge: shown now through the desktop's notifications (unless today has a
//! check-in), and what happened, in words for a person at a terminal.

use std::path::Path;
use std::process::{Command, Stdio};

/// What `remind now` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Nudge {
    NotNeeded,
    Shown,
    NoService,
}

impl Nudge {
    pub(super) fn words(self) -> &'static str {
        match self {
            Nudge::NotNeeded => "No nudge needed: you've checked in today.",
            Nudge::Shown => "Nudged: the reminder went to your desktop's notifications.",
            Nudge::NoService => {
                "No notification service answered, so nothing was shown. Install notify-send (libnotify), and run this from your desktop session, where DISPLAY and DBUS_SESSION_BUS_ADDRESS are set."
            }
        }
    }
}

/// The words of the nudge.
pub const NUDGE: &str =
    "A minute for yourself? kindly is here for a check-in whenever you're ready.";

/// Shows the nudge unless there is a check-in today (or `always`). Never a failure: with no
/// notification service, nothing is shown, and the answer says so.
pub(super) fn now(journal: Option<&Path>, always: bool) -> Nudge {
    if !always
        && let super::status::Glance::Read { today, .. } = super::status::glance(journal)
        && today > 0
    {
        return Nudge::NotNeeded;
    }
    if cfg!(target_os = "macos") {
        let script = format!(
            "display notification \"{}\" with title \"kindly\"",
            NUDGE.replace('"', "\\\"")
        );
        shown(quietly("osascript", &["-e", &script]))
    } else {
        shown(quietly(
            "notify-send",
            &["--app-name=kindly", "kindly", NUDGE],
        ))
    }
}

fn shown(worked: bool) -> Nudge {
    if worked {
        Nudge::Shown
    } else {
        Nudge::NoService
    }
}

/// Runs a service manager's command quietly; whether it worked.
pub(super) fn quietly(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}
