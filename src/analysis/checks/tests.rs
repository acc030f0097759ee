//! Tests of the checks, on small hand-made plans.

use super::Severity::{Error, Info, Warning};
use super::*;
use crate::analysis::testplan::*;
use crate::model::ControlLevel::*;

/// A clean plan: cluster (compute, 01–03) → model work (models, 04–06, after cluster) →
/// launch (07) removes closed-llm. Both layers used; every date in order.
fn clean_plan() -> Roadmap {
    let mut plan = plan();
    plan.dependencies = vec![dep("closed-llm", "models", Licensed, 5).into()];
    plan.investments = vec![
        inv("cluster", "compute", "2026-01", "2026-03", 10, &[]).into(),
        inv("model", "models", "2026-04", "2026-06", 20, &["cluster"]).into(),
    ];
    plan.milestones = vec![
        ms(
            "launch",
            "models",
            "2026-07",
            &["model"],
            &["closed-llm"],
            &[],
        )
        .into(),
    ];
    plan.milestones[0].evidence = vec![crate::model::Evidence {
        source: "Acceptance test report".into(),
        date: m("2026-05"),
        confidence: crate::model::Confidence::Medium,
        note: String::new(),
    }];
    plan
}

fn codes(plan: &Roadmap) -> Vec<&'static str> {
    checks(plan).into_iter().map(|f| f.code.as_str()).collect()
}

fn only(plan: &Roadmap, code: &str) -> Finding {
    let found: Vec<Finding> = checks(plan)
        .into_iter()
        .filter(|f| f.code == code)
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    found.into_iter().next().unwrap()
}

#[test]
fn a_clean_plan_has_no_findings() {
    assert_eq!(codes(&clean_plan()), Vec::<&str>::new());
}

#[test]
fn cycle_is_shown_in_precedence_order() {
    // cluster after model, model after cluster: cluster → model → cluster.
    let mut plan = clean_plan();
    plan.investments[0].after = vec!["model".into()];
    let f = only(&plan, "cycle");
    assert_eq!(f.severity, Error);
    let cycle = "“Investment cluster” (cluster) → “Investment model” (model) → \
                 “Investment cluster” (cluster)";
    assert_eq!(f.message, cycle);
    assert_eq!(f.ids, ["cluster", "model"]);
    assert_eq!(f.to_string(), format!("error[cycle]: {cycle}"));
}

#[test]
fn cycle_through_a_milestone_is_found() {
    // cluster after launch; launch needs model; model after cluster.
    let mut plan = clean_plan();
    plan.investments[0].after = vec!["launch".into()];
    let f = only(&plan, "cycle");
    assert_eq!(
        f.message,
        "“Investment cluster” (cluster) → “Investment model” (model) → \
         “Milestone launch” (launch) → “Investment cluster” (cluster)"
    );
}

#[test]
fn self_link_is_a_cycle_of_one() {
    let mut plan = clean_plan();
    plan.investments[1].after.push("model".into());
    assert_eq!(
        only(&plan, "cycle").message,
        "“Investment model” (model) → “Investment model” (model)"
    );
}

#[test]
fn dangling_ids_are_unknown_ids() {
    // One in `after`, one in `needs`, one in `removes`, one layer.
    let mut plan = clean_plan();
    plan.investments[1].after.push("ghost".into());
    plan.milestones[0].needs.push("phantom".into());
    plan.milestones[0].removes.push("nothing".into());
    plan.dependencies[0].layer = "space".into();
    let found: Vec<Finding> = checks(&plan)
        .into_iter()
        .filter(|f| f.code == "unknown-id")
        .collect();
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(found.iter().all(|f| f.severity == Error));
    assert!(
        found[0].message.contains("\"space\""),
        "{}",
        found[0].message
    );
    assert!(
        found[1].message.contains("\"ghost\""),
        "{}",
        found[1].message
    );
}

#[test]
fn linking_the_wrong_kind_of_item_is_flagged() {
    // `removes` names an investment.
    let mut plan = clean_plan();
    plan.milestones[0].removes.push("cluster".into());
    let f = only(&plan, "wrong-kind");
    assert_eq!(f.ids, ["launch", "cluster"]);
    assert!(
        f.message
            .contains("which is an investment, not a dependency"),
        "{}",
        f.message
    );
}

#[test]
fn duplicate_ids_across_kinds_are_reported_once() {
    // A milestone and an investment share "cluster"; a third item too.
    let mut plan = clean_plan();
    plan.milestones
        .push(ms("cluster", "compute", "2026-08", &[], &[], &[]).into());
    plan.milestones
        .push(ms("cluster", "compute", "2026-09", &[], &[], &[]).into());
    let f = only(&plan, "duplicate-id");
    assert_eq!(f.ids, ["cluster"]);
    assert!(f.message.contains("3 items"), "{}", f.message);
}

#[test]
fn investment_ending_before_it_starts() {
    let mut plan = clean_plan();
    plan.investments[0].end = m("2025-12");
    let f = only(&plan, "end-before-start");
    assert_eq!(f.ids, ["cluster"]);
    assert_eq!(
        f.message,
        "investment “Investment cluster” (cluster) ends (2025-12) before it starts (2026-01)"
    );
    assert_eq!(
        f.sentence(),
        "Investment “Investment cluster” (cluster) ends (2025-12) before it starts (2026-01)."
    );
}

#[test]
fn an_item_without_a_title_is_named_by_its_id() {
    let mut plan = clean_plan();
    plan.investments[0].title = " ".into();
    plan.investments[0].end = m("2025-12");
    let f = only(&plan, "end-before-start");
    assert_eq!(
        f.message,
        "investment cluster ends (2025-12) before it starts (2026-01)"
    );
}

#[test]
fn items_outside_the_horizon_are_warned() {
    let mut plan = clean_plan();
    plan.milestones[0].month = m("2027-02");
    let f = only(&plan, "outside-horizon");
    assert_eq!(
        (f.severity, f.ids.as_slice()),
        (Warning, ["launch".to_owned()].as_slice())
    );
}

#[test]
fn milestone_before_a_needed_investment_ends() {
    // launch 2026-05 needs model, which ends 2026-06.
    let mut plan = clean_plan();
    plan.milestones[0].month = m("2026-05");
    let f = only(&plan, "needs-not-done");
    assert_eq!(f.ids, ["launch", "model"]);
    assert!(f.message.contains("2026-06"), "{}", f.message);
}

#[test]
fn milestone_in_the_month_its_need_ends_is_fine() {
    let mut plan = clean_plan();
    plan.milestones[0].month = m("2026-06");
    assert!(!codes(&plan).contains(&"needs-not-done"));
}

#[test]
fn investment_starting_before_its_after_ends() {
    // model starts 2026-03, the month cluster still runs.
    let mut plan = clean_plan();
    plan.investments[1].start = m("2026-03");
    let f = only(&plan, "starts-before-after");
    assert_eq!(f.ids, ["model", "cluster"]);
}

#[test]
fn dependency_never_removed_is_info() {
    let mut plan = clean_plan();
    plan.dependencies
        .push(dep("cloud", "compute", BlackBox, 2).into());
    let f = only(&plan, "never-removed");
    assert_eq!(
        (f.severity, f.ids.as_slice()),
        (Info, ["cloud".to_owned()].as_slice())
    );
}

#[test]
fn empty_titles_are_warned() {
    let mut plan = clean_plan();
    plan.investments[0].title = "  ".into();
    let f = only(&plan, "empty-title");
    assert_eq!(
        (f.severity, f.ids.as_slice()),
        (Warning, ["cluster".to_owned()].as_slice())
    );
}

#[test]
fn layer_without_items_is_info() {
    let mut plan = clean_plan();
    plan.layers.push(crate::model::default_layers().remove(0)); // chips, unused
    let f = only(&plan, "empty-layer");
    assert_eq!(
        (f.severity, f.ids.as_slice()),
        (Info, ["chips".to_owned()].as_slice())
    );
}

#[test]
fn criticality_outside_one_to_five() {
    let mut plan = clean_plan();
    plan.dependencies[0].criticality = 0;
    assert_eq!(only(&plan, "criticality").ids, ["closed-llm"]);
    plan.dependencies[0].criticality = 6;
    assert_eq!(only(&plan, "criticality").ids, ["closed-llm"]);
}

#[test]
fn trade_is_a_warning_naming_both_dependencies() {
    let mut plan = clean_plan();
    plan.dependencies
        .push(dep("api-llm", "models", BlackBox, 4).into());
    plan.milestones[0].introduces.push("api-llm".into());
    let f = only(&plan, "trade");
    assert_eq!(f.severity, Warning);
    assert_eq!(f.ids, ["launch", "closed-llm", "api-llm"]);
    assert!(
        f.message.starts_with(
            "milestone “Milestone launch” (launch) removes “Dependency closed-llm” \
             (closed-llm) [Licensed] but introduces “Dependency api-llm” (api-llm) [Black box]"
        ),
        "{}",
        f.message
    );
}

#[test]
fn removal_before_introduction_is_warned() {
    // launch (07) removes api-llm, which `late` introduces in 2026-09.
    let mut plan = clean_plan();
    plan.dependencies
        .push(dep("api-llm", "models", BlackBox, 4).into());
    plan.milestones[0].removes.push("api-llm".into());
    plan.milestones
        .push(ms("late", "models", "2026-09", &[], &[], &["api-llm"]).into());
    assert_eq!(
        only(&plan, "removed-before-introduced").ids,
        ["launch", "api-llm"]
    );
}

#[test]
fn unknown_jurisdiction_is_an_info() {
    let mut plan = clean_plan();
    plan.dependencies[0].jurisdiction = "  ".into();
    let f = only(&plan, "unknown-jurisdiction");
    assert_eq!(
        (f.severity, f.ids.as_slice()),
        (Info, &["closed-llm".to_owned()][..])
    );
}

#[test]
fn removing_a_critical_dependency_without_evidence_is_an_info() {
    let mut plan = clean_plan();
    plan.milestones[0].evidence.clear();
    let f = only(&plan, "removal-without-evidence");
    assert_eq!(f.severity, Info);
    assert_eq!(f.ids, ["launch", "closed-llm"]);
    // Criticality 3 needs no evidence.
    plan.dependencies[0].criticality = 3;
    assert!(!codes(&plan).contains(&"removal-without-evidence"));
}

#[test]
fn assessment_level_above_4_is_an_error() {
    let mut plan = clean_plan();
    plan.dependencies[0].assessment = vec![crate::model::Assessment {
        objective: "legal".into(),
        level: 7,
        evidence: Vec::new(),
    }];
    assert_eq!(only(&plan, "assessment-level").severity, Error);
}

#[test]
fn errors_come_before_warnings_and_infos() {
    let mut plan = clean_plan();
    plan.dependencies
        .push(dep("cloud", "compute", BlackBox, 2).into()); // info
    plan.investments[0].title.clear(); // warning
    plan.investments[1].after.push("ghost".into()); // error
    let severities: Vec<Severity> = checks(&plan).iter().map(|f| f.severity).collect();
    assert_eq!(severities, [Error, Warning, Info]);
}

#[test]
fn hostile_plan_does_not_panic() {
    // Empty ids, self-links everywhere, duplicates and an inverted horizon.
    let mut plan = clean_plan();
    plan.horizon.end = m("2020-01");
    plan.investments
        .push(inv("", "", "2026-01", "2026-01", u64::MAX, &["", "x", "x"]).into());
    plan.milestones
        .push(ms("x", "x", "2026-01", &["x", "x"], &["x"], &["x"]).into());
    let found = checks(&plan);
    assert!(found.iter().any(|f| f.code == "empty-id"));
    assert!(
        found
            .iter()
            .any(|f| f.code == "cycle" && f.message == "“Milestone x” (x) → “Milestone x” (x)")
    );
    assert!(
        found
            .iter()
            .any(|f| f.code == "end-before-start" && f.ids.is_empty())
    );
}
