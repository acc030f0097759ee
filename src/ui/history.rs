//! The open document and its snapshot undo history: every edit goes through here.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::JoinHandle;

use crate::model::Roadmap;

/// The next revision number of any document in this process: revisions are never reused,
/// so a cache keyed by a revision cannot mistake a new or reopened plan for the one it saw.
static NEXT_REVISION: AtomicU64 = AtomicU64::new(1);

/// A revision number no document of this process has had before.
fn fresh_revision() -> u64 {
    NEXT_REVISION.fetch_add(1, Ordering::Relaxed)
}

/// How many undo steps are kept at most; older ones are dropped.
const MAX_STEPS: usize = 200;
/// Undo keeps whole copies of the plan: at most this many items in all of them, so that a
/// 10,000-item plan keeps 50 steps (about 200 MB) rather than 200.
const MAX_ITEMS_KEPT: usize = 500_000;
/// Steps kept whatever the plan's size.
const MIN_STEPS: usize = 10;

/// Plans with more items than this get a spare copy, made on a worker thread after each step,
/// for the next edit to change: copying 10,000 items takes about 4 ms, half a frame.
const SPARE_ABOVE: usize = 2_000;

/// A copy of the plan at `revision`, being made on a worker thread.
#[derive(Debug)]
struct Spare {
    revision: u64,
    copy: JoinHandle<Roadmap>,
}

/// One recorded state: the plan before (undo) or after (redo) an edit.
#[derive(Debug, Clone)]
struct Step {
    /// What the edit did, e.g. "Move bar".
    label: String,
    /// The whole plan at that point (shared with the document while nothing changed it).
    plan: Arc<Roadmap>,
    /// The revision the plan had.
    revision: u64,
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
    /// A copy of the plan for the next step to change, on a large plan.
    spare: Option<Spare>,
}

impl Document {
    /// A document holding `plan`, saved at `path` (unsaved and untitled when `None`).
    pub fn new(plan: Roadmap, path: Option<PathBuf>) -> Document {
        let revision = fresh_revision();
        let saved_revision = path.as_ref().map(|_| revision);
        let mut doc = Document {
            plan: Arc::new(plan),
            path,
            revision,
            created: revision,
            saved_revision,
            undo: Vec::new(),
            redo: Vec::new(),
            gesture: None,
            merge_key: None,
            spare: None,
        };
        doc.prepare_spare();
        doc
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
        let before = self.use_spare();
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
            // (no copy, unless a worker still reads it). Callers send only real changes.
            change(Arc::make_mut(&mut self.plan));
            self.revision = fresh_revision();
            return;
        }
        let before = self.use_spare();
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
            let before = self.use_spare();
            self.gesture = Some(Step {
                label: String::new(),
                plan: before,
                revision: self.revision,
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
            plan: start.plan,
            revision: start.revision,
        });
        self.redo.clear();
        self.merge_key = None;
        self.prepare_spare();
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
        });
        self.merge_key = None;
        true
    }

    fn swap_in(&mut self, plan: Arc<Roadmap>, revision: u64) -> (Arc<Roadmap>, u64) {
        let old_plan = std::mem::replace(&mut self.plan, plan);
        let old_revision = std::mem::replace(&mut self.revision, revision);
        (old_plan, old_revision)
    }

    /// Puts the spare copy of this revision in place of the plan (waiting for the rest of
    /// it if the worker is not done: less than copying anew), so that changing the plan
    /// copies nothing in this frame; returns the plan as it was, for undo.
    fn use_spare(&mut self) -> Arc<Roadmap> {
        let before = Arc::clone(&self.plan);
        let ready = self
            .spare
            .take()
            .filter(|spare| spare.revision == self.revision)
            .and_then(|spare| spare.copy.join().ok());
        if let Some(copy) = ready {
            self.plan = Arc::new(copy);
        }
        before
    }

    /// Starts copying a large plan on a worker thread for the next step to change.
    fn prepare_spare(&mut self) {
        let current = |s: &Spare| s.revision == self.revision;
        if self.plan.item_count() <= SPARE_ABOVE || self.spare.as_ref().is_some_and(current) {
            return;
        }
        let plan = Arc::clone(&self.plan);
        let spawned = std::thread::Builder::new()
            .name("undo copy".into())
            .spawn(move || Roadmap::clone(&plan));
        self.spare = spawned.ok().map(|copy| Spare {
            revision: self.revision,
            copy,
        });
    }

    fn finish_gesture(&mut self) {
        if self.gesture.is_some() {
            self.end_gesture("Drag");
        }
    }

    fn record(&mut self, label: &str, before: Arc<Roadmap>) {
        let step = Step {
            label: label.to_owned(),
            plan: before,
            revision: self.revision,
        };
        self.push_undo(step);
        self.redo.clear();
        self.revision = fresh_revision();
        self.prepare_spare();
    }

    fn push_undo(&mut self, step: Step) {
        let per_step = step.plan.item_count().max(1);
        let kept = (MAX_ITEMS_KEPT / per_step).clamp(MIN_STEPS, MAX_STEPS);
        self.undo.push(step);
        if self.undo.len() > kept {
            let excess = self.undo.len() - kept;
            self.undo.drain(..excess);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Horizon, Month};

    #[test]
    fn a_large_plan_keeps_fewer_undo_steps() {
        let mut doc = Document::new(crate::generate::large_plan(10_000, 1), None);
        for k in 0..80 {
            doc.edit("Rename", |p| p.title = format!("v{k}"));
        }
        let mut undone = 0;
        while doc.undo() {
            undone += 1;
        }
        assert_eq!(undone, MAX_ITEMS_KEPT / doc.plan().item_count());
        assert_eq!(doc.plan().title, "v29", "the oldest steps were dropped");
    }

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
mod spare_tests {
    use super::*;
    use crate::generate::large_plan;

    /// Waits until the worker has made the spare copy; where its items are.
    fn wait_for_spare(doc: &mut Document) -> *const crate::model::Investment {
        let spare = doc.spare.take().expect("a spare copy is being made");
        let copy = spare.copy.join().expect("the copy is made");
        let items = copy.investments.as_ptr();
        doc.spare = Some(Spare {
            revision: spare.revision,
            copy: std::thread::spawn(move || copy),
        });
        items
    }

    fn retitle(doc: &mut Document, title: &str) {
        doc.edit("Rename", |p| p.investments[0].title = title.into());
    }

    #[test]
    fn an_edit_of_a_large_plan_changes_the_spare_copy_and_undo_still_has_the_plan_before() {
        let original = large_plan(3_000, 1);
        let mut doc = Document::new(original.clone(), None);
        let spare = wait_for_spare(&mut doc);
        retitle(&mut doc, "Renamed");
        assert_eq!(
            doc.plan().investments.as_ptr(),
            spare,
            "the edit took the copy made on the worker"
        );
        assert_eq!(doc.plan().investments[0].title, "Renamed");
        assert!(doc.undo());
        assert_eq!(doc.plan(), &original);
        assert!(doc.redo());
        assert_eq!(doc.plan().investments[0].title, "Renamed");
    }

    #[test]
    fn a_spare_copy_of_an_earlier_revision_is_never_changed_instead_of_the_plan() {
        let mut doc = Document::new(large_plan(3_000, 1), None);
        wait_for_spare(&mut doc);
        doc.edit_merging("Edit title", "title", |p| p.title = "A".into());
        let stale = wait_for_spare(&mut doc);
        // Typing on changes the plan in place: the spare is now a revision behind.
        doc.edit_merging("Edit title", "title", |p| p.title = "AB".into());
        retitle(&mut doc, "Renamed");
        assert_ne!(doc.plan().investments.as_ptr(), stale);
        assert_eq!(doc.plan().title, "AB", "the typing is kept");
        assert_eq!(doc.plan().investments[0].title, "Renamed");
        assert!(doc.undo());
        assert_eq!(doc.plan().title, "AB");
        assert!(doc.undo());
        assert_eq!(doc.plan().title, large_plan(3_000, 1).title);
    }

    #[test]
    fn a_small_plan_makes_no_spare_copy() {
        let mut doc = Document::new(large_plan(200, 1), None);
        retitle(&mut doc, "Renamed");
        assert!(doc.spare.is_none());
    }
}
