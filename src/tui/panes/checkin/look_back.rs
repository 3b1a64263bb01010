//! "A year ago, kindly": now and then, something kind from a month or a year ago today (a
//! kinder answer, a letter, a day with its rituals), never a low day and never a note.

use chrono::{Months, NaiveDate};

use crate::domain::{EntryKind, Label, Scale};
use crate::store::{Result, Store};
use crate::tui::widgets::shown;

/// The line for `today`, or `None` when nothing kind happened on those days.
pub fn find(store: &Store, today: NaiveDate) -> Result<Option<String>> {
    let back = [
        (
            today.checked_sub_months(Months::new(12)),
            "A year ago today",
        ),
        (
            today.checked_sub_months(Months::new(1)),
            "A month ago today",
        ),
    ];
    for (day, when) in back {
        let Some(day) = day else { continue };
        if let Some(line) = on(store, day, when)? {
            return Ok(Some(line));
        }
    }
    Ok(None)
}

fn on(store: &Store, day: NaiveDate, when: &str) -> Result<Option<String>> {
    let one_line = |s: &str| shown(s).split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(answer) = store
        .thoughts_between(Some(day), Some(day))?
        .into_iter()
        .find_map(|t| t.reframe)
    {
        return Ok(Some(format!(
            "{when} you answered your critic: “{}”",
            one_line(&answer)
        )));
    }
    if let Some(letter) = store
        .entries_between(Some(day), Some(day))?
        .into_iter()
        .find(|e| e.kind == EntryKind::Letter)
    {
        let title = letter
            .title
            .map(|t| format!(", “{}”", one_line(&t)))
            .unwrap_or_default();
        return Ok(Some(format!(
            "{when} you wrote yourself a letter{title}. It's in the Journal."
        )));
    }
    // A day with rituals, and only one that wasn't a low day.
    let checkins = store.checkins_on(day)?;
    let mut rituals: Vec<&Label> = Vec::new();
    for c in &checkins {
        for r in &c.rituals {
            if !rituals.contains(&r) {
                rituals.push(r);
            }
        }
    }
    let low = checkins.iter().any(|c| c.mood.get() <= 4);
    if !rituals.is_empty() && !low {
        let names: Vec<&str> = rituals.iter().map(|r| r.as_str()).collect();
        return Ok(Some(format!(
            "{when} you made room for {}.",
            one_line(&names.join(", "))
        )));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CheckIn, Entry, Mood, Thought};
    use chrono::DateTime;

    fn at(s: &str) -> DateTime<chrono::FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
    }

    #[test]
    fn a_kind_answer_a_letter_or_a_good_ritual_day_comes_back_never_a_low_day() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(find(&store, today()).unwrap(), None);
        // A month ago: a low day with rituals, which never comes back.
        let mut low = CheckIn::new(at("2026-11-03T09:00:00+00:00"), Mood::new(2).unwrap());
        low.rituals = vec![Label::new("r", "walk").unwrap()];
        low.note = Some("a very hard day".into());
        store.save_checkin(&low, None).unwrap();
        assert_eq!(find(&store, today()).unwrap(), None);
        // A good ritual day a month ago does.
        let mut good = CheckIn::new(at("2026-11-03T18:00:00+00:00"), Mood::new(7).unwrap());
        good.rituals = vec![Label::new("r", "rest").unwrap()];
        store.save_checkin(&good, None).unwrap();
        assert_eq!(
            find(&store, today()).unwrap(),
            None,
            "the low check-in that day still rules it out"
        );
        store
            .trash(crate::store::RecordKind::CheckIn, low.id)
            .unwrap();
        assert_eq!(
            find(&store, today()).unwrap().as_deref(),
            Some("A month ago today you made room for rest.")
        );
        // A letter a year ago comes before it.
        let mut e = Entry::new(
            at("2025-12-03T20:00:00+00:00"),
            EntryKind::Letter,
            "Dear me",
        )
        .unwrap();
        e.title = Some("For the dark evenings".into());
        store.save_entry(&e, None).unwrap();
        assert_eq!(
            find(&store, today()).unwrap().as_deref(),
            Some(
                "A year ago today you wrote yourself a letter, “For the dark evenings”. It's in the Journal."
            )
        );
        // And a kinder answer that day comes first of all.
        let mut t = Thought::new(at("2025-12-03T10:00:00+00:00"), "I'm a mess").unwrap();
        t.reframe = Some("I'm tired, and tired isn't a mess.".into());
        store.save_thought(&t, None).unwrap();
        assert_eq!(
            find(&store, today()).unwrap().as_deref(),
            Some("A year ago today you answered your critic: “I'm tired, and tired isn't a mess.”")
        );
    }
}
