use super::*;

/// Sunday 29 November 2026, half past ten in the morning.
fn now() -> DateTime<FixedOffset> {
    let naive = NaiveDate::from_ymd_opt(2026, 11, 29)
        .and_then(|d| d.and_hms_opt(10, 30, 0))
        .expect("a moment");
    local_from_naive("at", naive).expect("a local moment")
}

fn today() -> NaiveDate {
    now().date_naive()
}

/// What `text` reads as, as a check-in's moment (a time alone on the 20th, a day alone at
/// noon), written `YYYY-MM-DD HH:MM`; or the refusal.
fn at(text: &str) -> Result<String, String> {
    let on = NaiveDate::from_ymd_opt(2026, 11, 20).expect("a day");
    let noon = NaiveTime::from_hms_opt(12, 0, 0).expect("noon");
    read_moment("--at", text, now(), on, noon)
        .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
        .map_err(|e| e.to_string())
}

fn day(text: &str) -> Result<String, String> {
    read_day("--from", text, today())
        .map(|d| d.to_string())
        .map_err(|e| e.to_string())
}

#[test]
fn yesterday_with_and_without_a_time() {
    assert_eq!(at("yesterday 21:40").unwrap(), "2026-11-28 21:40");
    assert_eq!(at("Yesterday, 9:05pm").unwrap(), "2026-11-28 21:05");
    assert_eq!(at("21:40 yesterday").unwrap(), "2026-11-28 21:40");
    assert_eq!(at("yesterday").unwrap(), "2026-11-28 12:00");
    assert_eq!(day("yesterday").unwrap(), "2026-11-28");
}

#[test]
fn today_with_am_and_pm() {
    assert_eq!(at("today 8am").unwrap(), "2026-11-29 08:00");
    assert_eq!(at("today 8 am").unwrap(), "2026-11-29 08:00");
    assert_eq!(at("today 12am").unwrap(), "2026-11-29 00:00");
    assert_eq!(at("yesterday noon").unwrap(), at("yesterday 12pm").unwrap());
    assert!(at("today 8pm").unwrap_err().contains("is in the future"));
}

#[test]
fn a_time_alone_is_on_the_day_being_looked_at() {
    assert_eq!(at("8pm").unwrap(), "2026-11-20 20:00");
    assert_eq!(at("21:15").unwrap(), "2026-11-20 21:15");
    assert_eq!(at("7:30am").unwrap(), "2026-11-20 07:30");
}

#[test]
fn weekdays_are_the_latest_one_that_has_been() {
    // The 29th is a Sunday.
    assert_eq!(at("last friday 20:00").unwrap(), "2026-11-27 20:00");
    assert_eq!(at("friday").unwrap(), "2026-11-27 12:00");
    assert_eq!(at("fri 8pm").unwrap(), "2026-11-27 20:00");
    assert_eq!(day("sunday").unwrap(), "2026-11-29");
    assert_eq!(day("last sunday").unwrap(), "2026-11-22");
    assert_eq!(day("on Monday").unwrap(), "2026-11-23");
}

#[test]
fn days_and_weeks_ago() {
    assert_eq!(at("2 days ago").unwrap(), "2026-11-27 12:00");
    assert_eq!(day("a week ago").unwrap(), "2026-11-22");
    assert_eq!(at("3 hours ago").unwrap(), "2026-11-29 07:30");
}

#[test]
fn a_day_and_month_with_or_without_a_year_and_time() {
    assert_eq!(day("3 Nov").unwrap(), "2026-11-03");
    assert_eq!(day("Nov 3rd").unwrap(), "2026-11-03");
    assert_eq!(at("3 December 2025 09:15").unwrap(), "2025-12-03 09:15");
    assert_eq!(at("3 November 2026 09:15").unwrap(), "2026-11-03 09:15");
    let ahead = day("3 Dec").unwrap_err();
    assert!(
        ahead.contains("in the future") && ahead.contains("3 Dec 2025"),
        "{ahead}"
    );
}

#[test]
fn the_iso_forms_already_taken_still_are() {
    assert_eq!(at("2026-11-02 07:45").unwrap(), "2026-11-02 07:45");
    assert_eq!(at("2026-11-02").unwrap(), "2026-11-02 12:00");
    assert!(at("2026-03-01T08:15:00+05:30").is_ok());
    assert_eq!(day("2026-11-02").unwrap(), "2026-11-02");
}

#[test]
fn what_is_ahead_is_refused_with_what_to_write() {
    for ahead in ["tomorrow", "next friday", "2026-12-24 10:00", "today 23:00"] {
        let err = at(ahead).unwrap_err();
        assert!(err.starts_with("--at is in the future"), "{ahead}: {err}");
    }
}

#[test]
fn what_could_mean_two_moments_is_refused_with_an_example() {
    let err = at("friday 8").unwrap_err();
    assert!(err.contains("8am, 8pm or 8:00"), "{err}");
    assert!(at("8").unwrap_err().contains("could mean"));
    let err = day("3/12").unwrap_err();
    assert!(
        err.contains("could mean two days") && err.contains("3 Dec 2026"),
        "{err}"
    );
    assert!(day("29/11/2026").is_err());
}

#[test]
fn what_doesnt_read_is_refused_with_examples_and_a_guess() {
    let err = at("yestrday").unwrap_err();
    assert!(err.starts_with("--at didn't read as a date: try"), "{err}");
    assert!(err.contains("did you mean yesterday?"), "{err}");
    for bad in ["", "last week", "today 25:00", "2026-13-01", "soon", "13pm"] {
        assert!(at(bad).unwrap_err().contains("didn't read"), "{bad}");
    }
}

#[test]
fn today_alone_before_noon_is_now_not_the_future() {
    assert_eq!(at("today").unwrap(), "2026-11-29 10:30");
    assert_eq!(at("sunday").unwrap(), "2026-11-29 10:30");
    assert_eq!(at("saturday").unwrap(), "2026-11-28 12:00");
}
