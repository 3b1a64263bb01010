//! Autosave: notices when unsaved work changed, writes every pane's drafts when due, and
//! clears only the draft slots this window wrote or took up.

use crate::private_file;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::store::Store;
use crate::tui::pane::DraftOut;

/// Typed text is written to the draft this long after the first unsaved change.
pub const AUTOSAVE_AFTER: Duration = Duration::from_secs(1);

#[derive(Debug, Default)]
pub struct Autosave {
    /// When the work first changed since it was last saved or autosaved.
    dirty_since: Option<Instant>,
    /// Draft slots this window has written or taken up, and so may clear: another kindly
    /// open on the same journal may be keeping one in a slot this window never touched.
    held: HashSet<&'static str>,
}

impl Autosave {
    /// Takes up slots found holding drafts at start.
    pub fn hold(&mut self, slots: impl IntoIterator<Item = &'static str>) {
        self.held.extend(slots);
    }

    pub fn note_change(&mut self) {
        self.dirty_since.get_or_insert_with(Instant::now);
    }

    /// When the next autosave is due, if anything is waiting to be saved.
    pub fn due(&self) -> Option<Instant> {
        self.dirty_since.map(|t| t + AUTOSAVE_AFTER)
    }

    /// Whether anything changed since the last save, forgetting it.
    pub fn take_dirty(&mut self) -> bool {
        self.dirty_since.take().is_some()
    }

    /// Writes each draft, or clears its slot when the pane is empty again (only a slot
    /// this window holds).
    pub fn keep(&mut self, store: &mut Store, drafts: &[DraftOut]) -> crate::store::Result<()> {
        self.dirty_since = None;
        for d in drafts {
            if !d.blank {
                store.save_draft(d.slot, d.value()?)?;
                self.held.insert(d.slot);
            } else if self.held.remove(d.slot) {
                store.clear_draft(d.slot)?;
            }
        }
        Ok(())
    }
}

/// How hard a kept-aside draft of an encrypted journal is to guess open (scrypt's log N):
/// it sits on the person's own disk beside the journal, as costly to guess at as the
/// journal's own key (about a quarter of a second), and quick enough to write at quit.
const KEPT_ASIDE_WORK: u8 = 16;

/// Keeps a draft's words in a private text file beside the journal, when the journal
/// can't hold them (a draft from another version, a journal that can't be written): the
/// words first, then the draft as it was saved. The draft of an encrypted journal (`key`)
/// is never written plain: it is age-encrypted with the key the journal was opened with
/// (`Store::key`: the passphrase of a journal from before key files, which `age -d
/// FILE.txt.age` takes; for one with a key file, its own key, `x'…'`). Returns where they are.
pub fn keep_aside(
    journal: Option<&Path>,
    key: Option<&str>,
    slot: &str,
    raw: &str,
) -> Option<PathBuf> {
    let dir = journal?
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("kindly-kept-aside");
    private_file::folder(&dir).ok()?;
    let stamp = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
    let ending = if key.is_some() { "txt.age" } else { "txt" };
    let path = dir.join(format!("{slot}-{stamp}-{}.{ending}", std::process::id()));
    let mut words = Vec::new();
    match serde_json::from_str::<serde_json::Value>(raw) {
        Ok(value) => strings(&value, &mut words),
        Err(_) => words.push(raw.to_string()),
    }
    let text = format!(
        "{}\n\n---\nAs kindly saved it:\n{raw}\n",
        words
            .iter()
            .filter(|w| !w.trim().is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
    let mut file = private_file::open(&path, private_file::Open::New).ok()?;
    let bytes = match key {
        Some(key) => {
            let mut lock = age::scrypt::Recipient::new(key.to_string().into());
            lock.set_work_factor(KEPT_ASIDE_WORK);
            age::encrypt(&lock, text.as_bytes()).ok()
        }
        None => Some(text.into_bytes()),
    };
    let Some(bytes) = bytes else {
        let _ = std::fs::remove_file(&path);
        return None;
    };
    file.write_all(&bytes).ok()?;
    file.sync_all().ok()?;
    Some(path)
}

/// Every piece of text in a JSON value, in order.
fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_aside_words_are_private_and_whole() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("k.db");
        let raw = r#"{"title":"For later","body":"Every word\nof this","kind":7}"#;
        let path = keep_aside(Some(&journal), None, "entry", raw).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("For later") && text.contains("Every word\nof this"));
        assert!(text.contains(raw), "the draft as saved is kept too");
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let folder = std::fs::metadata(path.parent().unwrap())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(folder & 0o777, 0o700);
    }

    #[test]
    fn kept_aside_words_of_an_encrypted_journal_are_never_plain() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("k.db");
        let raw = r#"{"title":"Marigold","body":"a private marigold","kind":7}"#;
        let path = keep_aside(Some(&journal), Some("pass phrase"), "entry", raw).unwrap();
        assert!(path.to_string_lossy().ends_with(".txt.age"));
        let bytes = std::fs::read(&path).unwrap();
        assert!(
            !bytes
                .windows(8)
                .any(|w| w == b"marigold" || w == b"Marigold")
        );
        let mut unlock = age::scrypt::Identity::new("pass phrase".to_string().into());
        unlock.set_max_work_factor(20);
        let opened = age::decrypt(&unlock, &bytes).unwrap();
        assert!(
            String::from_utf8(opened)
                .unwrap()
                .contains("a private marigold")
        );
    }
}
