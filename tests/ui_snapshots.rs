//! Snapshot images of the editor's main screens (reviewed by eye when they change).

mod common;

use std::path::Path;

use common::command;
use egui_kittest::Harness;
use stackplan::model::ItemKind;
use stackplan::ui::{DataFolder, Selection, StackplanApp};

fn harness(app: StackplanApp) -> Harness<'static, StackplanApp> {
    common::harness_sized(app, 1280.0, 760.0)
}

/// The small plan of the UI tests (the bundled example changes too often for a snapshot).
fn test_plan() -> stackplan::model::Roadmap {
    common::example_plan()
}

fn plan(name: &str) -> stackplan::model::Roadmap {
    stackplan::io::load_path(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("roadmaps")
            .join(name),
    )
    .unwrap()
}

#[test]
fn main_screen() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(StackplanApp::with_plan(
        test_plan(),
        DataFolder::at(data.path()),
    ));
    h.run();
    h.snapshot("editor_main");
}

#[test]
fn a_selected_milestone_highlights_what_it_needs() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(StackplanApp::with_plan(
        test_plan(),
        DataFolder::at(data.path()),
    ));
    let id = h
        .state()
        .plan()
        .milestones
        .first()
        .map(|m| m.id.clone())
        .unwrap();
    h.state_mut()
        .select(Some(Selection::new(ItemKind::Milestone, &id)));
    h.state_mut().view_mut().cursor = "2028-01".parse().ok();
    h.run();
    h.snapshot("editor_milestone_selected");
}

#[test]
fn titles_in_any_script_never_panic_and_keep_their_names() {
    // No CJK, Arabic or Devanagari font is loaded here: glyphs may show as boxes, but the
    // editor must run and every item must keep its real title.
    let data = tempfile::tempdir().unwrap();
    let plan = plan("multilingual.ron");
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 760.0))
        .allow_missing_glyphs()
        .build_ui_state(
            |ui, app: &mut StackplanApp| app.show(ui),
            StackplanApp::with_plan(plan.clone(), DataFolder::at(data.path())),
        );
    h.run();
    use egui_kittest::kittest::Queryable;
    for title in plan.investments.iter().map(|i| i.title.as_str()) {
        assert!(
            h.query_by_label(title).is_some(),
            "no canvas item named {title}"
        );
    }
}

#[test]
fn export_dialog() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(StackplanApp::with_plan(
        test_plan(),
        DataFolder::at(data.path()),
    ));
    command(&mut h, stackplan::ui::Command::Export);
    h.snapshot("export_dialog");
}
