//! The Resolve conflicts panel: the fields a merge left for the planner, one row each, each
//! resolved by keeping ours, taking theirs, or editing the item in the inspector.

use egui::{Color32, RichText, Ui};

use super::action::{self, Actions, Context, Record, ViewChange};
use super::view::Selection;
use crate::analysis::merge::{Choice, current_value};
use crate::model::{Conflict, ConflictKind, ItemKind, Roadmap};

/// Values longer than this are shortened in a row (the whole value shows on hover).
const SHOWN_CHARS: usize = 90;

/// Colour of our value.
const OURS: Color32 = Color32::from_rgb(0x1D, 0x4E, 0xD8);
/// Colour of their value.
const THEIRS: Color32 = Color32::from_rgb(0xB4, 0x53, 0x09);

/// What the planner asked for in the panel this frame.
enum Asked {
    /// Resolve this conflict this way.
    Resolve(Conflict, Choice),
    /// Show the conflict's item in the inspector.
    Edit(Conflict),
}

/// The Resolve conflicts panel (shown while the plan has conflicts).
pub fn conflicts_ui(cx: &Context, ui: &mut Ui, out: &mut Actions) {
    let conflicts = &cx.plan().conflicts;
    ui.heading("Resolve conflicts");
    ui.label(format!(
        "{} left by a merge. Until resolved, the plan holds our value.",
        count(conflicts.len())
    ));
    ui.separator();
    let mut action = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (i, conflict) in conflicts.iter().enumerate() {
                ui.push_id(i, |ui| {
                    if let Some(a) = conflict_row_ui(cx.plan(), conflict, ui) {
                        action = Some(a);
                    }
                });
                ui.separator();
            }
        });
    match action {
        Some(Asked::Resolve(conflict, choice)) => resolve_now(&conflict, choice, out),
        Some(Asked::Edit(conflict)) => edit(&conflict, out),
        None => {}
    }
}

/// "1 conflict", "3 conflicts".
fn count(n: usize) -> String {
    if n == 1 {
        "1 conflict".to_owned()
    } else {
        format!("{n} conflicts")
    }
}

/// One conflict: what it is about, base / ours / theirs (and the value now, once edited),
/// and the three choices.
fn conflict_row_ui(plan: &Roadmap, conflict: &Conflict, ui: &mut Ui) -> Option<Asked> {
    let about = heading(plan, conflict);
    ui.label(RichText::new(&about).strong());
    let now = current_value(plan, conflict);
    let edited = now.as_ref().is_some_and(|v| *v != conflict.ours);
    egui::Grid::new("values")
        .num_columns(2)
        .spacing([8.0, 2.0])
        .show(ui, |ui| {
            value_row_ui(ui, "Base", &conflict.base, Color32::from_gray(90), conflict);
            value_row_ui(ui, "Ours", &conflict.ours, OURS, conflict);
            value_row_ui(ui, "Theirs", &conflict.theirs, THEIRS, conflict);
            if let (true, Some(now)) = (edited, &now) {
                value_row_ui(ui, "Now", now, Color32::from_gray(20), conflict);
            }
        });
    let mut action = None;
    ui.horizontal_wrapped(|ui| {
        let keep = if edited { "Keep edited" } else { "Keep ours" };
        if ui
            .button(keep)
            .accessible_name(format!("{keep}: {about}"))
            .on_hover_text("Keep the value the plan holds now")
            .clicked()
        {
            action = Some(Asked::Resolve(conflict.clone(), Choice::Ours));
        }
        if ui
            .button("Take theirs")
            .accessible_name(format!("Take theirs: {about}"))
            .on_hover_text("Set their value")
            .clicked()
        {
            action = Some(Asked::Resolve(conflict.clone(), Choice::Theirs));
        }
        let editable = match conflict.kind {
            ConflictKind::Plan => true,
            ConflictKind::Stop => plan.stops.iter().any(|s| s.title == conflict.id),
            _ => plan.id_in_use(&conflict.id),
        };
        let hint = "Show the item in the inspector to edit it; then keep the edited value";
        if ui
            .add_enabled(editable, egui::Button::new("Edit"))
            .accessible_name(format!("Edit: {about}"))
            .on_hover_text(hint)
            .clicked()
        {
            action = Some(Asked::Edit(conflict.clone()));
        }
    });
    action
}

/// One labelled value of a conflict, shortened when long.
fn value_row_ui(ui: &mut Ui, label: &str, value: &str, colour: Color32, conflict: &Conflict) {
    ui.label(RichText::new(label).color(Color32::from_gray(90)));
    let shown = shown_value(value, conflict);
    let text = RichText::new(&shown).color(colour).monospace();
    let response = ui.add(egui::Label::new(text).wrap());
    if shown != value && !value.is_empty() {
        response.on_hover_text(value);
    }
    ui.end_row();
}

/// A value as a row shows it: "(deleted)" or "(none)" when empty, shortened when long.
fn shown_value(value: &str, conflict: &Conflict) -> String {
    if value.is_empty() {
        return if conflict.is_whole_item() {
            "(deleted)".to_owned()
        } else {
            "(none)".to_owned()
        };
    }
    match value.char_indices().nth(SHOWN_CHARS) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_owned(),
    }
}

/// "Investment “National GPU cluster” · end", "Plan · horizon.end".
fn heading(plan: &Roadmap, conflict: &Conflict) -> String {
    let what = match conflict.kind {
        ConflictKind::Plan => "Plan".to_owned(),
        kind => format!("{} “{}”", capitalised(kind.noun()), name(plan, conflict)),
    };
    if conflict.is_whole_item() {
        let side = if conflict.ours.is_empty() {
            "deleted by us, changed by them"
        } else {
            "changed by us, deleted by them"
        };
        format!("{what}: {side}")
    } else {
        format!("{what} · {}", conflict.field)
    }
}

/// The name a planner knows the conflict's item by (its id when the item is gone).
fn name(plan: &Roadmap, conflict: &Conflict) -> String {
    let id = conflict.id.as_str();
    let found = match conflict.kind {
        ConflictKind::Plan | ConflictKind::Stop => None,
        ConflictKind::Layer => plan.layer(id).map(|l| l.name.clone()),
        ConflictKind::Dependency => plan.dependency(id).map(|d| d.name.clone()),
        ConflictKind::Investment => plan.investment(id).map(|i| i.title.clone()),
        ConflictKind::Milestone => plan.milestone(id).map(|m| m.title.clone()),
    };
    found
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| id.to_owned())
}

/// "investment" → "Investment".
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Resolves `conflict` as one undoable edit; a value that does not fit is shown, not applied.
fn resolve_now(conflict: &Conflict, choice: Choice, out: &mut Actions) {
    let verb = match choice {
        Choice::Ours => "Keep ours",
        Choice::Theirs => "Take theirs",
        Choice::Value(_) => "Resolve",
    };
    let label = format!("{verb}: {conflict}");
    let edit = action::Edit::Resolve(Box::new(conflict.clone()), choice);
    out.push(action::Action::Edit(Record::Step(label), edit));
}

/// Selects the conflict's item (or the plan) and puts the keyboard in the inspector.
fn edit(conflict: &Conflict, out: &mut Actions) {
    let kind = match conflict.kind {
        ConflictKind::Plan => None,
        ConflictKind::Stop => {
            out.view(ViewChange::ShowStops);
            return;
        }
        ConflictKind::Layer => Some(ItemKind::Layer),
        ConflictKind::Dependency => Some(ItemKind::Dependency),
        ConflictKind::Investment => Some(ItemKind::Investment),
        ConflictKind::Milestone => Some(ItemKind::Milestone),
    };
    out.select(kind.map(|k| Selection::new(k, &conflict.id)));
    out.view(ViewChange::RevealPending(kind.is_some()));
    out.push(action::Action::FocusInspector);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conflict(field: &str, ours: &str) -> Conflict {
        Conflict {
            kind: ConflictKind::Investment,
            id: "gone".into(),
            field: field.into(),
            base: String::new(),
            ours: ours.into(),
            theirs: "x".into(),
        }
    }

    #[test]
    fn long_values_are_shortened_and_empty_ones_named() {
        let c = conflict("notes", "a");
        assert_eq!(shown_value(&"é".repeat(100), &c).chars().count(), 91);
        assert_eq!(shown_value("", &c), "(none)");
        assert_eq!(shown_value("", &conflict("", "")), "(deleted)");
    }

    #[test]
    fn a_row_is_headed_by_the_item_or_its_id_when_gone() {
        let horizon = crate::model::Horizon {
            start: "2026-01".parse().unwrap(),
            end: "2030-12".parse().unwrap(),
        };
        let plan = Roadmap::blank("P", horizon);
        assert_eq!(
            heading(&plan, &conflict("end", "1")),
            "Investment “gone” · end"
        );
        assert_eq!(
            heading(&plan, &conflict("", "")),
            "Investment “gone”: deleted by us, changed by them"
        );
    }
}
