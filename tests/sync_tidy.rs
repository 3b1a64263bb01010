//! One exchange at a time, and no litter: exchanges started together (six at once, or one
//! while another holds the journal's turn) and exchanges that die mid-write or meet a
//! full disk, with the real binary on real folders.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use kindly::domain::Scale;

mod common;
use common::{TestJournal, kindly, kindly_process, ok, run};

/// A journal that syncs into a folder of its own, with `n` check-ins waiting to be sent.
struct Syncing {
    j: TestJournal,
    folder: PathBuf,
}

fn syncing(n: usize) -> Syncing {
    let j = TestJournal::new();
    let folder = j.dir.path().join("Sync");
    let pass = j.file("pass", "a long sync passphrase\n");
    ok(
        &j.db,
        &[
            "sync",
            "init",
            folder.to_str().unwrap(),
            "--sync-passphrase-file",
            pass.to_str().unwrap(),
        ],
    );
    let mut store = j.store();
    for k in 0..n {
        let mut c = kindly::domain::CheckIn::new(
            common::at("2026-11-01T09:00:00+00:00") + chrono::Duration::minutes(k as i64),
            kindly::domain::Mood::new(5).unwrap(),
        );
        c.set_note(&format!("check-in {k}"));
        store.save_checkin(&c, None).unwrap();
    }
    drop(store);
    Syncing { j, folder }
}

/// This journal's own device folder (the only one in the folder).
fn own(folder: &Path) -> PathBuf {
    let devices: Vec<PathBuf> = std::fs::read_dir(folder.join("devices"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(devices.len(), 1, "{devices:?}");
    devices[0].clone()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The change files in `dir` (beside them, a computer may publish other files).
fn changes(dir: &Path) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|n| n.ends_with(".kindly"))
        .collect()
}

/// The number in "Sent N records".
fn sent(line: &str) -> usize {
    line.strip_prefix("Sent ")
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[test]
fn six_exchanges_started_together_send_everything_once() {
    let s = syncing(300);
    let children: Vec<_> = (0..6)
        .map(|_| {
            kindly_process(&s.j.db)
                .arg("sync")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut total = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        let said = String::from_utf8(out.stdout).unwrap();
        assert!(
            out.status.success(),
            "{said}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        total += sent(&said);
    }
    assert_eq!(total, 300, "every record sent exactly once");
    let own = own(&s.folder);
    assert_eq!(changes(&own).len(), 1, "one change file: {:?}", names(&own));
}

/// Holds the journal's exchange turn from this test, as a running exchange would.
fn hold_turn(db: &Path) -> std::fs::File {
    let f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(kindly::store::turn_file(db))
        .unwrap();
    f.lock().unwrap();
    f
}

#[test]
fn a_second_exchange_waits_for_the_first_then_goes_ahead() {
    let s = syncing(1);
    let turn = hold_turn(&s.j.db);
    let mut child = kindly_process(&s.j.db)
        .arg("sync")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // It says it waits; only then is the first exchange's turn let go.
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    assert!(line.contains("waiting a moment"), "{line}");
    drop(turn);
    let out = child.wait_with_output().unwrap();
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{said}");
    assert!(said.starts_with("Sent 1 record"), "{said}");
}

#[test]
fn an_exchange_that_finds_another_still_running_says_so_and_exits_0() {
    let s = syncing(1);
    let _turn = hold_turn(&s.j.db);
    let (code, out, err) = run(&s.j.db, &["sync"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("still running"), "{out}");
    let written: Vec<String> = std::fs::read_dir(s.folder.join("devices"))
        .map(|r| r.flatten().flat_map(|d| changes(&d.path())).collect())
        .unwrap_or_default();
    assert!(written.is_empty(), "nothing sent meanwhile: {written:?}");
    // The record waits for the next exchange.
    let (_, status, _) = run(&s.j.db, &["sync", "status"]);
    assert!(status.contains("1 record waiting to be sent"), "{status}");
}

#[test]
fn an_exchange_on_a_full_disk_leaves_no_half_written_file() {
    let s = syncing(1);
    // A note larger than the disk has room for.
    let big: String = (0..20_000).map(|k| format!("{k:x} ")).collect();
    let out = kindly(&s.j.db)
        .args(["checkin", "--mood", "4", "--note", "-"])
        .write_stdin(big)
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut cmd = kindly_process(&s.j.db);
    cmd.arg("sync");
    let out = common::with_file_limit(&mut cmd, 32 * 1024);
    let err = String::from_utf8_lossy(&out.stderr);
    let said = format!("{}{err}", String::from_utf8_lossy(&out.stdout));
    assert!(matches!(out.status.code(), Some(0 | 1)), "{said}");
    assert!(
        said.contains("nothing was lost") || said.contains("your changes wait here"),
        "{said}"
    );
    let mine: Vec<String> = std::fs::read_dir(s.folder.join("devices"))
        .unwrap()
        .flatten()
        .flat_map(|d| names(&d.path()))
        .collect();
    assert!(
        mine.iter().all(|n| !n.ends_with(".tmp")),
        "left behind: {mine:?}"
    );
    // With room again, everything goes.
    assert!(ok(&s.j.db, &["sync"]).starts_with("Sent 2 records"));
}

#[test]
fn the_screen_never_waits_for_another_exchange() {
    let s = syncing(1);
    let turn = hold_turn(&s.j.db);
    let mut app = common::app_with(s.j.store(), common::NOW);
    assert!(app.exchange(), "the screen says something");
    assert_eq!(
        app.notice.as_deref(),
        Some(
            "Another exchange of this journal is running just now; your changes go with the next."
        )
    );
    assert!(ok(&s.j.db, &["sync", "status"]).contains("1 record waiting to be sent"));
    // Once the other is done, the screen's own exchange sends it.
    drop(turn);
    app.exchange();
    assert!(ok(&s.j.db, &["sync", "status"]).contains("Nothing waiting to be sent."));
}

#[test]
fn a_dead_exchanges_temp_files_are_gone_after_the_next_exchange() {
    // Found as: a sync that died mid-write left `.NNN.kindly.PID.tmp` in the folder for good.
    let s = syncing(1);
    ok(&s.j.db, &["sync"]);
    let own = own(&s.folder);
    let litter = [
        own.join(".0000000002.kindly.999999.tmp"),
        own.join(".journal.state.999999.tmp"),
        s.folder.join(".kindly-sync.key.999999.tmp"),
    ];
    for f in &litter {
        std::fs::write(f, vec![7u8; 4096]).unwrap();
    }
    ok(&s.j.db, &["sync"]);
    for f in &litter {
        assert!(!f.exists(), "{} left", f.display());
    }
}

/// Runs `kindly sync` on `db` with `folder` read-only to it, as on a read-only mount or a
/// folder shared read-only: as root (whom permission bits don't stop) through a read-only
/// bind mount in a mount namespace of its own, otherwise with the write bits taken away.
fn sync_read_only(db: &Path, folder: &Path) -> (i32, String, String) {
    let out = if unsafe { libc::geteuid() } == 0 {
        let plain = kindly_process(db);
        let mut cmd = std::process::Command::new("unshare");
        cmd.args(["-m", "sh", "-c"])
            .arg(r#"mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@""#)
            .arg(folder)
            .arg(common::KINDLY)
            .arg("--db")
            .arg(db)
            .arg("sync");
        for (k, v) in plain.get_envs() {
            match v {
                Some(v) => cmd.env(k, v),
                None => cmd.env_remove(k),
            };
        }
        cmd.output().unwrap()
    } else {
        let dirs = [folder.to_path_buf(), folder.join("devices")];
        let set = |mode| {
            for d in &dirs {
                let p = std::os::unix::fs::PermissionsExt::from_mode(mode);
                std::fs::set_permissions(d, p).unwrap();
            }
        };
        set(0o555);
        let out = kindly_process(db).arg("sync").output().unwrap();
        set(0o700);
        out
    };
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_read_only_folder_still_brings_the_other_computers_words() {
    // Found as: a folder this computer may only read (shared read-only, a read-only mount)
    // stopped receiving too.
    let s = syncing(0);
    let pass = s.j.dir.path().join("pass");
    let other = TestJournal::new();
    ok(
        &other.db,
        &[
            "sync",
            "join",
            s.folder.to_str().unwrap(),
            "--sync-passphrase-file",
            pass.to_str().unwrap(),
        ],
    );
    ok(
        &other.db,
        &["checkin", "--mood", "7", "--note", "a slow walk home"],
    );
    ok(&other.db, &["sync"]);
    ok(
        &s.j.db,
        &["checkin", "--mood", "5", "--note", "written here"],
    );
    let (code, out, err) = sync_read_only(&s.j.db, &s.folder);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("received 1 record"), "{out}");
    assert!(out.contains("can't be written here just now"), "{out}");
    assert!(
        common::export(&s.j.db)
            .to_string()
            .contains("a slow walk home")
    );
    assert!(ok(&s.j.db, &["sync", "status"]).contains("1 record waiting to be sent"));
    // Writable again, what waited goes.
    assert!(ok(&s.j.db, &["sync"]).starts_with("Sent 1 record"));
}
