//! Presentation stops of a plan: the saved ones, or an overview, one per milestone and a summary.

use super::Analysis;
use super::two_paths::OtherPath;
use crate::model::{ItemKind, Month, Roadmap, Stop, StopView};

mod facts;
#[cfg(test)]
mod tests;

pub use facts::{Facts, Figure, Line, Tone, dependency_name, facts, facts_with, total_budget};

/// Months shown before a milestone in its default stop.
const MONTHS_BEFORE: i32 = 24;

/// Months shown after a milestone in its default stop.
const MONTHS_AFTER: i32 = 12;

/// Title of the default first stop.
pub const OVERVIEW_TITLE: &str = "Overview";

/// Title of the default last stop.
pub const SUMMARY_TITLE: &str = "Summary";

/// Title of the default sovereignty stop (before the summary).
pub const SOVEREIGNTY_TITLE: &str = "Sovereignty: weakest links and jurisdictions";

/// What a stop shows besides the chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StopKind {
    /// The whole plan and its exposure chart.
    Overview,
    /// A milestone in focus: what it needs, removes and introduces.
    Milestone(String),
    /// Exposure at the start and end, dependencies remaining, total budget.
    Summary,
    /// A saved window with no milestone in focus.
    Window,
    /// The plan against the one it is compared with: both exposure curves and the headline
    /// difference (only while a comparison is open; see [`super::two_paths`]).
    Comparison,
    /// The weakest link of each layer and the exposure share by jurisdiction over the window.
    Sovereignty,
}

/// A stop together with what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slide {
    /// The stop: title, window, layers, focus, notes.
    pub stop: Stop,
    /// What it shows besides the chart.
    pub kind: StopKind,
}

impl Slide {
    /// The month the stop is about: its milestone's month, the overview's start, otherwise the
    /// end of its window.
    pub fn date(&self, plan: &Roadmap) -> Month {
        match &self.kind {
            StopKind::Milestone(id) => plan.milestone(id).map_or(self.stop.to, |m| m.month),
            StopKind::Overview => self.stop.from,
            _ => self.stop.to,
        }
    }
}

impl Slide {
    /// The layers the slide shows (empty = all): the stop's own choice when saved with one;
    /// for a milestone the layers of what it needs, removes and introduces; otherwise all.
    pub fn layers(&self, plan: &Roadmap, analysis: &Analysis) -> Vec<String> {
        if !self.stop.layers.is_empty() {
            return self.stop.layers.clone();
        }
        let StopKind::Milestone(id) = &self.kind else {
            return Vec::new();
        };
        let Some(milestone) = plan.milestone(id) else {
            return Vec::new();
        };
        let mut wanted = vec![milestone.layer.as_str()];
        if let Some(report) = analysis.milestone_report(id) {
            let investments = report
                .needs_all
                .iter()
                .filter_map(|i| plan.investment(i).map(|i| i.layer.as_str()));
            let dependencies = report
                .removes
                .iter()
                .chain(&report.introduces)
                .filter_map(|d| plan.dependency(d).map(|d| d.layer.as_str()));
            wanted.extend(investments.chain(dependencies));
        }
        plan.layers
            .iter()
            .filter(|l| wanted.contains(&l.id.as_str()))
            .map(|l| l.id.clone())
            .collect()
    }

    /// Whether the slide's chart has the dependency lane: not on the overview, whose
    /// exposure chart sums the dependencies up.
    pub fn shows_dependencies(&self) -> bool {
        self.kind != StopKind::Overview
    }

    /// Whether the slide shows the sovereignty view instead of the roadmap chart.
    pub fn is_sovereignty(&self) -> bool {
        self.kind == StopKind::Sovereignty
    }

    /// The months the sovereignty view covers: the stop's window within the plan's horizon
    /// (nothing is known outside it), first to last.
    pub fn sovereignty_window(&self, plan: &Roadmap) -> (Month, Month) {
        let (start, end) = (plan.horizon.start, plan.horizon.end.max(plan.horizon.start));
        let from = self.stop.from.clamp(start, end);
        (from, self.stop.to.clamp(from, end))
    }
}

/// The default stops: an overview, one per milestone in date order, and a summary.
pub fn default_stops(plan: &Roadmap) -> Vec<Stop> {
    default_slides(plan).into_iter().map(|s| s.stop).collect()
}

/// The stops to present: the plan's saved stops when it has any, otherwise the defaults.
pub fn stops_of(plan: &Roadmap) -> Vec<Stop> {
    slides_of(plan).into_iter().map(|s| s.stop).collect()
}

/// The slides to present, with what each shows (saved stops replace the defaults).
pub fn slides_of(plan: &Roadmap) -> Vec<Slide> {
    if plan.stops.is_empty() {
        return default_slides(plan);
    }
    plan.stops
        .iter()
        .map(|stop| Slide {
            kind: saved_kind(plan, stop),
            stop: stop.clone(),
        })
        .collect()
}

fn saved_kind(plan: &Roadmap, stop: &Stop) -> StopKind {
    if stop.view == StopView::Sovereignty {
        return StopKind::Sovereignty;
    }
    match stop.focus.as_deref() {
        Some(id) if plan.kind_of(id) == Some(ItemKind::Milestone) => {
            StopKind::Milestone(id.to_owned())
        }
        _ => StopKind::Window,
    }
}

fn default_slides(plan: &Roadmap) -> Vec<Slide> {
    let whole = |title: &str, notes: &str, kind| Slide {
        stop: Stop {
            title: title.to_owned(),
            from: plan.horizon.start,
            to: plan.horizon.end,
            layers: Vec::new(),
            focus: None,
            notes: notes.to_owned(),
            view: if kind == StopKind::Sovereignty {
                StopView::Sovereignty
            } else {
                StopView::Chart
            },
        },
        kind,
    };
    let mut slides = vec![whole(OVERVIEW_TITLE, &plan.notes, StopKind::Overview)];
    let mut milestones: Vec<_> = plan.milestones.iter().collect();
    milestones.sort_by_key(|m| m.month);
    slides.extend(milestones.into_iter().map(|m| {
        let (from, to) = window_around(plan, m.month);
        Slide {
            stop: Stop {
                title: m.title.clone(),
                from,
                to,
                layers: Vec::new(),
                focus: Some(m.id.clone()),
                notes: m.notes.clone(),
                view: crate::model::StopView::Chart,
            },
            kind: StopKind::Milestone(m.id.clone()),
        }
    }));
    if has_jurisdictions(plan) {
        slides.push(whole(SOVEREIGNTY_TITLE, "", StopKind::Sovereignty));
    }
    slides.push(whole(SUMMARY_TITLE, "", StopKind::Summary));
    slides
}

/// Whether any dependency names its jurisdiction (the default deck then has a sovereignty
/// stop).
pub fn has_jurisdictions(plan: &Roadmap) -> bool {
    plan.dependencies
        .iter()
        .any(|d| !d.jurisdiction.trim().is_empty())
}

/// A window from two years before to a year after `month`, slid inside the horizon when it
/// fits there (a short horizon is shown whole).
pub fn window_around(plan: &Roadmap, month: Month) -> (Month, Month) {
    let (start, end) = (plan.horizon.start, plan.horizon.end);
    let length = MONTHS_BEFORE + MONTHS_AFTER;
    if start.months_until(end) <= length {
        return (start.min(month), end.max(month));
    }
    let mut from = month.plus(-MONTHS_BEFORE);
    if from < start {
        from = start;
    }
    if from.plus(length) > end {
        from = end.plus(-length);
    }
    let from = from.min(month);
    let to = from.plus(length).max(month);
    (from, to)
}

/// The slides to present: [`slides_of`], then the comparison stop when comparing with `other`.
pub fn slides_with(plan: &Roadmap, other: Option<&OtherPath>) -> Vec<Slide> {
    let mut slides = slides_of(plan);
    slides.extend(other.map(|o| o.slide(plan)));
    slides
}
