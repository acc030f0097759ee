//! Starting and ending a comparison with another plan (a file, or the saved version).

use std::path::Path;
use std::sync::Arc;

use crate::analysis::two_paths::OtherPath;
use crate::io;
use crate::model::Roadmap;

use super::super::compare::CompareState;
use super::StackplanApp;

impl StackplanApp {
    /// Compares the plan being edited (B) with `other` (A) until "Stop comparing".
    pub fn compare_with(&mut self, other: Roadmap, label: &str) {
        let generation = self
            .session
            .compare
            .as_ref()
            .map_or(1, |c| c.generation + 1);
        let analysis = super::analysis_cache::analyse(&other);
        self.session.compare = Some(CompareState::new(other, analysis, label, generation));
        self.ui.status = format!("Comparing with {label}");
    }

    /// Compares with the plan in `path`; a file that cannot be read is reported, nothing else
    /// changes.
    pub fn compare_with_file(&mut self, path: &Path) {
        match io::load_path(path) {
            Ok(plan) => {
                let name = path.file_name().map_or(path.display().to_string(), |n| {
                    n.to_string_lossy().into_owned()
                });
                self.compare_with(plan, &name);
            }
            Err(e) => self.show_error("Cannot compare with the file", &e.to_string(), e.position()),
        }
    }

    /// Compares the unsaved edits with the plan's file as it is on disk.
    pub fn compare_with_saved(&mut self) {
        match self.document().path().cloned() {
            Some(path) => match io::load_path(&path) {
                Ok(plan) => self.compare_with(plan, "the saved version"),
                Err(e) => self.show_error(
                    "Cannot read the saved version",
                    &e.to_string(),
                    e.position(),
                ),
            },
            None => {
                self.ui.status = "This plan has not been saved yet: nothing to compare with".into()
            }
        }
    }

    /// The other path of the open comparison, for the presentation's and the handout's
    /// comparison stop.
    pub fn other_path(&mut self) -> Option<OtherPath> {
        let (other, other_analysis) = {
            let state = self.session.compare.as_ref()?;
            (
                Arc::new(state.other().clone()),
                state.other_analysis().clone(),
            )
        };
        let analysis = self.session.analysis_now();
        Some(OtherPath::new(
            self.plan(),
            &analysis,
            other,
            other_analysis,
        ))
    }

    /// Ends the comparison.
    pub fn stop_comparing(&mut self) {
        self.session.compare = None;
        self.ui.status = "Stopped comparing".to_owned();
    }

    /// The comparison state, when comparing.
    pub fn comparing(&self) -> Option<&CompareState> {
        self.session.compare.as_ref()
    }

    /// The comparison of the other plan (A) with the plan as it is now (B).
    pub fn comparison(&mut self) -> Option<Arc<crate::analysis::compare::Comparison>> {
        self.session.comparison()
    }
}
