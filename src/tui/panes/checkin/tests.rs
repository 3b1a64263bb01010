//! The check-in form's state, key by key.

use super::*;
use chrono::{DateTime, FixedOffset};

fn ctx_parts() -> (Store, DateTime<FixedOffset>) {
    (
        Store::open_in_memory().unwrap(),
        DateTime::parse_from_rfc3339("2026-11-29T10:00:00+00:00").unwrap(),
    )
}

fn pane(now: DateTime<FixedOffset>) -> CheckinPane {
    let cfg = crate::config::Config::default();
    CheckinPane::new(cfg.emotions, cfg.rituals, now.date_naive())
}

#[test]
fn saving_without_a_mood_asks_gently_and_writes_nothing() {
    let (mut store, now) = ctx_parts();
    let mut p = pane(now);
    p.focus = Focus::Field(Field::Note);
    let notice = p
        .apply(
            Action::Save,
            &mut Ctx {
                store: &mut store,
                now,
            },
        )
        .unwrap();
    assert!(notice.notice.unwrap().contains("Pick a mood"));
    assert_eq!(p.focus, Focus::Field(Field::Mood));
    assert!(store.checkins_between(None, None).unwrap().is_empty());
}

#[test]
fn chips_toggle_under_the_cursor() {
    let (mut store, now) = ctx_parts();
    let mut p = pane(now);
    let mut ctx = Ctx {
        store: &mut store,
        now,
    };
    p.focus = Focus::Field(Field::Rituals);
    p.apply(Action::Right, &mut ctx).unwrap();
    p.apply(Action::Toggle, &mut ctx).unwrap();
    assert_eq!(p.rituals.picked, [p.rituals.vocab[1].clone()]);
    p.apply(Action::Toggle, &mut ctx).unwrap();
    assert!(p.rituals.picked.is_empty());
}

#[test]
fn scales_start_mid_way_and_clear() {
    let (mut store, now) = ctx_parts();
    let mut p = pane(now);
    let mut ctx = Ctx {
        store: &mut store,
        now,
    };
    p.focus = Focus::Field(Field::Kindness);
    p.apply(Action::Right, &mut ctx).unwrap();
    assert_eq!(p.parts[0].map(PartRating::get), Some(3));
    p.apply(Action::Right, &mut ctx).unwrap();
    assert_eq!(p.parts[0].map(PartRating::get), Some(4));
    p.apply(Action::ClearField, &mut ctx).unwrap();
    assert_eq!(p.parts[0], None);
}

#[test]
fn draft_round_trips_through_restore() {
    let (store, now) = ctx_parts();
    let mut p = pane(now);
    p.mood = Mood::new(3).ok();
    p.emotions.set(&["tired".into(), "something new".into()]);
    p.note = new_note("line one\nline two 🌧");
    let d = p.draft();
    let mut q = pane(now);
    q.restore(&d, &store);
    assert_eq!(q.draft(), d);
    assert!(q.emotions.vocab.contains(&"something new".to_string()));
}
