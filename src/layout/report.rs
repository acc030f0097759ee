//! Report pages: milestones and what they change, the dependency register, investments,
//! budget per layer per year and the exposure chart, flowed onto pages of a given size.

use super::scene::{Anchor, Point, Rect, Rgba, Scene, Shape, Stroke, Tag, TextRun, Weight};
use super::theme;
use super::{exposure, text};
use crate::analysis::format::money;
use crate::analysis::{Analysis, Severity};
use crate::model::{ControlLevel, ItemKind, Month, Roadmap};

/// Dark text.
const INK: Rgba = theme::PAPER.ink;
/// Secondary text.
const MUTED: Rgba = theme::PAPER.muted;
/// Rules between rows.
const RULE: Rgba = theme::PAPER.rule;
/// Warnings (trades).
const WARN: Rgba = theme::REPORT_WARN;
/// Body text size.
const BODY: f32 = 9.0;
/// Line height of body text.
const LINE: f32 = 13.0;

/// Lays the report of `plan` (analysed as `analysis`) out on pages of `width` × `height` units.
pub fn pages(plan: &Roadmap, analysis: &Analysis, width: f32, height: f32) -> Vec<Scene> {
    let mut flow = Flow::new(width, height);
    milestones(plan, analysis, &mut flow);
    register(plan, analysis, &mut flow);
    investments(plan, &mut flow);
    budget(plan, &mut flow);
    exposure(plan, analysis, &mut flow);
    checks(plan, analysis, &mut flow);
    flow.finish()
}

/// Places content top to bottom, starting a new page when one is full.
struct Flow {
    width: f32,
    height: f32,
    pages: Vec<Scene>,
    page: Scene,
    y: f32,
}

impl Flow {
    fn new(width: f32, height: f32) -> Flow {
        Flow {
            width: width.max(200.0),
            height: height.max(100.0),
            pages: Vec::new(),
            page: Scene::default(),
            y: 0.0,
        }
    }

    /// Makes room for `h` units, starting a new page if needed.
    fn room(&mut self, h: f32) {
        if self.y + h > self.height && !self.page.items.is_empty() {
            self.break_page();
        }
    }

    fn break_page(&mut self) {
        let mut page = std::mem::take(&mut self.page);
        page.width = self.width;
        page.height = self.height;
        self.pages.push(page);
        self.y = 0.0;
    }

    #[allow(clippy::too_many_arguments)]
    fn text(
        &mut self,
        text: &str,
        x: f32,
        size: f32,
        colour: Rgba,
        weight: Weight,
        max: f32,
        tag: Tag,
    ) {
        let pos = Point::new(x, self.y + size);
        if let Some(run) = TextRun::elided(text, pos, size, colour, weight, max) {
            self.page.push(Shape::Text(run), tag);
        }
    }

    fn right_text(&mut self, text: &str, right: f32, max: f32) {
        let pos = Point::new(right, self.y + BODY);
        if let Some(run) = TextRun::elided(text, pos, BODY, INK, Weight::Regular, max) {
            let run = TextRun {
                anchor: Anchor::End,
                ..run
            };
            self.page.push(Shape::Text(run), Tag::Chrome);
        }
    }

    /// A section heading, kept with at least a few lines of what follows.
    fn heading(&mut self, title: &str) {
        self.room(22.0 + 4.0 * LINE);
        if self.y > 0.0 {
            self.y += 10.0;
        }
        self.text(title, 0.0, 13.0, INK, Weight::Bold, self.width, Tag::Chrome);
        self.y += 20.0;
    }

    /// One line of body text at indent `x`.
    fn line(&mut self, text: &str, x: f32, colour: Rgba, weight: Weight, tag: Tag) {
        self.room(LINE);
        self.text(text, x, BODY, colour, weight, self.width - x, tag);
        self.y += LINE;
    }

    /// A table row: cells at the given column starts (last column runs to the edge);
    /// `right` marks columns aligned right.
    fn row(&mut self, cells: &[String], columns: &[f32], right: &[bool], weight: Weight, tag: Tag) {
        self.room(LINE);
        for (i, cell) in cells.iter().enumerate() {
            let x = columns.get(i).copied().unwrap_or(0.0);
            let end = columns.get(i + 1).copied().unwrap_or(self.width);
            let max = end - x - 6.0;
            if right.get(i).copied().unwrap_or(false) {
                self.right_text(cell, end - 6.0, max);
            } else {
                self.text(cell, x, BODY, INK, weight, max, tag.clone());
            }
        }
        self.y += LINE;
        self.rule();
    }

    /// A table row whose last column ends at the last of `columns` (not the page edge).
    fn row_within(
        &mut self,
        cells: &[String],
        columns: &[f32],
        right: &[bool],
        weight: Weight,
        tag: Tag,
    ) {
        self.room(LINE);
        for (i, cell) in cells.iter().enumerate() {
            let (Some(&x), Some(&end)) = (columns.get(i), columns.get(i + 1)) else {
                continue;
            };
            let max = end - x - 6.0;
            if right.get(i).copied().unwrap_or(false) {
                let run = TextRun {
                    text: text::elide(cell, BODY, max.max(1.0)).unwrap_or_default(),
                    pos: Point::new(end - 6.0, self.y + BODY),
                    size: BODY,
                    colour: INK,
                    weight,
                    anchor: Anchor::End,
                    max_width: max,
                };
                self.page.push(Shape::Text(run), tag.clone());
            } else {
                self.text(cell, x, BODY, INK, weight, max, tag.clone());
            }
        }
        self.y += LINE;
        let right_edge = columns.last().copied().unwrap_or(self.width);
        self.rule_to(right_edge);
    }

    fn rule(&mut self) {
        self.rule_to(self.width);
    }

    fn rule_to(&mut self, right: f32) {
        let y = self.y - 2.5;
        let points = vec![Point::new(0.0, y), Point::new(right, y)];
        self.page.push(
            Shape::Line {
                points,
                stroke: Stroke::solid(0.4, RULE),
            },
            Tag::Chrome,
        );
    }

    fn finish(mut self) -> Vec<Scene> {
        if !self.page.items.is_empty() {
            self.break_page();
        }
        self.pages
    }
}

/// "Name (Control level)" for a dependency id.
fn dependency_label(plan: &Roadmap, id: &str) -> String {
    match plan.dependency(id) {
        Some(d) => format!("{} ({})", d.name, d.control.label()),
        None => format!("{id} (unknown dependency)"),
    }
}

/// Each milestone in date order: what it removes and introduces (trades flagged), and the
/// investments it needs with their total cost.
fn milestones(plan: &Roadmap, analysis: &Analysis, flow: &mut Flow) {
    if plan.milestones.is_empty() {
        return;
    }
    flow.heading("Milestones");
    let mut order: Vec<&crate::model::Milestone> = plan.milestones.iter().map(|m| &**m).collect();
    order.sort_by_key(|m| m.month);
    let name = |id: &str| {
        plan.dependency(id)
            .map_or(id.to_owned(), |d| d.name.clone())
    };
    for m in order {
        let Some(report) = analysis.milestone_report(&m.id) else {
            continue;
        };
        flow.room(3.0 * LINE);
        let tag = Tag::Milestone(m.id.clone());
        let layer = plan
            .layer(&m.layer)
            .map_or(m.layer.as_str(), |l| l.name.as_str());
        let head = format!("{}   {}   ({layer})", m.month, m.title);
        flow.line(&head, 0.0, INK, Weight::Bold, tag.clone());
        for id in &report.removes {
            let text = format!("Removes: {}", dependency_label(plan, id));
            flow.line(&text, 14.0, INK, Weight::Regular, tag.clone());
        }
        for id in &report.introduces {
            let text = format!("Introduces: {}", dependency_label(plan, id));
            flow.line(&text, 14.0, INK, Weight::Regular, tag.clone());
        }
        for trade in &report.trades {
            let text = format!(
                "Trade, not a gain: {} is replaced by {}, still not under national control",
                name(&trade.removed),
                name(&trade.introduced)
            );
            flow.line(&text, 14.0, WARN, Weight::Bold, tag.clone());
        }
        if !report.needs_all.is_empty() {
            let titles: Vec<&str> = report
                .needs_all
                .iter()
                .map(|id| {
                    plan.investment(id)
                        .map_or(id.as_str(), |i| i.title.as_str())
                })
                .collect();
            let cost = money(report.total_cost, &plan.currency);
            let text = format!("Needs ({cost}): {}", titles.join("; "));
            flow.line(&text, 14.0, MUTED, Weight::Regular, tag);
        }
        flow.y += 3.0;
    }
}

/// The dependency register with control levels and the milestone that retires each.
fn register(plan: &Roadmap, analysis: &Analysis, flow: &mut Flow) {
    if plan.dependencies.is_empty() {
        return;
    }
    flow.heading("Dependency register");
    let w = flow.width;
    let columns = [0.0, w * 0.34, w * 0.46, w * 0.62, w * 0.72];
    let head = [
        "Dependency",
        "Layer",
        "Controlled by",
        "Control",
        "Retired by",
    ]
    .map(String::from);
    flow.row(&head, &columns, &[], Weight::Bold, Tag::Chrome);
    for (d, span) in plan.dependencies.iter().zip(analysis.spans()) {
        let layer = plan
            .layer(&d.layer)
            .map_or(d.layer.clone(), |l| l.name.clone());
        let by = span
            .removed_by
            .as_deref()
            .and_then(|id| plan.milestone(id))
            .map_or("not retired".to_owned(), |m| {
                format!("{} ({})", m.title, m.month)
            });
        let control = format!("{} · {}/5", d.control.label(), d.criticality);
        let cells = [d.name.clone(), layer, d.controller.clone(), control, by];
        flow.row(
            &cells,
            &columns,
            &[],
            Weight::Regular,
            Tag::Dependency(d.id.clone()),
        );
        swatch(flow, columns[3] - 9.0, d.control);
    }
}

/// A small square in the control level's colour, on the previous row.
fn swatch(flow: &mut Flow, x: f32, control: ControlLevel) {
    let rect = Rect::new(x, flow.y - LINE + 2.0, 6.0, 6.0);
    let fill = Some(Rgba::from(control.colour()));
    flow.page.push(
        Shape::Rect {
            rect,
            fill,
            stroke: None,
            radius: 1.0,
        },
        Tag::Chrome,
    );
}

/// Every investment with its dates and budget.
fn investments(plan: &Roadmap, flow: &mut Flow) {
    if plan.investments.is_empty() {
        return;
    }
    flow.heading("Investments");
    let w = flow.width;
    let columns = [0.0, w * 0.45, w * 0.58, w * 0.75];
    let head = ["Investment", "Layer", "Months", "Budget"].map(String::from);
    flow.row(
        &head,
        &columns,
        &[false, false, false, true],
        Weight::Bold,
        Tag::Chrome,
    );
    let mut order: Vec<&crate::model::Investment> = plan.investments.iter().map(|i| &**i).collect();
    order.sort_by_key(|i| (i.start, i.end));
    for inv in order {
        let layer = plan
            .layer(&inv.layer)
            .map_or(inv.layer.clone(), |l| l.name.clone());
        let cells = [
            inv.title.clone(),
            layer,
            format!("{} – {}", inv.start, inv.end),
            money(inv.budget, &plan.currency),
        ];
        flow.row(
            &cells,
            &columns,
            &[false, false, false, true],
            Weight::Regular,
            Tag::Investment(inv.id.clone()),
        );
    }
    let total = plan
        .investments
        .iter()
        .map(|i| i.budget)
        .fold(0, u64::saturating_add);
    let cells = [
        "Total".to_owned(),
        String::new(),
        String::new(),
        money(total, &plan.currency),
    ];
    flow.row(
        &cells,
        &columns,
        &[false, false, false, true],
        Weight::Bold,
        Tag::Chrome,
    );
}

/// Budget per layer per year with a total per layer, in round figures that add up to the
/// budgets typed (in millions with one decimal when that loses nothing), as tables of at
/// most as many columns as fit the width.
fn budget(plan: &Roadmap, flow: &mut Flow) {
    let table = crate::analysis::budget_in_round_figures(plan);
    if table.years.is_empty() || table.total == 0 {
        return;
    }
    let unit = Amounts::for_table(&table);
    let currency = match (unit, plan.currency.is_empty()) {
        (Amounts::Millions, false) => format!(" ({} million)", plan.currency),
        (Amounts::Millions, true) => " (million)".to_owned(),
        (Amounts::Units, false) => format!(" ({})", plan.currency),
        (Amounts::Units, true) => String::new(),
    };
    flow.heading(&format!("Budget per layer per year{currency}"));
    let mut head: Vec<String> = table.years.iter().map(|y| y.to_string()).collect();
    head.push("Total".to_owned());
    let mut rows: Vec<(String, Vec<u64>, Weight, Tag)> = table
        .rows
        .iter()
        .map(|(layer, values)| {
            let name = plan.layer(layer).map_or(layer.clone(), |l| l.name.clone());
            let sum = values.iter().fold(0, |a: u64, v| a.saturating_add(*v));
            let cells = values.iter().copied().chain([sum]).collect();
            (name, cells, Weight::Regular, Tag::Lane(layer.clone()))
        })
        .collect();
    let totals = table.year_totals.iter().copied().chain([table.total]);
    rows.push((
        "All layers".to_owned(),
        totals.collect(),
        Weight::Bold,
        Tag::Chrome,
    ));
    let widest = rows
        .iter()
        .flat_map(|(_, cells, _, _)| cells.iter().map(|v| unit.show(*v)))
        .map(|text| text::width(&text, BODY))
        .fold(text::width("0000", BODY), f32::max);
    let first = 110.0;
    let col = (widest + 16.0).max(44.0);
    let per = (((flow.width - first) / col).floor() as usize).max(1);
    let right: Vec<bool> = (0..=per).map(|i| i > 0).collect();
    for (chunk_no, heads) in head.chunks(per).enumerate() {
        let offset = chunk_no * per;
        let mut columns = vec![0.0];
        columns.extend((0..heads.len()).map(|i| first + i as f32 * col));
        columns.push(first + heads.len() as f32 * col);
        let mut cells = vec!["Layer".to_owned()];
        cells.extend(heads.iter().cloned());
        flow.row_within(&cells, &columns, &right, Weight::Bold, Tag::Chrome);
        for (name, values, weight, tag) in &rows {
            let mut cells = vec![name.clone()];
            let shown = values.iter().skip(offset).take(heads.len());
            cells.extend(shown.map(|v| unit.show(*v)));
            flow.row_within(&cells, &columns, &right, *weight, tag.clone());
        }
        flow.y += 6.0;
    }
}

/// How a budget table shows amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Amounts {
    /// Millions with one decimal ("8.1").
    Millions,
    /// Whole units with thousands separators ("8,142,857").
    Units,
}

impl Amounts {
    /// Millions when every amount is a whole tenth of a million and the total at least one
    /// million, so nothing is lost; otherwise whole units.
    fn for_table(table: &crate::analysis::BudgetTable) -> Amounts {
        let exact = table
            .rows
            .iter()
            .flat_map(|(_, v)| v)
            .all(|v| v.is_multiple_of(100_000));
        if exact && table.total >= 1_000_000 {
            Amounts::Millions
        } else {
            Amounts::Units
        }
    }

    /// `amount` as this table shows it.
    fn show(self, amount: u64) -> String {
        match self {
            Amounts::Millions => {
                let tenths = amount / 100_000;
                format!("{}.{}", money(tenths / 10, ""), tenths % 10)
            }
            Amounts::Units => money(amount, ""),
        }
    }
}

/// The exposure over time as an area chart with a value scale and year ticks.
fn exposure(plan: &Roadmap, analysis: &Analysis, flow: &mut Flow) {
    let series: Vec<(Month, u32)> = analysis
        .exposure_series()
        .iter()
        .map(|e| (e.month, e.total))
        .collect();
    if series.is_empty() || plan.dependencies.is_empty() {
        return;
    }
    let h = 166.0_f32.min(flow.height - 54.0);
    flow.room(h + 48.0);
    flow.heading("Exposure over time (summed criticality of live dependencies)");
    let look = exposure::Look::paper(theme::REPORT_EXPOSURE, 8.0);
    let curves = exposure::Curves {
        this: &series,
        ..exposure::Curves::default()
    };
    let span = exposure::Span::default();
    let chart = exposure::curves_chart(&curves, span, flow.width - 10.0, h, look);
    let top = flow.y + 4.0;
    for item in &chart.items {
        flow.page.items.push(item.translated(0.0, top));
    }
    flow.y = top + h + 6.0;
}

/// The open checks, most serious first: the severity as a word beside a coloured mark, then
/// the finding as a sentence (the codes are for the command line).
fn checks(plan: &Roadmap, analysis: &Analysis, flow: &mut Flow) {
    let findings = analysis.findings();
    flow.heading(&format!("Open checks ({})", findings.len()));
    if findings.is_empty() {
        flow.line(
            "No findings: the plan is consistent.",
            0.0,
            MUTED,
            Weight::Regular,
            Tag::Chrome,
        );
        return;
    }
    let indent = 62.0;
    for finding in findings {
        let (word, colour) = match finding.severity {
            Severity::Error => ("Error", Rgba::rgb(0xB9, 0x1C, 0x1C)),
            Severity::Warning => ("Warning", WARN),
            Severity::Info => ("Note", MUTED),
        };
        let tag = finding
            .ids
            .first()
            .and_then(|id| match plan.kind_of(id) {
                Some(ItemKind::Investment) => Some(Tag::Investment(id.clone())),
                Some(ItemKind::Milestone) => Some(Tag::Milestone(id.clone())),
                Some(ItemKind::Dependency) => Some(Tag::Dependency(id.clone())),
                _ => None,
            })
            .unwrap_or(Tag::Chrome);
        let lines = text::wrap(&sentence(&finding.message), BODY, flow.width - indent);
        flow.room(LINE * lines.len().max(1) as f32);
        let mark = Rect::new(0.0, flow.y + 2.5, 6.0, 6.0);
        flow.page.push(
            Shape::Rect {
                rect: mark,
                fill: Some(colour),
                stroke: None,
                radius: 3.0,
            },
            Tag::Chrome,
        );
        flow.text(
            word,
            10.0,
            BODY,
            colour,
            Weight::Bold,
            indent - 14.0,
            Tag::Chrome,
        );
        for (i, part) in lines.iter().enumerate() {
            if i > 0 {
                flow.room(LINE);
            }
            flow.text(
                part,
                indent,
                BODY,
                INK,
                Weight::Regular,
                flow.width - indent,
                tag.clone(),
            );
            flow.y += LINE;
        }
    }
}

/// A finding's message as a sentence: a capital first letter and a full stop.
fn sentence(message: &str) -> String {
    let message = message.trim();
    let mut chars = message.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut out: String = first.to_uppercase().chain(chars).collect();
    if !out.ends_with(['.', '!', '?', ')', '"', '”']) {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exposure_chart_has_a_year_at_every_tick_and_a_value_scale() {
        let plan = crate::io::example_plan().unwrap();
        let pages = pages(&plan, &Analysis::of(&plan), 785.0, 520.0);
        let page = pages
            .iter()
            .find(|p| p.texts().any(|t| t.text.starts_with("Exposure over time")))
            .unwrap();
        let labels: Vec<&str> = page
            .texts()
            .skip_while(|t| !t.text.starts_with("Exposure over time"))
            .filter(|t| t.size == 8.0)
            .map(|t| t.text.as_str())
            .collect();
        for year in 2026..=2035 {
            assert!(
                labels.contains(&year.to_string().as_str()),
                "{year}: {labels:?}"
            );
        }
        let values: Vec<u32> = labels
            .iter()
            .filter_map(|l| l.parse().ok())
            .filter(|v| *v < 2000)
            .collect();
        assert!(values.len() >= 3 && values.contains(&0), "{values:?}");
        let peak = Analysis::of(&plan)
            .exposure_series()
            .iter()
            .map(|e| e.total)
            .max()
            .unwrap();
        assert!(
            values.iter().any(|v| *v >= peak),
            "the scale reaches the peak {peak}: {values:?}"
        );
    }

    #[test]
    fn checks_read_as_sentences_with_the_severity_as_a_word() {
        let mut plan = crate::io::example_plan().unwrap();
        plan.investments[0].end = plan.investments[0].start.plus(-2);
        let pages = pages(&plan, &Analysis::of(&plan), 785.0, 520.0);
        let texts: Vec<&str> = pages
            .iter()
            .flat_map(|p| p.texts())
            .skip_while(|t| !t.text.starts_with("Open checks"))
            .map(|t| t.text.as_str())
            .collect();
        assert!(texts.contains(&"Error"), "{texts:?}");
        assert!(
            texts
                .iter()
                .all(|t| !t.contains("error[") && !t.contains("warning["))
        );
        let at = texts.iter().position(|t| *t == "Error").unwrap();
        let first = texts[at + 1];
        assert!(first.chars().next().unwrap().is_uppercase(), "{first}");
        assert_eq!(sentence("milestone m needs x"), "Milestone m needs x.");
    }

    #[test]
    fn report_flows_over_pages_and_names_every_milestone() {
        let mut plan = crate::io::example_plan().unwrap();
        let base = plan.milestones[0].clone();
        for i in 0..120 {
            let mut m = base.clone();
            m.id = format!("m{i}");
            m.title = format!("Milestone number {i}");
            plan.milestones.push(m);
        }
        let pages = pages(&plan, &Analysis::of(&plan), 700.0, 500.0);
        assert!(pages.len() > 2);
        let text: String = pages
            .iter()
            .flat_map(|p| p.texts())
            .map(|t| t.text.clone() + "\n")
            .collect();
        for m in &plan.milestones {
            assert!(text.contains(&m.title), "{} missing", m.title);
        }
        for page in &pages {
            for item in &page.items {
                assert!(item.shape.bounds().bottom() <= 500.0 + 1.0);
            }
        }
    }
}
