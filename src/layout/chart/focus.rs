//! What the selection highlights: the selected item and everything it needs or feeds.

use std::collections::{HashMap, HashSet};

use crate::model::Roadmap;

/// The ids highlighted by the selection; `None` when nothing is dimmed.
pub(super) fn focus_set(plan: &Roadmap, selection: Option<&str>) -> Option<HashSet<String>> {
    let id = selection?;
    let mut set: HashSet<String> = HashSet::new();
    set.insert(id.to_owned());
    let mut stack: Vec<String> = Vec::new();
    if let Some(m) = plan.milestone(id) {
        stack.extend(m.needs.iter().cloned());
        set.extend(m.removes.iter().cloned());
        set.extend(m.introduces.iter().cloned());
    } else if let Some(inv) = plan.investment(id) {
        stack.extend(inv.after.iter().cloned());
        for m in plan
            .milestones
            .iter()
            .filter(|m| m.needs.iter().any(|n| n == id))
        {
            set.insert(m.id.clone());
        }
        for i in plan
            .investments
            .iter()
            .filter(|i| i.after.iter().any(|a| a == id))
        {
            set.insert(i.id.clone());
        }
    } else if plan.dependency(id).is_some() {
        for m in &plan.milestones {
            if m.removes.iter().chain(&m.introduces).any(|d| d == id) {
                set.insert(m.id.clone());
            }
        }
    } else {
        return None;
    }
    let investments: HashMap<&str, &crate::model::Investment> = plan
        .investments
        .iter()
        .map(|i| (i.id.as_str(), i))
        .collect();
    let milestones: HashMap<&str, &crate::model::Milestone> =
        plan.milestones.iter().map(|m| (m.id.as_str(), m)).collect();
    while let Some(next) = stack.pop() {
        if !set.insert(next.clone()) {
            continue;
        }
        if let Some(inv) = investments.get(next.as_str()) {
            stack.extend(inv.after.iter().cloned());
        } else if let Some(m) = milestones.get(next.as_str()) {
            stack.extend(m.needs.iter().cloned());
        }
    }
    Some(set)
}
