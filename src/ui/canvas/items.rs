//! The canvas items as egui widgets: hit-testing, keyboard focus, accessible names and
//! descriptions, tooltips.

use super::*;

/// Selectable items as egui widgets: under the pointer, being dragged, and (when AccessKit
/// is on) every item drawn large enough to carry its label, so it has an accessible name.
pub(super) struct Hits {
    /// Items in paint order with their widget responses.
    pub(super) items: Vec<(Tag, Response)>,
}

pub(super) fn item_widgets(
    app: &mut Pass,
    ui: &mut Ui,
    at: &Placement,
    findings: &[Finding],
) -> Hits {
    let accessible = ui.ctx().has_accesskit_node(canvas_id());
    let focused = ui.memory(|m| m.focused());
    let keyboard_here = app.st.holds_keyboard(focused);
    // The item with the keyboard keeps its widget in every pass, or egui drops the focus.
    let focused_item = focused.filter(|f| app.st.focused_item == Some(*f));
    app.st.focused_item = None;
    let pointer = ui
        .input(|i| i.pointer.hover_pos())
        .filter(|p| at.lanes().contains(*p));
    let painted = &app.st.painted;
    let hovered = pointer
        .and_then(|p| painted.target_at(p, SLOP))
        .map(|t| t.tag.clone());
    let active = app.st.active.take();
    let mut wanted: Vec<(Tag, Rect)> = painted
        .targets()
        .iter()
        .filter(|t| {
            (accessible && (t.readable || t.rect.width() >= SPOKEN_WIDTH))
                || focused_item.is_some_and(|f| f == canvas_id().with(&t.tag))
                || hovered.as_ref() == Some(&t.tag)
                || active.as_ref().is_some_and(|(a, _)| *a == t.tag)
        })
        .map(|t| (t.tag.clone(), t.rect))
        .collect();
    if let Some((tag, rect)) = active
        && !wanted.iter().any(|(t, _)| *t == tag)
    {
        // The item being dragged scrolled out of view: its widget lives on until release.
        wanted.push((tag, rect));
    }
    if hovered != app.st.hovered {
        // The widget under the pointer is new: egui sees it as hovered from the next frame.
        app.st.hovered = hovered;
        ui.ctx().request_repaint();
    }
    let speeches = accessible.then(|| speeches(app));
    let mut items = Vec::with_capacity(wanted.len());
    for (tag, r) in wanted {
        let id = canvas_id().with(&tag);
        let resp = ui.interact(r, id, Sense::click_and_drag());
        let plan = app.plan();
        resp.widget_info(|| {
            let name = match &speeches {
                Some(s) => accessible_name(|id| s.get(id).map(|s| s.title.clone()), &tag),
                None => accessible_name(|id| title_in(plan, id), &tag),
            };
            egui::WidgetInfo::labeled(egui::Role::Button, true, name)
        });
        if let (Some(speeches), Tag::Investment(id) | Tag::Milestone(id) | Tag::Dependency(id)) =
            (&speeches, &tag)
            && let Some(speech) = speeches.get(id)
        {
            a11y::describe(ui.ctx(), resp.id, &speech.description);
        }
        let resp = match &tag {
            Tag::Resize { .. } => resp.on_hover_cursor(egui::CursorIcon::ResizeHorizontal),
            Tag::LinkHandle(_) => resp
                .on_hover_cursor(egui::CursorIcon::Crosshair)
                .on_hover_text("Drag onto another item to link"),
            _ => resp.on_hover_ui(|ui| tooltip_ui(app.plan(), findings, &tag, ui)),
        };
        if resp.clicked() {
            click_tag(app, ui, &tag);
            resp.request_focus();
            ui.memory_mut(|m| m.request_focus(canvas_id()));
        }
        if resp.is_pointer_button_down_on() || resp.dragged() {
            app.st.active = Some((tag.clone(), r));
        }
        follow_with_focus(app, ui, &resp, &tag, accessible && keyboard_here);
        items.push((tag, resp));
    }
    Hits { items }
}

/// Items at least this wide (in points) have a widget when AccessKit is on, labelled or not.
const SPOKEN_WIDTH: f32 = 4.0;

/// Keeps Tab, arrows and Escape for the canvas while `id` has the keyboard.
pub(super) fn keep_canvas_keys(ui: &Ui, id: egui::Id) {
    ui.memory_mut(|m| {
        m.set_focus_lock_filter(
            id,
            egui::EventFilter {
                tab: true,
                horizontal_arrows: true,
                vertical_arrows: true,
                escape: false,
            },
        )
    });
}

/// Gives the keyboard to the widget of a newly selected item while the canvas has it, so
/// that a screen reader says each item Tab selects (`follow`: AccessKit is on and the
/// keyboard is on the canvas); the canvas keys keep working there.
pub(super) fn follow_with_focus(app: &mut Pass, ui: &Ui, resp: &Response, tag: &Tag, follow: bool) {
    let newly_selected = match tag {
        Tag::Investment(id) | Tag::Milestone(id) | Tag::Dependency(id) => {
            app.view.selection.as_ref().is_some_and(|s| s.id == *id)
                && app.st.followed.as_deref() != Some(id.as_str())
        }
        _ => false,
    };
    if follow && newly_selected {
        resp.request_focus();
        app.st.followed = tag.id().map(str::to_owned);
        // The next frame keeps the canvas keys on it (before another key comes).
        ui.ctx().request_repaint();
    }
    if resp.has_focus() {
        keep_canvas_keys(ui, resp.id);
        app.st.focused_item = Some(resp.id);
    }
}

/// What a screen reader says about each item, kept while the plan is unchanged (AccessKit
/// names hundreds of items a frame; looking each up in a 10,000-item plan is slow).
pub(super) fn speeches(app: &mut Pass) -> Speeches {
    let revision = app.cx.document.revision();
    if let Some((r, speeches)) = &app.st.speeches
        && *r == revision
    {
        return speeches.clone();
    }
    let speeches = a11y::item_speeches(app.cx.plan(), app.cx.analysis);
    app.st.speeches = Some((revision, speeches.clone()));
    speeches
}

/// Orders the items' accessible nodes as a person reads the chart: lanes from top to bottom,
/// each lane's toggle first, then its items by start month (egui lists them in paint order,
/// which hit-testing needs).
pub(super) fn read_in_lane_order(ui: &Ui, scene: &Scene, at: &Placement, hits: &Hits) {
    let lane_of = |y: f32| {
        scene
            .bands
            .iter()
            .position(|b| y >= b.top && y < b.bottom)
            .unwrap_or(usize::MAX)
    };
    let items = hits.items.iter().map(|(_, resp)| {
        let corner = at.to_scene(resp.rect.left_top());
        let place = (
            resp.rect.left().round() as i64,
            resp.rect.top().round() as i64,
        );
        (resp.id.accesskit_id(), (lane_of(corner.y), place))
    });
    let toggles = scene.bands.iter().enumerate().filter_map(|(n, band)| {
        let layer = band.layer.as_deref()?;
        Some((lane_toggle_id(layer).accesskit_id(), (n, (i64::MIN, 0))))
    });
    let rank: std::collections::HashMap<_, _> = toggles.chain(items).collect();
    a11y::order_children(ui.ctx(), ui.unique_id(), |node| rank.get(&node).copied());
}

/// The title of the item `id` in `plan`.
pub(super) fn title_in(plan: &Roadmap, id: &str) -> Option<String> {
    plan.investment(id)
        .map(|i| i.title.clone())
        .or_else(|| plan.milestone(id).map(|m| m.title.clone()))
        .or_else(|| plan.dependency(id).map(|d| d.name.clone()))
}

/// The name screen readers (and UI tests) use for a canvas item, with `title_of` an id's title.
pub(super) fn accessible_name(title_of: impl Fn(&str) -> Option<String>, tag: &Tag) -> String {
    let title = |id: &str| title_of(id).unwrap_or_else(|| id.to_owned());
    match tag {
        Tag::Investment(id) | Tag::Milestone(id) | Tag::Dependency(id) => title(id),
        Tag::Resize {
            id,
            end: BarEnd::Start,
        } => format!("Start of {}", title(id)),
        Tag::Resize {
            id,
            end: BarEnd::End,
        } => format!("End of {}", title(id)),
        Tag::LinkHandle(id) => format!("Link from {}", title(id)),
        other => format!("{other:?}"),
    }
}

/// The item a canvas tag draws, as a selection.
pub(super) fn selection_of(tag: &Tag) -> Option<Selection> {
    match tag {
        Tag::Investment(id) | Tag::Resize { id, .. } | Tag::LinkHandle(id) => {
            Some(Selection::new(ItemKind::Investment, id))
        }
        Tag::Milestone(id) => Some(Selection::new(ItemKind::Milestone, id)),
        Tag::Dependency(id) => Some(Selection::new(ItemKind::Dependency, id)),
        _ => None,
    }
}

pub(super) fn select_tag(app: &mut Pass, tag: &Tag) {
    if let Some(selection) = selection_of(tag) {
        app.select(Some(selection));
    }
}

/// Whether Shift or Ctrl (⌘) is held: a click then adds to the selection or takes out.
pub(crate) fn adding(ui: &Ui) -> bool {
    ui.input(|i| {
        // The modifiers the button went with (a fast click may come and go in one frame).
        let m = (i.events.iter().rev())
            .find_map(|e| match e {
                egui::Event::PointerButton { modifiers, .. } => Some(*modifiers),
                _ => None,
            })
            .unwrap_or(i.modifiers);
        m.shift || m.command || m.ctrl
    })
}

/// A click on an item: selects it alone, or with Shift/Ctrl adds or removes it.
pub(super) fn click_tag(app: &mut Pass, ui: &Ui, tag: &Tag) {
    match selection_of(tag) {
        Some(item) if adding(ui) => app.change(ViewChange::Toggle(item)),
        Some(item) => app.select(Some(item)),
        None => {}
    }
}

pub(super) fn tooltip_ui(plan: &Roadmap, findings: &[Finding], tag: &Tag, ui: &mut Ui) {
    match tag {
        Tag::Investment(id) => {
            if let Some(i) = plan.investment(id) {
                ui.strong(&i.title);
                ui.label(format!(
                    "{} – {} ({} months)",
                    i.start,
                    i.end,
                    i.duration_months()
                ));
                ui.label(format!(
                    "Budget: {} {}",
                    crate::analysis::format::thousands_narrow(i.budget),
                    plan.currency
                ));
                if !i.owner.is_empty() {
                    ui.label(format!("Owner: {}", i.owner));
                }
            }
        }
        Tag::Milestone(id) => {
            if let Some(m) = plan.milestone(id) {
                ui.strong(&m.title);
                ui.label(format!("Reached {}", m.month));
                if !m.removes.is_empty() {
                    ui.label(format!("Removes: {}", names(plan, &m.removes)));
                }
                if !m.introduces.is_empty() {
                    ui.label(format!("Introduces: {}", names(plan, &m.introduces)));
                }
            }
        }
        Tag::Dependency(id) => {
            if let Some(d) = plan.dependency(id) {
                ui.strong(&d.name);
                ui.label(format!(
                    "{} · criticality {}",
                    d.control.label(),
                    d.criticality
                ));
                if !d.controller.is_empty() {
                    ui.label(format!("Controlled by {}", d.controller));
                }
            }
        }
        _ => {}
    }
    if let Some(id) = tag.id() {
        crate::ui::checks::checks_of_ui(findings, id, ui);
    }
}

pub(super) fn names(plan: &Roadmap, ids: &[String]) -> String {
    ids.iter()
        .map(|id| plan.dependency(id).map_or(id.as_str(), |d| d.name.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}
