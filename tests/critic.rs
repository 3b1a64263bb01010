//! The Critic pane: the flow as key-by-key state tests, screens as snapshots.

mod common;

use common::*;
use kindly::domain::Scale;
use kindly::store::{Store, ThoughtFilter};
use kindly::tui::App;
use kindly::tui::keymap::Mode;
use kindly::tui::panes::critic::{Step, View};
use ratatui::crossterm::event::KeyCode;

fn enter() -> ratatui::crossterm::event::KeyEvent {
    key(KeyCode::Enter)
}

fn esc() -> ratatui::crossterm::event::KeyEvent {
    key(KeyCode::Esc)
}

fn step(app: &App) -> Step {
    critic_pane(app)
        .flow
        .as_ref()
        .expect("the flow is open")
        .step
}

fn records(app: &App) -> Vec<kindly::domain::Thought> {
    app.store().thoughts(&ThoughtFilter::default()).unwrap()
}

/// Opens the Critic pane and starts a record.
fn start(app: &mut App) {
    press(app, &[key(KeyCode::Tab), ch('n')]);
    assert_eq!(critic_pane(app).view, View::Flow);
}

#[test]
fn a_record_goes_through_every_step_and_is_saved_whole() {
    let mut app = app();
    start(&mut app);
    assert_eq!(step(&app), Step::Situation);
    assert_eq!(app.mode(), Mode::FlowText);
    typed(&mut app, "Sent the report with a typo");
    press(&mut app, &[enter()]);
    typed(&mut app, "I always mess this up");
    press(&mut app, &[enter()]);
    assert_eq!(step(&app), Step::Voice);
    typed(&mut app, "my old boss");
    press(&mut app, &[enter()]);
    assert_eq!(step(&app), Step::Feelings);
    assert_eq!(app.mode(), Mode::FlowPick);
    // Belief 80; then add the first feeling offered and rate it 70.
    press(&mut app, &[ch('8'), ch('j'), ch(' '), ch('k'), ch('7')]);
    press(&mut app, &[enter()]);
    assert_eq!(step(&app), Step::Traps);
    press(&mut app, &[ch('j'), ch(' ')]); // overgeneralisation, second in the list
    press(&mut app, &[enter()]);
    assert_eq!(step(&app), Step::Friend);
    typed(&mut app, "One typo is not everything.");
    press(&mut app, &[enter()]);
    assert_eq!(step(&app), Step::Helps);
    assert_eq!(app.mode(), Mode::FlowPick);
    press(&mut app, &[ch('j'), ch(' ')]); // hurting, second of four
    press(&mut app, &[enter()]);
    assert_eq!(step(&app), Step::EvidenceFor);
    typed(&mut app, "There was a typo on page two.");
    press(&mut app, &[enter()]);
    assert_eq!(step(&app), Step::EvidenceAgainst);
    typed(&mut app, "The rest was careful and on time.");
    press(&mut app, &[enter()]);
    assert_eq!(step(&app), Step::Reframe);
    assert_eq!(app.mode(), Mode::Reframe);
    typed(&mut app, "I made one small mistake, and I can fix it.");
    press(&mut app, &[enter()]);
    assert_eq!(step(&app), Step::Rerate);
    press(&mut app, &[ch('3'), ch('j'), ch('4')]);
    press(&mut app, &[enter()]);
    assert_eq!(step(&app), Step::Summary);
    let summary = text(&app, 80, 24);
    assert!(
        summary.contains("Belief eased from 80% to 30%, 50 points lighter."),
        "{summary}"
    );
    assert!(
        summary.contains("Feelings eased by 30 points on average."),
        "{summary}"
    );
    press(&mut app, &[enter()]);
    assert_eq!(critic_pane(&app).view, View::List);

    let saved = records(&app);
    assert_eq!(saved.len(), 1);
    let t = &saved[0];
    assert_eq!(t.situation.as_deref(), Some("Sent the report with a typo"));
    assert_eq!(t.thought, "I always mess this up");
    assert_eq!(t.voice.as_deref(), Some("my old boss"));
    assert_eq!(t.belief.map(|b| b.get()), Some(80));
    assert_eq!(t.belief_after.map(|b| b.get()), Some(30));
    assert_eq!(t.emotions.len(), 1);
    assert_eq!(
        t.emotions[0].name.as_str(),
        "ashamed",
        "the feelings a critic brings come first"
    );
    assert_eq!(t.emotions[0].intensity.map(|v| v.get()), Some(70));
    assert_eq!(t.emotions[0].intensity_after.map(|v| v.get()), Some(40));
    assert_eq!(t.distortions[0].as_str(), "overgeneralisation");
    assert_eq!(t.friend.as_deref(), Some("One typo is not everything."));
    assert_eq!(t.helps, Some(kindly::domain::Helps::Hurting));
    assert_eq!(
        t.evidence_for.as_deref(),
        Some("There was a typo on page two.")
    );
    assert_eq!(
        t.evidence_against.as_deref(),
        Some("The rest was careful and on time.")
    );
    assert_eq!(
        t.reframe.as_deref(),
        Some("I made one small mistake, and I can fix it.")
    );
    assert_eq!(t.belief_relief(), Some(50));
    assert_eq!(t.intensity_relief(), Some(30.0));
    assert_eq!(t.at, at(NOW));
}

#[test]
fn stepping_back_loses_nothing() {
    let mut app = app();
    start(&mut app);
    typed(&mut app, "At the meeting");
    press(&mut app, &[enter()]);
    typed(&mut app, "Everyone thinks I'm useless");
    press(&mut app, &[enter(), enter(), ch('6'), enter()]); // voice left empty, belief 60
    press(
        &mut app,
        &[ch('j'), ch('j'), ch('j'), ch('j'), ch(' '), enter()],
    ); // mind reading
    typed(&mut app, "They were busy, not judging.");
    press(&mut app, &[esc(), esc(), esc(), esc(), esc()]);
    assert_eq!(step(&app), Step::Situation);
    press(&mut app, &[enter(), enter(), enter(), enter(), enter()]);
    assert_eq!(step(&app), Step::Friend);
    let f = critic_pane(&app).flow.as_ref().unwrap();
    assert_eq!(f.situation.lines(), ["At the meeting"]);
    assert_eq!(f.thought.lines(), ["Everyone thinks I'm useless"]);
    assert_eq!(f.friend.lines(), ["They were busy, not judging."]);
    assert_eq!(f.belief, Some(60));
    assert_eq!(f.traps, ["mind reading"]);
}

#[test]
fn the_thought_is_needed_before_moving_on_or_saving() {
    let mut app = app();
    start(&mut app);
    press(&mut app, &[enter(), enter()]);
    assert_eq!(step(&app), Step::Thought, "an empty thought holds the flow");
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .contains("Write the thought down first")
    );
    press(&mut app, &[ctrl('s')]);
    assert!(records(&app).is_empty());
}

#[test]
fn ctrl_s_saves_from_any_step() {
    let mut app = app();
    start(&mut app);
    press(&mut app, &[enter()]);
    typed(&mut app, "I'm such a failure");
    press(&mut app, &[ctrl('s')]);
    assert_eq!(records(&app).len(), 1);
    assert_eq!(records(&app)[0].thought, "I'm such a failure");
    assert_eq!(critic_pane(&app).view, View::List);
    // No kinder answer was written, so none is thanked for.
    let said = app.notice.clone().unwrap();
    assert!(!said.contains("answering it kindly"), "{said}");
    assert!(said.contains("A kinder answer can come later"), "{said}");
}

#[test]
fn esc_from_the_first_step_sets_the_record_aside_and_n_carries_on() {
    let mut app = app();
    start(&mut app);
    typed(&mut app, "Missed the bus");
    press(&mut app, &[esc()]);
    assert_eq!(critic_pane(&app).view, View::List);
    assert!(critic_pane(&app).waiting.is_some());
    assert!(text(&app, 80, 24).contains("Press n to carry on"));
    press(&mut app, &[ch('n')]);
    assert_eq!(
        critic_pane(&app).flow.as_ref().unwrap().situation.lines(),
        ["Missed the bus"]
    );
}

#[test]
fn a_half_done_record_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    {
        let mut app = app_with(Store::open(&path).unwrap(), NOW);
        start(&mut app);
        press(&mut app, &[enter()]);
        typed(&mut app, "I should have known better");
        press(&mut app, &[enter(), enter(), ch('9')]);
        assert!(
            !app.autosave(),
            "the draft is kept without a word on screen"
        );
    }
    let mut app = app_with(Store::open(&path).unwrap(), NOW);
    assert_eq!(
        critic_pane(&app).view,
        View::List,
        "a recovered draft never takes over"
    );
    let waiting = critic_pane(&app)
        .waiting
        .clone()
        .expect("the draft is offered back");
    assert_eq!(waiting.thought, "I should have known better");
    press(&mut app, &[key(KeyCode::Tab), ch('n')]);
    assert_eq!(
        step(&app),
        Step::Feelings,
        "it resumes on the step it was left at"
    );
    assert_eq!(critic_pane(&app).flow.as_ref().unwrap().belief, Some(90));
}

#[test]
fn trap_hints_are_shown_but_never_applied() {
    let mut app = app();
    start(&mut app);
    press(&mut app, &[enter()]);
    typed(&mut app, "I should have known, it's all my fault");
    press(&mut app, &[enter(), enter(), enter()]);
    assert_eq!(step(&app), Step::Traps);
    let screen = text(&app, 80, 24);
    assert!(
        screen.contains("should statements  · suggested"),
        "{screen}"
    );
    assert!(
        critic_pane(&app).flow.as_ref().unwrap().traps.is_empty(),
        "nothing picked for the person"
    );
}

#[test]
fn earlier_voices_are_offered_on_the_voice_step() {
    let mut store = Store::open_in_memory().unwrap();
    let mut t = kindly::domain::Thought::new(at("2026-11-20T09:00:00+00:00"), "x").unwrap();
    t.voice = Some("Mum".into());
    store.save_thought(&t, None).unwrap();
    let mut app = app_with(store, NOW);
    start(&mut app);
    press(&mut app, &[enter()]);
    typed(&mut app, "I'm lazy");
    press(&mut app, &[enter()]);
    assert_eq!(app.mode(), Mode::Voice);
    press(&mut app, &[key(KeyCode::Down)]);
    assert_eq!(
        critic_pane(&app).flow.as_ref().unwrap().voice.lines(),
        ["Mum"]
    );
}

#[test]
fn a_saved_record_can_be_read_edited_trashed_and_restored() {
    let mut store = Store::open_in_memory().unwrap();
    let t =
        kindly::domain::Thought::new(at("2026-11-20T09:00:00+00:00"), "I ruin everything").unwrap();
    store.save_thought(&t, None).unwrap();
    let mut app = app_with(store, NOW);
    press(&mut app, &[key(KeyCode::Tab), enter()]);
    assert_eq!(critic_pane(&app).view, View::Detail);
    assert!(text(&app, 80, 24).contains("I ruin everything"));
    let short = kindly::domain::short_id(&t.id);
    for (w, h) in [(80, 24), (40, 12)] {
        assert!(
            text(&app, w, h).contains(&short),
            "the id `kindly session add` takes, at {w}x{h}: {}",
            text(&app, w, h)
        );
    }
    press(&mut app, &[ch('e')]);
    assert_eq!(step(&app), Step::Situation);
    press(&mut app, &[enter(), enter()]);
    assert_eq!(step(&app), Step::Voice);
    typed(&mut app, "Gran");
    press(&mut app, &[ctrl('s')]);
    let saved = records(&app);
    assert_eq!(saved.len(), 1, "editing replaces, never duplicates");
    assert_eq!(saved[0].id, t.id);
    assert_eq!(saved[0].at, t.at);
    assert_eq!(saved[0].voice.as_deref(), Some("Gran"));
    press(&mut app, &[ch('d')]);
    assert!(records(&app).is_empty());
    press(&mut app, &[ch('u')]);
    assert_eq!(records(&app).len(), 1);
}

#[test]
fn filters_narrow_the_list_by_voice_trap_and_span() {
    let mut store = Store::open_in_memory().unwrap();
    let traps = kindly::domain::Traps::default();
    for (when, voice, trap) in [
        ("2026-11-28T09:00:00+00:00", "Dad", "labelling"),
        ("2026-10-01T09:00:00+00:00", "the critic", "mind reading"),
    ] {
        let mut t = kindly::domain::Thought::new(at(when), "a thought").unwrap();
        t.voice = Some(voice.into());
        t.distortions = traps.parse_list(trap).unwrap();
        store.save_thought(&t, None).unwrap();
    }
    let mut app = app_with(store, NOW);
    press(&mut app, &[key(KeyCode::Tab)]);
    assert_eq!(critic_pane(&app).list.rows.len(), 2);
    press(&mut app, &[ch('v')]); // the most recent voice first
    assert_eq!(critic_pane(&app).filter.voice.as_deref(), Some("Dad"));
    assert_eq!(critic_pane(&app).list.rows.len(), 1);
    press(&mut app, &[ch('c'), ch('r')]); // last 7 days
    assert_eq!(critic_pane(&app).list.rows.len(), 1);
    assert_eq!(critic_pane(&app).list.rows[0].voice.as_deref(), Some("Dad"));
    press(&mut app, &[ch('c')]);
    for _ in 0..5 {
        press(&mut app, &[ch('f')]); // all-or-nothing … mind reading
    }
    assert_eq!(
        critic_pane(&app).filter.distortion.as_deref(),
        Some("mind reading")
    );
    assert_eq!(critic_pane(&app).list.rows.len(), 1);
    assert_eq!(
        critic_pane(&app).list.rows[0].voice.as_deref(),
        Some("the critic")
    );
}

fn flow_at(step: Step, thought: &str) -> App {
    let mut store = Store::open_in_memory().unwrap();
    let mut t =
        kindly::domain::Thought::new(at("2026-11-27T21:10:00+00:00"), "Nobody ever calls me back")
            .unwrap();
    t.voice = Some("the critic".into());
    t.belief = kindly::domain::Percent::new(70).ok();
    t.belief_after = kindly::domain::Percent::new(35).ok();
    t.reframe = Some("People are busy; it isn't about my worth.".into());
    store.save_thought(&t, None).unwrap();
    let mut app = app_with(store, NOW);
    start(&mut app);
    typed(&mut app, "Texted a friend, no reply");
    press(&mut app, &[enter()]);
    typed(&mut app, thought);
    while critic_pane(&app).flow.as_ref().unwrap().step != step {
        press(&mut app, &[enter()]);
        if step == Step::Traps && critic_pane(&app).flow.as_ref().unwrap().step == Step::Feelings {
            press(&mut app, &[ch('7'), ch('j'), ch(' ')]);
        }
    }
    app
}

#[test]
fn snapshot_thought_step() {
    let app = flow_at(
        Step::Thought,
        "I'm such an idiot, I always get this wrong 😞",
    );
    insta::assert_snapshot!("thought_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("thought_40x12", screen(&app, 40, 12));
}

#[test]
fn snapshot_feelings_step() {
    let mut app = flow_at(Step::Feelings, "Nobody wants me around");
    press(
        &mut app,
        &[ch('8'), ch('j'), ch(' '), ch('l'), ch('l'), ch(' ')],
    );
    insta::assert_snapshot!("feelings_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("feelings_40x12", screen(&app, 40, 12));
}

#[test]
fn snapshot_traps_step() {
    let app = flow_at(Step::Traps, "I should have known. It's all my fault.");
    insta::assert_snapshot!("traps_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("traps_40x12", screen(&app, 40, 12));
}

#[test]
fn snapshot_list() {
    let mut app = flow_at(Step::Thought, "I'm behind everyone else");
    press(&mut app, &[ctrl('s')]);
    insta::assert_snapshot!("list_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("list_40x12", screen(&app, 40, 12));
}

#[test]
fn a_very_long_thought_stays_in_view_without_breaking_the_layout() {
    let long = "I never get anything right 😞 ".repeat(70); // about 2,000 characters
    let app = flow_at(Step::Reframe, &long);
    for (w, h) in [(80, 24), (40, 12)] {
        let screen = text(&app, w, h);
        assert!(
            screen.contains("…”"),
            "the quote is cut short gently:\n{screen}"
        );
        assert!(screen.contains("Answer it kindly"), "{screen}");
        assert!(
            screen.contains("Esc back"),
            "the footer is still there:\n{screen}"
        );
    }
    // At 80×24 the box keeps its right edge on every row, emoji or not.
    let backend = screen(&app, 80, 24);
    for y in 2..21 {
        assert_eq!(
            backend.buffer()[(79, y)].symbol(),
            "│",
            "row {y} lost its edge"
        );
    }
}

#[test]
fn each_new_step_can_be_skipped_and_leaves_nothing_behind() {
    let mut app = app();
    start(&mut app);
    press(&mut app, &[enter()]);
    typed(&mut app, "I should be further along");
    while step(&app) != Step::Helps {
        press(&mut app, &[enter()]);
    }
    // Helping or hurting, then both evidence steps: Enter on each, nothing given.
    for expected in [Step::Helps, Step::EvidenceFor, Step::EvidenceAgainst] {
        assert_eq!(step(&app), expected);
        press(&mut app, &[enter()]);
    }
    assert_eq!(step(&app), Step::Reframe);
    press(&mut app, &[ctrl('s')]);
    let t = &records(&app)[0];
    assert_eq!(t.helps, None);
    assert_eq!(t.evidence_for, None);
    assert_eq!(t.evidence_against, None);
}

#[test]
fn picking_helps_again_takes_the_answer_back() {
    let mut app = flow_at(Step::Helps, "I ruin everything");
    press(&mut app, &[ch('j'), ch('j'), ch(' ')]);
    assert_eq!(
        critic_pane(&app).flow.as_ref().unwrap().helps,
        Some(kindly::domain::Helps::Both)
    );
    press(&mut app, &[ch(' ')]);
    assert_eq!(critic_pane(&app).flow.as_ref().unwrap().helps, None);
}

/// A journal that has met "nobody calls me back" twice, one answer easing it far more.
fn met_before() -> App {
    let mut store = Store::open_in_memory().unwrap();
    for (when, thought, reframe, before, after) in [
        (
            "2026-10-01T09:00:00+00:00",
            "Nobody ever calls me back",
            "They might just be busy.",
            70,
            60,
        ),
        (
            "2026-10-12T09:00:00+00:00",
            "nobody calls me back, ever",
            "People are busy; it isn't about my worth.",
            80,
            35,
        ),
        (
            "2026-10-20T09:00:00+00:00",
            "I never finish anything",
            "I finished the course in spring.",
            60,
            30,
        ),
    ] {
        let mut t = kindly::domain::Thought::new(at(when), thought).unwrap();
        t.reframe = Some(reframe.into());
        t.belief = kindly::domain::Percent::new(before).ok();
        t.belief_after = kindly::domain::Percent::new(after).ok();
        store.save_thought(&t, None).unwrap();
    }
    let mut app = app_with(store, NOW);
    start(&mut app);
    press(&mut app, &[enter()]);
    typed(&mut app, "Nobody calls me back");
    app
}

#[test]
fn a_thought_met_before_offers_the_answer_that_eased_it_most() {
    let mut app = met_before();
    press(&mut app, &[enter()]);
    let voice = text(&app, 80, 24);
    assert!(
        voice.contains("You've met this thought before: twice, last on 12 October 2026."),
        "{voice}"
    );
    while step(&app) != Step::Reframe {
        press(&mut app, &[enter()]);
    }
    let reframe = text(&app, 80, 24);
    assert!(
        reframe.contains("On 12 October you answered:"),
        "the 80 → 35 answer, not the 70 → 60 one: {reframe}"
    );
    assert!(reframe.contains("Ctrl-O starts from it"), "{reframe}");
    insta::assert_snapshot!("met_before_reframe_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("met_before_reframe_40x12", screen(&app, 40, 12));
    press(&mut app, &[ctrl('o')]);
    typed(&mut app, " And I can call again.");
    press(&mut app, &[ctrl('s')]);
    let saved = records(&app);
    let new = saved
        .iter()
        .find(|t| t.thought == "Nobody calls me back")
        .unwrap();
    assert_eq!(
        new.reframe.as_deref(),
        Some("People are busy; it isn't about my worth. And I can call again.")
    );
}

#[test]
fn ctrl_o_never_writes_over_an_answer_already_begun() {
    let mut app = met_before();
    while step(&app) != Step::Reframe {
        press(&mut app, &[enter()]);
    }
    typed(&mut app, "My own words");
    press(&mut app, &[ctrl('o')]);
    assert_eq!(
        kindly::tui::widgets::editor_text(&critic_pane(&app).flow.as_ref().unwrap().reframe),
        "My own words"
    );
}

#[test]
fn the_list_shows_how_often_a_thought_came_back() {
    let mut app = met_before();
    press(&mut app, &[ctrl('s')]);
    let list = text(&app, 80, 24);
    // Three records hold the same thought: each has come back twice.
    assert_eq!(list.matches("↻2").count(), 3, "{list}");
    assert!(!list.contains("↻1"), "{list}");
}

#[test]
fn snapshot_new_steps() {
    let app = flow_at(Step::Helps, "I'm a burden to everyone");
    insta::assert_snapshot!("helps_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("helps_40x12", screen(&app, 40, 12));
    let app = flow_at(Step::EvidenceAgainst, "I'm a burden to everyone");
    insta::assert_snapshot!("evidence_against_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("evidence_against_40x12", screen(&app, 40, 12));
}

/// The Critic reads the emotion vocabulary again on arrival, so one added with `+` on the
/// check-in form is offered in the feelings step in the same session, not after a restart.
#[test]
fn an_emotion_added_on_the_form_is_offered_in_the_feelings_step_at_once() {
    let mut app = app();
    focus(
        &mut app,
        kindly::tui::panes::checkin::Focus::Field(kindly::tui::panes::checkin::Field::Emotions),
    );
    press(&mut app, &[ch('+')]);
    typed(&mut app, "wistful");
    press(&mut app, &[enter()]);
    start(&mut app);
    typed(&mut app, "At the party");
    press(&mut app, &[enter()]);
    typed(&mut app, "Nobody wanted me there");
    press(&mut app, &[enter(), enter()]);
    assert_eq!(step(&app), Step::Feelings);
    let critic = critic_pane(&app);
    let offered = critic.addable(critic.flow.as_ref().unwrap());
    assert!(
        offered.iter().any(|e| e == "wistful"),
        "not offered: {offered:?}"
    );
}
