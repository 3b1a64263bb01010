//! Phrases with room in them, as the lexicons write them: "want to … die" is found in
//! "i really want to just die" however it is spelt, and not where the words around it make
//! it something else ("I'd rather die than sing", "I hurt myself skiing").
//!
//! A phrase is words separated by spaces. `a|b` offers alternatives for one word (`go_on`:
//! words joined by `_` stand together as one alternative); `…` (or `...`) lets up to three other words of the same sentence stand there; a leading `!a|b`
//! means the phrase doesn't count when one of those words stands just before it (two words
//! back at most); a trailing `!a|b` means it doesn't count when the next word is one of
//! them, and `!-ing` when the next word ends in "ing".

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use super::words::{Word, folded, key, near, remembered};

/// How many other words a `…` may stand for.
const GAP: usize = 3;

/// Words a `…` never reaches over: past them the phrase is about something else ("want
/// to see it before I die").
const BREAKS: &[&str] = &[
    "before", "until", "till", "after", "if", "when", "than", "see", "watch", "but", "because",
];

/// A text read once for looking phrases up in it.
pub struct Said {
    words: Vec<Word>,
    keys: Vec<String>,
    /// Whether each word is one of [`BREAKS`], worked out once: every gap asks.
    breaks: Vec<bool>,
}

impl Said {
    pub fn new(text: &str) -> Self {
        static BREAK_KEYS: OnceLock<Vec<String>> = OnceLock::new();
        let break_keys = BREAK_KEYS.get_or_init(|| BREAKS.iter().map(|b| key(b)).collect());
        let words = folded(text);
        let keys: Vec<String> = words.iter().map(|w| key(&w.text)).collect();
        let breaks = keys.iter().map(|k| break_keys.contains(k)).collect();
        Self {
            words,
            keys,
            breaks,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    /// Alternatives, each a run of one or more words.
    Words(Vec<Vec<String>>),
    Gap,
}

/// One phrase of a lexicon, read from its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    steps: Vec<Step>,
    not_after: Vec<String>,
    not_before: Vec<String>,
    not_before_ing: bool,
    /// Whether a slip of the keyboard still counts (for words that must never be missed).
    forgiving: bool,
}

impl Phrase {
    /// Reads one line of a lexicon; `None` when it holds no words.
    pub fn parse(line: &str, forgiving: bool) -> Option<Self> {
        let mut phrase = Phrase {
            steps: Vec::new(),
            not_after: Vec::new(),
            not_before: Vec::new(),
            not_before_ing: false,
            forgiving,
        };
        for token in line.split_whitespace() {
            if let Some(guard) = token.strip_prefix('!') {
                let words = guard.split('|').filter(|w| !w.is_empty());
                if phrase.steps.is_empty() {
                    phrase.not_after.extend(words.map(key));
                } else {
                    for w in words {
                        if w == "-ing" {
                            phrase.not_before_ing = true;
                        } else {
                            phrase.not_before.push(key(w));
                        }
                    }
                }
            } else if token == "…" || token == "..." {
                phrase.steps.push(Step::Gap);
            } else {
                // "don't" is two words once opened: "do", "not".
                let alternatives: Vec<Vec<String>> = token
                    .split('|')
                    .map(|a| {
                        folded(&a.replace('_', " "))
                            .iter()
                            .map(|w| key(&w.text))
                            .collect()
                    })
                    .filter(|a: &Vec<String>| !a.is_empty())
                    .collect();
                if !alternatives.is_empty() {
                    phrase.steps.push(Step::Words(alternatives));
                }
            }
        }
        phrase
            .steps
            .iter()
            .any(|s| matches!(s, Step::Words(_)))
            .then_some(phrase)
    }

    /// Whether the phrase stands anywhere in `said`.
    pub fn found_in(&self, said: &Said) -> bool {
        (0..said.keys.len()).any(|start| self.starts_at(said, start))
    }

    /// The most words the phrase can cover, and the one after it that its guard reads.
    fn reach(&self) -> usize {
        let covered: usize = self
            .steps
            .iter()
            .map(|s| match s {
                Step::Gap => GAP,
                Step::Words(alternatives) => alternatives.iter().map(Vec::len).max().unwrap_or(0),
            })
            .sum();
        covered + 1
    }

    fn starts_at(&self, said: &Said, start: usize) -> bool {
        self.from(said, start, 0) && self.guard_before(said, start)
    }

    /// The words the phrase can begin with, and for a forgiving phrase each of them with
    /// one letter left out (a slip on either side leaves one letter out of both), or
    /// `None` when it opens with a gap and so can begin anywhere.
    fn openings(&self) -> Option<Vec<String>> {
        let Step::Words(alternatives) = self.steps.first()? else {
            return None;
        };
        let mut out: Vec<String> = Vec::new();
        for first in alternatives.iter().filter_map(|a| a.first()) {
            out.push(first.clone());
            if self.forgiving {
                out.extend(one_left_out(first));
            }
        }
        out.sort_unstable();
        out.dedup();
        Some(out)
    }

    fn guard_before(&self, said: &Said, start: usize) -> bool {
        let clause = said.words[start].clause;
        (start.saturating_sub(2)..start)
            .filter(|&i| said.words[i].clause == clause)
            .all(|i| !self.not_after.contains(&said.keys[i]))
    }

    /// Whether steps `step..` match from word `at` on, within the sentence they began in.
    fn from(&self, said: &Said, at: usize, step: usize) -> bool {
        let Some(s) = self.steps.get(step) else {
            return self.guard_after(said, at);
        };
        let clause = |i: usize| said.words[i].clause;
        match s {
            Step::Gap => {
                let first = if at == 0 { 0 } else { clause(at - 1) };
                (0..=GAP).any(|skip| {
                    let skipped = at..at + skip;
                    skipped.end <= said.keys.len()
                        && skipped
                            .clone()
                            .all(|i| clause(i) == first && !said.breaks[i])
                        && self.from(said, at + skip, step + 1)
                })
            }
            Step::Words(alternatives) => alternatives.iter().any(|words| {
                let end = at + words.len();
                end <= said.keys.len()
                    && {
                        let home = clause(if step == 0 || at == 0 { at } else { at - 1 });
                        (at..end).all(|i| clause(i) == home)
                    }
                    && words
                        .iter()
                        .zip(&said.keys[at..end])
                        .all(|(w, k)| self.same(k, w))
                    && self.from(said, end, step + 1)
            }),
        }
    }

    fn guard_after(&self, said: &Said, end: usize) -> bool {
        let Some(next) = said.words.get(end) else {
            return true;
        };
        if end > 0 && next.clause != said.words[end - 1].clause {
            return true;
        }
        !(self.not_before.contains(&said.keys[end])
            || (self.not_before_ing && next.text.ends_with("ing")))
    }

    fn same(&self, written: &str, meant: &str) -> bool {
        if self.forgiving {
            near(written, meant)
        } else {
            written == meant
        }
    }
}

/// The phrases of a lexicon file: one a line, `#` for comments.
pub fn phrases<'a>(lines: impl IntoIterator<Item = &'a str>, forgiving: bool) -> Vec<Phrase> {
    lines
        .into_iter()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| Phrase::parse(l, forgiving))
        .collect()
}

thread_local! {
    static LEFT_OUT_SEEN: RefCell<HashMap<String, Vec<String>>> = RefCell::new(HashMap::new());
}

/// `word` with each one of its letters left out in turn, for words long enough to be
/// forgiven a slip.
fn one_left_out(word: &str) -> Vec<String> {
    remembered(&LEFT_OUT_SEEN, word, left_out)
}

fn left_out(word: &str) -> Vec<String> {
    let letters: Vec<char> = word.chars().collect();
    if letters.len() < 3 {
        return Vec::new();
    }
    (0..letters.len())
        .map(|i| {
            letters
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, c)| c)
                .collect()
        })
        .collect()
}

/// A whole lexicon, indexed by the words its phrases begin with, so a page of a thousand
/// words is looked through at every keypress without trying every phrase at every word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lexicon {
    phrases: Vec<Phrase>,
    by_opening: HashMap<String, Vec<usize>>,
    anywhere: Vec<usize>,
    /// The most words any phrase can cover, with the word after it that its guard reads.
    pub reach: usize,
}

impl Lexicon {
    pub fn new(phrases: Vec<Phrase>) -> Self {
        let mut by_opening: HashMap<String, Vec<usize>> = HashMap::new();
        let mut anywhere = Vec::new();
        for (i, p) in phrases.iter().enumerate() {
            match p.openings() {
                Some(openings) => {
                    for o in openings {
                        by_opening.entry(o).or_default().push(i);
                    }
                }
                None => anywhere.push(i),
            }
        }
        let reach = phrases.iter().map(Phrase::reach).max().unwrap_or(0);
        Self {
            phrases,
            by_opening,
            anywhere,
            reach,
        }
    }

    /// Whether it holds no phrase at all (a person's own list, when they wrote none).
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Whether any phrase stands anywhere in `said`.
    #[cfg(test)]
    pub fn found_in(&self, said: &Said) -> bool {
        self.found_from(said, 0)
    }

    /// Whether any phrase begins at word `first` of `said` or later (the words before
    /// still count for what a phrase may not follow).
    pub fn found_from(&self, said: &Said, first: usize) -> bool {
        let mut candidates: Vec<usize> = Vec::new();
        (first..said.keys.len()).any(|start| {
            let word = &said.keys[start];
            candidates.clear();
            for form in std::iter::once(word.clone()).chain(one_left_out(word)) {
                if let Some(found) = self.by_opening.get(&form) {
                    candidates.extend(found);
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
            candidates
                .iter()
                .chain(&self.anywhere)
                .any(|&i| self.phrases[i].starts_at(said, start))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(phrase: &str, text: &str) -> bool {
        Phrase::parse(phrase, true)
            .expect("a phrase")
            .found_in(&Said::new(text))
    }

    #[test]
    fn a_gap_takes_up_to_three_words_of_the_same_sentence() {
        assert!(found("want to … die", "I want to die"));
        assert!(found("want to … die", "i really want to just fucking die"));
        assert!(!found(
            "want to … die",
            "I want to go home and sleep and then die"
        ));
        assert!(!found("want to … die", "I want to rest. Die Hard is on"));
        assert!(!found(
            "want to … die",
            "I want to see the sea before I die"
        ));
    }

    #[test]
    fn alternatives_and_opened_contractions_are_steps() {
        assert!(found(
            "don't want to … be here|alive",
            "i dont want to be alive"
        ));
        assert!(found(
            "don't want to … be here|alive",
            "I do not want to be here anymore"
        ));
        assert!(!found(
            "don't want to … be here|alive",
            "I don't want to be late"
        ));
    }

    #[test]
    fn guards_before_and_after_keep_other_meanings_out() {
        assert!(!found("!not want to … die", "I don't want to die"));
        assert!(found("!not want to … die", "I want to die"));
        assert!(!found("rather … die !than", "I'd rather die than sing"));
        assert!(found("rather … die !than", "I'd rather die"));
        assert!(!found("hurt myself !-ing", "I hurt myself skiing"));
        assert!(found(
            "hurt myself !-ing",
            "I want to hurt myself. Skiing was fine"
        ));
    }

    #[test]
    fn a_lexicon_finds_what_its_phrases_find() {
        let lexicon = Lexicon::new(phrases(["want to … die", "… kms", "never"], true));
        for (text, expected) in [
            ("i really want to die", true),
            ("lol kms", true),
            ("kms", true),
            ("nevr", true),
            ("I never said that", true),
            ("a quiet morning", false),
        ] {
            assert_eq!(lexicon.found_in(&Said::new(text)), expected, "{text}");
        }
    }

    #[test]
    fn slips_count_only_where_forgiven() {
        assert!(found("kill myself", "I want to kil myslef"));
        let strict = Phrase::parse("never", false).expect("a phrase");
        assert!(!strict.found_in(&Said::new("I have a fever")));
    }
}
