//! The person's own measures over a span of weeks: each week's figure (a mean, a sum, or
//! the days with a yes), and mood beside them (on days with a yes and without; by band of
//! value), with the days behind every figure. Pure: it is given values, never reads a clock.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::{ENOUGH_DAYS, Span, WeekStart, mean};
use crate::domain::{
    CheckinReading, DayReading, DaySummary, Measure, MeasureKind, Per, show_number,
};

/// One week of a measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureWeek {
    pub start: NaiveDate,
    /// Days of the week with a value.
    pub days: usize,
    /// The week's mean (scales, numbers), sum (counts), or days with a yes (yes/no).
    pub value: Option<f64>,
}

/// Mood on the days whose value fell in one band, `low` ≤ value < `high` (either open).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Band {
    pub label: String,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub days: usize,
    pub mood: Option<f64>,
}

impl Band {
    /// Whether enough days stand behind the mood to show it (as for rituals).
    pub fn comparable(&self) -> bool {
        self.days >= ENOUGH_DAYS
    }
}

/// A measure over the span.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureTrend {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub unit: Option<String>,
    /// Days of the span with a value.
    pub days: usize,
    pub weeks: Vec<MeasureWeek>,
    /// Yes/no: the days with a yes and with a no, and mood on those of them with a check-in.
    pub days_yes: Option<usize>,
    pub days_no: Option<usize>,
    pub mood_yes: Option<f64>,
    pub mood_no: Option<f64>,
    /// How many of the yes and no days had a mood to compare.
    pub mood_days_yes: Option<usize>,
    pub mood_days_no: Option<usize>,
    /// Numbers, scales and counts: mood by band of value, lowest band first.
    pub bands: Vec<Band>,
}

impl MeasureTrend {
    /// Whether a yes/no measure has enough days on each side to compare moods.
    pub fn comparable(&self) -> bool {
        self.mood_days_yes.unwrap_or(0) >= ENOUGH_DAYS
            && self.mood_days_no.unwrap_or(0) >= ENOUGH_DAYS
    }
}

/// A measure's value on each day of the span: the day's own for one kept per day; for one
/// kept per check-in, the day's check-ins' mean (a count: their sum; yes/no: yes if any).
pub fn day_values(
    m: &Measure,
    given: &[CheckinReading],
    days: &[DayReading],
    span: Span,
) -> BTreeMap<NaiveDate, f64> {
    let mut out = BTreeMap::new();
    if m.per == Per::Day {
        for d in days
            .iter()
            .filter(|d| d.reading.measure == m.id && span.contains(d.day))
        {
            out.insert(d.day, d.reading.value.get());
        }
        return out;
    }
    let mut by_day: BTreeMap<NaiveDate, Vec<f64>> = BTreeMap::new();
    for r in given
        .iter()
        .filter(|r| r.reading.measure == m.id && span.contains(r.day))
    {
        by_day.entry(r.day).or_default().push(r.reading.value.get());
    }
    for (day, vs) in by_day {
        let v = match m.kind {
            MeasureKind::YesNo => vs.iter().copied().fold(0.0, f64::max),
            MeasureKind::Count => vs.iter().sum(),
            _ => vs.iter().sum::<f64>() / vs.len() as f64,
        };
        out.insert(day, v);
    }
    out
}

/// Every measure over the span, in the journal's order (hidden ones only where they hold
/// values in it).
pub fn measure_trends(
    measures: &[Measure],
    given: &[CheckinReading],
    days: &[DayReading],
    moods: &[DaySummary],
    span: Span,
    start: WeekStart,
) -> Vec<MeasureTrend> {
    let mood: BTreeMap<NaiveDate, f64> = moods
        .iter()
        .filter(|d| span.contains(d.day))
        .map(|d| (d.day, d.mood))
        .collect();
    measures
        .iter()
        .map(|m| (m, day_values(m, given, days, span)))
        .filter(|(m, values)| !m.hidden || !values.is_empty())
        .map(|(m, values)| trend(m, &values, &mood, span, start))
        .collect()
}

fn trend(
    m: &Measure,
    values: &BTreeMap<NaiveDate, f64>,
    mood: &BTreeMap<NaiveDate, f64>,
    span: Span,
    start: WeekStart,
) -> MeasureTrend {
    let first = start.of(span.from);
    let weeks = first
        .iter_weeks()
        .take_while(|w| *w <= span.until)
        .map(|w| {
            let week: Vec<f64> = values
                .range(w..w + Duration::days(7))
                .map(|(_, v)| *v)
                .collect();
            let value = match m.kind {
                _ if week.is_empty() => None,
                MeasureKind::YesNo => Some(week.iter().filter(|v| **v >= 0.5).count() as f64),
                MeasureKind::Count => Some(week.iter().sum()),
                _ => mean(week.iter().copied()),
            };
            MeasureWeek {
                start: w,
                days: week.len(),
                value,
            }
        })
        .collect();
    let with_mood = |keep: &dyn Fn(f64) -> bool| -> (usize, Option<f64>) {
        let moods: Vec<f64> = values
            .iter()
            .filter(|(_, v)| keep(**v))
            .filter_map(|(d, _)| mood.get(d).copied())
            .collect();
        (moods.len(), mean(moods))
    };
    let mut t = MeasureTrend {
        id: m.id.to_string(),
        name: m.name.clone(),
        kind: m.kind.as_str(),
        unit: m.unit.clone(),
        days: values.len(),
        weeks,
        days_yes: None,
        days_no: None,
        mood_yes: None,
        mood_no: None,
        mood_days_yes: None,
        mood_days_no: None,
        bands: Vec::new(),
    };
    if m.kind == MeasureKind::YesNo {
        let yes = values.values().filter(|v| **v >= 0.5).count();
        t.days_yes = Some(yes);
        t.days_no = Some(values.len() - yes);
        let (n, avg) = with_mood(&|v| v >= 0.5);
        (t.mood_days_yes, t.mood_yes) = (Some(n), avg);
        let (n, avg) = with_mood(&|v| v < 0.5);
        (t.mood_days_no, t.mood_no) = (Some(n), avg);
        return t;
    }
    t.bands = cuts(m, values)
        .into_iter()
        .map(|(low, high)| {
            let inside = |v: f64| low.is_none_or(|l| v >= l) && high.is_none_or(|h| v < h);
            let (days, mood) = with_mood(&inside);
            Band {
                label: band_label(m, low, high),
                low,
                high,
                days,
                mood,
            }
        })
        .collect();
    t
}

/// Where a measure's bands begin and end. A scale's range in three (0–3, 4–7, 8–10); a
/// number's or a count's at the thirds of its values in the span, to the unit, so each band
/// holds about a third of the days.
pub fn cuts(m: &Measure, values: &BTreeMap<NaiveDate, f64>) -> Vec<(Option<f64>, Option<f64>)> {
    let points: Vec<f64> = match (m.kind, m.min, m.max) {
        (MeasureKind::Scale, Some(lo), Some(hi)) => {
            let width = hi - lo + 1;
            vec![
                (lo + (width + 2) / 3) as f64,
                (lo + (2 * width + 2) / 3) as f64,
            ]
        }
        _ => {
            let mut sorted: Vec<f64> = values.values().copied().collect();
            sorted.sort_by(f64::total_cmp);
            if sorted.is_empty() {
                return Vec::new();
            }
            let at = |q: usize| sorted[(sorted.len() * q / 3).min(sorted.len() - 1)].round();
            vec![at(1), at(2)]
        }
    };
    let mut points: Vec<f64> = points;
    points.dedup();
    let mut out = Vec::new();
    let mut low = None;
    for p in points {
        if low.is_none_or(|l| p > l) {
            out.push((low, Some(p)));
            low = Some(p);
        }
    }
    out.push((low, None));
    out
}

fn band_label(m: &Measure, low: Option<f64>, high: Option<f64>) -> String {
    let n = |v: f64| show_number(v, m.decimals);
    let whole = matches!(m.kind, MeasureKind::Scale | MeasureKind::Count);
    match (low, high) {
        (None, None) => "all".into(),
        (None, Some(h)) if whole => format!("up to {}", n(h - 1.0)),
        (None, Some(h)) => format!("under {}", n(h)),
        (Some(l), None) => format!("{} and over", n(l)),
        (Some(l), Some(h)) if whole => format!("{} to {}", n(l), n(h - 1.0)),
        (Some(l), Some(h)) => format!("{} to under {}", n(l), n(h)),
    }
}
