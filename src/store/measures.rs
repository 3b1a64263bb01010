//! Measures in SQL: their definitions, and their values per check-in or per day.

use chrono::{DateTime, NaiveDate};
use std::collections::HashMap;

use rusqlite::{OptionalExtension, Row, Transaction, params};
use uuid::Uuid;

use super::checkins::{stamp_now, upsert};
use super::readings::{parse_day, parse_id, reading, unreadable};
use super::{Result, Store};
use crate::domain::{
    CheckIn, CheckinReading, DayReading, Measure, MeasureKind, Per, time::format_at,
};

const SELECT: &str = "SELECT id, name, kind, min, max, unit, decimals, per, hidden FROM measures";

/// What one save of measures holds: new or changed definitions, perhaps a check-in (with
/// its own values), and the days' values.
#[derive(Debug, Default)]
pub struct Measured<'a> {
    pub definitions: &'a [Measure],
    pub checkin: Option<&'a CheckIn>,
    pub days: &'a [DayReading],
}

impl Store {
    /// Every measure the journal keeps, hidden ones too, in the order they were added.
    pub fn measures(&self) -> Result<Vec<Measure>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT} ORDER BY created_at, rowid"))?;
        let rows = stmt.query_map([], read_measure)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }

    /// Saves definitions, a check-in with its values and the days' values, in one
    /// transaction: all of it, or nothing.
    pub fn save_measured(&mut self, measured: Measured<'_>) -> Result<()> {
        let tx = self.write()?;
        for m in measured.definitions {
            upsert_measure(&tx, m)?;
        }
        if let Some(checkin) = measured.checkin {
            upsert(&tx, checkin)?;
        }
        for d in measured.days {
            put_day_reading(&tx, d)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Values given with kept check-ins lived between two days (inclusive, either open),
    /// in day order.
    pub fn checkin_readings_between(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<CheckinReading>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.checkin_id, c.day, v.measure_id, v.value
               FROM checkins c JOIN checkin_measures v ON v.checkin_id = c.id
              WHERE c.deleted_at IS NULL AND c.day >= coalesce(?1, '')
                AND c.day <= coalesce(?2, '9999')
              ORDER BY c.day, c.at_utc, v.checkin_id, v.measure_id",
        )?;
        let rows = stmt.query_map(
            [from.map(|d| d.to_string()), to.map(|d| d.to_string())],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, f64>(3)?,
                ))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (checkin, day, measure, value) = row?;
            out.push(CheckinReading {
                checkin: parse_id(&checkin)?,
                day: parse_day(&day)?,
                reading: reading(&measure, value)?,
            });
        }
        Ok(out)
    }

    /// The days' values between two days (inclusive, either open), in day order.
    pub fn day_readings_between(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<DayReading>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT day, measure_id, value, at FROM day_measures
              WHERE day >= coalesce(?1, '') AND day <= coalesce(?2, '9999')
              ORDER BY day, measure_id",
        )?;
        let rows = stmt.query_map(
            [from.map(|d| d.to_string()), to.map(|d| d.to_string())],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, f64>(2)?,
                    r.get::<_, String>(3)?,
                ))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (day, measure, value, at) = row?;
            out.push(DayReading {
                day: parse_day(&day)?,
                reading: reading(&measure, value)?,
                at: DateTime::parse_from_rfc3339(&at).map_err(|_| unreadable("at"))?,
            });
        }
        Ok(out)
    }
}

/// The ids a file's measures have in this journal: their own, or, for a measure this
/// journal already keeps under another id by the same name, that one.
pub(super) struct Welcomed(HashMap<Uuid, Uuid>);

impl Welcomed {
    fn id(&self, id: Uuid) -> Uuid {
        self.0.get(&id).copied().unwrap_or(id)
    }

    /// The check-in with its values under this journal's measure ids.
    pub(super) fn checkin(&self, c: &CheckIn) -> CheckIn {
        let mut c = c.clone();
        for r in &mut c.measures {
            r.measure = self.id(r.measure);
        }
        c
    }

    pub(super) fn day(&self, d: &DayReading) -> DayReading {
        let mut d = *d;
        d.reading.measure = self.id(d.reading.measure);
        d
    }
}

/// Brings in a file's measures: one this journal keeps (by id, or by name under another
/// id) stays as the journal has it; a new one is added.
pub(super) fn welcome(tx: &Transaction<'_>, incoming: &[Measure]) -> Result<Welcomed> {
    let mut map = HashMap::new();
    for m in incoming {
        let here: Option<String> = tx
            .prepare_cached(
                "SELECT id FROM measures WHERE id = ?1
                 UNION ALL SELECT id FROM measures WHERE name = ?2 COLLATE NOCASE LIMIT 1",
            )?
            .query_row(params![m.id.to_string(), m.name], |r| r.get(0))
            .optional()?;
        match here {
            Some(id) => {
                map.insert(m.id, parse_id(&id)?);
            }
            None => upsert_measure(tx, m)?,
        }
    }
    Ok(Welcomed(map))
}

pub(super) fn upsert_measure(tx: &Transaction<'_>, m: &Measure) -> Result<()> {
    super::cached(
        tx,
        "INSERT INTO measures (id, name, kind, min, max, unit, decimals, per, hidden,
                               created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
             min = excluded.min, max = excluded.max, unit = excluded.unit,
             decimals = excluded.decimals, per = excluded.per, hidden = excluded.hidden,
             updated_at = excluded.updated_at",
        params![
            m.id.to_string(),
            m.name,
            m.kind.as_str(),
            m.min,
            m.max,
            m.unit,
            m.decimals,
            m.per.as_str(),
            m.hidden,
            stamp_now(),
        ],
    )?;
    Ok(())
}

/// Sets a day's value; a later one given for the same day replaces it.
pub(super) fn put_day_reading(tx: &Transaction<'_>, d: &DayReading) -> Result<()> {
    super::cached(
        tx,
        "INSERT INTO day_measures (measure_id, day, value, at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (measure_id, day) DO UPDATE SET value = excluded.value, at = excluded.at,
             updated_at = excluded.updated_at",
        params![
            d.reading.measure.to_string(),
            d.day.to_string(),
            d.reading.value.get(),
            format_at(&d.at),
            stamp_now(),
        ],
    )?;
    Ok(())
}

fn read_measure(r: &Row<'_>) -> rusqlite::Result<Result<Measure>> {
    let id: String = r.get(0)?;
    let kind: String = r.get(2)?;
    let per: String = r.get(7)?;
    let decimals: u8 = r.get(6)?;
    let build = || -> Result<Measure> {
        Ok(Measure {
            id: parse_id(&id)?,
            name: r.get(1)?,
            kind: MeasureKind::from_name(&kind).ok_or_else(|| unreadable("kind"))?,
            min: r.get(3)?,
            max: r.get(4)?,
            unit: r.get(5)?,
            decimals,
            per: Per::from_name(&per).ok_or_else(|| unreadable("per"))?,
            hidden: r.get(8)?,
        })
    };
    Ok(build())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Amount, Mood, Reading, Scale};

    fn at(text: &str) -> DateTime<chrono::FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn definitions_values_and_a_days_value_come_back_as_saved() {
        let mut store = Store::open_in_memory().unwrap();
        let mut sleep = Measure::new("sleep", MeasureKind::Number);
        sleep.per = Per::Day;
        sleep.unit = Some("hours".into());
        let meds = Measure::new("meds", MeasureKind::YesNo);
        let mut c = CheckIn::new(at("2026-12-01T21:00:00+01:00"), Mood::new(6).unwrap());
        let given = [Reading {
            measure: meds.id,
            value: Amount::YES,
        }];
        c.measures = given.to_vec();
        let night = DayReading {
            day: c.day(),
            reading: Reading {
                measure: sleep.id,
                value: Amount::new(7.5).unwrap(),
            },
            at: c.at,
        };
        store
            .save_measured(Measured {
                definitions: &[sleep.clone(), meds.clone()],
                checkin: Some(&c),
                days: &[night],
            })
            .unwrap();
        assert_eq!(store.measures().unwrap(), vec![sleep, meds]);
        let readings = store.checkin_readings_between(None, None).unwrap();
        assert_eq!(readings.len(), 1);
        assert_eq!((readings[0].checkin, readings[0].reading), (c.id, given[0]));
        assert_eq!(store.checkin(c.id).unwrap(), Some(c));
        assert_eq!(store.day_readings_between(None, None).unwrap(), vec![night]);
    }

    #[test]
    fn a_later_value_for_the_same_day_replaces_the_first() {
        let mut store = Store::open_in_memory().unwrap();
        let mut sleep = Measure::new("sleep", MeasureKind::Number);
        sleep.per = Per::Day;
        let day = |v: f64, when: &str| DayReading {
            day: "2026-12-01".parse().unwrap(),
            reading: Reading {
                measure: sleep.id,
                value: Amount::new(v).unwrap(),
            },
            at: at(when),
        };
        let first = [day(6.0, "2026-12-01T08:00:00+00:00")];
        store
            .save_measured(Measured {
                definitions: std::slice::from_ref(&sleep),
                days: &first,
                ..Default::default()
            })
            .unwrap();
        let second = [day(6.5, "2026-12-01T09:00:00+00:00")];
        store
            .save_measured(Measured {
                days: &second,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(store.day_readings_between(None, None).unwrap(), second);
    }

    #[test]
    fn renaming_keeps_the_values_and_hiding_deletes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let mut pain = Measure::new("pain", MeasureKind::Scale);
        let mut c = CheckIn::new(at("2026-12-01T21:00:00+00:00"), Mood::new(4).unwrap());
        let given = [Reading {
            measure: pain.id,
            value: Amount::new(7.0).unwrap(),
        }];
        c.measures = given.to_vec();
        store
            .save_measured(Measured {
                definitions: std::slice::from_ref(&pain),
                checkin: Some(&c),
                days: &[],
            })
            .unwrap();
        pain.name = "back pain".into();
        pain.hidden = true;
        store
            .save_measured(Measured {
                definitions: std::slice::from_ref(&pain),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(store.measures().unwrap(), vec![pain]);
        assert_eq!(store.checkin_readings_between(None, None).unwrap().len(), 1);
    }

    #[test]
    fn a_checkin_in_the_trash_takes_its_values_out_of_view() {
        let mut store = Store::open_in_memory().unwrap();
        let meds = Measure::new("meds", MeasureKind::YesNo);
        let mut c = CheckIn::new(at("2026-12-01T21:00:00+00:00"), Mood::new(4).unwrap());
        c.measures = vec![Reading {
            measure: meds.id,
            value: Amount::NO,
        }];
        store
            .save_measured(Measured {
                definitions: std::slice::from_ref(&meds),
                checkin: Some(&c),
                days: &[],
            })
            .unwrap();
        store
            .trash(crate::store::RecordKind::CheckIn, c.id)
            .unwrap();
        assert!(
            store
                .checkin_readings_between(None, None)
                .unwrap()
                .is_empty()
        );
    }
}
