//! Thinking traps (cognitive distortions): the built-in labels with their explanations,
//! the user's own additions, and gentle hints from the words of a thought.

use super::{CrisisWords, InvalidInput, Label};

const DISTORTIONS: &str = include_str!("../../assets/distortions.txt");
const HINTS: &str = include_str!("../../assets/trap-hints.txt");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trap {
    pub name: String,
    pub explanation: String,
    /// Other spellings people use for the same trap.
    pub aliases: Vec<String>,
    pub builtin: bool,
}

/// The traps a person can pick: the built-in list, then their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Traps {
    pub all: Vec<Trap>,
    hints: Vec<(String, Vec<Phrase>)>,
    /// Words of self-harm: a thought holding them is given no hint.
    care: CrisisWords,
}

fn content_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Folds case, hyphens and underscores so "All_or-Nothing" finds "all-or-nothing".
fn fold(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

use super::lexicon::{Phrase, Said, phrases};

impl Default for Traps {
    fn default() -> Self {
        Self::with_own(&[])
    }
}

impl Traps {
    /// The built-in traps plus `own` (names, optionally `name: explanation`).
    pub fn with_own(own: &[String]) -> Self {
        let mut all: Vec<Trap> = content_lines(DISTORTIONS)
            .filter_map(|line| {
                let mut parts = line.split('|').map(str::trim);
                let name = parts.next()?.to_string();
                let explanation = parts.next().unwrap_or_default().to_string();
                let aliases = parts
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(String::from)
                    .collect();
                Some(Trap {
                    name,
                    explanation,
                    aliases,
                    builtin: true,
                })
            })
            .collect();
        for entry in own {
            let (name, explanation) = match entry.split_once(':') {
                Some((n, e)) => (n.trim(), e.trim()),
                None => (entry.trim(), ""),
            };
            let mut traps = Traps {
                all: all.clone(),
                hints: Vec::new(),
                care: CrisisWords::default(),
            };
            if name.is_empty() || traps.find(name).is_some() {
                continue;
            }
            traps.all.push(Trap {
                name: name.to_string(),
                explanation: if explanation.is_empty() {
                    "One of your own labels.".to_string()
                } else {
                    explanation.to_string()
                },
                aliases: Vec::new(),
                builtin: false,
            });
            all = traps.all;
        }
        let hints = content_lines(HINTS)
            .filter_map(|line| {
                let (name, list) = line.split_once('|')?;
                Some((name.trim().to_string(), phrases(list.split(','), false)))
            })
            .collect();
        Self {
            all,
            hints,
            care: CrisisWords::default(),
        }
    }

    /// The trap a name refers to, by its name or another spelling, ignoring case.
    pub fn find(&self, name: &str) -> Option<&Trap> {
        let wanted = fold(name);
        self.all
            .iter()
            .find(|t| fold(&t.name) == wanted || t.aliases.iter().any(|a| fold(a) == wanted))
    }

    /// Reads `a,b` into trap labels (their proper names). An unknown one is refused with
    /// the list of known ones, since a typo here would quietly split the trends.
    pub fn parse_list(&self, text: &str) -> Result<Vec<Label>, InvalidInput> {
        let mut out: Vec<Label> = Vec::new();
        for item in text.split(',') {
            if item.trim().is_empty() {
                return Err(InvalidInput::new(
                    "distortions",
                    "has an empty name in it; leave out the extra comma",
                ));
            }
            let trap = self.find(item).ok_or_else(|| {
                InvalidInput::new(
                    "distortions",
                    format!(
                        "has '{}', which isn't a label kindly knows; known ones: {} (add your own with distortions = [...] in config.toml)",
                        item.trim(),
                        self.all.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                )
            })?;
            let label = Label::new("distortions", &trap.name)?;
            if !out.contains(&label) {
                out.push(label);
            }
        }
        Ok(out)
    }

    /// Traps the words of a thought often go with, in list order. Only suggestions.
    /// None for a thought that speaks of self-harm: that is no moment for a label.
    pub fn hints(&self, thought: &str) -> Vec<&Trap> {
        if self.care.found_in(thought) {
            return Vec::new();
        }
        let said = Said::new(thought);
        self.all
            .iter()
            .filter(|trap| {
                self.hints
                    .iter()
                    .filter(|(name, _)| fold(name) == fold(&trap.name))
                    .any(|(_, phrases)| phrases.iter().any(|p| p.found_in(&said)))
            })
            .collect()
    }

    /// The same traps, hinting nothing for thoughts that hold any of `care`'s words.
    pub fn with_care(mut self, care: CrisisWords) -> Self {
        self.care = care;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_have_explanations() {
        let t = Traps::default();
        assert_eq!(t.all.len(), 12);
        assert!(t.all.iter().all(|t| t.builtin && !t.explanation.is_empty()));
    }

    #[test]
    fn names_are_found_by_any_spelling() {
        let t = Traps::default();
        assert_eq!(
            t.find("Overgeneralization").unwrap().name,
            "overgeneralisation"
        );
        assert_eq!(t.find("all_or_nothing").unwrap().name, "all-or-nothing");
        assert_eq!(t.find("personalisation").unwrap().name, "self-blame");
        assert!(t.find("grumpiness").is_none());
    }

    #[test]
    fn unknown_label_lists_the_known_ones() {
        let err = Traps::default()
            .parse_list("overgeneralisation,grumpiness")
            .unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("'grumpiness'"), "{msg}");
        assert!(
            msg.contains("mind reading") && msg.contains("labelling"),
            "{msg}"
        );
    }

    #[test]
    fn own_labels_join_but_cannot_replace_builtins() {
        let t = Traps::with_own(&[
            "comparing: Measuring myself against others".into(),
            "Labelling".into(),
        ]);
        assert_eq!(t.all.len(), 13);
        let own = t.find("comparing").unwrap();
        assert!(!own.builtin);
        assert_eq!(own.explanation, "Measuring myself against others");
        assert!(t.find("labelling").unwrap().builtin);
    }

    #[test]
    fn hints_come_from_the_words() {
        let t = Traps::default();
        let names = |s: &str| {
            t.hints(s)
                .iter()
                .map(|t| t.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names("I always mess this up"), ["overgeneralisation"]);
        assert_eq!(
            names("I should have known better"),
            ["should statements", "self-blame"]
        );
        assert_eq!(names("I'm such a failure"), ["labelling"]);
        assert_eq!(names("It's all my fault"), ["self-blame"]);
        assert!(names("Today was hard").is_empty());
        assert!(names("shoulder pain").is_empty(), "whole words only");
    }
}
