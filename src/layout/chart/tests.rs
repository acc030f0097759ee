//! Tests of the chart layout.

use super::*;
use crate::analysis::dependency_spans;
use crate::model::{ControlLevel, Dependency, Horizon, Investment, Milestone};

fn month(s: &str) -> Month {
    s.parse().unwrap()
}

fn investment(id: &str, layer: &str, start: &str, end: &str) -> Investment {
    Investment {
        id: id.into(),
        title: format!("Investment {id} with a fairly long title"),
        layer: layer.into(),
        start: month(start),
        end: month(end),
        budget: 1000,
        owner: String::new(),
        notes: String::new(),
        after: Vec::new(),
    }
}

fn milestone(id: &str, layer: &str, at: &str) -> Milestone {
    Milestone::new(id, format!("Milestone {id} reached"), month(at), layer)
}

fn plan() -> Roadmap {
    let horizon = Horizon {
        start: month("2026-01"),
        end: month("2030-12"),
    };
    let mut plan = Roadmap::blank("Test", horizon);
    plan.investments = vec![
        investment("a", "compute", "2026-01", "2026-12").into(),
        investment("b", "compute", "2026-06", "2027-06").into(),
        investment("c", "compute", "2027-01", "2027-12").into(),
        investment("d", "models", "2029-01", "2030-06").into(),
    ];
    plan.investments[2].after = vec!["a".into()];
    let mut m = milestone("m1", "models", "2028-06");
    m.needs = vec!["c".into()];
    m.removes = vec!["dep".into()];
    plan.milestones = vec![
        m.into(),
        milestone("m2", "models", "2028-07").into(),
        milestone("m3", "models", "2028-08").into(),
    ];
    plan.dependencies = vec![
        Dependency {
            id: "dep".into(),
            name: "Imported accelerators".into(),
            layer: "compute".into(),
            controller: "Vendor".into(),
            jurisdiction: String::new(),
            control: ControlLevel::BlackBox,
            criticality: 4,
            notes: String::new(),
            evidence: Vec::new(),
            assessment: Vec::new(),
        }
        .into(),
    ];
    plan
}

fn rect_of(scene: &Scene, tag: &Tag) -> Option<Rect> {
    scene
        .items
        .iter()
        .find_map(|item| match (&item.shape, &item.tag) {
            (Shape::Rect { rect, .. }, t) if t == tag => Some(*rect),
            _ => None,
        })
}

#[test]
fn overlapping_bars_stack_in_sub_rows() {
    let plan = plan();
    let scene = layout(&plan, &dependency_spans(&plan), &View::whole(&plan));
    let a = rect_of(&scene, &Tag::Investment("a".into())).unwrap();
    let b = rect_of(&scene, &Tag::Investment("b".into())).unwrap();
    let c = rect_of(&scene, &Tag::Investment("c".into())).unwrap();
    assert!(b.y > a.y, "b overlaps a in time, so it goes below");
    assert_eq!(c.y, a.y, "c starts after a ends, so it shares a's row");
    assert!(!a.intersects(&b) && !b.intersects(&c));
}

#[test]
fn stack_reuses_the_first_free_row() {
    let st = stack(&[(0, 10), (5, 15), (10, 20), (12, 14)]);
    assert_eq!(st.row, vec![0, 1, 0, 2]);
    assert_eq!(st.rows, 3);
    assert_eq!(st.next[0], Some(10));
    assert_eq!(st.next[1], None);
}

/// First fit by looking at every row: what [`stack`] must do, however it does it.
fn first_fit(spans: &[(i64, i64)]) -> (Vec<usize>, Vec<Option<i64>>, usize) {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| (spans[i].0, spans[i].1, i));
    let (mut row_end, mut row_last) = (Vec::<i64>::new(), Vec::<usize>::new());
    let (mut row, mut next) = (vec![0; spans.len()], vec![None; spans.len()]);
    for i in order {
        let (start, end) = spans[i];
        let r = row_end
            .iter()
            .position(|&e| e <= start)
            .unwrap_or(row_end.len());
        if r == row_end.len() {
            row_end.push(i64::MIN);
            row_last.push(usize::MAX);
        }
        if let Some(prev) = next.get_mut(row_last[r]) {
            *prev = Some(start);
        }
        row_end[r] = end.max(start + 1);
        row_last[r] = i;
        row[i] = r;
    }
    (row, next, row_end.len())
}

proptest::proptest! {
    #[test]
    fn stack_puts_each_span_in_the_first_row_free_for_it(
        spans in proptest::collection::vec((-50i64..150, -5i64..60), 0..300)
    ) {
        let spans: Vec<(i64, i64)> = spans.into_iter().map(|(s, d)| (s, s + d)).collect();
        let st = stack(&spans);
        proptest::prop_assert_eq!((st.row, st.next, st.rows), first_fit(&spans));
    }
}

#[test]
fn labels_never_overlap() {
    let mut plan = plan();
    for i in 0..40 {
        let start = Month::from_index(month("2026-01").index() + (i * 7) % 50);
        let end = start.plus(1 + i % 9);
        let mut inv = investment(&format!("x{i}"), "data", "2026-01", "2026-01");
        inv.start = start;
        inv.end = end;
        plan.investments.push(inv.into());
        let mut m = milestone(&format!("y{i}"), "talent", "2026-01");
        m.month = start.plus(i % 3);
        plan.milestones.push(m.into());
    }
    for zoom in [3.0, 8.0, 12.0, 30.0] {
        let mut view = View::whole(&plan);
        view.month_width = zoom;
        let scene = layout(&plan, &dependency_spans(&plan), &view);
        let labels: Vec<Rect> = scene
            .items
            .iter()
            .filter(|i| {
                matches!(
                    i.tag,
                    Tag::Investment(_) | Tag::Milestone(_) | Tag::Dependency(_)
                )
            })
            .filter_map(|i| match &i.shape {
                Shape::Text(run) => Some(run.bounds()),
                _ => None,
            })
            .collect();
        assert!(!labels.is_empty());
        for (i, a) in labels.iter().enumerate() {
            for b in &labels[i + 1..] {
                let overlap = a.x < b.right() - 0.5
                    && b.x < a.right() - 0.5
                    && a.y < b.bottom() - 0.5
                    && b.y < a.bottom() - 0.5;
                assert!(!overlap, "zoom {zoom}: {a:?} overlaps {b:?}");
            }
        }
    }
}

#[test]
fn items_outside_the_time_range_are_culled() {
    let plan = plan();
    let view = View::new(month("2026-01"), month("2026-12"));
    let scene = layout(&plan, &dependency_spans(&plan), &view);
    assert!(rect_of(&scene, &Tag::Investment("a".into())).is_some());
    assert!(rect_of(&scene, &Tag::Investment("d".into())).is_none());
    assert!(
        !scene
            .items
            .iter()
            .any(|i| i.tag == Tag::Milestone("m1".into()))
    );
    for item in &scene.items {
        let b = item.shape.bounds();
        assert!(
            b.x >= -0.01 && b.right() <= scene.width + 0.01,
            "{item:?} outside the scene"
        );
    }
}

#[test]
fn tags_name_what_is_drawn_and_hit_testing_finds_it() {
    let plan = plan();
    let scene = layout(&plan, &dependency_spans(&plan), &View::whole(&plan));
    let b = rect_of(&scene, &Tag::Investment("b".into())).unwrap();
    let hit = scene
        .hit(Point::new(b.x + b.w / 2.0, b.y + b.h / 2.0), 0.0)
        .unwrap();
    assert_eq!(hit.tag, Tag::Investment("b".into()));
    let link = Tag::Link {
        from: "a".into(),
        to: "c".into(),
    };
    assert!(scene.items.iter().any(|i| i.tag == link));
    let needs = Tag::Link {
        from: "c".into(),
        to: "m1".into(),
    };
    assert!(scene.items.iter().any(|i| i.tag == needs));
    let removal = Tag::Removal {
        dependency: "dep".into(),
        milestone: "m1".into(),
    };
    assert!(scene.items.iter().any(|i| i.tag == removal));
    assert!(rect_of(&scene, &Tag::Dependency("dep".into())).is_some());
    let compute = scene
        .bands
        .iter()
        .find(|band| band.layer.as_deref() == Some("compute"))
        .unwrap();
    assert_eq!(scene.band_at(b.y).unwrap().layer, compute.layer);
}

#[test]
fn dependency_bar_ends_at_the_removing_milestone() {
    let plan = plan();
    let view = View::whole(&plan);
    let scene = layout(&plan, &dependency_spans(&plan), &view);
    let bar = rect_of(&scene, &Tag::Dependency("dep".into())).unwrap();
    let m1 = view.x_of(month("2028-06")) + view.month_width / 2.0;
    assert!((bar.right() - m1).abs() < 1.0, "{} vs {m1}", bar.right());
    assert!((bar.x - view.chart_left()).abs() < 1.0);
}

#[test]
fn narrow_bars_become_lane_density() {
    let plan = plan();
    let mut view = View::whole(&plan);
    view.month_width = 0.2;
    let scene = layout(&plan, &dependency_spans(&plan), &view);
    assert!(scene.items.iter().any(|i| matches!(i.tag, Tag::Density(_))));
    assert!(rect_of(&scene, &Tag::Investment("a".into())).is_none());
}

#[test]
fn selecting_a_milestone_dims_what_it_does_not_need() {
    let plan = plan();
    let mut view = View::whole(&plan);
    view.selection = Some("m1".into());
    let scene = layout(&plan, &dependency_spans(&plan), &view);
    let fill = |id: &str| {
        scene.items.iter().find_map(|i| match (&i.shape, &i.tag) {
            (Shape::Rect { fill: Some(f), .. }, Tag::Investment(x)) if x == id => Some(f.a),
            _ => None,
        })
    };
    assert_eq!(fill("c"), Some(255), "m1 needs c");
    assert_eq!(fill("a"), Some(255), "c comes after a");
    assert!(fill("b").unwrap() < 255, "b is not needed");
}

#[test]
fn only_the_visible_band_is_emitted() {
    let plan = plan();
    let mut view = View::whole(&plan);
    let all = layout(&plan, &dependency_spans(&plan), &view);
    view.visible = Some((0.0, 80.0));
    let part = layout(&plan, &dependency_spans(&plan), &view);
    assert!(part.items.len() < all.items.len());
    assert_eq!(part.height, all.height);
}

#[test]
fn culling_keeps_every_item_that_reaches_into_the_visible_band() {
    let plan = crate::generate::large_plan(400, 5);
    let mut view = View::whole(&plan);
    let all = layout(&plan, &dependency_spans(&plan), &view);
    for band in [
        (0.0, 300.0),
        (500.0, 900.0),
        (all.height - 200.0, all.height),
    ] {
        view.visible = Some(band);
        let part = layout(&plan, &dependency_spans(&plan), &view);
        let wanted: Vec<&Item> = all
            .items
            .iter()
            .filter(|i| {
                let b = i.shape.bounds();
                is_pinned(&i.tag) || (b.bottom() >= band.0 && b.y <= band.1)
            })
            .collect();
        assert_eq!(part.items.len(), wanted.len(), "band {band:?}");
        for item in wanted {
            assert!(
                part.items.contains(item),
                "{:?} missing in {band:?}",
                item.tag
            );
        }
    }
}

#[test]
fn a_collapsed_lane_is_one_row_of_merged_summary_bars() {
    let plan = plan();
    let mut view = View::whole(&plan);
    let open = layout(&plan, &dependency_spans(&plan), &view);
    view.collapsed = vec!["compute".into()];
    let shut = layout(&plan, &dependency_spans(&plan), &view);
    let band = |scene: &Scene| {
        let b = scene
            .bands
            .iter()
            .find(|b| b.layer.as_deref() == Some("compute"))
            .unwrap();
        b.bottom - b.top
    };
    assert!(band(&open) > 2.0 * view.row_height, "a, b, c stack in rows");
    assert_eq!(band(&shut), view.row_height + 2.0 * LANE_PAD);
    let bars = |scene: &Scene, tag: fn(&Tag) -> bool| {
        scene
            .items
            .iter()
            .filter(|i| tag(&i.tag) && matches!(i.shape, Shape::Rect { .. }))
            .map(|i| i.shape.bounds())
            .collect::<Vec<_>>()
    };
    assert!(bars(&shut, |t| matches!(t, Tag::Investment(id) if id != "d")).is_empty());
    let summary = bars(&shut, |t| *t == Tag::Density("compute".into()));
    assert_eq!(summary.len(), 1, "a, b and c overlap: one bar");
    assert_eq!(summary[0].x, view.x_of(month("2026-01")));
    assert_eq!(summary[0].right(), view.x_of(month("2028-01")));
    let models = rect_of(&shut, &Tag::Investment("d".into())).unwrap();
    let before = rect_of(&open, &Tag::Investment("d".into())).unwrap();
    assert!(models.y < before.y, "the lanes below move up");
    let name = shut.items.iter().find_map(|i| match (&i.shape, &i.tag) {
        (Shape::Text(run), Tag::Lane(id)) if id == "compute" => Some(run.text.clone()),
        _ => None,
    });
    assert_eq!(name.as_deref(), Some("Compute (3)"));
}

#[test]
fn several_selected_items_are_all_outlined_without_handles_or_dimming() {
    let plan = plan();
    let mut view = View::whole(&plan);
    view.selection = Some("a".into());
    view.group = vec!["c".into(), "a".into()];
    let scene = layout(&plan, &dependency_spans(&plan), &view);
    for id in ["a", "c"] {
        let outlined = scene.items.iter().any(|i| {
            i.tag == Tag::Investment(id.into())
                && matches!(&i.shape, Shape::Rect { stroke: Some(s), .. } if s.colour == INK)
        });
        assert!(outlined, "{id} is drawn selected");
    }
    assert!(
        !scene
            .items
            .iter()
            .any(|i| matches!(i.tag, Tag::Resize { .. }))
    );
    let d_alpha = scene.items.iter().find_map(|i| match (&i.tag, &i.shape) {
        (Tag::Investment(id), Shape::Rect { fill: Some(f), .. }) if id == "d" => Some(f.a),
        _ => None,
    });
    assert_eq!(d_alpha, Some(255), "nothing is dimmed");
}
