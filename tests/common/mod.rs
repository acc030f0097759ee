//! Shared set-up of the test files: a kittest harness around the real editor, the small test
//! plan, the steps a user takes in it, and the files and programs the tests read and run.

use std::path::{Path, PathBuf};

use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, HarnessBuilder};
use stackplan::model::{ItemKind, Roadmap};
use stackplan::ui::{DataFolder, Selection, StackplanApp};

/// A harness of 1280 × 800 around a real editor, the size most UI tests use.
#[allow(dead_code)]
pub fn harness(app: StackplanApp) -> Harness<'static, StackplanApp> {
    harness_sized(app, 1280.0, 800.0)
}

/// A harness of `width` × `height` around a real editor, with fonts from the repository.
#[allow(dead_code)]
pub fn harness_sized(app: StackplanApp, width: f32, height: f32) -> Harness<'static, StackplanApp> {
    harness_stepped(app, width, height, 0.25)
}

/// [`harness_sized`] with frames `step` seconds apart (egui takes two clicks as a double
/// click only when they come within 0.3 s).
#[allow(dead_code)]
pub fn harness_stepped(
    app: StackplanApp,
    width: f32,
    height: f32,
    step: f32,
) -> Harness<'static, StackplanApp> {
    let builder = Harness::builder()
        .with_size(egui::vec2(width, height))
        .with_step_dt(step);
    build(builder, app)
}

/// A harness made by `builder` around the editor `app`, with fonts from the repository,
/// after its first frames.
#[allow(dead_code)]
pub fn build(
    builder: HarnessBuilder<StackplanApp>,
    app: StackplanApp,
) -> Harness<'static, StackplanApp> {
    let mut harness = builder
        .with_context_setup(|ctx| {
            stackplan::ui::add_fonts_from(
                ctx,
                &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts"),
            );
        })
        .build_ui_state(|ui, app: &mut StackplanApp| app.show(ui), app);
    harness.run();
    harness
}

/// A small plan made for the UI tests (`tests/ui_plan.ron`), so they do not depend on the
/// bundled example.
#[allow(dead_code)]
pub fn example_plan() -> Roadmap {
    stackplan::io::load_str(include_str!("../ui_plan.ron")).unwrap()
}

/// The editor on [`example_plan`], keeping its settings and autosaves in `data`.
#[allow(dead_code)]
pub fn example_app(data: &Path) -> StackplanApp {
    StackplanApp::with_plan(example_plan(), DataFolder::at(data))
}

/// Selects the item `id` of `kind`, as a click on it would.
#[allow(dead_code)]
pub fn select(h: &mut Harness<'static, StackplanApp>, kind: ItemKind, id: &str) {
    h.state_mut().select(Some(Selection::new(kind, id)));
    h.run();
}

/// Clicks into the field labelled `label` and types `text` after what it holds.
#[allow(dead_code)]
pub fn type_into(h: &mut Harness<'static, StackplanApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Clicks into the field labelled `label`, selects all its text and types `text` over it.
#[allow(dead_code)]
pub fn type_over(h: &mut Harness<'static, StackplanApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Presses at `from`, moves by `by` in `steps` equal steps and releases there.
#[allow(dead_code)]
pub fn drag(h: &mut Harness<'static, StackplanApp>, from: egui::Pos2, by: egui::Vec2, steps: u8) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for k in 1..=steps {
        h.hover_at(from + by * (f32::from(k) / f32::from(steps)));
        h.run();
    }
    h.drop_at(from + by);
    h.run();
}

/// Gives the editor `command`, as its menu item or shortcut would.
#[allow(dead_code)]
pub fn command(h: &mut Harness<'static, StackplanApp>, command: stackplan::ui::Command) {
    h.state_mut().run(command);
    h.run();
}

/// Clicks the widget labelled `label`.
#[allow(dead_code)]
pub fn click(h: &mut Harness<'static, StackplanApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// Presses `key`.
#[allow(dead_code)]
pub fn press(h: &mut Harness<'static, StackplanApp>, key: egui::Key) {
    h.key_press(key);
    h.run();
}

/// Presses `key` with `modifiers` held.
#[allow(dead_code)]
pub fn press_with(
    h: &mut Harness<'static, StackplanApp>,
    modifiers: egui::Modifiers,
    key: egui::Key,
) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

/// Every `.rs` file below `root`, by its path relative to `root`, with its text; sorted.
#[allow(dead_code)]
pub fn rust_files(root: &Path) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut dirs = vec![root.to_owned()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                found.push((path.strip_prefix(root).unwrap().to_owned(), text));
            }
        }
    }
    found.sort();
    found
}

/// The text of `pdf` laid out as on its pages (pdftotext -layout; pages end in a form feed).
#[allow(dead_code)]
pub fn pdf_layout_text(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (Debian package poppler-utils) must be installed");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}

/// Runs `program` with `args` in `dir`, away from any repository the tests themselves run in.
#[allow(dead_code)]
pub fn run_in(dir: &Path, program: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(program)
        .args(args)
        .current_dir(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .expect("the program runs")
}
