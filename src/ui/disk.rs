//! Noticing that the open plan's file changed on disk (a `git pull`, another editor) and
//! offering to reload it or, with unsaved edits, to merge: the version loaded is the base,
//! the edits are ours, the disk is theirs.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use egui::{Color32, RichText, Ui};

use super::app::StackplanApp;
use super::files;
use crate::analysis::merge::merge;
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

impl StackplanApp {
    /// What the editor offers because the open file changed on disk, if anything.
    pub fn disk_offer(&self) -> Option<&Offer> {
        self.disk.as_ref().and_then(|w| w.offer.as_ref())
    }
}

/// Looks at the open file about once a second (asking for a frame then) and prepares an
/// offer when it holds something other than what was loaded or saved.
pub fn watch_disk(app: &mut StackplanApp, ctx: &egui::Context) {
    let Some(path) = app.doc.path().cloned() else {
        app.disk = None;
        return;
    };
    ctx.request_repaint_after(Duration::from_secs_f64(POLL_SECONDS));
    let now = ctx.input(|i| i.time);
    let watching = matches!(&app.disk, Some(w) if w.path == path);
    if !watching {
        app.disk = Some(start_watch(app, path, now));
        return;
    }
    let Some(watch) = app.disk.as_mut() else {
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
        Ok(disk) if &disk == app.doc.plan() => {
            watch.base = disk;
            watch.offer = None;
        }
        Ok(disk) if disk == watch.base => watch.offer = None,
        Ok(disk) => watch.offer = Some(Offer::Changed(Box::new(disk))),
        Err(e) => watch.offer = Some(Offer::Unreadable(e.to_string())),
    }
    ctx.request_repaint();
}

/// Whether saving to `path` would overwrite a change on disk the editor has not offered yet
/// (or whose offer is unanswered); such a change is offered now instead.
pub fn changed_since_seen(app: &mut StackplanApp, path: &Path) -> bool {
    let Some(watch) = app.disk.as_mut().filter(|w| w.path == path) else {
        return false;
    };
    let stamp = Stamp::of(path);
    if stamp.is_some() && stamp != watch.stamp {
        watch.stamp = stamp;
        watch.offer = match io::load_path(path) {
            Ok(disk) if disk == watch.base || &disk == app.doc.plan() => None,
            Ok(disk) => Some(Offer::Changed(Box::new(disk))),
            Err(e) => Some(Offer::Unreadable(e.to_string())),
        };
    }
    matches!(watch.offer, Some(Offer::Changed(_)))
}

/// Starts watching `path`: an unmodified document is what the file holds; otherwise the
/// file is read for the base.
fn start_watch(app: &StackplanApp, path: PathBuf, now: f64) -> DiskWatch {
    let stamp = Stamp::of(&path);
    let base = if app.doc.is_modified() {
        io::load_path(&path).unwrap_or_else(|_| app.doc.plan().clone())
    } else {
        app.doc.plan().clone()
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
/// or Merge (unsaved edits), and Ignore.
pub fn disk_bar_ui(app: &mut StackplanApp, ui: &mut Ui) {
    let Some(offer) = app.disk_offer().cloned() else {
        return;
    };
    let name = files::display_name(app.doc.path());
    let modified = app.doc.is_modified();
    let mut choice = None;
    egui::Panel::top("disk-changed")
        .frame(egui::Frame::side_top_panel(ui.style()).fill(Color32::from_rgb(0xFE, 0xF3, 0xC7)))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                choice = offer_ui(ui, &offer, &name, modified);
            });
        });
    match (choice, offer) {
        (Some(Choice::Reload), Offer::Changed(disk)) => reload(app, *disk),
        (Some(Choice::Merge), Offer::Changed(disk)) => merge_from_disk(app, *disk),
        (Some(Choice::Ignore), _) => {
            if let Some(w) = app.disk.as_mut() {
                w.offer = None;
            }
        }
        _ => {}
    }
}

/// What the planner chose in the bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    Reload,
    Merge,
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

/// Shows the plan on disk, as one undoable step, and counts it as saved.
fn reload(app: &mut StackplanApp, disk: Roadmap) {
    let Some(path) = app.doc.path().cloned() else {
        return;
    };
    app.doc
        .edit("Reload from disk", |plan| *plan = disk.clone());
    app.doc.mark_saved(path);
    app.status = "Reloaded the plan from disk".to_owned();
    settle(app, disk);
}

/// Merges the changes on disk into the unsaved edits, as one undoable step; the edits stay
/// in the recovery file (now merged) until the plan is saved.
fn merge_from_disk(app: &mut StackplanApp, disk: Roadmap) {
    let Some(base) = app.disk.as_ref().map(|w| w.base.clone()) else {
        return;
    };
    app.autosave_now();
    let merged = merge(&base, app.doc.plan(), &disk);
    app.doc.edit("Merge changes from disk", |plan| {
        *plan = merged.plan.clone()
    });
    if app.doc.plan() == &disk
        && let Some(path) = app.doc.path().cloned()
    {
        app.doc.mark_saved(path);
    }
    app.autosave_now();
    app.status = merge_summary(merged.conflicts.len(), merged.problems.len());
    settle(app, disk);
}

/// What a merge from disk did, for the status line.
fn merge_summary(conflicts: usize, problems: usize) -> String {
    let mut text = match conflicts {
        0 => "Merged the changes on disk with your edits".to_owned(),
        1 => "Merged the changes on disk: 1 conflict to resolve".to_owned(),
        n => format!("Merged the changes on disk: {n} conflicts to resolve"),
    };
    if problems > 0 {
        text.push_str(&format!(
            "; the merge made {problems} new error(s), see Checks"
        ));
    }
    text
}

/// The disk's plan becomes the base of the next merge, and the offer is answered.
fn settle(app: &mut StackplanApp, disk: Roadmap) {
    if let Some(w) = app.disk.as_mut() {
        w.base = disk;
        w.offer = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_counts_conflicts_and_new_errors() {
        assert_eq!(
            merge_summary(0, 0),
            "Merged the changes on disk with your edits"
        );
        assert_eq!(
            merge_summary(2, 1),
            "Merged the changes on disk: 2 conflicts to resolve; the merge made 1 new error(s), see Checks"
        );
    }

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
