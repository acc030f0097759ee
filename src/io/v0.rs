//! Format 0, the pre-release layout, and its migration to the current format.
//!
//! Format 0 spelled `color`, kept the horizon as two top-level fields and called a
//! dependency's controller its `vendor`.

use serde::Deserialize;

use crate::model::{self, Colour, ControlLevel, Month};

/// A format-0 plan.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roadmap {
    #[allow(dead_code)]
    format: u32,
    title: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    currency: Option<String>,
    start: Month,
    end: Month,
    #[serde(default)]
    layers: Vec<Layer>,
    #[serde(default)]
    dependencies: Vec<Dependency>,
    #[serde(default)]
    investments: Vec<model::Investment>,
    #[serde(default)]
    milestones: Vec<model::Milestone>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Layer {
    id: String,
    name: String,
    color: Colour,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Dependency {
    id: String,
    name: String,
    layer: String,
    #[serde(default)]
    vendor: String,
    control: ControlLevel,
    criticality: u8,
    #[serde(default)]
    notes: String,
}

impl Roadmap {
    /// The same plan in the current format.
    pub fn migrate(self) -> model::Roadmap {
        model::Roadmap {
            format: model::FORMAT,
            title: self.title,
            owner: self.owner,
            notes: self.notes,
            currency: self.currency.unwrap_or_else(|| "EUR".to_owned()),
            horizon: model::Horizon {
                start: self.start,
                end: self.end,
            },
            layers: self
                .layers
                .into_iter()
                .map(|l| model::Layer {
                    id: l.id,
                    name: l.name,
                    colour: l.color,
                    description: l.description,
                })
                .collect(),
            dependencies: self
                .dependencies
                .into_iter()
                .map(|d| model::Dependency {
                    id: d.id,
                    name: d.name,
                    layer: d.layer,
                    controller: d.vendor,
                    jurisdiction: String::new(),
                    control: d.control,
                    criticality: d.criticality,
                    notes: d.notes,
                    evidence: Vec::new(),
                    assessment: Vec::new(),
                })
                .map(model::Shared::new)
                .collect(),
            investments: model::Shared::all(self.investments),
            milestones: model::Shared::all(self.milestones),
            stops: Vec::new(),
            conflicts: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::io::load_str;

    #[test]
    fn format_0_file_is_migrated() {
        let text = r##"Roadmap(
            format: 0,
            title: "Old plan",
            start: "2026-01",
            end: "2030-12",
            layers: [Layer(id: "models", name: "Models", color: "#10B981")],
            dependencies: [Dependency(id: "llm", name: "Closed model", layer: "models",
                vendor: "Vendor X", control: Licensed, criticality: 5)],
        )"##;
        let plan = load_str(text).unwrap();
        assert_eq!(plan.format, 2);
        assert_eq!(plan.horizon.end.to_string(), "2030-12");
        assert_eq!(plan.layers[0].colour.to_string(), "#10B981");
        assert_eq!(plan.dependencies[0].controller, "Vendor X");
    }
}
