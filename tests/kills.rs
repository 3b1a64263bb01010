//! Killed at any moment: encrypt, decrypt, backup, export and import, each SIGKILLed at 20
//! seeded moments across its run. Afterwards the journal opens with its passphrase, its
//! integrity holds, an import is all or nothing, an output is whole or absent, and once the
//! next command has run no plaintext of an encrypted journal is left anywhere beside it.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

mod common;
use common::{files_holding, kindly, kindly_process, save_journal};
use kindly::domain::{CheckIn, Mood, Scale};

const SECRET: &str = "a private sentence about the heron";
const PASSPHRASE: &str = "correct horse battery\n";
const ROUNDS: u64 = 20;
const CHECKINS: usize = 300;

/// xorshift: the same "random" moments on every run.
struct Moments(u64);

impl Moments {
    fn next(&mut self, within: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        let span = within.as_micros().max(1) as u64;
        Duration::from_micros(self.0 % span)
    }
}

/// A journal of CHECKINS check-ins whose notes hold SECRET, plain or encrypted, made once
/// and copied for each round.
fn template(dir: &Path, encrypted: bool) -> PathBuf {
    let db = dir.join(if encrypted { "enc.db" } else { "plain.db" });
    let at = chrono::DateTime::parse_from_rfc3339("2025-01-01T09:00:00+00:00").unwrap();
    let checkins: Vec<CheckIn> = (0..CHECKINS)
        .map(|i| {
            let mut c = CheckIn::new(
                at + chrono::Duration::hours(i as i64 * 7),
                Mood::new(1 + (i % 10) as u8).unwrap(),
            );
            c.set_note(&format!("{SECRET}, day {i}"));
            c
        })
        .collect();
    save_journal(
        &db,
        &kindly::domain::Journal {
            checkins,
            ..Default::default()
        },
    );
    if encrypted {
        let pass = dir.join("pass");
        kindly(&db)
            .arg("--passphrase-file")
            .arg(&pass)
            .arg("encrypt")
            .assert()
            .success();
    }
    db
}

/// One round's folder: a copy of the template as `k.db`, and the passphrase.
struct Round {
    dir: tempfile::TempDir,
    db: PathBuf,
    pass: PathBuf,
}

impl Round {
    fn new(template: &Path) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("k.db");
        std::fs::copy(template, &db).unwrap();
        // An encrypted journal's key file goes with every copy of it.
        let keys = kindly::store::key_file(template);
        if keys.exists() {
            std::fs::copy(&keys, kindly::store::key_file(&db)).unwrap();
        }
        let pass = dir.path().join("pass");
        std::fs::write(&pass, PASSPHRASE).unwrap();
        Round { dir, db, pass }
    }

    fn command(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = kindly_process(&self.db);
        cmd.arg("--passphrase-file").arg(&self.pass).args(args);
        cmd.current_dir(self.dir.path());
        cmd.stdout(Stdio::null()).stderr(Stdio::null());
        cmd
    }

    /// Runs `args` to the end; returns how long it took.
    fn timed(&self, args: &[&str]) -> Duration {
        let start = Instant::now();
        let status = self.command(args).status().unwrap();
        assert!(status.success(), "{args:?} must work when left alone");
        start.elapsed()
    }

    /// Starts `args` and kills it after `wait`. Returns whether it had finished anyway.
    fn kill_after(&self, args: &[&str], wait: Duration) -> bool {
        let mut child = self.command(args).spawn().unwrap();
        // The wait is the random moment of death itself, not a stand-in for synchronisation.
        std::thread::sleep(wait);
        let _ = child.kill();
        child.wait().unwrap().success()
    }

    /// The next command: the journal must open with its passphrase and be whole.
    fn export(&self) -> serde_json::Value {
        let out = kindly(&self.db)
            .arg("--passphrase-file")
            .arg(&self.pass)
            .arg("export")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "the journal opens after the kill: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    fn check(&self) {
        let out = kindly(&self.db)
            .arg("--passphrase-file")
            .arg(&self.pass)
            .arg("check")
            .output()
            .unwrap();
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("is healthy"),
            "integrity holds: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }

    fn count(&self) -> usize {
        self.export()["checkins"].as_array().unwrap().len()
    }

    /// After the next command, an encrypted journal has no plaintext anywhere beside it,
    /// and no half-made conversion is left.
    fn no_plaintext_beside_an_encrypted_journal(&self) {
        self.export();
        let leftovers: Vec<_> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .flatten()
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .contains("kindly-converting")
            })
            .collect();
        assert!(
            leftovers.is_empty(),
            "a conversion's leftovers: {leftovers:?}"
        );
        if kindly::store::Store::is_encrypted(&self.db) {
            assert_eq!(
                files_holding(self.dir.path(), SECRET),
                Vec::<PathBuf>::new()
            );
        }
    }
}

fn rounds(encrypted: bool, args: &[&str], seed: u64, mut after: impl FnMut(&Round, bool)) {
    let shared = tempfile::tempdir().unwrap();
    std::fs::write(shared.path().join("pass"), PASSPHRASE).unwrap();
    let template = template(shared.path(), encrypted);
    // The quickest of three undisturbed runs, so the kills land within a run, not after it.
    let whole = (0..3)
        .map(|_| Round::new(&template).timed(args))
        .min()
        .unwrap_or_default();
    let mut moments = Moments(seed);
    let mut killed_midway = 0;
    for _ in 0..ROUNDS {
        let round = Round::new(&template);
        let finished = round.kill_after(args, moments.next(whole));
        killed_midway += u64::from(!finished);
        after(&round, finished);
    }
    assert!(
        killed_midway >= ROUNDS / 4,
        "{args:?}: only {killed_midway} of {ROUNDS} kills landed before the end"
    );
}

#[test]
fn encrypt_killed_at_any_moment_leaves_a_whole_journal_and_no_plaintext_copy() {
    rounds(
        false,
        &["encrypt"],
        0x9E37_79B9_7F4A_7C15,
        |round, finished| {
            assert_eq!(round.count(), CHECKINS);
            round.check();
            round.no_plaintext_beside_an_encrypted_journal();
            if finished {
                assert!(kindly::store::Store::is_encrypted(&round.db));
            }
        },
    );
}

#[test]
fn decrypt_killed_at_any_moment_leaves_a_whole_journal_and_no_plaintext_copy() {
    rounds(
        true,
        &["decrypt"],
        0xD1B5_4A32_D192_ED03,
        |round, finished| {
            assert_eq!(round.count(), CHECKINS);
            round.check();
            round.no_plaintext_beside_an_encrypted_journal();
            if finished {
                assert!(!kindly::store::Store::is_encrypted(&round.db));
            }
        },
    );
}

#[test]
fn backup_killed_at_any_moment_leaves_a_whole_copy_or_none() {
    for (encrypted, seed) in [
        (false, 0x2545_F491_4F6C_DD1D),
        (true, 0x8CB9_2BA7_2F3D_8DD7),
    ] {
        rounds(
            encrypted,
            &["backup", "-o", "copy.db"],
            seed,
            |round, finished| {
                assert_eq!(round.count(), CHECKINS);
                round.check();
                let copy = round.dir.path().join("copy.db");
                if copy.exists() {
                    let out = kindly(&copy)
                        .arg("--passphrase-file")
                        .arg(&round.pass)
                        .arg("export")
                        .output()
                        .unwrap();
                    assert!(out.status.success(), "a copy that exists is whole");
                    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
                    assert_eq!(doc["checkins"].as_array().unwrap().len(), CHECKINS);
                    assert_eq!(kindly::store::Store::is_encrypted(&copy), encrypted);
                    std::fs::remove_file(&copy).unwrap();
                } else {
                    assert!(!finished, "a finished backup is there");
                }
                round.no_plaintext_beside_an_encrypted_journal();
            },
        );
    }
}

#[test]
fn export_killed_at_any_moment_leaves_a_whole_file_or_none() {
    rounds(
        true,
        &["export", "-o", "out.json"],
        0x4F1B_BCDC_BFA5_3E0B,
        |round, finished| {
            assert_eq!(round.count(), CHECKINS);
            round.check();
            let out = round.dir.path().join("out.json");
            if out.exists() {
                let doc: serde_json::Value =
                    serde_json::from_slice(&std::fs::read(&out).unwrap()).expect("whole JSON");
                assert_eq!(doc["checkins"].as_array().unwrap().len(), CHECKINS);
                std::fs::remove_file(&out).unwrap();
            } else {
                assert!(!finished);
            }
        },
    );
}

#[test]
fn import_killed_at_any_moment_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("d.csv");
    let mut rows = String::from("full_date,date,weekday,time,mood,activities,note\n");
    for i in 0..2000 {
        rows.push_str(&format!(
            "2020-{:02}-{:02},a,b,{:02}:{:02},good,walk,row {i}\n",
            1 + i % 12,
            1 + i % 28,
            i % 24,
            i % 60
        ));
    }
    std::fs::write(&csv, rows).unwrap();
    let csv = csv.display().to_string();
    let args = ["import", &csv, "--from", "daylio"];
    rounds(true, &args, 0x6A09_E667_F3BC_C909, |round, finished| {
        let n = round.count();
        assert!(
            n == CHECKINS || n == CHECKINS + 2000,
            "all or nothing, found {n}"
        );
        if finished {
            assert_eq!(n, CHECKINS + 2000);
        }
        round.check();
        round.no_plaintext_beside_an_encrypted_journal();
    });
}
