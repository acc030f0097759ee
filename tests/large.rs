//! A plan of 200,000 items saves and loads back within bounded memory.
//!
//! Its own test binary, so that the peak memory it measures is its own.

use stackplan::io::{example_plan, load_bytes, to_ron};
use stackplan::model::Roadmap;

/// The example plan, its items copied under fresh ids until it holds at least `items` items.
fn plan_of(items: usize) -> Roadmap {
    let base = example_plan().unwrap();
    let mut plan = base.clone();
    let suffix = |id: &str, k: usize| format!("{id}~{k}");
    let mut k = 0;
    while plan.item_count() < items {
        k += 1;
        plan.dependencies.extend(base.dependencies.iter().map(|d| {
            let mut d = d.clone();
            d.id = suffix(&d.id, k);
            d
        }));
        plan.investments.extend(base.investments.iter().map(|i| {
            let mut i = i.clone();
            i.id = suffix(&i.id, k);
            i.after = i.after.iter().map(|a| suffix(a, k)).collect();
            i
        }));
        plan.milestones.extend(base.milestones.iter().map(|m| {
            let mut m = m.clone();
            m.id = suffix(&m.id, k);
            m.needs = m.needs.iter().map(|n| suffix(n, k)).collect();
            m.removes = m.removes.iter().map(|r| suffix(r, k)).collect();
            m.introduces = m.introduces.iter().map(|r| suffix(r, k)).collect();
            m
        }));
    }
    plan
}

/// Peak resident memory of this process so far, in bytes (Linux only).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[test]
fn a_plan_of_200_000_items_loads_within_bounded_memory() {
    let plan = plan_of(200_000);
    assert!(plan.item_count() >= 200_000);
    let text = to_ron(&plan);
    drop(plan);
    let before = peak_memory();
    let loaded = load_bytes(text.as_bytes()).unwrap();
    assert!(loaded.item_count() >= 200_000);
    assert_eq!(to_ron(&loaded), text);
    if let (Some(before), Some(after)) = (before, peak_memory()) {
        let grown = after.saturating_sub(before);
        eprintln!(
            "{} items, {} MB of text; peak memory grew by {} MB while loading",
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
