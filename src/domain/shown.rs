//! The one rule for text from outside this session (a note, an import, a file, another
//! computer) before it reaches a terminal: nothing in it can command the terminal or make a
//! line read differently from what it holds.

/// A visible stand-in for a control character (␛ for ESC, ␡ for DEL, � for a C1 control),
/// or None for a character that is not one. Newlines and tabs are the caller's to lay out.
pub fn control_stand_in(c: char) -> Option<char> {
    match c as u32 {
        0x00..=0x1f => Some(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
        0x7f => Some('\u{2421}'),
        _ if c.is_control() => Some('\u{fffd}'),
        _ => None,
    }
}

/// Characters that change how a line reads without showing themselves: the bidi
/// embeddings, overrides and isolates (U+202E turns the rest of a line around) and the
/// zero-width ones (a hidden space inside a word or a command).
pub fn is_hidden_format(c: char) -> bool {
    matches!(
        c,
        '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200b}'..='\u{200d}'
            | '\u{2060}'..='\u{2064}'
            | '\u{feff}'
            | '\u{180e}'
    )
}

/// Whether a zero-width joiner or non-joiner does the work it exists for: between two
/// letters or symbols outside ASCII (an emoji sequence such as 👩‍💻, Persian or Indic
/// script), never inside an ASCII word, where it only hides.
fn joins(c: char, before: Option<char>, after: Option<char>) -> bool {
    let real = |x: Option<char>| {
        x.is_some_and(|x| !x.is_ascii() && !x.is_control() && !is_hidden_format(x))
    };
    matches!(c, '\u{200c}' | '\u{200d}') && real(before) && real(after)
}

/// Text from outside, made safe to show: control characters (an escape sequence, a bell)
/// become visible stand-ins such as ␛, and bidi overrides and zero-width characters are
/// shown by their code (`[U+202E]`), rather than vanishing or acting. Newlines and tabs are
/// kept for the caller to lay out.
pub fn visible(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\n' | '\t' => out.push(c),
            c if is_hidden_format(c) => {
                let before = i.checked_sub(1).map(|j| chars[j]);
                if joins(c, before, chars.get(i + 1).copied()) {
                    out.push(c);
                } else {
                    out.push_str(&format!("[U+{:04X}]", c as u32));
                }
            }
            c => out.push(control_stand_in(c).unwrap_or(c)),
        }
    }
    out
}

/// Text from outside for one line of output (a status line, an error, a name): as
/// `visible`, and a newline or tab shown as ␊ or ␉ too, so it can't start a line of its own.
pub fn visible_line(text: &str) -> String {
    visible(text)
        .replace('\n', "\u{240a}")
        .replace('\t', "\u{2409}")
}

/// A Markdown document made safe to read anywhere: as `visible`, and a tag or entity from a
/// note (`<script>`, `&lt;`) written as text, since Markdown passes HTML through and a
/// viewer would run or render it. kindly's own Markdown holds no HTML, so all of it goes.
pub fn visible_markdown(md: &str) -> String {
    visible(md).replace('&', "&amp;").replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_in_markdown_is_written_as_text() {
        assert_eq!(
            visible_markdown("- <script>alert(1)</script> & more"),
            "- &lt;script>alert(1)&lt;/script> &amp; more"
        );
    }

    #[test]
    fn a_line_from_outside_stays_one_line() {
        assert_eq!(
            visible_line("Pixel\nSync folder: /evil\t"),
            "Pixel␊Sync folder: /evil␉"
        );
    }

    #[test]
    fn controls_become_visible_stand_ins() {
        assert_eq!(visible("a\u{1b}]52;c;eA==\u{7}b"), "a␛]52;c;eA==␇b");
        assert_eq!(visible("\u{9b}31m\u{7f}"), "\u{fffd}31m\u{2421}");
        assert_eq!(visible("two\nlines\tand a tab"), "two\nlines\tand a tab");
    }

    #[test]
    fn bidi_overrides_and_hidden_spaces_are_shown_by_their_code() {
        assert_eq!(visible("invoice\u{202e}fdp.exe"), "invoice[U+202E]fdp.exe");
        assert_eq!(visible("rm\u{200b} -rf"), "rm[U+200B] -rf");
        assert_eq!(visible("pay\u{200d}pal"), "pay[U+200D]pal");
        assert_eq!(visible("\u{2067}x\u{2069}"), "[U+2067]x[U+2069]");
    }

    #[test]
    fn joiners_that_build_a_character_stay() {
        assert_eq!(visible("👩\u{200d}💻"), "👩\u{200d}💻");
        assert_eq!(visible("می\u{200c}خواهم"), "می\u{200c}خواهم");
    }
}
