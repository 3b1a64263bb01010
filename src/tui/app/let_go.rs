//! `X`: letting an unsaved draft go, with a question first. What is let go becomes a
//! record in the trash, so it can be brought back like anything trashed.

use super::App;

impl App {
    pub(super) fn let_go(&mut self, armed: bool) {
        let what = self.panes.drafts(self.active).and_then(|d| d.to_let_go());
        let Some(what) = what else {
            self.notice = Some("There's no unsaved draft here to let go.".into());
            return;
        };
        if !armed {
            self.let_go_armed = true;
            self.notice = Some(format!(
                "Let go of {what}? X again puts it in the trash, where it can be brought back; any other key keeps it."
            ));
            return;
        }
        let active = self.active;
        let (mut ctx, panes) = self.ctx_and_panes();
        let Some(pane) = panes.drafts_mut(active) else {
            return;
        };
        match pane.let_go(&mut ctx) {
            Ok(outcome) => {
                self.notice = None;
                self.act_on(outcome);
                self.take_up_next(active);
            }
            Err(e) => {
                self.notice = Some(format!(
                    "That couldn't be let go just now ({e}); it's still here."
                ))
            }
        }
    }
}
