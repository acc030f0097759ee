//! The open file changed on disk: watching it, and reloading or merging when the planner
//! says so (see `ui/disk.rs` for the bar that asks).

use std::path::Path;

use crate::analysis::merge::merge;
use crate::model::Roadmap;

use super::super::action::{Edit, Record};
use super::super::disk::{self, Choice, Offer};
use super::StackplanApp;

impl StackplanApp {
    /// What the editor offers because the open file changed on disk, if anything.
    pub fn disk_offer(&self) -> Option<&Offer> {
        self.session.disk.as_ref().and_then(|w| w.offer())
    }

    /// Looks at the open file now and then (see [`disk::watch_disk`]).
    pub(super) fn watch_disk(&mut self, ctx: &egui::Context) {
        disk::watch_disk(&mut self.session.disk, &self.session.doc, ctx);
    }

    /// Whether saving to `path` would overwrite a change on disk not offered yet.
    pub(super) fn changed_since_seen(&mut self, path: &Path) -> bool {
        disk::changed_since_seen(&mut self.session.disk, &self.session.doc, path)
    }

    /// Does what the planner chose in the bar.
    pub(super) fn answer_disk(&mut self, choice: Choice) {
        let Some(offer) = self.disk_offer().cloned() else {
            return;
        };
        match (choice, offer) {
            (Choice::Reload, Offer::Changed(disk)) => self.reload(*disk),
            (Choice::Merge, Offer::Changed(disk)) => self.merge_from_disk(*disk),
            (Choice::Ignore, _) => {
                if let Some(w) = self.session.disk.as_mut() {
                    w.ignore();
                }
            }
            _ => {}
        }
    }

    /// Shows the plan on disk, as one undoable step, and counts it as saved.
    fn reload(&mut self, disk: Roadmap) {
        let Some(path) = self.session.doc.path().cloned() else {
            return;
        };
        let edit = Edit::Replace(Box::new(disk.clone()));
        self.edit(Record::step("Reload from disk"), &edit);
        self.session.doc.mark_saved(path);
        self.ui.status = "Reloaded the plan from disk".to_owned();
        self.settle(disk);
    }

    /// Merges the changes on disk into the unsaved edits, as one undoable step; the edits
    /// stay in the recovery file (now merged) until the plan is saved.
    fn merge_from_disk(&mut self, disk: Roadmap) {
        let Some(base) = self.session.disk.as_ref().map(|w| w.base().clone()) else {
            return;
        };
        self.autosave_now();
        let merged = merge(&base, self.plan(), &disk);
        let edit = Edit::Replace(Box::new(merged.plan.clone()));
        self.edit(Record::step("Merge changes from disk"), &edit);
        if self.plan() == &disk
            && let Some(path) = self.session.doc.path().cloned()
        {
            self.session.doc.mark_saved(path);
        }
        self.autosave_now();
        self.ui.status = merge_summary(merged.conflicts.len(), merged.problems.len());
        self.settle(disk);
    }

    /// The disk's plan becomes the base of the next merge, and the offer is answered.
    fn settle(&mut self, disk: Roadmap) {
        if let Some(w) = self.session.disk.as_mut() {
            w.settle(disk);
        }
    }
}

/// What a merge from disk did, for the status line.
fn merge_summary(conflicts: usize, problems: usize) -> String {
    let mut text = match conflicts {
        0 => "Merged the changes on disk with your edits".to_owned(),
        1 => "Merged the changes on disk: 1 conflict to resolve".to_owned(),
        n => format!("Merged the changes on disk: {n} conflicts to resolve"),
    };
    if problems > 0 {
        text.push_str(&format!(
            "; the merge made {problems} new error(s), see Checks"
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_counts_conflicts_and_new_errors() {
        assert_eq!(
            merge_summary(0, 0),
            "Merged the changes on disk with your edits"
        );
        assert_eq!(
            merge_summary(2, 1),
            "Merged the changes on disk: 2 conflicts to resolve; the merge made 1 new error(s), see Checks"
        );
    }
}
