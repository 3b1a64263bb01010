//! Merging field by field: the cases each rule is there for.

use super::*;
use serde_json::json;

fn clock(hlc: i64, device: &str) -> Clock {
    Clock {
        hlc,
        device: device.into(),
    }
}

fn obj(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

fn stamps(fields: &[(&str, i64, &str, Option<i64>)]) -> Stamps {
    fields
        .iter()
        .map(|(f, h, d, from)| {
            (
                f.to_string(),
                Stamp {
                    at: clock(*h, d),
                    from: from.map(|h| clock(h, "a")),
                    base: None,
                },
            )
        })
        .collect()
}

#[test]
fn mood_from_one_computer_and_a_note_sentence_from_the_other_both_survive() {
    // This journal sent its mood change; the other added a sentence to the note.
    let here = obj(json!({"id": "x", "mood": 7, "note": "Walked."}));
    let there = obj(json!({"id": "x", "mood": 5, "note": "Walked. It rained."}));
    let m = merge(
        &Local {
            record: &here,
            agreed: &here,
            stamps: &stamps(&[("mood", 20, "a", Some(10)), ("note", 10, "a", None)]),
            pending: None,
            whole: clock(10, "a"),
        },
        &Incoming {
            record: &there,
            stamps: &stamps(&[("mood", 10, "a", None), ("note", 21, "b", Some(10))]),
            whole: clock(10, "a"),
        },
    );
    assert_eq!(m.record["mood"], json!(7));
    assert_eq!(m.record["note"], json!("Walked. It rained."));
    assert!(m.kept.is_empty());
}

#[test]
fn an_unsent_edit_and_another_computers_edit_of_the_same_note_merge() {
    let agreed = obj(json!({"note": "First. Second."}));
    let here = obj(json!({"note": "First. Mine. Second."}));
    let there = obj(json!({"note": "First. Second. Theirs."}));
    let m = merge(
        &Local {
            record: &here,
            agreed: &agreed,
            stamps: &stamps(&[("note", 10, "a", None)]),
            pending: Some(clock(30, "a")),
            whole: clock(10, "a"),
        },
        &Incoming {
            record: &there,
            stamps: &stamps(&[("note", 20, "b", Some(10))]),
            whole: clock(10, "a"),
        },
    );
    assert_eq!(m.record["note"], json!("First. Mine. Second. Theirs."));
    assert_eq!(m.agreed["note"], json!("First. Second. Theirs."));
    assert_eq!(m.both, 1);
}

#[test]
fn overlapping_edits_keep_both_texts() {
    let agreed = obj(json!({"body": "Today."}));
    let here = obj(json!({"body": "Today was long."}));
    let there = obj(json!({"body": "Today was lovely."}));
    let m = merge(
        &Local {
            record: &here,
            agreed: &agreed,
            stamps: &stamps(&[("body", 10, "a", None)]),
            pending: Some(clock(30, "a")),
            whole: clock(10, "a"),
        },
        &Incoming {
            record: &there,
            stamps: &stamps(&[("body", 20, "b", Some(10))]),
            whole: clock(10, "a"),
        },
    );
    assert_eq!(m.record["body"], json!("Today was long."));
    assert_eq!(m.kept.len(), 1);
    assert_eq!(m.kept[0].text, json!("Today was lovely."));
}

#[test]
fn two_published_versions_settle_the_same_way_from_either_side() {
    let l = obj(json!({"note": "A. B. C."}));
    let i = obj(json!({"note": "Z. A. B."}));
    let mut sl = stamps(&[("note", 20, "a", Some(10))]);
    let mut si = stamps(&[("note", 25, "b", Some(10))]);
    for s in [&mut sl, &mut si] {
        s.get_mut("note").unwrap().base = Some(json!("A. B."));
    }
    let at_l = merge(
        &Local {
            record: &l,
            agreed: &l,
            stamps: &sl,
            pending: None,
            whole: clock(1, "a"),
        },
        &Incoming {
            record: &i,
            stamps: &si,
            whole: clock(1, "a"),
        },
    );
    let at_i = merge(
        &Local {
            record: &i,
            agreed: &i,
            stamps: &si,
            pending: None,
            whole: clock(1, "a"),
        },
        &Incoming {
            record: &l,
            stamps: &sl,
            whole: clock(1, "a"),
        },
    );
    assert_eq!(at_l.record["note"], json!("Z. A. B. C."));
    assert_eq!(at_l.record["note"], at_i.record["note"]);
    assert_eq!(at_l.stamps, at_i.stamps);
}

#[test]
fn a_step_forward_is_taken_and_an_older_version_is_passed_over() {
    let old = obj(json!({"mood": 3}));
    let new = obj(json!({"mood": 6}));
    let s_old = stamps(&[("mood", 10, "a", None)]);
    let s_new = stamps(&[("mood", 20, "b", Some(10))]);
    let forward = merge(
        &Local {
            record: &old,
            agreed: &old,
            stamps: &s_old,
            pending: None,
            whole: clock(1, "a"),
        },
        &Incoming {
            record: &new,
            stamps: &s_new,
            whole: clock(1, "a"),
        },
    );
    assert_eq!(forward.record["mood"], json!(6));
    let back = merge(
        &Local {
            record: &new,
            agreed: &new,
            stamps: &s_new,
            pending: None,
            whole: clock(1, "a"),
        },
        &Incoming {
            record: &old,
            stamps: &s_old,
            whole: clock(1, "a"),
        },
    );
    assert_eq!(back.record["mood"], json!(6));
    assert!(!back.changed);
}

#[test]
fn an_older_sentence_arriving_under_an_unsent_edit_is_merged_in() {
    // Both wrote over "A. B." (clock 10): "A. B. C." at 20 here late, "Z. A. B." at 25
    // here already, and an edit of it waits: the older one's sentence joins the edit.
    let mut agreed_stamps = stamps(&[("note", 25, "b", Some(10))]);
    agreed_stamps.get_mut("note").unwrap().base = Some(json!("A. B."));
    let agreed = obj(json!({"note": "Z. A. B."}));
    let here = obj(json!({"note": "Y. Z. A. B."}));
    let mut s_there = stamps(&[("note", 20, "c", Some(10))]);
    s_there.get_mut("note").unwrap().base = Some(json!("A. B."));
    let there = obj(json!({"note": "A. B. C."}));
    let m = merge(
        &Local {
            record: &here,
            agreed: &agreed,
            stamps: &agreed_stamps,
            pending: Some(clock(30, "b")),
            whole: clock(10, "a"),
        },
        &Incoming {
            record: &there,
            stamps: &s_there,
            whole: clock(10, "a"),
        },
    );
    assert_eq!(m.record["note"], json!("Y. Z. A. B. C."));
    assert_eq!(m.agreed["note"], json!("Z. A. B. C."));
    assert!(m.kept.is_empty());
}

#[test]
fn a_step_forward_from_a_text_other_than_the_one_here_keeps_the_words_here() {
    // "Z. A. B. C." here is a merge that kept the clock 25 of "Z. A. B."; the other
    // computer wrote over "Z. A. B." itself and never saw "C.".
    let here = obj(json!({"note": "Z. A. B. C."}));
    let s_here = stamps(&[("note", 25, "b", Some(10))]);
    let there = obj(json!({"note": "Z. A. B. W."}));
    let mut s_there = stamps(&[("note", 30, "b", Some(25))]);
    s_there.get_mut("note").unwrap().from = Some(clock(25, "b"));
    s_there.get_mut("note").unwrap().base = Some(json!("Z. A. B."));
    let m = merge(
        &Local {
            record: &here,
            agreed: &here,
            stamps: &s_here,
            pending: None,
            whole: clock(10, "a"),
        },
        &Incoming {
            record: &there,
            stamps: &s_there,
            whole: clock(10, "a"),
        },
    );
    let kept: Vec<_> = m.kept.iter().map(|k| k.text.clone()).collect();
    assert_eq!(m.record["note"], json!("Z. A. B. W."));
    assert_eq!(kept, vec![json!("Z. A. B. C.")]);
}
