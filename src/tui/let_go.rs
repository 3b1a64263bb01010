//! `X`: letting an unsaved draft go, with a question first. What is let go becomes a
//! record in the trash, so it can be brought back like anything trashed.

use super::app::App;

impl App {
    pub(super) fn let_go(&mut self, armed: bool) {
        let Some(what) = self.current().to_let_go() else {
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
        let (mut ctx, pane) = self.ctx();
        self.notice = match pane.let_go(&mut ctx) {
            Ok(notice) => notice,
            Err(e) => Some(format!(
                "That couldn't be let go just now ({e}); it's still here."
            )),
        };
    }
}
