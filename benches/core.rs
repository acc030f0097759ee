//! Core benchmarks: load, save and analyse generated plans of 1,000 and 10,000 items.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use stackplan::analysis::Analysis;
use stackplan::generate::large_plan;
use stackplan::io::{load_str, to_ron};

fn core(c: &mut Criterion) {
    let mut group = c.benchmark_group("core");
    for items in [1_000usize, 10_000] {
        let plan = large_plan(items, 1);
        let text = to_ron(&plan);
        group.bench_with_input(BenchmarkId::new("load", items), &text, |b, text| {
            b.iter(|| load_str(black_box(text)))
        });
        group.bench_with_input(BenchmarkId::new("save", items), &plan, |b, plan| {
            b.iter(|| to_ron(black_box(plan)))
        });
        group.bench_with_input(BenchmarkId::new("analyse", items), &plan, |b, plan| {
            b.iter(|| Analysis::of(black_box(plan)))
        });
        group.bench_with_input(BenchmarkId::new("copy", items), &plan, |b, plan| {
            b.iter(|| black_box(plan).clone())
        });
        group.bench_with_input(
            BenchmarkId::new("lay out a screen", items),
            &plan,
            |b, plan| {
                let mut view =
                    stackplan::layout::View::new(plan.horizon.start, plan.horizon.start.plus(80));
                view.month_width = 12.0;
                view.visible = Some((0.0, 900.0));
                let spans = stackplan::analysis::dependency_spans(plan);
                b.iter(|| stackplan::layout::layout(black_box(plan), &spans, &view))
            },
        );
        group.bench_with_input(BenchmarkId::new("load+analyse", items), &text, |b, text| {
            b.iter(|| load_str(black_box(text)).map(|plan| Analysis::of(&plan)))
        });
    }
    group.finish();
}

criterion_group!(benches, core);
criterion_main!(benches);
