//! Sovereignty pages: the executive summary, the weakest-link heatmap with the jurisdiction
//! shares, and the framework scorecard; laid out once for the PDF (and any other output).

use super::scene::{Anchor, Point, Rect, Rgba, Scene, Shape, Stroke, Tag, TextRun, Weight};
use super::{text, theme};
use crate::analysis::format::money;
use crate::analysis::sovereignty::{Cutoff, Shock, Sovereignty, Summary};
use crate::analysis::{Analysis, Framework};
use crate::model::{ControlLevel, Month, Roadmap};

/// Dark text.
const INK: Rgba = theme::PAPER.ink;
/// Secondary text.
const MUTED: Rgba = theme::PAPER.muted;
/// Box outlines and rules.
const RULE: Rgba = theme::PAPER.rule;
/// A cell with nothing live.
pub const NOTHING_LIVE: Rgba = theme::NOTHING_LIVE;
/// Width of the layer-name column of the heatmap and scorecard.
const NAMES: f32 = 110.0;

/// Colours of framework levels 0–4 (and beyond, the last), worst first.
pub fn level_colour(level: u8, max: u8) -> Rgba {
    const COLOURS: [Rgba; 5] = [
        Rgba::rgb(0xDC, 0x26, 0x26),
        Rgba::rgb(0xEA, 0x58, 0x0C),
        Rgba::rgb(0xCA, 0x8A, 0x04),
        Rgba::rgb(0x65, 0xA3, 0x0D),
        Rgba::rgb(0x16, 0xA3, 0x4A),
    ];
    let scaled = if max == 0 {
        4
    } else {
        usize::from(level.min(max)) * 4 / usize::from(max)
    };
    COLOURS.get(scaled).copied().unwrap_or(COLOURS[4])
}

/// The colour of the `n`-th jurisdiction in a stacked area.
pub fn jurisdiction_colour(n: usize) -> Rgba {
    // Hues apart from the control levels' red, orange, amber and green, which the heatmap
    // beside the shares uses.
    const COLOURS: [Rgba; 8] = [
        Rgba::rgb(0x25, 0x63, 0xEB),
        Rgba::rgb(0x64, 0x74, 0x8B),
        Rgba::rgb(0x7C, 0x3A, 0xED),
        Rgba::rgb(0x08, 0x91, 0xB2),
        Rgba::rgb(0xDB, 0x27, 0x77),
        Rgba::rgb(0x43, 0x38, 0xCA),
        Rgba::rgb(0x0F, 0x76, 0x6E),
        Rgba::rgb(0x38, 0xBD, 0xF8),
    ];
    COLOURS[n % COLOURS.len()]
}

/// Writes text at a point (baseline `y + size`).
#[allow(clippy::too_many_arguments)]
fn put(
    scene: &mut Scene,
    s: &str,
    x: f32,
    y: f32,
    size: f32,
    colour: Rgba,
    weight: Weight,
    max: f32,
) {
    put_anchored(scene, s, x, y, size, colour, weight, max, Anchor::Start);
}

#[allow(clippy::too_many_arguments)]
fn put_anchored(
    scene: &mut Scene,
    s: &str,
    x: f32,
    y: f32,
    size: f32,
    colour: Rgba,
    weight: Weight,
    max: f32,
    anchor: Anchor,
) {
    let pos = Point::new(x, y + size);
    if let Some(run) = TextRun::elided(s, pos, size, colour, weight, max) {
        scene.push(Shape::Text(TextRun { anchor, ..run }), Tag::Chrome);
    }
}

/// Wrapped text; returns the height used.
fn paragraph(scene: &mut Scene, s: &str, x: f32, y: f32, size: f32, max: f32) -> f32 {
    let line = size * 1.4;
    let lines = text::wrap(s, size, max);
    for (n, l) in lines.iter().enumerate() {
        put(
            scene,
            l,
            x,
            y + n as f32 * line,
            size,
            INK,
            Weight::Regular,
            max,
        );
    }
    lines.len() as f32 * line
}

fn rect(scene: &mut Scene, r: Rect, fill: Option<Rgba>, stroke: Option<Stroke>) {
    scene.push(
        Shape::Rect {
            rect: r,
            fill,
            stroke,
            radius: 0.0,
        },
        Tag::Chrome,
    );
}

/// How the sovereignty view is drawn: type and colours for paper or for a dark screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Look {
    /// Size of labels, axes and legends.
    pub text: f32,
    /// Size of the two headings.
    pub heading: f32,
    /// Main text.
    pub ink: Rgba,
    /// Axes and secondary text.
    pub muted: Rgba,
    /// Frames and ticks.
    pub rule: Rgba,
    /// The concentration (HHI) line over the shares.
    pub hhi: Rgba,
    /// Widest the column of layer names and share ticks may be.
    pub names: f32,
}

impl Look {
    /// Printed pages: small dark type on white.
    pub const PAPER: Look = Look {
        text: 9.0,
        heading: 13.0,
        ink: INK,
        muted: MUTED,
        rule: RULE,
        hhi: Rgba::rgb(0x0F, 0x17, 0x2A),
        names: NAMES,
    };

    /// A dark presentation screen with labels of `text` points.
    pub fn screen(text: f32) -> Look {
        Look {
            text,
            heading: text * 1.25,
            ink: theme::SCREEN.ink,
            muted: theme::SCREEN.muted,
            rule: theme::SCREEN.rule,
            hhi: theme::SCREEN.ink,
            names: text * 12.0,
        }
    }

    /// The name column for `names` at this look's size, at most a quarter of `width`.
    fn name_column(&self, names: &[&str], width: f32) -> f32 {
        let widest = names
            .iter()
            .map(|n| text::width(n, self.text))
            .fold(text::width("100 %", self.text), f32::max);
        (widest + self.text).min(self.names).min(width * 0.25)
    }
}

/// The heatmap and shares page, then the scorecard, each `width` × `height`.
pub fn pages(
    plan: &Roadmap,
    analysis: &Analysis,
    framework: &Framework,
    now: Month,
    width: f32,
    height: f32,
) -> Vec<Scene> {
    let sovereignty = Sovereignty::new(plan, analysis, framework);
    let (from, to) = (plan.horizon.start, plan.horizon.end.max(plan.horizon.start));
    let mut page = view(
        plan,
        &sovereignty,
        &[],
        from,
        to,
        width,
        height,
        &Look::PAPER,
    );
    page.height = height;
    let mut pages = vec![page];
    pages.extend(scorecard::scorecard(
        plan,
        &sovereignty,
        framework,
        now,
        width,
        height,
    ));
    pages
}

/// The pages of a printed report: the summary (first, with what `shock` does) and the heatmap
/// and scorecard (last), for the month `date` ("YYYY-MM…", kept within the horizon) as now.
pub fn print_pages(
    plan: &Roadmap,
    analysis: &Analysis,
    date: &str,
    shock: Option<&Shock>,
    width: f32,
    height: f32,
) -> (Vec<Scene>, Vec<Scene>) {
    let Ok(framework) = Framework::eu_csf() else {
        return (Vec::new(), Vec::new());
    };
    let (start, end) = (plan.horizon.start, plan.horizon.end.max(plan.horizon.start));
    let now = date
        .get(..7)
        .and_then(|m| m.parse::<Month>().ok())
        .unwrap_or(start)
        .clamp(start, end);
    (
        vec![summary_page(
            plan, analysis, &framework, now, shock, width, height,
        )],
        pages(plan, analysis, &framework, now, width, height),
    )
}

mod scorecard;
mod summary;
#[cfg(test)]
mod tests;
mod view;

pub use summary::{shock_section, shock_title, summary_page};
pub use view::view;
