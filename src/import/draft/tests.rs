//! Tests of building a plan from a draft.

use super::*;
use crate::import::ImportReport;

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

fn task(key: &str, title: &str, start: &str, end: &str) -> Task {
    Task {
        key: key.into(),
        title: title.into(),
        place: format!("task \"{title}\""),
        start: date(start),
        end: date(end),
        ..Task::default()
    }
}

#[test]
fn slugs_are_readable_and_keep_any_script() {
    assert_eq!(
        slug("National GPU cluster, phase 1"),
        "national-gpu-cluster-phase-1"
    );
    assert_eq!(slug("  --  "), "item");
    assert_eq!(slug("国家模型"), "国家模型");
}

#[test]
fn summaries_become_layers_and_links_become_after_and_needs() {
    let mut phase = task("1", "Compute", "2026-01-01", "2027-12-31");
    phase.kind = Kind::Summary;
    let mut a = task("2", "Cluster", "2026-01-05", "2026-12-20");
    a.parent = Some(0);
    a.cost = Some(1234.5);
    let mut b = task("3", "Cluster", "2027-01-05", "2027-06-20");
    b.parent = Some(0);
    let mut m = task("4", "Live", "2027-07-01", "2027-07-01");
    m.parent = Some(0);
    m.kind = Kind::Milestone;
    let draft = Draft {
        title: "T".into(),
        tasks: vec![phase, a, b, m],
        links: vec![
            Link {
                from: "2".into(),
                to: "3".into(),
                ..Link::default()
            },
            Link {
                from: "3".into(),
                to: "4".into(),
                kind: LinkKind::StartStart,
                lag: Lag::days(-2.0),
            },
        ],
        ..Draft::default()
    };
    let mut report = ImportReport::default();
    let plan = build(draft, &mut report);
    assert_eq!(plan.layers.len(), 1);
    assert_eq!(
        plan.layers[0].id, "compute",
        "a default layer's name keeps its id"
    );
    let ids: Vec<_> = plan.investments.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["cluster", "cluster-2"]);
    assert_eq!(plan.investments[0].budget, 1235);
    assert_eq!(plan.investments[1].after, ["cluster"]);
    assert_eq!(plan.milestones[0].needs, ["cluster-2"]);
    assert_eq!(plan.horizon.start.to_string(), "2026-01");
    assert_eq!(plan.horizon.end.to_string(), "2027-12");
    assert_eq!(report.approximated.len(), 1, "{report}");
    assert!(report.approximated[0].contains("start-to-start link with a lead of 2 days"));
}

#[test]
fn undated_tasks_and_unknown_links_are_named_in_the_report() {
    let draft = Draft {
        tasks: vec![
            task("1", "A", "2026-01-01", "2026-02-01"),
            task("2", "Total", "", ""),
        ],
        links: vec![Link {
            from: "9".into(),
            to: "1".into(),
            ..Link::default()
        }],
        ..Draft::default()
    };
    let mut report = ImportReport::default();
    let plan = build(draft, &mut report);
    assert_eq!(plan.investments.len(), 1);
    assert_eq!(
        plan.investments[0].layer, "chips",
        "no groups: the first default layer"
    );
    assert_eq!(report.skipped.len(), 2, "{report}");
    assert!(report.skipped[0].contains("\"Total\""));
    assert!(report.skipped[1].contains("\"9\""));
}
