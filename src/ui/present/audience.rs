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
use crate::layout::exposure::{Curves, Look, Span, curves_chart};
use crate::layout::slide::screen::{Fit, LARGE_ROW, MIN_TEXT, RULER, ScreenChart, fitting};
use crate::layout::theme::SCREEN;
use crate::layout::{self, Rgba, Scene};
use crate::model::{Month, Roadmap};
use crate::ui::paint::{HEADER_WIDTH, Painted, Placement};

/// An egui colour of the screen palette.
const fn screen(c: Rgba) -> Color32 {
    Color32::from_rgb(c.r, c.g, c.b)
}

/// Background of the audience view.
pub const BACKGROUND: Color32 = screen(SCREEN.background);
/// Main text colour.
const INK: Color32 = screen(SCREEN.ink);
/// Secondary text colour.
const MUTED: Color32 = screen(SCREEN.muted);
/// Accent for the figures and the exposure line.
const ACCENT: Color32 = screen(SCREEN.accent);
/// Colour of gains (dependencies removed).
const GAIN: Color32 = screen(SCREEN.gain);
/// Colour of new dependencies and trades.
const WARN: Color32 = screen(SCREEN.warn);
/// The other path's exposure curve (dashed) on the comparison stop.
const OTHER: Color32 = screen(SCREEN.other);

/// The audience chart's last layout, and the row height chosen for each slide and size.
#[derive(Default)]
pub struct SceneCache {
    scene: Option<(ScreenChart, Scene)>,
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
        *cache.fits.entry(size_key).or_insert_with(|| {
            let size = (rect.width(), rect.height());
            fitting(plan, analysis.spans(), slide, &layers, size, HEADER_WIDTH)
        })
    };
    let k = fit.scale;
    let header = HEADER_WIDTH / k;
    let month_width = (rect.width() - HEADER_WIDTH).max(1.0) / k / window.months();
    let span = laid_out_span(deck, slide, window, now);
    let first = span.from.floor();
    let overview = slide.kind == StopKind::Overview;
    let key = ScreenChart {
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
        let right = rect.width() - (first - window.from) * month_width * k;
        let scene = key.scene(plan, analysis.spans(), k, right, HEADER_WIDTH);
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

/// The exposure burndown across `window` in `rect`, its plot `gutter` points in from the left
/// (the value scale goes there), with year marks, the milestones and the stop's date marked.
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
    let series: Vec<(Month, u32)> = analysis
        .exposure_series()
        .iter()
        .map(|e| (e.month, e.total))
        .collect();
    let milestones: Vec<(Month, Rgba, bool)> = plan
        .milestones
        .iter()
        .map(|m| {
            let colour = plan.layer(&m.layer).map_or(SCREEN.muted, |l| {
                Rgba::rgb(l.colour.r, l.colour.g, l.colour.b)
            });
            (m.month, colour, Some(m.month) == date)
        })
        .collect();
    let curves = Curves {
        this: &series,
        other: None,
        mark: date,
        milestones: &milestones,
        stacked: &[],
    };
    exposure_curves(painter, rect, gutter, title, &curves, window, body);
}

/// The comparison stop's chart: this plan's exposure solid and filled, the other path's
/// dashed, on one scale across the months both horizons cover, with a legend naming both.
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
    let e = &other.comparison.consequences.exposure;
    let series = |a: &Analysis| -> Vec<(Month, u32)> {
        (0..=e.from.months_until(e.to))
            .map(|i| (e.from.plus(i), a.exposure_at(e.from.plus(i)).total))
            .collect()
    };
    let (this, theirs) = (series(analysis), series(&other.analysis));
    let curves = Curves {
        this: &this,
        other: Some((&theirs, SCREEN.other)),
        ..Curves::default()
    };
    let title = "Exposure over time, both paths (summed criticality of live dependencies)";
    exposure_curves(painter, chart, gutter, title, &curves, window, body);
}

/// `curves` across `window` in `rect` under `title`: the exposure chart laid out by
/// [`layout::exposure`] (as the handout prints it) in the screen's colours and type.
fn exposure_curves(
    painter: &egui::Painter,
    rect: Rect,
    gutter: f32,
    title: &str,
    curves: &Curves<'_>,
    window: Window,
    body: f32,
) {
    if rect.width() < gutter + 40.0 || rect.height() < 40.0 {
        return;
    }
    let small = (body * 0.8).max(MIN_TEXT);
    painter.text(
        pos2(rect.left() + gutter, rect.top()),
        Align2::LEFT_TOP,
        title,
        FontId::proportional(small),
        MUTED,
    );
    let look = Look {
        colour: SCREEN.accent,
        label: small,
        muted: SCREEN.muted,
        grid: SCREEN.rule,
        ink: SCREEN.ink,
        weight: 2.5,
    };
    let span = Span {
        window: Some((window.from, window.to)),
        left: Some(gutter),
    };
    let top = body * 1.5;
    let scene = curves_chart(curves, span, rect.width(), rect.height() - top, look);
    super::slide::scene_ui(
        &painter.with_clip_rect(rect),
        &scene,
        rect.min + vec2(0.0, top),
    );
}
