//! The open document and its snapshot undo history: every edit goes through here. A snapshot
//! shares every item the edits after it left alone (see [`Shared`]), so it costs little.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::model::{Roadmap, Shared};

/// The next revision number of any document in this process: revisions are never reused,
/// so a cache keyed by a revision cannot mistake a new or reopened plan for the one it saw.
static NEXT_REVISION: AtomicU64 = AtomicU64::new(1);

/// A revision number no document of this process has had before.
fn fresh_revision() -> u64 {
    NEXT_REVISION.fetch_add(1, Ordering::Relaxed)
}

/// How many undo steps are kept at most; older ones are dropped.
const MAX_STEPS: usize = 200;
/// Steps share the items they did not change (see [`Shared`]); the items a step changed are
/// its own: at most this many of those in all steps, so that edits of every item of a
/// 10,000-item plan (a shift of the whole plan) keep 50 steps (about 200 MB) rather than 200.
const MAX_ITEMS_KEPT: usize = 500_000;
/// Steps kept whatever they changed.
const MIN_STEPS: usize = 10;

/// One recorded state: the plan before (undo) or after (redo) an edit.
#[derive(Debug, Clone)]
struct Step {
    /// What the edit did, e.g. "Move bar".
    label: String,
    /// The whole plan at that point (shared with the document while nothing changed it).
    plan: Arc<Roadmap>,
    /// The revision the plan had.
    revision: u64,
    /// How many items the step holds alone: those its edit changed.
    changed: usize,
}

/// The plan being edited, where it lives on disk, and its undo/redo history.
#[derive(Debug)]
pub struct Document {
    plan: Arc<Roadmap>,
    path: Option<PathBuf>,
    revision: u64,
    /// The revision the document was created with (an untitled plan still at it is unmodified).
    created: u64,
    saved_revision: Option<u64>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    gesture: Option<Step>,
    merge_key: Option<String>,
}

impl Document {
    /// A document holding `plan`, saved at `path` (unsaved and untitled when `None`).
    pub fn new(plan: Roadmap, path: Option<PathBuf>) -> Document {
        let revision = fresh_revision();
        let saved_revision = path.as_ref().map(|_| revision);
        Document {
            plan: Arc::new(plan),
            path,
            revision,
            created: revision,
            saved_revision,
            undo: Vec::new(),
            redo: Vec::new(),
            gesture: None,
            merge_key: None,
        }
    }

    /// The current plan.
    pub fn plan(&self) -> &Roadmap {
        &self.plan
    }

    /// The current plan, shared rather than copied (for a worker thread to read while the
    /// document goes on changing: the next edit copies the plan, not the worker's).
    pub fn shared_plan(&self) -> Arc<Roadmap> {
        Arc::clone(&self.plan)
    }

    /// The file the document is saved in, if any.
    pub fn path(&self) -> Option<&PathBuf> {
        self.path.as_ref()
    }

    /// A number that changes whenever the plan changes, unique across every document of the
    /// process (so caches keyed by it also notice New, Open and Recover).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Whether the plan differs from what was last saved (an untitled plan counts as
    /// modified once edited).
    pub fn is_modified(&self) -> bool {
        match self.saved_revision {
            Some(saved) => saved != self.revision,
            None => self.revision != self.created,
        }
    }

    /// Records that the plan was saved to `path` as it is now.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.saved_revision = Some(self.revision);
        // Typing on after a save starts a step of its own (see `edit_merging`).
        self.merge_key = None;
    }

    /// Applies `change` as one undoable step named `label`; nothing is recorded when the plan
    /// did not change.
    pub fn edit(&mut self, label: &str, change: impl FnOnce(&mut Roadmap)) {
        self.finish_gesture();
        let before = Arc::clone(&self.plan);
        change(Arc::make_mut(&mut self.plan));
        if self.plan != before {
            self.record(label, before);
        } else {
            self.plan = before;
        }
        self.merge_key = None;
    }

    /// Like [`Document::edit`], but consecutive edits with the same `key` (typing in one
    /// field) form a single undo step.
    pub fn edit_merging(&mut self, label: &str, key: &str, change: impl FnOnce(&mut Roadmap)) {
        self.finish_gesture();
        if self.merge_key.as_deref() == Some(key) && self.redo.is_empty() && !self.undo.is_empty() {
            // The step before the typing is recorded already: change the plan in place
            // (copying only the items it changes, if an undo step or a worker holds them). Callers send only real changes.
            change(Arc::make_mut(&mut self.plan));
            self.revision = fresh_revision();
            return;
        }
        let before = Arc::clone(&self.plan);
        change(Arc::make_mut(&mut self.plan));
        if self.plan == before {
            self.plan = before;
            return;
        }
        self.record(label, before);
        self.merge_key = Some(key.to_owned());
    }

    /// Changes the plan as part of a gesture (a drag): the first change remembers the plan
    /// before it, and [`Document::end_gesture`] records the whole gesture as one step.
    pub fn gesture_edit(&mut self, change: impl FnOnce(&mut Roadmap)) {
        if self.gesture.is_none() {
            let before = Arc::clone(&self.plan);
            self.gesture = Some(Step {
                label: String::new(),
                plan: before,
                revision: self.revision,
                changed: 0,
            });
        }
        change(Arc::make_mut(&mut self.plan));
        self.revision = fresh_revision();
    }

    /// Ends the current gesture, recording it as one step named `label` if it changed the plan.
    pub fn end_gesture(&mut self, label: &str) {
        let Some(start) = self.gesture.take() else {
            return;
        };
        if start.plan == self.plan {
            self.revision = start.revision;
            return;
        }
        self.push_undo(Step {
            label: label.to_owned(),
            changed: changed_items(&start.plan, &self.plan),
            plan: start.plan,
            revision: start.revision,
        });
        self.redo.clear();
        self.merge_key = None;
    }

    /// Abandons the current gesture and puts the plan back as it was before it.
    pub fn cancel_gesture(&mut self) {
        if let Some(start) = self.gesture.take() {
            self.plan = start.plan;
            self.revision = start.revision;
        }
    }

    /// Whether a gesture is under way.
    pub fn in_gesture(&self) -> bool {
        self.gesture.is_some()
    }

    /// What undo would take back, if anything.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// What redo would do again, if anything.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Takes back the last step; false when there is none.
    pub fn undo(&mut self) -> bool {
        self.finish_gesture();
        let Some(step) = self.undo.pop() else {
            return false;
        };
        let current = self.swap_in(step.plan, step.revision);
        self.redo.push(Step {
            label: step.label,
            plan: current.0,
            revision: current.1,
            changed: step.changed,
        });
        self.merge_key = None;
        true
    }

    /// Does the last undone step again; false when there is none.
    pub fn redo(&mut self) -> bool {
        self.finish_gesture();
        let Some(step) = self.redo.pop() else {
            return false;
        };
        let current = self.swap_in(step.plan, step.revision);
        self.undo.push(Step {
            label: step.label,
            plan: current.0,
            revision: current.1,
            changed: step.changed,
        });
        self.merge_key = None;
        true
    }

    fn swap_in(&mut self, plan: Arc<Roadmap>, revision: u64) -> (Arc<Roadmap>, u64) {
        let old_plan = std::mem::replace(&mut self.plan, plan);
        let old_revision = std::mem::replace(&mut self.revision, revision);
        (old_plan, old_revision)
    }

    fn finish_gesture(&mut self) {
        if self.gesture.is_some() {
            self.end_gesture("Drag");
        }
    }

    fn record(&mut self, label: &str, before: Arc<Roadmap>) {
        let step = Step {
            label: label.to_owned(),
            changed: changed_items(&before, &self.plan),
            plan: before,
            revision: self.revision,
        };
        self.push_undo(step);
        self.redo.clear();
        self.revision = fresh_revision();
    }

    /// Adds `step`, dropping the oldest steps beyond [`MAX_STEPS`] or [`MAX_ITEMS_KEPT`].
    fn push_undo(&mut self, step: Step) {
        self.undo.push(step);
        let mut kept: usize = self.undo.iter().map(|s| s.changed).sum();
        let mut dropped = 0;
        while self.undo.len() - dropped > MIN_STEPS
            && (self.undo.len() - dropped > MAX_STEPS || kept > MAX_ITEMS_KEPT)
        {
            kept -= self.undo[dropped].changed;
            dropped += 1;
        }
        self.undo.drain(..dropped);
    }
}

/// How many items `after` does not share with `before`: what keeping both costs beyond one.
fn changed_items(before: &Roadmap, after: &Roadmap) -> usize {
    fn changed<T>(before: &[Shared<T>], after: &[Shared<T>]) -> usize {
        let kept = before.iter().zip(after).filter(|(a, b)| Shared::same(a, b));
        after.len().max(before.len()) - kept.count()
    }
    changed(&before.dependencies, &after.dependencies)
        + changed(&before.investments, &after.investments)
        + changed(&before.milestones, &after.milestones)
        + after.layers.len()
        + after.stops.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Horizon, Month};

    fn plan() -> Roadmap {
        let m = |s: &str| s.parse::<Month>().unwrap();
        Roadmap::blank(
            "Plan",
            Horizon {
                start: m("2026-01"),
                end: m("2030-12"),
            },
        )
    }

    #[test]
    fn edit_then_undo_and_redo() {
        let mut doc = Document::new(plan(), Some("p.ron".into()));
        doc.edit("Rename plan", |p| p.title = "Other".into());
        assert!(doc.is_modified());
        assert_eq!(doc.undo_label(), Some("Rename plan"));
        assert!(doc.undo());
        assert_eq!(doc.plan().title, "Plan");
        assert!(!doc.is_modified());
        assert_eq!(doc.redo_label(), Some("Rename plan"));
        assert!(doc.redo());
        assert_eq!(doc.plan().title, "Other");
        assert!(doc.is_modified());
    }

    #[test]
    fn a_gesture_is_one_step() {
        let mut doc = Document::new(plan(), None);
        for n in 0..5 {
            doc.gesture_edit(|p| p.title = format!("T{n}"));
        }
        doc.end_gesture("Move bar");
        assert_eq!(doc.plan().title, "T4");
        assert!(doc.undo());
        assert_eq!(doc.plan().title, "Plan");
        assert!(!doc.undo());
    }

    #[test]
    fn typing_in_one_field_merges() {
        let mut doc = Document::new(plan(), None);
        for t in ["P", "Pl", "Pla"] {
            doc.edit_merging("Edit title", "title", |p| p.title = t.into());
        }
        doc.edit("Owner", |p| p.owner = "x".into());
        assert!(doc.undo());
        assert!(doc.undo());
        assert_eq!(doc.plan().title, "Plan");
        assert!(!doc.undo());
    }

    #[test]
    fn typing_on_after_a_save_is_a_step_of_its_own() {
        let mut doc = Document::new(plan(), None);
        doc.edit_merging("Edit title", "title", |p| p.title = "P".into());
        doc.mark_saved("p.ron".into());
        doc.edit_merging("Edit title", "title", |p| p.title = "Pl".into());
        assert!(doc.is_modified());
        assert!(doc.undo());
        assert_eq!(doc.plan().title, "P", "undo goes back to what was saved");
        assert!(!doc.is_modified());
    }

    #[test]
    fn a_new_document_never_repeats_a_revision_of_another() {
        let old = Document::new(plan(), None);
        let new = Document::new(plan(), None);
        assert_ne!(old.revision(), new.revision());
        assert!(!new.is_modified());
        let mut edited = Document::new(plan(), Some("p.ron".into()));
        edited.edit("Rename", |p| p.title = "Other".into());
        let reopened = Document::new(edited.plan().clone(), Some("p.ron".into()));
        assert_ne!(edited.revision(), reopened.revision());
        assert!(!reopened.is_modified());
    }

    #[test]
    fn no_change_records_nothing() {
        let mut doc = Document::new(plan(), None);
        doc.edit("Nothing", |_| {});
        doc.gesture_edit(|_| {});
        doc.end_gesture("Nothing");
        assert_eq!(doc.undo_label(), None);
        assert!(!doc.is_modified());
    }
}

#[cfg(test)]
mod sharing_tests {
    use super::*;
    use crate::generate::large_plan;

    #[test]
    fn an_edit_shares_every_item_it_did_not_change_with_the_step_before() {
        let original = large_plan(3_000, 1);
        let mut doc = Document::new(original.clone(), None);
        doc.edit("Rename", |p| p.investments[0].title = "Renamed".into());
        let before = &doc.undo.last().expect("one step").plan;
        let now = doc.plan();
        assert!(!Shared::same(&before.investments[0], &now.investments[0]));
        assert!(
            before.investments[1..]
                .iter()
                .zip(&now.investments[1..])
                .all(|(a, b)| Shared::same(a, b))
        );
        assert!(
            before
                .milestones
                .iter()
                .zip(&now.milestones)
                .all(|(a, b)| Shared::same(a, b))
        );
        assert!(doc.undo());
        assert_eq!(doc.plan(), &original);
        assert!(doc.redo());
        assert_eq!(doc.plan().investments[0].title, "Renamed");
    }

    #[test]
    fn small_edits_of_a_large_plan_keep_every_step_and_edits_of_every_item_fewer() {
        let mut doc = Document::new(large_plan(10_000, 1), None);
        for k in 0..80 {
            doc.edit("Rename", |p| p.title = format!("v{k}"));
        }
        assert_eq!(doc.undo.len(), 80, "a rename shares all items");
        for _ in 0..80 {
            doc.edit("Raise budgets", |p| {
                p.investments.iter_mut().for_each(|i| i.budget += 1)
            });
        }
        let per_step = doc.plan().investments.len() + doc.plan().layers.len();
        let mut undone = 0;
        while doc.undo() {
            undone += 1;
        }
        assert_eq!(undone, MAX_ITEMS_KEPT / per_step);
        assert_eq!(doc.plan().title, "v79", "the renames were dropped first");
    }
}
