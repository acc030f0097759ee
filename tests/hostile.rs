//! Hostile inputs: each ends in a clear error or a loaded plan, never a panic or a hang.

use stackplan::analysis::Analysis;
use stackplan::io::{LoadError, load_bytes, load_str, to_ron};
use stackplan::model::Roadmap;

/// A small valid plan; tests splice hostile text into it.
const PLAN: &str = r##"Roadmap(
    format: 1,
    title: "Hostile",
    horizon: (start: "2026-01", end: "2030-12"),
    layers: [Layer(id: "compute", name: "Compute", colour: "#3B82F6")],
    dependencies: [Dependency(id: "cloud", name: "Cloud", layer: "compute", control: BlackBox, criticality: 4)],
    investments: [Investment(id: "cluster", title: "Cluster", layer: "compute", start: "2026-03", end: "2027-12", budget: 1000)],
    milestones: [Milestone(id: "live", title: "Live", month: "2028-01", layer: "compute", needs: ["cluster"], removes: ["cloud"])],
)
"##;

/// `PLAN` with the first `from` replaced by `to`.
fn plan_with(from: &str, to: &str) -> String {
    assert!(PLAN.contains(from), "{from} not in the plan");
    PLAN.replacen(from, to, 1)
}

fn error_of(text: &str) -> LoadError {
    match load_str(text) {
        Ok(_) => panic!("loaded without error"),
        Err(e) => e,
    }
}

/// The error of a plan that must fail, checked to contain `fragment`.
fn assert_refused(text: &str, fragment: &str) -> LoadError {
    let err = error_of(text);
    let message = err.to_string();
    assert!(message.contains(fragment), "{message:?} lacks {fragment:?}");
    assert!(
        message.chars().count() < 500,
        "message too long: {} chars",
        message.len()
    );
    err
}

#[test]
fn the_base_plan_loads() {
    let plan = load_str(PLAN).unwrap();
    assert_eq!(plan.investments[0].budget, 1000);
}

#[test]
fn deep_nesting_anywhere_is_refused() {
    let deep =
        |open: &str, close: &str| format!("{}{}", open.repeat(100_000), close.repeat(100_000));
    let cases = [
        deep("[", "]"),
        deep("(", ")"),
        deep("{", "}"),
        deep("Some(", ")"),
        plan_with("\"Hostile\"", &deep("(", ")")),
        plan_with("[Layer(", &format!("[{}Layer(", "[".repeat(100_000))),
        plan_with("budget: 1000", &format!("budget: {}", deep("[", "]"))),
        plan_with(
            "needs: [\"cluster\"]",
            &format!("needs: {}", deep("[", "]")),
        ),
        format!("Roadmap(format: 1, {}", "(".repeat(100_000)),
        "[".repeat(100_000),
    ];
    for text in cases {
        let err = error_of(&text);
        assert!(err.position().is_some(), "{err}");
    }
}

#[test]
fn a_50_mb_title_loads_and_round_trips() {
    let title = "Ω".repeat(25_000_000);
    let text = plan_with("\"Hostile\"", &format!("\"{title}\""));
    assert!(text.len() > 50_000_000);
    let plan = load_str(&text).unwrap();
    assert_eq!(plan.title.len(), 50_000_000);
    assert_eq!(load_str(&to_ron(&plan)).unwrap(), plan);
}

#[test]
fn an_unterminated_50_mb_string_is_refused_with_a_short_message() {
    let text = plan_with("\"Hostile\"", &format!("\"{}", "x".repeat(50_000_000)));
    let err = error_of(&text);
    assert!(err.to_string().chars().count() < 500);
    assert!(err.position().is_some());
}

#[test]
fn a_50_mb_unknown_field_name_is_refused_with_a_short_message() {
    let name = "a".repeat(50_000_000);
    let err = assert_refused(&plan_with("title:", &format!("{name}: 1, title:")), "aaaa");
    assert_eq!(err.position().map(|p| p.0), Some(3));
}

#[test]
fn bom_and_crlf_line_ends_load_the_same_plan() {
    let expected = load_str(PLAN).unwrap();
    let crlf = PLAN.replace('\n', "\r\n");
    let bom = format!("\u{feff}{PLAN}");
    let both = format!("\u{feff}{crlf}");
    for text in [&crlf, &bom, &both] {
        assert_eq!(load_str(text).unwrap(), expected);
        assert_eq!(load_bytes(text.as_bytes()).unwrap(), expected);
    }
}

#[test]
fn crlf_file_errors_count_lines_like_an_editor() {
    let text = plan_with("budget: 1000", "budget: lots").replace('\n', "\r\n");
    let err = error_of(&text);
    assert_eq!(err.position().map(|p| p.0), Some(7), "{err}");
}

#[test]
fn a_bom_in_the_middle_is_an_error_not_a_crash() {
    assert_refused(&plan_with("title:", "\u{feff}title:"), "line 3");
}

#[test]
fn numbers_that_overflow_are_refused() {
    let cases = [
        plan_with("budget: 1000", "budget: 18446744073709551616"),
        plan_with(
            "budget: 1000",
            "budget: 99999999999999999999999999999999999999999999999999",
        ),
        plan_with(
            "budget: 1000",
            &format!("budget: {}", "9".repeat(1_000_000)),
        ),
        plan_with("budget: 1000", "budget: -1"),
        plan_with("budget: 1000", "budget: 1e30"),
        plan_with("criticality: 4", "criticality: 256"),
        plan_with("criticality: 4", "criticality: -1"),
        plan_with("criticality: 4", "criticality: 4.5"),
        plan_with("format: 1", "format: 4294967296"),
        plan_with("format: 1", "format: -1"),
    ];
    for text in cases {
        let err = error_of(&text);
        assert!(err.position().is_some(), "{err}");
        assert!(err.to_string().chars().count() < 500);
    }
}

#[test]
fn largest_numbers_in_range_load() {
    let text = plan_with("budget: 1000", "budget: 18446744073709551615");
    let text = text.replacen("criticality: 4", "criticality: 255", 1);
    let plan = load_str(&text).unwrap();
    assert_eq!(plan.investments[0].budget, u64::MAX);
    assert_eq!(plan.dependencies[0].criticality, 255);
    assert_eq!(load_str(&to_ron(&plan)).unwrap(), plan);
}

#[test]
fn zero_criticality_loads_so_the_checks_can_report_it() {
    let plan = load_str(&plan_with("criticality: 4", "criticality: 0")).unwrap();
    assert_eq!(plan.dependencies[0].criticality, 0);
}

#[test]
fn ids_with_spaces_emoji_and_controls_load_and_round_trip() {
    for id in [
        "GPU cluster 1",
        "🚀 launch",
        "路线",
        "a\"b\\c",
        "tab\there",
        "",
        " ",
    ] {
        let quoted = to_ron(&Roadmap {
            title: id.to_owned(),
            ..load_str(PLAN).unwrap()
        });
        let title_line = quoted.lines().nth(2).unwrap().trim();
        let quoted_id = title_line
            .trim_start_matches("title: ")
            .trim_end_matches(',');
        let text = PLAN.replace("\"cluster\"", quoted_id);
        let plan = load_str(&text).unwrap();
        assert_eq!(plan.investments[0].id, id);
        assert_eq!(plan.milestones[0].needs, [id]);
        assert_eq!(load_str(&to_ron(&plan)).unwrap(), plan);
    }
}

#[test]
fn months_out_of_range_are_refused_showing_the_text() {
    for bad in [
        "0000-00",
        "99999-01",
        "2028-13",
        "28-6",
        "2028-00",
        "0000-01",
        "+202-01",
        "２０２８-06",
    ] {
        let text = plan_with("\"2026-03\"", &format!("\"{bad}\""));
        let err = assert_refused(&text, &format!("\"{bad}\""));
        assert_eq!(err.position().map(|p| p.0), Some(7), "{err}");
    }
}

#[test]
fn garbage_bytes_are_refused() {
    let cases: [&[u8]; 8] = [
        b"",
        b"\xEF\xBB\xBF",
        b"\x00\x00\x00\x00",
        b"\xFF\xFE\x00R\x00o",
        b"\x7FELF\x02\x01\x01",
        b"   \n\t  \r\n",
        b"Roadmap(",
        b"Roadmap(format: 1, title: \"\xC3\x28\")",
    ];
    for bytes in cases {
        let err = load_bytes(bytes).unwrap_err();
        assert!(!err.to_string().is_empty());
        assert!(err.position().is_some(), "{err}");
    }
}

#[test]
fn utf16_file_is_refused_at_its_first_byte() {
    let utf16: Vec<u8> = "\u{feff}Roadmap("
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let err = load_bytes(&utf16).unwrap_err();
    assert_eq!(err.position(), Some((1, 1)));
    assert!(err.to_string().contains("not UTF-8"), "{err}");
}

/// The messages of the cycle findings in `text`.
fn cycles_in(text: &str) -> Vec<String> {
    let analysis = Analysis::of(&load_str(text).unwrap());
    let cycles = analysis.findings().iter().filter(|f| f.code == "cycle");
    cycles.map(|f| f.message.clone()).collect()
}

#[test]
fn self_links_load_and_are_reported_as_cycles() {
    let text = plan_with("budget: 1000", "budget: 1000, after: [\"cluster\"]");
    assert_eq!(
        cycles_in(&text),
        ["“Cluster” (cluster) → “Cluster” (cluster)"]
    );
}

#[test]
fn cycles_through_milestones_load_and_are_reported() {
    // "live" needs "cluster", which waits for "live".
    let text = plan_with("budget: 1000", "budget: 1000, after: [\"live\"]");
    let cycles = cycles_in(&text);
    assert_eq!(cycles.len(), 1, "{cycles:?}");
    assert!(
        cycles[0].contains("cluster") && cycles[0].contains("live"),
        "{cycles:?}"
    );
}

#[test]
fn hostile_but_loadable_values_are_analysed_without_panicking() {
    let cases = [
        plan_with("criticality: 4", "criticality: 255"),
        plan_with("criticality: 4", "criticality: 0"),
        plan_with("budget: 1000", "budget: 18446744073709551615"),
        plan_with("\"2026-03\"", "\"0001-01\""),
        plan_with("\"2027-12\"", "\"9999-12\""),
        plan_with("end: \"2030-12\"", "end: \"0001-01\""),
        plan_with("id: \"cluster\"", "id: \"live\""),
        plan_with("layer: \"compute\", start", "layer: \"🚀 nowhere\", start"),
    ];
    for text in cases {
        let plan = load_str(&text).unwrap();
        let analysis = Analysis::of(&plan);
        assert!(analysis.findings().len() < 100);
    }
}

#[test]
fn duplicate_fields_are_refused() {
    assert_refused(
        &plan_with("title: \"Hostile\",", "title: \"A\", title: \"B\","),
        "title",
    );
}

#[test]
fn comments_and_trailing_commas_are_accepted() {
    let text = plan_with(
        "title: \"Hostile\",",
        "/* a\n block */ title: \"Hostile\", // line\n",
    );
    assert_eq!(load_str(&text).unwrap(), load_str(PLAN).unwrap());
}
