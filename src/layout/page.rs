//! Printed pages: the page setup (margins, header, footer, legend), the chart cut into
//! tiles of equal time spans (each lane kept on one page where it fits), and the whole
//! document in order (summary, chart, report, sovereignty), each page with its header and
//! footer. Exporters only draw these pages.

use std::sync::Arc;

use super::scene::{Anchor, Point, Rect, Rgba, Scene, Shape, Stroke, Tag, TextRun, Weight};
use super::theme;
use super::{View, legend};
use crate::analysis::sovereignty::Shock;
use crate::analysis::{Analysis, DependencySpan};
use crate::model::{Month, Roadmap};

/// Dark text.
const INK: Rgba = theme::PAPER.ink;
/// Secondary text and the chart's frame.
const MUTED: Rgba = theme::PAPER.muted;

/// Page margin in points.
pub const MARGIN: f32 = 28.0;
/// Height of the page header (title, owner, date).
pub const HEADER: f32 = 40.0;
/// Height of the page footer ("page N of M").
pub const FOOTER: f32 = 18.0;
/// Gap between the content area and the legend below it.
const LEGEND_GAP: f32 = 6.0;
/// Smallest label size (pt) at which a fitted chart is still readable.
const MIN_LABEL_PT: f32 = 6.0;
/// Scale of tiled charts (labels at about 8 pt).
const TILE_SCALE: f32 = 0.8;
/// Row height of chart layouts for print.
const ROW: f32 = 20.0;
/// Narrowest month on a tiled page, in layout units.
const MIN_MONTH: f32 = 10.0;

/// The areas shared by every page of a document.
#[derive(Debug, Clone)]
pub struct PageSetup {
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// Where chart or report content goes.
    pub content: Rect,
    /// The legend, laid out for the content width.
    pub legend: Scene,
}

impl PageSetup {
    /// The setup of `width` × `height` pages for `plan`.
    pub fn new(plan: &Roadmap, width: f32, height: f32) -> PageSetup {
        let w = (width - 2.0 * MARGIN).max(100.0);
        let legend = legend(plan, w);
        let top = MARGIN + HEADER;
        let h = (height - top - MARGIN - FOOTER - legend.height - LEGEND_GAP).max(100.0);
        PageSetup {
            width,
            height,
            content: Rect::new(MARGIN, top, w, h),
            legend,
        }
    }

    /// Where the legend goes (below the chart).
    pub fn legend_origin(&self) -> Point {
        Point::new(MARGIN, self.content.bottom() + LEGEND_GAP)
    }

    /// Height of report content: the content area plus the legend's room.
    pub fn report_height(&self) -> f32 {
        self.content.h + self.legend.height + LEGEND_GAP
    }
}

/// A scene placed on a page: drawn at `origin`, scaled by `scale`, clipped to `clip`.
pub struct Placed {
    /// What is drawn.
    pub scene: Scene,
    /// Where the scene's origin goes on the page.
    pub origin: Point,
    /// Scale of the scene's units to points.
    pub scale: f32,
    /// Page area outside which nothing of the scene shows.
    pub clip: Option<Rect>,
}

/// What a printed document holds besides the plan.
#[derive(Debug, Clone)]
pub struct Contents {
    /// The months of the chart, first and last.
    pub range: (Month, Month),
    /// The date printed on every page ("YYYY-MM-DD").
    pub date: String,
    /// A cut-off marked on the chart and summarised.
    pub shock: Option<Shock>,
    /// Whether report pages (summary, report, sovereignty) come with the chart.
    pub report: bool,
}

/// One printed page: its header and footer, and what goes in its content area.
#[derive(Debug, Clone)]
pub struct PrintedPage {
    /// Title, owner, date, caption, "page N of M", in page coordinates.
    pub furniture: Scene,
    /// The page's content.
    pub content: Content,
}

/// The content of a printed page.
#[derive(Debug, Clone)]
pub enum Content {
    /// A text page, drawn at the content area's top left.
    Text(Scene),
    /// A chart page, drawn with the legend below it.
    Chart(Box<ChartPage>),
}

/// A chart tile ready to draw: the band of rows shown (clipped to `clip`, moved up by
/// `shift`), the ruler on top and a frame, all scaled by `scale` from `origin`.
#[derive(Debug, Clone)]
pub struct ChartPage {
    /// Items of the band of rows, with the names of lanes continued from an earlier page.
    pub band: Scene,
    /// The ruler's items.
    pub ruler: Scene,
    /// The frame around ruler and band.
    pub frame: Shape,
    /// The band's area, in scene units before `shift`.
    pub clip: Rect,
    /// How far the band moves down (the ruler's height less the band's top).
    pub shift: f32,
    /// Scale of scene units to points.
    pub scale: f32,
    /// Where the scene's origin goes on the page.
    pub origin: Point,
}

/// The printed document of `plan`: the summary page, the chart pages, the report pages and
/// the sovereignty pages (all but the chart only with `contents.report`), numbered.
pub fn document(
    plan: &Roadmap,
    analysis: &Analysis,
    setup: &PageSetup,
    contents: &Contents,
) -> Vec<PrintedPage> {
    let (from, to) = contents.range;
    let shock = contents.shock.as_ref();
    let charts = chart_tiles(plan, analysis.spans(), from, to, setup, shock);
    let (summary, reports, sovereignty) = if contents.report {
        let (summary, sovereignty) = super::sovereignty::print_pages(
            plan,
            analysis,
            &contents.date,
            shock,
            setup.content.w,
            setup.report_height(),
        );
        let reports = super::report::pages(plan, analysis, setup.content.w, setup.report_height());
        (summary, reports, sovereignty)
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    let mut pages: Vec<(String, Content)> = Vec::new();
    let text = |caption: &str, scenes: Vec<Scene>| {
        scenes
            .into_iter()
            .map(|scene| (caption.to_owned(), Content::Text(scene)))
            .collect::<Vec<_>>()
    };
    pages.extend(text("Summary", summary));
    pages.extend(
        charts
            .iter()
            .map(|tile| (tile.caption(), Content::Chart(Box::new(tile.page(setup))))),
    );
    pages.extend(text("Report", reports));
    pages.extend(text("Sovereignty", sovereignty));
    let total = pages.len();
    pages
        .into_iter()
        .enumerate()
        .map(|(k, (caption, content))| PrintedPage {
            furniture: furniture(plan, setup, &contents.date, (k + 1, total), &caption),
            content,
        })
        .collect()
}

/// Title, owner, date, caption and "page N of M" of page `n` of `total`.
fn furniture(
    plan: &Roadmap,
    f: &PageSetup,
    date: &str,
    (n, total): (usize, usize),
    caption: &str,
) -> Scene {
    let right = f.width - MARGIN;
    let wide = f.content.w * 0.7;
    let narrow = f.content.w * 0.3;
    let foot = f.height - MARGIN + 4.0;
    let runs = [
        run(
            &plan.title,
            (MARGIN, MARGIN + 14.0),
            15.0,
            INK,
            Weight::Bold,
            Anchor::Start,
            wide,
        ),
        run(
            &plan.owner,
            (MARGIN, MARGIN + 30.0),
            9.5,
            MUTED,
            Weight::Regular,
            Anchor::Start,
            wide,
        ),
        run(
            &format!("Exported {date}"),
            (right, MARGIN + 14.0),
            9.0,
            MUTED,
            Weight::Regular,
            Anchor::End,
            narrow,
        ),
        run(
            caption,
            (right, MARGIN + 30.0),
            9.0,
            MUTED,
            Weight::Regular,
            Anchor::End,
            narrow,
        ),
        run(
            &format!("page {n} of {total}"),
            (f.width / 2.0, foot),
            8.5,
            MUTED,
            Weight::Regular,
            Anchor::Middle,
            200.0,
        ),
        run(
            "Stackplan",
            (right, foot),
            8.0,
            MUTED,
            Weight::Regular,
            Anchor::End,
            100.0,
        ),
    ];
    let mut scene = Scene {
        width: f.width,
        height: f.height,
        ..Scene::default()
    };
    for r in runs {
        scene.push(Shape::Text(r), Tag::Chrome);
    }
    scene
}

/// A text run for page furniture, elided to `max`.
fn run(
    text: &str,
    (x, y): (f32, f32),
    size: f32,
    colour: Rgba,
    weight: Weight,
    anchor: Anchor,
    max: f32,
) -> TextRun {
    TextRun {
        text: super::text::elide(text, size, max).unwrap_or_default(),
        pos: Point::new(x, y),
        size,
        colour,
        weight,
        anchor,
        max_width: max,
    }
}

/// One chart page: a band of rows of a scene (one time tile) drawn at a scale, with the
/// ruler repeated on top.
#[derive(Debug, Clone)]
pub struct ChartTile {
    /// The scene of the tile's months.
    pub scene: Arc<Scene>,
    /// Bounds of each scene item, computed once per scene.
    pub bounds: Arc<Vec<Rect>>,
    /// Top of the band of rows shown (below the ruler), in scene units.
    pub top: f32,
    /// Bottom of the band of rows shown.
    pub bottom: f32,
    /// Scale of scene units to points.
    pub scale: f32,
    /// First month shown.
    pub from: Month,
    /// Last month shown.
    pub to: Month,
    /// Which band of rows this is and how many the time tile has, when more than one.
    pub part: Option<(usize, usize)>,
}

impl ChartTile {
    /// "2026-01 – 2030-12, part 1 of 2".
    pub fn caption(&self) -> String {
        let part = self
            .part
            .map(|(i, n)| format!(", part {i} of {n}"))
            .unwrap_or_default();
        format!("{} – {}{part}", self.from, self.to)
    }

    /// The tile laid out for its page of `setup`: the items of its band of rows (the ruler
    /// apart) with the names of lanes continued from the page before, the ruler, the frame.
    pub fn page(&self, setup: &PageSetup) -> ChartPage {
        let scene = &self.scene;
        let ruler_h = scene.ruler_height;
        let band_h = self.bottom - self.top;
        let mut band = Scene::default();
        for (item, b) in scene.items.iter().zip(self.bounds.iter()) {
            let inside = b.bottom() >= self.top && b.y <= self.bottom;
            if inside && !matches!(item.tag, Tag::Ruler) {
                band.items.push(item.clone());
            }
        }
        band.items.extend(self.continued_lane_names());
        let ruler = Scene {
            items: scene
                .items
                .iter()
                .filter(|i| matches!(i.tag, Tag::Ruler))
                .cloned()
                .collect(),
            ..Scene::default()
        };
        let frame = Shape::Rect {
            rect: Rect::new(0.0, 0.0, scene.width, ruler_h + band_h),
            fill: None,
            stroke: Some(Stroke::solid(0.75, MUTED)),
            radius: 0.0,
        };
        ChartPage {
            band,
            ruler,
            frame,
            clip: Rect::new(0.0, self.top, scene.width + 1.0, band_h),
            shift: ruler_h - self.top,
            scale: self.scale,
            origin: Point::new(setup.content.x, setup.content.y),
        }
    }

    /// The name of each lane that started on an earlier page, moved to the top of this one.
    fn continued_lane_names(&self) -> Vec<super::Item> {
        let scene = &self.scene;
        let mut names = Vec::new();
        for band in &scene.bands {
            if !(band.top < self.top - 1.0 && band.bottom > self.top + 1.0) {
                continue;
            }
            let tag = match &band.layer {
                Some(id) => Tag::Lane(id.clone()),
                None => Tag::DependencyLane,
            };
            let name = scene.items.iter().find(|item| {
                item.tag == tag
                    && matches!(&item.shape, Shape::Text(run) if run.pos.x < scene.header_width)
            });
            if let Some(item) = name {
                names.push(item.translated(0.0, self.top - band.top));
            }
        }
        names
    }
}

/// The chart of `from`..=`to` on pages: fitted on one page when labels stay at 6 pt or more,
/// else cut into time tiles of equal length (whole years when they fit), each cut into bands
/// of rows that keep a lane on one page where it fits. A `shock` is marked on every page.
pub fn chart_tiles(
    plan: &Roadmap,
    spans: &[DependencySpan],
    from: Month,
    to: Month,
    setup: &PageSetup,
    shock: Option<&Shock>,
) -> Vec<ChartTile> {
    let (w, h) = (setup.content.w, setup.content.h);
    let scene = super::layout(plan, spans, &print_view(from, to, w, shock));
    let fit = (h / scene.height).min(1.0);
    if ROW * 0.48 * fit >= MIN_LABEL_PT {
        let scene = Arc::new(super::layout(
            plan,
            spans,
            &print_view(from, to, w / fit, shock),
        ));
        let scale = (w / scene.width).min(h / scene.height);
        return vec![ChartTile {
            bounds: Arc::new(item_bounds(&scene)),
            top: scene.ruler_height,
            bottom: scene.height,
            scene,
            scale,
            from,
            to,
            part: None,
        }];
    }
    let s = TILE_SCALE;
    let header = View::new(from, to).header_width;
    let room = w / s - header;
    let total = from.months_until(to) + 1;
    let per_page = months_per_tile(room, total);
    let tiles = (total + per_page - 1) / per_page;
    let mut pages = Vec::new();
    for k in 0..tiles {
        let a = from.plus(k * per_page);
        let b = a.plus(per_page - 1).min(to);
        let mut view = View::new(a, b);
        view.row_height = ROW;
        view.month_width = room / per_page as f32;
        view.shock = shock.cloned();
        let scene = Arc::new(super::layout(plan, spans, &view));
        let bounds = Arc::new(item_bounds(&scene));
        let bands = bands(&scene, h / s - scene.ruler_height);
        let n = bands.len();
        for (i, (top, bottom)) in bands.into_iter().enumerate() {
            pages.push(ChartTile {
                scene: Arc::clone(&scene),
                bounds: Arc::clone(&bounds),
                top,
                bottom,
                scale: s,
                from: a,
                to: b,
                part: (n > 1).then_some((i + 1, n)),
            });
        }
    }
    pages
}

/// The bounds of every item of `scene`, in order.
fn item_bounds(scene: &Scene) -> Vec<Rect> {
    scene.items.iter().map(|i| i.shape.bounds()).collect()
}

/// A print view of `from`..=`to` whose chart is `width` units wide, marking `shock`.
fn print_view(from: Month, to: Month, width: f32, shock: Option<&Shock>) -> View {
    let mut view = View::new(from, to);
    view.row_height = ROW;
    view.shock = shock.cloned();
    view.month_width = ((width - view.header_width) / view.months() as f32).max(0.5);
    view
}

/// Months on each time tile: the fewest tiles of at least [`MIN_MONTH`] units a month, the
/// months shared equally between them; whole years each when the years divide evenly into
/// that many tiles or one more.
fn months_per_tile(room: f32, total: i32) -> i32 {
    let total = total.max(1);
    let fit = ((room / MIN_MONTH).floor() as i32).max(1);
    let tiles = (total + fit - 1) / fit;
    let whole_years = (tiles..=tiles + 1)
        .filter(|_| total % 12 == 0)
        .find(|t| (total / 12) % t == 0 && total / t <= fit)
        .map(|t| total / t);
    whole_years
        .unwrap_or((total + tiles - 1) / tiles)
        .clamp(1, total)
}

/// Vertical bands of at most `height` units below the ruler: cut between lanes where a lane
/// fits on a page, otherwise between rows.
fn bands(scene: &Scene, height: f32) -> Vec<(f32, f32)> {
    let height = height.max(10.0);
    let mut out = Vec::new();
    let mut top = scene.ruler_height;
    let last_below = |cuts: &mut dyn Iterator<Item = f32>, top: f32, limit: f32| {
        cuts.filter(|&b| b > top + 1.0 && b <= limit)
            .fold(None, |best: Option<f32>, b| {
                Some(best.map_or(b, |x| x.max(b)))
            })
    };
    while top < scene.height - 0.5 {
        let limit = top + height;
        let cut = if limit >= scene.height {
            scene.height
        } else {
            let lanes = &mut scene.bands.iter().map(|b| b.bottom);
            last_below(lanes, top, limit)
                .or_else(|| last_below(&mut scene.breaks.iter().copied(), top, limit))
                .unwrap_or(limit)
        };
        out.push((top, cut));
        top = cut;
    }
    if out.is_empty() {
        out.push((
            scene.ruler_height,
            scene.height.max(scene.ruler_height + 1.0),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Band;

    fn band(top: f32, bottom: f32) -> Band {
        Band {
            layer: Some(format!("l{top}")),
            top,
            bottom,
        }
    }

    #[test]
    fn time_is_shared_equally_between_tiles() {
        // 10 years, room for 86 months a page: two tiles of 5 years, not 7 + 3.
        assert_eq!(months_per_tile(860.0, 120), 60);
        // 30 months fit on one tile.
        assert_eq!(months_per_tile(900.0, 30), 30);
        // Room for 5 months: 24 tiles of 5.
        assert_eq!(months_per_tile(50.0, 120), 5);
        // Room for 40 months, 10 years: 3 tiles of 40 months (whole years would need 5).
        assert_eq!(months_per_tile(400.0, 120), 40);
        // A4 portrait, room for 55 months: 3 equal tiles of 40, not 48 + 48 + 24.
        assert_eq!(months_per_tile(554.0, 120), 40);
        // Room for 110 months of 12 years: 2 tiles of 6 years.
        assert_eq!(months_per_tile(1100.0, 144), 72);
    }

    #[test]
    fn bands_keep_lanes_whole_and_cut_between_rows_only_in_a_lane_too_tall() {
        let scene = Scene {
            height: 236.0,
            ruler_height: 36.0,
            bands: vec![band(36.0, 76.0), band(76.0, 156.0), band(156.0, 236.0)],
            breaks: vec![36.0, 56.0, 76.0, 96.0, 116.0, 136.0, 156.0, 196.0, 236.0],
            ..Scene::default()
        };
        // Room for 90: the second lane (80 tall) starts the second page instead of being cut.
        assert_eq!(
            bands(&scene, 90.0),
            vec![(36.0, 76.0), (76.0, 156.0), (156.0, 236.0)]
        );
        // Room for 50: no lane but the first fits, so lanes are cut between rows.
        assert_eq!(
            bands(&scene, 50.0),
            vec![
                (36.0, 76.0),
                (76.0, 116.0),
                (116.0, 156.0),
                (156.0, 196.0),
                (196.0, 236.0)
            ]
        );
    }
}
