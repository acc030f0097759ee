//! The shape ARCHITECTURE.md promises, checked: no source file grows past what a newcomer can
//! read in one sitting, and a plan is analysed in one place per program (the editor's session
//! and the CLI), everything else being handed the analysis.

mod common;

use std::path::{Path, PathBuf};

/// The most lines a file in `src/` may have.
const MAX_LINES: usize = 700;

/// Where `Analysis::of` may be called outside tests (below `src/`).
const ANALYSING: [&str; 3] = ["ui/app/analysis_cache.rs", "cli.rs", "assess.rs"];

/// Every `.rs` file below `src/`, relative to it, with its text.
fn sources() -> Vec<(PathBuf, String)> {
    common::rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

/// The text of a file before its test module, if it has one; nothing for a file that is
/// itself a test module (`tests.rs`).
fn without_tests(path: &Path, text: &str) -> String {
    if path
        .file_name()
        .is_some_and(|n| n == "tests.rs" || n == "testplan.rs")
    {
        return String::new();
    }
    text.split("#[cfg(test)]")
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn no_source_file_is_longer_than_a_newcomer_can_read() {
    let long: Vec<String> = sources()
        .iter()
        .map(|(path, text)| (path, text.lines().count()))
        .filter(|(_, lines)| *lines > MAX_LINES)
        .map(|(path, lines)| format!("{} ({lines} lines)", path.display()))
        .collect();
    assert!(long.is_empty(), "over {MAX_LINES} lines: {long:?}");
}

#[test]
fn a_plan_is_analysed_only_by_the_session_and_the_cli() {
    let elsewhere: Vec<String> = sources()
        .iter()
        .filter(|(path, text)| {
            let shown = path.to_string_lossy().replace('\\', "/");
            !ANALYSING.contains(&shown.as_str())
                && !shown.starts_with("analysis/")
                && without_tests(path, text).contains("Analysis::of(")
        })
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert!(
        elsewhere.is_empty(),
        "Analysis::of outside the session and the CLI: {elsewhere:?}"
    );
}
