//! Small hand-made plans for the analysis unit tests.

use crate::model::{ControlLevel, Dependency, Horizon, Investment, Milestone, Month, Roadmap};

/// A month from text.
pub fn m(text: &str) -> Month {
    text.parse().unwrap()
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// An empty plan over 2026 with two layers, "compute" and "models".
pub fn plan() -> Roadmap {
    let mut plan = Roadmap::blank(
        "Test",
        Horizon {
            start: m("2026-01"),
            end: m("2026-12"),
        },
    );
    plan.layers
        .retain(|l| l.id == "compute" || l.id == "models");
    plan
}

/// A dependency.
pub fn dep(id: &str, layer: &str, control: ControlLevel, criticality: u8) -> Dependency {
    Dependency {
        id: id.into(),
        name: format!("Dependency {id}"),
        layer: layer.into(),
        controller: "Vendor".into(),
        jurisdiction: "US".into(),
        control,
        criticality,
        notes: String::new(),
        evidence: Vec::new(),
        assessment: Vec::new(),
    }
}

/// An investment.
pub fn inv(
    id: &str,
    layer: &str,
    start: &str,
    end: &str,
    budget: u64,
    after: &[&str],
) -> Investment {
    Investment {
        id: id.into(),
        title: format!("Investment {id}"),
        layer: layer.into(),
        start: m(start),
        end: m(end),
        budget,
        owner: String::new(),
        notes: String::new(),
        after: ids(after),
    }
}

/// A milestone.
pub fn ms(
    id: &str,
    layer: &str,
    month: &str,
    needs: &[&str],
    removes: &[&str],
    introduces: &[&str],
) -> Milestone {
    Milestone {
        needs: ids(needs),
        removes: ids(removes),
        introduces: ids(introduces),
        ..Milestone::new(id, format!("Milestone {id}"), m(month), layer)
    }
}
