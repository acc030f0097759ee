//! Presentation stops of a plan: the saved ones, or an overview, one per milestone and a summary.

use super::Analysis;
use super::Framework;
use super::sovereignty::{Concentration, JurisdictionShare, Sovereignty};
use super::two_paths::OtherPath;
use crate::model::{ItemKind, Month, Roadmap, Stop, StopView, plural};

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
        StopKind::Sovereignty => sovereignty_facts(plan, analysis, slide),
    }
}

/// The sovereignty stop's figures from the start of its window to its end: the largest
/// jurisdiction's share, the concentration (HHI) and the framework score; then the weakest
/// link of each layer shown at the end.
fn sovereignty_facts(plan: &Roadmap, analysis: &Analysis, slide: &Slide) -> Facts {
    let Some(framework) = Framework::bundled() else {
        return Facts::default();
    };
    let sovereignty = Sovereignty::new(plan, analysis, framework);
    let (from, to) = slide.sovereignty_window(plan);
    let (first, last) = (
        sovereignty.concentration(from),
        sovereignty.concentration(to),
    );
    let share = |c: &Concentration, name: &str| {
        c.jurisdictions
            .iter()
            .find(|j| j.name == name)
            .map_or(0.0, |j: &JurisdictionShare| j.share)
    };
    let mut figures = Vec::new();
    if let Some(top) = first.jurisdictions.first().or(last.jurisdictions.first()) {
        figures.push(Figure {
            value: format!(
                "{} → {}",
                percent(share(&first, &top.name)),
                percent(share(&last, &top.name))
            ),
            label: format!("of exposure under {}, {from} → {to}", top.name),
        });
    }
    figures.push(Figure {
        value: format!("{:.2} → {:.2}", first.hhi, last.hhi),
        label: "concentration (HHI; 1 = all under one jurisdiction)".to_owned(),
    });
    let score = |m| sovereignty.framework_levels(m).score;
    figures.push(Figure {
        value: format!("{:.0} → {:.0}", score(from), score(to)),
        label: format!("{} score of 100", framework.id.to_uppercase()),
    });
    let layers = slide.layers(plan, analysis);
    let mut lines = vec![line(format!("Weakest link in {to}"), Tone::Heading)];
    let mut clear = Vec::new();
    for (layer, link) in plan.layers.iter().zip(sovereignty.weakest_links(to)) {
        if !layers.is_empty() && !layers.contains(&layer.id) {
            continue;
        }
        match link.and_then(|l| plan.dependencies.get(l.dependency)) {
            Some(dep) => lines.push(line(
                format!("{}: {} ({})", layer.name, dep.name, dep.control.label()),
                Tone::Detail,
            )),
            None => clear.push(layer.name.as_str()),
        }
    }
    if !clear.is_empty() {
        lines.push(line(
            format!("Nothing external left: {}", clear.join(", ")),
            Tone::Detail,
        ));
    }
    Facts { figures, lines }
}

/// "86 %".
fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
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
                "{}, {}, {}",
                plural(plan.milestones.len(), "milestone", "milestones"),
                plural(plan.investments.len(), "investment", "investments"),
                plural(plan.dependencies.len(), "dependency", "dependencies")
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
            notes: format!("notes for {id}"),
            ..Milestone::new(id, format!("Milestone {id}"), m(month), "models")
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
            view: crate::model::StopView::Chart,
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

    /// Two layers over ten years: US GPUs (black box, 4) removed in 2030-01, an EU cloud
    /// (licensed, 2) removed in 2031-01, CN open weights (open foreign, 3) never removed.
    fn three_jurisdictions() -> Roadmap {
        use crate::analysis::testplan::{dep, ms};
        use crate::model::ControlLevel;
        let mut p = decade();
        let mut cloud = dep("cloud", "compute", ControlLevel::Licensed, 2);
        cloud.jurisdiction = "EU".into();
        let mut weights = dep("weights", "models", ControlLevel::OpenForeign, 3);
        weights.jurisdiction = "CN".into();
        p.dependencies = vec![
            dep("gpu", "compute", ControlLevel::BlackBox, 4),
            cloud,
            weights,
        ];
        p.milestones = vec![
            ms("chips", "compute", "2030-01", &[], &["gpu"], &[]),
            ms("cloud-off", "compute", "2031-01", &[], &["cloud"], &[]),
        ];
        p
    }

    #[test]
    fn the_default_deck_has_a_sovereignty_stop_before_the_summary_when_jurisdictions_are_named() {
        let mut p = three_jurisdictions();
        let slides = slides_of(&p);
        let kinds: Vec<_> = slides.iter().map(|s| s.kind.clone()).collect();
        assert_eq!(kinds.len(), 5);
        assert_eq!(kinds[3], StopKind::Sovereignty);
        assert_eq!(kinds[4], StopKind::Summary);
        let stop = &slides[3].stop;
        assert_eq!(stop.title, SOVEREIGNTY_TITLE);
        assert_eq!((stop.from, stop.to), (m("2026-01"), m("2035-12")));
        assert_eq!(stop.view, StopView::Sovereignty, "saved as such");
        for d in &mut p.dependencies {
            d.jurisdiction = " ".into();
        }
        assert!(
            slides_of(&p).iter().all(|s| !s.is_sovereignty()),
            "no jurisdiction named, no sovereignty stop"
        );
    }

    #[test]
    fn sovereignty_facts_compare_the_window_start_and_end() {
        let p = three_jurisdictions();
        let analysis = Analysis::of(&p);
        let slides = slides_of(&p);
        let f = facts(&p, &analysis, &slides[3]);
        let figures: Vec<(&str, &str)> = f
            .figures
            .iter()
            .map(|f| (f.value.as_str(), f.label.as_str()))
            .collect();
        // 2026-01: US 4, CN 3, EU 2 of 9; HHI (16 + 9 + 4) / 81 = 0.358. 2035-12: only CN's
        // 3 is live: US 0 %, HHI 1. Levels (objectives all alike): compute 0 (black box) and
        // models 2 (open foreign) average 1 of 4 = 25; at the end compute has nothing live
        // (4) and models 2: 3 of 4 = 75.
        assert_eq!(
            figures,
            [
                ("44 % → 0 %", "of exposure under US, 2026-01 → 2035-12"),
                (
                    "0.36 → 1.00",
                    "concentration (HHI; 1 = all under one jurisdiction)"
                ),
                ("25 → 75", "EU-CSF score of 100"),
            ]
        );
        let lines: Vec<(&str, Tone)> = f.lines.iter().map(|l| (l.text.as_str(), l.tone)).collect();
        assert_eq!(
            lines,
            [
                ("Weakest link in 2035-12", Tone::Heading),
                ("Models: Dependency weights (Open (foreign))", Tone::Detail),
                ("Nothing external left: Compute", Tone::Detail),
            ]
        );
    }

    #[test]
    fn a_saved_sovereignty_stop_keeps_its_window_and_layers() {
        let mut p = three_jurisdictions();
        p.stops = vec![Stop {
            title: "Compute in the 2020s".into(),
            from: m("2027-01"),
            to: m("2030-06"),
            layers: vec!["compute".into()],
            focus: None,
            notes: String::new(),
            view: StopView::Sovereignty,
        }];
        let analysis = Analysis::of(&p);
        let slides = slides_of(&p);
        assert_eq!(slides.len(), 1);
        assert_eq!(slides[0].kind, StopKind::Sovereignty);
        let f = facts(&p, &analysis, &slides[0]);
        // 2027-01: US 4 of 9 (44 %); 2030-06: the GPUs are gone, EU 2 and CN 3 are left.
        assert_eq!(f.figures[0].value, "44 % → 0 %");
        assert_eq!(
            f.figures[0].label,
            "of exposure under US, 2027-01 → 2030-06"
        );
        assert_eq!(f.figures[1].value, "0.36 → 0.52", "(4 + 9) / 25");
        let texts: Vec<&str> = f.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Weakest link in 2030-06",
                "Compute: Dependency cloud (Licensed)"
            ],
            "only the stop's layers"
        );
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
