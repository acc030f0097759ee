//! One editor frame (egui run + tessellate, headless) on a 10,000-item plan at zoom-to-fit.

use criterion::{Criterion, criterion_group, criterion_main};
use stackplan::model::ItemKind;
use stackplan::ui::{Command, DataFolder, Selection, StackplanApp};

fn frame(c: &mut Criterion) {
    let plan = stackplan::generate::large_plan(10_000, 7);
    let data = tempfile::tempdir().expect("temporary data folder");
    let mut app = StackplanApp::with_plan(plan, DataFolder::at(data.path()));
    let ctx = egui::Context::default();
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1440.0, 900.0),
        )),
        ..Default::default()
    };
    let run = |app: &mut StackplanApp| {
        let mut output = ctx.run_ui(input(), |ui| app.show(ui));
        // No renderer here: the font atlas updates are dropped on purpose.
        output.textures_delta.clear();
        ctx.tessellate(output.shapes, output.pixels_per_point)
    };
    // The first frames fit the view and lay out; later frames reuse the laid-out scene.
    for _ in 0..3 {
        run(&mut app);
    }
    c.bench_function("editor frame, 10k items, zoom to fit", |b| {
        b.iter(|| run(&mut app))
    });
    let start = app.view().clone();
    c.bench_function("editor frame while scrolling, 10k items", |b| {
        b.iter(|| {
            let view = app.view_mut();
            view.scroll_y = (view.scroll_y + 3.0) % 3000.0;
            run(&mut app)
        })
    });
    *app.view_mut() = start.clone();
    c.bench_function("editor frame while panning, 10k items", |b| {
        b.iter(|| {
            let view = app.view_mut();
            view.first_month =
                start.first_month + (view.first_month - start.first_month + 0.1) % 60.0;
            run(&mut app)
        })
    });
    *app.view_mut() = start.clone();
    let id = app.plan().investments[0].id.clone();
    app.select(Some(Selection::new(ItemKind::Investment, &id)));
    run(&mut app);
    c.bench_function(
        "editor frame after nudging the selected bar, 10k items",
        |b| {
            let mut later = true;
            b.iter(|| {
                later = !later;
                app.run(if later {
                    Command::NudgeLater
                } else {
                    Command::NudgeEarlier
                });
                run(&mut app)
            })
        },
    );
    app.select(None);
    ctx.enable_accesskit();
    *app.view_mut() = start.clone();
    run(&mut app);
    c.bench_function("editor frame with AccessKit on, 10k items", |b| {
        b.iter(|| run(&mut app))
    });
    ctx.disable_accesskit();
    *app.view_mut() = start;
    c.bench_function("editor frame with a fresh layout, 10k items", |b| {
        b.iter(|| {
            app.view_mut().points_per_month *= 1.000_001;
            run(&mut app)
        })
    });
}

criterion_group!(benches, frame);
criterion_main!(benches);
