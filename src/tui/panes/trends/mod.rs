//! The Trends pane: mood over weeks as charts (a daily line with its 7-day average, weekly
//! bars, a calendar), ritual impact, and the practice figures. One view at a time, so it
//! reads as well at 40×12 as at 80×24.

mod calendar;
mod emotions;
mod scroll;

use chrono::{Datelike, Duration, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Chart, Dataset, GraphType, Paragraph, Widget, Wrap,
};

use crate::insights::{Span as Window, Trends, Week, WeekStart, sparkline};
use crate::store::Store;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::pane::{Ctx, Draw, DrawCx, Outcome, Pane, PaneId};
use crate::tui::theme::Theme;

/// The spans a person can look over, in weeks (`None`: everything).
pub const SPANS: [Option<u32>; 6] = [Some(4), Some(8), Some(12), Some(26), Some(52), None];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sub {
    Mood,
    Weeks,
    Calendar,
    Rituals,
    Practice,
    Emotions,
}

impl Sub {
    pub const ALL: [Sub; 6] = [
        Sub::Mood,
        Sub::Weeks,
        Sub::Calendar,
        Sub::Rituals,
        Sub::Practice,
        Sub::Emotions,
    ];

    fn title(self) -> &'static str {
        match self {
            Sub::Mood => "Mood",
            Sub::Weeks => "Weeks",
            Sub::Calendar => "Calendar",
            Sub::Rituals => "Rituals",
            Sub::Practice => "Practice",
            Sub::Emotions => "Emotions",
        }
    }
}

pub struct TrendsPane {
    pub sub: Sub,
    pub span: usize,
    pub week_start: WeekStart,
    pub trends: Option<Trends>,
    pub emotions: Option<self::emotions::Emotions>,
    /// The day of the journal's first record: nothing before it is drawn.
    pub began: Option<NaiveDate>,
    /// The calendar's cursor, once moved (else the last day shown).
    pub cursor: Option<NaiveDate>,
    /// How far a view of lines is scrolled.
    pub scroll: self::scroll::Scroll,
}

impl TrendsPane {
    pub fn new(week_start: WeekStart) -> Self {
        Self {
            sub: Sub::Mood,
            span: 1,
            week_start,
            trends: None,
            emotions: None,
            began: None,
            cursor: None,
            scroll: Default::default(),
        }
    }

    /// Computes the figures again from the journal, for the span chosen, up to `today`.
    pub fn refresh(&mut self, store: &Store, today: NaiveDate) -> crate::store::Result<()> {
        let earliest = store.earliest_day()?;
        self.began = earliest;
        let window = Window::new(today, SPANS[self.span], self.week_start, earliest)
            .since(earliest, self.week_start);
        let (days, thoughts, breaks) = store.trend_inputs(window.from, window.until)?;
        self.emotions = Some(self::emotions::load(
            store,
            window,
            self.week_start,
            &thoughts,
        )?);
        self.trends = Some(Trends::new(
            days,
            &thoughts,
            &breaks,
            window,
            self.week_start,
        ));
        Ok(())
    }

    /// Returns whether the figures need computing again.
    pub fn choose(&mut self, action: Action) -> bool {
        let i = Sub::ALL.iter().position(|s| *s == self.sub).unwrap_or(0);
        if matches!(
            action,
            Action::Right | Action::Left | Action::LongerSpan | Action::ShorterSpan
        ) {
            self.scroll.home();
        }
        match action {
            Action::Right => self.sub = Sub::ALL[(i + 1) % Sub::ALL.len()],
            Action::Left => self.sub = Sub::ALL[(i + Sub::ALL.len() - 1) % Sub::ALL.len()],
            Action::LongerSpan if self.span + 1 < SPANS.len() => {
                self.span += 1;
                return true;
            }
            Action::ShorterSpan if self.span > 0 => {
                self.span -= 1;
                return true;
            }
            _ => {}
        }
        false
    }
}

impl Pane for TrendsPane {
    fn id(&self) -> PaneId {
        PaneId::Trends
    }

    fn mode(&self) -> Mode {
        Mode::Trends
    }

    fn help_modes(&self) -> &'static [Mode] {
        &[Mode::Trends]
    }

    fn apply(&mut self, action: Action, ctx: &mut Ctx<'_>) -> crate::store::Result<Outcome> {
        if self.sub == Sub::Calendar
            && let Some(outcome) = self.calendar_action(action)
        {
            return Ok(outcome);
        }
        if matches!(self.sub, Sub::Rituals | Sub::Practice | Sub::Emotions)
            && self.scroll.apply(action)
        {
            return Ok(Outcome::quiet());
        }
        let shown = self.trends.as_ref().map(|t| t.span);
        if self.choose(action) {
            TrendsPane::refresh(self, ctx.store, ctx.today())?;
            // On a young journal every span reaches back to its first week: say why the
            // keys seem to do nothing.
            if let (Some(began), true) = (self.began, shown == self.trends.as_ref().map(|t| t.span))
            {
                return Ok(Outcome::said(format!(
                    "Nothing earlier to show: your journal began on {}. Longer spans fill in as it grows.",
                    began.format("%-d %b")
                )));
            }
        }
        Ok(Outcome::quiet())
    }

    fn refresh(&mut self, ctx: &mut Ctx<'_>) -> crate::store::Result<()> {
        TrendsPane::refresh(self, ctx.store, ctx.today())
    }

    fn select_row(&mut self, i: usize) -> Outcome {
        match self.sub {
            Sub::Calendar => self.click_day(i),
            _ => Outcome::quiet(),
        }
    }
}

impl Draw for TrendsPane {
    fn draw(&self, area: Rect, buf: &mut Buffer, cx: &DrawCx<'_>) {
        TrendsView {
            pane: self,
            theme: cx.theme,
            hits: cx.hits,
        }
        .render(area, buf);
    }
}

fn span_words(span: Option<u32>) -> String {
    match span {
        Some(n) => format!("{n} weeks"),
        None => "all time".into(),
    }
}

pub struct TrendsView<'a> {
    pub pane: &'a TrendsPane,
    pub theme: &'a Theme,
    /// Where the calendar's days were drawn, for a click.
    pub hits: &'a crate::tui::pane::Hits,
}

impl Widget for TrendsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let p = self.pane;
        let t = self.theme;
        let [tabs, body] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
        let mut spans = vec![Span::raw(" ")];
        let all: usize = Sub::ALL.iter().map(|s| s.title().len() + 1).sum();
        if all + 1 > usize::from(tabs.width) {
            // Too narrow for every name: the one in view, and where it is among them.
            let i = Sub::ALL.iter().position(|s| *s == p.sub).unwrap_or(0);
            spans.push(Span::styled("‹ ", t.muted));
            spans.push(Span::styled(p.sub.title(), t.selection));
            spans.push(Span::styled(
                format!(" ›  {} of {}", i + 1, Sub::ALL.len()),
                t.muted,
            ));
        } else {
            for s in Sub::ALL {
                let style = if s == p.sub { t.selection } else { t.muted };
                spans.push(Span::styled(s.title(), style));
                spans.push(Span::raw(" "));
            }
        }
        Line::from(spans).render(Rect::new(tabs.x, tabs.y, tabs.width, 1), buf);
        let Some(tr) = &p.trends else {
            return;
        };
        // A span reaching back before the first record starts where the journal does.
        let shown = tr.span.week_starts().count();
        let words = match SPANS[p.span] {
            Some(_) | None if p.began.is_none() => "this week".to_string(),
            Some(n) if (shown as u32) < n => "since you began".to_string(),
            span => span_words(span),
        };
        // The year once, when both ends share it.
        let from = if tr.span.from.year() == tr.span.until.year() {
            tr.span.from.format("%-d %b")
        } else {
            tr.span.from.format("%-d %b %Y")
        };
        let range = format!("{words} · {from} – {}", tr.span.until.format("%-d %b %Y"));
        Line::from(Span::styled(range, t.muted)).render(
            Rect::new(tabs.x + 1, tabs.y + 1, tabs.width.saturating_sub(1), 1),
            buf,
        );
        let empty = match p.sub {
            Sub::Mood | Sub::Weeks | Sub::Calendar => tr.days.is_empty(),
            Sub::Rituals => tr.rituals.is_empty(),
            Sub::Practice => tr.is_empty(),
            Sub::Emotions => p.emotions.as_ref().is_none_or(|e| e.is_empty()),
        };
        if empty {
            let words = match p.sub {
                Sub::Rituals => {
                    "No rituals recorded in these weeks yet. Pick one or two when you check in (a walk, some rest) and kindly will show how your days go with and without them."
                }
                _ => {
                    "Nothing recorded in these weeks yet. The picture fills in as you check in, whenever you like."
                }
            };
            Paragraph::new(Span::styled(words, t.muted))
                .wrap(Wrap { trim: true })
                .render(body, buf);
            return;
        }
        match p.sub {
            Sub::Mood => self.mood(tr, body, buf),
            Sub::Weeks => self.weeks(tr, body, buf),
            Sub::Calendar => self.calendar(tr, body, buf),
            Sub::Rituals => self::scroll::draw(self.rituals(tr), &p.scroll, body, buf, t),
            Sub::Practice => self::scroll::draw(self.practice(tr), &p.scroll, body, buf, t),
            Sub::Emotions => {
                if let Some(e) = &p.emotions {
                    let lines = self::emotions::lines(e, body.width, t);
                    self::scroll::draw(lines, &p.scroll, body, buf, t);
                }
            }
        }
    }
}

impl TrendsView<'_> {
    fn mood(&self, tr: &Trends, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let x = |d: NaiveDate| (d - tr.span.from).num_days() as f64;
        let points: Vec<(f64, f64)> = tr.days.iter().map(|d| (x(d.day), d.mood)).collect();
        let average: Vec<(f64, f64)> = tr
            .moving
            .iter()
            .filter_map(|(d, v)| v.map(|v| (x(*d), v)))
            .collect();
        let last = x(tr.span.until).max(1.0);
        let mid = tr.span.from + Duration::days((last / 2.0) as i64);
        // The average first, so each day's dot is drawn over it, never hidden under it.
        let chart = Chart::new(vec![
            Dataset::default()
                .name("7-day average")
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(t.accent)
                .data(&average),
            Dataset::default()
                .name("day")
                .marker(Marker::Dot)
                .graph_type(GraphType::Scatter)
                .style(t.muted)
                .data(&points),
        ])
        .x_axis(Axis::default().bounds([0.0, last]).style(t.muted).labels([
            tr.span.from.format("%-d %b").to_string(),
            mid.format("%-d %b").to_string(),
            tr.span.until.format("%-d %b").to_string(),
        ]))
        .y_axis(
            Axis::default()
                .bounds([1.0, 10.0])
                .style(t.muted)
                .labels(["1", "5", "10"]),
        )
        .legend_position(None);
        let [plot, caption] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
        chart.render(plot, buf);
        Line::from(vec![
            Span::styled("• ", t.muted),
            Span::styled("a day's mood   ", t.muted),
            Span::styled("⠉⠉ ", t.accent),
            Span::styled("7-day average", t.muted),
        ])
        .render(caption, buf);
    }

    fn weeks(&self, tr: &Trends, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let (columns, width, what) = bar_columns(&tr.weeks, area.width);
        // Room left over spreads the bars out, up to a gap of eight.
        let slot = (area.width + 1) / columns.len().max(1) as u16;
        let gap = slot.saturating_sub(width).clamp(1, 8);
        let bars: Vec<Bar<'_>> = columns
            .into_iter()
            .map(|(label, mean)| {
                let style = mean.map_or(t.muted, |m| t.mood(m.round() as u8));
                Bar::default()
                    .value((mean.unwrap_or(0.0) * 10.0).round() as u64)
                    .text_value(mean.map_or(String::new(), |m| format!("{m:.1}")))
                    .style(style)
                    .value_style(t.selection)
                    .label(Line::from(label))
            })
            .collect();
        let [chart, caption] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
        BarChart::default()
            .data(BarGroup::default().bars(&bars))
            .bar_width(width)
            .bar_gap(gap)
            .max(100)
            .label_style(t.muted)
            .render(chart, buf);
        Paragraph::new(Span::styled(
            format!("{what} mean mood · each day counts once"),
            t.muted,
        ))
        .wrap(Wrap { trim: true })
        .render(caption, buf);
    }

    fn rituals(&self, tr: &Trends) -> Vec<Line<'static>> {
        let t = self.theme;
        let mut lines = vec![Line::from(Span::styled(
            "Mean day mood with the ritual · without it",
            t.muted,
        ))];
        for r in &tr.rituals {
            let mut spans = vec![Span::styled(
                format!("{:<16}", crate::tui::widgets::shown(&r.name)),
                t.text,
            )];
            if r.comparable() {
                let with = r.mean_with.unwrap_or_default();
                let without = r.mean_without.unwrap_or_default();
                spans.push(Span::styled(
                    format!("{with:.1}"),
                    t.mood(with.round() as u8),
                ));
                spans.push(Span::styled(format!(" ({}d)", r.days_with), t.muted));
                spans.push(Span::styled(" · ", t.muted));
                spans.push(Span::styled(
                    format!("{without:.1}"),
                    t.mood(without.round() as u8),
                ));
                spans.push(Span::styled(format!(" ({}d)", r.days_without), t.muted));
            } else {
                spans.push(Span::styled(
                    format!(
                        "not enough days yet ({}d with, {}d without)",
                        r.days_with, r.days_without
                    ),
                    t.muted,
                ));
            }
            lines.push(Line::from(spans));
        }
        lines
    }

    fn practice(&self, tr: &Trends) -> Vec<Line<'static>> {
        let t = self.theme;
        let mut lines: Vec<Line<'static>> = Vec::new();
        let c = &tr.critic;
        lines.push(Line::from(Span::styled("Inner critic", t.title)));
        let per_week: Vec<Option<f64>> = c.per_week.iter().map(|(_, n)| Some(*n as f64)).collect();
        let most = c.per_week.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f64;
        lines.push(if c.count == 0 {
            Line::from(Span::styled("No thought records in these weeks.", t.text))
        } else {
            Line::from(vec![
                Span::styled(format!("{} thought records, by week  ", c.count), t.text),
                Span::styled(sparkline(&per_week, 0.0, most), t.accent),
            ])
        });
        let relief = match (c.mean_belief_relief, c.mean_intensity_relief) {
            (Some(b), Some(i)) => format!(
                "After reframing, belief eased {b:.0} points and feelings {i:.0}, on average."
            ),
            (Some(b), None) => format!("After reframing, belief eased {b:.0} points on average."),
            (None, Some(i)) => format!("After reframing, feelings eased {i:.0} points on average."),
            (None, None) => "Rate belief before and after a reframe to see the relief here.".into(),
        };
        lines.push(Line::from(Span::styled(relief, t.muted)));
        if c.helps.iter().any(|n| *n > 0) {
            let said: Vec<String> = crate::domain::Helps::ALL
                .iter()
                .zip(c.helps)
                .filter(|(_, n)| *n > 0)
                .map(|(h, n)| {
                    let times = match n {
                        1 => "once".to_string(),
                        2 => "twice".to_string(),
                        n => format!("{n} times"),
                    };
                    format!("“{}” {times}", h.words())
                })
                .collect();
            lines.push(Line::from(Span::styled(
                format!("Helping or hurting, you said: {}", said.join(" · ")),
                t.muted,
            )));
        }
        lines.push(Line::raw(""));
        let b = &tr.breaks;
        lines.push(Line::from(Span::styled("Self-compassion breaks", t.title)));
        lines.push(Line::from(Span::styled(
            match (b.count, b.mean_before, b.mean_after) {
                (0, _, _) => {
                    "None in these weeks. Press b on the Check-in pane for a one-minute break."
                        .to_string()
                }
                (n, Some(x), Some(y)) => {
                    format!("{n} taken; mood {x:.1} before, {y:.1} after, on average.")
                }
                (n, Some(x), None) => format!("{n} taken; mood {x:.1} before, on average."),
                (n, _, _) => format!("{n} taken."),
            },
            t.text,
        )));
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(
            "Self-compassion parts, weekly (1–5)",
            t.title,
        )));
        for (i, name) in ["kindness", "humanity", "mindfulness"].iter().enumerate() {
            let series: Vec<Option<f64>> = tr
                .parts
                .iter()
                .map(|w| [w.kindness, w.humanity, w.mindfulness][i])
                .collect();
            let latest = series.iter().rev().flatten().next();
            lines.push(Line::from(vec![
                Span::styled(format!("{name:<12}"), t.text),
                Span::styled(sparkline(&series, 1.0, 5.0), t.accent),
                Span::styled(
                    latest.map_or("  not rated yet".into(), |v| format!("  {v:.1} lately")),
                    t.muted,
                ),
            ]));
        }
        lines
    }
}

/// The bars the Weeks view draws in `room` columns: one per week while each can be at
/// least three wide (room for its value), labelled with the month where a month begins
/// (or the week's first day, when there's room for it); otherwise one per month, each the
/// mean of that month's days. Returns the bars, their width, and what each one is.
fn bar_columns(weeks: &[Week], room: u16) -> (Vec<(String, Option<f64>)>, u16, &'static str) {
    // Bars up to twelve wide, so a wide window is used rather than left empty.
    let fit = |n: usize| ((room + 1) / n.max(1) as u16).saturating_sub(1).min(12);
    let width = fit(weeks.len());
    if width >= 3 {
        let mut last_month = None;
        let bars = weeks
            .iter()
            .map(|w| {
                let month = (w.start + Duration::days(6)).format("%b").to_string();
                let label = if width >= 6 {
                    w.start.format("%-d %b").to_string()
                } else if last_month.as_ref() != Some(&month) {
                    month.clone()
                } else {
                    String::new()
                };
                last_month = Some(month);
                (label, w.mean)
            })
            .collect();
        return (bars, width, "Weekly");
    }
    // A week belongs to the month (or, over many years, the year) its last day falls in.
    let by = |format: &str| -> Vec<(String, Option<f64>)> {
        let mut groups: Vec<(String, f64, usize)> = Vec::new();
        for w in weeks {
            let name = (w.start + Duration::days(6)).format(format).to_string();
            if groups.last().is_none_or(|g| g.0 != name) {
                groups.push((name, 0.0, 0));
            }
            if let (Some(g), Some(mean)) = (groups.last_mut(), w.mean) {
                g.1 += mean * w.days as f64;
                g.2 += w.days;
            }
        }
        let mean = |sum: f64, days: usize| (days > 0).then(|| sum / days as f64);
        groups
            .into_iter()
            .map(|(n, s, d)| (n, mean(s, d)))
            .collect()
    };
    let months = by("%b");
    if fit(months.len()) >= 1 {
        let width = fit(months.len());
        // Too narrow for "Jan": "J", as on a wall calendar.
        let months = months
            .into_iter()
            .map(|(n, m)| (if width >= 3 { n } else { n[..1].to_string() }, m))
            .collect();
        return (months, width, "Monthly");
    }
    let years = by("%Y");
    let width = fit(years.len()).max(1);
    (years, width, "Yearly")
}
