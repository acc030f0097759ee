//! Thin straight lines drawn straight into a pixmap, anti-aliased (Xiaolin Wu). tiny-skia
//! strokes a hairline one pixel at a time through its whole raster pipeline; on a chart tens
//! of thousands of pixels tall, the long link and removal lines then take seconds.

use resvg::tiny_skia::{Pixmap, Point, Transform};
use resvg::usvg::{self, Paint, tiny_skia_path::PathSegment};

use crate::layout;

/// Widest line, in pixels, drawn here; wider ones are left to resvg.
const MAX_WIDTH: f32 = 1.5;

/// Draws `path` into `pixmap` under `transform` if it is a thin, straight, solid-colour
/// stroke with no fill; returns whether it did (if not, the caller renders it).
pub fn draw(pixmap: &mut Pixmap, path: &usvg::Path, transform: Transform) -> bool {
    let transform = transform.pre_concat(path.abs_transform());
    let (Some(stroke), None) = (path.stroke(), path.fill()) else {
        return false;
    };
    let Paint::Color(colour) = stroke.paint() else {
        return false;
    };
    let (sx, sy) = (transform.sx, transform.sy);
    let width = stroke.width().get() * sx;
    let uniform = !transform.has_skew() && (sx - sy).abs() < 1e-4;
    if !path.is_visible() || !uniform || width > MAX_WIDTH {
        return false;
    }
    let Some(segments) = straight_segments(path, transform) else {
        return false;
    };
    let ink = Ink {
        rgb: [colour.red, colour.green, colour.blue],
        alpha: stroke.opacity().get() * width.min(1.0),
    };
    let dashes: Option<Vec<f32>> = stroke
        .dasharray()
        .map(|d| d.iter().map(|l| l * sx).collect());
    let mut dash = Dash::new(dashes.as_deref(), stroke.dashoffset() * sx);
    let bounds = (pixmap.width() as f32, pixmap.height() as f32);
    for (a, b) in segments {
        // Only the part on this pixmap is dashed and drawn; the dash pattern skips the rest.
        let length = a.distance(b);
        let Some((t0, t1)) = visible_part(a, b, bounds) else {
            dash.skip(length);
            continue;
        };
        let at = |t: f32| Point::from_xy(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
        dash.skip(length * t0);
        dash.split(at(t0), at(t1), |a, b| line(pixmap, a, b, ink));
        dash.skip(length * (1.0 - t1));
    }
    true
}

/// The part (t0..t1 of 0..1) of the segment from `a` to `b` within a `width` × `height`
/// pixmap widened by two pixels, or `None` if it misses it (or only touches it).
fn visible_part(a: Point, b: Point, (width, height): (f32, f32)) -> Option<(f32, f32)> {
    const MARGIN: f32 = 2.0;
    let area = layout::Rect::new(
        -MARGIN,
        -MARGIN,
        width + 2.0 * MARGIN,
        height + 2.0 * MARGIN,
    );
    let point = |p: Point| layout::Point::new(p.x, p.y);
    area.clip_segment(point(a), point(b))
        .filter(|(t0, t1)| t0 < t1)
}

/// Strokes `path` (no fill) with tiny-skia directly: resvg draws a lone node relative to its
/// bounding box, which a perfectly vertical or horizontal line does not have.
pub fn stroke(pixmap: &mut Pixmap, path: &usvg::Path, transform: Transform) -> bool {
    let (Some(stroke), None) = (path.stroke(), path.fill()) else {
        return false;
    };
    let Paint::Color(colour) = stroke.paint() else {
        return false;
    };
    let mut paint = resvg::tiny_skia::Paint::default();
    paint.set_color_rgba8(
        colour.red,
        colour.green,
        colour.blue,
        (stroke.opacity().get() * 255.0).round() as u8,
    );
    paint.anti_alias = true;
    let mut outline = resvg::tiny_skia::Stroke {
        width: stroke.width().get(),
        miter_limit: stroke.miterlimit().get(),
        ..Default::default()
    };
    outline.dash = stroke
        .dasharray()
        .and_then(|d| resvg::tiny_skia::StrokeDash::new(d.to_vec(), stroke.dashoffset()));
    let transform = transform.pre_concat(path.abs_transform());
    pixmap.stroke_path(path.data(), &paint, &outline, transform, None);
    true
}

/// The path's segments in pixels, or `None` if it has curves.
fn straight_segments(path: &usvg::Path, transform: Transform) -> Option<Vec<(Point, Point)>> {
    let mut segments = Vec::new();
    let (mut start, mut at) = (None, None);
    for segment in path.data().segments() {
        match segment {
            PathSegment::MoveTo(p) => {
                start = Some(p);
                at = Some(p);
            }
            PathSegment::LineTo(p) => {
                segments.push((at?, p));
                at = Some(p);
            }
            PathSegment::Close => {
                segments.push((at?, start?));
                at = start;
            }
            PathSegment::QuadTo(..) | PathSegment::CubicTo(..) => return None,
        }
    }
    let map = |mut p: Point| {
        transform.map_point(&mut p);
        p
    };
    Some(
        segments
            .into_iter()
            .map(|(a, b)| (map(a), map(b)))
            .collect(),
    )
}

/// A colour and how much of it a fully covered pixel gets.
#[derive(Clone, Copy)]
struct Ink {
    rgb: [u8; 3],
    alpha: f32,
}

/// Walks a dash pattern along consecutive segments.
struct Dash<'a> {
    pattern: Option<&'a [f32]>,
    index: usize,
    /// Length left of the current dash or gap.
    left: f32,
}

impl<'a> Dash<'a> {
    fn new(pattern: Option<&'a [f32]>, offset: f32) -> Dash<'a> {
        let pattern = pattern.filter(|p| !p.is_empty() && p.iter().all(|l| *l > 0.0));
        let mut dash = Dash {
            pattern,
            index: 0,
            left: pattern.map_or(f32::INFINITY, |p| p[0]),
        };
        if let Some(p) = pattern {
            let period: f32 = p.iter().sum();
            let mut offset = offset.rem_euclid(period);
            while offset > 0.0 {
                let step = offset.min(dash.left);
                dash.advance(step);
                offset -= step;
            }
        }
        dash
    }

    /// Moves along the pattern by `length` without drawing.
    fn skip(&mut self, length: f32) {
        let Some(p) = self.pattern else {
            return;
        };
        if length < self.left {
            self.left -= length;
            return;
        }
        let period: f32 = p.iter().sum();
        let mut length = (length - self.left).rem_euclid(period);
        self.index = (self.index + 1) % p.len();
        self.left = p[self.index];
        while length >= self.left {
            length -= self.left;
            self.index = (self.index + 1) % p.len();
            self.left = p[self.index];
        }
        self.left -= length;
    }

    fn advance(&mut self, length: f32) {
        self.left -= length;
        if let Some(p) = self.pattern
            && self.left <= 0.0
        {
            self.index = (self.index + 1) % p.len();
            self.left = p[self.index];
        }
    }

    /// Calls `draw` for the dashed parts of the segment from `a` to `b`.
    fn split(&mut self, a: Point, b: Point, mut draw: impl FnMut(Point, Point)) {
        let length = a.distance(b);
        if self.pattern.is_none() {
            draw(a, b);
            return;
        }
        let mut done = 0.0;
        while done < length {
            let step = self.left.min(length - done);
            if self.index.is_multiple_of(2) {
                let at = |t: f32| Point::from_xy(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
                draw(at(done / length), at((done + step) / length));
            }
            done += step;
            self.advance(step);
        }
    }
}

/// An anti-aliased one-pixel line from `a` to `b` (pixel centres at half-integers).
fn line(pixmap: &mut Pixmap, a: Point, b: Point, ink: Ink) {
    if a.x == b.x {
        vertical(pixmap, a.x, a.y.min(b.y), a.y.max(b.y), ink);
        return;
    }
    let steep = (b.y - a.y).abs() > (b.x - a.x).abs();
    // Major axis along the line's longer extent; `(major, minor)` pairs.
    let (mut p, mut q) = if steep {
        ((a.y, a.x), (b.y, b.x))
    } else {
        ((a.x, a.y), (b.x, b.y))
    };
    if p.0 > q.0 {
        std::mem::swap(&mut p, &mut q);
    }
    let (major_size, minor_size) = if steep {
        (pixmap.height(), pixmap.width())
    } else {
        (pixmap.width(), pixmap.height())
    };
    let gradient = if q.0 > p.0 {
        (q.1 - p.1) / (q.0 - p.0)
    } else {
        0.0
    };
    let first = (p.0 - 0.5).ceil().max(0.0);
    let last = (q.0 - 0.5).floor().min(major_size as f32 - 1.0);
    // Also false for NaN coordinates.
    if first.partial_cmp(&last).is_none_or(|o| o.is_gt()) {
        return;
    }
    let width = pixmap.width() as usize;
    let data = pixmap.data_mut();
    let mut plot = |major: i64, minor: i64, coverage: f32| {
        if minor < 0 || minor >= i64::from(minor_size) {
            return;
        }
        let (x, y) = if steep {
            (minor, major)
        } else {
            (major, minor)
        };
        let at = (y as usize * width + x as usize) * 4;
        if let Some(px) = data.get_mut(at..at + 4) {
            blend(px, ink, coverage);
        }
    };
    for major in first as i64..=last as i64 {
        let minor = p.1 + gradient * (major as f32 + 0.5 - p.0) - 0.5;
        let cell = minor.floor();
        let frac = minor - cell;
        plot(major, cell as i64, 1.0 - frac);
        plot(major, cell as i64 + 1, frac);
    }
}

/// A vertical line at `x` from `top` to `bottom`: the common case (grid lines, connectors),
/// drawn a row at a time with the coverage of its one or two columns worked out once.
fn vertical(pixmap: &mut Pixmap, x: f32, top: f32, bottom: f32, ink: Ink) {
    let (width, height) = (pixmap.width() as usize, pixmap.height() as f32);
    let first = (top - 0.5).ceil().max(0.0);
    let last = (bottom - 0.5).floor().min(height - 1.0);
    if first.partial_cmp(&last).is_none_or(|o| o.is_gt()) {
        return;
    }
    let left = (x - 0.5).floor();
    let frac = x - 0.5 - left;
    let columns = [(left, 1.0 - frac), (left + 1.0, frac)];
    let columns: Vec<(usize, f32)> = columns
        .into_iter()
        .filter(|&(c, coverage)| c >= 0.0 && (c as usize) < width && coverage > 0.0)
        .map(|(c, coverage)| (c as usize, coverage))
        .collect();
    let data = pixmap.data_mut();
    for row in first as usize..=last as usize {
        for &(column, coverage) in &columns {
            let at = (row * width + column) * 4;
            if let Some(px) = data.get_mut(at..at + 4) {
                blend(px, ink, coverage);
            }
        }
    }
}

/// Paints `ink` over one premultiplied RGBA pixel at `coverage` (fixed point, in 256ths).
fn blend(px: &mut [u8], ink: Ink, coverage: f32) {
    let a = (ink.alpha * coverage * 256.0) as u32;
    if a == 0 {
        return;
    }
    let a = a.min(256);
    let keep = 256 - a;
    for (channel, source) in px.iter_mut().zip(ink.rgb) {
        *channel = ((u32::from(source) * a + u32::from(*channel) * keep + 128) >> 8) as u8;
    }
    px[3] = ((255 * a + u32::from(px[3]) * keep + 128) >> 8) as u8;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn white(w: u32, h: u32) -> Pixmap {
        let mut p = Pixmap::new(w, h).unwrap();
        p.fill(resvg::tiny_skia::Color::WHITE);
        p
    }

    fn pixel(p: &Pixmap, x: u32, y: u32) -> [u8; 4] {
        let c = p.pixel(x, y).unwrap();
        [c.red(), c.green(), c.blue(), c.alpha()]
    }

    const RED: Ink = Ink {
        rgb: [255, 0, 0],
        alpha: 1.0,
    };

    #[test]
    fn a_vertical_line_on_pixel_centres_covers_one_column_fully() {
        let mut p = white(5, 10);
        line(
            &mut p,
            Point::from_xy(2.5, 0.0),
            Point::from_xy(2.5, 10.0),
            RED,
        );
        for y in 0..10 {
            assert_eq!(pixel(&p, 2, y), [255, 0, 0, 255]);
            assert_eq!(pixel(&p, 1, y), [255, 255, 255, 255]);
            assert_eq!(pixel(&p, 3, y), [255, 255, 255, 255]);
        }
    }

    #[test]
    fn a_steep_line_is_drawn_like_a_vertical_one_where_they_meet() {
        let (mut steep, mut upright) = (white(6, 40), white(6, 40));
        line(
            &mut steep,
            Point::from_xy(2.5, 0.0),
            Point::from_xy(2.6, 40.0),
            RED,
        );
        line(
            &mut upright,
            Point::from_xy(2.5, 0.0),
            Point::from_xy(2.5, 40.0),
            RED,
        );
        let close = |a: [u8; 4], b: [u8; 4]| a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= 2);
        assert!(close(pixel(&steep, 2, 0), pixel(&upright, 2, 0)));
        assert!(close(pixel(&steep, 1, 20), pixel(&upright, 1, 20)));
    }

    #[test]
    fn straight_lines_of_an_svg_are_drawn_at_any_width() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">
            <polyline points="10,2 10,18" fill="none" stroke="#FF0000" stroke-width="0.5"/>
            <polyline points="2,5 18,5" fill="none" stroke="#FF0000" stroke-width="3"/>
            </svg>"##;
        let tree = usvg::Tree::from_str(svg, &usvg::Options::default()).unwrap();
        let mut p = white(20, 20);
        for node in tree.root().children() {
            let usvg::Node::Path(path) = node else {
                panic!("expected paths");
            };
            assert!(
                draw(&mut p, path, Transform::identity())
                    || stroke(&mut p, path, Transform::identity())
            );
        }
        let [_, g, ..] = pixel(&p, 9, 10);
        assert!(g < 255, "the thin vertical line is drawn");
        assert_eq!(
            pixel(&p, 4, 5),
            [255, 0, 0, 255],
            "the thick horizontal line is drawn"
        );
    }

    #[test]
    fn a_line_between_columns_is_shared_between_them() {
        let mut p = white(5, 4);
        line(
            &mut p,
            Point::from_xy(2.0, 0.0),
            Point::from_xy(2.0, 4.0),
            RED,
        );
        let [_, g1, ..] = pixel(&p, 1, 1);
        let [_, g2, ..] = pixel(&p, 2, 1);
        assert!((125..=130).contains(&g1) && g1 == g2, "{g1} {g2}");
    }

    #[test]
    fn lines_off_the_pixmap_are_clipped_not_a_panic() {
        let mut p = white(4, 4);
        line(
            &mut p,
            Point::from_xy(-50.0, -3.0),
            Point::from_xy(90.0, 70.0),
            RED,
        );
        line(
            &mut p,
            Point::from_xy(-5.0, 2.5),
            Point::from_xy(-1.0, 2.5),
            RED,
        );
        assert_eq!(pixel(&p, 0, 3), [255, 255, 255, 255]);
    }

    #[test]
    fn dashes_follow_the_pattern_across_segments() {
        let pattern = [3.0, 2.0];
        let mut dash = Dash::new(Some(&pattern), 0.0);
        let mut drawn = Vec::new();
        for (a, b) in [(0.0, 4.0), (4.0, 10.0)] {
            dash.split(Point::from_xy(a, 0.0), Point::from_xy(b, 0.0), |a, b| {
                drawn.push((a.x, b.x))
            });
        }
        assert_eq!(drawn, [(0.0, 3.0), (5.0, 8.0)]);
    }

    #[test]
    fn skipping_keeps_the_dash_phase() {
        let pattern = [3.0, 2.0];
        let mut dash = Dash::new(Some(&pattern), 0.0);
        dash.skip(5.0 * 1000.0 + 4.0); // a thousand periods, then into the gap
        let mut drawn = Vec::new();
        dash.split(
            Point::from_xy(0.0, 0.0),
            Point::from_xy(6.0, 0.0),
            |a, b| drawn.push((a.x, b.x)),
        );
        assert_eq!(drawn, [(1.0, 4.0)]);
    }

    #[test]
    fn only_the_part_of_a_segment_on_the_pixmap_is_visible() {
        let (a, b) = (Point::from_xy(5.0, -100.0), Point::from_xy(5.0, 300.0));
        let (t0, t1) = visible_part(a, b, (10.0, 100.0)).unwrap();
        assert!((t0 - 98.0 / 400.0).abs() < 1e-6 && (t1 - 202.0 / 400.0).abs() < 1e-6);
        assert!(
            visible_part(a, b, (4.0, 100.0)).is_some(),
            "within the margin"
        );
        assert!(
            visible_part(
                Point::from_xy(50.0, 0.0),
                Point::from_xy(60.0, 9.0),
                (10.0, 10.0)
            )
            .is_none()
        );
    }
}
