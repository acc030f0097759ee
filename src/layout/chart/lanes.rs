//! Swimlanes: frames, stacked investment bars, milestone diamonds, collapsed lanes.

use super::*;
use crate::layout::scene::{Anchor, Band, BarEnd, Point, Rect, Rgba, Shape, Stroke, Tag};
use crate::layout::scene::{TextRun, Weight};
use crate::layout::{MAX_MILESTONE_ROWS, MIN_BAR_WIDTH, text};
use crate::model::Month;

impl<'a> Chart<'a> {
    /// Lane background and header for a band from `top` to `bottom`.
    pub(super) fn lane_frame(
        &mut self,
        top: f32,
        bottom: f32,
        name: &str,
        colour: Rgba,
        tag: Tag,
        n: usize,
    ) {
        let v = self.view;
        let fill = if n.is_multiple_of(2) { PAPER } else { STRIPE };
        let chart_w = v.chart_right() - v.chart_left();
        let h = bottom - top;
        let bg = Rect::new(v.chart_left(), top, chart_w, h);
        self.back(
            Shape::Rect {
                rect: bg,
                fill: Some(fill),
                stroke: None,
                radius: 0.0,
            },
            tag.clone(),
        );
        let header = Rect::new(0.0, top, v.header_width, h);
        let header_fill = Some(colour.lighten(0.85));
        self.back(
            Shape::Rect {
                rect: header,
                fill: header_fill,
                stroke: None,
                radius: 0.0,
            },
            tag.clone(),
        );
        let strip = Rect::new(0.0, top, 4.0, h);
        self.back(
            Shape::Rect {
                rect: strip,
                fill: Some(colour),
                stroke: None,
                radius: 0.0,
            },
            tag.clone(),
        );
        let border = vec![Point::new(0.0, bottom), Point::new(v.chart_right(), bottom)];
        self.back(
            Shape::Line {
                points: border,
                stroke: Stroke::solid(0.5, RULE),
            },
            Tag::Chrome,
        );
        let size = (self.label_size * 1.05).max(4.0);
        // The editor draws its collapse triangle left of the name.
        let x = if v.lane_toggles { 22.0 } else { 10.0 };
        let room = v.header_width - x - 4.0;
        if let Some(text) = text::elide(name, size, room) {
            let run = TextRun {
                text,
                pos: Point::new(x, top + LANE_PAD + size * 1.1),
                size,
                colour: INK,
                weight: Weight::Bold,
                anchor: Anchor::Start,
                max_width: room,
            };
            self.label(run, tag);
        }
    }

    /// Every shown layer as a swimlane.
    pub(super) fn lanes(&mut self) {
        let plan = self.plan;
        // The milestones and investments of each layer, in plan order, in one pass.
        let mut members: HashMap<&str, (Vec<usize>, Vec<usize>)> = HashMap::new();
        for (i, m) in plan.milestones.iter().enumerate() {
            members.entry(m.layer.as_str()).or_default().0.push(i);
        }
        for (i, inv) in plan.investments.iter().enumerate() {
            members.entry(inv.layer.as_str()).or_default().1.push(i);
        }
        let shown = plan.layers.iter().filter(|l| self.view.shows_layer(&l.id));
        for (n, layer) in shown.enumerate() {
            let (milestones, investments) = members
                .get(layer.id.as_str())
                .map_or((&[][..], &[][..]), |(m, i)| (m.as_slice(), i.as_slice()));
            self.lane(n, layer, milestones, investments);
        }
    }

    /// One swimlane: milestone rows on top, stacked investment rows below (`milestones` and
    /// `investments` are the positions of the layer's items in the plan).
    fn lane(
        &mut self,
        n: usize,
        layer: &'a crate::model::Layer,
        milestones: &[usize],
        investments: &[usize],
    ) {
        let plan = self.plan;
        let view = self.view;
        let row_h = view.row_height;
        let colour = Rgba::from(layer.colour);
        if view.is_collapsed(&layer.id) {
            return self.summary_lane(n, layer, milestones, investments);
        }
        let placed = self.place_milestones(milestones);
        let m_rows = placed.iter().map(|p| p.row + 1).max().unwrap_or(0);
        let spans: Vec<(i64, i64)> = investments
            .iter()
            .map(|&i| {
                let inv = &plan.investments[i];
                let s = i64::from(inv.start.index());
                (s, s + i64::from(inv.duration_months()))
            })
            .collect();
        let st = stack(&spans);
        let rows = m_rows + st.rows;
        let top = self.y;
        let bottom = top + 2.0 * LANE_PAD + (rows.max(1) as f32) * row_h;
        self.lane_frame(
            top,
            bottom,
            &layer.name,
            colour,
            Tag::Lane(layer.id.clone()),
            n,
        );
        for r in 0..rows {
            self.breaks.push(top + LANE_PAD + (r + 1) as f32 * row_h);
        }
        self.breaks.push(bottom);
        self.bands.push(Band {
            layer: Some(layer.id.clone()),
            top,
            bottom,
        });
        self.hit_wash(&layer.id, top, bottom);
        let row_top = |r: usize| top + LANE_PAD + r as f32 * row_h;
        for p in &placed {
            self.milestone(p, row_top(p.row) + row_h / 2.0, colour);
        }
        let mut density: Vec<Option<(f32, f32)>> = vec![None; st.rows];
        let mut order: Vec<usize> = (0..investments.len()).collect();
        order.sort_by_key(|&k| (spans[k].0, k));
        for k in order {
            let inv = &plan.investments[investments[k]];
            let row = st.row[k];
            let y = row_top(m_rows + row);
            let next_x = st.next[k].map(|s| {
                let m = Month::from_index(s.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32);
                view.x_of(m)
            });
            self.investment(inv, y, next_x, colour, &mut density[row]);
        }
        for (row, run) in density.into_iter().enumerate() {
            if let Some((x0, x1)) = run {
                self.density(x0, x1, row_top(m_rows + row), colour, &layer.id);
            }
        }
        self.y = bottom;
    }

    /// A collapsed lane: one row in which the lane's investments are merged into summary bars
    /// (one per stretch of time any of them covers) and its milestones are small diamonds;
    /// the lane's name says how many items it holds.
    fn summary_lane(
        &mut self,
        n: usize,
        layer: &'a crate::model::Layer,
        milestones: &[usize],
        investments: &[usize],
    ) {
        let plan = self.plan;
        let view = self.view;
        let row_h = view.row_height;
        let colour = Rgba::from(layer.colour);
        let top = self.y;
        let bottom = top + 2.0 * LANE_PAD + row_h;
        let count = milestones.len() + investments.len();
        let name = format!("{} ({count})", layer.name);
        let tag = Tag::Lane(layer.id.clone());
        self.lane_frame(top, bottom, &name, colour, tag, n);
        self.breaks.push(bottom);
        self.bands.push(Band {
            layer: Some(layer.id.clone()),
            top,
            bottom,
        });
        self.hit_wash(&layer.id, top, bottom);
        let cy = top + LANE_PAD + row_h / 2.0;
        let spans = investments.iter().map(|&i| {
            let inv = &plan.investments[i];
            (inv.start, inv.end.plus(1).max(inv.start.plus(1)))
        });
        for (from, to) in merged_spans(spans) {
            let left = view.x_of(from).max(view.chart_left());
            let right = view.x_of(to).min(view.chart_right());
            if right <= left {
                continue;
            }
            let rect = Rect::new(left, cy - row_h * 0.25, right - left, row_h * 0.5);
            let shape = Shape::Rect {
                rect,
                fill: Some(colour.faded(0.7)),
                stroke: Some(Stroke::solid(1.0, colour)),
                radius: 2.0,
            };
            self.shape(shape, Tag::Density(layer.id.clone()));
        }
        let half = self.diamond_half() * 0.8;
        for &i in milestones {
            let m = &plan.milestones[i];
            let x = self.mid_x(m.month);
            let centre = Point::new(x, cy);
            self.diamonds.insert(i, centre);
            let ends = Ends {
                start: Point::new(x - half, cy),
                end: Point::new(x + half, cy),
            };
            self.ends.insert(m.id.as_str(), ends);
            if m.month < view.from || m.month > view.to {
                continue;
            }
            let stroke = self
                .outline_of(&m.id)
                .unwrap_or_else(|| Stroke::solid(1.0, INK));
            let shape = Shape::Diamond {
                centre,
                half,
                fill: Some(colour.faded(self.alpha(&m.id))),
                stroke: Some(stroke),
            };
            self.shape(shape, Tag::Milestone(m.id.clone()));
        }
        self.y = bottom;
    }

    /// Milestones of a lane in rows so that no label runs into another diamond or label.
    fn place_milestones(&self, milestones: &[usize]) -> Vec<Placed> {
        let plan = self.plan;
        let half = self.diamond_half();
        let mut order: Vec<usize> = milestones.to_vec();
        order.sort_by_key(|&i| (plan.milestones[i].month, i));
        let mut placed: Vec<Placed> = Vec::new();
        let mut rows: Vec<(f32, usize)> = Vec::new();
        for i in order {
            let m = &plan.milestones[i];
            let x = self.mid_x(m.month);
            let left = x - half - GAP / 2.0;
            let full = x + half + 3.0 + text::width(&m.title, self.label_size);
            let row = match rows.iter().position(|&(free, _)| free <= left) {
                Some(r) => r,
                None if rows.len() < MAX_MILESTONE_ROWS => {
                    rows.push((f32::MIN, usize::MAX));
                    rows.len() - 1
                }
                None => {
                    let mut best = 0;
                    for (r, &(free, _)) in rows.iter().enumerate() {
                        if free < rows[best].0 {
                            best = r;
                        }
                    }
                    if let Some(prev) = placed.get_mut(rows[best].1) {
                        prev.limit = prev.limit.min(left);
                    }
                    best
                }
            };
            rows[row] = (full + GAP, placed.len());
            placed.push(Placed {
                index: i,
                row,
                limit: full,
            });
        }
        placed
    }

    pub(super) fn diamond_half(&self) -> f32 {
        (self.view.row_height * 0.36).max(2.0)
    }

    /// A milestone diamond and its label.
    fn milestone(&mut self, p: &Placed, cy: f32, colour: Rgba) {
        let plan = self.plan;
        let view = self.view;
        let m = &plan.milestones[p.index];
        let x = self.mid_x(m.month);
        let half = self.diamond_half();
        let centre = Point::new(x, cy);
        self.diamonds.insert(p.index, centre);
        self.ends.insert(
            m.id.as_str(),
            Ends {
                start: Point::new(x - half, cy),
                end: Point::new(x + half, cy),
            },
        );
        self.locate(
            &m.id,
            Rect::new(x - half, cy - half, 2.0 * half, 2.0 * half),
        );
        if m.month < view.from || m.month > view.to {
            return;
        }
        if !self.in_view(cy - view.row_height / 2.0, cy + view.row_height / 2.0) {
            return;
        }
        let alpha = self.alpha(&m.id);
        let stroke = self
            .outline_of(&m.id)
            .unwrap_or_else(|| Stroke::solid(1.0, PAPER.faded(alpha)));
        let fill = Some(colour.faded(alpha));
        let box_ = Rect::new(x - half, cy - half, 2.0 * half, 2.0 * half);
        self.highlight(&m.id, box_);
        let tag = Tag::Milestone(m.id.clone());
        self.shape(
            Shape::Diamond {
                centre,
                half,
                fill,
                stroke: Some(stroke),
            },
            tag.clone(),
        );
        if self
            .shock
            .as_ref()
            .is_some_and(|s| s.at_risk.contains(m.id.as_str()))
        {
            let ring = Shape::Diamond {
                centre,
                half: half + 3.5,
                fill: None,
                stroke: Some(Stroke::solid(2.0, SHOCK)),
            };
            self.front(ring, tag.clone());
        }
        let lx = x + half + 3.0;
        // The limit was computed as lx + the title's width: allow for rounding far from 0.
        let max = p.limit.min(view.chart_right()) - lx + 0.01;
        if let Some(text) = text::elide(&m.title, self.label_size, max) {
            let run = self.run(text, lx, cy, INK.faded(alpha), max);
            self.label(run, tag);
        }
    }

    /// An investment bar (or its share of the lane density) and its label.
    fn investment(
        &mut self,
        inv: &'a crate::model::Investment,
        row_y: f32,
        next_x: Option<f32>,
        colour: Rgba,
        density: &mut Option<(f32, f32)>,
    ) {
        let view = self.view;
        let row_h = view.row_height;
        let x0 = view.x_of(inv.start);
        let x1 = view.x_of(inv.end.plus(1));
        let cy = row_y + row_h / 2.0;
        self.ends.insert(
            inv.id.as_str(),
            Ends {
                start: Point::new(x0, cy),
                end: Point::new(x1, cy),
            },
        );
        self.locate(&inv.id, Rect::new(x0, row_y, x1 - x0, row_h));
        let left = x0.max(view.chart_left());
        let right = x1.min(view.chart_right());
        if right <= left {
            return;
        }
        if !self.in_view(row_y, row_y + row_h) {
            return;
        }
        if x1 - x0 < MIN_BAR_WIDTH {
            *density = match *density {
                Some((a, b)) if left <= b + 1.0 => Some((a, b.max(right))),
                Some((a, b)) => {
                    self.density(a, b, row_y, colour, &inv.layer);
                    Some((left, right))
                }
                None => Some((left, right)),
            };
            return;
        }
        let alpha = self.alpha(&inv.id);
        let bar = Rect::new(left + 0.5, row_y + 3.0, right - left - 1.0, row_h - 6.0);
        let stroke = self.outline_of(&inv.id);
        self.highlight(&inv.id, bar);
        let tag = Tag::Investment(inv.id.clone());
        let fill = Some(colour.faded(alpha));
        self.shape(
            Shape::Rect {
                rect: bar,
                fill,
                stroke,
                radius: 3.0,
            },
            tag.clone(),
        );
        if self.has_handles(&inv.id) {
            self.handles(inv, bar);
        }
        self.bar_label(&inv.title, bar, next_x, colour, alpha, tag);
    }

    /// Resize and link handles on the selected bar.
    fn handles(&mut self, inv: &crate::model::Investment, bar: Rect) {
        let w = HANDLE_WIDTH.min(bar.w / 3.0);
        for (end, x) in [(BarEnd::Start, bar.x), (BarEnd::End, bar.right() - w)] {
            let rect = Rect::new(x, bar.y, w, bar.h);
            let tag = Tag::Resize {
                id: inv.id.clone(),
                end,
            };
            self.front(
                Shape::Rect {
                    rect,
                    fill: Some(INK.with_alpha(90)),
                    stroke: None,
                    radius: 1.0,
                },
                tag,
            );
        }
        let r = KNOB_RADIUS;
        let knob = Rect::new(bar.right() + 2.0, bar.y + bar.h / 2.0 - r, 2.0 * r, 2.0 * r);
        let shape = Shape::Rect {
            rect: knob,
            fill: Some(PAPER),
            stroke: Some(Stroke::solid(1.5, INK)),
            radius: r,
        };
        self.front(shape, Tag::LinkHandle(inv.id.clone()));
    }

    /// A bar's title: inside when it fits, else after the bar when there is room before the
    /// next bar of the row, else shortened inside, else none.
    pub(super) fn bar_label(
        &mut self,
        title: &str,
        bar: Rect,
        next_x: Option<f32>,
        fill: Rgba,
        alpha: f32,
        tag: Tag,
    ) {
        let size = self.label_size;
        let cy = bar.y + bar.h / 2.0;
        // A selected bar has resize handles at its ends and a link handle after it: its title
        // keeps clear of them.
        let handles = matches!(&tag, Tag::Investment(id) if self.has_handles(id));
        let (pad, after) = if handles {
            (HANDLE_WIDTH + 4.0, 2.0 + 2.0 * KNOB_RADIUS + 3.0)
        } else {
            (4.0, 3.0)
        };
        let inside = bar.w - 2.0 * pad;
        let full = text::width(title, size);
        let on_bar = if fill.is_light() { INK } else { PAPER };
        if full <= inside {
            let run = self.run(
                title.to_owned(),
                bar.x + pad,
                cy,
                on_bar.faded(alpha),
                inside,
            );
            return self.label(run, tag);
        }
        let after_x = bar.right() + after;
        let room = next_x.unwrap_or(f32::MAX).min(self.view.chart_right()) - GAP - after_x;
        if full <= room {
            let run = self.run(title.to_owned(), after_x, cy, INK.faded(alpha), room);
            return self.label(run, tag);
        }
        if let Some(text) = text::elide(title, size, inside) {
            let run = self.run(text, bar.x + pad, cy, on_bar.faded(alpha), inside);
            self.label(run, tag);
        }
    }

    /// Bars too narrow to draw one by one, merged into one strip.
    fn density(&mut self, x0: f32, x1: f32, row_y: f32, colour: Rgba, layer: &str) {
        let rect = Rect::new(
            x0,
            row_y + 5.0,
            (x1 - x0).max(1.0),
            self.view.row_height - 10.0,
        );
        let shape = Shape::Rect {
            rect,
            fill: Some(colour.faded(0.55)),
            stroke: None,
            radius: 0.0,
        };
        self.shape(shape, Tag::Density(layer.to_owned()));
    }
}
