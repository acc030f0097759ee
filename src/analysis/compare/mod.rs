//! Two plans compared: items matched by id, changed fields in their units, and the planning
//! consequences (retirements, trades, exposure, budget, moved milestones) from both analyses.
//!
//! [`matching`] and [`fields`] are the parts the three-way merge reuses: a generic match of
//! items by id, and each kind of item as a list of (field name, value).

mod consequences;
pub mod fields;
pub mod matching;
mod words;

use serde::Serialize;

pub use consequences::{
    Amounts, BudgetComparison, Cause, Consequences, ExposureComparison, ExposurePoint, LayerBudget,
    MovedMilestone, Retirement, Shift, TradeChanges, YearBudget,
};
pub use fields::{FieldChange, Item, Kind, Value, changed_fields, signed_months};
pub use matching::{Duplicate, Matching, Side, match_by_id};
pub use words::{Line, Section};

use crate::analysis::Analysis;
use crate::model::{Horizon, Month, Roadmap};
use consequences::Pair;

/// Whether an item was added, removed or changed from plan A to plan B.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// Only in B.
    Added,
    /// Only in A.
    Removed,
    /// In both, with different fields.
    Changed,
}

/// One item that differs between the plans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemDiff {
    /// Its kind.
    pub kind: Kind,
    /// Its id (a stop's title).
    pub id: String,
    /// Its title or name (B's, or A's when removed).
    pub title: String,
    /// Added, removed or changed.
    pub change: Change,
    /// The fields that differ (empty when added or removed).
    pub fields: Vec<FieldChange>,
}

/// Something to know before reading the differences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "notice", rename_all = "snake_case")]
pub enum Notice {
    /// The plans count money in different currencies; nothing is converted.
    DifferentCurrencies {
        /// A's currency.
        a: String,
        /// B's currency.
        b: String,
    },
    /// The plans show different months; exposure is compared over both together.
    DifferentHorizons {
        /// A's horizon.
        a: Horizon,
        /// B's horizon.
        b: Horizon,
    },
    /// An id used by several items of one kind: they are matched in order.
    DuplicateId {
        /// The kind of item.
        kind: Kind,
        /// The duplicate.
        #[serde(flatten)]
        duplicate: Duplicate,
    },
}

/// Everything that differs between two plans, and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// Plan-level fields that differ (title, owner, notes, currency, horizon, layer order).
    pub plan: Vec<FieldChange>,
    /// Different currencies or horizons, duplicate ids.
    pub notices: Vec<Notice>,
    /// Items added, removed or changed: by kind, A's order, then B's additions.
    pub items: Vec<ItemDiff>,
    /// Retirements, trades, exposure, budget and moved milestones.
    pub consequences: Consequences,
    /// A's currency.
    pub currency_a: String,
    /// B's currency (amounts are never converted between the two).
    pub currency_b: String,
}

/// What to compare besides the fixed figures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Months at which to compare exposure; empty means each January inside the horizons.
    pub at: Vec<Month>,
}

impl Comparison {
    /// Whether the plans are the same in every field of every item.
    pub fn is_same(&self) -> bool {
        self.plan.is_empty() && self.items.is_empty()
    }

    /// The items that differ of one kind.
    pub fn items_of(&self, kind: Kind) -> impl Iterator<Item = &ItemDiff> {
        self.items.iter().filter(move |d| d.kind == kind)
    }
}

/// Compares plan `a` with plan `b`, analysing both.
pub fn compare(a: &Roadmap, b: &Roadmap, options: &Options) -> Comparison {
    let (analysis_a, analysis_b) = (Analysis::of(a), Analysis::of(b));
    compare_with(a, &analysis_a, b, &analysis_b, options)
}

/// Compares plan `a` with plan `b` using analyses already made of them.
pub fn compare_with(
    a: &Roadmap,
    analysis_a: &Analysis,
    b: &Roadmap,
    analysis_b: &Analysis,
    options: &Options,
) -> Comparison {
    let mut notices = Vec::new();
    if a.currency != b.currency {
        notices.push(Notice::DifferentCurrencies {
            a: a.currency.clone(),
            b: b.currency.clone(),
        });
    }
    if a.horizon != b.horizon {
        notices.push(Notice::DifferentHorizons {
            a: a.horizon,
            b: b.horizon,
        });
    }
    let mut items = Vec::new();
    diff_kind(&a.layers, &b.layers, &mut items, &mut notices);
    diff_kind(&a.dependencies, &b.dependencies, &mut items, &mut notices);
    diff_kind(&a.investments, &b.investments, &mut items, &mut notices);
    diff_kind(&a.milestones, &b.milestones, &mut items, &mut notices);
    diff_kind(&a.stops, &b.stops, &mut items, &mut notices);
    let pair = Pair {
        a,
        b,
        analysis_a,
        analysis_b,
    };
    let at = if options.at.is_empty() {
        januaries(a.horizon, b.horizon)
    } else {
        options.at.clone()
    };
    let consequences = Consequences {
        retirements: consequences::retirements(&pair),
        trades: consequences::trade_changes(&pair),
        exposure: consequences::exposure(&pair, &at),
        budget: consequences::budget(&pair),
        milestones: consequences::moved_milestones(&pair, &items),
    };
    Comparison {
        plan: plan_changes(a, b),
        notices,
        items,
        consequences,
        currency_a: a.currency.clone(),
        currency_b: b.currency.clone(),
    }
}

/// Items of one kind matched by id: removed and changed in A's order, then added ones.
fn diff_kind<T: Item + PartialEq>(
    a: &[T],
    b: &[T],
    items: &mut Vec<ItemDiff>,
    notices: &mut Vec<Notice>,
) {
    let matching = match_by_id(a, b, T::key);
    notices.extend(
        matching
            .duplicates
            .iter()
            .map(|duplicate| Notice::DuplicateId {
                kind: T::KIND,
                duplicate: duplicate.clone(),
            }),
    );
    let diff = |item: &T, change, fields| ItemDiff {
        kind: T::KIND,
        id: item.key().to_owned(),
        title: item.label().to_owned(),
        change,
        fields,
    };
    let mut removed = matching.only_a.iter().peekable();
    for &(i, j) in &matching.pairs {
        while let Some(&&r) = removed.peek() {
            if r > i {
                break;
            }
            removed.next();
            if let Some(item) = a.get(r) {
                items.push(diff(item, Change::Removed, Vec::new()));
            }
        }
        let (Some(x), Some(y)) = (a.get(i), b.get(j)) else {
            continue;
        };
        if x != y {
            let fields = changed_fields(x.fields(), y.fields());
            if !fields.is_empty() {
                items.push(diff(y, Change::Changed, fields));
            }
        }
    }
    for &r in removed {
        if let Some(item) = a.get(r) {
            items.push(diff(item, Change::Removed, Vec::new()));
        }
    }
    for &j in &matching.only_b {
        if let Some(item) = b.get(j) {
            items.push(diff(item, Change::Added, Vec::new()));
        }
    }
}

/// Plan-level fields that differ, and the order of the layers both plans have.
fn plan_changes(a: &Roadmap, b: &Roadmap) -> Vec<FieldChange> {
    let fields = |p: &Roadmap| {
        vec![
            ("title", Value::Text(p.title.clone())),
            ("owner", Value::Text(p.owner.clone())),
            ("notes", Value::Text(p.notes.clone())),
            ("currency", Value::Text(p.currency.clone())),
            ("horizon start", Value::Month(p.horizon.start)),
            ("horizon end", Value::Month(p.horizon.end)),
        ]
    };
    let mut changes = changed_fields(fields(a), fields(b));
    let common = |p: &Roadmap, other: &Roadmap| -> Vec<String> {
        p.layers
            .iter()
            .filter(|l| other.layers.iter().any(|o| o.id == l.id))
            .map(|l| l.id.clone())
            .collect()
    };
    let (order_a, order_b) = (common(a, b), common(b, a));
    if order_a != order_b {
        changes.push(FieldChange {
            field: "layer order",
            a: Value::Ids(order_a),
            b: Value::Ids(order_b),
        });
    }
    changes
}

/// Each January after the first month and up to the last of both horizons together.
fn januaries(a: Horizon, b: Horizon) -> Vec<Month> {
    let from = a.start.min(b.start);
    let to = a.end.max(b.end);
    (from.year() + 1..=to.year())
        .filter_map(|year| Month::new(year, 1))
        .filter(|&m| m <= to)
        .collect()
}

/// "+6 months" between two month values (empty for other values).
fn signed_months_between(a: &Value, b: &Value) -> String {
    match (a, b) {
        (Value::Month(a), Value::Month(b)) => signed_months(a.months_until(*b)),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests;
