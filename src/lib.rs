//! kindly: a terminal companion for self-compassion journaling and mood tracking.

// A journal must not crash on a surprise: shipped code handles errors instead of unwrapping.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod backups;
pub mod cli;
pub mod config;
pub mod crash;
pub mod demo;
pub mod domain;
pub mod editor;
pub mod insights;
pub mod io;
pub mod private_file;
pub mod store;
pub mod sync;
pub mod tui;
