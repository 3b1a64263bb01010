//! Bounded rating scales (mood, energy, the self-compassion parts): a value outside its range cannot exist.

use serde::{Deserialize, Serialize};

use super::InvalidInput;

/// What every rating scale shares: its bounds and how to read one from text.
pub trait Scale: Sized + Copy {
    const MIN: u8;
    const MAX: u8;

    fn new(value: u8) -> Result<Self, InvalidInput>;
    fn get(self) -> u8;

    /// Reads a scale value typed by a person, e.g. on the command line.
    fn parse(field: &str, text: &str) -> Result<Self, InvalidInput> {
        let trimmed = text.trim();
        match trimmed.parse::<u8>() {
            Ok(v) if (Self::MIN..=Self::MAX).contains(&v) => Self::new(v),
            _ => Err(InvalidInput::new(
                field,
                format!(
                    "is a whole number from {} to {} (you gave '{}')",
                    Self::MIN,
                    Self::MAX,
                    trimmed
                ),
            )),
        }
    }

    /// One step from `current`, or `start` when there is no value yet.
    fn nudge(current: Option<Self>, up: bool, start: u8) -> Option<Self> {
        match current {
            Some(s) => Some(s.stepped(up)),
            None => Self::new(start).ok(),
        }
    }

    /// One step up or down, staying inside the range.
    fn stepped(self, up: bool) -> Self {
        let v = self.get();
        let next = if up {
            v.saturating_add(1).min(Self::MAX)
        } else {
            v.saturating_sub(1).max(Self::MIN)
        };
        Self::new(next).unwrap_or(self)
    }
}

macro_rules! scale {
    ($(#[$doc:meta])* $name:ident, $field:literal, $min:literal, $max:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "u8", into = "u8")]
        pub struct $name(u8);

        impl Scale for $name {
            const MIN: u8 = $min;
            const MAX: u8 = $max;

            fn new(value: u8) -> Result<Self, InvalidInput> {
                if (Self::MIN..=Self::MAX).contains(&value) {
                    Ok(Self(value))
                } else {
                    Err(InvalidInput::new(
                        $field,
                        format!("is a whole number from {} to {} (you gave '{}')", $min, $max, value),
                    ))
                }
            }

            fn get(self) -> u8 {
                self.0
            }
        }

        impl TryFrom<u8> for $name {
            type Error = InvalidInput;
            fn try_from(value: u8) -> Result<Self, Self::Error> {
                <Self as Scale>::new(value)
            }
        }

        impl From<$name> for u8 {
            fn from(value: $name) -> u8 {
                value.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = InvalidInput;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <Self as Scale>::parse($field, s)
            }
        }
    };
}

scale!(
    /// How today feels, 1 (very low) to 10 (very good).
    Mood, "mood", 1, 10
);
scale!(
    /// How much energy there is, 1 to 10.
    Energy, "energy", 1, 10
);
scale!(
    /// How strong a feeling is, or how much a thought is believed, 0 to 100.
    Percent, "percent", 0, 100
);
scale!(
    /// One of the three self-compassion parts (kindness, common humanity, mindfulness), 1 to 5.
    PartRating, "rating", 1, 5
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mood_cannot_hold_eleven_or_zero() {
        assert!(Mood::new(11).is_err());
        assert!(Mood::new(0).is_err());
        assert_eq!(Mood::new(10).unwrap().get(), 10);
        assert_eq!(Mood::new(1).unwrap().get(), 1);
    }

    #[test]
    fn parse_names_the_field_and_the_range() {
        let err = "abc".parse::<Mood>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "mood is a whole number from 1 to 10 (you gave 'abc')"
        );
        let err = PartRating::parse("kindness", "6").unwrap_err();
        assert_eq!(
            err.to_string(),
            "kindness is a whole number from 1 to 5 (you gave '6')"
        );
        assert!("-1".parse::<Energy>().is_err());
        assert_eq!(" 7 ".parse::<Energy>().unwrap().get(), 7);
    }

    #[test]
    fn stepping_stays_inside_the_range() {
        let top = Mood::new(10).unwrap();
        assert_eq!(top.stepped(true).get(), 10);
        assert_eq!(top.stepped(false).get(), 9);
        let bottom = PartRating::new(1).unwrap();
        assert_eq!(bottom.stepped(false).get(), 1);
    }

    #[test]
    fn deserialising_an_out_of_range_mood_is_refused() {
        assert!(serde_json::from_str::<Mood>("11").is_err());
        assert_eq!(serde_json::from_str::<Mood>("4").unwrap().get(), 4);
    }
}
