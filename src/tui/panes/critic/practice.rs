//! The practice the Critic flow remembers: "you've met this thought before" with the
//! earlier answer that eased it most, and the helping-or-hurting question.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::flow::{Flow, Step};
use crate::domain::{Helps, Scale};
use crate::insights::alike::met_before;
use crate::store::{Result, Store};
use crate::tui::action::Action;
use crate::tui::pane::Notice;
use crate::tui::theme::Theme;
use crate::tui::widgets::{editor_text, shown};

/// Handles what the practice adds to the flow; `None` leaves the action to the flow.
pub(super) fn apply(flow: &mut Flow, action: Action, store: &Store) -> Result<Option<Notice>> {
    if matches!(action, Action::NextStep | Action::PrevStep | Action::Save) {
        look_up(flow, store)?;
    }
    match (flow.step, action) {
        (Step::Helps, Action::FocusNext) => {
            flow.row = (flow.row + 1).min(Helps::ALL.len() - 1);
            Ok(Some(None))
        }
        (Step::Helps, Action::FocusPrev) => {
            flow.row = flow.row.saturating_sub(1);
            Ok(Some(None))
        }
        (Step::Helps, Action::Toggle) => {
            let picked = Helps::ALL[flow.row.min(Helps::ALL.len() - 1)];
            flow.helps = (flow.helps != Some(picked)).then_some(picked);
            Ok(Some(None))
        }
        (Step::Reframe, Action::UseEarlier) => Ok(Some(use_earlier(flow))),
        _ => Ok(None),
    }
}

/// Looks for earlier records like this thought, when its wording has changed.
pub(super) fn look_up(flow: &mut Flow, store: &Store) -> Result<()> {
    let text = editor_text(&flow.thought);
    if text.trim().is_empty() || text == flow.met_for {
        return Ok(());
    }
    let skip = flow.editing.as_ref().map(|t| t.id);
    let found: Vec<_> = store
        .alike_thoughts(&text, skip)?
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    flow.met = met_before(&found);
    flow.met_for = text;
    Ok(())
}

/// Starts this reframe from the earlier answer (only into an empty editor, so nothing the
/// person wrote is lost).
fn use_earlier(flow: &mut Flow) -> Notice {
    let Some(answer) = flow
        .met
        .as_ref()
        .and_then(|m| m.best.as_ref())
        .and_then(|t| t.reframe.clone())
    else {
        return Some("There's no earlier answer to start from; this one is yours to write.".into());
    };
    if !editor_text(&flow.reframe).trim().is_empty() {
        return Some(
            "You've started your own answer; the earlier one goes in only when this is empty."
                .into(),
        );
    }
    flow.reframe.insert_str(&answer);
    Some("Your earlier words are in. Change anything that's different this time.".into())
}

/// Whether the footer should offer `action` on this step.
pub(super) fn offers(flow: &Flow, action: Action) -> Option<bool> {
    match action {
        Action::UseEarlier => Some(
            flow.step == Step::Reframe
                && flow
                    .met
                    .as_ref()
                    .is_some_and(|m| m.best.as_ref().is_some_and(|t| t.reframe.is_some())),
        ),
        Action::FocusNext | Action::FocusPrev | Action::Toggle if flow.step == Step::Helps => {
            Some(true)
        }
        _ => None,
    }
}

/// How many rows the met-before panel wants on this step.
pub fn panel_height(flow: &Flow, width: u16, roomy: bool) -> u16 {
    let Some(met) = &flow.met else {
        return 0;
    };
    if flow.step.number() <= Step::Thought.number() || flow.step == Step::Summary {
        return 0;
    }
    let reframing = flow.step == Step::Reframe && met.best.is_some();
    match (reframing, roomy) {
        (true, true) => {
            let text = earlier_words(flow).unwrap_or_default();
            let width = usize::from(width.max(1));
            (text.chars().count().div_ceil(width) as u16).clamp(1, 4) + 2
        }
        (true, false) => 2,
        (false, _) => 1,
    }
}

/// "You've met this thought before", quietly; on the reframe step, the earlier answer.
pub fn panel(flow: &Flow, area: Rect, buf: &mut Buffer, t: &Theme) {
    let Some(met) = &flow.met else {
        return;
    };
    if area.height == 0 {
        return;
    }
    let times = match met.times {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    };
    // Narrow windows get the short form, so it is never cut mid-word.
    let narrow = area.width < 64;
    let head = if narrow {
        format!("Met before: {times}, last {}.", met.last.format("%-d %b"))
    } else {
        format!(
            "You've met this thought before: {times}, last on {}.",
            met.last.format("%-d %B %Y")
        )
    };
    let mut lines = vec![Line::from(Span::styled(head, t.muted))];
    if area.height == 2 && flow.step == Step::Reframe && met.best.is_some() {
        lines.push(Line::from(Span::styled(
            "Ctrl-O starts from your answer then.",
            t.muted,
        )));
    } else if area.height > 2
        && let Some(words) = earlier_words(flow)
    {
        {
            lines.push(Line::from(Span::styled(words, t.text)));
            lines.push(Line::from(Span::styled(
                "Ctrl-O starts from it, or write a new one.",
                t.muted,
            )));
        }
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

/// "On 12 October you answered: … and belief eased 80 → 35."
fn earlier_words(flow: &Flow) -> Option<String> {
    let best = flow.met.as_ref()?.best.as_ref()?;
    let answer = shown(best.reframe.as_deref()?);
    let answer = answer.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut s = format!("On {} you answered: “{answer}”", best.at.format("%-d %B"));
    if let (Some(b), Some(a)) = (best.belief, best.belief_after)
        && a.get() < b.get()
    {
        s.push_str(&format!(" and belief eased {} → {}", b.get(), a.get()));
    }
    s.push('.');
    Some(s)
}

/// The helping-or-hurting step: four answers, one or none picked.
pub fn helps_rows(flow: &Flow, area: Rect, buf: &mut Buffer, t: &Theme) {
    for (i, h) in Helps::ALL.iter().enumerate() {
        let y = area.y + i as u16;
        if y >= area.bottom() {
            break;
        }
        let focused = i == flow.row;
        let picked = flow.helps == Some(*h);
        Line::from(vec![
            Span::styled(if focused { "›" } else { " " }, t.focus),
            Span::styled(
                if picked { "(•) " } else { "( ) " },
                if picked { t.accent } else { t.muted },
            ),
            Span::styled(
                capitalised(h.words()),
                if focused { t.focus } else { t.text },
            ),
        ])
        .render(Rect::new(area.x, y, area.width, 1), buf);
    }
    let y = area.y + Helps::ALL.len() as u16 + 1;
    if y < area.bottom() {
        Line::from(Span::styled("Space picks · Enter moves on", t.muted))
            .render(Rect::new(area.x, y, area.width, 1), buf);
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
