//! Saving: the canonical RON text of a plan, written atomically.
//!
//! The text is written by hand rather than by ron's pretty printer so that short lists stay
//! on one line, fields keep a fixed order and non-Latin text stays readable (not escaped):
//! two versions of a plan then diff cleanly in git.

use std::borrow::Borrow;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::model::{
    Assessment, Conflict, Dependency, Evidence, Horizon, Investment, Layer, Milestone, Roadmap,
    Stop,
};

/// Why a plan could not be saved.
#[derive(Debug, thiserror::Error)]
#[error("cannot save {}: {source}", path.display())]
pub struct SaveError {
    /// The file that was to be written.
    pub path: PathBuf,
    /// What the OS said.
    pub source: std::io::Error,
}

/// Writes `plan` to `path` atomically (see [`write_atomically`]).
pub fn save_path(plan: &Roadmap, path: &Path) -> Result<(), SaveError> {
    write_atomically(path, to_ron(plan).as_bytes()).map_err(|source| SaveError {
        path: path.to_owned(),
        source,
    })
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed to disk,
/// then renamed over the target, so a crash leaves the old or the new file, never a mix.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".stackplan-").suffix(".tmp");
    let replaced = std::fs::metadata(path).ok().map(|m| m.permissions());
    if replaced.is_none() {
        new_file_permissions(&mut builder);
    }
    let mut file = builder.tempfile_in(dir)?;
    if let Some(permissions) = replaced {
        file.as_file().set_permissions(permissions)?;
    }
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    sync_dir(dir);
    remove_stale_temporaries(dir);
    Ok(())
}

/// Temporary files older than this were left by a save that crashed, not one in progress.
const STALE_TEMPORARY: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes `.stackplan-*.tmp` files that crashed saves left in `dir` (best effort).
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let is_ours = name.starts_with(".stackplan-") && name.ends_with(".tmp");
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok());
        if is_ours && age.is_some_and(|a| a > STALE_TEMPORARY) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Gives a new plan file the permissions of any newly created file (read-write for the owner,
/// the rest per the umask) rather than the owner-only default of temporary files.
fn new_file_permissions(builder: &mut tempfile::Builder) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    #[cfg(not(unix))]
    let _ = builder;
}

/// Flushes the folder entry of a rename; best effort, as not every platform allows it.
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// The canonical text of a plan: fixed field order, document item order, defaults written.
///
/// Every item is destructured field by field, so a field added to the model cannot be left
/// out of the file without a compile error here.
pub fn to_ron(plan: &Roadmap) -> String {
    let Roadmap {
        format,
        title,
        owner,
        notes,
        currency,
        horizon: Horizon { start, end },
        layers,
        dependencies,
        investments,
        milestones,
        stops,
        conflicts,
    } = plan;
    let mut w = Writer::default();
    w.open("Roadmap", 0);
    w.field(1, "format", &format.to_string());
    w.field(1, "title", &quote(title));
    w.field(1, "owner", &quote(owner));
    w.field(1, "notes", &quote(notes));
    w.field(1, "currency", &quote(currency));
    let horizon = format!(
        "(start: {}, end: {})",
        quote(&start.to_string()),
        quote(&end.to_string())
    );
    w.field(1, "horizon", &horizon);
    w.list(1, "layers", layers, layer);
    w.list(1, "dependencies", dependencies, dependency);
    w.list(1, "investments", investments, investment);
    w.list(1, "milestones", milestones, milestone);
    w.list(1, "stops", stops, stop);
    if !conflicts.is_empty() {
        w.list(1, "conflicts", conflicts, conflict);
    }
    w.out.push_str(")\n");
    w.out
}

fn layer(w: &mut Writer, depth: usize, l: &Layer) {
    let Layer {
        id,
        name,
        colour,
        description,
    } = l;
    w.open("Layer", depth);
    w.field(depth + 1, "id", &quote(id));
    w.field(depth + 1, "name", &quote(name));
    w.field(depth + 1, "colour", &quote(&colour.to_string()));
    w.field(depth + 1, "description", &quote(description));
    w.close(depth);
}

fn dependency(w: &mut Writer, depth: usize, d: &Dependency) {
    let Dependency {
        id,
        name,
        layer,
        controller,
        jurisdiction,
        control,
        criticality,
        notes,
        evidence: sources,
        assessment,
    } = d;
    let inner = depth + 1;
    w.open("Dependency", depth);
    w.field(inner, "id", &quote(id));
    w.field(inner, "name", &quote(name));
    w.field(inner, "layer", &quote(layer));
    w.field(inner, "controller", &quote(controller));
    w.field(inner, "jurisdiction", &quote(jurisdiction));
    w.field(inner, "control", &format!("{control:?}"));
    w.field(inner, "criticality", &criticality.to_string());
    w.field(inner, "notes", &quote(notes));
    w.list(inner, "evidence", sources, evidence);
    w.list(inner, "assessment", assessment, objective_level);
    w.close(depth);
}

/// One evidence entry on one line.
fn evidence(w: &mut Writer, depth: usize, e: &Evidence) {
    let Evidence {
        source,
        date,
        confidence,
        note,
    } = e;
    w.indent(depth);
    let _ = writeln!(
        w.out,
        "Evidence(source: {}, date: {}, confidence: {confidence:?}, note: {}),",
        quote(source),
        quote(&date.to_string()),
        quote(note)
    );
}

fn objective_level(w: &mut Writer, depth: usize, a: &Assessment) {
    let Assessment {
        objective,
        level,
        evidence: sources,
    } = a;
    w.open("Assessment", depth);
    w.field(depth + 1, "objective", &quote(objective));
    w.field(depth + 1, "level", &level.to_string());
    w.list(depth + 1, "evidence", sources, evidence);
    w.close(depth);
}

fn investment(w: &mut Writer, depth: usize, i: &Investment) {
    let Investment {
        id,
        title,
        layer,
        start,
        end,
        budget,
        owner,
        notes,
        after,
    } = i;
    let inner = depth + 1;
    w.open("Investment", depth);
    w.field(inner, "id", &quote(id));
    w.field(inner, "title", &quote(title));
    w.field(inner, "layer", &quote(layer));
    w.field(inner, "start", &quote(&start.to_string()));
    w.field(inner, "end", &quote(&end.to_string()));
    w.field(inner, "budget", &budget.to_string());
    w.field(inner, "owner", &quote(owner));
    w.field(inner, "notes", &quote(notes));
    w.field(inner, "after", &strings(after));
    w.close(depth);
}

fn milestone(w: &mut Writer, depth: usize, m: &Milestone) {
    let Milestone {
        id,
        title,
        month,
        layer,
        needs,
        removes,
        introduces,
        notes,
        evidence: sources,
    } = m;
    let inner = depth + 1;
    w.open("Milestone", depth);
    w.field(inner, "id", &quote(id));
    w.field(inner, "title", &quote(title));
    w.field(inner, "month", &quote(&month.to_string()));
    w.field(inner, "layer", &quote(layer));
    w.field(inner, "needs", &strings(needs));
    w.field(inner, "removes", &strings(removes));
    w.field(inner, "introduces", &strings(introduces));
    w.field(inner, "notes", &quote(notes));
    w.list(inner, "evidence", sources, evidence);
    w.close(depth);
}

fn stop(w: &mut Writer, depth: usize, s: &Stop) {
    let Stop {
        title,
        from,
        to,
        layers,
        focus,
        notes,
        view,
    } = s;
    let inner = depth + 1;
    w.open("Stop", depth);
    w.field(inner, "title", &quote(title));
    w.field(inner, "from", &quote(&from.to_string()));
    w.field(inner, "to", &quote(&to.to_string()));
    w.field(inner, "layers", &strings(layers));
    let focus = focus
        .as_deref()
        .map_or("None".to_owned(), |f| format!("Some({})", quote(f)));
    w.field(inner, "focus", &focus);
    w.field(inner, "notes", &quote(notes));
    if !view.is_chart() {
        w.field(inner, "view", view.label());
    }
    w.close(depth);
}

fn conflict(w: &mut Writer, depth: usize, c: &Conflict) {
    let Conflict {
        kind,
        id,
        field,
        base,
        ours,
        theirs,
    } = c;
    let inner = depth + 1;
    w.open("Conflict", depth);
    w.field(inner, "kind", &format!("{kind:?}"));
    w.field(inner, "id", &quote(id));
    w.field(inner, "field", &quote(field));
    w.field(inner, "base", &quote(base));
    w.field(inner, "ours", &quote(ours));
    w.field(inner, "theirs", &quote(theirs));
    w.close(depth);
}

/// Accumulates indented lines of canonical RON.
#[derive(Default)]
struct Writer {
    out: String,
}

impl Writer {
    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str("    ");
        }
    }

    fn open(&mut self, name: &str, depth: usize) {
        self.indent(depth);
        let _ = writeln!(self.out, "{name}(");
    }

    fn close(&mut self, depth: usize) {
        self.indent(depth);
        self.out.push_str("),\n");
    }

    fn field(&mut self, depth: usize, name: &str, value: &str) {
        self.indent(depth);
        let _ = writeln!(self.out, "{name}: {value},");
    }

    fn list<T, I: Borrow<T>>(
        &mut self,
        depth: usize,
        name: &str,
        items: &[I],
        item: fn(&mut Writer, usize, &T),
    ) {
        if items.is_empty() {
            self.field(depth, name, "[]");
            return;
        }
        self.indent(depth);
        let _ = writeln!(self.out, "{name}: [");
        for i in items {
            item(self, depth + 1, i.borrow());
        }
        self.indent(depth);
        self.out.push_str("],\n");
    }
}

/// A one-line list of quoted strings: `["a", "b"]`.
fn strings(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// A RON string literal; only quotes, backslashes and control characters are escaped, so
/// text in any script stays readable in the file.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::load_str;

    #[test]
    fn quote_keeps_scripts_and_escapes_controls() {
        assert_eq!(quote("नमस्ते \"x\"\n\u{7}"), "\"नमस्ते \\\"x\\\"\\n\\u{7}\"");
        for s in ["नमस्ते", "مرحبا", "路线图", "a\\b\"c\u{0}\u{1b}\n\t"] {
            let text = format!(
                r#"Roadmap(format: 1, title: {}, horizon: (start: "2026-01", end: "2026-02"))"#,
                quote(s)
            );
            assert_eq!(load_str(&text).unwrap().title, s);
        }
    }

    #[test]
    fn saving_replaces_the_file_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        std::fs::write(&path, "old").unwrap();
        let plan = load_str(
            r#"Roadmap(format: 1, title: "New", horizon: (start: "2026-01", end: "2026-02"))"#,
        )
        .unwrap();
        save_path(&plan, &path).unwrap();
        assert_eq!(
            load_str(&std::fs::read_to_string(&path).unwrap()).unwrap(),
            plan
        );
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn saving_into_a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let plan = load_str(
            r#"Roadmap(format: 1, title: "New", horizon: (start: "2026-01", end: "2026-02"))"#,
        )
        .unwrap();
        let err = save_path(&plan, &dir.path().join("nope/plan.ron")).unwrap_err();
        assert!(err.to_string().contains("plan.ron"), "{err}");
    }

    #[test]
    fn saving_removes_temporaries_of_crashed_saves_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        // Left by a save that crashed long ago, and by one that may still be running.
        let stale = dir.path().join(".stackplan-crashed.tmp");
        let recent = dir.path().join(".stackplan-running.tmp");
        for file in [&stale, &recent] {
            std::fs::write(file, "partial").unwrap();
        }
        let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 3600);
        std::fs::File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
        save_path(
            &crate::model::Roadmap::blank(
                "T",
                crate::model::Horizon {
                    start: "2026-01".parse().unwrap(),
                    end: "2026-12".parse().unwrap(),
                },
            ),
            &path,
        )
        .unwrap();
        assert!(!stale.exists(), "a crashed save's leftover is removed");
        assert!(recent.exists(), "a save that may be running is left alone");
    }
}
