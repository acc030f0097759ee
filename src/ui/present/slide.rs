//! Paints a slide's layout scene (laid out once in `layout`, as the handout draws it) with
//! egui, at an offset on screen.

use egui::{Color32, FontId, Pos2, Rect, Stroke, pos2, vec2};

use crate::layout::{self, Anchor, Scene, Shape};
use crate::ui::paint::colour;

/// Draws every item of `scene` with its origin at `origin`, clipped to the painter's rect.
pub fn scene_ui(painter: &egui::Painter, scene: &Scene, origin: Pos2) {
    let at = |p: &layout::Point| pos2(origin.x + p.x, origin.y + p.y);
    let outline = |s: &Option<layout::Stroke>| {
        s.as_ref()
            .map_or(Stroke::NONE, |s| Stroke::new(s.width, colour(s.colour)))
    };
    for item in &scene.items {
        match &item.shape {
            Shape::Rect {
                rect,
                fill,
                stroke,
                radius,
            } => {
                let r = Rect::from_min_size(at(&layout::Point::new(rect.x, rect.y)), {
                    vec2(rect.w, rect.h)
                });
                let fill = fill.map_or(Color32::TRANSPARENT, colour);
                painter.rect(r, *radius, fill, outline(stroke), egui::StrokeKind::Inside);
            }
            Shape::Line { points, stroke } => {
                let points: Vec<Pos2> = points.iter().map(at).collect();
                let line = Stroke::new(stroke.width, colour(stroke.colour));
                if stroke.dashed {
                    painter.extend(egui::Shape::dashed_line(
                        &points,
                        line,
                        stroke.width * 3.0,
                        stroke.width * 2.0,
                    ));
                } else {
                    painter.add(egui::Shape::line(points, line));
                }
            }
            Shape::Polygon {
                points,
                fill,
                stroke,
            } => {
                let points: Vec<Pos2> = points.iter().map(at).collect();
                let fill = fill.map_or(Color32::TRANSPARENT, colour);
                if is_convex(&points) {
                    painter.add(egui::Shape::convex_polygon(points, fill, outline(stroke)));
                } else {
                    area_ui(painter, &points, fill, outline(stroke));
                }
            }
            Shape::Diamond {
                centre,
                half,
                fill,
                stroke,
            } => {
                let c = at(centre);
                let points = vec![
                    c + vec2(0.0, -half),
                    c + vec2(*half, 0.0),
                    c + vec2(0.0, *half),
                    c + vec2(-half, 0.0),
                ];
                let fill = fill.map_or(Color32::TRANSPARENT, colour);
                painter.add(egui::Shape::convex_polygon(points, fill, outline(stroke)));
            }
            Shape::Text(run) => text(painter, run, at(&run.pos)),
        }
    }
}

/// One text run whose baseline starts (or, by its anchor, centres or ends) at `anchor`.
fn text(painter: &egui::Painter, run: &layout::TextRun, anchor: Pos2) {
    let galley = painter.layout_no_wrap(
        crate::ui::bidi::visual(&run.text).into_owned(),
        FontId::proportional(run.size),
        colour(run.colour),
    );
    let w = galley.size().x;
    let left = match run.anchor {
        Anchor::Start => anchor.x,
        Anchor::Middle => anchor.x - w / 2.0,
        Anchor::End => anchor.x - w,
    };
    let top = anchor.y - run.size * 0.9;
    painter.galley(pos2(left, top), galley, colour(run.colour));
}

/// Whether the polygon through `points` turns one way only (egui fills only those).
fn is_convex(points: &[Pos2]) -> bool {
    let n = points.len();
    let mut sign = 0.0_f32;
    for i in 0..n {
        let (a, b, c) = (points[i], points[(i + 1) % n], points[(i + 2) % n]);
        let turn = (b - a).x * (c - b).y - (b - a).y * (c - b).x;
        if turn.abs() < 1e-3 {
            continue;
        }
        if sign != 0.0 && turn.signum() != sign {
            return false;
        }
        sign = turn.signum();
    }
    true
}

/// A polygon that is not convex, such as the exposure chart's step area: filled as the area
/// under each left-to-right edge down to its lowest point, then outlined but for its closing
/// edge (the base, which the chart's axis draws).
fn area_ui(painter: &egui::Painter, points: &[Pos2], fill: Color32, outline: Stroke) {
    let base = points.iter().map(|p| p.y).fold(f32::MIN, f32::max);
    if fill != Color32::TRANSPARENT {
        for pair in points.windows(2) {
            if let [a, b] = pair
                && b.x > a.x
            {
                let quad = vec![*a, *b, pos2(b.x, base), pos2(a.x, base)];
                painter.add(egui::Shape::convex_polygon(quad, fill, Stroke::NONE));
            }
        }
    }
    if outline != Stroke::NONE {
        painter.add(egui::Shape::line(points.to_vec(), outline));
    }
}
