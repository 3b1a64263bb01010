//! Usage as a whole: one-line refusals with exit 2, config mistakes named by line, completions, the man page, the demo, a crash.

use super::*;

#[test]
fn usage_mistakes_are_one_line_with_exit_2() {
    refused(&["checkin"], "--mood");
    refused(&["checkin", "--mood", "5", "--moood", "3"], "--moood");
    refused(&["export", "--format", "yaml"], "yaml");
    refused(&["chekin"], "chekin");
    // clap's guess stays on the one line.
    refused(&["chekin"], "did you mean 'check' or 'checkin'?");
    refused(&["checkin", "--mod", "5"], "did you mean '--mood'?");
    refused(&["export", "--format", "jsn"], "did you mean 'json'?");
}

#[test]
fn bad_config_names_line_and_key_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, "support_contact = \"Sam\"\nritualz = [\"tea\"]\n").unwrap();
    let out = Command::cargo_bin("kindly")
        .unwrap()
        .arg("--db")
        .arg(&db)
        .arg("--config")
        .arg(&cfg)
        .args(["checkin", "--mood", "5"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("line 2") && err.contains("`ritualz`"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!db.exists());
}

#[test]
fn the_tui_without_a_terminal_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let out = kindly(&db).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("needs a terminal"), "{err}");
}

#[test]
fn completions_are_printed_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let out = Command::cargo_bin("kindly")
            .unwrap()
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("checkin"),
            "{shell} completions mention checkin"
        );
    }
    refused(&["completions", "tcsh"], "tcsh");
}

#[test]
fn demo_fill_only_fills_a_fresh_file_and_refuses_a_used_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    kindly(&db)
        .args(["demo", "--weeks", "4", "--fill-only"])
        .assert()
        .success();
    let n = export(&db)["checkins"].as_array().unwrap().len();
    assert!(n >= 28, "about two a day over four weeks, got {n}");
    let out = kindly(&db)
        .args(["demo", "--weeks", "4", "--fill-only"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        export(&db)["checkins"].as_array().unwrap().len(),
        n,
        "nothing added"
    );
}

#[test]
fn man_prints_a_roff_page_naming_every_command() {
    let out = Command::cargo_bin("kindly")
        .unwrap()
        .arg("man")
        .output()
        .unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.starts_with(".ie") || page.contains(".TH kindly 1"),
        "{page}"
    );
    for cmd in [
        "checkin", "thought", "write", "search", "trends", "report", "import", "backup", "export",
        "status",
    ] {
        assert!(page.contains(cmd), "man page lacks {cmd}");
    }
}

#[test]
fn the_man_page_lists_the_thinking_traps_and_the_answers_helps_takes() {
    let out = Command::cargo_bin("kindly")
        .unwrap()
        .arg("man")
        .output()
        .unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    let thought = page
        .split("\\fBkindly thought\\fR")
        .nth(1)
        .and_then(|rest| rest.split("\\fBkindly write\\fR").next())
        .expect("the page has a thought section");
    // --distortions says the list follows the options; it does, on this page too.
    assert!(
        thought.contains("the list follows the options below"),
        "{thought}"
    );
    assert!(
        thought.contains("Thinking traps: all\\-or\\-nothing"),
        "{thought}"
    );
    assert!(thought.contains("blaming others"), "{thought}");
    assert!(
        thought.contains("(one of: helping, hurting, both, unsure)"),
        "{thought}"
    );
}

#[test]
fn a_crash_says_one_calm_line_and_logs_no_journal_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let state = dir.path().join("state");
    let out = kindly(&db)
        .args(["checkin", "--mood", "5"])
        .env("XDG_STATE_HOME", &state)
        .env("KINDLY_PANIC_FOR_TEST", "my most private sentence")
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "one line, no backtrace: {err}");
    assert!(err.contains("kept as a draft"), "{err}");
    assert!(!err.contains("my most private sentence"), "{err}");
    let log = state.join("kindly/crash.log");
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("src/cli/mod.rs:"),
        "the place is noted: {text}"
    );
    assert!(
        !text.contains("private"),
        "no journal text in the log: {text}"
    );
    assert_eq!(
        std::fs::metadata(&log).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn a_commands_help_keeps_the_global_options_apart_from_its_own() {
    let out = Command::cargo_bin("kindly")
        .unwrap()
        .args(["checkin", "--help"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    let (own, global) = help
        .split_once("Global options:")
        .unwrap_or_else(|| panic!("no heading for the global options:\n{help}"));
    for flag in [
        "--db",
        "--config",
        "--passphrase-file",
        "--recovery-key-file",
    ] {
        assert!(
            !own.contains(flag),
            "{flag} among the command's own:\n{help}"
        );
        assert!(
            global.contains(flag),
            "{flag} not under Global options:\n{help}"
        );
    }
    assert!(own.contains("--mood"), "{help}");
}

#[test]
fn a_note_typed_at_the_terminal_is_asked_for_with_how_to_finish() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let pane = common::tmux::Pane::start_with(
        "note-prompt",
        dir.path(),
        &db,
        (80, 24),
        "checkin --mood 5 --note -",
    );
    pane.wait_for("Type the note, then Ctrl-D on a line of its own to finish:");
    pane.text("a slow, quiet evening");
    pane.keys(&["Enter", "C-d"]);
    let (code, _) = pane.wait_exit();
    assert_eq!(code, "0", "{}", pane.screen());
    drop(pane);
    let note = export(&db)["checkins"][0]["note"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(note.trim_end(), "a slow, quiet evening");
    // From a pipe, nothing is said.
    let out = kindly(&db)
        .args(["checkin", "--mood", "6", "--note", "-"])
        .write_stdin("piped words")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
