//! The audience's chart of a stop on screen: the roadmap scene of the stop's window drawn
//! large under a taller ruler, labels too small to read left out, or the overview's lane
//! summaries. Pure layout: the audience view only draws it.

use crate::analysis::DependencySpan;
use crate::analysis::stops::Slide;
use crate::layout::{self, Item, Scene, Shape, Tag, TextRun};
use crate::model::{Month, Roadmap};

/// Row height the audience chart is laid out at when it fits (labels at 16 points).
pub const LARGE_ROW: f32 = 34.0;
/// Smallest row height the chart is laid out at (labels at [`MIN_TEXT`]); a taller chart is
/// drawn smaller, without the labels that would then be too small to read.
pub const SMALL_ROW: f32 = 30.0;
/// Smallest text on a slide, in points: readable from the back of a room.
pub const MIN_TEXT: f32 = 14.0;
/// Size of lane names and year labels on the charts.
pub const LANE_NAME_SIZE: f32 = 16.0;
/// Height of the audience chart's ruler (years above, quarters or months below).
pub const RULER: f32 = 2.0 * MIN_TEXT + 16.0;
/// Space above a lane's name, as the layout leaves it.
pub const LANE_PAD: f32 = 4.0;
/// Smallest scale a tall chart is drawn at; below it the chart is cut at the bottom.
pub const MIN_SCALE: f32 = 0.3;

/// What the audience chart is laid out for; a scene can be reused while this is unchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct ScreenChart {
    /// The overview's lane summaries instead of the full chart.
    pub overview: bool,
    /// First month laid out.
    pub from: Month,
    /// Last month laid out.
    pub to: Month,
    /// Width of a month in layout units.
    pub month_width: f32,
    /// Width of the lane headers in layout units.
    pub header_width: f32,
    /// Row height in layout units.
    pub row_height: f32,
    /// Height of the chart area in layout units: items below it are left out.
    pub height: f32,
    /// Whether the dependency lane is shown.
    pub dependencies: bool,
    /// Ids of the layers shown; empty = all.
    pub layers: Vec<String>,
    /// The item in focus.
    pub focus: Option<String>,
    /// The month marked (a milestone's).
    pub cursor: Option<Month>,
}

impl ScreenChart {
    /// The layout view of this chart.
    pub fn view(&self) -> layout::View {
        let key = self;
        let mut view = layout::View::new(key.from, key.to);
        view.month_width = key.month_width;
        view.row_height = key.row_height;
        view.header_width = key.header_width;
        view.layers = key.layers.clone();
        view.selection = key.focus.clone();
        view.cursor = key.cursor;
        view.dependencies = key.dependencies;
        if key.height.is_finite() {
            view.visible = Some((0.0, key.height));
        }
        view
    }

    /// The chart laid out: the overview's lane summaries, or the roadmap drawn `k` times as
    /// large under the audience's ruler with labels ending before `right`; `header` is the
    /// lane header's width on screen.
    pub fn scene(
        &self,
        plan: &Roadmap,
        spans: &[DependencySpan],
        k: f32,
        right: f32,
        header: f32,
    ) -> Scene {
        if self.overview {
            layout::overview::overview(plan, &self.view(), self.height, LANE_NAME_SIZE)
        } else {
            let scene = layout::layout(plan, spans, &self.view());
            for_audience(&scene, self, k, right, header)
        }
    }
}

/// How the audience chart is sized: the row height it is laid out at and the scale it is
/// drawn at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    /// Row height in layout units.
    pub row: f32,
    /// Scale the chart is drawn at.
    pub scale: f32,
}

/// The largest rows (from [`LARGE_ROW`] down to [`SMALL_ROW`]) at which the slide's chart
/// fits the height of `rect`; a chart too tall even then is drawn smaller, down to
/// [`MIN_SCALE`].
pub fn fitting(
    plan: &Roadmap,
    spans: &[DependencySpan],
    slide: &Slide,
    layers: &[String],
    (width, height): (f32, f32),
    header: f32,
) -> Fit {
    let months = (slide.stop.from.months_until(slide.stop.to) + 1).max(1) as f32;
    let height_at = |row: f32| {
        let key = ScreenChart {
            overview: false,
            from: slide.stop.from,
            to: slide.stop.to,
            month_width: (width - header).max(1.0) / months,
            header_width: header,
            row_height: row,
            height: f32::INFINITY,
            dependencies: slide.shows_dependencies(),
            layers: layers.to_vec(),
            focus: None,
            cursor: None,
        };
        layout::layout(plan, spans, &key.view()).height
    };
    let ruler = layout::RULER_HEIGHT;
    let room = height - RULER + ruler;
    let large = height_at(LARGE_ROW);
    if large <= room {
        return Fit {
            row: LARGE_ROW,
            scale: 1.0,
        };
    }
    let shrink = (room - ruler).max(1.0) / (large - ruler).max(1.0);
    let row = (LARGE_ROW * shrink).floor();
    if row >= SMALL_ROW {
        return Fit { row, scale: 1.0 };
    }
    let small = height_at(SMALL_ROW);
    Fit {
        row: SMALL_ROW,
        scale: ((room - ruler).max(1.0) / (small - ruler).max(1.0)).clamp(MIN_SCALE, 1.0),
    }
}

/// Whether `item` is the name of a lane in the header column.
fn is_lane_name(item: &Item, header_width: f32) -> bool {
    matches!(item.tag, Tag::Lane(_) | Tag::DependencyLane)
        && matches!(&item.shape, Shape::Text(run) if run.pos.x < header_width)
}

/// A lane name of a chart drawn `k` times as large, kept at a readable size in the header.
fn lane_name(run: &TextRun, k: f32, header: f32) -> TextRun {
    let size = (run.size * k).max(LANE_NAME_SIZE);
    let room = header - 14.0;
    let top = (run.pos.y - LANE_PAD - run.size * 1.1) * k;
    TextRun {
        text: layout::text::elide(&run.text, size, room).unwrap_or_default(),
        pos: layout::Point::new(run.pos.x, top + LANE_PAD + size * 1.1),
        size,
        max_width: room,
        ..run.clone()
    }
}

/// `scene` drawn `k` times as large (positions, sizes, strokes and type); lane names stay
/// readable in a header `header` units wide.
fn scaled(scene: &Scene, k: f32, header: f32) -> Scene {
    if (k - 1.0).abs() < 1e-4 {
        return scene.clone();
    }
    let point = |p: &layout::Point| layout::Point::new(p.x * k, p.y * k);
    let stroke = |s: &layout::Stroke| layout::Stroke {
        width: s.width * k,
        ..*s
    };
    let shape = |shape: &Shape| match shape {
        Shape::Rect {
            rect,
            fill,
            stroke: outline,
            radius,
        } => Shape::Rect {
            rect: layout::Rect::new(rect.x * k, rect.y * k, rect.w * k, rect.h * k),
            fill: *fill,
            stroke: outline.as_ref().map(stroke),
            radius: radius * k,
        },
        Shape::Diamond {
            centre,
            half,
            fill,
            stroke: outline,
        } => Shape::Diamond {
            centre: point(centre),
            half: half * k,
            fill: *fill,
            stroke: outline.as_ref().map(stroke),
        },
        Shape::Line {
            points,
            stroke: line,
        } => Shape::Line {
            points: points.iter().map(point).collect(),
            stroke: stroke(line),
        },
        Shape::Polygon {
            points,
            fill,
            stroke: outline,
        } => Shape::Polygon {
            points: points.iter().map(point).collect(),
            fill: *fill,
            stroke: outline.as_ref().map(stroke),
        },
        Shape::Text(run) => Shape::Text(TextRun {
            pos: point(&run.pos),
            size: run.size * k,
            max_width: run.max_width * k,
            ..run.clone()
        }),
    };
    Scene {
        width: scene.width * k,
        height: scene.height * k,
        items: scene
            .items
            .iter()
            .map(|item| Item {
                shape: match &item.shape {
                    Shape::Text(run) if is_lane_name(item, scene.header_width) => {
                        Shape::Text(lane_name(run, k, header))
                    }
                    other => shape(other),
                },
                tag: item.tag.clone(),
            })
            .collect(),
        bands: Vec::new(),
        ruler_height: scene.ruler_height * k,
        header_width: scene.header_width * k,
        breaks: Vec::new(),
        selected: None,
    }
}

/// `scene` (laid out for `key`) as the audience sees it: drawn `k` times as large, under a
/// taller ruler with large year and quarter or month labels, without the labels that would be
/// smaller than [`MIN_TEXT`], and labels shortened (or left out) where they would run past
/// `right`, the right edge of the card the chart is drawn in.
fn for_audience(scene: &Scene, key: &ScreenChart, k: f32, right: f32, header: f32) -> Scene {
    let big = scaled(scene, k, header);
    let dy = RULER - big.ruler_height;
    let in_ruler = |item: &Item| {
        matches!(item.tag, Tag::Ruler)
            || (item.tag == Tag::Cursor && matches!(item.shape, Shape::Text(_)))
    };
    let readable = |item: &Item| match &item.shape {
        Shape::Text(run) => run.size >= MIN_TEXT - 0.01,
        _ => true,
    };
    let mut items = ruler_items(key, k, big.width.min(right));
    items.extend(
        big.items
            .iter()
            .filter(|item| !in_ruler(item) && readable(item))
            .filter_map(|item| within(item, right))
            .map(|item| item.translated(0.0, dy)),
    );
    Scene {
        height: big.height + dy,
        items,
        ruler_height: RULER,
        ..big
    }
}

/// `item`, its text shortened to end before `right`; `None` when no readable part of it does.
fn within(item: &Item, right: f32) -> Option<Item> {
    let Shape::Text(run) = &item.shape else {
        return Some(item.clone());
    };
    let bounds = run.bounds();
    if bounds.right() <= right - 2.0 {
        return Some(item.clone());
    }
    if run.anchor != layout::Anchor::Start {
        return None;
    }
    let room = right - 4.0 - run.pos.x;
    let text = layout::text::elide(&run.text, run.size, room)?;
    Some(Item {
        shape: Shape::Text(TextRun {
            text,
            max_width: room,
            ..run.clone()
        }),
        tag: item.tag.clone(),
    })
}

/// The audience chart's ruler for `key` drawn `k` times as large: a tick and label per year
/// (fewer labels when they would crowd), quarters or months below when they fit.
fn ruler_items(key: &ScreenChart, k: f32, width: f32) -> Vec<Item> {
    use layout::{Anchor, Point, Rgba, Stroke, Weight};
    let ink = Rgba::rgb(0x1E, 0x29, 0x3B);
    let rule = Rgba::rgb(0xCB, 0xD5, 0xE1);
    let month_w = key.month_width * k;
    let x_of =
        |m: Month| (key.header_width + key.from.months_until(m) as f32 * key.month_width) * k;
    let mut items = vec![Item {
        shape: Shape::Rect {
            rect: layout::Rect::new(0.0, 0.0, width, RULER),
            fill: Some(Rgba::rgb(0xFF, 0xFF, 0xFF)),
            stroke: None,
            radius: 0.0,
        },
        tag: Tag::Ruler,
    }];
    let mut push = |shape: Shape| {
        items.push(Item {
            shape,
            tag: Tag::Ruler,
        })
    };
    let text =
        |text: String, x: f32, y: f32, size: f32, weight: Weight, anchor: Anchor, max: f32| {
            Shape::Text(TextRun {
                text,
                pos: Point::new(x, y),
                size,
                colour: ink,
                weight,
                anchor,
                max_width: max,
            })
        };
    let year_label = layout::text::width("2026", LANE_NAME_SIZE) + 12.0;
    let years = key.to.year() - key.from.year() + 1;
    let step = layout::axis::year_step(years, years as f32 * 12.0 * month_w, year_label);
    let lower = lower_ruler(month_w);
    let mut m = key.from;
    while m <= key.to {
        let x = x_of(m);
        if m.month() == 1 || m == key.from {
            push(Shape::Line {
                points: vec![Point::new(x, 0.0), Point::new(x, RULER)],
                stroke: Stroke::solid(1.0, rule),
            });
            let months = if step > 1 {
                12 * step
            } else {
                13 - m.month() as i32
            };
            let room = (months as f32 * month_w).min(width - x);
            if m.year().rem_euclid(step) == 0 && room >= year_label {
                let label = m.year().to_string();
                let max = (step as f32 * 12.0 * month_w - 4.0).max(year_label);
                let y = RULER * 0.42;
                push(text(
                    label,
                    x + 4.0,
                    y,
                    LANE_NAME_SIZE,
                    Weight::Bold,
                    Anchor::Start,
                    max,
                ));
            }
        }
        if let Some((every, names)) = lower
            && (m.month() - 1).is_multiple_of(every)
            && x + every as f32 * month_w <= width + 0.5
        {
            let label = names(m);
            let w = every as f32 * month_w;
            let y = RULER * 0.88;
            push(text(
                label,
                x + w / 2.0,
                y,
                MIN_TEXT,
                Weight::Regular,
                Anchor::Middle,
                w,
            ));
        }
        m = m.plus(1);
    }
    push(Shape::Line {
        points: vec![Point::new(0.0, RULER), Point::new(width, RULER)],
        stroke: Stroke::solid(1.0, rule),
    });
    items
}

/// The label of a month on the ruler.
type LabelOf = fn(Month) -> String;

/// What the lower tier of the ruler shows at `month_w` points a month: short month names,
/// month initials, quarters, or nothing.
fn lower_ruler(month_w: f32) -> Option<(u32, LabelOf)> {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let fits =
        |label: &str, months: f32| layout::text::width(label, MIN_TEXT) + 8.0 <= months * month_w;
    if fits("May", 1.0) {
        Some((1, |m| NAMES[(m.month() as usize + 11) % 12].to_owned()))
    } else if fits("M", 1.0) {
        Some((1, |m| NAMES[(m.month() as usize + 11) % 12][..1].to_owned()))
    } else if fits("Q4", 3.0) {
        Some((3, |m| format!("Q{}", m.quarter())))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::stops;
    use crate::layout::{Point, Rgba};

    /// The lane header's width on screen.
    const HEADER: f32 = 130.0;

    #[test]
    fn a_scaled_scene_grows_positions_sizes_and_type_alike() {
        let mut scene = Scene {
            width: 100.0,
            height: 50.0,
            ..Scene::default()
        };
        scene.push(
            Shape::Text(TextRun {
                text: "Chips".into(),
                pos: Point::new(10.0, 20.0),
                size: 10.0,
                colour: Rgba::rgb(0, 0, 0),
                weight: layout::Weight::Regular,
                anchor: layout::Anchor::Start,
                max_width: 40.0,
            }),
            Tag::Chrome,
        );
        scene.push(
            Shape::Diamond {
                centre: Point::new(30.0, 5.0),
                half: 4.0,
                fill: None,
                stroke: Some(layout::Stroke::solid(1.0, Rgba::rgb(0, 0, 0))),
            },
            Tag::Milestone("m".into()),
        );
        let big = scaled(&scene, 2.0, HEADER);
        assert_eq!((big.width, big.height), (200.0, 100.0));
        let Shape::Text(run) = &big.items[0].shape else {
            panic!("text stays text");
        };
        assert_eq!(
            (run.pos, run.size, run.max_width),
            (Point::new(20.0, 40.0), 20.0, 80.0)
        );
        let Shape::Diamond {
            centre,
            half,
            stroke,
            ..
        } = &big.items[1].shape
        else {
            panic!("diamond stays a diamond");
        };
        assert_eq!((*centre, *half), (Point::new(60.0, 10.0), 8.0));
        assert_eq!(stroke.map(|s| s.width), Some(2.0));
        assert_eq!(big.items[1].tag, Tag::Milestone("m".into()));
    }

    #[test]
    fn a_tall_chart_shrinks_its_rows_then_its_scale() {
        let plan = crate::io::example_plan().unwrap();
        let slides = stops::slides_of(&plan);
        let spans = crate::analysis::dependency_spans(&plan);
        let roomy = (1000.0, 5000.0);
        assert_eq!(
            fitting(&plan, &spans, &slides[0], &[], roomy, HEADER).row,
            LARGE_ROW
        );
        let tight = (1000.0, 400.0);
        let fit = fitting(&plan, &spans, &slides[0], &[], tight, HEADER);
        assert_eq!(fit.row, SMALL_ROW);
        assert!(fit.scale < 1.0 && fit.scale >= MIN_SCALE, "{fit:?}");
    }

    #[test]
    fn lane_names_stay_readable_in_a_chart_drawn_small() {
        let plan = crate::io::example_plan().unwrap();
        let view = layout::View::fit_width(&plan, 2000.0);
        let small = scaled(
            &layout::layout(&plan, &crate::analysis::dependency_spans(&plan), &view),
            0.4,
            HEADER,
        );
        let names: Vec<&TextRun> = small
            .items
            .iter()
            .filter(|i| matches!(i.tag, Tag::Lane(_)))
            .filter_map(|i| match &i.shape {
                Shape::Text(run) => Some(run),
                _ => None,
            })
            .collect();
        assert_eq!(names.len(), plan.layers.len());
        assert!(
            names
                .iter()
                .all(|r| r.size >= LANE_NAME_SIZE && !r.text.is_empty())
        );
        assert!(names.iter().any(|r| r.text == "Compute"));
    }
}
