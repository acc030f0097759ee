//! Modal questions and messages: unsaved changes, errors, recovery, removing a used layer.

use std::path::PathBuf;

use egui::{Id, Modal, RichText};

use super::app::StackplanApp;
use super::edits;
use super::export_form::{self, ExportForm, FormAnswer};
use super::files::{self, Recovery};
use super::history::Document;
use crate::model::ItemKind;

/// Something that would discard the current document, waiting for the user's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// Start a new plan.
    New,
    /// Open a file (asking which when `None`).
    Open(Option<PathBuf>),
    /// Import a file as a new plan, with these choices.
    Import(PathBuf, crate::import::ImportOptions),
    /// Close the window.
    Quit,
}

/// A modal dialog on top of the editor.
#[derive(Debug, Clone)]
pub enum Dialog {
    /// "Save changes before …?" with Save / Don't save / Cancel.
    Unsaved(Pending),
    /// Something failed; the document is unchanged.
    Error {
        /// What failed, e.g. "Cannot open the file".
        title: String,
        /// The full message.
        message: String,
        /// Line and column in the file, when known.
        position: Option<(usize, usize)>,
    },
    /// Something worked, with things the user should know (e.g. export warnings).
    Notice {
        /// What happened, e.g. "Exported with warnings".
        title: String,
        /// One paragraph each.
        lines: Vec<String>,
    },
    /// Unsaved work from a previous run was found.
    Recovery(Box<Recovery>),
    /// File → Export…: the options, before a file is chosen.
    Export(ExportForm),
    /// File → Import… of a spreadsheet: which column holds what.
    Import(super::import::ImportForm),
    /// A layer that items use is about to be removed.
    RemoveLayer {
        /// The layer's id.
        id: String,
        /// How many items sit in it.
        used: usize,
    },
}

impl Dialog {
    /// The dialog's heading.
    pub fn heading(&self) -> String {
        match self {
            Dialog::Unsaved(_) => "Unsaved changes".to_owned(),
            Dialog::Error { title, .. } | Dialog::Notice { title, .. } => title.clone(),
            Dialog::Recovery(_) => "Recover unsaved changes?".to_owned(),
            Dialog::RemoveLayer { .. } => "Remove layer?".to_owned(),
            Dialog::Export(_) => "Export".to_owned(),
            Dialog::Import(_) => "Import a spreadsheet".to_owned(),
        }
    }
}

/// What to do once the user has answered a dialog.
type Answer = Box<dyn FnOnce(&mut StackplanApp)>;

/// Shows `dialog`; returns it while it stays open, `None` once answered.
pub fn dialog_ui(app: &mut StackplanApp, dialog: Dialog, ctx: &egui::Context) -> Option<Dialog> {
    let mut dialog = dialog;
    let mut answer: Option<Answer> = None;
    let modal = Modal::new(Id::unique("stackplan-dialog")).show(ctx, |ui| {
        ui.set_max_width(440.0);
        ui.heading(dialog.heading());
        ui.add_space(6.0);
        match &mut dialog {
            Dialog::Export(form) => match export_form::form_ui(ui, form, app.plan()) {
                Some(FormAnswer::Export(options)) => {
                    answer = Some(Box::new(move |app: &mut StackplanApp| {
                        app.export_with(options);
                    }));
                }
                Some(FormAnswer::Cancel) => answer = Some(Box::new(|_| {})),
                None => {}
            },
            Dialog::Import(form) => match super::import::form_ui(ui, form) {
                Some(super::import::ImportAnswer::Import(options)) => {
                    let path = form.path.clone();
                    answer = Some(Box::new(move |app: &mut StackplanApp| {
                        app.remember_columns(&options.mapping);
                        app.request(Pending::Import(path, options));
                    }));
                }
                Some(super::import::ImportAnswer::Cancel) => answer = Some(Box::new(|_| {})),
                None => {}
            },
            Dialog::Unsaved(pending) => {
                let name = files::display_name(app.document().path());
                ui.label(format!("Save the changes to “{name}” before {}?", verb(pending)));
                ui.label("Your changes are lost if you don't save them.");
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    let pending = pending.clone();
                    if ui.button("Save").clicked() {
                        let p = pending.clone();
                        answer = Some(Box::new(move |app: &mut StackplanApp| {
                            if app.save() {
                                app.perform(p);
                            }
                        }));
                    }
                    if ui.button("Don't save").clicked() {
                        answer = Some(Box::new(move |app: &mut StackplanApp| app.perform(pending)));
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(Box::new(|_| {}));
                    }
                });
            }
            Dialog::Error { message, position, .. } => {
                if let Some((line, column)) = position {
                    ui.label(RichText::new(format!("At line {line}, column {column}")).strong());
                }
                ui.label(message.as_str());
                ui.label("The open plan was not changed.");
                ui.add_space(8.0);
                if ui.button("OK").clicked() {
                    answer = Some(Box::new(|_| {}));
                }
            }
            Dialog::Notice { lines, .. } => {
                egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                    for line in lines {
                        ui.label(line.as_str());
                    }
                });
                ui.add_space(8.0);
                if ui.button("OK").clicked() {
                    answer = Some(Box::new(|_| {}));
                }
            }
            Dialog::Recovery(found) => {
                let name = files::display_name(found.path.as_ref());
                ui.label(format!(
                    "Stackplan did not close cleanly last time. Unsaved changes to “{name}” ({} items) were kept.",
                    found.plan.item_count()
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        let found = Recovery::clone(found);
                        answer = Some(Box::new(move |app: &mut StackplanApp| app.restore(found)));
                    }
                    if ui.button("Discard").clicked() {
                        answer = Some(Box::new(|app: &mut StackplanApp| app.data.clear_recovery()));
                    }
                });
            }
            Dialog::RemoveLayer { id, used } => {
                let name = app.plan().layer(id).map_or(id.as_str(), |l| l.name.as_str()).to_owned();
                ui.label(format!("{used} items sit in the layer “{name}”. Removing it removes them too."));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Remove layer and items").clicked() {
                        let id = id.clone();
                        answer = Some(Box::new(move |app: &mut StackplanApp| {
                            app.doc.edit("Remove layer", |plan| edits::delete_item(plan, ItemKind::Layer, &id));
                            app.drop_missing_selection();
                        }));
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(Box::new(|_| {}));
                    }
                });
            }
        }
    });
    let escape = modal.should_close() && !matches!(dialog, Dialog::Recovery(_));
    match answer {
        Some(act) => {
            act(app);
            app.dialog.take()
        }
        None if escape => None,
        None => Some(dialog),
    }
}

fn verb(pending: &Pending) -> &'static str {
    match pending {
        Pending::New => "starting a new plan",
        Pending::Open(_) => "opening another file",
        Pending::Import(..) => "importing a file",
        Pending::Quit => "closing",
    }
}

impl StackplanApp {
    /// Puts recovered work back as the document, marked modified.
    fn restore(&mut self, found: Recovery) {
        let base = found
            .path
            .as_deref()
            .and_then(|p| crate::io::load_path(p).ok());
        let base = base.unwrap_or_else(|| self.doc.plan().clone());
        let mut doc = Document::new(base, found.path);
        doc.edit("Restore unsaved changes", |plan| *plan = found.plan);
        self.doc = doc;
        self.view.fit_pending = true;
    }
}
