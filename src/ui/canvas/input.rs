//! The canvas's input: panning and zooming, revealing the selection, clicks on empty
//! canvas and on the ruler, and drags of items, handles, the rubber band and the time cursor.

use super::*;

/// Pan by dragging empty space, middle mouse or scrolling; zoom with Ctrl+scroll or pinch.
pub(super) fn navigate(app: &mut Pass, ui: &Ui, rect: Rect, background: &Response) {
    let hovered = ui.rect_contains_pointer(rect);
    let (scroll, zoom, pointer, middle) = ui.input(|i| {
        (
            i.smooth_scroll_delta,
            i.zoom_delta(),
            i.pointer.hover_pos(),
            i.pointer.middle_down(),
        )
    });
    if hovered {
        if zoom != 1.0 {
            let anchor = pointer.map_or(rect.center().x, |p| p.x) - rect.left() - HEADER_WIDTH;
            app.change(ViewChange::Zoom(zoom, anchor));
        } else if scroll != Vec2::ZERO {
            app.change(ViewChange::Pan(scroll.x, scroll.y));
        }
        if middle {
            let delta = ui.input(|i| i.pointer.delta());
            app.change(ViewChange::Pan(delta.x, delta.y));
        }
    }
    // The right button pans anywhere; the left one pans from the lane names (on the lanes
    // it draws a rubber band, on the ruler it moves the time cursor, on an item the item).
    let origin = ui.input(|i| i.pointer.press_origin());
    let on_names = origin.is_some_and(|p| {
        p.y >= rect.top() + layout::RULER_HEIGHT && p.x < rect.left() + HEADER_WIDTH
    });
    let on_item = origin.is_some_and(|p| app.st.painted.target_at(p, SLOP).is_some());
    let left = background.dragged_by(egui::PointerButton::Primary) && on_names && !on_item;
    if (left || background.dragged_by(egui::PointerButton::Secondary)) && app.st.drag.is_none() {
        let d = background.drag_delta();
        app.change(ViewChange::Pan(d.x, d.y));
    }
}

pub(super) fn reveal_selection(app: &mut Pass, rect: Rect) {
    let Some(sel) = app.view.selection.clone() else {
        return;
    };
    let plan = app.plan();
    let (months, tag) = match sel.kind {
        ItemKind::Investment => (
            plan.investment(&sel.id).map(|i| (i.start, i.end.plus(1))),
            Tag::Investment(sel.id.clone()),
        ),
        ItemKind::Milestone => (
            plan.milestone(&sel.id).map(|m| (m.month, m.month.plus(1))),
            Tag::Milestone(sel.id.clone()),
        ),
        ItemKind::Dependency => (None, Tag::Dependency(sel.id.clone())),
        _ => return,
    };
    if let Some((from, until)) = months {
        // Panned to only when no part of it is in view: a bar just dragged, or a long one
        // whose start is left of the view, stays where the planner sees it.
        let width = rect.width() - HEADER_WIDTH;
        let (from, until) = (from.index() as f32, until.index() as f32);
        if app.view.x_of(until) <= 0.0 || app.view.x_of(from) >= width {
            app.change(ViewChange::ShowMonth(from, width));
        }
    }
    reveal_vertically(app, &tag, rect.height());
}

/// Scrolls the lanes so that the item `tag` is in view: its own rectangle when the last
/// scene laid it out or located it as the selected item, else its lane (and once that is in
/// view, the item, next frame).
pub(super) fn reveal_vertically(app: &mut Pass, tag: &Tag, height: f32) {
    let Some((_, scene)) = &app.st.scene else {
        return;
    };
    let drawn = scene
        .items
        .iter()
        .filter(|i| i.tag == *tag && !matches!(i.shape, layout::Shape::Text(_)))
        .map(|i| i.shape.bounds())
        .map(|b| (b.y, b.y + b.h))
        .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
        // Outside the band laid out, the selected item still has its place in the scene.
        .or_else(|| {
            let (id, r) = scene.selected.as_ref()?;
            (tag.id() == Some(id.as_str())).then_some((r.y, r.y + r.h))
        });
    let layer = match tag {
        Tag::Investment(id) => app.plan().investment(id).map(|i| Some(i.layer.clone())),
        Tag::Milestone(id) => app.plan().milestone(id).map(|m| Some(m.layer.clone())),
        _ => Some(None),
    };
    let lane = || {
        let layer = layer.clone()?;
        let band = scene.bands.iter().find(|b| b.layer == layer)?;
        Some((
            band.top,
            band.top + (band.bottom - band.top).min(height / 2.0),
        ))
    };
    let Some((top, bottom)) = drawn.or_else(lane) else {
        return;
    };
    let scroll = scroll_to_show(
        app.view.scroll_y,
        (top, bottom),
        layout::RULER_HEIGHT,
        height,
    );
    if (scroll - app.view.scroll_y).abs() > 0.5 {
        app.change(ViewChange::ScrollTo(scroll));
        // Laid out again at the new place, the item itself can be shown exactly.
        if drawn.is_none() {
            app.change(ViewChange::RevealPending(true));
        }
    }
}

/// The vertical scroll that shows the scene rows `top..bottom` below a ruler `ruler` high
/// in a canvas `height` high, changing `scroll` as little as possible.
pub(super) fn scroll_to_show(
    scroll: f32,
    (top, bottom): (f32, f32),
    ruler: f32,
    height: f32,
) -> f32 {
    const MARGIN: f32 = 12.0;
    if top < scroll + ruler {
        (top - ruler - MARGIN).max(0.0)
    } else if bottom > scroll + height {
        (bottom - height + MARGIN)
            .min(top - ruler - MARGIN)
            .max(0.0)
    } else {
        scroll
    }
}

/// Clicks and double-clicks on empty canvas, and drags on the ruler (time cursor).
pub(super) fn background_input(
    app: &mut Pass,
    ui: &Ui,
    background: &Response,
    scene: &Scene,
    at: &Placement,
    view: &layout::View,
) {
    let Some(p) = background.interact_pointer_pos() else {
        return;
    };
    let on_ruler = p.y < at.rect.top() + at.ruler && p.x > at.rect.left() + HEADER_WIDTH;
    let s = at.to_scene(p);
    if background.clicked() {
        background.request_focus();
        if on_ruler {
            app.change(ViewChange::Cursor(Some(view.month_at(s.x))));
        } else if let Some(target) = app.st.painted.target_at(p, SLOP) {
            // Pressed in the frame the pointer arrived, before the item had its widget.
            let tag = target.tag.clone();
            click_tag(app, ui, &tag);
        } else if !adding(ui) {
            app.select(None);
        }
    }
    if background.drag_started_by(egui::PointerButton::Primary) && app.st.drag.is_none() {
        let origin = ui.input(|i| i.pointer.press_origin()).unwrap_or(p);
        if on_ruler {
            app.st.drag = Some(Drag::Cursor);
        } else if at.lanes().contains(origin) && app.st.painted.target_at(origin, SLOP).is_none() {
            let kept = if adding(ui) {
                app.view.selected()
            } else {
                Vec::new()
            };
            app.st.drag = Some(Drag::Band {
                start: origin,
                kept,
            });
        }
    }
    if background.double_clicked()
        && !on_ruler
        && let Some(layer) = scene.band_at(s.y).and_then(|b| b.layer.clone())
    {
        let add = Edit::Add(ItemKind::Investment, layer, view.month_at(s.x));
        app.out.edit("Add investment", add);
    }
}

/// Starts, continues and finishes drags of items, handles and the time cursor.
pub(super) fn drag_input(
    app: &mut Pass,
    ui: &Ui,
    background: &Response,
    scene: &Scene,
    at: &Placement,
    view: &layout::View,
    hits: &Hits,
) {
    let primary = egui::PointerButton::Primary;
    let origin = ui.input(|i| i.pointer.press_origin());
    let started = hits
        .items
        .iter()
        .find(|(_, resp)| resp.drag_started_by(primary))
        .map(|(tag, resp)| (tag.clone(), resp.rect, resp.interact_pointer_pos()))
        .or_else(|| {
            // The press came in the same frame as the pointer (a slow frame): the item has no
            // widget yet, but it is painted under the press.
            let p = origin.filter(|_| background.drag_started_by(primary))?;
            let target = app.st.painted.target_at(p, SLOP)?;
            Some((target.tag.clone(), target.rect, Some(p)))
        });
    if let Some((tag, rect, pos)) = started
        && app.st.drag.is_none()
    {
        let grab = origin
            .or(pos)
            .map_or(0.0, |p| fractional_month(view, at.to_scene(p).x));
        let group = selection_of(&tag)
            .filter(|item| app.view.selected().len() > 1 && app.view.selected().contains(item));
        let others = match &group {
            Some(item) => moved_with(app.plan(), &app.view.selected(), item),
            None => Vec::new(),
        };
        app.st.drag = start_drag(app.plan(), &tag, grab, rect.center(), others);
        match group {
            // The item grabbed becomes the primary one of the selection, which stays.
            Some(item) => app.change(ViewChange::Primary(item)),
            None => select_tag(app, &tag),
        }
        ui.memory_mut(|m| m.request_focus(canvas_id()));
    }
    let Some(drag) = app.st.drag.clone() else {
        return;
    };
    let (pointer, down) = ui.input(|i| {
        // Where the button came up: a slow frame may also hold moves made after the release.
        let released = i.events.iter().find_map(|e| match e {
            egui::Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed: false,
                ..
            } => Some(*pos),
            _ => None,
        });
        (
            released.or(i.pointer.interact_pos()),
            i.pointer.primary_down() && released.is_none(),
        )
    });
    if let Some(p) = pointer {
        match &drag {
            Drag::Band { start, kept } => band_select(app, *start, kept, p),
            _ => continue_drag(app, &drag, at.to_scene(p), scene, view),
        }
    }
    if !down {
        finish_drag(app, &drag, pointer.map(|p| at.to_scene(p)), scene);
        app.st.drag = None;
    }
}

pub(super) fn fractional_month(view: &layout::View, x: f32) -> f32 {
    view.from.index() as f32 + (x - view.header_width) / view.month_width.max(0.01)
}

/// The selected items other than `grabbed` that a drag moves along, where they are now.
pub(super) fn moved_with(
    plan: &Roadmap,
    selected: &[Selection],
    grabbed: &Selection,
) -> Vec<Moved> {
    selected
        .iter()
        .filter(|s| *s != grabbed)
        .filter_map(|s| {
            let (origin, layer) = match s.kind {
                ItemKind::Investment => plan.investment(&s.id).map(|i| (i.start, &i.layer))?,
                ItemKind::Milestone => plan.milestone(&s.id).map(|m| (m.month, &m.layer))?,
                _ => return None,
            };
            Some(Moved {
                kind: s.kind,
                id: s.id.clone(),
                origin,
                layer: layer.clone(),
            })
        })
        .collect()
}

pub(super) fn start_drag(
    plan: &Roadmap,
    tag: &Tag,
    grab: f32,
    centre: Pos2,
    others: Vec<Moved>,
) -> Option<Drag> {
    match tag {
        Tag::Investment(id) => plan.investment(id).map(|i| Drag::Move {
            kind: ItemKind::Investment,
            id: id.clone(),
            grab,
            origin: i.start,
            layer: i.layer.clone(),
            others,
        }),
        Tag::Milestone(id) => plan.milestone(id).map(|m| Drag::Move {
            kind: ItemKind::Milestone,
            id: id.clone(),
            grab,
            origin: m.month,
            layer: m.layer.clone(),
            others,
        }),
        Tag::Resize { id, end } => Some(Drag::Resize {
            id: id.clone(),
            end: *end,
        }),
        Tag::LinkHandle(id) => Some(Drag::Link {
            from: id.clone(),
            start: centre,
        }),
        _ => None,
    }
}

pub(super) fn continue_drag(
    app: &mut Pass,
    drag: &Drag,
    s: layout::Point,
    scene: &Scene,
    view: &layout::View,
) {
    let plan = app.plan();
    match drag {
        Drag::Move {
            kind,
            id,
            grab,
            origin,
            layer,
            others,
        } => {
            let delta = (fractional_month(view, s.x) - grab).round() as i32;
            let month = origin.plus(delta);
            // Several items move in time only, each in its own lane.
            let lane = scene
                .band_at(s.y)
                .and_then(|b| b.layer.clone())
                .filter(|_| others.is_empty())
                .unwrap_or_else(|| layer.clone());
            let unchanged = match kind {
                ItemKind::Investment => plan
                    .investment(id)
                    .is_some_and(|i| i.start == month && i.layer == lane),
                _ => plan
                    .milestone(id)
                    .is_some_and(|m| m.month == month && m.layer == lane),
            };
            if unchanged {
                return;
            }
            let grabbed = Placed {
                kind: *kind,
                id: id.clone(),
                month,
                layer: lane,
            };
            let moved = std::iter::once(grabbed)
                .chain(others.iter().map(|o| placed(o, delta)))
                .collect();
            app.out
                .push(Action::Edit(Record::Gesture, Edit::Place(moved)));
        }
        Drag::Resize { id, end } => {
            let boundary = fractional_month(view, s.x).round() as i32;
            let Some(inv) = plan.investment(id) else {
                return;
            };
            let (id, end) = (id.clone(), *end);
            match end {
                BarEnd::Start => {
                    let m = Month::from_index(boundary).min(inv.end);
                    if m != inv.start {
                        let edit = Edit::SetStart(id, m);
                        app.out.push(Action::Edit(Record::Gesture, edit));
                    }
                }
                BarEnd::End => {
                    let m = Month::from_index(boundary - 1).max(inv.start);
                    if m != inv.end {
                        let edit = Edit::SetEnd(id, m);
                        app.out.push(Action::Edit(Record::Gesture, edit));
                    }
                }
            }
        }
        Drag::Cursor => {
            app.change(ViewChange::Cursor(Some(view.month_at(s.x))));
        }
        Drag::Band { .. } | Drag::Link { .. } => {}
    }
}

/// Selects what the rubber band from `start` to `p` touches, besides what was `kept`.
pub(super) fn band_select(app: &mut Pass, start: Pos2, kept: &[Selection], p: Pos2) {
    let band = Rect::from_two_pos(start, p);
    let touched = app
        .st
        .painted
        .targets()
        .iter()
        .filter(|t| t.rect.intersects(band))
        .filter_map(|t| selection_of(&t.tag));
    let mut items = kept.to_vec();
    for item in touched {
        if !items.contains(&item) {
            items.push(item);
        }
    }
    if items != app.view.selected() {
        app.change(ViewChange::SelectMany(items, false));
    }
}

/// A moved item `delta` months from where it was, in its layer.
pub(super) fn placed(item: &Moved, delta: i32) -> Placed {
    Placed {
        kind: item.kind,
        id: item.id.clone(),
        month: item.origin.plus(delta),
        layer: item.layer.clone(),
    }
}

pub(super) fn finish_drag(app: &mut Pass, drag: &Drag, at: Option<layout::Point>, scene: &Scene) {
    if matches!(drag, Drag::Move { .. } | Drag::Resize { .. }) {
        // In a crowded lane the item may now stack in a row out of view: scroll to it.
        app.change(ViewChange::Reveal);
    }
    let end = |label: String| Action::EndGesture(label);
    match drag {
        Drag::Move { others, .. } if !others.is_empty() => app
            .out
            .push(end(format!("Move {} items", others.len() + 1))),
        Drag::Move {
            kind: ItemKind::Milestone,
            ..
        } => app.out.push(end("Move milestone".to_owned())),
        Drag::Move { .. } => app.out.push(end("Move investment".to_owned())),
        Drag::Resize { .. } => app.out.push(end("Resize investment".to_owned())),
        Drag::Link { from, .. } => {
            let target = at
                .and_then(|p| scene.hit(p, 2.0))
                .and_then(|item| match &item.tag {
                    Tag::Investment(id) | Tag::Milestone(id) => Some(id.clone()),
                    _ => None,
                });
            if let Some(to) = target {
                app.out.edit("Add link", Edit::LinkByDrag(from.clone(), to));
            }
        }
        Drag::Cursor | Drag::Band { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revealing_scrolls_as_little_as_shows_the_item() {
        // In view: no scroll.
        assert_eq!(scroll_to_show(100.0, (200.0, 220.0), 30.0, 400.0), 100.0);
        // Above the lanes: its top just below the ruler.
        assert_eq!(scroll_to_show(300.0, (200.0, 220.0), 30.0, 400.0), 158.0);
        // Below: its bottom just above the canvas's bottom edge.
        assert_eq!(scroll_to_show(0.0, (600.0, 620.0), 30.0, 400.0), 232.0);
    }
}
