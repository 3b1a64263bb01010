//! The journal's small notes about itself, each with its own typed accessor (the string
//! keys of the `app_state` table stay in the store): the days a letter or care was
//! offered, and whether `kindly demo` filled it (the choices added from the form are in
//! `personal.rs`, the deck's last line in `deck.rs`). Kept in the table, so they survive a
//! restart.

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

/// The key that marks a journal filled by `kindly demo`.
const SAMPLE: &str = "sample_journal";

impl Store {
    /// Whether `kindly demo` filled this journal (every screen then says it is a sample).
    pub fn is_sample(&self) -> Result<bool> {
        Ok(self.state(SAMPLE)?.is_some())
    }

    /// Marks the journal as one `kindly demo` filled.
    pub fn mark_sample(&mut self) -> Result<()> {
        self.set_state(SAMPLE, "1")
    }

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
