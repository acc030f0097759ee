//! The analysis of the plan being edited, kept while the plan is unchanged: the one place the
//! editor runs [`Analysis::of`] on the document.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::analysis::Analysis;
use crate::ui::history::Document;

/// An analysis slower than this is not redone for every step of a drag.
const SLOW_ANALYSIS: Duration = Duration::from_millis(8);

/// The last analysis: the revision it describes, and how long it took.
#[derive(Default)]
pub struct AnalysisCache {
    last: Option<(u64, Arc<Analysis>, Duration)>,
}

impl AnalysisCache {
    /// The analysis of `doc`'s plan, redone when the plan changed.
    ///
    /// While a drag is under way on a plan whose analysis takes longer than a frame, the
    /// analysis from before the drag is kept until it ends, so that dragging stays smooth.
    pub fn analysis_for(&mut self, doc: &Document) -> Arc<Analysis> {
        let revision = doc.revision();
        if let Some((r, a, cost)) = &self.last
            && (*r == revision || (doc.in_gesture() && *cost > SLOW_ANALYSIS))
        {
            return a.clone();
        }
        let started = Instant::now();
        let a = Arc::new(Analysis::of(doc.plan()));
        self.last = Some((revision, a.clone(), started.elapsed()));
        a
    }
}

/// The analysis of a plan the editor shows beside the document (the plan compared with).
pub fn analyse(plan: &crate::model::Roadmap) -> Arc<Analysis> {
    Arc::new(Analysis::of(plan))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ItemKind;

    fn doc() -> Document {
        Document::new(crate::generate::large_plan(60, 3), None)
    }

    /// Moves the first investment a month later as one step of a drag.
    fn drag_step(doc: &mut Document) {
        let id = doc.plan().investments[0].id.clone();
        doc.gesture_edit(|p| crate::ui::edits::shift(p, ItemKind::Investment, &id, 1));
    }

    #[test]
    fn a_quick_analysis_follows_every_step_of_a_drag() {
        let mut doc = doc();
        let mut cache = AnalysisCache::default();
        let before = cache.analysis_for(&doc);
        drag_step(&mut doc);
        assert!(!Arc::ptr_eq(&before, &cache.analysis_for(&doc)));
    }

    #[test]
    fn a_slow_analysis_waits_for_the_end_of_a_drag() {
        let mut doc = doc();
        let mut cache = AnalysisCache::default();
        let before = cache.analysis_for(&doc);
        if let Some((_, _, cost)) = cache.last.as_mut() {
            *cost = Duration::from_secs(1);
        }
        drag_step(&mut doc);
        drag_step(&mut doc);
        assert!(
            Arc::ptr_eq(&before, &cache.analysis_for(&doc)),
            "kept during the drag"
        );
        doc.end_gesture("Move investment");
        assert!(
            !Arc::ptr_eq(&before, &cache.analysis_for(&doc)),
            "redone after it"
        );
    }
}
