//! The checks list: every finding of the analysis; clicking one selects its item.

use egui::{Color32, RichText};

use super::action::{Actions, Context};
use super::view::Selection;
use crate::analysis::{Finding, Severity};

/// Colour of a severity's marker.
fn severity_colour(severity: Severity) -> Color32 {
    match severity {
        Severity::Error => Color32::from_rgb(0xDC, 0x26, 0x26),
        Severity::Warning => Color32::from_rgb(0xD9, 0x77, 0x06),
        Severity::Info => Color32::from_rgb(0x25, 0x63, 0xEB),
    }
}

/// The severity as the editor writes it before a finding ("Warning").
fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Info",
    }
}

fn finding_label(f: &Finding) -> RichText {
    RichText::new(format!(
        "{}: {}",
        severity_word(f.severity),
        super::bidi::visual(&f.sentence())
    ))
}

/// The list of every finding.
pub fn checks_ui(cx: &Context, ui: &mut egui::Ui, out: &mut Actions) {
    let analysis = cx.analysis;
    let findings = analysis.findings();
    ui.horizontal(|ui| {
        ui.strong("Checks");
        for severity in [Severity::Error, Severity::Warning, Severity::Info] {
            let n = analysis.count(severity);
            let counted = match severity {
                Severity::Error => crate::model::plural(n, "error", "errors"),
                Severity::Warning => crate::model::plural(n, "warning", "warnings"),
                Severity::Info => format!("{n} info"),
            };
            ui.label(RichText::new(counted).color(severity_colour(severity)));
        }
    });
    if findings.is_empty() {
        ui.weak("No findings: the plan is consistent.");
    }
    let row = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical()
        .id_salt("checks-list")
        .auto_shrink([false, false])
        .show_rows(ui, row, findings.len(), |ui, rows| {
            for f in findings.get(rows).unwrap_or_default() {
                ui.horizontal(|ui| {
                    let (dot, _) =
                        ui.allocate_exact_size(egui::vec2(8.0, 8.0), egui::Sense::hover());
                    ui.painter()
                        .circle_filled(dot.center(), 4.0, severity_colour(f.severity));
                    let selected = f.ids.first().is_some_and(|id| cx.view.is_selected(id));
                    let resp = ui
                        .selectable_label(selected, finding_label(f))
                        .accessible_name(crate::analysis::spoken::finding(f))
                        .on_hover_text(f.ids.join(", "));
                    if resp.clicked() {
                        select_first(cx, f, out);
                    }
                });
            }
        });
}

/// Selects the first item a finding names and scrolls the canvas to it.
fn select_first(cx: &Context, f: &Finding, out: &mut Actions) {
    let plan = cx.plan();
    let Some((kind, id)) = f
        .ids
        .iter()
        .find_map(|id| plan.kind_of(id).map(|k| (k, id.clone())))
    else {
        return;
    };
    out.select_and_reveal(Selection::new(kind, &id));
}

/// The findings that name `id`, as lines (for tooltips and the inspector).
pub fn checks_of_ui(findings: &[Finding], id: &str, ui: &mut egui::Ui) {
    let mine: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.ids.iter().any(|x| x == id))
        .collect();
    if mine.is_empty() {
        return;
    }
    ui.separator();
    for f in mine {
        ui.label(
            RichText::new(format!(
                "{}: {}",
                severity_word(f.severity),
                super::bidi::visual(&f.sentence())
            ))
            .color(severity_colour(f.severity)),
        );
    }
}
