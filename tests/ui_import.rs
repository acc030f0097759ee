//! File → Import… in the editor: the imported plan opens as a new, unsaved plan and is
//! painted; the report shows in a dialog; a spreadsheet's columns can be chosen and the
//! choice is remembered.

mod common;

use std::path::{Path, PathBuf};

use common::click;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stackplan::ui::{DataFolder, Dialog, StackplanApp};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/import")
        .join(name)
}

fn harness(data: &Path) -> Harness<'static, StackplanApp> {
    let plan = stackplan::io::example_plan().unwrap();
    common::harness(StackplanApp::with_plan(plan, DataFolder::at(data)))
}

/// Every text painted in the last frame.
fn painted_texts(h: &Harness<'static, StackplanApp>) -> Vec<String> {
    fn walk(shape: &egui::Shape, out: &mut Vec<String>) {
        match shape {
            egui::Shape::Text(t) => out.push(t.galley.text().to_owned()),
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

/// A file dropped on the window, as the windowing system hands it to egui.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Drops `path` on the window in the next frame.
fn drop_file(h: &mut Harness<'static, StackplanApp>, path: PathBuf) {
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path)));
}

fn painted(h: &Harness<'static, StackplanApp>, text: &str) -> bool {
    painted_texts(h).iter().any(|t| t.contains(text))
}

#[test]
fn importing_ms_project_opens_a_new_unsaved_plan_and_shows_the_report() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(data.path());
    assert!(painted(&h, "Compute"), "the example plan is on screen");
    h.state_mut().import_path(&fixture("ms-project.xml"));
    h.run();
    assert!(matches!(h.state().dialog(), Some(Dialog::Notice { .. })));
    assert!(painted(&h, "Imported ms-project.xml"));
    assert!(painted(&h, "Approximated (6):"));
    assert!(painted(
        &h,
        "a start-to-start link, kept as finish-to-start"
    ));
    let plan = h.state().plan();
    assert_eq!(plan.title, "Sovereign compute programme");
    assert_eq!(plan.investments.len(), 5);
    assert!(
        h.state().document().path().is_none(),
        "not saved anywhere yet"
    );
    assert!(h.state().title().contains('•'), "marked unsaved");
    click(&mut h, "OK");
    h.run();
    assert!(h.state().dialog().is_none());
    assert!(
        painted(&h, "Talent & Research"),
        "the new layers' lanes are painted"
    );
    assert!(!painted(&h, "Chips"), "the old plan's lanes are gone");
}

#[test]
fn a_spreadsheet_shows_its_columns_the_choice_applies_and_is_remembered() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(data.path());
    h.state_mut().import_path(&fixture("register.xlsx"));
    h.run();
    assert!(matches!(h.state().dialog(), Some(Dialog::Import(_))));
    assert!(painted(&h, "Header on row 3, 7 rows below it."));
    assert!(
        painted(&h, "Workstream"),
        "the recognised layer column is shown"
    );
    // Lanes by lead instead of workstream.
    click(&mut h, "Layer");
    h.get_all_by_label("Lead").last().unwrap().click();
    h.run();
    click(&mut h, "Import");
    h.run();
    let plan = h.state().plan();
    let layers: Vec<&str> = plan.layers.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        layers,
        [
            "Compute Agency",
            "Talent Office",
            "Research Council",
            "Data Agency"
        ]
    );
    assert_eq!(plan.investments.len(), 6);
    assert!(painted(&h, "Imported register.xlsx"));
    click(&mut h, "OK");
    h.run();
    assert!(
        painted(&h, "Research Council"),
        "a lane per lead is painted"
    );

    // The next spreadsheet import starts from the remembered choice.
    h.state_mut().import_path(&fixture("register.xlsx"));
    h.run();
    let Some(Dialog::Import(form)) = h.state().dialog() else {
        panic!("the import dialog shows again");
    };
    assert_eq!(
        form.options.mapping.get(stackplan::import::Column::Layer),
        Some("Lead")
    );
}

#[test]
fn a_file_that_cannot_be_imported_shows_why_and_keeps_the_plan() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(data.path());
    let before = h.state().plan().clone();
    h.state_mut().import_path(&fixture("password.xlsx"));
    h.run();
    assert!(matches!(h.state().dialog(), Some(Dialog::Error { .. })));
    assert!(painted(&h, "password-protected"));
    assert_eq!(h.state().plan(), &before);
}

#[test]
fn a_file_dropped_on_the_window_is_imported_like_file_import() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(data.path());
    let gan = fixture("ganttproject.gan");
    h.input_mut().hovered_files.push(egui::HoveredFile {
        path: Some(gan.clone()),
        ..Default::default()
    });
    h.run_steps(2); // egui repaints while a file hovers
    assert!(
        painted(&h, "Drop to import ganttproject.gan as a new plan"),
        "dragging a file over the window says what dropping does"
    );
    h.input_mut().hovered_files.clear();
    drop_file(&mut h, gan);
    h.run();
    h.run();
    assert!(
        !painted(&h, "Drop to import"),
        "the hint goes with the drag"
    );
    assert!(painted(&h, "Imported ganttproject.gan"), "the report shows");
    assert!(h.state().document().path().is_none(), "a new, unsaved plan");
    let titles: Vec<String> = h
        .state()
        .plan()
        .investments
        .iter()
        .map(|i| i.title.clone())
        .collect();
    click(&mut h, "OK");
    h.run();
    let first = titles.first().expect("the .gan has tasks");
    assert!(
        painted(&h, first),
        "the imported plan's bars are painted: {first}"
    );

    // A spreadsheet dropped on the window shows the column dialog first.
    drop_file(&mut h, fixture("register.xlsx"));
    h.run();
    assert!(matches!(h.state().dialog(), Some(Dialog::Import(_))));
    assert!(painted(&h, "Header on row 3, 7 rows below it."));
}

#[test]
fn a_plan_dropped_on_the_window_opens() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(data.path());
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmaps/licensed-blackbox.ron");
    h.input_mut().hovered_files.push(egui::HoveredFile {
        path: Some(plan.clone()),
        ..Default::default()
    });
    h.run_steps(2); // egui repaints while a file hovers
    assert!(painted(&h, "Drop to open licensed-blackbox.ron"));
    h.input_mut().hovered_files.clear();
    drop_file(&mut h, plan.clone());
    h.run();
    h.run();
    assert_eq!(h.state().document().path(), Some(&plan));
    assert!(painted(&h, &h.state().plan().title.clone()));
}
