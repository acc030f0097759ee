//! The audience view: large type on a high-contrast background, the stop's time window, the
//! focused milestone, and the live dependencies and exposure at the stop's date.

use egui::{Align2, Color32, FontId, Pos2, Rect, Stroke, Ui, pos2, vec2};

use super::deck::{Deck, Window};
use crate::analysis::Analysis;
use crate::analysis::stops::{Slide, StopKind};
use crate::model::{Colour, Month, Roadmap};

/// Background of the audience view.
pub const BACKGROUND: Color32 = Color32::from_rgb(0x0B, 0x0F, 0x19);
/// Main text colour.
const INK: Color32 = Color32::WHITE;
/// Secondary text colour.
const MUTED: Color32 = Color32::from_rgb(0xB8, 0xC2, 0xD3);
/// Accent for the focused milestone and the exposure line.
const ACCENT: Color32 = Color32::from_rgb(0xFA, 0xCC, 0x15);
/// Colour of gains (dependencies removed).
const GAIN: Color32 = Color32::from_rgb(0x4A, 0xDE, 0x80);
/// Colour of new dependencies and trades.
const WARN: Color32 = Color32::from_rgb(0xFB, 0x92, 0x3C);

/// Draws the current slide of `deck` filling `rect`.
pub fn audience_ui(ui: &mut Ui, rect: Rect, plan: &Roadmap, analysis: &Analysis, deck: &Deck) {
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
    let margin = (rect.width() * 0.04).clamp(16.0, 64.0);
    let inner = rect.shrink(margin);
    let title_size = (rect.height() * 0.06).clamp(22.0, 56.0);
    let body = (title_size * 0.5).max(16.0);
    painter.text(
        inner.left_top(),
        Align2::LEFT_TOP,
        &slide.stop.title,
        FontId::proportional(title_size),
        INK,
    );
    let date = slide.date(plan);
    painter.text(
        inner.left_top() + vec2(0.0, title_size * 1.25),
        Align2::LEFT_TOP,
        subtitle(slide, plan, date),
        FontId::proportional(body),
        MUTED,
    );
    painter.text(
        inner.right_bottom(),
        Align2::RIGHT_BOTTOM,
        deck.progress(),
        FontId::proportional(body),
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
    let content_top = inner.top() + title_size * 1.25 + body * 2.2;
    let notes_height = if deck.notes_shown() { body * 4.0 } else { 0.0 };
    let content = Rect::from_min_max(
        pos2(inner.left(), content_top),
        pos2(inner.right(), inner.bottom() - body * 1.6 - notes_height),
    );
    let text = Text {
        painter: &painter,
        size: body,
    };
    match &slide.kind {
        StopKind::Summary => summary_ui(&text, content, plan, analysis),
        StopKind::Milestone(id) => {
            let (facts, chart) = split(content);
            milestone_ui(&text, facts, plan, analysis, id, date);
            exposure_chart(&painter, chart, plan, analysis, window, Some(date), body);
        }
        StopKind::Overview | StopKind::Window => {
            let (facts, chart) = split(content);
            big_numbers(&text, facts, analysis, date);
            exposure_chart(&painter, chart, plan, analysis, window, None, body);
        }
    }
    if deck.notes_shown() {
        let notes = if slide.stop.notes.is_empty() {
            "(no speaker notes)"
        } else {
            slide.stop.notes.as_str()
        };
        painter.text(
            pos2(
                inner.left(),
                inner.bottom() - body * 1.6 - notes_height + body * 0.5,
            ),
            Align2::LEFT_TOP,
            format!("Notes: {notes}"),
            FontId::proportional(body * 0.8),
            MUTED,
        );
    }
}

fn subtitle(slide: &Slide, plan: &Roadmap, date: Month) -> String {
    match &slide.kind {
        StopKind::Milestone(_) => format!("{date}  ·  {} to {}", slide.stop.from, slide.stop.to),
        StopKind::Overview => format!(
            "{}  ·  {} to {}",
            plan.title, slide.stop.from, slide.stop.to
        ),
        StopKind::Summary => format!("{}  ·  {}", plan.title, plan.owner),
        StopKind::Window => format!("{} to {}", slide.stop.from, slide.stop.to),
    }
}

/// Left column of facts, right the chart.
fn split(content: Rect) -> (Rect, Rect) {
    let facts_width = (content.width() * 0.42).max(200.0).min(content.width());
    let facts = Rect::from_min_size(content.min, vec2(facts_width, content.height()));
    let chart = Rect::from_min_max(pos2(facts.right() + 24.0, content.top()), content.max);
    (facts, chart)
}

/// Lines of text written downwards.
struct Text<'a> {
    painter: &'a egui::Painter,
    size: f32,
}

impl Text<'_> {
    /// Writes `text` at `at` with a scale of the body size; returns the next line's position.
    fn line(&self, at: Pos2, text: &str, scale: f32, colour: Color32) -> Pos2 {
        self.painter.text(
            at,
            Align2::LEFT_TOP,
            text,
            FontId::proportional(self.size * scale),
            colour,
        );
        at + vec2(0.0, self.size * scale * 1.3)
    }

    /// A struck-through, faded line (a retired dependency).
    fn struck(&self, at: Pos2, text: &str) -> Pos2 {
        let galley = self.painter.layout_no_wrap(
            text.to_owned(),
            FontId::proportional(self.size * 0.9),
            GAIN,
        );
        let width = galley.size().x;
        let mid = at.y + galley.size().y * 0.55;
        self.painter.galley(at, galley, GAIN);
        self.painter.line_segment(
            [pos2(at.x, mid), pos2(at.x + width, mid)],
            Stroke::new(2.0, GAIN),
        );
        at + vec2(0.0, self.size * 0.9 * 1.3)
    }
}

/// The large live-dependency count and exposure at `date`.
fn big_numbers(text: &Text<'_>, rect: Rect, analysis: &Analysis, date: Month) -> Pos2 {
    let live = analysis.state_at(date).live.len();
    let exposure = analysis.exposure_at(date).total;
    let mut at = rect.left_top();
    at = text.line(at, &format!("{live}"), 3.0, ACCENT);
    at = text.line(at, &format!("live dependencies in {date}"), 1.0, MUTED);
    at += vec2(0.0, text.size * 0.5);
    at = text.line(at, &format!("{exposure}"), 3.0, ACCENT);
    text.line(at, "exposure (summed criticality)", 1.0, MUTED)
}

fn dependency_name(plan: &Roadmap, id: &str) -> String {
    plan.dependency(id).map_or_else(
        || id.to_owned(),
        |d| format!("{} ({})", d.name, d.control.label()),
    )
}

fn milestone_ui(
    text: &Text<'_>,
    rect: Rect,
    plan: &Roadmap,
    analysis: &Analysis,
    id: &str,
    date: Month,
) {
    let mut at = big_numbers(text, rect, analysis, date) + vec2(0.0, text.size * 0.6);
    let Some(report) = analysis.milestone_report(id) else {
        return;
    };
    if !report.removes.is_empty() {
        at = text.line(at, "Removes", 1.0, INK);
        for dep in &report.removes {
            at = text.struck(at + vec2(text.size, 0.0), &dependency_name(plan, dep))
                - vec2(text.size, 0.0);
        }
    }
    if !report.introduces.is_empty() {
        at = text.line(at, "Introduces", 1.0, INK);
        for dep in &report.introduces {
            let traded = report.trades.iter().any(|t| &t.introduced == dep);
            at = text.line(
                at + vec2(text.size, 0.0),
                &format!("+ {}", dependency_name(plan, dep)),
                0.9,
                WARN,
            ) - vec2(text.size, 0.0);
            if traded {
                at = text.line(
                    at + vec2(text.size * 2.0, 0.0),
                    "TRADE: no more national control",
                    0.8,
                    WARN,
                ) - vec2(text.size * 2.0, 0.0);
            }
        }
    }
    if !report.needs_all.is_empty() {
        let cost = money(report.total_cost, &plan.currency);
        at = text.line(
            at,
            &format!("Needs {} investments, {cost}", report.needs_all.len()),
            1.0,
            INK,
        );
        for need in report.needs_all.iter().take(6) {
            let title = plan.investment(need).map_or(need.as_str(), |i| &i.title);
            at = text.line(at + vec2(text.size, 0.0), title, 0.8, MUTED) - vec2(text.size, 0.0);
        }
    }
}

fn summary_ui(text: &Text<'_>, rect: Rect, plan: &Roadmap, analysis: &Analysis) {
    let start = analysis.exposure_at(plan.horizon.start).total;
    let end = analysis.exposure_at(plan.horizon.end).total;
    let remaining = analysis.state_at(plan.horizon.end).live.len();
    let budget: u64 = plan
        .investments
        .iter()
        .fold(0u64, |sum, i| sum.saturating_add(i.budget));
    let column = rect.width() / 2.0;
    let mut left = rect.left_top();
    left = text.line(left, &format!("{start} to {end}"), 3.0, ACCENT);
    left = text.line(
        left,
        &format!(
            "exposure in {} and in {}",
            plan.horizon.start, plan.horizon.end
        ),
        1.0,
        MUTED,
    );
    left += vec2(0.0, text.size);
    left = text.line(left, &money(budget, &plan.currency), 3.0, ACCENT);
    text.line(left, "total budget", 1.0, MUTED);
    let mut right = rect.left_top() + vec2(column, 0.0);
    right = text.line(right, &format!("{remaining}"), 3.0, ACCENT);
    right = text.line(right, "dependencies remaining at the end", 1.0, MUTED);
    let state = analysis.state_at(plan.horizon.end);
    for id in state.live.iter().take(8) {
        right = text.line(right, &dependency_name(plan, id), 0.8, MUTED);
    }
}

/// "€1.25 bn"-style short amount with the currency code.
pub fn money(amount: u64, currency: &str) -> String {
    let value = amount as f64;
    if value >= 1e9 {
        format!("{:.2} bn {currency}", value / 1e9)
    } else if value >= 1e6 {
        format!("{:.1} m {currency}", value / 1e6)
    } else {
        format!("{amount} {currency}")
    }
}

/// The exposure burndown across `window`, with year marks and the stop's date marked.
fn exposure_chart(
    painter: &egui::Painter,
    rect: Rect,
    plan: &Roadmap,
    analysis: &Analysis,
    window: Window,
    date: Option<Month>,
    body: f32,
) {
    if rect.width() < 40.0 || rect.height() < 40.0 {
        return;
    }
    let axis = body * 1.6;
    let plot = Rect::from_min_max(rect.min + vec2(0.0, body * 1.5), rect.max - vec2(0.0, axis));
    painter.text(
        rect.left_top(),
        Align2::LEFT_TOP,
        "Exposure over time",
        FontId::proportional(body * 0.9),
        MUTED,
    );
    let x_of = |index: f32| plot.left() + (index - window.from) / window.months() * plot.width();
    let series = analysis.exposure_series();
    let top = series.iter().map(|e| e.total).max().unwrap_or(0).max(1) as f32;
    let y_of = |total: u32| plot.bottom() - total as f32 / top * plot.height();
    let chart = painter.with_clip_rect(plot.expand(2.0));
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
    let axis_painter = painter.with_clip_rect(Rect::from_min_max(
        pos2(plot.left() - body, plot.top()),
        pos2(plot.right() + body, rect.bottom()),
    ));
    let first_year = Month::from_index(window.from.floor() as i32).year();
    let last_year = Month::from_index(window.to.ceil() as i32).year();
    let step = year_step(last_year - first_year, plot.width() / body);
    for year in (first_year..=last_year).filter(|y| y % step == 0) {
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
        axis_painter.text(
            pos2(x, plot.bottom() + 4.0),
            Align2::CENTER_TOP,
            year.to_string(),
            FontId::proportional(body * 0.8),
            MUTED,
        );
    }
    if let Some(date) = date {
        let x = x_of(date.index() as f32);
        chart.line_segment(
            [pos2(x, plot.top()), pos2(x, plot.bottom())],
            Stroke::new(3.0, INK),
        );
        let total = analysis.exposure_at(date).total;
        chart.circle_filled(pos2(x, y_of(total)), 7.0, INK);
    }
    milestone_marks(&chart, plan, plot, &x_of, date);
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

/// Years between labels so that they do not crowd: 1, 2 or 5.
fn year_step(years: i32, room: f32) -> i32 {
    let fit = (room / 4.0).max(1.0) as i32;
    [1, 2, 5, 10]
        .into_iter()
        .find(|s| years / s <= fit)
        .unwrap_or(10)
}
