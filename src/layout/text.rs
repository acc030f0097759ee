//! A fast, deterministic estimate of text widths, and eliding to a width.
//!
//! The estimate errs on the wide side (Noto Sans advances, rounded up) so that text the layout
//! says fits does fit when a renderer shapes it with the real font.

/// The ellipsis appended to elided text.
pub const ELLIPSIS: char = '…';

/// Estimated advance of `c` as a fraction of the font size.
pub fn advance(c: char) -> f32 {
    match c {
        ' ' => 0.27,
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | 'I' => 0.29,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '"' | '/' => 0.38,
        'm' | 'w' => 0.86,
        'M' | 'W' => 0.92,
        '0'..='9' => 0.58,
        'A'..='Z' => 0.68,
        'a'..='z' => 0.57,
        '\u{0300}'..='\u{036F}' | '\u{200B}'..='\u{200F}' | '\u{FE00}'..='\u{FE0F}' => 0.0,
        // Devanagari vowel signs and virama sit on their consonant.
        '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}' | '\u{0951}'..='\u{0957}' => 0.12,
        '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' => 0.0,
        c if is_wide(c) => 1.0,
        _ => 0.62,
    }
}

/// Whether `c` is an East Asian wide character (CJK, kana, Hangul, full-width forms).
pub fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}')
}

/// Estimated width of `text` at font size `size`, in units.
pub fn width(text: &str, size: f32) -> f32 {
    text.chars().map(advance).sum::<f32>() * size
}

/// `text` shortened with an ellipsis so it fits in `max` units at `size`; `None` when not even
/// one character and the ellipsis fit.
pub fn elide(text: &str, size: f32, max: f32) -> Option<String> {
    if width(text, size) <= max {
        return Some(text.to_owned());
    }
    let budget = max - advance(ELLIPSIS) * size;
    let mut used = 0.0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        used += advance(c) * size;
        if used > budget {
            break;
        }
        end = i + c.len_utf8();
    }
    let kept = text[..end].trim_end();
    if kept.is_empty() {
        return None;
    }
    Some(format!("{kept}{ELLIPSIS}"))
}

/// `text` broken into lines no wider than `max` units at `size`, between words (a word wider
/// than a line is elided).
pub fn wrap(text: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let joined = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if width(&joined, size) <= max || line.is_empty() {
            line = joined;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_owned();
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
        .into_iter()
        .filter_map(|l| elide(&l, size, max))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_fit_and_keep_every_word() {
        let text = "Milestone Public services moved to EU cloud region removes a dependency";
        let lines = wrap(text, 10.0, 150.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(l, 10.0) <= 150.0));
        assert_eq!(lines.join(" "), text);
        assert!(wrap("", 10.0, 100.0).is_empty());
    }

    #[test]
    fn wide_scripts_measure_wider_than_latin() {
        assert!(width("数据中心", 10.0) > width("data", 10.0));
        assert_eq!(width("", 10.0), 0.0);
    }

    #[test]
    fn elided_text_fits_and_ends_with_an_ellipsis() {
        let text = "National GPU cluster, phase 1";
        let short = elide(text, 10.0, 60.0).unwrap();
        assert!(short.ends_with(ELLIPSIS));
        assert!(width(&short, 10.0) <= 60.0);
        assert_eq!(elide(text, 10.0, 1000.0).unwrap(), text);
        assert_eq!(elide(text, 10.0, 3.0), None);
    }

    #[test]
    fn eliding_never_splits_a_character() {
        let short = elide("Суверенный вычислительный кластер", 10.0, 50.0).unwrap();
        assert!(short.ends_with(ELLIPSIS));
    }
}
