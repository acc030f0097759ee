//! The inspector's sovereignty sections: evidence lists (on dependencies, milestones and
//! assessments) and a dependency's framework level per objective.

use egui::{ComboBox, Grid, RichText, TextEdit};

use super::fields::checked_field_ui;
use crate::analysis::Framework;
use crate::model::{Assessment, Confidence, Dependency, Evidence, Month};

/// What an edit in these sections was: typing (merged with more typing in the same field)
/// or a step of its own (adding, removing, choosing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Change {
    /// Nothing changed.
    #[default]
    None,
    /// Text typed into a field.
    Typed,
    /// An entry added or removed, or a value chosen.
    Step,
}

impl Change {
    /// The larger of two changes (a step outweighs typing).
    fn and(self, other: Change) -> Change {
        match (self, other) {
            (Change::Step, _) | (_, Change::Step) => Change::Step,
            (Change::Typed, _) | (_, Change::Typed) => Change::Typed,
            _ => Change::None,
        }
    }
}

/// The month it is now (new evidence is dated today), or `fallback` if the clock says
/// something no month can hold.
pub fn this_month(fallback: Month) -> Month {
    use chrono::Datelike;
    let today = chrono::Local::now().date_naive();
    Month::new(today.year(), today.month()).unwrap_or(fallback)
}

/// An evidence list with a heading, one framed entry per source and an add button named
/// `add`; `salt` keeps the fields of different lists apart, `today` dates a new entry.
/// The entries' controls are named after `add` ("Add evidence for Data" names
/// "Source of evidence 2 for Data"), so that no two read the same to a screen reader.
pub fn evidence_list_ui(
    ui: &mut egui::Ui,
    salt: &str,
    (heading, add): (&str, &str),
    list: &mut Vec<Evidence>,
    today: Month,
) -> Change {
    let mut change = Change::None;
    ui.label(RichText::new(heading).strong());
    if list.is_empty() {
        ui.weak("No evidence yet.");
    }
    let mut remove = None;
    let about = add.strip_prefix("Add evidence").unwrap_or_default();
    for (n, e) in list.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let salt = format!("{salt}-{n}");
            let entry = format!("evidence {}{about}", n + 1);
            change = change.and(evidence_ui(ui, &salt, &entry, e));
            if ui
                .small_button(format!("Remove evidence {}", n + 1))
                .accessible_name(format!("Remove {entry}"))
                .clicked()
            {
                remove = Some(n);
            }
        });
    }
    if let Some(n) = remove {
        list.remove(n);
        change = Change::Step;
    }
    if ui.button(add).clicked() {
        list.push(Evidence {
            source: String::new(),
            date: today,
            confidence: Confidence::Medium,
            note: String::new(),
        });
        change = Change::Step;
    }
    change
}

/// The fields of one piece of evidence, named for a screen reader as those of `entry`.
fn evidence_ui(ui: &mut egui::Ui, salt: &str, entry: &str, e: &mut Evidence) -> Change {
    let before = e.clone();
    let mut change = Change::None;
    Grid::new(("evidence", salt))
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            let label = ui.label("Source");
            ui.add(TextEdit::singleline(&mut e.source).desired_width(f32::INFINITY))
                .labelled_by(label.id)
                .accessible_name(format!("Source of {entry}"));
            ui.end_row();
            let date = ui.make_persistent_id(("evidence-date", salt));
            let dated = checked_field_ui(
                ui,
                ("evidence-date", salt),
                "Date",
                &e.date.to_string(),
                false,
                super::fields::month,
            );
            ui.ctx().accesskit_node_builder(date, |node| {
                node.set_label(format!("Date of {entry}"));
            });
            if let Some(m) = dated {
                e.date = m;
            }
            let label = ui.label("Confidence");
            let picked = e.confidence;
            ComboBox::from_id_salt(("confidence", salt))
                .selected_text(e.confidence.label())
                .show_ui(ui, |ui| {
                    for c in Confidence::ALL {
                        ui.selectable_value(&mut e.confidence, c, c.label());
                    }
                })
                .response
                .labelled_by(label.id)
                .accessible_name(format!("Confidence in {entry}"));
            if e.confidence != picked {
                change = Change::Step;
            }
            ui.end_row();
            let label = ui.label("Note");
            ui.add(TextEdit::singleline(&mut e.note).desired_width(f32::INFINITY))
                .labelled_by(label.id)
                .accessible_name(format!("Note on {entry}"));
            ui.end_row();
        });
    if change == Change::None && *e != before {
        change = Change::Typed;
    }
    change
}

/// A dependency's level on every objective of `framework`: the control level's default or
/// a level set by hand (with its own evidence), and the dependency's own evidence.
pub fn dependency_sovereignty_ui(
    ui: &mut egui::Ui,
    framework: &Framework,
    d: &mut Dependency,
    today: Month,
) -> Change {
    let mut change = Change::None;
    ui.add_space(8.0);
    change = change.and(evidence_list_ui(
        ui,
        &format!("dep-{}", d.id),
        ("Evidence", "Add evidence"),
        &mut d.evidence,
        today,
    ));
    ui.add_space(8.0);
    ui.label(RichText::new(format!("{} levels", framework.name)).strong());
    let default = framework.defaults.level(d.control);
    Grid::new(("assessment", &d.id))
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            for objective in &framework.objectives {
                let set = d
                    .assessment
                    .iter()
                    .position(|a| a.objective == objective.id);
                let current = set.and_then(|k| d.assessment.get(k)).map(|a| a.level);
                let mut chosen = current;
                let label = ui.label(&objective.name);
                let shown = match current {
                    Some(level) => format!("{level} (by hand)"),
                    None => format!("{default} (default)"),
                };
                ComboBox::from_id_salt(("objective", &d.id, &objective.id))
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut chosen, None, format!("{default} (default)"));
                        for level in 0..=framework.max_level() {
                            let name = framework
                                .levels
                                .get(usize::from(level))
                                .map_or(String::new(), |n| format!(": {n}"));
                            ui.selectable_value(&mut chosen, Some(level), format!("{level}{name}"));
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
                if chosen != current {
                    change = Change::Step;
                    match (set, chosen) {
                        (Some(k), None) => {
                            d.assessment.remove(k);
                        }
                        (Some(k), Some(level)) => {
                            if let Some(a) = d.assessment.get_mut(k) {
                                a.level = level;
                            }
                        }
                        (None, Some(level)) => d.assessment.push(Assessment {
                            objective: objective.id.clone(),
                            level,
                            evidence: Vec::new(),
                        }),
                        (None, None) => {}
                    }
                }
            }
        });
    // The evidence of each level set by hand, in the framework's order.
    for objective in &framework.objectives {
        let Some(a) = d
            .assessment
            .iter_mut()
            .find(|a| a.objective == objective.id)
        else {
            continue;
        };
        ui.add_space(4.0);
        change = change.and(evidence_list_ui(
            ui,
            &format!("assess-{}-{}", d.id, objective.id),
            (
                &format!("Why {}: level {}", objective.name, a.level),
                &format!("Add evidence for {}", objective.name),
            ),
            &mut a.evidence,
            today,
        ));
    }
    change
}
