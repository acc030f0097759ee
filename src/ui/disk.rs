//! Noticing that the open plan's file changed on disk (a `git pull`, another editor) and
//! offering to reload it or, with unsaved edits, to merge: the version loaded is the base,
//! the edits are ours, the disk is theirs.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use egui::{Color32, RichText, Ui};

use super::files;
use super::history::Document;
use crate::io;
use crate::model::Roadmap;

/// Seconds between looks at the file's modification time and length.
const POLL_SECONDS: f64 = 1.0;

/// What identifies a version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

impl Stamp {
    /// The file's stamp now, or `None` when it cannot be read (e.g. gone for a moment).
    fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
        })
    }
}

/// What the editor offers after the file changed on disk.
#[derive(Debug, Clone)]
pub enum Offer {
    /// The file holds another plan: reload it, or merge it with the unsaved edits.
    Changed(Box<Roadmap>),
    /// The file changed but cannot be read (e.g. half written, or git's conflict markers).
    Unreadable(String),
}

/// The open file as last seen on disk.
#[derive(Debug, Clone)]
pub struct DiskWatch {
    path: PathBuf,
    stamp: Option<Stamp>,
    /// The plan as last loaded from or saved to the file: the base of a merge.
    base: Roadmap,
    next_poll: f64,
    offer: Option<Offer>,
}

impl DiskWatch {
    /// What the editor offers because the file changed on disk, if anything.
    pub fn offer(&self) -> Option<&Offer> {
        self.offer.as_ref()
    }

    /// The plan as last loaded from or saved to the file: the base of a merge.
    pub fn base(&self) -> &Roadmap {
        &self.base
    }

    /// The disk's plan becomes the base of the next merge, and the offer is answered.
    pub fn settle(&mut self, disk: Roadmap) {
        self.base = disk;
        self.offer = None;
    }

    /// Forgets the offer until the file changes again.
    pub fn ignore(&mut self) {
        self.offer = None;
    }
}

/// Looks at `doc`'s file about once a second (asking for a frame then) and prepares an
/// offer in `disk` when it holds something other than what was loaded or saved.
pub fn watch_disk(disk: &mut Option<DiskWatch>, doc: &Document, ctx: &egui::Context) {
    let Some(path) = doc.path().cloned() else {
        *disk = None;
        return;
    };
    ctx.request_repaint_after(Duration::from_secs_f64(POLL_SECONDS));
    let now = ctx.input(|i| i.time);
    let watching = matches!(disk, Some(w) if w.path == path);
    if !watching {
        *disk = Some(start_watch(doc, path, now));
        return;
    }
    let Some(watch) = disk.as_mut() else {
        return;
    };
    if now < watch.next_poll {
        return;
    }
    watch.next_poll = now + POLL_SECONDS;
    let stamp = Stamp::of(&path);
    if stamp.is_none() || stamp == watch.stamp {
        return;
    }
    watch.stamp = stamp;
    match io::load_path(&path) {
        Ok(on_disk) if &on_disk == doc.plan() => {
            watch.base = on_disk;
            watch.offer = None;
        }
        Ok(on_disk) if on_disk == watch.base => watch.offer = None,
        Ok(on_disk) => watch.offer = Some(Offer::Changed(Box::new(on_disk))),
        Err(e) => watch.offer = Some(Offer::Unreadable(e.to_string())),
    }
    ctx.request_repaint();
}

/// Whether saving to `path` would overwrite a change on disk the editor has not offered yet
/// (or whose offer is unanswered); such a change is offered now instead.
pub fn changed_since_seen(disk: &mut Option<DiskWatch>, doc: &Document, path: &Path) -> bool {
    let Some(watch) = disk.as_mut().filter(|w| w.path == path) else {
        return false;
    };
    let stamp = Stamp::of(path);
    if stamp.is_some() && stamp != watch.stamp {
        watch.stamp = stamp;
        watch.offer = match io::load_path(path) {
            Ok(on_disk) if on_disk == watch.base || &on_disk == doc.plan() => None,
            Ok(on_disk) => Some(Offer::Changed(Box::new(on_disk))),
            Err(e) => Some(Offer::Unreadable(e.to_string())),
        };
    }
    matches!(watch.offer, Some(Offer::Changed(_)))
}

/// Starts watching `path`: an unmodified document is what the file holds; otherwise the
/// file is read for the base.
fn start_watch(doc: &Document, path: PathBuf, now: f64) -> DiskWatch {
    let stamp = Stamp::of(&path);
    let base = if doc.is_modified() {
        io::load_path(&path).unwrap_or_else(|_| doc.plan().clone())
    } else {
        doc.plan().clone()
    };
    DiskWatch {
        path,
        stamp,
        base,
        next_poll: now + POLL_SECONDS,
        offer: None,
    }
}

/// The bar under the menu that says the file changed on disk, with Reload (no unsaved edits)
/// or Merge (unsaved edits), and Ignore; returns what the planner chose.
pub fn disk_bar_ui(offer: Option<&Offer>, doc: &Document, ui: &mut Ui) -> Option<Choice> {
    let offer = offer?;
    let name = files::display_name(doc.path());
    let modified = doc.is_modified();
    let mut choice = None;
    egui::Panel::top("disk-changed")
        .frame(egui::Frame::side_top_panel(ui.style()).fill(Color32::from_rgb(0xFE, 0xF3, 0xC7)))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                choice = offer_ui(ui, offer, &name, modified);
            });
        });
    choice
}

/// What the planner chose in the bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Show the plan on disk.
    Reload,
    /// Merge the plan on disk with the unsaved edits.
    Merge,
    /// Keep this version.
    Ignore,
}

/// The bar's message and buttons.
fn offer_ui(ui: &mut Ui, offer: &Offer, name: &str, modified: bool) -> Option<Choice> {
    let mut choice = None;
    match offer {
        Offer::Changed(_) if modified => {
            ui.label(
                RichText::new(format!(
                    "“{name}” changed on disk, and this window has unsaved edits."
                ))
                .strong(),
            );
            if ui
                .button("Merge")
                .on_hover_text(
                    "Keep your edits and take the changes on disk; conflicts are listed to resolve",
                )
                .clicked()
            {
                choice = Some(Choice::Merge);
            }
        }
        Offer::Changed(_) => {
            ui.label(RichText::new(format!("“{name}” changed on disk.")).strong());
            if ui
                .button("Reload")
                .on_hover_text("Show the plan as it is on disk (undo brings this one back)")
                .clicked()
            {
                choice = Some(Choice::Reload);
            }
        }
        Offer::Unreadable(message) => {
            ui.label(
                RichText::new(format!(
                    "“{name}” changed on disk but cannot be read: {message}"
                ))
                .strong(),
            );
        }
    }
    if ui
        .button("Ignore")
        .on_hover_text("Keep this version; the next change on disk is offered again")
        .clicked()
    {
        choice = Some(Choice::Ignore);
    }
    choice
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_changes_with_the_length() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("p.ron");
        std::fs::write(&file, "a").unwrap();
        let first = Stamp::of(&file);
        std::fs::write(&file, "ab").unwrap();
        assert_ne!(Stamp::of(&file), first);
        assert_eq!(Stamp::of(&dir.path().join("missing")), None);
    }
}
