//! Figures typed in one sentence that cannot both be right: more finished than received (收到
//! 建议17件……办结18件), and a rate above 100% (办结率105%). What a facts file counts is checked
//! against its records elsewhere ([`crate::check::figures`]); this is what a report's own text
//! says of itself.

use std::ops::Range;

use super::Finding;
use crate::diag::{code, Severity};

/// Words that name what came in, and what of it was dealt with.
const RECEIVED: &[&str] = &["收到", "提出", "收集", "受理", "交办"];
const FINISHED: &[&str] = &["办结", "解决", "答复", "落实"];
/// Units of the same things: suggestions and opinions are counted in 件 and 条 alike.
const UNITS: &[&str] = &["件", "条", "个", "项"];

/// A number typed in the text: its value, byte range and the unit after it.
struct Typed<'a> {
    value: f64,
    range: Range<usize>,
    unit: &'a str,
}

/// The numbers of `sentence` (starting at byte `base` of the text) with their units.
fn numbers(sentence: &str, base: usize) -> Vec<Typed<'_>> {
    let bytes = sentence.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let len = bytes[i..]
            .iter()
            .take_while(|b| b.is_ascii_digit() || **b == b'.')
            .count();
        let digits = sentence[i..i + len].trim_end_matches('.');
        let end = i + digits.len();
        let unit_len = sentence[end..].chars().next().map_or(0, char::len_utf8);
        if let Ok(value) = digits.parse() {
            out.push(Typed {
                value,
                range: base + i..base + end,
                unit: &sentence[end..end + unit_len],
            });
        }
        i = end.max(i + 1);
    }
    out
}

/// The word of `words` nearest before byte `at` of `sentence`, within a few characters and
/// no punctuation.
fn word_before<'w>(sentence: &str, at: usize, words: &[&'w str]) -> Option<&'w str> {
    let head = &sentence[..at];
    let window: String = head
        .chars()
        .rev()
        .take(10)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let window = window
        .rsplit(['，', '、', '；', '：', ',', '（', '）'])
        .next()
        .unwrap_or("");
    words
        .iter()
        .filter_map(|w| window.rfind(w).map(|i| (i, *w)))
        .max_by_key(|(i, _)| *i)
        .map(|(_, w)| w)
}

pub fn contradictions(text: &str, out: &mut Vec<Finding>) {
    let mut base = 0;
    for sentence in text.split_inclusive(['。', '；', '！', '？', '\n']) {
        let typed = numbers(sentence, base);
        let local = |r: &Range<usize>| r.start - base;
        let mut received: Option<(&Typed, &str)> = None;
        for n in &typed {
            if n.unit == "%" {
                let rate = sentence[..local(&n.range)].trim_end_matches(['达', '为', '是', '到']);
                if n.value > 100.0
                    && (rate.ends_with('率') || rate.ends_with("比例") || rate.ends_with('占'))
                {
                    out.push(Finding::new(
                        code::TEXT_CONTRADICTORY_FIGURES,
                        Severity::Error,
                        n.range.clone(),
                        "超过100%",
                        format!(
                            "比率为{}%，超过了100%：部分不会多于整体，请核对两个数字",
                            n.value
                        ),
                    ));
                }
                continue;
            }
            if !UNITS.contains(&n.unit) {
                continue;
            }
            if let Some(word) = word_before(sentence, local(&n.range), FINISHED) {
                if let Some((whole, got)) = received {
                    if n.value > whole.value {
                        out.push(Finding::new(
                            code::TEXT_CONTRADICTORY_FIGURES,
                            Severity::Error,
                            n.range.clone(),
                            "多于总数",
                            format!(
                                "{word}{}{}，多于{got}的{}{}：{word}的只能是{got}的一部分，请核对这两个数字",
                                n.value, n.unit, whole.value, whole.unit
                            ),
                        ));
                    }
                }
            } else if let Some(word) = word_before(sentence, local(&n.range), RECEIVED) {
                received = Some((n, word));
            }
        }
        base += sentence.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        contradictions(text, &mut out);
        out.into_iter().map(|f| &text[f.range]).collect()
    }

    #[test]
    fn more_finished_than_received_and_rates_over_a_hundred() {
        assert_eq!(found("共收到代表建议17件，已办结18件。"), ["18"]);
        assert_eq!(found("收集意见19条，解决问题16件；满意率达105%。"), ["105"]);
        assert_eq!(
            found("办结率100%，增长150%，收到8件，办结7件。"),
            Vec::<&str>::new()
        );
    }
}
