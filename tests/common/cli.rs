//! Running the real binary: one way to start it on a journal (never the developer's own
//! config or `KINDLY_DB`), and one way to build a journal file to run it on.

use std::path::{Path, PathBuf};

use kindly::domain::*;
use kindly::store::Store;

pub const KINDLY: &str = env!("CARGO_BIN_EXE_kindly");

/// The binary on `db`, as a plain process (for killing, signals and pseudo-terminals).
pub fn kindly_process(db: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(KINDLY);
    cmd.arg("--db").arg(db);
    // Never read the developer's own config or journal.
    cmd.env("KINDLY_CONFIG", db.with_extension("no-config.toml"));
    cmd.env_remove("KINDLY_DB");
    // Nor the developer's editor: a test that wants one names it.
    cmd.env_remove("VISUAL").env_remove("EDITOR");
    cmd
}

/// The binary on `db`, with assert_cmd's conveniences (stdin, output, assertions).
pub fn kindly(db: &Path) -> assert_cmd::Command {
    assert_cmd::Command::from_std(kindly_process(db))
}

/// Runs the binary with `args` on `db`; (exit code, stdout, stderr).
pub fn run(db: &Path, args: &[&str]) -> (i32, String, String) {
    let out = kindly(db).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The journal's JSON export, exactly as written.
pub fn export_bytes(db: &Path) -> Vec<u8> {
    let out = kindly(db)
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The journal's JSON export, parsed.
pub fn export(db: &Path) -> serde_json::Value {
    serde_json::from_slice(&export_bytes(db)).unwrap()
}

/// A journal file in a folder of its own, filled with whatever a test needs.
pub struct TestJournal {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Default for TestJournal {
    fn default() -> Self {
        Self::new()
    }
}

impl TestJournal {
    /// A folder with room for a journal; the file itself is made by the first save.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("k.db");
        Self { dir, db }
    }

    pub fn store(&self) -> Store {
        Store::open(&self.db).unwrap()
    }

    pub fn with_checkins(self, checkins: &[CheckIn]) -> Self {
        let mut store = self.store();
        for c in checkins {
            store.save_checkin(c, None).unwrap();
        }
        self
    }

    pub fn with_thoughts(self, thoughts: &[Thought]) -> Self {
        let mut store = self.store();
        for t in thoughts {
            store.save_thought(t, None).unwrap();
        }
        self
    }

    pub fn with_journal(self, journal: &Journal) -> Self {
        save_journal(&self.db, journal);
        self
    }

    pub fn with_entries(self, entries: &[Entry]) -> Self {
        let mut store = self.store();
        for e in entries {
            store.save_entry(e, None).unwrap();
        }
        self
    }

    /// A file of its own in the journal's folder, holding `bytes`.
    pub fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    pub fn kindly(&self) -> assert_cmd::Command {
        kindly(&self.db)
    }

    pub fn export(&self) -> serde_json::Value {
        export(&self.db)
    }
}

/// Runs a command that must be refused: exit 2, one line on stderr naming `needle`,
/// and no database file created.
pub fn refused(args: &[&str], needle: &str) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let out = kindly(&db).args(args).write_stdin("").output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "{args:?}: one line, got: {err}");
    assert!(
        err.contains(needle),
        "{args:?}: expected '{needle}' in: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(!db.exists(), "{args:?}: nothing may be written");
}

/// Saves a whole journal into the file at `path` (made if need be), in one transaction.
pub fn save_journal(path: &Path, journal: &Journal) {
    Store::open(path).unwrap().save_journal(journal).unwrap();
}

fn at(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(s).unwrap()
}

/// One of every kind of record, with every field used and awkward text in each: quotes,
/// newlines, tabs, emoji, accents and other scripts.
pub fn every_kind_of_record() -> Journal {
    let awkward = "She said \"it's fine\", then left;\nI cried a bit 😢 — and that's okay.\n\ttabbed, café, 日本語";
    let mut c = CheckIn::new(at("2026-11-20T07:45:00+09:00"), Mood::new(3).unwrap());
    c.energy = Some(Energy::new(2).unwrap());
    c.emotions = parse_label_list("emotions", "sad,tired,something new").unwrap();
    c.rituals = parse_label_list("rituals", "rest,reached out").unwrap();
    c.kindness = Some(PartRating::new(2).unwrap());
    c.humanity = Some(PartRating::new(3).unwrap());
    c.mindfulness = Some(PartRating::new(4).unwrap());
    c.set_note(&awkward.repeat(20));
    let bare = CheckIn::new(at("2026-11-21T12:00:00-05:00"), Mood::new(10).unwrap());
    let mut t = Thought::new(at("2026-11-22T09:30:00+00:00"), "I'm \"hopeless\", always").unwrap();
    t.situation = Some(awkward.into());
    t.voice = Some("Mum".into());
    t.emotions = vec![FeltEmotion {
        name: Label::new("e", "ashamed").unwrap(),
        intensity: Percent::new(90).ok(),
        intensity_after: Percent::new(0).ok(),
    }];
    t.belief = Percent::new(100).ok();
    t.belief_after = Percent::new(0).ok();
    t.distortions = Traps::default()
        .parse_list("labelling,overgeneralisation")
        .unwrap();
    t.friend = Some("You're not hopeless.\nYou're tired.".into());
    t.reframe = Some(awkward.into());
    let mut e = Entry::new(
        at("2026-11-23T22:10:00+01:00"),
        EntryKind::Letter,
        &awkward.repeat(100),
    )
    .unwrap();
    e.title = Some("For \"later\"".into());
    e.tags = parse_label_list("tags", "winter,🌙").unwrap();
    let plain = Entry::new(at("2026-11-24T08:00:00+00:00"), EntryKind::Journal, "short").unwrap();
    let mut b = Break::new(at("2026-11-25T18:00:00+00:00"), Mood::new(2).unwrap());
    b.mood_after = Some(Mood::new(4).unwrap());
    b.moment = Some("This hurts.".into());
    b.shared = Some(awkward.into());
    b.wish = Some("May I rest.".into());
    let half = Break::new(at("2026-11-26T18:00:00+00:00"), Mood::new(5).unwrap());
    let mut talked = SessionMark::on(
        MarkedKind::Thought,
        t.id,
        Some("ask where \"always\" comes from"),
        at("2026-11-22T10:00:00+00:00"),
    );
    talked.done_at = Some(at("2026-11-27T16:00:00+00:00"));
    let alone = SessionMark::alone(awkward, at("2026-11-26T19:00:00+00:00")).unwrap();
    let (measures, days) = own_measures(&mut c);
    Journal {
        checkins: vec![c, bare],
        thoughts: vec![t],
        entries: vec![e, plain],
        breaks: vec![b, half],
        session: vec![talked, alone],
        measures,
        days,
    }
}

/// A measure of each kind, hidden and renamed ones too, with values on `c` and its day.
fn own_measures(c: &mut CheckIn) -> (Vec<Measure>, Vec<DayReading>) {
    let mut sleep = Measure::new("sleep", MeasureKind::Number);
    sleep.unit = Some("hours".into());
    sleep.decimals = 1;
    sleep.max = Some(24);
    sleep.per = Per::Day;
    let meds = Measure::new("meds", MeasureKind::YesNo);
    let mut pain = Measure::new("pain \"today\" 😣", MeasureKind::Scale);
    pain.min = Some(1);
    pain.max = Some(5);
    let mut cups = Measure::new("café cups", MeasureKind::Count);
    cups.unit = Some("cups".into());
    cups.hidden = true;
    let value = |m: &Measure, v: f64| Reading {
        measure: m.id,
        value: Amount::new(v).unwrap(),
    };
    c.measures = vec![value(&meds, 1.0), value(&pain, 4.0), value(&cups, 3.0)];
    let night = DayReading {
        day: c.day(),
        reading: value(&sleep, 6.5),
        at: c.at,
    };
    (vec![sleep, meds, pain, cups], vec![night])
}

/// Every file under `dir` whose bytes hold `needle`.
pub fn files_holding(dir: &Path, needle: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if std::fs::read(&path)
                .is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes()))
            {
                found.push(path);
            }
        }
    }
    found
}

/// Runs `cmd` with files limited to `limit` bytes: a disk that is full.
pub fn with_file_limit(cmd: &mut std::process::Command, limit: u64) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    unsafe {
        cmd.pre_exec(move || {
            let lim = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().unwrap()
}

/// Runs the binary with `args` on `db` and expects it to succeed; its standard output.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(db, args);
    assert_eq!(code, 0, "{args:?}: {out}{err}");
    out
}

/// Two computers, one sync folder: the first made it, the second joined.
pub struct Two {
    pub a: TestJournal,
    pub b: TestJournal,
    pub folder: PathBuf,
    pub pass: PathBuf,
    pub dir: tempfile::TempDir,
}

/// A fresh folder made by one new journal and joined by another.
pub fn two() -> Two {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Sync").join("kindly");
    let pass = dir.path().join("pass");
    std::fs::write(&pass, "a long sync passphrase\n").unwrap();
    let a = TestJournal::new();
    let b = TestJournal::new();
    let (p, f) = (pass.to_str().unwrap(), folder.to_str().unwrap());
    assert!(
        ok(&a.db, &["sync", "init", f, "--sync-passphrase-file", p])
            .contains("is now this journal's sync folder")
    );
    assert!(ok(&b.db, &["sync", "join", f, "--sync-passphrase-file", p]).starts_with("Joined "));
    Two {
        a,
        b,
        folder,
        pass,
        dir,
    }
}
