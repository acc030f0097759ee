//! The session: the document and its file, recent files, autosave, the export job, the
//! comparison and the analysis cache; and what the app does with files (open, save, export,
//! recover, close).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::Analysis;
use crate::analysis::compare::Comparison;
use crate::export::ExportOptions;
use crate::io;
use crate::model::{Horizon, Month, Roadmap};

use super::super::compare::CompareState;
use super::super::dialogs::Dialog;
use super::super::disk::DiskWatch;
use super::super::export::{ExportJob, ExportOutcome};
use super::super::export_form::ExportForm;
use super::super::file_dialog::{InAppAnswer, InAppFileDialog};
use super::super::files::{
    self, DataFolder, FileChooser, FilePurpose, FileRequest, NativeAnswer, Pending, Recovery,
};
use super::super::history::Document;
use super::super::view::ViewState;
use super::{AnalysisCache, StackplanApp};

/// Seconds between autosaves of unsaved changes to the recovery file.
const AUTOSAVE_SECONDS: f64 = 5.0;

/// The open plan and everything that lives as long as it does.
pub struct Session {
    /// The plan, its file and its history.
    pub(super) doc: Document,
    pub(super) data: DataFolder,
    pub(super) recent: Vec<PathBuf>,
    /// Whether the document is the bundled example (not yet saved anywhere).
    pub(super) example: bool,
    pub(super) analysis: AnalysisCache,
    /// The plan compared with, when comparing (see `ui/compare.rs`).
    pub(super) compare: Option<CompareState>,
    /// The open file as last seen on disk (see `ui/disk.rs`).
    pub(super) disk: Option<DiskWatch>,
    pub(super) export: Option<ExportJob>,
    /// The options of the last export, offered again.
    pub(super) export_options: ExportOptions,
    last_autosave: f64,
    autosaved_revision: Option<u64>,
    /// The autosave being written on a worker thread, if any.
    autosaving: Option<std::thread::JoinHandle<std::io::Result<()>>>,
}

impl Session {
    /// A session on `doc`, keeping its files in `data`.
    pub fn new(doc: Document, data: DataFolder) -> Session {
        Session {
            recent: data.recent_files(),
            doc,
            data,
            example: false,
            analysis: AnalysisCache::default(),
            compare: None,
            disk: None,
            export: None,
            export_options: ExportOptions::default(),
            last_autosave: 0.0,
            autosaved_revision: None,
            autosaving: None,
        }
    }

    /// The analysis to show in this frame: of a moment ago while a worker catches up with an
    /// edit of a large plan (see [`AnalysisCache::analysis_for`]).
    pub fn analysis(&mut self) -> Arc<Analysis> {
        self.analysis.analysis_for(&self.doc)
    }

    /// The analysis of the plan exactly as it is now, for what must match it: exports and
    /// the presentation (waits for a worker, or works it out here).
    pub fn analysis_now(&mut self) -> Arc<Analysis> {
        self.analysis.current(&self.doc)
    }

    /// The comparison with the other plan, when comparing (see `app/compare.rs`).
    pub fn comparison(&mut self) -> Option<Arc<Comparison>> {
        let analysis = self.analysis();
        self.compare.as_mut()?.comparison_with(&self.doc, &analysis)
    }

    /// What the open plan is called: its file name, the bundled example's title, or
    /// "Untitled" for a new plan.
    pub fn name(&self) -> String {
        if self.doc.path().is_none() && self.example {
            let title = self.doc.plan().title.trim();
            return if title.is_empty() {
                "Bundled example".to_owned()
            } else {
                format!("{title} (bundled example)")
            };
        }
        files::display_name(self.doc.path())
    }
}

impl StackplanApp {
    /// Asks about unsaved changes first when needed, then does `action`.
    pub(super) fn request(&mut self, action: Pending) {
        if self.session.doc.is_modified() {
            self.ui.dialog = Some(Dialog::Unsaved(action));
        } else {
            self.perform(action);
        }
    }

    /// Does `action` without asking (the user has answered or nothing is unsaved).
    pub(super) fn perform(&mut self, action: Pending) {
        match action {
            Pending::New => {
                let start = Month::new(2026, 1).unwrap_or(self.plan().horizon.start);
                let horizon = Horizon {
                    start,
                    end: start.plus(10 * 12 - 1),
                };
                self.replace(Document::new(Roadmap::blank("New roadmap", horizon), None));
            }
            Pending::Open(Some(path)) => self.load(&path),
            Pending::Open(None) => self.choose_file(FileRequest::open(self.session.doc.path())),
            Pending::Import(path, options) => self.import_now(&path, &options),
            Pending::Quit => {
                self.session.data.clear_recovery();
                self.ui.close_allowed = true;
                self.ui.close_window = true;
            }
        }
    }

    /// Loads `path`, replacing the document; on failure shows the error and changes nothing.
    pub(super) fn load(&mut self, path: &Path) {
        match io::load_path(path) {
            Ok(plan) => {
                self.replace(Document::new(plan, Some(path.to_owned())));
                self.remember(path);
            }
            Err(e) => {
                let note = format!("“{}” is still open, unchanged.", self.document_name());
                self.ui.dialog = Some(Dialog::Error {
                    title: "Cannot open the file".to_owned(),
                    message: e.to_string(),
                    position: e.position(),
                    note,
                });
            }
        }
    }

    /// Makes `doc` the document: a new session view, the panels kept.
    pub(super) fn replace(&mut self, doc: Document) {
        self.session.doc = doc;
        self.session.example = false;
        self.session.compare = None;
        self.session.data.clear_recovery();
        self.session.autosaved_revision = None;
        let panels = self.view.panels;
        self.view = ViewState {
            panels,
            ..ViewState::default()
        };
    }

    pub(super) fn remember(&mut self, path: &Path) {
        match self.session.data.remember(path) {
            Ok(list) => self.session.recent = list,
            Err(e) => self.ui.status = format!("Could not update recent files: {e}"),
        }
    }

    /// Puts recovered work back as the document, marked modified.
    pub(super) fn restore(&mut self, found: Recovery) {
        let base = found
            .path
            .as_deref()
            .and_then(|p| crate::io::load_path(p).ok());
        let base = base.unwrap_or_else(|| self.plan().clone());
        let mut doc = Document::new(base, found.path);
        doc.edit("Restore unsaved changes", |plan| *plan = found.plan);
        self.session.doc = doc;
        self.session.example = false;
        self.view.fit_pending = true;
    }

    /// Saves to the document's file (asking for one if it has none), then does `then` once
    /// saved.
    pub(super) fn save_then(&mut self, then: Option<Pending>) {
        match self.session.doc.path().cloned() {
            Some(path) => self.file_chosen(FilePurpose::Save(then), &path),
            None => self.choose_file(FileRequest::save(None, then)),
        }
    }

    /// Asks for a file and saves there.
    pub(super) fn save_as(&mut self) {
        self.choose_file(FileRequest::save(self.session.doc.path(), None));
    }

    /// Asks the user for a file (the desktop's dialog, or the in-app one where the desktop has
    /// none) and then does what it was asked for.
    pub(super) fn choose_file(&mut self, request: FileRequest) {
        if self.ui.chooser == FileChooser::Native {
            match request.ask_native() {
                NativeAnswer::Chosen(path) => return self.file_chosen(request.purpose, &path),
                NativeAnswer::Cancelled => return,
                NativeAnswer::Unavailable => {
                    self.ui.chooser = FileChooser::InApp;
                    self.ui.status =
                        "The desktop showed no file dialog; Stackplan's own is used instead."
                            .to_owned();
                }
            }
        }
        self.ui.file_dialog = Some(InAppFileDialog::new(request));
    }

    /// Does what a file was chosen for.
    pub(super) fn file_chosen(&mut self, purpose: FilePurpose, path: &Path) {
        match purpose {
            FilePurpose::Open => self.load(path),
            FilePurpose::Save(then) => {
                if self.save_to(path)
                    && let Some(then) = then
                {
                    self.perform(then);
                }
            }
            FilePurpose::Export => self.export_to(path),
            FilePurpose::Handout => self.export_handout_to(path),
            FilePurpose::Compare => self.compare_with_file(path),
            FilePurpose::Import => self.import_path(path),
        }
    }

    /// Shows the in-app file dialog while it is open; a chosen file that exists and is to be
    /// written is first confirmed (the native dialogs ask this themselves).
    pub(super) fn file_dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.ui.file_dialog.as_mut() else {
            return;
        };
        match dialog.show(ctx) {
            InAppAnswer::Open => {}
            InAppAnswer::Cancelled => self.ui.file_dialog = None,
            InAppAnswer::Chosen(path) => {
                let request = dialog.request().clone();
                self.ui.file_dialog = None;
                if request.writes() && path.exists() {
                    self.ui.dialog = Some(Dialog::Replace {
                        path,
                        purpose: request.purpose,
                    });
                } else {
                    self.file_chosen(request.purpose, &path);
                }
            }
        }
    }

    /// Asks for the export options (page, orientation, months, scale), then for a file.
    pub(super) fn export(&mut self) {
        let form = ExportForm::new(&self.session.export_options, self.plan());
        self.ui.dialog = Some(Dialog::Export(form));
    }

    /// Remembers `options` for this and later exports, asks where to export, and starts.
    pub fn export_with(&mut self, options: ExportOptions) {
        self.session.export_options = options;
        self.choose_file(FileRequest::export(self.session.doc.path()));
    }

    /// Starts exporting the plan to `path` on a background thread (PDF, SVG or PNG by its
    /// extension, or the four CSV tables beside a `.csv` path); the outcome shows when it
    /// ends, errors and warnings in a dialog.
    pub fn export_to(&mut self, path: &Path) {
        let options = self.session.export_options.clone();
        let analysis = self.session.analysis_now();
        let job = ExportJob::start(self.plan().clone(), analysis, path.to_owned(), options);
        self.start_export(job);
    }

    /// Asks where to write the handout, then writes it there.
    pub(super) fn export_handout(&mut self) {
        self.choose_file(FileRequest::handout(self.session.doc.path()));
    }

    /// Starts writing the handout PDF (one page per stop, and the comparison stop while
    /// comparing) to `path` on the background job, with the page size and orientation last
    /// chosen for exports (each page shows its stop's months).
    pub fn export_handout_to(&mut self, path: &Path) {
        let chosen = &self.session.export_options;
        let options = ExportOptions {
            page: chosen.page,
            landscape: chosen.landscape,
            ..ExportOptions::default()
        };
        let other = self.other_path();
        let analysis = self.session.analysis_now();
        let plan = self.plan().clone();
        let job = ExportJob::handout(plan, analysis, other, path.to_owned(), options);
        self.start_export(job);
    }

    fn start_export(&mut self, job: ExportJob) {
        if self.session.export.is_some() {
            self.ui.status = "An export is already running".to_owned();
            return;
        }
        self.session.export = Some(job);
    }

    /// Takes the outcome of a finished export and tells the user (once no dialog is open).
    pub(super) fn finish_export(&mut self) {
        if self.ui.dialog.is_some() {
            return;
        }
        let Some(job) = self.session.export.as_ref() else {
            return;
        };
        let Some(outcome) = job.poll() else {
            return;
        };
        let what = job.what();
        self.session.export = None;
        match outcome {
            ExportOutcome::Done { written, warnings } => {
                let files = written
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                self.ui.status = format!("Exported {what}{files}");
                if !warnings.is_empty() {
                    self.ui.dialog = Some(Dialog::Notice {
                        title: "Exported with warnings".to_owned(),
                        lines: std::iter::once(format!("Wrote {files}."))
                            .chain(warnings)
                            .collect(),
                    });
                }
            }
            ExportOutcome::Failed(message) => {
                let title = if what.is_empty() {
                    "Cannot export".to_owned()
                } else {
                    format!("Cannot export the {}", what.trim_end())
                };
                self.show_error(&title, &message, None);
            }
        }
    }

    /// Saves atomically to `path`; true when saved, otherwise shows why not.
    pub fn save_to(&mut self, path: &Path) -> bool {
        if self.changed_since_seen(path) {
            self.ui.status =
                "Not saved: the file changed on disk; merge or ignore first".to_owned();
            return false;
        }
        match io::save_path(self.plan(), path) {
            Ok(()) => {
                self.session.doc.mark_saved(path.to_owned());
                self.ui.naming = None;
                self.session.example = false;
                self.session.data.clear_recovery();
                self.remember(path);
                self.ui.status = format!("Saved {}", path.display());
                true
            }
            Err(e) => {
                self.ui.dialog = Some(Dialog::Error {
                    title: "Cannot save".to_owned(),
                    message: e.to_string(),
                    position: None,
                    note: "Nothing was saved; your changes are still here.".to_owned(),
                });
                false
            }
        }
    }

    /// Writes unsaved changes to the recovery file now (normally done every few seconds).
    pub fn autosave_now(&mut self) {
        let session = &mut self.session;
        if !session.doc.is_modified() {
            session.data.clear_recovery();
            session.autosaved_revision = Some(session.doc.revision());
            return;
        }
        match session
            .data
            .autosave(session.doc.plan(), session.doc.path().map(PathBuf::as_path))
        {
            Ok(()) => session.autosaved_revision = Some(session.doc.revision()),
            Err(e) => self.ui.status = format!("Autosave failed: {e}"),
        }
    }

    /// Autosaves unsaved changes every few seconds, on a worker thread (writing a large plan
    /// takes longer than a frame).
    pub(super) fn autosave_if_due(&mut self, ctx: &egui::Context) {
        if !self.autosave_finished() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
            return;
        }
        let now = ctx.input(|i| i.time);
        let doc = &self.session.doc;
        if self.session.autosaved_revision == Some(doc.revision()) || doc.in_gesture() {
            return;
        }
        if now - self.session.last_autosave >= AUTOSAVE_SECONDS {
            self.session.last_autosave = now;
            self.autosave_in_background();
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(AUTOSAVE_SECONDS));
        }
    }

    fn autosave_in_background(&mut self) {
        let session = &mut self.session;
        if !session.doc.is_modified() {
            return self.autosave_now();
        }
        let started = session
            .data
            .autosave_in_background(session.doc.shared_plan(), session.doc.path().cloned());
        match started {
            Ok(handle) => {
                session.autosaving = Some(handle);
                session.autosaved_revision = Some(session.doc.revision());
            }
            Err(_) => self.autosave_now(),
        }
    }

    /// Whether no autosave is being written; reports one that failed.
    fn autosave_finished(&mut self) -> bool {
        match self.session.autosaving.take() {
            Some(handle) if !handle.is_finished() => {
                self.session.autosaving = Some(handle);
                false
            }
            Some(handle) => {
                let failed = match handle.join() {
                    Ok(Ok(())) => None,
                    Ok(Err(e)) => Some(e.to_string()),
                    Err(_) => Some("the autosave stopped unexpectedly".to_owned()),
                };
                if let Some(e) = failed {
                    self.session.autosaved_revision = None;
                    self.ui.status = format!("Autosave failed: {e}");
                }
                true
            }
            None => true,
        }
    }

    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if self.ui.close_window {
            self.ui.close_window = false;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        if !ctx.input(|i| i.viewport().close_requested()) || self.ui.close_allowed {
            return;
        }
        if self.session.doc.is_modified() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.request(Pending::Quit);
        } else {
            self.session.data.clear_recovery();
        }
    }

    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.open_dropped(path);
        }
        super::super::import::dropped_file_hint(ctx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::PageSize;

    #[test]
    fn the_handout_uses_the_page_last_chosen_for_exports() {
        let data = tempfile::tempdir().unwrap();
        let plan = crate::io::example_plan().unwrap();
        let mut app = StackplanApp::with_plan(plan, DataFolder::at(data.path()));
        app.export_options_mut().page = PageSize::A3;
        app.export_options_mut().landscape = false;
        let path = data.path().join("handout.pdf");
        app.export_handout_to(&path);
        let job = app
            .export_job()
            .expect("the handout is written in the background");
        let outcome = job.wait(std::time::Duration::from_secs(60));
        assert!(
            matches!(outcome, Some(ExportOutcome::Done { .. })),
            "{outcome:?}"
        );
        let doc = lopdf::Document::load(&path).unwrap();
        let first = *doc.get_pages().values().next().unwrap();
        let media = doc.get_dictionary(first).unwrap().get(b"MediaBox").unwrap();
        let size: Vec<f32> = media.as_array().unwrap()[2..4]
            .iter()
            .map(|n| n.as_float().unwrap())
            .collect();
        assert!(
            (size[0] - 841.89).abs() < 1.0 && (size[1] - 1190.55).abs() < 1.0,
            "A3 portrait is 841.89 × 1190.55 pt, got {size:?}"
        );
    }
}
