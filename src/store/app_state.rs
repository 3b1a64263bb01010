//! The screen's small notes in the journal, each with its own typed accessor: the days a
//! letter or care was offered (the choices added from the form are in `personal.rs`). Kept
//! in the `state` table, so they survive a restart.

use chrono::NaiveDate;

use super::{Result, Store};

/// Something kindly offers at most once a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    /// A past letter to reread, on a low day.
    Letter,
    /// The break and the person's support, named after the thanks on a low day.
    Care,
}

impl Offer {
    fn key(self) -> &'static str {
        match self {
            Offer::Letter => "letter_offered_on",
            Offer::Care => "care_offered_on",
        }
    }
}

impl Store {
    /// The day `offer` was last made, if ever.
    pub fn offered_on(&self, offer: Offer) -> Result<Option<NaiveDate>> {
        Ok(self
            .state(offer.key())?
            .and_then(|d| d.parse::<NaiveDate>().ok()))
    }

    pub fn set_offered_on(&mut self, offer: Offer, day: NaiveDate) -> Result<()> {
        self.set_state(offer.key(), &day.to_string())
    }
}
