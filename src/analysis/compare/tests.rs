//! Hand-made pairs of plans whose differences were worked out by hand.

use super::*;
use crate::analysis::Trade;
use crate::analysis::testplan::*;
use crate::model::ControlLevel::*;

/// Over 2026: gpus (compute, 4) never removed; cloud (compute, 2) removed by `own-cloud`
/// in 2026-07, which needs `dc` (2026-01..2026-06, 1200).
fn base() -> Roadmap {
    let mut plan = plan();
    plan.dependencies = vec![
        dep("gpus", "compute", BlackBox, 4).into(),
        dep("cloud", "compute", Licensed, 2).into(),
    ];
    plan.investments = vec![inv("dc", "compute", "2026-01", "2026-06", 1200, &[]).into()];
    plan.milestones = vec![ms("own-cloud", "compute", "2026-07", &["dc"], &["cloud"], &[]).into()];
    plan
}

fn run(a: &Roadmap, b: &Roadmap) -> Comparison {
    compare(a, b, &Options::default())
}

#[test]
fn a_plan_compared_with_itself_is_the_same() {
    let c = run(&base(), &base());
    assert!(c.is_same());
    assert!(c.sections().is_empty());
}

#[test]
fn a_changed_field_is_listed_under_its_item() {
    let mut b = base();
    b.investments[0].budget = 1500;
    let c = run(&base(), &b);
    assert_eq!(c.items.len(), 1);
    assert_eq!(c.items[0].id, "dc");
    assert_eq!(c.items[0].change, Change::Changed);
    assert_eq!(c.items[0].fields[0].field, "budget");
    assert!(!c.is_same());
}

#[test]
fn items_on_one_side_only_are_added_or_removed() {
    let mut b = base();
    b.investments[0].id = "dc-2".into();
    let c = run(&base(), &b);
    let said: Vec<(&str, Change)> = c.items.iter().map(|d| (d.id.as_str(), d.change)).collect();
    assert_eq!(said, [("dc", Change::Removed), ("dc-2", Change::Added)]);
}

#[test]
fn an_investment_moved_whole_is_said_once_as_a_move() {
    let mut b = base();
    b.investments[0].start = m("2026-04");
    b.investments[0].end = m("2026-09");
    let c = run(&base(), &b);
    assert_eq!(
        words::describe_fields(&c.items[0], "EUR"),
        "moved +3 months"
    );
}

#[test]
fn a_milestone_moved_earlier_retires_its_dependency_earlier() {
    // own-cloud 2026-07 → 2026-04: cloud is retired 3 months earlier.
    let mut b = base();
    b.milestones[0].month = m("2026-04");
    let c = run(&base(), &b);
    let r = &c.consequences.retirements;
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].dependency, "cloud");
    assert_eq!(r[0].shift, Shift::Earlier);
    assert_eq!(r[0].months, Some(-3));
    assert_eq!((r[0].a, r[0].b), (Some(m("2026-07")), Some(m("2026-04"))));
}

#[test]
fn a_dependency_b_never_removes_is_no_longer_retired() {
    let mut b = base();
    b.milestones[0].removes.clear();
    let c = run(&base(), &b);
    let r = &c.consequences.retirements[0];
    assert_eq!((r.dependency.as_str(), r.shift), ("cloud", Shift::NoLonger));
    assert_eq!(r.by_a.as_deref(), Some("own-cloud"));
    assert_eq!(r.b, None);
}

#[test]
fn a_dependency_only_b_removes_is_newly_retired() {
    let mut b = base();
    b.milestones[0].removes.push("gpus".into());
    let c = run(&base(), &b);
    let r = &c.consequences.retirements[0];
    assert_eq!((r.dependency.as_str(), r.shift), ("gpus", Shift::Newly));
    assert_eq!(r.b, Some(m("2026-07")));
}

#[test]
fn a_closed_replacement_in_b_is_a_trade_gained() {
    // B's own-cloud introduces a black-box service in compute instead of cloud: a trade.
    let mut b = base();
    b.dependencies
        .push(dep("region", "compute", BlackBox, 2).into());
    b.milestones[0].introduces.push("region".into());
    let c = run(&base(), &b);
    let trade = Trade {
        milestone: "own-cloud".into(),
        removed: "cloud".into(),
        introduced: "region".into(),
    };
    assert_eq!(c.consequences.trades.gained, std::slice::from_ref(&trade));
    assert!(c.consequences.trades.lost.is_empty());
    let reversed = run(&b, &base());
    assert_eq!(reversed.consequences.trades.lost, [trade]);
}

#[test]
fn exposure_months_are_the_area_under_each_curve() {
    // A: gpus 4 × 12 months + cloud 2 × 6 months (Jan–Jun) = 60.
    // B: own-cloud in 2026-04, cloud 2 × 3 months = 6: 48 + 6 = 54; difference −6.
    let mut b = base();
    b.milestones[0].month = m("2026-04");
    let e = run(&base(), &b).consequences.exposure;
    assert_eq!((e.months_a, e.months_b, e.difference), (60, 54, -6));
}

#[test]
fn exposure_is_compared_at_the_start_the_chosen_dates_and_the_end() {
    // 2026-05: A still has cloud (6), B not (4).
    let mut b = base();
    b.milestones[0].month = m("2026-04");
    let options = Options {
        at: vec![m("2026-05")],
    };
    let e = compare(&base(), &b, &options).consequences.exposure;
    assert_eq!((e.start.a, e.start.b), (6, 6));
    assert_eq!(
        e.at,
        [ExposurePoint {
            month: m("2026-05"),
            a: 6,
            b: 4,
            difference: -2
        }]
    );
    assert_eq!((e.end.month, e.end.a, e.end.b), (m("2026-12"), 4, 4));
}

#[test]
fn budget_is_compared_per_layer_per_year_and_in_total() {
    // B adds a 2026–2027 model investment of 240 over 24 months: 120 a year.
    let mut b = base();
    b.horizon.end = m("2027-12");
    b.investments
        .push(inv("lab", "models", "2026-01", "2027-12", 240, &[]).into());
    let budget = run(&base(), &b).consequences.budget;
    assert_eq!(budget.total.difference, Some(240));
    let models = budget
        .by_layer
        .iter()
        .find(|l| l.layer == "models")
        .unwrap();
    assert_eq!((models.amounts.a, models.amounts.b), (0, 240));
    let years: Vec<(i32, u64, u64)> = budget
        .by_year
        .iter()
        .map(|y| (y.year, y.amounts.a, y.amounts.b))
        .collect();
    assert_eq!(years, [(2026, 1200, 1320), (2027, 0, 120)]);
}

#[test]
fn different_currencies_are_noted_and_never_subtracted() {
    let mut b = base();
    b.currency = "USD".into();
    let c = run(&base(), &b);
    assert!(c.notices.contains(&Notice::DifferentCurrencies {
        a: "EUR".into(),
        b: "USD".into()
    }));
    assert_eq!(c.consequences.budget.total.difference, None);
    let text: Vec<String> = c
        .sections()
        .iter()
        .flat_map(|s| s.lines.iter().map(|l| l.text.clone()))
        .collect();
    assert!(
        text.iter().any(|t| t.contains("never converted")),
        "{text:?}"
    );
}

#[test]
fn different_horizons_compare_exposure_over_both() {
    // B ends in 2027-12: exposure counted 2026-01..2027-12 for both. A after its horizon:
    // gpus 4 for 12 more months = 60 + 48 = 108; B the same plan: 108.
    let mut b = base();
    b.horizon.end = m("2027-12");
    let c = run(&base(), &b);
    assert!(matches!(c.notices[0], Notice::DifferentHorizons { .. }));
    let e = &c.consequences.exposure;
    assert_eq!((e.from, e.to), (m("2026-01"), m("2027-12")));
    assert_eq!((e.months_a, e.months_b), (108, 108));
}

#[test]
fn duplicate_ids_are_reported_and_still_compared() {
    // A has dc twice; B has one dc with a new budget: the first pair is compared, the
    // second dc of A is removed.
    let mut a = base();
    a.investments.push(a.investments[0].clone());
    let mut b = base();
    b.investments[0].budget = 900;
    let c = run(&a, &b);
    assert!(c.notices.iter().any(|n| matches!(n,
        Notice::DuplicateId { kind: Kind::Investment, duplicate } if duplicate.id == "dc" && duplicate.count == 2)));
    let said: Vec<Change> = c.items.iter().map(|d| d.change).collect();
    assert_eq!(said, [Change::Changed, Change::Removed]);
}

#[test]
fn a_milestone_moved_by_a_later_investment_end_names_that_edit() {
    // dc ends 3 months later and own-cloud follows it: the cause is dc's end.
    let mut b = base();
    b.investments[0].end = m("2026-09");
    b.milestones[0].month = m("2026-10");
    let c = run(&base(), &b);
    let moved = &c.consequences.milestones[0];
    assert_eq!((moved.milestone.as_str(), moved.months), ("own-cloud", 3));
    assert_eq!(moved.causes.len(), 1);
    assert_eq!(moved.causes[0].id, "dc");
    assert!(
        moved.causes[0].edit.starts_with("end +3 months"),
        "{:?}",
        moved.causes
    );
}

#[test]
fn a_milestone_moved_by_hand_says_so() {
    let mut b = base();
    b.milestones[0].month = m("2026-11");
    let c = run(&base(), &b);
    let cause = &c.consequences.milestones[0].causes[0];
    assert_eq!(cause.id, "own-cloud");
    assert_eq!(cause.edit, "month edited directly (+4 months)");
}

#[test]
fn a_new_need_changes_the_critical_path_and_is_its_cause() {
    // B: own-cloud also needs a new investment lab, which ends 2026-08, after dc (2026-06):
    // lab now fixes the date; the causes are the new need and the added lab.
    let mut b = base();
    b.investments
        .push(inv("lab", "compute", "2026-02", "2026-08", 10, &[]).into());
    b.milestones[0].needs.push("lab".into());
    b.milestones[0].month = m("2026-09");
    let c = run(&base(), &b);
    let moved = &c.consequences.milestones[0];
    assert_eq!(moved.path_a, ["dc", "own-cloud"]);
    assert_eq!(moved.path_b, ["lab", "own-cloud"]);
    let causes: Vec<(&str, &str)> = moved
        .causes
        .iter()
        .map(|c| (c.id.as_str(), c.edit.as_str()))
        .collect();
    assert_eq!(causes, [("own-cloud", "needs +lab"), ("lab", "added")]);
}

#[test]
fn sections_put_the_consequences_before_the_items() {
    let mut b = base();
    b.milestones[0].month = m("2026-04");
    let titles: Vec<String> = run(&base(), &b)
        .sections()
        .into_iter()
        .map(|s| s.title)
        .collect();
    assert_eq!(
        titles,
        ["Retirements", "Exposure", "Milestones moved", "Milestones"]
    );
}
