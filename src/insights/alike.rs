//! "You've met this thought before": which earlier thoughts resemble a new one.
//!
//! A thought is reduced to its content words (filler such as "I", "am", "such", "what",
//! "always" dropped), each cut to a rough stem so that tense and number don't matter
//! ("failed", "failing", "failure" → "fail"), and the critic's interchangeable words ("job"
//! and "work", "stupid" and "idiot") taken as one (`domain::words`). Two thoughts resemble each other when most of
//! their content words are shared: the Dice coefficient of the two sets is at least
//! [`ALIKE`]. Word order never matters, so "what a terrible person I am" meets "I'm a
//! terrible person"; one shared word among several does not, so "I'm a terrible cook"
//! doesn't, nor does "the bus was late again" meet "I am always late". The tests hold paraphrase sets and unrelated thoughts that share filler words.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::rc::Rc;
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset};
use uuid::Uuid;

use crate::domain::{Thought, words};

/// The least likeness (0 to 1) at which two thoughts count as the same one returning.
pub const ALIKE: f64 = 0.6;

/// Words that carry no meaning of their own in a self-critical thought.
const FILLER: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "all",
    "also",
    "always",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "being",
    "but",
    "by",
    "can",
    "could",
    "d",
    "did",
    "do",
    "does",
    "doing",
    "even",
    "ever",
    "every",
    "feel",
    "for",
    "from",
    "get",
    "got",
    "had",
    "has",
    "have",
    "he",
    "her",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "like",
    "ll",
    "m",
    "make",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "never",
    "no",
    "not",
    "now",
    "of",
    "off",
    "oh",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "re",
    "really",
    "s",
    "same",
    "she",
    "should",
    "ought",
    "so",
    "some",
    "still",
    "such",
    "t",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "this",
    "those",
    "to",
    "too",
    "up",
    "us",
    "ve",
    "very",
    "was",
    "way",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "who",
    "why",
    "will",
    "with",
    "would",
    "yet",
    "you",
    "your",
    "person",
    "human",
    "someone",
    "somebody",
    "anyone",
    "anybody",
    "total",
    "totally",
    "complete",
    "completely",
    "utter",
    "utterly",
    "kind",
    "sort",
    "bit",
    "lot",
    "quite",
    "pretty",
];

/// The filler words as keys, so a drawn-out or inflected one is filler too.
fn filler() -> &'static HashSet<String> {
    static FILLER_KEYS: OnceLock<HashSet<String>> = OnceLock::new();
    FILLER_KEYS.get_or_init(|| FILLER.iter().map(|w| words::key(w)).collect())
}

/// The content words of a thought, each once, in a stable order: folded and stemmed by
/// [`words::meanings`], with the critic's interchangeable words given one meaning.
pub fn words(text: &str) -> Vec<String> {
    content(text).to_vec()
}

thread_local! {
    static CONTENT_SEEN: RefCell<HashMap<String, Rc<[String]>>> = RefCell::new(HashMap::new());
}

/// [`words`], worked out once per text: a lookup reads every earlier thought at each
/// keypress of the critic flow, and a critic repeats itself, so nearly every text was read
/// before.
fn content(text: &str) -> Rc<[String]> {
    words::remembered(&CONTENT_SEEN, text, content_of)
}

fn content_of(text: &str) -> Rc<[String]> {
    let filler = filler();
    let set: BTreeSet<String> = words::meanings(text)
        .into_iter()
        .filter(|w| !w.is_empty() && !filler.contains(w))
        .collect();
    set.into_iter().collect()
}

/// How alike two sets of content words are, from 0 (nothing shared) to 1 (the same words).
/// One word in common counts only when it is each thought's only word: "the bus was late"
/// is not "I am always late".
pub fn likeness(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    if shared == 1 && a.len() + b.len() > 2 {
        return 0.0;
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// The records among `texts` whose thought resembles `text`, closest first (ties keep the
/// order of `texts`), leaving out `skip` (the record being written or read).
pub fn alike(text: &str, texts: &[(Uuid, String)], skip: Option<Uuid>) -> Vec<(Uuid, f64)> {
    let mine = content(text);
    if mine.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(Uuid, f64)> = texts
        .iter()
        .filter(|(id, _)| Some(*id) != skip)
        .filter_map(|(id, t)| {
            let score = likeness(&mine, &content(t));
            (score >= ALIKE).then_some((*id, score))
        })
        .collect();
    found.sort_by(|a, b| b.1.total_cmp(&a.1));
    found
}

/// For each record, how many other records hold a thought like its own. A critic repeats
/// itself, so each distinct set of words is compared once and counted for every record
/// that holds it.
pub fn returns(texts: &[(Uuid, String)]) -> HashMap<Uuid, usize> {
    let mut distinct: Vec<Rc<[String]>> = Vec::new();
    let mut index: HashMap<Rc<[String]>, usize> = HashMap::new();
    let holder: Vec<usize> = texts
        .iter()
        .map(|(_, t)| {
            let set = content(t);
            *index.entry(set.clone()).or_insert_with(|| {
                distinct.push(set);
                distinct.len() - 1
            })
        })
        .collect();
    let mut held = vec![0usize; distinct.len()];
    for &d in &holder {
        held[d] += 1;
    }
    let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
    for (d, set) in distinct.iter().enumerate() {
        for w in set.iter() {
            by_word.entry(w.as_str()).or_default().push(d);
        }
    }
    // Records like each distinct set, its own holders included.
    let like: Vec<usize> = distinct
        .iter()
        .map(|set| {
            let mut seen: BTreeSet<usize> = BTreeSet::new();
            for w in set.iter() {
                seen.extend(by_word[w.as_str()].iter().copied());
            }
            seen.into_iter()
                .filter(|e| likeness(set, &distinct[*e]) >= ALIKE)
                .map(|e| held[e])
                .sum()
        })
        .collect();
    texts
        .iter()
        .zip(&holder)
        .filter_map(|((id, _), &d)| {
            let others = like[d].saturating_sub(1);
            (others > 0).then_some((*id, others))
        })
        .collect()
}

/// What the journal knows of a thought that has come before.
#[derive(Debug, Clone, PartialEq)]
pub struct MetBefore {
    /// How many earlier records hold it.
    pub times: usize,
    /// When it came last.
    pub last: DateTime<FixedOffset>,
    /// The earlier kind answer that eased it most: the largest fall in belief, then in
    /// feeling, then the most recent; `None` when no earlier record has an answer.
    pub best: Option<Thought>,
}

/// Sums up the earlier records found alike (any order).
pub fn met_before(found: &[Thought]) -> Option<MetBefore> {
    let last = found.iter().map(|t| t.at).max()?;
    let best = found
        .iter()
        .filter(|t| t.reframe.is_some())
        .max_by(|a, b| {
            let key = |t: &Thought| {
                (
                    t.belief_relief().unwrap_or(i32::MIN),
                    t.intensity_relief().unwrap_or(f64::MIN),
                    t.at,
                )
            };
            let (ka, kb) = (key(a), key(b));
            ka.0.cmp(&kb.0)
                .then(ka.1.total_cmp(&kb.1))
                .then(ka.2.cmp(&kb.2))
        })
        .cloned();
    Some(MetBefore {
        times: found.len(),
        last,
        best,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(all: &[&str]) -> Vec<(Uuid, String)> {
        all.iter()
            .map(|t| (Uuid::new_v4(), t.to_string()))
            .collect()
    }

    #[test]
    fn content_words_leave_filler_and_tense_out() {
        assert_eq!(
            words("I'm a terrible person"),
            ["bad"],
            "terrible is the critic's bad"
        );
        assert_eq!(words("what a terrible person I am"), ["bad"]);
        assert_eq!(
            words("I'm a failure at my job"),
            words("I am a failure at work")
        );
        assert_eq!(words("no one wants me"), words("nobody wants me"));
        assert_eq!(words("I failed again"), words("I'm failing"));
        assert_eq!(words("a failure"), words("I fail"));
        assert_eq!(words("I'm such a burden"), words("I am a burden."));
        assert_eq!(
            words("the worst"),
            ["bad"],
            "the worst is the critic's bad too"
        );
        assert!(words("I am what I am").is_empty());
    }

    #[test]
    fn paraphrases_rank_first_and_unrelated_thoughts_with_shared_filler_stay_out() {
        let all = texts(&[
            "I am so tired of all of this",
            "I am such a terrible person",
            "what a day I had",
            "what a terrible person I am",
            "I'm a terrible cook",
            "I am always late",
            "people are terrible to me",
            "the bus was late again",
        ]);
        let found = alike("I'm a terrible person", &all, None);
        let ids: Vec<Uuid> = found.iter().map(|f| f.0).collect();
        assert_eq!(ids, [all[1].0, all[3].0], "{found:?}");
    }

    #[test]
    fn returns_counts_the_others_like_each_record() {
        let all = texts(&[
            "I'm a burden to everyone",
            "I'm such a burden",
            "I am a burden",
            "I should be further along",
            "everyone thinks I'm a burden",
            "I'm useless",
            "I'm useless at work",
        ]);
        let r = returns(&all);
        assert_eq!(
            r.get(&all[0].0),
            Some(&1),
            "with the other burden to everyone"
        );
        assert_eq!(r.get(&all[1].0), Some(&1), "with the other bare burden");
        assert_eq!(r.get(&all[3].0), None);
        assert_eq!(
            r.get(&all[5].0),
            None,
            "one shared word among several is not enough"
        );
    }

    #[test]
    fn returns_counts_each_copy_of_a_thought_written_word_for_word() {
        let all = texts(&[
            "I'm a terrible person",
            "I'm a terrible person",
            "what a terrible person I am",
            "I'm a terrible person",
            "I should be further along",
            "...",
            "...",
        ]);
        let r = returns(&all);
        for i in [0, 1, 2, 3] {
            assert_eq!(r.get(&all[i].0), Some(&3), "record {i}: {r:?}");
        }
        assert_eq!(r.get(&all[4].0), None);
        assert_eq!(r.get(&all[5].0), None, "no words, nothing to meet again");
    }
}
