//! The roadmap document: layers, dependencies, investments, milestones and stops.
//!
//! Plain data with serde derives; it knows nothing of files, analysis or screens.

mod colour;
mod conflict;
mod count;
mod month;
mod shared;

pub use colour::{Colour, ColourError};
pub use conflict::{Conflict, ConflictKind};
pub use count::plural;
pub use month::{MAX_YEAR, MIN_YEAR, Month, MonthError};
pub use shared::Shared;

use serde::{Deserialize, Serialize};

/// The file format version this build writes and the newest it reads.
pub const FORMAT: u32 = 2;

/// A whole plan: what a `.ron` file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roadmap {
    /// File format version (see [`FORMAT`]).
    pub format: u32,
    /// Title shown on the canvas and on exports.
    pub title: String,
    /// Who owns the plan, e.g. a ministry or agency.
    #[serde(default)]
    pub owner: String,
    /// Free-form notes about the plan.
    #[serde(default)]
    pub notes: String,
    /// Currency of every budget, e.g. "EUR".
    #[serde(default = "default_currency")]
    pub currency: String,
    /// The months shown, first to last.
    pub horizon: Horizon,
    /// Swimlanes, top to bottom.
    #[serde(default)]
    pub layers: Vec<Layer>,
    /// Register of external dependencies.
    #[serde(default)]
    pub dependencies: Vec<Shared<Dependency>>,
    /// Funded pieces of work, as bars on the timeline.
    #[serde(default)]
    pub investments: Vec<Shared<Investment>>,
    /// Dated achievements that remove or introduce dependencies.
    #[serde(default)]
    pub milestones: Vec<Shared<Milestone>>,
    /// Saved presentation stops; empty means the default stops.
    #[serde(default)]
    pub stops: Vec<Stop>,
    /// Conflicts a merge left for a planner to resolve; left out of the file when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

fn default_currency() -> String {
    "EUR".to_owned()
}

/// The first and last month a plan shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Horizon {
    /// First month shown.
    pub start: Month,
    /// Last month shown (inclusive).
    pub end: Month,
}

impl Horizon {
    /// Whether `month` lies within the horizon.
    pub fn contains(&self, month: Month) -> bool {
        self.start <= month && month <= self.end
    }

    /// Every month of the horizon, in order (empty when end is before start).
    pub fn months(&self) -> impl Iterator<Item = Month> + use<> {
        let start = self.start;
        (0..=start.months_until(self.end)).map(move |i| start.plus(i))
    }
}

/// A swimlane: one layer of the AI stack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    /// Stable id, referenced by items.
    pub id: String,
    /// Name shown in the lane header.
    pub name: String,
    /// Lane colour.
    pub colour: Colour,
    /// One-line description.
    #[serde(default)]
    pub description: String,
}

/// How much national control there is over a dependency, least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ControlLevel {
    /// A foreign service or API; no access to internals.
    BlackBox,
    /// A foreign product licensed and run on national hardware.
    Licensed,
    /// Open source or open weights of foreign origin: inspectable, forkable.
    OpenForeign,
    /// Designed and maintained at home.
    Domestic,
}

impl ControlLevel {
    /// Every level, least control first.
    pub const ALL: [ControlLevel; 4] = [
        ControlLevel::BlackBox,
        ControlLevel::Licensed,
        ControlLevel::OpenForeign,
        ControlLevel::Domestic,
    ];

    /// Human label, e.g. "Open (foreign)".
    pub fn label(self) -> &'static str {
        match self {
            ControlLevel::BlackBox => "Black box",
            ControlLevel::Licensed => "Licensed",
            ControlLevel::OpenForeign => "Open (foreign)",
            ControlLevel::Domestic => "Domestic",
        }
    }

    /// Whether the country can inspect and change what it depends on (open or domestic);
    /// black-box and licensed dependencies are closed.
    pub fn is_open(self) -> bool {
        self >= ControlLevel::OpenForeign
    }

    /// The colour used for dependency bars of this level.
    pub fn colour(self) -> Colour {
        match self {
            ControlLevel::BlackBox => Colour::rgb(0xDC, 0x26, 0x26),
            ControlLevel::Licensed => Colour::rgb(0xEA, 0x58, 0x0C),
            ControlLevel::OpenForeign => Colour::rgb(0xCA, 0x8A, 0x04),
            ControlLevel::Domestic => Colour::rgb(0x16, 0xA3, 0x4A),
        }
    }
}

/// An external dependency the country has (or will take on).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dependency {
    /// Stable id, referenced by milestones.
    pub id: String,
    /// What is depended on.
    pub name: String,
    /// The layer it belongs to.
    pub layer: String,
    /// Who controls it (vendor, country).
    #[serde(default)]
    pub controller: String,
    /// Whose law reaches it ("US", "CN", "EU", "domestic", …); empty when unknown.
    #[serde(default)]
    pub jurisdiction: String,
    /// How much national control there is.
    pub control: ControlLevel,
    /// Weight in the exposure, 1 (minor) to 5 (critical).
    pub criticality: u8,
    /// Free-form notes.
    #[serde(default)]
    pub notes: String,
    /// Sources for what the register says about it.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// Framework levels set by hand for single objectives, overriding the control level's.
    #[serde(default)]
    pub assessment: Vec<Assessment>,
}

/// How far a piece of evidence can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Confidence {
    /// A hint or a single unconfirmed source.
    Low,
    /// A credible source, not independently confirmed.
    Medium,
    /// Confirmed, e.g. by a contract, an audit or several sources.
    High,
}

impl Confidence {
    /// Every confidence, lowest first.
    pub const ALL: [Confidence; 3] = [Confidence::Low, Confidence::Medium, Confidence::High];

    /// Lower-case label ("medium").
    pub fn label(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// A source backing a claim: why we believe a dependency is what the register says, or that
/// a milestone really removes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Where it comes from: a report, a contract, an audit, a URL.
    pub source: String,
    /// When the source was written or checked.
    pub date: Month,
    /// How far it can be trusted.
    pub confidence: Confidence,
    /// What it says, in a sentence.
    #[serde(default)]
    pub note: String,
}

/// One framework objective's level for a dependency, set by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// The objective's id in the framework, e.g. "supply-chain".
    pub objective: String,
    /// The level on that objective, 0 (none) to 4 (full control), like SEAL levels.
    pub level: u8,
    /// Why this level.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// A funded piece of work: a bar on the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Investment {
    /// Stable id.
    pub id: String,
    /// Title shown on the bar.
    pub title: String,
    /// The layer (swimlane) it sits in.
    pub layer: String,
    /// First month of work.
    pub start: Month,
    /// Last month of work (inclusive).
    pub end: Month,
    /// Budget in whole units of the plan's currency.
    #[serde(default)]
    pub budget: u64,
    /// Who delivers it.
    #[serde(default)]
    pub owner: String,
    /// Free-form notes.
    #[serde(default)]
    pub notes: String,
    /// Ids of investments or milestones that must finish first.
    #[serde(default)]
    pub after: Vec<String>,
}

impl Investment {
    /// Number of months the investment runs, counting both ends (at least 1).
    pub fn duration_months(&self) -> i32 {
        self.start.months_until(self.end).max(0) + 1
    }
}

/// A dated achievement: a diamond on the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// Stable id.
    pub id: String,
    /// Title shown beside the diamond.
    pub title: String,
    /// The month it is reached.
    pub month: Month,
    /// The layer (swimlane) it sits in.
    pub layer: String,
    /// Investments that must be complete first.
    #[serde(default)]
    pub needs: Vec<String>,
    /// Dependencies it ends.
    #[serde(default)]
    pub removes: Vec<String>,
    /// Dependencies it starts.
    #[serde(default)]
    pub introduces: Vec<String>,
    /// Free-form notes.
    #[serde(default)]
    pub notes: String,
    /// Why we believe it really removes what it removes.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

impl Milestone {
    /// A milestone that needs, removes and introduces nothing, without notes or evidence;
    /// code that creates milestones starts from it (`Milestone { needs, ..Milestone::new(…) }`)
    /// so that a new field needs a decision only where the file, the comparison and the
    /// round-trip test handle it.
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        month: Month,
        layer: impl Into<String>,
    ) -> Milestone {
        Milestone {
            id: id.into(),
            title: title.into(),
            month,
            layer: layer.into(),
            needs: Vec::new(),
            removes: Vec::new(),
            introduces: Vec::new(),
            notes: String::new(),
            evidence: Vec::new(),
        }
    }
}

/// A saved presentation stop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stop {
    /// Title shown on the slide.
    pub title: String,
    /// First month in view.
    pub from: Month,
    /// Last month in view.
    pub to: Month,
    /// Ids of the layers shown; empty means all.
    #[serde(default)]
    pub layers: Vec<String>,
    /// Id of the item in focus, if any.
    #[serde(default)]
    pub focus: Option<String>,
    /// Speaker notes.
    #[serde(default)]
    pub notes: String,
    /// What the stop shows: the roadmap chart (left out of the file) or the sovereignty view.
    #[serde(default, skip_serializing_if = "StopView::is_chart")]
    pub view: StopView,
}

/// What a presentation stop shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StopView {
    /// The roadmap chart of the stop's window.
    #[default]
    Chart,
    /// The weakest-link heatmap and the exposure share by jurisdiction over the window.
    Sovereignty,
}

impl StopView {
    /// Whether this is the roadmap chart (the default, left out of saved files).
    pub fn is_chart(&self) -> bool {
        *self == StopView::Chart
    }

    /// The name written in files and shown to users.
    pub fn label(self) -> &'static str {
        match self {
            StopView::Chart => "Chart",
            StopView::Sovereignty => "Sovereignty",
        }
    }
}

/// Which kind of item an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKind {
    /// A swimlane.
    Layer,
    /// An external dependency.
    Dependency,
    /// An investment bar.
    Investment,
    /// A milestone diamond.
    Milestone,
}

/// The seven layers of the AI stack, as a new plan has them.
pub fn default_layers() -> Vec<Layer> {
    [
        (
            "chips",
            "Chips",
            "#8B5CF6",
            "Chip design, fabrication access and packaging",
        ),
        (
            "compute",
            "Compute",
            "#3B82F6",
            "National GPU and accelerator capacity",
        ),
        (
            "research",
            "Research",
            "#06B6D4",
            "Public research institutes and university labs",
        ),
        (
            "talent",
            "Talent",
            "#F59E0B",
            "Education, fellowships and recruitment",
        ),
        (
            "data",
            "Data",
            "#EC4899",
            "National datasets, language corpora and data governance",
        ),
        (
            "tooling",
            "Tooling",
            "#64748B",
            "Training frameworks, MLOps and evaluation tools",
        ),
        (
            "models",
            "Models",
            "#10B981",
            "Foundation and domain models",
        ),
    ]
    .into_iter()
    .map(|(id, name, colour, description)| Layer {
        id: id.to_owned(),
        name: name.to_owned(),
        colour: colour.parse().unwrap_or(Colour::rgb(0x64, 0x74, 0x8B)),
        description: description.to_owned(),
    })
    .collect()
}

impl Roadmap {
    /// A new, empty plan with the default layers over the given horizon.
    pub fn blank(title: &str, horizon: Horizon) -> Roadmap {
        Roadmap {
            format: FORMAT,
            title: title.to_owned(),
            owner: String::new(),
            notes: String::new(),
            currency: default_currency(),
            horizon,
            layers: default_layers(),
            dependencies: Vec::new(),
            investments: Vec::new(),
            milestones: Vec::new(),
            stops: Vec::new(),
            conflicts: Vec::new(),
        }
    }

    /// Number of layers, dependencies, investments and milestones together.
    pub fn item_count(&self) -> usize {
        self.layers.len() + self.dependencies.len() + self.investments.len() + self.milestones.len()
    }

    /// The layer with this id.
    pub fn layer(&self, id: &str) -> Option<&Layer> {
        self.layers.iter().find(|l| l.id == id)
    }

    /// The dependency with this id.
    pub fn dependency(&self, id: &str) -> Option<&Dependency> {
        self.dependencies.iter().find(|d| d.id == id).map(|d| &**d)
    }

    /// The investment with this id.
    pub fn investment(&self, id: &str) -> Option<&Investment> {
        self.investments.iter().find(|i| i.id == id).map(|i| &**i)
    }

    /// The milestone with this id.
    pub fn milestone(&self, id: &str) -> Option<&Milestone> {
        self.milestones.iter().find(|m| m.id == id).map(|m| &**m)
    }

    /// What kind of item `id` names (the first match, in layer, dependency, investment,
    /// milestone order).
    pub fn kind_of(&self, id: &str) -> Option<ItemKind> {
        if self.layer(id).is_some() {
            Some(ItemKind::Layer)
        } else if self.dependency(id).is_some() {
            Some(ItemKind::Dependency)
        } else if self.investment(id).is_some() {
            Some(ItemKind::Investment)
        } else if self.milestone(id).is_some() {
            Some(ItemKind::Milestone)
        } else {
            None
        }
    }

    /// Whether any layer, dependency, investment or milestone uses `id`.
    pub fn id_in_use(&self, id: &str) -> bool {
        self.kind_of(id).is_some()
    }

    /// A fresh id built from `base` ("cluster-1" → "cluster-2", …) that no item uses.
    pub fn fresh_id(&self, base: &str) -> String {
        let stem = base
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .trim_end_matches('-');
        let stem = if stem.is_empty() { "item" } else { stem };
        (1u64..)
            .map(|n| format!("{stem}-{n}"))
            .find(|id| !self.id_in_use(id))
            .unwrap_or_else(|| format!("{stem}-new"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn horizon() -> Horizon {
        Horizon {
            start: "2026-01".parse().unwrap(),
            end: "2026-12".parse().unwrap(),
        }
    }

    #[test]
    fn control_levels_are_ordered_least_to_most_control() {
        use ControlLevel::*;
        assert!(BlackBox < Licensed && Licensed < OpenForeign && OpenForeign < Domestic);
    }

    #[test]
    fn blank_plan_has_the_seven_default_layers() {
        let plan = Roadmap::blank("New", horizon());
        let names: Vec<_> = plan.layers.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Chips", "Compute", "Research", "Talent", "Data", "Tooling", "Models"
            ]
        );
        assert_eq!(plan.horizon.months().count(), 12);
    }

    #[test]
    fn fresh_id_skips_ids_in_use() {
        let plan = Roadmap::blank("New", horizon());
        assert_eq!(plan.fresh_id("compute"), "compute-1");
        let mut plan = plan;
        plan.layers[0].id = "compute-1".into();
        assert_eq!(plan.fresh_id("compute-7"), "compute-2");
    }
}
