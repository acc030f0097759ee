//! The canvas (centre): paints the layout scene and turns pointer and keys into actions
//! (`items.rs`: the items as widgets, their names and tooltips; `input.rs`: navigation,
//! clicks and drags).

mod input;
mod items;

use input::*;
pub(crate) use items::adding;
use items::*;

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
    // While a worker is late with the analysis of a large plan's edit that changed when
    // dependencies live, their bars are worked out here: the canvas follows the plan at once.
    let fresh = app
        .cx
        .spans_are_late
        .then(|| crate::analysis::dependency_spans(app.plan()));
    let spans = fresh.as_deref().unwrap_or(app.cx.analysis.spans());
    let mut scene = layout::layout(app.plan(), spans, view);
    if let Some(c) = app.cx.compared {
        let other = (c.other, c.other_analysis);
        layout::ghosts::add_ghosts(&mut scene, view, app.plan(), other, c.comparison);
    }
    app.st.scene = Some((key, scene));
    app.st.scene_nr += 1;
}

/// Room left below the plan when scrolled to its end, in points.
const BOTTOM_MARGIN: f32 = 40.0;

/// Points of pointer imprecision when finding the item under the pointer.
const SLOP: f32 = 3.0;
