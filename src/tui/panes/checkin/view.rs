//! Drawing the Check-in pane: the form beside the day's check-ins, or the break.

use chrono::{Duration, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Widget, Wrap};

use super::CheckinPane;
use super::compassion_break::BreakView;
use super::form::{Field, Focus};
use crate::domain::{Energy, Label, MeasureKind, Mood, PartRating, Scale};
use crate::tui::pane::{Draw, DrawCx};
use crate::tui::records::words;
use crate::tui::theme::Theme;
use crate::tui::widgets::{ChipRow, Row, Rows, ScaleRow, framed, mood_word, shown};

/// Draws the pane from its state; drawing never changes it.
pub struct CheckinView<'a> {
    pub hits: &'a crate::tui::pane::Hits,
    pub keys: &'a crate::tui::keymap::Keymap,
    pub pane: &'a CheckinPane,
    pub theme: &'a Theme,
    pub today: NaiveDate,
}

impl Widget for CheckinView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let p = self.pane;
        if let Some(flow) = &p.pause {
            BreakView {
                flow,
                theme: self.theme,
            }
            .render(area, buf);
            return;
        }
        let wide = area.width >= 72;
        let boxed = area.height >= 14;
        if wide {
            let [form, list] =
                Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
                    .areas(area);
            self.form(form, buf, boxed);
            self.history(list, buf, boxed);
        } else if p.focus == Focus::History {
            self.history(area, buf, boxed);
        } else {
            self.form(area, buf, boxed);
        }
    }
}

impl Draw for CheckinPane {
    fn draw(&self, area: Rect, buf: &mut Buffer, cx: &DrawCx<'_>) {
        CheckinView {
            hits: cx.hits,
            keys: cx.keys,
            pane: self,
            theme: cx.theme,
            today: cx.now.date_naive(),
        }
        .render(area, buf);
    }
}

const LABEL_WIDTH: u16 = 13;

impl CheckinView<'_> {
    fn block(&self, title: String, focused: bool) -> Block<'static> {
        let t = self.theme;
        Block::default()
            .borders(Borders::ALL)
            .border_type(BorderType::Rounded)
            .border_style(if focused { t.accent } else { t.muted })
            .title(Span::styled(format!(" {title} "), t.title))
    }

    fn form(&self, area: Rect, buf: &mut Buffer, boxed: bool) {
        let p = self.pane;
        let t = self.theme;
        let inner = if boxed {
            let when = |at: &chrono::DateTime<chrono::FixedOffset>| {
                at.format("%a %-d %b, %H:%M").to_string()
            };
            let title = match (&p.editing, p.at) {
                (Some(c), Some(at)) if at != c.at => {
                    format!("Moving {} to {}", c.at.format("%H:%M %-d %b"), when(&at))
                }
                (Some(c), _) => format!("Editing {}", when(&c.at)),
                (None, Some(at)) => format!("A check-in for {}", when(&at)),
                (None, None) => "How are you, right now?".into(),
            };
            let focused = matches!(p.focus, Focus::Field(_));
            let block = self.block(title, focused);
            let inner = block.inner(area);
            block.render(area, buf);
            inner
        } else {
            area
        };
        if inner.height == 0 {
            return;
        }
        // In a short window the editor takes the whole form while writing.
        if p.writing && inner.height < 12 {
            let [label, text] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
            Line::from(vec![
                Span::styled("Note", t.focus),
                Span::styled("  Esc when done · Ctrl-S saves", t.muted),
            ])
            .render(label, buf);
            self.note(text, buf);
            return;
        }
        // Too short for every field (a notice or the sample line took rows): the fields
        // scroll with the focus, so the row a key acts on is always the one on screen, and
        // the note (the person's own words) keeps its row at the foot.
        let all = p.fields();
        let fields: Vec<Field> = if inner.height < all.len() as u16 {
            let room = usize::from(inner.height);
            let at = match p.focus {
                Focus::Field(f) => all.iter().position(|x| *x == f).unwrap_or(0),
                Focus::History => all.len() - 1,
            };
            let (head, note) = all.split_at(all.len() - 1);
            if room == 1 {
                vec![all[at]]
            } else {
                let n = room - 1;
                let first = at
                    .min(head.len() - 1)
                    .saturating_sub(n - 1)
                    .min(head.len() - n);
                head[first..first + n].iter().chain(note).copied().collect()
            }
        } else {
            all.clone()
        };
        let rows = Layout::vertical(
            fields
                .iter()
                .map(|f| {
                    if *f == Field::Note {
                        Constraint::Min(1)
                    } else {
                        Constraint::Length(1)
                    }
                })
                .collect::<Vec<_>>(),
        )
        .split(inner);
        for (field, row) in fields.iter().zip(rows.iter()) {
            let focused = p.focus == Focus::Field(*field);
            let row = if *field == Field::Note {
                self.part_meaning(*row, buf)
            } else {
                *row
            };
            let [label, value] =
                Layout::horizontal([Constraint::Length(LABEL_WIDTH), Constraint::Min(1)])
                    .areas(row);
            let marker = if focused { "›" } else { " " };
            Line::from(vec![
                Span::styled(marker, t.focus),
                Span::styled(self.label(*field), if focused { t.focus } else { t.text }),
            ])
            .render(label, buf);
            self.value(*field, focused, value, buf);
        }
        // The question sits over the first row while it is open; a measure's, over its own.
        let over = match (&p.asking, p.focus) {
            (Some((super::Ask::Measure(_), _)), Focus::Field(f)) => {
                fields.iter().position(|x| *x == f).unwrap_or(0)
            }
            _ => 0,
        };
        if let (Some((ask, line)), Some(row)) = (&p.asking, rows.get(over)) {
            let [label, value] =
                Layout::horizontal([Constraint::Length(LABEL_WIDTH), Constraint::Min(1)])
                    .areas(*row);
            ratatui::widgets::Clear.render(*row, buf);
            let what = match ask {
                super::Ask::When => "When".to_string(),
                super::Ask::New(Field::Emotions) => "New emotion".to_string(),
                super::Ask::New(_) => "New ritual".to_string(),
                super::Ask::Measure(_) => self.label(p.focus_field()),
            };
            Line::from(vec![
                Span::styled("›", t.focus),
                Span::styled(what, t.focus),
            ])
            .render(label, buf);
            line.render(value, buf);
        }
    }

    fn value(&self, field: Field, focused: bool, area: Rect, buf: &mut Buffer) {
        let p = self.pane;
        let t = self.theme;
        match field {
            Field::Mood => ScaleRow {
                value: p.mood.map(Mood::get),
                max: 10,
                style: p.mood.map_or(t.muted, |m| t.mood(m.get())),
                word: p.mood.map(|m| mood_word(m.get())),
                empty: "press 1–9 or 0",
                theme: t,
            }
            .render(area, buf),
            Field::Energy => ScaleRow {
                value: p.energy.map(Energy::get),
                max: 10,
                style: t.accent,
                word: None,
                empty: if focused { "← → to set" } else { "" },
                theme: t,
            }
            .render(area, buf),
            Field::Emotions | Field::Rituals => {
                let chips = if field == Field::Emotions {
                    &p.emotions
                } else {
                    &p.rituals
                };
                ChipRow {
                    chips: &chips.vocab,
                    picked: &chips.picked,
                    cursor: chips.cursor,
                    focused,
                    theme: t,
                }
                .render(area, buf)
            }
            Field::Kindness | Field::Humanity | Field::Mindfulness => {
                let v = field.part().and_then(|i| p.parts[i]).map(PartRating::get);
                ScaleRow {
                    value: v,
                    max: 5,
                    style: t.accent,
                    word: None,
                    empty: if focused { "← → to set" } else { "" },
                    theme: t,
                }
                .render(area, buf)
            }
            Field::Measure(i) => self.measure_row(i, focused, area, buf),
            Field::Note => self.note(area, buf),
        }
    }

    /// A row's label: the field's name, or the measure's own (cut to fit).
    fn label(&self, field: Field) -> String {
        match field {
            Field::Measure(i) => self.pane.measure(i).map_or(String::new(), |m| {
                let room = usize::from(LABEL_WIDTH) - 2;
                let name: String = shown(&m.name).chars().take(room).collect();
                if m.name.chars().count() > room {
                    format!("{}…", name.chars().take(room - 1).collect::<String>())
                } else {
                    name
                }
            }),
            f => f.label().to_string(),
        }
    }

    /// A measure's value with its unit ("7.5 hours", "yes", "6 of 10"), or with the row in
    /// focus and nothing set, how to set it.
    fn measure_row(&self, i: u8, focused: bool, area: Rect, buf: &mut Buffer) {
        let (p, t) = (self.pane, self.theme);
        let Some(m) = p.measure(i) else {
            return;
        };
        let line = match p.measure_value(i) {
            Some(v) if m.kind == MeasureKind::Scale => Span::styled(
                format!("{} of {}", m.show(v), m.max.unwrap_or(10)),
                t.accent,
            ),
            Some(v) => Span::styled(shown(&m.show_with_unit(v)), t.accent),
            None if focused => Span::styled(
                match m.kind {
                    MeasureKind::YesNo => "Space: yes or no".to_string(),
                    MeasureKind::Number => "type it (7.5), or ← →".to_string(),
                    MeasureKind::Scale => format!(
                        "{}–{}: a digit, or ← →",
                        m.min.unwrap_or(0),
                        m.max.unwrap_or(10)
                    ),
                    MeasureKind::Count => "a digit, or ← →".to_string(),
                },
                t.muted,
            ),
            None => Span::raw(""),
        };
        Line::from(line).render(area, buf);
    }

    /// With a part in focus and room to spare, what the part asks, on rows of its own
    /// between the parts and the note (a column in from each side, clear of the border);
    /// returns the rows left for the note.
    fn part_meaning(&self, area: Rect, buf: &mut Buffer) -> Rect {
        let part = match self.pane.focus {
            Focus::Field(f) => f.part().map(|i| crate::domain::Part::ALL[i]),
            _ => None,
        };
        let Some(part) = part.filter(|_| area.height >= 4 && area.width > 4) else {
            return area;
        };
        let width = area.width - 2;
        let need = crate::tui::widgets::wrapped_rows(part.meaning(), usize::from(width)) as u16;
        let [ask, _, rest] = Layout::vertical([
            Constraint::Length(need.min(area.height - 2)),
            Constraint::Length(1),
            Constraint::Min(1),
        ])
        .areas(area);
        Paragraph::new(Span::styled(part.meaning(), self.theme.muted))
            .wrap(Wrap { trim: true })
            .render(
                Rect {
                    x: ask.x + 1,
                    width,
                    ..ask
                },
                buf,
            );
        rest
    }

    fn note(&self, area: Rect, buf: &mut Buffer) {
        // Rendered in place, not from a copy: the editor remembers its viewport between
        // frames, and a copy would forget it and lose the scroll position.
        self.pane.note.render(area, buf);
    }

    /// The day list's title: the day shown and its count, and away from today (or in the
    /// trash) the key back, so a list moved by a stray key always shows its way home.
    fn history_title(&self) -> String {
        use crate::tui::action::Action;
        use crate::tui::keymap::Mode;
        let p = self.pane;
        let count = p.list.rows.len();
        let back = |action, modes: &[Mode], to: &str| {
            self.keys
                .key_for(action, modes)
                .map(|k| format!(" · {k} {to}"))
                .unwrap_or_default()
        };
        if p.list.show_trash {
            let back = back(Action::ToggleTrash, &[Mode::History], "back");
            return format!("{} · {count}{back}", words::TRASH_TITLE);
        }
        if p.day == self.today {
            return match count {
                0 => "Today".to_string(),
                n => format!("Today · {n}"),
            };
        }
        let day = if p.day == self.today - Duration::days(1) {
            "Yesterday".to_string()
        } else {
            p.day.format("%a %-d %b %Y").to_string()
        };
        // One press brings today back when no day with check-ins lies between.
        let to = if p.later.is_none_or(|d| d >= self.today) {
            "today"
        } else {
            "later"
        };
        let back = back(Action::LaterDay, &[Mode::History, Mode::Form], to);
        format!("{day} · {count}{back}")
    }

    fn history(&self, area: Rect, buf: &mut Buffer, boxed: bool) {
        let p = self.pane;
        let t = self.theme;
        let focused = p.focus == Focus::History;
        let title = self.history_title();
        let border = if focused { t.accent } else { t.muted };
        let mut inner = framed(area, buf, &title, boxed, border, t);
        if let Some(words) = p
            .look_back
            .as_deref()
            .filter(|_| p.day == self.today && !p.list.show_trash && inner.height >= 8)
        {
            // Quietly at the foot of today's list.
            let width = usize::from(inner.width.max(1));
            let h = (words.chars().count().div_ceil(width) as u16).clamp(1, 3);
            let [rest, _, foot] = Layout::vertical([
                Constraint::Min(1),
                Constraint::Length(1),
                Constraint::Length(h),
            ])
            .areas(inner);
            Paragraph::new(Span::styled(words, t.notice))
                .wrap(Wrap { trim: true })
                .render(foot, buf);
            inner = rest;
        }
        if p.list.rows.is_empty() && p.first_time && !p.list.show_trash {
            let lines: Vec<Line<'_>> = [
                ("Welcome to kindly.", t.title),
                ("", t.text),
                ("Check-in: how you are, in a few keys.", t.text),
                (
                    "Critic: catch a harsh thought and answer it kindly.",
                    t.text,
                ),
                ("Journal: pages and letters to yourself.", t.text),
                ("Trends: your weeks, drawn as charts.", t.text),
                ("", t.text),
                ("Tab moves between them; ? shows every key.", t.muted),
            ]
            .into_iter()
            .map(|(s, style)| Line::from(Span::styled(s, style)))
            .collect();
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .render(inner, buf);
            return;
        }
        if p.list.rows.is_empty() {
            let words = if p.list.show_trash {
                words::TRASH_EMPTY
            } else if p.day == self.today {
                "Nothing here yet today, and that's okay."
            } else {
                "Nothing on this day."
            };
            Paragraph::new(Line::from(Span::styled(words, t.muted)))
                .wrap(Wrap { trim: true })
                .render(inner, buf);
            return;
        }
        // Tall windows give a check-in with a note a second line for it.
        let per_row: u16 = if boxed { 2 } else { 1 };
        Rows {
            count: p.list.rows.len(),
            selected: p.list.selected,
            highlight: focused,
            per_row,
            theme: t,
            hits: self.hits,
            row: |i| {
                let c = &p.list.rows[i];
                let when = if p.list.show_trash {
                    c.at.format("%-d %b %H:%M").to_string()
                } else {
                    c.at.format("%H:%M").to_string()
                };
                let mut spans = vec![
                    Span::styled(when, t.muted),
                    Span::raw(" "),
                    Span::styled(format!("{:>2}", c.mood.get()), t.mood(c.mood.get())),
                    Span::raw(" "),
                ];
                // Emotions, then rituals after a dot, each in its own colour.
                let names =
                    |ls: &[Label]| ls.iter().map(Label::as_str).collect::<Vec<_>>().join(", ");
                let (felt, done) = (names(&c.emotions), names(&c.rituals));
                if !felt.is_empty() {
                    spans.push(Span::styled(shown(&felt), t.accent));
                    spans.push(Span::raw(" "));
                }
                if !done.is_empty() {
                    if !felt.is_empty() {
                        spans.push(Span::styled("· ", t.muted));
                    }
                    spans.push(Span::styled(shown(&done), t.text));
                    spans.push(Span::raw(" "));
                }
                let note = c
                    .note
                    .as_deref()
                    .and_then(|n| n.lines().find(|l| !l.trim().is_empty()))
                    .unwrap_or_default();
                let mut lines = vec![Line::from(spans)];
                if per_row == 2 && !note.is_empty() {
                    lines.push(Line::from(Span::styled(
                        format!("      {}", shown(note)),
                        t.muted,
                    )));
                } else if !note.is_empty() {
                    lines[0].push_span(Span::styled(shown(note), t.text));
                }
                Row { lines, tail: None }
            },
        }
        .render(inner, buf);
    }
}
