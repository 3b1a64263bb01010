//! Small reusable pieces of the screen: a rating scale and a row of choices.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui_textarea::{TextArea, WrapMode};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;

/// A plain word for each mood, none of them a verdict.
pub fn mood_word(mood: u8) -> &'static str {
    match mood {
        1 => "very heavy",
        2 => "heavy",
        3 => "low",
        4 => "a bit low",
        5 => "so-so",
        6 => "okay",
        7 => "good",
        8 => "really good",
        9 => "great",
        _ => "wonderful",
    }
}

/// `●●●●●●●○○○ 7 good`: a rating drawn as filled and empty dots.
pub struct ScaleRow<'a> {
    pub value: Option<u8>,
    pub max: u8,
    pub style: Style,
    pub word: Option<&'static str>,
    /// Shown after the empty dots when there is no value yet.
    pub empty: &'static str,
    pub theme: &'a Theme,
}

impl Widget for ScaleRow<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let filled = self.value.unwrap_or(0);
        let mut spans = vec![
            Span::styled("●".repeat(usize::from(filled)), self.style),
            Span::styled(
                "○".repeat(usize::from(self.max.saturating_sub(filled))),
                self.theme.muted,
            ),
            Span::raw(" "),
        ];
        match self.value {
            Some(v) => {
                spans.push(Span::styled(format!("{v:>2}"), self.style));
                if let Some(w) = self.word {
                    spans.push(Span::styled(format!(" {w}"), self.style));
                }
            }
            None => spans.push(Span::styled(self.empty, self.theme.muted)),
        }
        Line::from(spans).render(area, buf);
    }
}

/// A row of choices. Focused, it scrolls sideways to keep the cursor in view and marks what
/// is picked with ✓; unfocused, it lists only what is picked.
pub struct ChipRow<'a> {
    pub chips: &'a [String],
    pub picked: &'a [String],
    pub cursor: usize,
    pub focused: bool,
    pub theme: &'a Theme,
}

impl Widget for ChipRow<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        if !self.focused {
            let line = if self.picked.is_empty() {
                Line::from(Span::styled("–", t.muted))
            } else {
                Line::from(Span::styled(self.picked.join(", "), t.accent))
            };
            line.render(area, buf);
            return;
        }
        let chip = |name: &String| {
            let mark = if self.picked.contains(name) {
                "✓"
            } else {
                " "
            };
            format!("{mark}{name} ")
        };
        let widths: Vec<usize> = self.chips.iter().map(|c| chip(c).width()).collect();
        let room = usize::from(area.width).saturating_sub(2);
        // Scroll so the cursor's chip ends inside the row.
        let mut first = 0;
        while first < self.cursor
            && widths[first..=self.cursor.min(widths.len().saturating_sub(1))]
                .iter()
                .sum::<usize>()
                > room
        {
            first += 1;
        }
        let mut spans = vec![Span::styled(if first > 0 { "‹" } else { " " }, t.muted)];
        let mut used = 1;
        let mut last_shown = first;
        for (i, name) in self.chips.iter().enumerate().skip(first) {
            if used + widths[i] > room + 1 && i > first {
                break;
            }
            let style = if i == self.cursor {
                t.selection
            } else if self.picked.contains(name) {
                t.accent
            } else {
                t.text
            };
            spans.push(Span::styled(chip(name), style));
            used += widths[i];
            last_shown = i;
        }
        if last_shown + 1 < self.chips.len() {
            spans.push(Span::styled("›", t.muted));
        }
        Line::from(spans).render(area, buf);
    }
}

/// A soft-wrapping editor holding `text`, with a quiet placeholder and no cursor until the
/// person starts writing.
pub fn editor(text: &str, placeholder: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.lines().map(String::from).collect()
    };
    let mut area = TextArea::new(lines);
    // Opening saved words puts the cursor after them, so typing carries on from the end.
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_placeholder_text(placeholder);
    area.set_placeholder_style(Style::default().add_modifier(Modifier::DIM));
    show_cursor(&mut area, false);
    area
}

/// An editor shows a cursor only while writing, so it is clear where typing lands.
pub fn show_cursor(area: &mut TextArea<'_>, writing: bool) {
    let style = if writing {
        Style::default().add_modifier(Modifier::REVERSED)
    } else {
        Style::default()
    };
    area.set_cursor_style(style);
    area.set_cursor_line_style(Style::default());
}

/// Puts `new` in place of an editor's text, changing only the part that differs, so text
/// added at the end (or taken out) is one step for undo.
pub fn replace_text(area: &mut TextArea<'_>, new: &str) {
    let old: Vec<char> = editor_text(area).chars().collect();
    let new: Vec<char> = new.chars().collect();
    let pre = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let room = old.len().min(new.len()) - pre;
    let suf = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    let (Some(from), Some(to)) = (place(&old, pre), place(&old, old.len() - suf)) else {
        area.select_all();
        area.insert_str(new.iter().collect::<String>());
        return;
    };
    area.cancel_selection();
    area.move_cursor(ratatui_textarea::CursorMove::Jump(from.0, from.1));
    if to != from {
        area.start_selection();
        area.move_cursor(ratatui_textarea::CursorMove::Jump(to.0, to.1));
    }
    area.insert_str(new[pre..new.len() - suf].iter().collect::<String>());
}

/// The (row, column) of the `i`th character of `text`, if the editor can jump there.
fn place(text: &[char], i: usize) -> Option<(u16, u16)> {
    let row = text[..i].iter().filter(|c| **c == '\n').count();
    let col = text[..i].iter().rev().take_while(|c| **c != '\n').count();
    Some((u16::try_from(row).ok()?, u16::try_from(col).ok()?))
}

/// An editor's text as one string.
pub fn editor_text(area: &TextArea<'_>) -> String {
    area.lines().join("\n")
}

/// `████████░░  80%`: a 0–100 value as a bar of ten cells.
pub struct PercentRow<'a> {
    pub value: Option<u8>,
    pub style: Style,
    pub theme: &'a Theme,
}

impl Widget for PercentRow<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let filled = usize::from(self.value.unwrap_or(0).div_ceil(10));
        let mut spans = vec![
            Span::styled("█".repeat(filled), self.style),
            Span::styled("░".repeat(10 - filled), self.theme.muted),
            Span::raw(" "),
        ];
        spans.push(match self.value {
            Some(v) => Span::styled(format!("{v:>3}%"), self.style),
            None => Span::styled("  –", self.theme.muted),
        });
        Line::from(spans).render(area, buf);
    }
}

pub use crate::domain::visible as shown;

/// A pane's frame: a rounded box with `title` when there is room (`boxed`), otherwise the
/// title alone on the first line. Returns the space left inside.
pub fn framed(
    area: Rect,
    buf: &mut Buffer,
    title: &str,
    boxed: bool,
    border: Style,
    theme: &Theme,
) -> Rect {
    use ratatui::layout::{Constraint, Layout};
    use ratatui::widgets::{Block, BorderType, Borders};
    if boxed {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_type(BorderType::Rounded)
            .border_style(border)
            .title(Span::styled(format!(" {title} "), theme.title));
        let inner = block.inner(area);
        block.render(area, buf);
        inner
    } else {
        let [head, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        Line::from(Span::styled(title.to_string(), theme.title)).render(head, buf);
        rest
    }
}

/// One record in a list: its lines (the first is the main one) and, optionally, a short
/// figure shown at the right end of the first line.
pub struct Row<'a> {
    pub lines: Vec<Line<'a>>,
    pub tail: Option<Span<'a>>,
}

/// A scrolling list of records, up to `per_row` lines each (a record with fewer lines takes
/// fewer rows), that keeps the selected one in view, marks it when `highlight` is set, and
/// records each row for mouse clicks.
pub struct Rows<'a, F: Fn(usize) -> Row<'a>> {
    pub count: usize,
    pub selected: usize,
    pub highlight: bool,
    pub per_row: u16,
    pub row: F,
    pub theme: &'a Theme,
    pub hits: &'a super::pane::Hits,
}

impl<'a, F: Fn(usize) -> Row<'a>> Widget for Rows<'a, F> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if self.count == 0 {
            return;
        }
        let per_row = self.per_row.max(1);
        let height = |i: usize| ((self.row)(i).lines.len() as u16).clamp(1, per_row);
        // The first record shown: as far back from the selected one as still lets it fit
        // whole (only the records in view are measured, so long lists stay quick).
        let mut first = self.selected.min(self.count.saturating_sub(1));
        let mut used = height(first);
        while first > 0 && used + height(first - 1) <= area.height {
            used += height(first - 1);
            first -= 1;
        }
        let mut y = area.y;
        for i in first..self.count {
            if y >= area.bottom() {
                break;
            }
            let selected = self.highlight && i == self.selected;
            let Row { lines, tail } = (self.row)(i);
            let rows = (lines.len() as u16).clamp(1, per_row);
            // A record is shown whole or not at all (only the first may be cut short).
            if i > first && y + rows > area.bottom() {
                break;
            }
            let top = y;
            y += rows;
            for (k, mut line) in lines.into_iter().take(usize::from(rows)).enumerate() {
                let r = Rect::new(area.x, top + k as u16, area.width, 1);
                if r.y >= area.bottom() {
                    break;
                }
                if selected {
                    buf.set_style(r, self.theme.selection);
                    line = line.patch_style(self.theme.selection);
                }
                let cut = line.width() > usize::from(r.width);
                line.render(r, buf);
                // A line cut short ends in an ellipsis, never mid-word without a sign.
                if cut && r.width > 1 {
                    // A wide character whose second half the ellipsis takes goes too.
                    let before = &mut buf[(r.right() - 2, r.y)];
                    if before.symbol().width() > 1 {
                        before.set_symbol(" ");
                    }
                    buf[(r.right() - 1, r.y)].set_symbol("…");
                }
                self.hits.add(r, super::pane::Target::Row(i));
                if let (0, Some(tail)) = (k, &tail) {
                    let w = tail.width() as u16 + 1;
                    if r.width > w + 20 {
                        let spot = Rect::new(r.right() - w, r.y, w, 1);
                        let style = if selected {
                            self.theme.selection
                        } else {
                            tail.style
                        };
                        Line::from(Span::styled(format!("{} ", tail.content), style))
                            .render(spot, buf);
                    }
                }
            }
        }
    }
}

/// `line` with `right` at the far end of a row `width` wide, when both fit with a gap of
/// three; otherwise `line` alone.
pub fn with_right<'a>(line: Line<'a>, right: Span<'a>, width: u16) -> Line<'a> {
    let (left, r, width) = (line.width(), right.width(), usize::from(width));
    if left + r + 3 > width {
        return line;
    }
    let mut spans = line.spans;
    spans.push(Span::raw(" ".repeat(width - left - r)));
    spans.push(right);
    Line::from(spans)
}

/// How many rows `text` takes when wrapped at word boundaries into `width` columns (as a
/// wrapping paragraph lays it out), so a band at the foot can be given exactly its rows.
pub fn wrapped_rows(text: &str, width: usize) -> usize {
    let width = width.max(1);
    let mut rows = 1;
    let mut used = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if used > 0 && used + 1 + len <= width {
            used += 1 + len;
            continue;
        }
        if used > 0 {
            rows += 1;
        }
        // At the start of a row; a word longer than the row is broken across rows.
        let extra = len.saturating_sub(1) / width;
        rows += extra;
        used = len - extra * width;
    }
    rows
}

#[cfg(test)]
mod wrap_tests {
    use crate::tui::widgets::{editor, show_cursor, wrapped_rows};
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;

    fn drawn(area: &ratatui_textarea::TextArea<'_>, width: u16, height: u16) -> Vec<String> {
        let rect = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(rect);
        area.render(rect, &mut buf);
        (0..height)
            .map(|y| (0..width).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect()
    }

    #[test]
    fn typed_text_starts_where_the_placeholder_did() {
        let mut area = editor("", "Enter to write");
        assert!(drawn(&area, 20, 1)[0].starts_with("Enter to write"));
        show_cursor(&mut area, true);
        assert!(drawn(&area, 20, 1)[0].starts_with("Enter to write"));
        area.insert_char('a');
        assert!(drawn(&area, 20, 1)[0].starts_with('a'));
    }

    #[test]
    fn soft_wrap_keeps_punctuation_with_its_word() {
        // "see" ends exactly at the row's edge; its full stop goes with it.
        let area = editor("We will see. Soon", "");
        let rows = drawn(&area, 11, 3);
        assert_eq!(rows[0].trim_end(), "We will");
        assert_eq!(rows[1].trim_end(), "see. Soon");
        assert!(rows.iter().all(|r| !r.starts_with('.')), "{rows:?}");
    }

    #[test]
    fn rows_count_word_wrapping_not_characters() {
        assert_eq!(wrapped_rows("one two three", 13), 1);
        assert_eq!(wrapped_rows("one two three", 12), 2);
        assert_eq!(wrapped_rows("aaaa bbbb cccc", 9), 2);
        assert_eq!(wrapped_rows("", 10), 1);
        assert_eq!(wrapped_rows("abcdefghijkl", 5), 3);
    }
}
