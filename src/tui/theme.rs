//! Named style roles, so panes say what a thing is (muted, focus, a mood) rather than a colour.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone)]
pub struct Theme {
    pub text: Style,
    pub muted: Style,
    pub accent: Style,
    pub focus: Style,
    pub selection: Style,
    pub notice: Style,
    pub title: Style,
    /// One calm colour per mood, 1 to 10: blue-violet through teal to soft gold. Low moods
    /// are cool and quiet, never an alarm red.
    mood: [Style; 10],
}

/// 256-colour indices chosen to climb in lightness as well as hue, so the order still reads
/// for people who see red and green alike.
const MOOD_RAMP: [u8; 10] = [104, 105, 110, 74, 73, 79, 114, 150, 186, 222];

impl Theme {
    /// The default theme, or a colourless one when `NO_COLOR` is set (any value).
    pub fn from_env() -> Self {
        if std::env::var_os("NO_COLOR").is_some() {
            Self::monochrome()
        } else {
            Self::calm()
        }
    }

    pub fn calm() -> Self {
        Self {
            text: Style::default(),
            muted: Style::default().fg(Color::Indexed(245)),
            accent: Style::default().fg(Color::Indexed(110)),
            focus: Style::default()
                .fg(Color::Indexed(222))
                .add_modifier(Modifier::BOLD),
            selection: Style::default().add_modifier(Modifier::REVERSED),
            notice: Style::default()
                .fg(Color::Indexed(151))
                .add_modifier(Modifier::ITALIC),
            title: Style::default()
                .fg(Color::Indexed(110))
                .add_modifier(Modifier::BOLD),
            mood: MOOD_RAMP.map(|c| Style::default().fg(Color::Indexed(c))),
        }
    }

    /// Structure through weight and reverse video alone.
    pub fn monochrome() -> Self {
        let plain = Style::default();
        Self {
            text: plain,
            muted: plain.add_modifier(Modifier::DIM),
            accent: plain,
            focus: plain.add_modifier(Modifier::BOLD),
            selection: plain.add_modifier(Modifier::REVERSED),
            notice: plain.add_modifier(Modifier::ITALIC),
            title: plain.add_modifier(Modifier::BOLD),
            mood: [plain; 10],
        }
    }

    pub fn mood(&self, mood: u8) -> Style {
        self.mood[usize::from(mood.clamp(1, 10) - 1)]
    }
}
