//! A draft into a plan: layers from summary tasks or groups, items, ids and the horizon.

use std::collections::HashSet;

use super::*;
use crate::analysis::{self, Severity};
use crate::import::ImportReport;
use crate::import::date::month_of;
use crate::model::{Horizon, Investment, Layer, Milestone, Month, Roadmap, Shared, default_layers};

/// What a task became.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Node {
    Investment(usize),
    Milestone(usize),
    Summary(usize),
}

/// Turns a draft into a plan, noting in `report` what was approximated or skipped.
pub fn build(draft: Draft, report: &mut ImportReport) -> Roadmap {
    let children = children_of(&draft.tasks);
    let (layers, layer_of, layer_source) = layers(&draft, &children);
    let mut used: HashSet<String> = layers.iter().map(|l| l.id.clone()).collect();
    used.extend(draft.dependencies.iter().map(|d| d.id.clone()));
    let mut plan = Roadmap::blank(&draft.title, default_horizon());
    plan.owner = draft.owner.clone();
    plan.notes = draft.notes.clone();
    if let Some(currency) = draft.currency.as_ref().filter(|c| !c.trim().is_empty()) {
        plan.currency = currency.trim().to_owned();
    }
    plan.dependencies = Shared::all(draft.dependencies.iter().cloned());
    for d in &mut plan.dependencies {
        let named = |l: &&Layer| l.id == d.layer || l.name.eq_ignore_ascii_case(d.layer.trim());
        if let Some(layer) = layers.iter().find(named) {
            d.layer = layer.id.clone();
        }
    }
    plan.layers = layers;
    let mut nodes: Vec<Option<Node>> = vec![None; draft.tasks.len()];
    for (i, task) in draft.tasks.iter().enumerate() {
        if !children[i].is_empty() || task.kind == Kind::Summary {
            nodes[i] = Some(Node::Summary(i));
            continue;
        }
        nodes[i] = add_item(&mut plan, task, &layer_of[i], &mut used, report);
    }
    let links = apply_links(&mut plan, &draft, &nodes, &children, report);
    plan.horizon = horizon_of(&plan);
    report.read(format!(
        "{} investments, {} milestones, {} layers ({layer_source}), {links} links{}",
        plan.investments.len(),
        plan.milestones.len(),
        plan.layers.len(),
        if plan.dependencies.is_empty() {
            String::new()
        } else {
            format!(", {} dependencies", plan.dependencies.len())
        }
    ));
    for finding in analysis::checks(&plan) {
        if finding.severity == Severity::Error {
            report.read(format!("check: {finding}"));
        }
    }
    plan
}

/// The indices of each task's direct children.
fn children_of(tasks: &[Task]) -> Vec<Vec<usize>> {
    let mut children = vec![Vec::new(); tasks.len()];
    for (i, task) in tasks.iter().enumerate() {
        if let Some(p) = task.parent.filter(|&p| p < tasks.len() && p != i) {
            children[p].push(i);
        }
    }
    children
}

/// The top-level ancestor of task `i` (itself when it has no parent).
fn root_of(tasks: &[Task], i: usize) -> usize {
    let mut at = i;
    // A parent chain longer than the task list has a loop; stop there.
    for _ in 0..tasks.len() {
        match tasks[at].parent.filter(|&p| p < tasks.len()) {
            Some(p) if p != at => at = p,
            _ => break,
        }
    }
    at
}

/// The layers, the layer id of each task, and where the layers came from.
fn layers(draft: &Draft, children: &[Vec<usize>]) -> (Vec<Layer>, Vec<String>, String) {
    let tasks = &draft.tasks;
    let summary = |i: usize| !children[i].is_empty() || tasks[i].kind == Kind::Summary;
    let top_summaries: Vec<usize> = (0..tasks.len())
        .filter(|&i| tasks[i].parent.is_none() && summary(i))
        .collect();
    // Only tasks that become items get a layer: a skipped "Total" row makes none.
    let item = |i: usize| !summary(i) && tasks[i].start.or(tasks[i].end).is_some();
    let mut made = LayerSet::default();
    if !top_summaries.is_empty() {
        for &i in &top_summaries {
            made.layer_for(&tasks[i].title);
        }
        let mut of = vec![String::new(); tasks.len()];
        for (i, slot) in of.iter_mut().enumerate().filter(|(i, _)| item(*i)) {
            let root = root_of(tasks, i);
            *slot = if summary(root) {
                made.layer_for(&tasks[root].title)
            } else {
                made.layer_for("Other")
            };
        }
        return (made.layers, of, "from top-level summary tasks".to_owned());
    }
    let grouped = tasks
        .iter()
        .any(|t| t.group.as_deref().is_some_and(|g| !g.trim().is_empty()));
    if grouped {
        let of = tasks
            .iter()
            .enumerate()
            .map(|(i, t)| match t.group.as_deref().map(str::trim) {
                _ if !item(i) => String::new(),
                Some(g) if !g.is_empty() => made.layer_for(g),
                _ => made.layer_for("Other"),
            })
            .collect();
        let source = if draft.group_source.is_empty() {
            "one per group".to_owned()
        } else {
            format!("one per value of {}", draft.group_source)
        };
        return (made.layers, of, source);
    }
    let layers = default_layers();
    let first = layers.first().map(|l| l.id.clone()).unwrap_or_default();
    (
        layers,
        vec![first; tasks.len()],
        "the default layers, everything in the first".to_owned(),
    )
}

/// Layers made while reading, one per distinct name.
#[derive(Default)]
struct LayerSet {
    layers: Vec<Layer>,
}

impl LayerSet {
    /// The id of the layer named `name`, made when new (a default layer's colour and
    /// description when the name is one of them).
    fn layer_for(&mut self, name: &str) -> String {
        let name = name.trim();
        let name = if name.is_empty() { "Untitled" } else { name };
        let same = |l: &Layer| l.name.eq_ignore_ascii_case(name) || l.id.eq_ignore_ascii_case(name);
        if let Some(layer) = self.layers.iter().find(|l| same(l)) {
            return layer.id.clone();
        }
        let defaults = default_layers();
        let layer = match defaults.iter().find(|l| same(l)) {
            Some(d) if !self.layers.iter().any(|l| l.id == d.id) => Layer {
                name: name.to_owned(),
                ..d.clone()
            },
            _ => {
                // The first default colour no layer has yet, so that lanes stay apart.
                let colour = defaults
                    .iter()
                    .map(|d| d.colour)
                    .find(|c| !self.layers.iter().any(|l| l.colour == *c))
                    .unwrap_or(defaults[self.layers.len() % defaults.len()].colour);
                let used: HashSet<String> = self.layers.iter().map(|l| l.id.clone()).collect();
                Layer {
                    id: unique(&slug(name), &used),
                    name: name.to_owned(),
                    colour,
                    description: String::new(),
                }
            }
        };
        let id = layer.id.clone();
        self.layers.push(layer);
        id
    }
}

/// Adds `task` as an investment or milestone; `None` (and a report line) when it has no date.
fn add_item(
    plan: &mut Roadmap,
    task: &Task,
    layer: &str,
    used: &mut HashSet<String>,
    report: &mut ImportReport,
) -> Option<Node> {
    let (Some(first), Some(last)) = (task.start.or(task.end), task.end.or(task.start)) else {
        report.skip(format!("{}: no start or finish date", task.place));
        return None;
    };
    let (Some(start), Some(end)) = (month_of(first), month_of(last)) else {
        report.skip(format!("{}: a date outside the years 1–9999", task.place));
        return None;
    };
    let title = if task.title.trim().is_empty() {
        report.approximate(format!("{}: no name; titled \"Untitled\"", task.place));
        "Untitled".to_owned()
    } else {
        task.title.trim().to_owned()
    };
    let base = match task.reference.as_deref().map(str::trim) {
        Some(r) if !r.is_empty() => r.to_owned(),
        _ => slug(&title),
    };
    let id = unique(&base, used);
    if task.reference.as_deref().is_some_and(|r| r.trim() == base) && id != base {
        report.approximate(format!(
            "{}: id \"{base}\" is already used; renamed \"{id}\"",
            task.place
        ));
    }
    used.insert(id.clone());
    if task.kind == Kind::Milestone {
        if task.cost.is_some_and(|c| c.abs() >= 0.5) {
            report.skip(format!(
                "{}: the cost of a milestone (milestones carry no budget)",
                task.place
            ));
        }
        plan.milestones.push(
            Milestone {
                removes: task.removes.clone(),
                introduces: task.introduces.clone(),
                notes: task.notes.trim().to_owned(),
                ..Milestone::new(id, title, start, layer)
            }
            .into(),
        );
        return Some(Node::Milestone(plan.milestones.len() - 1));
    }
    let end = if end < start {
        report.approximate(format!(
            "{}: finishes before it starts; ends in its start month",
            task.place
        ));
        start
    } else {
        end
    };
    plan.investments.push(
        Investment {
            id,
            title,
            layer: layer.to_owned(),
            start,
            end,
            budget: budget(task, report),
            owner: task.owner.trim().to_owned(),
            notes: task.notes.trim().to_owned(),
            after: Vec::new(),
        }
        .into(),
    );
    Some(Node::Investment(plan.investments.len() - 1))
}

/// A task's cost as a budget in whole units.
fn budget(task: &Task, report: &mut ImportReport) -> u64 {
    match task.cost {
        Some(c) if c.is_finite() && c < 0.0 => {
            report.approximate(format!(
                "{}: a negative cost ({c}) counted as 0",
                task.place
            ));
            0
        }
        // `as` saturates at u64::MAX.
        Some(c) if c.is_finite() => c.round() as u64,
        _ => 0,
    }
}

/// A readable id from a title: lower-case letters and digits joined by "-".
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.chars().count() >= 40 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "item".to_owned()
    } else {
        out.to_owned()
    }
}

/// `base`, or `base-2`, `base-3`, … whichever is not in `used`.
fn unique(base: &str, used: &HashSet<String>) -> String {
    if !used.contains(base) {
        return base.to_owned();
    }
    (2u64..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !used.contains(id))
        .unwrap_or_else(|| format!("{base}-new"))
}

/// Whole years from the first month any item uses to the last.
fn horizon_of(plan: &Roadmap) -> Horizon {
    let months = plan
        .investments
        .iter()
        .flat_map(|i| [i.start, i.end])
        .chain(plan.milestones.iter().map(|m| m.month));
    let (Some(first), Some(last)) = (months.clone().min(), months.max()) else {
        return default_horizon();
    };
    let start = Month::new(first.year(), 1).unwrap_or(first);
    let end = Month::new(last.year(), 12).unwrap_or(last);
    Horizon { start, end }
}

/// Ten years from January of this year, for a plan with no dated items.
fn default_horizon() -> Horizon {
    use chrono::Datelike;
    let year = chrono::Utc::now().year();
    let start = Month::new(year, 1).unwrap_or(Month::from_index(2026 * 12));
    Horizon {
        start,
        end: start.plus(119),
    }
}
