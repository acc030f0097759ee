//! The `stackplan` command: argument parsing and start-up only.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use stackplan::analysis::sovereignty::Cutoff;
use stackplan::assess::{self, OutputFormat};
use stackplan::cli;
use stackplan::export::diff::DiffFormat;
use stackplan::export::{ExportOptions, PageSize};
use stackplan::model::Month;

/// Stackplan: plan national AI sovereignty, layer by layer.
#[derive(Parser)]
#[command(
    version,
    args_conflicts_with_subcommands = true,
    after_help = "Examples:
  stackplan                                   open the editor on the bundled example plan
  stackplan roadmaps/sovereign-stack-2035.ron open a plan in the editor
  stackplan check roadmaps/*.ron              print the checks of each plan
  stackplan fmt --check roadmaps/*.ron        report files not in canonical form
  stackplan export plan.ron -o plan.pdf        chart and report pages, A4 landscape
  stackplan export plan.ron -o plan.pdf --page a3 --from 2026-01 --to 2030-12
  stackplan export plan.ron -o chart.svg       (or chart.png, --scale 2)
  stackplan export plan.ron -o plan.pdf --shock-jurisdiction US --shock-at 2027-06
                                              mark a cut-off on the chart, summarised on page 1
  stackplan export plan.ron -o handout.pdf --stops  one page per presentation stop
  stackplan export b.ron --stops --compare a.ron -o handout.pdf  and a last page: both paths
  stackplan export plan.ron -o out.csv        write out-investments.csv, out-milestones.csv, …
  stackplan export a.ron --compare b.ron -o paths.pdf  the two paths side by side
  stackplan a.ron --compare b.ron             open a.ron in the editor, compared with b.ron
  stackplan assess plan.ron --at 2030-01      weakest links, jurisdictions, framework score
  stackplan shock plan.ron --jurisdiction US --at 2027-06 --format json
  stackplan merge base.ron ours.ron theirs.ron   three-way merge into ours.ron (exit 1: conflicts)
  stackplan merge --install                   make git merge and diff *.ron plans with stackplan
  stackplan diff old.ron new.ron              what differs and what it means (exit 1 if they differ)
  stackplan diff a.ron b.ron --format markdown (or json; --at 2030-01 adds a date)
  stackplan export plan.ron -o plan.xlsx      a workbook: investments, milestones, budget, …
  stackplan import schedule.xml -o plan.ron   from MS Project XML (.gan, .xlsx, .ods, .csv too)
  stackplan import register.xlsx -o plan.ron --sheet Projects --column layer=Programme"
)]
struct Args {
    /// Plan to open in the editor (the bundled example when omitted).
    file: Option<PathBuf>,
    /// Open the editor comparing the plan with this one (ghosts, Compare panel).
    #[arg(long, value_name = "B.ron")]
    compare: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Print the checks of each plan; exit 1 if any has errors, 2 if one cannot be read.
    Check {
        /// Plans to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Rewrite plans in the canonical form (fixed field order, one item per group).
    Fmt {
        /// Only report files that would change (exit 1 if any).
        #[arg(long)]
        check: bool,
        /// Plans to format.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Export a plan; the format follows the output's extension (.pdf, .svg, .png, .csv, .xlsx).
    Export {
        /// The plan to export.
        file: PathBuf,
        /// Output file.
        #[arg(short, long)]
        output: PathBuf,
        /// PDF paper size: a4, a3 or letter.
        #[arg(long, default_value = "a4")]
        page: PageSize,
        /// Portrait pages instead of landscape.
        #[arg(long, conflicts_with = "landscape")]
        portrait: bool,
        /// Landscape pages (the default).
        #[arg(long)]
        landscape: bool,
        /// First month shown, e.g. 2026-01 (default: the plan's horizon start).
        #[arg(long)]
        from: Option<Month>,
        /// Last month shown, e.g. 2030-12 (default: the plan's horizon end).
        #[arg(long)]
        to: Option<Month>,
        /// PNG pixels per point.
        #[arg(long, default_value_t = 2.0)]
        scale: f32,
        /// Write a handout PDF instead: one page per presentation stop (with --compare, a
        /// last page compares the two paths).
        #[arg(long)]
        stops: bool,
        /// Write a comparison report PDF of this plan (A) and another (B) instead.
        #[arg(long, value_name = "B.ron")]
        compare: Option<PathBuf>,
        /// Mark a cut-off on the chart: this jurisdiction stops access at --shock-at (the PDF
        /// summary says what it cuts and for how long).
        #[arg(long, value_name = "J", requires = "shock_at", conflicts_with_all = ["shock_controller", "compare"])]
        shock_jurisdiction: Option<String>,
        /// Mark a cut-off on the chart: this controller (vendor, country) stops access.
        #[arg(
            long,
            value_name = "C",
            requires = "shock_at",
            conflicts_with = "compare"
        )]
        shock_controller: Option<String>,
        /// The month of the cut-off, e.g. 2027-06.
        #[arg(long, value_name = "YYYY-MM")]
        shock_at: Option<Month>,
    },
    /// Sovereignty at a month: weakest link per layer, exposure by jurisdiction, framework score.
    Assess {
        /// The plan to assess.
        file: PathBuf,
        /// The month, e.g. 2030-01 (default: this month, within the plan's horizon).
        #[arg(long)]
        at: Option<Month>,
        /// Output: text or json.
        #[arg(long, default_value = "text")]
        format: OutputFormat,
    },
    /// What a cut-off does: a jurisdiction or a controller stops access at a month.
    #[command(group(clap::ArgGroup::new("who").required(true).args(["jurisdiction", "controller"])))]
    Shock {
        /// The plan.
        file: PathBuf,
        /// The jurisdiction that cuts access, e.g. US.
        #[arg(long)]
        jurisdiction: Option<String>,
        /// The controller (vendor, country) that cuts access.
        #[arg(long)]
        controller: Option<String>,
        /// The month access is cut, e.g. 2027-06.
        #[arg(long)]
        at: Month,
        /// Output: text or json.
        #[arg(long, default_value = "text")]
        format: OutputFormat,
    },
    /// Three-way merge of plans, as git's merge driver: items matched by id, fields merged one
    /// by one; conflicts are kept in the plan. Exit 0 clean, 1 conflicts, 2 unreadable.
    Merge {
        /// BASE OURS THEIRS: the common ancestor and the two versions (git's %O %A %B).
        #[arg(num_args = 3, required_unless_present = "install")]
        files: Vec<PathBuf>,
        /// Where to write the merged plan (default: OURS, as git expects).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Make git merge and diff *.ron plans with stackplan in the current repository.
        #[arg(long, conflicts_with_all = ["files", "output"])]
        install: bool,
    },
    /// Compare two plans: retirements, trades, exposure, budget, moved milestones, then every
    /// item added, removed or changed. Exit 0 same, 1 different, 2 unreadable.
    Diff {
        /// The two plans, A then B (or the seven arguments git passes an external diff).
        #[arg(required = true, num_args = 2..=7)]
        files: Vec<PathBuf>,
        /// Output: text, markdown or json.
        #[arg(long, default_value = "text")]
        format: DiffFormat,
        /// A month at which to compare exposure (repeatable; default: each January).
        #[arg(long)]
        at: Vec<Month>,
    },
    /// Make a plan from MS Project XML, GanttProject (.gan), a spreadsheet (.xlsx, .xls,
    /// .ods) or CSV; prints what was read, approximated and skipped.
    Import {
        /// The file to read; its extension names the format.
        file: PathBuf,
        /// The plan to write (.ron).
        #[arg(short, long)]
        output: PathBuf,
        /// The sheet of a workbook to read (default: the first with a header row).
        #[arg(long)]
        sheet: Option<String>,
        /// The row number of the header (default: found by itself).
        #[arg(long)]
        header_row: Option<usize>,
        /// Which header holds what, e.g. `--column layer=Programme` (`--column start=` for
        /// none); columns not given are recognised from their names.
        #[arg(long = "column", value_name = "WHAT=HEADER", value_parser = cli::column_choice)]
        columns: Vec<(stackplan::import::Column, String)>,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    let (mut out, mut err) = (std::io::stdout(), std::io::stderr());
    let code = match args.command {
        Some(Command::Check { files }) => cli::check(&files, &mut out, &mut err),
        Some(Command::Fmt { check, files }) => cli::fmt(&files, check, &mut out, &mut err),
        Some(Command::Export {
            file,
            output,
            page,
            portrait,
            landscape: _,
            from,
            to,
            scale,
            stops,
            compare,
            shock_jurisdiction,
            shock_controller,
            shock_at,
        }) => {
            let cutoff = shock_jurisdiction
                .map(Cutoff::Jurisdiction)
                .or(shock_controller.map(Cutoff::Controller));
            let options = ExportOptions {
                page,
                landscape: !portrait,
                from,
                to,
                scale,
                shock: cutoff.zip(shock_at),
                ..ExportOptions::default()
            };
            if stops {
                let other = compare.as_deref();
                cli::export_handout(&file, other, &output, &options, &mut out, &mut err)
            } else if let Some(other) = compare {
                cli::export_comparison(&file, &other, &output, &options, &mut out, &mut err)
            } else {
                cli::export(&file, &output, &options, &mut out, &mut err)
            }
        }
        Some(Command::Import {
            file,
            output,
            sheet,
            header_row,
            columns,
        }) => {
            let options = stackplan::import::ImportOptions {
                sheet,
                header_row,
                mapping: stackplan::import::ColumnMapping { chosen: columns },
            };
            cli::import(&file, &output, &options, &mut out, &mut err)
        }
        Some(Command::Assess { file, at, format }) => {
            assess::assess(&file, at, format, &mut out, &mut err)
        }
        Some(Command::Shock {
            file,
            jurisdiction,
            controller,
            at,
            format,
        }) => {
            let cutoff = match (jurisdiction, controller) {
                (Some(j), _) => Cutoff::Jurisdiction(j),
                (None, c) => Cutoff::Controller(c.unwrap_or_default()),
            };
            assess::shock(&file, &cutoff, at, format, &mut out, &mut err)
        }
        Some(Command::Merge {
            files,
            output,
            install,
        }) => match files.as_slice() {
            _ if install => stackplan::merge_driver::install(&mut out, &mut err),
            [base, ours, theirs] => stackplan::merge_driver::merge_files(
                base,
                ours,
                theirs,
                output.as_deref(),
                &mut out,
                &mut err,
            ),
            _ => cli::UNREADABLE,
        },
        Some(Command::Diff { files, format, at }) => {
            cli::diff(&files, format, &at, &mut out, &mut err)
        }
        None => cli::open_editor(args.file, args.compare, &mut err),
    };
    ExitCode::from(code)
}
