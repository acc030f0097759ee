//! The exposure chart (bottom): summed criticality of live dependencies per layer, stacked,
//! on the canvas's time axis; and the time cursor's summary.

use egui::{Color32, Pos2, Rect, RichText, Sense, Stroke, pos2, vec2};

use super::action::{Actions, Context, ViewChange};
use super::canvas::HEADER_WIDTH;
use crate::analysis::spoken;
use crate::model::Month;

/// Height of the chart area, in points.
const CHART_HEIGHT: f32 = 110.0;

/// The exposure panel: cursor summary above a stacked step chart.
pub fn exposure_ui(cx: &Context, ui: &mut egui::Ui, out: &mut Actions) {
    let analysis = cx.analysis;
    let view = cx.view;
    let colours: Vec<(String, Color32)> = cx
        .plan()
        .layers
        .iter()
        .map(|l| {
            let c = Color32::from_rgb(l.colour.r, l.colour.g, l.colour.b);
            (l.id.clone(), c)
        })
        .collect();
    cursor_summary_ui(cx, ui, out);
    let (rect, resp) = ui.allocate_exact_size(
        vec2(ui.available_width(), CHART_HEIGHT),
        Sense::click_and_drag(),
    );
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, "Exposure chart"));
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    let series = analysis.exposure_series();
    let other = compared_series(cx);
    if ui.ctx().has_accesskit_node(resp.id) {
        let text = text_alternative(cx, analysis, view.cursor, other.as_ref());
        super::a11y::describe(ui.ctx(), resp.id, &text);
    }
    let highest = series
        .iter()
        .map(|e| e.total)
        .chain(
            other
                .as_ref()
                .map_or(Vec::new(), |o| o.series.clone())
                .into_iter()
                .map(|(_, v)| v),
        )
        .max()
        .unwrap_or(0);
    // The scale needs a height above zero even when nothing is exposed.
    let peak = highest.max(1) as f32;
    let left = cx.canvas.0.unwrap_or(rect.left()) + HEADER_WIDTH;
    let chart = Rect::from_min_max(pos2(left, rect.top() + 6.0), rect.max);
    let x_of =
        |m: Month| chart.left() + (m.index() as f32 - view.first_month) * view.points_per_month;
    let y_of = |v: f32| chart.bottom() - v / peak * (chart.height() - 4.0);
    let clip = painter.with_clip_rect(chart);
    for e in series {
        let (x0, x1) = (x_of(e.month), x_of(e.month.plus(1)));
        if x1 < chart.left() || x0 > chart.right() {
            continue;
        }
        let mut below = 0.0;
        for (layer, value) in &e.by_layer {
            if *value == 0 {
                continue;
            }
            let c = colours
                .iter()
                .find(|(id, _)| id == layer)
                .map_or(Color32::GRAY, |(_, c)| *c);
            let top = below + *value as f32;
            let r = Rect::from_min_max(pos2(x0, y_of(top)), pos2(x1.max(x0 + 0.5), y_of(below)));
            clip.rect_filled(r, 0.0, c.gamma_multiply(0.75));
            below = top;
        }
        let unplaced = e.total as f32 - below;
        if unplaced > 0.0 {
            let r = Rect::from_min_max(
                pos2(x0, y_of(below + unplaced)),
                pos2(x1.max(x0 + 0.5), y_of(below)),
            );
            clip.rect_filled(r, 0.0, Color32::from_gray(150));
        }
    }
    let line: Vec<Pos2> = series
        .iter()
        .flat_map(|e| {
            [
                pos2(x_of(e.month), y_of(e.total as f32)),
                pos2(x_of(e.month.plus(1)), y_of(e.total as f32)),
            ]
        })
        .collect();
    clip.add(egui::Shape::line(
        line,
        Stroke::new(1.5, Color32::from_gray(40)),
    ));
    if let Some(other) = &other {
        let points: Vec<Pos2> = other
            .series
            .iter()
            .flat_map(|&(m, v)| {
                [
                    pos2(x_of(m), y_of(v as f32)),
                    pos2(x_of(m.plus(1)), y_of(v as f32)),
                ]
            })
            .filter(|p| p.x >= chart.left() - 1.0 && p.x <= chart.right() + 1.0)
            .collect();
        let stroke = Stroke::new(1.5, OTHER_CURVE);
        clip.extend(egui::Shape::dashed_line(&points, stroke, 5.0, 3.0));
        for (k, line) in other.summary.iter().enumerate() {
            painter.text(
                pos2(rect.left() + 8.0, rect.top() + 42.0 + 14.0 * k as f32),
                egui::Align2::LEFT_TOP,
                line,
                egui::FontId::proportional(11.0),
                OTHER_CURVE,
            );
        }
    }
    painter.text(
        pos2(rect.left() + 8.0, rect.top() + 6.0),
        egui::Align2::LEFT_TOP,
        "Exposure",
        egui::FontId::proportional(13.0),
        Color32::from_gray(30),
    );
    painter.text(
        pos2(rect.left() + 8.0, rect.top() + 24.0),
        egui::Align2::LEFT_TOP,
        peak_label(highest),
        egui::FontId::proportional(11.0),
        Color32::from_gray(90),
    );
    if let Some(cursor) = view.cursor {
        let x = x_of(cursor) + view.points_per_month / 2.0;
        clip.line_segment(
            [pos2(x, chart.top()), pos2(x, chart.bottom())],
            Stroke::new(1.5, Color32::from_rgb(0xDC, 0x26, 0x26)),
        );
    }
    if let Some(p) = resp.interact_pointer_pos().filter(|p| p.x > chart.left())
        && (resp.clicked() || resp.dragged())
    {
        let m = view.first_month + (p.x - chart.left()) / view.points_per_month.max(0.01);
        out.view(ViewChange::Cursor(Some(
            Month::from_index(m.floor() as i32),
        )));
    }
}

/// The chart in words, for a screen reader: its figures now, at the time cursor and at the
/// horizon's end, its peak, and the comparison when there is one.
fn text_alternative(
    cx: &Context,
    analysis: &crate::analysis::Analysis,
    cursor: Option<Month>,
    other: Option<&Compared>,
) -> String {
    let plan = cx.plan();
    let now = super::evidence::this_month(plan.horizon.start);
    let at = spoken::Moments { now, cursor };
    let mut text = spoken::exposure_chart(plan, analysis, at);
    if let Some(other) = other {
        text.push_str(&format!(
            " Dashed: the plan compared with (A); exposure-months A → this plan: {}.",
            other.summary[1]
        ));
    }
    text
}

/// The note under the chart's name: the highest exposure, or that there is none.
fn peak_label(highest: u32) -> String {
    if highest == 0 {
        "no exposure".to_owned()
    } else {
        format!("peak {highest}")
    }
}

/// The dashed curve of the plan compared with.
const OTHER_CURVE: Color32 = Color32::from_rgb(0x1D, 0x4E, 0xD8);

/// The other plan's exposure curve and the exposure-months of both, when comparing.
struct Compared {
    /// Total exposure per month of the months both plans cover.
    series: Vec<(Month, u32)>,
    /// Lines beside the chart: "dashed: A", "8034 → 3982 (−4052)", "exposure-months".
    summary: [String; 3],
}

fn compared_series(cx: &Context) -> Option<Compared> {
    let compared = cx.compared?;
    let e = &compared.comparison.consequences.exposure;
    let series = (0..=e.from.months_until(e.to))
        .map(|i| {
            let m = e.from.plus(i);
            (m, compared.other_analysis.exposure_at(m).total)
        })
        .collect();
    let signed = match e.difference {
        d if d > 0 => format!("+{d}"),
        d if d < 0 => format!("−{}", d.unsigned_abs()),
        _ => "±0".to_owned(),
    };
    let summary = [
        "dashed: A".to_owned(),
        format!("{} → {} ({signed})", e.months_a, e.months_b),
        "exposure-months".to_owned(),
    ];
    Some(Compared { series, summary })
}

/// One line: the exposure at the cursor, and which dependencies are live and retired.
fn cursor_summary_ui(cx: &Context, ui: &mut egui::Ui, out: &mut Actions) {
    let analysis = cx.analysis;
    let cursor = cx.view.cursor;
    let plan = cx.plan();
    let mut hide = false;
    ui.horizontal_wrapped(|ui| {
        let Some(month) = cursor else {
            ui.weak("Drag along the ruler (or click this chart) to place the time cursor.");
            return;
        };
        let state = analysis.state_at(month);
        let exposure = analysis.exposure_at(month);
        ui.label(RichText::new(format!("At {month}: exposure {}", exposure.total)).strong());
        let names = |ids: &[String]| {
            ids.iter()
                .map(|id| plan.dependency(id).map_or(id.as_str(), |d| d.name.as_str()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        ui.label(
            RichText::new(format!("{} live", state.live.len()))
                .color(Color32::from_rgb(0xDC, 0x26, 0x26)),
        )
        .on_hover_ui(|ui| {
            ui.label(names(&state.live));
        });
        ui.label(
            RichText::new(format!("{} retired", state.retired.len()))
                .color(Color32::from_rgb(0x16, 0xA3, 0x4A)),
        )
        .on_hover_ui(|ui| {
            ui.label(names(&state.retired));
        });
        if !state.upcoming.is_empty() {
            ui.label(format!("{} still to come", state.upcoming.len()))
                .on_hover_ui(|ui| {
                    ui.label(names(&state.upcoming));
                });
        }
        hide = ui.small_button("Hide cursor").clicked();
    });
    if hide {
        out.view(ViewChange::Cursor(None));
    }
}
