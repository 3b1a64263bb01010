//! `kindly trends` and `kindly report`.

use super::*;

#[test]
fn trends_json_on_a_fixture_is_exactly_as_expected() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    for (mood, at, rituals) in [
        ("4", "2026-11-02 09:00", "walk"),
        ("8", "2026-11-02 20:00", "walk"),
        ("5", "2026-11-04 09:00", "walk"),
        ("3", "2026-11-05 09:00", "tea"),
        ("7", "2026-11-09 09:00", "walk"),
        ("2", "2026-11-11 09:00", "tea"),
        ("4", "2026-11-13 09:00", "tea"),
        ("9", "2026-11-16 09:00", "walk"), // after --until: left out
    ] {
        kindly(&db)
            .args(["checkin", "--mood", mood, "--at", at, "--rituals", rituals])
            .assert()
            .success();
    }
    kindly(&db)
        .args([
            "thought",
            "--thought",
            "I'm useless",
            "--belief",
            "80",
            "--belief-after",
            "30",
            "--emotion",
            "shame=90",
            "--intensity-after",
            "50",
            "--at",
            "2026-11-10 10:00",
        ])
        .assert()
        .success();
    kindly(&db)
        .args([
            "thought",
            "--thought",
            "Nobody cares",
            "--belief",
            "70",
            "--at",
            "2026-11-11 10:00",
        ])
        .assert()
        .success();
    let out = kindly(&db)
        .args([
            "trends",
            "--weeks",
            "2",
            "--until",
            "2026-11-15",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected = serde_json::json!({
        "until": "2026-11-15",
        "weeks": [
            {"start": "2026-11-02", "days": 3, "mean": 4.666666666666667, "min": 3.0, "max": 6.0},
            {"start": "2026-11-09", "days": 3, "mean": 4.333333333333333, "min": 2.0, "max": 7.0}
        ],
        "rituals": [
            {"name": "tea", "days_with": 3, "mean_with": 3.0, "days_without": 3, "mean_without": 6.0},
            {"name": "walk", "days_with": 3, "mean_with": 6.0, "days_without": 3, "mean_without": 3.0}
        ],
        "thoughts": {"count": 2, "mean_belief_relief": 50.0, "mean_intensity_relief": 40.0},
        "breaks": {"count": 0, "mean_before": null, "mean_after": null},
        "parts": [
            {"start": "2026-11-02", "kindness": null, "humanity": null, "mindfulness": null},
            {"start": "2026-11-09", "kindness": null, "humanity": null, "mindfulness": null}
        ]
    });
    assert_eq!(got, expected);
    let text = kindly(&db)
        .args(["trends", "--weeks", "2", "--until", "2026-11-15"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("2026-11-02     3   4.7   3.0   6.0"),
        "{text}"
    );
    assert!(
        text.contains("belief eased 50.0 points on average"),
        "{text}"
    );
}

#[test]
fn trends_refuses_bad_spans() {
    refused(&["trends", "--weeks", "0"], "--weeks");
    refused(&["trends", "--weeks", "many"], "many");
    refused(
        &["trends", "--until", "29/11/2026"],
        "--until could mean two days",
    );
}

#[test]
fn the_html_report_is_well_formed_with_one_point_per_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args(["demo", "--weeks", "6", "--fill-only"])
        .assert()
        .success();
    let html = dir.path().join("summary.html");
    kindly(&db)
        .args(["report", "--weeks", "4", "--format", "html", "-o"])
        .arg(&html)
        .assert()
        .success();
    let mode = std::fs::metadata(&html).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let text = std::fs::read_to_string(&html).unwrap();
    // Parse it strictly: every tag closed, every attribute quoted.
    let mut reader = quick_xml::Reader::from_str(&text);
    let (mut in_svg, mut circles, mut svgs) = (false, 0, 0);
    loop {
        match reader.read_event().expect("the report is well-formed") {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == "svg" => {
                in_svg = true;
                svgs += 1;
            }
            quick_xml::events::Event::End(e) if e.name().as_ref() == "svg" => in_svg = false,
            quick_xml::events::Event::Start(e) if in_svg && e.name().as_ref() == "circle" => {
                circles += 1
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(svgs, 7, "the daily chart and six weekly small multiples");
    let trends = kindly(&db)
        .args(["trends", "--weeks", "4", "--format", "json"])
        .output()
        .unwrap();
    let trends: serde_json::Value = serde_json::from_slice(&trends.stdout).unwrap();
    let days: u64 = trends["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["days"].as_u64().unwrap())
        .sum();
    assert_eq!(circles, days, "one point per day with check-ins");
    assert!(!text.contains("<script"), "no scripts");
    assert_eq!(
        text.matches("http").count(),
        text.matches("http://www.w3.org/2000/svg").count(),
        "nothing outside but the SVG namespace"
    );
}

#[test]
fn the_markdown_report_keeps_notes_out_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    kindly(&db)
        .args([
            "checkin",
            "--mood",
            "3",
            "--note",
            "a very private sentence",
            "--rituals",
            "walk",
            "--at",
            "2026-11-10 09:00",
        ])
        .assert()
        .success();
    let md = dir.path().join("summary.md");
    let run = |extra: &[&str]| {
        kindly(&db)
            .args([
                "report",
                "--weeks",
                "2",
                "--until",
                "2026-11-15",
                "--format",
                "md",
                "-o",
            ])
            .arg(&md)
            .args(extra)
            .assert()
            .success();
        std::fs::read_to_string(&md).unwrap()
    };
    let plain = run(&[]);
    assert!(
        // The journal began on 10 November: the report starts with that week.
        plain.contains("# kindly summary: 9 to 15 November 2026, 1 week"),
        "{plain}"
    );
    assert!(plain.contains("| 9 Nov | 1 | 3.0 | – |"), "{plain}");
    assert!(
        !plain.contains("a very private sentence"),
        "aggregates only by default"
    );
    let with_notes = run(&["--include-notes", "--force"]);
    assert!(with_notes.contains("a very private sentence"));
}

#[test]
fn report_refuses_missing_format_or_output() {
    refused(&["report", "-o", "x.txt"], "--format");
    refused(&["report", "--format", "pdf", "-o", "x.pdf"], "pdf");
    refused(&["report", "--format", "md"], "--output");
}
