//! `kindly sync status` as a person reads it: a computer shows as soon as it has joined, two
//! computers of the same name are told apart, and times are written in words.

mod common;
use common::{TestJournal, kindly, ok, two};

fn status_json(db: &std::path::Path) -> serde_json::Value {
    serde_json::from_str(&ok(db, &["sync", "status", "--format", "json"])).unwrap()
}

/// Whether `text` holds a raw RFC 3339 stamp (`2026-12-07T18:20:46.608Z`).
fn holds_a_raw_stamp(text: &str) -> bool {
    text.as_bytes().windows(11).any(|w| {
        w[..4].iter().all(u8::is_ascii_digit) && w[4] == b'-' && w[7] == b'-' && w[10] == b'T'
    })
}

#[test]
fn a_computer_that_just_joined_shows_at_once_on_the_first() {
    let t = two();
    // The first computer hasn't exchanged since the second joined.
    let text = ok(&t.a.db, &["sync", "status"]);
    assert!(!text.contains("none yet"), "{text}");
    let json = status_json(&t.a.db);
    let devices = json["devices"].as_array().unwrap();
    assert_eq!(devices.len(), 1, "{json}");
    assert_eq!(devices[0]["device"], status_json(&t.b.db)["device_id"]);
    let line = text
        .lines()
        .find(|l| l.contains("joined; last exchanged"))
        .unwrap_or_else(|| panic!("no line for the joined computer: {text}"));
    assert!(
        line.contains("today at") || line.contains("yesterday at"),
        "{line}"
    );
    // And the second sees the first.
    assert_eq!(status_json(&t.b.db)["devices"].as_array().unwrap().len(), 1);
}

#[test]
fn two_computers_of_one_name_are_told_apart_and_times_are_in_words() {
    let t = two();
    // Both journals run on this machine, so both go by its host name.
    ok(&t.b.db, &["checkin", "--mood", "6"]);
    ok(&t.b.db, &["sync"]);
    ok(&t.a.db, &["sync"]);
    let (a, b) = (status_json(&t.a.db), status_json(&t.b.db));
    let name = a["device"].as_str().unwrap().to_string();
    assert_eq!(b["device"], name.as_str(), "the same host name");
    let short = |id: &serde_json::Value| id.as_str().unwrap().chars().take(6).collect::<String>();
    let (mine, theirs) = (short(&a["device_id"]), short(&b["device_id"]));
    assert_ne!(mine, theirs);
    let text = ok(&t.a.db, &["sync", "status"]);
    assert!(
        text.contains(&format!("This computer: {name} ({mine})\n")),
        "{text}"
    );
    let line = format!("  {name} ({theirs}): last wrote ");
    assert!(text.contains(&line), "{text}");
    assert!(!holds_a_raw_stamp(&text), "{text}");
    // JSON keeps the stamp as it is, for scripts.
    assert!(holds_a_raw_stamp(
        a["devices"][0]["last_wrote"].as_str().unwrap()
    ));
}

#[test]
fn a_name_no_other_computer_shares_is_shown_alone() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Sync");
    let pass = dir.path().join("pass");
    std::fs::write(&pass, "a long sync passphrase\n").unwrap();
    let (a, b) = (TestJournal::new(), TestJournal::new());
    let (f, p) = (folder.to_str().unwrap(), pass.to_str().unwrap());
    let desk = a.file("desk.toml", "device_name = \"desk\"\n");
    let laptop = b.file("laptop.toml", "device_name = \"laptop\"\n");
    for (j, config, verb) in [(&a, &desk, "init"), (&b, &laptop, "join")] {
        kindly(&j.db)
            .env("KINDLY_CONFIG", config)
            .args(["sync", verb, f, "--sync-passphrase-file", p])
            .assert()
            .success();
    }
    let text = String::from_utf8(
        kindly(&a.db)
            .env("KINDLY_CONFIG", &desk)
            .args(["sync", "status"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(text.contains("This computer: desk\n"), "{text}");
    assert!(
        text.contains("\n  laptop: joined; last exchanged "),
        "{text}"
    );
}
