//! Print runs of the hand-built report: making the run (layout, the report's PDF, the stamps,
//! the copies' shared objects) and writing it, for 10 and 1,000 numbered copies, flat and as
//! booklets. Writing goes to a sink: the time is the press's, not the disk's.

#[path = "../tests/pdf_common/mod.rs"]
mod pdf_common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use workreport::build::{self, Marks};
use workreport::fonts::{FontOptions, FontSet};
use workreport::press::{Imposition, Numbering, RunSpec};

fn bench(c: &mut Criterion) {
    let doc = pdf_common::sample_document();
    let fonts = FontSet::shipped(&FontOptions::default()).unwrap();
    let mut group = c.benchmark_group("print run");
    for copies in [10u32, 1_000] {
        for imposition in [Imposition::Pages, Imposition::Booklet] {
            let spec = RunSpec {
                numbering: Some(Numbering { first: 1, copies }),
                imposition,
            };
            let name = format!("{imposition:?}");
            group.bench_with_input(BenchmarkId::new(name, copies), &spec, |b, &spec| {
                b.iter(|| {
                    let (run, _) = build::press(&doc, &fonts, &Marks::default(), spec).unwrap();
                    run.write_to(std::io::sink(), &mut |_| {}).unwrap();
                })
            });
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
