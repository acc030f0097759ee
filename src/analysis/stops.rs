//! Presentation stops of a plan: the saved ones, or an overview, one per milestone and a summary.

use crate::model::{ItemKind, Month, Roadmap, Stop};

/// Months shown before a milestone in its default stop.
const MONTHS_BEFORE: i32 = 24;
/// Months shown after a milestone in its default stop.
const MONTHS_AFTER: i32 = 12;

/// Title of the default first stop.
pub const OVERVIEW_TITLE: &str = "Overview";
/// Title of the default last stop.
pub const SUMMARY_TITLE: &str = "Summary";

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
            },
            kind: StopKind::Milestone(m.id.clone()),
        }
    }));
    slides.push(whole(SUMMARY_TITLE, "", StopKind::Summary));
    slides
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testplan::{m, plan};
    use crate::model::{Horizon, Milestone};

    fn milestone(id: &str, month: &str) -> Milestone {
        Milestone {
            id: id.into(),
            title: format!("Milestone {id}"),
            month: m(month),
            layer: "models".into(),
            needs: Vec::new(),
            removes: Vec::new(),
            introduces: Vec::new(),
            notes: format!("notes for {id}"),
        }
    }

    fn decade() -> Roadmap {
        let mut p = plan();
        p.horizon = Horizon {
            start: m("2026-01"),
            end: m("2035-12"),
        };
        p
    }

    #[test]
    fn defaults_are_overview_milestones_by_date_then_summary() {
        let mut p = decade();
        p.milestones = vec![
            milestone("late", "2031-06"),
            milestone("early", "2027-03"),
            milestone("middle", "2029-01"),
        ];
        let slides = slides_of(&p);
        let focus: Vec<_> = slides.iter().map(|s| s.stop.focus.as_deref()).collect();
        assert_eq!(
            focus,
            [None, Some("early"), Some("middle"), Some("late"), None]
        );
        assert_eq!(slides[0].kind, StopKind::Overview);
        assert_eq!(slides[4].kind, StopKind::Summary);
        assert_eq!(slides[2].kind, StopKind::Milestone("middle".into()));
        assert_eq!(slides[2].stop.title, "Milestone middle");
        assert_eq!(slides[2].stop.notes, "notes for middle");
        assert_eq!(
            (slides[0].stop.from, slides[0].stop.to),
            (m("2026-01"), m("2035-12"))
        );
    }

    #[test]
    fn milestone_window_surrounds_its_month_inside_the_horizon() {
        let p = decade();
        assert_eq!(
            window_around(&p, m("2030-06")),
            (m("2028-06"), m("2031-06"))
        );
        assert_eq!(
            window_around(&p, m("2026-04")),
            (m("2026-01"), m("2029-01"))
        );
        assert_eq!(
            window_around(&p, m("2035-10")),
            (m("2032-12"), m("2035-12"))
        );
    }

    #[test]
    fn short_horizon_is_shown_whole_and_outside_months_stay_in_view() {
        let p = plan();
        assert_eq!(
            window_around(&p, m("2026-05")),
            (m("2026-01"), m("2026-12"))
        );
        assert_eq!(
            window_around(&p, m("2028-02")),
            (m("2026-01"), m("2028-02"))
        );
    }

    #[test]
    fn plan_without_milestones_has_overview_and_summary() {
        let stops = default_stops(&plan());
        let titles: Vec<_> = stops.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, [OVERVIEW_TITLE, SUMMARY_TITLE]);
    }

    #[test]
    fn saved_stops_replace_the_defaults_in_their_order() {
        let mut p = decade();
        p.milestones = vec![milestone("a", "2027-01")];
        let saved = |title: &str, focus: Option<&str>| Stop {
            title: title.into(),
            from: m("2027-01"),
            to: m("2028-01"),
            layers: vec!["models".into()],
            focus: focus.map(Into::into),
            notes: String::new(),
        };
        p.stops = vec![saved("Second", None), saved("First", Some("a"))];
        assert_eq!(stops_of(&p), p.stops);
        let kinds: Vec<_> = slides_of(&p).into_iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [StopKind::Window, StopKind::Milestone("a".into())]);
    }

    #[test]
    fn date_of_a_milestone_stop_is_the_milestone_month() {
        let mut p = decade();
        p.milestones = vec![milestone("a", "2030-02")];
        let slides = slides_of(&p);
        assert_eq!(slides[1].date(&p), m("2030-02"));
        assert_eq!(slides[2].date(&p), m("2035-12"));
        assert_eq!(slides[0].date(&p), m("2026-01"));
    }
}
