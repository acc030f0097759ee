//! The handout PDF: one page per presentation stop, each with its title, from the library and
//! from `stackplan export FILE -o handout.pdf --stops`.

use std::path::Path;
use std::process::Command;

use stackplan::analysis::Analysis;
use stackplan::analysis::stops::stops_of;
use stackplan::export::{ExportOptions, handout};
use stackplan::io::example_plan;
use stackplan::model::Stop;

fn options() -> ExportOptions {
    ExportOptions {
        date: Some("2026-11-25".into()),
        ..ExportOptions::default()
    }
}

/// The text of page `n` (from 1), by pdftotext.
fn page_text(pdf: &Path, n: usize) -> String {
    let page = n.to_string();
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-f", &page, "-l", &page])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (Debian package poppler-utils) must be installed");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).unwrap()
}

/// Text as pdftotext may break it: every run of whitespace as one space.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn page_count(pdf: &Path) -> usize {
    lopdf::Document::load(pdf).unwrap().get_pages().len()
}

#[test]
fn the_example_handout_has_one_page_per_default_stop_with_its_title() {
    let plan = example_plan().unwrap();
    let stops = stops_of(&plan);
    assert!(stops.len() > 3);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("handout.pdf");
    handout::write(&plan, &Analysis::of(&plan), None, &path, &options()).unwrap();
    assert_eq!(page_count(&path), stops.len());
    for (k, stop) in stops.iter().enumerate() {
        let text = squeeze(&page_text(&path, k + 1));
        assert!(
            text.contains(&squeeze(&stop.title)),
            "page {} lacks \"{}\": {text}",
            k + 1,
            stop.title
        );
        assert!(text.contains(&format!("{} / {}", k + 1, stops.len())));
    }
    let summary = squeeze(&page_text(&path, stops.len()));
    assert!(summary.contains("total budget"), "{summary}");
    assert!(summary.contains("dependencies remaining at the end"));
}

#[test]
fn saved_stops_make_the_pages_in_their_order_with_their_notes() {
    let mut plan = example_plan().unwrap();
    let stop = |title: &str, focus: Option<&str>, notes: &str| Stop {
        title: title.to_owned(),
        from: "2028-01".parse().unwrap(),
        to: "2030-12".parse().unwrap(),
        layers: vec!["compute".into()],
        focus: focus.map(str::to_owned),
        notes: notes.to_owned(),
        view: stackplan::model::StopView::Chart,
    };
    plan.stops = vec![
        stop("Compute first", None, "Start with the data centres."),
        stop("Local model", Some("licensed-llm-live"), "Then the model."),
    ];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saved.pdf");
    handout::write(&plan, &Analysis::of(&plan), None, &path, &options()).unwrap();
    assert_eq!(page_count(&path), 2);
    let first = squeeze(&page_text(&path, 1));
    assert!(first.contains("Compute first"), "{first}");
    assert!(first.contains("Start with the data centres."), "{first}");
    let second = squeeze(&page_text(&path, 2));
    assert!(second.contains("Local model"), "{second}");
    assert!(second.contains("Then the model."), "{second}");
    assert!(
        second.contains("Removes"),
        "the focused milestone's facts: {second}"
    );
}

#[test]
fn the_command_line_writes_the_handout_with_stops() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("handout.pdf");
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmaps/sovereign-stack-2035.ron");
    let out = Command::new(env!("CARGO_BIN_EXE_stackplan"))
        .arg("export")
        .arg(&plan)
        .arg("-o")
        .arg(&path)
        .arg("--stops")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stops = stops_of(&stackplan::io::load_path(&plan).unwrap());
    assert_eq!(page_count(&path), stops.len());
    let last = squeeze(&page_text(&path, stops.len()));
    assert!(last.contains("Summary"), "{last}");

    let svg = dir.path().join("handout.svg");
    let out = Command::new(env!("CARGO_BIN_EXE_stackplan"))
        .arg("export")
        .arg(&plan)
        .arg("-o")
        .arg(&svg)
        .arg("--stops")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("PDF"));
    assert!(!svg.exists());
}

#[test]
fn with_compare_the_handout_ends_with_both_paths_and_the_difference() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("paths.pdf");
    let roadmaps = Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmaps");
    let (plan, other) = (
        roadmaps.join("sovereign-stack-2035.ron"),
        roadmaps.join("licensed-blackbox.ron"),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_stackplan"))
        .arg("export")
        .arg(&plan)
        .args(["--stops", "--compare"])
        .arg(&other)
        .arg("-o")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stops = stops_of(&stackplan::io::load_path(&plan).unwrap()).len();
    assert_eq!(
        page_count(&path),
        stops + 1,
        "one more page: the comparison"
    );
    let summary = squeeze(&page_text(&path, stops));
    assert!(summary.contains("Summary"), "{summary}");
    let last = squeeze(&page_text(&path, stops + 1));
    for expected in [
        "Two paths compared",
        "Valdera Sovereign AI Stack 2026–2035",
        "Valdera AI Programme: the licensed path",
        "−4,052",
        "exposure-months (8,034 → 3,982)",
        "+€2.94 bn",
        "Retired only on this path (13)",
        "Licensed closed model on local servers: 2031-10 → 2030-07",
        "4,052 fewer exposure-months",
    ] {
        assert!(last.contains(expected), "«{expected}» in: {last}");
    }

    let missing = dir.path().join("nowhere.ron");
    let out = Command::new(env!("CARGO_BIN_EXE_stackplan"))
        .arg("export")
        .arg(&plan)
        .args(["--stops", "--compare"])
        .arg(&missing)
        .arg("-o")
        .arg(dir.path().join("no.pdf"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("nowhere.ron"),
        "names the file that cannot be read"
    );
}

#[test]
fn the_sovereignty_stop_has_a_page_with_the_heatmap_the_shares_and_the_figures() {
    let plan = example_plan().unwrap();
    let stops = stops_of(&plan);
    let at = stops
        .iter()
        .position(|s| s.view == stackplan::model::StopView::Sovereignty)
        .expect("the example names jurisdictions: a sovereignty stop");
    assert_eq!(at, stops.len() - 2, "just before the summary");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("handout.pdf");
    handout::write(&plan, &Analysis::of(&plan), None, &path, &options()).unwrap();
    let text = squeeze(&page_text(&path, at + 1));
    for expected in [
        "Sovereignty: weakest links and jurisdictions",
        "Weakest link by layer over time",
        "Black box",
        "nothing live",
        "Share of exposure by jurisdiction, and its concentration (HHI)",
        "HHI (concentration)",
        "100 %",
        // US: 49 of 57 in 2026-01, 9 of 12 in 2035-12; HHI 0.746 and 0.625.
        "86 % → 75 %",
        "of exposure under US, 2026-01 → 2035-12",
        "0.75 → 0.62",
        "4 → 71",
        "Chips: Leading-edge fabrication abroad (Black box)",
    ] {
        assert!(
            text.contains(expected),
            "page {} lacks «{expected}»: {text}",
            at + 1
        );
    }
    for layer in &plan.layers {
        assert!(text.contains(&layer.name), "row of {}", layer.name);
    }
}
