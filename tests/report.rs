//! The report a therapist reads in two minutes: the first page (period, days, mood against
//! the period before, what the person chose to bring, in their words), the figures a
//! clinician looks at, gaps said plainly, and HTML that prints.

mod common;
use common::{TestJournal, kindly};

fn ok(j: &TestJournal, args: &[&str]) -> String {
    let out = j.kindly().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn report(j: &TestJournal, format: &str, extra: &[&str]) -> String {
    let out = j.db.with_file_name(format!("summary.{format}"));
    // The same name each time: a report written again replaces the last.
    let mut args = vec![
        "report",
        "--force",
        "--format",
        format,
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    ok(j, &args);
    std::fs::read_to_string(out).unwrap()
}

/// Two weeks in November with a quiet stretch, a thought record answered twice, a break,
/// and two things marked to bring up.
fn november() -> TestJournal {
    let j = TestJournal::new();
    for (at, mood, note) in [
        ("2026-10-27 09:00", "4", "before the period"),
        ("2026-11-02 08:30", "5", "private words one"),
        ("2026-11-03 20:00", "7", "private words two"),
        ("2026-11-10 09:00", "6", "private words three"),
        ("2026-11-11 14:00", "8", "private words four"),
    ] {
        ok(
            &j,
            &[
                "checkin",
                "--mood",
                mood,
                "--energy",
                "6",
                "--kindness",
                "3",
                "--emotions",
                "tired,hopeful",
                "--note",
                note,
                "--at",
                at,
            ],
        );
    }
    let t1 = ok(
        &j,
        &[
            "thought",
            "--thought",
            "I always mess things up",
            "--voice",
            "Dad",
            "--emotion",
            "ashamed=80",
            "--belief",
            "90",
            "--belief-after",
            "60",
            "--intensity-after",
            "50",
            "--at",
            "2026-11-03 21:00",
        ],
    )
    .trim()
    .to_string();
    ok(
        &j,
        &[
            "thought",
            "--thought",
            "I mess everything up",
            "--voice",
            "Dad",
            "--emotion",
            "ashamed=70",
            "--belief",
            "80",
            "--belief-after",
            "30",
            "--intensity-after",
            "40",
            "--at",
            "2026-11-11 21:00",
        ],
    );
    ok(
        &j,
        &[
            "session",
            "add",
            &t1,
            "--note",
            "ask where Dad's voice comes from",
        ],
    );
    ok(&j, &["session", "add", "--note", "sleep since the move"]);
    j
}

#[test]
fn the_first_page_holds_the_period_the_mood_and_what_was_marked_in_the_persons_words() {
    let j = november();
    let md = report(&j, "md", &["--from", "2026-11-02", "--to", "2026-11-15"]);
    // The period once, in words, in the title; no ISO dates above the same in words.
    assert!(
        md.starts_with("# kindly summary: 2 to 15 November 2026, 2 weeks\n"),
        "{md}"
    );
    assert!(!md.contains("2026-11-02"), "{md}");
    assert!(
        md.contains("- Check-ins on 4 of 14 days (4 check-ins)."),
        "{md}"
    );
    assert!(
        md.contains(
            "- Mood (1 to 10): mean 6.5, from 5 to 8; higher than the 2 weeks before (4.0)."
        ),
        "{md}"
    );
    assert!(
        md.contains("“I always mess things up” — ask where Dad's voice comes from"),
        "{md}"
    );
    assert!(
        md.contains("a thing to remember — sleep since the move"),
        "{md}"
    );
    assert!(
        !md.contains("private words"),
        "other words stay out without --include-notes"
    );
    let with_notes = report(
        &j,
        "md",
        &[
            "--from",
            "2026-11-02",
            "--to",
            "2026-11-15",
            "--include-notes",
        ],
    );
    assert!(with_notes.contains("private words two"));
    // The person's own report speaks to them.
    assert!(with_notes.contains("## In your own words"), "{with_notes}");
    assert!(!with_notes.contains("their own words"), "{with_notes}");
}

#[test]
fn the_figures_a_clinician_looks_at() {
    let j = november();
    let md = report(&j, "md", &["--from", "2026-11-02", "--to", "2026-11-15"]);
    // Week by week: mood, energy, the parts, thought records and their relief.
    assert!(
        md.contains("| 2 Nov | 2 | 6.0 | 6.0 | 3.0 | – | – | 1 | 30.0 | 30.0 |"),
        "{md}"
    );
    assert!(
        md.contains("| 9 Nov | 2 | 7.0 | 6.0 | 3.0 | – | – | 1 | 50.0 | 30.0 |"),
        "{md}"
    );
    assert!(
        md.contains("Noticed most in check-ins: hopeful (4), tired (4)."),
        "{md}"
    );
    assert!(md.contains("| ashamed | 2 | 75.0 | 45.0 |"), "{md}");
    // The voice that came back, and how the relief changed.
    assert!(md.contains("| Dad | 2 | 30.0 | 50.0 |"), "{md}");
    // When: by weekday and time of day, with the check-ins behind each.
    assert!(
        md.contains("| mood | 5.0 | 6.5 | 8.0 | – | – | – | – |"),
        "{md}"
    );
    assert!(
        md.contains("| check-ins | 1 | 2 | 1 | 0 | 0 | 0 | 0 |"),
        "{md}"
    );
    assert!(md.contains("| morning (6–12) | 5.5 | 2 |"), "{md}");
    assert!(md.contains("| evening (18–24) | 7.0 | 1 |"), "{md}");
}

#[test]
fn gaps_are_said_plainly_and_never_before_the_journal_began() {
    let j = november();
    let md = report(&j, "md", &["--from", "2026-11-02", "--to", "2026-11-15"]);
    assert!(md.contains("- No check-ins 4–9 November."), "{md}");
    assert!(md.contains("- No check-ins 12–15 November."), "{md}");
    for word in ["fail", "missed", "streak", "broken"] {
        assert!(!md.to_lowercase().contains(word), "'{word}' in:\n{md}");
    }
    // A journal that begins mid-period: the days before aren't gaps.
    let k = TestJournal::new();
    ok(&k, &["checkin", "--mood", "6", "--at", "2026-11-13 09:00"]);
    let md = report(&k, "md", &["--from", "2026-11-02", "--to", "2026-11-15"]);
    assert!(
        md.contains(
            "Check-ins on 1 of 3 days (1 check-ins, counting from the journal's first day)."
        ),
        "{md}"
    );
    assert!(!md.contains("No check-ins 2"), "{md}");
    // The period starts with the week the journal began: no empty weeks before it.
    assert!(
        md.starts_with("# kindly summary: 9 to 15 November 2026, 1 week\n"),
        "{md}"
    );
    assert!(!md.contains("| 2 Nov |"), "{md}");
    assert!(
        md.contains("no check-ins in the week before to compare with"),
        "{md}"
    );
}

#[test]
fn the_html_prints_on_a4_and_letter_without_splitting_a_chart_or_table() {
    let j = november();
    let html = report(&j, "html", &["--from", "2026-11-02", "--to", "2026-11-15"]);
    assert!(html.contains("@page{margin:15mm}"));
    assert!(html.contains("break-inside:avoid"));
    // The first page flows on into the charts: no page break after its few lines.
    assert!(!html.contains("page-break-after:always"));
    assert!(!html.contains("break-after:page"));
    assert!(html.contains("<h1>kindly summary: 2 to 15 November 2026, 2 weeks</h1>"));
    assert!(html.contains("<figcaption>Kindness to self (1–5)</figcaption>"));
    assert!(html.contains("<figcaption>Common humanity (1–5)</figcaption>"));
    assert!(html.contains("<figcaption>Mindfulness (1–5)</figcaption>"));
    assert!(
        html.contains("ask where Dad&#39;s voice comes from")
            || html.contains("ask where Dad's voice comes from")
    );
    assert!(!html.contains("<script"));
    assert!(!html.contains("private words"));
    let mut reader = quick_xml::Reader::from_str(&html);
    loop {
        if matches!(
            reader.read_event().expect("well-formed"),
            quick_xml::events::Event::Eof
        ) {
            break;
        }
    }
}

#[test]
fn bad_report_periods_are_refused() {
    common::refused(
        &[
            "report",
            "--format",
            "md",
            "-o",
            "x.md",
            "--from",
            "2026-11-20",
            "--to",
            "2026-11-01",
        ],
        "is after --to",
    );
    common::refused(
        &[
            "report", "--format", "md", "-o", "x.md", "--from", "whenever",
        ],
        "--from didn't read as a date",
    );
    common::refused(
        &[
            "report",
            "--format",
            "md",
            "-o",
            "x.md",
            "--from",
            "2026-11-01",
            "--weeks",
            "3",
        ],
        "cannot be used with",
    );
    common::refused(
        &[
            "report",
            "--format",
            "md",
            "-o",
            "x.md",
            "--to",
            "2026-11-01",
        ],
        "--from",
    );
    let _ = kindly;
}
