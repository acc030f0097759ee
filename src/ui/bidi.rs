//! Right-to-left text (Arabic, Hebrew) put in visual order before egui lays it out, since
//! egui applies no Unicode bidi algorithm of its own.
//!
//! egui shapes each run of one font with harfrust, which already writes the letters of an
//! Arabic word right to left; what it lacks is the order of words and of runs in other scripts.
//! So [`visual`] reorders, with the Unicode bidi algorithm (`unicode-bidi`), whole clusters of
//! right-to-left letters and leaves the letters inside each cluster in logical order.

use std::borrow::Cow;

use unicode_bidi::{BidiClass, BidiInfo, bidi_class};

/// `text` in the order egui must lay it out left to right to read correctly: right-to-left
/// runs reversed word by word (brackets mirrored), left-to-right text untouched. Each line
/// is its own paragraph, whose direction follows its first strong letter.
pub fn visual(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_rtl) {
        return Cow::Borrowed(text);
    }
    let info = BidiInfo::new(text, None);
    let mut out = String::with_capacity(text.len());
    for para in &info.paragraphs {
        let line = para.range.clone();
        let body_end = text[line.clone()].trim_end_matches(['\n', '\r']).len() + line.start;
        let (levels, runs) = info.visual_runs(para, line.start..body_end);
        for run in runs {
            let rtl = levels.get(run.start).is_some_and(|l| l.is_rtl());
            let piece = &text[run];
            if rtl {
                push_reversed(piece, &mut out);
            } else {
                out.push_str(piece);
            }
        }
        out.push_str(&text[body_end..line.end]);
    }
    Cow::Owned(out)
}

/// Whether `c` is a strong right-to-left letter.
fn is_rtl(c: char) -> bool {
    c as u32 >= 0x0590 && matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// Whether `c` stays with the right-to-left letters around it (a letter or a mark on it), so
/// that harfrust shapes them together.
fn joins_rtl_cluster(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::R | BidiClass::AL | BidiClass::NSM)
        || c == '\u{200C}'
        || c == '\u{200D}'
}

/// Appends a right-to-left run in visual order: clusters of right-to-left letters keep their
/// logical order (harfrust reverses them), everything between them is reversed and mirrored.
fn push_reversed(run: &str, out: &mut String) {
    let mut units: Vec<&str> = Vec::new();
    let mut start = 0;
    let mut in_cluster = false;
    for (i, c) in run.char_indices() {
        let joins = joins_rtl_cluster(c);
        if i > start && !(joins && in_cluster) {
            units.push(&run[start..i]);
            start = i;
        }
        in_cluster = joins;
    }
    if start < run.len() {
        units.push(&run[start..]);
    }
    for unit in units.into_iter().rev() {
        let mut chars = unit.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => out.push(mirror(c)),
            _ => out.push_str(unit),
        }
    }
}

/// The mirror image of a bracket, as it is drawn in right-to-left text.
fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_text_is_left_alone() {
        assert!(matches!(
            visual("National GPU cluster (phase 1)"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn arabic_words_come_in_visual_order_and_keep_their_letters() {
        // "national compute centre": read right to left, so drawn left to right the last word
        // comes first; the letters of each word stay in logical order for the shaper.
        assert_eq!(visual("مركز الحوسبة الوطني"), "الوطني الحوسبة مركز");
    }

    #[test]
    fn mixed_arabic_and_latin_keeps_latin_and_numbers_readable() {
        // A Latin paragraph with an Arabic phrase in it: only the phrase is reversed.
        assert_eq!(
            visual("Phase 2: مركز الحوسبة GPU"),
            "Phase 2: الحوسبة مركز GPU"
        );
        // An Arabic paragraph with Latin and a number in it: the Latin word and the number
        // read left to right inside the right-to-left order, brackets are mirrored.
        assert_eq!(visual("مركز GPU الوطني (2030)"), "(2030) الوطني GPU مركز");
    }

    #[test]
    fn each_line_is_ordered_on_its_own() {
        assert_eq!(visual("أ ب\nC D"), "ب أ\nC D");
    }
}
