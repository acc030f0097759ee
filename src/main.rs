//! The `stackplan` command: argument parsing and start-up only.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use stackplan::cli;
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
  stackplan export plan.ron -o handout.pdf --stops  one page per presentation stop
  stackplan export plan.ron -o out.csv        write out-investments.csv, out-milestones.csv, …
  stackplan export plan.ron -o plan.xlsx      a workbook: investments, milestones, budget, …
  stackplan import schedule.xml -o plan.ron   from MS Project XML (.gan, .xlsx, .ods, .csv too)
  stackplan import register.xlsx -o plan.ron --sheet Projects --column layer=Programme"
)]
struct Args {
    /// Plan to open in the editor (the bundled example when omitted).
    file: Option<PathBuf>,
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
        /// Write a handout PDF instead: one page per presentation stop.
        #[arg(long)]
        stops: bool,
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
        }) => {
            let options = ExportOptions {
                page,
                landscape: !portrait,
                from,
                to,
                scale,
                ..ExportOptions::default()
            };
            if stops {
                cli::export_handout(&file, &output, &options, &mut out, &mut err)
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
        None => cli::open_editor(args.file, &mut err),
    };
    ExitCode::from(code)
}
