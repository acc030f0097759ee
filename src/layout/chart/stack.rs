//! Stacking spans into rows, and merging them into stretches of time.

use crate::model::Month;

/// Rows of half-open spans, first fit; zoom-independent so rows never jump while zooming.
pub(super) struct Stack {
    /// Row of each span.
    pub(super) row: Vec<usize>,
    /// Start of the next span in the same row, if any.
    pub(super) next: Vec<Option<i64>>,
    /// Number of rows used.
    pub(super) rows: usize,
}

/// Stacks spans (`start`, `end`, half-open) into rows so that no two in a row overlap.
pub(super) fn stack(spans: &[(i64, i64)]) -> Stack {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| (spans[i].0, spans[i].1, i));
    let mut rows = Rows::with_room(spans.len());
    let mut row_last: Vec<usize> = Vec::new();
    let mut row = vec![0; spans.len()];
    let mut next = vec![None; spans.len()];
    for i in order {
        let (start, end) = spans[i];
        let r = rows.first_free_at(start);
        if r == row_last.len() {
            row_last.push(usize::MAX);
        }
        if let Some(prev) = next.get_mut(row_last[r]) {
            *prev = Some(start);
        }
        rows.set_end(r, end.max(start + 1));
        row_last[r] = i;
        row[i] = r;
    }
    Stack {
        row,
        next,
        rows: row_last.len(),
    }
}

/// Where each row ends, as a tree of minimums: the first row free at a month is found in
/// a few steps rather than by looking at every row (a lane of 1,000 bars has 150 rows).
struct Rows {
    /// Leaves from `leaves`: the end of each row (`i64::MAX` while the row is unused, as
    /// no span ends after it); inner node `k` holds the least end of nodes `2k` and `2k + 1`.
    min_end: Vec<i64>,
    leaves: usize,
    /// How many rows hold a span (they come first).
    used: usize,
}

impl Rows {
    /// Room for `rows` rows, none used yet.
    fn with_room(rows: usize) -> Rows {
        let leaves = rows.max(1).next_power_of_two();
        Rows {
            min_end: vec![i64::MAX; 2 * leaves],
            leaves,
            used: 0,
        }
    }

    /// The first row whose last span ends by `start`: a used one, else the next unused one.
    fn first_free_at(&self, start: i64) -> usize {
        if self.min_end[1] > start {
            return self.used;
        }
        let mut k = 1;
        while k < self.leaves {
            k = if self.min_end[2 * k] <= start {
                2 * k
            } else {
                2 * k + 1
            };
        }
        k - self.leaves
    }

    /// Row `row` now ends at `end`.
    fn set_end(&mut self, row: usize, end: i64) {
        self.used = self.used.max(row + 1);
        let mut k = row + self.leaves;
        self.min_end[k] = end;
        while k > 1 {
            k /= 2;
            self.min_end[k] = self.min_end[2 * k].min(self.min_end[2 * k + 1]);
        }
    }
}

/// The stretches of time covered by any of `spans` (start, exclusive end), in order.
pub(super) fn merged_spans(spans: impl Iterator<Item = (Month, Month)>) -> Vec<(Month, Month)> {
    let mut spans: Vec<(Month, Month)> = spans.collect();
    spans.sort();
    let mut out: Vec<(Month, Month)> = Vec::new();
    for (from, to) in spans {
        match out.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => out.push((from, to)),
        }
    }
    out
}

/// A milestone placed in a row of its lane, with how far right its label may reach.
pub(super) struct Placed {
    pub(super) index: usize,
    pub(super) row: usize,
    pub(super) limit: f32,
}
