//! What one exchange did, and the line that says so.

/// What one exchange did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exchanged {
    /// Records written to the folder, and in how many files.
    pub sent: usize,
    pub files_written: usize,
    /// Records from other devices that changed this journal.
    pub received: usize,
    /// Fields changed on two computers since they last agreed (merged, or both kept).
    pub both_changed: usize,
    /// Texts that overlapped another computer's and are kept as a copy in the trash.
    pub kept: usize,
    /// Files not whole yet (still being copied), left for the next exchange.
    pub unfinished: usize,
    /// Files that stayed the same and still can't be opened: damaged on the way.
    pub damaged: usize,
    /// Files not signed by a computer holding the sync passphrase: never applied.
    pub foreign: usize,
    /// Versions refused: dated far in the future, or with a clock far ahead of now.
    pub refused: usize,
    /// Files from a newer kindly, left for it.
    pub newer: usize,
    /// Records written again for a computer that lacked them.
    pub healed: usize,
    /// The folder can't be written here (read-only, full): what this journal changed waits.
    pub unwritable: Option<String>,
    /// Said once: this journal was copied or restored and now writes as a new computer.
    pub notice: Option<String>,
}

impl Exchanged {
    /// The quiet line the screen shows after an exchange, if there is something to say.
    pub fn screen_line(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(notice) = &self.notice {
            parts.push(notice.clone());
        }
        if self.received > 0 {
            parts.push(format!(
                "From your other computers: {}.",
                records(self.received)
            ));
        }
        if self.kept > 0 {
            parts.push(format!(
                "{} changed on two computers in different ways; both versions are kept (the other is in the trash).",
                number(self.kept, "text was", "texts were")
            ));
        }
        if self.foreign > 0 {
            parts.push(format!(
                "{} in the sync folder {} from a computer of yours; left alone.",
                number(self.foreign, "file", "files"),
                if self.foreign == 1 { "isn't" } else { "aren't" }
            ));
        }
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    /// The one line `kindly sync` prints.
    pub fn line(&self) -> String {
        let mut line = String::new();
        if let Some(notice) = &self.notice {
            line.push_str(notice);
            line.push(' ');
        }
        line.push_str(&format!(
            "Sent {}, received {}.",
            records(self.sent),
            records(self.received)
        ));
        if self.healed > 0 {
            line.push_str(&format!(
                " Sent {} again for a computer that was missing {}.",
                records(self.healed),
                if self.healed == 1 { "it" } else { "them" }
            ));
        }
        if self.kept > 0 {
            line.push_str(&format!(
                " {} changed on two computers in different ways; both versions are kept (the other is in the trash, t shows it).",
                number(self.kept, "text was", "texts were")
            ));
        } else if self.both_changed > 0 {
            line.push_str(&format!(
                " {} changed on two computers; both changes are in.",
                number(self.both_changed, "field was", "fields were")
            ));
        }
        if self.unfinished > 0 {
            line.push_str(&format!(
                " {} still being copied into the folder, left for next time.",
                number(self.unfinished, "file is", "files are")
            ));
        }
        if self.damaged > 0 {
            line.push_str(&format!(
                " {} in the folder can't be opened (damaged on the way); {} records come back from a computer that has them.",
                number(self.damaged, "file", "files"),
                if self.damaged == 1 { "its" } else { "their" }
            ));
        }
        if self.foreign > 0 {
            line.push_str(&format!(
                " {} in the folder {} from a computer of yours (not signed with your sync passphrase); {} left alone.",
                number(self.foreign, "file", "files"),
                if self.foreign == 1 { "isn't" } else { "aren't" },
                if self.foreign == 1 { "it was" } else { "they were" }
            ));
        }
        if self.refused > 0 {
            line.push_str(&format!(
                " {} left out: dated more than a day ahead of now (is a computer's clock wrong?).",
                number(self.refused, "record was", "records were")
            ));
        }
        if self.newer > 0 {
            line.push_str(&format!(
                " {} from a newer kindly left for it; update kindly here to read {}.",
                number(self.newer, "file", "files"),
                if self.newer == 1 { "it" } else { "them" }
            ));
        }
        if let Some(why) = &self.unwritable {
            line.push_str(&format!(
                " The folder can't be written here just now ({why}); your changes wait here for the next exchange."
            ));
        }
        line
    }
}

pub(super) fn number(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn records(n: usize) -> String {
    number(n, "record", "records")
}
