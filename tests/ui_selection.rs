//! Several items at once, collapsed lanes and the ruler when zoomed in, driven through the
//! real editor with egui_kittest; every test checks what is painted (the shapes sent to the
//! renderer).

mod common;

use common::{click, press, press_with};
use egui::{Color32, Modifiers, Pos2, Rect, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stackplan::model::{Month, Roadmap};
use stackplan::ui::{DataFolder, StackplanApp};

type H = Harness<'static, StackplanApp>;

/// Points per month.
const PPM: f32 = 8.0;
/// The compute layer's colour in the test plan.
const BLUE: [u8; 3] = [0x3B, 0x82, 0xF6];
/// The dark outline of selected items.
const INK: [u8; 3] = [0x1E, 0x29, 0x3B];

fn plan() -> Roadmap {
    common::example_plan()
}

/// The test plan at `PPM` points a month from late 2025.
fn editor(data: &std::path::Path) -> H {
    editor_of(plan(), data)
}

/// The test plan with a third compute bar under cluster-1, so the lane has two rows.
fn two_rows(data: &std::path::Path) -> H {
    let mut plan = plan();
    let mut third = plan.investment("cluster-1").unwrap().clone();
    third.id = "cluster-0".into();
    third.title = "Pilot cluster".into();
    third.start = month("2026-01");
    third.end = month("2026-09");
    plan.investments.push(third.into());
    editor_of(plan, data)
}

fn editor_of(plan: Roadmap, data: &std::path::Path) -> H {
    editor_sized(plan, data, 800.0)
}

/// The editor on `plan`, `height` points tall, at the tests' zoom.
fn editor_sized(plan: Roadmap, data: &std::path::Path, height: f32) -> H {
    let app = StackplanApp::with_plan(plan, DataFolder::at(data));
    let mut h = common::harness_sized(app, 1280.0, height);
    let view = h.state_mut().view_mut();
    view.fit_pending = false;
    view.points_per_month = PPM;
    view.first_month = month("2025-11").index() as f32;
    h.run();
    h
}

fn month(text: &str) -> Month {
    text.parse().unwrap()
}

fn title(id: &str) -> String {
    let plan = plan();
    plan.investment(id)
        .map(|i| i.title.clone())
        .or_else(|| plan.milestone(id).map(|m| m.title.clone()))
        .unwrap()
}

fn start(h: &H, id: &str) -> Month {
    h.state().plan().investment(id).unwrap().start
}

fn is(c: Color32, rgb: [u8; 3]) -> bool {
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    a > 0 && [r, g, b].iter().zip(rgb).all(|(x, y)| x.abs_diff(y) <= 4)
}

fn canvas(h: &H) -> Rect {
    h.get_by_label("Roadmap canvas").rect()
}

/// Filled rectangles of colour `rgb` painted on the canvas.
fn rects(h: &H, rgb: [u8; 3]) -> Vec<Rect> {
    let canvas = canvas(h);
    h.output()
        .shapes
        .iter()
        .filter_map(|c| match &c.shape {
            egui::Shape::Rect(r) if is(r.fill, rgb) => Some(r.rect.intersect(c.clip_rect)),
            _ => None,
        })
        .filter(|r| r.width() > 0.0 && canvas.contains_rect(*r))
        .collect()
}

/// Rectangles outlined in `rgb` on the canvas.
fn outlined(h: &H, rgb: [u8; 3]) -> Vec<Rect> {
    let canvas = canvas(h);
    h.output()
        .shapes
        .iter()
        .filter_map(|c| match &c.shape {
            egui::Shape::Rect(r) if r.stroke.width > 0.0 && is(r.stroke.color, rgb) => {
                Some(r.rect.intersect(c.clip_rect))
            }
            _ => None,
        })
        .filter(|r| canvas.contains_rect(*r))
        .collect()
}

/// Screen x where month `m` begins.
fn x_of(h: &H, m: Month) -> f32 {
    let view = h.state().view();
    canvas(h).left() + stackplan::ui::HEADER_WIDTH + (m.index() as f32 - view.first_month) * PPM
}

/// Whether a blue bar is painted over the months `id` has in the plan, outlined when `selected`.
fn painted(h: &H, id: &str) -> bool {
    let inv = h.state().plan().investment(id).unwrap().clone();
    painted_at(h, inv.start, inv.end)
}

fn painted_at(h: &H, start: Month, end: Month) -> bool {
    let (x0, x1) = (x_of(h, start), x_of(h, end.plus(1)));
    rects(h, BLUE)
        .iter()
        .any(|r| (r.left() - x0).abs() <= 1.5 && (r.right() - x1).abs() <= 1.5)
}

/// Whether the bar of `id` is drawn selected (outlined in dark ink).
fn drawn_selected(h: &H, id: &str) -> bool {
    let inv = h.state().plan().investment(id).unwrap().clone();
    let (x0, x1) = (x_of(h, inv.start), x_of(h, inv.end.plus(1)));
    outlined(h, INK)
        .iter()
        .any(|r| (r.left() - x0).abs() <= 1.5 && (r.right() - x1).abs() <= 1.5)
}

fn selected_ids(h: &H) -> Vec<String> {
    let mut ids: Vec<String> = h
        .state()
        .view()
        .selected()
        .into_iter()
        .map(|s| s.id)
        .collect();
    ids.sort();
    ids
}

fn away(h: &mut H) {
    h.hover_at(pos2(5.0, 5.0));
    h.run();
}

/// Presses at `from`, moves by `by` in small steps, releases, moves away.
fn drag(h: &mut H, from: Pos2, by: egui::Vec2) {
    common::drag(h, from, by, 6);
    away(h);
}

/// Clicks the canvas item titled after `id` (the inspector may list the same title).
fn click_with(h: &mut H, id: &str, modifiers: Modifiers) {
    let canvas = canvas(h);
    let title = title(id);
    h.get_all_by_label(&title)
        .find(|n| canvas.contains(n.rect().center()))
        .unwrap_or_else(|| panic!("{id} is not on the canvas"))
        .click_modifiers(modifiers);
    h.run();
    away(h);
}

fn shift_click(h: &mut H, id: &str) {
    click_with(h, id, Modifiers::SHIFT);
}

/// Bars of colour `rgb` (not the narrow colour strip of the lane's name).
fn bars(h: &H, rgb: [u8; 3]) -> Vec<Rect> {
    rects(h, rgb)
        .into_iter()
        .filter(|r| r.width() > 6.0)
        .collect()
}

/// cluster-1 clicked, cluster-2 Shift+clicked.
fn two_selected(h: &mut H) {
    h.get_by_label(&title("cluster-1")).click();
    h.run();
    shift_click(h, "cluster-2");
    assert_eq!(selected_ids(h), ["cluster-1", "cluster-2"]);
}

#[test]
fn shift_click_adds_and_removes_items_and_every_selected_bar_is_drawn_selected() {
    let data = tempfile::tempdir().unwrap();
    let mut h = editor(data.path());
    h.get_by_label(&title("cluster-1")).click();
    h.run();
    away(&mut h);
    assert!(drawn_selected(&h, "cluster-1"));
    assert!(!drawn_selected(&h, "cluster-2"));
    shift_click(&mut h, "cluster-2");
    assert_eq!(selected_ids(&h), ["cluster-1", "cluster-2"]);
    assert!(drawn_selected(&h, "cluster-1"), "the first stays selected");
    assert!(drawn_selected(&h, "cluster-2"), "the second is added");
    assert!(
        h.query_by_label("2 items selected").is_some(),
        "the inspector says how many, not the first one's fields"
    );
    assert!(h.query_by_label("Delete 2 items").is_some());
    click_with(&mut h, "lab", Modifiers::CTRL);
    assert_eq!(selected_ids(&h), ["cluster-1", "cluster-2", "lab"]);
    shift_click(&mut h, "cluster-1");
    assert_eq!(
        selected_ids(&h),
        ["cluster-2", "lab"],
        "a second Shift+click takes out"
    );
    assert!(!drawn_selected(&h, "cluster-1"));
    assert!(drawn_selected(&h, "cluster-2"));
    click_with(&mut h, "cluster-1", Modifiers::NONE);
    away(&mut h);
    assert_eq!(selected_ids(&h), ["cluster-1"], "a plain click selects one");
    assert!(!drawn_selected(&h, "cluster-2"));
}

#[test]
fn a_rubber_band_on_empty_canvas_selects_every_item_it_touches() {
    let data = tempfile::tempdir().unwrap();
    let mut h = editor(data.path());
    let first = h.get_by_label(&title("cluster-1")).rect();
    let lab = h.get_by_label(&title("lab")).rect();
    let view_before = h.state().view().first_month;
    // From empty lane left of cluster-1 down to the middle of the research bar: touches
    // cluster-1 and lab, not cluster-2 (later in the compute lane).
    let from = pos2(x_of(&h, month("2025-12")), first.top() - 1.0);
    let to = pos2(lab.center().x, lab.center().y);
    assert!(
        h.state().plan().investment("cluster-2").unwrap().start > month("2027-12"),
        "cluster-2 starts right of the band"
    );
    drag(&mut h, from, to - from);
    assert_eq!(selected_ids(&h), ["cluster-1", "lab"]);
    assert_eq!(h.state().view().first_month, view_before, "no panning");
    assert!(drawn_selected(&h, "cluster-1"));
    assert!(drawn_selected(&h, "lab"));
    assert!(!drawn_selected(&h, "cluster-2"));
    assert!(h.query_by_label("2 items selected").is_some());
    // A click on empty canvas clears it.
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.drop_at(from);
    h.run();
    assert!(selected_ids(&h).is_empty());
}

#[test]
fn dragging_one_of_several_selected_bars_moves_all_in_one_undo_step() {
    let data = tempfile::tempdir().unwrap();
    let mut h = editor(data.path());
    two_selected(&mut h);
    let (a, b) = (start(&h, "cluster-1"), start(&h, "cluster-2"));
    let (a_end, b_end) = (
        h.state().plan().investment("cluster-1").unwrap().end,
        h.state().plan().investment("cluster-2").unwrap().end,
    );
    // The inspector lists the selected titles too: find the bar by where it is painted.
    let x = x_of(&h, a.plus(2));
    let bar = bars(&h, BLUE)
        .into_iter()
        .find(|r| r.left() < x && r.right() > x)
        .unwrap();
    drag(&mut h, bar.center(), vec2(PPM * 3.0 + 3.0, 0.0));
    assert_eq!(a.months_until(start(&h, "cluster-1")), 3);
    assert_eq!(b.months_until(start(&h, "cluster-2")), 3, "moved along");
    assert!(painted(&h, "cluster-1"), "drawn at its new months");
    assert!(painted(&h, "cluster-2"), "drawn at its new months");
    assert!(!painted_at(&h, a, a_end) && !painted_at(&h, b, b_end));
    assert!(drawn_selected(&h, "cluster-1") && drawn_selected(&h, "cluster-2"));
    assert_eq!(
        h.state().document().undo_label(),
        Some("Move 2 items"),
        "one step"
    );
    press_with(&mut h, Modifiers::COMMAND, egui::Key::Z);
    assert_eq!((start(&h, "cluster-1"), start(&h, "cluster-2")), (a, b));
    assert!(painted_at(&h, a, a_end), "painted back");
    assert!(painted_at(&h, b, b_end), "painted back");
}

#[test]
fn delete_removes_every_selected_item_in_one_undo_step() {
    let data = tempfile::tempdir().unwrap();
    let mut h = editor(data.path());
    two_selected(&mut h);
    let plan_before = h.state().plan().clone();
    assert_eq!(bars(&h, BLUE).len(), 2, "two compute bars");
    press(&mut h, egui::Key::Delete);
    away(&mut h);
    assert!(h.state().plan().investment("cluster-1").is_none());
    assert!(h.state().plan().investment("cluster-2").is_none());
    assert!(h.state().plan().investment("lab").is_some());
    assert!(bars(&h, BLUE).is_empty(), "no compute bar is painted");
    assert!(selected_ids(&h).is_empty());
    press_with(&mut h, Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(*h.state().plan(), plan_before, "one undo brings both back");
    assert!(painted(&h, "cluster-1") && painted(&h, "cluster-2"));
}

#[test]
fn arrow_keys_move_every_selected_item_one_step_per_press() {
    let data = tempfile::tempdir().unwrap();
    let mut h = editor(data.path());
    two_selected(&mut h);
    let (a, b) = (start(&h, "cluster-1"), start(&h, "cluster-2"));
    press(&mut h, egui::Key::ArrowRight);
    press(&mut h, egui::Key::ArrowRight);
    assert_eq!(a.months_until(start(&h, "cluster-1")), 2);
    assert_eq!(b.months_until(start(&h, "cluster-2")), 2);
    assert!(painted(&h, "cluster-1") && painted(&h, "cluster-2"));
    press_with(&mut h, Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(
        a.months_until(start(&h, "cluster-1")),
        1,
        "one step per press"
    );
    assert_eq!(b.months_until(start(&h, "cluster-2")), 1);
    assert!(painted(&h, "cluster-1") && painted(&h, "cluster-2"));
}

/// Whether `text` is painted on the canvas.
fn painted_text(h: &H, text: &str) -> bool {
    h.output().shapes.iter().any(|c| match &c.shape {
        egui::Shape::Text(t) => t.galley.job.text == text,
        _ => false,
    })
}

/// The painted lane background of `layer` (its header rectangle, left of the chart).
fn lane_height(h: &H, layer_rgb: [u8; 3]) -> f32 {
    let canvas = canvas(h);
    h.output()
        .shapes
        .iter()
        .filter_map(|c| match &c.shape {
            // The 4-point strip in the layer's colour at the lanes' left edge.
            egui::Shape::Rect(r) if is(r.fill, layer_rgb) && (r.rect.width() - 4.0).abs() < 0.5 => {
                Some(r.rect.intersect(c.clip_rect))
            }
            _ => None,
        })
        .find(|r| (r.left() - canvas.left()).abs() < 0.5)
        .map_or(0.0, |r| r.height())
}

#[test]
fn a_collapsed_lane_is_one_summary_row_and_expands_again() {
    let data = tempfile::tempdir().unwrap();
    let mut h = two_rows(data.path());
    let tall = lane_height(&h, BLUE);
    let lab_y = h.get_by_label(&title("lab")).rect().top();
    assert!(painted(&h, "cluster-1") && painted(&h, "cluster-2"));
    click(&mut h, "Collapse the Compute lane");
    away(&mut h);
    let short = lane_height(&h, BLUE);
    assert!(
        short > 0.0 && short < tall,
        "the lane shrinks: {tall} → {short}"
    );
    assert!(!painted(&h, "cluster-1"), "its bars are hidden");
    assert!(h.query_by_label(&title("cluster-1")).is_none());
    let summary = bars(&h, BLUE);
    let (x0, x1) = (x_of(&h, month("2026-01")), x_of(&h, month("2028-01")));
    assert!(
        summary
            .iter()
            .any(|r| (r.left() - x0).abs() < 1.5 && (r.right() - x1).abs() < 1.5),
        "one summary bar spans the pilot and cluster-1: {summary:?}"
    );
    assert_eq!(summary.len(), 2, "and one cluster-2: {summary:?}");
    assert!(h.query_by_label_contains("Compute (3)").is_some() || painted_text(&h, "Compute (3)"));
    let lab_now = h.get_by_label(&title("lab")).rect().top();
    assert!(
        lab_now < lab_y,
        "the lanes below move up: {lab_y} → {lab_now}"
    );
    assert!(h.state().view().is_collapsed("compute"));
    click(&mut h, "Expand the Compute lane");
    away(&mut h);
    assert_eq!(lane_height(&h, BLUE), tall, "the lane grows back");
    assert!(painted(&h, "cluster-1") && painted(&h, "cluster-2"));
    assert_eq!(h.get_by_label(&title("lab")).rect().top(), lab_y);
}

#[test]
fn the_view_menu_collapses_and_expands_every_lane_and_the_plan_is_unchanged() {
    let data = tempfile::tempdir().unwrap();
    let mut h = two_rows(data.path());
    let tall = lane_height(&h, BLUE);
    click(&mut h, "View");
    h.get_by_label_contains("Collapse all lanes").click();
    h.run();
    away(&mut h);
    assert!(lane_height(&h, BLUE) < tall);
    assert!(
        h.query_by_label(&title("lab")).is_none(),
        "research collapsed too"
    );
    assert!(
        !h.state().document().is_modified(),
        "collapsing is a view, not an edit"
    );
    click(&mut h, "View");
    h.get_by_label_contains("Expand all lanes").click();
    h.run();
    away(&mut h);
    assert_eq!(lane_height(&h, BLUE), tall);
    assert!(h.query_by_label(&title("lab")).is_some());
}

#[test]
fn select_all_then_tab_selects_one_again() {
    let data = tempfile::tempdir().unwrap();
    let mut h = editor(data.path());
    press_with(&mut h, Modifiers::COMMAND, egui::Key::A);
    assert_eq!(
        selected_ids(&h),
        ["cluster-1", "cluster-2", "lab", "own-model"]
    );
    assert!(drawn_selected(&h, "lab"));
    assert!(h.query_by_label("4 items selected").is_some());
    press(&mut h, egui::Key::Tab);
    assert_eq!(selected_ids(&h).len(), 1);
}

/// Where `text` is painted on the canvas.
fn text_rect(h: &H, text: &str) -> Option<Rect> {
    h.output().shapes.iter().find_map(|c| match &c.shape {
        egui::Shape::Text(t) if t.galley.job.text == text => {
            Some(Rect::from_min_size(t.pos, t.galley.size()).intersect(c.clip_rect))
        }
        _ => None,
    })
}

#[test]
fn zoomed_in_the_ruler_names_the_year_whose_start_is_left_of_the_view() {
    let data = tempfile::tempdir().unwrap();
    let mut h = editor(data.path());
    let view = h.state_mut().view_mut();
    view.points_per_month = 120.0;
    view.first_month = month("2029-05").index() as f32;
    h.run();
    let left = canvas(&h).left() + stackplan::ui::HEADER_WIDTH;
    let year = text_rect(&h, "2029").expect("the year in view is named");
    assert!(
        year.left() >= left && year.left() < left + 10.0 && year.width() > 10.0,
        "2029 sticks to the view's left edge at {left}: {year:?}"
    );
}

#[test]
fn ctrl_click_in_the_register_adds_a_dependency_to_the_canvas_selection() {
    let data = tempfile::tempdir().unwrap();
    let mut h = editor(data.path());
    h.get_by_label(&title("cluster-1")).click();
    h.run();
    h.get_by_label("Imported accelerators (4)")
        .click_modifiers(Modifiers::CTRL);
    h.run();
    away(&mut h);
    assert_eq!(selected_ids(&h), ["cluster-1", "foreign-gpus"]);
    assert!(drawn_selected(&h, "cluster-1"), "the bar stays selected");
    let red = h
        .state()
        .plan()
        .dependency("foreign-gpus")
        .unwrap()
        .control
        .colour();
    let dep = rects(&h, [red.r, red.g, red.b]);
    let outlines = outlined(&h, INK);
    assert!(
        dep.iter()
            .any(|d| outlines.iter().any(|o| o.intersects(*d))),
        "the dependency's bar is drawn selected too: {dep:?} {outlines:?}"
    );
    assert!(h.query_by_label("2 items selected").is_some());
}

#[test]
fn dragging_the_lane_names_pans_the_timeline_and_selects_nothing() {
    let data = tempfile::tempdir().unwrap();
    let mut h = editor(data.path());
    let first = h.state().view().first_month;
    let lab = h.get_by_label(&title("lab")).rect();
    let from = pos2(canvas(&h).left() + 70.0, lab.center().y);
    drag(&mut h, from, vec2(PPM * 10.0, 0.0));
    let moved = first - h.state().view().first_month;
    assert!((moved - 10.0).abs() < 0.01, "panned {moved} months");
    assert!(selected_ids(&h).is_empty());
    assert!(
        painted(&h, "cluster-1"),
        "the bars are painted where they now are"
    );
}

#[test]
fn a_lane_scrolled_partly_out_of_view_keeps_its_collapse_triangle() {
    let data = tempfile::tempdir().unwrap();
    // Short enough that the lanes scroll.
    let mut h = editor_sized(plan(), data.path(), 420.0);
    let toggle = h.get_by_label("Collapse the Compute lane").rect();
    let tall = lane_height(&h, BLUE);
    // The lanes scrolled up a little: the Compute lane's top is now under the ruler, where
    // its triangle used to be left out.
    h.state_mut().view_mut().scroll_y = 8.0;
    h.run();
    let visible = lane_height(&h, BLUE);
    assert!(
        visible > 0.0 && visible < tall,
        "the lane is partly scrolled away: {tall} → {visible}"
    );
    let pinned = h.get_by_label("Collapse the Compute lane").rect();
    assert!(
        (pinned.top() - toggle.top()).abs() <= 1.5,
        "the triangle stays at the top of what shows of the lane: {toggle:?} → {pinned:?}"
    );
    click(&mut h, "Collapse the Compute lane");
    away(&mut h);
    assert!(
        h.query_by_label("Expand the Compute lane").is_some(),
        "clicking it collapses the lane"
    );
}
