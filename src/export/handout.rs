//! The handout: one PDF page per presentation stop, laid out by [`crate::layout::slide`].

use std::path::Path;

use super::pdf;
use super::{ExportError, ExportOptions, Output, Report};
use crate::analysis::Analysis;
use crate::analysis::stops;
use crate::analysis::two_paths::OtherPath;
use crate::layout;
use crate::model::Roadmap;

/// Writes the handout of `plan` (analysed as `analysis`) to `path`; with `other`, a last
/// page compares the two paths.
pub fn write(
    plan: &Roadmap,
    analysis: &Analysis,
    other: Option<&OtherPath>,
    path: &Path,
    options: &ExportOptions,
) -> Result<Report, ExportError> {
    let out = render(plan, analysis, other, options)?;
    crate::io::write_atomically(path, &out.bytes).map_err(|source| ExportError::Io {
        path: path.display().to_string(),
        source,
    })?;
    Ok(out.report)
}

/// The handout PDF of `plan`: one page per stop (saved or default), in order, and with
/// `other` the comparison stop last.
pub fn render(
    plan: &Roadmap,
    analysis: &Analysis,
    other: Option<&OtherPath>,
    options: &ExportOptions,
) -> Result<Output, ExportError> {
    let (page_w, page_h) = options.page_points();
    let slides = stops::slides_with(plan, other);
    let pages = layout::slide::handout_pages(
        plan,
        analysis,
        other,
        &slides,
        (page_w, page_h),
        options.date_text(),
        options.shock_of(plan, analysis),
    );
    pdf::compose(
        &format!("{} (handout)", plan.title),
        &plan.owner,
        page_w,
        page_h,
        &pages,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Month;

    #[test]
    fn hostile_stops_still_make_one_page_each() {
        let mut plan = crate::io::example_plan().unwrap();
        let far = |y| Month::new(y, 1).unwrap();
        let stop = |from, to, focus: Option<&str>, title: &str, notes: String| crate::model::Stop {
            title: title.to_owned(),
            from,
            to,
            layers: vec!["no-such-layer".into()],
            focus: focus.map(str::to_owned),
            notes,
            view: crate::model::StopView::Chart,
        };
        plan.stops = vec![
            crate::model::Stop {
                view: crate::model::StopView::Sovereignty,
                ..stop(far(1000), far(9000), None, "", "word ".repeat(5000))
            },
            crate::model::Stop {
                view: crate::model::StopView::Sovereignty,
                ..stop(far(2030), far(2020), None, "Backwards", String::new())
            },
            stop(
                far(2030),
                far(2020),
                Some("nothing"),
                "Backwards",
                String::new(),
            ),
            stop(
                far(2030),
                far(2030),
                Some("licensed-llm-live"),
                &"x".repeat(500),
                "\n\n".into(),
            ),
        ];
        let analysis = Analysis::of(&plan);
        let out = render(&plan, &analysis, None, &ExportOptions::default()).unwrap();
        let doc = lopdf::Document::load_mem(&out.bytes).unwrap();
        assert_eq!(doc.get_pages().len(), 4);
    }
}
