//! Writing in the person's own editor (`$VISUAL`, else `$EDITOR`), as jrnl and git do.
//!
//! The words go to a file only its owner can read (0600), in a folder only its owner can
//! open (0700), made fresh for this one edit and removed with the file afterwards, however
//! the editor ends. An editor that ends without success leaves the words as they were.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The editor the person chose: `$VISUAL`, else `$EDITOR`; none when neither is set.
pub fn chosen() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .map(|value| value.trim().to_string())
        .find(|value| !value.is_empty())
}

/// Why the words came back as they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorError {
    /// Neither `$VISUAL` nor `$EDITOR` is set.
    NotSet,
    /// The editor couldn't start, ended without success, or its file couldn't be read.
    Ended(String),
}

impl std::fmt::Display for EditorError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditorError::NotSet => f.write_str(
                "no editor is set; set VISUAL or EDITOR (for example EDITOR=nano) to write in your own",
            ),
            EditorError::Ended(why) => f.write_str(why),
        }
    }
}

/// Opens `text` in `command` (run by the shell, so `code --wait` works) and returns what
/// the file holds once the editor ends well. The terminal is the editor's meanwhile.
pub fn edit(command: &str, text: &str) -> Result<String, EditorError> {
    if let Some(program) = command.split_whitespace().next()
        && !on_path(program)
    {
        return Err(EditorError::Ended(format!(
            "your editor ({program}) isn't there; check VISUAL or EDITOR"
        )));
    }
    let place = Private::make().map_err(|e| {
        EditorError::Ended(format!(
            "a private place for the file couldn't be made ({e})"
        ))
    })?;
    place.write(text).map_err(|e| {
        EditorError::Ended(format!(
            "the file for your editor couldn't be written ({e})"
        ))
    })?;
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{command} \"$@\""))
        .arg("kindly-editor")
        .arg(&place.file)
        .status()
        .map_err(|e| EditorError::Ended(format!("your editor couldn't start ({e})")))?;
    if !status.success() {
        let how = match status.code() {
            Some(code) => format!("with exit status {code}"),
            None => "before finishing".to_string(),
        };
        return Err(EditorError::Ended(format!(
            "your editor ({command}) ended {how}"
        )));
    }
    if fs::metadata(&place.file).is_ok_and(|m| m.len() > crate::domain::MAX_TEXT as u64) {
        return Err(EditorError::Ended(
            "the text from your editor is over 10 MB, more than kindly keeps in one text; nothing was saved".into(),
        ));
    }
    let written = fs::read_to_string(&place.file).map_err(|e| {
        EditorError::Ended(format!("the file from your editor couldn't be read ({e})"))
    })?;
    Ok(tidy(&written))
}

/// Whether the shell will find `program`: a path to a file, or a name on `$PATH`.
fn on_path(program: &str) -> bool {
    if program.contains('/') {
        return Path::new(program).is_file();
    }
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// What came back, without the carriage returns and the final newline editors add.
fn tidy(written: &str) -> String {
    let text = written.replace("\r\n", "\n");
    text.strip_suffix('\n').unwrap_or(&text).to_string()
}

/// A folder of the owner's own with the one file in it, both gone when dropped.
struct Private {
    folder: PathBuf,
    file: PathBuf,
}

impl Private {
    fn make() -> std::io::Result<Self> {
        let base = std::env::var_os("XDG_RUNTIME_DIR")
            .map(PathBuf::from)
            .filter(|p| p.is_dir())
            .unwrap_or_else(std::env::temp_dir);
        let folder = base.join(format!("kindly-{}", uuid::Uuid::new_v4().simple()));
        fs::DirBuilder::new().mode(0o700).create(&folder)?;
        // The mode is asked for again, whatever the umask took away or let through.
        fs::set_permissions(&folder, std::os::unix::fs::PermissionsExt::from_mode(0o700))?;
        let file = folder.join("kindly.md");
        Ok(Self { folder, file })
    }

    fn write(&self, text: &str) -> std::io::Result<()> {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&self.file)?;
        f.write_all(text.as_bytes())?;
        if !text.is_empty() && !text.ends_with('\n') {
            f.write_all(b"\n")?;
        }
        f.sync_all()
    }

    #[cfg(test)]
    fn folder(&self) -> &Path {
        &self.folder
    }
}

impl Drop for Private {
    fn drop(&mut self) {
        // Editors leave swap and backup files beside the file; all of it goes.
        let _ = fs::remove_dir_all(&self.folder);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_newline_and_carriage_returns_go() {
        assert_eq!(tidy("a walk\r\nrain\n"), "a walk\nrain");
        assert_eq!(tidy("kept\n\n"), "kept\n");
        assert_eq!(tidy(""), "");
    }

    #[test]
    fn the_private_folder_is_the_owners_alone_and_goes_when_done() {
        use std::os::unix::fs::PermissionsExt;
        let place = Private::make().unwrap();
        place.write("words").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(place.folder()), 0o700);
        assert_eq!(mode(&place.file), 0o600);
        assert_eq!(fs::read_to_string(&place.file).unwrap(), "words\n");
        let folder = place.folder().to_path_buf();
        drop(place);
        assert!(!folder.exists());
    }
}
