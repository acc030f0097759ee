//! What a screen reader is told about the editor on the example plan: the AccessKit tree
//! egui hands to AT-SPI, UI Automation and NSAccessibility (tests/atspi.rs walks the real
//! AT-SPI tree of the running app).

mod common;

use std::collections::BTreeMap;

use common::{press, select};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use stackplan::analysis::Analysis;
use stackplan::model::{ItemKind, Month, Roadmap};
use stackplan::ui::{DataFolder, Selection, StackplanApp};

fn example() -> Roadmap {
    let file =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmaps/sovereign-stack-2035.ron");
    stackplan::io::load_path(&file).unwrap()
}

fn harness(plan: Roadmap, data: &std::path::Path) -> Harness<'static, StackplanApp> {
    let app = StackplanApp::with_plan(plan, DataFolder::at(data));
    let mut h = common::harness_sized(app, 1400.0, 860.0);
    h.run();
    h
}

/// One node as a screen reader gets it.
#[derive(Debug, Clone)]
struct Read {
    role: Role,
    name: String,
    description: String,
    rect: egui::Rect,
    focused: bool,
}

/// Every node of the tree in reading order (depth first, children in order).
fn read(h: &Harness<'static, StackplanApp>) -> Vec<Read> {
    fn walk(node: &egui_kittest::Node<'_>, out: &mut Vec<Read>) {
        let n = node.accesskit_node();
        out.push(Read {
            role: n.role(),
            name: n.label().unwrap_or_default(),
            description: n.description().unwrap_or_default(),
            focused: n.is_focused(),
            rect: n.bounding_box().map_or(egui::Rect::NOTHING, |b| {
                egui::Rect::from_min_max(
                    egui::pos2(b.x0 as f32, b.y0 as f32),
                    egui::pos2(b.x1 as f32, b.y1 as f32),
                )
            }),
        });
        for child in node.children() {
            walk(&child, out);
        }
    }
    let mut out = Vec::new();
    walk(&h.root(), &mut out);
    out
}

/// The nodes a person operates: buttons, fields, choices.
fn is_control(role: Role) -> bool {
    matches!(
        role,
        Role::Button
            | Role::CheckBox
            | Role::ColorWell
            | Role::ComboBox
            | Role::TextInput
            | Role::MultilineTextInput
            | Role::Slider
            | Role::SpinButton
            | Role::RadioButton
            | Role::Link
            | Role::Splitter
    )
}

/// Names that more than one control carries (a slider and its number field, which egui
/// names after each other, count as one control).
fn repeated_names(nodes: &[Read]) -> Vec<(String, usize)> {
    let sliders: Vec<&str> = nodes
        .iter()
        .filter(|n| n.role == Role::Slider)
        .map(|n| n.name.as_str())
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for n in nodes.iter().filter(|n| is_control(n.role)) {
        if n.role == Role::SpinButton && sliders.contains(&n.name.as_str()) {
            continue;
        }
        *counts.entry(n.name.as_str()).or_default() += 1;
    }
    counts
        .into_iter()
        .filter(|(_, c)| *c > 1)
        .map(|(n, c)| (n.to_owned(), c))
        .collect()
}

/// Whether a canvas button collapses or expands a lane (not an item of the plan).
fn is_lane_toggle(n: &Read) -> bool {
    n.name.ends_with(" lane")
        && (n.name.starts_with("Collapse the ") || n.name.starts_with("Expand the "))
}

/// The canvas items (buttons on the canvas but the lane toggles) in reading order.
fn canvas_items(nodes: &[Read]) -> Vec<Read> {
    let canvas = nodes
        .iter()
        .find(|n| n.name == "Roadmap canvas")
        .expect("the canvas has a node")
        .rect;
    nodes
        .iter()
        .filter(|n| n.role == Role::Button && canvas.contains_rect(n.rect) && !is_lane_toggle(n))
        .cloned()
        .collect()
}

fn month(text: &str) -> Month {
    text.parse().unwrap()
}

#[test]
fn every_canvas_item_says_its_kind_layer_months_and_figures() {
    let data = tempfile::tempdir().unwrap();
    let plan = example();
    let h = harness(plan.clone(), data.path());
    let items = canvas_items(&read(&h));
    assert!(items.len() > 20, "the visible items are listed: {items:#?}");
    for item in &items {
        let d = &item.description;
        let layer_said = plan
            .layers
            .iter()
            .any(|l| d.contains(&format!(" in {}, ", l.name)));
        assert!(
            (d.starts_with("Investment in ") && d.contains(" to ") && d.contains(", budget "))
                || (d.starts_with("Milestone in ") && d.contains("Removes ")),
            "{item:?} says its kind and figures"
        );
        assert!(layer_said, "{item:?} says its layer");
    }
    let said = |name: &str| {
        items
            .iter()
            .find(|i| i.name == name)
            .map(|i| i.description.clone())
            .unwrap_or_else(|| panic!("no canvas item named {name}: {items:#?}"))
    };
    assert_eq!(
        said("National AI cluster, phase 1"),
        "Investment in Compute, January 2027 to June 2028 (18 months), budget 420 million EUR. \
         Owner: National Compute Agency."
    );
    assert_eq!(
        said("Public services moved to EU cloud region"),
        "Milestone in Compute, December 2026. Removes Public services on foreign cloud. \
         Introduces EU region of a US hyperscaler."
    );
}

#[test]
fn the_dependency_lane_says_control_level_and_the_milestone_that_retires_each_bar() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(example(), data.path());
    // Scroll the canvas down to the dependency lane below the layers.
    h.state_mut().view_mut().scroll_y = 10_000.0;
    h.run();
    h.run();
    let items = canvas_items(&read(&h));
    let bars: Vec<&Read> = items
        .iter()
        .filter(|i| i.description.starts_with("Dependency in "))
        .collect();
    assert!(
        bars.len() >= 10,
        "the dependency bars are listed: {items:#?}"
    );
    for bar in &bars {
        assert!(
            bar.description.contains(", control ")
                && (bar.description.contains("retired by milestone “")
                    || bar.description.contains("never retired")),
            "{bar:?}"
        );
    }
    let eu = bars
        .iter()
        .find(|b| b.name == "EU region of a US hyperscaler")
        .expect("the EU region bar is listed");
    assert_eq!(
        eu.description,
        "Dependency in Compute, control Black box, criticality 4, controlled by US hyperscaler \
         (EU subsidiary). Live from December 2026 (introduced by milestone “Public services \
         moved to EU cloud region”) until January 2029, retired by milestone “Sovereign \
         government cloud live”."
    );
}

#[test]
fn no_two_controls_share_a_name_whatever_is_shown() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(example(), data.path());
    let mut seen = vec![("nothing selected".to_owned(), repeated_names(&read(&h)))];
    let selections = [
        (ItemKind::Investment, "cluster-1"),
        (ItemKind::Milestone, "cluster-1-live"),
        (ItemKind::Dependency, "eu-region-cloud"),
        (ItemKind::Layer, "compute"),
    ];
    for (kind, id) in selections {
        h.state_mut().select(Some(Selection::new(kind, id)));
        h.run();
        h.run();
        seen.push((format!("{id} selected"), repeated_names(&read(&h))));
    }
    h.state_mut().view_mut().panels.stops = true;
    h.run();
    h.run();
    seen.push(("stops panel".to_owned(), repeated_names(&read(&h))));
    let repeated: Vec<_> = seen.into_iter().filter(|(_, r)| !r.is_empty()).collect();
    assert!(
        repeated.is_empty(),
        "controls sharing a name: {repeated:#?}"
    );
    // Short visible text, specific names.
    for name in [
        "Remove layer Chips",
        "Move layer Compute up",
        "Move layer Compute down",
        "Colour of layer Data",
        "Edit layer Models",
        "Remove dependency Imported training accelerators",
        "Present these stops",
        "Resize the register",
        "Resize the inspector",
        "Resize the checks list",
    ] {
        h.get_by_label(name);
    }
}

#[test]
fn the_conflict_rows_name_their_buttons_after_the_conflict() {
    let base = common::example_plan();
    let edit = |title: &str, end: &str| {
        let mut plan = base.clone();
        for i in &mut plan.investments {
            match i.id.as_str() {
                "cluster-2" => i.end = month(end),
                "lab" => i.title = title.into(),
                _ => {}
            }
        }
        plan
    };
    let ours = edit("Lab (ours)", "2030-06");
    let theirs = edit("Lab (theirs)", "2030-12");
    let merged = stackplan::analysis::merge::merge(&base, &ours, &theirs);
    assert_eq!(merged.conflicts.len(), 2);
    let data = tempfile::tempdir().unwrap();
    let h = harness(merged.plan, data.path());
    let nodes = read(&h);
    assert!(nodes.iter().any(|n| n.name.starts_with("Take theirs: ")));
    assert_eq!(repeated_names(&nodes), Vec::new());
}

#[test]
fn the_panels_are_read_in_reading_order_and_canvas_items_lane_by_lane_by_start() {
    let data = tempfile::tempdir().unwrap();
    let plan = example();
    let mut h = harness(plan.clone(), data.path());
    select(&mut h, ItemKind::Investment, "cluster-1");
    h.run();
    let nodes = read(&h);
    let at = |name: &str| {
        nodes
            .iter()
            .position(|n| n.name == name)
            .unwrap_or_else(|| panic!("no node named {name}"))
    };
    let order = [
        at("File"),
        at("Add layer"),
        at("Roadmap canvas"),
        at("Title"),
        at("Exposure chart"),
    ];
    assert!(
        order.is_sorted(),
        "menu, register, canvas, inspector, charts: {order:?}"
    );
    let checks = nodes
        .iter()
        .position(|n| n.name.starts_with("Warning: "))
        .unwrap();
    assert!(at("Title") < checks, "the checks after the inspector");
    // Items: lanes top to bottom, in each lane by start month.
    let lane = |layer: &str| plan.layers.iter().position(|l| l.id == layer).unwrap();
    let place = |title: &str| {
        let i = plan.investments.iter().find(|i| i.title == title);
        let m = plan.milestones.iter().find(|m| m.title == title);
        match (i, m) {
            (Some(i), _) => (lane(&i.layer), i.start),
            (_, Some(m)) => (lane(&m.layer), m.month),
            _ => panic!("{title} is no item of the plan"),
        }
    };
    let places: Vec<(usize, Month)> = canvas_items(&nodes)
        .iter()
        .filter(|i| {
            i.description.starts_with("Investment in ")
                || i.description.starts_with("Milestone in ")
        })
        .map(|i| place(&i.name))
        .collect();
    assert!(places.len() > 20);
    // Each lane's toggle is read before the lane's items.
    let toggle = at("Collapse the Compute lane");
    let first_compute = at("Data-centre site and grid connection");
    let last_chips = at("Domestic inference chips in service");
    assert!(last_chips < toggle && toggle < first_compute);
    assert!(
        places.is_sorted(),
        "items read lane by lane, by start month: {places:?}"
    );
}

#[test]
fn the_charts_say_their_figures_and_the_checks_read_with_titles() {
    let data = tempfile::tempdir().unwrap();
    let plan = example();
    let analysis = Analysis::of(&plan);
    let mut h = harness(plan.clone(), data.path());
    h.state_mut().view_mut().cursor = Some(month("2030-06"));
    h.run();
    h.run();
    let nodes = read(&h);
    let chart = nodes.iter().find(|n| n.name == "Exposure chart").unwrap();
    let at = |m: &str| analysis.exposure_at(month(m)).total;
    let peak = analysis
        .exposure_series()
        .iter()
        .map(|e| e.total)
        .max()
        .unwrap();
    for expected in [
        format!("At the time cursor (June 2030): {}.", at("2030-06")),
        format!("At the horizon's end (December 2035): {}.", at("2035-12")),
        format!("Peak {peak} "),
    ] {
        assert!(
            chart.description.contains(&expected),
            "{expected:?} in {:?}",
            chart.description
        );
    }
    assert!(
        chart.description.contains("Now (") || chart.description.contains("At the start ("),
        "{:?}",
        chart.description
    );
    let trade = nodes
        .iter()
        .find(|n| n.role == Role::Button && n.name.starts_with("Warning: Milestone “Public"))
        .expect("the trade warning is listed");
    assert!(
        trade
            .name
            .contains("“Public services moved to EU cloud region”")
            && trade.name.contains("“EU region of a US hyperscaler”")
            && !trade.name.contains("(eu-region-move)"),
        "{:?}",
        trade.name
    );

    stackplan::ui::show_sovereignty(&h.ctx, None);
    h.run();
    h.run();
    let nodes = read(&h);
    let heatmap = nodes
        .iter()
        .find(|n| n.name == "Sovereignty heatmap")
        .expect("the heatmap has a node");
    for expected in [
        "At the time cursor (June 2030): Chips Black box (Leading-edge fabrication abroad), \
         Compute nothing live,",
        "At the horizon's end (December 2035): ",
        "by jurisdiction US ",
    ] {
        assert!(
            heatmap.description.contains(expected),
            "{expected:?} in {:?}",
            heatmap.description
        );
    }
}

#[test]
fn tab_moves_the_screen_readers_focus_to_each_item_and_scrolls_it_into_view() {
    let data = tempfile::tempdir().unwrap();
    let plan = example();
    let mut h = harness(plan.clone(), data.path());
    let title = |id: &str| {
        plan.investment(id)
            .map(|i| i.title.clone())
            .or_else(|| plan.milestone(id).map(|m| m.title.clone()))
            .unwrap()
    };
    let mut lowest = 0.0f32;
    for step in 0..50 {
        press(&mut h, egui::Key::Tab);
        let selected = h
            .state()
            .view()
            .selection
            .clone()
            .expect("Tab selects an item");
        let nodes = read(&h);
        let canvas = nodes
            .iter()
            .find(|n| n.name == "Roadmap canvas")
            .unwrap()
            .rect;
        let focused: Vec<&Read> = nodes.iter().filter(|n| n.focused).collect();
        assert_eq!(
            focused.len(),
            1,
            "step {step}: one focused node: {focused:#?}"
        );
        let item = focused[0];
        assert_eq!(
            item.name,
            title(&selected.id),
            "step {step}: focus on the selected item"
        );
        assert!(
            item.description.starts_with("Investment in ")
                || item.description.starts_with("Milestone in "),
            "step {step}: {item:?}"
        );
        assert!(
            canvas.contains_rect(item.rect),
            "step {step}: {} is in view: {:?} in {canvas:?}",
            item.name,
            item.rect
        );
        lowest = lowest.max(h.state().view().scroll_y);
    }
    assert!(
        lowest > 100.0,
        "the lanes scrolled down to reach the lower items"
    );
    // The keys still act on the canvas: an arrow moves the focused item by a month.
    let selected = h.state().view().selection.clone().unwrap();
    let before = h.state().plan().clone();
    press(&mut h, egui::Key::ArrowRight);
    assert_ne!(h.state().plan(), &before, "{} moved", selected.id);
}

#[test]
fn presenting_announces_each_stop_with_its_title_and_figures() {
    let data = tempfile::tempdir().unwrap();
    let plan = example();
    let mut h = harness(plan.clone(), data.path());
    press(&mut h, egui::Key::F5);
    let count = h.state().presentation().unwrap().deck().slides().len();
    for number in 1..=3 {
        let slide = h
            .state()
            .presentation()
            .unwrap()
            .deck()
            .current()
            .unwrap()
            .clone();
        let nodes = read(&h);
        let stop = nodes
            .iter()
            .find(|n| n.role == Role::Canvas && n.name.starts_with("Stop "))
            .expect("the presentation has a node named after the stop");
        assert!(
            stop.name
                .starts_with(&format!("Stop {number} of {count}: {}.", slide.stop.title)),
            "{:?}",
            stop.name
        );
        assert!(
            stop.name.contains("live dependencies"),
            "headline figures: {:?}",
            stop.name
        );
        let live = h.get_by_label(&stop.name).accesskit_node().live();
        assert_eq!(
            live,
            egui::accesskit::Live::Polite,
            "announced as it changes"
        );
        press(&mut h, egui::Key::ArrowRight);
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.run();
    }
}
