//! The walls of the house, checked: no file in `src/` uses another that uses it back
//! (directly or round a longer loop), and no file in `src/` runs past 600 lines.
//!
//! A file "uses" another when its code names something in it by path (`crate::store::Store`,
//! `super::pane::Target`, `use super::{Ctx, Notice}`, a child module's `checkins::format_at`).
//! Declaring a child module (`mod x;`) and re-exporting from a descendant (`pub use x::Y;`)
//! are how a module shows its own surface, so they are not counted as uses.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 600;

/// Every `.rs` file under `src/`, keyed by its module path (`tui::panes::checkin`).
fn modules() -> BTreeMap<Vec<String>, PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files
        .into_iter()
        .filter(|f| !f.ends_with("main.rs"))
        .map(|f| {
            let rel = f.strip_prefix(&root).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
                parts.pop();
            }
            (parts, f)
        })
        .collect()
}

/// The code of a file without comments, string literals or inline test modules.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests {") {
        Some(i) => &text[..i],
        None => text,
    };
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                }
                out.push_str("\"\"");
            }
            // A char literal such as '"' or '{' must not start a string or a group.
            '\'' => {
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with("\\") {
                    let skip = rest.find('\'').map_or(0, |i| i + 1);
                    let skip = if skip == 0 {
                        chars.clone().position(|c| c == '\'').map_or(0, |i| i + 1)
                    } else {
                        skip
                    };
                    for _ in 0..skip {
                        chars.next();
                    }
                    out.push_str("' '");
                } else if rest.chars().nth(1) == Some('\'') {
                    chars.next();
                    chars.next();
                    out.push_str("' '");
                } else {
                    out.push(c);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Expands a `use` tree (`crate::a::{b, c::d}`) into its paths.
fn expand(tree: &str, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head: Vec<String> = tree[..open]
            .split("::")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        let mut base = prefix.to_vec();
        base.extend(head);
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&inner[start..i], &base, out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand(&inner[start..], &base, out);
    } else {
        let tree = tree.split(" as ").next().unwrap_or_default();
        let mut path = prefix.to_vec();
        path.extend(
            tree.split("::")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from),
        );
        if !path.is_empty() {
            out.push(path);
        }
    }
}

/// The paths a file's code names, each marked with whether it is a `pub use` re-export.
fn named_paths(code: &str) -> Vec<(Vec<String>, bool)> {
    let mut paths = Vec::new();
    let mut rest = code;
    // What is left once the `use` statements are read, for the paths in code.
    let mut code_only = String::with_capacity(code.len());
    // `use` statements, with their groups expanded.
    while let Some(i) = rest.find("use ") {
        let before = &rest[..i];
        let starts_word = before.chars().last().is_none_or(|c| !is_ident(c));
        let after = &rest[i + 4..];
        if starts_word && let Some(end) = after.find(';') {
            let reexport = before.trim_end().ends_with("pub")
                || before.trim_end().ends_with("pub(crate)")
                || before.trim_end().ends_with("pub(super)");
            let mut out = Vec::new();
            expand(&after[..end], &[], &mut out);
            paths.extend(out.into_iter().map(|p| (p, reexport)));
            code_only.push_str(before);
            rest = &after[end..];
        } else {
            code_only.push_str(&rest[..i + 4]);
            rest = after;
        }
    }
    code_only.push_str(rest);
    // Paths in code: `crate::…`, `super::…`, `self::…` and `name::…`.
    let chars: Vec<char> = code_only.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if is_ident(chars[i]) && (i == 0 || !(is_ident(chars[i - 1]) || chars[i - 1] == ':')) {
            let mut segs = Vec::new();
            let mut j = i;
            loop {
                let start = j;
                while j < chars.len() && is_ident(chars[j]) {
                    j += 1;
                }
                segs.push(chars[start..j].iter().collect::<String>());
                if j + 2 < chars.len()
                    && chars[j] == ':'
                    && chars[j + 1] == ':'
                    && is_ident(chars[j + 2])
                {
                    j += 2;
                } else {
                    break;
                }
            }
            if segs.len() > 1 {
                paths.push((segs, false));
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    paths
}

/// The file a path lands in, seen from module `here`: the deepest module it names.
fn resolve(
    here: &[String],
    path: &[String],
    mods: &BTreeMap<Vec<String>, PathBuf>,
) -> Option<Vec<String>> {
    let mut abs: Vec<String> = match path.first().map(String::as_str) {
        Some("crate") => Vec::new(),
        Some("self") => here.to_vec(),
        Some("super") => here[..here.len().saturating_sub(1)].to_vec(),
        Some(first) => {
            let mut child = here.to_vec();
            child.push(first.to_string());
            if mods.contains_key(&child) {
                here.to_vec()
            } else {
                return None; // an outside crate, or a name in scope
            }
        }
        None => return None,
    };
    let mut segs = &path[1..];
    if path
        .first()
        .is_some_and(|p| p != "crate" && p != "self" && p != "super")
    {
        segs = path;
    }
    // `super::super::x`
    while segs.first().is_some_and(|s| s == "super") {
        abs.pop();
        segs = &segs[1..];
    }
    let mut best = abs.clone();
    for s in segs {
        abs.push(s.clone());
        if mods.contains_key(&abs) {
            best = abs.clone();
        } else {
            break;
        }
    }
    mods.contains_key(&best).then_some(best)
}

fn uses() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let mods = modules();
    let mut graph = BTreeMap::new();
    for (module, file) in &mods {
        let code = code(&std::fs::read_to_string(file).unwrap());
        let mut targets = BTreeSet::new();
        for (path, reexport) in named_paths(&code) {
            let Some(target) = resolve(module, &path, &mods) else {
                continue;
            };
            let descendant = target.len() > module.len() && target.starts_with(module);
            if target == *module || (reexport && descendant) {
                continue;
            }
            targets.insert(target);
        }
        graph.insert(module.clone(), targets);
    }
    graph
}

fn name(m: &[String]) -> String {
    if m.is_empty() {
        "lib".into()
    } else {
        m.join("::")
    }
}

/// Every way round from a file back to itself, written `a → b → a`.
fn loops(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<String> {
    let mut loops = Vec::new();
    for start in graph.keys() {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((at, trail)) = stack.pop() {
            for next in graph.get(&at).into_iter().flatten() {
                if next == start {
                    let mut round: Vec<String> = trail.iter().map(|m| name(m)).collect();
                    round.push(name(start));
                    loops.push(round.join(" → "));
                } else if seen.insert(next.clone()) {
                    let mut t = trail.clone();
                    t.push(next.clone());
                    stack.push((next.clone(), t));
                }
            }
        }
    }
    loops.sort();
    loops.dedup();
    loops
}

#[test]
fn no_file_in_src_uses_one_that_uses_it_back() {
    let loops = loops(&uses());
    assert!(loops.is_empty(), "import cycles:\n{}", loops.join("\n"));
}

#[test]
fn the_checker_sees_a_cycle_when_there_is_one() {
    // The reader of paths, on a made-up pair of files that use each other.
    let a = code("use super::b::{Thing, other::More};\nfn f() { crate::x::b::g(); }\n");
    let paths: Vec<Vec<String>> = named_paths(&a).into_iter().map(|(p, _)| p).collect();
    assert!(paths.contains(&vec!["super".into(), "b".into(), "Thing".into()]));
    assert!(paths.contains(&vec![
        "super".into(),
        "b".into(),
        "other".into(),
        "More".into()
    ]));
    assert!(paths.contains(&vec!["crate".into(), "x".into(), "b".into(), "g".into()]));
    let mut mods = BTreeMap::new();
    for m in [vec!["x"], vec!["x", "a"], vec!["x", "b"]] {
        mods.insert(
            m.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            PathBuf::new(),
        );
    }
    let here = vec!["x".to_string(), "a".to_string()];
    assert_eq!(
        resolve(&here, &["super".into(), "b".into(), "Thing".into()], &mods),
        Some(vec!["x".to_string(), "b".to_string()])
    );
    // And the search finds a way round three files, and none in a line.
    let m = |s: &str| vec![s.to_string()];
    let mut graph: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    graph.insert(m("a"), [m("b")].into());
    graph.insert(m("b"), [m("c")].into());
    graph.insert(m("c"), [m("a")].into());
    assert!(loops(&graph).contains(&"a → b → c → a".to_string()));
    graph.insert(m("c"), BTreeSet::new());
    assert!(loops(&graph).is_empty());
    // Strings and comments never count, and a re-export is marked as one.
    assert!(named_paths(&code("// crate::x::b\nlet s = \"crate::x::b\";")).is_empty());
    let reexports = named_paths(&code("pub use b::Thing;\n"));
    assert_eq!(
        reexports,
        vec![(vec!["b".to_string(), "Thing".to_string()], true)]
    );
}

#[test]
fn no_file_in_src_runs_past_600_lines() {
    let long: Vec<String> = modules()
        .values()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n > MAX_LINES).then(|| format!("{} has {n} lines", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "{}", long.join("\n"));
}

/// The TUI's parts talk through the pane interface and its outcomes, never by asking what
/// type something really is.
#[test]
fn no_downcasting_in_the_tui() {
    let mut found = Vec::new();
    for (module, file) in modules() {
        if module.first().is_none_or(|m| m != "tui") {
            continue;
        }
        let code = code(&std::fs::read_to_string(&file).unwrap());
        let words: Vec<&str> = code.split(|c: char| !is_ident(c)).collect();
        for bad in ["Any", "downcast_ref", "downcast_mut", "downcast", "type_id"] {
            if words.contains(&bad) {
                found.push(format!("{}: {bad}", name(&module)));
            }
        }
    }
    assert!(
        found.is_empty(),
        "downcasting in src/tui:\n{}",
        found.join("\n")
    );
}

/// The four panes, each a folder under `tui/panes/`.
const PANES: [&str; 4] = ["checkin", "critic", "journal", "trends"];

/// A pane's files use the pane interface and what panes share, never another pane: what
/// two panes both need lives beside them (`tui/panes/*.rs`) or further down.
#[test]
fn no_pane_uses_a_sibling_pane() {
    let pane_of = |m: &[String]| -> Option<String> {
        match m {
            [tui, panes, pane, ..] if tui == "tui" && panes == "panes" => {
                PANES.contains(&pane.as_str()).then(|| pane.clone())
            }
            _ => None,
        }
    };
    let mut found = Vec::new();
    for (module, targets) in uses() {
        let Some(mine) = pane_of(&module) else {
            continue;
        };
        for target in targets {
            if let Some(theirs) = pane_of(&target)
                && theirs != mine
            {
                found.push(format!("{} uses {}", name(&module), name(&target)));
            }
        }
    }
    assert!(
        found.is_empty(),
        "panes using each other:\n{}",
        found.join("\n")
    );
    // The walls stand on something: every pane is a folder of its own.
    let panes = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui/panes");
    for pane in PANES {
        assert!(
            panes.join(pane).join("mod.rs").is_file(),
            "{pane} is not a folder"
        );
    }
}
