//! The person's own measures on the check-in form: a row each below the parts, drawn at
//! 80×24 and 40×12, and set with the form's own keys (a digit, ← →, Space, a typed number).

mod common;

use common::*;
use kindly::domain::{Amount, MeasureKind};
use kindly::store::Store;
use kindly::tui::App;
use kindly::tui::panes::checkin::{Field, Focus};
use ratatui::crossterm::event::KeyCode;

const CONFIG: &str = r#"
[[measures]]
name = "sleep"
kind = "number"
unit = "hours"
per = "day"
decimals = 1

[[measures]]
name = "meds"
kind = "yesno"

[[measures]]
name = "anxiety"
kind = "scale"
min = 0
max = 10
"#;

fn measured_app() -> App {
    let fixed = at(NOW);
    let config = kindly::config::Config::parse(CONFIG, &kindly::config::Checks::NONE).unwrap();
    App::new(
        Store::open_in_memory().unwrap(),
        config,
        kindly::tui::theme::Theme::monochrome(),
        Box::new(move || fixed),
    )
    .unwrap()
}

/// From the mood row down to the measure at `place` (0 is sleep).
fn to_measure(app: &mut App, place: usize) {
    for _ in 0..7 + place {
        press(app, &[ch('j')]);
    }
}

fn value(app: &App, place: u8) -> Option<f64> {
    checkin_pane(app).measure_value(place).map(Amount::get)
}

#[test]
fn the_form_has_a_row_per_measure_below_the_parts_at_80x24() {
    let mut app = measured_app();
    press(&mut app, &[ch('6')]);
    to_measure(&mut app, 1);
    press(&mut app, &[ch(' ')]);
    insta::assert_snapshot!(plain(&app, 80, 24));
}

#[test]
fn at_40x12_the_rows_scroll_so_the_measure_in_focus_is_on_screen() {
    let mut app = measured_app();
    press(&mut app, &[ch('6')]);
    to_measure(&mut app, 2);
    press(&mut app, &[ch('7')]);
    let shown = plain(&app, 40, 12);
    assert!(
        shown.contains("›anxiety") && shown.contains("7 of 10"),
        "{shown}"
    );
    insta::assert_snapshot!(shown);
}

#[test]
fn digits_arrows_space_and_a_typed_number_set_each_kind() {
    let mut app = measured_app();
    let pane = checkin_pane(&app);
    let kinds: Vec<MeasureKind> = pane.measures.iter().map(|m| m.kind).collect();
    assert_eq!(
        kinds,
        [MeasureKind::Number, MeasureKind::YesNo, MeasureKind::Scale]
    );
    to_measure(&mut app, 0);
    assert_eq!(checkin_pane(&app).focus, Focus::Field(Field::Measure(0)));
    // A digit starts the number; the rest, decimals and all, is typed on its line.
    press(&mut app, &[ch('7')]);
    typed(&mut app, ".5");
    assert_eq!(value(&app, 0), None, "not until Enter");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(value(&app, 0), Some(7.5));
    press(&mut app, &[key(KeyCode::Right)]);
    assert_eq!(value(&app, 0), Some(8.0), "half an hour a step");
    press(&mut app, &[ch('j'), ch(' ')]);
    assert_eq!(value(&app, 1), Some(1.0), "Space says yes");
    press(&mut app, &[ch(' ')]);
    assert_eq!(value(&app, 1), Some(0.0), "and no");
    press(&mut app, &[ch('j'), key(KeyCode::Right)]);
    assert_eq!(value(&app, 2), Some(5.0), "the first step starts mid-scale");
    press(&mut app, &[key(KeyCode::Left), ch('0')]);
    assert_eq!(value(&app, 2), Some(10.0), "0 is 10, as for the mood");
    press(&mut app, &[key(KeyCode::Backspace)]);
    assert_eq!(value(&app, 2), None, "cleared");
    press(&mut app, &[ch('j')]);
    assert_eq!(checkin_pane(&app).focus, Focus::Field(Field::Note));
}

#[test]
fn a_typed_number_that_doesnt_fit_says_what_it_takes_and_keeps_the_line() {
    let mut app = measured_app();
    to_measure(&mut app, 0);
    press(&mut app, &[key(KeyCode::Enter)]);
    typed(&mut app, "7.25");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(value(&app, 0), None);
    assert!(
        checkin_pane(&app).asking.is_some(),
        "still open to put right"
    );
    let shown = plain(&app, 80, 24);
    assert!(shown.contains("sleep takes a number of hours"), "{shown}");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(checkin_pane(&app).asking.is_none());
}

#[test]
fn saving_keeps_the_checkins_values_the_days_sleep_and_the_definitions() {
    let mut app = measured_app();
    press(&mut app, &[ch('6')]);
    to_measure(&mut app, 0);
    press(&mut app, &[ch('6')]);
    typed(&mut app, ".5");
    press(
        &mut app,
        &[key(KeyCode::Enter), ch('j'), ch(' '), ch('j'), ch('4')],
    );
    press(&mut app, &[ctrl('s')]);
    let store = app.store();
    let names: Vec<String> = store
        .measures()
        .unwrap()
        .into_iter()
        .map(|m| m.name)
        .collect();
    assert_eq!(names, ["sleep", "meds", "anxiety"]);
    let c = store.latest_checkin().unwrap().unwrap();
    let given: Vec<f64> = c.measures.iter().map(|r| r.value.get()).collect();
    assert_eq!(given, [1.0, 4.0], "meds yes, anxiety 4");
    let nights = store.day_readings_between(None, None).unwrap();
    assert_eq!(nights.len(), 1);
    assert_eq!(
        (nights[0].day, nights[0].reading.value.get()),
        (c.day(), 6.5)
    );
    assert_eq!(value(&app, 1), None, "the form is clear again");
}

#[test]
fn an_opened_checkin_shows_its_values_and_keeps_them_unchanged() {
    let mut app = measured_app();
    press(&mut app, &[ch('6')]);
    to_measure(&mut app, 1);
    press(&mut app, &[ch(' '), ctrl('s')]);
    let saved = app.store().latest_checkin().unwrap().unwrap();
    assert_eq!(saved.measures.len(), 1);
    // Over to the day list, open the check-in, and save it untouched.
    focus(&mut app, Focus::History);
    press(&mut app, &[ch('e')]);
    assert_eq!(
        checkin_pane(&app).editing.as_ref().map(|c| c.id),
        Some(saved.id)
    );
    assert_eq!(value(&app, 1), Some(1.0));
    press(&mut app, &[ctrl('s')]);
    assert_eq!(app.store().latest_checkin().unwrap().unwrap(), saved);
}
