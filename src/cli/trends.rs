//! `kindly trends`: mood, rituals and practice over weeks, as text or JSON.

use super::shared::Format;
use std::fmt::Write as _;

use clap::Args;
use serde::Serialize;

use super::shared::CliError;
use crate::domain::time;
use crate::insights::{BreakSummary, RitualImpact, Span, Trends, Week, WeekStart, sparkline};
use crate::store::Store;

#[derive(Debug, Args)]
pub struct TrendsArgs {
    /// How many weeks to look back over, ending with the week of --until
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=1040))]
    weeks: u32,
    /// The last day to include (YYYY-MM-DD); default today
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub struct Plan {
    span: Span,
    start: WeekStart,
    format: Format,
}

/// `--until` if given, else today.
pub fn until(flag: Option<&str>) -> Result<chrono::NaiveDate, CliError> {
    Ok(match flag {
        Some(d) => crate::domain::when::read_day("--until", d, time::now_local().date_naive())?,
        None => time::now_local().date_naive(),
    })
}

impl TrendsArgs {
    pub fn validate(self, start: WeekStart) -> Result<Plan, CliError> {
        let until = until(self.until.as_deref())?;
        Ok(Plan {
            span: Span::new(until, Some(self.weeks), start, None),
            start,
            format: self.format,
        })
    }
}

/// The trends of `span`, from the week the journal began at the earliest (as the TUI
/// shows them): nothing is drawn of weeks before there was anything to draw.
pub fn load(store: &Store, span: Span, start: WeekStart) -> Result<Trends, CliError> {
    let span = span.since(store.earliest_day()?, start);
    let (days, thoughts, breaks) = store.trend_inputs(span.from, span.until)?;
    Ok(Trends::new(days, &thoughts, &breaks, span, start))
}

/// The JSON shape of `kindly trends --format json`; numbers unrounded.
#[derive(Serialize)]
struct Json<'a> {
    until: chrono::NaiveDate,
    weeks: &'a [Week],
    rituals: &'a [RitualImpact],
    thoughts: &'a crate::insights::CriticSummary,
    breaks: &'a BreakSummary,
    parts: &'a [crate::insights::PartsWeek],
    /// The person's own measures; left out when there are none.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    measures: &'a [crate::insights::measures::MeasureTrend],
}

pub fn run(store: &Store, plan: Plan) -> Result<(), CliError> {
    let t = load(store, plan.span, plan.start)?;
    let measures = super::trends_measures::load(store, &t, plan.start)?;
    let out = match plan.format {
        Format::Json => {
            let doc = Json {
                until: t.span.until,
                weeks: &t.weeks,
                rituals: &t.rituals,
                thoughts: &t.critic,
                breaks: &t.breaks,
                parts: &t.parts,
                measures: &measures,
            };
            let mut s = crate::io::json_out::to_string_pretty(&doc)
                .map_err(|e| CliError::Other(e.into()))?;
            s.push('\n');
            s
        }
        Format::Text => text(&t) + &super::trends_measures::text(&measures),
    };
    super::shared::write_stdout(out.as_bytes())
}

fn num(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| format!("{v:.1}"))
}

/// The plain-text report: a weekly table with a sparkline, rituals, critic and breaks.
pub fn text(t: &Trends) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Mood, {} to {}", t.span.from, t.span.until);
    if t.is_empty() {
        let _ = writeln!(
            s,
            "\nNothing recorded in these weeks yet. Patterns show once there are a few check-ins, whenever they come."
        );
        return s;
    }
    let _ = writeln!(s, "\nweek of      days  mean   low  high");
    for w in &t.weeks {
        let _ = writeln!(
            s,
            "{}  {:>4}  {:>4}  {:>4}  {:>4}  {}",
            w.start,
            w.days,
            num(w.mean),
            num(w.min),
            num(w.max),
            sparkline(&[w.mean], 1.0, 10.0)
        );
    }
    let means: Vec<Option<f64>> = t.weeks.iter().map(|w| w.mean).collect();
    let _ = writeln!(s, "\nweekly means  {}", sparkline(&means, 1.0, 10.0));
    let daily: Vec<Option<f64>> = t.moving.iter().map(|(_, v)| *v).collect();
    let _ = writeln!(s, "7-day average {}", sparkline(&daily, 1.0, 10.0));
    if !t.rituals.is_empty() {
        let _ = writeln!(s, "\nRituals: mean day mood on days with it / without it");
        for r in &t.rituals {
            if r.comparable() {
                let _ = writeln!(
                    s,
                    "  {:<18} {} ({} days)  /  {} ({} days)",
                    r.name,
                    num(r.mean_with),
                    r.days_with,
                    num(r.mean_without),
                    r.days_without
                );
            } else {
                let _ = writeln!(
                    s,
                    "  {:<18} not enough days yet ({} with, {} without)",
                    r.name, r.days_with, r.days_without
                );
            }
        }
    }
    let c = &t.critic;
    let _ = write!(
        s,
        "\nCritic: {} thought record{}",
        c.count,
        if c.count == 1 { "" } else { "s" }
    );
    if let Some(b) = c.mean_belief_relief {
        let _ = write!(s, "; belief eased {b:.1} points on average");
    }
    if let Some(i) = c.mean_intensity_relief {
        let _ = write!(s, "; feelings eased {i:.1}");
    }
    let _ = writeln!(s, ".");
    let b = &t.breaks;
    let _ = write!(s, "Breaks: {}", b.count);
    if b.count > 0 {
        let _ = write!(
            s,
            "; mood {} before, {} after, on average",
            num(b.mean_before),
            num(b.mean_after)
        );
    }
    let _ = writeln!(s, ".");
    s
}
