//! Resolving one conflict: keep ours, take theirs, or a value typed by the planner.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Header;
use super::fields::with_field;
use crate::analysis::compare::Item;
use crate::model::{Conflict, ConflictKind, Roadmap};

/// How a planner resolves a conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// Keep our value (the one the plan already holds).
    Ours,
    /// Take their value.
    Theirs,
    /// A value typed by the planner, as conflicts write values (a whole item as RON; empty
    /// deletes it).
    Value(String),
}

/// Why a resolution could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// The item the conflict names is no longer in the plan.
    #[error("{0} is no longer in the plan")]
    Missing(String),
    /// The value does not fit the field.
    #[error("{what}: {message}")]
    BadValue {
        /// The conflict, in words.
        what: String,
        /// What is wrong with the value.
        message: String,
    },
}

/// Applies `choice` for `conflict` to `plan` and takes the conflict off the plan's list; on an
/// error the plan is unchanged.
pub fn resolve(
    plan: &mut Roadmap,
    conflict: &Conflict,
    choice: &Choice,
) -> Result<(), ResolveError> {
    apply(plan, conflict, choice)?;
    plan.conflicts.retain(|c| c != conflict);
    Ok(())
}

/// The value the plan holds now for what `conflict` is about, written as conflicts write
/// values (a whole item as RON, empty when the item is gone); `None` when the field is not
/// there.
pub fn current_value(plan: &Roadmap, conflict: &Conflict) -> Option<String> {
    match conflict.kind {
        ConflictKind::Plan => field_text(&Header::of(plan), &conflict.field),
        ConflictKind::Layer => value_in(&plan.layers, conflict),
        ConflictKind::Dependency => value_in(&plan.dependencies, conflict),
        ConflictKind::Investment => value_in(&plan.investments, conflict),
        ConflictKind::Milestone => value_in(&plan.milestones, conflict),
        ConflictKind::Stop => value_in(&plan.stops, conflict),
    }
}

/// The current value of the field (or whole item) `conflict` names among `items`.
fn value_in<T: Item + Serialize>(items: &[T], conflict: &Conflict) -> Option<String> {
    let item = items.iter().find(|i| i.key() == conflict.id);
    if conflict.is_whole_item() {
        return Some(
            item.and_then(|i| ron::to_string(i).ok())
                .unwrap_or_default(),
        );
    }
    field_text(item?, &conflict.field)
}

/// The field at `path` (e.g. "horizon.start") of `item` as text.
fn field_text<T: Serialize>(item: &T, path: &str) -> Option<String> {
    let json = serde_json::to_value(item).ok()?;
    let value = path.split('.').try_fold(&json, |v, key| v.get(key))?;
    Some(super::value_text(value))
}

/// Applies `choice` for `conflict` to `plan`.
fn apply(plan: &mut Roadmap, conflict: &Conflict, choice: &Choice) -> Result<(), ResolveError> {
    let text = match choice {
        Choice::Ours => return Ok(()),
        Choice::Theirs => conflict.theirs.as_str(),
        Choice::Value(text) => text.as_str(),
    };
    let bad = |message: String| ResolveError::BadValue {
        what: conflict.to_string(),
        message,
    };
    match conflict.kind {
        ConflictKind::Plan => {
            let header = with_field(&Header::of(plan), &conflict.field, text).map_err(bad)?;
            header.write_into(plan);
            Ok(())
        }
        ConflictKind::Layer => resolve_in(&mut plan.layers, conflict, text),
        ConflictKind::Dependency => resolve_in(&mut plan.dependencies, conflict, text),
        ConflictKind::Investment => resolve_in(&mut plan.investments, conflict, text),
        ConflictKind::Milestone => resolve_in(&mut plan.milestones, conflict, text),
        ConflictKind::Stop => resolve_in(&mut plan.stops, conflict, text),
    }
}

/// Sets a field of the item `conflict` names, or replaces, restores or deletes the item.
fn resolve_in<T>(items: &mut Vec<T>, conflict: &Conflict, text: &str) -> Result<(), ResolveError>
where
    T: Item + Serialize + DeserializeOwned,
{
    let bad = |message: String| ResolveError::BadValue {
        what: conflict.to_string(),
        message,
    };
    let position = items.iter().position(|i| i.key() == conflict.id);
    if conflict.is_whole_item() {
        if text.trim().is_empty() {
            if let Some(p) = position {
                items.remove(p);
            }
            return Ok(());
        }
        let item: T = ron::from_str(text).map_err(|e| bad(e.to_string()))?;
        match position.and_then(|p| items.get_mut(p)) {
            Some(slot) => *slot = item,
            None => items.push(item),
        }
        return Ok(());
    }
    let slot = position.and_then(|p| items.get_mut(p)).ok_or_else(|| {
        ResolveError::Missing(format!("{} {}", conflict.kind.noun(), conflict.id))
    })?;
    *slot = with_field(slot, &conflict.field, text).map_err(bad)?;
    Ok(())
}
