//! `kindly remind`: one gentle nudge a day, at a time the person picks. `at` installs a
//! systemd user timer on Linux (a launchd agent on macOS; elsewhere it prints the crontab
//! line to add) that runs `kindly remind now`, which shows a desktop notification only when
//! there is no check-in yet that day, and says nothing and exits 0 when there is no
//! notification service to show it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chrono::Weekday;
use clap::{Args, Subcommand};

use super::nudge::{now, quietly};
use super::shared::{CliError, write_stdout};
use crate::domain::InvalidInput;

#[derive(Debug, Args)]
pub struct RemindArgs {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, Subcommand)]
enum Action {
    /// Remind me at this time (24-hour HH:MM), every day or on the days given
    At {
        #[arg(value_name = "HH:MM")]
        time: String,
        /// Only on these days, comma-separated: mon,tue,wed,thu,fri,sat,sun
        #[arg(long, value_name = "mon,tue,…")]
        days: Option<String>,
    },
    /// Stop the reminder
    Off,
    /// Say whether a reminder is set, and when
    Status,
    /// Show the reminder now, if there is no check-in yet today (what the timer runs)
    Now,
    /// Show the reminder now, whatever today holds, to see that it reaches you
    Test,
}

/// When to remind: a time of day, on some days of the week (none: every day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub hour: u32,
    pub minute: u32,
    pub days: Vec<Weekday>,
}

const DAYS: [(&str, Weekday); 7] = [
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];

impl Schedule {
    pub fn parse(time: &str, days: Option<&str>) -> Result<Self, InvalidInput> {
        let bad_time = || {
            InvalidInput::new(
                "remind at",
                format!("wants a time as HH:MM on a 24-hour clock, like 20:30 (not '{time}')"),
            )
        };
        let (h, m) = time.trim().split_once(':').ok_or_else(bad_time)?;
        let number = |s: &str, max: u32| {
            (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())
                .flatten()
                .filter(|n| *n <= max)
        };
        let (Some(hour), Some(minute)) = (number(h, 23), number(m, 59)) else {
            return Err(bad_time());
        };
        if m.len() != 2 {
            return Err(bad_time());
        }
        let mut picked = Vec::new();
        if let Some(list) = days {
            for word in list.split(',').map(str::trim) {
                let lower = word.to_lowercase();
                let day = DAYS
                    .iter()
                    .find(|(short, _)| lower.len() >= 3 && day_name(short).starts_with(&lower))
                    .map(|(_, d)| *d)
                    .ok_or_else(|| {
                        InvalidInput::new(
                            "--days",
                            format!("'{word}' isn't a day kindly knows; use mon, tue, wed, thu, fri, sat, sun"),
                        )
                    })?;
                if !picked.contains(&day) {
                    picked.push(day);
                }
            }
            picked.sort_by_key(|d| d.num_days_from_monday());
            if picked.len() == 7 {
                picked.clear();
            }
        }
        Ok(Schedule {
            hour,
            minute,
            days: picked,
        })
    }

    /// "20:30, every day" or "20:30 on Mon, Wed".
    pub fn describe(&self) -> String {
        let time = format!("{:02}:{:02}", self.hour, self.minute);
        if self.days.is_empty() {
            format!("{time}, every day")
        } else {
            let names: Vec<String> = self.days.iter().map(|d| d.to_string()).collect();
            format!("{time} on {}", names.join(", "))
        }
    }

    /// The words that set it again: `20:30 --days mon,wed`.
    fn as_args(&self) -> String {
        let mut args = format!("{:02}:{:02}", self.hour, self.minute);
        if !self.days.is_empty() {
            let names: Vec<&str> = self.days.iter().map(|d| short(*d)).collect();
            args.push_str(&format!(" --days {}", names.join(",")));
        }
        args
    }

    /// systemd's OnCalendar: `Mon,Wed *-*-* 20:30:00`.
    pub fn on_calendar(&self) -> String {
        let days: Vec<String> = self.days.iter().map(|d| d.to_string()).collect();
        let prefix = if days.is_empty() {
            String::new()
        } else {
            format!("{} ", days.join(","))
        };
        format!("{prefix}*-*-* {:02}:{:02}:00", self.hour, self.minute)
    }

    /// launchd's StartCalendarInterval: one dict a day (0 is Sunday), or one for every day.
    pub fn launchd_intervals(&self) -> String {
        let one = |weekday: Option<u32>| {
            let day = weekday
                .map(|d| format!("<key>Weekday</key><integer>{d}</integer>"))
                .unwrap_or_default();
            format!(
                "    <dict>{day}<key>Hour</key><integer>{}</integer><key>Minute</key><integer>{}</integer></dict>\n",
                self.hour, self.minute
            )
        };
        if self.days.is_empty() {
            one(None)
        } else {
            self.days
                .iter()
                .map(|d| one(Some(d.num_days_from_sunday())))
                .collect()
        }
    }

    /// The crontab line that runs `command`.
    pub fn crontab(&self, command: &str) -> String {
        let days = if self.days.is_empty() {
            "*".to_string()
        } else {
            let numbers: Vec<String> = self
                .days
                .iter()
                .map(|d| d.num_days_from_sunday().to_string())
                .collect();
            numbers.join(",")
        };
        // cron reads a bare % as the end of the command.
        let command = command.replace('%', "\\%");
        format!("{} {} * * {days} {command}", self.minute, self.hour)
    }
}

fn short(d: Weekday) -> &'static str {
    DAYS.iter()
        .find(|(_, w)| *w == d)
        .map(|(s, _)| *s)
        .unwrap_or("mon")
}

fn day_name(short: &str) -> &'static str {
    match short {
        "mon" => "monday",
        "tue" => "tuesday",
        "wed" => "wednesday",
        "thu" => "thursday",
        "fri" => "friday",
        "sat" => "saturday",
        _ => "sunday",
    }
}

/// Where the reminder lives on this computer.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Service {
    /// A systemd user timer, in this folder of user units.
    Systemd(PathBuf),
    /// A launchd agent, in this LaunchAgents folder.
    Launchd(PathBuf),
    /// Neither: the person adds a crontab line.
    Cron,
}

const UNIT: &str = "kindly-remind";
const AGENT: &str = "org.kindly.remind";

fn service() -> Service {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if cfg!(target_os = "macos") {
        return match home {
            Some(h) => Service::Launchd(h.join("Library/LaunchAgents")),
            None => Service::Cron,
        };
    }
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| home.map(|h| h.join(".config")));
    let user_manager = Command::new("systemctl")
        .args(["--user", "show-environment"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    match config {
        Some(c) if user_manager => Service::Systemd(c.join("systemd/user")),
        _ => Service::Cron,
    }
}

/// `kindly --db JOURNAL remind now`, as a list of words: the same journal, whatever the
/// timer's environment.
fn reminder_command(journal: &Path) -> Result<Vec<String>, CliError> {
    let exe = std::env::current_exe()
        .map_err(|e| CliError::Usage(format!("couldn't find kindly's own path ({e})")))?;
    let journal = std::path::absolute(journal).unwrap_or_else(|_| journal.to_path_buf());
    // A timer's line can't carry a line break: systemd would refuse the unit and a crontab
    // line would break in two, so such a path is refused before anything is written.
    for (what, path) in [
        ("the journal's path", &journal),
        ("kindly's own path", &exe),
    ] {
        if path.to_string_lossy().contains(['\n', '\r']) {
            return Err(InvalidInput::new(
                "remind at",
                format!(
                    "{what} ({}) holds a line break, which a timer can't carry; move it to a path without one, then set the reminder again",
                    crate::domain::visible_line(&path.to_string_lossy())
                ),
            )
            .into());
        }
    }
    Ok(vec![
        exe.display().to_string(),
        "--db".into(),
        journal.display().to_string(),
        "remind".into(),
        "now".into(),
    ])
}

/// Quoted for systemd's ExecStart, where % starts a specifier and $ a variable: both
/// doubled, so a path holding them names the very same file.
fn systemd_quote(word: &str) -> String {
    let escaped = word
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('%', "%%")
        .replace('$', "$$");
    format!("\"{escaped}\"")
}

/// Quoted for a shell (cron runs the line with sh), when it needs to be.
fn shell_quote(word: &str) -> String {
    if !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+=:,".contains(c))
    {
        return word.to_string();
    }
    format!("'{}'", word.replace('\'', "'\\''"))
}

fn xml_escape(word: &str) -> String {
    word.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The first line of each file kindly writes: what `status` reads back.
const MARK: &str = "kindly remind at ";

fn unit_files(schedule: &Schedule, command: &[String]) -> (String, String) {
    let exec: Vec<String> = command.iter().map(|w| systemd_quote(w)).collect();
    let service = format!(
        "# {MARK}{}\n[Unit]\nDescription=A gentle check-in reminder from kindly\n\n[Service]\nType=oneshot\nExecStart={}\n",
        schedule.as_args(),
        exec.join(" ")
    );
    let timer = format!(
        "# {MARK}{}\n[Unit]\nDescription=A gentle check-in reminder from kindly\n\n[Timer]\nOnCalendar={}\n\n[Install]\nWantedBy=timers.target\n",
        schedule.as_args(),
        schedule.on_calendar()
    );
    (service, timer)
}

fn agent_file(schedule: &Schedule, command: &[String]) -> String {
    let args: String = command
        .iter()
        .map(|w| format!("    <string>{}</string>\n", xml_escape(w)))
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- {MARK}{} -->\n<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n<plist version=\"1.0\">\n<dict>\n  <key>Label</key><string>{AGENT}</string>\n  <key>ProgramArguments</key>\n  <array>\n{args}  </array>\n  <key>StartCalendarInterval</key>\n  <array>\n{}  </array>\n</dict>\n</plist>\n",
        schedule.as_args(),
        schedule.launchd_intervals()
    )
}

/// Writes a small file of the person's own (0600): it names their journal's path.
fn write_private(path: &Path, text: &str) -> Result<(), CliError> {
    use std::io::Write;

    let fail = |e: std::io::Error| {
        CliError::Usage(format!(
            "the reminder couldn't be written to {} ({e})",
            path.display()
        ))
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let mut f =
        crate::private_file::open(path, crate::private_file::Open::Replace).map_err(fail)?;
    f.write_all(text.as_bytes()).map_err(fail)
}

/// The schedule a file kindly wrote says it holds.
fn read_mark(path: &Path) -> Option<Schedule> {
    let text = std::fs::read_to_string(path).ok()?;
    let line = text.lines().find(|l| l.contains(MARK))?;
    let rest = line.split(MARK).nth(1)?.trim_end_matches("-->").trim();
    let mut words = rest.split_whitespace();
    let time = words.next()?;
    let days = match (words.next(), words.next()) {
        (Some("--days"), Some(d)) => Some(d),
        _ => None,
    };
    Schedule::parse(time, days).ok()
}

pub fn run(journal: Option<PathBuf>, args: RemindArgs) -> Result<(), CliError> {
    match args.action {
        Action::At { time, days } => {
            let schedule = Schedule::parse(&time, days.as_deref())?;
            let journal = journal.ok_or_else(|| {
                CliError::Usage(
                    "couldn't find a home folder for the journal; pass --db PATH".into(),
                )
            })?;
            at(&schedule, &reminder_command(&journal)?)
        }
        Action::Off => off(),
        Action::Status => status(),
        Action::Now => {
            let nudge = now(journal.as_deref(), false);
            // From a timer nothing is said; a person at a terminal hears what happened.
            use std::io::IsTerminal;
            if std::io::stdout().is_terminal() {
                say(nudge.words())?;
            }
            Ok(())
        }
        Action::Test => say(now(journal.as_deref(), true).words()),
    }
}

fn say(text: &str) -> Result<(), CliError> {
    write_stdout(format!("{text}\n").as_bytes())
}

fn at(schedule: &Schedule, command: &[String]) -> Result<(), CliError> {
    match service() {
        Service::Systemd(dir) => {
            let (service, timer) = unit_files(schedule, command);
            write_private(&dir.join(format!("{UNIT}.service")), &service)?;
            write_private(&dir.join(format!("{UNIT}.timer")), &timer)?;
            let started = quietly("systemctl", &["--user", "daemon-reload"])
                && quietly(
                    "systemctl",
                    &["--user", "enable", "--now", &format!("{UNIT}.timer")],
                );
            if !started {
                return Err(CliError::Usage(format!(
                    "the reminder is written in {} but systemd didn't start it; `systemctl --user enable --now {UNIT}.timer` may say why",
                    dir.display()
                )));
            }
            say(&format!(
                "A gentle reminder is set for {} (a systemd user timer). It stays quiet on days you've checked in.",
                schedule.describe()
            ))
        }
        Service::Launchd(dir) => {
            let path = dir.join(format!("{AGENT}.plist"));
            let shown = path.display().to_string();
            let _ = quietly("launchctl", &["unload", &shown]);
            write_private(&path, &agent_file(schedule, command))?;
            if !quietly("launchctl", &["load", &shown]) {
                return Err(CliError::Usage(format!(
                    "the reminder is written in {shown} but launchd didn't load it; `launchctl load {shown}` may say why"
                )));
            }
            say(&format!(
                "A gentle reminder is set for {} (a launchd agent). It stays quiet on days you've checked in.",
                schedule.describe()
            ))
        }
        Service::Cron => {
            let words: Vec<String> = command.iter().map(|w| shell_quote(w)).collect();
            say(&format!(
                "kindly can't set a timer here by itself. To be reminded at {}, add this line with `crontab -e`:\n\n{}\n\nIt stays quiet on days you've checked in.",
                schedule.describe(),
                schedule.crontab(&words.join(" "))
            ))
        }
    }
}

fn off() -> Result<(), CliError> {
    match service() {
        Service::Systemd(dir) => {
            let files = [
                dir.join(format!("{UNIT}.timer")),
                dir.join(format!("{UNIT}.service")),
            ];
            if !files.iter().any(|f| f.exists()) {
                return say("No reminder is set, so there's nothing to stop.");
            }
            let _ = quietly(
                "systemctl",
                &["--user", "disable", "--now", &format!("{UNIT}.timer")],
            );
            for f in &files {
                let _ = std::fs::remove_file(f);
            }
            let _ = quietly("systemctl", &["--user", "daemon-reload"]);
            say("The reminder is off. `kindly remind at HH:MM` sets it again whenever you like.")
        }
        Service::Launchd(dir) => {
            let path = dir.join(format!("{AGENT}.plist"));
            if !path.exists() {
                return say("No reminder is set, so there's nothing to stop.");
            }
            let _ = quietly("launchctl", &["unload", &path.display().to_string()]);
            let _ = std::fs::remove_file(&path);
            say("The reminder is off. `kindly remind at HH:MM` sets it again whenever you like.")
        }
        Service::Cron => say(
            "kindly doesn't change your crontab itself: run `crontab -e` and remove the line that ends in `remind now`.",
        ),
    }
}

fn status() -> Result<(), CliError> {
    let found = match service() {
        Service::Systemd(dir) => {
            read_mark(&dir.join(format!("{UNIT}.timer"))).map(|s| (s, "a systemd user timer"))
        }
        Service::Launchd(dir) => {
            read_mark(&dir.join(format!("{AGENT}.plist"))).map(|s| (s, "a launchd agent"))
        }
        Service::Cron => {
            return say(
                "kindly can't see your crontab; `crontab -l` shows a line ending in `remind now` if you added one.",
            );
        }
    };
    match found {
        Some((schedule, how)) => say(&format!(
            "A gentle reminder at {} ({how}).",
            schedule.describe()
        )),
        None => say("No reminder is set. `kindly remind at 20:30` sets one, if you'd like."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_days_are_read_as_a_person_writes_them() {
        let s = Schedule::parse("9:05", Some("Wed, mon,monday,FRIDAY")).unwrap();
        assert_eq!((s.hour, s.minute), (9, 5));
        assert_eq!(s.days, vec![Weekday::Mon, Weekday::Wed, Weekday::Fri]);
        assert_eq!(s.describe(), "09:05 on Mon, Wed, Fri");
        assert_eq!(s.on_calendar(), "Mon,Wed,Fri *-*-* 09:05:00");
        assert_eq!(s.crontab("k"), "5 9 * * 1,3,5 k");
        let every = Schedule::parse("20:30", Some("mon,tue,wed,thu,fri,sat,sun")).unwrap();
        assert!(every.days.is_empty());
        assert_eq!(every.describe(), "20:30, every day");
        assert_eq!(every.crontab("a%b"), "30 20 * * * a\\%b");
    }

    #[test]
    fn times_and_days_kindly_cant_read_are_named() {
        for bad in [
            "8pm", "24:00", "12:60", "12:5", "", ":30", "1230", "-1:00", "12:30:00",
        ] {
            let e = Schedule::parse(bad, None).unwrap_err();
            assert_eq!(e.field, "remind at", "{bad}");
        }
        for bad in ["funday", "mo", "monk", ""] {
            let e = Schedule::parse("20:00", Some(bad)).unwrap_err();
            assert_eq!(e.field, "--days", "{bad}");
        }
    }

    #[test]
    fn the_files_kindly_writes_read_back_as_the_same_schedule() {
        let s = Schedule::parse("07:45", Some("sat,sun")).unwrap();
        let cmd: Vec<String> = ["/bin/kindly", "--db", "/home/a b/100%.db", "remind", "now"]
            .map(String::from)
            .to_vec();
        let dir = tempfile::tempdir().unwrap();
        let (service, timer) = unit_files(&s, &cmd);
        assert!(service.contains("ExecStart=\"/bin/kindly\" \"--db\" \"/home/a b/100%%.db\""));
        assert!(timer.contains("OnCalendar=Sat,Sun *-*-* 07:45:00"));
        let plist = agent_file(&s, &cmd);
        assert!(
            plist.contains(
                "<key>Weekday</key><integer>6</integer><key>Hour</key><integer>7</integer>"
            )
        );
        assert!(plist.contains("<key>Weekday</key><integer>0</integer>"));
        for (name, text) in [("t", timer), ("p", plist)] {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            assert_eq!(read_mark(&path), Some(s.clone()), "{name}");
        }
    }
}
