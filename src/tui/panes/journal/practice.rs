//! What the Journal pane adds to the practice: letters that start from a prompt, lines
//! kept from a page for the deck of kind words, and one of those words shown quietly.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::page::Page;
use crate::domain::{EntryKind, LetterPrompt, letter_prompt_words};
use crate::tui::action::Action;
use crate::tui::pane::Notice;
use crate::tui::theme::Theme;
use crate::tui::widgets::shown;

/// What a key does on the list of letter prompts.
pub(super) enum OnPrompts {
    Stay,
    /// Start a letter from the prompt with this key.
    Start(Option<String>),
    Back,
}

/// Moves through the prompts, or picks one.
pub(super) fn on_prompts(prompts: &[LetterPrompt], row: &mut usize, action: Action) -> OnPrompts {
    let last = prompts.len().saturating_sub(1);
    match action {
        Action::FocusNext => *row = (*row + 1).min(last),
        Action::FocusPrev => *row = row.saturating_sub(1),
        Action::EditSelected | Action::NewLetter => {
            return OnPrompts::Start(prompts.get(*row).map(|p| p.key.clone()));
        }
        Action::BackToForm => return OnPrompts::Back,
        _ => {}
    }
    OnPrompts::Stay
}

/// Keeps the line under the cursor for the deck of kind words, or lets it go again. A line
/// is what runs to a line break (Enter), however many rows soft wrap gives it: a row's
/// edge falls wherever the window does, a line break where the person put it.
pub(super) fn keep_line(page: &mut Page) -> Notice {
    let row = page.body.cursor().0;
    let line = page
        .body
        .lines()
        .get(row)
        .map(|l| l.trim().to_string())
        .unwrap_or_default();
    if line.is_empty() {
        return Some("Put the cursor on a line with words in it to keep that line.".into());
    }
    if let Some(i) = page.kept.iter().position(|k| *k == line) {
        page.kept.remove(i);
        return Some("That line is no longer kept for your deck.".into());
    }
    let said = if line.chars().count() > 60 {
        format!("{}…", line.chars().take(59).collect::<String>().trim_end())
    } else {
        line.clone()
    };
    page.kept.push(line);
    Some(format!(
        "Kept for your deck of kind words (marked ✓): “{said}” It's there once the page is saved."
    ))
}

/// Marks the kept lines where the page shows them: a ✓ in the margin and their words set
/// apart, on every row soft wrap gives them, so what `K` kept is plain to see.
pub fn mark_kept(page: &Page, margin: Rect, text: Rect, buf: &mut Buffer, t: &Theme) {
    if page.kept.is_empty() || margin.width < 2 {
        return;
    }
    let lines = page.body.lines();
    let top = usize::from(page.body.scroll_offset().0);
    let mut last = None;
    for r in 0..text.height {
        // Rows past the text map to its last row again: there the text has ended.
        let at = page.body.screen_to_data(top + usize::from(r), 0);
        if last == Some(at) {
            break;
        }
        last = Some(at);
        let Some(line) = lines.get(at.0) else { break };
        if page.kept.iter().any(|k| k == line.trim()) {
            buf.set_string(margin.x + 1, text.y + r, "✓", t.notice);
            buf.set_style(Rect::new(text.x, text.y + r, text.width, 1), t.notice);
        }
    }
}

/// The words shown above a letter: its prompt's (a new letter without one: a friend's).
pub fn prompt_words(prompts: &[LetterPrompt], page: &Page) -> Option<String> {
    if page.kind != EntryKind::Letter {
        return None;
    }
    match &page.prompt {
        Some(key) => Some(
            prompts
                .iter()
                .find(|p| p.key == *key)
                .map(|p| p.words.clone())
                .unwrap_or_else(|| letter_prompt_words(key)),
        ),
        None if page.editing.is_none() => prompts.first().map(|p| p.words.clone()),
        None => None,
    }
}

/// The list of prompts to start a letter from.
pub fn draw_prompts(prompts: &[LetterPrompt], row: usize, area: Rect, buf: &mut Buffer, t: &Theme) {
    let mut lines = vec![
        Line::from(Span::styled("What would you like to write from?", t.title)),
        Line::raw(""),
    ];
    for (i, p) in prompts.iter().enumerate() {
        let focused = i == row;
        lines.push(Line::from(vec![
            Span::styled(if focused { "› " } else { "  " }, t.focus),
            Span::styled(shown(&p.name), if focused { t.focus } else { t.text }),
        ]));
    }
    if let Some(p) = prompts.get(row) {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(shown(&p.words), t.muted)));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

/// The lines kept from this page, quietly, under it.
pub fn kept_line(page: &Page, t: &Theme) -> Option<Line<'static>> {
    if page.kept.is_empty() {
        return None;
    }
    let words = match page.kept.len() {
        1 => "✓ 1 line kept for your deck (K on a line keeps or lets go)".to_string(),
        n => format!("✓ {n} lines kept for your deck (K on a line keeps or lets go)"),
    };
    Some(Line::from(Span::styled(words, t.muted)))
}
