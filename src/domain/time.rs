//! Reading the dates and times a person types: RFC 3339, or `YYYY-MM-DD[ HH:MM]` in local time.

use chrono::{DateTime, FixedOffset, Local, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

use super::InvalidInput;

const DATETIME_HELP: &str =
    "is a date like 2026-11-29, 2026-11-29 08:30 or 2026-11-29T08:30:00+01:00";

/// Parses a DATETIME as the contract defines it. A bare date means noon that day, so it
/// sits safely inside the day whatever the clocks do.
pub fn parse_datetime(field: &str, text: &str) -> Result<DateTime<FixedOffset>, InvalidInput> {
    let t = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Ok(dt);
    }
    let bad = || InvalidInput::new(field, format!("{DATETIME_HELP} (you gave '{t}')"));
    let naive = if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        d.and_time(NaiveTime::from_hms_opt(12, 0, 0).ok_or_else(bad)?)
    } else {
        [
            "%Y-%m-%d %H:%M",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%dT%H:%M:%S",
        ]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
        .ok_or_else(bad)?
    };
    local_from_naive(field, naive)
}

/// A moment as kindly writes it everywhere (the journal, exports, reports): RFC 3339 with
/// its offset, to the second. RFC 3339 offsets are whole minutes, so an offset with seconds
/// (a zone's early local mean time) is written as the nearest whole minute with the same
/// instant: the text always names the moment the journal sorts it by.
pub fn format_at(at: &DateTime<FixedOffset>) -> String {
    let whole = whole_minute_offset(at.offset());
    at.with_timezone(&whole)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// `offset` rounded to the nearest whole minute (most are whole already).
fn whole_minute_offset(offset: &FixedOffset) -> FixedOffset {
    let seconds = offset.local_minus_utc();
    let rounded = (f64::from(seconds) / 60.0).round() as i32 * 60;
    FixedOffset::east_opt(rounded).unwrap_or(*offset)
}

/// The same wall-clock time with its offset in whole minutes. Before standard time, zones
/// kept local mean time (Paris +00:09:21 until 1911); a time typed for such a day keeps the
/// hour and minute the person typed, and its instant moves by under half a minute, so the
/// offset kindly stores and the instant it sorts by agree.
pub fn in_whole_minutes(at: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    let whole = whole_minute_offset(at.offset());
    if whole == *at.offset() {
        return at;
    }
    whole
        .from_local_datetime(&at.naive_local())
        .single()
        .unwrap_or(at)
}

/// A moment as a person reads it in a line about what happened, against `now` (both in
/// local time): "today at 18:20", "yesterday at 09:12", "Mon 30 Nov at 14:05", and with the
/// year when it isn't this one.
pub fn in_words(at: DateTime<FixedOffset>, now: DateTime<FixedOffset>) -> String {
    use chrono::Datelike;
    let (day, today) = (at.date_naive(), now.date_naive());
    let clock = at.format("%H:%M");
    if day == today {
        format!("today at {clock}")
    } else if today.pred_opt() == Some(day) {
        format!("yesterday at {clock}")
    } else if day.year() == today.year() {
        format!("{} at {clock}", at.format("%a %-d %b"))
    } else {
        format!("{} at {clock}", at.format("%-d %b %Y"))
    }
}

/// Parses a DATE (`YYYY-MM-DD`).
pub fn parse_date(field: &str, text: &str) -> Result<NaiveDate, InvalidInput> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
        InvalidInput::new(field, format!("is a date like 2026-11-29 (you gave '{t}')"))
    })
}

/// A wall-clock moment in the local time zone, with its offset that day.
pub fn local_from_naive(
    field: &str,
    naive: NaiveDateTime,
) -> Result<DateTime<FixedOffset>, InvalidInput> {
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|dt| in_whole_minutes(dt.fixed_offset()))
        .ok_or_else(|| {
            InvalidInput::new(
                field,
                format!("names a time the local clock skipped ({naive}); try an hour later"),
            )
        })
}

/// The current moment with the local offset, as a check-in records it.
pub fn now_local() -> DateTime<FixedOffset> {
    in_whole_minutes(Local::now().fixed_offset())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    #[test]
    fn rfc3339_keeps_its_offset() {
        let dt = parse_datetime("at", "2026-03-01T08:15:00+05:30").unwrap();
        assert_eq!(dt.offset().local_minus_utc(), 5 * 3600 + 30 * 60);
        assert_eq!(dt.hour(), 8);
    }

    #[test]
    fn local_forms_are_read() {
        let dt = parse_datetime("at", "2026-03-01 21:05").unwrap();
        assert_eq!((dt.hour(), dt.minute()), (21, 5));
        let noon = parse_datetime("at", "2026-03-01").unwrap();
        assert_eq!(noon.hour(), 12);
    }

    #[test]
    fn an_offset_with_seconds_keeps_the_typed_time_and_agrees_with_its_instant() {
        let paris_lmt = FixedOffset::east_opt(9 * 60 + 21).unwrap();
        let typed = paris_lmt
            .from_local_datetime(
                &NaiveDate::from_ymd_opt(1900, 1, 1)
                    .unwrap()
                    .and_hms_opt(12, 0, 0)
                    .unwrap(),
            )
            .unwrap();
        let at = in_whole_minutes(typed);
        assert_eq!((at.hour(), at.minute(), at.second()), (12, 0, 0));
        assert_eq!(at.offset().local_minus_utc(), 9 * 60);
        let text = format_at(&at);
        assert_eq!(text, "1900-01-01T12:00:00+00:09");
        assert_eq!(
            DateTime::parse_from_rfc3339(&text).unwrap().timestamp(),
            at.timestamp()
        );
        // Written as it is, a moment with seconds in its offset still names its instant.
        let raw = format_at(&typed);
        assert_eq!(
            DateTime::parse_from_rfc3339(&raw).unwrap().timestamp(),
            typed.timestamp(),
            "{raw}"
        );
    }

    #[test]
    fn moments_in_words_say_today_yesterday_a_day_or_a_year() {
        let now = parse_datetime("now", "2026-12-07T18:30:00+01:00").unwrap();
        let said = |s: &str| in_words(parse_datetime("at", s).unwrap(), now);
        assert_eq!(said("2026-12-07T08:05:00+01:00"), "today at 08:05");
        assert_eq!(said("2026-12-06T23:59:00+01:00"), "yesterday at 23:59");
        assert_eq!(said("2026-11-30T14:05:00+01:00"), "Mon 30 Nov at 14:05");
        assert_eq!(said("2025-11-30T14:05:00+01:00"), "30 Nov 2025 at 14:05");
    }

    #[test]
    fn bad_datetimes_name_the_field() {
        for bad in ["yesterday", "2026-13-01", "2026-02-30 10:00", "10:00", ""] {
            let err = parse_datetime("--at", bad).unwrap_err();
            assert!(
                err.to_string().starts_with("--at is a date like"),
                "{bad}: {err}"
            );
        }
        assert!(parse_date("--from", "2026/01/01").is_err());
        assert!(parse_date("--from", "2026-01-01").is_ok());
    }
}
