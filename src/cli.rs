//! The command-line subcommands (`check`, `fmt`, `export`, `diff`, `import`) over the library's
//! core.
//!
//! Each returns the process exit code: 0 fine, 1 checks found errors (or `fmt --check`
//! found a file to change), 2 a file could not be read, parsed or written.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::format::thousands;
use crate::analysis::{self, Finding, Severity};
use crate::export;
use crate::io;
use crate::model::{Roadmap, plural};

/// Exit code: nothing wrong.
pub const OK: u8 = 0;
/// Exit code: the plan has errors (or a file is not canonical).
pub const FINDINGS: u8 = 1;
/// Exit code: a file could not be read, parsed or written.
pub const UNREADABLE: u8 = 2;

/// `stackplan check FILE...`: prints findings like a compiler, then a summary per file.
pub fn check(files: &[PathBuf], out: &mut impl Write, err: &mut impl Write) -> u8 {
    let mut code = OK;
    for path in files {
        match io::load_path(path) {
            Ok(plan) => {
                let findings = analysis::checks(&plan);
                for f in &findings {
                    let _ = writeln!(out, "{f}\n  --> {} ({})", path.display(), f.ids.join(", "));
                }
                let _ = writeln!(out, "{}: {}", path.display(), summary(&plan, &findings));
                if findings.iter().any(|f| f.severity == Severity::Error) {
                    code = code.max(FINDINGS);
                }
            }
            Err(e) => code = fail(err, &e),
        }
    }
    code
}

/// The one-line summary: items, exposure now → at the horizon's end, total budget, counts.
pub fn summary(plan: &Roadmap, findings: &[Finding]) -> String {
    let start = analysis::exposure_at(plan, plan.horizon.start).total;
    let end = analysis::exposure_at(plan, plan.horizon.end).total;
    let budget: u128 = plan.investments.iter().map(|i| u128::from(i.budget)).sum();
    let count = |s| findings.iter().filter(|f| f.severity == s).count();
    format!(
        "{}, {}, {}; exposure {start} ({}) → {end} ({}); budget {} {}; {}, {}, {} info",
        plural(plan.investments.len(), "investment", "investments"),
        plural(plan.milestones.len(), "milestone", "milestones"),
        plural(plan.dependencies.len(), "dependency", "dependencies"),
        plan.horizon.start,
        plan.horizon.end,
        plan.currency,
        thousands(budget),
        plural(count(Severity::Error), "error", "errors"),
        plural(count(Severity::Warning), "warning", "warnings"),
        count(Severity::Info),
    )
}

/// `stackplan fmt [--check] FILE...`: rewrites files in canonical form.
pub fn fmt(files: &[PathBuf], check_only: bool, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let mut code = OK;
    for path in files {
        let plan = match io::load_path(path) {
            Ok(plan) => plan,
            Err(e) => {
                let _ = writeln!(err, "error: {e}");
                code = UNREADABLE;
                continue;
            }
        };
        let canonical = io::to_ron(&plan);
        if std::fs::read(path).is_ok_and(|bytes| bytes == canonical.as_bytes()) {
            continue;
        }
        if check_only {
            let _ = writeln!(out, "would reformat {}", path.display());
            code = code.max(FINDINGS);
        } else if let Err(e) = io::save_path(&plan, path) {
            code = fail(err, &e);
        } else {
            let _ = writeln!(out, "reformatted {}", path.display());
        }
    }
    code
}

/// `stackplan export FILE -o OUT`: writes OUT in the format its extension names.
pub fn export(
    file: &Path,
    out_path: &Path,
    options: &export::ExportOptions,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let (plan, analysis, options) = match plan_to_export(file, options, err) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let options = &options;
    let ext = out_path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase());
    if ext.as_deref() == Some("csv") {
        return match export::csv::write_tables(&plan, out_path) {
            Ok(paths) => {
                for p in paths {
                    let _ = writeln!(out, "wrote {}", p.display());
                }
                OK
            }
            Err(e) => fail(err, &e),
        };
    }
    let written = export::write_file(&plan, &analysis, out_path, options);
    report_export(written, out_path, out, err)
}

/// The plan in `file`, its analysis, and `options` with their cut-off checked against it; the
/// exit code (after saying why on `err`) when the file cannot be read or names no such cut-off.
fn plan_to_export(
    file: &Path,
    options: &export::ExportOptions,
    err: &mut impl Write,
) -> Result<(Roadmap, analysis::Analysis, export::ExportOptions), u8> {
    let plan = io::load_path(file).map_err(|e| fail(err, &e))?;
    let analysis = analysis::Analysis::of(&plan);
    match with_known_cutoff(&plan, &analysis, options) {
        Ok(options) => Ok((plan, analysis, options)),
        Err(why) => {
            let _ = writeln!(err, "error: {why} — {}", file.display());
            Err(UNREADABLE)
        }
    }
}

/// `options` with the cut-off they ask to mark spelled as `plan` spells it, or why `plan`
/// names no such jurisdiction or controller.
fn with_known_cutoff(
    plan: &Roadmap,
    analysis: &analysis::Analysis,
    options: &export::ExportOptions,
) -> Result<export::ExportOptions, String> {
    let Some((cutoff, at)) = &options.shock else {
        return Ok(options.clone());
    };
    let framework =
        analysis::Framework::eu_csf().map_err(|e| format!("the bundled framework: {e}"))?;
    let sovereignty = analysis::sovereignty::Sovereignty::new(plan, analysis, &framework);
    let cutoff = sovereignty.check_cutoff(cutoff)?;
    Ok(export::ExportOptions {
        shock: Some((cutoff, *at)),
        ..options.clone()
    })
}

/// `stackplan export FILE -o OUT.pdf --stops [--compare OTHER]`: writes the handout, one page
/// per stop, and with OTHER a last page comparing the two paths.
pub fn export_handout(
    file: &Path,
    other: Option<&Path>,
    out_path: &Path,
    options: &export::ExportOptions,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let (plan, analysis, options) = match plan_to_export(file, options, err) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let options = &options;
    let ext = out_path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if !ext.eq_ignore_ascii_case("pdf") {
        let _ = writeln!(err, "error: a handout is a PDF: name the output *.pdf");
        return UNREADABLE;
    }
    let other = match other.map(io::load_path).transpose() {
        Ok(other) => other,
        Err(e) => return fail(err, &e),
    };
    let other = other.map(|o| {
        let other_analysis = analysis::Analysis::of(&o);
        analysis::two_paths::OtherPath::new(&plan, &analysis, Arc::new(o), Arc::new(other_analysis))
    });
    let written = export::handout::write(&plan, &analysis, other.as_ref(), out_path, options);
    report_export(written, out_path, out, err)
}

/// `stackplan diff A B`: prints what differs between two plans and what it means.
///
/// Exit 0 when they are the same, 1 when they differ, 2 when either cannot be read. Called
/// by git as an external diff (seven arguments: path, old file, hex, mode, new file, hex,
/// mode), it compares the old and new files and exits 0 when they differ, as git expects.
pub fn diff(
    files: &[PathBuf],
    format: export::diff::DiffFormat,
    at: &[crate::model::Month],
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let (a, b, from_git) = match files {
        [a, b] => (a, b, false),
        [_, a, _, _, b, _, _] => (a, b, true),
        _ => {
            let _ = writeln!(
                err,
                "error: diff compares two plans: stackplan diff A.ron B.ron"
            );
            return UNREADABLE;
        }
    };
    let load = |path: &Path| io::load_path(path);
    let (plan_a, plan_b) = match (load(a), load(b)) {
        (Ok(x), Ok(y)) => (x, y),
        (Err(e), _) | (_, Err(e)) => return fail(err, &e),
    };
    let options = analysis::compare::Options { at: at.to_vec() };
    let comparison = analysis::compare::compare(&plan_a, &plan_b, &options);
    // Called by git, the files are temporary: name the plan's path instead.
    let name = |path: &Path, version: &str| match files.first() {
        Some(shown) if from_git => format!("{} ({version})", shown.display()),
        _ => path.display().to_string(),
    };
    let text = export::diff::render(
        format,
        &comparison,
        &export::diff::Source::new(&name(a, "old"), &plan_a),
        &export::diff::Source::new(&name(b, "new"), &plan_b),
    );
    let _ = out.write_all(text.as_bytes());
    if comparison.is_same() || from_git {
        OK
    } else {
        FINDINGS
    }
}

/// `stackplan export A -o OUT.pdf --compare B`: writes the comparison report of A and B.
pub fn export_comparison(
    file: &Path,
    other: &Path,
    out_path: &Path,
    options: &export::ExportOptions,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let (plan_a, plan_b) = match (io::load_path(file), io::load_path(other)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return fail(err, &e),
    };
    let ext = out_path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if !ext.eq_ignore_ascii_case("pdf") {
        let _ = writeln!(
            err,
            "error: a comparison report is a PDF: name the output *.pdf"
        );
        return UNREADABLE;
    }
    let (analysis_a, analysis_b) = (
        analysis::Analysis::of(&plan_a),
        analysis::Analysis::of(&plan_b),
    );
    let side = |plan, analysis, path: &Path| crate::layout::comparison::Side {
        plan,
        analysis,
        source: path.display().to_string(),
    };
    let (a, b) = (
        side(&plan_a, &analysis_a, file),
        side(&plan_b, &analysis_b, other),
    );
    let written = export::comparison::write(&a, &b, out_path, options);
    report_export(written, out_path, out, err)
}

/// Prints an export's warnings and what it wrote, or its error; the exit code.
fn report_export(
    written: Result<export::Report, export::ExportError>,
    out_path: &Path,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    match written {
        Ok(report) => {
            for w in &report.warnings {
                let _ = writeln!(err, "warning: {w}");
            }
            let _ = writeln!(out, "wrote {}", out_path.display());
            OK
        }
        Err(e) => fail(err, &e),
    }
}

/// `stackplan import IN -o OUT.ron`: reads another program's plan, prints the report of what
/// was read, approximated and skipped, and saves the new plan.
pub fn import(
    input: &Path,
    out_path: &Path,
    options: &crate::import::ImportOptions,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let ext = out_path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if !ext.eq_ignore_ascii_case("ron") {
        let _ = writeln!(
            err,
            "error: an imported plan is saved as a Stackplan plan: name the output *.ron"
        );
        return UNREADABLE;
    }
    let imported = match crate::import::import_path(input, options) {
        Ok(imported) => imported,
        Err(e) => return fail(err, &e),
    };
    let _ = write!(out, "{}", imported.report);
    if let Err(e) = io::save_path(&imported.plan, out_path) {
        return fail(err, &e);
    }
    let _ = writeln!(out, "wrote {}", out_path.display());
    OK
}

/// Parses `--column WHAT=HEADER` (e.g. `layer=Programme`, `start=` for none).
pub fn column_choice(text: &str) -> Result<(crate::import::Column, String), String> {
    use crate::import::Column;
    let (what, header) = text
        .split_once('=')
        .ok_or_else(|| format!("\"{text}\": write WHAT=HEADER, e.g. layer=Programme"))?;
    let what = what.trim().to_lowercase();
    let column = Column::ALL
        .into_iter()
        .find(|c| {
            let label = c.label().to_lowercase();
            label == what || label.split_whitespace().next() == Some(what.as_str())
        })
        .ok_or_else(|| {
            let names: Vec<String> = Column::ALL
                .iter()
                .map(|c| {
                    c.label()
                        .to_lowercase()
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .to_owned()
                })
                .collect();
            format!("unknown column \"{what}\": use one of {}", names.join(", "))
        })?;
    Ok((column, header.trim().to_owned()))
}

/// Prints `error` and gives the exit code of an unreadable input or unwritable output.
fn fail(err: &mut impl Write, error: &dyn std::fmt::Display) -> u8 {
    let _ = writeln!(err, "error: {error}");
    UNREADABLE
}

/// `stackplan [FILE] [--compare B]`: opens the editor (on the bundled example when no file
/// is given), comparing with B when given.
#[cfg(feature = "gui")]
pub fn open_editor(file: Option<PathBuf>, compare: Option<PathBuf>, err: &mut impl Write) -> u8 {
    match crate::ui::run(file, compare) {
        Ok(()) => OK,
        Err(e) => {
            let _ = writeln!(err, "error: {e:#}");
            UNREADABLE
        }
    }
}

/// `stackplan [FILE]` in a build without the `gui` feature: says so and fails.
#[cfg(not(feature = "gui"))]
pub fn open_editor(_file: Option<PathBuf>, _compare: Option<PathBuf>, err: &mut impl Write) -> u8 {
    let _ = writeln!(
        err,
        "error: this stackplan was built without the editor (feature `gui`)"
    );
    UNREADABLE
}
