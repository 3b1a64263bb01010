//! Asking, at a terminal, for the number of each mood label a file uses that kindly
//! doesn't know: one key per level, each label with how many records use it.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::terminal;

use crate::domain::{Mood, Scale};

/// Whether a person is there to answer: keys come from a terminal and questions go to one.
pub fn can_ask() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Gives the terminal back however the asking ends.
struct Raw;

impl Drop for Raw {
    fn drop(&mut self) {
        let _ = terminal::disable_raw_mode();
    }
}

/// The level a key stands for: 1–9, and 0 for 10.
pub fn level(code: KeyCode) -> Option<Mood> {
    match code {
        KeyCode::Char(c @ '1'..='9') => Mood::new(c as u8 - b'0').ok(),
        KeyCode::Char('0') => Mood::new(10).ok(),
        _ => None,
    }
}

/// Asks for each label's number; none if the person stops (Esc, q or Ctrl-C).
pub fn ask(labels: &[(String, usize)]) -> std::io::Result<Option<BTreeMap<String, Mood>>> {
    let mut err = std::io::stderr();
    writeln!(
        err,
        "This file has moods kindly doesn't have numbers for.\nFor each, press 1 (lowest) to 9, or 0 for 10. Esc stops, and nothing is imported."
    )?;
    let mut answers = BTreeMap::new();
    terminal::enable_raw_mode()?;
    let _raw = Raw;
    for (label, n) in labels {
        write!(
            err,
            "  \u{201c}{}\u{201d} ({n} {}): ",
            crate::domain::visible_line(label),
            if *n == 1 { "check-in" } else { "check-ins" }
        )?;
        err.flush()?;
        let mood = loop {
            let Event::Key(key) = event::read()? else {
                continue;
            };
            if key.kind != KeyEventKind::Press {
                continue;
            }
            let stop = matches!(key.code, KeyCode::Esc | KeyCode::Char('q'))
                || (key.code == KeyCode::Char('c')
                    && key.modifiers.contains(KeyModifiers::CONTROL));
            if stop {
                write!(err, "\r\n")?;
                return Ok(None);
            }
            if let Some(m) = level(key.code) {
                break m;
            }
        };
        write!(err, "{}\r\n", mood.get())?;
        answers.insert(label.to_lowercase(), mood);
    }
    Ok(Some(answers))
}
