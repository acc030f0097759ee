//! Import benchmarks: a spreadsheet of 10,000 investment rows (budget: under 1 s), as an
//! Excel workbook and as CSV, each with dates, budgets, owners and predecessor links.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use stackplan::import::{Format, ImportOptions, import_bytes};
use stackplan::model::{Horizon, Investment, Month, Roadmap};

/// A plan of `rows` investments over ten years, each after the one before it in its layer.
fn register(rows: usize) -> Roadmap {
    let start = Month::new(2026, 1).unwrap_or(Month::from_index(2026 * 12));
    let mut plan = Roadmap::blank(
        "Register",
        Horizon {
            start,
            end: start.plus(119),
        },
    );
    let layers: Vec<String> = plan.layers.iter().map(|l| l.id.clone()).collect();
    for i in 0..rows {
        let layer = &layers[i % layers.len()];
        let first = start.plus((i * 7 % 100) as i32);
        plan.investments.push(
            Investment {
                id: format!("inv-{i}"),
                title: format!("Investment number {i}"),
                layer: layer.clone(),
                start: first,
                end: first.plus((i % 19) as i32),
                budget: 1_000_000 + i as u64 * 1_234,
                owner: format!("Agency {}", i % 40),
                notes: String::new(),
                after: if i >= layers.len() {
                    vec![format!("inv-{}", i - layers.len())]
                } else {
                    Vec::new()
                },
            }
            .into(),
        );
    }
    plan
}

fn import(c: &mut Criterion) {
    let plan = register(10_000);
    let xlsx = stackplan::export::xlsx::write(&plan).expect("the workbook is written");
    let mut csv = Vec::new();
    stackplan::export::csv::write_table(&plan, "investments", &mut csv).expect("CSV written");
    let options = ImportOptions::default();
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    for (name, format, bytes) in [
        ("xlsx", Format::Workbook, &xlsx),
        ("csv", Format::Csv, &csv),
    ] {
        group.bench_with_input(BenchmarkId::new(name, "10000 rows"), bytes, |b, bytes| {
            b.iter(|| {
                let imported = import_bytes(format, black_box(bytes), "register", &options)
                    .expect("the register imports");
                assert_eq!(imported.plan.investments.len(), 10_000);
                imported
            })
        });
    }
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
