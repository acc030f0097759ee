//! PDF of the chart (fitted or tiled across pages) followed by report pages, drawn with krilla.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{Path, PathBuilder, Point as KPoint, Rect as KRect, Transform};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, LineCap, LineJoin, Stroke as KStroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};

use super::fonts::TextEngine;
use super::{ExportError, ExportOptions, Output, Report};
use crate::analysis::Analysis;
use crate::layout::page::{self, ChartPage, Content, Contents, PageSetup, Placed};
use crate::layout::{Anchor, Item, Point, Rect, Rgba, Scene, Shape, Stroke, TextRun};
use crate::model::Roadmap;

/// The PDF of `plan` with warnings (e.g. text no font can show).
pub fn render(
    plan: &Roadmap,
    analysis: &Analysis,
    options: &ExportOptions,
) -> Result<Output, ExportError> {
    let (page_w, page_h) = options.page_points();
    let setup = PageSetup::new(plan, page_w, page_h);
    let contents = Contents {
        range: options.range(plan),
        date: options.date_text(),
        shock: options.shock_of(plan, analysis),
        report: options.report,
    };
    let pages = page::document(plan, analysis, &setup, &contents);
    let mut painter = Painter::new();
    let mut document = Document::new();
    let mut metadata = krilla::metadata::Metadata::new()
        .title(plan.title.clone())
        .creator("Stackplan".to_owned());
    if !plan.owner.is_empty() {
        metadata = metadata.authors(vec![plan.owner.clone()]);
    }
    document.set_metadata(metadata);
    let settings = PageSettings::from_wh(page_w, page_h)
        .ok_or_else(|| ExportError::Pdf(format!("bad page size {page_w} × {page_h}")))?;
    for printed in &pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        painter.items(&mut surface, &printed.furniture);
        match &printed.content {
            Content::Text(scene) => {
                let origin = Point::new(setup.content.x, setup.content.y);
                painter.scene(&mut surface, scene, origin, None);
            }
            Content::Chart(chart) => {
                painter.chart(&mut surface, chart);
                painter.scene(&mut surface, &setup.legend, setup.legend_origin(), None);
            }
        }
        surface.finish();
        page.finish();
    }
    finish(document, &painter)
}

/// A PDF of `page_w` × `page_h` pages, each drawn from its placed scenes in order.
pub(super) fn compose(
    title: &str,
    author: &str,
    page_w: f32,
    page_h: f32,
    pages: &[Vec<Placed>],
) -> Result<Output, ExportError> {
    let mut painter = Painter::new();
    let mut document = Document::new();
    let mut metadata = krilla::metadata::Metadata::new()
        .title(title.to_owned())
        .creator("Stackplan".to_owned());
    if !author.is_empty() {
        metadata = metadata.authors(vec![author.to_owned()]);
    }
    document.set_metadata(metadata);
    let settings = PageSettings::from_wh(page_w, page_h)
        .ok_or_else(|| ExportError::Pdf(format!("bad page size {page_w} × {page_h}")))?;
    for placed in pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for p in placed {
            let clip = p.clip.and_then(rect_path);
            if let Some(path) = &clip {
                surface.push_clip_path(path, &FillRule::NonZero);
            }
            painter.scene(&mut surface, &p.scene, p.origin, Some(p.scale));
            if clip.is_some() {
                surface.pop();
            }
        }
        surface.finish();
        page.finish();
    }
    finish(document, &painter)
}

/// The finished document's bytes, with the painter's warnings.
fn finish(document: Document, painter: &Painter) -> Result<Output, ExportError> {
    let bytes = document
        .finish()
        .map_err(|e| ExportError::Pdf(format!("{e:?}")))?;
    Ok(Output {
        bytes,
        report: Report {
            warnings: painter.warnings(),
        },
    })
}

/// Draws scene items onto krilla surfaces, shaping text once per string.
struct Painter {
    text: TextEngine,
    fonts: HashMap<(u64, u32), Option<Font>>,
    missing: BTreeSet<String>,
}

impl Painter {
    fn new() -> Painter {
        Painter {
            text: TextEngine::new(),
            fonts: HashMap::new(),
            missing: BTreeSet::new(),
        }
    }

    fn warnings(&self) -> Vec<String> {
        self.missing
            .iter()
            .map(|t| format!("no installed font can show every character of \"{t}\""))
            .collect()
    }

    /// One chart page: the band of rows (clipped), then the ruler on top and the frame,
    /// scaled into the content area.
    fn chart(&mut self, s: &mut Surface, chart: &ChartPage) {
        let (k, origin) = (chart.scale, chart.origin);
        s.push_transform(&Transform::from_row(k, 0.0, 0.0, k, origin.x, origin.y));
        s.push_transform(&Transform::from_translate(0.0, chart.shift));
        if let Some(path) = rect_path(chart.clip) {
            s.push_clip_path(&path, &FillRule::NonZero);
            self.items(s, &chart.band);
            s.pop();
        }
        s.pop();
        self.items(s, &chart.ruler);
        self.shape(s, &chart.frame);
        s.pop();
    }

    /// Draws every item of a scene where it is.
    fn items(&mut self, s: &mut Surface, scene: &Scene) {
        for item in &scene.items {
            self.item(s, item);
        }
    }

    /// Draws every item of a scene with its origin at `origin`, optionally scaled.
    fn scene(&mut self, s: &mut Surface, scene: &Scene, origin: Point, scale: Option<f32>) {
        let k = scale.unwrap_or(1.0);
        s.push_transform(&Transform::from_row(k, 0.0, 0.0, k, origin.x, origin.y));
        for item in &scene.items {
            self.item(s, item);
        }
        s.pop();
    }

    fn item(&mut self, s: &mut Surface, item: &Item) {
        self.shape(s, &item.shape);
    }

    fn shape(&mut self, s: &mut Surface, shape: &Shape) {
        match shape {
            Shape::Rect {
                rect,
                fill,
                stroke,
                radius,
            } => {
                if let Some(path) = rounded_rect_path(*rect, *radius) {
                    paint(s, &path, *fill, *stroke);
                }
            }
            Shape::Diamond {
                centre,
                half,
                fill,
                stroke,
            } => {
                let (x, y, d) = (centre.x, centre.y, *half);
                let pts = [
                    Point::new(x, y - d),
                    Point::new(x + d, y),
                    Point::new(x, y + d),
                    Point::new(x - d, y),
                ];
                if let Some(path) = poly_path(&pts, true) {
                    paint(s, &path, *fill, *stroke);
                }
            }
            Shape::Line { points, stroke } => {
                if let Some(path) = poly_path(points, false) {
                    paint(s, &path, None, Some(*stroke));
                }
            }
            Shape::Polygon {
                points,
                fill,
                stroke,
            } => {
                if let Some(path) = poly_path(points, true) {
                    paint(s, &path, *fill, *stroke);
                }
            }
            Shape::Text(run) => self.text_run(s, run),
        }
    }

    /// Shapes and draws one text run as real (selectable, extractable) text.
    fn text_run(&mut self, s: &mut Surface, run: &TextRun) {
        if run.text.trim().is_empty() || run.size <= 0.0 {
            return;
        }
        let shaped = self.text.shape(&run.text, run.size, run.weight);
        if shaped.missing {
            self.missing.insert(run.text.clone());
        }
        let x = match run.anchor {
            Anchor::Start => run.pos.x,
            Anchor::Middle => run.pos.x - shaped.width / 2.0,
            Anchor::End => run.pos.x - shaped.width,
        };
        let clip = shaped.width > run.max_width + 0.5;
        if clip {
            let left = match run.anchor {
                Anchor::Start => run.pos.x,
                Anchor::Middle => run.pos.x - run.max_width / 2.0,
                Anchor::End => run.pos.x - run.max_width,
            };
            let area = Rect::new(
                left,
                run.pos.y - run.size * 1.2,
                run.max_width.max(0.0),
                run.size * 1.7,
            );
            match rect_path(area) {
                Some(path) => s.push_clip_path(&path, &FillRule::NonZero),
                None => return,
            }
        }
        s.set_stroke(None);
        s.set_fill(Some(fill(run.colour)));
        for r in &shaped.runs {
            let Some(font) = self.font(&r.font) else {
                continue;
            };
            let size = r.size.max(0.01);
            let glyphs: Vec<KrillaGlyph> = r
                .glyphs
                .iter()
                .map(|g| {
                    KrillaGlyph::new(
                        GlyphId::new(g.id),
                        g.advance / size,
                        g.x_offset / size,
                        -g.y_offset / size,
                        0.0,
                        g.text.clone(),
                        None,
                    )
                })
                .collect();
            s.draw_glyphs(
                KPoint::from_xy(x + r.x, run.pos.y),
                &glyphs,
                font,
                &shaped.text,
                size,
                false,
            );
        }
        if clip {
            s.pop();
        }
    }

    /// The krilla font for a parley font, loaded once.
    fn font(&mut self, data: &parley::FontData) -> Option<Font> {
        let key = (data.data.id(), data.index);
        self.fonts
            .entry(key)
            .or_insert_with(|| {
                let blob: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(data.data.clone());
                Font::new(blob.into(), data.index)
            })
            .clone()
    }
}

fn fill(c: Rgba) -> Fill {
    Fill {
        paint: rgb::Color::new(c.r, c.g, c.b).into(),
        opacity: NormalizedF32::new(c.opacity()).unwrap_or(NormalizedF32::ONE),
        rule: FillRule::NonZero,
    }
}

fn stroke(st: Stroke) -> KStroke {
    let c = st.colour;
    KStroke {
        paint: rgb::Color::new(c.r, c.g, c.b).into(),
        width: st.width,
        opacity: NormalizedF32::new(c.opacity()).unwrap_or(NormalizedF32::ONE),
        line_cap: LineCap::Butt,
        line_join: LineJoin::Miter,
        dash: st.dashed.then(|| StrokeDash {
            array: vec![st.width * 3.0, st.width * 2.0],
            offset: 0.0,
        }),
        ..KStroke::default()
    }
}

/// Fills and strokes `path`.
fn paint(s: &mut Surface, path: &Path, f: Option<Rgba>, st: Option<Stroke>) {
    if f.is_none() && st.is_none() {
        return;
    }
    s.set_fill(f.map(fill));
    s.set_stroke(st.map(stroke));
    s.draw_path(path);
}

fn rect_path(r: Rect) -> Option<Path> {
    let mut pb = PathBuilder::new();
    pb.push_rect(KRect::from_xywh(r.x, r.y, r.w.max(0.01), r.h.max(0.01))?);
    pb.finish()
}

/// A rectangle with rounded corners (plain when `radius` is 0).
fn rounded_rect_path(r: Rect, radius: f32) -> Option<Path> {
    let k = radius.min(r.w / 2.0).min(r.h / 2.0);
    if k <= 0.1 {
        return rect_path(r);
    }
    let c = k * 0.4477; // 1 - kappa
    let (x0, y0, x1, y1) = (r.x, r.y, r.right(), r.bottom());
    let mut pb = PathBuilder::new();
    pb.move_to(x0 + k, y0);
    pb.line_to(x1 - k, y0);
    pb.cubic_to(x1 - c, y0, x1, y0 + c, x1, y0 + k);
    pb.line_to(x1, y1 - k);
    pb.cubic_to(x1, y1 - c, x1 - c, y1, x1 - k, y1);
    pb.line_to(x0 + k, y1);
    pb.cubic_to(x0 + c, y1, x0, y1 - c, x0, y1 - k);
    pb.line_to(x0, y0 + k);
    pb.cubic_to(x0, y0 + c, x0 + c, y0, x0 + k, y0);
    pb.close();
    pb.finish()
}

fn poly_path(points: &[Point], close: bool) -> Option<Path> {
    let (first, rest) = points.split_first()?;
    let mut pb = PathBuilder::new();
    pb.move_to(first.x, first.y);
    for p in rest {
        pb.line_to(p.x, p.y);
    }
    if close {
        pb.close();
    }
    pb.finish()
}
