//! Extra fonts for scripts egui's default fonts lack (CJK, Arabic, Devanagari…).

use std::path::Path;
use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// Adds every font file (`.ttf`, `.otf`, `.ttc`) in `dir` as a fallback after egui's own
/// fonts, in file-name order; returns how many were added. Unreadable files are skipped.
pub fn add_fonts_from(ctx: &egui::Context, dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let ext = p
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or_default()
                .to_ascii_lowercase();
            matches!(ext.as_str(), "ttf" | "otf" | "ttc")
        })
        .collect();
    paths.sort();
    let mut fonts = FontDefinitions::default();
    let mut added = 0;
    for path in paths {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let name = path.display().to_string();
        fonts
            .font_data
            .insert(name.clone(), Arc::new(FontData::from_owned(bytes)));
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            fonts.families.entry(family).or_default().push(name.clone());
        }
        added += 1;
    }
    ctx.set_fonts(fonts);
    added
}
