//! The person's measures in the readable exports: `measures.csv` (one row a value) and the
//! words a Markdown check-in line or day carries ("sleep 7.5 hours · meds yes").

use uuid::Uuid;

use crate::domain::time::format_at;
use crate::domain::{Journal, Measure, Reading};

/// The file of measure values a CSV export writes beside the others, when there are any.
pub const MEASURES_CSV: &str = "measures.csv";

/// Its columns: one row a value, of a check-in (its id) or of a day (no check-in).
pub const MEASURE_COLUMNS: [&str; 7] = [
    "day",
    "at",
    "checkin_id",
    "measure_id",
    "measure",
    "value",
    "unit",
];

fn find(measures: &[Measure], id: Uuid) -> Option<&Measure> {
    measures.iter().find(|m| m.id == id)
}

/// One value as words: "sleep 7.5 hours", "meds yes".
fn words(measures: &[Measure], r: &Reading) -> Option<String> {
    let m = find(measures, r.measure)?;
    Some(format!("{} {}", m.name, m.show_with_unit(r.value)))
}

/// A check-in's values, for the end of its line: " · meds yes · anxiety 6".
pub fn on_line(measures: &[Measure], readings: &[Reading]) -> String {
    readings
        .iter()
        .filter_map(|r| words(measures, r))
        .map(|w| format!(" · {w}"))
        .collect()
}

/// Each day's values, for the top of its section: day → "For the day: sleep 7.5 hours".
pub fn day_lines(j: &Journal) -> Vec<(chrono::NaiveDate, String)> {
    let mut out: Vec<(chrono::NaiveDate, Vec<String>)> = Vec::new();
    for d in &j.days {
        let Some(w) = words(&j.measures, &d.reading) else {
            continue;
        };
        match out.last_mut() {
            Some((day, list)) if *day == d.day => list.push(w),
            _ => out.push((d.day, vec![w])),
        }
    }
    out.into_iter()
        .map(|(day, list)| (day, format!("_For the day: {}_\n", list.join(" · "))))
        .collect()
}

/// `measures.csv`, or nothing when the journal keeps no values.
pub fn csv(j: &Journal) -> Result<Option<Vec<u8>>, csv::Error> {
    let any = !j.days.is_empty() || j.checkins.iter().any(|c| !c.measures.is_empty());
    if !any {
        return Ok(None);
    }
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    w.write_record(MEASURE_COLUMNS)?;
    let mut row = |day: String, at: String, checkin: String, r: &Reading| {
        let m = find(&j.measures, r.measure);
        w.write_record([
            day,
            at,
            checkin,
            r.measure.to_string(),
            m.map(|m| m.name.clone()).unwrap_or_default(),
            m.map_or_else(|| r.value.get().to_string(), |m| m.show(r.value)),
            m.and_then(|m| m.unit.clone()).unwrap_or_default(),
        ])
    };
    for c in &j.checkins {
        for r in &c.measures {
            row(c.day().to_string(), format_at(&c.at), c.id.to_string(), r)?;
        }
    }
    for d in &j.days {
        row(
            d.day.to_string(),
            format_at(&d.at),
            String::new(),
            &d.reading,
        )?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    // A name from a file may hold a control character: shown, never sent to a terminal.
    Ok(Some(
        crate::domain::visible(&String::from_utf8_lossy(&bytes)).into_bytes(),
    ))
}
