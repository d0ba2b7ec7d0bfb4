//! Numbers in prose against GB/T 15835: a percentage is written in Arabic digits (98%, not
//! 百分之九十八), and a count carries no thousands separator (1200人, not 1,200人).

use super::Finding;
use crate::diag::{code, Severity};
use crate::text::is_ideograph;

fn digit_of(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn is_numeral(c: char) -> bool {
    digit_of(c).is_some() || matches!(c, '十' | '百' | '点')
}

/// A Chinese numeral up to 百 with decimals after 点 (九十八点五) in Arabic digits.
fn arabic(numeral: &str) -> Option<String> {
    let (whole, decimals) = match numeral.split_once('点') {
        Some((w, d)) => (w, Some(d)),
        None => (numeral, None),
    };
    let mut value = 0u64;
    let mut digit: Option<u64> = None;
    for c in whole.chars() {
        match c {
            '百' => {
                value += digit.take().unwrap_or(1) * 100;
            }
            '十' => {
                value += digit.take().unwrap_or(1) * 10;
            }
            c => {
                let d = digit_of(c)?;
                if d == 0 {
                    continue;
                }
                if digit.replace(d).is_some() {
                    return None;
                }
            }
        }
    }
    value += digit.unwrap_or(0);
    if whole.is_empty() {
        return None;
    }
    let mut out = value.to_string();
    if let Some(d) = decimals {
        let digits: Option<String> = d
            .chars()
            .map(|c| digit_of(c).map(|d| char::from(b'0' + d as u8)))
            .collect();
        let digits = digits.filter(|d| !d.is_empty())?;
        out.push('.');
        out.push_str(&digits);
    }
    Some(out)
}

pub fn find(text: &str, out: &mut Vec<Finding>) {
    percentages(text, out);
    separators(text, out);
}

fn percentages(text: &str, out: &mut Vec<Finding>) {
    for (at, _) in text.match_indices("百分之") {
        let rest = &text[at + "百分之".len()..];
        let len: usize = rest
            .chars()
            .take_while(|&c| is_numeral(c))
            .map(char::len_utf8)
            .sum();
        let Some(n) = arabic(&rest[..len]) else {
            continue;
        };
        let range = at..at + "百分之".len() + len;
        let shown = &text[range.clone()];
        out.push(
            Finding::new(
                code::TEXT_NUMBER_STYLE,
                Severity::Warning,
                range,
                "数字写法",
                format!("“{shown}”应写作“{n}%”：统计数字用阿拉伯数字（GB/T 15835）"),
            )
            .with_fix(format!("{n}%")),
        );
    }
}

fn separators(text: &str, out: &mut Vec<Finding>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit()
            || (i > 0
                && (bytes[i - 1].is_ascii_digit() || bytes[i - 1] == b',' || bytes[i - 1] == b'.'))
        {
            i += 1;
            continue;
        }
        let lead = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        let mut end = i + lead;
        let mut groups = 0;
        while bytes.get(end) == Some(&b',')
            && bytes.len() >= end + 4
            && bytes[end + 1..end + 4].iter().all(u8::is_ascii_digit)
            && !bytes.get(end + 4).is_some_and(u8::is_ascii_digit)
        {
            end += 4;
            groups += 1;
        }
        let unit = text[end..].trim_start_matches(' ').chars().next();
        if groups > 0 && lead <= 3 && unit.is_some_and(is_ideograph) {
            let shown = &text[i..end];
            let plain: String = shown.chars().filter(|&c| c != ',').collect();
            out.push(
                Finding::new(
                    code::TEXT_NUMBER_STYLE,
                    Severity::Warning,
                    i..end,
                    "数字写法",
                    format!("数字“{shown}”中不用千分位逗号，应写作“{plain}”（GB/T 15835）"),
                )
                .with_fix(plain),
            );
        }
        i = end.max(i + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixes(text: &str) -> Vec<(&str, String)> {
        super::super::fixes(find, text)
    }

    #[test]
    fn percentages_in_words_and_separated_counts_are_found() {
        assert_eq!(
            fixes("满意率达百分之九十八，办结率百分之百，增长百分之十二点五，接待1,200人次，投入12,345,678元"),
            [
                ("百分之九十八", "98%".to_string()),
                ("百分之百", "100%".to_string()),
                ("百分之十二点五", "12.5%".to_string()),
                ("1,200", "1200".to_string()),
                ("12,345,678", "12345678".to_string()),
            ]
        );
        assert_eq!(arabic("一百"), Some("100".into()));
        assert_eq!(arabic("五"), Some("5".into()));
        assert_eq!(arabic("二十"), Some("20".into()));
        assert_eq!(arabic("一百零五"), Some("105".into()));
    }

    #[test]
    fn good_numbers_pass() {
        assert!(fixes("满意率98%，接待1200人次，坐标1,2，版本1.2,3").is_empty());
    }
}
