//! A comparison in sentences, grouped, consequences first: what the terminal, Markdown, the
//! PDF and the editor's Compare panel all show.

use super::{Amounts, Change, Comparison, ItemDiff, Kind, Notice, Shift, signed_months};
use crate::analysis::format::{money_symbol, signed, signed_money_symbol, thousands};

/// One sentence and the ids it is about (the first is the one to select).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The sentence.
    pub text: String,
    /// The ids involved, the main one first.
    pub ids: Vec<String>,
}

/// A group of sentences under a heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading, e.g. "Retirements".
    pub title: String,
    /// Its sentences.
    pub lines: Vec<Line>,
}

fn line(text: String, ids: &[&str]) -> Line {
    Line {
        text,
        ids: ids.iter().map(|s| (*s).to_owned()).collect(),
    }
}

impl Comparison {
    /// Every difference in sentences: notices, then the consequences (retirements, trades,
    /// exposure, budget, milestones), then the plan's fields and the items by kind. Empty
    /// sections are left out.
    pub fn sections(&self) -> Vec<Section> {
        let sections = [
            ("Before you read", self.notice_lines()),
            ("Retirements", self.retirement_lines()),
            ("Trades", self.trade_lines()),
            ("Exposure", self.exposure_lines()),
            ("Budget", self.budget_lines()),
            ("Milestones moved", self.milestone_lines()),
            ("Plan", self.plan_lines()),
            ("Layers", self.item_lines(Kind::Layer)),
            ("Dependencies", self.item_lines(Kind::Dependency)),
            ("Investments", self.item_lines(Kind::Investment)),
            ("Milestones", self.item_lines(Kind::Milestone)),
            ("Stops", self.item_lines(Kind::Stop)),
        ];
        sections
            .into_iter()
            .filter(|(_, lines)| !lines.is_empty())
            .map(|(title, lines)| Section {
                title: title.to_owned(),
                lines,
            })
            .collect()
    }

    /// The one-sentence headline: exposure-months and total budget, B against A.
    pub fn headline(&self) -> String {
        let e = &self.consequences.exposure;
        let budget = &self.consequences.budget.total;
        let exposure = match e.difference {
            0 => format!(
                "B has as many exposure-months as A ({})",
                thousands(e.months_a)
            ),
            d => format!(
                "B has {} {} exposure-months than A ({} → {})",
                thousands(d.unsigned_abs()),
                if d < 0 { "fewer" } else { "more" },
                thousands(e.months_a),
                thousands(e.months_b),
            ),
        };
        let cost = match budget.difference {
            Some(0) => "costs the same".to_owned(),
            _ => format!("costs {}", self.money_change(budget)),
        };
        format!("{exposure} and {cost}")
    }

    fn notice_lines(&self) -> Vec<Line> {
        self.notices
            .iter()
            .map(|notice| match notice {
                Notice::DifferentCurrencies { a, b } => line(
                    format!("A counts money in {a}, B in {b}: amounts are shown as they are, never converted"),
                    &[],
                ),
                Notice::DifferentHorizons { a, b } => line(
                    format!(
                        "A covers {} to {}, B {} to {}: exposure is compared over {} to {}",
                        a.start,
                        a.end,
                        b.start,
                        b.end,
                        self.consequences.exposure.from,
                        self.consequences.exposure.to
                    ),
                    &[],
                ),
                Notice::DuplicateId { kind, duplicate } => line(
                    format!(
                        "{} id {} is used {} times in {}: matched in order",
                        capital(kind.noun()),
                        duplicate.id,
                        duplicate.count,
                        side(duplicate.side)
                    ),
                    &[&duplicate.id],
                ),
            })
            .collect()
    }

    fn retirement_lines(&self) -> Vec<Line> {
        self.consequences
            .retirements
            .iter()
            .map(|r| {
                let by = |m: &Option<String>| {
                    m.as_deref()
                        .map(|id| format!(" by {id}"))
                        .unwrap_or_default()
                };
                let month =
                    |m: Option<crate::model::Month>| m.map(|m| m.to_string()).unwrap_or_default();
                let text = match r.shift {
                    Shift::Earlier | Shift::Later => format!(
                        "{} retired {} {}: {} → {}{}",
                        r.dependency,
                        signed_months(r.months.unwrap_or(0)).trim_start_matches(['+', '−']),
                        if r.shift == Shift::Earlier {
                            "earlier"
                        } else {
                            "later"
                        },
                        month(r.a),
                        month(r.b),
                        by(&r.by_b)
                    ),
                    Shift::NoLonger => format!(
                        "{} no longer retired (A retires it in {}{})",
                        r.dependency,
                        month(r.a),
                        by(&r.by_a)
                    ),
                    Shift::Newly => format!(
                        "{} newly retired in {}{} (never in A)",
                        r.dependency,
                        month(r.b),
                        by(&r.by_b)
                    ),
                };
                line(text, &[&r.dependency])
            })
            .collect()
    }

    fn trade_lines(&self) -> Vec<Line> {
        let trades = &self.consequences.trades;
        let said = |word: &str, t: &crate::analysis::Trade| {
            line(
                format!(
                    "{word}: {} trades {} for {} (still not under national control)",
                    t.milestone, t.removed, t.introduced
                ),
                &[&t.milestone, &t.removed, &t.introduced],
            )
        };
        trades
            .gained
            .iter()
            .map(|t| said("Only in B", t))
            .chain(trades.lost.iter().map(|t| said("Only in A", t)))
            .collect()
    }

    fn exposure_lines(&self) -> Vec<Line> {
        let e = &self.consequences.exposure;
        if e.months_a == e.months_b
            && e.start.difference == 0
            && e.end.difference == 0
            && e.at.iter().all(|p| p.difference == 0)
        {
            return Vec::new();
        }
        let point = |label: String, p: &super::ExposurePoint| {
            line(
                format!("{label}: {} → {} ({})", p.a, p.b, signed(p.difference)),
                &[],
            )
        };
        let mut lines = vec![line(
            format!(
                "Exposure-months {} to {}: {} → {} ({})",
                e.from,
                e.to,
                thousands(e.months_a),
                thousands(e.months_b),
                signed(e.difference)
            ),
            &[],
        )];
        lines.push(point(format!("At the start, {}", e.start.month), &e.start));
        lines.extend(
            e.at.iter()
                .filter(|p| p.difference != 0)
                .map(|p| point(format!("In {}", p.month), p)),
        );
        lines.push(point(format!("At the end, {}", e.end.month), &e.end));
        lines
    }

    fn budget_lines(&self) -> Vec<Line> {
        let b = &self.consequences.budget;
        let differs = |a: &Amounts| a.a != a.b || self.currency_a != self.currency_b;
        if !differs(&b.total) && b.by_layer.iter().all(|l| !differs(&l.amounts)) {
            return Vec::new();
        }
        let mut lines = vec![line(format!("Total: {}", self.money_change(&b.total)), &[])];
        lines.extend(b.by_layer.iter().filter(|l| differs(&l.amounts)).map(|l| {
            line(
                format!("{}: {}", l.layer, self.money_change(&l.amounts)),
                &[&l.layer],
            )
        }));
        lines.extend(b.by_year.iter().filter(|y| differs(&y.amounts)).map(|y| {
            line(
                format!("{}: {}", y.year, self.money_change(&y.amounts)),
                &[],
            )
        }));
        lines
    }

    fn milestone_lines(&self) -> Vec<Line> {
        let mut lines = Vec::new();
        for m in &self.consequences.milestones {
            let why: Vec<String> = m
                .causes
                .iter()
                .map(|c| {
                    if c.id == m.milestone {
                        c.edit.clone()
                    } else {
                        format!("{} {}", c.id, c.edit)
                    }
                })
                .collect();
            let mut ids = vec![m.milestone.as_str()];
            ids.extend(m.causes.iter().map(|c| c.id.as_str()));
            if m.months != 0 {
                lines.push(line(
                    format!(
                        "{} moved {} ({} → {}){}",
                        m.milestone,
                        signed_months(m.months),
                        m.a,
                        m.b,
                        because(&why)
                    ),
                    &ids,
                ));
            }
            if m.path_a != m.path_b {
                lines.push(line(
                    format!(
                        "{}: critical path {} (was {}){}",
                        m.milestone,
                        m.path_b.join(" → "),
                        m.path_a.join(" → "),
                        if m.months == 0 {
                            because(&why)
                        } else {
                            String::new()
                        }
                    ),
                    &ids,
                ));
            }
        }
        lines
    }

    fn plan_lines(&self) -> Vec<Line> {
        self.plan
            .iter()
            .map(|c| line(capital(&c.describe(&self.currency_a)), &[]))
            .collect()
    }

    fn item_lines(&self, kind: Kind) -> Vec<Line> {
        self.items_of(kind).map(|d| self.item_line(d)).collect()
    }

    fn item_line(&self, d: &ItemDiff) -> Line {
        let text = match d.change {
            Change::Added => format!("Added {} “{}”", d.id, d.title),
            Change::Removed => format!("Removed {} “{}”", d.id, d.title),
            Change::Changed => format!("{}: {}", d.id, describe_fields(d, &self.currency_a)),
        };
        line(text, &[&d.id])
    }

    /// "€1.2 bn → €900.0 M (−€300.0 M)", or both amounts with their currencies when they differ.
    fn money_change(&self, amounts: &Amounts) -> String {
        match amounts.difference {
            Some(d) => format!(
                "{} → {} ({})",
                money_symbol(amounts.a.into(), &self.currency_a),
                money_symbol(amounts.b.into(), &self.currency_b),
                signed_money_symbol(d, &self.currency_a)
            ),
            None => format!(
                "{} → {} (different currencies)",
                money_symbol(amounts.a.into(), &self.currency_a),
                money_symbol(amounts.b.into(), &self.currency_b)
            ),
        }
    }
}

/// The changed fields of an item, a start and end that moved together said once as a move.
pub fn describe_fields(diff: &ItemDiff, currency: &str) -> String {
    let month_delta = |name: &str| {
        diff.fields
            .iter()
            .find(|c| c.field == name)
            .and_then(|c| match (&c.a, &c.b) {
                (super::Value::Month(a), super::Value::Month(b)) => Some(a.months_until(*b)),
                _ => None,
            })
    };
    let moved = match (month_delta("start"), month_delta("end")) {
        (Some(s), Some(e)) if s == e => Some(s),
        _ => None,
    };
    let mut said = Vec::new();
    if let Some(delta) = moved {
        said.push(format!("moved {}", signed_months(delta)));
    }
    for change in &diff.fields {
        if moved.is_some() && matches!(change.field, "start" | "end") {
            continue;
        }
        said.push(change.describe(currency));
    }
    said.join(", ")
}

fn because(why: &[String]) -> String {
    if why.is_empty() {
        String::new()
    } else {
        format!(": {}", why.join("; "))
    }
}

fn side(side: super::Side) -> &'static str {
    match side {
        super::Side::A => "A",
        super::Side::B => "B",
    }
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
