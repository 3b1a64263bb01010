//! The journal's health, checked beside the TUI: SQLite's quick integrity check on its own
//! read-only connection and thread, so the first frame never waits for it (about 30 ms on
//! ten years), while every write waits for the answer.

use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};

use super::file::open_reading;

/// `None` until the check has run; then `Some(None)` for healthy, `Some(Some(what))` for
/// damaged.
#[derive(Debug, Default)]
pub struct Health {
    state: Mutex<Option<Option<String>>>,
    known: Condvar,
}

impl Health {
    pub fn start(path: PathBuf, key: Option<String>) -> Arc<Self> {
        let health = Arc::new(Health::default());
        let answer = health.clone();
        std::thread::spawn(move || {
            let result = (|| -> Option<String> {
                let conn = match open_reading(&path, key.as_deref()) {
                    Ok(conn) => conn,
                    Err(e) => return Some(e.to_string()),
                };
                let mut stmt = conn.prepare("PRAGMA quick_check(20)").ok()?;
                let rows: Vec<String> = stmt
                    .query_map([], |r| r.get(0))
                    .ok()?
                    .collect::<rusqlite::Result<_>>()
                    .unwrap_or_else(|e| vec![e.to_string()]);
                (rows != ["ok"]).then(|| rows.join("; "))
            })();
            answer.settle(result);
        });
        health
    }

    fn settle(&self, damage: Option<String>) {
        if let Ok(mut state) = self.state.lock() {
            *state = Some(damage);
        }
        self.known.notify_all();
    }

    /// Waits until the check has answered.
    pub fn wait_until_known(&self) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        while state.is_none() {
            match self.known.wait(state) {
                Ok(s) => state = s,
                Err(_) => return,
            }
        }
    }

    /// What the check found wrong, once it has answered.
    pub fn damage(&self) -> Option<String> {
        self.state.lock().ok().and_then(|s| s.clone().flatten())
    }
}
