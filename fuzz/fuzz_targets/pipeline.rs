//! Fuzz target: the whole path a plan takes to a picture. Any bytes that load must analyse,
//! lay out (whole horizon and report pages) and export to an SVG that parses as SVG.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stackplan::analysis::Analysis;
use stackplan::export::{ExportOptions, svg};
use stackplan::io::load_bytes;
use stackplan::layout::{self, View};

fuzz_target!(|data: &[u8]| {
    let Ok(plan) = load_bytes(data) else {
        return;
    };
    let analysis = Analysis::of(&plan);
    let _ = analysis.exposure_at(plan.horizon.start);
    let scene = layout::layout(&plan, analysis.spans(), &View::whole(&plan));
    let text = svg::scene_to_svg(&scene, &plan);
    if let Err(e) = usvg::Tree::from_str(&text, &usvg::Options::default()) {
        panic!("the exported SVG does not parse: {e}\n{text}");
    }
    let _ = svg::write(&plan, &analysis, &ExportOptions::default());
    for page in layout::report::pages(&plan, &analysis, 842.0, 595.0) {
        let _ = svg::scene_to_svg(&page, &plan);
    }
});
