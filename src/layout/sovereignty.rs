//! Sovereignty pages: the executive summary, the weakest-link heatmap with the jurisdiction
//! shares, and the framework scorecard; laid out once for the PDF (and any other output).

use super::report::money;
use super::scene::{Anchor, Point, Rect, Rgba, Scene, Shape, Stroke, Tag, TextRun, Weight};
use super::text;
use crate::analysis::sovereignty::{Cutoff, Shock, Sovereignty, Summary};
use crate::analysis::{Analysis, Framework};
use crate::model::{ControlLevel, Month, Roadmap};

/// Dark text.
const INK: Rgba = Rgba::rgb(0x1E, 0x29, 0x3B);
/// Secondary text.
const MUTED: Rgba = Rgba::rgb(0x64, 0x74, 0x8B);
/// Box outlines and rules.
const RULE: Rgba = Rgba::rgb(0xCB, 0xD5, 0xE1);
/// A cell with nothing live.
pub const NOTHING_LIVE: Rgba = Rgba::rgb(0xE2, 0xE8, 0xF0);
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
    let Some(t) = text::elide(s, size, max.max(1.0)) else {
        return;
    };
    scene.push(
        Shape::Text(TextRun {
            text: t,
            pos: Point::new(x, y + size),
            size,
            colour,
            weight,
            anchor,
            max_width: max,
        }),
        Tag::Chrome,
    );
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

/// "−79 %" for a change from `a` to `b`.
fn change(a: u32, b: u32) -> String {
    if a == 0 {
        return "no exposure now".to_owned();
    }
    let pct = (f64::from(b) - f64::from(a)) / f64::from(a) * 100.0;
    if pct <= 0.0 {
        format!("{:.0} % reduction", -pct)
    } else {
        format!("+{pct:.0} % increase")
    }
}

/// Who cuts, in words.
fn who(cutoff: &Cutoff) -> String {
    match cutoff {
        Cutoff::Jurisdiction(j) => format!("Jurisdiction {j}"),
        Cutoff::Controller(c) => c.clone(),
    }
}

/// "1 layer", "3 layers".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One risk in a sentence.
fn risk_text(plan: &Roadmap, shock: &Shock, now_exposure: u32) -> String {
    let never = shock.cut.iter().filter(|c| c.removed_in.is_none()).count();
    let longest = shock
        .cut
        .iter()
        .max_by_key(|c| c.months_exposed)
        .map(|c| {
            let name = plan.dependency(&c.id).map_or(c.id.as_str(), |d| &d.name);
            format!("; longest without: {name}, {} months", c.months_exposed)
        })
        .unwrap_or_default();
    format!(
        "{} cuts off access in {}: exposure {} of {now_exposure} cut ({}, {never} never removed \
         by the plan); {} hit, {} at risk{longest}.",
        who(&shock.cutoff),
        shock.at,
        shock.exposure_cut,
        count(shock.cut.len(), "dependency", "dependencies"),
        count(shock.layers_hit.len(), "layer", "layers"),
        count(shock.milestones_at_risk.len(), "milestone", "milestones"),
    )
}

/// The executive summary page, `width` × `height` units; with `shock`, what the cut-off
/// marked on the chart does.
pub fn summary_page(
    plan: &Roadmap,
    analysis: &Analysis,
    framework: &Framework,
    now: Month,
    shock: Option<&Shock>,
    width: f32,
    height: f32,
) -> Scene {
    let sovereignty = Sovereignty::new(plan, analysis, framework);
    let sum = sovereignty.summary(now);
    let mut scene = Scene {
        width,
        height,
        ..Scene::default()
    };
    put(
        &mut scene,
        "Summary",
        0.0,
        0.0,
        18.0,
        INK,
        Weight::Bold,
        width,
    );
    let dates = format!("Now: {} · end of the horizon: {}", sum.now, sum.end);
    let left = text::width("Summary", 18.0) * 1.15 + 16.0;
    put(
        &mut scene,
        &dates,
        left,
        6.0,
        10.0,
        MUTED,
        Weight::Regular,
        width - left,
    );
    let mut y = 30.0;
    y += figures(&mut scene, plan, &sum, framework, y, width);
    y += 18.0;
    let weakest = match sum.weakest_end {
        Some((layer, link)) => {
            let name = plan.layers.get(layer).map_or("?", |l| l.name.as_str());
            let dep = plan.dependencies.get(link.dependency);
            format!(
                "Weakest layer at the end ({}): {name}. Its weakest link is {} ({}).",
                sum.end,
                dep.map_or("?", |d| d.name.as_str()),
                link.control.label()
            )
        }
        None => format!("At the end ({}) no external dependency is left.", sum.end),
    };
    y += paragraph(&mut scene, &weakest, 0.0, y, 11.0, width);
    y += 14.0;
    if let Some(shock) = shock {
        y += shock_section(&mut scene, plan, analysis, shock, y, width);
        y += 14.0;
    }
    put(
        &mut scene,
        &format!("Largest remaining risks, if access were cut in {}", sum.now),
        0.0,
        y,
        13.0,
        INK,
        Weight::Bold,
        width,
    );
    y += 22.0;
    if sum.risks.is_empty() {
        y += paragraph(
            &mut scene,
            "No live dependency to cut.",
            0.0,
            y,
            11.0,
            width,
        );
    }
    for (n, risk) in sum.risks.iter().enumerate() {
        put(
            &mut scene,
            &format!("{}.", n + 1),
            0.0,
            y,
            11.0,
            INK,
            Weight::Bold,
            20.0,
        );
        y += paragraph(
            &mut scene,
            &risk_text(plan, risk, sum.exposure_now),
            20.0,
            y,
            11.0,
            width - 20.0,
        );
        y += 6.0;
    }
    y += 10.0;
    paragraph(
        &mut scene,
        &format!(
            "Exposure is the summed criticality (1–5) of live external dependencies. Scores use \
             the {} v{} ({}); a layer is as strong as its weakest live dependency.",
            framework.name, framework.version, framework.published
        ),
        0.0,
        y,
        8.5,
        width,
    );
    scene
}

/// Cut dependencies listed by name in a shock's summary; the rest are counted.
const CUT_LISTED: usize = 4;
/// Milestones at risk named in a shock's summary; the rest are counted.
const AT_RISK_LISTED: usize = 4;

/// What a chosen cut-off does, in a sentence and a line per cut dependency (the longest cut
/// first); returns the height used.
pub fn shock_section(
    scene: &mut Scene,
    plan: &Roadmap,
    analysis: &Analysis,
    shock: &Shock,
    y: f32,
    width: f32,
) -> f32 {
    let top = y;
    let title = format!("The cut-off marked on the chart: {}", shock_title(shock));
    put(scene, &title, 0.0, y, 13.0, INK, Weight::Bold, width);
    let mut y = y + 22.0;
    let exposure = analysis.exposure_at(shock.at).total;
    let never = shock.cut.iter().filter(|c| c.removed_in.is_none()).count();
    let what = format!(
        "Exposure {} of {exposure} cut ({}, {never} never removed by the plan); {} hit, {} \
         at risk.",
        shock.exposure_cut,
        count(shock.cut.len(), "dependency", "dependencies"),
        count(shock.layers_hit.len(), "layer", "layers"),
        count(shock.milestones_at_risk.len(), "milestone", "milestones"),
    );
    y += paragraph(scene, &what, 0.0, y, 11.0, width);
    let mut cut: Vec<_> = shock.cut.iter().collect();
    cut.sort_by_key(|c| std::cmp::Reverse(c.months_exposed));
    for c in cut.iter().take(CUT_LISTED) {
        let name = plan.dependency(&c.id).map_or(c.id.as_str(), |d| &d.name);
        let until = match c.removed_in {
            Some(month) => format!("until the plan removes it in {month}"),
            None => format!("never removed by the plan (to {})", plan.horizon.end),
        };
        let text = format!("{name}: {} months without it, {until}", c.months_exposed);
        put(scene, "–", 8.0, y, 10.0, MUTED, Weight::Regular, 12.0);
        y += paragraph(scene, &text, 20.0, y, 10.0, width - 20.0);
    }
    let more = cut.len().saturating_sub(CUT_LISTED);
    if more > 0 {
        let text = format!(
            "and {}",
            count(more, "more dependency", "more dependencies")
        );
        y += paragraph(scene, &text, 20.0, y, 10.0, width - 20.0);
    }
    if !shock.milestones_at_risk.is_empty() {
        let names: Vec<&str> = shock
            .milestones_at_risk
            .iter()
            .take(AT_RISK_LISTED)
            .map(|id| plan.milestone(id).map_or(id.as_str(), |m| &m.title))
            .collect();
        let more = shock
            .milestones_at_risk
            .len()
            .saturating_sub(AT_RISK_LISTED);
        let more = if more > 0 {
            format!("; and {more} more")
        } else {
            String::new()
        };
        let text = format!("Milestones at risk: {}{more}.", names.join("; "));
        y += paragraph(scene, &text, 0.0, y + 4.0, 10.0, width) + 4.0;
    }
    y - top
}

/// "Jurisdiction US cuts off access in 2027-06".
pub fn shock_title(shock: &Shock) -> String {
    format!("{} cuts off access in {}", who(&shock.cutoff), shock.at)
}

/// The row of key figures; returns its height.
fn figures(
    scene: &mut Scene,
    plan: &Roadmap,
    sum: &Summary,
    framework: &Framework,
    y: f32,
    width: f32,
) -> f32 {
    let share = |s: &Option<crate::analysis::sovereignty::JurisdictionShare>| {
        s.as_ref().map_or("none".to_owned(), |j| {
            format!("{} {:.0} %", j.name, j.share * 100.0)
        })
    };
    let boxes = [
        (
            "Exposure, now → end".to_owned(),
            format!("{} → {}", sum.exposure_now, sum.exposure_end),
            change(sum.exposure_now, sum.exposure_end),
        ),
        (
            "Dependencies".to_owned(),
            format!("{} retired", sum.retired),
            format!("{} remaining · {} traded", sum.remaining, sum.traded),
        ),
        (
            "Largest jurisdiction share".to_owned(),
            format!(
                "{} → {}",
                share(&sum.top_share_now),
                share(&sum.top_share_end)
            ),
            "now → end".to_owned(),
        ),
        (
            "Total budget".to_owned(),
            money(
                u64::try_from(sum.budget).unwrap_or(u64::MAX),
                &plan.currency,
            ),
            format!("{} investments", plan.investments.len()),
        ),
        (
            format!("{} score", framework.id.to_uppercase()),
            format!("{:.0} → {:.0}", sum.score.0, sum.score.1),
            "of 100, now → end".to_owned(),
        ),
    ];
    let gap = 8.0;
    let per_row = ((width + gap) / 150.0)
        .floor()
        .clamp(1.0, boxes.len() as f32) as usize;
    let w = (width - gap * (per_row as f32 - 1.0)) / per_row as f32;
    let h = 66.0;
    let mut bottom = y;
    for (n, (label, big, small)) in boxes.iter().enumerate() {
        let x = (n % per_row) as f32 * (w + gap);
        let top = y + (n / per_row) as f32 * (h + gap);
        rect(
            scene,
            Rect::new(x, top, w, h),
            Some(Rgba::rgb(0xF8, 0xFA, 0xFC)),
            Some(Stroke::solid(0.6, RULE)),
        );
        put(
            scene,
            label,
            x + 8.0,
            top + 6.0,
            9.0,
            MUTED,
            Weight::Regular,
            w - 16.0,
        );
        let mut size = 18.0;
        while size > 9.0 && text::width(big, size) * 1.12 > w - 16.0 {
            size -= 1.0;
        }
        put(
            scene,
            big,
            x + 8.0,
            top + 20.0,
            size,
            INK,
            Weight::Bold,
            w - 16.0,
        );
        put(
            scene,
            small,
            x + 8.0,
            top + 47.0,
            8.5,
            MUTED,
            Weight::Regular,
            w - 16.0,
        );
        bottom = top + h;
    }
    bottom - y
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
            ink: Rgba::rgb(0xFF, 0xFF, 0xFF),
            muted: Rgba::rgb(0xB8, 0xC2, 0xD3),
            rule: Rgba::rgb(0x47, 0x55, 0x69),
            hhi: Rgba::rgb(0xFF, 0xFF, 0xFF),
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

/// The time axis of the view: months `from`..=`to` across `width` units from `x0`.
#[derive(Debug, Clone, Copy)]
struct TimeAxis {
    from: Month,
    to: Month,
    x0: f32,
    cell: f32,
}

impl TimeAxis {
    fn new(from: Month, to: Month, x0: f32, width: f32) -> TimeAxis {
        let months = from.months_until(to).max(0) + 1;
        TimeAxis {
            from,
            to,
            x0,
            cell: width.max(1.0) / months as f32,
        }
    }

    fn months(&self) -> i32 {
        self.from.months_until(self.to).max(0) + 1
    }

    /// Where month `m` begins.
    fn x(&self, m: Month) -> f32 {
        self.x0 + self.from.months_until(m) as f32 * self.cell
    }

    fn right(&self) -> f32 {
        self.x0 + self.months() as f32 * self.cell
    }

    /// A tick at each January (and the first month) below `y`, labelled with its year where
    /// labels do not crowd; returns the height used.
    fn years(&self, scene: &mut Scene, y: f32, look: &Look) -> f32 {
        let label = text::width("2026", look.text) * 1.15 + look.text * 0.8;
        let every = ((label / (self.cell * 12.0)).ceil() as i32).max(1);
        let mut m = self.from;
        while m <= self.to {
            if m.month() == 1 || m == self.from {
                let x = self.x(m);
                scene.push(
                    Shape::Line {
                        points: vec![Point::new(x, y), Point::new(x, y + look.text * 0.4)],
                        stroke: Stroke::solid(1.0, look.muted),
                    },
                    Tag::Chrome,
                );
                let room = self.right() - x;
                if m.month() == 1 && (m.year() - self.from.year()) % every == 0 && room >= label {
                    put(
                        scene,
                        &m.year().to_string(),
                        x + 2.0,
                        y + look.text * 0.3,
                        look.text,
                        look.muted,
                        Weight::Regular,
                        room - 2.0,
                    );
                }
            }
            m = m.plus(1);
        }
        look.text * 1.7
    }
}

/// Colour swatches with their names, wrapped to `width`; returns the height used.
fn swatches(
    scene: &mut Scene,
    entries: &[(Rgba, &str)],
    x: f32,
    y: f32,
    width: f32,
    look: &Look,
) -> f32 {
    let size = look.text;
    let (mut lx, mut ly) = (x, y);
    for (colour, label) in entries {
        let w = size * 1.6 + text::width(label, size) * 1.1;
        if lx > x && lx + w > x + width {
            lx = x;
            ly += size * 1.6;
        }
        rect(
            scene,
            Rect::new(lx, ly + size * 0.25, size, size),
            Some(*colour),
            None,
        );
        put(
            scene,
            label,
            lx + size * 1.3,
            ly - size * 0.05,
            size,
            look.ink,
            Weight::Regular,
            (x + width - lx - size * 1.3).max(1.0),
        );
        lx += w + size;
    }
    ly - y + size * 1.6
}

/// The weakest-link heatmap of `layers` (plan order) on `axis` from `y`, `row` units a
/// layer, names in the column left of the axis; returns the height used.
#[allow(clippy::too_many_arguments)]
fn heatmap(
    scene: &mut Scene,
    plan: &Roadmap,
    sovereignty: &Sovereignty<'_>,
    layers: &[usize],
    axis: &TimeAxis,
    y: f32,
    row: f32,
    look: &Look,
) -> f32 {
    for (n, layer) in layers
        .iter()
        .filter_map(|&l| plan.layers.get(l))
        .enumerate()
    {
        let top = y + n as f32 * row;
        put(
            scene,
            &layer.name,
            0.0,
            top + (row - look.text * 1.2) / 2.0,
            look.text,
            look.ink,
            Weight::Regular,
            axis.x0 - look.text * 0.5,
        );
    }
    // Runs of equal colour per layer, one rectangle each.
    let mut runs: Vec<Option<(Rgba, Month)>> = vec![None; layers.len()];
    let months = axis.months();
    let mut m = axis.from;
    for k in 0..=months {
        let weakest = if k < months {
            sovereignty.weakest_links(m)
        } else {
            Vec::new()
        };
        for (n, run) in runs.iter_mut().enumerate() {
            let colour = (k < months).then(|| {
                layers
                    .get(n)
                    .and_then(|&l| weakest.get(l).copied().flatten())
                    .map_or(NOTHING_LIVE, |w| w.control.colour().into())
            });
            let ends = match (run.as_ref(), colour) {
                (Some((c, _)), Some(now)) => *c != now,
                (Some(_), None) => true,
                _ => false,
            };
            if ends && let Some((c, start)) = run.take() {
                let left = axis.x(start);
                let top = y + n as f32 * row;
                let cell = Rect::new(left, top + 1.0, axis.x(m) - left, row - 2.0);
                rect(scene, cell, Some(c), None);
            }
            if run.is_none()
                && let Some(c) = colour
            {
                *run = Some((c, m));
            }
        }
        m = m.plus(1);
    }
    let h = layers.len() as f32 * row;
    h + axis.years(scene, y + h + 2.0, look) + 2.0
}

/// The exposure share by jurisdiction stacked (one rectangle per run of equal share), with
/// the concentration (HHI) drawn over it on the same 0–100 % scale, `height` units tall from
/// `y`; returns the height used with its axis.
fn shares_area(
    scene: &mut Scene,
    sovereignty: &Sovereignty<'_>,
    axis: &TimeAxis,
    y: f32,
    height: f32,
    look: &Look,
) -> f32 {
    let names = sovereignty.jurisdictions();
    let months = axis.months();
    let concentration: Vec<_> = (0..months)
        .map(|k| sovereignty.concentration(axis.from.plus(k)))
        .collect();
    let share = |k: usize, name: &str| {
        concentration
            .get(k)
            .and_then(|c| c.jurisdictions.iter().find(|j| j.name == name))
            .map_or(0.0, |j| j.share as f32)
    };
    let y_of = |share: f32| y + height * (1.0 - share.clamp(0.0, 1.0));
    for (tick, label) in [(1.0, "100 %"), (0.5, "50 %"), (0.0, "0 %")] {
        put_anchored(
            scene,
            label,
            axis.x0 - look.text * 0.4,
            y_of(tick) - look.text * 0.6,
            look.text,
            look.muted,
            Weight::Regular,
            axis.x0,
            Anchor::End,
        );
    }
    let mut below = vec![0.0f32; concentration.len()];
    for (j, name) in names.iter().enumerate() {
        // (first month, share below, own share) of the run being drawn.
        let mut run: Option<(usize, f32, f32)> = None;
        for k in 0..=concentration.len() {
            let now = (k < concentration.len()).then(|| {
                let base = below.get(k).copied().unwrap_or(0.0);
                (base, share(k, name))
            });
            let ends = match (run, now) {
                (Some((_, b, s)), Some((nb, ns))) => (b - nb).abs() > 1e-6 || (s - ns).abs() > 1e-6,
                (Some(_), None) => true,
                _ => false,
            };
            if ends
                && let Some((start, base, own)) = run.take()
                && own > 0.0
            {
                let left = axis.x0 + start as f32 * axis.cell;
                let right = axis.x0 + k as f32 * axis.cell;
                let (top, bottom) = (y_of(base + own), y_of(base));
                let band = Rect::new(left, top, right - left, bottom - top);
                rect(scene, band, Some(jurisdiction_colour(j)), None);
            }
            if run.is_none()
                && let Some((base, own)) = now
            {
                run = Some((k, base, own));
            }
            if let (Some(b), Some((_, own))) = (below.get_mut(k), now) {
                *b += own;
            }
        }
    }
    let mut line = Vec::with_capacity(concentration.len() * 2);
    for (k, c) in concentration.iter().enumerate() {
        let level = y_of(c.hhi as f32);
        line.push(Point::new(axis.x0 + k as f32 * axis.cell, level));
        line.push(Point::new(axis.x0 + (k + 1) as f32 * axis.cell, level));
    }
    scene.push(
        Shape::Line {
            points: line,
            stroke: Stroke::solid((look.text / 6.0).max(1.2), look.hhi),
        },
        Tag::Chrome,
    );
    rect(
        scene,
        Rect::new(axis.x0, y, axis.right() - axis.x0, height),
        None,
        Some(Stroke::solid(1.0, look.rule)),
    );
    height + axis.years(scene, y + height + 2.0, look) + 2.0
}

/// The sovereignty view of months `from`..=`to` in `width` × `height` units: a heading, the
/// control-level legend and the weakest-link heatmap of `layers` (ids; empty = all), then a
/// heading, the exposure share by jurisdiction with the HHI over it, and their legend.
#[allow(clippy::too_many_arguments)]
pub fn view(
    plan: &Roadmap,
    sovereignty: &Sovereignty<'_>,
    layers: &[String],
    from: Month,
    to: Month,
    width: f32,
    height: f32,
    look: &Look,
) -> Scene {
    let mut scene = Scene {
        width,
        height,
        ..Scene::default()
    };
    let shown: Vec<usize> = (0..plan.layers.len())
        .filter(|&n| {
            layers.is_empty() || plan.layers.get(n).is_some_and(|l| layers.contains(&l.id))
        })
        .collect();
    let names: Vec<&str> = shown
        .iter()
        .filter_map(|&n| plan.layers.get(n).map(|l| l.name.as_str()))
        .collect();
    let column = look.name_column(&names, width);
    let axis = TimeAxis::new(from, to.max(from), column, width - column);
    let jurisdictions = sovereignty.jurisdictions();
    let legend_height = |entries: &[(Rgba, &str)]| {
        swatches(
            &mut Scene::default(),
            entries,
            column,
            0.0,
            width - column,
            look,
        )
    };
    let controls: Vec<(Rgba, &str)> = ControlLevel::ALL
        .iter()
        .map(|c| (Rgba::from(c.colour()), c.label()))
        .chain([(NOTHING_LIVE, "nothing live")])
        .collect();
    let shares: Vec<(Rgba, &str)> = jurisdictions
        .iter()
        .enumerate()
        .map(|(j, name)| (jurisdiction_colour(j), name.as_str()))
        .chain([(look.hhi, "HHI (concentration)")])
        .collect();
    // Fixed heights first; the rows and the share area share what is left, 55 : 45.
    let heading = look.heading * 1.6;
    let axis_h = look.text * 1.7 + 4.0;
    let fixed = 2.0 * heading
        + legend_height(&controls)
        + legend_height(&shares)
        + 2.0 * axis_h
        + look.text * 1.5;
    let free = (height - fixed).max(look.text * 6.0);
    let row = (free * 0.55 / shown.len().max(1) as f32).clamp(look.text * 1.2, look.text * 3.0);
    let area = (free - row * shown.len() as f32).max(look.text * 4.0);
    let mut y = 0.0;
    put(
        &mut scene,
        "Weakest link by layer over time",
        0.0,
        y,
        look.heading,
        look.ink,
        Weight::Bold,
        width,
    );
    y += heading;
    y += swatches(&mut scene, &controls, column, y, width - column, look);
    y += heatmap(&mut scene, plan, sovereignty, &shown, &axis, y, row, look);
    y += look.text * 1.5;
    put(
        &mut scene,
        "Share of exposure by jurisdiction, and its concentration (HHI)",
        0.0,
        y,
        look.heading,
        look.ink,
        Weight::Bold,
        width,
    );
    y += heading;
    y += shares_area(&mut scene, sovereignty, &axis, y, area, look);
    y += swatches(&mut scene, &shares, column, y, width - column, look);
    scene.height = y;
    scene
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
    pages.extend(scorecard(plan, &sovereignty, framework, now, width, height));
    pages
}

/// The framework scorecard (layers × objectives) at the start, now and the end.
fn scorecard(
    plan: &Roadmap,
    sovereignty: &Sovereignty<'_>,
    framework: &Framework,
    now: Month,
    width: f32,
    height: f32,
) -> Vec<Scene> {
    let mut dates = vec![plan.horizon.start, now, plan.horizon.end];
    dates.sort();
    dates.dedup();
    let new_page = || Scene {
        width,
        height,
        ..Scene::default()
    };
    let mut pages = Vec::new();
    let mut page = new_page();
    let title = format!(
        "{} v{}: level per layer and objective",
        framework.name, framework.version
    );
    put(&mut page, &title, 0.0, 0.0, 13.0, INK, Weight::Bold, width);
    let mut y = 22.0;
    let row = 15.0;
    let columns = framework.objectives.len() + 1;
    let cell = (width - NAMES) / columns as f32;
    let table_h = 20.0 + 16.0 + row * (plan.layers.len() as f32 + 1.0) + 12.0;
    for date in dates {
        if y + table_h > height && !page.items.is_empty() && y > 22.0 {
            pages.push(std::mem::replace(&mut page, new_page()));
            y = 0.0;
        }
        let levels = sovereignty.framework_levels(date);
        put(
            &mut page,
            &format!("{date}: score {:.0} of 100", levels.score),
            0.0,
            y,
            11.0,
            INK,
            Weight::Bold,
            width,
        );
        y += 18.0;
        for (o, objective) in framework.objectives.iter().enumerate() {
            let cx = NAMES + o as f32 * cell;
            put(
                &mut page,
                &objective.code,
                cx + 3.0,
                y,
                8.0,
                INK,
                Weight::Bold,
                cell - 4.0,
            );
            put(
                &mut page,
                &objective.name,
                cx + 3.0,
                y + 9.0,
                6.5,
                MUTED,
                Weight::Regular,
                cell - 4.0,
            );
        }
        put(
            &mut page,
            "Overall",
            NAMES + (columns - 1) as f32 * cell + 3.0,
            y,
            8.0,
            INK,
            Weight::Bold,
            cell - 4.0,
        );
        y += 20.0;
        let max = framework.max_level();
        for (layer, l) in plan.layers.iter().zip(&levels.layers) {
            put(
                &mut page,
                &layer.name,
                0.0,
                y + 1.0,
                9.0,
                INK,
                Weight::Regular,
                NAMES - 6.0,
            );
            let values = l.objectives.iter().chain(std::iter::once(&l.overall));
            for (c, &level) in values.enumerate() {
                let cx = NAMES + c as f32 * cell;
                let colour = level_colour(level, max);
                rect(
                    &mut page,
                    Rect::new(cx + 1.0, y, cell - 2.0, row - 2.0),
                    Some(colour),
                    None,
                );
                let ink = if colour.is_light() {
                    INK
                } else {
                    Rgba::rgb(255, 255, 255)
                };
                put_anchored(
                    &mut page,
                    &level.to_string(),
                    cx + cell / 2.0,
                    y + 1.5,
                    9.0,
                    ink,
                    Weight::Bold,
                    cell,
                    Anchor::Middle,
                );
            }
            y += row;
        }
        y += 14.0;
    }
    let note = format!(
        "Levels 0–{}: {}. A dependency's level comes from its control level unless its \
         assessment says otherwise; a layer takes the lowest over its live dependencies. \
         Source: {}.",
        framework.max_level(),
        framework.levels.join(", "),
        framework.source
    );
    if y + 40.0 > height {
        pages.push(std::mem::replace(&mut page, new_page()));
        y = 0.0;
    }
    paragraph(&mut page, &note, 0.0, y, 8.0, width);
    pages.push(page);
    pages
}

/// The pages of a printed report: the summary (first, with what `shock` does) and the heatmap
/// and scorecard (last), for the month `date` ("YYYY-MM…", kept within the horizon) as now.
pub fn print_pages(
    plan: &Roadmap,
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
    let analysis = Analysis::of(plan);
    (
        vec![summary_page(
            plan, &analysis, &framework, now, shock, width, height,
        )],
        pages(plan, &analysis, &framework, now, width, height),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> (Roadmap, Analysis, Framework) {
        let plan = crate::io::example_plan().unwrap();
        let analysis = Analysis::of(&plan);
        (plan, analysis, Framework::eu_csf().unwrap())
    }

    fn texts(scene: &Scene) -> Vec<&str> {
        scene.texts().map(|t| t.text.as_str()).collect()
    }

    /// Whether `rect` is a legend's square swatch.
    fn is_swatch(rect: &Rect) -> bool {
        (rect.w - rect.h).abs() < 0.01
    }

    #[test]
    fn the_view_fits_its_box_in_type_of_the_size_asked_for() {
        let (plan, analysis, framework) = example();
        let sovereignty = Sovereignty::new(&plan, &analysis, &framework);
        let (from, to) = (plan.horizon.start, plan.horizon.end);
        for (w, h, text) in [
            (1000.0, 750.0, 18.0),
            (700.0, 420.0, 14.0),
            (500.0, 380.0, 9.0),
        ] {
            let look = Look {
                text,
                ..Look::screen(text)
            };
            let scene = view(&plan, &sovereignty, &[], from, to, w, h, &look);
            assert!(scene.height <= h + 0.5, "{w}×{h}: {} tall", scene.height);
            for t in scene.texts() {
                assert!(t.size >= text, "{} at {}", t.text, t.size);
                let b = t.bounds();
                assert!(
                    b.x >= -0.5 && b.right() <= w + 0.5,
                    "{} runs off: {b:?}",
                    t.text
                );
            }
            let all = texts(&scene);
            for year in ["2026", "2035"] {
                assert_eq!(
                    all.iter().filter(|t| **t == year).count(),
                    2,
                    "{w}: {all:?}"
                );
            }
            for layer in &plan.layers {
                assert!(all.contains(&layer.name.as_str()), "{}", layer.name);
            }
        }
    }

    #[test]
    fn shares_stack_to_the_whole_and_the_hhi_line_follows_the_concentration() {
        let (plan, analysis, framework) = example();
        let sovereignty = Sovereignty::new(&plan, &analysis, &framework);
        let (from, to) = (plan.horizon.start, plan.horizon.end);
        let look = Look::screen(16.0);
        let scene = view(
            &plan,
            &sovereignty,
            &["chips".into()],
            from,
            to,
            900.0,
            600.0,
            &look,
        );
        let all = texts(&scene);
        assert!(
            all.contains(&"Chips") && !all.contains(&"Models"),
            "{all:?}"
        );
        // The first month's bands of the jurisdictions, stacked: they fill the area exactly.
        let colours: Vec<Rgba> = (0..8).map(jurisdiction_colour).collect();
        let bands: Vec<Rect> = scene
            .items
            .iter()
            .filter_map(|i| match &i.shape {
                Shape::Rect {
                    rect,
                    fill: Some(f),
                    ..
                } if colours.contains(f) && !is_swatch(rect) => Some(*rect),
                _ => None,
            })
            .collect();
        let left = bands.iter().map(|b| b.x).fold(f32::INFINITY, f32::min);
        let first: Vec<&Rect> = bands.iter().filter(|b| (b.x - left).abs() < 0.01).collect();
        let top = first.iter().map(|b| b.y).fold(f32::INFINITY, f32::min);
        let bottom = first.iter().map(|b| b.bottom()).fold(0.0, f32::max);
        let filled: f32 = first.iter().map(|b| b.h).sum();
        assert!((filled - (bottom - top)).abs() < 0.01, "{first:?}");
        // US holds 49 of 57 in 2026-01 (HHI 0.746): the line starts a quarter down.
        let hhi = scene
            .items
            .iter()
            .find_map(|i| match &i.shape {
                Shape::Line { points, stroke } if stroke.colour == look.hhi => {
                    points.first().copied()
                }
                _ => None,
            })
            .expect("the HHI line");
        let expected = top + (bottom - top) * (1.0 - 0.7458);
        assert!((hhi.y - expected).abs() < 0.5, "{} vs {expected}", hhi.y);
    }

    #[test]
    fn summary_states_the_figures_of_the_example() {
        let (plan, analysis, framework) = example();
        let now: Month = "2026-01".parse().unwrap();
        let page = summary_page(&plan, &analysis, &framework, now, None, 780.0, 500.0);
        let all = texts(&page).join("\n");
        // 57 at the start, 12 at the end (as `stackplan check` says): a 79 % reduction.
        assert!(all.contains("57 → 12"), "{all}");
        assert!(all.contains("79 % reduction"), "{all}");
        assert!(all.contains("4,334,000,000 EUR"), "{all}");
        assert!(all.contains("Largest remaining risks"), "{all}");
        assert!(
            all.contains("1.") && all.contains("3."),
            "three risks: {all}"
        );
        for t in page.texts() {
            assert!(t.bounds().right() <= 780.5, "{} runs off the page", t.text);
        }
    }

    #[test]
    fn heatmap_cells_take_the_weakest_control_colour() {
        let (plan, analysis, framework) = example();
        let now: Month = "2026-01".parse().unwrap();
        let pages = pages(&plan, &analysis, &framework, now, 780.0, 500.0);
        let heat = &pages[0];
        // In 2026-01 every layer of the example has a black-box or licensed dependency: the
        // first cell of each row is red or orange, never green.
        let levels: Vec<Rgba> = ControlLevel::ALL
            .iter()
            .map(|c| Rgba::from(c.colour()))
            .chain([NOTHING_LIVE])
            .collect();
        let cells: Vec<(f32, Rgba)> = heat
            .items
            .iter()
            .filter_map(|i| match &i.shape {
                Shape::Rect {
                    rect,
                    fill: Some(f),
                    ..
                } if levels.contains(f) && !is_swatch(rect) => Some((rect.x, *f)),
                _ => None,
            })
            .collect();
        let left = cells.iter().map(|c| c.0).fold(f32::INFINITY, f32::min);
        let first_cells: Vec<Rgba> = cells
            .iter()
            .filter(|c| (c.0 - left).abs() < 0.01)
            .map(|c| c.1)
            .collect();
        assert_eq!(first_cells.len(), plan.layers.len(), "one row per layer");
        let closed = [
            Rgba::from(ControlLevel::BlackBox.colour()),
            Rgba::from(ControlLevel::Licensed.colour()),
        ];
        let domestic = Rgba::from(ControlLevel::Domestic.colour());
        assert!(
            first_cells.iter().all(|c| closed.contains(c)),
            "{first_cells:?}"
        );
        assert!(
            first_cells.iter().all(|c| *c != domestic),
            "{first_cells:?}"
        );
        assert!(first_cells.iter().any(|c| closed.contains(c)));
        let all = pages.iter().flat_map(texts).collect::<Vec<_>>().join("\n");
        assert!(all.contains("SOV-5"), "scorecard names the objectives");
        assert!(all.contains("score"), "{all}");
    }
}
