//! The other plan of a comparison drawn behind this plan's items: ghost outlines of its bars,
//! milestones and dependency spans where they differ, a thin arrow from where each moved item
//! was, and marks on items only one plan has.

use std::collections::HashMap;

use super::View;
use super::scene::{Item, Point, Rect, Rgba, Scene, Shape, Stroke, Tag, TextRun, Weight};
use crate::analysis::Analysis;
use crate::analysis::compare::{Change, Comparison, Kind};
use crate::model::{Month, Roadmap};

/// Outline of where the other plan has an item.
pub const GHOST: Rgba = Rgba::rgb(0x47, 0x55, 0x69);
/// Outline of an item only the other plan has (removed here).
pub const REMOVED: Rgba = Rgba::rgb(0xDC, 0x26, 0x26);
/// Frame around an item only this plan has (added here).
pub const ADDED: Rgba = Rgba::rgb(0x16, 0xA3, 0x4A);
/// Height of a ghost of an item whose lane row is unknown (removed items).
const GHOST_HEIGHT: f32 = 12.0;

/// Where this plan's scene drew each item: a bar's rectangle, a milestone's centre and size.
struct Drawn {
    bars: HashMap<String, Rect>,
    diamonds: HashMap<String, (Point, f32)>,
}

impl Drawn {
    fn of(scene: &Scene) -> Drawn {
        let mut drawn = Drawn {
            bars: HashMap::new(),
            diamonds: HashMap::new(),
        };
        for item in &scene.items {
            match (&item.tag, &item.shape) {
                (Tag::Investment(id) | Tag::Dependency(id), Shape::Rect { rect, .. }) => {
                    drawn.bars.entry(id.clone()).or_insert(*rect);
                }
                (Tag::Milestone(id), Shape::Diamond { centre, half, .. }) => {
                    drawn.diamonds.entry(id.clone()).or_insert((*centre, *half));
                }
                _ => {}
            }
        }
        drawn
    }
}

/// Adds the ghosts of `other` (compared as A with this plan as B) to `scene`, laid out from
/// `this` with `view`, before the first item so that this plan's items are drawn over them.
pub fn add_ghosts(
    scene: &mut Scene,
    view: &View,
    this: &Roadmap,
    other: (&Roadmap, &Analysis),
    comparison: &Comparison,
) {
    let ghosts = ghosts(scene, view, this, other, comparison);
    let at = scene
        .items
        .iter()
        .position(|item| {
            matches!(
                item.tag,
                Tag::Investment(_)
                    | Tag::Milestone(_)
                    | Tag::Dependency(_)
                    | Tag::Link { .. }
                    | Tag::Removal { .. }
                    | Tag::Density(_)
            )
        })
        .unwrap_or(scene.items.len());
    scene.items.splice(at..at, ghosts);
}

/// The ghost items, in drawing order.
fn ghosts(
    scene: &Scene,
    view: &View,
    this: &Roadmap,
    (other, other_analysis): (&Roadmap, &Analysis),
    comparison: &Comparison,
) -> Vec<Item> {
    let drawn = Drawn::of(scene);
    let mut out = Vec::new();
    for diff in &comparison.items {
        let id = diff.id.as_str();
        match (diff.kind, diff.change) {
            (Kind::Investment, Change::Changed) => {
                if let (Some(bar), Some(now), Some(was)) = (
                    drawn.bars.get(id),
                    this.investment(id),
                    other.investment(id),
                ) && (now.start != was.start || now.end != was.end)
                {
                    // Drawn as this bar would be at the old months (same insets).
                    let span = |start: Month, end: Month| view.x_of(end.plus(1)) - view.x_of(start);
                    let x = bar.x + view.x_of(was.start) - view.x_of(now.start);
                    let w = bar.w + span(was.start, was.end) - span(now.start, now.end);
                    let ghost = Rect::new(x, bar.y, w.max(1.0), bar.h);
                    outline(&mut out, ghost, GHOST, id);
                    moved_arrow(&mut out, &ghost, bar, now.start != was.start);
                }
            }
            (Kind::Milestone, Change::Changed) => {
                if let (Some(&(centre, half)), Some(now), Some(was)) = (
                    drawn.diamonds.get(id),
                    this.milestone(id),
                    other.milestone(id),
                ) && now.month != was.month
                {
                    let x = centre.x + view.x_of(was.month) - view.x_of(now.month);
                    let old = Point::new(x, centre.y);
                    diamond(&mut out, old, half, GHOST, id);
                    arrow(&mut out, old, centre, half);
                }
            }
            (Kind::Investment, Change::Removed) => {
                if let Some(was) = other.investment(id)
                    && let Some(y) = lane_top(scene, &was.layer)
                {
                    let x = view.x_of(was.start);
                    let w = view.x_of(was.end.plus(1)) - x;
                    let ghost = Rect::new(x, y, w.max(1.0), GHOST_HEIGHT);
                    outline(&mut out, ghost, REMOVED, id);
                    label(&mut out, &ghost, &format!("removed: {}", was.title));
                }
            }
            (Kind::Milestone, Change::Removed) => {
                if let Some(was) = other.milestone(id)
                    && let Some(y) = lane_top(scene, &was.layer)
                {
                    let half = GHOST_HEIGHT / 2.0;
                    let centre =
                        Point::new(view.x_of(was.month) + view.month_width / 2.0, y + half);
                    diamond(&mut out, centre, half, REMOVED, id);
                }
            }
            (Kind::Investment | Kind::Dependency, Change::Added) => {
                if let Some(bar) = drawn.bars.get(id) {
                    frame(&mut out, bar.expand(2.0), id);
                }
            }
            (Kind::Milestone, Change::Added) => {
                if let Some(&(centre, half)) = drawn.diamonds.get(id) {
                    out.push(item(
                        Shape::Diamond {
                            centre,
                            half: half + 3.0,
                            fill: None,
                            stroke: Some(Stroke::solid(1.5, ADDED)),
                        },
                        id,
                    ));
                }
            }
            _ => {}
        }
    }
    retirements(&mut out, &drawn, view, comparison, other_analysis);
    out
}

/// Ghosts of the dependency spans whose retirement moved: the other plan's span on the same
/// row, and an arrow from its end to this plan's.
fn retirements(
    out: &mut Vec<Item>,
    drawn: &Drawn,
    view: &View,
    comparison: &Comparison,
    other: &Analysis,
) {
    let spans: HashMap<&str, _> = other
        .spans()
        .iter()
        .map(|s| (s.dependency.as_str(), s))
        .collect();
    let right_edge = view.x_of(view.to.plus(1));
    let x_until = |m: Option<Month>| m.map_or(right_edge, |m| view.x_of(m));
    for r in &comparison.consequences.retirements {
        let (Some(bar), Some(span)) = (
            drawn.bars.get(&r.dependency),
            spans.get(r.dependency.as_str()),
        ) else {
            continue;
        };
        let from = view.x_of(span.from).max(view.chart_left());
        let ghost = Rect::new(from, bar.y, (x_until(span.until) - from).max(1.0), bar.h);
        outline(out, ghost, GHOST, &r.dependency);
        let y = bar.y + bar.h / 2.0;
        let (old, new) = (x_until(r.a), x_until(r.b));
        arrow(out, Point::new(old, y), Point::new(new, y), 0.0);
    }
}

/// The top of the lane of `layer` in the scene, a little inside it.
fn lane_top(scene: &Scene, layer: &str) -> Option<f32> {
    scene
        .bands
        .iter()
        .find(|b| b.layer.as_deref() == Some(layer))
        .map(|b| b.top + 3.0)
}

fn item(shape: Shape, id: &str) -> Item {
    Item {
        shape,
        tag: Tag::Ghost(id.to_owned()),
    }
}

fn outline(out: &mut Vec<Item>, rect: Rect, colour: Rgba, id: &str) {
    out.push(item(
        Shape::Rect {
            rect,
            fill: Some(colour.with_alpha(28)),
            stroke: Some(Stroke::dashed(1.2, colour)),
            radius: 3.0,
        },
        id,
    ));
}

fn frame(out: &mut Vec<Item>, rect: Rect, id: &str) {
    out.push(item(
        Shape::Rect {
            rect,
            fill: None,
            stroke: Some(Stroke::solid(1.5, ADDED)),
            radius: 4.0,
        },
        id,
    ));
}

fn diamond(out: &mut Vec<Item>, centre: Point, half: f32, colour: Rgba, id: &str) {
    out.push(item(
        Shape::Diamond {
            centre,
            half,
            fill: Some(colour.with_alpha(28)),
            stroke: Some(Stroke::dashed(1.2, colour)),
        },
        id,
    ));
}

fn label(out: &mut Vec<Item>, rect: &Rect, text: &str) {
    let Some(text) = super::text::elide(text, 8.0, rect.w.max(40.0)) else {
        return;
    };
    out.push(Item {
        shape: Shape::Text(TextRun {
            text,
            pos: Point::new(rect.x + 3.0, rect.y + rect.h - 3.0),
            size: 8.0,
            colour: REMOVED,
            weight: Weight::Regular,
            anchor: super::Anchor::Start,
            max_width: rect.w.max(40.0),
        }),
        tag: Tag::Chrome,
    });
}

/// A thin arrow from the ghost's start (or end) to the bar's, through the middle of the row.
fn moved_arrow(out: &mut Vec<Item>, ghost: &Rect, bar: &Rect, by_start: bool) {
    let y = bar.y + bar.h / 2.0;
    let (from, to) = if by_start {
        (ghost.x, bar.x)
    } else {
        (ghost.right(), bar.right())
    };
    arrow(out, Point::new(from, y), Point::new(to, y), 0.0);
}

/// A thin arrow from `from` to `to`, stopping `gap` short of it.
fn arrow(out: &mut Vec<Item>, from: Point, to: Point, gap: f32) {
    let dx = to.x - from.x;
    if dx.abs() < 2.0 + gap {
        return;
    }
    let dir = dx.signum();
    let tip = Point::new(to.x - dir * gap, to.y);
    out.push(Item {
        shape: Shape::Line {
            points: vec![from, tip],
            stroke: Stroke::solid(1.0, GHOST),
        },
        tag: Tag::Chrome,
    });
    let back = tip.x - dir * 5.0;
    out.push(Item {
        shape: Shape::Polygon {
            points: vec![
                tip,
                Point::new(back, tip.y - 3.0),
                Point::new(back, tip.y + 3.0),
            ],
            fill: Some(GHOST),
            stroke: None,
        },
        tag: Tag::Chrome,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::compare::{Options, compare};
    use crate::analysis::testplan::*;

    fn ghost_rects(scene: &Scene, id: &str) -> Vec<Rect> {
        scene
            .items
            .iter()
            .filter_map(|i| match (&i.tag, &i.shape) {
                (Tag::Ghost(g), Shape::Rect { rect, .. }) if g == id => Some(*rect),
                _ => None,
            })
            .collect()
    }

    fn drawn_bar(scene: &Scene, id: &str) -> Rect {
        Drawn::of(scene).bars[id]
    }

    #[test]
    fn a_retirement_moved_later_leaves_the_old_span_on_the_dependency_row() {
        // gpus is removed by own in 2026-04 in the other plan, in 2026-08 in this one.
        let mut other = plan();
        other.dependencies =
            vec![dep("gpus", "compute", crate::model::ControlLevel::BlackBox, 3).into()];
        other.milestones = vec![ms("own", "compute", "2026-04", &[], &["gpus"], &[]).into()];
        let mut this = other.clone();
        this.milestones[0].month = m("2026-08");
        let view = View::whole(&this);
        let mut scene = super::super::layout(&this, Analysis::of(&this).spans(), &view);
        let analysis = Analysis::of(&other);
        let c = compare(&other, &this, &Options::default());
        add_ghosts(&mut scene, &view, &this, (&other, &analysis), &c);
        let ghost = ghost_rects(&scene, "gpus")[0];
        let bar = drawn_bar(&scene, "gpus");
        assert_eq!(ghost.y, bar.y);
        assert!((ghost.right() - view.x_of(m("2026-04"))).abs() < 0.01);
        assert!(bar.right() > ghost.right() + 3.0 * view.month_width);
    }

    #[test]
    fn a_moved_bar_leaves_a_ghost_at_its_old_months_behind_it() {
        // A: x 2026-03..2026-05; this plan (B): x 2026-07..2026-09.
        let mut other = plan();
        other.investments = vec![inv("x", "compute", "2026-03", "2026-05", 1, &[]).into()];
        let mut this = other.clone();
        this.investments[0].start = m("2026-07");
        this.investments[0].end = m("2026-09");
        let view = View::whole(&this);
        let mut scene = super::super::layout(&this, Analysis::of(&this).spans(), &view);
        let analysis = Analysis::of(&other);
        let c = compare(&other, &this, &Options::default());
        add_ghosts(&mut scene, &view, &this, (&other, &analysis), &c);
        let ghosts = ghost_rects(&scene, "x");
        assert_eq!(ghosts.len(), 1);
        let (ghost, bar) = (ghosts[0], drawn_bar(&scene, "x"));
        // Four months to the left of the bar, as long and on the same row.
        let four_months = view.x_of(m("2026-07")) - view.x_of(m("2026-03"));
        assert!((bar.x - ghost.x - four_months).abs() < 0.01);
        assert!((ghost.w - bar.w).abs() < 0.01 && ghost.y == bar.y);
        let ghost_at = scene
            .items
            .iter()
            .position(|i| matches!(&i.tag, Tag::Ghost(_)))
            .unwrap();
        let bar_at = scene
            .items
            .iter()
            .position(|i| i.tag == Tag::Investment("x".into()))
            .unwrap();
        assert!(ghost_at < bar_at, "the ghost is drawn before the bar");
    }
}
