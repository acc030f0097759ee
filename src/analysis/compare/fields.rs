//! Each kind of item as a short list of (field name, value), and a changed field in words.

use serde::Serialize;

use crate::analysis::format::{money_symbol, signed_money_symbol};

use crate::model::{
    Assessment, Colour, ControlLevel, Dependency, Evidence, Investment, Layer, Milestone, Month,
    Shared, Stop,
};

/// The kinds of item two plans are compared by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A swimlane.
    Layer,
    /// An external dependency.
    Dependency,
    /// An investment bar.
    Investment,
    /// A milestone diamond.
    Milestone,
    /// A saved presentation stop (matched by title: stops have no id).
    Stop,
}

impl Kind {
    /// The word for one item of this kind, e.g. "investment".
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Layer => "layer",
            Kind::Dependency => "dependency",
            Kind::Investment => "investment",
            Kind::Milestone => "milestone",
            Kind::Stop => "stop",
        }
    }
}

/// The value of one field, typed so that a change can be said in its unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// Free text (titles, names, notes).
    Text(String),
    /// A month.
    Month(Month),
    /// An amount in the plan's currency.
    Money(u64),
    /// A small number, e.g. a criticality.
    Number(u64),
    /// A control level.
    Control(ControlLevel),
    /// The id of a layer.
    Layer(String),
    /// A list of ids.
    Ids(Vec<String>),
    /// A colour.
    Colour(Colour),
    /// An optional id.
    Optional(Option<String>),
}

/// A field name and its value.
pub type Field = (&'static str, Value);

/// An item that two plans compare and merge field by field.
pub trait Item {
    /// The kind of item.
    const KIND: Kind;
    /// The id it is matched by.
    fn key(&self) -> &str;
    /// Its title or name, for people.
    fn label(&self) -> &str;
    /// Every field but the id, in file order.
    fn fields(&self) -> Vec<Field>;
}

impl<T: Item> Item for Shared<T> {
    const KIND: Kind = T::KIND;
    fn key(&self) -> &str {
        (**self).key()
    }
    fn label(&self) -> &str {
        (**self).label()
    }
    fn fields(&self) -> Vec<Field> {
        (**self).fields()
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

/// Evidence in one line: "Contract (2025-10, high); Audit (2026-02, low)".
fn evidence_text(evidence: &[Evidence]) -> String {
    let parts: Vec<String> = evidence
        .iter()
        .map(|e| format!("{} ({}, {})", e.source, e.date, e.confidence.label()))
        .collect();
    parts.join("; ")
}

/// Assessed levels in one line: "legal 0; technology 3".
fn assessment_text(assessment: &[Assessment]) -> String {
    let parts: Vec<String> = assessment
        .iter()
        .map(|a| format!("{} {}", a.objective, a.level))
        .collect();
    parts.join("; ")
}

impl Item for Layer {
    const KIND: Kind = Kind::Layer;
    fn key(&self) -> &str {
        &self.id
    }
    fn label(&self) -> &str {
        &self.name
    }
    fn fields(&self) -> Vec<Field> {
        let Layer {
            id: _,
            name,
            colour,
            description,
        } = self;
        vec![
            ("name", text(name)),
            ("colour", Value::Colour(*colour)),
            ("description", text(description)),
        ]
    }
}

impl Item for Dependency {
    const KIND: Kind = Kind::Dependency;
    fn key(&self) -> &str {
        &self.id
    }
    fn label(&self) -> &str {
        &self.name
    }
    fn fields(&self) -> Vec<Field> {
        let Dependency {
            id: _,
            name,
            layer,
            controller,
            jurisdiction,
            control,
            criticality,
            notes,
            evidence,
            assessment,
        } = self;
        vec![
            ("name", text(name)),
            ("layer", Value::Layer(layer.clone())),
            ("controller", text(controller)),
            ("jurisdiction", text(jurisdiction)),
            ("control", Value::Control(*control)),
            ("criticality", Value::Number(u64::from(*criticality))),
            ("notes", text(notes)),
            ("evidence", Value::Text(evidence_text(evidence))),
            ("assessment", Value::Text(assessment_text(assessment))),
        ]
    }
}

impl Item for Investment {
    const KIND: Kind = Kind::Investment;
    fn key(&self) -> &str {
        &self.id
    }
    fn label(&self) -> &str {
        &self.title
    }
    fn fields(&self) -> Vec<Field> {
        let Investment {
            id: _,
            title,
            layer,
            start,
            end,
            budget,
            owner,
            notes,
            after,
        } = self;
        vec![
            ("title", text(title)),
            ("layer", Value::Layer(layer.clone())),
            ("start", Value::Month(*start)),
            ("end", Value::Month(*end)),
            ("budget", Value::Money(*budget)),
            ("owner", text(owner)),
            ("notes", text(notes)),
            ("after", Value::Ids(after.clone())),
        ]
    }
}

impl Item for Milestone {
    const KIND: Kind = Kind::Milestone;
    fn key(&self) -> &str {
        &self.id
    }
    fn label(&self) -> &str {
        &self.title
    }
    fn fields(&self) -> Vec<Field> {
        let Milestone {
            id: _,
            title,
            month,
            layer,
            needs,
            removes,
            introduces,
            notes,
            evidence,
        } = self;
        vec![
            ("title", text(title)),
            ("month", Value::Month(*month)),
            ("layer", Value::Layer(layer.clone())),
            ("needs", Value::Ids(needs.clone())),
            ("removes", Value::Ids(removes.clone())),
            ("introduces", Value::Ids(introduces.clone())),
            ("notes", text(notes)),
            ("evidence", Value::Text(evidence_text(evidence))),
        ]
    }
}

impl Item for Stop {
    const KIND: Kind = Kind::Stop;
    fn key(&self) -> &str {
        &self.title
    }
    fn label(&self) -> &str {
        &self.title
    }
    fn fields(&self) -> Vec<Field> {
        let Stop {
            title: _,
            from,
            to,
            layers,
            focus,
            notes,
            view,
        } = self;
        vec![
            ("from", Value::Month(*from)),
            ("to", Value::Month(*to)),
            ("layers", Value::Ids(layers.clone())),
            ("focus", Value::Optional(focus.clone())),
            ("notes", text(notes)),
            ("view", Value::Text(view.label().to_owned())),
        ]
    }
}

/// One field whose value differs between the two plans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// The field's name, e.g. "end".
    pub field: &'static str,
    /// Its value in plan A.
    pub a: Value,
    /// Its value in plan B.
    pub b: Value,
}

/// The fields whose values differ, in field order (both lists come from the same kind).
pub fn changed_fields(a: Vec<Field>, b: Vec<Field>) -> Vec<FieldChange> {
    a.into_iter()
        .zip(b)
        .filter(|((_, x), (_, y))| x != y)
        .map(|((field, a), (_, b))| FieldChange { field, a, b })
        .collect()
}

impl FieldChange {
    /// The change in words with its unit: "end +6 months", "budget −€20.0 M",
    /// "control Licensed → Domestic", "layer compute → chips".
    pub fn describe(&self, currency: &str) -> String {
        let field = self.field;
        match (&self.a, &self.b) {
            (Value::Month(a), Value::Month(b)) => {
                format!("{field} {} ({a} → {b})", signed_months(a.months_until(*b)))
            }
            (Value::Money(a), Value::Money(b)) => format!(
                "{field} {} ({} → {})",
                signed_money_symbol(i128::from(*b) - i128::from(*a), currency),
                money_symbol(u128::from(*a), currency),
                money_symbol(u128::from(*b), currency)
            ),
            (Value::Ids(a), Value::Ids(b)) => format!("{field} {}", list_change(a, b)),
            (Value::Text(a), Value::Text(b)) if field == "notes" || field == "description" => {
                let _ = (a, b);
                format!("{field} edited")
            }
            (Value::Text(a), Value::Text(b)) => format!("{field} “{}” → “{}”", short(a), short(b)),
            (a, b) => format!("{field} {} → {}", plain(a), plain(b)),
        }
    }
}

/// "+6 months", "−1 month", "0 months".
pub fn signed_months(delta: i32) -> String {
    let unit = if delta.abs() == 1 { "month" } else { "months" };
    match delta {
        d if d > 0 => format!("+{d} {unit}"),
        d if d < 0 => format!("−{} {unit}", d.unsigned_abs()),
        _ => "0 months".to_owned(),
    }
}

/// "+x −y" for ids added to and removed from a list; "reordered" when only the order differs.
fn list_change(a: &[String], b: &[String]) -> String {
    let added: Vec<String> = b
        .iter()
        .filter(|id| !a.contains(id))
        .map(|id| format!("+{id}"))
        .collect();
    let removed: Vec<String> = a
        .iter()
        .filter(|id| !b.contains(id))
        .map(|id| format!("−{id}"))
        .collect();
    if added.is_empty() && removed.is_empty() {
        return format!("reordered ({} → {})", a.join(", "), b.join(", "));
    }
    [added, removed].concat().join(" ")
}

/// A value as plain words, for the changes that need no unit.
fn plain(value: &Value) -> String {
    match value {
        Value::Text(t) => format!("“{}”", short(t)),
        Value::Month(m) => m.to_string(),
        Value::Money(n) | Value::Number(n) => n.to_string(),
        Value::Control(c) => c.label().to_owned(),
        Value::Layer(id) => id.clone(),
        Value::Ids(ids) => format!("[{}]", ids.join(", ")),
        Value::Colour(c) => c.to_string(),
        Value::Optional(Some(id)) => id.clone(),
        Value::Optional(None) => "none".to_owned(),
    }
}

/// Text cut to 60 characters with an ellipsis.
fn short(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testplan::*;
    use crate::model::ControlLevel::*;

    #[test]
    fn a_moved_end_is_said_in_months() {
        let a = inv("x", "compute", "2026-01", "2026-06", 5, &[]);
        let mut b = a.clone();
        b.end = m("2026-12");
        let changes = changed_fields(a.fields(), b.fields());
        assert_eq!(changes.len(), 1);
        assert_eq!(
            changes[0].describe("EUR"),
            "end +6 months (2026-06 → 2026-12)"
        );
    }

    #[test]
    fn a_smaller_budget_is_said_in_millions_with_a_minus() {
        let a = inv("x", "compute", "2026-01", "2026-06", 120_000_000, &[]);
        let mut b = a.clone();
        b.budget = 100_000_000;
        let changes = changed_fields(a.fields(), b.fields());
        assert_eq!(
            changes[0].describe("EUR"),
            "budget −€20.0 M (€120.0 M → €100.0 M)"
        );
    }

    #[test]
    fn control_and_layer_changes_name_both_values() {
        let a = dep("llm", "compute", Licensed, 5);
        let mut b = a.clone();
        b.control = Domestic;
        b.layer = "chips".into();
        let said: Vec<String> = changed_fields(a.fields(), b.fields())
            .iter()
            .map(|c| c.describe("EUR"))
            .collect();
        assert_eq!(
            said,
            ["layer compute → chips", "control Licensed → Domestic"]
        );
    }

    #[test]
    fn list_changes_name_the_ids_added_and_removed() {
        let a = ms("m", "models", "2026-05", &["x", "y"], &[], &[]);
        let b = ms("m", "models", "2026-05", &["y", "z"], &[], &[]);
        let changes = changed_fields(a.fields(), b.fields());
        assert_eq!(changes[0].describe("EUR"), "needs +z −x");
    }

    #[test]
    fn identical_items_have_no_changed_fields() {
        let a = inv("x", "compute", "2026-01", "2026-06", 5, &["y"]);
        assert!(changed_fields(a.fields(), a.clone().fields()).is_empty());
    }

    #[test]
    fn money_uses_the_currency_sign_or_code() {
        assert_eq!(money_symbol(1_250_000_000, "USD"), "$1.25 bn");
        assert_eq!(money_symbol(950, "CHF"), "950 CHF");
        assert_eq!(signed_money_symbol(6_000_000, "EUR"), "+€6.0 M");
    }
}
