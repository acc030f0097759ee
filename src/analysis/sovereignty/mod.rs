//! Sovereignty over time: the weakest link of each layer, concentration by jurisdiction,
//! cut-off shocks and framework levels, from a plan and its analysis.

use std::collections::{HashMap, HashSet};

use super::Analysis;
use super::exposure::DependencySpan;
use super::framework::Framework;
use crate::model::{ControlLevel, Month, Roadmap};

#[cfg(test)]
mod tests;

/// What a jurisdiction with no name is called in results.
pub const UNKNOWN_JURISDICTION: &str = "unknown";

/// The least-controlled live dependency of a layer in a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeakLink {
    /// Its control level.
    pub control: ControlLevel,
    /// Its position in `plan.dependencies`.
    pub dependency: usize,
}

/// Exposure under one jurisdiction in a month.
#[derive(Debug, Clone, PartialEq)]
pub struct JurisdictionShare {
    /// The jurisdiction ("US", "EU", …, or [`UNKNOWN_JURISDICTION`]).
    pub name: String,
    /// Summed criticality of its live dependencies.
    pub exposure: u32,
    /// Its part of the month's exposure, 0–1.
    pub share: f64,
}

/// How concentrated the exposure of one month is.
#[derive(Debug, Clone, PartialEq)]
pub struct Concentration {
    /// The month.
    pub month: Month,
    /// Total exposure (summed criticality of live dependencies).
    pub exposure: u32,
    /// Every jurisdiction with live dependencies, largest exposure first (then by name).
    pub jurisdictions: Vec<JurisdictionShare>,
    /// Herfindahl–Hirschman index of the shares: 1 when one jurisdiction holds everything,
    /// 1/n for n equal ones, 0 when nothing is live.
    pub hhi: f64,
}

/// Who cuts off access in a shock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cutoff {
    /// Every dependency under this jurisdiction's law.
    Jurisdiction(String),
    /// Every dependency this controller (vendor, country) controls.
    Controller(String),
}

impl Cutoff {
    /// Whether the cutoff reaches dependency `jurisdiction`/`controller` (case and outer
    /// spaces ignored; an empty jurisdiction is [`UNKNOWN_JURISDICTION`]).
    fn reaches(&self, jurisdiction: &str, controller: &str) -> bool {
        match self {
            Cutoff::Jurisdiction(j) => same_name(j, jurisdiction_name(jurisdiction)),
            Cutoff::Controller(c) => same_name(c, controller),
        }
    }
}

/// Names compared as a person would: case and outer spaces ignored.
fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The name a dependency's jurisdiction is reported under.
pub fn jurisdiction_name(jurisdiction: &str) -> &str {
    let name = jurisdiction.trim();
    if name.is_empty() {
        UNKNOWN_JURISDICTION
    } else {
        name
    }
}

/// One dependency a shock cuts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CutDependency {
    /// Its id.
    pub id: String,
    /// The month the plan itself removes it, or `None` if it never does.
    pub removed_in: Option<Month>,
    /// Months without it: from the shock until the plan removes it, or to the end of the
    /// horizon (inclusive) when the plan never does.
    pub months_exposed: i32,
}

/// What a cut-off at one month does to the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shock {
    /// The month access is cut.
    pub at: Month,
    /// Who cuts it.
    pub cutoff: Cutoff,
    /// The live dependencies cut, in document order.
    pub cut: Vec<CutDependency>,
    /// Their summed criticality.
    pub exposure_cut: u32,
    /// Ids of the layers with a cut dependency, in the plan's layer order.
    pub layers_hit: Vec<String>,
    /// Ids of milestones still to come that need (directly or through `after`) an
    /// investment in a hit layer that is not finished when access is cut.
    pub milestones_at_risk: Vec<String>,
}

/// A layer's levels on a framework's objectives in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerLevels {
    /// The layer's id.
    pub layer: String,
    /// Level per objective (framework order): the lowest over the layer's live dependencies,
    /// the highest level when none is live.
    pub objectives: Vec<u8>,
    /// Its weakest objective's level.
    pub overall: u8,
}

/// A plan's standing on a framework in one month.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameworkLevels {
    /// The month.
    pub month: Month,
    /// Every layer, in the plan's order.
    pub layers: Vec<LayerLevels>,
    /// Plan level per objective: the mean of the layers' levels (each layer counts once).
    pub objectives: Vec<f64>,
    /// The weighted score, 0–100: Σ weight × level / highest level, over the total weight.
    pub score: f64,
}

/// Sovereignty questions about one plan, with what every answer shares computed once.
pub struct Sovereignty<'a> {
    plan: &'a Roadmap,
    analysis: &'a Analysis,
    framework: &'a Framework,
    /// Per dependency: its layer's position, if the layer exists.
    layer_of: Vec<Option<usize>>,
    /// Per dependency: its level on each objective.
    levels: Vec<Vec<u8>>,
}

impl<'a> Sovereignty<'a> {
    /// Prepares the answers for `plan`, its `analysis` and a `framework`.
    pub fn new(plan: &'a Roadmap, analysis: &'a Analysis, framework: &'a Framework) -> Self {
        let mut position = HashMap::with_capacity(plan.layers.len());
        for (n, layer) in plan.layers.iter().enumerate() {
            position.entry(layer.id.as_str()).or_insert(n);
        }
        Sovereignty {
            plan,
            analysis,
            framework,
            layer_of: plan
                .dependencies
                .iter()
                .map(|d| position.get(d.layer.as_str()).copied())
                .collect(),
            levels: plan
                .dependencies
                .iter()
                .map(|d| framework.dependency_levels(d))
                .collect(),
        }
    }

    /// The plan assessed.
    pub fn plan(&self) -> &'a Roadmap {
        self.plan
    }

    /// The framework the levels are measured on.
    pub fn framework(&self) -> &Framework {
        self.framework
    }

    /// Every dependency live in `month`: (position, its span).
    fn live(&self, month: Month) -> impl Iterator<Item = (usize, &'a DependencySpan)> + 'a {
        self.analysis
            .spans()
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.is_live(month))
    }

    /// The weakest link of every layer in `month` (plan layer order; `None` when nothing in
    /// the layer is live). Ties go to the more critical dependency, then document order.
    pub fn weakest_links(&self, month: Month) -> Vec<Option<WeakLink>> {
        let mut weakest: Vec<Option<WeakLink>> = vec![None; self.plan.layers.len()];
        let deps = &self.plan.dependencies;
        for (d, _) in self.live(month) {
            let (Some(dep), Some(Some(l))) = (deps.get(d), self.layer_of.get(d)) else {
                continue;
            };
            let Some(slot) = weakest.get_mut(*l) else {
                continue;
            };
            let weaker = slot.is_none_or(|w| {
                let current = deps.get(w.dependency).map_or(0, |c| c.criticality);
                (dep.control, std::cmp::Reverse(dep.criticality))
                    < (w.control, std::cmp::Reverse(current))
            });
            if weaker {
                *slot = Some(WeakLink {
                    control: dep.control,
                    dependency: d,
                });
            }
        }
        weakest
    }

    /// Exposure per jurisdiction in `month`, its shares and their HHI.
    pub fn concentration(&self, month: Month) -> Concentration {
        let mut by_name: HashMap<&str, u32> = HashMap::new();
        let mut total = 0u32;
        for (d, _) in self.live(month) {
            let Some(dep) = self.plan.dependencies.get(d) else {
                continue;
            };
            let weight = u32::from(dep.criticality);
            total += weight;
            *by_name
                .entry(jurisdiction_name(&dep.jurisdiction))
                .or_default() += weight;
        }
        let mut jurisdictions: Vec<JurisdictionShare> = by_name
            .into_iter()
            .map(|(name, exposure)| JurisdictionShare {
                name: name.to_owned(),
                exposure,
                share: if total == 0 {
                    0.0
                } else {
                    f64::from(exposure) / f64::from(total)
                },
            })
            .collect();
        jurisdictions.sort_by(|a, b| b.exposure.cmp(&a.exposure).then(a.name.cmp(&b.name)));
        let hhi = jurisdictions.iter().map(|j| j.share * j.share).sum();
        Concentration {
            month,
            exposure: total,
            jurisdictions,
            hhi,
        }
    }

    /// Every jurisdiction named in the plan (empty ones as [`UNKNOWN_JURISDICTION`]), sorted.
    pub fn jurisdictions(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .plan
            .dependencies
            .iter()
            .map(|d| jurisdiction_name(&d.jurisdiction).to_owned())
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        names.sort();
        names
    }

    /// Every controller named in the plan, sorted (empty ones left out).
    pub fn controllers(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .plan
            .dependencies
            .iter()
            .map(|d| d.controller.trim().to_owned())
            .filter(|c| !c.is_empty())
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        names.sort();
        names
    }

    /// `cutoff` spelled as the plan spells its jurisdiction or controller; if the plan names
    /// no such one, a sentence saying so and listing the known ones.
    pub fn check_cutoff(&self, cutoff: &Cutoff) -> Result<Cutoff, String> {
        let (kind, name, known) = match cutoff {
            Cutoff::Jurisdiction(j) => ("jurisdiction", j, self.jurisdictions()),
            Cutoff::Controller(c) => ("controller", c, self.controllers()),
        };
        if let Some(known) = known.iter().find(|k| same_name(k, name)) {
            return Ok(match cutoff {
                Cutoff::Jurisdiction(_) => Cutoff::Jurisdiction(known.clone()),
                Cutoff::Controller(_) => Cutoff::Controller(known.clone()),
            });
        }
        let list = if known.is_empty() {
            "none".to_owned()
        } else {
            known.join(", ")
        };
        Err(format!(
            "no dependency has {kind} \"{name}\"; the plan's {kind}s: {list}"
        ))
    }

    /// What happens when `cutoff` cuts off access in `month`.
    pub fn shock(&self, cutoff: &Cutoff, month: Month) -> Shock {
        let end = self.plan.horizon.end;
        let mut cut = Vec::new();
        let mut exposure_cut = 0u32;
        let mut hit = vec![false; self.plan.layers.len()];
        for (d, span) in self.live(month) {
            let Some(dep) = self.plan.dependencies.get(d) else {
                continue;
            };
            if !cutoff.reaches(&dep.jurisdiction, &dep.controller) {
                continue;
            }
            exposure_cut += u32::from(dep.criticality);
            if let Some(h) = self
                .layer_of
                .get(d)
                .copied()
                .flatten()
                .and_then(|slot| hit.get_mut(slot))
            {
                *h = true;
            }
            cut.push(CutDependency {
                id: dep.id.clone(),
                removed_in: span.until,
                months_exposed: span
                    .until
                    .map_or(month.months_until(end) + 1, |u| month.months_until(u))
                    .max(0),
            });
        }
        let layers_hit: Vec<String> = self
            .plan
            .layers
            .iter()
            .zip(&hit)
            .filter(|(_, h)| **h)
            .map(|(l, _)| l.id.clone())
            .collect();
        Shock {
            at: month,
            cutoff: cutoff.clone(),
            cut,
            exposure_cut,
            milestones_at_risk: self.milestones_at_risk(&layers_hit, month),
            layers_hit,
        }
    }

    /// Milestones from `month` on that need an unfinished investment in one of `layers`.
    fn milestones_at_risk(&self, layers: &[String], month: Month) -> Vec<String> {
        let hit: HashSet<&str> = layers.iter().map(String::as_str).collect();
        let exposed: HashSet<&str> = self
            .plan
            .investments
            .iter()
            .filter(|i| i.end >= month && hit.contains(i.layer.as_str()))
            .map(|i| i.id.as_str())
            .collect();
        self.plan
            .milestones
            .iter()
            .zip(self.analysis.milestone_reports())
            .filter(|(m, r)| {
                m.month >= month && r.needs_all.iter().any(|i| exposed.contains(i.as_str()))
            })
            .map(|(m, _)| m.id.clone())
            .collect()
    }

    /// Every layer's levels on the framework's objectives in `month`, and the plan's score.
    pub fn framework_levels(&self, month: Month) -> FrameworkLevels {
        let max = self.framework.max_level();
        let count = self.framework.objectives.len();
        let mut per_layer = vec![vec![max; count]; self.plan.layers.len()];
        for (d, _) in self.live(month) {
            let (Some(Some(l)), Some(levels)) = (self.layer_of.get(d), self.levels.get(d)) else {
                continue;
            };
            if let Some(row) = per_layer.get_mut(*l) {
                for (slot, &level) in row.iter_mut().zip(levels) {
                    *slot = (*slot).min(level);
                }
            }
        }
        let layers: Vec<LayerLevels> = self
            .plan
            .layers
            .iter()
            .zip(per_layer)
            .map(|(layer, objectives)| LayerLevels {
                layer: layer.id.clone(),
                overall: objectives.iter().copied().min().unwrap_or(max),
                objectives,
            })
            .collect();
        let objectives: Vec<f64> = (0..count)
            .map(|o| {
                let sum: f64 = layers
                    .iter()
                    .filter_map(|l| l.objectives.get(o))
                    .map(|&v| f64::from(v))
                    .sum();
                if layers.is_empty() {
                    f64::from(max)
                } else {
                    sum / layers.len() as f64
                }
            })
            .collect();
        FrameworkLevels {
            month,
            score: self.framework.score(&objectives),
            layers,
            objectives,
        }
    }
}

/// What a minister reads in a minute: where the plan starts from now and where it ends.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The month taken as now.
    pub now: Month,
    /// The horizon's last month.
    pub end: Month,
    /// Total exposure now.
    pub exposure_now: u32,
    /// Total exposure at the end.
    pub exposure_end: u32,
    /// Dependencies the plan has removed by the end.
    pub retired: usize,
    /// Dependencies still live at the end.
    pub remaining: usize,
    /// Removals that only trade one dependency for another (see trades).
    pub traded: usize,
    /// The weakest layer at the end: its position and weakest link (the lowest control level;
    /// ties go to the layer with more exposure). `None` when nothing is live then.
    pub weakest_end: Option<(usize, WeakLink)>,
    /// The largest jurisdiction share now.
    pub top_share_now: Option<JurisdictionShare>,
    /// The largest jurisdiction share at the end.
    pub top_share_end: Option<JurisdictionShare>,
    /// Summed budget of every investment.
    pub budget: u128,
    /// Framework score now and at the end.
    pub score: (f64, f64),
    /// The largest shocks now, largest first.
    pub risks: Vec<Shock>,
}

impl Sovereignty<'_> {
    /// The shocks of every jurisdiction and controller at `month`, largest first (by
    /// criticality × months cut), at most `count`, skipping one that cuts only what a larger
    /// one already cuts.
    pub fn largest_shocks(&self, month: Month, count: usize) -> Vec<Shock> {
        let cutoffs = self
            .jurisdictions()
            .into_iter()
            .map(Cutoff::Jurisdiction)
            .chain(self.controllers().into_iter().map(Cutoff::Controller));
        let mut shocks: Vec<(i64, Shock)> = cutoffs
            .map(|c| self.shock(&c, month))
            .filter(|s| !s.cut.is_empty())
            .map(|s| (self.weight(&s), s))
            .collect();
        shocks.sort_by_key(|s| std::cmp::Reverse(s.0));
        let mut chosen: Vec<Shock> = Vec::new();
        for (_, shock) in shocks {
            let covered = chosen
                .iter()
                .any(|c| shock.cut.iter().all(|d| c.cut.iter().any(|e| e.id == d.id)));
            if !covered {
                chosen.push(shock);
            }
            if chosen.len() == count {
                break;
            }
        }
        chosen
    }

    /// Criticality × months without, summed over a shock's cut dependencies.
    fn weight(&self, shock: &Shock) -> i64 {
        shock
            .cut
            .iter()
            .map(|c| {
                let crit = self
                    .plan
                    .dependency(&c.id)
                    .map_or(0, |d| i64::from(d.criticality));
                crit * i64::from(c.months_exposed)
            })
            .sum()
    }

    /// The summary from `now` to the horizon's end.
    pub fn summary(&self, now: Month) -> Summary {
        let end = self.plan.horizon.end;
        let spans = self.analysis.spans();
        let exposure_end = self.analysis.exposure_at(end);
        let weakest_end = self
            .weakest_links(end)
            .into_iter()
            .enumerate()
            .filter_map(|(n, w)| w.map(|w| (n, w)))
            .min_by_key(|(n, w)| {
                let exposure = exposure_end.by_layer.get(*n).map_or(0, |e| e.1);
                (w.control, std::cmp::Reverse(exposure))
            });
        let top = |month| self.concentration(month).jurisdictions.into_iter().next();
        Summary {
            now,
            end,
            exposure_now: self.analysis.exposure_at(now).total,
            exposure_end: exposure_end.total,
            retired: spans.iter().filter(|s| s.is_retired(end)).count(),
            remaining: spans.iter().filter(|s| s.is_live(end)).count(),
            traded: self.analysis.trades().len(),
            weakest_end,
            top_share_now: top(now),
            top_share_end: top(end),
            budget: self
                .plan
                .investments
                .iter()
                .map(|i| u128::from(i.budget))
                .sum(),
            score: (
                self.framework_levels(now).score,
                self.framework_levels(end).score,
            ),
            risks: self.largest_shocks(now, 3),
        }
    }
}
