//! The list of what waits for the next session, and how it is drawn: each mark with a line
//! about the record it is on, oldest first, and a line being written for a thing to remember.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget, Wrap};
use ratatui_textarea::{Input, TextArea};

use super::theme::Theme;
use super::widgets::shown;
use crate::domain::{EntryKind, MarkedKind, Scale, SessionMark};
use crate::store::Store;

/// The list of what waits for the next session.
pub struct SessionList {
    /// Each mark with a line about the record it is on.
    pub items: Vec<(SessionMark, String)>,
    pub selected: usize,
    /// A thing to remember being written, while it is.
    pub note: Option<TextArea<'static>>,
}

/// A line about what a mark is on, from the journal.
fn about(store: &Store, m: &SessionMark) -> String {
    let Some((kind, id)) = m.record else {
        return "a thing to remember".into();
    };
    let found = match kind {
        MarkedKind::CheckIn => store
            .checkin(id)
            .ok()
            .flatten()
            .map(|c| format!("check-in, {}, mood {}", c.at.format("%-d %b"), c.mood.get())),
        MarkedKind::Thought => store.thought(id).ok().flatten().map(|t| {
            format!(
                "thought, {}: \u{201c}{}\u{201d}",
                t.at.format("%-d %b"),
                first_line(&t.thought)
            )
        }),
        MarkedKind::Entry => store.entry(id).ok().flatten().map(|e| {
            let word = if e.kind == EntryKind::Letter {
                "letter"
            } else {
                "page"
            };
            format!(
                "{word}, {}: {}",
                e.at.format("%-d %b"),
                first_line(&e.heading())
            )
        }),
        MarkedKind::Break => store
            .break_record(id)
            .ok()
            .flatten()
            .map(|b| format!("break, {}", b.at.format("%-d %b"))),
    };
    found.unwrap_or_else(|| format!("a {} no longer in the journal", kind.word()))
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_string()
}

impl SessionList {
    pub fn load(store: &Store) -> crate::store::Result<Self> {
        let items = store
            .waiting_marks()?
            .into_iter()
            .map(|m| {
                let about = about(store, &m);
                (m, about)
            })
            .collect();
        Ok(Self {
            items,
            selected: 0,
            note: None,
        })
    }

    pub fn type_key(&mut self, input: Input) -> bool {
        match self.note.as_mut() {
            Some(n) if !matches!(input.key, ratatui_textarea::Key::Enter) => n.input(input),
            _ => false,
        }
    }

    pub fn paste(&mut self, text: &str) -> bool {
        match self.note.as_mut() {
            Some(n) => n.insert_str(text.replace(['\n', '\r'], " ")),
            None => false,
        }
    }
}

/// Text cut to `width` columns with an ellipsis, never mid-character.
fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut used = 0;
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_string();
    }
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

pub struct SessionView<'a> {
    pub list: &'a SessionList,
    pub hits: &'a crate::tui::pane::Hits,
    pub theme: &'a Theme,
}

impl Widget for SessionView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (s, t) = (self.list, self.theme);
        Clear.render(area, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_type(BorderType::Rounded)
            .border_style(t.accent)
            .title(Span::styled(" For your next session ", t.title));
        let inner = block.inner(area);
        block.render(area, buf);
        let [head, list] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(inner);
        match &s.note {
            Some(n) => {
                let [mark, text] =
                    Layout::horizontal([Constraint::Length(2), Constraint::Min(1)]).areas(head);
                Line::from(Span::styled("+", t.focus)).render(mark, buf);
                n.render(text, buf);
            }
            None => {
                let words = if s.items.is_empty() {
                    "Nothing yet. B on any record marks it; a adds a thing to remember.".to_string()
                } else {
                    if head.width < 60 {
                        format!("{} to bring up, oldest first.", s.items.len())
                    } else {
                        format!(
                            "{} to bring up, oldest first. Anything not marked talked about keeps for next time.",
                            s.items.len()
                        )
                    }
                };
                Paragraph::new(Span::styled(words, t.muted))
                    .wrap(Wrap { trim: true })
                    .render(head, buf);
            }
        }
        // Each item is its record's line, and the person's own words under it.
        let rows = |m: &SessionMark| if m.note.is_some() { 2 } else { 1 };
        let height = usize::from(list.height);
        let mut first = 0;
        while first < s.selected
            && s.items[first..=s.selected]
                .iter()
                .map(|(m, _)| rows(m))
                .sum::<usize>()
                > height
        {
            first += 1;
        }
        let width = usize::from(list.width);
        let mut y = list.y;
        for (i, (m, about)) in s.items.iter().enumerate().skip(first) {
            if usize::from(y - list.y) + rows(m) > height {
                break;
            }
            let area = Rect::new(list.x, y, list.width, rows(m) as u16);
            let mut lines = vec![Line::from(vec![
                Span::styled(format!("{:<8}", m.added_at.format("%-d %b")), t.muted),
                Span::styled(fit(&shown(about), width.saturating_sub(8)), t.text),
            ])];
            if let Some(note) = &m.note {
                lines.push(Line::from(Span::styled(
                    format!(
                        "        \u{2014} {}",
                        fit(&shown(note).replace('\n', " "), width.saturating_sub(10))
                    ),
                    t.accent,
                )));
            }
            if i == s.selected {
                buf.set_style(area, t.selection);
                lines = lines
                    .into_iter()
                    .map(|l| l.patch_style(t.selection))
                    .collect();
            }
            Paragraph::new(lines).render(area, buf);
            self.hits.add(area, crate::tui::pane::Target::Row(i));
            y += rows(m) as u16;
        }
    }
}
