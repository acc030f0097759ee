//! The editor application: document, view, dialogs, and the frame that lays out the panels.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::Analysis;

use crate::export::ExportOptions;
use crate::io;
use crate::model::{Horizon, ItemKind, Month, Roadmap};

use super::commands::Command;
use super::dialogs::{self, Dialog, Pending};
use super::edits::{self, Clip};
use super::export_form::ExportForm;
use super::file_dialog::{InAppAnswer, InAppFileDialog};
use super::files::{self, DataFolder, FileChooser, FilePurpose, FileRequest, NativeAnswer};
use super::history::Document;
use super::view::{Selection, ViewState};

/// An analysis slower than this is not redone for every step of a drag.
const SLOW_ANALYSIS: std::time::Duration = std::time::Duration::from_millis(8);

/// Seconds between autosaves of unsaved changes to the recovery file.
const AUTOSAVE_SECONDS: f64 = 5.0;

/// The Stackplan editor: one open plan in one window.
pub struct StackplanApp {
    pub(super) doc: Document,
    pub(super) view: ViewState,
    pub(super) data: DataFolder,
    pub(super) recent: Vec<PathBuf>,
    pub(super) dialog: Option<Dialog>,
    /// How files are asked for; switches to in-app once the native dialog fails.
    chooser: FileChooser,
    /// The in-app file dialog, while one is open.
    file_dialog: Option<InAppFileDialog>,
    pub(super) clip: Option<Clip>,
    pub(super) focus_inspector: bool,
    /// A new item whose id still follows its title (see `inspector`).
    pub(super) naming: Option<String>,
    /// Whether the document is the bundled example (not yet saved anywhere).
    pub(super) example: bool,
    pub(super) status: String,
    /// The find bar, while it is open.
    pub(super) find: Option<super::find::Find>,
    pub(super) canvas: super::canvas::CanvasState,
    /// The last analysis: the revision it describes, and how long it took.
    analysis: Option<(u64, Arc<Analysis>, std::time::Duration)>,
    last_autosave: f64,
    autosaved_revision: Option<u64>,
    close_allowed: bool,
    close_window: bool,
    styled: bool,
    shown_title: String,
    presentation: Option<super::present::Presentation>,
    export: Option<super::export::ExportJob>,
    /// The options of the last export, offered again.
    export_options: ExportOptions,
    /// Whether a text field had the keyboard at the end of the last frame (egui drops the
    /// focus on Escape before the frame runs, and that Escape belongs to the field).
    was_typing: bool,
    /// The document revision the last frame showed (see [`StackplanApp::follow_document`]).
    shown_revision: Option<u64>,
    /// The plan compared with, when comparing (see `ui/compare.rs`).
    pub(super) compare: Option<super::compare::CompareState>,
    /// The open file as last seen on disk (see `ui/disk.rs`).
    pub(super) disk: Option<super::disk::DiskWatch>,
}

impl StackplanApp {
    /// An editor showing `plan` (not yet saved anywhere), keeping its own files in `data`.
    pub fn with_plan(plan: Roadmap, data: DataFolder) -> StackplanApp {
        StackplanApp::with_document(Document::new(plan, None), data)
    }

    /// An editor showing the plan in `path`; the error says what is wrong with the file.
    pub fn with_file(path: &Path, data: DataFolder) -> Result<StackplanApp, io::LoadError> {
        let plan = io::load_path(path)?;
        let mut app = StackplanApp::with_document(Document::new(plan, Some(path.to_owned())), data);
        app.remember(path);
        Ok(app)
    }

    /// An editor showing the bundled example `plan`, named as such until saved elsewhere.
    pub fn with_example(plan: Roadmap, data: DataFolder) -> StackplanApp {
        let mut app = StackplanApp::with_plan(plan, data);
        app.example = true;
        app
    }

    fn with_document(doc: Document, data: DataFolder) -> StackplanApp {
        let recent = data.recent_files();
        let dialog = data.recovery().map(|r| Dialog::Recovery(Box::new(r)));
        StackplanApp {
            doc,
            view: ViewState::default(),
            data,
            recent,
            dialog,
            chooser: FileChooser::from_env(),
            file_dialog: None,
            clip: None,
            focus_inspector: false,
            naming: None,
            example: false,
            status: String::new(),
            find: None,
            canvas: super::canvas::CanvasState::default(),
            analysis: None,
            last_autosave: 0.0,
            autosaved_revision: None,
            close_allowed: false,
            close_window: false,
            styled: false,
            shown_title: String::new(),
            presentation: None,
            export: None,
            export_options: ExportOptions::default(),
            was_typing: false,
            shown_revision: None,
            compare: None,
            disk: None,
        }
    }

    /// The plan being edited.
    pub fn plan(&self) -> &Roadmap {
        self.doc.plan()
    }

    /// The document: plan, file and history.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The view state (time window, zoom, selection, panels).
    pub fn view(&self) -> &ViewState {
        &self.view
    }

    /// The view state, to change (presentation mode saves and restores it).
    pub fn view_mut(&mut self) -> &mut ViewState {
        &mut self.view
    }

    /// The analysis of the current plan (recomputed when the plan changes).
    ///
    /// While a drag is under way on a plan whose analysis takes longer than a frame, the
    /// analysis from before the drag is kept until it ends, so that dragging stays smooth.
    pub fn analysis(&mut self) -> Arc<Analysis> {
        let revision = self.doc.revision();
        if let Some((r, a, cost)) = &self.analysis
            && (*r == revision || (self.doc.in_gesture() && *cost > SLOW_ANALYSIS))
        {
            return a.clone();
        }
        let started = std::time::Instant::now();
        let a = Arc::new(Analysis::of(self.doc.plan()));
        self.analysis = Some((revision, a.clone(), started.elapsed()));
        a
    }

    /// The dialog being shown, if any.
    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    /// Asks for files with Stackplan's own dialog from now on, never the desktop's (what
    /// `STACKPLAN_FILE_DIALOG=in-app` does at start-up; the UI tests use it).
    pub fn use_in_app_file_dialogs(&mut self) {
        self.chooser = FileChooser::InApp;
    }

    /// Whether the in-app file dialog is open.
    pub fn file_dialog_open(&self) -> bool {
        self.file_dialog.is_some()
    }

    /// The window title: file name, a modified mark, and the program.
    pub fn title(&self) -> String {
        let mark = if self.doc.is_modified() { "• " } else { "" };
        format!("{mark}{} — Stackplan", self.document_name())
    }

    /// What the open plan is called: its file name, the bundled example's title, or
    /// "Untitled" for a new plan.
    pub fn document_name(&self) -> String {
        if self.doc.path().is_none() && self.example {
            let title = self.plan().title.trim();
            return if title.is_empty() {
                "Bundled example".to_owned()
            } else {
                format!("{title} (bundled example)")
            };
        }
        files::display_name(self.doc.path())
    }

    /// Selects an item alone (or nothing).
    pub fn select(&mut self, selection: Option<Selection>) {
        self.view.select_only(selection);
    }

    /// Opens `path`, asking first about unsaved changes.
    pub fn open_path(&mut self, path: PathBuf) {
        self.request(Pending::Open(Some(path)));
    }

    /// Writes unsaved changes to the recovery file now (normally done every few seconds).
    pub fn autosave_now(&mut self) {
        if !self.doc.is_modified() {
            self.data.clear_recovery();
            self.autosaved_revision = Some(self.doc.revision());
            return;
        }
        match self
            .data
            .autosave(self.doc.plan(), self.doc.path().map(PathBuf::as_path))
        {
            Ok(()) => self.autosaved_revision = Some(self.doc.revision()),
            Err(e) => self.status = format!("Autosave failed: {e}"),
        }
    }

    /// Draws the whole editor into `ui` and handles its input; the eframe app and the UI
    /// tests both call this once per frame.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        if !self.styled {
            self.styled = true;
            ui.ctx().set_theme(egui::Theme::Light);
        }
        self.follow_document(ui.ctx());
        self.handle_close_request(ui.ctx());
        self.handle_dropped_files(ui.ctx());
        self.finish_export();
        super::disk::watch_disk(self, ui.ctx());
        if self.present_ui(ui) {
            return;
        }
        if self.dialog.is_none() && self.file_dialog.is_none() {
            let typing = self.was_typing || ui.ctx().text_edit_focused();
            let canvas = self.canvas_has_keyboard(ui.ctx());
            for command in super::menu::pressed_commands(ui.ctx(), typing, canvas) {
                self.run(command);
            }
        }
        super::menu::menu_bar_ui(self, ui);
        super::panels_ui(self, ui);
        self.file_dialog_ui(ui.ctx());
        if let Some(dialog) = self.dialog.take() {
            self.dialog = dialogs::dialog_ui(self, dialog, ui.ctx());
        }
        self.follow_document(ui.ctx());
        self.update_title(ui.ctx());
        self.autosave_if_due(ui.ctx());
        self.was_typing = ui.ctx().text_edit_focused();
    }

    /// The one place that notices a changed plan (an edit, undo/redo, or a new, opened or
    /// recovered document): revisions are unique across documents, so every cache keyed by
    /// one (analysis, canvas scene, titles) is redone; here the selection is dropped when its
    /// item is gone, and a frame is asked for so that a change made by this frame's input is
    /// painted without waiting for the next event.
    fn follow_document(&mut self, ctx: &egui::Context) {
        let revision = self.doc.revision();
        if self.shown_revision == Some(revision) {
            return;
        }
        self.shown_revision = Some(revision);
        self.drop_missing_selection();
        ctx.request_repaint();
    }

    fn canvas_has_keyboard(&self, ctx: &egui::Context) -> bool {
        let focused = ctx.memory(|m| m.focused());
        self.dialog.is_none()
            && self.file_dialog.is_none()
            && (focused.is_none() || self.canvas.holds_keyboard(focused))
    }

    /// Runs a command, as chosen from a menu or by its shortcut.
    pub fn run(&mut self, command: Command) {
        match command {
            Command::New => self.request(Pending::New),
            Command::Open => self.request(Pending::Open(None)),
            Command::Save => self.save_then(None),
            Command::SaveAs => self.save_as(),
            Command::Export => self.export(),
            Command::Quit => self.request(Pending::Quit),
            Command::Undo => {
                if self.doc.undo() {
                    self.status = "Undone".to_owned();
                    self.drop_missing_selection();
                }
            }
            Command::Redo => {
                if self.doc.redo() {
                    self.status = "Redone".to_owned();
                    self.drop_missing_selection();
                }
            }
            Command::Delete => self.delete_selection(),
            Command::Duplicate => {
                if let Some(clip) = self.selected_clip() {
                    self.paste_clip(&clip, "Duplicate");
                }
            }
            Command::Copy => {
                if let Some(clip) = self.selected_clip() {
                    self.clip = Some(clip);
                    self.status = "Copied".to_owned();
                }
            }
            Command::Paste => {
                if let Some(clip) = self.clip.clone() {
                    self.paste_clip(&clip, "Paste");
                }
            }
            Command::AddInvestment => self.add_at_selection(ItemKind::Investment),
            Command::AddMilestone => self.add_at_selection(ItemKind::Milestone),
            Command::Fit => self.view.fit_pending = true,
            Command::ZoomIn | Command::ZoomOut => {
                let factor = if command == Command::ZoomIn {
                    1.25
                } else {
                    0.8
                };
                self.view.zoom_around(factor, 300.0);
            }
            Command::ToggleRegister => self.view.panels.register ^= true,
            Command::ToggleInspector => self.view.panels.inspector ^= true,
            Command::ToggleChecks => self.view.panels.checks ^= true,
            Command::ToggleExposure => self.view.panels.exposure ^= true,
            Command::SelectNext | Command::SelectPrevious => {
                self.step_selection(command == Command::SelectNext)
            }
            Command::NudgeEarlier => self.nudge(-1),
            Command::NudgeLater => self.nudge(1),
            Command::NudgeYearEarlier => self.nudge(-12),
            Command::NudgeYearLater => self.nudge(12),
            Command::FocusInspector => {
                if self.view.selection.is_some() {
                    self.view.panels.inspector = true;
                    self.focus_inspector = true;
                }
            }
            Command::Deselect => self.view.select_only(None),
            Command::Find => self.open_find(),
            Command::SelectAll => {
                let all = edits::tab_order(self.doc.plan())
                    .into_iter()
                    .map(|(kind, id)| Selection::new(kind, &id))
                    .collect();
                self.view.select_many(all, false);
            }
            Command::CollapseLanes => {
                self.view.collapsed = self.plan().layers.iter().map(|l| l.id.clone()).collect();
            }
            Command::ExpandLanes => self.view.collapsed.clear(),
            Command::Present => {
                let other = self.other_path();
                let analysis = self.analysis();
                let show = super::present::Presentation::start(
                    self.doc.plan(),
                    analysis,
                    &self.view,
                    other,
                );
                self.presentation = Some(show);
            }
        }
    }

    /// The running presentation, if any.
    pub fn presentation(&self) -> Option<&super::present::Presentation> {
        self.presentation.as_ref()
    }

    /// Shows the presentation when one runs (true), restoring the editor view when it ends.
    fn present_ui(&mut self, ui: &mut egui::Ui) -> bool {
        let Some(mut show) = self.presentation.take() else {
            return false;
        };
        let outcome = super::present::present_ui(&mut show, self.doc.plan(), &mut self.view, ui);
        match outcome {
            super::present::Outcome::Continue => self.presentation = Some(show),
            super::present::Outcome::Exit => {
                self.view = show.saved_view().clone();
                ui.ctx().request_repaint();
            }
        }
        true
    }

    /// Asks about unsaved changes first when needed, then does `action`.
    pub(super) fn request(&mut self, action: Pending) {
        if self.doc.is_modified() {
            self.dialog = Some(Dialog::Unsaved(action));
        } else {
            self.perform(action);
        }
    }

    /// Does `action` without asking (the user has answered or nothing is unsaved).
    pub(super) fn perform(&mut self, action: Pending) {
        match action {
            Pending::New => {
                let start = Month::new(2026, 1).unwrap_or(self.doc.plan().horizon.start);
                let horizon = Horizon {
                    start,
                    end: start.plus(10 * 12 - 1),
                };
                self.replace(Document::new(Roadmap::blank("New roadmap", horizon), None));
            }
            Pending::Open(Some(path)) => self.load(&path),
            Pending::Open(None) => self.choose_file(FileRequest::open(self.doc.path())),
            Pending::Import(path, options) => self.import_now(&path, &options),
            Pending::Quit => {
                self.data.clear_recovery();
                self.close_allowed = true;
                self.close_window = true;
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
                self.dialog = Some(Dialog::Error {
                    title: "Cannot open the file".to_owned(),
                    message: e.to_string(),
                    position: e.position(),
                    note,
                });
            }
        }
    }

    fn replace(&mut self, doc: Document) {
        self.doc = doc;
        self.example = false;
        self.compare = None;
        self.data.clear_recovery();
        self.autosaved_revision = None;
        let panels = self.view.panels;
        self.view = ViewState {
            panels,
            ..ViewState::default()
        };
    }

    fn remember(&mut self, path: &Path) {
        match self.data.remember(path) {
            Ok(list) => self.recent = list,
            Err(e) => self.status = format!("Could not update recent files: {e}"),
        }
    }

    /// Saves to the document's file (asking for one if it has none), then does `then` once
    /// saved.
    pub(super) fn save_then(&mut self, then: Option<Pending>) {
        match self.doc.path().cloned() {
            Some(path) => self.file_chosen(FilePurpose::Save(then), &path),
            None => self.choose_file(FileRequest::save(None, then)),
        }
    }

    /// Asks for a file and saves there.
    fn save_as(&mut self) {
        self.choose_file(FileRequest::save(self.doc.path(), None));
    }

    /// Asks the user for a file (the desktop's dialog, or the in-app one where the desktop has
    /// none) and then does what it was asked for.
    pub(super) fn choose_file(&mut self, request: FileRequest) {
        if self.chooser == FileChooser::Native {
            match request.ask_native() {
                NativeAnswer::Chosen(path) => return self.file_chosen(request.purpose, &path),
                NativeAnswer::Cancelled => return,
                NativeAnswer::Unavailable => {
                    self.chooser = FileChooser::InApp;
                    self.status =
                        "The desktop showed no file dialog; Stackplan's own is used instead."
                            .to_owned();
                }
            }
        }
        self.file_dialog = Some(InAppFileDialog::new(request));
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
            FilePurpose::Handout => super::stops::export_handout_to(self, path),
            FilePurpose::Compare => self.compare_with_file(path),
            FilePurpose::Import => self.import_path(path),
        }
    }

    /// Shows the in-app file dialog while it is open; a chosen file that exists and is to be
    /// written is first confirmed (the native dialogs ask this themselves).
    fn file_dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.file_dialog.as_mut() else {
            return;
        };
        match dialog.show(ctx) {
            InAppAnswer::Open => {}
            InAppAnswer::Cancelled => self.file_dialog = None,
            InAppAnswer::Chosen(path) => {
                let request = dialog.request().clone();
                self.file_dialog = None;
                if request.writes() && path.exists() {
                    self.dialog = Some(Dialog::Replace {
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
    fn export(&mut self) {
        let form = ExportForm::new(&self.export_options, self.doc.plan());
        self.dialog = Some(Dialog::Export(form));
    }

    /// Remembers `options` for this and later exports, asks where to export, and starts.
    pub fn export_with(&mut self, options: ExportOptions) {
        self.export_options = options;
        self.choose_file(FileRequest::export(self.doc.path()));
    }

    /// The options the next export uses (the last ones chosen).
    pub fn export_options_mut(&mut self) -> &mut ExportOptions {
        &mut self.export_options
    }

    /// Starts exporting the plan to `path` on a background thread (PDF, SVG or PNG by its
    /// extension, or the four CSV tables beside a `.csv` path); the outcome shows when it
    /// ends, errors and warnings in a dialog.
    pub fn export_to(&mut self, path: &Path) {
        if self.export.is_some() {
            self.status = "An export is already running".to_owned();
            return;
        }
        let options = self.export_options.clone();
        let plan = self.doc.plan().clone();
        let analysis = self.analysis();
        self.export = Some(super::export::ExportJob::start(
            plan,
            analysis,
            path.to_owned(),
            options,
        ));
    }

    /// The export running in the background, if any.
    pub fn export_job(&self) -> Option<&super::export::ExportJob> {
        self.export.as_ref()
    }

    /// Takes the outcome of a finished export and tells the user (once no dialog is open).
    fn finish_export(&mut self) {
        if self.dialog.is_some() {
            return;
        }
        let Some(outcome) = self.export.as_ref().and_then(|job| job.poll()) else {
            return;
        };
        self.export = None;
        match outcome {
            super::export::ExportOutcome::Done { written, warnings } => {
                let files = written
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                self.status = format!("Exported {files}");
                if !warnings.is_empty() {
                    self.dialog = Some(Dialog::Notice {
                        title: "Exported with warnings".to_owned(),
                        lines: std::iter::once(format!("Wrote {files}."))
                            .chain(warnings)
                            .collect(),
                    });
                }
            }
            super::export::ExportOutcome::Failed(message) => {
                self.show_error("Cannot export", &message, None);
            }
        }
    }

    /// Saves atomically to `path`; true when saved, otherwise shows why not.
    pub fn save_to(&mut self, path: &Path) -> bool {
        if super::disk::changed_since_seen(self, path) {
            self.status = "Not saved: the file changed on disk; merge or ignore first".to_owned();
            return false;
        }
        match io::save_path(self.doc.plan(), path) {
            Ok(()) => {
                self.doc.mark_saved(path.to_owned());
                self.naming = None;
                self.example = false;
                self.data.clear_recovery();
                self.remember(path);
                self.status = format!("Saved {}", path.display());
                true
            }
            Err(e) => {
                self.dialog = Some(Dialog::Error {
                    title: "Cannot save".to_owned(),
                    message: e.to_string(),
                    position: None,
                    note: "Nothing was saved; your changes are still here.".to_owned(),
                });
                false
            }
        }
    }

    fn selected_clip(&self) -> Option<Clip> {
        let sel = self.view.selection.as_ref()?;
        edits::copy_item(self.doc.plan(), sel.kind, &sel.id)
    }

    fn paste_clip(&mut self, clip: &Clip, label: &str) {
        let mut new = None;
        self.doc
            .edit(label, |plan| new = Some(edits::paste(plan, clip)));
        if let Some((kind, id)) = new {
            self.view.selection = Some(Selection::new(kind, &id));
        }
    }

    fn delete_selection(&mut self) {
        let selected = self.view.selected();
        match selected.as_slice() {
            [] => return,
            [sel] if sel.kind == ItemKind::Layer => {
                let id = sel.id.clone();
                self.ask_remove_layer(&id);
                return;
            }
            [sel] => self.doc.edit(&format!("Delete {}", sel.id), |plan| {
                edits::delete_item(plan, sel.kind, &sel.id)
            }),
            many => self
                .doc
                .edit(&format!("Delete {} items", many.len()), |plan| {
                    for sel in many.iter().filter(|s| s.kind != ItemKind::Layer) {
                        edits::delete_item(plan, sel.kind, &sel.id);
                    }
                }),
        }
        self.view.select_only(None);
    }

    /// Removes a layer, asking first when items use it.
    pub(super) fn ask_remove_layer(&mut self, id: &str) {
        let used = edits::items_in_layer(self.doc.plan(), id).len();
        if used > 0 {
            self.dialog = Some(Dialog::RemoveLayer {
                id: id.to_owned(),
                used,
            });
        } else {
            self.doc.edit("Remove layer", |plan| {
                edits::delete_item(plan, ItemKind::Layer, id)
            });
            self.drop_missing_selection();
        }
    }

    fn add_at_selection(&mut self, kind: ItemKind) {
        let plan = self.doc.plan();
        let layer = self
            .view
            .selection
            .as_ref()
            .and_then(|s| selected_layer(plan, s))
            .or_else(|| plan.layers.first().map(|l| l.id.clone()));
        let Some(layer) = layer else {
            return;
        };
        let month = self.view.cursor.unwrap_or(plan.horizon.start);
        self.add_item(kind, &layer, month);
    }

    /// Adds a new investment or milestone in `layer` at `month` and selects it.
    pub(super) fn add_item(&mut self, kind: ItemKind, layer: &str, month: Month) {
        let mut id = String::new();
        match kind {
            ItemKind::Milestone => self.doc.edit("Add milestone", |p| {
                id = edits::add_milestone(p, layer, month)
            }),
            _ => self.doc.edit("Add investment", |p| {
                id = edits::add_investment(p, layer, month)
            }),
        }
        let kind = if kind == ItemKind::Milestone {
            ItemKind::Milestone
        } else {
            ItemKind::Investment
        };
        self.select_new(kind, &id);
    }

    fn step_selection(&mut self, forward: bool) {
        let order = edits::tab_order(self.doc.plan());
        if order.is_empty() {
            return;
        }
        let current = self
            .view
            .selection
            .as_ref()
            .and_then(|s| order.iter().position(|(_, id)| *id == s.id));
        let next = match (current, forward) {
            (None, true) => 0,
            (None, false) => order.len() - 1,
            (Some(i), true) => (i + 1) % order.len(),
            (Some(i), false) => (i + order.len() - 1) % order.len(),
        };
        if let Some((kind, id)) = order.get(next) {
            self.view.select_only(Some(Selection::new(*kind, id)));
            self.view.reveal_pending = true;
        }
    }

    fn nudge(&mut self, months: i32) {
        let moved: Vec<Selection> = self
            .view
            .selected()
            .into_iter()
            .filter(|s| matches!(s.kind, ItemKind::Investment | ItemKind::Milestone))
            .collect();
        if moved.is_empty() {
            return;
        }
        let label = if months.abs() >= 12 {
            "Move by a year"
        } else {
            "Move by a month"
        };
        self.doc.edit(label, |plan| {
            for sel in &moved {
                edits::shift(plan, sel.kind, &sel.id, months);
            }
        });
        self.view.reveal_pending = true;
    }

    /// Forgets the selection when its item no longer exists (after undo or delete).
    pub(super) fn drop_missing_selection(&mut self) {
        let plan = self.doc.plan();
        self.view.retain_selected(|s| plan.id_in_use(&s.id));
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if self.close_window {
            self.close_window = false;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        if !ctx.input(|i| i.viewport().close_requested()) || self.close_allowed {
            return;
        }
        if self.doc.is_modified() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.request(Pending::Quit);
        } else {
            self.data.clear_recovery();
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
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
        super::import::dropped_file_hint(ctx);
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    fn autosave_if_due(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if self.autosaved_revision == Some(self.doc.revision()) || self.doc.in_gesture() {
            return;
        }
        if now - self.last_autosave >= AUTOSAVE_SECONDS {
            self.last_autosave = now;
            self.autosave_now();
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(AUTOSAVE_SECONDS));
        }
    }
}

/// The layer a selected item sits in (or is).
fn selected_layer(plan: &Roadmap, sel: &Selection) -> Option<String> {
    match sel.kind {
        ItemKind::Layer => Some(sel.id.clone()),
        ItemKind::Investment => plan.investment(&sel.id).map(|i| i.layer.clone()),
        ItemKind::Milestone => plan.milestone(&sel.id).map(|m| m.layer.clone()),
        ItemKind::Dependency => plan.dependency(&sel.id).map(|d| d.layer.clone()),
    }
}

impl eframe::App for StackplanApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn on_exit(&mut self) {
        if !self.doc.is_modified() {
            self.data.clear_recovery();
        } else {
            self.autosave_now();
        }
        if let Some(job) = self.export.take() {
            // Leaving now would cut the file short: give the export time to finish.
            let _ = job.wait(std::time::Duration::from_secs(60));
        }
    }
}

impl StackplanApp {
    /// Shows an error message in a dialog; the document is not touched.
    pub fn show_error(&mut self, title: &str, message: &str, position: Option<(usize, usize)>) {
        self.dialog = Some(Dialog::Error {
            title: title.to_owned(),
            message: message.to_owned(),
            position,
            note: String::new(),
        });
    }

    /// Shows why the file given at start-up could not be opened, over the bundled example
    /// shown instead.
    pub fn show_start_error(&mut self, error: &io::LoadError) {
        self.dialog = Some(Dialog::Error {
            title: "Cannot open the file".to_owned(),
            message: error.to_string(),
            position: error.position(),
            note: "Stackplan shows its bundled example instead.".to_owned(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(data: &Path) -> StackplanApp {
        let plan = crate::generate::large_plan(60, 3);
        StackplanApp::with_plan(plan, DataFolder::at(data))
    }

    /// Moves the first investment a month later as one step of a drag.
    fn drag_step(app: &mut StackplanApp) {
        let id = app.plan().investments[0].id.clone();
        app.doc
            .gesture_edit(|p| edits::shift(p, ItemKind::Investment, &id, 1));
    }

    #[test]
    fn a_quick_analysis_follows_every_step_of_a_drag() {
        let data = tempfile::tempdir().unwrap();
        let mut app = app(data.path());
        let before = app.analysis();
        drag_step(&mut app);
        assert!(!Arc::ptr_eq(&before, &app.analysis()));
    }

    #[test]
    fn a_slow_analysis_waits_for_the_end_of_a_drag() {
        let data = tempfile::tempdir().unwrap();
        let mut app = app(data.path());
        let before = app.analysis();
        if let Some((_, _, cost)) = app.analysis.as_mut() {
            *cost = std::time::Duration::from_secs(1);
        }
        drag_step(&mut app);
        drag_step(&mut app);
        assert!(
            Arc::ptr_eq(&before, &app.analysis()),
            "kept during the drag"
        );
        app.doc.end_gesture("Move investment");
        assert!(!Arc::ptr_eq(&before, &app.analysis()), "redone after it");
    }
}
