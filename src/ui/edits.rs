//! The edits the editor makes to a plan, as plain functions on the model (no egui).

use crate::model::{Dependency, Investment, ItemKind, Layer, Milestone, Month, Roadmap};

/// A copied item, ready to be pasted with a fresh id.
#[derive(Debug, Clone, PartialEq)]
pub enum Clip {
    /// A copied investment.
    Investment(Investment),
    /// A copied milestone.
    Milestone(Milestone),
    /// A copied dependency.
    Dependency(Dependency),
    /// A copied layer.
    Layer(Layer),
}

/// Copies the item `id` of `kind`, if it exists.
pub fn copy_item(plan: &Roadmap, kind: ItemKind, id: &str) -> Option<Clip> {
    Some(match kind {
        ItemKind::Investment => Clip::Investment(plan.investment(id)?.clone()),
        ItemKind::Milestone => Clip::Milestone(plan.milestone(id)?.clone()),
        ItemKind::Dependency => Clip::Dependency(plan.dependency(id)?.clone()),
        ItemKind::Layer => Clip::Layer(plan.layer(id)?.clone()),
    })
}

/// Inserts a copy of `clip` with a fresh id (after the original when it still exists);
/// returns the new item's kind and id.
pub fn paste(plan: &mut Roadmap, clip: &Clip) -> (ItemKind, String) {
    match clip {
        Clip::Investment(i) => {
            let mut copy = i.clone();
            copy.id = plan.fresh_id(&i.id);
            let at = position_after(&plan.investments, |x| x.id == i.id);
            plan.investments.insert(at, copy.clone().into());
            (ItemKind::Investment, copy.id)
        }
        Clip::Milestone(m) => {
            let mut copy = m.clone();
            copy.id = plan.fresh_id(&m.id);
            let at = position_after(&plan.milestones, |x| x.id == m.id);
            plan.milestones.insert(at, copy.clone().into());
            (ItemKind::Milestone, copy.id)
        }
        Clip::Dependency(d) => {
            let mut copy = d.clone();
            copy.id = plan.fresh_id(&d.id);
            let at = position_after(&plan.dependencies, |x| x.id == d.id);
            plan.dependencies.insert(at, copy.clone().into());
            (ItemKind::Dependency, copy.id)
        }
        Clip::Layer(l) => {
            let mut copy = l.clone();
            copy.id = plan.fresh_id(&l.id);
            let at = position_after(&plan.layers, |x| x.id == l.id);
            plan.layers.insert(at, copy.clone());
            (ItemKind::Layer, copy.id)
        }
    }
}

fn position_after<T>(items: &[T], is_original: impl Fn(&T) -> bool) -> usize {
    items
        .iter()
        .position(is_original)
        .map_or(items.len(), |i| i + 1)
}

/// Removes the item `id` of `kind` and every reference to it (links, removes/introduces).
/// A layer is removed together with the items in it.
pub fn delete_item(plan: &mut Roadmap, kind: ItemKind, id: &str) {
    match kind {
        ItemKind::Investment => plan.investments.retain(|i| i.id != id),
        ItemKind::Milestone => plan.milestones.retain(|m| m.id != id),
        ItemKind::Dependency => plan.dependencies.retain(|d| d.id != id),
        ItemKind::Layer => {
            plan.layers.retain(|l| l.id != id);
            let gone: Vec<(ItemKind, String)> = items_in_layer(plan, id);
            for (k, i) in gone {
                delete_item(plan, k, &i);
            }
        }
    }
    unlink(plan, id);
}

/// Removes every reference to `id` from `after`, `needs`, `removes` and `introduces` lists
/// (changing, and so copying for undo, only the items that name it).
fn unlink(plan: &mut Roadmap, id: &str) {
    let names = |list: &[String]| list.iter().any(|x| x == id);
    for i in plan.investments.iter_mut().filter(|i| names(&i.after)) {
        i.after.retain(|a| a != id);
    }
    let in_milestone = |m: &Milestone| names(&m.needs) || names(&m.removes) || names(&m.introduces);
    for m in plan.milestones.iter_mut().filter(|m| in_milestone(m)) {
        m.needs.retain(|a| a != id);
        m.removes.retain(|a| a != id);
        m.introduces.retain(|a| a != id);
    }
    for s in &mut plan.stops {
        s.layers.retain(|l| l != id);
        if s.focus.as_deref() == Some(id) {
            s.focus = None;
        }
    }
}

/// The investments, milestones and dependencies that sit in layer `layer`.
pub fn items_in_layer(plan: &Roadmap, layer: &str) -> Vec<(ItemKind, String)> {
    let inv = plan
        .investments
        .iter()
        .filter(|i| i.layer == layer)
        .map(|i| (ItemKind::Investment, i.id.clone()));
    let ms = plan
        .milestones
        .iter()
        .filter(|m| m.layer == layer)
        .map(|m| (ItemKind::Milestone, m.id.clone()));
    let deps = plan
        .dependencies
        .iter()
        .filter(|d| d.layer == layer)
        .map(|d| (ItemKind::Dependency, d.id.clone()));
    inv.chain(ms).chain(deps).collect()
}

/// Renames the id of an item everywhere it is referenced; false (and no change) when the new
/// id is empty or already used.
pub fn rename_id(plan: &mut Roadmap, kind: ItemKind, old: &str, new: &str) -> bool {
    if new.trim().is_empty() || new != new.trim() || plan.id_in_use(new) {
        return false;
    }
    let swap = |list: &mut Vec<String>| {
        list.iter_mut()
            .filter(|x| *x == old)
            .for_each(|x| *x = new.to_owned())
    };
    match kind {
        ItemKind::Investment => plan
            .investments
            .iter_mut()
            .filter(|i| i.id == old)
            .for_each(|i| i.id = new.to_owned()),
        ItemKind::Milestone => plan
            .milestones
            .iter_mut()
            .filter(|m| m.id == old)
            .for_each(|m| m.id = new.to_owned()),
        ItemKind::Dependency => plan
            .dependencies
            .iter_mut()
            .filter(|d| d.id == old)
            .for_each(|d| d.id = new.to_owned()),
        ItemKind::Layer => {
            plan.layers
                .iter_mut()
                .filter(|l| l.id == old)
                .for_each(|l| l.id = new.to_owned());
            plan.investments
                .iter_mut()
                .filter(|i| i.layer == old)
                .for_each(|i| i.layer = new.to_owned());
            plan.milestones
                .iter_mut()
                .filter(|m| m.layer == old)
                .for_each(|m| m.layer = new.to_owned());
            plan.dependencies
                .iter_mut()
                .filter(|d| d.layer == old)
                .for_each(|d| d.layer = new.to_owned());
        }
    }
    // Only the items that name `old` change (and are copied for undo).
    let names = |list: &[String]| list.iter().any(|x| x == old);
    for i in plan.investments.iter_mut().filter(|i| names(&i.after)) {
        swap(&mut i.after);
    }
    let in_milestone = |m: &Milestone| names(&m.needs) || names(&m.removes) || names(&m.introduces);
    for m in plan.milestones.iter_mut().filter(|m| in_milestone(m)) {
        swap(&mut m.needs);
        swap(&mut m.removes);
        swap(&mut m.introduces);
    }
    for s in &mut plan.stops {
        swap(&mut s.layers);
        if s.focus.as_deref() == Some(old) {
            s.focus = Some(new.to_owned());
        }
    }
    true
}

/// Moves an investment or milestone by `months` (both ends of a bar).
pub fn shift(plan: &mut Roadmap, kind: ItemKind, id: &str, months: i32) {
    match kind {
        ItemKind::Investment => {
            if let Some(i) = plan.investments.iter_mut().find(|i| i.id == id) {
                i.start = i.start.plus(months);
                i.end = i.end.plus(months);
            }
        }
        ItemKind::Milestone => {
            if let Some(m) = plan.milestones.iter_mut().find(|m| m.id == id) {
                m.month = m.month.plus(months);
            }
        }
        ItemKind::Layer | ItemKind::Dependency => {}
    }
}

/// Places an investment at `start` keeping its length, in `layer`.
pub fn place_investment(plan: &mut Roadmap, id: &str, start: Month, layer: &str) {
    if let Some(i) = plan.investments.iter_mut().find(|i| i.id == id) {
        let length = i.start.months_until(i.end).max(0);
        i.start = start;
        i.end = start.plus(length);
        i.layer = layer.to_owned();
    }
}

/// Places a milestone at `month` in `layer`.
pub fn place_milestone(plan: &mut Roadmap, id: &str, month: Month, layer: &str) {
    if let Some(m) = plan.milestones.iter_mut().find(|m| m.id == id) {
        m.month = month;
        m.layer = layer.to_owned();
    }
}

/// Sets the start of an investment, never past its end.
pub fn set_start(plan: &mut Roadmap, id: &str, start: Month) {
    if let Some(i) = plan.investments.iter_mut().find(|i| i.id == id) {
        i.start = start.min(i.end);
    }
}

/// Sets the end of an investment, never before its start.
pub fn set_end(plan: &mut Roadmap, id: &str, end: Month) {
    if let Some(i) = plan.investments.iter_mut().find(|i| i.id == id) {
        i.end = end.max(i.start);
    }
}

/// Adds a link saying `from` must wait for `to`: an investment gets `to` in `after`, a
/// milestone gets the investment `to` in `needs`. False when the link makes no sense or exists.
pub fn link(plan: &mut Roadmap, from: &str, to: &str) -> bool {
    if from == to {
        return false;
    }
    let to_kind = plan.kind_of(to);
    if let Some(i) = plan.investments.iter_mut().find(|i| i.id == from) {
        if !matches!(to_kind, Some(ItemKind::Investment | ItemKind::Milestone))
            || i.after.iter().any(|a| a == to)
        {
            return false;
        }
        i.after.push(to.to_owned());
        return true;
    }
    if let Some(m) = plan.milestones.iter_mut().find(|m| m.id == from) {
        if to_kind != Some(ItemKind::Investment) || m.needs.iter().any(|a| a == to) {
            return false;
        }
        m.needs.push(to.to_owned());
        return true;
    }
    false
}

/// Links dragged from item `source` onto item `target`: the later item waits for the earlier
/// one (a milestone always waits for an investment).
pub fn link_by_drag(plan: &mut Roadmap, source: &str, target: &str) -> bool {
    let end_of = |plan: &Roadmap, id: &str| {
        plan.investment(id)
            .map(|i| i.end)
            .or_else(|| plan.milestone(id).map(|m| m.month))
    };
    let (Some(a), Some(b)) = (end_of(plan, source), end_of(plan, target)) else {
        return false;
    };
    let source_is_milestone = plan.milestone(source).is_some();
    let target_is_milestone = plan.milestone(target).is_some();
    let source_waits = if source_is_milestone != target_is_milestone {
        source_is_milestone
    } else {
        a > b
    };
    let (waiting, first) = if source_waits {
        (source, target)
    } else {
        (target, source)
    };
    link(plan, waiting, first)
}

/// Longest id made from a title, in characters (cut at a word).
const MAX_TITLE_ID: usize = 40;

/// A readable id made from `title` for the item now called `current`
/// ("National GPU cluster" → `national-gpu-cluster`), with `-2`, `-3`… added when another
/// item has it; `None` when the title has no letters or digits.
pub fn id_from_title(plan: &Roadmap, title: &str, current: &str) -> Option<String> {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut base = String::new();
    for word in &words {
        let extra = usize::from(!base.is_empty()) + word.chars().count();
        if !base.is_empty() && base.chars().count() + extra > MAX_TITLE_ID {
            break;
        }
        if !base.is_empty() {
            base.push('-');
        }
        base.push_str(word);
    }
    if base.is_empty() {
        return None;
    }
    let free = |id: &str| id == current || !plan.id_in_use(id);
    if free(&base) {
        return Some(base);
    }
    (2u32..).map(|n| format!("{base}-{n}")).find(|id| free(id))
}

/// Adds a new investment in `layer` starting at `start`, a year long; returns its id.
pub fn add_investment(plan: &mut Roadmap, layer: &str, start: Month) -> String {
    let id = plan.fresh_id("investment");
    plan.investments.push(
        Investment {
            id: id.clone(),
            title: "New investment".to_owned(),
            layer: layer.to_owned(),
            start,
            end: start.plus(11),
            budget: 0,
            owner: String::new(),
            notes: String::new(),
            after: Vec::new(),
        }
        .into(),
    );
    id
}

/// Adds a new milestone in `layer` at `month`; returns its id.
pub fn add_milestone(plan: &mut Roadmap, layer: &str, month: Month) -> String {
    let id = plan.fresh_id("milestone");
    plan.milestones
        .push(Milestone::new(id.clone(), "New milestone", month, layer).into());
    id
}

/// Adds a new dependency in `layer`; returns its id.
pub fn add_dependency(plan: &mut Roadmap, layer: &str) -> String {
    let id = plan.fresh_id("dependency");
    plan.dependencies.push(
        Dependency {
            id: id.clone(),
            name: "New dependency".to_owned(),
            layer: layer.to_owned(),
            controller: String::new(),
            jurisdiction: String::new(),
            control: crate::model::ControlLevel::BlackBox,
            criticality: 3,
            notes: String::new(),
            evidence: Vec::new(),
            assessment: Vec::new(),
        }
        .into(),
    );
    id
}

/// Adds a new layer at the bottom; returns its id.
pub fn add_layer(plan: &mut Roadmap) -> String {
    let id = plan.fresh_id("layer");
    plan.layers.push(Layer {
        id: id.clone(),
        name: "New layer".to_owned(),
        colour: crate::model::Colour::rgb(0x64, 0x74, 0x8B),
        description: String::new(),
    });
    id
}

/// Moves layer `id` one place up (`-1`) or down (`+1`).
pub fn move_layer(plan: &mut Roadmap, id: &str, step: i32) {
    let Some(at) = plan.layers.iter().position(|l| l.id == id) else {
        return;
    };
    let to = at as i64 + i64::from(step);
    if (0..plan.layers.len() as i64).contains(&to) {
        plan.layers.swap(at, to as usize);
    }
}

/// The items of the canvas in keyboard (Tab) order: by layer, then by date.
pub fn tab_order(plan: &Roadmap) -> Vec<(ItemKind, String)> {
    let mut items: Vec<(usize, Month, ItemKind, String)> = Vec::new();
    let lane = |layer: &str| {
        plan.layers
            .iter()
            .position(|l| l.id == layer)
            .unwrap_or(usize::MAX)
    };
    for i in &plan.investments {
        items.push((lane(&i.layer), i.start, ItemKind::Investment, i.id.clone()));
    }
    for m in &plan.milestones {
        items.push((lane(&m.layer), m.month, ItemKind::Milestone, m.id.clone()));
    }
    items.sort_by_key(|a| (a.0, a.1));
    items.into_iter().map(|(_, _, k, id)| (k, id)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small hand-made plan (the one the UI tests use).
    fn example_plan() -> Result<Roadmap, crate::io::LoadError> {
        crate::io::load_str(include_str!("../../tests/ui_plan.ron"))
    }

    #[test]
    fn delete_removes_the_links_to_the_item() {
        let mut plan = example_plan().unwrap();
        delete_item(&mut plan, ItemKind::Investment, "cluster-1");
        assert!(plan.investment("cluster-1").is_none());
        assert!(
            plan.milestones
                .iter()
                .all(|m| !m.needs.contains(&"cluster-1".to_owned()))
        );
    }

    #[test]
    fn ids_from_titles_are_readable_and_unique() {
        let mut plan = Roadmap::blank(
            "Test",
            crate::model::Horizon {
                start: "2026-01".parse().unwrap(),
                end: "2030-12".parse().unwrap(),
            },
        );
        let start = plan.horizon.start;
        let id = add_investment(&mut plan, "compute", start);
        assert_eq!(
            id_from_title(&plan, "National GPU cluster", &id).as_deref(),
            Some("national-gpu-cluster")
        );
        assert_eq!(
            id_from_title(&plan, "  Phase 2: EU/AI-Act (draft)  ", &id).as_deref(),
            Some("phase-2-eu-ai-act-draft")
        );
        assert_eq!(id_from_title(&plan, " – ", &id), None);
        // An id another item has gets a number; the item's own id is kept as it is.
        assert_eq!(
            id_from_title(&plan, "Compute", &id).as_deref(),
            Some("compute-2"),
            "the layer `compute` has it"
        );
        assert_eq!(
            id_from_title(&plan, "Investment 1", &id).as_deref(),
            Some("investment-1")
        );
        // Long titles are cut at a word.
        let long = id_from_title(&plan, &"sovereign compute ".repeat(10), &id).unwrap();
        assert!(long.chars().count() <= 40 && !long.ends_with('-'), "{long}");
        assert_eq!(
            id_from_title(&plan, "مركز الحوسبة", &id).as_deref(),
            Some("مركز-الحوسبة")
        );
    }

    #[test]
    fn paste_gives_a_fresh_id() {
        let mut plan = example_plan().unwrap();
        let clip = copy_item(&plan, ItemKind::Investment, "cluster-1").unwrap();
        let (_, id) = paste(&mut plan, &clip);
        assert_ne!(id, "cluster-1");
        assert_eq!(
            plan.investment(&id).unwrap().title,
            plan.investment("cluster-1").unwrap().title
        );
    }

    #[test]
    fn dragging_a_link_from_a_milestone_adds_a_need() {
        let mut plan = example_plan().unwrap();
        plan.milestones[0].needs.clear();
        assert!(link_by_drag(&mut plan, "own-model", "cluster-1"));
        assert_eq!(plan.milestones[0].needs, ["cluster-1"]);
        assert!(
            !link_by_drag(&mut plan, "cluster-1", "own-model"),
            "already linked"
        );
    }

    #[test]
    fn rename_updates_references() {
        let mut plan = example_plan().unwrap();
        assert!(rename_id(
            &mut plan,
            ItemKind::Investment,
            "cluster-1",
            "gpu-1"
        ));
        assert_eq!(plan.milestones[0].needs, ["gpu-1"]);
        assert!(!rename_id(
            &mut plan,
            ItemKind::Investment,
            "gpu-1",
            "own-model"
        ));
    }
}
