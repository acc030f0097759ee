//! Presentation frames (egui run + tessellate, headless) on a 10,000-item plan, at rest and
//! while the view moves between stops, and the handout of the bundled example plan.

use criterion::{Criterion, criterion_group, criterion_main};
use stackplan::analysis::Analysis;
use stackplan::export::{ExportOptions, handout};
use stackplan::ui::present::deck::TRANSITION_SECONDS;
use stackplan::ui::{Command, DataFolder, StackplanApp};

/// One frame at time `time` with `keys` pressed; returns the tessellated shapes.
fn frame(
    ctx: &egui::Context,
    app: &mut StackplanApp,
    time: f64,
    keys: &[egui::Key],
) -> Vec<egui::epaint::ClippedPrimitive> {
    let events = keys
        .iter()
        .map(|&key| egui::Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        })
        .collect();
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1440.0, 900.0),
        )),
        time: Some(time),
        events,
        ..Default::default()
    };
    let mut output = ctx.run_ui(input, |ui| app.show(ui));
    // No renderer here: the font atlas updates are dropped on purpose.
    output.textures_delta.clear();
    ctx.tessellate(output.shapes, output.pixels_per_point)
}

fn presentation(c: &mut Criterion) {
    let plan = stackplan::generate::large_plan(10_000, 7);
    let data = tempfile::tempdir().expect("temporary data folder");
    let mut app = StackplanApp::with_plan(plan, DataFolder::at(data.path()));
    let ctx = egui::Context::default();
    app.run(Command::Present);
    let mut time = 0.0;
    for keys in [&[][..], &[egui::Key::ArrowRight], &[]] {
        time += 1.0;
        frame(&ctx, &mut app, time, keys);
    }
    c.bench_function(
        "presentation frame at rest, 10k items, milestone stop",
        |b| {
            b.iter(|| {
                time += 0.001;
                frame(&ctx, &mut app, time, &[])
            })
        },
    );
    let mut forward = true;
    let mut last_step = time;
    c.bench_function("presentation frame while the view moves, 10k items", |b| {
        b.iter(|| {
            // 60 frames a second, a new step as soon as the last move ended: every frame
            // is part of a move, one in 24 also starts one.
            time += 1.0 / 60.0;
            let mut keys = Vec::new();
            if time - last_step >= TRANSITION_SECONDS {
                last_step = time;
                forward = !forward;
                keys.push(if forward {
                    egui::Key::ArrowRight
                } else {
                    egui::Key::ArrowLeft
                });
            }
            frame(&ctx, &mut app, time, &keys)
        })
    });
    let example = stackplan::io::example_plan().expect("the bundled example loads");
    let options = ExportOptions {
        date: Some("2026-11-25".into()),
        ..ExportOptions::default()
    };
    c.bench_function("handout PDF of the example plan (21 pages)", |b| {
        b.iter(|| {
            handout::render(&example, &Analysis::of(&example), None, &options)
                .map(|out| out.bytes.len())
        })
    });
}

criterion_group!(benches, presentation);
criterion_main!(benches);
