//! Checks of a plan: broken links, impossible dates, cycles, trades, unused things.

use std::fmt;

use super::exposure::{DependencySpan, dependency_spans};
use super::index::{Index, Schedule};
use crate::model::Roadmap;

mod code;
mod register;
mod schedule;
mod sovereignty;
#[cfg(test)]
mod tests;

pub use code::Code;
use register::{
    check_conflicts, check_dependencies, check_horizon, check_ids, check_layers, check_stops,
};
use schedule::{check_cycles, check_investments, check_milestones};
use sovereignty::check_sovereignty;

/// How serious a finding is, least first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; nothing is wrong.
    Info,
    /// Probably a mistake or a weak spot in the plan.
    Warning,
    /// The plan contradicts itself or points at nothing.
    Error,
}

impl Severity {
    /// Lower-case label, as a compiler prints it ("error").
    pub fn label(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One thing a check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// How serious it is.
    pub severity: Severity,
    /// What kind of finding it is; its code ("cycle", "unknown-id") is what the command
    /// line prints.
    pub code: Code,
    /// What is wrong, for a planner.
    pub message: String,
    /// The ids of the items involved, the one to fix first.
    pub ids: Vec<String>,
}

impl Finding {
    /// The message as a sentence (capital first letter, full stop), without the code: how
    /// the editor and the PDF show it.
    pub fn sentence(&self) -> String {
        let mut chars = self.message.chars();
        let Some(first) = chars.next() else {
            return String::new();
        };
        let mut text: String = first.to_uppercase().chain(chars).collect();
        if !text.ends_with(['.', '!', '?']) {
            text.push('.');
        }
        text
    }
}

/// How messages name an item: its title in quotes and its id in parentheses
/// (`“National GPU cluster” (cluster-1)`), or only the id when it has no title.
struct Names<'a> {
    plan: &'a Roadmap,
    index: &'a Index<'a>,
}

impl Names<'_> {
    /// The name of the item `id`.
    fn of(&self, id: &str) -> String {
        let (plan, index) = (self.plan, self.index);
        let title = index
            .investments
            .get(id)
            .and_then(|&i| plan.investments.get(i))
            .map(|i| i.title.as_str())
            .or_else(|| {
                let m = index.milestones.get(id)?;
                plan.milestones.get(*m).map(|m| m.title.as_str())
            })
            .or_else(|| {
                let d = index.dependencies.get(id)?;
                plan.dependencies.get(*d).map(|d| d.name.as_str())
            })
            .or_else(|| {
                let l = index.layers.get(id)?;
                plan.layers.get(*l).map(|l| l.name.as_str())
            })
            .map(str::trim)
            .filter(|t| !t.is_empty());
        match title {
            Some(title) => format!("“{title}” ({id})"),
            None => id.to_owned(),
        }
    }
}

impl fmt::Display for Finding {
    /// Compiler style: `error[cycle]: i3 → i7 → i3`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)
    }
}

/// Every finding for `plan`: errors first, then warnings, then infos; document order within.
pub fn checks(plan: &Roadmap) -> Vec<Finding> {
    let index = Index::new(plan);
    let schedule = Schedule::new(plan, &index);
    checks_with(plan, &index, &schedule, &dependency_spans(plan))
}

/// Every finding, from an index, schedule and spans already built.
pub(crate) fn checks_with(
    plan: &Roadmap,
    index: &Index<'_>,
    schedule: &Schedule<'_>,
    spans: &[DependencySpan],
) -> Vec<Finding> {
    let mut out = Findings::default();
    let names = Names { plan, index };
    check_horizon(plan, &mut out);
    check_ids(plan, &mut out);
    check_layers(plan, &names, &mut out);
    check_dependencies(plan, &names, spans, &mut out);
    check_investments(plan, &names, schedule, &mut out);
    check_milestones(plan, &names, schedule, &mut out);
    check_stops(plan, index, &mut out);
    check_sovereignty(plan, &names, &mut out);
    check_cycles(schedule, &names, &mut out);
    check_conflicts(plan, &mut out);
    let mut found = out.0;
    found.sort_by_key(|f| std::cmp::Reverse(f.severity));
    found
}

/// The findings of the checks, as they are found.
#[derive(Default)]
struct Findings(Vec<Finding>);

impl Findings {
    fn push(&mut self, severity: Severity, code: Code, message: String, ids: &[&str]) {
        self.0.push(Finding {
            severity,
            code,
            message,
            ids: ids.iter().map(|id| (*id).to_owned()).collect(),
        });
    }
}
