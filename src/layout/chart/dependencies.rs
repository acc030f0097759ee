//! The dependency lane: a bar per external dependency until the milestone that removes it.

use std::collections::HashMap;

use super::*;
use crate::analysis::DependencySpan;
use crate::layout::scene::{Band, Point, Rect, Rgba, Shape, Stroke, Tag};
use crate::layout::{MIN_BAR_WIDTH, View};
use crate::model::{Month, Roadmap};

/// A dependency's bar: from the horizon start (or its introduction) to its removal.
pub(super) struct DepSpan {
    /// Index into `plan.dependencies`.
    index: usize,
    /// Start in half-months since the view's first month.
    start: i64,
    /// End (exclusive) in half-months.
    end: i64,
    /// Index of the milestone that removes it.
    remover: Option<usize>,
}

/// The bar of every dependency in a shown layer, in half-months relative to `view.from`:
/// from the horizon start (or the middle of the introducing milestone's month) to the middle
/// of the removing milestone's month (or the horizon end).
fn dependency_bars(plan: &Roadmap, spans: &[DependencySpan], view: &View) -> Vec<DepSpan> {
    let half = |m: Month| 2 * i64::from(view.from.months_until(m));
    let mut milestone_at: HashMap<&str, usize> = HashMap::new();
    for (i, m) in plan.milestones.iter().enumerate() {
        milestone_at.entry(m.id.as_str()).or_insert(i);
    }
    spans
        .iter()
        .zip(&plan.dependencies)
        .enumerate()
        .filter(|(_, (span, d))| span.dependency == d.id && view.shows_layer(&d.layer))
        .map(|(index, (span, _))| {
            let start = half(span.from) + i64::from(span.introduced_by.is_some());
            let end = match span.until {
                Some(until) => half(until) + 1,
                None => half(plan.horizon.end) + 2,
            };
            let remover = span
                .removed_by
                .as_deref()
                .and_then(|id| milestone_at.get(id).copied());
            DepSpan {
                index,
                start,
                end: end.max(start + 1),
                remover,
            }
        })
        .collect()
}

impl<'a> Chart<'a> {
    /// The lane of external dependencies, each a bar until the milestone that removes it.
    pub(super) fn dependency_lane(&mut self, spans: &[DependencySpan]) {
        let plan = self.plan;
        let view = self.view;
        let row_h = view.row_height;
        let spans = dependency_bars(plan, spans, view);
        if spans.is_empty() {
            return;
        }
        let st = stack(&spans.iter().map(|s| (s.start, s.end)).collect::<Vec<_>>());
        let top = self.y + 6.0;
        let bottom = top + 2.0 * LANE_PAD + st.rows.max(1) as f32 * row_h;
        let n = self.bands.len();
        self.lane_frame(top, bottom, "Dependencies", MUTED, Tag::DependencyLane, n);
        for r in 0..st.rows {
            self.breaks.push(top + LANE_PAD + (r + 1) as f32 * row_h);
        }
        self.breaks.push(bottom);
        self.bands.push(Band {
            layer: None,
            top,
            bottom,
        });
        for (k, span) in spans.iter().enumerate() {
            let y = top + LANE_PAD + st.row[k] as f32 * row_h;
            let next_x = st.next[k].map(|h| self.half_x(h));
            self.dependency(span, y, next_x);
        }
        self.y = bottom;
    }

    /// A dependency bar, its label and the connector to the milestone that removes it.
    fn dependency(&mut self, span: &DepSpan, row_y: f32, next_x: Option<f32>) {
        let view = self.view;
        let dep = &self.plan.dependencies[span.index];
        let x0 = self.half_x(span.start);
        let x1 = self.half_x(span.end);
        let left = x0.max(view.chart_left());
        let right = x1.min(view.chart_right());
        let cy = row_y + view.row_height / 2.0;
        let colour = Rgba::from(dep.control.colour());
        let alpha = self.alpha(&dep.id);
        let tag = Tag::Dependency(dep.id.clone());
        if right > left && self.in_view(row_y, row_y + view.row_height) {
            let bar = Rect::new(
                left + 0.5,
                row_y + 4.0,
                right - left - 1.0,
                view.row_height - 8.0,
            );
            let stroke = self.selected(&dep.id).then(|| Stroke::solid(2.0, INK));
            self.highlight(&dep.id, bar);
            let fill = Some(colour.faded(alpha));
            self.shape(
                Shape::Rect {
                    rect: bar,
                    fill,
                    stroke,
                    radius: 0.0,
                },
                tag.clone(),
            );
            self.cut_overlay(&dep.id, bar);
            if bar.w >= MIN_BAR_WIDTH {
                self.bar_label(&dep.name, bar, next_x, colour, alpha, tag);
            }
        }
        let Some(mi) = span.remover else { return };
        let Some(&diamond) = self.diamonds.get(&mi) else {
            return;
        };
        if x1 < view.chart_left()
            || x1 > view.chart_right()
            || !self.in_view(cy.min(diamond.y), cy.max(diamond.y))
        {
            return;
        }
        let milestone = &self.plan.milestones[mi];
        let both = self.alpha(&dep.id).min(self.alpha(&milestone.id));
        let points = vec![
            Point::new(x1, cy),
            Point::new(diamond.x, diamond.y + self.diamond_half()),
        ];
        let tag = Tag::Removal {
            dependency: dep.id.clone(),
            milestone: milestone.id.clone(),
        };
        self.link(
            Shape::Line {
                points,
                stroke: Stroke::dashed(1.0, colour.faded(both)),
            },
            tag,
        );
    }
}
