//! Where the panels go around the canvas. Each panel draws from the frame's read-only
//! [`Context`] (plus, for a few, their own transient state) and pushes [`Actions`]; a new
//! panel is a file in `src/ui` with a `*_ui(cx, ui, out)` function, called from here.

use egui::Ui;

use super::super::action::{Action, Actions, Context};
use super::super::canvas::CanvasState;
use super::super::disk::Offer;
use super::super::find::Find;
use super::super::view::Panels;
use super::super::{
    a11y, canvas, checks, compare, conflicts, disk, exposure, find, inspector, register,
    sovereignty, stops,
};

/// The state panels own and change themselves (not through actions).
pub(super) struct Parts<'a> {
    /// The canvas's gesture, scene cache and widgets.
    pub canvas: &'a mut CanvasState,
    /// The find bar, while it is open.
    pub find: &'a mut Option<Find>,
    /// Whether the inspector takes the keyboard this frame.
    pub focus_inspector: bool,
    /// What the editor offers because the file changed on disk.
    pub disk: Option<&'a Offer>,
}

/// Lays out the panels around the canvas. A screen reader reads them as a person reads the
/// window: menu, register, canvas, then the panels on the right and at the bottom (egui
/// lists them in the order they are laid out, the canvas last).
pub(super) fn panels_ui(cx: &Context, parts: &mut Parts, ui: &mut Ui, out: &mut Actions) {
    if let Some(choice) = disk::disk_bar_ui(parts.disk, cx.document, ui) {
        out.push(Action::Disk(choice));
    }
    let parent = ui.unique_id();
    let panels = cx.view.panels;
    let ((), register) = a11y::children_added(ui, parent, |ui| {
        if panels.register {
            egui::Panel::left("register")
                .default_size(250.0)
                .resizable(true)
                .show(ui, |ui| {
                    register::register_ui(cx, ui, out);
                });
            a11y::name_panel_splitter(ui, "register", "register");
        }
    });
    let mut shock = None;
    let ((), others) = a11y::children_added(ui, parent, |ui| {
        shock = side_panels_ui(cx, parts.focus_inspector, ui, panels, out);
    });
    let ((), canvas) = a11y::children_added(ui, parent, |ui| {
        find::find_bar_ui(cx, parts.find, ui, out);
        egui::CentralPanel::no_frame().show(ui, |ui| {
            canvas::canvas_ui(cx, parts.canvas, shock, ui, out);
        });
    });
    a11y::order_children(ui.ctx(), parent, |node| {
        [&register, &canvas, &others]
            .iter()
            .position(|group| group.contains(&node))
    });
}

/// The panels on the right and at the bottom; returns the shock the Sovereignty view
/// applies, which the canvas marks.
fn side_panels_ui(
    cx: &Context,
    focus_inspector: bool,
    ui: &mut Ui,
    panels: Panels,
    out: &mut Actions,
) -> Option<crate::analysis::sovereignty::Shock> {
    if panels.inspector {
        egui::Panel::right("inspector")
            .default_size(300.0)
            .resizable(true)
            .show(ui, |ui| {
                within_width_ui(ui, |ui| {
                    inspector::inspector_ui(cx, ui, focus_inspector, out)
                });
            });
        a11y::name_panel_splitter(ui, "inspector", "inspector");
    }
    if !cx.plan().conflicts.is_empty() {
        egui::Panel::right("conflicts")
            .default_size(340.0)
            .resizable(true)
            .show(ui, |ui| {
                within_width_ui(ui, |ui| conflicts::conflicts_ui(cx, ui, out))
            });
        a11y::name_panel_splitter(ui, "conflicts", "conflicts panel");
    }
    if panels.stops {
        egui::Panel::right("stops")
            .default_size(280.0)
            .resizable(true)
            .show(ui, |ui| stops::stops_ui(cx, ui, out));
        a11y::name_panel_splitter(ui, "stops", "stops panel");
    }
    if cx.compared.is_some() {
        egui::Panel::right("compare")
            .default_size(320.0)
            .resizable(true)
            .show(ui, |ui| {
                within_width_ui(ui, |ui| compare::compare_ui(cx, ui, out))
            });
        a11y::name_panel_splitter(ui, "compare", "comparison panel");
    }
    if panels.checks {
        egui::Panel::bottom("checks")
            .default_size(130.0)
            .resizable(true)
            .show(ui, |ui| {
                checks::checks_ui(cx, ui, out);
            });
        a11y::name_panel_splitter(ui, "checks", "checks list");
    }
    let mut shock = None;
    if panels.exposure {
        egui::Panel::bottom("exposure")
            .resizable(false)
            .show(ui, |ui| {
                let id = sovereignty::tab_id();
                let mut sovereign = ui.data(|d| d.get_temp::<bool>(id)).unwrap_or(false);
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut sovereign, false, "Exposure");
                    ui.selectable_value(&mut sovereign, true, "Sovereignty");
                });
                ui.data_mut(|d| d.insert_temp(id, sovereign));
                if sovereign {
                    shock = sovereignty::sovereignty_ui(cx, ui);
                } else {
                    exposure::exposure_ui(cx, ui, out);
                }
            });
    }
    shock
}

/// Draws `contents` in the width the panel has, so that nothing inside can widen it: the
/// panel keeps the width the user gave it, whatever is selected.
fn within_width_ui(ui: &mut Ui, contents: impl FnOnce(&mut Ui)) {
    let rect = ui.available_rect_before_wrap();
    let mut inside = ui.new_child(egui::UiBuilder::new().max_rect(rect).layout(*ui.layout()));
    inside.shrink_clip_rect(rect);
    contents(&mut inside);
    ui.advance_cursor_after_rect(rect);
}
