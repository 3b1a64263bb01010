//! The Trends views made of lines (rituals, practice, emotions) scroll when they don't fit:
//! ↑↓ a row, PgUp/PgDn a page, with a sign at the foot while more lies above or below.

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::tui::action::Action;
use crate::tui::theme::Theme;

/// How far a view is scrolled, and (learnt while drawing) how far it can go and a page.
#[derive(Debug, Default)]
pub struct Scroll {
    pub top: u16,
    /// The furthest the view can scroll, and the rows of a page, as last drawn.
    room: Cell<(u16, u16)>,
}

impl Scroll {
    /// Moves for ↑↓ and PgUp/PgDn; returns whether the action was a scroll.
    pub fn apply(&mut self, action: Action) -> bool {
        let (max, page) = self.room.get();
        self.top = match action {
            Action::FocusNext => self.top.saturating_add(1),
            Action::FocusPrev => self.top.saturating_sub(1),
            Action::PageDown => self.top.saturating_add(page.max(1)),
            Action::PageUp => self.top.saturating_sub(page.max(1)),
            _ => return false,
        }
        .min(max);
        true
    }

    /// Back to the top, for another view or another span.
    pub fn home(&mut self) {
        self.top = 0;
    }
}

/// Draws `lines` wrapped to the width of `area`, from the scrolled row on; when they don't
/// all fit, the last row says there is more and which way.
pub fn draw(lines: Vec<Line<'_>>, scroll: &Scroll, area: Rect, buf: &mut Buffer, t: &Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let rows = wrap(lines, area.width);
    let fits = rows.len() <= usize::from(area.height);
    let view = if fits { area.height } else { area.height - 1 };
    let max = (rows.len() as u16).saturating_sub(view);
    scroll.room.set((max, view.saturating_sub(1).max(1)));
    let top = scroll.top.min(max);
    for (i, row) in rows
        .into_iter()
        .skip(usize::from(top))
        .take(usize::from(view))
        .enumerate()
    {
        row.render(Rect::new(area.x, area.y + i as u16, area.width, 1), buf);
    }
    if fits {
        return;
    }
    let sign = match (top > 0, top < max) {
        (true, true) => "↑↓ more above and below (PgUp/PgDn)",
        (false, _) => "↓ more below (↓ or PgDn)",
        (true, false) => "↑ more above (↑ or PgUp)",
    };
    Line::from(Span::styled(sign, t.muted))
        .render(Rect::new(area.x, area.bottom() - 1, area.width, 1), buf);
}

/// `lines` broken into rows no wider than `width`, at spaces (a word too long for a row is
/// broken inside), each piece keeping its style: exactly the rows drawn, so the scroll
/// knows how many there are.
pub fn wrap(lines: Vec<Line<'_>>, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    let mut out = Vec::new();
    for line in lines {
        // Pieces: runs of non-space followed by their spaces, each with its style.
        let mut pieces: Vec<(String, ratatui::style::Style)> = Vec::new();
        for span in &line.spans {
            let style = line.style.patch(span.style);
            let mut word = String::new();
            let mut in_space = false;
            for c in span.content.chars() {
                if in_space && !c.is_whitespace() {
                    pieces.push((std::mem::take(&mut word), style));
                    in_space = false;
                }
                in_space |= c.is_whitespace();
                word.push(c);
            }
            if !word.is_empty() {
                pieces.push((word, style));
            }
        }
        let mut row: Vec<Span<'static>> = Vec::new();
        let mut used = 0;
        for (mut text, style) in pieces {
            let w = text.trim_end().width();
            if used > 0 && used + w > width {
                out.push(Line::from(std::mem::take(&mut row)));
                used = 0;
            }
            // A word wider than a whole row is broken where the row ends.
            while used == 0 && text.trim_end().width() > width {
                let mut cut = String::new();
                for c in text.chars() {
                    if (cut.clone() + &c.to_string()).width() > width {
                        break;
                    }
                    cut.push(c);
                }
                if cut.is_empty() {
                    // A character wider than the row still gets one.
                    cut.extend(text.chars().next());
                }
                text = text[cut.len()..].to_string();
                out.push(Line::from(Span::styled(cut, style)));
            }
            used += text.width();
            row.push(Span::styled(text, style));
        }
        out.push(Line::from(row));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[Line<'_>]) -> Vec<String> {
        rows.iter()
            .map(|l| {
                l.spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
            })
            .collect()
    }

    #[test]
    fn lines_wrap_at_spaces_and_long_words_break_inside() {
        let rows = wrap(vec![Line::from("one two three"), Line::from("abcdefgh")], 5);
        assert_eq!(
            texts(&rows),
            ["one ", "two ", "three", "abcde", "fgh"].map(String::from)
        );
        assert_eq!(texts(&wrap(vec![Line::raw("")], 5)), [""]);
    }

    #[test]
    fn scrolling_stops_at_the_last_row_and_a_page_is_the_view() {
        let t = Theme::monochrome();
        let lines: Vec<Line<'_>> = (0..10).map(|i| Line::from(format!("row {i}"))).collect();
        let area = Rect::new(0, 0, 20, 4);
        let mut scroll = Scroll::default();
        let mut buf = Buffer::empty(area);
        draw(lines.clone(), &scroll, area, &mut buf, &t);
        let shown = |buf: &Buffer, y: u16| {
            (0..20)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        };
        assert!(shown(&buf, 3).starts_with("↓ more below"));
        assert!(scroll.apply(Action::PageDown));
        assert_eq!(scroll.top, 2);
        for _ in 0..20 {
            scroll.apply(Action::FocusNext);
        }
        assert_eq!(scroll.top, 7, "three rows in view, ten in all");
        let mut buf = Buffer::empty(area);
        draw(lines, &scroll, area, &mut buf, &t);
        assert!(shown(&buf, 2).starts_with("row 9"));
        assert!(shown(&buf, 3).starts_with("↑ more above"));
        assert!(!scroll.apply(Action::Left));
    }
}
