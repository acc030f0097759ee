//! The editor's own files: recent-files list and the crash recovery file, kept in the user's
//! data folder (or a folder a test chooses).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use crate::io;
use crate::model::Roadmap;

/// How many recent files are remembered.
const MAX_RECENT: usize = 10;

/// Where the editor keeps its own files.
#[derive(Debug, Clone)]
pub struct DataFolder {
    dir: Option<PathBuf>,
    /// Held while the recovery file is written or removed; counts the removals, so that an
    /// autosave begun before one (on a worker thread) does not bring the file back after it.
    recovery: Arc<Mutex<u64>>,
}

/// Unsaved work found in the recovery file at start-up.
#[derive(Debug, Clone)]
pub struct Recovery {
    /// The plan as it was when last autosaved.
    pub plan: Roadmap,
    /// The file the plan belonged to, if it had one.
    pub path: Option<PathBuf>,
    /// When it was autosaved.
    pub saved_at: Option<SystemTime>,
}

impl DataFolder {
    /// The user's data folder for Stackplan (`~/.local/share/stackplan` on Linux); `None`
    /// when the platform has none, in which case nothing is remembered.
    pub fn user() -> DataFolder {
        DataFolder {
            dir: eframe::storage_dir("stackplan"),
            recovery: Arc::default(),
        }
    }

    /// A chosen folder (tests use a temporary one).
    pub fn at(dir: impl Into<PathBuf>) -> DataFolder {
        DataFolder {
            dir: Some(dir.into()),
            recovery: Arc::default(),
        }
    }

    /// The folder, if there is one.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    fn file(&self, name: &str) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join(name))
    }

    /// The recently opened files, most recent first; missing or unreadable list is empty.
    pub fn recent_files(&self) -> Vec<PathBuf> {
        let Some(text) = self
            .file("recent.txt")
            .and_then(|f| std::fs::read_to_string(f).ok())
        else {
            return Vec::new();
        };
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(PathBuf::from)
            .take(MAX_RECENT)
            .collect()
    }

    /// Puts `path` first in the recent-files list and writes the list.
    pub fn remember(&self, path: &Path) -> std::io::Result<Vec<PathBuf>> {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        let mut list = self.recent_files();
        list.retain(|p| p != &path);
        list.insert(0, path);
        list.truncate(MAX_RECENT);
        if let Some(file) = self.file("recent.txt") {
            let text: String = list.iter().map(|p| format!("{}\n", p.display())).collect();
            self.write(&file, &text)?;
        }
        Ok(list)
    }

    /// Writes `plan` (belonging to `path`) to the recovery file.
    pub fn autosave(&self, plan: &Roadmap, path: Option<&Path>) -> std::io::Result<()> {
        let _writing = self.lock_recovery();
        self.write_recovery(plan, path)
    }

    /// Writes `plan` (belonging to `path`) to the recovery file on a worker thread, so that
    /// a large plan does not hold up a frame; nothing is written if the recovery file is
    /// removed before the worker gets to it. The handle answers whether it was written.
    pub fn autosave_in_background(
        &self,
        plan: Arc<Roadmap>,
        path: Option<PathBuf>,
    ) -> std::io::Result<std::thread::JoinHandle<std::io::Result<()>>> {
        let removals = *self.lock_recovery();
        let folder = self.clone();
        std::thread::Builder::new()
            .name("autosave".into())
            .spawn(move || {
                let current = folder.lock_recovery();
                if *current != removals {
                    return Ok(());
                }
                folder.write_recovery(&plan, path.as_deref())
            })
    }

    fn lock_recovery(&self) -> std::sync::MutexGuard<'_, u64> {
        self.recovery
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write_recovery(&self, plan: &Roadmap, path: Option<&Path>) -> std::io::Result<()> {
        let (Some(file), Some(origin)) =
            (self.file("recovery.ron"), self.file("recovery-path.txt"))
        else {
            return Ok(());
        };
        let origin_text = path.map(|p| p.display().to_string()).unwrap_or_default();
        self.write(&origin, &origin_text)?;
        if let Some(dir) = self.dir() {
            std::fs::create_dir_all(dir)?;
        }
        io::save_path(plan, &file).map_err(|e| e.source)
    }

    /// Removes the recovery file (after a save, or when the user discards it).
    pub fn clear_recovery(&self) {
        let mut removals = self.lock_recovery();
        *removals += 1;
        for name in ["recovery.ron", "recovery-path.txt"] {
            if let Some(f) = self.file(name) {
                let _ = std::fs::remove_file(f);
            }
        }
    }

    /// The unsaved work left by a previous run that did not end cleanly, if any.
    pub fn recovery(&self) -> Option<Recovery> {
        let file = self.file("recovery.ron")?;
        let plan = io::load_path(&file).ok()?;
        let saved_at = std::fs::metadata(&file).and_then(|m| m.modified()).ok();
        let path = self
            .file("recovery-path.txt")
            .and_then(|f| std::fs::read_to_string(f).ok())
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .map(PathBuf::from);
        Some(Recovery {
            plan,
            path,
            saved_at,
        })
    }

    fn write(&self, file: &Path, text: &str) -> std::io::Result<()> {
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(file, text)
    }
}

/// Something that would discard the current document, waiting for the user's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// Start a new plan.
    New,
    /// Open a file (asking which when `None`).
    Open(Option<PathBuf>),
    /// Import a file as a new plan, with these choices.
    Import(PathBuf, crate::import::ImportOptions),
    /// Close the window.
    Quit,
}

/// The file name shown in the title bar and dialogs ("Untitled" for a new plan).
pub fn display_name(path: Option<&PathBuf>) -> String {
    path.and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Untitled".to_owned())
}

/// What the user is choosing a file for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilePurpose {
    /// Open the plan in it.
    Open,
    /// Save the plan there, then carry on with what was waiting for the save.
    Save(Option<Pending>),
    /// Export the chart there (the format follows the extension).
    Export,
    /// Write the handout PDF there.
    Handout,
    /// Compare the open plan with the plan in it.
    Compare,
    /// Import the plan or spreadsheet in it as a new plan.
    Import,
}

/// A file to ask the user for: what for, and how the dialog is set up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRequest {
    /// What the chosen file is for.
    pub purpose: FilePurpose,
    /// The dialog's title.
    pub title: &'static str,
    /// File types offered: a name and its extensions.
    pub filters: Vec<(&'static str, &'static [&'static str])>,
    /// The file name proposed when saving.
    pub file_name: Option<String>,
    /// The folder the dialog starts in.
    pub folder: Option<PathBuf>,
}

/// What a native file dialog answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NativeAnswer {
    /// The user chose this file.
    Chosen(PathBuf),
    /// The user closed the dialog without choosing.
    Cancelled,
    /// No dialog could be shown (no file-dialog portal and no zenity, e.g. under Xvfb or on a
    /// minimal desktop).
    Unavailable,
}

/// rfd answers "nothing chosen" both when the user cancels and when it could not show a
/// dialog at all (it only logs why). Nobody can see a dialog and cancel it this quickly, so
/// a quicker empty answer means no dialog was shown.
const NO_DIALOG_WITHIN: std::time::Duration = std::time::Duration::from_millis(300);

impl FileRequest {
    /// A plan to open.
    pub fn open(current: Option<&PathBuf>) -> FileRequest {
        FileRequest {
            purpose: FilePurpose::Open,
            title: "Open roadmap",
            filters: vec![("Stackplan roadmap", &["ron"]), ("All files", &["*"])],
            file_name: None,
            folder: folder_of(current),
        }
    }

    /// Where to save the plan, then do `then`.
    pub fn save(current: Option<&PathBuf>, then: Option<Pending>) -> FileRequest {
        let name = current.map_or_else(|| "roadmap.ron".to_owned(), |p| display_name(Some(p)));
        FileRequest {
            purpose: FilePurpose::Save(then),
            title: "Save roadmap",
            filters: vec![("Stackplan roadmap", &["ron"])],
            file_name: Some(name),
            folder: folder_of(current),
        }
    }

    /// Where to export the chart.
    pub fn export(current: Option<&PathBuf>) -> FileRequest {
        FileRequest {
            purpose: FilePurpose::Export,
            title: "Export roadmap",
            filters: vec![
                ("PDF", &["pdf"]),
                ("SVG", &["svg"]),
                ("PNG", &["png"]),
                ("CSV tables", &["csv"]),
                ("Excel workbook", &["xlsx"]),
            ],
            file_name: Some(format!("{}.pdf", stem(current))),
            folder: folder_of(current),
        }
    }

    /// Where to write the handout PDF.
    pub fn handout(current: Option<&PathBuf>) -> FileRequest {
        FileRequest {
            purpose: FilePurpose::Handout,
            title: "Export handout",
            filters: vec![("PDF", &["pdf"])],
            file_name: Some(format!("{}-handout.pdf", stem(current))),
            folder: folder_of(current),
        }
    }

    /// A plan to compare the open one with.
    pub fn compare(current: Option<&PathBuf>) -> FileRequest {
        FileRequest {
            purpose: FilePurpose::Compare,
            title: "Compare with",
            ..FileRequest::open(current)
        }
    }

    /// A plan or spreadsheet to import.
    pub fn import(current: Option<&PathBuf>) -> FileRequest {
        FileRequest {
            purpose: FilePurpose::Import,
            title: "Import a plan",
            filters: vec![
                ("All plans and spreadsheets", &crate::import::EXTENSIONS),
                ("MS Project XML", &["xml"]),
                ("GanttProject", &["gan"]),
                (
                    "Spreadsheets",
                    &["xlsx", "xlsm", "xls", "ods", "csv", "tsv"],
                ),
            ],
            file_name: None,
            folder: folder_of(current),
        }
    }

    /// Whether the file is to be written (rather than read).
    pub fn writes(&self) -> bool {
        !matches!(
            self.purpose,
            FilePurpose::Open | FilePurpose::Compare | FilePurpose::Import
        )
    }

    /// Whether `path` has one of the offered extensions ("*" offers every file).
    pub fn accepts(&self, path: &Path) -> bool {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        self.filters
            .iter()
            .flat_map(|(_, exts)| exts.iter())
            .any(|e| *e == "*" || *e == ext)
    }

    /// `path` as it will be used: a written file without an extension gets the first offered
    /// one, and the handout is always a PDF.
    pub fn finish(&self, path: PathBuf) -> PathBuf {
        let first = self.filters.first().and_then(|(_, e)| e.first()).copied();
        match (&self.purpose, first) {
            (FilePurpose::Handout, Some(ext)) => path.with_extension(ext),
            (FilePurpose::Open | FilePurpose::Compare | FilePurpose::Import, _) | (_, None) => path,
            (_, Some(ext)) if path.extension().is_none() => path.with_extension(ext),
            _ => path,
        }
    }

    /// Shows the desktop's own file dialog and waits for the answer.
    pub fn ask_native(&self) -> NativeAnswer {
        let mut dialog = rfd::FileDialog::new().set_title(self.title);
        for (name, exts) in &self.filters {
            dialog = dialog.add_filter(*name, exts);
        }
        if let Some(folder) = &self.folder {
            dialog = dialog.set_directory(folder);
        }
        if let Some(name) = &self.file_name {
            dialog = dialog.set_file_name(name);
        }
        let asked = std::time::Instant::now();
        let chosen = if self.writes() {
            dialog.save_file()
        } else {
            dialog.pick_file()
        };
        match chosen {
            Some(path) => NativeAnswer::Chosen(self.finish(path)),
            None if asked.elapsed() < NO_DIALOG_WITHIN => NativeAnswer::Unavailable,
            None => NativeAnswer::Cancelled,
        }
    }
}

/// How the editor asks for files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FileChooser {
    /// The desktop's dialog, falling back to the in-app one when none can be shown.
    #[default]
    Native,
    /// Stackplan's own dialog, drawn inside the window.
    InApp,
}

impl FileChooser {
    /// The in-app dialog when `STACKPLAN_FILE_DIALOG=in-app` is set, else the native one.
    pub fn from_env() -> FileChooser {
        match std::env::var("STACKPLAN_FILE_DIALOG") {
            Ok(v) if v.eq_ignore_ascii_case("in-app") => FileChooser::InApp,
            _ => FileChooser::Native,
        }
    }
}

fn folder_of(current: Option<&PathBuf>) -> Option<PathBuf> {
    current
        .and_then(|p| p.parent())
        .filter(|d| !d.as_os_str().is_empty())
        .map(Path::to_path_buf)
}

fn stem(current: Option<&PathBuf>) -> String {
    current
        .and_then(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "roadmap".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Horizon, Month};

    #[test]
    fn recent_files_are_most_recent_first_without_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let folder = DataFolder::at(dir.path().join("data"));
        folder.remember(Path::new("/a.ron")).unwrap();
        folder.remember(Path::new("/b.ron")).unwrap();
        folder.remember(Path::new("/a.ron")).unwrap();
        assert_eq!(
            folder.recent_files(),
            [PathBuf::from("/a.ron"), PathBuf::from("/b.ron")]
        );
    }

    #[test]
    fn chosen_files_get_the_extension_their_purpose_needs() {
        let save = FileRequest::save(None, None);
        assert_eq!(save.finish("/p/plan".into()), PathBuf::from("/p/plan.ron"));
        assert_eq!(
            save.finish("/p/plan.txt".into()),
            PathBuf::from("/p/plan.txt")
        );
        let handout = FileRequest::handout(None);
        assert_eq!(handout.finish("/p/h.png".into()), PathBuf::from("/p/h.pdf"));
        let open = FileRequest::open(None);
        assert_eq!(open.finish("/p/plan".into()), PathBuf::from("/p/plan"));
        assert!(FileRequest::export(None).accepts(Path::new("a.SVG")));
        assert!(!save.accepts(Path::new("a.pdf")));
    }

    #[test]
    fn recovery_round_trips_and_clears() {
        let dir = tempfile::tempdir().unwrap();
        let folder = DataFolder::at(dir.path());
        let m = |s: &str| s.parse::<Month>().unwrap();
        let plan = Roadmap::blank(
            "Lost work",
            Horizon {
                start: m("2026-01"),
                end: m("2027-01"),
            },
        );
        folder
            .autosave(&plan, Some(Path::new("/plans/x.ron")))
            .unwrap();
        let found = folder.recovery().unwrap();
        assert_eq!(found.plan, plan);
        assert_eq!(found.path, Some(PathBuf::from("/plans/x.ron")));
        folder.clear_recovery();
        assert!(folder.recovery().is_none());
    }
}
