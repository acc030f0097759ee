//! The Sovereignty view (a tab beside the exposure chart): a heatmap of layers × months by
//! weakest control level or framework level, the exposure share by jurisdiction, and a shock.

use std::sync::Arc;

use egui::{Color32, Rect, RichText, Sense, Stroke, pos2, vec2};

use super::action::Context;
use super::canvas::HEADER_WIDTH;
use crate::analysis::sovereignty::{Cutoff, Shock, Sovereignty};
use crate::analysis::{Analysis, Framework, spoken};
use crate::layout::Rgba;
use crate::layout::sovereignty::{NOTHING_LIVE, jurisdiction_colour, level_colour};
use crate::model::Month;

/// Height of one heatmap row, in points.
const ROW: f32 = 14.0;
/// Height of the jurisdiction share area, in points.
const SHARES: f32 = 56.0;

/// What the view shows and which shock is applied; kept in egui's memory between frames.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SovereigntyState {
    /// Colour the heatmap by framework level instead of weakest control level.
    pub by_framework: bool,
    /// The shock applied at the time cursor, if any.
    pub shock: Option<Cutoff>,
}

fn colour(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, c.a)
}

/// The bundled framework, parsed once.
pub(super) fn framework() -> Option<&'static Framework> {
    static FRAMEWORK: std::sync::OnceLock<Option<Framework>> = std::sync::OnceLock::new();
    FRAMEWORK.get_or_init(|| Framework::eu_csf().ok()).as_ref()
}

fn state_id() -> egui::Id {
    egui::Id::unique("sovereignty-view")
}

/// Where the bottom panel remembers whether the Sovereignty tab is shown.
pub(super) fn tab_id() -> egui::Id {
    egui::Id::unique("bottom-tab-sovereignty")
}

/// Shows the Sovereignty tab with `shock` applied at the time cursor (or none).
pub fn show_sovereignty(ctx: &egui::Context, shock: Option<Cutoff>) {
    let mut st = state(ctx);
    st.shock = shock;
    ctx.data_mut(|d| {
        d.insert_temp(tab_id(), true);
        d.insert_temp(state_id(), st);
    });
}

/// The heatmap's cells and the jurisdiction shares of every month of the horizon, worked out
/// once per analysis and mode rather than every frame (10,000 items: 10 ms a frame before).
#[derive(Clone)]
struct Columns {
    /// The analysis they were worked out from (held, so that a new one is never mistaken for it).
    analysis: Arc<Analysis>,
    by_framework: bool,
    /// The first month of the horizon: `cells[0]` and `shares[0]`.
    start: Month,
    /// Per month, per layer: the cell's colour.
    cells: Arc<Vec<Vec<Color32>>>,
    /// Per month, per jurisdiction (in the order of `Sovereignty::jurisdictions`): its share.
    shares: Arc<Vec<Vec<f32>>>,
}

impl Columns {
    /// The columns of `sov` over the whole horizon, coloured by framework level or weakest link.
    fn new(sov: &Sovereignty<'_>, analysis: &Arc<Analysis>, by_framework: bool) -> Self {
        let (start, end) = (sov.plan().horizon.start, sov.plan().horizon.end);
        let max = sov.framework().max_level();
        let names = sov.jurisdictions();
        let mut cells = Vec::new();
        let mut shares = Vec::new();
        let mut m = start;
        while m <= end {
            cells.push(if by_framework {
                sov.framework_levels(m)
                    .layers
                    .iter()
                    .map(|l| colour(level_colour(l.overall, max)))
                    .collect()
            } else {
                sov.weakest_links(m)
                    .iter()
                    .map(|w| colour(w.map_or(NOTHING_LIVE, |w| Rgba::from(w.control.colour()))))
                    .collect()
            });
            let c = sov.concentration(m);
            shares.push(
                names
                    .iter()
                    .map(|name| {
                        c.jurisdictions
                            .iter()
                            .find(|s| &s.name == name)
                            .map_or(0.0, |s| s.share as f32)
                    })
                    .collect(),
            );
            m = m.plus(1);
        }
        Columns {
            analysis: analysis.clone(),
            by_framework,
            start,
            cells: Arc::new(cells),
            shares: Arc::new(shares),
        }
    }

    /// The columns for `analysis` in this mode: remembered in `ctx`, worked out when missing.
    fn of(
        ctx: &egui::Context,
        sov: &Sovereignty<'_>,
        analysis: &Arc<Analysis>,
        by_framework: bool,
    ) -> Self {
        let id = egui::Id::unique("sovereignty-columns");
        let kept: Option<Columns> = ctx.data(|d| d.get_temp(id));
        if let Some(c) =
            kept.filter(|c| Arc::ptr_eq(&c.analysis, analysis) && c.by_framework == by_framework)
        {
            return c;
        }
        let fresh = Columns::new(sov, analysis, by_framework);
        ctx.data_mut(|d| d.insert_temp(id, fresh.clone()));
        fresh
    }

    /// The cells of month `m` (empty outside the horizon).
    fn cells(&self, m: Month) -> &[Color32] {
        usize::try_from(m.index() - self.start.index())
            .ok()
            .and_then(|i| self.cells.get(i))
            .map_or(&[], Vec::as_slice)
    }

    /// The jurisdiction shares of month `m` (empty outside the horizon).
    fn shares(&self, m: Month) -> &[f32] {
        usize::try_from(m.index() - self.start.index())
            .ok()
            .and_then(|i| self.shares.get(i))
            .map_or(&[], Vec::as_slice)
    }
}

/// The state of the view (mode and shock).
pub fn state(ctx: &egui::Context) -> SovereigntyState {
    ctx.data(|d| d.get_temp::<SovereigntyState>(state_id()))
        .unwrap_or_default()
}

/// The Sovereignty view: controls, heatmap, shares, shock summary; returns the shock
/// applied, which the canvas marks this frame.
pub fn sovereignty_ui(cx: &Context, ui: &mut egui::Ui) -> Option<Shock> {
    let Some(framework) = framework() else {
        ui.label("The bundled sovereignty framework could not be read.");
        return None;
    };
    let mut st = state(ui.ctx());
    let analysis = cx.analysis;
    let view = cx.view;
    let plan = cx.plan();
    let sov = Sovereignty::new(plan, analysis, framework);
    let at = view.cursor.unwrap_or(plan.horizon.start);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Sovereignty").strong());
        ui.selectable_value(&mut st.by_framework, false, "Weakest link");
        ui.selectable_value(&mut st.by_framework, true, "Framework level");
        ui.separator();
        let chosen = match &st.shock {
            None => "No shock".to_owned(),
            Some(Cutoff::Jurisdiction(j)) => format!("{j} cuts off"),
            Some(Cutoff::Controller(c)) => format!("{c} cuts off"),
        };
        let label = ui.label("Shock");
        egui::ComboBox::from_id_salt("shock")
            .selected_text(chosen)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut st.shock, None, "No shock");
                for j in sov.jurisdictions() {
                    let text = format!("{j} cuts off");
                    ui.selectable_value(&mut st.shock, Some(Cutoff::Jurisdiction(j)), text);
                }
                for c in sov.controllers() {
                    let text = format!("{c} cuts off");
                    ui.selectable_value(&mut st.shock, Some(Cutoff::Controller(c)), text);
                }
            })
            .response
            .labelled_by(label.id);
        if st.shock.is_some() && ui.small_button("Clear shock").clicked() {
            st.shock = None;
        }
        let score = sov.framework_levels(at).score;
        ui.weak(format!(
            "{} score at {at}: {score:.0} of 100",
            framework.id.to_uppercase()
        ));
    });
    let shock = st.shock.as_ref().map(|c| sov.shock(c, at));
    if let Some(s) = &shock {
        let never = s.cut.iter().filter(|c| c.removed_in.is_none()).count();
        let longest = s.cut.iter().map(|c| c.months_exposed).max().unwrap_or(0);
        ui.label(
            RichText::new(format!(
                "Shock in {at}: {} dependencies cut, exposure {} cut, {never} never removed by the \
                 plan (longest {longest} months without); layers hit: {}; milestones at risk: {}",
                s.cut.len(),
                s.exposure_cut,
                if s.layers_hit.is_empty() {
                    "none".to_owned()
                } else {
                    s.layers_hit.join(", ")
                },
                s.milestones_at_risk.len()
            ))
            .color(Color32::from_rgb(0xB9, 0x1C, 0x1C)),
        );
    }
    ui.ctx().data_mut(|d| d.insert_temp(state_id(), st.clone()));
    let height = ROW * plan.layers.len() as f32 + 8.0 + SHARES;
    let (rect, resp) = ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::hover());
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, "Sovereignty heatmap"));
    if ui.ctx().has_accesskit_node(resp.id) {
        let now = super::evidence::this_month(plan.horizon.start);
        let at = spoken::Moments {
            now,
            cursor: view.cursor,
        };
        let text = spoken::sovereignty_chart(&sov, plan, at, st.by_framework);
        super::a11y::describe(ui.ctx(), resp.id, &text);
    }
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    let left = cx.canvas.0.unwrap_or(rect.left()) + HEADER_WIDTH;
    let chart = Rect::from_min_max(pos2(left, rect.top()), rect.max);
    let ppm = view.points_per_month.max(0.01);
    let x_of = |m: Month| chart.left() + (m.index() as f32 - view.first_month) * ppm;
    let first = Month::from_index(view.first_month.floor() as i32).max(plan.horizon.start);
    let last = Month::from_index((view.first_month + chart.width() / ppm).ceil() as i32)
        .min(plan.horizon.end);
    let clip = painter.with_clip_rect(chart);
    for (n, layer) in plan.layers.iter().enumerate() {
        let hit = shock
            .as_ref()
            .is_some_and(|s| s.layers_hit.contains(&layer.id));
        let y = rect.top() + n as f32 * ROW;
        painter.text(
            pos2(rect.left() + 8.0, y + ROW / 2.0),
            egui::Align2::LEFT_CENTER,
            &layer.name,
            egui::FontId::proportional(11.0),
            if hit {
                Color32::from_rgb(0xB9, 0x1C, 0x1C)
            } else {
                Color32::from_gray(40)
            },
        );
    }
    // One pass over the visible months: runs of equal colour per layer.
    let columns = Columns::of(ui.ctx(), &sov, analysis, st.by_framework);
    let mut runs: Vec<Option<(Color32, f32)>> = vec![None; plan.layers.len()];
    let mut m = first;
    while m <= last.plus(1) {
        let cells = if m <= last { columns.cells(m) } else { &[] };
        for (n, run) in runs.iter_mut().enumerate() {
            let c = cells.get(n).copied();
            if let Some((rc, x0)) = *run
                && Some(rc) != c
            {
                let y = rect.top() + n as f32 * ROW;
                let r = Rect::from_min_max(pos2(x0, y + 1.0), pos2(x_of(m), y + ROW - 1.0));
                clip.rect_filled(r, 0.0, rc);
                *run = None;
            }
            if run.is_none()
                && let Some(c) = c
            {
                *run = Some((c, x_of(m)));
            }
        }
        m = m.plus(1);
    }
    // Hit layers framed in red.
    if let Some(s) = &shock {
        for (n, layer) in plan.layers.iter().enumerate() {
            if s.layers_hit.contains(&layer.id) {
                let y = rect.top() + n as f32 * ROW;
                let r = Rect::from_min_max(pos2(x_of(at), y), pos2(chart.right(), y + ROW));
                clip.rect_stroke(
                    r,
                    0.0,
                    Stroke::new(2.0, Color32::from_rgb(0xB9, 0x1C, 0x1C)),
                    egui::StrokeKind::Inside,
                );
            }
        }
    }
    shares_ui(
        &clip,
        &columns,
        first,
        last,
        &x_of,
        rect.top() + ROW * plan.layers.len() as f32 + 8.0,
    );
    if let Some(cursor) = view.cursor {
        let x = x_of(cursor) + ppm / 2.0;
        clip.line_segment(
            [pos2(x, chart.top()), pos2(x, chart.bottom())],
            Stroke::new(1.5, Color32::from_rgb(0xDC, 0x26, 0x26)),
        );
    }
    if let Some(p) = resp.hover_pos().filter(|p| chart.contains(*p)) {
        let month =
            Month::from_index((view.first_month + (p.x - chart.left()) / ppm).floor() as i32);
        let row = ((p.y - rect.top()) / ROW).floor();
        if row >= 0.0
            && let Some(layer) = plan.layers.get(row as usize)
        {
            let why = sov
                .weakest_links(month)
                .get(row as usize)
                .copied()
                .flatten()
                .and_then(|w| plan.dependencies.get(w.dependency).map(|d| (w, d)))
                .map_or("nothing live".to_owned(), |(w, d)| {
                    format!("weakest link: {} ({})", d.name, w.control.label())
                });
            resp.on_hover_text(format!("{}, {month}: {why}", layer.name));
        }
    }
    shock
}

/// The exposure share by jurisdiction as stacked columns, `SHARES` high from `top`.
fn shares_ui(
    painter: &egui::Painter,
    columns: &Columns,
    first: Month,
    last: Month,
    x_of: &dyn Fn(Month) -> f32,
    top: f32,
) {
    let mut m = first;
    while m <= last {
        let mut below = 0.0f32;
        for (j, &share) in columns.shares(m).iter().enumerate() {
            if share > 0.0 {
                let r = Rect::from_min_max(
                    pos2(x_of(m), top + SHARES * (1.0 - below - share)),
                    pos2(x_of(m.plus(1)), top + SHARES * (1.0 - below)),
                );
                painter.rect_filled(r, 0.0, colour(jurisdiction_colour(j)));
            }
            below += share;
        }
        m = m.plus(1);
    }
}
