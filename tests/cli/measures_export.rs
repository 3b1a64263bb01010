//! Measures wherever a check-in goes: the JSON export and import (definitions and values,
//! lossless), `measures.csv` beside the CSV export, and the Markdown check-in line.

use crate::common::{TestJournal, every_kind_of_record, export, export_bytes, run, save_journal};

#[test]
fn json_carries_definitions_and_values_and_comes_back_the_same() {
    let a = TestJournal::new();
    save_journal(&a.db, &every_kind_of_record());
    let first = export_bytes(&a.db);
    let doc: serde_json::Value = serde_json::from_slice(&first).unwrap();
    let names: Vec<&str> = doc["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["sleep", "meds", "pain \"today\" 😣", "café cups"]);
    assert_eq!(doc["measures"][3]["hidden"], true);
    let meds = doc["measures"][1]["id"].clone();
    let given = &doc["checkins"][0]["measures"];
    assert_eq!(given[0]["measure"], meds);
    assert_eq!(given[0]["value"], 1.0);
    assert_eq!(doc["days"][0]["value"], 6.5);
    assert!(
        doc["checkins"][1].get("measures").is_none(),
        "none, none written"
    );

    let file = a.dir.path().join("all.json");
    std::fs::write(&file, &first).unwrap();
    let b = TestJournal::new();
    let (code, said, err) = run(&b.db, &["import", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(!said.contains("passed over"), "{said}");
    assert_eq!(export_bytes(&b.db), first, "lossless");
    let (code, said, _) = run(&b.db, &["import", file.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(said.contains("added 0"), "{said}");
    assert_eq!(export_bytes(&b.db), first, "the second import adds nothing");
}

#[test]
fn a_file_naming_a_measure_kept_here_under_another_id_joins_it() {
    let a = TestJournal::new();
    save_journal(&a.db, &every_kind_of_record());
    let mut doc = export(&a.db);
    // Another journal's "meds", made on its own: same name, its own id.
    let here = doc["measures"][1]["id"].as_str().unwrap().to_string();
    let theirs = "0e6b5a64-f62d-4047-86d1-01ec132ff018";
    let mut text = serde_json::to_string(&doc).unwrap().replace(&here, theirs);
    text = text.replace("2026-11-20T07:45:00+09:00", "2026-11-20T08:45:00+09:00");
    doc = serde_json::from_str(&text).unwrap();
    doc["checkins"][0]["id"] = "5f0c2a4e-8a3b-4c1d-9e2f-0a1b2c3d4e5f".into();
    let file = a.dir.path().join("theirs.json");
    std::fs::write(&file, serde_json::to_vec(&doc).unwrap()).unwrap();
    let (code, _, err) = run(
        &a.db,
        &["import", file.to_str().unwrap(), "--from", "kindly"],
    );
    assert_eq!(code, 0, "{err}");
    let after = export(&a.db);
    assert_eq!(
        after["measures"].as_array().unwrap().len(),
        4,
        "no second meds"
    );
    let joined = after["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "5f0c2a4e-8a3b-4c1d-9e2f-0a1b2c3d4e5f")
        .unwrap();
    assert_eq!(joined["measures"][0]["measure"], here.as_str());
}

#[test]
fn a_value_in_a_file_that_doesnt_fit_its_measure_is_named_and_nothing_is_imported() {
    let a = TestJournal::new();
    save_journal(&a.db, &every_kind_of_record());
    for (what, change) in [
        ("pain", (0usize, 1usize, serde_json::json!(9))),
        (
            "isn't among the file's measures",
            (0, 0, serde_json::Value::Null),
        ),
    ] {
        let mut doc = export(&a.db);
        let (c, i, value) = change;
        if value.is_null() {
            doc["checkins"][c]["measures"][i]["measure"] =
                "0e6b5a64-f62d-4047-86d1-01ec132ff018".into();
        } else {
            doc["checkins"][c]["measures"][i]["value"] = value;
        }
        let file = a.dir.path().join("bad.json");
        std::fs::write(&file, serde_json::to_vec(&doc).unwrap()).unwrap();
        let b = TestJournal::new();
        let (code, _, err) = run(
            &b.db,
            &["import", file.to_str().unwrap(), "--from", "kindly"],
        );
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains("checkins[0].measures") && err.contains(what),
            "{err}"
        );
        assert!(!b.db.exists() || export(&b.db)["checkins"].as_array().unwrap().is_empty());
    }
}

#[test]
fn csv_writes_measures_csv_and_markdown_puts_values_on_the_checkin_line() {
    let a = TestJournal::new();
    save_journal(&a.db, &every_kind_of_record());
    let dir = a.dir.path().join("csv");
    let (code, _, err) = run(
        &a.db,
        &["export", "--format", "csv", "-o", dir.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    let csv = std::fs::read_to_string(dir.join("measures.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "day,at,checkin_id,measure_id,measure,value,unit");
    assert_eq!(lines.len(), 5, "{csv}");
    assert!(lines[1].contains(",meds,yes,"), "{csv}");
    assert!(lines[2].contains(",\"pain \"\"today\"\" 😣\",4,"), "{csv}");
    assert!(lines[3].ends_with(",café cups,3,cups"), "{csv}");
    assert!(
        lines[4].starts_with("2026-11-20,") && lines[4].ends_with(",sleep,6.5,hours"),
        "{csv}"
    );
    let (code, md, _) = run(&a.db, &["export", "--format", "md"]);
    assert_eq!(code, 0);
    assert!(
        md.contains("· mood 3 · energy 2 · meds yes · pain \"today\" 😣 4 · café cups 3 cups\n"),
        "{md}"
    );
    assert!(md.contains("_For the day: sleep 6.5 hours_"), "{md}");
}
