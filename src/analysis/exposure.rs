//! When each dependency is live, and the exposure (summed criticality) that follows.

use std::collections::HashMap;

use crate::model::{Month, Roadmap, Shared};

/// When a dependency is live: from the horizon start (or the month a milestone introduces it)
/// until the first milestone that removes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DependencySpan {
    /// The dependency's id.
    pub dependency: String,
    /// First month it is live.
    pub from: Month,
    /// First month it is no longer live (the removing milestone's month); `None` if never removed.
    pub until: Option<Month>,
    /// The milestone that introduces it (the earliest, if several do).
    pub introduced_by: Option<String>,
    /// The milestone that removes it (the earliest at or after `from`).
    pub removed_by: Option<String>,
}

impl DependencySpan {
    /// Whether the dependency is live in `month`.
    pub fn is_live(&self, month: Month) -> bool {
        self.from <= month && self.until.is_none_or(|until| month < until)
    }

    /// Whether the dependency has been removed by `month`.
    pub fn is_retired(&self, month: Month) -> bool {
        self.until.is_some_and(|until| until <= month)
    }
}

/// The exposure in one month: summed criticality of live dependencies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exposure {
    /// The month.
    pub month: Month,
    /// Sum over every live dependency, including those whose layer is unknown.
    pub total: u32,
    /// Sum per layer, in the plan's layer order.
    pub by_layer: Vec<(String, u32)>,
}

/// Which dependencies are live, retired or still to come at one month (ids, document order).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DependencyState {
    /// Live at that month.
    pub live: Vec<String>,
    /// Removed by a milestone at or before that month.
    pub retired: Vec<String>,
    /// Introduced by a milestone after that month.
    pub upcoming: Vec<String>,
}

/// One span per dependency, in document order.
///
/// Several milestones introducing the same dependency: the earliest counts (ties: document
/// order). A removal before the dependency is introduced is ignored here (a check flags it).
pub fn dependency_spans(plan: &Roadmap) -> Vec<DependencySpan> {
    let mut introduced: HashMap<&str, (Month, &str)> = HashMap::new();
    let mut removed: HashMap<&str, Vec<(Month, &str)>> = HashMap::new();
    for milestone in &plan.milestones {
        for dep in &milestone.introduces {
            let entry = introduced
                .entry(dep.as_str())
                .or_insert((milestone.month, milestone.id.as_str()));
            if milestone.month < entry.0 {
                *entry = (milestone.month, milestone.id.as_str());
            }
        }
        for dep in &milestone.removes {
            removed
                .entry(dep.as_str())
                .or_default()
                .push((milestone.month, milestone.id.as_str()));
        }
    }
    plan.dependencies
        .iter()
        .map(|dep| {
            let intro = introduced.get(dep.id.as_str());
            let from = intro.map_or(plan.horizon.start, |&(month, _)| month);
            let removal = removed.get(dep.id.as_str()).and_then(|list| {
                list.iter()
                    .filter(|(month, _)| *month >= from)
                    .min_by_key(|(month, _)| *month)
            });
            DependencySpan {
                dependency: dep.id.clone(),
                from,
                until: removal.map(|&(month, _)| month),
                introduced_by: intro.map(|&(_, id)| id.to_owned()),
                removed_by: removal.map(|&(_, id)| id.to_owned()),
            }
        })
        .collect()
}

/// Whether [`dependency_spans`] of `a` and `b` are the same for certain: they have the same
/// horizon and the very same dependencies and milestones (pointers compared: cheap enough to
/// ask every frame, and false for equal items that are not shared).
pub fn same_spans(a: &Roadmap, b: &Roadmap) -> bool {
    fn same<T>(a: &[Shared<T>], b: &[Shared<T>]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| Shared::same(x, y))
    }
    a.horizon == b.horizon
        && same(&a.dependencies, &b.dependencies)
        && same(&a.milestones, &b.milestones)
}

/// The exposure at `month`, from spans already computed (one per dependency, document order).
pub(crate) fn exposure_from_spans(
    plan: &Roadmap,
    spans: &[DependencySpan],
    month: Month,
) -> Exposure {
    let mut by_layer: Vec<(String, u32)> = plan.layers.iter().map(|l| (l.id.clone(), 0)).collect();
    let layer_of = layer_positions(plan);
    let mut total = 0u32;
    for (dep, span) in plan.dependencies.iter().zip(spans) {
        if !span.is_live(month) {
            continue;
        }
        let weight = u32::from(dep.criticality);
        total += weight;
        if let Some(slot) = layer_of
            .get(dep.layer.as_str())
            .and_then(|&l| by_layer.get_mut(l))
        {
            slot.1 += weight;
        }
    }
    Exposure {
        month,
        total,
        by_layer,
    }
}

/// The exposure at `month`.
pub fn exposure_at(plan: &Roadmap, month: Month) -> Exposure {
    exposure_from_spans(plan, &dependency_spans(plan), month)
}

/// The exposure at every month of the horizon, in order (empty if the horizon ends before it
/// starts).
pub fn exposure_series(plan: &Roadmap) -> Vec<Exposure> {
    series_from_spans(plan, &dependency_spans(plan))
}

/// The exposure series from spans already computed: difference arrays, O(deps + months·layers).
pub(crate) fn series_from_spans(plan: &Roadmap, spans: &[DependencySpan]) -> Vec<Exposure> {
    let start = plan.horizon.start;
    let months = usize::try_from(start.months_until(plan.horizon.end) + 1).unwrap_or(0);
    let layers = plan.layers.len();
    let layer_of = layer_positions(plan);
    // Row `layers` holds the total; each row has one extra slot for ends past the horizon.
    let width = months + 1;
    let mut delta = vec![0i64; (layers + 1) * width];
    let offset = |month: Month| {
        usize::try_from(start.months_until(month).clamp(0, months as i32)).unwrap_or(0)
    };
    for (dep, span) in plan.dependencies.iter().zip(spans) {
        let lo = offset(span.from);
        let hi = span.until.map_or(months, offset);
        if lo >= hi {
            continue;
        }
        let weight = i64::from(dep.criticality);
        let rows = [Some(layers), layer_of.get(dep.layer.as_str()).copied()];
        for row in rows.into_iter().flatten() {
            delta[row * width + lo] += weight;
            delta[row * width + hi] -= weight;
        }
    }
    let mut running = vec![0i64; layers + 1];
    (0..months)
        .map(|m| {
            for (row, sum) in running.iter_mut().enumerate() {
                *sum += delta[row * width + m];
            }
            let value = |row: usize| u32::try_from(running[row]).unwrap_or(0);
            Exposure {
                month: start.plus(m as i32),
                total: value(layers),
                by_layer: plan
                    .layers
                    .iter()
                    .enumerate()
                    .map(|(row, layer)| (layer.id.clone(), value(row)))
                    .collect(),
            }
        })
        .collect()
}

/// Live, retired and upcoming dependencies at `month`.
pub fn state_at(plan: &Roadmap, month: Month) -> DependencyState {
    state_from_spans(&dependency_spans(plan), month)
}

/// The dependency state at `month` from spans already computed.
pub(crate) fn state_from_spans(spans: &[DependencySpan], month: Month) -> DependencyState {
    let mut state = DependencyState::default();
    for span in spans {
        let list = if span.is_live(month) {
            &mut state.live
        } else if span.is_retired(month) {
            &mut state.retired
        } else {
            &mut state.upcoming
        };
        list.push(span.dependency.clone());
    }
    state
}

fn layer_positions(plan: &Roadmap) -> HashMap<&str, usize> {
    let mut map = HashMap::with_capacity(plan.layers.len());
    for (i, layer) in plan.layers.iter().enumerate() {
        map.entry(layer.id.as_str()).or_insert(i);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testplan::*;
    use crate::model::ControlLevel::*;

    /// Two compute dependencies and one model dependency over 2026:
    /// gpus (crit 4) removed by `own-chips` in 2026-07; cloud (crit 2) never removed;
    /// open-llm (crit 3, models) introduced by `own-model` in 2026-04.
    fn burndown_plan() -> Roadmap {
        let mut plan = plan();
        plan.dependencies = vec![
            dep("gpus", "compute", BlackBox, 4).into(),
            dep("cloud", "compute", Licensed, 2).into(),
            dep("open-llm", "models", OpenForeign, 3).into(),
        ];
        plan.milestones = vec![
            ms("own-model", "models", "2026-04", &[], &[], &["open-llm"]).into(),
            ms("own-chips", "compute", "2026-07", &[], &["gpus"], &[]).into(),
        ];
        plan
    }

    #[test]
    fn span_of_a_removed_dependency_ends_at_its_milestone() {
        let spans = dependency_spans(&burndown_plan());
        assert_eq!(spans[0].dependency, "gpus");
        assert_eq!(spans[0].from, m("2026-01"));
        assert_eq!(spans[0].until, Some(m("2026-07")));
        assert_eq!(spans[0].removed_by.as_deref(), Some("own-chips"));
        assert_eq!(spans[0].introduced_by, None);
    }

    #[test]
    fn span_of_an_introduced_dependency_starts_at_its_milestone() {
        let spans = dependency_spans(&burndown_plan());
        assert_eq!(spans[2].from, m("2026-04"));
        assert_eq!(spans[2].introduced_by.as_deref(), Some("own-model"));
        assert_eq!(spans[2].until, None);
    }

    #[test]
    fn earliest_of_several_removals_ends_the_span() {
        let mut plan = burndown_plan();
        plan.milestones
            .push(ms("early", "compute", "2026-03", &[], &["gpus"], &[]).into());
        let spans = dependency_spans(&plan);
        assert_eq!(spans[0].until, Some(m("2026-03")));
        assert_eq!(spans[0].removed_by.as_deref(), Some("early"));
    }

    #[test]
    fn removal_before_introduction_is_ignored_by_the_span() {
        // open-llm introduced 2026-04; a removal in 2026-02 comes before it, one in 2026-10 after.
        let mut plan = burndown_plan();
        plan.milestones
            .push(ms("too-early", "models", "2026-02", &[], &["open-llm"], &[]).into());
        plan.milestones
            .push(ms("later", "models", "2026-10", &[], &["open-llm"], &[]).into());
        let spans = dependency_spans(&plan);
        assert_eq!(spans[2].until, Some(m("2026-10")));
        assert_eq!(spans[2].removed_by.as_deref(), Some("later"));
    }

    #[test]
    fn exposure_sums_live_criticality_per_layer_and_total() {
        // 2026-05: gpus 4 + cloud 2 live in compute = 6; open-llm 3 live in models; total 9.
        let e = exposure_at(&burndown_plan(), m("2026-05"));
        assert_eq!(e.total, 9);
        assert_eq!(
            e.by_layer,
            vec![("compute".to_owned(), 6), ("models".to_owned(), 3)]
        );
    }

    #[test]
    fn removal_month_no_longer_counts() {
        // 2026-07: gpus removed that month → compute 2, models 3, total 5.
        let e = exposure_at(&burndown_plan(), m("2026-07"));
        assert_eq!(e.total, 5);
        assert_eq!(e.by_layer[0].1, 2);
    }

    #[test]
    fn series_has_one_entry_per_horizon_month_matching_exposure_at() {
        // Totals by month: Jan–Mar 6, Apr–Jun 9, Jul–Dec 5.
        let plan = burndown_plan();
        let series = exposure_series(&plan);
        let totals: Vec<u32> = series.iter().map(|e| e.total).collect();
        assert_eq!(totals, [6, 6, 6, 9, 9, 9, 5, 5, 5, 5, 5, 5]);
        for e in &series {
            assert_eq!(*e, exposure_at(&plan, e.month));
        }
    }

    #[test]
    fn unknown_layer_counts_in_total_only() {
        let mut plan = burndown_plan();
        plan.dependencies
            .push(dep("mystery", "nowhere", BlackBox, 1).into());
        let e = exposure_at(&plan, m("2026-01"));
        // gpus 4 + cloud 2 + mystery 1 = 7 in total; compute 6, models 0.
        assert_eq!(e.total, 7);
        assert_eq!(e.by_layer.iter().map(|(_, v)| v).sum::<u32>(), 6);
    }

    #[test]
    fn state_splits_live_retired_and_upcoming() {
        // 2026-03: gpus and cloud live; open-llm still to come; nothing retired.
        let plan = burndown_plan();
        let before = state_at(&plan, m("2026-03"));
        assert_eq!(before.live, ["gpus", "cloud"]);
        assert!(before.retired.is_empty());
        assert_eq!(before.upcoming, ["open-llm"]);
        // 2026-08: gpus retired; cloud and open-llm live.
        let after = state_at(&plan, m("2026-08"));
        assert_eq!(after.live, ["cloud", "open-llm"]);
        assert_eq!(after.retired, ["gpus"]);
        assert!(after.upcoming.is_empty());
    }

    #[test]
    fn empty_horizon_gives_empty_series() {
        let mut plan = burndown_plan();
        plan.horizon.end = m("2025-06");
        assert!(exposure_series(&plan).is_empty());
    }
}
