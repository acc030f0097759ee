//! What a difference between two plans means: retirements, trades, exposure, budget and the
//! milestones whose date or critical path moved, from both plans' analyses.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::fields::Kind;
use super::{ItemDiff, signed_months_between};
use crate::analysis::{Analysis, DependencySpan, Trade};
use crate::model::{Month, Roadmap};

/// How a dependency's retirement moved from plan A to plan B.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shift {
    /// Retired in both, earlier in B.
    Earlier,
    /// Retired in both, later in B.
    Later,
    /// Retired in A, never in B.
    NoLonger,
    /// Retired in B, never in A.
    Newly,
}

/// A dependency in both plans whose retirement differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Retirement {
    /// The dependency's id.
    pub dependency: String,
    /// How it moved.
    pub shift: Shift,
    /// The month A retires it, if it does.
    pub a: Option<Month>,
    /// The month B retires it, if it does.
    pub b: Option<Month>,
    /// Months from A's retirement to B's, when both retire it.
    pub months: Option<i32>,
    /// The milestone that retires it in A.
    pub by_a: Option<String>,
    /// The milestone that retires it in B.
    pub by_b: Option<String>,
}

/// Trades only one of the plans makes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TradeChanges {
    /// Trades B makes and A does not.
    pub gained: Vec<Trade>,
    /// Trades A makes and B does not.
    pub lost: Vec<Trade>,
}

/// The total exposure of both plans at one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ExposurePoint {
    /// The month.
    pub month: Month,
    /// Plan A's total exposure.
    pub a: u32,
    /// Plan B's total exposure.
    pub b: u32,
    /// B minus A.
    pub difference: i64,
}

/// Both exposure curves summed up over the months both horizons cover together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExposureComparison {
    /// First month counted (the earlier horizon start).
    pub from: Month,
    /// Last month counted (the later horizon end).
    pub to: Month,
    /// Exposure at `from`.
    pub start: ExposurePoint,
    /// Exposure at the chosen dates.
    pub at: Vec<ExposurePoint>,
    /// Exposure at `to`.
    pub end: ExposurePoint,
    /// Plan A's exposure-months: its exposure summed over every month `from..=to`.
    pub months_a: u64,
    /// Plan B's exposure-months.
    pub months_b: u64,
    /// B minus A, in exposure-months.
    pub difference: i64,
}

/// An amount in both plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Amounts {
    /// In plan A.
    pub a: u64,
    /// In plan B.
    pub b: u64,
    /// B minus A; `None` when the plans count in different currencies (never converted).
    pub difference: Option<i128>,
}

impl Amounts {
    fn new(a: u64, b: u64, comparable: bool) -> Amounts {
        Amounts {
            a,
            b,
            difference: comparable.then(|| i128::from(b) - i128::from(a)),
        }
    }
}

/// The budget of one layer in both plans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LayerBudget {
    /// The layer's id.
    pub layer: String,
    /// Its budget over all years.
    #[serde(flatten)]
    pub amounts: Amounts,
}

/// The budget of one calendar year in both plans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearBudget {
    /// The year.
    pub year: i32,
    /// Its budget over all layers.
    #[serde(flatten)]
    pub amounts: Amounts,
}

/// Both budgets, in total, per layer and per year (never converted between currencies).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BudgetComparison {
    /// Every investment's budget summed.
    pub total: Amounts,
    /// Per layer: A's layers in order, then layers only B has.
    pub by_layer: Vec<LayerBudget>,
    /// Per year, every year either plan spends in.
    pub by_year: Vec<YearBudget>,
}

/// Why a milestone moved or its critical path changed: an edit to it or to its chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cause {
    /// The item edited.
    pub id: String,
    /// The edit, e.g. "end +6 months" or "needs +x".
    pub edit: String,
}

/// A milestone in both plans whose month or critical path differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MovedMilestone {
    /// The milestone's id.
    pub milestone: String,
    /// Its month in A.
    pub a: Month,
    /// Its month in B.
    pub b: Month,
    /// Months from A's date to B's.
    pub months: i32,
    /// Its critical path in A, earliest first, ending with itself.
    pub path_a: Vec<String>,
    /// Its critical path in B.
    pub path_b: Vec<String>,
    /// The edits on its chain that explain the move (or the path change).
    pub causes: Vec<Cause>,
}

/// Every planning consequence of the differences between A and B.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Consequences {
    /// Dependencies retired earlier, later, no longer or newly.
    pub retirements: Vec<Retirement>,
    /// Trades gained and lost.
    pub trades: TradeChanges,
    /// Both exposure curves.
    pub exposure: ExposureComparison,
    /// Both budgets.
    pub budget: BudgetComparison,
    /// Milestones whose date or critical path moved, and why.
    pub milestones: Vec<MovedMilestone>,
}

/// The two plans with their analyses.
pub(super) struct Pair<'p> {
    pub a: &'p Roadmap,
    pub b: &'p Roadmap,
    pub analysis_a: &'p Analysis,
    pub analysis_b: &'p Analysis,
}

/// Retirements of dependencies present in both plans (first of each id), in A's order.
pub(super) fn retirements(pair: &Pair<'_>) -> Vec<Retirement> {
    let spans_b: HashMap<&str, &DependencySpan> = first_by_id(pair.analysis_b.spans());
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    for span_a in pair.analysis_a.spans() {
        if !seen.insert(span_a.dependency.as_str()) {
            continue;
        }
        let Some(span_b) = spans_b.get(span_a.dependency.as_str()) else {
            continue;
        };
        let (a, b) = (span_a.until, span_b.until);
        let shift = match (a, b) {
            (Some(x), Some(y)) if y < x => Shift::Earlier,
            (Some(x), Some(y)) if y > x => Shift::Later,
            (Some(_), None) => Shift::NoLonger,
            (None, Some(_)) => Shift::Newly,
            _ => continue,
        };
        found.push(Retirement {
            dependency: span_a.dependency.clone(),
            shift,
            a,
            b,
            months: a.zip(b).map(|(x, y)| x.months_until(y)),
            by_a: span_a.removed_by.clone(),
            by_b: span_b.removed_by.clone(),
        });
    }
    found
}

fn first_by_id(spans: &[DependencySpan]) -> HashMap<&str, &DependencySpan> {
    let mut map = HashMap::with_capacity(spans.len());
    for span in spans {
        map.entry(span.dependency.as_str()).or_insert(span);
    }
    map
}

/// Trades one plan makes and the other does not.
pub(super) fn trade_changes(pair: &Pair<'_>) -> TradeChanges {
    let in_a: HashSet<&Trade> = pair.analysis_a.trades().iter().collect();
    let in_b: HashSet<&Trade> = pair.analysis_b.trades().iter().collect();
    TradeChanges {
        gained: pair
            .analysis_b
            .trades()
            .iter()
            .filter(|t| !in_a.contains(t))
            .cloned()
            .collect(),
        lost: pair
            .analysis_a
            .trades()
            .iter()
            .filter(|t| !in_b.contains(t))
            .cloned()
            .collect(),
    }
}

/// Both exposure curves over the union of the horizons, at its ends and at `at`.
pub(super) fn exposure(pair: &Pair<'_>, at: &[Month]) -> ExposureComparison {
    let (ha, hb) = (pair.a.horizon, pair.b.horizon);
    let from = ha.start.min(hb.start);
    let to = ha.end.max(hb.end).max(from);
    let point = |month: Month| {
        let a = pair.analysis_a.exposure_at(month).total;
        let b = pair.analysis_b.exposure_at(month).total;
        ExposurePoint {
            month,
            a,
            b,
            difference: i64::from(b) - i64::from(a),
        }
    };
    let area = |analysis: &Analysis| {
        (0..=from.months_until(to))
            .map(|i| u64::from(total_at(analysis, from.plus(i))))
            .sum::<u64>()
    };
    let (months_a, months_b) = (area(pair.analysis_a), area(pair.analysis_b));
    ExposureComparison {
        from,
        to,
        start: point(from),
        at: at.iter().map(|&m| point(m)).collect(),
        end: point(to),
        months_a,
        months_b,
        difference: months_b as i64 - months_a as i64,
    }
}

/// The total exposure at `month`, from the series inside the horizon.
fn total_at(analysis: &Analysis, month: Month) -> u32 {
    let series = analysis.exposure_series();
    let inside = series
        .first()
        .and_then(|first| usize::try_from(first.month.months_until(month)).ok())
        .and_then(|offset| series.get(offset));
    match inside {
        Some(e) => e.total,
        None => analysis.exposure_at(month).total,
    }
}

/// Both budgets per layer, per year and in total.
pub(super) fn budget(pair: &Pair<'_>) -> BudgetComparison {
    let (ta, tb) = (pair.analysis_a.budget(), pair.analysis_b.budget());
    let comparable = pair.a.currency == pair.b.currency;
    let row_sum = |values: &[u64]| values.iter().fold(0u64, |s, v| s.saturating_add(*v));
    let mut layers: Vec<&str> = ta.rows.iter().map(|(id, _)| id.as_str()).collect();
    for (id, _) in &tb.rows {
        if !layers.contains(&id.as_str()) {
            layers.push(id);
        }
    }
    let layer_total = |table: &crate::analysis::BudgetTable, id: &str| {
        table
            .rows
            .iter()
            .find(|(row, _)| row == id)
            .map_or(0, |(_, values)| row_sum(values))
    };
    let by_layer = layers
        .iter()
        .map(|&id| LayerBudget {
            layer: id.to_owned(),
            amounts: Amounts::new(layer_total(ta, id), layer_total(tb, id), comparable),
        })
        .collect();
    let year_total = |table: &crate::analysis::BudgetTable, year: i32| {
        table
            .years
            .iter()
            .position(|&y| y == year)
            .and_then(|c| table.year_totals.get(c).copied())
            .unwrap_or(0)
    };
    let first = ta.years.first().into_iter().chain(tb.years.first()).min();
    let last = ta.years.last().into_iter().chain(tb.years.last()).max();
    let years = match (first, last) {
        (Some(&f), Some(&l)) => (f..=l).collect(),
        _ => Vec::new(),
    };
    let by_year = years
        .into_iter()
        .map(|year| YearBudget {
            year,
            amounts: Amounts::new(year_total(ta, year), year_total(tb, year), comparable),
        })
        .filter(|y| y.amounts.a != 0 || y.amounts.b != 0)
        .collect();
    BudgetComparison {
        total: Amounts::new(ta.total, tb.total, comparable),
        by_layer,
        by_year,
    }
}

/// Milestones in both plans whose month or critical path differs, with the edits on their
/// chains that explain it.
pub(super) fn moved_milestones(pair: &Pair<'_>, items: &[ItemDiff]) -> Vec<MovedMilestone> {
    let diffs: HashMap<(&str, bool), &ItemDiff> = items
        .iter()
        .filter(|d| matches!(d.kind, Kind::Investment | Kind::Milestone))
        .map(|d| ((d.id.as_str(), d.kind == Kind::Milestone), d))
        .collect();
    let months_b: HashMap<&str, Month> = first_months(pair.b);
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    for milestone in &pair.a.milestones {
        let id = milestone.id.as_str();
        if !seen.insert(id) {
            continue;
        }
        let Some(&b) = months_b.get(id) else {
            continue;
        };
        let path_a = pair.analysis_a.critical_path(id);
        let path_b = pair.analysis_b.critical_path(id);
        if milestone.month == b && path_a == path_b {
            continue;
        }
        let causes = causes(id, path_a, path_b, &diffs);
        found.push(MovedMilestone {
            milestone: id.to_owned(),
            a: milestone.month,
            b,
            months: milestone.month.months_until(b),
            path_a: path_a.to_vec(),
            path_b: path_b.to_vec(),
            causes,
        });
    }
    found
}

fn first_months(plan: &Roadmap) -> HashMap<&str, Month> {
    let mut map = HashMap::with_capacity(plan.milestones.len());
    for m in &plan.milestones {
        map.entry(m.id.as_str()).or_insert(m.month);
    }
    map
}

/// The fields that fix a date: an investment's end and `after`, a milestone's month and
/// `needs`.
const DATE_FIELDS: [&str; 4] = ["end", "after", "month", "needs"];

/// The edits on either critical path (the milestone's own first) that fix its date.
fn causes(
    milestone: &str,
    path_a: &[String],
    path_b: &[String],
    diffs: &HashMap<(&str, bool), &ItemDiff>,
) -> Vec<Cause> {
    let mut on_chain: Vec<&str> = vec![milestone];
    for id in path_b.iter().rev().chain(path_a.iter().rev()) {
        if !on_chain.contains(&id.as_str()) {
            on_chain.push(id);
        }
    }
    let mut causes = Vec::new();
    for id in on_chain {
        let is_self = id == milestone;
        let diff = if is_self {
            diffs.get(&(id, true))
        } else {
            diffs.get(&(id, false)).or_else(|| diffs.get(&(id, true)))
        };
        let Some(diff) = diff else { continue };
        match diff.change {
            super::Change::Added => causes.push(Cause {
                id: id.to_owned(),
                edit: "added".to_owned(),
            }),
            super::Change::Removed => causes.push(Cause {
                id: id.to_owned(),
                edit: "removed".to_owned(),
            }),
            super::Change::Changed => {
                for change in &diff.fields {
                    let own_month = is_self && change.field == "month";
                    if DATE_FIELDS.contains(&change.field) && !own_month {
                        causes.push(Cause {
                            id: id.to_owned(),
                            edit: change.describe(""),
                        });
                    }
                }
            }
        }
    }
    if causes.is_empty()
        && let Some(change) = diffs
            .get(&(milestone, true))
            .and_then(|d| d.fields.iter().find(|c| c.field == "month"))
    {
        causes.push(Cause {
            id: milestone.to_owned(),
            edit: format!(
                "month edited directly ({})",
                signed_months_between(&change.a, &change.b)
            ),
        });
    }
    causes
}
