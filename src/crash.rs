//! When kindly itself goes wrong: a one-line apology on screen, and a note for the
//! developers in a private log file that never holds journal text.

use std::io::Write;
use std::path::PathBuf;

/// Where crash notes go: the platform state folder (`~/.local/state/kindly/crash.log`).
pub fn log_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "kindly")?;
    let dir = dirs.state_dir().unwrap_or(dirs.data_local_dir());
    Some(dir.join("crash.log"))
}

/// Records where a panic happened (file, line, version, time), never its message: a
/// message can quote whatever was being handled, and that may be someone's words.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let Some(path) = log_path() else { return };
        if let Some(dir) = path.parent() {
            let _ = crate::private_file::folder(dir);
        }
        let place = info.location().map_or("an unknown place".to_string(), |l| {
            format!("{}:{}", l.file(), l.line())
        });
        let line = format!(
            "{} kindly {} stopped at {} (thread {})\n",
            chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            env!("CARGO_PKG_VERSION"),
            place,
            std::thread::current().name().unwrap_or("unnamed"),
        );
        if let Ok(mut file) = crate::private_file::open(&path, crate::private_file::Open::Append) {
            let _ = file.write_all(line.as_bytes());
        }
    }));
}

/// The one line shown after a crash.
pub fn apology() -> String {
    let place = log_path().map_or("the state folder".to_string(), |p| p.display().to_string());
    format!(
        "kindly ran into a problem of its own and stopped; anything you were writing is kept as a draft. A note for the developers (with none of your words) is in {place}"
    )
}
