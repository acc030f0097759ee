//! Presentation mode: full screen, no editing chrome, stepping through the plan's stops.

mod audience;
pub mod deck;

use egui::{Key, Ui};

use crate::analysis::Analysis;
use crate::model::Roadmap;

use super::view::{Selection, ViewState};
pub use deck::{Deck, Step, Window};

/// A running presentation: the deck, the plan's analysis, and the editor view to return to.
pub struct Presentation {
    deck: Deck,
    analysis: Analysis,
    saved_view: ViewState,
    entered: bool,
}

/// What the presenter asked for this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Keep presenting.
    Continue,
    /// Leave presentation mode (Esc).
    Exit,
}

impl Presentation {
    /// Starts presenting `plan`, remembering the editor's `view` to restore on exit.
    pub fn start(plan: &Roadmap, view: &ViewState) -> Presentation {
        Presentation {
            deck: Deck::of(plan),
            analysis: Analysis::of(plan),
            saved_view: view.clone(),
            entered: false,
        }
    }

    /// The slides and where the presenter is.
    pub fn deck(&self) -> &Deck {
        &self.deck
    }

    /// The id of the item the current stop focuses, if any.
    pub fn focus(&self) -> Option<&str> {
        self.deck.current()?.stop.focus.as_deref()
    }

    /// The editor view as it was when the presentation started.
    pub fn saved_view(&self) -> &ViewState {
        &self.saved_view
    }

    /// Applies `step` at time `now` (seconds).
    pub fn apply(&mut self, step: Step, now: f64) {
        self.deck.apply(step, now);
    }

    /// The view shown while presenting: the stop's window and its focus selected.
    fn presented_view(&self, plan: &Roadmap, now: f64, width: f32) -> ViewState {
        let mut view = self.saved_view.clone();
        if let Some(window) = self.deck.window_at(now) {
            view.first_month = window.from;
            view.points_per_month = width.max(1.0) / window.months();
        }
        view.selection = self.deck.current().and_then(|slide| {
            let id = slide.stop.focus.as_deref()?;
            Some(Selection::new(plan.kind_of(id)?, id))
        });
        view.fit_pending = false;
        view
    }
}

/// The steps asked for by keys pressed this frame (consuming them); Esc ends the show.
fn pressed_steps(ctx: &egui::Context) -> (Vec<Step>, bool) {
    const KEYS: [(Key, Step); 9] = [
        (Key::ArrowRight, Step::Next),
        (Key::ArrowDown, Step::Next),
        (Key::PageDown, Step::Next),
        (Key::Space, Step::Next),
        (Key::ArrowLeft, Step::Previous),
        (Key::ArrowUp, Step::Previous),
        (Key::PageUp, Step::Previous),
        (Key::Home, Step::First),
        (Key::End, Step::Last),
    ];
    const DIGITS: [Key; 10] = [
        Key::Num0,
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
        Key::Num6,
        Key::Num7,
        Key::Num8,
        Key::Num9,
    ];
    ctx.input_mut(|i| {
        let mut steps = Vec::new();
        for (key, step) in KEYS {
            while i.consume_key(egui::Modifiers::NONE, key) {
                steps.push(step);
            }
        }
        for (digit, key) in (0u8..).zip(DIGITS) {
            while i.consume_key(egui::Modifiers::NONE, key) {
                steps.push(Step::Digit(digit));
            }
        }
        if i.consume_key(egui::Modifiers::NONE, Key::Enter) {
            steps.push(Step::Jump);
        }
        if i.consume_key(egui::Modifiers::NONE, Key::N) {
            steps.push(Step::ToggleNotes);
        }
        let exit = i.consume_key(egui::Modifiers::NONE, Key::Escape);
        (steps, exit)
    })
}

/// Draws the presentation over the whole window and handles its keys; `view` is the
/// editor's view, which shows the stop while presenting.
pub fn present_ui(
    presentation: &mut Presentation,
    plan: &Roadmap,
    view: &mut ViewState,
    ui: &mut Ui,
) -> Outcome {
    let ctx = ui.ctx().clone();
    if !presentation.entered {
        presentation.entered = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
    }
    let now = ctx.input(|i| i.time);
    let (steps, exit) = pressed_steps(&ctx);
    if exit {
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        return Outcome::Exit;
    }
    for step in steps {
        presentation.apply(step, now);
    }
    let rect = ui.max_rect();
    let response = ui.interact(
        rect,
        egui::Id::unique("stackplan-presentation"),
        egui::Sense::click(),
    );
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Canvas, true, presentation.deck.progress())
    });
    if response.clicked() {
        presentation.apply(Step::Next, now);
    } else if response.secondary_clicked() {
        presentation.apply(Step::Previous, now);
    }
    *view = presentation.presented_view(plan, now, rect.width());
    audience::audience_ui(ui, rect, plan, &presentation.analysis, &presentation.deck);
    if presentation.deck.is_moving(now) {
        ctx.request_repaint();
    }
    Outcome::Continue
}
