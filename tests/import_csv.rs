//! kindly reads its own CSV export back: the folder `export --format csv -o DIR` writes, or
//! any one of its files, with every field the CSV carries.

use std::path::Path;

mod common;
use common::{TestJournal, every_kind_of_record, kindly, ok, save_journal};

fn csv_export(db: &Path, to: &Path) {
    kindly(db)
        .args(["export", "--format", "csv", "-o"])
        .arg(to)
        .assert()
        .success();
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    kindly::io::text::CSV_FILES
        .iter()
        .map(|f| (f.to_string(), std::fs::read(dir.join(f)).unwrap()))
        .collect()
}

#[test]
fn a_csv_export_imported_into_a_new_journal_exports_the_same_csv() {
    let a = TestJournal::new();
    save_journal(&a.db, &every_kind_of_record());
    let first = a.dir.path().join("first");
    csv_export(&a.db, &first);

    let b = TestJournal::new();
    let said = ok(&b.db, &["import", first.to_str().unwrap()]);
    assert!(
        said.starts_with(
            "7 records in the file (2 check-ins, 1 thought record, 2 journal pages or letters, 2 breaks): added 7, unchanged 0."
        ),
        "{said}"
    );
    let again = a.dir.path().join("again");
    csv_export(&b.db, &again);
    for ((name, want), (_, got)) in files(&first).into_iter().zip(files(&again)) {
        assert_eq!(
            String::from_utf8(got).unwrap(),
            String::from_utf8(want).unwrap(),
            "{name}"
        );
    }
    // Twice is once.
    let said = ok(&b.db, &["import", first.to_str().unwrap()]);
    assert!(said.contains("added 0, unchanged 7."), "{said}");
}

#[test]
fn one_file_of_a_csv_export_is_read_alone() {
    let a = TestJournal::new();
    save_journal(&a.db, &every_kind_of_record());
    let out = a.dir.path().join("csv");
    csv_export(&a.db, &out);
    let b = TestJournal::new();
    let said = ok(
        &b.db,
        &["import", out.join("thoughts.csv").to_str().unwrap()],
    );
    assert!(
        said.starts_with("1 record in the file (1 thought record): added 1"),
        "{said}"
    );
    let thought = &b.export()["thoughts"][0];
    assert_eq!(
        thought,
        &a.export()["thoughts"][0],
        "every field the CSV carries"
    );
}

#[test]
fn a_folder_without_kindlys_files_or_a_bad_cell_is_refused_with_nothing_written() {
    let j = TestJournal::new();
    let empty = j.dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = kindly(&j.db).arg("import").arg(&empty).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("without kindly's CSV files"), "{err}");
    let bad = j.file(
        "checkins.csv",
        "id,at,mood,energy,emotions,rituals,kindness,humanity,mindfulness,note\n5f0c2a4e-8a3b-4c1d-9e2f-0a1b2c3d4e5f,2026-11-29T08:00:00+01:00,eleven,,,,,,,\n",
    );
    let out = kindly(&j.db).arg("import").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("line 2") && err.contains("mood 'eleven'"),
        "{err}"
    );
    assert!(!j.db.exists(), "nothing written");
}
