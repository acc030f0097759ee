//! The options asked before File → Export…: page size and orientation (PDF), the months shown
//! and the PNG scale, checked as they are typed.

use egui::Ui;

use crate::export::{ExportOptions, PageSize};
use crate::model::{Month, Roadmap};

/// What the user is filling in; kept as text so a half-typed month stays on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportForm {
    /// Paper size of PDF pages.
    pub page: PageSize,
    /// Landscape pages.
    pub landscape: bool,
    /// First month shown, as typed.
    pub from: String,
    /// Last month shown, as typed.
    pub to: String,
    /// PNG pixels per point.
    pub scale: f32,
}

/// How the user left the form.
#[derive(Debug, Clone, PartialEq)]
pub enum FormAnswer {
    /// Export with these options (a file is asked for next).
    Export(ExportOptions),
    /// Close without exporting.
    Cancel,
}

impl ExportForm {
    /// The form for `options` on `plan` (an unset month shows the horizon's).
    pub fn new(options: &ExportOptions, plan: &Roadmap) -> ExportForm {
        let (from, to) = options.range(plan);
        ExportForm {
            page: options.page,
            landscape: options.landscape,
            from: from.to_string(),
            to: to.to_string(),
            scale: options.scale,
        }
    }

    /// The options the form describes, or what is wrong with it.
    pub fn options(&self, plan: &Roadmap) -> Result<ExportOptions, String> {
        let month = |text: &str, what: &str| {
            text.trim()
                .parse::<Month>()
                .map_err(|_| format!("{what}: “{}” is not a month like 2030-06", text.trim()))
        };
        let (from, to) = (
            month(&self.from, "First month")?,
            month(&self.to, "Last month")?,
        );
        if to < from {
            return Err("the last month comes before the first".to_owned());
        }
        let whole = (from, to) == (plan.horizon.start, plan.horizon.end);
        Ok(ExportOptions {
            page: self.page,
            landscape: self.landscape,
            from: (!whole).then_some(from),
            to: (!whole).then_some(to),
            scale: self.scale,
            ..ExportOptions::default()
        })
    }
}

/// Draws the form; returns the user's answer once they give one.
pub fn form_ui(ui: &mut Ui, form: &mut ExportForm, plan: &Roadmap) -> Option<FormAnswer> {
    egui::Grid::new("export-options")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label("Page (PDF)");
            let combo = egui::ComboBox::from_id_salt("export-page")
                .selected_text(page_name(form.page))
                .show_ui(ui, |ui| {
                    for page in [PageSize::A4, PageSize::A3, PageSize::Letter] {
                        ui.selectable_value(&mut form.page, page, page_name(page));
                    }
                });
            combo.response.labelled_by(label.id);
            ui.end_row();
            ui.label("Orientation");
            ui.horizontal(|ui| {
                ui.radio_value(&mut form.landscape, true, "Landscape");
                ui.radio_value(&mut form.landscape, false, "Portrait");
            });
            ui.end_row();
            let label = ui.label("First month");
            ui.add(egui::TextEdit::singleline(&mut form.from).desired_width(90.0))
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("Last month");
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(&mut form.to).desired_width(90.0))
                    .labelled_by(label.id);
                if ui.button("Whole plan").clicked() {
                    form.from = plan.horizon.start.to_string();
                    form.to = plan.horizon.end.to_string();
                }
            });
            ui.end_row();
            let label = ui.label("Scale (PNG)");
            let combo = egui::ComboBox::from_id_salt("export-scale")
                .selected_text(format!("{}×", form.scale))
                .show_ui(ui, |ui| {
                    for scale in [1.0, 2.0, 3.0, 4.0] {
                        ui.selectable_value(&mut form.scale, scale, format!("{scale}×"));
                    }
                });
            combo.response.labelled_by(label.id);
            ui.end_row();
        });
    let options = form.options(plan);
    if let Err(problem) = &options {
        ui.colored_label(ui.visuals().error_fg_color, problem);
    }
    ui.add_space(8.0);
    let mut answer = None;
    ui.horizontal(|ui| {
        let chosen = ui.add_enabled(options.is_ok(), egui::Button::new("Choose file…"));
        if chosen.clicked()
            && let Ok(options) = options
        {
            answer = Some(FormAnswer::Export(options));
        }
        if ui.button("Cancel").clicked() {
            answer = Some(FormAnswer::Cancel);
        }
    });
    answer
}

fn page_name(page: PageSize) -> &'static str {
    match page {
        PageSize::A4 => "A4",
        PageSize::A3 => "A3",
        PageSize::Letter => "Letter",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Roadmap {
        crate::io::example_plan().unwrap()
    }

    #[test]
    fn the_whole_horizon_exports_as_unset_months() {
        let form = ExportForm::new(&ExportOptions::default(), &plan());
        assert_eq!(form.from, "2026-01");
        let options = form.options(&plan()).unwrap();
        assert_eq!((options.from, options.to), (None, None));
    }

    #[test]
    fn a_bad_or_backwards_range_is_refused_with_a_reason() {
        let mut form = ExportForm::new(&ExportOptions::default(), &plan());
        form.from = "2030-13".into();
        assert!(form.options(&plan()).unwrap_err().contains("2030-13"));
        form.from = "2031-01".into();
        form.to = "2030-12".into();
        assert!(form.options(&plan()).unwrap_err().contains("before"));
        form.to = "2032-06".into();
        let options = form.options(&plan()).unwrap();
        assert_eq!(
            options.from.map(|m| m.to_string()).as_deref(),
            Some("2031-01")
        );
    }
}
