//! kindly's JSON format: what an export looks like, and what an import reads.

use super::*;

#[test]
fn absent_values_are_null_or_empty() {
    let at = DateTime::parse_from_rfc3339("2026-11-29T08:00:00+01:00").unwrap();
    let c = CheckIn::new(at, Mood::new(7).unwrap());
    let mut buf = Vec::new();
    write(
        &export(&Journal {
            checkins: vec![c.clone()],
            ..Journal::default()
        }),
        &mut buf,
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
    assert_eq!(v["format"], "kindly");
    assert_eq!(v["version"], 1);
    let rec = &v["checkins"][0];
    assert_eq!(rec["id"], c.id.to_string());
    assert_eq!(rec["at"], "2026-11-29T08:00:00+01:00");
    assert_eq!(rec["mood"], 7);
    assert!(rec["energy"].is_null());
    assert!(rec["note"].is_null());
    assert_eq!(rec["emotions"], serde_json::json!([]));
    for key in ["thoughts", "entries", "breaks"] {
        assert_eq!(v[key], serde_json::json!([]));
    }
}

#[test]
fn a_record_with_only_its_required_fields_reads() {
    let text = r#"{"format":"kindly","version":1,"checkins":[
        {"id":"5f0c2a4e-8a3b-4c1d-9e2f-0a1b2c3d4e5f","at":"2026-11-29T08:00:00+01:00","mood":6}]}"#;
    let j = read(text).unwrap().journal;
    assert_eq!(j.checkins.len(), 1);
    assert_eq!(j.checkins[0].note, None);
    assert!(j.checkins[0].emotions.is_empty());
}

#[test]
fn unknown_fields_from_a_later_kindly_are_passed_over() {
    let text = r#"{"format":"kindly","version":1,"mood_scale":"1-10","checkins":[
        {"id":"5f0c2a4e-8a3b-4c1d-9e2f-0a1b2c3d4e5f","at":"2026-11-29T08:00:00+01:00","mood":6,"weather":"rain"}]}"#;
    assert_eq!(read(text).unwrap().journal.checkins.len(), 1);
}

#[test]
fn a_newer_version_is_refused_for_what_it_is() {
    // Even with a record this kindly could not read, the version is what it names.
    let text = r#"{"format":"kindly","version":2,"checkins":[{"id":7,"mood":"sunny"}]}"#;
    let err = read(text).unwrap_err().to_string();
    assert!(err.contains("newer kindly (version 2"), "{err}");
}

#[test]
fn every_field_round_trips() {
    let at = DateTime::parse_from_rfc3339("2026-11-29T08:00:00+01:00").unwrap();
    let mut t = Thought::new(at, "I always get this wrong").unwrap();
    t.voice = Some("my old boss".into());
    t.belief = Percent::new(80).ok();
    t.belief_after = Percent::new(30).ok();
    t.emotions.push(FeltEmotion {
        name: Label::new("emotions", "shame").unwrap(),
        intensity: Percent::new(70).ok(),
        intensity_after: Percent::new(40).ok(),
    });
    let j = Journal {
        thoughts: vec![t],
        ..Journal::default()
    };
    let doc = export(&j);
    let again = export(&doc.to_journal().unwrap());
    assert_eq!(doc.thoughts, again.thoughts);
}
