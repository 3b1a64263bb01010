//! The Trends calendar: a square a day, shaded by mood, with a cursor on one day that
//! ↑/↓ move and Enter (or a click) opens in the Check-in pane.

use chrono::{Duration, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{TrendsPane, TrendsView};
use crate::insights::Trends;
use crate::tui::action::Action;
use crate::tui::pane::{Effect, Outcome, Target};

impl TrendsPane {
    /// The day under the calendar's cursor: the one moved to, else the span's last day.
    pub fn cursor_day(&self, tr: &Trends) -> Option<NaiveDate> {
        let day = self.cursor.unwrap_or(tr.span.until);
        (tr.span.contains(day) && self.began.is_some_and(|b| day >= b)).then_some(day)
    }

    /// ↑/↓ move the cursor a day, Enter asks for its day to be opened. Returns the
    /// outcome when the action was the calendar's.
    pub(super) fn calendar_action(&mut self, action: Action) -> Option<Outcome> {
        let tr = self.trends.as_ref()?;
        let first = self.began.map_or(tr.span.from, |b| b.max(tr.span.from));
        let here = self.cursor_day(tr).unwrap_or(tr.span.until);
        match action {
            Action::FocusNext => self.cursor = Some((here + Duration::days(1)).min(tr.span.until)),
            Action::FocusPrev => self.cursor = Some((here - Duration::days(1)).max(first)),
            Action::EditSelected if self.cursor_day(tr).is_some() => {
                return Some(Outcome::quiet().with(Effect::OpenDay(here)));
            }
            _ => return None,
        }
        Some(Outcome::quiet())
    }

    /// A click on a calendar day (`offset` days into the span) opens it.
    pub(super) fn click_day(&mut self, offset: usize) -> Outcome {
        let Some(tr) = &self.trends else {
            return Outcome::quiet();
        };
        let day = tr.span.from + Duration::days(offset as i64);
        self.cursor = Some(day);
        Outcome::quiet().with(Effect::OpenDay(day))
    }
}

impl TrendsView<'_> {
    pub(super) fn calendar(&self, tr: &Trends, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let cursor = self.pane.cursor_day(tr);
        let label_w: u16 = 4;
        let room = area.width.saturating_sub(label_w);
        let weeks: Vec<NaiveDate> = tr.span.week_starts().collect();
        // Wide cells when there are few weeks, one column per week when there are many.
        let cell: u16 = (room / weeks.len().max(1) as u16).clamp(1, 4);
        let fit = usize::from(room / cell);
        let shown = &weeks[weeks.len().saturating_sub(fit)..];
        // Month names above the week where each month begins, when there's a row to spare.
        let top: u16 = u16::from(area.height >= 8);
        let mut last_month = None;
        // A label needs its three letters and a space before the next ("Dec Jan", never
        // "DecJan"); one that would crowd the last is left out.
        let mut free = area.x;
        for (col, start) in shown.iter().enumerate().filter(|_| top == 1) {
            let month = (*start + Duration::days(6)).format("%b").to_string();
            if last_month.as_ref() != Some(&month) {
                let x = area.x + label_w + col as u16 * cell;
                if x >= free && x + 3 <= area.right() {
                    buf.set_string(x, area.y, &month, t.muted);
                    free = x + 4;
                }
                last_month = Some(month);
            }
        }
        for row in 0..7u16 {
            if row + top >= area.height {
                break;
            }
            let y = area.y + top + row;
            if row % 2 == 0 {
                // The span starts on the first day of a week, so row n is that weekday + n.
                let name = (tr.span.from + Duration::days(i64::from(row)))
                    .format("%a")
                    .to_string();
                Line::from(Span::styled(name, t.muted))
                    .render(Rect::new(area.x, y, label_w, 1), buf);
            }
            for (col, start) in shown.iter().enumerate() {
                let day = *start + Duration::days(i64::from(row));
                let x = area.x + label_w + col as u16 * cell;
                let before = self.pane.began.is_none_or(|b| day < b);
                let (symbol, style) = if !tr.span.contains(day) || before {
                    (" ", Style::default())
                } else {
                    match tr.days.iter().find(|d| d.day == day) {
                        Some(d) => {
                            let m = d.mood.round() as u8;
                            (t.mood_block(m), t.mood(m))
                        }
                        None => ("·", t.muted),
                    }
                };
                let filled = usize::from(if cell >= 3 { cell - 1 } else { cell });
                let text = if symbol == "·" {
                    "·".to_string()
                } else {
                    symbol.repeat(filled)
                };
                let here = cursor == Some(day) && tr.span.contains(day) && !before;
                // The chosen day keeps its mood's colour, reversed behind a diamond: reverse
                // video on a full block would paint it in the background colour, as if empty.
                let (text, style) = match (here, symbol) {
                    (false, _) => (text, style),
                    (true, "·" | " ") => ("·".to_string(), t.selection),
                    (true, _) => (
                        format!("{:^width$}", "◆", width = filled),
                        style.add_modifier(Modifier::REVERSED),
                    ),
                };
                buf.set_string(x, y, text, style);
                if tr.span.contains(day) && !before {
                    let offset = (day - tr.span.from).num_days() as usize;
                    self.hits.add(Rect::new(x, y, cell, 1), Target::Row(offset));
                }
            }
        }
        if area.height > 9 {
            let mut legend = vec![Span::styled("low ", t.muted)];
            for m in 1..=10 {
                legend.push(Span::styled(t.mood_block(m), t.mood(m)));
            }
            legend.push(Span::styled(
                " high   · no check-in   ↑↓ day, Enter opens it",
                t.muted,
            ));
            Line::from(legend).render(Rect::new(area.x + label_w, area.y + 9, room, 1), buf);
            if shown.len() < weeks.len() && area.height > 10 {
                Line::from(Span::styled(
                    format!("the last {} weeks fit here", shown.len()),
                    t.muted,
                ))
                .render(Rect::new(area.x + label_w, area.y + 10, room, 1), buf);
            }
        }
    }
}
