//! The screen's part in sync: an exchange when kindly opens (once the first frame is out)
//! and when it quits, each on a thread and connection of its own, so a folder that is slow
//! to answer (a stalled network mount) never holds the screen. Never a question, never in
//! the way: a folder that can't be reached only means the changes wait here.

use std::time::Duration;

use super::App;
use crate::sync::{self, Exchanged, SyncError};

/// How long quitting waits for an exchange before leaving it for next time.
pub const QUIT_WAIT: Duration = Duration::from_secs(2);

/// What an exchange on its own thread reports back.
pub enum Report {
    /// The exchange ran, or the folder couldn't be reached.
    Done(Result<Exchanged, SyncError>),
    /// Another exchange of this journal (`kindly sync`, another window) had the turn.
    Busy,
}

/// Said on the way out when the folder didn't answer in time.
pub const LEFT_FOR_NEXT_TIME: &str = "The sync folder is slow to answer; the exchange will wait for next time, and your journal is kept here.";

impl App {
    /// Starts an exchange with the sync folder on its own thread if this journal syncs,
    /// handing its report to `report` (the event loop's wake channel). Returns whether one
    /// started.
    pub fn start_exchange(&mut self, report: impl FnOnce(Report) + Send + 'static) -> bool {
        if self.exchanging || !matches!(self.store().sync_me(), Ok(Some(_))) {
            return false;
        }
        let Some(beside) = self.store().beside() else {
            return false;
        };
        let folder = self.config.sync_dir.clone();
        let started = std::thread::Builder::new()
            .name("exchange".into())
            .spawn(move || {
                let done = match beside.open() {
                    Err(e) => Report::Done(Err(e.into())),
                    // One exchange of a journal at a time; the screen never waits for
                    // another's.
                    Ok(mut store) => match store.exchange_turn(Duration::ZERO, || {}) {
                        Ok(None) => Report::Busy,
                        // A turn that can't be taken (a read-only folder) doesn't stop the
                        // exchange.
                        turn => {
                            let _turn = turn.ok().flatten();
                            Report::Done(sync::exchange(&mut store, folder.as_deref()))
                        }
                    },
                };
                report(done);
            });
        self.exchanging = started.is_ok();
        self.exchanging
    }

    /// An exchange, waited for here: for state tests, which have no event loop to hear
    /// back through. Returns whether the screen changed.
    pub fn exchange(&mut self) -> bool {
        let (tx, rx) = std::sync::mpsc::channel();
        if !self.start_exchange(move |done| {
            let _ = tx.send(done);
        }) {
            return false;
        }
        match rx.recv() {
            Ok(done) => self.exchanged(done),
            Err(_) => {
                self.exchanging = false;
                false
            }
        }
    }

    /// An exchange is out and hasn't reported yet.
    pub fn exchanging(&self) -> bool {
        self.exchanging
    }

    /// Takes an exchange's report: what came in is read again, and a quiet line says what
    /// there is to say. Returns whether the screen changed.
    pub fn exchanged(&mut self, report: Report) -> bool {
        self.exchanging = false;
        let said = match report {
            Report::Busy => Some(
                "Another exchange of this journal is running just now; your changes go with the next."
                    .into(),
            ),
            Report::Done(Ok(done)) => {
                if done.received > 0 || done.kept > 0 {
                    self.refresh(self.pane_id());
                }
                done.screen_line()
            }
            Report::Done(Err(SyncError::Unreachable(_))) => {
                Some("The sync folder can't be reached just now; your changes wait here.".into())
            }
            Report::Done(Err(e)) => Some(format!(
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

    /// Quitting while an exchange hasn't answered: it is left for next time, and said so.
    pub fn exchange_left(&mut self) {
        self.exchanging = false;
        self.notice = Some(LEFT_FOR_NEXT_TIME.into());
    }
}
