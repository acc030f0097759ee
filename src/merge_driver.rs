//! `stackplan merge`: the three-way merge of plan files as git's merge driver, and its
//! installation into a repository.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::analysis::merge::merge;
use crate::cli::{FINDINGS, OK, UNREADABLE};
use crate::io;

/// `stackplan merge BASE OURS THEIRS [-o OUT]`: writes the merged plan to OUT (OURS when not
/// given) in canonical form; exit 0 clean, 1 with conflicts (kept in the plan), 2 when an
/// input cannot be read or the output cannot be written.
pub fn merge_files(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    output: Option<&Path>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let mut plans = Vec::with_capacity(3);
    for (role, path) in [("base", base), ("ours", ours), ("theirs", theirs)] {
        match io::load_path(path) {
            Ok(plan) => plans.push(plan),
            Err(e) => {
                let _ = writeln!(err, "error: cannot merge, {role} is unreadable: {e}");
                return UNREADABLE;
            }
        }
    }
    let [base_plan, ours_plan, theirs_plan] = plans.as_slice() else {
        return UNREADABLE;
    };
    let merged = merge(base_plan, ours_plan, theirs_plan);
    let target = output.unwrap_or(ours);
    if let Err(e) = io::save_path(&merged.plan, target) {
        let _ = writeln!(err, "error: {e}");
        return UNREADABLE;
    }
    for problem in &merged.problems {
        let _ = writeln!(
            err,
            "warning: the merge made an error neither side had: {problem}"
        );
    }
    let conflicts = &merged.plan.conflicts;
    if conflicts.is_empty() {
        let _ = writeln!(out, "merged cleanly into {}", target.display());
        return OK;
    }
    for conflict in conflicts {
        let _ = writeln!(out, "conflict: {conflict}");
    }
    let _ = writeln!(
        out,
        "{} conflict(s) kept in {}: open it in Stackplan to resolve them",
        conflicts.len(),
        target.display()
    );
    FINDINGS
}

/// `stackplan merge --install`: makes git merge and diff `*.ron` plans with this program in
/// the repository of the current folder.
pub fn install(out: &mut impl Write, err: &mut impl Write) -> u8 {
    match try_install() {
        Ok(attributes) => {
            let _ = writeln!(
                out,
                "git now merges and diffs *.ron plans with Stackplan (see {})",
                attributes.display()
            );
            OK
        }
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            UNREADABLE
        }
    }
}

fn try_install() -> Result<PathBuf, String> {
    let root = git(&["rev-parse", "--show-toplevel"])?;
    let program = std::env::current_exe()
        .map(|p| shell_quote(&p.to_string_lossy()))
        .unwrap_or_else(|_| "stackplan".to_owned());
    git(&["config", "merge.stackplan.name", "Stackplan plan merge"])?;
    git(&[
        "config",
        "merge.stackplan.driver",
        &format!("{program} merge %O %A %B"),
    ])?;
    git(&[
        "config",
        "diff.stackplan.command",
        &format!("{program} diff"),
    ])?;
    let attributes = Path::new(root.trim()).join(".gitattributes");
    let mut text = std::fs::read_to_string(&attributes).unwrap_or_default();
    for line in ["*.ron merge=stackplan", "*.ron diff=stackplan"] {
        if !text.lines().any(|l| l.trim() == line) {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(line);
            text.push('\n');
        }
    }
    std::fs::write(&attributes, text)
        .map_err(|e| format!("cannot write {}: {e}", attributes.display()))?;
    Ok(attributes)
}

/// Runs git in the current folder and gives its output, or what went wrong.
fn git(args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

/// `text` quoted for the shell git runs drivers with (left as it is when plain).
fn shell_quote(text: &str) -> String {
    let plain = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c));
    if plain {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
