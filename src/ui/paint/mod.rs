//! Paints the layout scene with egui: culled to the screen, converted to egui shapes once and
//! reused while neither the scene nor where it sits on screen changes.

mod lines;

use std::collections::HashMap;

use egui::epaint::ClippedShape;
use egui::{Color32, CornerRadius, FontId, Pos2, Rect, Stroke, StrokeKind, pos2, vec2};

use crate::layout::{self, Rgba, Scene, Shape, Tag};
use lines::*;

/// Width of the lane header column, in points.
pub const HEADER_WIDTH: f32 = 130.0;
/// Length of a dash of a dashed line, in points.
const DASH: f32 = 4.0;
/// Gap between dashes of a dashed line, in points.
const GAP: f32 = 3.0;

/// Where the scene sits on screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// The canvas rectangle.
    pub rect: Rect,
    /// Horizontal shift of the chart area (sub-month panning).
    pub dx: f32,
    /// Vertical scroll of the lanes.
    pub scroll_y: f32,
    /// Height of the ruler.
    pub ruler: f32,
}

impl Placement {
    /// Screen position of a scene point drawn with `tag`.
    pub fn to_screen(self, p: layout::Point, tag: &Tag, header: bool) -> Pos2 {
        let dx = if header { 0.0 } else { self.dx };
        let dy = if matches!(tag, Tag::Ruler | Tag::Cursor) && p.y <= self.ruler + 0.5 {
            0.0
        } else {
            -self.scroll_y
        };
        pos2(self.rect.left() + p.x + dx, self.rect.top() + p.y + dy)
    }

    /// Scene position of a screen point in the lane area.
    pub fn to_scene(self, p: Pos2) -> layout::Point {
        layout::Point::new(
            p.x - self.rect.left() - self.dx,
            p.y - self.rect.top() + self.scroll_y,
        )
    }

    /// Screen rectangle of a scene rectangle drawn with `tag`.
    pub fn rect_to_screen(self, r: &layout::Rect, tag: &Tag, header: bool) -> Rect {
        let min = self.to_screen(layout::Point::new(r.x, r.y), tag, header);
        Rect::from_min_size(min, vec2(r.w, r.h))
    }

    /// The area of the lanes: right of the headers and below the ruler.
    pub fn lanes(self) -> Rect {
        Rect::from_min_max(
            pos2(
                self.rect.left() + HEADER_WIDTH,
                self.rect.top() + self.ruler,
            ),
            self.rect.max,
        )
    }

    fn headers(self) -> Rect {
        Rect::from_min_max(
            pos2(self.rect.left(), self.rect.top() + self.ruler),
            pos2(self.rect.left() + HEADER_WIDTH, self.rect.bottom()),
        )
    }

    fn ruler_strip(self) -> Rect {
        Rect::from_min_max(
            pos2(self.rect.left() + HEADER_WIDTH, self.rect.top()),
            pos2(self.rect.right(), self.rect.top() + self.ruler),
        )
    }
}

/// Something on the canvas that the pointer can grab, on screen.
#[derive(Debug, Clone)]
pub struct Target {
    /// What it is.
    pub tag: Tag,
    /// Where it is on screen (clipped to the lanes).
    pub rect: Rect,
    /// Whether it is drawn large enough to carry its label (it then gets an accessible node).
    pub readable: bool,
}

/// A text run to lay out each frame (egui caches the galley; the atlas may change).
#[derive(Debug, Clone)]
struct TextPiece {
    /// Index of the run in the scene's items.
    item: usize,
    /// The run's anchor on screen.
    anchor: Pos2,
    /// The clip rectangle of the area it is drawn in.
    clip: Rect,
    /// How wide it may be drawn (the run's own limit, less when a label sticks to the view).
    max_width: f32,
}

/// One thing to paint, in order.
#[derive(Debug, Clone)]
enum Piece {
    Shape(ClippedShape),
    Text(TextPiece),
}

/// What the painted shapes depend on besides the scene.
#[derive(Debug, Clone, Copy, PartialEq)]
struct PaintKey {
    scene: u64,
    placement: Placement,
    clip: Rect,
}

/// The scene converted to egui shapes for one placement, and the grab targets on screen.
#[derive(Default)]
pub struct Painted {
    key: Option<PaintKey>,
    pieces: Vec<Piece>,
    targets: Vec<Target>,
}

impl Painted {
    /// The grab targets of the last painted frame, back to front.
    pub fn targets(&self) -> &[Target] {
        &self.targets
    }

    /// The topmost target under `p`, allowing `slop` points of pointer imprecision.
    pub fn target_at(&self, p: Pos2, slop: f32) -> Option<&Target> {
        self.targets
            .iter()
            .rev()
            .find(|t| t.rect.expand(slop).contains(p))
    }

    /// Paints `scene` (generation `scene_nr`, laid out with `selection`) at `at` with
    /// `painter`, converting it only when it or its placement changed since the last call.
    pub fn paint(
        &mut self,
        painter: &egui::Painter,
        scene: &Scene,
        scene_nr: u64,
        selection: Option<&str>,
        at: Placement,
    ) {
        let key = PaintKey {
            scene: scene_nr,
            placement: at,
            clip: painter.clip_rect(),
        };
        if self.key != Some(key) {
            self.pieces = pieces(scene, &at, painter.clip_rect(), selection);
            self.targets = targets(scene, &at);
            self.key = Some(key);
        }
        let texts: Vec<(usize, std::sync::Arc<egui::Galley>)> = painter.fonts_mut(|fonts| {
            self.pieces
                .iter()
                .enumerate()
                .filter_map(|(i, piece)| match piece {
                    Piece::Text(t) => match scene.items.get(t.item).map(|item| &item.shape) {
                        Some(Shape::Text(run)) => {
                            let font = FontId::proportional(run.size);
                            let galley = fonts.layout(
                                super::bidi::visual(&run.text).into_owned(),
                                font,
                                colour(run.colour),
                                f32::INFINITY,
                            );
                            Some((i, galley))
                        }
                        _ => None,
                    },
                    Piece::Shape(_) => None,
                })
                .collect()
        });
        let mut texts = texts.into_iter().peekable();
        let layer = painter.layer_id();
        painter.ctx().graphics_mut(|graphics| {
            let list = graphics.entry(layer);
            for (i, piece) in self.pieces.iter().enumerate() {
                match piece {
                    Piece::Shape(clipped) => {
                        list.add(clipped.clip_rect, clipped.shape.clone());
                    }
                    Piece::Text(t) => {
                        let Some((_, galley)) = texts.next_if(|(k, _)| *k == i) else {
                            continue;
                        };
                        if let Some(Shape::Text(run)) = scene.items.get(t.item).map(|i| &i.shape) {
                            let (pos, clip) =
                                text_box(run, t.anchor, galley.size().x, t.max_width, t.clip);
                            list.add(clip, egui::Shape::galley(pos, galley, Color32::BLACK));
                        }
                    }
                }
            }
        });
    }
}

/// Where a laid-out run of width `w` goes, and the clip that keeps it in `max_width`.
fn text_box(
    run: &layout::TextRun,
    anchor: Pos2,
    w: f32,
    max_width: f32,
    area: Rect,
) -> (Pos2, Rect) {
    let left = match run.anchor {
        layout::Anchor::Start => anchor.x,
        layout::Anchor::Middle => anchor.x - w / 2.0,
        layout::Anchor::End => anchor.x - w,
    };
    let top = anchor.y - run.size * 0.9;
    let clip = match run.anchor {
        layout::Anchor::Start => Rect::from_min_max(
            pos2(left, top - 2.0),
            pos2(left + max_width, top + run.size * 1.6),
        ),
        _ => Rect::from_min_size(
            pos2(left.min(anchor.x - max_width), top - 2.0),
            vec2(max_width * 2.0 + w, run.size * 2.0),
        ),
    };
    (pos2(left, top), area.intersect(clip))
}

/// An egui colour.
pub fn colour(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, c.a)
}

fn stroke(s: &layout::Stroke) -> Stroke {
    Stroke::new(s.width, colour(s.colour))
}

fn is_header(shape: &Shape) -> bool {
    shape.bounds().right() <= HEADER_WIDTH + 0.5
}

/// The scene as egui shapes: the chart clipped right of the lane headers and below the
/// ruler, everything outside `clip` left out.
fn pieces(scene: &Scene, at: &Placement, clip: Rect, selection: Option<&str>) -> Vec<Piece> {
    let rect = at.rect;
    let lanes = at.lanes().intersect(clip);
    let headers = at.headers().intersect(clip);
    let ruler = at.ruler_strip().intersect(clip);
    let whole = rect.intersect(clip);
    let connectors = Connectors::of(scene, at, lanes.expand(DASH), selection);
    let mut out = Vec::new();
    // The bar of each investment and dependency (laid out before its label).
    let mut bars: HashMap<&Tag, layout::Rect> = HashMap::new();
    let add = |out: &mut Vec<Piece>, clip_rect: Rect, shape: egui::Shape| {
        out.push(Piece::Shape(ClippedShape::new(clip_rect, shape)));
    };
    add(
        &mut out,
        whole,
        egui::Shape::rect_filled(rect, 0.0, Color32::from_rgb(0xF8, 0xFA, 0xFC)),
    );
    for (index, item) in scene.items.iter().enumerate() {
        let header = is_header(&item.shape);
        let on_ruler = matches!(item.tag, Tag::Ruler | Tag::Cursor);
        let area = if on_ruler {
            ruler
        } else if header {
            headers
        } else {
            lanes
        };
        if item.tag == Tag::Cursor
            && let Shape::Line { points, stroke: s } = &item.shape
            && let Some(first) = points.first()
        {
            // From the ruler down through the lanes, never over the lane names.
            let x = at.to_screen(*first, &item.tag, false).x;
            let chart = Rect::from_min_max(pos2(rect.left() + HEADER_WIDTH, rect.top()), rect.max);
            if chart.x_range().contains(x) {
                let line = [pos2(x, rect.top()), pos2(x, rect.bottom())];
                let clip = chart.intersect(clip);
                add(&mut out, clip, egui::Shape::line_segment(line, stroke(s)));
            }
            continue;
        }
        if let Shape::Text(run) = &item.shape {
            let mut bounds = at.rect_to_screen(&run.bounds(), &item.tag, header);
            let mut anchor = at.to_screen(run.pos, &item.tag, header);
            let mut max_width = run.max_width;
            if header && let Some(dy) = pinned_name_shift(scene, &item.tag, at, bounds, area) {
                bounds = bounds.translate(vec2(0.0, dy));
                anchor.y += dy;
            }
            let year = year_span(run, &item.tag);
            if let Some(bar) = bars.get(&item.tag).or(year.as_ref())
                && let Some((dx, width)) = sticky_label_shift(run, bar, &item.tag, at)
            {
                bounds = bounds.translate(vec2(dx, 0.0));
                anchor.x += dx;
                max_width = width;
            }
            if year.is_some() && anchor.x < at.lanes().left() {
                // The year is sliding out of view: no clipped digits.
                continue;
            }
            if area.intersects(bounds.expand(run.size)) {
                out.push(Piece::Text(TextPiece {
                    item: index,
                    anchor,
                    clip: area,
                    max_width,
                }));
            }
            continue;
        }
        if let (Tag::Investment(_) | Tag::Dependency(_), Shape::Rect { rect: r, .. }) =
            (&item.tag, &item.shape)
        {
            bars.entry(&item.tag).or_insert(*r);
        }
        for shape in shapes(&item.shape, &item.tag, header, at, area, connectors) {
            add(&mut out, area, shape);
        }
    }
    let corner = Rect::from_min_size(rect.min, vec2(HEADER_WIDTH, at.ruler));
    add(
        &mut out,
        whole,
        egui::Shape::rect_filled(corner, 0.0, Color32::WHITE),
    );
    let rule = [
        pos2(rect.left(), rect.top() + at.ruler),
        pos2(rect.left() + HEADER_WIDTH, rect.top() + at.ruler),
    ];
    add(
        &mut out,
        whole,
        egui::Shape::line_segment(rule, Stroke::new(1.0, Color32::from_gray(200))),
    );
    out
}

/// How far right to move a bar's title written inside it, and how wide it may then be, so
/// that it stays at the left edge of the view while the bar starts left of it; `None` when
/// the title is not inside its bar or the bar's start is in view.
fn sticky_label_shift(
    run: &layout::TextRun,
    bar: &layout::Rect,
    tag: &Tag,
    at: &Placement,
) -> Option<(f32, f32)> {
    let pad = run.pos.x - bar.x;
    if run.anchor != layout::Anchor::Start || pad < 0.0 || run.pos.x >= bar.right() {
        return None;
    }
    let on_screen = at.rect_to_screen(bar, tag, false);
    let left = at.lanes().left();
    if on_screen.left() >= left || on_screen.right() <= left {
        return None;
    }
    let x = on_screen.left() + pad;
    let width = crate::layout::text::width(&run.text, run.size);
    // Slides out with the bar's end once the visible part is too short for the title.
    let wanted = (left + pad).min(on_screen.right() - pad - width);
    let dx = wanted - x;
    (dx > 0.0).then(|| (dx, (on_screen.right() - pad - wanted).max(0.0)))
}

/// The stretch of the ruler a year's label names (it sticks to the left edge of the view
/// like a bar's title, so a zoomed-in view always says which year it shows).
fn year_span(run: &layout::TextRun, tag: &Tag) -> Option<layout::Rect> {
    let year = *tag == Tag::Ruler
        && run.weight == layout::Weight::Bold
        && run.anchor == layout::Anchor::Start;
    year.then(|| layout::Rect::new(run.pos.x - 3.0, 0.0, run.max_width + 4.0, run.size))
}

/// How far down to move a lane's name whose lane starts above the visible lanes, so that it
/// stays at the top of what is visible of the lane (tall lanes of large plans scroll for
/// screens); `None` when the name is in view or its lane is not.
fn pinned_name_shift(
    scene: &Scene,
    tag: &Tag,
    at: &Placement,
    name: Rect,
    area: Rect,
) -> Option<f32> {
    let layer = match tag {
        Tag::Lane(id) => Some(id.as_str()),
        Tag::DependencyLane => None,
        _ => return None,
    };
    let band = scene.bands.iter().find(|b| b.layer.as_deref() == layer)?;
    let top = at.to_screen(layout::Point::new(0.0, band.top), tag, true).y;
    let bottom = at
        .to_screen(layout::Point::new(0.0, band.bottom), tag, true)
        .y;
    if top >= area.top() || bottom <= area.top() {
        return None;
    }
    let wanted = area.top() + (name.top() - top);
    let lowest = bottom - name.height() - 4.0;
    let dy = wanted.min(lowest) - name.top();
    (dy > 0.0).then_some(dy)
}

/// The egui shapes of one scene shape, nothing when it lies outside `area`.
fn shapes(
    shape: &Shape,
    tag: &Tag,
    header: bool,
    at: &Placement,
    area: Rect,
    connectors: Connectors,
) -> Vec<egui::Shape> {
    let outline = |s: &Option<layout::Stroke>| s.as_ref().map_or(Stroke::NONE, stroke);
    let on_screen = |b: &layout::Rect, margin: f32| {
        area.intersects(at.rect_to_screen(b, tag, header).expand(margin))
    };
    match shape {
        Shape::Rect {
            rect,
            fill,
            stroke: s,
            radius,
        } => {
            let r = at.rect_to_screen(rect, tag, header);
            if !area.intersects(r) {
                return Vec::new();
            }
            let radius = CornerRadius::same(radius.round().clamp(0.0, 255.0) as u8);
            let mut out = Vec::new();
            if let Some(f) = fill {
                out.push(egui::Shape::rect_filled(r, radius, colour(*f)));
            }
            if s.is_some() {
                out.push(egui::Shape::rect_stroke(
                    r,
                    radius,
                    outline(s),
                    StrokeKind::Inside,
                ));
            }
            out
        }
        Shape::Diamond {
            centre,
            half,
            fill,
            stroke: s,
        } => {
            if !on_screen(&shape.bounds(), 2.0) {
                return Vec::new();
            }
            let c = at.to_screen(*centre, tag, header);
            let pts = vec![
                c + vec2(0.0, -half),
                c + vec2(*half, 0.0),
                c + vec2(0.0, *half),
                c + vec2(-half, 0.0),
            ];
            vec![egui::Shape::convex_polygon(
                pts,
                fill.map_or(Color32::TRANSPARENT, colour),
                outline(s),
            )]
        }
        Shape::Line { points, stroke: s } => {
            if !on_screen(&shape.bounds(), s.width + 1.0) {
                return Vec::new();
            }
            let pts: Vec<Pos2> = points
                .iter()
                .map(|p| at.to_screen(*p, tag, header))
                .collect();
            if !connectors.shown(tag, &pts, area.expand(DASH)) {
                return Vec::new();
            }
            if s.dashed {
                dashes(&pts, stroke(s), area.expand(s.width + 1.0))
            } else {
                vec![egui::Shape::line(pts, stroke(s))]
            }
        }
        Shape::Polygon {
            points,
            fill,
            stroke: s,
        } => {
            if !on_screen(&shape.bounds(), 2.0) {
                return Vec::new();
            }
            let pts: Vec<Pos2> = points
                .iter()
                .map(|p| at.to_screen(*p, tag, header))
                .collect();
            vec![egui::Shape::convex_polygon(
                pts,
                fill.map_or(Color32::TRANSPARENT, colour),
                outline(s),
            )]
        }
        Shape::Text(_) => Vec::new(),
    }
}

/// The grab targets of the scene on screen: one rectangle per selectable item, handles on top.
fn targets(scene: &Scene, at: &Placement) -> Vec<Target> {
    let lanes = at.lanes();
    let mut order: Vec<Target> = Vec::new();
    let mut index: HashMap<&Tag, usize> = HashMap::new();
    let mut labelled: Vec<&Tag> = Vec::new();
    for item in &scene.items {
        let handle = matches!(item.tag, Tag::Resize { .. } | Tag::LinkHandle(_));
        let wanted = handle
            || matches!(
                item.tag,
                Tag::Investment(_) | Tag::Milestone(_) | Tag::Dependency(_)
            );
        if !wanted {
            continue;
        }
        let bounds = at.rect_to_screen(&item.shape.bounds(), &item.tag, false);
        if matches!(item.shape, Shape::Text(_)) {
            if bounds.intersects(lanes) {
                labelled.push(&item.tag);
            }
            continue;
        }
        let r = bounds.expand(if handle { 2.0 } else { 1.0 });
        match index.get(&item.tag) {
            Some(&k) => order[k].rect = order[k].rect.union(r),
            None => {
                index.insert(&item.tag, order.len());
                order.push(Target {
                    tag: item.tag.clone(),
                    rect: r,
                    readable: handle,
                });
            }
        }
    }
    for tag in labelled {
        if let Some(&k) = index.get(tag) {
            order[k].readable = true;
        }
    }
    let mut targets: Vec<Target> = order
        .into_iter()
        .filter_map(|mut t| {
            t.rect = t.rect.intersect(lanes);
            (t.rect.width() > 0.0 && t.rect.height() > 0.0).then_some(t)
        })
        .collect();
    // Handles go on top of the bars they belong to.
    targets.sort_by_key(|t| matches!(t.tag, Tag::Resize { .. } | Tag::LinkHandle(_)));
    targets
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scene of `n` removal connectors from the screen down to y = 5000, far below it.
    fn connectors(n: usize) -> Scene {
        let mut scene = Scene::default();
        for k in 0..n {
            let x = 200.0 + k as f32;
            let points = vec![layout::Point::new(x, 60.0), layout::Point::new(x, 5000.0)];
            let tag = Tag::Removal {
                dependency: format!("d{k}"),
                milestone: format!("m{k}"),
            };
            let stroke = layout::Stroke::dashed(1.0, Rgba::rgb(200, 0, 0));
            scene.push(Shape::Line { points, stroke }, tag);
        }
        scene
    }

    fn drawn_lines(scene: &Scene, selection: Option<&str>) -> usize {
        let at = Placement {
            rect: Rect::from_min_size(Pos2::ZERO, vec2(800.0, 400.0)),
            dx: 0.0,
            scroll_y: 0.0,
            ruler: 36.0,
        };
        let lanes = at.lanes();
        pieces(scene, &at, lanes.expand(1000.0), selection)
            .iter()
            .filter(|p| matches!(p, Piece::Shape(c) if matches!(c.shape, egui::Shape::LineSegment { .. })))
            .count()
    }

    #[test]
    fn a_few_connectors_running_off_screen_are_drawn_and_many_are_not() {
        assert!(drawn_lines(&connectors(5), None) > 5 * 10);
        assert!(drawn_lines(&connectors(200), None) < 10);
        assert!(
            drawn_lines(&connectors(200), Some("m7")) > 10,
            "the selection's connector is drawn"
        );
    }

    #[test]
    fn a_tall_lane_keeps_its_name_at_the_top_of_the_view() {
        let mut scene = Scene::default();
        scene.bands.push(layout::Band {
            layer: Some("chips".into()),
            top: 36.0,
            bottom: 2000.0,
        });
        let tag = Tag::Lane("chips".into());
        let at = |scroll_y| Placement {
            rect: Rect::from_min_size(Pos2::ZERO, vec2(800.0, 400.0)),
            dx: 0.0,
            scroll_y,
            ruler: 36.0,
        };
        let name = |at: Placement| {
            let r = at.rect_to_screen(&layout::Rect::new(10.0, 40.0, 60.0, 12.0), &tag, true);
            pinned_name_shift(&scene, &tag, &at, r, at.lanes()).map(|dy| r.top() + dy)
        };
        assert_eq!(name(at(0.0)), None, "the lane's own top is in view");
        assert_eq!(
            name(at(500.0)),
            Some(40.0),
            "4 points below the top, as in the lane"
        );
        let near_end = name(at(1900.0)).unwrap();
        assert!(
            near_end <= 2000.0 - 1900.0 - 12.0,
            "stays inside its lane: {near_end}"
        );
        assert_eq!(name(at(2100.0)), None, "the lane scrolled away");
    }
}
