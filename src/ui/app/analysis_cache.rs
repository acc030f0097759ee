//! The editor's analysis of the open plan. A large plan, whose analysis takes longer than a
//! frame, is analysed on a worker thread after an edit: until it is done, frames show the
//! analysis of the plan as it was a moment before (the canvas is laid out from the plan
//! itself, so it is never late).

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use crate::analysis::{self, Analysis};
use crate::model::Roadmap;

use crate::ui::history::Document;

/// Plans with more items than this are analysed on a worker thread after an edit (2,000
/// items take about 4 ms, half a frame; a size rather than a measured time keeps what a
/// frame shows the same on every machine).
const LARGE: usize = 2_000;

/// How many items of each kind a plan has. A late analysis is only shown for a plan of the
/// same shape (an edit that moved or renamed things), never after an item was added or
/// removed, so what it says always names items the plan has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape([usize; 4]);

impl Shape {
    fn items(self) -> usize {
        self.0.iter().sum()
    }

    fn of(plan: &Roadmap) -> Shape {
        Shape([
            plan.layers.len(),
            plan.dependencies.len(),
            plan.investments.len(),
            plan.milestones.len(),
        ])
    }
}

/// A finished analysis and the plan it describes.
struct Done {
    revision: u64,
    plan: Arc<Roadmap>,
    analysis: Arc<Analysis>,
}

/// An analysis under way on a worker thread, and the plan it analyses.
struct Running {
    revision: u64,
    plan: Arc<Roadmap>,
    answer: Receiver<Analysis>,
}

/// The newest analysis of the document, and the one being worked out.
pub struct AnalysisCache {
    done: Option<Done>,
    running: Option<Running>,
    large: usize,
    /// The newest revision asked about, and when it was first asked about.
    first_asked: Option<(u64, Instant)>,
}

/// How long the plan stands still before a worker analyses it: a little over a frame, timed
/// rather than counted because a frame asks for the analysis several times.
const SETTLE: Duration = Duration::from_millis(20);

impl Default for AnalysisCache {
    fn default() -> AnalysisCache {
        AnalysisCache::with_threshold(LARGE)
    }
}

impl AnalysisCache {
    /// A cache that analyses plans of more than `large` items on a worker.
    pub fn with_threshold(large: usize) -> AnalysisCache {
        AnalysisCache {
            done: None,
            running: None,
            large,
            first_asked: None,
        }
    }

    /// The analysis of the document as it is now, worked out in this call if need be.
    pub fn current(&mut self, doc: &Document) -> Arc<Analysis> {
        self.collect();
        if let Some(done) = self.done_for(doc.revision()) {
            return done;
        }
        if let Some(running) = self.running.take()
            && running.revision == doc.revision()
            && let Ok(answer) = running.answer.recv()
        {
            return self.keep(running.revision, running.plan, answer);
        }
        self.analyse_here(doc)
    }

    /// The analysis to show in this frame: the current one when it is at hand or quick to
    /// work out; otherwise the last one (of a plan of the same shape) while a worker works
    /// out the current one.
    pub fn analysis_for(&mut self, doc: &Document) -> Arc<Analysis> {
        self.collect();
        if let Some(done) = self.done_for(doc.revision()) {
            return done;
        }
        let shape = Shape::of(doc.plan());
        // The worker starts once the plan has stood still for a frame (not during a drag,
        // nor while keys are typed or held): a worker would compete with the frames for the
        // cores, and its answer would be stale before it came.
        let settled = self.still_for(doc.revision()) >= SETTLE;
        match &self.done {
            Some(done) if shape.items() > self.large && Shape::of(&done.plan) == shape => {
                let late = done.analysis.clone();
                if self.running.is_none() && settled && !doc.in_gesture() {
                    self.start(doc);
                }
                late
            }
            _ => self.current(doc),
        }
    }

    /// Whether a worker is still working out a newer analysis (the frame loop asks for
    /// another frame until it is shown).
    pub fn is_behind(&self, doc: &Document) -> bool {
        self.running.is_some()
            || self
                .done
                .as_ref()
                .is_some_and(|d| d.revision != doc.revision())
    }

    /// Whether the dependency spans of the analysis last shown may differ from those of the
    /// document's plan: it describes an earlier revision, and not one with the very same
    /// dependencies and milestones (a drag of a bar keeps the spans).
    pub fn spans_are_late(&self, doc: &Document) -> bool {
        self.done.as_ref().is_none_or(|d| {
            d.revision != doc.revision() && !analysis::same_spans(&d.plan, doc.plan())
        })
    }

    /// How long `revision` has been the newest one asked about.
    fn still_for(&mut self, revision: u64) -> Duration {
        match self.first_asked {
            Some((asked, since)) if asked == revision => since.elapsed(),
            _ => {
                self.first_asked = Some((revision, Instant::now()));
                Duration::ZERO
            }
        }
    }

    fn done_for(&self, revision: u64) -> Option<Arc<Analysis>> {
        self.done
            .as_ref()
            .filter(|d| d.revision == revision)
            .map(|d| d.analysis.clone())
    }

    /// Takes the worker's answer if it has come.
    fn collect(&mut self) {
        let Some(running) = &self.running else {
            return;
        };
        match running.answer.try_recv() {
            Ok(answer) => {
                if let Some(running) = self.running.take() {
                    self.keep(running.revision, running.plan, answer);
                }
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => self.running = None,
        }
    }

    fn keep(&mut self, revision: u64, plan: Arc<Roadmap>, analysis: Analysis) -> Arc<Analysis> {
        let analysis = Arc::new(analysis);
        self.done = Some(Done {
            revision,
            plan,
            analysis: analysis.clone(),
        });
        analysis
    }

    fn analyse_here(&mut self, doc: &Document) -> Arc<Analysis> {
        let answer = Analysis::of(doc.plan());
        self.keep(doc.revision(), doc.shared_plan(), answer)
    }

    /// Starts a worker on the document as it is now; analyses here if no thread can start.
    fn start(&mut self, doc: &Document) {
        let plan = doc.shared_plan();
        let analysed = Arc::clone(&plan);
        let (send, answer) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("analysis".into())
            .spawn(move || {
                let _ = send.send(Analysis::of(&plan));
            });
        if spawned.is_ok() {
            self.running = Some(Running {
                revision: doc.revision(),
                plan: analysed,
                answer,
            });
        } else {
            self.analyse_here(doc);
        }
    }
}

/// The analysis of a plan the editor shows beside the document (the plan compared with).
pub fn analyse(plan: &Roadmap) -> Arc<Analysis> {
    Arc::new(Analysis::of(plan))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::large_plan;

    /// Moves the first investment a month later as one step of a drag.
    fn drag_step(doc: &mut Document) {
        let id = doc.plan().investments[0].id.clone();
        doc.gesture_edit(|p| {
            crate::ui::edits::shift(p, crate::model::ItemKind::Investment, &id, 1)
        });
    }

    #[test]
    fn a_quick_analysis_follows_every_step_of_a_drag() {
        let mut doc = Document::new(large_plan(60, 3), None);
        let mut cache = AnalysisCache::default();
        let before = cache.analysis_for(&doc);
        drag_step(&mut doc);
        assert!(!Arc::ptr_eq(&before, &cache.analysis_for(&doc)));
    }

    #[test]
    fn a_slow_analysis_is_late_during_a_drag_and_catches_up() {
        let mut doc = Document::new(large_plan(60, 3), None);
        let mut cache = AnalysisCache::with_threshold(0);
        let before = cache.analysis_for(&doc);
        drag_step(&mut doc);
        assert!(
            Arc::ptr_eq(&before, &cache.analysis_for(&doc)),
            "late during the drag"
        );
        doc.end_gesture("Move investment");
        let after = cache.current(&doc);
        assert!(!Arc::ptr_eq(&before, &after), "redone after it");
        assert!(Arc::ptr_eq(&after, &cache.analysis_for(&doc)), "and shown");
    }

    fn nudged(doc: &mut Document) {
        doc.edit("Move", |p| {
            p.investments[0].start = p.investments[0].start.plus(1)
        });
    }

    #[test]
    fn a_slow_analysis_is_shown_late_then_caught_up() {
        let mut doc = Document::new(large_plan(300, 7), None);
        let mut cache = AnalysisCache::with_threshold(0);
        let first = cache.analysis_for(&doc);
        nudged(&mut doc);
        let late = cache.analysis_for(&doc);
        assert!(
            Arc::ptr_eq(&first, &late),
            "the frame shows the last analysis"
        );
        assert!(cache.is_behind(&doc));
        assert!(
            !cache.spans_are_late(&doc),
            "moving a bar changes when no dependency lives"
        );
        doc.edit("Move", |p| {
            p.milestones[0].month = p.milestones[0].month.plus(1)
        });
        cache.analysis_for(&doc);
        assert!(cache.spans_are_late(&doc), "moving a milestone may");
        let now = cache.current(&doc);
        assert!(!cache.spans_are_late(&doc));
        assert!(
            !Arc::ptr_eq(&first, &now),
            "the current analysis is worked out"
        );
        assert!(!cache.is_behind(&doc));
        assert!(Arc::ptr_eq(&now, &cache.analysis_for(&doc)));
    }

    #[test]
    fn the_worker_starts_once_the_plan_stood_still_for_a_frame() {
        let mut doc = Document::new(large_plan(300, 7), None);
        let mut cache = AnalysisCache::with_threshold(0);
        cache.analysis_for(&doc);
        for _ in 0..3 {
            nudged(&mut doc);
            cache.analysis_for(&doc);
            assert!(
                cache.running.is_none(),
                "no worker while edits come every frame"
            );
        }
        cache.analysis_for(&doc);
        assert!(
            cache.running.is_none(),
            "asking again in the same frame is no pause"
        );
        std::thread::sleep(SETTLE);
        cache.analysis_for(&doc);
        assert!(
            cache.running.is_some(),
            "a worker once the plan stood still"
        );
        let now = cache.current(&doc);
        assert!(Arc::ptr_eq(&now, &cache.analysis_for(&doc)));
    }

    #[test]
    fn a_late_analysis_is_never_shown_after_an_item_was_removed() {
        let mut doc = Document::new(large_plan(300, 7), None);
        let mut cache = AnalysisCache::with_threshold(0);
        let first = cache.analysis_for(&doc);
        let id = doc.plan().milestones[0].id.clone();
        doc.edit("Delete", |p| {
            p.milestones.remove(0);
        });
        let shown = cache.analysis_for(&doc);
        assert!(!Arc::ptr_eq(&first, &shown));
        assert!(first.milestone_report(&id).is_some());
        assert!(
            shown.milestone_report(&id).is_none(),
            "the removed milestone is gone"
        );
    }

    #[test]
    fn a_quick_analysis_is_always_current() {
        let mut doc = Document::new(large_plan(300, 7), None);
        let mut cache = AnalysisCache::with_threshold(1_000);
        let first = cache.analysis_for(&doc);
        nudged(&mut doc);
        assert!(!Arc::ptr_eq(&first, &cache.analysis_for(&doc)));
        assert!(!cache.is_behind(&doc));
    }
}
