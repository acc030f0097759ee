//! Modal questions and messages: unsaved changes, errors, recovery, removing a used layer.

use std::path::PathBuf;

use egui::{Id, Modal, RichText};

use super::action::{Action, Actions, Edit};
use super::export_form::{self, ExportForm, FormAnswer};
pub use super::files::Pending;
use super::files::{self, FilePurpose, Recovery};
use super::view::Selection;
use crate::model::{ItemKind, Roadmap, plural};

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
        /// What this means for the open plan (e.g. that it is unchanged); may be empty.
        note: String,
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
    /// A file chosen in the in-app dialog exists and is about to be replaced.
    Replace {
        /// The chosen file.
        path: PathBuf,
        /// What it is written for.
        purpose: FilePurpose,
    },
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
            Dialog::Replace { .. } => "Replace the file?".to_owned(),
            Dialog::Export(_) => "Export".to_owned(),
            Dialog::Import(_) => "Import a spreadsheet".to_owned(),
        }
    }
}

/// Shows `dialog` over `plan` (called `name`); pushes what the answer asks for. True while
/// it stays open.
pub fn dialog_ui(
    plan: &Roadmap,
    name: &str,
    dialog: &mut Dialog,
    ctx: &egui::Context,
    out: &mut Actions,
) -> bool {
    let mut answer: Option<Vec<Action>> = None;
    let modal = Modal::new(Id::unique("stackplan-dialog")).show(ctx, |ui| {
        ui.set_max_width(440.0);
        ui.heading(dialog.heading());
        ui.add_space(6.0);
        match dialog {
            Dialog::Export(form) => match export_form::form_ui(ui, form, plan) {
                Some(FormAnswer::Export(options)) => {
                    answer = Some(vec![Action::ExportWith(options)]);
                }
                Some(FormAnswer::Cancel) => answer = Some(Vec::new()),
                None => {}
            },
            Dialog::Import(form) => match super::import::form_ui(ui, form) {
                Some(super::import::ImportAnswer::Import(options)) => {
                    let path = form.path.clone();
                    answer = Some(vec![
                        Action::RememberColumns(options.mapping.clone()),
                        Action::Import(path, options),
                    ]);
                }
                Some(super::import::ImportAnswer::Cancel) => answer = Some(Vec::new()),
                None => {}
            },
            Dialog::Unsaved(pending) => {
                ui.label(format!("Save the changes to “{name}” before {}?", verb(pending)));
                ui.label("Your changes are lost if you don't save them.");
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        answer = Some(vec![Action::Perform(pending.clone(), true)]);
                    }
                    if ui.button("Don't save").clicked() {
                        answer = Some(vec![Action::Perform(pending.clone(), false)]);
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(Vec::new());
                    }
                });
            }
            Dialog::Error {
                message,
                position,
                note,
                ..
            } => {
                if let Some((line, column)) = position {
                    ui.label(RichText::new(format!("At line {line}, column {column}")).strong());
                }
                ui.label(message.as_str());
                if !note.is_empty() {
                    ui.label(note.as_str());
                }
                ui.add_space(8.0);
                if ui.button("OK").clicked() {
                    answer = Some(Vec::new());
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
                    answer = Some(Vec::new());
                }
            }
            Dialog::Recovery(found) => {
                let name = files::display_name(found.path.as_ref());
                ui.label(format!(
                    "Stackplan did not close cleanly last time. Unsaved changes to “{name}” ({}) were kept.",
                    plural(found.plan.item_count(), "item", "items")
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        let found = Box::new(Recovery::clone(found));
                        answer = Some(vec![Action::Restore(found)]);
                    }
                    if ui.button("Discard").clicked() {
                        answer = Some(vec![Action::DiscardRecovery]);
                    }
                });
            }
            Dialog::Replace { path, purpose } => {
                let name = files::display_name(Some(path));
                ui.label(format!("“{name}” already exists. Replace it?"));
                ui.label(RichText::new(path.display().to_string()).weak());
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Replace").clicked() {
                        answer = Some(vec![Action::FileChosen(purpose.clone(), path.clone())]);
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(Vec::new());
                    }
                });
            }
            Dialog::RemoveLayer { id, used } => {
                let name = plan.layer(id).map_or(id.as_str(), |l| l.name.as_str()).to_owned();
                let items = plural(*used, "item sits", "items sit");
                ui.label(format!("{items} in the layer “{name}”. Removing it removes them too."));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Remove layer and items").clicked() {
                        let layer = vec![Selection::new(ItemKind::Layer, id)];
                        answer = Some(vec![Action::Edit(
                            super::action::Record::step("Remove layer"),
                            Edit::Delete(layer),
                        )]);
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(Vec::new());
                    }
                });
            }
        }
    });
    let escape = modal.should_close() && !matches!(dialog, Dialog::Recovery(_));
    match answer {
        Some(actions) => {
            for action in actions {
                out.push(action);
            }
            false
        }
        None => !escape,
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
