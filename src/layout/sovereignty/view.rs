//! The sovereignty view: the weakest-link heatmap and the exposure share by jurisdiction on
//! one time axis.

use super::*;

/// The time axis of the view: months `from`..=`to` across `width` units from `x0`.
#[derive(Debug, Clone, Copy)]
pub(super) struct TimeAxis {
    from: Month,
    to: Month,
    x0: f32,
    cell: f32,
}

impl TimeAxis {
    pub(super) fn new(from: Month, to: Month, x0: f32, width: f32) -> TimeAxis {
        let months = from.months_until(to).max(0) + 1;
        TimeAxis {
            from,
            to,
            x0,
            cell: width.max(1.0) / months as f32,
        }
    }

    pub(super) fn months(&self) -> i32 {
        self.from.months_until(self.to).max(0) + 1
    }

    /// Where month `m` begins.
    pub(super) fn x(&self, m: Month) -> f32 {
        self.x0 + self.from.months_until(m) as f32 * self.cell
    }

    pub(super) fn right(&self) -> f32 {
        self.x0 + self.months() as f32 * self.cell
    }

    /// A tick at each January (and the first month) below `y`, labelled with its year where
    /// labels do not crowd; returns the height used.
    pub(super) fn years(&self, scene: &mut Scene, y: f32, look: &Look) -> f32 {
        let label = text::width("2026", look.text) * 1.15 + look.text * 0.8;
        let every = ((label / (self.cell * 12.0)).ceil() as i32).max(1);
        let mut m = self.from;
        while m <= self.to {
            if m.month() == 1 || m == self.from {
                let x = self.x(m);
                scene.push(
                    Shape::Line {
                        points: vec![Point::new(x, y), Point::new(x, y + look.text * 0.4)],
                        stroke: Stroke::solid(1.0, look.muted),
                    },
                    Tag::Chrome,
                );
                let room = self.right() - x;
                if m.month() == 1 && (m.year() - self.from.year()) % every == 0 && room >= label {
                    put(
                        scene,
                        &m.year().to_string(),
                        x + 2.0,
                        y + look.text * 0.3,
                        look.text,
                        look.muted,
                        Weight::Regular,
                        room - 2.0,
                    );
                }
            }
            m = m.plus(1);
        }
        look.text * 1.7
    }
}

/// Colour swatches with their names, wrapped to `width`; returns the height used.
pub(super) fn swatches(
    scene: &mut Scene,
    entries: &[(Rgba, &str)],
    x: f32,
    y: f32,
    width: f32,
    look: &Look,
) -> f32 {
    let size = look.text;
    let (mut lx, mut ly) = (x, y);
    for (colour, label) in entries {
        let w = size * 1.6 + text::width(label, size) * 1.1;
        if lx > x && lx + w > x + width {
            lx = x;
            ly += size * 1.6;
        }
        rect(
            scene,
            Rect::new(lx, ly + size * 0.25, size, size),
            Some(*colour),
            None,
        );
        put(
            scene,
            label,
            lx + size * 1.3,
            ly - size * 0.05,
            size,
            look.ink,
            Weight::Regular,
            (x + width - lx - size * 1.3).max(1.0),
        );
        lx += w + size;
    }
    ly - y + size * 1.6
}

/// The weakest-link heatmap of `layers` (plan order) on `axis` from `y`, `row` units a
/// layer, names in the column left of the axis; returns the height used.
#[allow(clippy::too_many_arguments)]
pub(super) fn heatmap(
    scene: &mut Scene,
    plan: &Roadmap,
    sovereignty: &Sovereignty<'_>,
    layers: &[usize],
    axis: &TimeAxis,
    y: f32,
    row: f32,
    look: &Look,
) -> f32 {
    for (n, layer) in layers
        .iter()
        .filter_map(|&l| plan.layers.get(l))
        .enumerate()
    {
        let top = y + n as f32 * row;
        put(
            scene,
            &layer.name,
            0.0,
            top + (row - look.text * 1.2) / 2.0,
            look.text,
            look.ink,
            Weight::Regular,
            axis.x0 - look.text * 0.5,
        );
    }
    // Runs of equal colour per layer, one rectangle each.
    let mut runs: Vec<Option<(Rgba, Month)>> = vec![None; layers.len()];
    let months = axis.months();
    let mut m = axis.from;
    for k in 0..=months {
        let weakest = if k < months {
            sovereignty.weakest_links(m)
        } else {
            Vec::new()
        };
        for (n, run) in runs.iter_mut().enumerate() {
            let colour = (k < months).then(|| {
                layers
                    .get(n)
                    .and_then(|&l| weakest.get(l).copied().flatten())
                    .map_or(NOTHING_LIVE, |w| w.control.colour().into())
            });
            let ends = match (run.as_ref(), colour) {
                (Some((c, _)), Some(now)) => *c != now,
                (Some(_), None) => true,
                _ => false,
            };
            if ends && let Some((c, start)) = run.take() {
                let left = axis.x(start);
                let top = y + n as f32 * row;
                let cell = Rect::new(left, top + 1.0, axis.x(m) - left, row - 2.0);
                rect(scene, cell, Some(c), None);
            }
            if run.is_none()
                && let Some(c) = colour
            {
                *run = Some((c, m));
            }
        }
        m = m.plus(1);
    }
    let h = layers.len() as f32 * row;
    h + axis.years(scene, y + h + 2.0, look) + 2.0
}

/// The exposure share by jurisdiction stacked (one rectangle per run of equal share), with
/// the concentration (HHI) drawn over it on the same 0–100 % scale, `height` units tall from
/// `y`; returns the height used with its axis.
pub(super) fn shares_area(
    scene: &mut Scene,
    sovereignty: &Sovereignty<'_>,
    axis: &TimeAxis,
    y: f32,
    height: f32,
    look: &Look,
) -> f32 {
    let names = sovereignty.jurisdictions();
    let months = axis.months();
    let concentration: Vec<_> = (0..months)
        .map(|k| sovereignty.concentration(axis.from.plus(k)))
        .collect();
    let share = |k: usize, name: &str| {
        concentration
            .get(k)
            .and_then(|c| c.jurisdictions.iter().find(|j| j.name == name))
            .map_or(0.0, |j| j.share as f32)
    };
    let y_of = |share: f32| y + height * (1.0 - share.clamp(0.0, 1.0));
    for (tick, label) in [(1.0, "100 %"), (0.5, "50 %"), (0.0, "0 %")] {
        put_anchored(
            scene,
            label,
            axis.x0 - look.text * 0.4,
            y_of(tick) - look.text * 0.6,
            look.text,
            look.muted,
            Weight::Regular,
            axis.x0,
            Anchor::End,
        );
    }
    let mut below = vec![0.0f32; concentration.len()];
    for (j, name) in names.iter().enumerate() {
        // (first month, share below, own share) of the run being drawn.
        let mut run: Option<(usize, f32, f32)> = None;
        for k in 0..=concentration.len() {
            let now = (k < concentration.len()).then(|| {
                let base = below.get(k).copied().unwrap_or(0.0);
                (base, share(k, name))
            });
            let ends = match (run, now) {
                (Some((_, b, s)), Some((nb, ns))) => (b - nb).abs() > 1e-6 || (s - ns).abs() > 1e-6,
                (Some(_), None) => true,
                _ => false,
            };
            if ends
                && let Some((start, base, own)) = run.take()
                && own > 0.0
            {
                let left = axis.x0 + start as f32 * axis.cell;
                let right = axis.x0 + k as f32 * axis.cell;
                let (top, bottom) = (y_of(base + own), y_of(base));
                let band = Rect::new(left, top, right - left, bottom - top);
                rect(scene, band, Some(jurisdiction_colour(j)), None);
            }
            if run.is_none()
                && let Some((base, own)) = now
            {
                run = Some((k, base, own));
            }
            if let (Some(b), Some((_, own))) = (below.get_mut(k), now) {
                *b += own;
            }
        }
    }
    let mut line = Vec::with_capacity(concentration.len() * 2);
    for (k, c) in concentration.iter().enumerate() {
        let level = y_of(c.hhi as f32);
        line.push(Point::new(axis.x0 + k as f32 * axis.cell, level));
        line.push(Point::new(axis.x0 + (k + 1) as f32 * axis.cell, level));
    }
    scene.push(
        Shape::Line {
            points: line,
            stroke: Stroke::solid((look.text / 6.0).max(1.2), look.hhi),
        },
        Tag::Chrome,
    );
    rect(
        scene,
        Rect::new(axis.x0, y, axis.right() - axis.x0, height),
        None,
        Some(Stroke::solid(1.0, look.rule)),
    );
    height + axis.years(scene, y + height + 2.0, look) + 2.0
}

/// The sovereignty view of months `from`..=`to` in `width` × `height` units: a heading, the
/// control-level legend and the weakest-link heatmap of `layers` (ids; empty = all), then a
/// heading, the exposure share by jurisdiction with the HHI over it, and their legend.
#[allow(clippy::too_many_arguments)]
pub fn view(
    plan: &Roadmap,
    sovereignty: &Sovereignty<'_>,
    layers: &[String],
    from: Month,
    to: Month,
    width: f32,
    height: f32,
    look: &Look,
) -> Scene {
    let mut scene = Scene {
        width,
        height,
        ..Scene::default()
    };
    let shown: Vec<usize> = (0..plan.layers.len())
        .filter(|&n| {
            layers.is_empty() || plan.layers.get(n).is_some_and(|l| layers.contains(&l.id))
        })
        .collect();
    let names: Vec<&str> = shown
        .iter()
        .filter_map(|&n| plan.layers.get(n).map(|l| l.name.as_str()))
        .collect();
    let column = look.name_column(&names, width);
    let axis = TimeAxis::new(from, to.max(from), column, width - column);
    let jurisdictions = sovereignty.jurisdictions();
    let legend_height = |entries: &[(Rgba, &str)]| {
        swatches(
            &mut Scene::default(),
            entries,
            column,
            0.0,
            width - column,
            look,
        )
    };
    let controls: Vec<(Rgba, &str)> = ControlLevel::ALL
        .iter()
        .map(|c| (Rgba::from(c.colour()), c.label()))
        .chain([(NOTHING_LIVE, "nothing live")])
        .collect();
    let shares: Vec<(Rgba, &str)> = jurisdictions
        .iter()
        .enumerate()
        .map(|(j, name)| (jurisdiction_colour(j), name.as_str()))
        .chain([(look.hhi, "HHI (concentration)")])
        .collect();
    // Fixed heights first; the rows and the share area share what is left, 55 : 45.
    let heading = look.heading * 1.6;
    let axis_h = look.text * 1.7 + 4.0;
    let fixed = 2.0 * heading
        + legend_height(&controls)
        + legend_height(&shares)
        + 2.0 * axis_h
        + look.text * 1.5;
    let free = (height - fixed).max(look.text * 6.0);
    let row = (free * 0.55 / shown.len().max(1) as f32).clamp(look.text * 1.2, look.text * 3.0);
    let area = (free - row * shown.len() as f32).max(look.text * 4.0);
    let mut y = 0.0;
    put(
        &mut scene,
        "Weakest link by layer over time",
        0.0,
        y,
        look.heading,
        look.ink,
        Weight::Bold,
        width,
    );
    y += heading;
    y += swatches(&mut scene, &controls, column, y, width - column, look);
    y += heatmap(&mut scene, plan, sovereignty, &shown, &axis, y, row, look);
    y += look.text * 1.5;
    put(
        &mut scene,
        "Share of exposure by jurisdiction, and its concentration (HHI)",
        0.0,
        y,
        look.heading,
        look.ink,
        Weight::Bold,
        width,
    );
    y += heading;
    y += shares_area(&mut scene, sovereignty, &axis, y, area, look);
    y += swatches(&mut scene, &shares, column, y, width - column, look);
    scene.height = y;
    scene
}
