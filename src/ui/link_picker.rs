//! The link picker of the inspector (`after`, `needs`, `removes`, `introduces`): the current
//! links as removable chips with their titles, and a search box that finds items by title or
//! id.

use std::hash::Hash;

use egui::text::LayoutJob;
use egui::{Color32, CornerRadius, Frame, Key, RichText, TextEdit, TextFormat};

use super::bidi::visual;
use crate::model::{ItemKind, Roadmap};

/// How many matches the search shows at once.
const MAX_MATCHES: usize = 8;

/// Colour of ids shown beside titles.
const ID_GREY: Color32 = Color32::from_gray(130);

/// Colour of a link to an id that no item has.
const UNKNOWN: Color32 = Color32::from_rgb(0xDC, 0x26, 0x26);

/// An item a link may point to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate<'a> {
    /// Its id, what the link stores.
    pub id: &'a str,
    /// Its title (a dependency's name), what the user sees.
    pub title: &'a str,
}

/// The items of `kinds` in `plan` a link from `owner` may point to, in document order.
pub fn link_candidates<'a>(
    plan: &'a Roadmap,
    kinds: &[ItemKind],
    owner: &str,
) -> Vec<Candidate<'a>> {
    let mut out = Vec::new();
    if kinds.contains(&ItemKind::Investment) {
        out.extend(plan.investments.iter().map(|i| Candidate {
            id: &i.id,
            title: &i.title,
        }));
    }
    if kinds.contains(&ItemKind::Milestone) {
        out.extend(plan.milestones.iter().map(|m| Candidate {
            id: &m.id,
            title: &m.title,
        }));
    }
    if kinds.contains(&ItemKind::Dependency) {
        out.extend(plan.dependencies.iter().map(|d| Candidate {
            id: &d.id,
            title: &d.name,
        }));
    }
    out.retain(|c| c.id != owner);
    out
}

/// The candidates matching `query` (in the title or the id, ignoring case) that are not yet
/// linked: titles that start with it first, then the rest in document order.
pub fn matches<'a>(
    candidates: &[Candidate<'a>],
    linked: &[String],
    query: &str,
) -> Vec<Candidate<'a>> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(bool, Candidate<'a>)> = candidates
        .iter()
        .filter(|c| !linked.iter().any(|l| l == c.id))
        .filter_map(|c| {
            let title = c.title.to_lowercase();
            let hit = title.contains(&query) || c.id.to_lowercase().contains(&query);
            hit.then(|| (!title.starts_with(&query), *c))
        })
        .collect();
    found.sort_by_key(|(later, _)| *later);
    found
        .into_iter()
        .map(|(_, c)| c)
        .take(MAX_MATCHES)
        .collect()
}

/// A labelled link field in a two-column grid; returns the new list of links when the user
/// added or removed one.
pub fn link_field_ui(
    ui: &mut egui::Ui,
    salt: impl Hash + std::fmt::Debug,
    label: &str,
    links: &[String],
    candidates: &[Candidate<'_>],
) -> Option<Vec<String>> {
    let id = ui.make_persistent_id(salt);
    let label_resp = ui.label(label);
    let mut changed: Option<Vec<String>> = None;
    ui.vertical(|ui| {
        for link in links {
            let title = candidates.iter().find(|c| c.id == link).map(|c| c.title);
            if chip_ui(ui, link, title) {
                changed = Some(links.iter().filter(|l| *l != link).cloned().collect());
            }
        }
        let mut query = ui.data(|d| d.get_temp::<String>(id)).unwrap_or_default();
        let search = ui
            .add(
                TextEdit::singleline(&mut query)
                    .id(id.with("search"))
                    .hint_text("Add: type part of a title or id")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label_resp.id);
        let found = matches(candidates, links, &query);
        let entered = search.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        let escaped = ui.input(|i| i.key_pressed(Key::Escape));
        let mut picked = entered.then(|| found.first().copied()).flatten();
        if !query.trim().is_empty() && found.is_empty() {
            ui.label(RichText::new("Nothing matches.").weak().small());
        }
        for c in &found {
            let resp = ui.add(egui::Button::selectable(false, title_with_id(ui, c)));
            let name = format!("Link {}", c.title);
            resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
            if resp.clicked() {
                picked = Some(*c);
            }
        }
        if let Some(c) = picked {
            let mut list = changed.take().unwrap_or_else(|| links.to_vec());
            list.push(c.id.to_owned());
            changed = Some(list);
            query.clear();
        }
        if escaped {
            query.clear();
        }
        ui.data_mut(|d| d.insert_temp(id, query));
    });
    ui.end_row();
    changed
}

/// A link as a chip: the item's title (or its id in red when no item has it), cut to the
/// width there is, and a button that removes it; true when that button was clicked.
fn chip_ui(ui: &mut egui::Ui, id: &str, title: Option<&str>) -> bool {
    let fill = ui.visuals().widgets.inactive.weak_bg_fill;
    // Room for the text: the column's width less the chip's margins and its × button.
    let room = (ui.available_width() - 40.0).max(40.0);
    Frame::new()
        .fill(fill)
        .corner_radius(CornerRadius::same(8))
        .inner_margin(egui::Margin::symmetric(6, 2))
        .show(ui, |ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            ui.horizontal(|ui| {
                let text = match title {
                    Some(t) => RichText::new(visual(t).into_owned()),
                    None => RichText::new(format!("{id} (no such item)")).color(UNKNOWN),
                };
                let shown = ui
                    .scope(|ui| {
                        ui.set_max_width(room);
                        ui.add(egui::Label::new(text).truncate())
                    })
                    .inner;
                let name = title.unwrap_or(id);
                let hover = match title {
                    Some(_) => format!("{name} ({id})"),
                    None => "No item has this id: remove the link or add the item.".to_owned(),
                };
                let shown = shown.on_hover_text(hover);
                shown.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, name));
                let remove = ui
                    .small_button("×")
                    .on_hover_text(format!("Remove the link to {name}"));
                let label = format!("Remove {name}");
                remove.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                remove.clicked()
            })
            .inner
        })
        .inner
}

/// A candidate's title with its id after it in grey.
fn title_with_id(ui: &egui::Ui, c: &Candidate<'_>) -> LayoutJob {
    let body = egui::TextStyle::Body.resolve(ui.style());
    let small = egui::TextStyle::Small.resolve(ui.style());
    let mut job = LayoutJob::default();
    job.append(
        &visual(c.title),
        0.0,
        TextFormat::simple(body, ui.visuals().text_color()),
    );
    job.append(c.id, 8.0, TextFormat::simple(small, ID_GREY));
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c<'a>(id: &'a str, title: &'a str) -> Candidate<'a> {
        Candidate { id, title }
    }

    #[test]
    fn search_finds_titles_and_ids_leaving_out_linked_items() {
        let all = [
            c("cluster-1", "National GPU cluster, phase 1"),
            c("cluster-2", "National GPU cluster, phase 2"),
            c("lab", "Language technology lab"),
            c("gpu-import", "Imported accelerators"),
            c("open", "Open model release"),
            c("hub", "Model hub"),
        ];
        let linked = vec!["cluster-1".to_owned()];
        let ids =
            |q: &str| -> Vec<&str> { matches(&all, &linked, q).iter().map(|c| c.id).collect() };
        assert_eq!(ids("gpu"), ["cluster-2", "gpu-import"]);
        assert_eq!(ids("LAB"), ["lab"]);
        assert_eq!(ids("  "), Vec::<&str>::new());
        // A title that starts with the query comes before one that only contains it.
        assert_eq!(ids("model"), ["hub", "open"]);
    }
}
