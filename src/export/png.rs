//! PNG of the chart: our SVG, rasterised by resvg with a script-aware font fallback.

use std::collections::BTreeSet;
use std::sync::Arc;

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::fontdb::{Database, Family, ID, Query, Style, Weight as FontWeight};
use resvg::usvg::{self, FontResolver};

use super::fonts::{NOTO_SANS_BOLD, NOTO_SANS_REGULAR};
use super::hairline;
use super::{ExportError, ExportOptions, Output, Report, svg};
use crate::analysis::Analysis;
use crate::layout::{self, Scene};
use crate::model::Roadmap;

/// Largest image drawn, in pixels; bigger charts are scaled down (with a warning).
pub const MAX_PIXELS: f64 = 64_000_000.0;
/// Largest width or height tiny-skia accepts.
const MAX_SIDE: f64 = 1_000_000.0;

/// Families tried first when a font lacks a character, in order.
const PREFERRED: [&str; 6] = [
    "Noto Sans",
    "Noto Sans CJK SC",
    "Noto Sans Arabic",
    "Noto Sans Devanagari",
    "Noto Sans Symbols",
    "Noto Sans Symbols2",
];

/// The chart of `plan` as PNG, with warnings (missing glyphs, reduced scale).
pub fn render(
    plan: &Roadmap,
    analysis: &Analysis,
    options: &ExportOptions,
) -> Result<Output, ExportError> {
    let scene = layout::layout(plan, analysis.spans(), &options.chart_view(plan, analysis));
    render_scene(&scene, plan, options.scale)
}

/// Rasterises `scene` (a layout of `plan`) at `scale` pixels per unit.
pub fn render_scene(scene: &Scene, plan: &Roadmap, scale: f32) -> Result<Output, ExportError> {
    let mut warnings = Vec::new();
    let mut scale = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    let (w, h) = (
        f64::from(scene.width.max(1.0)),
        f64::from(scene.height.max(1.0)),
    );
    let pixels = w * h * f64::from(scale) * f64::from(scale);
    let side = w.max(h) * f64::from(scale);
    if pixels > MAX_PIXELS || side > MAX_SIDE {
        let k = (MAX_PIXELS / pixels).sqrt().min(MAX_SIDE / side);
        scale = (f64::from(scale) * k) as f32;
        warnings.push(format!(
            "the chart is too large for one image at the asked scale; drawn at scale {scale:.3}"
        ));
    }
    let db = font_database();
    warnings.extend(missing_characters(scene, &db));
    let text = svg::scene_to_svg(scene, plan);
    let mut opt = usvg::Options {
        fontdb: Arc::new(db),
        ..usvg::Options::default()
    };
    opt.font_resolver = FontResolver {
        select_font: FontResolver::default_font_selector(),
        select_fallback: Box::new(select_fallback),
    };
    let tree = usvg::Tree::from_str(&text, &opt).map_err(|e| ExportError::Png(e.to_string()))?;
    let pw = (w * f64::from(scale)).ceil().max(1.0) as u32;
    let ph = (h * f64::from(scale)).ceil().max(1.0) as u32;
    let rgb = render_in_strips(&tree, scale, pw, ph)
        .ok_or_else(|| ExportError::Png(format!("cannot allocate a {pw} × {ph} image")))?;
    let bytes = encode(&rgb, pw, ph).map_err(|e| ExportError::Png(e.to_string()))?;
    Ok(Output {
        bytes,
        report: Report { warnings },
    })
}

/// Rows drawn together; many more strips than cores keeps every core busy to the end.
const STRIP_ROWS: usize = 512;

/// Draws `tree` at `scale` into a `width` × `height` RGB image, in horizontal strips shared
/// out over every core; `None` if the image cannot be allocated.
fn render_in_strips(tree: &usvg::Tree, scale: f32, width: u32, height: u32) -> Option<Vec<u8>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let row_bytes = width as usize * 3;
    let mut rgb = Vec::new();
    rgb.try_reserve_exact(row_bytes * height as usize).ok()?;
    rgb.resize(row_bytes * height as usize, 0);
    let mut shares: Vec<Vec<(usize, &mut [u8])>> = (0..threads).map(|_| Vec::new()).collect();
    for (i, strip) in rgb.chunks_mut(row_bytes * STRIP_ROWS).enumerate() {
        shares[i % threads].push((i * STRIP_ROWS, strip));
    }
    let drawn = std::thread::scope(|scope| {
        let workers: Vec<_> = shares
            .into_iter()
            .map(|share| {
                scope.spawn(move || {
                    share
                        .into_iter()
                        .all(|(top, out)| draw_strip(tree, scale, top as f32, out, width))
                })
            })
            .collect();
        workers.into_iter().all(|w| w.join().unwrap_or(false))
    });
    drawn.then_some(rgb)
}

/// Draws the rows of `tree` from `top` down into `out` (RGB, `width` pixels a row).
fn draw_strip(tree: &usvg::Tree, scale: f32, top: f32, out: &mut [u8], width: u32) -> bool {
    let height = (out.len() / (width as usize * 3)) as u32;
    let Some(mut pixmap) = Pixmap::new(width, height) else {
        return false;
    };
    let transform = Transform::from_translate(0.0, -top).pre_scale(scale, scale);
    // The strip in chart units, to skip what lies wholly above or below it.
    let rows = (top / scale, (top + height as f32) / scale);
    draw_nodes(tree.root(), transform, rows, &mut pixmap);
    // The chart has an opaque white background, so premultiplied RGBA is plain RGB + 255.
    for (rgb, rgba) in out.chunks_exact_mut(3).zip(pixmap.data().chunks_exact(4)) {
        rgb.copy_from_slice(&rgba[..3]);
    }
    true
}

/// Draws `group`'s children in order: thin straight lines by [`hairline`], the rest by resvg;
/// nodes wholly outside the `rows` (top, bottom, chart units) are skipped.
fn draw_nodes(group: &usvg::Group, transform: Transform, rows: (f32, f32), pixmap: &mut Pixmap) {
    for node in group.children() {
        match node {
            usvg::Node::Group(inner)
                if !inner.should_isolate() && inner.transform().is_identity() =>
            {
                draw_nodes(inner, transform, rows, pixmap);
            }
            usvg::Node::Path(path) if hairline::draw(pixmap, path, transform) => {}
            _ => match node.abs_layer_bounding_box() {
                Some(b) if b.bottom() < rows.0 - 2.0 || b.top() > rows.1 + 2.0 => {}
                // resvg draws a single node relative to its bounding box; undo that shift.
                Some(b) => {
                    let at = transform.pre_translate(b.x(), b.y());
                    resvg::render_node(node, at, &mut pixmap.as_mut());
                }
                // A perfectly straight line has no area, hence no box: stroke it directly.
                None => {
                    if let usvg::Node::Path(path) = node {
                        hairline::stroke(pixmap, path, transform);
                    }
                }
            },
        }
    }
}

/// PNG bytes of an RGB image, compressed with the fast PNG-tuned deflate: large charts encode
/// in a fraction of the default's time.
fn encode(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, png::EncodingError> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.write_header()?.write_image_data(rgb)?;
    Ok(bytes)
}

/// The bundled Noto Sans plus every system font.
pub fn font_database() -> Database {
    let mut db = Database::new();
    db.load_font_data(NOTO_SANS_REGULAR.to_vec());
    db.load_font_data(NOTO_SANS_BOLD.to_vec());
    db.load_system_fonts();
    db.set_sans_serif_family("Noto Sans");
    db
}

/// Whether the face `id` has a glyph for `c`.
fn has_char(db: &Database, id: ID, c: char) -> bool {
    db.with_face_data(id, |data, index| {
        ttf_parser::Face::parse(data, index)
            .ok()
            .and_then(|face| face.glyph_index(c))
            .is_some()
    })
    .unwrap_or(false)
}

/// A fallback face for `c`: the preferred Noto families first, then any face of the same
/// weight and style, then any face at all.
fn select_fallback(c: char, exclude: &[ID], db: &mut Arc<Database>) -> Option<ID> {
    let db: &Database = db;
    let base = exclude.first().and_then(|id| db.face(*id));
    let weight = base.map_or(FontWeight::NORMAL, |f| f.weight);
    let style = base.map_or(Style::Normal, |f| f.style);
    let usable = |id: ID| !exclude.contains(&id) && has_char(db, id, c);
    for name in PREFERRED {
        let query = Query {
            families: &[Family::Name(name)],
            weight,
            style,
            ..Query::default()
        };
        if let Some(id) = db.query(&query).filter(|id| usable(*id)) {
            return Some(id);
        }
    }
    let same = db
        .faces()
        .find(|f| f.weight == weight && f.style == style && usable(f.id));
    same.or_else(|| db.faces().find(|f| usable(f.id)))
        .map(|f| f.id)
}

/// A warning naming the characters that no font in `db` can show.
fn missing_characters(scene: &Scene, db: &Database) -> Option<String> {
    let mut left: BTreeSet<char> = scene
        .texts()
        .flat_map(|t| t.text.chars())
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    for face in db.faces() {
        if left.is_empty() {
            return None;
        }
        db.with_face_data(face.id, |data, index| {
            if let Ok(parsed) = ttf_parser::Face::parse(data, index) {
                left.retain(|&c| parsed.glyph_index(c).is_none());
            }
        });
    }
    let missing: String = left.into_iter().collect();
    (!missing.is_empty()).then(|| format!("no installed font can show these characters: {missing}"))
}
