//! Importing plans from other tools: File → Import…, files dropped on the window, and the
//! column choices remembered for spreadsheets.

use std::path::{Path, PathBuf};

use crate::import::{self, ColumnMapping, Format, ImportOptions, Imported};

use super::super::dialogs::Dialog;
use super::super::files::{FileRequest, Pending};
use super::super::history::Document;
use super::super::import as import_form;
use super::StackplanApp;

impl StackplanApp {
    /// File → Import…: asks for a file, then imports it.
    pub fn import(&mut self) {
        self.choose_file(FileRequest::import(self.session.doc.path()));
    }

    /// Imports `path`: a spreadsheet first shows the column dialog; other files (and
    /// Stackplan's own CSV tables) import at once, asking about unsaved changes first.
    pub fn import_path(&mut self, path: &Path) {
        let table = Format::of(path).is_some_and(Format::is_table)
            && import::sheet::stackplan_tables(path).is_none();
        if !table {
            self.request(Pending::Import(path.to_owned(), ImportOptions::default()));
            return;
        }
        match import_form::ImportForm::new(path, self.remembered_columns()) {
            Ok(form) => self.ui.dialog = Some(Dialog::Import(form)),
            Err(message) => self.show_import_error(&message),
        }
    }

    /// Imports `path` with `options` as a new, unsaved plan and shows the report.
    pub(super) fn import_now(&mut self, path: &Path, options: &ImportOptions) {
        match import::import_path(path, options) {
            Ok(Imported { plan, report }) => {
                let mut doc = Document::new(
                    crate::model::Roadmap::blank(&plan.title, plan.horizon),
                    None,
                );
                doc.edit("Import", |p| *p = plan);
                self.session.doc = doc;
                self.view.selection = None;
                self.view.fit_pending = true;
                let name = path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                self.ui.dialog = Some(Dialog::Notice {
                    title: format!("Imported {name}"),
                    lines: import_form::report_lines(&report),
                });
            }
            Err(e) => self.show_import_error(&e.to_string()),
        }
    }

    fn show_import_error(&mut self, message: &str) {
        self.ui.dialog = Some(Dialog::Error {
            title: "Cannot import the file".to_owned(),
            message: message.to_owned(),
            position: None,
            note: "The open plan is unchanged.".to_owned(),
        });
    }

    /// The column choices of the last spreadsheet import.
    fn remembered_columns(&self) -> ColumnMapping {
        self.session
            .data
            .dir()
            .and_then(|d| std::fs::read_to_string(d.join(import_form::REMEMBERED)).ok())
            .and_then(|text| ron::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Keeps `mapping` for the next spreadsheet import.
    pub(super) fn remember_columns(&mut self, mapping: &ColumnMapping) {
        let Some(dir) = self.session.data.dir() else {
            return;
        };
        let written = ron::to_string(mapping)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                std::fs::create_dir_all(dir)
                    .and_then(|()| std::fs::write(dir.join(import_form::REMEMBERED), text))
                    .map_err(|e| e.to_string())
            });
        if let Err(e) = written {
            self.ui.status = format!("Could not remember the import columns: {e}");
        }
    }
}

impl StackplanApp {
    /// A file dropped on the window: a plan opens, any other file is imported the way
    /// File → Import… does (spreadsheets show the column dialog first).
    pub fn open_dropped(&mut self, path: PathBuf) {
        if import_form::is_importable(&path) {
            self.import_path(&path);
        } else {
            self.open_path(path);
        }
    }
}
