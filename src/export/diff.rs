//! A comparison of two plans as terminal text, Markdown or JSON (`stackplan diff`).

use serde::Serialize;

use crate::analysis::compare::{Comparison, Consequences, FieldChange, ItemDiff, Notice, Section};
use crate::model::{Horizon, Roadmap};

/// The output formats of `stackplan diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DiffFormat {
    /// Grouped text for the terminal, consequences first.
    #[default]
    Text,
    /// Markdown for a pull request or an email.
    Markdown,
    /// JSON for tools.
    Json,
}

impl std::str::FromStr for DiffFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<DiffFormat, String> {
        match s.to_ascii_lowercase().as_str() {
            "text" => Ok(DiffFormat::Text),
            "markdown" | "md" => Ok(DiffFormat::Markdown),
            "json" => Ok(DiffFormat::Json),
            _ => Err(format!("unknown format {s:?}: use text, markdown or json")),
        }
    }
}

/// One of the two plans compared: where it came from and what it is.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// The file it was read from, as the user named it.
    pub file: String,
    /// Its title.
    pub title: String,
    /// Its currency.
    pub currency: String,
    /// Its horizon.
    pub horizon: Horizon,
}

impl Source {
    /// The source of `plan`, read from `file`.
    pub fn new(file: &str, plan: &Roadmap) -> Source {
        Source {
            file: file.to_owned(),
            title: plan.title.clone(),
            currency: plan.currency.clone(),
            horizon: plan.horizon,
        }
    }
}

/// The comparison in the chosen format, ending with a newline.
pub fn render(format: DiffFormat, c: &Comparison, a: &Source, b: &Source) -> String {
    match format {
        DiffFormat::Text => text(c, a, b),
        DiffFormat::Markdown => markdown(c, a, b),
        DiffFormat::Json => json(c, a, b),
    }
}

/// Grouped text for the terminal: the two plans, the headline, then each section.
pub fn text(c: &Comparison, a: &Source, b: &Source) -> String {
    let mut out = format!(
        "A: {} (“{}”)\nB: {} (“{}”)\n",
        a.file, a.title, b.file, b.title
    );
    if c.is_same() {
        out.push_str("The plans are the same.\n");
        return out;
    }
    out.push_str(&format!("{}.\n", c.headline()));
    for section in c.sections() {
        out.push_str(&format!("\n{}\n", section.title));
        for line in &section.lines {
            out.push_str(&format!("  {}\n", line.text));
        }
    }
    out
}

/// Markdown: a heading, the headline as a quote, then one list per section.
pub fn markdown(c: &Comparison, a: &Source, b: &Source) -> String {
    let mut out = format!(
        "## {} → {}\n\n**A**: `{}` · **B**: `{}`\n\n",
        escape(&a.title),
        escape(&b.title),
        a.file.replace('`', "'"),
        b.file.replace('`', "'")
    );
    if c.is_same() {
        out.push_str("The plans are the same.\n");
        return out;
    }
    out.push_str(&format!("> {}.\n", escape(&c.headline())));
    for Section { title, lines } in c.sections() {
        out.push_str(&format!("\n### {title}\n\n"));
        for line in lines {
            out.push_str(&format!("- {}\n", escape(&line.text)));
        }
    }
    out
}

/// The JSON document `stackplan diff --format json` prints (its shape is in README.md).
#[derive(Serialize)]
struct Document<'c> {
    a: &'c Source,
    b: &'c Source,
    same: bool,
    headline: String,
    notices: &'c [Notice],
    consequences: &'c Consequences,
    plan: &'c [FieldChange],
    items: &'c [ItemDiff],
}

/// JSON for tools: both plans, whether they are the same, the consequences and every item
/// that differs.
pub fn json(c: &Comparison, a: &Source, b: &Source) -> String {
    let document = Document {
        a,
        b,
        same: c.is_same(),
        headline: c.headline(),
        notices: &c.notices,
        consequences: &c.consequences,
        plan: &c.plan,
        items: &c.items,
    };
    match serde_json::to_string_pretty(&document) {
        Ok(text) => text + "\n",
        Err(e) => format!("{{\"error\": {:?}}}\n", e.to_string()),
    }
}

/// Backslashes before the characters Markdown would read as formatting.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_formatting_characters() {
        assert_eq!(escape("a_b *c* [d]"), "a\\_b \\*c\\* \\[d\\]");
    }

    #[test]
    fn formats_are_named_case_insensitively() {
        assert_eq!("JSON".parse::<DiffFormat>(), Ok(DiffFormat::Json));
        assert_eq!("md".parse::<DiffFormat>(), Ok(DiffFormat::Markdown));
        assert!("html".parse::<DiffFormat>().is_err());
    }
}
