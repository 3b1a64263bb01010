//! The person's own measures on the check-in form: a row each below the parts, set with a
//! digit, ← →, Space (yes or no) or a typed number, and saved with the check-in (those kept
//! per day as the day's value).

use std::collections::BTreeMap;

use super::CheckinPane;
use super::form::{Ask, Field};
use crate::domain::{Amount, CheckIn, DayReading, Measure, MeasureKind, Per, Reading, settle};
use crate::store::{Measured, Store};
use crate::tui::action::Action;
use crate::tui::pane::Notice;

impl CheckinPane {
    /// Every row of the form in order: mood to the parts, a row per measure, the note.
    pub fn fields(&self) -> Vec<Field> {
        let fixed = &Field::ALL[..Field::ALL.len() - 1];
        let shown = self.measures.len().min(usize::from(u8::MAX));
        let mut out = fixed.to_vec();
        out.extend((0..shown).map(|i| Field::Measure(i as u8)));
        out.push(Field::Note);
        out
    }

    pub(super) fn next_field(&self, f: Field) -> Option<Field> {
        let all = self.fields();
        let i = all.iter().position(|x| *x == f)?;
        all.get(i + 1).copied()
    }

    pub(super) fn prev_field(&self, f: Field) -> Field {
        let all = self.fields();
        let i = all.iter().position(|x| *x == f).unwrap_or(0);
        all[i.saturating_sub(1)]
    }

    pub fn measure(&self, i: u8) -> Option<&Measure> {
        self.measures.get(usize::from(i))
    }

    pub fn measure_value(&self, i: u8) -> Option<Amount> {
        self.values.get(usize::from(i)).copied().flatten()
    }

    fn set_value(&mut self, i: u8, value: Option<Amount>) {
        if let Some(v) = self.values.get_mut(usize::from(i)) {
            *v = value;
        }
    }

    /// Reads the measures again: the journal's, with the config's settled in (a config
    /// that no longer fits the journal, a kind changed, was said on the command line and
    /// is left out here); values typed so far stay with their measures.
    pub(super) fn read_measures(&mut self, store: &Store) -> crate::store::Result<()> {
        let mut all = store.measures()?;
        let pending = settle(&all, &self.measure_specs).unwrap_or_default();
        for w in &pending {
            match all.iter_mut().find(|m| m.id == w.id) {
                Some(m) => *m = w.clone(),
                None => all.push(w.clone()),
            }
        }
        let shown: Vec<Measure> = all.into_iter().filter(|m| !m.hidden).collect();
        let values = shown
            .iter()
            .map(|m| {
                let i = self.measures.iter().position(|o| o.id == m.id)?;
                self.values.get(i).copied().flatten()
            })
            .collect();
        self.measures = shown;
        self.values = values;
        self.pending = pending;
        Ok(())
    }

    /// The form's values of a saved check-in (those kept per day start empty: the day's
    /// value stays as it is unless one is given).
    pub(super) fn load_measures(&mut self, c: &CheckIn) {
        self.values = self
            .measures
            .iter()
            .map(|m| {
                c.measures
                    .iter()
                    .find(|r| r.measure == m.id)
                    .map(|r| r.value)
            })
            .collect();
    }

    /// The check-in's values from the form: `kept` (the saved check-in's) in their order,
    /// each measure on the form taking the form's value; a value of a measure not on the
    /// form (put away since) stays.
    pub(super) fn checkin_readings(&self, kept: &[Reading]) -> Vec<Reading> {
        let on_form = |id| {
            self.measures
                .iter()
                .position(|m| m.id == id && m.per == Per::Checkin)
        };
        let mut out: Vec<Reading> = kept
            .iter()
            .filter_map(|r| match on_form(r.measure) {
                Some(i) => self.values[i].map(|value| Reading { value, ..*r }),
                None => Some(*r),
            })
            .collect();
        for (m, v) in self.measures.iter().zip(&self.values) {
            if let (Per::Checkin, Some(value)) = (m.per, v)
                && !out.iter().any(|r| r.measure == m.id)
            {
                out.push(Reading {
                    measure: m.id,
                    value: *value,
                });
            }
        }
        out
    }

    /// The values the form's draft keeps: measure id → value.
    pub(super) fn draft_values(&self) -> BTreeMap<String, String> {
        let kept = self.editing.as_ref().map_or(&[][..], |c| &c.measures[..]);
        let mut out: BTreeMap<String, String> = self
            .checkin_readings(kept)
            .iter()
            .map(|r| (r.measure.to_string(), r.value.get().to_string()))
            .collect();
        for (m, v) in self.measures.iter().zip(&self.values) {
            if let (Per::Day, Some(v)) = (m.per, v) {
                out.insert(m.id.to_string(), v.get().to_string());
            }
        }
        out
    }

    /// Puts a draft's values back, for the measures still on the form.
    pub(super) fn restore_values(&mut self, values: &BTreeMap<String, String>) {
        self.values = self
            .measures
            .iter()
            .map(|m| {
                let v: f64 = values.get(&m.id.to_string())?.parse().ok()?;
                Amount::new(v).filter(|a| m.fits(*a))
            })
            .collect();
    }

    /// After the check-in `c` is saved: the day's values of measures kept per day, and the
    /// definitions the config brought, kept in the journal.
    pub(super) fn save_day_values(
        &mut self,
        c: &CheckIn,
        store: &mut Store,
    ) -> crate::store::Result<()> {
        let days: Vec<DayReading> = self
            .measures
            .iter()
            .zip(&self.values)
            .filter_map(|(m, v)| match (m.per, v) {
                (Per::Day, Some(value)) => Some(DayReading {
                    day: c.day(),
                    reading: Reading {
                        measure: m.id,
                        value: *value,
                    },
                    at: c.at,
                }),
                _ => None,
            })
            .collect();
        if days.is_empty() && self.pending.is_empty() {
            return Ok(());
        }
        store.save_measured(Measured {
            definitions: &self.pending,
            checkin: None,
            days: &days,
        })?;
        self.pending.clear();
        Ok(())
    }

    /// A digit on a measure's row: the value itself on a scale or a count (0 is 10, as
    /// for the mood, where the range reaches it); the start of a typed number; 1 yes, 0 no.
    pub(super) fn measure_digit(&mut self, i: u8, digit: u8) -> Notice {
        let m = self.measure(i)?.clone();
        let typed = if digit == 10 { 0 } else { digit };
        let value = match m.kind {
            MeasureKind::YesNo => match typed {
                1 => Amount::YES,
                0 => Amount::NO,
                _ => return Some(format!("{}: 1 for yes, 0 for no, or Space.", m.name)),
            },
            MeasureKind::Number => {
                self.open_measure(i, &typed.to_string());
                return None;
            }
            MeasureKind::Scale | MeasureKind::Count => {
                let ten = Amount::new(f64::from(digit))?;
                let zero = Amount::new(f64::from(typed))?;
                match (m.fits(ten), m.fits(zero)) {
                    (true, _) => ten,
                    (false, true) => zero,
                    _ => return Some(format!("{} takes {}.", m.name, m.takes())),
                }
            }
        };
        self.set_value(i, Some(value));
        None
    }

    /// Space on a yes/no row: yes, then no, then yes again.
    pub(super) fn toggle_measure(&mut self, i: u8) {
        if self
            .measure(i)
            .is_some_and(|m| m.kind == MeasureKind::YesNo)
        {
            let yes = self.measure_value(i) == Some(Amount::YES);
            self.set_value(i, Some(if yes { Amount::NO } else { Amount::YES }));
        }
    }

    /// ← → on a measure's row: one step (half an hour of a number with decimals), inside
    /// its range; the first press starts from the middle of a scale, or its low end.
    pub(super) fn nudge_measure(&mut self, i: u8, up: bool) {
        let Some(m) = self.measure(i).cloned() else {
            return;
        };
        if m.kind == MeasureKind::YesNo {
            return self.toggle_measure(i);
        }
        let low = m.min.unwrap_or(0) as f64;
        let step = if m.kind == MeasureKind::Number && m.decimals > 0 {
            0.5
        } else {
            1.0
        };
        let next = match self.measure_value(i) {
            None => match (m.kind, m.min, m.max) {
                (MeasureKind::Scale, Some(lo), Some(hi)) => ((lo + hi) / 2) as f64,
                _ => low,
            },
            Some(v) if up => v.get() + step,
            Some(v) => v.get() - step,
        };
        let next = m.max.map_or(next, |hi| next.min(hi as f64)).max(low);
        if let Some(v) = Amount::new(next).filter(|v| m.fits(*v)) {
            self.set_value(i, Some(v));
        }
    }

    /// Opens the line for typing a number (with decimals), starting with `start`; only a
    /// number's row has one.
    pub(super) fn open_measure(&mut self, i: u8, start: &str) -> bool {
        let Some(m) = self.measure(i).filter(|m| m.kind == MeasureKind::Number) else {
            return false;
        };
        let hint = format!("{}, then Enter", m.takes());
        self.ask(Ask::Measure(i), &hint);
        if let Some((_, line)) = self.asking.as_mut() {
            line.insert_str(start);
        }
        true
    }

    /// Enter on the typed number: kept when it fits the measure, else what it takes.
    pub(super) fn answer_measure(&mut self, i: u8, text: &str) -> Notice {
        let m = self.measure(i)?.clone();
        match m.read(text) {
            Ok(v) => {
                self.set_value(i, Some(v));
                self.asking = None;
                None
            }
            Err(e) => Some(format!("{e}.")),
        }
    }

    /// What the footer offers on a measure's row.
    pub(super) fn measure_offers(&self, i: u8, action: Action) -> bool {
        let kind = self.measure(i).map(|m| m.kind);
        match action {
            Action::Toggle => kind == Some(MeasureKind::YesNo),
            Action::SetMood(_) => false,
            Action::Activate => kind == Some(MeasureKind::Number),
            _ => true,
        }
    }
}

impl CheckinPane {
    /// The row in focus, the note when the day list has it.
    pub fn focus_field(&self) -> Field {
        match self.focus {
            super::Focus::Field(f) => f,
            super::Focus::History => Field::Note,
        }
    }
}
