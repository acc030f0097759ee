//! The roadmap chart: ruler, swimlanes with bars and diamonds, links, the dependency lane.

use std::collections::{HashMap, HashSet};

use super::scene::{Anchor, Band, BarEnd, Item, Point, Rect, Rgba, Scene, Shape, Stroke, Tag};
use super::scene::{TextRun, Weight};
use super::{MAX_MILESTONE_ROWS, MIN_BAR_WIDTH, RULER_HEIGHT, View, text};
use crate::analysis;
use crate::model::{Month, Roadmap};

/// Dark text.
const INK: Rgba = Rgba::rgb(0x1E, 0x29, 0x3B);
/// Secondary text and links.
const MUTED: Rgba = Rgba::rgb(0x64, 0x74, 0x8B);
/// Grid lines and borders.
const RULE: Rgba = Rgba::rgb(0xCB, 0xD5, 0xE1);
/// Alternate lane background.
const STRIPE: Rgba = Rgba::rgb(0xF8, 0xFA, 0xFC);
/// Plain background.
const PAPER: Rgba = Rgba::rgb(0xFF, 0xFF, 0xFF);
/// The time cursor.
const CURSOR: Rgba = Rgba::rgb(0xE1, 0x1D, 0x48);
/// Width of the resize handles at the ends of a selected bar.
const HANDLE_WIDTH: f32 = 5.0;
/// Radius of the link handle after a selected bar.
const KNOB_RADIUS: f32 = 4.0;
/// Size of the time cursor's date on the ruler.
const CURSOR_LABEL_SIZE: f32 = 8.0;
/// The highlight behind what Find matched.
const FOUND: Rgba = Rgba::rgb(0xFD, 0xE0, 0x47);
/// The outline of the critical path's items and links.
const CRITICAL: Rgba = Rgba::rgb(0xC0, 0x26, 0xD3);
/// What a cut-off marks: the shock line, hit lanes, cut bars and rings on milestones at risk.
const SHOCK: Rgba = Rgba::rgb(0xB9, 0x1C, 0x1C);
/// Opacity factor of items outside the focus.
const DIMMED: f32 = 0.25;
/// Padding above and below the rows of a lane.
const LANE_PAD: f32 = 4.0;
/// Gap between a label and the next thing in its row.
const GAP: f32 = 4.0;

/// Lays out `plan` as seen through `view`.
pub fn layout(plan: &Roadmap, view: &View) -> Scene {
    let mut chart = Chart::new(plan, view);
    chart.lanes();
    if view.dependencies {
        chart.dependency_lane();
    }
    chart.links();
    chart.shock_line();
    chart.finish()
}

/// The ids a cut-off marks, for quick look-up while laying out.
struct ShockMarks<'a> {
    /// The month access is cut.
    at: Month,
    /// Layers with a cut dependency.
    hit: HashSet<&'a str>,
    /// Dependencies cut.
    cut: HashSet<&'a str>,
    /// Milestones at risk.
    at_risk: HashSet<&'a str>,
}

impl<'a> ShockMarks<'a> {
    fn of(shock: &'a analysis::sovereignty::Shock) -> ShockMarks<'a> {
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

/// Where the ends of a placed item are, for arrows.
#[derive(Debug, Clone, Copy)]
struct Ends {
    /// Where arrows into the item arrive.
    start: Point,
    /// Where arrows out of the item leave.
    end: Point,
}

/// Items in paint order groups.
#[derive(Default)]
struct Layers {
    back: Vec<Item>,
    shapes: Vec<Item>,
    links: Vec<Item>,
    labels: Vec<Item>,
    front: Vec<Item>,
}

/// Rows of half-open spans, first fit; zoom-independent so rows never jump while zooming.
struct Stack {
    /// Row of each span.
    row: Vec<usize>,
    /// Start of the next span in the same row, if any.
    next: Vec<Option<i64>>,
    /// Number of rows used.
    rows: usize,
}

/// Stacks spans (`start`, `end`, half-open) into rows so that no two in a row overlap.
fn stack(spans: &[(i64, i64)]) -> Stack {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| (spans[i].0, spans[i].1, i));
    let mut row_end: Vec<i64> = Vec::new();
    let mut row_last: Vec<usize> = Vec::new();
    let mut row = vec![0; spans.len()];
    let mut next = vec![None; spans.len()];
    for i in order {
        let (start, end) = spans[i];
        let r = match row_end.iter().position(|&e| e <= start) {
            Some(r) => r,
            None => {
                row_end.push(i64::MIN);
                row_last.push(usize::MAX);
                row_end.len() - 1
            }
        };
        if let Some(prev) = next.get_mut(row_last[r]) {
            *prev = Some(start);
        }
        row_end[r] = end.max(start + 1);
        row_last[r] = i;
        row[i] = r;
    }
    Stack {
        row,
        next,
        rows: row_end.len(),
    }
}

/// The ids highlighted by the selection; `None` when nothing is dimmed.
fn focus_set(plan: &Roadmap, selection: Option<&str>) -> Option<HashSet<String>> {
    let id = selection?;
    let mut set: HashSet<String> = HashSet::new();
    set.insert(id.to_owned());
    let mut stack: Vec<String> = Vec::new();
    if let Some(m) = plan.milestone(id) {
        stack.extend(m.needs.iter().cloned());
        set.extend(m.removes.iter().cloned());
        set.extend(m.introduces.iter().cloned());
    } else if let Some(inv) = plan.investment(id) {
        stack.extend(inv.after.iter().cloned());
        for m in plan
            .milestones
            .iter()
            .filter(|m| m.needs.iter().any(|n| n == id))
        {
            set.insert(m.id.clone());
        }
        for i in plan
            .investments
            .iter()
            .filter(|i| i.after.iter().any(|a| a == id))
        {
            set.insert(i.id.clone());
        }
    } else if plan.dependency(id).is_some() {
        for m in &plan.milestones {
            if m.removes.iter().chain(&m.introduces).any(|d| d == id) {
                set.insert(m.id.clone());
            }
        }
    } else {
        return None;
    }
    let investments: HashMap<&str, &crate::model::Investment> = plan
        .investments
        .iter()
        .map(|i| (i.id.as_str(), i))
        .collect();
    let milestones: HashMap<&str, &crate::model::Milestone> =
        plan.milestones.iter().map(|m| (m.id.as_str(), m)).collect();
    while let Some(next) = stack.pop() {
        if !set.insert(next.clone()) {
            continue;
        }
        if let Some(inv) = investments.get(next.as_str()) {
            stack.extend(inv.after.iter().cloned());
        } else if let Some(m) = milestones.get(next.as_str()) {
            stack.extend(m.needs.iter().cloned());
        }
    }
    Some(set)
}

/// A dependency's bar: from the horizon start (or its introduction) to its removal.
struct DepSpan {
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
fn dependency_spans(plan: &Roadmap, view: &View) -> Vec<DepSpan> {
    let half = |m: Month| 2 * i64::from(view.from.months_until(m));
    let mut milestone_at: HashMap<&str, usize> = HashMap::new();
    for (i, m) in plan.milestones.iter().enumerate() {
        milestone_at.entry(m.id.as_str()).or_insert(i);
    }
    analysis::dependency_spans(plan)
        .into_iter()
        .zip(&plan.dependencies)
        .enumerate()
        .filter(|(_, (_, d))| view.shows_layer(&d.layer))
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

/// Work state while laying out one chart.
struct Chart<'a> {
    plan: &'a Roadmap,
    view: &'a View,
    focus: Option<HashSet<String>>,
    /// Items Find matched.
    highlight: HashSet<&'a str>,
    out: Layers,
    bands: Vec<Band>,
    breaks: Vec<f32>,
    ends: HashMap<&'a str, Ends>,
    /// Diamond centres of milestones, by index.
    diamonds: HashMap<usize, Point>,
    y: f32,
    label_size: f32,
    /// The cut-off marked, if any.
    shock: Option<ShockMarks<'a>>,
}

impl<'a> Chart<'a> {
    fn new(plan: &'a Roadmap, view: &'a View) -> Chart<'a> {
        let label_size = (view.row_height * 0.48).clamp(4.0, 16.0);
        Chart {
            plan,
            view,
            focus: if view.group.len() > 1 {
                None
            } else {
                focus_set(plan, view.selection.as_deref())
            },
            highlight: view.highlight.iter().map(String::as_str).collect(),
            out: Layers::default(),
            bands: Vec::new(),
            breaks: vec![RULER_HEIGHT],
            ends: HashMap::new(),
            diamonds: HashMap::new(),
            y: RULER_HEIGHT,
            label_size,
            shock: view.shock.as_ref().map(ShockMarks::of),
        }
    }

    /// Opacity factor for the item with this id.
    fn alpha(&self, id: &str) -> f32 {
        match &self.focus {
            Some(set) if !set.contains(id) => DIMMED,
            _ => 1.0,
        }
    }

    /// Whether `id` is selected (alone or with others).
    fn selected(&self, id: &str) -> bool {
        self.view.selection.as_deref() == Some(id) || self.view.group.iter().any(|g| g == id)
    }

    /// Whether `id` is selected alone, so it carries resize and link handles.
    fn has_handles(&self, id: &str) -> bool {
        self.view.selection.as_deref() == Some(id) && self.view.group.len() <= 1
    }

    /// The outline of an item: dark when selected, in the critical path's colour when on the
    /// outlined chain, none otherwise.
    fn outline_of(&self, id: &str) -> Option<Stroke> {
        if self.selected(id) {
            Some(Stroke::solid(2.0, INK))
        } else if self.view.outline.iter().any(|o| o == id) {
            Some(Stroke::solid(2.0, CRITICAL))
        } else {
            None
        }
    }

    /// A highlight behind `around` when the item `id` is one Find matched.
    fn highlight(&mut self, id: &str, around: Rect) {
        if self.highlight.contains(id) {
            let shape = Shape::Rect {
                rect: around.expand(3.0),
                fill: Some(FOUND),
                stroke: None,
                radius: 4.0,
            };
            self.back(shape, Tag::Chrome);
        }
    }

    /// Whether the link `from` → `to` joins two neighbours of the outlined chain.
    fn on_outline(&self, from: &str, to: &str) -> bool {
        self.view
            .outline
            .windows(2)
            .any(|pair| pair[0] == from && pair[1] == to)
    }

    /// The centre x of a month (where diamonds sit).
    fn mid_x(&self, month: Month) -> f32 {
        self.view.x_of(month) + self.view.month_width / 2.0
    }

    /// x of a half-month offset from the view's first month.
    fn half_x(&self, half: i64) -> f32 {
        self.view.header_width + half as f32 * self.view.month_width / 2.0
    }

    /// Whether the band from `top` to `bottom` overlaps the visible vertical range; items
    /// outside it are not built at all (their labels are the costly part).
    fn in_view(&self, top: f32, bottom: f32) -> bool {
        self.view
            .visible
            .is_none_or(|(t, b)| bottom >= t && top <= b)
    }

    /// Whether a shape should be emitted (it overlaps the visible vertical range).
    fn visible(&self, shape: &Shape) -> bool {
        match self.view.visible {
            None => true,
            Some((top, bottom)) => {
                let b = shape.bounds();
                b.bottom() >= top && b.y <= bottom
            }
        }
    }

    fn emit(&self, into: &mut Vec<Item>, shape: Shape, tag: Tag) {
        // The ruler and the time cursor stay on screen whatever the scroll (the canvas pins
        // them), and so do the few lane frames (the canvas keeps a tall lane's name in view).
        if is_pinned(&tag) || self.visible(&shape) {
            into.push(Item { shape, tag });
        }
    }

    fn back(&mut self, shape: Shape, tag: Tag) {
        let mut v = std::mem::take(&mut self.out.back);
        self.emit(&mut v, shape, tag);
        self.out.back = v;
    }

    fn shape(&mut self, shape: Shape, tag: Tag) {
        let mut v = std::mem::take(&mut self.out.shapes);
        self.emit(&mut v, shape, tag);
        self.out.shapes = v;
    }

    fn link(&mut self, shape: Shape, tag: Tag) {
        let mut v = std::mem::take(&mut self.out.links);
        self.emit(&mut v, shape, tag);
        self.out.links = v;
    }

    fn label(&mut self, run: TextRun, tag: Tag) {
        let mut v = std::mem::take(&mut self.out.labels);
        self.emit(&mut v, Shape::Text(run), tag);
        self.out.labels = v;
    }

    fn front(&mut self, shape: Shape, tag: Tag) {
        let mut v = std::mem::take(&mut self.out.front);
        self.emit(&mut v, shape, tag);
        self.out.front = v;
    }

    /// A text run at the label size.
    fn run(&self, text: String, x: f32, centre_y: f32, colour: Rgba, max_width: f32) -> TextRun {
        TextRun {
            text,
            pos: Point::new(x, centre_y + self.label_size * 0.35),
            size: self.label_size,
            colour,
            weight: Weight::Regular,
            anchor: Anchor::Start,
            max_width,
        }
    }

    /// Lane background and header for a band from `top` to `bottom`.
    fn lane_frame(&mut self, top: f32, bottom: f32, name: &str, colour: Rgba, tag: Tag, n: usize) {
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
    fn lanes(&mut self) {
        let plan = self.plan;
        let shown = plan.layers.iter().filter(|l| self.view.shows_layer(&l.id));
        for (n, layer) in shown.enumerate() {
            self.lane(n, layer);
        }
    }

    /// One swimlane: milestone rows on top, stacked investment rows below.
    fn lane(&mut self, n: usize, layer: &'a crate::model::Layer) {
        let plan = self.plan;
        let view = self.view;
        let row_h = view.row_height;
        let colour = Rgba::from(layer.colour);
        let milestones: Vec<usize> = (0..plan.milestones.len())
            .filter(|&i| plan.milestones[i].layer == layer.id)
            .collect();
        let investments: Vec<usize> = (0..plan.investments.len())
            .filter(|&i| plan.investments[i].layer == layer.id)
            .collect();
        if view.is_collapsed(&layer.id) {
            return self.summary_lane(n, layer, &milestones, &investments);
        }
        let placed = self.place_milestones(&milestones);
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

    fn diamond_half(&self) -> f32 {
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
    fn bar_label(
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

    /// The lane of external dependencies, each a bar until the milestone that removes it.
    fn dependency_lane(&mut self) {
        let plan = self.plan;
        let view = self.view;
        let row_h = view.row_height;
        let spans = dependency_spans(plan, view);
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

    /// A red wash over a lane the cut-off hits, from the cut to the view's end.
    fn hit_wash(&mut self, layer: &str, top: f32, bottom: f32) {
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
    fn cut_overlay(&mut self, id: &str, bar: Rect) {
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
    fn shock_line(&mut self) {
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

    /// `after` and `needs` arrows between placed items in view.
    fn links(&mut self) {
        let plan = self.plan;
        for inv in &plan.investments {
            for before in &inv.after {
                self.arrow(before, &inv.id);
            }
        }
        for m in &plan.milestones {
            for need in &m.needs {
                self.arrow(need, &m.id);
            }
        }
    }

    /// An arrow from the end of `from` to the start of `to`, if both are placed and in view.
    fn arrow(&mut self, from: &str, to: &str) {
        let (Some(a), Some(b)) = (self.ends.get(from), self.ends.get(to)) else {
            return;
        };
        let (p, q) = (a.end, b.start);
        if !self.in_view(p.y.min(q.y) - 6.0, p.y.max(q.y) + 6.0) {
            return;
        }
        let (left, right) = (self.view.chart_left(), self.view.chart_right());
        if p.x.max(q.x) < left || p.x.min(q.x) > right || p.x < left || q.x > right {
            return;
        }
        let alpha = self.alpha(from).min(self.alpha(to));
        let (colour, width) = if self.on_outline(from, to) {
            (CRITICAL, 2.0)
        } else {
            (MUTED.faded(alpha), 1.0)
        };
        let points = if q.x > p.x + 8.0 && (q.y - p.y).abs() > 0.5 {
            let mid = q.x - 5.0;
            vec![p, Point::new(mid, p.y), Point::new(mid, q.y), q]
        } else {
            vec![p, q]
        };
        let tag = Tag::Link {
            from: from.to_owned(),
            to: to.to_owned(),
        };
        let head = arrow_head(points[points.len() - 2], q, 5.0);
        self.link(
            Shape::Line {
                points,
                stroke: Stroke::solid(width, colour),
            },
            tag.clone(),
        );
        self.link(
            Shape::Polygon {
                points: head,
                fill: Some(colour),
                stroke: None,
            },
            tag,
        );
    }

    /// Vertical grid lines at years (and quarters when wide enough).
    fn grid(&mut self, bottom: f32) {
        let view = self.view;
        let mw = view.month_width;
        let step = if mw * 3.0 >= 18.0 { 3 } else { 12 };
        let mut m = view.from;
        while m <= view.to {
            if (m.month() - 1).is_multiple_of(step) && m != view.from {
                let x = view.x_of(m);
                let colour = if m.month() == 1 {
                    RULE
                } else {
                    RULE.lighten(0.5)
                };
                let points = vec![Point::new(x, RULER_HEIGHT), Point::new(x, bottom)];
                self.back(
                    Shape::Line {
                        points,
                        stroke: Stroke::solid(0.5, colour),
                    },
                    Tag::Grid,
                );
            }
            m = m.plus(1);
        }
    }

    /// The two-tier time ruler: years on top, then quarters or months by zoom.
    fn ruler(&mut self) {
        let view = self.view;
        let mw = view.month_width;
        let tier = RULER_HEIGHT / 2.0;
        let size = (tier * 0.55).min(self.label_size.max(8.0));
        let bg = Rect::new(0.0, 0.0, view.chart_right(), RULER_HEIGHT);
        self.front(
            Shape::Rect {
                rect: bg,
                fill: Some(PAPER),
                stroke: None,
                radius: 0.0,
            },
            Tag::Ruler,
        );
        let year_w = 12.0 * mw;
        let every = (1..)
            .find(|k| *k as f32 * year_w >= text::width("2026", size) + 6.0)
            .unwrap_or(1);
        let mut m = view.from;
        while m <= view.to {
            let year_end = Month::new(m.year(), 12).unwrap_or(m).min(view.to);
            let x0 = view.x_of(m);
            let x1 = view.x_of(year_end.plus(1));
            let tick = vec![Point::new(x0, 0.0), Point::new(x0, RULER_HEIGHT)];
            self.front(
                Shape::Line {
                    points: tick,
                    stroke: Stroke::solid(0.5, RULE),
                },
                Tag::Ruler,
            );
            if m.year() % every == 0 || every == 1 {
                let label = m.year().to_string();
                if text::width(&label, size) <= x1 - x0 - 4.0 || every > 1 {
                    let run = TextRun {
                        text: label,
                        pos: Point::new(x0 + 3.0, tier * 0.5 + size * 0.4),
                        size,
                        colour: INK,
                        weight: Weight::Bold,
                        anchor: Anchor::Start,
                        max_width: (every as f32 * year_w - 4.0).max(1.0),
                    };
                    self.front(Shape::Text(run), Tag::Ruler);
                }
            }
            m = year_end.plus(1);
        }
        self.ruler_lower(tier, size * 0.9);
        let line = vec![
            Point::new(0.0, RULER_HEIGHT),
            Point::new(view.chart_right(), RULER_HEIGHT),
        ];
        self.front(
            Shape::Line {
                points: line,
                stroke: Stroke::solid(1.0, RULE),
            },
            Tag::Ruler,
        );
    }

    /// The lower ruler tier: month names, month initials or quarters, whichever fits.
    fn ruler_lower(&mut self, tier: f32, size: f32) {
        const NAMES: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let view = self.view;
        let mw = view.month_width;
        let (step, long) = if mw >= text::width("May", size) + 6.0 {
            (1, true)
        } else if mw >= text::width("M", size) + 4.0 {
            (1, false)
        } else if 3.0 * mw >= text::width("Q4", size) + 6.0 {
            (3, false)
        } else {
            return;
        };
        let cursor = self.cursor_label();
        let mut m = view.from;
        while m <= view.to {
            let index = m.month() as usize - 1;
            if index.is_multiple_of(step) || m == view.from {
                let label = match (step, long) {
                    (1, true) => NAMES[index].to_owned(),
                    (1, false) => NAMES[index].chars().take(1).collect(),
                    _ => format!("Q{}", m.quarter()),
                };
                let width = mw * (step - index % step) as f32;
                let centre = view.x_of(m) + width / 2.0;
                let half = text::width(&label, size).min(width) / 2.0;
                if cursor.is_some_and(|c| c.x < centre + half && c.right() > centre - half) {
                    // The time cursor's date takes this place.
                    m = m.plus(1);
                    continue;
                }
                let run = TextRun {
                    text: label,
                    pos: Point::new(centre, tier * 1.5 + size * 0.4),
                    size,
                    colour: MUTED,
                    weight: Weight::Regular,
                    anchor: Anchor::Middle,
                    max_width: width,
                };
                self.front(Shape::Text(run), Tag::Ruler);
            }
            m = m.plus(1);
        }
    }

    /// Where the time cursor's date goes in the lower ruler tier (its text and the box behind
    /// it), when the cursor is in view.
    fn cursor_label(&self) -> Option<Rect> {
        let view = self.view;
        let month = view.cursor.filter(|m| *m >= view.from && *m <= view.to)?;
        let w = text::width(&month.to_string(), CURSOR_LABEL_SIZE);
        let tier = RULER_HEIGHT / 2.0;
        Some(Rect::new(
            self.mid_x(month) + 1.0,
            tier,
            w + 5.0,
            tier - 1.0,
        ))
    }

    /// The time cursor line, and its date on the ruler on a box of its own.
    fn cursor(&mut self, bottom: f32) {
        let view = self.view;
        let (Some(month), Some(label)) = (view.cursor, self.cursor_label()) else {
            return;
        };
        let x = self.mid_x(month);
        let points = vec![Point::new(x, 0.0), Point::new(x, bottom)];
        self.front(
            Shape::Line {
                points,
                stroke: Stroke::solid(1.5, CURSOR),
            },
            Tag::Cursor,
        );
        self.front(
            Shape::Rect {
                rect: label,
                fill: Some(PAPER),
                stroke: None,
                radius: 0.0,
            },
            Tag::Cursor,
        );
        let run = TextRun {
            text: month.to_string(),
            pos: Point::new(label.x + 2.0, RULER_HEIGHT - 4.0),
            size: CURSOR_LABEL_SIZE,
            colour: CURSOR,
            weight: Weight::Bold,
            anchor: Anchor::Start,
            max_width: label.w,
        };
        self.front(Shape::Text(run), Tag::Cursor);
    }

    /// Assembles the scene: ruler, grid, cursor and legend around the lanes.
    fn finish(mut self) -> Scene {
        let view = self.view;
        let bottom = self.y;
        self.grid(bottom);
        self.ruler();
        self.cursor(bottom);
        let mut width = view.chart_right() + 1.0;
        let mut height = bottom + 1.0;
        let out = std::mem::take(&mut self.out);
        let mut items = out.back;
        items.extend(out.shapes);
        items.extend(out.links);
        items.extend(out.labels);
        items.extend(out.front);
        if view.legend {
            let legend = super::legend(self.plan, width.max(400.0));
            width = width.max(legend.width);
            let dy = height + 8.0;
            items.extend(
                legend
                    .items
                    .into_iter()
                    .map(|item| item.translated(0.0, dy)),
            );
            height = dy + legend.height;
        }
        self.breaks.dedup_by(|a, b| (*a - *b).abs() < 0.01);
        Scene {
            width,
            height,
            items,
            bands: self.bands,
            ruler_height: RULER_HEIGHT,
            header_width: view.header_width,
            breaks: self.breaks,
        }
    }
}

/// The stretches of time covered by any of `spans` (start, exclusive end), in order.
fn merged_spans(spans: impl Iterator<Item = (Month, Month)>) -> Vec<(Month, Month)> {
    let mut spans: Vec<(Month, Month)> = spans.collect();
    spans.sort();
    let mut out: Vec<(Month, Month)> = Vec::new();
    for (from, to) in spans {
        match out.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => out.push((from, to)),
        }
    }
    out
}

/// Whether items with this tag are laid out whatever the visible band: the ruler, the time
/// cursor and the lane frames.
fn is_pinned(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Ruler | Tag::Cursor | Tag::Lane(_) | Tag::DependencyLane
    )
}

/// A milestone placed in a row of its lane, with how far right its label may reach.
struct Placed {
    index: usize,
    row: usize,
    limit: f32,
}

/// A filled triangle at `tip` pointing away from `from`.
fn arrow_head(from: Point, tip: Point, size: f32) -> Vec<Point> {
    let (dx, dy) = (tip.x - from.x, tip.y - from.y);
    let len = (dx * dx + dy * dy).sqrt().max(0.001);
    let (ux, uy) = (dx / len, dy / len);
    let back = Point::new(tip.x - ux * size, tip.y - uy * size);
    let (px, py) = (-uy * size * 0.5, ux * size * 0.5);
    vec![
        tip,
        Point::new(back.x + px, back.y + py),
        Point::new(back.x - px, back.y - py),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ControlLevel, Dependency, Horizon, Investment, Milestone};

    fn month(s: &str) -> Month {
        s.parse().unwrap()
    }

    fn investment(id: &str, layer: &str, start: &str, end: &str) -> Investment {
        Investment {
            id: id.into(),
            title: format!("Investment {id} with a fairly long title"),
            layer: layer.into(),
            start: month(start),
            end: month(end),
            budget: 1000,
            owner: String::new(),
            notes: String::new(),
            after: Vec::new(),
        }
    }

    fn milestone(id: &str, layer: &str, at: &str) -> Milestone {
        Milestone {
            id: id.into(),
            title: format!("Milestone {id} reached"),
            month: month(at),
            layer: layer.into(),
            needs: Vec::new(),
            removes: Vec::new(),
            introduces: Vec::new(),
            notes: String::new(),
            evidence: Vec::new(),
        }
    }

    fn plan() -> Roadmap {
        let horizon = Horizon {
            start: month("2026-01"),
            end: month("2030-12"),
        };
        let mut plan = Roadmap::blank("Test", horizon);
        plan.investments = vec![
            investment("a", "compute", "2026-01", "2026-12"),
            investment("b", "compute", "2026-06", "2027-06"),
            investment("c", "compute", "2027-01", "2027-12"),
            investment("d", "models", "2029-01", "2030-06"),
        ];
        plan.investments[2].after = vec!["a".into()];
        let mut m = milestone("m1", "models", "2028-06");
        m.needs = vec!["c".into()];
        m.removes = vec!["dep".into()];
        plan.milestones = vec![
            m,
            milestone("m2", "models", "2028-07"),
            milestone("m3", "models", "2028-08"),
        ];
        plan.dependencies = vec![Dependency {
            id: "dep".into(),
            name: "Imported accelerators".into(),
            layer: "compute".into(),
            controller: "Vendor".into(),
            jurisdiction: String::new(),
            control: ControlLevel::BlackBox,
            criticality: 4,
            notes: String::new(),
            evidence: Vec::new(),
            assessment: Vec::new(),
        }];
        plan
    }

    fn rect_of(scene: &Scene, tag: &Tag) -> Option<Rect> {
        scene
            .items
            .iter()
            .find_map(|item| match (&item.shape, &item.tag) {
                (Shape::Rect { rect, .. }, t) if t == tag => Some(*rect),
                _ => None,
            })
    }

    #[test]
    fn overlapping_bars_stack_in_sub_rows() {
        let plan = plan();
        let scene = layout(&plan, &View::whole(&plan));
        let a = rect_of(&scene, &Tag::Investment("a".into())).unwrap();
        let b = rect_of(&scene, &Tag::Investment("b".into())).unwrap();
        let c = rect_of(&scene, &Tag::Investment("c".into())).unwrap();
        assert!(b.y > a.y, "b overlaps a in time, so it goes below");
        assert_eq!(c.y, a.y, "c starts after a ends, so it shares a's row");
        assert!(!a.intersects(&b) && !b.intersects(&c));
    }

    #[test]
    fn stack_reuses_the_first_free_row() {
        let st = stack(&[(0, 10), (5, 15), (10, 20), (12, 14)]);
        assert_eq!(st.row, vec![0, 1, 0, 2]);
        assert_eq!(st.rows, 3);
        assert_eq!(st.next[0], Some(10));
        assert_eq!(st.next[1], None);
    }

    #[test]
    fn labels_never_overlap() {
        let mut plan = plan();
        for i in 0..40 {
            let start = Month::from_index(month("2026-01").index() + (i * 7) % 50);
            let end = start.plus(1 + i % 9);
            let mut inv = investment(&format!("x{i}"), "data", "2026-01", "2026-01");
            inv.start = start;
            inv.end = end;
            plan.investments.push(inv);
            let mut m = milestone(&format!("y{i}"), "talent", "2026-01");
            m.month = start.plus(i % 3);
            plan.milestones.push(m);
        }
        for zoom in [3.0, 8.0, 12.0, 30.0] {
            let mut view = View::whole(&plan);
            view.month_width = zoom;
            let scene = layout(&plan, &view);
            let labels: Vec<Rect> = scene
                .items
                .iter()
                .filter(|i| {
                    matches!(
                        i.tag,
                        Tag::Investment(_) | Tag::Milestone(_) | Tag::Dependency(_)
                    )
                })
                .filter_map(|i| match &i.shape {
                    Shape::Text(run) => Some(run.bounds()),
                    _ => None,
                })
                .collect();
            assert!(!labels.is_empty());
            for (i, a) in labels.iter().enumerate() {
                for b in &labels[i + 1..] {
                    let overlap = a.x < b.right() - 0.5
                        && b.x < a.right() - 0.5
                        && a.y < b.bottom() - 0.5
                        && b.y < a.bottom() - 0.5;
                    assert!(!overlap, "zoom {zoom}: {a:?} overlaps {b:?}");
                }
            }
        }
    }

    #[test]
    fn items_outside_the_time_range_are_culled() {
        let plan = plan();
        let view = View::new(month("2026-01"), month("2026-12"));
        let scene = layout(&plan, &view);
        assert!(rect_of(&scene, &Tag::Investment("a".into())).is_some());
        assert!(rect_of(&scene, &Tag::Investment("d".into())).is_none());
        assert!(
            !scene
                .items
                .iter()
                .any(|i| i.tag == Tag::Milestone("m1".into()))
        );
        for item in &scene.items {
            let b = item.shape.bounds();
            assert!(
                b.x >= -0.01 && b.right() <= scene.width + 0.01,
                "{item:?} outside the scene"
            );
        }
    }

    #[test]
    fn tags_name_what_is_drawn_and_hit_testing_finds_it() {
        let plan = plan();
        let scene = layout(&plan, &View::whole(&plan));
        let b = rect_of(&scene, &Tag::Investment("b".into())).unwrap();
        let hit = scene
            .hit(Point::new(b.x + b.w / 2.0, b.y + b.h / 2.0), 0.0)
            .unwrap();
        assert_eq!(hit.tag, Tag::Investment("b".into()));
        let link = Tag::Link {
            from: "a".into(),
            to: "c".into(),
        };
        assert!(scene.items.iter().any(|i| i.tag == link));
        let needs = Tag::Link {
            from: "c".into(),
            to: "m1".into(),
        };
        assert!(scene.items.iter().any(|i| i.tag == needs));
        let removal = Tag::Removal {
            dependency: "dep".into(),
            milestone: "m1".into(),
        };
        assert!(scene.items.iter().any(|i| i.tag == removal));
        assert!(rect_of(&scene, &Tag::Dependency("dep".into())).is_some());
        let compute = scene
            .bands
            .iter()
            .find(|band| band.layer.as_deref() == Some("compute"))
            .unwrap();
        assert_eq!(scene.band_at(b.y).unwrap().layer, compute.layer);
    }

    #[test]
    fn dependency_bar_ends_at_the_removing_milestone() {
        let plan = plan();
        let view = View::whole(&plan);
        let scene = layout(&plan, &view);
        let bar = rect_of(&scene, &Tag::Dependency("dep".into())).unwrap();
        let m1 = view.x_of(month("2028-06")) + view.month_width / 2.0;
        assert!((bar.right() - m1).abs() < 1.0, "{} vs {m1}", bar.right());
        assert!((bar.x - view.chart_left()).abs() < 1.0);
    }

    #[test]
    fn narrow_bars_become_lane_density() {
        let plan = plan();
        let mut view = View::whole(&plan);
        view.month_width = 0.2;
        let scene = layout(&plan, &view);
        assert!(scene.items.iter().any(|i| matches!(i.tag, Tag::Density(_))));
        assert!(rect_of(&scene, &Tag::Investment("a".into())).is_none());
    }

    #[test]
    fn selecting_a_milestone_dims_what_it_does_not_need() {
        let plan = plan();
        let mut view = View::whole(&plan);
        view.selection = Some("m1".into());
        let scene = layout(&plan, &view);
        let fill = |id: &str| {
            scene.items.iter().find_map(|i| match (&i.shape, &i.tag) {
                (Shape::Rect { fill: Some(f), .. }, Tag::Investment(x)) if x == id => Some(f.a),
                _ => None,
            })
        };
        assert_eq!(fill("c"), Some(255), "m1 needs c");
        assert_eq!(fill("a"), Some(255), "c comes after a");
        assert!(fill("b").unwrap() < 255, "b is not needed");
    }

    #[test]
    fn only_the_visible_band_is_emitted() {
        let plan = plan();
        let mut view = View::whole(&plan);
        let all = layout(&plan, &view);
        view.visible = Some((0.0, 80.0));
        let part = layout(&plan, &view);
        assert!(part.items.len() < all.items.len());
        assert_eq!(part.height, all.height);
    }

    #[test]
    fn culling_keeps_every_item_that_reaches_into_the_visible_band() {
        let plan = crate::generate::large_plan(400, 5);
        let mut view = View::whole(&plan);
        let all = layout(&plan, &view);
        for band in [
            (0.0, 300.0),
            (500.0, 900.0),
            (all.height - 200.0, all.height),
        ] {
            view.visible = Some(band);
            let part = layout(&plan, &view);
            let wanted: Vec<&Item> = all
                .items
                .iter()
                .filter(|i| {
                    let b = i.shape.bounds();
                    is_pinned(&i.tag) || (b.bottom() >= band.0 && b.y <= band.1)
                })
                .collect();
            assert_eq!(part.items.len(), wanted.len(), "band {band:?}");
            for item in wanted {
                assert!(
                    part.items.contains(item),
                    "{:?} missing in {band:?}",
                    item.tag
                );
            }
        }
    }

    #[test]
    fn a_collapsed_lane_is_one_row_of_merged_summary_bars() {
        let plan = plan();
        let mut view = View::whole(&plan);
        let open = layout(&plan, &view);
        view.collapsed = vec!["compute".into()];
        let shut = layout(&plan, &view);
        let band = |scene: &Scene| {
            let b = scene
                .bands
                .iter()
                .find(|b| b.layer.as_deref() == Some("compute"))
                .unwrap();
            b.bottom - b.top
        };
        assert!(band(&open) > 2.0 * view.row_height, "a, b, c stack in rows");
        assert_eq!(band(&shut), view.row_height + 2.0 * LANE_PAD);
        let bars = |scene: &Scene, tag: fn(&Tag) -> bool| {
            scene
                .items
                .iter()
                .filter(|i| tag(&i.tag) && matches!(i.shape, Shape::Rect { .. }))
                .map(|i| i.shape.bounds())
                .collect::<Vec<_>>()
        };
        assert!(bars(&shut, |t| matches!(t, Tag::Investment(id) if id != "d")).is_empty());
        let summary = bars(&shut, |t| *t == Tag::Density("compute".into()));
        assert_eq!(summary.len(), 1, "a, b and c overlap: one bar");
        assert_eq!(summary[0].x, view.x_of(month("2026-01")));
        assert_eq!(summary[0].right(), view.x_of(month("2028-01")));
        let models = rect_of(&shut, &Tag::Investment("d".into())).unwrap();
        let before = rect_of(&open, &Tag::Investment("d".into())).unwrap();
        assert!(models.y < before.y, "the lanes below move up");
        let name = shut.items.iter().find_map(|i| match (&i.shape, &i.tag) {
            (Shape::Text(run), Tag::Lane(id)) if id == "compute" => Some(run.text.clone()),
            _ => None,
        });
        assert_eq!(name.as_deref(), Some("Compute (3)"));
    }

    #[test]
    fn several_selected_items_are_all_outlined_without_handles_or_dimming() {
        let plan = plan();
        let mut view = View::whole(&plan);
        view.selection = Some("a".into());
        view.group = vec!["c".into(), "a".into()];
        let scene = layout(&plan, &view);
        for id in ["a", "c"] {
            let outlined = scene.items.iter().any(|i| {
                i.tag == Tag::Investment(id.into())
                    && matches!(&i.shape, Shape::Rect { stroke: Some(s), .. } if s.colour == INK)
            });
            assert!(outlined, "{id} is drawn selected");
        }
        assert!(
            !scene
                .items
                .iter()
                .any(|i| matches!(i.tag, Tag::Resize { .. }))
        );
        let d_alpha = scene.items.iter().find_map(|i| match (&i.tag, &i.shape) {
            (Tag::Investment(id), Shape::Rect { fill: Some(f), .. }) if id == "d" => Some(f.a),
            _ => None,
        });
        assert_eq!(d_alpha, Some(255), "nothing is dimmed");
    }
}
