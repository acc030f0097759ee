//! Turns a roadmap and a view into a scene of positioned shapes and text.
//!
//! One layout feeds the canvas and every exporter: [`layout`] computes geometry once, in
//! abstract units, and tags each item with the id it draws.

pub mod axis;
mod chart;
pub mod comparison;
pub mod exposure;
pub mod ghosts;
mod legend;
pub mod overview;
pub mod page;
pub mod report;
mod scene;
pub mod slide;
pub mod sovereignty;
pub mod text;
pub mod theme;

pub use chart::layout;
pub use legend::legend;
pub use scene::{
    Anchor, Band, BarEnd, Item, Point, Rect, Rgba, Scene, Shape, Stroke, Tag, TextRun, Weight,
};

use crate::analysis::sovereignty::Shock;
use crate::model::{Month, Roadmap};

/// Height of the time ruler (two tiers).
pub const RULER_HEIGHT: f32 = 36.0;
/// Bars narrower than this are drawn as lane density instead of one by one.
pub const MIN_BAR_WIDTH: f32 = 4.0;
/// At most this many rows of milestones per lane; beyond it labels are shortened.
pub const MAX_MILESTONE_ROWS: usize = 3;

/// What part of a plan to lay out, and how big.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    /// First month shown.
    pub from: Month,
    /// Last month shown (inclusive).
    pub to: Month,
    /// Width of one month in units.
    pub month_width: f32,
    /// Height of one row (a bar plus its spacing) in units.
    pub row_height: f32,
    /// Width of the lane header column.
    pub header_width: f32,
    /// Ids of the layers shown, in plan order; empty means all.
    pub layers: Vec<String>,
    /// The selected item: it and what it is linked to are highlighted, the rest dimmed.
    pub selection: Option<String>,
    /// Every item selected when several are (the selection among them): all outlined,
    /// nothing dimmed, no handles.
    pub group: Vec<String>,
    /// Ids of the layers whose lanes are collapsed to one summary row (the editor's view;
    /// exports leave it empty and draw every lane in full).
    pub collapsed: Vec<String>,
    /// Whether the lane names leave room on their left for the editor's collapse triangle.
    pub lane_toggles: bool,
    /// The time cursor, if shown.
    pub cursor: Option<Month>,
    /// A chain of item ids to outline (the critical path to a milestone), earliest first.
    pub outline: Vec<String>,
    /// Ids of items to highlight (what Find matched).
    pub highlight: Vec<String>,
    /// Whether to draw the dependency lane below the layers.
    pub dependencies: bool,
    /// Whether to draw the legend at the bottom.
    pub legend: bool,
    /// Only items overlapping this vertical range (top, bottom) are emitted; `None` = all.
    pub visible: Option<(f32, f32)>,
    /// A cut-off to mark: its month, the lanes it hits, the dependencies it cuts (until the
    /// plan removes them) and the milestones it puts at risk.
    pub shock: Option<Shock>,
}

impl View {
    /// A view of `from`..=`to` at the default zoom (12 units a month).
    pub fn new(from: Month, to: Month) -> View {
        View {
            from,
            to: to.max(from),
            month_width: 12.0,
            row_height: 22.0,
            header_width: 120.0,
            layers: Vec::new(),
            selection: None,
            group: Vec::new(),
            collapsed: Vec::new(),
            lane_toggles: false,
            cursor: None,
            outline: Vec::new(),
            highlight: Vec::new(),
            dependencies: true,
            legend: false,
            visible: None,
            shock: None,
        }
    }

    /// A view of the plan's whole horizon at the default zoom.
    pub fn whole(plan: &Roadmap) -> View {
        View::new(plan.horizon.start, plan.horizon.end)
    }

    /// A view of the whole horizon zoomed so the chart is `width` units wide.
    pub fn fit_width(plan: &Roadmap, width: f32) -> View {
        let mut view = View::whole(plan);
        let chart = (width - view.header_width).max(1.0);
        view.month_width = (chart / view.months() as f32).max(0.05);
        view
    }

    /// Number of months shown.
    pub fn months(&self) -> i32 {
        self.from.months_until(self.to).max(0) + 1
    }

    /// The x position where `month` begins.
    pub fn x_of(&self, month: Month) -> f32 {
        self.header_width + self.from.months_until(month) as f32 * self.month_width
    }

    /// The month under horizontal position `x` (not clamped to the view).
    pub fn month_at(&self, x: f32) -> Month {
        let offset = ((x - self.header_width) / self.month_width.max(0.01)).floor();
        self.from
            .plus(offset.clamp(i32::MIN as f32, i32::MAX as f32) as i32)
    }

    /// Left edge of the time area.
    pub fn chart_left(&self) -> f32 {
        self.header_width
    }

    /// Right edge of the time area.
    pub fn chart_right(&self) -> f32 {
        self.header_width + self.months() as f32 * self.month_width
    }

    /// Whether the lane of the layer with this id is collapsed to one summary row.
    pub fn is_collapsed(&self, id: &str) -> bool {
        self.collapsed.iter().any(|l| l == id)
    }

    /// Whether the layer with this id is shown.
    pub fn shows_layer(&self, id: &str) -> bool {
        self.layers.is_empty() || self.layers.iter().any(|l| l == id)
    }
}
