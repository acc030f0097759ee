//! Every speed budget of DESIGN.md "Scale and speed" (and the export budgets of the exports
//! issue) in one table, on generated plans of 1,000, 5,000 and 10,000 items:
//!
//!     cargo bench --bench budgets
//!
//! Exports are timed as the whole `stackplan export` command, start-up and file write included.
//! Each cell is the median of several runs. A budget holds when it is met at the size the
//! design states it for (10,000 items; SVG and PNG: 5,000 rows); the other sizes are shown.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use stackplan::analysis::Analysis;
use stackplan::generate::large_plan;
use stackplan::ui::{DataFolder, StackplanApp};

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
    // `cargo bench` passes `--bench`; any other argument filters nothing here.
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
    for budget in &budgets {
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
