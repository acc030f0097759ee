//! The framework scorecard page: layers × objectives at the start, now and the end.

use super::*;

/// The framework scorecard (layers × objectives) at the start, now and the end.
pub(super) fn scorecard(
    plan: &Roadmap,
    sovereignty: &Sovereignty<'_>,
    framework: &Framework,
    now: Month,
    width: f32,
    height: f32,
) -> Vec<Scene> {
    let mut dates = vec![plan.horizon.start, now, plan.horizon.end];
    dates.sort();
    dates.dedup();
    let new_page = || Scene {
        width,
        height,
        ..Scene::default()
    };
    let mut pages = Vec::new();
    let mut page = new_page();
    let title = format!(
        "{} v{}: level per layer and objective",
        framework.name, framework.version
    );
    put(&mut page, &title, 0.0, 0.0, 13.0, INK, Weight::Bold, width);
    let mut y = 22.0;
    let row = 15.0;
    let columns = framework.objectives.len() + 1;
    let cell = (width - NAMES) / columns as f32;
    let table_h = 20.0 + 16.0 + row * (plan.layers.len() as f32 + 1.0) + 12.0;
    for date in dates {
        if y + table_h > height && !page.items.is_empty() && y > 22.0 {
            pages.push(std::mem::replace(&mut page, new_page()));
            y = 0.0;
        }
        let levels = sovereignty.framework_levels(date);
        put(
            &mut page,
            &format!("{date}: score {:.0} of 100", levels.score),
            0.0,
            y,
            11.0,
            INK,
            Weight::Bold,
            width,
        );
        y += 18.0;
        for (o, objective) in framework.objectives.iter().enumerate() {
            let cx = NAMES + o as f32 * cell;
            put(
                &mut page,
                &objective.code,
                cx + 3.0,
                y,
                8.0,
                INK,
                Weight::Bold,
                cell - 4.0,
            );
            put(
                &mut page,
                &objective.name,
                cx + 3.0,
                y + 9.0,
                6.5,
                MUTED,
                Weight::Regular,
                cell - 4.0,
            );
        }
        put(
            &mut page,
            "Overall",
            NAMES + (columns - 1) as f32 * cell + 3.0,
            y,
            8.0,
            INK,
            Weight::Bold,
            cell - 4.0,
        );
        y += 20.0;
        let max = framework.max_level();
        for (layer, l) in plan.layers.iter().zip(&levels.layers) {
            put(
                &mut page,
                &layer.name,
                0.0,
                y + 1.0,
                9.0,
                INK,
                Weight::Regular,
                NAMES - 6.0,
            );
            let values = l.objectives.iter().chain(std::iter::once(&l.overall));
            for (c, &level) in values.enumerate() {
                let cx = NAMES + c as f32 * cell;
                let colour = level_colour(level, max);
                rect(
                    &mut page,
                    Rect::new(cx + 1.0, y, cell - 2.0, row - 2.0),
                    Some(colour),
                    None,
                );
                let ink = if colour.is_light() {
                    INK
                } else {
                    Rgba::rgb(255, 255, 255)
                };
                put_anchored(
                    &mut page,
                    &level.to_string(),
                    cx + cell / 2.0,
                    y + 1.5,
                    9.0,
                    ink,
                    Weight::Bold,
                    cell,
                    Anchor::Middle,
                );
            }
            y += row;
        }
        y += 14.0;
    }
    let note = format!(
        "Levels 0–{}: {}. A dependency's level comes from its control level unless its \
         assessment says otherwise; a layer takes the lowest over its live dependencies. \
         Source: {}.",
        framework.max_level(),
        framework.levels.join(", "),
        framework.source
    );
    if y + 40.0 > height {
        pages.push(std::mem::replace(&mut page, new_page()));
        y = 0.0;
    }
    paragraph(&mut page, &note, 0.0, y, 8.0, width);
    pages.push(page);
    pages
}
