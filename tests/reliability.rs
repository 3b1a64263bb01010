//! Nothing lost: process death, two writers, damaged files, a full disk, Unicode, and any
//! keys at any size.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

mod common;
use common::{checkin_pane, critic_pane, kindly_process as kindly};
use kindly::domain::Scale;
use kindly::store::Store;

fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

fn daylio_rows(n: usize) -> String {
    let mut csv = String::from("full_date,date,weekday,time,mood,activities,note\n");
    for i in 0..n {
        csv.push_str(&format!(
            "2020-01-{:02},a,b,{:02}:{:02},good,walk,row {i}\n",
            1 + i % 28,
            i % 24,
            i % 60
        ));
    }
    csv
}

#[test]
fn killing_writers_at_random_moments_loses_no_acknowledged_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let csv = dir.path().join("big.csv");
    std::fs::write(&csv, daylio_rows(3000)).unwrap();
    kindly(&db)
        .args(["checkin", "--mood", "5"])
        .output()
        .unwrap();
    let mut acknowledged = Vec::new();
    let mut imports_finished = 0;
    // A fixed seed: the "random" moments are the same on every run.
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    for round in 0..30 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = if round % 3 == 0 {
            kindly(&db)
                .arg("import")
                .arg(&csv)
                .args(["--from", "daylio"])
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        } else {
            kindly(&db)
                .args([
                    "checkin",
                    "--mood",
                    &format!("{}", 1 + round % 10),
                    "--note",
                    &format!("round {round}"),
                ])
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        };
        // The wait is the random moment of death itself, not a stand-in for synchronisation.
        std::thread::sleep(Duration::from_micros(seed % 40_000));
        let _ = child.kill();
        let status = child.wait().unwrap();
        let mut out = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        if status.success() {
            if round % 3 == 0 {
                imports_finished += 1;
            } else {
                acknowledged.push(out.trim().to_string());
            }
        }
    }
    assert_eq!(integrity(&db), "ok");
    let store = Store::open(&db).unwrap();
    let ids: std::collections::HashSet<String> = store
        .checkins_between(None, None)
        .unwrap()
        .iter()
        .map(|c| c.id.to_string())
        .collect();
    for id in &acknowledged {
        assert!(ids.contains(id), "acknowledged check-in {id} is missing");
    }
    let imported = store
        .checkins_between(None, None)
        .unwrap()
        .iter()
        .filter(|c| c.note.as_deref().is_some_and(|n| n.starts_with("row ")))
        .count();
    assert!(
        imported == 0 || imported == 3000,
        "an import is all or nothing, found {imported} rows"
    );
    if imports_finished > 0 {
        assert_eq!(imported, 3000);
    }
}

#[test]
fn two_processes_writing_at_once_both_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args(["checkin", "--mood", "5"])
        .output()
        .unwrap();
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let db = db.clone();
            std::thread::spawn(move || {
                let mut ids = Vec::new();
                for i in 0..250 {
                    let out = kindly(&db)
                        .args([
                            "checkin",
                            "--mood",
                            "6",
                            "--note",
                            &format!("writer {w} number {i}"),
                        ])
                        .output()
                        .unwrap();
                    let err = String::from_utf8_lossy(&out.stderr).to_string();
                    assert!(out.status.success(), "writer {w} failed: {err}");
                    assert!(!err.contains("locked"), "{err}");
                    ids.push(String::from_utf8(out.stdout).unwrap().trim().to_string());
                }
                ids
            })
        })
        .collect();
    let ids: Vec<String> = writers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    assert_eq!(ids.len(), 500);
    let stored: std::collections::HashSet<String> = Store::open(&db)
        .unwrap()
        .checkins_between(None, None)
        .unwrap()
        .iter()
        .map(|c| c.id.to_string())
        .collect();
    assert!(ids.iter().all(|id| stored.contains(id)));
    assert_eq!(stored.len(), 501);
}

#[test]
fn a_damaged_journal_is_explained_left_alone_and_not_backed_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args(["demo", "--weeks", "8", "--fill-only"])
        .output()
        .unwrap();
    // Scribble over a page in the middle of the file: the header is fine, the data is not.
    let mut bytes = std::fs::read(&db).unwrap();
    let page = 4096 * 20;
    assert!(
        bytes.len() > page + 4096,
        "the sample journal spans enough pages"
    );
    for b in &mut bytes[page..page + 4096] {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).unwrap();
    let out = kindly(&db).arg("check").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text.contains("is damaged") && text.contains(".recover"),
        "{text}"
    );
    let copy = dir.path().join("copy.db");
    let out = kindly(&db)
        .arg("backup")
        .arg("-o")
        .arg(&copy)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_ne!(
        out.status.code(),
        Some(0),
        "a damaged journal is not backed up"
    );
    assert!(
        err.contains("damaged") || err.contains("malformed"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        bytes,
        "the damaged file is left byte-for-byte alone"
    );
    let healthy = dir.path().join("healthy.db");
    kindly(&healthy)
        .args(["checkin", "--mood", "5"])
        .output()
        .unwrap();
    let out = kindly(&healthy).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("is healthy")
    );
}

#[test]
fn a_full_disk_during_an_import_writes_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args(["checkin", "--mood", "5"])
        .output()
        .unwrap();
    let before = std::fs::metadata(&db).unwrap().len()
        + std::fs::metadata(db.with_extension("db-wal")).map_or(0, |m| m.len());
    let csv = dir.path().join("big.csv");
    std::fs::write(&csv, daylio_rows(20_000)).unwrap();
    // Files may not grow past a little more than they are: the disk is "full".
    let limit = before + 64 * 1024;
    let mut cmd = kindly(&db);
    cmd.arg("import").arg(&csv).args(["--from", "daylio"]);
    unsafe {
        cmd.pre_exec(move || {
            let lim = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains("disk looks full"),
        "named for what it is: {err}"
    );
    assert!(!err.contains("damaged"), "a full disk is not damage: {err}");
    assert_eq!(integrity(&db), "ok");
    let count = Store::open(&db)
        .unwrap()
        .checkins_between(None, None)
        .unwrap()
        .len();
    assert_eq!(count, 1, "nothing from the failed import was kept");
    let check = kindly(&db).arg("check").output().unwrap();
    assert!(
        String::from_utf8_lossy(&check.stdout).contains("is healthy"),
        "check finds nothing to recover"
    );
}

#[test]
fn a_file_size_limit_gets_the_calm_line_not_a_signal_death() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args(["checkin", "--mood", "5"])
        .output()
        .unwrap();
    let before = std::fs::metadata(&db).unwrap().len();
    let long = dir.path().join("long.txt");
    std::fs::write(&long, "a long note ".repeat(40_000)).unwrap();
    let mut cmd = kindly(&db);
    cmd.args(["checkin", "--mood", "6", "--note", "-"])
        .stdin(std::fs::File::open(&long).unwrap());
    // SIGXFSZ left at its default, which would kill the process: kindly catches it.
    let out = common::with_file_limit(&mut cmd, before + 4096);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "exited, not killed: {err}");
    assert!(err.contains("disk looks full"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(integrity(&db), "ok");
}

#[test]
fn unicode_of_every_kind_round_trips_byte_exact() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let texts = [
        "中文字符と日本語の文章、한국어",
        "👩🏽‍🚀 family 👨‍👩‍👧‍👦 flag 🏳️‍🌈 skin 👍🏿",
        "e\u{301} combining, a\u{308}, Z\u{335}\u{321}a\u{336}l\u{337}g\u{338}o",
        "עברית וערבית: مرحبا بالعالم",
        "zero\u{200d}width\u{200b}joiners\u{feff}",
    ];
    for (i, text) in texts.iter().enumerate() {
        let out = kindly(&db)
            .args([
                "checkin",
                "--mood",
                "5",
                "--emotions",
                text,
                "--note",
                text,
                "--at",
                &format!("2026-01-0{} 10:00", i + 1),
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        kindly(&db)
            .args([
                "thought",
                "--thought",
                text,
                "--voice",
                text,
                "--reframe",
                text,
                "--at",
                &format!("2026-01-0{} 11:00", i + 1),
            ])
            .output()
            .unwrap();
    }
    let out = kindly(&db).args(["export"]).output().unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for (i, text) in texts.iter().enumerate() {
        let trimmed = text.trim_end();
        assert_eq!(doc["checkins"][i]["note"], trimmed, "note {i}");
        // A comma separates emotions, so the first one is the text up to its first comma.
        assert_eq!(
            doc["checkins"][i]["emotions"][0],
            text.split(',').next().unwrap().trim(),
            "emotion {i}"
        );
        assert_eq!(doc["thoughts"][i]["thought"], trimmed, "thought {i}");
        assert_eq!(doc["thoughts"][i]["voice"], trimmed, "voice {i}");
    }
    // Drawn, every row keeps its frame: the right edge stays in the last column.
    let store = Store::open(&db).unwrap();
    let now = chrono::DateTime::parse_from_rfc3339("2026-01-03T12:00:00+00:00").unwrap();
    let app = kindly::tui::App::new(
        store,
        kindly::config::Config::default(),
        kindly::tui::theme::Theme::monochrome(),
        Box::new(move || now),
    )
    .unwrap();
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| app.draw(f)).unwrap();
    let buf = terminal.backend().buffer();
    for y in 2..21 {
        assert_eq!(buf[(79, y)].symbol(), "│", "row {y} lost its right edge");
    }
    assert_eq!(kindly::domain::Mood::new(5).unwrap().get(), 5);
}

mod any_keys {
    use super::*;
    use proptest::prelude::*;
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

    fn event() -> impl Strategy<Value = Event> {
        let keys = prop_oneof![
            any::<char>()
                .prop_filter("printable", |c| !c.is_control())
                .prop_map(KeyCode::Char),
            Just(KeyCode::Enter),
            Just(KeyCode::Esc),
            Just(KeyCode::Tab),
            Just(KeyCode::BackTab),
            Just(KeyCode::Up),
            Just(KeyCode::Down),
            Just(KeyCode::Left),
            Just(KeyCode::Right),
            Just(KeyCode::Backspace),
            Just(KeyCode::Delete),
            prop::sample::select(vec![
                'j', 'k', 'h', 'l', ' ', 'n', 'q', '?', '/', 'b', 'd', 'u', 't', '1', '3', '0',
                '+', '-', '[', ']'
            ])
            .prop_map(KeyCode::Char),
        ];
        prop_oneof![
            8 => (keys, prop::bool::weighted(0.1)).prop_map(|(code, ctrl)| {
                let m = if ctrl { KeyModifiers::CONTROL } else { KeyModifiers::NONE };
                Event::Key(KeyEvent::new(code, m))
            }),
            1 => (0u16..300, 0u16..100).prop_map(|(w, h)| Event::Resize(w, h)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]
        #[test]
        fn any_keys_at_any_size_never_panic_and_saved_records_are_valid(events in prop::collection::vec(event(), 1..120)) {
            let mut store = Store::open_in_memory().unwrap();
            store.save_journal(&kindly::demo::journal(2, chrono::DateTime::parse_from_rfc3339("2026-11-29T10:00:00+00:00").unwrap(), &kindly::config::Config::default())).unwrap();
            let now = chrono::DateTime::parse_from_rfc3339("2026-11-29T10:30:00+00:00").unwrap();
            let mut app = kindly::tui::App::new(store, kindly::config::Config::default(), kindly::tui::theme::Theme::calm(), Box::new(move || now)).unwrap();
            let (mut w, mut h) = (80u16, 24u16);
            for ev in &events {
                if let Event::Resize(nw, nh) = ev {
                    w = *nw;
                    h = *nh;
                }
                app.handle_event(ev);
                if app.should_quit {
                    break;
                }
                let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
                terminal.draw(|f| app.draw(f)).unwrap();
            }
            // Whatever was saved reads back as valid records.
            prop_assert!(app.store().checkins_between(None, None).is_ok());
            prop_assert!(app.store().thoughts_between(None, None).is_ok());
            prop_assert!(app.store().entries_between(None, None).is_ok());
            // Whatever is unsaved can always be written to its draft.
            prop_assert!(app.keep_drafts().is_ok());
        }
    }
}

#[test]
fn the_tui_shows_what_another_kindly_wrote_when_the_view_is_next_opened() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-29T10:30:00+00:00").unwrap();
    let mut app = kindly::tui::App::new(
        Store::open(&db).unwrap(),
        kindly::config::Config::default(),
        kindly::tui::theme::Theme::monochrome(),
        Box::new(move || now),
    )
    .unwrap();
    assert!(checkin_pane(&app).list.rows.is_empty());
    let mut other = Store::open(&db).unwrap();
    let c = kindly::domain::CheckIn::new(
        chrono::DateTime::parse_from_rfc3339("2026-11-29T09:00:00+00:00").unwrap(),
        kindly::domain::Mood::new(7).unwrap(),
    );
    other.save_checkin(&c, None).unwrap();
    let mut t = kindly::domain::Thought::new(c.at, "written elsewhere").unwrap();
    t.voice = Some("the critic".into());
    other.save_thought(&t, None).unwrap();
    let tab = KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE);
    app.handle_key(&tab);
    assert_eq!(
        critic_pane(&app).list.rows.len(),
        1,
        "the Critic list reads the journal when opened"
    );
    for _ in 0..3 {
        app.handle_key(&tab);
    }
    assert_eq!(
        checkin_pane(&app).list.rows.len(),
        1,
        "back on Check-in, today's list has the new row"
    );
    assert_eq!(checkin_pane(&app).list.rows[0].id, c.id);
}

#[test]
fn two_windows_never_clear_each_others_drafts() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-29T10:30:00+00:00").unwrap();
    let open = || {
        kindly::tui::App::new(
            Store::open(&db).unwrap(),
            kindly::config::Config::default(),
            kindly::tui::theme::Theme::monochrome(),
            Box::new(move || now),
        )
        .unwrap()
    };
    let key = |c: KeyCode| KeyEvent::new(c, KeyModifiers::NONE);
    let mut a = open();
    let mut b = open();
    // Window A starts a letter, and it is autosaved.
    for k in [
        KeyCode::Tab,
        KeyCode::Tab,
        KeyCode::Char('l'),
        KeyCode::Enter,
    ] {
        a.handle_key(&key(k));
    }
    for c in "half a letter".chars() {
        a.handle_key(&key(KeyCode::Char(c)));
    }
    assert!(!a.autosave());
    // Window B checks in; its own autosave has nothing of its own to keep.
    b.handle_key(&key(KeyCode::Char('6')));
    b.handle_key(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert!(!b.autosave());
    b.keep_drafts().unwrap();
    let store = Store::open(&db).unwrap();
    let draft: Option<kindly::tui::panes::journal::Draft> = store.load_draft("entry").unwrap();
    assert_eq!(draft.map(|d| d.body), Some("half a letter".to_string()));
}

#[test]
fn a_truncated_journal_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args(["demo", "--weeks", "8", "--fill-only"])
        .output()
        .unwrap();
    let full = std::fs::read(&db).unwrap();
    let cut = &full[..full.len() / 2];
    std::fs::write(&db, cut).unwrap();
    for args in [&["export"][..], &["checkin", "--mood", "5"][..]] {
        let out = kindly(&db).args(args).output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("looks damaged") && err.contains("kindly check"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    // A prompt line stays calm and never fails a shell's start.
    let out = kindly(&db).arg("status").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("couldn't be read"));
    assert_eq!(
        std::fs::read(&db).unwrap(),
        cut,
        "the file is byte-for-byte unchanged"
    );
}
