//! The first week, as a newcomer lives it (#17): typing without bracketed paste, discarding
//! drafts, the cursor at the end, words that fit, care around very low moments, and what
//! people arriving from Daylio, jrnl and CBT apps expect.

mod common;
use common::cli::{TestJournal, export};
use common::tmux::Pane;
use common::*;
use kindly::config::Config;
use kindly::store::Store;
use kindly::tui::App;
use kindly::tui::panes::checkin::{Field, Focus};
use kindly::tui::panes::critic::Step;
use kindly::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;

const CONTACT: &str = "Dr. Amara, 555 0100";

/// The app on `store` at NOW, with a support contact named in the config, or not.
fn app_caring(store: Store, contact: Option<&str>) -> App {
    let fixed = at(NOW);
    let config = Config {
        support_contact: contact.map(String::from),
        ..Config::default()
    };
    App::new(store, config, Theme::monochrome(), Box::new(move || fixed)).unwrap()
}

/// The Critic list holding one record, "I ruin everything", with `traps`.
fn critic_list_with_traps(traps: &str) -> App {
    let mut store = Store::open_in_memory().unwrap();
    let mut t =
        kindly::domain::Thought::new(at("2026-11-27T21:10:00+00:00"), "I ruin everything").unwrap();
    t.distortions = kindly::domain::Traps::default().parse_list(traps).unwrap();
    store.save_thought(&t, None).unwrap();
    let mut app = app_caring(store, None);
    go_to(&mut app, kindly::tui::pane::PaneId::Critic);
    app
}

/// The Critic flow on the traps step, with `thought` written.
fn critic_at_traps(thought: &str) -> App {
    let mut app = app_caring(Store::open_in_memory().unwrap(), Some(CONTACT));
    press(&mut app, &[key(KeyCode::Tab), ch('n')]);
    press(&mut app, &[key(KeyCode::Enter)]);
    typed(&mut app, thought);
    while critic_pane(&app).flow.as_ref().unwrap().step != Step::Traps {
        press(&mut app, &[key(KeyCode::Enter)]);
    }
    app
}

#[test]
fn words_of_self_harm_in_a_thought_bring_the_support_line_and_no_trap_suggestion() {
    let app = critic_at_traps("I want to die, nobody would miss me");
    let wide = plain(&app, 80, 24);
    assert!(
        wide.contains("please reach a professional or your"),
        "{wide}"
    );
    assert!(wide.contains("local emergency number now"), "{wide}");
    assert!(wide.contains("Dr. Amara, 555 0100"), "{wide}");
    assert!(
        !wide.contains("suggested"),
        "no trap is suggested for it:\n{wide}"
    );
    insta::assert_snapshot!("crisis_thought_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("crisis_thought_40x12", screen(&app, 40, 12));

    // An ordinary harsh thought still gets its hints, and no support line.
    let app = critic_at_traps("I always mess things up, I'm such a failure");
    let wide = plain(&app, 80, 24);
    assert!(wide.contains("suggested"), "{wide}");
    assert!(!wide.contains("emergency"), "{wide}");
}

#[test]
fn the_support_line_shows_as_words_of_self_harm_are_typed_in_a_note_or_a_page() {
    let mut app = app_caring(Store::open_in_memory().unwrap(), None);
    focus(&mut app, Focus::Field(Field::Note));
    press(&mut app, &[key(KeyCode::Enter)]);
    typed(&mut app, "A heavy day. I keep thinking I ");
    assert!(!plain(&app, 80, 24).contains("emergency"));
    typed(&mut app, "want to end it all");
    let screen = plain(&app, 80, 24);
    assert!(screen.contains("local emergency number"), "{screen}");
    assert!(
        !screen.contains("Your support contact"),
        "none is named: {screen}"
    );
    // It never takes the keys: writing goes on.
    typed(&mut app, ". Still here.");
    assert!(
        checkin_pane(&app)
            .note
            .lines()
            .join("")
            .ends_with("Still here.")
    );

    let mut app = app_caring(Store::open_in_memory().unwrap(), Some(CONTACT));
    go_to(&mut app, kindly::tui::pane::PaneId::Journal);
    press(&mut app, &[ch('n')]);
    press(&mut app, &[key(KeyCode::Down), key(KeyCode::Down)]);
    typed(&mut app, "Some nights I think about hurting myself.");
    let screen = plain(&app, 40, 12);
    assert!(screen.contains("Dr. Amara"), "{screen}");
}

#[test]
fn quick_commands_name_support_after_words_of_self_harm_and_store_nothing_about_it() {
    let j = TestJournal::new();
    let config = j.file("config.toml", format!("support_contact = \"{CONTACT}\"\n"));
    let out = j
        .kindly()
        .arg("--config")
        .arg(&config)
        .args([
            "thought",
            "--thought",
            "I want to die, nobody would miss me",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("local emergency number"), "{err}");
    assert!(err.contains(CONTACT), "{err}");
    let out = j
        .kindly()
        .args(["checkin", "--mood", "4", "--note", "tired but okay"])
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stderr).unwrap().contains("emergency"));
    let doc = j.export();
    let text = doc.to_string();
    assert!(!text.contains("crisis") && !text.contains("care"), "{text}");
    assert_eq!(doc["thoughts"][0]["distortions"], serde_json::json!([]));
}

fn save_mood(app: &mut App, digit: char) -> String {
    press(app, &[ch(digit), ctrl('s')]);
    app.notice.clone().unwrap_or_default()
}

#[test]
fn a_very_low_check_in_offers_the_break_and_support_once_a_day() {
    let mut app = app_caring(Store::open_in_memory().unwrap(), None);
    let first = save_mood(&mut app, '2');
    assert!(
        first.starts_with("Saved. Thank you for checking in."),
        "{first}"
    );
    assert!(first.contains("b starts a short break"), "{first}");
    assert!(first.contains("an emergency line can help"), "{first}");
    insta::assert_snapshot!("very_low_offer_80x24", screen(&app, 80, 24));
    let again = save_mood(&mut app, '1');
    assert!(!again.contains("break"), "once a day: {again}");

    let mut app = app_caring(Store::open_in_memory().unwrap(), Some(CONTACT));
    let low = save_mood(&mut app, '3');
    assert!(low.contains("b starts a short break"), "{low}");
    // The number stands as it was given: no full stop joins its digits.
    assert!(
        low.ends_with("Your support contact: Dr. Amara, 555 0100"),
        "{low}"
    );

    let mut app = app_caring(Store::open_in_memory().unwrap(), Some(CONTACT));
    let fine = save_mood(&mut app, '7');
    assert_eq!(fine, "Saved. Thank you for checking in.");
}

/// Typed input in a burst well past crossterm's 1 KiB read (a terminal without bracketed
/// paste, or scripted keys) all arrives, and the Ctrl-S typed after it saves it all.
#[test]
fn a_long_burst_of_typing_is_read_whole_and_saved() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let pane = Pane::start("burst", dir.path(), &db, (80, 24));
    pane.wait_for("How are you, right now?");
    pane.keys(&["Tab", "Tab"]);
    pane.wait_for("n page");
    pane.keys(&["n"]);
    pane.wait_for("A new page");
    let words = ["quiet", "morning", "light", "tea", "slowly", "week", "kind"];
    let body: String = (0..900)
        .map(|i| words[(i * 7 + i / 3) % words.len()])
        .collect::<Vec<_>>()
        .join(" ")
        + " THE-END";
    assert!(body.len() > 4096, "{} bytes", body.len());
    // One send: tmux writes it to the terminal as typed keys, all at once.
    pane.text(&body);
    // Each of the 6 KB is a key and a frame of a debug build, on a machine the other
    // tests share: a stall (the bug this guards) never shows the end, however long.
    pane.wait_for_within("THE-END", std::time::Duration::from_secs(60));
    pane.keys(&["C-s"]);
    pane.wait_for("Saved");
    pane.keys(&["Escape", "q"]);
    let (code, _) = pane.wait_exit();
    assert_eq!(code, "0");
    let doc = export(&db);
    assert_eq!(doc["entries"][0]["body"], body.as_str());
}

#[test]
fn editing_saved_words_starts_with_the_cursor_at_their_end() {
    let mut store = Store::open_in_memory().unwrap();
    let mut t =
        kindly::domain::Thought::new(at("2026-11-27T21:10:00+00:00"), "I'm hopeless").unwrap();
    t.voice = Some("my old boss".into());
    store.save_thought(&t, None).unwrap();
    let mut app = app_caring(store, None);
    go_to(&mut app, kindly::tui::pane::PaneId::Critic);
    press(&mut app, &[key(KeyCode::Enter), ch('e')]);
    while critic_pane(&app).flow.as_ref().unwrap().step != Step::Voice {
        press(&mut app, &[key(KeyCode::Enter)]);
    }
    press(&mut app, &[key(KeyCode::Backspace)]);
    typed(&mut app, "s!");
    let flow = critic_pane(&app).flow.as_ref().unwrap();
    assert_eq!(flow.voice.lines(), ["my old boss!"]);
    assert_eq!(flow.thought.lines(), ["I'm hopeless"]);
}

#[test]
fn the_demo_says_it_is_a_sample_in_wide_and_narrow_windows() {
    for (name, size, needle) in [
        ("demo-wide", (80, 24), " kindly sample "),
        (
            "demo-narrow",
            (40, 12),
            "A sample journal, for trying kindly out",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("k.db");
        let pane = Pane::start_with(name, dir.path(), &db, size, "demo --weeks 4");
        pane.wait_for(needle);
        pane.keys(&["q"]);
        pane.wait_exit();
        // A journal of one's own never says so.
        let own = dir.path().join("own.db");
        let pane = Pane::start(&format!("{name}-own"), dir.path(), &own, size);
        let screen = pane.wait_for("Check-in");
        assert!(!screen.contains("sample"), "{screen}");
    }
}

#[test]
fn the_form_says_what_each_self_compassion_part_asks_and_the_list_names_the_traps() {
    let mut app = app_caring(Store::open_in_memory().unwrap(), None);
    for (field, words) in [
        (Field::Kindness, "judgement"),
        (Field::Humanity, "company"),
        (Field::Mindfulness, "steady"),
    ] {
        focus(&mut app, Focus::Field(field));
        let screen = plain(&app, 80, 24);
        assert!(screen.contains(words), "{field:?}:\n{screen}");
        // The words sit on rows of their own, above the Note row, a column clear of the
        // form's right border.
        let rows: Vec<&str> = screen.lines().collect();
        let at = rows.iter().position(|r| r.contains(words)).unwrap();
        let note = rows.iter().position(|r| r.contains("│ Note")).unwrap();
        assert!(at < note, "{field:?}:\n{screen}");
        let chars: Vec<char> = rows[at].chars().collect();
        let border = chars.iter().skip(1).position(|c| *c == '│').unwrap() + 1;
        assert_eq!(chars[border - 1], ' ', "{field:?}: {}", rows[at]);
    }
    insta::assert_snapshot!("part_explained_80x24", screen(&app, 80, 24));
    focus(&mut app, Focus::Field(Field::Mood));
    assert!(!plain(&app, 80, 24).contains("swept up"));

    let app = critic_list_with_traps("all-or-nothing,self-blame");
    let screen = plain(&app, 80, 24);
    assert!(screen.contains("all-or-nothing, self-blame"), "{screen}");
    assert!(
        screen.contains("belief before→after"),
        "a legend for the figures:\n{screen}"
    );
}

#[test]
fn without_colour_the_calendar_tells_mood_levels_apart_by_shade() {
    let mono = Theme::monochrome();
    let shades: Vec<&str> = (1..=10).map(|m| mono.mood_block(m)).collect();
    assert_eq!(shades, ["░", "░", "░", "▒", "▒", "▓", "▓", "█", "█", "█"]);
    let calm = Theme::calm();
    assert!(
        (1..=10).all(|m| calm.mood_block(m) == "█"),
        "colour tells them apart"
    );
    // The calendar screen itself (tests/snapshots/trends__trends_calendar_80x24.snap) is
    // drawn without colour; its legend climbs in shades.
    let mut store = Store::open_in_memory().unwrap();
    for (day, mood) in [("2026-11-23", 2), ("2026-11-25", 5), ("2026-11-27", 9)] {
        store
            .save_checkin(
                &checkin(&format!("{day}T09:00:00+00:00"), mood, "", None),
                None,
            )
            .unwrap();
    }
    let mut app = app_caring(store, None);
    go_to(&mut app, kindly::tui::pane::PaneId::Trends);
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Right)]);
    let screen = plain(&app, 80, 24);
    assert!(screen.contains("low ░░░▒▒▓▓███ high"), "{screen}");
    for shade in ["░", "▒", "█"] {
        let days = screen
            .lines()
            .filter(|l| !l.contains("low "))
            .filter(|l| l.contains(shade))
            .count();
        assert!(days > 0, "no {shade} day:\n{screen}");
    }
}

#[test]
fn the_editor_keys_help_names_work_and_help_says_how_to_copy_with_the_mouse() {
    let mut app = app_caring(Store::open_in_memory().unwrap(), None);
    focus(&mut app, Focus::Field(Field::Note));
    press(&mut app, &[key(KeyCode::Enter)]);
    typed(&mut app, "a slow kind morning");
    let note = |app: &App| checkin_pane(app).note.lines().join("\n");
    press(&mut app, &[ctrl('w')]);
    assert_eq!(note(&app), "a slow kind ");
    press(&mut app, &[ctrl('u')]);
    assert_eq!(note(&app), "a slow kind morning", "Ctrl-U undoes");
    press(&mut app, &[ctrl('a'), ctrl('k')]);
    assert_eq!(note(&app), "");
    press(&mut app, &[ctrl('u'), ctrl('e')]);
    typed(&mut app, "!");
    assert_eq!(note(&app), "a slow kind morning!");

    press(&mut app, &[key(KeyCode::Esc), ch('?')]);
    let mut seen = String::new();
    for _ in 0..200 {
        seen.push_str(&plain(&app, 80, 24));
        press(&mut app, &[key(KeyCode::Down)]);
    }
    for words in ["Ctrl-W", "Ctrl-K", "Ctrl-U/R", "hold Shift"] {
        assert!(
            seen.contains(words),
            "help never shows {words}: {}",
            plain(&app, 80, 24)
        );
    }
}

#[test]
fn nothing_is_drawn_before_the_journal_began_and_no_norm_is_implied() {
    // Day one: one check-in today (NOW is Sunday 29 November).
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_checkin(&checkin("2026-11-29T09:00:00+00:00", 6, "", None), None)
        .unwrap();
    let mut app = app_caring(store, None);
    go_to(&mut app, kindly::tui::pane::PaneId::Trends);
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Right)]);
    let seen = plain(&app, 80, 24);
    assert!(
        seen.contains("since you began · 23 Nov – 29 Nov 2026"),
        "{seen}"
    );
    // The two dots are the range's and the legend's: no day before the first is drawn
    // as a day without a check-in.
    assert_eq!(seen.matches('·').count(), 2, "{seen}");
    insta::assert_snapshot!("trends_day_one_80x24", screen(&app, 80, 24));

    let mut empty = app_caring(Store::open_in_memory().unwrap(), None);
    go_to(&mut empty, kindly::tui::pane::PaneId::Trends);
    let screen = plain(&empty, 80, 24);
    assert!(screen.contains("this week"), "{screen}");
    assert!(!screen.contains("a day is plenty"), "{screen}");
}

#[test]
fn a_break_that_ends_lower_gets_a_kind_line() {
    let mut app = app_caring(Store::open_in_memory().unwrap(), None);
    press(&mut app, &[ch('b'), ch('6'), key(KeyCode::Enter)]);
    press(
        &mut app,
        &[
            key(KeyCode::Enter),
            key(KeyCode::Enter),
            key(KeyCode::Enter),
        ],
    );
    press(&mut app, &[ch('4'), key(KeyCode::Enter)]);
    assert!(checkin_pane(&app).pause.is_none(), "{:?}", app.notice);
    let notice = app.notice.clone().unwrap();
    assert!(notice.contains("wasn't wasted"), "{notice}");
}

/// The numbers drawn on the bars of a Weeks screen, left to right.
fn bar_values(screen: &str) -> Vec<String> {
    let row = screen
        .lines()
        .filter(|l| l.contains('█'))
        .max_by_key(|l| l.matches('.').count())
        .unwrap_or_default();
    row.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|w| w.len() == 3 && w.as_bytes()[1] == b'.')
        .map(String::from)
        .collect()
}

#[test]
fn every_span_of_the_weeks_view_draws_all_its_weeks_with_labels_that_fit() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_journal(&kindly::demo::journal(60, at(NOW), &Config::default()))
        .unwrap();
    let mut app = app_caring(store, None);
    go_to(&mut app, kindly::tui::pane::PaneId::Trends);
    press(&mut app, &[key(KeyCode::Right)]);
    press(&mut app, &[ch('+'), ch('+')]);
    // 26 weeks: at 160 columns, a bar a week; at 80 and 40, a bar a month.
    let wide = plain(&app, 160, 45);
    assert!(wide.contains("26 weeks"), "{wide}");
    assert_eq!(bar_values(&wide).len(), 26, "{wide}");
    assert!(wide.contains("Weekly mean mood"), "{wide}");
    for (w, h) in [(80, 24), (40, 12)] {
        let screen = plain(&app, w, h);
        let values = bar_values(&screen);
        assert!(
            (6..=8).contains(&values.len()),
            "{w}×{h}: {values:?}\n{screen}"
        );
        assert!(screen.contains("Monthly mean") || h < 20, "{screen}");
        assert!(
            screen.contains("Jun") && screen.contains("Nov"),
            "{w}×{h}:\n{screen}"
        );
    }
    insta::assert_snapshot!("weeks_26_80x24", screen(&app, 80, 24));
    press(&mut app, &[ch('+')]);
    let wide = plain(&app, 160, 45);
    assert!(wide.contains("52 weeks"), "{wide}");
    let months = bar_values(&wide).len();
    assert!((12..=14).contains(&months), "{months}\n{wide}");
    insta::assert_snapshot!("weeks_52_40x12", screen(&app, 40, 12));
}

#[test]
fn search_says_when_nothing_is_found_and_keeps_to_the_days_asked_for() {
    let j = TestJournal::new();
    for (at, note) in [
        ("2026-10-02 09:00", "a walk by the river"),
        ("2026-11-20 09:00", "the river was high today"),
    ] {
        j.kindly()
            .args(["checkin", "--mood", "6", "--at", at, "--note", note])
            .assert()
            .success();
    }
    let out = j.kindly().args(["search", "heron"]).output().unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty(), "no lines for a script to read");
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("Nothing found for heron."),
        "and a word for the person"
    );
    let out = j
        .kindly()
        .args(["search", "river", "--from", "2026-11-01"])
        .output()
        .unwrap();
    let found = String::from_utf8(out.stdout).unwrap();
    assert_eq!(found.lines().count(), 1, "{found}");
    assert!(found.contains("2026-11-20"), "{found}");
    let out = j
        .kindly()
        .args(["search", "river", "--to", "2026-10-31"])
        .output()
        .unwrap();
    let found = String::from_utf8(out.stdout).unwrap();
    assert_eq!(found.lines().count(), 1, "{found}");
    assert!(found.contains("2026-10-02"), "{found}");

    refused(&["search", "river", "--from", "2026-13-01"], "--from");
    refused(
        &[
            "search",
            "river",
            "--from",
            "2026-11-02",
            "--to",
            "2026-11-01",
        ],
        "comes after --to",
    );
}

#[test]
fn a_config_file_named_but_missing_is_said_not_silently_ignored() {
    refused(
        &[
            "--config",
            "/nowhere/kindly/confg.toml",
            "checkin",
            "--mood",
            "5",
        ],
        "there's no file there",
    );
}

#[test]
fn a_digit_sets_the_row_it_is_typed_on_and_the_trap_filter_offers_only_traps_in_use() {
    let mut app = app_caring(Store::open_in_memory().unwrap(), None);
    press(&mut app, &[ch('6')]);
    focus(&mut app, Focus::Field(Field::Energy));
    press(&mut app, &[ch('3')]);
    focus(&mut app, Focus::Field(Field::Humanity));
    press(&mut app, &[ch('4'), ch('8')]);
    let p = checkin_pane(&app);
    assert_eq!(
        p.mood.map(kindly::domain::Scale::get),
        Some(6),
        "the mood stays"
    );
    assert_eq!(p.energy.map(kindly::domain::Scale::get), Some(3));
    assert_eq!(
        p.parts[1].map(kindly::domain::Scale::get),
        Some(4),
        "8 is past 5"
    );

    let mut app = critic_list_with_traps("self-blame");
    press(&mut app, &[ch('f')]);
    assert_eq!(
        critic_pane(&app).filter.distortion.as_deref(),
        Some("self-blame")
    );
    press(&mut app, &[ch('f')]);
    assert_eq!(
        critic_pane(&app).filter.distortion,
        None,
        "back to every trap"
    );
}

#[test]
fn the_man_page_is_one_whole_page_with_keys_files_environment_settings_and_help() {
    let out = std::process::Command::new(common::cli::KINDLY)
        .arg("man")
        .output()
        .unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    for section in [
        ".SH COMMANDS",
        ".SH KEYS",
        ".SH FILES",
        ".SH ENVIRONMENT",
        ".SH CONFIGURATION",
        ".SH EXIT STATUS",
        ".SH WHEN THINGS ARE HARD",
        ".SH SEE ALSO",
    ] {
        assert!(page.contains(section), "no {section}");
    }
    assert!(
        !page.contains("kindly\\-checkin(1)"),
        "no sub-pages that don't exist"
    );
    for words in [
        "kindly sync init",
        "\\-\\-evidence\\-for",
        "Ctrl\\-S",
        "KINDLY_DB",
        "NO_COLOR",
        "support_contact",
        "local emergency number",
    ] {
        assert!(page.contains(words), "the page lacks {words}");
    }
    assert!(
        page.lines().count() > 400,
        "a real page: {}",
        page.lines().count()
    );
}

#[test]
fn write_takes_its_words_as_an_argument_without_waiting_for_standard_input() {
    let j = TestJournal::new();
    // Standard input stays open and silent: kindly must not wait for it.
    let mut child = common::cli::kindly_process(&j.db)
        .args(["write", "a good walk by the sea"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + common::tmux::PATIENCE;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "kindly waited on standard input"
        );
        std::thread::yield_now();
    };
    assert!(status.success());
    let doc = j.export();
    assert_eq!(doc["entries"][0]["body"], "a good walk by the sea");
    refused(&["write", ""], "body is empty");
}

#[test]
fn the_footer_in_a_trash_list_offers_bringing_back_not_edit_or_trash() {
    let mut store = Store::open_in_memory().unwrap();
    let c = checkin("2026-11-29T08:00:00+00:00", 5, "", Some("a slow start"));
    store.save_checkin(&c, None).unwrap();
    store
        .trash(kindly::store::RecordKind::CheckIn, c.id)
        .unwrap();
    let mut app = app_caring(store, None);
    focus(&mut app, Focus::History);
    press(&mut app, &[ch('t')]);
    let screen = plain(&app, 80, 24);
    let footer = screen.lines().last().unwrap();
    assert!(footer.contains("bring back"), "{screen}");
    assert!(
        !footer.contains("edit") && !footer.contains("d trash"),
        "{footer}"
    );
}

#[test]
fn calendar_month_labels_never_run_together() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_journal(&kindly::demo::journal(60, at(NOW), &Config::default()))
        .unwrap();
    let mut app = app_caring(store, None);
    go_to(&mut app, kindly::tui::pane::PaneId::Trends);
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Right)]);
    press(&mut app, &[ch('+'), ch('+'), ch('+')]);
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    for (w, h) in [(80, 24), (160, 45), (40, 12)] {
        let screen = plain(&app, w, h);
        for a in months {
            for b in months {
                assert!(
                    !screen.contains(&format!("{a}{b}")),
                    "{a}{b} at {w}×{h}:\n{screen}"
                );
            }
        }
    }
    let screen = plain(&app, 80, 24);
    assert!(screen.contains("Dec") && screen.contains("Jan"), "{screen}");
    // All time in a narrow window shows the last weeks that fit, starting mid-month: the
    // first label is never half written over by the next.
    press(&mut app, &[ch('+')]);
    for (w, h) in [(40, 30), (50, 30), (60, 30), (80, 24)] {
        let screen = plain(&app, w, h);
        let rows: Vec<&str> = screen.lines().collect();
        let mon = rows.iter().position(|l| l.starts_with("Mon")).unwrap();
        let labels = rows[mon - 1];
        for word in labels.split_whitespace() {
            assert!(months.contains(&word), "'{word}' at {w}×{h}:\n{screen}");
        }
    }
}

#[test]
fn a_thought_records_evidence_is_found_by_search() {
    let j = TestJournal::new();
    j.kindly()
        .args([
            "thought",
            "--thought",
            "I always let people down",
            "--evidence-against",
            "I drove Sam to the airport at dawn",
        ])
        .assert()
        .success();
    let out = j.kindly().args(["search", "airport"]).output().unwrap();
    let found = String::from_utf8(out.stdout).unwrap();
    assert_eq!(found.lines().count(), 1, "{found}");
    assert!(found.starts_with("thought"), "{found}");
}

/// Daylio people add a check-in for another moment, and move one: `@` on the form.
#[test]
fn at_sets_when_a_new_check_in_was_and_saves_it_on_that_day() {
    let mut app = app();
    press(&mut app, &[ch('4'), ch('@')]);
    typed(&mut app, "yesterday 21:40");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.notice.clone().unwrap().contains("Sat 28 Nov, 21:40"));
    assert!(plain(&app, 80, 24).contains("A check-in for Sat 28 Nov, 21:40"));
    press(&mut app, &[ctrl('s')]);
    let saved = app
        .store()
        .checkins_on(chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
        .unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(
        saved[0].at.format("%Y-%m-%d %H:%M").to_string(),
        "2026-11-28 21:40"
    );
    assert!(
        app.store()
            .checkins_on(at(NOW).date_naive())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn at_moves_a_saved_check_in_and_keeps_it_one_record() {
    let mut store = Store::open_in_memory().unwrap();
    let c = checkin("2026-11-29T08:00:00+00:00", 6, "calm", Some("tea"));
    store.save_checkin(&c, None).unwrap();
    let mut app = app_with(store, NOW);
    press(&mut app, &[key(KeyCode::Up)]);
    focus(&mut app, Focus::History);
    press(&mut app, &[key(KeyCode::Enter), ch('@')]);
    typed(&mut app, "2026-11-27 19:05");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(plain(&app, 80, 24).contains("Moving 08:00 29 Nov to Fri 27 Nov, 19:05"));
    press(&mut app, &[ctrl('s')]);
    let all = app.store().checkins_between(None, None).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].id, c.id);
    assert_eq!(
        all[0].at.format("%Y-%m-%d %H:%M").to_string(),
        "2026-11-27 19:05"
    );
    assert_eq!(all[0].note.as_deref(), Some("tea"));
}

#[test]
fn a_mood_typed_while_an_earlier_day_is_shown_is_for_that_day() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_checkin(&checkin("2026-11-25T20:00:00+00:00", 5, "", None), None)
        .unwrap();
    let mut app = app_with(store, NOW);
    press(&mut app, &[ch('[')]);
    assert_eq!(checkin_pane(&app).day.to_string(), "2026-11-25");
    press(&mut app, &[ch('7')]);
    assert!(
        app.notice
            .clone()
            .unwrap()
            .contains("A check-in for Wed 25 Nov, 10:30")
    );
    press(&mut app, &[ctrl('s')]);
    let day = app
        .store()
        .checkins_on(chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap())
        .unwrap();
    assert_eq!(day.len(), 2);
    assert!(
        app.store()
            .checkins_on(at(NOW).date_naive())
            .unwrap()
            .is_empty(),
        "today's form is untouched"
    );
}

#[test]
fn a_when_kindly_cant_read_or_still_ahead_is_said_and_esc_leaves_the_moment_as_it_was() {
    let mut app = app();
    press(&mut app, &[ch('5'), ch('@')]);
    typed(&mut app, "whenever");
    press(&mut app, &[key(KeyCode::Enter)]);
    let notice = app.notice.clone().unwrap();
    assert!(
        notice.contains("didn't read") && notice.contains("yesterday 21:40"),
        "{notice}"
    );
    assert!(
        checkin_pane(&app).asking.is_some(),
        "the line stays open to try again"
    );
    press(&mut app, &[key(KeyCode::Esc), ch('@')]);
    typed(&mut app, "23:59");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.notice.clone().unwrap().contains("is in the future"));
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(checkin_pane(&app).asking.is_none());
    assert!(checkin_pane(&app).at.is_none());
    assert_eq!(
        checkin_pane(&app).mood.map(kindly::domain::Scale::get),
        Some(5)
    );
}

/// A calendar day opens in the Check-in pane, showing that day's check-ins.
#[test]
fn a_calendar_day_opens_its_check_ins_by_key_and_by_click() {
    let mut store = Store::open_in_memory().unwrap();
    for (when, mood) in [
        ("2026-11-24T09:00:00+00:00", 3),
        ("2026-11-27T21:00:00+00:00", 8),
    ] {
        store
            .save_checkin(&checkin(when, mood, "", Some("a note")), None)
            .unwrap();
    }
    let mut app = app_with(store, NOW);
    go_to(&mut app, kindly::tui::pane::PaneId::Trends);
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Right)]);
    let trends: &kindly::tui::panes::trends::TrendsPane = app.trends();
    assert_eq!(trends.sub, kindly::tui::panes::trends::Sub::Calendar);
    // From the last day (today, the 29th) two days back is the 27th.
    press(&mut app, &[key(KeyCode::Up), key(KeyCode::Up)]);
    assert!(text(&app, 80, 24).contains("Enter opens it"));
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.pane_id(), kindly::tui::pane::PaneId::Checkin);
    assert_eq!(checkin_pane(&app).day.to_string(), "2026-11-27");
    assert_eq!(checkin_pane(&app).list.len(), 1);
    // And with the mouse: a click on the 24th.
    go_to(&mut app, kindly::tui::pane::PaneId::Trends);
    let _ = text(&app, 80, 24);
    let (x, y) = cell_of_day(&app, "2026-11-24");
    app.handle_mouse(&ratatui::crossterm::event::MouseEvent {
        kind: ratatui::crossterm::event::MouseEventKind::Down(
            ratatui::crossterm::event::MouseButton::Left,
        ),
        column: x,
        row: y,
        modifiers: ratatui::crossterm::event::KeyModifiers::NONE,
    });
    assert_eq!(app.pane_id(), kindly::tui::pane::PaneId::Checkin);
    assert_eq!(checkin_pane(&app).day.to_string(), "2026-11-24");
}

/// Where the calendar drew `day` at 80×24 (after a draw): the cell its click lands on.
fn cell_of_day(app: &App, day: &str) -> (u16, u16) {
    let trends: &kindly::tui::panes::trends::TrendsPane = app.trends();
    let from = trends.trends.as_ref().unwrap().span.from;
    let offset =
        (chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap() - from).num_days() as usize;
    for y in 0..24 {
        for x in 0..80 {
            if app.hit_at(x, y) == Some(kindly::tui::pane::Target::Row(offset)) {
                return (x, y);
            }
        }
    }
    panic!("{day} isn't drawn");
}

/// `+` on Emotions adds one of the person's own: picked, saved with the check-in, and kept
/// in the journal for the next time kindly opens (not only in a config file).
#[test]
fn an_emotion_added_from_the_form_is_picked_and_kept_in_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let mut app = app_with(Store::open(&db).unwrap(), NOW);
    press(&mut app, &[ch('6')]);
    focus(&mut app, Focus::Field(Field::Emotions));
    press(&mut app, &[ch('+')]);
    assert!(plain(&app, 80, 24).contains("New emotion"));
    typed(&mut app, "wistful");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(
        app.notice
            .clone()
            .unwrap()
            .contains("wistful is one of your choices now")
    );
    assert!(
        checkin_pane(&app)
            .emotions
            .picked
            .contains(&"wistful".to_string())
    );
    // A ritual too, then let it go unpicked: still kept.
    focus(&mut app, Focus::Field(Field::Rituals));
    press(&mut app, &[ch('+')]);
    typed(&mut app, "tea outside");
    press(&mut app, &[key(KeyCode::Enter), ch(' ')]);
    assert!(
        !checkin_pane(&app)
            .rituals
            .picked
            .contains(&"tea outside".to_string())
    );
    press(&mut app, &[ctrl('s')]);
    drop(app);
    let again = app_with(Store::open(&db).unwrap(), NOW);
    assert!(
        checkin_pane(&again)
            .emotions
            .vocab
            .contains(&"wistful".to_string())
    );
    assert!(
        checkin_pane(&again)
            .rituals
            .vocab
            .contains(&"tea outside".to_string())
    );
    let saved = again.store().checkins_on(at(NOW).date_naive()).unwrap();
    assert_eq!(saved[0].emotions[0].as_str(), "wistful");
}

#[test]
fn a_choice_with_commas_or_already_there_is_said_plainly() {
    let mut app = app();
    focus(&mut app, Focus::Field(Field::Emotions));
    press(&mut app, &[ch('+')]);
    typed(&mut app, "sad, tired");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.notice.clone().unwrap().contains("One at a time"));
    press(&mut app, &[key(KeyCode::Esc), ch('+')]);
    let first = checkin_pane(&app).emotions.vocab[0].to_uppercase();
    typed(&mut app, &first);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.notice.clone().unwrap().contains("was already here"));
}

/// The day list and the Markdown export keep emotions and rituals apart.
#[test]
fn emotions_and_rituals_are_kept_apart_in_the_day_list_and_markdown() {
    let mut store = Store::open_in_memory().unwrap();
    let mut c = checkin("2026-11-29T08:00:00+00:00", 6, "calm", None);
    c.rituals = kindly::domain::parse_label_list("rituals", "walk").unwrap();
    store.save_checkin(&c, None).unwrap();
    let app = app_with(store, NOW);
    assert!(
        plain(&app, 80, 24).contains("calm · walk"),
        "{}",
        plain(&app, 80, 24)
    );
    let journal = TestJournal::new().with_checkins(&[c]);
    let out = journal
        .kindly()
        .args(["export", "--format", "md"])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("Feeling: calm") && md.contains("Rituals: walk"),
        "{md}"
    );
}

/// Tags, emotions and rituals are searched and filtered by name, alone or with words.
#[test]
fn search_finds_and_filters_by_tag_emotion_and_ritual() {
    let mut calm = checkin(
        "2026-11-20T08:00:00+00:00",
        6,
        "calm",
        Some("slow morning by the river"),
    );
    calm.rituals = kindly::domain::parse_label_list("rituals", "tea outside, walk").unwrap();
    let tense = checkin(
        "2026-11-22T08:00:00+00:00",
        3,
        "tense",
        Some("by the river, a hard call"),
    );
    let mut t =
        kindly::domain::Thought::new(at("2026-11-23T21:00:00+00:00"), "I let everyone down")
            .unwrap();
    t.emotions = vec![kindly::domain::parse_felt_emotion("calm=40").unwrap()];
    let mut page = kindly::domain::Entry::new(
        at("2026-11-24T21:00:00+00:00"),
        kindly::domain::EntryKind::Journal,
        "snow on the river",
    )
    .unwrap();
    page.tags = kindly::domain::parse_label_list("tags", "Winter").unwrap();
    let journal = TestJournal::new()
        .with_checkins(&[calm.clone(), tense.clone()])
        .with_thoughts(&[t.clone()])
        .with_entries(&[page.clone()]);
    let ids = |args: &[&str]| -> Vec<String> {
        let out = journal
            .kindly()
            .arg("search")
            .args(args)
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        ids(&["emotion:Calm"]),
        vec![t.id.to_string(), calm.id.to_string()]
    );
    assert_eq!(ids(&["ritual:\"tea outside\""]), vec![calm.id.to_string()]);
    assert_eq!(ids(&["#winter"]), vec![page.id.to_string()]);
    assert_eq!(ids(&["tag:winter", "snow"]), vec![page.id.to_string()]);
    // Words and a filter: only the records with both.
    assert_eq!(ids(&["river", "emotion:tense"]), vec![tense.id.to_string()]);
    assert_eq!(
        ids(&["emotion:calm", "ritual:walk"]),
        vec![calm.id.to_string()]
    );
    // In the TUI too, with the matched name marked.
    let mut app = app_with(journal.store(), NOW);
    press(&mut app, &[ch('/')]);
    typed(&mut app, "ritual:walk");
    let found = &app.search.as_ref().unwrap().results;
    assert_eq!(found.len(), 1);
    assert!(
        found[0].runs().contains(&("walk".to_string(), true)),
        "{:?}",
        found[0].runs()
    );
}

/// Soft-wrapped rows start with their word, never with the space before it.
#[test]
fn soft_wrapped_rows_never_start_with_a_space() {
    use ratatui::widgets::Widget;
    let text = "the light came in slowly over the roofs and I let it be enough for today";
    for width in [9u16, 10, 11, 12, 17, 23] {
        let area = kindly::tui::widgets::editor(text, "");
        let rect = ratatui::layout::Rect::new(0, 0, width, 12);
        let mut buf = ratatui::buffer::Buffer::empty(rect);
        (&area).render(rect, &mut buf);
        let rows: Vec<String> = (0..12)
            .map(|y| {
                (0..width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect()
            })
            .collect();
        let words: Vec<&str> = rows
            .iter()
            .map(|r| r.as_str())
            .filter(|r| !r.trim().is_empty())
            .collect();
        for row in &words {
            assert!(!row.starts_with(' '), "width {width}: {words:?}");
        }
        assert_eq!(
            words
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            text,
            "width {width}: every word shown"
        );
    }
}

/// At 40×12, under the support band, the focused trap's explanation is shown whole.
#[test]
fn a_trap_explanation_is_whole_at_40x12_under_the_support_band() {
    let app = critic_at_traps("I want to die, nobody would miss me");
    let narrow = plain(&app, 40, 12);
    assert!(narrow.contains("please reach a professional"), "{narrow}");
    assert!(
        narrow.contains("failure, with nothing in between."),
        "{narrow}"
    );
}
