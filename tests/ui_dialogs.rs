//! The editor's dialogs and fields as a user meets them: the in-app file dialog, the link
//! picker, ids made from titles, right-to-left titles, and the names shown for plans.

mod common;

use std::path::Path;

use common::{
    click, command, example_app, example_plan, harness, press, press_with, select, type_into,
    type_over,
};
use egui::epaint::{ClippedShape, Shape, TextShape};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stackplan::model::{Horizon, ItemKind, Month, Roadmap};
use stackplan::ui::{Command, DataFolder, Dialog, Selection, StackplanApp};

fn blank_plan() -> Roadmap {
    let m = |s: &str| s.parse::<Month>().unwrap();
    Roadmap::blank(
        "New roadmap",
        Horizon {
            start: m("2026-01"),
            end: m("2035-12"),
        },
    )
}

/// Every text shape of the last frame.
fn painted_texts(h: &Harness<'static, StackplanApp>) -> Vec<TextShape> {
    fn collect(shape: &Shape, out: &mut Vec<TextShape>) {
        match shape {
            Shape::Text(t) => out.push(t.clone()),
            Shape::Vec(list) => list.iter().for_each(|s| collect(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for ClippedShape { shape, .. } in &h.output().shapes {
        collect(shape, &mut out);
    }
    out
}

/// Whether a text shape reading exactly `text` is painted right of screen x `left`.
fn painted_right_of(h: &Harness<'static, StackplanApp>, text: &str, left: f32) -> bool {
    painted_texts(h)
        .iter()
        .any(|t| t.galley.text() == text && t.pos.x >= left)
}

mod file_dialog {
    use super::*;

    /// A harness around an editor that asks for files with its in-app dialog. egui_file's
    /// path and file name fields have no accessible names (the crate sets none), so the
    /// harness's check that every widget is named is off here.
    fn dialog_harness(plan: Roadmap, data: &Path) -> Harness<'static, StackplanApp> {
        let mut app = StackplanApp::with_plan(plan, DataFolder::at(data));
        app.use_in_app_file_dialogs();
        let builder = Harness::builder()
            .with_size(egui::vec2(1280.0, 800.0))
            .with_step_dt(0.25)
            .with_accessibility_check(false);
        common::build(builder, app)
    }

    /// The dialog's file name field: the lower of its two text fields (the upper one is the
    /// folder).
    fn name_field<'h>(h: &'h Harness<'static, StackplanApp>) -> egui_kittest::Node<'h> {
        h.query_all_by_role(egui::accesskit::Role::TextInput)
            .max_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
            .expect("the dialog has a file name field")
    }

    /// Types `path` as the file name of the open in-app dialog and presses its Save button.
    fn save_in_dialog(h: &mut Harness<'static, StackplanApp>, path: &Path) {
        assert!(h.state().file_dialog_open(), "the in-app dialog is open");
        name_field(h).focus();
        h.run();
        press_with(h, egui::Modifiers::COMMAND, egui::Key::A);
        name_field(h).type_text(&path.display().to_string());
        h.run();
        click(h, "Save");
    }

    #[test]
    fn save_as_on_a_new_plan_through_the_in_app_dialog_writes_the_file() {
        let data = tempfile::tempdir().unwrap();
        let folder = tempfile::tempdir().unwrap();
        let mut h = dialog_harness(blank_plan(), data.path());
        command(&mut h, Command::SaveAs);
        assert!(
            h.query_by_label_contains("Save roadmap").is_some(),
            "the dialog shows its title"
        );
        let path = folder.path().join("new-plan.ron");
        save_in_dialog(&mut h, &path);
        let saved = stackplan::io::load_path(&path).expect("the plan was written");
        assert_eq!(&saved, h.state().plan());
        assert!(!h.state().file_dialog_open(), "the dialog closed");
        assert!(h.query_by_label("Save roadmap").is_none());
        assert!(h.state().title().starts_with("new-plan.ron"));
        assert!(
            h.query_by_label_contains("Saved ").is_some(),
            "the status bar says it was saved"
        );
    }

    #[test]
    fn save_in_the_unsaved_changes_question_uses_the_in_app_dialog_then_goes_on() {
        let data = tempfile::tempdir().unwrap();
        let folder = tempfile::tempdir().unwrap();
        let mut h = dialog_harness(example_plan(), data.path());
        h.state_mut()
            .select(Some(Selection::new(ItemKind::Investment, "lab")));
        command(&mut h, Command::Delete);
        command(&mut h, Command::New);
        click(&mut h, "Save");
        let path = folder.path().join("kept.ron");
        save_in_dialog(&mut h, &path);
        let saved = stackplan::io::load_path(&path).expect("the plan was written");
        assert!(saved.investment("lab").is_none(), "with the change");
        assert_eq!(h.state().plan().title, "New roadmap", "then the new plan");
    }

    #[test]
    fn an_existing_file_is_replaced_only_when_the_user_agrees() {
        let data = tempfile::tempdir().unwrap();
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("taken.ron");
        std::fs::write(&path, "keep me").unwrap();
        let mut h = dialog_harness(blank_plan(), data.path());
        command(&mut h, Command::SaveAs);
        save_in_dialog(&mut h, &path);
        assert!(matches!(h.state().dialog(), Some(Dialog::Replace { .. })));
        click(&mut h, "Cancel");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
        command(&mut h, Command::SaveAs);
        save_in_dialog(&mut h, &path);
        click(&mut h, "Replace");
        assert!(
            stackplan::io::load_path(&path).is_ok(),
            "replaced by the plan"
        );
    }

    #[test]
    fn open_through_the_in_app_dialog_loads_the_plan() {
        let data = tempfile::tempdir().unwrap();
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("other.ron");
        stackplan::io::save_path(&example_plan(), &path).unwrap();
        let mut h = dialog_harness(blank_plan(), data.path());
        command(&mut h, Command::Open);
        assert!(h.query_by_label_contains("Open roadmap").is_some());
        // A whole path typed as the file name opens with Enter.
        name_field(&h).focus();
        h.run();
        name_field(&h).type_text(&path.display().to_string());
        h.run();
        press(&mut h, egui::Key::Enter);
        assert_eq!(h.state().plan(), &example_plan());
        assert!(h.state().title().starts_with("other.ron"));
    }
}

mod link_picker {
    use super::*;

    #[test]
    fn a_link_is_picked_by_part_of_its_title_shown_as_a_chip_and_removed() {
        let data = tempfile::tempdir().unwrap();
        let mut h = harness(example_app(data.path()));
        select(&mut h, ItemKind::Milestone, "own-model");
        let column = h.get_by_label("Needs").rect().left();
        type_into(&mut h, "Needs", "langu");
        assert!(
            h.query_by_label("Link National GPU cluster, phase 2")
                .is_none(),
            "only matches are offered"
        );
        click(&mut h, "Link Language technology lab");
        let needs = &h.state().plan().milestone("own-model").unwrap().needs;
        assert_eq!(needs, &["cluster-1", "lab"]);
        assert!(
            painted_right_of(&h, "Language technology lab", column),
            "the chip shows the title"
        );
        assert!(painted_right_of(
            &h,
            "National GPU cluster, phase 1",
            column
        ));
        assert!(h.query_by_label("Link Language technology lab").is_none());

        click(&mut h, "Remove Language technology lab");
        let needs = &h.state().plan().milestone("own-model").unwrap().needs;
        assert_eq!(needs, &["cluster-1"]);
        assert!(!painted_right_of(&h, "Language technology lab", column));
        command(&mut h, Command::Undo);
        assert_eq!(
            h.state().plan().milestone("own-model").unwrap().needs,
            ["cluster-1", "lab"],
            "removing is one undo step"
        );
    }

    #[test]
    fn dependencies_are_found_by_id_and_enter_picks_the_first_match() {
        let data = tempfile::tempdir().unwrap();
        let mut h = harness(example_app(data.path()));
        select(&mut h, ItemKind::Milestone, "own-model");
        let column = h.get_by_label("Introduces").rect().left();
        type_into(&mut h, "Introduces", "foreign-g");
        press(&mut h, egui::Key::Enter);
        let m = h.state().plan().milestone("own-model").unwrap();
        assert_eq!(m.introduces, ["foreign-gpus"]);
        assert!(painted_right_of(&h, "Imported accelerators", column));
    }
}

mod ids_from_titles {
    use super::*;

    #[test]
    fn a_new_item_takes_its_id_from_the_title_until_something_else_is_selected() {
        let data = tempfile::tempdir().unwrap();
        let mut h = harness(example_app(data.path()));
        h.state_mut()
            .select(Some(Selection::new(ItemKind::Layer, "compute")));
        command(&mut h, Command::AddInvestment);
        type_over(&mut h, "Title", "National GPU cluster");
        let plan = h.state().plan();
        let added = plan.investments.last().unwrap();
        assert_eq!(added.id, "national-gpu-cluster");
        assert_eq!(added.title, "National GPU cluster");
        assert_eq!(
            h.get_by_label("Id").value().as_deref(),
            Some("national-gpu-cluster"),
            "the Id field shows it"
        );
        // Undo takes back the typing in one step, and the id with it.
        command(&mut h, Command::Undo);
        let added = h.state().plan().investments.last().unwrap().clone();
        assert_eq!(added.title, "New investment");
        assert_eq!(added.id, "investment-1");
        command(&mut h, Command::Redo);

        // Once named and left, the id stays when the title changes.
        select(&mut h, ItemKind::Investment, "lab");
        select(&mut h, ItemKind::Investment, "national-gpu-cluster");
        type_over(&mut h, "Title", "Sovereign GPU cluster");
        let added = h.state().plan().investments.last().unwrap();
        assert_eq!(added.title, "Sovereign GPU cluster");
        assert_eq!(added.id, "national-gpu-cluster");
    }

    #[test]
    fn a_title_like_an_existing_id_gets_a_number() {
        let data = tempfile::tempdir().unwrap();
        let mut h = harness(example_app(data.path()));
        command(&mut h, Command::AddMilestone);
        type_over(&mut h, "Title", "Lab");
        assert_eq!(h.state().plan().milestones.last().unwrap().id, "lab-2");
    }
}

mod right_to_left {
    use super::*;

    const TITLE: &str = "مركز الحوسبة الوطني";

    /// The system's Noto Sans Arabic (Debian: fonts-noto-core), which the test needs.
    const ARABIC_FONT: &str = "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf";

    /// A harness whose fonts are the repository's plus Noto Sans Arabic.
    fn arabic_harness(app: StackplanApp) -> (Harness<'static, StackplanApp>, tempfile::TempDir) {
        let fonts = tempfile::tempdir().unwrap();
        let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts");
        for entry in std::fs::read_dir(&assets).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, fonts.path().join(path.file_name().unwrap())).unwrap();
        }
        std::fs::copy(ARABIC_FONT, fonts.path().join("NotoSansArabic-Regular.ttf"))
            .unwrap_or_else(|e| panic!("{ARABIC_FONT}: {e} (install fonts-noto-core)"));
        let dir = fonts.path().to_owned();
        let mut h = Harness::builder()
            .with_size(egui::vec2(1280.0, 800.0))
            .with_step_dt(0.25)
            .with_context_setup(move |ctx| {
                stackplan::ui::add_fonts_from(ctx, &dir);
            })
            .build_ui_state(|ui, app: &mut StackplanApp| app.show(ui), app);
        h.run();
        (h, fonts)
    }

    fn arabic_plan() -> Roadmap {
        let mut plan = example_plan();
        plan.investments[0].title = TITLE.to_owned();
        plan
    }

    #[test]
    fn an_arabic_title_is_painted_with_its_words_in_visual_order() {
        let data = tempfile::tempdir().unwrap();
        let app = StackplanApp::with_plan(arabic_plan(), DataFolder::at(data.path()));
        let (h, _fonts) = arabic_harness(app);
        let texts = painted_texts(&h);
        let label = texts
            .iter()
            .find(|t| t.galley.text().contains("الوطني"))
            .expect("the bar's label is painted");
        // Read right to left, the first word (مركز) is rightmost.
        assert_eq!(label.galley.text(), "الوطني الحوسبة مركز");
        let x_of = |c: char| {
            label
                .galley
                .rows
                .iter()
                .flat_map(|r| r.row.glyphs.iter())
                .find(|g| g.chr == c)
                .map(|g| g.pos.x)
                .unwrap_or_else(|| panic!("no glyph for {c}"))
        };
        assert!(
            x_of('ك') > x_of('ح') && x_of('ح') > x_of('ط'),
            "first word right of the second, the second right of the third"
        );
    }

    #[test]
    fn the_title_field_keeps_the_typed_order() {
        let data = tempfile::tempdir().unwrap();
        let app = StackplanApp::with_plan(arabic_plan(), DataFolder::at(data.path()));
        let (mut h, _fonts) = arabic_harness(app);
        select(&mut h, ItemKind::Investment, "cluster-1");
        assert_eq!(h.get_by_label("Title").value().as_deref(), Some(TITLE));
    }
}

mod names_and_numbers {
    use super::*;

    #[test]
    fn the_bundled_example_is_named_as_such() {
        let data = tempfile::tempdir().unwrap();
        let plan = stackplan::io::example_plan().unwrap();
        let title = plan.title.clone();
        let mut h = harness(StackplanApp::with_example(
            plan,
            DataFolder::at(data.path()),
        ));
        let window = h.state().title();
        assert!(!window.contains("Untitled"), "{window}");
        assert!(
            window.contains(&title) && window.contains("bundled example"),
            "{window}"
        );
        h.state_mut()
            .select(Some(Selection::new(ItemKind::Investment, "cluster-1")));
        command(&mut h, Command::Delete);
        command(&mut h, Command::New);
        assert!(
            h.query_by_label_contains(&format!("Save the changes to “{title} (bundled example)”"))
                .is_some()
        );
    }

    #[test]
    fn a_plan_opened_from_the_command_line_is_in_open_recent() {
        let data = tempfile::tempdir().unwrap();
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("from-cli.ron");
        stackplan::io::save_path(&example_plan(), &path).unwrap();
        let app = StackplanApp::with_file(&path, DataFolder::at(data.path())).unwrap();
        let mut h = harness(app);
        click(&mut h, "File");
        h.get_by_label("Open recent").hover();
        h.run();
        assert!(
            h.query_by_label_contains("from-cli.ron").is_some(),
            "the menu lists it"
        );
    }

    #[test]
    fn a_broken_file_at_start_up_says_the_example_is_shown_instead() {
        let data = tempfile::tempdir().unwrap();
        let plan = stackplan::io::example_plan().unwrap();
        let mut app = StackplanApp::with_example(plan, DataFolder::at(data.path()));
        let error = stackplan::io::load_str("Roadmap(").unwrap_err();
        app.show_start_error(&error);
        let h = harness(app);
        assert!(
            h.query_by_label_contains("bundled example instead")
                .is_some()
        );
        assert!(h.query_by_label_contains("was not changed").is_none());
    }

    #[test]
    fn a_broken_file_opened_later_says_which_plan_is_still_open() {
        let data = tempfile::tempdir().unwrap();
        let folder = tempfile::tempdir().unwrap();
        let broken = folder.path().join("broken.ron");
        std::fs::write(&broken, "Roadmap(").unwrap();
        let plan = stackplan::io::example_plan().unwrap();
        let title = plan.title.clone();
        let mut h = harness(StackplanApp::with_example(
            plan,
            DataFolder::at(data.path()),
        ));
        h.state_mut().open_path(broken);
        h.run();
        let note = format!("“{title} (bundled example)” is still open, unchanged.");
        assert!(h.query_by_label(&note).is_some());
    }

    #[test]
    fn budgets_show_with_thousands_separators() {
        let data = tempfile::tempdir().unwrap();
        let mut h = harness(example_app(data.path()));
        select(&mut h, ItemKind::Investment, "cluster-1");
        assert_eq!(
            h.get_by_label("Budget (EUR)").value().as_deref(),
            Some("450\u{202F}000\u{202F}000")
        );
    }

    #[test]
    fn an_empty_plan_has_no_exposure_peak() {
        let data = tempfile::tempdir().unwrap();
        let h = harness(StackplanApp::with_plan(
            blank_plan(),
            DataFolder::at(data.path()),
        ));
        let texts: Vec<String> = painted_texts(&h)
            .iter()
            .map(|t| t.galley.text().to_owned())
            .collect();
        assert!(texts.iter().any(|t| t == "no exposure"), "{texts:?}");
        assert!(!texts.iter().any(|t| t.starts_with("peak")), "{texts:?}");
    }
}
