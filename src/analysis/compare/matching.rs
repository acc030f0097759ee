//! Items of two plans paired by id: the matching shared by the comparison and the merge.

use std::collections::HashMap;

use serde::Serialize;

/// Which of the two plans compared (`a` is the old or first one, `b` the new or second one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The first plan (the old version, or the path compared against).
    A,
    /// The second plan (the new version, or the path compared with).
    B,
}

/// An id that more than one item of one kind uses in one plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    /// The id.
    pub id: String,
    /// The plan it is duplicated in.
    pub side: Side,
    /// How many items use it.
    pub count: usize,
}

/// Positions of two lists' items paired by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matching {
    /// (position in `a`, position in `b`) of items with the same id, in `a`'s order.
    pub pairs: Vec<(usize, usize)>,
    /// Positions in `a` with no partner in `b` (removed), in order.
    pub only_a: Vec<usize>,
    /// Positions in `b` with no partner in `a` (added), in order.
    pub only_b: Vec<usize>,
    /// Ids used by more than one item in either list, `a`'s first.
    pub duplicates: Vec<Duplicate>,
}

/// Pairs the items of `a` with those of `b` by `key`.
///
/// The n-th item with an id in `a` pairs with the n-th item with that id in `b`, so duplicated
/// ids still match as far as they can; every duplicated id is reported.
pub fn match_by_id<T>(a: &[T], b: &[T], key: impl Fn(&T) -> &str) -> Matching {
    let mut in_b: HashMap<&str, Vec<usize>> = HashMap::with_capacity(b.len());
    for (j, item) in b.iter().enumerate() {
        in_b.entry(key(item)).or_default().push(j);
    }
    let mut taken = vec![false; b.len()];
    let mut seen_in_a: HashMap<&str, usize> = HashMap::with_capacity(a.len());
    let mut matching = Matching::default();
    for (i, item) in a.iter().enumerate() {
        let id = key(item);
        let nth = seen_in_a.entry(id).or_insert(0);
        let partner = in_b.get(id).and_then(|list| list.get(*nth)).copied();
        *nth += 1;
        match partner {
            Some(j) => {
                matching.pairs.push((i, j));
                if let Some(t) = taken.get_mut(j) {
                    *t = true;
                }
            }
            None => matching.only_a.push(i),
        }
    }
    matching.only_b = (0..b.len()).filter(|&j| !taken[j]).collect();
    matching.duplicates = duplicates(a, &key, Side::A);
    matching.duplicates.extend(duplicates(b, &key, Side::B));
    matching
}

/// Ids used more than once in `items`, in order of first use.
fn duplicates<T>(items: &[T], key: &impl Fn(&T) -> &str, side: Side) -> Vec<Duplicate> {
    let mut counts: HashMap<&str, usize> = HashMap::with_capacity(items.len());
    for item in items {
        *counts.entry(key(item)).or_insert(0) += 1;
    }
    let mut found = Vec::new();
    for item in items {
        let id = key(item);
        if let Some(count) = counts.remove(id).filter(|&c| c > 1) {
            found.push(Duplicate {
                id: id.to_owned(),
                side,
                count,
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(a: &[&str], b: &[&str]) -> Matching {
        match_by_id(a, b, |s| s)
    }

    #[test]
    fn same_ids_pair_up_whatever_their_order() {
        let m = run(&["x", "y", "z"], &["z", "x", "y"]);
        assert_eq!(m.pairs, [(0, 1), (1, 2), (2, 0)]);
        assert!(m.only_a.is_empty() && m.only_b.is_empty());
    }

    #[test]
    fn ids_on_one_side_only_are_removed_or_added() {
        let m = run(&["x", "gone"], &["new", "x"]);
        assert_eq!(m.pairs, [(0, 1)]);
        assert_eq!(m.only_a, [1]);
        assert_eq!(m.only_b, [0]);
    }

    #[test]
    fn duplicates_pair_in_order_and_are_reported() {
        // a: x twice; b: x three times → two pairs, the third x in b is added.
        let m = run(&["x", "y", "x"], &["x", "x", "x"]);
        assert_eq!(m.pairs, [(0, 0), (2, 1)]);
        assert_eq!(m.only_a, [1]);
        assert_eq!(m.only_b, [2]);
        assert_eq!(
            m.duplicates,
            [
                Duplicate {
                    id: "x".into(),
                    side: Side::A,
                    count: 2
                },
                Duplicate {
                    id: "x".into(),
                    side: Side::B,
                    count: 3
                },
            ]
        );
    }
}
