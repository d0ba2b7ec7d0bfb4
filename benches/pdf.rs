//! PDF timings on the hand-built report: font discovery, realizing and laying out, writing (font
//! subsetting included), and the whole build from a fresh FontSet.

#[path = "../tests/pdf_common/mod.rs"]
mod pdf_common;

use criterion::{criterion_group, criterion_main, Criterion};
use workreport::fonts::{FontOptions, FontSet};
use workreport::layout::lay_out;
use workreport::realize::realize;
use workreport::write::pdf::{render, write_pages};

fn bench(c: &mut Criterion) {
    let doc = pdf_common::sample_document();
    let opts = FontOptions::default();
    c.bench_function("fonts: discover (system scan + shipped faces)", |b| {
        b.iter(|| FontSet::discover(&opts).unwrap())
    });
    c.bench_function("fonts: shipped faces only", |b| {
        b.iter(|| FontSet::shipped(&opts).unwrap())
    });
    let fonts = FontSet::shipped(&opts).unwrap();
    c.bench_function("realize + layout", |b| {
        b.iter(|| lay_out(&realize(&doc), &fonts).unwrap())
    });
    let pages = lay_out(&realize(&doc), &fonts).unwrap();
    c.bench_function("write PDF (cut fonts, printpdf, finish, compress)", |b| {
        b.iter(|| write_pages(&doc, &pages, &fonts).unwrap())
    });
    c.bench_function("full build: fonts + layout + PDF (cold)", |b| {
        b.iter(|| {
            let fonts = FontSet::shipped(&opts).unwrap();
            render(&doc, &fonts).unwrap()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
