//! The feelings step's offer: the person's whole emotion vocabulary, with the feelings a
//! harsh thought usually brings first, and only those not picked yet.

use super::flow::Felt;

const CRITIC_FEELINGS: &str = include_str!("../../../../assets/critic-feelings.txt");

/// The vocabulary with the feelings a harsh thought usually brings first.
pub(super) fn hard_first(mut emotions: Vec<String>) -> Vec<String> {
    let hard = CRITIC_FEELINGS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    for (i, name) in hard.enumerate() {
        match emotions.iter().position(|e| e.eq_ignore_ascii_case(name)) {
            Some(at) => {
                let e = emotions.remove(at);
                emotions.insert(i.min(emotions.len()), e);
            }
            None => emotions.insert(i.min(emotions.len()), name.to_string()),
        }
    }
    emotions
}

pub(super) fn addable(emotions: &[String], felt: &[Felt]) -> Vec<String> {
    emotions
        .iter()
        .filter(|e| !felt.iter().any(|f| f.name.eq_ignore_ascii_case(e)))
        .cloned()
        .collect()
}
