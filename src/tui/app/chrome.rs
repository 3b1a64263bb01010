//! The chrome around the panes: the header with its tabs, the footer of keys, the help
//! overlay, the notice and offer lines, the search box's place, and the note shown when the
//! window is too small. It draws from the App and never changes it.

use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget, Wrap};

use super::App;
use crate::tui::action::Action;
use crate::tui::keymap::{self, Mode};
use crate::tui::pane::{DrawCx, PaneId, Target};

/// The smallest window kindly lays itself out in.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Replaces control characters in every cell with visible stand-ins (␛ for ESC, and so on),
/// so text from a note or an import can never send its own commands to the terminal, and
/// drops a bidi override or zero-width character that rode along in a cell (text drawn from
/// outside shows them as marks through `domain::visible` before it is laid out).
/// This is the one place everything drawn passes through before it is written.
pub fn defuse(buf: &mut Buffer) {
    use crate::domain::{control_stand_in, is_hidden_format};
    for cell in buf.content.iter_mut() {
        let symbol = cell.symbol();
        if symbol
            .chars()
            .any(|c| c.is_control() || is_hidden_format(c))
        {
            let safe: String = symbol
                .chars()
                .filter(|c| !is_hidden_format(*c) || matches!(c, '\u{200c}' | '\u{200d}'))
                .map(|c| control_stand_in(c).unwrap_or(c))
                .collect();
            cell.set_symbol(if safe.is_empty() { " " } else { &safe });
        }
    }
}

impl App {
    /// Draws the whole screen, with every control character made visible.
    pub fn draw(&self, frame: &mut Frame<'_>) {
        let area = frame.area();
        self.render(area, frame.buffer_mut());
        defuse(frame.buffer_mut());
    }

    /// Whether the letter offer's line shows: on the Check-in pane, out of a flow's way.
    fn offer_shows(&self) -> bool {
        self.pane_id() == PaneId::Checkin && !self.current().in_flow()
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        self.hits.clear();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let msg = format!(
                "This window is a little small for kindly. At {MIN_WIDTH}×{MIN_HEIGHT} or larger it will come right back."
            );
            let y = area.height / 2;
            let rect = Rect::new(
                area.x,
                area.y + y.saturating_sub(1),
                area.width,
                area.height - y.saturating_sub(1),
            );
            Paragraph::new(Span::styled(msg, t.muted))
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true })
                .render(rect, buf);
            return;
        }
        // A long notice takes the rows it needs (up to four) rather than be cut short.
        let notice_lines = self.line().map_or(1, |n| band_rows(n, area.width, 4));
        // Words of self-harm on screen bring the support line at once, above everything
        // else at the foot; it never takes the keys.
        let mut in_sight = self.current().words_in_sight();
        if let Some(note) = self.session.as_ref().and_then(|s| s.note.as_ref()) {
            in_sight = format!("{in_sight}\n{}", crate::tui::widgets::editor_text(note));
        }
        let care = self
            .care
            .found_in(&in_sight)
            .then(|| crate::domain::support_line(self.config.support_contact.as_deref()));
        let care_lines = care.as_deref().map_or(0, |c| band_rows(c, area.width, 5));
        let offer_words = self
            .offer
            .as_ref()
            .filter(|_| self.offer_shows() && care.is_none())
            .map(|letter| {
                format!(
                    "✉ A letter of yours{} is here, if you'd like it · o read · O not today",
                    letter
                        .title
                        .as_deref()
                        .map(|t| format!(", “{t}”,"))
                        .unwrap_or_default()
                )
            });
        // Narrow windows have no room in the header: the sample says so on a row of its own.
        let sample_lines = u16::from(self.sample && area.width < 70);
        let offer_lines = offer_words
            .as_deref()
            .map_or(0, |w| band_rows(w, area.width, 3));
        let [head, sample, body, care_area, offer, notice, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(sample_lines),
            Constraint::Min(1),
            Constraint::Length(care_lines),
            Constraint::Length(offer_lines),
            Constraint::Length(notice_lines),
            Constraint::Length(1),
        ])
        .areas(area);
        let now = (self.clock)();
        self.header(head, buf, now);
        self.current().draw(
            body,
            buf,
            &DrawCx {
                theme: t,
                hits: &self.hits,
                now,
                keys: &self.keymap,
            },
        );
        if sample_lines > 0 {
            Line::from(Span::styled(
                "A sample journal, for trying kindly out",
                t.notice,
            ))
            .render(inset(sample), buf);
        }
        if let Some(line) = &care {
            Paragraph::new(Span::styled(line.as_str(), t.focus))
                .wrap(Wrap { trim: true })
                .render(inset(care_area), buf);
        }
        if let Some(words) = &offer_words {
            Paragraph::new(Span::styled(words.as_str(), t.notice))
                .wrap(Wrap { trim: true })
                .render(inset(offer), buf);
        }
        if let Some(search) = &self.search {
            crate::tui::search::SearchView {
                hits: &self.hits,
                search,
                theme: t,
                today: now.date_naive(),
            }
            .render(body, buf);
        }
        if let Some(list) = &self.session {
            crate::tui::session_list::SessionView {
                list,
                hits: &self.hits,
                theme: t,
            }
            .render(body, buf);
        }
        if let Some(n) = self.line() {
            Paragraph::new(Span::styled(n, t.notice))
                .wrap(Wrap { trim: true })
                .render(inset(notice), buf);
        }
        self.footer(foot, buf);
        if self.help_open {
            self.help(body, buf);
        }
    }

    fn header(&self, area: Rect, buf: &mut Buffer, now: DateTime<FixedOffset>) {
        let t = &self.theme;
        // Narrow windows keep the pane tabs and let the name and the date go.
        let roomy = area.width >= 70;
        let mut spans = vec![];
        if roomy {
            spans.push(Span::styled(" kindly ", t.title));
            if self.sample {
                spans.push(Span::styled("sample ", t.notice));
            }
        }
        let mut x = area.x + spans.iter().map(|s| s.width() as u16).sum::<u16>();
        for p in PaneId::ALL {
            let style = if p == self.pane_id() {
                t.selection
            } else {
                t.muted
            };
            let label = format!(" {} ", p.title());
            let w = label.chars().count() as u16;
            self.hits
                .add(Rect::new(x + 1, area.y, w, 1), Target::Tab(p));
            x += w + 1;
            spans.push(Span::raw(" "));
            spans.push(Span::styled(label, style));
        }
        let tabs_width: usize = spans.iter().map(|s| s.width()).sum();
        Line::from(spans).render(area, buf);
        let date = if roomy {
            now.format("%A %-d %B ").to_string()
        } else {
            now.format("%a %-d %b ").to_string()
        };
        if tabs_width + date.chars().count() < usize::from(area.width) {
            Line::from(Span::styled(date, t.muted))
                .alignment(Alignment::Right)
                .render(area, buf);
        }
    }

    fn footer(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let width = |h: &keymap::Hint| h.keys.chars().count() + h.what.chars().count() + 3;
        let mode = self.mode();
        // Only what works where the focus is; moving on, going back, saving, help and
        // quitting always show, and the rest fill what room there is, in table order.
        let (always, rest): (Vec<_>, Vec<_>) = self
            .keymap
            .footer(mode)
            .into_iter()
            .filter(|h| {
                matches!(mode, Mode::Search | Mode::Session | Mode::SessionNote)
                    || self.current().offers(h.action)
            })
            // In the trash, opening a record brings it back, and nothing more goes in.
            .filter(|h| !(self.in_trash() && h.action == Action::TrashSelected))
            .map(|mut h| {
                if self.in_trash() && h.action == Action::EditSelected {
                    h.what = "bring back";
                }
                h
            })
            .partition(|h| {
                matches!(
                    h.action,
                    Action::NextStep
                        | Action::PrevStep
                        | Action::Save
                        | Action::ToggleHelp
                        | Action::Quit
                        | Action::LeaveText
                )
            });
        let mut room =
            usize::from(area.width).saturating_sub(1 + always.iter().map(width).sum::<usize>());
        let mut shown = Vec::new();
        for h in rest {
            if width(&h) <= room {
                room -= width(&h);
                shown.push(h);
            }
        }
        shown.extend(always);
        let mut spans = vec![Span::raw(" ")];
        for h in shown {
            spans.push(Span::styled(h.keys.clone(), t.accent));
            spans.push(Span::styled(format!(" {}  ", h.what), t.muted));
        }
        Line::from(spans).render(area, buf);
    }

    fn help(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let w = area.width.min(76);
        let rect = Rect::new(area.x + (area.width - w) / 2, area.y, w, area.height);
        // The whole body is cleared, so no pane text shows through beside the box.
        Clear.render(area, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_type(BorderType::Rounded)
            .border_style(t.accent)
            .title(Span::styled(
                format!(" Help · {} ", self.pane_id().title()),
                t.title,
            ));
        // Support comes first, so it is there the moment help opens.
        let mut lines: Vec<Line<'_>> = vec![Line::from(Span::styled(
            "kindly is a journal, not a clinic. If you are in crisis or thinking about \
             harming yourself, please contact a professional or your local emergency number now.",
            t.text,
        ))];
        match &self.config.support_contact {
            Some(contact) => lines.push(Line::from(vec![
                Span::styled("Your support contact: ", t.text),
                Span::styled(contact.clone(), t.focus),
            ])),
            None => lines.push(Line::from(Span::styled(
                format!(
                    "You can name someone to reach here: support_contact = \"…\" in {}",
                    self.config
                        .path
                        .as_ref()
                        .map_or("config.toml".to_string(), |p| p.display().to_string())
                ),
                t.muted,
            ))),
        }
        lines.push(Line::raw(""));
        let mut modes = self.current().help_modes().to_vec();
        modes.extend([
            Mode::Global,
            Mode::Search,
            Mode::Session,
            Mode::SessionNote,
            Mode::Help,
        ]);
        // Narrow windows put the words under the keys instead of beside them.
        let key_line = |lines: &mut Vec<Line<'_>>, keys: &str, what: &'static str| {
            if w >= 60 {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {keys:<11} "), t.accent),
                    Span::styled(what, t.text),
                ]));
            } else {
                lines.push(Line::from(Span::styled(format!("  {keys}"), t.accent)));
                lines.push(Line::from(Span::styled(format!("    {what}"), t.text)));
            }
        };
        for (mode, bindings) in self.keymap.help_sections(&modes) {
            lines.push(Line::from(Span::styled(mode.title(), t.title)));
            for b in bindings {
                key_line(&mut lines, &b.keys, b.help);
            }
            lines.push(Line::raw(""));
        }
        // The editor's own keys, wherever words are written, and how to copy with the mouse.
        lines.push(Line::from(Span::styled("Writing text", t.title)));
        for (keys, what) in keymap::EDITOR_KEYS {
            key_line(&mut lines, keys, what);
        }
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled("The mouse", t.title)));
        lines.push(Line::from(Span::styled(
            if self.config.mouse {
                keymap::MOUSE_COPY
            } else {
                "The mouse is left to your terminal (mouse = false): select and copy as you \
                 always do."
            },
            t.text,
        )));
        let inner = block.inner(rect);
        let inner_width = usize::from(inner.width.max(1));
        let total: usize = lines
            .iter()
            .map(|l| {
                let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                crate::tui::widgets::wrapped_rows(&text, inner_width)
            })
            .sum();
        let max_scroll = total.saturating_sub(usize::from(inner.height)) as u16;
        self.help_max_scroll.set(max_scroll);
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((self.help_scroll.min(max_scroll), 0))
            .render(rect, buf);
    }
}

/// A band at the foot, one column in from the left edge as the footer is.
fn inset(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(1),
        ..area
    }
}

/// The rows a band at the foot needs for `text` (wrapped inside its inset), at most `max`.
fn band_rows(text: &str, width: u16, max: usize) -> u16 {
    crate::tui::widgets::wrapped_rows(text, usize::from(width.saturating_sub(1))).min(max) as u16
}
