//! The canvas (centre): paints the layout scene and turns pointer and keys into edits.

use egui::{Color32, Pos2, Rect, Response, Sense, Stroke, Ui, Vec2};

use super::a11y::{self, Speeches};
use super::action::{Action, Actions, Context, Edit, Placed, Record, ViewChange};
pub use super::paint::HEADER_WIDTH;
use super::paint::{Painted, Placement};
use super::view::{Selection, ViewState};
use crate::analysis::Finding;
use crate::analysis::sovereignty::{Cutoff, Shock};
use crate::layout::{self, BarEnd, Scene, Tag};
use crate::model::{ItemKind, Month, Roadmap};

/// The laid-out window extends this share of the visible width beyond each side, and moves
/// in steps of it, so that panning reuses one layout for many frames.
const SLACK_SHARE: f32 = 0.25;
/// The laid-out band extends this many points above and below the visible lanes, and moves
/// in steps of it, so that scrolling reuses one layout for many frames.
const SLACK_POINTS: f32 = 240.0;

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
        /// The other selected items, moved by as many months (none when dragged alone).
        others: Vec<Moved>,
    },
    /// A rubber band from `start` (on screen) to the pointer: selects every item it touches.
    Band {
        /// Where the drag began.
        start: Pos2,
        /// What was selected before, kept when Shift or Ctrl was held.
        kept: Vec<Selection>,
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

/// An item moved with the one dragged, where it was when the drag began.
#[derive(Debug, Clone)]
pub struct Moved {
    /// Kind of the item.
    kind: ItemKind,
    /// Its id.
    id: String,
    /// Its first month when the drag began.
    origin: Month,
    /// Its layer.
    layer: String,
}

/// The canvas's cached scene and the gesture under way.
#[derive(Default)]
pub struct CanvasState {
    scene: Option<(SceneKey, Scene)>,
    /// Counts the scenes laid out, so the painted shapes know when theirs is stale.
    scene_nr: u64,
    painted: Painted,
    drag: Option<Drag>,
    /// The item widget the pointer pressed on, with its last rectangle.
    active: Option<(Tag, Rect)>,
    /// The item under the pointer last frame.
    hovered: Option<Tag>,
    /// What a screen reader says about each item, with the revision it was taken from.
    speeches: Option<(u64, Speeches)>,
    focused_once: bool,
    /// The item widget that held the keyboard last frame (a screen reader follows it).
    focused_item: Option<egui::Id>,
    /// The selected item the keyboard was last given to.
    followed: Option<String>,
    /// Left edge of the canvas last frame (the exposure chart lines up with it).
    pub left: Option<f32>,
    /// Width of the canvas last frame (the Stops panel saves the months in view).
    pub width: Option<f32>,
}

/// One frame of the canvas: what it reads, its own state, the view as this frame's input
/// changes it, and the actions it asks for.
struct Pass<'a, 'c> {
    cx: &'a Context<'c>,
    st: &'a mut CanvasState,
    /// The view drawn this frame: the app's, with the changes the canvas asked for so far.
    view: ViewState,
    out: &'a mut Actions,
}

impl Pass<'_, '_> {
    /// The plan shown.
    fn plan(&self) -> &Roadmap {
        self.cx.plan()
    }

    /// Changes the view drawn this frame and asks the app for the same change.
    fn change(&mut self, change: ViewChange) {
        let before = self.view.clone();
        change.apply(&mut self.view, self.cx.plan());
        if self.view != before {
            self.out.view(change);
        }
    }

    /// Selects one item alone (or nothing).
    fn select(&mut self, selection: Option<Selection>) {
        self.change(ViewChange::Select(selection));
    }
}

impl CanvasState {
    /// Whether the keyboard is on the canvas: on its background, or on the item widget
    /// that had it last frame.
    pub fn holds_keyboard(&self, focused: Option<egui::Id>) -> bool {
        focused.is_some() && (focused == Some(canvas_id()) || focused == self.focused_item)
    }
}

/// What a scene depends on; the scene is reused while this is unchanged.
#[derive(Debug, Clone, PartialEq)]
struct SceneKey {
    revision: u64,
    from: Month,
    to: Month,
    month_width: f32,
    selection: Option<String>,
    group: Vec<String>,
    collapsed: Vec<String>,
    cursor: Option<Month>,
    outline: Vec<String>,
    highlight: Vec<String>,
    visible: (i32, i32),
    /// The plan compared with (its generation), whose ghosts the scene draws.
    compared: Option<u64>,
    /// Who cuts off access, and when.
    shock: Option<(Cutoff, Month)>,
}

/// The canvas; `shock` is the one the Sovereignty view applies this frame (none while it
/// is hidden).
pub fn canvas_ui(
    cx: &Context,
    st: &mut CanvasState,
    shock: Option<Shock>,
    ui: &mut Ui,
    out: &mut Actions,
) {
    let mut app = Pass {
        cx,
        st,
        view: cx.view.clone(),
        out,
    };
    let app = &mut app;
    let rect = ui.available_rect_before_wrap();
    app.st.left = Some(rect.left());
    app.st.width = Some(rect.width());
    let width = rect.width() - HEADER_WIDTH;
    let resized = app
        .view
        .fitted_width
        .is_some_and(|w| (w - width).abs() > 0.5);
    if app.view.fit_pending || resized {
        app.change(ViewChange::Fit(width));
    }
    let background = ui.interact(rect, canvas_id(), Sense::click_and_drag());
    background
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Roadmap canvas"));
    if !app.st.focused_once {
        app.st.focused_once = true;
        background.request_focus();
    }
    if background.has_focus() {
        keep_canvas_keys(ui, canvas_id());
    }
    navigate(app, ui, rect, &background);
    if let Some((_, scene)) = &app.st.scene {
        // Scrolling stops once the bottom of the plan is in view.
        let last = (scene.height - rect.height() + BOTTOM_MARGIN).max(0.0);
        if app.view.scroll_y > last {
            app.change(ViewChange::ScrollTo(last));
        }
    }
    if app.view.reveal_pending {
        app.change(ViewChange::RevealPending(false));
        reveal_selection(app, rect);
    }
    let (mut view, placement) = layout_view(&app.view, rect);
    view.outline = outlined_chain(app);
    view.highlight = app.cx.found.to_vec();
    view.shock = shock;
    ensure_scene(app, &view);
    // The scene keeps the key it was laid out for: an edit made by this frame's input
    // changes the revision, and the next frame lays the plan out again.
    let Some((key, scene)) = app.st.scene.take() else {
        return;
    };
    let painter = ui.painter_at(rect);
    let nr = app.st.scene_nr;
    let selection = view.selection.as_deref();
    app.st
        .painted
        .paint(&painter, &scene, nr, selection, placement);
    let analysis = app.cx.analysis;
    let hits = item_widgets(app, ui, &placement, analysis.findings());
    lane_toggles_ui(app, ui, &painter, &scene, &placement);
    read_in_lane_order(ui, &scene, &placement, &hits);
    background_input(app, ui, &background, &scene, &placement, &view);
    drag_input(app, ui, &background, &scene, &placement, &view, &hits);
    let blue = Color32::from_rgb(0x25, 0x63, 0xEB);
    match &app.st.drag {
        Some(Drag::Link { start, .. }) => {
            if let Some(p) = ui.input(|i| i.pointer.interact_pos()) {
                painter.arrow(*start, p - *start, Stroke::new(2.0, blue));
            }
        }
        Some(Drag::Band { start, .. }) => {
            if let Some(p) = ui.input(|i| i.pointer.interact_pos()) {
                let band = Rect::from_two_pos(*start, p);
                painter.rect(
                    band,
                    0.0,
                    blue.gamma_multiply(0.12),
                    Stroke::new(1.0, blue),
                    egui::StrokeKind::Inside,
                );
            }
        }
        _ => {}
    }
    app.st.scene = Some((key, scene));
}

/// Size of the collapse triangle before each lane's name, in points.
const TOGGLE_SIZE: f32 = 14.0;

/// A triangle button before each lane's name that collapses the lane to one summary row
/// (pointing right) or expands it again (pointing down).
/// The id of the button that collapses or expands the lane of `layer`.
fn lane_toggle_id(layer: &str) -> egui::Id {
    canvas_id().with(("lane-toggle", layer))
}

fn lane_toggles_ui(
    app: &mut Pass,
    ui: &mut Ui,
    painter: &egui::Painter,
    scene: &Scene,
    at: &Placement,
) {
    let headers = Rect::from_min_max(
        egui::pos2(at.rect.left(), at.lanes().top()),
        egui::pos2(at.rect.left() + HEADER_WIDTH, at.rect.bottom()),
    );
    for band in &scene.bands {
        let Some(layer) = &band.layer else { continue };
        let tag = Tag::Lane(layer.clone());
        let top = at
            .to_screen(layout::Point::new(0.0, band.top), &tag, true)
            .y;
        let bottom = at
            .to_screen(layout::Point::new(0.0, band.bottom), &tag, true)
            .y;
        // Pinned like the lane's name: a lane scrolled partly out of view at the top keeps
        // its triangle at the top of what is visible of it.
        let top = if top < headers.top() && bottom > headers.top() {
            headers.top().min(bottom - TOGGLE_SIZE - 9.0)
        } else {
            top
        };
        let centre = egui::pos2(at.rect.left() + 13.0, top + 4.0 + TOGGLE_SIZE / 2.0 + 1.0);
        let r = Rect::from_center_size(centre, Vec2::splat(TOGGLE_SIZE));
        if !headers.contains_rect(r) {
            continue;
        }
        let collapsed = app.view.is_collapsed(layer);
        let name = app.plan().layer(layer).map_or(layer.as_str(), |l| &l.name);
        let verb = if collapsed { "Expand" } else { "Collapse" };
        let label = format!("{verb} the {name} lane");
        let resp = ui
            .interact(r, lane_toggle_id(layer), Sense::click())
            .on_hover_text(&label);
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        let ink = if resp.hovered() {
            Color32::from_rgb(0x25, 0x63, 0xEB)
        } else {
            Color32::from_rgb(0x47, 0x55, 0x69)
        };
        let h = 4.5;
        let points = if collapsed {
            vec![
                centre + egui::vec2(-h * 0.6, -h),
                centre + egui::vec2(h * 0.9, 0.0),
                centre + egui::vec2(-h * 0.6, h),
            ]
        } else {
            vec![
                centre + egui::vec2(-h, -h * 0.6),
                centre + egui::vec2(h, -h * 0.6),
                centre + egui::vec2(0.0, h * 0.9),
            ]
        };
        painter.add(egui::Shape::convex_polygon(points, ink, Stroke::NONE));
        if resp.clicked() {
            app.change(ViewChange::ToggleLane(layer.clone()));
        }
    }
}

/// The layout view for the visible window, and where its scene goes on screen.
fn layout_view(state: &ViewState, rect: Rect) -> (layout::View, Placement) {
    let ppm = state.points_per_month.max(super::view::MIN_ZOOM);
    let shown = ((rect.width() - HEADER_WIDTH).max(0.0) / ppm).ceil() as i32;
    let step = ((shown as f32 * SLACK_SHARE).ceil() as i32).max(1);
    let first = (state.first_month.floor() as i32).div_euclid(step) * step - step;
    let from = Month::from_index(first);
    let to = Month::from_index(first + shown + 2 * step + 1);
    let mut view = layout::View::new(from, to);
    view.month_width = ppm;
    view.header_width = HEADER_WIDTH;
    view.selection = state.selection.as_ref().map(|s| s.id.clone());
    let selected = state.selected();
    if selected.len() > 1 {
        view.group = selected.into_iter().map(|s| s.id).collect();
    }
    view.collapsed = state.collapsed.clone();
    view.lane_toggles = true;
    view.cursor = state.cursor;
    let top = (state.scroll_y / SLACK_POINTS).floor() * SLACK_POINTS - SLACK_POINTS;
    view.visible = Some((top, top + rect.height() + 2.0 * SLACK_POINTS));
    let dx = (from.index() as f32 - state.first_month) * ppm;
    let placement = Placement {
        rect,
        dx,
        scroll_y: state.scroll_y,
        ruler: layout::RULER_HEIGHT,
    };
    (view, placement)
}

/// The chain outlined on the canvas: the critical path of the selected milestone, when the
/// user asked to see it.
fn outlined_chain(app: &Pass) -> Vec<String> {
    match &app.view.selection {
        Some(sel) if sel.kind == ItemKind::Milestone && app.view.critical_path => {
            app.cx.analysis.critical_path(&sel.id).to_vec()
        }
        _ => Vec::new(),
    }
}

fn scene_key(app: &Pass, view: &layout::View) -> SceneKey {
    let visible = view.visible.map_or((0, 0), |(a, b)| (a as i32, b as i32));
    SceneKey {
        revision: app.cx.document.revision(),
        from: view.from,
        to: view.to,
        month_width: view.month_width,
        selection: view.selection.clone(),
        group: view.group.clone(),
        collapsed: view.collapsed.clone(),
        cursor: view.cursor,
        outline: view.outline.clone(),
        highlight: view.highlight.clone(),
        visible,
        compared: app.cx.compared.map(|c| c.generation),
        shock: view.shock.as_ref().map(|s| (s.cutoff.clone(), s.at)),
    }
}

fn ensure_scene(app: &mut Pass, view: &layout::View) {
    let key = scene_key(app, view);
    if app.st.scene.as_ref().is_some_and(|(k, _)| *k == key) {
        return;
    }
    let mut scene = layout::layout(app.plan(), view);
    if let Some(c) = app.cx.compared {
        let other = (c.other, c.other_analysis);
        layout::ghosts::add_ghosts(&mut scene, view, app.plan(), other, c.comparison);
    }
    app.st.scene = Some((key, scene));
    app.st.scene_nr += 1;
}

/// Selectable items as egui widgets: under the pointer, being dragged, and (when AccessKit
/// is on) every item drawn large enough to carry its label, so it has an accessible name.
struct Hits {
    /// Items in paint order with their widget responses.
    items: Vec<(Tag, Response)>,
}

/// Room left below the plan when scrolled to its end, in points.
const BOTTOM_MARGIN: f32 = 40.0;

/// Points of pointer imprecision when finding the item under the pointer.
const SLOP: f32 = 3.0;

fn item_widgets(app: &mut Pass, ui: &mut Ui, at: &Placement, findings: &[Finding]) -> Hits {
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
fn keep_canvas_keys(ui: &Ui, id: egui::Id) {
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
fn follow_with_focus(app: &mut Pass, ui: &Ui, resp: &Response, tag: &Tag, follow: bool) {
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
fn speeches(app: &mut Pass) -> Speeches {
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
fn read_in_lane_order(ui: &Ui, scene: &Scene, at: &Placement, hits: &Hits) {
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
fn title_in(plan: &Roadmap, id: &str) -> Option<String> {
    plan.investment(id)
        .map(|i| i.title.clone())
        .or_else(|| plan.milestone(id).map(|m| m.title.clone()))
        .or_else(|| plan.dependency(id).map(|d| d.name.clone()))
}

/// The name screen readers (and UI tests) use for a canvas item, with `title_of` an id's title.
fn accessible_name(title_of: impl Fn(&str) -> Option<String>, tag: &Tag) -> String {
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
fn selection_of(tag: &Tag) -> Option<Selection> {
    match tag {
        Tag::Investment(id) | Tag::Resize { id, .. } | Tag::LinkHandle(id) => {
            Some(Selection::new(ItemKind::Investment, id))
        }
        Tag::Milestone(id) => Some(Selection::new(ItemKind::Milestone, id)),
        Tag::Dependency(id) => Some(Selection::new(ItemKind::Dependency, id)),
        _ => None,
    }
}

fn select_tag(app: &mut Pass, tag: &Tag) {
    if let Some(selection) = selection_of(tag) {
        app.select(Some(selection));
    }
}

/// Whether Shift or Ctrl (⌘) is held: a click then adds to the selection or takes out.
pub(super) fn adding(ui: &Ui) -> bool {
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
fn click_tag(app: &mut Pass, ui: &Ui, tag: &Tag) {
    match selection_of(tag) {
        Some(item) if adding(ui) => app.change(ViewChange::Toggle(item)),
        Some(item) => app.select(Some(item)),
        None => {}
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
fn navigate(app: &mut Pass, ui: &Ui, rect: Rect, background: &Response) {
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

fn reveal_selection(app: &mut Pass, rect: Rect) {
    let Some(sel) = app.view.selection.clone() else {
        return;
    };
    let plan = app.plan();
    let (month, tag) = match sel.kind {
        ItemKind::Investment => (
            plan.investment(&sel.id).map(|i| i.start),
            Tag::Investment(sel.id.clone()),
        ),
        ItemKind::Milestone => (
            plan.milestone(&sel.id).map(|m| m.month),
            Tag::Milestone(sel.id.clone()),
        ),
        ItemKind::Dependency => (None, Tag::Dependency(sel.id.clone())),
        _ => return,
    };
    if let Some(m) = month {
        let width = rect.width() - HEADER_WIDTH;
        app.change(ViewChange::ShowMonth(m.index() as f32, width));
    }
    reveal_vertically(app, &tag, rect.height());
}

/// Scrolls the lanes so that the item `tag` is in view: its own rectangle when the last
/// scene laid it out, else its lane (and once that is in view, the item, next frame).
fn reveal_vertically(app: &mut Pass, tag: &Tag, height: f32) {
    let Some((_, scene)) = &app.st.scene else {
        return;
    };
    let drawn = scene
        .items
        .iter()
        .filter(|i| i.tag == *tag && !matches!(i.shape, layout::Shape::Text(_)))
        .map(|i| i.shape.bounds())
        .map(|b| (b.y, b.y + b.h))
        .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)));
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
fn scroll_to_show(scroll: f32, (top, bottom): (f32, f32), ruler: f32, height: f32) -> f32 {
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
fn background_input(
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
fn drag_input(
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

fn fractional_month(view: &layout::View, x: f32) -> f32 {
    view.from.index() as f32 + (x - view.header_width) / view.month_width.max(0.01)
}

/// The selected items other than `grabbed` that a drag moves along, where they are now.
fn moved_with(plan: &Roadmap, selected: &[Selection], grabbed: &Selection) -> Vec<Moved> {
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

fn start_drag(
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

fn continue_drag(
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
fn band_select(app: &mut Pass, start: Pos2, kept: &[Selection], p: Pos2) {
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
fn placed(item: &Moved, delta: i32) -> Placed {
    Placed {
        kind: item.kind,
        id: item.id.clone(),
        month: item.origin.plus(delta),
        layer: item.layer.clone(),
    }
}

fn finish_drag(app: &mut Pass, drag: &Drag, at: Option<layout::Point>, scene: &Scene) {
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

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands(450_000_000), "450\u{202F}000\u{202F}000");
        assert_eq!(group_thousands(999), "999");
    }
}
