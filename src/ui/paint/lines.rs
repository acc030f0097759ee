//! Connector lines on the canvas: which of the many running off screen are drawn, and
//! dashed lines cut to the visible area.

use super::*;

/// At most this many removal connectors run off screen before they are left out (a plan of
/// thousands of items would otherwise hatch the lanes with them).
pub(super) const MAX_LOOSE_CONNECTORS: usize = 40;

/// Which lines are drawn, by what they join.
#[derive(Debug, Clone, Copy)]
pub(super) struct Connectors<'a> {
    /// The selected item's id.
    selection: Option<&'a str>,
    /// Whether removal connectors with one end off screen are few enough to draw.
    loose: bool,
}

impl Connectors<'_> {
    /// The rule for `scene` placed at `at`, clipped to `area`.
    pub(super) fn of<'a>(
        scene: &Scene,
        at: &Placement,
        area: Rect,
        selection: Option<&'a str>,
    ) -> Connectors<'a> {
        let loose = scene
            .items
            .iter()
            .filter(|item| matches!(item.tag, Tag::Removal { .. }))
            .filter_map(|item| match &item.shape {
                Shape::Line { points, .. } => Some(points),
                _ => None,
            })
            .filter(|points| {
                let ends = ends_in(
                    points.iter().map(|p| at.to_screen(*p, &Tag::Chrome, false)),
                    area,
                );
                ends[0] != ends[1]
            })
            .count();
        Connectors {
            selection,
            loose: loose <= MAX_LOOSE_CONNECTORS,
        }
    }

    /// Whether a line is drawn: a link when either end is on screen; a removal connector
    /// (which may cross every lane down to the dependency lane) when both ends are, or one
    /// end is and it belongs to the selection or such connectors are few. Other lines always.
    pub(super) fn shown(self, tag: &Tag, pts: &[Pos2], area: Rect) -> bool {
        let ends = ends_in(pts.iter().copied(), area);
        match tag {
            Tag::Link { .. } => ends[0] || ends[1],
            Tag::Removal {
                dependency,
                milestone,
            } => {
                let selected = self
                    .selection
                    .is_some_and(|s| s == dependency || s == milestone);
                (ends[0] && ends[1]) || ((selected || self.loose) && (ends[0] || ends[1]))
            }
            _ => true,
        }
    }
}

/// Whether the first and the last of `points` lie in `area`.
pub(super) fn ends_in(mut points: impl DoubleEndedIterator<Item = Pos2>, area: Rect) -> [bool; 2] {
    let first = points.next();
    let last = points.next_back().or(first);
    [first, last].map(|p| p.is_some_and(|p| area.contains(p)))
}

/// The dashes of the polyline `pts` that fall inside `area`, in the same places as if the
/// whole line were dashed (so dashes do not crawl while panning).
pub(super) fn dashes(pts: &[Pos2], stroke: Stroke, area: Rect) -> Vec<egui::Shape> {
    let period = DASH + GAP;
    let mut out = Vec::new();
    let mut travelled = 0.0;
    for pair in pts.windows(2) {
        let [a, b] = [pair[0], pair[1]];
        let length = a.distance(b);
        if let Some((t0, t1)) = clip_segment(a, b, area)
            && length > 0.0
        {
            let (p, q) = (a + (b - a) * t0, a + (b - a) * t1);
            let dir = (b - a) / length;
            let phase = (travelled + t0 * length).rem_euclid(period);
            let visible = (t1 - t0) * length;
            if phase < DASH {
                let rest = (DASH - phase).min(visible);
                out.push(egui::Shape::line_segment([p, p + dir * rest], stroke));
            }
            let offset = (period - phase).rem_euclid(period);
            egui::Shape::dashed_line_many_with_offset(
                &[p, q],
                stroke,
                &[DASH],
                &[GAP],
                offset,
                &mut out,
            );
        }
        travelled += length;
    }
    out
}

/// The part of segment a–b inside `r`, as parameters along it.
pub(super) fn clip_segment(a: Pos2, b: Pos2, r: Rect) -> Option<(f32, f32)> {
    let point = |p: Pos2| crate::layout::Point::new(p.x, p.y);
    crate::layout::Rect::new(r.left(), r.top(), r.width(), r.height())
        .clip_segment(point(a), point(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_is_clipped_to_the_rectangle() {
        let r = Rect::from_min_max(pos2(0.0, 0.0), pos2(10.0, 10.0));
        let (t0, t1) = clip_segment(pos2(5.0, -10.0), pos2(5.0, 30.0), r).unwrap();
        assert!((t0 - 0.25).abs() < 1e-6 && (t1 - 0.5).abs() < 1e-6);
        assert!(clip_segment(pos2(20.0, 0.0), pos2(30.0, 10.0), r).is_none());
    }

    #[test]
    fn a_long_dashed_line_makes_dashes_only_on_screen() {
        let area = Rect::from_min_max(pos2(0.0, 0.0), pos2(100.0, 100.0));
        let line = [pos2(50.0, -100_000.0), pos2(50.0, 100_000.0)];
        let stroke = Stroke::new(1.0, Color32::BLACK);
        let n = dashes(&line, stroke, area).len();
        assert!((14..=16).contains(&n), "{n} dashes");
    }

    #[test]
    fn dashes_stay_in_place_when_the_visible_part_changes() {
        let stroke = Stroke::new(1.0, Color32::BLACK);
        let line = [pos2(0.0, 0.0), pos2(0.0, 100.0)];
        let whole = Rect::from_min_max(pos2(-5.0, -5.0), pos2(5.0, 105.0));
        let part = Rect::from_min_max(pos2(-5.0, 30.0), pos2(5.0, 60.0));
        let starts = |shapes: Vec<egui::Shape>| -> Vec<f32> {
            shapes
                .into_iter()
                .filter_map(|s| match s {
                    egui::Shape::LineSegment { points, .. } => Some(points[0].y),
                    _ => None,
                })
                .collect()
        };
        let all = starts(dashes(&line, stroke, whole));
        for y in starts(dashes(&line, stroke, part)) {
            let inside_a_dash = all.iter().any(|s| y >= *s - 1e-3 && y <= s + DASH + 1e-3);
            assert!(
                inside_a_dash,
                "dash at {y} is not on a dash of the whole line"
            );
        }
    }
}
