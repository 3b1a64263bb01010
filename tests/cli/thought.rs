//! `kindly thought`: the record, its relief, its validation and the person's own traps.

use super::*;

#[test]
fn thought_then_export_shows_the_record_and_its_relief() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let out = kindly(&db)
        .args([
            "thought",
            "--thought",
            "I always mess this up",
            "--belief",
            "80",
            "--belief-after",
            "40",
            "--distortions",
            "overgeneralisation",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let doc = export(&db);
    let t = &doc["thoughts"][0];
    assert_eq!(t["id"], id);
    assert_eq!(t["thought"], "I always mess this up");
    assert_eq!(t["distortions"], serde_json::json!(["overgeneralisation"]));
    let relief = t["belief"].as_i64().unwrap() - t["belief_after"].as_i64().unwrap();
    assert_eq!(relief, 40);
    assert!(
        t["at"].as_str().unwrap().len() >= 25,
        "RFC 3339 with offset"
    );
}

#[test]
fn a_full_thought_keeps_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args([
            "thought",
            "--thought",
            "I'm such an idiot",
            "--situation",
            "Forgot the meeting",
            "--voice",
            "Dad",
            "--emotion",
            "shame=90",
            "--emotion",
            "fear=50",
            "--belief",
            "70",
            "--distortions",
            "Labeling, all_or_nothing",
            "--friend",
            "Anyone can forget.",
            "--reframe",
            "I forgot once; I'm not an idiot.",
            "--belief-after",
            "20",
            "--intensity-after",
            "30",
            "--at",
            "2026-11-20 08:00",
        ])
        .assert()
        .success();
    let t = &export(&db)["thoughts"][0];
    assert_eq!(t["situation"], "Forgot the meeting");
    assert_eq!(t["voice"], "Dad");
    assert_eq!(
        t["emotions"],
        serde_json::json!([
            {"name": "shame", "intensity": 90, "intensity_after": 30},
            {"name": "fear", "intensity": 50, "intensity_after": 30}
        ])
    );
    assert_eq!(
        t["distortions"],
        serde_json::json!(["labelling", "all-or-nothing"])
    );
    assert_eq!(t["friend"], "Anyone can forget.");
    assert_eq!(t["reframe"], "I forgot once; I'm not an idiot.");
}

#[test]
fn thought_validation_refuses_and_writes_nothing() {
    fn t<'a>(extra: &[&'a str]) -> Vec<&'a str> {
        let mut v = vec!["thought", "--thought", "I never get it right"];
        v.extend_from_slice(extra);
        v
    }
    refused(
        &t(&["--belief", "101"]),
        "belief is a whole number from 0 to 100",
    );
    refused(
        &t(&["--belief", "-1"]),
        "belief is a whole number from 0 to 100",
    );
    refused(
        &t(&["--belief-after", "lots"]),
        "belief-after is a whole number from 0 to 100",
    );
    refused(
        &t(&["--intensity-after", "200", "--emotion", "sad=5"]),
        "intensity-after is a whole number from 0 to 100",
    );
    refused(
        &t(&["--intensity-after", "20"]),
        "needs at least one --emotion",
    );
    refused(
        &t(&["--emotion", "shame=101"]),
        "the intensity of shame is a whole number from 0 to 100",
    );
    refused(&t(&["--emotion", "=50"]), "--emotion has an empty name");
    refused(
        &t(&["--distortions", "grumpiness"]),
        "known ones: all-or-nothing, overgeneralisation",
    );
    refused(
        &t(&["--distortions", "labelling,,"]),
        "distortions has an empty name",
    );
    refused(&t(&["--at", "someday"]), "--at didn't read as a date");
    refused(&["thought", "--thought", "   "], "thought is empty");
    refused(&["thought", "--belief", "50"], "--thought");
}

#[test]
fn own_distortion_labels_from_config_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let cfg = dir.path().join("config.toml");
    std::fs::write(
        &cfg,
        "distortions = [\"comparing: measuring myself against others\"]\n",
    )
    .unwrap();
    Command::cargo_bin("kindly")
        .unwrap()
        .arg("--db")
        .arg(&db)
        .arg("--config")
        .arg(&cfg)
        .args([
            "thought",
            "--thought",
            "She's better than me",
            "--distortions",
            "comparing",
        ])
        .assert()
        .success();
    assert_eq!(
        export(&db)["thoughts"][0]["distortions"],
        serde_json::json!(["comparing"])
    );
}
