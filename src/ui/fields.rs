//! Form fields shared by the inspector's sections: a text field for a value that must parse,
//! and the month it most often holds.

use std::hash::Hash;

use egui::{Color32, RichText, TextEdit};

use crate::model::Month;

/// Colour of validation messages.
pub const ERROR: Color32 = Color32::from_rgb(0xDC, 0x26, 0x26);

/// A labelled text field for a value that must parse. While the text is invalid a message
/// shows under it and the document keeps its last valid value; returns a newly typed valid
/// value.
pub fn checked_field_ui<T>(
    ui: &mut egui::Ui,
    salt: impl Hash + std::fmt::Debug,
    label: &str,
    current: &str,
    focus: bool,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Option<T> {
    let id = ui.make_persistent_id(salt);
    let buffer_id = id.with("buffer");
    let mut text = ui
        .data(|d| d.get_temp::<String>(buffer_id))
        .unwrap_or_else(|| current.to_owned());
    let label_resp = ui.label(label);
    let mut result = None;
    let mut error = None;
    ui.vertical(|ui| {
        let resp = ui
            .add(
                TextEdit::singleline(&mut text)
                    .id(id)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label_resp.id);
        if focus {
            resp.request_focus();
        }
        let parsed = parse(&text);
        if resp.has_focus() {
            ui.data_mut(|d| d.insert_temp(buffer_id, text.clone()));
        } else {
            ui.data_mut(|d| d.remove::<String>(buffer_id));
        }
        match parsed {
            Ok(v) if resp.changed() => result = Some(v),
            Ok(_) => {}
            Err(msg) if resp.has_focus() || resp.lost_focus() => error = Some(msg),
            Err(_) => {}
        }
        if let Some(msg) = &error {
            ui.label(RichText::new(msg).color(ERROR).small());
        }
    });
    ui.end_row();
    result
}

pub fn month(text: &str) -> Result<Month, String> {
    text.trim().parse::<Month>().map_err(|_| {
        format!(
            "“{}” is not a month: write YYYY-MM, e.g. 2028-06.",
            text.trim()
        )
    })
}
