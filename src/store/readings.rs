//! Values of measures given with check-ins, in SQL: written with their check-in, read
//! back with it.

use chrono::NaiveDate;
use rusqlite::{Transaction, params};
use uuid::Uuid;

use super::{Result, StoreError};
use crate::domain::{Amount, InvalidInput, Reading};

/// A check-in's values as its row reads them: `[[measure id, value], …]`.
pub(super) fn readings_of(json: &str) -> Result<Vec<Reading>> {
    let pairs: Vec<(String, f64)> = serde_json::from_str(json)?;
    pairs.iter().map(|(m, v)| reading(m, *v)).collect()
}

/// Replaces a check-in's values with `readings`, kept in the order given.
pub(super) fn put_checkin_readings(
    tx: &Transaction<'_>,
    checkin: Uuid,
    readings: &[Reading],
) -> Result<()> {
    let id = checkin.to_string();
    super::cached(
        tx,
        "DELETE FROM checkin_measures WHERE checkin_id = ?1",
        [&id],
    )?;
    for (pos, r) in readings.iter().enumerate() {
        super::cached(
            tx,
            "INSERT INTO checkin_measures (checkin_id, measure_id, value, position)
             VALUES (?1, ?2, ?3, ?4)",
            params![id, r.measure.to_string(), r.value.get(), pos as i64],
        )?;
    }
    Ok(())
}

pub(super) fn unreadable(what: &str) -> StoreError {
    StoreError::Invalid(InvalidInput::new(what, "is not readable"))
}

pub(super) fn parse_id(text: &str) -> Result<Uuid> {
    Uuid::parse_str(text).map_err(|_| unreadable("id"))
}

pub(super) fn parse_day(text: &str) -> Result<NaiveDate> {
    text.parse().map_err(|_| unreadable("day"))
}

pub(super) fn reading(measure: &str, value: f64) -> Result<Reading> {
    Ok(Reading {
        measure: parse_id(measure)?,
        value: Amount::new(value).ok_or_else(|| unreadable("value"))?,
    })
}
