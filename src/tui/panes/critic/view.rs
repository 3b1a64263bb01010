//! Drawing the Critic pane: the list, a record in full, and each step of the flow.

use chrono::{DateTime, FixedOffset};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::practice;
use super::{CriticPane, Flow, SPANS, Step, View};
use crate::domain::{Percent, Scale, Thought, short_id};
use crate::tui::pane::{Draw, DrawCx};
use crate::tui::records::words;
use crate::tui::theme::Theme;
use crate::tui::widgets::{PercentRow, Row, Rows, framed, shown};

/// Draws the pane from its state; drawing never changes it.
pub struct CriticView<'a> {
    pub hits: &'a crate::tui::pane::Hits,
    pub pane: &'a CriticPane,
    pub theme: &'a Theme,
    pub now: DateTime<FixedOffset>,
}

impl Widget for CriticView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let boxed = area.height >= 14;
        let title = match self.pane.view {
            View::List if self.pane.list.show_trash => words::TRASH_TITLE.to_string(),
            View::List => "Thought records".to_string(),
            View::Detail => "A thought record".to_string(),
            View::Flow => match &self.pane.flow {
                Some(f) => format!(
                    "Step {} of {} · {}",
                    f.step.number(),
                    Step::ALL.len(),
                    f.step.title()
                ),
                None => String::new(),
            },
        };
        let inner = framed(area, buf, &title, boxed, self.theme.accent, self.theme);
        match (self.pane.view, &self.pane.flow) {
            (View::Flow, Some(flow)) => self.flow(flow, inner, buf, boxed),
            (View::Detail, _) => self.detail(inner, buf),
            _ => self.list(inner, buf, boxed),
        }
    }
}

fn when(t: &Thought, now: DateTime<FixedOffset>) -> String {
    if t.day() == now.date_naive() {
        t.at.format("today %H:%M").to_string()
    } else {
        t.at.format("%a %-d %b").to_string()
    }
}

fn first_line(text: &str) -> &str {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
}

fn pct(v: Option<Percent>) -> String {
    v.map_or("–".into(), |p| format!("{}%", p.get()))
}

impl Draw for CriticPane {
    fn draw(&self, area: Rect, buf: &mut Buffer, cx: &DrawCx<'_>) {
        CriticView {
            hits: cx.hits,
            pane: self,
            theme: cx.theme,
            now: cx.now,
        }
        .render(area, buf);
    }
}

impl CriticView<'_> {
    fn list(&self, area: Rect, buf: &mut Buffer, tall: bool) {
        let p = self.pane;
        let t = self.theme;
        let mut y = area.y;
        let line = |y: &mut u16, l: Line<'_>, buf: &mut Buffer| {
            if *y < area.bottom() {
                l.render(Rect::new(area.x, *y, area.width, 1), buf);
                *y += 1;
            }
        };
        if !p.list.show_trash {
            let on = |v: Option<&str>, all: &'static str| -> Span<'static> {
                match v {
                    Some(v) => Span::styled(v.to_string(), t.focus),
                    None => Span::styled(all, t.muted),
                }
            };
            let filters = Line::from(vec![
                Span::styled("voice ", t.muted),
                on(p.filter.voice.as_deref(), "any"),
                Span::styled(" · trap ", t.muted),
                on(p.filter.distortion.as_deref(), "any"),
                Span::styled(" · ", t.muted),
                on((p.span > 0).then_some(SPANS[p.span].1), SPANS[0].1),
            ]);
            // What the figures at the end of each row mean, where there's room to say.
            let legend = Span::styled("↻ times it came back · belief before→after", t.muted);
            let filters = crate::tui::widgets::with_right(filters, legend, area.width);
            line(&mut y, filters, buf);
        }
        if let Some(w) = &p.waiting {
            let what = first_line(&w.thought);
            let text = if what.is_empty() {
                "A record you started is waiting. Press n to carry on.".to_string()
            } else {
                format!("Waiting for you: “{what}”. Press n to carry on.")
            };
            line(&mut y, Line::from(Span::styled(text, t.notice)), buf);
        }
        let rest = Rect::new(area.x, y, area.width, area.bottom().saturating_sub(y));
        if p.list.rows.is_empty() {
            let words = if p.list.show_trash {
                words::TRASH_EMPTY
            } else if p.filter != Default::default() || p.span > 0 {
                "Nothing matches these filters. Press c to show every record."
            } else {
                "No thoughts caught yet. When the inner critic speaks, press n to write it down and answer it the way you would answer a friend."
            };
            Paragraph::new(Span::styled(words, t.muted))
                .wrap(Wrap { trim: true })
                .render(rest, buf);
            return;
        }
        let per_row: u16 = if tall { 2 } else { 1 };
        Rows {
            count: p.list.rows.len(),
            selected: p.list.selected,
            highlight: true,
            per_row,
            theme: t,
            hits: self.hits,
            row: |i| {
                let rec = &p.list.rows[i];
                let relief = match (rec.belief, rec.belief_after) {
                    (Some(b), Some(a)) => Some(format!(" {}→{}", b.get(), a.get())),
                    (Some(b), None) => Some(format!(" {}", b.get())),
                    _ => None,
                };
                // ↻n: the same thought has come n other times.
                let relief = match (p.returns.get(&rec.id), relief) {
                    (Some(n), Some(r)) => Some(format!(" ↻{n}{r}")),
                    (Some(n), None) => Some(format!(" ↻{n}")),
                    (None, r) => r,
                };
                let mut lines = vec![Line::from(vec![
                    Span::styled(format!("{:<12}", when(rec, self.now)), t.muted),
                    Span::styled(shown(first_line(&rec.thought)), t.text),
                ])];
                if per_row == 2 {
                    let mut second = vec![Span::raw("            ")];
                    if let Some(v) = &rec.voice {
                        second.push(Span::styled(format!("{} · ", shown(v)), t.accent));
                    }
                    if !rec.distortions.is_empty() {
                        let traps: Vec<&str> = rec.distortions.iter().map(|d| d.as_str()).collect();
                        second.push(Span::styled(
                            format!("{} · ", shown(&traps.join(", "))),
                            t.muted,
                        ));
                    }
                    let reframe = rec.reframe.as_deref().map(first_line);
                    second.push(Span::styled(
                        shown(reframe.unwrap_or("not answered yet")),
                        t.muted,
                    ));
                    lines.push(Line::from(second));
                }
                Row {
                    lines,
                    tail: relief.map(|r| Span::styled(r, t.accent)),
                }
            },
        }
        .render(rest, buf);
    }

    fn detail(&self, area: Rect, buf: &mut Buffer) {
        let p = self.pane;
        let t = self.theme;
        let Some(rec) = p.selected_thought() else {
            return;
        };
        let mut lines: Vec<Line<'_>> = Vec::new();
        let heading = |s: &'static str| Line::from(Span::styled(s, t.title));
        // The short id is what `kindly session add` and the other commands take.
        let (when, id) = (rec.at.format("%A %-d %B %Y, %H:%M"), short_id(&rec.id));
        lines.push(Line::from(Span::styled(format!("{when} · {id}"), t.muted)));
        lines.push(heading("The thought"));
        lines.push(Line::from(Span::styled(
            format!("“{}”", rec.thought),
            t.text,
        )));
        let mut section = |title: &'static str, body: Option<String>| {
            if let Some(b) = body {
                lines.push(Line::raw(""));
                lines.push(heading(title));
                for l in b.lines() {
                    lines.push(Line::from(Span::styled(shown(l), t.text)));
                }
            }
        };
        section("What was happening", rec.situation.clone());
        section("Whose voice", rec.voice.clone());
        section(
            "Feelings",
            (!rec.emotions.is_empty()).then(|| {
                rec.emotions
                    .iter()
                    .map(|e| match e.intensity_after {
                        Some(_) => format!(
                            "{} {} → {}",
                            e.name,
                            pct(e.intensity),
                            pct(e.intensity_after)
                        ),
                        None => format!("{} {}", e.name, pct(e.intensity)),
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
        );
        section(
            "Belief in the thought",
            rec.belief.map(|_| match rec.belief_after {
                Some(_) => format!("{} → {}", pct(rec.belief), pct(rec.belief_after)),
                None => pct(rec.belief),
            }),
        );
        section(
            "Thinking traps",
            (!rec.distortions.is_empty()).then(|| {
                rec.distortions
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        );
        section("What you'd tell a friend", rec.friend.clone());
        section(
            "Helping or hurting",
            rec.helps.map(|h| h.words().to_string()),
        );
        section("What supports it", rec.evidence_for.clone());
        section("What doesn't", rec.evidence_against.clone());
        section("A kinder answer", rec.reframe.clone());
        section("Relief", relief_words(rec));
        section(
            "Met before",
            p.returns.get(&rec.id).map(|n| match n {
                1 => "A thought like this one is in one other record.".to_string(),
                n => format!("A thought like this one is in {n} other records."),
            }),
        );
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((p.detail_scroll, 0))
            .render(area, buf);
    }

    fn flow(&self, flow: &Flow, area: Rect, buf: &mut Buffer, roomy: bool) {
        let t = self.theme;
        let later = flow.step.number() > Step::Thought.number();
        let rows_for = |text: &str, max: u16| -> u16 {
            (crate::tui::widgets::wrapped_rows(text, usize::from(area.width)) as u16).clamp(1, max)
        };
        let hinted = !self
            .pane
            .traps
            .hints(&flow.thought.lines().join(" "))
            .is_empty();
        let prompt_text = flow.prompt(hinted);
        let quote_text = flow.thought.lines().join(" ");
        let quote_lines: u16 = match (later, roomy) {
            (false, _) => 0,
            (true, true) => rows_for(&quote_text, 3) + 1,
            (true, false) => 1,
        };
        let prompt_lines: u16 = if roomy {
            rows_for(prompt_text, 3) + 1
        } else {
            0
        };
        let met_lines = practice::panel_height(flow, area.width, roomy);
        let [quote, prompt, met, body] = Layout::vertical([
            Constraint::Length(quote_lines),
            Constraint::Length(prompt_lines),
            Constraint::Length(met_lines),
            Constraint::Min(1),
        ])
        .areas(area);
        practice::panel(flow, met, buf, t);
        if quote_lines > 0 {
            // The original thought stays in view on every later step.
            let text = shown(&quote_text);
            let room = usize::from(quote.width) * usize::from(quote.height.min(3));
            let shown: String = if text.chars().count() + 2 > room {
                let cut: String = text.chars().take(room.saturating_sub(4)).collect();
                format!("“{cut}…”")
            } else {
                format!("“{text}”")
            };
            Paragraph::new(Span::styled(shown, t.notice))
                .wrap(Wrap { trim: false })
                .render(quote, buf);
        }
        if prompt_lines > 0 {
            Paragraph::new(Span::styled(prompt_text, t.muted))
                .wrap(Wrap { trim: true })
                .render(prompt, buf);
        }
        match flow.step {
            Step::Voice => {
                let [hint, input] =
                    Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
                let heard = if self.pane.voices.is_empty() {
                    Line::from(Span::styled("Type a name, or leave it empty.", t.muted))
                } else {
                    let mut spans = vec![Span::styled("Heard before (↓): ", t.muted)];
                    for (i, v) in self.pane.voices.iter().enumerate() {
                        let style = if flow.suggestion == Some(i) {
                            t.selection
                        } else {
                            t.accent
                        };
                        spans.push(Span::styled(v.clone(), style));
                        spans.push(Span::raw("  "));
                    }
                    Line::from(spans)
                };
                heard.render(hint, buf);
                if let Some(editor) = flow.editor() {
                    editor_with_marker(editor, input, buf, t);
                }
            }
            s if s.is_text() => {
                if let Some(editor) = flow.editor() {
                    editor_with_marker(editor, body, buf, t);
                }
            }
            Step::Feelings => self.feelings(flow, body, buf),
            Step::Traps => self.traps(flow, body, buf),
            Step::Helps => practice::helps_rows(flow, body, buf, t),
            Step::Rerate => self.rerate(flow, body, buf),
            _ => self.summary(flow, body, buf),
        }
    }

    /// One rating on its own row: a label, a bar, and (when re-rating) what it was.
    pub(super) fn rating_row(&self, area: Rect, buf: &mut Buffer, y: u16, r: Rating) {
        let t = self.theme;
        if y >= area.bottom() {
            return;
        }
        let label_w = 14.min(area.width / 2);
        let row = Rect::new(area.x, y, area.width, 1);
        let [l, v] =
            Layout::horizontal([Constraint::Length(label_w), Constraint::Min(1)]).areas(row);
        let marker = if r.focused { "›" } else { " " };
        Line::from(vec![
            Span::styled(marker, t.focus),
            Span::styled(r.label, if r.focused { t.focus } else { t.text }),
        ])
        .render(l, buf);
        let [bar, past] = Layout::horizontal([Constraint::Length(16), Constraint::Min(0)]).areas(v);
        PercentRow {
            value: r.value,
            style: t.accent,
            theme: t,
        }
        .render(bar, buf);
        if let Some(w) = r.was {
            Line::from(Span::styled(format!(" was {w}%"), t.muted)).render(past, buf);
        }
    }

    fn traps(&self, flow: &Flow, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let traps = &self.pane.traps;
        let hinted: Vec<String> = traps
            .hints(&flow.thought.lines().join(" "))
            .iter()
            .map(|t| t.name.clone())
            .collect();
        // The focused trap's explanation gets the rows it needs, whole, leaving the list at
        // least one (at 40×12 under the support band, the list scrolls instead).
        let needed = traps.all.get(flow.row).map_or(1, |trap| {
            crate::tui::widgets::wrapped_rows(&trap.explanation, usize::from(area.width)) as u16
        });
        let explain_h = needed.clamp(1, area.height.saturating_sub(1).max(1));
        let [list, explain] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(explain_h)]).areas(area);
        let fits = usize::from(list.height.max(1));
        let first = flow.row.saturating_sub(fits - 1);
        for (i, trap) in traps.all.iter().enumerate().skip(first).take(fits) {
            let y = list.y + (i - first) as u16;
            let focused = i == flow.row;
            let picked = flow.traps.contains(&trap.name);
            let mut spans = vec![
                Span::styled(if focused { "›" } else { " " }, t.focus),
                Span::styled(
                    if picked { "[✓] " } else { "[ ] " },
                    if picked { t.accent } else { t.muted },
                ),
                Span::styled(trap.name.clone(), if focused { t.focus } else { t.text }),
            ];
            if hinted.contains(&trap.name) {
                spans.push(Span::styled("  · suggested", t.notice));
            }
            Line::from(spans).render(Rect::new(list.x, y, list.width, 1), buf);
        }
        if let Some(trap) = traps.all.get(flow.row) {
            Paragraph::new(Span::styled(trap.explanation.clone(), t.muted))
                .wrap(Wrap { trim: true })
                .render(explain, buf);
        }
    }

    fn rerate(&self, flow: &Flow, area: Rect, buf: &mut Buffer) {
        let mut y = area.y;
        self.rating_row(
            area,
            buf,
            y,
            Rating {
                focused: flow.row == 0,
                label: "Belief".into(),
                value: flow.belief_after,
                was: flow.belief,
            },
        );
        y += 1;
        for (i, f) in flow.felt.iter().enumerate() {
            self.rating_row(
                area,
                buf,
                y,
                Rating {
                    focused: flow.row == i + 1,
                    label: f.name.clone(),
                    value: f.after,
                    was: f.before,
                },
            );
            y += 1;
        }
    }

    fn summary(&self, flow: &Flow, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let mut lines: Vec<Line<'_>> = Vec::new();
        if let Some(rec) = flow.preview(self.now) {
            if let Some(words) = relief_words(&rec) {
                for l in words.lines() {
                    lines.push(Line::from(Span::styled(l.to_string(), t.accent)));
                }
            } else {
                lines.push(Line::from(Span::styled(
                    "Rate belief and feelings before and after to see how much lighter it got.",
                    t.muted,
                )));
            }
            if let Some(r) = &rec.reframe {
                lines.push(Line::raw(""));
                lines.push(Line::from(Span::styled("Your kinder answer:", t.title)));
                lines.push(Line::from(Span::styled(r.clone(), t.text)));
            }
        }
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(
            "Enter or Ctrl-S keeps it. Esc goes back to change anything.",
            t.muted,
        )));
        Paragraph::new(Text::from(lines))
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }
}

pub(super) struct Rating {
    pub label: String,
    pub value: Option<u8>,
    pub was: Option<u8>,
    pub focused: bool,
}

/// An editor with a quiet `›` in the margin, so it is clear where the words go.
fn editor_with_marker(
    editor: &ratatui_textarea::TextArea<'_>,
    area: Rect,
    buf: &mut Buffer,
    t: &Theme,
) {
    let [mark, text] = Layout::horizontal([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    Line::from(Span::styled("›", t.focus)).render(mark, buf);
    editor.render(text, buf);
}

/// The relief a record shows, in plain words: how far belief and feelings came down.
fn relief_words(rec: &Thought) -> Option<String> {
    let mut out = Vec::new();
    if let (Some(r), Some(b), Some(a)) = (rec.belief_relief(), rec.belief, rec.belief_after) {
        out.push(match r {
            r if r > 0 => format!(
                "Belief eased from {}% to {}%, {r} points lighter.",
                b.get(),
                a.get()
            ),
            0 => format!(
                "Belief stayed at {}%. Some thoughts take a few tries.",
                b.get()
            ),
            _ => format!(
                "Belief went from {}% to {}%. That's okay; it was worth looking at.",
                b.get(),
                a.get()
            ),
        });
    }
    if let Some(r) = rec.intensity_relief() {
        out.push(if r > 0.0 {
            format!("Feelings eased by {r:.0} points on average.")
        } else {
            "Feelings stayed about as strong. Being with them counts too.".to_string()
        });
    }
    (!out.is_empty()).then(|| out.join("\n"))
}
