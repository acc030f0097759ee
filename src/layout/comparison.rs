//! The comparison report of two plans, laid out as whole pages: both exposure curves on one
//! chart, the retirement table A vs B, the budget per layer A vs B and every difference.

use super::scene::{Anchor, Point, Rgba, Scene, Shape, Stroke, Tag, TextRun, Weight};
use super::theme;
use super::{exposure, text};
use crate::analysis::Analysis;
use crate::analysis::compare::{Comparison, Shift};
use crate::analysis::format::{money_symbol, signed, signed_money_symbol, thousands};
use crate::model::{Month, Roadmap};

/// Dark text.
const INK: Rgba = theme::PAPER.ink;
/// Secondary text.
const MUTED: Rgba = theme::PAPER.muted;
/// Rules between rows.
const RULE: Rgba = theme::PAPER.rule;
/// Plan A's colour (solid curve).
pub const COLOUR_A: Rgba = theme::PAPER.warn;
/// Plan B's colour (dashed curve).
pub const COLOUR_B: Rgba = theme::PAPER.accent;
/// Better in B (less exposure, retired earlier).
const GOOD: Rgba = theme::PAPER.gain;
/// Page margin.
const MARGIN: f32 = 32.0;
/// Body text size.
const BODY: f32 = 9.0;
/// Line height of body text.
const LINE: f32 = 13.0;
/// Size of the chart's axis labels.
const LABEL: f32 = 8.0;

/// One of the two plans with its analysis and a short name for it.
pub struct Side<'p> {
    /// The plan.
    pub plan: &'p Roadmap,
    /// Its analysis.
    pub analysis: &'p Analysis,
    /// Where it came from (a file name), shown under the title.
    pub source: String,
}

/// The comparison report as pages of `width` × `height` units (points for a PDF).
pub fn pages(
    c: &Comparison,
    a: &Side<'_>,
    b: &Side<'_>,
    width: f32,
    height: f32,
    date: &str,
) -> Vec<Scene> {
    let mut flow = Flow::new(width, height);
    title(&mut flow, c, a, b);
    exposure_chart(&mut flow, c, a, b);
    retirements(&mut flow, a, b);
    budget(&mut flow, c, a, b);
    differences(&mut flow, c);
    let title = format!("{}  vs  {}", a.plan.title, b.plan.title);
    flow.finish(&title, date)
}

fn title(flow: &mut Flow, c: &Comparison, a: &Side<'_>, b: &Side<'_>) {
    flow.text(
        "Two paths compared",
        0.0,
        18.0,
        INK,
        Weight::Bold,
        flow.width,
    );
    flow.y += 26.0;
    for (name, side, colour) in [("A", a, COLOUR_A), ("B", b, COLOUR_B)] {
        let label = format!("{name}: {}   ({})", side.plan.title, side.source);
        flow.text(&label, 0.0, 11.0, colour, Weight::Bold, flow.width);
        flow.y += 16.0;
    }
    flow.y += 4.0;
    let headline = format!("{}.", c.headline());
    flow.text(&headline, 0.0, 11.0, INK, Weight::Regular, flow.width);
    flow.y += 20.0;
}

/// Both exposure curves over the months both horizons cover on one scale, drawn by the one
/// exposure chart: A filled with a solid line, B dashed.
fn exposure_chart(flow: &mut Flow, c: &Comparison, a: &Side<'_>, b: &Side<'_>) {
    let e = &c.consequences.exposure;
    flow.heading("Exposure over time (summed criticality of live dependencies)");
    let h = (flow.height * 0.38).clamp(90.0, 220.0) + LABEL * 1.8;
    flow.room(h + 30.0);
    let months = e.from.months_until(e.to) + 1;
    let series = |side: &Side<'_>| -> Vec<(Month, u32)> {
        (0..months)
            .map(|i| e.from.plus(i))
            .map(|m| (m, side.analysis.exposure_at(m).total))
            .collect()
    };
    let (sa, sb) = (series(a), series(b));
    let curves = exposure::Curves {
        this: &sa,
        other: Some((&sb, COLOUR_B)),
        ..exposure::Curves::default()
    };
    let look = exposure::Look::paper(COLOUR_A, LABEL);
    let chart = exposure::curves_chart(&curves, exposure::Span::default(), flow.width, h, look);
    let top = flow.y + 4.0;
    for item in &chart.items {
        flow.page.items.push(item.translated(0.0, top));
    }
    flow.y = top + h + 12.0;
    let legend = format!(
        "A (solid): {} exposure-months      B (dashed): {} exposure-months      B − A: {}",
        thousands(e.months_a),
        thousands(e.months_b),
        signed(e.difference)
    );
    flow.line(&legend, 0.0, INK, Weight::Bold);
}

fn grid(flow: &mut Flow, from: Point, to: Point) {
    flow.page.push(
        Shape::Line {
            points: vec![from, to],
            stroke: Stroke::solid(0.3, RULE),
        },
        Tag::Chrome,
    );
}

/// Every dependency of either plan: the month each retires it, and the change.
fn retirements(flow: &mut Flow, a: &Side<'_>, b: &Side<'_>) {
    let mut ids: Vec<&str> = Vec::new();
    for plan in [a.plan, b.plan] {
        for d in &plan.dependencies {
            if !ids.contains(&d.id.as_str()) {
                ids.push(&d.id);
            }
        }
    }
    if ids.is_empty() {
        return;
    }
    flow.heading("Dependencies retired, A vs B");
    let w = flow.width;
    let columns = [0.0, w * 0.42, w * 0.60, w * 0.78];
    let head = ["Dependency", "A retires it", "B retires it", "Change"].map(String::from);
    flow.row(&head, &columns, Weight::Bold, INK);
    for id in ids {
        let when = |side: &Side<'_>| -> (String, Option<Option<Month>>) {
            let Some(d) = side.plan.dependency(id) else {
                return ("not in plan".to_owned(), None);
            };
            let span = side.analysis.spans().iter().find(|s| s.dependency == d.id);
            let until = span.and_then(|s| s.until);
            let text = until.map_or("never".to_owned(), |m| m.to_string());
            (text, Some(until))
        };
        let (ta, ua) = when(a);
        let (tb, ub) = when(b);
        let (change, colour) = match (ua, ub) {
            (Some(Some(x)), Some(Some(y))) if y < x => {
                (format!("{} months earlier", x.months_until(y).abs()), GOOD)
            }
            (Some(Some(x)), Some(Some(y))) if y > x => {
                (format!("{} months later", x.months_until(y)), COLOUR_A)
            }
            (Some(None), Some(Some(_))) => (shift_word(Shift::Newly).to_owned(), GOOD),
            (Some(Some(_)), Some(None)) => (shift_word(Shift::NoLonger).to_owned(), COLOUR_A),
            (None, _) => ("only in B".to_owned(), MUTED),
            (_, None) => ("only in A".to_owned(), MUTED),
            _ => (String::new(), INK),
        };
        let name = b
            .plan
            .dependency(id)
            .or_else(|| a.plan.dependency(id))
            .map_or(id.to_owned(), |d| d.name.clone());
        flow.row(&[name, ta, tb, change], &columns, Weight::Regular, colour);
    }
}

fn shift_word(shift: Shift) -> &'static str {
    match shift {
        Shift::Earlier => "earlier",
        Shift::Later => "later",
        Shift::NoLonger => "no longer retired",
        Shift::Newly => "newly retired",
    }
}

/// Budget per layer and in total, A vs B.
fn budget(flow: &mut Flow, c: &Comparison, a: &Side<'_>, b: &Side<'_>) {
    let table = &c.consequences.budget;
    flow.heading("Budget per layer, A vs B");
    let w = flow.width;
    let columns = [0.0, w * 0.42, w * 0.60, w * 0.78];
    let head = ["Layer", "A", "B", "B − A"].map(String::from);
    flow.row(&head, &columns, Weight::Bold, INK);
    let cells = |name: String, amounts: &crate::analysis::compare::Amounts| {
        [
            name,
            money_symbol(amounts.a.into(), &c.currency_a),
            money_symbol(amounts.b.into(), &c.currency_b),
            amounts
                .difference
                .map_or("different currencies".to_owned(), |d| {
                    signed_money_symbol(d, &c.currency_a)
                }),
        ]
    };
    let name = |id: &str| {
        b.plan
            .layer(id)
            .or_else(|| a.plan.layer(id))
            .map_or(id.to_owned(), |l| l.name.clone())
    };
    for layer in &table.by_layer {
        flow.row(
            &cells(name(&layer.layer), &layer.amounts),
            &columns,
            Weight::Regular,
            INK,
        );
    }
    flow.row(
        &cells("All layers".to_owned(), &table.total),
        &columns,
        Weight::Bold,
        INK,
    );
}

/// Every difference in sentences but those the tables above already show.
fn differences(flow: &mut Flow, c: &Comparison) {
    for section in c.sections() {
        if matches!(
            section.title.as_str(),
            "Retirements" | "Exposure" | "Budget"
        ) {
            continue;
        }
        flow.heading(&section.title);
        for line in &section.lines {
            flow.wrapped(&line.text, 10.0);
        }
    }
}

/// Places content top to bottom on pages, each with a header and a page number.
struct Flow {
    page_w: f32,
    page_h: f32,
    /// Content width and height (inside the margins, below the header).
    width: f32,
    height: f32,
    pages: Vec<Scene>,
    page: Scene,
    y: f32,
}

impl Flow {
    fn new(page_w: f32, page_h: f32) -> Flow {
        let page_w = page_w.max(300.0);
        let page_h = page_h.max(300.0);
        Flow {
            page_w,
            page_h,
            width: page_w - 2.0 * MARGIN,
            height: page_h - 2.0 * MARGIN - 40.0,
            pages: Vec::new(),
            page: Scene::default(),
            y: 0.0,
        }
    }

    fn room(&mut self, h: f32) {
        if self.y + h > self.height && !self.page.items.is_empty() {
            self.pages.push(std::mem::take(&mut self.page));
            self.y = 0.0;
        }
    }

    fn text(&mut self, text: &str, x: f32, size: f32, colour: Rgba, weight: Weight, max: f32) {
        let pos = Point::new(x, self.y + size);
        if let Some(run) = TextRun::elided(text, pos, size, colour, weight, max) {
            self.page.push(Shape::Text(run), Tag::Chrome);
        }
    }

    fn heading(&mut self, title: &str) {
        self.room(22.0 + 4.0 * LINE);
        if self.y > 0.0 {
            self.y += 12.0;
        }
        self.text(title, 0.0, 13.0, INK, Weight::Bold, self.width);
        self.y += 20.0;
    }

    fn line(&mut self, text: &str, x: f32, colour: Rgba, weight: Weight) {
        self.room(LINE);
        self.text(text, x, BODY, colour, weight, self.width - x);
        self.y += LINE;
    }

    /// Text broken into lines at spaces to fit the width, indented by `x`.
    fn wrapped(&mut self, text: &str, x: f32) {
        let max = self.width - x;
        let mut current = String::new();
        for word in text.split(' ') {
            let candidate = if current.is_empty() {
                word.to_owned()
            } else {
                format!("{current} {word}")
            };
            if !current.is_empty() && text::width(&candidate, BODY) > max {
                self.line(&current, x, INK, Weight::Regular);
                current = format!("    {word}");
            } else {
                current = candidate;
            }
        }
        if !current.is_empty() {
            self.line(&current, x, INK, Weight::Regular);
        }
    }

    /// A table row: cells at the column starts; the last cell in `colour`.
    fn row(&mut self, cells: &[String], columns: &[f32], weight: Weight, colour: Rgba) {
        self.room(LINE);
        for (i, cell) in cells.iter().enumerate() {
            let x = columns.get(i).copied().unwrap_or(0.0);
            let end = columns.get(i + 1).copied().unwrap_or(self.width);
            let ink = if i + 1 == cells.len() { colour } else { INK };
            self.text(cell, x, BODY, ink, weight, end - x - 6.0);
        }
        self.y += LINE;
        let y = self.y - 2.5;
        grid(self, Point::new(0.0, y), Point::new(self.width, y));
    }

    /// The pages, each moved inside the margins with a header and "page N of M".
    fn finish(mut self, title: &str, date: &str) -> Vec<Scene> {
        if !self.page.items.is_empty() {
            self.pages.push(std::mem::take(&mut self.page));
        }
        let total = self.pages.len();
        let (page_w, page_h, width) = (self.page_w, self.page_h, self.width);
        self.pages
            .into_iter()
            .enumerate()
            .map(|(n, content)| {
                let mut page = Scene {
                    width: page_w,
                    height: page_h,
                    ..Scene::default()
                };
                let head = |text: String, x: f32, y: f32, anchor: Anchor, max: f32| {
                    Shape::Text(TextRun {
                        text,
                        pos: Point::new(x, y),
                        size: 8.0,
                        colour: MUTED,
                        weight: Weight::Regular,
                        anchor,
                        max_width: max,
                    })
                };
                let header = text::elide(title, 8.0, width * 0.75).unwrap_or_default();
                page.push(
                    head(header, MARGIN, MARGIN, Anchor::Start, width * 0.75),
                    Tag::Chrome,
                );
                page.push(
                    head(
                        date.to_owned(),
                        page_w - MARGIN,
                        MARGIN,
                        Anchor::End,
                        width * 0.2,
                    ),
                    Tag::Chrome,
                );
                page.push(
                    head(
                        format!("page {} of {total}", n + 1),
                        page_w - MARGIN,
                        page_h - MARGIN + 10.0,
                        Anchor::End,
                        width * 0.3,
                    ),
                    Tag::Chrome,
                );
                for item in content.items {
                    page.items.push(item.translated(MARGIN, MARGIN + 24.0));
                }
                page
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::compare::{Options, compare};
    use crate::analysis::testplan::*;
    use crate::model::ControlLevel::*;

    /// The last point of the curve drawn in `colour` on page 1, and whether it is dashed. A
    /// filled curve is an area whose last point closes it on the axis: its curve ends one before.
    fn curve_end(page: &Scene, colour: Rgba) -> (Point, bool) {
        page.items
            .iter()
            .find_map(|item| match &item.shape {
                Shape::Line { points, stroke } if stroke.colour == colour => {
                    points.last().map(|p| (*p, stroke.dashed))
                }
                Shape::Polygon {
                    points,
                    stroke: Some(stroke),
                    ..
                } if stroke.colour == colour => points
                    .len()
                    .checked_sub(2)
                    .map(|i| (points[i], stroke.dashed)),
                _ => None,
            })
            .expect("a curve in that colour")
    }

    #[test]
    fn both_curves_share_one_chart_a_solid_b_dashed() {
        // A never removes gpus (4); B removes it in 2026-07: B's curve ends on the axis (0),
        // A's at the top (4), the same x.
        let mut a = plan();
        a.dependencies = vec![dep("gpus", "compute", BlackBox, 4).into()];
        let mut b = a.clone();
        b.milestones = vec![ms("own", "compute", "2026-07", &[], &["gpus"], &[]).into()];
        let c = compare(&a, &b, &Options::default());
        let (aa, ab) = (Analysis::of(&a), Analysis::of(&b));
        let side = |plan, analysis| Side {
            plan,
            analysis,
            source: "x.ron".into(),
        };
        let pages = pages(
            &c,
            &side(&a, &aa),
            &side(&b, &ab),
            842.0,
            595.0,
            "2026-11-25",
        );
        let (end_a, dashed_a) = curve_end(&pages[0], COLOUR_A);
        let (end_b, dashed_b) = curve_end(&pages[0], COLOUR_B);
        assert!(!dashed_a && dashed_b);
        assert_eq!(end_a.x, end_b.x);
        assert!(
            end_b.y > end_a.y,
            "B's curve ends lower: {end_a:?} {end_b:?}"
        );
        let texts: Vec<&str> = pages[0].texts().map(|t| t.text.as_str()).collect();
        // A: 4 × 12 = 48 exposure-months; B: 4 × 6 = 24.
        assert!(
            texts
                .iter()
                .any(|t| t.contains("A (solid): 48") && t.contains("B − A: −24")),
            "{texts:?}"
        );
    }
}
