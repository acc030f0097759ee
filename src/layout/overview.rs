//! The overview of a plan for a slide: one summary row per lane (its investments as thin
//! bars, its milestones as diamonds) under a ruler of years, with type large enough to read
//! from the back of a room. Titles are left out: there is no room for them at this scale.

use super::scene::{Anchor, Band, Point, Rect, Rgba, Scene, Shape, Stroke, Tag, TextRun, Weight};
use super::theme;
use super::{View, axis, text};
use crate::model::{Month, Roadmap};

/// Dark text.
const INK: Rgba = theme::PAPER.ink;
/// Lines between lanes and years.
const RULE: Rgba = theme::PAPER.rule;
/// Background of even lanes and the ruler.
const PAPER: Rgba = theme::PAPER.background;
/// Background of odd lanes.
const STRIPE: Rgba = theme::STRIPE;

/// The overview of the layers `view` shows over its months, `height` units tall, its text at
/// least `size` units.
pub fn overview(plan: &Roadmap, view: &View, height: f32, size: f32) -> Scene {
    let ruler = size * 2.0;
    let width = view.chart_right();
    let mut scene = Scene {
        width,
        height: height.max(ruler + size),
        ruler_height: ruler,
        header_width: view.header_width,
        ..Scene::default()
    };
    let layers: Vec<_> = plan
        .layers
        .iter()
        .filter(|l| view.shows_layer(&l.id))
        .collect();
    let lane_h = ((scene.height - ruler) / layers.len().max(1) as f32).max(size * 1.6);
    for (n, layer) in layers.iter().enumerate() {
        let top = ruler + n as f32 * lane_h;
        lane(&mut scene, plan, view, layer, top, lane_h, size, n);
    }
    scene.height = ruler + lane_h * layers.len() as f32;
    years(&mut scene, view, size);
    scene.breaks = scene.bands.iter().map(|b| b.bottom).collect();
    scene
}

/// One lane: its frame and name, its investments packed into thin rows, its milestones on
/// a strip at the top.
#[allow(clippy::too_many_arguments)]
fn lane(
    scene: &mut Scene,
    plan: &Roadmap,
    view: &View,
    layer: &crate::model::Layer,
    top: f32,
    h: f32,
    size: f32,
    n: usize,
) {
    let colour = Rgba::from(layer.colour);
    let tag = Tag::Lane(layer.id.clone());
    let chart = Rect::new(
        view.chart_left(),
        top,
        view.chart_right() - view.chart_left(),
        h,
    );
    let header = Rect::new(0.0, top, view.header_width, h);
    let fill = if n.is_multiple_of(2) { PAPER } else { STRIPE };
    for (rect, fill) in [
        (chart, fill),
        (header, colour.lighten(0.85)),
        (Rect::new(0.0, top, 4.0, h), colour),
    ] {
        scene.push(rect_shape(rect, fill, 0.0), tag.clone());
    }
    let border = vec![
        Point::new(0.0, top + h),
        Point::new(view.chart_right(), top + h),
    ];
    scene.push(line(border, 0.75), Tag::Chrome);
    let name_size = size * 1.15;
    let room = view.header_width - 14.0;
    if let Some(name) = text::elide(&layer.name, name_size, room) {
        let run = TextRun {
            text: name,
            pos: Point::new(10.0, top + h / 2.0 + name_size * 0.35),
            size: name_size,
            colour: INK,
            weight: Weight::Bold,
            anchor: Anchor::Start,
            max_width: room,
        };
        scene.push(Shape::Text(run), tag);
    }
    scene.bands.push(Band {
        layer: Some(layer.id.clone()),
        top,
        bottom: top + h,
    });
    let strip = (size * 1.2).min(h * 0.4);
    let bars_top = top + strip + 3.0;
    let bars_h = (top + h - 3.0 - bars_top).max(2.0);
    investments(scene, plan, view, &layer.id, colour, bars_top, bars_h);
    let half = (strip * 0.45).max(3.0);
    for m in plan.milestones.iter().filter(|m| m.layer == layer.id) {
        if m.month < view.from || m.month > view.to {
            continue;
        }
        let x = view.x_of(m.month) + view.month_width / 2.0;
        let shape = Shape::Diamond {
            centre: Point::new(x, top + 2.0 + strip / 2.0),
            half,
            fill: Some(colour),
            stroke: Some(Stroke::solid(1.0, INK)),
        };
        scene.push(shape, Tag::Milestone(m.id.clone()));
    }
}

/// The lane's investments as bars packed into as few rows as overlap needs, sharing `h`.
#[allow(clippy::too_many_arguments)]
fn investments(
    scene: &mut Scene,
    plan: &Roadmap,
    view: &View,
    layer: &str,
    colour: Rgba,
    top: f32,
    h: f32,
) {
    let mut spans: Vec<(Month, Month, &str)> = plan
        .investments
        .iter()
        .filter(|i| i.layer == layer && i.start <= view.to && i.end.max(i.start) >= view.from)
        .map(|i| {
            (
                i.start.max(view.from),
                i.end.max(i.start).min(view.to),
                i.id.as_str(),
            )
        })
        .collect();
    spans.sort_by_key(|s| (s.0, s.1));
    let mut row_ends: Vec<Month> = Vec::new();
    let mut placed = Vec::with_capacity(spans.len());
    for (start, end, id) in spans {
        let row = match row_ends.iter().position(|&e| e < start) {
            Some(r) => r,
            None => {
                row_ends.push(end);
                row_ends.len() - 1
            }
        };
        if let Some(e) = row_ends.get_mut(row) {
            *e = end;
        }
        placed.push((start, end, id, row));
    }
    let rows = row_ends.len().max(1) as f32;
    let pitch = h / rows;
    let bar = (pitch * 0.75).clamp(1.0, 12.0);
    for (start, end, id, row) in placed {
        let x0 = view.x_of(start);
        let x1 = view.x_of(end.plus(1));
        let y = top + row as f32 * pitch + (pitch - bar) / 2.0;
        let rect = Rect::new(x0, y, (x1 - x0 - 1.0).max(1.0), bar);
        scene.push(
            rect_shape(rect, colour, bar / 3.0),
            Tag::Investment(id.to_owned()),
        );
    }
}

/// The ruler: a tick at each year, its label where there is room.
fn years(scene: &mut Scene, view: &View, size: f32) {
    let ruler = scene.ruler_height;
    let bg = Rect::new(0.0, 0.0, view.chart_right(), ruler);
    scene.push(rect_shape(bg, PAPER, 0.0), Tag::Ruler);
    let (first, last) = (view.from.year(), view.to.year());
    let year_w = 12.0 * view.month_width;
    let label_w = text::width("2026", size) + size;
    let step = axis::year_step(
        last - first + 1,
        year_w * (last - first + 1) as f32,
        label_w,
    );
    for year in first..=last {
        let Some(january) = Month::new(year, 1) else {
            continue;
        };
        let start = january.max(view.from);
        let x = view.x_of(start);
        let tick = vec![Point::new(x, 0.0), Point::new(x, scene.height)];
        scene.push(line(tick, 0.5), Tag::Ruler);
        let room = view.x_of(Month::new(year, 12).unwrap_or(start).min(view.to).plus(1)) - x;
        if (year - first) % step != 0 || (step == 1 && room < label_w) {
            continue;
        }
        let run = TextRun {
            text: year.to_string(),
            pos: Point::new(x + size * 0.3, ruler * 0.5 + size * 0.35),
            size,
            colour: INK,
            weight: Weight::Bold,
            anchor: Anchor::Start,
            max_width: (year_w * step as f32 - 4.0).max(label_w),
        };
        scene.push(Shape::Text(run), Tag::Ruler);
    }
    let base = vec![
        Point::new(0.0, ruler),
        Point::new(view.chart_right(), ruler),
    ];
    scene.push(line(base, 1.0), Tag::Ruler);
}

fn rect_shape(rect: Rect, fill: Rgba, radius: f32) -> Shape {
    Shape::Rect {
        rect,
        fill: Some(fill),
        stroke: None,
        radius,
    }
}

fn line(points: Vec<Point>, width: f32) -> Shape {
    Shape::Line {
        points,
        stroke: Stroke::solid(width, RULE),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lane_investment_and_milestone_is_drawn_with_no_text_below_the_size() {
        let plan = crate::io::example_plan().unwrap();
        let mut view = View::whole(&plan);
        view.header_width = 130.0;
        view.month_width = 8.0;
        let scene = overview(&plan, &view, 500.0, 16.0);
        assert!(scene.height <= 500.0 + 0.01);
        assert!(scene.width <= 130.0 + 8.0 * 120.0 + 0.01);
        assert_eq!(scene.bands.len(), plan.layers.len());
        let count = |f: fn(&Tag) -> bool| scene.items.iter().filter(|i| f(&i.tag)).count();
        assert_eq!(
            count(|t| matches!(t, Tag::Investment(_))),
            plan.investments.len()
        );
        assert_eq!(
            count(|t| matches!(t, Tag::Milestone(_))),
            plan.milestones.len()
        );
        assert!(scene.texts().all(|t| t.size >= 16.0));
        let years: Vec<&str> = scene
            .texts()
            .filter(|t| t.text.starts_with("20"))
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(years.first(), Some(&"2026"));
        assert!(years.len() >= 5, "{years:?}");
        for item in &scene.items {
            let b = item.shape.bounds();
            assert!(b.right() <= scene.width + 0.5 && b.bottom() <= scene.height + 0.5);
        }
    }
}
