//! Writing in one's own editor (#17, item 16): `$VISUAL`/`$EDITOR` for a note, a page, a
//! letter or a step, from the TUI (Ctrl-G) and the CLI (`--edit`). Each editor here is a
//! small script that checks what kindly gave it and writes as a person would.

mod common;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use common::cli::{TestJournal, export, kindly};
use common::tmux::Pane;
use common::*;
use kindly::tui::pane::PaneId;
use ratatui::crossterm::event::KeyCode;

/// An editor script in `dir`: it records the file's path and the file's and folder's
/// modes in `dir`, then runs `then` (sh, with the file as "$1").
fn editor(dir: &Path, then: &str) -> PathBuf {
    let script = dir.join("editor.sh");
    let d = dir.display();
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"$1\" > '{d}/path'\nstat -c '%a' \"$1\" \"$(dirname \"$1\")\" > '{d}/modes'\n{then}\n"
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

/// What the editor saw: the file's mode, its folder's mode, and whether either is left.
fn seen(dir: &Path) -> (String, bool) {
    let modes = std::fs::read_to_string(dir.join("modes")).unwrap();
    let path = PathBuf::from(std::fs::read_to_string(dir.join("path")).unwrap().trim());
    let left = path.exists() || path.parent().unwrap().exists();
    (modes.split_whitespace().collect::<Vec<_>>().join(" "), left)
}

/// The real binary in tmux: Ctrl-G on a page hands the terminal to the editor, which reads
/// a word typed at the terminal (so kindly must have given the terminal back, cooked, and
/// stopped reading it), and the page comes back with the word in.
#[test]
fn ctrl_g_hands_the_page_to_the_editor_and_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let script = editor(
        dir.path(),
        "printf 'a word for the page: '\nread -r word\nprintf '%s\\n' \"$word\" >> \"$1\"",
    );
    let pane = Pane::start_env(
        "own-editor",
        dir.path(),
        &db,
        (80, 24),
        &format!("VISUAL='{}'", script.display()),
        "",
    );
    pane.wait_for("How are you, right now?");
    pane.keys(&["Tab", "Tab"]);
    pane.wait_for("n page");
    pane.keys(&["n"]);
    pane.wait_for("A new page");
    pane.text("begun in kindly");
    pane.wait_for("begun in kindly");
    pane.keys(&["C-g"]);
    pane.wait_for("a word for the page:");
    pane.text("by-the-sea");
    pane.keys(&["Enter"]);
    let back = pane.wait_for("Back from your editor");
    assert!(back.contains("begun in kindly"), "{back}");
    assert!(back.contains("by-the-sea"), "{back}");
    pane.keys(&["C-s"]);
    pane.wait_for("Saved");
    pane.keys(&["Escape", "q"]);
    let (code, stty) = pane.wait_exit();
    assert_eq!(code, "0");
    assert!(
        stty.contains(" icanon"),
        "the terminal is given back: {stty}"
    );
    assert_eq!(
        export(&db)["entries"][0]["body"],
        "begun in kindly\nby-the-sea"
    );
    let (modes, left) = seen(dir.path());
    assert_eq!(modes, "600 700");
    assert!(!left, "the file and its folder are removed afterwards");
}

/// The App with an editor set, on a check-in note being written.
fn app_with_editor(command: &Path) -> kindly::tui::App {
    let mut app = app();
    app.own_editor = Some(command.display().to_string());
    app
}

#[test]
fn an_editor_that_ends_badly_leaves_the_words_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let script = editor(dir.path(), "echo 'half a thought' >> \"$1\"\nexit 3");
    let mut app = app_with_editor(&script);
    press(&mut app, &[ch('5')]);
    while checkin_pane(&app).focus
        != kindly::tui::panes::checkin::Focus::Field(kindly::tui::panes::checkin::Field::Note)
    {
        press(&mut app, &[key(KeyCode::Down)]);
    }
    press(&mut app, &[key(KeyCode::Enter)]);
    typed(&mut app, "a slow morning");
    press(&mut app, &[ctrl('g')]);
    let (command, text) = app.take_hand_over().expect("Ctrl-G asks for the editor");
    assert_eq!(text, "a slow morning");
    app.took_back(kindly::editor::edit(&command, &text));
    assert_eq!(
        kindly::tui::widgets::editor_text(&checkin_pane(&app).note),
        "a slow morning"
    );
    let notice = app.notice.clone().unwrap();
    assert!(
        notice.contains("as they were") && notice.contains("exit status 3"),
        "{notice}"
    );
    assert!(!notice.contains("fail"), "{notice}");
    let (_, left) = seen(dir.path());
    assert!(!left);
}

#[test]
fn a_step_of_the_critic_flow_comes_back_from_the_editor_and_undo_brings_back_the_old() {
    let dir = tempfile::tempdir().unwrap();
    let script = editor(dir.path(), "printf 'and it passed\\n' >> \"$1\"");
    let mut app = app_with_editor(&script);
    go_to(&mut app, PaneId::Critic);
    press(&mut app, &[ch('n'), key(KeyCode::Enter)]);
    typed(&mut app, "I froze in the meeting");
    press(&mut app, &[ctrl('g')]);
    let (command, text) = app.take_hand_over().unwrap();
    app.took_back(kindly::editor::edit(&command, &text));
    let flow = critic_pane(&app).flow.as_ref().unwrap();
    let written = kindly::tui::widgets::editor_text(flow.editor().unwrap());
    assert_eq!(written, "I froze in the meeting\nand it passed");
    assert!(
        app.notice
            .clone()
            .unwrap()
            .contains("Back from your editor")
    );
    // Ctrl-U (undo) brings back what was there before the editor.
    press(&mut app, &[ctrl('u')]);
    let flow = critic_pane(&app).flow.as_ref().unwrap();
    assert_eq!(
        kindly::tui::widgets::editor_text(flow.editor().unwrap()),
        "I froze in the meeting"
    );
}

#[test]
fn without_an_editor_set_ctrl_g_says_how_to_set_one_and_hands_nothing_over() {
    let mut app = app();
    app.own_editor = None;
    go_to(&mut app, PaneId::Critic);
    press(&mut app, &[ch('n'), key(KeyCode::Enter)]);
    typed(&mut app, "words");
    press(&mut app, &[ctrl('g')]);
    assert!(app.take_hand_over().is_none());
    assert!(app.notice.clone().unwrap().contains("set VISUAL or EDITOR"));
}

#[test]
fn write_edit_opens_the_editor_from_the_words_given_and_saves_what_it_wrote() {
    let journal = TestJournal::new();
    let dir = tempfile::tempdir().unwrap();
    let script = editor(
        dir.path(),
        "printf 'and then the rain stopped\\n' >> \"$1\"",
    );
    journal
        .kindly()
        .env("EDITOR", &script)
        .args(["write", "--kind", "letter", "--edit", "Dear me,"])
        .assert()
        .success();
    let doc = journal.export();
    assert_eq!(
        doc["entries"][0]["body"],
        "Dear me,\nand then the rain stopped"
    );
    assert_eq!(doc["entries"][0]["kind"], "letter");
    let (modes, left) = seen(dir.path());
    assert_eq!(modes, "600 700");
    assert!(!left);
}

#[test]
fn checkin_and_thought_edit_write_the_note_and_the_kinder_answer() {
    let journal = TestJournal::new();
    let dir = tempfile::tempdir().unwrap();
    let script = editor(dir.path(), "printf 'written slowly\\n' >> \"$1\"");
    journal
        .kindly()
        .env("VISUAL", &script)
        .args(["checkin", "--mood", "6", "--note", "tea", "--edit"])
        .assert()
        .success();
    journal
        .kindly()
        .env("VISUAL", &script)
        .args(["thought", "--thought", "I'm behind", "--edit"])
        .assert()
        .success();
    let doc = journal.export();
    assert_eq!(doc["checkins"][0]["note"], "tea\nwritten slowly");
    assert_eq!(doc["thoughts"][0]["reframe"], "written slowly");
}

/// Each `--edit` refusal: exit 2, one line, nothing written.
#[test]
fn edit_refuses_clearly_when_there_is_no_editor_or_it_ends_badly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let cases: [(&[&str], Option<&str>, &str); 4] = [
        (&["write", "--edit"], None, "set VISUAL or EDITOR"),
        (
            &["checkin", "--mood", "5", "--edit"],
            Some("false"),
            "exit status 1; nothing was saved",
        ),
        (
            &["thought", "--thought", "x", "--edit"],
            Some("/no/such/editor"),
            "nothing was saved",
        ),
        (
            &["checkin", "--mood", "5", "--note", "-", "--edit"],
            Some("true"),
            "choose one",
        ),
    ];
    for (args, editor, needle) in cases {
        let mut cmd = kindly(&db);
        if let Some(e) = editor {
            cmd.env("EDITOR", e);
        }
        let out = cmd.args(args).write_stdin("").output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(!db.exists(), "{args:?}: nothing written");
    }
}

#[test]
fn replacing_text_changes_only_what_differs_and_keeps_every_character() {
    use kindly::tui::widgets::{editor, editor_text, replace_text};
    for (old, new) in [
        ("a walk", "a walk\nby the sea"),
        ("first\nthird", "first\nsecond ☕\nthird"),
        ("keep this, not this", "keep this"),
        ("all of it", "something else"),
        ("", "from nothing"),
        ("gone", ""),
        ("é ☕ é", "é ☕☕ é"),
    ] {
        let mut area = editor(old, "");
        replace_text(&mut area, new);
        assert_eq!(editor_text(&area), new, "{old:?} → {new:?}");
        area.undo();
        if !old.is_empty() && !new.is_empty() && old != "all of it" {
            assert_eq!(editor_text(&area), old, "one undo step: {old:?} → {new:?}");
        }
    }
}
