//! The panes of the TUI: each holds its own state and draws itself from it.

pub mod checkin;
