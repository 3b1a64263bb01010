//! The screens in the README and the guide (`docs/guide.md`) are drawn by the same code
//! the snapshot tests use, so they stay true: this test fails when they drift, or when a
//! screen goes missing from both. `UPDATE_README=1 cargo test --test readme` writes them
//! afresh wherever they are.

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

/// The documents that may hold screens, from the crate's folder.
const DOCUMENTS: &[&str] = &["README.md", "docs/guide.md"];

/// The span of `name`'s screen in `text`, tags included, if it is there.
fn span(text: &str, name: &str) -> Option<std::ops::Range<usize>> {
    let start = text.find(&format!("<!-- screen:{name} -->"))?;
    let end = start + text[start..].find("<!-- /screen -->")? + "<!-- /screen -->".len();
    Some(start..end)
}

#[test]
fn readme_and_guide_screens_are_current() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut docs: Vec<(std::path::PathBuf, String)> = DOCUMENTS
        .iter()
        .map(|d| {
            let path = std::path::Path::new(root).join(d);
            let text = std::fs::read_to_string(&path).unwrap();
            (path, text)
        })
        .collect();
    assert!(
        span(&docs[0].1, "checkin").is_some(),
        "the README shows the Check-in screen first thing"
    );
    let mut stale = Vec::new();
    for (name, text) in screens() {
        let fresh = block(name, &text);
        let mut found = false;
        for (path, doc) in docs.iter_mut() {
            if let Some(at) = span(doc, name) {
                found = true;
                if doc[at.clone()] != fresh {
                    stale.push(format!("{name} in {}", path.display()));
                    doc.replace_range(at, &fresh);
                }
            }
        }
        assert!(found, "no document shows the {name} screen");
    }
    if std::env::var_os("UPDATE_README").is_some() {
        for (path, doc) in docs {
            std::fs::write(path, doc).unwrap();
        }
    } else {
        assert!(
            stale.is_empty(),
            "screens out of date: {stale:?}; run UPDATE_README=1 cargo test --test readme"
        );
    }
}
