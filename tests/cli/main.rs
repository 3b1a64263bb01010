//! The command line, run as a real process: round trips, validation and exit codes, one
//! file per command.

#[path = "../common/mod.rs"]
mod common;

mod as_typed;
mod checkin;
mod export;
mod journal_file;
mod measures;
mod measures_export;
mod special_files;
mod status;
mod thought;
mod trends_report;
mod usage;
mod write_search;

use std::os::unix::fs::PermissionsExt;

use assert_cmd::Command;
use common::{export, kindly, refused};
