//! What kindly offers on a low day: a past letter to reread, or, with no letter yet, the
//! break and the person's support named after the thanks. Each at most once a day.

use chrono::Datelike;

use super::App;
use crate::domain::{EntryKind, Scale};
use crate::store::Offer;
use crate::tui::pane::Saved;

impl App {
    /// On a low day (today's latest mood 3 or lower), offers one past letter to reread:
    /// quietly, at most once a day. Returns the care to say right after the thanks for a
    /// new check-in (`saved`), when there is no letter to offer.
    pub(super) fn consider_offer(
        &mut self,
        saved: Option<&Saved>,
    ) -> anyhow::Result<Option<String>> {
        let today = (self.clock)().date_naive();
        let low = self
            .store
            .checkins_on(today)?
            .first()
            .is_some_and(|c| c.mood.get() <= 3);
        if self.offer.is_some() || !low || self.store.offered_on(Offer::Letter)? == Some(today) {
            return Ok(None);
        }
        let letters = self.store.entries(Some(EntryKind::Letter))?;
        if letters.is_empty() {
            // Only just after a new check-in is saved, with its thanks.
            return if saved.is_some_and(|s| s.new) {
                self.offer_care(today)
            } else {
                Ok(None)
            };
        }
        // A different letter on different days, the same one all day.
        let pick = today.num_days_from_ce().unsigned_abs() as usize % letters.len();
        self.offer = letters.get(pick).cloned();
        self.pending_offer = Some((Offer::Letter, today));
        self.flush_state()?;
        Ok(None)
    }

    /// On a low day with no letter to offer: the break, and the person's support, named
    /// gently after the thanks, at most once a day.
    fn offer_care(&mut self, today: chrono::NaiveDate) -> anyhow::Result<Option<String>> {
        if self.store.offered_on(Offer::Care)? == Some(today) {
            return Ok(None);
        }
        let very_low = self
            .store
            .checkins_on(today)?
            .first()
            .is_some_and(|c| c.mood.get() <= 2);
        let mut words = String::from("It sounds hard right now; b starts a short break.");
        match (&self.config.support_contact, very_low) {
            (Some(contact), _) => words.push_str(&format!(" Your support contact: {contact}")),
            (None, true) => words.push_str(
                " If it's more than a hard day, a professional or an emergency line can help.",
            ),
            (None, false) => {}
        }
        self.pending_offer = Some((Offer::Care, today));
        self.flush_state()?;
        Ok(Some(words))
    }

    /// Writes the day an offer was made, once writes may go ahead.
    pub(super) fn flush_state(&mut self) -> anyhow::Result<()> {
        if !self.started {
            return Ok(());
        }
        if let Some((offer, day)) = self.pending_offer.take() {
            self.store.set_offered_on(offer, day)?;
        }
        Ok(())
    }
}
