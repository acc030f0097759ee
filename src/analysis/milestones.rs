//! What each milestone removes, introduces and needs, and the trades it makes.

use std::collections::HashSet;

use super::index::{Index, Schedule, Upstream};
use crate::model::Roadmap;

/// A milestone that removes a dependency but introduces another in the same layer that is
/// no more controlled, or is still closed (black box or licensed): one dependency traded for
/// another, not a gain. Licensing a foreign model to run on local servers is the trade the
/// tool exists to show, even though "licensed" ranks above "black box".
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Trade {
    /// The milestone's id.
    pub milestone: String,
    /// The dependency it removes.
    pub removed: String,
    /// The dependency it introduces instead.
    pub introduced: String,
}

/// Everything a milestone changes and needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneReport {
    /// The milestone's id.
    pub milestone: String,
    /// Dependency ids it removes, as listed.
    pub removes: Vec<String>,
    /// Dependency ids it introduces, as listed.
    pub introduces: Vec<String>,
    /// Ids it needs directly, as listed.
    pub needs_direct: Vec<String>,
    /// Every investment it needs, directly or through `after` chains (document order).
    pub needs_all: Vec<String>,
    /// Summed budget of `needs_all` (each investment once; saturates instead of overflowing).
    pub total_cost: u64,
    /// The trades it makes.
    pub trades: Vec<Trade>,
}

/// The report for milestone `id` (the first with that id), or `None` if there is none.
pub fn milestone_report(plan: &Roadmap, id: &str) -> Option<MilestoneReport> {
    let index = Index::new(plan);
    let schedule = Schedule::new(plan, &index);
    let position = *index.milestones.get(id)?;
    Some(Reporter::new(plan, &index, &schedule).report(position))
}

/// Every trade in the plan, milestones in document order.
pub fn trades(plan: &Roadmap) -> Vec<Trade> {
    let index = Index::new(plan);
    (0..plan.milestones.len())
        .flat_map(|m| trades_of(plan, &index, m))
        .collect()
}

/// The trades milestone number `m` makes: each (removed, introduced) pair once.
pub(crate) fn trades_of(plan: &Roadmap, index: &Index<'_>, m: usize) -> Vec<Trade> {
    let Some(milestone) = plan.milestones.get(m) else {
        return Vec::new();
    };
    let dependency = |id: &str| {
        index
            .dependencies
            .get(id)
            .and_then(|&d| plan.dependencies.get(d))
    };
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    for removed in &milestone.removes {
        let Some(old) = dependency(removed) else {
            continue;
        };
        for introduced in &milestone.introduces {
            let Some(new) = dependency(introduced) else {
                continue;
            };
            let same_layer = old.layer == new.layer;
            let no_gain = new.control <= old.control || !new.control.is_open();
            if same_layer && no_gain && seen.insert((removed, introduced)) {
                found.push(Trade {
                    milestone: milestone.id.clone(),
                    removed: removed.clone(),
                    introduced: introduced.clone(),
                });
            }
        }
    }
    found
}

/// Builds milestone reports, reusing one visit buffer across milestones.
pub(crate) struct Reporter<'p, 'i> {
    plan: &'p Roadmap,
    index: &'i Index<'p>,
    schedule: &'i Schedule<'p>,
    upstream: Upstream,
}

impl<'p, 'i> Reporter<'p, 'i> {
    /// A reporter over `plan`.
    pub fn new(plan: &'p Roadmap, index: &'i Index<'p>, schedule: &'i Schedule<'p>) -> Self {
        Reporter {
            plan,
            index,
            schedule,
            upstream: Upstream::new(schedule.len()),
        }
    }

    /// The report of milestone number `m`.
    pub fn report(&mut self, m: usize) -> MilestoneReport {
        let Some(milestone) = self.plan.milestones.get(m) else {
            return MilestoneReport {
                milestone: String::new(),
                removes: Vec::new(),
                introduces: Vec::new(),
                needs_direct: Vec::new(),
                needs_all: Vec::new(),
                total_cost: 0,
                trades: Vec::new(),
            };
        };
        let mut needed = self.needed_investments(self.schedule.milestone(m));
        needed.sort_unstable();
        let total_cost = needed
            .iter()
            .filter_map(|&i| self.plan.investments.get(i))
            .fold(0u64, |sum, i| sum.saturating_add(i.budget));
        MilestoneReport {
            milestone: milestone.id.clone(),
            removes: milestone.removes.clone(),
            introduces: milestone.introduces.clone(),
            needs_direct: milestone.needs.clone(),
            needs_all: needed
                .iter()
                .filter_map(|&i| self.plan.investments.get(i))
                .map(|i| i.id.clone())
                .collect(),
            total_cost,
            trades: trades_of(self.plan, self.index, m),
        }
    }

    /// Positions of every investment reachable backwards from dense node `start`.
    fn needed_investments(&mut self, start: usize) -> Vec<usize> {
        let schedule = self.schedule;
        let mut needed = self.upstream.of(schedule, start);
        needed.retain(|&n| schedule.is_investment(n));
        needed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testplan::*;
    use crate::model::ControlLevel::*;

    /// cluster-1 (100) ← cluster-2 (200, after cluster-1); training (50, after gate);
    /// gate milestone needs cluster-2; launch needs training and cluster-2; unused (999).
    fn chain_plan() -> Roadmap {
        let mut plan = plan();
        plan.dependencies = vec![
            dep("closed-llm", "models", Licensed, 5).into(),
            dep("open-llm", "models", OpenForeign, 3).into(),
            dep("api-llm", "models", BlackBox, 4).into(),
        ];
        plan.investments = vec![
            inv("cluster-1", "compute", "2026-01", "2026-03", 100, &[]).into(),
            inv(
                "cluster-2",
                "compute",
                "2026-04",
                "2026-06",
                200,
                &["cluster-1"],
            )
            .into(),
            inv("training", "models", "2026-08", "2026-10", 50, &["gate"]).into(),
            inv("unused", "models", "2026-01", "2026-02", 999, &[]).into(),
        ];
        plan.milestones = vec![
            ms("gate", "compute", "2026-07", &["cluster-2"], &[], &[]).into(),
            ms(
                "launch",
                "models",
                "2026-11",
                &["training", "cluster-2"],
                &["closed-llm"],
                &["open-llm"],
            )
            .into(),
        ];
        plan
    }

    #[test]
    fn report_lists_removes_introduces_and_direct_needs_as_written() {
        let report = milestone_report(&chain_plan(), "launch").unwrap();
        assert_eq!(report.removes, ["closed-llm"]);
        assert_eq!(report.introduces, ["open-llm"]);
        assert_eq!(report.needs_direct, ["training", "cluster-2"]);
    }

    #[test]
    fn transitive_needs_pass_through_milestones_in_after() {
        // launch → training → gate (milestone) → cluster-2 → cluster-1; "unused" is not reached.
        let report = milestone_report(&chain_plan(), "launch").unwrap();
        assert_eq!(report.needs_all, ["cluster-1", "cluster-2", "training"]);
    }

    #[test]
    fn total_cost_counts_each_needed_investment_once() {
        // cluster-2 is reached twice (directly and via gate) but counts once: 100 + 200 + 50.
        let report = milestone_report(&chain_plan(), "launch").unwrap();
        assert_eq!(report.total_cost, 350);
    }

    #[test]
    fn report_of_unknown_milestone_is_none() {
        assert!(milestone_report(&chain_plan(), "nope").is_none());
        assert!(milestone_report(&chain_plan(), "cluster-1").is_none());
    }

    #[test]
    fn cycles_and_dangling_ids_do_not_hang_the_report() {
        // a ↔ b cycle, plus a link to a missing id: needs_all is {a, b}, cost 1 + 2.
        let mut plan = plan();
        plan.investments = vec![
            inv("a", "compute", "2026-01", "2026-02", 1, &["b", "ghost"]).into(),
            inv("b", "compute", "2026-03", "2026-04", 2, &["a", "b"]).into(),
        ];
        plan.milestones = vec![ms("done", "compute", "2026-05", &["a", "ghost"], &[], &[]).into()];
        let report = milestone_report(&plan, "done").unwrap();
        assert_eq!(report.needs_all, ["a", "b"]);
        assert_eq!(report.total_cost, 3);
    }

    #[test]
    fn replacing_with_more_control_is_not_a_trade() {
        // launch removes closed-llm (Licensed) and introduces open-llm (OpenForeign): a gain.
        assert!(trades(&chain_plan()).is_empty());
    }

    #[test]
    fn replacing_with_equal_or_less_control_in_the_same_layer_is_a_trade() {
        // launch now also introduces api-llm (BlackBox ≤ Licensed, same layer): one trade.
        let mut plan = chain_plan();
        plan.milestones[1].introduces.push("api-llm".into());
        let found = trades(&plan);
        assert_eq!(
            found,
            [Trade {
                milestone: "launch".into(),
                removed: "closed-llm".into(),
                introduced: "api-llm".into(),
            }]
        );
        assert_eq!(milestone_report(&plan, "launch").unwrap().trades, found);
    }

    #[test]
    fn licensing_a_black_box_is_still_a_trade() {
        // A foreign API replaced by a foreign model licensed to run at home: more control on
        // paper, still closed. Replaced by open weights instead, it is a gain.
        let mut plan = chain_plan();
        plan.milestones[1].removes = vec!["api-llm".into()];
        plan.milestones[1].introduces = vec!["closed-llm".into()];
        assert_eq!(trades(&plan).len(), 1, "black box → licensed is a trade");
        plan.milestones[1].introduces = vec!["open-llm".into()];
        assert!(
            trades(&plan).is_empty(),
            "black box → open weights is a gain"
        );
    }

    #[test]
    fn introducing_in_another_layer_is_not_a_trade() {
        let mut plan = chain_plan();
        plan.dependencies
            .push(dep("cloud", "compute", BlackBox, 2).into());
        plan.milestones[1].introduces = vec!["cloud".into()];
        assert!(trades(&plan).is_empty());
    }
}
