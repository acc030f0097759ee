//! The `after` and `needs` arrows between placed items.

use super::*;
use crate::layout::scene::{Point, Shape, Stroke, Tag};

/// A filled triangle at `tip` pointing away from `from`.
fn arrow_head(from: Point, tip: Point, size: f32) -> Vec<Point> {
    let (dx, dy) = (tip.x - from.x, tip.y - from.y);
    let len = (dx * dx + dy * dy).sqrt().max(0.001);
    let (ux, uy) = (dx / len, dy / len);
    let back = Point::new(tip.x - ux * size, tip.y - uy * size);
    let (px, py) = (-uy * size * 0.5, ux * size * 0.5);
    vec![
        tip,
        Point::new(back.x + px, back.y + py),
        Point::new(back.x - px, back.y - py),
    ]
}

impl<'a> Chart<'a> {
    /// `after` and `needs` arrows between placed items in view.
    pub(super) fn links(&mut self) {
        let plan = self.plan;
        for inv in &plan.investments {
            for before in &inv.after {
                self.arrow(before, &inv.id);
            }
        }
        for m in &plan.milestones {
            for need in &m.needs {
                self.arrow(need, &m.id);
            }
        }
    }

    /// An arrow from the end of `from` to the start of `to`, if both are placed and in view.
    fn arrow(&mut self, from: &str, to: &str) {
        let (Some(a), Some(b)) = (self.ends.get(from), self.ends.get(to)) else {
            return;
        };
        let (p, q) = (a.end, b.start);
        if !self.in_view(p.y.min(q.y) - 6.0, p.y.max(q.y) + 6.0) {
            return;
        }
        let (left, right) = (self.view.chart_left(), self.view.chart_right());
        if p.x.max(q.x) < left || p.x.min(q.x) > right || p.x < left || q.x > right {
            return;
        }
        let alpha = self.alpha(from).min(self.alpha(to));
        let (colour, width) = if self.on_outline(from, to) {
            (CRITICAL, 2.0)
        } else {
            (MUTED.faded(alpha), 1.0)
        };
        let points = if q.x > p.x + 8.0 && (q.y - p.y).abs() > 0.5 {
            let mid = q.x - 5.0;
            vec![p, Point::new(mid, p.y), Point::new(mid, q.y), q]
        } else {
            vec![p, q]
        };
        let tag = Tag::Link {
            from: from.to_owned(),
            to: to.to_owned(),
        };
        let head = arrow_head(points[points.len() - 2], q, 5.0);
        self.link(
            Shape::Line {
                points,
                stroke: Stroke::solid(width, colour),
            },
            tag.clone(),
        );
        self.link(
            Shape::Polygon {
                points: head,
                fill: Some(colour),
                stroke: None,
            },
            tag,
        );
    }
}
