//! Drawing the feelings step: belief, each feeling rated, and the row that adds one, kept
//! in view around the focus so nothing is picked out of sight.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::Flow;
use super::view::{CriticView, Rating};
use crate::tui::widgets::ChipRow;

impl CriticView<'_> {
    pub(super) fn feelings(&self, flow: &Flow, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        // Belief, each feeling, then "Add feeling": when they don't all fit, the rows scroll
        // so the focused one is always drawn (a Space never picks something out of sight).
        let rows = flow.felt.len() + 2;
        let room = usize::from(area.height).max(1);
        let first = flow
            .row
            .saturating_sub(room - 1)
            .min(rows.saturating_sub(room));
        for (y, i) in (area.y..).zip((first..rows).take(room)) {
            let focused = flow.row == i;
            if i == 0 {
                self.rating_row(
                    area,
                    buf,
                    y,
                    Rating {
                        focused,
                        label: "Belief".into(),
                        value: flow.belief,
                        was: None,
                    },
                );
            } else if let Some(f) = flow.felt.get(i - 1) {
                self.rating_row(
                    area,
                    buf,
                    y,
                    Rating {
                        focused,
                        label: f.name.clone(),
                        value: f.before,
                        was: None,
                    },
                );
            } else {
                self.add_feeling(flow, Rect::new(area.x, y, area.width, 1), buf);
            }
        }
        // Rows above the view are said at the end of the first row shown.
        if first > 0 && area.width > 30 {
            let more = format!("↑ {first} more");
            let w = more.chars().count() as u16;
            Line::from(Span::styled(more, t.muted))
                .render(Rect::new(area.right() - w, area.y, w, 1), buf);
        }
    }

    fn add_feeling(&self, flow: &Flow, row: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let add_focused = flow.row == flow.felt.len() + 1;
        let [l, v] = Layout::horizontal([
            Constraint::Length(14.min(row.width / 2)),
            Constraint::Min(1),
        ])
        .areas(row);
        Line::from(vec![
            Span::styled(if add_focused { "›" } else { " " }, t.focus),
            Span::styled("Add feeling", if add_focused { t.focus } else { t.muted }),
        ])
        .render(l, buf);
        let addable = self.pane.addable(flow);
        if add_focused {
            ChipRow {
                chips: &addable,
                picked: &[],
                cursor: flow.chip,
                focused: true,
                theme: t,
            }
            .render(v, buf);
        } else {
            Line::from(Span::styled("Space to add, on this row", t.muted)).render(v, buf);
        }
    }
}
