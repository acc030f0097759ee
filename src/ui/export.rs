//! File → Export… on a background thread (PDF, SVG, PNG, Excel or the CSV tables), so that a
//! long export never freezes the window; the toolbar shows a spinner while it runs.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Instant;

use crate::analysis::Analysis;
use crate::analysis::two_paths::OtherPath;
use crate::export::{self, ExportOptions};
use crate::model::Roadmap;

/// How an export ended.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportOutcome {
    /// The files were written.
    Done {
        /// Every file written (four for CSV, one otherwise).
        written: Vec<PathBuf>,
        /// Things the user should know, e.g. text no font can show.
        warnings: Vec<String>,
    },
    /// Nothing usable was written; the message says why.
    Failed(String),
}

/// An export running on its own thread.
pub struct ExportJob {
    path: PathBuf,
    /// What is exported, as the status line names it before the files ("handout "), or
    /// nothing for the plan itself.
    what: &'static str,
    started: Instant,
    outcome: Receiver<ExportOutcome>,
}

impl ExportJob {
    /// Starts writing `plan` (analysed as `analysis`) to `path` (format by extension) on a
    /// background thread.
    pub fn start(
        plan: Roadmap,
        analysis: Arc<Analysis>,
        path: PathBuf,
        options: ExportOptions,
    ) -> ExportJob {
        let target = path.clone();
        ExportJob::spawn(path, "", move || write(&plan, &analysis, &target, &options))
    }

    /// Starts writing the handout of `plan` (one page per stop, and the comparison stop
    /// when `other` is given) to `path` on a background thread.
    pub fn handout(
        plan: Roadmap,
        analysis: Arc<Analysis>,
        other: Option<OtherPath>,
        path: PathBuf,
        options: ExportOptions,
    ) -> ExportJob {
        let target = path.clone();
        ExportJob::spawn(path, "handout ", move || {
            match export::handout::write(&plan, &analysis, other.as_ref(), &target, &options) {
                Ok(report) => ExportOutcome::Done {
                    written: vec![target.clone()],
                    warnings: report.warnings,
                },
                Err(e) => ExportOutcome::Failed(e.to_string()),
            }
        })
    }

    /// Runs `write` on its own thread, writing `path`.
    fn spawn(
        path: PathBuf,
        what: &'static str,
        write: impl FnOnce() -> ExportOutcome + Send + 'static,
    ) -> ExportJob {
        let (send, outcome) = mpsc::channel();
        let failure = send.clone();
        let spawned = std::thread::Builder::new()
            .name("stackplan-export".to_owned())
            .spawn(move || {
                let _ = send.send(write());
            });
        if let Err(e) = spawned {
            let message = format!("cannot start the export: {e}");
            let _ = failure.send(ExportOutcome::Failed(message));
        }
        ExportJob {
            path,
            what,
            started: Instant::now(),
            outcome,
        }
    }

    /// The file being written.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What is exported, as the status line names it ("handout ", or "" for the plan).
    pub fn what(&self) -> &'static str {
        self.what
    }

    /// Seconds since the export started.
    pub fn elapsed(&self) -> f32 {
        self.started.elapsed().as_secs_f32()
    }

    /// Waits up to `limit` for the export to end; its outcome, or `None` if it still runs.
    pub fn wait(&self, limit: std::time::Duration) -> Option<ExportOutcome> {
        match self.outcome.recv_timeout(limit) {
            Ok(outcome) => Some(outcome),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            Err(mpsc::RecvTimeoutError::Disconnected) => Some(self.stopped()),
        }
    }

    fn stopped(&self) -> ExportOutcome {
        ExportOutcome::Failed(format!(
            "the export of {} stopped unexpectedly",
            self.path.display()
        ))
    }

    /// The outcome once the export has ended, `None` while it runs.
    pub fn poll(&self) -> Option<ExportOutcome> {
        match self.outcome.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(self.stopped()),
        }
    }
}

/// Writes `plan` to `path`: the four CSV tables beside it for `.csv`, else one file.
pub fn write(
    plan: &Roadmap,
    analysis: &Analysis,
    path: &Path,
    options: &ExportOptions,
) -> ExportOutcome {
    let csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if csv {
        return match export::csv::write_tables(plan, path) {
            Ok(written) => ExportOutcome::Done {
                written,
                warnings: Vec::new(),
            },
            Err(e) => ExportOutcome::Failed(e.to_string()),
        };
    }
    match export::write_file(plan, analysis, path, options) {
        Ok(report) => ExportOutcome::Done {
            written: vec![path.to_owned()],
            warnings: report.warnings,
        },
        Err(e) => ExportOutcome::Failed(e.to_string()),
    }
}

/// The spinner and file name shown in the toolbar while `job` runs.
pub fn progress_ui(job: &ExportJob, ui: &mut egui::Ui) {
    ui.add(egui::Spinner::new());
    let name = job.path().file_name().map_or_else(
        || job.path().display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    ui.label(format!("Exporting {name}… {:.0} s", job.elapsed().floor()))
        .on_hover_text(job.path().display().to_string());
    // The thread cannot wake the window; look again soon.
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_millis(100));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Roadmap {
        crate::generate::large_plan(60, 3)
    }

    fn wait(job: &ExportJob) -> ExportOutcome {
        job.wait(std::time::Duration::from_secs(60))
            .expect("the export did not finish within a minute")
    }

    #[test]
    fn csv_writes_the_four_tables_beside_the_chosen_file() {
        let dir = tempfile::tempdir().unwrap();
        let job = ExportJob::start(
            plan(),
            Arc::new(Analysis::of(&plan())),
            dir.path().join("plan.csv"),
            ExportOptions::default(),
        );
        let ExportOutcome::Done { written, warnings } = wait(&job) else {
            panic!("CSV export failed");
        };
        assert!(warnings.is_empty());
        let names: Vec<String> = written
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "plan-investments.csv",
                "plan-milestones.csv",
                "plan-dependencies.csv",
                "plan-exposure.csv"
            ]
        );
        let investments = std::fs::read_to_string(&written[0]).unwrap();
        assert_eq!(investments.lines().count(), plan().investments.len() + 1);
    }

    #[test]
    fn an_unknown_format_fails_with_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let job = ExportJob::start(
            plan(),
            Arc::new(Analysis::of(&plan())),
            dir.path().join("plan.doc"),
            ExportOptions::default(),
        );
        let ExportOutcome::Failed(message) = wait(&job) else {
            panic!("a .doc export should fail");
        };
        assert!(message.contains("plan.doc"), "{message}");
    }
}
