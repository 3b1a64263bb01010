//! `kindly write` and `kindly search`.

use super::*;

#[test]
fn write_then_export_and_search_find_the_letter() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let out = kindly(&db)
        .args([
            "write",
            "--kind",
            "letter",
            "--title",
            "For a grey day",
            "--tags",
            "winter,kindness",
            "--at",
            "2026-11-20 21:00",
        ])
        .write_stdin("Dear me,\n\nYou walked by the river even when it was hard. Café later? ☕\n")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let e = &export(&db)["entries"][0];
    assert_eq!(e["id"], id);
    assert_eq!(e["kind"], "letter");
    assert_eq!(e["title"], "For a grey day");
    assert_eq!(e["tags"], serde_json::json!(["winter", "kindness"]));
    assert_eq!(
        e["body"],
        "Dear me,\n\nYou walked by the river even when it was hard. Café later? ☕"
    );

    kindly(&db)
        .args([
            "checkin",
            "--mood",
            "5",
            "--note",
            "rain by the river",
            "--at",
            "2026-11-25 08:00",
        ])
        .assert()
        .success();
    let out = kindly(&db).args(["search", "river"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    // kind, when, the short id (what `session add` takes), then the words.
    let (head, words) = lines[0].split_at("check-in  2026-11-25 08:00  ".len());
    assert_eq!(head, "check-in  2026-11-25 08:00  ", "{text}");
    let (short, words) = words.split_once("  ").unwrap();
    assert_eq!(short.len(), 8, "{text}");
    assert!(short.chars().all(|c| c.is_ascii_hexdigit()), "{text}");
    assert_eq!(words, "rain by the «river»", "{text}");
    assert!(
        lines[1].starts_with("journal   2026-11-20 21:00"),
        "newest first: {text}"
    );
    let out = kindly(&db).args(["search", "cafe"]).output().unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("«Café»"));
}

#[test]
fn search_refuses_an_unreadable_query_with_exit_2() {
    refused(
        &["search", "\"unclosed"],
        "search has a quote that isn't closed",
    );
    refused(
        &["search", "OR"],
        "search uses OR without a word on each side",
    );
    refused(&["search", "-rain"], "search only leaves words out");
}

#[test]
fn write_refuses_an_empty_body_and_bad_values() {
    refused(&["write"], "body is empty");
    refused(&["write", "--kind", "poem"], "poem");
    refused(&["write", "--tags", "a,,b"], "tags has an empty name");
    refused(
        &["write", "--at", "tomorrow-ish"],
        "--at didn't read as a date",
    );
}

#[test]
fn search_output_never_carries_a_notes_escape_sequences() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args([
            "checkin",
            "--mood",
            "5",
            "--note",
            "heron \u{1b}]0;pwned\u{7} \u{1b}[2J",
        ])
        .assert()
        .success();
    let out = kindly(&db).args(["search", "heron"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("␛]0;pwned␇"), "{text}");
}
