//! The Stops panel (the plan's presentation stops: add the current view, rename, notes,
//! reorder, delete) and the handout export.

use egui::{TextEdit, Ui};

use super::action::{Actions, Context, Edit, ViewChange};
use super::commands::Command;
use super::view::{MIN_ZOOM, Selection, ViewState};
use crate::analysis::stops;
use crate::model::{Month, Roadmap, Stop, StopView};

/// The Stops panel: the saved stops, or a note that the default ones are in use.
pub fn stops_ui(cx: &Context, ui: &mut Ui, out: &mut Actions) {
    ui.heading("Stops");
    let plan = cx.plan();
    if plan.stops.is_empty() {
        let count = stops::default_stops(plan).len();
        ui.label(format!(
            "The {count} default stops are in use: an overview, one per milestone by date, \
             and a summary. Saved stops replace them."
        ));
        if ui.button("Save the default stops to edit them").clicked() {
            out.edit(
                "Save default stops",
                Edit::Stops(stops::default_stops(plan)),
            );
        }
    }
    ui.weak("While presenting: N shows the notes, P opens the presenter window.");
    ui.horizontal(|ui| {
        if ui.button("Add current view").clicked() {
            add_current_view(cx, out);
        }
        if ui
            .button("Present")
            .accessible_name("Present these stops")
            .clicked()
        {
            out.run(Command::Present);
        }
    });
    ui.separator();
    let saved = &plan.stops;
    let count = saved.len();
    egui::ScrollArea::vertical()
        .id_salt("stops")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (index, stop) in saved.iter().enumerate() {
                ui.group(|ui| stop_ui(cx, ui, (index, count), stop, out));
            }
        });
}

/// Adds the editor's current time window, layers and selection as the last stop.
pub fn add_current_view(cx: &Context, out: &mut Actions) {
    let stop = stop_of_view(cx.plan(), cx.view, cx.time_width());
    out.status(format!("Added stop \"{}\"", stop.title));
    let mut stops = cx.plan().stops.clone();
    stops.push(stop);
    out.edit("Add stop", Edit::Stops(stops));
}

/// The plan's stops with stop `index` changed by `change`.
fn changed(cx: &Context, index: usize, change: impl FnOnce(&mut Stop)) -> Edit {
    let mut stops = cx.plan().stops.clone();
    if let Some(s) = stops.get_mut(index) {
        change(s);
    }
    Edit::Stops(stops)
}

/// One saved stop: title and notes edited in place, its window and focus, and the buttons
/// that show, move and delete it.
fn stop_ui(
    cx: &Context,
    ui: &mut Ui,
    (index, count): (usize, usize),
    stop: &Stop,
    out: &mut Actions,
) {
    let number = index + 1;
    let mut title = stop.title.clone();
    ui.horizontal(|ui| {
        ui.strong(format!("{number}."));
        let edit = ui
            .add(TextEdit::singleline(&mut title).desired_width(f32::INFINITY))
            .accessible_name(format!("Stop {number} title"));
        if edit.changed() {
            let key = format!("stop-title-{index}");
            let edit = changed(cx, index, |s| s.title = title.clone());
            out.edit_merging("Rename stop", key, edit);
        }
    });
    let focus = stop
        .focus
        .as_deref()
        .map(|id| format!(" · focus {}", item_title(cx.plan(), id)))
        .unwrap_or_default();
    let layers = if stop.layers.is_empty() {
        String::new()
    } else {
        format!(
            " · {}",
            crate::model::plural(stop.layers.len(), "layer", "layers")
        )
    };
    ui.weak(format!("{} to {}{focus}{layers}", stop.from, stop.to));
    let mut sovereignty = stop.view == StopView::Sovereignty;
    let toggle = ui
        .checkbox(&mut sovereignty, "Sovereignty view")
        .accessible_name(format!("Stop {number} shows the sovereignty view"))
        .on_hover_text(
            "Show the weakest-link heatmap and the exposure share by jurisdiction instead of \
             the roadmap chart",
        );
    if toggle.changed() {
        let view = if sovereignty {
            StopView::Sovereignty
        } else {
            StopView::Chart
        };
        out.edit("Change stop view", changed(cx, index, |s| s.view = view));
    }
    layers_ui(cx, ui, index, stop, out);
    let mut notes = stop.notes.clone();
    let edit = ui
        .add(
            TextEdit::multiline(&mut notes)
                .hint_text("Speaker notes")
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .accessible_name(format!("Stop {number} notes"));
    if edit.changed() {
        let key = format!("stop-notes-{index}");
        let edit = changed(cx, index, |s| s.notes = notes.clone());
        out.edit_merging("Edit speaker notes", key, edit);
    }
    ui.horizontal(|ui| {
        if button(ui, "Show", &format!("Show stop {number}"), true) {
            show_stop(cx, stop, out);
        }
        if button(ui, "Up", &format!("Move stop {number} up"), index > 0) {
            let mut stops = cx.plan().stops.clone();
            move_stop(&mut stops, index, -1);
            out.edit("Move stop up", Edit::Stops(stops));
        }
        if button(
            ui,
            "Down",
            &format!("Move stop {number} down"),
            number < count,
        ) {
            let mut stops = cx.plan().stops.clone();
            move_stop(&mut stops, index, 1);
            out.edit("Move stop down", Edit::Stops(stops));
        }
        if button(ui, "Delete", &format!("Delete stop {number}"), true) {
            let mut stops = cx.plan().stops.clone();
            if index < stops.len() {
                stops.remove(index);
            }
            out.edit("Delete stop", Edit::Stops(stops));
        }
    });
}

/// Which layers the stop shows, as checkboxes (all ticked = every layer).
fn layers_ui(cx: &Context, ui: &mut Ui, index: usize, stop: &Stop, out: &mut Actions) {
    let number = index + 1;
    let layers: Vec<(String, String)> = cx
        .plan()
        .layers
        .iter()
        .map(|l| (l.id.clone(), l.name.clone()))
        .collect();
    egui::CollapsingHeader::new("Layers shown")
        .id_salt(("stop-layers", index))
        .show(ui, |ui| {
            for (id, name) in &layers {
                let mut shown = stop.layers.is_empty() || stop.layers.contains(id);
                let toggle = ui
                    .checkbox(&mut shown, name)
                    .accessible_name(format!("Stop {number} shows {name}"));
                if toggle.changed() {
                    let all: Vec<String> = layers.iter().map(|(id, _)| id.clone()).collect();
                    let edit = changed(cx, index, |s| {
                        s.layers = toggle_layer(&all, &s.layers, id, shown);
                    });
                    out.edit("Change stop layers", edit);
                }
            }
        });
}

/// The layers of a stop after showing (`on`) or hiding layer `id`; `all` are the plan's
/// layers. Empty means every layer; the last shown layer cannot be hidden.
pub fn toggle_layer(all: &[String], shown: &[String], id: &str, on: bool) -> Vec<String> {
    let current: Vec<&String> = if shown.is_empty() {
        all.iter().collect()
    } else {
        all.iter().filter(|l| shown.contains(l)).collect()
    };
    let next: Vec<String> = all
        .iter()
        .filter(|l| {
            if l.as_str() == id {
                on
            } else {
                current.contains(l)
            }
        })
        .cloned()
        .collect();
    if next.is_empty() {
        current.into_iter().cloned().collect()
    } else if next.len() == all.len() {
        Vec::new()
    } else {
        next
    }
}

/// A small button with its own accessible name; true when clicked.
fn button(ui: &mut Ui, text: &str, name: &str, enabled: bool) -> bool {
    ui.add_enabled(enabled, egui::Button::new(text).small())
        .accessible_name(name)
        .on_hover_text(name)
        .clicked()
}

/// Shows the stop's window in the editor, its focus selected.
fn show_stop(cx: &Context, stop: &Stop, out: &mut Actions) {
    let plan = cx.plan();
    let focus = stop
        .focus
        .as_deref()
        .and_then(|id| Some(Selection::new(plan.kind_of(id)?, id)));
    out.view(ViewChange::Window {
        from: stop.from,
        to: stop.to,
        width: cx.time_width(),
        focus,
    });
}

/// Moves stop `index` by `step` places (clamped to the list).
pub fn move_stop(stops: &mut [Stop], index: usize, step: i32) {
    let target = index as i64 + i64::from(step);
    if index < stops.len() && (0..stops.len() as i64).contains(&target) {
        stops.swap(index, target as usize);
    }
}

/// The stop showing what `view` shows on a time area `width` points wide: the months in
/// view, every layer, the selection in focus, titled after the selection or the window.
pub fn stop_of_view(plan: &Roadmap, view: &ViewState, width: f32) -> Stop {
    let ppm = view.points_per_month.max(MIN_ZOOM);
    let first = view.first_month.floor();
    let last = (view.first_month + width.max(ppm) / ppm - 0.001).floor();
    let clamp = |m: f32| m.clamp(i32::MIN as f32, i32::MAX as f32) as i32;
    let from = Month::from_index(clamp(first));
    let to = Month::from_index(clamp(last)).max(from);
    let focus = view.selection.as_ref().map(|s| s.id.clone());
    let title = focus
        .as_deref()
        .map_or_else(|| format!("{from} to {to}"), |id| item_title(plan, id));
    Stop {
        title,
        from,
        to,
        layers: Vec::new(),
        focus,
        notes: String::new(),
        view: crate::model::StopView::Chart,
    }
}

/// The title (or name) of item `id`, or the id when it names nothing.
fn item_title(plan: &Roadmap, id: &str) -> String {
    if let Some(m) = plan.milestone(id) {
        m.title.clone()
    } else if let Some(i) = plan.investment(id) {
        i.title.clone()
    } else if let Some(d) = plan.dependency(id) {
        d.name.clone()
    } else {
        id.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ItemKind;

    fn plan() -> Roadmap {
        crate::io::example_plan().unwrap()
    }

    #[test]
    fn the_view_becomes_a_stop_of_the_months_in_view() {
        let view = ViewState {
            first_month: Month::new(2028, 3).unwrap().index() as f32 + 0.5,
            points_per_month: 20.0,
            selection: Some(Selection::new(ItemKind::Milestone, "licensed-llm-live")),
            ..ViewState::default()
        };
        let stop = stop_of_view(&plan(), &view, 480.0);
        assert_eq!(stop.from.to_string(), "2028-03");
        assert_eq!(stop.to.to_string(), "2030-03", "24 months from mid-March");
        assert_eq!(stop.focus.as_deref(), Some("licensed-llm-live"));
        assert_eq!(stop.title, "Licensed closed model on local servers");
        let none = ViewState {
            selection: None,
            ..view
        };
        assert_eq!(
            stop_of_view(&plan(), &none, 480.0).title,
            "2028-03 to 2030-03"
        );
    }

    #[test]
    fn moving_a_stop_swaps_it_with_its_neighbour_and_stops_at_the_ends() {
        let stop = |t: &str| Stop {
            title: t.into(),
            from: Month::new(2026, 1).unwrap(),
            to: Month::new(2026, 12).unwrap(),
            layers: Vec::new(),
            focus: None,
            notes: String::new(),
            view: crate::model::StopView::Chart,
        };
        let mut stops = vec![stop("a"), stop("b"), stop("c")];
        move_stop(&mut stops, 0, 1);
        move_stop(&mut stops, 2, 1);
        move_stop(&mut stops, 0, -1);
        move_stop(&mut stops, 7, -1);
        let titles: Vec<_> = stops.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["b", "a", "c"]);
    }

    #[test]
    fn hiding_and_showing_layers_keeps_plan_order_and_all_means_empty() {
        let all: Vec<String> = ["chips", "compute", "models"].map(String::from).to_vec();
        let hidden = toggle_layer(&all, &[], "compute", false);
        assert_eq!(hidden, ["chips", "models"]);
        let only = toggle_layer(&all, &hidden, "chips", false);
        assert_eq!(only, ["models"]);
        assert_eq!(
            toggle_layer(&all, &only, "models", false),
            ["models"],
            "one stays"
        );
        let back = toggle_layer(&all, &only, "chips", true);
        assert_eq!(back, ["chips", "models"]);
        assert!(
            toggle_layer(&all, &back, "compute", true).is_empty(),
            "all = empty"
        );
    }
}
