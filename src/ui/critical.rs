//! The critical path of the selected milestone: listed in the inspector, outlined on the
//! canvas when the user asks for it.

use egui::RichText;

use super::action::{Actions, Context, ViewChange};
use super::view::Selection;
use crate::model::{ItemKind, Roadmap};

/// The chain of items that fixes milestone `id`'s date, earliest first, each a link that
/// selects it; and the switch that outlines the chain on the canvas.
pub fn critical_path_ui(cx: &Context, ui: &mut egui::Ui, id: &str, out: &mut Actions) {
    let path = cx.analysis.critical_path(id);
    if path.len() < 2 {
        return;
    }
    ui.separator();
    ui.strong("Critical path");
    ui.weak("The chain of links that fixes this milestone's date.");
    let mut chosen = None;
    let plan = cx.plan();
    for (n, step) in path.iter().enumerate() {
        let Some((kind, text)) = describe(plan, step) else {
            continue;
        };
        let text = format!("{}. {text}", n + 1);
        let current = step == id;
        if ui
            .selectable_label(current, RichText::new(text))
            .on_hover_text(step.as_str())
            .clicked()
            && !current
        {
            chosen = Some(Selection::new(kind, step));
        }
    }
    let mut outline = cx.view.critical_path;
    if ui
        .checkbox(&mut outline, "Outline it on the canvas")
        .changed()
    {
        out.view(ViewChange::CriticalPath(outline));
    }
    if let Some(selection) = chosen {
        out.select(Some(selection));
    }
}

/// The kind of item `id` is and how the path names it: its title and months.
fn describe(plan: &Roadmap, id: &str) -> Option<(ItemKind, String)> {
    if let Some(i) = plan.investment(id) {
        let text = format!("{} ({} – {})", i.title, i.start, i.end);
        return Some((ItemKind::Investment, text));
    }
    let m = plan.milestone(id)?;
    Some((ItemKind::Milestone, format!("{} ({})", m.title, m.month)))
}
