//! The eframe/egui editor: canvas, panels, inspector, commands and undo.

mod a11y;
pub mod action;
mod app;
mod bidi;
mod canvas;
mod checks;
mod commands;
mod compare;
mod conflicts;
mod critical;
mod dialogs;
mod disk;
pub mod edits;
mod evidence;
mod export;
mod export_form;
mod exposure;
mod fields;
mod file_dialog;
mod files;
mod find;
mod fonts;
mod group;
mod history;
mod import;
mod inspector;
mod link_picker;
mod menu;
mod paint;
pub mod present;
mod register;
mod sovereignty;
mod stops;
mod view;

use std::path::PathBuf;

pub use app::StackplanApp;
pub use commands::Command;
pub use compare::CompareState;
pub use dialogs::Dialog;
pub use disk::Offer;
pub use edits::Clip;
pub use export::{ExportJob, ExportOutcome};
pub use export_form::{ExportForm, FormAnswer};
pub use files::Pending;
pub use files::{DataFolder, Recovery};
pub use fonts::add_fonts_from;
pub use history::Document;
pub use import::{ImportAnswer, ImportForm};
pub use paint::HEADER_WIDTH;
pub use sovereignty::show_sovereignty;
pub use view::{Panels, Selection, ViewState};

/// Opens the editor window on `file`, or on the bundled example plan when none is given,
/// comparing it with the plan in `compare` when given.
pub fn run(file: Option<PathBuf>, compare: Option<PathBuf>) -> anyhow::Result<()> {
    let data = DataFolder::user();
    let (app, error) = match file {
        Some(path) => match StackplanApp::with_file(&path, data.clone()) {
            Ok(app) => (app, None),
            Err(e) => (example_app(data)?, Some(e)),
        },
        None => (example_app(data)?, None),
    };
    let mut app = app;
    if let Some(e) = error {
        app.show_start_error(&e);
    }
    if let Some(path) = compare {
        app.compare_with_file(&path);
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(app.title())
            .with_app_id("stackplan")
            .with_inner_size([1400.0, 860.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        persist_window: false,
        ..Default::default()
    };
    eframe::run_native("stackplan", options, Box::new(|_cc| Ok(Box::new(app))))
        .map_err(|e| anyhow::anyhow!("cannot open the editor window: {e}"))
}

fn example_app(data: DataFolder) -> anyhow::Result<StackplanApp> {
    let plan = crate::io::example_plan()
        .map_err(|e| anyhow::anyhow!("the bundled example plan is broken: {e}"))?;
    Ok(StackplanApp::with_example(plan, data))
}
