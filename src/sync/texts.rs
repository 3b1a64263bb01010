//! Two edits of one text, merged sentence by sentence against the words they started from.

use serde_json::Value;

fn as_text(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

pub(super) fn has_words(v: &Value) -> bool {
    !as_text(v).trim().is_empty()
}

/// Whether every line of `part` is still in `whole` (so taking `whole` loses no words).
pub(super) fn contains(whole: &Value, part: &Value) -> bool {
    let whole = as_text(whole);
    as_text(part)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .all(|l| whole.contains(l))
}

/// Merges two texts made from `base`; `None` when their changes overlap. Texts are
/// compared sentence by sentence, so two sentences added to one paragraph both stay.
pub(super) fn merge_text(base: &Value, ours: &Value, theirs: &Value) -> Option<Value> {
    let (b, o, t) = (
        split(as_text(base)),
        split(as_text(ours)),
        split(as_text(theirs)),
    );
    let merged = diffy::merge(&b, &o, &t).ok()?;
    let text = join(&merged);
    Some(if text.is_empty() {
        Value::Null
    } else {
        Value::String(text)
    })
}

/// One sentence, or the spaces between two, a row, so a line-based merge sees sentences
/// and a sentence added beside another isn't an overlap; `join` undoes it. A line break of
/// the text itself is kept as a row holding only this stand-in.
const BREAK: &str = "\u{1}";

fn split(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str(BREAK);
            out.push('\n');
        }
        let mut rest = line;
        while !rest.is_empty() {
            let at = sentence_end(rest);
            out.push_str(&rest[..at]);
            out.push('\n');
            rest = &rest[at..];
        }
    }
    out
}

fn join(rows: &str) -> String {
    let mut out = String::new();
    for row in rows.split_inclusive('\n') {
        let row = row.strip_suffix('\n').unwrap_or(row);
        if row == BREAK {
            out.push('\n');
        } else {
            out.push_str(row);
        }
    }
    out
}

/// Where the first row of `text` ends: a run of spaces is a row of its own, and a sentence
/// ends after its stop when spaces follow.
fn sentence_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    let spaces = bytes.iter().take_while(|b| **b == b' ').count();
    if spaces > 0 {
        return spaces;
    }
    for (i, b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' ') {
            return i + 1;
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_survive_a_round_trip_through_rows() {
        for text in [
            "",
            "One. Two!  Three?",
            "a\nb\n\nc. d",
            "ends with a stop. ",
            " x\n\n",
        ] {
            assert_eq!(join(&split(text)), text);
        }
    }
}
