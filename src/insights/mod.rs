//! Trend maths over domain values: day moods, weekly means, the moving average, ritual
//! impact, relief after reframing, breaks and the self-compassion parts. Pure: it takes
//! `until` as a parameter and never reads a clock, so the TUI, the CLI and the report all
//! show the same numbers, and every one can be recomputed from an export.

pub mod alike;
pub mod measures;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use crate::domain::{Break, DaySummary, Scale, Thought};

/// Which day weeks start on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WeekStart {
    #[default]
    Monday,
    Sunday,
}

impl WeekStart {
    /// The first day of the week `day` falls in.
    pub fn of(self, day: NaiveDate) -> NaiveDate {
        let back = match self {
            WeekStart::Monday => day.weekday().num_days_from_monday(),
            WeekStart::Sunday => day.weekday().num_days_from_sunday(),
        };
        day - Duration::days(i64::from(back))
    }
}

/// The days a trend covers: whole weeks, the last of which holds `until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub from: NaiveDate,
    pub until: NaiveDate,
}

impl Span {
    /// `weeks` whole weeks ending with the week of `until`; `None` reaches back to the week
    /// of `earliest` (or just this week when there is nothing yet).
    pub fn new(
        until: NaiveDate,
        weeks: Option<u32>,
        start: WeekStart,
        earliest: Option<NaiveDate>,
    ) -> Self {
        let last_week = start.of(until);
        let from = match (weeks, earliest) {
            (Some(n), _) => last_week - Duration::weeks(i64::from(n.max(1)) - 1),
            (None, Some(e)) if e < until => start.of(e),
            (None, _) => last_week,
        };
        Span { from, until }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        day >= self.from && day <= self.until
    }

    /// The same span without the weeks before the journal `began` (its first record):
    /// nothing is shown of a time before there was anything to show. With nothing yet,
    /// only the last week.
    pub fn since(self, began: Option<NaiveDate>, start: WeekStart) -> Self {
        let first = start.of(began.unwrap_or(self.until).min(self.until));
        Span {
            from: self.from.max(first),
            until: self.until,
        }
    }

    /// Every day of the span, in order.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.from.iter_days().take_while(|d| *d <= self.until)
    }

    /// The start of every week in the span, in order.
    pub fn week_starts(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.from.iter_weeks().take_while(|d| *d <= self.until)
    }
}

/// The mean of some values; none of none.
pub fn mean(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values
        .into_iter()
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// The 7-day moving average on each day of the span: the mean of the day moods present in
/// the seven days ending that day, or none when there are none.
pub fn moving_average(days: &[DaySummary], span: Span) -> Vec<(NaiveDate, Option<f64>)> {
    // One pass with a sliding window over the (sorted) days: ten years stays quick.
    let mut sorted: Vec<&DaySummary> = days.iter().collect();
    sorted.sort_by_key(|d| d.day);
    let (mut lo, mut hi) = (0usize, 0usize);
    span.days()
        .map(|d| {
            while hi < sorted.len() && sorted[hi].day <= d {
                hi += 1;
            }
            while lo < hi && sorted[lo].day <= d - Duration::days(7) {
                lo += 1;
            }
            // At most seven days: summed afresh, so figures match the definition exactly.
            (d, mean(sorted[lo..hi].iter().map(|s| s.mood)))
        })
        .collect()
}

/// The span's days grouped by week (index 0 is the week starting `span.from`).
fn by_week(days: &[DaySummary], span: Span) -> Vec<Vec<&DaySummary>> {
    let mut weeks: Vec<Vec<&DaySummary>> = vec![Vec::new(); span.week_starts().count()];
    let mut sorted: Vec<&DaySummary> = days.iter().filter(|d| span.contains(d.day)).collect();
    sorted.sort_by_key(|d| d.day);
    for d in sorted {
        let i = ((d.day - span.from).num_days() / 7) as usize;
        if let Some(w) = weeks.get_mut(i) {
            w.push(d);
        }
    }
    weeks
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Week {
    pub start: NaiveDate,
    /// Days with at least one check-in.
    pub days: usize,
    /// Mean, lowest and highest of the week's day moods.
    pub mean: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// Each week of the span: a day with five check-ins counts once.
pub fn weeks(days: &[DaySummary], span: Span) -> Vec<Week> {
    span.week_starts()
        .zip(by_week(days, span))
        .map(|(start, week)| {
            let moods: Vec<f64> = week.iter().map(|d| d.mood).collect();
            Week {
                start,
                days: moods.len(),
                mean: mean(moods.iter().copied()),
                min: moods.iter().copied().reduce(f64::min),
                max: moods.iter().copied().reduce(f64::max),
            }
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RitualImpact {
    pub name: String,
    pub days_with: usize,
    pub mean_with: Option<f64>,
    pub days_without: usize,
    pub mean_without: Option<f64>,
}

/// Days needed on each side before a comparison means anything.
pub const ENOUGH_DAYS: usize = 3;

impl RitualImpact {
    /// Whether both sides have enough days to compare.
    pub fn comparable(&self) -> bool {
        self.days_with >= ENOUGH_DAYS && self.days_without >= ENOUGH_DAYS
    }
}

/// For each ritual seen in the span: mean day mood on days with it against days (with
/// check-ins) without it. Most practised first.
pub fn ritual_impact(days: &[DaySummary], span: Span) -> Vec<RitualImpact> {
    let days: Vec<&DaySummary> = days.iter().filter(|d| span.contains(d.day)).collect();
    let mut names: Vec<&String> = days.iter().flat_map(|d| d.rituals.iter()).collect();
    names.sort();
    names.dedup();
    let mut out: Vec<RitualImpact> = names
        .into_iter()
        .map(|name| {
            let (with, without): (Vec<&&DaySummary>, Vec<&&DaySummary>) =
                days.iter().partition(|d| d.rituals.contains(name));
            RitualImpact {
                name: name.clone(),
                days_with: with.len(),
                mean_with: mean(with.iter().map(|d| d.mood)),
                days_without: without.len(),
                mean_without: mean(without.iter().map(|d| d.mood)),
            }
        })
        .collect();
    out.sort_by(|a, b| b.days_with.cmp(&a.days_with).then(a.name.cmp(&b.name)));
    out
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriticSummary {
    pub count: usize,
    /// Records per week of the span: (week start, records).
    #[serde(skip)]
    pub per_week: Vec<(NaiveDate, usize)>,
    /// Mean of belief before − after, over records rated both times.
    pub mean_belief_relief: Option<f64>,
    /// Mean drop in mean emotion intensity, over records with emotions rated both times.
    pub mean_intensity_relief: Option<f64>,
    /// How often each answer to "is this thought helping or hurting me?" was given, in the
    /// order of [`crate::domain::Helps::ALL`]. Not in `kindly trends --format json`, whose
    /// shape scripts rely on.
    #[serde(skip)]
    pub helps: [usize; 4],
}

pub fn critic(thoughts: &[Thought], span: Span, start: WeekStart) -> CriticSummary {
    let inside: Vec<&Thought> = thoughts.iter().filter(|t| span.contains(t.day())).collect();
    CriticSummary {
        count: inside.len(),
        per_week: {
            let mut counts = vec![0usize; span.week_starts().count()];
            for t in &inside {
                let week = ((start.of(t.day()) - span.from).num_days() / 7) as usize;
                if let Some(n) = counts.get_mut(week) {
                    *n += 1;
                }
            }
            span.week_starts().zip(counts).collect()
        },
        mean_belief_relief: mean(
            inside
                .iter()
                .filter_map(|t| t.belief_relief())
                .map(f64::from),
        ),
        mean_intensity_relief: mean(inside.iter().filter_map(|t| t.intensity_relief())),
        helps: crate::domain::Helps::ALL
            .map(|h| inside.iter().filter(|t| t.helps == Some(h)).count()),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakSummary {
    pub count: usize,
    pub mean_before: Option<f64>,
    /// Over breaks where a mood after was given.
    pub mean_after: Option<f64>,
}

pub fn breaks(breaks: &[Break], span: Span) -> BreakSummary {
    let inside: Vec<&Break> = breaks
        .iter()
        .filter(|b| span.contains(b.at.date_naive()))
        .collect();
    BreakSummary {
        count: inside.len(),
        mean_before: mean(inside.iter().map(|b| f64::from(b.mood_before.get()))),
        mean_after: mean(
            inside
                .iter()
                .filter_map(|b| b.mood_after)
                .map(|m| f64::from(m.get())),
        ),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartsWeek {
    pub start: NaiveDate,
    pub kindness: Option<f64>,
    pub humanity: Option<f64>,
    pub mindfulness: Option<f64>,
}

/// Weekly means of the three self-compassion parts, over days where each was rated.
pub fn parts(days: &[DaySummary], span: Span) -> Vec<PartsWeek> {
    span.week_starts()
        .zip(by_week(days, span))
        .map(|(start, week)| {
            let part = |i: usize| mean(week.iter().filter_map(|d| d.parts[i]));
            PartsWeek {
                start,
                kindness: part(0),
                humanity: part(1),
                mindfulness: part(2),
            }
        })
        .collect()
}

/// Everything the trends view, the trends command and the report show.
#[derive(Debug, Clone, PartialEq)]
pub struct Trends {
    pub span: Span,
    pub days: Vec<DaySummary>,
    pub moving: Vec<(NaiveDate, Option<f64>)>,
    pub weeks: Vec<Week>,
    pub rituals: Vec<RitualImpact>,
    pub critic: CriticSummary,
    pub breaks: BreakSummary,
    pub parts: Vec<PartsWeek>,
}

impl Trends {
    pub fn new(
        days: Vec<DaySummary>,
        thoughts: &[Thought],
        all_breaks: &[Break],
        span: Span,
        start: WeekStart,
    ) -> Self {
        let days: Vec<DaySummary> = days.into_iter().filter(|d| span.contains(d.day)).collect();
        Trends {
            moving: moving_average(&days, span),
            weeks: weeks(&days, span),
            rituals: ritual_impact(&days, span),
            critic: critic(thoughts, span, start),
            breaks: breaks(all_breaks, span),
            parts: parts(&days, span),
            span,
            days,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.days.is_empty() && self.critic.count == 0 && self.breaks.count == 0
    }
}

/// A row of block characters for a series of values from `lo` to `hi` (gaps as spaces).
pub fn sparkline(values: &[Option<f64>], lo: f64, hi: f64) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .iter()
        .map(|v| match v {
            Some(v) => {
                let t = ((v - lo) / (hi - lo)).clamp(0.0, 1.0);
                BARS[(t * 7.0).round() as usize]
            }
            None => ' ',
        })
        .collect()
}

#[cfg(test)]
mod tests;
