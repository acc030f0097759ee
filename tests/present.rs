//! Presentation mode driven through the real editor with egui_kittest: F5, stepping, Esc.

mod common;

use common::{click, command, harness, press, type_into};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use stackplan::io::example_plan;
use stackplan::model::{ItemKind, Stop};
use stackplan::ui::{Command, DataFolder, Selection, StackplanApp};

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
    // The example has 19 milestones and names jurisdictions: overview + 19 + sovereignty +
    // summary.
    assert_eq!(stops, 22);
    h.get_by_label_contains(&format!("Stop 1 of {stops}: "));
    assert_eq!(focus(&h), None, "the first stop is the overview");
    press(&mut h, egui::Key::ArrowRight);
    assert_eq!(focus(&h).as_deref(), Some("eu-region-move"));
    press(&mut h, egui::Key::PageDown);
    assert_eq!(focus(&h).as_deref(), Some("licensed-llm-live"));
    h.get_by_label_contains(&format!("Stop 3 of {stops}: "));
    assert_eq!(
        h.state().view().selection,
        Some(Selection::new(ItemKind::Milestone, "licensed-llm-live")),
        "the focused milestone is selected while presenting"
    );
    press(&mut h, egui::Key::End);
    h.get_by_label_contains(&format!("Stop {stops} of {stops}: "));
    press(&mut h, egui::Key::Home);
    h.get_by_label_contains(&format!("Stop 1 of {stops}: "));
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
    command(&mut h, Command::Present);
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
    h.get_by_label_contains(&format!("Stop 1 of {stops}: "))
        .click();
    h.run();
    h.get_by_label_contains(&format!("Stop 2 of {stops}: "));
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
        view: stackplan::model::StopView::Chart,
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
    h.get_by_label_contains("Stop 3 of 3: ");
}

fn stop_titles(h: &Harness<'static, StackplanApp>) -> Vec<String> {
    h.state()
        .plan()
        .stops
        .iter()
        .map(|s| s.title.clone())
        .collect()
}

/// Shows the months from `first` at `ppm` points a month, `selection` selected.
fn look_at(
    h: &mut Harness<'static, StackplanApp>,
    first: &str,
    ppm: f32,
    selection: Option<Selection>,
) {
    let view = h.state_mut().view_mut();
    view.first_month = first.parse::<stackplan::model::Month>().unwrap().index() as f32;
    view.points_per_month = ppm;
    view.fitted_width = None;
    view.fit_pending = false;
    view.selection = selection;
    h.run();
}

fn stops_panel() -> Harness<'static, StackplanApp> {
    let data = tempfile::tempdir().unwrap();
    let app = StackplanApp::with_plan(example_plan().unwrap(), DataFolder::at(data.path()));
    let mut h = harness(app);
    click(&mut h, "View");
    click(&mut h, "Show stops");
    assert!(
        h.state().view().panels.stops,
        "View > Show stops opens the panel"
    );
    h
}

#[test]
fn add_current_view_saves_the_window_and_selection_as_a_stop() {
    let mut h = stops_panel();
    h.get_by_label_contains("default stops are in use");
    look_at(
        &mut h,
        "2029-01",
        10.0,
        Some(Selection::new(ItemKind::Milestone, "licensed-llm-live")),
    );
    assert!(!h.state().document().is_modified());
    click(&mut h, "Add current view");
    let stops = &h.state().plan().stops;
    assert_eq!(stops.len(), 1);
    let stop = &stops[0];
    assert_eq!(stop.from.to_string(), "2029-01");
    assert_eq!(stop.focus.as_deref(), Some("licensed-llm-live"));
    assert_eq!(stop.title, "Licensed closed model on local servers");
    // Beside three panels the canvas is a few hundred points wide: at 10 points a month
    // that is one to five years.
    let months = stop.from.months_until(stop.to) + 1;
    assert!((12..=60).contains(&months), "{months} months");
    assert!(h.state().document().is_modified());
    h.get_by_label("Stop 1 title");

    command(&mut h, Command::Undo);
    assert!(h.state().plan().stops.is_empty(), "adding is undoable");
}

#[test]
fn stops_are_reordered_renamed_and_deleted_with_undo() {
    let mut h = stops_panel();
    look_at(&mut h, "2027-01", 30.0, None);
    click(&mut h, "Add current view");
    look_at(
        &mut h,
        "2030-01",
        30.0,
        Some(Selection::new(ItemKind::Milestone, "eu-region-move")),
    );
    click(&mut h, "Add current view");
    let first = stop_titles(&h)[0].clone();
    assert!(first.starts_with("2027-01 to "), "{first}");
    assert_eq!(
        stop_titles(&h)[1],
        "Public services moved to EU cloud region"
    );

    click(&mut h, "Move stop 2 up");
    assert_eq!(stop_titles(&h)[1], first);
    assert_eq!(
        h.state().plan().stops[0].focus.as_deref(),
        Some("eu-region-move")
    );

    type_into(&mut h, "Stop 2 title", " (context)");
    assert_eq!(stop_titles(&h)[1], format!("{first} (context)"));
    type_into(&mut h, "Stop 2 notes", "Mention the budget.");
    assert_eq!(h.state().plan().stops[1].notes, "Mention the budget.");

    click(&mut h, "Delete stop 1");
    assert_eq!(stop_titles(&h), [format!("{first} (context)")]);

    command(&mut h, Command::Undo);
    assert_eq!(stop_titles(&h).len(), 2, "delete undone");
    command(&mut h, Command::Undo);
    assert_eq!(
        h.state().plan().stops[1].notes,
        "",
        "notes typing is one step"
    );
    command(&mut h, Command::Undo);
    assert_eq!(stop_titles(&h)[1], first, "title typing is one step");
    command(&mut h, Command::Undo);
    assert_eq!(stop_titles(&h)[0], first, "reorder undone");

    // The presentation uses the saved stops.
    press(&mut h, egui::Key::F5);
    let deck = h.state().presentation().unwrap().deck().slides().len();
    assert_eq!(deck, 2);
}

#[test]
fn a_saved_stop_switched_to_the_sovereignty_view_presents_the_heatmap_and_undo_switches_back() {
    let mut h = stops_panel();
    look_at(&mut h, "2027-01", 30.0, None);
    click(&mut h, "Add current view");
    click(&mut h, "Stop 1 shows the sovereignty view");
    assert_eq!(
        h.state().plan().stops[0].view,
        stackplan::model::StopView::Sovereignty
    );
    let texts = presented_texts(&mut h);
    assert!(
        texts.iter().any(|t| t == "Weakest link by layer over time"),
        "the heatmap is painted: {texts:?}"
    );
    press(&mut h, egui::Key::Escape);
    command(&mut h, Command::Undo);
    assert_eq!(
        h.state().plan().stops[0].view,
        stackplan::model::StopView::Chart
    );
    let texts = presented_texts(&mut h);
    assert!(
        !texts.iter().any(|t| t == "Weakest link by layer over time"),
        "the chart again: {texts:?}"
    );
}

#[test]
fn the_default_stops_can_be_saved_for_editing() {
    let mut h = stops_panel();
    h.get_by_label("Save the default stops to edit them")
        .click();
    h.run();
    let defaults = stackplan::analysis::stops::default_stops(&example_plan().unwrap());
    assert_eq!(h.state().plan().stops, defaults);
    h.get_by_label("Stop 22 title");
    let ticked = h.get_by_label("Stop 21 shows the sovereignty view");
    assert_eq!(
        ticked.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True),
        "the saved sovereignty stop keeps its view"
    );
}

#[test]
fn p_opens_the_presenter_view_with_current_and_next_stop_and_notes() {
    let data = tempfile::tempdir().unwrap();
    let mut plan = example_plan().unwrap();
    let stop = |title: &str, notes: &str| Stop {
        title: title.to_owned(),
        from: "2027-01".parse().unwrap(),
        to: "2029-12".parse().unwrap(),
        layers: Vec::new(),
        focus: None,
        notes: notes.to_owned(),
        view: stackplan::model::StopView::Chart,
    };
    plan.stops = vec![
        stop("Opening", "Thank the committee."),
        stop("The cloud move", "Stress the trade."),
        stop("Closing", ""),
    ];
    let app = StackplanApp::with_plan(plan, DataFolder::at(data.path()));
    let mut h = harness(app);
    press(&mut h, egui::Key::F5);
    assert!(!h.state().presentation().unwrap().presenter_shown());
    press(&mut h, egui::Key::P);
    h.run();
    assert!(h.state().presentation().unwrap().presenter_shown());
    h.get_by_label("Stackplan — presenter");
    h.get_by_label("Opening");
    h.get_by_label("The cloud move");
    h.get_by_label("Thank the committee.");
    h.get_by_label_contains("elapsed");

    press(&mut h, egui::Key::ArrowRight);
    h.run();
    assert_eq!(
        h.get_all_by_label("2 / 3").count(),
        1,
        "the presenter view moved on"
    );
    h.get_by_label_contains("Stop 2 of 3: ");
    h.get_by_label("Stress the trade.");
    h.get_by_label("Closing");
    press(&mut h, egui::Key::ArrowRight);
    h.run();
    h.get_by_label("(end of the presentation)");
    h.get_by_label("(no speaker notes for this stop)");

    press(&mut h, egui::Key::P);
    h.run();
    assert!(!h.state().presentation().unwrap().presenter_shown());
    assert!(h.query_by_label("Stackplan — presenter").is_none());
}

#[test]
fn presenting_a_blank_plan_in_a_tiny_window_and_a_large_plan_does_not_fail() {
    let data = tempfile::tempdir().unwrap();
    let blank = stackplan::model::Roadmap::blank(
        "Blank",
        stackplan::model::Horizon {
            start: "2026-01".parse().unwrap(),
            end: "2026-03".parse().unwrap(),
        },
    );
    let app = StackplanApp::with_plan(blank, DataFolder::at(data.path()));
    let mut h = common::harness_sized(app, 320.0, 200.0);
    press(&mut h, egui::Key::F5);
    press(&mut h, egui::Key::N);
    press(&mut h, egui::Key::P);
    for _ in 0..3 {
        press(&mut h, egui::Key::ArrowRight);
    }
    assert!(
        h.get_all_by_label("2 / 2").count() >= 1,
        "stepping stops at the summary"
    );

    let large = stackplan::generate::large_plan(3000, 7);
    let app = StackplanApp::with_plan(large, DataFolder::at(data.path()));
    let mut h = harness(app);
    press(&mut h, egui::Key::F5);
    let stops = h.state().presentation().unwrap().deck().slides().len();
    assert!(stops > 10);
    for key in [egui::Key::ArrowRight, egui::Key::ArrowRight, egui::Key::End] {
        press(&mut h, key);
    }
    h.get_by_label_contains(&format!("Stop {stops} of {stops}: "));
}

#[test]
fn a_stop_can_hide_layers_and_undo_shows_them_again() {
    let mut h = stops_panel();
    look_at(&mut h, "2027-01", 30.0, None);
    click(&mut h, "Add current view");
    click(&mut h, "Layers shown");
    click(&mut h, "Stop 1 shows Chips");
    let layers = h.state().plan().stops[0].layers.clone();
    assert!(
        !layers.is_empty() && !layers.contains(&"chips".to_owned()),
        "{layers:?}"
    );
    assert_eq!(layers.len(), h.state().plan().layers.len() - 1);
    command(&mut h, Command::Undo);
    assert!(
        h.state().plan().stops[0].layers.is_empty(),
        "every layer again"
    );
}

#[test]
fn odd_saved_stops_present_without_failing() {
    let data = tempfile::tempdir().unwrap();
    let mut plan = example_plan().unwrap();
    let month = |y| stackplan::model::Month::new(y, 1).unwrap();
    let stop = |from, to, focus: Option<&str>, title: &str| Stop {
        title: title.to_owned(),
        from,
        to,
        layers: vec!["no-such-layer".into()],
        focus: focus.map(str::to_owned),
        notes: "word ".repeat(3000),
        view: stackplan::model::StopView::Chart,
    };
    plan.stops = vec![
        stop(month(1000), month(9000), None, ""),
        stop(month(2030), month(2020), Some("nothing"), "Backwards"),
        stop(
            month(2030),
            month(2030),
            Some("licensed-llm-live"),
            &"x".repeat(400),
        ),
        Stop {
            view: stackplan::model::StopView::Sovereignty,
            ..stop(month(1000), month(9000), None, "Sovereignty of no layer")
        },
    ];
    let app = StackplanApp::with_plan(plan, DataFolder::at(data.path()));
    let mut h = harness(app);
    press(&mut h, egui::Key::F5);
    press(&mut h, egui::Key::N);
    press(&mut h, egui::Key::P);
    for _ in 0..3 {
        press(&mut h, egui::Key::ArrowRight);
        std::thread::sleep(std::time::Duration::from_millis(100));
        h.run();
    }
    assert_eq!(h.get_all_by_label("4 / 4").count(), 1, "the presenter view");
    h.get_by_label_contains("Stop 4 of 4: ");
}

/// What the last frame painted: the smallest visible text size, what was painted beyond the
/// `screen` or cut by its clip rectangle, and every visible text.
#[derive(Default)]
struct Painted {
    min: f32,
    bad: Vec<String>,
    texts: Vec<String>,
}

fn painted(h: &Harness<'static, StackplanApp>, screen: egui::Rect) -> Painted {
    fn walk(shape: &egui::Shape, clip: egui::Rect, screen: egui::Rect, out: &mut Painted) {
        let bounds = shape.visual_bounding_rect();
        if !bounds.is_positive() || !clip.intersects(bounds) {
            return;
        }
        match shape {
            egui::Shape::Vec(shapes) => {
                for s in shapes {
                    walk(s, clip, screen, out);
                }
            }
            egui::Shape::Text(text) => {
                let job = &text.galley.job;
                for section in &job.sections {
                    let range = section.byte_range.start.0..section.byte_range.end.0;
                    let words = job.text.get(range).unwrap_or("");
                    if !words.trim().is_empty() {
                        out.min = out.min.min(section.format.font_id.size);
                    }
                }
                let shown = job.text.trim();
                if shown.is_empty() {
                    return;
                }
                out.texts.push(shown.to_owned());
                if !clip.expand(1.0).contains_rect(bounds) {
                    out.bad
                        .push(format!("text {shown:?} at {bounds:?} cut by {clip:?}"));
                }
                if !screen.expand(1.0).contains_rect(bounds) {
                    out.bad
                        .push(format!("text {shown:?} at {bounds:?} off the screen"));
                }
            }
            _ => {
                if !screen.expand(1.0).contains_rect(bounds.intersect(clip)) {
                    out.bad.push(format!("shape at {bounds:?} off the screen"));
                }
            }
        }
    }
    let mut out = Painted {
        min: f32::INFINITY,
        ..Painted::default()
    };
    for clipped in &h.output().shapes {
        walk(&clipped.shape, clipped.clip_rect, screen, &mut out);
    }
    out
}

/// The bundled example presented (F5) in a 1600 × 1000 window, and its number of stops.
fn presenting_at_1600_by_1000(data: &std::path::Path) -> (Harness<'static, StackplanApp>, usize) {
    let app = StackplanApp::with_plan(example_plan().unwrap(), DataFolder::at(data));
    let mut h = common::harness_sized(app, 1600.0, 1000.0);
    press(&mut h, egui::Key::F5);
    let stops = h.state().presentation().unwrap().deck().slides().len();
    (h, stops)
}

#[test]
fn slides_at_1600_by_1000_have_no_text_under_14_px_and_nothing_cut_off() {
    let data = tempfile::tempdir().unwrap();
    let (mut h, stops) = presenting_at_1600_by_1000(data.path());
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1600.0, 1000.0));
    let check = |h: &mut Harness<'static, StackplanApp>, name: &str| {
        // Let the move between stops finish.
        for _ in 0..4 {
            h.run();
        }
        let out = painted(h, screen);
        assert!(out.min >= 14.0, "{name}: text painted at {} px", out.min);
        assert!(out.bad.is_empty(), "{name}: {:#?}", out.bad);
        out.texts
    };
    let overview = check(&mut h, "overview");
    for year in ["2026", "2030", "2035"] {
        let n = overview.iter().filter(|t| *t == year).count();
        assert!(
            n >= 2,
            "{year} labels the chart and the exposure axis: {overview:?}"
        );
    }
    for tick in ["0", "20", "40"] {
        assert!(overview.iter().any(|t| t == tick), "exposure scale {tick}");
    }
    press(&mut h, egui::Key::ArrowRight);
    let milestone = check(&mut h, "first milestone");
    assert!(
        milestone
            .iter()
            .any(|t| t.starts_with("Public services on foreign cloud"))
    );
    for n in 3..stops {
        press(&mut h, egui::Key::ArrowRight);
        check(&mut h, &format!("stop {n}"));
    }
    press(&mut h, egui::Key::End);
    h.get_by_label_contains(&format!("Stop {stops} of {stops}: "));
    check(&mut h, "summary");
}

/// Every text painted in the last frame.
/// Presses F5, lets three frames pass and reads what the presentation paints.
fn presented_texts(h: &mut Harness<'static, StackplanApp>) -> Vec<String> {
    press(h, egui::Key::F5);
    for _ in 0..3 {
        h.run();
    }
    painted_texts(h)
}

fn painted_texts(h: &Harness<'static, StackplanApp>) -> Vec<String> {
    h.output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            egui::Shape::Text(t) => Some(t.galley.text().to_owned()),
            _ => None,
        })
        .collect()
}

/// The points of the painted lines in colour `rgb`: dashes and paths alike.
fn points_in(h: &Harness<'static, StackplanApp>, rgb: [u8; 3]) -> Vec<egui::Pos2> {
    let is = |c: egui::Color32| c.to_srgba_unmultiplied()[..3] == rgb;
    let mut points = Vec::new();
    for clipped in &h.output().shapes {
        match &clipped.shape {
            egui::Shape::LineSegment { points: p, stroke } if is(stroke.color) => {
                points.extend(p);
            }
            egui::Shape::Path(path)
                if matches!(path.stroke.color, egui::epaint::ColorMode::Solid(c) if is(c))
                    && !path.closed =>
            {
                points.extend(&path.points);
            }
            _ => {}
        }
    }
    points
}

#[test]
fn while_comparing_the_last_stop_shows_both_paths_and_the_difference() {
    let data = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let load = |name: &str| stackplan::io::load_path(&root.join("roadmaps").join(name)).unwrap();
    let mut app = StackplanApp::with_plan(
        load("sovereign-stack-2035.ron"),
        DataFolder::at(data.path()),
    );
    app.compare_with(load("licensed-blackbox.ron"), "licensed-blackbox.ron");
    let mut h = harness(app);
    press(&mut h, egui::Key::F5);
    let slides = h.state().presentation().unwrap().deck().slides().len();
    assert_eq!(slides, 23, "the example's 22 stops and the comparison stop");
    press(&mut h, egui::Key::End);
    h.get_by_label_contains("Stop 23 of 23: Two paths compared.");
    let texts = painted_texts(&h);
    for expected in [
        "Two paths compared",
        "−4,052",
        "exposure-months (8,034 → 3,982)",
        "+€2.94 bn",
        "Retired only on this path (13)",
        "Valdera AI Programme: the licensed path",
    ] {
        assert!(
            texts.iter().any(|t| t.contains(expected)),
            "«{expected}» is painted: {texts:?}"
        );
    }
    assert!(
        texts.iter().any(|t| t
            == "Valdera Sovereign AI Stack 2026–2035 against Valdera AI Programme: the licensed path"),
        "the two plans under the title: {texts:?}"
    );
    // This plan solid (yellow), the licensed path dashed (light blue): at the horizon's end
    // the licensed path's 69 is drawn well above this plan's 12.
    let solid = points_in(&h, [0xFA, 0xCC, 0x15]);
    let dashed = points_in(&h, [0x93, 0xC5, 0xFD]);
    assert!(dashed.len() > 40, "a dashed curve: {} points", dashed.len());
    let rightmost = |points: &[egui::Pos2]| {
        points
            .iter()
            .copied()
            .max_by(|a, b| a.x.total_cmp(&b.x))
            .unwrap()
    };
    let (end_solid, end_dashed) = (rightmost(&solid), rightmost(&dashed));
    assert!(
        (end_solid.x - end_dashed.x).abs() < 12.0,
        "both curves run to the horizon's end: {end_solid:?} {end_dashed:?}"
    );
    assert!(
        end_dashed.y < end_solid.y - 100.0,
        "69 above 12: dashed at {end_dashed:?}, solid at {end_solid:?}"
    );
}

/// The painted rectangles filled with `rgb`.
fn rects_in(h: &Harness<'static, StackplanApp>, rgb: [u8; 3]) -> Vec<egui::Rect> {
    let is = |c: egui::Color32| c.to_srgba_unmultiplied()[..3] == rgb;
    h.output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            egui::Shape::Rect(r) if is(r.fill) => Some(r.rect),
            _ => None,
        })
        .collect()
}

#[test]
fn the_sovereignty_stop_shows_the_heatmap_and_the_shares_readable_at_1600_by_1000() {
    let data = tempfile::tempdir().unwrap();
    let (mut h, stops) = presenting_at_1600_by_1000(data.path());
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1600.0, 1000.0));
    // The example names jurisdictions: the sovereignty stop comes just before the summary.
    press(&mut h, egui::Key::End);
    press(&mut h, egui::Key::ArrowLeft);
    h.get_by_label_contains(&format!("Stop {} of {stops}: ", stops - 1));
    for _ in 0..4 {
        h.run();
    }
    if let Ok(dir) = std::env::var("STACKPLAN_LOOK") {
        h.render()
            .unwrap()
            .save(format!("{dir}/sovereignty-stop.png"))
            .unwrap();
    }
    let out = painted(&h, screen);
    assert!(out.min >= 14.0, "text painted at {} px", out.min);
    assert!(out.bad.is_empty(), "{:#?}", out.bad);
    let texts = out.texts;
    for expected in [
        "Sovereignty: weakest links and jurisdictions",
        "Weakest link by layer over time",
        "Share of exposure by jurisdiction, and its concentration (HHI)",
        "Chips",
        "Models",
        "Black box",
        "Domestic",
        "US",
        "HHI (concentration)",
        "100 %",
        "0 %",
        "2026",
        "2030",
        "2035",
        // The facts column: US holds 49 of the 57 at the start (86 %) and 9 of 12 at the
        // end (75 %); the EU-CSF score rises from 4 to 71.
        "86 % → 75 %",
        "of exposure under US, 2026-01 → 2035-12",
        "4 → 71",
        "Weakest link in 2035-12",
        "Chips: Leading-edge fabrication abroad (Black box)",
    ] {
        assert!(
            texts.iter().any(|t| t == expected),
            "«{expected}» is painted: {texts:?}"
        );
    }
    // Every heatmap row starts red or orange in 2026 (each layer has a black-box or licensed
    // dependency then) and the models row turns green by the end.
    let black_box = rects_in(&h, [0xDC, 0x26, 0x26]);
    let domestic = rects_in(&h, [0x16, 0xA3, 0x4A]);
    assert!(black_box.len() >= 2, "black-box cells: {black_box:?}");
    assert!(!domestic.is_empty(), "domestic cells");
    let left = black_box
        .iter()
        .map(|r| r.left())
        .fold(f32::INFINITY, f32::min);
    assert!(
        domestic.iter().all(|r| r.left() > left + 100.0),
        "domestic comes later: {domestic:?}"
    );
}
