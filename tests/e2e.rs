//! The real binary in a real pseudo-terminal (tmux): keys in, screen and database out.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

mod common;
use common::tmux::Pane;
use common::{KINDLY, export};
/// The terminal is back in cooked mode: canonical input and echo are on again.
fn assert_cooked(stty: &str) {
    let words: Vec<&str> = stty.split_whitespace().collect();
    assert!(
        words.contains(&"icanon"),
        "icanon is off after exit:\n{stty}"
    );
    assert!(words.contains(&"echo"), "echo is off after exit:\n{stty}");
}

#[test]
fn press_7_save_quit_then_export_shows_mood_7() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let pane = Pane::start("seven", dir.path(), &db, (80, 24));
    pane.wait_for("How are you, right now?");
    pane.keys(&["7"]);
    pane.wait_for("7 good");
    pane.keys(&["C-s"]);
    pane.wait_for("Thank you for checking in");
    pane.keys(&["q"]);
    let (code, stty) = pane.wait_exit();
    assert_eq!(code, "0");
    assert_cooked(&stty);
    let doc = export(&db);
    let checkins = doc["checkins"].as_array().unwrap();
    assert_eq!(checkins.len(), 1);
    assert_eq!(checkins[0]["mood"], 7);
}

#[test]
fn sigterm_keeps_the_note_being_typed_and_offers_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let pane = Pane::start("term", dir.path(), &db, (40, 12));
    pane.wait_for("Mood");
    pane.keys(&["3"]);
    pane.wait_for("3 low");
    for _ in 0..7 {
        pane.keys(&["j"]);
    }
    pane.wait_for("›Note");
    pane.keys(&["Enter"]);
    pane.wait_for("Esc when done");
    pane.text("a hard day, kept safe");
    pane.wait_for("kept safe");

    // The autosave lands within two seconds, while kindly is still running.
    let start = Instant::now();
    loop {
        let conn =
            rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .unwrap();
        let body: Option<String> = conn
            .query_row("SELECT body FROM drafts WHERE slot = 'checkin'", [], |r| {
                r.get(0)
            })
            .ok();
        if body.is_some_and(|b| b.contains("kept safe")) {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "no draft within 2 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    let pid = pane.kindly_pid();
    let sent = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let (_, stty) = pane.wait_exit();
    assert_cooked(&stty);
    drop(pane);

    let again = tempfile::tempdir().unwrap();
    let pane = Pane::start("term-again", again.path(), &db, (80, 24));
    let screen = pane.wait_for("Your unsaved check-in is back");
    assert!(screen.contains("a hard day, kept safe"), "{screen}");
    assert!(screen.contains("3 low"), "{screen}");
    pane.keys(&["C-s"]);
    pane.wait_for("Thank you for checking in");
    pane.keys(&["q"]);
    pane.wait_exit();
    let doc = export(&db);
    assert_eq!(doc["checkins"][0]["note"], "a hard day, kept safe");
}

#[test]
fn a_tiny_window_gets_a_calm_note_and_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let pane = Pane::start("tiny", dir.path(), &db, (30, 8));
    pane.wait_for("a little small");
    pane.tmux(&["resize-window", "-t", "e2e", "-x", "40", "-y", "12"]);
    pane.wait_for("Mood");
    pane.keys(&["q"]);
    let (code, stty) = pane.wait_exit();
    assert_eq!(code, "0");
    assert_cooked(&stty);
}

/// CPU time (user + system, in clock ticks) a process has used so far.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let after = stat.rsplit_once(") ").unwrap().1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of stat; `after` starts at field 3.
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
fn idle_uses_no_cpu_while_waiting_for_keys() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let pane = Pane::start("idle", dir.path(), &db, (80, 24));
    pane.wait_for("How are you, right now?");
    // Opening does one piece of work after the first frame: the day's backup, on a thread
    // of its own. Idling is what follows it, so the window starts once it is in place.
    let backups = dir.path().join("backups");
    let made = || {
        std::fs::read_dir(&backups).is_ok_and(|d| {
            d.flatten().any(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.ends_with(".db") && !name.starts_with('.')
            })
        })
    };
    let start = std::time::Instant::now();
    while !made() {
        assert!(
            start.elapsed() < common::tmux::PATIENCE,
            "the day's backup never appeared in {}",
            backups.display()
        );
        std::thread::sleep(Duration::from_millis(25));
    }
    let pid = pane.kindly_pid();
    let before = cpu_ticks(pid);
    // This wait is the measurement window itself, not a stand-in for synchronisation.
    std::thread::sleep(Duration::from_secs(2));
    let used = cpu_ticks(pid) - before;
    assert!(
        used <= 1,
        "kindly used {used} ticks of CPU in 2 s of idling"
    );
    pane.keys(&["q"]);
    pane.wait_exit();
}

#[test]
fn a_thought_recorded_in_the_critic_pane_is_in_the_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let pane = Pane::start("critic", dir.path(), &db, (80, 24));
    pane.wait_for("How are you, right now?");
    pane.keys(&["Tab"]);
    pane.wait_for("No thoughts caught yet");
    pane.keys(&["n"]);
    pane.wait_for("Step 1 of 12");
    pane.text("Sent the report with a typo");
    pane.wait_for("with a typo");
    pane.keys(&["Enter"]);
    pane.wait_for("Step 2 of 12");
    pane.text("I always mess this up");
    pane.wait_for("mess this up");
    pane.keys(&["Enter"]);
    pane.wait_for("Step 3 of 12");
    pane.keys(&["Enter"]);
    pane.wait_for("Step 4 of 12");
    pane.keys(&["8"]);
    pane.wait_for("80%");
    for n in 5..=10 {
        pane.keys(&["Enter"]);
        pane.wait_for(&format!("Step {n} of 12"));
    }
    pane.text("One typo doesn't undo good work.");
    pane.wait_for("good work.");
    pane.keys(&["Enter"]);
    pane.wait_for("Step 11 of 12");
    pane.keys(&["4"]);
    pane.wait_for("was 80%");
    pane.keys(&["Enter"]);
    pane.wait_for("40 points lighter");
    pane.keys(&["Enter"]);
    pane.wait_for("thank you for answering it kindly");
    pane.keys(&["q"]);
    let (code, stty) = pane.wait_exit();
    assert_eq!(code, "0");
    assert_cooked(&stty);
    let doc = export(&db);
    let t = &doc["thoughts"][0];
    assert_eq!(t["thought"], "I always mess this up");
    assert_eq!(t["situation"], "Sent the report with a typo");
    assert_eq!(t["reframe"], "One typo doesn't undo good work.");
    assert_eq!(t["belief"], 80);
    assert_eq!(t["belief_after"], 40);
}

#[test]
fn a_letter_written_in_the_tui_is_found_by_kindly_search() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let pane = Pane::start("letter", dir.path(), &db, (80, 24));
    pane.wait_for("How are you, right now?");
    pane.keys(&["Tab"]);
    pane.wait_for("Thought records");
    pane.keys(&["Tab"]);
    pane.wait_for("Nothing written yet");
    pane.keys(&["l"]);
    pane.wait_for("What would you like to write from?");
    pane.keys(&["Enter"]);
    pane.wait_for("Write to yourself the way a caring friend would");
    pane.text("Dear me, the heron by the canal was a good omen.");
    pane.wait_for("good omen.");
    pane.keys(&["C-s"]);
    pane.wait_for("Your letter is saved");
    pane.keys(&["q"]);
    let (code, stty) = pane.wait_exit();
    assert_eq!(code, "0");
    assert_cooked(&stty);
    let out = Command::new(KINDLY)
        .arg("--db")
        .arg(&db)
        .args(["search", "heron"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.starts_with("journal "), "{text}");
    assert!(text.contains("«heron»"), "{text}");
}

/// Runs kindly in a pseudo-terminal of our own (python3's pty), types `keys`, and returns
/// every byte it wrote to the terminal.
fn raw_session(db: &Path, keys: &str, extra_env: &[(&str, &str)]) -> Vec<u8> {
    let script = r#"
import fcntl, os, pty, struct, sys, select, termios, time
db, keys = sys.argv[1], sys.argv[2].encode()
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    os.execv(sys.argv[3], [sys.argv[3], "--db", db])
out = b""
sent = False
deadline = time.time() + 15
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 0.05)
    if r:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
        if not sent and b"How are you" in out:
            os.write(fd, keys)
            sent = True
    elif os.waitpid(pid, os.WNOHANG)[0] != 0:
        break
sys.stdout.buffer.write(out)
"#;
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(db)
        .arg(keys)
        .arg(KINDLY)
        .envs(extra_env.iter().copied())
        .env("KINDLY_CONFIG", db.with_extension("none.toml"))
        .output()
        .expect("python3 must be installed to run this test");
    out.stdout
}

#[test]
fn mouse_capture_is_released_on_exit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let bytes = raw_session(&db, "q", &[]);
    let text = String::from_utf8_lossy(&bytes);
    let on = text
        .find("\x1b[?1000h")
        .expect("mouse capture was turned on");
    let off = text
        .rfind("\x1b[?1000l")
        .expect("mouse capture was turned off");
    assert!(off > on);
    assert!(
        text.rfind("\x1b[?1049l").is_some(),
        "the alternate screen was left"
    );
}

/// Types a note, then ends the session with `end`, and checks the note survives, the
/// terminal is cooked again, and kindly exited promptly without spinning.
fn note_survives(name: &str, end: impl FnOnce(&Pane, u32)) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let pane = Pane::start(name, dir.path(), &db, (80, 24));
    pane.wait_for("How are you, right now?");
    pane.keys(&["4"]);
    pane.wait_for("4 a bit low");
    for _ in 0..7 {
        pane.keys(&["j"]);
    }
    pane.wait_for("›Note");
    pane.keys(&["Enter"]);
    pane.wait_for("done writing");
    pane.text("halfway through a sentence");
    pane.wait_for("halfway through");
    let pid = pane.kindly_pid();
    let started = Instant::now();
    end(&pane, pid);
    // Gone within a few seconds (exited, or a zombie waiting to be reaped), rather than
    // spinning on a dead terminal. (One second was too tight for a debug build on two
    // busy cores: saving the draft and closing the journal took longer once in CI.)
    let running = |pid: u32| {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .ok()
            .and_then(|s| {
                s.rsplit_once(") ")
                    .map(|(_, rest)| rest.starts_with('Z'))
                    .map(|zombie| !zombie)
            })
            .unwrap_or(false)
    };
    while running(pid) {
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "kindly is still running"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    drop(pane);
    let store = kindly::store::Store::open(&db).unwrap();
    let draft: kindly::tui::panes::checkin::Draft = store
        .load_draft("checkin")
        .unwrap()
        .expect("the draft was kept");
    assert_eq!(draft.note, "halfway through a sentence");
    assert_eq!(draft.mood, Some(4));
}

#[test]
fn sighup_keeps_the_note_being_typed() {
    note_survives("hup", |pane, pid| {
        assert!(
            Command::new("kill")
                .args(["-HUP", &pid.to_string()])
                .status()
                .unwrap()
                .success()
        );
        let (_, stty) = pane.wait_exit();
        assert_cooked(&stty);
    });
}

#[test]
fn closing_the_terminal_keeps_the_note_being_typed() {
    // Killing the pane closes kindly's terminal under it, as closing a window does.
    note_survives("close", |pane, _| {
        pane.tmux(&["kill-pane", "-t", "e2e"]);
    });
}

#[test]
fn the_tui_asks_for_the_passphrase_of_an_encrypted_journal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let pass = dir.path().join("pass");
    std::fs::write(&pass, "tea and toast\n").unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(KINDLY)
            .arg("--db")
            .arg(&db)
            .args(args)
            .env("KINDLY_CONFIG", dir.path().join("none.toml"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["checkin", "--mood", "6"]);
    run(&["--passphrase-file", pass.to_str().unwrap(), "encrypt"]);
    let pane = Pane::start("passphrase", dir.path(), &db, (80, 24));
    pane.wait_for("Passphrase for your kindly journal (or its recovery key):");
    pane.text("tea and toast");
    let screen = pane.wait_for("Passphrase for your kindly journal (or its recovery key):");
    assert!(
        !screen.contains("tea and toast"),
        "the passphrase is not echoed:\n{screen}"
    );
    pane.keys(&["Enter"]);
    pane.wait_for("Today · 1");
    pane.keys(&["q"]);
    let (code, stty) = pane.wait_exit();
    assert_eq!(code, "0");
    assert_cooked(&stty);
}
