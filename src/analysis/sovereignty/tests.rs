//! Tests of sovereignty over time, on small hand-made plans with answers worked out by hand.

use super::*;
use crate::analysis::testplan::{dep, inv, ms, plan};
use crate::model::{Assessment, ControlLevel::*};

fn month(text: &str) -> Month {
    text.parse().unwrap()
}

fn framework() -> Framework {
    Framework::eu_csf().unwrap()
}

/// Two layers. compute: a black box (crit 3) removed 2027-01 and a licensed one (crit 2)
/// removed 2028-01; models: an open one (crit 4) introduced 2027-06, never removed.
fn ladder() -> Roadmap {
    let mut p = plan();
    p.horizon.end = month("2030-12");
    p.dependencies = vec![
        dep("bb", "compute", BlackBox, 3).into(),
        dep("lic", "compute", Licensed, 2).into(),
        dep("open", "models", OpenForeign, 4).into(),
    ];
    p.milestones = vec![
        ms("m1", "compute", "2027-01", &[], &["bb"], &[]).into(),
        ms("m2", "compute", "2028-01", &[], &["lic"], &[]).into(),
        ms("m3", "models", "2027-06", &[], &[], &["open"]).into(),
    ];
    p
}

fn weakest(p: &Roadmap, at: &str) -> Vec<Option<(ControlLevel, String)>> {
    let a = Analysis::of(p);
    let f = framework();
    Sovereignty::new(p, &a, &f)
        .weakest_links(month(at))
        .into_iter()
        .map(|w| w.map(|w| (w.control, p.dependencies[w.dependency].id.clone())))
        .collect()
}

#[test]
fn weakest_link_per_layer_at_three_dates() {
    let p = ladder();
    // 2026-06: both compute dependencies live, the black box is weakest; models empty.
    assert_eq!(
        weakest(&p, "2026-06"),
        [Some((BlackBox, "bb".into())), None]
    );
    // 2027-06: the black box is gone, the licensed one remains; the open one arrives.
    assert_eq!(
        weakest(&p, "2027-06"),
        [
            Some((Licensed, "lic".into())),
            Some((OpenForeign, "open".into()))
        ]
    );
    // 2028-01: compute has nothing live any more.
    assert_eq!(
        weakest(&p, "2028-01"),
        [None, Some((OpenForeign, "open".into()))]
    );
}

fn with_jurisdictions(p: &mut Roadmap, names: &[&str]) {
    for (d, name) in p.dependencies.iter_mut().zip(names) {
        d.jurisdiction = (*name).to_owned();
    }
}

#[test]
fn shares_and_hhi_by_hand() {
    let mut p = ladder();
    with_jurisdictions(&mut p, &["US", "CN", "US"]);
    let a = Analysis::of(&p);
    let f = framework();
    let s = Sovereignty::new(&p, &a, &f);
    // 2026-06: US 3 of 5, CN 2 of 5: HHI = 0.36 + 0.16 = 0.52.
    let c = s.concentration(month("2026-06"));
    assert_eq!(c.exposure, 5);
    let names: Vec<(&str, u32)> = c
        .jurisdictions
        .iter()
        .map(|j| (j.name.as_str(), j.exposure))
        .collect();
    assert_eq!(names, [("US", 3), ("CN", 2)]);
    assert!((c.jurisdictions[0].share - 0.6).abs() < 1e-12);
    assert!((c.hhi - 0.52).abs() < 1e-12);
    // 2027-06: CN 2, US 4 (the open model): shares 2/6 and 4/6, HHI = 20/36.
    let c = s.concentration(month("2027-06"));
    assert_eq!(c.jurisdictions[0].name, "US");
    assert!((c.hhi - 20.0 / 36.0).abs() < 1e-12);
    // From 2028-01 only the open US model is left: HHI 1.
    assert!((s.concentration(month("2028-02")).hhi - 1.0).abs() < 1e-12);
}

#[test]
fn unknown_jurisdictions_are_grouped_and_nothing_live_is_zero() {
    let mut p = ladder();
    with_jurisdictions(&mut p, &["", " ", "EU"]);
    let a = Analysis::of(&p);
    let f = framework();
    let s = Sovereignty::new(&p, &a, &f);
    let c = s.concentration(month("2026-06"));
    assert_eq!(c.jurisdictions.len(), 1);
    assert_eq!(c.jurisdictions[0].name, UNKNOWN_JURISDICTION);
    assert_eq!(s.jurisdictions(), ["EU", UNKNOWN_JURISDICTION]);
    p.dependencies.clear();
    let a = Analysis::of(&p);
    let empty = Sovereignty::new(&p, &a, &f).concentration(month("2026-06"));
    assert_eq!((empty.exposure, empty.hhi), (0, 0.0));
}

#[test]
fn shock_with_a_never_removed_dependency() {
    let mut p = ladder();
    with_jurisdictions(&mut p, &["US", "US", "US"]);
    p.investments = vec![
        inv("gpu", "compute", "2026-01", "2027-12", 10, &[]).into(),
        inv("done", "compute", "2026-01", "2026-12", 10, &[]).into(),
        inv("train", "models", "2027-01", "2029-12", 10, &["gpu"]).into(),
    ];
    p.milestones
        .push(ms("model-live", "models", "2030-01", &["train"], &[], &[]).into());
    p.milestones
        .push(ms("early", "compute", "2026-12", &["gpu"], &[], &[]).into());
    p.milestones
        .push(ms("old-work", "compute", "2028-06", &["done"], &[], &[]).into());
    let a = Analysis::of(&p);
    let f = framework();
    let s = Sovereignty::new(&p, &a, &f);
    let shock = s.shock(&Cutoff::Jurisdiction("us".into()), month("2027-08"));
    // Live in 2027-08: lic (removed 2028-01, 5 months away) and open (never removed:
    // 2027-08 … 2030-12 of the test horizon is 41 months).
    assert_eq!(
        shock.cut,
        [
            CutDependency {
                id: "lic".into(),
                removed_in: Some(month("2028-01")),
                months_exposed: 5
            },
            CutDependency {
                id: "open".into(),
                removed_in: None,
                months_exposed: 41
            },
        ]
    );
    assert_eq!(shock.exposure_cut, 6);
    assert_eq!(shock.layers_hit, ["compute", "models"]);
    // model-live needs train (models, unfinished) and gpu through `after`; "early" is
    // already past; "old-work" needs only an investment finished before the cut.
    assert_eq!(shock.milestones_at_risk, ["model-live"]);
    let none = s.shock(&Cutoff::Jurisdiction("CN".into()), month("2027-08"));
    assert!(none.cut.is_empty() && none.layers_hit.is_empty());
    assert!(none.milestones_at_risk.is_empty());
    let vendor = s.shock(&Cutoff::Controller("vendor".into()), month("2026-02"));
    assert_eq!(vendor.exposure_cut, 5, "bb and lic; open is not live yet");
}

#[test]
fn summary_from_now_to_the_end() {
    let mut p = ladder();
    with_jurisdictions(&mut p, &["US", "CN", "US"]);
    p.dependencies[1].controller = "Other".into();
    let a = Analysis::of(&p);
    let f = framework();
    let s = Sovereignty::new(&p, &a, &f);
    let sum = s.summary(month("2026-06"));
    // Now: bb 3 + lic 2; at the end (2030-12) only open (4).
    assert_eq!((sum.exposure_now, sum.exposure_end), (5, 4));
    assert_eq!((sum.retired, sum.remaining, sum.traded), (2, 1, 0));
    let (layer, link) = sum.weakest_end.unwrap();
    assert_eq!((layer, link.control), (1, OpenForeign));
    assert_eq!(sum.top_share_now.unwrap().name, "US");
    assert!((sum.top_share_end.unwrap().share - 1.0).abs() < 1e-12);
    // Shocks now: US cuts bb (3 × 7 months) = 21; CN and "Other" cut lic (2 × 19) = 38;
    // "Vendor" cuts bb only, already covered by US. Largest first; "Other" is covered by CN.
    let cut: Vec<Vec<&str>> = sum
        .risks
        .iter()
        .map(|r| r.cut.iter().map(|c| c.id.as_str()).collect())
        .collect();
    assert_eq!(cut, [vec!["lic"], vec!["bb"]]);
    assert_eq!(sum.risks[0].cutoff, Cutoff::Jurisdiction("CN".into()));
}

#[test]
fn framework_levels_with_an_override() {
    let mut p = ladder();
    // The licensed compute dependency is judged better on technology, worse on legal.
    p.dependencies[1].assessment = vec![
        Assessment {
            objective: "technology".into(),
            level: 3,
            evidence: Vec::new(),
        },
        Assessment {
            objective: "legal".into(),
            level: 0,
            evidence: Vec::new(),
        },
    ];
    let a = Analysis::of(&p);
    let f = framework();
    let s = Sovereignty::new(&p, &a, &f);
    let objective = |id: &str| f.objective(id).unwrap();
    // 2027-06: compute has only `lic` (1 everywhere, legal 0, technology 3);
    // models has `open` (2 everywhere).
    let at = s.framework_levels(month("2027-06"));
    let compute = &at.layers[0];
    assert_eq!(compute.objectives[objective("strategic")], 1);
    assert_eq!(compute.objectives[objective("legal")], 0);
    assert_eq!(compute.objectives[objective("technology")], 3);
    assert_eq!(compute.overall, 0);
    assert_eq!(at.layers[1].objectives, vec![2; 8]);
    assert_eq!(at.layers[1].overall, 2);
    // Score: per objective the mean of the two layers; weights from the framework.
    // strategic 15×1.5, legal 10×1, data 10×1.5, operational 15×1.5, supply 20×1.5,
    // technology 15×2.5, security 10×1.5, environmental 5×1.5 = 160; 160 / 4 = 40.
    assert!((at.score - 40.0).abs() < 1e-9, "{}", at.score);
    // 2026-06: the black box (0 everywhere) is live in compute and drags it to 0;
    // models has nothing live: 4 everywhere. Score = 100 × (0 + 4) / 2 / 4 = 50.
    let early = s.framework_levels(month("2026-06"));
    assert_eq!(early.layers[0].objectives, vec![0; 8]);
    assert_eq!(early.layers[1].objectives, vec![4; 8]);
    assert!((early.score - 50.0).abs() < 1e-9);
}
