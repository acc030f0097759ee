//! The handout's printed page of a presentation stop: the stop's chart on the left, its
//! figures, lines, exposure and speaker notes in a column on the right, under a header.

use crate::analysis::Analysis;
use crate::analysis::sovereignty::Shock;
use crate::analysis::stops::{self, Facts, Slide, StopKind, Tone};
use crate::analysis::two_paths::OtherPath;
use crate::layout::exposure::{Curves, Span, curves_chart};
use crate::layout::page::Placed;
use crate::layout::theme;
use crate::layout::{self, Anchor, Point, Rect, Rgba, Scene, Shape, Stroke, Tag, TextRun, Weight};
use crate::model::{Month, Roadmap};

/// The handout pages of `plan`: one per slide, in order, `page_w` × `page_h` points, dated
/// `date`, `shock` marked on every chart; `other` is the path the comparison stop shows.
pub fn pages(
    plan: &Roadmap,
    analysis: &Analysis,
    other: Option<&OtherPath>,
    slides: &[Slide],
    (page_w, page_h): (f32, f32),
    date: String,
    shock: Option<Shock>,
) -> Vec<Vec<Placed>> {
    let mut sheet = Sheet::new(page_w, page_h, date);
    sheet.shock = shock;
    slides
        .iter()
        .enumerate()
        .map(|(k, slide)| sheet.page(plan, analysis, other, slide, k + 1, slides.len()))
        .collect()
}

/// Page margin in points.
const MARGIN: f32 = 28.0;
/// Height of the page header (stop title, plan, window).
const HEADER: f32 = 52.0;
/// Height of the page footer.
const FOOTER: f32 = 18.0;
/// Share of the content width the chart takes; the facts column has the rest.
const CHART_SHARE: f32 = 0.64;
/// Gap between the chart and the facts column.
const GUTTER: f32 = 18.0;
/// Row height of the chart layout.
const ROW: f32 = 20.0;
/// Width of the chart's lane headers.
const LANE_HEADER: f32 = 110.0;
/// Smallest scale a tall chart is shrunk to; below it the chart is cut at the bottom.
const MIN_SCALE: f32 = 0.4;
/// Text size of the overview chart (one summary row per lane, no titles).
const OVERVIEW_TEXT: f32 = 10.0;
/// Tallest lane of the overview chart.
const OVERVIEW_LANE: f32 = 64.0;
/// Height of the exposure chart on overview and summary pages.
const EXPOSURE_HEIGHT: f32 = 110.0;
/// Dark text.
const INK: Rgba = theme::PAPER.ink;
/// Secondary text.
const MUTED: Rgba = theme::PAPER.muted;
/// Rules and frames.
const RULE: Rgba = theme::PAPER.rule;
/// Large figures and the exposure line.
const ACCENT: Rgba = theme::PAPER.accent;
/// Dependencies removed.
const GAIN: Rgba = theme::PAPER.gain;
/// Dependencies introduced and trades.
const WARN: Rgba = theme::PAPER.warn;

/// The other path's exposure curve (dashed) on the comparison page.
const OTHER: Rgba = theme::PAPER.other;

/// Page geometry and what every page shares.
struct Sheet {
    page_w: f32,
    page_h: f32,
    date: String,
    /// Where the chart goes.
    chart: Rect,
    /// Where the figures, lines and notes go.
    column: Rect,
    /// A cut-off marked on every chart.
    shock: Option<Shock>,
}

impl Sheet {
    fn new(page_w: f32, page_h: f32, date: String) -> Sheet {
        let content_w = (page_w - 2.0 * MARGIN).max(100.0);
        let top = MARGIN + HEADER;
        let h = (page_h - top - MARGIN - FOOTER).max(100.0);
        let chart_w = content_w * CHART_SHARE;
        Sheet {
            page_w,
            page_h,
            date,
            chart: Rect::new(MARGIN, top, chart_w, h),
            column: Rect::new(
                MARGIN + chart_w + GUTTER,
                top,
                content_w - chart_w - GUTTER,
                h,
            ),
            shock: None,
        }
    }

    /// The page of `slide`, number `n` of `total`.
    fn page(
        &self,
        plan: &Roadmap,
        analysis: &Analysis,
        other: Option<&OtherPath>,
        slide: &Slide,
        n: usize,
        total: usize,
    ) -> Vec<Placed> {
        let mut furniture = Scene::default();
        self.header(&mut furniture, plan, slide, n, total);
        let facts = stops::facts_with(plan, analysis, slide, other);
        let mut column = Column::new(self.column);
        column.figures(&facts);
        column.lines(&facts);
        column.notes(&slide.stop.notes);
        let compared = other.filter(|_| slide.kind == StopKind::Comparison);
        if compared.is_none() {
            column.exposure(analysis, slide.date(plan));
        }
        let (chart, scale) = match compared {
            Some(other) => (two_paths_chart(plan, analysis, other, self.chart), 1.0),
            None if slide.is_sovereignty() => {
                (sovereignty_chart(plan, analysis, slide, self.chart), 1.0)
            }
            None => chart_scene(plan, analysis, slide, self.chart, self.shock.as_ref()),
        };
        let used = Rect::new(
            self.chart.x,
            self.chart.y,
            self.chart.w,
            (chart.height * scale).min(self.chart.h),
        );
        vec![
            Placed {
                scene: furniture,
                origin: Point::new(0.0, 0.0),
                scale: 1.0,
                clip: None,
            },
            Placed {
                scene: column.scene,
                origin: Point::new(0.0, 0.0),
                scale: 1.0,
                clip: Some(self.column.expand(2.0)),
            },
            Placed {
                scene: chart,
                origin: Point::new(self.chart.x, self.chart.y),
                scale,
                clip: Some(used),
            },
            Placed {
                scene: frame(used),
                origin: Point::new(0.0, 0.0),
                scale: 1.0,
                clip: None,
            },
        ]
    }

    /// Stop title, "N / M", plan title and window, footer.
    fn header(&self, scene: &mut Scene, plan: &Roadmap, slide: &Slide, n: usize, total: usize) {
        let right = self.page_w - MARGIN;
        let width = right - MARGIN;
        let stop = &slide.stop;
        let window = match &slide.kind {
            StopKind::Milestone(_) => format!(
                "{}  ·  milestone in {}  ·  view {} to {}",
                plan.title,
                slide.date(plan),
                stop.from,
                stop.to
            ),
            _ => format!("{}  ·  {} to {}", plan.title, stop.from, stop.to),
        };
        let y = MARGIN + 18.0;
        text(
            scene,
            &stop.title,
            Point::new(MARGIN, y),
            20.0,
            INK,
            Weight::Bold,
            width - 80.0,
        );
        let progress = run(
            &format!("{n} / {total}"),
            Point::new(right, y),
            14.0,
            MUTED,
            Weight::Bold,
            80.0,
        );
        scene.push(
            Shape::Text(TextRun {
                anchor: Anchor::End,
                ..progress
            }),
            Tag::Chrome,
        );
        text(
            scene,
            &window,
            Point::new(MARGIN, y + 17.0),
            9.5,
            MUTED,
            Weight::Regular,
            width,
        );
        rule(scene, MARGIN, right, MARGIN + HEADER - 8.0);
        let foot = self.page_h - MARGIN + 4.0;
        text(
            scene,
            &format!("Stackplan handout · exported {}", self.date),
            Point::new(MARGIN, foot),
            8.0,
            MUTED,
            Weight::Regular,
            width / 2.0,
        );
        let page = run(
            &format!("page {n} of {total}"),
            Point::new(right, foot),
            8.0,
            MUTED,
            Weight::Regular,
            100.0,
        );
        scene.push(
            Shape::Text(TextRun {
                anchor: Anchor::End,
                ..page
            }),
            Tag::Chrome,
        );
    }
}

/// The roadmap chart of the stop's window, its layers and its focus, laid out to fill `area`
/// (shrunk to at least [`MIN_SCALE`] when tall), `shock` marked, and the scale to draw it at.
fn chart_scene(
    plan: &Roadmap,
    analysis: &Analysis,
    slide: &Slide,
    area: Rect,
    shock: Option<&Shock>,
) -> (Scene, f32) {
    let layers = slide.layers(plan, analysis);
    let chart_view = |width| {
        let mut view = chart_view(plan, slide, &layers, width);
        view.shock = shock.cloned();
        view
    };
    if matches!(slide.kind, StopKind::Overview | StopKind::Summary) {
        let view = chart_view(area.w);
        let lanes = plan
            .layers
            .iter()
            .filter(|l| view.shows_layer(&l.id))
            .count();
        let height = area
            .h
            .min(OVERVIEW_LANE * lanes as f32 + 2.0 * OVERVIEW_TEXT);
        return (
            layout::overview::overview(plan, &view, height, OVERVIEW_TEXT),
            1.0,
        );
    }
    let first = layout::layout(plan, analysis.spans(), &chart_view(area.w));
    if first.height <= area.h {
        return (first, 1.0);
    }
    let fit = (area.h / first.height).max(MIN_SCALE);
    let scene = layout::layout(plan, analysis.spans(), &chart_view(area.w / fit));
    let scale = (area.w / scene.width.max(1.0)).min(fit);
    (scene, scale)
}

/// The comparison page's chart: both exposure curves over both horizons (this plan filled,
/// the other dashed) under a legend naming the two plans.
fn two_paths_chart(plan: &Roadmap, analysis: &Analysis, other: &OtherPath, area: Rect) -> Scene {
    let e = &other.comparison.consequences.exposure;
    let months = e.from.months_until(e.to) + 1;
    let series = |a: &Analysis| -> Vec<(Month, u32)> {
        (0..months)
            .map(|i| (e.from.plus(i), a.exposure_at(e.from.plus(i)).total))
            .collect()
    };
    let mut scene = Scene {
        width: area.w,
        height: area.h,
        ..Scene::default()
    };
    let pad = 10.0;
    let mut y = pad + 10.0;
    text(
        &mut scene,
        "Exposure over time, both paths",
        Point::new(pad, y),
        11.0,
        INK,
        Weight::Bold,
        area.w - 2.0 * pad,
    );
    for (title, colour, dashed) in [
        (plan.title.as_str(), ACCENT, false),
        (other.plan.title.as_str(), OTHER, true),
    ] {
        y += 16.0;
        let stroke = if dashed {
            Stroke::dashed(1.6, colour)
        } else {
            Stroke::solid(1.6, colour)
        };
        scene.push(
            Shape::Line {
                points: vec![Point::new(pad, y - 3.0), Point::new(pad + 24.0, y - 3.0)],
                stroke,
            },
            Tag::Chrome,
        );
        text(
            &mut scene,
            title,
            Point::new(pad + 30.0, y),
            9.5,
            INK,
            Weight::Regular,
            area.w - 2.0 * pad - 30.0,
        );
    }
    let top = y + 12.0;
    let h = (area.h - top - pad).min(area.w * 0.6).max(60.0);
    let look = layout::exposure::Look::paper(ACCENT, 8.0);
    let (this, theirs) = (series(analysis), series(&other.analysis));
    let curves = Curves {
        this: &this,
        other: Some((&theirs, OTHER)),
        ..Curves::default()
    };
    let chart = curves_chart(&curves, Span::default(), area.w - 2.0 * pad, h, look);
    for item in &chart.items {
        scene.items.push(item.translated(pad, top));
    }
    scene.height = top + h + pad;
    scene
}

/// The sovereignty stop's chart: the weakest-link heatmap and the jurisdiction shares of the
/// stop's window and layers, the same view the audience sees, in print type.
fn sovereignty_chart(plan: &Roadmap, analysis: &Analysis, slide: &Slide, area: Rect) -> Scene {
    let Some(framework) = crate::analysis::Framework::bundled() else {
        return Scene::default();
    };
    let sovereignty = crate::analysis::sovereignty::Sovereignty::new(plan, analysis, framework);
    let pad = 10.0;
    let (from, to) = slide.sovereignty_window(plan);
    let view = layout::sovereignty::view(
        plan,
        &sovereignty,
        &slide.layers(plan, analysis),
        from,
        to,
        area.w - 2.0 * pad,
        area.h - 2.0 * pad,
        &layout::sovereignty::Look::PAPER,
    );
    let mut scene = Scene {
        width: area.w,
        height: view.height + 2.0 * pad,
        ..Scene::default()
    };
    scene.items = view.items.iter().map(|i| i.translated(pad, pad)).collect();
    scene
}

/// The layout view of a slide showing `layers` whose chart is `width` units wide.
fn chart_view(plan: &Roadmap, slide: &Slide, layers: &[String], width: f32) -> layout::View {
    let stop = &slide.stop;
    let mut view = layout::View::new(stop.from, stop.to);
    view.row_height = ROW;
    view.header_width = LANE_HEADER;
    view.month_width = ((width - LANE_HEADER) / view.months() as f32).max(0.5);
    view.layers = layers.to_vec();
    view.dependencies = slide.shows_dependencies();
    view.selection = stop.focus.clone();
    if let StopKind::Milestone(_) = slide.kind {
        view.cursor = Some(slide.date(plan));
    }
    view
}

/// A thin frame around `area`.
fn frame(area: Rect) -> Scene {
    let mut scene = Scene::default();
    scene.push(
        Shape::Rect {
            rect: area,
            fill: None,
            stroke: Some(Stroke::solid(0.75, RULE)),
            radius: 0.0,
        },
        Tag::Chrome,
    );
    scene
}

/// The facts column, written top to bottom; what does not fit is left out.
struct Column {
    area: Rect,
    y: f32,
    scene: Scene,
}

impl Column {
    fn new(area: Rect) -> Column {
        Column {
            area,
            y: area.y,
            scene: Scene::default(),
        }
    }

    /// Whether `h` more units fit.
    fn fits(&self, h: f32) -> bool {
        self.y + h <= self.area.bottom()
    }

    /// One line of text at indent `x`, moving down.
    fn write(
        &mut self,
        line: &str,
        x: f32,
        size: f32,
        colour: Rgba,
        weight: Weight,
    ) -> Option<f32> {
        let h = size * 1.35;
        if !self.fits(h) {
            return None;
        }
        let at = Point::new(self.area.x + x, self.y + size);
        let width = text(
            &mut self.scene,
            line,
            at,
            size,
            colour,
            weight,
            self.area.w - x,
        );
        self.y += h;
        Some(width)
    }

    fn figures(&mut self, facts: &Facts) {
        for figure in &facts.figures {
            self.write(&figure.value, 0.0, 26.0, ACCENT, Weight::Bold);
            self.write(&figure.label, 0.0, 9.5, MUTED, Weight::Regular);
            self.y += 6.0;
        }
        self.y += 4.0;
    }

    fn lines(&mut self, facts: &Facts) {
        for line in &facts.lines {
            let (indent, size, colour, weight) = match line.tone {
                Tone::Heading => (0.0, 11.0, INK, Weight::Bold),
                Tone::Removed => (12.0, 10.0, GAIN, Weight::Regular),
                Tone::Introduced => (12.0, 10.0, WARN, Weight::Regular),
                Tone::Trade => (24.0, 9.0, WARN, Weight::Bold),
                Tone::Detail => (12.0, 9.5, MUTED, Weight::Regular),
            };
            if line.tone == Tone::Heading {
                self.y += 3.0;
            }
            for part in wrap(&line.text, size, self.area.w - indent) {
                let top = self.y;
                let Some(width) = self.write(&part, indent, size, colour, weight) else {
                    return;
                };
                if line.tone == Tone::Removed {
                    let y = top + size * 0.7;
                    let x = self.area.x + indent;
                    self.scene.push(
                        Shape::Line {
                            points: vec![Point::new(x, y), Point::new(x + width, y)],
                            stroke: Stroke::solid(1.0, GAIN),
                        },
                        Tag::Chrome,
                    );
                }
            }
        }
    }

    /// The exposure over the plan's horizon, with `mark` drawn as a vertical line.
    fn exposure(&mut self, analysis: &Analysis, mark: Month) {
        let series: Vec<(Month, u32)> = analysis
            .exposure_series()
            .iter()
            .map(|e| (e.month, e.total))
            .collect();
        let h = EXPOSURE_HEIGHT + 14.0;
        if series.is_empty() || !self.fits(h + 22.0) {
            return;
        }
        self.y += 8.0;
        self.write("Exposure over time", 0.0, 11.0, INK, Weight::Bold);
        let look = layout::exposure::Look::paper(ACCENT, 8.0);
        let curves = Curves {
            this: &series,
            mark: Some(mark),
            ..Curves::default()
        };
        let chart = curves_chart(&curves, Span::default(), self.area.w - 2.0, h, look);
        let (left, top) = (self.area.x, self.y + 4.0);
        for item in &chart.items {
            self.scene.items.push(item.translated(left, top));
        }
        self.y = top + h + 4.0;
    }

    /// The speaker notes, wrapped to the column.
    fn notes(&mut self, notes: &str) {
        if notes.trim().is_empty() {
            return;
        }
        self.y += 8.0;
        if self
            .write("Speaker notes", 0.0, 11.0, INK, Weight::Bold)
            .is_none()
        {
            return;
        }
        let size = 9.5;
        for line in wrap(notes, size, self.area.w) {
            if self.write(&line, 0.0, size, INK, Weight::Regular).is_none() {
                return;
            }
        }
    }
}

/// `text` broken into lines of at most `max` units at `size`, paragraphs kept.
fn wrap(text: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if line.is_empty() || layout::text::width(&candidate, size) <= max {
                line = candidate;
            } else {
                lines.push(std::mem::replace(&mut line, word.to_owned()));
            }
        }
        lines.push(line);
    }
    lines
}

/// A text run, elided to `max` units.
fn run(s: &str, pos: Point, size: f32, colour: Rgba, weight: Weight, max: f32) -> TextRun {
    TextRun {
        text: layout::text::elide(s, size, max).unwrap_or_default(),
        pos,
        size,
        colour,
        weight,
        anchor: Anchor::Start,
        max_width: max,
    }
}

/// Adds a left-anchored text run and returns its estimated width.
fn text(
    scene: &mut Scene,
    s: &str,
    pos: Point,
    size: f32,
    colour: Rgba,
    weight: Weight,
    max: f32,
) -> f32 {
    let r = run(s, pos, size, colour, weight, max);
    let width = layout::text::width(&r.text, size).min(max);
    scene.push(Shape::Text(r), Tag::Chrome);
    width
}

/// A horizontal rule at `y` from `x0` to `x1`.
fn rule(scene: &mut Scene, x0: f32, x1: f32, y: f32) {
    scene.push(
        Shape::Line {
            points: vec![Point::new(x0, y), Point::new(x1, y)],
            stroke: Stroke::solid(0.75, RULE),
        },
        Tag::Chrome,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_lines_within_the_width_and_paragraphs_apart() {
        let lines = wrap("one two three four five six\nseven", 10.0, 80.0);
        assert!(lines.len() >= 3);
        assert_eq!(lines.last().map(String::as_str), Some("seven"));
        for line in &lines[..lines.len() - 1] {
            assert!(layout::text::width(line, 10.0) <= 80.0, "{line}");
        }
        let words: Vec<&str> = lines.iter().flat_map(|l| l.split(' ')).collect();
        assert_eq!(
            words,
            ["one", "two", "three", "four", "five", "six", "seven"]
        );
    }

    #[test]
    fn a_tall_chart_is_shrunk_but_not_below_the_minimum() {
        let plan = crate::generate::large_plan(400, 4);
        let slides = stops::slides_of(&plan);
        let area = Rect::new(0.0, 0.0, 500.0, 400.0);
        let analysis = Analysis::of(&plan);
        let whole = Slide {
            kind: StopKind::Window,
            ..slides[0].clone()
        };
        let (scene, scale) = chart_scene(&plan, &analysis, &whole, area, None);
        assert!((MIN_SCALE - 1e-3..1.0).contains(&scale), "shrunk: {scale}");
        assert!(scene.width * scale <= area.w + 1.0);
    }

    #[test]
    fn the_overview_page_shows_one_row_per_lane_in_type_that_can_be_read() {
        let plan = crate::generate::large_plan(400, 4);
        let slides = stops::slides_of(&plan);
        let area = Rect::new(0.0, 0.0, 500.0, 400.0);
        let analysis = Analysis::of(&plan);
        let (scene, scale) = chart_scene(&plan, &analysis, &slides[0], area, None);
        assert_eq!(scale, 1.0);
        assert_eq!(scene.bands.len(), plan.layers.len());
        assert!(scene.height <= area.h + 0.5 && scene.width <= area.w + 0.5);
        assert!(scene.texts().all(|t| t.size >= OVERVIEW_TEXT));
    }
}
