//! What a cut-off marks: the shock line, washes over hit lanes, overlays on cut bars.

use std::collections::HashSet;

use super::*;
use crate::analysis;
use crate::layout::scene::{Anchor, Point, Rect, Rgba, Shape, Stroke, Tag};
use crate::layout::scene::{TextRun, Weight};
use crate::layout::{RULER_HEIGHT, text};
use crate::model::Month;

/// The ids a cut-off marks, for quick look-up while laying out.
pub(super) struct ShockMarks<'a> {
    /// The month access is cut.
    pub(super) at: Month,
    /// Layers with a cut dependency.
    pub(super) hit: HashSet<&'a str>,
    /// Dependencies cut.
    pub(super) cut: HashSet<&'a str>,
    /// Milestones at risk.
    pub(super) at_risk: HashSet<&'a str>,
}

impl<'a> ShockMarks<'a> {
    pub(super) fn of(shock: &'a analysis::sovereignty::Shock) -> ShockMarks<'a> {
        ShockMarks {
            at: shock.at,
            hit: shock.layers_hit.iter().map(String::as_str).collect(),
            cut: shock.cut.iter().map(|c| c.id.as_str()).collect(),
            at_risk: shock
                .milestones_at_risk
                .iter()
                .map(String::as_str)
                .collect(),
        }
    }
}

impl<'a> Chart<'a> {
    /// A red wash over a lane the cut-off hits, from the cut to the view's end.
    pub(super) fn hit_wash(&mut self, layer: &str, top: f32, bottom: f32) {
        let Some(shock) = &self.shock else { return };
        if !shock.hit.contains(layer) {
            return;
        }
        let x = self.view.x_of(shock.at).max(self.view.chart_left());
        let rect = Rect::new(x, top, self.view.chart_right() - x, bottom - top);
        let shape = Shape::Rect {
            rect,
            fill: Some(SHOCK.with_alpha(22)),
            stroke: None,
            radius: 0.0,
        };
        self.back(shape, Tag::Shock);
    }

    /// The part of a cut dependency's bar from the cut until the plan removes it (the months
    /// without it), darkened and framed in red.
    pub(super) fn cut_overlay(&mut self, id: &str, bar: Rect) {
        let Some(shock) = &self.shock else { return };
        if !shock.cut.contains(id) {
            return;
        }
        let x = self.view.x_of(shock.at).max(bar.x);
        if bar.right() <= x {
            return;
        }
        let rect = Rect::new(x, bar.y - 1.0, bar.right() - x, bar.h + 2.0);
        let shape = Shape::Rect {
            rect,
            fill: Some(Rgba::rgb(0x45, 0x0A, 0x0A).with_alpha(80)),
            stroke: Some(Stroke::solid(2.0, SHOCK)),
            radius: 0.0,
        };
        self.shape(shape, Tag::Dependency(id.to_owned()));
    }

    /// The cut-off's line at the start of its month and what it says, over the lanes.
    pub(super) fn shock_line(&mut self) {
        let view = self.view;
        let Some(shock) = &view.shock else { return };
        if shock.at < view.from || shock.at > view.to {
            return;
        }
        let x = view.x_of(shock.at);
        let points = vec![Point::new(x, RULER_HEIGHT), Point::new(x, self.y)];
        self.front(
            Shape::Line {
                points,
                stroke: Stroke::dashed(2.0, SHOCK),
            },
            Tag::Shock,
        );
        let who = match &shock.cutoff {
            analysis::sovereignty::Cutoff::Jurisdiction(j) => j,
            analysis::sovereignty::Cutoff::Controller(c) => c,
        };
        let text = format!("{who} cuts off {}", shock.at);
        let size = self.label_size.max(8.0);
        let w = text::width(&text, size);
        let x = (x + 3.0)
            .min(view.chart_right() - w - 6.0)
            .max(view.chart_left());
        let back = Rect::new(x, RULER_HEIGHT + 2.0, w + 6.0, size * 1.5);
        self.front(
            Shape::Rect {
                rect: back,
                fill: Some(SHOCK),
                stroke: None,
                radius: 2.0,
            },
            Tag::Shock,
        );
        let run = TextRun {
            text,
            pos: Point::new(back.x + 3.0, back.y + size * 1.1),
            size,
            colour: PAPER,
            weight: Weight::Bold,
            anchor: Anchor::Start,
            max_width: w + 1.0,
        };
        self.front(Shape::Text(run), Tag::Shock);
    }
}
