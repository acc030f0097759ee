//! Importing files written by other programs (MS Project XML, GanttProject, Excel), round
//! trips through Stackplan's own CSV and Excel exports, and bad input.

use std::path::{Path, PathBuf};

use stackplan::analysis::Analysis;
use stackplan::import::{self, ImportOptions, ImportReport, Imported};
use stackplan::model::{Dependency, Investment, Milestone, Roadmap};

fn repo_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/import")
        .join(name)
}

fn import(path: &Path) -> Imported {
    import::import_path(path, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{} should import: {e}", path.display()))
}

fn investment<'a>(plan: &'a Roadmap, title: &str) -> &'a Investment {
    plan.investments
        .iter()
        .find(|i| i.title == title)
        .unwrap_or_else(|| panic!("no investment \"{title}\" in {:?}", plan.investments))
}

fn milestone<'a>(plan: &'a Roadmap, title: &str) -> &'a Milestone {
    plan.milestones
        .iter()
        .find(|m| m.title == title)
        .unwrap_or_else(|| panic!("no milestone \"{title}\" in {:?}", plan.milestones))
}

/// Asserts that `report` skipped nothing and lists one approximation for each of `expected`
/// (each found in the list) and no more.
fn assert_reports_only_approximations(report: &ImportReport, expected: &[&str]) {
    let approximated = report.approximated.join("\n");
    for expected in expected {
        assert!(
            approximated.contains(expected),
            "missing «{expected}» in:\n{report}"
        );
    }
    assert_eq!(report.approximated.len(), expected.len(), "{report}");
    assert!(report.skipped.is_empty(), "{report}");
}

fn months(inv: &Investment) -> (String, String) {
    (inv.start.to_string(), inv.end.to_string())
}

#[test]
fn ms_project_summaries_become_layers_and_every_link_type_is_kept_or_reported() {
    let Imported { plan, report } = import(&fixture("ms-project.xml"));
    assert_eq!(plan.title, "Sovereign compute programme");
    assert_eq!(plan.owner, "Ministry of Digital Affairs");
    assert_eq!(plan.notes, "Programme notes from the PMO.");
    assert_eq!(plan.currency, "EUR");
    let layers: Vec<(&str, &str)> = plan
        .layers
        .iter()
        .map(|l| (l.id.as_str(), l.name.as_str()))
        .collect();
    assert_eq!(
        layers,
        [
            ("compute", "Compute"),
            ("talent-research", "Talent & Research")
        ]
    );
    assert_eq!(
        plan.investments.len(),
        5,
        "summary tasks are not investments"
    );
    assert_eq!(plan.milestones.len(), 2);

    let p1 = investment(&plan, "National GPU cluster, phase 1");
    assert_eq!(p1.id, "national-gpu-cluster-phase-1");
    assert_eq!(p1.layer, "compute");
    assert_eq!(months(p1), ("2026-01".into(), "2026-12".into()));
    assert_eq!(p1.budget, 450_000_000, "MSPDI costs are in hundredths");
    assert_eq!(p1.owner, "Compute Agency");
    assert_eq!(p1.notes, "Procurement via the national agency.");
    let p2 = investment(&plan, "GPU cluster, phase 2");
    assert_eq!(p2.budget, 300_000_001, "rounded to whole units");
    assert_eq!(p2.after, [p1.id.as_str()], "finish-to-start → after");

    let fellows = investment(&plan, "Fellowship programme");
    assert_eq!(fellows.layer, "talent-research");
    assert_eq!(
        fellows.after,
        [p1.id.as_str()],
        "start-to-start kept as after"
    );
    let training = investment(&plan, "Open model training");
    assert_eq!(training.after, [p2.id.clone(), fellows.id.clone()]);
    assert_eq!(training.owner, "Research Council, Compute Agency");
    let eval = investment(&plan, "Evaluation suite");
    assert_eq!(months(eval), ("2026-06".into(), "2026-06".into()));
    assert_eq!(
        eval.after,
        [training.id.as_str()],
        "start-to-finish kept as after"
    );
    assert_eq!(eval.owner, "", "the unassigned resource is no owner");

    let live = milestone(&plan, "Cluster in production");
    assert_eq!(live.month.to_string(), "2027-12");
    assert_eq!(
        live.needs,
        [p2.id.as_str()],
        "finish-to-start into a milestone → needs"
    );
    let release = milestone(&plan, "Open national model released");
    assert_eq!(
        release.needs,
        [training.id.clone(), p2.id.clone()],
        "a milestone after a milestone needs what that one needs"
    );

    assert_reports_only_approximations(
        &report,
        &[
            "\"National GPU cluster, phase 1\" → \"Fellowship programme\": a start-to-start link",
            "\"GPU cluster, phase 2\" → \"Open model training\": a finish-to-finish link",
            "\"Fellowship programme\" → \"Open model training\": finish-to-start with a lead of 10 days",
            "\"Open model training\" → \"Evaluation suite\": a start-to-finish link",
            "\"Open model training\" → \"Open national model released\": finish-to-start with a lag of 1 day",
            "\"Cluster in production\" → \"Open national model released\": a milestone cannot follow a milestone",
        ],
    );
    assert!(
        report
            .to_string()
            .contains("5 investments, 2 milestones, 2 layers")
    );
}

#[test]
fn ganttproject_nesting_milestones_and_dependencies() {
    let Imported { plan, report } = import(&fixture("ganttproject.gan"));
    assert_eq!(plan.title, "Talent and data plan");
    assert_eq!(plan.owner, "National AI Office");
    assert_eq!(
        plan.notes,
        "Plan kept in GanttProject by the national AI office."
    );
    let layers: Vec<&str> = plan.layers.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(layers, ["talent", "data"], "top-level summaries are layers");
    let titles: Vec<&str> = plan.investments.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "AI fellowships",
            "Doctoral network",
            "Speech corpus",
            "Text corpus"
        ],
        "a nested summary (Language corpora) is not an investment; its tasks are"
    );
    let fellows = investment(&plan, "AI fellowships");
    // 130 working days from Monday 2026-01-05 end on Friday 2026-07-03.
    assert_eq!(months(fellows), ("2026-01".into(), "2026-07".into()));
    assert_eq!(fellows.budget, 2_500_000);
    assert_eq!(fellows.owner, "Talent Office");
    assert_eq!(fellows.notes, "Two cohorts of 40 fellows.");
    let doctoral = investment(&plan, "Doctoral network");
    assert_eq!(doctoral.after, [fellows.id.as_str()]);
    assert_eq!(
        doctoral.owner, "Talent Office, University Council",
        "responsible first"
    );
    let speech = investment(&plan, "Speech corpus");
    assert_eq!(speech.layer, "data");
    assert_eq!(
        speech.after,
        [fellows.id.as_str()],
        "start-to-start kept as after"
    );
    let corpora = milestone(&plan, "Corpora published");
    assert_eq!(corpora.month.to_string(), "2026-12");
    assert_eq!(corpora.needs, [speech.id.as_str()]);
    let phds = milestone(&plan, "First PhDs graduate");
    assert_eq!(phds.needs, [doctoral.id.clone(), speech.id.clone()]);
    let approximated = report.approximated.join("\n");
    assert!(
        approximated.contains("a start-to-start link with a lag of 5 days"),
        "{report}"
    );
    assert!(
        approximated.contains("a finish-to-finish link with a lead of 3 days"),
        "{report}"
    );
    assert_eq!(report.approximated.len(), 3, "{report}");
}

#[test]
fn a_ganttproject_cycle_imports_and_the_report_names_it() {
    let text = std::fs::read_to_string(fixture("ganttproject.gan")).unwrap();
    let looped = text.replace(
        r#"<depend id="3" type="2" difference="0" hardness="Strong"/>
            </task>
            <task id="3""#,
        r#"<depend id="3" type="2" difference="0" hardness="Strong"/>
                <depend id="1" type="2" difference="0" hardness="Strong"/>
            </task>
            <task id="3""#,
    );
    assert_ne!(looped, text);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cycle.gan");
    std::fs::write(&path, looped).unwrap();
    let Imported { plan, report } = import(&path);
    assert_eq!(plan.investments.len(), 4);
    let read = report.read.join("\n");
    assert!(
        read.contains(
            "error[cycle]: “AI fellowships” (ai-fellowships) → “Doctoral network” (doctoral-network) → “AI fellowships” (ai-fellowships)"
        ),
        "{report}"
    );
}

#[test]
fn an_excel_register_with_a_title_row_excel_dates_currency_and_a_total_row() {
    let Imported { plan, report } = import(&fixture("register.xlsx"));
    assert_eq!(plan.title, "National AI programme — investment register");
    assert_eq!(plan.currency, "EUR");
    let ids: Vec<&str> = plan.investments.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["C-01", "C-02", "T-01", "M-01", "D-01", "T-02"]);
    let layers: Vec<&str> = plan.layers.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(layers, ["compute", "talent", "models", "data"]);
    let c1 = &plan.investments[0];
    assert_eq!(months(c1), ("2026-01".into(), "2027-06".into()));
    assert_eq!(c1.budget, 450_000_000);
    assert_eq!(c1.owner, "Compute Agency");
    assert_eq!(c1.notes, "Tender in Q1");
    assert_eq!(plan.investments[1].budget, 300_000_001);
    assert_eq!(plan.investments[3].after, ["C-01", "T-01"]);
    let typed = &plan.investments[5];
    assert_eq!(months(typed), ("2026-09".into(), "2027-03".into()));
    assert_eq!(typed.budget, 1_250_000, "an amount typed as text");
    assert_eq!(typed.after, ["D-01"]);
    let text = report.to_string();
    assert!(
        text.contains("sheet \"Register\", header on row 3"),
        "{text}"
    );
    assert_eq!(report.skipped.len(), 1, "{text}");
    assert!(
        report.skipped[0].starts_with("row 10 \"Total\": no start or finish date"),
        "{text}"
    );
}

#[test]
fn a_french_csv_register_with_semicolons_text_dates_and_euro_amounts() {
    let Imported { plan, report } = import(&fixture("registre.csv"));
    assert_eq!(plan.currency, "EUR");
    let ids: Vec<&str> = plan.investments.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["F-1", "F-2", "F-3"]);
    let model = &plan.investments[2];
    assert_eq!(model.title, "Modèle ouvert francophone");
    assert_eq!(model.layer, "models");
    assert_eq!(months(model), ("2026-09".into(), "2027-08".into()));
    assert_eq!(model.budget, 80_000_000);
    assert_eq!(model.after, ["F-1", "F-2"]);
    assert_eq!(plan.investments[0].budget, 450_000_000);
    assert_eq!(plan.investments[0].notes, "Appel d'offres T1");
    let skipped = report.skipped.join("\n");
    assert!(
        skipped.contains("row 5 \"Modèle en production\": no start or finish date"),
        "{report}"
    );
    assert!(
        skipped.contains("row 6 \"Total\": no start or finish date"),
        "{report}"
    );
    assert!(
        skipped.contains(
            "\"Modèle ouvert francophone\" → \"Modèle en production\": one end was not imported"
        ),
        "{report}"
    );
}

#[test]
fn stackplan_csv_export_imports_back_to_the_same_plan() {
    let original = stackplan::io::example_plan().unwrap();
    let dir = tempfile::tempdir().unwrap();
    stackplan::export::csv::write_tables(&original, &dir.path().join("out.csv")).unwrap();
    for name in ["out.csv", "out-investments.csv", "out-milestones.csv"] {
        let Imported { plan, report } = import(&dir.path().join(name));
        assert_same_items(&original, &plan, true);
        assert_eq!(register(&plan), register(&original), "{name}");
        assert!(report.skipped.is_empty(), "{name}: {report}");
        assert!(report.approximated.is_empty(), "{name}: {report}");
    }
}

#[test]
fn xlsx_export_has_five_sheets_and_imports_back_to_the_same_plan() {
    let dir = tempfile::tempdir().unwrap();
    for example in ["sovereign-stack-2035.ron", "licensed-blackbox.ron"] {
        let original =
            stackplan::io::load_path(&repo_file(&format!("roadmaps/{example}"))).unwrap();
        let path = dir.path().join(example.replace(".ron", ".xlsx"));
        stackplan::export::write_file(
            &original,
            &Analysis::of(&original),
            &path,
            &Default::default(),
        )
        .unwrap();
        let Imported { plan, report } = import(&path);
        assert_same_items(&original, &plan, true);
        assert_eq!(register(&plan), register(&original), "{example}");
        let layers =
            |p: &Roadmap| -> Vec<String> { p.layers.iter().map(|l| l.id.clone()).collect() };
        assert_eq!(layers(&plan), layers(&original), "{example}");
        assert_eq!(plan.currency, original.currency, "{example}");
        assert!(report.skipped.is_empty(), "{example}: {report}");
        assert!(report.approximated.is_empty(), "{example}: {report}");
    }
    let original = stackplan::io::example_plan().unwrap();
    let path = dir.path().join("plan.xlsx");
    stackplan::export::write_file(
        &original,
        &Analysis::of(&original),
        &path,
        &Default::default(),
    )
    .unwrap();

    use calamine::{Data, Reader};
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Investments",
            "Milestones",
            "Dependencies",
            "Budget by year",
            "Exposure by month"
        ]
    );
    let sheet = book.worksheet_range("Investments").unwrap();
    let first = sheet.rows().nth(1).unwrap();
    assert!(
        matches!(first[3], Data::DateTime(_)),
        "start is a date: {:?}",
        first[3]
    );
    assert!(
        matches!(first[6], Data::Float(_)),
        "budget is a number: {:?}",
        first[6]
    );
    let budget = book.worksheet_range("Budget by year").unwrap();
    let total_row = budget.rows().next_back().unwrap();
    let total: f64 = original.investments.iter().map(|i| i.budget as f64).sum();
    assert_eq!(total_row.last(), Some(&Data::Float(total)));
}

/// The dependency register without the framework evidence and assessments, which the tables
/// do not carry.
fn register(plan: &Roadmap) -> Vec<Dependency> {
    plan.dependencies
        .iter()
        .map(|d| Dependency {
            evidence: Vec::new(),
            assessment: Vec::new(),
            ..(**d).clone()
        })
        .collect()
}

/// The same investments (and milestones, when `milestones`): ids, titles, layers, months,
/// budgets, owners, notes and links.
fn assert_same_items(original: &Roadmap, plan: &Roadmap, milestones: bool) {
    assert_eq!(plan.investments.len(), original.investments.len());
    for (a, b) in original.investments.iter().zip(&plan.investments) {
        assert_eq!(
            (
                &a.id, &a.title, &a.layer, a.start, a.end, a.budget, &a.owner, &a.notes, &a.after
            ),
            (
                &b.id, &b.title, &b.layer, b.start, b.end, b.budget, &b.owner, &b.notes, &b.after
            ),
        );
    }
    if milestones {
        assert_eq!(plan.milestones.len(), original.milestones.len());
        for (a, b) in original.milestones.iter().zip(&plan.milestones) {
            assert_eq!(
                (
                    &a.id,
                    &a.title,
                    a.month,
                    &a.layer,
                    &a.needs,
                    &a.removes,
                    &a.introduces
                ),
                (
                    &b.id,
                    &b.title,
                    b.month,
                    &b.layer,
                    &b.needs,
                    &b.removes,
                    &b.introduces
                ),
            );
        }
    }
}

#[test]
fn bad_input_gives_a_clear_error_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let error = |path: &Path| {
        import::import_path(path, &ImportOptions::default())
            .err()
            .unwrap_or_else(|| panic!("{} should not import", path.display()))
            .to_string()
    };
    let xml = std::fs::read(fixture("ms-project.xml")).unwrap();
    let cut = write("cut.xml", &xml[..xml.len() / 2]);
    let message = error(&cut);
    assert!(
        message.contains("cut short") && message.contains("line "),
        "{message}"
    );
    assert!(message.contains("cut.xml"), "{message}");

    let no_header = write("numbers.csv", b"1,2,3\n4,5,6\n");
    let message = error(&no_header);
    assert!(message.contains("no header row found"), "{message}");
    assert!(message.contains("1 | 2 | 3"), "{message}");

    let not_xlsx = write("notes.xlsx", b"just some text, not a workbook");
    assert!(error(&not_xlsx).contains("not a spreadsheet workbook"));
    let not_mspdi = write("page.xml", b"<html><body/></html>");
    assert!(error(&not_mspdi).contains("not an MS Project file"));
    let not_gan = write("plan.gan", b"<Project/>");
    assert!(error(&not_gan).contains("not a GanttProject file"));

    // Found by fuzzing: calamine panics inside this compound file (cfb.rs); a damaged file.
    let damaged = error(&fixture("damaged-compound-file.xls"));
    assert!(damaged.contains("damaged"), "{damaged}");

    let locked = error(&fixture("password.xlsx"));
    assert!(locked.contains("password-protected"), "{locked}");

    // 50 MB that is not XML at all, then 50 MB of tasks that never close.
    let mut noise = vec![0u8; 50 * 1024 * 1024];
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for byte in noise.iter_mut() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        *byte = (state >> 32) as u8;
    }
    let message = error(&write("noise.gan", &noise));
    assert!(message.contains("line "), "{message}");
    let mut open = b"<project><tasks><task id=\"1\"><notes>".to_vec();
    open.resize(50 * 1024 * 1024, b'n');
    let message = error(&write("open.gan", &open));
    assert!(
        message.contains("<notes>") && message.contains("cut short"),
        "{message}"
    );
}

#[test]
fn ms_project_lags_are_reported_in_the_unit_the_file_states() {
    let Imported { plan, report } = import(&fixture("ms-project-lags.xml"));
    let procurement = investment(&plan, "Cluster procurement");
    let build = investment(&plan, "Data centre build");
    assert_eq!(
        procurement.after,
        [build.id.as_str()],
        "a percent lag keeps the link"
    );
    let pilot = investment(&plan, "Pilot workloads");
    assert_eq!(pilot.after.len(), 4, "{:?}", pilot.after);
    assert_reports_only_approximations(
        &report,
        &[
            "\"Data centre build\" → \"Cluster procurement\": finish-to-start with a lag of 50% of the predecessor's duration",
            "\"Data centre build\" → \"Operator training\": a start-to-start link with a lead of 25% of the predecessor's elapsed duration",
            "\"Cluster procurement\" → \"Acceptance tests\": finish-to-start with a lag of 2 weeks",
            "\"Acceptance tests\" → \"Pilot workloads\": finish-to-start with a lag of 3 elapsed days",
            "\"Operator training\" → \"Pilot workloads\": a finish-to-finish link with a lag of 1 month",
            "\"Cluster procurement\" → \"Pilot workloads\": finish-to-start with a lag of 1.5 hours",
            "\"Data centre build\" → \"Pilot workloads\": finish-to-start with a lag of 2 days",
        ],
    );
}
