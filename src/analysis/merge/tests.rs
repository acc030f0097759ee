//! Hand-made merges, one behaviour each.

use super::*;
use crate::analysis::testplan::*;
use crate::model::{Assessment, Colour, Confidence, ControlLevel, Evidence, Stop};

/// Two investments ("a" then "b" after "a") and a milestone needing "b".
fn base() -> Roadmap {
    let mut plan = plan();
    plan.dependencies = vec![dep("llm", "models", ControlLevel::Licensed, 4).into()];
    plan.investments = vec![
        inv("a", "compute", "2026-01", "2026-03", 10, &[]).into(),
        inv("b", "compute", "2026-04", "2026-06", 20, &["a"]).into(),
    ];
    plan.milestones = vec![ms("m", "models", "2026-08", &["b"], &["llm"], &[]).into()];
    plan
}

fn ids<T: Item>(items: &[T]) -> Vec<&str> {
    items.iter().map(Item::key).collect()
}

#[test]
fn untouched_plans_merge_to_the_base() {
    let merged = merge(&base(), &base(), &base());
    assert_eq!(merged.plan, base());
    assert!(merged.is_clean() && merged.problems.is_empty());
}

#[test]
fn a_change_on_one_side_is_taken() {
    let mut theirs = base();
    theirs.investments[1].end = m("2026-07");
    let merged = merge(&base(), &base(), &theirs);
    assert_eq!(merged.plan, theirs);
    assert!(merged.is_clean());
}

#[test]
fn the_same_change_on_both_sides_is_no_conflict() {
    let mut changed = base();
    changed.milestones[0].title = "Own model".into();
    let merged = merge(&base(), &changed, &changed);
    assert_eq!(merged.plan, changed);
    assert!(merged.is_clean());
}

#[test]
fn different_fields_of_one_item_both_arrive() {
    let (mut ours, mut theirs) = (base(), base());
    ours.investments[0].title = "Cluster".into();
    theirs.investments[0].budget = 99;
    let merged = merge(&base(), &ours, &theirs);
    assert_eq!(merged.plan.investments[0].title, "Cluster");
    assert_eq!(merged.plan.investments[0].budget, 99);
    assert!(merged.is_clean());
}

#[test]
fn one_field_changed_differently_is_a_conflict_that_keeps_ours() {
    let (mut ours, mut theirs) = (base(), base());
    ours.investments[1].end = m("2026-09");
    theirs.investments[1].end = m("2026-12");
    let merged = merge(&base(), &ours, &theirs);
    assert_eq!(merged.plan.investments, ours.investments);
    assert_eq!(merged.plan.conflicts, merged.conflicts);
    assert_eq!(
        merged.conflicts,
        [Conflict {
            kind: ConflictKind::Investment,
            id: "b".into(),
            field: "end".into(),
            base: "2026-06".into(),
            ours: "2026-09".into(),
            theirs: "2026-12".into(),
        }]
    );
}

#[test]
fn conflicts_a_side_still_had_stay_in_the_plan() {
    let (mut ours, mut theirs) = (base(), base());
    ours.investments[1].end = m("2026-09");
    theirs.investments[1].end = m("2026-12");
    let first = merge(&base(), &ours, &theirs).plan;
    let mut theirs = base();
    theirs.title = "New title".into();
    let merged = merge(&base(), &first, &theirs);
    assert!(merged.is_clean());
    assert_eq!(merged.plan.conflicts, first.conflicts);
    assert_eq!(merged.plan.title, "New title");
}

#[test]
fn resolving_a_conflict_takes_it_off_the_plan() {
    let (mut ours, mut theirs) = (base(), base());
    ours.title = "Ours".into();
    theirs.title = "Theirs".into();
    let merged = merge(&base(), &ours, &theirs);
    let mut plan = merged.plan.clone();
    resolve(
        &mut plan,
        &merged.conflicts[0],
        &Choice::Value("Both".into()),
    )
    .unwrap();
    assert!(plan.conflicts.is_empty());
    assert_eq!(plan.title, "Both");
}

#[test]
fn additions_on_both_sides_come_ours_first_then_theirs_in_order() {
    let (mut ours, mut theirs) = (base(), base());
    ours.investments
        .push(inv("o1", "compute", "2026-01", "2026-02", 1, &[]).into());
    theirs
        .investments
        .push(inv("t1", "compute", "2026-01", "2026-02", 1, &[]).into());
    theirs
        .investments
        .insert(0, inv("t0", "compute", "2026-01", "2026-02", 1, &[]).into());
    let merged = merge(&base(), &ours, &theirs);
    assert_eq!(ids(&merged.plan.investments), ["a", "b", "o1", "t0", "t1"]);
    assert!(merged.is_clean());
}

#[test]
fn an_item_deleted_on_one_side_and_untouched_on_the_other_is_gone() {
    let mut theirs = base();
    theirs.dependencies.clear();
    theirs.milestones[0].removes.clear();
    let merged = merge(&base(), &base(), &theirs);
    assert_eq!(merged.plan, theirs);
    assert!(merged.is_clean());
}

#[test]
fn deleted_by_them_and_changed_by_us_is_a_conflict_that_keeps_our_item() {
    let (mut ours, mut theirs) = (base(), base());
    ours.investments[0].budget = 15;
    theirs.investments.remove(0);
    let merged = merge(&base(), &ours, &theirs);
    assert_eq!(ids(&merged.plan.investments), ["a", "b"]);
    let [conflict] = merged.conflicts.as_slice() else {
        panic!("one conflict expected: {:?}", merged.conflicts);
    };
    assert!(conflict.is_whole_item() && conflict.theirs.is_empty());
    assert_eq!(
        conflict.to_string(),
        "investment a: changed by us, deleted by them"
    );
}

#[test]
fn deleted_by_us_and_changed_by_them_stays_deleted_with_their_item_kept_in_the_conflict() {
    let (mut ours, mut theirs) = (base(), base());
    ours.investments.remove(0);
    theirs.investments[0].budget = 15;
    let merged = merge(&base(), &ours, &theirs);
    assert_eq!(ids(&merged.plan.investments), ["b"]);
    let [conflict] = merged.conflicts.as_slice() else {
        panic!("one conflict expected: {:?}", merged.conflicts);
    };
    assert!(conflict.ours.is_empty());
    let kept: crate::model::Investment = ron::from_str(&conflict.theirs).unwrap();
    assert_eq!(kept, *theirs.investments[0]);
}

#[test]
fn id_lists_merge_as_sets() {
    let (mut ours, mut theirs) = (base(), base());
    ours.investments[1].after = vec!["a".into(), "x".into()];
    theirs.investments[1].after = vec!["y".into()];
    let merged = merge(&base(), &ours, &theirs);
    assert_eq!(merged.plan.investments[1].after, ["x", "y"]);
    assert!(merged.is_clean());
}

#[test]
fn plan_title_changed_differently_is_a_plan_conflict() {
    let (mut ours, mut theirs) = (base(), base());
    ours.title = "Ours".into();
    theirs.title = "Theirs".into();
    let merged = merge(&base(), &ours, &theirs);
    assert_eq!(merged.plan.title, "Ours");
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].to_string(), "plan: title");
    assert_eq!(merged.conflicts[0].theirs, "Theirs");
}

#[test]
fn horizon_start_and_end_merge_separately() {
    let (mut ours, mut theirs) = (base(), base());
    ours.horizon.start = m("2025-07");
    theirs.horizon.end = m("2030-12");
    let merged = merge(&base(), &ours, &theirs);
    assert_eq!(merged.plan.horizon.start, m("2025-07"));
    assert_eq!(merged.plan.horizon.end, m("2030-12"));
    assert!(merged.is_clean());
}

fn stop(title: &str, notes: &str) -> Stop {
    Stop {
        title: title.into(),
        from: m("2026-01"),
        to: m("2026-12"),
        layers: Vec::new(),
        focus: None,
        notes: notes.into(),
        view: crate::model::StopView::Chart,
    }
}

#[test]
fn stops_are_matched_by_title() {
    let mut base = base();
    base.stops = vec![stop("Start", "")];
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.stops[0].notes = "Say hello".into();
    theirs.stops.push(stop("End", ""));
    theirs.stops[0].focus = Some("m".into());
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(merged.plan.stops.len(), 2);
    assert_eq!(merged.plan.stops[0].notes, "Say hello");
    assert_eq!(merged.plan.stops[0].focus.as_deref(), Some("m"));
    assert!(merged.is_clean());
}

#[test]
fn the_same_id_added_on_both_sides_merges_its_fields_without_a_base() {
    let (mut ours, mut theirs) = (base(), base());
    ours.investments
        .push(inv("new", "compute", "2026-01", "2026-02", 1, &[]).into());
    theirs
        .investments
        .push(inv("new", "compute", "2026-01", "2026-05", 1, &[]).into());
    let merged = merge(&base(), &ours, &theirs);
    assert_eq!(ids(&merged.plan.investments), ["a", "b", "new"]);
    let [conflict] = merged.conflicts.as_slice() else {
        panic!("one conflict expected: {:?}", merged.conflicts);
    };
    assert_eq!(
        (conflict.field.as_str(), conflict.base.as_str()),
        ("end", "")
    );
}

#[test]
fn a_recoloured_layer_is_taken() {
    let mut theirs = base();
    theirs.layers[0].colour = Colour::rgb(1, 2, 3);
    let merged = merge(&base(), &base(), &theirs);
    assert_eq!(merged.plan.layers[0].colour, Colour::rgb(1, 2, 3));
}

#[test]
fn a_cycle_made_by_two_clean_edits_is_a_merge_problem() {
    let mut base = base();
    base.investments
        .push(inv("c", "compute", "2026-07", "2026-07", 1, &[]).into());
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.investments[0].after = vec!["c".into()];
    theirs.investments[2].after = vec!["b".into()];
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.is_clean());
    let codes: Vec<&str> = merged.problems.iter().map(|f| f.code.as_str()).collect();
    assert!(codes.contains(&"cycle"), "{codes:?}");
}

#[test]
fn a_link_to_an_item_the_other_side_deleted_is_a_merge_problem() {
    let (mut ours, mut theirs) = (base(), base());
    ours.investments
        .push(inv("d", "compute", "2026-07", "2026-07", 1, &["a"]).into());
    theirs.investments.remove(0);
    theirs.investments[0].after.clear();
    let merged = merge(&base(), &ours, &theirs);
    assert!(merged.is_clean());
    assert_eq!(merged.problems.len(), 1, "{:?}", merged.problems);
    assert_eq!(merged.problems[0].code, "unknown-id");
    assert_eq!(merged.problems[0].ids, ["d"]);
}

#[test]
fn a_milestone_moved_before_a_need_the_other_side_extended_is_a_merge_problem() {
    let (mut ours, mut theirs) = (base(), base());
    ours.milestones[0].month = m("2026-07");
    theirs.investments[1].end = m("2026-08");
    let merged = merge(&base(), &ours, &theirs);
    assert!(merged.is_clean());
    assert_eq!(merged.problems.len(), 1, "{:?}", merged.problems);
    assert!(merged.problems[0].ids.contains(&"m".to_owned()));
}

#[test]
fn an_error_one_side_already_had_is_not_a_merge_problem() {
    let mut ours = base();
    ours.milestones[0].needs.push("nowhere".into());
    let merged = merge(&base(), &ours, &base());
    assert!(!checks(&merged.plan).is_empty());
    assert!(merged.problems.is_empty(), "{:?}", merged.problems);
}

#[test]
fn taking_theirs_sets_their_value_and_keeping_ours_changes_nothing() {
    let (mut ours, mut theirs) = (base(), base());
    ours.investments[1].end = m("2026-09");
    theirs.investments[1].end = m("2026-12");
    let merged = merge(&base(), &ours, &theirs);
    let mut plan = merged.plan.clone();
    resolve(&mut plan, &merged.conflicts[0], &Choice::Ours).unwrap();
    assert_eq!(plan, ours);
    resolve(&mut plan, &merged.conflicts[0], &Choice::Theirs).unwrap();
    assert_eq!(plan, theirs);
}

#[test]
fn a_typed_value_that_does_not_fit_the_field_is_refused() {
    let (mut ours, mut theirs) = (base(), base());
    ours.investments[1].budget = 1;
    theirs.investments[1].budget = 2;
    let merged = merge(&base(), &ours, &theirs);
    let mut plan = merged.plan.clone();
    let err = resolve(
        &mut plan,
        &merged.conflicts[0],
        &Choice::Value("lots".into()),
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("investment b: budget"), "{err}");
    assert_eq!(plan, merged.plan);
    resolve(&mut plan, &merged.conflicts[0], &Choice::Value("3".into())).unwrap();
    assert_eq!(plan.investments[1].budget, 3);
}

#[test]
fn taking_theirs_restores_an_item_we_deleted() {
    let (mut ours, mut theirs) = (base(), base());
    ours.investments.remove(0);
    theirs.investments[0].budget = 15;
    let merged = merge(&base(), &ours, &theirs);
    let mut plan = merged.plan.clone();
    resolve(&mut plan, &merged.conflicts[0], &Choice::Theirs).unwrap();
    assert_eq!(ids(&plan.investments), ["b", "a"]);
    assert_eq!(plan.investments[1].budget, 15);
}

#[test]
fn the_current_value_is_ours_until_resolved_then_what_was_chosen() {
    let (mut ours, mut theirs) = (base(), base());
    ours.investments[1].end = m("2026-09");
    theirs.investments[1].end = m("2026-12");
    ours.horizon.end = m("2027-12");
    theirs.horizon.end = m("2028-12");
    let merged = merge(&base(), &ours, &theirs);
    let mut plan = merged.plan.clone();
    let texts = |plan: &Roadmap| -> Vec<Option<String>> {
        merged
            .conflicts
            .iter()
            .map(|c| current_value(plan, c))
            .collect()
    };
    assert_eq!(
        texts(&plan),
        [Some("2027-12".to_owned()), Some("2026-09".to_owned())]
    );
    for conflict in &merged.conflicts {
        resolve(&mut plan, conflict, &Choice::Theirs).unwrap();
    }
    assert_eq!(
        texts(&plan),
        [Some("2028-12".to_owned()), Some("2026-12".to_owned())]
    );
    plan.investments.remove(1);
    assert_eq!(current_value(&plan, &merged.conflicts[1]), None);
}

#[test]
fn the_current_value_of_a_whole_item_is_its_ron_or_empty() {
    let (mut ours, mut theirs) = (base(), base());
    ours.investments.remove(0);
    theirs.investments[0].budget = 15;
    let merged = merge(&base(), &ours, &theirs);
    let conflict = &merged.conflicts[0];
    assert_eq!(current_value(&merged.plan, conflict).as_deref(), Some(""));
    let mut plan = merged.plan.clone();
    resolve(&mut plan, conflict, &Choice::Theirs).unwrap();
    assert_eq!(
        current_value(&plan, conflict),
        Some(conflict.theirs.clone())
    );
}

#[test]
fn a_plan_field_is_resolved_like_an_item_field() {
    let (mut ours, mut theirs) = (base(), base());
    ours.horizon.end = m("2027-12");
    theirs.horizon.end = m("2028-12");
    let merged = merge(&base(), &ours, &theirs);
    assert_eq!(merged.conflicts[0].field, "horizon.end");
    let mut plan = merged.plan.clone();
    resolve(&mut plan, &merged.conflicts[0], &Choice::Theirs).unwrap();
    assert_eq!(plan.horizon.end, m("2028-12"));
    assert_eq!(plan.investments, ours.investments);
}

/// `item` with every field from `other`, one field at a time, for each field the serde form
/// has: ours takes one field of `other`, theirs all the others, and the merge must be
/// `other`. No field of any kind can be left out of the merge.
fn every_field_merges_on_its_own<T>(item: &T, other: &T)
where
    T: Item + Clone + PartialEq + std::fmt::Debug + Serialize + DeserializeOwned,
{
    let (from, to) = (
        serde_json::to_value(item).unwrap(),
        serde_json::to_value(other).unwrap(),
    );
    let keys: Vec<&String> = from.as_object().unwrap().keys().collect();
    for key in &keys {
        assert_ne!(
            from[key.as_str()],
            to[key.as_str()],
            "field {key} unchanged"
        );
        let mut ours = from.clone();
        ours[key.as_str()] = to[key.as_str()].clone();
        let mut theirs = to.clone();
        theirs[key.as_str()] = from[key.as_str()].clone();
        let ours: T = serde_json::from_value(ours).unwrap();
        let theirs: T = serde_json::from_value(theirs).unwrap();
        let mut conflicts = Vec::new();
        let merged = merge_item(
            ConflictKind::Layer,
            "x",
            Some(item),
            &ours,
            &theirs,
            &mut conflicts,
        );
        assert_eq!(&merged, other, "field {key}");
        assert!(conflicts.is_empty(), "field {key}: {conflicts:?}");
    }
}

#[test]
fn every_field_of_every_kind_takes_part_in_the_merge() {
    let a = base();
    every_field_merges_on_its_own(&a.layers[0], &changed_everywhere(&a.layers[0]));
    let evidence = Evidence {
        source: "Contract".into(),
        date: m("2026-02"),
        confidence: Confidence::Medium,
        note: "Signed".into(),
    };
    let mut dependency = a.dependencies[0].clone();
    dependency.evidence = vec![evidence.clone()];
    dependency.assessment = vec![Assessment {
        objective: "legal".into(),
        level: 1,
        evidence: vec![evidence.clone()],
    }];
    every_field_merges_on_its_own(&dependency, &changed_everywhere(&dependency));
    let investment = &a.investments[1];
    every_field_merges_on_its_own(investment, &changed_everywhere(investment));
    let mut milestone = a.milestones[0].clone();
    milestone.evidence = vec![evidence];
    every_field_merges_on_its_own(&milestone, &changed_everywhere(&milestone));
    let first = stop("S", "");
    every_field_merges_on_its_own(&first, &changed_everywhere(&first));

    let header = Header::of(&a);
    let changed = changed_everywhere(&header);
    let (mut ours, mut theirs) = (header.clone(), changed.clone());
    (ours.title, theirs.title) = (changed.title.clone(), header.title.clone());
    (ours.horizon.end, theirs.horizon.end) = (changed.horizon.end, header.horizon.end);
    let mut conflicts = Vec::new();
    let merged = merge_item(
        ConflictKind::Plan,
        "",
        Some(&header),
        &ours,
        &theirs,
        &mut conflicts,
    );
    assert_eq!(merged, changed);
    assert!(conflicts.is_empty());
}

/// `item` with every field changed to another valid value of its type, lists given one more
/// element.
fn changed_everywhere<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(
    item: &T,
) -> T {
    let changed: T = serde_json::from_value(change(&serde_json::to_value(item).unwrap())).unwrap();
    assert_ne!(&changed, item);
    changed
}

/// Another valid value of the same shape: months, colours, levels and numbers stay valid.
fn change(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::{Value, json};
    match value {
        Value::String(s) if s.len() == 7 && s.as_bytes()[4] == b'-' => json!("2026-11"),
        Value::String(s) if s.starts_with('#') => json!("#010203"),
        Value::String(s) if s == "Licensed" => json!("Domestic"),
        Value::String(s) if s == "Medium" => json!("High"),
        Value::String(s) => json!(format!("{s} changed")),
        Value::Number(n) => json!(n.as_u64().unwrap_or(0) % 3 + 2),
        Value::Array(list) => {
            let mut list = list.clone();
            list.push(list.first().map_or(json!("extra"), change));
            Value::Array(list)
        }
        Value::Null => json!("focus"),
        Value::Object(fields) => {
            Value::Object(fields.iter().map(|(k, v)| (k.clone(), change(v))).collect())
        }
        other => other.clone(),
    }
}

#[test]
fn an_unresolved_conflict_is_an_error_of_the_plan() {
    let (mut ours, mut theirs) = (base(), base());
    ours.investments[1].end = m("2026-09");
    theirs.investments[1].end = m("2026-12");
    let merged = merge(&base(), &ours, &theirs);
    let errors: Vec<String> = checks(&merged.plan)
        .iter()
        .filter(|f| f.code == "merge-conflict")
        .map(|f| format!("{}: {:?}", f.message, f.ids))
        .collect();
    assert_eq!(
        errors,
        [
            "unresolved merge conflict: investment b: end (ours “2026-09”, theirs “2026-12”): [\"b\"]"
        ]
    );
}
