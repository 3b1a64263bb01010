//! The person's own lists, which belong to no record: lines taken out of the deck of kind
//! words, and the emotions and rituals added as choices. They travel (sync, export) as
//! sets that only grow, so every computer that has seen the same lists holds the same.

use std::collections::BTreeSet;

/// The person's own lists. Merging is a union: a choice added anywhere is a choice
/// everywhere, and a line taken out of the deck anywhere stays out everywhere (a removal
/// wins over the line's presence in any record). Sets, so the order never differs between
/// computers.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct PersonalLists {
    /// Lines taken out of the deck of kind words, by their text.
    pub deck_removed: BTreeSet<String>,
    /// Emotions added as choices from the check-in form.
    pub added_emotions: BTreeSet<String>,
    /// Rituals added as choices from the check-in form.
    pub added_rituals: BTreeSet<String>,
}

impl PersonalLists {
    pub fn is_empty(&self) -> bool {
        self.deck_removed.is_empty()
            && self.added_emotions.is_empty()
            && self.added_rituals.is_empty()
    }

    /// How many lines and choices the lists hold.
    pub fn len(&self) -> usize {
        self.deck_removed.len() + self.added_emotions.len() + self.added_rituals.len()
    }

    /// Checks each line and name as the form checks one (for lists read from a file).
    pub fn check(&self) -> Result<(), super::InvalidInput> {
        if self.deck_removed.iter().any(|l| l.trim().is_empty()) {
            return Err(super::InvalidInput::new(
                "deck_removed",
                "holds an empty line",
            ));
        }
        for (field, names) in [
            ("added_emotions", &self.added_emotions),
            ("added_rituals", &self.added_rituals),
        ] {
            for n in names {
                super::Label::new(field, n)?;
            }
        }
        Ok(())
    }

    /// Takes in what `other` holds; returns how many lines and choices were new. A choice
    /// differing only in case is the same choice (the form treats it so), and of its
    /// spellings every computer keeps the same one (the first in the sets' order).
    pub fn merge(&mut self, other: &PersonalLists) -> usize {
        fn choices(have: &mut BTreeSet<String>, theirs: &BTreeSet<String>) -> usize {
            let mut new = 0;
            for t in theirs {
                match have.iter().find(|h| h.eq_ignore_ascii_case(t)).cloned() {
                    None => {
                        have.insert(t.clone());
                        new += 1;
                    }
                    Some(h) if *t < h => {
                        have.remove(&h);
                        have.insert(t.clone());
                    }
                    Some(_) => {}
                }
            }
            new
        }
        let before = self.deck_removed.len();
        self.deck_removed.extend(other.deck_removed.iter().cloned());
        self.deck_removed.len() - before
            + choices(&mut self.added_emotions, &other.added_emotions)
            + choices(&mut self.added_rituals, &other.added_rituals)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists(removed: &[&str], emotions: &[&str], rituals: &[&str]) -> PersonalLists {
        let set = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect();
        PersonalLists {
            deck_removed: set(removed),
            added_emotions: set(emotions),
            added_rituals: set(rituals),
        }
    }

    #[test]
    fn merging_converges_whatever_the_order_and_twice_adds_nothing() {
        let a = lists(&["Rest is not a reward."], &["wistful"], &["tea"]);
        let b = lists(&["May I rest."], &["Wistful", "tender"], &["swim"]);
        let c = lists(&["Rest is not a reward."], &[], &["tea", "walk"]);
        let mut one = a.clone();
        one.merge(&b);
        one.merge(&c);
        let mut two = c.clone();
        two.merge(&b);
        two.merge(&a);
        // The same lists, each choice once whatever its case, spelt the same on both.
        assert_eq!(one, two);
        assert_eq!(
            one.added_emotions.iter().collect::<Vec<_>>(),
            ["Wistful", "tender"]
        );
        assert_eq!(one.merge(&two), 0, "merging again adds nothing");
        assert_eq!(one.merge(&one.clone()), 0);
    }

    #[test]
    fn a_line_taken_out_anywhere_stays_out() {
        let mut here = lists(&[], &[], &[]);
        assert_eq!(here.merge(&lists(&["May I rest."], &[], &[])), 1);
        assert!(here.deck_removed.contains("May I rest."));
        // Nothing the other side lacks can put it back.
        here.merge(&PersonalLists::default());
        assert!(here.deck_removed.contains("May I rest."));
    }
}
