//! Text shaping for the exporters: one engine (parley) for bidi, scripts and font fallback.
//!
//! The bundled Noto Sans covers Latin, Cyrillic and Greek; other scripts fall back to the
//! system's fonts (Debian: fonts-noto-core, fonts-noto-cjk).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use parley::fontique::Blob;
use parley::{FontContext, FontData, FontFamily, FontWeight, LayoutContext, PositionedLayoutItem};
use parley::{StyleProperty, layout::Layout};

use crate::layout::Weight;

/// Noto Sans Regular, bundled (OFL, see `assets/fonts/OFL.txt`).
pub const NOTO_SANS_REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
/// Noto Sans Bold, bundled.
pub const NOTO_SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");

/// Families asked for first; fontique's script-aware fallback does the rest.
const FAMILIES: &str = "'Noto Sans', 'Noto Sans CJK SC', 'Noto Sans Arabic', \
                        'Noto Sans Devanagari', sans-serif";

/// One glyph, positioned relative to the start of its text, in units.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    /// Glyph id in its font.
    pub id: u32,
    /// Horizontal advance.
    pub advance: f32,
    /// Horizontal offset from the pen position.
    pub x_offset: f32,
    /// Vertical offset, downwards.
    pub y_offset: f32,
    /// The bytes of the text this glyph shows.
    pub text: Range<usize>,
}

/// Glyphs in one font, in visual order.
#[derive(Debug, Clone)]
pub struct ShapedRun {
    /// The font.
    pub font: FontData,
    /// Font size in units.
    pub size: f32,
    /// Where the run starts, from the start of the line.
    pub x: f32,
    /// The glyphs.
    pub glyphs: Vec<PlacedGlyph>,
}

/// A shaped line of text.
#[derive(Debug, Clone, Default)]
pub struct ShapedText {
    /// The text shaped (control characters replaced by spaces); glyph ranges index it.
    pub text: String,
    /// Total advance width.
    pub width: f32,
    /// Runs in visual order.
    pub runs: Vec<ShapedRun>,
    /// Whether some character has no glyph in any font.
    pub missing: bool,
}

/// The font database and shaping scratch space; make one per export.
pub struct TextEngine {
    fonts: FontContext,
    /// The bundled regular and bold faces, for the fast path.
    bundled: [Bundled; 2],
    layouts: LayoutContext<()>,
    cache: HashMap<(String, u32, bool), ShapedText>,
}

impl Default for TextEngine {
    fn default() -> TextEngine {
        TextEngine::new()
    }
}

impl TextEngine {
    /// System fonts plus the bundled Noto Sans.
    pub fn new() -> TextEngine {
        let mut fonts = FontContext::new();
        let bundled = [NOTO_SANS_REGULAR, NOTO_SANS_BOLD].map(|data| {
            let blob: Blob<u8> = Blob::new(Arc::new(data));
            fonts.collection.register_fonts(blob.clone(), None);
            Bundled {
                face: rustybuzz::Face::from_slice(data, 0),
                font: FontData::new(blob, 0),
            }
        });
        TextEngine {
            fonts,
            bundled,
            layouts: LayoutContext::new(),
            cache: HashMap::new(),
        }
    }

    /// Shapes one line of `text` at `size` (bidi, script runs and fallback included).
    pub fn shape(&mut self, text: &str, size: f32, weight: Weight) -> ShapedText {
        let key = (text.to_owned(), size.to_bits(), weight == Weight::Bold);
        if let Some(hit) = self.cache.get(&key) {
            return hit.clone();
        }
        let bundled = &self.bundled[usize::from(weight == Weight::Bold)];
        let shaped = match shape_simple(bundled, text, size) {
            Some(shaped) => shaped,
            None => self.shape_uncached(text, size, weight),
        };
        if self.cache.len() > 50_000 {
            self.cache.clear();
        }
        self.cache.insert(key, shaped.clone());
        shaped
    }

    fn shape_uncached(&mut self, text: &str, size: f32, weight: Weight) -> ShapedText {
        let line: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let mut builder = self
            .layouts
            .ranged_builder(&mut self.fonts, &line, 1.0, true);
        builder.push_default(StyleProperty::FontFamily(FontFamily::Source(
            FAMILIES.into(),
        )));
        builder.push_default(StyleProperty::FontSize(size));
        let w = if weight == Weight::Bold { 700.0 } else { 400.0 };
        builder.push_default(StyleProperty::FontWeight(FontWeight::new(w)));
        let mut layout: Layout<()> = builder.build(&line);
        layout.break_all_lines(None);
        let mut shaped = collect(&layout);
        shaped.text = line;
        shaped
    }
}

/// A bundled face: parsed for shaping, and as parley font data for the PDF writer.
struct Bundled {
    face: Option<rustybuzz::Face<'static>>,
    font: FontData,
}

/// Whether `c` is in a script the bundled font shapes alone, left to right, with no marks
/// that need reordering (Latin, Greek, Cyrillic, common punctuation and symbols).
fn is_simple(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{A0}'..='\u{2FF}' | '\u{370}'..='\u{52F}' | '\u{2010}'..='\u{2044}' | '\u{20AC}')
}

/// Fast path: text that is all simple characters the bundled font has, shaped by rustybuzz
/// with that one font (kerning and ligatures included); `None` to use the full engine.
fn shape_simple(bundled: &Bundled, text: &str, size: f32) -> Option<ShapedText> {
    let face = bundled.face.as_ref()?;
    if !text
        .chars()
        .all(|c| is_simple(c) && face.glyph_index(c).is_some())
    {
        return None;
    }
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(rustybuzz::Direction::LeftToRight);
    let shaped = rustybuzz::shape(face, &[], buffer);
    let scale = size / f32::from(face.units_per_em().max(1) as u16);
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();
    let mut glyphs = Vec::with_capacity(infos.len());
    let mut width = 0.0;
    for (k, (info, pos)) in infos.iter().zip(positions).enumerate() {
        let start = info.cluster as usize;
        let end = infos[k..]
            .iter()
            .map(|i| i.cluster as usize)
            .find(|&c| c > start)
            .unwrap_or(text.len());
        let advance = pos.x_advance as f32 * scale;
        width += advance;
        glyphs.push(PlacedGlyph {
            id: info.glyph_id,
            advance,
            x_offset: pos.x_offset as f32 * scale,
            y_offset: -(pos.y_offset as f32) * scale,
            text: start..end,
        });
    }
    Some(ShapedText {
        text: text.to_owned(),
        width,
        runs: vec![ShapedRun {
            font: bundled.font.clone(),
            size,
            x: 0.0,
            glyphs,
        }],
        missing: false,
    })
}

/// The glyph runs of the first line of a laid-out text.
fn collect(layout: &Layout<()>) -> ShapedText {
    let mut shaped = ShapedText::default();
    let Some(line) = layout.lines().next() else {
        return shaped;
    };
    for item in line.items() {
        let PositionedLayoutItem::GlyphRun(glyph_run) = item else {
            continue;
        };
        let run = glyph_run.run();
        let mut glyphs = Vec::new();
        for cluster in run.visual_clusters() {
            let range = cluster.text_range();
            for g in cluster.glyphs() {
                if g.id == 0 && !cluster.is_space_or_nbsp() {
                    shaped.missing = true;
                }
                glyphs.push(PlacedGlyph {
                    id: g.id,
                    advance: g.advance,
                    x_offset: g.x,
                    y_offset: g.y,
                    text: range.clone(),
                });
            }
        }
        shaped.runs.push(ShapedRun {
            font: run.font().clone(),
            size: run.font_size(),
            x: glyph_run.offset(),
            glyphs,
        });
    }
    shaped.width = line.metrics().advance;
    shaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_text_shapes_with_the_bundled_font() {
        let mut engine = TextEngine::new();
        let shaped = engine.shape("Compute", 10.0, Weight::Regular);
        assert!(!shaped.missing);
        assert!(
            shaped.width > 20.0 && shaped.width < 60.0,
            "{}",
            shaped.width
        );
        let glyphs: usize = shaped.runs.iter().map(|r| r.glyphs.len()).sum();
        assert_eq!(glyphs, 7);
    }

    #[test]
    fn fast_path_matches_the_full_engine() {
        let mut engine = TextEngine::new();
        let text = "AVAILABLE Тверь, Ελλάδα 2026–2035";
        let fast = shape_simple(&engine.bundled[0], text, 10.0).unwrap();
        let full = engine.shape_uncached(text, 10.0, Weight::Regular);
        assert!(
            (fast.width - full.width).abs() < 0.5,
            "{} vs {}",
            fast.width,
            full.width
        );
        let ids = |s: &ShapedText| {
            s.runs
                .iter()
                .flat_map(|r| r.glyphs.iter().map(|g| g.id))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&fast), ids(&full));
        assert!(shape_simple(&engine.bundled[0], "数据", 10.0).is_none());
        assert!(shape_simple(&engine.bundled[0], "حوسبة", 10.0).is_none());
    }

    #[test]
    fn arabic_runs_right_to_left() {
        let mut engine = TextEngine::new();
        let shaped = engine.shape("حوسبة", 10.0, Weight::Regular);
        let run = &shaped.runs[0];
        // Visual order: the first glyph drawn shows the last character.
        let first = run.glyphs.first().unwrap().text.start;
        let last = run.glyphs.last().unwrap().text.start;
        assert!(first > last);
    }
}
