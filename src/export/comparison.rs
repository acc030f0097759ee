//! The comparison report of two plans as a PDF (`stackplan export A --compare B -o x.pdf`).

use std::path::Path;

use super::pdf::{self, Placed};
use super::{ExportError, ExportOptions, Output, Report};
use crate::analysis::Analysis;
use crate::analysis::compare::{Options, compare_with};
use crate::layout::Point;
use crate::layout::comparison::{Side, pages};
use crate::model::Roadmap;

/// Writes the comparison of plan `a` (read from `a_source`) with plan `b` to `path`.
pub fn write(
    a: (&Roadmap, &str),
    b: (&Roadmap, &str),
    path: &Path,
    options: &ExportOptions,
) -> Result<Report, ExportError> {
    let out = render(a, b, options)?;
    std::fs::write(path, &out.bytes).map_err(|source| ExportError::Io {
        path: path.display().to_string(),
        source,
    })?;
    Ok(out.report)
}

/// The comparison PDF: both exposure curves, retirements, budget per layer, every difference.
pub fn render(
    (a, a_source): (&Roadmap, &str),
    (b, b_source): (&Roadmap, &str),
    options: &ExportOptions,
) -> Result<Output, ExportError> {
    let (page_w, page_h) = options.page_points();
    let (analysis_a, analysis_b) = (Analysis::of(a), Analysis::of(b));
    let comparison = compare_with(a, &analysis_a, b, &analysis_b, &Options::default());
    let side = |plan, analysis, source: &str| Side {
        plan,
        analysis,
        source: source.to_owned(),
    };
    let scenes = pages(
        &comparison,
        &side(a, &analysis_a, a_source),
        &side(b, &analysis_b, b_source),
        page_w,
        page_h,
        &options.date_text(),
    );
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
    let title = format!("{} vs {}", a.title, b.title);
    pdf::compose(&title, &a.owner, page_w, page_h, &placed)
}
