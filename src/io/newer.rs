//! What a newer kindly's export holds that this one doesn't know (a field on its records, a
//! kind of record), found by reading only the file's names, so the import summary can say
//! what it passed over instead of dropping it without a word.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::kindly_json::{BreakRecord, CheckInRecord, EntryRecord, SessionRecord, ThoughtRecord};
use super::measures_json::{DayRecord, MeasureRecord};
use crate::domain::{Journal, PersonalLists};

/// Each top-level name of a kindly export, with how many records it holds and how many of
/// them carried each field name. Values are passed over as they are read, so nothing of the
/// file is held twice.
#[derive(Debug, Default, PartialEq)]
pub struct Shape(pub BTreeMap<String, Section>);

/// One top-level name: how many records its list holds (none for an object or a value),
/// and each field name's count (an object's own names count once).
#[derive(Debug, Default, PartialEq)]
pub struct Section {
    pub records: usize,
    pub fields: BTreeMap<String, usize>,
}

/// Something this kindly passed over, with how often it was there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unknown {
    /// A top-level list (a kind of record) or value this kindly doesn't know.
    Kind { name: String, records: usize },
    /// A field on records of a kind it does know; `place` says where ("on 3 check-ins").
    Field { name: String, place: String },
}

/// A top-level name this kindly reads, and the fields its records (or, for an object, the
/// object) may carry: `one` and `many` name its records in the summary.
pub struct Known<'a> {
    pub name: &'a str,
    pub one: &'a str,
    pub many: &'a str,
    pub fields: &'a [String],
}

impl fmt::Display for Unknown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Names come from the file: shown defused, like any outside text.
        let name = |n: &str| crate::domain::visible_line(n);
        match self {
            Unknown::Kind {
                name: n,
                records: 1,
            } => write!(f, "\"{}\" (1 record of a kind it doesn't know)", name(n)),
            Unknown::Kind { name: n, records } if *records > 0 => write!(
                f,
                "\"{}\" ({records} records of a kind it doesn't know)",
                name(n)
            ),
            Unknown::Kind { name: n, .. } => write!(f, "\"{}\"", name(n)),
            Unknown::Field { name: n, place } => write!(f, "\"{}\" {place}", name(n)),
        }
    }
}

impl Shape {
    /// Reads a file's names; a file whose shape can't be read this way has none to tell.
    pub fn of(text: &str) -> Shape {
        serde_json::from_str(text).unwrap_or_default()
    }

    /// What the file holds beyond what this kindly knows: top-level names neither in
    /// `plain` (names whose insides aren't looked at) nor in `records`, and fields beyond
    /// those `records` gives.
    pub fn unknown(&self, plain: &[&str], records: &[Known]) -> Vec<Unknown> {
        let mut out = Vec::new();
        for (name, section) in &self.0 {
            if plain.contains(&name.as_str()) {
                continue;
            }
            let Some(known) = records.iter().find(|k| k.name == name) else {
                out.push(Unknown::Kind {
                    name: name.clone(),
                    records: section.records,
                });
                continue;
            };
            for (field, &n) in &section.fields {
                if known.fields.iter().any(|f| f == field) {
                    continue;
                }
                let place = if section.records == 0 {
                    format!("in {}", known.many)
                } else {
                    format!("on {n} {}", if n == 1 { known.one } else { known.many })
                };
                out.push(Unknown::Field {
                    name: field.clone(),
                    place,
                });
            }
        }
        out
    }
}

/// What a kindly export (`text`) holds beyond what this kindly read from it (`j`).
pub fn in_export(text: &str, j: &Journal) -> Vec<Unknown> {
    fn fields<R: serde::Serialize>(record: Option<R>) -> Vec<String> {
        record
            .and_then(|r| serde_json::to_value(r).ok())
            .and_then(|v| v.as_object().map(|o| o.keys().cloned().collect()))
            .unwrap_or_default()
    }
    let mut checkin = fields(j.checkins.first().map(CheckInRecord::from));
    // Left out of a check-in with no measures, and known all the same.
    checkin.push("measures".into());
    let measure = fields(j.measures.first().map(MeasureRecord::from));
    let day = fields(j.days.first().map(DayRecord::from));
    let thought = fields(j.thoughts.first().map(ThoughtRecord::from));
    let entry = fields(j.entries.first().map(EntryRecord::from));
    let pause = fields(j.breaks.first().map(BreakRecord::from));
    let mark = fields(j.session.first().map(SessionRecord::from));
    let personal = fields(Some(PersonalLists::default()));
    let known = |name, one, many, fields| Known {
        name,
        one,
        many,
        fields,
    };
    Shape::of(text).unknown(
        &["format", "version"],
        &[
            known("checkins", "check-in", "check-ins", &checkin),
            known("thoughts", "thought record", "thought records", &thought),
            known(
                "entries",
                "journal page or letter",
                "journal pages or letters",
                &entry,
            ),
            known("breaks", "break", "breaks", &pause),
            known("session", "session mark", "session marks", &mark),
            known("personal", "your own lists", "your own lists", &personal),
            known("measures", "measure", "measures", &measure),
            known("days", "day's value", "days' values", &day),
        ],
    )
}

impl Section {
    fn count(&mut self, names: Option<Vec<String>>) {
        self.records += 1;
        for n in names.into_iter().flatten() {
            *self.fields.entry(n).or_default() += 1;
        }
    }
}

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Top;
        impl<'de> Visitor<'de> for Top {
            type Value = Shape;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    let section: Section = map.next_value()?;
                    out.insert(key, section);
                }
                Ok(Shape(out))
            }
        }
        d.deserialize_map(Top)
    }
}

/// The field names of one object, or none for any other value.
struct Names(Option<Vec<String>>);

/// Every value that isn't a list or an object is passed over as it is.
macro_rules! any_scalar {
    ($out:expr) => {
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok($out)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            Ok($out)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
            Ok($out)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            Ok($out)
        }
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
            Ok($out)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok($out)
        }
    };
}

impl<'de> Deserialize<'de> for Names {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Names;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            any_scalar!(Names(None));
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Names, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Names(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Names, A::Error> {
                let mut names = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    map.next_value::<IgnoredAny>()?;
                    names.push(key);
                }
                Ok(Names(Some(names)))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Section {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Section;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            any_scalar!(Section::default());
            // A list: each element a record.
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Section, A::Error> {
                let mut section = Section::default();
                while let Some(Names(names)) = seq.next_element::<Names>()? {
                    section.count(names);
                }
                Ok(section)
            }
            // An object (the person's own lists): its names are its fields.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Section, A::Error> {
                let mut section = Section::default();
                while let Some(key) = map.next_key::<String>()? {
                    map.next_value::<IgnoredAny>()?;
                    section.fields.insert(key, 1);
                }
                Ok(section)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_counted_by_section_and_what_isnt_known_is_named() {
        let shape = Shape::of(
            r#"{"format":"kindly","version":1,
                "checkins":[{"id":"a","weather":"rain"},{"id":"b","weather":null,"x":[1,{"y":2}]}],
                "moods":[{"id":"c"}],"personal":{"deck_removed":[],"pets":["cat"]}}"#,
        );
        assert_eq!(shape.0["checkins"].records, 2);
        assert_eq!(shape.0["checkins"].fields["weather"], 2);
        assert_eq!(shape.0["moods"].records, 1);
        let checkin = ["id".to_string()];
        let personal = ["deck_removed".to_string()];
        let unknown = shape.unknown(
            &["format", "version"],
            &[
                Known {
                    name: "checkins",
                    one: "check-in",
                    many: "check-ins",
                    fields: &checkin,
                },
                Known {
                    name: "personal",
                    one: "your own lists",
                    many: "your own lists",
                    fields: &personal,
                },
            ],
        );
        let said: Vec<String> = unknown.iter().map(ToString::to_string).collect();
        assert_eq!(
            said,
            [
                "\"weather\" on 2 check-ins",
                "\"x\" on 1 check-in",
                "\"moods\" (1 record of a kind it doesn't know)",
                "\"pets\" in your own lists",
            ]
        );
    }

    #[test]
    fn a_name_holding_escapes_is_shown_defused() {
        let shape = Shape::of("{\"\\u001b]52;c;aGk=\\u0007\":[{}]}");
        let said = shape.unknown(&[], &[])[0].to_string();
        assert!(!said.contains('\u{1b}'), "{said:?}");
    }
}
