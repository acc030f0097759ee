//! The legend: layer colours, control levels and the chart's symbols.

use super::scene::{Anchor, Point, Rect, Rgba, Scene, Shape, Stroke, Tag, TextRun, Weight};
use super::text;
use super::theme;
use crate::model::{ControlLevel, Roadmap};

/// Dark text.
const INK: Rgba = theme::PAPER.ink;
/// Symbols without a colour of their own.
const MUTED: Rgba = theme::PAPER.muted;
/// Text size of legend entries.
const SIZE: f32 = 9.0;
/// Height of one legend line.
const LINE: f32 = 16.0;
/// Width of a swatch or symbol.
const SWATCH: f32 = 14.0;

/// A symbol drawn before a legend entry's text.
enum Symbol {
    Swatch(Rgba),
    Diamond(Rgba),
    Arrow,
    Dashed,
}

/// Lays out the legend in rows no wider than `width`, starting at the origin.
pub fn legend(plan: &Roadmap, width: f32) -> Scene {
    let mut groups: Vec<(&str, Vec<(Symbol, String)>)> = Vec::new();
    let layers = plan
        .layers
        .iter()
        .map(|l| (Symbol::Swatch(l.colour.into()), l.name.clone()));
    groups.push(("Layers", layers.collect()));
    let levels = ControlLevel::ALL
        .iter()
        .map(|c| (Symbol::Swatch(c.colour().into()), c.label().to_owned()));
    groups.push(("Dependency control", levels.collect()));
    groups.push((
        "Symbols",
        vec![
            (Symbol::Swatch(MUTED), "Investment".to_owned()),
            (Symbol::Diamond(MUTED), "Milestone".to_owned()),
            (Symbol::Arrow, "Needs / after".to_owned()),
            (Symbol::Dashed, "Removed by milestone".to_owned()),
        ],
    ));
    let mut scene = Scene::default();
    let mut y = 0.0;
    for (title, entries) in groups {
        let mut x = 0.0;
        let head = format!("{title}:");
        scene.push(
            Shape::Text(run(&head, x, y, Weight::Bold, width)),
            Tag::Legend,
        );
        x += text::width(&head, SIZE) + 8.0;
        for (symbol, label) in entries {
            let w = SWATCH + 4.0 + text::width(&label, SIZE).min(width / 2.0) + 12.0;
            if x + w > width && x > 0.0 {
                x = 0.0;
                y += LINE;
            }
            draw_symbol(&mut scene, &symbol, x, y);
            let label_run = run(&label, x + SWATCH + 4.0, y, Weight::Regular, width / 2.0);
            scene.push(Shape::Text(label_run), Tag::Legend);
            x += w;
        }
        y += LINE;
    }
    scene.width = width;
    scene.height = y;
    scene
}

/// One legend text, elided to `max`.
fn run(label: &str, x: f32, y: f32, weight: Weight, max: f32) -> TextRun {
    TextRun {
        text: text::elide(label, SIZE, max).unwrap_or_default(),
        pos: Point::new(x, y + LINE / 2.0 + SIZE * 0.35),
        size: SIZE,
        colour: INK,
        weight,
        anchor: Anchor::Start,
        max_width: max,
    }
}

/// Draws a legend symbol in the box starting at (x, y).
fn draw_symbol(scene: &mut Scene, symbol: &Symbol, x: f32, y: f32) {
    let cy = y + LINE / 2.0;
    let shape = match symbol {
        Symbol::Swatch(c) => Shape::Rect {
            rect: Rect::new(x, cy - 4.0, SWATCH, 8.0),
            fill: Some(*c),
            stroke: None,
            radius: 2.0,
        },
        Symbol::Diamond(c) => Shape::Diamond {
            centre: Point::new(x + SWATCH / 2.0, cy),
            half: 5.0,
            fill: Some(*c),
            stroke: None,
        },
        Symbol::Arrow => {
            let tip = Point::new(x + SWATCH, cy);
            let head = vec![
                tip,
                Point::new(tip.x - 5.0, cy - 2.5),
                Point::new(tip.x - 5.0, cy + 2.5),
            ];
            scene.push(
                Shape::Polygon {
                    points: head,
                    fill: Some(MUTED),
                    stroke: None,
                },
                Tag::Legend,
            );
            Shape::Line {
                points: vec![Point::new(x, cy), tip],
                stroke: Stroke::solid(1.0, MUTED),
            }
        }
        Symbol::Dashed => Shape::Line {
            points: vec![Point::new(x, cy), Point::new(x + SWATCH, cy)],
            stroke: Stroke::dashed(1.0, MUTED),
        },
    };
    scene.push(shape, Tag::Legend);
}
