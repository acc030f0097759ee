//! The critical path to a milestone: the chain of `after`/`needs` links that fixes its date.

use std::collections::HashSet;

use super::index::{Index, Schedule};
use crate::model::Roadmap;

/// The chain that fixes milestone `milestone`'s date, ids earliest first, ending with the
/// milestone itself; empty when there is no such milestone.
///
/// From the milestone, follow the predecessor (`needs`, then `after`) that finishes latest
/// (ties: the first listed) until an item with no predecessors; a cycle stops the walk.
pub fn critical_path(plan: &Roadmap, milestone: &str) -> Vec<String> {
    let index = Index::new(plan);
    let schedule = Schedule::new(plan, &index);
    index
        .milestones
        .get(milestone)
        .map(|&m| path_from(&schedule, schedule.milestone(m)))
        .unwrap_or_default()
}

/// The critical path ending at dense node `end`.
pub(crate) fn path_from(schedule: &Schedule<'_>, end: usize) -> Vec<String> {
    let mut path = vec![end];
    let mut visited = HashSet::from([end]);
    let mut current = end;
    loop {
        let latest = schedule
            .predecessors(current)
            .iter()
            .copied()
            .filter_map(|p| schedule.finish(p).map(|f| (p, f)))
            .reduce(|best, next| if next.1 > best.1 { next } else { best });
        match latest {
            Some((pred, _)) if visited.insert(pred) => {
                path.push(pred);
                current = pred;
            }
            _ => break,
        }
    }
    path.iter()
        .rev()
        .map(|&n| schedule.id(n).to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testplan::*;

    #[test]
    fn path_follows_the_predecessor_that_finishes_latest() {
        // launch needs a (ends 03) and b (ends 06): b fixes the date; b is after c (ends 02)
        // and gate (milestone, 04): gate fixes b; gate needs d (ends 01).
        let mut plan = plan();
        plan.investments = vec![
            inv("a", "compute", "2026-01", "2026-03", 1, &[]).into(),
            inv("b", "compute", "2026-05", "2026-06", 1, &["c", "gate"]).into(),
            inv("c", "compute", "2026-01", "2026-02", 1, &[]).into(),
            inv("d", "models", "2026-01", "2026-01", 1, &[]).into(),
        ];
        plan.milestones = vec![
            ms("gate", "models", "2026-04", &["d"], &[], &[]).into(),
            ms("launch", "models", "2026-08", &["a", "b"], &[], &[]).into(),
        ];
        assert_eq!(critical_path(&plan, "launch"), ["d", "gate", "b", "launch"]);
    }

    #[test]
    fn milestone_without_needs_is_its_own_path() {
        let mut plan = plan();
        plan.milestones = vec![ms("alone", "models", "2026-08", &["ghost"], &[], &[]).into()];
        assert_eq!(critical_path(&plan, "alone"), ["alone"]);
        assert!(critical_path(&plan, "nothing").is_empty());
    }

    #[test]
    fn ties_go_to_the_first_listed() {
        let mut plan = plan();
        plan.investments = vec![
            inv("a", "compute", "2026-01", "2026-03", 1, &[]).into(),
            inv("b", "compute", "2026-02", "2026-03", 1, &[]).into(),
        ];
        plan.milestones = vec![ms("m", "models", "2026-05", &["b", "a"], &[], &[]).into()];
        assert_eq!(critical_path(&plan, "m"), ["b", "m"]);
    }

    #[test]
    fn a_cycle_stops_the_walk() {
        // m needs a; a after b; b after a (cycle): a, b visited once each.
        let mut plan = plan();
        plan.investments = vec![
            inv("a", "compute", "2026-05", "2026-06", 1, &["b"]).into(),
            inv("b", "compute", "2026-03", "2026-04", 1, &["a"]).into(),
        ];
        plan.milestones = vec![ms("m", "models", "2026-07", &["a"], &[], &[]).into()];
        assert_eq!(critical_path(&plan, "m"), ["b", "a", "m"]);
    }
}
