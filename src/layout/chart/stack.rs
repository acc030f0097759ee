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
    let mut row_end: Vec<i64> = Vec::new();
    let mut row_last: Vec<usize> = Vec::new();
    let mut row = vec![0; spans.len()];
    let mut next = vec![None; spans.len()];
    for i in order {
        let (start, end) = spans[i];
        let r = match row_end.iter().position(|&e| e <= start) {
            Some(r) => r,
            None => {
                row_end.push(i64::MIN);
                row_last.push(usize::MAX);
                row_end.len() - 1
            }
        };
        if let Some(prev) = next.get_mut(row_last[r]) {
            *prev = Some(start);
        }
        row_end[r] = end.max(start + 1);
        row_last[r] = i;
        row[i] = r;
    }
    Stack {
        row,
        next,
        rows: row_end.len(),
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
