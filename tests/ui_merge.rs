//! The editor and merges: the Resolve conflicts panel of a plan a merge left conflicts in, and
//! the offer to reload (or, with unsaved edits, merge) when the open file changes on disk.

mod common;

use std::path::{Path, PathBuf};

use common::{click, command, run_in, select, type_into};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use stackplan::analysis::merge::merge;
use stackplan::model::{ItemKind, Roadmap};
use stackplan::ui::{Command, DataFolder, Selection, StackplanApp};

fn plan() -> Roadmap {
    common::example_plan()
}

/// `plan` with the investment `id` changed by `change`.
fn with_investment(
    mut plan: Roadmap,
    id: &str,
    change: impl Fn(&mut stackplan::model::Investment),
) -> Roadmap {
    change(plan.investments.iter_mut().find(|i| i.id == id).unwrap());
    plan
}

/// Two conflicts: cluster-2's end (2030-06 ours, 2030-12 theirs) and the lab's title.
fn conflicted() -> Roadmap {
    let ours = with_investment(plan(), "cluster-2", |i| i.end = "2030-06".parse().unwrap());
    let ours = with_investment(ours, "lab", |i| i.title = "Lab (ours)".into());
    let theirs = with_investment(plan(), "cluster-2", |i| i.end = "2030-12".parse().unwrap());
    let theirs = with_investment(theirs, "lab", |i| i.title = "Lab (theirs)".into());
    let merged = merge(&plan(), &ours, &theirs);
    assert_eq!(merged.conflicts.len(), 2);
    merged.plan
}

/// The editor on `plan` saved in `dir/plan.ron`, opened from that file.
fn open(dir: &Path, plan: &Roadmap) -> (Harness<'static, StackplanApp>, PathBuf) {
    let file = dir.join("plan.ron");
    stackplan::io::save_path(plan, &file).unwrap();
    let app = StackplanApp::with_file(&file, DataFolder::at(dir.join("data"))).unwrap();
    let mut h = common::harness_sized(app, 1400.0, 800.0);
    h.state_mut().view_mut().panels.register = false;
    h.run();
    (h, file)
}

/// Whether the canvas paints an item named `label` (its accessible node lies on the canvas).
fn on_canvas(h: &Harness<'static, StackplanApp>, label: &str) -> bool {
    let canvas = h.get_by_label("Roadmap canvas").rect();
    h.query_all_by_label(label)
        .any(|n| canvas.contains_rect(n.rect()))
}

/// Clicks the button `label` of the conflict row headed `heading` (the button is named
/// after its row for screen readers: "Take theirs: Investment “Lab” · title").
fn click_in_row(h: &mut Harness<'static, StackplanApp>, heading: &str, label: &str) {
    h.get_by_label(heading);
    h.get_by_label(&format!("{label}: {heading}")).click();
    h.run();
}

/// How many buttons have a name starting with `start`.
fn buttons(h: &Harness<'static, StackplanApp>, start: &str) -> usize {
    h.query_all_by_role(egui::accesskit::Role::Button)
        .filter(|b| {
            b.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with(start))
        })
        .count()
}

const LAB_ROW: &str = "Investment “Lab (ours)” · title";
const END_ROW: &str = "Investment “National GPU cluster, phase 2” · end";

#[test]
fn a_plan_with_conflicts_opens_with_one_row_per_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let (h, _) = open(dir.path(), &conflicted());
    h.get_by_label("Resolve conflicts");
    h.get_by_label_contains("2 conflicts left by a merge");
    h.get_by_label(END_ROW);
    h.get_by_label(LAB_ROW);
    for value in [
        "2029-12",
        "2030-06",
        "2030-12",
        "Lab (theirs)",
        "Language technology lab",
    ] {
        assert!(
            h.query_all_by_label(value).next().is_some(),
            "{value} is shown"
        );
    }
    assert_eq!(buttons(&h, "Take theirs: "), 2);
    assert_eq!(buttons(&h, "Keep ours: "), 2);
    assert!(on_canvas(&h, "Lab (ours)"), "the plan holds ours");
}

#[test]
fn taking_theirs_is_one_undoable_edit_that_the_canvas_paints() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open(dir.path(), &conflicted());
    click_in_row(&mut h, LAB_ROW, "Take theirs");
    assert_eq!(
        h.state().plan().investment("lab").unwrap().title,
        "Lab (theirs)"
    );
    assert!(on_canvas(&h, "Lab (theirs)") && !on_canvas(&h, "Lab (ours)"));
    assert!(
        h.query_by_label_contains("· title").is_none(),
        "its row is gone"
    );
    assert_eq!(buttons(&h, "Take theirs: "), 1);
    h.get_by_label_contains("1 conflict left by a merge");

    command(&mut h, Command::Undo);
    assert!(on_canvas(&h, "Lab (ours)"));
    h.get_by_label(LAB_ROW);
    assert_eq!(buttons(&h, "Take theirs: "), 2);
}

#[test]
fn saving_with_none_left_writes_no_conflicts_list() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, file) = open(dir.path(), &conflicted());
    click_in_row(&mut h, END_ROW, "Take theirs");
    click_in_row(&mut h, LAB_ROW, "Keep ours");
    assert!(
        h.query_by_label("Resolve conflicts").is_none(),
        "the panel closes"
    );
    command(&mut h, Command::Save);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains("conflicts"), "{text}");
    let saved = stackplan::io::load_str(&text).unwrap();
    assert_eq!(
        saved.investment("cluster-2").unwrap().end,
        "2030-12".parse().unwrap()
    );
    assert_eq!(saved.investment("lab").unwrap().title, "Lab (ours)");
}

#[test]
fn edit_shows_the_item_in_the_inspector_and_the_edited_value_can_be_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open(dir.path(), &conflicted());
    click_in_row(&mut h, LAB_ROW, "Edit");
    assert_eq!(
        h.state().view().selection,
        Some(Selection::new(ItemKind::Investment, "lab"))
    );
    let field = h.get_by_label("Title");
    assert_eq!(field.value().as_deref(), Some("Lab (ours)"));
    type_into(&mut h, "Title", " and theirs");
    let row = "Investment “Lab (ours) and theirs” · title";
    h.get_by_label("Now");
    click_in_row(&mut h, row, "Keep edited");
    assert_eq!(
        h.state().plan().investment("lab").unwrap().title,
        "Lab (ours) and theirs"
    );
    assert!(h.query_by_label(row).is_none());
    assert!(on_canvas(&h, "Lab (ours) and theirs"));
}

/// Lets the editor run for `seconds` (frames a quarter second apart).
fn wait(h: &mut Harness<'static, StackplanApp>, seconds: f32) {
    for _ in 0..(seconds * 4.0).ceil() as usize {
        h.step();
    }
    h.run();
}

#[test]
fn a_file_changed_on_disk_is_offered_for_reload() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, file) = open(dir.path(), &plan());
    wait(&mut h, 1.5);
    assert!(
        h.query_by_label_contains("changed on disk").is_none(),
        "nothing changed yet"
    );
    let renamed = with_investment(plan(), "lab", |i| i.title = "Lab renamed on disk".into());
    stackplan::io::save_path(&renamed, &file).unwrap();
    wait(&mut h, 1.5);
    h.get_by_label("“plan.ron” changed on disk.");
    click(&mut h, "Reload");
    assert_eq!(h.state().plan(), &renamed);
    assert!(on_canvas(&h, "Lab renamed on disk"));
    assert!(
        !h.state().title().contains('•'),
        "the reloaded plan is the saved one"
    );
    assert!(
        h.query_by_label_contains("changed on disk").is_none(),
        "the offer is answered"
    );
    wait(&mut h, 1.5);
    assert!(
        h.query_by_label_contains("changed on disk").is_none(),
        "and not made again"
    );
}

/// Types `text` at the end of the lab's title in the inspector (an unsaved edit).
fn edit_lab_title(h: &mut Harness<'static, StackplanApp>, text: &str) {
    select(h, ItemKind::Investment, "lab");
    type_into(h, "Title", text);
    h.state_mut().select(None);
    h.run();
}

/// The plan open from a file in `dir` with " (ours)" typed after the lab's title, while
/// someone else saves it with cluster-2 retitled: the editor, the file and their plan.
fn edited_while_the_disk_changes(dir: &Path) -> (Harness<'static, StackplanApp>, PathBuf, Roadmap) {
    let (mut h, file) = open(dir, &plan());
    edit_lab_title(&mut h, " (ours)");
    let theirs = with_investment(plan(), "cluster-2", |i| {
        i.title = "Phase two, from disk".into()
    });
    stackplan::io::save_path(&theirs, &file).unwrap();
    (h, file, theirs)
}

/// Asserts that `plan` has both edits of [`edited_while_the_disk_changes`]: our lab title and
/// their cluster-2 title.
fn assert_has_both_edits(plan: &Roadmap) {
    assert_eq!(
        plan.investment("lab").unwrap().title,
        "Language technology lab (ours)"
    );
    assert_eq!(
        plan.investment("cluster-2").unwrap().title,
        "Phase two, from disk"
    );
}

#[test]
fn with_unsaved_edits_the_change_on_disk_is_merged_keeping_both() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, file, _) = edited_while_the_disk_changes(dir.path());
    wait(&mut h, 1.5);
    h.get_by_label_contains("changed on disk, and this window has unsaved edits");
    assert!(
        h.query_by_label("Reload").is_none(),
        "no reload that drops the edits"
    );
    click(&mut h, "Merge");
    let merged = h.state().plan().clone();
    assert_has_both_edits(&merged);
    assert!(merged.conflicts.is_empty());
    assert!(on_canvas(&h, "Language technology lab (ours)"));
    assert!(on_canvas(&h, "Phase two, from disk"));
    assert!(
        h.state().title().contains('•'),
        "the merge is not saved yet"
    );
    assert!(h.query_by_label("Resolve conflicts").is_none());
    let recovered = DataFolder::at(dir.path().join("data")).recovery().unwrap();
    assert_eq!(
        recovered.plan, merged,
        "the recovery file keeps the edits until saved"
    );

    command(&mut h, Command::Save);
    assert_eq!(stackplan::io::load_path(&file).unwrap(), merged);
    assert!(DataFolder::at(dir.path().join("data")).recovery().is_none());
    wait(&mut h, 1.5);
    assert!(
        h.query_by_label_contains("changed on disk").is_none(),
        "our own save is no change"
    );
}

#[test]
fn a_clash_with_the_disk_goes_into_the_resolve_panel() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, file) = open(dir.path(), &plan());
    edit_lab_title(&mut h, " (ours)");
    let theirs = with_investment(plan(), "lab", |i| i.title = "Lab (theirs)".into());
    stackplan::io::save_path(&theirs, &file).unwrap();
    wait(&mut h, 1.5);
    click(&mut h, "Merge");
    h.get_by_label("Resolve conflicts");
    let row = "Investment “Language technology lab (ours)” · title";
    h.get_by_label(row);
    assert!(
        on_canvas(&h, "Language technology lab (ours)"),
        "ours until resolved"
    );
    click_in_row(&mut h, row, "Take theirs");
    assert!(on_canvas(&h, "Lab (theirs)"));
    assert!(h.query_by_label("Resolve conflicts").is_none());
    assert_eq!(h.state().plan().conflicts, []);
}

#[test]
fn an_unreadable_change_on_disk_is_said_and_the_plan_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, file) = open(dir.path(), &plan());
    std::fs::write(&file, "<<<<<<< ours\nRoadmap(\n").unwrap();
    wait(&mut h, 1.5);
    h.get_by_label_contains("changed on disk but cannot be read");
    assert_eq!(h.state().plan(), &plan());
    click(&mut h, "Ignore");
    assert!(h.query_by_label_contains("changed on disk").is_none());
}

#[test]
fn a_file_git_left_conflicted_opens_in_the_resolve_panel() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    let git = |args: &[&str]| run_in(&repo, "git", args);
    git(&["init", "-q", "-b", "main"]);
    git(&["config", "user.email", "planner@example.org"]);
    git(&["config", "user.name", "Planner"]);
    let install = run_in(
        &repo,
        env!("CARGO_BIN_EXE_stackplan"),
        &["merge", "--install"],
    );
    assert!(install.status.success(), "{install:?}");
    let file = repo.join("plan.ron");
    stackplan::io::save_path(&plan(), &file).unwrap();
    git(&["add", "plan.ron", ".gitattributes"]);
    git(&["commit", "-q", "-m", "plan"]);
    for (branch, title) in [("ours", "Lab (ours)"), ("theirs", "Lab (theirs)")] {
        git(&["checkout", "-q", "-b", branch, "main"]);
        let edited = with_investment(plan(), "lab", |i| i.title = title.into());
        stackplan::io::save_path(&edited, &file).unwrap();
        git(&["commit", "-q", "-am", branch]);
    }
    git(&["checkout", "-q", "ours"]);
    assert!(!git(&["merge", "--no-edit", "theirs"]).status.success());

    let app = StackplanApp::with_file(&file, DataFolder::at(dir.path().join("data"))).unwrap();
    let mut h = common::harness_sized(app, 1400.0, 800.0);
    h.get_by_label("Resolve conflicts");
    click_in_row(&mut h, LAB_ROW, "Take theirs");
    assert!(on_canvas(&h, "Lab (theirs)"));
    command(&mut h, Command::Save);
    git(&["add", "plan.ron"]);
    assert!(git(&["commit", "-q", "--no-edit"]).status.success());
    let committed = stackplan::io::load_path(&file).unwrap();
    assert_eq!(committed.investment("lab").unwrap().title, "Lab (theirs)");
    assert!(committed.conflicts.is_empty());
}

#[test]
fn saving_right_after_a_change_on_disk_offers_the_merge_instead_of_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, file, theirs) = edited_while_the_disk_changes(dir.path());
    command(&mut h, Command::Save);
    assert_eq!(
        stackplan::io::load_path(&file).unwrap(),
        theirs,
        "not overwritten"
    );
    h.get_by_label_contains("changed on disk, and this window has unsaved edits");
    click(&mut h, "Merge");
    command(&mut h, Command::Save);
    let saved = stackplan::io::load_path(&file).unwrap();
    assert_has_both_edits(&saved);
    assert!(!h.state().title().contains('•'));
}
