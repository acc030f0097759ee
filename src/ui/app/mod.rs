//! The editor application and its frame loop: each frame the panels draw from a read-only
//! [`Context`] and push [`Action`]s, which [`StackplanApp::apply`] then carries out.
//!
//! The app is four parts: the [`Session`] (document, file, recent files, autosave, export
//! job, comparison, the analysis cache), the [`ViewState`], the transient UI state
//! ([`Transient`]: dialogs, find bar, status line) and the canvas's state and scene cache.

mod analysis_cache;
mod apply;
mod compare;
mod disk;
mod dispatch;
mod import;
mod panels;
mod session;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::Analysis;
use crate::analysis::compare::Comparison;
use crate::export::ExportOptions;
use crate::io;
use crate::model::Roadmap;

use super::action::{Actions, Compared, Context};
use super::canvas::CanvasState;
use super::dialogs::Dialog;
use super::file_dialog::InAppFileDialog;
use super::files::{DataFolder, FileChooser, Pending};
use super::history::Document;
use super::view::{Selection, ViewState};

pub use analysis_cache::AnalysisCache;
pub use session::Session;

/// The Stackplan editor: one open plan in one window.
pub struct StackplanApp {
    session: Session,
    view: ViewState,
    ui: Transient,
    canvas: CanvasState,
}

/// What the editor shows around the plan for a while: dialogs, the find bar, the status
/// line, the running presentation, and the bookkeeping of the window.
#[derive(Default)]
struct Transient {
    dialog: Option<Dialog>,
    /// How files are asked for; switches to in-app once the native dialog fails.
    chooser: FileChooser,
    /// The in-app file dialog, while one is open.
    file_dialog: Option<InAppFileDialog>,
    clip: Option<super::edits::Clip>,
    focus_inspector: bool,
    /// A new item whose id still follows its title (see `inspector`).
    naming: Option<String>,
    status: String,
    /// The find bar, while it is open.
    find: Option<super::find::Find>,
    presentation: Option<super::present::Presentation>,
    close_allowed: bool,
    close_window: bool,
    styled: bool,
    shown_title: String,
    /// Whether a text field had the keyboard at the end of the last frame (egui drops the
    /// focus on Escape before the frame runs, and that Escape belongs to the field).
    was_typing: bool,
    /// The document revision the last frame showed (see [`StackplanApp::follow_document`]).
    shown_revision: Option<u64>,
    /// The time of the last frame (egui's, in seconds).
    now: f64,
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
        app.session.example = true;
        app
    }

    fn with_document(doc: Document, data: DataFolder) -> StackplanApp {
        let dialog = data.recovery().map(|r| Dialog::Recovery(Box::new(r)));
        StackplanApp {
            session: Session::new(doc, data),
            view: ViewState::default(),
            ui: Transient {
                dialog,
                chooser: FileChooser::from_env(),
                ..Transient::default()
            },
            canvas: CanvasState::default(),
        }
    }

    /// The plan being edited.
    pub fn plan(&self) -> &Roadmap {
        self.session.doc.plan()
    }

    /// The document: plan, file and history.
    pub fn document(&self) -> &Document {
        &self.session.doc
    }

    /// The view state (time window, zoom, selection, panels).
    pub fn view(&self) -> &ViewState {
        &self.view
    }

    /// The view state, to change (presentation mode saves and restores it).
    pub fn view_mut(&mut self) -> &mut ViewState {
        &mut self.view
    }

    /// The analysis of the current plan (see [`AnalysisCache`]).
    pub fn analysis(&mut self) -> Arc<Analysis> {
        self.session.analysis()
    }

    /// The dialog being shown, if any.
    pub fn dialog(&self) -> Option<&Dialog> {
        self.ui.dialog.as_ref()
    }

    /// Asks for files with Stackplan's own dialog from now on, never the desktop's (what
    /// `STACKPLAN_FILE_DIALOG=in-app` does at start-up; the UI tests use it).
    pub fn use_in_app_file_dialogs(&mut self) {
        self.ui.chooser = FileChooser::InApp;
    }

    /// Whether the in-app file dialog is open.
    pub fn file_dialog_open(&self) -> bool {
        self.ui.file_dialog.is_some()
    }

    /// The window title: file name, a modified mark, and the program.
    pub fn title(&self) -> String {
        let mark = if self.session.doc.is_modified() {
            "• "
        } else {
            ""
        };
        format!("{mark}{} — Stackplan", self.document_name())
    }

    /// What the open plan is called: its file name, the bundled example's title, or
    /// "Untitled" for a new plan.
    pub fn document_name(&self) -> String {
        self.session.name()
    }

    /// Selects an item alone (or nothing).
    pub fn select(&mut self, selection: Option<Selection>) {
        self.view.select_only(selection);
    }

    /// Opens `path`, asking first about unsaved changes.
    pub fn open_path(&mut self, path: PathBuf) {
        self.request(Pending::Open(Some(path)));
    }

    /// The running presentation, if any.
    pub fn presentation(&self) -> Option<&super::present::Presentation> {
        self.ui.presentation.as_ref()
    }

    /// The options the next export uses (the last ones chosen).
    pub fn export_options_mut(&mut self) -> &mut ExportOptions {
        &mut self.session.export_options
    }

    /// The export running in the background, if any.
    pub fn export_job(&self) -> Option<&super::export::ExportJob> {
        self.session.export.as_ref()
    }

    /// Shows an error message in a dialog; the document is not touched.
    pub fn show_error(&mut self, title: &str, message: &str, position: Option<(usize, usize)>) {
        self.ui.dialog = Some(Dialog::Error {
            title: title.to_owned(),
            message: message.to_owned(),
            position,
            note: String::new(),
        });
    }

    /// Shows why the file given at start-up could not be opened, over the bundled example
    /// shown instead.
    pub fn show_start_error(&mut self, error: &io::LoadError) {
        self.ui.dialog = Some(Dialog::Error {
            title: "Cannot open the file".to_owned(),
            message: error.to_string(),
            position: error.position(),
            note: "Stackplan shows its bundled example instead.".to_owned(),
        });
    }

    /// Draws the whole editor into `ui` and handles its input; the eframe app and the UI
    /// tests both call this once per frame.
    ///
    /// The frame: notice a changed document, handle the window's own events, run the pressed
    /// shortcuts, let every panel draw from one read-only [`Context`] and push actions, then
    /// [`apply`](StackplanApp::apply) them — the only place the document and the view change.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.ui.now = ui.ctx().input(|i| i.time);
        if !self.ui.styled {
            self.ui.styled = true;
            ui.ctx().set_theme(egui::Theme::Light);
        }
        self.follow_document(ui.ctx());
        self.handle_close_request(ui.ctx());
        self.handle_dropped_files(ui.ctx());
        self.finish_export();
        self.watch_disk(ui.ctx());
        if self.present_ui(ui) {
            return;
        }
        if self.ui.dialog.is_none() && self.ui.file_dialog.is_none() {
            let typing = self.ui.was_typing || ui.ctx().text_edit_focused();
            let canvas = self.canvas_has_keyboard(ui.ctx());
            for command in super::menu::pressed_commands(ui.ctx(), typing, canvas) {
                self.run(command);
            }
        }
        let actions = self.panels_pass(ui);
        self.apply(actions, ui.ctx());
        self.file_dialog_ui(ui.ctx());
        self.dialog_pass(ui.ctx());
        self.follow_document(ui.ctx());
        if self.session.analysis.is_behind(&self.session.doc) {
            // A worker is analysing the edited plan: look again soon to show its answer.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(15));
        }
        self.update_title(ui.ctx());
        self.autosave_if_due(ui.ctx());
        self.ui.was_typing = ui.ctx().text_edit_focused();
    }

    /// Draws the menu bar and every panel from one read-only context; returns what they
    /// asked for.
    fn panels_pass(&mut self, ui: &mut egui::Ui) -> Actions {
        if self.view.panels.inspector {
            self.stop_naming_unless_selected();
        }
        let analysis = self.session.analysis();
        let comparison = self.session.comparison();
        let found = self.found_ids();
        let mut out = Actions::default();
        let StackplanApp {
            session,
            view,
            ui: transient,
            canvas,
        } = self;
        let cx = Context {
            document: &session.doc,
            analysis: &analysis,
            spans_are_late: session.analysis.spans_are_late(&session.doc),
            view,
            compared: compared(session, comparison.as_deref()),
            name: session.name(),
            recent: &session.recent,
            status: &transient.status,
            export: session.export.as_ref(),
            can_paste: transient.clip.is_some(),
            naming: transient.naming.as_deref(),
            found: &found,
            canvas: (canvas.left, canvas.width),
        };
        let focus_inspector = std::mem::take(&mut transient.focus_inspector);
        super::menu::menu_bar_ui(&cx, ui, &mut out);
        let mut parts = panels::Parts {
            canvas,
            find: &mut transient.find,
            focus_inspector,
            disk: session.disk.as_ref().and_then(|w| w.offer()),
        };
        panels::panels_ui(&cx, &mut parts, ui, &mut out);
        out
    }

    /// Shows the open dialog; its answer is applied at once.
    fn dialog_pass(&mut self, ctx: &egui::Context) {
        let Some(mut dialog) = self.ui.dialog.take() else {
            return;
        };
        let mut out = Actions::default();
        let name = self.document_name();
        let open = super::dialogs::dialog_ui(self.plan(), &name, &mut dialog, ctx, &mut out);
        if open {
            self.ui.dialog = Some(dialog);
        }
        self.apply(out, ctx);
    }

    /// The one place that notices a changed plan (an edit, undo/redo, or a new, opened or
    /// recovered document): revisions are unique across documents, so every cache keyed by
    /// one (analysis, canvas scene, titles) is redone; here the selection is dropped when its
    /// item is gone, and a frame is asked for so that a change made by this frame's input is
    /// painted without waiting for the next event.
    fn follow_document(&mut self, ctx: &egui::Context) {
        let revision = self.session.doc.revision();
        if self.ui.shown_revision == Some(revision) {
            return;
        }
        self.ui.shown_revision = Some(revision);
        self.drop_missing_selection();
        ctx.request_repaint();
    }

    fn canvas_has_keyboard(&self, ctx: &egui::Context) -> bool {
        let focused = ctx.memory(|m| m.focused());
        self.ui.dialog.is_none()
            && self.ui.file_dialog.is_none()
            && (focused.is_none() || self.canvas.holds_keyboard(focused))
    }

    /// Shows the presentation when one runs (true), restoring the editor view when it ends.
    fn present_ui(&mut self, ui: &mut egui::Ui) -> bool {
        let Some(mut show) = self.ui.presentation.take() else {
            return false;
        };
        let outcome =
            super::present::present_ui(&mut show, self.session.doc.plan(), &mut self.view, ui);
        match outcome {
            super::present::Outcome::Continue => self.ui.presentation = Some(show),
            super::present::Outcome::Exit => {
                self.view = show.saved_view().clone();
                ui.ctx().request_repaint();
            }
        }
        true
    }

    /// Ends the naming of a new item once something else is selected.
    fn stop_naming_unless_selected(&mut self) {
        let selected = self.view.selection.as_ref().map(|s| s.id.as_str());
        if self.ui.naming.is_some() && self.ui.naming.as_deref() != selected {
            self.ui.naming = None;
        }
    }

    /// The ids of the items the find bar matches now (none when it is closed).
    fn found_ids(&self) -> Vec<String> {
        self.ui
            .find
            .as_ref()
            .map(|f| super::find::matches(self.plan(), &f.query))
            .unwrap_or_default()
            .into_iter()
            .map(|(_, id)| id)
            .collect()
    }

    /// Forgets the selection when its item no longer exists (after undo or delete).
    fn drop_missing_selection(&mut self) {
        let plan = self.session.doc.plan();
        self.view.retain_selected(|s| plan.id_in_use(&s.id));
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.title();
        if title != self.ui.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.ui.shown_title = title;
        }
    }
}

/// The comparison as panels see it.
fn compared<'a>(session: &'a Session, comparison: Option<&'a Comparison>) -> Option<Compared<'a>> {
    let state = session.compare.as_ref()?;
    Some(Compared {
        other: state.other(),
        other_analysis: state.other_analysis(),
        label: &state.label,
        generation: state.generation,
        comparison: comparison?,
    })
}

impl eframe::App for StackplanApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn on_exit(&mut self) {
        if !self.session.doc.is_modified() {
            self.session.data.clear_recovery();
        } else {
            self.autosave_now();
        }
        if let Some(job) = self.session.export.take() {
            // Leaving now would cut the file short: give the export time to finish.
            let _ = job.wait(std::time::Duration::from_secs(60));
        }
    }
}
