//! Where things were drawn, so a mouse click can find what it landed on. Drawing records
//! the places; the next click reads them.

use std::cell::RefCell;

use ratatui::layout::{Position, Rect};

use super::app::Pane;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Tab(Pane),
    /// A row of the list on screen, by its index in that list.
    Row(usize),
}

#[derive(Debug, Default)]
pub struct Hits(RefCell<Vec<(Rect, Target)>>);

impl Hits {
    pub fn clear(&self) {
        self.0.borrow_mut().clear();
    }

    pub fn add(&self, area: Rect, target: Target) {
        self.0.borrow_mut().push((area, target));
    }

    /// What was drawn at a cell, if anything clickable.
    pub fn at(&self, column: u16, row: u16) -> Option<Target> {
        self.0
            .borrow()
            .iter()
            .rev()
            .find(|(r, _)| r.contains(Position::new(column, row)))
            .map(|(_, t)| *t)
    }
}
