//! Moving in and out: the lossless round trip, Daylio and jrnl imports, CSV and Markdown
//! exports, and the online backup.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use kindly::domain::*;
use kindly::store::Store;

mod common;
use common::{every_kind_of_record, export_bytes as export, kindly, save_journal};

fn at(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(s).unwrap()
}

fn count(db: &Path) -> usize {
    let doc: serde_json::Value = serde_json::from_slice(&export(db)).unwrap();
    ["checkins", "thoughts", "entries", "breaks", "session"]
        .iter()
        .map(|k| doc[k].as_array().unwrap().len())
        .sum()
}

#[test]
fn export_import_export_is_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    save_journal(&a, &every_kind_of_record());
    let first = export(&a);
    let file = dir.path().join("export.json");
    std::fs::write(&file, &first).unwrap();
    let b = dir.path().join("b.db");
    let out = kindly(&b)
        .arg("import")
        .arg(&file)
        .args(["--from", "kindly"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("9 records in the file (2 check-ins, 1 thought record, 2 journal pages or letters, 2 breaks, 2 things to bring to a session): added 9, unchanged 0."));
    let second = export(&b);
    assert_eq!(
        String::from_utf8(second).unwrap(),
        String::from_utf8(first).unwrap()
    );
}

#[test]
fn importing_the_same_file_twice_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    save_journal(&a, &every_kind_of_record());
    let file = dir.path().join("export.json");
    std::fs::write(&file, export(&a)).unwrap();
    let b = dir.path().join("b.db");
    kindly(&b)
        .arg("import")
        .arg(&file)
        .args(["--from", "kindly"])
        .assert()
        .success();
    let out = kindly(&b)
        .arg("import")
        .arg(&file)
        .args(["--from", "kindly"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(": added 0, unchanged 9."),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(count(&b), 9);
}

#[test]
fn a_dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    save_journal(&a, &every_kind_of_record());
    let file = dir.path().join("export.json");
    std::fs::write(&file, export(&a)).unwrap();
    let b = dir.path().join("b.db");
    kindly(&b)
        .args(["checkin", "--mood", "5"])
        .assert()
        .success();
    let out = kindly(&b)
        .arg("import")
        .arg(&file)
        .args(["--from", "kindly", "--dry-run"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains(": would add 9, unchanged 0. Nothing was written.")
    );
    assert_eq!(count(&b), 1);
}

fn daylio(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn import_daylio(db: &Path, file: &Path, extra: &[&str]) -> std::process::Output {
    kindly(db)
        .arg("import")
        .arg(file)
        .args(["--from", "daylio"])
        .args(extra)
        .output()
        .unwrap()
}

fn checkins(db: &Path) -> Vec<serde_json::Value> {
    let doc: serde_json::Value = serde_json::from_slice(&export(db)).unwrap();
    doc["checkins"].as_array().unwrap().clone()
}

#[test]
fn daylio_with_note_title_bom_and_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let file = daylio(
        dir.path(),
        "daylio.csv",
        "\u{feff}full_date,date,weekday,time,mood,activities,note_title,note\r\n\
         2026-03-14,March 14,Saturday,9:05 pm,rad,walk | friends,Good day,\"We said \"\"hello\"\", then\r\nwalked, laughed\"\r\n\
         2026-03-14,March 14,Saturday,08:30,Meh,,,\r\n",
    );
    let db = dir.path().join("k.db");
    let out = import_daylio(&db, &file, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cs = checkins(&db);
    assert_eq!(cs.len(), 2, "several entries on one day");
    assert_eq!(cs[0]["mood"], 5, "meh, case-insensitive");
    assert!(
        cs[0]["at"]
            .as_str()
            .unwrap()
            .starts_with("2026-03-14T08:30:00")
    );
    assert_eq!(cs[1]["mood"], 10);
    assert!(
        cs[1]["at"]
            .as_str()
            .unwrap()
            .starts_with("2026-03-14T21:05:00"),
        "9:05 pm"
    );
    assert_eq!(cs[1]["rituals"], serde_json::json!(["walk", "friends"]));
    assert_eq!(
        cs[1]["note"],
        "Good day\nWe said \"hello\", then\nwalked, laughed"
    );
}

#[test]
fn daylio_older_header_without_note_title() {
    let dir = tempfile::tempdir().unwrap();
    let file = daylio(
        dir.path(),
        "old.csv",
        "full_date,date,weekday,time,mood,activities,note\n2025-12-31,Dec 31,Wednesday,23:59,awful,sleep,\"last, one\"\n",
    );
    let db = dir.path().join("k.db");
    assert!(import_daylio(&db, &file, &[]).status.success());
    let cs = checkins(&db);
    assert_eq!(cs[0]["mood"], 1);
    assert_eq!(cs[0]["note"], "last, one");
}

#[test]
fn daylio_newer_header_with_scales() {
    let dir = tempfile::tempdir().unwrap();
    let file = daylio(
        dir.path(),
        "new.csv",
        "full_date,date,weekday,time,mood,activities,note_title,note,scales\n2026-01-02,Jan 2,Friday,07:15 am,good,,,,\"sleep:4\"\n",
    );
    let db = dir.path().join("k.db");
    assert!(import_daylio(&db, &file, &[]).status.success());
    assert_eq!(checkins(&db)[0]["mood"], 8);
    assert!(checkins(&db)[0]["note"].is_null());
}

#[test]
fn unmapped_moods_are_listed_with_counts_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = daylio(
        dir.path(),
        "custom.csv",
        "full_date,date,weekday,time,mood,activities,note\n\
         2026-01-01,a,b,10:00,content,,\n2026-01-02,a,b,10:00,content,,\n2026-01-03,a,b,10:00,Not so good,,\n2026-01-04,a,b,10:00,good,,\n",
    );
    let db = dir.path().join("k.db");
    let out = import_daylio(&db, &file, &[]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("\"Not so good\" (1 row)") && err.contains("\"content\" (2 rows)"),
        "{err}"
    );
    assert!(
        err.contains("--mood-map \"Not so good=N,content=N\""),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
    assert!(!db.exists(), "nothing written");
    let out = import_daylio(&db, &file, &["--mood-map", "content=7,not so good=4"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let moods: Vec<_> = checkins(&db)
        .iter()
        .map(|c| c["mood"].as_u64().unwrap())
        .collect();
    assert_eq!(moods, [7, 7, 4, 8]);
}

/// Runs an import that must fail: exit 2, the place named, and the journal unchanged.
fn malformed(from: &str, content: &[u8], needle: &str) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args(["checkin", "--mood", "5"])
        .assert()
        .success();
    let file = dir.path().join("bad");
    std::fs::write(&file, content).unwrap();
    let out = kindly(&db)
        .arg("import")
        .arg(&file)
        .args(["--from", from])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{from}: {err}");
    assert!(err.contains(needle), "{from}: expected '{needle}' in {err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(count(&db), 1, "nothing written");
}

#[test]
fn malformed_files_name_the_line_and_write_nothing() {
    let header = "full_date,date,weekday,time,mood,activities,note\n";
    malformed(
        "daylio",
        format!("{header}2026-01-01,a,b,10:00,good,\n").as_bytes(),
        "line 2: the row has 6 fields, but the header has 7",
    );
    malformed(
        "daylio",
        format!("{header}2026-01-01,a,b,10:00,good,,\n2026-13-45,a,b,10:00,good,,\n").as_bytes(),
        "line 3: full_date '2026-13-45' is not a date",
    );
    malformed(
        "daylio",
        format!("{header}2026-01-01,a,b,teatime,good,,\n").as_bytes(),
        "line 2: time 'teatime'",
    );
    malformed(
        "daylio",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe",
        "line 1",
    );
    malformed(
        "daylio",
        b"name,age\nbob,3\n",
        "doesn't look like a Daylio export",
    );
    malformed(
        "kindly",
        b"{\"format\": \"kindly\", \"version\": 1,\n \"checkins\": [{\"id\": \"7d3c0c64-36f3-4c9e-8f5d-0d7c1c5b4a11\",\n \"at\": \"2026-01-01T09:00:00+00:00\", \"mood\": \"seven\"}]}",
        "line 3",
    );
    malformed(
        "kindly",
        b"{\"format\": \"kindly\", \"version\": 1, \"checkins\": [{\"id\": \"7d3c0c64-36f3-4c9e-8f5d-0d7c1c5b4a11\", \"at\": \"2026-01-01T09:00:00+00:00\", \"mood\": 11}]}",
        "checkins[0]: mood is a whole number from 1 to 10",
    );
    malformed(
        "kindly",
        b"{\"format\": \"kindly\", \"version\": 1, \"checkins\": [{\"id\": ",
        "ends too soon",
    );
    malformed(
        "kindly",
        b"{\"format\": \"kindly\", \"version\": 9}",
        "newer kindly (version 9",
    );
    malformed(
        "kindly",
        b"{\"format\": \"daylio\", \"version\": 1}",
        "isn't a kindly export",
    );
    malformed("kindly", b"\x00\x01\x02\xff", "isn't text");
    malformed("jrnl", b"{\"entries\": [{\"title\": \"x\", \"body\": \"\", \"date\": \"yesterday\", \"time\": \"10:00\"}]}", "entries[0]: date 'yesterday'");
}

#[test]
fn a_jrnl_export_becomes_tagged_journal_pages() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("jrnl.json");
    std::fs::write(
        &file,
        r#"{"tags": {"@work": 1}, "entries": [
            {"title": "Long day at @work.", "body": "Came home and rested.", "date": "2025-06-01", "time": "18:30", "tags": ["@work"], "starred": true, "extra": 1},
            {"title": "Just a title.", "body": "", "date": "2025-06-02", "time": "07:00", "tags": [], "starred": false}
        ]}"#,
    )
    .unwrap();
    let db = dir.path().join("k.db");
    let out = kindly(&db)
        .arg("import")
        .arg(&file)
        .args(["--from", "jrnl"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&export(&db)).unwrap();
    let e = &doc["entries"];
    assert_eq!(e[0]["kind"], "journal");
    assert_eq!(e[0]["title"], "Long day at @work.");
    assert_eq!(e[0]["body"], "Came home and rested.");
    assert_eq!(e[0]["tags"], serde_json::json!(["work", "starred"]));
    assert_eq!(e[1]["body"], "Just a title.");
    assert!(e[1]["title"].is_null());
    kindly(&db)
        .arg("import")
        .arg(&file)
        .args(["--from", "jrnl"])
        .assert()
        .success();
    assert_eq!(
        count(&db),
        2,
        "jrnl ids are stable, so a second import adds nothing"
    );
}

#[test]
fn csv_export_writes_one_private_file_per_kind_with_proper_quoting() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    save_journal(&db, &every_kind_of_record());
    let out_dir = dir.path().join("csv");
    std::fs::create_dir(&out_dir).unwrap();
    kindly(&db)
        .args(["export", "--format", "csv", "-o"])
        .arg(&out_dir)
        .assert()
        .success();
    for name in ["checkins.csv", "thoughts.csv", "entries.csv", "breaks.csv"] {
        let path = out_dir.join(name);
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600,
            "{name}"
        );
    }
    let mut reader = csv::Reader::from_path(out_dir.join("checkins.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert!(
        rows[0][9].starts_with("She said \"it's fine\", then left;\nI cried"),
        "quotes, commas and newlines survive"
    );
    assert_eq!(&rows[0][4], "sad; tired; something new");
    // Four tables don't fit one stream: CSV always goes to a folder.
    let out = kindly(&db)
        .args(["export", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o DIR"));
}

#[test]
fn csv_export_to_a_folder_not_there_yet_makes_it_with_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    save_journal(&db, &every_kind_of_record());
    let out_dir = dir.path().join("exports").join("december");
    kindly(&db)
        .args(["export", "--format", "csv", "-o"])
        .arg(&out_dir)
        .assert()
        .success();
    let mode = std::fs::metadata(&out_dir).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "the folder is private");
    let mut names: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "breaks.csv",
            "checkins.csv",
            "entries.csv",
            "measures.csv",
            "thoughts.csv"
        ]
    );
    // A file where the folder should be is refused, and left alone.
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "mine").unwrap();
    let out = kindly(&db)
        .args(["export", "--format", "csv", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
}

#[test]
fn markdown_export_reads_by_day_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    save_journal(&db, &every_kind_of_record());
    let md = String::from_utf8(
        kindly(&db)
            .args(["export", "--format", "md"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let newest = md.find("## Thursday 26 November 2026").unwrap();
    let oldest = md.find("## Friday 20 November 2026").unwrap();
    assert!(newest < oldest, "{md}");
    assert!(md.contains("### 07:45 · check-in · mood 3"));
    assert!(md.contains("### 22:10 · letter: For \"later\""));
}

#[test]
fn a_backup_taken_while_another_writer_works_is_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let mut store = Store::open(&db).unwrap();
    let first: Vec<CheckIn> = (0..200)
        .map(|i| {
            CheckIn::new(
                at("2026-11-01T09:00:00+00:00") + chrono::Duration::minutes(i),
                Mood::new(5).unwrap(),
            )
        })
        .collect();
    store
        .save_journal(&kindly::domain::Journal {
            checkins: first.clone(),
            ..Default::default()
        })
        .unwrap();
    let writer_db = db.clone();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stop_writer = stop.clone();
    let writer = std::thread::spawn(move || {
        let mut s = Store::open(&writer_db).unwrap();
        let mut n = 0;
        while !stop_writer.load(std::sync::atomic::Ordering::Relaxed) {
            let c = CheckIn::new(
                at("2026-11-10T09:00:00+00:00") + chrono::Duration::seconds(n),
                Mood::new(6).unwrap(),
            );
            s.save_checkin(&c, None).unwrap();
            n += 1;
        }
        n
    });
    let copy = dir.path().join("backup.db");
    let out = kindly(&db)
        .arg("backup")
        .arg("-o")
        .arg(&copy)
        .output()
        .unwrap();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let written_meanwhile = writer.join().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(written_meanwhile > 0, "the writer really was writing");
    assert_eq!(
        std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let conn = rusqlite::Connection::open(&copy).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    drop(conn);
    let backed_up = Store::open(&copy)
        .unwrap()
        .checkins_between(None, None)
        .unwrap();
    let ids: std::collections::HashSet<_> = backed_up.iter().map(|c| c.id).collect();
    assert!(
        first.iter().all(|c| ids.contains(&c.id)),
        "every row committed before the backup is in it"
    );
    let again = kindly(&db)
        .arg("backup")
        .arg("-o")
        .arg(&copy)
        .output()
        .unwrap();
    assert_eq!(
        again.status.code(),
        Some(2),
        "an existing backup is never overwritten"
    );
}

#[test]
fn a_dry_run_against_a_new_journal_creates_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("d.csv");
    std::fs::write(
        &file,
        "full_date,date,weekday,time,mood,activities,note\n2026-01-01,a,b,10:00,good,walk,hi\n",
    )
    .unwrap();
    let db = dir.path().join("new.db");
    let out = kindly(&db)
        .arg("import")
        .arg(&file)
        .args(["--from", "daylio", "--dry-run"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with(
        "1 record in the file (1 check-in): would add 1, unchanged 0. Nothing was written."
    ));
    assert!(!db.exists());
}

#[test]
fn reimporting_never_overwrites_an_edit_made_in_kindly_and_takes_the_files_changes() {
    let j = common::TestJournal::new();
    let csv = |note_b: &str| {
        format!(
            "full_date,date,weekday,time,mood,activities,note\n2024-03-14,a,b,09:00,good,walk,first\n2024-03-15,a,b,10:00,meh,rest,\"{note_b}\"\n"
        )
    };
    let file = j.file("d.csv", csv("second"));
    let import = || {
        let out = kindly(&j.db)
            .arg("import")
            .arg(&file)
            .args(["--from", "daylio"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(import().contains("added 2, unchanged 0."));
    // The person edits the first check-in in kindly.
    let mut store = j.store();
    let mut first = store
        .checkins_between(None, None)
        .unwrap()
        .into_iter()
        .find(|c| c.note.as_deref() == Some("first"))
        .unwrap();
    first.set_note("first, and what I added later");
    store.save_checkin(&first, None).unwrap();
    drop(store);
    // Importing the same file again keeps the edit, and says so.
    let said = import();
    assert!(
        said.contains("added 0, unchanged 1, kept your 1 edit."),
        "{said}"
    );
    // Next month's export changed the second row: kindly's untouched copy takes it.
    std::fs::write(&file, csv("second, written again in Daylio  ")).unwrap();
    let said = import();
    assert!(said.contains("updated 1"), "{said}");
    assert!(said.contains("kept your 1 edit"), "{said}");
    let notes: Vec<String> = j
        .store()
        .checkins_between(None, None)
        .unwrap()
        .iter()
        .filter_map(|c| c.note.clone())
        .collect();
    assert!(
        notes.contains(&"first, and what I added later".to_string()),
        "{notes:?}"
    );
    assert!(
        notes.contains(&"second, written again in Daylio  ".to_string()),
        "trailing spaces are kept: {notes:?}"
    );
    assert_eq!(notes.len(), 2, "nothing doubled: {notes:?}");
    // The same file imported under another zone is the same records.
    let out = kindly(&j.db)
        .env("TZ", "America/Los_Angeles")
        .arg("import")
        .arg(&file)
        .args(["--from", "daylio"])
        .output()
        .unwrap();
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.contains("added 0"), "{said}");
}

#[test]
fn same_minute_rows_are_separate_records_and_a_repeated_file_adds_nothing() {
    let j = common::TestJournal::new();
    let file = j.file(
        "d.csv",
        "full_date,date,weekday,time,mood,activities,note\n2024-03-14,a,b,09:00,good,walk,one\n2024-03-14,a,b,09:00,bad,,two\n",
    );
    for expected in ["added 2, unchanged 0.", "added 0, unchanged 2."] {
        let out = kindly(&j.db)
            .arg("import")
            .arg(&file)
            .args(["--from", "daylio"])
            .output()
            .unwrap();
        let said = String::from_utf8(out.stdout).unwrap();
        assert!(said.contains(expected), "{said}");
    }
}

#[test]
fn a_record_dated_far_ahead_is_refused_as_the_cli_refuses_one() {
    // Found as: records dated in year 9999 arrived, then vanished from export and search.
    let j = common::TestJournal::new();
    let far = j.file(
        "far.json",
        r#"{"format":"kindly","version":1,"checkins":[
            {"id":"5f0c2a4e-8a3b-4c1d-9e2f-0a1b2c3d4e5f","at":"2026-11-29T08:00:00+01:00","mood":6},
            {"id":"6f0c2a4e-8a3b-4c1d-9e2f-0a1b2c3d4e5f","at":"9999-12-31T08:00:00+01:00","mood":6}]}"#,
    );
    let out = kindly(&j.db).arg("import").arg(&far).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("dated 9999-12-31 08:00"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert!(!j.db.exists(), "nothing written");
    // Within a day of the clock (another zone, a clock a little fast) is taken.
    let soon = (chrono::Utc::now() + chrono::Duration::hours(20)).to_rfc3339();
    let near = j.file(
        "near.jrnl.json",
        format!(
            r#"{{"format":"kindly","version":1,"checkins":[
            {{"id":"7f0c2a4e-8a3b-4c1d-9e2f-0a1b2c3d4e5f","at":"{soon}","mood":6}}]}}"#
        ),
    );
    let out = kindly(&j.db).arg("import").arg(&near).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
