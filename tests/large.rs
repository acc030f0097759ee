//! A plan of 200,000 items saves, loads back and is analysed within bounded memory.
//!
//! Its own test binary, so that the peak memory it measures is its own.

use stackplan::analysis::{Analysis, Severity};
use stackplan::generate::large_plan;
use stackplan::io::{load_bytes, to_ron};

/// Peak resident memory of this process so far, in bytes (Linux only).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[test]
fn a_plan_of_200_000_items_loads_and_is_analysed_within_bounded_memory() {
    let plan = large_plan(200_000, 7);
    assert!(plan.item_count() >= 200_000);
    let text = to_ron(&plan);
    drop(plan);
    let before = peak_memory();
    let loaded = load_bytes(text.as_bytes()).unwrap();
    assert!(loaded.item_count() >= 200_000);
    assert_eq!(to_ron(&loaded), text);
    let analysis = Analysis::of(&loaded);
    assert_eq!(analysis.count(Severity::Error), 0);
    assert_eq!(
        analysis.exposure_series().len(),
        loaded.horizon.months().count()
    );
    if let (Some(before), Some(after)) = (before, peak_memory()) {
        let grown = after.saturating_sub(before);
        eprintln!(
            "{} items, {} MB of text; peak memory grew by {} MB while loading and analysing",
            loaded.item_count(),
            text.len() / 1_000_000,
            grown / 1_000_000
        );
        assert!(
            grown < 8 * text.len() as u64,
            "loading {} MB took {} MB",
            text.len() / 1_000_000,
            grown / 1_000_000
        );
    }
}
