//! Speed targets for the whole build of the sample (facts → Markdown, DOCX and PDF), and for
//! each stage, so a regression shows where it came from. Target: the whole in-memory build of
//! the sample in no more time than pandoc needs to turn the same Markdown into DOCX alone
//! (about 80 ms on the project's machine).

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::path::Path;
use workreport::build::{self, BuildOptions, Format};
use workreport::diag::SourceFile;
use workreport::fonts::{FontOptions, FontSet};
use workreport::kinds::{self, Selection, ANNUAL};
use workreport::{check, figures, markdown, write};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/qingshi-2024.yaml");

fn options(formats: &[Format]) -> BuildOptions {
    BuildOptions {
        kind: Selection::default(),
        formats: formats.to_vec(),
        out_dir: std::env::temp_dir(),
        templates: None,
        fonts: FontOptions::default(),
        marks: Default::default(),
    }
}

fn whole_build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    group.sample_size(20);
    let all = options(&Format::ALL);
    group.bench_function("sample: md+docx+pdf, fonts loaded", |b| {
        b.iter(|| build::render(black_box(Path::new(SAMPLE)), &all).unwrap())
    });
    group.finish();
}

fn stages(c: &mut Criterion) {
    let loaded = check::load(Path::new(SAMPLE)).unwrap();
    let composer = kinds::composer(None).unwrap();
    let source = kinds::compose(&ANNUAL, &composer, &loaded).unwrap();
    let source = SourceFile::new("<annual模板输出>", source);
    let doc = markdown::parse(&source).unwrap();
    let fonts = FontSet::discover(&FontOptions::default()).unwrap();

    let mut group = c.benchmark_group("stage");
    group.sample_size(30);
    group.bench_function("facts: load and check", |b| {
        b.iter(|| check::load(black_box(Path::new(SAMPLE))).unwrap())
    });
    group.bench_function("figures", |b| {
        b.iter(|| figures::compute(black_box(&loaded.facts), figures::Period::Year))
    });
    group.bench_function("compose markdown", |b| {
        b.iter(|| kinds::compose(&ANNUAL, &composer, black_box(&loaded)).unwrap())
    });
    group.bench_function("parse markdown", |b| {
        b.iter(|| markdown::parse(black_box(&source)).unwrap())
    });
    group.bench_function("write docx", |b| {
        b.iter(|| write::docx::render(black_box(&doc)).unwrap())
    });
    group.bench_function("fonts: discover and load", |b| {
        b.iter(|| FontSet::discover(&FontOptions::default()).unwrap())
    });
    group.bench_function("write pdf", |b| {
        b.iter(|| write::pdf::render(black_box(&doc), &fonts).unwrap())
    });
    group.finish();
}

criterion_group!(benches, whole_build, stages);
criterion_main!(benches);
