//! The audience view: large type on a high-contrast background, the roadmap scene of the
//! stop's (moving) time window with its milestone in focus, and the live dependencies and
//! exposure at the stop's date.

use std::collections::HashMap;

use egui::{Align2, Color32, FontId, Pos2, Rect, Stroke, Ui, pos2, vec2};

use super::deck::{Deck, Window};
use crate::analysis::Analysis;
use crate::analysis::sovereignty::Sovereignty;
use crate::analysis::stops::{self, Facts, Slide, StopKind, Tone};
use crate::analysis::two_paths::OtherPath;
use crate::layout::{self, Item, Scene, Shape, Tag, TextRun};
use crate::model::{Colour, Month, Roadmap};
use crate::ui::paint::{HEADER_WIDTH, Painted, Placement};

/// Background of the audience view.
pub const BACKGROUND: Color32 = Color32::from_rgb(0x0B, 0x0F, 0x19);
/// Main text colour.
const INK: Color32 = Color32::WHITE;
/// Secondary text colour.
const MUTED: Color32 = Color32::from_rgb(0xB8, 0xC2, 0xD3);
/// Accent for the figures and the exposure line.
const ACCENT: Color32 = Color32::from_rgb(0xFA, 0xCC, 0x15);
/// Colour of gains (dependencies removed).
const GAIN: Color32 = Color32::from_rgb(0x4A, 0xDE, 0x80);
/// Colour of new dependencies and trades.
const WARN: Color32 = Color32::from_rgb(0xFB, 0x92, 0x3C);
/// The other path's exposure curve (dashed) on the comparison stop.
const OTHER: Color32 = Color32::from_rgb(0x93, 0xC5, 0xFD);
/// Row height the audience chart is laid out at when it fits (labels at 16 points).
const LARGE_ROW: f32 = 34.0;
/// Smallest row height the chart is laid out at (labels at [`MIN_TEXT`]); a taller chart is
/// drawn smaller, without the labels that would then be too small to read.
const SMALL_ROW: f32 = 30.0;
/// Smallest text on a slide, in points: readable from the back of a room.
pub const MIN_TEXT: f32 = 14.0;
/// Size of lane names and year labels on the charts.
const LANE_NAME_SIZE: f32 = 16.0;
/// Height of the audience chart's ruler (years above, quarters or months below).
const RULER: f32 = 2.0 * MIN_TEXT + 16.0;
/// Space above a lane's name, as the layout leaves it.
const LANE_PAD: f32 = 4.0;
/// Smallest scale a tall chart is drawn at; below it the chart is cut at the bottom.
const MIN_SCALE: f32 = 0.3;

/// What the audience chart was laid out for; the scene is reused while this is unchanged.
#[derive(Debug, Clone, PartialEq)]
struct SceneKey {
    /// The overview's lane summaries instead of the full chart.
    overview: bool,
    from: Month,
    to: Month,
    month_width: f32,
    header_width: f32,
    row_height: f32,
    /// Height of the chart area in layout units: items below it are left out.
    height: f32,
    dependencies: bool,
    layers: Vec<String>,
    focus: Option<String>,
    cursor: Option<Month>,
}

/// The audience chart's last layout, and the row height chosen for each slide and size.
#[derive(Default)]
pub struct SceneCache {
    scene: Option<(SceneKey, Scene)>,
    /// Counts the layouts, so the painter knows when its shapes are stale.
    scene_nr: u64,
    painted: Painted,
    fits: HashMap<(usize, u32, u32), Fit>,
    /// The sovereignty stop's view, laid out for (slide, width, height).
    sovereignty: Option<((usize, u32, u32), Scene)>,
}

/// Draws the current slide of `deck` filling `rect`; `other` is the path the plan is
/// compared with, which the comparison stop shows.
pub fn audience_ui(
    ui: &mut Ui,
    rect: Rect,
    plan: &Roadmap,
    analysis: &Analysis,
    deck: &Deck,
    cache: &mut SceneCache,
    other: Option<&OtherPath>,
) {
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, BACKGROUND);
    let Some(slide) = deck.current() else {
        painter.text(
            rect.center(),
            Align2::CENTER_CENTER,
            "This plan has no stops",
            FontId::proportional(40.0),
            INK,
        );
        return;
    };
    let now = ui.input(|i| i.time);
    let window = deck.window_at(now).unwrap_or(Window::of(slide));
    let margin = (rect.width() * 0.03).clamp(12.0, 48.0);
    let inner = rect.shrink(margin);
    let title_size = (rect.height() * 0.055).clamp(22.0, 52.0);
    let body = (title_size * 0.45).max(MIN_TEXT / 0.8);
    let date = slide.date(plan);
    painter.text(
        inner.left_top(),
        Align2::LEFT_TOP,
        &slide.stop.title,
        FontId::proportional(title_size),
        INK,
    );
    painter.text(
        inner.left_top() + vec2(0.0, title_size * 1.2),
        Align2::LEFT_TOP,
        subtitle(slide, plan, date, other),
        FontId::proportional(body),
        MUTED,
    );
    painter.text(
        inner.right_top(),
        Align2::RIGHT_TOP,
        deck.progress(),
        FontId::proportional(body * 1.4),
        MUTED,
    );
    if !deck.typed().is_empty() {
        painter.text(
            inner.center_bottom(),
            Align2::CENTER_BOTTOM,
            format!("Go to stop {}…", deck.typed()),
            FontId::proportional(body),
            ACCENT,
        );
    }
    let notes_height = if deck.notes_shown() { body * 3.2 } else { 0.0 };
    let content = Rect::from_min_max(
        pos2(inner.left(), inner.top() + title_size * 1.2 + body * 2.2),
        pos2(inner.right(), inner.bottom() - notes_height - body * 1.4),
    );
    let (chart, column) = split(content);
    let facts = stops::facts_with(plan, analysis, slide, other);
    facts_ui(&painter, column, &facts, body);
    match &slide.kind {
        StopKind::Summary => {
            let gutter = body * 3.0;
            exposure_chart(&painter, chart, gutter, plan, analysis, window, None, body);
        }
        StopKind::Comparison => {
            if let Some(other) = other {
                let gutter = body * 3.0;
                compared_chart(&painter, chart, gutter, plan, analysis, other, window, body);
            }
        }
        StopKind::Sovereignty => {
            let small = (body * 0.8).max(MIN_TEXT);
            sovereignty_ui(&painter, chart, plan, analysis, slide, deck, cache, small);
        }
        StopKind::Overview | StopKind::Milestone(_) | StopKind::Window => {
            let share = if slide.kind == StopKind::Overview {
                0.66
            } else {
                1.0
            };
            let top = Rect::from_min_size(chart.min, vec2(chart.width(), chart.height() * share));
            let used = roadmap_ui(&painter, top, plan, analysis, deck, now, cache);
            let below = Rect::from_min_max(
                pos2(chart.left(), chart.top() + used + body * 0.8),
                chart.max,
            );
            if below.height() >= body * 8.0 {
                let date = matches!(slide.kind, StopKind::Milestone(_)).then_some(date);
                let gutter = HEADER_WIDTH;
                exposure_chart(&painter, below, gutter, plan, analysis, window, date, body);
            }
        }
    }
    if deck.notes_shown() {
        let notes = if slide.stop.notes.is_empty() {
            "(no speaker notes)"
        } else {
            slide.stop.notes.as_str()
        };
        let galley = painter.layout(
            format!("Notes: {notes}"),
            FontId::proportional(body * 0.9),
            MUTED,
            inner.width(),
        );
        let top = inner.bottom() - notes_height - body * 0.4;
        painter
            .with_clip_rect(Rect::from_min_max(
                pos2(inner.left(), top),
                pos2(inner.right(), top + notes_height),
            ))
            .galley(pos2(inner.left(), top), galley, MUTED);
    }
}

fn subtitle(slide: &Slide, plan: &Roadmap, date: Month, other: Option<&OtherPath>) -> String {
    match &slide.kind {
        StopKind::Comparison => other.map_or_else(String::new, |o| {
            format!("{} against {}", plan.title, o.plan.title)
        }),
        StopKind::Milestone(_) => format!("{date}  ·  {} to {}", slide.stop.from, slide.stop.to),
        StopKind::Overview => format!(
            "{}  ·  {} to {}",
            plan.title, slide.stop.from, slide.stop.to
        ),
        StopKind::Summary => format!("{}  ·  {}", plan.title, plan.owner),
        StopKind::Window => format!("{} to {}", slide.stop.from, slide.stop.to),
        StopKind::Sovereignty => format!(
            "{}  ·  {} to {}",
            plan.title, slide.stop.from, slide.stop.to
        ),
    }
}

/// The sovereignty view of the stop's window in `rect`: the weakest-link heatmap and the
/// exposure share by jurisdiction, laid out once per slide and size (labels at `text`
/// points) and drawn as the handout draws it.
#[allow(clippy::too_many_arguments)]
fn sovereignty_ui(
    painter: &egui::Painter,
    rect: Rect,
    plan: &Roadmap,
    analysis: &Analysis,
    slide: &Slide,
    deck: &Deck,
    cache: &mut SceneCache,
    text: f32,
) {
    if rect.width() < 200.0 || rect.height() < 120.0 {
        return;
    }
    let key = (deck.position(), rect.width() as u32, rect.height() as u32);
    let fresh = cache.sovereignty.as_ref().is_some_and(|(k, _)| *k == key);
    if !fresh {
        let Some(framework) = crate::analysis::Framework::bundled() else {
            return;
        };
        let sovereignty = Sovereignty::new(plan, analysis, framework);
        let layers = slide.layers(plan, analysis);
        let look = layout::sovereignty::Look::screen(text);
        let (from, to) = slide.sovereignty_window(plan);
        let scene = layout::sovereignty::view(
            plan,
            &sovereignty,
            &layers,
            from,
            to,
            rect.width(),
            rect.height(),
            &look,
        );
        cache.sovereignty = Some((key, scene));
    }
    if let Some((_, scene)) = &cache.sovereignty {
        super::slide::scene_ui(&painter.with_clip_rect(rect), scene, rect.min);
    }
}

/// The chart on the left, the facts column on the right.
fn split(content: Rect) -> (Rect, Rect) {
    let column_width = (content.width() * 0.3).clamp(220.0_f32.min(content.width()), 460.0);
    let chart = Rect::from_min_max(
        content.min,
        pos2(content.right() - column_width - 24.0, content.bottom()),
    );
    let column = Rect::from_min_max(
        pos2(content.right() - column_width, content.top()),
        content.max,
    );
    (chart, column)
}

/// The figures large, then the lines: removals in white behind a green tick, introductions
/// and trades in the warning colour.
fn facts_ui(painter: &egui::Painter, rect: Rect, facts: &Facts, body: f32) {
    let painter = painter.with_clip_rect(rect);
    let mut at = rect.left_top();
    for figure in &facts.figures {
        let size = if figure.value.len() > 8 { 1.8 } else { 2.6 };
        at = line(
            &painter,
            at,
            &figure.value,
            body * size,
            ACCENT,
            rect.width(),
        );
        at = line(&painter, at, &figure.label, body * 0.9, MUTED, rect.width());
        at.y += body * 0.5;
    }
    for fact in &facts.lines {
        let (indent, scale, colour) = match fact.tone {
            Tone::Heading => (0.0, 1.0, INK),
            Tone::Removed => (1.2, 0.9, INK),
            Tone::Introduced => (1.2, 0.9, WARN),
            Tone::Trade => (2.0, 0.8, WARN),
            Tone::Detail => (1.2, 0.8, MUTED),
        };
        let size = (body * scale).max(MIN_TEXT);
        let start = at + vec2(body * indent, 0.0);
        let galley = painter.layout(
            fact.text.clone(),
            FontId::proportional(size),
            colour,
            rect.width() - body * indent,
        );
        if fact.tone == Tone::Removed {
            tick(&painter, at + vec2(body * 0.15, size * 0.15), size * 0.8);
        }
        let height = galley.size().y;
        painter.galley(start, galley, colour);
        at.y += height + body * 0.15;
    }
}

/// A green tick mark `size` points wide with its top left corner at `at`.
fn tick(painter: &egui::Painter, at: Pos2, size: f32) {
    let stroke = Stroke::new((size * 0.16).max(2.0), GAIN);
    let points = vec![
        at + vec2(0.0, size * 0.55),
        at + vec2(size * 0.35, size * 0.9),
        at + vec2(size, size * 0.1),
    ];
    painter.add(egui::Shape::line(points, stroke));
}

/// One line of text (wrapped to `width`); returns where the next line starts.
fn line(
    painter: &egui::Painter,
    at: Pos2,
    text: &str,
    size: f32,
    colour: Color32,
    width: f32,
) -> Pos2 {
    let galley = painter.layout(text.to_owned(), FontId::proportional(size), colour, width);
    let height = galley.size().y;
    painter.galley(at, galley, colour);
    at + vec2(0.0, height)
}

/// The roadmap scene of `window` in `rect`: the layout shared with the editor and the
/// exporters, in large rows, its focus highlighted and the milestone's month marked; returns
/// the height it took.
fn roadmap_ui(
    painter: &egui::Painter,
    rect: Rect,
    plan: &Roadmap,
    analysis: &Analysis,
    deck: &Deck,
    now: f64,
    cache: &mut SceneCache,
) -> f32 {
    let Some(slide) = deck.current() else {
        return 0.0;
    };
    if rect.width() < 200.0 || rect.height() < 80.0 {
        return 0.0;
    }
    let window = deck.window_at(now).unwrap_or(Window::of(slide));
    let layers = slide.layers(plan, analysis);
    let size_key = (deck.position(), rect.width() as u32, rect.height() as u32);
    let fit = if slide.kind == StopKind::Overview {
        Fit {
            row: LARGE_ROW,
            scale: 1.0,
        }
    } else {
        *cache
            .fits
            .entry(size_key)
            .or_insert_with(|| fitting(plan, slide, &layers, rect))
    };
    let k = fit.scale;
    let header = HEADER_WIDTH / k;
    let month_width = (rect.width() - HEADER_WIDTH).max(1.0) / k / window.months();
    let span = laid_out_span(deck, slide, window, now);
    let first = span.from.floor();
    let overview = slide.kind == StopKind::Overview;
    let key = SceneKey {
        overview,
        from: Month::from_index(first as i32),
        // The window's end is exclusive; the chart lays out one month more.
        to: Month::from_index(span.to.ceil() as i32 - i32::from(overview)),
        month_width,
        header_width: header,
        row_height: fit.row,
        height: if overview {
            rect.height()
        } else {
            (rect.height() - RULER).max(1.0) / k + layout::RULER_HEIGHT
        },
        dependencies: slide.shows_dependencies(),
        layers,
        focus: slide.stop.focus.clone(),
        cursor: matches!(slide.kind, StopKind::Milestone(_)).then(|| slide.date(plan)),
    };
    if cache.scene.as_ref().is_none_or(|(old, _)| *old != key) {
        let scene = if key.overview {
            layout::overview::overview(plan, &view_of(&key), key.height, LANE_NAME_SIZE)
        } else {
            let right = rect.width() - (first - window.from) * month_width * k;
            for_audience(&layout::layout(plan, &view_of(&key)), &key, k, right)
        };
        cache.scene = Some((key, scene));
        cache.scene_nr += 1;
    }
    let SceneCache {
        scene: Some((key, scene)),
        scene_nr,
        painted,
        ..
    } = cache
    else {
        return 0.0;
    };
    let card = Rect::from_min_size(
        rect.min,
        vec2(rect.width(), scene.height.min(rect.height())),
    );
    let at = Placement {
        rect: card,
        dx: (first - window.from) * month_width * k,
        scroll_y: 0.0,
        ruler: scene.ruler_height,
    };
    let focus = key.focus.as_deref();
    painted.paint(&painter.with_clip_rect(card), scene, *scene_nr, focus, at);
    card.height()
}

/// The months to lay out: while the view slides between two windows of the same length,
/// both of them (one layout serves the whole move), otherwise the window in view.
fn laid_out_span(deck: &Deck, slide: &Slide, window: Window, now: f64) -> Window {
    let target = Window::of(slide);
    match deck.moving_from(now) {
        Some(from) if (from.months() - target.months()).abs() < 0.01 => Window {
            from: from.from.min(target.from),
            to: from.to.max(target.to),
        },
        _ => window,
    }
}

/// The layout view of `key`.
fn view_of(key: &SceneKey) -> layout::View {
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

/// How the audience chart is sized: the row height it is laid out at and the scale it is
/// drawn at.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Fit {
    row: f32,
    scale: f32,
}

/// The largest rows (from [`LARGE_ROW`] down to [`SMALL_ROW`]) at which the slide's chart
/// fits the height of `rect`; a chart too tall even then is drawn smaller, down to
/// [`MIN_SCALE`].
fn fitting(plan: &Roadmap, slide: &Slide, layers: &[String], rect: Rect) -> Fit {
    let months = (slide.stop.from.months_until(slide.stop.to) + 1).max(1) as f32;
    let height_at = |row: f32| {
        let key = SceneKey {
            overview: false,
            from: slide.stop.from,
            to: slide.stop.to,
            month_width: (rect.width() - HEADER_WIDTH).max(1.0) / months,
            header_width: HEADER_WIDTH,
            row_height: row,
            height: f32::INFINITY,
            dependencies: slide.shows_dependencies(),
            layers: layers.to_vec(),
            focus: None,
            cursor: None,
        };
        layout::layout(plan, &view_of(&key)).height
    };
    let ruler = layout::RULER_HEIGHT;
    let room = rect.height() - RULER + ruler;
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
fn lane_name(run: &TextRun, k: f32) -> TextRun {
    let size = (run.size * k).max(LANE_NAME_SIZE);
    let room = HEADER_WIDTH - 14.0;
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
/// readable.
fn scaled(scene: &Scene, k: f32) -> Scene {
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
                        Shape::Text(lane_name(run, k))
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
    }
}

/// `scene` (laid out for `key`) as the audience sees it: drawn `k` times as large, under a
/// taller ruler with large year and quarter or month labels, without the labels that would be
/// smaller than [`MIN_TEXT`], and labels shortened (or left out) where they would run past
/// `right`, the right edge of the card the chart is drawn in.
fn for_audience(scene: &Scene, key: &SceneKey, k: f32, right: f32) -> Scene {
    let big = scaled(scene, k);
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
fn ruler_items(key: &SceneKey, k: f32, width: f32) -> Vec<Item> {
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

/// The exposure burndown across `window` in `rect`, its plot `gutter` points in from the left
/// (the value scale goes there), with year marks and the stop's date marked.
#[allow(clippy::too_many_arguments)]
fn exposure_chart(
    painter: &egui::Painter,
    rect: Rect,
    gutter: f32,
    plan: &Roadmap,
    analysis: &Analysis,
    window: Window,
    date: Option<Month>,
    body: f32,
) {
    let title = "Exposure over time (summed criticality of live dependencies)";
    let curves = Curves {
        title,
        this: analysis,
        other: None,
    };
    exposure_curves(painter, rect, gutter, plan, &curves, window, date, body);
}

/// The comparison stop's chart: this plan's exposure solid and filled, the other path's
/// dashed, on one scale across both horizons, with a legend naming both.
#[allow(clippy::too_many_arguments)]
fn compared_chart(
    painter: &egui::Painter,
    rect: Rect,
    gutter: f32,
    plan: &Roadmap,
    analysis: &Analysis,
    other: &OtherPath,
    window: Window,
    body: f32,
) {
    let small = (body * 0.8).max(MIN_TEXT);
    let legend = [
        (plan.title.as_str(), ACCENT, false),
        (other.plan.title.as_str(), OTHER, true),
    ];
    let mut at = pos2(rect.left() + gutter, rect.bottom() - small * 1.2);
    for (title, colour, dashed) in legend.iter().rev() {
        let y = at.y + small * 0.6;
        let sample = [pos2(at.x, y), pos2(at.x + small * 2.4, y)];
        if *dashed {
            painter.extend(egui::Shape::dashed_line(
                &sample,
                Stroke::new(3.0, *colour),
                small * 0.5,
                small * 0.3,
            ));
        } else {
            painter.line_segment(sample, Stroke::new(3.0, *colour));
        }
        painter.text(
            pos2(at.x + small * 3.0, at.y),
            Align2::LEFT_TOP,
            *title,
            FontId::proportional(small),
            INK,
        );
        at.y -= small * 1.5;
    }
    let chart = Rect::from_min_max(rect.min, pos2(rect.right(), at.y + small * 0.2));
    let curves = Curves {
        title: "Exposure over time, both paths (summed criticality of live dependencies)",
        this: analysis,
        other: Some(&other.analysis),
    };
    exposure_curves(painter, chart, gutter, plan, &curves, window, None, body);
}

/// The exposure curves one chart draws.
struct Curves<'a> {
    title: &'a str,
    /// The plan presented: solid and filled.
    this: &'a Analysis,
    /// The path compared with: dashed.
    other: Option<&'a Analysis>,
}

/// The exposure burndown of `curves` across `window` in `rect`.
#[allow(clippy::too_many_arguments)]
fn exposure_curves(
    painter: &egui::Painter,
    rect: Rect,
    gutter: f32,
    plan: &Roadmap,
    curves: &Curves<'_>,
    window: Window,
    date: Option<Month>,
    body: f32,
) {
    let analysis = curves.this;
    if rect.width() < gutter + 40.0 || rect.height() < 40.0 {
        return;
    }
    let small = (body * 0.8).max(MIN_TEXT);
    let axis = small * 1.6;
    let plot = Rect::from_min_max(
        rect.min + vec2(gutter, body * 1.5),
        rect.max - vec2(0.0, axis),
    );
    painter.text(
        pos2(plot.left(), rect.top()),
        Align2::LEFT_TOP,
        curves.title,
        FontId::proportional(small),
        MUTED,
    );
    let x_of = |index: f32| plot.left() + (index - window.from) / window.months() * plot.width();
    let series = analysis.exposure_series();
    let other_series = curves.other.map_or(&[][..], |o| o.exposure_series());
    let peak = series
        .iter()
        .chain(other_series)
        .map(|e| e.total)
        .max()
        .unwrap_or(0);
    let ticks = layout::axis::value_ticks(peak, (plot.height() / (small * 3.0)) as usize);
    let top = ticks.last().copied().unwrap_or(1).max(1) as f32;
    let y_of = |total: u32| plot.bottom() - total as f32 / top * plot.height();
    let chart = painter.with_clip_rect(plot.expand(2.0));
    for &tick in &ticks {
        let y = y_of(tick);
        chart.line_segment(
            [pos2(plot.left(), y), pos2(plot.right(), y)],
            Stroke::new(1.0, MUTED.gamma_multiply(0.25)),
        );
        painter.text(
            pos2(plot.left() - small * 0.5, y),
            Align2::RIGHT_CENTER,
            tick.to_string(),
            FontId::proportional(small),
            MUTED,
        );
    }
    chart.rect_stroke(
        plot,
        0.0,
        Stroke::new(1.0, MUTED.gamma_multiply(0.4)),
        egui::StrokeKind::Inside,
    );
    let mut points = Vec::with_capacity(series.len() * 2);
    for exposure in series {
        let i = exposure.month.index() as f32;
        let y = y_of(exposure.total);
        points.push(pos2(x_of(i), y));
        points.push(pos2(x_of(i + 1.0), y));
    }
    for pair in points.windows(2) {
        if let [a, b] = pair {
            chart.add(egui::Shape::convex_polygon(
                vec![*a, *b, pos2(b.x, plot.bottom()), pos2(a.x, plot.bottom())],
                ACCENT.gamma_multiply(0.18),
                Stroke::NONE,
            ));
        }
    }
    chart.add(egui::Shape::line(points, Stroke::new(3.0, ACCENT)));
    if !other_series.is_empty() {
        let mut steps = Vec::with_capacity(other_series.len() * 2);
        for exposure in other_series {
            let i = exposure.month.index() as f32;
            let y = y_of(exposure.total);
            steps.push(pos2(x_of(i), y));
            steps.push(pos2(x_of(i + 1.0), y));
        }
        chart.extend(egui::Shape::dashed_line(
            &steps,
            Stroke::new(3.0, OTHER),
            small * 0.6,
            small * 0.4,
        ));
    }
    let first_year = Month::from_index(window.from.floor() as i32).year();
    let last_year = Month::from_index(window.to.ceil() as i32).year();
    let label = layout::text::width("2026", small) + small;
    let step = layout::axis::year_step(last_year - first_year, plot.width(), label);
    for year in (first_year..=last_year).filter(|y| y.rem_euclid(step) == 0) {
        let Some(january) = Month::new(year, 1) else {
            continue;
        };
        let x = x_of(january.index() as f32);
        if x < plot.left() - 1.0 || x > plot.right() + 1.0 {
            continue;
        }
        chart.line_segment(
            [pos2(x, plot.top()), pos2(x, plot.bottom())],
            Stroke::new(1.0, MUTED.gamma_multiply(0.25)),
        );
        painter.text(
            pos2(x, plot.bottom() + 4.0),
            Align2::CENTER_TOP,
            year.to_string(),
            FontId::proportional(small),
            MUTED,
        );
    }
    if let Some(date) = date {
        let x = x_of(date.index() as f32 + 0.5);
        chart.line_segment(
            [pos2(x, plot.top()), pos2(x, plot.bottom())],
            Stroke::new(3.0, INK),
        );
        let total = analysis.exposure_at(date).total;
        chart.circle_filled(pos2(x, y_of(total)), 7.0, INK);
    }
    if curves.other.is_none() {
        milestone_marks(&chart, plan, plot, &x_of, date);
    }
}

/// Small diamonds on the chart's top edge for every milestone, the focused one highlighted.
fn milestone_marks(
    painter: &egui::Painter,
    plan: &Roadmap,
    plot: Rect,
    x_of: &dyn Fn(f32) -> f32,
    focus: Option<Month>,
) {
    for milestone in &plan.milestones {
        let x = x_of(milestone.month.index() as f32 + 0.5);
        let colour = plan
            .layer(&milestone.layer)
            .map_or(MUTED, |l| colour32(l.colour));
        let size = if Some(milestone.month) == focus {
            9.0
        } else {
            5.0
        };
        let c = pos2(x, plot.top() + 10.0);
        painter.add(egui::Shape::convex_polygon(
            vec![
                c + vec2(0.0, -size),
                c + vec2(size, 0.0),
                c + vec2(0.0, size),
                c + vec2(-size, 0.0),
            ],
            colour,
            Stroke::new(1.0, INK),
        ));
    }
}

fn colour32(c: Colour) -> Color32 {
    Color32::from_rgb(c.r, c.g, c.b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Point, Rgba};

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
        let big = scaled(&scene, 2.0);
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
        let roomy = Rect::from_min_size(Pos2::ZERO, vec2(1000.0, 5000.0));
        assert_eq!(fitting(&plan, &slides[0], &[], roomy).row, LARGE_ROW);
        let tight = Rect::from_min_size(Pos2::ZERO, vec2(1000.0, 400.0));
        let fit = fitting(&plan, &slides[0], &[], tight);
        assert_eq!(fit.row, SMALL_ROW);
        assert!(fit.scale < 1.0 && fit.scale >= MIN_SCALE, "{fit:?}");
    }

    #[test]
    fn lane_names_stay_readable_in_a_chart_drawn_small() {
        let plan = crate::io::example_plan().unwrap();
        let view = layout::View::fit_width(&plan, 2000.0);
        let small = scaled(&layout::layout(&plan, &view), 0.4);
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
