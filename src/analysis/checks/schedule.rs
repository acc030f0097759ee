//! Checks of the schedule: investments, milestones, their links, trades and cycles.

use std::collections::HashMap;

use super::Severity::{Error, Warning};
use super::register::{check_in_horizon, check_layer_ref};
use super::{Code, Findings, Names};
use crate::analysis::index::Schedule;
use crate::analysis::milestones::trades_of;
use crate::model::{ItemKind, Roadmap};
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

pub(super) fn check_investments(
    plan: &Roadmap,
    names: &Names<'_>,
    schedule: &Schedule<'_>,
    out: &mut Findings,
) {
    for (n, inv) in plan.investments.iter().enumerate() {
        let id = inv.id.as_str();
        if inv.title.trim().is_empty() {
            out.push(
                Warning,
                Code::EmptyTitle,
                format!("investment {id} has no title"),
                &[id],
            );
        }
        check_layer_ref(names, id, &inv.layer, out);
        if inv.end < inv.start {
            out.push(
                Error,
                Code::EndBeforeStart,
                format!(
                    "investment {} ends ({}) before it starts ({})",
                    names.of(id),
                    inv.end,
                    inv.start
                ),
                &[id],
            );
        }
        check_in_horizon(names, id, "investment", &[inv.start, inv.end], out);
        for link in &inv.after {
            check_link(names, id, "after", link, true, out);
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
                Code::StartsBeforeAfter,
                format!(
                    "investment {} starts {} but waits for {}, which finishes {finish}",
                    names.of(id),
                    inv.start,
                    names.of(other)
                ),
                &[id, other],
            );
        }
    }
}

/// Reports a link from `owner`'s `field` that names nothing, or the wrong kind of item.
fn check_link(
    names: &Names<'_>,
    owner: &str,
    field: &str,
    target: &str,
    schedule_link: bool,
    out: &mut Findings,
) {
    let index = names.index;
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
            Code::UnknownId,
            format!(
                "{} lists \"{target}\" in `{field}`, but no item has that id",
                names.of(owner)
            ),
            &[owner],
        ),
        Some(kind) => out.push(
            Error,
            Code::WrongKind,
            format!(
                "{} lists {} in `{field}`, which is {}, not {expected}",
                names.of(owner),
                names.of(target),
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

pub(super) fn check_milestones(
    plan: &Roadmap,
    names: &Names<'_>,
    schedule: &Schedule<'_>,
    out: &mut Findings,
) {
    for (n, ms) in plan.milestones.iter().enumerate() {
        let id = ms.id.as_str();
        if ms.title.trim().is_empty() {
            out.push(
                Warning,
                Code::EmptyTitle,
                format!("milestone {id} has no title"),
                &[id],
            );
        }
        check_layer_ref(names, id, &ms.layer, out);
        check_in_horizon(names, id, "milestone", &[ms.month], out);
        for link in &ms.needs {
            check_link(names, id, "needs", link, true, out);
        }
        for link in &ms.removes {
            check_link(names, id, "removes", link, false, out);
        }
        for link in &ms.introduces {
            check_link(names, id, "introduces", link, false, out);
        }
        for &pred in schedule.predecessors(schedule.milestone(n)) {
            let Some(finish) = schedule.finish(pred).filter(|f| ms.month < *f) else {
                continue;
            };
            let other = schedule.id(pred);
            out.push(
                Error,
                Code::NeedsNotDone,
                format!(
                    "milestone {} is dated {} but {}, which it needs, finishes {finish}",
                    names.of(id),
                    ms.month,
                    names.of(other)
                ),
                &[id, other],
            );
        }
        for trade in trades_of(plan, names.index, n) {
            let control = |dep: &str| {
                names
                    .index
                    .dependencies
                    .get(dep)
                    .and_then(|&d| plan.dependencies.get(d))
                    .map_or("?", |d| d.control.label())
            };
            out.push(
                Warning,
                Code::Trade,
                format!(
                    "milestone {} removes {} [{}] but introduces {} [{}] in the same layer: \
                     a trade, not a gain in control",
                    names.of(id),
                    names.of(&trade.removed),
                    control(&trade.removed),
                    names.of(&trade.introduced),
                    control(&trade.introduced),
                ),
                &[id, &trade.removed, &trade.introduced],
            );
        }
    }
}

/// Reports each group of items that wait on each other, with one cycle through it.
pub(super) fn check_cycles(schedule: &Schedule<'_>, names: &Names<'_>, out: &mut Findings) {
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
        let mut shown: Vec<String> = ids.iter().map(|id| names.of(id)).collect();
        shown.extend(ids.first().map(|id| names.of(id)));
        out.push(Error, Code::Cycle, shown.join(" → "), &ids);
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
