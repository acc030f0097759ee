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
        for data in [NOTO_SANS_REGULAR, NOTO_SANS_BOLD] {
            let blob: Blob<u8> = Blob::new(Arc::new(data));
            fonts.collection.register_fonts(blob, None);
        }
        TextEngine {
            fonts,
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
        let shaped = self.shape_uncached(text, size, weight);
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
