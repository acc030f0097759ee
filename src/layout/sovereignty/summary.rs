//! The executive summary page and what a chosen cut-off does, in figures and sentences.

use super::*;

/// "−79 %" for a change from `a` to `b`.
pub(super) fn change(a: u32, b: u32) -> String {
    if a == 0 {
        return "no exposure now".to_owned();
    }
    let pct = (f64::from(b) - f64::from(a)) / f64::from(a) * 100.0;
    if pct <= 0.0 {
        format!("{:.0} % reduction", -pct)
    } else {
        format!("+{pct:.0} % increase")
    }
}

/// Who cuts, in words.
pub(super) fn who(cutoff: &Cutoff) -> String {
    match cutoff {
        Cutoff::Jurisdiction(j) => format!("Jurisdiction {j}"),
        Cutoff::Controller(c) => c.clone(),
    }
}

/// "1 layer", "3 layers".
pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One risk in a sentence.
pub(super) fn risk_text(plan: &Roadmap, shock: &Shock, now_exposure: u32) -> String {
    let never = shock.cut.iter().filter(|c| c.removed_in.is_none()).count();
    let longest = shock
        .cut
        .iter()
        .max_by_key(|c| c.months_exposed)
        .map(|c| {
            let name = plan.dependency(&c.id).map_or(c.id.as_str(), |d| &d.name);
            format!("; longest without: {name}, {} months", c.months_exposed)
        })
        .unwrap_or_default();
    format!(
        "{} cuts off access in {}: exposure {} of {now_exposure} cut ({}, {never} never removed \
         by the plan); {} hit, {} at risk{longest}.",
        who(&shock.cutoff),
        shock.at,
        shock.exposure_cut,
        count(shock.cut.len(), "dependency", "dependencies"),
        count(shock.layers_hit.len(), "layer", "layers"),
        count(shock.milestones_at_risk.len(), "milestone", "milestones"),
    )
}

/// The executive summary page, `width` × `height` units; with `shock`, what the cut-off
/// marked on the chart does.
pub fn summary_page(
    plan: &Roadmap,
    analysis: &Analysis,
    framework: &Framework,
    now: Month,
    shock: Option<&Shock>,
    width: f32,
    height: f32,
) -> Scene {
    let sovereignty = Sovereignty::new(plan, analysis, framework);
    let sum = sovereignty.summary(now);
    let mut scene = Scene {
        width,
        height,
        ..Scene::default()
    };
    put(
        &mut scene,
        "Summary",
        0.0,
        0.0,
        18.0,
        INK,
        Weight::Bold,
        width,
    );
    let dates = format!("Now: {} · end of the horizon: {}", sum.now, sum.end);
    let left = text::width("Summary", 18.0) * 1.15 + 16.0;
    put(
        &mut scene,
        &dates,
        left,
        6.0,
        10.0,
        MUTED,
        Weight::Regular,
        width - left,
    );
    let mut y = 30.0;
    y += figures(&mut scene, plan, &sum, framework, y, width);
    y += 18.0;
    let weakest = match sum.weakest_end {
        Some((layer, link)) => {
            let name = plan.layers.get(layer).map_or("?", |l| l.name.as_str());
            let dep = plan.dependencies.get(link.dependency);
            format!(
                "Weakest layer at the end ({}): {name}. Its weakest link is {} ({}).",
                sum.end,
                dep.map_or("?", |d| d.name.as_str()),
                link.control.label()
            )
        }
        None => format!("At the end ({}) no external dependency is left.", sum.end),
    };
    y += paragraph(&mut scene, &weakest, 0.0, y, 11.0, width);
    y += 14.0;
    if let Some(shock) = shock {
        y += shock_section(&mut scene, plan, analysis, shock, y, width);
        y += 14.0;
    }
    put(
        &mut scene,
        &format!("Largest remaining risks, if access were cut in {}", sum.now),
        0.0,
        y,
        13.0,
        INK,
        Weight::Bold,
        width,
    );
    y += 22.0;
    if sum.risks.is_empty() {
        y += paragraph(
            &mut scene,
            "No live dependency to cut.",
            0.0,
            y,
            11.0,
            width,
        );
    }
    for (n, risk) in sum.risks.iter().enumerate() {
        put(
            &mut scene,
            &format!("{}.", n + 1),
            0.0,
            y,
            11.0,
            INK,
            Weight::Bold,
            20.0,
        );
        y += paragraph(
            &mut scene,
            &risk_text(plan, risk, sum.exposure_now),
            20.0,
            y,
            11.0,
            width - 20.0,
        );
        y += 6.0;
    }
    y += 10.0;
    paragraph(
        &mut scene,
        &format!(
            "Exposure is the summed criticality (1–5) of live external dependencies. Scores use \
             the {} v{} ({}); a layer is as strong as its weakest live dependency.",
            framework.name, framework.version, framework.published
        ),
        0.0,
        y,
        8.5,
        width,
    );
    scene
}

/// Cut dependencies listed by name in a shock's summary; the rest are counted.
pub(super) const CUT_LISTED: usize = 4;
/// Milestones at risk named in a shock's summary; the rest are counted.
pub(super) const AT_RISK_LISTED: usize = 4;

/// What a chosen cut-off does, in a sentence and a line per cut dependency (the longest cut
/// first); returns the height used.
pub fn shock_section(
    scene: &mut Scene,
    plan: &Roadmap,
    analysis: &Analysis,
    shock: &Shock,
    y: f32,
    width: f32,
) -> f32 {
    let top = y;
    let title = format!("The cut-off marked on the chart: {}", shock_title(shock));
    put(scene, &title, 0.0, y, 13.0, INK, Weight::Bold, width);
    let mut y = y + 22.0;
    let exposure = analysis.exposure_at(shock.at).total;
    let never = shock.cut.iter().filter(|c| c.removed_in.is_none()).count();
    let what = format!(
        "Exposure {} of {exposure} cut ({}, {never} never removed by the plan); {} hit, {} \
         at risk.",
        shock.exposure_cut,
        count(shock.cut.len(), "dependency", "dependencies"),
        count(shock.layers_hit.len(), "layer", "layers"),
        count(shock.milestones_at_risk.len(), "milestone", "milestones"),
    );
    y += paragraph(scene, &what, 0.0, y, 11.0, width);
    let mut cut: Vec<_> = shock.cut.iter().collect();
    cut.sort_by_key(|c| std::cmp::Reverse(c.months_exposed));
    for c in cut.iter().take(CUT_LISTED) {
        let name = plan.dependency(&c.id).map_or(c.id.as_str(), |d| &d.name);
        let until = match c.removed_in {
            Some(month) => format!("until the plan removes it in {month}"),
            None => format!("never removed by the plan (to {})", plan.horizon.end),
        };
        let text = format!("{name}: {} months without it, {until}", c.months_exposed);
        put(scene, "–", 8.0, y, 10.0, MUTED, Weight::Regular, 12.0);
        y += paragraph(scene, &text, 20.0, y, 10.0, width - 20.0);
    }
    let more = cut.len().saturating_sub(CUT_LISTED);
    if more > 0 {
        let text = format!(
            "and {}",
            count(more, "more dependency", "more dependencies")
        );
        y += paragraph(scene, &text, 20.0, y, 10.0, width - 20.0);
    }
    if !shock.milestones_at_risk.is_empty() {
        let names: Vec<&str> = shock
            .milestones_at_risk
            .iter()
            .take(AT_RISK_LISTED)
            .map(|id| plan.milestone(id).map_or(id.as_str(), |m| &m.title))
            .collect();
        let more = shock
            .milestones_at_risk
            .len()
            .saturating_sub(AT_RISK_LISTED);
        let more = if more > 0 {
            format!("; and {more} more")
        } else {
            String::new()
        };
        let text = format!("Milestones at risk: {}{more}.", names.join("; "));
        y += paragraph(scene, &text, 0.0, y + 4.0, 10.0, width) + 4.0;
    }
    y - top
}

/// "Jurisdiction US cuts off access in 2027-06".
pub fn shock_title(shock: &Shock) -> String {
    format!("{} cuts off access in {}", who(&shock.cutoff), shock.at)
}

/// The row of key figures; returns its height.
pub(super) fn figures(
    scene: &mut Scene,
    plan: &Roadmap,
    sum: &Summary,
    framework: &Framework,
    y: f32,
    width: f32,
) -> f32 {
    let share = |s: &Option<crate::analysis::sovereignty::JurisdictionShare>| {
        s.as_ref().map_or("none".to_owned(), |j| {
            format!("{} {:.0} %", j.name, j.share * 100.0)
        })
    };
    let boxes = [
        (
            "Exposure, now → end".to_owned(),
            format!("{} → {}", sum.exposure_now, sum.exposure_end),
            change(sum.exposure_now, sum.exposure_end),
        ),
        (
            "Dependencies".to_owned(),
            format!("{} retired", sum.retired),
            format!("{} remaining · {} traded", sum.remaining, sum.traded),
        ),
        (
            "Largest jurisdiction share".to_owned(),
            format!(
                "{} → {}",
                share(&sum.top_share_now),
                share(&sum.top_share_end)
            ),
            "now → end".to_owned(),
        ),
        (
            "Total budget".to_owned(),
            money(
                u64::try_from(sum.budget).unwrap_or(u64::MAX),
                &plan.currency,
            ),
            format!("{} investments", plan.investments.len()),
        ),
        (
            format!("{} score", framework.id.to_uppercase()),
            format!("{:.0} → {:.0}", sum.score.0, sum.score.1),
            "of 100, now → end".to_owned(),
        ),
    ];
    let gap = 8.0;
    let per_row = ((width + gap) / 150.0)
        .floor()
        .clamp(1.0, boxes.len() as f32) as usize;
    let w = (width - gap * (per_row as f32 - 1.0)) / per_row as f32;
    let h = 66.0;
    let mut bottom = y;
    for (n, (label, big, small)) in boxes.iter().enumerate() {
        let x = (n % per_row) as f32 * (w + gap);
        let top = y + (n / per_row) as f32 * (h + gap);
        rect(
            scene,
            Rect::new(x, top, w, h),
            Some(Rgba::rgb(0xF8, 0xFA, 0xFC)),
            Some(Stroke::solid(0.6, RULE)),
        );
        put(
            scene,
            label,
            x + 8.0,
            top + 6.0,
            9.0,
            MUTED,
            Weight::Regular,
            w - 16.0,
        );
        let mut size = 18.0;
        while size > 9.0 && text::width(big, size) * 1.12 > w - 16.0 {
            size -= 1.0;
        }
        put(
            scene,
            big,
            x + 8.0,
            top + 20.0,
            size,
            INK,
            Weight::Bold,
            w - 16.0,
        );
        put(
            scene,
            small,
            x + 8.0,
            top + 47.0,
            8.5,
            MUTED,
            Weight::Regular,
            w - 16.0,
        );
        bottom = top + h;
    }
    bottom - y
}
