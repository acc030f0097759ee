//! What a panel may ask of the editor: panels draw from a read-only [`Context`] and push
//! [`Action`]s; the app applies them after the frame's pass, the only place that changes the
//! document, the view or the caches.

use std::borrow::Borrow;
use std::path::PathBuf;
use std::sync::Arc;

use crate::analysis::Analysis;
use crate::analysis::compare::Comparison;
use crate::analysis::merge::Choice;
use crate::export::ExportOptions;
use crate::model::{
    Conflict, Dependency, Horizon, Investment, ItemKind, Layer, Milestone, Month, Roadmap, Stop,
};

use super::commands::Command;
use super::edits::{self, Clip};
use super::export::ExportJob;
use super::files::{FileRequest, Pending};
use super::history::Document;
use super::view::{MAX_ZOOM, MIN_ZOOM, Selection, ViewState};

/// What panels read while they draw: the plan, its analysis and history, the view, and what
/// the app shows around them. Nothing in it can be changed; panels push [`Action`]s instead.
pub struct Context<'a> {
    /// The document: plan, file, revision and undo labels.
    pub document: &'a Document,
    /// The analysis of the plan as it is, or as it was a moment ago while a worker works out
    /// the analysis of an edit of a large plan (then `analysis_is_late`).
    pub analysis: &'a Arc<Analysis>,
    /// Whether the dependency spans of `analysis` may describe the plan of a moment ago:
    /// the canvas, drawn from the plan itself, then works them out from the plan.
    pub spans_are_late: bool,
    /// The view state (time window, zoom, selection, panels).
    pub view: &'a ViewState,
    /// The comparison with another plan, when comparing.
    pub compared: Option<Compared<'a>>,
    /// What the open plan is called (its file name, or the example's title).
    pub name: String,
    /// The files opened lately, newest first.
    pub recent: &'a [PathBuf],
    /// The status line.
    pub status: &'a str,
    /// The export running in the background, if any.
    pub export: Option<&'a ExportJob>,
    /// Whether something was copied that can be pasted.
    pub can_paste: bool,
    /// A new item whose id still follows its title (see `inspector`).
    pub naming: Option<&'a str>,
    /// The ids the find bar matches (none when it is closed).
    pub found: &'a [String],
    /// Left edge and width of the canvas last frame (charts line up with it).
    pub canvas: (Option<f32>, Option<f32>),
}

/// The plan compared with and the comparison with the plan as it is now.
#[derive(Clone, Copy)]
pub struct Compared<'a> {
    /// The other plan (A).
    pub other: &'a Roadmap,
    /// Its analysis.
    pub other_analysis: &'a Analysis,
    /// What the other plan is, e.g. "the saved version" or a file name.
    pub label: &'a str,
    /// Counts the other plans compared with, so that scenes drawn for one are redone.
    pub generation: u64,
    /// The differences.
    pub comparison: &'a Comparison,
}

impl Context<'_> {
    /// The plan being edited.
    pub fn plan(&self) -> &Roadmap {
        self.document.plan()
    }

    /// The width of the canvas's time area last frame (a default before the first frame).
    pub fn time_width(&self) -> f32 {
        self.canvas
            .1
            .map_or(800.0, |w| w - super::paint::HEADER_WIDTH)
    }
}

/// Something a panel asks for this frame; applied in order after the pass.
#[derive(Debug, Clone)]
pub enum Action {
    /// Changes the view (selection, window, panels, cursor).
    View(ViewChange),
    /// Changes the plan as one undo step (or part of one, see [`Record`]).
    Edit(Record, Edit),
    /// Ends a drag: its steps become one undo step with this label.
    EndGesture(String),
    /// Runs a command as if from the menu.
    Run(Command),
    /// Selects an item just added; its id follows its title until it is named.
    SelectNew(Selection),
    /// Sets (or ends) the naming of a new item whose id follows its title.
    Naming(Option<String>),
    /// Opens the inspector with the keyboard in its first field.
    FocusInspector,
    /// Opens `path`, asking first about unsaved changes.
    OpenPath(PathBuf),
    /// Asks for a file, then does what it is for.
    ChooseFile(FileRequest),
    /// Imports a file with the choices made in the import dialog.
    Import(PathBuf, crate::import::ImportOptions),
    /// Exports with these options (asks where).
    ExportWith(ExportOptions),
    /// Does what waited for an answer about unsaved changes (`save`: save first).
    Perform(Pending, bool),
    /// Does what a file was chosen for, now that replacing it is confirmed.
    FileChosen(super::files::FilePurpose, PathBuf),
    /// Puts recovered work back as the document.
    Restore(Box<super::files::Recovery>),
    /// Forgets the recovered work.
    DiscardRecovery,
    /// Remembers the columns chosen for an import (offered again next time).
    RememberColumns(crate::import::ColumnMapping),
    /// Removes a layer, asking first when items use it.
    RemoveLayer(String),
    /// What the planner chose about the file that changed on disk.
    Disk(super::disk::Choice),
    /// Shows an error in a dialog.
    Error(String, String),
    /// Says something in the status line.
    Status(String),
}

/// How an edit joins the undo history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// A step of its own.
    Step(String),
    /// A step that merges with the previous one of the same key (typing in one field).
    Merging(String, String),
    /// A step of a drag; [`Action::EndGesture`] makes them one undo step.
    Gesture,
}

impl Record {
    /// A step of its own labelled `label`.
    pub fn step(label: impl Into<String>) -> Record {
        Record::Step(label.into())
    }
}

/// A change to the plan, as data.
#[derive(Debug, Clone)]
pub enum Edit {
    /// Replaces the investment with the same id.
    PutInvestment(Box<Investment>),
    /// Replaces the milestone with the same id.
    PutMilestone(Box<Milestone>),
    /// Replaces the dependency with the same id.
    PutDependency(Box<Dependency>),
    /// Replaces the layer with the same id.
    PutLayer(Box<Layer>),
    /// Sets the plan's own fields.
    PlanFields(Box<PlanFields>),
    /// Renames an item everywhere it is linked.
    Rename {
        /// Kind of the item.
        kind: ItemKind,
        /// Its id now.
        old: String,
        /// Its new id.
        new: String,
    },
    /// Deletes items and the links to them (layers with what sits in them).
    Delete(Vec<Selection>),
    /// Pastes a copied item.
    Paste(Box<Clip>),
    /// Moves items by some months.
    Shift(Vec<Selection>, i32),
    /// Puts investments and milestones at a month in a layer.
    Place(Vec<Placed>),
    /// Sets an investment's first month.
    SetStart(String, Month),
    /// Sets an investment's last month.
    SetEnd(String, Month),
    /// Links two items, as a drag from one onto the other does.
    LinkByDrag(String, String),
    /// Adds an investment or milestone in a layer at a month.
    Add(ItemKind, String, Month),
    /// Adds a dependency in a layer.
    AddDependency(String),
    /// Adds a layer.
    AddLayer,
    /// Moves a layer up (-1) or down (1).
    MoveLayer(String, i32),
    /// Replaces the presentation stops.
    Stops(Vec<Stop>),
    /// Resolves a conflict a merge left.
    Resolve(Box<Conflict>, Choice),
    /// Replaces the whole plan (reload, merge, import).
    Replace(Box<Roadmap>),
    /// Several edits as one step.
    All(Vec<Edit>),
}

/// The plan's own fields (the inspector with nothing selected).
#[derive(Debug, Clone, PartialEq)]
pub struct PlanFields {
    /// Title.
    pub title: String,
    /// Owner.
    pub owner: String,
    /// Notes.
    pub notes: String,
    /// Currency.
    pub currency: String,
    /// The months the plan covers.
    pub horizon: Horizon,
}

/// An item put at a month in a layer (a drag).
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Kind of the item (investment or milestone).
    pub kind: ItemKind,
    /// Its id.
    pub id: String,
    /// Its new first month.
    pub month: Month,
    /// Its layer.
    pub layer: String,
}

impl Edit {
    /// Makes the change to `plan`; returns the item it added, if any, or why it cannot be
    /// made (nothing is then changed).
    pub fn apply(&self, plan: &mut Roadmap) -> Result<Option<Selection>, String> {
        let added = |kind, id: String| Ok(Some(Selection::new(kind, &id)));
        match self {
            Edit::PutInvestment(i) => put(&mut plan.investments, &**i, |x| &x.id),
            Edit::PutMilestone(m) => put(&mut plan.milestones, &**m, |x| &x.id),
            Edit::PutDependency(d) => put(&mut plan.dependencies, &**d, |x| &x.id),
            Edit::PutLayer(l) => put(&mut plan.layers, &**l, |x| &x.id),
            Edit::PlanFields(f) => {
                plan.title.clone_from(&f.title);
                plan.owner.clone_from(&f.owner);
                plan.notes.clone_from(&f.notes);
                plan.currency.clone_from(&f.currency);
                plan.horizon = f.horizon;
            }
            Edit::Rename { kind, old, new } => {
                edits::rename_id(plan, *kind, old, new);
            }
            Edit::Delete(items) => {
                for sel in items {
                    edits::delete_item(plan, sel.kind, &sel.id);
                }
            }
            Edit::Paste(clip) => {
                let (kind, id) = edits::paste(plan, clip);
                return added(kind, id);
            }
            Edit::Shift(items, months) => {
                for sel in items {
                    edits::shift(plan, sel.kind, &sel.id, *months);
                }
            }
            Edit::Place(items) => {
                for item in items {
                    match item.kind {
                        ItemKind::Investment => {
                            edits::place_investment(plan, &item.id, item.month, &item.layer)
                        }
                        _ => edits::place_milestone(plan, &item.id, item.month, &item.layer),
                    }
                }
            }
            Edit::SetStart(id, month) => edits::set_start(plan, id, *month),
            Edit::SetEnd(id, month) => edits::set_end(plan, id, *month),
            Edit::LinkByDrag(from, to) => {
                edits::link_by_drag(plan, from, to);
            }
            Edit::Add(ItemKind::Milestone, layer, month) => {
                return added(
                    ItemKind::Milestone,
                    edits::add_milestone(plan, layer, *month),
                );
            }
            Edit::Add(_, layer, month) => {
                let id = edits::add_investment(plan, layer, *month);
                return added(ItemKind::Investment, id);
            }
            Edit::AddDependency(layer) => {
                return added(ItemKind::Dependency, edits::add_dependency(plan, layer));
            }
            Edit::AddLayer => return added(ItemKind::Layer, edits::add_layer(plan)),
            Edit::MoveLayer(id, step) => edits::move_layer(plan, id, *step),
            Edit::Stops(stops) => plan.stops.clone_from(stops),
            Edit::Resolve(conflict, choice) => {
                crate::analysis::merge::resolve(plan, conflict, choice)
                    .map_err(|e| e.to_string())?;
            }
            Edit::Replace(new) => *plan = Roadmap::clone(new),
            Edit::All(edits) => {
                let mut added = None;
                for edit in edits {
                    added = edit.apply(plan)?.or(added);
                }
                return Ok(added);
            }
        }
        Ok(None)
    }
}

/// Replaces the element of `list` with the same id as `item`.
fn put<T: Clone, I: Borrow<T> + From<T>>(list: &mut [I], item: &T, id: impl Fn(&T) -> &String) {
    if let Some(slot) = list.iter_mut().find(|x| id((**x).borrow()) == id(item)) {
        *slot = I::from(item.clone());
    }
}

/// A change to the view, as data; the canvas applies the same change to the view it draws
/// this frame.
#[derive(Debug, Clone, PartialEq)]
pub enum ViewChange {
    /// Selects one item alone (or nothing).
    Select(Option<Selection>),
    /// Adds an item to the selection or takes it out.
    Toggle(Selection),
    /// Selects these items (`true`: besides what is selected).
    SelectMany(Vec<Selection>, bool),
    /// Makes a selected item the primary one, keeping the selection.
    Primary(Selection),
    /// Scrolls the canvas to the selection on the next frame.
    Reveal,
    /// Pans by points.
    Pan(f32, f32),
    /// Zooms by a factor around a point of the time area.
    Zoom(f32, f32),
    /// Fits the plan's horizon into a time area this wide.
    Fit(f32),
    /// Fits the plan into the canvas on the next frame.
    FitLater,
    /// Shows a month in a time area this wide.
    ShowMonth(f32, f32),
    /// Scrolls the lanes to this height.
    ScrollTo(f32),
    /// Asks (or stops asking) to scroll to the selection on the next frame.
    RevealPending(bool),
    /// Moves the time cursor (or removes it).
    Cursor(Option<Month>),
    /// Collapses or expands a lane.
    ToggleLane(String),
    /// Outlines the selected milestone's critical path on the canvas, or not.
    CriticalPath(bool),
    /// Shows the inspector.
    ShowInspector,
    /// Shows the Stops panel.
    ShowStops,
    /// Shows or hides the Stops panel.
    ToggleStops,
    /// Shows `from..=to` in a time area this wide, `focus` selected (a stop).
    Window {
        /// First month.
        from: Month,
        /// Last month.
        to: Month,
        /// Width of the time area.
        width: f32,
        /// The item in focus.
        focus: Option<Selection>,
    },
}

impl ViewChange {
    /// Makes the change to `view`; `plan` is the plan shown.
    pub fn apply(&self, view: &mut ViewState, plan: &Roadmap) {
        match self {
            ViewChange::Select(s) => view.select_only(s.clone()),
            ViewChange::Toggle(s) => view.toggle(s.clone()),
            ViewChange::SelectMany(items, add) => view.select_many(items.clone(), *add),
            ViewChange::Primary(s) => view.selection = Some(s.clone()),
            ViewChange::Reveal => {
                view.reveal_pending = true;
            }
            ViewChange::Pan(dx, dy) => view.pan(*dx, *dy),
            ViewChange::Zoom(factor, anchor) => view.zoom_around(*factor, *anchor),
            ViewChange::Fit(width) => view.fit(plan, *width),
            ViewChange::FitLater => view.fit_pending = true,
            ViewChange::ShowMonth(month, width) => view.reveal(*month, *width),
            ViewChange::ScrollTo(y) => view.scroll_y = *y,
            ViewChange::RevealPending(on) => view.reveal_pending = *on,
            ViewChange::Cursor(m) => view.cursor = *m,
            ViewChange::ToggleLane(layer) => view.toggle_lane(layer),
            ViewChange::CriticalPath(on) => view.critical_path = *on,
            ViewChange::ShowInspector => view.panels.inspector = true,
            ViewChange::ShowStops => view.panels.stops = true,
            ViewChange::ToggleStops => view.panels.stops ^= true,
            ViewChange::Window {
                from,
                to,
                width,
                focus,
            } => {
                let months = (from.months_until(*to) + 1).max(1) as f32;
                view.first_month = from.index() as f32;
                view.points_per_month = (width / months).clamp(MIN_ZOOM, MAX_ZOOM);
                view.fitted_width = None;
                view.fit_pending = false;
                view.selection = focus.clone();
            }
        }
    }
}

/// The actions pushed during one frame.
#[derive(Debug, Default)]
pub struct Actions(Vec<Action>);

impl Actions {
    /// Asks for `action` after the pass.
    pub fn push(&mut self, action: Action) {
        self.0.push(action);
    }

    /// Asks for a view change.
    pub fn view(&mut self, change: ViewChange) {
        self.0.push(Action::View(change));
    }

    /// Selects one item alone (or nothing).
    pub fn select(&mut self, selection: Option<Selection>) {
        self.view(ViewChange::Select(selection));
    }

    /// Selects an item and scrolls the canvas to it.
    pub fn select_and_reveal(&mut self, selection: Selection) {
        self.select(Some(selection));
        self.view(ViewChange::Reveal);
    }

    /// Changes the plan as one undo step labelled `label`.
    pub fn edit(&mut self, label: impl Into<String>, edit: Edit) {
        self.0.push(Action::Edit(Record::step(label), edit));
    }

    /// Changes the plan; consecutive edits with the same `key` are one undo step.
    pub fn edit_merging(&mut self, label: impl Into<String>, key: impl Into<String>, edit: Edit) {
        self.0.push(Action::Edit(
            Record::Merging(label.into(), key.into()),
            edit,
        ));
    }

    /// Runs a command.
    pub fn run(&mut self, command: Command) {
        self.0.push(Action::Run(command));
    }

    /// Says something in the status line.
    pub fn status(&mut self, text: impl Into<String>) {
        self.0.push(Action::Status(text.into()));
    }

    /// Whether nothing was asked for.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The actions, in the order they were pushed.
    pub fn take(&mut self) -> Vec<Action> {
        std::mem::take(&mut self.0)
    }
}
