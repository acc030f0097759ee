//! The inspector when several items are selected: how many, which, and what can be done
//! to all of them at once.

use super::action::{Actions, Context};
use super::commands::Command;
use super::view::Selection;
use crate::model::{ItemKind, Roadmap};

/// The most items listed by name; the rest are counted.
const LISTED: usize = 40;

/// The inspector's content for a selection of several items.
pub fn group_ui(cx: &Context, ui: &mut egui::Ui, selected: &[Selection], out: &mut Actions) {
    ui.heading(format!("{} items selected", selected.len()));
    ui.label(kinds(selected));
    let plan = cx.plan();
    let budget: u64 = selected
        .iter()
        .filter_map(|s| plan.investment(&s.id))
        .map(|i| i.budget)
        .sum();
    if budget > 0 {
        let total = crate::analysis::format::thousands_narrow(budget);
        ui.label(format!("Budget together: {total} {}", plan.currency));
    }
    ui.add_space(6.0);
    let mut chosen = None;
    for sel in selected.iter().take(LISTED) {
        let title = title_of(plan, sel);
        if ui
            .selectable_label(false, title)
            .on_hover_text("Select only this item")
            .clicked()
        {
            chosen = Some(sel.clone());
        }
    }
    if selected.len() > LISTED {
        ui.weak(format!("and {} more", selected.len() - LISTED));
    }
    ui.add_space(8.0);
    ui.weak("Drag one of them, or press the arrow keys, to move them all; Shift or Ctrl+click adds or removes an item.");
    ui.add_space(6.0);
    let movable = selected
        .iter()
        .any(|s| matches!(s.kind, ItemKind::Investment | ItemKind::Milestone));
    let mut run = None;
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(movable, egui::Button::new("◀ Month"))
            .on_hover_text("Move them all a month earlier (←)")
            .clicked()
        {
            run = Some(Command::NudgeEarlier);
        }
        if ui
            .add_enabled(movable, egui::Button::new("Month ▶"))
            .on_hover_text("Move them all a month later (→)")
            .clicked()
        {
            run = Some(Command::NudgeLater);
        }
        if ui
            .button(format!("Delete {} items", selected.len()))
            .on_hover_text("Remove them and the links to them (Delete; Ctrl+Z brings them back)")
            .clicked()
        {
            run = Some(Command::Delete);
        }
        if ui.button("Clear selection").clicked() {
            run = Some(Command::Deselect);
        }
    });
    if let Some(command) = run {
        out.run(command);
    }
    if let Some(sel) = chosen {
        out.select(Some(sel));
    }
}

/// "3 investments, 2 milestones".
fn kinds(selected: &[Selection]) -> String {
    let count = |kind: ItemKind| selected.iter().filter(|s| s.kind == kind).count();
    [
        (ItemKind::Investment, "investment"),
        (ItemKind::Milestone, "milestone"),
        (ItemKind::Dependency, "dependency"),
    ]
    .into_iter()
    .filter_map(|(kind, noun)| match count(kind) {
        0 => None,
        1 => Some(format!("1 {noun}")),
        n if noun == "dependency" => Some(format!("{n} dependencies")),
        n => Some(format!("{n} {noun}s")),
    })
    .collect::<Vec<_>>()
    .join(", ")
}

/// The title of a selected item, its id when it has none.
fn title_of(plan: &Roadmap, sel: &Selection) -> String {
    let title = match sel.kind {
        ItemKind::Investment => plan.investment(&sel.id).map(|i| i.title.as_str()),
        ItemKind::Milestone => plan.milestone(&sel.id).map(|m| m.title.as_str()),
        ItemKind::Dependency => plan.dependency(&sel.id).map(|d| d.name.as_str()),
        ItemKind::Layer => plan.layer(&sel.id).map(|l| l.name.as_str()),
    };
    match title {
        Some(t) if !t.trim().is_empty() => t.to_owned(),
        _ => sel.id.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_counted_in_words() {
        let sel = |kind, id: &str| Selection::new(kind, id);
        let items = [
            sel(ItemKind::Investment, "a"),
            sel(ItemKind::Investment, "b"),
            sel(ItemKind::Milestone, "m"),
            sel(ItemKind::Dependency, "d"),
            sel(ItemKind::Dependency, "e"),
        ];
        assert_eq!(kinds(&items), "2 investments, 1 milestone, 2 dependencies");
    }
}
