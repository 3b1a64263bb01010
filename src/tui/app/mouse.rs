//! The mouse: a click on a tab switches pane, a click on a list row selects it, and the
//! wheel scrolls lists and editors.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::App;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::pane::{Outcome, Target};

impl App {
    /// What a click at this cell would land on, as last drawn.
    pub fn hit_at(&self, column: u16, row: u16) -> Option<Target> {
        self.hits.at(column, row)
    }

    /// A click on a tab switches pane, a click on a list row selects it, and the wheel
    /// scrolls lists and editors.
    pub fn handle_mouse(&mut self, m: &MouseEvent) -> bool {
        match m.kind {
            MouseEventKind::Down(MouseButton::Left) => match self.hits.at(m.column, m.row) {
                Some(Target::Tab(pane)) => {
                    if self.pane_id() != pane {
                        self.notice = None;
                        self.go_to(pane);
                    }
                    true
                }
                Some(Target::Row(i)) => {
                    match self.search.as_mut() {
                        Some(search) => {
                            search.selected = i.min(search.results.len().saturating_sub(1))
                        }
                        None => {
                            let outcome = self.current_mut().select_row(i);
                            if outcome != Outcome::quiet() {
                                self.act_on(outcome);
                            }
                        }
                    }
                    true
                }
                None => false,
            },
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = m.kind == MouseEventKind::ScrollDown;
                match self.mode() {
                    // The editor scrolls itself on wheel input.
                    Mode::Writing
                    | Mode::FlowText
                    | Mode::Voice
                    | Mode::Reframe
                    | Mode::BreakText => self
                        .panes
                        .writing_mut(self.active)
                        .is_some_and(|w| w.input(ratatui_textarea::Input::from(*m))),
                    Mode::Form => false,
                    Mode::Help => {
                        self.apply(if down {
                            Action::HelpDown
                        } else {
                            Action::HelpUp
                        });
                        true
                    }
                    _ => {
                        self.apply(if down {
                            Action::FocusNext
                        } else {
                            Action::FocusPrev
                        });
                        true
                    }
                }
            }
            _ => false,
        }
    }
}
