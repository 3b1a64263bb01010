//! Measures in kindly's JSON: each definition with its stable id, and the days' values, as
//! the export writes them, `kindly measures --format json` lists them, and import reads them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Number;
use uuid::Uuid;

use super::source::bad;
use crate::domain::time::format_at;
use crate::domain::{
    Amount, CheckIn, DayReading, InvalidInput, Measure, MeasureKind, Per, Reading,
};

/// One measure's definition (top-level `"measures"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureRecord {
    pub id: String,
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub min: Option<i64>,
    #[serde(default)]
    pub max: Option<i64>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub decimals: u8,
    #[serde(default = "checkin")]
    pub per: String,
    #[serde(default)]
    pub hidden: bool,
}

fn checkin() -> String {
    Per::Checkin.as_str().into()
}

impl From<&Measure> for MeasureRecord {
    fn from(m: &Measure) -> Self {
        MeasureRecord {
            id: m.id.to_string(),
            name: m.name.clone(),
            kind: m.kind.as_str().into(),
            min: m.min,
            max: m.max,
            unit: m.unit.clone(),
            decimals: m.decimals,
            per: m.per.as_str().into(),
            hidden: m.hidden,
        }
    }
}

impl MeasureRecord {
    /// The measure it describes, checked as the config's would be.
    pub fn to_measure(&self) -> Result<Measure, InvalidInput> {
        let field = |f: &str| format!("measure '{}' {f}", self.name);
        let m = Measure {
            id: Uuid::parse_str(&self.id)
                .map_err(|_| InvalidInput::new(field("id"), "isn't a UUID"))?,
            name: self.name.trim().to_string(),
            kind: MeasureKind::from_name(&self.kind).ok_or_else(|| {
                InvalidInput::new(field("kind"), "is scale, number, yesno or count")
            })?,
            min: self.min,
            max: self.max,
            unit: self.unit.clone(),
            decimals: self.decimals,
            per: Per::from_name(&self.per)
                .ok_or_else(|| InvalidInput::new(field("per"), "is day or checkin"))?,
            hidden: self.hidden,
        };
        m.check()
            .map_err(|e| InvalidInput::new(field(&e.field), e.problem))?;
        Ok(m)
    }
}

/// A value of a measure given with a check-in (each check-in's `"measures"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueRecord {
    /// The measure's id, as in the top-level `"measures"`.
    pub measure: String,
    /// Yes is 1 and no is 0.
    pub value: Number,
}

/// The one value of a day for a measure kept per day (top-level `"days"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayRecord {
    pub day: String,
    pub measure: String,
    pub value: Number,
    /// When it was given.
    pub at: String,
}

fn number(value: Amount) -> Number {
    Number::from_f64(value.get()).unwrap_or_else(|| Number::from(0))
}

impl From<&Reading> for ValueRecord {
    fn from(r: &Reading) -> Self {
        ValueRecord {
            measure: r.measure.to_string(),
            value: number(r.value),
        }
    }
}

impl From<&DayReading> for DayRecord {
    fn from(d: &DayReading) -> Self {
        DayRecord {
            day: d.day.to_string(),
            measure: d.reading.measure.to_string(),
            value: number(d.reading.value),
            at: format_at(&d.at),
        }
    }
}

fn reading(place: &str, measure: &str, value: &Number) -> Result<Reading, InvalidInput> {
    Ok(Reading {
        measure: Uuid::parse_str(measure)
            .map_err(|_| bad(place, InvalidInput::new("measure", "isn't a UUID")))?,
        value: value
            .as_f64()
            .and_then(Amount::new)
            .ok_or_else(|| bad(place, InvalidInput::new("value", "isn't a number")))?,
    })
}

/// A check-in's values as the file gives them, each measure once.
pub fn readings(place: &str, given: &[ValueRecord]) -> Result<Vec<Reading>, InvalidInput> {
    let mut out: Vec<Reading> = Vec::new();
    for (i, v) in given.iter().enumerate() {
        let r = reading(&format!("{place}.measures[{i}]"), &v.measure, &v.value)?;
        if out.iter().any(|o| o.measure == r.measure) {
            return Err(bad(
                format!("{place}.measures[{i}]"),
                InvalidInput::new("measure", "is given twice in one check-in"),
            ));
        }
        out.push(r);
    }
    Ok(out)
}

/// The file's measures and days' values, every value checked against its measure: a value
/// for a measure the file doesn't define, or one that doesn't fit it, is named.
pub fn measures_of(
    defined: &[MeasureRecord],
    given: &[DayRecord],
    checkins: &[CheckIn],
) -> Result<(Vec<Measure>, Vec<DayReading>), InvalidInput> {
    let mut measures: Vec<Measure> = Vec::new();
    for (i, r) in defined.iter().enumerate() {
        let place = format!("measures[{i}]");
        let m = r.to_measure().map_err(|e| bad(&place, e))?;
        if measures
            .iter()
            .any(|k| k.id == m.id || k.is_called(&m.name))
        {
            return Err(bad(place, InvalidInput::new("measure", "is given twice")));
        }
        measures.push(m);
    }
    let check = |place: &str, r: &Reading| -> Result<(), InvalidInput> {
        let m = measures.iter().find(|m| m.id == r.measure).ok_or_else(|| {
            bad(
                place,
                InvalidInput::new("measure", "isn't among the file's measures"),
            )
        })?;
        if m.fits(r.value) {
            Ok(())
        } else {
            Err(bad(
                place,
                InvalidInput::new(m.name.clone(), format!("takes {}", m.takes())),
            ))
        }
    };
    for (i, c) in checkins.iter().enumerate() {
        for r in &c.measures {
            check(&format!("checkins[{i}].measures"), r)?;
        }
    }
    let mut days: Vec<DayReading> = Vec::new();
    for (i, d) in given.iter().enumerate() {
        let place = format!("days[{i}]");
        let r = reading(&place, &d.measure, &d.value)?;
        check(&place, &r)?;
        let day: NaiveDate = d
            .day
            .parse()
            .map_err(|_| bad(&place, InvalidInput::new("day", "is YYYY-MM-DD")))?;
        let at = chrono::DateTime::parse_from_rfc3339(&d.at).map_err(|_| {
            bad(
                &place,
                InvalidInput::new("at", "is RFC 3339 with an offset"),
            )
        })?;
        if days
            .iter()
            .any(|k| k.day == day && k.reading.measure == r.measure)
        {
            return Err(bad(
                place,
                InvalidInput::new("day", "is given twice for one measure"),
            ));
        }
        days.push(DayReading {
            day,
            reading: r,
            at,
        });
    }
    Ok((measures, days))
}
