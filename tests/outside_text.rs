//! One rule for text from outside (another computer's files, an import, a note): whatever
//! reaches a terminal is defused like a record, JSON escapes every control character and
//! hidden mark (and reads back the same), and a Markdown report carries no live HTML.

mod common;
use common::{TestJournal, kindly, ok, run};

/// An OSC 52 sequence (sets the clipboard in terminals that honour it), then a bidi
/// override and a zero-width space.
const FORGED: &str = "desk\u{1b}]52;c;Y3VybCBldmlsfHNo\u{7}\u{202e}\u{200b}";

fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| {
            (c.is_control() && *c != '\n')
                || ('\u{202a}'..='\u{202e}').contains(c)
                || *c == '\u{200b}'
        })
        .collect()
}

#[test]
fn a_forged_device_name_shows_as_visible_marks_in_sync_status() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Sync");
    let pass = dir.path().join("pass");
    std::fs::write(&pass, "a long sync passphrase\n").unwrap();
    let (a, b) = (TestJournal::new(), TestJournal::new());
    let (f, p) = (folder.to_str().unwrap(), pass.to_str().unwrap());
    ok(&a.db, &["sync", "init", f, "--sync-passphrase-file", p]);
    // The other computer calls itself something that would command a terminal.
    let toml_name: String = FORGED
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c.to_string()
            } else {
                format!("\\u{:04X}", c as u32)
            }
        })
        .collect();
    let config = b.file("config.toml", format!("device_name = \"{toml_name}\"\n"));
    let joined = kindly(&b.db)
        .env("KINDLY_CONFIG", &config)
        .args(["sync", "join", f, "--sync-passphrase-file", p])
        .output()
        .unwrap();
    assert!(joined.status.success());
    ok(&b.db, &["checkin", "--mood", "6"]);
    kindly(&b.db)
        .env("KINDLY_CONFIG", &config)
        .arg("sync")
        .assert()
        .success();
    ok(&a.db, &["sync"]);
    let text = ok(&a.db, &["sync", "status"]);
    assert!(raw_controls(&text).is_empty(), "{:?}", raw_controls(&text));
    assert!(
        text.contains("desk␛]52;c;Y3VybCBldmlsfHNo␇[U+202E][U+200B]: last wrote"),
        "{text}"
    );
    let json = ok(&a.db, &["sync", "status", "--format", "json"]);
    assert!(raw_controls(&json).is_empty(), "{json}");
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        doc["devices"][0]["name"], FORGED,
        "JSON keeps the name as it is"
    );
}

#[test]
fn json_escapes_c1_controls_and_hidden_marks_and_reads_back_the_same() {
    let j = TestJournal::new();
    let note = "a\u{9b}31mred\u{1b}[0m \u{202e}txt.exe \u{200b}";
    ok(&j.db, &["checkin", "--mood", "5", "--note", note]);
    let out = ok(&j.db, &["export", "--format", "json"]);
    assert!(raw_controls(&out).is_empty(), "{out}");
    assert!(
        out.contains(r"a\u009b31mred\u001b[0m \u202etxt.exe \u200b"),
        "{out}"
    );
    // Lossless: the JSON carries the very text.
    let file = j.file("export.json", &out);
    let k = TestJournal::new();
    ok(&k.db, &["import", file.to_str().unwrap()]);
    assert_eq!(k.export()["checkins"][0]["note"], note);
}

#[test]
fn the_markdown_report_carries_no_live_html() {
    let j = TestJournal::new();
    ok(
        &j.db,
        &[
            "checkin",
            "--mood",
            "5",
            "--note",
            "<script>alert('hi')</script> & <b>",
        ],
    );
    let out = j.file("placeholder", "");
    std::fs::remove_file(&out).unwrap();
    let report = out.with_file_name("report.md");
    ok(
        &j.db,
        &[
            "report",
            "--format",
            "md",
            "--include-notes",
            "-o",
            report.to_str().unwrap(),
        ],
    );
    let md = std::fs::read_to_string(&report).unwrap();
    assert!(!md.contains("<script>") && !md.contains("<b>"), "{md}");
    assert!(
        md.contains("&lt;script>alert('hi')&lt;/script> &amp; &lt;b>"),
        "{md}"
    );
}

#[test]
fn an_import_error_quoting_a_label_shows_it_defused_on_one_line() {
    let j = TestJournal::new();
    let label = "meh\u{1b}]0;pwned\u{7}\u{9b}2J";
    let file = j.file(
        "daylio.csv",
        format!("full_date,date,weekday,time,mood,activities,note_title,note\n2024-03-14,March 14,Thursday,21:05,{label},,,\n"),
    );
    let (code, out, err) = run(
        &j.db,
        &["import", file.to_str().unwrap(), "--from", "daylio"],
    );
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(raw_controls(&err).is_empty(), "{err:?}");
    assert!(err.contains("meh␛]0;pwned␇"), "{err}");
    assert!(!j.db.exists(), "nothing written");
}

#[test]
fn a_label_that_would_run_a_command_is_suggested_safely_quoted() {
    let j = TestJournal::new();
    let file = j.file(
        "daylio.csv",
        "full_date,date,weekday,time,mood,activities,note_title,note\n2024-03-14,March 14,Thursday,21:05,$(touch pwned),,,\n",
    );
    let (code, _, err) = run(
        &j.db,
        &["import", file.to_str().unwrap(), "--from", "daylio"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--mood-map '$(touch pwned)=N'"), "{err}");
}
