//! Nothing lost, nobody locked out: every path that once lost a person's words or shut them
//! out of their journal, tried again against the real binary.

use std::path::{Path, PathBuf};

mod common;
use common::tmux::Pane;
use common::{
    TestJournal, app_with, ch, ctrl, every_kind_of_record, export, files_holding, kindly, press,
    save_journal, typed, with_file_limit,
};
use kindly::store::Store;

const SECRET: &str = "the secret heron sentence";
const PASSPHRASE: &str = "correct horse battery\n";

/// A journal holding SECRET in a note, and a passphrase file beside it.
fn plain_journal() -> (TestJournal, PathBuf) {
    let j = TestJournal::new();
    let pass = j.file("pass", PASSPHRASE);
    j.kindly()
        .args(["checkin", "--mood", "5", "--note", SECRET])
        .assert()
        .success();
    (j, pass)
}

fn encrypted_journal() -> (TestJournal, PathBuf) {
    let (j, pass) = plain_journal();
    j.kindly()
        .arg("--passphrase-file")
        .arg(&pass)
        .arg("encrypt")
        .assert()
        .success();
    assert!(Store::is_encrypted(&j.db));
    (j, pass)
}

fn code_and_err(out: &std::process::Output) -> (Option<i32>, String) {
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

// 1. Encrypting (or decrypting) while kindly is open elsewhere.

#[test]
fn encrypting_while_the_tui_is_open_is_refused_and_the_windows_saves_still_land() {
    let (j, pass) = plain_journal();
    let pane = Pane::start("enc-open", j.dir.path(), &j.db, (80, 24));
    pane.wait_for("How are you");
    let out = j
        .kindly()
        .arg("--passphrase-file")
        .arg(&pass)
        .arg("encrypt")
        .output()
        .unwrap();
    let (code, err) = code_and_err(&out);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("is open in another kindly"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!Store::is_encrypted(&j.db), "nothing was changed");
    // The open window goes on saving into the journal it has.
    pane.keys(&["7"]);
    pane.keys(&["C-s"]);
    pane.wait_for("Thank you");
    pane.keys(&["q"]);
    let (exit, _) = pane.wait_exit();
    assert_eq!(exit, "0");
    assert_eq!(j.export()["checkins"].as_array().unwrap().len(), 2);
    // Closed, the journal encrypts, and no plaintext is left beside it.
    j.kindly()
        .arg("--passphrase-file")
        .arg(&pass)
        .arg("encrypt")
        .assert()
        .success();
    assert_eq!(files_holding(j.dir.path(), SECRET), Vec::<PathBuf>::new());
    let doc: serde_json::Value = serde_json::from_slice(
        &j.kindly()
            .arg("--passphrase-file")
            .arg(&pass)
            .arg("export")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(
        doc["checkins"].as_array().unwrap().len(),
        2,
        "every save is there"
    );
}

#[test]
fn decrypting_while_the_tui_is_open_is_refused() {
    let (j, pass) = encrypted_journal();
    let pane = Pane::start_with(
        "dec-open",
        j.dir.path(),
        &j.db,
        (80, 24),
        &format!("--passphrase-file '{}'", pass.display()),
    );
    pane.wait_for("How are you");
    let out = j
        .kindly()
        .arg("--passphrase-file")
        .arg(&pass)
        .arg("decrypt")
        .output()
        .unwrap();
    let (code, err) = code_and_err(&out);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("is open in another kindly"), "{err}");
    assert!(Store::is_encrypted(&j.db));
    assert_eq!(files_holding(j.dir.path(), SECRET), Vec::<PathBuf>::new());
    pane.keys(&["q"]);
    pane.wait_exit();
    j.kindly()
        .arg("--passphrase-file")
        .arg(&pass)
        .arg("decrypt")
        .assert()
        .success();
    assert!(!Store::is_encrypted(&j.db));
}

#[test]
fn a_conversion_killed_midway_is_cleared_by_the_next_kindly() {
    let (j, _pass) = plain_journal();
    let leftover = j.file("k.db.kindly-converting", format!("plaintext: {SECRET}"));
    let leftover_wal = j.file("k.db.kindly-converting-wal", SECRET);
    j.kindly().arg("export").assert().success();
    assert!(!leftover.exists() && !leftover_wal.exists());
}

// 2. status never prompts and never fails.

#[test]
fn status_answers_calmly_for_every_kind_of_file() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = TestJournal::new();
    let (enc, _pass) = encrypted_journal();
    let (damaged, _) = plain_journal();
    let bytes = std::fs::read(&damaged.db).unwrap();
    std::fs::write(&damaged.db, &bytes[..bytes.len() / 2]).unwrap();
    let foreign = dir.path().join("other.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE recipes (name TEXT);")
        .unwrap();
    let newer = dir.path().join("newer.db");
    Store::open(&newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, "").unwrap();
    let folder = dir.path().join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    let cases: [(&str, &Path, bool); 7] = [
        ("none", &fresh.db, false),
        ("empty", &empty, false),
        ("encrypted", &enc.db, true),
        ("damaged", &damaged.db, false),
        ("foreign", &foreign, false),
        ("newer", &newer, false),
        ("folder", &folder, false),
    ];
    for (name, db, locked) in cases {
        let before = std::fs::read(db).ok();
        for json in [false, true] {
            let mut cmd = kindly(db);
            cmd.arg("status").write_stdin("");
            if json {
                cmd.args(["--format", "json"]);
            }
            let out = cmd.output().unwrap();
            let (code, err) = code_and_err(&out);
            assert_eq!(code, Some(0), "{name}: {err}");
            assert_eq!(err, "", "{name}: nothing on stderr");
            let text = String::from_utf8(out.stdout).unwrap();
            assert_eq!(text.lines().count(), 1, "{name}: one line: {text}");
            if json {
                let v: serde_json::Value = serde_json::from_str(&text).unwrap();
                assert_eq!(v["locked"], locked, "{name}: {text}");
            } else if locked {
                assert!(text.contains("locked"), "{name}: {text}");
            }
            for word in ["error", "failed", "passphrase:"] {
                assert!(!text.to_lowercase().contains(word), "{name}: {text}");
            }
        }
        assert_eq!(std::fs::read(db).ok(), before, "{name}: left as it was");
    }
    assert!(!fresh.db.exists(), "status never creates a journal");
}

#[test]
fn status_on_an_encrypted_journal_in_a_terminal_never_asks() {
    let (j, _pass) = encrypted_journal();
    let pane = Pane::start_with("status-tty", j.dir.path(), &j.db, (80, 24), "status");
    let (exit, _) = pane.wait_exit();
    assert_eq!(exit, "0");
    let screen = pane.screen();
    assert!(screen.contains("locked"), "{screen}");
    assert!(!screen.to_lowercase().contains("passphrase"), "{screen}");
}

// 3. Backups of encrypted journals; failed outputs leave nothing.

#[test]
fn a_backup_of_an_encrypted_journal_is_encrypted_with_the_same_passphrase() {
    let (j, pass) = encrypted_journal();
    let copy = j.dir.path().join("copy.db");
    j.kindly()
        .arg("--passphrase-file")
        .arg(&pass)
        .arg("backup")
        .arg("-o")
        .arg(&copy)
        .assert()
        .success();
    assert!(Store::is_encrypted(&copy), "the copy is encrypted too");
    assert_eq!(files_holding(j.dir.path(), SECRET), Vec::<PathBuf>::new());
    let out = kindly(&copy)
        .arg("--passphrase-file")
        .arg(&pass)
        .arg("export")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["checkins"][0]["note"], SECRET);
}

#[test]
fn a_failed_export_report_or_backup_leaves_no_file_behind() {
    let j = TestJournal::new();
    save_journal(&j.db, &every_kind_of_record());
    let before: Vec<_> = std::fs::read_dir(j.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    let out_dir = j.dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    for args in [
        vec!["export", "--format", "json", "-o"],
        vec!["export", "--format", "md", "-o"],
        vec!["report", "--format", "html", "-o"],
        vec!["backup", "-o"],
    ] {
        let target = out_dir.join("written");
        let mut cmd = common::kindly_process(&j.db);
        cmd.args(&args).arg(&target);
        let out = with_file_limit(&mut cmd, 2048);
        let (code, err) = code_and_err(&out);
        assert_eq!(code, Some(1), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        let left: Vec<_> = std::fs::read_dir(&out_dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert!(left.is_empty(), "{args:?} left {left:?}");
    }
    let after: Vec<_> = std::fs::read_dir(j.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    let new: Vec<_> = after
        .iter()
        .filter(|n| !before.contains(n))
        .filter(|n| {
            !n.to_string_lossy().ends_with("-wal") && !n.to_string_lossy().ends_with("-shm")
        })
        .collect();
    assert_eq!(new, ["out"], "only the out folder is new");
    // With room on the disk, the same backup is whole, in a folder made for it.
    let copy = j.dir.path().join("new-folder").join("b.db");
    j.kindly()
        .args(["backup", "-o"])
        .arg(&copy)
        .assert()
        .success();
    assert_eq!(export(&copy)["checkins"], j.export()["checkins"]);
}

// 4. Writing over the journal.

#[test]
fn an_output_that_names_the_journal_is_refused() {
    let (j, _pass) = plain_journal();
    let before = std::fs::read(&j.db).unwrap();
    let link = j.dir.path().join("link.db");
    std::os::unix::fs::symlink(&j.db, &link).unwrap();
    let dotted = j.dir.path().join(".").join("k.db");
    let wal = j.dir.path().join("k.db-wal");
    for target in [&j.db, &dotted, &link, &wal] {
        for args in [
            vec!["export", "--format", "json", "-o"],
            vec!["export", "--format", "md", "-o"],
            vec!["report", "--format", "md", "-o"],
            vec!["backup", "-o"],
        ] {
            let out = j.kindly().args(&args).arg(target).output().unwrap();
            let (code, err) = code_and_err(&out);
            assert_eq!(code, Some(2), "{args:?} {}: {err}", target.display());
            assert!(err.contains("is your journal"), "{err}");
        }
    }
    assert_eq!(
        std::fs::read(&j.db).unwrap(),
        before,
        "the journal is as it was"
    );
    assert_eq!(j.export()["checkins"][0]["note"], SECRET);
}

// 5. A damaged journal takes no writes.

/// A ten-week journal with bytes scribbled over a page near its end.
fn damaged_journal() -> (TestJournal, Vec<u8>) {
    let j = TestJournal::new();
    j.kindly()
        .args(["demo", "--weeks", "10", "--fill-only"])
        .assert()
        .success();
    let mut bytes = std::fs::read(&j.db).unwrap();
    let page = bytes.len() - 3 * 4096;
    for b in &mut bytes[page + 8..page + 400] {
        *b ^= 0x5a;
    }
    std::fs::write(&j.db, &bytes).unwrap();
    let check = j.kindly().arg("check").output().unwrap();
    assert!(
        String::from_utf8_lossy(&check.stdout).contains("damaged"),
        "the test's damage must be real"
    );
    (j, bytes)
}

#[test]
fn a_damaged_journal_is_refused_for_writing_and_left_byte_for_byte() {
    let (j, bytes) = damaged_journal();
    let daylio = j.file(
        "d.csv",
        "full_date,date,weekday,time,mood,activities,note\n2024-03-14,a,b,09:00,good,walk,hi\n",
    );
    let commands: Vec<Vec<String>> = vec![
        vec!["checkin".into(), "--mood".into(), "5".into()],
        vec![
            "thought".into(),
            "--thought".into(),
            "I always get it wrong".into(),
        ],
        vec!["write".into()],
        vec![
            "import".into(),
            daylio.display().to_string(),
            "--from".into(),
            "daylio".into(),
        ],
    ];
    for args in commands {
        let out = j
            .kindly()
            .args(&args)
            .write_stdin("a page")
            .output()
            .unwrap();
        let (code, err) = code_and_err(&out);
        assert_eq!(code, Some(1), "{args:?}: {err}");
        assert!(err.contains("looks damaged"), "{args:?}: {err}");
        assert_eq!(
            std::fs::read(&j.db).unwrap(),
            bytes,
            "{args:?} changed the file"
        );
    }
}

#[test]
fn the_tui_on_a_damaged_journal_saves_nothing_and_keeps_the_words_on_screen() {
    let (j, bytes) = damaged_journal();
    let mut store = Store::open(&j.db).unwrap();
    store.verify_beside();
    let mut app = app_with(store, common::NOW);
    press(&mut app, &[ch('7'), ctrl('s')]);
    let notice = app.notice.clone().unwrap_or_default();
    assert!(notice.contains("looks damaged"), "{notice}");
    assert!(notice.contains("still here"), "{notice}");
    // Typing goes on; the draft can't be kept in the journal, and the screen says so.
    // Down to the note, past the journal's own measures' rows.
    use kindly::tui::panes::checkin::{Field, Focus};
    common::focus(&mut app, Focus::Field(Field::Note));
    press(
        &mut app,
        &[common::key(ratatui::crossterm::event::KeyCode::Enter)],
    );
    typed(&mut app, "words that must not be lost");
    assert!(app.autosave(), "a line says the draft couldn't be kept");
    assert!(app.autosave_due().is_some(), "and autosave will try again");
    assert!(common::text(&app, 80, 24).contains("words that must not be lost"));
    assert!(app.keep_drafts().is_err());
    let kept = app.keep_drafts_aside();
    assert_eq!(kept.len(), 1);
    assert!(
        std::fs::read_to_string(&kept[0])
            .unwrap()
            .contains("words that must not be lost")
    );
    drop(app);
    assert_eq!(
        std::fs::read(&j.db).unwrap(),
        bytes,
        "the journal is as it was"
    );
}

// 8. Escape sequences never reach a terminal through reading formats.

#[test]
fn markdown_csv_and_report_show_escape_sequences_visibly() {
    let j = TestJournal::new();
    let hostile = "copy this \u{1b}]52;c;SGVsbG8=\u{7} and \u{1b}[31mred\u{1b}[0m, nul \u{0} here";
    j.kindly()
        .args([
            "checkin",
            "--mood",
            "4",
            "--emotions",
            "calm",
            "--note",
            "-",
        ])
        .write_stdin(hostile)
        .assert()
        .success();
    j.kindly()
        .args([
            "thought",
            "--thought",
            &hostile.replace('\u{0}', ""),
            "--voice",
            "\u{1b}[2J",
        ])
        .assert()
        .success();
    let md = j
        .kindly()
        .args(["export", "--format", "md"])
        .output()
        .unwrap()
        .stdout;
    let csv = j.dir.path().join("csv");
    j.kindly()
        .args(["export", "--format", "csv", "-o"])
        .arg(&csv)
        .assert()
        .success();
    let report = j.dir.path().join("r.md");
    j.kindly()
        .args(["report", "--format", "md", "--include-notes", "-o"])
        .arg(&report)
        .assert()
        .success();
    let html = j.dir.path().join("r.html");
    j.kindly()
        .args(["report", "--format", "html", "--include-notes", "-o"])
        .arg(&html)
        .assert()
        .success();
    let mut outputs = vec![("markdown export".to_string(), md)];
    for f in std::fs::read_dir(&csv).unwrap().flatten() {
        outputs.push((
            f.path().display().to_string(),
            std::fs::read(f.path()).unwrap(),
        ));
    }
    outputs.push(("report".into(), std::fs::read(&report).unwrap()));
    outputs.push(("html report".into(), std::fs::read(&html).unwrap()));
    for (name, bytes) in &outputs {
        assert!(!bytes.contains(&0x1b), "{name} holds a raw ESC");
        assert!(!bytes.contains(&0x07), "{name} holds a raw BEL");
        assert!(!bytes.contains(&0), "{name} holds a raw NUL");
    }
    let md = String::from_utf8(outputs[0].1.clone()).unwrap();
    assert!(md.contains("␛]52;c;SGVsbG8=␇"), "{md}");
    // JSON stays exact.
    assert_eq!(j.export()["checkins"][0]["note"], hostile);
}

// 9. A draft from another version never locks the TUI.

#[test]
fn a_draft_from_another_version_opens_with_its_words_kept_aside() {
    let j = TestJournal::new();
    let mut store = j.store();
    store
        .save_draft(
            "checkin",
            &serde_json::json!({"mood": "seven", "note": {"text": "my words from before"}}),
        )
        .unwrap();
    store
        .save_draft(
            "entry",
            &serde_json::json!({"kind": "poem", "body": "a page I wrote"}),
        )
        .unwrap();
    drop(store);
    let app = app_with(j.store(), common::NOW);
    let notice = app.notice.clone().unwrap_or_default();
    assert!(
        notice.contains("kept, word for word, in kindly-kept-aside/"),
        "{notice}"
    );
    let kept = j.dir.path().join("kindly-kept-aside");
    let texts: Vec<String> = std::fs::read_dir(&kept)
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert_eq!(texts.len(), 2);
    assert!(texts.iter().any(|t| t.contains("my words from before")));
    assert!(texts.iter().any(|t| t.contains("a page I wrote")));
}

#[test]
fn a_draft_from_another_version_never_stops_the_screen_opening() {
    let j = TestJournal::new();
    j.store()
        .save_draft(
            "thought",
            &serde_json::json!({"step": "Somewhere", "thought": 12}),
        )
        .unwrap();
    let pane = Pane::start("odd-draft", j.dir.path(), &j.db, (80, 24));
    pane.wait_for("kindly-kept-aside/");
    pane.keys(&["q"]);
    let (exit, _) = pane.wait_exit();
    assert_eq!(exit, "0");
}

#[test]
fn a_draft_missing_fields_a_later_kindly_added_reads_as_it_is() {
    let j = TestJournal::new();
    j.store()
        .save_draft(
            "checkin",
            &serde_json::json!({"mood": 6, "note": "half a thought", "sleep": 7}),
        )
        .unwrap();
    let app = app_with(j.store(), common::NOW);
    let said = app.notice.clone().unwrap_or_default();
    // Said with when it was written.
    assert!(
        said.starts_with("Your unsaved check-in is back, just as you left it "),
        "{said}"
    );
    assert!(common::text(&app, 80, 24).contains("half a thought"));
}

// 10. The smaller ones.

#[test]
fn readers_leave_a_journal_copy_exactly_as_it_is() {
    let j = TestJournal::new();
    save_journal(&j.db, &every_kind_of_record());
    let copy = j.dir.path().join("copy.db");
    j.kindly()
        .args(["backup", "-o"])
        .arg(&copy)
        .assert()
        .success();
    let bytes = std::fs::read(&copy).unwrap();
    for args in [
        vec!["export"],
        vec!["search", "hopeless"],
        vec!["trends", "--weeks", "4"],
        vec!["status"],
    ] {
        let out = kindly(&copy).args(&args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(std::fs::read(&copy).unwrap(), bytes, "not a byte changed");
    assert_eq!(
        bytes[18], 1,
        "still in rollback mode: the journal mode was never switched"
    );
    assert!(!j.dir.path().join("copy.db-wal").exists());
}

#[test]
fn a_mistyped_path_for_a_reader_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("jornal").join("k.db");
    for args in [
        vec!["export"],
        vec!["search", "walk"],
        vec!["trends"],
        vec!["report", "--format", "md", "-o", "r.md"],
    ] {
        let out = kindly(&typo)
            .args(&args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        let (code, err) = code_and_err(&out);
        assert_eq!(code, Some(1), "{args:?}: {err}");
        assert!(err.contains("no journal at"), "{err}");
    }
    assert!(!dir.path().join("jornal").exists(), "no folder, no journal");
    assert!(!dir.path().join("r.md").exists());
}

#[test]
fn a_newer_wal_journal_is_refused_without_a_side_file() {
    let j = TestJournal::new();
    j.kindly()
        .args(["checkin", "--mood", "5"])
        .assert()
        .success();
    rusqlite::Connection::open(&j.db)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let bytes = std::fs::read(&j.db).unwrap();
    assert_eq!(bytes[18], 2, "the file is in WAL mode");
    for args in [vec!["checkin", "--mood", "5"], vec!["export"]] {
        let out = j.kindly().args(&args).output().unwrap();
        let (code, err) = code_and_err(&out);
        assert_eq!(code, Some(1), "{err}");
        assert!(err.contains("newer kindly"), "{err}");
    }
    assert_eq!(std::fs::read(&j.db).unwrap(), bytes);
    assert!(!j.dir.path().join("k.db-wal").exists());
    assert!(!j.dir.path().join("k.db-shm").exists());
}

#[test]
fn a_random_file_is_not_taken_for_an_encrypted_journal() {
    let j = TestJournal::new();
    let noise: Vec<u8> = (0..5000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&j.db, &noise).unwrap();
    let out = j.kindly().arg("export").output().unwrap();
    let (code, err) = code_and_err(&out);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("not a kindly database"), "{err}");
    assert!(!err.contains("encrypted"), "{err}");
}

#[test]
fn import_counts_read_as_plain_english() {
    let j = TestJournal::new();
    let entries: Vec<serde_json::Value> = (1..=4)
        .map(|i| serde_json::json!({"title": format!("Day {i}"), "body": "words", "date": format!("2024-03-0{i}"), "time": "09:00", "tags": [], "starred": false}))
        .collect();
    let file = j.file(
        "jrnl.json",
        serde_json::json!({"tags": {}, "entries": entries}).to_string(),
    );
    let out = j
        .kindly()
        .arg("import")
        .arg(&file)
        .args(["--from", "jrnl"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("4 journal pages or letters"), "{said}");
    let _ = export(&j.db);
}
