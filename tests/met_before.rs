//! "You've met this thought before" against the labelled sets in tests/data/: a belief
//! come back in other words finds its earlier record first, and a thought of the same
//! topics holding another belief finds nothing. The figures are printed and written in the
//! README.

use kindly::insights::alike::alike;
use uuid::Uuid;

fn lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

#[test]
fn a_belief_in_other_words_meets_its_earlier_record_and_other_thoughts_meet_nothing() {
    let pairs: Vec<(&str, &str)> = lines(include_str!("data/met-before-pairs.txt"))
        .into_iter()
        .filter_map(|l| l.split_once(" | "))
        .collect();
    let unrelated = lines(include_str!("data/met-before-unrelated.txt"));
    assert!(
        pairs.len() >= 50 && unrelated.len() >= 40,
        "the labelled sets are too small"
    );

    // The journal holds every earlier thought and every unrelated one, so each lookup has
    // thoughts of the same topics to be distracted by.
    let earlier: Vec<(Uuid, String)> = pairs
        .iter()
        .map(|(e, _)| (Uuid::new_v4(), e.to_string()))
        .collect();
    let others: Vec<(Uuid, String)> = unrelated
        .iter()
        .map(|u| (Uuid::new_v4(), u.to_string()))
        .collect();
    let journal: Vec<(Uuid, String)> = earlier.iter().chain(&others).cloned().collect();

    let mut missed = Vec::new();
    for ((_, later), (id, first)) in pairs.iter().zip(&earlier) {
        let found = alike(later, &journal, None);
        if found.first().map(|f| f.0) != Some(*id) {
            missed.push(format!("{first} | {later}"));
        }
    }
    let mut met = Vec::new();
    for (id, thought) in &others {
        if !alike(thought, &journal, Some(*id)).is_empty() {
            met.push(thought.as_str());
        }
    }
    let top = 100.0 * (pairs.len() - missed.len()) as f64 / pairs.len() as f64;
    let alone = 100.0 * (others.len() - met.len()) as f64 / others.len() as f64;
    let figures = format!(
        "earlier record first for {top:.1} % of pairs ({} of {}); unrelated thought meets nothing in {alone:.1} % ({} of {})",
        pairs.len() - missed.len(),
        pairs.len(),
        others.len() - met.len(),
        others.len()
    );
    println!("met before: {figures}");
    println!("missed: {missed:#?}");
    println!("met something: {met:?}");
    assert!(top >= 85.0, "{top:.1} %: {missed:#?}");
    assert!(alone >= 95.0, "{alone:.1} %: {met:?}");
    let readme = include_str!("../README.md")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        readme.contains(&figures),
        "the README says other figures than: {figures}"
    );
}
