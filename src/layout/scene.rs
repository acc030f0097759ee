//! The scene: positioned shapes and text in abstract units, each tagged with what it draws.

use crate::model::Colour;

/// A point in scene units (1 unit = 1 pt in PDF = 1 px at 100% on screen); y grows down.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// Horizontal position.
    pub x: f32,
    /// Vertical position (down).
    pub y: f32,
}

impl Point {
    /// The point (x, y).
    pub const fn new(x: f32, y: f32) -> Point {
        Point { x, y }
    }
}

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width (never negative).
    pub w: f32,
    /// Height (never negative).
    pub h: f32,
}

impl Rect {
    /// The rectangle with top-left corner (x, y) and size w × h (negative sizes become 0).
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect {
            x,
            y,
            w: w.max(0.0),
            h: h.max(0.0),
        }
    }

    /// Right edge.
    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    /// The part of the segment from `a` to `b` inside this rectangle, as parameters along it
    /// (0 at `a`, 1 at `b`; Liang–Barsky), or `None` if it misses.
    pub fn clip_segment(&self, a: Point, b: Point) -> Option<(f32, f32)> {
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let (mut t0, mut t1) = (0.0_f32, 1.0_f32);
        for (p, q) in [
            (-dx, a.x - self.x),
            (dx, self.right() - a.x),
            (-dy, a.y - self.y),
            (dy, self.bottom() - a.y),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return None;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
            }
        }
        (t0 <= t1).then_some((t0, t1))
    }

    /// Whether `p` lies inside (edges included).
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x <= self.right() && p.y >= self.y && p.y <= self.bottom()
    }

    /// Whether the two rectangles share some area.
    pub fn intersects(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// The rectangle grown by `d` on every side.
    pub fn expand(&self, d: f32) -> Rect {
        Rect::new(self.x - d, self.y - d, self.w + 2.0 * d, self.h + 2.0 * d)
    }

    /// The smallest rectangle holding every point (empty at the origin when there are none).
    pub fn around(points: &[Point]) -> Rect {
        let Some(first) = points.first() else {
            return Rect::default();
        };
        let (mut x0, mut y0, mut x1, mut y1) = (first.x, first.y, first.x, first.y);
        for p in points {
            x0 = x0.min(p.x);
            y0 = y0.min(p.y);
            x1 = x1.max(p.x);
            y1 = y1.max(p.y);
        }
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }
}

/// A colour with opacity, as drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgba {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
    /// Opacity, 255 = opaque.
    pub a: u8,
}

impl Rgba {
    /// An opaque colour.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Rgba {
        Rgba { r, g, b, a: 255 }
    }

    /// The same colour with opacity `a`.
    pub const fn with_alpha(self, a: u8) -> Rgba {
        Rgba { a, ..self }
    }

    /// The same colour with its opacity scaled by `factor` (0–1).
    pub fn faded(self, factor: f32) -> Rgba {
        let a = (f32::from(self.a) * factor.clamp(0.0, 1.0)).round() as u8;
        self.with_alpha(a)
    }

    /// The colour mixed with white by `amount` (0 = unchanged, 1 = white).
    pub fn lighten(self, amount: f32) -> Rgba {
        let t = amount.clamp(0.0, 1.0);
        let mix = |c: u8| (f32::from(c) + (255.0 - f32::from(c)) * t).round() as u8;
        Rgba {
            r: mix(self.r),
            g: mix(self.g),
            b: mix(self.b),
            a: self.a,
        }
    }

    /// Whether dark text reads better than white text on this colour.
    pub fn is_light(self) -> bool {
        let l = 0.299 * f32::from(self.r) + 0.587 * f32::from(self.g) + 0.114 * f32::from(self.b);
        l > 160.0
    }

    /// "#RRGGBB", without the opacity.
    pub fn hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.r, self.g, self.b)
    }

    /// Opacity as a fraction, 0–1.
    pub fn opacity(self) -> f32 {
        f32::from(self.a) / 255.0
    }
}

impl From<Colour> for Rgba {
    fn from(c: Colour) -> Rgba {
        Rgba::rgb(c.r, c.g, c.b)
    }
}

/// How an outline is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    /// Line width in units.
    pub width: f32,
    /// Line colour.
    pub colour: Rgba,
    /// Dashed instead of solid.
    pub dashed: bool,
}

impl Stroke {
    /// A solid stroke.
    pub const fn solid(width: f32, colour: Rgba) -> Stroke {
        Stroke {
            width,
            colour,
            dashed: false,
        }
    }

    /// A dashed stroke.
    pub const fn dashed(width: f32, colour: Rgba) -> Stroke {
        Stroke {
            width,
            colour,
            dashed: true,
        }
    }
}

/// Font weight of a text run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Weight {
    /// Normal text.
    #[default]
    Regular,
    /// Headings and emphasis.
    Bold,
}

/// Which point of a text run its position names, horizontally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Anchor {
    /// The position is the left end of the text.
    #[default]
    Start,
    /// The position is the middle of the text.
    Middle,
    /// The position is the right end of the text.
    End,
}

/// One line of text; `pos` is the anchor point on the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// The text, already elided to fit.
    pub text: String,
    /// Anchor point on the baseline.
    pub pos: Point,
    /// Font size in units.
    pub size: f32,
    /// Text colour.
    pub colour: Rgba,
    /// Font weight.
    pub weight: Weight,
    /// Horizontal anchoring of `pos`.
    pub anchor: Anchor,
    /// Width the text must stay within; a renderer clips anything beyond it.
    pub max_width: f32,
}

impl TextRun {
    /// `text` elided to `max` units, starting at `pos`; `None` when not even an ellipsis fits.
    pub fn elided(
        text: &str,
        pos: Point,
        size: f32,
        colour: Rgba,
        weight: Weight,
        max: f32,
    ) -> Option<TextRun> {
        Some(TextRun {
            text: super::text::elide(text, size, max.max(1.0))?,
            pos,
            size,
            colour,
            weight,
            anchor: Anchor::Start,
            max_width: max,
        })
    }

    /// The box the text occupies, by the layout's width estimate.
    pub fn bounds(&self) -> Rect {
        let w = super::text::width(&self.text, self.size).min(self.max_width);
        let x = match self.anchor {
            Anchor::Start => self.pos.x,
            Anchor::Middle => self.pos.x - w / 2.0,
            Anchor::End => self.pos.x - w,
        };
        Rect::new(x, self.pos.y - self.size * 0.8, w, self.size)
    }
}

/// A drawable shape.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A rectangle, optionally with rounded corners.
    Rect {
        /// Where it is.
        rect: Rect,
        /// Fill colour, if filled.
        fill: Option<Rgba>,
        /// Outline, if any.
        stroke: Option<Stroke>,
        /// Corner radius.
        radius: f32,
    },
    /// A diamond (square turned 45°) around `centre`.
    Diamond {
        /// Centre point.
        centre: Point,
        /// Distance from the centre to each corner.
        half: f32,
        /// Fill colour, if filled.
        fill: Option<Rgba>,
        /// Outline, if any.
        stroke: Option<Stroke>,
    },
    /// An open polyline (two points make a straight line).
    Line {
        /// The points, in order.
        points: Vec<Point>,
        /// How it is drawn.
        stroke: Stroke,
    },
    /// A closed polygon (arrow heads, chart areas).
    Polygon {
        /// The corners, in order.
        points: Vec<Point>,
        /// Fill colour, if filled.
        fill: Option<Rgba>,
        /// Outline, if any.
        stroke: Option<Stroke>,
    },
    /// A line of text.
    Text(TextRun),
}

impl Shape {
    /// The box the shape covers (text by the layout's width estimate).
    pub fn bounds(&self) -> Rect {
        match self {
            Shape::Rect { rect, .. } => *rect,
            Shape::Diamond { centre, half, .. } => {
                Rect::new(centre.x - half, centre.y - half, 2.0 * half, 2.0 * half)
            }
            Shape::Line { points, .. } | Shape::Polygon { points, .. } => Rect::around(points),
            Shape::Text(run) => run.bounds(),
        }
    }
}

impl Shape {
    /// The same shape moved by (dx, dy).
    pub fn translated(&self, dx: f32, dy: f32) -> Shape {
        let mv = |p: &Point| Point::new(p.x + dx, p.y + dy);
        match self {
            Shape::Rect {
                rect,
                fill,
                stroke,
                radius,
            } => Shape::Rect {
                rect: Rect::new(rect.x + dx, rect.y + dy, rect.w, rect.h),
                fill: *fill,
                stroke: *stroke,
                radius: *radius,
            },
            Shape::Diamond {
                centre,
                half,
                fill,
                stroke,
            } => Shape::Diamond {
                centre: mv(centre),
                half: *half,
                fill: *fill,
                stroke: *stroke,
            },
            Shape::Line { points, stroke } => Shape::Line {
                points: points.iter().map(mv).collect(),
                stroke: *stroke,
            },
            Shape::Polygon {
                points,
                fill,
                stroke,
            } => Shape::Polygon {
                points: points.iter().map(mv).collect(),
                fill: *fill,
                stroke: *stroke,
            },
            Shape::Text(run) => Shape::Text(TextRun {
                pos: mv(&run.pos),
                ..run.clone()
            }),
        }
    }
}

/// Which end of an investment bar a handle resizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BarEnd {
    /// The start month.
    Start,
    /// The end month.
    End,
}

/// What a scene item draws, for hit-testing and for ids in SVG.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Background, frames, headings: nothing to select.
    Chrome,
    /// The time ruler on top.
    Ruler,
    /// Year and quarter grid lines.
    Grid,
    /// A swimlane (background or header) of the layer with this id.
    Lane(String),
    /// The dependency lane (background or header).
    DependencyLane,
    /// An investment bar or its label.
    Investment(String),
    /// Several investments too narrow to draw one by one, in the layer with this id.
    Density(String),
    /// A milestone diamond or its label.
    Milestone(String),
    /// A dependency bar or its label.
    Dependency(String),
    /// An `after` or `needs` arrow from one item to another.
    Link {
        /// The item that must finish first.
        from: String,
        /// The item that waits for it.
        to: String,
    },
    /// The connector from a dependency bar to the milestone that removes it.
    Removal {
        /// The dependency.
        dependency: String,
        /// The milestone that removes it.
        milestone: String,
    },
    /// A handle that resizes an investment by dragging one end.
    Resize {
        /// The investment.
        id: String,
        /// Which end.
        end: BarEnd,
    },
    /// A handle to drag a new link from this item.
    LinkHandle(String),
    /// The time cursor.
    Cursor,
    /// The legend.
    Legend,
    /// Where the compared plan has the item with this id (drawn behind this plan's items).
    Ghost(String),
    /// A cut-off's marks that belong to no single item: its line, label and hit lanes.
    Shock,
}

impl Tag {
    /// The document id this tag points at, if it points at one item.
    pub fn id(&self) -> Option<&str> {
        match self {
            Tag::Lane(id)
            | Tag::Investment(id)
            | Tag::Milestone(id)
            | Tag::Dependency(id)
            | Tag::LinkHandle(id)
            | Tag::Resize { id, .. } => Some(id),
            _ => None,
        }
    }

    /// Whether the canvas may select what this tag draws.
    pub fn is_selectable(&self) -> bool {
        matches!(
            self,
            Tag::Investment(_)
                | Tag::Milestone(_)
                | Tag::Dependency(_)
                | Tag::Link { .. }
                | Tag::Removal { .. }
                | Tag::Resize { .. }
                | Tag::LinkHandle(_)
        )
    }
}

/// One positioned shape and what it draws.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The shape, in scene units.
    pub shape: Shape,
    /// What it draws.
    pub tag: Tag,
}

impl Item {
    /// The same item moved by (dx, dy).
    pub fn translated(&self, dx: f32, dy: f32) -> Item {
        Item {
            shape: self.shape.translated(dx, dy),
            tag: self.tag.clone(),
        }
    }
}

/// The vertical band of one swimlane.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// The layer id, or `None` for the dependency lane.
    pub layer: Option<String>,
    /// Top edge.
    pub top: f32,
    /// Bottom edge.
    pub bottom: f32,
}

/// A laid-out chart: a size and items painted in order (later on top).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scene {
    /// Width in units.
    pub width: f32,
    /// Height in units.
    pub height: f32,
    /// The items, back to front.
    pub items: Vec<Item>,
    /// The lanes, top to bottom (for mapping a y position to a layer).
    pub bands: Vec<Band>,
    /// Height of the time ruler at the top (repeated on every tiled page).
    pub ruler_height: f32,
    /// Width of the lane header column at the left.
    pub header_width: f32,
    /// The y positions between rows where a page may be cut without cutting an item.
    pub breaks: Vec<f32>,
    /// The selected bar or diamond (its id) and where it lies, also when it is outside the
    /// visible band and so has no item here (the editor scrolls to it after a drag restacked
    /// its lane).
    pub selected: Option<(String, Rect)>,
}

impl Scene {
    /// Adds an item.
    pub fn push(&mut self, shape: Shape, tag: Tag) {
        self.items.push(Item { shape, tag });
    }

    /// The topmost selectable item under `p`, allowing `slop` units of pointer imprecision.
    pub fn hit(&self, p: Point, slop: f32) -> Option<&Item> {
        self.items
            .iter()
            .rev()
            .find(|item| item.tag.is_selectable() && item.shape.bounds().expand(slop).contains(p))
    }

    /// The lane at height `y`, if any.
    pub fn band_at(&self, y: f32) -> Option<&Band> {
        self.bands.iter().find(|b| y >= b.top && y < b.bottom)
    }

    /// Every text run, in paint order.
    pub fn texts(&self) -> impl Iterator<Item = &TextRun> {
        self.items.iter().filter_map(|item| match &item.shape {
            Shape::Text(run) => Some(run),
            _ => None,
        })
    }
}
