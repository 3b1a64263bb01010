//! The form's unsaved work: what autosave keeps, what comes back after a restart, and
//! what `X` lets go (into the trash, as a copy, never lost).

use chrono::DateTime;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{CheckinPane, DRAFT_SLOT, new_note};
use crate::domain::{CheckIn, Energy, Label, Mood, PartRating, Scale};
use crate::store::{RecordKind, Store};
use crate::tui::pane::{Ctx, DraftOut, Drafts, Notice, Outcome, Recovered};
use crate::tui::panes::letting_go;
use crate::tui::widgets::editor_text;

/// Everything typed or picked in the form, as autosaved and offered back after a restart.
/// Every field is optional when read back, so a draft written by another version of
/// kindly still opens here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub mood: Option<u8>,
    pub energy: Option<u8>,
    pub emotions: Vec<String>,
    pub rituals: Vec<String>,
    pub parts: [Option<u8>; 3],
    pub note: String,
    /// Set when the form holds changes to a saved check-in rather than a new one.
    pub editing: Option<Uuid>,
    /// The moment set with `@` (RFC 3339), when it isn't now or the saved one's.
    pub at: Option<String>,
    /// The measures' values: measure id → value.
    pub measures: std::collections::BTreeMap<String, String>,
}

impl Draft {
    /// The form as it is when it holds the saved check-in `c`, untouched.
    pub fn of(c: &CheckIn) -> Self {
        let names = |ls: &[Label]| ls.iter().map(|l| l.to_string()).collect::<Vec<_>>();
        Draft {
            mood: Some(c.mood.get()),
            energy: c.energy.map(Energy::get),
            emotions: names(&c.emotions),
            rituals: names(&c.rituals),
            parts: [c.kindness, c.humanity, c.mindfulness].map(|p| p.map(PartRating::get)),
            note: c.note.clone().unwrap_or_default(),
            editing: Some(c.id),
            at: None,
            measures: c
                .measures
                .iter()
                .map(|r| (r.measure.to_string(), r.value.get().to_string()))
                .collect(),
        }
    }

    pub fn is_blank(&self) -> bool {
        *self == Draft::default()
    }
}

impl CheckinPane {
    pub fn draft(&self) -> Draft {
        Draft {
            mood: self.mood.map(Mood::get),
            energy: self.energy.map(Energy::get),
            emotions: self.emotions.picked.clone(),
            rituals: self.rituals.picked.clone(),
            parts: self.parts.map(|p| p.map(PartRating::get)),
            note: self.note.lines().join("\n"),
            editing: self.editing.as_ref().map(|c| c.id),
            at: self.at.map(|a| crate::domain::time::format_at(&a)),
            measures: self.draft_values(),
        }
    }

    /// Puts a draft back into the form. Values that are no longer valid are left out.
    pub fn restore(&mut self, draft: &Draft, store: &Store) {
        self.mood = draft.mood.and_then(|v| Mood::new(v).ok());
        self.energy = draft.energy.and_then(|v| Energy::new(v).ok());
        self.emotions.set(&draft.emotions);
        self.rituals.set(&draft.rituals);
        self.parts = draft.parts.map(|p| p.and_then(|v| PartRating::new(v).ok()));
        self.note = new_note(&draft.note);
        self.restore_values(&draft.measures);
        self.editing = draft
            .editing
            .and_then(|id| store.checkin(id).ok().flatten());
        self.at = draft
            .at
            .as_deref()
            .and_then(|a| DateTime::parse_from_rfc3339(a).ok());
    }

    /// Whether the form differs from what it was opened with (a saved check-in, or blank).
    pub(super) fn has_unsaved_changes(&self) -> bool {
        let draft = self.draft();
        match &self.editing {
            None => !draft.is_blank(),
            Some(c) => Draft::of(c) != draft,
        }
    }

    /// What `X` would let go from the form, if it holds words not saved.
    pub(super) fn unsaved_to_let_go(&self) -> Option<&'static str> {
        match (
            self.pause.is_some() || !self.has_unsaved_changes(),
            &self.editing,
        ) {
            (true, _) => None,
            (false, Some(_)) => Some("your changes to this check-in (it stays as it was)"),
            (false, None) => Some("the form's unsaved words"),
        }
    }

    /// The form becomes a check-in in the trash (a copy, never the saved one it changes);
    /// a note without a mood, a page in the trash.
    pub(super) fn let_go_form(&mut self, ctx: &mut Ctx<'_>) -> crate::store::Result<Notice> {
        if self.unsaved_to_let_go().is_none() {
            return Ok(None);
        }
        let note = editor_text(&self.note);
        // A copy, never the saved one it changes.
        let copy = self.to_checkin(ctx.now).map(|c| CheckIn {
            id: uuid::Uuid::new_v4(),
            ..c
        });
        match copy {
            Some(c) => {
                let id = c.id;
                letting_go::in_trash(
                    ctx.store,
                    RecordKind::CheckIn,
                    |s| s.save_checkin(&c, Some(DRAFT_SLOT)),
                    id,
                )?;
            }
            None => {
                letting_go::as_page_in_trash(ctx.store, ctx.now, "From a check-in", &[&note])?;
                ctx.store.clear_draft(DRAFT_SLOT)?;
            }
        }
        self.clear_form();
        self.refresh(ctx.store)?;
        Ok(Some(letting_go::LET_GO.into()))
    }
}

impl Drafts for CheckinPane {
    fn drafts(&self) -> Vec<DraftOut> {
        let draft = self.draft();
        vec![DraftOut::of(DRAFT_SLOT, &draft, draft.is_blank())]
    }

    fn recover(&mut self, store: &mut Store) -> crate::store::Result<Recovered> {
        let found = store.take_draft::<Draft>(DRAFT_SLOT)?;
        Ok(Recovered::from_slot(DRAFT_SLOT, found, |draft| {
            if draft.is_blank() {
                return None;
            }
            self.restore(&draft, store);
            Some("Your unsaved check-in is back, just as you left it.".into())
        }))
    }

    fn to_let_go(&self) -> Option<&'static str> {
        self.unsaved_to_let_go()
    }

    fn let_go(&mut self, ctx: &mut Ctx<'_>) -> crate::store::Result<Outcome> {
        let notice = self.let_go_form(ctx)?;
        Ok(Outcome {
            changed: true,
            ..Outcome::from_notice(notice)
        })
    }
}
