//! The fuzz targets' properties, checked on every input the fuzzers ever crashed on
//! (`tests/fuzz-regressions/`) and on the example and broken plans they start from.

use std::path::{Path, PathBuf};

use stackplan::analysis::Analysis;
use stackplan::export::svg;
use stackplan::io::{load_bytes, load_str, to_ron};
use stackplan::layout::{self, View};

fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["tests/fuzz-regressions", "roadmaps", "tests/broken"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() && path.extension().is_none_or(|e| e != "expect" && e != "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// What `fuzz/fuzz_targets/load.rs` checks: a plan that loads saves and loads back equal.
#[test]
fn loaded_plans_round_trip() {
    let mut loaded = 0;
    for path in inputs() {
        let Ok(plan) = load_bytes(&std::fs::read(&path).unwrap()) else {
            continue;
        };
        loaded += 1;
        let text = to_ron(&plan);
        let back = load_str(&text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", path.display()));
        assert_eq!(back, plan, "{}", path.display());
    }
    assert!(loaded >= 4, "the example plans load");
}

/// What `fuzz/fuzz_targets/pipeline.rs` checks: loaded plans analyse, lay out and export an
/// SVG that parses.
#[test]
fn loaded_plans_export_valid_svg() {
    for path in inputs() {
        let Ok(plan) = load_bytes(&std::fs::read(&path).unwrap()) else {
            continue;
        };
        let _ = Analysis::of(&plan);
        let scene = layout::layout(
            &plan,
            &stackplan::analysis::dependency_spans(&plan),
            &View::whole(&plan),
        );
        let text = svg::scene_to_svg(&scene, &plan);
        if let Err(e) = usvg::Tree::from_str(&text, &usvg::Options::default()) {
            panic!("{}: the SVG does not parse: {e}", path.display());
        }
        for page in layout::report::pages(&plan, &Analysis::of(&plan), 842.0, 595.0) {
            let _ = svg::scene_to_svg(&page, &plan);
        }
    }
}
