//! The editor driven through its real UI with egui_kittest: files, dialogs, inspector, undo.

mod common;

use std::path::Path;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stackplan::model::{ItemKind, Roadmap};
use stackplan::ui::{DataFolder, Dialog, Selection, StackplanApp};

fn harness(app: StackplanApp) -> Harness<'static, StackplanApp> {
    common::harness_sized(app, 1280.0, 800.0)
}

/// A small plan made for these tests, so they do not depend on the bundled example.
fn example_plan() -> Roadmap {
    stackplan::io::load_str(include_str!("ui_plan.ron")).unwrap()
}

fn example_app(data: &Path) -> StackplanApp {
    StackplanApp::with_plan(example_plan(), DataFolder::at(data))
}

#[test]
fn editing_the_title_in_the_inspector_changes_the_plan_and_undoes_in_one_step() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(example_app(data.path()));
    h.state_mut()
        .select(Some(Selection::new(ItemKind::Investment, "cluster-1")));
    h.run();
    let field = h.get_by_label("Title");
    field.focus();
    h.run();
    h.get_by_label("Title").type_text(" (revised)");
    h.run();
    let original = example_plan()
        .investment("cluster-1")
        .unwrap()
        .title
        .clone();
    let expected = format!("{original} (revised)");
    assert_eq!(
        h.state().plan().investment("cluster-1").unwrap().title,
        expected
    );
    assert!(
        h.state().title().contains('•'),
        "the window title marks the plan modified"
    );
    h.state_mut().run(stackplan::ui::Command::Undo);
    h.run();
    assert_eq!(h.state().plan(), &example_plan(), "typing is one undo step");
    h.state_mut().run(stackplan::ui::Command::Redo);
    h.run();
    assert_eq!(
        h.state().plan().investment("cluster-1").unwrap().title,
        "National GPU cluster, phase 1 (revised)"
    );
}

#[test]
fn a_bad_month_in_the_inspector_shows_a_message_and_keeps_the_last_valid_value() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(example_app(data.path()));
    h.state_mut()
        .select(Some(Selection::new(ItemKind::Milestone, "own-model")));
    h.run();
    h.get_by_label("Month").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label("Month").type_text("2030-13");
    h.run();
    assert_eq!(
        h.state()
            .plan()
            .milestone("own-model")
            .unwrap()
            .month
            .to_string(),
        "2029-06"
    );
    assert!(
        h.query_by_label_contains("is not a month").is_some(),
        "a message explains the error"
    );
    h.key_press(egui::Key::Backspace);
    h.key_press(egui::Key::Backspace);
    h.run();
    h.get_by_label("Month").type_text("11");
    h.run();
    assert_eq!(
        h.state()
            .plan()
            .milestone("own-model")
            .unwrap()
            .month
            .to_string(),
        "2030-11"
    );
}

/// Selects `cluster-1`, replaces the text of its Id field with `text` without committing.
fn type_id(h: &mut Harness<'static, StackplanApp>, text: &str) {
    h.state_mut()
        .select(Some(Selection::new(ItemKind::Investment, "cluster-1")));
    h.run();
    h.get_by_label("Id").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label("Id").type_text(text);
    h.run();
}

#[test]
fn the_id_changes_only_when_the_edit_is_committed_with_enter() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(example_app(data.path()));
    type_id(&mut h, "gpu-cluster-1");
    assert_eq!(
        h.state().plan(),
        &example_plan(),
        "typing alone renames nothing"
    );
    assert!(h.state().document().undo_label().is_none());
    h.key_press(egui::Key::Enter);
    h.run();
    let plan = h.state().plan();
    assert!(plan.investment("cluster-1").is_none());
    assert!(plan.investment("gpu-cluster-1").is_some());
    assert_eq!(
        plan.milestone("own-model").unwrap().needs,
        ["gpu-cluster-1"],
        "links follow the new id"
    );
    assert_eq!(
        h.state().view().selection.as_ref().map(|s| s.id.as_str()),
        Some("gpu-cluster-1")
    );
    assert_eq!(h.state().document().undo_label(), Some("Change id"));
    h.state_mut().run(stackplan::ui::Command::Undo);
    h.run();
    assert_eq!(h.state().plan(), &example_plan(), "one undo step");
}

#[test]
fn a_clashing_id_shows_a_message_and_keeps_the_old_id() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(example_app(data.path()));
    type_id(&mut h, "cluster-2");
    assert!(h.query_by_label_contains("already used").is_some());
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().plan(), &example_plan());
    assert!(
        h.query_by_label_contains("The id stays “cluster-1”")
            .is_some(),
        "the message stays after Enter"
    );
    type_id(&mut h, "bad id");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().plan(), &example_plan());
    assert!(h.query_by_label_contains("has a space").is_some());
}

#[test]
fn escape_in_the_id_field_keeps_the_old_id() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(example_app(data.path()));
    type_id(&mut h, "other");
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().plan(), &example_plan());
    let field = h.get_by_label("Id");
    assert_eq!(field.value().as_deref(), Some("cluster-1"));
}

#[test]
fn f5_presents_whatever_has_the_focus() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(example_app(data.path()));
    h.get_by_label("Add layer").focus();
    h.run();
    assert!(
        h.ctx.memory(|m| m.focused()).is_some(),
        "a button has the focus"
    );
    h.key_press(egui::Key::F5);
    h.run();
    assert!(h.state().presentation().is_some());
}

#[test]
fn f5_while_typing_in_a_field_does_not_present() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(example_app(data.path()));
    h.get_by_label("Title").focus();
    h.run();
    h.key_press(egui::Key::F5);
    h.run();
    assert!(h.state().presentation().is_none());
    h.key_press(egui::Key::Escape);
    h.run();
    h.key_press(egui::Key::F5);
    h.run();
    assert!(
        h.state().presentation().is_some(),
        "after leaving the field F5 presents"
    );
}

#[test]
fn new_with_unsaved_changes_asks_first_and_cancel_keeps_the_plan() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(example_app(data.path()));
    h.state_mut()
        .select(Some(Selection::new(ItemKind::Investment, "cluster-1")));
    h.run();
    h.key_press(egui::Key::Delete);
    h.run();
    assert!(h.state().plan().investment("cluster-1").is_none());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    assert!(matches!(h.state().dialog(), Some(Dialog::Unsaved(_))));
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().dialog().is_none());
    assert_eq!(
        h.state().plan().investments.len(),
        2,
        "Cancel keeps the edited plan"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    h.get_by_label("Don't save").click();
    h.run();
    assert_eq!(h.state().plan().title, "New roadmap");
    assert!(!h.state().document().is_modified());
}

#[test]
fn saving_from_the_question_writes_the_file_then_starts_a_new_plan() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    stackplan::io::save_path(&example_plan(), &path).unwrap();
    let app = StackplanApp::with_file(&path, DataFolder::at(data.path())).unwrap();
    let mut h = harness(app);
    h.state_mut()
        .select(Some(Selection::new(ItemKind::Milestone, "own-model")));
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    h.get_by_label("Save").click();
    h.run();
    let saved = stackplan::io::load_path(&path).unwrap();
    assert_eq!(
        saved.milestone("own-model").unwrap().month.to_string(),
        "2029-07"
    );
    assert_eq!(h.state().plan().title, "New roadmap");
}

#[test]
fn a_broken_file_shows_line_and_column_and_leaves_the_document_untouched() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(
        &broken,
        "Roadmap(\n    format: 1,\n    title: \"x\" oops,\n)",
    )
    .unwrap();
    let mut h = harness(example_app(data.path()));
    h.state_mut()
        .select(Some(Selection::new(ItemKind::Investment, "cluster-1")));
    h.key_press(egui::Key::Delete);
    h.run();
    let before: Roadmap = h.state().plan().clone();
    h.state_mut().open_path(broken.clone());
    h.run();
    h.get_by_label("Don't save").click();
    h.run();
    let Some(Dialog::Error {
        position, message, ..
    }) = h.state().dialog()
    else {
        panic!("expected an error dialog, got {:?}", h.state().dialog());
    };
    assert_eq!(position.map(|p| p.0), Some(3), "{message}");
    assert!(h.query_by_label_contains("At line 3").is_some());
    h.get_by_label("OK").click();
    h.run();
    assert_eq!(h.state().plan(), &before);
    assert!(
        h.state().document().is_modified(),
        "still the same unsaved document"
    );
}

#[test]
fn unsaved_work_is_offered_back_after_a_crash() {
    let data = tempfile::tempdir().unwrap();
    {
        let mut h = harness(example_app(data.path()));
        h.state_mut()
            .select(Some(Selection::new(ItemKind::Milestone, "own-model")));
        h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::ArrowRight);
        h.run();
        h.state_mut().autosave_now();
        // The harness is dropped without closing the window: a crash.
    }
    let mut h = harness(example_app(data.path()));
    assert!(matches!(h.state().dialog(), Some(Dialog::Recovery(_))));
    h.get_by_label("Restore").click();
    h.run();
    assert_eq!(
        h.state()
            .plan()
            .milestone("own-model")
            .unwrap()
            .month
            .to_string(),
        "2030-06"
    );
    assert!(h.state().document().is_modified());
}

#[test]
fn recent_files_survive_a_restart() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recent.ron");
    stackplan::io::save_path(&example_plan(), &path).unwrap();
    let mut h = harness(example_app(data.path()));
    h.state_mut().open_path(path.clone());
    h.run();
    drop(h);
    let mut h = harness(example_app(data.path()));
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open recent").hover();
    h.run();
    assert!(h.query_by_label_contains("recent.ron").is_some());
}

mod undo_property {
    use super::*;
    use proptest::prelude::*;
    use stackplan::ui::Command;

    /// Commands that select or edit; each edit is one undo step.
    const ACTIONS: [Command; 12] = [
        Command::SelectNext,
        Command::SelectPrevious,
        Command::NudgeEarlier,
        Command::NudgeLater,
        Command::NudgeYearLater,
        Command::Duplicate,
        Command::Delete,
        Command::Copy,
        Command::Paste,
        Command::AddInvestment,
        Command::AddMilestone,
        Command::Deselect,
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_edits_then_as_many_undos_give_back_the_original(actions in prop::collection::vec(0..ACTIONS.len(), 1..40)) {
            let data = tempfile::tempdir().unwrap();
            let original = example_plan();
            let mut app = StackplanApp::with_plan(original.clone(), DataFolder::at(data.path()));
            let mut steps = 0;
            for a in actions {
                let before = app.document().revision();
                app.run(ACTIONS[a]);
                if app.document().revision() != before {
                    steps += 1;
                }
            }
            let edited = app.plan().clone();
            for _ in 0..steps {
                prop_assert!(app.document().undo_label().is_some());
                app.run(Command::Undo);
            }
            prop_assert_eq!(app.plan(), &original);
            prop_assert!(!app.document().is_modified() || steps == 0);
            for _ in 0..steps {
                app.run(Command::Redo);
            }
            prop_assert_eq!(app.plan(), &edited);
        }
    }
}

mod canvas {
    use super::*;
    use egui::{Pos2, Vec2, pos2, vec2};
    use stackplan::model::Month;

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

    fn drag(h: &mut Harness<'static, StackplanApp>, from: Pos2, by: Vec2) {
        h.hover_at(from);
        h.run();
        h.drag_at(from);
        h.run();
        for k in 1..=5 {
            h.hover_at(from + by * (k as f32 / 5.0));
            h.run();
        }
        h.drop_at(from + by);
        h.run();
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
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
        h.run();
        assert_eq!(
            investment(&h, "cluster-1"),
            before,
            "the whole drag is one step"
        );
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
        h.run();
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
        let h = zoomed(data.path());
        let centre = h.get_by_label(&bar()).rect().center();
        let mut view = h.state().view().clone();
        // Panels settle over the first frames of a new context: keep this zoom meanwhile.
        view.fitted_width = None;
        drop(h);
        let ctx = egui::Context::default();
        stackplan::ui::add_fonts_from(
            &ctx,
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts"),
        );
        let mut app = example_app(data.path());
        *app.view_mut() = view;
        let mut plain = Plain {
            ctx,
            app,
            time: 0.0,
        };
        plain.frame(Vec::new());
        plain.frame(vec![egui::Event::PointerMoved(centre)]);
        plain.frame(Vec::new());
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
        h.key_press(egui::Key::Tab);
        h.run();
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
        h.key_press(egui::Key::ArrowRight);
        h.run();
        h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::ArrowRight);
        h.run();
        assert_eq!(before.months_until(month(&h)), 13);
    }
}

/// Runs frames until the background export has ended (at most two minutes).
fn finish_export(h: &mut Harness<'static, StackplanApp>) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while h.state().export_job().is_some() {
        assert!(
            std::time::Instant::now() < deadline,
            "the export did not finish"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.run();
}

#[test]
fn exporting_writes_a_pdf_and_a_bad_extension_shows_an_error() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(example_app(data.path()));
    let pdf = dir.path().join("plan.pdf");
    h.state_mut().export_to(&pdf);
    h.step();
    finish_export(&mut h);
    assert!(h.state().dialog().is_none(), "{:?}", h.state().dialog());
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    h.state_mut().export_to(&dir.path().join("plan.doc"));
    finish_export(&mut h);
    assert!(matches!(h.state().dialog(), Some(Dialog::Error { .. })));
    assert!(h.query_by_label_contains("plan.doc").is_some());
}

#[test]
fn exporting_csv_writes_the_four_tables() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(example_app(data.path()));
    h.state_mut().export_to(&dir.path().join("plan.csv"));
    finish_export(&mut h);
    assert!(h.state().dialog().is_none(), "{:?}", h.state().dialog());
    for table in ["investments", "milestones", "dependencies", "exposure"] {
        let path = dir.path().join(format!("plan-{table}.csv"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.lines().count() > 1, "{table} has rows");
    }
    let investments = std::fs::read_to_string(dir.path().join("plan-investments.csv")).unwrap();
    assert!(investments.contains("National GPU cluster, phase 1"));
}

#[test]
fn the_window_keeps_responding_while_a_long_export_runs() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let plan = stackplan::generate::large_plan(3_000, 7);
    let app = StackplanApp::with_plan(plan, DataFolder::at(data.path()));
    let mut h = harness(app);
    let pdf = dir.path().join("large.pdf");
    h.state_mut().export_to(&pdf);
    h.step();
    assert!(
        h.query_by_label_contains("Exporting large.pdf").is_some(),
        "the toolbar shows the export under way"
    );
    let inspector = h.state().view().panels.inspector;
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num2);
    h.step();
    assert_ne!(
        h.state().view().panels.inspector,
        inspector,
        "a shortcut works during the export"
    );
    assert!(
        h.state().export_job().is_some(),
        "frames ran while the export was still under way"
    );
    finish_export(&mut h);
    assert!(h.state().dialog().is_none(), "{:?}", h.state().dialog());
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    assert!(h.query_by_label_contains("Exported").is_some());
}

#[test]
fn export_asks_for_page_orientation_and_months_and_the_pdf_follows_them() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(example_app(data.path()));
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Export…").click();
    h.run();
    assert!(matches!(h.state().dialog(), Some(Dialog::Export(_))));
    h.get_by_label("Page (PDF)").click();
    h.run();
    h.get_by_label("A3").click();
    h.run();
    h.get_by_label("Portrait").click();
    h.run();
    h.get_by_label("First month").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("First month").type_text("2027-13");
    h.run();
    assert!(
        h.query_by_label_contains("is not a month").is_some(),
        "a bad month is explained"
    );
    h.key_press(egui::Key::Backspace);
    h.get_by_label("First month").type_text("2");
    h.run();
    assert!(h.query_by_label_contains("is not a month").is_none());
    let Some(Dialog::Export(form)) = h.state().dialog() else {
        panic!("the export dialog closed");
    };
    let options = form.options(h.state().plan()).unwrap();
    assert_eq!(options.page, stackplan::export::PageSize::A3);
    assert!(!options.landscape);
    assert_eq!(
        options.from.map(|m| m.to_string()).as_deref(),
        Some("2027-12")
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().dialog().is_none());

    // "Choose file…" hands the options to the export (the native file dialog is skipped here).
    *h.state_mut().export_options_mut() = options;
    let pdf = dir.path().join("a3.pdf");
    h.state_mut().export_to(&pdf);
    finish_export(&mut h);
    let doc = lopdf::Document::load(&pdf).unwrap();
    let first = *doc.get_pages().values().next().unwrap();
    let media = doc
        .get_dictionary(first)
        .unwrap()
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_float().unwrap())
        .collect::<Vec<_>>();
    assert!(
        (media[2] - 841.89).abs() < 1.0 && (media[3] - 1190.55).abs() < 1.0,
        "A3 portrait pages, got {media:?}"
    );
    // The next export starts from the same choices.
    h.state_mut().run(stackplan::ui::Command::Export);
    h.run();
    let Some(Dialog::Export(again)) = h.state().dialog() else {
        panic!("no export dialog");
    };
    assert_eq!(again.page, stackplan::export::PageSize::A3);
    assert_eq!(again.from, "2027-12");
}
