//! Exports checked as a user would: PDFs parse, hold their text and fonts and render; SVGs parse
//! and name every milestone; PNGs decode at the expected size with the last rows drawn.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use stackplan::analysis::Analysis;
use stackplan::export::{self, ExportOptions, PageSize};
use stackplan::layout::{self, Shape, Tag};
use stackplan::model::{ControlLevel, Dependency, Horizon, Investment, Milestone, Month, Roadmap};

fn month(s: &str) -> Month {
    s.parse().unwrap()
}

fn options() -> ExportOptions {
    ExportOptions {
        date: Some("2026-11-25".into()),
        ..ExportOptions::default()
    }
}

/// A plan with titles in seven scripts.
fn multilingual() -> Roadmap {
    let horizon = Horizon {
        start: month("2026-01"),
        end: month("2031-12"),
    };
    let mut plan = Roadmap::blank("Суверенный ИИ · 主权人工智能", horizon);
    plan.owner = "Министерство цифрового развития".into();
    let titles = [
        ("cn", "compute", "国家算力集群一期"),
        ("jp", "research", "日本語の研究センター"),
        ("ar", "data", "مركز البيانات الوطني"),
        ("hi", "talent", "राष्ट्रीय कंप्यूटिंग प्रशिक्षण"),
        ("ru", "models", "Открытая национальная модель"),
        ("el", "tooling", "Εθνικά εργαλεία εκπαίδευσης"),
    ];
    for (i, (id, layer, title)) in titles.iter().enumerate() {
        plan.investments.push(
            Investment {
                id: (*id).into(),
                title: (*title).into(),
                layer: (*layer).into(),
                start: month("2026-03").plus(i as i32 * 4),
                end: month("2027-12").plus(i as i32 * 4),
                budget: 1_000_000 * (i as u64 + 1),
                owner: String::new(),
                notes: String::new(),
                after: Vec::new(),
            }
            .into(),
        );
    }
    plan.dependencies.push(
        Dependency {
            id: "gpus".into(),
            name: "Импортные ускорители".into(),
            layer: "compute".into(),
            controller: "Vendor".into(),
            jurisdiction: String::new(),
            control: ControlLevel::BlackBox,
            criticality: 5,
            notes: String::new(),
            evidence: Vec::new(),
            assessment: Vec::new(),
        }
        .into(),
    );
    let milestones = [
        ("m-cn", "compute", "2028-03", "算力自主"),
        ("m-ru", "models", "2029-06", "Модель в эксплуатации"),
        ("m-ar", "data", "2030-01", "البيانات السيادية"),
    ];
    for (id, layer, at, title) in milestones {
        plan.milestones.push(
            Milestone {
                needs: vec!["cn".into()],
                removes: if id == "m-cn" {
                    vec!["gpus".into()]
                } else {
                    Vec::new()
                },
                ..Milestone::new(id, title, month(at), layer)
            }
            .into(),
        );
    }
    plan
}

/// A plan whose one lane holds `rows` bars that all overlap, so it has that many rows.
fn tall_plan(rows: usize) -> Roadmap {
    let horizon = Horizon {
        start: month("2026-01"),
        end: month("2026-12"),
    };
    let mut plan = Roadmap::blank("Tall", horizon);
    plan.layers.truncate(1);
    for i in 0..rows {
        plan.investments.push(
            Investment {
                id: format!("i{i}"),
                title: format!("Row {i}"),
                layer: plan.layers[0].id.clone(),
                start: month("2026-01"),
                end: month("2026-12"),
                budget: 0,
                owner: String::new(),
                notes: String::new(),
                after: Vec::new(),
            }
            .into(),
        );
    }
    plan
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn tool(name: &str) -> Command {
    Command::new(name)
}

fn pdftotext(pdf: &Path) -> String {
    let out = tool("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(pdf)
        .arg("-")
        .output();
    let out = out.expect("pdftotext (Debian package poppler-utils) must be installed");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).unwrap()
}

fn example_plans() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmaps");
    let mut plans: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    plans.sort();
    plans
}

#[test]
fn pdf_parses_with_embedded_fonts_and_real_text_in_every_script() {
    let plan = multilingual();
    let dir = temp_dir();
    let path = dir.path().join("plan.pdf");
    let report = export::write_file(&plan, &Analysis::of(&plan), &path, &options()).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let doc = lopdf::Document::load(&path).unwrap();
    let pages = doc.get_pages().len();
    assert!(pages >= 2, "a chart page and a report page, got {pages}");
    let embedded = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.has(b"FontFile2") || d.has(b"FontFile3"))
        .count();
    assert!(embedded >= 2, "fonts are embedded, found {embedded}");
    let text = pdftotext(&path);
    for m in &plan.milestones {
        assert!(
            text.contains(&m.title),
            "milestone {:?} missing from:\n{text}",
            m.title
        );
    }
    for needle in [
        "国家算力集群一期",
        "Открытая национальная модель",
        "Εθνικά",
        "page 1 of",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
}

#[test]
fn pdf_page_count_follows_the_page_and_range_options() {
    let plan = multilingual();
    let mut opts = options();
    opts.report = false;
    let fitted = export::pdf::render(&plan, &Analysis::of(&plan), &opts)
        .unwrap()
        .bytes;
    assert_eq!(
        lopdf::Document::load_mem(&fitted)
            .unwrap()
            .get_pages()
            .len(),
        1
    );
    let big = tall_plan(400);
    opts.page = PageSize::Letter;
    opts.landscape = false;
    let tiled = export::pdf::render(&big, &Analysis::of(&big), &opts)
        .unwrap()
        .bytes;
    let pages = lopdf::Document::load_mem(&tiled).unwrap().get_pages().len();
    assert!(pages >= 8, "400 rows do not fit one page, got {pages}");
}

#[test]
fn example_plan_pdfs_pass_qpdf_and_render_pages_that_are_not_blank() {
    let dir = temp_dir();
    for source in example_plans() {
        let plan = stackplan::io::load_path(&source).unwrap();
        let name = source.file_stem().unwrap().to_string_lossy().to_string();
        let pdf = dir.path().join(format!("{name}.pdf"));
        export::write_file(&plan, &Analysis::of(&plan), &pdf, &options()).unwrap();
        let check = tool("qpdf")
            .arg("--check")
            .arg(&pdf)
            .output()
            .expect("qpdf must be installed");
        assert!(
            check.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&check.stdout)
        );
        let prefix = dir.path().join(&name);
        let status = tool("pdftoppm")
            .args(["-png", "-r", "30"])
            .arg(&pdf)
            .arg(&prefix)
            .status()
            .expect("pdftoppm (poppler-utils) must be installed");
        assert!(status.success());
        let pages: Vec<PathBuf> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "png"))
            .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(&name))
            .collect();
        assert!(!pages.is_empty());
        for page in pages {
            let pixmap = resvg::tiny_skia::Pixmap::load_png(&page).unwrap();
            let inked = pixmap
                .pixels()
                .iter()
                .filter(|p| p.red() < 200 || p.blue() < 200)
                .count();
            assert!(inked > 500, "{} looks blank", page.display());
        }
    }
}

#[test]
fn svg_parses_and_holds_every_milestone_title_and_id() {
    let plan = multilingual();
    let text = export::svg::write(&plan, &Analysis::of(&plan), &options());
    let tree = usvg::Tree::from_str(&text, &usvg::Options::default()).unwrap();
    assert!(tree.size().width() > 100.0);
    for m in &plan.milestones {
        assert!(text.contains(&m.title), "{}", m.title);
        assert!(text.contains(&format!("data-id=\"{}\"", m.id)), "{}", m.id);
    }
    for inv in &plan.investments {
        assert!(
            text.contains(&format!("data-id=\"{}\"", inv.id)),
            "{}",
            inv.id
        );
    }
}

#[test]
fn png_decodes_at_the_scene_size_times_the_scale() {
    let plan = multilingual();
    let mut opts = options();
    opts.scale = 2.0;
    let out = export::png::render(&plan, &Analysis::of(&plan), &opts).unwrap();
    assert!(out.report.warnings.is_empty(), "{:?}", out.report.warnings);
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&out.bytes).unwrap();
    let scene = layout::layout(
        &plan,
        Analysis::of(&plan).spans(),
        &opts.chart_view(&plan, &Analysis::of(&plan)),
    );
    assert_eq!(pixmap.width(), (scene.width * 2.0).ceil() as u32);
    assert_eq!(pixmap.height(), (scene.height * 2.0).ceil() as u32);
}

#[test]
fn the_last_rows_of_a_5000_row_png_are_drawn() {
    let plan = tall_plan(5000);
    let opts = options();
    let scene = layout::layout(
        &plan,
        Analysis::of(&plan).spans(),
        &opts.chart_view(&plan, &Analysis::of(&plan)),
    );
    let last = scene
        .items
        .iter()
        .filter_map(|i| match (&i.shape, &i.tag) {
            (Shape::Rect { rect, .. }, Tag::Investment(_)) => Some(*rect),
            _ => None,
        })
        .max_by(|a, b| a.y.total_cmp(&b.y))
        .unwrap();
    assert!(
        last.y > 5000.0 * 20.0,
        "5,000 rows stack, the last at {}",
        last.y
    );
    let out = export::png::render(&plan, &Analysis::of(&plan), &opts).unwrap();
    assert!(out.report.warnings.is_empty(), "{:?}", out.report.warnings);
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&out.bytes).unwrap();
    let colour = plan.layers[0].colour;
    let x = (last.x + last.w / 2.0) as u32;
    let y = (last.y + last.h / 2.0) as u32;
    let p = pixmap.pixel(x, y).unwrap();
    assert_eq!(
        (p.red(), p.green(), p.blue()),
        (colour.r, colour.g, colour.b),
        "last bar at {x},{y}"
    );
}

#[test]
fn write_file_chooses_the_format_by_extension() {
    let plan = stackplan::io::example_plan().unwrap();
    let dir = temp_dir();
    for ext in ["pdf", "svg", "png"] {
        let path = dir.path().join(format!("out.{ext}"));
        export::write_file(&plan, &Analysis::of(&plan), &path, &options()).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let magic: &[u8] = match ext {
            "pdf" => b"%PDF",
            "svg" => b"<svg",
            _ => b"\x89PNG",
        };
        assert!(bytes.starts_with(magic), "{ext}");
    }
    let err = export::write_file(
        &plan,
        &Analysis::of(&plan),
        &dir.path().join("out.docx"),
        &options(),
    )
    .unwrap_err();
    assert!(err.to_string().contains(".pdf"), "{err}");
}

#[test]
fn missing_glyphs_warn_but_do_not_fail() {
    let mut plan = stackplan::io::example_plan().unwrap();
    plan.milestones[0].title = "Private use \u{E000}\u{E001} glyphs".into();
    let out = export::pdf::render(&plan, &Analysis::of(&plan), &options()).unwrap();
    assert!(out.bytes.starts_with(b"%PDF"));
    assert!(
        out.report.warnings.iter().any(|w| w.contains('\u{E000}')),
        "{:?}",
        out.report.warnings
    );
}

/// The PNG draws what resvg draws from the same SVG (it takes shortcuts for thin lines):
/// almost no pixel differs by more than anti-aliasing does, at either scale.
#[test]
fn png_matches_resvg_drawing_the_same_svg() {
    let plan = stackplan::io::example_plan().unwrap();
    for scale in [1.0f32, 2.0] {
        let options = ExportOptions {
            scale,
            date: Some("2026-11-25".into()),
            ..ExportOptions::default()
        };
        let ours = export::png::render(&plan, &Analysis::of(&plan), &options).unwrap();
        assert!(
            ours.report.warnings.is_empty(),
            "{:?}",
            ours.report.warnings
        );
        let ours = resvg::tiny_skia::Pixmap::decode_png(&ours.bytes).unwrap();
        let scene = layout::layout(
            &plan,
            Analysis::of(&plan).spans(),
            &options.chart_view(&plan, &Analysis::of(&plan)),
        );
        let text = export::svg::scene_to_svg(&scene, &plan);
        let tree = usvg::Tree::from_str(
            &text,
            &usvg::Options {
                fontdb: std::sync::Arc::new(export::png::font_database()),
                ..usvg::Options::default()
            },
        )
        .unwrap();
        let mut reference = resvg::tiny_skia::Pixmap::new(ours.width(), ours.height()).unwrap();
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::from_scale(scale, scale),
            &mut reference.as_mut(),
        );
        let far_off = ours
            .data()
            .chunks_exact(4)
            .zip(reference.data().chunks_exact(4))
            .filter(|(a, b)| a.iter().zip(b.iter()).any(|(x, y)| x.abs_diff(*y) > 120))
            .count();
        assert!(
            far_off < 200,
            "scale {scale}: {far_off} pixels differ from resvg's drawing"
        );
    }
}

/// The example plan of ten years.
fn sovereign_stack() -> Roadmap {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmaps/sovereign-stack-2035.ron");
    stackplan::io::load_path(&path).unwrap()
}

/// The text of each page of `pdf`, laid out as on the page.
fn page_texts(pdf: &Path) -> Vec<String> {
    let text = common::pdf_layout_text(pdf);
    text.split('\u{c}').map(str::to_owned).collect()
}

/// The time span in a chart page's header caption ("2026-01 – 2030-12"), if it is one.
fn caption_span(page: &str) -> Option<(Month, Month)> {
    if page.lines().take(3).any(|l| l.contains("Report")) {
        return None;
    }
    let line = page.lines().take(4).find(|l| l.contains(" – "))?;
    let (left, right) = line.split_once(" – ")?;
    let from = left.trim_end().rsplit(' ').next()?.parse().ok()?;
    let to = right.trim_start().get(..7)?.parse().ok()?;
    Some((from, to))
}

#[test]
fn the_ten_year_chart_is_tiled_in_equal_time_spans() {
    let plan = sovereign_stack();
    let dir = temp_dir();
    let pdf = dir.path().join("plan.pdf");
    export::write_file(&plan, &Analysis::of(&plan), &pdf, &options()).unwrap();
    let mut spans: Vec<(Month, Month)> = page_texts(&pdf)
        .iter()
        .filter_map(|p| caption_span(p))
        .collect();
    spans.dedup();
    assert!(
        spans.len() >= 2,
        "ten years do not fit one A4 page: {spans:?}"
    );
    let lengths: Vec<i32> = spans.iter().map(|(a, b)| a.months_until(*b) + 1).collect();
    assert!(
        lengths.iter().all(|&n| n == lengths[0]),
        "every tile spans the same months: {spans:?}"
    );
    assert_eq!(spans[0].0, plan.horizon.start);
    assert_eq!(spans.last().unwrap().1, plan.horizon.end);
    for pair in spans.windows(2) {
        assert_eq!(pair[0].1.plus(1), pair[1].0, "tiles follow each other");
    }
}

#[test]
fn chart_pages_share_time_equally_and_cut_a_lane_only_when_it_is_taller_than_a_page() {
    let plan = sovereign_stack();
    for (w, h) in [(841.89, 595.28), (595.28, 841.89), (612.0, 792.0)] {
        let setup = layout::page::PageSetup::new(&plan, w, h);
        let tiles = layout::page::chart_tiles(
            &plan,
            &stackplan::analysis::dependency_spans(&plan),
            plan.horizon.start,
            plan.horizon.end,
            &setup,
            None,
        );
        let room = tiles.iter().map(|t| t.bottom - t.top).fold(0.0, f32::max);
        let months: Vec<i32> = tiles
            .iter()
            .map(|t| t.from.months_until(t.to) + 1)
            .collect();
        assert!(
            months.iter().all(|&m| m == months[0]),
            "equal time tiles on {w}×{h}: {months:?}"
        );
        for tile in &tiles {
            for lane in &tile.scene.bands {
                let cut = |y: f32| lane.top + 0.5 < y && y < lane.bottom - 0.5;
                if cut(tile.top) || cut(tile.bottom) {
                    assert!(
                        lane.bottom - lane.top > room,
                        "{:?} ({} units) is cut on a page with room for {room} ({w}×{h})",
                        lane.layer,
                        lane.bottom - lane.top
                    );
                }
            }
        }
    }
}

/// Amounts of a budget table row in tenths of a million ("1,234.5" → 12345).
fn tenths(cell: &str) -> Option<u64> {
    let (whole, tenth) = cell.split_once('.')?;
    let whole: u64 = whole.replace(',', "").parse().ok()?;
    let tenth: u64 = tenth.parse().ok().filter(|t| *t < 10)?;
    Some(whole * 10 + tenth)
}

#[test]
fn the_budget_table_adds_up_to_the_budgets_typed() {
    let plan = sovereign_stack();
    let dir = temp_dir();
    let pdf = dir.path().join("plan.pdf");
    export::write_file(&plan, &Analysis::of(&plan), &pdf, &options()).unwrap();
    let pages = page_texts(&pdf);
    let page = pages
        .iter()
        .find(|p| p.contains("Budget per layer per year"))
        .expect("a budget page");
    assert!(page.contains("Budget per layer per year (EUR million)"));
    let lines: Vec<&str> = page
        .lines()
        .skip_while(|l| !l.contains("Budget per layer per year"))
        .collect();
    let head: Vec<&str> = lines
        .iter()
        .find(|l| l.trim_start().starts_with("Layer"))
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(head.last(), Some(&"Total"), "{head:?}");
    let years = head.len() - 2;
    assert_eq!(years, 10);
    let mut rows: Vec<(String, Vec<u64>)> = Vec::new();
    for line in &lines {
        let words: Vec<&str> = line.split_whitespace().collect();
        let amounts: Vec<u64> = words.iter().filter_map(|w| tenths(w)).collect();
        if amounts.len() == years + 1 {
            let name = words[..words.len() - amounts.len()].join(" ");
            rows.push((name, amounts));
        }
        if line.trim_start().starts_with("All layers") {
            break;
        }
    }
    let (all, layers) = rows.split_last().unwrap();
    assert_eq!(all.0, "All layers");
    assert_eq!(layers.len(), plan.layers.len());
    for (name, cells) in layers {
        let layer = plan.layers.iter().find(|l| &l.name == name).unwrap();
        let typed: u64 = plan
            .investments
            .iter()
            .filter(|i| i.layer == layer.id)
            .map(|i| i.budget)
            .sum();
        let (total, by_year) = cells.split_last().unwrap();
        assert_eq!(by_year.iter().sum::<u64>(), *total, "{name}: years add up");
        assert_eq!(
            *total * 100_000,
            typed,
            "{name}: the total is the budget typed"
        );
    }
    for column in 0..=years {
        let sum: u64 = layers.iter().map(|(_, c)| c[column]).sum();
        assert_eq!(all.1[column], sum, "column {column} adds up");
    }
    let typed: u64 = plan.investments.iter().map(|i| i.budget).sum();
    assert_eq!(all.1[years] * 100_000, typed);
}

#[test]
fn checks_in_the_pdf_are_sentences_without_compiler_codes() {
    let mut plan = sovereign_stack();
    plan.investments[0].end = plan.investments[0].start.plus(-2);
    let dir = temp_dir();
    let pdf = dir.path().join("plan.pdf");
    export::write_file(&plan, &Analysis::of(&plan), &pdf, &options()).unwrap();
    let text = pdftotext(&pdf);
    let checks = text.split("Open checks").nth(1).expect("a checks section");
    assert!(checks.contains("Error"), "{checks}");
    for code in ["error[", "warning[", "info["] {
        assert!(!text.contains(code), "{code} in the PDF:\n{checks}");
    }
}
