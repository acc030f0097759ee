//! What a selection brings into focus: the item, what it waits for and what it feeds.

use std::collections::HashSet;

use super::index::{Index, Node, Upstream};
use crate::model::Roadmap;

/// The ids selecting `id` brings into focus (the chart dims the rest), or `None` when no item
/// has that id:
/// - a milestone: what it needs, directly or through `after` and `needs` chains (the walk its
///   report's `needs_all` comes from), and the dependencies it removes or introduces;
/// - an investment: what it comes after, transitively, and what directly needs it or comes
///   after it;
/// - a dependency: the milestones that remove or introduce it.
pub fn focus(plan: &Roadmap, id: &str) -> Option<HashSet<String>> {
    let index = Index::new(plan);
    let mut set: HashSet<String> = HashSet::from([id.to_owned()]);
    let start = match index.node(id) {
        Some(Node::Milestone(m)) => {
            let milestone = &plan.milestones[m];
            set.extend(milestone.removes.iter().cloned());
            set.extend(milestone.introduces.iter().cloned());
            Some(plan.investments.len() + m)
        }
        Some(Node::Investment(i)) => {
            let feeds = plan
                .milestones
                .iter()
                .filter(|m| m.needs.iter().any(|n| n == id))
                .map(|m| &m.id)
                .chain(
                    plan.investments
                        .iter()
                        .filter(|i| i.after.iter().any(|a| a == id))
                        .map(|i| &i.id),
                );
            set.extend(feeds.cloned());
            Some(i)
        }
        None if index.dependencies.contains_key(id) => {
            let changes = plan
                .milestones
                .iter()
                .filter(|m| m.removes.iter().chain(&m.introduces).any(|d| d == id));
            set.extend(changes.map(|m| m.id.clone()));
            None
        }
        None => return None,
    };
    if let Some(start) = start {
        // One walk needs only the links it follows: resolved node by node, not the whole
        // plan's schedule (this runs whenever the chart is laid out).
        let investments = plan.investments.len();
        let dense = |id: &String| {
            index.node(id).map(|n| match n {
                Node::Investment(i) => i,
                Node::Milestone(m) => investments + m,
            })
        };
        let links = |n: usize| match n.checked_sub(investments) {
            None => plan.investments.get(n).map(|i| &i.after),
            Some(m) => plan.milestones.get(m).map(|m| &m.needs),
        };
        let predecessors = |n| links(n).into_iter().flatten().filter_map(dense);
        let upstream = Upstream::new(investments + plan.milestones.len()).walk(start, predecessors);
        let id = |n: usize| match n.checked_sub(investments) {
            None => &plan.investments[n].id,
            Some(m) => &plan.milestones[m].id,
        };
        set.extend(upstream.into_iter().map(|n| id(n).clone()));
    }
    Some(set)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testplan::*;
    use crate::model::ControlLevel::*;

    /// a ← b (after a); gate needs b; launch needs gate; c comes after b; x is unrelated.
    fn chain() -> Roadmap {
        let mut plan = plan();
        plan.dependencies = vec![
            dep("api", "models", BlackBox, 4).into(),
            dep("open", "models", OpenForeign, 2).into(),
        ];
        plan.investments = vec![
            inv("a", "compute", "2026-01", "2026-03", 1, &[]).into(),
            inv("b", "compute", "2026-04", "2026-06", 1, &["a"]).into(),
            inv("c", "compute", "2026-07", "2026-08", 1, &["b"]).into(),
            inv("x", "compute", "2026-01", "2026-02", 1, &[]).into(),
        ];
        plan.milestones = vec![
            ms("gate", "compute", "2026-07", &["b"], &[], &[]).into(),
            ms(
                "launch",
                "models",
                "2026-09",
                &["gate"],
                &["api"],
                &["open"],
            )
            .into(),
        ];
        plan
    }

    fn sorted(set: Option<HashSet<String>>) -> Vec<String> {
        let mut ids: Vec<String> = set.expect("a focus").into_iter().collect();
        ids.sort();
        ids
    }

    #[test]
    fn a_milestone_brings_in_everything_it_needs_through_milestones_and_what_it_trades() {
        assert_eq!(
            sorted(focus(&chain(), "launch")),
            ["a", "api", "b", "gate", "launch", "open"]
        );
    }

    #[test]
    fn an_investment_brings_in_its_chain_back_and_what_directly_waits_for_it() {
        assert_eq!(sorted(focus(&chain(), "b")), ["a", "b", "c", "gate"]);
    }

    #[test]
    fn a_dependency_brings_in_the_milestones_that_change_it() {
        assert_eq!(sorted(focus(&chain(), "open")), ["launch", "open"]);
    }

    #[test]
    fn an_unknown_id_brings_nothing_into_focus_and_a_cycle_ends() {
        let mut plan = chain();
        assert_eq!(focus(&plan, "nowhere"), None);
        plan.investments[0].after = vec!["b".into()];
        assert_eq!(sorted(focus(&plan, "a")), ["a", "b"]);
    }
}
