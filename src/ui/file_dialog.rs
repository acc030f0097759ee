//! The in-app file dialog (egui_file), shown where the desktop has no file dialog of its own.

use std::path::PathBuf;

use egui::{Color32, Id, Order, Sense};
use egui_file::{FileDialog, State};

use super::files::FileRequest;

/// A file dialog drawn inside the editor window, over a backdrop that blocks the editor.
pub struct InAppFileDialog {
    request: FileRequest,
    dialog: FileDialog,
}

/// What the in-app dialog answered this frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InAppAnswer {
    /// Still open.
    Open,
    /// The user closed it without choosing.
    Cancelled,
    /// The user chose this file (extension already completed).
    Chosen(PathBuf),
}

impl InAppFileDialog {
    /// Opens a dialog for `request`, starting in its folder (or the home folder).
    pub fn new(request: FileRequest) -> InAppFileDialog {
        let filter = request.clone();
        let mut dialog = if request.writes() {
            FileDialog::save_file()
        } else {
            FileDialog::open_file()
        };
        dialog = dialog
            .id(Id::unique("stackplan-file-dialog"))
            .title(request.title)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .default_size(egui::vec2(560.0, 420.0))
            .keep_on_top(true)
            .show_rename(false)
            .show_files_filter(Box::new(move |p| filter.accepts(p)));
        if let Some(folder) = request.folder.clone().or_else(start_folder) {
            dialog = dialog.initial_path(folder);
        }
        if let Some(name) = &request.file_name {
            dialog = dialog.default_filename(name.clone());
        }
        dialog.open();
        InAppFileDialog { request, dialog }
    }

    /// The request this dialog answers.
    pub fn request(&self) -> &FileRequest {
        &self.request
    }

    /// Draws the dialog (and the backdrop under it) and returns its answer.
    pub fn show(&mut self, ctx: &egui::Context) -> InAppAnswer {
        backdrop_ui(ctx);
        self.dialog.show(ctx);
        match self.dialog.state() {
            State::Open => InAppAnswer::Open,
            State::Selected => match self.dialog.path() {
                Some(path) => InAppAnswer::Chosen(self.request.finish(path.to_path_buf())),
                None => InAppAnswer::Cancelled,
            },
            State::Cancelled | State::Closed => InAppAnswer::Cancelled,
        }
    }
}

/// A dimmed layer over the editor that takes its clicks while the dialog is open.
fn backdrop_ui(ctx: &egui::Context) {
    let screen = ctx.content_rect();
    egui::Area::new(Id::unique("stackplan-file-dialog-backdrop"))
        .order(Order::Middle)
        .fixed_pos(screen.min)
        .interactable(true)
        .show(ctx, |ui| {
            ui.allocate_rect(screen, Sense::click_and_drag());
            ui.painter()
                .rect_filled(screen, 0.0, Color32::from_black_alpha(70));
        });
}

/// The home folder, else the working folder.
fn start_folder() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_dir())
        .or_else(|| std::env::current_dir().ok())
}
