//! Sovereignty frameworks as data: objectives, weights, levels and defaults from a RON file.

use serde::Deserialize;

use crate::model::{ControlLevel, Dependency};

/// The EU Cloud Sovereignty Framework (v1.2.1, October 2025), compiled into the binary.
pub const EU_CSF: &str = include_str!("../../assets/frameworks/eu-csf.ron");

/// A sovereignty framework: objectives scored on levels `0..levels.len()`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Short stable id, e.g. "eu-csf".
    pub id: String,
    /// Full name.
    pub name: String,
    /// The version of the framework this file follows.
    pub version: String,
    /// When that version was published ("2025-10").
    pub published: String,
    /// Where the objectives and weights come from.
    pub source: String,
    /// Name of each level, lowest first; the highest level is `levels.len() - 1`.
    pub levels: Vec<String>,
    /// The level a dependency gets on every objective from its control level.
    pub defaults: Defaults,
    /// The objectives, in the framework's order.
    pub objectives: Vec<Objective>,
}

/// The level a dependency has on every objective when no assessment says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    /// Level of a black-box dependency.
    pub black_box: u8,
    /// Level of a licensed dependency.
    pub licensed: u8,
    /// Level of an open dependency of foreign origin.
    pub open_foreign: u8,
    /// Level of a domestic dependency.
    pub domestic: u8,
}

impl Defaults {
    /// The default level of `control`.
    pub fn level(&self, control: ControlLevel) -> u8 {
        match control {
            ControlLevel::BlackBox => self.black_box,
            ControlLevel::Licensed => self.licensed,
            ControlLevel::OpenForeign => self.open_foreign,
            ControlLevel::Domestic => self.domestic,
        }
    }
}

/// One objective of a framework.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// Id used by a dependency's `assessment`, e.g. "supply-chain".
    pub id: String,
    /// The framework's own code, e.g. "SOV-5".
    pub code: String,
    /// Full name.
    pub name: String,
    /// Weight in the plan's score.
    pub weight: u32,
}

/// Why a framework file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrameworkError {
    /// The text is not a framework.
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The framework parses but cannot score anything.
    #[error("{0}")]
    Invalid(String),
}

impl Framework {
    /// Reads a framework from RON text and checks it can score a plan.
    pub fn from_ron(text: &str) -> Result<Framework, FrameworkError> {
        let framework: Framework = ron::Options::default()
            .with_recursion_limit(32)
            .from_str(text)
            .map_err(|e| FrameworkError::Syntax {
                line: e.span.start.line,
                column: e.span.start.col,
                message: e.code.to_string(),
            })?;
        framework.validate()?;
        Ok(framework)
    }

    /// The EU Cloud Sovereignty Framework bundled with Stackplan.
    pub fn eu_csf() -> Result<Framework, FrameworkError> {
        Framework::from_ron(EU_CSF)
    }

    /// The bundled framework, parsed once (`None` only if the bundled file were broken).
    pub fn bundled() -> Option<&'static Framework> {
        static BUNDLED: std::sync::OnceLock<Option<Framework>> = std::sync::OnceLock::new();
        BUNDLED.get_or_init(|| Framework::eu_csf().ok()).as_ref()
    }

    fn validate(&self) -> Result<(), FrameworkError> {
        let invalid = |m: String| Err(FrameworkError::Invalid(m));
        if self.levels.len() < 2 || self.levels.len() > 11 {
            return invalid(format!(
                "framework {} has {} levels; it needs 2 to 11",
                self.id,
                self.levels.len()
            ));
        }
        if self.objectives.is_empty() || self.total_weight() == 0 {
            return invalid(format!("framework {} has no weighted objective", self.id));
        }
        let max = self.max_level();
        let d = self.defaults;
        if [d.black_box, d.licensed, d.open_foreign, d.domestic]
            .iter()
            .any(|&l| l > max)
        {
            return invalid(format!(
                "framework {}: a default level is above the highest level {max}",
                self.id
            ));
        }
        for (n, o) in self.objectives.iter().enumerate() {
            if self.objectives[..n].iter().any(|p| p.id == o.id) {
                return invalid(format!("framework {}: objective {} twice", self.id, o.id));
            }
        }
        Ok(())
    }

    /// The highest level (4 for SEAL).
    pub fn max_level(&self) -> u8 {
        u8::try_from(self.levels.len().saturating_sub(1)).unwrap_or(u8::MAX)
    }

    /// Sum of the objectives' weights.
    pub fn total_weight(&self) -> u32 {
        self.objectives.iter().map(|o| o.weight).sum()
    }

    /// The position of objective `id`.
    pub fn objective(&self, id: &str) -> Option<usize> {
        self.objectives.iter().position(|o| o.id == id)
    }

    /// The level of `dep` on each objective: its assessment where it has one (capped at the
    /// highest level), else the default of its control level.
    pub fn dependency_levels(&self, dep: &Dependency) -> Vec<u8> {
        let default = self.defaults.level(dep.control);
        self.objectives
            .iter()
            .map(|o| {
                dep.assessment
                    .iter()
                    .rev()
                    .find(|a| a.objective == o.id)
                    .map_or(default, |a| a.level.min(self.max_level()))
            })
            .collect()
    }

    /// The weighted score, 0–100, of one level per objective (in objective order; fractional
    /// levels allowed, e.g. means over layers).
    pub fn score(&self, levels: &[f64]) -> f64 {
        let max = f64::from(self.max_level());
        let total = f64::from(self.total_weight());
        let sum: f64 = self
            .objectives
            .iter()
            .zip(levels)
            .map(|(o, &l)| f64::from(o.weight) * l)
            .sum();
        100.0 * sum / (max * total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_eu_framework_has_eight_weighted_objectives() {
        let f = Framework::eu_csf().unwrap();
        let weights: Vec<(&str, u32)> = f
            .objectives
            .iter()
            .map(|o| (o.code.as_str(), o.weight))
            .collect();
        assert_eq!(
            weights,
            [
                ("SOV-1", 15),
                ("SOV-2", 10),
                ("SOV-3", 10),
                ("SOV-4", 15),
                ("SOV-5", 20),
                ("SOV-6", 15),
                ("SOV-7", 10),
                ("SOV-8", 5)
            ]
        );
        assert_eq!(f.total_weight(), 100);
        assert_eq!(f.max_level(), 4);
        assert_eq!(f.version, "1.2.1");
        let d = f.defaults;
        assert_eq!(
            (d.black_box, d.licensed, d.open_foreign, d.domestic),
            (0, 1, 2, 4)
        );
    }

    #[test]
    fn a_broken_framework_says_where_or_why() {
        let err = Framework::from_ron("Framework(id: 3)").unwrap_err();
        assert!(
            matches!(err, FrameworkError::Syntax { line: 1, .. }),
            "{err}"
        );
        let no_weight = ["15", "10", "20", "5"]
            .iter()
            .fold(EU_CSF.to_owned(), |t, w| {
                t.replace(&format!("weight: {w})"), "weight: 0)")
            });
        let err = Framework::from_ron(&no_weight).unwrap_err();
        assert!(err.to_string().contains("no weighted objective"), "{err}");
        let high = EU_CSF.replace("domestic: 4", "domestic: 9");
        let err = Framework::from_ron(&high).unwrap_err();
        assert!(err.to_string().contains("above the highest level"), "{err}");
    }
}
