//! The figures a clinician looks at, computed once for both formats: the period at a
//! glance against the one before, week by week (mood, energy, the three self-compassion
//! parts, thought records and their relief), emotions, voices and traps, breaks, the mood
//! by weekday and time of day, and gaps said plainly. Pure: no I/O.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, Timelike};

use crate::domain::{Break, CheckIn, DaySummary, Scale, Thought, summarise_days};
use crate::insights::{Span, mean};

/// One week's row.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekRow {
    pub start: NaiveDate,
    pub checkins: usize,
    pub mood: Option<f64>,
    pub energy: Option<f64>,
    /// Kindness, common humanity, mindfulness (1–5).
    pub parts: [Option<f64>; 3],
    pub thoughts: usize,
    /// Mean points the belief in the thought eased after reframing, and the feelings.
    pub belief_relief: Option<f64>,
    pub intensity_relief: Option<f64>,
}

/// An emotion rated in thought records: how strong before and after reframing.
#[derive(Debug, Clone, PartialEq)]
pub struct Felt {
    pub name: String,
    pub records: usize,
    pub before: Option<f64>,
    pub after: Option<f64>,
}

/// A voice that came back, and how the relief after answering it changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Voice {
    pub name: String,
    pub records: usize,
    /// Mean belief relief over the earlier and the later half of its records.
    pub earlier: Option<f64>,
    pub later: Option<f64>,
}

/// A mean and how many check-ins it stands on.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Cell {
    pub mean: Option<f64>,
    pub n: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// The days the period covers since the journal began, and those with a check-in.
    pub days: usize,
    pub days_with: usize,
    pub checkins: usize,
    pub mood: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// The mood mean in the period of the same length just before.
    pub previous: Option<f64>,
    pub weeks: Vec<WeekRow>,
    /// Emotions named in check-ins, most often first.
    pub emotions: Vec<(String, usize)>,
    pub felt: Vec<Felt>,
    pub voices: Vec<Voice>,
    pub traps: Vec<(String, usize)>,
    pub breaks: usize,
    pub break_before: Option<f64>,
    pub break_after: Option<f64>,
    /// Monday to Sunday.
    pub weekdays: [Cell; 7],
    /// Night (0–6), morning (6–12), afternoon (12–18), evening (18–24).
    pub times: [Cell; 4],
    /// Stretches of three days or more without a check-in (first day, last day).
    pub gaps: Vec<(NaiveDate, NaiveDate)>,
}

pub const TIMES: [&str; 4] = [
    "night (0–6)",
    "morning (6–12)",
    "afternoon (12–18)",
    "evening (18–24)",
];
pub const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

fn tally<'a>(names: impl Iterator<Item = &'a str>, keep: usize) -> Vec<(String, usize)> {
    let mut m: BTreeMap<String, usize> = BTreeMap::new();
    for n in names {
        *m.entry(n.to_string()).or_default() += 1;
    }
    let mut v: Vec<(String, usize)> = m.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(keep);
    v
}

/// The belief's relief as the domain counts it, so the report, Trends and the CLI agree.
fn belief_relief(t: &Thought) -> Option<f64> {
    t.belief_relief().map(f64::from)
}

/// The days of the period with no check-in, as stretches of at least three days.
fn gaps(checkins: &[CheckIn], from: NaiveDate, until: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let lived: std::collections::BTreeSet<NaiveDate> = checkins.iter().map(CheckIn::day).collect();
    let mut out = Vec::new();
    let mut start: Option<NaiveDate> = None;
    let mut d = from;
    while d <= until {
        match (lived.contains(&d), start) {
            (false, None) => start = Some(d),
            (true, Some(s)) => {
                if (d - s).num_days() >= 3 {
                    out.push((s, d - Duration::days(1)));
                }
                start = None;
            }
            _ => {}
        }
        d += Duration::days(1);
    }
    if let Some(s) = start
        && (until - s).num_days() + 1 >= 3
    {
        out.push((s, until));
    }
    out
}

/// `first_day` is the journal's first record: nothing before it is a gap.
pub fn figures(
    span: Span,
    checkins: &[CheckIn],
    thoughts: &[Thought],
    breaks: &[Break],
    previous: &[CheckIn],
    first_day: Option<NaiveDate>,
) -> Figures {
    let checkins: Vec<&CheckIn> = checkins.iter().filter(|c| span.contains(c.day())).collect();
    let thoughts: Vec<&Thought> = thoughts
        .iter()
        .filter(|t| span.contains(t.at.date_naive()))
        .collect();
    let breaks: Vec<&Break> = breaks
        .iter()
        .filter(|b| span.contains(b.at.date_naive()))
        .collect();
    let begun = first_day.map_or(span.until + Duration::days(1), |f| f.max(span.from));
    let days = if begun > span.until {
        0
    } else {
        (span.until - begun).num_days() as usize + 1
    };
    // Every mood, energy and part figure is a mean of day means, as in the TUI and
    // `kindly trends`: a day with five check-ins counts once.
    let lived = summarise_days(&checkins.iter().map(|c| (*c).clone()).collect::<Vec<_>>());
    let moods: Vec<f64> = checkins.iter().map(|c| f64::from(c.mood.get())).collect();
    let week_of = |d: NaiveDate| ((d - span.from).num_days() / 7) as usize;
    let mut weeks: Vec<WeekRow> = span
        .week_starts()
        .map(|start| WeekRow {
            start,
            checkins: 0,
            mood: None,
            energy: None,
            parts: [None; 3],
            thoughts: 0,
            belief_relief: None,
            intensity_relief: None,
        })
        .collect();
    for (i, w) in weeks.iter_mut().enumerate() {
        let here: Vec<&DaySummary> = lived.iter().filter(|d| week_of(d.day) == i).collect();
        w.checkins = here.iter().map(|d| d.checkins as usize).sum();
        w.mood = mean(here.iter().map(|d| d.mood));
        w.energy = mean(here.iter().filter_map(|d| d.energy));
        w.parts = [0, 1, 2].map(|k| mean(here.iter().filter_map(|d| d.parts[k])));
        let ts: Vec<&&Thought> = thoughts
            .iter()
            .filter(|t| week_of(t.at.date_naive()) == i)
            .collect();
        w.thoughts = ts.len();
        w.belief_relief = mean(ts.iter().filter_map(|t| belief_relief(t)));
        w.intensity_relief = mean(ts.iter().filter_map(|t| t.intensity_relief()));
    }
    let mut felt: BTreeMap<String, (usize, Vec<f64>, Vec<f64>)> = BTreeMap::new();
    for t in &thoughts {
        for e in &t.emotions {
            let entry = felt.entry(e.name.to_string()).or_default();
            entry.0 += 1;
            if let (Some(b), Some(a)) = (e.intensity, e.intensity_after) {
                entry.1.push(f64::from(b.get()));
                entry.2.push(f64::from(a.get()));
            }
        }
    }
    let mut felt: Vec<Felt> = felt
        .into_iter()
        .map(|(name, (records, before, after))| Felt {
            name,
            records,
            before: mean(before),
            after: mean(after),
        })
        .collect();
    felt.sort_by(|a, b| b.records.cmp(&a.records).then(a.name.cmp(&b.name)));
    felt.truncate(8);
    let mut by_voice: BTreeMap<String, Vec<&Thought>> = BTreeMap::new();
    for t in &thoughts {
        if let Some(v) = &t.voice {
            by_voice.entry(v.trim().to_string()).or_default().push(t);
        }
    }
    let mut voices: Vec<Voice> = by_voice
        .into_iter()
        .filter(|(_, ts)| ts.len() >= 2)
        .map(|(name, mut ts)| {
            ts.sort_by_key(|t| t.at);
            let half = ts.len() / 2;
            Voice {
                name,
                records: ts.len(),
                earlier: mean(ts[..half].iter().filter_map(|t| belief_relief(t))),
                later: mean(ts[half..].iter().filter_map(|t| belief_relief(t))),
            }
        })
        .collect();
    voices.sort_by(|a, b| b.records.cmp(&a.records).then(a.name.cmp(&b.name)));
    voices.truncate(5);
    let mut weekdays = [Cell::default(); 7];
    let mut times = [Cell::default(); 4];
    for (i, cell) in weekdays.iter_mut().enumerate() {
        let m: Vec<f64> = checkins
            .iter()
            .filter(|c| c.day().weekday().num_days_from_monday() as usize == i)
            .map(|c| f64::from(c.mood.get()))
            .collect();
        *cell = Cell {
            n: m.len(),
            mean: mean(m),
        };
    }
    for (i, cell) in times.iter_mut().enumerate() {
        let m: Vec<f64> = checkins
            .iter()
            .filter(|c| c.at.hour() as usize / 6 == i)
            .map(|c| f64::from(c.mood.get()))
            .collect();
        *cell = Cell {
            n: m.len(),
            mean: mean(m),
        };
    }
    Figures {
        days,
        days_with: lived.len(),
        checkins: checkins.len(),
        mood: mean(lived.iter().map(|d| d.mood)),
        low: moods.iter().copied().reduce(f64::min),
        high: moods.iter().copied().reduce(f64::max),
        previous: mean(summarise_days(previous).iter().map(|d| d.mood)),
        weeks,
        emotions: tally(
            checkins
                .iter()
                .flat_map(|c| c.emotions.iter().map(|e| e.as_str())),
            8,
        ),
        felt,
        voices,
        traps: tally(
            thoughts
                .iter()
                .flat_map(|t| t.distortions.iter().map(|d| d.as_str())),
            5,
        ),
        breaks: breaks.len(),
        break_before: mean(breaks.iter().map(|b| f64::from(b.mood_before.get()))),
        break_after: mean(
            breaks
                .iter()
                .filter_map(|b| b.mood_after.map(|m| f64::from(m.get()))),
        ),
        weekdays,
        times,
        gaps: if days == 0 {
            Vec::new()
        } else {
            gaps(
                &checkins.iter().map(|c| (*c).clone()).collect::<Vec<_>>(),
                begun,
                span.until,
            )
        },
    }
}

/// A stretch of days in words: "3–9 November", "28 October – 2 November", "5 May".
pub fn stretch(from: NaiveDate, to: NaiveDate) -> String {
    if from == to {
        from.format("%-d %B").to_string()
    } else if (from.year(), from.month()) == (to.year(), to.month()) {
        format!("{}–{}", from.format("%-d"), to.format("%-d %B"))
    } else {
        format!("{} – {}", from.format("%-d %B"), to.format("%-d %B"))
    }
}

/// The mood against the period before, in plain, even words.
pub fn compared(now: f64, before: Option<f64>, weeks: usize) -> String {
    let period = if weeks == 1 {
        "the week before".to_string()
    } else {
        format!("the {weeks} weeks before")
    };
    match before {
        None => format!("no check-ins in {period} to compare with"),
        Some(b) if now - b >= 0.5 => format!("higher than {period} ({b:.1})"),
        Some(b) if b - now >= 0.5 => format!("lower than {period} ({b:.1})"),
        Some(b) => format!("about the same as {period} ({b:.1})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn gaps_are_three_days_or_more_and_never_before_the_journal_began() {
        let at = |d: &str| {
            crate::domain::CheckIn::new(
                chrono::DateTime::parse_from_rfc3339(&format!("{d}T09:00:00+00:00")).unwrap(),
                crate::domain::Mood::new(5).unwrap(),
            )
        };
        let cs = vec![
            at("2026-11-02"),
            at("2026-11-03"),
            at("2026-11-10"),
            at("2026-11-12"),
        ];
        assert_eq!(
            gaps(&cs, day("2026-11-02"), day("2026-11-15")),
            vec![
                (day("2026-11-04"), day("2026-11-09")),
                (day("2026-11-13"), day("2026-11-15"))
            ]
        );
        assert_eq!(
            stretch(day("2026-11-03"), day("2026-11-09")),
            "3–9 November"
        );
        assert_eq!(
            stretch(day("2026-10-28"), day("2026-11-02")),
            "28 October – 2 November"
        );
        let span = Span {
            from: day("2026-11-02"),
            until: day("2026-11-15"),
        };
        let f = figures(span, &cs, &[], &[], &[], Some(day("2026-11-10")));
        assert_eq!(f.days, 6);
        assert_eq!(f.gaps, vec![(day("2026-11-13"), day("2026-11-15"))]);
    }

    #[test]
    fn comparisons_are_said_evenly() {
        assert_eq!(
            compared(6.0, Some(5.0), 4),
            "higher than the 4 weeks before (5.0)"
        );
        assert_eq!(
            compared(5.0, Some(5.3), 1),
            "about the same as the week before (5.3)"
        );
        assert_eq!(
            compared(4.0, None, 2),
            "no check-ins in the 2 weeks before to compare with"
        );
    }
}
