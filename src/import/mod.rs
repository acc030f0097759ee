//! Importing plans from where they live today: MS Project XML (MSPDI), GanttProject `.gan`,
//! spreadsheets (`.xlsx`, `.xls`, `.ods`, `.csv`).
//!
//! Every format is read into a [`draft::Draft`] (tasks, links, groups as the file has them);
//! [`draft::build`] turns a draft into a [`Roadmap`] the same way for all of them, and every
//! import returns an [`ImportReport`] of what was read, approximated and skipped.

mod date;
pub mod draft;
pub mod gan;
pub mod mspdi;
pub mod sheet;
mod xml;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::Roadmap;

pub use sheet::{Column, ColumnMapping};

/// The largest file Stackplan imports.
pub const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;

/// What an import carried over, what it had to approximate and what it left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// What was read, e.g. "12 investments, 3 milestones".
    pub read: Vec<String>,
    /// What does not map exactly, each naming the task or row, e.g. a start-to-start link.
    pub approximated: Vec<String>,
    /// What was left out and why, each naming the task or row.
    pub skipped: Vec<String>,
}

impl ImportReport {
    /// Notes something that was read.
    pub fn read(&mut self, line: impl Into<String>) {
        self.read.push(line.into());
    }

    /// Notes something approximated.
    pub fn approximate(&mut self, line: impl Into<String>) {
        self.approximated.push(line.into());
    }

    /// Notes something skipped.
    pub fn skip(&mut self, line: impl Into<String>) {
        self.skipped.push(line.into());
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in &self.read {
            writeln!(f, "read: {line}")?;
        }
        for (title, lines) in [
            ("approximated", &self.approximated),
            ("skipped", &self.skipped),
        ] {
            if lines.is_empty() {
                writeln!(f, "{title}: nothing")?;
                continue;
            }
            writeln!(f, "{title} ({}):", lines.len())?;
            for line in lines {
                writeln!(f, "  - {line}")?;
            }
        }
        Ok(())
    }
}

/// A plan read from another program's file, with the report of how it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The new plan.
    pub plan: Roadmap,
    /// What was read, approximated and skipped.
    pub report: ImportReport,
}

/// The file formats Stackplan imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// MS Project XML (MSPDI), `.xml`.
    Mspdi,
    /// GanttProject, `.gan`.
    Gan,
    /// A workbook read with calamine: `.xlsx`, `.xlsm`, `.xls`, `.xlsb`, `.ods`.
    Workbook,
    /// Comma- (or semicolon-) separated values, `.csv`.
    Csv,
}

impl Format {
    /// The format a file name's extension names.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xml" | "mspdi" => Some(Format::Mspdi),
            "gan" => Some(Format::Gan),
            "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => Some(Format::Workbook),
            "csv" | "tsv" | "txt" => Some(Format::Csv),
            _ => None,
        }
    }

    /// Whether the file is a table whose columns can be mapped by hand.
    pub fn is_table(self) -> bool {
        matches!(self, Format::Workbook | Format::Csv)
    }
}

/// The extensions File → Import… offers.
pub const EXTENSIONS: [&str; 8] = ["xml", "gan", "xlsx", "xlsm", "xls", "ods", "csv", "tsv"];

/// Choices the user can make about a spreadsheet import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Which sheet of a workbook to read; `None` = the first with a recognisable header.
    pub sheet: Option<String>,
    /// The spreadsheet row number of the header; `None` = found by itself.
    pub header_row: Option<usize>,
    /// Columns chosen by hand, overriding the ones recognised from the header.
    pub mapping: ColumnMapping,
}

/// Why a file could not be imported at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The file is larger than [`MAX_IMPORT_BYTES`].
    #[error("the file is {} MB; Stackplan imports files up to {} MB", .0 / 1_048_576, MAX_IMPORT_BYTES / 1_048_576)]
    TooLarge(u64),
    /// The extension names no format Stackplan imports.
    #[error(
        "cannot import \"{0}\": use .xml (MS Project), .gan (GanttProject), .xlsx, .xls, .ods or .csv"
    )]
    Format(String),
    /// The XML is malformed or cut short.
    #[error("line {line}, column {column}: {message}")]
    Xml {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The file is readable but is not the kind of file its extension says.
    #[error("{0}")]
    NotThisFormat(String),
    /// A workbook could not be opened (damaged, password-protected, unsupported).
    #[error("{0}")]
    Workbook(String),
    /// No row looks like a header with a title column and a date column.
    #[error("{0}")]
    NoHeader(String),
    /// A file-level error with the file's path attached.
    #[error("{error} — {}", path.display())]
    InFile {
        /// The file.
        path: PathBuf,
        /// The error inside it.
        error: Box<ImportError>,
    },
}

/// Imports the file at `path`; the format follows its extension.
pub fn import_path(path: &Path, options: &ImportOptions) -> Result<Imported, ImportError> {
    let format = Format::of(path).ok_or_else(|| ImportError::Format(path.display().to_string()))?;
    let in_file = |error| ImportError::InFile {
        path: path.to_owned(),
        error: Box::new(error),
    };
    if format == Format::Csv && sheet::stackplan_tables(path).is_some() {
        return sheet::import_stackplan_csv(path).map_err(in_file);
    }
    let bytes = read_file(path)?;
    let name = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    import_bytes(format, &bytes, &name, options).map_err(in_file)
}

/// Imports `bytes` in `format`; `name` (the file's stem) titles a plan whose file has none.
pub fn import_bytes(
    format: Format,
    bytes: &[u8],
    name: &str,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let mut report = ImportReport::default();
    let mut draft = match format {
        Format::Mspdi => mspdi::read(bytes, &mut report)?,
        Format::Gan => gan::read(bytes, &mut report)?,
        Format::Workbook => sheet::read_workbook(bytes, options, &mut report)?,
        Format::Csv => sheet::read_csv(bytes, options, &mut report)?,
    };
    if draft.title.trim().is_empty() {
        draft.title = name.to_owned();
    }
    let plan = draft::build(draft, &mut report);
    Ok(Imported { plan, report })
}

/// Reads a whole file, refusing one larger than [`MAX_IMPORT_BYTES`].
pub fn read_file(path: &Path) -> Result<Vec<u8>, ImportError> {
    let read_err = |source| ImportError::Read {
        path: path.to_owned(),
        source,
    };
    let size = std::fs::metadata(path).map_err(read_err)?.len();
    if size > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge(size));
    }
    std::fs::read(path).map_err(read_err)
}

/// Text of an XML file: UTF-8 (with or without a byte-order mark) or UTF-16 with one.
fn xml_text(bytes: &[u8]) -> Result<std::borrow::Cow<'_, str>, ImportError> {
    let utf16 = |bytes: &[u8], le: bool| {
        let units = bytes.chunks_exact(2).map(|c| {
            let pair = [c[0], c[1]];
            if le {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|_| ImportError::Xml {
                line: 1,
                column: 1,
                message: "the file is not valid UTF-16 text".to_owned(),
            })
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, true).map(Into::into),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, false).map(Into::into),
        _ => {
            let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
            std::str::from_utf8(bytes).map(Into::into).map_err(|e| {
                let (line, column) = line_column(bytes, e.valid_up_to());
                ImportError::Xml {
                    line,
                    column,
                    message: "the file is not UTF-8 text".to_owned(),
                }
            })
        }
    }
}

/// 1-based line and column of byte `offset` in `bytes` (columns count characters).
fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}
