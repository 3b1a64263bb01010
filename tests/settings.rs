//! Themes, NO_COLOR and rebound keys, as a person sets them in config.toml.

mod common;

use common::*;
use kindly::config::Config;
use kindly::store::Store;
use kindly::tui::App;
use kindly::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

fn app_with_config(text: &str) -> App {
    let config = Config::parse(text, &kindly::tui::CONFIG_CHECKS).unwrap();
    let theme = Theme::resolve_with(&config, false);
    let fixed = at(NOW);
    App::new(
        Store::open_in_memory().unwrap(),
        config,
        theme,
        Box::new(move || fixed),
    )
    .unwrap()
}

#[test]
fn no_color_means_no_colour_anywhere_on_screen() {
    let config = Config::parse("theme = \"high-contrast\"", &kindly::tui::CONFIG_CHECKS).unwrap();
    let theme = Theme::resolve_with(&config, true);
    let fixed = at(NOW);
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_checkin(
            &checkin("2026-11-29T08:00:00+00:00", 2, "sad", Some("low")),
            None,
        )
        .unwrap();
    let mut app = App::new(store, config, theme, Box::new(move || fixed)).unwrap();
    press(&mut app, &[ch('3')]);
    let backend = screen(&app, 80, 24);
    for cell in backend.buffer().content() {
        assert_eq!(cell.fg, Color::Reset, "{:?} has a colour", cell.symbol());
        assert_eq!(
            cell.bg,
            Color::Reset,
            "{:?} has a background",
            cell.symbol()
        );
    }
}

#[test]
fn built_in_and_own_themes_resolve() {
    let light = Config::parse("theme = \"light\"", &kindly::tui::CONFIG_CHECKS).unwrap();
    assert_eq!(
        Theme::resolve_with(&light, false).accent,
        Theme::light().accent
    );
    let own = Config::parse(
        "theme = \"dusk\"\n\n[themes.dusk]\naccent = \"#5f87af\"\nmood = \"61,62,63,64,65,66,67,68,69,70\"\n", &kindly::tui::CONFIG_CHECKS)
    .unwrap();
    let t = Theme::resolve_with(&own, false);
    assert_eq!(t.accent.fg, Some(Color::Rgb(0x5f, 0x87, 0xaf)));
    assert_eq!(t.mood(1).fg, Some(Color::Indexed(61)));
    assert_eq!(t.mood(10).fg, Some(Color::Indexed(70)));
}

#[test]
fn theme_mistakes_name_the_line() {
    let err = Config::parse("theme = \"neon\"\n", &kindly::tui::CONFIG_CHECKS)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("line 1") && err.contains("'neon' isn't a theme"),
        "{err}"
    );
    let err = Config::parse(
        "mouse = true\n\n[themes.dusk]\naccent = \"mauveish\"\n",
        &kindly::tui::CONFIG_CHECKS,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("line 3") && err.contains("'mauveish' for accent isn't a colour"),
        "{err}"
    );
    let err = Config::parse(
        "[themes.dusk]\nmood = \"1,2,3\"\n",
        &kindly::tui::CONFIG_CHECKS,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("ten colours"), "{err}");
}

#[test]
fn a_rebound_key_saves_and_shows_in_help_and_footer() {
    let mut app = app_with_config("[keys]\nsave = [\"f2\", \"ctrl-w\"]\n");
    press(&mut app, &[ch('6'), ctrl('s')]);
    assert!(
        app.store().checkins_between(None, None).unwrap().is_empty(),
        "Ctrl-S is no longer save"
    );
    press(
        &mut app,
        &[KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE)],
    );
    assert_eq!(app.store().checkins_between(None, None).unwrap().len(), 1);
    let footer = text(&app, 80, 24).lines().last().unwrap().to_string();
    assert!(footer.contains("F2 save"), "{footer}");
    press(&mut app, &[ch('?')]);
    let help = text(&app, 100, 60);
    assert!(help.contains("F2 / Ctrl-W save the check-in"), "{help}");
}

#[test]
fn a_conflicting_binding_is_reported_with_its_line() {
    let err = Config::parse(
        "support_contact = \"Sam\"\n\n[keys]\nsave = \"q\"\n",
        &kindly::tui::CONFIG_CHECKS,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("line 4"), "{err}");
    assert!(err.contains("q is bound to both"), "{err}");
    let err = Config::parse("[keys]\nteleport = \"t\"\n", &kindly::tui::CONFIG_CHECKS)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("line 2") && err.contains("'teleport' isn't an action"),
        "{err}"
    );
}

#[test]
fn mouse_can_be_turned_off() {
    assert!(Config::default().mouse);
    assert!(
        !Config::parse("mouse = false", &kindly::tui::CONFIG_CHECKS)
            .unwrap()
            .mouse
    );
}
