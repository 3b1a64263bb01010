//! What the report is made from (the period's records and the choices asked for), and
//! the sentences both formats share: the title, the first page at a glance, a gap.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::figures::{Figures, compared, figures, stretch};
use crate::domain::{Break, CheckIn, SessionMark, Thought};
use crate::insights::Trends;

/// What the report is made from.
pub struct Source<'a> {
    pub trends: &'a Trends,
    pub checkins: &'a [CheckIn],
    pub thoughts: &'a [Thought],
    pub breaks: &'a [Break],
    /// Check-ins of the period of the same length just before, to compare with.
    pub previous: &'a [CheckIn],
    /// What the person marked to bring up, each with a line about its record (in their own
    /// words: they chose it).
    pub marks: &'a [(SessionMark, String)],
    /// The journal's first record, so days before it are never called gaps.
    pub first_day: Option<NaiveDate>,
    /// Include the person's own words (notes and reframes), not only figures.
    pub include_notes: bool,
    /// The person's name from config, when they gave one.
    pub name: Option<&'a str>,
}

impl Source<'_> {
    pub fn figures(&self) -> Figures {
        figures(
            self.trends.span,
            self.checkins,
            self.thoughts,
            self.breaks,
            self.previous,
            self.first_day,
        )
    }

    fn weeks(&self) -> usize {
        self.trends.span.week_starts().count()
    }

    /// The report's title, with the period in words as a reader says it ("kindly summary
    /// for Sam: 2 to 15 November 2026, 2 weeks"), shared by both formats.
    pub fn title(&self) -> String {
        let span = self.trends.span;
        let (from, until) = (span.from, span.until);
        let from = if from.year() != until.year() {
            from.format("%-d %B %Y").to_string()
        } else if from.month() != until.month() {
            from.format("%-d %B").to_string()
        } else {
            from.format("%-d").to_string()
        };
        format!(
            "kindly summary{}: {from} to {}, {} {}",
            self.name.map(|n| format!(" for {n}")).unwrap_or_default(),
            until.format("%-d %B %Y"),
            self.weeks(),
            if self.weeks() == 1 { "week" } else { "weeks" }
        )
    }
}

pub fn num(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| format!("{v:.1}"))
}

/// The first page's sentences, shared by both formats.
pub fn at_a_glance(s: &Source<'_>, f: &Figures) -> Vec<String> {
    let span = s.trends.span;
    let mut out = vec![];
    out.push(if f.days == 0 {
        "The journal begins after this period.".into()
    } else {
        format!(
            "Check-ins on {} of {} days ({} check-ins{}).",
            f.days_with,
            f.days,
            f.checkins,
            if f.days < (span.until - span.from).num_days() as usize + 1 {
                ", counting from the journal's first day"
            } else {
                ""
            }
        )
    });
    if let (Some(m), Some(lo), Some(hi)) = (f.mood, f.low, f.high) {
        out.push(format!(
            "Mood (1 to 10): mean {m:.1}, from {lo:.0} to {hi:.0}; {}.",
            compared(m, f.previous, s.weeks())
        ));
    }
    let c = &s.trends.critic;
    if c.count > 0 {
        let mut line = format!(
            "{} thought {}",
            c.count,
            if c.count == 1 { "record" } else { "records" }
        );
        if let Some(b) = c.mean_belief_relief {
            let _ = write!(
                line,
                "; after reframing, belief eased {b:.0} points on average"
            );
        }
        if let Some(i) = c.mean_intensity_relief {
            let _ = write!(line, " and the feelings {i:.0}");
        }
        out.push(line + ".");
    }
    if f.breaks > 0 {
        out.push(format!(
            "{} self-compassion {}; mood {} before and {} after, on average.",
            f.breaks,
            if f.breaks == 1 { "break" } else { "breaks" },
            num(f.break_before),
            num(f.break_after)
        ));
    }
    out
}

/// A gap in plain words, never as a failure.
pub fn gap_line(from: NaiveDate, to: NaiveDate) -> String {
    format!("No check-ins {}.", stretch(from, to))
}
