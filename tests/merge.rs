//! `stackplan merge` run as a user and as git run it: on real files, and as the merge driver
//! of a real git repository.

mod common;

use std::path::Path;
use std::process::Output;

use common::run_in;
use stackplan::io::{example_plan, load_path, save_path, to_ron};
use stackplan::model::{Month, Roadmap};

const STACKPLAN: &str = env!("CARGO_BIN_EXE_stackplan");

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn month(text: &str) -> Month {
    text.parse().expect("a month")
}

/// Base, ours and theirs written into `dir`: ours re-dates the first investment's end, theirs
/// renames the first milestone; `clash` makes theirs re-date the same end differently too.
fn three_plans(dir: &Path, clash: bool) -> (Roadmap, Roadmap, Roadmap) {
    let base = example_plan().expect("the example loads");
    let mut ours = base.clone();
    ours.investments[0].end = month("2029-12");
    let mut theirs = base.clone();
    theirs.milestones[0].title = "Renamed by them".into();
    if clash {
        theirs.investments[0].end = month("2030-06");
    }
    for (name, plan) in [("base", &base), ("ours", &ours), ("theirs", &theirs)] {
        save_path(plan, &dir.join(format!("{name}.ron"))).expect("saved");
    }
    (base, ours, theirs)
}

fn merge_in(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["merge", "base.ron", "ours.ron", "theirs.ron"];
    args.extend_from_slice(extra);
    run_in(dir, STACKPLAN, &args)
}

#[test]
fn a_clean_merge_writes_both_edits_into_ours_canonically_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let (_, ours, theirs) = three_plans(dir.path(), false);
    let out = merge_in(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let merged = load_path(&dir.path().join("ours.ron")).unwrap();
    assert_eq!(merged.investments[0].end, ours.investments[0].end);
    assert_eq!(merged.milestones[0].title, theirs.milestones[0].title);
    let written = std::fs::read_to_string(dir.path().join("ours.ron")).unwrap();
    assert_eq!(written, to_ron(&merged));
    assert!(!written.contains("conflicts"));
}

#[test]
fn output_goes_where_o_says_and_ours_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    three_plans(dir.path(), false);
    let before = std::fs::read(dir.path().join("ours.ron")).unwrap();
    let out = merge_in(dir.path(), &["-o", "merged.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(dir.path().join("ours.ron")).unwrap(), before);
    let merged = load_path(&dir.path().join("merged.ron")).unwrap();
    assert_eq!(merged.milestones[0].title, "Renamed by them");
}

#[test]
fn conflicts_exit_1_and_stay_in_a_plan_that_check_reports() {
    let dir = tempfile::tempdir().unwrap();
    let (_, ours, _) = three_plans(dir.path(), true);
    let out = merge_in(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let id = &ours.investments[0].id;
    assert!(
        text(&out.stdout).contains(&format!("conflict: investment {id}: end")),
        "{}",
        text(&out.stdout)
    );
    let merged = load_path(&dir.path().join("ours.ron")).unwrap();
    assert_eq!(merged.investments[0].end, ours.investments[0].end);
    assert_eq!(merged.milestones[0].title, "Renamed by them");
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(
        (
            merged.conflicts[0].ours.as_str(),
            merged.conflicts[0].theirs.as_str()
        ),
        ("2029-12", "2030-06")
    );
    let check = run_in(dir.path(), STACKPLAN, &["check", "ours.ron"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(text(&check.stdout).contains("unresolved merge conflict"));
}

#[test]
fn an_unreadable_input_exits_2_and_names_which() {
    let dir = tempfile::tempdir().unwrap();
    three_plans(dir.path(), false);
    std::fs::write(dir.path().join("theirs.ron"), "Roadmap(").unwrap();
    let out = merge_in(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("theirs is unreadable"),
        "{}",
        text(&out.stderr)
    );
}

/// A git repository in `dir` with the plan committed on `main` and the driver installed.
fn repository(dir: &Path) {
    let git = |args: &[&str]| {
        let out = run_in(dir, "git", args);
        assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["config", "user.email", "planner@example.org"]);
    git(&["config", "user.name", "Planner"]);
    let install = run_in(dir, STACKPLAN, &["merge", "--install"]);
    assert_eq!(install.status.code(), Some(0), "{}", text(&install.stderr));
    save_path(&example_plan().unwrap(), &dir.join("plan.ron")).unwrap();
    git(&["add", "plan.ron", ".gitattributes"]);
    git(&["commit", "-q", "-m", "plan"]);
}

/// Commits `edit` of the plan on a new branch `name` made from `main`.
fn branch(dir: &Path, name: &str, edit: impl Fn(&mut Roadmap)) {
    let git = |args: &[&str]| {
        let out = run_in(dir, "git", args);
        assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
    };
    git(&["checkout", "-q", "-b", name, "main"]);
    let path = dir.join("plan.ron");
    let mut plan = load_path(&path).unwrap();
    edit(&mut plan);
    save_path(&plan, &path).unwrap();
    git(&["commit", "-q", "-am", name]);
}

#[test]
fn git_merges_two_branches_edits_with_the_installed_driver() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    repository(dir);
    let attributes = std::fs::read_to_string(dir.join(".gitattributes")).unwrap();
    assert!(attributes.contains("*.ron merge=stackplan"), "{attributes}");
    // Both branches append an investment at the end of the same list: a text merge conflicts.
    branch(dir, "ours", |p| {
        p.investments[0].end = month("2029-12");
        let mut added = p.investments[0].clone();
        added.id = "added-by-ours".into();
        p.investments.push(added);
    });
    branch(dir, "theirs", |p| {
        p.milestones[0].title = "Renamed by them".into();
        let mut added = p.investments[1].clone();
        added.id = "added-by-theirs".into();
        p.investments.push(added);
    });
    run_in(dir, "git", &["checkout", "-q", "ours"]);
    let out = run_in(dir, "git", &["merge", "--no-edit", "theirs"]);
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let merged = load_path(&dir.join("plan.ron")).unwrap();
    assert_eq!(merged.investments[0].end, month("2029-12"));
    assert_eq!(merged.milestones[0].title, "Renamed by them");
    let ids: Vec<&str> = merged.investments.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids[ids.len() - 2..], ["added-by-ours", "added-by-theirs"]);
    assert!(merged.conflicts.is_empty());
}

#[test]
fn git_is_left_conflicted_by_a_clash_and_the_file_loads_with_its_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    repository(dir);
    branch(dir, "ours", |p| p.investments[0].end = month("2029-12"));
    branch(dir, "theirs", |p| p.investments[0].end = month("2030-06"));
    run_in(dir, "git", &["checkout", "-q", "ours"]);
    let out = run_in(dir, "git", &["merge", "--no-edit", "theirs"]);
    assert!(!out.status.success(), "the merge must stop for a decision");
    let unmerged = run_in(dir, "git", &["diff", "--name-only", "--diff-filter=U"]);
    assert_eq!(text(&unmerged.stdout).trim(), "plan.ron");
    let plan = load_path(&dir.join("plan.ron")).expect("a plan, not text markers");
    assert_eq!(plan.investments[0].end, month("2029-12"));
    assert_eq!(plan.conflicts.len(), 1);
    assert_eq!(plan.conflicts[0].theirs, "2030-06");
}

#[test]
fn a_text_merge_with_markers_says_how_to_install_the_driver() {
    let dir = tempfile::tempdir().unwrap();
    let plan = to_ron(&example_plan().unwrap());
    let marked = plan.replacen(
        "    title:",
        "<<<<<<< HEAD\n    title: \"A\",\n=======\n    title: \"B\",\n>>>>>>> theirs\n    notes_:",
        1,
    );
    std::fs::write(dir.path().join("plan.ron"), marked).unwrap();
    let out = run_in(dir.path(), STACKPLAN, &["check", "plan.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("stackplan merge --install"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn git_diff_and_log_show_what_a_plan_change_means_with_the_installed_diff() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    repository(dir);
    let config = run_in(dir, "git", &["config", "diff.stackplan.command"]);
    assert!(
        text(&config.stdout).trim().ends_with("diff"),
        "{}",
        text(&config.stdout)
    );
    let path = dir.join("plan.ron");
    let mut plan = load_path(&path).unwrap();
    let moved = plan.milestones[0].id.clone();
    plan.milestones[0].month = plan.milestones[0].month.plus(6);
    save_path(&plan, &path).unwrap();

    let diff = run_in(dir, "git", &["diff", "--ext-diff", "plan.ron"]);
    assert!(diff.status.success(), "{}", text(&diff.stderr));
    let shown = text(&diff.stdout);
    assert!(shown.contains(&moved), "{shown}");
    assert!(shown.contains("+6 months"), "{shown}");
    assert!(!shown.contains("@@"), "a plan diff, not RON lines: {shown}");

    let commit = run_in(dir, "git", &["commit", "-q", "-am", "later"]);
    assert!(commit.status.success(), "{}", text(&commit.stderr));
    let log = run_in(dir, "git", &["log", "-p", "--ext-diff", "-1"]);
    assert!(
        text(&log.stdout).contains("+6 months"),
        "{}",
        text(&log.stdout)
    );
}
