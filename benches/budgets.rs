//! Every speed budget of DESIGN.md "Scale and speed" (and the export budgets of the exports
//! issue) in one table, on generated plans of 1,000, 5,000 and 10,000 items:
//!
//!     cargo bench --bench budgets
//!     cargo bench --bench budgets -- frame      (only the budgets whose name has "frame")
//!
//! Exports are timed as the whole `stackplan export` command, start-up and file write included.
//! Each cell is the median of several runs. A budget holds when it is met at the size the
//! design states it for (10,000 items; SVG and PNG: 5,000 rows); the other sizes are shown.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use stackplan::analysis::Analysis;
use stackplan::generate::large_plan;
use stackplan::model::ItemKind;
use stackplan::ui::{DataFolder, Selection, StackplanApp};

const SIZES: [usize; 3] = [1_000, 5_000, 10_000];
const SEED: u64 = 7;

/// One budget: what is measured, its limit, and how to measure it on a plan file.
struct Budget {
    name: &'static str,
    limit: Duration,
    /// The plan size the budget is stated for.
    at: usize,
    runs: usize,
    measure: fn(&Path) -> Duration,
}

fn main() {
    // `cargo bench` passes `--bench`; other arguments keep only the budgets whose name
    // contains one of them (`cargo bench --bench budgets -- frame`).
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let dir = tempfile::tempdir().expect("temporary folder");
    let plans: Vec<_> = SIZES
        .iter()
        .map(|&items| {
            let path = dir.path().join(format!("plan-{items}.ron"));
            stackplan::io::save_path(&large_plan(items, SEED), &path).expect("write plan");
            path
        })
        .collect();
    let budgets = [
        Budget {
            name: "load + analyse",
            at: 10_000,
            limit: Duration::from_millis(100),
            runs: 9,
            measure: load_and_analyse,
        },
        Budget {
            name: "editor frame at zoom-to-fit",
            at: 10_000,
            limit: Duration::from_millis(8),
            runs: 1,
            measure: editor_frame,
        },
        Budget {
            name: "editor frame, dragging a bar",
            at: 10_000,
            limit: Duration::from_millis(8),
            runs: 1,
            measure: dragging_frame,
        },
        Budget {
            name: "editor frame, typing a title",
            at: 10_000,
            limit: Duration::from_millis(8),
            runs: 1,
            measure: typing_frame,
        },
        Budget {
            name: "editor frame, arrow-key nudge",
            at: 10_000,
            limit: Duration::from_millis(8),
            runs: 1,
            measure: nudging_frame,
        },
        Budget {
            name: "editor frame, undo and redo",
            at: 10_000,
            limit: Duration::from_millis(8),
            runs: 1,
            measure: undoing_frame,
        },
        Budget {
            name: "`stackplan diff`, 100 changes",
            at: 10_000,
            limit: Duration::from_millis(150),
            runs: 7,
            measure: diff_command,
        },
        Budget {
            name: "`stackplan merge`, 3 plans",
            at: 10_000,
            limit: Duration::from_millis(200),
            runs: 7,
            measure: merge_command,
        },
        Budget {
            name: "comparison view frame at fit",
            at: 10_000,
            limit: Duration::from_millis(8),
            runs: 1,
            measure: comparing_frame,
        },
        Budget {
            name: "`stackplan assess`",
            at: 10_000,
            limit: Duration::from_millis(100),
            runs: 9,
            measure: |p| sovereignty_command(p, &["assess", "--at", "2030-01"]),
        },
        Budget {
            name: "`stackplan shock`",
            at: 10_000,
            limit: Duration::from_millis(100),
            runs: 9,
            measure: |p| {
                sovereignty_command(p, &["shock", "--jurisdiction", "US", "--at", "2028-01"])
            },
        },
        Budget {
            name: "sovereignty view frame, US shock",
            at: 10_000,
            limit: Duration::from_millis(8),
            runs: 1,
            measure: sovereignty_frame,
        },
        Budget {
            name: "`stackplan export` to PDF",
            at: 10_000,
            limit: Duration::from_secs(2),
            runs: 3,
            measure: |p| export_command(p, "pdf"),
        },
        Budget {
            name: "`stackplan export` to SVG",
            at: 5_000,
            limit: Duration::from_millis(100),
            runs: 5,
            measure: |p| export_command(p, "svg"),
        },
        Budget {
            name: "`stackplan export` to PNG",
            at: 5_000,
            limit: Duration::from_secs(2),
            runs: 3,
            measure: |p| export_command(p, "png"),
        },
    ];
    println!(
        "\n{:<30} {:>8} {:>7} {:>12} {:>12} {:>12}  holds",
        "budget", "limit", "at", "1,000 items", "5,000 items", "10,000 items"
    );
    let mut all_hold = true;
    let chosen = budgets
        .iter()
        .filter(|b| filters.is_empty() || filters.iter().any(|f| b.name.contains(f.as_str())));
    for budget in chosen {
        let times: Vec<Duration> = plans
            .iter()
            .map(|plan| median((0..budget.runs).map(|_| (budget.measure)(plan)).collect()))
            .collect();
        let stated = SIZES
            .iter()
            .position(|&n| n == budget.at)
            .unwrap_or(SIZES.len() - 1);
        let holds = times[stated] <= budget.limit;
        all_hold &= holds;
        println!(
            "{:<30} {:>8} {:>7} {:>12} {:>12} {:>12}  {}",
            budget.name,
            show(budget.limit),
            budget.at,
            show(times[0]),
            show(times[1]),
            show(times[2]),
            if holds { "yes" } else { "NO" }
        );
    }
    println!(
        "\n{}",
        if all_hold {
            "every budget holds"
        } else {
            "some budgets do not hold"
        }
    );
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn show(t: Duration) -> String {
    let ms = t.as_secs_f64() * 1000.0;
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else {
        format!("{ms:.1} ms")
    }
}

fn load_and_analyse(path: &Path) -> Duration {
    let start = Instant::now();
    let plan = stackplan::io::load_path(path).expect("load plan");
    std::hint::black_box(Analysis::of(&plan));
    start.elapsed()
}

/// The median of 20 editor frames (egui run and tessellate, no GPU) at zoom-to-fit on a
/// 1440 × 900 window, after three frames that fit the view and lay the plan out.
fn editor_frame(path: &Path) -> Duration {
    let plan = stackplan::io::load_path(path).expect("load plan");
    let data = tempfile::tempdir().expect("temporary data folder");
    frames(StackplanApp::with_plan(plan, DataFolder::at(data.path())))
}

/// An editor on the plan in `path`, zoomed to 12 points a month, with the earliest investment
/// of the first lane selected (it is in the lane's top row, on screen).
fn zoomed_editor(path: &Path, data: &Path) -> (StackplanApp, String) {
    let plan = stackplan::io::load_path(path).expect("load plan");
    let first = plan
        .investments
        .iter()
        .filter(|i| i.layer == plan.layers[0].id)
        .min_by_key(|i| i.start)
        .expect("an investment in the first lane")
        .clone();
    let mut app = StackplanApp::with_plan(plan, DataFolder::at(data));
    let view = app.view_mut();
    view.fit_pending = false;
    view.points_per_month = 12.0;
    view.first_month = first.start.index() as f32 - 2.0;
    app.select(Some(Selection::new(ItemKind::Investment, &first.id)));
    (app, first.title.clone())
}

/// One editor frame on a 1440 × 900 window with `events` as its input; its duration and the
/// clip rectangles of the text `find` wherever it was painted, narrowest first (the canvas
/// clips a bar's title to the bar; the inspector's title field is wider).
fn timed_frame(
    ctx: &egui::Context,
    app: &mut StackplanApp,
    events: Vec<egui::Event>,
    find: Option<&str>,
) -> (Duration, Vec<egui::Rect>) {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1440.0, 900.0),
        )),
        events,
        ..Default::default()
    };
    let start = Instant::now();
    let mut output = ctx.run_ui(input, |ui| app.show(ui));
    output.textures_delta.clear();
    let mut found: Vec<egui::Rect> = find.map_or_else(Vec::new, |text| {
        output
            .shapes
            .iter()
            .filter(|c| matches!(&c.shape, egui::Shape::Text(t) if t.galley.text() == text))
            .map(|c| c.clip_rect)
            .collect()
    });
    found.sort_by(|a, b| a.width().total_cmp(&b.width()));
    std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
    (start.elapsed(), found)
}

/// Frames of a drag that moves the first investment's bar a month a step, 20 steps.
fn dragging_frame(path: &Path) -> Duration {
    let data = tempfile::tempdir().expect("temporary data folder");
    let (mut app, title) = zoomed_editor(path, data.path());
    let ctx = egui::Context::default();
    let mut bar = Vec::new();
    for _ in 0..3 {
        bar = timed_frame(&ctx, &mut app, vec![], Some(&title)).1;
    }
    let from = bar.first().expect("the bar's title is painted").center();
    timed_frame(&ctx, &mut app, vec![pointer(from, None)], None);
    timed_frame(&ctx, &mut app, vec![pointer(from, Some(true))], None);
    let times = (1..=20)
        .map(|k| {
            let at = from + egui::vec2(12.0 * k as f32, 0.0);
            timed_frame(&ctx, &mut app, vec![pointer(at, None)], None).0
        })
        .collect();
    let end = from + egui::vec2(240.0, 0.0);
    timed_frame(&ctx, &mut app, vec![pointer(end, Some(false))], None);
    assert!(
        app.document().undo_label().is_some(),
        "the drag moved the bar"
    );
    median(times)
}

/// A pointer event: a move (`None`), or the primary button pressed or released there.
fn pointer(pos: egui::Pos2, pressed: Option<bool>) -> egui::Event {
    match pressed {
        None => egui::Event::PointerMoved(pos),
        Some(pressed) => egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        },
    }
}

/// Frames while typing into the selected investment's title in the inspector (clicked
/// first), a letter a frame.
fn typing_frame(path: &Path) -> Duration {
    let data = tempfile::tempdir().expect("temporary data folder");
    let (mut app, title) = zoomed_editor(path, data.path());
    let ctx = egui::Context::default();
    let mut shown = Vec::new();
    for _ in 0..3 {
        shown = timed_frame(&ctx, &mut app, vec![], Some(&title)).1;
    }
    // The inspector is right of the canvas.
    let field = shown
        .iter()
        .max_by(|a, b| a.min.x.total_cmp(&b.min.x))
        .expect("the inspector shows the title")
        .center();
    timed_frame(&ctx, &mut app, vec![pointer(field, None)], None);
    timed_frame(&ctx, &mut app, vec![pointer(field, Some(true))], None);
    timed_frame(&ctx, &mut app, vec![pointer(field, Some(false))], None);
    assert!(
        ctx.text_edit_focused(),
        "the click put the keyboard in the title"
    );
    let times = (0..20)
        .map(|_| timed_frame(&ctx, &mut app, vec![egui::Event::Text("x".into())], None).0)
        .collect();
    assert!(
        app.document().undo_label().is_some(),
        "typing changed the title"
    );
    median(times)
}

/// Frames that each move the selected investment a month with the arrow keys.
fn nudging_frame(path: &Path) -> Duration {
    let data = tempfile::tempdir().expect("temporary data folder");
    let (mut app, _) = zoomed_editor(path, data.path());
    let ctx = egui::Context::default();
    for _ in 0..3 {
        timed_frame(&ctx, &mut app, vec![], None);
    }
    let times = (0..20)
        .map(|k| {
            let command = if k % 2 == 0 {
                stackplan::ui::Command::NudgeLater
            } else {
                stackplan::ui::Command::NudgeEarlier
            };
            timed_command(&ctx, &mut app, command)
        })
        .collect();
    median(times)
}

/// A command as a shortcut runs it, and the frame that shows it: what the user waits for
/// (frames back to back, as when a held key outruns the frames).
fn timed_command(
    ctx: &egui::Context,
    app: &mut StackplanApp,
    command: stackplan::ui::Command,
) -> Duration {
    let start = Instant::now();
    app.run(command);
    start.elapsed() + timed_frame(ctx, app, vec![], None).0
}

/// Frames that each undo or redo a move of the selected investment.
fn undoing_frame(path: &Path) -> Duration {
    let data = tempfile::tempdir().expect("temporary data folder");
    let (mut app, _) = zoomed_editor(path, data.path());
    let ctx = egui::Context::default();
    app.run(stackplan::ui::Command::NudgeLater);
    for _ in 0..3 {
        timed_frame(&ctx, &mut app, vec![], None);
    }
    let times = (0..20)
        .map(|k| {
            let command = if k % 2 == 0 {
                stackplan::ui::Command::Undo
            } else {
                stackplan::ui::Command::Redo
            };
            timed_command(&ctx, &mut app, command)
        })
        .collect();
    median(times)
}

/// The plan beside `path` that differs from it in 100 items (written once).
fn edited_path(path: &Path) -> std::path::PathBuf {
    let edited = path.with_extension("edited.ron");
    if !edited.exists() {
        let plan = stackplan::io::load_path(path).expect("load plan");
        let other = stackplan::generate::edited_plan(&plan, 100, SEED);
        stackplan::io::save_path(&other, &edited).expect("write edited plan");
    }
    edited
}

/// The whole `stackplan diff` command on a plan and a copy with 100 changes.
fn diff_command(plan: &Path) -> Duration {
    let other = edited_path(plan);
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_stackplan"))
        .arg("diff")
        .arg(plan)
        .arg(&other)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run stackplan diff");
    let elapsed = start.elapsed();
    assert_eq!(status.code(), Some(1), "stackplan diff finds the changes");
    elapsed
}

/// The whole `stackplan merge` command: the plan as base, and two copies with 100 different
/// changes each as ours and theirs (written to a separate output).
fn merge_command(base: &Path) -> Duration {
    let ours = edited_path(base);
    let theirs = base.with_extension("theirs.ron");
    if !theirs.exists() {
        let plan = stackplan::io::load_path(base).expect("load plan");
        let other = stackplan::generate::edited_plan(&plan, 100, SEED + 1);
        stackplan::io::save_path(&other, &theirs).expect("write their plan");
    }
    let out = base.with_extension("merged.ron");
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_stackplan"))
        .arg("merge")
        .args([base, ours.as_path(), theirs.as_path()])
        .arg("-o")
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run stackplan merge");
    let elapsed = start.elapsed();
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "stackplan merge reads all three plans"
    );
    elapsed
}

/// Editor frames at zoom-to-fit while comparing the plan with a copy with 100 changes.
fn comparing_frame(path: &Path) -> Duration {
    let plan = stackplan::io::load_path(path).expect("load plan");
    let other = stackplan::io::load_path(&edited_path(path)).expect("load edited plan");
    let data = tempfile::tempdir().expect("temporary data folder");
    let mut app = StackplanApp::with_plan(plan, DataFolder::at(data.path()));
    app.compare_with(other, "the edited copy");
    frames(app)
}

/// The whole `stackplan assess` or `stackplan shock` command (`args` after the file go
/// after it, JSON out).
fn sovereignty_command(plan: &Path, args: &[&str]) -> Duration {
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_stackplan"))
        .arg(args[0])
        .arg(plan)
        .args(&args[1..])
        .args(["--format", "json"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run stackplan");
    let elapsed = start.elapsed();
    assert!(status.success(), "stackplan {} failed", args[0]);
    elapsed
}

/// Editor frames at zoom-to-fit with the Sovereignty tab shown (heatmap, shares) and a US
/// shock marked on the canvas at the time cursor.
fn sovereignty_frame(path: &Path) -> Duration {
    let plan = stackplan::io::load_path(path).expect("load plan");
    let data = tempfile::tempdir().expect("temporary data folder");
    let mut app = StackplanApp::with_plan(plan, DataFolder::at(data.path()));
    app.view_mut().cursor = "2028-01".parse().ok();
    let ctx = egui::Context::default();
    stackplan::ui::show_sovereignty(
        &ctx,
        Some(stackplan::analysis::sovereignty::Cutoff::Jurisdiction(
            "US".into(),
        )),
    );
    frames_in(app, ctx)
}

/// The median of 20 frames of `app` after three that fit the view and lay the plan out.
fn frames(app: StackplanApp) -> Duration {
    frames_in(app, egui::Context::default())
}

/// [`frames`] in a given egui context.
fn frames_in(mut app: StackplanApp, ctx: egui::Context) -> Duration {
    let mut frame = || {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1440.0, 900.0),
            )),
            ..Default::default()
        };
        let start = Instant::now();
        let mut output = ctx.run_ui(input, |ui| app.show(ui));
        output.textures_delta.clear();
        std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
        start.elapsed()
    };
    for _ in 0..3 {
        frame();
    }
    median((0..20).map(|_| frame()).collect())
}

fn export_command(plan: &Path, extension: &str) -> Duration {
    let out = plan.with_extension(extension);
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_stackplan"))
        .arg("export")
        .arg(plan)
        .arg("-o")
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run stackplan export");
    let elapsed = start.elapsed();
    assert!(status.success(), "stackplan export {extension} failed");
    elapsed
}
