//! The inspector (right panel): every field of the selection, validated as you type.

use egui::{Color32, ComboBox, Grid, RichText, TextEdit};

use super::action::{Action, Actions, Context, Edit, PlanFields};
use super::edits;
use super::evidence;
use super::fields::{checked_field_ui, month};
use super::link_picker::{link_candidates, link_field_ui};
use super::view::Selection;
use crate::model::{ControlLevel, Dependency, Investment, ItemKind, Layer, Milestone, Roadmap};

/// Colour of validation messages.
const ERROR: Color32 = Color32::from_rgb(0xDC, 0x26, 0x26);

/// The inspector panel; `focus` puts the keyboard in its first field.
pub fn inspector_ui(cx: &Context, ui: &mut egui::Ui, focus: bool, out: &mut Actions) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let selected = cx.view.selected();
            if selected.len() > 1 {
                return super::group::group_ui(cx, ui, &selected, out);
            }
            match &cx.view.selection {
                Some(sel) => item_ui(cx, ui, sel, focus, out),
                None => plan_ui(cx, ui, focus, out),
            }
            let analysis = cx.analysis;
            if let Some(sel) = &cx.view.selection {
                if let Some(report) = analysis.milestone_report(&sel.id) {
                    milestone_report_ui(cx.plan(), report, ui);
                    super::critical::critical_path_ui(cx, ui, &sel.id, out);
                }
                super::checks::checks_of_ui(analysis.findings(), &sel.id, ui);
            }
        });
}

fn item_ui(cx: &Context, ui: &mut egui::Ui, sel: &Selection, focus: bool, out: &mut Actions) {
    let new_id = match sel.kind {
        ItemKind::Investment => cx.plan().investment(&sel.id).cloned().and_then(|i| {
            heading_ui(ui, "Investment");
            let mut edited = i.clone();
            let plan = cx.plan();
            let id = fields_ui(ui, plan, &sel.id, focus, |ui, focus| {
                investment_ui(ui, plan, &mut edited, focus)
            });
            let follow = id_following_title(cx, sel, &i.title, &edited.title);
            let step = edited.after != i.after;
            commit(cx, ui, &sel.id, (edited != i, step), out, || {
                following(
                    Edit::PutInvestment(Box::new(edited)),
                    sel,
                    follow.as_deref(),
                )
            });
            if let Some(new) = follow {
                out.push(Action::Naming(Some(new.clone())));
                out.select(Some(Selection::new(sel.kind, &new)));
            }
            id
        }),
        ItemKind::Milestone => cx.plan().milestone(&sel.id).cloned().and_then(|m| {
            heading_ui(ui, "Milestone");
            let mut edited = m.clone();
            let plan = cx.plan();
            let id = fields_ui(ui, plan, &sel.id, focus, |ui, focus| {
                milestone_ui(ui, plan, &mut edited, focus)
            });
            ui.add_space(8.0);
            let today = evidence::this_month(plan.horizon.start);
            let change = evidence::evidence_list_ui(
                ui,
                &format!("milestone-{}", m.id),
                ("Evidence that it removes what it removes", "Add evidence"),
                &mut edited.evidence,
                today,
            );
            let follow = id_following_title(cx, sel, &m.title, &edited.title);
            let step = (&edited.needs, &edited.removes, &edited.introduces)
                != (&m.needs, &m.removes, &m.introduces);
            record(cx, ui, &sel.id, change, (edited != m, step), out, || {
                following(Edit::PutMilestone(Box::new(edited)), sel, follow.as_deref())
            });
            if let Some(new) = follow {
                out.push(Action::Naming(Some(new.clone())));
                out.select(Some(Selection::new(sel.kind, &new)));
            }
            id
        }),
        ItemKind::Dependency => cx.plan().dependency(&sel.id).cloned().and_then(|d| {
            heading_ui(ui, "Dependency");
            let mut edited = d.clone();
            let plan = cx.plan();
            let id = fields_ui(ui, plan, &sel.id, focus, |ui, focus| {
                dependency_ui(ui, plan, &mut edited, focus)
            });
            let change = match super::sovereignty::framework() {
                Some(f) => {
                    let today = evidence::this_month(plan.horizon.start);
                    evidence::dependency_sovereignty_ui(ui, f, &mut edited, today)
                }
                None => evidence::Change::None,
            };
            let follow = id_following_title(cx, sel, &d.name, &edited.name);
            record(cx, ui, &sel.id, change, (edited != d, false), out, || {
                following(
                    Edit::PutDependency(Box::new(edited)),
                    sel,
                    follow.as_deref(),
                )
            });
            if let Some(new) = follow {
                out.push(Action::Naming(Some(new.clone())));
                out.select(Some(Selection::new(sel.kind, &new)));
            }
            id
        }),
        ItemKind::Layer => cx.plan().layer(&sel.id).cloned().and_then(|l| {
            heading_ui(ui, "Layer");
            let mut edited = l.clone();
            let plan = cx.plan();
            let id = fields_ui(ui, plan, &sel.id, focus, |ui, focus| {
                layer_ui(ui, &mut edited, focus)
            });
            let follow = id_following_title(cx, sel, &l.name, &edited.name);
            commit(cx, ui, &sel.id, (edited != l, false), out, || {
                following(Edit::PutLayer(Box::new(edited)), sel, follow.as_deref())
            });
            if let Some(new) = follow {
                out.push(Action::Naming(Some(new.clone())));
                out.select(Some(Selection::new(sel.kind, &new)));
            }
            id
        }),
    };
    if let Some(new_id) = new_id {
        // An id the user chose no longer follows the title.
        out.push(Action::Naming(None));
        let kind = sel.kind;
        let old = sel.id.clone();
        out.edit(
            "Change id",
            Edit::Rename {
                kind,
                old,
                new: new_id.clone(),
            },
        );
        out.select(Some(Selection::new(kind, &new_id)));
    }
    if cx.plan().kind_of(&sel.id).is_none() {
        ui.label("The selected item no longer exists.");
    }
}

/// The id a new item takes from its title while it is being named, if it changes.
///
/// A new item's id follows its title from the first time the title is typed until the user
/// picks something else, edits the id, or saves: ids in a saved file are what other plans,
/// scripts and diffs refer to, so they must then stay put. Links need not stop it, since a
/// rename updates every link and links show titles.
fn id_following_title(cx: &Context, sel: &Selection, old: &str, new: &str) -> Option<String> {
    if old == new || cx.naming != Some(sel.id.as_str()) {
        return None;
    }
    edits::id_from_title(cx.plan(), new, &sel.id).filter(|id| *id != sel.id)
}

/// `put`, then the selected item renamed to `new` when given, as one edit.
fn following(put: Edit, sel: &Selection, new: Option<&str>) -> Edit {
    match new {
        Some(new) => Edit::All(vec![
            put,
            Edit::Rename {
                kind: sel.kind,
                old: sel.id.clone(),
                new: new.to_owned(),
            },
        ]),
        None => put,
    }
}

fn heading_ui(ui: &mut egui::Ui, what: &str) {
    ui.heading(what);
    ui.add_space(4.0);
}

/// Draws the id field and the kind's own fields in a grid; returns the new id once the user
/// has committed a valid change to it.
fn fields_ui(
    ui: &mut egui::Ui,
    plan: &Roadmap,
    id: &str,
    focus: bool,
    fields: impl FnOnce(&mut egui::Ui, bool),
) -> Option<String> {
    let mut new_id = None;
    Grid::new("inspector-grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .striped(false)
        .show(ui, |ui| {
            new_id = id_field_ui(ui, id, |text| check_id(plan, id, text));
            fields(ui, focus);
        });
    new_id
}

/// The new id `text` would give the item now called `current`, or why it cannot.
fn check_id(plan: &Roadmap, current: &str, text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        Err("An id cannot be empty.".to_owned())
    } else if text.chars().any(char::is_whitespace) {
        Err(format!("The id “{text}” has a space; use - or _ instead."))
    } else if text != current && plan.id_in_use(text) {
        Err(format!("The id “{text}” is already used."))
    } else {
        Ok(text.to_owned())
    }
}

/// The id field: renames only when the edit is committed (Enter or leaving the field), as
/// every link to the item changes with it; Escape or a bad id keeps the old one, and a bad
/// id leaves a message under the field until it is edited again.
fn id_field_ui(
    ui: &mut egui::Ui,
    current: &str,
    check: impl Fn(&str) -> Result<String, String>,
) -> Option<String> {
    let id = ui.make_persistent_id(("id", current));
    let buffer_id = id.with("buffer");
    let error_id = id.with("error");
    let mut text = ui
        .data(|d| d.get_temp::<String>(buffer_id))
        .unwrap_or_else(|| current.to_owned());
    let label_resp = ui.label("Id");
    let mut result = None;
    ui.vertical(|ui| {
        let resp = ui
            .add(
                TextEdit::singleline(&mut text)
                    .id(id)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label_resp.id);
        if resp.changed() {
            ui.data_mut(|d| d.remove::<String>(error_id));
        }
        if resp.has_focus() {
            ui.data_mut(|d| d.insert_temp(buffer_id, text.clone()));
        } else {
            ui.data_mut(|d| d.remove::<String>(buffer_id));
        }
        let escaped = ui.input(|i| i.key_pressed(egui::Key::Escape));
        if resp.lost_focus() && !escaped && text.trim() != current {
            match check(&text) {
                Ok(new) => result = Some(new),
                Err(msg) => ui.data_mut(|d| {
                    d.insert_temp(error_id, msg);
                }),
            }
        }
        let kept = ui.data(|d| d.get_temp::<String>(error_id));
        if let Some(msg) = kept {
            let note = format!("{msg} The id stays “{current}”.");
            ui.label(RichText::new(note).color(ERROR).small());
        } else if resp.has_focus() && text.trim() != current {
            match check(&text) {
                Ok(_) => ui.label(RichText::new("Enter renames it everywhere.").small().weak()),
                Err(msg) => ui.label(RichText::new(msg).color(ERROR).small()),
            };
        }
    });
    ui.end_row();
    result
}

/// Records the inspector's changes as one step, merging consecutive typing in one field;
/// `(changed, own_step)`: whether anything changed, and whether it is a step of its own that
/// never merges (adding or removing a link).
fn commit(
    cx: &Context,
    ui: &egui::Ui,
    id: &str,
    (changed, own_step): (bool, bool),
    out: &mut Actions,
    edit: impl FnOnce() -> Edit,
) {
    if !changed {
        return;
    }
    if own_step {
        out.edit(format!("Edit {id}"), edit());
        return;
    }
    let field = ui.ctx().memory(|m| m.focused()).map_or(0, |f| f.value());
    // Typing the title of a new item renames it on every key: still one step.
    let key = if cx.naming == Some(id) {
        "new item"
    } else {
        id
    };
    out.edit_merging(
        format!("Edit {id}"),
        format!("inspector {key} {field}"),
        edit(),
    );
}

/// Records an edit that may include the evidence sections: adding, removing or choosing is
/// an undo step of its own, typing merges like any other field.
fn record(
    cx: &Context,
    ui: &egui::Ui,
    id: &str,
    change: evidence::Change,
    (changed, own_step): (bool, bool),
    out: &mut Actions,
    edit: impl FnOnce() -> Edit,
) {
    let own_step = own_step || change == evidence::Change::Step;
    commit(cx, ui, id, (changed, own_step), out, edit);
}

fn investment_ui(ui: &mut egui::Ui, plan: &Roadmap, i: &mut Investment, focus: bool) {
    text_row_ui(ui, "Title", &mut i.title, focus);
    layer_row_ui(ui, plan, &mut i.layer);
    let end = i.end;
    if let Some(m) = checked_field_ui(
        ui,
        ("start", &i.id),
        "Start",
        &i.start.to_string(),
        false,
        |t| {
            month(t).and_then(|m| {
                if m > end {
                    Err(format!("The start must not be after the end ({end})."))
                } else {
                    Ok(m)
                }
            })
        },
    ) {
        i.start = m;
    }
    let start = i.start;
    if let Some(m) = checked_field_ui(ui, ("end", &i.id), "End", &i.end.to_string(), false, |t| {
        month(t).and_then(|m| {
            if m < start {
                Err(format!("The end must not be before the start ({start})."))
            } else {
                Ok(m)
            }
        })
    }) {
        i.end = m;
    }
    let currency = plan.currency.clone();
    if let Some(b) = checked_field_ui(
        ui,
        ("budget", &i.id),
        &format!("Budget ({currency})"),
        &crate::analysis::format::thousands_narrow(i.budget),
        false,
        budget,
    ) {
        i.budget = b;
    }
    text_row_ui(ui, "Owner", &mut i.owner, false);
    let waits_for = link_candidates(plan, &[ItemKind::Investment, ItemKind::Milestone], &i.id);
    if let Some(list) = link_field_ui(ui, ("after", &i.id), "After", &i.after, &waits_for) {
        i.after = list;
    }
    notes_row_ui(ui, &mut i.notes);
}

fn milestone_ui(ui: &mut egui::Ui, plan: &Roadmap, m: &mut Milestone, focus: bool) {
    text_row_ui(ui, "Title", &mut m.title, focus);
    layer_row_ui(ui, plan, &mut m.layer);
    if let Some(v) = checked_field_ui(
        ui,
        ("month", &m.id),
        "Month",
        &m.month.to_string(),
        false,
        month,
    ) {
        m.month = v;
    }
    let investments = link_candidates(plan, &[ItemKind::Investment], &m.id);
    let dependencies = link_candidates(plan, &[ItemKind::Dependency], &m.id);
    let fields = [
        ("Needs", &mut m.needs, &investments),
        ("Removes", &mut m.removes, &dependencies),
        ("Introduces", &mut m.introduces, &dependencies),
    ];
    for (label, list, candidates) in fields {
        if let Some(v) = link_field_ui(ui, (label, &m.id), label, list, candidates) {
            *list = v;
        }
    }
    notes_row_ui(ui, &mut m.notes);
}

fn dependency_ui(ui: &mut egui::Ui, plan: &Roadmap, d: &mut Dependency, focus: bool) {
    text_row_ui(ui, "Name", &mut d.name, focus);
    layer_row_ui(ui, plan, &mut d.layer);
    text_row_ui(ui, "Controlled by", &mut d.controller, false);
    text_row_ui(ui, "Jurisdiction", &mut d.jurisdiction, false);
    let label = ui.label("Control");
    let combo = ComboBox::from_id_salt(("control", &d.id))
        .selected_text(d.control.label())
        .show_ui(ui, |ui| {
            for level in ControlLevel::ALL {
                ui.selectable_value(&mut d.control, level, level.label());
            }
        });
    combo.response.labelled_by(label.id);
    ui.end_row();
    let label = ui.label("Criticality");
    ui.add(egui::Slider::new(&mut d.criticality, 1..=5))
        .labelled_by(label.id);
    ui.end_row();
    notes_row_ui(ui, &mut d.notes);
}

fn layer_ui(ui: &mut egui::Ui, l: &mut Layer, focus: bool) {
    text_row_ui(ui, "Name", &mut l.name, focus);
    ui.label("Colour");
    let mut rgb = [l.colour.r, l.colour.g, l.colour.b];
    if ui.color_edit_button_srgb(&mut rgb).changed() {
        l.colour = crate::model::Colour::rgb(rgb[0], rgb[1], rgb[2]);
    }
    ui.end_row();
    text_row_ui(ui, "Description", &mut l.description, false);
}

fn plan_ui(cx: &Context, ui: &mut egui::Ui, focus: bool, out: &mut Actions) {
    heading_ui(ui, "Plan");
    // Only the plan's own fields: copying every item each frame is slow on large plans.
    let full = cx.plan();
    let plan = Roadmap {
        title: full.title.clone(),
        owner: full.owner.clone(),
        notes: full.notes.clone(),
        currency: full.currency.clone(),
        ..Roadmap::blank("", full.horizon)
    };
    let mut edited = plan.clone();
    Grid::new("plan-grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            text_row_ui(ui, "Title", &mut edited.title, focus);
            text_row_ui(ui, "Owner", &mut edited.owner, false);
            text_row_ui(ui, "Currency", &mut edited.currency, false);
            let end = edited.horizon.end;
            if let Some(m) = checked_field_ui(
                ui,
                "horizon-start",
                "From",
                &edited.horizon.start.to_string(),
                false,
                |t| {
                    month(t).and_then(|m| {
                        if m > end {
                            Err("The horizon must start before it ends.".to_owned())
                        } else {
                            Ok(m)
                        }
                    })
                },
            ) {
                edited.horizon.start = m;
            }
            let start = edited.horizon.start;
            if let Some(m) = checked_field_ui(
                ui,
                "horizon-end",
                "To",
                &edited.horizon.end.to_string(),
                false,
                |t| {
                    month(t).and_then(|m| {
                        if m < start {
                            Err("The horizon must end after it starts.".to_owned())
                        } else {
                            Ok(m)
                        }
                    })
                },
            ) {
                edited.horizon.end = m;
            }
            notes_row_ui(ui, &mut edited.notes);
        });
    ui.add_space(8.0);
    ui.weak("Select an item on the canvas or in the register to edit it.");
    commit(cx, ui, "plan", (edited != plan, false), out, || {
        Edit::PlanFields(Box::new(PlanFields {
            title: edited.title,
            owner: edited.owner,
            notes: edited.notes,
            currency: edited.currency,
            horizon: edited.horizon,
        }))
    });
}

/// A labelled one-line text field inside a grid.
fn text_row_ui(ui: &mut egui::Ui, label: &str, value: &mut String, focus: bool) {
    let label_resp = ui.label(label);
    let resp = ui
        .add(TextEdit::singleline(value).desired_width(f32::INFINITY))
        .labelled_by(label_resp.id);
    if focus {
        resp.request_focus();
    }
    ui.end_row();
}

fn notes_row_ui(ui: &mut egui::Ui, value: &mut String) {
    let label_resp = ui.label("Notes");
    ui.add(
        TextEdit::multiline(value)
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label_resp.id);
    ui.end_row();
}

fn layer_row_ui(ui: &mut egui::Ui, plan: &Roadmap, layer: &mut String) {
    let label = ui.label("Layer");
    let shown = plan
        .layer(layer)
        .map_or_else(|| format!("{layer} (unknown)"), |l| l.name.clone());
    let combo = ComboBox::from_id_salt("layer-combo")
        .selected_text(shown)
        .show_ui(ui, |ui| {
            for l in &plan.layers {
                ui.selectable_value(layer, l.id.clone(), &l.name);
            }
        });
    combo.response.labelled_by(label.id);
    ui.end_row();
}

fn budget(text: &str) -> Result<u64, String> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | ',' | '\'' | '\u{A0}' | '\u{202F}'))
        .collect();
    digits
        .parse::<u64>()
        .map_err(|_| format!("“{}” is not a whole amount.", text.trim()))
}

/// What a milestone removes, introduces and needs, and what that costs.
fn milestone_report_ui(
    plan: &Roadmap,
    report: &crate::analysis::MilestoneReport,
    ui: &mut egui::Ui,
) {
    ui.separator();
    let dep = |id: &String| plan.dependency(id).map_or(id.clone(), |d| d.name.clone());
    let inv = |id: &String| plan.investment(id).map_or(id.clone(), |i| i.title.clone());
    let list = |ui: &mut egui::Ui, title: &str, items: Vec<String>| {
        if !items.is_empty() {
            ui.strong(title);
            for item in items {
                ui.label(format!("  {item}"));
            }
        }
    };
    list(ui, "Removes", report.removes.iter().map(dep).collect());
    list(
        ui,
        "Introduces",
        report.introduces.iter().map(dep).collect(),
    );
    for t in &report.trades {
        ui.label(
            RichText::new(format!(
                "Trade, not a gain: {} replaced by {}",
                dep(&t.removed),
                dep(&t.introduced)
            ))
            .color(ERROR),
        );
    }
    list(
        ui,
        "Needs (with everything before it)",
        report.needs_all.iter().map(inv).collect(),
    );
    ui.label(format!(
        "Total cost: {} {}",
        crate::analysis::format::thousands_narrow(report.total_cost),
        plan.currency
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_accepts_separators() {
        assert_eq!(budget("450 000 000"), Ok(450_000_000));
        assert_eq!(budget("1,000"), Ok(1000));
        assert_eq!(
            budget(&crate::analysis::format::thousands_narrow(1_234_567)),
            Ok(1_234_567)
        );
        assert!(budget("12k").is_err());
    }
}
