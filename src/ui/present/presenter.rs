//! The presenter view: a second window for the presenter's laptop with the current and next
//! stop, the speaker notes and a clock, while the main window shows the audience view.

use egui::{Color32, RichText, Ui};

use super::deck::Deck;
use crate::analysis::Analysis;
use crate::analysis::stops::{self, Tone};
use crate::analysis::two_paths::OtherPath;
use crate::model::Roadmap;

/// Dependencies removed (on the light presenter theme).
const GAIN: Color32 = Color32::from_rgb(0x15, 0x80, 0x3D);
/// Dependencies introduced and trades.
const WARN: Color32 = Color32::from_rgb(0xC2, 0x41, 0x0C);

/// Title of the presenter window.
pub const TITLE: &str = "Stackplan — presenter";

/// What the clock shows: the wall time and the time since the presentation started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    /// Local wall time, "14:05:09".
    pub wall: String,
    /// Seconds since the presentation started.
    pub elapsed: u64,
}

impl Clock {
    /// The clock now, `elapsed` seconds into the presentation.
    pub fn now(elapsed: f64) -> Clock {
        Clock {
            wall: chrono::Local::now().format("%H:%M:%S").to_string(),
            elapsed: elapsed.max(0.0) as u64,
        }
    }
}

/// "1:02:03" or "12:03": elapsed seconds as hours, minutes and seconds.
pub fn elapsed_text(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

/// Draws the presenter panel into `ui`: clock, current stop with its figures, next stop,
/// speaker notes and the keys.
pub fn presenter_ui(
    ui: &mut Ui,
    plan: &Roadmap,
    analysis: &Analysis,
    deck: &Deck,
    clock: &Clock,
    other: Option<&OtherPath>,
) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(deck.progress()).size(28.0).strong());
        ui.separator();
        ui.label(RichText::new(&clock.wall).size(28.0).monospace());
        ui.label(
            RichText::new(format!("elapsed {}", elapsed_text(clock.elapsed)))
                .size(18.0)
                .weak(),
        );
    });
    ui.separator();
    let Some(slide) = deck.current() else {
        ui.label("This plan has no stops.");
        return;
    };
    ui.label(RichText::new("Now").size(16.0).weak());
    ui.label(RichText::new(&slide.stop.title).size(30.0).strong());
    let facts = stops::facts_with(plan, analysis, slide, other);
    let figures: Vec<String> = facts
        .figures
        .iter()
        .map(|f| format!("{} {}", f.value, f.label))
        .collect();
    ui.label(RichText::new(figures.join("  ·  ")).size(16.0));
    for line in &facts.lines {
        let text = RichText::new(&line.text).size(15.0);
        let text = match line.tone {
            Tone::Heading => text.strong(),
            Tone::Removed => text.strikethrough().color(GAIN),
            Tone::Introduced => text.color(WARN),
            Tone::Trade => text.strong().color(WARN),
            Tone::Detail => text.weak(),
        };
        ui.label(text);
    }
    ui.add_space(8.0);
    let next = deck
        .next()
        .map_or("(end of the presentation)", |s| s.stop.title.as_str());
    ui.label(RichText::new("Next").size(16.0).weak());
    ui.label(
        RichText::new(next)
            .size(22.0)
            .color(Color32::from_rgb(0x25, 0x63, 0xEB)),
    );
    ui.separator();
    ui.label(RichText::new("Speaker notes").size(16.0).weak());
    let notes = if slide.stop.notes.trim().is_empty() {
        "(no speaker notes for this stop)"
    } else {
        slide.stop.notes.as_str()
    };
    egui::ScrollArea::vertical()
        .id_salt("presenter-notes")
        .max_height((ui.available_height() - 30.0).max(60.0))
        .show(ui, |ui| {
            ui.label(RichText::new(notes).size(22.0));
        });
    ui.separator();
    ui.label(
        RichText::new(
            "Right / Space next · Left previous · number + Enter jump · N notes on screen · \
             P close this window · Esc end",
        )
        .weak(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elapsed_time_reads_as_minutes_or_hours() {
        assert_eq!(elapsed_text(0), "00:00");
        assert_eq!(elapsed_text(754), "12:34");
        assert_eq!(elapsed_text(3723), "1:02:03");
    }

    #[test]
    fn the_wall_clock_has_hours_minutes_seconds() {
        let clock = Clock::now(61.7);
        assert_eq!(clock.elapsed, 61);
        let parts: Vec<&str> = clock.wall.split(':').collect();
        assert_eq!(parts.len(), 3);
        assert!(parts.iter().all(|p| p.len() == 2));
    }
}
