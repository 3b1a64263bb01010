//! The summary to bring to a therapy session: a first page a clinician can read in two
//! minutes (the period, days with check-ins, the mood against the period before, and what
//! the person chose to bring up, in their own words), then week by week, emotions, the
//! inner critic, breaks, the mood by weekday and time of day, rituals, and gaps said
//! plainly. Markdown, or one self-contained HTML page that prints (inline SVG, no scripts,
//! no outside requests). Figures only, beyond what the person chose, unless notes are
//! asked for.

mod figures;
mod html;

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::domain::{Break, CheckIn, Scale, SessionMark, Thought};
use crate::insights::{Trends, sparkline};
pub use figures::{Figures, figures};
use figures::{TIMES, WEEKDAYS, compared, stretch};
pub use html::html;

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
    fn title(&self) -> String {
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

pub(super) fn num(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| format!("{v:.1}"))
}

/// The first page's sentences, shared by both formats.
fn at_a_glance(s: &Source<'_>, f: &Figures) -> Vec<String> {
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
fn gap_line(from: NaiveDate, to: NaiveDate) -> String {
    format!("No check-ins {}.", stretch(from, to))
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

pub fn markdown(s: &Source<'_>) -> String {
    let t = s.trends;
    let f = s.figures();
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", one_line(&s.title()));
    for line in at_a_glance(s, &f) {
        let _ = writeln!(md, "- {line}");
    }
    if !s.marks.is_empty() {
        let _ = writeln!(md, "\n## To bring up\n");
        for (m, about) in s.marks {
            let _ = write!(
                md,
                "- {} · {}",
                m.added_at.format("%-d %b"),
                one_line(about)
            );
            if let Some(note) = &m.note {
                let _ = write!(md, " — {}", one_line(note));
            }
            md.push('\n');
        }
    }
    let series = |get: &dyn Fn(&figures::WeekRow) -> Option<f64>| -> Vec<Option<f64>> {
        f.weeks.iter().map(get).collect()
    };
    let _ = writeln!(md, "\n## Week by week\n");
    for (name, values, lo, hi) in [
        ("mood (1–10)", series(&|w| w.mood), 1.0, 10.0),
        ("energy (1–10)", series(&|w| w.energy), 1.0, 10.0),
        ("kindness (1–5)", series(&|w| w.parts[0]), 1.0, 5.0),
        ("common humanity (1–5)", series(&|w| w.parts[1]), 1.0, 5.0),
        ("mindfulness (1–5)", series(&|w| w.parts[2]), 1.0, 5.0),
    ] {
        let _ = writeln!(md, "- {name}: `{}`", sparkline(&values, lo, hi));
    }
    let _ = writeln!(
        md,
        "\n| week of | check-ins | mood | energy | kindness | humanity | mindfulness | thought records | belief eased | feelings eased |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for w in &f.weeks {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            w.start.format("%-d %b"),
            w.checkins,
            num(w.mood),
            num(w.energy),
            num(w.parts[0]),
            num(w.parts[1]),
            num(w.parts[2]),
            w.thoughts,
            num(w.belief_relief),
            num(w.intensity_relief)
        );
    }
    if !f.emotions.is_empty() || !f.felt.is_empty() {
        let _ = writeln!(md, "\n## Emotions\n");
        if !f.emotions.is_empty() {
            let list: Vec<String> = f
                .emotions
                .iter()
                .map(|(e, n)| format!("{e} ({n})"))
                .collect();
            let _ = writeln!(md, "Noticed most in check-ins: {}.\n", list.join(", "));
        }
        if !f.felt.is_empty() {
            let _ = writeln!(
                md,
                "Rated in thought records (0–100), before and after reframing:\n\n| emotion | records | before | after |\n|---|---:|---:|---:|"
            );
            for e in &f.felt {
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {} |",
                    e.name,
                    e.records,
                    num(e.before),
                    num(e.after)
                );
            }
        }
    }
    if !f.voices.is_empty() || !f.traps.is_empty() {
        let _ = writeln!(md, "\n## The inner critic\n");
        if !f.voices.is_empty() {
            let _ = writeln!(
                md,
                "| voice that came back | records | belief eased, earlier | lately |\n|---|---:|---:|---:|"
            );
            for v in &f.voices {
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {} |",
                    v.name,
                    v.records,
                    num(v.earlier),
                    num(v.later)
                );
            }
            md.push('\n');
        }
        if !f.traps.is_empty() {
            let list: Vec<String> = f.traps.iter().map(|(v, n)| format!("{v} ({n})")).collect();
            let _ = writeln!(md, "Thinking traps noticed most: {}.", list.join(", "));
        }
    }
    if f.checkins > 0 {
        let _ = writeln!(
            md,
            "\n## When\n\n| | {} |\n|---|{}",
            WEEKDAYS.join(" | "),
            "---:|".repeat(7)
        );
        let cells: Vec<String> = f.weekdays.iter().map(|c| num(c.mean)).collect();
        let ns: Vec<String> = f.weekdays.iter().map(|c| c.n.to_string()).collect();
        let _ = writeln!(
            md,
            "| mood | {} |\n| check-ins | {} |\n",
            cells.join(" | "),
            ns.join(" | ")
        );
        let _ = writeln!(md, "| time of day | mood | check-ins |\n|---|---:|---:|");
        for (name, c) in TIMES.iter().zip(f.times.iter()) {
            let _ = writeln!(md, "| {name} | {} | {} |", num(c.mean), c.n);
        }
    }
    if t.rituals.iter().any(|r| r.comparable()) {
        let _ = writeln!(
            md,
            "\n## Gentle rituals\n\nMean day mood on days with the ritual, and without it.\n\n| ritual | with | days | without | days |\n|---|---:|---:|---:|---:|"
        );
        for r in t.rituals.iter().filter(|r| r.comparable()) {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} |",
                r.name,
                num(r.mean_with),
                r.days_with,
                num(r.mean_without),
                r.days_without
            );
        }
    }
    if !f.gaps.is_empty() {
        let _ = writeln!(md, "\n## Quieter stretches\n");
        for (a, b) in &f.gaps {
            let _ = writeln!(md, "- {}", gap_line(*a, *b));
        }
    }
    if s.include_notes {
        let _ = writeln!(md, "\n## In your own words\n");
        for c in s.checkins.iter().filter(|c| c.note.is_some()) {
            let _ = writeln!(
                md,
                "- {} (mood {}): {}",
                c.at.format("%Y-%m-%d %H:%M"),
                c.mood.get(),
                one_line(c.note.as_deref().unwrap_or_default())
            );
        }
        for th in s.thoughts.iter().filter(|t| t.reframe.is_some()) {
            let _ = writeln!(
                md,
                "- {}: “{}” → “{}”",
                th.at.format("%Y-%m-%d"),
                one_line(&th.thought),
                one_line(th.reframe.as_deref().unwrap_or_default())
            );
        }
    }
    let _ = writeln!(
        md,
        "\n_Made by kindly, a self-compassion journal. Not a clinical assessment._"
    );
    crate::domain::visible_markdown(&md)
}
