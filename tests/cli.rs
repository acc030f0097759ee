//! The `stackplan` binary run on real files, as a user would.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn stackplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stackplan"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn repo(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(path)
        .display()
        .to_string()
}

fn example_plans() -> Vec<PathBuf> {
    let mut plans: Vec<PathBuf> = std::fs::read_dir(repo("roadmaps"))
        .expect("roadmaps/ exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    plans.sort();
    plans
}

#[test]
fn check_prints_a_summary_for_each_example_and_exits_0_or_1() {
    for plan in example_plans() {
        let out = stackplan(&["check", &plan.display().to_string()]);
        let stdout = text(&out.stdout);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}: {stdout}",
            plan.display()
        );
        let summary = stdout.lines().last().unwrap_or_default();
        assert!(
            summary.contains("investments") && summary.contains("exposure"),
            "{summary}"
        );
        assert!(summary.contains("budget"), "{summary}");
    }
}

#[test]
fn check_reports_errors_like_a_compiler_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cycle.ron");
    std::fs::write(
        &path,
        r##"Roadmap(format: 1, title: "Cycle", horizon: (start: "2026-01", end: "2030-12"),
            layers: [Layer(id: "compute", name: "Compute", colour: "#3B82F6")],
            investments: [
                Investment(id: "i3", title: "A", layer: "compute", start: "2026-01", end: "2026-06", after: ["i7"]),
                Investment(id: "i7", title: "B", layer: "compute", start: "2026-07", end: "2026-12", after: ["i3"]),
            ])"##,
    )
    .unwrap();
    let out = stackplan(&["check", &path.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let cycle = |l: &&str| l.starts_with("error[cycle]:") && l.contains("i3") && l.contains("i7");
    assert!(stdout.lines().any(|l| cycle(&l)), "{stdout}");
}

#[test]
fn check_exits_2_on_every_broken_file_and_says_where() {
    let broken = std::fs::read_dir(repo("tests/broken")).expect("tests/broken exists");
    let mut seen = 0;
    for entry in broken {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ron") {
            continue;
        }
        seen += 1;
        let out = stackplan(&["check", &path.display().to_string()]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {stderr}", path.display());
        let says_where =
            stderr.contains("line ") || stderr.contains("field") || stderr.contains("format");
        assert!(says_where, "{}: {stderr}", path.display());
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        assert!(stderr.contains(&name), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    assert!(
        seen >= 10,
        "expected a broken file per way of breaking, found {seen}"
    );
}

#[test]
fn check_of_a_missing_file_exits_2() {
    let out = stackplan(&["check", "no/such/plan.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no/such/plan.ron"));
}

#[test]
fn fmt_check_passes_on_the_examples() {
    let mut args = vec!["fmt".to_owned(), "--check".to_owned()];
    args.extend(example_plans().iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = stackplan(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}

#[test]
fn fmt_rewrites_a_hand_written_file_into_canonical_form() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let hand = r#"Roadmap(format: 1, title: "Hand", horizon: (start: "2026-01", end: "2027-12"))"#;
    std::fs::write(&path, hand).unwrap();
    let p = path.display().to_string();
    assert_eq!(stackplan(&["fmt", "--check", &p]).status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        hand,
        "--check changes nothing"
    );
    assert_eq!(stackplan(&["fmt", &p]).status.code(), Some(0));
    let canonical = std::fs::read_to_string(&path).unwrap();
    // A format-1 file comes out in format 2.
    let start = "Roadmap(\n    format: 2,\n    title: \"Hand\",\n";
    assert!(canonical.starts_with(start), "{canonical}");
    assert_eq!(stackplan(&["fmt", "--check", &p]).status.code(), Some(0));
}

#[test]
fn export_csv_writes_four_tables() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("plan.csv");
    let plan = repo("roadmaps/sovereign-stack-2035.ron");
    let out = stackplan(&["export", &plan, "-o", &out_path.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let read = |t: &str| std::fs::read_to_string(dir.path().join(format!("plan-{t}.csv"))).unwrap();
    let investments = read("investments");
    let header = "id,title,layer,start,end,months,budget_EUR";
    assert!(investments.starts_with(header), "{investments}");
    let example = stackplan::io::example_plan().unwrap();
    assert_eq!(investments.lines().count(), example.investments.len() + 1);
    assert_eq!(
        read("milestones").lines().count(),
        example.milestones.len() + 1
    );
    assert_eq!(
        read("dependencies").lines().count(),
        example.dependencies.len() + 1
    );
    let months = example.horizon.months().count();
    let exposure = read("exposure");
    assert_eq!(exposure.lines().count(), months + 1);
    assert!(exposure.starts_with("month,total,"), "{exposure}");
}

#[test]
fn help_shows_examples() {
    let out = stackplan(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    assert!(
        help.contains("Examples:") && help.contains("stackplan check"),
        "{help}"
    );
}

#[test]
fn export_writes_pdf_svg_and_png_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    let plan = repo("roadmaps/sovereign-stack-2035.ron");
    for (name, magic) in [
        ("plan.pdf", &b"%PDF"[..]),
        ("plan.svg", b"<svg"),
        ("plan.png", b"\x89PNG"),
    ] {
        let path = dir.path().join(name);
        let out = stackplan(&[
            "export",
            &plan,
            "-o",
            &path.display().to_string(),
            "--page",
            "a3",
        ]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
        let bytes = std::fs::read(&path).unwrap();
        let head = &bytes[..bytes.len().min(200)];
        assert!(
            head.windows(magic.len()).any(|w| w == magic),
            "{name} starts wrong"
        );
    }
}

#[test]
fn export_refuses_an_unknown_extension_and_a_bad_month() {
    let dir = tempfile::tempdir().unwrap();
    let plan = repo("roadmaps/blank.ron");
    let out = stackplan(&[
        "export",
        &plan,
        "-o",
        &dir.path().join("x.docx").display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("x.docx"),
        "{}",
        text(&out.stderr)
    );
    let out = stackplan(&["export", &plan, "-o", "x.pdf", "--from", "2026-13"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("2026-13"),
        "{}",
        text(&out.stderr)
    );
}

const LICENSED: &str = "roadmaps/licensed-blackbox.ron";
const SOVEREIGN: &str = "roadmaps/sovereign-stack-2035.ron";

#[test]
fn diff_of_a_plan_with_itself_exits_0_and_says_so() {
    let plan = repo(SOVEREIGN);
    let out = stackplan(&["diff", &plan, &plan]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("The plans are the same."));
}

#[test]
fn diff_of_the_two_paths_exits_1_consequences_first() {
    let out = stackplan(&["diff", &repo(LICENSED), &repo(SOVEREIGN)]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let at = |heading: &str| {
        stdout
            .lines()
            .position(|l| l == heading)
            .unwrap_or_else(|| panic!("no {heading} in\n{stdout}"))
    };
    assert!(at("Retirements") < at("Exposure"));
    assert!(at("Budget") < at("Investments"));
    // The sovereign path ends the licence the licensed path only renews.
    assert!(
        stdout.contains("licensed-llm retired 15 months earlier: 2031-10 → 2030-07"),
        "{stdout}"
    );
    assert!(stdout.contains("Only in A: licence-renewed trades licensed-llm for licensed-llm-v2"));
}

#[test]
fn diff_as_markdown_has_a_heading_and_a_list_per_section() {
    let out = stackplan(&[
        "diff",
        &repo(LICENSED),
        &repo(SOVEREIGN),
        "--format",
        "markdown",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("## "), "{stdout}");
    assert!(stdout.contains("\n### Retirements\n\n- "), "{stdout}");
    assert!(stdout.contains("\n### Investments\n\n- "), "{stdout}");
}

#[test]
fn diff_as_json_names_every_id_involved() {
    let out = stackplan(&[
        "diff",
        &repo(LICENSED),
        &repo(SOVEREIGN),
        "--format",
        "json",
        "--at",
        "2030-01",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(doc["same"], false);
    let items = doc["items"].as_array().unwrap();
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    for id in [
        "gpu-firmware",
        "cluster-1",
        "national-model-live",
        "licensed-llm",
    ] {
        assert!(ids.contains(&id), "{id} missing from items");
    }
    let retired = &doc["consequences"]["retirements"];
    let licensed = retired
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["dependency"] == "licensed-llm")
        .expect("licensed-llm retirement");
    assert_eq!(licensed["shift"], "earlier");
    assert_eq!(licensed["by_b"], "national-model-live");
    assert_eq!(doc["consequences"]["exposure"]["at"][0]["month"], "2030-01");
}

#[test]
fn diff_exits_2_and_names_the_file_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken-b.ron");
    std::fs::write(&broken, "Roadmap(format: 1, title: ").unwrap();
    let out = stackplan(&["diff", &repo(LICENSED), &broken.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("broken-b.ron"),
        "{}",
        text(&out.stderr)
    );
    let out = stackplan(&["diff", "no/such/a.ron", &repo(LICENSED)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no/such/a.ron"));
}

#[test]
fn diff_called_by_git_compares_old_and_new_and_exits_0() {
    // git passes: path old-file old-hex old-mode new-file new-hex new-mode.
    let (old, new) = (repo(LICENSED), repo(SOVEREIGN));
    let args = [
        "diff", "plan.ron", &old, "abc", "100644", &new, "def", "100644",
    ];
    let out = stackplan(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Retirements"));
}
