//! JSON as kindly writes it for people and scripts: control characters (C0, DEL and C1,
//! such as U+009B, which some terminals take as CSI), bidi overrides and zero-width
//! characters are written as `\uXXXX` escapes, so a file `cat` to a terminal can't command
//! it, while every reader of JSON gets the very same text back (lossless).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use crate::domain::is_hidden_format;

/// A formatter that escapes what serde_json leaves raw, around serde_json's own.
struct Escaping<F>(F);

fn raw_is_unsafe(c: char) -> bool {
    c.is_control() || is_hidden_format(c)
}

impl<F: Formatter> Formatter for Escaping<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(raw_is_unsafe) {
            w.write_all(&rest.as_bytes()[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            write!(w, "\\u{:04x}", c as u32)?;
            rest = &rest[at + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }

    // Everything else is the wrapped formatter's: layout, numbers and the escapes it makes.
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Writes `value` as pretty JSON (two-space indents), every unsafe character escaped.
pub fn to_writer_pretty<W: Write, T: ?Sized + Serialize>(
    out: W,
    value: &T,
) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, Escaping(PrettyFormatter::new()));
    value.serialize(&mut ser)
}

/// `value` as pretty JSON, every unsafe character escaped.
pub fn to_string_pretty<T: ?Sized + Serialize>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    to_writer_pretty(&mut out, value)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// `value` as JSON on one line, every unsafe character escaped.
pub fn to_string<T: ?Sized + Serialize>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Escaping(CompactFormatter));
    value.serialize(&mut ser)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_hidden_marks_are_escaped_and_read_back_the_same() {
        let text = "a\u{9b}31m\u{1b}]52;c;x\u{7}\u{7f}\u{202e}b\u{200b}\"\\é";
        let json = to_string(&text).unwrap();
        assert_eq!(
            json,
            r#""a\u009b31m\u001b]52;c;x\u0007\u007f\u202eb\u200b\"\\é""#
        );
        assert!(!json.chars().any(raw_is_unsafe));
        assert_eq!(serde_json::from_str::<String>(&json).unwrap(), text);
        let pretty = to_string_pretty(&serde_json::json!({"k": [text]})).unwrap();
        assert!(pretty.contains("\n    \"a\\u009b31m"), "{pretty}");
        assert!(!pretty.chars().any(|c| c != '\n' && raw_is_unsafe(c)));
    }
}
