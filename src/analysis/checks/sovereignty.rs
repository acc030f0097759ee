//! Checks of what the sovereignty assessment relies on.

use super::Severity::{Error, Info};
use super::{Code, Findings, Names};
use crate::model::Roadmap;

/// Reports what the sovereignty assessment cannot rely on: dependencies whose jurisdiction is
/// unknown, levels outside 0–4, and critical dependencies removed without evidence.
pub(super) fn check_sovereignty(plan: &Roadmap, names: &Names<'_>, out: &mut Findings) {
    let index = names.index;
    for dep in &plan.dependencies {
        let id = dep.id.as_str();
        if dep.jurisdiction.trim().is_empty() {
            out.push(
                Info,
                Code::UnknownJurisdiction,
                format!(
                    "dependency {} has no jurisdiction; say whose law reaches it",
                    names.of(id)
                ),
                &[id],
            );
        }
        for a in dep.assessment.iter().filter(|a| a.level > 4) {
            out.push(
                Error,
                Code::AssessmentLevel,
                format!(
                    "dependency {} is assessed at level {} on {}; levels run from 0 to 4",
                    names.of(id),
                    a.level,
                    a.objective
                ),
                &[id],
            );
        }
    }
    for ms in plan.milestones.iter().filter(|m| m.evidence.is_empty()) {
        let critical = ms.removes.iter().filter_map(|r| {
            let dep = plan
                .dependencies
                .get(*index.dependencies.get(r.as_str())?)?;
            (dep.criticality >= 4).then_some(dep)
        });
        for dep in critical {
            out.push(
                Info,
                Code::RemovalWithoutEvidence,
                format!(
                    "milestone {} removes {} (criticality {}) but gives no evidence that it will",
                    names.of(&ms.id),
                    names.of(&dep.id),
                    dep.criticality
                ),
                &[ms.id.as_str(), dep.id.as_str()],
            );
        }
    }
}
