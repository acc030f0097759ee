//! What every importer reads a file into (tasks, links and groups as the file has them), and
//! [`build`], which turns it into a roadmap the same way for every format.
//!
//! The mapping: summary tasks are not items; top-level summary tasks become layers (else one
//! layer per value of a group column, else the default layers with everything in the first);
//! other tasks become investments, or milestones when marked so; finish-to-start links
//! become `after` (into an investment) or `needs` (into a milestone); other link types and
//! lags are kept as the same links and listed as approximated; nothing is dropped silently.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::ImportReport;
use super::date::month_of;
use crate::analysis::{self, Severity};
use crate::model::{
    Dependency, Horizon, Investment, Layer, Milestone, Month, Roadmap, default_layers,
};

/// A file's content, before it becomes a plan.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// The plan's title (the file name when empty).
    pub title: String,
    /// Who owns the plan (company, author).
    pub owner: String,
    /// Notes about the plan.
    pub notes: String,
    /// Currency code of the costs, e.g. "EUR"; `None` = the default.
    pub currency: Option<String>,
    /// Tasks in file order.
    pub tasks: Vec<Task>,
    /// Links between tasks, by their keys (or references or titles).
    pub links: Vec<Link>,
    /// A dependency register, when the file has one (Stackplan's own CSV tables).
    pub dependencies: Vec<Dependency>,
    /// What the layers come from, for the report, e.g. "the Stream column".
    pub group_source: String,
}

/// What kind of task a row or element is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// Work with a start and an end: an investment.
    #[default]
    Work,
    /// A dated achievement: a milestone.
    Milestone,
    /// A task that only groups others.
    Summary,
}

/// One task, row or element of the source file.
#[derive(Debug, Clone, Default)]
pub struct Task {
    /// The file's own key for it (a UID, a task id, a row's id), used by links.
    pub key: String,
    /// A readable reference to use as the id (an id or ref column), if any.
    pub reference: Option<String>,
    /// Title.
    pub title: String,
    /// How the report names it, e.g. `row 7` or `task "Design"`.
    pub place: String,
    /// Work, milestone or summary.
    pub kind: Kind,
    /// Index of the summary task it belongs to.
    pub parent: Option<usize>,
    /// The value of the column chosen for layers, if any.
    pub group: Option<String>,
    /// First day.
    pub start: Option<NaiveDate>,
    /// Last day.
    pub end: Option<NaiveDate>,
    /// Cost in the file's currency.
    pub cost: Option<f64>,
    /// Who delivers it (resource names, owner column).
    pub owner: String,
    /// Notes.
    pub notes: String,
    /// Ids of dependencies a milestone removes (Stackplan's own tables only).
    pub removes: Vec<String>,
    /// Ids of dependencies a milestone introduces (Stackplan's own tables only).
    pub introduces: Vec<String>,
}

/// How a link ties its two tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinkKind {
    /// The successor starts when the predecessor finishes.
    #[default]
    FinishStart,
    /// The successor starts when the predecessor starts.
    StartStart,
    /// The successor finishes when the predecessor finishes.
    FinishFinish,
    /// The successor finishes when the predecessor starts.
    StartFinish,
}

impl LinkKind {
    fn label(self) -> &'static str {
        match self {
            LinkKind::FinishStart => "finish-to-start",
            LinkKind::StartStart => "start-to-start",
            LinkKind::FinishFinish => "finish-to-finish",
            LinkKind::StartFinish => "start-to-finish",
        }
    }
}

/// A link: `to` depends on `from`.
#[derive(Debug, Clone, Default)]
pub struct Link {
    /// The predecessor's key, reference or title.
    pub from: String,
    /// The successor's key.
    pub to: String,
    /// Link type.
    pub kind: LinkKind,
    /// Lag as the file states it (negative: a lead).
    pub lag: Lag,
}

/// A link's lag in the unit the file states it in; a negative amount is a lead.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Lag {
    /// How much, in `unit`.
    pub amount: f64,
    /// What `amount` counts.
    pub unit: LagUnit,
    /// Counted in calendar time (MS Project's "elapsed" units), not working time.
    pub elapsed: bool,
}

/// What a lag counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LagUnit {
    /// Minutes.
    Minutes,
    /// Hours.
    Hours,
    /// Days.
    #[default]
    Days,
    /// Weeks.
    Weeks,
    /// Months.
    Months,
    /// Per cent of the predecessor's duration.
    Percent,
}

impl Lag {
    /// A lag of `amount` working days.
    pub fn days(amount: f64) -> Lag {
        Lag {
            amount,
            unit: LagUnit::Days,
            elapsed: false,
        }
    }

    /// Whether there is no lag (nothing to report).
    pub fn is_zero(self) -> bool {
        self.amount.abs() < 0.005 || !self.amount.is_finite()
    }

    /// The lag in words, exactly as the file states it: "a lag of 2 weeks", "a lead of 3
    /// elapsed days", "a lag of 50% of the predecessor's duration"; `None` when there is none.
    pub fn describe(self) -> Option<String> {
        if self.is_zero() {
            return None;
        }
        let word = if self.amount < 0.0 { "lead" } else { "lag" };
        let amount = (self.amount.abs() * 100.0).round() / 100.0;
        let elapsed = if self.elapsed { "elapsed " } else { "" };
        let what = if self.unit == LagUnit::Percent {
            format!("{amount}% of the predecessor's {elapsed}duration")
        } else {
            let (one, many) = match self.unit {
                LagUnit::Minutes => ("minute", "minutes"),
                LagUnit::Hours => ("hour", "hours"),
                LagUnit::Days | LagUnit::Percent => ("day", "days"),
                LagUnit::Weeks => ("week", "weeks"),
                LagUnit::Months => ("month", "months"),
            };
            let unit = if amount == 1.0 { one } else { many };
            format!("{amount} {elapsed}{unit}")
        };
        Some(format!("a {word} of {what}"))
    }
}

/// What a task became.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
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
    plan.dependencies = draft.dependencies.clone();
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
        plan.milestones.push(Milestone {
            removes: task.removes.clone(),
            introduces: task.introduces.clone(),
            notes: task.notes.trim().to_owned(),
            ..Milestone::new(id, title, start, layer)
        });
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
    plan.investments.push(Investment {
        id,
        title,
        layer: layer.to_owned(),
        start,
        end,
        budget: budget(task, report),
        owner: task.owner.trim().to_owned(),
        notes: task.notes.trim().to_owned(),
        after: Vec::new(),
    });
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

/// Applies the links; returns how many were kept.
fn apply_links(
    plan: &mut Roadmap,
    draft: &Draft,
    nodes: &[Option<Node>],
    children: &[Vec<usize>],
    report: &mut ImportReport,
) -> usize {
    let lookup = Lookup::new(&draft.tasks);
    let mut kept = 0;
    let mut milestone_links = Vec::new();
    for link in &draft.links {
        let (Some(to), Some(from)) = (lookup.find(&link.to), lookup.find(&link.from)) else {
            let place = lookup.find(&link.to).map_or_else(
                || format!("\"{}\"", link.to),
                |i| draft.tasks[i].place.clone(),
            );
            report.skip(format!(
                "{place}: a link from \"{}\", which is not in the file",
                link.from
            ));
            continue;
        };
        if from == to {
            report.skip(format!("{}: a link to itself", draft.tasks[to].place));
            continue;
        }
        let (preds, succs) = (
            items_under(from, nodes, children),
            items_under(to, nodes, children),
        );
        let describe = || {
            format!(
                "link \"{}\" → \"{}\"",
                draft.tasks[from].title, draft.tasks[to].title
            )
        };
        if preds.is_empty() || succs.is_empty() {
            report.skip(format!("{}: one end was not imported", describe()));
            continue;
        }
        if let Some(how) = approximation(link) {
            report.approximate(format!("{}: {how}, kept as finish-to-start", describe()));
        }
        if matches!(nodes[from], Some(Node::Summary(_)))
            || matches!(nodes[to], Some(Node::Summary(_)))
        {
            report.approximate(format!(
                "{}: a summary task's link applied to each task under it",
                describe()
            ));
        }
        kept += 1;
        for &p in &preds {
            for &s in &succs {
                match (p, s) {
                    (p, Node::Investment(s)) => {
                        let id = node_id(plan, p);
                        plan.investments[s].after.push(id);
                    }
                    (Node::Investment(p), Node::Milestone(s)) => {
                        let id = plan.investments[p].id.clone();
                        plan.milestones[s].needs.push(id);
                    }
                    (Node::Milestone(p), Node::Milestone(s)) => milestone_links.push((p, s)),
                    _ => {}
                }
            }
        }
    }
    for (p, s) in milestone_links {
        let needs = plan.milestones[p].needs.clone();
        report.approximate(format!(
            "link \"{}\" → \"{}\": a milestone cannot follow a milestone; \"{}\" needs what \"{}\" needs",
            plan.milestones[p].title, plan.milestones[s].title, plan.milestones[s].title, plan.milestones[p].title
        ));
        plan.milestones[s].needs.extend(needs);
    }
    for inv in &mut plan.investments {
        dedup(&mut inv.after, &inv.id);
    }
    for m in &mut plan.milestones {
        dedup(&mut m.needs, &m.id);
    }
    kept
}

/// Why a link is not an exact finish-to-start link, if it is not.
fn approximation(link: &Link) -> Option<String> {
    match (link.kind, link.lag.describe()) {
        (LinkKind::FinishStart, None) => None,
        (LinkKind::FinishStart, Some(lag)) => Some(format!("finish-to-start with {lag}")),
        (kind, None) => Some(format!("a {} link", kind.label())),
        (kind, Some(lag)) => Some(format!("a {} link with {lag}", kind.label())),
    }
}

/// The id of the item a node became.
fn node_id(plan: &Roadmap, node: Node) -> String {
    match node {
        Node::Investment(i) => plan.investments[i].id.clone(),
        Node::Milestone(m) => plan.milestones[m].id.clone(),
        Node::Summary(_) => String::new(),
    }
}

/// The items task `i` became: itself, or for a summary every item under it.
fn items_under(i: usize, nodes: &[Option<Node>], children: &[Vec<usize>]) -> Vec<Node> {
    let mut out = Vec::new();
    let mut stack = vec![i];
    let mut seen = HashSet::new();
    while let Some(at) = stack.pop() {
        if !seen.insert(at) {
            continue;
        }
        match nodes.get(at).copied().flatten() {
            Some(Node::Summary(_)) => stack.extend(children[at].iter().rev()),
            Some(node) => out.push(node),
            None => {}
        }
    }
    out
}

fn dedup(ids: &mut Vec<String>, own: &str) {
    let mut seen = HashSet::new();
    ids.retain(|id| id != own && !id.is_empty() && seen.insert(id.clone()));
}

/// Finds tasks by key, then by reference, then by title (ignoring case).
struct Lookup {
    by_key: HashMap<String, usize>,
    by_reference: HashMap<String, usize>,
    by_title: HashMap<String, usize>,
}

impl Lookup {
    fn new(tasks: &[Task]) -> Lookup {
        let mut lookup = Lookup {
            by_key: HashMap::new(),
            by_reference: HashMap::new(),
            by_title: HashMap::new(),
        };
        for (i, t) in tasks.iter().enumerate() {
            lookup.by_key.entry(t.key.clone()).or_insert(i);
            if let Some(r) = &t.reference {
                lookup
                    .by_reference
                    .entry(r.trim().to_lowercase())
                    .or_insert(i);
            }
            lookup
                .by_title
                .entry(t.title.trim().to_lowercase())
                .or_insert(i);
        }
        lookup
    }

    fn find(&self, name: &str) -> Option<usize> {
        let lower = name.trim().to_lowercase();
        self.by_key
            .get(name)
            .or_else(|| self.by_key.get(name.trim()))
            .or_else(|| self.by_reference.get(&lower))
            .or_else(|| self.by_title.get(&lower))
            .copied()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }

    fn task(key: &str, title: &str, start: &str, end: &str) -> Task {
        Task {
            key: key.into(),
            title: title.into(),
            place: format!("task \"{title}\""),
            start: date(start),
            end: date(end),
            ..Task::default()
        }
    }

    #[test]
    fn slugs_are_readable_and_keep_any_script() {
        assert_eq!(
            slug("National GPU cluster, phase 1"),
            "national-gpu-cluster-phase-1"
        );
        assert_eq!(slug("  --  "), "item");
        assert_eq!(slug("国家模型"), "国家模型");
    }

    #[test]
    fn summaries_become_layers_and_links_become_after_and_needs() {
        let mut phase = task("1", "Compute", "2026-01-01", "2027-12-31");
        phase.kind = Kind::Summary;
        let mut a = task("2", "Cluster", "2026-01-05", "2026-12-20");
        a.parent = Some(0);
        a.cost = Some(1234.5);
        let mut b = task("3", "Cluster", "2027-01-05", "2027-06-20");
        b.parent = Some(0);
        let mut m = task("4", "Live", "2027-07-01", "2027-07-01");
        m.parent = Some(0);
        m.kind = Kind::Milestone;
        let draft = Draft {
            title: "T".into(),
            tasks: vec![phase, a, b, m],
            links: vec![
                Link {
                    from: "2".into(),
                    to: "3".into(),
                    ..Link::default()
                },
                Link {
                    from: "3".into(),
                    to: "4".into(),
                    kind: LinkKind::StartStart,
                    lag: Lag::days(-2.0),
                },
            ],
            ..Draft::default()
        };
        let mut report = ImportReport::default();
        let plan = build(draft, &mut report);
        assert_eq!(plan.layers.len(), 1);
        assert_eq!(
            plan.layers[0].id, "compute",
            "a default layer's name keeps its id"
        );
        let ids: Vec<_> = plan.investments.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["cluster", "cluster-2"]);
        assert_eq!(plan.investments[0].budget, 1235);
        assert_eq!(plan.investments[1].after, ["cluster"]);
        assert_eq!(plan.milestones[0].needs, ["cluster-2"]);
        assert_eq!(plan.horizon.start.to_string(), "2026-01");
        assert_eq!(plan.horizon.end.to_string(), "2027-12");
        assert_eq!(report.approximated.len(), 1, "{report}");
        assert!(report.approximated[0].contains("start-to-start link with a lead of 2 days"));
    }

    #[test]
    fn undated_tasks_and_unknown_links_are_named_in_the_report() {
        let draft = Draft {
            tasks: vec![
                task("1", "A", "2026-01-01", "2026-02-01"),
                task("2", "Total", "", ""),
            ],
            links: vec![Link {
                from: "9".into(),
                to: "1".into(),
                ..Link::default()
            }],
            ..Draft::default()
        };
        let mut report = ImportReport::default();
        let plan = build(draft, &mut report);
        assert_eq!(plan.investments.len(), 1);
        assert_eq!(
            plan.investments[0].layer, "chips",
            "no groups: the first default layer"
        );
        assert_eq!(report.skipped.len(), 2, "{report}");
        assert!(report.skipped[0].contains("\"Total\""));
        assert!(report.skipped[1].contains("\"9\""));
    }
}
