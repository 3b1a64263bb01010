//! Drawing the Journal pane: the list of entries and letters, or one open in the editor.

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::practice;
use super::{Field, JournalPane, Page, View};
use crate::domain::EntryKind;
use crate::tui::pane::{Draw, DrawCx};
use crate::tui::records::words;
use crate::tui::theme::Theme;
use crate::tui::widgets::{Row, Rows, framed, shown};

impl Draw for JournalPane {
    fn draw(&self, area: Rect, buf: &mut Buffer, cx: &DrawCx<'_>) {
        JournalView {
            hits: cx.hits,
            pane: self,
            theme: cx.theme,
            now: cx.now,
        }
        .render(area, buf);
    }
}

/// Draws the pane from its state; drawing never changes it.
pub struct JournalView<'a> {
    pub hits: &'a crate::tui::pane::Hits,
    pub pane: &'a JournalPane,
    pub theme: &'a Theme,
    pub now: DateTime<FixedOffset>,
}

fn when(at: &DateTime<FixedOffset>, today: NaiveDate) -> String {
    if at.date_naive() == today {
        at.format("today %H:%M").to_string()
    } else {
        at.format("%a %-d %b %Y").to_string()
    }
}

impl Widget for JournalView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let p = self.pane;
        let t = self.theme;
        let boxed = area.height >= 14;
        let title = match (&p.page, p.view) {
            (Some(page), View::Page) => match (&page.editing, page.kind) {
                (Some(e), _) => format!(
                    "{} · {} · {}",
                    e.kind.as_str(),
                    when(&e.at, self.now.date_naive()),
                    crate::domain::short_id(&e.id)
                ),
                (None, EntryKind::Letter) => "A letter to yourself".into(),
                (None, EntryKind::Journal) => "A new page".into(),
            },
            (_, View::Prompts) => "A letter to yourself".into(),
            _ if p.list.show_trash => words::TRASH_TITLE.into(),
            _ => "Journal and letters".into(),
        };
        let inner = framed(area, buf, &title, boxed, t.accent, t);
        match (&p.page, p.view) {
            (Some(page), View::Page) => self.page(page, inner, buf, boxed),
            (_, View::Prompts) => practice::draw_prompts(&p.prompts, p.prompt_row, inner, buf, t),
            _ => self.list(inner, buf, boxed),
        }
    }
}

impl JournalView<'_> {
    fn list(&self, area: Rect, buf: &mut Buffer, tall: bool) {
        let p = self.pane;
        let t = self.theme;
        let mut y = area.y;
        if let Some(kind) = p.kind.as_ref().filter(|_| !p.list.show_trash) {
            // One of the person's own kind lines, quietly, with room around it.
            let text = format!(
                "“{}”",
                shown(kind).split_whitespace().collect::<Vec<_>>().join(" ")
            );
            let width = usize::from(area.width.max(1));
            let h = (text.chars().count().div_ceil(width) as u16).clamp(1, 2);
            Paragraph::new(Span::styled(text, t.notice))
                .wrap(Wrap { trim: true })
                .render(Rect::new(area.x, y, area.width, h), buf);
            // A blank row apart from what follows, when the pane has rows to spare.
            y += h + u16::from(area.height > h + 4);
        }
        if let Some(w) = &p.waiting {
            let line = Line::from(Span::styled(
                format!(
                    "An unsaved {} is waiting. Press n to carry on.",
                    match w.kind {
                        crate::domain::EntryKind::Journal => "page",
                        crate::domain::EntryKind::Letter => "letter",
                    }
                ),
                t.notice,
            ));
            line.render(Rect::new(area.x, y, area.width, 1), buf);
            y += 1;
        }
        let rest = Rect::new(area.x, y, area.width, area.bottom().saturating_sub(y));
        if p.list.rows.is_empty() {
            let words = if p.list.show_trash {
                words::TRASH_EMPTY
            } else {
                "Nothing written yet. Press n for a journal page, or l to write a letter to yourself, the way a good friend would."
            };
            Paragraph::new(Span::styled(words, t.muted))
                .wrap(Wrap { trim: true })
                .render(rest, buf);
            return;
        }
        let per_row: u16 = if tall { 2 } else { 1 };
        let today = self.now.date_naive();
        Rows {
            count: p.list.rows.len(),
            selected: p.list.selected,
            highlight: true,
            per_row,
            theme: t,
            hits: self.hits,
            row: |i| {
                let e = &p.list.rows[i];
                let mark = match e.kind {
                    EntryKind::Letter => "✉ ",
                    EntryKind::Journal => "  ",
                };
                let mut lines = vec![Line::from(vec![
                    Span::styled(format!("{:<16}", when(&e.at, today)), t.muted),
                    Span::styled(mark, t.accent),
                    Span::styled(shown(&e.heading()), t.text),
                ])];
                if per_row == 2 {
                    let mut second = vec![Span::raw(" ".repeat(18))];
                    second.push(Span::styled(format!("{} words", e.words()), t.muted));
                    if !e.tags.is_empty() {
                        let tags: Vec<String> = e
                            .tags
                            .iter()
                            .map(|t| format!("#{}", shown(t.as_str())))
                            .collect();
                        second.push(Span::styled(format!("  {}", tags.join(" ")), t.accent));
                    }
                    lines.push(Line::from(second));
                }
                Row { lines, tail: None }
            },
        }
        .render(rest, buf);
    }

    fn page(&self, page: &Page, area: Rect, buf: &mut Buffer, roomy: bool) {
        let t = self.theme;
        let prompt_words = practice::prompt_words(&self.pane.prompts, page);
        let prompt_h: u16 = match &prompt_words {
            Some(words) if roomy => {
                let width = usize::from(area.width.max(1));
                (words.chars().count().div_ceil(width) as u16).clamp(1, 3)
            }
            Some(_) => 1,
            None => 0,
        };
        let kept = practice::kept_line(page, t);
        let [title, tags, prompt, body, kept_area] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(prompt_h),
            Constraint::Min(1),
            Constraint::Length(u16::from(kept.is_some())),
        ])
        .areas(area);
        if let Some(kept) = kept {
            kept.render(kept_area, buf);
        }
        for (field, label, rect, textarea) in [
            (Field::Title, "Title", title, &page.title),
            (Field::Tags, "Tags", tags, &page.tags),
        ] {
            let focused = page.field == field;
            let [l, v] =
                Layout::horizontal([Constraint::Length(7), Constraint::Min(1)]).areas(rect);
            Line::from(vec![
                Span::styled(if focused { "›" } else { " " }, t.focus),
                Span::styled(label, if focused { t.focus } else { t.muted }),
            ])
            .render(l, buf);
            textarea.render(v, buf);
        }
        if let Some(words) = prompt_words.filter(|_| prompt_h > 0) {
            Paragraph::new(Span::styled(words, t.notice))
                .wrap(Wrap { trim: true })
                .render(prompt, buf);
        }
        let [mark, text] =
            Layout::horizontal([Constraint::Length(2), Constraint::Min(1)]).areas(body);
        if page.field == Field::Body {
            Line::from(Span::styled("›", t.focus)).render(mark, buf);
        }
        page.body.render(text, buf);
        practice::mark_kept(page, mark, text, buf, t);
    }
}
