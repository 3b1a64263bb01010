//! Moving in from the files people really have: Daylio backups, Day One exports, Daylio's
//! older CSV layout, jrnl's date-only shape, files given with the wrong `--from` or none,
//! time zones and clock changes. Each file is written here in the format's real shape.

use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;

mod common;
use common::{TestJournal, kindly};

/// Runs `kindly import FILE ARGS...` and returns (exit code, stdout, stderr).
fn import(j: &TestJournal, file: &Path, args: &[&str]) -> (i32, String, String) {
    let out = kindly(&j.db)
        .arg("import")
        .arg(file)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Imports and expects it to go well; gives the summary line.
fn imported(j: &TestJournal, file: &Path, args: &[&str]) -> String {
    let (code, out, err) = import(j, file, args);
    assert_eq!(code, 0, "{err}");
    out
}

/// Expects a refusal: exit 2, one line naming `needle`, and the journal untouched.
fn refused(j: &TestJournal, file: &Path, args: &[&str], needle: &str) {
    let before = j.db.exists().then(|| std::fs::read(&j.db).unwrap());
    let (code, out, err) = import(j, file, args);
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains(needle), "expected '{needle}' in: {err}");
    assert_eq!(
        j.db.exists().then(|| std::fs::read(&j.db).unwrap()),
        before,
        "nothing written"
    );
}

fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            z.start_file(*name, opts).unwrap();
            z.write_all(bytes).unwrap();
        }
        z.finish().unwrap();
    }
    out.into_inner()
}

/// A Daylio backup as the app writes it: a zip holding `backup.daylio` (base64 of the JSON)
/// and an `assets` folder. Daylio's five moods, one custom mood in the "good" group, and
/// entries at two offsets.
fn daylio_backup(entries: &str) -> Vec<u8> {
    let json = format!(
        r#"{{"version":15,"isReminderOn":true,"customMoods":[
{{"id":1,"custom_name":"","mood_group_id":1,"mood_group_order":0,"icon_id":1,"predefined_name_id":1,"state":0,"createdAt":1500000000000}},
{{"id":2,"custom_name":"","mood_group_id":2,"mood_group_order":0,"icon_id":2,"predefined_name_id":2,"state":0,"createdAt":1500000000000}},
{{"id":3,"custom_name":"","mood_group_id":3,"mood_group_order":0,"icon_id":3,"predefined_name_id":3,"state":0,"createdAt":1500000000000}},
{{"id":4,"custom_name":"","mood_group_id":4,"mood_group_order":0,"icon_id":4,"predefined_name_id":4,"state":0,"createdAt":1500000000000}},
{{"id":5,"custom_name":"","mood_group_id":5,"mood_group_order":0,"icon_id":5,"predefined_name_id":5,"state":0,"createdAt":1500000000000}},
{{"id":6,"custom_name":"Content","mood_group_id":2,"mood_group_order":1,"icon_id":7,"predefined_name_id":-1,"state":0,"createdAt":1600000000000}}],
"tags":[{{"id":1,"name":"walk","createdAt":1,"icon":1,"order":1,"state":0,"id_tag_group":1}},
{{"id":2,"name":"friends","createdAt":1,"icon":2,"order":2,"state":0,"id_tag_group":1}}],
"dayEntries":[{entries}],
"goals":[],"prefs":[],"tag_groups":[{{"id":1,"name":"Social","is_expanded":true,"order":1}}],
"metadata":{{"number_of_entries":2,"created_at":1700000000000,"is_auto_backup":false,"platform":"android","android_version":30,"number_of_photos":0,"photos_size":0}}}}"#
    );
    let b64 = base64::engine::general_purpose::STANDARD.encode(json.as_bytes());
    zip(&[
        ("backup.daylio", b64.as_bytes()),
        ("assets/photos/2024/3/a.jpg", b"\xff\xd8\xff"),
    ])
}

/// One `dayEntries` item: `datetime` in ms (UTC) and the offset of the zone it was made in.
fn day_entry(id: u32, utc: &str, offset_hours: i64, mood: u32, note: &str, tags: &str) -> String {
    let ms = chrono::DateTime::parse_from_rfc3339(utc)
        .unwrap()
        .timestamp_millis();
    format!(
        r#"{{"id":{id},"minute":0,"hour":0,"day":1,"month":0,"year":2024,"datetime":{ms},"timeZoneOffset":{},"mood":{mood},"note":{},"note_title":"","tags":[{tags}],"assets":[],"isFavorite":false}}"#,
        offset_hours * 3_600_000,
        serde_json::to_string(note).unwrap()
    )
}

#[test]
fn a_daylio_backup_imports_moods_rituals_notes_and_each_entrys_own_offset() {
    let j = TestJournal::new();
    let entries = [
        day_entry(
            1,
            "2024-03-14T20:05:00Z",
            1,
            2,
            "a walk by the canal  ",
            "1,2",
        ),
        day_entry(
            2,
            "2024-07-01T06:30:00Z",
            -4,
            6,
            "<div>tea &amp; toast</div>",
            "",
        ),
        day_entry(3, "2024-07-02T06:30:00Z", -4, 5, "", "1"),
    ]
    .join(",");
    let file = j.file("backup_2024_07_03.daylio", daylio_backup(&entries));
    let said = imported(&j, &file, &["--from", "daylio"]);
    assert!(
        said.starts_with("3 records in the file (3 check-ins): added 3"),
        "{said}"
    );
    let doc = j.export();
    let mut checkins = doc["checkins"].as_array().unwrap().clone();
    checkins.sort_by_key(|c| c["at"].as_str().unwrap().to_string());
    assert_eq!(checkins[0]["at"], "2024-03-14T21:05:00+01:00");
    assert_eq!(checkins[0]["mood"], 8);
    assert_eq!(
        checkins[0]["rituals"],
        serde_json::json!(["walk", "friends"])
    );
    assert_eq!(checkins[0]["note"], "a walk by the canal  ");
    // A custom mood in Daylio's "good" group is an 8, with no question asked.
    assert_eq!(checkins[1]["at"], "2024-07-01T02:30:00-04:00");
    assert_eq!(checkins[1]["mood"], 8);
    assert_eq!(checkins[1]["note"], "tea & toast");
    assert_eq!(checkins[2]["mood"], 1);
    // The same backup again adds nothing; its moods can be given other numbers.
    let said = imported(&j, &file, &["--from", "daylio", "--mood-map", "content=7"]);
    assert!(said.contains("added 0, updated 1, unchanged 2"), "{said}");
    // And without --from, kindly knows it for a backup.
    let said = imported(&j, &file, &[]);
    assert!(said.contains("added 0"), "{said}");
}

#[test]
fn a_daylio_backup_finds_the_check_ins_its_csv_brought_in() {
    let j = TestJournal::new();
    let csv = j.file(
        "daylio_export.csv",
        "full_date,date,weekday,time,mood,activities,note_title,note\n2024-03-14,March 14,Thursday,21:05,good,walk | friends,,\"a walk by the canal  \"\n",
    );
    assert!(imported(&j, &csv, &["--timezone", "Europe/Paris"]).contains("added 1"));
    let backup = j.file(
        "b.daylio",
        daylio_backup(&day_entry(
            1,
            "2024-03-14T20:05:00Z",
            1,
            2,
            "a walk by the canal  ",
            "1,2",
        )),
    );
    let said = imported(&j, &backup, &[]);
    assert!(said.contains("added 0, unchanged 1"), "{said}");
}

#[test]
fn the_backups_text_alone_also_imports() {
    let j = TestJournal::new();
    let zipped = daylio_backup(&day_entry(1, "2024-03-14T20:05:00Z", 0, 3, "", ""));
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(zipped)).unwrap();
    let mut inner = Vec::new();
    std::io::Read::read_to_end(&mut z.by_name("backup.daylio").unwrap(), &mut inner).unwrap();
    let file = j.file("backup.daylio", inner);
    assert!(imported(&j, &file, &[]).contains("added 1"));
}

/// A Day One export's JSON, as `Journal.json` holds it.
fn dayone_json(entries: &str) -> String {
    format!(r#"{{"metadata":{{"version":"1.0"}},"entries":[{entries}]}}"#)
}

fn dayone_entry(uuid: &str, utc: &str, zone: &str, text: Option<&str>, extra: &str) -> String {
    let text = text.map_or(String::new(), |t| {
        format!(r#""text":{},"#, serde_json::to_string(t).unwrap())
    });
    format!(
        r#"{{"uuid":"{uuid}","creationDate":"{utc}","modifiedDate":"{utc}","timeZone":"{zone}",{text}"creationDevice":"Phone","duration":0,"isPinned":false,"starred":false,{extra}"location":{{"localityName":"Leeds","country":"UK"}},"weather":{{"temperatureCelsius":9}}}}"#
    )
}

#[test]
fn a_day_one_zip_becomes_pages_with_titles_tags_zones_and_no_photos() {
    let j = TestJournal::new();
    let entries = [
        dayone_entry(
            "A1B2C3D4E5F60718293A4B5C6D7E8F90",
            "2024-03-14T20:05:00Z",
            "Europe/London",
            Some("# A quiet evening\n\nTea with Sam.\n![](dayone-moment://0F1E2D3C4B5A69788796A5B4C3D2E1F0)\nWe laughed.  \n"),
            r#""tags":["friends","evening"],"photos":[{"identifier":"0F1E2D3C4B5A69788796A5B4C3D2E1F0","type":"jpeg","md5":"abc"}],"#,
        ),
        dayone_entry(
            "B1B2C3D4E5F60718293A4B5C6D7E8F90",
            "2024-07-01T12:00:00Z",
            "America/New_York",
            Some("Sunny walk, no heading."),
            r#""starred":true,"#,
        ),
        dayone_entry(
            "C1B2C3D4E5F60718293A4B5C6D7E8F90",
            "2024-07-02T12:00:00Z",
            "America/New_York",
            Some("![](dayone-moment://11111111111111111111111111111111)"),
            "",
        ),
        dayone_entry(
            "D1B2C3D4E5F60718293A4B5C6D7E8F90",
            "2024-07-03T12:00:00Z",
            "America/New_York",
            None,
            "",
        ),
    ]
    .join(",");
    let json =
        dayone_json(&entries).replace(r#""starred":false,"starred":true"#, r#""starred":true"#);
    let file = j.file(
        "export.zip",
        zip(&[
            ("Journal.json", json.as_bytes()),
            ("photos/0f1e2d3c4b5a69788796a5b4c3d2e1f0.jpeg", b"\xff\xd8"),
        ]),
    );
    let (code, said, err) = import(&j, &file, &["--from", "dayone"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        said.starts_with("2 records in the file (2 journal pages or letters): added 2"),
        "{said}"
    );
    assert!(said.contains("2 records passed over"), "{said}");
    assert!(said.contains("2 photo or media links taken out"), "{said}");
    assert!(err.contains("only photos"), "{err}");
    assert!(err.contains("no text"), "{err}");
    let doc = j.export();
    let mut pages = doc["entries"].as_array().unwrap().clone();
    pages.sort_by_key(|p| p["at"].as_str().unwrap().to_string());
    assert_eq!(pages[0]["at"], "2024-03-14T20:05:00+00:00");
    assert_eq!(pages[0]["title"], "A quiet evening");
    assert_eq!(pages[0]["body"], "Tea with Sam.\nWe laughed.  \n");
    assert_eq!(pages[0]["tags"], serde_json::json!(["friends", "evening"]));
    assert_eq!(pages[1]["at"], "2024-07-01T08:00:00-04:00");
    assert_eq!(pages[1]["title"], serde_json::Value::Null);
    assert_eq!(pages[1]["tags"], serde_json::json!(["starred"]));
    // Detected without --from, and the same entries again add nothing.
    assert!(imported(&j, &file, &[]).contains("added 0, unchanged 2"));
    // The JSON alone is the same export.
    let alone = j.file("Journal.json", &json);
    assert!(imported(&j, &alone, &[]).contains("added 0, unchanged 2"));
}

fn daylio_older(rows: &str) -> String {
    format!("year,date,weekday,time,mood,activities,note\n{rows}")
}

#[test]
fn daylios_older_layout_imports_in_english_and_says_what_to_do_otherwise() {
    let j = TestJournal::new();
    let file = j.file(
        "old.csv",
        daylio_older("2018,June 22,Friday,11:54 pm,rad,reading | sport,\"Good day, \"\"really\"\"\"\n2017,Dec 31,Sunday,9:05 am,awful,,\n"),
    );
    let said = imported(&j, &file, &["--timezone", "UTC"]);
    assert!(said.contains("added 2"), "{said}");
    let doc = j.export();
    let ats: Vec<&str> = doc["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["at"].as_str().unwrap())
        .collect();
    assert!(ats.contains(&"2018-06-22T23:54:00+00:00"), "{ats:?}");
    assert!(ats.contains(&"2017-12-31T09:05:00+00:00"), "{ats:?}");
    let german = j.file(
        "alt.csv",
        daylio_older("2018,22. Juni,Freitag,23:54,super,,\n"),
    );
    refused(&j, &german, &[], "English month names only");
}

#[test]
fn a_csv_without_its_header_line_is_named_for_what_it_is() {
    let j = TestJournal::new();
    let file = j.file(
        "noheader.csv",
        "2024-03-14,March 14,Thursday,21:05,good,walk,,\"a note\"\n",
    );
    refused(
        &j,
        &file,
        &[],
        "no header line; add \"full_date,date,weekday",
    );
    refused(&j, &file, &["--from", "daylio"], "no header line");
}

#[test]
fn a_file_given_with_the_wrong_from_is_named_and_nothing_is_written() {
    let j = TestJournal::new();
    let dayone = j.file(
        "Journal.json",
        dayone_json(&dayone_entry(
            "A1",
            "2024-03-14T20:05:00Z",
            "UTC",
            Some("hi"),
            "",
        )),
    );
    refused(
        &j,
        &dayone,
        &["--from", "jrnl"],
        "looks like a Day One export, not a jrnl export; import it with --from dayone",
    );
    let backup = j.file(
        "b.daylio",
        daylio_backup(&day_entry(1, "2024-03-14T20:05:00Z", 0, 3, "", "")),
    );
    refused(
        &j,
        &backup,
        &["--from", "dayone"],
        "looks like a Daylio backup",
    );
    refused(&j, &backup, &["--from", "jrnl"], "--from daylio");
    let nonsense = j.file("notes.txt", "shopping: eggs, milk\n");
    refused(&j, &nonsense, &[], "isn't a file kindly recognises");
    let empty = j.file("empty.csv", "\n");
    refused(&j, &empty, &[], "empty.csv is empty");
    refused(
        &j,
        &dayone,
        &["--mood-map", "x=3"],
        "--mood-map is only for Daylio",
    );
    let export = j.file("k.json", r#"{"format":"kindly","version":1,"checkins":[]}"#);
    refused(
        &j,
        &export,
        &["--timezone", "UTC"],
        "--timezone is for files",
    );
}

#[test]
fn jrnl_entries_whose_date_holds_the_time_import() {
    let j = TestJournal::new();
    let file = j.file(
        "jrnl.json",
        r#"{"tags": {"@work": 1}, "entries": [
{"title": "Long day.", "body": " Talked to my manager.\n", "date": "2024-03-14 18:30", "starred": false, "tags": ["@work"]},
{"title": "Quiet.", "body": "", "date": "2024-03-15 07:00:00", "starred": true, "tags": []}]}"#,
    );
    let said = imported(&j, &file, &["--timezone", "Europe/Berlin"]);
    assert!(said.contains("added 2"), "{said}");
    let doc = j.export();
    let mut pages = doc["entries"].as_array().unwrap().clone();
    pages.sort_by_key(|p| p["at"].as_str().unwrap().to_string());
    assert_eq!(pages[0]["at"], "2024-03-14T18:30:00+01:00");
    assert_eq!(pages[0]["body"], " Talked to my manager.\n");
    assert_eq!(pages[1]["at"], "2024-03-15T07:00:00+01:00");
    // The same entries written the usual way (date and time apart), and the body edited in
    // jrnl: the same pages, updated.
    let again = j.file(
        "jrnl2.json",
        r#"{"tags": {}, "entries": [
{"title": "Long day.", "body": " Talked to my manager. It went well.\n", "date": "2024-03-14", "time": "18:30", "starred": false, "tags": ["@work"]},
{"title": "Quiet.", "body": "", "date": "2024-03-15", "time": "07:00", "starred": true, "tags": []}]}"#,
    );
    let said = imported(
        &j,
        &again,
        &["--from", "jrnl", "--timezone", "Europe/Berlin"],
    );
    assert!(said.contains("added 0, updated 1, unchanged 1"), "{said}");
}

fn csv(rows: &str) -> String {
    format!("full_date,date,weekday,time,mood,activities,note_title,note\n{rows}")
}

#[test]
fn a_row_at_a_skipped_hour_moves_forward_and_a_repeated_hour_takes_the_earlier_time() {
    let j = TestJournal::new();
    let file = j.file(
        "d.csv",
        csv("2024-10-27,October 27,Sunday,1:30 am,meh,,,\"back\"\n2024-03-31,March 31,Sunday,1:30 am,good,,,\"forward\"\n2024-03-30,March 30,Saturday,21:00,good,,,\"\"\n"),
    );
    let (code, said, err) = import(&j, &file, &["--timezone", "Europe/London"]);
    assert_eq!(code, 0, "{err}");
    assert!(said.contains("added 3"), "{said}");
    assert!(
        said.contains("2 times adjusted at a clock change"),
        "{said}"
    );
    assert!(err.contains("2024-03-31 01:30 didn't happen in Europe/London (the clocks went forward), so it is at 02:00"), "{err}");
    assert!(
        err.contains("2024-10-27 01:30 happened twice in Europe/London"),
        "{err}"
    );
    let doc = j.export();
    let ats: Vec<&str> = doc["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["at"].as_str().unwrap())
        .collect();
    assert!(ats.contains(&"2024-03-31T02:00:00+01:00"), "{ats:?}");
    assert!(ats.contains(&"2024-10-27T01:30:00+01:00"), "{ats:?}");
}

#[test]
fn the_same_file_under_three_zones_adds_nothing() {
    let j = TestJournal::new();
    let file = j.file(
        "d.csv",
        csv("2024-03-14,March 14,Thursday,21:05,good,walk,,\"one\"\n2024-03-14,March 14,Thursday,21:05,bad,,,\"same minute\"\n2024-03-13,March 13,Wednesday,8:00\u{202f}AM,rad,,,\"\"\n"),
    );
    assert!(imported(&j, &file, &["--timezone", "Asia/Tokyo"]).contains("added 3"));
    for zone in ["America/Los_Angeles", "Europe/Berlin", "UTC"] {
        let said = imported(&j, &file, &["--timezone", zone]);
        assert!(said.contains("added 0"), "{zone}: {said}");
    }
    // With the machine's own zone too.
    let out = kindly(&j.db)
        .env("TZ", "Australia/Sydney")
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("added 0"));
    assert_eq!(j.export()["checkins"].as_array().unwrap().len(), 3);
}

#[test]
fn a_zone_kindly_doesnt_know_is_refused() {
    let j = TestJournal::new();
    let file = j.file("d.csv", csv("2024-03-14,March 14,Thursday,21:05,good,,,\n"));
    refused(
        &j,
        &file,
        &["--timezone", "Europe/Atlantis"],
        "give an IANA name like Europe/Berlin",
    );
}

#[test]
fn a_duplicate_row_is_counted_as_one() {
    let j = TestJournal::new();
    let row = "2024-03-14,March 14,Thursday,21:05,good,walk,,\"one\"\n";
    let file = j.file("d.csv", csv(&format!("{row}{row}")));
    let said = imported(&j, &file, &[]);
    assert!(
        said.starts_with("1 record in the file (1 check-in): added 1"),
        "{said}"
    );
    assert!(
        said.contains("1 record was twice in the file, counted once"),
        "{said}"
    );
}

#[test]
fn a_mood_label_with_a_comma_can_be_mapped() {
    let j = TestJournal::new();
    let file = j.file(
        "d.csv",
        csv("2024-03-14,March 14,Thursday,21:05,\"so-so, really\",,,\n2024-03-15,March 15,Friday,21:05,a=b,,,\n"),
    );
    refused(&j, &file, &[], r#"--mood-map '"a=b"=N,"so-so, really"=N'"#);
    let said = imported(&j, &file, &["--mood-map", r#""so-so, really"=5,"a=b"=4"#]);
    assert!(said.contains("added 2"), "{said}");
}

fn start_import(name: &str, dir: &Path, db: &Path, file: &Path) -> common::tmux::Pane {
    common::tmux::Pane::start_with(
        name,
        dir,
        db,
        (80, 24),
        &format!("import '{}'", file.display()),
    )
}

#[test]
fn at_a_terminal_unknown_moods_are_asked_one_key_each() {
    let j = TestJournal::new();
    let file: PathBuf = j.file(
        "d.csv",
        csv("2024-03-14,March 14,Thursday,21:05,Content,,,\n2024-03-15,March 15,Friday,21:05,Content,,,\n2024-03-16,March 16,Saturday,21:05,Low,,,\n"),
    );
    let dir = tempfile::tempdir().unwrap();
    let pane = start_import("moods-asked", dir.path(), &j.db, &file);
    pane.wait_for("\u{201c}Content\u{201d} (2 check-ins):");
    pane.keys(&["x", "7"]);
    pane.wait_for("\u{201c}Low\u{201d} (1 check-in):");
    pane.keys(&["0"]);
    let screen = pane.wait_for("added 3");
    assert!(
        screen.contains("Next time, --mood-map 'content=7,low=10'"),
        "{screen}"
    );
    let (code, _) = pane.wait_exit();
    assert_eq!(code, "0");
    let moods: Vec<u64> = j.export()["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["mood"].as_u64().unwrap())
        .collect();
    assert_eq!(moods.iter().filter(|m| **m == 7).count(), 2);
    assert_eq!(moods.iter().filter(|m| **m == 10).count(), 1);
}

#[test]
fn at_a_terminal_esc_stops_and_nothing_is_written() {
    let j = TestJournal::new();
    let file = j.file(
        "d.csv",
        csv("2024-03-14,March 14,Thursday,21:05,Content,,,\n"),
    );
    let dir = tempfile::tempdir().unwrap();
    let pane = start_import("moods-esc", dir.path(), &j.db, &file);
    pane.wait_for("(1 check-in):");
    pane.keys(&["Escape"]);
    let (code, _) = pane.wait_exit();
    assert_eq!(code, "2");
    let screen = pane.tmux(&["capture-pane", "-p", "-J", "-t", "e2e"]);
    assert!(screen.contains("nothing was imported"), "{screen}");
    assert!(!j.db.exists());
}

#[test]
fn a_changed_mood_map_updates_only_what_you_havent_edited() {
    let j = TestJournal::new();
    let file = j.file(
        "d.csv",
        csv("2024-03-14,March 14,Thursday,21:05,content,,,\"one\"\n2024-03-15,March 15,Friday,21:05,content,,,\"two\"\n"),
    );
    assert!(imported(&j, &file, &["--mood-map", "content=7"]).contains("added 2"));
    // The person sets the first one's mood to 9 in kindly.
    let mut store = j.store();
    let mut first = store
        .checkins_between(None, None)
        .unwrap()
        .into_iter()
        .find(|c| c.note.as_deref() == Some("one"))
        .unwrap();
    first.mood = <kindly::domain::Mood as kindly::domain::Scale>::new(9).unwrap();
    store.save_checkin(&first, None).unwrap();
    drop(store);
    let said = imported(&j, &file, &["--mood-map", "content=6"]);
    assert!(
        said.contains("updated 1, unchanged 0, kept your 1 edit"),
        "{said}"
    );
    let mut moods: Vec<(String, u64)> = j.export()["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["note"].as_str().unwrap().to_string(),
                c["mood"].as_u64().unwrap(),
            )
        })
        .collect();
    moods.sort();
    assert_eq!(moods, [("one".to_string(), 9), ("two".to_string(), 6)]);
}
