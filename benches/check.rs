//! Speed targets of the proofreader (issue #11): a facts file of 60,000 records checked in
//! under 0.5 s (every rule, the figures of each period, the duplicate check, which is one
//! hashed pass), and a file of 7,623 repeated records reported in time proportional to the
//! findings (it took 12.4 s when miette rescanned the file for each one and the duplicate
//! check compared every pair).

use criterion::{criterion_group, criterion_main, Criterion};
use miette::{GraphicalReportHandler, GraphicalTheme};
use std::hint::black_box;
use workreport::check;

const SAMPLE: &str = include_str!("../sample-data/qingshi-2024.yaml");

/// The sample with `n` more publicity records after its own, titled apart unless `repeated`.
fn with_records(n: usize, repeated: bool) -> String {
    let mut records = String::with_capacity(n * 80);
    for i in 0..n {
        let title = if repeated {
            "代表走进田间地头视察春耕生产".to_string()
        } else {
            format!("青石镇人大第{i}期工作简报")
        };
        records.push_str(&format!(
            "  - 日期: 2024-{:02}-{:02}\n    标题: {title}\n    录用: 否\n",
            i % 12 + 1,
            i % 28 + 1
        ));
    }
    let at = SAMPLE.find("\n上年:").expect("the sample has 上年");
    format!("{}\n{records}{}", &SAMPLE[..at], &SAMPLE[at..])
}

fn checking(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    let big = with_records(60_000, false);
    assert!(check::parse(big.as_bytes(), "big.yaml").is_ok());
    group.bench_function("60,000 records: every check", |b| {
        b.iter(|| check::parse(black_box(big.as_bytes()), "big.yaml").unwrap())
    });
    let repeated = with_records(7_623, true);
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor());
    let found = check::parse(repeated.as_bytes(), "rep.yaml").unwrap_err();
    assert!(found.len() >= 7_623, "{}", found.len());
    group.bench_function("7,623 repeated records: checked and reported", |b| {
        b.iter(|| {
            let found = check::parse(black_box(repeated.as_bytes()), "rep.yaml").unwrap_err();
            found.to_human_with(&handler)
        })
    });
    group.finish();
}

criterion_group!(benches, checking);
criterion_main!(benches);
