//! Measures as the config file describes them, and how they settle into the journal: a
//! new name is added, a known one (or one renamed with `was`) keeps its id and history.

use serde::Deserialize;
use uuid::Uuid;

use super::InvalidInput;
use super::measure::{MOST_DECIMALS, Measure, MeasureKind, Per};

/// One `[[measures]]` table as written: every setting but the name and kind optional.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeasure {
    name: String,
    kind: String,
    min: Option<i64>,
    max: Option<i64>,
    unit: Option<String>,
    decimals: Option<u8>,
    per: Option<String>,
    hidden: Option<bool>,
    /// The name it had before, so renaming keeps its values.
    was: Option<String>,
}

/// A measure the config asks for: its settings (the id is settled against the journal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureSpec {
    pub measure: Measure,
    pub was: Option<String>,
}

impl RawMeasure {
    /// The measure it describes; the problem names the setting that doesn't fit.
    pub fn resolve(self) -> Result<MeasureSpec, InvalidInput> {
        let kind = MeasureKind::from_name(self.kind.trim()).ok_or_else(|| {
            InvalidInput::new(
                "kind",
                format!(
                    "'{}' isn't a kind kindly knows; use scale, number, yesno or count",
                    self.kind
                ),
            )
        })?;
        let mut m = Measure::new(&self.name, kind);
        m.id = Uuid::nil();
        if let Some(per) = &self.per {
            m.per = Per::from_name(per.trim()).ok_or_else(|| {
                InvalidInput::new(
                    "per",
                    format!("'{per}' isn't one kindly knows; use day or checkin"),
                )
            })?;
        }
        if self.min.is_some() {
            m.min = self.min;
        }
        if self.max.is_some() {
            m.max = self.max;
        }
        m.unit = self
            .unit
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty());
        if let Some(d) = self.decimals {
            if d > MOST_DECIMALS {
                return Err(InvalidInput::new(
                    "decimals",
                    format!("is from 0 to {MOST_DECIMALS}"),
                ));
            }
            m.decimals = d;
        }
        m.hidden = self.hidden.unwrap_or(false);
        m.check()?;
        let was = self
            .was
            .map(|w| w.trim().to_string())
            .filter(|w| !w.is_empty());
        Ok(MeasureSpec { measure: m, was })
    }
}

/// Checks a whole list from the config: each measure on its own, then no name twice. On
/// a problem, which measure (counting from 0) and what is wrong.
pub fn resolve_all(raw: Vec<RawMeasure>) -> Result<Vec<MeasureSpec>, (usize, InvalidInput)> {
    let mut specs: Vec<MeasureSpec> = Vec::new();
    for (i, r) in raw.into_iter().enumerate() {
        let spec = r.resolve().map_err(|e| (i, e))?;
        if specs
            .iter()
            .any(|s| s.measure.is_called(&spec.measure.name))
        {
            return Err((
                i,
                InvalidInput::new(
                    "name",
                    format!("'{}' is given twice; each measure once", spec.measure.name),
                ),
            ));
        }
        specs.push(spec);
    }
    Ok(specs)
}

/// What the journal needs written so it holds every measure the config asks for: new
/// measures with fresh ids, known ones (by name, or by `was`) with their settings brought
/// up to date. Nothing when the journal already agrees. Measures the config doesn't name
/// are left as they are, values and all.
pub fn settle(kept: &[Measure], wanted: &[MeasureSpec]) -> Result<Vec<Measure>, InvalidInput> {
    let mut writes = Vec::new();
    for spec in wanted {
        let name = &spec.measure.name;
        let found = kept.iter().find(|k| k.is_called(name)).or_else(|| {
            spec.was
                .as_deref()
                .and_then(|was| kept.iter().find(|k| k.is_called(was)))
        });
        let Some(found) = found else {
            let taken = |id: Uuid| kept.iter().chain(&writes).any(|k| k.id == id);
            writes.push(Measure {
                id: first_id(name, taken),
                ..spec.measure.clone()
            });
            continue;
        };
        if found.kind != spec.measure.kind {
            return Err(InvalidInput::new(
                name.clone(),
                format!(
                    "is kept in the journal as a {} measure, and its values stay that kind; to count it another way, give the new measure another name",
                    found.kind.as_str()
                ),
            ));
        }
        let wanted = Measure {
            id: found.id,
            ..spec.measure.clone()
        };
        if wanted != *found {
            writes.push(wanted);
        }
    }
    Ok(writes)
}

/// Where a measure's first id comes from, so every computer that names "sleep" in its
/// config gives it the same id, and their values meet in one measure when they sync.
const NAMESPACE: Uuid = Uuid::from_u128(0x6b69_6e64_6c79_4d65_6173_7572_6573_0001);

/// The id a new measure called `name` gets: the same on every computer, unless a measure
/// already has it (one renamed away from that name), and then a fresh one.
pub fn first_id(name: &str, taken: impl Fn(Uuid) -> bool) -> Uuid {
    let id = Uuid::new_v5(&NAMESPACE, name.trim().to_lowercase().as_bytes());
    if taken(id) { Uuid::new_v4() } else { id }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(toml_text: &str) -> RawMeasure {
        toml::from_str(toml_text).unwrap()
    }

    #[test]
    fn a_config_table_becomes_a_measure_with_its_kinds_defaults() {
        let spec = raw("name = \"sleep\"\nkind = \"number\"\nunit = \"hours\"\nper = \"day\"")
            .resolve()
            .unwrap();
        let m = spec.measure;
        assert_eq!(
            (m.kind, m.per, m.unit.as_deref(), m.decimals),
            (MeasureKind::Number, Per::Day, Some("hours"), 2)
        );
        let anxiety = raw("name = \"anxiety\"\nkind = \"scale\"\nmin = 0\nmax = 10")
            .resolve()
            .unwrap()
            .measure;
        assert_eq!(
            (anxiety.min, anxiety.max, anxiety.per),
            (Some(0), Some(10), Per::Checkin)
        );
    }

    #[test]
    fn odd_kinds_and_pers_are_named() {
        let err = raw("name = \"x\"\nkind = \"numbr\"").resolve().unwrap_err();
        assert_eq!(err.field, "kind");
        let err = raw("name = \"x\"\nkind = \"count\"\nper = \"week\"")
            .resolve()
            .unwrap_err();
        assert_eq!(err.field, "per");
    }

    #[test]
    fn settling_twice_writes_nothing_the_second_time() {
        let specs = resolve_all(vec![
            raw("name = \"sleep\"\nkind = \"number\""),
            raw("name = \"meds\"\nkind = \"yesno\""),
        ])
        .unwrap();
        let first = settle(&[], &specs).unwrap();
        assert_eq!(first.len(), 2);
        assert!(settle(&first, &specs).unwrap().is_empty());
    }

    #[test]
    fn renaming_with_was_keeps_the_id() {
        let kept = settle(
            &[],
            &resolve_all(vec![raw("name = \"sleep\"\nkind = \"number\"")]).unwrap(),
        )
        .unwrap();
        let renamed = resolve_all(vec![raw(
            "name = \"rest\"\nkind = \"number\"\nwas = \"sleep\"",
        )])
        .unwrap();
        let writes = settle(&kept, &renamed).unwrap();
        assert_eq!(writes.len(), 1);
        assert_eq!(
            (writes[0].id, writes[0].name.as_str()),
            (kept[0].id, "rest")
        );
    }

    #[test]
    fn the_same_name_gets_the_same_id_on_every_computer_until_it_is_taken() {
        let specs = resolve_all(vec![raw("name = \"Sleep\"\nkind = \"number\"")]).unwrap();
        let here = settle(&[], &specs).unwrap();
        let there = settle(&[], &specs).unwrap();
        assert_eq!(here[0].id, there[0].id);
        let mut renamed = here[0].clone();
        renamed.name = "rest".into();
        let again = settle(&[renamed.clone()], &specs).unwrap();
        assert_ne!(again[0].id, renamed.id);
    }

    #[test]
    fn a_measure_keeps_its_kind() {
        let kept = settle(
            &[],
            &resolve_all(vec![raw("name = \"meds\"\nkind = \"yesno\"")]).unwrap(),
        )
        .unwrap();
        let err = settle(
            &kept,
            &resolve_all(vec![raw("name = \"meds\"\nkind = \"count\"")]).unwrap(),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("meds is kept in the journal as a yesno"),
            "{err}"
        );
    }

    #[test]
    fn the_same_name_twice_is_refused() {
        let err = resolve_all(vec![
            raw("name = \"sleep\"\nkind = \"number\""),
            raw("name = \"Sleep\"\nkind = \"count\""),
        ])
        .unwrap_err();
        assert_eq!(err.0, 1);
    }
}
