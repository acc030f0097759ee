//! Accessibility glue: descriptions of AccessKit nodes and the order a screen reader reads
//! them in. The sentences themselves come from [`crate::analysis::spoken`].

use std::collections::HashMap;
use std::sync::Arc;

use egui::accesskit::NodeId;
use egui::{Context, Id};

use crate::analysis::{Analysis, spoken};
use crate::model::Roadmap;

/// What a screen reader says about one canvas item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemSpeech {
    /// Its title (the accessible name).
    pub title: String,
    /// Kind, layer, months and figures (the accessible description).
    pub description: String,
}

/// The speech of every canvas item by id.
pub type Speeches = Arc<HashMap<String, ItemSpeech>>;

/// The speech of every item of `plan`, by id.
pub fn item_speeches(plan: &Roadmap, analysis: &Analysis) -> Speeches {
    let map = spoken::items(plan, analysis)
        .into_iter()
        .map(|(id, title, description)| (id, ItemSpeech { title, description }))
        .collect();
    Arc::new(map)
}

/// Sets the accessible description of the widget `id` (when AccessKit is on).
pub fn describe(ctx: &Context, id: Id, text: &str) {
    ctx.accesskit_node_builder(id, |node| node.set_description(text));
}

/// Puts the children of the node `parent` that `rank` knows in its order, after the others
/// (which keep theirs): a screen reader reads children in this order.
pub fn order_children<K: Ord>(ctx: &Context, parent: Id, rank: impl Fn(NodeId) -> Option<K>) {
    if !ctx.has_accesskit_node(parent) {
        return;
    }
    ctx.accesskit_node_builder(parent, |node| {
        let mut children: Vec<(Option<K>, NodeId)> =
            node.children().iter().map(|c| (rank(*c), *c)).collect();
        // `None` sorts first, and the sort is stable.
        children.sort_by(|a, b| a.0.cmp(&b.0));
        node.set_children(children.into_iter().map(|(_, c)| c).collect::<Vec<_>>());
    });
}

/// The AccessKit children of `parent` added while `add` ran.
pub fn children_added<R>(
    ui: &mut egui::Ui,
    parent: Id,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> (R, Vec<NodeId>) {
    let before = children_of(ui.ctx(), parent);
    let result = add(ui);
    let after = children_of(ui.ctx(), parent);
    let added = after.into_iter().filter(|c| !before.contains(c)).collect();
    (result, added)
}

fn children_of(ctx: &Context, parent: Id) -> Vec<NodeId> {
    if !ctx.has_accesskit_node(parent) {
        return Vec::new();
    }
    ctx.accesskit_node_builder(parent, |node| node.children().to_vec())
        .unwrap_or_default()
}

/// Names the resize handle of the panel `salt` shown in `ui` (egui calls every one
/// "Resize panel"): "Resize the inspector".
pub fn name_panel_splitter(ui: &egui::Ui, salt: &str, name: &str) {
    // egui's id of a panel's resize handle: the panel's id (the parent's scope and the
    // panel's salt) with "__resize".
    let id = ui.scope_id().with(salt).with("__resize");
    if ui.ctx().has_accesskit_node(id) {
        ui.ctx()
            .accesskit_node_builder(id, |node| node.set_label(format!("Resize the {name}")));
    }
}
