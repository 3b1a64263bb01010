//! Care around words of self-harm or suicide: when a thought, note or page holds them,
//! kindly shows the support contact and the line about professional and emergency help,
//! and offers no thinking trap for that thought. It never blocks writing and never
//! stores anything about it.

use super::lexicon::{Phrase, Said, phrases};

const CRISIS_WORDS: &str = include_str!("../../assets/crisis-words.txt");

/// The phrases that bring the support line: the built-in lexicon and the person's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrisisWords {
    phrases: Vec<Phrase>,
}

impl Default for CrisisWords {
    fn default() -> Self {
        Self::with_own(&[])
    }
}

impl CrisisWords {
    /// The built-in phrases plus `own` (from config `crisis_words`, in the same form).
    pub fn with_own(own: &[String]) -> Self {
        let lines = CRISIS_WORDS.lines().chain(own.iter().map(String::as_str));
        // A slip of the keyboard must not hide these words.
        Self {
            phrases: phrases(lines, true),
        }
    }

    /// Whether `text` holds any of the phrases, however it is written.
    pub fn found_in(&self, text: &str) -> bool {
        let said = Said::new(text);
        self.phrases.iter().any(|p| p.found_in(&said))
    }
}

/// The line kindly shows when those words are written: warm, plain, and with the
/// person's own support contact when one is named.
pub fn support_line(contact: Option<&str>) -> String {
    let reach = "You matter. If you might hurt yourself, please reach a professional or your \
                 local emergency number now.";
    match contact {
        Some(c) => format!("{reach} Your support contact: {c}."),
        None => reach.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_self_harm_are_found_in_any_case_and_with_curly_apostrophes() {
        let care = CrisisWords::default();
        for text in [
            "I want to die, nobody would miss me",
            "Sometimes I think about SUICIDE",
            "I don’t want to live like this",
            "i've been hurting myself again",
            "maybe self-harm is the only thing that helps",
        ] {
            assert!(care.found_in(text), "{text}");
        }
    }

    #[test]
    fn ordinary_hard_thoughts_are_not_taken_for_them() {
        let care = CrisisWords::default();
        for text in [
            "I'm a terrible person",
            "this deadline will kill me",
            "I died of embarrassment in the meeting",
            "I hurt my knee running",
            "the cut on my hand is healing",
        ] {
            assert!(!care.found_in(text), "{text}");
        }
    }

    #[test]
    fn the_person_can_add_their_own_words() {
        let care = CrisisWords::with_own(&["the old … quarry".into()]);
        assert!(care.found_in("thinking about the old stone quarry again"));
        assert!(!CrisisWords::default().found_in("thinking about the old stone quarry again"));
    }

    #[test]
    fn the_support_line_names_the_contact_when_there_is_one() {
        assert!(support_line(Some("Dr. Amara, 555 0100")).ends_with("Dr. Amara, 555 0100."));
        let plain = support_line(None);
        assert!(plain.contains("emergency number"));
        assert!(!plain.contains("contact:"));
    }
}
