//! The exposure chart (the dependency burndown) as a scene for printed pages: the area under
//! the summed criticality month by month, a value scale with grid lines, a tick and label per
//! year (fewer when they would crowd), and optionally one month marked.

use super::scene::{Anchor, Point, Rect, Rgba, Scene, Shape, Stroke, Tag, TextRun, Weight};
use super::theme;
use super::{axis, text};
use crate::model::Month;

/// Labels and axes.
const MUTED: Rgba = theme::PAPER.muted;
/// Grid lines.
const GRID: Rgba = theme::PAPER.rule;
/// Exposure no layer accounts for, in a stacked chart.
const UNPLACED: Rgba = Rgba::rgb(0x96, 0x96, 0x96);
/// The marked month.
const MARK: Rgba = theme::PAPER.ink;

/// How the chart looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Look {
    /// Colour of the line; the area is a light shade of it.
    pub colour: Rgba,
    /// Size of the axis labels.
    pub label: f32,
    /// Labels, axes and the frame.
    pub muted: Rgba,
    /// Grid lines.
    pub grid: Rgba,
    /// The marked month and the outline of milestone marks.
    pub ink: Rgba,
    /// Factor on every line width (1 on paper).
    pub weight: f32,
}

impl Look {
    /// Printed pages: dark labels on white, lines of `colour`, labels of `label` units.
    pub fn paper(colour: Rgba, label: f32) -> Look {
        Look {
            colour,
            label,
            muted: MUTED,
            grid: GRID,
            ink: MARK,
            weight: 1.0,
        }
    }
}

/// What one exposure chart shows.
#[derive(Debug, Clone, Copy, Default)]
pub struct Curves<'a> {
    /// The plan's exposure month by month: filled, with a solid line.
    pub this: &'a [(Month, u32)],
    /// Another path's exposure (month, value) and its colour: a dashed line.
    pub other: Option<(&'a [(Month, u32)], Rgba)>,
    /// A month marked with a dashed line.
    pub mark: Option<Month>,
    /// Milestones marked on the top edge: month, colour, and whether it is the one in focus.
    pub milestones: &'a [(Month, Rgba, bool)],
    /// Per month of `this`, each layer's part (colour, value) stacked from the bottom instead
    /// of one filled area; empty = one area.
    pub stacked: &'a [Vec<(Rgba, u32)>],
}

/// Where the months go across the chart.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Span {
    /// The months shown, as month indices (first, end exclusive; fractions for a moving view);
    /// `None` = exactly the series' months.
    pub window: Option<(f32, f32)>,
    /// The plot's left edge (the value scale goes left of it); `None` = just right of the
    /// widest value label.
    pub left: Option<f32>,
}

/// The exposure chart every output draws (printed report, comparison report, handout,
/// audience view, editor panel): `curves`
/// across `span` in `width` × `height` units with its origin at the top left, a value scale
/// with grid lines up to the higher peak, a tick and label per year (fewer when they would
/// crowd), the marked month and the milestones.
pub fn curves_chart(curves: &Curves<'_>, span: Span, width: f32, height: f32, look: Look) -> Scene {
    let mut scene = Scene {
        width,
        height,
        ..Scene::default()
    };
    let series = curves.this;
    let (Some(&(first, _)), Some(&(last, _))) = (series.first(), series.last()) else {
        return scene;
    };
    let size = look.label;
    let k = look.weight;
    let h = (height - size * 1.8).max(10.0);
    let others = curves.other.map_or(&[][..], |(o, _)| o);
    let peak = series.iter().chain(others).map(|s| s.1).max().unwrap_or(0);
    let ticks = axis::value_ticks(peak, (h / (size * 2.6)) as usize);
    let top_value = ticks.last().copied().unwrap_or(1).max(1) as f32;
    let widest = ticks
        .iter()
        .map(|t| text::width(&t.to_string(), size))
        .fold(0.0, f32::max);
    let left = span.left.unwrap_or(widest + size * 0.6);
    let w = (width - left - 2.0).max(10.0);
    let n = series.len() as f32;
    // Months from the series' first to the window's, and the months across the plot.
    let (offset, months) = match span.window {
        Some((from, to)) => (from - first.index() as f32, (to - from).max(0.01)),
        None => (0.0, n),
    };
    let x = |i: f32| left + w * (i - offset) / months;
    // A moving window cuts the curves at the plot's edges.
    let inside = |p: Point| match span.window {
        Some(_) => Point::new(p.x.clamp(left, left + w), p.y),
        None => p,
    };
    let y = |v: u32| h - h * v as f32 / top_value;
    for &v in &ticks {
        let grid = vec![Point::new(left, y(v)), Point::new(left + w, y(v))];
        scene.push(line(grid, Stroke::solid(0.4 * k, look.grid)), Tag::Chrome);
        let pos = Point::new(left - size * 0.4, y(v) + size * 0.35);
        scene.push(
            label(v.to_string(), pos, size, Anchor::End, look),
            Tag::Chrome,
        );
    }
    let mut points = vec![inside(Point::new(x(0.0), h))];
    for (i, (_, v)) in series.iter().enumerate() {
        points.push(inside(Point::new(x(i as f32), y(*v))));
        points.push(inside(Point::new(x(i as f32 + 1.0), y(*v))));
    }
    points.push(inside(Point::new(x(n), h)));
    if span.window.is_none() {
        // On paper the area closes at the plot's edges exactly.
        points[0] = Point::new(left, h);
        if let Some(end) = points.last_mut() {
            *end = Point::new(left + w, h);
        }
    }
    let yf = |v: f32| h - h * v / top_value;
    let clamp_x = |xi: f32| match span.window {
        Some(_) => xi.clamp(left, left + w),
        None => xi,
    };
    for (i, parts) in curves.stacked.iter().enumerate() {
        let (x0, x1) = (clamp_x(x(i as f32)), clamp_x(x(i as f32 + 1.0)));
        if x1 <= x0 {
            continue;
        }
        let total = series.get(i).map_or(0, |s| s.1) as f32;
        let mut below = 0.0;
        let unplaced = total - parts.iter().map(|p| p.1 as f32).sum::<f32>();
        let rest = (unplaced > 0.0).then_some((UNPLACED, unplaced));
        let parts = parts.iter().map(|&(c, v)| (c, v as f32)).chain(rest);
        for (colour, value) in parts.filter(|p| p.1 > 0.0) {
            let top = below + value;
            let rect = Rect::new(x0, yf(top), (x1 - x0).max(0.5), yf(below) - yf(top));
            scene.push(
                Shape::Rect {
                    rect,
                    fill: Some(colour),
                    stroke: None,
                    radius: 0.0,
                },
                Tag::Chrome,
            );
            below = top;
        }
    }
    let fill = curves
        .stacked
        .is_empty()
        .then(|| look.colour.with_alpha(55));
    let area = Shape::Polygon {
        points,
        fill,
        stroke: Some(Stroke::solid(k, look.colour)),
    };
    scene.push(area, Tag::Chrome);
    if let Some((other, colour)) = curves.other.filter(|(o, _)| !o.is_empty()) {
        let mut steps = Vec::with_capacity(other.len() * 2);
        for (month, v) in other {
            let i = first.months_until(*month) as f32;
            steps.push(inside(Point::new(x(i), y(*v))));
            steps.push(inside(Point::new(x(i + 1.0), y(*v))));
        }
        scene.push(line(steps, Stroke::dashed(1.6 * k, colour)), Tag::Chrome);
    }
    let frame = vec![
        Point::new(left, 0.0),
        Point::new(left, h),
        Point::new(left + w, h),
    ];
    scene.push(
        line(frame, Stroke::solid(0.75 * k, look.muted)),
        Tag::Chrome,
    );
    let shown = |xi: f32| xi >= left - 0.5 && xi <= left + w + 0.5;
    let years = last.year() - first.year() + 1;
    // The width the series' years take, of which the window shows `months`.
    let across = match span.window {
        Some(_) => w * n / months,
        None => w,
    };
    let step = axis::year_step(years, across, text::width("2026", size) + size * 1.5);
    for (i, (month, _)) in series.iter().enumerate() {
        let year = month.year();
        let is_start = month.month() == 1 || i == 0;
        if !is_start || (year - first.year()).rem_euclid(step) != 0 {
            continue;
        }
        let xi = x(i as f32);
        if !shown(xi) {
            continue;
        }
        let tick = vec![Point::new(xi, h), Point::new(xi, h + size * 0.4)];
        scene.push(line(tick, Stroke::solid(0.5 * k, look.muted)), Tag::Chrome);
        let room = w - (xi - left);
        if room >= text::width("2026", size) {
            let pos = Point::new(xi + 1.0, h + size * 1.5);
            scene.push(
                label(year.to_string(), pos, size, Anchor::Start, look),
                Tag::Chrome,
            );
        }
    }
    if let Some(mark) = curves.mark {
        let at = first.months_until(mark) as f32 + 0.5;
        if (offset..=offset + months).contains(&at) {
            let marked = vec![Point::new(x(at), 0.0), Point::new(x(at), h)];
            scene.push(line(marked, Stroke::dashed(k, look.ink)), Tag::Chrome);
        }
    }
    for &(month, colour, focused) in curves.milestones {
        let at = x(first.months_until(month) as f32 + 0.5);
        if !shown(at) {
            continue;
        }
        let half = if focused { size * 0.65 } else { size * 0.36 };
        let diamond = Shape::Diamond {
            centre: Point::new(at, size * 0.7),
            half,
            fill: Some(colour),
            stroke: Some(Stroke::solid(0.5 * k, look.ink)),
        };
        scene.push(diamond, Tag::Chrome);
    }
    scene
}

fn line(points: Vec<Point>, stroke: Stroke) -> Shape {
    Shape::Line { points, stroke }
}

fn label(text: String, pos: Point, size: f32, anchor: Anchor, look: Look) -> Shape {
    Shape::Text(TextRun {
        text,
        pos,
        size,
        colour: look.muted,
        weight: Weight::Regular,
        anchor,
        max_width: 60.0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series() -> Vec<(Month, u32)> {
        let start = Month::new(2026, 1).unwrap();
        (0..120)
            .map(|i| (start.plus(i), 57 - (i as u32) / 3))
            .collect()
    }

    fn chart(
        series: &[(Month, u32)],
        width: f32,
        height: f32,
        look: Look,
        mark: Option<Month>,
    ) -> Scene {
        let curves = Curves {
            this: series,
            mark,
            ..Curves::default()
        };
        curves_chart(&curves, Span::default(), width, height, look)
    }

    #[test]
    fn a_year_label_at_each_year_and_a_scale_up_to_the_peak_inside_the_chart() {
        let look = Look::paper(Rgba::rgb(0xDC, 0x26, 0x26), 8.0);
        let scene = chart(
            &series(),
            700.0,
            170.0,
            look,
            Some(Month::new(2028, 6).unwrap()),
        );
        let texts: Vec<&str> = scene.texts().map(|t| t.text.as_str()).collect();
        for year in 2026..=2035 {
            assert!(
                texts.contains(&year.to_string().as_str()),
                "{year}: {texts:?}"
            );
        }
        let values: Vec<u32> = texts
            .iter()
            .filter_map(|t| t.parse().ok())
            .filter(|v| *v < 2000)
            .collect();
        assert!(
            values.contains(&0) && values.iter().any(|v| *v >= 57),
            "{values:?}"
        );
        for item in &scene.items {
            let b = item.shape.bounds();
            assert!(
                b.x >= -0.5 && b.right() <= 700.5 && b.bottom() <= 170.5,
                "{item:?}"
            );
        }
        let narrow = chart(&series(), 160.0, 110.0, look, None);
        let years = narrow.texts().filter(|t| t.text.starts_with("20")).count();
        assert!(
            (2..=5).contains(&years),
            "fewer year labels when narrow: {years}"
        );
    }

    #[test]
    fn two_paths_share_one_scale_up_to_the_higher_peak_and_the_other_is_dashed() {
        let look = Look::paper(Rgba::rgb(0xDC, 0x26, 0x26), 8.0);
        let this = series();
        let other: Vec<(Month, u32)> = this.iter().map(|&(m, _)| (m, 80)).collect();
        let curves = Curves {
            this: &this,
            other: Some((&other, Rgba::rgb(0, 0, 0xFF))),
            ..Curves::default()
        };
        let scene = curves_chart(&curves, Span::default(), 700.0, 170.0, look);
        let values: Vec<u32> = scene.texts().filter_map(|t| t.text.parse().ok()).collect();
        assert!(values.iter().any(|v| (80..2000).contains(v)), "{values:?}");
        let dashed: Vec<_> = scene
            .items
            .iter()
            .filter_map(|item| match &item.shape {
                Shape::Line { points, stroke } if stroke.dashed => Some(points),
                _ => None,
            })
            .collect();
        assert_eq!(dashed.len(), 1, "one dashed curve");
        let ys: Vec<f32> = dashed[0].iter().map(|p| p.y).collect();
        assert!(
            ys.windows(2).all(|w| (w[0] - w[1]).abs() < 1e-3),
            "a flat 80 is one level: {ys:?}"
        );
        let area_top = scene
            .items
            .iter()
            .find_map(|item| match &item.shape {
                Shape::Polygon { points, .. } => points.iter().map(|p| p.y).reduce(f32::min),
                _ => None,
            })
            .unwrap();
        assert!(ys[0] < area_top, "80 is drawn above this plan's peak of 57");
    }

    #[test]
    fn an_empty_series_is_an_empty_chart() {
        let look = Look::paper(Rgba::rgb(0, 0, 0), 8.0);
        assert!(chart(&[], 100.0, 100.0, look, None).items.is_empty());
    }
}
