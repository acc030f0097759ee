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
    const COLOURS: [Rgba; 8] = [
        Rgba::rgb(0x25, 0x63, 0xEB),
        Rgba::rgb(0xDC, 0x26, 0x26),
        Rgba::rgb(0x7C, 0x3A, 0xED),
        Rgba::rgb(0x08, 0x91, 0xB2),
        Rgba::rgb(0xDB, 0x27, 0x77),
        Rgba::rgb(0x65, 0xA3, 0x0D),
        Rgba::rgb(0xEA, 0x58, 0x0C),
        Rgba::rgb(0x47, 0x55, 0x69),
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

/// The x of month `m` in a band of `months` months starting at `x0`, `w` wide.
fn month_x(from: Month, m: Month, x0: f32, cell: f32) -> f32 {
    x0 + from.months_until(m) as f32 * cell
}

/// Year labels along a time axis at `y`, spaced so they do not collide.
fn year_axis(scene: &mut Scene, from: Month, to: Month, x0: f32, cell: f32, y: f32) {
    let months = from.months_until(to) + 1;
    let years_per_label = (((40.0 / (cell * 12.0)).ceil()) as i32).max(1);
    let mut m = from;
    while m <= to {
        if m.month() == 1 || m == from {
            let x = month_x(from, m, x0, cell);
            scene.push(
                Shape::Line {
                    points: vec![Point::new(x, y), Point::new(x, y + 4.0)],
                    stroke: Stroke::solid(0.5, MUTED),
                },
                Tag::Chrome,
            );
            if (m.year() - from.year()) % years_per_label == 0 && m.month() == 1
                || (m == from && m.month() == 1)
            {
                put(
                    scene,
                    &m.year().to_string(),
                    x + 2.0,
                    y + 4.0,
                    8.0,
                    MUTED,
                    Weight::Regular,
                    (cell * 12.0 * years_per_label as f32).max(30.0),
                );
            }
        }
        m = m.plus(1);
        if from.months_until(m) >= months {
            break;
        }
    }
}

/// The heatmap of layers × months coloured by weakest control level, at (x, y) with
/// `width`; returns its height.
#[allow(clippy::too_many_arguments)]
pub fn heatmap(
    scene: &mut Scene,
    plan: &Roadmap,
    sovereignty: &Sovereignty<'_>,
    from: Month,
    to: Month,
    x: f32,
    y: f32,
    width: f32,
    row: f32,
) -> f32 {
    let months = from.months_until(to).max(0) + 1;
    let cell = (width - NAMES) / months as f32;
    let x0 = x + NAMES;
    for (n, layer) in plan.layers.iter().enumerate() {
        let top = y + n as f32 * row;
        put(
            scene,
            &layer.name,
            x,
            top + row / 2.0 - 6.0,
            9.0,
            INK,
            Weight::Regular,
            NAMES - 6.0,
        );
    }
    // Runs of equal colour per layer, one rectangle each.
    let mut runs: Vec<Option<(Rgba, Month)>> = vec![None; plan.layers.len()];
    let mut m = from;
    for k in 0..=months {
        let weakest = if k < months {
            sovereignty.weakest_links(m)
        } else {
            Vec::new()
        };
        for (n, run) in runs.iter_mut().enumerate() {
            let colour = (k < months).then(|| {
                weakest
                    .get(n)
                    .copied()
                    .flatten()
                    .map_or(NOTHING_LIVE, |w| w.control.colour().into())
            });
            let ends = match (run.as_ref(), colour) {
                (Some((c, _)), Some(now)) => *c != now,
                (Some(_), None) => true,
                _ => false,
            };
            if ends && let Some((c, start)) = run.take() {
                let left = month_x(from, start, x0, cell);
                let top = y + n as f32 * row;
                rect(
                    scene,
                    Rect::new(
                        left,
                        top + 1.0,
                        month_x(from, m, x0, cell) - left,
                        row - 2.0,
                    ),
                    Some(c),
                    None,
                );
            }
            if run.is_none()
                && let Some(c) = colour
            {
                *run = Some((c, m));
            }
        }
        m = m.plus(1);
    }
    let h = plan.layers.len() as f32 * row;
    year_axis(scene, from, to, x0, cell, y + h + 2.0);
    h + 16.0
}

/// The exposure share by jurisdiction as a stacked area; returns its height.
#[allow(clippy::too_many_arguments)]
fn shares_area(
    scene: &mut Scene,
    sovereignty: &Sovereignty<'_>,
    from: Month,
    to: Month,
    x: f32,
    y: f32,
    width: f32,
    height: f32,
) -> f32 {
    let names = sovereignty.jurisdictions();
    let months = from.months_until(to).max(0) + 1;
    let cell = (width - NAMES) / months as f32;
    let x0 = x + NAMES;
    let shares: Vec<Vec<f32>> = (0..months)
        .map(|k| {
            let c = sovereignty.concentration(from.plus(k));
            names
                .iter()
                .map(|n| {
                    c.jurisdictions
                        .iter()
                        .find(|j| &j.name == n)
                        .map_or(0.0, |j| j.share as f32)
                })
                .collect()
        })
        .collect();
    rect(
        scene,
        Rect::new(x0, y, width - NAMES, height),
        None,
        Some(Stroke::solid(0.5, RULE)),
    );
    put(
        scene,
        "100 %",
        x,
        y,
        8.0,
        MUTED,
        Weight::Regular,
        NAMES - 6.0,
    );
    put(
        scene,
        "0 %",
        x,
        y + height - 10.0,
        8.0,
        MUTED,
        Weight::Regular,
        NAMES - 6.0,
    );
    let mut below = vec![0.0f32; months as usize];
    for (j, _) in names.iter().enumerate() {
        let mut upper = Vec::with_capacity(2 * months as usize + 2);
        let mut lower = Vec::with_capacity(months as usize * 2);
        for (k, row) in shares.iter().enumerate() {
            let share = row.get(j).copied().unwrap_or(0.0);
            let base = below.get(k).copied().unwrap_or(0.0);
            let (x_left, x_right) = (x0 + k as f32 * cell, x0 + (k + 1) as f32 * cell);
            let top = y + height * (1.0 - base - share);
            let bottom = y + height * (1.0 - base);
            upper.push(Point::new(x_left, top));
            upper.push(Point::new(x_right, top));
            lower.push(Point::new(x_left, bottom));
            lower.push(Point::new(x_right, bottom));
            if let Some(b) = below.get_mut(k) {
                *b += share;
            }
        }
        lower.reverse();
        upper.extend(lower);
        scene.push(
            Shape::Polygon {
                points: upper,
                fill: Some(jurisdiction_colour(j)),
                stroke: None,
            },
            Tag::Chrome,
        );
    }
    year_axis(scene, from, to, x0, cell, y + height + 2.0);
    // Legend: one swatch per jurisdiction.
    let mut lx = x0;
    let ly = y + height + 18.0;
    for (j, name) in names.iter().enumerate() {
        rect(
            scene,
            Rect::new(lx, ly + 2.0, 9.0, 9.0),
            Some(jurisdiction_colour(j)),
            None,
        );
        put(scene, name, lx + 12.0, ly, 9.0, INK, Weight::Regular, 120.0);
        lx += 24.0 + text::width(name, 9.0);
    }
    height + 36.0
}

/// Swatches explaining the heatmap's colours; returns the height used.
fn control_legend(scene: &mut Scene, x: f32, y: f32) -> f32 {
    let mut lx = x;
    let entries = ControlLevel::ALL
        .iter()
        .map(|c| (Rgba::from(c.colour()), c.label()))
        .chain([(NOTHING_LIVE, "nothing live")]);
    for (colour, label) in entries {
        rect(scene, Rect::new(lx, y + 2.0, 9.0, 9.0), Some(colour), None);
        put(scene, label, lx + 12.0, y, 9.0, INK, Weight::Regular, 120.0);
        lx += 24.0 + text::width(label, 9.0);
    }
    16.0
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
    let mut page = Scene {
        width,
        height,
        ..Scene::default()
    };
    put(
        &mut page,
        "Weakest link by layer over time",
        0.0,
        0.0,
        13.0,
        INK,
        Weight::Bold,
        width,
    );
    let mut y = 20.0;
    y += control_legend(&mut page, NAMES, y);
    let row = ((height * 0.45 - 40.0) / plan.layers.len().max(1) as f32).clamp(8.0, 22.0);
    y += heatmap(&mut page, plan, &sovereignty, from, to, 0.0, y, width, row);
    y += 12.0;
    put(
        &mut page,
        "Share of exposure by jurisdiction",
        0.0,
        y,
        13.0,
        INK,
        Weight::Bold,
        width,
    );
    y += 22.0;
    let area = (height - y - 40.0).clamp(40.0, 160.0);
    shares_area(&mut page, &sovereignty, from, to, 0.0, y, width, area);
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
        let first_cells: Vec<Rgba> = heat
            .items
            .iter()
            .filter_map(|i| match &i.shape {
                Shape::Rect {
                    rect,
                    fill: Some(f),
                    ..
                } if (rect.x - NAMES).abs() < 0.01 && rect.h > 5.0 => Some(*f),
                _ => None,
            })
            .collect();
        assert!(!first_cells.is_empty());
        let closed = [
            Rgba::from(ControlLevel::BlackBox.colour()),
            Rgba::from(ControlLevel::Licensed.colour()),
        ];
        let domestic = Rgba::from(ControlLevel::Domestic.colour());
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
