//! The screen's part in sync: an exchange when kindly opens (once the first frame is out)
//! and when it quits, with a quiet line when there is something to say. Never a question,
//! never in the way: a folder that can't be reached only means the changes wait here.

use super::app::App;
use crate::sync::{self, SyncError};

impl App {
    /// Exchanges with the sync folder if this journal syncs; returns whether the screen
    /// changed (records came in, or a line to show).
    pub fn exchange(&mut self) -> bool {
        if !matches!(self.store().sync_me(), Ok(Some(_))) {
            return false;
        }
        let folder = self.config.sync_dir.clone();
        // One exchange of a journal at a time; the screen never waits for another's.
        let _turn = match self.store.exchange_turn(std::time::Duration::ZERO, || {}) {
            Ok(Some(turn)) => Some(turn),
            Ok(None) => {
                self.notice = Some(
                    "Another exchange of this journal is running just now; your changes go with the next."
                        .into(),
                );
                return true;
            }
            // A turn that can't be taken (a read-only folder) doesn't stop the exchange.
            Err(_) => None,
        };
        let said = match sync::exchange(&mut self.store, folder.as_deref()) {
            Ok(done) if done.received > 0 => {
                let (mut ctx, pane) = self.ctx();
                let _ = pane.refresh(&mut ctx);
                Some(format!(
                    "From your other computers: {} {}.",
                    done.received,
                    if done.received == 1 {
                        "record"
                    } else {
                        "records"
                    }
                ))
            }
            Ok(_) => None,
            Err(SyncError::Unreachable(_)) => {
                Some("The sync folder can't be reached just now; your changes wait here.".into())
            }
            Err(e) => Some(format!(
                "No exchange with the sync folder this time ({e}); your journal is as it was."
            )),
        };
        match said {
            Some(line) => {
                self.notice = Some(line);
                true
            }
            None => false,
        }
    }
}
