//! What a slide says: its figures and lines, for a milestone, the overview, the summary or sovereignty.

use super::*;
use crate::analysis::format::money_short;
use crate::analysis::sovereignty::{Concentration, JurisdictionShare, Sovereignty};
use crate::analysis::two_paths::OtherPath;
use crate::analysis::{Analysis, Framework};
use crate::model::{Month, Roadmap, plural};

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
        let cost = money_short(report.total_cost, &plan.currency);
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
            format!(
                "Total budget {}",
                money_short(total_budget(plan), &plan.currency)
            ),
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
            value: money_short(total_budget(plan), &plan.currency),
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
