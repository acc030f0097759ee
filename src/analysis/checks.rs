//! Checks of a plan: broken links, impossible dates, cycles, trades, unused things.

use std::collections::HashMap;
use std::fmt;

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use super::exposure::{DependencySpan, dependency_spans};
use super::index::{Index, Schedule};
use super::milestones::trades_of;
use crate::model::{ItemKind, Month, Roadmap};

/// How serious a finding is, least first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; nothing is wrong.
    Info,
    /// Probably a mistake or a weak spot in the plan.
    Warning,
    /// The plan contradicts itself or points at nothing.
    Error,
}

impl Severity {
    /// Lower-case label, as a compiler prints it ("error").
    pub fn label(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One thing a check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// How serious it is.
    pub severity: Severity,
    /// Short stable code, e.g. "cycle" or "unknown-id".
    pub code: &'static str,
    /// What is wrong, for a planner.
    pub message: String,
    /// The ids of the items involved, the one to fix first.
    pub ids: Vec<String>,
}

impl fmt::Display for Finding {
    /// Compiler style: `error[cycle]: i3 → i7 → i3`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)
    }
}

/// Every finding for `plan`: errors first, then warnings, then infos; document order within.
pub fn checks(plan: &Roadmap) -> Vec<Finding> {
    let index = Index::new(plan);
    let schedule = Schedule::new(plan, &index);
    checks_with(plan, &index, &schedule, &dependency_spans(plan))
}

/// Every finding, from an index, schedule and spans already built.
pub(crate) fn checks_with(
    plan: &Roadmap,
    index: &Index<'_>,
    schedule: &Schedule<'_>,
    spans: &[DependencySpan],
) -> Vec<Finding> {
    let mut out = Findings::default();
    check_horizon(plan, &mut out);
    check_ids(plan, &mut out);
    check_layers(plan, &mut out);
    check_dependencies(plan, index, spans, &mut out);
    check_investments(plan, index, schedule, &mut out);
    check_milestones(plan, index, schedule, &mut out);
    check_stops(plan, index, &mut out);
    check_sovereignty(plan, index, &mut out);
    check_cycles(schedule, &mut out);
    check_conflicts(plan, &mut out);
    let mut found = out.0;
    found.sort_by_key(|f| std::cmp::Reverse(f.severity));
    found
}

/// Conflicts a merge left in the plan, one error each until a planner resolves it.
fn check_conflicts(plan: &Roadmap, out: &mut Findings) {
    for conflict in &plan.conflicts {
        let values = if conflict.is_whole_item() {
            String::new()
        } else {
            format!(
                " (ours {}, theirs {})",
                short(&conflict.ours),
                short(&conflict.theirs)
            )
        };
        let ids: &[&str] = if conflict.id.is_empty() {
            &[]
        } else {
            &[&conflict.id]
        };
        out.push(
            Error,
            "merge-conflict",
            format!("unresolved merge conflict: {conflict}{values}"),
            ids,
        );
    }
}

/// A value cut to 40 characters for a message.
fn short(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((at, _)) => format!("“{}…”", &text[..at]),
        None => format!("“{text}”"),
    }
}

#[derive(Default)]
struct Findings(Vec<Finding>);

impl Findings {
    fn push(&mut self, severity: Severity, code: &'static str, message: String, ids: &[&str]) {
        self.0.push(Finding {
            severity,
            code,
            message,
            ids: ids.iter().map(|id| (*id).to_owned()).collect(),
        });
    }
}

use Severity::{Error, Info, Warning};

fn check_horizon(plan: &Roadmap, out: &mut Findings) {
    let h = plan.horizon;
    if h.end < h.start {
        out.push(
            Error,
            "end-before-start",
            format!(
                "the plan's horizon ends ({}) before it starts ({})",
                h.end, h.start
            ),
            &[],
        );
    }
    if plan.title.trim().is_empty() {
        out.push(Warning, "empty-title", "the plan has no title".into(), &[]);
    }
}

/// Every id in the plan with what kind of item holds it, in document order.
fn all_ids(plan: &Roadmap) -> impl Iterator<Item = (&str, &'static str)> {
    let layers = plan.layers.iter().map(|l| (l.id.as_str(), "layer"));
    let deps = plan
        .dependencies
        .iter()
        .map(|d| (d.id.as_str(), "dependency"));
    let invs = plan
        .investments
        .iter()
        .map(|i| (i.id.as_str(), "investment"));
    let mss = plan.milestones.iter().map(|m| (m.id.as_str(), "milestone"));
    layers.chain(deps).chain(invs).chain(mss)
}

fn check_ids(plan: &Roadmap, out: &mut Findings) {
    let mut uses: HashMap<&str, Vec<&'static str>> = HashMap::new();
    let mut order = Vec::new();
    for (id, kind) in all_ids(plan) {
        if id.trim().is_empty() {
            out.push(
                Error,
                "empty-id",
                format!("a {kind} has an empty id"),
                &[id],
            );
            continue;
        }
        let kinds = uses.entry(id).or_default();
        if kinds.is_empty() {
            order.push(id);
        }
        kinds.push(kind);
    }
    for id in order {
        let Some(kinds) = uses.get(id).filter(|k| k.len() > 1) else {
            continue;
        };
        out.push(
            Error,
            "duplicate-id",
            format!(
                "id \"{id}\" is used by {} items ({}); ids must be unique",
                kinds.len(),
                kinds.join(", ")
            ),
            &[id],
        );
    }
}

fn check_layers(plan: &Roadmap, out: &mut Findings) {
    let mut used: HashMap<&str, usize> = HashMap::new();
    let layer_refs = plan.dependencies.iter().map(|d| d.layer.as_str());
    let layer_refs = layer_refs
        .chain(plan.investments.iter().map(|i| i.layer.as_str()))
        .chain(plan.milestones.iter().map(|m| m.layer.as_str()));
    for layer in layer_refs {
        *used.entry(layer).or_default() += 1;
    }
    for layer in &plan.layers {
        if layer.name.trim().is_empty() {
            out.push(
                Warning,
                "empty-title",
                format!("layer {} has no name", layer.id),
                &[&layer.id],
            );
        }
        if !used.contains_key(layer.id.as_str()) {
            out.push(
                Info,
                "empty-layer",
                format!(
                    "layer {} has no investments, milestones or dependencies",
                    layer.id
                ),
                &[&layer.id],
            );
        }
    }
}

/// Reports `reference` if it names no layer.
fn check_layer_ref(index: &Index<'_>, owner: &str, layer: &str, out: &mut Findings) {
    if !index.layers.contains_key(layer) {
        out.push(
            Error,
            "unknown-id",
            format!("{owner} is in layer \"{layer}\", which does not exist"),
            &[owner],
        );
    }
}

fn check_dependencies(
    plan: &Roadmap,
    index: &Index<'_>,
    spans: &[DependencySpan],
    out: &mut Findings,
) {
    let mut removals: HashMap<&str, Vec<(Month, &str)>> = HashMap::new();
    for m in &plan.milestones {
        for dep in &m.removes {
            removals
                .entry(dep.as_str())
                .or_default()
                .push((m.month, m.id.as_str()));
        }
    }
    for (dep, span) in plan.dependencies.iter().zip(spans) {
        let id = dep.id.as_str();
        if dep.name.trim().is_empty() {
            out.push(
                Warning,
                "empty-title",
                format!("dependency {id} has no name"),
                &[id],
            );
        }
        check_layer_ref(index, id, &dep.layer, out);
        if !(1..=5).contains(&dep.criticality) {
            out.push(
                Error,
                "criticality",
                format!(
                    "dependency {id} has criticality {}; it must be 1 (minor) to 5 (critical)",
                    dep.criticality
                ),
                &[id],
            );
        }
        let early = removals
            .get(id)
            .into_iter()
            .flatten()
            .filter(|(month, _)| *month < span.from);
        for &(month, milestone) in early {
            out.push(
                Warning,
                "removed-before-introduced",
                format!(
                    "milestone {milestone} ({month}) removes {id} before it is introduced ({})",
                    span.from
                ),
                &[milestone, id],
            );
        }
        if span.until.is_none() {
            out.push(
                Info,
                "never-removed",
                format!(
                    "dependency {id} (criticality {}) is never removed",
                    dep.criticality
                ),
                &[id],
            );
        }
    }
}

/// Reports an item dated outside the plan's horizon.
fn check_in_horizon(plan: &Roadmap, id: &str, what: &str, months: &[Month], out: &mut Findings) {
    let h = plan.horizon;
    if h.start <= h.end && months.iter().any(|m| !h.contains(*m)) {
        let dates: Vec<String> = months.iter().map(Month::to_string).collect();
        out.push(
            Warning,
            "outside-horizon",
            format!(
                "{what} {id} ({}) lies outside the horizon {} – {}",
                dates.join(" – "),
                h.start,
                h.end
            ),
            &[id],
        );
    }
}

fn check_investments(
    plan: &Roadmap,
    index: &Index<'_>,
    schedule: &Schedule<'_>,
    out: &mut Findings,
) {
    for (n, inv) in plan.investments.iter().enumerate() {
        let id = inv.id.as_str();
        if inv.title.trim().is_empty() {
            out.push(
                Warning,
                "empty-title",
                format!("investment {id} has no title"),
                &[id],
            );
        }
        check_layer_ref(index, id, &inv.layer, out);
        if inv.end < inv.start {
            out.push(
                Error,
                "end-before-start",
                format!(
                    "investment {id} ends ({}) before it starts ({})",
                    inv.end, inv.start
                ),
                &[id],
            );
        }
        check_in_horizon(plan, id, "investment", &[inv.start, inv.end], out);
        for link in &inv.after {
            check_link(index, id, "after", link, true, out);
        }
        for &pred in schedule.predecessors(n) {
            let Some(finish) = schedule.finish(pred).filter(|f| inv.start <= *f) else {
                continue;
            };
            let other = schedule.id(pred);
            if other == id {
                continue;
            }
            out.push(
                Error,
                "starts-before-after",
                format!(
                    "investment {id} starts {} but {other}, in its `after`, finishes {finish}",
                    inv.start
                ),
                &[id, other],
            );
        }
    }
}

/// Reports a link from `owner`'s `field` that names nothing, or the wrong kind of item.
fn check_link(
    index: &Index<'_>,
    owner: &str,
    field: &str,
    target: &str,
    schedule_link: bool,
    out: &mut Findings,
) {
    let is_node = index.node(target).is_some();
    let is_dep = index.dependencies.contains_key(target);
    if (schedule_link && is_node) || (!schedule_link && is_dep) {
        return;
    }
    let expected = if schedule_link {
        "an investment or milestone"
    } else {
        "a dependency"
    };
    match index.kind(target) {
        None => out.push(
            Error,
            "unknown-id",
            format!("{owner} lists \"{target}\" in `{field}`, but no item has that id"),
            &[owner],
        ),
        Some(kind) => out.push(
            Error,
            "wrong-kind",
            format!(
                "{owner} lists {target} in `{field}`, which is {}, not {expected}",
                kind_name(kind)
            ),
            &[owner, target],
        ),
    }
}

/// A kind of item with its article, as a message says it ("an investment").
fn kind_name(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Layer => "a layer",
        ItemKind::Dependency => "a dependency",
        ItemKind::Investment => "an investment",
        ItemKind::Milestone => "a milestone",
    }
}

fn check_milestones(
    plan: &Roadmap,
    index: &Index<'_>,
    schedule: &Schedule<'_>,
    out: &mut Findings,
) {
    for (n, ms) in plan.milestones.iter().enumerate() {
        let id = ms.id.as_str();
        if ms.title.trim().is_empty() {
            out.push(
                Warning,
                "empty-title",
                format!("milestone {id} has no title"),
                &[id],
            );
        }
        check_layer_ref(index, id, &ms.layer, out);
        check_in_horizon(plan, id, "milestone", &[ms.month], out);
        for link in &ms.needs {
            check_link(index, id, "needs", link, true, out);
        }
        for link in &ms.removes {
            check_link(index, id, "removes", link, false, out);
        }
        for link in &ms.introduces {
            check_link(index, id, "introduces", link, false, out);
        }
        for &pred in schedule.predecessors(schedule.milestone(n)) {
            let Some(finish) = schedule.finish(pred).filter(|f| ms.month < *f) else {
                continue;
            };
            let other = schedule.id(pred);
            out.push(
                Error,
                "needs-not-done",
                format!(
                    "milestone {id} is dated {} but {other}, which it needs, finishes {finish}",
                    ms.month
                ),
                &[id, other],
            );
        }
        for trade in trades_of(plan, index, n) {
            let control = |dep: &str| {
                index
                    .dependencies
                    .get(dep)
                    .and_then(|&d| plan.dependencies.get(d))
                    .map_or("?", |d| d.control.label())
            };
            out.push(
                Warning,
                "trade",
                format!(
                    "milestone {id} removes {} ({}) but introduces {} ({}) in the same layer: \
                     a trade, not a gain in control",
                    trade.removed,
                    control(&trade.removed),
                    trade.introduced,
                    control(&trade.introduced),
                ),
                &[id, &trade.removed, &trade.introduced],
            );
        }
    }
}

fn check_stops(plan: &Roadmap, index: &Index<'_>, out: &mut Findings) {
    for (n, stop) in plan.stops.iter().enumerate() {
        let name = format!("stop {} (\"{}\")", n + 1, stop.title);
        if stop.to < stop.from {
            out.push(
                Warning,
                "end-before-start",
                format!("{name} ends ({}) before it starts ({})", stop.to, stop.from),
                &[],
            );
        }
        for layer in stop
            .layers
            .iter()
            .filter(|l| !index.layers.contains_key(l.as_str()))
        {
            out.push(
                Warning,
                "unknown-id",
                format!("{name} shows layer \"{layer}\", which does not exist"),
                &[],
            );
        }
        if let Some(focus) = stop.focus.as_deref().filter(|f| index.kind(f).is_none()) {
            out.push(
                Warning,
                "unknown-id",
                format!("{name} focuses on \"{focus}\", but no item has that id"),
                &[],
            );
        }
    }
}

/// Reports what the sovereignty assessment cannot rely on: dependencies whose jurisdiction is
/// unknown, levels outside 0–4, and critical dependencies removed without evidence.
fn check_sovereignty(plan: &Roadmap, index: &Index<'_>, out: &mut Findings) {
    for dep in &plan.dependencies {
        let id = dep.id.as_str();
        if dep.jurisdiction.trim().is_empty() {
            out.push(
                Info,
                "unknown-jurisdiction",
                format!("dependency {id} has no jurisdiction; say whose law reaches it"),
                &[id],
            );
        }
        for a in dep.assessment.iter().filter(|a| a.level > 4) {
            out.push(
                Error,
                "assessment-level",
                format!(
                    "dependency {id} is assessed at level {} on {}; levels run from 0 to 4",
                    a.level, a.objective
                ),
                &[id],
            );
        }
    }
    for ms in plan.milestones.iter().filter(|m| m.evidence.is_empty()) {
        let critical = ms.removes.iter().filter_map(|r| {
            let dep = plan
                .dependencies
                .get(*index.dependencies.get(r.as_str())?)?;
            (dep.criticality >= 4).then_some(dep)
        });
        for dep in critical {
            out.push(
                Info,
                "removal-without-evidence",
                format!(
                    "milestone {} removes {} (criticality {}) but gives no evidence that it will",
                    ms.id, dep.id, dep.criticality
                ),
                &[ms.id.as_str(), dep.id.as_str()],
            );
        }
    }
}

/// Reports each group of items that wait on each other, with one cycle through it.
fn check_cycles(schedule: &Schedule<'_>, out: &mut Findings) {
    let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(schedule.len(), schedule.len());
    let nodes: Vec<NodeIndex> = (0..schedule.len()).map(|_| graph.add_node(())).collect();
    for (n, &node) in nodes.iter().enumerate() {
        for &pred in schedule.predecessors(n) {
            if let Some(&from) = nodes.get(pred) {
                graph.add_edge(from, node, ());
            }
        }
    }
    let mut cycles: Vec<Vec<usize>> = tarjan_scc(&graph)
        .into_iter()
        .map(|scc| scc.into_iter().map(NodeIndex::index).collect::<Vec<_>>())
        .filter(|scc| scc.len() > 1 || scc.iter().any(|&n| schedule.predecessors(n).contains(&n)))
        .collect();
    cycles.iter_mut().for_each(|scc| scc.sort_unstable());
    cycles.sort();
    for scc in cycles {
        let path = cycle_through(&graph, &scc);
        let ids: Vec<&str> = path.iter().map(|&n| schedule.id(n)).collect();
        let mut shown = ids.clone();
        shown.extend(ids.first());
        out.push(Error, "cycle", shown.join(" → "), &ids);
    }
}

/// A shortest cycle from the first node of a strongly connected component back to it, in
/// precedence order (each finishes before the next), without the closing repeat.
fn cycle_through(graph: &DiGraph<(), ()>, scc: &[usize]) -> Vec<usize> {
    let Some(&start) = scc.first() else {
        return Vec::new();
    };
    let mut parent: HashMap<usize, usize> = HashMap::with_capacity(scc.len());
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for next in graph.neighbors(NodeIndex::new(node)).map(NodeIndex::index) {
            if next == start {
                let mut path = vec![node];
                while let Some(&p) = parent.get(path.last().unwrap_or(&start)) {
                    path.push(p);
                }
                path.reverse();
                if path.first() != Some(&start) {
                    path.insert(0, start);
                }
                return path;
            }
            if scc.binary_search(&next).is_ok() && next != start && !parent.contains_key(&next) {
                parent.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    scc.to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testplan::*;
    use crate::model::ControlLevel::*;

    /// A clean plan: cluster (compute, 01–03) → model work (models, 04–06, after cluster) →
    /// launch (07) removes closed-llm. Both layers used; every date in order.
    fn clean_plan() -> Roadmap {
        let mut plan = plan();
        plan.dependencies = vec![dep("closed-llm", "models", Licensed, 5)];
        plan.investments = vec![
            inv("cluster", "compute", "2026-01", "2026-03", 10, &[]),
            inv("model", "models", "2026-04", "2026-06", 20, &["cluster"]),
        ];
        plan.milestones = vec![ms(
            "launch",
            "models",
            "2026-07",
            &["model"],
            &["closed-llm"],
            &[],
        )];
        plan.milestones[0].evidence = vec![crate::model::Evidence {
            source: "Acceptance test report".into(),
            date: m("2026-05"),
            confidence: crate::model::Confidence::Medium,
            note: String::new(),
        }];
        plan
    }

    fn codes(plan: &Roadmap) -> Vec<&'static str> {
        checks(plan).into_iter().map(|f| f.code).collect()
    }

    fn only(plan: &Roadmap, code: &str) -> Finding {
        let found: Vec<Finding> = checks(plan)
            .into_iter()
            .filter(|f| f.code == code)
            .collect();
        assert_eq!(found.len(), 1, "{found:#?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn a_clean_plan_has_no_findings() {
        assert_eq!(codes(&clean_plan()), Vec::<&str>::new());
    }

    #[test]
    fn cycle_is_shown_in_precedence_order() {
        // cluster after model, model after cluster: cluster → model → cluster.
        let mut plan = clean_plan();
        plan.investments[0].after = vec!["model".into()];
        let f = only(&plan, "cycle");
        assert_eq!(f.severity, Error);
        assert_eq!(f.message, "cluster → model → cluster");
        assert_eq!(f.ids, ["cluster", "model"]);
        assert_eq!(f.to_string(), "error[cycle]: cluster → model → cluster");
    }

    #[test]
    fn cycle_through_a_milestone_is_found() {
        // cluster after launch; launch needs model; model after cluster.
        let mut plan = clean_plan();
        plan.investments[0].after = vec!["launch".into()];
        let f = only(&plan, "cycle");
        assert_eq!(f.message, "cluster → model → launch → cluster");
    }

    #[test]
    fn self_link_is_a_cycle_of_one() {
        let mut plan = clean_plan();
        plan.investments[1].after.push("model".into());
        assert_eq!(only(&plan, "cycle").message, "model → model");
    }

    #[test]
    fn dangling_ids_are_unknown_ids() {
        // One in `after`, one in `needs`, one in `removes`, one layer.
        let mut plan = clean_plan();
        plan.investments[1].after.push("ghost".into());
        plan.milestones[0].needs.push("phantom".into());
        plan.milestones[0].removes.push("nothing".into());
        plan.dependencies[0].layer = "space".into();
        let found: Vec<Finding> = checks(&plan)
            .into_iter()
            .filter(|f| f.code == "unknown-id")
            .collect();
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(found.iter().all(|f| f.severity == Error));
        assert!(
            found[0].message.contains("\"space\""),
            "{}",
            found[0].message
        );
        assert!(
            found[1].message.contains("\"ghost\""),
            "{}",
            found[1].message
        );
    }

    #[test]
    fn linking_the_wrong_kind_of_item_is_flagged() {
        // `removes` names an investment.
        let mut plan = clean_plan();
        plan.milestones[0].removes.push("cluster".into());
        let f = only(&plan, "wrong-kind");
        assert_eq!(f.ids, ["launch", "cluster"]);
        assert!(
            f.message
                .contains("which is an investment, not a dependency"),
            "{}",
            f.message
        );
    }

    #[test]
    fn duplicate_ids_across_kinds_are_reported_once() {
        // A milestone and an investment share "cluster"; a third item too.
        let mut plan = clean_plan();
        plan.milestones
            .push(ms("cluster", "compute", "2026-08", &[], &[], &[]));
        plan.milestones
            .push(ms("cluster", "compute", "2026-09", &[], &[], &[]));
        let f = only(&plan, "duplicate-id");
        assert_eq!(f.ids, ["cluster"]);
        assert!(f.message.contains("3 items"), "{}", f.message);
    }

    #[test]
    fn investment_ending_before_it_starts() {
        let mut plan = clean_plan();
        plan.investments[0].end = m("2025-12");
        let f = only(&plan, "end-before-start");
        assert_eq!(f.ids, ["cluster"]);
    }

    #[test]
    fn items_outside_the_horizon_are_warned() {
        let mut plan = clean_plan();
        plan.milestones[0].month = m("2027-02");
        let f = only(&plan, "outside-horizon");
        assert_eq!(
            (f.severity, f.ids.as_slice()),
            (Warning, ["launch".to_owned()].as_slice())
        );
    }

    #[test]
    fn milestone_before_a_needed_investment_ends() {
        // launch 2026-05 needs model, which ends 2026-06.
        let mut plan = clean_plan();
        plan.milestones[0].month = m("2026-05");
        let f = only(&plan, "needs-not-done");
        assert_eq!(f.ids, ["launch", "model"]);
        assert!(f.message.contains("2026-06"), "{}", f.message);
    }

    #[test]
    fn milestone_in_the_month_its_need_ends_is_fine() {
        let mut plan = clean_plan();
        plan.milestones[0].month = m("2026-06");
        assert!(!codes(&plan).contains(&"needs-not-done"));
    }

    #[test]
    fn investment_starting_before_its_after_ends() {
        // model starts 2026-03, the month cluster still runs.
        let mut plan = clean_plan();
        plan.investments[1].start = m("2026-03");
        let f = only(&plan, "starts-before-after");
        assert_eq!(f.ids, ["model", "cluster"]);
    }

    #[test]
    fn dependency_never_removed_is_info() {
        let mut plan = clean_plan();
        plan.dependencies.push(dep("cloud", "compute", BlackBox, 2));
        let f = only(&plan, "never-removed");
        assert_eq!(
            (f.severity, f.ids.as_slice()),
            (Info, ["cloud".to_owned()].as_slice())
        );
    }

    #[test]
    fn empty_titles_are_warned() {
        let mut plan = clean_plan();
        plan.investments[0].title = "  ".into();
        let f = only(&plan, "empty-title");
        assert_eq!(
            (f.severity, f.ids.as_slice()),
            (Warning, ["cluster".to_owned()].as_slice())
        );
    }

    #[test]
    fn layer_without_items_is_info() {
        let mut plan = clean_plan();
        plan.layers.push(crate::model::default_layers().remove(0)); // chips, unused
        let f = only(&plan, "empty-layer");
        assert_eq!(
            (f.severity, f.ids.as_slice()),
            (Info, ["chips".to_owned()].as_slice())
        );
    }

    #[test]
    fn criticality_outside_one_to_five() {
        let mut plan = clean_plan();
        plan.dependencies[0].criticality = 0;
        assert_eq!(only(&plan, "criticality").ids, ["closed-llm"]);
        plan.dependencies[0].criticality = 6;
        assert_eq!(only(&plan, "criticality").ids, ["closed-llm"]);
    }

    #[test]
    fn trade_is_a_warning_naming_both_dependencies() {
        let mut plan = clean_plan();
        plan.dependencies
            .push(dep("api-llm", "models", BlackBox, 4));
        plan.milestones[0].introduces.push("api-llm".into());
        let f = only(&plan, "trade");
        assert_eq!(f.severity, Warning);
        assert_eq!(f.ids, ["launch", "closed-llm", "api-llm"]);
        assert!(
            f.message
                .contains("removes closed-llm (Licensed) but introduces api-llm (Black box)"),
            "{}",
            f.message
        );
    }

    #[test]
    fn removal_before_introduction_is_warned() {
        // launch (07) removes api-llm, which `late` introduces in 2026-09.
        let mut plan = clean_plan();
        plan.dependencies
            .push(dep("api-llm", "models", BlackBox, 4));
        plan.milestones[0].removes.push("api-llm".into());
        plan.milestones
            .push(ms("late", "models", "2026-09", &[], &[], &["api-llm"]));
        assert_eq!(
            only(&plan, "removed-before-introduced").ids,
            ["launch", "api-llm"]
        );
    }

    #[test]
    fn unknown_jurisdiction_is_an_info() {
        let mut plan = clean_plan();
        plan.dependencies[0].jurisdiction = "  ".into();
        let f = only(&plan, "unknown-jurisdiction");
        assert_eq!(
            (f.severity, f.ids.as_slice()),
            (Info, &["closed-llm".to_owned()][..])
        );
    }

    #[test]
    fn removing_a_critical_dependency_without_evidence_is_an_info() {
        let mut plan = clean_plan();
        plan.milestones[0].evidence.clear();
        let f = only(&plan, "removal-without-evidence");
        assert_eq!(f.severity, Info);
        assert_eq!(f.ids, ["launch", "closed-llm"]);
        // Criticality 3 needs no evidence.
        plan.dependencies[0].criticality = 3;
        assert!(!codes(&plan).contains(&"removal-without-evidence"));
    }

    #[test]
    fn assessment_level_above_4_is_an_error() {
        let mut plan = clean_plan();
        plan.dependencies[0].assessment = vec![crate::model::Assessment {
            objective: "legal".into(),
            level: 7,
            evidence: Vec::new(),
        }];
        assert_eq!(only(&plan, "assessment-level").severity, Error);
    }

    #[test]
    fn errors_come_before_warnings_and_infos() {
        let mut plan = clean_plan();
        plan.dependencies.push(dep("cloud", "compute", BlackBox, 2)); // info
        plan.investments[0].title.clear(); // warning
        plan.investments[1].after.push("ghost".into()); // error
        let severities: Vec<Severity> = checks(&plan).iter().map(|f| f.severity).collect();
        assert_eq!(severities, [Error, Warning, Info]);
    }

    #[test]
    fn hostile_plan_does_not_panic() {
        // Empty ids, self-links everywhere, duplicates and an inverted horizon.
        let mut plan = clean_plan();
        plan.horizon.end = m("2020-01");
        plan.investments
            .push(inv("", "", "2026-01", "2026-01", u64::MAX, &["", "x", "x"]));
        plan.milestones
            .push(ms("x", "x", "2026-01", &["x", "x"], &["x"], &["x"]));
        let found = checks(&plan);
        assert!(found.iter().any(|f| f.code == "empty-id"));
        assert!(
            found
                .iter()
                .any(|f| f.code == "cycle" && f.message == "x → x")
        );
        assert!(
            found
                .iter()
                .any(|f| f.code == "end-before-start" && f.ids.is_empty())
        );
    }
}
