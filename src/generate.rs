//! Large, realistic, deterministic plans for benchmarks and tests.
//!
//! The shape of a national programme: seven layers, ~70 % investments, 10 % milestones, 20 %
//! dependencies; `after` links only to work that finishes before, milestones that need work
//! finished by their date, remove dependencies that are live and introduce more open ones.
//! Such a plan passes every check apart from info findings.

use crate::model::{
    ControlLevel, Dependency, Horizon, Investment, Milestone, Month, Roadmap, Shared,
};

/// A small deterministic random number generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: i32, hi: i32) -> i32 {
        lo + self.below(usize::try_from(hi - lo + 1).unwrap_or(1)) as i32
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list.get(self.below(list.len())).copied().unwrap_or("")
    }
}

/// What work in each default layer is called, for titles.
const WORK: [(&str, &[&str]); 7] = [
    (
        "chips",
        &[
            "Accelerator design programme",
            "Packaging line",
            "Foundry access agreement",
            "RISC-V core tape-out",
            "Chip design centre",
        ],
    ),
    (
        "compute",
        &[
            "National GPU cluster",
            "Regional data centre",
            "Supercomputer upgrade",
            "Sovereign cloud region",
            "Inference farm",
        ],
    ),
    (
        "research",
        &[
            "AI research institute",
            "University lab grants",
            "Safety research centre",
            "Doctoral network",
            "Applied AI lab",
        ],
    ),
    (
        "talent",
        &[
            "AI fellowship cohort",
            "Engineering bootcamps",
            "Returnee recruitment",
            "Civil-service AI academy",
            "Teacher training",
        ],
    ),
    (
        "data",
        &[
            "National language corpus",
            "Health data space",
            "Public-sector data platform",
            "Speech dataset",
            "Data trust",
        ],
    ),
    (
        "tooling",
        &[
            "Training framework",
            "MLOps platform",
            "Evaluation suite",
            "Model registry",
            "Red-teaming toolkit",
        ],
    ),
    (
        "models",
        &[
            "Foundation model",
            "Domain model for health",
            "Legal language model",
            "Speech recognition model",
            "Translation model",
        ],
    ),
];

/// What dependencies in each layer are, for names.
const DEPENDS: [&str; 7] = [
    "Imported accelerators",
    "Foreign hyperscaler capacity",
    "Foreign research partnership",
    "Recruited foreign experts",
    "Licensed datasets",
    "Proprietary MLOps suite",
    "Closed frontier model API",
];

const OWNERS: [&str; 6] = [
    "Ministry of Digital Affairs",
    "National Compute Agency",
    "Research Council",
    "Education Ministry",
    "Data Office",
    "AI Institute",
];

/// The horizon of every generated plan: ten years.
const MONTHS: i32 = 120;

/// A plan of about `items` items (layers, dependencies, investments, milestones), the same
/// for the same `items` and `seed`.
pub fn large_plan(items: usize, seed: u64) -> Roadmap {
    let mut rng = Rng(seed);
    let start = Month::new(2026, 1).unwrap_or(Month::from_index(2026 * 12));
    let horizon = Horizon {
        start,
        end: start.plus(MONTHS - 1),
    };
    let mut plan = Roadmap::blank(
        &format!("Generated plan, {items} items (seed {seed})"),
        horizon,
    );
    plan.owner = "Generated".into();
    let layers: Vec<&str> = WORK.iter().map(|(id, _)| *id).collect();
    let rest = items.saturating_sub(plan.layers.len());
    let n_deps = rest * 2 / 10;
    let n_milestones = rest / 10;
    let n_investments = rest - n_deps - n_milestones;
    plan.dependencies = Shared::all(dependencies(&mut rng, &layers, n_deps));
    plan.investments = Shared::all(investments(&mut rng, start, n_investments));
    plan.milestones = Shared::all(milestones(&mut rng, &plan, n_milestones));
    plan
}

/// Whose law reaches generated dependencies, in turn.
const JURISDICTIONS: [&str; 5] = ["US", "CN", "US", "EU", "KR"];

/// Dependencies: three in four live from the start (black box or licensed); the rest more
/// open ones that milestones introduce.
fn dependencies(rng: &mut Rng, layers: &[&str], count: usize) -> Vec<Dependency> {
    (0..count)
        .map(|k| {
            let layer = k % layers.len();
            let introduced = k % 4 == 3;
            let control = match (introduced, rng.chance(50)) {
                (true, _) => ControlLevel::OpenForeign,
                (false, true) => ControlLevel::BlackBox,
                (false, false) => ControlLevel::Licensed,
            };
            Dependency {
                id: format!("dep-{k}"),
                name: format!(
                    "{} #{}",
                    DEPENDS.get(layer).copied().unwrap_or("Dependency"),
                    k / layers.len() + 1
                ),
                layer: layers.get(layer).copied().unwrap_or("models").to_owned(),
                controller: if introduced {
                    "Open community"
                } else {
                    "Foreign vendor"
                }
                .into(),
                jurisdiction: JURISDICTIONS
                    .get(k % JURISDICTIONS.len())
                    .copied()
                    .unwrap_or("US")
                    .to_owned(),
                control,
                criticality: u8::try_from(rng.between(1, 5)).unwrap_or(3),
                notes: String::new(),
                evidence: Vec::new(),
                assessment: Vec::new(),
            }
        })
        .collect()
}

/// Investments in start order; each may follow one or two that finish before it starts.
fn investments(rng: &mut Rng, start: Month, count: usize) -> Vec<Investment> {
    let mut shapes: Vec<(i32, i32, usize)> = (0..count)
        .map(|_| {
            let begin = rng.between(0, MONTHS - 4);
            let length = rng.between(3, 36).min(MONTHS - begin);
            (begin, length, rng.below(WORK.len()))
        })
        .collect();
    shapes.sort_by_key(|&(begin, _, _)| begin);
    // Per layer, then overall: (last month offset, position), sorted by last month.
    let mut by_end: Vec<Vec<(i32, usize)>> = vec![Vec::new(); WORK.len() + 1];
    for (k, &(begin, length, layer)) in shapes.iter().enumerate() {
        for pool in [layer, WORK.len()] {
            if let Some(pool) = by_end.get_mut(pool) {
                pool.push((begin + length - 1, k));
            }
        }
    }
    by_end.iter_mut().for_each(|pool| pool.sort_unstable());
    let empty = Vec::new();
    shapes
        .iter()
        .enumerate()
        .map(|(k, &(begin, length, layer))| {
            let (layer_id, titles) = WORK.get(layer).copied().unwrap_or(WORK[0]);
            let mut after: Vec<String> = Vec::new();
            for (pool, percent) in [(layer, 75u64), (WORK.len(), 30)] {
                let pool = by_end.get(pool).unwrap_or(&empty);
                if rng.chance(percent)
                    && let Some(pred) = finished_before(rng, pool, begin)
                {
                    let id = format!("inv-{pred}");
                    if !after.contains(&id) {
                        after.push(id);
                    }
                }
            }
            Investment {
                id: format!("inv-{k}"),
                title: format!("{}, phase {}", rng.pick(titles), k / WORK.len() % 5 + 1),
                layer: layer_id.to_owned(),
                start: start.plus(begin),
                end: start.plus(begin + length - 1),
                budget: (rng.below(2000) as u64 + 5) * 250_000,
                owner: rng.pick(&OWNERS).to_owned(),
                notes: String::new(),
                after,
            }
        })
        .collect()
}

/// One of the work items of `pool` ((last month offset, position), by last month) that
/// finished most recently before month offset `begin`.
fn finished_before(rng: &mut Rng, pool: &[(i32, usize)], begin: i32) -> Option<usize> {
    let finished = pool.partition_point(|&(end, _)| end < begin);
    let window = pool.get(finished.saturating_sub(40)..finished)?;
    window.get(rng.below(window.len())).map(|&(_, k)| k)
}

/// Milestones in date order: each needs work finished by its month, removes live
/// dependencies and (every other one) introduces open ones in their place.
fn milestones(rng: &mut Rng, plan: &Roadmap, count: usize) -> Vec<Milestone> {
    let start = plan.horizon.start;
    let mut months: Vec<i32> = (0..count).map(|_| rng.between(6, MONTHS - 1)).collect();
    months.sort_unstable();
    let mut live: Vec<usize> = (0..plan.dependencies.len())
        .filter(|k| k % 4 != 3)
        .collect();
    let mut to_introduce: Vec<usize> = (0..plan.dependencies.len())
        .filter(|k| k % 4 == 3)
        .collect();
    to_introduce.reverse();
    let investments = &plan.investments;
    let mut by_end: Vec<(i32, usize)> = investments
        .iter()
        .enumerate()
        .map(|(k, i)| (start.months_until(i.end), k))
        .collect();
    by_end.sort_unstable();
    months
        .iter()
        .enumerate()
        .map(|(k, &offset)| {
            let month = start.plus(offset);
            // Recent work that is finished by this month.
            let mut needs: Vec<String> = Vec::new();
            for _ in 0..rng.between(1, 4) {
                if let Some(k) = finished_before(rng, &by_end, offset + 1) {
                    let id = format!("inv-{k}");
                    if !needs.contains(&id) {
                        needs.push(id);
                    }
                }
            }
            let introduces_now = k % 2 == 0;
            let mut removes = Vec::new();
            for _ in 0..rng.between(1, 2) {
                // Milestones that introduce only remove closed dependencies, so no trade.
                let Some(pos) = (0..4)
                    .map(|_| rng.below(live.len()))
                    .find(|&p| !introduces_now || live.get(p).is_some_and(|&d| d % 4 != 3))
                else {
                    continue;
                };
                if pos < live.len() {
                    let dep = live.swap_remove(pos);
                    removes.push(format!("dep-{dep}"));
                }
            }
            let mut introduces = Vec::new();
            if introduces_now
                && rng.chance(60)
                && let Some(dep) = to_introduce.pop()
            {
                introduces.push(format!("dep-{dep}"));
                live.push(dep);
            }
            let first = removes
                .first()
                .and_then(|id| id.strip_prefix("dep-")?.parse::<usize>().ok());
            let retired = first.and_then(|d| plan.dependencies.get(d));
            let title = match retired {
                Some(dep) => format!("{} no longer needed", dep.name),
                None => format!("Capability milestone {}", k + 1),
            };
            let layer = match retired {
                Some(dep) => dep.layer.clone(),
                None => WORK
                    .get(k % WORK.len())
                    .map_or("models", |w| w.0)
                    .to_owned(),
            };
            Milestone {
                needs,
                removes,
                introduces,
                ..Milestone::new(format!("ms-{k}"), title, month, layer)
            }
        })
        .collect()
}

/// A copy of `plan` that differs from it in `changes` items, for comparisons: investments
/// moved a quarter later or given a tenth more budget, milestones moved two months, some
/// investments removed and new ones added, each item changed once.
pub fn edited_plan(plan: &Roadmap, changes: usize, seed: u64) -> Roadmap {
    let mut rng = Rng(seed);
    let mut edited = plan.clone();
    let mut touched = std::collections::HashSet::new();
    let mut removed = std::collections::HashSet::new();
    let n = edited.investments.len();
    // An item of a kind (0 investments, 1 milestones) not changed yet.
    let mut fresh = |rng: &mut Rng, kind: u8, len: usize| {
        (0..len.max(1) * 4)
            .map(|_| rng.below(len))
            .find(|&i| touched.insert((kind, i)))
    };
    for k in 0..changes {
        match k % 5 {
            0 | 1 | 3 if n > 0 => {
                let Some(i) = fresh(&mut rng, 0, n) else {
                    continue;
                };
                let Some(inv) = edited.investments.get_mut(i) else {
                    continue;
                };
                match k % 5 {
                    0 => {
                        inv.start = inv.start.plus(3);
                        inv.end = inv.end.plus(3);
                    }
                    1 => inv.budget += inv.budget / 10 + 1,
                    _ => {
                        removed.insert(inv.id.clone());
                    }
                }
            }
            2 if !edited.milestones.is_empty() => {
                let Some(i) = fresh(&mut rng, 1, edited.milestones.len()) else {
                    continue;
                };
                if let Some(m) = edited.milestones.get_mut(i) {
                    m.month = m.month.plus(2);
                }
            }
            _ => {
                let start = plan.horizon.start.plus(rng.between(0, 100));
                edited.investments.push(
                    Investment {
                        id: format!("added-{k}"),
                        title: format!("Added work {k}"),
                        layer: WORK[k % WORK.len()].0.to_owned(),
                        start,
                        end: start.plus(rng.between(3, 18)),
                        budget: 1_000_000,
                        owner: String::new(),
                        notes: String::new(),
                        after: Vec::new(),
                    }
                    .into(),
                );
            }
        }
    }
    edited.investments.retain(|i| !removed.contains(&i.id));
    edited
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Severity, checks};

    #[test]
    fn an_edited_plan_differs_in_as_many_items_as_asked() {
        let plan = large_plan(2_000, 7);
        let edited = edited_plan(&plan, 100, 3);
        let c = crate::analysis::compare::compare(&plan, &edited, &Default::default());
        assert_eq!(c.items.len(), 100);
    }

    #[test]
    fn same_seed_same_plan() {
        assert_eq!(large_plan(500, 7), large_plan(500, 7));
        assert_ne!(large_plan(500, 7), large_plan(500, 8));
    }

    #[test]
    fn has_the_requested_size_and_shape() {
        // 10,000 items: 7 layers + 9,993 split 70/10/20 → 1,998 deps, 999 milestones, 6,996 inv.
        let plan = large_plan(10_000, 1);
        assert_eq!(plan.item_count(), 10_000);
        assert_eq!(plan.layers.len(), 7);
        assert_eq!(plan.dependencies.len(), 1998);
        assert_eq!(plan.milestones.len(), 999);
        assert_eq!(plan.investments.len(), 6996);
        assert!(
            plan.investments
                .iter()
                .filter(|i| !i.after.is_empty())
                .count()
                > 3000
        );
        assert!(
            plan.milestones
                .iter()
                .filter(|m| !m.removes.is_empty())
                .count()
                > 800
        );
        assert!(
            plan.milestones
                .iter()
                .filter(|m| !m.introduces.is_empty())
                .count()
                > 200
        );
    }

    #[test]
    fn passes_every_check_but_infos() {
        for seed in 0..5 {
            let plan = large_plan(2_000, seed);
            let bad: Vec<_> = checks(&plan)
                .into_iter()
                .filter(|f| f.severity > Severity::Info)
                .collect();
            assert!(
                bad.is_empty(),
                "seed {seed}: {:#?}",
                &bad[..bad.len().min(5)]
            );
        }
    }

    #[test]
    fn tiny_sizes_do_not_panic() {
        for items in 0..20 {
            let plan = large_plan(items, 3);
            assert!(plan.item_count() >= items.min(7));
        }
    }
}
