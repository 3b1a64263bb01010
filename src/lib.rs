//! kindly: a terminal companion for self-compassion journaling and mood tracking.

pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod io;
pub mod store;
pub mod tui;
