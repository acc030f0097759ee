//! `stackplan export A --compare B -o paths.pdf`: the comparison report of the two example paths.

mod common;

use std::path::Path;
use std::process::Command;

fn repo(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(path)
        .display()
        .to_string()
}

/// The whole text of a PDF, every run of whitespace as one space.
fn pdf_text(pdf: &Path) -> String {
    let text = common::pdf_layout_text(pdf);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn export(b: &str, output: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_stackplan"))
        .args([
            "export",
            &repo("roadmaps/licensed-blackbox.ron"),
            "--compare",
            b,
            "-o",
        ])
        .arg(output)
        .output()
        .expect("the binary runs")
}

#[test]
fn the_report_shows_both_curves_retirements_budget_and_differences() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("paths.pdf");
    let out = export(&repo("roadmaps/sovereign-stack-2035.ron"), &path);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pages = lopdf::Document::load(&path).unwrap().get_pages().len();
    assert!(pages >= 2, "{pages} pages");
    let text = pdf_text(&path);
    for expected in [
        "Two paths compared",
        "A (solid):",
        "B (dashed):",
        "Dependencies retired, A vs B",
        // The licence the licensed path only renews, the sovereign path ends.
        "Licensed closed model on local servers 2031-10 2030-07 15 months earlier",
        "Budget per layer, A vs B",
        "Trades",
        "Only in A: licence-renewed trades licensed-llm for licensed-llm-v2",
    ] {
        assert!(text.contains(expected), "no {expected:?} in {text}");
    }
}

#[test]
fn the_report_must_be_a_pdf_and_both_plans_readable() {
    let dir = tempfile::tempdir().unwrap();
    let out = export(&repo("roadmaps/blank.ron"), &dir.path().join("paths.svg"));
    assert_eq!(out.status.code(), Some(2));
    let out = export("no/such/b.ron", &dir.path().join("paths.pdf"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/b.ron"));
}
