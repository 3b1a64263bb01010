//! What people do over months: export from Daylio, import, edit a little in kindly, rename
//! an activity in Daylio, export again next month, import again, perhaps on a laptop in
//! another zone. Whatever the order, the journal holds each Daylio row once (plus what was
//! written only in kindly), and an edit made in kindly is never overwritten.

use std::collections::HashMap;

use kindly::domain::*;
use proptest::prelude::*;

mod common;
use common::{TestJournal, kindly};

const ZONES: [&str; 3] = ["UTC", "America/Los_Angeles", "Asia/Tokyo"];
const MOODS: [(&str, u8); 5] = [
    ("rad", 10),
    ("good", 8),
    ("meh", 5),
    ("bad", 3),
    ("awful", 1),
];

/// A Daylio row as the app holds it.
#[derive(Debug, Clone)]
struct Row {
    day: u8,
    minute: u8,
    mood: usize,
    activities: Vec<usize>,
    note: String,
    /// The note kindly holds for it since the last import, if one has brought it in.
    in_kindly: Option<String>,
    /// The note the person wrote over it in kindly, if they did.
    kindly_note: Option<String>,
}

/// Daylio's side (rows and activity names) and kindly's (what was added only there).
#[derive(Debug, Default)]
struct Model {
    rows: Vec<Row>,
    activities: Vec<String>,
    kindly_only: usize,
    edits: usize,
}

impl Model {
    fn new() -> Self {
        Self {
            activities: vec!["walk".into(), "friends".into(), "reading".into()],
            ..Self::default()
        }
    }

    /// The export Daylio would write now: newest first, same-minute rows in the order
    /// they were made.
    fn csv(&self) -> String {
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        order.sort_by_key(|&i| {
            let r = &self.rows[i];
            (std::cmp::Reverse((r.day, r.minute)), i)
        });
        let mut out = String::from("full_date,date,weekday,time,mood,activities,note_title,note\n");
        for i in order {
            let r = &self.rows[i];
            let day = chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap()
                + chrono::Duration::days(i64::from(r.day));
            let acts: Vec<&str> = r
                .activities
                .iter()
                .map(|a| self.activities[*a].as_str())
                .collect();
            out.push_str(&format!(
                "{day},x,y,{:02}:{:02},{},{},,\"{}\"\n",
                9 + r.minute / 2,
                (r.minute % 2) * 30,
                MOODS[r.mood].0,
                acts.join(" | "),
                r.note
            ));
        }
        out
    }

    fn note(&mut self, row: usize) -> String {
        self.edits += 1;
        // Unique, and now and then with the trailing spaces real notes have.
        let tail = if self.edits.is_multiple_of(3) {
            "  "
        } else {
            ""
        };
        format!("row {row}, version {}{tail}", self.edits)
    }
}

#[derive(Debug, Clone)]
enum Step {
    /// A new row in Daylio (at the end of its minute).
    Add {
        day: u8,
        minute: u8,
        mood: usize,
        activity: usize,
    },
    /// A row's note or mood changed in Daylio.
    EditNote(usize),
    EditMood(usize, usize),
    /// An activity renamed in Daylio: every row with it changes.
    Rename(usize),
    /// An imported check-in's note edited in kindly.
    KindlyEdit(usize),
    /// A check-in written only in kindly.
    KindlyAdd,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0u8..6, 0u8..3, 0usize..5, 0usize..3)
            .prop_map(|(day, minute, mood, activity)| Step::Add { day, minute, mood, activity }),
        2 => any::<usize>().prop_map(Step::EditNote),
        1 => (any::<usize>(), 0usize..5).prop_map(|(r, m)| Step::EditMood(r, m)),
        1 => (0usize..3).prop_map(Step::Rename),
        2 => any::<usize>().prop_map(Step::KindlyEdit),
        1 => Just(Step::KindlyAdd),
    ]
}

fn apply(j: &TestJournal, model: &mut Model, step: &Step) {
    let n = model.rows.len();
    match *step {
        Step::Add {
            day,
            minute,
            mood,
            activity,
        } => {
            let note = model.note(n);
            model.rows.push(Row {
                day,
                minute,
                mood,
                activities: vec![activity],
                note,
                in_kindly: None,
                kindly_note: None,
            });
        }
        Step::EditNote(r) if n > 0 => {
            let note = model.note(r % n);
            model.rows[r % n].note = note;
        }
        Step::EditMood(r, m) if n > 0 => model.rows[r % n].mood = m,
        Step::Rename(a) => {
            let name = format!("{} ({})", model.activities[a], model.edits);
            model.edits += 1;
            model.activities[a] = name;
        }
        Step::KindlyEdit(r) if n > 0 => {
            let row = &model.rows[r % n];
            let Some(wanted) = row.in_kindly.clone() else {
                return;
            };
            let mut store = j.store();
            let all = store.checkins_between(None, None).unwrap();
            let mut c = all
                .into_iter()
                .find(|c| c.note.as_deref() == Some(wanted.as_str()))
                .expect("the imported check-in is there");
            model.edits += 1;
            let mine = format!("my own words, {}", model.edits);
            c.set_note(&mine);
            store.save_checkin(&c, None).unwrap();
            model.rows[r % n].kindly_note = Some(mine.clone());
            model.rows[r % n].in_kindly = Some(mine);
        }
        Step::KindlyAdd => {
            let mut store = j.store();
            let c = CheckIn::new(
                common::at("2025-01-01T12:00:00+00:00"),
                Mood::new(6).unwrap(),
            );
            store.save_checkin(&c, None).unwrap();
            model.kindly_only += 1;
        }
        _ => {}
    }
}

/// Imports the model's export now, in `zone`, and checks the laws.
fn import_and_check(j: &TestJournal, model: &mut Model, zone: &str) {
    let file = j.file("daylio_export.csv", model.csv());
    let out = kindly(&j.db)
        .arg("import")
        .arg(&file)
        .args(["--timezone", zone])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for r in &mut model.rows {
        r.in_kindly = Some(r.kindly_note.clone().unwrap_or_else(|| r.note.clone()));
    }
    let checkins = j.store().checkins_between(None, None).unwrap();
    assert_eq!(
        checkins.len(),
        model.rows.len() + model.kindly_only,
        "each row once, plus kindly's own: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let by_note: HashMap<&str, &CheckIn> = checkins
        .iter()
        .filter_map(|c| c.note.as_deref().map(|n| (n, c)))
        .collect();
    for r in &model.rows {
        match &r.kindly_note {
            Some(mine) => assert!(
                by_note.contains_key(mine.as_str()),
                "kindly's edit kept: {mine}"
            ),
            None => {
                let c = by_note
                    .get(r.note.as_str())
                    .unwrap_or_else(|| panic!("the latest export's row is there: {:?}", r.note));
                assert_eq!(c.mood.get(), MOODS[r.mood].1, "{:?}", r.note);
                let names: Vec<&str> = c.rituals.iter().map(Label::as_str).collect();
                let want: Vec<&str> = r
                    .activities
                    .iter()
                    .map(|a| model.activities[*a].as_str())
                    .collect();
                assert_eq!(names, want);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, .. ProptestConfig::default() })]
    #[test]
    fn successive_exports_edits_and_renames_keep_every_row_once_and_every_edit(
        months in prop::collection::vec((prop::collection::vec(step(), 1..8), 0usize..3), 1..5)
    ) {
        let j = TestJournal::new();
        let mut model = Model::new();
        for (steps, zone) in &months {
            for s in steps {
                apply(&j, &mut model, s);
            }
            import_and_check(&j, &mut model, ZONES[*zone]);
        }
        // And the last export once more, under every zone: nothing added.
        for zone in ZONES {
            import_and_check(&j, &mut model, zone);
        }
    }
}

#[test]
fn five_months_of_exports_with_renames_leave_exactly_the_latest_rows() {
    let j = TestJournal::new();
    let mut model = Model::new();
    for month in 0u8..5 {
        for k in 0..4u8 {
            apply(
                &j,
                &mut model,
                &Step::Add {
                    day: month,
                    minute: k % 2,
                    mood: usize::from(k),
                    activity: usize::from(k % 3),
                },
            );
        }
        apply(&j, &mut model, &Step::Rename(usize::from(month % 3)));
        apply(&j, &mut model, &Step::EditNote(usize::from(month)));
        if month == 2 {
            apply(&j, &mut model, &Step::KindlyEdit(0));
        }
        import_and_check(&j, &mut model, ZONES[usize::from(month % 3)]);
    }
    assert_eq!(j.store().checkins_between(None, None).unwrap().len(), 20);
}
