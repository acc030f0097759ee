//! The kinds of finding, each with the short stable code the command line prints.

use std::fmt;

/// What a finding is about; its code (`Code::UnknownId.as_str()` is "unknown-id") is shown by
/// the command line and stays stable so that scripts can match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// A dependency is assessed at a level outside 0–4.
    AssessmentLevel,
    /// A dependency's criticality is outside 1–5.
    Criticality,
    /// Items wait on each other in a circle.
    Cycle,
    /// Two items share an id.
    DuplicateId,
    /// An item has an empty id.
    EmptyId,
    /// A layer holds no item.
    EmptyLayer,
    /// The plan or an item has no title (or name).
    EmptyTitle,
    /// The horizon, an investment or a stop ends before it starts.
    EndBeforeStart,
    /// A merge left a conflict in the plan.
    MergeConflict,
    /// A milestone is dated before something it needs finishes.
    NeedsNotDone,
    /// A dependency is never removed.
    NeverRemoved,
    /// An item lies outside the plan's horizon.
    OutsideHorizon,
    /// A milestone removes a critical dependency without evidence that it will.
    RemovalWithoutEvidence,
    /// A milestone removes a dependency before it is introduced.
    RemovedBeforeIntroduced,
    /// An investment starts before something in its `after` finishes.
    StartsBeforeAfter,
    /// A milestone removes one dependency but introduces another in the same layer.
    Trade,
    /// A reference names no item.
    UnknownId,
    /// A dependency has no jurisdiction.
    UnknownJurisdiction,
    /// A reference names an item of the wrong kind.
    WrongKind,
}

impl Code {
    /// The short stable code, as the command line prints it ("unknown-id").
    pub fn as_str(self) -> &'static str {
        match self {
            Code::AssessmentLevel => "assessment-level",
            Code::Criticality => "criticality",
            Code::Cycle => "cycle",
            Code::DuplicateId => "duplicate-id",
            Code::EmptyId => "empty-id",
            Code::EmptyLayer => "empty-layer",
            Code::EmptyTitle => "empty-title",
            Code::EndBeforeStart => "end-before-start",
            Code::MergeConflict => "merge-conflict",
            Code::NeedsNotDone => "needs-not-done",
            Code::NeverRemoved => "never-removed",
            Code::OutsideHorizon => "outside-horizon",
            Code::RemovalWithoutEvidence => "removal-without-evidence",
            Code::RemovedBeforeIntroduced => "removed-before-introduced",
            Code::StartsBeforeAfter => "starts-before-after",
            Code::Trade => "trade",
            Code::UnknownId => "unknown-id",
            Code::UnknownJurisdiction => "unknown-jurisdiction",
            Code::WrongKind => "wrong-kind",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
