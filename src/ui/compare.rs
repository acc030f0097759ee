//! Comparing the plan being edited with another plan (a file, or the saved version): the
//! comparison follows every edit, the canvas draws the other plan's ghosts, and the Compare
//! panel lists the differences, consequences first.

use std::sync::Arc;

use egui::{Color32, RichText, Ui};

use super::action::{Actions, Context};
use super::commands::Command;
use super::history::Document;
use super::view::Selection;
use crate::analysis::Analysis;
use crate::analysis::compare::{Comparison, Options, compare_with};
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
    pub fn other_analysis(&self) -> &Arc<Analysis> {
        &self.other_analysis
    }
}

impl CompareState {
    /// A comparison with `other` (A), whose analysis is `other_analysis`, called `label`;
    /// `generation` counts the plans compared with.
    pub fn new(
        other: Roadmap,
        other_analysis: Arc<Analysis>,
        label: &str,
        generation: u64,
    ) -> CompareState {
        CompareState {
            other,
            other_analysis,
            label: label.to_owned(),
            generation,
            cached: None,
        }
    }

    /// The comparison of the other plan (A) with `doc`'s plan as it is now (B), whose
    /// analysis is `analysis`; redone after each edit (during a drag on a plan too large to
    /// compare within a frame, the one from before the drag is kept until it ends).
    pub fn comparison_with(
        &mut self,
        doc: &Document,
        analysis: &Analysis,
    ) -> Option<Arc<Comparison>> {
        let revision = doc.revision();
        if let Some((r, c, cost)) = &self.cached
            && (*r == revision || (doc.in_gesture() && *cost > SLOW_COMPARISON))
        {
            return Some(c.clone());
        }
        let started = std::time::Instant::now();
        let comparison = Arc::new(compare_with(
            &self.other,
            &self.other_analysis,
            doc.plan(),
            analysis,
            &Options::default(),
        ));
        self.cached = Some((revision, comparison.clone(), started.elapsed()));
        Some(comparison)
    }
}

/// The Compare panel: what is compared, the headline, "Stop comparing", and every difference
/// (consequences first); clicking one selects its item.
pub fn compare_ui(cx: &Context, ui: &mut Ui, out: &mut Actions) {
    let Some(compared) = cx.compared else {
        return;
    };
    let comparison = compared.comparison;
    ui.heading("Compare");
    ui.label(format!("A: {}", compared.label));
    ui.label("B: this plan, as edited");
    if ui.button("Stop comparing").clicked() {
        out.run(Command::StopComparing);
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
        select_in_plan(cx, &id, out);
    }
}

/// Selects item `id` of the plan being edited and brings it into view; an item only the other
/// plan has is said in the status line.
fn select_in_plan(cx: &Context, id: &str, out: &mut Actions) {
    match cx.plan().kind_of(id) {
        Some(kind) => out.select_and_reveal(Selection::new(kind, id)),
        None => out.status(format!("{id} is only in the other plan")),
    }
}
