//! Where kindly keeps things, and the optional config file that extends its defaults.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::domain::InvalidInput;

const EMOTIONS: &str = include_str!("../assets/emotions.txt");
const RITUALS: &str = include_str!("../assets/rituals.txt");

/// The settings in force: built-in defaults extended by the user's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Who the user would like to be reminded they can reach (a therapist, a friend, a line).
    pub support_contact: Option<String>,
    /// The person's own words that bring the support line, added to the built-in ones.
    pub crisis_words: Vec<String>,
    pub emotions: Vec<String>,
    pub rituals: Vec<String>,
    /// The user's own thinking-trap labels (`name` or `name: explanation`), added to the
    /// built-in ones, which cannot be removed.
    pub distortions: Vec<String>,
    /// Which day trends start their weeks on.
    pub week_start: crate::insights::WeekStart,
    /// Whether the TUI takes the mouse (clicks and the wheel).
    pub mouse: bool,
    /// Keys the person rebound: action name → keys, from the `[keys]` table.
    pub keys: Vec<(String, Vec<String>)>,
    /// The colour theme by name: `default`, `light`, `high-contrast`, or one of `themes`.
    pub theme: String,
    /// The person's own themes: name → role → colour.
    pub themes: BTreeMap<String, BTreeMap<String, String>>,
    /// The sync folder on this computer, when it isn't where `kindly sync init|join` found
    /// it (a folder mounted elsewhere here).
    pub sync_dir: Option<PathBuf>,
    /// How this computer is named to the others in the sync folder (default: its host name).
    pub device_name: Option<String>,
    /// The person's name, put on the report when given; nothing identifying is otherwise.
    pub name: Option<String>,
    /// The person's own letter prompts, offered after the built-in ones.
    pub letter_prompts: Vec<String>,
    /// Whether the Check-in pane now and then brings back something kind from a month or a
    /// year ago.
    pub look_back: bool,
    /// Where the automatic daily backups go (default: `backups/` beside the journal).
    pub backup_dir: Option<PathBuf>,
    /// How many daily, weekly and monthly backups are kept.
    pub backups_kept: crate::domain::BackupsKept,
    /// The person's own measures beside mood, from the `[[measures]]` tables.
    pub measures: Vec<crate::domain::MeasureSpec>,
    /// The file these came from, whether or not it exists, so help can point at it.
    pub path: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            support_contact: None,
            crisis_words: Vec::new(),
            emotions: asset_list(EMOTIONS),
            rituals: asset_list(RITUALS),
            distortions: Vec::new(),
            week_start: crate::insights::WeekStart::Monday,
            mouse: true,
            keys: Vec::new(),
            theme: "default".into(),
            themes: BTreeMap::new(),
            sync_dir: None,
            device_name: None,
            name: None,
            letter_prompts: Vec::new(),
            look_back: true,
            backup_dir: None,
            backups_kept: crate::domain::BackupsKept::default(),
            measures: Vec::new(),
            path: None,
        }
    }
}

/// The file as written: every key optional, unknown keys refused so typos are caught.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    support_contact: Option<String>,
    crisis_words: Option<Vec<String>>,
    emotions: Option<Vec<String>>,
    rituals: Option<Vec<String>>,
    distortions: Option<Vec<String>>,
    week_start: Option<crate::insights::WeekStart>,
    mouse: Option<bool>,
    keys: Option<BTreeMap<String, KeyList>>,
    theme: Option<String>,
    themes: Option<BTreeMap<String, BTreeMap<String, String>>>,
    sync_dir: Option<PathBuf>,
    device_name: Option<String>,
    name: Option<String>,
    letter_prompts: Option<Vec<String>>,
    look_back: Option<bool>,
    backup_dir: Option<PathBuf>,
    backups_kept: Option<toml::Value>,
    measures: Option<Vec<crate::domain::RawMeasure>>,
}

/// One key or several, as the `[keys]` table allows.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum KeyList {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("config file {path}, line {line}{key}: {message}")]
    Invalid {
        path: PathBuf,
        line: usize,
        key: String,
        message: String,
    },
    #[error("couldn't read the config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The `[keys]` table as written: action name → keys.
pub type KeyTable = [(String, Vec<String>)];

/// A check of a table whose meaning lives above this module (key bindings, colours). The
/// caller hands these in, so the config module needs nothing from the TUI.
#[derive(Clone, Copy)]
pub struct Checks {
    /// The `[keys]` table: on a problem, the action it names and what is wrong.
    pub keys: fn(&KeyTable) -> Result<(), (String, String)>,
    /// One `[themes.NAME]` table: on a problem, what is wrong.
    pub theme: fn(&BTreeMap<String, String>) -> Result<(), String>,
}

impl Checks {
    /// Takes every table as written: for callers that draw nothing.
    pub const NONE: Checks = Checks {
        keys: |_| Ok(()),
        theme: |_| Ok(()),
    };
}

impl Config {
    /// The thinking traps to offer: built-in, then the user's own.
    pub fn traps(&self) -> crate::domain::Traps {
        crate::domain::Traps::with_own(&self.distortions).with_care(self.care())
    }

    /// The words that bring the support line: built-in, then the person's own.
    pub fn care(&self) -> crate::domain::CrisisWords {
        crate::domain::CrisisWords::with_own(&self.crisis_words)
    }

    /// Reads the config at `path`; a missing file means the defaults.
    pub fn load(path: &Path, checks: &Checks) -> Result<Self, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        let mut config = Self::parse(&text, checks).map_err(|e| e.at(path))?;
        config.path = Some(path.to_path_buf());
        Ok(config)
    }

    /// Parses config text, naming the line and key of anything wrong.
    pub fn parse(text: &str, checks: &Checks) -> Result<Self, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| describe(text, &e))?;
        let mut config = Config::default();
        let check = |key: &str, items: &[String]| -> Result<(), ConfigError> {
            match items.iter().position(|s| s.trim().is_empty()) {
                Some(i) => Err(ConfigError::Invalid {
                    path: PathBuf::new(),
                    line: line_of_key(text, key),
                    key: format!(" (key `{key}`)"),
                    message: format!("item {} is empty; give it a name or remove it", i + 1),
                }),
                None => Ok(()),
            }
        };
        if let Some(extra) = raw.emotions {
            check("emotions", &extra)?;
            extend_unique(&mut config.emotions, extra);
        }
        if let Some(extra) = raw.rituals {
            check("rituals", &extra)?;
            extend_unique(&mut config.rituals, extra);
        }
        if let Some(own) = raw.distortions {
            check("distortions", &own)?;
            extend_unique(&mut config.distortions, own);
        }
        if let Some(keys) = raw.keys {
            config.keys = keys
                .into_iter()
                .map(|(name, k)| match k {
                    KeyList::One(one) => (name, vec![one]),
                    KeyList::Many(many) => (name, many),
                })
                .collect();
            if let Err((action, message)) = (checks.keys)(&config.keys) {
                return Err(ConfigError::Invalid {
                    path: PathBuf::new(),
                    line: line_of_key(text, &action),
                    key: format!(" (key `keys.{action}`)"),
                    message,
                });
            }
        }
        if let Some(themes) = raw.themes {
            for (name, roles) in &themes {
                if let Err(message) = (checks.theme)(roles) {
                    return Err(ConfigError::Invalid {
                        path: PathBuf::new(),
                        line: line_of_key(text, &format!("[themes.{name}]"))
                            .max(line_of_table(text, &format!("themes.{name}"))),
                        key: format!(" (table `themes.{name}`)"),
                        message,
                    });
                }
            }
            config.themes = themes;
        }
        if let Some(theme) = raw.theme {
            let builtin = ["default", "light", "high-contrast"];
            if !builtin.contains(&theme.as_str()) && !config.themes.contains_key(&theme) {
                return Err(ConfigError::Invalid {
                    path: PathBuf::new(),
                    line: line_of_key(text, "theme"),
                    key: " (key `theme`)".into(),
                    message: format!(
                        "'{theme}' isn't a theme kindly knows; use default, light, high-contrast, or one of your [themes.NAME] tables"
                    ),
                });
            }
            config.theme = theme;
        }
        if let Some(mouse) = raw.mouse {
            config.mouse = mouse;
        }
        if let Some(start) = raw.week_start {
            config.week_start = start;
        }
        config.sync_dir = raw.sync_dir.filter(|p| !p.as_os_str().is_empty());
        config.device_name = words(raw.device_name);
        config.name = words(raw.name);
        config.letter_prompts = raw
            .letter_prompts
            .unwrap_or_default()
            .into_iter()
            .filter_map(|s| words(Some(s)))
            .collect();
        if let Some(look) = raw.look_back {
            config.look_back = look;
        }
        config.crisis_words = raw
            .crisis_words
            .unwrap_or_default()
            .into_iter()
            .filter_map(|s| words(Some(s)))
            .collect();
        config.support_contact = words(raw.support_contact);
        let invalid = |key: &str, message: String| ConfigError::Invalid {
            path: PathBuf::new(),
            line: line_of_key(text, key).max(line_of_table(text, key)),
            key: format!(" (key `{key}`)"),
            message,
        };
        if let Some(kept) = raw.backups_kept {
            config.backups_kept =
                backups_kept(&kept).map_err(|e| invalid("backups_kept", e.problem))?;
        }
        if let Some(dir) = raw.backup_dir.filter(|p| !p.as_os_str().is_empty()) {
            config.backup_dir = Some(full_path(&dir).ok_or_else(|| {
                invalid(
                    "backup_dir",
                    format!(
                        "'{}' is a relative path; give the whole path (like /home/sam/kindly-backups or ~/kindly-backups)",
                        dir.display()
                    ),
                )
            })?);
        }
        config.measures = crate::domain::resolve_measures(raw.measures.unwrap_or_default())
            .map_err(|(i, e)| ConfigError::Invalid {
                path: PathBuf::new(),
                line: line_of_nth(text, "[[measures]]", i),
                key: format!(" (measure {}, key `{}`)", i + 1, e.field),
                message: e.problem,
            })?;
        Ok(config)
    }
}

/// The line of the `n`th (from 0) table header `header`.
fn line_of_nth(text: &str, header: &str, n: usize) -> usize {
    let mut lines = text.lines().enumerate().filter(|(_, l)| l.trim() == header);
    lines.nth(n).map_or(1, |(i, _)| i + 1)
}

/// The most of any one kind of backup kindly keeps: more is almost surely a slip.
const MOST_KEPT: u32 = 10_000;

/// Reads `backups_kept = { daily = 7, weekly = 4, monthly = 12 }`; a kind left out keeps its
/// default.
fn backups_kept(value: &toml::Value) -> Result<crate::domain::BackupsKept, InvalidInput> {
    let bad = |why: String| {
        InvalidInput::new(
            "backups_kept",
            format!("{why}; write it like {{ daily = 7, weekly = 4, monthly = 12 }}"),
        )
    };
    let table = value
        .as_table()
        .ok_or_else(|| bad("is a table of counts".into()))?;
    let mut kept = crate::domain::BackupsKept::default();
    for (name, count) in table {
        let slot = match name.as_str() {
            "daily" => &mut kept.daily,
            "weekly" => &mut kept.weekly,
            "monthly" => &mut kept.monthly,
            other => {
                return Err(bad(format!(
                    "has '{other}', which isn't daily, weekly or monthly"
                )));
            }
        };
        *slot = count
            .as_integer()
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| *n <= MOST_KEPT)
            .ok_or_else(|| bad(format!("{name} is a whole number from 0 to {MOST_KEPT}")))?;
    }
    if kept.daily + kept.weekly + kept.monthly == 0 {
        return Err(bad("would keep no backups at all; keep at least one".into()));
    }
    Ok(kept)
}

/// A folder named in the config as a whole path: `~/` is the home folder; anything else
/// relative would move with wherever kindly was started, so it is refused.
fn full_path(dir: &Path) -> Option<PathBuf> {
    if dir.is_absolute() {
        return Some(dir.to_path_buf());
    }
    let rest = dir.strip_prefix("~").ok()?;
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty())?;
    Some(PathBuf::from(home).join(rest))
}

/// A setting's words, trimmed; nothing when only blanks were written.
fn words(value: Option<String>) -> Option<String> {
    value
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

impl ConfigError {
    fn at(self, file: &Path) -> Self {
        match self {
            ConfigError::Invalid {
                line, key, message, ..
            } => ConfigError::Invalid {
                path: file.to_path_buf(),
                line,
                key,
                message,
            },
            other => other,
        }
    }
}

fn describe(text: &str, err: &toml::de::Error) -> ConfigError {
    let offset = err.span().map(|s| s.start).unwrap_or(0);
    let line = text[..offset.min(text.len())].matches('\n').count() + 1;
    let key = text
        .lines()
        .nth(line - 1)
        .and_then(|l| l.split_once('='))
        .map(|(k, _)| format!(" (key `{}`)", k.trim()))
        .unwrap_or_default();
    ConfigError::Invalid {
        path: PathBuf::new(),
        line,
        key,
        message: err.message().trim().to_string(),
    }
}

fn line_of_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.split_once('=').is_some_and(|(k, _)| k.trim() == key))
        .map_or(1, |i| i + 1)
}

fn line_of_table(text: &str, table: &str) -> usize {
    text.lines()
        .position(|l| l.trim() == format!("[{table}]"))
        .map_or(1, |i| i + 1)
}

fn asset_list(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

fn extend_unique(list: &mut Vec<String>, extra: Vec<String>) {
    for item in extra {
        let item = item.trim().to_string();
        if !list.iter().any(|l| l.eq_ignore_ascii_case(&item)) {
            list.push(item);
        }
    }
}

/// Resolves a path from its flag, then its environment variable, then the platform default.
fn resolve(
    flag: Option<PathBuf>,
    env: &str,
    default: impl FnOnce() -> Option<PathBuf>,
) -> Option<PathBuf> {
    flag.or_else(|| {
        std::env::var_os(env)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
    .or_else(default)
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "kindly")
}

/// `--db`, else `KINDLY_DB`, else `…/kindly/kindly.db` in the platform data folder.
pub fn database_path(flag: Option<PathBuf>) -> Option<PathBuf> {
    resolve(flag, "KINDLY_DB", || {
        project_dirs().map(|d| d.data_dir().join("kindly.db"))
    })
}

/// Whether the journal's path is one the person named (`--db` or `KINDLY_DB`) rather than
/// kindly's own default: only the default's folder is made on first use.
pub fn database_named(flag: Option<&Path>) -> bool {
    flag.is_some() || std::env::var_os("KINDLY_DB").is_some_and(|v| !v.is_empty())
}

/// `--config`, else `KINDLY_CONFIG`, else `…/kindly/config.toml` in the platform config folder.
pub fn config_path(flag: Option<PathBuf>) -> Option<PathBuf> {
    resolve(flag, "KINDLY_CONFIG", || {
        project_dirs().map(|d| d.config_dir().join("config.toml"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_come_from_assets() {
        let c = Config::default();
        assert!(c.emotions.contains(&"calm".to_string()));
        assert!(c.rituals.contains(&"walk".to_string()));
        assert!(!c.emotions.iter().any(|e| e.starts_with('#')));
    }

    #[test]
    fn file_extends_the_vocabularies() {
        let c = Config::parse(
            "support_contact = \"Dr. Amara, 555 0100\"\nrituals = [\"tea\", \"Walk\"]\n",
            &Checks::NONE,
        )
        .unwrap();
        assert_eq!(c.support_contact.as_deref(), Some("Dr. Amara, 555 0100"));
        assert_eq!(c.rituals.last().map(String::as_str), Some("tea"));
        assert_eq!(
            c.rituals
                .iter()
                .filter(|r| r.eq_ignore_ascii_case("walk"))
                .count(),
            1
        );
    }

    #[test]
    fn week_start_can_be_sunday_and_nothing_else_odd() {
        let c = Config::parse("week_start = \"sunday\"\n", &Checks::NONE).unwrap();
        assert_eq!(c.week_start, crate::insights::WeekStart::Sunday);
        let err = Config::parse("week_start = \"friday\"\n", &Checks::NONE)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("line 1") && err.contains("`week_start`"),
            "{err}"
        );
    }

    #[test]
    fn unknown_key_names_line_and_key() {
        let err = Config::parse(
            "support_contact = \"x\"\nritual = [\"tea\"]\n",
            &Checks::NONE,
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("line 2"), "{msg}");
        assert!(msg.contains("`ritual`"), "{msg}");
    }

    #[test]
    fn wrong_type_names_line_and_key() {
        let err = Config::parse("\n\nemotions = \"calm\"\n", &Checks::NONE).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("line 3"), "{msg}");
        assert!(msg.contains("`emotions`"), "{msg}");
    }

    #[test]
    fn empty_item_names_line_and_key() {
        let err = Config::parse("rituals = [\"tea\", \" \"]\n", &Checks::NONE).unwrap_err();
        assert!(err.to_string().contains("line 1 (key `rituals`)"), "{err}");
    }

    #[test]
    fn backups_kept_is_read_with_defaults_and_bad_values_name_line_and_key() {
        let c = Config::parse("backups_kept = { daily = 3 }\n", &Checks::NONE).unwrap();
        assert_eq!(
            (
                c.backups_kept.daily,
                c.backups_kept.weekly,
                c.backups_kept.monthly
            ),
            (3, 4, 12)
        );
        let c = Config::parse("[backups_kept]\nmonthly = 24\n", &Checks::NONE).unwrap();
        assert_eq!(c.backups_kept.monthly, 24);
        for (bad, says) in [
            ("backups_kept = 7", "is a table of counts"),
            ("backups_kept = { dayly = 3 }", "'dayly'"),
            ("backups_kept = { daily = -1 }", "daily is a whole number"),
            (
                "backups_kept = { weekly = 2.5 }",
                "weekly is a whole number",
            ),
            (
                "backups_kept = { daily = 0, weekly = 0, monthly = 0 }",
                "keep at least one",
            ),
        ] {
            let err = Config::parse(&format!("\n{bad}\n"), &Checks::NONE)
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("line 2 (key `backups_kept`)") && err.contains(says),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn backup_dir_is_a_whole_path() {
        let c = Config::parse("backup_dir = \"/srv/copies\"\n", &Checks::NONE).unwrap();
        assert_eq!(c.backup_dir, Some(PathBuf::from("/srv/copies")));
        let err = Config::parse("backup_dir = \"copies\"\n", &Checks::NONE)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("(key `backup_dir`)") && err.contains("relative"),
            "{err}"
        );
    }
}
