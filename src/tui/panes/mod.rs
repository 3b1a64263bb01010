//! The panes of the TUI, one folder each: each holds its own state, implements the pane
//! interface ([`crate::tui::pane::Pane`]) and draws itself from that state. What two panes
//! both need lives here beside them, never in one of them.

pub mod checkin;
pub mod critic;
pub mod journal;
mod kind_words;
mod letting_go;
mod saving;
pub mod trends;

pub use crate::tui::pane::{Ctx, Notice};
