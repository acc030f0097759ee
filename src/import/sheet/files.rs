//! Reading cells: workbooks through calamine, CSV files in UTF-8 or Windows-1252.

use std::io::Cursor;

use calamine::{Data, Reader, Sheets};
use chrono::NaiveDate;

use super::*;
use crate::import::{ImportError, ImportReport, date};

/// The grids of a workbook's sheets (only `sheet` when given). calamine can panic on some
/// damaged workbooks (e.g. a sheet dimension that ends before it starts); that is an error
/// of the file, never a crash of the editor.
pub(super) fn workbook_grids(bytes: &[u8], sheet: Option<&str>) -> Result<Vec<Grid>, ImportError> {
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
pub(super) fn csv_grid(bytes: &[u8], report: &mut ImportReport) -> Result<Grid, ImportError> {
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
