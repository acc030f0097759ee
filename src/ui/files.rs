//! The editor's own files: recent-files list and the crash recovery file, kept in the user's
//! data folder (or a folder a test chooses).

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::io;
use crate::model::Roadmap;

/// How many recent files are remembered.
const MAX_RECENT: usize = 10;

/// Where the editor keeps its own files.
#[derive(Debug, Clone)]
pub struct DataFolder {
    dir: Option<PathBuf>,
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
        }
    }

    /// A chosen folder (tests use a temporary one).
    pub fn at(dir: impl Into<PathBuf>) -> DataFolder {
        DataFolder {
            dir: Some(dir.into()),
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

/// The file name shown in the title bar and dialogs ("Untitled" for a new plan).
pub fn display_name(path: Option<&PathBuf>) -> String {
    path.and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Untitled".to_owned())
}

/// Asks the user for a plan to open (native dialog).
pub fn pick_open() -> Option<PathBuf> {
    rfd::FileDialog::new()
        .set_title("Open roadmap")
        .add_filter("Stackplan roadmap", &["ron"])
        .add_filter("All files", &["*"])
        .pick_file()
}

/// Asks the user where to save the plan (native dialog).
pub fn pick_save(current: Option<&PathBuf>) -> Option<PathBuf> {
    let mut dialog = rfd::FileDialog::new()
        .set_title("Save roadmap")
        .add_filter("Stackplan roadmap", &["ron"]);
    if let Some(p) = current {
        if let Some(dir) = p.parent() {
            dialog = dialog.set_directory(dir);
        }
        dialog = dialog.set_file_name(display_name(Some(p)));
    } else {
        dialog = dialog.set_file_name("roadmap.ron");
    }
    dialog.save_file().map(|p| {
        if p.extension().is_none() {
            p.with_extension("ron")
        } else {
            p
        }
    })
}

/// Asks the user where to export the chart (native dialog); the extension picks the format.
pub fn pick_export(current: Option<&PathBuf>) -> Option<PathBuf> {
    let stem = current
        .and_then(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "roadmap".to_owned());
    rfd::FileDialog::new()
        .set_title("Export roadmap")
        .add_filter("PDF", &["pdf"])
        .add_filter("SVG", &["svg"])
        .add_filter("PNG", &["png"])
        .add_filter("CSV tables", &["csv"])
        .add_filter("Excel workbook", &["xlsx"])
        .set_file_name(format!("{stem}.pdf"))
        .save_file()
        .map(|p| {
            if p.extension().is_none() {
                p.with_extension("pdf")
            } else {
                p
            }
        })
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
