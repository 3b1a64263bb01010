//! The panes of the TUI: each holds its own state and draws itself from it.

pub mod checkin;
pub mod compassion_break;
pub mod critic;
pub mod critic_view;
pub mod journal;
pub mod trends;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::store::Store;

/// What a pane needs from the world to act: the journal and the time.
pub struct Ctx<'a> {
    pub store: &'a mut Store,
    pub now: DateTime<FixedOffset>,
}

impl Ctx<'_> {
    pub fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }
}

/// A quiet line for the person, if an action has something to say.
pub type Notice = Option<String>;
