//! The eframe/egui editor: canvas, panels, inspector, commands and undo.

mod a11y;
mod analysis_cache;
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
pub use dialogs::{Dialog, Pending};
pub use disk::Offer;
pub use edits::Clip;
pub use export::{ExportJob, ExportOutcome};
pub use export_form::{ExportForm, FormAnswer};
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

/// Lays out the panels around the canvas. A screen reader reads them as a person reads the
/// window: menu, register, canvas, then the panels on the right and at the bottom (egui
/// lists them in the order they are laid out, the canvas last).
fn panels_ui(app: &mut StackplanApp, ui: &mut egui::Ui) {
    disk::disk_bar_ui(app, ui);
    let parent = ui.unique_id();
    let panels = app.view().panels;
    let ((), register) = a11y::children_added(ui, parent, |ui| {
        if panels.register {
            egui::Panel::left("register")
                .default_size(250.0)
                .resizable(true)
                .show(ui, |ui| {
                    register::register_ui(app, ui);
                });
            a11y::name_panel_splitter(ui, "register", "register");
        }
    });
    let ((), others) = a11y::children_added(ui, parent, |ui| side_panels_ui(app, ui, panels));
    let ((), canvas) = a11y::children_added(ui, parent, |ui| {
        find::find_bar_ui(app, ui);
        egui::CentralPanel::no_frame().show(ui, |ui| {
            canvas::canvas_ui(app, ui);
        });
    });
    a11y::order_children(ui.ctx(), parent, |node| {
        [&register, &canvas, &others]
            .iter()
            .position(|group| group.contains(&node))
    });
}

/// The panels on the right and at the bottom.
fn side_panels_ui(app: &mut StackplanApp, ui: &mut egui::Ui, panels: Panels) {
    if panels.inspector {
        egui::Panel::right("inspector")
            .default_size(300.0)
            .resizable(true)
            .show(ui, |ui| {
                within_width_ui(ui, |ui| inspector::inspector_ui(app, ui));
            });
        a11y::name_panel_splitter(ui, "inspector", "inspector");
    }
    if !app.plan().conflicts.is_empty() {
        egui::Panel::right("conflicts")
            .default_size(340.0)
            .resizable(true)
            .show(ui, |ui| {
                within_width_ui(ui, |ui| conflicts::conflicts_ui(app, ui))
            });
        a11y::name_panel_splitter(ui, "conflicts", "conflicts panel");
    }
    if panels.stops {
        egui::Panel::right("stops")
            .default_size(280.0)
            .resizable(true)
            .show(ui, |ui| stops::stops_ui(app, ui));
        a11y::name_panel_splitter(ui, "stops", "stops panel");
    }
    if app.comparing().is_some() {
        egui::Panel::right("compare")
            .default_size(320.0)
            .resizable(true)
            .show(ui, |ui| {
                within_width_ui(ui, |ui| compare::compare_ui(app, ui))
            });
        a11y::name_panel_splitter(ui, "compare", "comparison panel");
    }
    if panels.checks {
        egui::Panel::bottom("checks")
            .default_size(130.0)
            .resizable(true)
            .show(ui, |ui| {
                checks::checks_ui(app, ui);
            });
        a11y::name_panel_splitter(ui, "checks", "checks list");
    }
    if panels.exposure {
        egui::Panel::bottom("exposure")
            .resizable(false)
            .show(ui, |ui| {
                let id = sovereignty::tab_id();
                let mut sovereign = ui.data(|d| d.get_temp::<bool>(id)).unwrap_or(false);
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut sovereign, false, "Exposure");
                    ui.selectable_value(&mut sovereign, true, "Sovereignty");
                });
                ui.data_mut(|d| d.insert_temp(id, sovereign));
                if sovereign {
                    sovereignty::sovereignty_ui(app, ui);
                } else {
                    exposure::exposure_ui(app, ui);
                }
            });
    }
}

/// Draws `contents` in the width the panel has, so that nothing inside can widen it: the
/// panel keeps the width the user gave it, whatever is selected.
fn within_width_ui(ui: &mut egui::Ui, contents: impl FnOnce(&mut egui::Ui)) {
    let rect = ui.available_rect_before_wrap();
    let mut inside = ui.new_child(egui::UiBuilder::new().max_rect(rect).layout(*ui.layout()));
    inside.shrink_clip_rect(rect);
    contents(&mut inside);
    ui.advance_cursor_after_rect(rect);
}
