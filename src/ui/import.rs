//! File → Import…: reads a plan from MS Project XML, GanttProject or a spreadsheet into a new,
//! unsaved plan and shows the report. Spreadsheets first show which column holds what; the
//! user may change it, and the choice is remembered for the next import.

use std::path::{Path, PathBuf};

use egui::Ui;

use crate::import::sheet::Preview;
use crate::import::{self, Column, ColumnMapping, Format, ImportOptions};

/// The file where the last column choices are kept.
pub(super) const REMEMBERED: &str = "import-columns.ron";

/// The import dialog of a spreadsheet: its sheets, header and what each column holds.
#[derive(Debug, Clone)]
pub struct ImportForm {
    /// The file to import.
    pub path: PathBuf,
    format: Format,
    bytes: std::sync::Arc<Vec<u8>>,
    /// The choices so far.
    pub options: ImportOptions,
    /// What the choices find in the file, or why they find nothing.
    pub preview: Result<Preview, String>,
}

impl ImportForm {
    /// The form for the spreadsheet at `path`, starting from the remembered `mapping`.
    pub fn new(path: &Path, mapping: ColumnMapping) -> Result<ImportForm, String> {
        let format = Format::of(path).ok_or_else(|| format!("cannot import {}", path.display()))?;
        let bytes = import::read_file(path).map_err(|e| e.to_string())?;
        let mut form = ImportForm {
            path: path.to_owned(),
            format,
            bytes: std::sync::Arc::new(bytes),
            options: ImportOptions {
                mapping,
                ..ImportOptions::default()
            },
            preview: Err(String::new()),
        };
        // A workbook that cannot be opened at all (damaged, password-protected) is an error;
        // one without a recognisable header opens the form to choose the header row.
        match import::sheet::preview(form.format, &form.bytes, &form.options) {
            Err(e) if !matches!(e, import::ImportError::NoHeader(_)) => Err(e.to_string()),
            preview => {
                form.preview = preview.map_err(|e| e.to_string());
                Ok(form)
            }
        }
    }

    /// Looks at the file again with the current choices.
    pub fn refresh(&mut self) {
        self.preview = import::sheet::preview(self.format, &self.bytes, &self.options)
            .map_err(|e| e.to_string());
    }

    /// Chooses the column headed `header` for `column` ("" = none).
    pub fn choose(&mut self, column: Column, header: &str) {
        self.options.mapping.set(column, header);
        self.refresh();
    }
}

/// How the user left the import dialog.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportAnswer {
    /// Import with these choices.
    Import(ImportOptions),
    /// Close without importing.
    Cancel,
}

/// Draws the import dialog; returns the user's answer once they give one.
pub fn form_ui(ui: &mut Ui, form: &mut ImportForm) -> Option<ImportAnswer> {
    let name = form
        .path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    ui.label(format!("Which column holds what in “{name}”:"));
    ui.add_space(4.0);
    let preview = form.preview.clone();
    if let Ok(p) = &preview
        && p.sheets.len() > 1
    {
        let mut sheet = p.sheet.clone();
        egui::ComboBox::from_label("Sheet")
            .selected_text(sheet.clone())
            .show_ui(ui, |ui| {
                for s in &p.sheets {
                    ui.selectable_value(&mut sheet, s.clone(), s);
                }
            });
        if sheet != p.sheet {
            form.options.sheet = Some(sheet);
            form.refresh();
        }
    }
    ui.horizontal(|ui| {
        let mut found = form.options.header_row.is_none();
        if ui.checkbox(&mut found, "Find the header row").changed() {
            form.options.header_row = if found {
                None
            } else {
                preview.as_ref().ok().map(|p| p.header_row)
            };
            form.refresh();
        }
        if let Some(row) = &mut form.options.header_row {
            let label = ui.label("Header row");
            let changed = ui
                .add(egui::DragValue::new(row).range(1..=10_000))
                .labelled_by(label.id)
                .changed();
            if changed {
                form.refresh();
            }
        }
    });
    match &preview {
        Ok(p) => {
            ui.label(format!(
                "Header on row {}, {} rows below it.",
                p.header_row, p.rows
            ));
            columns_ui(ui, form, p);
        }
        Err(message) => {
            ui.colored_label(ui.visuals().error_fg_color, message);
        }
    }
    ui.add_space(8.0);
    let mut answer = None;
    ui.horizontal(|ui| {
        let ready = form.preview.is_ok();
        if ui.add_enabled(ready, egui::Button::new("Import")).clicked() {
            answer = Some(ImportAnswer::Import(form.options.clone()));
        }
        if ui.button("Cancel").clicked() {
            answer = Some(ImportAnswer::Cancel);
        }
    });
    answer
}

fn columns_ui(ui: &mut Ui, form: &mut ImportForm, preview: &Preview) {
    let mut chosen = None;
    egui::Grid::new("import-columns")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for column in Column::ALL {
                let label = ui.label(column.label());
                let current = preview
                    .columns
                    .iter()
                    .find(|(c, _)| *c == column)
                    .and_then(|(_, i)| preview.names.get(*i))
                    .cloned()
                    .unwrap_or_default();
                let shown = if current.is_empty() {
                    "—"
                } else {
                    current.as_str()
                };
                let combo = egui::ComboBox::from_id_salt(("import-column", column))
                    .selected_text(shown)
                    .width(200.0)
                    .show_ui(ui, |ui| {
                        if ui.selectable_label(current.is_empty(), "—").clicked() {
                            chosen = Some((column, String::new()));
                        }
                        for name in preview.names.iter().filter(|n| !n.is_empty()) {
                            if ui.selectable_label(*name == current, name).clicked() {
                                chosen = Some((column, name.clone()));
                            }
                        }
                    });
                combo.response.labelled_by(label.id);
                ui.end_row();
            }
        });
    if let Some((column, header)) = chosen {
        form.choose(column, &header);
    }
}

/// The report of an import as paragraphs for the notice dialog.
pub fn report_lines(report: &import::ImportReport) -> Vec<String> {
    let mut lines: Vec<String> = report.read.iter().map(|l| format!("Read: {l}")).collect();
    for (title, list) in [
        ("Approximated", &report.approximated),
        ("Skipped", &report.skipped),
    ] {
        if list.is_empty() {
            lines.push(format!("{title}: nothing."));
        } else {
            lines.push(format!("{title} ({}):", list.len()));
            lines.extend(list.iter().map(|l| format!("• {l}")));
        }
    }
    lines
}

/// Whether a file dropped on the window is imported (MS Project, GanttProject, spreadsheets,
/// Stackplan's CSV tables) rather than opened as a plan.
pub(super) fn is_importable(path: &Path) -> bool {
    Format::of(path).is_some()
}

/// While a file is dragged over the window: a veil saying what dropping it will do.
pub(super) fn dropped_file_hint(ctx: &egui::Context) {
    let Some(path) = ctx.input(|i| i.raw.hovered_files.first().and_then(|f| f.path.clone())) else {
        return;
    };
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let text = if is_importable(&path) {
        format!("Drop to import {name} as a new plan")
    } else {
        format!("Drop to open {name}")
    };
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("stackplan-drop-hint"),
    ));
    let screen = ctx.content_rect();
    painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(150));
    painter.text(
        screen.center(),
        egui::Align2::CENTER_CENTER,
        text,
        egui::FontId::proportional(24.0),
        egui::Color32::WHITE,
    );
}
