//! Running a [`Command`]: the one table every menu entry, toolbar button and shortcut goes
//! through.

use crate::model::{ItemKind, Month, Roadmap};

use super::super::action::{Edit, Record};
use super::super::commands::Command;
use super::super::dialogs::Dialog;
use super::super::edits::{self, Clip};
use super::super::files::{FileRequest, Pending};
use super::super::view::Selection;
use super::StackplanApp;

impl StackplanApp {
    /// Runs a command, as chosen from a menu or by its shortcut.
    pub fn run(&mut self, command: Command) {
        match command {
            Command::New => self.request(Pending::New),
            Command::Open => self.request(Pending::Open(None)),
            Command::Save => self.save_then(None),
            Command::SaveAs => self.save_as(),
            Command::Export => self.export(),
            Command::ExportHandout => self.export_handout(),
            Command::Import => self.import(),
            Command::CompareWith => self.choose_file(FileRequest::compare(self.session.doc.path())),
            Command::CompareWithSaved => self.compare_with_saved(),
            Command::StopComparing => self.stop_comparing(),
            Command::Quit => self.request(Pending::Quit),
            Command::Undo => self.step_history(false),
            Command::Redo => self.step_history(true),
            Command::Delete => self.delete_selection(),
            Command::Duplicate => {
                if let Some(clip) = self.selected_clip() {
                    self.paste_clip(clip, "Duplicate");
                }
            }
            Command::Copy => {
                if let Some(clip) = self.selected_clip() {
                    self.ui.clip = Some(clip);
                    self.ui.status = "Copied".to_owned();
                }
            }
            Command::Paste => {
                if let Some(clip) = self.ui.clip.clone() {
                    self.paste_clip(clip, "Paste");
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
            Command::ToggleStops => self.view.panels.stops ^= true,
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
                    self.ui.focus_inspector = true;
                }
            }
            Command::Deselect => self.view.select_only(None),
            Command::Find => self.open_find(),
            Command::SelectAll => {
                let all = edits::tab_order(self.plan())
                    .into_iter()
                    .map(|(kind, id)| Selection::new(kind, &id))
                    .collect();
                self.view.select_many(all, false);
            }
            Command::CollapseLanes => {
                self.view.collapsed = self.plan().layers.iter().map(|l| l.id.clone()).collect();
            }
            Command::ExpandLanes => self.view.collapsed.clear(),
            Command::NextStop
            | Command::PreviousStop
            | Command::FirstStop
            | Command::LastStop
            | Command::StopDigit(_)
            | Command::JumpToStop
            | Command::ToggleNotes
            | Command::TogglePresenter
            | Command::EndPresentation => {
                if let Some(show) = self.ui.presentation.as_mut() {
                    show.run(command, self.ui.now);
                }
            }
            Command::Present => {
                let other = self.other_path();
                let analysis = self.session.analysis_now();
                let show = super::super::present::Presentation::start(
                    self.plan(),
                    analysis,
                    &self.view,
                    other,
                );
                self.ui.presentation = Some(show);
            }
        }
    }

    /// Opens the find bar with the keyboard in it (keeping what was typed before).
    fn open_find(&mut self) {
        let mut find = self.ui.find.take().unwrap_or_default();
        find.focus = true;
        self.ui.find = Some(find);
    }

    fn selected_clip(&self) -> Option<Clip> {
        let sel = self.view.selection.as_ref()?;
        edits::copy_item(self.plan(), sel.kind, &sel.id)
    }

    fn paste_clip(&mut self, clip: Clip, label: &str) {
        if let Some(new) = self.edit(Record::step(label), &Edit::Paste(Box::new(clip))) {
            self.view.selection = Some(new);
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
            [sel] => {
                let label = format!("Delete {}", sel.id);
                self.edit(Record::Step(label), &Edit::Delete(selected.clone()));
            }
            many => {
                let label = format!("Delete {} items", many.len());
                let items = many
                    .iter()
                    .filter(|s| s.kind != ItemKind::Layer)
                    .cloned()
                    .collect();
                self.edit(Record::Step(label), &Edit::Delete(items));
            }
        }
        self.view.select_only(None);
    }

    /// Removes a layer, asking first when items use it.
    pub(super) fn ask_remove_layer(&mut self, id: &str) {
        let used = edits::items_in_layer(self.plan(), id).len();
        if used > 0 {
            self.ui.dialog = Some(Dialog::RemoveLayer {
                id: id.to_owned(),
                used,
            });
        } else {
            let layer = vec![Selection::new(ItemKind::Layer, id)];
            self.edit(Record::step("Remove layer"), &Edit::Delete(layer));
            self.drop_missing_selection();
        }
    }

    fn add_at_selection(&mut self, kind: ItemKind) {
        let plan = self.plan();
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
        let label = if kind == ItemKind::Milestone {
            "Add milestone"
        } else {
            "Add investment"
        };
        let edit = Edit::Add(kind, layer.to_owned(), month);
        if let Some(new) = self.edit(Record::step(label), &edit) {
            self.select_new(new);
        }
    }

    /// Selects an item just added; its id follows its title until it is named.
    pub(super) fn select_new(&mut self, selection: Selection) {
        self.ui.naming = Some(selection.id.clone());
        self.view.select_only(Some(selection));
    }

    fn step_selection(&mut self, forward: bool) {
        let order = edits::tab_order(self.plan());
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
        self.edit(Record::step(label), &Edit::Shift(moved, months));
        self.view.reveal_pending = true;
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
