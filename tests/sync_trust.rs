//! Sync you can trust, each defect in the shape it was found: the real binary on journals
//! sharing a real folder, with files forged, damaged and deleted, the same record edited on
//! two computers, and journals copied or restored.

use std::path::{Path, PathBuf};

mod common;
use common::{TestJournal, kindly, ok, two};

/// Saves a check-in and returns its id.
fn checkin(db: &Path, mood: &str, note: &str) -> String {
    let out = ok(db, &["checkin", "--mood", mood, "--note", note]);
    let export = common::export(db);
    let _ = out;
    export["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["note"] == note)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

fn notes(db: &Path) -> Vec<String> {
    let e = common::export(db);
    let mut out: Vec<String> = e["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["note"].as_str().map(str::to_string))
        .collect();
    out.sort();
    out
}

/// Every check-in note, the trash's too (where kept copies wait).
fn all_notes(db: &Path) -> Vec<String> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut stmt = c
        .prepare("SELECT note FROM checkins WHERE note IS NOT NULL ORDER BY note")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn device_files(folder: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dev in std::fs::read_dir(folder.join("devices")).unwrap().flatten() {
        for f in std::fs::read_dir(dev.path()).unwrap().flatten() {
            if f.path().extension().is_some_and(|e| e == "kindly") {
                out.push(f.path());
            }
        }
    }
    out.sort();
    out
}

fn sql(db: &Path, statement: &str) {
    let c = rusqlite::Connection::open(db).unwrap();
    c.execute_batch(statement).unwrap();
}

#[test]
fn a_file_written_with_only_the_public_key_is_never_applied_and_is_named() {
    let t = two();
    let marker: serde_json::Value =
        serde_json::from_slice(&std::fs::read(t.folder.join("kindly-sync.json")).unwrap()).unwrap();
    let recipient: age::x25519::Recipient = marker["recipient"].as_str().unwrap().parse().unwrap();
    let device = "5b0c7a3e-1111-4222-8333-444455556666";
    let change = serde_json::json!({
        "kindly_sync": 2, "device": device, "name": "someone", "seq": 1,
        "written_at": "2026-12-01T09:00:00.000Z",
        "records": [{"kind": "checkin", "hlc": 9_223_372_036_854_775_807i64, "device": device,
            "record": {"id": "0b0c7a3e-1111-4222-8333-444455556666", "at": "2026-12-01T09:00:00+00:00",
                       "mood": 2, "note": "words nobody of yours wrote", "_trashed": false},
            "stamps": {}, "bases": {}}]
    });
    let sealed = age::encrypt(&recipient, change.to_string().as_bytes()).unwrap();
    let dir = t.folder.join("devices").join(device);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("0000000001.kindly"), sealed).unwrap();
    let said = ok(&t.b.db, &["sync"]);
    assert!(
        said.contains("1 file in the folder isn't from a computer of yours"),
        "{said}"
    );
    assert!(notes(&t.b.db).is_empty(), "a forged record was applied");
    let status = ok(&t.b.db, &["sync", "status"]);
    assert!(
        status.contains("isn't from a computer of yours"),
        "{status}"
    );
    // The journal's clock was never pushed: saving still works, here and after an exchange.
    checkin(&t.b.db, "6", "still saving");
    ok(&t.b.db, &["sync"]);
    checkin(&t.b.db, "6", "and again");
}

#[test]
fn a_version_dated_far_ahead_is_left_out_and_saving_goes_on() {
    let t = two();
    // Computer A's clock runs three days fast.
    sql(
        &t.a.db,
        "UPDATE sync_me SET hlc = CAST((julianday('now') - 2440587.5 + 3) * 86400000 AS INTEGER) * 65536",
    );
    checkin(&t.a.db, "5", "written on a fast clock");
    ok(&t.a.db, &["sync"]);
    let said = ok(&t.b.db, &["sync"]);
    assert!(said.contains("1 record was left out"), "{said}");
    assert!(notes(&t.b.db).is_empty());
    checkin(&t.b.db, "6", "saved after");
    assert_eq!(notes(&t.b.db), vec!["saved after"]);
}

#[test]
fn a_damaged_file_is_named_and_healed_by_the_computer_that_has_its_records() {
    let t = two();
    checkin(&t.a.db, "7", "a walk by the estuary");
    ok(&t.a.db, &["sync"]);
    let files = device_files(&t.folder);
    assert_eq!(files.len(), 1);
    let bytes = std::fs::read(&files[0]).unwrap();
    std::fs::write(&files[0], &bytes[..bytes.len() - 40]).unwrap();
    let first = ok(&t.b.db, &["sync"]);
    assert!(first.contains("still being copied"), "{first}");
    let second = ok(&t.b.db, &["sync"]);
    assert!(
        second.contains("can't be opened (damaged on the way)"),
        "{second}"
    );
    assert!(notes(&t.b.db).is_empty());
    let healed = ok(&t.a.db, &["sync"]);
    assert!(
        healed.contains("again for a computer that was missing"),
        "{healed}"
    );
    ok(&t.b.db, &["sync"]);
    assert_eq!(notes(&t.b.db), vec!["a walk by the estuary"]);
}

#[test]
fn a_deleted_file_and_a_removed_device_folder_heal_at_the_next_exchange() {
    let t = two();
    checkin(&t.a.db, "7", "first");
    ok(&t.a.db, &["sync"]);
    ok(&t.b.db, &["sync"]);
    checkin(&t.a.db, "6", "second");
    ok(&t.a.db, &["sync"]);
    // The sync engine propagates a delete of A's newest file before B read it.
    let newest = device_files(&t.folder).pop().unwrap();
    std::fs::remove_file(newest).unwrap();
    ok(&t.b.db, &["sync"]);
    ok(&t.a.db, &["sync"]);
    ok(&t.b.db, &["sync"]);
    assert_eq!(notes(&t.b.db), vec!["first", "second"]);
    // Someone "cleans up" A's whole subfolder; a third computer joins later.
    for dev in std::fs::read_dir(t.folder.join("devices"))
        .unwrap()
        .flatten()
    {
        std::fs::remove_dir_all(dev.path()).unwrap();
    }
    let c = TestJournal::new();
    let (p, f) = (t.pass.to_str().unwrap(), t.folder.to_str().unwrap());
    ok(&c.db, &["sync", "join", f, "--sync-passphrase-file", p]);
    ok(&c.db, &["sync"]);
    ok(&t.b.db, &["sync"]);
    ok(&c.db, &["sync"]);
    assert_eq!(notes(&c.db), vec!["first", "second"]);
    let check = ok(&t.a.db, &["check"]);
    assert!(check.contains("healthy"), "{check}");
}

#[test]
fn mood_on_one_computer_and_a_sentence_on_the_other_both_survive() {
    let t = two();
    let id = checkin(&t.a.db, "5", "Walked to the shop.");
    ok(&t.a.db, &["sync"]);
    ok(&t.b.db, &["sync"]);
    // Desktop changes the mood; laptop adds a sentence; both before seeing the other.
    sql(
        &t.a.db,
        &format!("UPDATE checkins SET mood = 8, updated_at = updated_at WHERE id = '{id}'"),
    );
    sql(
        &t.b.db,
        &format!(
            "UPDATE checkins SET note = 'Walked to the shop. It rained on the way back.' WHERE id = '{id}'"
        ),
    );
    ok(&t.a.db, &["sync"]);
    ok(&t.b.db, &["sync"]);
    ok(&t.a.db, &["sync"]);
    for j in [&t.a, &t.b] {
        let e = j.export();
        let c = &e["checkins"][0];
        assert_eq!(c["mood"], 8);
        assert_eq!(c["note"], "Walked to the shop. It rained on the way back.");
    }
    assert_eq!(t.a.export(), t.b.export());
}

#[test]
fn a_page_rewritten_on_one_computer_and_renamed_on_the_other_keeps_both() {
    let t = two();
    let out = kindly(&t.a.db)
        .args(["write", "--title", "Sunday"])
        .write_stdin("First paragraph.\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    ok(&t.a.db, &["sync"]);
    ok(&t.b.db, &["sync"]);
    sql(&t.a.db, "UPDATE entries SET title = 'A slow Sunday'");
    sql(
        &t.b.db,
        "UPDATE entries SET body = 'First paragraph.\n\nA second paragraph, written on the laptop.'",
    );
    ok(&t.a.db, &["sync"]);
    ok(&t.b.db, &["sync"]);
    ok(&t.a.db, &["sync"]);
    for j in [&t.a, &t.b] {
        let e = j.export();
        let page = &e["entries"][0];
        assert_eq!(page["title"], "A slow Sunday");
        assert!(
            page["body"]
                .as_str()
                .unwrap()
                .contains("A second paragraph, written on the laptop.")
        );
    }
}

#[test]
fn the_same_sentence_changed_two_ways_keeps_both_and_says_so() {
    let t = two();
    let id = checkin(&t.a.db, "5", "Today was.");
    ok(&t.a.db, &["sync"]);
    ok(&t.b.db, &["sync"]);
    sql(
        &t.a.db,
        &format!("UPDATE checkins SET note = 'Today was long.' WHERE id = '{id}'"),
    );
    sql(
        &t.b.db,
        &format!("UPDATE checkins SET note = 'Today was lovely.' WHERE id = '{id}'"),
    );
    ok(&t.a.db, &["sync"]);
    let said = ok(&t.b.db, &["sync"]);
    assert!(said.contains("both versions are kept"), "{said}");
    ok(&t.a.db, &["sync"]);
    for j in [&t.a, &t.b] {
        let all = all_notes(&j.db);
        assert!(all.contains(&"Today was long.".to_string()), "{all:?}");
        assert!(all.contains(&"Today was lovely.".to_string()), "{all:?}");
    }
    assert_eq!(t.a.export(), t.b.export());
}

#[test]
fn a_journal_copied_to_a_new_computer_takes_its_own_id_and_both_see_each_other() {
    let t = two();
    checkin(&t.a.db, "6", "before the move");
    ok(&t.a.db, &["sync"]);
    // The natural way to move: a backup, opened on the new laptop.
    let copy = t.dir.path().join("laptop.db");
    ok(&t.a.db, &["backup", "-o", copy.to_str().unwrap()]);
    checkin(&copy, "7", "on the new laptop");
    ok(&copy, &["sync"]);
    checkin(&t.a.db, "4", "on the old desktop");
    let said = ok(&t.a.db, &["sync"]);
    assert!(said.contains("copied or restored"), "{said}");
    ok(&copy, &["sync"]);
    ok(&t.b.db, &["sync"]);
    ok(&t.a.db, &["sync"]);
    let want = vec![
        "before the move".to_string(),
        "on the new laptop".to_string(),
        "on the old desktop".to_string(),
    ];
    assert_eq!(notes(&t.a.db), want);
    assert_eq!(notes(&copy), want);
    assert_eq!(notes(&t.b.db), want);
}

#[test]
fn a_journal_restored_from_its_own_older_backup_gets_back_what_it_wrote_after() {
    let t = two();
    checkin(&t.a.db, "6", "kept in the backup");
    ok(&t.a.db, &["sync"]);
    let backup = t.dir.path().join("old.db");
    ok(&t.a.db, &["backup", "-o", backup.to_str().unwrap()]);
    checkin(&t.a.db, "3", "written after the backup");
    ok(&t.a.db, &["sync"]);
    // The disk fails; the backup is restored by copying it over the journal.
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", t.a.db.display()));
    }
    std::fs::copy(&backup, &t.a.db).unwrap();
    ok(&t.a.db, &["sync"]);
    assert_eq!(
        notes(&t.a.db),
        vec!["kept in the backup", "written after the backup"]
    );
}

#[test]
fn the_folder_never_shows_a_word_and_a_no_op_exchange_writes_nothing() {
    let t = two();
    checkin(&t.a.db, "7", "estuaryword");
    ok(&t.a.db, &["sync"]);
    ok(&t.b.db, &["sync"]);
    ok(&t.a.db, &["sync"]);
    ok(&t.b.db, &["sync"]);
    let before: Vec<(PathBuf, u64)> = walk(&t.folder)
        .into_iter()
        .map(|p| {
            let len = std::fs::metadata(&p).unwrap().len();
            (p, len)
        })
        .collect();
    for (p, _) in &before {
        let bytes = std::fs::read(p).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("estuaryword"),
            "{} shows journal text",
            p.display()
        );
    }
    assert_eq!(
        ok(&t.a.db, &["sync"]).trim(),
        "Sent 0 records, received 0 records."
    );
    let after: Vec<(PathBuf, u64)> = walk(&t.folder)
        .into_iter()
        .map(|p| {
            let len = std::fs::metadata(&p).unwrap().len();
            (p, len)
        })
        .collect();
    assert_eq!(before, after);
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out.sort();
    out
}

#[test]
fn a_file_numbered_with_the_highest_number_doesnt_push_the_count_to_its_end() {
    let t = two();
    checkin(&t.b.db, "5", "before");
    ok(&t.b.db, &["sync"]);
    let own = device_files(&t.folder)[0].parent().unwrap().to_path_buf();
    std::fs::write(own.join("9999999999.kindly"), b"placed by someone").unwrap();
    checkin(&t.b.db, "6", "after the big number");
    let said = ok(&t.b.db, &["sync"]);
    assert!(said.starts_with("Sent 1 record"), "{said}");
    assert!(own.join("0000000002.kindly").is_file());
    ok(&t.a.db, &["sync"]);
    assert_eq!(notes(&t.a.db), vec!["after the big number", "before"]);
}

#[test]
fn a_folder_this_computer_cant_write_still_brings_the_others_records() {
    let t = two();
    checkin(&t.a.db, "7", "from the desktop");
    ok(&t.a.db, &["sync"]);
    // Where B's own subfolder would go stands something it can't write into.
    let b_device = t.b.store().sync_me().unwrap().unwrap().device;
    let b_dir = t.folder.join("devices").join(&b_device);
    let _ = std::fs::remove_dir_all(&b_dir);
    std::fs::write(&b_dir, b"in the way").unwrap();
    checkin(&t.b.db, "4", "from the laptop");
    let said = ok(&t.b.db, &["sync"]);
    assert!(said.contains("received 1 record"), "{said}");
    assert_eq!(notes(&t.b.db), vec!["from the desktop", "from the laptop"]);
    // Its own change waits, and goes once the folder can be written again.
    std::fs::remove_file(t.folder.join("devices").join(&b_device)).unwrap();
    ok(&t.b.db, &["sync"]);
    ok(&t.a.db, &["sync"]);
    assert_eq!(notes(&t.a.db), vec!["from the desktop", "from the laptop"]);
}

#[test]
fn a_record_dated_in_year_9999_is_left_out() {
    let t = two();
    let id = checkin(&t.a.db, "5", "from far ahead");
    sql(
        &t.a.db,
        &format!(
            "UPDATE checkins SET at = '9999-01-01T09:00:00+00:00', at_utc = 253370797200, day = '9999-01-01' WHERE id = '{id}'"
        ),
    );
    ok(&t.a.db, &["sync"]);
    let said = ok(&t.b.db, &["sync"]);
    assert!(said.contains("1 record was left out"), "{said}");
    assert!(notes(&t.b.db).is_empty());
}

#[test]
fn sync_repair_writes_everything_again_for_a_folder_that_lost_it() {
    let t = two();
    assert_eq!(
        ok(&t.a.db, &["sync", "repair"]),
        "Nothing to write again yet: anything not sent so far goes with the next `kindly sync`.\n"
    );
    checkin(&t.a.db, "6", "kept safe");
    ok(&t.a.db, &["sync"]);
    for f in device_files(&t.folder) {
        std::fs::remove_file(f).unwrap();
    }
    let said = ok(&t.a.db, &["sync", "repair"]);
    assert!(
        said.starts_with("Wrote the 1 record this journal holds"),
        "{said}"
    );
    ok(&t.b.db, &["sync"]);
    assert_eq!(notes(&t.b.db), vec!["kept safe"]);
}
