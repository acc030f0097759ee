//! The Sovereignty view beside the exposure chart, driven through the real editor: what is
//! painted after switching to it, and after choosing a shock.

mod common;

use common::{click, command, select};
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
    let app = common::example_app(data.path());
    let mut h = common::harness(app);
    let before = fills(&h);
    assert!(
        !before.contains(&LICENSED),
        "no licensed cell before the tab is shown"
    );
    click(&mut h, "Sovereignty");
    h.run();
    let after = fills(&h);
    // The test plan: compute's weakest link is a black box, models' a licensed model.
    assert!(after.contains(&BLACK_BOX), "a black-box cell for compute");
    assert!(after.contains(&LICENSED), "a licensed cell for models");
    click(&mut h, "Exposure");
    h.run();
    assert!(!fills(&h).contains(&LICENSED), "back on the exposure chart");
}

const OPEN_FOREIGN: Color32 = Color32::from_rgb(0xCA, 0x8A, 0x04);

#[test]
fn the_heatmap_follows_the_plan_when_another_version_is_opened() {
    let data = tempfile::tempdir().unwrap();
    let text = include_str!("ui_plan.ron");
    let plan = stackplan::io::load_str(text).unwrap();
    let app = StackplanApp::with_plan(plan, DataFolder::at(data.path()));
    let mut h = common::harness(app);
    click(&mut h, "Sovereignty");
    h.run();
    assert!(fills(&h).contains(&LICENSED), "a licensed cell for models");
    // The same plan, with the licensed model replaced by open foreign weights.
    let path = data.path().join("open-weights.ron");
    let edited = text.replace("control: Licensed", "control: OpenForeign");
    assert_ne!(edited, text);
    std::fs::write(&path, edited).unwrap();
    h.state_mut().open_path(path);
    h.run();
    h.run();
    let after = fills(&h);
    assert!(
        !after.contains(&LICENSED),
        "no licensed cell is left painted"
    );
    assert!(
        after.contains(&OPEN_FOREIGN),
        "the models row turns open-foreign"
    );
}

/// A painted shape.
struct Painted {
    shape: Shape,
}

/// Every shape of the last frame that the canvas (the area named "Roadmap canvas") painted.
fn canvas_shapes(h: &egui_kittest::Harness<'static, StackplanApp>) -> Vec<Painted> {
    fn walk(shape: &Shape, out: &mut Vec<Painted>) {
        match shape {
            Shape::Vec(v) => v.iter().for_each(|s| walk(s, out)),
            s => out.push(Painted { shape: s.clone() }),
        }
    }
    let canvas = h.get_by_label("Roadmap canvas").rect();
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        if canvas.contains(clipped.clip_rect.center()) {
            walk(&clipped.shape, &mut out);
        }
    }
    out
}

const SHOCK: Color32 = Color32::from_rgb(0xB9, 0x1C, 0x1C);
const CURSOR: Color32 = Color32::from_rgb(0xE1, 0x1D, 0x48);
const MODELS: Color32 = Color32::from_rgb(0x10, 0xB9, 0x81);

/// Rectangles framed in the shock's red (cut dependency bars).
fn cut_frames(shapes: &[Painted]) -> Vec<egui::Rect> {
    shapes
        .iter()
        .filter_map(|p| match &p.shape {
            Shape::Rect(r) if r.stroke.color == SHOCK && r.stroke.width > 0.0 => Some(r.rect),
            _ => None,
        })
        .collect()
}

/// Centres of diamonds (closed four-point paths) filled or outlined in `colour`.
fn diamonds(shapes: &[Painted], colour: Color32, outlined: bool) -> Vec<egui::Pos2> {
    shapes
        .iter()
        .filter_map(|p| match &p.shape {
            Shape::Path(path) if path.closed && path.points.len() == 4 => {
                let hit = if outlined {
                    matches!(path.stroke.color, egui::epaint::ColorMode::Solid(c) if c == colour)
                        && path.fill == Color32::TRANSPARENT
                } else {
                    path.fill == colour
                };
                hit.then(|| egui::Rect::from_points(&path.points).center())
            }
            _ => None,
        })
        .collect()
}

fn texts(shapes: &[Painted]) -> Vec<String> {
    shapes
        .iter()
        .filter_map(|p| match &p.shape {
            Shape::Text(t) => Some(t.galley.text().to_owned()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_shock_marks_cut_dependencies_and_milestones_at_risk_on_the_canvas() {
    let data = tempfile::tempdir().unwrap();
    let app = common::example_app(data.path());
    let mut h = common::harness(app);
    h.state_mut().view_mut().cursor = Some("2027-06".parse().unwrap());
    click(&mut h, "Sovereignty");
    h.run();
    assert!(cut_frames(&canvas_shapes(&h)).is_empty(), "no shock yet");
    // The picker: "No shock" until a jurisdiction is chosen.
    let picker = h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Shock");
    assert_eq!(picker.value().as_deref(), Some("No shock"));
    picker.click();
    h.run();
    click(&mut h, "US cuts off");
    h.run();
    let shapes = canvas_shapes(&h);
    // Both US dependencies are live in 2027-06: both bars are framed from the cut on.
    let frames = cut_frames(&shapes);
    assert_eq!(frames.len(), 2, "{frames:?}");
    let cursor_x = shapes
        .iter()
        .find_map(|p| match &p.shape {
            Shape::LineSegment { points, stroke } if stroke.color == CURSOR => Some(points[0].x),
            _ => None,
        })
        .expect("the time cursor is painted");
    let ppm = h.state().view().points_per_month;
    let cut_x = cursor_x - ppm / 2.0;
    for frame in &frames {
        assert!(
            (frame.left() - cut_x).abs() < 1.5,
            "a frame starts at the cut ({cut_x}): {frame:?}"
        );
    }
    // The licensed model's frame ends where its bar ends: where the plan removes it.
    let licensed_bar = shapes
        .iter()
        .find_map(|p| match &p.shape {
            Shape::Rect(r) if r.fill == LICENSED => Some(r.rect),
            _ => None,
        })
        .expect("the licensed dependency's bar");
    assert!(
        frames
            .iter()
            .any(|f| (f.right() - licensed_bar.right()).abs() < 1.5),
        "{frames:?} vs {licensed_bar:?}"
    );
    // The national model milestone needs the compute cluster (a hit layer): it gets a ring.
    let models = diamonds(&shapes, MODELS, false);
    let rings = diamonds(&shapes, SHOCK, true);
    assert_eq!(rings.len(), 1, "{rings:?}");
    assert!(models.iter().any(|m| m.distance(rings[0]) < 1.0));
    assert!(texts(&shapes).contains(&"US cuts off 2027-06".to_owned()));
    // The summary says what is cut and for how long: the GPUs are never removed, so they
    // stay cut from 2027-06 to the horizon's end in 2031-12.
    h.get_by_label_contains(
        "2 dependencies cut, exposure 9 cut, 1 never removed by the plan (longest 55 months",
    );
    // Clearing the shock restores the canvas.
    click(&mut h, "Clear shock");
    h.run();
    let shapes = canvas_shapes(&h);
    assert!(cut_frames(&shapes).is_empty());
    assert!(diamonds(&shapes, SHOCK, true).is_empty());
    assert!(!texts(&shapes).iter().any(|t| t.contains("cuts off")));
}

fn dependency<'a>(app: &'a StackplanApp, id: &str) -> &'a stackplan::model::Dependency {
    app.plan().dependency(id).expect("the dependency")
}

#[test]
fn the_inspector_edits_evidence_and_framework_levels_each_step_undoable() {
    use egui::accesskit::Role;
    use stackplan::model::{Confidence, ItemKind};
    use stackplan::ui::Command;
    let data = tempfile::tempdir().unwrap();
    let app = common::example_app(data.path());
    let mut h = common::harness_sized(app, 1280.0, 1000.0);
    select(&mut h, ItemKind::Dependency, "foreign-gpus");
    let shown = |h: &egui_kittest::Harness<'static, StackplanApp>, text: &str| {
        h.query_by_label(text).is_some()
    };
    assert!(shown(&h, "No evidence yet."));
    // Add a source: a framed entry with its fields appears.
    click(&mut h, "Add evidence");
    assert_eq!(dependency(h.state(), "foreign-gpus").evidence.len(), 1);
    assert!(shown(&h, "Remove evidence 1") && !shown(&h, "No evidence yet."));
    h.get_by_role_and_label(Role::TextInput, "Source of evidence 1")
        .focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Source of evidence 1")
        .type_text("Export licence register");
    h.run();
    h.run();
    let confidence = h.get_by_role_and_label(Role::ComboBox, "Confidence in evidence 1");
    assert_eq!(confidence.value().as_deref(), Some("medium"));
    confidence.click();
    h.run();
    click(&mut h, "high");
    h.run();
    let e = &dependency(h.state(), "foreign-gpus").evidence[0];
    assert_eq!(e.source, "Export licence register");
    assert_eq!(e.confidence, Confidence::High);
    assert_eq!(
        h.get_by_role_and_label(Role::ComboBox, "Confidence in evidence 1")
            .value()
            .as_deref(),
        Some("high")
    );
    // A black box is level 0 on every objective until set by hand.
    let supply = h.get_by_role_and_label(Role::ComboBox, "Supply chain sovereignty");
    assert_eq!(supply.value().as_deref(), Some("0 (default)"));
    supply.click();
    h.run();
    click(&mut h, "2: SEAL-2 Data sovereignty");
    h.run();
    let a = &dependency(h.state(), "foreign-gpus").assessment;
    assert_eq!(
        (a.len(), a[0].objective.as_str(), a[0].level),
        (1, "supply-chain", 2)
    );
    assert_eq!(
        h.get_by_role_and_label(Role::ComboBox, "Supply chain sovereignty")
            .value()
            .as_deref(),
        Some("2 (by hand)")
    );
    // The level set by hand gets its own evidence list.
    assert!(shown(&h, "Add evidence for Supply chain sovereignty"));
    // Each step undoes on its own: the level, then the confidence, then the typing, then the
    // entry itself.
    command(&mut h, Command::Undo);
    assert!(dependency(h.state(), "foreign-gpus").assessment.is_empty());
    assert_eq!(
        h.get_by_role_and_label(Role::ComboBox, "Supply chain sovereignty")
            .value()
            .as_deref(),
        Some("0 (default)")
    );
    command(&mut h, Command::Undo);
    let e = &dependency(h.state(), "foreign-gpus").evidence[0];
    assert_eq!(
        (e.confidence, e.source.as_str()),
        (Confidence::Medium, "Export licence register")
    );
    command(&mut h, Command::Undo);
    assert_eq!(dependency(h.state(), "foreign-gpus").evidence[0].source, "");
    command(&mut h, Command::Undo);
    assert!(dependency(h.state(), "foreign-gpus").evidence.is_empty());
    assert!(shown(&h, "No evidence yet."));
    // Removing the milestone's evidence is one step too.
    select(&mut h, ItemKind::Milestone, "own-model");
    click(&mut h, "Remove evidence 1");
    assert!(
        h.state()
            .plan()
            .milestone("own-model")
            .unwrap()
            .evidence
            .is_empty()
    );
    assert!(shown(&h, "No evidence yet."));
    command(&mut h, Command::Undo);
    assert_eq!(
        h.state()
            .plan()
            .milestone("own-model")
            .unwrap()
            .evidence
            .len(),
        1
    );
}
