//! The time ruler, the grid and the time cursor.

use super::*;
use crate::layout::scene::{Anchor, Point, Rect, Shape, Stroke, Tag};
use crate::layout::scene::{TextRun, Weight};
use crate::layout::{RULER_HEIGHT, text};
use crate::model::Month;

impl<'a> Chart<'a> {
    /// Vertical grid lines at years (and quarters when wide enough).
    pub(super) fn grid(&mut self, bottom: f32) {
        let view = self.view;
        let mw = view.month_width;
        let step = if mw * 3.0 >= 18.0 { 3 } else { 12 };
        let mut m = view.from;
        while m <= view.to {
            if (m.month() - 1).is_multiple_of(step) && m != view.from {
                let x = view.x_of(m);
                let colour = if m.month() == 1 {
                    RULE
                } else {
                    RULE.lighten(0.5)
                };
                let points = vec![Point::new(x, RULER_HEIGHT), Point::new(x, bottom)];
                self.back(
                    Shape::Line {
                        points,
                        stroke: Stroke::solid(0.5, colour),
                    },
                    Tag::Grid,
                );
            }
            m = m.plus(1);
        }
    }

    /// The two-tier time ruler: years on top, then quarters or months by zoom.
    pub(super) fn ruler(&mut self) {
        let view = self.view;
        let mw = view.month_width;
        let tier = RULER_HEIGHT / 2.0;
        let size = (tier * 0.55).min(self.label_size.max(8.0));
        let bg = Rect::new(0.0, 0.0, view.chart_right(), RULER_HEIGHT);
        self.front(
            Shape::Rect {
                rect: bg,
                fill: Some(PAPER),
                stroke: None,
                radius: 0.0,
            },
            Tag::Ruler,
        );
        let year_w = 12.0 * mw;
        let every = (1..)
            .find(|k| *k as f32 * year_w >= text::width("2026", size) + 6.0)
            .unwrap_or(1);
        let mut m = view.from;
        while m <= view.to {
            let year_end = Month::new(m.year(), 12).unwrap_or(m).min(view.to);
            let x0 = view.x_of(m);
            let x1 = view.x_of(year_end.plus(1));
            let tick = vec![Point::new(x0, 0.0), Point::new(x0, RULER_HEIGHT)];
            self.front(
                Shape::Line {
                    points: tick,
                    stroke: Stroke::solid(0.5, RULE),
                },
                Tag::Ruler,
            );
            if m.year() % every == 0 || every == 1 {
                let label = m.year().to_string();
                if text::width(&label, size) <= x1 - x0 - 4.0 || every > 1 {
                    let run = TextRun {
                        text: label,
                        pos: Point::new(x0 + 3.0, tier * 0.5 + size * 0.4),
                        size,
                        colour: INK,
                        weight: Weight::Bold,
                        anchor: Anchor::Start,
                        max_width: (every as f32 * year_w - 4.0).max(1.0),
                    };
                    self.front(Shape::Text(run), Tag::Ruler);
                }
            }
            m = year_end.plus(1);
        }
        self.ruler_lower(tier, size * 0.9);
        let line = vec![
            Point::new(0.0, RULER_HEIGHT),
            Point::new(view.chart_right(), RULER_HEIGHT),
        ];
        self.front(
            Shape::Line {
                points: line,
                stroke: Stroke::solid(1.0, RULE),
            },
            Tag::Ruler,
        );
    }

    /// The lower ruler tier: month names, month initials or quarters, whichever fits.
    fn ruler_lower(&mut self, tier: f32, size: f32) {
        const NAMES: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let view = self.view;
        let mw = view.month_width;
        let (step, long) = if mw >= text::width("May", size) + 6.0 {
            (1, true)
        } else if mw >= text::width("M", size) + 4.0 {
            (1, false)
        } else if 3.0 * mw >= text::width("Q4", size) + 6.0 {
            (3, false)
        } else {
            return;
        };
        let cursor = self.cursor_label();
        let mut m = view.from;
        while m <= view.to {
            let index = m.month() as usize - 1;
            if index.is_multiple_of(step) || m == view.from {
                let label = match (step, long) {
                    (1, true) => NAMES[index].to_owned(),
                    (1, false) => NAMES[index].chars().take(1).collect(),
                    _ => format!("Q{}", m.quarter()),
                };
                let width = mw * (step - index % step) as f32;
                let centre = view.x_of(m) + width / 2.0;
                let half = text::width(&label, size).min(width) / 2.0;
                if cursor.is_some_and(|c| c.x < centre + half && c.right() > centre - half) {
                    // The time cursor's date takes this place.
                    m = m.plus(1);
                    continue;
                }
                let run = TextRun {
                    text: label,
                    pos: Point::new(centre, tier * 1.5 + size * 0.4),
                    size,
                    colour: MUTED,
                    weight: Weight::Regular,
                    anchor: Anchor::Middle,
                    max_width: width,
                };
                self.front(Shape::Text(run), Tag::Ruler);
            }
            m = m.plus(1);
        }
    }

    /// Where the time cursor's date goes in the lower ruler tier (its text and the box behind
    /// it), when the cursor is in view.
    fn cursor_label(&self) -> Option<Rect> {
        let view = self.view;
        let month = view.cursor.filter(|m| *m >= view.from && *m <= view.to)?;
        let w = text::width(&month.to_string(), CURSOR_LABEL_SIZE);
        let tier = RULER_HEIGHT / 2.0;
        Some(Rect::new(
            self.mid_x(month) + 1.0,
            tier,
            w + 5.0,
            tier - 1.0,
        ))
    }

    /// The time cursor line, and its date on the ruler on a box of its own.
    pub(super) fn cursor(&mut self, bottom: f32) {
        let view = self.view;
        let (Some(month), Some(label)) = (view.cursor, self.cursor_label()) else {
            return;
        };
        let x = self.mid_x(month);
        let points = vec![Point::new(x, 0.0), Point::new(x, bottom)];
        self.front(
            Shape::Line {
                points,
                stroke: Stroke::solid(1.5, CURSOR),
            },
            Tag::Cursor,
        );
        self.front(
            Shape::Rect {
                rect: label,
                fill: Some(PAPER),
                stroke: None,
                radius: 0.0,
            },
            Tag::Cursor,
        );
        let run = TextRun {
            text: month.to_string(),
            pos: Point::new(label.x + 2.0, RULER_HEIGHT - 4.0),
            size: CURSOR_LABEL_SIZE,
            colour: CURSOR,
            weight: Weight::Bold,
            anchor: Anchor::Start,
            max_width: label.w,
        };
        self.front(Shape::Text(run), Tag::Cursor);
    }
}
