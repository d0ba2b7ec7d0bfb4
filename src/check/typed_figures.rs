//! Figures typed by hand in a facts file's review, where the records count them: one that
//! differs from the count is an error (收到代表建议18件 where the records count 17), one that
//! agrees is a hint to quote the figure by name, so it stays right when a record is added.

use crate::diag::{code, Diagnostic};
use crate::text::{is_cjk_punctuation, is_ideograph};

/// The words before a typed number that say which figure it is, most specific first.
const PHRASES: &[(&str, &str)] = &[
    ("主席团会议", "会议.主席团会议"),
    ("人代会", "会议.人代会"),
    ("代表小组活动", "会议.代表小组活动"),
    ("监督活动", "监督.总数"),
    ("执法检查", "监督.执法检查"),
    ("专题评议", "监督.专题评议"),
    ("视察", "监督.视察"),
    ("调研", "监督.调研"),
    ("代表建议", "建议.总数"),
    ("建议", "建议.总数"),
    ("已办结", "建议.已办结"),
    ("办结", "建议.已办结"),
    ("正在办理", "建议.正在办理"),
    ("留作参考", "建议.留作参考"),
    ("承办单位", "建议.承办单位"),
    ("参训", "培训.人次"),
    ("培训", "培训.次数"),
    ("代表进站", "联络站.代表进站"),
    ("接待选民", "联络站.接待选民"),
    ("收集意见", "联络站.收集意见"),
    ("解决", "联络站.解决问题"),
    ("述职", "述职.总数"),
    ("报送", "宣传.报送"),
    ("录用", "宣传.录用"),
];

/// Words between the phrase and the number that make it no count of the records (a target,
/// an estimate).
const HEDGES: &[&str] = &["不少于", "至少", "以上", "超过", "约", "近", "计划", "力争"];

/// The most characters between the phrase and the number.
const GAP: usize = 6;

/// A number typed in `text` that names a figure: (byte range of the number, its value, the
/// figure's name).
pub fn typed(
    text: &str,
    units: &dyn Fn(&str) -> Option<&'static str>,
) -> Vec<(std::ops::Range<usize>, u64, &'static str)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit()
            || (i > 0 && (bytes[i - 1].is_ascii_digit() || bytes[i - 1] == b'.'))
        {
            i += 1;
            continue;
        }
        let len = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        let end = i + len;
        i = end;
        if bytes.get(end) == Some(&b'.') || bytes.get(end) == Some(&b'%') {
            continue;
        }
        let Ok(value) = text[end - len..end].parse::<u64>() else {
            continue;
        };
        let before: Vec<char> = text[..end - len].chars().rev().take(GAP + 6).collect();
        let before: String = before.into_iter().rev().collect();
        // The phrase that ends nearest the number; the longest of those (代表建议 over 建议).
        let Some((name, gap)) = PHRASES
            .iter()
            .filter_map(|(phrase, name)| {
                let at = before.rfind(phrase)?;
                Some((at + phrase.len(), phrase.len(), *name))
            })
            .max_by_key(|&(end, len, _)| (end, len))
            .map(|(end, _, name)| (name, &before[end..]))
        else {
            continue;
        };
        let gap_ok = gap.chars().count() <= GAP
            && gap
                .chars()
                .all(|c| is_ideograph(c) && !is_cjk_punctuation(c))
            && !HEDGES.iter().any(|h| gap.contains(h));
        let Some(unit) = units(name) else { continue };
        if gap_ok && text[end..].starts_with(unit) {
            out.push((end - len..end, value, name));
        }
    }
    out
}

/// The finding for a number typed as `value` where the records count `count` for `name`.
pub fn finding(value: u64, count: u64, name: &str, unit: &str) -> Diagnostic {
    if value == count {
        Diagnostic::warning(
            code::TEXT_TYPED_FIGURE,
            format!("“{value}{unit}”是手写的数字，与记录算出的相同；写作 {{{name}}}，记录增减时会自动更新"),
        )
        .with_label("手写数字")
    } else {
        Diagnostic::error(
            code::TEXT_TYPED_FIGURE_DIFFERS,
            format!("手写的“{value}{unit}”与记录算出的{count}{unit}不符，应写作 {{{name}}}（由记录统计）"),
        )
        .with_label("与记录不符")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(name: &str) -> Option<&'static str> {
        Some(match name {
            "建议.总数" | "建议.已办结" => "件",
            "会议.主席团会议" | "培训.次数" => "次",
            _ => return None,
        })
    }

    #[test]
    fn typed_counts_are_named_by_the_words_before_them() {
        let text = "共收到代表建议18件，已办结16件，召开主席团会议6次，全年举办集中培训不少于4次，增长12.5%";
        let found: Vec<(&str, u64, &str)> = typed(text, &units)
            .into_iter()
            .map(|(r, v, n)| (&text[r], v, n))
            .collect();
        assert_eq!(
            found,
            [
                ("18", 18, "建议.总数"),
                ("16", 16, "建议.已办结"),
                ("6", 6, "会议.主席团会议")
            ]
        );
    }
}
