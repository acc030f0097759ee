//! Budget per layer per year, each investment spread evenly over its months.

use std::collections::HashMap;

use crate::model::{Investment, Roadmap};

/// Budget per layer (rows) per calendar year (columns).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BudgetTable {
    /// The years, consecutive: the horizon's, widened to cover every investment.
    pub years: Vec<i32>,
    /// One row per layer in plan order, then one per unknown layer id an investment names
    /// (first use order): the layer id and its budget in each year of `years`.
    pub rows: Vec<(String, Vec<u64>)>,
    /// Budget of all layers in each year.
    pub year_totals: Vec<u64>,
    /// Budget of the whole plan: the sum of every investment's budget.
    pub total: u64,
}

impl BudgetTable {
    /// The budget of `layer` in `year`, 0 when either is not in the table.
    pub fn get(&self, layer: &str, year: i32) -> u64 {
        let Some(column) = self.years.iter().position(|&y| y == year) else {
            return 0;
        };
        self.rows
            .iter()
            .find(|(id, _)| id == layer)
            .and_then(|(_, values)| values.get(column).copied())
            .unwrap_or(0)
    }
}

/// Budget per layer per year.
///
/// An investment of budget B over n months gets B / n per month, and the remainder B mod n
/// goes one unit each to its *earliest* months, so every investment's yearly shares add up
/// to exactly B. A month range that ends before it starts counts as its start month only.
/// Sums saturate at `u64::MAX` instead of overflowing.
pub fn budget_by_layer_year(plan: &Roadmap) -> BudgetTable {
    table_of(plan, yearly_shares)
}

/// Budget per layer per year as a report shows it: each investment's yearly shares rounded
/// to round amounts (largest remainder), so every cell reads cleanly and each investment's
/// shares still add up to exactly the budget typed for it.
///
/// The rounding step is the largest power of ten up to 100,000 that divides the budget, so a
/// budget typed in whole millions gets shares in tenths of a million.
pub fn budget_in_round_figures(plan: &Roadmap) -> BudgetTable {
    table_of(plan, rounded_yearly_shares)
}

/// The table of `plan` with each investment's yearly amounts from `shares`.
fn table_of(plan: &Roadmap, shares: fn(&Investment) -> Vec<(i32, u64)>) -> BudgetTable {
    let Some((first, last)) = year_range(plan) else {
        return BudgetTable::default();
    };
    let years: Vec<i32> = (first..=last).collect();
    let mut rows: Vec<(String, Vec<u64>)> = plan
        .layers
        .iter()
        .map(|l| (l.id.clone(), vec![0; years.len()]))
        .collect();
    let mut row_of: HashMap<String, usize> = HashMap::with_capacity(rows.len());
    for (i, (id, _)) in rows.iter().enumerate() {
        row_of.entry(id.clone()).or_insert(i);
    }
    let mut total = 0u64;
    for inv in &plan.investments {
        total = total.saturating_add(inv.budget);
        let row = *row_of.entry(inv.layer.clone()).or_insert_with(|| {
            rows.push((inv.layer.clone(), vec![0; years.len()]));
            rows.len() - 1
        });
        let Some((_, values)) = rows.get_mut(row) else {
            continue;
        };
        for (year, amount) in shares(inv) {
            let column = usize::try_from(year - first).unwrap_or(usize::MAX);
            if let Some(cell) = values.get_mut(column) {
                *cell = cell.saturating_add(amount);
            }
        }
    }
    let year_totals = (0..years.len())
        .map(|c| {
            rows.iter().fold(0u64, |sum, (_, v)| {
                sum.saturating_add(v.get(c).copied().unwrap_or(0))
            })
        })
        .collect();
    BudgetTable {
        years,
        rows,
        year_totals,
        total,
    }
}

/// First and last year of the horizon and of every investment (`None` for an empty plan with
/// an empty horizon).
fn year_range(plan: &Roadmap) -> Option<(i32, i32)> {
    let h = plan.horizon;
    let horizon = (h.start <= h.end).then_some((h.start.year(), h.end.year()));
    let spans = plan
        .investments
        .iter()
        .map(|i| (i.start.year(), i.start.max(i.end).year()));
    horizon
        .into_iter()
        .chain(spans)
        .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)))
}

/// The investment's budget per calendar year it runs in: (year, amount), earliest first.
fn yearly_shares(inv: &Investment) -> Vec<(i32, u64)> {
    let months = u64::try_from(inv.duration_months()).unwrap_or(1).max(1);
    let base = inv.budget / months;
    let extra = inv.budget % months;
    let mut shares = Vec::new();
    let mut offset = 0u64; // months of the investment before the current year
    let mut month = inv.start;
    while offset < months {
        let left_in_year = u64::from(13 - month.month());
        let count = left_in_year.min(months - offset);
        // Months offset..offset+count each get `base`; those below `extra` get one more.
        let bonus = extra.min(offset + count).saturating_sub(offset);
        shares.push((month.year(), base * count + bonus));
        offset += count;
        month = month.plus(i32::try_from(count).unwrap_or(12));
    }
    shares
}

/// Months of the investment in each calendar year it runs in: (year, months), earliest first.
fn months_per_year(inv: &Investment) -> Vec<(i32, u64)> {
    let months = u64::try_from(inv.duration_months()).unwrap_or(1).max(1);
    let mut out = Vec::new();
    let mut offset = 0u64;
    let mut month = inv.start;
    while offset < months {
        let count = u64::from(13 - month.month()).min(months - offset);
        out.push((month.year(), count));
        offset += count;
        month = month.plus(i32::try_from(count).unwrap_or(12));
    }
    out
}

/// The investment's budget per calendar year, in multiples of a round step (see
/// [`budget_in_round_figures`]), adding up to the budget: largest remainder, ties to the
/// earliest year.
fn rounded_yearly_shares(inv: &Investment) -> Vec<(i32, u64)> {
    let years = months_per_year(inv);
    let months: u128 = years
        .iter()
        .map(|&(_, m)| u128::from(m))
        .sum::<u128>()
        .max(1);
    let step = [100_000u64, 10_000, 1_000, 100, 10, 1]
        .into_iter()
        .find(|s| inv.budget.is_multiple_of(*s))
        .unwrap_or(1);
    let units = u128::from(inv.budget / step);
    let mut shares: Vec<(i32, u128, u128)> = years
        .iter()
        .map(|&(year, m)| {
            let exact = units * u128::from(m);
            (year, exact / months, exact % months)
        })
        .collect();
    let given: u128 = shares.iter().map(|s| s.1).sum();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| shares[b].2.cmp(&shares[a].2).then(a.cmp(&b)));
    for &i in order
        .iter()
        .take(usize::try_from(units - given).unwrap_or(0))
    {
        if let Some(share) = shares.get_mut(i) {
            share.1 += 1;
        }
    }
    shares
        .into_iter()
        .map(|(year, n, _)| {
            let amount = u64::try_from(n * u128::from(step)).unwrap_or(u64::MAX);
            (year, amount)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testplan::*;

    #[test]
    fn budget_spreads_evenly_across_years() {
        // 2026-07..2027-06 is 12 months, 1200 → 100 a month: 600 in 2026, 600 in 2027.
        let mut plan = plan();
        plan.investments = vec![inv("a", "compute", "2026-07", "2027-06", 1200, &[]).into()];
        let table = budget_by_layer_year(&plan);
        assert_eq!(table.years, [2026, 2027]);
        assert_eq!(table.get("compute", 2026), 600);
        assert_eq!(table.get("compute", 2027), 600);
    }

    #[test]
    fn remainder_goes_to_the_earliest_months() {
        // 2026-11..2027-03 is 5 months, 12 → 2 a month plus 2 left over, given to Nov and Dec:
        // 2026: 3 + 3 = 6; 2027: 2 + 2 + 2 = 6.
        let mut plan = plan();
        plan.investments = vec![inv("a", "compute", "2026-11", "2027-03", 12, &[]).into()];
        let table = budget_by_layer_year(&plan);
        assert_eq!(table.get("compute", 2026), 6);
        assert_eq!(table.get("compute", 2027), 6);
    }

    #[test]
    fn yearly_totals_add_up_to_the_total_budget() {
        // 7 over 3 months (2026-12..2027-02): Dec 3, Jan 2, Feb 2; 10 over one month in models.
        let mut plan = plan();
        plan.investments = vec![
            inv("a", "compute", "2026-12", "2027-02", 7, &[]).into(),
            inv("b", "models", "2026-05", "2026-05", 10, &[]).into(),
        ];
        let table = budget_by_layer_year(&plan);
        assert_eq!(table.year_totals, [13, 4]);
        assert_eq!(table.total, 17);
        assert_eq!(table.rows[0], ("compute".to_owned(), vec![3, 4]));
        assert_eq!(table.rows[1], ("models".to_owned(), vec![10, 0]));
    }

    #[test]
    fn round_figures_have_no_spreading_artefacts_and_add_up_to_the_typed_budget() {
        // 19,000,000 over 2026-04..2027-12 (21 months): exactly 8,142,857.1 and 10,857,142.9;
        // in tenths of a million by largest remainder: 8,100,000 and 10,900,000.
        let mut plan = plan();
        plan.investments = vec![
            inv("a", "compute", "2026-04", "2027-12", 19_000_000, &[]).into(),
            inv("b", "compute", "2026-01", "2028-12", 1_234_567, &[]).into(),
        ];
        let exact = budget_by_layer_year(&plan);
        assert_eq!(
            exact.get("compute", 2026),
            8_142_858 + 411_528,
            "the even spread"
        );
        let round = budget_in_round_figures(&plan);
        let a = [
            rounded_yearly_shares(&plan.investments[0]),
            rounded_yearly_shares(&plan.investments[1]),
        ];
        assert_eq!(a[0], [(2026, 8_100_000), (2027, 10_900_000)]);
        assert_eq!(a[1], [(2026, 411_523), (2027, 411_522), (2028, 411_522)]);
        assert_eq!(round.total, 19_000_000 + 1_234_567);
        let row: u64 = round.rows[0].1.iter().sum();
        assert_eq!(row, round.total);
        assert_eq!(round.year_totals.iter().sum::<u64>(), round.total);
    }

    #[test]
    fn unknown_layer_gets_its_own_row() {
        let mut plan = plan();
        plan.investments = vec![inv("a", "space", "2026-01", "2026-01", 5, &[]).into()];
        let table = budget_by_layer_year(&plan);
        assert_eq!(table.rows.len(), 3);
        assert_eq!(table.get("space", 2026), 5);
    }

    #[test]
    fn end_before_start_counts_in_the_start_month() {
        let mut plan = plan();
        plan.investments = vec![inv("a", "compute", "2026-05", "2025-01", 9, &[]).into()];
        let table = budget_by_layer_year(&plan);
        assert_eq!(table.years, (2026..=2026).collect::<Vec<_>>());
        assert_eq!(table.get("compute", 2026), 9);
    }

    #[test]
    fn huge_budgets_saturate_instead_of_overflowing() {
        let mut plan = plan();
        plan.investments = vec![
            inv("a", "compute", "2026-01", "2026-12", u64::MAX, &[]).into(),
            inv("b", "compute", "2026-01", "2026-12", u64::MAX, &[]).into(),
        ];
        let table = budget_by_layer_year(&plan);
        assert_eq!(table.total, u64::MAX);
        assert_eq!(table.get("compute", 2026), u64::MAX);
    }
}
