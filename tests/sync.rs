//! One journal on every computer: journals sharing one sync folder, as separate `--db`
//! files, with the folder treated the way sync engines treat folders (files half copied,
//! duplicated as conflict copies, from a newer kindly, a folder gone, a folder restored
//! from an old backup), and a simulation of three journals in random order.

use std::path::{Path, PathBuf};

use kindly::domain::*;
use kindly::store::{Me, RecordKind, Store};
use kindly::sync;
use proptest::prelude::*;

mod common;
use common::{TestJournal, kindly, ok, run, two};

fn checkin(db: &Path, mood: &str, note: &str) -> String {
    ok(
        db,
        &[
            "checkin",
            "--mood",
            mood,
            "--note",
            note,
            "--rituals",
            "gardening",
        ],
    )
    .trim()
    .to_string()
}

fn export(j: &TestJournal) -> String {
    serde_json::to_string(&j.export()).unwrap()
}

#[test]
fn two_computers_hold_the_same_journal_after_exchanging() {
    let t = two();
    checkin(&t.a.db, "7", "a walk by the estuary");
    checkin(&t.b.db, "4", "a long day at the office");
    let said = ok(&t.a.db, &["sync"]);
    assert!(
        said.starts_with("Sent 1 record, received 0 records."),
        "{said}"
    );
    let said = ok(&t.b.db, &["sync"]);
    assert!(
        said.starts_with("Sent 1 record, received 1 record."),
        "{said}"
    );
    ok(&t.a.db, &["sync"]);
    assert_eq!(export(&t.a), export(&t.b));
    assert_eq!(t.a.export()["checkins"].as_array().unwrap().len(), 2);
    // Nothing new: nothing sent, nothing received, no new file.
    let files = count_files(&t.folder);
    assert_eq!(
        ok(&t.b.db, &["sync"]).trim(),
        "Sent 0 records, received 0 records."
    );
    assert_eq!(count_files(&t.folder), files);
}

fn count_files(folder: &Path) -> usize {
    walk(folder).len()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn nothing_in_the_folder_shows_a_word_a_label_or_a_mood() {
    let t = two();
    checkin(&t.a.db, "2", "estuary heron quietly");
    let out = kindly(&t.a.db)
        .args([
            "write",
            "--title",
            "Lighthouse letter",
            "--tags",
            "kindness",
        ])
        .write_stdin("Dear me, the lighthouse keeper says hello.")
        .output()
        .unwrap();
    assert!(out.status.success());
    ok(&t.a.db, &["sync"]);
    ok(&t.b.db, &["sync"]);
    for file in walk(&t.folder) {
        let bytes = std::fs::read(&file).unwrap();
        // Every run of printable characters, as `strings` finds them.
        let text: String = bytes
            .iter()
            .map(|b| {
                if b.is_ascii_graphic() || *b == b' ' {
                    *b as char
                } else {
                    '\n'
                }
            })
            .collect();
        for word in [
            "estuary",
            "heron",
            "gardening",
            "Lighthouse",
            "kindness",
            "mood",
            "note",
            "rituals",
            "checkin",
        ] {
            assert!(!text.contains(word), "{} shows '{word}'", file.display());
        }
        let mode = std::os::unix::fs::PermissionsExt::mode(
            &std::fs::metadata(&file).unwrap().permissions(),
        );
        assert_eq!(mode & 0o777, 0o600, "{}", file.display());
    }
}

#[test]
fn a_wrong_sync_passphrase_is_refused_and_nothing_is_written() {
    let t = two();
    let c = TestJournal::new();
    let wrong = c.file("wrong", "not the passphrase\n");
    checkin(&c.db, "5", "mine");
    let before = std::fs::read(&c.db).unwrap();
    let (code, _, err) = run(
        &c.db,
        &[
            "sync",
            "join",
            t.folder.to_str().unwrap(),
            "--sync-passphrase-file",
            wrong.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.lines().count(), 1);
    assert!(err.contains("doesn't open this folder's key"), "{err}");
    assert_eq!(
        std::fs::read(&c.db).unwrap(),
        before,
        "the journal is untouched"
    );
    assert_eq!(
        ok(&c.db, &["sync", "status"]).lines().next().unwrap(),
        "This journal doesn't sync. To start: kindly sync init DIR (a folder Syncthing, Dropbox or the like already syncs)."
    );
    // And a folder that is already one can't be made again.
    let (code, _, err) = run(
        &c.db,
        &[
            "sync",
            "init",
            t.folder.to_str().unwrap(),
            "--sync-passphrase-file",
            wrong.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("already a kindly sync folder; to share it, use `kindly sync join"),
        "{err}"
    );
}

#[test]
fn the_journal_itself_may_not_sit_in_the_sync_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Dropbox");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("kindly.db");
    let pass = dir.path().join("p");
    std::fs::write(&pass, "x\n").unwrap();
    let (code, _, err) = run(
        &db,
        &[
            "sync",
            "init",
            dir.path().to_str().unwrap(),
            "--sync-passphrase-file",
            pass.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("can damage it; keep the journal elsewhere"),
        "{err}"
    );
    assert!(!db.exists());
    assert!(!dir.path().join("kindly-sync.json").exists());
}

#[test]
fn the_config_can_say_where_the_folder_is_here_and_what_this_computer_is_called() {
    let t = two();
    checkin(&t.a.db, "7", "from a");
    ok(&t.a.db, &["sync"]);
    // On B the folder is mounted somewhere else.
    let moved = t.folder.with_file_name("mounted-elsewhere");
    std::fs::rename(&t.folder, &moved).unwrap();
    let config = t.b.file(
        "config.toml",
        format!(
            "sync_dir = \"{}\"\ndevice_name = \"desk\"\n",
            moved.display()
        ),
    );
    let out = kindly(&t.b.db)
        .env("KINDLY_CONFIG", &config)
        .arg("sync")
        .output()
        .unwrap();
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.contains("received 1 record"), "{said}");
    let out = kindly(&t.b.db)
        .env("KINDLY_CONFIG", &config)
        .args(["sync", "status"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("This computer: desk"), "{text}");
    assert!(
        text.contains(&format!("Sync folder: {}", moved.display())),
        "{text}"
    );
}

#[test]
fn status_names_the_folder_the_devices_and_what_waits_and_always_exits_0() {
    let t = two();
    checkin(&t.a.db, "7", "coffee");
    ok(&t.a.db, &["sync"]);
    ok(&t.b.db, &["sync"]);
    checkin(&t.b.db, "6", "tea");
    let text = ok(&t.b.db, &["sync", "status"]);
    assert!(
        text.contains(&format!("Sync folder: {}", t.folder.display())),
        "{text}"
    );
    assert!(text.contains("1 record waiting to be sent."), "{text}");
    assert!(text.contains("last wrote"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&t.b.db, &["sync", "status", "--format", "json"])).unwrap();
    assert_eq!(json["syncing"], true);
    assert_eq!(json["waiting"], 1);
    assert_eq!(json["devices"].as_array().unwrap().len(), 1);
    // A folder that has gone (unmounted): status still answers, exit 0.
    std::fs::rename(&t.folder, t.folder.with_extension("away")).unwrap();
    assert!(ok(&t.b.db, &["sync", "status"]).contains("(can't be reached just now)"));
    // An exchange changes nothing and says so in one calm line.
    let before = export(&t.b);
    let said = ok(&t.b.db, &["sync"]);
    assert!(said.contains("can't be reached just now"), "{said}");
    assert_eq!(export(&t.b), before);
    std::fs::rename(t.folder.with_extension("away"), &t.folder).unwrap();
    assert!(ok(&t.b.db, &["sync"]).starts_with("Sent 1 record"));
    // A journal that doesn't exist: status answers without making one, and an exchange is
    // refused without making one.
    let none = TestJournal::new();
    ok(&none.db, &["sync", "status"]);
    let (code, _, err) = run(&none.db, &["sync"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("there's no journal at"), "{err}");
    assert!(!none.db.exists());
    // Nor one that isn't a sync folder.
    let plain = tempfile::tempdir().unwrap();
    let pass = none.file("p", "x\n");
    let (code, _, err) = run(
        &none.db,
        &[
            "sync",
            "join",
            plain.path().to_str().unwrap(),
            "--sync-passphrase-file",
            pass.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("isn't a kindly sync folder"), "{err}");
    assert!(!none.db.exists(), "a refused join makes no journal");
}

#[test]
fn half_copied_files_wait_and_conflict_copies_are_harmless() {
    let t = two();
    checkin(&t.a.db, "7", "first");
    ok(&t.a.db, &["sync"]);
    // B sees a file still arriving: half of A's next change, under its final name.
    checkin(&t.a.db, "8", "second");
    ok(&t.a.db, &["sync"]);
    let a_dir = walk(&t.folder.join("devices"))
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("0000000002"))
        .find(|p| !p.starts_with(t.folder.join("devices").join("x")))
        .unwrap();
    let whole = std::fs::read(&a_dir).unwrap();
    std::fs::write(&a_dir, &whole[..whole.len() / 2]).unwrap();
    let said = ok(&t.b.db, &["sync"]);
    assert!(
        said.contains("1 file is still being copied into the folder, left for next time."),
        "{said}"
    );
    assert_eq!(t.b.export()["checkins"].as_array().unwrap().len(), 1);
    // The copy finishes; a sync engine also leaves a conflict copy of the first file.
    std::fs::write(&a_dir, &whole).unwrap();
    let first = a_dir.with_file_name("0000000001.kindly");
    std::fs::copy(
        &first,
        a_dir.with_file_name("0000000001.sync-conflict-20261202-101010-ABCDEFG.kindly"),
    )
    .unwrap();
    std::fs::copy(
        &first,
        a_dir.with_file_name("0000000001 (conflicted copy 2026-12-02).kindly"),
    )
    .unwrap();
    let said = ok(&t.b.db, &["sync"]);
    assert!(said.contains("received 1 record"), "{said}");
    assert_eq!(export(&t.a), export(&t.b));
}

#[test]
fn a_file_from_a_newer_kindly_is_left_for_it() {
    let t = two();
    let marker: serde_json::Value =
        serde_json::from_slice(&std::fs::read(t.folder.join("kindly-sync.json")).unwrap()).unwrap();
    let recipient: age::x25519::Recipient = marker["recipient"].as_str().unwrap().parse().unwrap();
    let dir = t.folder.join("devices").join("a-newer-device");
    std::fs::create_dir_all(&dir).unwrap();
    // A later format starts with its own first line; what follows this kindly can't know.
    let mut newer = b"kindly-sync/3\n".to_vec();
    newer.extend(age::encrypt(&recipient, br#"{"kindly_sync": 3, "something": "new"}"#).unwrap());
    std::fs::write(dir.join("0000000001.kindly"), newer).unwrap();
    let said = ok(&t.b.db, &["sync"]);
    assert!(
        said.contains("1 file from a newer kindly left for it; update kindly here to read it."),
        "{said}"
    );
}

#[test]
fn a_device_folder_restored_from_an_old_backup_never_rolls_back() {
    let t = two();
    let id = checkin(&t.a.db, "7", "first words");
    ok(&t.a.db, &["sync"]);
    let a_device = t.a.store().sync_me().unwrap().unwrap().device;
    let a_folder = t.folder.join("devices").join(a_device);
    let backup = t.folder.with_extension("backup");
    copy_dir(&a_folder, &backup);
    // A edits the check-in, syncs; B takes the edit.
    let mut store = t.a.store();
    let mut c = store.checkin(id.parse().unwrap()).unwrap().unwrap();
    c.set_note("later words");
    store.save_checkin(&c, None).unwrap();
    drop(store);
    ok(&t.a.db, &["sync"]);
    ok(&t.b.db, &["sync"]);
    // The folder is restored from the old backup (A's later file gone, the old one back).
    std::fs::remove_dir_all(&a_folder).unwrap();
    copy_dir(&backup, &a_folder);
    let c2 = TestJournal::new();
    let pass = c2.file("pass", "a long sync passphrase\n");
    ok(
        &c2.db,
        &[
            "sync",
            "join",
            t.folder.to_str().unwrap(),
            "--sync-passphrase-file",
            pass.to_str().unwrap(),
        ],
    );
    ok(&t.b.db, &["sync"]);
    ok(&t.a.db, &["sync"]);
    let note = |j: &TestJournal| {
        j.export()["checkins"][0]["note"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(note(&t.a), "later words");
    assert_eq!(note(&t.b), "later words");
    // A newcomer reads the old file first, then B's and A's later ones once they write again.
    ok(&c2.db, &["sync"]);
    let mut store = t.a.store();
    let mut c = store.checkin(id.parse().unwrap()).unwrap().unwrap();
    c.set_note("latest words");
    store.save_checkin(&c, None).unwrap();
    drop(store);
    ok(&t.a.db, &["sync"]);
    ok(&c2.db, &["sync"]);
    assert_eq!(note(&c2), "latest words");
    // A's next file doesn't overwrite the restored one: its numbers go on after it.
    assert!(walk(&a_folder).len() >= 2);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
}

#[test]
fn an_edit_made_after_seeing_another_wins_whatever_the_clocks_say() {
    let t = two();
    let id = checkin(&t.a.db, "7", "from a");
    // A's clock runs an hour fast: its next change carries a time in B's future.
    let conn = rusqlite::Connection::open(&t.a.db).unwrap();
    conn.execute(
        "UPDATE sync_me SET hlc = CAST((julianday('now') - 2440587.5 + 1.0 / 24) * 86400000 AS INTEGER) * 65536",
        [],
    )
    .unwrap();
    drop(conn);
    let mut store = t.a.store();
    let mut c = store.checkin(id.parse().unwrap()).unwrap().unwrap();
    c.set_note("edited on a, clock ahead");
    store.save_checkin(&c, None).unwrap();
    drop(store);
    ok(&t.a.db, &["sync"]);
    ok(&t.b.db, &["sync"]);
    // B, its clock right, edits the record it has now seen: that edit is the later one.
    let mut store = t.b.store();
    let mut c = store.checkin(id.parse().unwrap()).unwrap().unwrap();
    assert_eq!(c.note.as_deref(), Some("edited on a, clock ahead"));
    c.set_note("edited on b after seeing a's");
    store.save_checkin(&c, None).unwrap();
    drop(store);
    ok(&t.b.db, &["sync"]);
    ok(&t.a.db, &["sync"]);
    for j in [&t.a, &t.b] {
        assert_eq!(
            j.export()["checkins"][0]["note"],
            "edited on b after seeing a's"
        );
    }
}

#[test]
fn cli_writers_leave_their_change_for_the_next_exchange_and_drafts_stay_home() {
    let t = two();
    ok(&t.a.db, &["sync"]);
    checkin(&t.a.db, "5", "written by the CLI");
    let mut store = t.a.store();
    store
        .save_draft(
            "checkin",
            &serde_json::json!({"note": "a draft never travels"}),
        )
        .unwrap();
    drop(store);
    assert!(ok(&t.a.db, &["sync", "status"]).contains("1 record waiting to be sent."));
    ok(&t.a.db, &["sync"]);
    ok(&t.b.db, &["sync"]);
    assert_eq!(t.b.export()["checkins"].as_array().unwrap().len(), 1);
    assert!(
        t.b.store()
            .load_draft::<serde_json::Value>("checkin")
            .unwrap()
            .is_none()
    );
}

#[test]
fn the_tui_exchanges_when_it_opens_and_when_it_quits() {
    let t = two();
    checkin(&t.a.db, "7", "from the first computer");
    ok(&t.a.db, &["sync"]);
    let dir = tempfile::tempdir().unwrap();
    let pane = common::tmux::Pane::start("sync-tui", dir.path(), &t.b.db, (80, 24));
    pane.wait_for("From your other computers: 1 record.");
    // A check-in made on this screen goes to the folder on the way out.
    pane.keys(&["8"]);
    pane.keys(&["C-s"]);
    pane.wait_for("8");
    pane.keys(&["q"]);
    let (code, _) = pane.wait_exit();
    assert_eq!(code, "0");
    let said = ok(&t.a.db, &["sync"]);
    assert!(said.contains("received 1 record"), "{said}");
    assert_eq!(t.a.export()["checkins"].as_array().unwrap().len(), 2);
}

#[test]
fn the_tui_says_quietly_when_the_folder_cant_be_reached() {
    let t = two();
    std::fs::rename(&t.folder, t.folder.with_extension("away")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pane = common::tmux::Pane::start("sync-away", dir.path(), &t.b.db, (40, 12));
    pane.wait_for("can't be reached");
    pane.keys(&["q"]);
    let (code, _) = pane.wait_exit();
    assert_eq!(code, "0");
}

// ---- The simulation: three journals, one folder, everything in random order. ----

#[derive(Debug, Clone)]
enum Step {
    CheckIn(usize, u8),
    Edit(usize, usize),
    Trash(usize, usize),
    Restore(usize, usize),
    Exchange(usize),
    /// A sync engine copies a random change file under a conflict-copy name.
    ConflictCopy(usize),
    /// A random change file shows up half copied under a new name (finished later).
    HalfCopy(usize),
    FinishCopies,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0usize..3, 1u8..=10).prop_map(|(d, m)| Step::CheckIn(d, m)),
        3 => (0usize..3, any::<usize>()).prop_map(|(d, r)| Step::Edit(d, r)),
        1 => (0usize..3, any::<usize>()).prop_map(|(d, r)| Step::Trash(d, r)),
        1 => (0usize..3, any::<usize>()).prop_map(|(d, r)| Step::Restore(d, r)),
        4 => (0usize..3).prop_map(Step::Exchange),
        1 => any::<usize>().prop_map(Step::ConflictCopy),
        1 => any::<usize>().prop_map(Step::HalfCopy),
        1 => Just(Step::FinishCopies),
    ]
}

struct World {
    _dir: tempfile::TempDir,
    folder: PathBuf,
    stores: Vec<Store>,
    /// Every record a journal said it saved.
    acknowledged: Vec<uuid::Uuid>,
    /// Copies still arriving: (where, whole content).
    arriving: Vec<(PathBuf, Vec<u8>)>,
    copies: usize,
}

fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("shared");
    let mut first = Store::open(&dir.path().join("0.db")).unwrap();
    let me = sync::init(&mut first, &folder, "simulated passphrase", "zero").unwrap();
    let mut stores = vec![first];
    for n in 1..3 {
        let mut s = Store::open(&dir.path().join(format!("{n}.db"))).unwrap();
        // Joining with the key already opened (the passphrase step is tested above).
        s.sync_join(&Me {
            device: uuid::Uuid::new_v4().to_string(),
            name: format!("device {n}"),
            next_seq: 1,
            ..me.clone()
        })
        .unwrap();
        stores.push(s);
    }
    World {
        folder,
        _dir: dir,
        stores,
        acknowledged: Vec::new(),
        arriving: Vec::new(),
        copies: 0,
    }
}

fn known(s: &Store) -> Vec<CheckIn> {
    let mut all = s.checkins_between(None, None).unwrap();
    all.extend(s.trashed_checkins().unwrap());
    all.sort_by_key(|c| c.id);
    all
}

fn apply(w: &mut World, step: &Step, k: usize) {
    match *step {
        Step::CheckIn(d, m) => {
            let mut c = CheckIn::new(
                common::at("2026-11-01T09:00:00+00:00"),
                Mood::new(m).unwrap(),
            );
            c.set_note(&format!("check-in {k}"));
            w.stores[d].save_checkin(&c, None).unwrap();
            w.acknowledged.push(c.id);
        }
        Step::Edit(d, r) => {
            let all = known(&w.stores[d]);
            if let Some(c) = all.get(r % all.len().max(1)) {
                let mut c = c.clone();
                c.set_note(&format!("edited at step {k} on {d}"));
                w.stores[d].save_checkin(&c, None).unwrap();
            }
        }
        Step::Trash(d, r) | Step::Restore(d, r) => {
            let all = known(&w.stores[d]);
            if let Some(c) = all.get(r % all.len().max(1)) {
                if matches!(step, Step::Trash(..)) {
                    w.stores[d].trash(RecordKind::CheckIn, c.id).unwrap();
                } else {
                    w.stores[d].restore(RecordKind::CheckIn, c.id).unwrap();
                }
            }
        }
        Step::Exchange(d) => {
            sync::exchange(&mut w.stores[d], None).unwrap();
        }
        Step::ConflictCopy(r) | Step::HalfCopy(r) => {
            let files: Vec<PathBuf> = walk(&w.folder.join("devices"))
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e == "kindly"))
                .collect();
            if files.is_empty() {
                return;
            }
            let file = &files[r % files.len()];
            let bytes = std::fs::read(file).unwrap();
            w.copies += 1;
            let copy = file.with_file_name(format!("{:010}.sync-conflict-{}.kindly", 1, w.copies));
            if matches!(step, Step::HalfCopy(_)) {
                std::fs::write(&copy, &bytes[..bytes.len() / 3]).unwrap();
                w.arriving.push((copy, bytes));
            } else {
                std::fs::write(&copy, &bytes).unwrap();
            }
        }
        Step::FinishCopies => {
            for (path, bytes) in w.arriving.drain(..) {
                std::fs::write(path, bytes).unwrap();
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]
    #[test]
    fn three_journals_hold_the_same_records_whatever_the_order(steps in prop::collection::vec(step(), 1..30)) {
        let mut w = world();
        for (k, s) in steps.iter().enumerate() {
            apply(&mut w, s, k);
        }
        apply(&mut w, &Step::FinishCopies, steps.len());
        for _ in 0..2 {
            for d in 0..3 {
                sync::exchange(&mut w.stores[d], None).unwrap();
            }
        }
        let states: Vec<Vec<(CheckIn, bool)>> = w
            .stores
            .iter()
            .map(|s| {
                let trashed: Vec<uuid::Uuid> = s.trashed_checkins().unwrap().iter().map(|c| c.id).collect();
                known(s).into_iter().map(|c| { let t = trashed.contains(&c.id); (c, t) }).collect()
            })
            .collect();
        prop_assert_eq!(&states[0], &states[1]);
        prop_assert_eq!(&states[1], &states[2]);
        for id in &w.acknowledged {
            prop_assert!(states[0].iter().any(|(c, _)| c.id == *id), "record {} lost", id);
        }
    }
}
