//! Stackplan's own CSV tables (items, links, dependencies) read back as a plan.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::*;
use crate::import::draft::{self, Kind};
use crate::import::{ImportError, ImportOptions, ImportReport, Imported};
use crate::model::{ControlLevel, Dependency};

/// The tables Stackplan's CSV export wrote, when `path` is one of them or the name given
/// to the export: (investments, milestones, dependencies), the last two when present.
pub fn stackplan_tables(path: &Path) -> Option<(PathBuf, Option<PathBuf>, Option<PathBuf>)> {
    let name = path.file_name()?.to_str()?;
    let dir = path.parent().unwrap_or(Path::new(""));
    let stem = ["investments", "milestones", "dependencies", "exposure"]
        .iter()
        .find_map(|t| name.strip_suffix(&format!("-{t}.csv")))
        .map(str::to_owned)
        .or_else(|| {
            let stem = name.strip_suffix(".csv")?;
            let exported = dir.join(format!("{stem}-investments.csv"));
            (!path.exists() && exported.exists()).then(|| stem.to_owned())
        })?;
    let table = |t: &str| Some(dir.join(format!("{stem}-{t}.csv"))).filter(|p| p.exists());
    Some((
        table("investments")?,
        table("milestones"),
        table("dependencies"),
    ))
}

/// Imports the tables of Stackplan's own CSV export back into a plan.
pub fn import_stackplan_csv(path: &Path) -> Result<Imported, ImportError> {
    let Some((investments, milestones, dependencies)) = stackplan_tables(path) else {
        return Err(ImportError::NotThisFormat(format!(
            "{} is not one of Stackplan's CSV tables",
            path.display()
        )));
    };
    let mut report = ImportReport::default();
    let options = ImportOptions::default();
    let file_name = |p: &Path| {
        p.file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    };
    let mut draft = read_csv(
        &crate::import::read_file(&investments)?,
        &options,
        &mut report,
    )?;
    report.read(format!("investments from {}", file_name(&investments)));
    if let Some(p) = milestones {
        let more = read_csv(&crate::import::read_file(&p)?, &options, &mut report)?;
        report.read(format!("milestones from {}", file_name(&p)));
        draft.tasks.extend(more.tasks.into_iter().map(|mut t| {
            t.kind = Kind::Milestone;
            t
        }));
        draft.links.extend(more.links);
    }
    if let Some(p) = dependencies {
        draft.dependencies = dependency_table(&crate::import::read_file(&p)?, &mut report);
        report.read(format!("dependencies from {}", file_name(&p)));
    }
    draft.title = file_name(&investments)
        .trim_end_matches(".csv")
        .trim_end_matches("-investments")
        .to_owned();
    let plan = draft::build(draft, &mut report);
    Ok(Imported { plan, report })
}

/// The dependency register of Stackplan's `*-dependencies.csv`.
fn dependency_table(bytes: &[u8], report: &mut ImportReport) -> Vec<Dependency> {
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let rows = reader.into_records().map(|r| {
        r.map(|r| r.iter().map(str::to_owned).collect())
            .unwrap_or_default()
    });
    dependency_rows(rows, report)
}

/// Dependencies from rows whose first is the header of Stackplan's dependency table.
pub(super) fn dependency_rows(
    mut rows: impl Iterator<Item = Vec<String>>,
    report: &mut ImportReport,
) -> Vec<Dependency> {
    let headers: HashMap<String, usize> = match rows.next() {
        Some(h) => h
            .iter()
            .enumerate()
            .map(|(i, h)| (h.trim().to_lowercase(), i))
            .collect(),
        None => return Vec::new(),
    };
    let mut out = Vec::new();
    for (n, record) in rows.enumerate() {
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let field = |name: &str| {
            headers
                .get(name)
                .and_then(|&i| record.get(i))
                .map_or("", String::as_str)
                .trim()
                .to_owned()
        };
        let control = ControlLevel::ALL
            .into_iter()
            .find(|c| format!("{c:?}") == field("control") || c.label() == field("control"));
        let (Some(control), false) = (control, field("id").is_empty()) else {
            report.skip(format!(
                "dependencies row {}: no id or an unknown control level \"{}\"",
                n + 2,
                field("control")
            ));
            continue;
        };
        out.push(Dependency {
            id: field("id"),
            name: field("name"),
            layer: field("layer"),
            controller: field("controller"),
            jurisdiction: field("jurisdiction"),
            control,
            criticality: field("criticality").parse().unwrap_or(3).clamp(1, 5),
            notes: field("notes"),
            evidence: Vec::new(),
            assessment: Vec::new(),
        });
    }
    out
}
