//! Recovery after a real crash: an editor process is killed (SIGKILL) while the user edits;
//! the next start offers the autosaved work, restoring it brings the edits back, and declining
//! removes the recovery file for good.
//!
//! The editor runs in a child process (this test binary started again with
//! `STACKPLAN_EDITOR_CHILD` set), driven through egui_kittest with the real autosave timer,
//! and is killed at a random moment after its first autosave.

#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::click;
use stackplan::model::{ItemKind, Month, Roadmap};
use stackplan::ui::{DataFolder, Dialog, Selection, StackplanApp};

const CHILD_ENV: &str = "STACKPLAN_EDITOR_CHILD";
const EDITED: &str = "own-model";

fn plan() -> Roadmap {
    common::example_plan()
}

fn month_of(plan: &Roadmap) -> Month {
    plan.milestone(EDITED).unwrap().month
}

/// In the child: edit forever (nudging a milestone a month at a time, frames at 60 Hz of
/// simulated time), telling the parent after each autosave.
#[test]
fn editor_child() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let app = StackplanApp::with_plan(plan(), DataFolder::at(&dir));
    let mut h = common::harness(app);
    h.state_mut()
        .select(Some(Selection::new(ItemKind::Milestone, EDITED)));
    let recovery = Path::new(&dir).join("recovery.ron");
    let mut last_seen = None;
    for round in 0.. {
        // Three simulated minutes without an autosave: give up, so the parent fails, not hangs.
        if last_seen.is_none() && round > 500 {
            std::process::exit(3);
        }
        h.key_press(egui::Key::ArrowRight);
        for _ in 0..20 {
            h.step();
        }
        let stamp = std::fs::metadata(&recovery).and_then(|m| m.modified()).ok();
        if stamp.is_some() && stamp != last_seen {
            last_seen = stamp;
            println!("autosaved");
        }
    }
}

/// Starts an editing child on `data` and kills it at a random moment after its first
/// autosave, while it is still editing.
fn crash_while_editing(data: &Path, seed: u64) {
    let mut child: Child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "editor_child", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let autosaved = lines.any(|l| l.is_ok_and(|l| l.contains("autosaved")));
    assert!(autosaved, "the editor never autosaved");
    // Keep editing for a random while (0–1.5 s), then pull the plug.
    std::thread::sleep(Duration::from_millis(seed * 7919 % 1500));
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
}

fn start_editor(data: &Path) -> egui_kittest::Harness<'static, StackplanApp> {
    common::harness(StackplanApp::with_plan(plan(), DataFolder::at(data)))
}

#[test]
fn work_of_a_killed_editor_is_offered_and_restored() {
    let data = tempfile::tempdir().unwrap();
    crash_while_editing(data.path(), 1);
    let kept = stackplan::io::load_path(&data.path().join("recovery.ron"))
        .expect("the recovery file is a whole plan, never a torn one");
    assert!(
        month_of(&kept) > month_of(&plan()),
        "the recovery file holds the edits"
    );

    let mut h = start_editor(data.path());
    assert!(
        matches!(h.state().dialog(), Some(Dialog::Recovery(_))),
        "the next start offers the unsaved work"
    );
    click(&mut h, "Restore");
    assert_eq!(month_of(h.state().plan()), month_of(&kept));
    assert!(
        h.state().document().is_modified(),
        "restored work is unsaved"
    );
}

#[test]
fn declining_the_recovery_removes_it() {
    let data = tempfile::tempdir().unwrap();
    crash_while_editing(data.path(), 2);
    let mut h = start_editor(data.path());
    assert!(matches!(h.state().dialog(), Some(Dialog::Recovery(_))));
    click(&mut h, "Discard");
    assert_eq!(month_of(h.state().plan()), month_of(&plan()));
    assert!(!data.path().join("recovery.ron").exists());
    drop(h);

    let h = start_editor(data.path());
    assert!(
        h.state().dialog().is_none(),
        "nothing is offered once declined"
    );
}
