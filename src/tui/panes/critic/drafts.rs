//! The Critic's drafts: opening the flow on a saved record, the waiting draft or afresh
//! (an edit set aside stays an edit of its record), and letting a draft go to the trash.

use super::flow::{Draft, Flow, draft_of};
use super::{CriticPane, DRAFT_SLOT, View};
use crate::domain::Thought;
use crate::store::{RecordKind, Result, Store};
use crate::tui::pane::{Ctx, DraftOut, Drafts, Notice, Outcome, Recovered};
use crate::tui::panes::letting_go;

impl CriticPane {
    /// Opens the flow: on a saved record, on the waiting draft, or fresh. A waiting edit
    /// stays an edit of its record, even one moved to the trash meanwhile.
    pub(super) fn start(&mut self, record: Option<Thought>, store: &Store) -> Notice {
        self.view = View::Flow;
        if self.flow.is_some() {
            return None;
        }
        let (draft, editing, notice) = match (record, self.waiting.take()) {
            (Some(t), _) => (
                draft_of(&t),
                Some(t),
                "Changing a saved record. Ctrl-S saves it.",
            ),
            (None, Some(d)) => (d, None, "Carrying on where you left off."),
            (None, None) => (Draft::default(), None, ""),
        };
        let editing = editing.or_else(|| {
            draft
                .editing
                .and_then(|id| store.thought(id).ok().flatten())
        });
        let gone = draft.editing.is_some() && editing.is_none();
        self.flow = Some(Flow::from_draft(&draft, editing));
        if gone {
            return Some(
                "The record these changes were for is gone, so saving makes them a record of their own."
                    .into(),
            );
        }
        (!notice.is_empty()).then(|| notice.to_string())
    }

    pub(super) fn draft_to_let_go(&self) -> Option<&'static str> {
        let d = self.draft();
        match (d.is_blank(), d.editing) {
            (true, _) => None,
            (false, Some(_)) => Some("the changes set aside (the saved record stays as it was)"),
            (false, None) => Some("the record waiting"),
        }
    }

    /// The draft becomes a record in the trash: a copy, never the saved record it changes.
    pub(super) fn let_go_draft(&mut self, ctx: &mut Ctx<'_>) -> Result<Notice> {
        let d = self.draft();
        if d.is_blank() {
            return Ok(None);
        }
        match Flow::from_draft(&d, None).to_thought(ctx.now) {
            Ok(t) => {
                let id = t.id;
                letting_go::in_trash(
                    ctx.store,
                    RecordKind::Thought,
                    |s| s.save_thought(&t, Some(DRAFT_SLOT)),
                    id,
                )?;
            }
            Err(_) => {
                let words = [
                    &d.situation,
                    &d.voice,
                    &d.friend,
                    &d.evidence_for,
                    &d.evidence_against,
                    &d.reframe,
                ];
                let words: Vec<&str> = words.iter().map(|w| w.as_str()).collect();
                letting_go::as_page_in_trash(
                    ctx.store,
                    ctx.now,
                    "An unfinished thought record",
                    &words,
                )?;
                ctx.store.clear_draft(DRAFT_SLOT)?;
            }
        }
        self.flow = None;
        self.waiting = None;
        self.view = View::List;
        self.refresh(ctx.store, ctx.now)?;
        Ok(Some(letting_go::LET_GO.into()))
    }
}

impl Drafts for CriticPane {
    fn drafts(&self) -> Vec<DraftOut> {
        let draft = self.draft();
        vec![DraftOut::of(DRAFT_SLOT, &draft, draft.is_blank())]
    }

    fn recover(&mut self, store: &mut Store) -> Result<Recovered> {
        let found = store.take_draft::<Draft>(DRAFT_SLOT)?;
        Ok(Recovered::from_slot(DRAFT_SLOT, found, |draft| {
            self.offer(draft);
            None
        }))
    }

    fn to_let_go(&self) -> Option<&'static str> {
        self.draft_to_let_go()
    }

    fn let_go(&mut self, ctx: &mut Ctx<'_>) -> Result<Outcome> {
        let notice = self.let_go_draft(ctx)?;
        Ok(Outcome {
            changed: true,
            ..Outcome::from_notice(notice)
        })
    }
}
