//! Labels for emotions and gentle rituals: short, trimmed, never empty.

use serde::{Deserialize, Serialize};

use super::InvalidInput;

/// Longest label kindly keeps; a label is a word or two, not a note.
const MAX_CHARS: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Label(String);

impl Label {
    pub fn new(field: &str, text: &str) -> Result<Self, InvalidInput> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(InvalidInput::new(
                field,
                "has an empty name in it; leave out the extra comma, or give each one a name",
            ));
        }
        if trimmed.chars().count() > MAX_CHARS {
            return Err(InvalidInput::new(
                field,
                format!("names are at most {MAX_CHARS} characters ('{trimmed}' is longer)"),
            ));
        }
        if trimmed.chars().any(char::is_control) {
            return Err(InvalidInput::new(
                field,
                format!(
                    "names can't hold control characters ('{}')",
                    trimmed.escape_debug()
                ),
            ));
        }
        Ok(Self(trimmed.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Label {
    type Error = InvalidInput;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Label::new("label", &value)
    }
}

impl From<Label> for String {
    fn from(value: Label) -> String {
        value.0
    }
}

/// Reads `a,b,c` into labels, keeping the order given and dropping repeats.
/// An empty item (`a,,b` or an empty string) is refused, since it is almost always a typo.
pub fn parse_label_list(field: &str, text: &str) -> Result<Vec<Label>, InvalidInput> {
    let mut out: Vec<Label> = Vec::new();
    for item in text.split(',') {
        let label = Label::new(field, item)?;
        if !out
            .iter()
            .any(|l| l.as_str().eq_ignore_ascii_case(label.as_str()))
        {
            out.push(label);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_keeps_order_and_drops_repeats() {
        let got = parse_label_list("rituals", " walk, rest ,Walk").unwrap();
        let names: Vec<&str> = got.iter().map(Label::as_str).collect();
        assert_eq!(names, ["walk", "rest"]);
    }

    #[test]
    fn empty_item_is_refused_with_the_field_named() {
        let err = parse_label_list("rituals", "walk,,rest").unwrap_err();
        assert!(err.to_string().starts_with("rituals has an empty name"));
        assert!(parse_label_list("emotions", "").is_err());
        assert!(parse_label_list("emotions", " ").is_err());
    }

    #[test]
    fn unknown_labels_are_welcome() {
        let got = parse_label_list("rituals", "sat with the cat").unwrap();
        assert_eq!(got[0].as_str(), "sat with the cat");
    }

    #[test]
    fn overly_long_label_is_refused() {
        assert!(Label::new("emotions", &"a".repeat(41)).is_err());
    }
}
