//! A draft's links into `after` and `needs`, noting what they approximate.

use std::collections::{HashMap, HashSet};

use super::*;
use crate::import::ImportReport;
use crate::model::Roadmap;

/// Applies the links; returns how many were kept.
pub(super) fn apply_links(
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
    for inv in plan.investments.iter_mut().map(|i| &mut **i) {
        dedup(&mut inv.after, &inv.id);
    }
    for m in plan.milestones.iter_mut().map(|m| &mut **m) {
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
