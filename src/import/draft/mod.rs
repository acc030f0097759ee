//! What every importer reads a file into (tasks, links and groups as the file has them), and
//! [`build`], which turns it into a roadmap the same way for every format.
//!
//! The mapping: summary tasks are not items; top-level summary tasks become layers (else one
//! layer per value of a group column, else the default layers with everything in the first);
//! other tasks become investments, or milestones when marked so; finish-to-start links
//! become `after` (into an investment) or `needs` (into a milestone); other link types and
//! lags are kept as the same links and listed as approximated; nothing is dropped silently.

use chrono::NaiveDate;

use crate::model::Dependency;

mod build;
mod links;
#[cfg(test)]
mod tests;

pub use build::{build, slug};

use build::Node;
use links::apply_links;

/// A file's content, before it becomes a plan.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// The plan's title (the file name when empty).
    pub title: String,
    /// Who owns the plan (company, author).
    pub owner: String,
    /// Notes about the plan.
    pub notes: String,
    /// Currency code of the costs, e.g. "EUR"; `None` = the default.
    pub currency: Option<String>,
    /// Tasks in file order.
    pub tasks: Vec<Task>,
    /// Links between tasks, by their keys (or references or titles).
    pub links: Vec<Link>,
    /// A dependency register, when the file has one (Stackplan's own CSV tables).
    pub dependencies: Vec<Dependency>,
    /// What the layers come from, for the report, e.g. "the Stream column".
    pub group_source: String,
}

/// What kind of task a row or element is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// Work with a start and an end: an investment.
    #[default]
    Work,
    /// A dated achievement: a milestone.
    Milestone,
    /// A task that only groups others.
    Summary,
}

/// One task, row or element of the source file.
#[derive(Debug, Clone, Default)]
pub struct Task {
    /// The file's own key for it (a UID, a task id, a row's id), used by links.
    pub key: String,
    /// A readable reference to use as the id (an id or ref column), if any.
    pub reference: Option<String>,
    /// Title.
    pub title: String,
    /// How the report names it, e.g. `row 7` or `task "Design"`.
    pub place: String,
    /// Work, milestone or summary.
    pub kind: Kind,
    /// Index of the summary task it belongs to.
    pub parent: Option<usize>,
    /// The value of the column chosen for layers, if any.
    pub group: Option<String>,
    /// First day.
    pub start: Option<NaiveDate>,
    /// Last day.
    pub end: Option<NaiveDate>,
    /// Cost in the file's currency.
    pub cost: Option<f64>,
    /// Who delivers it (resource names, owner column).
    pub owner: String,
    /// Notes.
    pub notes: String,
    /// Ids of dependencies a milestone removes (Stackplan's own tables only).
    pub removes: Vec<String>,
    /// Ids of dependencies a milestone introduces (Stackplan's own tables only).
    pub introduces: Vec<String>,
}

/// How a link ties its two tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinkKind {
    /// The successor starts when the predecessor finishes.
    #[default]
    FinishStart,
    /// The successor starts when the predecessor starts.
    StartStart,
    /// The successor finishes when the predecessor finishes.
    FinishFinish,
    /// The successor finishes when the predecessor starts.
    StartFinish,
}

impl LinkKind {
    fn label(self) -> &'static str {
        match self {
            LinkKind::FinishStart => "finish-to-start",
            LinkKind::StartStart => "start-to-start",
            LinkKind::FinishFinish => "finish-to-finish",
            LinkKind::StartFinish => "start-to-finish",
        }
    }
}

/// A link: `to` depends on `from`.
#[derive(Debug, Clone, Default)]
pub struct Link {
    /// The predecessor's key, reference or title.
    pub from: String,
    /// The successor's key.
    pub to: String,
    /// Link type.
    pub kind: LinkKind,
    /// Lag as the file states it (negative: a lead).
    pub lag: Lag,
}

/// A link's lag in the unit the file states it in; a negative amount is a lead.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Lag {
    /// How much, in `unit`.
    pub amount: f64,
    /// What `amount` counts.
    pub unit: LagUnit,
    /// Counted in calendar time (MS Project's "elapsed" units), not working time.
    pub elapsed: bool,
}

/// What a lag counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LagUnit {
    /// Minutes.
    Minutes,
    /// Hours.
    Hours,
    /// Days.
    #[default]
    Days,
    /// Weeks.
    Weeks,
    /// Months.
    Months,
    /// Per cent of the predecessor's duration.
    Percent,
}

impl Lag {
    /// A lag of `amount` working days.
    pub fn days(amount: f64) -> Lag {
        Lag {
            amount,
            unit: LagUnit::Days,
            elapsed: false,
        }
    }

    /// Whether there is no lag (nothing to report).
    pub fn is_zero(self) -> bool {
        self.amount.abs() < 0.005 || !self.amount.is_finite()
    }

    /// The lag in words, exactly as the file states it: "a lag of 2 weeks", "a lead of 3
    /// elapsed days", "a lag of 50% of the predecessor's duration"; `None` when there is none.
    pub fn describe(self) -> Option<String> {
        if self.is_zero() {
            return None;
        }
        let word = if self.amount < 0.0 { "lead" } else { "lag" };
        let amount = (self.amount.abs() * 100.0).round() / 100.0;
        let elapsed = if self.elapsed { "elapsed " } else { "" };
        let what = if self.unit == LagUnit::Percent {
            format!("{amount}% of the predecessor's {elapsed}duration")
        } else {
            let (one, many) = match self.unit {
                LagUnit::Minutes => ("minute", "minutes"),
                LagUnit::Hours => ("hour", "hours"),
                LagUnit::Days | LagUnit::Percent => ("day", "days"),
                LagUnit::Weeks => ("week", "weeks"),
                LagUnit::Months => ("month", "months"),
            };
            let unit = if amount == 1.0 { one } else { many };
            format!("{amount} {elapsed}{unit}")
        };
        Some(format!("a {word} of {what}"))
    }
}
