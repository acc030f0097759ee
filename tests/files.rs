//! The files in the repository: example plans load and are canonical; broken plans fail with
//! the position and message written next to them.

use std::path::{Path, PathBuf};

use stackplan::analysis::{Analysis, Severity};
use stackplan::io::{EXAMPLE_PLAN, load_path, load_str, to_ron};
use stackplan::model::{Horizon, ItemKind, Roadmap};

/// The files in `dir` (relative to the crate root) whose name ends in `.ext`, sorted.
fn files_in(dir: &str, ext: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

/// Loads an example plan from `roadmaps/`.
fn example(name: &str) -> Roadmap {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("roadmaps")
        .join(name);
    load_path(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// The first line where two texts differ, for readable failures.
fn first_difference(a: &str, b: &str) -> String {
    let line = a.lines().zip(b.lines()).position(|(x, y)| x != y);
    match line {
        Some(i) => format!(
            "line {}:\n  file:  {:?}\n  saved: {:?}",
            i + 1,
            a.lines().nth(i).unwrap_or(""),
            b.lines().nth(i).unwrap_or("")
        ),
        None => format!(
            "lengths differ: {} vs {} lines",
            a.lines().count(),
            b.lines().count()
        ),
    }
}

#[test]
fn every_example_plan_loads_and_is_canonical() {
    let files = files_in("roadmaps", "ron");
    assert!(
        files.len() >= 4,
        "expected the example plans, found {files:?}"
    );
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let plan = load_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let saved = to_ron(&plan);
        assert!(
            saved == text,
            "{} is not canonical; {}",
            path.display(),
            first_difference(&text, &saved)
        );
    }
}

#[test]
fn bundled_example_is_the_sovereign_stack_file() {
    let on_disk = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmaps/sovereign-stack-2035.ron"),
    )
    .unwrap();
    assert_eq!(EXAMPLE_PLAN, on_disk);
}

/// Every reference in a plan names an item of the right kind: (referring id, field, target).
fn dangling_references(plan: &Roadmap) -> Vec<String> {
    let mut bad = Vec::new();
    let mut expect = |from: &str, field: &str, id: &str, kinds: &[ItemKind]| {
        if !plan.kind_of(id).is_some_and(|k| kinds.contains(&k)) {
            bad.push(format!("{from}.{field} → {id}"));
        }
    };
    use ItemKind::*;
    for d in &plan.dependencies {
        expect(&d.id, "layer", &d.layer, &[Layer]);
    }
    for i in &plan.investments {
        expect(&i.id, "layer", &i.layer, &[Layer]);
        for a in &i.after {
            expect(&i.id, "after", a, &[Investment, Milestone]);
        }
    }
    for m in &plan.milestones {
        expect(&m.id, "layer", &m.layer, &[Layer]);
        for n in &m.needs {
            expect(&m.id, "needs", n, &[Investment]);
        }
        for d in m.removes.iter().chain(&m.introduces) {
            expect(&m.id, "removes/introduces", d, &[Dependency]);
        }
    }
    bad
}

/// Every id in the plan, with duplicates.
fn all_ids(plan: &Roadmap) -> Vec<&str> {
    let layers = plan.layers.iter().map(|l| l.id.as_str());
    let deps = plan.dependencies.iter().map(|d| d.id.as_str());
    let invs = plan.investments.iter().map(|i| i.id.as_str());
    let mils = plan.milestones.iter().map(|m| m.id.as_str());
    layers.chain(deps).chain(invs).chain(mils).collect()
}

#[test]
fn example_plans_have_unique_ids_that_all_resolve() {
    for path in files_in("roadmaps", "ron") {
        let plan = load_path(&path).unwrap();
        let ids = all_ids(&plan);
        let unique: std::collections::BTreeSet<_> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{}: duplicate ids", path.display());
        let bad = dangling_references(&plan);
        assert!(bad.is_empty(), "{}: dangling {bad:?}", path.display());
    }
}

#[test]
fn sovereign_stack_is_a_full_national_programme() {
    let plan = example("sovereign-stack-2035.ron");
    let layers: Vec<_> = plan.layers.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(
        layers,
        [
            "chips", "compute", "research", "talent", "data", "tooling", "models"
        ]
    );
    for layer in &layers {
        assert!(
            plan.investments.iter().any(|i| i.layer == *layer),
            "no investment in {layer}"
        );
    }
    assert!(
        plan.investments.len() >= 50,
        "{} investments",
        plan.investments.len()
    );
    assert!(
        plan.milestones.len() >= 12,
        "{} milestones",
        plan.milestones.len()
    );
    assert!(
        plan.dependencies.len() >= 15,
        "{} dependencies",
        plan.dependencies.len()
    );
    assert_eq!(
        (plan.horizon.start.to_string(), plan.horizon.end.to_string()),
        ("2026-01".to_owned(), "2035-12".to_owned())
    );
    assert_eq!(plan.currency, "EUR");
    let total: u64 = plan.investments.iter().map(|i| i.budget).sum();
    assert!(
        (2_000_000_000..=8_000_000_000).contains(&total),
        "total budget EUR {total} is not a plausible national programme"
    );
}

#[test]
fn example_items_lie_within_the_horizon_in_date_order() {
    for path in files_in("roadmaps", "ron") {
        let plan = load_path(&path).unwrap();
        let within = |m| plan.horizon.contains(m);
        for i in &plan.investments {
            assert!(
                within(i.start) && within(i.end) && i.start <= i.end,
                "{}",
                i.id
            );
            for a in &i.after {
                let before = plan
                    .investment(a)
                    .map(|x| x.end)
                    .or(plan.milestone(a).map(|x| x.month));
                assert!(
                    before.is_some_and(|b| b < i.start),
                    "{} starts before {a} ends",
                    i.id
                );
            }
        }
        for m in &plan.milestones {
            assert!(within(m.month), "{}", m.id);
            for n in &m.needs {
                let end = plan.investment(n).map(|x| x.end);
                assert!(
                    end.is_some_and(|e| e < m.month),
                    "{} is dated before {n} ends",
                    m.id
                );
            }
        }
    }
}

#[test]
fn example_titles_fit_on_a_bar() {
    for path in files_in("roadmaps", "ron") {
        let plan = load_path(&path).unwrap();
        let titles = plan
            .investments
            .iter()
            .map(|i| &i.title)
            .chain(plan.milestones.iter().map(|m| &m.title));
        for title in titles {
            let len = title.chars().count();
            assert!(
                len > 0 && len <= 45,
                "{}: {title:?} has {len} characters",
                path.display()
            );
        }
    }
}

#[test]
fn blank_plan_is_the_default_layers_only() {
    let plan = example("blank.ron");
    let horizon = Horizon {
        start: "2026-01".parse().unwrap(),
        end: "2035-12".parse().unwrap(),
    };
    assert_eq!(plan, Roadmap::blank("New roadmap", horizon));
}

#[test]
fn multilingual_plan_has_titles_in_six_scripts() {
    let plan = example("multilingual.ron");
    let text: String = plan
        .investments
        .iter()
        .map(|i| i.title.as_str())
        .chain(plan.milestones.iter().map(|m| m.title.as_str()))
        .collect();
    let has = |lo: u32, hi: u32| text.chars().any(|c| (lo..=hi).contains(&(c as u32)));
    let scripts = [
        ("Chinese (Han)", has(0x4E00, 0x9FFF)),
        ("Japanese (kana)", has(0x3040, 0x30FF)),
        ("Arabic", has(0x0600, 0x06FF)),
        ("Hindi (Devanagari)", has(0x0900, 0x097F)),
        ("Russian (Cyrillic)", has(0x0400, 0x04FF)),
        ("Greek", has(0x0370, 0x03FF)),
    ];
    for (script, present) in scripts {
        assert!(present, "no {script} title");
    }
}

/// What a broken file's `.expect` says: position (`None` for `-`) and message fragment.
fn expectation(path: &Path) -> (Option<(usize, usize)>, String) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let position = lines.next().unwrap().trim();
    let fragment = lines.next().unwrap().to_owned();
    let position = (position != "-").then(|| {
        let (line, column) = position.split_once(':').unwrap();
        (line.parse().unwrap(), column.parse().unwrap())
    });
    (position, fragment)
}

#[test]
fn every_broken_file_fails_with_its_expected_position_and_message() {
    let files = files_in("tests/broken", "ron");
    assert!(files.len() >= 15, "only {} broken files", files.len());
    let mut wrong = Vec::new();
    for path in &files {
        let (position, fragment) = expectation(&path.with_extension("expect"));
        let err = match load_path(path) {
            Ok(_) => {
                wrong.push(format!("{}: loaded without error", path.display()));
                continue;
            }
            Err(e) => e,
        };
        let message = err.to_string();
        if err.position() != position || !message.contains(&fragment) {
            wrong.push(format!(
                "{}\n  expected {position:?} {fragment:?}\n  got      {:?} {message:?}",
                path.display(),
                err.position()
            ));
        }
        assert!(
            message.ends_with(&path.display().to_string()),
            "no path in {message:?}"
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_expect_file_has_its_broken_plan() {
    for expect in files_in("tests/broken", "expect") {
        assert!(
            expect.with_extension("ron").exists(),
            "{} has no .ron",
            expect.display()
        );
    }
}

#[test]
fn example_plans_pass_the_checks_without_errors() {
    for path in files_in("roadmaps", "ron") {
        let plan = load_path(&path).unwrap();
        let analysis = Analysis::of(&plan);
        let errors: Vec<String> = analysis
            .findings()
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

#[test]
fn sovereign_stack_shows_a_trade_and_burns_exposure_down() {
    let plan = example("sovereign-stack-2035.ron");
    let analysis = Analysis::of(&plan);
    let trades: Vec<&str> = analysis
        .trades()
        .iter()
        .map(|t| t.milestone.as_str())
        .collect();
    assert!(trades.contains(&"speech-eu-vendor"), "{trades:?}");
    let series = analysis.exposure_series();
    let (first, last) = (series.first().unwrap().total, series.last().unwrap().total);
    assert!(
        last * 3 < first,
        "exposure only falls from {first} to {last}"
    );
}

#[test]
fn licensed_path_trades_dependencies_and_never_removes_most() {
    let plan = example("licensed-blackbox.ron");
    let analysis = Analysis::of(&plan);
    assert!(analysis.trades().len() >= 3, "{:?}", analysis.trades());
    let never_removed = analysis
        .findings()
        .iter()
        .filter(|f| f.code == "never-removed")
        .count();
    assert!(
        never_removed * 2 > plan.dependencies.len(),
        "{never_removed} never removed"
    );
    let series = analysis.exposure_series();
    let (first, last) = (series.first().unwrap().total, series.last().unwrap().total);
    assert!(
        last >= first,
        "exposure falls from {first} to {last} on the licensed path"
    );
}
