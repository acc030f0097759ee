//! Presentation stops of a plan: the saved ones, or an overview, one per milestone and a summary.

use super::Analysis;
use super::two_paths::OtherPath;
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
    /// The plan against the one it is compared with: both exposure curves and the headline
    /// difference (only while a comparison is open; see [`super::two_paths`]).
    Comparison,
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

/// A large figure of a slide: a value and what it counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// The value, e.g. "14" or "62 to 31".
    pub value: String,
    /// What it counts, e.g. "live dependencies in 2029-06".
    pub label: String,
}

/// How a line of slide text is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// A heading over the lines below it.
    Heading,
    /// A dependency the milestone removes: struck through.
    Removed,
    /// A dependency the milestone introduces.
    Introduced,
    /// A trade: one dependency swapped for another still not under national control.
    Trade,
    /// Secondary detail.
    Detail,
}

/// One line of slide text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The words.
    pub text: String,
    /// How they are shown.
    pub tone: Tone,
}

/// What a slide says besides the chart, the same on screen and in the handout.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facts {
    /// The large figures, left to right.
    pub figures: Vec<Figure>,
    /// Lines of detail, top to bottom.
    pub lines: Vec<Line>,
}

/// Investments listed by name under a milestone; the rest are counted.
const NEEDS_LISTED: usize = 6;
/// Dependencies listed by name on the summary; the rest are counted.
const REMAINING_LISTED: usize = 8;

/// The figures and lines of `slide`: live dependencies and exposure at its date; for a
/// milestone what it removes, introduces (trades marked) and needs; for the summary the
/// exposure at start and end, the dependencies remaining and the total budget.
pub fn facts(plan: &Roadmap, analysis: &Analysis, slide: &Slide) -> Facts {
    match &slide.kind {
        StopKind::Summary => summary_facts(plan, analysis),
        StopKind::Milestone(id) => {
            let mut facts = Facts {
                figures: date_figures(analysis, slide.date(plan)),
                lines: Vec::new(),
            };
            milestone_lines(plan, analysis, id, &mut facts.lines);
            facts
        }
        StopKind::Overview => Facts {
            figures: date_figures(analysis, slide.date(plan)),
            lines: overview_lines(plan, analysis),
        },
        StopKind::Window => Facts {
            figures: date_figures(analysis, slide.date(plan)),
            lines: Vec::new(),
        },
        // What it says comes from the other path: see `facts_with`.
        StopKind::Comparison => Facts::default(),
    }
}

/// The facts of `slide`, the comparison stop's from `other`, the path compared with.
pub fn facts_with(
    plan: &Roadmap,
    analysis: &Analysis,
    slide: &Slide,
    other: Option<&OtherPath>,
) -> Facts {
    match (&slide.kind, other) {
        (StopKind::Comparison, Some(other)) => other.facts(plan),
        _ => facts(plan, analysis, slide),
    }
}

/// The slides to present: [`slides_of`], then the comparison stop when comparing with `other`.
pub fn slides_with(plan: &Roadmap, other: Option<&OtherPath>) -> Vec<Slide> {
    let mut slides = slides_of(plan);
    slides.extend(other.map(|o| o.slide(plan)));
    slides
}

fn line(text: impl Into<String>, tone: Tone) -> Line {
    Line {
        text: text.into(),
        tone,
    }
}

/// Live dependencies and exposure at `date`.
fn date_figures(analysis: &Analysis, date: Month) -> Vec<Figure> {
    vec![
        Figure {
            value: analysis.state_at(date).live.len().to_string(),
            label: format!("live dependencies in {date}"),
        },
        Figure {
            value: analysis.exposure_at(date).total.to_string(),
            label: format!("exposure in {date}"),
        },
    ]
}

/// "Name (Control level)" for a dependency id (the id itself when it names none).
pub fn dependency_name(plan: &Roadmap, id: &str) -> String {
    plan.dependency(id).map_or_else(
        || id.to_owned(),
        |d| format!("{} ({})", d.name, d.control.label()),
    )
}

fn milestone_lines(plan: &Roadmap, analysis: &Analysis, id: &str, lines: &mut Vec<Line>) {
    let Some(report) = analysis.milestone_report(id) else {
        return;
    };
    if !report.removes.is_empty() {
        lines.push(line("Removes", Tone::Heading));
        for dep in &report.removes {
            lines.push(line(dependency_name(plan, dep), Tone::Removed));
        }
    }
    if !report.introduces.is_empty() {
        lines.push(line("Introduces", Tone::Heading));
        for dep in &report.introduces {
            lines.push(line(
                format!("+ {}", dependency_name(plan, dep)),
                Tone::Introduced,
            ));
            for trade in report.trades.iter().filter(|t| &t.introduced == dep) {
                let removed = plan
                    .dependency(&trade.removed)
                    .map_or(trade.removed.as_str(), |d| d.name.as_str());
                lines.push(line(
                    format!("TRADE for {removed}: still not under national control"),
                    Tone::Trade,
                ));
            }
        }
    }
    if !report.needs_all.is_empty() {
        let cost = money(report.total_cost, &plan.currency);
        let count = report.needs_all.len();
        let noun = if count == 1 {
            "investment"
        } else {
            "investments"
        };
        lines.push(line(format!("Needs {count} {noun}, {cost}"), Tone::Heading));
        for need in report.needs_all.iter().take(NEEDS_LISTED) {
            let title = plan.investment(need).map_or(need.as_str(), |i| &i.title);
            lines.push(line(title, Tone::Detail));
        }
        let more = report.needs_all.len().saturating_sub(NEEDS_LISTED);
        if more > 0 {
            lines.push(line(format!("and {more} more"), Tone::Detail));
        }
    }
}

fn overview_lines(plan: &Roadmap, analysis: &Analysis) -> Vec<Line> {
    let (start, end) = (plan.horizon.start, plan.horizon.end);
    vec![
        line(
            format!(
                "Exposure {} in {start}, {} in {end}",
                analysis.exposure_at(start).total,
                analysis.exposure_at(end).total
            ),
            Tone::Heading,
        ),
        line(
            format!(
                "{} milestones, {} investments, {} dependencies",
                plan.milestones.len(),
                plan.investments.len(),
                plan.dependencies.len()
            ),
            Tone::Detail,
        ),
        line(
            format!("Total budget {}", money(total_budget(plan), &plan.currency)),
            Tone::Detail,
        ),
    ]
}

fn summary_facts(plan: &Roadmap, analysis: &Analysis) -> Facts {
    let (start, end) = (plan.horizon.start, plan.horizon.end);
    let remaining = analysis.state_at(end).live;
    let figures = vec![
        Figure {
            value: format!(
                "{} to {}",
                analysis.exposure_at(start).total,
                analysis.exposure_at(end).total
            ),
            label: format!("exposure in {start} and in {end}"),
        },
        Figure {
            value: remaining.len().to_string(),
            label: "dependencies remaining at the end".to_owned(),
        },
        Figure {
            value: money(total_budget(plan), &plan.currency),
            label: "total budget".to_owned(),
        },
    ];
    let mut lines = Vec::new();
    if !remaining.is_empty() {
        lines.push(line("Remaining at the end", Tone::Heading));
    }
    for id in remaining.iter().take(REMAINING_LISTED) {
        lines.push(line(dependency_name(plan, id), Tone::Detail));
    }
    let more = remaining.len().saturating_sub(REMAINING_LISTED);
    if more > 0 {
        lines.push(line(format!("and {more} more"), Tone::Detail));
    }
    Facts { figures, lines }
}

/// The summed budget of every investment (saturating).
pub fn total_budget(plan: &Roadmap) -> u64 {
    plan.investments
        .iter()
        .fold(0u64, |sum, i| sum.saturating_add(i.budget))
}

/// A short amount with the currency code: "1.25 bn EUR", "310.0 m EUR", "900 EUR".
pub fn money(amount: u64, currency: &str) -> String {
    let value = amount as f64;
    if value >= 1e9 {
        format!("{:.2} bn {currency}", value / 1e9)
    } else if value >= 1e6 {
        format!("{:.1} m {currency}", value / 1e6)
    } else {
        format!("{amount} {currency}")
    }
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
            evidence: Vec::new(),
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
    #[test]
    fn milestone_facts_strike_removals_and_mark_trades() {
        use crate::analysis::testplan::{dep, ms};
        use crate::model::ControlLevel;
        let mut p = decade();
        p.dependencies = vec![
            dep("cloud", "compute", ControlLevel::BlackBox, 5),
            dep("other-cloud", "compute", ControlLevel::BlackBox, 3),
            dep("gpu", "compute", ControlLevel::Licensed, 2),
        ];
        p.milestones = vec![ms(
            "swap",
            "compute",
            "2028-01",
            &[],
            &["cloud"],
            &["other-cloud"],
        )];
        let analysis = Analysis::of(&p);
        let slides = slides_of(&p);
        let f = facts(&p, &analysis, &slides[1]);
        assert_eq!(f.figures[0].value, "2", "other-cloud and gpu are live");
        assert_eq!(f.figures[0].label, "live dependencies in 2028-01");
        assert_eq!(f.figures[1].value, "5");
        let tones: Vec<_> = f.lines.iter().map(|l| l.tone).collect();
        assert_eq!(
            tones,
            [
                Tone::Heading,
                Tone::Removed,
                Tone::Heading,
                Tone::Introduced,
                Tone::Trade
            ]
        );
        assert_eq!(f.lines[1].text, "Dependency cloud (Black box)");
        assert!(f.lines[4].text.contains("Dependency cloud"));
    }

    #[test]
    fn summary_facts_give_exposure_remaining_and_budget() {
        use crate::analysis::testplan::{dep, inv, ms};
        use crate::model::ControlLevel;
        let mut p = decade();
        p.dependencies = vec![
            dep("a", "compute", ControlLevel::BlackBox, 4),
            dep("b", "models", ControlLevel::Licensed, 1),
        ];
        p.investments = vec![
            inv("x", "compute", "2026-01", "2027-12", 2_000_000_000, &[]),
            inv("y", "models", "2026-01", "2027-12", 500_000_000, &[]),
        ];
        p.milestones = vec![ms("m", "compute", "2029-01", &["x"], &["a"], &[])];
        let analysis = Analysis::of(&p);
        let slides = slides_of(&p);
        let f = facts(&p, &analysis, slides.last().unwrap());
        let values: Vec<_> = f.figures.iter().map(|f| f.value.as_str()).collect();
        assert_eq!(values, ["5 to 1", "1", "2.50 bn EUR"]);
        assert_eq!(f.lines[1].text, "Dependency b (Licensed)");
    }

    #[test]
    fn money_is_short() {
        assert_eq!(money(1_250_000_000, "EUR"), "1.25 bn EUR");
        assert_eq!(money(310_000_000, "EUR"), "310.0 m EUR");
        assert_eq!(money(900, "EUR"), "900 EUR");
    }

    #[test]
    fn a_milestone_slide_shows_only_the_layers_it_touches() {
        use crate::analysis::testplan::{dep, inv, ms};
        use crate::model::ControlLevel;
        let mut p = decade();
        p.layers = crate::model::default_layers();
        p.dependencies = vec![dep("cloud", "compute", ControlLevel::BlackBox, 5)];
        p.investments = vec![inv("x", "data", "2026-01", "2027-12", 10, &[])];
        p.milestones = vec![ms("m", "models", "2028-01", &["x"], &["cloud"], &[])];
        let analysis = Analysis::of(&p);
        let slides = slides_of(&p);
        let mut layers = slides[1].layers(&p, &analysis);
        layers.sort();
        assert_eq!(layers, ["compute", "data", "models"]);
        assert!(
            slides[0].layers(&p, &analysis).is_empty(),
            "the overview shows all"
        );
        assert!(!slides[0].shows_dependencies());
        assert!(slides[1].shows_dependencies());
        p.stops = vec![Stop {
            layers: vec!["talent".into()],
            ..slides[1].stop.clone()
        }];
        let saved = slides_of(&p);
        assert_eq!(
            saved[0].layers(&p, &analysis),
            ["talent"],
            "a saved choice wins"
        );
    }
}
