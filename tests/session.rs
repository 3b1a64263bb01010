//! "Bring this to my session": marks from the screen (B on any record or form, N for the
//! list), from the command line, in the export and import, in sync and in search.

use kindly::domain::*;
use kindly::store::Store;
use kindly::tui::pane::PaneId;
use ratatui::crossterm::event::KeyCode;

mod common;
use common::*;

fn store_with_a_thought() -> (Store, Thought) {
    let mut store = Store::open_in_memory().unwrap();
    let t = Thought::new(at("2026-11-20T09:00:00+00:00"), "I should be further along").unwrap();
    store.save_thought(&t, None).unwrap();
    (store, t)
}

#[test]
fn b_on_a_record_marks_it_and_b_again_takes_the_mark_out() {
    let (store, t) = store_with_a_thought();
    let mut app = app_with(store, NOW);
    go_to(&mut app, PaneId::Critic);
    press(&mut app, &[ch('B')]);
    assert_eq!(
        app.notice.as_deref(),
        Some("Marked to bring to your next session (N shows the list).")
    );
    let marks = app.store().waiting_marks().unwrap();
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].record, Some((MarkedKind::Thought, t.id)));
    press(&mut app, &[ch('B')]);
    assert!(app.store().waiting_marks().unwrap().is_empty());
    assert_eq!(
        app.notice.as_deref(),
        Some("Taken out of what you'll bring to your session.")
    );
}

#[test]
fn b_on_a_new_check_in_marks_it_once_it_is_saved() {
    let mut app = app();
    press(&mut app, &[ch('3'), ch('B')]);
    assert!(
        app.store().waiting_marks().unwrap().is_empty(),
        "nothing saved yet"
    );
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .contains("When you save this")
    );
    press(&mut app, &[ctrl('s')]);
    let marks = app.store().waiting_marks().unwrap();
    assert_eq!(marks.len(), 1);
    let (kind, id) = marks[0].record.unwrap();
    assert_eq!(kind, MarkedKind::CheckIn);
    assert_eq!(app.store().checkin(id).unwrap().unwrap().mood.get(), 3);
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .ends_with("Marked to bring to your session.")
    );
}

#[test]
fn ctrl_b_while_writing_a_page_marks_the_page_when_saved() {
    let mut app = app();
    go_to(&mut app, PaneId::Journal);
    press(&mut app, &[ch('n')]);
    typed(&mut app, "The train this morning.");
    press(&mut app, &[ctrl('b'), ctrl('s')]);
    let marks = app.store().waiting_marks().unwrap();
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].record.unwrap().0, MarkedKind::Entry);
}

#[test]
fn the_list_opens_a_record_adds_a_note_and_marks_things_talked_about() {
    let (mut store, t) = store_with_a_thought();
    store
        .save_mark(&SessionMark::on(
            MarkedKind::Thought,
            t.id,
            Some("where does it come from?"),
            at("2026-11-21T09:00:00+00:00"),
        ))
        .unwrap();
    let mut app = app_with(store, NOW);
    press(&mut app, &[ch('N')]);
    let shown = text(&app, 80, 24);
    assert!(shown.contains("For your next session"), "{shown}");
    assert!(
        shown.contains("thought, 20 Nov: “I should be further along”"),
        "{shown}"
    );
    assert!(shown.contains("— where does it come from?"), "{shown}");
    // A thing to remember, on no record.
    press(&mut app, &[ch('a')]);
    typed(&mut app, "sleep since the move");
    press(&mut app, &[key(KeyCode::Enter)]);
    let shown = text(&app, 80, 24);
    assert!(shown.contains("a thing to remember"), "{shown}");
    assert!(shown.contains("— sleep since the move"), "{shown}");
    // The first was talked about; the second keeps for next time.
    press(&mut app, &[key(KeyCode::Up), ch('x')]);
    let waiting = app.store().waiting_marks().unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].note.as_deref(), Some("sleep since the move"));
    // Enter on a record's mark opens it in its pane.
    press(&mut app, &[ch('a')]);
    typed(&mut app, "x");
    press(&mut app, &[key(KeyCode::Esc)]);
    press(&mut app, &[ch('D')]);
    assert!(app.store().waiting_marks().unwrap().is_empty());
    assert!(app.notice.as_deref().unwrap().starts_with("1 talked about"));
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(app.session.is_none());
}

#[test]
fn enter_on_a_mark_opens_its_record() {
    let (mut store, t) = store_with_a_thought();
    store
        .save_mark(&SessionMark::on(
            MarkedKind::Thought,
            t.id,
            None,
            at("2026-11-21T09:00:00+00:00"),
        ))
        .unwrap();
    let mut app = app_with(store, NOW);
    press(&mut app, &[ch('N'), key(KeyCode::Enter)]);
    assert!(app.session.is_none());
    assert_eq!(app.pane_id(), PaneId::Critic);
    assert!(text(&app, 80, 24).contains("I should be further along"));
}

#[test]
fn the_list_at_80_by_24_and_40_by_12() {
    let (mut store, t) = store_with_a_thought();
    store
        .save_mark(&SessionMark::on(
            MarkedKind::Thought,
            t.id,
            Some("ask about the panic on the train"),
            at("2026-11-21T09:00:00+00:00"),
        ))
        .unwrap();
    store
        .save_mark(
            &SessionMark::alone("sleep since the move", at("2026-11-22T09:00:00+00:00")).unwrap(),
        )
        .unwrap();
    let mut app = app_with(store, NOW);
    press(&mut app, &[ch('N')]);
    insta::assert_snapshot!("session_list_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("session_list_40x12", screen(&app, 40, 12));
}

// ---- The command line, the export, import, sync and search. ----

fn ok(j: &TestJournal, args: &[&str]) -> String {
    let out = j.kindly().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_cli_adds_lists_and_marks_talked_about() {
    let j = TestJournal::new();
    let id = ok(&j, &["thought", "--thought", "I'm a terrible person"])
        .trim()
        .to_string();
    let mark = ok(
        &j,
        &[
            "session",
            "add",
            &id,
            "--note",
            "ask about the panic on the train",
        ],
    )
    .trim()
    .to_string();
    ok(&j, &["session", "add", "--note", "sleep since the move"]);
    let list = ok(&j, &["session"]);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 2, "{list}");
    assert!(
        lines[0].contains("thought record of")
            && lines[0].contains("“I'm a terrible person” — ask about the panic on the train"),
        "{list}"
    );
    assert!(
        lines[1].contains("a thing to remember — sleep since the move"),
        "{list}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&j, &["session", "--format", "json"])).unwrap();
    assert_eq!(json[0]["id"], mark);
    assert_eq!(json[0]["record"], id);
    assert_eq!(json[0]["kind"], "thought");
    assert_eq!(json[1]["kind"], "note");
    assert_eq!(json[1]["record"], serde_json::Value::Null);
    // In the export, and searchable by the mark's words.
    let doc = j.export();
    assert_eq!(doc["session"].as_array().unwrap().len(), 2);
    assert!(
        ok(&j, &["search", "panic"]).contains("to bring up: ask about the «panic» on the train")
    );
    // Taking one out, then the session.
    assert!(ok(&j, &["session", "remove", &mark]).starts_with("Taken out of the list"));
    assert!(
        ok(&j, &["session", "done", "--at", "2026-12-01"])
            .starts_with("1 thing marked talked about (1 December).")
    );
    assert!(ok(&j, &["session"]).starts_with("Nothing to bring up yet."));
    let doc = j.export();
    let kept = doc["session"].as_array().unwrap();
    assert_eq!(
        kept.len(),
        1,
        "the one talked about is kept, the removed one isn't"
    );
    assert!(
        kept[0]["done_at"]
            .as_str()
            .unwrap()
            .starts_with("2026-12-01")
    );
}

#[test]
fn bad_session_input_is_refused() {
    refused(&["session", "add"], "give the id of a record");
    refused(&["session", "add", "not-an-id"], "'not-an-id' isn't an id");
    refused(&["session", "remove", "nope"], "'nope' isn't an id");
    refused(&["session", "done", "--at", "someday"], "--at");
    refused(
        &["session", "add", "--note", "   "],
        "give the id of a record",
    );
}

#[test]
fn marks_go_out_in_the_export_come_back_in_and_import_twice_adds_nothing() {
    let j = TestJournal::new();
    let id = ok(&j, &["thought", "--thought", "Nobody likes me"])
        .trim()
        .to_string();
    ok(&j, &["session", "add", &id, "--note", "the party"]);
    ok(&j, &["session", "add", "--note", "my sister's visit"]);
    let export = j.file("all.json", common::export_bytes(&j.db));
    let k = TestJournal::new();
    let said = ok(&k, &["import", export.to_str().unwrap()]);
    assert!(said.contains("2 things to bring to a session"), "{said}");
    assert_eq!(k.export()["session"], j.export()["session"]);
    let said = ok(&k, &["import", export.to_str().unwrap()]);
    assert!(said.contains("added 0"), "{said}");
}

#[test]
fn marks_of_the_same_second_export_in_one_order_whatever_order_they_came_in() {
    // Found as: converged journals exported session marks of the same second in
    // different orders (each in the order it had stored them).
    let marks = [
        "5f0c2a4e-8a3b-4c1d-9e2f-0a1b2c3d4e51",
        "0a0c2a4e-8a3b-4c1d-9e2f-0a1b2c3d4e52",
        "9f0c2a4e-8a3b-4c1d-9e2f-0a1b2c3d4e53",
    ]
    .map(|id| {
        format!(
            r#"{{"id":"{id}","record":null,"kind":"note","note":"to bring {id}","added_at":"2026-11-20T09:00:00+00:00","done_at":null}}"#
        )
    });
    let file = |j: &TestJournal, order: [usize; 3]| {
        let session: Vec<&str> = order.iter().map(|&k| marks[k].as_str()).collect();
        j.file(
            "marks.json",
            format!(
                r#"{{"format":"kindly","version":1,"checkins":[],"session":[{}]}}"#,
                session.join(",")
            ),
        )
    };
    let (a, b) = (TestJournal::new(), TestJournal::new());
    ok(&a, &["import", file(&a, [0, 1, 2]).to_str().unwrap()]);
    ok(&b, &["import", file(&b, [2, 0, 1]).to_str().unwrap()]);
    assert_eq!(common::export_bytes(&a.db), common::export_bytes(&b.db));
    assert_eq!(ok(&a, &["session"]), ok(&b, &["session"]));
    // Marks made here in one second keep the order they were made in.
    let c = TestJournal::new();
    for note in ["first", "second", "third"] {
        ok(&c, &["session", "add", "--note", note]);
    }
    let list = ok(&c, &["session"]);
    let said: Vec<bool> = ["— first", "— second", "— third"]
        .iter()
        .enumerate()
        .map(|(k, note)| list.lines().nth(k).is_some_and(|l| l.contains(note)))
        .collect();
    assert_eq!(said, [true; 3], "{list}");
}

#[test]
fn marks_travel_through_sync_removals_too() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("shared");
    let pass = dir.path().join("p");
    std::fs::write(&pass, "a passphrase\n").unwrap();
    let (a, b) = (TestJournal::new(), TestJournal::new());
    ok(
        &a,
        &[
            "sync",
            "init",
            folder.to_str().unwrap(),
            "--sync-passphrase-file",
            pass.to_str().unwrap(),
        ],
    );
    ok(
        &b,
        &[
            "sync",
            "join",
            folder.to_str().unwrap(),
            "--sync-passphrase-file",
            pass.to_str().unwrap(),
        ],
    );
    let mark = ok(&a, &["session", "add", "--note", "the new job"])
        .trim()
        .to_string();
    ok(&a, &["sync"]);
    ok(&b, &["sync"]);
    assert!(ok(&b, &["session"]).contains("the new job"));
    ok(&b, &["session", "remove", &mark]);
    ok(&b, &["sync"]);
    ok(&a, &["sync"]);
    assert!(ok(&a, &["session"]).starts_with("Nothing to bring up yet."));
}
