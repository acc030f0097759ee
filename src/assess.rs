//! The `assess` and `shock` subcommands: a plan's sovereignty at a month, as text or JSON.
//!
//! The JSON shapes are a contract other tools rely on (see README, "Sovereignty").

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::analysis::sovereignty::{Cutoff, Shock, Sovereignty};
use crate::analysis::{Analysis, Framework};
use crate::cli::{OK, UNREADABLE};
use crate::io;
use crate::model::{ControlLevel, Month, Roadmap};

/// How a command prints its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// Lines for a person.
    #[default]
    Text,
    /// One JSON object for a program.
    Json,
}

impl std::str::FromStr for OutputFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<OutputFormat, String> {
        match s.to_ascii_lowercase().as_str() {
            "text" => Ok(OutputFormat::Text),
            "json" => Ok(OutputFormat::Json),
            _ => Err(format!("unknown format \"{s}\"; use text or json")),
        }
    }
}

/// `assess` as JSON.
#[derive(Debug, Serialize)]
pub struct AssessJson {
    /// The month assessed.
    pub at: Month,
    /// Total exposure then.
    pub exposure: u32,
    /// Every layer, in the plan's order.
    pub layers: Vec<LayerJson>,
    /// Every jurisdiction with live dependencies, largest first.
    pub jurisdictions: Vec<JurisdictionJson>,
    /// Herfindahl–Hirschman index of the jurisdictions' shares (0–1).
    pub hhi: f64,
    /// The framework's weighted score (0–100).
    pub score: f64,
}

/// One layer in [`AssessJson`].
#[derive(Debug, Serialize)]
pub struct LayerJson {
    /// The layer's id.
    pub id: String,
    /// The lowest control level among its live dependencies, or null.
    pub weakest: Option<ControlLevel>,
    /// Its exposure.
    pub exposure: u32,
    /// Its overall framework level (its weakest objective).
    pub seal: u8,
}

/// One jurisdiction in [`AssessJson`].
#[derive(Debug, Serialize)]
pub struct JurisdictionJson {
    /// Its name.
    pub name: String,
    /// Summed criticality of its live dependencies.
    pub exposure: u32,
    /// Its part of the exposure (0–1).
    pub share: f64,
}

/// `shock` as JSON.
#[derive(Debug, Serialize)]
pub struct ShockJson {
    /// The month access is cut.
    pub at: Month,
    /// The live dependencies cut.
    pub cut: Vec<CutJson>,
    /// Their summed criticality.
    pub exposure_cut: u32,
    /// Layers with a cut dependency.
    pub layers_hit: Vec<String>,
    /// Milestones that need unfinished work in a hit layer.
    pub milestones_at_risk: Vec<String>,
}

/// One cut dependency in [`ShockJson`].
#[derive(Debug, Serialize)]
pub struct CutJson {
    /// Its id.
    pub id: String,
    /// The month the plan removes it, or null.
    pub removed_in: Option<Month>,
    /// Months without it.
    pub months_exposed: i32,
}

/// The current month, clamped to the plan's horizon.
pub fn default_month(plan: &Roadmap) -> Month {
    use chrono::Datelike;
    let today = chrono::Local::now().date_naive();
    let now = Month::new(today.year(), today.month()).unwrap_or(plan.horizon.start);
    now.clamp(plan.horizon.start, plan.horizon.end.max(plan.horizon.start))
}

/// The plan, its analysis and the bundled framework, or the exit code after printing why not.
fn prepare(file: &Path, err: &mut impl Write) -> Result<(Roadmap, Analysis, Framework), u8> {
    let plan = io::load_path(file).map_err(|e| {
        let _ = writeln!(err, "error: {e}");
        UNREADABLE
    })?;
    let framework = Framework::eu_csf().map_err(|e| {
        let _ = writeln!(err, "error: the bundled framework: {e}");
        UNREADABLE
    })?;
    let analysis = Analysis::of(&plan);
    Ok((plan, analysis, framework))
}

/// The `assess` answer for `plan` at `at`.
pub fn assessment(plan: &Roadmap, sovereignty: &Sovereignty<'_>, at: Month) -> AssessJson {
    let exposure = crate::analysis::exposure_at(plan, at);
    let weakest = sovereignty.weakest_links(at);
    let levels = sovereignty.framework_levels(at);
    let concentration = sovereignty.concentration(at);
    let layers = plan
        .layers
        .iter()
        .enumerate()
        .map(|(n, layer)| LayerJson {
            id: layer.id.clone(),
            weakest: weakest.get(n).copied().flatten().map(|w| w.control),
            exposure: exposure.by_layer.get(n).map_or(0, |e| e.1),
            seal: levels.layers.get(n).map_or(0, |l| l.overall),
        })
        .collect();
    AssessJson {
        at,
        exposure: exposure.total,
        layers,
        jurisdictions: concentration
            .jurisdictions
            .into_iter()
            .map(|j| JurisdictionJson {
                name: j.name,
                exposure: j.exposure,
                share: j.share,
            })
            .collect(),
        hhi: concentration.hhi,
        score: levels.score,
    }
}

/// `stackplan assess FILE [--at YYYY-MM] [--format text|json]`.
pub fn assess(
    file: &Path,
    at: Option<Month>,
    format: OutputFormat,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let (plan, analysis, framework) = match prepare(file, err) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let sovereignty = Sovereignty::new(&plan, &analysis, &framework);
    let at = at.unwrap_or_else(|| default_month(&plan));
    let answer = assessment(&plan, &sovereignty, at);
    match format {
        OutputFormat::Json => print_json(&answer, out, err),
        OutputFormat::Text => {
            let _ = out.write_all(assess_text(&plan, &sovereignty, &answer).as_bytes());
            OK
        }
    }
}

fn print_json(value: &impl Serialize, out: &mut impl Write, err: &mut impl Write) -> u8 {
    match serde_json::to_string_pretty(value) {
        Ok(text) => {
            let _ = writeln!(out, "{text}");
            OK
        }
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            UNREADABLE
        }
    }
}

/// The assessment as lines for a person.
fn assess_text(plan: &Roadmap, sovereignty: &Sovereignty<'_>, a: &AssessJson) -> String {
    use std::fmt::Write as _;
    let framework = sovereignty.framework();
    let mut s = String::new();
    let _ = writeln!(s, "{} — {}", plan.title, a.at);
    let _ = writeln!(
        s,
        "exposure {}; {} score {:.1} / 100",
        a.exposure, framework.name, a.score
    );
    let weakest = sovereignty.weakest_links(a.at);
    let width = plan.layers.iter().map(|l| l.id.len()).max().unwrap_or(5);
    for (n, layer) in a.layers.iter().enumerate() {
        let link = weakest.get(n).copied().flatten().map_or_else(
            || "nothing live".to_owned(),
            |w| {
                let id = plan
                    .dependencies
                    .get(w.dependency)
                    .map_or("?", |d| d.id.as_str());
                format!("{} ({id})", w.control.label())
            },
        );
        let _ = writeln!(
            s,
            "  {:width$}  weakest {link:40}  exposure {:3}  level {}",
            layer.id, layer.exposure, layer.seal
        );
    }
    let shares: Vec<String> = a
        .jurisdictions
        .iter()
        .map(|j| format!("{} {} ({:.0}%)", j.name, j.exposure, j.share * 100.0))
        .collect();
    let _ = writeln!(
        s,
        "jurisdictions: {}; HHI {:.2}",
        if shares.is_empty() {
            "none".to_owned()
        } else {
            shares.join(", ")
        },
        a.hhi
    );
    s
}

/// The `shock` answer as JSON.
pub fn shock_json(shock: &Shock) -> ShockJson {
    ShockJson {
        at: shock.at,
        cut: shock
            .cut
            .iter()
            .map(|c| CutJson {
                id: c.id.clone(),
                removed_in: c.removed_in,
                months_exposed: c.months_exposed,
            })
            .collect(),
        exposure_cut: shock.exposure_cut,
        layers_hit: shock.layers_hit.clone(),
        milestones_at_risk: shock.milestones_at_risk.clone(),
    }
}

/// `stackplan shock FILE (--jurisdiction J | --controller C) --at YYYY-MM [--format …]`.
pub fn shock(
    file: &Path,
    cutoff: &Cutoff,
    at: Month,
    format: OutputFormat,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let (plan, analysis, framework) = match prepare(file, err) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let sovereignty = Sovereignty::new(&plan, &analysis, &framework);
    let cutoff = match sovereignty.check_cutoff(cutoff) {
        Ok(cutoff) => cutoff,
        Err(why) => {
            let _ = writeln!(err, "error: {why} — {}", file.display());
            return UNREADABLE;
        }
    };
    let (Cutoff::Jurisdiction(name) | Cutoff::Controller(name)) = &cutoff;
    let shock = sovereignty.shock(&cutoff, at);
    match format {
        OutputFormat::Json => print_json(&shock_json(&shock), out, err),
        OutputFormat::Text => {
            let _ = out.write_all(shock_text(&plan, name, &shock).as_bytes());
            OK
        }
    }
}

/// The shock as lines for a person.
fn shock_text(plan: &Roadmap, name: &str, shock: &Shock) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{name} cuts off access in {}: {} live {} cut, exposure {} cut",
        shock.at,
        shock.cut.len(),
        if shock.cut.len() == 1 {
            "dependency"
        } else {
            "dependencies"
        },
        shock.exposure_cut
    );
    let width = shock.cut.iter().map(|c| c.id.len()).max().unwrap_or(0);
    for c in &shock.cut {
        let until = match c.removed_in {
            Some(month) => format!("the plan removes it in {month}"),
            None => format!("the plan never removes it (to {})", plan.horizon.end),
        };
        let _ = writeln!(
            s,
            "  {:width$}  {} months without it; {until}",
            c.id, c.months_exposed
        );
    }
    let list = |ids: &[String]| {
        if ids.is_empty() {
            "none".to_owned()
        } else {
            ids.join(", ")
        }
    };
    let _ = writeln!(s, "layers hit: {}", list(&shock.layers_hit));
    let _ = writeln!(s, "milestones at risk: {}", list(&shock.milestones_at_risk));
    s
}
