//! The README's screens are drawn by the same code the snapshot tests use, so they stay
//! true: this test fails when they drift. `UPDATE_README=1 cargo test --test readme`
//! writes them afresh.

mod common;

use common::*;
use kindly::store::Store;
use ratatui::crossterm::event::KeyCode;

fn demo() -> kindly::tui::App {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_journal(&kindly::demo::journal(
            12,
            at(NOW),
            &kindly::config::Config::default(),
        ))
        .unwrap();
    app_with(store, NOW)
}

fn screens() -> Vec<(&'static str, String)> {
    let mut app = demo();
    press(&mut app, &[ch('6'), ch('j'), ch('l'), ch('j'), ch(' ')]);
    let checkin = plain(&app, 80, 24);
    press(&mut app, &[key(KeyCode::Tab)]);
    let critic = plain(&app, 80, 24);
    press(&mut app, &[key(KeyCode::Tab)]);
    let journal = plain(&app, 80, 24);
    press(&mut app, &[key(KeyCode::Tab)]);
    let trends = plain(&app, 80, 24);
    press(&mut app, &[ch('l'), ch('l')]);
    let calendar = plain(&app, 80, 24);
    vec![
        ("checkin", checkin),
        ("critic", critic),
        ("journal", journal),
        ("trends", trends),
        ("calendar", calendar),
    ]
}

fn block(name: &str, text: &str) -> String {
    format!("<!-- screen:{name} -->\n```text\n{text}\n```\n<!-- /screen -->")
}

#[test]
fn readme_screens_are_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let mut readme = std::fs::read_to_string(path).unwrap();
    let mut stale = Vec::new();
    for (name, text) in screens() {
        let start_tag = format!("<!-- screen:{name} -->");
        let start = readme
            .find(&start_tag)
            .unwrap_or_else(|| panic!("README has no {start_tag}"));
        let end =
            start + readme[start..].find("<!-- /screen -->").unwrap() + "<!-- /screen -->".len();
        let fresh = block(name, &text);
        if readme[start..end] != fresh {
            stale.push(name);
            readme.replace_range(start..end, &fresh);
        }
    }
    if std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(path, readme).unwrap();
    } else {
        assert!(
            stale.is_empty(),
            "README screens out of date: {stale:?}; run UPDATE_README=1 cargo test --test readme"
        );
    }
}
