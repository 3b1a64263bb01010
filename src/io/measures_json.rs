//! Measures in kindly's JSON: each definition with its stable id, and the days' values, as
//! the export writes them, `kindly measures --format json` lists them, and import reads them.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::{InvalidInput, Measure, MeasureKind, Per};

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
