//! The exposure chart (bottom): summed criticality of live dependencies per layer, stacked,
//! on the canvas's time axis; and the time cursor's summary.

use egui::{Color32, Rect, RichText, Sense, pos2, vec2};

use super::action::{Actions, Context, ViewChange};
use super::canvas::HEADER_WIDTH;
use crate::analysis::spoken;
use crate::layout::Rgba;
use crate::layout::exposure::{Curves, Look, Span, curves_chart};
use crate::model::Month;

/// Height of the chart area, in points.
const CHART_HEIGHT: f32 = 110.0;

/// The exposure panel: cursor summary above a stacked step chart.
pub fn exposure_ui(cx: &Context, ui: &mut egui::Ui, out: &mut Actions) {
    let analysis = cx.analysis;
    let view = cx.view;
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
        .chain(other.iter().flat_map(|o| o.series.iter().map(|&(_, v)| v)))
        .max()
        .unwrap_or(0);
    let left = cx.canvas.0.unwrap_or(rect.left()) + HEADER_WIDTH;
    let chart = Rect::from_min_max(pos2(left, rect.top() + 6.0), rect.max);
    chart_ui(&painter, rect, chart, cx, other.as_ref());
    if let Some(other) = &other {
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
    if let Some(p) = resp.interact_pointer_pos().filter(|p| p.x > chart.left())
        && (resp.clicked() || resp.dragged())
    {
        let m = view.first_month + (p.x - chart.left()) / view.points_per_month.max(0.01);
        out.view(ViewChange::Cursor(Some(
            Month::from_index(m.floor() as i32),
        )));
    }
}

/// The chart itself in `chart` (within `rect`), on the canvas's time axis: the exposure chart
/// every output draws ([`layout::exposure`]), stacked by layer, the other path dashed and
/// the time cursor marked.
fn chart_ui(
    painter: &egui::Painter,
    rect: Rect,
    chart: Rect,
    cx: &Context,
    other: Option<&Compared>,
) {
    let (plan, view) = (cx.plan(), cx.view);
    let exposure = cx.analysis.exposure_series();
    let this: Vec<(Month, u32)> = exposure.iter().map(|e| (e.month, e.total)).collect();
    let colour_of = |id: &str| {
        plan.layer(id).map_or(Rgba::rgb(0x80, 0x80, 0x80), |l| {
            let c = Color32::from_rgb(l.colour.r, l.colour.g, l.colour.b).gamma_multiply(0.75);
            let [r, g, b, a] = c.to_srgba_unmultiplied();
            Rgba::rgb(r, g, b).with_alpha(a)
        })
    };
    let stacked: Vec<Vec<(Rgba, u32)>> = exposure
        .iter()
        .map(|e| {
            e.by_layer
                .iter()
                .map(|(id, v)| (colour_of(id), *v))
                .collect()
        })
        .collect();
    let curves = Curves {
        this: &this,
        other: other.map(|o| (o.series.as_slice(), rgba(OTHER_CURVE))),
        mark: view.cursor,
        milestones: &[],
        stacked: &stacked,
    };
    let ppm = view.points_per_month.max(0.01);
    let left = chart.left() - rect.left();
    let plot = (rect.width() - left - 2.0).max(10.0);
    let span = Span {
        window: Some((view.first_month, view.first_month + plot / ppm)),
        left: Some(left),
    };
    let look = Look {
        colour: Rgba::rgb(40, 40, 40),
        label: 9.0,
        muted: Rgba::rgb(90, 90, 90),
        grid: Rgba::rgb(0xE2, 0xE8, 0xF0),
        ink: Rgba::rgb(0xDC, 0x26, 0x26),
        weight: 1.5,
    };
    let scene = curves_chart(&curves, span, rect.width(), chart.height(), look);
    let at = pos2(rect.left(), chart.top());
    super::present::scene_ui(&painter.with_clip_rect(rect), &scene, at);
}

/// An egui colour as a layout colour.
fn rgba(c: Color32) -> Rgba {
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    Rgba::rgb(r, g, b).with_alpha(a)
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
