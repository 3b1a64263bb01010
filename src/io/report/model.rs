//! The report as one model: its title and its sections, each a heading and blocks (lists,
//! sentences, tables, weekly series). What the report says is decided here, once; the
//! Markdown and HTML renderers only say how each block looks.

use chrono::NaiveDate;

use crate::domain::Scale;

use super::figures::{Figures, TIMES, WEEKDAYS};
use super::source::{Source, at_a_glance, gap_line, num};
use crate::insights::Trends;

/// The whole report, ready for a renderer.
pub struct Report<'a> {
    pub title: String,
    /// The first page (under the title, without a heading of its own), then the rest.
    pub sections: Vec<Section<'a>>,
}

pub struct Section<'a> {
    /// None for the first page.
    pub heading: Option<&'static str>,
    pub blocks: Vec<Block<'a>>,
}

pub enum Block<'a> {
    /// A heading within a section (what was marked to bring up, on the first page).
    Subheading(&'static str),
    /// Lines that stand alone, as a list.
    List(List),
    /// A sentence or two.
    Text(String),
    /// What the figures that follow mean.
    Note(String),
    Table(Table),
    /// Series by week: a line of bars each in Markdown, a small chart each in HTML.
    Weekly(Vec<Series>),
    /// The daily mood with its 7-day average: drawn only where a page can draw, so a
    /// section holding it is left out of Markdown.
    DailyMood(&'a Trends),
}

#[derive(Default)]
pub struct List {
    pub items: Vec<Item>,
    /// Each item a thing the person marked to bring up (spaced apart in HTML).
    pub marks: bool,
}

pub struct Item {
    pub text: String,
    /// The person's own line about it, said after a dash.
    pub own: Option<String>,
}

impl Item {
    fn plain(text: String) -> Self {
        Self { text, own: None }
    }
}

pub struct Table {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    fn new(head: &[&str], rows: Vec<Vec<String>>) -> Self {
        Self {
            head: head.iter().map(|h| h.to_string()).collect(),
            rows,
        }
    }
}

pub struct Series {
    pub name: &'static str,
    pub weeks: Vec<NaiveDate>,
    pub values: Vec<Option<f64>>,
    pub lo: f64,
    pub hi: f64,
}

impl<'a> Report<'a> {
    pub fn of(s: &Source<'a>) -> Self {
        let f = s.figures();
        let sections = [
            Some(first_page(s, &f)),
            Some(Section {
                heading: Some("Mood by day"),
                blocks: vec![
                    Block::Note("Each ring is a day's mean mood (1 to 10); the dashed line is the 7-day average.".into()),
                    Block::DailyMood(s.trends),
                ],
            }),
            Some(week_by_week(&f)),
            emotions(&f),
            inner_critic(&f),
            when(&f),
            rituals(s),
            quieter_stretches(&f),
            own_words(s),
        ];
        Self {
            title: s.title(),
            sections: sections.into_iter().flatten().collect(),
        }
    }
}

fn first_page<'a>(s: &Source<'_>, f: &Figures) -> Section<'a> {
    let glance = at_a_glance(s, f).into_iter().map(Item::plain).collect();
    let mut blocks = vec![Block::List(List {
        items: glance,
        marks: false,
    })];
    if !s.marks.is_empty() {
        blocks.push(Block::Subheading("To bring up"));
        blocks.push(Block::List(List {
            items: s
                .marks
                .iter()
                .map(|(m, about)| Item {
                    text: format!("{} · {about}", m.added_at.format("%-d %b")),
                    own: m.note.clone(),
                })
                .collect(),
            marks: true,
        }));
    }
    Section {
        heading: None,
        blocks,
    }
}

fn week_by_week<'a>(f: &Figures) -> Section<'a> {
    let series = |name, get: &dyn Fn(&super::figures::WeekRow) -> Option<f64>, lo, hi| Series {
        name,
        weeks: f.weeks.iter().map(|w| w.start).collect(),
        values: f.weeks.iter().map(get).collect(),
        lo,
        hi,
    };
    let most = f.weeks.iter().map(|w| w.thoughts).max().unwrap_or(1).max(1) as f64;
    let charts = vec![
        series("Mood (1–10)", &|w| w.mood, 1.0, 10.0),
        series("Energy (1–10)", &|w| w.energy, 1.0, 10.0),
        series("Kindness to self (1–5)", &|w| w.parts[0], 1.0, 5.0),
        series("Common humanity (1–5)", &|w| w.parts[1], 1.0, 5.0),
        series("Mindfulness (1–5)", &|w| w.parts[2], 1.0, 5.0),
        series("Thought records", &|w| Some(w.thoughts as f64), 0.0, most),
    ];
    let table = Table::new(
        &[
            "week of",
            "check-ins",
            "mood",
            "energy",
            "kindness",
            "humanity",
            "mindfulness",
            "thought records",
            "belief eased",
            "feelings eased",
        ],
        f.weeks
            .iter()
            .map(|w| {
                vec![
                    w.start.format("%-d %b").to_string(),
                    w.checkins.to_string(),
                    num(w.mood),
                    num(w.energy),
                    num(w.parts[0]),
                    num(w.parts[1]),
                    num(w.parts[2]),
                    w.thoughts.to_string(),
                    num(w.belief_relief),
                    num(w.intensity_relief),
                ]
            })
            .collect(),
    );
    Section {
        heading: Some("Week by week"),
        blocks: vec![Block::Weekly(charts), Block::Table(table)],
    }
}

/// Names with how often each came, as a sentence's list.
fn counted(names: &[(String, usize)]) -> String {
    let list: Vec<String> = names.iter().map(|(e, n)| format!("{e} ({n})")).collect();
    list.join(", ")
}

fn emotions<'a>(f: &Figures) -> Option<Section<'a>> {
    if f.emotions.is_empty() && f.felt.is_empty() {
        return None;
    }
    let mut blocks = vec![];
    if !f.emotions.is_empty() {
        blocks.push(Block::Text(format!(
            "Noticed most in check-ins: {}.",
            counted(&f.emotions)
        )));
    }
    if !f.felt.is_empty() {
        blocks.push(Block::Note(
            "Rated in thought records (0–100), before and after reframing.".into(),
        ));
        blocks.push(Block::Table(Table::new(
            &["emotion", "records", "before", "after"],
            f.felt
                .iter()
                .map(|e| {
                    vec![
                        e.name.clone(),
                        e.records.to_string(),
                        num(e.before),
                        num(e.after),
                    ]
                })
                .collect(),
        )));
    }
    Some(Section {
        heading: Some("Emotions"),
        blocks,
    })
}

fn inner_critic<'a>(f: &Figures) -> Option<Section<'a>> {
    if f.voices.is_empty() && f.traps.is_empty() {
        return None;
    }
    let mut blocks = vec![];
    if !f.voices.is_empty() {
        blocks.push(Block::Table(Table::new(
            &[
                "voice that came back",
                "records",
                "belief eased, earlier",
                "lately",
            ],
            f.voices
                .iter()
                .map(|v| {
                    vec![
                        v.name.clone(),
                        v.records.to_string(),
                        num(v.earlier),
                        num(v.later),
                    ]
                })
                .collect(),
        )));
    }
    if !f.traps.is_empty() {
        blocks.push(Block::Text(format!(
            "Thinking traps noticed most: {}.",
            counted(&f.traps)
        )));
    }
    Some(Section {
        heading: Some("The inner critic"),
        blocks,
    })
}

fn when<'a>(f: &Figures) -> Option<Section<'a>> {
    if f.checkins == 0 {
        return None;
    }
    let mut head = vec![""];
    head.extend(WEEKDAYS);
    let mut moods = vec!["mood".to_string()];
    moods.extend(f.weekdays.iter().map(|c| num(c.mean)));
    let mut ns = vec!["check-ins".to_string()];
    ns.extend(f.weekdays.iter().map(|c| c.n.to_string()));
    let times = TIMES
        .iter()
        .zip(f.times.iter())
        .map(|(n, c)| vec![n.to_string(), num(c.mean), c.n.to_string()])
        .collect();
    Some(Section {
        heading: Some("When"),
        blocks: vec![
            Block::Table(Table::new(&head, vec![moods, ns])),
            Block::Table(Table::new(&["time of day", "mood", "check-ins"], times)),
        ],
    })
}

fn rituals<'a>(s: &Source<'_>) -> Option<Section<'a>> {
    let comparable: Vec<_> = s.trends.rituals.iter().filter(|r| r.comparable()).collect();
    if comparable.is_empty() {
        return None;
    }
    let rows = comparable
        .iter()
        .map(|r| {
            vec![
                r.name.clone(),
                num(r.mean_with),
                r.days_with.to_string(),
                num(r.mean_without),
                r.days_without.to_string(),
            ]
        })
        .collect();
    Some(Section {
        heading: Some("Gentle rituals"),
        blocks: vec![
            Block::Note("Mean day mood on days with the ritual, and without it.".into()),
            Block::Table(Table::new(
                &["ritual", "with", "days", "without", "days"],
                rows,
            )),
        ],
    })
}

fn quieter_stretches<'a>(f: &Figures) -> Option<Section<'a>> {
    if f.gaps.is_empty() {
        return None;
    }
    let items = f
        .gaps
        .iter()
        .map(|(a, b)| Item::plain(gap_line(*a, *b)))
        .collect();
    Some(Section {
        heading: Some("Quieter stretches"),
        blocks: vec![Block::List(List {
            items,
            marks: false,
        })],
    })
}

fn own_words<'a>(s: &Source<'_>) -> Option<Section<'a>> {
    if !s.include_notes {
        return None;
    }
    let notes = s.checkins.iter().filter_map(|c| {
        let note = c.note.as_deref()?;
        Some(format!(
            "{} (mood {}): {note}",
            c.at.format("%Y-%m-%d %H:%M"),
            c.mood.get()
        ))
    });
    let reframes = s.thoughts.iter().filter_map(|t| {
        let reframe = t.reframe.as_deref()?;
        Some(format!(
            "{}: “{}” → “{reframe}”",
            t.at.format("%Y-%m-%d"),
            t.thought
        ))
    });
    Some(Section {
        heading: Some("In your own words"),
        blocks: vec![Block::List(List {
            items: notes.chain(reframes).map(Item::plain).collect(),
            marks: false,
        })],
    })
}
