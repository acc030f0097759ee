//! The presentation's comparison stop: when the plan is compared with another, one more stop
//! shows both exposure curves and the headline difference, on screen and in the handout.

use std::sync::Arc;

use super::Analysis;
use super::compare::{Comparison, Options, Shift, compare_with};
use super::format::{money_symbol, signed, signed_money_symbol, thousands};
use super::stops::{Facts, Figure, Line, Slide, StopKind, Tone};
use crate::model::{Roadmap, Stop};

/// Title of the comparison stop.
pub const TITLE: &str = "Two paths compared";

/// Dependencies listed by name under each heading of the stop; the rest are counted.
const LISTED: usize = 5;

/// The other path a presentation compares the plan with (A, while the plan shown is B).
#[derive(Debug, Clone)]
pub struct OtherPath {
    /// The other plan.
    pub plan: Arc<Roadmap>,
    /// Its analysis.
    pub analysis: Arc<Analysis>,
    /// The other plan (A) compared with the plan presented (B).
    pub comparison: Arc<Comparison>,
}

impl OtherPath {
    /// `other` compared with `plan`, the plan presented.
    pub fn new(
        plan: &Roadmap,
        analysis: &Analysis,
        other: Arc<Roadmap>,
        other_analysis: Arc<Analysis>,
    ) -> OtherPath {
        let comparison = compare_with(&other, &other_analysis, plan, analysis, &Options::default());
        OtherPath {
            plan: other,
            analysis: other_analysis,
            comparison: Arc::new(comparison),
        }
    }

    /// The comparison stop: both horizons together, titled after the other plan, the
    /// headline as its speaker notes.
    pub fn slide(&self, plan: &Roadmap) -> Slide {
        let e = &self.comparison.consequences.exposure;
        Slide {
            stop: Stop {
                title: TITLE.to_owned(),
                from: e.from,
                to: e.to,
                layers: Vec::new(),
                focus: None,
                notes: self.headline(plan),
                view: crate::model::StopView::Chart,
            },
            kind: StopKind::Comparison,
        }
    }

    /// One sentence: exposure-months and budget of the plan presented against the other.
    pub fn headline(&self, plan: &Roadmap) -> String {
        let c = &self.comparison;
        let e = &c.consequences.exposure;
        let exposure = match e.difference {
            0 => format!(
                "{} has as many exposure-months as {} ({})",
                plan.title,
                self.plan.title,
                thousands(e.months_a)
            ),
            d => format!(
                "{} has {} {} exposure-months than {} ({} against {})",
                plan.title,
                thousands(d.unsigned_abs()),
                if d < 0 { "fewer" } else { "more" },
                self.plan.title,
                thousands(e.months_b),
                thousands(e.months_a),
            ),
        };
        let budget = &c.consequences.budget.total;
        let cost = match budget.difference {
            Some(0) => "costs the same".to_owned(),
            Some(d) => format!(
                "costs {} ({} against {})",
                signed_money_symbol(d, &c.currency_b),
                money_symbol(budget.b.into(), &c.currency_b),
                money_symbol(budget.a.into(), &c.currency_a)
            ),
            None => format!(
                "costs {} against {} (different currencies, not converted)",
                money_symbol(budget.b.into(), &c.currency_b),
                money_symbol(budget.a.into(), &c.currency_a)
            ),
        };
        format!("{exposure}, and {cost}.")
    }

    /// What the comparison stop says: the exposure-months and budget differences large,
    /// then the dependencies retired only on this path, earlier, later or no longer, and
    /// the trades only one path makes.
    pub fn facts(&self, plan: &Roadmap) -> Facts {
        let c = &self.comparison;
        let e = &c.consequences.exposure;
        let budget = &c.consequences.budget.total;
        let mut figures = vec![Figure {
            value: signed(e.difference),
            label: format!(
                "exposure-months ({} → {})",
                thousands(e.months_a),
                thousands(e.months_b)
            ),
        }];
        figures.push(match budget.difference {
            Some(d) => Figure {
                value: signed_money_symbol(d, &c.currency_b),
                label: format!(
                    "budget ({} → {})",
                    money_symbol(budget.a.into(), &c.currency_a),
                    money_symbol(budget.b.into(), &c.currency_b)
                ),
            },
            None => Figure {
                value: money_symbol(budget.b.into(), &c.currency_b),
                label: format!(
                    "budget; the other path {} (not converted)",
                    money_symbol(budget.a.into(), &c.currency_a)
                ),
            },
        });
        let mut lines = Vec::new();
        let name = |id: &str| {
            plan.dependency(id)
                .or_else(|| self.plan.dependency(id))
                .map_or_else(|| id.to_owned(), |d| d.name.clone())
        };
        let retirements = &c.consequences.retirements;
        let group = |shift: Shift| retirements.iter().filter(move |r| r.shift == shift);
        let mut section = |heading: &str, tone: Tone, texts: Vec<String>| {
            if texts.is_empty() {
                return;
            }
            lines.push(Line {
                text: format!("{heading} ({})", texts.len()),
                tone: Tone::Heading,
            });
            let more = texts.len().saturating_sub(LISTED);
            lines.extend(
                texts
                    .into_iter()
                    .take(LISTED)
                    .map(|text| Line { text, tone }),
            );
            if more > 0 {
                lines.push(Line {
                    text: format!("and {more} more"),
                    tone: Tone::Detail,
                });
            }
        };
        let month = |m: Option<crate::model::Month>| m.map(|m| m.to_string()).unwrap_or_default();
        section(
            "Retired only on this path",
            Tone::Removed,
            group(Shift::Newly)
                .map(|r| format!("{} in {}", name(&r.dependency), month(r.b)))
                .collect(),
        );
        section(
            "Retired earlier",
            Tone::Removed,
            group(Shift::Earlier)
                .map(|r| format!("{}: {} → {}", name(&r.dependency), month(r.a), month(r.b)))
                .collect(),
        );
        section(
            "Retired later",
            Tone::Introduced,
            group(Shift::Later)
                .map(|r| format!("{}: {} → {}", name(&r.dependency), month(r.a), month(r.b)))
                .collect(),
        );
        section(
            "Retired only on the other path",
            Tone::Introduced,
            group(Shift::NoLonger)
                .map(|r| format!("{} in {}", name(&r.dependency), month(r.a)))
                .collect(),
        );
        let trade =
            |t: &super::Trade| format!("{} traded for {}", name(&t.removed), name(&t.introduced));
        section(
            "Trades only on this path",
            Tone::Trade,
            c.consequences.trades.gained.iter().map(trade).collect(),
        );
        section(
            "Trades only on the other path",
            Tone::Detail,
            c.consequences.trades.lost.iter().map(trade).collect(),
        );
        Facts { figures, lines }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testplan::{dep, inv, ms, plan};
    use crate::model::ControlLevel;

    /// A: the licensed path retires the model licence in 2026-10 and never the GPUs.
    /// B: the sovereign path retires the licence three months earlier, the GPUs in 2026-04
    /// (trading them for a licensed cluster), and costs three times as much.
    fn paths() -> (Roadmap, Roadmap) {
        let mut a = plan();
        a.title = "Licensed".into();
        a.dependencies = vec![
            dep("gpu", "compute", ControlLevel::BlackBox, 4).into(),
            dep("llm", "models", ControlLevel::Licensed, 5).into(),
        ];
        a.investments =
            vec![inv("cluster", "compute", "2026-01", "2026-03", 1_000_000, &[]).into()];
        a.milestones = vec![ms("own-llm", "models", "2026-10", &[], &["llm"], &[]).into()];
        let mut b = a.clone();
        b.title = "Sovereign".into();
        b.dependencies
            .push(dep("gpu2", "compute", ControlLevel::Licensed, 2).into());
        b.investments[0].budget = 3_000_000;
        b.milestones = vec![
            ms("gpus", "compute", "2026-04", &[], &["gpu"], &["gpu2"]).into(),
            ms("own-llm", "models", "2026-07", &[], &["llm"], &[]).into(),
        ];
        (a, b)
    }

    fn other_path() -> (Roadmap, OtherPath) {
        let (a, b) = paths();
        let analysis = Analysis::of(&b);
        let other_analysis = Arc::new(Analysis::of(&a));
        let path = OtherPath::new(&b, &analysis, Arc::new(a), other_analysis);
        (b, path)
    }

    #[test]
    fn the_stop_counts_exposure_months_and_budget_of_this_plan_against_the_other() {
        // A: gpu 4 × 12 months + llm 5 × 9 (Jan–Sep) = 93.
        // B: gpu 4 × 3 (Jan–Mar) + llm 5 × 6 (Jan–Jun) + gpu2 2 × 9 (Apr–Dec) = 60.
        let (b, path) = other_path();
        let facts = path.facts(&b);
        let figures: Vec<(&str, &str)> = facts
            .figures
            .iter()
            .map(|f| (f.value.as_str(), f.label.as_str()))
            .collect();
        assert_eq!(
            figures,
            [
                ("−33", "exposure-months (93 → 60)"),
                ("+€2.0 M", "budget (€1.0 M → €3.0 M)")
            ]
        );
        assert_eq!(
            path.headline(&b),
            "Sovereign has 33 fewer exposure-months than Licensed (60 against 93), and costs \
             +€2.0 M (€3.0 M against €1.0 M)."
        );
    }

    #[test]
    fn the_stop_lists_retirements_and_trades_by_name_under_headings() {
        let (b, path) = other_path();
        let facts = path.facts(&b);
        let lines: Vec<(&str, Tone)> = facts
            .lines
            .iter()
            .map(|l| (l.text.as_str(), l.tone))
            .collect();
        assert_eq!(
            lines,
            [
                ("Retired only on this path (1)", Tone::Heading),
                ("Dependency gpu in 2026-04", Tone::Removed),
                ("Retired earlier (1)", Tone::Heading),
                ("Dependency llm: 2026-10 → 2026-07", Tone::Removed),
                ("Trades only on this path (1)", Tone::Heading),
                ("Dependency gpu traded for Dependency gpu2", Tone::Trade),
            ]
        );
    }

    #[test]
    fn the_stop_spans_both_horizons_and_comes_last() {
        let (mut b, path) = other_path();
        b.horizon.end = b.horizon.end.plus(12);
        let analysis = Analysis::of(&b);
        let path = OtherPath::new(&b, &analysis, path.plan, path.analysis);
        let slides = crate::analysis::stops::slides_with(&b, Some(&path));
        let last = slides.last().unwrap();
        assert_eq!(last.kind, StopKind::Comparison);
        assert_eq!(last.stop.title, TITLE);
        assert_eq!(
            (last.stop.from.to_string(), last.stop.to.to_string()),
            ("2026-01".into(), "2027-12".into())
        );
        assert_eq!(
            slides.len(),
            crate::analysis::stops::slides_of(&b).len() + 1
        );
        assert!(
            !crate::analysis::stops::slides_with(&b, None)
                .iter()
                .any(|s| s.kind == StopKind::Comparison),
            "no comparison stop without a comparison"
        );
    }
}
