//! Speed targets for the whole build of the sample (facts → Markdown, DOCX and PDF), and for
//! each stage, so a regression shows where it came from. Target: the whole in-memory build of
//! the sample in no more time than pandoc needs to turn the same Markdown into DOCX alone
//! (about 80 ms on the project's machine). A report with a 200-character title builds in under
//! 0.2 s.

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

/// A report whose 标题 is 200 characters: the balanced-title breaking used to try every set
/// of breaks (minutes); target: the whole Markdown build in under 0.2 s.
fn long_title(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let title: String = "青石镇第五届人民代表大会第五次会议关于镇人民代表大会主席团2024年工作报告和2025年工作计划的决议"
        .chars()
        .cycle()
        .take(200)
        .collect();
    let report = dir.path().join("long-title.md");
    let body = "各位代表：\n\n正文第一段，代表提出建议9件，已全部办结。\n\n## 一、主要工作\n\n正文第二段。\n";
    std::fs::write(
        &report,
        format!("---\n标题: {title}\n年度: 2024\n---\n\n{body}"),
    )
    .unwrap();
    let mut group = c.benchmark_group("title");
    group.sample_size(20);
    let all = options(&[Format::Docx, Format::Pdf]);
    group.bench_function("200-character title: md -> docx+pdf", |b| {
        b.iter(|| build::render(black_box(&report), &all).unwrap())
    });
    group.bench_function("200-character title: balance only", |b| {
        b.iter(|| workreport::layout::title::balance_title(black_box(&title), 18))
    });
    group.finish();
}

criterion_group!(benches, whole_build, stages, long_title);
criterion_main!(benches);
