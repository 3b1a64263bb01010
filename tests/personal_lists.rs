//! The person's own lists (lines taken out of the deck of kind words, emotions and rituals
//! added as choices) travel with the journal: the JSON export carries them, and importing
//! it brings them in once.

use std::path::Path;

use kindly::domain::*;
use kindly::store::LabelKind;

mod common;
use common::{TestJournal, kindly};

fn ok(db: &Path, args: &[&str]) -> String {
    let out = kindly(db).args(args).output().unwrap();
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    said
}

const WISH: &str = "May I be gentle with myself today.";
const REFRAME: &str = "I'm learning, and that is allowed to be slow.";

/// A journal with two kind lines, one taken out of the deck with `kindly kind remove`, and
/// an emotion and a ritual added as choices in the check-in form.
fn journal_with_lists() -> TestJournal {
    let j = TestJournal::new();
    let mut store = j.store();
    let mut t = Thought::new(common::at("2026-10-01T09:00:00+01:00"), "I'm useless").unwrap();
    t.reframe = Some(REFRAME.into());
    store.save_thought(&t, None).unwrap();
    let mut b = Break::new(
        common::at("2026-10-02T09:00:00+01:00"),
        Mood::new(3).unwrap(),
    );
    b.wish = Some(WISH.into());
    store.save_break(&b).unwrap();
    // What the form's "+" does.
    store.add_choice(LabelKind::Emotion, "wistful").unwrap();
    store.add_choice(LabelKind::Ritual, "sea swim").unwrap();
    drop(store);
    ok(&j.db, &["kind", "remove", WISH]);
    j
}

fn deck(db: &Path) -> String {
    ok(db, &["kind", "list", "--format", "json"])
}

#[test]
fn a_line_taken_out_of_the_deck_stays_out_on_the_journal_an_export_is_imported_into() {
    let a = journal_with_lists();
    assert!(!deck(&a.db).contains(WISH));
    let file = a.dir.path().join("all.json");
    ok(&a.db, &["export", "-o", file.to_str().unwrap()]);
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(doc["personal"]["deck_removed"], serde_json::json!([WISH]));
    assert_eq!(
        doc["personal"]["added_emotions"],
        serde_json::json!(["wistful"])
    );
    assert_eq!(
        doc["personal"]["added_rituals"],
        serde_json::json!(["sea swim"])
    );

    let b = TestJournal::new();
    let said = ok(&b.db, &["import", file.to_str().unwrap()]);
    assert!(said.contains("added 3 items of your own lists"), "{said}");
    let listed = deck(&b.db);
    assert!(!listed.contains(WISH), "{listed}");
    assert!(listed.contains(REFRAME), "{listed}");
    // The form on the new journal offers the added choices.
    let store = b.store();
    assert_eq!(
        store.added_choices(LabelKind::Emotion).unwrap(),
        ["wistful"]
    );
    assert_eq!(
        store.added_choices(LabelKind::Ritual).unwrap(),
        ["sea swim"]
    );
    drop(store);
    // The round trip is whole, and importing again adds nothing.
    assert_eq!(common::export_bytes(&b.db), common::export_bytes(&a.db));
    let again = ok(&b.db, &["import", file.to_str().unwrap()]);
    assert!(again.contains("added 0"), "{again}");
    assert!(!again.contains("your own lists"), "{again}");
    assert_eq!(common::export_bytes(&b.db), common::export_bytes(&a.db));
}

#[test]
fn lists_merge_on_import_and_a_dry_run_only_counts() {
    let a = journal_with_lists();
    let file = a.dir.path().join("all.json");
    ok(&a.db, &["export", "-o", file.to_str().unwrap()]);
    let b = TestJournal::new();
    let mut store = b.store();
    store.add_choice(LabelKind::Emotion, "Wistful").unwrap();
    store.add_choice(LabelKind::Emotion, "tender").unwrap();
    drop(store);
    let dry = ok(&b.db, &["import", "--dry-run", file.to_str().unwrap()]);
    assert!(dry.contains("would add 2 items of your own lists"), "{dry}");
    assert_eq!(
        b.store().added_choices(LabelKind::Ritual).unwrap(),
        Vec::<String>::new(),
        "a dry run writes nothing"
    );
    ok(&b.db, &["import", file.to_str().unwrap()]);
    let store = b.store();
    // One spelling for a choice on every journal; the ones already here keep their place.
    assert_eq!(
        store.added_choices(LabelKind::Emotion).unwrap(),
        ["Wistful", "tender"]
    );
    let lists = store.personal_lists().unwrap();
    assert!(lists.deck_removed.contains(WISH));
}

#[test]
fn an_export_of_some_days_carries_no_lists() {
    let a = journal_with_lists();
    let part = kindly(&a.db)
        .args(["export", "--from", "2026-10-01"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&part.stdout).unwrap();
    assert!(doc.get("personal").is_none(), "{doc}");
    // A journal without lists exports none either.
    let plain = TestJournal::new().with_checkins(&[CheckIn::new(
        common::at("2026-11-01T09:00:00+00:00"),
        Mood::new(5).unwrap(),
    )]);
    assert!(plain.export().get("personal").is_none());
}

#[test]
fn a_list_item_that_isnt_a_name_is_refused_whole() {
    let j = TestJournal::new();
    let file = j.file(
        "bad.json",
        r#"{"format":"kindly","version":1,"personal":{"added_emotions":["   "]}}"#,
    );
    let out = kindly(&j.db)
        .args(["import", file.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("personal.added_emotions"), "{err}");
    assert!(!j.db.exists(), "nothing written");
}

#[test]
fn a_line_taken_out_of_the_deck_stays_out_on_every_computer_that_syncs() {
    // Found as: a line removed from the deck kept appearing in `kindly kind` at shell start
    // on the other computers.
    let a = journal_with_lists();
    let b = TestJournal::new();
    let folder = a.dir.path().join("Sync");
    let pass = a.file("pass", "heron estuary lantern moss\n");
    let (folder, pass) = (folder.to_str().unwrap(), pass.to_str().unwrap());
    ok(
        &a.db,
        &["sync", "init", folder, "--sync-passphrase-file", pass],
    );
    ok(
        &b.db,
        &["sync", "join", folder, "--sync-passphrase-file", pass],
    );
    b.store().add_choice(LabelKind::Emotion, "tender").unwrap();
    for db in [&a.db, &b.db, &a.db] {
        ok(db, &["sync"]);
    }
    let listed = deck(&b.db);
    assert!(listed.contains(REFRAME), "the records came: {listed}");
    assert!(!listed.contains(WISH), "the removal came too: {listed}");
    for _ in 0..10 {
        assert!(!ok(&b.db, &["kind"]).contains(WISH));
    }
    let lists = |db: &Path| common::export(db)["personal"].clone();
    assert_eq!(lists(&a.db), lists(&b.db));
    assert_eq!(
        lists(&b.db)["added_emotions"],
        serde_json::json!(["tender", "wistful"])
    );
}
