//! The canvas driven through the real editor with egui_kittest: drags, zoom, keys, and what
//! is painted after each (the shapes sent to the renderer, not only the document).

mod common;

use std::path::Path;

use common::{click, example_app, example_plan, harness, press, press_with, select};
use egui::{Pos2, Vec2, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stackplan::model::{Horizon, Investment, ItemKind, Month, Roadmap};
use stackplan::ui::{DataFolder, Selection, StackplanApp};

/// The title of the bar the tests drag ("cluster-1" of the example plan).
fn bar() -> String {
    example_plan()
        .investment("cluster-1")
        .unwrap()
        .title
        .clone()
}

/// Points per month in the canvas tests.
const PPM: f32 = 12.0;

/// The test plan zoomed to `PPM` points a month from late 2025.
fn zoomed(data: &Path) -> Harness<'static, StackplanApp> {
    let mut h = harness(example_app(data));
    zoom(&mut h);
    h
}

/// Zooms the harness's editor to `PPM` from late 2025.
fn zoom(h: &mut Harness<'static, StackplanApp>) {
    let view = h.state_mut().view_mut();
    view.fit_pending = false;
    view.points_per_month = PPM;
    view.first_month = "2025-11"
        .parse::<stackplan::model::Month>()
        .unwrap()
        .index() as f32;
    h.run();
}

/// Presses at `from`, moves by `by` in five steps and releases there.
fn drag(h: &mut Harness<'static, StackplanApp>, from: Pos2, by: Vec2) {
    common::drag(h, from, by, 5);
}

fn investment(h: &Harness<'static, StackplanApp>, id: &str) -> stackplan::model::Investment {
    h.state().plan().investment(id).unwrap().clone()
}

#[test]
fn dragging_a_bar_moves_it_by_whole_months_in_one_undo_step() {
    let data = tempfile::tempdir().unwrap();
    let mut h = zoomed(data.path());
    let before = investment(&h, "cluster-1");
    let centre = h.get_by_label(&bar()).rect().center();
    drag(&mut h, centre, vec2(PPM * 6.0 + 4.0, 0.0));
    let after = investment(&h, "cluster-1");
    assert_eq!(
        before.start.months_until(after.start),
        6,
        "{} → {}",
        before.start,
        after.start
    );
    assert_eq!(before.duration_months(), after.duration_months());
    assert_eq!(after.layer, before.layer);
    assert_eq!(h.state().document().undo_label(), Some("Move investment"));
    press_with(&mut h, egui::Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(
        investment(&h, "cluster-1"),
        before,
        "the whole drag is one step"
    );
    press_with(&mut h, egui::Modifiers::COMMAND, egui::Key::Y);
    assert_eq!(investment(&h, "cluster-1"), after);
}

#[test]
fn dragging_the_end_handle_resizes_the_bar() {
    let data = tempfile::tempdir().unwrap();
    let mut h = zoomed(data.path());
    let before = investment(&h, "cluster-1");
    h.get_by_label(&bar()).click();
    h.run();
    let handle = h.get_by_label(&format!("End of {}", bar())).rect().center();
    drag(&mut h, handle, vec2(PPM * 3.0, 0.0));
    let after = investment(&h, "cluster-1");
    assert_eq!(after.start, before.start);
    assert_eq!(
        before.end.months_until(after.end),
        3,
        "{} → {}",
        before.end,
        after.end
    );
}

#[test]
fn dragging_a_bar_into_another_lane_changes_its_layer() {
    let data = tempfile::tempdir().unwrap();
    let mut h = zoomed(data.path());
    let target_layer = h
        .state()
        .plan()
        .layers
        .iter()
        .find(|l| l.id != "compute")
        .unwrap()
        .id
        .clone();
    let other = h
        .state()
        .plan()
        .investments
        .iter()
        .find(|i| i.layer == target_layer)
        .unwrap()
        .title
        .clone();
    let target_y = h.get_by_label(&other).rect().center().y;
    let centre = h.get_by_label(&bar()).rect().center();
    drag(&mut h, centre, vec2(0.0, target_y - centre.y));
    assert_eq!(investment(&h, "cluster-1").layer, target_layer);
}

#[test]
fn dragging_from_the_link_handle_onto_a_bar_adds_a_link() {
    let data = tempfile::tempdir().unwrap();
    let mut h = zoomed(data.path());
    let plan = h.state().plan().clone();
    let first = plan.investment("cluster-1").unwrap();
    let later = plan.investment("cluster-2").unwrap().clone();
    assert!(!later.after.contains(&first.id));
    h.get_by_label(&bar()).click();
    h.run();
    let handle = h
        .get_by_label(&format!("Link from {}", bar()))
        .rect()
        .center();
    let target = h.get_by_label(&later.title).rect().center();
    drag(&mut h, handle, target - handle);
    assert!(
        investment(&h, &later.id)
            .after
            .contains(&"cluster-1".to_owned()),
        "{later:?}"
    );
    assert_eq!(h.state().document().undo_label(), Some("Add link"));
}

/// The test plan at `PPM` points a month with `first` at the left edge of the chart.
fn zoomed_from(data: &Path, first: &str) -> Harness<'static, StackplanApp> {
    let mut h = zoomed(data);
    h.state_mut().view_mut().first_month = month(first).index() as f32;
    h.run();
    h
}

fn month(text: &str) -> Month {
    text.parse().unwrap()
}

/// Left edge of the chart area (right of the lane headers), on screen.
fn chart_left(h: &Harness<'static, StackplanApp>) -> f32 {
    h.get_by_label("Roadmap canvas").rect().left() + stackplan::ui::HEADER_WIDTH
}

/// Screen x of the middle of `m` on the chart.
fn x_of(h: &Harness<'static, StackplanApp>, m: Month) -> f32 {
    let first = h.state().view().first_month;
    chart_left(h) + (m.index() as f32 - first + 0.5) * h.state().view().points_per_month
}

#[test]
fn double_clicking_a_lane_adds_an_investment_there_at_that_month() {
    let data = tempfile::tempdir().unwrap();
    let mut h = common::harness_stepped(example_app(data.path()), 1280.0, 800.0, 0.05);
    zoom(&mut h);
    let lane_y = h.get_by_label("Language technology lab").rect().center().y;
    let at = pos2(x_of(&h, month("2028-09")), lane_y);
    h.hover_at(at);
    h.run();
    for pressed in [true, false, true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.step();
    }
    h.run();
    let plan = h.state().plan();
    assert_eq!(plan.investments.len(), example_plan().investments.len() + 1);
    let added = plan.investments.last().unwrap();
    assert_eq!(added.layer, "research");
    assert_eq!(added.start, month("2028-09"));
    let selected = h.state().view().selection.clone().unwrap();
    assert_eq!(selected.id, added.id, "the new investment is selected");
    assert_eq!(h.state().document().undo_label(), Some("Add investment"));
}

#[test]
fn dragging_a_milestone_re_dates_it() {
    let data = tempfile::tempdir().unwrap();
    let mut h = zoomed_from(data.path(), "2028-01");
    let title = example_plan().milestone("own-model").unwrap().title.clone();
    let diamond = h.get_by_label(&title).rect().left_center() + vec2(4.0, 0.0);
    drag(&mut h, diamond, vec2(PPM * 4.0 + 3.0, 0.0));
    let m = h.state().plan().milestone("own-model").unwrap().clone();
    assert_eq!(m.month, month("2029-10"));
    assert_eq!(m.layer, "models");
    assert_eq!(h.state().document().undo_label(), Some("Move milestone"));
}

/// The fractional month index under screen x.
fn month_under(h: &Harness<'static, StackplanApp>, x: f32) -> f32 {
    h.state().view().month_at(x - chart_left(h))
}

#[test]
fn pinch_zoom_keeps_the_month_under_the_pointer() {
    let data = tempfile::tempdir().unwrap();
    let mut h = zoomed(data.path());
    let canvas = h.get_by_label("Roadmap canvas").rect();
    let at = pos2(chart_left(&h) + 250.0, canvas.center().y);
    h.hover_at(at);
    h.run();
    let before = month_under(&h, at.x);
    h.event(egui::Event::Zoom(1.5));
    h.run();
    let view = h.state().view();
    assert!((view.points_per_month - PPM * 1.5).abs() < 1e-3, "{view:?}");
    assert!((month_under(&h, at.x) - before).abs() < 1e-3);
}

#[test]
fn ctrl_scroll_zooms_around_the_pointer() {
    let data = tempfile::tempdir().unwrap();
    let mut h = zoomed(data.path());
    let canvas = h.get_by_label("Roadmap canvas").rect();
    let at = pos2(chart_left(&h) + 120.0, canvas.center().y);
    h.hover_at(at);
    h.run();
    let before = month_under(&h, at.x);
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: vec2(0.0, 3.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: egui::Modifiers::COMMAND,
    });
    for _ in 0..30 {
        h.step();
    }
    h.run();
    let view = h.state().view();
    assert!(view.points_per_month > PPM * 1.05, "zoomed in: {view:?}");
    assert!((month_under(&h, at.x) - before).abs() < 1e-2);
    assert_eq!(view.scroll_y, 0.0, "Ctrl+scroll zooms instead of scrolling");
}

#[test]
fn scrolling_down_stops_at_the_end_of_the_plan() {
    let data = tempfile::tempdir().unwrap();
    let mut h = zoomed(data.path());
    let canvas = h.get_by_label("Roadmap canvas").rect();
    h.hover_at(canvas.center());
    h.run();
    for _ in 0..5 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: vec2(0.0, -2000.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        });
        // egui spreads a wheel step over several frames.
        h.run_steps(12);
    }
    let scroll = h.state().view().scroll_y;
    assert!(
        scroll < canvas.height(),
        "scrolled {scroll} past a short plan"
    );
    assert!(
        h.query_by_label("Imported accelerators").is_some(),
        "the last lane stays in view"
    );
}

/// One frame of the editor in a plain egui context, without AccessKit (as in a normal
/// window, where only a screen reader turns it on).
struct Plain {
    ctx: egui::Context,
    app: StackplanApp,
    time: f64,
    /// The shapes painted in the last frame.
    shapes: Vec<egui::epaint::ClippedShape>,
}

impl Plain {
    fn frame(&mut self, events: Vec<egui::Event>) {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0))),
            time: Some(self.time),
            events,
            ..Default::default()
        };
        let app = &mut self.app;
        let mut output = self.ctx.run_ui(input, |ui| app.show(ui));
        output.textures_delta.clear();
        self.shapes = output.shapes;
    }

    /// The editor `app` in a plain egui context with the repository's fonts.
    fn new(app: StackplanApp) -> Plain {
        let ctx = egui::Context::default();
        stackplan::ui::add_fonts_from(
            &ctx,
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts"),
        );
        Plain {
            ctx,
            app,
            time: 0.0,
            shapes: Vec::new(),
        }
    }

    /// The test plan [`zoomed`] in a plain context, and the centre of the bar the tests drag.
    fn zoomed(data: &Path) -> (Plain, Pos2) {
        let h = zoomed(data);
        let centre = h.get_by_label(&bar()).rect().center();
        let mut view = h.state().view().clone();
        // Panels settle over the first frames of a new context: keep this zoom meanwhile.
        view.fitted_width = None;
        drop(h);
        let mut app = example_app(data);
        *app.view_mut() = view;
        (Plain::new(app), centre)
    }

    /// A frame, then the pointer moves to `at` and rests there for a frame.
    fn rest_at(&mut self, at: Pos2) {
        self.frame(Vec::new());
        self.frame(vec![egui::Event::PointerMoved(at)]);
        self.frame(Vec::new());
    }

    /// Filled rectangles of colour `fill` painted in the last frame.
    fn rects(&self, fill: egui::Color32) -> Vec<egui::Rect> {
        self.shapes
            .iter()
            .filter_map(|c| match &c.shape {
                egui::Shape::Rect(r) if r.fill == fill => Some(r.rect),
                _ => None,
            })
            .collect()
    }

    fn button(pos: Pos2, pressed: bool) -> egui::Event {
        egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        }
    }
}

#[test]
fn dragging_a_bar_works_without_accesskit() {
    let data = tempfile::tempdir().unwrap();
    let (mut plain, centre) = Plain::zoomed(data.path());
    plain.rest_at(centre);
    plain.frame(vec![Plain::button(centre, true)]);
    let by = vec2(PPM * 3.0 + 4.0, 0.0);
    for k in 1..=5 {
        plain.frame(vec![egui::Event::PointerMoved(
            centre + by * (k as f32 / 5.0),
        )]);
    }
    plain.frame(vec![Plain::button(centre + by, false)]);
    plain.frame(Vec::new());
    let before = example_plan().investment("cluster-1").unwrap().start;
    let after = plain.app.plan().investment("cluster-1").unwrap().start;
    assert_eq!(before.months_until(after), 3, "{before} → {after}");
}

#[test]
fn keyboard_tab_selects_and_arrows_nudge() {
    let data = tempfile::tempdir().unwrap();
    let mut h = zoomed(data.path());
    press(&mut h, egui::Key::Tab);
    let sel = h
        .state()
        .view()
        .selection
        .clone()
        .expect("Tab selects an item");
    let month = |h: &Harness<'static, StackplanApp>| {
        let p = h.state().plan();
        p.investment(&sel.id)
            .map(|i| i.start)
            .or_else(|| p.milestone(&sel.id).map(|m| m.month))
            .unwrap()
    };
    let before = month(&h);
    press(&mut h, egui::Key::ArrowRight);
    press_with(&mut h, egui::Modifiers::SHIFT, egui::Key::ArrowRight);
    assert_eq!(before.months_until(month(&h)), 13);
}

/// What the canvas painted in the last frame, read from the shapes sent to the renderer.
mod painted {
    use super::*;

    /// The colour of `layer` in the editor's plan.
    pub fn layer_rgb(h: &Harness<'static, StackplanApp>, layer: &str) -> [u8; 3] {
        let c = h.state().plan().layer(layer).unwrap().colour;
        [c.r, c.g, c.b]
    }

    /// Whether `c`, at whatever opacity, is `rgb` (dimmed bars are the layer colour faded).
    fn is_colour(c: egui::Color32, rgb: [u8; 3]) -> bool {
        let [r, g, b, a] = c.to_srgba_unmultiplied();
        a > 0 && [r, g, b].iter().zip(rgb).all(|(x, y)| x.abs_diff(y) <= 4)
    }

    /// Filled rectangles of colour `rgb` painted inside the canvas in the last frame.
    pub fn rects(h: &Harness<'static, StackplanApp>, rgb: [u8; 3]) -> Vec<egui::Rect> {
        let canvas = h.get_by_label("Roadmap canvas").rect();
        h.output()
            .shapes
            .iter()
            .filter_map(|clipped| match &clipped.shape {
                egui::Shape::Rect(r) if is_colour(r.fill, rgb) => {
                    Some(r.rect.intersect(clipped.clip_rect))
                }
                _ => None,
            })
            .filter(|r| r.width() > 0.0 && canvas.contains_rect(*r))
            .collect()
    }

    /// Screen x where month `m` begins on the canvas.
    pub fn x_of(h: &Harness<'static, StackplanApp>, m: Month) -> f32 {
        let view = h.state().view();
        super::chart_left(h) + (m.index() as f32 - view.first_month) * view.points_per_month
    }

    /// Whether a bar of colour `rgb` from the start of `start` to the end of `end` is painted.
    pub fn bar(h: &Harness<'static, StackplanApp>, rgb: [u8; 3], start: Month, end: Month) -> bool {
        let (x0, x1) = (x_of(h, start), x_of(h, end.plus(1)));
        rects(h, rgb)
            .iter()
            .any(|r| (r.left() - x0).abs() <= 1.5 && (r.right() - x1).abs() <= 1.5)
    }

    /// Whether a bar of colour `rgb` is painted at the months `inv` has in the plan now.
    pub fn investment(h: &Harness<'static, StackplanApp>, rgb: [u8; 3], id: &str) -> bool {
        let inv = super::investment(h, id);
        bar(h, rgb, inv.start, inv.end)
    }

    /// Moves the pointer off the canvas and lets the editor settle.
    pub fn move_away(h: &mut Harness<'static, StackplanApp>) {
        h.hover_at(pos2(5.0, 5.0));
        h.run();
    }
}

/// A compute lane where "mover" (2026-01 to 2026-06) sits in the top row and forty bars
/// from 2026-08 to 2027-12, all overlapping, fill the rows below it.
fn crowded_plan() -> Roadmap {
    let horizon = Horizon {
        start: month("2026-01"),
        end: month("2028-12"),
    };
    let mut plan = Roadmap::blank("Crowded", horizon);
    let bar = |id: String, start: &str, end: &str| Investment {
        title: id.clone(),
        id,
        layer: "compute".into(),
        start: month(start),
        end: month(end),
        budget: 0,
        owner: String::new(),
        notes: String::new(),
        after: Vec::new(),
    };
    plan.investments
        .push(bar("mover".into(), "2026-01", "2026-06").into());
    for k in 0..40 {
        let filler = bar(format!("filler-{k}"), "2026-08", "2027-12");
        plan.investments.push(filler.into());
    }
    plan
}

#[test]
fn a_bar_dragged_into_a_crowded_stretch_of_its_lane_is_scrolled_into_view_on_release() {
    let data = tempfile::tempdir().unwrap();
    let app = StackplanApp::with_plan(crowded_plan(), DataFolder::at(data.path()));
    let mut h = harness(app);
    zoom(&mut h);
    let blue = painted::layer_rgb(&h, "compute");
    assert!(
        painted::investment(&h, blue, "mover"),
        "drawn in the top row"
    );
    let from = h.get_by_label("mover").rect().center();
    drag(&mut h, from, vec2(PPM * 9.0 + 4.0, 0.0));
    painted::move_away(&mut h);
    h.run();
    assert_eq!(investment(&h, "mover").start, month("2026-10"));
    assert!(
        painted::investment(&h, blue, "mover"),
        "stacked below the forty bars it now overlaps, it is scrolled into view"
    );
    assert!(h.state().view().scroll_y > 0.0);
}

#[test]
fn a_dragged_bar_is_painted_at_its_new_months_while_moving_after_release_and_after_undo() {
    let data = tempfile::tempdir().unwrap();
    let mut h = zoomed(data.path());
    let blue = painted::layer_rgb(&h, "compute");
    let before = investment(&h, "cluster-1");
    assert!(painted::investment(&h, blue, "cluster-1"), "drawn at first");
    let from = h.get_by_label(&bar()).rect().center();
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for k in 1..=8 {
        h.hover_at(from + vec2(PPM * k as f32 + 4.0, 0.0));
        h.run();
        let now = investment(&h, "cluster-1");
        assert_eq!(before.start.months_until(now.start), k);
        assert!(
            painted::investment(&h, blue, "cluster-1"),
            "while dragging, step {k}: drawn at {}–{}",
            now.start,
            now.end
        );
    }
    h.drop_at(from + vec2(PPM * 8.0 + 4.0, 0.0));
    h.run();
    painted::move_away(&mut h);
    let after = investment(&h, "cluster-1");
    assert_eq!(before.start.months_until(after.start), 8);
    assert!(
        painted::bar(&h, blue, after.start, after.end),
        "stays after release"
    );
    assert!(
        !painted::bar(&h, blue, before.start, before.end),
        "nothing left where it was"
    );
    press_with(&mut h, egui::Modifiers::COMMAND, egui::Key::Z);
    assert!(painted::bar(&h, blue, before.start, before.end), "undo");
    assert!(!painted::bar(&h, blue, after.start, after.end), "undo");
    press_with(&mut h, egui::Modifiers::COMMAND, egui::Key::Y);
    assert!(painted::bar(&h, blue, after.start, after.end), "redo");
    assert!(!painted::bar(&h, blue, before.start, before.end), "redo");
}

#[test]
fn a_resized_bar_is_painted_to_its_new_end() {
    let data = tempfile::tempdir().unwrap();
    let mut h = zoomed(data.path());
    let blue = painted::layer_rgb(&h, "compute");
    let before = investment(&h, "cluster-1");
    h.get_by_label(&bar()).click();
    h.run();
    let handle = h.get_by_label(&format!("End of {}", bar())).rect().center();
    drag(&mut h, handle, vec2(PPM * 3.0, 0.0));
    painted::move_away(&mut h);
    let after = investment(&h, "cluster-1");
    assert_eq!(before.end.months_until(after.end), 3);
    assert!(painted::bar(&h, blue, before.start, after.end));
    assert!(!painted::bar(&h, blue, before.start, before.end));
}

#[test]
fn a_bar_dragged_into_another_lane_is_painted_there_in_its_colour() {
    let data = tempfile::tempdir().unwrap();
    let mut h = zoomed(data.path());
    let (blue, cyan) = (
        painted::layer_rgb(&h, "compute"),
        painted::layer_rgb(&h, "research"),
    );
    let target_y = h.get_by_label("Language technology lab").rect().center().y;
    let centre = h.get_by_label(&bar()).rect().center();
    drag(&mut h, centre, vec2(0.0, target_y - centre.y));
    painted::move_away(&mut h);
    assert_eq!(investment(&h, "cluster-1").layer, "research");
    assert!(painted::investment(&h, cyan, "cluster-1"));
    assert!(!painted::investment(&h, blue, "cluster-1"));
    let lab = h.get_by_label("Language technology lab").rect();
    let moved = h.get_by_label(&bar()).rect();
    assert!(
        (moved.center().y - lab.center().y).abs() < 60.0,
        "in the research lane: {moved:?} vs {lab:?}"
    );
}

/// The test plan over ten years from 2026-01, the horizon File → New gives a new plan (so
/// that New changes nothing of the view, only the plan).
fn ten_year_plan() -> Roadmap {
    let mut plan = example_plan();
    plan.horizon.end = month("2035-12");
    plan
}

#[test]
fn file_new_shows_the_empty_plan_everywhere_at_once() {
    let data = tempfile::tempdir().unwrap();
    let app = StackplanApp::with_plan(ten_year_plan(), DataFolder::at(data.path()));
    let mut h = harness(app);
    let blue = painted::layer_rgb(&h, "compute");
    let exposure = h.get_by_label("Exposure chart").rect();
    let old = investment(&h, "cluster-1");
    assert!(painted::bar(&h, blue, old.start, old.end));
    let shown = |h: &Harness<'static, StackplanApp>| {
        h.query_all_by_label_contains("Imported accelerators")
            .next()
            .is_some()
    };
    assert!(shown(&h));
    press_with(&mut h, egui::Modifiers::COMMAND, egui::Key::N);
    assert_eq!(h.state().plan().title, "New roadmap");
    assert!(
        !painted::bar(&h, blue, old.start, old.end),
        "the old bar is gone from the canvas"
    );
    assert!(
        !shown(&h),
        "no old dependency on the canvas or in the checks"
    );
    let stacked = h.output().shapes.iter().any(|c| {
        matches!(&c.shape, egui::Shape::Rect(r)
            if exposure.contains_rect(r.rect) && r.rect.height() > 2.0
                && r.fill != egui::Color32::WHITE && r.fill.a() > 0)
    });
    assert!(!stacked, "the exposure chart of an empty plan is empty");
}

#[test]
fn opening_a_file_shows_its_plan_at_once() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut other = ten_year_plan();
    let moved = other
        .investments
        .iter_mut()
        .find(|i| i.id == "cluster-1")
        .unwrap();
    moved.start = month("2030-01");
    moved.end = month("2031-06");
    let path = dir.path().join("other.ron");
    stackplan::io::save_path(&other, &path).unwrap();
    let app = StackplanApp::with_plan(ten_year_plan(), DataFolder::at(data.path()));
    let mut h = harness(app);
    let blue = painted::layer_rgb(&h, "compute");
    let old = investment(&h, "cluster-1");
    h.state_mut().open_path(path);
    h.run();
    assert_eq!(investment(&h, "cluster-1").start, month("2030-01"));
    assert!(painted::bar(&h, blue, month("2030-01"), month("2031-06")));
    assert!(!painted::bar(&h, blue, old.start, old.end));
}

#[test]
fn recovered_work_is_shown_at_once() {
    let data = tempfile::tempdir().unwrap();
    {
        let app = StackplanApp::with_plan(ten_year_plan(), DataFolder::at(data.path()));
        let mut h = harness(app);
        h.state_mut()
            .select(Some(Selection::new(ItemKind::Investment, "cluster-1")));
        press_with(&mut h, egui::Modifiers::SHIFT, egui::Key::ArrowRight);
        h.state_mut().autosave_now();
    }
    let app = StackplanApp::with_plan(ten_year_plan(), DataFolder::at(data.path()));
    let mut h = harness(app);
    let blue = painted::layer_rgb(&h, "compute");
    let old = investment(&h, "cluster-1");
    click(&mut h, "Restore");
    let now = investment(&h, "cluster-1");
    assert_eq!(old.start.months_until(now.start), 12);
    assert!(painted::bar(&h, blue, now.start, now.end));
    assert!(!painted::bar(&h, blue, old.start, old.end));
}

#[test]
fn the_inspector_keeps_its_width_while_tab_walks_through_every_item() {
    let data = tempfile::tempdir().unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmaps/sovereign-stack-2035.ron");
    let app = StackplanApp::with_file(&path, DataFolder::at(data.path())).unwrap();
    let mut h = common::harness_sized(app, 1600.0, 1000.0);
    let canvas = h.get_by_label("Roadmap canvas").rect();
    for k in 0..80 {
        press(&mut h, egui::Key::Tab);
        let now = h.get_by_label("Roadmap canvas").rect();
        assert!(
            (now.right() - canvas.right()).abs() < 1.0,
            "after {} Tabs the inspector's edge moved from x = {} to {}",
            k + 1,
            canvas.right(),
            now.right()
        );
        if let Some(title) = h.query_by_label("Title") {
            assert!(
                title.rect().right() <= 1600.0 - 4.0,
                "after {} Tabs the title field runs out of the panel: {:?}",
                k + 1,
                title.rect()
            );
        }
    }
}

/// Painted text runs of the last frame on the canvas: their text and where they are.
fn painted_texts(h: &Harness<'static, StackplanApp>) -> Vec<(String, egui::Rect)> {
    let canvas = h.get_by_label("Roadmap canvas").rect();
    h.output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            egui::Shape::Text(t) => Some((
                t.galley.text().to_owned(),
                t.visual_bounding_rect().intersect(clipped.clip_rect),
            )),
            _ => None,
        })
        .filter(|(_, r)| r.width() > 0.0 && canvas.contains_rect(*r))
        .collect()
}

/// Where the painted text `text` is, if it is painted once.
fn painted_text(h: &Harness<'static, StackplanApp>, text: &str) -> Option<egui::Rect> {
    let all: Vec<egui::Rect> = painted_texts(h)
        .into_iter()
        .filter(|(t, _)| t == text)
        .map(|(_, r)| r)
        .collect();
    assert!(all.len() <= 1, "{text} painted {} times", all.len());
    all.first().copied()
}

/// Sets the zoom to `ppm` points a month with `first` at the left edge of the chart.
fn view_at(h: &mut Harness<'static, StackplanApp>, ppm: f32, first: &str) {
    let view = h.state_mut().view_mut();
    view.fit_pending = false;
    view.fitted_width = None;
    view.points_per_month = ppm;
    view.first_month = month(first).index() as f32;
    h.run();
}

#[test]
fn a_bar_starting_left_of_the_view_keeps_its_title_at_the_left_edge() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(example_app(data.path()));
    view_at(&mut h, 24.0, "2027-01");
    let left = chart_left(&h);
    let title = painted_text(&h, &bar()).expect("the title of a bar in view is painted");
    assert!(
        title.left() >= left && title.left() <= left + 12.0,
        "title at {title:?}, view starts at x = {left}"
    );
    view_at(&mut h, 24.0, "2026-01");
    let title = painted_text(&h, &bar()).unwrap();
    let start = painted::x_of(&h, month("2026-03"));
    assert!(
        (title.left() - start).abs() <= 12.0,
        "with the start in view, the title sits at the start: {title:?} vs {start}"
    );
}

/// The time cursor's colour.
const CURSOR: [u8; 3] = [0xE1, 0x1D, 0x48];

/// Screen x of every line segment painted in `rgb` inside the canvas.
fn painted_lines(h: &Harness<'static, StackplanApp>, rgb: [u8; 3]) -> Vec<f32> {
    let canvas = h.get_by_label("Roadmap canvas").rect();
    h.output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            egui::Shape::LineSegment { points, stroke }
                if stroke.color.to_srgba_unmultiplied()[..3] == rgb
                    && clipped.clip_rect.intersects(canvas) =>
            {
                Some(points[0].x)
            }
            _ => None,
        })
        .collect()
}

#[test]
fn dragging_the_time_cursor_along_the_ruler_does_not_pan() {
    let data = tempfile::tempdir().unwrap();
    let mut h = zoomed(data.path());
    let first = h.state().view().first_month;
    let y = h.get_by_label("Roadmap canvas").rect().top() + 10.0;
    let from = pos2(x_of(&h, month("2027-01")), y);
    drag(&mut h, from, vec2(PPM * 10.0, 0.0));
    painted::move_away(&mut h);
    assert_eq!(h.state().view().first_month, first, "the timeline stayed");
    assert_eq!(h.state().view().cursor, Some(month("2027-11")));
    let x = x_of(&h, month("2027-11"));
    assert!(
        painted_lines(&h, CURSOR)
            .iter()
            .any(|l| (l - x).abs() < 1.0),
        "the cursor line is painted at its month"
    );
}

#[test]
fn a_time_cursor_scrolled_out_of_view_is_not_drawn_over_the_lane_names() {
    let data = tempfile::tempdir().unwrap();
    let mut h = zoomed(data.path());
    h.state_mut().view_mut().cursor = Some(month("2027-06"));
    view_at(&mut h, PPM, "2027-09");
    let left = chart_left(&h);
    let lines = painted_lines(&h, CURSOR);
    assert!(
        lines.iter().all(|x| *x >= left),
        "cursor lines at {lines:?}, lanes begin at {left}"
    );
    view_at(&mut h, PPM, "2027-01");
    assert!(!painted_lines(&h, CURSOR).is_empty(), "in view it is drawn");
}

#[test]
fn the_time_cursor_date_does_not_overlap_the_ruler_labels() {
    let data = tempfile::tempdir().unwrap();
    let mut h = zoomed(data.path());
    let ruler_bottom = h.get_by_label("Roadmap canvas").rect().top() + 36.0;
    for (ppm, at) in [
        (PPM, "2027-05"),
        (PPM, "2027-02"),
        (40.0, "2027-03"),
        (6.0, "2028-01"),
    ] {
        view_at(&mut h, ppm, "2026-06");
        h.state_mut().view_mut().cursor = Some(month(at));
        h.run();
        let label = painted_text(&h, at).expect("the cursor's date is painted");
        let canvas = h.get_by_label("Roadmap canvas").rect();
        for (text, r) in painted_texts(&h) {
            if text != at && r.bottom() <= ruler_bottom + 1.0 && canvas.contains_rect(r) {
                assert!(
                    !r.shrink(0.5).intersects(label),
                    "at {ppm} points a month, {at} overlaps “{text}”: {label:?} {r:?}"
                );
            }
        }
    }
}

#[test]
fn the_link_handle_leaves_the_title_after_a_selected_bar_readable() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(example_app(data.path()));
    view_at(&mut h, 3.0, "2025-11");
    select(&mut h, ItemKind::Investment, "lab");
    let lab = investment(&h, "lab");
    let bar_end = painted::x_of(&h, lab.end.plus(1));
    let title = painted_text(&h, &lab.title).expect("title painted");
    assert!(title.left() > bar_end, "the title is after the bar");
    let knob = h.get_by_label(&format!("Link from {}", lab.title)).rect();
    assert!(
        title.left() >= knob.right() - 2.0,
        "title at {title:?}, link handle at {knob:?}"
    );
}

/// The critical path's outline colour.
const CRITICAL: [u8; 3] = [0xC0, 0x26, 0xD3];

/// Outlined rectangles and lines painted in `rgb` on the canvas.
fn painted_outlines(h: &Harness<'static, StackplanApp>, rgb: [u8; 3]) -> Vec<egui::Rect> {
    let canvas = h.get_by_label("Roadmap canvas").rect();
    let is = |c: egui::Color32| c.a() > 0 && c.to_srgba_unmultiplied()[..3] == rgb;
    h.output()
        .shapes
        .iter()
        .filter(|clipped| clipped.clip_rect.intersects(canvas))
        .filter_map(|clipped| match &clipped.shape {
            egui::Shape::Rect(r) if is(r.stroke.color) && r.stroke.width > 0.0 => Some(r.rect),
            egui::Shape::Path(p)
                if matches!(p.stroke.color, egui::epaint::ColorMode::Solid(c) if is(c)) =>
            {
                Some(p.visual_bounding_rect())
            }
            egui::Shape::LineSegment { points, stroke } if is(stroke.color) => {
                Some(egui::Rect::from_two_pos(points[0], points[1]))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn the_critical_path_of_a_milestone_is_listed_and_outlined_on_request() {
    let data = tempfile::tempdir().unwrap();
    let mut h = zoomed(data.path());
    select(&mut h, ItemKind::Milestone, "own-model");
    assert!(
        h.query_by_label_contains("1. National GPU cluster, phase 1 (2026-03 – 2027-12)")
            .is_some(),
        "the inspector lists the chain"
    );
    let before = painted_outlines(&h, CRITICAL);
    assert!(before.is_empty(), "not outlined yet: {before:?}");
    click(&mut h, "Outline it on the canvas");
    let outlines = painted_outlines(&h, CRITICAL);
    let inv = investment(&h, "cluster-1");
    let (x0, x1) = (
        painted::x_of(&h, inv.start),
        painted::x_of(&h, inv.end.plus(1)),
    );
    assert!(
        outlines
            .iter()
            .any(|r| (r.left() - x0).abs() < 2.0 && (r.right() - x1).abs() < 2.0),
        "cluster-1 outlined: {outlines:?}"
    );
    assert!(
        outlines.iter().any(|r| r.left() >= x1 - 2.0),
        "the link to the milestone is outlined too: {outlines:?}"
    );
    h.get_by_label_contains("1. National GPU cluster").click();
    h.run();
    assert_eq!(
        h.state().view().selection,
        Some(Selection::new(ItemKind::Investment, "cluster-1")),
        "a step of the path selects its item"
    );
}

#[test]
fn a_bar_stays_where_it_was_released_when_the_pointer_moves_on_in_the_same_frame() {
    let data = tempfile::tempdir().unwrap();
    let (mut plain, from) = Plain::zoomed(data.path());
    let to = from + vec2(PPM * 5.0 + 4.0, 0.0);
    plain.rest_at(from);
    let blue = egui::Color32::from_rgb(0x3B, 0x82, 0xF6);
    let grabbed = *plain
        .rects(blue)
        .iter()
        .find(|r| r.contains(from))
        .expect("the bar under the pointer is painted");
    plain.frame(vec![Plain::button(from, true)]);
    plain.frame(vec![egui::Event::PointerMoved(from + vec2(PPM, 0.0))]);
    plain.frame(vec![egui::Event::PointerMoved(to)]);
    // A slow frame: the release and a later move away arrive together.
    plain.frame(vec![
        Plain::button(to, false),
        egui::Event::PointerMoved(pos2(1270.0, 790.0)),
    ]);
    plain.frame(Vec::new());
    let before = example_plan().investment("cluster-1").unwrap().clone();
    let after = plain.app.plan().investment("cluster-1").unwrap().clone();
    assert_eq!(before.start.months_until(after.start), 5, "{after:?}");
    assert_eq!(after.layer, "compute");
    assert_eq!(
        plain.app.document().undo_label(),
        Some("Move investment"),
        "the drag ended"
    );
    let moved = grabbed.translate(vec2(PPM * 5.0, 0.0));
    let rects = plain.rects(blue);
    assert!(
        rects
            .iter()
            .any(|r| (r.left() - moved.left()).abs() < 1.0
                && (r.right() - moved.right()).abs() < 1.0),
        "the bar is painted where it was released, {moved:?}: {rects:?}"
    );
}

#[test]
fn a_press_in_the_frame_the_pointer_arrives_grabs_the_bar_instead_of_panning() {
    let data = tempfile::tempdir().unwrap();
    let (mut plain, from) = Plain::zoomed(data.path());
    let first = plain.app.view().first_month;
    plain.rest_at(pos2(5.0, 5.0));
    let blue = egui::Color32::from_rgb(0x3B, 0x82, 0xF6);
    let grabbed = *plain
        .rects(blue)
        .iter()
        .find(|r| r.contains(from))
        .expect("the bar is painted");
    // One slow frame holds the move onto the bar and the press.
    plain.frame(vec![
        egui::Event::PointerMoved(from),
        Plain::button(from, true),
    ]);
    for k in 1..=4 {
        let p = from + vec2(PPM * k as f32 + 4.0, 0.0);
        plain.frame(vec![egui::Event::PointerMoved(p)]);
    }
    let to = from + vec2(PPM * 4.0 + 4.0, 0.0);
    plain.frame(vec![Plain::button(to, false)]);
    plain.frame(Vec::new());
    assert_eq!(
        plain.app.view().first_month,
        first,
        "the timeline did not pan"
    );
    let before = example_plan().investment("cluster-1").unwrap().start;
    let after = plain.app.plan().investment("cluster-1").unwrap().start;
    assert_eq!(before.months_until(after), 4);
    let moved = grabbed.translate(vec2(PPM * 4.0, 0.0));
    let rects = plain.rects(blue);
    assert!(
        rects.iter().any(|r| (r.left() - moved.left()).abs() < 1.0),
        "painted at {moved:?}: {rects:?}"
    );
}

/// The highlight colour behind what Find matched.
const FOUND: [u8; 3] = [0xFD, 0xE0, 0x47];

#[test]
fn find_highlights_matches_and_enter_steps_through_them() {
    let data = tempfile::tempdir().unwrap();
    let mut h = zoomed(data.path());
    press_with(&mut h, egui::Modifiers::COMMAND, egui::Key::F);
    h.get_by_label("Find").type_text("gpu cluster");
    h.run();
    assert!(h.query_by_label_contains("2 found").is_some());
    let highlights = painted::rects(&h, FOUND);
    let around = |h: &Harness<'static, StackplanApp>, id: &str| {
        // Its left end: the right one may run off the canvas.
        let x0 = painted::x_of(h, investment(h, id).start);
        highlights
            .iter()
            .any(|r| r.left() < x0 && r.left() > x0 - 5.0)
    };
    assert!(
        around(&h, "cluster-1") && around(&h, "cluster-2"),
        "{highlights:?}"
    );
    assert!(
        !around(&h, "lab"),
        "a bar that does not match is not highlighted"
    );
    let selected = |h: &Harness<'static, StackplanApp>| {
        h.state().view().selection.as_ref().map(|s| s.id.clone())
    };
    press(&mut h, egui::Key::Enter);
    assert_eq!(selected(&h).as_deref(), Some("cluster-1"));
    press(&mut h, egui::Key::Enter);
    assert_eq!(selected(&h).as_deref(), Some("cluster-2"));
    assert!(h.query_by_label_contains("2 of 2").is_some());
    press_with(&mut h, egui::Modifiers::SHIFT, egui::Key::Enter);
    assert_eq!(selected(&h).as_deref(), Some("cluster-1"));
    press(&mut h, egui::Key::Escape);
    assert!(h.query_by_label("Find").is_none(), "Escape closes the bar");
    assert!(
        painted::rects(&h, FOUND).is_empty(),
        "and the highlights go"
    );
}

#[test]
fn find_highlights_matching_dependencies_in_the_register() {
    let data = tempfile::tempdir().unwrap();
    let mut h = zoomed(data.path());
    press_with(&mut h, egui::Modifiers::COMMAND, egui::Key::F);
    h.get_by_label("Find").type_text("accelerators");
    h.run();
    let row = h.get_by_label("Imported accelerators (4)").rect();
    let yellow = egui::Color32::from_rgb(FOUND[0], FOUND[1], FOUND[2]);
    let behind = h.output().shapes.iter().any(|c| {
        matches!(&c.shape, egui::Shape::Text(t)
            if t.galley.job.sections.iter().any(|s| s.format.background == yellow)
                && row.intersects(t.visual_bounding_rect()))
    });
    assert!(behind, "the register's row is highlighted");
    let other = h.get_by_label("Licensed closed frontier model (5)").rect();
    let not_behind = !h.output().shapes.iter().any(|c| {
        matches!(&c.shape, egui::Shape::Text(t)
            if t.galley.job.sections.iter().any(|s| s.format.background == yellow)
                && other.intersects(t.visual_bounding_rect()))
    });
    assert!(not_behind, "a dependency that does not match is not");
}

/// A plan of more than 2,000 items is analysed on a worker after an edit, and the panels show
/// the analysis of a moment ago until it is done; the canvas does not wait: a dependency's
/// bar ends at its milestone's new month in the very frame of the nudge.
#[test]
fn a_large_plans_dependency_bar_follows_its_nudged_milestone_in_the_same_frame() {
    let data = tempfile::tempdir().unwrap();
    let mut plan = example_plan();
    let mut padding = plan.layers[0].clone();
    padding.id = "padding".into();
    padding.name = "Padding".into();
    plan.layers.push(padding);
    let template = plan.investment("lab").unwrap().clone();
    for k in 0..2_000 {
        let mut inv = template.clone();
        inv.id = format!("pad-{k}");
        inv.layer = "padding".into();
        plan.investments.push(inv.into());
    }
    let mut h = harness(StackplanApp::with_plan(plan, DataFolder::at(data.path())));
    h.state_mut().view_mut().collapsed = vec!["padding".into()];
    zoom(&mut h);
    press(&mut h, egui::Key::Tab);
    let own_model = Selection::new(ItemKind::Milestone, "own-model");
    h.state_mut().select(Some(own_model));
    h.state_mut().view_mut().first_month = month("2027-06").index() as f32;
    h.run();
    let c = stackplan::model::ControlLevel::Licensed.colour();
    let licensed = [c.r, c.g, c.b];
    let bar_end = |h: &Harness<'static, StackplanApp>| {
        let ends: Vec<f32> = painted::rects(h, licensed)
            .iter()
            .map(|r| r.right())
            .collect();
        assert_eq!(ends.len(), 1, "one licensed dependency bar: {ends:?}");
        ends[0]
    };
    // The bar ends in the middle of the removing milestone's month.
    let middle =
        |h: &Harness<'static, StackplanApp>, m: &str| painted::x_of(h, month(m)) + PPM / 2.0;
    let (end, mid) = (bar_end(&h), middle(&h, "2029-06"));
    assert!((end - mid).abs() <= 1.5, "{end} {mid}");
    h.key_press(egui::Key::ArrowRight);
    h.step();
    assert_eq!(
        h.state().plan().milestone("own-model").unwrap().month,
        month("2029-07")
    );
    assert!(
        (bar_end(&h) - middle(&h, "2029-07")).abs() <= 1.5,
        "the bar follows the milestone in the frame of the edit"
    );
}
