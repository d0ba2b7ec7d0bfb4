//! Checking a big facts file costs time in proportion to it: 60,000 records (a facts file far
//! beyond any township's year) read through the YAML layer and serde, checked for duplicates by
//! hashing, and proofread, must take under 0.5 s. Measured twice: every record distinct, and
//! every record written twice (30,000 duplicate findings, each naming the first record), where
//! the pairwise duplicate check used to spend half the run.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::{Duration, Instant};
use workreport::check;

/// A facts file with `records` records: half trainings, half liaison-station days, dated
/// across the year; `twice` writes each of them twice.
fn facts(records: usize, twice: bool) -> String {
    let mut text = String::from(
        "单位:\n  镇名: 青石镇\n  县区: 东山县\n  届次: 3\n  次会议: 4\n  报告人: 周平\n  职务: 镇人大主席\n年度: 2024\n",
    );
    let distinct = if twice { records / 2 } else { records };
    let day = |i: usize| format!("2024-{:02}-{:02}", i % 12 + 1, i % 28 + 1);
    text.push_str("培训:\n");
    for i in 0..distinct / 2 {
        for _ in 0..1 + usize::from(twice) {
            text.push_str(&format!(
                "  - 日期: {}\n    主题: 第{i}期代表履职培训\n    参加人数: 28\n",
                day(i)
            ));
        }
    }
    text.push_str("联络站:\n");
    for i in 0..distinct - distinct / 2 {
        for _ in 0..1 + usize::from(twice) {
            text.push_str(&format!(
                "  - 日期: {}\n    站点: 第{i}联络站\n    代表进站: 12\n    接待选民: 30\n    收集意见: 11\n    解决问题: 9\n",
                day(i)
            ));
        }
    }
    text
}

fn checking(c: &mut Criterion) {
    let mut group = c.benchmark_group("facts");
    group.sample_size(10);
    for twice in [false, true] {
        let text = facts(60_000, twice);
        let name = if twice {
            "60,000 records, each twice: check"
        } else {
            "60,000 records: check"
        };
        // The bar, asserted once outside criterion's loop so a regression fails the run.
        let started = Instant::now();
        let outcome = check::parse(text.as_bytes(), "big.yaml");
        let took = started.elapsed();
        match (&outcome, twice) {
            (Ok(_), false) => {}
            (Err(found), true) => assert_eq!(found.error_count(), 30_000),
            (other, _) => panic!("{name}: unexpected outcome {:?}", other.as_ref().err()),
        }
        assert!(took < Duration::from_millis(500), "{name}: {took:?}");
        group.bench_function(name, |b| {
            b.iter(|| check::parse(black_box(text.as_bytes()), "big.yaml").is_ok())
        });
    }
    group.finish();
}

criterion_group!(benches, checking);
criterion_main!(benches);
