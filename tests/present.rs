//! Presentation mode driven through the real editor with egui_kittest: F5, stepping, Esc.

mod common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stackplan::io::example_plan;
use stackplan::model::{ItemKind, Stop};
use stackplan::ui::{Command, DataFolder, Selection, StackplanApp};

fn harness(app: StackplanApp) -> Harness<'static, StackplanApp> {
    common::harness_sized(app, 1280.0, 800.0)
}

fn press(h: &mut Harness<'static, StackplanApp>, key: egui::Key) {
    h.key_press(key);
    h.run();
}

fn focus(h: &Harness<'static, StackplanApp>) -> Option<String> {
    h.state()
        .presentation()
        .and_then(|p| p.focus().map(str::to_owned))
}

#[test]
fn f5_enters_and_the_third_stop_focuses_the_second_milestone_by_date() {
    let data = tempfile::tempdir().unwrap();
    let app = StackplanApp::with_plan(example_plan().unwrap(), DataFolder::at(data.path()));
    let mut h = harness(app);
    assert!(h.state().presentation().is_none());
    press(&mut h, egui::Key::F5);
    let stops = h.state().presentation().unwrap().deck().slides().len();
    // The example has 19 milestones: overview + 19 + summary.
    assert_eq!(stops, 21);
    h.get_by_label(&format!("1 / {stops}"));
    assert_eq!(focus(&h), None, "the first stop is the overview");
    press(&mut h, egui::Key::ArrowRight);
    assert_eq!(focus(&h).as_deref(), Some("eu-region-move"));
    press(&mut h, egui::Key::PageDown);
    assert_eq!(focus(&h).as_deref(), Some("licensed-llm-live"));
    h.get_by_label(&format!("3 / {stops}"));
    assert_eq!(
        h.state().view().selection,
        Some(Selection::new(ItemKind::Milestone, "licensed-llm-live")),
        "the focused milestone is selected while presenting"
    );
    press(&mut h, egui::Key::End);
    h.get_by_label(&format!("{stops} / {stops}"));
    press(&mut h, egui::Key::Home);
    h.get_by_label(&format!("1 / {stops}"));
    press(&mut h, egui::Key::Num3);
    press(&mut h, egui::Key::Enter);
    assert_eq!(focus(&h).as_deref(), Some("licensed-llm-live"));
    press(&mut h, egui::Key::ArrowLeft);
    assert_eq!(focus(&h).as_deref(), Some("eu-region-move"));
}

#[test]
fn esc_restores_the_editor_view_and_selection() {
    let data = tempfile::tempdir().unwrap();
    let app = StackplanApp::with_plan(example_plan().unwrap(), DataFolder::at(data.path()));
    let mut h = harness(app);
    h.state_mut()
        .select(Some(Selection::new(ItemKind::Investment, "cluster-1")));
    h.state_mut().view_mut().panels.inspector = false;
    h.state_mut().view_mut().first_month = 24_300.5;
    h.run();
    let before = h.state().view().clone();
    h.state_mut().run(Command::Present);
    h.run();
    press(&mut h, egui::Key::Space);
    press(&mut h, egui::Key::Space);
    assert_ne!(h.state().view(), &before, "presenting shows the stop");
    press(&mut h, egui::Key::Escape);
    assert!(h.state().presentation().is_none());
    assert_eq!(h.state().view(), &before);
    h.run();
    assert_eq!(
        h.state().view().selection,
        Some(Selection::new(ItemKind::Investment, "cluster-1"))
    );
}

#[test]
fn a_click_advances() {
    let data = tempfile::tempdir().unwrap();
    let app = StackplanApp::with_plan(example_plan().unwrap(), DataFolder::at(data.path()));
    let mut h = harness(app);
    press(&mut h, egui::Key::F5);
    let stops = h.state().presentation().unwrap().deck().slides().len();
    h.get_by_label(&format!("1 / {stops}")).click();
    h.run();
    h.get_by_label(&format!("2 / {stops}"));
}

#[test]
fn a_plan_with_saved_stops_presents_them_in_their_order() {
    let data = tempfile::tempdir().unwrap();
    let mut plan = example_plan().unwrap();
    let stop = |title: &str, focus: Option<&str>| Stop {
        title: title.to_owned(),
        from: "2030-01".parse().unwrap(),
        to: "2032-12".parse().unwrap(),
        layers: Vec::new(),
        focus: focus.map(str::to_owned),
        notes: format!("notes for {title}"),
    };
    plan.stops = vec![
        stop("Where we end", Some("licensed-llm-live")),
        stop("The window", None),
        stop("Where we start", Some("eu-region-move")),
    ];
    let app = StackplanApp::with_plan(plan, DataFolder::at(data.path()));
    let mut h = harness(app);
    press(&mut h, egui::Key::F5);
    let titles: Vec<String> = h
        .state()
        .presentation()
        .unwrap()
        .deck()
        .slides()
        .iter()
        .map(|s| s.stop.title.clone())
        .collect();
    assert_eq!(titles, ["Where we end", "The window", "Where we start"]);
    assert_eq!(focus(&h).as_deref(), Some("licensed-llm-live"));
    press(&mut h, egui::Key::N);
    assert!(h.state().presentation().unwrap().deck().notes_shown());
    press(&mut h, egui::Key::ArrowRight);
    press(&mut h, egui::Key::ArrowRight);
    assert_eq!(focus(&h).as_deref(), Some("eu-region-move"));
    h.get_by_label("3 / 3");
}
