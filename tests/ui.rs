//! The editor driven through its real UI with egui_kittest: files, dialogs, inspector, undo.

mod common;

use common::{
    click, command, example_app, example_plan, harness, press, press_with, select, type_into,
    type_over,
};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stackplan::model::{ItemKind, Roadmap};
use stackplan::ui::{DataFolder, Dialog, Selection, StackplanApp};

#[test]
fn editing_the_title_in_the_inspector_changes_the_plan_and_undoes_in_one_step() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(example_app(data.path()));
    select(&mut h, ItemKind::Investment, "cluster-1");
    type_into(&mut h, "Title", " (revised)");
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
    command(&mut h, stackplan::ui::Command::Undo);
    assert_eq!(h.state().plan(), &example_plan(), "typing is one undo step");
    command(&mut h, stackplan::ui::Command::Redo);
    assert_eq!(
        h.state().plan().investment("cluster-1").unwrap().title,
        "National GPU cluster, phase 1 (revised)"
    );
}

#[test]
fn a_bad_month_in_the_inspector_shows_a_message_and_keeps_the_last_valid_value() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(example_app(data.path()));
    select(&mut h, ItemKind::Milestone, "own-model");
    type_over(&mut h, "Month", "2030-13");
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
    press(&mut h, egui::Key::Backspace);
    type_into(&mut h, "Month", "11");
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
    select(h, ItemKind::Investment, "cluster-1");
    type_over(h, "Id", text);
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
    press(&mut h, egui::Key::Enter);
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
    command(&mut h, stackplan::ui::Command::Undo);
    assert_eq!(h.state().plan(), &example_plan(), "one undo step");
}

#[test]
fn a_clashing_id_shows_a_message_and_keeps_the_old_id() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(example_app(data.path()));
    type_id(&mut h, "cluster-2");
    assert!(h.query_by_label_contains("already used").is_some());
    press(&mut h, egui::Key::Enter);
    assert_eq!(h.state().plan(), &example_plan());
    assert!(
        h.query_by_label_contains("The id stays “cluster-1”")
            .is_some(),
        "the message stays after Enter"
    );
    type_id(&mut h, "bad id");
    press(&mut h, egui::Key::Enter);
    assert_eq!(h.state().plan(), &example_plan());
    assert!(h.query_by_label_contains("has a space").is_some());
}

#[test]
fn escape_in_the_id_field_keeps_the_old_id() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(example_app(data.path()));
    type_id(&mut h, "other");
    press(&mut h, egui::Key::Escape);
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
    press(&mut h, egui::Key::F5);
    assert!(h.state().presentation().is_some());
}

#[test]
fn f5_while_typing_in_a_field_does_not_present() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(example_app(data.path()));
    h.get_by_label("Title").focus();
    h.run();
    press(&mut h, egui::Key::F5);
    assert!(h.state().presentation().is_none());
    press(&mut h, egui::Key::Escape);
    press(&mut h, egui::Key::F5);
    assert!(
        h.state().presentation().is_some(),
        "after leaving the field F5 presents"
    );
}

#[test]
fn new_with_unsaved_changes_asks_first_and_cancel_keeps_the_plan() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(example_app(data.path()));
    select(&mut h, ItemKind::Investment, "cluster-1");
    press(&mut h, egui::Key::Delete);
    assert!(h.state().plan().investment("cluster-1").is_none());
    press_with(&mut h, egui::Modifiers::COMMAND, egui::Key::N);
    assert!(matches!(h.state().dialog(), Some(Dialog::Unsaved(_))));
    click(&mut h, "Cancel");
    assert!(h.state().dialog().is_none());
    assert_eq!(
        h.state().plan().investments.len(),
        2,
        "Cancel keeps the edited plan"
    );
    press_with(&mut h, egui::Modifiers::COMMAND, egui::Key::N);
    click(&mut h, "Don't save");
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
    select(&mut h, ItemKind::Milestone, "own-model");
    press(&mut h, egui::Key::ArrowRight);
    press_with(&mut h, egui::Modifiers::COMMAND, egui::Key::N);
    click(&mut h, "Save");
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
    press(&mut h, egui::Key::Delete);
    let before: Roadmap = h.state().plan().clone();
    h.state_mut().open_path(broken.clone());
    h.run();
    click(&mut h, "Don't save");
    let Some(Dialog::Error {
        position, message, ..
    }) = h.state().dialog()
    else {
        panic!("expected an error dialog, got {:?}", h.state().dialog());
    };
    assert_eq!(position.map(|p| p.0), Some(3), "{message}");
    assert!(h.query_by_label_contains("At line 3").is_some());
    click(&mut h, "OK");
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
        press_with(&mut h, egui::Modifiers::SHIFT, egui::Key::ArrowRight);
        h.state_mut().autosave_now();
        // The harness is dropped without closing the window: a crash.
    }
    let mut h = harness(example_app(data.path()));
    assert!(matches!(h.state().dialog(), Some(Dialog::Recovery(_))));
    click(&mut h, "Restore");
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
    click(&mut h, "File");
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
    click(&mut h, "File");
    h.get_by_label_contains("Export…").click();
    h.run();
    assert!(matches!(h.state().dialog(), Some(Dialog::Export(_))));
    click(&mut h, "Page (PDF)");
    click(&mut h, "A3");
    click(&mut h, "Portrait");
    type_over(&mut h, "First month", "2027-13");
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
    click(&mut h, "Cancel");
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
    command(&mut h, stackplan::ui::Command::Export);
    let Some(Dialog::Export(again)) = h.state().dialog() else {
        panic!("no export dialog");
    };
    assert_eq!(again.page, stackplan::export::PageSize::A3);
    assert_eq!(again.from, "2027-12");
}
