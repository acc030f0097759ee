//! What a screen reader says about the plan: items, charts and figures as whole sentences.
//!
//! Pure text over a plan and its analysis, so that the editor's accessible names and
//! descriptions can be tested without a window.

use super::format::money_spoken;
use super::sovereignty::Sovereignty;
use super::stops::Facts;
use super::{Analysis, DependencySpan, Finding, Severity};
use crate::model::{Dependency, Investment, Milestone, Month, Roadmap};

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A month as it is said: "March 2026".
pub fn month(m: Month) -> String {
    let name = MONTH_NAMES
        .get(m.month().saturating_sub(1) as usize)
        .copied()
        .unwrap_or("");
    format!("{name} {}", m.year())
}

/// The name of a layer id, or the id itself when the plan has no such layer.
fn layer_name<'a>(plan: &'a Roadmap, id: &'a str) -> &'a str {
    plan.layer(id).map_or(id, |l| l.name.as_str())
}

/// Dependency names joined for speech: "A", "A and B", "A, B and C".
fn names(plan: &Roadmap, ids: &[String]) -> String {
    let names: Vec<&str> = ids
        .iter()
        .map(|id| plan.dependency(id).map_or(id.as_str(), |d| d.name.as_str()))
        .collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// "1 month", "22 months".
fn months(n: i32) -> String {
    if n == 1 {
        "1 month".to_owned()
    } else {
        format!("{n} months")
    }
}

/// An investment bar: "Investment in Compute, March 2026 to December 2027 (22 months),
/// budget 450 million EUR."
pub fn investment(plan: &Roadmap, i: &Investment) -> String {
    let mut text = format!(
        "Investment in {}, {} to {} ({}), budget {}.",
        layer_name(plan, &i.layer),
        month(i.start),
        month(i.end),
        months(i.duration_months()),
        money_spoken(i.budget, &plan.currency)
    );
    if !i.owner.is_empty() {
        text.push_str(&format!(" Owner: {}.", i.owner));
    }
    text
}

/// A milestone diamond: "Milestone in Models, June 2029. Removes A and B. Introduces C."
pub fn milestone(plan: &Roadmap, m: &Milestone) -> String {
    let mut text = format!(
        "Milestone in {}, {}.",
        layer_name(plan, &m.layer),
        month(m.month)
    );
    if m.removes.is_empty() {
        text.push_str(" Removes no dependency.");
    } else {
        text.push_str(&format!(" Removes {}.", names(plan, &m.removes)));
    }
    if !m.introduces.is_empty() {
        text.push_str(&format!(" Introduces {}.", names(plan, &m.introduces)));
    }
    text
}

/// A bar of the dependency lane: "Dependency in Compute, control Black box, criticality 4,
/// controlled by X. Live from January 2026 until June 2028, retired by milestone “M”."
pub fn dependency(plan: &Roadmap, d: &Dependency, span: Option<&DependencySpan>) -> String {
    let mut text = format!(
        "Dependency in {}, control {}, criticality {}",
        layer_name(plan, &d.layer),
        d.control.label(),
        d.criticality
    );
    if !d.controller.is_empty() {
        text.push_str(&format!(", controlled by {}", d.controller));
    }
    text.push('.');
    let Some(span) = span else {
        return text;
    };
    let title = |id: &str| {
        plan.milestone(id)
            .map_or(id.to_owned(), |m| m.title.clone())
    };
    text.push_str(&format!(" Live from {}", month(span.from)));
    if let Some(by) = &span.introduced_by {
        text.push_str(&format!(" (introduced by milestone “{}”)", title(by)));
    }
    match (&span.removed_by, span.until) {
        (Some(by), Some(until)) => text.push_str(&format!(
            " until {}, retired by milestone “{}”.",
            month(until),
            title(by)
        )),
        _ => text.push_str(", never retired in this plan."),
    }
    text
}

/// The description of the canvas item `id` (investment, milestone or dependency), if any.
pub fn item(plan: &Roadmap, analysis: &Analysis, id: &str) -> Option<String> {
    if let Some(i) = plan.investment(id) {
        return Some(investment(plan, i));
    }
    if let Some(m) = plan.milestone(id) {
        return Some(milestone(plan, m));
    }
    let d = plan.dependency(id)?;
    let span = analysis.spans().iter().find(|s| s.dependency == id);
    Some(dependency(plan, d, span))
}

/// Every canvas item of the plan as (id, title, description), for naming hundreds of items
/// a frame without looking each up.
pub fn items(plan: &Roadmap, analysis: &Analysis) -> Vec<(String, String, String)> {
    let spans: std::collections::HashMap<&str, &DependencySpan> = analysis
        .spans()
        .iter()
        .map(|s| (s.dependency.as_str(), s))
        .collect();
    let investments = plan
        .investments
        .iter()
        .map(|i| (i.id.clone(), i.title.clone(), investment(plan, i)));
    let milestones = plan
        .milestones
        .iter()
        .map(|m| (m.id.clone(), m.title.clone(), milestone(plan, m)));
    let dependencies = plan.dependencies.iter().map(|d| {
        let span = spans.get(d.id.as_str()).copied();
        (d.id.clone(), d.name.clone(), dependency(plan, d, span))
    });
    investments.chain(milestones).chain(dependencies).collect()
}

/// A finding as it is read out: its severity, then its sentence with the items named by
/// their titles only (the ids in parentheses that the screen shows are left out where a
/// title names the item).
pub fn finding(f: &Finding) -> String {
    let severity = match f.severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Info",
    };
    let mut sentence = f.sentence();
    for id in &f.ids {
        sentence = sentence.replace(&format!("” ({id})"), "”");
    }
    format!("{severity}: {sentence}")
}

/// The months a chart's text alternative gives figures for.
#[derive(Debug, Clone, Copy)]
pub struct Moments {
    /// The month it is now (by the clock).
    pub now: Month,
    /// The time cursor, when placed.
    pub cursor: Option<Month>,
}

/// The exposure chart as text: "Exposure chart. Now (November 2026): 38. At the time cursor
/// (June 2030): 21. At the horizon's end (December 2035): 12. Peak 45 in March 2027."
pub fn exposure_chart(plan: &Roadmap, analysis: &Analysis, at: Moments) -> String {
    let mut text = "Exposure chart, the summed criticality of live dependencies.".to_owned();
    for (m, words) in moments(plan, at) {
        text.push_str(&format!(" {words}: {}.", analysis.exposure_at(m).total));
    }
    text.push(' ');
    text.push_str(&peak(analysis));
    text
}

/// "Peak 45 in March 2027, held until May 2028." or "No exposure at any month."
pub fn peak(analysis: &Analysis) -> String {
    let series = analysis.exposure_series();
    let top = series.iter().map(|e| e.total).max().unwrap_or(0);
    if top == 0 {
        return "No exposure at any month.".to_owned();
    }
    let Some(first) = series.iter().position(|e| e.total == top) else {
        return String::new();
    };
    let held = series
        .iter()
        .skip(first)
        .take_while(|e| e.total == top)
        .last();
    let from = series.get(first).map(|e| e.month);
    match (from, held.map(|e| e.month)) {
        (Some(from), Some(to)) if to != from => {
            format!("Peak {top} from {} to {}.", month(from), month(to))
        }
        (Some(from), _) => format!("Peak {top} in {}.", month(from)),
        _ => String::new(),
    }
}

/// The month a chart's figures are given for first: now when it lies in the horizon,
/// else the horizon's start; with its words ("Now (November 2026)").
fn first_moment(plan: &Roadmap, at: Moments) -> (Month, String) {
    if plan.horizon.contains(at.now) {
        (at.now, format!("Now ({})", month(at.now)))
    } else {
        let start = plan.horizon.start;
        (start, format!("At the start ({})", month(start)))
    }
}

/// The moments a chart's figures are given for: now (or the start), the time cursor and
/// the horizon's end, each with its words.
fn moments(plan: &Roadmap, at: Moments) -> Vec<(Month, String)> {
    let mut list = vec![first_moment(plan, at)];
    if let Some(c) = at.cursor {
        list.push((c, format!("At the time cursor ({})", month(c))));
    }
    let end = plan.horizon.end;
    list.push((end, format!("At the horizon's end ({})", month(end))));
    list
}

/// The Sovereignty view as text: per moment, each layer's weakest link (or framework
/// level) and the exposure share of each jurisdiction.
pub fn sovereignty_chart(
    sov: &Sovereignty<'_>,
    plan: &Roadmap,
    at: Moments,
    by_framework: bool,
) -> String {
    let mut text = if by_framework {
        format!(
            "Sovereignty heatmap: each layer's {} level, 0 to {}, over time; below it the \
             exposure share of each jurisdiction.",
            sov.framework().name,
            sov.framework().max_level()
        )
    } else {
        "Sovereignty heatmap: each layer's weakest link (its least controlled live \
         dependency) over time; below it the exposure share of each jurisdiction."
            .to_owned()
    };
    for (m, words) in moments(plan, at) {
        let layers: Vec<String> = if by_framework {
            let levels = sov.framework_levels(m);
            plan.layers
                .iter()
                .zip(&levels.layers)
                .map(|(l, v)| format!("{} level {}", l.name, v.overall))
                .collect()
        } else {
            plan.layers
                .iter()
                .zip(sov.weakest_links(m))
                .map(|(l, w)| {
                    match w.and_then(|w| plan.dependencies.get(w.dependency).map(|d| (w, d))) {
                        Some((w, d)) => format!("{} {} ({})", l.name, w.control.label(), d.name),
                        None => format!("{} nothing live", l.name),
                    }
                })
                .collect()
        };
        let shares = sov.concentration(m);
        let shares: Vec<String> = shares
            .jurisdictions
            .iter()
            .map(|j| format!("{} {:.0}%", j.name, j.share * 100.0))
            .collect();
        let shares = if shares.is_empty() {
            "no exposure".to_owned()
        } else {
            shares.join(", ")
        };
        text.push_str(&format!(
            " {words}: {}; by jurisdiction {shares}.",
            layers.join(", ")
        ));
    }
    text
}

/// A presentation stop as a screen reader announces it when it is shown: its number, title
/// and headline figures ("Stop 3 of 12: Cluster in service. 14 live dependencies in
/// 2028-07. 41 exposure in 2028-07."), and the lines of detail as its description.
pub fn stop(number: usize, count: usize, title: &str, facts: &Facts) -> (String, String) {
    let mut name = format!("Stop {number} of {count}: {title}.");
    for f in &facts.figures {
        name.push_str(&format!(" {} {}.", f.value, f.label));
    }
    let lines: Vec<&str> = facts.lines.iter().map(|l| l.text.as_str()).collect();
    (name, lines.join(". ").replace("..", "."))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testplan::{dep, inv, m, ms, plan};
    use crate::model::ControlLevel;

    /// Two dependencies, an investment and a milestone that trades one for the other.
    fn example() -> Roadmap {
        let mut p = plan();
        p.dependencies = vec![
            dep("api", "models", ControlLevel::BlackBox, 5).into(),
            dep("licence", "models", ControlLevel::Licensed, 3).into(),
        ];
        p.investments =
            vec![inv("cluster", "compute", "2026-03", "2026-08", 450_000_000, &[]).into()];
        p.milestones = vec![
            ms(
                "deal",
                "models",
                "2026-09",
                &["cluster"],
                &["api"],
                &["licence"],
            )
            .into(),
        ];
        p
    }

    #[test]
    fn months_and_money_are_said_in_words() {
        assert_eq!(month(m("2026-03")), "March 2026");
        assert_eq!(money_spoken(450_000_000, "EUR"), "450 million EUR");
        assert_eq!(money_spoken(1_250_000_000, "EUR"), "1.25 billion EUR");
        assert_eq!(money_spoken(12_500_000, ""), "12.5 million");
        assert_eq!(money_spoken(900, "EUR"), "900 EUR");
    }

    #[test]
    fn an_investment_says_kind_layer_months_and_budget() {
        let mut p = example();
        p.currency = "EUR".into();
        let text = investment(&p, &p.investments[0]);
        assert_eq!(
            text,
            "Investment in Compute, March 2026 to August 2026 (6 months), budget 450 million EUR."
        );
    }

    #[test]
    fn a_milestone_says_what_it_removes_and_introduces_by_name() {
        let p = example();
        let text = milestone(&p, &p.milestones[0]);
        assert_eq!(
            text,
            "Milestone in Models, September 2026. Removes Dependency api. \
             Introduces Dependency licence."
        );
    }

    #[test]
    fn a_dependency_bar_says_its_control_and_the_milestone_that_retires_it() {
        let p = example();
        let a = Analysis::of(&p);
        assert_eq!(
            item(&p, &a, "api").unwrap(),
            "Dependency in Models, control Black box, criticality 5, controlled by Vendor. \
             Live from January 2026 until September 2026, retired by milestone “Milestone deal”."
        );
        assert_eq!(
            item(&p, &a, "licence").unwrap(),
            "Dependency in Models, control Licensed, criticality 3, controlled by Vendor. \
             Live from September 2026 (introduced by milestone “Milestone deal”), \
             never retired in this plan."
        );
    }

    #[test]
    fn the_exposure_chart_gives_now_cursor_end_and_peak() {
        let p = example();
        let a = Analysis::of(&p);
        let at = Moments {
            now: m("2026-02"),
            cursor: Some(m("2026-10")),
        };
        assert_eq!(
            exposure_chart(&p, &a, at),
            "Exposure chart, the summed criticality of live dependencies. \
             Now (February 2026): 5. At the time cursor (October 2026): 3. \
             At the horizon's end (December 2026): 3. Peak 5 from January 2026 to August 2026."
        );
    }

    #[test]
    fn a_finding_is_read_with_titles_not_ids() {
        let mut p = example();
        p.milestones[0].month = m("2026-05");
        let a = Analysis::of(&p);
        let late = a
            .findings()
            .iter()
            .find(|f| f.ids.contains(&"cluster".to_owned()))
            .expect("the milestone comes before the investment it needs ends");
        let text = finding(late);
        assert!(text.contains("“Milestone deal”"), "{text}");
        assert!(text.contains("“Investment cluster”"), "{text}");
        assert!(
            !text.contains("(deal)") && !text.contains("(cluster)"),
            "{text}"
        );
    }

    #[test]
    fn a_stop_is_announced_with_its_title_and_figures() {
        use crate::analysis::stops::{Figure, Line, Tone};
        let facts = Facts {
            figures: vec![Figure {
                value: "14".into(),
                label: "live dependencies in 2028-07".into(),
            }],
            lines: vec![Line {
                text: "Removes Model training on foreign cloud".into(),
                tone: Tone::Removed,
            }],
        };
        let (name, description) = stop(3, 12, "Cluster in service", &facts);
        assert_eq!(
            name,
            "Stop 3 of 12: Cluster in service. 14 live dependencies in 2028-07."
        );
        assert_eq!(description, "Removes Model training on foreign cloud");
    }
}
