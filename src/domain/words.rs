//! How people really write, made comparable: case, apostrophes (curly, straight or left
//! out), contractions, drawn-out letters and tense fold away, so "I CANT go on", "i can’t
//! go on" and "I cannot go on" are the same words to everything that listens for them;
//! and words the inner critic swaps for one another ("job", "work") share one meaning.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Contractions, written without their apostrophe, opened into the words they stand for.
/// Only forms that are not also ordinary words once the apostrophe is gone ("ill", "well",
/// "were", "its", "id", "shed") are here; those open only when the apostrophe is written.
const OPENED: &[(&str, &str)] = &[
    ("cant", "can not"),
    ("cannot", "can not"),
    ("dont", "do not"),
    ("doesnt", "does not"),
    ("didnt", "did not"),
    ("wont", "will not"),
    ("wouldnt", "would not"),
    ("shouldnt", "should not"),
    ("couldnt", "could not"),
    ("mustnt", "must not"),
    ("isnt", "is not"),
    ("arent", "are not"),
    ("wasnt", "was not"),
    ("werent", "were not"),
    ("havent", "have not"),
    ("hasnt", "has not"),
    ("hadnt", "had not"),
    ("aint", "am not"),
    ("im", "i am"),
    ("ive", "i have"),
    ("youre", "you are"),
    ("youve", "you have"),
    ("youll", "you will"),
    ("theyre", "they are"),
    ("theyve", "they have"),
    ("theyd", "they would"),
    ("thats", "that is"),
    ("theres", "there is"),
    ("whats", "what is"),
    ("wanna", "want to"),
    ("gonna", "going to"),
    ("gotta", "got to"),
    ("hafta", "have to"),
    ("dunno", "do not know"),
    ("idk", "i do not know"),
    ("u", "you"),
    ("ur", "your"),
    ("cuz", "because"),
    ("coz", "because"),
    ("bc", "because"),
    ("rn", "right now"),
    ("ppl", "people"),
    ("noone", "no one"),
    ("nobodys", "nobody is"),
    ("everyones", "everyone is"),
];

/// Endings that open only when the apostrophe is written ("i'll", "we're", "it's").
const ENDINGS: &[(&str, &str)] = &[
    ("n't", "not"),
    ("'re", "are"),
    ("'ve", "have"),
    ("'ll", "will"),
    ("'d", "would"),
    ("'m", "am"),
];

/// Forms a suffix rule would get wrong, and short words a rule would merge with others.
const IRREGULAR: &[(&str, &str)] = &[
    ("dying", "die"),
    ("died", "die"),
    ("dies", "die"),
    ("lying", "lie"),
    ("felt", "feel"),
    ("here", "here"),
    ("being", "be"),
    ("children", "child"),
    ("men", "man"),
    ("women", "woman"),
    ("worse", "bad"),
    ("worst", "worst"),
];

/// The words of `text` as a person meant them: lower case, apostrophes made straight or
/// supplied, contractions opened ("can't", "cant" → "can", "not"), letters drawn out for
/// feeling cut back ("sooo" → "soo"), digits standing in for letters read as letters
/// ("k1ll" → "kill"), and "my self" joined. Order is kept; `clause` numbers each word by
/// the sentence it sits in, so a phrase is never found across a full stop.
pub fn folded(text: &str) -> Vec<Word> {
    let lower = text.to_lowercase();
    let mut out: Vec<Word> = Vec::new();
    let mut clause = 0;
    let mut raw = String::new();
    let flush = |raw: &mut String, clause: usize, out: &mut Vec<Word>| {
        if !raw.is_empty() {
            open(raw, clause, out);
            raw.clear();
        }
    };
    for c in lower.chars() {
        match c {
            '\'' | '’' | '‘' | 'ʼ' | '`' | '´' => raw.push('\''),
            c if c.is_alphanumeric() => raw.push(c),
            '.' | '!' | '?' | ';' | '\n' => {
                flush(&mut raw, clause, &mut out);
                clause += 1;
            }
            _ => flush(&mut raw, clause, &mut out),
        }
    }
    flush(&mut raw, clause, &mut out);
    spelt_out(out)
}

/// A word spelt out letter by letter ("d i e") is read as the word; a lone "i" or "a"
/// between ordinary words is left alone, since three letters in a row are needed.
fn spelt_out(words: Vec<Word>) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    let mut run: Vec<Word> = Vec::new();
    let single = |w: &Word| w.text.chars().count() == 1 && w.text.chars().all(char::is_alphabetic);
    let end_run = |run: &mut Vec<Word>, out: &mut Vec<Word>| {
        if run.len() >= 3 {
            out.push(Word {
                text: run.iter().map(|w| w.text.as_str()).collect(),
                clause: run[0].clause,
            });
        } else {
            out.append(run);
        }
        run.clear();
    };
    for w in words {
        if single(&w) && run.last().is_none_or(|l| l.clause == w.clause) {
            run.push(w);
        } else {
            end_run(&mut run, &mut out);
            if single(&w) {
                run.push(w);
            } else {
                out.push(w);
            }
        }
    }
    end_run(&mut run, &mut out);
    out
}

/// One word of a text as [`folded`] reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    /// Which sentence of the text it belongs to.
    pub clause: usize,
}

fn open(raw: &str, clause: usize, out: &mut Vec<Word>) {
    for w in remembered(&OPENED_SEEN, raw, opened) {
        // "my self", "your self": written apart, meant as one word.
        if w == "self"
            && let Some(last) = out.last_mut()
            && last.clause == clause
            && matches!(last.text.as_str(), "my" | "your" | "him" | "her" | "them")
        {
            last.text.push_str("self");
            continue;
        }
        out.push(Word { text: w, clause });
    }
}

/// The words one written token stands for: "can't" → "can", "not".
fn opened(raw: &str) -> Vec<String> {
    let raw = raw.trim_matches('\'');
    if raw.is_empty() {
        return Vec::new();
    }
    let raw = drawn_in(&as_letters(raw));
    let words = |ws: &[&str]| ws.iter().map(|w| w.to_string()).collect();
    let bare: String = raw.chars().filter(|&c| c != '\'').collect();
    if let Some((_, opened)) = OPENED.iter().find(|(w, _)| *w == bare) {
        return opened.split(' ').map(String::from).collect();
    }
    for (ending, word) in ENDINGS {
        if let Some(stem) = raw.strip_suffix(ending) {
            let stem = match (stem, *ending) {
                ("ca", "n't") => "can",
                ("wo", "n't") => "will",
                ("ai", "n't") => "am",
                _ => stem,
            };
            return words(&[stem, word]);
        }
    }
    match raw.split_once('\'') {
        Some(("let", "s")) => words(&["let", "us"]),
        Some((base, "s"))
            if matches!(
                base,
                "it" | "that" | "there" | "what" | "he" | "she" | "who" | "here" | "where"
            ) =>
        {
            words(&[base, "is"])
        }
        // A possessive ("mum's"): the word itself.
        Some((base, "s")) => words(&[base]),
        Some(_) => vec![bare],
        None => vec![raw],
    }
}

type Seen<T> = std::thread::LocalKey<RefCell<HashMap<String, T>>>;

thread_local! {
    static OPENED_SEEN: RefCell<HashMap<String, Vec<String>>> = RefCell::new(HashMap::new());
    static KEYS_SEEN: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// How many words each memory keeps before it starts afresh.
const REMEMBERED: usize = 20_000;

/// What `work` gives for `word`, worked out once: the support band reads every word on
/// screen at every keypress, and nearly all of them were read at the keypress before.
pub(crate) fn remembered<T: Clone>(seen: &'static Seen<T>, word: &str, work: fn(&str) -> T) -> T {
    seen.with(|seen| {
        if let Some(known) = seen.borrow().get(word) {
            return known.clone();
        }
        let found = work(word);
        let mut seen = seen.borrow_mut();
        if seen.len() >= REMEMBERED {
            seen.clear();
        }
        seen.insert(word.to_string(), found.clone());
        found
    })
}

/// Digits written in place of letters inside a word ("su1c1de", "k1ll") read as letters;
/// a word of digits alone is a number and stays one.
fn as_letters(word: &str) -> String {
    if !word.chars().any(char::is_alphabetic) {
        return word.to_string();
    }
    word.chars()
        .map(|c| match c {
            '1' => 'i',
            '0' => 'o',
            '3' => 'e',
            '4' => 'a',
            '5' => 's',
            '7' => 't',
            c => c,
        })
        .collect()
}

/// A letter written three times or more, for feeling, is cut back to two: "sooo" → "soo",
/// "alll" → "all". [`key`] takes doubled letters down to one.
fn drawn_in(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut run = (None, 0);
    for c in word.chars() {
        run = if run.0 == Some(c) {
            (run.0, run.1 + 1)
        } else {
            (Some(c), 1)
        };
        if run.1 <= 2 {
            out.push(c);
        }
    }
    out
}

/// A word's comparable form: its rough stem with every doubled letter made single, so
/// "killing", "kills" and "kil" meet, and "dissapear" meets "disappear".
pub fn key(word: &str) -> String {
    remembered(&KEYS_SEEN, word, key_of)
}

fn key_of(word: &str) -> String {
    // Letters are made single before the stem too, so a drawn-out ending ("tiredd") is
    // cut as the plain one ("tired") is.
    let stemmed = match IRREGULAR.iter().find(|(w, _)| *w == word) {
        Some((_, base)) => base.to_string(),
        None => stem(&single_letters(word)),
    };
    single_letters(&stemmed)
}

fn single_letters(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

const GROUPS: &str = include_str!("../../assets/word-groups.txt");

/// Word groups by the key of their first word: each member's keys, longest first, and the
/// key of the group's name.
type Groups = HashMap<String, Vec<(Vec<String>, String)>>;

fn groups() -> &'static Groups {
    static GROUPED: OnceLock<Groups> = OnceLock::new();
    GROUPED.get_or_init(|| {
        let mut by_first: Groups = HashMap::new();
        let lines = GROUPS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'));
        for line in lines {
            let Some((name, members)) = line.split_once(':') else {
                continue;
            };
            let name = key(name.trim());
            for member in members.split(',').chain(std::iter::once(name.as_str())) {
                let keys = keys(&member.replace('-', " "));
                if let Some(first) = keys.first() {
                    by_first
                        .entry(first.clone())
                        .or_default()
                        .push((keys, name.clone()));
                }
            }
        }
        for members in by_first.values_mut() {
            members.sort_by_key(|(keys, _)| std::cmp::Reverse(keys.len()));
        }
        by_first
    })
}

/// The keys of `text` with every word or phrase of a word group given as the group's
/// name, so "no one at the office" and "nobody at work" carry the same meanings.
pub fn meanings(text: &str) -> Vec<String> {
    let keys = keys(text);
    let groups = groups();
    let mut out = Vec::with_capacity(keys.len());
    let mut i = 0;
    while i < keys.len() {
        let member = groups
            .get(&keys[i])
            .and_then(|members| members.iter().find(|(m, _)| keys[i..].starts_with(m)));
        match member {
            Some((m, name)) => {
                out.push(name.clone());
                i += m.len();
            }
            None => {
                out.push(keys[i].clone());
                i += 1;
            }
        }
    }
    out
}

/// The comparable forms of the words of `text`, in order.
pub fn keys(text: &str) -> Vec<String> {
    folded(text).iter().map(|w| key(&w.text)).collect()
}

/// A rough English stem: enough to meet a word again in another tense or number
/// ("failed", "failing", "failure" → "fail"). Both sides of every comparison go through
/// it, so it need only be consistent, not correct.
pub fn stem(word: &str) -> String {
    let mut w = word.to_string();
    let len = w.chars().count();
    if len <= 3 || !w.is_ascii() {
        return w;
    }
    for (suffix, with) in [
        ("ibly", "ible"),
        ("ably", "able"),
        ("iness", "y"),
        ("ness", ""),
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ure", ""),
        ("ed", ""),
        ("ly", ""),
        ("es", "e"),
        ("s", ""),
    ] {
        if let Some(base) = w.strip_suffix(suffix)
            && base.len() >= 3
            && !(suffix == "s" && (base.ends_with('s') || base.ends_with('u')))
        {
            w = format!("{base}{with}");
            break;
        }
    }
    if w.len() > 3 && w.ends_with('e') {
        w.pop();
    }
    let b = w.as_bytes();
    if b.len() > 3 && b[b.len() - 1] == b[b.len() - 2] && !b"aeiousl".contains(&b[b.len() - 1]) {
        w.pop();
    }
    w
}

/// Whether two keys are the same word with at most one slip of the keyboard (a letter
/// missing, added, changed, or two swapped): only for words long enough that a slip
/// can't turn them into another common word.
pub fn near(written: &str, meant: &str) -> bool {
    if written == meant {
        return true;
    }
    // The support band asks this of every word on screen at every keypress: letters
    // compared as bytes where they can be, with nothing allocated.
    if written.is_ascii() && meant.is_ascii() {
        return slip(written.as_bytes(), meant.as_bytes());
    }
    let (a, b): (Vec<char>, Vec<char>) = (written.chars().collect(), meant.chars().collect());
    slip(&a, &b)
}

/// Whether `a` is `b` with one slip, for words of four letters or more (five for a slip
/// other than two letters swapped); both start with the same letter.
fn slip<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    if b.len() < 4 || a.len().abs_diff(b.len()) > 1 || a.first() != b.first() {
        return false;
    }
    let swapped = a.len() == b.len()
        && (0..a.len().saturating_sub(1)).any(|i| {
            a[i] == b[i + 1] && a[i + 1] == b[i] && a[..i] == b[..i] && a[i + 2..] == b[i + 2..]
        });
    swapped || (b.len() >= 5 && one_edit(a, b))
}

fn one_edit<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    match ra.len().cmp(&rb.len()) {
        std::cmp::Ordering::Equal => !ra.is_empty() && ra[1..] == rb[1..],
        std::cmp::Ordering::Less => ra == &rb[1..],
        std::cmp::Ordering::Greater => &ra[1..] == rb,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        folded(text).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn apostrophes_straight_curly_or_left_out_open_the_same_contraction() {
        for said in [
            "I can't go on",
            "i cant go on",
            "I can’t go on",
            "I CANNOT go on",
            "i can`t go on",
        ] {
            assert_eq!(texts(said), ["i", "can", "not", "go", "on"], "{said}");
        }
        for (said, meant) in [
            ("dont", "do not"),
            ("im", "i am"),
            ("wont", "will not"),
            ("ive", "i have"),
            ("youre", "you are"),
            ("wasn't", "was not"),
            ("I'll", "i will"),
            ("it’s", "it is"),
            ("wanna", "want to"),
            ("needn't", "need not"),
        ] {
            assert_eq!(texts(said).join(" "), meant, "{said}");
        }
    }

    #[test]
    fn ordinary_words_that_look_like_contractions_stay_themselves() {
        assert_eq!(
            texts("ill well were its shed"),
            ["ill", "well", "were", "its", "shed"]
        );
        assert_eq!(texts("mum's car"), ["mum", "car"]);
    }

    #[test]
    fn drawn_out_letters_digits_for_letters_and_split_words_fold() {
        assert_eq!(texts("sooo tiredddd"), ["soo", "tiredd"]);
        assert_eq!(key("soo"), key("so"));
        assert_eq!(key("tiredd"), key("tired"));
        assert_eq!(texts("k1ll my self"), ["kill", "myself"]);
        assert_eq!(texts("in 2026"), ["in", "2026"]);
        assert_eq!(texts("i want to d i e"), ["i", "want", "to", "die"]);
    }

    #[test]
    fn sentences_are_numbered_so_phrases_stay_inside_one() {
        let clauses: Vec<usize> = folded("no. point, really! living")
            .iter()
            .map(|w| w.clause)
            .collect();
        assert_eq!(clauses, [0, 1, 1, 2]);
    }

    #[test]
    fn keys_meet_across_tense_number_and_doubled_letters() {
        for (a, b) in [
            ("killing", "kill"),
            ("kills", "kil"),
            ("dying", "die"),
            ("died", "die"),
            ("living", "live"),
            ("lives", "live"),
            ("cutting", "cut"),
            ("dissapear", "disappear"),
            ("failed", "failure"),
        ] {
            assert_eq!(key(a), key(b), "{a} / {b}");
        }
        assert_ne!(key("here"), key("her"));
        assert_ne!(key("live"), key("love"));
    }

    #[test]
    fn a_slip_of_the_keyboard_is_forgiven_only_in_longer_words() {
        assert!(near(&key("myslef"), &key("myself")));
        assert!(near(&key("suicde"), &key("suicide")));
        assert!(near(&key("wnat"), &key("want")));
        assert!(!near(&key("cat"), &key("cut")));
        assert!(!near(&key("farm"), &key("harm")));
        assert!(!near(&key("love"), &key("live")));
    }
}
