//! The canvas (centre): paints the layout scene and turns pointer and keys into edits.

use super::app::StackplanApp;

/// The id of the canvas widget (it holds the keyboard focus for canvas keys).
pub fn canvas_id() -> egui::Id {
    egui::Id::unique("stackplan-canvas")
}

/// The canvas.
pub fn canvas_ui(app: &mut StackplanApp, ui: &mut egui::Ui) {
    let rect = ui.available_rect_before_wrap();
    let resp = ui.interact(rect, canvas_id(), egui::Sense::click_and_drag());
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Roadmap canvas"));
    if resp.clicked() {
        resp.request_focus();
        app.select(None);
    }
    ui.painter().text(
        rect.left_top() + egui::vec2(12.0, 12.0),
        egui::Align2::LEFT_TOP,
        &app.plan().title,
        egui::FontId::proportional(18.0),
        ui.visuals().strong_text_color(),
    );
}
