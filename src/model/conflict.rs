//! A conflict a three-way merge left for a planner: one field both sides changed differently.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What a conflict is about: the plan itself or one kind of item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ConflictKind {
    /// A field of the plan itself (title, owner, notes, currency, horizon).
    Plan,
    /// A swimlane.
    Layer,
    /// An external dependency.
    Dependency,
    /// An investment bar.
    Investment,
    /// A milestone diamond.
    Milestone,
    /// A saved presentation stop (named by its title).
    Stop,
}

impl ConflictKind {
    /// The word for it, e.g. "investment".
    pub fn noun(self) -> &'static str {
        match self {
            ConflictKind::Plan => "plan",
            ConflictKind::Layer => "layer",
            ConflictKind::Dependency => "dependency",
            ConflictKind::Investment => "investment",
            ConflictKind::Milestone => "milestone",
            ConflictKind::Stop => "stop",
        }
    }
}

/// One field that both sides of a merge changed to different values; the plan holds ours.
///
/// Values are text: a text field as it is, any other value as compact JSON (`2028-06`,
/// `450000000`, `Licensed`, `["a","b"]`). A whole item (`field` empty: deleted on one side,
/// changed on the other) is its RON, or empty where it was deleted.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// The plan or the kind of item.
    pub kind: ConflictKind,
    /// The item's id (a stop's title; empty for the plan).
    pub id: String,
    /// The field, e.g. "end" or "horizon.start"; empty for the whole item.
    pub field: String,
    /// The value both sides started from (empty when both added the item).
    #[serde(default)]
    pub base: String,
    /// Our value: the one the plan holds until the conflict is resolved.
    #[serde(default)]
    pub ours: String,
    /// Their value.
    #[serde(default)]
    pub theirs: String,
}

impl Conflict {
    /// Whether the conflict is about a whole item deleted on one side and changed on the other.
    pub fn is_whole_item(&self) -> bool {
        self.field.is_empty()
    }
}

impl fmt::Display for Conflict {
    /// "investment cluster-1: end", "plan: title", "milestone m1: deleted on one side".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match (self.kind, self.id.as_str()) {
            (ConflictKind::Plan, _) => "plan".to_owned(),
            (kind, id) => format!("{} {id}", kind.noun()),
        };
        match (self.field.as_str(), self.ours.is_empty()) {
            ("", true) => write!(f, "{what}: deleted by us, changed by them"),
            ("", false) => write!(f, "{what}: changed by us, deleted by them"),
            (field, _) => write!(f, "{what}: {field}"),
        }
    }
}
