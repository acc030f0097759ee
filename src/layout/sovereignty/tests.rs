use super::*;

fn example() -> (Roadmap, Analysis, Framework) {
    let plan = crate::io::example_plan().unwrap();
    let analysis = Analysis::of(&plan);
    (plan, analysis, Framework::eu_csf().unwrap())
}

fn texts(scene: &Scene) -> Vec<&str> {
    scene.texts().map(|t| t.text.as_str()).collect()
}

/// Whether `rect` is a legend's square swatch.
fn is_swatch(rect: &Rect) -> bool {
    (rect.w - rect.h).abs() < 0.01
}

#[test]
fn the_view_fits_its_box_in_type_of_the_size_asked_for() {
    let (plan, analysis, framework) = example();
    let sovereignty = Sovereignty::new(&plan, &analysis, &framework);
    let (from, to) = (plan.horizon.start, plan.horizon.end);
    for (w, h, text) in [
        (1000.0, 750.0, 18.0),
        (700.0, 420.0, 14.0),
        (500.0, 380.0, 9.0),
    ] {
        let look = Look {
            text,
            ..Look::screen(text)
        };
        let scene = view(&plan, &sovereignty, &[], from, to, w, h, &look);
        assert!(scene.height <= h + 0.5, "{w}×{h}: {} tall", scene.height);
        for t in scene.texts() {
            assert!(t.size >= text, "{} at {}", t.text, t.size);
            let b = t.bounds();
            assert!(
                b.x >= -0.5 && b.right() <= w + 0.5,
                "{} runs off: {b:?}",
                t.text
            );
        }
        let all = texts(&scene);
        for year in ["2026", "2035"] {
            assert_eq!(
                all.iter().filter(|t| **t == year).count(),
                2,
                "{w}: {all:?}"
            );
        }
        for layer in &plan.layers {
            assert!(all.contains(&layer.name.as_str()), "{}", layer.name);
        }
    }
}

#[test]
fn shares_stack_to_the_whole_and_the_hhi_line_follows_the_concentration() {
    let (plan, analysis, framework) = example();
    let sovereignty = Sovereignty::new(&plan, &analysis, &framework);
    let (from, to) = (plan.horizon.start, plan.horizon.end);
    let look = Look::screen(16.0);
    let scene = view(
        &plan,
        &sovereignty,
        &["chips".into()],
        from,
        to,
        900.0,
        600.0,
        &look,
    );
    let all = texts(&scene);
    assert!(
        all.contains(&"Chips") && !all.contains(&"Models"),
        "{all:?}"
    );
    // The first month's bands of the jurisdictions, stacked: they fill the area exactly.
    let colours: Vec<Rgba> = (0..8).map(jurisdiction_colour).collect();
    let bands: Vec<Rect> = scene
        .items
        .iter()
        .filter_map(|i| match &i.shape {
            Shape::Rect {
                rect,
                fill: Some(f),
                ..
            } if colours.contains(f) && !is_swatch(rect) => Some(*rect),
            _ => None,
        })
        .collect();
    let left = bands.iter().map(|b| b.x).fold(f32::INFINITY, f32::min);
    let first: Vec<&Rect> = bands.iter().filter(|b| (b.x - left).abs() < 0.01).collect();
    let top = first.iter().map(|b| b.y).fold(f32::INFINITY, f32::min);
    let bottom = first.iter().map(|b| b.bottom()).fold(0.0, f32::max);
    let filled: f32 = first.iter().map(|b| b.h).sum();
    assert!((filled - (bottom - top)).abs() < 0.01, "{first:?}");
    // US holds 49 of 57 in 2026-01 (HHI 0.746): the line starts a quarter down.
    let hhi = scene
        .items
        .iter()
        .find_map(|i| match &i.shape {
            Shape::Line { points, stroke } if stroke.colour == look.hhi => points.first().copied(),
            _ => None,
        })
        .expect("the HHI line");
    let expected = top + (bottom - top) * (1.0 - 0.7458);
    assert!((hhi.y - expected).abs() < 0.5, "{} vs {expected}", hhi.y);
}

#[test]
fn summary_states_the_figures_of_the_example() {
    let (plan, analysis, framework) = example();
    let now: Month = "2026-01".parse().unwrap();
    let page = summary_page(&plan, &analysis, &framework, now, None, 780.0, 500.0);
    let all = texts(&page).join("\n");
    // 57 at the start, 12 at the end (as `stackplan check` says): a 79 % reduction.
    assert!(all.contains("57 → 12"), "{all}");
    assert!(all.contains("79 % reduction"), "{all}");
    assert!(all.contains("4,334,000,000 EUR"), "{all}");
    assert!(all.contains("Largest remaining risks"), "{all}");
    assert!(
        all.contains("1.") && all.contains("3."),
        "three risks: {all}"
    );
    for t in page.texts() {
        assert!(t.bounds().right() <= 780.5, "{} runs off the page", t.text);
    }
}

#[test]
fn heatmap_cells_take_the_weakest_control_colour() {
    let (plan, analysis, framework) = example();
    let now: Month = "2026-01".parse().unwrap();
    let pages = pages(&plan, &analysis, &framework, now, 780.0, 500.0);
    let heat = &pages[0];
    // In 2026-01 every layer of the example has a black-box or licensed dependency: the
    // first cell of each row is red or orange, never green.
    let levels: Vec<Rgba> = ControlLevel::ALL
        .iter()
        .map(|c| Rgba::from(c.colour()))
        .chain([NOTHING_LIVE])
        .collect();
    let cells: Vec<(f32, Rgba)> = heat
        .items
        .iter()
        .filter_map(|i| match &i.shape {
            Shape::Rect {
                rect,
                fill: Some(f),
                ..
            } if levels.contains(f) && !is_swatch(rect) => Some((rect.x, *f)),
            _ => None,
        })
        .collect();
    let left = cells.iter().map(|c| c.0).fold(f32::INFINITY, f32::min);
    let first_cells: Vec<Rgba> = cells
        .iter()
        .filter(|c| (c.0 - left).abs() < 0.01)
        .map(|c| c.1)
        .collect();
    assert_eq!(first_cells.len(), plan.layers.len(), "one row per layer");
    let closed = [
        Rgba::from(ControlLevel::BlackBox.colour()),
        Rgba::from(ControlLevel::Licensed.colour()),
    ];
    let domestic = Rgba::from(ControlLevel::Domestic.colour());
    assert!(
        first_cells.iter().all(|c| closed.contains(c)),
        "{first_cells:?}"
    );
    assert!(
        first_cells.iter().all(|c| *c != domestic),
        "{first_cells:?}"
    );
    assert!(first_cells.iter().any(|c| closed.contains(c)));
    let all = pages.iter().flat_map(texts).collect::<Vec<_>>().join("\n");
    assert!(all.contains("SOV-5"), "scorecard names the objectives");
    assert!(all.contains("score"), "{all}");
}
