//! Shared set-up of the UI test files: a kittest harness around the real editor.

use std::path::Path;

use egui_kittest::Harness;
use stackplan::ui::StackplanApp;

/// A harness of `width` × `height` around a real editor, with fonts from the repository.
pub fn harness_sized(app: StackplanApp, width: f32, height: f32) -> Harness<'static, StackplanApp> {
    harness_stepped(app, width, height, 0.25)
}

/// [`harness_sized`] with frames `step` seconds apart (egui takes two clicks as a double
/// click only when they come within 0.3 s).
#[allow(dead_code)]
pub fn harness_stepped(
    app: StackplanApp,
    width: f32,
    height: f32,
    step: f32,
) -> Harness<'static, StackplanApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(width, height))
        .with_step_dt(step)
        .with_context_setup(|ctx| {
            stackplan::ui::add_fonts_from(
                ctx,
                &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts"),
            );
        })
        .build_ui_state(|ui, app: &mut StackplanApp| app.show(ui), app);
    harness.run();
    harness
}
