//! The editor's files form no circle: each file in `src/ui` uses only files below it (a
//! panel never reaches back into the app), and only the app's own files take the app
//! mutably. A newcomer can then read the editor from the leaves up.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every module of `src/ui`, by path below `ui` (`["app", "panels"]`), with its source
/// (test modules left out).
fn modules() -> BTreeMap<Vec<String>, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut found = BTreeMap::new();
    for (relative, text) in common::rust_files(&root) {
        let mut name: Vec<String> = relative
            .with_extension("")
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        if name.last().is_some_and(|n| n == "mod") {
            name.pop();
        }
        let code = text.split("#[cfg(test)]").next().unwrap_or("").to_owned();
        found.insert(name, code);
    }
    found
}

/// The paths a module names through `super::` or `crate::ui::`, each resolved to the
/// segments below `ui` (`super::{a, b::c}` gives `a` and `b::c`).
fn named_paths(module: &[String], code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let (mut base, mut after) = if rest.starts_with("crate::ui::") {
            (Vec::new(), i + "crate::ui::".len())
        } else if rest.starts_with("super::")
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'))
        {
            // `super` of `a::b` (the file `a/b.rs` or `a/b/mod.rs`) is `a`.
            let mut base = module.to_vec();
            base.pop();
            let mut after = i + "super::".len();
            while code[after..].starts_with("super::") {
                base.pop();
                after += "super::".len();
            }
            (base, after)
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        if code[after..].starts_with('{') {
            let close = code[after..].find('}').map_or(code.len(), |c| after + c);
            for part in code[after + 1..close].split(',') {
                let segments: Vec<String> = part
                    .trim()
                    .split("::")
                    .map(|s| s.trim_matches(|c: char| !c.is_alphanumeric() && c != '_'))
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect();
                let mut path = base.clone();
                path.extend(segments);
                paths.push(path);
            }
            after = close;
        } else {
            let end = code[after..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(code.len(), |e| after + e);
            base.extend(
                code[after..end]
                    .split("::")
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
            );
            paths.push(base);
            after = end;
        }
        i = after.max(i + 1);
    }
    paths
}

/// Which modules each module uses (its own ancestors left out: a file may use what its
/// folder's `mod.rs` declares; a folder's `mod.rs` uses every file in it).
fn uses() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let modules = modules();
    let mut edges = BTreeMap::new();
    for (module, code) in &modules {
        let mut used = BTreeSet::new();
        for path in named_paths(module, code) {
            // The longest prefix of the path that is a module.
            let target = (1..=path.len())
                .rev()
                .map(|n| path[..n].to_vec())
                .find(|p| modules.contains_key(p));
            if let Some(target) = target
                && target != *module
                && !module.starts_with(&target)
            {
                used.insert(target);
            }
        }
        // A folder's `mod.rs` uses the files in it.
        for child in modules.keys() {
            if child.len() == module.len() + 1 && child.starts_with(module) {
                used.insert(child.clone());
            }
        }
        edges.insert(module.clone(), used);
    }
    edges
}

/// A circle of modules, if there is one.
fn circle(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Option<Vec<String>> {
    fn visit(
        node: &Vec<String>,
        edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        done: &mut BTreeSet<Vec<String>>,
        stack: &mut Vec<Vec<String>>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut names: Vec<String> = stack[at..].iter().map(|n| n.join("::")).collect();
            names.push(node.join("::"));
            return Some(names);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.clone());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, edges, done, stack) {
                return Some(found);
            }
        }
        stack.pop();
        done.insert(node.clone());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|node| visit(node, edges, &mut done, &mut Vec::new()))
}

#[test]
fn no_circle_of_files_in_the_editor() {
    let edges = uses();
    assert!(
        edges.len() > 30,
        "found only {} modules in src/ui",
        edges.len()
    );
    let panel = edges.get(&vec!["checks".to_owned()]).unwrap();
    assert!(
        panel.contains(&vec!["action".to_owned()]),
        "the checks panel pushes actions: {panel:?}"
    );
    let app = edges.get(&vec!["app".to_owned()]).unwrap();
    assert!(
        app.contains(&vec!["app".to_owned(), "panels".to_owned()]),
        "the app folder uses its files: {app:?}"
    );
    if let Some(circle) = circle(&edges) {
        panic!("these files use each other: {}", circle.join(" → "));
    }
}

#[test]
fn a_circle_is_found() {
    let name = |s: &str| vec![s.to_owned()];
    let mut edges = BTreeMap::new();
    edges.insert(name("a"), BTreeSet::from([name("b")]));
    edges.insert(name("b"), BTreeSet::from([name("c")]));
    edges.insert(name("c"), BTreeSet::from([name("a")]));
    edges.insert(name("d"), BTreeSet::from([name("a")]));
    assert_eq!(circle(&edges).map(|c| c.len()), Some(4), "a → b → c → a");
    edges.insert(name("c"), BTreeSet::new());
    assert_eq!(circle(&edges), None);
}

#[test]
fn super_paths_resolve_from_the_file_they_are_in() {
    let panels = vec!["app".to_owned(), "panels".to_owned()];
    let paths = named_paths(
        &panels,
        "use super::super::{canvas, find::Find};\nuse super::StackplanApp;",
    );
    assert_eq!(
        paths,
        [
            vec!["canvas".to_owned()],
            vec!["find".to_owned(), "Find".to_owned()],
            vec!["app".to_owned(), "StackplanApp".to_owned()],
        ]
    );
}

#[test]
fn only_the_app_takes_itself_mutably() {
    let modules = modules();
    let reaching: Vec<String> = modules
        .iter()
        .filter(|(name, _)| name.first().is_none_or(|n| n != "app"))
        .filter(|(_, code)| code.contains("&mut StackplanApp"))
        .map(|(name, _)| name.join("::"))
        .collect();
    assert!(
        reaching.is_empty(),
        "files outside src/ui/app take &mut StackplanApp: {reaching:?}"
    );
}

#[test]
fn only_apply_changes_the_open_plan() {
    // A new document (an import, a recovered plan) is built elsewhere; the open one changes
    // only in `apply`.
    let changes = [
        "session.doc.edit(",
        "session.doc.edit_merging(",
        "session.doc.gesture_edit(",
        "session.doc.end_gesture(",
        "session.doc.undo()",
        "session.doc.redo()",
    ];
    let modules = modules();
    let changing: Vec<String> = modules
        .iter()
        .filter(|(name, _)| *name != &["app".to_owned(), "apply".to_owned()])
        .filter(|(_, code)| changes.iter().any(|c| code.contains(c)))
        .map(|(name, _)| name.join("::"))
        .collect();
    assert!(
        changing.is_empty(),
        "files besides src/ui/app/apply.rs change the plan: {changing:?}"
    );
}
