//! The canvas (centre): paints the layout scene and turns pointer and keys into edits.

use std::collections::HashMap;

use egui::{
    Color32, CornerRadius, FontId, Pos2, Rect, Response, Sense, Stroke, StrokeKind, Ui, Vec2, pos2,
    vec2,
};

use super::app::StackplanApp;
use super::edits;
use super::view::{Selection, ViewState};
use crate::analysis::Finding;
use crate::layout::{self, BarEnd, Rgba, Scene, Shape, Tag};
use crate::model::{ItemKind, Month, Roadmap};

/// Width of the lane header column, in points.
pub const HEADER_WIDTH: f32 = 130.0;
/// Extra months laid out on each side of the visible window.
const MARGIN_MONTHS: i32 = 2;

/// The id of the canvas widget (it holds the keyboard focus for canvas keys).
pub fn canvas_id() -> egui::Id {
    egui::Id::unique("stackplan-canvas")
}

/// A pointer gesture in progress on the canvas.
#[derive(Debug, Clone)]
pub enum Drag {
    /// Moving a bar or milestone: where it was grabbed, relative to its month.
    Move {
        /// Kind of the item.
        kind: ItemKind,
        /// Its id.
        id: String,
        /// Month under the pointer when the drag began (fractional index).
        grab: f32,
        /// The item's first month when the drag began.
        origin: Month,
        /// The item's layer when the drag began.
        layer: String,
    },
    /// Dragging one end of a bar.
    Resize {
        /// The investment.
        id: String,
        /// Which end.
        end: BarEnd,
    },
    /// Dragging a new link from an item.
    Link {
        /// The item the link starts at.
        from: String,
        /// Where the drag began, on screen.
        start: Pos2,
    },
    /// Dragging the time cursor along the ruler.
    Cursor,
}

/// The canvas's cached scene and the gesture under way.
#[derive(Default)]
pub struct CanvasState {
    scene: Option<(SceneKey, Scene)>,
    drag: Option<Drag>,
    focused_once: bool,
    /// Left edge of the canvas last frame (the exposure chart lines up with it).
    pub left: Option<f32>,
    /// Width of the canvas last frame (the Stops panel saves the months in view).
    pub width: Option<f32>,
}

/// What a scene depends on; the scene is reused while this is unchanged.
#[derive(Debug, Clone, PartialEq)]
struct SceneKey {
    revision: u64,
    from: Month,
    to: Month,
    month_width: f32,
    selection: Option<String>,
    cursor: Option<Month>,
    visible: (i32, i32),
}

/// Where the scene sits on screen.
#[derive(Debug, Clone, Copy)]
struct Placement {
    /// The canvas rectangle.
    rect: Rect,
    /// Horizontal shift of the chart area (sub-month panning).
    dx: f32,
    /// Vertical scroll of the lanes.
    scroll_y: f32,
    /// Height of the ruler.
    ruler: f32,
}

impl Placement {
    /// Screen position of a scene point drawn with `tag`.
    fn to_screen(self, p: layout::Point, tag: &Tag, header: bool) -> Pos2 {
        let dx = if header { 0.0 } else { self.dx };
        let dy = if matches!(tag, Tag::Ruler | Tag::Cursor) && p.y <= self.ruler + 0.5 {
            0.0
        } else {
            -self.scroll_y
        };
        pos2(self.rect.left() + p.x + dx, self.rect.top() + p.y + dy)
    }

    /// Scene position of a screen point in the lane area.
    fn to_scene(self, p: Pos2) -> layout::Point {
        layout::Point::new(
            p.x - self.rect.left() - self.dx,
            p.y - self.rect.top() + self.scroll_y,
        )
    }

    fn rect_to_screen(self, r: &layout::Rect, tag: &Tag, header: bool) -> Rect {
        let min = self.to_screen(layout::Point::new(r.x, r.y), tag, header);
        Rect::from_min_size(min, vec2(r.w, r.h))
    }
}

/// The canvas.
pub fn canvas_ui(app: &mut StackplanApp, ui: &mut Ui) {
    let rect = ui.available_rect_before_wrap();
    app.canvas.left = Some(rect.left());
    app.canvas.width = Some(rect.width());
    let width = rect.width() - HEADER_WIDTH;
    let resized = app
        .view
        .fitted_width
        .is_some_and(|w| (w - width).abs() > 0.5);
    if app.view.fit_pending || resized {
        app.view.fit(app.doc.plan(), width);
    }
    let background = ui.interact(rect, canvas_id(), Sense::click_and_drag());
    background
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Roadmap canvas"));
    if !app.canvas.focused_once {
        app.canvas.focused_once = true;
        background.request_focus();
    }
    if background.has_focus() {
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                canvas_id(),
                egui::EventFilter {
                    tab: true,
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    escape: false,
                },
            )
        });
    }
    navigate(app, ui, rect, &background);
    if app.view.reveal_pending {
        app.view.reveal_pending = false;
        reveal_selection(app, rect);
    }
    let (view, placement) = layout_view(&app.view, rect);
    ensure_scene(app, &view);
    let Some((_, scene)) = app.canvas.scene.take() else {
        return;
    };
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::from_rgb(0xF8, 0xFA, 0xFC));
    paint_scene(&painter, &scene, &placement);
    let analysis = app.analysis();
    let hits = item_widgets(app, ui, &scene, &placement, analysis.findings());
    background_input(app, &background, &scene, &placement, &view);
    drag_input(app, ui, &scene, &placement, &view, &hits);
    if let Some(Drag::Link { start, .. }) = &app.canvas.drag
        && let Some(p) = ui.input(|i| i.pointer.interact_pos())
    {
        let blue = Color32::from_rgb(0x25, 0x63, 0xEB);
        painter.arrow(*start, p - *start, Stroke::new(2.0, blue));
    }
    app.canvas.scene = Some((scene_key(app, &view), scene));
}

/// The layout view for the visible window, and where its scene goes on screen.
fn layout_view(state: &ViewState, rect: Rect) -> (layout::View, Placement) {
    let ppm = state.points_per_month.max(super::view::MIN_ZOOM);
    let first = state.first_month.floor() as i32 - MARGIN_MONTHS;
    let shown = ((rect.width() - HEADER_WIDTH).max(0.0) / ppm).ceil() as i32;
    let from = Month::from_index(first);
    let to = Month::from_index(first + shown + 2 * MARGIN_MONTHS + 1);
    let mut view = layout::View::new(from, to);
    view.month_width = ppm;
    view.header_width = HEADER_WIDTH;
    view.selection = state.selection.as_ref().map(|s| s.id.clone());
    view.cursor = state.cursor;
    let top = state.scroll_y.floor();
    view.visible = Some((top, top + rect.height()));
    let dx = (from.index() as f32 - state.first_month) * ppm;
    let placement = Placement {
        rect,
        dx,
        scroll_y: state.scroll_y,
        ruler: layout::RULER_HEIGHT,
    };
    (view, placement)
}

fn scene_key(app: &StackplanApp, view: &layout::View) -> SceneKey {
    let visible = view.visible.map_or((0, 0), |(a, b)| (a as i32, b as i32));
    SceneKey {
        revision: app.doc.revision(),
        from: view.from,
        to: view.to,
        month_width: view.month_width,
        selection: view.selection.clone(),
        cursor: view.cursor,
        visible,
    }
}

fn ensure_scene(app: &mut StackplanApp, view: &layout::View) {
    let key = scene_key(app, view);
    if app.canvas.scene.as_ref().is_some_and(|(k, _)| *k == key) {
        return;
    }
    let scene = layout::layout(app.plan(), view);
    app.canvas.scene = Some((key, scene));
}

fn colour(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, c.a)
}

fn is_header(shape: &Shape) -> bool {
    shape.bounds().right() <= HEADER_WIDTH + 0.5
}

/// Paints every scene item: the chart clipped right of the lane headers and below the ruler.
fn paint_scene(painter: &egui::Painter, scene: &Scene, at: &Placement) {
    let rect = at.rect;
    let lanes = painter.with_clip_rect(Rect::from_min_max(
        pos2(rect.left() + HEADER_WIDTH, rect.top() + at.ruler),
        rect.max,
    ));
    let headers = painter.with_clip_rect(Rect::from_min_max(
        pos2(rect.left(), rect.top() + at.ruler),
        pos2(rect.left() + HEADER_WIDTH, rect.bottom()),
    ));
    let ruler = painter.with_clip_rect(Rect::from_min_max(
        pos2(rect.left() + HEADER_WIDTH, rect.top()),
        pos2(rect.right(), rect.top() + at.ruler),
    ));
    for item in &scene.items {
        let header = is_header(&item.shape);
        let on_ruler = matches!(item.tag, Tag::Ruler)
            || (item.tag == Tag::Cursor && matches!(item.shape, Shape::Text(_)));
        let target = if on_ruler {
            &ruler
        } else if header {
            &headers
        } else {
            &lanes
        };
        if item.tag == Tag::Cursor
            && let Shape::Line { points, stroke } = &item.shape
            && let Some(first) = points.first()
        {
            let x = at.to_screen(*first, &item.tag, false).x;
            let line = [pos2(x, rect.top()), pos2(x, rect.bottom())];
            painter.line_segment(line, Stroke::new(stroke.width, colour(stroke.colour)));
            continue;
        }
        paint_shape(target, &item.shape, &item.tag, header, at);
    }
    painter.rect_filled(
        Rect::from_min_size(rect.min, vec2(HEADER_WIDTH, at.ruler)),
        0.0,
        Color32::WHITE,
    );
    painter.line_segment(
        [
            pos2(rect.left(), rect.top() + at.ruler),
            pos2(rect.left() + HEADER_WIDTH, rect.top() + at.ruler),
        ],
        Stroke::new(1.0, Color32::from_gray(200)),
    );
}

fn paint_shape(painter: &egui::Painter, shape: &Shape, tag: &Tag, header: bool, at: &Placement) {
    let stroke_of = |s: &Option<layout::Stroke>| {
        s.map_or(Stroke::NONE, |s| Stroke::new(s.width, colour(s.colour)))
    };
    match shape {
        Shape::Rect {
            rect,
            fill,
            stroke,
            radius,
        } => {
            let r = at.rect_to_screen(rect, tag, header);
            if !painter.clip_rect().intersects(r) {
                return;
            }
            let radius = CornerRadius::same(radius.round().clamp(0.0, 255.0) as u8);
            if let Some(f) = fill {
                painter.rect_filled(r, radius, colour(*f));
            }
            if stroke.is_some() {
                painter.rect_stroke(r, radius, stroke_of(stroke), StrokeKind::Inside);
            }
        }
        Shape::Diamond {
            centre,
            half,
            fill,
            stroke,
        } => {
            let c = at.to_screen(*centre, tag, header);
            let pts = vec![
                c + vec2(0.0, -half),
                c + vec2(*half, 0.0),
                c + vec2(0.0, *half),
                c + vec2(-half, 0.0),
            ];
            painter.add(egui::Shape::convex_polygon(
                pts,
                fill.map_or(Color32::TRANSPARENT, colour),
                stroke_of(stroke),
            ));
        }
        Shape::Line { points, stroke } => {
            let pts: Vec<Pos2> = points
                .iter()
                .map(|p| at.to_screen(*p, tag, header))
                .collect();
            let s = Stroke::new(stroke.width, colour(stroke.colour));
            if stroke.dashed {
                painter.extend(egui::Shape::dashed_line(&pts, s, 4.0, 3.0));
            } else {
                painter.add(egui::Shape::line(pts, s));
            }
        }
        Shape::Polygon {
            points,
            fill,
            stroke,
        } => {
            let pts: Vec<Pos2> = points
                .iter()
                .map(|p| at.to_screen(*p, tag, header))
                .collect();
            painter.add(egui::Shape::convex_polygon(
                pts,
                fill.map_or(Color32::TRANSPARENT, colour),
                stroke_of(stroke),
            ));
        }
        Shape::Text(run) => {
            let bounds = at.rect_to_screen(&run.bounds(), tag, header);
            if !painter.clip_rect().intersects(bounds.expand(run.size)) {
                return;
            }
            let font = FontId::proportional(run.size);
            let galley = painter.layout_no_wrap(run.text.clone(), font, colour(run.colour));
            let w = galley.size().x;
            let anchor = at.to_screen(run.pos, tag, header);
            let left = match run.anchor {
                layout::Anchor::Start => anchor.x,
                layout::Anchor::Middle => anchor.x - w / 2.0,
                layout::Anchor::End => anchor.x - w,
            };
            let ascent = run.size * 0.9;
            let top = anchor.y - ascent;
            let clip = Rect::from_min_size(
                pos2(left.min(anchor.x - run.max_width), top - 2.0),
                vec2(run.max_width * 2.0 + w, run.size * 2.0),
            );
            let clip = match run.anchor {
                layout::Anchor::Start => Rect::from_min_max(
                    pos2(left, top - 2.0),
                    pos2(left + run.max_width, top + run.size * 1.6),
                ),
                _ => clip,
            };
            painter
                .with_clip_rect(painter.clip_rect().intersect(clip))
                .galley(pos2(left, top), galley, Color32::BLACK);
        }
    }
}

/// Screen rectangles of the selectable items, by tag, as egui widgets (for hit-testing,
/// dragging and AccessKit names).
struct Hits {
    /// Items in paint order with their widget responses.
    items: Vec<(Tag, Response)>,
}

fn widget_rects(scene: &Scene, at: &Placement) -> Vec<(Tag, Rect)> {
    let mut order: Vec<Tag> = Vec::new();
    let mut rects: HashMap<Tag, Rect> = HashMap::new();
    for item in &scene.items {
        let wanted = matches!(
            item.tag,
            Tag::Investment(_)
                | Tag::Milestone(_)
                | Tag::Dependency(_)
                | Tag::Resize { .. }
                | Tag::LinkHandle(_)
        );
        if !wanted || matches!(item.shape, Shape::Text(_)) {
            continue;
        }
        let r = at.rect_to_screen(&item.shape.bounds(), &item.tag, false);
        match rects.get_mut(&item.tag) {
            Some(existing) => *existing = existing.union(r),
            None => {
                rects.insert(item.tag.clone(), r);
                order.push(item.tag.clone());
            }
        }
    }
    // Handles go on top of the bars they belong to.
    order.sort_by_key(|t| matches!(t, Tag::Resize { .. } | Tag::LinkHandle(_)));
    order
        .into_iter()
        .filter_map(|t| rects.get(&t).map(|r| (t.clone(), *r)))
        .collect()
}

fn item_widgets(
    app: &mut StackplanApp,
    ui: &mut Ui,
    scene: &Scene,
    at: &Placement,
    findings: &[Finding],
) -> Hits {
    let lanes = Rect::from_min_max(
        pos2(at.rect.left() + HEADER_WIDTH, at.rect.top() + at.ruler),
        at.rect.max,
    );
    let mut items = Vec::new();
    for (tag, r) in widget_rects(scene, at) {
        let r = r.expand(if matches!(tag, Tag::Resize { .. } | Tag::LinkHandle(_)) {
            2.0
        } else {
            1.0
        });
        let visible = r.intersect(lanes);
        if visible.width() <= 0.0 || visible.height() <= 0.0 {
            continue;
        }
        let id = canvas_id().with(&tag);
        let resp = ui.interact(visible, id, Sense::click_and_drag());
        let plan = app.plan();
        resp.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, true, accessible_name(plan, &tag))
        });
        let resp = match &tag {
            Tag::Resize { .. } => resp.on_hover_cursor(egui::CursorIcon::ResizeHorizontal),
            Tag::LinkHandle(_) => resp
                .on_hover_cursor(egui::CursorIcon::Crosshair)
                .on_hover_text("Drag onto another item to link"),
            _ => resp.on_hover_ui(|ui| tooltip_ui(app.plan(), findings, &tag, ui)),
        };
        if resp.clicked() {
            select_tag(app, &tag);
            resp.request_focus();
            ui.memory_mut(|m| m.request_focus(canvas_id()));
        }
        items.push((tag, resp));
    }
    Hits { items }
}

/// The name screen readers (and UI tests) use for a canvas item.
fn accessible_name(plan: &Roadmap, tag: &Tag) -> String {
    let title = |id: &str| {
        plan.investment(id)
            .map(|i| i.title.clone())
            .or_else(|| plan.milestone(id).map(|m| m.title.clone()))
            .or_else(|| plan.dependency(id).map(|d| d.name.clone()))
            .unwrap_or_else(|| id.to_owned())
    };
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

fn select_tag(app: &mut StackplanApp, tag: &Tag) {
    let selection = match tag {
        Tag::Investment(id) | Tag::Resize { id, .. } | Tag::LinkHandle(id) => {
            Some(Selection::new(ItemKind::Investment, id))
        }
        Tag::Milestone(id) => Some(Selection::new(ItemKind::Milestone, id)),
        Tag::Dependency(id) => Some(Selection::new(ItemKind::Dependency, id)),
        _ => None,
    };
    if selection.is_some() {
        app.select(selection);
    }
}

fn tooltip_ui(plan: &Roadmap, findings: &[Finding], tag: &Tag, ui: &mut Ui) {
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
                    group_thousands(i.budget),
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
        super::checks::checks_of_ui(findings, id, ui);
    }
}

fn names(plan: &Roadmap, ids: &[String]) -> String {
    ids.iter()
        .map(|id| plan.dependency(id).map_or(id.as_str(), |d| d.name.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `1234567` as "1 234 567".
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202F}');
        }
        out.push(c);
    }
    out
}

/// Pan by dragging empty space, middle mouse or scrolling; zoom with Ctrl+scroll or pinch.
fn navigate(app: &mut StackplanApp, ui: &Ui, rect: Rect, background: &Response) {
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
            app.view.zoom_around(zoom, anchor);
        } else if scroll != Vec2::ZERO {
            app.view.pan(scroll.x, scroll.y);
        }
        if middle {
            let delta = ui.input(|i| i.pointer.delta());
            app.view.pan(delta.x, delta.y);
        }
    }
    if background.dragged_by(egui::PointerButton::Primary) && app.canvas.drag.is_none() {
        let d = background.drag_delta();
        app.view.pan(d.x, d.y);
    }
}

fn reveal_selection(app: &mut StackplanApp, rect: Rect) {
    let Some(sel) = &app.view.selection else {
        return;
    };
    let plan = app.plan();
    let month = match sel.kind {
        ItemKind::Investment => plan.investment(&sel.id).map(|i| i.start),
        ItemKind::Milestone => plan.milestone(&sel.id).map(|m| m.month),
        _ => None,
    };
    if let Some(m) = month {
        let width = rect.width() - HEADER_WIDTH;
        app.view.reveal(m.index() as f32, width);
    }
}

/// Clicks and double-clicks on empty canvas, and drags on the ruler (time cursor).
fn background_input(
    app: &mut StackplanApp,
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
            app.view.cursor = Some(view.month_at(s.x));
        } else {
            app.select(None);
        }
    }
    if background.drag_started() && on_ruler {
        app.canvas.drag = Some(Drag::Cursor);
    }
    if background.double_clicked()
        && !on_ruler
        && let Some(layer) = scene.band_at(s.y).and_then(|b| b.layer.clone())
    {
        app.add_item(ItemKind::Investment, &layer, view.month_at(s.x));
    }
}

/// Starts, continues and finishes drags of items, handles and the time cursor.
fn drag_input(
    app: &mut StackplanApp,
    ui: &Ui,
    scene: &Scene,
    at: &Placement,
    view: &layout::View,
    hits: &Hits,
) {
    for (tag, resp) in &hits.items {
        if resp.drag_started_by(egui::PointerButton::Primary) && app.canvas.drag.is_none() {
            let origin = ui
                .input(|i| i.pointer.press_origin())
                .or(resp.interact_pointer_pos());
            let grab = origin.map_or(0.0, |p| fractional_month(view, at.to_scene(p).x));
            app.canvas.drag = start_drag(app.plan(), tag, grab, resp.rect.center());
            select_tag(app, tag);
            ui.memory_mut(|m| m.request_focus(canvas_id()));
        }
    }
    let Some(drag) = app.canvas.drag.clone() else {
        return;
    };
    let (pointer, down) = ui.input(|i| (i.pointer.interact_pos(), i.pointer.primary_down()));
    if let Some(p) = pointer {
        let s = at.to_scene(p);
        continue_drag(app, &drag, s, scene, view);
    }
    if !down {
        finish_drag(app, &drag, pointer.map(|p| at.to_scene(p)), scene);
        app.canvas.drag = None;
    }
}

fn fractional_month(view: &layout::View, x: f32) -> f32 {
    view.from.index() as f32 + (x - view.header_width) / view.month_width.max(0.01)
}

fn start_drag(plan: &Roadmap, tag: &Tag, grab: f32, centre: Pos2) -> Option<Drag> {
    match tag {
        Tag::Investment(id) => plan.investment(id).map(|i| Drag::Move {
            kind: ItemKind::Investment,
            id: id.clone(),
            grab,
            origin: i.start,
            layer: i.layer.clone(),
        }),
        Tag::Milestone(id) => plan.milestone(id).map(|m| Drag::Move {
            kind: ItemKind::Milestone,
            id: id.clone(),
            grab,
            origin: m.month,
            layer: m.layer.clone(),
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

fn continue_drag(
    app: &mut StackplanApp,
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
        } => {
            let delta = (fractional_month(view, s.x) - grab).round() as i32;
            let month = origin.plus(delta);
            let lane = scene
                .band_at(s.y)
                .and_then(|b| b.layer.clone())
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
            let (kind, id) = (*kind, id.clone());
            app.doc.gesture_edit(|p| match kind {
                ItemKind::Investment => edits::place_investment(p, &id, month, &lane),
                _ => edits::place_milestone(p, &id, month, &lane),
            });
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
                        app.doc.gesture_edit(|p| edits::set_start(p, &id, m));
                    }
                }
                BarEnd::End => {
                    let m = Month::from_index(boundary - 1).max(inv.start);
                    if m != inv.end {
                        app.doc.gesture_edit(|p| edits::set_end(p, &id, m));
                    }
                }
            }
        }
        Drag::Cursor => {
            app.view.cursor = Some(view.month_at(s.x));
        }
        Drag::Link { .. } => {}
    }
}

fn finish_drag(app: &mut StackplanApp, drag: &Drag, at: Option<layout::Point>, scene: &Scene) {
    match drag {
        Drag::Move {
            kind: ItemKind::Milestone,
            ..
        } => app.doc.end_gesture("Move milestone"),
        Drag::Move { .. } => app.doc.end_gesture("Move investment"),
        Drag::Resize { .. } => app.doc.end_gesture("Resize investment"),
        Drag::Link { from, .. } => {
            let target = at
                .and_then(|p| scene.hit(p, 2.0))
                .and_then(|item| match &item.tag {
                    Tag::Investment(id) | Tag::Milestone(id) => Some(id.clone()),
                    _ => None,
                });
            if let Some(to) = target {
                let from = from.clone();
                app.doc.edit("Add link", |p| {
                    edits::link_by_drag(p, &from, &to);
                });
            }
        }
        Drag::Cursor => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands(450_000_000), "450\u{202F}000\u{202F}000");
        assert_eq!(group_thousands(999), "999");
    }
}
