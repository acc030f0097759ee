//! Loading: bytes → `Roadmap`, with errors that say what and where.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::v0;
use crate::model::{FORMAT, Roadmap};

/// Why a file could not be opened as a roadmap.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read at all.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The bytes are not UTF-8 text.
    #[error("line {line}, column {column}: the file is not UTF-8 text")]
    NotText {
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column of the first bad byte.
        column: usize,
    },
    /// The text is not a valid roadmap (syntax, unknown field, bad value...).
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Git merged the file as text and left its conflict markers in it.
    #[error(
        "line {line}: the file holds git's conflict markers (<<<<<<<): git merged it as text. \
         Install Stackplan's merge driver in the repository with `stackplan merge --install`, \
         then `git merge --abort` and merge again"
    )]
    MergeMarkers {
        /// 1-based line of the first marker.
        line: usize,
    },
    /// The file was written by a newer version of Stackplan.
    #[error("written by a newer Stackplan (format {found}); this build reads up to {supported}")]
    NewerFormat {
        /// The file's format.
        found: u32,
        /// The newest format this build reads.
        supported: u32,
    },
    /// A file-level error with the file's path attached.
    #[error("{error} — {}", path.display())]
    InFile {
        /// The file.
        path: PathBuf,
        /// The error inside it.
        error: Box<LoadError>,
    },
}

impl LoadError {
    /// Line and column (1-based) where the problem is, when known.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            LoadError::NotText { line, column } | LoadError::Syntax { line, column, .. } => {
                Some((*line, *column))
            }
            LoadError::InFile { error, .. } => error.position(),
            LoadError::MergeMarkers { line } => Some((*line, 1)),
            LoadError::Read { .. } | LoadError::NewerFormat { .. } => None,
        }
    }
}

/// The largest file Stackplan opens (a plan of 200,000 items is far below this).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Loads a roadmap from a file; errors carry the path.
pub fn load_path(path: &Path) -> Result<Roadmap, LoadError> {
    let read_err = |source| LoadError::Read {
        path: path.to_owned(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(read_err)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(read_err(std::io::Error::other(format!(
            "file is {} MB, larger than the {} MB Stackplan opens",
            meta.len() / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        ))));
    }
    let bytes = std::fs::read(path).map_err(read_err)?;
    load_bytes(&bytes).map_err(|error| LoadError::InFile {
        path: path.to_owned(),
        error: Box::new(error),
    })
}

/// Loads a roadmap from raw bytes (UTF-8, an optional BOM, any line ends).
pub fn load_bytes(bytes: &[u8]) -> Result<Roadmap, LoadError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_column(&bytes[..e.valid_up_to()]);
        LoadError::NotText { line, column }
    })?;
    load_str(text)
}

/// Loads a roadmap from text, migrating older formats.
pub fn load_str(text: &str) -> Result<Roadmap, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Syntax {
            line: 1,
            column: 1,
            message: "the file is empty; expected a Roadmap(...)".to_owned(),
        });
    }
    // Current-format files, the common case, are parsed once; the header is read on its own
    // only when that fails or names another format.
    let current = parse::<Roadmap>(text);
    if current.is_err()
        && let Some(line) = merge_marker_line(text)
    {
        return Err(LoadError::MergeMarkers { line });
    }
    let format = match &current {
        Ok(plan) => plan.format,
        Err(_) => peek_format(text)?,
    };
    if format > FORMAT {
        return Err(LoadError::NewerFormat {
            found: format,
            supported: FORMAT,
        });
    }
    if format == 0 {
        let old: v0::Roadmap = parse(text)?;
        return Ok(old.migrate());
    }
    current.map(migrate_from_1)
}

/// Format 1 is format 2 without jurisdictions, evidence and assessments, which all default
/// to empty: only the version number changes.
fn migrate_from_1(mut plan: Roadmap) -> Roadmap {
    plan.format = FORMAT;
    plan
}

/// The 1-based line of the first `<<<<<<<` conflict marker git leaves in a text merge.
fn merge_marker_line(text: &str) -> Option<usize> {
    text.lines()
        .position(|line| line.starts_with("<<<<<<<"))
        .map(|i| i + 1)
}

/// The `format` field of a roadmap file, read leniently before the real parse.
fn peek_format(text: &str) -> Result<u32, LoadError> {
    #[derive(Deserialize)]
    #[serde(rename = "Roadmap")]
    struct Header {
        #[serde(default = "current")]
        format: u32,
    }
    fn current() -> u32 {
        FORMAT
    }
    // A file that does not even parse leniently gets its error from the full parse, which
    // names fields and expected values more precisely.
    Ok(options()
        .from_str::<Header>(text)
        .map_or(FORMAT, |h| h.format))
}

fn options() -> ron::Options {
    ron::Options::default().with_recursion_limit(64)
}

fn parse<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, LoadError> {
    options().from_str(text).map_err(|e| {
        let (line, column) = (e.span.start.line, e.span.start.col);
        let mut message = describe(&e.code);
        if matches!(e.code, ron::Error::IntegerOutOfBounds)
            && let Some(field) = field_before(text, line, column)
        {
            message = format!("the number for `{field}` is out of range ({message})");
        }
        LoadError::Syntax {
            line,
            column,
            message,
        }
    })
}

/// The name of the field whose value ends at 1-based `line`:`column` (`budget` in
/// `budget: 99999…`), found by reading back to the nearest `name:`.
fn field_before(text: &str, line: usize, column: usize) -> Option<&str> {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = text.get(line_start..)?;
    let offset = rest
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| i);
    let before = text.get(..line_start + offset)?;
    let colon = before.rfind(':')?;
    let name = before[..colon].trim_end();
    let start = name
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    Some(&name[start..]).filter(|n| !n.is_empty())
}

/// A plain-language message for a RON error, naming fields and expected values.
fn describe(code: &ron::Error) -> String {
    let text = code.to_string();
    // Messages can quote huge strings from the file; keep them readable.
    if text.chars().count() > 300 {
        let short: String = text.chars().take(300).collect();
        format!("{short}…")
    } else {
        text
    }
}

/// 1-based line and column just after `prefix` (columns count characters).
fn line_column(prefix: &[u8]) -> (usize, usize) {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let last = prefix
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&prefix[last..]).chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str =
        r#"Roadmap(format: 1, title: "T", horizon: (start: "2026-01", end: "2030-12"))"#;

    #[test]
    fn minimal_hand_written_plan_loads_with_defaults() {
        let plan = load_str(MINIMAL).unwrap();
        assert_eq!(plan.title, "T");
        assert_eq!(plan.currency, "EUR");
        assert!(plan.layers.is_empty() && plan.stops.is_empty());
    }

    #[test]
    fn format_1_file_is_migrated_with_unknown_jurisdictions() {
        let text = MINIMAL.replace(
            "))",
            "), dependencies: [Dependency(id: \"d\", name: \"D\", layer: \"x\", \
             control: BlackBox, criticality: 3)], milestones: [Milestone(id: \"m\", \
             title: \"M\", month: \"2027-01\", layer: \"x\", removes: [\"d\"])])",
        );
        let plan = load_str(&text).unwrap();
        assert_eq!(plan.format, 2);
        let dep = &plan.dependencies[0];
        assert_eq!(dep.jurisdiction, "");
        assert!(dep.evidence.is_empty() && dep.assessment.is_empty());
        assert!(plan.milestones[0].evidence.is_empty());
    }

    #[test]
    fn format_2_evidence_and_assessment_load() {
        let text = r#"Roadmap(format: 2, title: "T", horizon: (start: "2026-01", end: "2030-12"),
            dependencies: [Dependency(id: "d", name: "D", layer: "x", jurisdiction: "US",
                control: Licensed, criticality: 4,
                evidence: [Evidence(source: "Contract 12", date: "2025-10", confidence: High)],
                assessment: [Assessment(objective: "supply-chain", level: 0,
                    evidence: [Evidence(source: "Audit", date: "2026-02", confidence: Low,
                        note: "one supplier")])])])"#;
        let plan = load_str(text).unwrap();
        let dep = &plan.dependencies[0];
        assert_eq!(dep.jurisdiction, "US");
        assert_eq!(dep.evidence[0].confidence, crate::model::Confidence::High);
        assert_eq!(dep.evidence[0].date.to_string(), "2025-10");
        assert_eq!(dep.assessment[0].objective, "supply-chain");
        assert_eq!(dep.assessment[0].evidence[0].note, "one supplier");
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let text = format!("\u{feff}{}", MINIMAL.replace(", ", ",\r\n"));
        assert_eq!(load_str(&text).unwrap().title, "T");
    }

    #[test]
    fn newer_format_is_refused_with_both_versions() {
        let err = load_str(&MINIMAL.replace("format: 1", "format: 7")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "written by a newer Stackplan (format 7); this build reads up to 2"
        );
    }

    #[test]
    fn unknown_field_is_named_with_its_position() {
        let err = load_str(&MINIMAL.replace("title:", "colour: 3, title:")).unwrap_err();
        assert!(err.to_string().contains("colour"), "{err}");
        assert_eq!(err.position().map(|p| p.0), Some(1));
    }

    #[test]
    fn invalid_utf8_reports_line_and_column() {
        let mut bytes = b"Roadmap(\n  ti".to_vec();
        bytes.push(0xFF);
        let err = load_bytes(&bytes).unwrap_err();
        assert_eq!(err.position(), Some((2, 5)));
    }

    #[test]
    fn out_of_range_numbers_name_their_field() {
        let text = MINIMAL.replace(
            "))",
            "), dependencies: [Dependency(id: \"d\", name: \"D\", layer: \"x\", \
             control: BlackBox, criticality: 300)])",
        );
        let err = load_str(&text).unwrap_err();
        assert!(
            err.to_string().contains("`criticality` is out of range"),
            "{err}"
        );
    }

    #[test]
    fn git_conflict_markers_say_how_to_install_the_merge_driver() {
        let text = MINIMAL.replace(
            "title: \"T\",",
            "\n<<<<<<< HEAD\ntitle: \"A\",\n=======\ntitle: \"B\",\n>>>>>>> other\n",
        );
        let err = load_str(&text).unwrap_err();
        assert_eq!(err.position(), Some((2, 1)));
        assert!(
            err.to_string().contains("stackplan merge --install"),
            "{err}"
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(load_str(&text).is_err());
        let text = format!("Roadmap(format: {}", "(".repeat(100_000));
        assert!(load_str(&text).is_err());
    }
}
