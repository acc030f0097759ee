//! Presentation mode: full screen, no editing chrome, stepping through the plan's stops.

mod audience;
pub mod deck;
pub mod presenter;
mod slide;

use std::sync::Arc;

use egui::Ui;

use crate::analysis::Analysis;
use crate::analysis::stops::slides_with;
use crate::analysis::two_paths::OtherPath;
use crate::model::Roadmap;

use super::commands::Command;
use super::view::{Selection, ViewState};
pub use deck::{Deck, Step, Window};
pub(crate) use slide::scene_ui;

/// A running presentation: the deck, the plan's analysis, and the editor view to return to.
pub struct Presentation {
    deck: Deck,
    analysis: Arc<Analysis>,
    saved_view: ViewState,
    entered: bool,
    /// When the presentation started (egui time, seconds), for the presenter's clock.
    started: Option<f64>,
    /// Whether the presenter window is open.
    presenter: bool,
    /// The audience chart's layout, reused between frames.
    scenes: audience::SceneCache,
    /// The path the plan is compared with, when a comparison was open: the last stop
    /// shows both.
    other: Option<OtherPath>,
    /// Set when the presentation was ended by a command outside a frame.
    ended: bool,
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
    /// Starts presenting `plan`, whose analysis is `analysis`, remembering the editor's `view`
    /// to restore on exit; with `other` (the path of an open comparison) a last stop compares
    /// the two paths.
    pub fn start(
        plan: &Roadmap,
        analysis: Arc<Analysis>,
        view: &ViewState,
        other: Option<OtherPath>,
    ) -> Presentation {
        Presentation {
            deck: Deck::new(slides_with(plan, other.as_ref())),
            analysis,
            saved_view: view.clone(),
            entered: false,
            started: None,
            presenter: false,
            scenes: audience::SceneCache::default(),
            other,
            ended: false,
        }
    }

    /// The path the plan is compared with, if a comparison was open.
    pub fn other(&self) -> Option<&OtherPath> {
        self.other.as_ref()
    }

    /// The slides and where the presenter is.
    pub fn deck(&self) -> &Deck {
        &self.deck
    }

    /// The id of the item the current stop focuses, if any.
    pub fn focus(&self) -> Option<&str> {
        self.deck.current()?.stop.focus.as_deref()
    }

    /// Whether the presenter window (current and next stop, notes, clock) is open.
    pub fn presenter_shown(&self) -> bool {
        self.presenter
    }

    /// Opens or closes the presenter window.
    pub fn toggle_presenter(&mut self) {
        self.presenter ^= true;
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

/// What the keys pressed this frame ask for.
#[derive(Debug, Default)]
struct Pressed {
    /// Steps through the deck, in order.
    steps: Vec<Step>,
    /// Esc: end the presentation.
    exit: bool,
    /// P: open or close the presenter window.
    presenter: bool,
}

impl Presentation {
    /// Runs one of the presentation's commands at time `now` (as its key does); ending the
    /// presentation takes effect in the next frame.
    pub fn run(&mut self, command: Command, now: f64) {
        let mut keys = Pressed::default();
        keys.add(command);
        if !self.follow(keys, now) {
            self.ended = true;
        }
    }

    /// Does what the keys ask at time `now`; false when they end the presentation.
    fn follow(&mut self, keys: Pressed, now: f64) -> bool {
        if keys.exit {
            return false;
        }
        if keys.presenter {
            self.toggle_presenter();
        }
        for step in keys.steps {
            self.apply(step, now);
        }
        true
    }
}

/// Leaves full screen and ends the presentation.
fn exit(ctx: &egui::Context) -> Outcome {
    ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
    Outcome::Exit
}

/// The keys pressed this frame in the current viewport (consuming them), read from the
/// presentation's commands in the one command table.
fn pressed(ctx: &egui::Context) -> Pressed {
    let mut keys = Pressed::default();
    for command in super::menu::pressed_in_presentation(ctx) {
        keys.add(command);
    }
    keys
}

impl Pressed {
    /// Adds what `command` asks for (commands of the editor ask nothing here).
    fn add(&mut self, command: Command) {
        let step = match command {
            Command::NextStop => Step::Next,
            Command::PreviousStop => Step::Previous,
            Command::FirstStop => Step::First,
            Command::LastStop => Step::Last,
            Command::StopDigit(d) => Step::Digit(d),
            Command::JumpToStop => Step::Jump,
            Command::ToggleNotes => Step::ToggleNotes,
            Command::TogglePresenter => return self.presenter = true,
            Command::EndPresentation => return self.exit = true,
            _ => return,
        };
        self.steps.push(step);
    }
}

/// Shows the presenter window (a second native window where the platform has them, else a
/// window inside the main one); returns the keys pressed in it.
fn presenter_window(
    presentation: &mut Presentation,
    plan: &Roadmap,
    ctx: &egui::Context,
) -> Pressed {
    let now = ctx.input(|i| i.time);
    let clock = presenter::Clock::now(now - presentation.started.unwrap_or(now));
    let builder = egui::ViewportBuilder::default()
        .with_title(presenter::TITLE)
        .with_inner_size([900.0, 640.0]);
    let id = egui::ViewportId::from_hash_of("stackplan-presenter");
    let (keys, closed) = ctx.show_viewport_immediate(id, builder, |ui, _class| {
        egui::CentralPanel::default().show(ui, |ui| {
            presenter::presenter_ui(
                ui,
                plan,
                &presentation.analysis,
                &presentation.deck,
                &clock,
                presentation.other.as_ref(),
            );
        });
        let closed = ui.input(|i| i.viewport().close_requested());
        (pressed(ui.ctx()), closed)
    });
    if closed {
        presentation.presenter = false;
    }
    ctx.request_repaint_after(std::time::Duration::from_millis(500));
    keys
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
    presentation.started.get_or_insert(now);
    if presentation.ended || !presentation.follow(pressed(&ctx), now) {
        return exit(&ctx);
    }
    if presentation.presenter {
        let keys = presenter_window(presentation, plan, &ctx);
        let acted = !keys.steps.is_empty() || keys.presenter;
        if !presentation.follow(keys, now) {
            return exit(&ctx);
        }
        if acted {
            ctx.request_repaint();
        }
    }
    let rect = ui.max_rect();
    let response = ui.interact(
        rect,
        egui::Id::unique("stackplan-presentation"),
        egui::Sense::click(),
    );
    announce_stop(presentation, plan, &response);
    if response.clicked() {
        presentation.apply(Step::Next, now);
    } else if response.secondary_clicked() {
        presentation.apply(Step::Previous, now);
    }
    *view = presentation.presented_view(plan, now, rect.width());
    audience::audience_ui(
        ui,
        rect,
        plan,
        &presentation.analysis,
        &presentation.deck,
        &mut presentation.scenes,
        presentation.other.as_ref(),
    );
    if presentation.deck.is_moving(now) {
        ctx.request_repaint();
    }
    Outcome::Continue
}

/// Names the presentation after the stop shown, with its headline figures, as a live region:
/// a screen reader announces each stop as it comes (its lines of detail are the description).
fn announce_stop(presentation: &Presentation, plan: &Roadmap, response: &egui::Response) {
    let ctx = &response.ctx;
    let deck = &presentation.deck;
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, deck.progress()));
    let Some(slide) = deck.current() else {
        return;
    };
    if !ctx.has_accesskit_node(response.id) {
        return;
    }
    let facts = crate::analysis::stops::facts_with(
        plan,
        &presentation.analysis,
        slide,
        presentation.other.as_ref(),
    );
    let number = deck
        .slides()
        .iter()
        .position(|s| std::ptr::eq(s, slide))
        .unwrap_or(0)
        + 1;
    let (name, description) =
        crate::analysis::spoken::stop(number, deck.slides().len(), &slide.stop.title, &facts);
    ctx.accesskit_node_builder(response.id, |node| {
        node.set_label(name);
        node.set_description(description);
        node.set_live(egui::accesskit::Live::Polite);
    });
}
