//! The colours of every output, named once: the paper palette of printed pages and the
//! dark screen palette of the audience view.

use super::scene::Rgba;

/// The colours one output uses for text, rules and meaning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// The page or screen behind everything.
    pub background: Rgba,
    /// Main text.
    pub ink: Rgba,
    /// Secondary text, axes and frames.
    pub muted: Rgba,
    /// Rules between rows and grid lines.
    pub rule: Rgba,
    /// Large figures and the exposure curve.
    pub accent: Rgba,
    /// Gains: dependencies removed.
    pub gain: Rgba,
    /// Dependencies introduced and trades.
    pub warn: Rgba,
    /// The other path's exposure curve when two paths are compared.
    pub other: Rgba,
}

/// Printed pages: dark slate text on white.
pub const PAPER: Palette = Palette {
    background: Rgba::rgb(0xFF, 0xFF, 0xFF),
    ink: Rgba::rgb(0x1E, 0x29, 0x3B),
    muted: Rgba::rgb(0x64, 0x74, 0x8B),
    rule: Rgba::rgb(0xCB, 0xD5, 0xE1),
    accent: Rgba::rgb(0x1D, 0x4E, 0xD8),
    gain: Rgba::rgb(0x15, 0x80, 0x3D),
    warn: Rgba::rgb(0xC2, 0x41, 0x0C),
    other: Rgba::rgb(0x64, 0x74, 0x8B),
};

/// The audience view: white and yellow on a near-black screen.
pub const SCREEN: Palette = Palette {
    background: Rgba::rgb(0x0B, 0x0F, 0x19),
    ink: Rgba::rgb(0xFF, 0xFF, 0xFF),
    muted: Rgba::rgb(0xB8, 0xC2, 0xD3),
    rule: Rgba::rgb(0x47, 0x55, 0x69),
    accent: Rgba::rgb(0xFA, 0xCC, 0x15),
    gain: Rgba::rgb(0x4A, 0xDE, 0x80),
    warn: Rgba::rgb(0xFB, 0x92, 0x3C),
    other: Rgba::rgb(0x93, 0xC5, 0xFD),
};

/// The trades and warnings of the printed report, a darker amber than [`PAPER`]'s warning.
pub const REPORT_WARN: Rgba = Rgba::rgb(0xB4, 0x53, 0x09);
/// The exposure curve of the printed report.
pub const REPORT_EXPOSURE: Rgba = Rgba::rgb(0xDC, 0x26, 0x26);
/// A heatmap cell with nothing live.
pub const NOTHING_LIVE: Rgba = Rgba::rgb(0xE2, 0xE8, 0xF0);
/// Alternate lane stripes.
pub const STRIPE: Rgba = Rgba::rgb(0xF1, 0xF5, 0xF9);
