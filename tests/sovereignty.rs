//! `stackplan assess` and `stackplan shock` run as a user would, on a plan answered by hand.

use std::process::{Command, Output};

use serde_json::{Value, json};

const PLAN: &str = r##"Roadmap(
    format: 2,
    title: "Hand-worked sovereignty",
    horizon: (start: "2026-01", end: "2030-12"),
    layers: [
        Layer(id: "compute", name: "Compute", colour: "#3B82F6"),
        Layer(id: "models", name: "Models", colour: "#10B981"),
    ],
    dependencies: [
        Dependency(id: "gpu", name: "Imported GPUs", layer: "compute", controller: "GPU Corp",
            jurisdiction: "US", control: BlackBox, criticality: 4),
        Dependency(id: "cloud", name: "Foreign cloud", layer: "compute", controller: "Hyperscaler",
            jurisdiction: "US", control: Licensed, criticality: 2),
        Dependency(id: "weights", name: "Open weights", layer: "models", controller: "Lab",
            jurisdiction: "CN", control: OpenForeign, criticality: 3),
        Dependency(id: "llm", name: "Licensed model", layer: "models", controller: "Lab",
            control: Licensed, criticality: 1),
    ],
    investments: [
        Investment(id: "cluster", title: "Cluster", layer: "compute", start: "2026-06",
            end: "2027-12", budget: 100),
        Investment(id: "train", title: "Training", layer: "models", start: "2028-01",
            end: "2028-12", budget: 50, after: ["cluster"]),
    ],
    milestones: [
        Milestone(id: "m-cluster", title: "Cluster live", month: "2028-01", layer: "compute",
            needs: ["cluster"], removes: ["gpu"]),
        Milestone(id: "m-model", title: "Own model", month: "2029-01", layer: "models",
            needs: ["train"], removes: ["weights"]),
    ],
)"##;

fn stackplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stackplan"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Runs `stackplan` on the hand-worked plan with `args` after the file.
fn on_plan(command: &str, args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    std::fs::write(&path, PLAN).unwrap();
    let path = path.display().to_string();
    let mut all = vec![command, path.as_str()];
    all.extend_from_slice(args);
    stackplan(&all)
}

fn json_of(out: &Output) -> Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

fn close(value: &Value, expected: f64) -> bool {
    value.as_f64().is_some_and(|v| (v - expected).abs() < 1e-9)
}

#[test]
fn assess_json_at_a_month() {
    let v = json_of(&on_plan("assess", &["--at", "2027-06", "--format", "json"]));
    assert_eq!(v["at"], "2027-06");
    assert_eq!(v["exposure"], 10);
    assert_eq!(
        v["layers"],
        json!([
            {"id": "compute", "weakest": "BlackBox", "exposure": 6, "seal": 0},
            {"id": "models", "weakest": "Licensed", "exposure": 4, "seal": 1},
        ])
    );
    let names: Vec<(&str, u64)> = v["jurisdictions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| (j["name"].as_str().unwrap(), j["exposure"].as_u64().unwrap()))
        .collect();
    assert_eq!(names, [("US", 6), ("CN", 3), ("unknown", 1)]);
    assert!(close(&v["jurisdictions"][0]["share"], 0.6));
    // 0.6² + 0.3² + 0.1²
    assert!(close(&v["hhi"], 0.46), "{}", v["hhi"]);
    // compute is at level 0 on every objective, models at 1: mean 0.5 of 4.
    assert!(close(&v["score"], 12.5), "{}", v["score"]);
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["at", "exposure", "hhi", "jurisdictions", "layers", "score"]
    );
}

#[test]
fn assess_after_every_removal_and_without_a_month() {
    let v = json_of(&on_plan("assess", &["--at", "2029-06", "--format", "json"]));
    // gpu and weights are gone; cloud (US, 2) and llm (unknown, 1) remain.
    assert_eq!(v["exposure"], 3);
    assert_eq!(v["layers"][0]["weakest"], "Licensed");
    assert_eq!(v["layers"][1]["weakest"], "Licensed");
    let v = json_of(&on_plan("assess", &["--format", "json"]));
    let at = v["at"].as_str().unwrap();
    assert!(("2026-01".."2031-01").contains(&at), "{at}");
}

#[test]
fn assess_text_names_the_weakest_links() {
    let out = on_plan("assess", &["--at", "2027-06"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Black box (gpu)"), "{text}");
    assert!(text.contains("Licensed (llm)"), "{text}");
    assert!(text.contains("US 6 (60%)"), "{text}");
    assert!(text.contains("HHI 0.46"), "{text}");
}

#[test]
fn shock_json_with_a_never_removed_dependency() {
    let v = json_of(&on_plan(
        "shock",
        &[
            "--jurisdiction",
            "US",
            "--at",
            "2027-06",
            "--format",
            "json",
        ],
    ));
    assert_eq!(
        v,
        json!({
            "at": "2027-06",
            "cut": [
                {"id": "gpu", "removed_in": "2028-01", "months_exposed": 7},
                {"id": "cloud", "removed_in": null, "months_exposed": 43},
            ],
            "exposure_cut": 6,
            "layers_hit": ["compute"],
            "milestones_at_risk": ["m-cluster", "m-model"],
        })
    );
}

#[test]
fn shock_by_controller_and_as_text() {
    let v = json_of(&on_plan(
        "shock",
        &["--controller", "lab", "--at", "2029-06", "--format", "json"],
    ));
    // weights was removed in 2029-01; only llm is left, never removed (19 months).
    assert_eq!(
        v["cut"],
        json!([{"id": "llm", "removed_in": null, "months_exposed": 19}])
    );
    assert_eq!(v["layers_hit"], json!(["models"]));
    assert_eq!(v["milestones_at_risk"], json!([]));
    let out = on_plan("shock", &["--jurisdiction", "CN", "--at", "2027-06"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("CN cuts off access in 2027-06: 1 live dependency cut, exposure 3 cut"),
        "{text}"
    );
    assert!(text.contains("the plan removes it in 2029-01"), "{text}");
}

#[test]
fn unknown_jurisdiction_or_unreadable_file_exits_2() {
    let out = on_plan("shock", &["--jurisdiction", "FR", "--at", "2027-06"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("CN, US, unknown"), "{err}");
    let out = on_plan("shock", &["--controller", "Nobody", "--at", "2027-06"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("GPU Corp"));
    let missing = "/nonexistent/plan.ron";
    for args in [
        vec!["assess", missing],
        vec!["shock", missing, "--jurisdiction", "US", "--at", "2027-01"],
    ] {
        let out = stackplan(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
    }
}

#[test]
fn shock_needs_a_jurisdiction_or_a_controller() {
    let out = on_plan("shock", &["--at", "2027-06"]);
    assert_eq!(out.status.code(), Some(2), "clap's usage error");
}

#[test]
fn every_example_plan_is_assessed_and_has_jurisdictions() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmaps");
    for entry in std::fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path().display().to_string();
        let v = json_of(&stackplan(&[
            "assess", &path, "--at", "2030-01", "--format", "json",
        ]));
        let score = v["score"].as_f64().unwrap();
        assert!((0.0..=100.0).contains(&score), "{path}: {score}");
        let unknown = v["jurisdictions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|j| j["name"] == "unknown");
        assert!(!unknown, "{path} names every jurisdiction");
    }
}

/// Runs `stackplan export` on the hand-worked plan into `dir/name` with `args` after it.
fn export_plan(dir: &std::path::Path, name: &str, args: &[&str]) -> (Output, std::path::PathBuf) {
    let plan = dir.join("plan.ron");
    std::fs::write(&plan, PLAN).unwrap();
    let out_path = dir.join(name);
    let (plan, target) = (plan.display().to_string(), out_path.display().to_string());
    let mut all = vec!["export", plan.as_str(), "-o", target.as_str()];
    all.extend_from_slice(args);
    (stackplan(&all), out_path)
}

fn pdftotext(pdf: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (Debian package poppler-utils) must be installed");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn export_marks_a_shock_and_the_pdf_summary_says_what_it_cuts() {
    let dir = tempfile::tempdir().unwrap();
    let shock = ["--shock-jurisdiction", "cn", "--shock-at", "2027-06"];
    let (out, pdf) = export_plan(dir.path(), "plan.pdf", &shock);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Page 1 states the cut-off: CN's open weights (criticality 3) are cut in 2027-06 and the
    // plan removes them in 2029-01, 19 months later; the models layer is hit and "Own model"
    // needs training there that has not finished.
    let text = pdftotext(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "The cut-off marked on the chart: Jurisdiction CN cuts off access in 2027-06",
        "Exposure 3 of 10 cut (1 dependency, 0 never removed by the plan); 1 layer hit, 1 \
         milestone at risk.",
        "Open weights: 19 months without it, until the plan removes it in 2029-01",
        "Milestones at risk: Own model.",
        "CN cuts off 2027-06",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    let (plain, plain_pdf) = export_plan(dir.path(), "plain.pdf", &[]);
    assert_eq!(plain.status.code(), Some(0));
    let plain_text = pdftotext(&plain_pdf);
    assert!(
        !plain_text.contains("marked on the chart") && !plain_text.contains("CN cuts off 2027")
    );
}

#[test]
fn exported_svg_and_png_draw_the_shock_marks() {
    let dir = tempfile::tempdir().unwrap();
    let shock = ["--shock-controller", "Lab", "--shock-at", "2026-06"];
    let (out, svg) = export_plan(dir.path(), "shock.svg", &shock);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = std::fs::read_to_string(svg).unwrap();
    assert!(svg.contains(r#"class="shock""#), "the line and its label");
    assert!(svg.contains("Lab cuts off 2026-06"));
    let (_, plain) = export_plan(dir.path(), "plain.svg", &[]);
    let plain = std::fs::read_to_string(plain).unwrap();
    assert!(!plain.contains(r#"class="shock""#));
    // The lab's two dependencies (weights, llm) are cut: each gets an outlined bar more.
    let count = |s: &str, id: &str| s.matches(&format!(r#"data-id="{id}""#)).count();
    for id in ["weights", "llm"] {
        assert!(count(&svg, id) > count(&plain, id), "{id} is marked as cut");
    }
    assert_eq!(
        count(&svg, "gpu"),
        count(&plain, "gpu"),
        "gpu is not the lab's"
    );
    let (out, png) = export_plan(dir.path(), "shock.png", &shock);
    assert_eq!(out.status.code(), Some(0));
    let (_, plain_png) = export_plan(dir.path(), "plain.png", &[]);
    assert_ne!(
        std::fs::read(png).unwrap(),
        std::fs::read(plain_png).unwrap()
    );
}

#[test]
fn export_with_an_unknown_shock_exits_2_listing_the_plans_names() {
    let dir = tempfile::tempdir().unwrap();
    let (out, pdf) = export_plan(
        dir.path(),
        "plan.pdf",
        &["--shock-jurisdiction", "FR", "--shock-at", "2027-06"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("\"FR\"") && err.contains("CN, US, unknown"),
        "{err}"
    );
    assert!(!pdf.exists(), "nothing is written");
    let (out, _) = export_plan(
        dir.path(),
        "handout.pdf",
        &[
            "--stops",
            "--shock-controller",
            "Nobody",
            "--shock-at",
            "2027-06",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("GPU Corp, Hyperscaler, Lab"));
    let (out, _) = export_plan(dir.path(), "plan.pdf", &["--shock-jurisdiction", "US"]);
    assert_eq!(out.status.code(), Some(2), "a shock needs its month");
}
