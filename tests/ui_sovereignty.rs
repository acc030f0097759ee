//! The Sovereignty view beside the exposure chart, driven through the real editor: what is
//! painted after switching to it, and after choosing a shock.

mod common;

use egui::{Color32, Shape};
use egui_kittest::kittest::Queryable;
use stackplan::ui::{DataFolder, StackplanApp};

/// The colours of heatmap cells (filled rectangles one row, 12 points, high) painted in
/// the last frame.
fn fills(h: &egui_kittest::Harness<'static, StackplanApp>) -> Vec<Color32> {
    fn walk(shape: &Shape, out: &mut Vec<Color32>) {
        match shape {
            Shape::Rect(r) if (r.rect.height() - 12.0).abs() < 0.01 => out.push(r.fill),
            Shape::Vec(v) => v.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

const BLACK_BOX: Color32 = Color32::from_rgb(0xDC, 0x26, 0x26);
const LICENSED: Color32 = Color32::from_rgb(0xEA, 0x58, 0x0C);

#[test]
fn the_sovereignty_tab_paints_the_weakest_links() {
    let data = tempfile::tempdir().unwrap();
    let plan = stackplan::io::load_str(include_str!("ui_plan.ron")).unwrap();
    let app = StackplanApp::with_plan(plan, DataFolder::at(data.path()));
    let mut h = common::harness_sized(app, 1280.0, 800.0);
    let before = fills(&h);
    assert!(
        !before.contains(&LICENSED),
        "no licensed cell before the tab is shown"
    );
    h.get_by_label("Sovereignty").click();
    h.run();
    h.run();
    let after = fills(&h);
    // The test plan: compute's weakest link is a black box, models' a licensed model.
    assert!(after.contains(&BLACK_BOX), "a black-box cell for compute");
    assert!(after.contains(&LICENSED), "a licensed cell for models");
    h.get_by_label("Exposure").click();
    h.run();
    h.run();
    assert!(!fills(&h).contains(&LICENSED), "back on the exposure chart");
}
