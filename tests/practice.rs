//! A practice that remembers: "you've met this thought before" (`search --like`, the
//! message after `thought`), the deck of the person's own kind words (`kindly kind`), the
//! questions the practice asks (helping or hurting, evidence for and against), letters with
//! a starting point, and the person's name on the report.

mod common;
use common::{TestJournal, refused};

fn ok(j: &TestJournal, args: &[&str]) -> (String, String) {
    let out = j.kindly().args(args).write_stdin("").output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The paraphrases written for the test, and unrelated thoughts sharing their filler words.
fn critic() -> TestJournal {
    let j = TestJournal::new();
    for (at, thought, reframe, before, after) in [
        (
            "2026-09-01 09:00",
            "I am such a terrible person",
            Some("I snapped because I was exhausted; I can repair it."),
            "90",
            "60",
        ),
        (
            "2026-10-12 09:00",
            "what a terrible person I am",
            Some("A good person can have a bad morning."),
            "80",
            "35",
        ),
        (
            "2026-10-20 09:00",
            "I am so tired of all of this",
            None,
            "50",
            "50",
        ),
        ("2026-10-21 09:00", "what a day I had", None, "40", "40"),
        ("2026-10-22 09:00", "I'm a terrible cook", None, "30", "30"),
        ("2026-10-23 09:00", "I am always late", None, "60", "50"),
    ] {
        let mut args = vec![
            "thought",
            "--thought",
            thought,
            "--at",
            at,
            "--belief",
            before,
            "--belief-after",
            after,
        ];
        if let Some(r) = reframe {
            args.extend(["--reframe", r]);
        }
        ok(&j, &args);
    }
    j
}

#[test]
fn search_like_ranks_the_paraphrases_first_and_leaves_unrelated_thoughts_out() {
    let j = critic();
    let (out, _) = ok(
        &j,
        &[
            "search",
            "--like",
            "I'm a terrible person",
            "--format",
            "json",
        ],
    );
    let found: serde_json::Value = serde_json::from_str(&out).unwrap();
    let thoughts: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["thought"].as_str().unwrap())
        .collect();
    assert_eq!(thoughts.len(), 2, "{thoughts:?}");
    assert!(thoughts.contains(&"I am such a terrible person"));
    assert!(thoughts.contains(&"what a terrible person I am"));
    assert_eq!(found[0]["likeness"], 1.0);

    let (text, _) = ok(&j, &["search", "--like", "I'm a terrible person"]);
    assert!(
        text.contains(
            "You answered: A good person can have a bad morning.  (belief eased 80 → 35)"
        ),
        "{text}"
    );
    let (none, _) = ok(&j, &["search", "--like", "the train was cancelled"]);
    assert_eq!(none, "No earlier thought record is like this one.\n");
}

#[test]
fn a_returning_thought_is_met_with_the_answer_that_eased_it_most() {
    let j = critic();
    let (out, err) = ok(&j, &["thought", "--thought", "I'm a terrible person"]);
    assert_eq!(out.trim().len(), 36, "stdout stays the id alone: {out}");
    assert!(
        err.contains("You've met this thought before: twice, last on 12 October 2026."),
        "{err}"
    );
    // 80 → 35 eased more than 90 → 60.
    assert!(
        err.contains("A good person can have a bad morning."),
        "{err}"
    );
    let (_, quiet) = ok(&j, &["thought", "--thought", "The bus was late again"]);
    assert!(!quiet.contains("met this thought"), "{quiet}");
}

#[test]
fn bad_like_and_practice_values_are_refused() {
    refused(&["search", "--like", "  "], "--like is empty");
    refused(
        &["thought", "--thought", "x", "--helps", "maybe"],
        "--helps",
    );
    refused(&["write", "--prompt", "friend"], "--prompt is for letters");
    refused(
        &["write", "--kind", "letter", "--prompt", " "],
        "--prompt is empty",
    );
    refused(&["kind", "remove", ""], "the line is empty");
}

#[test]
fn helps_evidence_and_prompts_round_trip_and_old_exports_still_import() {
    let j = TestJournal::new();
    ok(
        &j,
        &[
            "thought",
            "--thought",
            "I always ruin things",
            "--helps",
            "hurting",
            "--evidence-for",
            "I forgot the tickets",
            "--evidence-against",
            "I fixed it within the hour",
        ],
    );
    let out = j
        .kindly()
        .args(["write", "--kind", "letter", "--prompt", "younger-self"])
        .write_stdin("Dear me at nine,\nYou were doing your best.\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let first = j.export();
    let t = &first["thoughts"][0];
    assert_eq!(t["helps"], "hurting");
    assert_eq!(t["evidence_for"], "I forgot the tickets");
    assert_eq!(t["evidence_against"], "I fixed it within the hour");
    assert_eq!(first["entries"][0]["prompt"], "younger-self");

    // Into a fresh journal and out again: the same document.
    let file = j.file("all.json", serde_json::to_vec(&first).unwrap());
    let other = TestJournal::new();
    ok(&other, &["import", file.to_str().unwrap()]);
    assert_eq!(other.export()["thoughts"], first["thoughts"]);
    assert_eq!(other.export()["entries"], first["entries"]);

    // An export from before these fields existed still imports.
    let mut old = first.clone();
    for key in ["helps", "evidence_for", "evidence_against"] {
        old["thoughts"][0].as_object_mut().unwrap().remove(key);
    }
    for key in ["prompt", "kept_lines"] {
        old["entries"][0].as_object_mut().unwrap().remove(key);
    }
    let old_file = j.file("old.json", serde_json::to_vec(&old).unwrap());
    let third = TestJournal::new();
    ok(&third, &["import", old_file.to_str().unwrap()]);
    assert_eq!(
        third.export()["thoughts"][0]["helps"],
        serde_json::Value::Null
    );
    assert_eq!(
        third.export()["entries"][0]["prompt"],
        serde_json::Value::Null
    );
}

#[test]
fn kind_never_repeats_the_last_line_never_shows_a_removed_one_and_is_quiet_when_empty() {
    let empty = TestJournal::new();
    let (nothing, err) = ok(&empty, &["kind"]);
    assert_eq!((nothing.as_str(), err.as_str()), ("", ""));
    assert!(
        !empty.db.exists(),
        "a start-up line never creates a journal"
    );

    let j = critic();
    ok(
        &j,
        &[
            "thought",
            "--thought",
            "I'm behind everyone",
            "--reframe",
            "Everyone's path has its own pace.",
        ],
    );
    let mut shown = Vec::new();
    for _ in 0..8 {
        let (line, _) = ok(&j, &["kind"]);
        shown.push(line.trim().to_string());
    }
    for pair in shown.windows(2) {
        assert_ne!(pair[0], pair[1], "{shown:?}");
    }
    let (list, _) = ok(&j, &["kind", "list"]);
    assert_eq!(list.lines().count(), 3, "{list}");
    ok(&j, &["kind", "remove", "Everyone's path has its own pace."]);
    for _ in 0..6 {
        let (line, _) = ok(&j, &["kind"]);
        assert_ne!(line.trim(), "Everyone's path has its own pace.");
    }
    let (json, _) = ok(&j, &["kind", "list", "--format", "json"]);
    let deck: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(deck.as_array().unwrap().len(), 2);
    assert_eq!(deck[0]["source"], "reframe");
}

#[test]
fn the_report_carries_the_name_from_config_and_nothing_else_identifying() {
    let j = critic();
    let config = j.file("config.toml", "name = \"Sam Example\"\n");
    let out = j.db.with_file_name("summary.md");
    let status = j
        .kindly()
        .env("KINDLY_CONFIG", &config)
        .args(["report", "--weeks", "16", "--until", "2026-10-31"])
        .args(["--format", "md", "-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(status.status.success());
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(
        md.starts_with("# kindly summary for Sam Example: "),
        "{}",
        md.lines().next().unwrap_or_default()
    );
    let bare = j.db.with_file_name("bare.md");
    let status = j
        .kindly()
        .args(["report", "--weeks", "16", "--until", "2026-10-31"])
        .args(["--format", "md", "-o", bare.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(status.status.success());
    assert!(
        std::fs::read_to_string(&bare)
            .unwrap()
            .starts_with("# kindly summary: ")
    );
}

/// A journal with a kinder answer written a year before NOW (2026-11-29 in the tests).
fn a_year_on() -> kindly::store::Store {
    let mut store = kindly::store::Store::open_in_memory().unwrap();
    let mut t = kindly::domain::Thought::new(common::at("2025-11-29T10:00:00+00:00"), "I'm a mess")
        .unwrap();
    t.reframe = Some("I'm tired, and tired isn't a mess.".into());
    store.save_thought(&t, None).unwrap();
    store
}

#[test]
fn a_year_ago_kindly_comes_back_on_the_check_in_pane_unless_look_back_is_off() {
    let app = common::app_with(a_year_on(), common::NOW);
    let screen = common::text(&app, 80, 24);
    assert!(screen.contains("A year ago today you answered"), "{screen}");
    insta::assert_snapshot!("look_back_80x24", common::screen(&app, 80, 24));

    let config = kindly::config::Config {
        look_back: false,
        ..Default::default()
    };
    let now = common::at(common::NOW);
    let off = kindly::tui::App::new(
        a_year_on(),
        config,
        kindly::tui::theme::Theme::monochrome(),
        Box::new(move || now),
    )
    .unwrap();
    assert!(!common::text(&off, 80, 24).contains("A year ago"));
}

#[test]
fn trends_emotions_shows_emotions_by_week_feelings_before_and_after_and_weekdays() {
    use kindly::domain::{FeltEmotion, Label, Percent, Scale};
    let mut store = kindly::store::Store::open_in_memory().unwrap();
    // Monday 23 and Tuesday 24 November: "tired" twice, "calm" once; moods 4 and 8.
    store
        .save_checkin(
            &common::checkin("2026-11-23T09:00:00+00:00", 4, "tired", None),
            None,
        )
        .unwrap();
    store
        .save_checkin(
            &common::checkin("2026-11-24T09:00:00+00:00", 8, "tired,calm", None),
            None,
        )
        .unwrap();
    let mut t = kindly::domain::Thought::new(common::at("2026-11-24T10:00:00+00:00"), "I'm a mess")
        .unwrap();
    t.emotions = vec![FeltEmotion {
        name: Label::new("e", "ashamed").unwrap(),
        intensity: Percent::new(80).ok(),
        intensity_after: Percent::new(40).ok(),
    }];
    store.save_thought(&t, None).unwrap();
    let mut app = common::app_with(store, common::NOW);
    common::press(
        &mut app,
        &[common::key(ratatui::crossterm::event::KeyCode::BackTab)],
    );
    common::press(&mut app, &[common::ch('h')]);
    let screen = common::text(&app, 80, 24);
    assert!(
        screen.contains("Emotions you noticed, week by week"),
        "{screen}"
    );
    assert!(screen.contains(" 2×"), "tired, twice: {screen}");
    assert!(
        screen.contains("ashamed") && screen.contains("80% → 40%"),
        "{screen}"
    );
    assert!(
        screen.contains("Mon 4.0 (1)") && screen.contains("Tue 8.0 (1)"),
        "{screen}"
    );
    insta::assert_snapshot!("trends_emotions_80x24", common::screen(&app, 80, 24));
    insta::assert_snapshot!("trends_emotions_40x12", common::screen(&app, 40, 12));
}
