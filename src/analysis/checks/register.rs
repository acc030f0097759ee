//! Checks of the register: the horizon, ids, layers, dependencies, saved stops, merge conflicts.

use std::collections::HashMap;

use super::Severity::{Error, Info, Warning};
use super::{Code, Findings, Names};
use crate::analysis::exposure::DependencySpan;
use crate::analysis::index::Index;
use crate::model::{Month, Roadmap};

pub(super) fn check_horizon(plan: &Roadmap, out: &mut Findings) {
    let h = plan.horizon;
    if h.end < h.start {
        out.push(
            Error,
            Code::EndBeforeStart,
            format!(
                "the plan's horizon ends ({}) before it starts ({})",
                h.end, h.start
            ),
            &[],
        );
    }
    if plan.title.trim().is_empty() {
        out.push(
            Warning,
            Code::EmptyTitle,
            "the plan has no title".into(),
            &[],
        );
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

pub(super) fn check_ids(plan: &Roadmap, out: &mut Findings) {
    let mut uses: HashMap<&str, Vec<&'static str>> = HashMap::new();
    let mut order = Vec::new();
    for (id, kind) in all_ids(plan) {
        if id.trim().is_empty() {
            out.push(
                Error,
                Code::EmptyId,
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
            Code::DuplicateId,
            format!(
                "id \"{id}\" is used by {} items ({}); ids must be unique",
                kinds.len(),
                kinds.join(", ")
            ),
            &[id],
        );
    }
}

pub(super) fn check_layers(plan: &Roadmap, names: &Names<'_>, out: &mut Findings) {
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
                Code::EmptyTitle,
                format!("layer {} has no name", layer.id),
                &[&layer.id],
            );
        }
        if !used.contains_key(layer.id.as_str()) {
            out.push(
                Info,
                Code::EmptyLayer,
                format!(
                    "layer {} has no investments, milestones or dependencies",
                    names.of(&layer.id)
                ),
                &[&layer.id],
            );
        }
    }
}

/// Reports `reference` if it names no layer.
pub(super) fn check_layer_ref(names: &Names<'_>, owner: &str, layer: &str, out: &mut Findings) {
    if !names.index.layers.contains_key(layer) {
        out.push(
            Error,
            Code::UnknownId,
            format!(
                "{} is in layer \"{layer}\", which does not exist",
                names.of(owner)
            ),
            &[owner],
        );
    }
}

pub(super) fn check_dependencies(
    plan: &Roadmap,
    names: &Names<'_>,
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
                Code::EmptyTitle,
                format!("dependency {id} has no name"),
                &[id],
            );
        }
        check_layer_ref(names, id, &dep.layer, out);
        if !(1..=5).contains(&dep.criticality) {
            out.push(
                Error,
                Code::Criticality,
                format!(
                    "dependency {} has criticality {}; it must be 1 (minor) to 5 (critical)",
                    names.of(id),
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
                Code::RemovedBeforeIntroduced,
                format!(
                    "milestone {}, dated {month}, removes {} before it is introduced ({})",
                    names.of(milestone),
                    names.of(id),
                    span.from
                ),
                &[milestone, id],
            );
        }
        if span.until.is_none() {
            out.push(
                Info,
                Code::NeverRemoved,
                format!(
                    "dependency {} is never removed (criticality {})",
                    names.of(id),
                    dep.criticality
                ),
                &[id],
            );
        }
    }
}

/// Reports an item dated outside the plan's horizon.
pub(super) fn check_in_horizon(
    names: &Names<'_>,
    id: &str,
    what: &str,
    months: &[Month],
    out: &mut Findings,
) {
    let h = names.plan.horizon;
    if h.start <= h.end && months.iter().any(|m| !h.contains(*m)) {
        let dates: Vec<String> = months.iter().map(Month::to_string).collect();
        out.push(
            Warning,
            Code::OutsideHorizon,
            format!(
                "{what} {}, {}, lies outside the horizon {} – {}",
                names.of(id),
                dates.join(" – "),
                h.start,
                h.end
            ),
            &[id],
        );
    }
}

pub(super) fn check_stops(plan: &Roadmap, index: &Index<'_>, out: &mut Findings) {
    for (n, stop) in plan.stops.iter().enumerate() {
        let name = format!("stop {} (\"{}\")", n + 1, stop.title);
        if stop.to < stop.from {
            out.push(
                Warning,
                Code::EndBeforeStart,
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
                Code::UnknownId,
                format!("{name} shows layer \"{layer}\", which does not exist"),
                &[],
            );
        }
        if let Some(focus) = stop.focus.as_deref().filter(|f| index.kind(f).is_none()) {
            out.push(
                Warning,
                Code::UnknownId,
                format!("{name} focuses on \"{focus}\", but no item has that id"),
                &[],
            );
        }
    }
}

/// Conflicts a merge left in the plan, one error each until a planner resolves it.
pub(super) fn check_conflicts(plan: &Roadmap, out: &mut Findings) {
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
            Code::MergeConflict,
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
