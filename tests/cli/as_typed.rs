//! What people type in a hurry: dates in words, ids cut short, a plain word that names a
//! ritual, and the support line on standard error for crisis words however written.

use chrono::{Datelike, Days, Local, NaiveDate, Timelike, Weekday};

use crate::common::{TestJournal, checkin, refused};

/// Runs `checkin --mood 5 --at WHEN` on a fresh journal: the stored moment as
/// `YYYY-MM-DD HH:MM`, or the one line it was refused with (exit 2).
fn stored(when: &str) -> Result<String, String> {
    let j = TestJournal::new();
    let out = j
        .kindly()
        .args(["checkin", "--mood", "5", "--at", when])
        .output()
        .unwrap();
    if out.status.code() == Some(2) {
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{when}: {err}");
        return Err(err);
    }
    assert!(
        out.status.success(),
        "{when}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let at = j.export()["checkins"][0]["at"]
        .as_str()
        .unwrap()
        .to_string();
    Ok(at[..16].replace('T', " "))
}

fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn day_hm(day: NaiveDate, hm: &str) -> String {
    format!("{day} {hm}")
}

/// The latest `weekday` not after today; strictly before it with `before`.
fn latest(weekday: Weekday, before: bool) -> NaiveDate {
    let mut d = today();
    if before {
        d = d - Days::new(1);
    }
    while d.weekday() != weekday {
        d = d - Days::new(1);
    }
    d
}

#[test]
fn checkin_at_yesterday_21_00_is_stored_yesterday_at_21_00_local_time() {
    let yesterday = today() - Days::new(1);
    assert_eq!(
        stored("yesterday 21:00").unwrap(),
        day_hm(yesterday, "21:00")
    );
}

#[test]
fn each_form_of_a_date_in_words_is_read_by_at() {
    let yesterday = today() - Days::new(1);
    assert_eq!(
        stored("yesterday 21:40").unwrap(),
        day_hm(yesterday, "21:40")
    );
    assert_eq!(stored("yesterday").unwrap(), day_hm(yesterday, "12:00"));
    assert_eq!(stored("today 12am").unwrap(), day_hm(today(), "00:00"));
    assert_eq!(
        stored("last friday 20:00").unwrap(),
        day_hm(latest(Weekday::Fri, true), "20:00")
    );
    let three_ago = today() - Days::new(3);
    assert_eq!(
        stored(&three_ago.format("%A").to_string()).unwrap(),
        day_hm(three_ago, "12:00"),
        "a weekday alone is its latest, at noon"
    );
    // Today alone is at noon, or now while noon is still ahead: never refused.
    let now = Local::now();
    let expected = if now.hour() >= 12 {
        day_hm(today(), "12:00")
    } else {
        now.format("%Y-%m-%d %H:%M").to_string()
    };
    let said = stored(&today().format("%A").to_string()).unwrap();
    assert!(
        said == expected || now.hour() < 12 && said > expected,
        "{said} / {expected}"
    );
    assert_eq!(
        stored("2 days ago").unwrap(),
        day_hm(today() - Days::new(2), "12:00")
    );
    assert_eq!(stored("3 December 2025 09:15").unwrap(), "2025-12-03 09:15");
    assert_eq!(stored("2025-12-03 09:15").unwrap(), "2025-12-03 09:15");
    // Forms whose answer depends on the hour or the day the test runs.
    // The hour is read just before and just after kindly runs, so a run that crosses the
    // hour (19:59:59 → 20:00:00) is judged by the hour kindly itself could have seen.
    for (said, at_hour) in [("today 8am", 8), ("8pm", 20)] {
        let before = Local::now().hour();
        let answer = stored(said);
        let after = Local::now().hour();
        match answer {
            Ok(at) => {
                assert!(after >= at_hour, "{said} stored while still ahead: {at}");
                assert_eq!(at, day_hm(today(), &format!("{at_hour:02}:00")));
            }
            Err(e) => {
                assert!(before <= at_hour, "{said} refused after it had been: {e}");
                assert!(e.contains("--at is in the future"), "{e}");
            }
        }
    }
    let third = NaiveDate::from_ymd_opt(today().year(), 12, 3).unwrap();
    match stored("3 Dec") {
        Ok(at) => assert_eq!(at, day_hm(third, "12:00")),
        Err(e) => assert!(
            third > today() && e.contains("for last year's, write 3 Dec"),
            "{e}"
        ),
    }
}

#[test]
fn days_in_words_are_read_by_from_to_and_until() {
    let j = TestJournal::new().with_checkins(&[
        checkin(
            &format!("{}T09:00:00+00:00", today() - Days::new(3)),
            4,
            "",
            None,
        ),
        checkin(
            &format!("{}T09:00:00+00:00", today() - Days::new(1)),
            6,
            "",
            None,
        ),
    ]);
    let out = j
        .kindly()
        .args([
            "export",
            "--format",
            "json",
            "--from",
            "2 days ago",
            "--to",
            "yesterday",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let moods: Vec<&serde_json::Value> = doc["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["mood"])
        .collect();
    assert_eq!(
        moods,
        [&serde_json::json!(6)],
        "only yesterday's is inside the span"
    );
    for args in [
        &["trends", "--until", "last friday"][..],
        &["search", "anything", "--from", "3 December 2025"],
    ] {
        let out = j.kindly().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn hurried_or_ahead_dates_are_refused_with_what_to_write() {
    refused(
        &["checkin", "--mood", "5", "--at", "yestrday"],
        "did you mean yesterday?",
    );
    refused(
        &["checkin", "--mood", "5", "--at", "next friday"],
        "--at is in the future",
    );
    refused(
        &["checkin", "--mood", "5", "--at", "tomorrow 9am"],
        "--at is in the future",
    );
    refused(
        &["checkin", "--mood", "5", "--at", "friday 8"],
        "write 8am, 8pm or 8:00",
    );
    refused(&["export", "--from", "3/12"], "could mean two days");
    refused(
        &["trends", "--until", "someday"],
        "--until didn't read as a date: try",
    );
}

const A: &str = "15107e2e-1c3a-4b2f-9d7e-2b1f0a9c3d4e";
const B: &str = "15107e91-0000-4000-8000-000000000000";

fn two_alike_ids() -> TestJournal {
    let mut first = checkin("2026-11-20T09:00:00+00:00", 4, "", Some("the long week"));
    first.id = uuid::Uuid::parse_str(A).unwrap();
    let mut second = checkin("2026-11-21T09:00:00+00:00", 7, "", None);
    second.id = uuid::Uuid::parse_str(B).unwrap();
    TestJournal::new().with_checkins(&[first, second])
}

#[test]
fn session_add_takes_the_first_eight_characters_of_an_id() {
    let j = two_alike_ids();
    let out = j
        .kindly()
        .args(["session", "add", &A[..8]])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let marks = j.store().waiting_marks().unwrap();
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].record.map(|r| r.1.to_string()).as_deref(), Some(A));
    let list = String::from_utf8(j.kindly().arg("session").output().unwrap().stdout).unwrap();
    let mark = marks[0].id.to_string();
    assert!(
        list.contains(&format!("({})", &mark[..8])),
        "the list shows the short id: {list}"
    );
    assert!(!list.contains(&mark), "{list}");
    // And takes a mark out by its short id too.
    let out = j
        .kindly()
        .args(["session", "remove", &mark[..6]])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(j.store().waiting_marks().unwrap().is_empty());
}

#[test]
fn an_id_start_that_could_mean_two_records_lists_them_and_exits_2() {
    let j = two_alike_ids();
    let out = j
        .kindly()
        .args(["session", "add", "15107e"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("could mean 2 records"), "{err}");
    assert!(
        err.contains("15107e2e (check-in of 20 Nov, mood 4)"),
        "{err}"
    );
    assert!(
        err.contains("15107e91 (check-in of 21 Nov, mood 7)"),
        "{err}"
    );
    assert!(
        j.store().waiting_marks().unwrap().is_empty(),
        "nothing written"
    );
    let out = j
        .kindly()
        .args(["session", "add", "15107"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 6 characters"));
    let out = j
        .kindly()
        .args(["session", "add", "abcdef12"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("isn't a record in this journal"));
}

#[test]
fn search_shows_the_short_id_that_session_add_takes() {
    let j = two_alike_ids();
    let out = j.kindly().args(["search", "long week"]).output().unwrap();
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.contains(&A[..8]) && !said.contains(A), "{said}");
}

#[test]
fn a_plain_search_word_lists_the_checkins_with_that_ritual_on_the_demo_journal() {
    let j = TestJournal::new();
    let out = j
        .kindly()
        .args(["demo", "--weeks", "4", "--fill-only"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = j.export();
    let walked: Vec<String> = doc["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["rituals"].as_array().unwrap().iter().any(|r| r == "walk"))
        .map(|c| c["id"].as_str().unwrap()[..8].to_string())
        .collect();
    assert!(!walked.is_empty(), "the demo has walks");
    let out = j
        .kindly()
        .args(["search", "walk", "--limit", "1000"])
        .output()
        .unwrap();
    let said = String::from_utf8(out.stdout).unwrap();
    for id in &walked {
        assert!(
            said.contains(id.as_str()),
            "check-in {id} with the ritual walk is missing: {said}"
        );
    }
    let plain =
        String::from_utf8(j.kindly().args(["search", "walk"]).output().unwrap().stdout).unwrap();
    assert!(plain.lines().any(|l| l.starts_with("check-in")), "{plain}");
}

#[test]
fn the_writers_say_the_support_line_on_stderr_for_crisis_words_however_written() {
    let j = TestJournal::new();
    for args in [
        &["checkin", "--mood", "2", "--note", "i cant go on anymore"][..],
        &[
            "thought",
            "--thought",
            "everyone would be better off without me",
        ],
        &[
            "write",
            "--title",
            "tonight",
            "i dont want to be here anymore",
        ],
        &["write", "--tags", "kms", "a page"],
    ] {
        let out = j.kindly().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("emergency number"), "{args:?}: {err}");
        let id = String::from_utf8(out.stdout).unwrap();
        assert_eq!(
            id.trim().len(),
            36,
            "a script reading the pipe still gets the whole id"
        );
    }
    let out = j
        .kindly()
        .args([
            "checkin",
            "--mood",
            "6",
            "--note",
            "this deadline is killing me",
        ])
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stderr).unwrap().contains("emergency"));
}

#[test]
fn marks_made_in_the_same_minute_are_listed_by_ids_that_tell_them_apart() {
    let j = TestJournal::new();
    for note in ["ask about sleep", "ask about the new dose"] {
        j.kindly()
            .args(["session", "add", "--note", note])
            .assert()
            .success();
    }
    let listed = |j: &TestJournal| {
        let out = j.kindly().args(["session"]).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let text = listed(&j);
    let shown: Vec<String> = text
        .lines()
        .map(|l| {
            let (_, id) = l.rsplit_once("  (").expect("an id at the end");
            id.trim_end_matches(')').to_string()
        })
        .collect();
    assert_eq!(shown.len(), 2, "{text}");
    assert_ne!(shown[0], shown[1], "{text}");
    j.kindly()
        .args(["session", "remove", &shown[0]])
        .assert()
        .success();
    let text = listed(&j);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("ask about the new dose"), "{text}");
}
