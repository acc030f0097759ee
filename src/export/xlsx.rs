//! An Excel workbook of a plan for finance colleagues: sheets Investments, Milestones,
//! Dependencies, Budget by year and Exposure by month.
//!
//! Cells hold real numbers and dates (not text), budgets carry a currency format, every sheet
//! has a frozen header row, filters and fitted column widths. The Investments sheet is laid
//! out so that importing the workbook gives back the same investments.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::analysis;
use crate::model::{Month, Roadmap};

/// Widest a fitted column gets, in pixels (long notes would otherwise fill the screen).
const MAX_COLUMN_PIXELS: u32 = 420;

/// The workbook's bytes.
pub fn write(plan: &Roadmap) -> Result<Vec<u8>, XlsxError> {
    let formats = Formats::new(&plan.currency);
    let mut book = Workbook::new();
    investments(plan, book.add_worksheet(), &formats)?;
    milestones(plan, book.add_worksheet(), &formats)?;
    dependencies(plan, book.add_worksheet(), &formats)?;
    budget(plan, book.add_worksheet(), &formats)?;
    exposure(plan, book.add_worksheet(), &formats)?;
    book.save_to_buffer()
}

struct Formats {
    header: Format,
    month: Format,
    money: Format,
    whole: Format,
    total_money: Format,
    total_label: Format,
}

impl Formats {
    fn new(currency: &str) -> Formats {
        // The code in quotes is shown after the amount: "450,000,000 EUR".
        let code: String = currency
            .chars()
            .filter(|c| *c != '"' && *c != '\\')
            .collect();
        let money = format!("#,##0 \"{code}\"");
        Formats {
            header: Format::new().set_bold().set_background_color(0xE2E8F0),
            month: Format::new().set_num_format("mmm yyyy"),
            money: Format::new().set_num_format(money.as_str()),
            whole: Format::new().set_num_format("0"),
            total_money: Format::new().set_bold().set_num_format(money.as_str()),
            total_label: Format::new().set_bold(),
        }
    }
}

/// The first day of `month` as an Excel date.
fn first_day(month: Month) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(year(month), month.month() as u8, 1)
}

/// The last day of `month` as an Excel date.
fn last_day(month: Month) -> Result<ExcelDateTime, XlsxError> {
    let next = month.plus(1);
    let last = chrono::NaiveDate::from_ymd_opt(next.year(), next.month(), 1)
        .and_then(|d| d.pred_opt())
        .map_or(28, |d| chrono::Datelike::day(&d));
    ExcelDateTime::from_ymd(year(month), month.month() as u8, last as u8)
}

fn year(month: Month) -> u16 {
    // Excel's dates start in 1900; earlier plans are clamped there.
    month.year().clamp(1900, 9999) as u16
}

/// Writes the bold header row, freezes it and puts a filter over `rows` data rows.
fn header(
    sheet: &mut Worksheet,
    titles: &[&str],
    rows: usize,
    f: &Formats,
) -> Result<(), XlsxError> {
    for (col, title) in titles.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &f.header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_col = titles.len().saturating_sub(1) as u16;
    sheet.autofilter(0, 0, rows.min(1_048_575) as u32, last_col)?;
    Ok(())
}

fn fit(sheet: &mut Worksheet) {
    sheet.set_autofit_max_width(MAX_COLUMN_PIXELS);
    sheet.autofit();
}

fn layer_name(plan: &Roadmap, id: &str) -> String {
    plan.layer(id)
        .map_or_else(|| id.to_owned(), |l| l.name.clone())
}

fn investments(plan: &Roadmap, sheet: &mut Worksheet, f: &Formats) -> Result<(), XlsxError> {
    sheet.set_name("Investments")?;
    let budget = format!("Budget ({})", plan.currency);
    let titles = [
        "Id", "Title", "Layer", "Start", "End", "Months", &budget, "Owner", "After", "Notes",
    ];
    header(sheet, &titles, plan.investments.len(), f)?;
    for (i, inv) in plan.investments.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &inv.id)?;
        sheet.write_string(row, 1, &inv.title)?;
        sheet.write_string(row, 2, layer_name(plan, &inv.layer))?;
        sheet.write_datetime_with_format(row, 3, first_day(inv.start)?, &f.month)?;
        sheet.write_datetime_with_format(row, 4, last_day(inv.end)?, &f.month)?;
        sheet.write_number_with_format(row, 5, inv.duration_months(), &f.whole)?;
        sheet.write_number_with_format(row, 6, inv.budget as f64, &f.money)?;
        sheet.write_string(row, 7, &inv.owner)?;
        sheet.write_string(row, 8, inv.after.join("; "))?;
        sheet.write_string(row, 9, &inv.notes)?;
    }
    fit(sheet);
    Ok(())
}

fn milestones(plan: &Roadmap, sheet: &mut Worksheet, f: &Formats) -> Result<(), XlsxError> {
    sheet.set_name("Milestones")?;
    let cost = format!("Total cost of needs ({})", plan.currency);
    let titles = [
        "Id",
        "Title",
        "Month",
        "Layer",
        "Needs",
        "Removes",
        "Introduces",
        &cost,
        "Notes",
    ];
    header(sheet, &titles, plan.milestones.len(), f)?;
    for (i, m) in plan.milestones.iter().enumerate() {
        let row = i as u32 + 1;
        let cost = analysis::milestone_report(plan, &m.id).map_or(0, |r| r.total_cost);
        sheet.write_string(row, 0, &m.id)?;
        sheet.write_string(row, 1, &m.title)?;
        sheet.write_datetime_with_format(row, 2, first_day(m.month)?, &f.month)?;
        sheet.write_string(row, 3, layer_name(plan, &m.layer))?;
        sheet.write_string(row, 4, m.needs.join("; "))?;
        sheet.write_string(row, 5, m.removes.join("; "))?;
        sheet.write_string(row, 6, m.introduces.join("; "))?;
        sheet.write_number_with_format(row, 7, cost as f64, &f.money)?;
        sheet.write_string(row, 8, &m.notes)?;
    }
    fit(sheet);
    Ok(())
}

fn dependencies(plan: &Roadmap, sheet: &mut Worksheet, f: &Formats) -> Result<(), XlsxError> {
    sheet.set_name("Dependencies")?;
    let titles = [
        "Id",
        "Name",
        "Layer",
        "Controller",
        "Jurisdiction",
        "Control",
        "Criticality",
        "Live from",
        "Removed in",
        "Removed by",
        "Notes",
    ];
    header(sheet, &titles, plan.dependencies.len(), f)?;
    let spans = analysis::dependency_spans(plan);
    for (i, (d, span)) in plan.dependencies.iter().zip(&spans).enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &d.id)?;
        sheet.write_string(row, 1, &d.name)?;
        sheet.write_string(row, 2, layer_name(plan, &d.layer))?;
        sheet.write_string(row, 3, &d.controller)?;
        sheet.write_string(row, 4, &d.jurisdiction)?;
        sheet.write_string(row, 5, d.control.label())?;
        sheet.write_number(row, 6, d.criticality)?;
        sheet.write_datetime_with_format(row, 7, first_day(span.from)?, &f.month)?;
        if let Some(until) = span.until {
            sheet.write_datetime_with_format(row, 8, first_day(until)?, &f.month)?;
        }
        sheet.write_string(row, 9, span.removed_by.as_deref().unwrap_or(""))?;
        sheet.write_string(row, 10, &d.notes)?;
    }
    fit(sheet);
    Ok(())
}

fn budget(plan: &Roadmap, sheet: &mut Worksheet, f: &Formats) -> Result<(), XlsxError> {
    sheet.set_name("Budget by year")?;
    let table = analysis::budget_by_layer_year(plan);
    let years: Vec<String> = table.years.iter().map(i32::to_string).collect();
    let mut titles = vec!["Layer"];
    titles.extend(years.iter().map(String::as_str));
    titles.push("Total");
    header(sheet, &titles, table.rows.len(), f)?;
    sheet.set_freeze_panes(1, 1)?;
    let total_col = table.years.len() as u16 + 1;
    for (i, (layer, values)) in table.rows.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, layer_name(plan, layer))?;
        for (j, v) in values.iter().enumerate() {
            sheet.write_number_with_format(row, j as u16 + 1, *v as f64, &f.money)?;
        }
        let sum: u64 = values.iter().fold(0u64, |a, v| a.saturating_add(*v));
        sheet.write_number_with_format(row, total_col, sum as f64, &f.total_money)?;
    }
    let row = table.rows.len() as u32 + 1;
    sheet.write_string_with_format(row, 0, "Total", &f.total_label)?;
    for (j, v) in table.year_totals.iter().enumerate() {
        sheet.write_number_with_format(row, j as u16 + 1, *v as f64, &f.total_money)?;
    }
    sheet.write_number_with_format(row, total_col, table.total as f64, &f.total_money)?;
    fit(sheet);
    Ok(())
}

fn exposure(plan: &Roadmap, sheet: &mut Worksheet, f: &Formats) -> Result<(), XlsxError> {
    sheet.set_name("Exposure by month")?;
    let series = analysis::exposure_series(plan);
    let names: Vec<String> = plan.layers.iter().map(|l| l.name.clone()).collect();
    let mut titles = vec!["Month", "Total"];
    titles.extend(names.iter().map(String::as_str));
    header(sheet, &titles, series.len(), f)?;
    for (i, e) in series.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_datetime_with_format(row, 0, first_day(e.month)?, &f.month)?;
        sheet.write_number(row, 1, e.total)?;
        for (j, (_, v)) in e.by_layer.iter().enumerate() {
            sheet.write_number(row, j as u16 + 2, *v)?;
        }
    }
    fit(sheet);
    Ok(())
}
