//! Three-way merge of plans (`base`, `ours`, `theirs`): items matched by id, every field merged
//! on its own, lists merged as sets, conflicts kept for a planner, new errors reported.
//!
//! Items are paired with [`compare::match_by_id`](crate::analysis::compare::match_by_id). Fields
//! are merged through each item's serde form, so every field of every kind takes part, present
//! and future: none can be forgotten by a hand-written list.

mod fields;
mod resolve;

pub use fields::value_text;
pub use resolve::{Choice, ResolveError, current_value, resolve};

use std::collections::HashSet;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::analysis::compare::{Item, Kind, match_by_id};
use crate::analysis::{Code, Finding, Severity, checks};
use crate::model::{Conflict, ConflictKind, Horizon, Roadmap};
use fields::FieldConflict;

/// What a merge gives: the plan, the fields both sides changed differently, and the errors
/// the merge made that neither side had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// The merged plan; each conflicting field holds our value, and its `conflicts` list the
    /// conflicts either side still had and this merge's.
    pub plan: Roadmap,
    /// Fields (or whole items) both sides changed in different ways in this merge.
    pub conflicts: Vec<Conflict>,
    /// Errors of the merged plan that neither ours nor theirs had (a cycle, a dangling id…).
    pub problems: Vec<Finding>,
}

impl Merged {
    /// Whether the merge needs no one to decide anything.
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty()
    }
}

/// Merges the changes from `base` to `ours` and from `base` to `theirs`.
pub fn merge(base: &Roadmap, ours: &Roadmap, theirs: &Roadmap) -> Merged {
    let mut conflicts = Vec::new();
    let header = merge_item(
        ConflictKind::Plan,
        "",
        Some(&Header::of(base)),
        &Header::of(ours),
        &Header::of(theirs),
        &mut conflicts,
    );
    let plan = header.with_items(Items {
        layers: merge_items(&base.layers, &ours.layers, &theirs.layers, &mut conflicts),
        dependencies: merge_items(
            &base.dependencies,
            &ours.dependencies,
            &theirs.dependencies,
            &mut conflicts,
        ),
        investments: merge_items(
            &base.investments,
            &ours.investments,
            &theirs.investments,
            &mut conflicts,
        ),
        milestones: merge_items(
            &base.milestones,
            &ours.milestones,
            &theirs.milestones,
            &mut conflicts,
        ),
        stops: merge_items(&base.stops, &ours.stops, &theirs.stops, &mut conflicts),
        conflicts: fields::merge_set(
            Some(base.conflicts.as_slice()),
            &ours.conflicts,
            &theirs.conflicts,
        ),
    });
    let mut plan = plan;
    plan.conflicts.extend(conflicts.iter().cloned());
    let problems = new_problems(ours, theirs, &plan);
    Merged {
        plan,
        conflicts,
        problems,
    }
}

/// The plan's own fields: everything but its lists of items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
struct Header {
    format: u32,
    title: String,
    owner: String,
    notes: String,
    currency: String,
    horizon: Horizon,
}

/// The lists of items of a plan.
struct Items {
    layers: Vec<crate::model::Layer>,
    dependencies: Vec<crate::model::Shared<crate::model::Dependency>>,
    investments: Vec<crate::model::Shared<crate::model::Investment>>,
    milestones: Vec<crate::model::Shared<crate::model::Milestone>>,
    stops: Vec<crate::model::Stop>,
    conflicts: Vec<Conflict>,
}

impl Header {
    /// The plan's own fields (destructured, so a new field of the plan must be placed here or
    /// in [`Items`] before this compiles).
    fn of(plan: &Roadmap) -> Header {
        let Roadmap {
            format,
            title,
            owner,
            notes,
            currency,
            horizon,
            layers: _,
            dependencies: _,
            investments: _,
            milestones: _,
            stops: _,
            conflicts: _,
        } = plan;
        Header {
            format: *format,
            title: title.clone(),
            owner: owner.clone(),
            notes: notes.clone(),
            currency: currency.clone(),
            horizon: *horizon,
        }
    }

    /// A plan of these fields and these items.
    fn with_items(self, items: Items) -> Roadmap {
        let Header {
            format,
            title,
            owner,
            notes,
            currency,
            horizon,
        } = self;
        let Items {
            layers,
            dependencies,
            investments,
            milestones,
            stops,
            conflicts,
        } = items;
        Roadmap {
            format,
            title,
            owner,
            notes,
            currency,
            horizon,
            layers,
            dependencies,
            investments,
            milestones,
            stops,
            conflicts,
        }
    }

    /// Writes these fields into `plan`, leaving its items as they are.
    fn write_into(self, plan: &mut Roadmap) {
        let items = Items {
            layers: std::mem::take(&mut plan.layers),
            dependencies: std::mem::take(&mut plan.dependencies),
            investments: std::mem::take(&mut plan.investments),
            milestones: std::mem::take(&mut plan.milestones),
            stops: std::mem::take(&mut plan.stops),
            conflicts: std::mem::take(&mut plan.conflicts),
        };
        *plan = self.with_items(items);
    }
}

/// The conflict kind of an item kind.
fn conflict_kind(kind: Kind) -> ConflictKind {
    match kind {
        Kind::Layer => ConflictKind::Layer,
        Kind::Dependency => ConflictKind::Dependency,
        Kind::Investment => ConflictKind::Investment,
        Kind::Milestone => ConflictKind::Milestone,
        Kind::Stop => ConflictKind::Stop,
    }
}

/// The lists of one kind merged: ours in our order, then their additions in their order.
fn merge_items<T>(base: &[T], ours: &[T], theirs: &[T], conflicts: &mut Vec<Conflict>) -> Vec<T>
where
    T: Item + Clone + PartialEq + Serialize + DeserializeOwned,
{
    let kind = conflict_kind(T::KIND);
    let base_of_ours = partners(ours.len(), &match_by_id(base, ours, T::key).pairs, true);
    let theirs_of_base = partners(base.len(), &match_by_id(base, theirs, T::key).pairs, false);
    let base_of_theirs = partners(theirs.len(), &match_by_id(base, theirs, T::key).pairs, true);
    let theirs_of_ours = partners(ours.len(), &match_by_id(ours, theirs, T::key).pairs, false);
    let mut taken = vec![false; theirs.len()];
    let mut out = Vec::with_capacity(ours.len() + theirs.len().saturating_sub(base.len()));
    let mut take = |t: usize| {
        if let Some(slot) = taken.get_mut(t) {
            *slot = true;
        }
        theirs.get(t)
    };
    for (i, our) in ours.iter().enumerate() {
        let base_item = base_of_ours[i].and_then(|b| base.get(b));
        let their = match base_of_ours[i] {
            Some(b) => theirs_of_base[b].and_then(&mut take),
            // Added by us; added by them too when their item has no base either.
            None => theirs_of_ours[i]
                .filter(|&t| base_of_theirs[t].is_none())
                .and_then(&mut take),
        };
        match (base_item, their) {
            (base_item, Some(their)) => {
                out.push(merge_item(
                    kind,
                    our.key(),
                    base_item,
                    our,
                    their,
                    conflicts,
                ));
            }
            (Some(base_item), None) if base_item == our => {} // deleted by them
            (Some(base_item), None) => {
                conflicts.push(whole_item(kind, base_item, Some(our), None));
                out.push(our.clone());
            }
            (None, None) => out.push(our.clone()),
        }
    }
    for (t, their) in theirs.iter().enumerate() {
        if taken[t] {
            continue;
        }
        match base_of_theirs[t].and_then(|b| base.get(b)) {
            None => out.push(their.clone()),
            Some(base_item) if base_item == their => {} // deleted by us
            Some(base_item) => conflicts.push(whole_item(kind, base_item, None, Some(their))),
        }
    }
    out
}

/// For each position of one list, its partner in the other (`pairs` are (a, b) positions;
/// `by_b` looks up from b's side).
fn partners(len: usize, pairs: &[(usize, usize)], by_b: bool) -> Vec<Option<usize>> {
    let mut out = vec![None; len];
    for &(a, b) in pairs {
        let (from, to) = if by_b { (b, a) } else { (a, b) };
        if let Some(slot) = out.get_mut(from) {
            *slot = Some(to);
        }
    }
    out
}

/// One item (or the plan's own fields) merged field by field.
fn merge_item<T>(
    kind: ConflictKind,
    id: &str,
    base: Option<&T>,
    ours: &T,
    theirs: &T,
    conflicts: &mut Vec<Conflict>,
) -> T
where
    T: Clone + PartialEq + Serialize + DeserializeOwned,
{
    if ours == theirs || base == Some(theirs) {
        return ours.clone();
    }
    if base == Some(ours) {
        return theirs.clone();
    }
    let json = |item: &T| serde_json::to_value(item).ok();
    let (Some(o), Some(t)) = (json(ours), json(theirs)) else {
        return ours.clone();
    };
    let b = base.and_then(json);
    let mut found = Vec::new();
    let merged = fields::merge_value("", b.as_ref(), &o, &t, &mut found);
    let item = match serde_json::from_value(merged) {
        Ok(item) => item,
        // Cannot happen for values taken from valid items; if it did, every differing field
        // is a conflict and the item stays ours.
        Err(_) => {
            found.clear();
            fields::merge_value("", None, &o, &t, &mut found);
            ours.clone()
        }
    };
    conflicts.extend(found.into_iter().map(|f| field_conflict(kind, id, f)));
    item
}

/// A field conflict as it is kept in the plan.
fn field_conflict(kind: ConflictKind, id: &str, found: FieldConflict) -> Conflict {
    Conflict {
        kind,
        id: id.to_owned(),
        field: found.path,
        base: found.base.as_ref().map(value_text).unwrap_or_default(),
        ours: value_text(&found.ours),
        theirs: value_text(&found.theirs),
    }
}

/// An item deleted on one side and changed on the other: each side's item as RON, empty
/// where it was deleted.
fn whole_item<T: Item + Serialize>(
    kind: ConflictKind,
    base: &T,
    ours: Option<&T>,
    theirs: Option<&T>,
) -> Conflict {
    let ron = |item: Option<&T>| {
        item.and_then(|i| ron::to_string(i).ok())
            .unwrap_or_default()
    };
    Conflict {
        kind,
        id: base.key().to_owned(),
        field: String::new(),
        base: ron(Some(base)),
        ours: ron(ours),
        theirs: ron(theirs),
    }
}

/// Errors of the merged plan that neither side had, matched by check and ids.
fn new_problems(ours: &Roadmap, theirs: &Roadmap, merged: &Roadmap) -> Vec<Finding> {
    let errors = |plan: &Roadmap| -> Vec<Finding> {
        checks(plan)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect()
    };
    let merged_errors = errors(merged);
    if merged_errors.is_empty() {
        return merged_errors;
    }
    let (ours, theirs) = (errors(ours), errors(theirs));
    let known: HashSet<(Code, &[String])> = ours
        .iter()
        .chain(&theirs)
        .map(|f| (f.code, f.ids.as_slice()))
        .collect();
    merged_errors
        .into_iter()
        .filter(|f| !known.contains(&(f.code, f.ids.as_slice())))
        .collect()
}

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;
