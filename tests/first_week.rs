//! The first week, as a newcomer lives it (#17): typing without bracketed paste, discarding
//! drafts, the cursor at the end, words that fit, care around very low moments, and what
//! people arriving from Daylio, jrnl and CBT apps expect.

mod common;
use common::cli::export;
use common::tmux::Pane;

/// Typed input in a burst well past crossterm's 1 KiB read (a terminal without bracketed
/// paste, or scripted keys) all arrives, and the Ctrl-S typed after it saves it all.
#[test]
fn a_long_burst_of_typing_is_read_whole_and_saved() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let pane = Pane::start("burst", dir.path(), &db, (80, 24));
    pane.wait_for("How are you, right now?");
    pane.keys(&["Tab", "Tab"]);
    pane.wait_for("n page");
    pane.keys(&["n"]);
    pane.wait_for("A new page");
    let words = ["quiet", "morning", "light", "tea", "slowly", "week", "kind"];
    let body: String = (0..900)
        .map(|i| words[(i * 7 + i / 3) % words.len()])
        .collect::<Vec<_>>()
        .join(" ")
        + " THE-END";
    assert!(body.len() > 4096, "{} bytes", body.len());
    // One send: tmux writes it to the terminal as typed keys, all at once.
    pane.text(&body);
    pane.wait_for("THE-END");
    pane.keys(&["C-s"]);
    pane.wait_for("Saved");
    pane.keys(&["Escape", "q"]);
    let (code, _) = pane.wait_exit();
    assert_eq!(code, "0");
    let doc = export(&db);
    assert_eq!(doc["entries"][0]["body"], body.as_str());
}
