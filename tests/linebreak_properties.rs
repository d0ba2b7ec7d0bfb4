//! Property tests: random paragraphs mixing Chinese, digits, Latin words, spaces, full- and
//! half-width punctuation, ——, …… and hard breaks, set at random widths, must keep every
//! invariant of `linebreak_support::check` (避头尾, pairs, numbers, words, widths, flush edges,
//! nothing lost) and never break a line earlier than it must.

mod linebreak_support;

use linebreak_support::{advances, check, is_space, texts, EM, INDENT, WIDTH};
use proptest::prelude::*;
use workreport::layout::linebreak::{break_opportunities, break_paragraph, BreakOpportunity};

const IDEOGRAPHS: &[&str] = &[
    "镇", "人", "大", "代", "表", "建", "议", "件", "年", "次", "名", "主", "席", "团", "第", "工",
    "作", "报", "告", "监", "督", "民", "生", "实", "事",
];
const FULL_WIDTH_MARKS: &[&str] = &[
    "，", "。", "、", "；", "：", "？", "！", "“", "”", "‘", "’", "（", "）", "《", "》", "「",
    "」", "【", "】", "〔", "〕", "〈", "〉", "％",
];
const HALF_WIDTH_MARKS: &[&str] = &[
    ",", ".", ";", ":", "?", "!", "(", ")", "[", "]", "{", "}", "%",
];

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => prop::sample::select(IDEOGRAPHS).prop_map(String::from),
        5 => prop::sample::select(FULL_WIDTH_MARKS).prop_map(String::from),
        1 => prop::sample::select(HALF_WIDTH_MARKS).prop_map(String::from),
        1 => Just("——".to_string()),
        1 => Just("……".to_string()),
        2 => "[0-9]{1,5}",
        1 => "[0-9]{1,2}\\.[0-9]%",
        1 => "第[0-9]{1,2}次",
        2 => "[a-zA-Z]{1,9}",
        1 => "[a-z]{20,70}",
        1 => "[0-9]{30,70}",
        3 => Just(" ".to_string()),
        1 => Just("\n".to_string()),
    ]
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..160).prop_map(|t| t.concat())
}

fn marks_only() -> impl Strategy<Value = String> {
    let mark = prop_oneof![
        4 => prop::sample::select(FULL_WIDTH_MARKS).prop_map(String::from),
        1 => prop::sample::select(HALF_WIDTH_MARKS).prop_map(String::from),
        1 => Just("——".to_string()),
        1 => Just("……".to_string()),
    ];
    prop::collection::vec(mark, 1..120).prop_map(|t| t.concat())
}

/// Sets `text` and checks the invariants plus greediness: at every soft break the line could
/// not have taken the next unbreakable piece at natural width.
fn set_and_check(text: &str, indent: f32, width: f32, justify: bool) -> Result<(), TestCaseError> {
    let chars: Vec<char> = text.chars().collect();
    let adv = advances(&chars);
    let lines = break_paragraph(&chars, &adv, indent, width, justify);
    let shown = || format!("{text:?}\n{:#?}", texts(&chars, &lines));
    check(&chars, &adv, &lines, indent, width, justify)
        .map_err(|e| TestCaseError::fail(format!("{e}\n{}", shown())))?;
    let opportunities = break_opportunities(&chars);
    for k in 0..lines.len().saturating_sub(1) {
        let (line, next) = (&lines[k], &lines[k + 1]);
        if chars[line.range.end..next.range.start].contains(&'\n') || line.range.is_empty() {
            continue;
        }
        let b = next.range.start;
        let q = (b + 1..=chars.len())
            .find(|&q| opportunities[q] != BreakOpportunity::Prohibited)
            .unwrap_or(chars.len());
        let mut end = q;
        while end > b && (is_space(chars[end - 1]) || chars[end - 1] == '\n') {
            end -= 1;
        }
        let natural: f32 = adv[line.range.start..end].iter().sum();
        let measure = width - if k == 0 { indent } else { 0.0 };
        prop_assert!(
            natural > measure - 0.01,
            "line {k} broke early: {natural} of {measure}\n{}",
            shown()
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(768))]

    #[test]
    fn body_paragraphs_keep_every_rule(text in paragraph(), indented in any::<bool>(), justify in any::<bool>()) {
        set_and_check(&text, if indented { INDENT } else { 0.0 }, WIDTH, justify)?;
    }

    #[test]
    fn paragraphs_at_any_measure_keep_every_rule(text in paragraph(), ems in 4.0f32..40.0, indent in 0.0f32..2.0) {
        set_and_check(&text, indent * EM, ems * EM, true)?;
    }

    #[test]
    fn paragraphs_of_marks_only_lose_nothing(text in marks_only(), ems in 3.0f32..30.0) {
        set_and_check(&text, 0.0, ems * EM, true)?;
    }
}
