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
    /// For the rare thing that needs attention (never a low mood).
    pub warning: Style,
    /// One calm colour per mood, 1 to 10: blue-violet through teal to soft gold. Low moods
    /// are cool and quiet, never an alarm red.
    mood: [Style; 10],
}

/// 256-colour indices for moods 1 to 10: blue-violet through teal and sage to soft gold.
/// Chosen to climb steadily in lightness as well as hue, and to avoid red and green as the
/// ends, so the order still reads with protanopia, deuteranopia and tritanopia (lightness
/// carries it) and in greyscale.
const MOOD_RAMP: [u8; 10] = [104, 105, 110, 74, 73, 79, 114, 150, 186, 222];

/// The same idea for light backgrounds: darker, still climbing in lightness.
const LIGHT_RAMP: [u8; 10] = [54, 55, 61, 25, 31, 30, 29, 64, 94, 130];

impl Theme {
    /// The theme the config names, or a colourless one when `NO_COLOR` is set (any value).
    pub fn resolve(config: &crate::config::Config) -> Self {
        Self::resolve_with(config, std::env::var_os("NO_COLOR").is_some())
    }

    /// As `resolve`, with the `NO_COLOR` answer given (so it can be tested).
    pub fn resolve_with(config: &crate::config::Config, no_color: bool) -> Self {
        if no_color {
            return Self::monochrome();
        }
        match config.theme.as_str() {
            "light" => Self::light(),
            "high-contrast" => Self::high_contrast(),
            name => config
                .themes
                .get(name)
                .and_then(|roles| Self::from_roles(roles).ok())
                .unwrap_or_else(Self::calm),
        }
    }

    /// A theme from the config's `[themes.NAME]` table: the default, with the roles given
    /// there replaced. Colours are names (`blue`), `#rrggbb`, or 256-colour numbers;
    /// `mood` is ten of them, comma-separated, from 1 to 10.
    pub fn from_roles(roles: &std::collections::BTreeMap<String, String>) -> Result<Self, String> {
        let mut t = Self::calm();
        for (role, value) in roles {
            let colour = |v: &str| {
                v.trim().parse::<Color>().map_err(|_| {
                    format!(
                        "'{}' for {role} isn't a colour (try blue, #5f87af or 110)",
                        v.trim()
                    )
                })
            };
            let style = |v: &str| colour(v).map(|c| Style::default().fg(c));
            match role.as_str() {
                "text" => t.text = style(value)?,
                "muted" => t.muted = style(value)?,
                "accent" => t.accent = style(value)?,
                "focus" => t.focus = style(value)?.add_modifier(Modifier::BOLD),
                "selection" => t.selection = Style::default().bg(colour(value)?),
                "notice" => t.notice = style(value)?.add_modifier(Modifier::ITALIC),
                "title" => t.title = style(value)?.add_modifier(Modifier::BOLD),
                "warning" => t.warning = style(value)?,
                "mood" => {
                    let colours: Vec<Color> =
                        value.split(',').map(colour).collect::<Result<_, _>>()?;
                    if colours.len() != 10 {
                        return Err(format!(
                            "mood needs ten colours, from 1 to 10 (it has {})",
                            colours.len()
                        ));
                    }
                    for (i, c) in colours.into_iter().enumerate() {
                        t.mood[i] = Style::default().fg(c);
                    }
                }
                other => {
                    return Err(format!(
                        "'{other}' isn't a theme role; roles are text, muted, accent, focus, selection, notice, title, warning and mood"
                    ));
                }
            }
        }
        Ok(t)
    }

    /// For light terminal backgrounds.
    pub fn light() -> Self {
        Self {
            text: Style::default(),
            muted: Style::default().fg(Color::Indexed(243)),
            accent: Style::default().fg(Color::Indexed(25)),
            focus: Style::default()
                .fg(Color::Indexed(130))
                .add_modifier(Modifier::BOLD),
            selection: Style::default().add_modifier(Modifier::REVERSED),
            notice: Style::default()
                .fg(Color::Indexed(29))
                .add_modifier(Modifier::ITALIC),
            title: Style::default()
                .fg(Color::Indexed(25))
                .add_modifier(Modifier::BOLD),
            warning: Style::default()
                .fg(Color::Indexed(130))
                .add_modifier(Modifier::BOLD),
            mood: LIGHT_RAMP.map(|c| Style::default().fg(Color::Indexed(c))),
        }
    }

    /// Strong contrast and bold text, for low vision or bright rooms.
    pub fn high_contrast() -> Self {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        Self {
            text: bold.fg(Color::White),
            muted: Style::default().fg(Color::Gray),
            accent: bold.fg(Color::LightCyan),
            focus: bold.fg(Color::Yellow),
            selection: bold.add_modifier(Modifier::REVERSED),
            notice: bold.fg(Color::LightCyan),
            title: bold.fg(Color::White).add_modifier(Modifier::UNDERLINED),
            warning: bold.fg(Color::Yellow),
            mood: [
                Color::Blue,
                Color::Blue,
                Color::LightBlue,
                Color::LightBlue,
                Color::Cyan,
                Color::Cyan,
                Color::LightCyan,
                Color::LightCyan,
                Color::Yellow,
                Color::LightYellow,
            ]
            .map(|c| bold.fg(c)),
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
            warning: Style::default()
                .fg(Color::Indexed(222))
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
            warning: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            mood: [plain; 10],
        }
    }

    pub fn mood(&self, mood: u8) -> Style {
        self.mood[usize::from(mood.clamp(1, 10) - 1)]
    }

    /// The block a mood is drawn with: one full block when colours tell the moods apart,
    /// and without colour (`NO_COLOR`, or a theme of one colour) a shade that climbs with
    /// the mood: ░ 1–3, ▒ 4–5, ▓ 6–7, █ 8–10.
    pub fn mood_block(&self, mood: u8) -> &'static str {
        if self.mood.iter().any(|m| *m != self.mood[0]) {
            return "█";
        }
        match mood {
            0..=3 => "░",
            4..=5 => "▒",
            6..=7 => "▓",
            _ => "█",
        }
    }
}
