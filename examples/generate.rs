//! Prints a generated plan as canonical RON: `cargo run --release --example generate -- 10000 [SEED]`.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: u64| args.get(i).map_or(Ok(default), |a| a.parse::<u64>());
    let (Ok(items), Ok(seed)) = (number(0, 10_000), number(1, 1)) else {
        eprintln!("usage: generate [ITEMS] [SEED]   (whole numbers; default 10000 1)");
        return ExitCode::from(2);
    };
    let plan = stackplan::generate::large_plan(usize::try_from(items).unwrap_or(usize::MAX), seed);
    let text = stackplan::io::to_ron(&plan);
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("generate: could not write the plan: {err}");
            ExitCode::FAILURE
        }
    }
}
