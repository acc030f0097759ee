//! Comparing the plan being edited with another plan (a file, or the saved version): the
//! comparison follows every edit, the canvas draws the other plan's ghosts, and the Compare
//! panel lists the differences, consequences first.

use std::path::Path;
use std::sync::Arc;

use egui::{Color32, RichText, Ui};

use super::app::StackplanApp;
use super::view::Selection;
use crate::analysis::Analysis;
use crate::analysis::compare::{Comparison, Options, compare_with};
use crate::analysis::two_paths::OtherPath;
use crate::io;
use crate::model::Roadmap;

/// A comparison with saved analyses slower than this is not redone for every drag step.
const SLOW_COMPARISON: std::time::Duration = std::time::Duration::from_millis(8);

/// The other plan of a comparison and the comparison with the plan being edited.
pub struct CompareState {
    other: Roadmap,
    other_analysis: Arc<Analysis>,
    /// What the other plan is, e.g. "the saved version" or a file name.
    pub label: String,
    /// Counts the other plans compared with, so that scenes drawn for one are redone.
    pub generation: u64,
    /// The last comparison: the revision of this plan it describes, and how long it took.
    cached: Option<(u64, Arc<Comparison>, std::time::Duration)>,
}

impl CompareState {
    /// The other plan.
    pub fn other(&self) -> &Roadmap {
        &self.other
    }

    /// The other plan's analysis.
    pub fn other_analysis(&self) -> &Analysis {
        &self.other_analysis
    }
}

impl StackplanApp {
    /// Compares the plan being edited (B) with `other` (A) until "Stop comparing".
    pub fn compare_with(&mut self, other: Roadmap, label: &str) {
        let generation = self.compare.as_ref().map_or(1, |c| c.generation + 1);
        self.compare = Some(CompareState {
            other_analysis: Arc::new(Analysis::of(&other)),
            other,
            label: label.to_owned(),
            generation,
            cached: None,
        });
        self.status = format!("Comparing with {label}");
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
                self.status = "This plan has not been saved yet: nothing to compare with".into()
            }
        }
    }

    /// The other path of the open comparison, for the presentation's and the handout's
    /// comparison stop.
    pub fn other_path(&mut self) -> Option<OtherPath> {
        let (other, other_analysis) = {
            let state = self.compare.as_ref()?;
            (Arc::new(state.other.clone()), state.other_analysis.clone())
        };
        let analysis = self.analysis();
        Some(OtherPath::new(
            self.doc.plan(),
            &analysis,
            other,
            other_analysis,
        ))
    }

    /// Ends the comparison.
    pub fn stop_comparing(&mut self) {
        self.compare = None;
        self.status = "Stopped comparing".to_owned();
    }

    /// The comparison state, when comparing.
    pub fn comparing(&self) -> Option<&CompareState> {
        self.compare.as_ref()
    }

    /// The comparison of the other plan (A) with the plan as it is now (B), redone after each
    /// edit (during a drag on a plan too large to compare within a frame, the one from before
    /// the drag is kept until it ends).
    pub fn comparison(&mut self) -> Option<Arc<Comparison>> {
        let revision = self.document().revision();
        let in_gesture = self.document().in_gesture();
        let state = self.compare.as_ref()?;
        if let Some((r, c, cost)) = &state.cached
            && (*r == revision || (in_gesture && *cost > SLOW_COMPARISON))
        {
            return Some(c.clone());
        }
        let analysis = self.analysis();
        let started = std::time::Instant::now();
        let state = self.compare.as_mut()?;
        let comparison = Arc::new(compare_with(
            &state.other,
            &state.other_analysis,
            self.doc.plan(),
            &analysis,
            &Options::default(),
        ));
        state.cached = Some((revision, comparison.clone(), started.elapsed()));
        Some(comparison)
    }
}

/// The Compare panel: what is compared, the headline, "Stop comparing", and every difference
/// (consequences first); clicking one selects its item.
pub fn compare_ui(app: &mut StackplanApp, ui: &mut Ui) {
    let Some(comparison) = app.comparison() else {
        return;
    };
    let label = app.comparing().map_or(String::new(), |c| c.label.clone());
    ui.heading("Compare");
    ui.label(format!("A: {label}"));
    ui.label("B: this plan, as edited");
    if ui.button("Stop comparing").clicked() {
        app.stop_comparing();
        return;
    }
    ui.separator();
    if comparison.is_same() {
        ui.label("The plans are the same.");
        return;
    }
    ui.label(RichText::new(format!("{}.", comparison.headline())).strong());
    let mut clicked: Option<String> = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for section in comparison.sections() {
                ui.add_space(6.0);
                ui.label(
                    RichText::new(&section.title)
                        .strong()
                        .color(Color32::from_gray(40)),
                );
                for line in &section.lines {
                    let response = ui.add(egui::Label::new(&line.text).sense(egui::Sense::click()));
                    if response.clicked()
                        && let Some(id) = line.ids.first()
                    {
                        clicked = Some(id.clone());
                    }
                }
            }
        });
    if let Some(id) = clicked {
        select_in_plan(app, &id);
    }
}

/// Selects item `id` of the plan being edited and brings it into view; an item only the other
/// plan has is said in the status line.
fn select_in_plan(app: &mut StackplanApp, id: &str) {
    match app.plan().kind_of(id) {
        Some(kind) => {
            app.select(Some(Selection::new(kind, id)));
            app.view_mut().reveal_pending = true;
        }
        None => app.status = format!("{id} is only in the other plan"),
    }
}
