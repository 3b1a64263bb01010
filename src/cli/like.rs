//! `kindly search --like TEXT`: earlier thought records whose thought resembles TEXT.

use super::shared::Format;
use serde::Serialize;

use super::shared::CliError;
use crate::domain::{InvalidInput, Percent, Scale, Thought, visible};
use crate::store::Store;

pub fn validate(text: &str) -> Result<(), CliError> {
    if text.trim().is_empty() {
        return Err(InvalidInput::new(
            "--like",
            "is empty; give the thought to look for, e.g. --like \"I'm a terrible person\"",
        )
        .into());
    }
    Ok(())
}

/// One record found, as `--format json` prints it.
#[derive(Serialize)]
struct Like {
    id: String,
    at: String,
    thought: String,
    /// 0 to 1: how much of the thought's meaningful words the two share.
    likeness: f64,
    reframe: Option<String>,
    belief: Option<u8>,
    belief_after: Option<u8>,
    /// The fall in mean feeling intensity over emotions rated before and after.
    intensity_relief: Option<f64>,
}

pub fn run(store: &Store, text: &str, limit: usize, format: Format) -> Result<(), CliError> {
    let found = store.alike_thoughts(text, None)?;
    let found = &found[..found.len().min(limit)];
    let mut out = String::new();
    match format {
        Format::Json => {
            let listed: Vec<Like> = found
                .iter()
                .map(|(t, score)| Like {
                    id: t.id.to_string(),
                    at: crate::domain::time::format_at(&t.at),
                    thought: t.thought.clone(),
                    likeness: (score * 100.0).round() / 100.0,
                    reframe: t.reframe.clone(),
                    belief: t.belief.map(Percent::get),
                    belief_after: t.belief_after.map(Percent::get),
                    intensity_relief: t.intensity_relief().map(|r| (r * 10.0).round() / 10.0),
                })
                .collect();
            out = crate::io::json_out::to_string_pretty(&listed).map_err(anyhow::Error::from)?;
            out.push('\n');
        }
        Format::Text if found.is_empty() => {
            out.push_str("No earlier thought record is like this one.\n");
        }
        Format::Text => {
            for (t, _) in found {
                out.push_str(&format!(
                    "{}  {}\n",
                    t.at.format("%Y-%m-%d"),
                    one_line(&t.thought)
                ));
                if let Some(answer) = answered(t) {
                    out.push_str(&format!("            {answer}\n"));
                }
            }
        }
    }
    super::shared::write_stdout(out.as_bytes())
}

/// "You answered: … Belief eased 80 → 35.", or `None` when there was no kinder answer.
pub fn answered(t: &Thought) -> Option<String> {
    let reframe = t.reframe.as_deref()?;
    let mut s = format!("You answered: {}", one_line(reframe));
    if let (Some(b), Some(a)) = (t.belief, t.belief_after) {
        let moved = if a.get() < b.get() { "eased" } else { "went" };
        s.push_str(&format!("  (belief {moved} {} → {})", b.get(), a.get()));
    }
    Some(s)
}

fn one_line(text: &str) -> String {
    visible(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
