//! Two windows on one journal, as two real kindlys in two tmux panes: nothing lost,
//! nothing doubled, and each sees what the other saved.

use std::path::Path;
use std::time::{Duration, Instant};

mod common;
use common::tmux::Pane;
use common::{export, kindly};

/// A window of its own (its own folder for its exit files) on the shared journal.
fn window(name: &str, dir: &Path, db: &Path, size: (u16, u16)) -> Pane {
    let own = dir.join(name);
    std::fs::create_dir_all(&own).unwrap();
    Pane::start(name, &own, db, size)
}

fn quit(pane: &Pane) {
    // Escape alone first: an escape with a letter right behind it reads as Alt and the letter.
    pane.keys(&["Escape"]);
    pane.wait_for("q quit");
    pane.keys(&["q"]);
    let (code, _) = pane.wait_exit();
    assert_eq!(code, "0");
}

/// Waits until the journal holds a draft with `words`, written by a running window.
fn draft_holds(db: &Path, words: &str) {
    let start = Instant::now();
    loop {
        if common::draft_bodies(db).iter().any(|b| b.contains(words)) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "no draft with {words}"
        );
        std::thread::sleep(Duration::from_millis(25));
    }
}

fn write_note(pane: &Pane, words: &str) {
    pane.wait_for("Mood");
    for _ in 0..7 {
        pane.keys(&["j"]);
    }
    pane.wait_for("›Note");
    pane.keys(&["Enter"]);
    pane.text(words);
    pane.wait_for(words);
}

#[test]
fn both_windows_edit_the_same_page_and_both_sentences_stay() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args(["write", "--title", "Sunday", "Morning was slow."])
        .assert()
        .success();
    let a = window("same-a", dir.path(), &db, (80, 24));
    let b = window("same-b", dir.path(), &db, (80, 24));
    for w in [&a, &b] {
        w.wait_for("How are you");
        w.keys(&["Tab", "Tab"]);
        w.wait_for("Sunday");
        w.keys(&["Enter", "Enter"]);
        w.wait_for("done writing");
    }
    a.text(" A walk helped.");
    a.wait_for("A walk helped.");
    b.text(" Rain came later.");
    b.wait_for("Rain came later.");
    a.keys(&["C-s"]);
    a.wait_for("Your changes are saved.");
    b.keys(&["C-s"]);
    b.wait_for("kept as a copy in the trash");
    // The other version is where the line says.
    b.keys(&["t"]);
    let trash = b.wait_for("Trash");
    assert!(trash.contains("Sunday"), "{trash}");
    quit(&a);
    quit(&b);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let bodies: Vec<String> = conn
        .prepare("SELECT body FROM entries ORDER BY deleted_at IS NOT NULL")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        bodies,
        [
            "Morning was slow. Rain came later.",
            "Morning was slow. A walk helped."
        ]
    );
}

#[test]
fn unsaved_check_ins_in_two_windows_both_come_back_one_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let a = window("drafts-a", dir.path(), &db, (80, 24));
    write_note(&a, "words from the first window");
    draft_holds(&db, "words from the first window");
    // A second window opened while the first is typing shows nothing of it.
    let b = window("drafts-b", dir.path(), &db, (80, 24));
    let seen = b.wait_for("How are you");
    assert!(!seen.contains("first window"), "{seen}");
    write_note(&b, "words from the second window");
    draft_holds(&db, "words from the second window");
    quit(&a);
    quit(&b);

    let c = window("drafts-c", dir.path(), &db, (40, 12));
    c.wait_for("first window");
    c.wait_for("One more");
    c.keys(&["6", "C-s"]);
    // The next one comes back (at 40 columns the note shows its end).
    c.wait_for("Saved. Thank you");
    c.wait_for("is back");
    c.keys(&["5", "C-s"]);
    c.wait_for("Thank you");
    quit(&c);
    let doc = export(&db);
    let mut notes: Vec<String> = doc["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["note"].as_str().unwrap_or_default().to_string())
        .collect();
    notes.sort();
    assert_eq!(
        notes,
        [
            "words from the first window",
            "words from the second window"
        ],
        "each note saved once"
    );
}

#[test]
fn a_page_saved_in_one_window_shows_in_the_others_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let a = window("list-a", dir.path(), &db, (80, 24));
    let b = window("list-b", dir.path(), &db, (80, 24));
    a.wait_for("How are you");
    a.keys(&["Tab", "Tab"]);
    a.wait_for("Journal");
    b.wait_for("How are you");
    b.keys(&["Tab", "Tab"]);
    b.wait_for("Journal");
    b.keys(&["n"]);
    b.wait_for("done writing");
    b.text("A page from the other window.");
    b.wait_for("other window.");
    b.keys(&["C-s"]);
    b.wait_for("Thank you for writing");
    // Coming back to the first window (a focus report) is enough for it to look.
    a.tmux(&["send-keys", "-t", "e2e", "-H", "1b", "5b", "49"]);
    a.wait_for("A page from the other window.");
    quit(&a);
    quit(&b);
}

#[test]
fn a_paste_with_carriage_returns_keeps_its_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let a = window("paste", dir.path(), &db, (80, 24));
    a.wait_for("How are you");
    a.keys(&["Tab", "Tab"]);
    a.wait_for("Journal");
    a.keys(&["n"]);
    a.wait_for("done writing");
    // A bracketed paste, with the CRs terminals send for newlines.
    a.tmux(&[
        "send-keys",
        "-t",
        "e2e",
        "-l",
        "\x1b[200~First part.\r\rSecond part.\r\nThird.\x1b[201~",
    ]);
    a.wait_for("Third.");
    a.keys(&["C-s"]);
    a.wait_for("Thank you for writing");
    quit(&a);
    let doc = export(&db);
    assert_eq!(
        doc["entries"][0]["body"],
        "First part.\n\nSecond part.\nThird."
    );
}
