//! Tests of the stops and what their slides say, on small hand-made plans.

use super::*;
use crate::analysis::testplan::{m, plan};
use crate::model::{Horizon, Milestone};

fn milestone(id: &str, month: &str) -> Milestone {
    Milestone {
        notes: format!("notes for {id}"),
        ..Milestone::new(id, format!("Milestone {id}"), m(month), "models")
    }
}

fn decade() -> Roadmap {
    let mut p = plan();
    p.horizon = Horizon {
        start: m("2026-01"),
        end: m("2035-12"),
    };
    p
}

#[test]
fn defaults_are_overview_milestones_by_date_then_summary() {
    let mut p = decade();
    p.milestones = vec![
        milestone("late", "2031-06").into(),
        milestone("early", "2027-03").into(),
        milestone("middle", "2029-01").into(),
    ];
    let slides = slides_of(&p);
    let focus: Vec<_> = slides.iter().map(|s| s.stop.focus.as_deref()).collect();
    assert_eq!(
        focus,
        [None, Some("early"), Some("middle"), Some("late"), None]
    );
    assert_eq!(slides[0].kind, StopKind::Overview);
    assert_eq!(slides[4].kind, StopKind::Summary);
    assert_eq!(slides[2].kind, StopKind::Milestone("middle".into()));
    assert_eq!(slides[2].stop.title, "Milestone middle");
    assert_eq!(slides[2].stop.notes, "notes for middle");
    assert_eq!(
        (slides[0].stop.from, slides[0].stop.to),
        (m("2026-01"), m("2035-12"))
    );
}

#[test]
fn milestone_window_surrounds_its_month_inside_the_horizon() {
    let p = decade();
    assert_eq!(
        window_around(&p, m("2030-06")),
        (m("2028-06"), m("2031-06"))
    );
    assert_eq!(
        window_around(&p, m("2026-04")),
        (m("2026-01"), m("2029-01"))
    );
    assert_eq!(
        window_around(&p, m("2035-10")),
        (m("2032-12"), m("2035-12"))
    );
}

#[test]
fn short_horizon_is_shown_whole_and_outside_months_stay_in_view() {
    let p = plan();
    assert_eq!(
        window_around(&p, m("2026-05")),
        (m("2026-01"), m("2026-12"))
    );
    assert_eq!(
        window_around(&p, m("2028-02")),
        (m("2026-01"), m("2028-02"))
    );
}

#[test]
fn plan_without_milestones_has_overview_and_summary() {
    let stops = default_stops(&plan());
    let titles: Vec<_> = stops.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, [OVERVIEW_TITLE, SUMMARY_TITLE]);
}

#[test]
fn saved_stops_replace_the_defaults_in_their_order() {
    let mut p = decade();
    p.milestones = vec![milestone("a", "2027-01").into()];
    let saved = |title: &str, focus: Option<&str>| Stop {
        title: title.into(),
        from: m("2027-01"),
        to: m("2028-01"),
        layers: vec!["models".into()],
        focus: focus.map(Into::into),
        notes: String::new(),
        view: crate::model::StopView::Chart,
    };
    p.stops = vec![saved("Second", None), saved("First", Some("a"))];
    assert_eq!(stops_of(&p), p.stops);
    let kinds: Vec<_> = slides_of(&p).into_iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [StopKind::Window, StopKind::Milestone("a".into())]);
}

#[test]
fn date_of_a_milestone_stop_is_the_milestone_month() {
    let mut p = decade();
    p.milestones = vec![milestone("a", "2030-02").into()];
    let slides = slides_of(&p);
    assert_eq!(slides[1].date(&p), m("2030-02"));
    assert_eq!(slides[2].date(&p), m("2035-12"));
    assert_eq!(slides[0].date(&p), m("2026-01"));
}
#[test]
fn milestone_facts_strike_removals_and_mark_trades() {
    use crate::analysis::testplan::{dep, ms};
    use crate::model::ControlLevel;
    let mut p = decade();
    p.dependencies = vec![
        dep("cloud", "compute", ControlLevel::BlackBox, 5).into(),
        dep("other-cloud", "compute", ControlLevel::BlackBox, 3).into(),
        dep("gpu", "compute", ControlLevel::Licensed, 2).into(),
    ];
    p.milestones = vec![
        ms(
            "swap",
            "compute",
            "2028-01",
            &[],
            &["cloud"],
            &["other-cloud"],
        )
        .into(),
    ];
    let analysis = Analysis::of(&p);
    let slides = slides_of(&p);
    let f = facts(&p, &analysis, &slides[1]);
    assert_eq!(f.figures[0].value, "2", "other-cloud and gpu are live");
    assert_eq!(f.figures[0].label, "live dependencies in 2028-01");
    assert_eq!(f.figures[1].value, "5");
    let tones: Vec<_> = f.lines.iter().map(|l| l.tone).collect();
    assert_eq!(
        tones,
        [
            Tone::Heading,
            Tone::Removed,
            Tone::Heading,
            Tone::Introduced,
            Tone::Trade
        ]
    );
    assert_eq!(f.lines[1].text, "Dependency cloud (Black box)");
    assert!(f.lines[4].text.contains("Dependency cloud"));
}

#[test]
fn summary_facts_give_exposure_remaining_and_budget() {
    use crate::analysis::testplan::{dep, inv, ms};
    use crate::model::ControlLevel;
    let mut p = decade();
    p.dependencies = vec![
        dep("a", "compute", ControlLevel::BlackBox, 4).into(),
        dep("b", "models", ControlLevel::Licensed, 1).into(),
    ];
    p.investments = vec![
        inv("x", "compute", "2026-01", "2027-12", 2_000_000_000, &[]).into(),
        inv("y", "models", "2026-01", "2027-12", 500_000_000, &[]).into(),
    ];
    p.milestones = vec![ms("m", "compute", "2029-01", &["x"], &["a"], &[]).into()];
    let analysis = Analysis::of(&p);
    let slides = slides_of(&p);
    let f = facts(&p, &analysis, slides.last().unwrap());
    let values: Vec<_> = f.figures.iter().map(|f| f.value.as_str()).collect();
    assert_eq!(values, ["5 to 1", "1", "2.50 bn EUR"]);
    assert_eq!(f.lines[1].text, "Dependency b (Licensed)");
}

/// Two layers over ten years: US GPUs (black box, 4) removed in 2030-01, an EU cloud
/// (licensed, 2) removed in 2031-01, CN open weights (open foreign, 3) never removed.
fn three_jurisdictions() -> Roadmap {
    use crate::analysis::testplan::{dep, ms};
    use crate::model::ControlLevel;
    let mut p = decade();
    let mut cloud = dep("cloud", "compute", ControlLevel::Licensed, 2);
    cloud.jurisdiction = "EU".into();
    let mut weights = dep("weights", "models", ControlLevel::OpenForeign, 3);
    weights.jurisdiction = "CN".into();
    p.dependencies = vec![
        dep("gpu", "compute", ControlLevel::BlackBox, 4).into(),
        cloud.into(),
        weights.into(),
    ];
    p.milestones = vec![
        ms("chips", "compute", "2030-01", &[], &["gpu"], &[]).into(),
        ms("cloud-off", "compute", "2031-01", &[], &["cloud"], &[]).into(),
    ];
    p
}

#[test]
fn the_default_deck_has_a_sovereignty_stop_before_the_summary_when_jurisdictions_are_named() {
    let mut p = three_jurisdictions();
    let slides = slides_of(&p);
    let kinds: Vec<_> = slides.iter().map(|s| s.kind.clone()).collect();
    assert_eq!(kinds.len(), 5);
    assert_eq!(kinds[3], StopKind::Sovereignty);
    assert_eq!(kinds[4], StopKind::Summary);
    let stop = &slides[3].stop;
    assert_eq!(stop.title, SOVEREIGNTY_TITLE);
    assert_eq!((stop.from, stop.to), (m("2026-01"), m("2035-12")));
    assert_eq!(stop.view, StopView::Sovereignty, "saved as such");
    for d in &mut p.dependencies {
        d.jurisdiction = " ".into();
    }
    assert!(
        slides_of(&p).iter().all(|s| !s.is_sovereignty()),
        "no jurisdiction named, no sovereignty stop"
    );
}

#[test]
fn sovereignty_facts_compare_the_window_start_and_end() {
    let p = three_jurisdictions();
    let analysis = Analysis::of(&p);
    let slides = slides_of(&p);
    let f = facts(&p, &analysis, &slides[3]);
    let figures: Vec<(&str, &str)> = f
        .figures
        .iter()
        .map(|f| (f.value.as_str(), f.label.as_str()))
        .collect();
    // 2026-01: US 4, CN 3, EU 2 of 9; HHI (16 + 9 + 4) / 81 = 0.358. 2035-12: only CN's
    // 3 is live: US 0 %, HHI 1. Levels (objectives all alike): compute 0 (black box) and
    // models 2 (open foreign) average 1 of 4 = 25; at the end compute has nothing live
    // (4) and models 2: 3 of 4 = 75.
    assert_eq!(
        figures,
        [
            ("44 % → 0 %", "of exposure under US, 2026-01 → 2035-12"),
            (
                "0.36 → 1.00",
                "concentration (HHI; 1 = all under one jurisdiction)"
            ),
            ("25 → 75", "EU-CSF score of 100"),
        ]
    );
    let lines: Vec<(&str, Tone)> = f.lines.iter().map(|l| (l.text.as_str(), l.tone)).collect();
    assert_eq!(
        lines,
        [
            ("Weakest link in 2035-12", Tone::Heading),
            ("Models: Dependency weights (Open (foreign))", Tone::Detail),
            ("Nothing external left: Compute", Tone::Detail),
        ]
    );
}

#[test]
fn a_saved_sovereignty_stop_keeps_its_window_and_layers() {
    let mut p = three_jurisdictions();
    p.stops = vec![Stop {
        title: "Compute in the 2020s".into(),
        from: m("2027-01"),
        to: m("2030-06"),
        layers: vec!["compute".into()],
        focus: None,
        notes: String::new(),
        view: StopView::Sovereignty,
    }];
    let analysis = Analysis::of(&p);
    let slides = slides_of(&p);
    assert_eq!(slides.len(), 1);
    assert_eq!(slides[0].kind, StopKind::Sovereignty);
    let f = facts(&p, &analysis, &slides[0]);
    // 2027-01: US 4 of 9 (44 %); 2030-06: the GPUs are gone, EU 2 and CN 3 are left.
    assert_eq!(f.figures[0].value, "44 % → 0 %");
    assert_eq!(
        f.figures[0].label,
        "of exposure under US, 2027-01 → 2030-06"
    );
    assert_eq!(f.figures[1].value, "0.36 → 0.52", "(4 + 9) / 25");
    let texts: Vec<&str> = f.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Weakest link in 2030-06",
            "Compute: Dependency cloud (Licensed)"
        ],
        "only the stop's layers"
    );
}

#[test]
fn money_is_short() {
    assert_eq!(
        crate::analysis::format::money_short(1_250_000_000, "EUR"),
        "1.25 bn EUR"
    );
    assert_eq!(
        crate::analysis::format::money_short(310_000_000, "EUR"),
        "310.0 m EUR"
    );
    assert_eq!(crate::analysis::format::money_short(900, "EUR"), "900 EUR");
}

#[test]
fn a_milestone_slide_shows_only_the_layers_it_touches() {
    use crate::analysis::testplan::{dep, inv, ms};
    use crate::model::ControlLevel;
    let mut p = decade();
    p.layers = crate::model::default_layers();
    p.dependencies = vec![dep("cloud", "compute", ControlLevel::BlackBox, 5).into()];
    p.investments = vec![inv("x", "data", "2026-01", "2027-12", 10, &[]).into()];
    p.milestones = vec![ms("m", "models", "2028-01", &["x"], &["cloud"], &[]).into()];
    let analysis = Analysis::of(&p);
    let slides = slides_of(&p);
    let mut layers = slides[1].layers(&p, &analysis);
    layers.sort();
    assert_eq!(layers, ["compute", "data", "models"]);
    assert!(
        slides[0].layers(&p, &analysis).is_empty(),
        "the overview shows all"
    );
    assert!(!slides[0].shows_dependencies());
    assert!(slides[1].shows_dependencies());
    p.stops = vec![Stop {
        layers: vec!["talent".into()],
        ..slides[1].stop.clone()
    }];
    let saved = slides_of(&p);
    assert_eq!(
        saved[0].layers(&p, &analysis),
        ["talent"],
        "a saved choice wins"
    );
}
