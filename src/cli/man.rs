//! `kindly man`: one whole manual page. The synopsis, options and every command with its
//! flags come from the command line's own definition, and the keys from the screen's own
//! key table, so the page can't drift from what kindly does; the files, the environment,
//! the settings and where to find help are written here.

use std::fmt::Write as _;
use std::io::Write as _;

use crate::tui::keymap::{BINDINGS, EDITOR_KEYS, MOUSE_COPY, Mode};

/// The page for `cmd` (kindly's whole command line), in roff.
pub fn page(cmd: clap::Command) -> std::io::Result<Vec<u8>> {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    let mut s = String::new();
    commands(&mut s, &cmd);
    keys(&mut s);
    s.push_str(FIXED);
    out.write_all(s.as_bytes())?;
    Ok(out)
}

/// Text made safe for roff: backslashes and hyphens escaped, no line starting a request.
fn esc(text: &str) -> String {
    let t = text.replace('\\', "\\e").replace('-', "\\-");
    if t.starts_with('.') || t.starts_with('\'') {
        format!("\\&{t}")
    } else {
        t
    }
}

/// Every command, with what it does and each of its flags; subcommands under their own
/// name (`kindly sync init`).
fn commands(s: &mut String, cmd: &clap::Command) {
    s.push_str(".SH COMMANDS\n");
    fn one(s: &mut String, path: &str, cmd: &clap::Command) {
        let name = format!("{path} {}", cmd.get_name());
        let args: Vec<String> = cmd
            .get_positionals()
            .map(|a| {
                let n = a
                    .get_value_names()
                    .and_then(|v| v.first().map(|v| v.to_string()))
                    .unwrap_or_else(|| a.get_id().to_string().to_uppercase());
                if a.is_required_set() {
                    n
                } else {
                    format!("[{n}]")
                }
            })
            .collect();
        let _ = writeln!(s, ".TP\n\\fB{}\\fR {}", esc(&name), esc(&args.join(" ")));
        let about = cmd.get_long_about().or(cmd.get_about());
        let _ = writeln!(
            s,
            "{}",
            esc(&about.map(|a| a.to_string()).unwrap_or_default())
        );
        let flags: Vec<&clap::Arg> = cmd
            .get_arguments()
            .filter(|a| a.get_long().is_some() && !a.is_hide_set())
            .filter(|a| !matches!(a.get_long(), Some("help" | "version")))
            .collect();
        for a in flags {
            let value = match a.get_action() {
                clap::ArgAction::SetTrue | clap::ArgAction::SetFalse => String::new(),
                _ => a
                    .get_value_names()
                    .and_then(|v| v.first().map(|v| format!(" {v}")))
                    .unwrap_or_else(|| " VALUE".into()),
            };
            let mut help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
            // A flag that takes one of a few words says which, as `--help` does.
            let values: Vec<String> = a
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            if !values.is_empty() && !matches!(a.get_action(), clap::ArgAction::SetTrue) {
                let _ = write!(help, " (one of: {})", values.join(", "));
            }
            let _ = writeln!(
                s,
                ".RS\n.TP\n\\fB\\-\\-{}\\fR{}\n{}\n.RE",
                esc(a.get_long().unwrap_or_default()),
                esc(&value),
                esc(&help)
            );
        }
        // What `--help` shows after the flags (an example, the list of thinking traps),
        // as it is written, so a flag that points to it finds it here too.
        if let Some(after) = cmd.get_after_long_help().or(cmd.get_after_help()) {
            let lines: Vec<String> = after.to_string().lines().map(esc).collect();
            let _ = writeln!(s, ".RS\n.PP\n.nf\n{}\n.fi\n.RE", lines.join("\n"));
        }
        for sub in cmd.get_subcommands().filter(|c| !c.is_hide_set()) {
            one(s, &name, sub);
        }
    }
    for sub in cmd
        .get_subcommands()
        .filter(|c| !c.is_hide_set() && c.get_name() != "help")
    {
        one(s, "kindly", sub);
    }
}

/// The screen's keys, as its help shows them, mode by mode.
fn keys(s: &mut String) {
    s.push_str(
        ".SH KEYS\nWith no command, kindly opens its screen. \\fB?\\fR shows the keys of the \
         pane in use; here are all of them. Keys can be rebound in the \\fB[keys]\\fR table of \
         the config file.\n",
    );
    let mut seen: Vec<Mode> = Vec::new();
    for b in BINDINGS {
        if !seen.contains(&b.mode) {
            seen.push(b.mode);
        }
    }
    for mode in seen {
        let _ = writeln!(s, ".SS {}", esc(mode.title()));
        for b in BINDINGS.iter().filter(|b| b.mode == mode) {
            let _ = writeln!(s, ".TP 14\n\\fB{}\\fR\n{}", esc(b.label), esc(b.help));
        }
    }
    s.push_str(".SS Writing text\n");
    for (keys, what) in EDITOR_KEYS {
        let _ = writeln!(s, ".TP 14\n\\fB{}\\fR\n{}", esc(keys), esc(what));
    }
    let _ = writeln!(s, ".PP\n{}", esc(MOUSE_COPY));
}

const FIXED: &str = r#".SH FILES
.TP
\fI~/.local/share/kindly/kindly.db\fR
The journal (the platform data folder elsewhere): one SQLite file, created readable only by you (0600) in a folder only you can enter (0700). Its write\-ahead log sits beside it.
.TP
\fI~/.config/kindly/config.toml\fR
The settings (the platform config folder elsewhere). A missing file means the defaults.
.TP
\fIkindly\-kept\-aside/\fR
Beside the journal: a draft kindly couldn't read, kept word for word.
.SH ENVIRONMENT
.TP
\fBKINDLY_DB\fR
The journal file, when \fB\-\-db\fR isn't given.
.TP
\fBKINDLY_CONFIG\fR
The config file, when \fB\-\-config\fR isn't given.
.TP
\fBVISUAL\fR, \fBEDITOR\fR
Your own editor, for \fB\-\-edit\fR and Ctrl\-G (VISUAL first). The text goes to a file only you can read, in a private folder, removed once the editor closes; an editor that ends with an error leaves your words as they were.
.TP
\fBNO_COLOR\fR
Set to anything: no colour at all. Structure stays clear through bold, reverse video and symbols; the calendar shades each day by its mood.
.PP
A passphrase is never read from the environment or the command line: from the terminal, or from \fB\-\-passphrase\-file\fR.
.SH CONFIGURATION
The config file is TOML; every key is optional, and an unknown key is refused with its line.
.TP
\fBsupport_contact\fR
Someone you can reach (a therapist, a friend, a line); shown in help and when it matters.
.TP
\fBcrisis_words\fR
Your own words, added to the built\-in ones, that bring the support line when written.
.TP
\fBemotions\fR, \fBrituals\fR, \fBdistortions\fR
Added to the built\-in lists (your own thinking\-trap labels as \fIname: explanation\fR).
.TP
\fBletter_prompts\fR
Starting points for letters, after the built\-in ones.
.TP
\fBweek_start\fR
\fBmonday\fR (the default) or \fBsunday\fR.
.TP
\fBtheme\fR, \fB[themes.NAME]\fR
\fBdefault\fR, \fBlight\fR, \fBhigh\-contrast\fR, or your own colours by role.
.TP
\fBmouse\fR
\fBfalse\fR leaves the mouse to your terminal.
.TP
\fB[keys]\fR
Rebind any action by its name, e.g. \fBsave = ["ctrl\-s", "f2"]\fR.
.TP
\fBname\fR
Your name on the report's title; nothing else names you.
.TP
\fBlook_back\fR
\fBfalse\fR: no "a year ago today" line.
.TP
\fBsync_dir\fR, \fBdevice_name\fR
The folder that carries your journal between computers, and this computer's name in it.
.TP
\fBbackup_dir\fR, \fBbackups_kept\fR
Where the daily backups go (default \fBbackups/\fR beside the journal; never inside the sync folder), and how many are kept, e.g. \fB{ daily = 7, weekly = 4, monthly = 12 }\fR (the default).
.SH EXIT STATUS
.TP
0
Done.
.TP
1
Something else went wrong; one line on standard error says what.
.TP
2
Bad usage or a value kindly can't take; nothing was written.
.SH WHEN THINGS ARE HARD
kindly is a journal, not a clinic, and makes no diagnosis. If you are in crisis or thinking about harming yourself, please contact a professional or your local emergency number now. Name someone you can reach as \fBsupport_contact\fR and kindly shows them in help, and at once when what you write speaks of self\-harm.
.SH SEE ALSO
\fBkindly \-\-help\fR, and \fBkindly\fR \fICOMMAND\fR \fB\-\-help\fR for any command. The README that comes with kindly, and its full guide (docs/guide.md), have screens and more.
"#;
