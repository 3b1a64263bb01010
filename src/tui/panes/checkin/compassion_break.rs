//! The self-compassion break: a one-minute guided practice in three steps, with mood
//! before and after. Opened from the Check-in pane with `b`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use ratatui_textarea::{Input, TextArea};

use crate::domain::{Break, MarkedKind, Mood, Scale, optional_text};
use crate::store::Result;
use crate::tui::action::Action;
use crate::tui::pane::{Ctx, Effect, Outcome, Saved};
use crate::tui::theme::Theme;
use crate::tui::widgets::{ScaleRow, editor, editor_text, framed, mood_word, show_cursor};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Before,
    Moment,
    Shared,
    Wish,
    After,
}

impl Step {
    const ALL: [Step; 5] = [
        Step::Before,
        Step::Moment,
        Step::Shared,
        Step::Wish,
        Step::After,
    ];

    fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    pub fn is_text(self) -> bool {
        matches!(self, Step::Moment | Step::Shared | Step::Wish)
    }

    pub fn title(self) -> &'static str {
        match self {
            Step::Before => "A minute for yourself",
            Step::Moment => "1 · Notice",
            Step::Shared => "2 · You are not alone",
            Step::Wish => "3 · A kind wish",
            Step::After => "And now",
        }
    }

    pub fn prompt(self) -> &'static str {
        match self {
            Step::Before => {
                "Before you begin: how are you, right now? Press a number, 1 to 9, or 0 for 10."
            }
            Step::Moment => {
                "This is a hard moment. Name it plainly, without arguing with it: \"this hurts\", \"this is a lot\". A few words, or none."
            }
            Step::Shared => {
                "Struggle is part of being human. Many people are feeling something like this today. What helps you remember that?"
            }
            Step::Wish => {
                "If it helps, rest a hand on your chest. What kind wish would you offer a friend in your place? Offer it to yourself."
            }
            Step::After => {
                "Take a breath. How are you now? Whatever the number, you gave yourself a minute of care."
            }
        }
    }
}

pub struct BreakFlow {
    pub step: Step,
    pub mood_before: Option<Mood>,
    pub mood_after: Option<Mood>,
    pub lines: [TextArea<'static>; 3],
}

impl Default for BreakFlow {
    fn default() -> Self {
        Self::new()
    }
}

impl BreakFlow {
    pub fn new() -> Self {
        Self {
            step: Step::Before,
            mood_before: None,
            mood_after: None,
            lines: [
                editor("", "This is a moment of struggle."),
                editor("", "Others feel this way too."),
                editor("", "May I be kind to myself."),
            ],
        }
    }

    fn line_mut(&mut self) -> Option<&mut TextArea<'static>> {
        match self.step {
            Step::Moment => Some(&mut self.lines[0]),
            Step::Shared => Some(&mut self.lines[1]),
            Step::Wish => Some(&mut self.lines[2]),
            _ => None,
        }
    }

    fn go(&mut self, step: Step) {
        self.step = step;
        for (i, line) in self.lines.iter_mut().enumerate() {
            show_cursor(line, step.is_text() && step.index() == i + 1);
        }
    }

    pub fn type_key(&mut self, input: Input) -> bool {
        if matches!(input.key, ratatui_textarea::Key::Enter) {
            return false;
        }
        self.line_mut().is_some_and(|l| l.input(input))
    }

    pub fn paste(&mut self, text: &str) -> bool {
        let text = text.replace(['\n', '\r'], " ");
        self.line_mut().is_some_and(|l| l.insert_str(&text))
    }

    /// Returns `(outcome, finished)`; finished means the flow is over (saved or set aside).
    pub fn apply(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Result<(Outcome, bool)> {
        let mood = |v: u8| Mood::new(v).ok();
        match action {
            Action::SetMood(v) => match self.step {
                Step::Before => self.mood_before = mood(v),
                Step::After => self.mood_after = mood(v),
                _ => {}
            },
            Action::Left | Action::Right => {
                let up = action == Action::Right;
                let slot = match self.step {
                    Step::Before => &mut self.mood_before,
                    Step::After => &mut self.mood_after,
                    _ => return Ok((Outcome::quiet(), false)),
                };
                *slot = Mood::nudge(*slot, up, 5);
            }
            Action::NextStep => {
                if self.step == Step::Before && self.mood_before.is_none() {
                    return Ok((Outcome::said(FIRST_A_NUMBER), false));
                }
                match Step::ALL.get(self.step.index() + 1) {
                    Some(next) => self.go(*next),
                    None => return self.save(ctx),
                }
            }
            Action::PrevStep => match self.step.index().checked_sub(1) {
                Some(i) => self.go(Step::ALL[i]),
                None => {
                    return Ok((
                        Outcome::said("Another time, then. It's here whenever you need it."),
                        true,
                    ));
                }
            },
            Action::Save => return self.save(ctx),
            _ => {}
        }
        Ok((Outcome::quiet(), false))
    }

    fn save(&mut self, ctx: &mut Ctx<'_>) -> Result<(Outcome, bool)> {
        let Some(before) = self.mood_before else {
            self.go(Step::Before);
            return Ok((Outcome::said(FIRST_A_NUMBER), false));
        };
        let mut b = Break::new(ctx.now, before);
        b.mood_after = self.mood_after;
        b.moment = optional_text(&editor_text(&self.lines[0]));
        b.shared = optional_text(&editor_text(&self.lines[1]));
        b.wish = optional_text(&editor_text(&self.lines[2]));
        ctx.store.save_break(&b)?;
        let words = match b.mood_after {
            // Feeling worse after turning toward a hard feeling happens, and is no failing.
            Some(after) if after < before => {
                "Thank you for taking that minute. Sometimes turning toward a hard feeling \
                 makes it louder for a while; that's all right, and it wasn't wasted."
            }
            _ => "Thank you for taking that minute for yourself.",
        };
        let saved = Saved::new(MarkedKind::Break, b.id, true);
        Ok((Outcome::said(words).with(Effect::Saved(saved)), true))
    }
}

/// Said when the break is asked to go on before its first number.
const FIRST_A_NUMBER: &str = "First, a number for how you are: 1 to 9, or 0 for 10.";

pub struct BreakView<'a> {
    pub flow: &'a BreakFlow,
    pub theme: &'a Theme,
}

impl Widget for BreakView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let f = self.flow;
        let t = self.theme;
        let roomy = area.height >= 14;
        let title = if roomy {
            format!("Self-compassion break · {}", f.step.title())
        } else {
            f.step.title().to_string()
        };
        let inner = framed(area, buf, &title, roomy, t.accent, t);
        let [prompt, gap, body] = Layout::vertical([
            Constraint::Length(if roomy {
                3
            } else {
                3.min(inner.height.saturating_sub(1))
            }),
            Constraint::Length(u16::from(roomy)),
            Constraint::Min(1),
        ])
        .areas(inner);
        let _ = gap;
        Paragraph::new(Span::styled(f.step.prompt(), t.muted))
            .wrap(Wrap { trim: true })
            .render(prompt, buf);
        match f.step {
            Step::Before | Step::After => {
                let m = if f.step == Step::Before {
                    f.mood_before
                } else {
                    f.mood_after
                };
                let row = Rect::new(body.x, body.y, body.width, 1.min(body.height));
                ScaleRow {
                    value: m.map(Mood::get),
                    max: 10,
                    style: m.map_or(t.muted, |m| t.mood(m.get())),
                    word: m.map(|m| mood_word(m.get())),
                    empty: "press 1–9 or 0",
                    theme: t,
                }
                .render(row, buf);
                if f.step == Step::After
                    && let (Some(b), Some(a)) = (f.mood_before, f.mood_after)
                    && body.height > 2
                {
                    let words = format!("You came in at {}; you're at {} now.", b.get(), a.get());
                    Line::from(Span::styled(words, t.notice))
                        .render(Rect::new(body.x, body.y + 2, body.width, 1), buf);
                }
            }
            step => {
                let i = step.index() - 1;
                let [mark, text] =
                    Layout::horizontal([Constraint::Length(2), Constraint::Min(1)]).areas(body);
                Line::from(Span::styled("›", t.focus)).render(mark, buf);
                f.lines[i].render(text, buf);
            }
        }
    }
}
