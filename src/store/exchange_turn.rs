//! One sync exchange at a time per journal: a lock on a small file beside the journal (never
//! in the sync folder, which other computers share), let go when the exchange ends or its
//! process does, however it ends.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{Result, Store, StoreError, side};

/// This journal's turn to exchange, held until dropped.
#[derive(Debug)]
pub struct ExchangeTurn(#[allow(dead_code)] Option<File>);

/// The file whose lock is the turn: `<journal>.sync-lock`.
pub fn turn_file(journal: &Path) -> PathBuf {
    side(journal, ".sync-lock")
}

fn open(path: &Path) -> Result<File> {
    crate::private_file::open(path, crate::private_file::Open::Keep).map_err(|source| {
        StoreError::Read {
            path: path.to_path_buf(),
            source,
        }
    })
}

impl Store {
    /// Takes this journal's turn to exchange, waiting up to `wait` while another exchange
    /// has it (`waiting` is called once, when the wait starts). `None`: the other exchange
    /// still had it when the wait ended. A journal in memory is never shared.
    pub fn exchange_turn(
        &self,
        wait: Duration,
        waiting: impl FnOnce(),
    ) -> Result<Option<ExchangeTurn>> {
        let Some(journal) = self.path() else {
            return Ok(Some(ExchangeTurn(None)));
        };
        let file = open(&turn_file(journal))?;
        let deadline = Instant::now() + wait;
        let mut waiting = Some(waiting);
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Some(ExchangeTurn(Some(file)))),
                Err(std::fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                    if let Some(say) = waiting.take() {
                        say();
                    }
                    std::thread::sleep(Duration::from_millis(25));
                }
                Err(std::fs::TryLockError::WouldBlock) => return Ok(None),
                Err(std::fs::TryLockError::Error(source)) => {
                    return Err(StoreError::Read {
                        path: turn_file(journal),
                        source,
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_turn_waits_for_the_first_and_then_has_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.db");
        let a = Store::open(&path).unwrap();
        let b = Store::open(&path).unwrap();
        let first = a.exchange_turn(Duration::ZERO, || {}).unwrap();
        assert!(first.is_some());
        let mut waited = false;
        let second = b
            .exchange_turn(Duration::from_millis(50), || waited = true)
            .unwrap();
        assert!(second.is_none(), "the first still has it");
        assert!(waited);
        drop(first);
        assert!(b.exchange_turn(Duration::ZERO, || {}).unwrap().is_some());
        let mode = std::os::unix::fs::PermissionsExt::mode(
            &std::fs::metadata(turn_file(&path)).unwrap().permissions(),
        );
        assert_eq!(mode & 0o777, 0o600);
    }
}
