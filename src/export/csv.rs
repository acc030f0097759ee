//! CSV tables of a plan: investments, milestones, dependencies and exposure by month.
//!
//! `stackplan export plan.ron -o out.csv` writes four files beside each other, one table
//! each, so that every file opens directly in a spreadsheet:
//! `out-investments.csv`, `out-milestones.csv`, `out-dependencies.csv`, `out-exposure.csv`.
//! Lists of ids (`after`, `needs`, …) are joined with a space; ids never contain spaces in
//! files Stackplan writes... but may in hand-written ones, so they are joined with "; ".

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::analysis;
use crate::model::Roadmap;

/// Why the CSV tables could not be written.
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    /// Writing a table failed.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The table's file.
        path: PathBuf,
        /// What went wrong.
        source: csv::Error,
    },
}

/// The four tables, in the order they are written, with the suffix of their file name.
pub const TABLES: [&str; 4] = ["investments", "milestones", "dependencies", "exposure"];

/// Writes every table beside `out` (see the module doc) and returns the paths written.
pub fn write_tables(plan: &Roadmap, out: &Path) -> Result<Vec<PathBuf>, CsvError> {
    let stem = out
        .file_stem()
        .map_or_else(|| "plan".into(), |s| s.to_string_lossy().into_owned());
    let dir = out.parent().unwrap_or(Path::new(""));
    let mut written = Vec::new();
    for table in TABLES {
        let path = dir.join(format!("{stem}-{table}.csv"));
        let err = |source| CsvError::Write {
            path: path.clone(),
            source,
        };
        let file = std::fs::File::create(&path).map_err(|e| err(e.into()))?;
        write_table(plan, table, file).map_err(err)?;
        written.push(path);
    }
    Ok(written)
}

/// Writes one of [`TABLES`] to `out`.
pub fn write_table(plan: &Roadmap, table: &str, out: impl Write) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    match table {
        "investments" => investments(plan, &mut w)?,
        "milestones" => milestones(plan, &mut w)?,
        "dependencies" => dependencies(plan, &mut w)?,
        _ => exposure(plan, &mut w)?,
    }
    w.flush()?;
    Ok(())
}

fn ids(list: &[String]) -> String {
    list.join("; ")
}

fn investments<W: Write>(plan: &Roadmap, w: &mut csv::Writer<W>) -> csv::Result<()> {
    let budget = format!("budget_{}", plan.currency);
    w.write_record([
        "id", "title", "layer", "start", "end", "months", &budget, "owner", "after", "notes",
    ])?;
    for i in &plan.investments {
        w.write_record([
            i.id.as_str(),
            &i.title,
            &i.layer,
            &i.start.to_string(),
            &i.end.to_string(),
            &i.duration_months().to_string(),
            &i.budget.to_string(),
            &i.owner,
            &ids(&i.after),
            &i.notes,
        ])?;
    }
    Ok(())
}

fn milestones<W: Write>(plan: &Roadmap, w: &mut csv::Writer<W>) -> csv::Result<()> {
    let cost = format!("total_cost_{}", plan.currency);
    w.write_record([
        "id",
        "title",
        "month",
        "layer",
        "needs",
        "removes",
        "introduces",
        &cost,
        "notes",
    ])?;
    for m in &plan.milestones {
        let cost = analysis::milestone_report(plan, &m.id).map_or(0, |r| r.total_cost);
        w.write_record([
            m.id.as_str(),
            &m.title,
            &m.month.to_string(),
            &m.layer,
            &ids(&m.needs),
            &ids(&m.removes),
            &ids(&m.introduces),
            &cost.to_string(),
            &m.notes,
        ])?;
    }
    Ok(())
}

fn dependencies<W: Write>(plan: &Roadmap, w: &mut csv::Writer<W>) -> csv::Result<()> {
    w.write_record([
        "id",
        "name",
        "layer",
        "controller",
        "jurisdiction",
        "control",
        "criticality",
        "live_from",
        "removed_in",
        "removed_by",
        "notes",
    ])?;
    let spans = analysis::dependency_spans(plan);
    for (d, span) in plan.dependencies.iter().zip(&spans) {
        w.write_record([
            d.id.as_str(),
            &d.name,
            &d.layer,
            &d.controller,
            &d.jurisdiction,
            &format!("{:?}", d.control),
            &d.criticality.to_string(),
            &span.from.to_string(),
            &span.until.map(|m| m.to_string()).unwrap_or_default(),
            span.removed_by.as_deref().unwrap_or(""),
            &d.notes,
        ])?;
    }
    Ok(())
}

fn exposure<W: Write>(plan: &Roadmap, w: &mut csv::Writer<W>) -> csv::Result<()> {
    let mut header = vec!["month".to_owned(), "total".to_owned()];
    header.extend(plan.layers.iter().map(|l| l.id.clone()));
    w.write_record(&header)?;
    for e in analysis::exposure_series(plan) {
        let mut row = vec![e.month.to_string(), e.total.to_string()];
        row.extend(e.by_layer.iter().map(|(_, v)| v.to_string()));
        w.write_record(&row)?;
    }
    Ok(())
}
