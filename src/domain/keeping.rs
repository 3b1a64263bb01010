//! Which automatic backups to keep: the newest of each of the last few days, weeks and
//! months that have one (the rule restic and Time Machine people know).

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};

/// How many daily, weekly and monthly backups are kept (config `backups_kept`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackupsKept {
    pub daily: u32,
    pub weekly: u32,
    pub monthly: u32,
}

impl Default for BackupsKept {
    fn default() -> Self {
        Self {
            daily: 7,
            weekly: 4,
            monthly: 12,
        }
    }
}

impl BackupsKept {
    /// The dates among `backups` to keep: the newest `daily` days, then the newest backup of
    /// each of the newest `weekly` weeks (Monday to Sunday) and `monthly` months that have
    /// one. Every date not returned may go.
    pub fn keep(&self, backups: &[NaiveDate]) -> BTreeSet<NaiveDate> {
        let mut newest_first: Vec<NaiveDate> = backups.to_vec();
        newest_first.sort_unstable_by(|a, b| b.cmp(a));
        newest_first.dedup();
        let mut kept = BTreeSet::new();
        kept.extend(newest_first.iter().take(self.daily as usize));
        let week = |d: &NaiveDate| (d.iso_week().year(), d.iso_week().week());
        let month = |d: &NaiveDate| (d.year(), d.month());
        kept.extend(newest_per(&newest_first, week, self.weekly));
        kept.extend(newest_per(&newest_first, month, self.monthly));
        kept
    }
}

/// The first (newest) date of each of the first `count` periods, dates newest first.
fn newest_per<P: PartialEq>(
    newest_first: &[NaiveDate],
    period: impl Fn(&NaiveDate) -> P,
    count: u32,
) -> Vec<NaiveDate> {
    let mut out: Vec<NaiveDate> = Vec::new();
    for d in newest_first {
        if out.len() == count as usize {
            break;
        }
        if out.last().is_none_or(|last| period(last) != period(d)) {
            out.push(*d);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_year_of_daily_backups_keeps_seven_days_four_weeks_and_twelve_months() {
        let first = day("2026-01-01");
        let all: Vec<NaiveDate> = (0..365).map(|i| first + chrono::Days::new(i)).collect();
        let kept = BackupsKept::default().keep(&all);
        let expected: BTreeSet<NaiveDate> = [
            // the last seven days
            "2026-12-25",
            "2026-12-26",
            "2026-12-27",
            "2026-12-28",
            "2026-12-29",
            "2026-12-30",
            "2026-12-31",
            // the newest of each of the last four weeks (Monday to Sunday; 31 December is
            // a Thursday, and the 27th is already kept as a day)
            "2026-12-20",
            "2026-12-13",
            // the newest of each month
            "2026-11-30",
            "2026-10-31",
            "2026-09-30",
            "2026-08-31",
            "2026-07-31",
            "2026-06-30",
            "2026-05-31",
            "2026-04-30",
            "2026-03-31",
            "2026-02-28",
            "2026-01-31",
        ]
        .iter()
        .map(|s| day(s))
        .collect();
        assert_eq!(kept, expected);
    }

    #[test]
    fn gaps_count_only_periods_that_have_a_backup() {
        let backups = [day("2026-03-02"), day("2026-01-10"), day("2025-06-01")];
        let only_weeks = BackupsKept {
            daily: 0,
            weekly: 2,
            monthly: 0,
        };
        assert_eq!(
            only_weeks.keep(&backups),
            [day("2026-03-02"), day("2026-01-10")].into_iter().collect()
        );
    }
}
