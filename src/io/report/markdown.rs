//! The report model as Markdown: each block its own paragraph, weekly series as a line of
//! bars, tables that line up in a text editor. A section that holds a chart only a page
//! can draw is left out.

use std::fmt::Write as _;

use super::model::{Block, Item, Report, Table};
use super::source::Source;
use crate::insights::sparkline;

/// One line: a list item or a cell never breaks the Markdown around it.
fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

fn item(i: &Item) -> String {
    match &i.own {
        Some(own) => format!("{} — {own}", i.text),
        None => i.text.clone(),
    }
}

/// `| a | b |`, with an empty cell as `| |`.
fn row(cells: &[String]) -> String {
    let mut line = String::from("|");
    for c in cells {
        if c.is_empty() {
            line.push_str(" |");
        } else {
            let _ = write!(line, " {c} |");
        }
    }
    line
}

fn table(out: &mut String, t: &Table) {
    let _ = writeln!(out, "{}", row(&t.head));
    // The first column names the row; the rest are figures, right-aligned.
    let _ = writeln!(
        out,
        "|---|{}",
        "---:|".repeat(t.head.len().saturating_sub(1))
    );
    for r in &t.rows {
        let _ = writeln!(out, "{}", row(r));
    }
}

fn block(out: &mut String, b: &Block) {
    match b {
        Block::Subheading(h) => {
            let _ = writeln!(out, "## {h}");
        }
        Block::List(list) => {
            for i in &list.items {
                let _ = writeln!(out, "- {}", one_line(&item(i)));
            }
        }
        Block::Text(text) | Block::Note(text) => {
            let _ = writeln!(out, "{text}");
        }
        Block::Table(t) => table(out, t),
        Block::Weekly(series) => {
            for s in series {
                let _ = writeln!(out, "- {}: `{}`", s.name, sparkline(&s.values, s.lo, s.hi));
            }
        }
        Block::DailyMood(_) => {}
    }
}

/// The report as Markdown.
pub fn markdown(s: &Source<'_>) -> String {
    render(&Report::of(s))
}

fn render(report: &Report) -> String {
    let mut md = format!("# {}\n", one_line(&report.title));
    for section in &report.sections {
        if section
            .blocks
            .iter()
            .any(|b| matches!(b, Block::DailyMood(_)))
        {
            continue;
        }
        if let Some(h) = section.heading {
            md.push('\n');
            block(&mut md, &Block::Subheading(h));
        }
        // Every block stands as its own paragraph.
        for b in &section.blocks {
            md.push('\n');
            block(&mut md, b);
        }
    }
    md.push_str("\n_Made by kindly, a self-compassion journal. Not a clinical assessment._\n");
    crate::domain::visible_markdown(&md)
}
