//! The editor comparing its plan with another: ghosts of the other plan's items painted on the
//! canvas at their months there, the Compare panel, following edits, stopping.

mod common;

use common::{click, press};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stackplan::model::{Month, Roadmap};
use stackplan::ui::{DataFolder, StackplanApp};

/// The outline colour of ghosts (`layout::ghosts::GHOST`).
const GHOST: [u8; 3] = [0x47, 0x55, 0x69];
/// Points per month in these tests.
const PPM: f32 = 12.0;

fn plan() -> Roadmap {
    common::example_plan()
}

fn m(text: &str) -> Month {
    text.parse().unwrap()
}

/// The editor on the test plan with cluster-1 moved 6 months later than in `other`, comparing
/// with `other`, zoomed to `PPM` points a month from late 2025.
fn comparing(data: &std::path::Path) -> Harness<'static, StackplanApp> {
    let other = plan();
    let mut this = plan();
    let inv = this
        .investments
        .iter_mut()
        .find(|i| i.id == "cluster-1")
        .unwrap();
    inv.start = inv.start.plus(6);
    inv.end = inv.end.plus(6);
    let mut app = StackplanApp::with_plan(this, DataFolder::at(data));
    app.compare_with(other, "the other path");
    let mut h = common::harness_sized(app, 1400.0, 800.0);
    let view = h.state_mut().view_mut();
    view.fit_pending = false;
    view.panels.register = false;
    view.panels.inspector = false;
    view.points_per_month = PPM;
    view.first_month = m("2025-11").index() as f32;
    h.run();
    h
}

/// Screen x where month `month` begins on the canvas.
fn x_of(h: &Harness<'static, StackplanApp>, month: Month) -> f32 {
    let left = h.get_by_label("Roadmap canvas").rect().left() + stackplan::ui::HEADER_WIDTH;
    let view = h.state().view();
    left + (month.index() as f32 - view.first_month) * view.points_per_month
}

/// Rectangles outlined in the ghost colour on the canvas in the last frame.
fn ghost_rects(h: &Harness<'static, StackplanApp>) -> Vec<egui::Rect> {
    let canvas = h.get_by_label("Roadmap canvas").rect();
    h.output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            egui::Shape::Rect(r) if r.stroke.color.to_srgba_unmultiplied()[..3] == GHOST => {
                Some(r.rect)
            }
            _ => None,
        })
        .filter(|r| canvas.contains_rect(*r))
        .collect()
}

/// Whether a ghost is painted from the start of `start` to the end of `end`.
fn ghost_at(h: &Harness<'static, StackplanApp>, start: Month, end: Month) -> bool {
    let (x0, x1) = (x_of(h, start), x_of(h, end.plus(1)));
    ghost_rects(h)
        .iter()
        .any(|r| (r.left() - x0).abs() <= 1.5 && (r.right() - x1).abs() <= 1.5)
}

#[test]
fn the_ghost_of_a_moved_bar_is_painted_at_its_old_months() {
    let data = tempfile::tempdir().unwrap();
    let h = comparing(data.path());
    // cluster-1 runs 2026-03..2027-12 in the other plan, 2026-09..2028-06 in this one.
    assert!(
        ghost_at(&h, m("2026-03"), m("2027-12")),
        "ghosts: {:?}, expected {} to {}, canvas {:?}",
        ghost_rects(&h),
        x_of(&h, m("2026-03")),
        x_of(&h, m("2028-01")),
        h.get_by_label("Roadmap canvas").rect()
    );
    assert!(
        !ghost_at(&h, m("2026-09"), m("2028-06")),
        "no ghost at its new months"
    );
}

#[test]
fn the_compare_panel_follows_an_edit() {
    let data = tempfile::tempdir().unwrap();
    let mut h = comparing(data.path());
    assert!(
        h.query_by_label_contains("cluster-1: moved +6 months")
            .is_some()
    );
    h.state_mut().select(Some(stackplan::ui::Selection::new(
        stackplan::model::ItemKind::Investment,
        "cluster-1",
    )));
    h.run();
    press(&mut h, egui::Key::ArrowRight);
    h.run();
    assert!(
        h.query_by_label_contains("cluster-1: moved +7 months")
            .is_some(),
        "the panel says the new difference"
    );
    assert!(
        ghost_at(&h, m("2026-03"), m("2027-12")),
        "the ghost stays where it was"
    );
}

#[test]
fn clicking_a_difference_selects_its_item() {
    let data = tempfile::tempdir().unwrap();
    let mut h = comparing(data.path());
    h.get_by_label_contains("cluster-1: moved +6 months")
        .click();
    h.run();
    let selected = h.state().view().selection.clone().map(|s| s.id);
    assert_eq!(selected.as_deref(), Some("cluster-1"));
}

#[test]
fn stop_comparing_removes_the_ghosts_and_the_panel() {
    let data = tempfile::tempdir().unwrap();
    let mut h = comparing(data.path());
    click(&mut h, "Stop comparing");
    h.run();
    assert!(ghost_rects(&h).is_empty());
    assert!(h.query_by_label("Stop comparing").is_none());
}
