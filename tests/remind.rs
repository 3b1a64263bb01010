//! `kindly remind` (#17, item 15): the real binary with stand-in service managers on PATH
//! (a `systemctl` and a `notify-send` that write down how they were called), so nothing on
//! the machine running the tests is touched.

mod common;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use common::cli::{TestJournal, kindly};

/// A folder of stand-in programs, each writing its arguments to `<name>.log` and exiting
/// with `code`.
fn fake_bin(dir: &Path, programs: &[(&str, i32)]) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    for (name, code) in programs {
        let path = bin.join(name);
        std::fs::write(
            &path,
            format!(
                "#!/bin/sh\necho \"$*\" >> '{}/{name}.log'\nexit {code}\n",
                dir.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    bin
}

fn log(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(format!("{name}.log"))).unwrap_or_default()
}

/// kindly with only `bin` on PATH and its config home in `dir`.
fn remind(journal: &TestJournal, dir: &Path, bin: &Path, args: &[&str]) -> std::process::Output {
    journal
        .kindly()
        .env("PATH", bin)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("HOME", dir)
        .arg("remind")
        .args(args)
        .output()
        .unwrap()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn at_installs_a_systemd_user_timer_that_runs_remind_now_on_this_journal() {
    let journal = TestJournal::new();
    let dir = tempfile::tempdir().unwrap();
    let bin = fake_bin(dir.path(), &[("systemctl", 0)]);
    let out = remind(
        &journal,
        dir.path(),
        &bin,
        &["at", "20:30", "--days", "mon,thu"],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(stdout(&out).contains("20:30 on Mon, Thu (a systemd user timer)"));
    let units = dir.path().join("config/systemd/user");
    let timer = std::fs::read_to_string(units.join("kindly-remind.timer")).unwrap();
    let service = std::fs::read_to_string(units.join("kindly-remind.service")).unwrap();
    assert!(
        timer.contains("OnCalendar=Mon,Thu *-*-* 20:30:00"),
        "{timer}"
    );
    let db = journal.db.display().to_string();
    assert!(
        service.contains(&format!("\"--db\" \"{db}\" \"remind\" \"now\"")),
        "{service}"
    );
    let mode = std::fs::metadata(units.join("kindly-remind.service"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let calls = log(dir.path(), "systemctl");
    assert!(calls.contains("--user daemon-reload"), "{calls}");
    assert!(
        calls.contains("--user enable --now kindly-remind.timer"),
        "{calls}"
    );

    let status = remind(&journal, dir.path(), &bin, &["status"]);
    assert_eq!(
        stdout(&status),
        "A gentle reminder at 20:30 on Mon, Thu (a systemd user timer).\n"
    );

    let off = remind(&journal, dir.path(), &bin, &["off"]);
    assert_eq!(off.status.code(), Some(0));
    assert!(stdout(&off).contains("The reminder is off"));
    assert!(!units.join("kindly-remind.timer").exists());
    assert!(!units.join("kindly-remind.service").exists());
    assert!(log(dir.path(), "systemctl").contains("--user disable --now kindly-remind.timer"));
    let again = remind(&journal, dir.path(), &bin, &["status"]);
    assert!(stdout(&again).starts_with("No reminder is set."));
    assert!(
        !journal.db.exists(),
        "setting a reminder writes nothing in the journal"
    );
}

#[test]
fn without_a_user_systemd_it_gives_the_crontab_line_and_installs_nothing() {
    let journal = TestJournal::new();
    let dir = tempfile::tempdir().unwrap();
    // A systemctl that answers no: no user manager here (a container, a server).
    let bin = fake_bin(dir.path(), &[("systemctl", 1)]);
    let out = remind(&journal, dir.path(), &bin, &["at", "7:05"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.starts_with("5 7 * * * "))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(line.ends_with("remind now"), "{line}");
    assert!(line.contains(&journal.db.display().to_string()), "{line}");
    assert!(!dir.path().join("config").exists());
    assert!(!log(dir.path(), "systemctl").contains("enable"));
}

#[test]
fn now_nudges_only_on_a_day_without_a_check_in() {
    let journal = TestJournal::new();
    let dir = tempfile::tempdir().unwrap();
    let bin = fake_bin(dir.path(), &[("notify-send", 0)]);
    // No journal yet: a nudge, and still no journal.
    let out = remind(&journal, dir.path(), &bin, &["now"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{out:?}");
    let first = log(dir.path(), "notify-send");
    assert!(first.contains("--app-name=kindly kindly"), "{first}");
    assert!(first.contains("check-in whenever you're ready"), "{first}");
    assert!(!journal.db.exists());
    // A check-in today: quiet.
    journal
        .kindly()
        .args(["checkin", "--mood", "6"])
        .assert()
        .success();
    let out = remind(&journal, dir.path(), &bin, &["now"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        log(dir.path(), "notify-send"),
        first,
        "no second nudge today"
    );
}

#[test]
fn now_is_quiet_and_content_when_there_is_no_notification_service() {
    let journal = TestJournal::new();
    let dir = tempfile::tempdir().unwrap();
    for bin in [
        fake_bin(dir.path(), &[]),                   // no notify-send at all
        fake_bin(dir.path(), &[("notify-send", 1)]), // one that finds no service
    ] {
        let out = remind(&journal, dir.path(), &bin, &["now"]);
        assert_eq!(out.status.code(), Some(0));
        assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{out:?}");
    }
}

#[test]
fn times_and_days_kindly_cant_read_are_refused_with_nothing_installed() {
    let dir = tempfile::tempdir().unwrap();
    let bin = fake_bin(dir.path(), &[("systemctl", 0)]);
    for (args, needle) in [
        (&["remind", "at", "8pm"][..], "HH:MM on a 24-hour clock"),
        (&["remind", "at", "25:00"][..], "like 20:30"),
        (
            &["remind", "at", "20:30", "--days", "someday"][..],
            "isn't a day kindly knows",
        ),
        (&["remind", "at"][..], "HH:MM"),
    ] {
        let db = dir.path().join("k.db");
        let out = kindly(&db)
            .env("PATH", &bin)
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .args(args)
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(!dir.path().join("config").exists(), "{args:?}");
        assert!(!log(dir.path(), "systemctl").contains("enable"), "{args:?}");
    }
}

#[test]
fn test_shows_the_reminder_whatever_today_holds_and_says_what_happened() {
    let journal = TestJournal::new();
    journal
        .kindly()
        .args(["checkin", "--mood", "6"])
        .assert()
        .success();
    let dir = tempfile::tempdir().unwrap();
    let bin = fake_bin(dir.path(), &[("notify-send", 0)]);
    let out = remind(&journal, dir.path(), &bin, &["test"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Nudged: the reminder went to your desktop's notifications.\n"
    );
    assert!(log(dir.path(), "notify-send").contains("check-in whenever you're ready"));
    let bin = fake_bin(dir.path(), &[("notify-send", 1)]);
    let out = remind(&journal, dir.path(), &bin, &["test"]);
    assert_eq!(out.status.code(), Some(0));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.starts_with("No notification service answered"),
        "{said}"
    );
    assert!(said.contains("DBUS_SESSION_BUS_ADDRESS"), "{said}");
}

/// A journal at `name` inside a fresh folder, with one check-in.
fn journal_at(dir: &Path, name: &str) -> TestJournal {
    let mut journal = TestJournal::new();
    let folder = dir.join(name);
    std::fs::create_dir_all(&folder).unwrap();
    journal.db = folder.join("k.db");
    journal
}

#[test]
fn a_dollar_in_the_journal_path_reaches_systemd_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let journal = journal_at(dir.path(), "$HOME and 100%");
    let bin = fake_bin(dir.path(), &[("systemctl", 0)]);
    let out = remind(&journal, dir.path(), &bin, &["at", "20:30"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let units = dir.path().join("config/systemd/user");
    let service = std::fs::read_to_string(units.join("kindly-remind.service")).unwrap();
    let db = journal
        .db
        .display()
        .to_string()
        .replace('$', "$$")
        .replace('%', "%%");
    assert!(service.contains(&format!("\"--db\" \"{db}\"")), "{service}");
    // systemd's own reading of the unit, where it is installed.
    if let Ok(verified) = std::process::Command::new("systemd-analyze")
        .args(["verify", "--man=no"])
        .arg(units.join("kindly-remind.service"))
        .output()
    {
        let said = String::from_utf8_lossy(&verified.stderr);
        assert!(
            !said.contains("kindly-remind.service"),
            "systemd-analyze verify: {said}"
        );
    }
}

#[test]
fn a_line_break_in_the_journal_path_is_refused_and_nothing_installed() {
    let dir = tempfile::tempdir().unwrap();
    let journal = journal_at(dir.path(), "two\nlines");
    let bin = fake_bin(dir.path(), &[("systemctl", 0)]);
    let out = remind(&journal, dir.path(), &bin, &["at", "20:30"]);
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("holds a line break"), "{err}");
    assert!(err.contains("two␊lines"), "{err}");
    assert!(!dir.path().join("config").exists(), "nothing written");
    assert!(!log(dir.path(), "systemctl").contains("enable"));
}

#[test]
fn the_crontab_line_for_an_odd_path_is_one_line_a_shell_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let journal = journal_at(dir.path(), "it's $HOME");
    let bin = fake_bin(dir.path(), &[("systemctl", 1)]);
    let out = remind(&journal, dir.path(), &bin, &["at", "7:05"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.starts_with("5 7 * * * "))
        .unwrap_or_else(|| panic!("{text}"));
    let command = line.trim_start_matches("5 7 * * * ");
    // sh reads the words back: the journal's path comes back exactly.
    let words = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("printf '%s\\n' {command}"))
        .output()
        .unwrap();
    let words = String::from_utf8(words.stdout).unwrap();
    assert!(
        words.lines().any(|w| w == journal.db.display().to_string()),
        "{words}"
    );
}
