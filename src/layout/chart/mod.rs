//! The roadmap chart: ruler, swimlanes with bars and diamonds, links, the dependency lane.

use std::collections::HashSet;

use foldhash::{HashMap, HashMapExt};

use super::scene::{Anchor, Band, Item, Point, Rect, Rgba, Scene, Shape, Stroke, Tag};
use super::scene::{TextRun, Weight};
use super::{RULER_HEIGHT, View};
use crate::analysis::DependencySpan;
use crate::model::{Month, Roadmap};

mod dependencies;
mod lanes;
mod links;
mod ruler;
mod shock;
mod stack;
#[cfg(test)]
mod tests;

use shock::ShockMarks;
use stack::{Placed, merged_spans, stack};

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

/// Lays out `plan` as seen through `view`. `spans` say when each dependency is live: the
/// plan's [`Analysis::spans`](crate::analysis::Analysis::spans), worked out once per plan, not
/// per scene (a span that names another dependency than the plan's at its place is skipped).
pub fn layout(plan: &Roadmap, spans: &[DependencySpan], view: &View) -> Scene {
    let mut chart = Chart::new(plan, view);
    chart.lanes();
    if view.dependencies {
        chart.dependency_lane(spans);
    }
    chart.links();
    chart.shock_line();
    chart.finish()
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

/// Work state while laying out one chart.
struct Chart<'a> {
    plan: &'a Roadmap,
    view: &'a View,
    focus: Option<HashSet<String>>,
    /// Items Find matched.
    highlight: foldhash::HashSet<&'a str>,
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
    /// The selected item and where it lies, in view or not.
    selected: Option<(String, Rect)>,
}

impl<'a> Chart<'a> {
    fn new(plan: &'a Roadmap, view: &'a View) -> Chart<'a> {
        let label_size = (view.row_height * 0.48).clamp(4.0, 16.0);
        Chart {
            plan,
            view,
            focus: match view.selection.as_deref() {
                Some(id) if view.group.len() <= 1 => crate::analysis::focus(plan, id),
                _ => None,
            },
            highlight: view.highlight.iter().map(String::as_str).collect(),
            out: Layers::default(),
            bands: Vec::new(),
            breaks: vec![RULER_HEIGHT],
            ends: HashMap::with_capacity(plan.investments.len() + plan.milestones.len()),
            diamonds: HashMap::new(),
            y: RULER_HEIGHT,
            label_size,
            shock: view.shock.as_ref().map(ShockMarks::of),
            selected: None,
        }
    }

    /// Notes where item `id` lies when it is the selected one.
    fn locate(&mut self, id: &str, at: Rect) {
        if self.view.selection.as_deref() == Some(id) {
            self.selected = Some((id.to_owned(), at));
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
            selected: self.selected,
        }
    }
}

/// Whether items with this tag are laid out whatever the visible band: the ruler, the time
/// cursor and the lane frames.
fn is_pinned(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Ruler | Tag::Cursor | Tag::Lane(_) | Tag::DependencyLane
    )
}
