//! A person's own measures beside mood (sleep, medication, anxiety, pain): what each one is,
//! and how a value typed for it is read.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::InvalidInput;

/// What sort of value a measure holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MeasureKind {
    /// A whole number in a range the person chose (anxiety 0–10).
    Scale,
    /// A number with a unit and some decimals (sleep in hours).
    Number,
    /// Yes or no (took medication, went outside).
    YesNo,
    /// How many (glasses of water).
    Count,
}

impl MeasureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MeasureKind::Scale => "scale",
            MeasureKind::Number => "number",
            MeasureKind::YesNo => "yesno",
            MeasureKind::Count => "count",
        }
    }

    pub fn from_name(text: &str) -> Option<Self> {
        [Self::Scale, Self::Number, Self::YesNo, Self::Count]
            .into_iter()
            .find(|k| k.as_str() == text)
    }
}

/// Whether a measure has one value a day (a night's sleep) or one each check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Per {
    Day,
    #[default]
    Checkin,
}

impl Per {
    pub fn as_str(self) -> &'static str {
        match self {
            Per::Day => "day",
            Per::Checkin => "checkin",
        }
    }

    pub fn from_name(text: &str) -> Option<Self> {
        [Self::Day, Self::Checkin]
            .into_iter()
            .find(|p| p.as_str() == text)
    }
}

/// One measure the person keeps. Its id never changes, so renaming keeps its history.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Measure {
    pub id: Uuid,
    pub name: String,
    pub kind: MeasureKind,
    /// The range of a scale; optional bounds for numbers and counts.
    pub min: Option<i64>,
    pub max: Option<i64>,
    /// What a number or count is counted in ("hours", "mg", "glasses").
    pub unit: Option<String>,
    /// How many decimals a number may have (0 for every other kind).
    pub decimals: u8,
    pub per: Per,
    /// Put away: not asked for any more, and every value it holds is kept.
    pub hidden: bool,
}

/// The most decimals a number keeps: beyond this a REAL no longer holds it exactly.
pub const MOST_DECIMALS: u8 = 6;
/// The longest name a measure may have: it is a key on the command line and a row label.
pub const LONGEST_NAME: usize = 40;

/// A value of some measure: a number, with yes as 1 and no as 0. Never NaN or infinite.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Amount(f64);

// Amounts are finite by construction, so equality is total.
impl Eq for Amount {}

impl std::hash::Hash for Amount {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.to_bits().hash(state);
    }
}

impl Amount {
    pub const YES: Amount = Amount(1.0);
    pub const NO: Amount = Amount(0.0);

    /// A finite number as an amount; NaN and the infinities are none.
    pub fn new(value: f64) -> Option<Self> {
        value.is_finite().then_some(Amount(value))
    }

    pub fn get(self) -> f64 {
        self.0
    }
}

/// A value given with one check-in, for a measure kept per check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Reading {
    pub measure: Uuid,
    pub value: Amount,
}

/// A checkin's reading, with the check-in it belongs to and the day it was lived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CheckinReading {
    pub checkin: Uuid,
    pub day: NaiveDate,
    pub reading: Reading,
}

/// The one value of a day, for a measure kept per day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DayReading {
    pub day: NaiveDate,
    pub reading: Reading,
    /// When it was given, with the person's offset then.
    pub at: DateTime<FixedOffset>,
}

impl Measure {
    /// A new measure of `kind`, with the usual settings of its kind.
    pub fn new(name: &str, kind: MeasureKind) -> Self {
        let (min, max, decimals) = match kind {
            MeasureKind::Scale => (Some(0), Some(10), 0),
            MeasureKind::Number => (None, None, 2),
            MeasureKind::Count => (Some(0), None, 0),
            MeasureKind::YesNo => (None, None, 0),
        };
        Measure {
            id: Uuid::new_v4(),
            name: name.trim().to_string(),
            kind,
            min,
            max,
            unit: None,
            decimals,
            per: Per::Checkin,
            hidden: false,
        }
    }

    /// Whether `name` names this measure (names are told apart without regard to case).
    pub fn is_called(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name.trim())
    }

    /// What a value for this measure may be, in words ("a number of hours, like 7.5").
    pub fn takes(&self) -> String {
        let range = match (self.min, self.max) {
            (Some(lo), Some(hi)) => format!(" from {lo} to {hi}"),
            (Some(lo), None) if lo != 0 => format!(" of at least {lo}"),
            (None, Some(hi)) => format!(" up to {hi}"),
            _ => String::new(),
        };
        let unit = self
            .unit
            .as_deref()
            .map(|u| format!(" of {u}"))
            .unwrap_or_default();
        match self.kind {
            MeasureKind::YesNo => "yes or no".into(),
            MeasureKind::Scale => format!("a whole number{range}"),
            MeasureKind::Count => format!("a count{unit}{range}"),
            MeasureKind::Number if self.decimals == 0 => {
                format!("a whole number{unit}{range}")
            }
            MeasureKind::Number => format!(
                "a number{unit}{range}, with up to {} decimal{}",
                self.decimals,
                if self.decimals == 1 { "" } else { "s" }
            ),
        }
    }

    /// Reads a value typed for this measure: `yes`/`no` for yes/no, otherwise a number,
    /// which may carry the measure's own unit (`7.5h`, `7.5 hours`).
    pub fn read(&self, text: &str) -> Result<Amount, InvalidInput> {
        let given = text.trim();
        let refuse = |extra: &str| {
            InvalidInput::new(
                self.name.clone(),
                format!("takes {}{extra} (you gave '{given}')", self.takes()),
            )
        };
        if self.kind == MeasureKind::YesNo {
            return match given.to_ascii_lowercase().as_str() {
                "yes" | "y" | "true" | "1" => Ok(Amount::YES),
                "no" | "n" | "false" | "0" => Ok(Amount::NO),
                _ => Err(refuse(", without a unit")),
            };
        }
        let split = given
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+')))
            .unwrap_or(given.len());
        let (number, unit) = (given[..split].trim(), given[split..].trim());
        if !unit.is_empty() && !self.unit_fits(unit) {
            return Err(match &self.unit {
                Some(own) => refuse(&format!(", in {own}")),
                None => refuse(", without a unit"),
            });
        }
        let decimals = number.split_once('.').map_or(0, |(_, d)| d.len());
        let value: f64 = number.parse().map_err(|_| refuse(""))?;
        let whole = matches!(self.kind, MeasureKind::Scale | MeasureKind::Count);
        if decimals > usize::from(if whole { 0 } else { self.decimals })
            || !value.is_finite()
            || self.min.is_some_and(|lo| value < lo as f64)
            || self.max.is_some_and(|hi| value > hi as f64)
            || (self.kind == MeasureKind::Count && value < 0.0)
        {
            return Err(refuse(""));
        }
        Amount::new(value).ok_or_else(|| refuse(""))
    }

    /// Whether a unit typed after a number is this measure's own, or the start of it
    /// (`h` for hours).
    fn unit_fits(&self, typed: &str) -> bool {
        self.unit.as_deref().is_some_and(|own| {
            let (own, typed) = (own.to_lowercase(), typed.to_lowercase());
            own.starts_with(&typed) || own.trim_end_matches('s') == typed
        })
    }

    /// Whether a value kept for this measure (from a file, another computer) is one it
    /// could have been given.
    pub fn fits(&self, value: Amount) -> bool {
        let v = value.get();
        let whole = v.fract() == 0.0;
        let in_range =
            self.min.is_none_or(|lo| v >= lo as f64) && self.max.is_none_or(|hi| v <= hi as f64);
        match self.kind {
            MeasureKind::YesNo => v == 0.0 || v == 1.0,
            MeasureKind::Scale => whole && in_range,
            MeasureKind::Count => whole && v >= 0.0 && in_range,
            MeasureKind::Number => in_range,
        }
    }

    /// A value as a person reads it: yes or no, or the number with only the decimals it
    /// needs.
    pub fn show(&self, value: Amount) -> String {
        if self.kind == MeasureKind::YesNo {
            return if value.get() >= 0.5 { "yes" } else { "no" }.into();
        }
        show_number(value.get(), self.decimals)
    }

    /// The value with its unit, for a line of text ("7.5 hours", "yes").
    pub fn show_with_unit(&self, value: Amount) -> String {
        match &self.unit {
            Some(unit) if self.kind != MeasureKind::YesNo => {
                format!("{} {unit}", self.show(value))
            }
            _ => self.show(value),
        }
    }

    /// Checks the settings hang together: a name, bounds in order, a unit only where a
    /// number is counted in something. The problem names the setting.
    pub fn check(&self) -> Result<(), InvalidInput> {
        let bad = |field: &str, problem: String| Err(InvalidInput::new(field, problem));
        let name = self.name.trim();
        if name.is_empty() {
            return bad("name", "is empty; give the measure a name".into());
        }
        if name.chars().count() > LONGEST_NAME
            || name.contains(['=', ',', ':'])
            || name.chars().any(char::is_control)
        {
            return bad(
                "name",
                format!(
                    "'{name}' can't be used: a name is up to {LONGEST_NAME} characters, without '=', ',' or ':'"
                ),
            );
        }
        if let (Some(lo), Some(hi)) = (self.min, self.max)
            && lo >= hi
        {
            return bad("max", format!("({hi}) is more than min ({lo})"));
        }
        if self.kind == MeasureKind::YesNo && (self.min.is_some() || self.max.is_some()) {
            return bad("min", "and max don't apply to a yes/no measure".into());
        }
        if self.unit.is_some() && matches!(self.kind, MeasureKind::YesNo | MeasureKind::Scale) {
            return bad(
                "unit",
                format!(
                    "is for numbers and counts; '{name}' is a {}",
                    self.kind.as_str()
                ),
            );
        }
        if self.decimals > MOST_DECIMALS {
            return bad("decimals", format!("is from 0 to {MOST_DECIMALS}"));
        }
        if self.decimals > 0 && self.kind != MeasureKind::Number {
            return bad("decimals", "is for numbers only".into());
        }
        Ok(())
    }
}

/// A number shown with at most `decimals` decimals, and no trailing zeros.
pub fn show_number(value: f64, decimals: u8) -> String {
    let text = format!("{value:.*}", usize::from(decimals));
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sleep() -> Measure {
        let mut m = Measure::new("sleep", MeasureKind::Number);
        m.unit = Some("hours".into());
        m.decimals = 1;
        m.min = Some(0);
        m.max = Some(24);
        m
    }

    #[test]
    fn numbers_take_their_own_unit_and_decimals() {
        let m = sleep();
        for ok in ["7.5", "7.5h", "7.5 hours", "7.5 hour", "8"] {
            assert!(m.read(ok).is_ok(), "{ok}");
        }
        assert_eq!(m.read("7.5h").unwrap().get(), 7.5);
        for bad in ["7.55", "30", "-1", "7.5mg", "lots", ""] {
            let err = m.read(bad).unwrap_err().to_string();
            assert!(
                err.starts_with("sleep takes a number of hours from 0 to 24"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn yes_no_takes_yes_or_no_and_no_unit() {
        let m = Measure::new("meds", MeasureKind::YesNo);
        assert_eq!(m.read("Yes").unwrap(), Amount::YES);
        assert_eq!(m.read("no").unwrap(), Amount::NO);
        let err = m.read("1mg").unwrap_err().to_string();
        assert_eq!(err, "meds takes yes or no, without a unit (you gave '1mg')");
        assert_eq!(m.show(Amount::YES), "yes");
    }

    #[test]
    fn scales_are_whole_numbers_in_their_range_without_a_unit() {
        let m = Measure::new("anxiety", MeasureKind::Scale);
        assert_eq!(m.read("6").unwrap().get(), 6.0);
        for bad in ["11", "6.5", "6 points", "-1"] {
            let err = m.read(bad).unwrap_err().to_string();
            assert!(
                err.starts_with("anxiety takes a whole number from 0 to 10"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn counts_are_whole_and_never_below_nothing() {
        let mut m = Measure::new("water", MeasureKind::Count);
        m.unit = Some("glasses".into());
        assert_eq!(m.read("6 glasses").unwrap().get(), 6.0);
        assert!(m.read("2.5").is_err());
        assert!(m.read("-2").is_err());
    }

    #[test]
    fn settings_that_dont_fit_are_named() {
        let mut m = Measure::new("meds", MeasureKind::YesNo);
        m.unit = Some("mg".into());
        assert_eq!(m.check().unwrap_err().field, "unit");
        let mut m = Measure::new("pain", MeasureKind::Scale);
        m.min = Some(5);
        m.max = Some(1);
        assert_eq!(m.check().unwrap_err().field, "max");
        assert_eq!(
            Measure::new("a=b", MeasureKind::Count)
                .check()
                .unwrap_err()
                .field,
            "name"
        );
        assert!(sleep().check().is_ok());
    }

    #[test]
    fn numbers_show_only_the_decimals_they_need() {
        assert_eq!(show_number(7.0, 2), "7");
        assert_eq!(show_number(7.5, 2), "7.5");
        assert_eq!(
            sleep().show_with_unit(Amount::new(6.25).unwrap()),
            "6.2 hours"
        );
    }
}
