//! Rendering findings costs time in proportion to the output: 10,000 findings on one big facts
//! file (a warning on each of its lines), for people through miette and as JSON. Each snippet
//! reads its own lines through the source's line index; 7,623 findings used to take 12 s when
//! miette rescanned the whole file for every one. 1,000 findings on a tenth of the file are
//! measured beside them: the two should differ by about ten times, not a hundred.

use criterion::{criterion_group, criterion_main, Criterion};
use miette::{GraphicalReportHandler, GraphicalTheme};
use std::hint::black_box;
use workreport::diag::{code, Diagnostic, Diagnostics, SourceFile};

/// `n` records of a facts file, each with a half-width comma between Chinese characters, and a
/// warning at every comma.
fn findings(n: usize) -> Diagnostics {
    let mut text = String::from("代表建议:\n");
    for i in 0..n {
        text.push_str(&format!(
            "  - 标题: 关于加强第{i}村农村道路养护,完善路灯设施的建议\n    类别: 基础设施\n"
        ));
    }
    let file = SourceFile::new("big.yaml", text);
    file.text()
        .match_indices(',')
        .enumerate()
        .map(|(i, (at, _))| {
            Diagnostic::warning(
                code::TEXT_HALFWIDTH_PUNCTUATION,
                "中文之间用了半角标点“,”，应为全角“，”",
            )
            .at(file.span(at..at + 1))
            .in_field(format!("代表建议[{}].标题", i + 1))
            .with_label("半角标点")
            .with_fix("，")
        })
        .collect()
}

fn rendering(c: &mut Criterion) {
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor());
    let mut group = c.benchmark_group("diagnostics");
    group.sample_size(10);
    for n in [1_000, 10_000] {
        let found = findings(n);
        assert_eq!(found.len(), n);
        group.bench_function(format!("{n} findings: for people"), |b| {
            b.iter(|| black_box(&found).to_human_with(&handler))
        });
        group.bench_function(format!("{n} findings: JSON"), |b| {
            b.iter(|| black_box(&found).to_json())
        });
    }
    group.finish();
}

criterion_group!(benches, rendering);
criterion_main!(benches);
