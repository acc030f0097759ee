//! Applying what the panels asked for: the only code that changes the document and the
//! view after a frame's pass (the caches follow the document's revision, see
//! [`StackplanApp::follow_document`](super::StackplanApp)).

use super::super::action::{Action, Actions, Edit, Record};
use super::super::view::Selection;
use super::StackplanApp;

impl StackplanApp {
    /// Carries out `actions` in the order they were pushed.
    pub(super) fn apply(&mut self, mut actions: Actions, ctx: &egui::Context) {
        let actions = actions.take();
        if actions.is_empty() {
            return;
        }
        let (view, revision) = (self.view.clone(), self.session.doc.revision());
        let mut other = false;
        for action in actions {
            other |= !matches!(action, Action::View(_));
            self.apply_one(action);
        }
        // What the actions changed is painted at once, not at the next event.
        if other || self.view != view || self.session.doc.revision() != revision {
            ctx.request_repaint();
        }
    }

    fn apply_one(&mut self, action: Action) {
        match action {
            Action::View(change) => change.apply(&mut self.view, self.session.doc.plan()),
            Action::Edit(record, edit) => {
                if let Some(new) = self.edit(record, &edit) {
                    self.select_new(new);
                }
            }
            Action::EndGesture(label) => self.session.doc.end_gesture(&label),
            Action::Run(command) => self.run(command),
            Action::SelectNew(selection) => self.select_new(selection),
            Action::Naming(naming) => self.ui.naming = naming,
            Action::FocusInspector => {
                self.view.panels.inspector = true;
                self.ui.focus_inspector = true;
            }
            Action::OpenPath(path) => self.open_path(path),
            Action::ChooseFile(request) => self.choose_file(request),
            Action::ExportWith(options) => self.export_with(options),
            Action::Perform(pending, save) => {
                if save {
                    self.save_then(Some(pending));
                } else {
                    self.perform(pending);
                }
            }
            Action::FileChosen(purpose, path) => self.file_chosen(purpose, &path),
            Action::Restore(found) => self.restore(*found),
            Action::DiscardRecovery => self.session.data.clear_recovery(),
            Action::RememberColumns(mapping) => self.remember_columns(&mapping),
            Action::Import(path, options) => {
                self.request(super::super::files::Pending::Import(path, options))
            }
            Action::RemoveLayer(id) => self.ask_remove_layer(&id),
            Action::Disk(choice) => self.answer_disk(choice),
            Action::Error(title, message) => self.show_error(&title, &message, None),
            Action::Status(text) => self.ui.status = text,
        }
    }

    /// Takes back the last step, or does the last undone one again (`redo`).
    pub(super) fn step_history(&mut self, redo: bool) {
        let (stepped, status) = if redo {
            (self.session.doc.redo(), "Redone")
        } else {
            (self.session.doc.undo(), "Undone")
        };
        if stepped {
            self.ui.status = status.to_owned();
            self.drop_missing_selection();
        }
    }

    /// Changes the plan; returns the item the edit added, if any. An edit that cannot be
    /// made (a conflict's value that does not fit) says why.
    pub(super) fn edit(&mut self, record: Record, edit: &Edit) -> Option<Selection> {
        let mut outcome = Ok(None);
        let change = |plan: &mut crate::model::Roadmap| outcome = edit.apply(plan);
        let doc = &mut self.session.doc;
        match &record {
            Record::Step(label) => doc.edit(label, change),
            Record::Merging(label, key) => doc.edit_merging(label, key, change),
            Record::Gesture => doc.gesture_edit(change),
        }
        match outcome {
            Ok(added) => {
                if let (Edit::Resolve(..), Record::Step(label)) = (edit, &record) {
                    self.ui.status = label.clone();
                }
                self.drop_missing_selection();
                added
            }
            Err(message) => {
                let title = match edit {
                    Edit::Resolve(..) => "Cannot resolve the conflict",
                    _ => "Cannot make the change",
                };
                self.show_error(title, &message, None);
                None
            }
        }
    }
}
