//! Export speed: PDF, SVG and PNG of generated 5,000- and 10,000-item plans.

use criterion::{Criterion, criterion_group, criterion_main};
use stackplan::analysis::Analysis;
use stackplan::export::{self, ExportOptions};
use stackplan::generate::large_plan;
use stackplan::layout::{self, View};

fn exports(c: &mut Criterion) {
    let options = ExportOptions {
        date: Some("2026-11-25".into()),
        ..ExportOptions::default()
    };
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    for items in [5_000, 10_000] {
        let plan = large_plan(items, 7);
        group.bench_function(format!("layout {items}"), |b| {
            let spans = stackplan::analysis::dependency_spans(&plan);
            b.iter(|| layout::layout(&plan, &spans, &View::whole(&plan)))
        });
        group.bench_function(format!("svg {items}"), |b| {
            b.iter(|| export::svg::write(&plan, &Analysis::of(&plan), &options))
        });
        group.bench_function(format!("png {items}"), |b| {
            b.iter(|| export::png::render(&plan, &Analysis::of(&plan), &options))
        });
        group.bench_function(format!("pdf {items}"), |b| {
            b.iter(|| export::pdf::render(&plan, &Analysis::of(&plan), &options))
        });
    }
    group.finish();
}

criterion_group!(benches, exports);
criterion_main!(benches);
