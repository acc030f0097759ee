//! Spreadsheets (`.xlsx`, `.xls`, `.ods` via calamine, and `.csv`) → [`Draft`].
//!
//! The header row is found by itself (often below a title and a blank row); its columns are
//! recognised by common names in English, French, German and Spanish, and can be chosen by
//! hand ([`ColumnMapping`]). Excel dates, text dates and currency-formatted numbers are read;
//! rows with no title or no dates (a "Total" row) are skipped and named in the report.

use chrono::NaiveDate;

use super::draft::{Draft, Kind};
use super::{ImportError, ImportOptions, ImportReport, date};

mod columns;
mod files;
mod rows;
mod tables;
#[cfg(test)]
mod tests;

pub use columns::{Column, ColumnMapping, find_header, recognise};
pub use rows::amount;
pub use tables::{import_stackplan_csv, stackplan_tables};

use columns::header_of;
use files::{csv_grid, workbook_grids};
use rows::draft_of;
use tables::dependency_rows;

/// Rows searched for the header.
const HEADER_SEARCH_ROWS: usize = 30;

/// One cell, as far as the import cares.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text as typed.
    Text(String),
    /// A number.
    Number(f64),
    /// A date (a date-formatted cell).
    Date(NaiveDate),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_owned(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
        }
    }

    fn date(&self) -> Option<NaiveDate> {
        match self {
            Cell::Date(d) => Some(*d),
            Cell::Text(t) => date::text(t),
            // A date cell without a date format shows its serial number; 1960–2159.
            Cell::Number(n) if (21_916.0..94_000.0).contains(n) => date::excel_serial(*n, false),
            _ => None,
        }
    }

    fn number(&self) -> Option<f64> {
        match self {
            Cell::Number(n) => Some(*n),
            Cell::Text(t) => amount(t),
            _ => None,
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// One sheet's cells: rows of cells, and the spreadsheet row number of the first.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// The sheet's name ("" for a CSV file).
    pub sheet: String,
    /// Spreadsheet row number (1-based) of `rows[0]`.
    pub first_row: usize,
    /// Rows of cells.
    pub rows: Vec<Vec<Cell>>,
}

/// The header row and what each of its columns holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    /// Index of the header row in the grid.
    pub row: usize,
    /// Every header cell's text, by column index.
    pub names: Vec<String>,
    /// Which column index holds what.
    pub columns: Vec<(Column, usize)>,
}

impl Header {
    fn index(&self, column: Column) -> Option<usize> {
        self.columns
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, i)| *i)
    }
}

/// A header found in a sheet, for the import dialog: the sheets, the headers and the mapping.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Preview {
    /// Every sheet of the workbook (one, unnamed, for a CSV file).
    pub sheets: Vec<String>,
    /// The sheet read.
    pub sheet: String,
    /// Spreadsheet row number of the header.
    pub header_row: usize,
    /// The header's column names.
    pub names: Vec<String>,
    /// What each recognised or chosen column holds.
    pub columns: Vec<(Column, usize)>,
    /// Number of rows below the header.
    pub rows: usize,
}

/// Reads a workbook (xlsx, xlsm, xlsb, xls, ods).
pub fn read_workbook(
    bytes: &[u8],
    options: &ImportOptions,
    report: &mut ImportReport,
) -> Result<Draft, ImportError> {
    let grids = workbook_grids(bytes, options.sheet.as_deref())?;
    if options == &ImportOptions::default()
        && let Some(draft) = stackplan_workbook(&grids, report)?
    {
        return Ok(draft);
    }
    read_grids(grids, options, report)
}

/// Stackplan's own workbook (sheets Investments, Milestones, Dependencies) read whole.
fn stackplan_workbook(
    grids: &[Grid],
    report: &mut ImportReport,
) -> Result<Option<Draft>, ImportError> {
    let sheet = |name: &str| grids.iter().find(|g| g.sheet == name);
    let (Some(investments), Some(milestones)) = (sheet("Investments"), sheet("Milestones")) else {
        return Ok(None);
    };
    let options = ImportOptions::default();
    let mut draft = read_grids(vec![investments.clone()], &options, report)?;
    let more = read_grids(vec![milestones.clone()], &options, report)?;
    draft.tasks.extend(more.tasks.into_iter().map(|mut t| {
        t.kind = Kind::Milestone;
        t
    }));
    draft.links.extend(more.links);
    if let Some(grid) = sheet("Dependencies") {
        let rows = grid.rows.iter().map(|r| r.iter().map(Cell::text).collect());
        draft.dependencies = dependency_rows(rows, report);
    }
    Ok(Some(draft))
}

/// Reads a CSV file (comma, semicolon or tab separated).
pub fn read_csv(
    bytes: &[u8],
    options: &ImportOptions,
    report: &mut ImportReport,
) -> Result<Draft, ImportError> {
    let grid = csv_grid(bytes, report)?;
    read_grids(vec![grid], options, report)
}

/// The sheets, header and mapping an import of `bytes` would use.
pub fn preview(
    format: super::Format,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<Preview, ImportError> {
    let mut scratch = ImportReport::default();
    let (sheets, grids) = match format {
        super::Format::Csv => (vec![String::new()], vec![csv_grid(bytes, &mut scratch)?]),
        _ => {
            let all = workbook_grids(bytes, None)?;
            let names = all.iter().map(|g| g.sheet.clone()).collect();
            let chosen = workbook_grids(bytes, options.sheet.as_deref())?;
            (names, chosen)
        }
    };
    let (grid, header) = choose_sheet(grids, options)?;
    Ok(Preview {
        sheets,
        sheet: grid.sheet.clone(),
        header_row: grid.first_row + header.row,
        names: header.names.clone(),
        columns: header.columns.clone(),
        rows: grid.rows.len().saturating_sub(header.row + 1),
    })
}

fn read_grids(
    grids: Vec<Grid>,
    options: &ImportOptions,
    report: &mut ImportReport,
) -> Result<Draft, ImportError> {
    let (grid, header) = choose_sheet(grids, options)?;
    let where_ = if grid.sheet.is_empty() {
        String::new()
    } else {
        format!("sheet \"{}\", ", grid.sheet)
    };
    let columns: Vec<String> = header
        .columns
        .iter()
        .map(|(c, i)| format!("{} = \"{}\"", c.label().to_lowercase(), header.names[*i]))
        .collect();
    report.read(format!(
        "{where_}header on row {}: {}",
        grid.first_row + header.row,
        columns.join(", ")
    ));
    let mut draft = draft_of(&grid, &header, report);
    // A title row above the header ("National AI programme — register") titles the plan.
    draft.title = grid.rows[..header.row.min(grid.rows.len())]
        .iter()
        .flatten()
        .map(Cell::text)
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    Ok(draft)
}

/// The first grid with a recognisable header (or the only one asked for).
fn choose_sheet(grids: Vec<Grid>, options: &ImportOptions) -> Result<(Grid, Header), ImportError> {
    let mut seen = Vec::new();
    for grid in grids {
        let header = match options.header_row {
            Some(row) => row
                .checked_sub(grid.first_row)
                .and_then(|i| Some(header_of(i, grid.rows.get(i)?, &options.mapping))),
            None => find_header(&grid, &options.mapping),
        };
        match header {
            Some(header) => return Ok((grid, header)),
            None => seen.push(grid),
        }
    }
    Err(ImportError::NoHeader(no_header_message(&seen)))
}

fn no_header_message(grids: &[Grid]) -> String {
    let first_row = grids.iter().find_map(|g| {
        g.rows
            .iter()
            .take(HEADER_SEARCH_ROWS)
            .find(|r| r.iter().any(|c| !c.is_empty()))
            .map(|r| {
                let texts: Vec<String> = r
                    .iter()
                    .map(Cell::text)
                    .filter(|t| !t.is_empty())
                    .take(8)
                    .collect();
                texts.join(" | ")
            })
    });
    let found = match first_row {
        Some(row) => format!(" (the first row with text reads: {row})"),
        None => " (the sheets are empty)".to_owned(),
    };
    format!(
        "no header row found in the first {HEADER_SEARCH_ROWS} rows: it needs a title column \
         (Title, Name, Project…) and a date column (Start, End, Month…){found}; choose the \
         columns in File → Import…"
    )
}
