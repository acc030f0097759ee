//! The Stops panel (the plan's presentation stops: add the current view, rename, notes,
//! reorder, delete) and the handout export.

use std::path::{Path, PathBuf};

use super::app::StackplanApp;

/// Asks where to write the handout (native dialog), then writes it there.
pub fn export_handout(app: &mut StackplanApp) {
    if let Some(path) = pick_handout(app.document().path()) {
        export_handout_to(app, &path);
    }
}

/// Writes the handout PDF (one page per stop) to `path`; errors show in a dialog.
pub fn export_handout_to(app: &mut StackplanApp, path: &Path) {
    let options = crate::export::ExportOptions::default();
    match crate::export::handout::write(app.plan(), path, &options) {
        Ok(report) => {
            let warnings = report.warnings.len();
            app.status = if warnings == 0 {
                format!("Exported handout {}", path.display())
            } else {
                format!("Exported handout {} ({warnings} warnings)", path.display())
            };
        }
        Err(e) => app.show_error("Cannot export the handout", &e.to_string(), None),
    }
}

/// The native save dialog for the handout, named after the plan's file.
fn pick_handout(current: Option<&PathBuf>) -> Option<PathBuf> {
    let stem = current
        .and_then(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "roadmap".to_owned());
    rfd::FileDialog::new()
        .set_title("Export handout")
        .add_filter("PDF", &["pdf"])
        .set_file_name(format!("{stem}-handout.pdf"))
        .save_file()
        .map(|p| p.with_extension("pdf"))
}
