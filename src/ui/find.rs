//! Find (Ctrl+F): the items whose title, owner, id or notes hold the typed text, highlighted
//! on the canvas and in the register; Enter and Shift+Enter select the next and previous.

use egui::{Key, RichText, TextEdit};

use super::action::{Actions, Context};
use super::edits;
use super::view::Selection;
use crate::model::{ItemKind, Roadmap};

/// The highlight behind what Find matched (as on the canvas).
pub const FOUND: egui::Color32 = egui::Color32::from_rgb(0xFD, 0xE0, 0x47);

/// The find bar's state while it is open.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Find {
    /// The text typed.
    pub query: String,
    /// Which match was last selected.
    pub current: Option<usize>,
    /// Set to put the keyboard in the field on the next frame.
    pub focus: bool,
}

/// The items matching `query` (case-insensitive) in title, owner, id or notes: investments
/// and milestones lane by lane in date order, then dependencies.
pub fn matches(plan: &Roadmap, query: &str) -> Vec<(ItemKind, String)> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let hit = |fields: &[&str]| fields.iter().any(|f| f.to_lowercase().contains(&query));
    let mut found: Vec<(ItemKind, String)> = edits::tab_order(plan)
        .into_iter()
        .filter(|(kind, id)| match kind {
            ItemKind::Investment => plan
                .investment(id)
                .is_some_and(|i| hit(&[&i.id, &i.title, &i.owner, &i.notes])),
            _ => plan
                .milestone(id)
                .is_some_and(|m| hit(&[&m.id, &m.title, &m.notes])),
        })
        .collect();
    found.extend(
        plan.dependencies
            .iter()
            .filter(|d| hit(&[&d.id, &d.name, &d.controller, &d.notes]))
            .map(|d| (ItemKind::Dependency, d.id.clone())),
    );
    found
}

/// The find bar above the canvas, while find is open.
pub fn find_bar_ui(cx: &Context, open: &mut Option<Find>, ui: &mut egui::Ui, out: &mut Actions) {
    let Some(mut find) = open.take() else {
        return;
    };
    let mut close = false;
    let mut step = None;
    egui::Panel::top("find-bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let label = ui.label("Find");
            let resp = ui
                .add(
                    TextEdit::singleline(&mut find.query)
                        .hint_text("title, owner, id or notes")
                        .desired_width(260.0),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut find.focus) {
                resp.request_focus();
            }
            if resp.changed() {
                find.current = None;
            }
            let (enter, escape, shift) = ui.input(|i| {
                (
                    i.key_pressed(Key::Enter),
                    i.key_pressed(Key::Escape),
                    i.modifiers.shift,
                )
            });
            if resp.lost_focus() && enter {
                step = Some(!shift);
                resp.request_focus();
            }
            close |= resp.lost_focus() && escape;
            let found = matches(cx.plan(), &find.query);
            let count = match (find.current, found.len()) {
                (_, 0) if find.query.trim().is_empty() => String::new(),
                (_, 0) => "No match".to_owned(),
                (Some(k), n) => format!("{} of {n}", k + 1),
                (None, n) => format!("{n} found"),
            };
            ui.label(RichText::new(count).weak());
            if ui.button("Previous").on_hover_text("Shift+Enter").clicked() {
                step = Some(false);
            }
            if ui.button("Next").on_hover_text("Enter").clicked() {
                step = Some(true);
            }
            close |= ui.button("Close").on_hover_text("Escape").clicked();
            if let Some(forward) = step
                && !found.is_empty()
            {
                let n = found.len();
                let k = match (find.current, forward) {
                    (None, true) => 0,
                    (None, false) => n - 1,
                    (Some(k), true) => (k + 1) % n,
                    (Some(k), false) => (k + n - 1) % n,
                };
                find.current = Some(k);
                if let Some((kind, id)) = found.get(k) {
                    out.select_and_reveal(Selection::new(*kind, id));
                }
            }
        });
    });
    if !close {
        *open = Some(find);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Roadmap {
        crate::io::load_str(include_str!("../../tests/ui_plan.ron")).unwrap()
    }

    #[test]
    fn matches_title_owner_id_and_notes_in_canvas_order() {
        let plan = plan();
        let ids =
            |q: &str| -> Vec<String> { matches(&plan, q).into_iter().map(|(_, id)| id).collect() };
        assert_eq!(ids("GPU CLUSTER"), ["cluster-1", "cluster-2"]);
        assert_eq!(ids("compute agency"), ["cluster-1", "cluster-2"]);
        assert_eq!(ids("own-model"), ["own-model"]);
        assert_eq!(ids("accelerators"), ["foreign-gpus"]);
        assert!(ids("  ").is_empty());
        assert!(ids("nothing like this").is_empty());
    }
}
