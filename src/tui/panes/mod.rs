//! The panes of the TUI: each holds its own state, implements the pane interface
//! ([`crate::tui::pane::Pane`]) and draws itself from that state.

pub mod checkin;
mod checkin_view;
mod checkin_when;
pub mod compassion_break;
pub mod critic;
mod critic_drafts;
mod critic_flow;
pub(crate) mod critic_practice;
pub mod critic_view;
mod form;
pub mod journal;
mod journal_page;
mod journal_practice;
mod journal_view;
mod letting_go;
pub mod look_back;
pub mod trends;
mod trends_calendar;
mod trends_emotions;

pub use crate::tui::pane::{Ctx, Notice};
