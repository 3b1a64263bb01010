//! The person's own measures in `kindly trends`: each one's weekly figures and mood beside
//! it, read from the journal and told as text (the JSON carries the same figures).

use std::fmt::Write as _;

use super::shared::CliError;
use crate::insights::measures::{MeasureTrend, measure_trends};
use crate::insights::{Trends, WeekStart, sparkline};
use crate::store::Store;

/// The measures over the trends' own span.
pub fn load(store: &Store, t: &Trends, start: WeekStart) -> Result<Vec<MeasureTrend>, CliError> {
    let (from, until) = (Some(t.span.from), Some(t.span.until));
    Ok(measure_trends(
        &store.measures()?,
        &store.checkin_readings_between(from, until)?,
        &store.day_readings_between(from, until)?,
        &t.days,
        t.span,
        start,
    ))
}

fn num(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| format!("{v:.1}"))
}

fn days(n: usize) -> String {
    format!("{n} day{}", if n == 1 { "" } else { "s" })
}

/// A section per measure: the weeks as a sparkline with the span's figure, then mood on
/// days with a yes and without, or mood by band of value, where three days or more stand
/// behind a figure.
pub fn text(measures: &[MeasureTrend]) -> String {
    let mut s = String::new();
    if measures.is_empty() {
        return s;
    }
    let _ = writeln!(s, "\nYour measures");
    for m in measures {
        let name = crate::domain::visible_line(&m.name);
        let unit = m
            .unit
            .as_deref()
            .map(|u| format!(" ({})", crate::domain::visible_line(u)))
            .unwrap_or_default();
        let values: Vec<Option<f64>> = m.weeks.iter().map(|w| w.value).collect();
        let hi = values
            .iter()
            .flatten()
            .copied()
            .fold(0.0, f64::max)
            .max(1.0);
        let _ = write!(s, "  {name}{unit}  {}", sparkline(&values, 0.0, hi));
        if m.days == 0 {
            let _ = writeln!(s, "  nothing recorded in these weeks");
            continue;
        }
        match (m.days_yes, m.days_no) {
            (Some(yes), Some(_)) => {
                let _ = writeln!(s, "  yes on {yes} of {} recorded", days(m.days));
                let (with, without) = (m.mood_days_yes.unwrap_or(0), m.mood_days_no.unwrap_or(0));
                if m.comparable() {
                    let _ = writeln!(
                        s,
                        "    mood on days with it {} ({}), without it {} ({})",
                        num(m.mood_yes),
                        days(with),
                        num(m.mood_no),
                        days(without)
                    );
                } else {
                    let _ = writeln!(
                        s,
                        "    not enough days to compare moods yet ({with} with, {without} without)"
                    );
                }
            }
            _ => {
                let _ = writeln!(s, "  {} recorded", days(m.days));
                let bands: Vec<String> = m
                    .bands
                    .iter()
                    .map(|b| match b.comparable() {
                        true => format!("{}: {} ({})", b.label, num(b.mood), days(b.days)),
                        false => format!("{}: {}, too few to say", b.label, days(b.days)),
                    })
                    .collect();
                let _ = writeln!(s, "    mood by {name}: {}", bands.join(" · "));
            }
        }
    }
    s
}
