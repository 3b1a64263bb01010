//! The form's one-line questions. When a check-in was: `@` sets its day and time (a new
//! one for earlier, or a saved one moved), and a mood typed while looking at an earlier day
//! starts a check-in for that day. And a new choice: `+` on Emotions or Rituals adds one of
//! the person's own, kept in the journal (so every computer it syncs to has it too).

use super::CheckinPane;
use super::form::{Ask, Field, Focus};
use crate::domain::{parse_label_list, time, when};
use crate::store::{LabelKind, Store};
use crate::tui::action::Action;
use crate::tui::pane::{Ctx, Notice};
use crate::tui::widgets::{editor, editor_text, show_cursor};
use chrono::{DateTime, FixedOffset, NaiveDate};

impl CheckinPane {
    /// The moment the form is for: the one set with `@`, else the saved check-in's, else now.
    pub fn moment(&self, now: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        self.at
            .or_else(|| self.editing.as_ref().map(|c| c.at))
            .unwrap_or(now)
    }

    /// `@`: opens the "when" line, empty, with a short example shown faintly in it (short
    /// enough for 40 columns; the form's title names the moment it holds).
    pub(super) fn open_when(&mut self) {
        self.ask(Ask::When, "HH:MM, or yesterday 21:40");
    }

    /// `+` on Emotions or Rituals: opens a line for a new choice of the person's own.
    pub(super) fn open_new_choice(&mut self, field: Field) {
        let what = if field == Field::Emotions {
            "an emotion of your own, like wistful"
        } else {
            "a ritual of your own, like tea outside"
        };
        self.ask(Ask::New(field), what);
    }

    pub(super) fn ask(&mut self, ask: Ask, placeholder: &str) {
        let mut line = editor("", placeholder);
        show_cursor(&mut line, true);
        self.asking = Some((ask, line));
        self.writing = false;
    }

    /// Keys while a question is open: Enter answers it (an empty line leaves things as
    /// they were), Esc closes it.
    pub(super) fn answer(
        &mut self,
        action: Action,
        ctx: &mut Ctx<'_>,
    ) -> crate::store::Result<Notice> {
        let Some((ask, line)) = &self.asking else {
            return Ok(None);
        };
        let (ask, text) = (*ask, editor_text(line));
        match action {
            Action::Activate | Action::Save if text.trim().is_empty() => self.asking = None,
            Action::Activate | Action::Save => {
                return match ask {
                    Ask::When => Ok(Some(self.answer_when(&text, ctx.now))),
                    Ask::New(field) => self.add_choice(field, &text, ctx.store),
                    Ask::Measure(i) => Ok(self.answer_measure(i, &text)),
                };
            }
            Action::LeaveText | Action::BackToForm | Action::CancelEdit => self.asking = None,
            _ => {}
        }
        Ok(None)
    }

    fn answer_when(&mut self, text: &str, now: DateTime<FixedOffset>) -> String {
        let base = self.moment(now).date_naive();
        match parse_when(text, base, now) {
            Ok(at) => {
                self.asking = None;
                self.at = Some(at);
                format!(
                    "This check-in is for {}. Ctrl-S saves it there.",
                    at.format("%a %-d %b, %H:%M")
                )
            }
            Err(why) => why,
        }
    }

    /// Adds a choice to the row, picks it, and keeps it in the journal for next time.
    fn add_choice(
        &mut self,
        field: Field,
        text: &str,
        store: &mut Store,
    ) -> crate::store::Result<Notice> {
        let kind = if field == Field::Emotions {
            "emotions"
        } else {
            "rituals"
        };
        let name = match parse_label_list(kind, text).map(|mut l| l.remove(0)) {
            Ok(label) if !text.contains(',') => label.to_string(),
            Ok(_) => return Ok(Some("One at a time, please: a name without commas.".into())),
            Err(e) => return Ok(Some(format!("That name {}.", e.problem))),
        };
        let chips = if field == Field::Emotions {
            &mut self.emotions
        } else {
            &mut self.rituals
        };
        let known = chips
            .vocab
            .iter()
            .find(|v| v.eq_ignore_ascii_case(&name))
            .cloned();
        let name = known.clone().unwrap_or(name);
        if known.is_none() {
            chips.vocab.push(name.clone());
            let kind = if field == Field::Emotions {
                LabelKind::Emotion
            } else {
                LabelKind::Ritual
            };
            store.add_choice(kind, &name)?;
        }
        if !chips.picked.contains(&name) {
            chips.picked.push(name.clone());
        }
        chips.cursor = chips.vocab.iter().position(|v| *v == name).unwrap_or(0);
        self.asking = None;
        Ok(Some(match known {
            Some(_) => format!("{name} was already here; it's picked."),
            None => format!("{name} is one of your choices now, and picked."),
        }))
    }

    /// A mood typed while an earlier day is shown starts a check-in for that day, at the
    /// time it is now, unless the form already holds a moment or a saved check-in.
    pub(super) fn for_day_shown(&mut self, now: DateTime<FixedOffset>) -> Notice {
        if self.day >= now.date_naive() || self.at.is_some() || self.editing.is_some() {
            return None;
        }
        let at = time::local_from_naive("when", self.day.and_time(now.time())).ok()?;
        self.at = Some(at);
        Some(format!(
            "A check-in for {}. @ changes the time; Ctrl-S saves it.",
            at.format("%a %-d %b, %H:%M")
        ))
    }
}

impl CheckinPane {
    /// Shows `day`'s check-ins in the list, the first selected (a break in progress stays;
    /// the day waits beneath it).
    pub(crate) fn show_day(&mut self, day: NaiveDate, store: &Store) -> crate::store::Result<()> {
        self.writing = false;
        self.asking = None;
        self.list.leave_trash();
        self.day = day;
        self.refresh(store)?;
        self.list.select(0);
        self.focus = Focus::History;
        Ok(())
    }
}

/// Reads what was typed on the "when" line, as the command line's `--at` reads it
/// (`domain::when`): a time alone is on `day`, a day alone at the time it is now. Never in
/// the future.
pub fn parse_when(
    text: &str,
    day: NaiveDate,
    now: DateTime<FixedOffset>,
) -> Result<DateTime<FixedOffset>, String> {
    when::read_moment("when", text, now, day, now.time())
        .map_err(|e| format!("That {}.", e.problem))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-29T10:30:00+00:00").unwrap()
    }

    #[test]
    fn the_ways_a_person_writes_when_all_read() {
        // The 29th is a Sunday; the form is looking at the 20th.
        let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let read =
            |s: &str| parse_when(s, day, now()).map(|d| d.format("%Y-%m-%d %H:%M").to_string());
        assert_eq!(read("21:15").unwrap(), "2026-11-20 21:15");
        assert_eq!(read("8pm").unwrap(), "2026-11-20 20:00");
        assert_eq!(read("yesterday 22:00").unwrap(), "2026-11-28 22:00");
        assert_eq!(read("yesterday 21:40").unwrap(), "2026-11-28 21:40");
        assert_eq!(read("Yesterday").unwrap(), "2026-11-28 10:30");
        assert_eq!(read("today 08:00").unwrap(), "2026-11-29 08:00");
        assert_eq!(read("today 8am").unwrap(), "2026-11-29 08:00");
        assert_eq!(read("last friday 20:00").unwrap(), "2026-11-27 20:00");
        assert_eq!(read("friday").unwrap(), "2026-11-27 10:30");
        assert_eq!(read("2 days ago").unwrap(), "2026-11-27 10:30");
        assert_eq!(read("3 Nov").unwrap(), "2026-11-03 10:30");
        assert_eq!(read("3 November 2026 09:15").unwrap(), "2026-11-03 09:15");
        assert_eq!(read("2026-11-02 07:45").unwrap(), "2026-11-02 07:45");
        assert!(
            read("tomorrow")
                .unwrap_err()
                .starts_with("That is in the future")
        );
        assert!(
            read("next friday")
                .unwrap_err()
                .starts_with("That is in the future")
        );
        assert!(read("3 Dec").unwrap_err().contains("3 Dec 2025"));
        assert!(
            read("friday 8")
                .unwrap_err()
                .starts_with("That could mean 8 in the morning")
        );
        assert!(
            read("today 25:00")
                .unwrap_err()
                .starts_with("That didn't read as a date: try")
        );
        assert!(
            read("yestrday")
                .unwrap_err()
                .contains("did you mean yesterday?")
        );
        assert!(
            read("2026-12-24 10:00")
                .unwrap_err()
                .contains("in the future")
        );
        assert!(read("today 23:00").unwrap_err().contains("in the future"));
    }
}
