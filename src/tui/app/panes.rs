//! The four panes, held by name: the App reaches each one, and each capability, without
//! knowing more than the pane interface.

use crate::store::RecordKind;
use crate::tui::pane::{Drafts, Pane, PaneId, RecordList, Writing};
use crate::tui::panes::checkin::CheckinPane;
use crate::tui::panes::critic::CriticPane;
use crate::tui::panes::journal::JournalPane;
use crate::tui::panes::trends::TrendsPane;

pub struct Panes {
    pub(crate) checkin: CheckinPane,
    pub(crate) critic: CriticPane,
    pub(crate) journal: JournalPane,
    pub(crate) trends: TrendsPane,
}

impl Panes {
    pub fn get(&self, id: PaneId) -> &dyn Pane {
        match id {
            PaneId::Checkin => &self.checkin,
            PaneId::Critic => &self.critic,
            PaneId::Journal => &self.journal,
            PaneId::Trends => &self.trends,
        }
    }

    pub fn get_mut(&mut self, id: PaneId) -> &mut dyn Pane {
        match id {
            PaneId::Checkin => &mut self.checkin,
            PaneId::Critic => &mut self.critic,
            PaneId::Journal => &mut self.journal,
            PaneId::Trends => &mut self.trends,
        }
    }

    /// The pane's editor, if it has words being written.
    pub fn writing_mut(&mut self, id: PaneId) -> Option<&mut dyn Writing> {
        match id {
            PaneId::Checkin => Some(&mut self.checkin),
            PaneId::Critic => Some(&mut self.critic),
            PaneId::Journal => Some(&mut self.journal),
            PaneId::Trends => None,
        }
    }

    pub fn drafts(&self, id: PaneId) -> Option<&dyn Drafts> {
        match id {
            PaneId::Checkin => Some(&self.checkin),
            PaneId::Critic => Some(&self.critic),
            PaneId::Journal => Some(&self.journal),
            PaneId::Trends => None,
        }
    }

    pub fn drafts_mut(&mut self, id: PaneId) -> Option<&mut dyn Drafts> {
        match id {
            PaneId::Checkin => Some(&mut self.checkin),
            PaneId::Critic => Some(&mut self.critic),
            PaneId::Journal => Some(&mut self.journal),
            PaneId::Trends => None,
        }
    }

    /// Every pane that keeps drafts, in tab order.
    pub fn all_drafts(&self) -> [&dyn Drafts; 3] {
        [&self.checkin, &self.critic, &self.journal]
    }

    pub fn records(&self, id: PaneId) -> Option<&dyn RecordList> {
        match id {
            PaneId::Checkin => Some(&self.checkin),
            PaneId::Critic => Some(&self.critic),
            PaneId::Journal => Some(&self.journal),
            PaneId::Trends => None,
        }
    }

    /// The pane that shows records of `kind`, and its list.
    pub fn showing(&mut self, kind: RecordKind) -> (PaneId, &mut dyn RecordList) {
        match kind {
            RecordKind::CheckIn => (PaneId::Checkin, &mut self.checkin),
            RecordKind::Thought => (PaneId::Critic, &mut self.critic),
            RecordKind::Entry => (PaneId::Journal, &mut self.journal),
        }
    }
}
