//! Pure analysis of a roadmap: exposure, checks, budgets, paths.
//!
//! Every function takes a `&Roadmap` and never fails: dangling ids, duplicates and cycles are
//! skipped by the analyses and reported by [`checks`]. [`Analysis::of`] computes everything
//! once for a screen or an export.

mod budget;
mod checks;
pub mod compare;
mod exposure;
mod focus;
pub mod format;
mod framework;
mod index;
pub mod merge;
mod milestones;
mod path;
pub mod sovereignty;
pub mod spoken;
pub mod stops;
#[cfg(test)]
pub(crate) mod testplan;
pub mod two_paths;

use std::collections::HashMap;

pub use budget::{BudgetTable, budget_by_layer_year, budget_in_round_figures};
pub use checks::{Code, Finding, Severity, checks};
pub use exposure::{
    DependencySpan, DependencyState, Exposure, dependency_spans, exposure_at, exposure_series,
    same_spans, state_at,
};
pub use focus::focus;
pub use framework::{Defaults, EU_CSF, Framework, FrameworkError, Objective};
pub use milestones::{MilestoneReport, Trade, milestone_report, trades};
pub use path::critical_path;

use crate::model::{Month, Roadmap};
use index::{Index, Schedule};

/// Every analysis of one plan, computed once.
#[derive(Debug, Clone)]
pub struct Analysis {
    horizon_start: Month,
    spans: Vec<DependencySpan>,
    /// Per dependency (document order): its layer's row and its weight.
    weights: Vec<(Option<usize>, u32)>,
    layer_ids: Vec<String>,
    series: Vec<Exposure>,
    reports: Vec<MilestoneReport>,
    critical_paths: Vec<Vec<String>>,
    milestone_of: HashMap<String, usize>,
    trades: Vec<Trade>,
    findings: Vec<Finding>,
    budget: BudgetTable,
}

impl Analysis {
    /// Analyses `plan`: spans, exposure, milestone reports, critical paths, trades, checks,
    /// budget.
    pub fn of(plan: &Roadmap) -> Analysis {
        let index = Index::new(plan);
        let schedule = Schedule::new(plan, &index);
        let spans = dependency_spans(plan);
        let series = exposure::series_from_spans(plan, &spans);
        let mut reporter = milestones::Reporter::new(plan, &index, &schedule);
        let reports: Vec<MilestoneReport> = (0..plan.milestones.len())
            .map(|m| reporter.report(m))
            .collect();
        let critical_paths = (0..plan.milestones.len())
            .map(|m| path::path_from(&schedule, schedule.milestone(m)))
            .collect();
        let trades = reports
            .iter()
            .flat_map(|r| r.trades.iter().cloned())
            .collect();
        let findings = checks::checks_with(plan, &index, &schedule, &spans);
        let mut milestone_of = HashMap::with_capacity(plan.milestones.len());
        for (m, milestone) in plan.milestones.iter().enumerate() {
            milestone_of.entry(milestone.id.clone()).or_insert(m);
        }
        let weights = plan
            .dependencies
            .iter()
            .map(|d| {
                (
                    index.layers.get(d.layer.as_str()).copied(),
                    u32::from(d.criticality),
                )
            })
            .collect();
        Analysis {
            horizon_start: plan.horizon.start,
            spans,
            weights,
            layer_ids: plan.layers.iter().map(|l| l.id.clone()).collect(),
            series,
            reports,
            critical_paths,
            milestone_of,
            trades,
            findings,
            budget: budget_by_layer_year(plan),
        }
    }

    /// When each dependency is live, in document order.
    pub fn spans(&self) -> &[DependencySpan] {
        &self.spans
    }

    /// The exposure at each month of the horizon.
    pub fn exposure_series(&self) -> &[Exposure] {
        &self.series
    }

    /// The exposure at any month (from the series inside the horizon).
    pub fn exposure_at(&self, month: Month) -> Exposure {
        let offset = usize::try_from(self.horizon_start.months_until(month)).ok();
        if let Some(exposure) = offset.and_then(|o| self.series.get(o)) {
            return exposure.clone();
        }
        let mut by_layer: Vec<(String, u32)> =
            self.layer_ids.iter().map(|id| (id.clone(), 0)).collect();
        let mut total = 0;
        for (span, &(row, weight)) in self.spans.iter().zip(&self.weights) {
            if span.is_live(month) {
                total += weight;
                if let Some(slot) = row.and_then(|r| by_layer.get_mut(r)) {
                    slot.1 += weight;
                }
            }
        }
        Exposure {
            month,
            total,
            by_layer,
        }
    }

    /// Live, retired and upcoming dependencies at `month`.
    pub fn state_at(&self, month: Month) -> DependencyState {
        exposure::state_from_spans(&self.spans, month)
    }

    /// The report of every milestone, in document order.
    pub fn milestone_reports(&self) -> &[MilestoneReport] {
        &self.reports
    }

    /// The report of milestone `id`.
    pub fn milestone_report(&self, id: &str) -> Option<&MilestoneReport> {
        self.milestone_of.get(id).and_then(|&m| self.reports.get(m))
    }

    /// The critical path to milestone `id`, earliest first (empty if there is no such
    /// milestone).
    pub fn critical_path(&self, id: &str) -> &[String] {
        self.milestone_of
            .get(id)
            .and_then(|&m| self.critical_paths.get(m))
            .map_or(&[], Vec::as_slice)
    }

    /// Every trade, milestones in document order.
    pub fn trades(&self) -> &[Trade] {
        &self.trades
    }

    /// Every finding, errors first.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The findings that involve item `id`.
    pub fn findings_for<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings
            .iter()
            .filter(move |f| f.ids.iter().any(|i| i == id))
    }

    /// Number of findings of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Budget per layer per year.
    pub fn budget(&self) -> &BudgetTable {
        &self.budget
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::large_plan;

    #[test]
    fn analysis_agrees_with_the_single_functions() {
        let plan = large_plan(600, 4);
        let analysis = Analysis::of(&plan);
        assert_eq!(analysis.spans(), dependency_spans(&plan));
        assert_eq!(analysis.exposure_series(), exposure_series(&plan));
        assert_eq!(analysis.findings(), checks(&plan));
        assert_eq!(analysis.trades(), trades(&plan));
        assert_eq!(*analysis.budget(), budget_by_layer_year(&plan));
        for milestone in &plan.milestones {
            let id = milestone.id.as_str();
            assert_eq!(
                analysis.milestone_report(id),
                milestone_report(&plan, id).as_ref()
            );
            assert_eq!(analysis.critical_path(id), critical_path(&plan, id));
        }
    }

    #[test]
    fn exposure_outside_the_horizon_is_computed_from_spans() {
        let plan = large_plan(300, 2);
        let analysis = Analysis::of(&plan);
        for month in [
            plan.horizon.start.plus(-3),
            plan.horizon.end.plus(5),
            plan.horizon.start.plus(40),
        ] {
            assert_eq!(analysis.exposure_at(month), exposure_at(&plan, month));
            assert_eq!(analysis.state_at(month), state_at(&plan, month));
        }
    }
}
