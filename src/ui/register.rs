//! The register (left panel): layers and the dependency register.

use egui::Button;

use super::app::StackplanApp;
use super::edits;
use super::view::Selection;
use crate::model::{Colour, ItemKind};

/// The register panel.
pub fn register_ui(app: &mut StackplanApp, ui: &mut egui::Ui) {
    egui::ScrollArea::vertical()
        .id_salt("layers")
        .max_height(ui.available_height() * 0.45)
        .show(ui, |ui| {
            ui.heading("Layers");
            layers_ui(app, ui);
        });
    ui.add_space(10.0);
    ui.heading("Dependencies");
    if ui.button("Add dependency").clicked() {
        let layer = app
            .plan()
            .layers
            .first()
            .map(|l| l.id.clone())
            .unwrap_or_default();
        let mut id = String::new();
        app.doc
            .edit("Add dependency", |p| id = edits::add_dependency(p, &layer));
        app.select_new(ItemKind::Dependency, &id);
    }
    dependencies_ui(app, ui);
}

fn layers_ui(app: &mut StackplanApp, ui: &mut egui::Ui) {
    let layers = app.plan().layers.clone();
    let count = layers.len();
    for (index, layer) in layers.iter().enumerate() {
        ui.horizontal(|ui| {
            let mut rgb = [layer.colour.r, layer.colour.g, layer.colour.b];
            let colour = ui
                .color_edit_button_srgb(&mut rgb)
                .on_hover_text("Lane colour")
                .accessible_name(format!("Colour of layer {}", layer.name));
            if colour.changed() {
                let id = layer.id.clone();
                app.doc
                    .edit_merging("Recolour layer", &format!("colour {id}"), |p| {
                        if let Some(l) = p.layers.iter_mut().find(|l| l.id == id) {
                            l.colour = Colour::rgb(rgb[0], rgb[1], rgb[2]);
                        }
                    });
            }
            let mut name = layer.name.clone();
            let name_resp = ui.add(egui::TextEdit::singleline(&mut name).desired_width(110.0));
            let label = format!("Name of layer {}", layer.name);
            name_resp
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &label));
            if name_resp.changed() {
                let id = layer.id.clone();
                app.doc
                    .edit_merging("Rename layer", &format!("name {id}"), |p| {
                        if let Some(l) = p.layers.iter_mut().find(|l| l.id == id) {
                            l.name = name;
                        }
                    });
            }
            if ui
                .add_enabled(index > 0, Button::new("Up").small())
                .accessible_name(format!("Move layer {} up", layer.name))
                .on_hover_text("Move up")
                .clicked()
            {
                app.doc
                    .edit("Move layer up", |p| edits::move_layer(p, &layer.id, -1));
            }
            if ui
                .add_enabled(index + 1 < count, Button::new("Down").small())
                .accessible_name(format!("Move layer {} down", layer.name))
                .on_hover_text("Move down")
                .clicked()
            {
                app.doc
                    .edit("Move layer down", |p| edits::move_layer(p, &layer.id, 1));
            }
            if ui
                .small_button("Edit")
                .accessible_name(format!("Edit layer {}", layer.name))
                .on_hover_text("Edit in the inspector")
                .clicked()
            {
                app.select(Some(Selection::new(ItemKind::Layer, &layer.id)));
            }
            if ui
                .small_button("Remove")
                .accessible_name(format!("Remove layer {}", layer.name))
                .on_hover_text(format!("Remove layer {}", layer.name))
                .clicked()
            {
                app.ask_remove_layer(&layer.id);
            }
        });
    }
    if ui.button("Add layer").clicked() {
        let mut id = String::new();
        app.doc.edit("Add layer", |p| id = edits::add_layer(p));
        app.select_new(ItemKind::Layer, &id);
    }
}

fn dependencies_ui(app: &mut StackplanApp, ui: &mut egui::Ui) {
    let count = app.plan().dependencies.len();
    let row = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical()
        .id_salt("dependencies")
        .auto_shrink([false, false])
        .show_rows(ui, row, count, |ui, rows| {
            let shown: Vec<_> = app
                .plan()
                .dependencies
                .get(rows)
                .unwrap_or_default()
                .to_vec();
            let found = app.found_ids();
            for d in &shown {
                dependency_row_ui(app, ui, d, &found);
            }
        });
}

fn dependency_row_ui(
    app: &mut StackplanApp,
    ui: &mut egui::Ui,
    d: &crate::model::Dependency,
    found: &[String],
) {
    ui.horizontal(|ui| {
        let c = d.control.colour();
        let (swatch, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
        ui.painter()
            .rect_filled(swatch, 2.0, egui::Color32::from_rgb(c.r, c.g, c.b));
        let selected = app.view().is_selected(&d.id);
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
                app.view_mut().toggle(item);
            } else {
                app.select(Some(item));
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("Remove")
                .accessible_name(format!("Remove dependency {}", d.name))
                .on_hover_text(format!("Remove dependency {}", d.name))
                .clicked()
            {
                let id = d.id.clone();
                app.doc.edit("Remove dependency", |p| {
                    edits::delete_item(p, ItemKind::Dependency, &id)
                });
                app.drop_missing_selection();
            }
        });
    });
}
