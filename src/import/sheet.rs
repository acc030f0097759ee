//! Spreadsheets (`.xlsx`, `.xls`, `.ods` via calamine, and `.csv`) → [`Draft`].
//!
//! The header row is found by itself (often below a title and a blank row); its columns are
//! recognised by common names in English, French, German and Spanish, and can be chosen by
//! hand ([`ColumnMapping`]). Excel dates, text dates and currency-formatted numbers are read;
//! rows with no title or no dates (a "Total" row) are skipped and named in the report.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Sheets};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::draft::{self, Draft, Kind, Lag, LagUnit, Link, LinkKind, Task};
use super::{ImportError, ImportOptions, ImportReport, Imported, date};
use crate::model::{ControlLevel, Dependency};

/// Rows searched for the header.
const HEADER_SEARCH_ROWS: usize = 30;

/// What a spreadsheet column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Column {
    /// A readable reference used as the id.
    Id,
    /// The item's title.
    Title,
    /// The layer (stream, workstream) it belongs to.
    Layer,
    /// First day or month.
    Start,
    /// Last day or month.
    End,
    /// The month of a milestone.
    Month,
    /// Cost or budget.
    Budget,
    /// Who leads it.
    Owner,
    /// What must finish first (ids or titles).
    After,
    /// Investments a milestone needs (Stackplan's milestone table).
    Needs,
    /// Whether the row is a milestone ("milestone", "jalon", …).
    Kind,
    /// Notes.
    Notes,
    /// Dependencies a milestone removes (Stackplan's milestone table).
    Removes,
    /// Dependencies a milestone introduces (Stackplan's milestone table).
    Introduces,
}

impl Column {
    /// Every column, in the order the import dialog lists them.
    pub const ALL: [Column; 14] = [
        Column::Id,
        Column::Title,
        Column::Layer,
        Column::Start,
        Column::End,
        Column::Month,
        Column::Budget,
        Column::Owner,
        Column::After,
        Column::Needs,
        Column::Kind,
        Column::Notes,
        Column::Removes,
        Column::Introduces,
    ];

    /// Name shown in the import dialog and the report.
    pub fn label(self) -> &'static str {
        match self {
            Column::Id => "Id",
            Column::Title => "Title",
            Column::Layer => "Layer",
            Column::Start => "Start",
            Column::End => "End",
            Column::Month => "Month (milestones)",
            Column::Budget => "Budget",
            Column::Owner => "Owner",
            Column::After => "After",
            Column::Needs => "Needs",
            Column::Kind => "Milestone?",
            Column::Notes => "Notes",
            Column::Removes => "Removes",
            Column::Introduces => "Introduces",
        }
    }

    /// Header names recognised for this column (lower case).
    fn names(self) -> &'static [&'static str] {
        match self {
            Column::Id => &[
                "id",
                "ref",
                "reference",
                "référence",
                "referencia",
                "key",
                "code",
                "wbs",
                "no",
                "nr",
                "#",
                "réf",
                "kennung",
                "nummer",
                "código",
                "codigo",
            ],
            Column::Title => &[
                "title",
                "name",
                "project",
                "project name",
                "task",
                "task name",
                "investment",
                "item",
                "activity",
                "titre",
                "nom",
                "projet",
                "tâche",
                "tache",
                "activité",
                "intitulé",
                "titel",
                "projekt",
                "projektname",
                "aufgabe",
                "vorhaben",
                "bezeichnung",
                "maßnahme",
                "título",
                "titulo",
                "nombre",
                "proyecto",
                "tarea",
                "actividad",
            ],
            Column::Layer => &[
                "layer",
                "stream",
                "workstream",
                "work stream",
                "lane",
                "swimlane",
                "category",
                "area",
                "pillar",
                "theme",
                "couche",
                "volet",
                "axe",
                "domaine",
                "catégorie",
                "ebene",
                "bereich",
                "säule",
                "kategorie",
                "handlungsfeld",
                "capa",
                "línea",
                "linea",
                "eje",
                "área",
                "categoría",
                "pilar",
            ],
            Column::Start => &[
                "start",
                "start date",
                "begin",
                "begins",
                "from",
                "starts",
                "début",
                "debut",
                "date de début",
                "date début",
                "commencement",
                "beginn",
                "anfang",
                "start datum",
                "startdatum",
                "anfangsdatum",
                "inicio",
                "fecha de inicio",
                "fecha inicio",
                "comienzo",
            ],
            Column::End => &[
                "end",
                "end date",
                "finish",
                "finish date",
                "due",
                "due date",
                "until",
                "to",
                "ends",
                "fin",
                "date de fin",
                "date fin",
                "échéance",
                "echeance",
                "ende",
                "enddatum",
                "endtermin",
                "bis",
                "fertigstellung",
                "fecha de fin",
                "fecha fin",
                "final",
                "término",
                "termino",
            ],
            Column::Month => &["month", "date", "mois", "monat", "datum", "mes", "fecha"],
            Column::Budget => &[
                "budget",
                "cost",
                "costs",
                "amount",
                "value",
                "funding",
                "coût",
                "cout",
                "coûts",
                "montant",
                "financement",
                "kosten",
                "betrag",
                "mittel",
                "presupuesto",
                "coste",
                "costo",
                "importe",
                "monto",
            ],
            Column::Owner => &[
                "owner",
                "lead",
                "leader",
                "responsible",
                "resource",
                "resources",
                "resource names",
                "manager",
                "project manager",
                "accountable",
                "responsable",
                "porteur",
                "pilote",
                "chef de projet",
                "ressources",
                "verantwortlich",
                "leitung",
                "zuständig",
                "projektleiter",
                "ressourcen",
                "líder",
                "lider",
                "recursos",
            ],
            Column::After => &[
                "after",
                "depends on",
                "dependencies",
                "predecessors",
                "predecessor",
                "prerequisites",
                "prédécesseurs",
                "predecesseurs",
                "dépend de",
                "après",
                "antécédents",
                "vorgänger",
                "abhängig von",
                "nach",
                "predecesoras",
                "predecesores",
                "depende de",
                "después de",
            ],
            Column::Needs => &["needs", "requires", "nécessite", "benötigt", "requiere"],
            Column::Kind => &[
                "milestone",
                "type",
                "kind",
                "jalon",
                "meilenstein",
                "hito",
                "typ",
                "tipo",
            ],
            Column::Notes => &[
                "notes",
                "note",
                "comments",
                "comment",
                "remarks",
                "description",
                "remarques",
                "commentaire",
                "commentaires",
                "anmerkungen",
                "bemerkungen",
                "beschreibung",
                "notas",
                "comentarios",
                "descripción",
            ],
            Column::Removes => &["removes"],
            Column::Introduces => &["introduces"],
        }
    }
}

/// Columns chosen by hand: for each, the header text of the column that holds it (an empty
/// text means "not used"); columns not listed keep what the header recognition found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// (what, header text), in the order chosen.
    pub chosen: Vec<(Column, String)>,
}

impl ColumnMapping {
    /// The header chosen for `column`, if one was.
    pub fn get(&self, column: Column) -> Option<&str> {
        self.chosen
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, h)| h.as_str())
    }

    /// Chooses `header` for `column` (empty: not used).
    pub fn set(&mut self, column: Column, header: &str) {
        self.chosen.retain(|(c, _)| *c != column);
        self.chosen.push((column, header.to_owned()));
    }
}

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

/// The header row: the first of the top rows that has a title column and a date column.
pub fn find_header(grid: &Grid, mapping: &ColumnMapping) -> Option<Header> {
    grid.rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .find_map(|(row, cells)| {
            let header = header_of(row, cells, mapping);
            let has = |c| header.index(c).is_some();
            (has(Column::Title) && (has(Column::Start) || has(Column::End) || has(Column::Month)))
                .then_some(header)
        })
}

fn header_of(row: usize, cells: &[Cell], mapping: &ColumnMapping) -> Header {
    let names: Vec<String> = cells.iter().map(Cell::text).collect();
    let mut columns: Vec<(Column, usize)> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if let Some(column) = recognise(name).filter(|c| !columns.iter().any(|(k, _)| k == c)) {
            columns.push((column, i));
        }
    }
    for (column, chosen) in &mapping.chosen {
        if chosen.trim().is_empty() {
            columns.retain(|(c, _)| c != column);
            continue;
        }
        // A remembered choice applies only to a sheet that has that header.
        if let Some(i) = names
            .iter()
            .position(|n| n.trim().eq_ignore_ascii_case(chosen.trim()))
        {
            columns.retain(|(c, k)| *k != i && c != column);
            columns.push((*column, i));
        }
    }
    columns.sort();
    Header {
        row,
        names,
        columns,
    }
}

/// What a header name means: the longest known name it equals or starts with.
pub fn recognise(header: &str) -> Option<Column> {
    let normal = normalise(header);
    if normal.is_empty() {
        return None;
    }
    Column::ALL
        .iter()
        .flat_map(|&c| c.names().iter().map(move |n| (c, *n)))
        .filter(|(_, n)| normal == *n || normal.strip_prefix(n).is_some_and(|r| r.starts_with(' ')))
        .max_by_key(|(_, n)| n.len())
        .map(|(c, _)| c)
}

/// Lower case, separators as single spaces, brackets and currency signs dropped.
fn normalise(header: &str) -> String {
    let spaced: String = header
        .to_lowercase()
        .chars()
        .map(|c| match c {
            '_' | '-' | '.' | '/' | '(' | ')' | '[' | ']' | ':' | '\u{a0}' => ' ',
            c => c,
        })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The currency a budget header or amount names ("budget_EUR", "Cost (€)", "$1,200").
fn currency_in(text: &str) -> Option<String> {
    for (sign, code) in [
        ("€", "EUR"),
        ("£", "GBP"),
        ("$", "USD"),
        ("¥", "JPY"),
        ("₹", "INR"),
    ] {
        if text.contains(sign) {
            return Some(code.to_owned());
        }
    }
    text.split(|c: char| !c.is_ascii_alphabetic())
        .find(|w| w.len() == 3 && w.chars().all(|c| c.is_ascii_uppercase()))
        .map(str::to_owned)
}

/// A number written as an amount: "€1,234.50", "1.234,50 €", "(2,000)", "CHF 3'000", "2.5M".
pub fn amount(text: &str) -> Option<f64> {
    let text = text.trim();
    let negative = (text.starts_with('(') && text.ends_with(')')) || text.starts_with('-');
    let lower = text.to_lowercase();
    let scale = [
        ("bn", 1e9),
        ("mrd", 1e9),
        ("mio", 1e6),
        ("mn", 1e6),
        ("m", 1e6),
        ("k", 1e3),
    ]
    .into_iter()
    .find(|(suffix, _)| {
        lower
            .trim_end_matches([')', '.', ' '])
            .strip_suffix(suffix)
            .is_some_and(|rest| rest.ends_with(|c: char| c.is_ascii_digit() || c == ' '))
    })
    .map_or(1.0, |(_, s)| s);
    let digits: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    if digits.is_empty() || !digits.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    // Anything but digits, separators, signs, spaces, a currency and a scale is not an amount.
    let letters: String = text.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.chars().count() > 3 {
        return None;
    }
    let (last_dot, last_comma) = (digits.rfind('.'), digits.rfind(','));
    let decimal = match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(if d > c { '.' } else { ',' }),
        (Some(p), None) | (None, Some(p)) => {
            let sep = if last_dot.is_some() { '.' } else { ',' };
            let once = digits.matches(sep).count() == 1;
            let after = digits.len() - p - 1;
            (once && after != 3).then_some(sep)
        }
        (None, None) => None,
    };
    let plain: String = digits
        .chars()
        .filter_map(|c| match c {
            '.' | ',' if Some(c) == decimal => Some('.'),
            '.' | ',' => None,
            c => Some(c),
        })
        .collect();
    let value: f64 = plain.parse().ok()?;
    Some(if negative { -value } else { value } * scale)
}

/// The rows below the header as tasks and links.
fn draft_of(grid: &Grid, header: &Header, report: &mut ImportReport) -> Draft {
    let get = |row: &[Cell], column| header.index(column).and_then(|i| row.get(i)).cloned();
    let text = |row: &[Cell], column| get(row, column).map(|c| c.text()).unwrap_or_default();
    let mut draft = Draft::default();
    if let Some(i) = header.index(Column::Layer) {
        draft.group_source = format!("the \"{}\" column", header.names[i]);
    }
    draft.currency = header
        .index(Column::Budget)
        .and_then(|i| currency_in(&header.names[i]));
    for (offset, row) in grid.rows.iter().enumerate().skip(header.row + 1) {
        if row.iter().all(Cell::is_empty) {
            continue;
        }
        let number = grid.first_row + offset;
        let title = text(row, Column::Title);
        let place = if title.is_empty() {
            format!("row {number}")
        } else {
            format!("row {number} \"{title}\"")
        };
        if title.is_empty() {
            report.skip(format!("{place}: no title"));
            continue;
        }
        let reference = Some(text(row, Column::Id)).filter(|r| !r.is_empty());
        let date_of = |column| get(row, column).and_then(|c| c.date());
        let month = date_of(Column::Month);
        let kind_text = text(row, Column::Kind).to_lowercase();
        let milestone = is_milestone(&kind_text)
            || (month.is_some()
                && date_of(Column::Start).is_none()
                && date_of(Column::End).is_none());
        let budget_cell = get(row, Column::Budget).filter(|c| !c.is_empty());
        let cost = budget_cell.as_ref().and_then(Cell::number);
        if let Some(cell) = &budget_cell {
            if cost.is_none() {
                report.skip(format!(
                    "{place}: budget \"{}\" is not a number",
                    cell.text()
                ));
            } else if draft.currency.is_none()
                && let Cell::Text(t) = cell
            {
                draft.currency = currency_in(t);
            }
        }
        let key = reference.clone().unwrap_or_else(|| format!("row {number}"));
        for column in [Column::After, Column::Needs] {
            for (from, link_kind, lag) in predecessors(&text(row, column)) {
                draft.links.push(Link {
                    from,
                    to: key.clone(),
                    kind: link_kind,
                    lag,
                });
            }
        }
        draft.tasks.push(Task {
            key,
            reference,
            title,
            place,
            kind: if milestone {
                Kind::Milestone
            } else {
                Kind::Work
            },
            group: Some(text(row, Column::Layer)).filter(|g| !g.is_empty()),
            start: date_of(Column::Start).or(month),
            end: date_of(Column::End).or(month),
            cost,
            owner: text(row, Column::Owner),
            notes: text(row, Column::Notes),
            removes: ids(&text(row, Column::Removes)),
            introduces: ids(&text(row, Column::Introduces)),
            ..Task::default()
        });
    }
    draft
}

fn is_milestone(kind: &str) -> bool {
    const WORDS: [&str; 12] = [
        "milestone",
        "jalon",
        "meilenstein",
        "hito",
        "yes",
        "true",
        "x",
        "oui",
        "ja",
        "sí",
        "si",
        "◆",
    ];
    WORDS.contains(&kind.trim()) || kind.trim() == "1"
}

fn ids(text: &str) -> Vec<String> {
    text.split([';', ',', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The predecessors in an "after" cell: ids or titles separated by `;`, `,` or new lines,
/// each optionally in MS Project's form "12FS+3 days", "Design SS-2d".
fn predecessors(text: &str) -> Vec<(String, LinkKind, Lag)> {
    ids(text).into_iter().map(|p| link_code(&p)).collect()
}

fn link_code(text: &str) -> (String, LinkKind, Lag) {
    let upper = text.to_ascii_uppercase();
    for (code, kind) in [
        ("FS", LinkKind::FinishStart),
        ("SS", LinkKind::StartStart),
        ("FF", LinkKind::FinishFinish),
        ("SF", LinkKind::StartFinish),
    ] {
        let Some(at) = upper.rfind(code) else {
            continue;
        };
        let (name, rest) = (&text[..at], &upper[at + 2..]);
        let rest = rest.trim();
        // The code follows a task number ("12FS") or a space ("Design SS"), never a word.
        if !name.ends_with(|c: char| c.is_ascii_digit() || c == ' ') {
            continue;
        }
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        if rest.is_empty() {
            return (name.to_owned(), kind, Lag::default());
        }
        if let Some(lag) = lag(rest) {
            return (name.to_owned(), kind, lag);
        }
    }
    (text.to_owned(), LinkKind::FinishStart, Lag::default())
}

/// "+3 DAYS", "-2D", "+1W", "+1 MO", "+4H", "+2ED" (elapsed), "+50%" → the lag as written.
fn lag(text: &str) -> Option<Lag> {
    let sign = match text.chars().next()? {
        '+' => 1.0,
        '-' => -1.0,
        _ => return None,
    };
    let body = text[1..].trim();
    let split = body
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(body.len());
    let value: f64 = body[..split].replace(',', ".").parse().ok()?;
    let written = body[split..].trim();
    let elapsed = written.starts_with('E');
    let unit = match written.trim_start_matches('E') {
        "" | "D" | "DAY" | "DAYS" | "J" | "T" => LagUnit::Days,
        "W" | "WK" | "WEEK" | "WEEKS" => LagUnit::Weeks,
        "MO" | "MON" | "MONTH" | "MONTHS" => LagUnit::Months,
        "H" | "HR" | "HOURS" => LagUnit::Hours,
        "M" | "MIN" | "MINUTES" => LagUnit::Minutes,
        "%" => LagUnit::Percent,
        _ => return None,
    };
    Some(Lag {
        amount: sign * value,
        unit,
        elapsed,
    })
}

/// The grids of a workbook's sheets (only `sheet` when given). calamine can panic on some
/// damaged workbooks (e.g. a sheet dimension that ends before it starts); that is an error
/// of the file, never a crash of the editor.
fn workbook_grids(bytes: &[u8], sheet: Option<&str>) -> Result<Vec<Grid>, ImportError> {
    std::panic::catch_unwind(|| sheet_grids(bytes, sheet)).unwrap_or_else(|_| {
        Err(ImportError::Workbook(
            "the workbook is damaged: its sheets cannot be read".to_owned(),
        ))
    })
}

fn sheet_grids(bytes: &[u8], sheet: Option<&str>) -> Result<Vec<Grid>, ImportError> {
    let mut book = open_workbook(bytes)?;
    let names = book.sheet_names();
    if let Some(wanted) = sheet
        && !names.iter().any(|n| n == wanted)
    {
        return Err(ImportError::Workbook(format!(
            "the workbook has no sheet \"{wanted}\" (it has: {})",
            names.join(", ")
        )));
    }
    let mut grids = Vec::new();
    for name in names.iter().filter(|n| sheet.is_none_or(|s| s == *n)) {
        let range = book
            .worksheet_range(name)
            .map_err(|e| ImportError::Workbook(format!("cannot read sheet \"{name}\": {e}")))?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let pad = col0 as usize;
        let rows = range
            .rows()
            .map(|r| {
                let mut cells = vec![Cell::Empty; pad];
                cells.extend(r.iter().map(cell_of));
                cells
            })
            .collect();
        grids.push(Grid {
            sheet: name.clone(),
            first_row: row0 as usize + 1,
            rows,
        });
    }
    Ok(grids)
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(day))
                .map_or(Cell::Number(d.as_f64()), Cell::Date)
        }
        Data::DateTime(d) => Cell::Number(d.as_f64()),
        Data::DateTimeIso(s) => date::iso(s).map_or_else(|| Cell::Text(s.clone()), Cell::Date),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(_) | Data::Empty => Cell::Empty,
    }
}

/// Opens a workbook by what its bytes are (zip: xlsx, xlsb or ods; OLE: xls).
fn open_workbook(bytes: &[u8]) -> Result<Sheets<Cursor<&[u8]>>, ImportError> {
    let refuse = |what: &str, e: &dyn std::fmt::Display| {
        ImportError::Workbook(format!("cannot open the {what} workbook: {e}"))
    };
    let head = bytes.get(..bytes.len().min(4096)).unwrap_or(bytes);
    let cursor = Cursor::new(bytes);
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        let encrypted: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        if bytes
            .windows(encrypted.len())
            .any(|w| w == encrypted.as_slice())
        {
            return Err(password_protected());
        }
        return calamine::open_workbook_from_rs(cursor)
            .map(Sheets::Xls)
            .map_err(|e: calamine::XlsError| match e {
                calamine::XlsError::Password => password_protected(),
                e => refuse("Excel 97–2003", &e),
            });
    }
    if !bytes.starts_with(b"PK") {
        return Err(ImportError::NotThisFormat(
            "this is not a spreadsheet workbook (.xlsx, .xls or .ods): save it as .xlsx or .csv and import that".to_owned(),
        ));
    }
    let contains = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if contains(b"application/vnd.oasis.opendocument.spreadsheet") {
        return calamine::open_workbook_from_rs(cursor)
            .map(Sheets::Ods)
            .map_err(|e: calamine::OdsError| refuse("OpenDocument", &e));
    }
    if bytes.windows(15).any(|w| w == b"xl/workbook.bin") {
        return calamine::open_workbook_from_rs(cursor)
            .map(Sheets::Xlsb)
            .map_err(|e: calamine::XlsbError| refuse("Excel binary", &e));
    }
    calamine::open_workbook_from_rs(cursor)
        .map(Sheets::Xlsx)
        .map_err(|e: calamine::XlsxError| match e {
            calamine::XlsxError::Password => password_protected(),
            e => refuse("Excel", &e),
        })
}

fn password_protected() -> ImportError {
    ImportError::Workbook(
        "the workbook is password-protected: open it in its program, save a copy without a \
         password, and import that"
            .to_owned(),
    )
}

/// A CSV file's cells (all text); the separator is whichever of `,` `;` tab the header uses.
fn csv_grid(bytes: &[u8], report: &mut ImportReport) -> Result<Grid, ImportError> {
    let text = match std::str::from_utf8(bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes)) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(_) => {
            report.approximate("the file is not UTF-8; read as Windows-1252 (Western European)");
            std::borrow::Cow::Owned(windows_1252(bytes))
        }
    };
    let sample: String = text
        .lines()
        .take(HEADER_SEARCH_ROWS)
        .collect::<Vec<_>>()
        .join("\n");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| sample.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            ImportError::Xml {
                line,
                column: 1,
                message: format!("not a readable CSV row: {e}"),
            }
        })?;
        rows.push(
            record
                .iter()
                .map(|f| {
                    if f.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(f.to_owned())
                    }
                })
                .collect(),
        );
    }
    Ok(Grid {
        sheet: String::new(),
        first_row: 1,
        rows,
    })
}

/// Bytes as Windows-1252 text (Latin-1 with the euro sign and smart quotes).
fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[usize::from(b - 0x80)],
            b => char::from(b),
        })
        .collect()
}

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
    let mut draft = read_csv(&super::read_file(&investments)?, &options, &mut report)?;
    report.read(format!("investments from {}", file_name(&investments)));
    if let Some(p) = milestones {
        let more = read_csv(&super::read_file(&p)?, &options, &mut report)?;
        report.read(format!("milestones from {}", file_name(&p)));
        draft.tasks.extend(more.tasks.into_iter().map(|mut t| {
            t.kind = Kind::Milestone;
            t
        }));
        draft.links.extend(more.links);
    }
    if let Some(p) = dependencies {
        draft.dependencies = dependency_table(&super::read_file(&p)?, &mut report);
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
fn dependency_rows(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_four_languages_are_recognised() {
        let cases = [
            ("Project name", Column::Title),
            ("Project manager", Column::Owner),
            ("Budget (EUR)", Column::Budget),
            ("budget_EUR", Column::Budget),
            ("Coût (€)", Column::Budget),
            ("Date de début", Column::Start),
            ("Enddatum", Column::End),
            ("Fecha de fin", Column::End),
            ("Depends on", Column::After),
            ("Vorgänger", Column::After),
            ("Workstream", Column::Layer),
            ("Ref.", Column::Id),
        ];
        for (header, column) in cases {
            assert_eq!(recognise(header), Some(column), "{header}");
        }
        for other in ["Total", "Notes", "Months"] {
            assert_ne!(recognise(other), Some(Column::Title), "{other}");
        }
    }

    #[test]
    fn amounts_in_the_usual_formats() {
        assert_eq!(amount("€1,234.50"), Some(1234.5));
        assert_eq!(amount("1.234,50 €"), Some(1234.5));
        assert_eq!(amount("1 234 567"), Some(1_234_567.0));
        assert_eq!(amount("CHF 3'000"), Some(3000.0));
        assert_eq!(amount("(2,000)"), Some(-2000.0));
        assert_eq!(amount("2.5M"), Some(2_500_000.0));
        assert_eq!(amount("12,5"), Some(12.5));
        assert_eq!(amount("450000000"), Some(450_000_000.0));
        assert_eq!(amount("to be decided"), None);
        assert_eq!(amount("n/a"), None);
    }

    #[test]
    fn predecessor_codes_carry_type_and_lag() {
        assert_eq!(
            link_code("12FS+3 days"),
            ("12".into(), LinkKind::FinishStart, Lag::days(3.0))
        );
        assert_eq!(
            link_code("Design SS-2d"),
            ("Design".into(), LinkKind::StartStart, Lag::days(-2.0))
        );
        assert_eq!(
            link_code("7FF"),
            ("7".into(), LinkKind::FinishFinish, Lag::default())
        );
        assert_eq!(
            link_code("cluster-1"),
            ("cluster-1".into(), LinkKind::FinishStart, Lag::default())
        );
        assert_eq!(
            link_code("Staff"),
            ("Staff".into(), LinkKind::FinishStart, Lag::default())
        );
    }

    #[test]
    fn lags_keep_the_unit_they_are_written_in() {
        let lag = |amount, unit, elapsed| Lag {
            amount,
            unit,
            elapsed,
        };
        assert_eq!(link_code("4FS+50%").2, lag(50.0, LagUnit::Percent, false));
        assert_eq!(link_code("4SS-25e%").2, lag(-25.0, LagUnit::Percent, true));
        assert_eq!(link_code("4FS+2w").2, lag(2.0, LagUnit::Weeks, false));
        assert_eq!(link_code("4FS+3ed").2, lag(3.0, LagUnit::Days, true));
        assert_eq!(link_code("4FS+1 mo").2, lag(1.0, LagUnit::Months, false));
        assert_eq!(
            link_code("4FS+50%").2.describe().as_deref(),
            Some("a lag of 50% of the predecessor's duration")
        );
        assert_eq!(
            link_code("4SS-25e%").2.describe().as_deref(),
            Some("a lead of 25% of the predecessor's elapsed duration")
        );
        assert_eq!(
            link_code("4FS+3ed").2.describe().as_deref(),
            Some("a lag of 3 elapsed days")
        );
        assert_eq!(link_code("4FS").2.describe(), None);
    }

    #[test]
    fn ligatures_whose_capitals_are_longer_never_split_a_character() {
        // "ﬀ" (3 bytes) upper-cases to "FF" (2 bytes): offsets found in an upper-cased copy
        // would fall inside it.
        assert_eq!(
            link_code("ﬀ FS+2d"),
            ("ﬀ".into(), LinkKind::FinishStart, Lag::days(2.0))
        );
        assert_eq!(link_code("ﬀﬀ").0, "ﬀﬀ");
    }

    #[test]
    fn the_header_is_found_below_a_title_and_a_blank_row() {
        let text = |s: &str| Cell::Text(s.into());
        let grid = Grid {
            sheet: "Plan".into(),
            first_row: 1,
            rows: vec![
                vec![text("National AI programme 2026")],
                vec![],
                vec![
                    text("Ref"),
                    text("Project"),
                    text("Start"),
                    text("End"),
                    text("Cost (€)"),
                ],
                vec![
                    text("A1"),
                    text("Cluster"),
                    text("01/03/2026"),
                    text("31/12/2027"),
                    text("€ 1,500,000"),
                ],
                vec![
                    Cell::Empty,
                    text("Total"),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Number(1_500_000.0),
                ],
            ],
        };
        let header = find_header(&grid, &ColumnMapping::default()).unwrap();
        assert_eq!(header.row, 2);
        let mut report = ImportReport::default();
        let draft = draft_of(&grid, &header, &mut report);
        assert_eq!(draft.currency.as_deref(), Some("EUR"));
        assert_eq!(draft.tasks.len(), 2);
        assert_eq!(draft.tasks[0].reference.as_deref(), Some("A1"));
        assert_eq!(draft.tasks[0].cost, Some(1_500_000.0));
        let plan = draft::build(draft, &mut report);
        assert_eq!(plan.investments.len(), 1);
        assert!(
            report.skipped.iter().any(|s| s.contains("row 5 \"Total\"")),
            "{report}"
        );
    }

    #[test]
    fn a_chosen_column_overrides_the_recognised_one() {
        let text = |s: &str| Cell::Text(s.into());
        let row = vec![text("Name"), text("Start"), text("Programme")];
        let mut mapping = ColumnMapping::default();
        mapping.set(Column::Layer, "Programme");
        let header = header_of(0, &row, &mapping);
        assert_eq!(header.index(Column::Layer), Some(2));
        mapping.set(Column::Start, "");
        assert_eq!(header_of(0, &row, &mapping).index(Column::Start), None);
    }
}
