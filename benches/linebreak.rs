//! Breaking a report-sized text (~7000 characters of mixed Chinese, digits, Latin, punctuation)
//! into 28-character justified lines, as the PDF writer does for a whole report.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use workreport::geometry::{CHAR_PITCH_PT as EM, TYPE_AREA_WIDTH_PT as WIDTH};
use workreport::layout::linebreak::break_paragraph;

const SENTENCES: &[&str] = &[
    "一年来，镇人大主席团在镇党委的坚强领导下，坚持党的领导、人民当家作主、依法治国有机统一。",
    "共收到代表建议17件，已全部交办，办结15件，代表满意率98.5%。",
    "主席团组织代表开展“人大代表进站履职”活动，2024年共接待选民326人次，收集意见建议48条；",
    "对《青石镇农村人居环境整治三年行动方案（2023—2025年）》的实施情况开展专题询问……",
    "代表们说：“这些事都办到了群众的心坎上。”",
    "围绕GDP增长目标和smart village建设，第3次主席团会议听取了专项工作报告——会议要求抓好落实。",
    "全年召开主席团会议6次，组织视察调研12次，开展执法检查2次，提出意见建议35条。",
];

fn advance(c: char) -> f32 {
    match c {
        ' ' => 4.0,
        '0'..='9' | 'a'..='z' => 7.8,
        'A'..='Z' => 10.5,
        c if c.is_ascii() => 4.6,
        _ => EM,
    }
}

/// About 7000 characters in paragraphs of five to nine sentences.
fn report_paragraphs() -> Vec<Vec<char>> {
    let mut paragraphs = Vec::new();
    let mut total = 0;
    let mut k = 0;
    while total < 7000 {
        let mut p = String::new();
        for _ in 0..5 + k % 5 {
            p.push_str(SENTENCES[k % SENTENCES.len()]);
            k += 1;
        }
        total += p.chars().count();
        paragraphs.push(p.chars().collect());
    }
    paragraphs
}

fn bench_linebreak(c: &mut Criterion) {
    let paragraphs = report_paragraphs();
    let advances: Vec<Vec<f32>> = paragraphs
        .iter()
        .map(|p| p.iter().map(|&c| advance(c)).collect())
        .collect();
    c.bench_function("break 7000 chars in report paragraphs", |b| {
        b.iter(|| {
            for (p, a) in paragraphs.iter().zip(&advances) {
                black_box(break_paragraph(black_box(p), a, 2.0 * EM, WIDTH, true));
            }
        })
    });
    let one: Vec<char> = paragraphs.concat();
    let one_advances: Vec<f32> = advances.concat();
    c.bench_function("break one 7000-char paragraph", |b| {
        b.iter(|| {
            black_box(break_paragraph(
                black_box(&one),
                &one_advances,
                2.0 * EM,
                WIDTH,
                true,
            ))
        })
    });
}

criterion_group!(benches, bench_linebreak);
criterion_main!(benches);
