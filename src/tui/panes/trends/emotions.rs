//! Trends › Emotions: the emotions noticed week by week, those rated in thought records
//! before and after reframing, and the mood by weekday. The figures are the report's own
//! (`io::report::figures`), so the pane and the report always agree.

use chrono::NaiveDate;
use ratatui::text::{Line, Span as TextSpan};

use crate::insights::{Span, WeekStart, sparkline};
use crate::store::{Result, Store};
use crate::tui::theme::Theme;
use crate::tui::widgets::shown;

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// How many of the emotions noticed most are drawn, week by week.
const NOTICED: usize = 6;

#[derive(Debug, Clone, PartialEq)]
pub struct Emotions {
    /// The emotions noticed most in check-ins: name, times, times each week.
    pub noticed: Vec<(String, usize, Vec<usize>)>,
    /// Emotions rated in thought records: name, records, mean intensity before and after.
    pub felt: Vec<(String, usize, Option<f64>, Option<f64>)>,
    /// Monday to Sunday: the mean day mood and the check-ins behind it.
    pub weekdays: [(Option<f64>, usize); 7],
}

impl Emotions {
    pub fn is_empty(&self) -> bool {
        self.noticed.is_empty() && self.felt.is_empty() && self.weekdays.iter().all(|w| w.1 == 0)
    }
}

/// `thoughts` are the span's records, as the pane has already read them.
pub fn load(
    store: &Store,
    span: Span,
    start: WeekStart,
    thoughts: &[crate::domain::Thought],
) -> Result<Emotions> {
    let checkins = store.checkins_between(Some(span.from), Some(span.until))?;
    let f = crate::io::report::figures(span, &checkins, thoughts, &[], &[], None);
    let weeks: Vec<NaiveDate> = span.week_starts().collect();
    let noticed = f
        .emotions
        .iter()
        .take(NOTICED)
        .map(|(name, n)| {
            let mut per_week = vec![0usize; weeks.len()];
            for c in &checkins {
                if c.emotions.iter().any(|e| e.as_str() == name) {
                    let w = ((start.of(c.day()) - span.from).num_days() / 7) as usize;
                    if let Some(slot) = per_week.get_mut(w) {
                        *slot += 1;
                    }
                }
            }
            (name.clone(), *n, per_week)
        })
        .collect();
    let felt = f
        .felt
        .iter()
        .map(|x| (x.name.clone(), x.records, x.before, x.after))
        .collect();
    let mut weekdays = [(None, 0); 7];
    for (i, cell) in f.weekdays.iter().enumerate() {
        weekdays[i] = (cell.mean, cell.n);
    }
    // The report's weekdays start on Monday; so does this view, whatever the week start.
    Ok(Emotions {
        noticed,
        felt,
        weekdays,
    })
}

/// The view's lines for a pane `width` columns wide.
pub fn lines(e: &Emotions, width: u16, t: &Theme) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = vec![Line::from(TextSpan::styled(
        "Emotions you noticed, week by week",
        t.title,
    ))];
    if e.noticed.is_empty() {
        lines.push(Line::from(TextSpan::styled(
            "None named in these weeks; pick a few when you check in.",
            t.muted,
        )));
    }
    let name_w = e
        .noticed
        .iter()
        .map(|(n, ..)| n.chars().count())
        .max()
        .unwrap_or(0)
        .min(14);
    for (name, n, weeks) in &e.noticed {
        let most = weeks.iter().copied().max().unwrap_or(0).max(1) as f64;
        // A week without it shows as a gap, not as the lowest bar.
        let values: Vec<Option<f64>> = weeks
            .iter()
            .map(|w| (*w > 0).then_some(*w as f64))
            .collect();
        let name: String = shown(name).chars().take(name_w).collect();
        lines.push(Line::from(vec![
            TextSpan::styled(format!("{name:<name_w$} "), t.text),
            TextSpan::styled(sparkline(&values, 1.0, most.max(2.0)), t.accent),
            TextSpan::styled(format!(" {n}×"), t.muted),
        ]));
    }
    if !e.felt.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::from(TextSpan::styled(
            "In thought records: strength before → after reframing",
            t.title,
        )));
        for (name, records, before, after) in e.felt.iter().take(5) {
            let pct = |v: &Option<f64>| v.map_or("–".to_string(), |v| format!("{v:.0}%"));
            lines.push(Line::from(vec![
                TextSpan::styled(format!("{:<14} ", shown(name)), t.text),
                TextSpan::styled(format!("{} → {}", pct(before), pct(after)), t.accent),
                TextSpan::styled(
                    format!(
                        "  ({records} record{})",
                        if *records == 1 { "" } else { "s" }
                    ),
                    t.muted,
                ),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(TextSpan::styled(
        "Mood by weekday (check-ins behind each)",
        t.title,
    )));
    // The days are laid out here, a whole day at a time, so a row breaks between days and
    // never inside one ("Mon 6.2 (3)" stays together).
    let mut row: Vec<TextSpan<'static>> = Vec::new();
    let mut used = 0;
    for (name, (mean, n)) in WEEKDAYS.iter().zip(e.weekdays) {
        let value = mean.map_or("–".to_string(), |m| format!("{m:.1}"));
        let count = format!(" ({n})");
        let w = name.chars().count() + 1 + value.chars().count() + count.chars().count();
        if used > 0 && used + 2 + w > usize::from(width) {
            lines.push(Line::from(std::mem::take(&mut row)));
            used = 0;
        }
        if used > 0 {
            row.push(TextSpan::raw("  "));
            used += 2;
        }
        row.push(TextSpan::styled(format!("{name} "), t.muted));
        row.push(TextSpan::styled(value, t.text));
        row.push(TextSpan::styled(count, t.muted));
        used += w;
    }
    lines.push(Line::from(row));
    lines
}
