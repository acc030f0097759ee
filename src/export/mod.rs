//! Draws a layout scene to PDF, SVG and PNG, and writes CSV and Excel workbooks.
//!
//! Every exporter draws what [`crate::layout`] laid out and none lays out on its own: the
//! chart scene (SVG, PNG), the printed document's pages ([`crate::layout::page::document`]
//! for the PDF), a stop's handout page ([`crate::layout::slide`]) and the comparison report's
//! pages ([`crate::layout::comparison`]).

pub mod comparison;
pub mod csv;
pub mod diff;
pub mod fonts;
mod hairline;
pub mod handout;
pub mod pdf;
pub mod png;
pub mod svg;
pub mod xlsx;

use std::path::Path;

use crate::analysis::sovereignty::{Cutoff, Shock, Sovereignty};
use crate::analysis::{Analysis, Framework};
use crate::layout::View;
use crate::model::{Month, Roadmap};

/// Paper sizes for PDF export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PageSize {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// ISO A3, 297 × 420 mm.
    A3,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl PageSize {
    /// Width and height in points, portrait.
    pub fn portrait_points(self) -> (f32, f32) {
        match self {
            PageSize::A4 => (595.28, 841.89),
            PageSize::A3 => (841.89, 1190.55),
            PageSize::Letter => (612.0, 792.0),
        }
    }
}

impl std::str::FromStr for PageSize {
    type Err = ExportError;

    fn from_str(s: &str) -> Result<PageSize, ExportError> {
        match s.to_ascii_lowercase().as_str() {
            "a4" => Ok(PageSize::A4),
            "a3" => Ok(PageSize::A3),
            "letter" => Ok(PageSize::Letter),
            _ => Err(ExportError::PageSize(s.to_owned())),
        }
    }
}

/// How to export: page, orientation, time range, raster scale.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportOptions {
    /// Paper size of PDF pages.
    pub page: PageSize,
    /// Landscape instead of portrait.
    pub landscape: bool,
    /// First month shown; `None` = the plan's horizon start.
    pub from: Option<Month>,
    /// Last month shown; `None` = the plan's horizon end.
    pub to: Option<Month>,
    /// Pixels per unit for PNG (1.0 = 1 px per point).
    pub scale: f32,
    /// Date printed on PDF pages, e.g. "2026-11-25"; `None` = today.
    pub date: Option<String>,
    /// Whether to add report pages after the chart in PDFs.
    pub report: bool,
    /// A cut-off to mark on the chart (and summarise in PDFs): who cuts access, and when.
    pub shock: Option<(Cutoff, Month)>,
}

impl Default for ExportOptions {
    fn default() -> ExportOptions {
        ExportOptions {
            page: PageSize::A4,
            landscape: true,
            from: None,
            to: None,
            scale: 1.0,
            date: None,
            report: true,
            shock: None,
        }
    }
}

impl ExportOptions {
    /// The months exported, clamped so that `from <= to`.
    pub fn range(&self, plan: &Roadmap) -> (Month, Month) {
        let from = self.from.unwrap_or(plan.horizon.start);
        let to = self.to.unwrap_or(plan.horizon.end).max(from);
        (from, to)
    }

    /// The view used for the whole chart (SVG, PNG): the range with a legend.
    pub fn chart_view(&self, plan: &Roadmap, analysis: &Analysis) -> View {
        let (from, to) = self.range(plan);
        let mut view = View::new(from, to);
        view.legend = true;
        view.shock = self.shock_of(plan, analysis);
        view
    }

    /// What the chosen cut-off does to `plan`, if one is chosen.
    pub fn shock_of(&self, plan: &Roadmap, analysis: &Analysis) -> Option<Shock> {
        let (cutoff, at) = self.shock.as_ref()?;
        let framework = Framework::eu_csf().ok()?;
        Some(Sovereignty::new(plan, analysis, &framework).shock(cutoff, *at))
    }

    /// Page width and height in points, after orientation.
    pub fn page_points(&self) -> (f32, f32) {
        let (w, h) = self.page.portrait_points();
        if self.landscape { (h, w) } else { (w, h) }
    }

    /// The date printed on pages.
    pub fn date_text(&self) -> String {
        self.date.clone().unwrap_or_else(today)
    }
}

/// Today's date (UTC) as "YYYY-MM-DD".
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs / 86_400) as i64;
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The output file's extension names no format we write.
    #[error("unknown export format \"{0}\": use .pdf, .svg, .png, .csv or .xlsx")]
    Format(String),
    /// An unknown paper size.
    #[error("unknown page size \"{0}\": use a4, a3 or letter")]
    PageSize(String),
    /// The PDF writer refused the document.
    #[error("could not write the PDF: {0}")]
    Pdf(String),
    /// The rasteriser could not draw the image.
    #[error("could not draw the PNG: {0}")]
    Png(String),
    /// The workbook writer refused the plan.
    #[error("could not write the workbook: {0}")]
    Xlsx(String),
    /// Writing the file failed.
    #[error("could not write {path}: {source}")]
    Io {
        /// The file written.
        path: String,
        /// What went wrong.
        source: std::io::Error,
    },
}

/// What an export produced besides the file: things the user should know.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Warnings, e.g. text no installed font can show.
    pub warnings: Vec<String>,
}

/// Writes `plan` (analysed as `analysis`) to `path` in the format its extension names
/// (.pdf, .svg, .png, .xlsx).
pub fn write_file(
    plan: &Roadmap,
    analysis: &Analysis,
    path: &Path,
    options: &ExportOptions,
) -> Result<Report, ExportError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let io_err = |source| ExportError::Io {
        path: path.display().to_string(),
        source,
    };
    let (bytes, report) = match ext.as_str() {
        "pdf" => {
            let out = pdf::render(plan, analysis, options)?;
            (out.bytes, out.report)
        }
        "svg" => (
            svg::write(plan, analysis, options).into_bytes(),
            Report::default(),
        ),
        "png" => {
            let out = png::render(plan, analysis, options)?;
            (out.bytes, out.report)
        }
        "xlsx" => {
            let bytes = xlsx::write(plan).map_err(|e| ExportError::Xlsx(e.to_string()))?;
            (bytes, Report::default())
        }
        _ => return Err(ExportError::Format(path.display().to_string())),
    };
    crate::io::write_atomically(path, &bytes).map_err(io_err)?;
    Ok(report)
}

/// Bytes of an exported file plus its report.
#[derive(Debug, Clone, Default)]
pub struct Output {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Warnings.
    pub report: Report,
}
