//! Dates and times as people type them ("yesterday 21:40", "last friday 8pm", "2 days ago",
//! "3 Dec"), read against the `now` the caller gives: one reader for the command line's
//! dates and the check-in's `@`. What could mean two moments, or one still ahead, is refused.

use chrono::{DateTime, Datelike, Days, Duration, FixedOffset, NaiveDate, NaiveTime, Weekday};

use super::InvalidInput;
use super::time::{local_from_naive, parse_date, parse_datetime};
use super::words::near;

/// A moment a little ahead of the clock is allowed, for clocks that disagree slightly.
pub const GRACE: Duration = Duration::minutes(5);

const EXAMPLES: &str =
    "try 2026-11-29 08:30, yesterday 21:40, last friday 8pm, 2 days ago or 3 Dec";

/// What a person typed, read: a day, perhaps a time on it, or a moment given whole.
enum Read {
    Day(NaiveDate, Option<NaiveTime>),
    Moment(DateTime<FixedOffset>),
}

/// A DATETIME: the moment `text` names, never ahead of `now`. A time alone is on `on` (the
/// day being looked at); a day alone is at `day_alone`, or now when that is today and
/// still ahead.
pub fn read_moment(
    field: &str,
    text: &str,
    now: DateTime<FixedOffset>,
    on: NaiveDate,
    day_alone: NaiveTime,
) -> Result<DateTime<FixedOffset>, InvalidInput> {
    let at = match read(field, text, now, on)? {
        Read::Moment(at) => at,
        Read::Day(day, Some(time)) => local_from_naive(field, day.and_time(time))?,
        // Today said alone ("today", "monday" on a Monday) is now, when its usual hour
        // is still ahead.
        Read::Day(day, None) => {
            let at = local_from_naive(field, day.and_time(day_alone))?;
            if day == now.date_naive() && at > now {
                now
            } else {
                at
            }
        }
    };
    if at > now + GRACE {
        return Err(InvalidInput::new(
            field,
            format!(
                "is in the future ({}); kindly records moments that have already happened",
                at.format("%a %-d %b %Y, %H:%M")
            ),
        ));
    }
    Ok(at)
}

/// A DATE: the day `text` names. A day written out (`2026-12-24`) is taken as given; one
/// said in words never lands ahead of `today`.
pub fn read_day(field: &str, text: &str, today: NaiveDate) -> Result<NaiveDate, InvalidInput> {
    if let Ok(day) = parse_date(field, text) {
        return Ok(day);
    }
    let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default();
    let now = local_from_naive(field, today.and_time(noon))?;
    match read(field, text, now, today)? {
        Read::Day(day, _) => Ok(day),
        Read::Moment(at) => Ok(at.date_naive()),
    }
}

fn read(
    field: &str,
    text: &str,
    now: DateTime<FixedOffset>,
    on: NaiveDate,
) -> Result<Read, InvalidInput> {
    let t = text.trim();
    if let Ok(at) = parse_datetime(field, t) {
        return Ok(Read::Moment(at));
    }
    let unread = |why: &str| {
        InvalidInput::new(
            field,
            format!("didn't read as a date: {EXAMPLES} (you gave '{t}'{why})"),
        )
    };
    let lower = t.to_lowercase().replace(',', " ");
    let mut words: Vec<&str> = lower
        .split_whitespace()
        .filter(|w| !matches!(*w, "at" | "on" | "the" | "of"))
        .collect();
    if words.is_empty() {
        return Err(unread(""));
    }
    if words
        .iter()
        .any(|w| w.contains('/') || (w.contains('.') && w.chars().any(|c| c.is_ascii_digit())))
    {
        return Err(InvalidInput::new(
            field,
            format!(
                "could mean two days, as the order of day and month differs between countries; write 3 Dec 2026 or 2026-12-03 (you gave '{t}')"
            ),
        ));
    }
    let today = now.date_naive();
    if words.as_slice() == ["now"] || words.as_slice() == ["just", "now"] {
        return Ok(Read::Moment(now));
    }
    if let [n, unit, "ago"] = words.as_slice() {
        let n: i64 = match *n {
            "a" | "an" | "one" => 1,
            n => n.parse().map_err(|_| unread(""))?,
        };
        let unit = unit.trim_end_matches('s');
        return Ok(match unit {
            "minute" | "min" => Read::Moment(now - Duration::minutes(n)),
            "hour" | "hr" => Read::Moment(now - Duration::hours(n)),
            "day" => Read::Day(today - Days::new(n.unsigned_abs()), None),
            "week" => Read::Day(today - Days::new(7 * n.unsigned_abs()), None),
            _ => return Err(unread("")),
        });
    }
    // The time of day, wherever it was written ("8pm", "8 pm", "21:40").
    let mut time = None;
    let mut i = 0;
    while i < words.len() {
        let (read, used) = match (clock(words[i], words.get(i + 1).copied()), words[i]) {
            (Some(found), _) => found,
            (None, w)
                if w.chars().all(|c| c.is_ascii_digit())
                    && is_hour(w)
                    && month(words.get(i.wrapping_sub(1)).copied()).is_none()
                    && month(words.get(i + 1).copied()).is_none() =>
            {
                return Err(InvalidInput::new(
                    field,
                    format!(
                        "could mean {w} in the morning or the evening; write {w}am, {w}pm or {w}:00 (you gave '{t}')"
                    ),
                ));
            }
            _ => {
                i += 1;
                continue;
            }
        };
        let Some(read) = read else {
            return Err(unread(""));
        };
        if time.replace(read).is_some() {
            return Err(unread("; it names two times"));
        }
        words.drain(i..i + used);
    }
    let day = match words.as_slice() {
        [] => match time {
            Some(_) => on,
            None => return Err(unread("")),
        },
        ["today"] | ["tonight"] => today,
        ["yesterday"] => today - Days::new(1),
        ["tomorrow"] | ["next", _] => {
            return Err(InvalidInput::new(
                field,
                format!(
                    "is in the future ('{t}'); kindly records moments that have already happened"
                ),
            ));
        }
        ["last", w] if weekday(w).is_some() => {
            last(today, weekday(w).unwrap_or(Weekday::Mon), true)
        }
        [w] if weekday(w).is_some() => last(today, weekday(w).unwrap_or(Weekday::Mon), false),
        words => match dated(words, today) {
            Some(Ok(day)) => day,
            Some(Err(year_before)) => {
                return Err(InvalidInput::new(
                    field,
                    format!("is in the future ('{t}'); for last year's, write {year_before}"),
                ));
            }
            None => {
                let guess = words.iter().find_map(|w| guess(w));
                return Err(unread(
                    &guess
                        .map(|g| format!("; did you mean {g}?"))
                        .unwrap_or_default(),
                ));
            }
        },
    };
    Ok(Read::Day(day, time))
}

/// A time of day from `word` (and the word after, for "8 pm"): what it reads as, and how
/// many words it took. `None` when it isn't one; `Some(None, _)` when it looks like one
/// but isn't a real time ("25:00").
fn clock(word: &str, next: Option<&str>) -> Option<(Option<NaiveTime>, usize)> {
    let hm = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").ok();
    if word.contains(':') {
        if let Some(half) = ["am", "pm"].iter().find(|h| word.ends_with(*h)) {
            return Some((half_day(word.trim_end_matches(half), half), 1));
        }
        if let Some(half @ ("am" | "pm")) = next {
            return Some((half_day(word, half), 2));
        }
        return Some((hm(word), 1));
    }
    match word {
        "noon" | "midday" => return Some((NaiveTime::from_hms_opt(12, 0, 0), 1)),
        "midnight" => return Some((NaiveTime::from_hms_opt(0, 0, 0), 1)),
        _ => {}
    }
    if let Some(half) = ["am", "pm"].iter().find(|h| word.ends_with(*h)) {
        let hour = word.trim_end_matches(half);
        if !hour.is_empty() && hour.chars().all(|c| c.is_ascii_digit()) {
            return Some((half_day(hour, half), 1));
        }
    }
    if word.chars().all(|c| c.is_ascii_digit())
        && let Some(half @ ("am" | "pm")) = next
    {
        return Some((half_day(word, half), 2));
    }
    None
}

fn half_day(hour_minute: &str, half: &str) -> Option<NaiveTime> {
    let (h, m) = hour_minute.split_once(':').unwrap_or((hour_minute, "0"));
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    if !(1..=12).contains(&h) {
        return None;
    }
    NaiveTime::from_hms_opt(h % 12 + if half == "pm" { 12 } else { 0 }, m, 0)
}

fn is_hour(w: &str) -> bool {
    w.parse::<u32>().is_ok_and(|h| (1..=12).contains(&h))
}

fn weekday(w: &str) -> Option<Weekday> {
    let w = w.trim_end_matches('.');
    [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ]
    .iter()
    .find(|(name, _)| w.len() >= 3 && name.starts_with(w))
    .map(|(_, d)| *d)
}

/// The latest such weekday not after today ("friday"); with `before`, strictly before it
/// ("last friday" said on a Friday is a week ago).
fn last(today: NaiveDate, day: Weekday, before: bool) -> NaiveDate {
    let back = (7 + today.weekday().num_days_from_monday() - day.num_days_from_monday()) % 7;
    let back = if back == 0 && before { 7 } else { back };
    today - Days::new(u64::from(back))
}

fn month(w: Option<&str>) -> Option<u32> {
    let w = w?.trim_end_matches('.');
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    NAMES
        .iter()
        .position(|name| {
            w.len() >= 3 && name.starts_with(w) || (w == "sept" && *name == "september")
        })
        .and_then(|m| u32::try_from(m + 1).ok())
}

fn day_number(w: &str) -> Option<u32> {
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| w.strip_suffix(s))
        .unwrap_or(w);
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// "3 Dec", "Dec 3rd", "3 December 2026": the day, or, when no year was written and this
/// year's is still ahead, `Err` with how to write last year's.
fn dated(words: &[&str], today: NaiveDate) -> Option<Result<NaiveDate, String>> {
    let pair = |a: &str, b: &str| {
        day_number(a)
            .zip(month(Some(b)))
            .or_else(|| day_number(b).zip(month(Some(a))))
    };
    let ((d, m), year) = match words {
        [a, b] => (pair(a, b)?, None),
        [a, b, y] => (
            pair(a, b)?,
            Some(
                y.parse::<i32>()
                    .ok()
                    .filter(|y| (1900..=9999).contains(y))?,
            ),
        ),
        _ => return None,
    };
    let day = NaiveDate::from_ymd_opt(year.unwrap_or(today.year()), m, d)?;
    if year.is_none() && day > today {
        let before = NaiveDate::from_ymd_opt(today.year() - 1, m, d)?;
        return Some(Err(before.format("%-d %b %Y").to_string()));
    }
    Some(Ok(day))
}

/// The day word `w` was probably meant to be, for a hurried slip ("yestrday").
fn guess(w: &str) -> Option<&'static str> {
    [
        "yesterday",
        "today",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .into_iter()
    .find(|known| w.len() >= 5 && *known != w && near(w, known))
}

#[cfg(test)]
#[path = "when_tests.rs"]
mod tests;
