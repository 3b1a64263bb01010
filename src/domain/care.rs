//! Care around words of self-harm or suicide: when a thought, note or page holds them,
//! kindly shows the support contact and the line about professional and emergency help,
//! and offers no thinking trap for that thought. It never blocks writing and never
//! stores anything about it.

use std::sync::{Mutex, OnceLock, PoisonError};

use super::lexicon::{Lexicon, Said, phrases};
use super::words::folded;

const CRISIS_WORDS: &str = include_str!("../../assets/crisis-words.txt");

/// The built-in phrases, read once for the whole process and only when a text is first
/// looked through: reading them costs about a millisecond, which neither the screen's first
/// frame nor a command that writes no words need wait for.
fn built_in() -> &'static Lexicon {
    static BUILT_IN: OnceLock<Lexicon> = OnceLock::new();
    BUILT_IN.get_or_init(|| Lexicon::new(phrases(CRISIS_WORDS.lines(), true)))
}

/// Reads the built-in phrases now, so the first text looked through later doesn't wait:
/// for the screen, once its first frame is out.
pub fn read_ahead() {
    built_in();
}

/// The phrases that bring the support line: the built-in lexicon and the person's own.
pub struct CrisisWords {
    /// The person's own phrases (config `crisis_words`); the built-in ones are shared.
    own: Lexicon,
    /// The last text looked through that held none of them. Typing adds to the end of a
    /// text, so the next look need only read its end again: a long page costs no more
    /// at each keypress than a short note. Kept in memory only, never written anywhere.
    clear: Mutex<String>,
}

impl Default for CrisisWords {
    fn default() -> Self {
        Self::with_own(&[])
    }
}

impl Clone for CrisisWords {
    fn clone(&self) -> Self {
        Self {
            own: self.own.clone(),
            clear: Mutex::default(),
        }
    }
}

impl PartialEq for CrisisWords {
    fn eq(&self, other: &Self) -> bool {
        self.own == other.own
    }
}

impl Eq for CrisisWords {}

/// Shows the person's own phrases, never the text last read.
impl std::fmt::Debug for CrisisWords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CrisisWords")
            .field("own", &self.own)
            .finish_non_exhaustive()
    }
}

impl CrisisWords {
    /// The built-in phrases plus `own` (from config `crisis_words`, in the same form).
    pub fn with_own(own: &[String]) -> Self {
        // A slip of the keyboard must not hide these words.
        Self {
            own: Lexicon::new(phrases(own.iter().map(String::as_str), true)),
            clear: Mutex::default(),
        }
    }

    /// Whether `text` holds any of the phrases, however it is written.
    pub fn found_in(&self, text: &str) -> bool {
        let mut clear = self.clear.lock().unwrap_or_else(PoisonError::into_inner);
        // Nothing written yet (the screen's first frame): no phrase can be there.
        let found = !text.trim().is_empty() && self.found_after(text, &clear);
        if !found {
            text.clone_into(&mut clear);
        }
        found
    }

    /// Whether `text` holds any of the phrases, reading again only the end of it when it
    /// begins with `clear`, a text that held none.
    fn found_after(&self, text: &str, clear: &str) -> bool {
        let lexicons = [built_in(), &self.own];
        let found_from = |said: &Said, first: usize| {
            lexicons
                .iter()
                .filter(|l| !l.is_empty())
                .any(|l| l.found_from(said, first))
        };
        match text.strip_prefix(clear) {
            Some("") if !clear.is_empty() => false,
            Some(_) if !clear.is_empty() => {
                // Words far enough back from the end of the clear text meet the same
                // words around them as before; two are read again for what a phrase
                // may not follow.
                let reach = lexicons.iter().map(|l| l.reach).max().unwrap_or(0);
                let cut = safe_cut(clear, reach + 4);
                let context = if cut == 0 { 0 } else { 2 };
                found_from(&Said::new(&text[cut..]), context)
            }
            _ => found_from(&Said::new(text), 0),
        }
    }
}

/// A place to start reading `text` again: at the start of a word at least `words` words
/// back from its end, where the word before can't join the one after (letters spelt out
/// one by one, "my self"); or 0, the whole text.
fn safe_cut(text: &str, words: usize) -> usize {
    // Where words begin, read back from the end: never the whole of a long page.
    let mut starts: Vec<usize> = Vec::new();
    let mut after: Option<(usize, char)> = None;
    for (i, c) in text.char_indices().rev() {
        if let Some((next, n)) = after
            && c.is_whitespace()
            && !n.is_whitespace()
        {
            starts.push(next);
            if starts.len() > words + 64 {
                break;
            }
        }
        after = Some((i, c));
    }
    for pair in starts.windows(2).skip(words) {
        let (cut, before) = (pair[0], pair[1]);
        let joins = folded(&text[before..cut]).last().is_none_or(|w| {
            w.text.chars().count() < 2
                || matches!(w.text.as_str(), "my" | "your" | "him" | "her" | "them")
        });
        if !joins {
            return cut;
        }
    }
    0
}

/// The line kindly shows when those words are written: warm, plain, and with the
/// person's own support contact when one is named.
pub fn support_line(contact: Option<&str>) -> String {
    let reach = "You matter. If you might hurt yourself, please reach a professional or your \
                 local emergency number now.";
    match contact {
        // Nothing after the contact: a full stop would read as part of a phone number.
        Some(c) => format!("{reach} Your support contact: {c}"),
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

    /// Asserts every phrase of one family brings the line.
    fn heard(family: &str, texts: &[&str]) {
        let care = CrisisWords::default();
        for text in texts {
            assert!(care.found_in(text), "{family}: {text}");
        }
    }

    #[test]
    fn wanting_to_die() {
        heard(
            "wanting to die",
            &[
                "tbh i really wanna die",
                "I Want To Die",
                "i wish i was dead tonight",
            ],
        );
    }

    #[test]
    fn not_wanting_to_be_here_or_alive() {
        heard(
            "not wanting to be here",
            &[
                "honestly i dont want to be here",
                "I don’t wanna be alive",
                "i do not want to live anymore",
            ],
        );
    }

    #[test]
    fn not_going_on() {
        heard(
            "not going on",
            &[
                "i cant go on",
                "I can not keep going anymore",
                "i cant do this anymore",
            ],
        );
    }

    #[test]
    fn no_point() {
        heard(
            "no point",
            &["theres no point in going on", "whats the point of living"],
        );
    }

    #[test]
    fn better_off_without_me() {
        heard(
            "better off without me",
            &["everyone is better off without me", "nobody would miss me"],
        );
    }

    #[test]
    fn disappearing() {
        heard(
            "disappearing",
            &["i just wanna disappear", "I wish I could vanish forever"],
        );
    }

    #[test]
    fn never_waking_up() {
        heard(
            "never waking up",
            &[
                "i hope i never wake up",
                "I want to go to sleep and not wake up",
            ],
        );
    }

    #[test]
    fn ending_it() {
        heard(
            "ending it",
            &["i want to end it all", "thinking about ending my life"],
        );
    }

    #[test]
    fn killing_myself_kms_and_unalive() {
        heard(
            "killing myself",
            &[
                "i might kill myself",
                "lol kms",
                "thinking of unaliving myself",
                "KMS",
            ],
        );
    }

    #[test]
    fn hurting_harming_or_cutting_myself() {
        heard(
            "hurting myself",
            &[
                "i want to hurt myself",
                "I cut myself again",
                "urge to self harm",
            ],
        );
    }

    #[test]
    fn misspelt_drawn_out_and_with_words_between() {
        heard(
            "as typed at a hard moment",
            &[
                "i want to kil myslef",
                "i wanna diee",
                "i want to just fucking die",
            ],
        );
    }

    #[test]
    fn everyday_uses_of_the_same_words_stay_quiet() {
        let care = CrisisWords::default();
        for text in [
            "this deadline is killing me",
            "I'm dying to see it",
            "my battery died",
            "I killed it at the presentation",
        ] {
            assert!(!care.found_in(text), "{text}");
        }
    }

    #[test]
    fn read_as_it_is_typed_it_hears_exactly_what_a_fresh_reading_hears() {
        let lead = "it was a long grey week at the office and the bus was late again so \
                    i walked home slowly through the park thinking about everything and nothing ";
        let typing = CrisisWords::default();
        for ending in [
            "and i dont want to die",
            "i want to d i e",
            "a b c d e f g h i j k l m n o p q r s t u v w x y z",
            "i want to kill my self tonight",
            "I hurt myself skiing and it was fine",
            "I hurt myself",
            "honestly there is no point in living anymore",
            "i cant go on. Holiday was nice",
        ] {
            let text = format!("{lead}{lead}{ending}");
            for (end, _) in text.char_indices().skip(lead.len()) {
                let so_far = &text[..end];
                assert_eq!(
                    typing.found_in(so_far),
                    CrisisWords::default().found_in(so_far),
                    "{so_far}"
                );
            }
            // Taking words away is read afresh.
            assert!(!typing.found_in(lead));
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
        // Nothing follows the contact: a full stop after a number reads as one of its digits.
        assert!(support_line(Some("Dr. Amara, 555 0100")).ends_with("Dr. Amara, 555 0100"));
        let plain = support_line(None);
        assert!(plain.contains("emergency number"));
        assert!(!plain.contains("contact:"));
    }
}
