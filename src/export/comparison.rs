//! The comparison report of two plans as a PDF (`stackplan export A --compare B -o x.pdf`).

use std::path::Path;

use super::pdf;
use super::{ExportError, ExportOptions, Output, Report};
use crate::analysis::compare::{Options, compare_with};
use crate::layout::Point;
use crate::layout::comparison::{Side, pages};
use crate::layout::page::Placed;

/// Writes the comparison of plan `a` with plan `b` (each with its analysis and source) to
/// `path`.
pub fn write(
    a: &Side<'_>,
    b: &Side<'_>,
    path: &Path,
    options: &ExportOptions,
) -> Result<Report, ExportError> {
    let out = render(a, b, options)?;
    crate::io::write_atomically(path, &out.bytes).map_err(|source| ExportError::Io {
        path: path.display().to_string(),
        source,
    })?;
    Ok(out.report)
}

/// The comparison PDF: both exposure curves, retirements, budget per layer, every difference.
pub fn render(a: &Side<'_>, b: &Side<'_>, options: &ExportOptions) -> Result<Output, ExportError> {
    let (page_w, page_h) = options.page_points();
    let comparison = compare_with(a.plan, a.analysis, b.plan, b.analysis, &Options::default());
    let scenes = pages(&comparison, a, b, page_w, page_h, &options.date_text());
    let placed: Vec<Vec<Placed>> = scenes
        .into_iter()
        .map(|scene| {
            vec![Placed {
                scene,
                origin: Point::new(0.0, 0.0),
                scale: 1.0,
                clip: None,
            }]
        })
        .collect();
    let title = format!("{} vs {}", a.plan.title, b.plan.title);
    pdf::compose(&title, &a.plan.owner, page_w, page_h, &placed)
}
