//! Backups that happen by themselves: a month of days lived by the real binary with an
//! injected date, what is kept, encryption, `kindly backups`, `kindly restore`, and the
//! refusals.

use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

mod common;
use common::tmux::Pane;
use common::{TestJournal, files_holding, kindly};
use kindly::store::Store;

const TODAY: &str = "KINDLY_TODAY_FOR_TEST";
const MARKER: &str = "a heron by the weir at dusk";
const PASSPHRASE: &str = "correct horse battery staple\n";

fn day(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// `kindly ARGS` on `db` as if today were `today`: (exit code, stdout, stderr).
fn on(db: &Path, today: &str, args: &[&str]) -> (i32, String, String) {
    let out = kindly(db)
        .env(TODAY, today)
        .args(args)
        .write_stdin("")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn ok_on(db: &Path, today: &str, args: &[&str]) -> String {
    let (code, out, err) = on(db, today, args);
    assert_eq!(code, 0, "{args:?} on {today}: {out}{err}");
    out
}

/// The names in the backups folder beside `db`, hidden files left out.
fn backups(db: &Path) -> BTreeSet<String> {
    let dir = db.parent().unwrap().join("backups");
    match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.') && !n.ends_with(".keys"))
            .collect(),
        Err(_) => BTreeSet::new(),
    }
}

fn checkins_in(db: &Path, passphrase: Option<&Path>) -> usize {
    let mut cmd = kindly(db);
    if let Some(p) = passphrase {
        cmd.arg("--passphrase-file").arg(p);
    }
    let out = cmd.args(["export", "--format", "json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["checkins"].as_array().unwrap().len()
}

#[test]
fn a_month_of_days_makes_one_backup_a_day_and_keeps_what_the_rule_says() {
    let j = TestJournal::new();
    let first = day("2026-10-06");
    let mut inode_today = None;
    for i in 0..33 {
        let today = (first + chrono::Days::new(i))
            .format("%Y-%m-%d")
            .to_string();
        let at = format!("{today} 12:00");
        ok_on(&j.db, &today, &["checkin", "--mood", "5", "--at", &at]);
        let made = j.dir.path().join("backups").join(format!("k-{today}.db"));
        assert!(made.exists(), "a backup on {today}");
        // A second writer the same day leaves the day's backup as it is.
        use std::os::unix::fs::MetadataExt;
        inode_today = Some(std::fs::metadata(&made).unwrap().ino());
        ok_on(
            &j.db,
            &today,
            &["write", "--title", "later", "the same day"],
        );
        assert_eq!(
            std::fs::metadata(&made).unwrap().ino(),
            inode_today.unwrap(),
            "one backup a day"
        );
    }
    assert!(inode_today.is_some());
    // The last day, 7 November 2026, is a Saturday. Kept: the last seven days; the newest
    // of each of the last four weeks (Monday to Sunday): the 7th, the 1st, 25 and 18
    // October; the newest of each month: the 7th and 31 October.
    let expected: BTreeSet<String> = [
        "2026-11-01",
        "2026-11-02",
        "2026-11-03",
        "2026-11-04",
        "2026-11-05",
        "2026-11-06",
        "2026-11-07",
        "2026-10-25",
        "2026-10-18",
        "2026-10-31",
    ]
    .iter()
    .map(|d| format!("k-{d}.db"))
    .collect();
    assert_eq!(backups(&j.db), expected);
    let folder = j.dir.path().join("backups");
    let mode = std::fs::metadata(&folder).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700, "the folder is yours alone");
    for name in &expected {
        let copy = folder.join(name);
        let mode = std::fs::metadata(&copy).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{name} is yours alone");
        let (code, out, err) = on(&copy, "2026-11-07", &["check"]);
        assert_eq!(code, 0, "{name}: {out}{err}");
        assert!(out.contains("is healthy"), "{name}: {out}");
        // Made after the day's check-in: it holds every check-in up to that day.
        let date = day(&name[2..12]);
        let days = (date - first).num_days() as usize + 1;
        assert_eq!(checkins_in(&copy, None), days, "{name}");
        assert!(
            !Path::new(&format!("{}-wal", copy.display())).exists(),
            "a backup is one file"
        );
    }
}

#[test]
fn a_smaller_rule_from_the_config_keeps_fewer() {
    let j = TestJournal::new();
    let config = j.db.with_extension("no-config.toml");
    std::fs::write(
        &config,
        "backups_kept = { daily = 2, weekly = 1, monthly = 0 }\n",
    )
    .unwrap();
    for d in [
        "2026-12-01",
        "2026-12-02",
        "2026-12-03",
        "2026-12-05",
        "2026-12-08",
    ] {
        ok_on(&j.db, d, &["checkin", "--mood", "6"]);
    }
    // The last two days with a backup, and this week's newest (8 December is a Tuesday).
    let expected: BTreeSet<String> = ["k-2026-12-05.db", "k-2026-12-08.db"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(backups(&j.db), expected);
}

#[test]
fn an_encrypted_journals_backups_hold_no_plaintext_and_open_with_its_passphrase() {
    let j = TestJournal::new();
    let pass = j.file("pass", PASSPHRASE);
    // Plain at first: that day's backup is plain, with the marker in it.
    ok_on(
        &j.db,
        "2026-12-01",
        &["checkin", "--mood", "5", "--note", MARKER],
    );
    assert_eq!(
        files_holding(&j.dir.path().join("backups"), MARKER).len(),
        1
    );
    let aside = tempfile::tempdir().unwrap();
    let plain_copy = aside.path().join("plain.db");
    std::fs::copy(j.dir.path().join("backups/k-2026-12-01.db"), &plain_copy).unwrap();
    let p = pass.to_str().unwrap();
    ok_on(&j.db, "2026-12-01", &["--passphrase-file", p, "encrypt"]);
    // Encrypting the journal encrypted the plain backup made before, too.
    assert_eq!(
        files_holding(j.dir.path(), MARKER),
        Vec::<PathBuf>::new(),
        "no plaintext beside the journal once it is encrypted"
    );
    // A plain copy an `encrypt` stopped midway would have left is encrypted by the next
    // writer, even on a day whose backup is there already.
    let left = j.dir.path().join("backups/k-2026-11-30.db");
    std::fs::copy(&plain_copy, &left).unwrap();
    ok_on(
        &j.db,
        "2026-12-01",
        &["--passphrase-file", p, "checkin", "--mood", "4"],
    );
    assert!(Store::is_encrypted(&left));
    for d in ["2026-12-02", "2026-12-03"] {
        let note = format!("{MARKER} again");
        ok_on(
            &j.db,
            d,
            &[
                "--passphrase-file",
                p,
                "checkin",
                "--mood",
                "6",
                "--note",
                &note,
            ],
        );
    }
    let names = backups(&j.db);
    assert_eq!(names.len(), 4, "{names:?}");
    assert_eq!(
        files_holding(j.dir.path(), MARKER),
        Vec::<PathBuf>::new(),
        "no plaintext anywhere beside the journal"
    );
    for name in &names {
        let copy = j.dir.path().join("backups").join(name);
        assert!(Store::is_encrypted(&copy), "{name}");
        assert!(
            j.dir
                .path()
                .join("backups")
                .join(format!("{name}.keys"))
                .exists(),
            "{name}: its key file is beside it, so the passphrase opens it"
        );
        let (code, out, err) = on(&copy, "2026-12-03", &["--passphrase-file", p, "check"]);
        assert_eq!(code, 0, "{name}: {out}{err}");
        assert!(checkins_in(&copy, Some(&pass)) >= 1, "{name} opens");
    }
}

#[test]
fn backups_lists_each_with_its_date_size_and_records_as_text_and_json() {
    let j = TestJournal::new();
    ok_on(&j.db, "2026-12-01", &["checkin", "--mood", "5"]);
    ok_on(&j.db, "2026-12-02", &["checkin", "--mood", "6"]);
    ok_on(
        &j.db,
        "2026-12-02",
        &["thought", "--thought", "I'm behind on everything"],
    );
    let text = ok_on(&j.db, "2026-12-02", &["backups"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("Backups in "), "{text}");
    assert!(
        lines[1].contains("k-2026-12-02.db") && lines[1].contains("2 check-ins, 0 thought records"),
        "{text}"
    );
    assert!(
        lines[2].contains("k-2026-12-01.db") && lines[2].contains("1 check-in,"),
        "{text}"
    );
    assert!(lines[1].contains(" kB"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&ok_on(
        &j.db,
        "2026-12-02",
        &["backups", "--format", "json"],
    ))
    .unwrap();
    let list = json["backups"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["date"], "2026-12-02");
    assert_eq!(list[0]["checkins"], 2);
    assert_eq!(list[0]["whole"], true);
    assert_eq!(list[1]["checkins"], 1);
    assert!(list[1]["bytes"].as_u64().unwrap() > 0);
}

#[test]
fn restore_round_trips_and_says_what_changed() {
    let j = TestJournal::new();
    for d in ["2026-12-01", "2026-12-02", "2026-12-03"] {
        ok_on(
            &j.db,
            d,
            &["checkin", "--mood", "5", "--at", &format!("{d} 09:00")],
        );
    }
    let before = common::export_bytes(&j.db);
    let out = ok_on(&j.db, "2026-12-03", &["restore", "2026-12-01", "--yes"]);
    assert!(out.contains("now holds 1 check-in,"), "{out}");
    assert!(out.contains("(before: 3 check-ins,"), "{out}");
    assert_eq!(checkins_in(&j.db, None), 1);
    let kept = backups(&j.db)
        .into_iter()
        .find(|n| n.contains("before-restore"))
        .expect("the journal as it was is kept");
    assert!(out.contains(&kept), "{out}");
    // And back again: the journal exactly as it was.
    let out = ok_on(&j.db, "2026-12-03", &["restore", &kept, "--yes"]);
    assert!(out.contains("now holds 3 check-ins"), "{out}");
    assert_eq!(common::export_bytes(&j.db), before);
    let (code, out, err) = on(&j.db, "2026-12-03", &["check"]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn restore_while_the_screen_is_open_is_refused_and_changes_nothing() {
    let j = TestJournal::new();
    ok_on(&j.db, "2026-12-01", &["checkin", "--mood", "5"]);
    ok_on(&j.db, "2026-12-02", &["checkin", "--mood", "6"]);
    let before = std::fs::read(&j.db).unwrap();
    let pane = Pane::start_env(
        "restore-open",
        j.dir.path(),
        &j.db,
        (80, 24),
        &format!("{TODAY}=2026-12-02"),
        "",
    );
    pane.wait_for("How are you");
    let (code, _, err) = on(&j.db, "2026-12-02", &["restore", "2026-12-01", "--yes"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("is open in another kindly"), "{err}");
    assert!(!backups(&j.db).iter().any(|n| n.contains("before-restore")));
    pane.keys(&["q"]);
    let (exit, _) = pane.wait_exit();
    assert_eq!(exit, "0");
    assert_eq!(
        std::fs::read(&j.db).unwrap(),
        before,
        "the journal is untouched"
    );
}

#[test]
fn the_screen_makes_the_days_backup_after_its_first_frame() {
    let j = TestJournal::new();
    ok_on(&j.db, "2026-12-01", &["checkin", "--mood", "5"]);
    let pane = Pane::start_env(
        "backup-tui",
        j.dir.path(),
        &j.db,
        (80, 24),
        &format!("{TODAY}=2026-12-04"),
        "",
    );
    pane.wait_for("How are you");
    let made = j.dir.path().join("backups").join("k-2026-12-04.db");
    let deadline = std::time::Instant::now() + common::tmux::PATIENCE;
    while !made.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(made.exists(), "the day's backup");
    pane.keys(&["q"]);
    let (exit, _) = pane.wait_exit();
    assert_eq!(exit, "0");
    assert_eq!(checkins_in(&made, None), 1);
}

#[test]
fn status_and_other_readers_never_make_a_backup() {
    let j = TestJournal::new();
    ok_on(&j.db, "2026-12-01", &["checkin", "--mood", "5"]);
    for args in [
        &["status"][..],
        &["status", "--format", "json"],
        &["export", "--format", "json"],
        &["search", "walk"],
        &["trends"],
        &["backups"],
        &["check"],
    ] {
        ok_on(&j.db, "2026-12-02", args);
    }
    assert_eq!(backups(&j.db).len(), 1, "{:?}", backups(&j.db));
}

#[test]
fn a_copy_stopped_halfway_is_never_listed_and_is_swept_by_the_next_backup() {
    let j = TestJournal::new();
    ok_on(&j.db, "2026-12-01", &["checkin", "--mood", "5"]);
    let half = j
        .dir
        .path()
        .join("backups")
        .join(".k-2026-12-02.db.unfinished");
    std::fs::write(&half, b"SQLite format 3\0 half a copy").unwrap();
    let listed = ok_on(&j.db, "2026-12-02", &["backups"]);
    assert!(!listed.contains("2026-12-02"), "{listed}");
    ok_on(&j.db, "2026-12-02", &["checkin", "--mood", "6"]);
    assert!(!half.exists(), "swept");
    assert!(backups(&j.db).contains("k-2026-12-02.db"));
}

/// One line, exit 2, and nothing written: no journal made, no backup, no change.
fn refused_on(j: &TestJournal, args: &[&str], needle: &str) {
    let had_journal = j.db.exists();
    let before = std::fs::read(&j.db).ok();
    let names = backups(&j.db);
    let (code, out, err) = on(&j.db, "2026-12-05", args);
    assert_eq!(code, 2, "{args:?}: {out}{err}");
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(
        err.contains(needle),
        "{args:?}: expected '{needle}' in {err}"
    );
    assert_eq!(j.db.exists(), had_journal, "{args:?}");
    assert_eq!(std::fs::read(&j.db).ok(), before, "{args:?}");
    assert_eq!(backups(&j.db), names, "{args:?}");
}

#[test]
fn bad_input_gets_one_line_exit_two_and_nothing_written() {
    let j = TestJournal::new();
    ok_on(&j.db, "2026-12-01", &["checkin", "--mood", "5"]);
    refused_on(
        &j,
        &["restore", "2026-11-01", "--yes"],
        "there's no backup called '2026-11-01'",
    );
    refused_on(
        &j,
        &["restore", "nowhere.db", "--yes"],
        "`kindly backups` lists them",
    );
    let text = j.file("notes.txt", "not a journal at all, just words\n".repeat(40));
    refused_on(
        &j,
        &["restore", text.to_str().unwrap(), "--yes"],
        "isn't a kindly journal",
    );
    let other = j.file("other.sqlite", b"");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE songs(name TEXT); INSERT INTO songs VALUES ('x');")
        .unwrap();
    refused_on(
        &j,
        &["restore", other.to_str().unwrap(), "--yes"],
        "isn't a kindly journal",
    );
    refused_on(&j, &["restore", "2026-12-01"], "add --yes");
    refused_on(
        &j,
        &["restore", j.db.to_str().unwrap(), "--yes"],
        "is the journal itself",
    );

    let config = j.db.with_extension("no-config.toml");
    for (bad, says) in [
        ("backups_kept = { daily = -2 }", "daily is a whole number"),
        ("backups_kept = { dayly = 2 }", "'dayly'"),
        (
            "backups_kept = { daily = 0, weekly = 0, monthly = 0 }",
            "keep at least one",
        ),
        ("backups_kept = \"lots\"", "is a table of counts"),
        ("backup_dir = \"relative/copies\"", "relative path"),
    ] {
        std::fs::write(&config, format!("{bad}\n")).unwrap();
        refused_on(&j, &["checkin", "--mood", "4"], says);
    }
    let sync = j.dir.path().join("Sync");
    std::fs::write(
        &config,
        format!(
            "sync_dir = \"{}\"\nbackup_dir = \"{}\"\n",
            sync.display(),
            sync.join("kindly-backups").display()
        ),
    )
    .unwrap();
    refused_on(&j, &["checkin", "--mood", "4"], "inside the sync folder");
    // A fresh journal is not even made.
    let fresh = TestJournal::new();
    std::fs::write(
        fresh.db.with_extension("no-config.toml"),
        "backups_kept = 3\n",
    )
    .unwrap();
    refused_on(&fresh, &["checkin", "--mood", "4"], "backups_kept");
}

#[test]
fn a_backup_dir_inside_the_folder_this_journal_syncs_through_is_refused() {
    let two = common::two();
    let config = two.a.db.with_extension("no-config.toml");
    std::fs::write(
        &config,
        format!("backup_dir = \"{}\"\n", two.folder.join("copies").display()),
    )
    .unwrap();
    refused_on(
        &two.a,
        &["checkin", "--mood", "4"],
        "inside the sync folder",
    );
}

#[test]
fn an_encrypted_journal_restores_and_opens_with_todays_passphrase() {
    let j = TestJournal::new();
    j.store();
    let pass = j.file("pass", PASSPHRASE);
    let newer = j.file("newer", "a newer and longer passphrase\n");
    let p = pass.to_str().unwrap();
    ok_on(&j.db, "2026-12-01", &["--passphrase-file", p, "encrypt"]);
    for d in ["2026-12-01", "2026-12-02"] {
        ok_on(
            &j.db,
            d,
            &["--passphrase-file", p, "checkin", "--mood", "5"],
        );
    }
    // The passphrase changes after the backups were made; the key stays the same.
    let n = newer.to_str().unwrap();
    ok_on(
        &j.db,
        "2026-12-02",
        &[
            "--passphrase-file",
            p,
            "passphrase",
            "--new-passphrase-file",
            n,
        ],
    );
    let out = ok_on(
        &j.db,
        "2026-12-02",
        &["--passphrase-file", n, "restore", "2026-12-01", "--yes"],
    );
    assert!(
        out.contains("now holds 1 check-in,") && out.contains("(before: 2 check-ins,"),
        "{out}"
    );
    assert_eq!(
        checkins_in(&j.db, Some(&newer)),
        1,
        "today's passphrase opens it"
    );
    assert_eq!(
        files_holding(j.dir.path(), "SQLite format 3"),
        Vec::<PathBuf>::new(),
        "no plain copy anywhere: journal, backups, the copy kept before the restore"
    );
}
