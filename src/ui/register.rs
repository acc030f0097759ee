//! The register (left panel): layers and the dependency register.

use egui::Button;

use super::action::{Action, Actions, Context, Edit};
use super::view::Selection;
use crate::model::{Colour, ItemKind};

/// The register panel.
pub fn register_ui(cx: &Context, ui: &mut egui::Ui, out: &mut Actions) {
    egui::ScrollArea::vertical()
        .id_salt("layers")
        .max_height(ui.available_height() * 0.45)
        .show(ui, |ui| {
            ui.heading("Layers");
            layers_ui(cx, ui, out);
        });
    ui.add_space(10.0);
    ui.heading("Dependencies");
    if ui.button("Add dependency").clicked() {
        let layer = cx
            .plan()
            .layers
            .first()
            .map(|l| l.id.clone())
            .unwrap_or_default();
        out.edit("Add dependency", Edit::AddDependency(layer));
    }
    dependencies_ui(cx, ui, out);
}

fn layers_ui(cx: &Context, ui: &mut egui::Ui, out: &mut Actions) {
    let layers = &cx.plan().layers;
    let count = layers.len();
    for (index, layer) in layers.iter().enumerate() {
        ui.horizontal(|ui| {
            let mut rgb = [layer.colour.r, layer.colour.g, layer.colour.b];
            let colour = ui
                .color_edit_button_srgb(&mut rgb)
                .on_hover_text("Lane colour")
                .accessible_name(format!("Colour of layer {}", layer.name));
            if colour.changed() {
                let mut edited = layer.clone();
                edited.colour = Colour::rgb(rgb[0], rgb[1], rgb[2]);
                let key = format!("colour {}", layer.id);
                out.edit_merging("Recolour layer", key, Edit::PutLayer(Box::new(edited)));
            }
            let mut name = layer.name.clone();
            let name_resp = ui.add(egui::TextEdit::singleline(&mut name).desired_width(110.0));
            let label = format!("Name of layer {}", layer.name);
            name_resp
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &label));
            if name_resp.changed() {
                let mut edited = layer.clone();
                edited.name = name;
                let key = format!("name {}", layer.id);
                out.edit_merging("Rename layer", key, Edit::PutLayer(Box::new(edited)));
            }
            if ui
                .add_enabled(index > 0, Button::new("Up").small())
                .accessible_name(format!("Move layer {} up", layer.name))
                .on_hover_text("Move up")
                .clicked()
            {
                out.edit("Move layer up", Edit::MoveLayer(layer.id.clone(), -1));
            }
            if ui
                .add_enabled(index + 1 < count, Button::new("Down").small())
                .accessible_name(format!("Move layer {} down", layer.name))
                .on_hover_text("Move down")
                .clicked()
            {
                out.edit("Move layer down", Edit::MoveLayer(layer.id.clone(), 1));
            }
            if ui
                .small_button("Edit")
                .accessible_name(format!("Edit layer {}", layer.name))
                .on_hover_text("Edit in the inspector")
                .clicked()
            {
                out.select(Some(Selection::new(ItemKind::Layer, &layer.id)));
            }
            if ui
                .small_button("Remove")
                .accessible_name(format!("Remove layer {}", layer.name))
                .on_hover_text(format!("Remove layer {}", layer.name))
                .clicked()
            {
                out.push(Action::RemoveLayer(layer.id.clone()));
            }
        });
    }
    if ui.button("Add layer").clicked() {
        out.edit("Add layer", Edit::AddLayer);
    }
}

fn dependencies_ui(cx: &Context, ui: &mut egui::Ui, out: &mut Actions) {
    let count = cx.plan().dependencies.len();
    let row = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical()
        .id_salt("dependencies")
        .auto_shrink([false, false])
        .show_rows(ui, row, count, |ui, rows| {
            let shown = cx.plan().dependencies.get(rows).unwrap_or_default();
            for d in shown {
                dependency_row_ui(cx, ui, d, out);
            }
        });
}

fn dependency_row_ui(
    cx: &Context,
    ui: &mut egui::Ui,
    d: &crate::model::Dependency,
    out: &mut Actions,
) {
    let found = cx.found;
    ui.horizontal(|ui| {
        let c = d.control.colour();
        let (swatch, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
        ui.painter()
            .rect_filled(swatch, 2.0, egui::Color32::from_rgb(c.r, c.g, c.b));
        let selected = cx.view.is_selected(&d.id);
        let shown = format!("{} ({})", super::bidi::visual(&d.name), d.criticality);
        let mut text = egui::RichText::new(shown);
        if found.contains(&d.id) {
            text = text.background_color(super::find::FOUND);
        }
        if ui
            .selectable_label(selected, text)
            .on_hover_text(&d.id)
            .clicked()
        {
            let item = Selection::new(ItemKind::Dependency, &d.id);
            if super::canvas::adding(ui) {
                out.view(super::action::ViewChange::Toggle(item));
            } else {
                out.select(Some(item));
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("Remove")
                .accessible_name(format!("Remove dependency {}", d.name))
                .on_hover_text(format!("Remove dependency {}", d.name))
                .clicked()
            {
                let item = Selection::new(ItemKind::Dependency, &d.id);
                out.edit("Remove dependency", Edit::Delete(vec![item]));
            }
        });
    });
}
