//! The presentation's state without egui: the slides, the current one, typed digits, notes
//! shown, and the eased move of the time window between stops.

use crate::analysis::stops::{Slide, slides_of};
use crate::model::Roadmap;

/// Seconds the view takes to move from one stop's window to the next.
pub const TRANSITION_SECONDS: f64 = 0.4;

/// One thing the presenter can do (from a key, a click or a clicker).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// To the next stop.
    Next,
    /// To the previous stop.
    Previous,
    /// To the first stop.
    First,
    /// To the last stop.
    Last,
    /// A digit typed towards a stop number.
    Digit(u8),
    /// Jump to the stop number typed so far.
    Jump,
    /// Show or hide the speaker notes.
    ToggleNotes,
}

/// A time window as fractional month indexes: `from` is the start of the first month shown,
/// `to` the end of the last.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    /// Start, month index.
    pub from: f32,
    /// End, month index (exclusive).
    pub to: f32,
}

impl Window {
    /// The window of `slide`: its first month to the end of its last.
    pub fn of(slide: &Slide) -> Window {
        Window {
            from: slide.stop.from.index() as f32,
            to: slide.stop.to.index() as f32 + 1.0,
        }
    }

    /// The window a fraction `t` (0..=1) of the way from `self` to `other`.
    pub fn lerp(self, other: Window, t: f32) -> Window {
        Window {
            from: self.from + (other.from - self.from) * t,
            to: self.to + (other.to - self.to) * t,
        }
    }

    /// Number of months in view.
    pub fn months(self) -> f32 {
        (self.to - self.from).max(1.0)
    }
}

/// Smooth start and stop: cubic ease-in-out of `t` in 0..=1.
pub fn ease(t: f64) -> f64 {
    let t = t.clamp(0.0, 1.0);
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Transition {
    from: Window,
    started: f64,
}

/// The slides being presented and where the presenter is.
#[derive(Debug, Clone, PartialEq)]
pub struct Deck {
    slides: Vec<Slide>,
    current: usize,
    typed: String,
    notes: bool,
    transition: Option<Transition>,
}

impl Deck {
    /// A deck of the plan's stops (saved or default), at the first one.
    pub fn of(plan: &Roadmap) -> Deck {
        Deck::new(slides_of(plan))
    }

    /// A deck of `slides`, at the first one.
    pub fn new(slides: Vec<Slide>) -> Deck {
        Deck {
            slides,
            current: 0,
            typed: String::new(),
            notes: false,
            transition: None,
        }
    }

    /// Every slide, in order.
    pub fn slides(&self) -> &[Slide] {
        &self.slides
    }

    /// The slide shown (none only for an empty deck).
    pub fn current(&self) -> Option<&Slide> {
        self.slides.get(self.current)
    }

    /// The slide after the one shown, if any.
    pub fn next(&self) -> Option<&Slide> {
        self.slides.get(self.current + 1)
    }

    /// Position of the slide shown, from 0.
    pub fn position(&self) -> usize {
        self.current
    }

    /// Progress as the audience sees it: "3 / 12".
    pub fn progress(&self) -> String {
        format!("{} / {}", self.current + 1, self.slides.len())
    }

    /// The stop number typed so far (before Enter).
    pub fn typed(&self) -> &str {
        &self.typed
    }

    /// Whether the speaker notes are shown.
    pub fn notes_shown(&self) -> bool {
        self.notes
    }

    /// Applies `step` at time `now` (seconds); true when the slide changed.
    pub fn apply(&mut self, step: Step, now: f64) -> bool {
        let last = self.slides.len().saturating_sub(1);
        let target = match step {
            Step::Next => (self.current + 1).min(last),
            Step::Previous => self.current.saturating_sub(1),
            Step::First => 0,
            Step::Last => last,
            Step::Digit(d) => {
                if self.typed.len() < 6 {
                    self.typed.push(char::from(b'0' + d.min(9)));
                }
                return false;
            }
            Step::Jump => {
                let number = self.typed.parse::<usize>().ok();
                self.typed.clear();
                match number {
                    Some(n) if n >= 1 => (n - 1).min(last),
                    _ => return false,
                }
            }
            Step::ToggleNotes => {
                self.notes ^= true;
                return false;
            }
        };
        if !matches!(step, Step::Digit(_)) {
            self.typed.clear();
        }
        self.go_to(target, now)
    }

    /// Shows slide `index` (clamped), animating from the window in view at `now`.
    pub fn go_to(&mut self, index: usize, now: f64) -> bool {
        let index = index.min(self.slides.len().saturating_sub(1));
        if index == self.current {
            return false;
        }
        let from = self.window_at(now);
        self.current = index;
        if let Some(from) = from {
            self.transition = Some(Transition { from, started: now });
        }
        true
    }

    /// The time window in view at `now`: eased from the previous stop's towards the current.
    pub fn window_at(&self, now: f64) -> Option<Window> {
        let target = Window::of(self.current()?);
        let Some(transition) = self.transition else {
            return Some(target);
        };
        let t = ease((now - transition.started) / TRANSITION_SECONDS);
        Some(transition.from.lerp(target, t as f32))
    }

    /// The window the view is moving away from at `now`, while it moves.
    pub fn moving_from(&self, now: f64) -> Option<Window> {
        self.transition
            .filter(|t| now - t.started < TRANSITION_SECONDS)
            .map(|t| t.from)
    }

    /// Whether the window is still moving at `now` (so another frame is needed).
    pub fn is_moving(&self, now: f64) -> bool {
        self.transition
            .is_some_and(|t| now - t.started < TRANSITION_SECONDS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::stops::StopKind;
    use crate::model::{Month, Stop};

    fn slide(from: &str, to: &str) -> Slide {
        Slide {
            stop: Stop {
                title: format!("{from}..{to}"),
                from: from.parse().unwrap(),
                to: to.parse().unwrap(),
                layers: Vec::new(),
                focus: None,
                notes: String::new(),
                view: crate::model::StopView::Chart,
            },
            kind: StopKind::Window,
        }
    }

    fn deck(n: usize) -> Deck {
        Deck::new(
            (0..n)
                .map(|i| {
                    let start = Month::new(2026, 1).unwrap().plus(12 * i as i32);
                    slide(&start.to_string(), &start.plus(11).to_string())
                })
                .collect(),
        )
    }

    #[test]
    fn stepping_moves_within_the_deck_and_stops_at_the_ends() {
        let mut d = deck(4);
        assert_eq!(d.progress(), "1 / 4");
        assert!(!d.apply(Step::Previous, 0.0));
        assert!(d.apply(Step::Next, 0.0));
        assert!(d.apply(Step::Next, 0.0));
        assert_eq!(d.progress(), "3 / 4");
        assert!(d.apply(Step::Last, 0.0));
        assert!(!d.apply(Step::Next, 0.0));
        assert_eq!(d.position(), 3);
        assert!(d.apply(Step::First, 0.0));
        assert_eq!(d.position(), 0);
    }

    #[test]
    fn digits_then_enter_jump_to_that_stop() {
        let mut d = deck(12);
        d.apply(Step::Digit(1), 0.0);
        d.apply(Step::Digit(1), 0.0);
        assert_eq!(d.typed(), "11");
        assert!(d.apply(Step::Jump, 0.0));
        assert_eq!(d.progress(), "11 / 12");
        assert_eq!(d.typed(), "");
        d.apply(Step::Digit(9), 0.0);
        d.apply(Step::Digit(9), 0.0);
        d.apply(Step::Jump, 0.0);
        assert_eq!(
            d.position(),
            11,
            "a number past the end goes to the last stop"
        );
        d.apply(Step::Digit(0), 0.0);
        assert!(!d.apply(Step::Jump, 0.0), "stop 0 does not exist");
        assert_eq!(d.position(), 11);
    }

    #[test]
    fn notes_toggle() {
        let mut d = deck(2);
        assert!(!d.notes_shown());
        d.apply(Step::ToggleNotes, 0.0);
        assert!(d.notes_shown());
        d.apply(Step::ToggleNotes, 0.0);
        assert!(!d.notes_shown());
    }

    #[test]
    fn window_eases_from_the_old_stop_to_the_new_over_the_transition() {
        let mut d = deck(2);
        let first = d.window_at(10.0).unwrap();
        d.apply(Step::Next, 10.0);
        let second = Window::of(&d.slides()[1]);
        assert_eq!(d.window_at(10.0), Some(first));
        let quarter = d.window_at(10.0 + TRANSITION_SECONDS / 4.0).unwrap();
        let half = d.window_at(10.0 + TRANSITION_SECONDS / 2.0).unwrap();
        assert!(first.from < quarter.from && quarter.from < half.from);
        assert!(
            quarter.from - first.from < (second.from - first.from) / 4.0,
            "eased: slow start"
        );
        assert!((half.from - (first.from + second.from) / 2.0).abs() < 1e-3);
        assert!(d.is_moving(10.0 + TRANSITION_SECONDS * 0.9));
        assert_eq!(d.moving_from(10.1), Some(first));
        assert_eq!(d.moving_from(10.0 + TRANSITION_SECONDS), None);
        assert!(!d.is_moving(10.0 + TRANSITION_SECONDS));
        assert_eq!(d.window_at(10.0 + TRANSITION_SECONDS), Some(second));
        assert_eq!(d.window_at(99.0), Some(second));
    }

    #[test]
    fn stepping_mid_transition_starts_from_where_the_view_is() {
        let mut d = deck(3);
        d.apply(Step::Next, 0.0);
        let mid = d.window_at(0.2).unwrap();
        d.apply(Step::Next, 0.2);
        assert_eq!(d.window_at(0.2), Some(mid));
    }

    #[test]
    fn ease_runs_from_zero_to_one() {
        assert_eq!(ease(0.0), 0.0);
        assert_eq!(ease(1.0), 1.0);
        assert_eq!(ease(-1.0), 0.0);
        assert!((ease(0.5) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn empty_deck_has_no_window() {
        let mut d = Deck::new(Vec::new());
        assert!(d.current().is_none());
        assert!(!d.apply(Step::Next, 0.0));
        assert_eq!(d.window_at(0.0), None);
    }
}
